//! Linking: turns a document's mentions into entities with canonical labels
//! and identities. Short forms are resolved from the document's locality
//! (`市档案馆` in a Shenyang text is `沈阳市档案馆`; `区委` is `中共路桥区委`),
//! bare names find their antecedent (`史志办` → `桃源县史志办`), nested units
//! get their parents, and people get the locality that scopes their identity.

use crate::extract::locality::{self, Locality};
use crate::extract::{Mention, Reading};
use crate::gazetteer::{self, Level};
use crate::lexicon;
use crate::model::{DocMeta, Entity, EntityType, Extraction, Relation, RelationType};
use crate::normalize::Normalized;
use crate::vocab::Scope;
use rustc_hash::FxHashMap as HashMap;

/// Party organs of the centre that take `中共` before `中央`.
const CENTRAL_ORGANS: &[&str] = &[
    "组织部",
    "宣传部",
    "统战部",
    "党史和文献研究院",
    "党史研究室",
    "文献研究室",
    "党校",
    "办公厅",
    "纪委",
    "政法委",
    "政策研究室",
    "委员会",
];
const CAMPAIGN_PREFIXES: &[&str] = &["党史学习教育", "主题教育"];
/// Long and short forms of one name: (written, canonical), the first
/// ending that fits wins. A gazetteer office is named by its full form
/// (`安徽省地方志办公室`), which the text often shortens (`省方志办`,
/// `雨花台区志办`, `市地方志办`, `区史志办`); the short forms stay alt labels.
const FORMS: &[(&str, &str)] = &[
    ("史志办", "史志办公室"),
    ("地方志办", "地方志办公室"),
    ("方志办", "地方志办公室"),
    ("志办", "地方志办公室"),
    ("党史工作委员会", "党史工委"),
    ("纪律检查委员会", "纪委"),
    ("关心下一代工作委员会", "关工委"),
    ("委办", "委办公室"),
    ("政府办", "政府办公室"),
];

/// Common abbreviations of a committee's party-history office, read as the
/// full name when the document names that office in full: `区党史办` is
/// `中共路桥区委党史研究室` in a text about it, and stays itself elsewhere.
const OFFICE_ABBREVIATIONS: &[(&str, &str)] =
    &[("党史办公室", "委党史研究室"), ("党史办", "委党史研究室"), ("党研室", "委党史研究室")];

/// The full name a resolved abbreviation stands for, if the document names it.
fn abbreviation_in_full(label: &str, loc: &Locality, named: &std::collections::HashSet<String>) -> Option<String> {
    OFFICE_ABBREVIATIONS.iter().find_map(|(short, full)| {
        let place = label.strip_suffix(short)?.trim_end_matches('委');
        let place = place.strip_prefix("中共").unwrap_or(place);
        let candidate = canonical_unit(&format!("{place}{full}"), loc);
        (candidate.resolved && candidate.label != label && named.contains(&candidate.label)).then_some(candidate.label)
    })
}

/// A canonical unit name, or None when a short form cannot be resolved.
#[derive(Clone)]
pub struct Canonical {
    pub label: String,
    pub resolved: bool,
    pub note: Option<String>,
}

fn expand_admin(s: &str, loc: &Locality) -> Option<(String, Option<String>)> {
    let first = s.chars().next()?;
    if !"省市区县州旗".contains(first) || starts_with_place(s).is_some() {
        return Some((s.to_owned(), None));
    }
    let place = loc.expand(first)?;
    let label = format!("{place}{}", &s[first.len_utf8()..]);
    Some((label, Some(format!("`{s}` read as `{place}…`: the document is about {place}"))))
}

/// The gazetteer full name `s` starts with (longest), if any.
fn starts_with_place(s: &str) -> Option<&'static str> {
    let g = gazetteer::get();
    let chars: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    (2..chars.len()).rev().find_map(|n| {
        let head = &s[..chars[n]];
        g.full(head).first().map(|&i| g.place(i).name)
    })
}

/// Drop a province before its own city or county, a city before its county:
/// `山东省莱州市档案馆` → `莱州市档案馆`, `台州市路桥区档案馆` → `路桥区档案馆`.
fn strip_higher_admin(s: &str) -> String {
    let g = gazetteer::get();
    let mut s = s.to_owned();
    while let Some(outer) = starts_with_place(&s) {
        let rest = &s[outer.len()..];
        let Some(inner) = starts_with_place(rest) else { break };
        let nested = g.full(inner).iter().any(|&i| {
            let p = g.place(i);
            p.level != Level::Province && (p.province == outer || p.city == outer)
        });
        if !nested {
            break;
        }
        s = rest.to_owned();
    }
    s
}

pub fn canonical_unit(surface: &str, loc: &Locality) -> Canonical {
    let mut s = surface.to_owned();
    let mut note = None;
    if s == "党中央" || s == "中央" {
        s = "中共中央".into();
    } else if let Some(rest) = s.strip_prefix("中央") {
        if CENTRAL_ORGANS.iter().any(|o| rest.ends_with(o)) {
            s = format!("中共中央{rest}");
        }
    }
    if let Some(rest) = s.strip_prefix('团') {
        if let Some((expanded, n)) = expand_admin(rest, loc).filter(|_| rest.ends_with('委')) {
            s = format!("共青团{expanded}");
            note = n;
        }
    }
    // a campaign's group or a democratic party's committee: the rest is a unit
    // of its own place, and no `中共` goes before it
    let prefix = CAMPAIGN_PREFIXES
        .iter()
        .chain(crate::extract::unit::DEMOCRATIC_PARTIES)
        .find(|p| s.starts_with(*p))
        .copied()
        .unwrap_or("");
    let body = s[prefix.len()..].to_owned();
    let Some((body, n)) = expand_admin(&body, loc) else {
        return Canonical {
            label: s,
            resolved: false,
            note: Some(format!(
                "`{surface}` names no place and the document's locality does not say which: kept to this document"
            )),
        };
    };
    note = note.or(n);
    let mut body = strip_higher_admin(&body);
    if prefix.is_empty() {
        if let Some(place) = starts_with_place(&body) {
            let rest = &body[place.len()..];
            if rest.starts_with('委') || rest.starts_with("纪委") {
                body = format!("中共{body}");
            }
        }
    }
    let label = format!("{prefix}{}", full_form(&body));
    match qualify_shared_county(&label, loc) {
        Ok(qualified) => {
            let note = if qualified == label {
                note
            } else {
                Some(format!("unit/shared-county-name: `{label}` names a county of several cities; written as `{qualified}`, of the document's city"))
            };
            Canonical { label: qualified, resolved: true, note }
        }
        Err(county) => Canonical {
            label,
            resolved: false,
            note: Some(format!(
                "unit/shared-county-name: `{county}` is the name of counties in several cities, and the document's locality says not which: kept to this document"
            )),
        },
    }
}

/// Rule `unit/shared-county-name`: a county-level name that the gazetteer
/// holds in more than one city (`普陀区`: 上海市 and 舟山市; `鼓楼区`,
/// `市中区`) names no one place, so a unit named with it is written with its
/// city, the one the document is about (`中共普陀区委` in a text about 舟山 →
/// `中共舟山市普陀区委`). When the document's city is none of them, the name
/// cannot be placed: `Err` with the county name (the unit stays the document's).
/// Known misses: a document about two cities that share the county name.
fn qualify_shared_county(label: &str, loc: &Locality) -> Result<String, String> {
    let g = gazetteer::get();
    let lead = if label.starts_with("中共") { "中共" } else { "" };
    let body = &label[lead.len()..];
    let Some(place) = starts_with_place(body) else { return Ok(label.to_owned()) };
    let counties: Vec<&gazetteer::Place> =
        g.full(place).iter().map(|&i| g.place(i)).filter(|p| p.level == Level::County).collect();
    if counties.len() < 2 {
        return Ok(label.to_owned());
    }
    let city = counties
        .iter()
        .map(|p| if p.city.is_empty() { p.province } else { p.city })
        .find(|c| loc.city == Some(*c) || loc.province == Some(*c) && loc.city.is_none());
    match city {
        Some(c) => Ok(format!("{lead}{c}{body}")),
        None => Err(place.to_owned()),
    }
}

