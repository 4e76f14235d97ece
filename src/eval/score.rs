//! The pure scorer: gold documents against predicted documents, no IO
//! (the Scoring section of `corpus/ANNOTATION.md`).

use super::gold::{GoldDoc, GoldEntity, GoldRelation};
use super::predicted::{PredictedDoc, PredictedEntity, PredictedRelation, RelationEnd};
use super::report::{Accuracy, CrossDoc, DocReport, EvalReport, Finding, SplitEntity, WrongMerge};
use crate::model::{EntityType, RelationType};
use std::collections::{BTreeMap, BTreeSet};

/// The name normalisation of ANNOTATION.md: whitespace removed, full-width
/// ASCII folded to half-width.
pub fn normalize_name(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// What a label must be to match one gold entity.
#[derive(Clone, Debug)]
struct Matcher {
    entity_type: EntityType,
    /// Normalised canonical name.
    name: String,
    /// Normalised name and aliases.
    names: Vec<String>,
    /// Normalised key (events only).
    key: Option<String>,
}

impl Matcher {
    fn new(e: &GoldEntity) -> Self {
        let names = std::iter::once(&e.name).chain(&e.aliases).map(|n| normalize_name(n)).collect();
        let key = e.key.as_deref().map(normalize_name).filter(|k| !k.is_empty());
        let key = key.filter(|_| e.entity_type == EntityType::Event);
        Matcher { entity_type: e.entity_type, name: normalize_name(&e.name), names, key }
    }

    /// Does a normalised label of the same type match?
    fn matches(&self, label: &str) -> bool {
        self.names.iter().any(|n| n == label) || self.key.as_ref().is_some_and(|k| label.contains(k.as_str()))
    }

    fn matches_end(&self, end: &RelationEnd) -> bool {
        let typed = end.types.is_empty() || end.types.contains(&self.entity_type);
        typed && self.matches(&normalize_name(&end.label))
    }
}

/// Predicted entity nodes of one document sharing (type, normalised label): one prediction.
struct EntityItem<'a> {
    entity_type: EntityType,
    norm: String,
    nodes: Vec<&'a PredictedEntity>,
    /// Indices of the gold entities it matches.
    gold: Vec<usize>,
}

/// Predicted relations of one document sharing (type, end labels): one prediction.
struct RelationItem<'a> {
    rels: Vec<&'a PredictedRelation>,
    gold: Vec<usize>,
}

/// One gold document matched against its graph.
struct DocMatch<'a> {
    gold: &'a GoldDoc,
    pred: Option<&'a PredictedDoc>,
    matchers: Vec<Matcher>,
    entities: Vec<EntityItem<'a>>,
    /// For each gold relation: matchers of its two ends.
    rel_ends: Vec<(Matcher, Matcher)>,
    relations: Vec<RelationItem<'a>>,
}

impl DocMatch<'_> {
    /// Items matching gold entity `g`.
    fn entity_hits(&self, g: usize) -> impl Iterator<Item = &EntityItem<'_>> {
        self.entities.iter().filter(move |i| i.gold.contains(&g))
    }
    /// Predicted relations matching gold relation `r`.
    fn relation_hits(&self, r: usize) -> impl Iterator<Item = &PredictedRelation> {
        let (from, to) = &self.rel_ends[r];
        let kind = self.gold.relations[r].kind;
        self.relations
            .iter()
            .filter(move |i| i.gold.contains(&r))
            .flat_map(|i| i.rels.iter().copied())
            .filter(move |p| p.kind == kind && from.matches_end(&p.from) && to.matches_end(&p.to))
    }
    fn doc(&self) -> &str {
        &self.gold.doc
    }
}

/// Score gold documents against predicted documents (pure). Predicted
/// documents with no gold file are only listed; gold documents with no graph
/// count as entirely missed.
pub fn score(gold: &[GoldDoc], predicted: &[PredictedDoc]) -> EvalReport {
    let by_doc: BTreeMap<&str, &PredictedDoc> = predicted.iter().map(|p| (p.doc.as_str(), p)).collect();
    let matches: Vec<DocMatch> = gold.iter().map(|g| match_doc(g, by_doc.get(g.doc.as_str()).copied())).collect();
    let gold_docs: BTreeSet<&str> = gold.iter().map(|g| g.doc.as_str()).collect();
    let mut report = EvalReport {
        unscored_docs: predicted.iter().map(|p| p.doc.clone()).filter(|d| !gold_docs.contains(d.as_str())).collect(),
        crossdoc: crossdoc(&matches),
        ..EvalReport::default()
    };
    for m in &matches {
        let doc = score_doc(m, &mut report);
        report.docs.push(doc);
    }
    report
}

