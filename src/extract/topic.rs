//! Who is acting when a sentence names no one: the unit a section is about
//! (`市档案馆发布`, a yearbook's `【概况】` paragraph), the unit a paragraph opens
//! with, and the document's own unit (its title or first sentence).

use super::metadata::RawMeta;
use super::Ctx;
use crate::model::EntityType;

#[derive(Default, Debug)]
pub struct Topics {
    /// The unit the document is about (a mention index).
    pub document: Option<usize>,
    /// (sentence, unit mention): section headers (`市档案馆发布`) and sentences
    /// that open with a unit; each holds until the next one.
    pub subjects: Vec<(usize, usize)>,
}

/// Words before a sentence's subject that do not stop it being the subject.
const OPENERS: &[&str] = &["近年来", "多年来", "一直以来", "今年", "去年", "目前", "同时", "此外", "随后", "其中"];

pub fn assign(ctx: &mut Ctx, meta: &RawMeta) {
    let units: Vec<usize> = (0..ctx.mentions.len()).filter(|&i| ctx.mentions[i].kind == EntityType::Unit).collect();
    let mut topics = Topics::default();
    let paragraphs = paragraph_spans(ctx);
    let mut with_subject = std::collections::HashSet::new();
    for &i in &units {
        let m = &ctx.mentions[i];
        let s = &ctx.sents[m.sentence];
        let lead = strip_openers(&s.text[..m.start - s.start]);
        let opens_clause = lead.is_empty() || lead.ends_with(',');
        let (a, b) = paragraphs[&s.paragraph];
        let header = is_section_header(&ctx.doc.text[a..b], &m.surface);
        if !opens_clause || !(m.anchored || header) || m.surface == "中国共产党" || names_event(m.end, s) {
            continue;
        }
        if with_subject.insert(m.sentence) {
            topics.subjects.push((m.sentence, i));
        }
    }
    topics.document = document_unit(ctx, meta, &units);
    ctx.topics = topics;
}

/// `区委常委会…`: the unit names a meeting, it is not the one acting.
fn names_event(end: usize, s: &super::Sent) -> bool {
    let rest = &s.text[end - s.start..];
    crate::lexicon::get().event_nouns.iter().any(|(n, _)| n.chars().count() >= 2 && rest.starts_with(n))
}

fn strip_openers(lead: &str) -> &str {
    let mut t = lead.trim_start_matches(|c: char| c == '【' || c.is_whitespace());
    if let Some(close) = t.find('】') {
        t = &t[close + 3..];
    }
    for o in OPENERS {
        if let Some(r) = t.strip_prefix(o) {
            t = r;
        }
    }
    // a leading date or time phrase: `2021年,`
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || "年月日底初,、".contains(c));
    t
}

/// Each paragraph's text span, from its first sentence's start to its last
/// one's end (one pass: a one-line document is one long paragraph).
fn paragraph_spans(ctx: &Ctx) -> std::collections::HashMap<usize, (usize, usize)> {
    let mut spans = std::collections::HashMap::new();
    for s in &ctx.sents {
        spans.entry(s.paragraph).and_modify(|e: &mut (usize, usize)| e.1 = s.end).or_insert((s.start, s.end));
    }
    spans
}

/// `市委党史研究室发布`, or a paragraph that is only a unit's name.
fn is_section_header(paragraph: &str, unit: &str) -> bool {
    // 24 characters take at most 96 bytes: a long paragraph is never counted
    if paragraph.len() > 24 * 4 {
        return false;
    }
    let rest = paragraph.trim().strip_prefix(unit).unwrap_or("x").trim();
    paragraph.chars().count() <= 24 && (rest.is_empty() || rest == "发布" || rest == "介绍")
}

/// The unit of the title zone, else the subject of the first body sentence.
fn document_unit(ctx: &Ctx, meta: &RawMeta, units: &[usize]) -> Option<usize> {
    let in_header = |i: &usize| {
        let m = &ctx.mentions[*i];
        meta.header_paragraphs.contains(&ctx.sents[m.sentence].paragraph)
    };
    if let Some(&i) = units.iter().find(|i| in_header(i) && ctx.mentions[**i].anchored) {
        return Some(i);
    }
    if let Some(&i) = units.iter().find(|i| in_header(i)) {
        return Some(i);
    }
    let first_body = ctx.sents.iter().find(|s| !meta.header_paragraphs.contains(&s.paragraph))?;
    units.iter().copied().find(|&i| {
        let m = &ctx.mentions[i];
        m.sentence == first_body.index && strip_openers(&first_body.text[..m.start - first_body.start]).is_empty()
    })
}

