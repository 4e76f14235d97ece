//! Rule `unit/tagger-org`: a unit the statistical tagger (LAC) names as an
//! organisation where the unit rules read none: national bodies and
//! institutions without a place prefix (`军事科学院`, `清华大学`,
//! `中国福利会`), which the place-anchored name rule cannot see.
//!
//! The tagger finds the span; the rules decide whether it is a unit: an ORG
//! word is kept when it ends with a known unit ending that is not the whole
//! word (a bare `档案馆` needs an antecedent, which linking resolves), is not
//! inside a 《》 title, and overlaps no mention the rules already read (where
//! they did, their reading stands).
//!
//! Example: `军事科学院解放军党史研究中心军事志研究室主任李涛` → Unit
//! `军事科学院解放军党史研究中心军事志研究室` when the rules read nothing there.
//! Known misses: an organisation whose name has no unit ending (`新华社`
//! is in the endings list, `学习强国` is not a unit at all).
//!
//! Rule `unit/tagger-name`: where the rules did read a unit there, but one
//! with no place or organ before it (which linking could only resolve from an
//! antecedent, and else drops), and the tagger's organisation ends where it
//! ends and holds it, the two agree on a name: the tagger's whole span is the
//! unit, a proper name of its own (`军事科学院`, `清华大学` in a list of
//! institutions; `研究中心军事志研究室` → `军事科学院解放军党史研究中心军事志研究室`).
//! Known misses: an organisation the tagger cuts short keeps the rules' reading.
//! Reads: `Sent::lac` (empty when the tagger is off: the rules then add nothing).

use super::rules;
use super::{Ctx, Mention};
use crate::lexicon;
use crate::model::EntityType;

/// Is `name` an organisation's own name: a unit ending after at least two
/// characters of its own, all Han (or the ASCII of a code name)?
pub fn is_unit_name(name: &str) -> bool {
    let Some(ending) = lexicon::get().unit_suffix_of(name) else { return false };
    let own = name.chars().count() - ending.chars().count();
    own >= 2 && name.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

pub fn extract(ctx: &mut Ctx) {
    let mut found = Vec::new();
    let mut confirmed = Vec::new();
    for s in &ctx.sents {
        for w in s.lac.iter().filter(|w| w.tag == "ORG") {
            let name = s.slice(w.start, w.end);
            if !is_unit_name(name) || ctx.in_title(s, w.start) {
                continue;
            }
            let overlapping: Vec<usize> =
                ctx.of_sentence(s.index).filter(|(_, m)| m.start < w.end && w.start < m.end).map(|(i, _)| i).collect();
            if overlapping.is_empty() {
                found.push((s.index, w.start, w.end, name.to_owned()));
            }
            // the rules read a unit with no place or organ before it that ends
            // where the tagger's organisation ends: the tagger's whole name stands
            if let [i] = overlapping[..] {
                let m = &ctx.mentions[i];
                if m.kind == EntityType::Unit && !m.anchored && m.end == w.end && m.start >= w.start {
                    confirmed.push((i, w.start, name.to_owned()));
                }
            }
        }
    }
    for (si, start, end, name) in found {
        ctx.add(rules::UNIT_TAGGER_ORG, Mention::new(EntityType::Unit, &name, start, end, si));
    }
    for (i, start, name) in confirmed {
        let m = &mut ctx.mentions[i];
        m.start = start;
        m.surface = name;
        m.anchored = true;
        ctx.also(i, rules::UNIT_TAGGER_NAME);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<(String, bool)> {
        let r = crate::extract::read(&crate::normalize::normalize(text));
        r.mentions
            .iter()
            .filter(|m| m.kind == EntityType::Unit && !m.surface.is_empty())
            .map(|m| (m.surface.clone(), m.rules.contains(&rules::UNIT_TAGGER_NAME)))
            .collect()
    }

    #[test]
    fn the_tagger_names_institutions_the_rules_read_bare() {
        let found = units("丛书由专家担任主编,中央党校、军事科学院、北京大学、清华大学等专家学者承担撰写任务。");
        assert!(found.contains(&("军事科学院".to_owned(), true)), "{found:?}");
        assert!(found.contains(&("清华大学".to_owned(), true)), "{found:?}");
        let found = units("省志办副主任牟国义,军事科学院解放军党史研究中心军事志研究室主任李涛出席会议。");
        assert!(found.contains(&("军事科学院解放军党史研究中心军事志研究室".to_owned(), true)), "{found:?}");
        // a unit anchored by its place keeps the rules' reading
        let found = units("江苏省档案馆馆长出席会议。");
        assert!(found.contains(&("江苏省档案馆".to_owned(), false)), "{found:?}");
    }

    #[test]
    fn own_name_before_the_ending() {
        assert!(is_unit_name("军事科学院"));
        assert!(is_unit_name("清华大学"));
        assert!(!is_unit_name("档案馆"), "a bare ending needs an antecedent");
        assert!(!is_unit_name("学习强国"), "no unit ending");
    }
}