fn match_doc<'a>(gold: &'a GoldDoc, pred: Option<&'a PredictedDoc>) -> DocMatch<'a> {
    let matchers: Vec<Matcher> = gold.entities.iter().map(Matcher::new).collect();
    let rel_ends = gold.relations.iter().map(|r| relation_ends(r, &matchers)).collect();
    let mut m = DocMatch { gold, pred, matchers, entities: vec![], rel_ends, relations: vec![] };
    if let Some(p) = pred {
        m.entities = entity_items(&m.matchers, &p.entities);
        m.relations = relation_items(&m, &p.relations);
    }
    m
}

/// The matcher of a relation end: the gold entity of that type and name, or a bare name.
fn end_matcher(name: &str, entity_type: EntityType, matchers: &[Matcher]) -> Matcher {
    let norm = normalize_name(name);
    let found = matchers.iter().find(|m| m.entity_type == entity_type && m.name == norm);
    let found = found.or_else(|| matchers.iter().find(|m| m.entity_type == entity_type && m.names.contains(&norm)));
    found.cloned().unwrap_or_else(|| Matcher::new(&GoldEntity::new(entity_type, name)))
}

fn relation_ends(r: &GoldRelation, matchers: &[Matcher]) -> (Matcher, Matcher) {
    (end_matcher(&r.from, r.from_type(), matchers), end_matcher(&r.to, r.to_type, matchers))
}

fn entity_items<'a>(matchers: &[Matcher], nodes: &'a [PredictedEntity]) -> Vec<EntityItem<'a>> {
    let mut groups: BTreeMap<(EntityType, String), Vec<&PredictedEntity>> = BTreeMap::new();
    for n in nodes {
        groups.entry((n.entity_type, normalize_name(&n.label))).or_default().push(n);
    }
    let item = |((entity_type, norm), nodes): ((EntityType, String), Vec<&'a PredictedEntity>)| {
        let gold = (0..matchers.len())
            .filter(|&g| matchers[g].entity_type == entity_type && matchers[g].matches(&norm))
            .collect();
        EntityItem { entity_type, norm, nodes, gold }
    };
    groups.into_iter().map(item).collect()
}

fn relation_items<'a>(m: &DocMatch, rels: &'a [PredictedRelation]) -> Vec<RelationItem<'a>> {
    let mut groups: BTreeMap<(RelationType, String, String), Vec<&PredictedRelation>> = BTreeMap::new();
    for r in rels {
        groups.entry((r.kind, normalize_name(&r.from.label), normalize_name(&r.to.label))).or_default().push(r);
    }
    let hits = |r: &PredictedRelation| -> Vec<usize> {
        (0..m.gold.relations.len())
            .filter(|&g| {
                let (from, to) = &m.rel_ends[g];
                m.gold.relations[g].kind == r.kind && from.matches_end(&r.from) && to.matches_end(&r.to)
            })
            .collect()
    };
    let item = |rels: Vec<&'a PredictedRelation>| {
        let gold: BTreeSet<usize> = rels.iter().flat_map(|&r| hits(r)).collect();
        RelationItem { rels, gold: gold.into_iter().collect() }
    };
    groups.into_values().map(item).collect()
}

/// Add one document's counts to the report and return its findings.
fn score_doc(m: &DocMatch, report: &mut EvalReport) -> DocReport {
    let mut doc = DocReport { doc: m.doc().to_owned(), in_store: m.pred.is_some(), ..DocReport::default() };
    score_entities(m, report, &mut doc);
    score_relations(m, report, &mut doc);
    score_attributes(m, report, &mut doc);
    score_metadata(m, report, &mut doc);
    doc
}

fn score_entities(m: &DocMatch, report: &mut EvalReport, doc: &mut DocReport) {
    for item in &m.entities {
        let c = report.entities.get_mut(&item.entity_type).expect("every type present");
        c.predicted += 1;
        let hit = !item.gold.is_empty();
        if hit {
            c.tp += 1;
        } else {
            doc.entity_fp.push(entity_fp(item));
        }
        let rules: BTreeSet<&str> = item.nodes.iter().flat_map(|n| n.rules.iter().map(String::as_str)).collect();
        for rule in rules {
            report.by_rule.entry(rule.to_owned()).or_default().count(hit);
        }
    }
    for (g, e) in m.gold.entities.iter().enumerate() {
        let c = report.entities.get_mut(&e.entity_type).expect("every type present");
        c.gold += 1;
        if m.entity_hits(g).next().is_some() {
            c.gold_matched += 1;
        } else {
            doc.entity_fn.push(entity_fn(e));
        }
    }
}

fn entity_fp(item: &EntityItem) -> Finding {
    let label = item.nodes.first().map_or(item.norm.clone(), |n| n.label.clone());
    let evidence = item.nodes.iter().find_map(|n| n.evidence.clone());
    Finding::new(item.entity_type.name(), label).with_sentence(evidence)
}