/// The unit acting in sentence `si` when the sentence itself names none: the
/// latest section header or sentence-opening unit, else the document's unit.
pub fn implicit_subject(ctx: &Ctx, si: usize) -> Option<usize> {
    let recent = ctx.topics.subjects.iter().rev().find(|&&(q, _)| q <= si).map(|x| x.1);
    recent.or(ctx.topics.document)
}

/// Words that make the actors after them partners of a subject
/// (`与市委组织部、沈阳广播电视台联合制作`).
const PARTNERING: &[&str] = &["与", "和", "同", "配合", "会同", "联合", "协助"];
/// Adverbs between a subject and its partnering word (`…研究室先后与…`).
const PARTNERING_ADVERBS: &[&str] = &["先后", "分别", "多次", "还", "也", "积极", "主动"];

/// `甲先后与乙、丙联合主办…`, `与乙、丙共同举办…`: actors named after a
/// partnering word work with a subject, who acts too: the unit named right
/// before the word (adverbs between), else the passage's implicit subject.
pub fn add_partnering_subject(ctx: &Ctx, si: usize, actors: &mut Vec<usize>) {
    let s = &ctx.sents[si];
    let Some(&first) =
        actors.iter().filter(|&&u| ctx.mentions[u].sentence == si).min_by_key(|&&u| ctx.mentions[u].start)
    else {
        return;
    };
    let lead = &s.text[..ctx.mentions[first].start - s.start];
    let Some(word) = PARTNERING.iter().find(|w| lead.ends_with(*w)) else { return };
    let mut before = &lead[..lead.len() - word.len()];
    while let Some(a) = PARTNERING_ADVERBS.iter().find(|a| before.ends_with(*a)) {
        before = &before[..before.len() - a.len()];
    }
    let named = ctx
        .in_sentence(EntityType::Unit, si)
        .into_iter()
        .find(|&u| ctx.mentions[u].end == s.start + before.len() && ctx.mentions[u].surface != "中国共产党");
    // a unit right before `与` without an adverb is already of the group
    if let Some(subject) = named.or_else(|| implicit_subject(ctx, si)) {
        if !actors.contains(&subject) {
            actors.push(subject);
        }
    }
}

/// Units that act at `pos` in sentence `si`: those named before it in the
/// sentence (not as a place after `在`, nor as the object of `对`/`向`/`为`),
/// else the implicit subject.
pub fn actors_before(ctx: &Ctx, si: usize, pos: usize) -> Vec<usize> {
    let s = &ctx.sents[si];
    let named: Vec<usize> = ctx
        .in_sentence(EntityType::Unit, si)
        .into_iter()
        .filter(|&i| {
            let m = &ctx.mentions[i];
            let before = &s.text[..m.start - s.start];
            let between = &s.text[m.end - s.start..pos.max(m.end) - s.start];
            // the Party is named as a subject of history, not as the one acting
            m.surface != "中国共产党"
                && m.end <= pos
                && !["在", "对", "向", "为", "给", "到", "支持", "帮助", "被", "从", "按照", "根据", "遵照", "依照"]
                    .iter()
                    .any(|w| before.ends_with(w))
                && !["支持下", "帮助下", "指导下", "关心下"].iter().any(|w| between.contains(w))
        })
        .collect();
    // `由长三角地区档案系统联合举办的…`: the agent is named after `由`; when no
    // unit is read there, it is none of the units before, nor the passage's subject
    let lead = &s.text[..pos - s.start];
    let clause =
        lead.rfind([',', ';', '。', ',']).map_or(0, |i| i + lead[i..].chars().next().map_or(1, char::len_utf8));
    let by = lead[clause..]
        .rfind('由')
        .map(|i| s.start + clause + i)
        .filter(|&b| !s.text[b - s.start..].starts_with("由于"));
    if let Some(b) = by {
        if !named.iter().any(|&u| ctx.mentions[u].start > b) {
            return Vec::new();
        }
    }
    if let Some(&last) = named.last() {
        // the nearest unit before the verb, with those coordinated with it
        // (`与市委组织部、沈阳广播电视台联合`); earlier ones play other roles
        let mut group = vec![last];
        for &u in named.iter().rev().skip(1) {
            let next = ctx.mentions[*group.last().expect("non-empty")].start;
            // overlapping mentions (`本馆委员会` in `…馆。本馆委员会`) have no gap
            let gap = s.text.get(ctx.mentions[u].end - s.start..next - s.start).unwrap_or("");
            if !matches!(gap, "、" | "和" | "与" | "及" | "以及" | "同" | "、与") {
                break;
            }
            group.push(u);
        }
        group.reverse();
        return group;
    }
    implicit_subject(ctx, si).into_iter().collect()
}