/// Organs of state a locality's people's congress sets up, written short in
/// running text: `上海市政府` is `上海市人民政府`, `沈阳市检察院` is
/// `沈阳市人民检察院`.
const STATE_ORGAN_FORMS: &[(&str, &str)] = &[("政府", "人民政府"), ("检察院", "人民检察院")];

/// A name with its short ending written in full (`FORMS`): `桃源县史志办` →
/// `桃源县史志办公室`, a bare `方志办` → `地方志办公室`. Rule
/// `unit/state-organ-full-form`: a place's `政府`/`检察院` is its
/// `人民政府`/`人民检察院` (`广州市政府`, `永春县政府`, `沈阳市检察院`), only
/// right after a whole place name, so `陕甘宁边区政府`, `国民政府` and
/// `临时政府` stay as written. A court takes its level's name (`COURT`).
fn full_form(name: &str) -> String {
    for (written, canonical) in FORMS {
        if let Some(stem) = name.strip_suffix(written) {
            if !name.ends_with(canonical) {
                return format!("{stem}{canonical}");
            }
            break;
        }
    }
    let g = gazetteer::get();
    for (written, canonical) in STATE_ORGAN_FORMS {
        if let Some(stem) = name.strip_suffix(written) {
            if !name.ends_with(canonical) && !g.full(stem).is_empty() {
                return format!("{stem}{canonical}");
            }
        }
    }
    if let Some(stem) = name.strip_suffix(COURT).filter(|_| !name.ends_with("人民法院")) {
        // the court of a place is named by the place's level
        let levels: Vec<Level> = g.full(stem).iter().map(|&i| g.place(i).level).collect();
        if let Some(&level) = levels.first().filter(|&&l| levels.iter().all(|&x| x == l)) {
            let court = match level {
                Level::Province => "高级人民法院",
                Level::City => "中级人民法院",
                Level::County => "人民法院",
            };
            return format!("{stem}{court}");
        }
    }
    name.to_owned()
}

/// A court written short (`市法院院长`): a province's is its 高级人民法院, a
/// city's its 中级人民法院, a county's its 人民法院.
const COURT: &str = "法院";

/// Canonical event label: `全省…` / `省…` name the province, `全市…` the city.
pub fn canonical_event(surface: &str, loc: &Locality) -> (String, bool) {
    let written = without_interpuncts(surface);
    // `2023年全省…会议`: the year the name opens with stays before the place
    let year_len = crate::extract::event::year_in_name(&written).map_or(0, |_| 4 + '年'.len_utf8());
    let (year, surface) = written.split_at(year_len);
    for (prefix, admin) in [("全省", '省'), ("全市", '市'), ("全区", '区'), ("全县", '县')] {
        if let Some(rest) = surface.strip_prefix(prefix) {
            if let Some(place) = loc.expand(admin) {
                return (format!("{year}{place}{rest}"), true);
            }
        }
    }
    let surface = written.as_str();
    if let Some(c) = surface.chars().next().filter(|c| "省市区县".contains(*c)) {
        if starts_with_place(surface).is_none() {
            if let Some(place) = loc.expand(c) {
                return (format!("{place}{}", &surface[c.len_utf8()..]), true);
            }
        }
    }
    let specific = surface.contains(['“', '《', '‘', '"'])
        || surface.starts_with("全国")
        || surface.starts_with("中国共产党第")
        || surface.chars().any(|c| c.is_ascii_digit())
        || has_place(surface)
        || surface.chars().count() >= 8;
    (surface.to_owned(), specific)
}

/// Interpuncts between two Chinese characters of a title are typography:
/// `百年历程·兰台印记` and `百年历程兰台印记` (or `百年历程 兰台印记`) are one
/// title, so an event's name is written without them (the written form stays
/// an alt label). Between Latin letters or digits they stay.
fn without_interpuncts(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let is_dot = |c: char| matches!(c, '·' | '•' | '‧' | '・');
    let han = |c: Option<&char>| c.copied().is_some_and(crate::normalize::is_han);
    (0..chars.len())
        .filter(|&i| !(is_dot(chars[i]) && i > 0 && han(chars.get(i - 1)) && han(chars.get(i + 1))))
        .map(|i| chars[i])
        .collect()
}

fn has_place(s: &str) -> bool {
    let chars: Vec<usize> = s.char_indices().map(|(i, _)| i).chain([s.len()]).collect();
    let g = gazetteer::get();
    (0..chars.len()).any(|a| (a + 2..chars.len().min(a + 8)).any(|b| !g.full(&s[chars[a]..chars[b]]).is_empty()))
}

struct Linker<'a> {
    doc: &'a Normalized,
    file_name: &'a str,
    /// Canonical names of the units the document names with an anchor.
    named_units: std::collections::HashSet<String>,
    /// (sentence, canonical name) of units named as where someone goes
    /// (`赴杭州市档案馆`): a short form before them in the sentence is not them.
    destinations: HashMap<(usize, String), usize>,
    /// Events whose date was inferred rather than read in their sentence.
    weak_dates: std::collections::HashSet<usize>,
    /// Event surfaces by (quoted title, sub-class): the fullest form of each.
    titled_events: HashMap<(String, &'static str), String>,
    /// The parts of the document's titled events (`主标题——副标题`), each
    /// with its sub-class and the titled name: see `titled_part`.
    title_parts: Vec<(String, &'static str, String)>,
    /// The event each sub-class was last named as (`此次…展览` refers to it).
    latest_of_subclass: HashMap<&'static str, (usize, usize)>,
    /// The event named last (a bare `开幕式` is its opening).
    latest_event: Option<(usize, usize)>,
    entities: Vec<Entity>,
    index: HashMap<(EntityType, String), usize>,
    /// (sub-unit, parent, rule) found from nested names.
    parents: Vec<(usize, usize, crate::extract::rules::RuleId)>,
    /// What each bare unit name and bare event noun has been matched against
    /// so far: the lookups scan only the entities added since, so that a
    /// long document links in linear time (issue 12: yearbooks of many MB).
    antecedents: HashMap<String, Scan>,
    events_named_before: HashMap<String, Scan>,
}

/// An incremental scan of `Linker::entities`: how far it has read, and what
/// it found (the best candidate so far, and a fallback).
#[derive(Default)]
struct Scan {
    upto: usize,
    best: Option<usize>,
    fallback: Option<String>,
}

impl Linker<'_> {
    fn entity(&mut self, kind: EntityType, label: &str, scope: Scope, evidence: &str) -> usize {
        let key = (kind, label.to_owned());
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let mut e = Entity::new(kind, label, evidence);
        e.scope = scope;
        self.entities.push(e);
        self.index.insert(key, self.entities.len() - 1);
        self.entities.len() - 1
    }

    fn evidence(&self, m: &Mention) -> String {
        self.doc.sentences.get(m.sentence).map(|s| self.doc.text[s.start..s.end].to_owned()).unwrap_or_default()
    }

    fn add_alt(&mut self, e: usize, m: &Mention) {
        let ent = &mut self.entities[e];
        let mut alts: Vec<String> = m.alt.clone();
        if m.surface != ent.label {
            alts.push(m.surface.clone());
        }
        if let Some(a) = &m.alias {
            alts.push(a.clone());
        }
        if let Some(orig) = self.doc.original_form(m.start..m.end) {
            if orig != m.surface && !orig.is_empty() {
                alts.push(orig.to_owned());
            }
        }
        // `该室`, `本馆`: a pronoun standing for the unit is no name of it
        let pronoun = |a: &str| a.chars().count() == 2 && a.starts_with(['该', '該', '本']);
        for a in alts {
            if a != ent.label && !a.is_empty() && !pronoun(&a) {
                ent.alt_labels.insert(a);
            }
        }
    }
}