fn entity_fn(e: &GoldEntity) -> Finding {
    let mut needles = vec![e.name.clone()];
    needles.extend(e.aliases.iter().chain(&e.mentions).chain(&e.key).cloned());
    Finding { needles, ..Finding::new(e.entity_type.name(), e.name.clone()) }
}

fn score_relations(m: &DocMatch, report: &mut EvalReport, doc: &mut DocReport) {
    for item in &m.relations {
        let r = item.rels[0];
        let c = report.relations.get_mut(&r.kind).expect("every type present");
        c.predicted += 1;
        let rules: BTreeSet<&str> = item.rels.iter().flat_map(|r| r.rules.iter().map(String::as_str)).collect();
        for rule in rules {
            report.by_rule.entry(rule.to_owned()).or_default().count(!item.gold.is_empty());
        }
        if item.gold.is_empty() {
            let evidence = item.rels.iter().find_map(|r| r.evidence.clone());
            doc.relation_fp.push(
                Finding::new(r.kind.name(), relation_text(&r.from.label, &r.to.label, r.post.as_deref()))
                    .with_sentence(evidence),
            );
        } else {
            c.tp += 1;
        }
    }
    for (i, r) in m.gold.relations.iter().enumerate() {
        let c = report.relations.get_mut(&r.kind).expect("every type present");
        c.gold += 1;
        if m.relation_hits(i).next().is_some() {
            c.gold_matched += 1;
        } else {
            doc.relation_fn.push(relation_fn(m, i));
        }
    }
}

fn relation_text(from: &str, to: &str, post: Option<&str>) -> String {
    match post {
        Some(p) => format!("{from} → {to} ({p})"),
        None => format!("{from} → {to}"),
    }
}

/// A missed relation; its needles are the surface forms of both ends
/// (the context lookup prefers a sentence holding one of each).
fn relation_fn(m: &DocMatch, i: usize) -> Finding {
    let r = &m.gold.relations[i];
    let forms = |name: &str| -> Vec<String> {
        let e = m.gold.entities.iter().find(|e| e.name == name);
        let mut v = vec![name.to_owned()];
        v.extend(e.into_iter().flat_map(|e| e.aliases.iter().chain(&e.mentions).chain(&e.key).cloned()));
        v
    };
    let text = relation_text(&r.from, &r.to, r.post.as_deref());
    Finding { needles: forms(&r.from), needles2: forms(&r.to), ..Finding::new(r.kind.name(), text) }
}

fn score_attributes(m: &DocMatch, report: &mut EvalReport, doc: &mut DocReport) {
    for (i, r) in m.gold.relations.iter().enumerate() {
        let Some(gold_post) = r.post.as_deref().filter(|_| r.kind == RelationType::HoldsPost) else {
            continue;
        };
        let posts: Vec<String> = m.relation_hits(i).filter_map(|p| p.post.clone()).collect();
        if m.relation_hits(i).next().is_some() {
            let what = relation_text(&r.from, &r.to, None);
            attribute(&mut report.attributes.post, doc, "post", what, gold_post, &posts);
        }
    }
    for (g, e) in m.gold.entities.iter().enumerate() {
        let nodes: Vec<&PredictedEntity> = m.entity_hits(g).flat_map(|i| i.nodes.iter().copied()).collect();
        if nodes.is_empty() {
            continue;
        }
        if let (Some(d), EntityType::Event) = (&e.date, e.entity_type) {
            let got: Vec<String> = nodes.iter().filter_map(|n| n.date.clone()).collect();
            attribute(&mut report.attributes.date, doc, "date", e.name.clone(), d, &got);
        }
        if let (Some(k), EntityType::Publication) = (&e.kind, e.entity_type) {
            let got: Vec<String> = nodes.iter().map(|n| n.publication_kind().to_owned()).collect();
            attribute(&mut report.attributes.kind, doc, "kind", e.name.clone(), k, &got);
        }
    }
}

/// Correct when one of the predicted values equals the gold value (after normalisation).
fn attribute(acc: &mut Accuracy, doc: &mut DocReport, field: &str, what: String, gold: &str, got: &[String]) {
    acc.n += 1;
    let gold_norm = normalize_name(gold);
    if got.iter().any(|v| normalize_name(v) == gold_norm) {
        acc.correct += 1;
        return;
    }
    let got = if got.is_empty() { "none".to_owned() } else { got.join(", ") };
    doc.attribute_errors.push(Finding::new(field, what).with_detail(format!("gold {gold}, predicted {got}")));
}

