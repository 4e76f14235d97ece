//! Rule `unit/distributive-list`: places listed with `、` before one unit
//! ending name one unit each; the ending is written once, after the last.
//!
//! Two shapes of the genre:
//! - `扬州市、连云港市、如皋市、射阳县、雨花台区志办` (the last place carries
//!   the ending): `扬州市志办`, `连云港市志办`, … besides `雨花台区志办`;
//!   `定海、普陀区委`: `定海区委` besides `普陀区委` (a short place takes the
//!   last one's admin character);
//! - `济南、青岛、临沂等市档案馆` (`等` + admin character + ending):
//!   `济南市档案馆`, `青岛市档案馆`, `临沂市档案馆`, and no `市档案馆` of the
//!   document's own city.
//!
//! Every listed item must be a place of the gazetteer (as written or with the
//! admin character), so `省档案局、市档案馆` or `办公室、市委` never qualify;
//! the leftmost item may have words before it (`与济南`), which are left out.
//! Known misses: a list whose ending is shared through `及` (`定海、普陀区委
//! 及区史志研究室`), places that are not in the gazetteer (towns, streets).
//! Reads: every unit mention the other unit rules found, and the sentence text.

use super::rules;
use super::{Ctx, Mention};
use crate::gazetteer;
use crate::model::EntityType;

/// Runs after every unit rule (the last place of a list may be read by the
/// name rule or by the tagger): adds the listed units, and drops a mention
/// that is only the list's shared ending (`等市档案馆`).
pub fn extract(ctx: &mut Ctx) {
    let mut add = Vec::new();
    let mut drop = Vec::new();
    for (i, m) in ctx.mentions.iter().enumerate() {
        if m.kind != EntityType::Unit || m.surface.is_empty() {
            continue;
        }
        let s = &ctx.sents[m.sentence];
        let (listed, only_ending) = expand(s.text, m.start - s.start, m.end - s.start);
        for l in listed {
            add.push(Mention::new(EntityType::Unit, &l.surface, s.start + l.start, s.start + l.end, s.index));
        }
        if only_ending {
            drop.push(i);
        }
    }
    for i in drop {
        ctx.mentions[i].surface.clear(); // dropped: linking skips it
    }
    for m in add {
        ctx.add(rules::UNIT_DISTRIBUTIVE_LIST, m);
    }
}

/// Admin characters a short place name takes from the listed unit (`定海` + `区`).
const ADMIN: &[char] = &['省', '市', '区', '县'];
/// Characters a listed place may have; the leftmost item is cut to its
/// longest place suffix of at most this many characters.
const MAX_PLACE_CHARS: usize = 8;

/// A unit the list names: its surface and the span of its place in the text
/// (relative to the sentence).
#[derive(Debug, PartialEq, Eq)]
pub struct Listed {
    pub surface: String,
    pub start: usize,
    pub end: usize,
}

/// `item` as a full place name (`扬州市`), or `item` + `admin` when that is one
/// (`定海` + `区`).
fn as_place(item: &str, admin: Option<char>) -> Option<String> {
    let g = gazetteer::get();
    if item.chars().count() < 2 {
        return None;
    }
    if !g.full(item).is_empty() {
        return Some(item.to_owned());
    }
    let with = format!("{item}{}", admin?);
    (!g.full(&with).is_empty()).then_some(with)
}

/// The places listed at the end of `text` (separated by `、`, nearest
/// last), each as (full place, start, end); the leftmost item may be the
/// place suffix of a longer chunk.
fn listed_places(text: &str, admin: Option<char>) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    let mut end = text.len();
    loop {
        let item_start = text[..end].rfind('、').map_or(0, |i| i + '、'.len_utf8());
        let chunk = &text[item_start..end];
        if let Some(place) = as_place(chunk, admin) {
            out.push((place, item_start, end));
        } else {
            // the leftmost item: the longest place the chunk ends with
            let starts: Vec<usize> = chunk.char_indices().map(|(i, _)| i).collect();
            let n = starts.len();
            let suffix = (0..n)
                .filter(|&k| n - k <= MAX_PLACE_CHARS)
                .find_map(|k| as_place(&chunk[starts[k]..], admin).map(|p| (p, item_start + starts[k])));
            if let Some((place, s)) = suffix {
                out.push((place, s, end));
            }
            break;
        }
        if item_start == 0 || !text[..item_start].ends_with('、') {
            break;
        }
        end = item_start - '、'.len_utf8();
    }
    out.reverse();
    out
}