/// Link one document's reading into its extraction.
pub fn link(file_name: &str, doc: &Normalized, reading: Reading) -> Extraction {
    let loc = &reading.locality;
    // each anchored unit's canonical name, read once
    let canonical: Vec<Option<Canonical>> = reading
        .mentions
        .iter()
        .map(|m| {
            (m.kind == EntityType::Unit && m.anchored && !m.surface.is_empty()).then(|| canonical_unit(&m.surface, loc))
        })
        .collect();
    let named_units = canonical.iter().flatten().filter(|c| c.resolved).map(|c| c.label.clone()).collect();
    let titled_events = titled_events(&reading.mentions);
    let title_parts = title_parts(&reading.mentions);
    let destinations = destinations(doc, &reading.mentions, &canonical);
    let mut lk = Linker {
        doc,
        file_name,
        named_units,
        weak_dates: Default::default(),
        titled_events,
        title_parts,
        latest_of_subclass: HashMap::default(),
        latest_event: None,
        destinations,
        entities: Vec::new(),
        index: HashMap::default(),
        parents: Vec::new(),
        antecedents: HashMap::default(),
        events_named_before: HashMap::default(),
    };
    let mut of_mention: Vec<Option<usize>> = vec![None; reading.mentions.len()];
    // anchored units first, so that bare names can find them
    let mut order: Vec<usize> = (0..reading.mentions.len()).collect();
    order.sort_by_key(|&i| {
        let m = &reading.mentions[i];
        (m.kind == EntityType::Unit && !m.anchored, m.start)
    });
    for i in order {
        let m = &reading.mentions[i];
        if m.surface.is_empty() {
            continue; // dropped by a rule (held inside a longer mention)
        }
        of_mention[i] = link_mention(&mut lk, m, canonical[i].clone(), loc, &of_mention);
        if let Some(e) = of_mention[i] {
            for rule in &m.rules {
                lk.entities[e].add_rule(rule);
            }
        }
    }
    unit_parents(&mut lk);
    let mut relations: Vec<Relation> = Vec::new();
    let mut relation_index: HashMap<(RelationType, usize, usize, Option<String>), usize> = HashMap::default();
    for r in &reading.relations {
        let (Some(from), Some(to)) = (of_mention[r.from], of_mention[r.to]) else { continue };
        let evidence = doc.sentences.get(r.sentence).map(|s| doc.text[s.start..s.end].to_owned()).unwrap_or_default();
        if from == to {
            continue;
        }
        // one relation per kind, ends and post; every rule that read it is kept
        match relation_index.entry((r.kind, from, to, r.post.clone())) {
            std::collections::hash_map::Entry::Occupied(o) => {
                let x: &mut Relation = &mut relations[*o.get()];
                for rule in &r.rules {
                    if !x.rules.contains(rule) {
                        x.rules.push(rule);
                    }
                }
            }
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(relations.len());
                relations.push(Relation {
                    kind: r.kind,
                    from,
                    to,
                    post: r.post.clone(),
                    evidence,
                    rules: r.rules.clone(),
                });
            }
        }
    }
    relations.extend(lk_parent_relations(&lk));
    person_scopes(&mut lk, &relations, loc);
    recurring_event_scopes(&mut lk);
    let meta = metadata(&mut lk, &reading);
    Extraction { meta, entities: lk.entities, relations }
}

/// `canonical`: the canonical name of an anchored unit mention.
fn link_mention(
    lk: &mut Linker,
    m: &Mention,
    canonical: Option<Canonical>,
    loc: &Locality,
    of_mention: &[Option<usize>],
) -> Option<usize> {
    let evidence = lk.evidence(m);
    let e = match m.kind {
        EntityType::Unit => {
            let (label, scope, note) = if let Some(mut c) = canonical {
                // `市档案馆赴杭州市档案馆考察`: the visitor is not where it goes
                let goes_to = lk.destinations.get(&(m.sentence, c.label.clone()));
                if c.label != m.surface && goes_to.is_some_and(|&at| m.end <= at) {
                    let note = format!("`{}` visits {}: not read as it", m.surface, c.label);
                    c = Canonical { label: m.surface.clone(), resolved: false, note: Some(note) };
                }
                let scope = if c.resolved { Scope::Global } else { Scope::Document(lk.file_name.to_owned()) };
                match abbreviation_in_full(&c.label, loc, &lk.named_units).filter(|_| c.resolved) {
                    Some(full) => {
                        let note = format!("`{}` read as `{full}`, named in full in the document", m.surface);
                        (full, scope, Some(note))
                    }
                    None => (c.label, scope, c.note),
                }
            } else if let Some(label) = antecedent(lk, &full_form(&m.surface)) {
                let note = format!("`{}` read as `{label}`, named earlier in the document", m.surface);
                (label, Scope::Global, Some(note))
            } else {
                // a department of the unit the passage is about
                let parent = m.parent_hint.and_then(|p| of_mention.get(p).copied().flatten())?;
                let label = format!("{}{}", lk.entities[parent].label, m.surface);
                let note = format!("`{}` read as a department of {}", m.surface, lk.entities[parent].label);
                (label, Scope::Global, Some(note))
            };
            let e = lk.entity(EntityType::Unit, &label, scope, &evidence);
            if lk.entities[e].note.is_none() {
                lk.entities[e].note = note;
            }
            if let Some(a) = &m.alias {
                // `市档案馆(市文史研究馆)`: the other name, resolved the same way
                let alias = canonical_unit(a, loc);
                if alias.resolved {
                    lk.entities[e].alt_labels.insert(alias.label);
                }
            }
            e
        }
        EntityType::Event => {
            // `“红船精神”档案展` in the headline is the `“红船精神”档案史料展` of the text
            let quoted = quoted_title(&m.surface)
                .zip(m.subclass)
                .and_then(|key| lk.titled_events.get(&(key.0.to_owned(), key.1)))
                .cloned();
            let part = quoted.is_none().then(|| titled_part(&lk.title_parts, m)).flatten();
            let fullest = quoted.or_else(|| part.clone()).unwrap_or_else(|| m.surface.clone());
            let (label, specific) = canonical_event(&fullest, loc);
            let scope = if specific { Scope::Global } else { Scope::Document(lk.file_name.to_owned()) };
            // `…出席座谈会` after `纪念…周年座谈会` was named: that meeting
            let named_before =
                lexicon::get().is_event_noun(&m.surface).then(|| event_named_before(lk, &m.surface)).flatten();
            // `此次建党百年档案史料展览` after the titled exhibition: that exhibition
            let this_one = named_before.is_none().then(|| this_event(lk, m)).flatten();
            // `出席开幕式并讲话` after the symposium was named: its opening
            let opening =
                OPENING_CEREMONIES.contains(&m.surface.as_str()).then(|| recent(lk.latest_event?, m)).flatten();
            let e = match named_before.or(this_one).or(opening) {
                Some(e) => e,
                None => lk.entity(EntityType::Event, &label, scope, &evidence),
            };
            if part.is_some() {
                lk.entities[e].add_rule(crate::extract::rules::IDENTITY_TITLE_PART);
            }
            if this_one.is_some() {
                lk.entities[e].add_rule(crate::extract::rules::IDENTITY_THIS_EVENT);
            }
            if opening.is_some() {
                lk.entities[e].add_rule(crate::extract::rules::IDENTITY_OPENING_CEREMONY);
            }
            if let Some(sub) = m.subclass {
                lk.latest_of_subclass.insert(sub, (e, m.sentence));
            }
            lk.latest_event = Some((e, m.sentence));
            let weak_before = lk.weak_dates.contains(&e);
            let ent = &mut lk.entities[e];
            ent.subclass = ent.subclass.or(m.subclass);
            // a date read in the event's own sentence wins over an inferred one,
            // and a day wins over the bare year it falls in (`2023年…会议` in
            // the headline, `2月22日,…召开2023年…会议` in the text)
            let finer = ent.date.as_ref().zip(m.date.as_ref()).is_some_and(|(old, new)| old.is_vaguer_than(new));
            if m.date.is_some() && (ent.date.is_none() || weak_before && !m.weak_date || finer && !m.weak_date) {
                ent.date = m.date.clone();
                if m.weak_date {
                    lk.weak_dates.insert(e);
                } else {
                    lk.weak_dates.remove(&e);
                }
            }
            let ent = &mut lk.entities[e];
            if ent.place.is_none() {
                ent.place = m.place.as_ref().map(|p| canonical_unit(p, loc).label);
            }
            e
        }
        EntityType::Publication => {
            let e = lk.entity(EntityType::Publication, &m.surface, Scope::Global, &evidence);
            let ent = &mut lk.entities[e];
            ent.subclass = ent.subclass.or(m.subclass);
            e
        }
        EntityType::Person => lk.entity(EntityType::Person, &m.surface, Scope::Global, &evidence),
    };
    lk.add_alt(e, m);
    Some(e)
}