/// `编制新增综合科科长1人`: a bare department with its head's post belongs to
/// the unit the passage is about.
pub fn departments(ctx: &mut Ctx) {
    let lx = crate::lexicon::get();
    for i in 0..ctx.mentions.len() {
        let m = &ctx.mentions[i];
        if m.kind != EntityType::Unit || m.anchored || !m.surface.ends_with(['科', '处', '股', '室', '组']) {
            continue;
        }
        let s = &ctx.sents[m.sentence];
        let after = &s.text[m.end - s.start..];
        if lx.post_prefix_of(after).is_some() {
            // the unit the paragraph opened with (a yearbook entry's 【概况】 subject)
            let p = s.paragraph;
            let opening =
                ctx.topics.subjects.iter().find(|&&(q, _)| ctx.sents[q].paragraph == p && q <= m.sentence).map(|x| x.1);
            let hint = opening.or_else(|| implicit_subject(ctx, m.sentence)).filter(|&u| u != i);
            ctx.mentions[i].parent_hint = hint;
        }
    }
}

/// `…研究室成立于1998年,…,属区委办公室管理`: the sentence's unit is under the
/// unit it is governed by.
pub fn governed_by(ctx: &mut Ctx) {
    let mut found = Vec::new();
    for s in &ctx.sents {
        let units = ctx.in_sentence(EntityType::Unit, s.index);
        for &u in &units {
            let m = &ctx.mentions[u];
            let before = &s.text[..m.start - s.start];
            let after = &s.text[m.end - s.start..];
            let governs = ["隶属", "属", "归口", "归"].iter().any(|w| before.ends_with(w))
                && ["管理", "领导", "管辖"].iter().any(|w| after.starts_with(w));
            if !governs {
                continue;
            }
            let subject = units
                .iter()
                .copied()
                .find(|&x| x != u && ctx.mentions[x].end <= m.start)
                .or_else(|| implicit_subject(ctx, s.index));
            if let Some(sub) = subject.filter(|&x| x != u) {
                found.push((sub, u, s.index));
            }
        }
    }
    for (sub, parent, si) in found {
        ctx.relate(super::rules::SUBUNIT_GOVERNED_BY, crate::model::RelationType::SubUnitOf, sub, parent, None, si);
    }
}

#[cfg(test)]
mod tests {
    use crate::normalize;

    /// Found by tests/properties.rs: two unit mentions that overlap
    /// (`本馆委员会` read whole and in part) made the gap between coordinated
    /// actors slice backwards and panic.
    #[test]
    fn overlapping_actors_do_not_panic() {
        let doc = normalize::normalize("檔案館。本馆委员会举办学展览");
        let _ = crate::extract::read_with(&doc, crate::extract::Options { tagger: false });
        let _ = crate::extract::read(&doc);
    }

    fn organisers(text: &str) -> Vec<String> {
        crate::extract::related(text, crate::model::RelationType::Organizer).into_iter().map(|(_, u)| u).collect()
    }

    /// `甲先后与乙、丙联合主办`: the subject works with its partners.
    #[test]
    fn partners_and_their_subject() {
        let mut found = organisers("6月以来,中共上海市委党史研究室先后与中共中央党史研究室、中国浦东干部学院联合主办了中国共产党创建史学术研讨会。");
        found.sort();
        assert_eq!(found, ["中共上海市委党史研究室", "中共中央党史研究室", "中国浦东干部学院"]);
    }

    /// `由X举办的`: X is the organiser, or when X is no unit read, no one is.
    #[test]
    fn the_agent_after_by_and_no_other() {
        let found =
            organisers("江苏省档案馆介绍,局长参观了由长三角地区档案系统联合举办的“初心如磐——长三角红色档案珍品展”。");
        assert!(found.is_empty(), "{found:?}");
        let found = organisers("江苏省档案馆介绍,局长参观了由上海市档案馆联合举办的“初心如磐——长三角红色档案珍品展”。");
        assert_eq!(found, ["上海市档案馆"]);
    }
}
