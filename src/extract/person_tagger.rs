//! Rule `person/tagger`: a person the statistical tagger (LAC) names, where
//! no pattern of the rules surrounds the name: bylines in brackets, lists,
//! history (`(孙洪发)`, `记者龚雪、通讯员徐早祥`, `毛泽东、周恩来`).
//!
//! The tagger finds the name; the rules decide whether it is one: a PER word
//! is kept when it is a well-formed Chinese personal name (a known surname,
//! 2–4 characters in all, only Han characters), is not inside a 《》 title or
//! another mention (a unit, event or work named after a person is not the
//! person: `朱锡昂纪念馆`), is not followed by a word that makes it a
//! place (`宋教仁故居`, `覃振、翦伯赞、宋教仁故居`), and the segmenter does
//! not read the span otherwise (a word that crosses it, or one common word).
//!
//! Example: `……予以借鉴。(孙洪发)` → Person `孙洪发`.
//! Known misses: a foreign or transliterated name (no known surname); a name
//! the tagger reads as a common word (`吉祥`).
//! Reads: `Sent::lac` (empty when the tagger is off: the rule then adds nothing).

use super::rules;
use super::{Ctx, Mention};
use crate::lexicon;
use crate::model::EntityType;

use super::person::names_a_place;
/// Is `name` a well-formed personal name: a known surname, 2–4 Han characters?
pub fn is_personal_name(name: &str) -> bool {
    let n = name.chars().count();
    (2..=4).contains(&n)
        && name.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && lexicon::get().surname_len(name).is_some_and(|k| k < n)
        && lexicon::get().unit_suffix_of(name).is_none_or(|u| u.chars().count() < 2)
}

/// Where the segmenter (jieba) reads the very span as one common word
/// (`史志`/n), or the genre's own vocabulary has it (`史志`, `方志`: terms of
/// the trade that start with a surname character), the tagger alone is not
/// enough. (A segmenter word that merely crosses the name decides nothing:
/// jieba glues unknown names to their neighbours, `会长赖|永生`.)
fn segmenter_disagrees(s: &super::Sent, start: usize, end: usize) -> bool {
    const COMMON: &[&str] = &["n", "v", "vn", "a", "ad", "d", "p", "c", "u", "m", "q", "f", "t", "l", "i", "s"];
    let name = s.slice(start, end);
    lexicon::get().not_names.contains(&name)
        || s.tokens.iter().any(|t| t.start == start && t.end == end && COMMON.contains(&t.tag))
}

pub fn extract(ctx: &mut Ctx) {
    let mut found = Vec::new();
    for s in &ctx.sents {
        for w in s.lac.iter().filter(|w| w.tag == "PER") {
            let name = s.slice(w.start, w.end);
            if !is_personal_name(name) || ctx.in_title(s, w.start) {
                continue;
            }
            if names_a_place(&s.text[w.end - s.start..]) || segmenter_disagrees(s, w.start, w.end) {
                continue;
            }
            // inside another mention's span (a unit, event or work named after someone)
            let covered = ctx
                .of_sentence(s.index)
                .any(|(_, m)| m.kind != EntityType::Person && m.start <= w.start && w.end <= m.end);
            if !covered {
                found.push((s.index, w.start, w.end, name.to_owned()));
            }
        }
    }
    for (si, start, end, name) in found {
        ctx.add(rules::PERSON_TAGGER, Mention::new(EntityType::Person, &name, start, end, si));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize;

    fn people(text: &str) -> Vec<(String, Vec<&'static str>)> {
        let r = crate::extract::read(&normalize::normalize(text));
        r.mentions
            .iter()
            .filter(|m| m.kind == EntityType::Person)
            .map(|m| (m.surface.clone(), m.rules.clone()))
            .collect()
    }

    #[test]
    fn well_formed_names_only() {
        assert!(is_personal_name("孙洪发"));
        assert!(is_personal_name("欧阳修"));
        assert!(!is_personal_name("陈"));
        assert!(!is_personal_name("保家卫国"), "no surname 保");
        assert!(!is_personal_name("史志办"), "a unit ending");
        assert!(!is_personal_name("Smith"));
    }

    /// A byline in brackets at the end of a news item: no post, no cue.
    #[test]
    fn a_bracketed_byline_is_a_person() {
        let found = people("会议对优秀年鉴给予表彰,并表示今后编纂年鉴时要予以借鉴。(孙洪发)");
        assert!(found.iter().any(|(n, r)| n == "孙洪发" && r.contains(&rules::PERSON_TAGGER)), "{found:?}");
    }

    /// Reporters listed in a dateline, another shape.
    #[test]
    fn reporters_in_a_dateline_are_people() {
        let found = people("本报讯(记者王璇)6月9日,河北省档案馆举办开放日活动。");
        assert!(found.iter().any(|(n, _)| n == "王璇"), "{found:?}");
    }

    /// A memorial hall named after someone is no mention of the person.
    #[test]
    fn a_name_inside_a_place_is_not_a_person() {
        let found = people("调研组一行参观了宋教仁故居。");
        assert!(!found.iter().any(|(n, _)| n == "宋教仁"), "{found:?}");
    }
}