fn score_metadata(m: &DocMatch, report: &mut EvalReport, doc: &mut DocReport) {
    let g = m.gold;
    let fields: [(&str, Vec<String>, Vec<String>); 5] = match m.pred {
        Some(p) => [
            ("title", opt(&g.title), opt(&p.meta.title)),
            ("date", opt(&g.date), opt(&p.meta.date)),
            ("authors", g.authors.clone(), canon(&p.meta.authors, &g.authors, &m.matchers, EntityType::Person)),
            ("editors", g.editors.clone(), canon(&p.meta.editors, &g.editors, &m.matchers, EntityType::Person)),
            (
                "source",
                opt(&g.source),
                canon(&opt(&p.meta.source), &opt(&g.source), &m.matchers, EntityType::Publication),
            ),
        ],
        None => return missing_metadata(report, doc),
    };
    for (field, gold, got) in fields {
        let acc = report.metadata.field_mut(field);
        acc.n += 1;
        if normalized_set(&gold) == normalized_set(&got) {
            acc.correct += 1;
        } else {
            let detail = format!("gold {}, predicted {}", show(&gold), show(&got));
            doc.metadata_errors.push(Finding::new(field, String::new()).with_detail(detail));
        }
    }
}

/// A document with no graph: every metadata field counts as wrong.
fn missing_metadata(report: &mut EvalReport, doc: &mut DocReport) {
    for field in super::report::METADATA_FIELDS {
        report.metadata.field_mut(field).n += 1;
        doc.metadata_errors.push(Finding::new(field, String::new()).with_detail("document not in the store".into()));
    }
}

fn opt(v: &Option<String>) -> Vec<String> {
    v.iter().cloned().collect()
}

fn normalized_set(v: &[String]) -> BTreeSet<String> {
    v.iter().map(|s| normalize_name(s)).filter(|s| !s.is_empty()).collect()
}

fn show(v: &[String]) -> String {
    if v.is_empty() {
        "none".to_owned()
    } else {
        v.join("、")
    }
}

/// Predicted labels, each replaced by the gold name it matches as an entity
/// (so an alias of a gold author counts as that author).
fn canon(pred: &[String], gold: &[String], matchers: &[Matcher], t: EntityType) -> Vec<String> {
    let canon_one = |label: &String| {
        let norm = normalize_name(label);
        let hit = gold.iter().find(|g| end_matcher(g, t, matchers).matches(&norm));
        hit.cloned().unwrap_or_else(|| label.clone())
    };
    pred.iter().map(canon_one).collect()
}

/// (type, normalised gold name) -> [(document, IRIs of its matched nodes)].
type Occurrences = BTreeMap<(EntityType, String), Vec<(String, BTreeSet<String>)>>;

/// Cross-document identity over all scored documents.
fn crossdoc(matches: &[DocMatch]) -> CrossDoc {
    let mut occurrences = Occurrences::new();
    // (type, IRI) -> {(name, doc)}
    let mut by_iri: BTreeMap<(EntityType, String), BTreeSet<(String, String)>> = BTreeMap::new();
    for m in matches {
        for (g, e) in m.gold.entities.iter().enumerate() {
            let name = m.matchers[g].name.clone();
            let iris: BTreeSet<String> = m.entity_hits(g).flat_map(|i| i.nodes.iter().map(|n| n.iri.clone())).collect();
            for iri in &iris {
                by_iri.entry((e.entity_type, iri.clone())).or_default().insert((name.clone(), m.doc().to_owned()));
            }
            occurrences.entry((e.entity_type, name)).or_default().push((m.doc().to_owned(), iris));
        }
    }
    let mut out = CrossDoc::default();
    for ((entity_type, name), occ) in occurrences {
        let docs: BTreeSet<&String> = occ.iter().map(|(d, _)| d).collect();
        if docs.len() < 2 {
            continue;
        }
        out.total += 1;
        let all: BTreeSet<&String> = occ.iter().flat_map(|(_, i)| i).collect();
        if all.len() == 1 && occ.iter().all(|(_, i)| !i.is_empty()) {
            out.merged += 1;
        } else {
            out.split.push(SplitEntity { entity_type, name, nodes: occ });
        }
    }
    wrong_merges(by_iri, &mut out);
    out
}

fn wrong_merges(by_iri: BTreeMap<(EntityType, String), BTreeSet<(String, String)>>, out: &mut CrossDoc) {
    let mut wrong: BTreeSet<(EntityType, String)> = BTreeSet::new();
    for ((entity_type, iri), gold) in by_iri {
        let names: BTreeSet<&String> = gold.iter().map(|(n, _)| n).collect();
        if names.len() < 2 {
            continue;
        }
        wrong.extend(names.iter().map(|n| (entity_type, (*n).clone())));
        out.wrong.push(WrongMerge { entity_type, iri, gold: gold.into_iter().collect() });
    }
    out.wrong_merges = wrong.len();
}
