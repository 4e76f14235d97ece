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
//! Reads: `Sent::lac` (empty when the tagger is off: the rule then adds nothing).

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
    for s in &ctx.sents {
        for w in s.lac.iter().filter(|w| w.tag == "ORG") {
            let name = s.slice(w.start, w.end);
            if !is_unit_name(name) || ctx.in_title(s, w.start) {
                continue;
            }
            let overlaps = ctx.of_sentence(s.index).any(|(_, m)| m.start < w.end && w.start < m.end);
            if !overlaps {
                found.push((s.index, w.start, w.end, name.to_owned()));
            }
        }
    }
    for (si, start, end, name) in found {
        ctx.add(rules::UNIT_TAGGER_ORG, Mention::new(EntityType::Unit, &name, start, end, si));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_name_before_the_ending() {
        assert!(is_unit_name("军事科学院"));
        assert!(is_unit_name("清华大学"));
        assert!(!is_unit_name("档案馆"), "a bare ending needs an antecedent");
        assert!(!is_unit_name("学习强国"), "no unit ending");
    }
}