/// Units a sentence goes to (`赴`, `到`, `前往` right before them), by
/// sentence and canonical name, with where they are named.
fn destinations(
    doc: &Normalized,
    mentions: &[Mention],
    canonical: &[Option<Canonical>],
) -> HashMap<(usize, String), usize> {
    mentions
        .iter()
        .zip(canonical)
        .filter_map(|(m, c)| Some((m, c.as_ref()?)))
        .filter(|(m, _)| {
            let before = doc.sentences.get(m.sentence).map_or("", |s| &doc.text[s.start..m.start.max(s.start)]);
            locality::DESTINATION_VERBS.iter().any(|w| before.ends_with(w))
        })
        .map(|(m, c)| ((m.sentence, c.label.clone()), m.start))
        .collect()
}

/// The title inside the first quotation or title marks of an event name.
fn quoted_title(surface: &str) -> Option<&str> {
    let (open, close) = [('“', '”'), ('《', '》'), ('‘', '’')].into_iter().find(|(o, _)| surface.contains(*o))?;
    let from = surface.find(open)? + open.len_utf8();
    let to = from + surface[from..].find(close)?;
    let title = &surface[from..to];
    (title.chars().count() >= 2).then_some(title)
}

/// For each (quoted title, sub-class) of the document's events, the longest
/// name it is written with: one event, however often its name is shortened.
fn titled_events(mentions: &[Mention]) -> HashMap<(String, &'static str), String> {
    let mut out: HashMap<(String, &'static str), String> = HashMap::default();
    for m in mentions.iter().filter(|m| m.kind == EntityType::Event) {
        let (Some(title), Some(sub)) = (quoted_title(&m.surface), m.subclass) else { continue };
        let slot = out.entry((title.to_owned(), sub)).or_default();
        if m.surface.chars().count() > slot.chars().count() {
            *slot = m.surface.clone();
        }
    }
    out
}

/// The parts of each titled event name of the document (`百年历程·兰台印记
/// ——沈阳市庆祝中国共产党成立100周年档案史料展`): (part, sub-class, name).
fn title_parts(mentions: &[Mention]) -> Vec<(String, &'static str, String)> {
    let mut out = Vec::new();
    for m in mentions.iter().filter(|m| m.kind == EntityType::Event) {
        let (Some((main, sub)), Some(class)) = (m.surface.split_once(TITLE_DASH), m.subclass) else { continue };
        let unquote = |s: &str| s.trim_matches(|c| "“”‘’\"《》「」".contains(c)).to_owned();
        for part in [unquote(main), unquote(sub)] {
            if part.chars().count() >= MIN_TITLE_PART && !part.contains(TITLE_DASH) {
                out.push((part, class, m.surface.clone()));
            }
        }
    }
    out
}

/// The dash between an event's title and its subtitle.
const TITLE_DASH: &str = "——";
/// The shortest part of a title that names its event on its own: shorter
/// tails (`史料展`, `档案展`) are generic.
const MIN_TITLE_PART: usize = 5;

/// Rule `identity/title-part`: an event written with only a part of its
/// titled name is the titled event of the document. The subtitle may be
/// cut at the front (`集沈阳市庆祝…100周年档案史料展、…` after
/// `“百年历程·兰台印记——沈阳市庆祝…100周年档案史料展”`; the same holds
/// for the main title alone). Same sub-class only; a part shorter than
/// `MIN_TITLE_PART` characters is too generic to say which event it is.
/// Known miss: a paraphrase (`建党百年…` for `庆祝中国共产党成立100周年…`).
fn titled_part(parts: &[(String, &'static str, String)], m: &Mention) -> Option<String> {
    if m.surface.contains(TITLE_DASH) || m.surface.chars().count() < MIN_TITLE_PART {
        return None;
    }
    let sub = m.subclass?;
    parts
        .iter()
        .find(|(part, class, _)| *class == sub && part.ends_with(m.surface.as_str()))
        .map(|(_, _, name)| name.clone())
}

/// Rule `identity/opening-ceremony`: a bare opening or closing ceremony
/// (`…出席开幕式并讲话`) is the opening of the event named last, so who
/// attends it takes part in that event; with no event before it, it stands
/// as named.
const OPENING_CEREMONIES: &[&str] =
    &["开幕式", "闭幕式", "开幕仪式", "闭幕仪式", "开班式", "开班仪式", "结业式", "结业仪式", "启动仪式"];

/// How many sentences back `此次…`/`开幕式` still find the event they point to
/// (as for `本次展览`'s organisers): a long yearbook names many events of a kind.
const ANAPHORA_WINDOW: usize = 40;

/// Words that point back to an event just named (`此次展览`, `本次会议`).
const THIS_EVENT: &[&str] = &["此次", "本次", "这次", "该次"];

/// Rule `identity/this-event`: an event phrase right after `此次`/`本次`/
/// `这次` is the event of its sub-class the document named last, not a new
/// one (`请问此次建党百年档案史料展览具有哪些特色?` after the titled
/// exhibition). A phrase with a quoted title names its own event; with no
/// earlier event of the sub-class the phrase stands as named.
fn this_event(lk: &Linker, m: &Mention) -> Option<usize> {
    let before = &lk.doc.text[..m.start];
    if !THIS_EVENT.iter().any(|w| before.ends_with(w)) || quoted_title(&m.surface).is_some() {
        return None;
    }
    recent(*lk.latest_of_subclass.get(m.subclass?)?, m)
}

/// The event last named at sentence `at`, if that is within
/// `ANAPHORA_WINDOW` of the mention pointing back to it.
fn recent((e, at): (usize, usize), m: &Mention) -> Option<usize> {
    (m.sentence.saturating_sub(at) <= ANAPHORA_WINDOW).then_some(e)
}

/// The latest event named so far whose name ends with a bare event noun
/// (`座谈会` → `纪念…周年座谈会`).
fn event_named_before(lk: &mut Linker, noun: &str) -> Option<usize> {
    let scan = lk.events_named_before.entry(noun.to_owned()).or_default();
    for (i, x) in lk.entities.iter().enumerate().skip(scan.upto) {
        if x.kind == EntityType::Event && x.label.len() > noun.len() && x.label.ends_with(noun) {
            scan.best = Some(i);
        }
    }
    scan.upto = lk.entities.len();
    scan.best
}

/// The unit a bare name (`史志办`, `人物研究处`) stands for: the shortest
/// unit of the document whose name ends with it (the first of equals), else
/// the first that contains it as a nested unit.
fn antecedent(lk: &mut Linker, bare: &str) -> Option<String> {
    let lx = lexicon::get();
    let scan = lk.antecedents.entry(bare.to_owned()).or_default();
    for (i, e) in lk.entities.iter().enumerate().skip(scan.upto) {
        if e.kind != EntityType::Unit {
            continue;
        }
        let l = &e.label;
        if l.ends_with(bare) && l.len() > bare.len() && scan.best.is_none_or(|b| l.len() < lk.entities[b].label.len()) {
            scan.best = Some(i);
        }
        if scan.fallback.is_none() {
            if let Some(at) = l.find(bare) {
                let prefix = &l[..at + bare.len()];
                if prefix.len() < l.len() && lx.unit_suffix_of(prefix).is_some() {
                    scan.fallback = Some(prefix.to_owned());
                }
            }
        }
    }
    scan.upto = lk.entities.len();
    scan.best.map(|b| lk.entities[b].label.clone()).or_else(|| scan.fallback.clone())
}

/// Nested units: `中共湖南省委党史研究室人物研究处党支部` is a sub-unit of
/// `…人物研究处`, itself of `…党史研究室`; a party committee is a parent
/// only when the document names it on its own.
fn unit_parents(lk: &mut Linker) {
    let mut i = 0;
    while i < lk.entities.len() {
        if lk.entities[i].kind == EntityType::Unit && lk.entities[i].scope == Scope::Global {
            let label = lk.entities[i].label.clone();
            if let Some((parent, committee)) = parent_of(&label) {
                let exists = lk.index.contains_key(&(EntityType::Unit, parent.clone()));
                let organ = committee && is_committee_organ(&label, &parent);
                if exists || !committee || organ {
                    let evidence = lk.entities[i].evidence.clone();
                    let p = lk.entity(EntityType::Unit, &parent, Scope::Global, &evidence);
                    let rule = if organ && !exists {
                        crate::extract::rules::UNIT_COMMITTEE_ORGAN
                    } else {
                        crate::extract::rules::UNIT_PARENT_FROM_NAME
                    };
                    lk.entities[p].add_rule(rule);
                    lk.entities[i].note.get_or_insert_with(|| format!("a sub-unit of {parent}, named with it"));
                    lk.parents.push((i, p, rule));
                }
            }
        }
        i += 1;
    }
}

/// The organs through which a party committee itself sits and decides (not
/// its departments): `中共中央政治局`, `中共陕西省委常委会`.
const COMMITTEE_ORGANS: &[&str] = &["政治局常委会", "政治局常务委员会", "政治局", "书记处", "常委会", "常务委员会"];

/// Rule `unit/committee-organ`: an organ of a party committee
/// (`COMMITTEE_ORGANS`) is part of the committee, which is then a unit of
/// the document even when the text never names it on its own
/// (`中共中央政治局委员、上海市委书记俞正声` → `中共中央`). A department
/// (`中共中央党史研究室`) gets its committee only when the text names it:
/// annotators and readers take the organ, not the office, as the committee.
fn is_committee_organ(label: &str, committee: &str) -> bool {
    let rest = label.strip_prefix(committee).unwrap_or("");
    COMMITTEE_ORGANS.contains(&rest)
}

fn lk_parent_relations(lk: &Linker) -> Vec<Relation> {
    lk.parents
        .iter()
        .map(|&(child, parent, rule)| Relation {
            kind: RelationType::SubUnitOf,
            from: child,
            to: parent,
            post: None,
            evidence: lk.entities[child].evidence.clone(),
            rules: vec![rule],
        })
        .collect()
}

/// The longest proper prefix of a unit name that is itself a unit, and
/// whether it is a party committee (`中共浙江省委`).
pub fn parent_of(label: &str) -> Option<(String, bool)> {
    let lx = lexicon::get();
    let ends: Vec<usize> = label.char_indices().map(|(i, _)| i).skip(2).collect();
    // the label's own ending may not be cut (`…委办|公室` is not a sub-unit of `…委办`)
    let own_start = label.len() - lx.unit_suffix_of(label).map_or(0, str::len);
    for &end in ends.iter().rev() {
        if end > own_start {
            continue;
        }
        let prefix = &label[..end];
        let Some(suffix) = lx.unit_suffix_of(prefix) else { continue };
        if suffix.chars().count() < 2 {
            continue;
        }
        if prefix.ends_with('委') && !prefix.ends_with("党委") && !prefix.ends_with("工委") && !prefix.ends_with("纪委")
        {
            // the committee is the place right before `委`: `党史学习教育浙江省委` → `中共浙江省委`
            let committee = committee_of(prefix)?;
            return Some((committee, true));
        }
        if prefix == "中共中央" || prefix.chars().count() < 4 {
            continue;
        }
        return Some((prefix.to_owned(), false));
    }
    label.strip_prefix("中共中央").filter(|r| !r.is_empty()).map(|_| ("中共中央".to_owned(), true))
}

fn committee_of(prefix: &str) -> Option<String> {
    let body = prefix.strip_prefix("中共").unwrap_or(prefix);
    let chars: Vec<usize> = body.char_indices().map(|(i, _)| i).collect();
    for &start in &chars {
        if let Some(place) = starts_with_place(&body[start..]) {
            let rest = &body[start + place.len()..];
            if rest == "委" {
                return Some(format!("中共{place}委"));
            }
        }
    }
    None
}

/// A person is one node per name and locality: the locality of the unit of
/// their post, else the document's. Same name, other place: another node.
fn person_scopes(lk: &mut Linker, relations: &[Relation], loc: &Locality) {
    // the unit of each person's first post
    let mut post_unit: HashMap<usize, usize> = HashMap::default();
    for r in relations.iter().filter(|r| r.kind == RelationType::HoldsPost) {
        post_unit.entry(r.from).or_insert(r.to);
    }
    for i in 0..lk.entities.len() {
        if lk.entities[i].kind != EntityType::Person {
            continue;
        }
        let unit = post_unit.get(&i).map(|&u| lk.entities[u].label.clone());
        let national = lexicon::get().figures.contains(&lk.entities[i].label.as_str());
        let (place, why) = match unit.as_deref().map(|u| (u, unit_locality(u))) {
            // identity/national-figure: a figure of national fame is one node everywhere
            _ if national => (NATIONAL.to_owned(), "a national figure".to_owned()),
            Some((u, Some(p))) => (p, format!("post in {u}")),
            _ => match loc.finest() {
                Some(p) => (p.to_owned(), "the document's locality".to_owned()),
                None => ("未知".to_owned(), "no locality known".to_owned()),
            },
        };
        let e = &mut lk.entities[i];
        e.note = Some(format!("one node per name and locality: {} in {place} ({why})", e.label));
        e.scope = Scope::Locality(place);
    }
}

/// The locality of what is national (people of national fame or post).
const NATIONAL: &str = "全国";

/// Rule `identity/recurring-event`: a meeting, course or day held again
/// under the same name every year (`全国党史和文献部门主要负责人会议`,
/// `国际档案日`) is one event per year, not one for all years: its node is
/// scoped by the year of its date, and kept to its document when no year is
/// known (a date inferred from the article's own date does not count). A name that carries its own year, ordinal or quoted title
/// (`2019年…推进会`, `第十次…会议`, `“百年足迹”…展`) names one occasion and
/// stays global.
fn recurring_event_scopes(lk: &mut Linker) {
    for (i, e) in lk.entities.iter_mut().enumerate() {
        if e.kind != EntityType::Event || e.scope != Scope::Global || !is_recurring_name(&e.label, e.subclass) {
            continue;
        }
        // only a date read in the event's own sentence says which year's it is
        // (`传达…会议精神` dated by the article is not the meeting's date)
        let year = e.date.as_ref().and_then(|d| d.year()).filter(|_| !lk.weak_dates.contains(&i));
        let (scope, why) = match year {
            Some(y) => (Scope::Locality(format!("{y}")), format!("held every year: the one of {y}")),
            None => {
                (Scope::Document(lk.file_name.to_owned()), "held every year, no year known: this document's".into())
            }
        };
        e.scope = scope;
        e.note.get_or_insert(why);
        e.add_rule(crate::extract::rules::IDENTITY_RECURRING_EVENT);
    }
}

/// Is this the name of an occasion that recurs (a meeting, course or day
/// with no year, ordinal or quoted title of its own)?
fn is_recurring_name(label: &str, subclass: Option<&str>) -> bool {
    let kind = matches!(subclass, Some("Meeting" | "Course")) || label.ends_with('日') || label.ends_with('节');
    let own = label.contains(['“', '《', '‘', '"', '第', '届'])
        || label.chars().any(|c| c.is_ascii_digit())
        || label.contains("周年")
        || label.starts_with("中国共产党");
    kind && !own
}

/// The locality a unit's name places it in (`中共中央` → 全国).
pub fn unit_locality(label: &str) -> Option<String> {
    if label.starts_with("中共中央")
        || label.starts_with("国家")
        || label.starts_with("国务院")
        || label.starts_with("中国")
    {
        return Some("全国".to_owned());
    }
    let body = label.trim_start_matches("中共").trim_start_matches("共青团");
    let chars: Vec<usize> = body.char_indices().map(|(i, _)| i).collect();
    chars.iter().find_map(|&s| starts_with_place(&body[s..]).map(str::to_owned))
}

fn metadata(lk: &mut Linker, reading: &Reading) -> DocMeta {
    let raw = &reading.meta;
    let source = raw.source.as_ref().map(|s| {
        if lexicon::get().unit_suffix_of(s).is_some() {
            return source_unit(lk, s, &reading.locality);
        }
        let (label, alt) = match s.find("年鉴") {
            Some(i) if s.len() > i + "年鉴".len() => (s[..i + "年鉴".len()].to_owned(), Some(s.clone())),
            _ => (s.clone(), None),
        };
        let e = lk.entity(EntityType::Publication, &label, Scope::Global, "");
        let ent = &mut lk.entities[e];
        ent.add_rule(crate::extract::rules::PUBLICATION_SOURCE_LINE);
        if let Some(a) = alt {
            ent.alt_labels.insert(a);
        }
        ent.subclass = ent.subclass.or(crate::extract::publication::kind(&label, "", ""));
        if label.ends_with("年鉴") || raw.source_periodical {
            ent.subclass = Some("Periodical");
        }
        label
    });
    DocMeta {
        title: raw.title.clone(),
        date: raw.date.clone(),
        authors: raw.authors.clone(),
        editors: raw.editors.clone(),
        source,
        place: reading.locality.finest().map(str::to_owned),
    }
}

/// Rule `unit/source-line`: a `来源:` line that names a unit, not an outlet
/// (`来源:衢江区档案馆`, `来源:省委党史和地方史志研究室`), names the page's
/// publishing unit: the source is that unit, canonical as the body's units
/// are (`中共河南省委党史和地方史志研究室`), and no Publication is made of it.
/// Known misses: an outlet whose name ends like a unit (`新华社` is read as
/// the agency, which it also is).
fn source_unit(lk: &mut Linker, surface: &str, loc: &Locality) -> String {
    let c = canonical_unit(surface, loc);
    let scope = if c.resolved { Scope::Global } else { Scope::Document(lk.file_name.to_owned()) };
    let e = lk.entity(EntityType::Unit, &c.label, scope, "");
    let ent = &mut lk.entities[e];
    ent.add_rule(crate::extract::rules::UNIT_SOURCE_LINE);
    if surface != c.label {
        ent.alt_labels.insert(surface.to_owned());
    }
    c.label
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DateValue;

    fn loc(text: &str) -> Locality {
        crate::extract::locality::detect("", text)
    }

    #[test]
    fn recurring_names() {
        assert!(is_recurring_name("全国党史和文献部门主要负责人会议", Some("Meeting")));
        assert!(is_recurring_name("国际档案日", None));
        assert!(!is_recurring_name("2019年江苏省年鉴编纂工作推进会", Some("Meeting")), "its own year");
        assert!(!is_recurring_name("浙江省第十次党史工作会议", Some("Meeting")), "an ordinal");
        assert!(!is_recurring_name("“百年足迹”路桥党史图片展", Some("Exhibition")));
    }

    /// The same yearly meeting in two documents: one node per year, and a
    /// meeting only relayed (`传达…会议精神`) takes no year from the sentence.
    #[test]
    fn a_yearly_meeting_is_one_node_per_year() {
        let iri = |text: &str, file: &str| {
            let doc = crate::normalize::normalize(text);
            let ex = link(file, &doc, crate::extract::read(&doc));
            ex.entities.iter().find(|e| e.label.ends_with("档案工作会议")).map(|e| e.iri())
        };
        let a = iri("2022年3月5日,浙江省召开全省档案工作会议。", "a.txt").unwrap();
        let b = iri("2023年3月9日,浙江省召开全省档案工作会议。", "b.txt").unwrap();
        let c = iri("2022年3月5日,浙江省召开全省档案工作会议,部署全年工作。", "c.txt").unwrap();
        assert_ne!(a, b, "two years, two meetings");
        assert_eq!(a, c, "the same year's meeting is one node");
        let relayed = iri("3月20日,市档案局传达学习全省档案工作会议精神。", "d.txt").unwrap();
        assert!(relayed.contains("/local/d.txt/"), "no year known: local to its document: {relayed}");
    }

    #[test]
    fn short_forms_resolve_from_the_locality() {
        let l = loc("沈阳市委组织部发布。沈阳市档案馆。");
        assert_eq!(canonical_unit("市档案馆", &l).label, "沈阳市档案馆");
        assert_eq!(canonical_unit("市委", &l).label, "中共沈阳市委");
        assert_eq!(canonical_unit("省委组织部", &l).label, "中共辽宁省委组织部");
        assert_eq!(canonical_unit("团市委", &l).label, "共青团沈阳市委");
        assert_eq!(canonical_unit("党中央", &l).label, "中共中央");
        assert_eq!(canonical_unit("中央党史和文献研究院", &l).label, "中共中央党史和文献研究院");
    }

    #[test]
    fn democratic_party_committees() {
        let l = loc("上海市档案馆。上海市委。");
        assert_eq!(canonical_unit("民盟上海市委员会", &l).label, "民盟上海市委员会");
        assert_eq!(canonical_unit("民盟市委", &l).label, "民盟上海市委");
        assert_eq!(canonical_unit("市委", &l).label, "中共上海市委");
    }

    #[test]
    fn state_organs_take_their_full_names() {
        let l = loc("沈阳市委组织部发布。沈阳市档案馆。");
        assert_eq!(canonical_unit("市政府", &l).label, "沈阳市人民政府");
        assert_eq!(canonical_unit("沈阳市检察院", &l).label, "沈阳市人民检察院");
        assert_eq!(canonical_unit("广州市政府", &l).label, "广州市人民政府");
        assert_eq!(canonical_unit("沈阳市人民政府", &l).label, "沈阳市人民政府");
        assert_eq!(canonical_unit("区政府办", &loc("路桥区档案馆。路桥区委。")).label, "路桥区政府办公室");
        // not after a place: a government of another kind keeps its name
        assert_eq!(canonical_unit("陕甘宁边区政府", &l).label, "陕甘宁边区政府");
        assert_eq!(canonical_unit("南京国民政府", &l).label, "南京国民政府");
    }

    #[test]
    fn unresolvable_short_forms_stay_local() {
        let c = canonical_unit("市档案馆", &Locality::default());
        assert!(!c.resolved);
    }

    #[test]
    fn higher_admin_prefixes_are_dropped() {
        let l = Locality::default();
        assert_eq!(canonical_unit("山东省莱州市档案馆", &l).label, "莱州市档案馆");
        assert_eq!(canonical_unit("福建省漳州市档案局", &l).label, "漳州市档案局");
        assert_eq!(canonical_unit("浙江普兰钎具股份有限公司", &l).label, "浙江普兰钎具股份有限公司");
    }

    #[test]
    fn long_and_short_forms_meet() {
        let l = loc("桃源县史志办。桃源县");
        assert_eq!(canonical_unit("桃源县史志办", &l).label, "桃源县史志办公室");
        assert_eq!(canonical_unit("桃源县史志办公室", &l).label, "桃源县史志办公室");
        assert_eq!(canonical_unit("安徽省方志办", &l).label, "安徽省地方志办公室");
        assert_eq!(canonical_unit("雨花台区志办", &l).label, "雨花台区地方志办公室");
        assert_eq!(canonical_unit("枣庄市地方史志办", &l).label, "枣庄市地方史志办公室");
        assert_eq!(canonical_unit("永春县志办公室", &l).label, "永春县志办公室", "a full name stays");
        assert_eq!(canonical_unit("县委办", &l).label, "中共桃源县委办公室");
    }

    #[test]
    fn office_abbreviations_read_in_full_only_when_named_so() {
        let l = loc("路桥区档案馆。路桥区");
        let named: std::collections::HashSet<String> = ["中共路桥区委党史研究室".to_owned()].into();
        let short = canonical_unit("区党史办", &l).label;
        assert_eq!(abbreviation_in_full(&short, &l, &named).as_deref(), Some("中共路桥区委党史研究室"));
        assert_eq!(
            abbreviation_in_full(&canonical_unit("区委党研室", &l).label, &l, &named).as_deref(),
            Some("中共路桥区委党史研究室")
        );
        // a document that never names the office in full keeps the short form
        assert_eq!(abbreviation_in_full(&short, &l, &Default::default()), None);
        assert_eq!(abbreviation_in_full("路桥区档案馆", &l, &named), None);
    }

    #[test]
    fn quoted_titles_of_events() {
        assert_eq!(quoted_title("“红船精神”档案史料展"), Some("红船精神"));
        assert_eq!(quoted_title("《白山黑水间的红色印记》"), Some("白山黑水间的红色印记"));
        assert_eq!(quoted_title("全省档案工作会议"), None);
    }

    /// The headline's short name and the text's full name are one event, and
    /// the day read in the text wins over the article's date.
    #[test]
    fn a_headline_event_is_the_event_of_the_text() {
        let text = "浙江省档案馆举办“红船精神”档案展\n2023年7月3日\n7月1日上午,浙江省档案馆主办的“红船精神”档案史料展在嘉兴开幕。";
        let ex = linked(text);
        let events: Vec<_> =
            ex.entities.iter().filter(|e| e.kind == EntityType::Event && e.label.contains("红船")).collect();
        assert_eq!(events.len(), 1, "{:?}", events.iter().map(|e| &e.label).collect::<Vec<_>>());
        assert_eq!(events[0].label, "“红船精神”档案史料展");
        assert!(events[0].alt_labels.contains("“红船精神”档案展"));
        assert_eq!(events[0].date.as_ref().map(|d| d.iso()).as_deref(), Some("2023-07-01"));
    }

    #[test]
    fn a_county_name_of_several_cities_is_written_with_its_city() {
        let zhoushan = loc("舟山市史志研究室召开会议");
        assert_eq!(canonical_unit("普陀区委", &zhoushan).label, "中共舟山市普陀区委");
        assert_eq!(canonical_unit("舟山市普陀区史志研究室", &zhoushan).label, "舟山市普陀区史志研究室");
        // a name of one county only stays short
        assert_eq!(canonical_unit("定海区委", &zhoushan).label, "中共定海区委");
        // a document about none of the cities: the name is not placed
        let elsewhere = loc("沈阳市档案馆举办展览");
        assert!(!canonical_unit("普陀区档案馆", &elsewhere).resolved);
    }

    #[test]
    fn a_source_line_naming_a_unit_is_no_publication() {
        let text =
            "河南省召开党史工作会议\n来源:省委党史和地方史志研究室\n3月5日,河南省委党史和地方史志研究室召开会议。";
        let ex = linked(text);
        assert_eq!(ex.meta.source.as_deref(), Some("中共河南省委党史和地方史志研究室"));
        assert!(!ex.entities.iter().any(|e| e.kind == EntityType::Publication), "{:?}", ex.entities);
        let unit = ex.entities.iter().find(|e| e.label == "中共河南省委党史和地方史志研究室").expect("the unit");
        assert!(unit.rules.contains(&crate::extract::rules::UNIT_SOURCE_LINE));
        // an outlet stays a publication
        let ex = linked("广州市档案馆举办展览\n来源:广州日报\n正文。");
        assert!(ex.entities.iter().any(|e| e.kind == EntityType::Publication && e.label == "广州日报"));
    }

    /// `…举办纪念…周年座谈会。…出席座谈会`: the bare noun is the meeting named.
    #[test]
    fn a_bare_event_noun_is_the_event_named_before() {
        let text = "动态\n12月26日,市档案馆举办纪念毛泽东同志诞辰130周年座谈会。市政协副主席张丽华出席座谈会并讲话。";
        let ex = linked(text);
        assert_eq!(labels(&ex, EntityType::Event), ["纪念毛泽东同志诞辰130周年座谈会"]);
    }

    /// `市档案馆馆长陈建国带队赴杭州市档案馆考察`: the visitor is another archive.
    #[test]
    fn a_visitor_is_not_the_archive_it_visits() {
        let text = "考察学习\n4月20日,市档案馆馆长陈建国带队赴杭州市档案馆考察学习,杭州市档案馆副馆长周华陪同。";
        let ex = linked(text);
        let units = labels(&ex, EntityType::Unit);
        assert!(units.contains(&"市档案馆") && units.contains(&"杭州市档案馆"), "{units:?}");
        let posts = pairs(&ex, RelationType::HoldsPost);
        assert!(posts.contains(&("陈建国", "市档案馆")), "{posts:?}");
        assert!(posts.contains(&("周华", "杭州市档案馆")), "{posts:?}");
    }

    #[test]
    fn campaign_groups_keep_their_campaign() {
        let l = loc("路桥区档案馆。路桥区");
        assert_eq!(canonical_unit("党史学习教育省委第三巡回指导组", &l).label, "党史学习教育浙江省委第三巡回指导组");
    }

    #[test]
    fn parents_of_nested_units() {
        assert_eq!(
            parent_of("中共湖南省委党史研究室人物研究处党支部"),
            Some(("中共湖南省委党史研究室人物研究处".into(), false))
        );
        assert_eq!(parent_of("中共湖南省委党史研究室人物研究处"), Some(("中共湖南省委党史研究室".into(), false)));
        assert_eq!(parent_of("中共湖南省委党史研究室"), Some(("中共湖南省委".into(), true)));
        assert_eq!(parent_of("党史学习教育浙江省委第三巡回指导组"), Some(("中共浙江省委".into(), true)));
        assert_eq!(parent_of("沈阳市档案馆党委"), Some(("沈阳市档案馆".into(), false)));
        assert_eq!(parent_of("中共中央党史和文献研究院"), Some(("中共中央".into(), true)));
        assert_eq!(parent_of("桃源县史志办"), None);
        assert_eq!(parent_of("中共桃源县委办公室"), Some(("中共桃源县委".into(), true)));
    }

    #[test]
    fn a_court_is_named_by_its_level() {
        assert_eq!(full_form("沈阳市法院"), "沈阳市中级人民法院");
        assert_eq!(full_form("桃源县法院"), "桃源县人民法院");
        assert_eq!(full_form("湖南省法院"), "湖南省高级人民法院");
        assert_eq!(full_form("沈阳市中级人民法院"), "沈阳市中级人民法院");
        assert_eq!(full_form("最高人民法院"), "最高人民法院");
    }

    #[test]
    fn events_name_their_province() {
        let l = loc("桃源县史志办。桃源县");
        assert_eq!(canonical_event("全省党史工作会议", &l), ("湖南省党史工作会议".into(), true));
        assert_eq!(canonical_event("2023年全省史志工作会议", &l), ("2023年湖南省史志工作会议".into(), true));
        assert!(!canonical_event("座谈会", &l).1);
    }

    fn labels(ex: &Extraction, kind: EntityType) -> Vec<&str> {
        ex.entities.iter().filter(|e| e.kind == kind).map(|e| e.label.as_str()).collect()
    }

    fn linked(text: &str) -> Extraction {
        let doc = crate::normalize::normalize(text);
        link("x.txt", &doc, crate::extract::read(&doc))
    }

    /// (from, to) labels of the relations of one kind.
    fn pairs(ex: &Extraction, kind: RelationType) -> Vec<(&str, &str)> {
        ex.relations
            .iter()
            .filter(|r| r.kind == kind)
            .map(|r| (ex.entities[r.from].label.as_str(), ex.entities[r.to].label.as_str()))
            .collect()
    }

    #[test]
    fn interpuncts_between_chinese_characters_are_typography() {
        let l = loc("沈阳市档案馆。沈阳市");
        let (label, _) = canonical_event("百年历程·兰台印记——沈阳市档案史料展", &l);
        assert_eq!(label, "百年历程兰台印记——沈阳市档案史料展");
        assert_eq!(without_interpuncts("2021·北京档案展"), "2021·北京档案展");
        assert_eq!(without_interpuncts("·序"), "·序");
    }

    /// `2023年全省…会议` of the headline and of the text is one meeting, dated
    /// by the day the text gives, not by the year of its name.
    #[test]
    fn a_day_wins_over_the_year_of_a_name() {
        let ex = linked(
            "2023年全省史志机构主任会议召开\n\n\
             2月22日,海南省委党史研究室在海口召开2023年全省史志机构主任会议。",
        );
        let events: Vec<(&str, Option<String>)> = ex
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Event)
            .map(|e| (e.label.as_str(), e.date.as_ref().map(DateValue::iso)))
            .collect();
        assert_eq!(events, [("2023年海南省史志机构主任会议", Some("2023-02-22".to_owned()))]);
    }

    /// identity/title-part: the subtitle alone, cut at the front, is the
    /// titled exhibition (a sentence of another shape than dev_b10's).
    #[test]
    fn a_part_of_a_titled_name_is_the_titled_event() {
        let ex = linked(
            "6月1日,县档案馆举办“初心如磐——桃源县庆祝建党100周年档案图片展”。\n\
             7月1日,县委书记王明参观建党100周年档案图片展。",
        );
        let events = labels(&ex, EntityType::Event);
        assert_eq!(events, ["初心如磐——桃源县庆祝建党100周年档案图片展"], "{events:?}");
        assert!(ex.entities.iter().any(|e| e.rules.contains(&crate::extract::rules::IDENTITY_TITLE_PART)));
    }

    /// identity/this-event: `本次…展览` is the exhibition named before; with
    /// none before it names its own.
    #[test]
    fn this_exhibition_is_the_one_named_before() {
        let ex = linked("5月18日,市档案馆举办“红色记忆”档案展。\n本次红色档案展览共展出档案300余件。");
        assert_eq!(labels(&ex, EntityType::Event), ["“红色记忆”档案展"]);
        // too far back: another occasion of the kind
        let far = format!(
            "5月18日,市档案馆举办“红色记忆”档案展。\n{}本次红色档案展览共展出档案300余件。",
            "工作稳步推进。\n".repeat(45)
        );
        assert_eq!(labels(&linked(&far), EntityType::Event).len(), 2, "{:?}", labels(&linked(&far), EntityType::Event));
        let alone = linked("5月18日,本次红色档案展览在市档案馆开幕。");
        assert_eq!(labels(&alone, EntityType::Event).len(), 1, "{:?}", labels(&alone, EntityType::Event));
    }

    /// identity/opening-ceremony: who attends the opening takes part in the
    /// event opened (dev_a04's shape; another: a course's 开班仪式).
    #[test]
    fn a_bare_opening_is_the_event_named_before() {
        let ex = linked("6月24日下午,风雨同舟七十年研讨会在上海举行。民盟中央副主席陈晓光出席开幕式并讲话。");
        let events = labels(&ex, EntityType::Event);
        assert!(events.len() == 1 && events[0].ends_with("研讨会"), "{events:?}");
        assert!(ex.entities.iter().any(|e| e.rules.contains(&crate::extract::rules::IDENTITY_OPENING_CEREMONY)));
        let ex = linked("3月5日,全县档案业务培训班在县委党校举办。县委常委王明出席开班仪式。");
        assert_eq!(labels(&ex, EntityType::Event).len(), 1, "{:?}", labels(&ex, EntityType::Event));
    }

    /// unit/committee-organ: an organ brings its committee, a department
    /// does not (unless the committee is named on its own).
    #[test]
    fn an_organ_of_a_committee_brings_the_committee() {
        let ex = linked("中共中央政治局委员、上海市委书记俞正声出席会议。");
        assert!(labels(&ex, EntityType::Unit).contains(&"中共中央"), "{:?}", labels(&ex, EntityType::Unit));
        let sub = pairs(&ex, RelationType::SubUnitOf);
        assert!(sub.contains(&("中共中央政治局", "中共中央")), "{sub:?}");
        let dept = linked("中共中央党史研究室副主任李忠杰出席会议。");
        assert!(!labels(&dept, EntityType::Unit).contains(&"中共中央"), "{:?}", labels(&dept, EntityType::Unit));
    }

    #[test]
    fn unit_localities() {
        assert_eq!(unit_locality("中共中央").as_deref(), Some("全国"));
        assert_eq!(unit_locality("桃源县史志办").as_deref(), Some("桃源县"));
        assert_eq!(unit_locality("中共沈阳市委组织部").as_deref(), Some("沈阳市"));
    }
}