/// The units a distributive list names around the unit mention
/// `text[start..end]` (offsets relative to the sentence), and whether the
/// mention itself is only the list's shared ending (`等市档案馆`: then it is
/// no unit of its own).
pub fn expand(text: &str, start: usize, end: usize) -> (Vec<Listed>, bool) {
    let g = gazetteer::get();
    let surface = &text[start..end];
    let before = &text[..start];
    if let Some(head) = before.strip_suffix('等') {
        // `济南、青岛、临沂等市档案馆`
        let Some(admin) = surface.chars().next().filter(|c| ADMIN.contains(c)) else { return (Vec::new(), false) };
        let ending = &surface[admin.len_utf8()..];
        let places = listed_places(head, Some(admin));
        // one place before `等` is no list (`沈阳等市档案馆` is rare; `以沈阳等…` is prose)
        if places.len() < 2 || ending.chars().count() < 2 {
            return (Vec::new(), false);
        }
        let listed = places.into_iter().map(|(p, s, e)| Listed { surface: format!("{p}{ending}"), start: s, end: e });
        return (listed.collect(), true);
    }
    let Some(head) = before.strip_suffix('、') else { return (Vec::new(), false) };
    // the last place is the start of the mention itself: `雨花台区` of `雨花台区志办`
    let starts: Vec<usize> = surface.char_indices().map(|(i, _)| i).skip(2).collect();
    let Some(last) = starts.iter().rev().map(|&i| &surface[..i]).find(|p| !g.full(p).is_empty()) else {
        return (Vec::new(), false);
    };
    let ending = &surface[last.len()..];
    let admin = last.chars().last().filter(|c| ADMIN.contains(c));
    // `南京市雨花台区志办`: the place is the whole `南京市雨花台区`, which the
    // gazetteer does not hold as one name; no list is read after it
    let place_follows =
        ending.char_indices().skip(2).any(|(i, _)| !g.full(&ending[..i]).is_empty()) || !g.full(ending).is_empty();
    if ending.is_empty() || place_follows {
        return (Vec::new(), false);
    }
    let listed = listed_places(head, admin).into_iter().map(|(p, s, e)| Listed {
        surface: format!("{p}{ending}"),
        start: s,
        end: e,
    });
    (listed.collect(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str, unit: &str) -> (Vec<String>, bool) {
        let start = text.find(unit).unwrap();
        let (listed, only_ending) = expand(text, start, start + unit.len());
        for l in &listed {
            assert!(text.is_char_boundary(l.start) && text.is_char_boundary(l.end) && l.start < l.end);
        }
        (listed.into_iter().map(|l| l.surface).collect(), only_ending)
    }

    #[test]
    fn the_last_place_carries_the_ending() {
        let text = "扬州市、连云港市、如皋市、射阳县、雨花台区志办,分别介绍了经验。";
        let (n, only) = names(text, "雨花台区志办");
        assert_eq!(n, ["扬州市志办", "连云港市志办", "如皋市志办", "射阳县志办"]);
        assert!(!only);
    }

    #[test]
    fn a_short_place_takes_the_admin_character() {
        let (n, _) = names("定海、普陀区委及区史志研究室负责人参加座谈。", "普陀区委");
        assert_eq!(n, ["定海区委"]);
    }

    #[test]
    fn places_before_deng_and_an_admin_ending() {
        let (n, only) = names("与济南、青岛、临沂等市档案馆签署《跨馆利用服务协议书》", "市档案馆");
        assert_eq!(n, ["济南市档案馆", "青岛市档案馆", "临沂市档案馆"]);
        assert!(only, "the bare `市档案馆` is the list's ending, not the document's city archive");
    }

    #[test]
    fn a_constructed_list_of_counties() {
        // another shape: words before the first item, counties with their admin character
        let (n, _) = names("会议邀请了桐庐县、淳安县、建德市档案馆的同志。", "建德市档案馆");
        assert_eq!(n, ["桐庐县档案馆", "淳安县档案馆"]);
    }

    #[test]
    fn units_listed_with_their_own_endings_are_no_list() {
        assert_eq!(names("省档案局、市档案馆联合举办", "市档案馆").0, Vec::<String>::new());
        assert_eq!(names("舟山市委办公室、市委宣传部参加", "市委宣传部").0, Vec::<String>::new());
        assert_eq!(names("以沈阳等市档案馆为例", "市档案馆").0, Vec::<String>::new());
        assert_eq!(names("扬州市、南京市雨花台区志办", "南京市雨花台区志办").0, Vec::<String>::new());
    }
}
