//! Word segmentation and part-of-speech tags (jieba-rs), with the domain words
//! (unit endings, posts, event nouns, place names) added once to its dictionary.

use crate::{gazetteer, lexicon};
use jieba_rs::Jieba;
use std::sync::OnceLock;

/// A word with its tag and byte span in the segmented text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub word: &'a str,
    pub tag: &'a str,
    pub start: usize,
    pub end: usize,
}

/// The shared segmenter. Built on first use only: queries and exports never pay for it.
pub fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(build)
}

fn build() -> Jieba {
    let mut j = Jieba::new();
    let lx = lexicon::get();
    // Frequencies high enough to win over the general dictionary's splits.
    for w in &lx.unit_suffixes {
        if w.chars().count() >= 2 {
            j.add_word(w, Some(20_000), Some("nt"));
        }
    }
    for w in lx.posts.iter().chain(&lx.person_cues) {
        j.add_word(w, Some(20_000), Some("n"));
    }
    for (w, _) in &lx.event_nouns {
        if w.chars().count() >= 2 {
            j.add_word(w, Some(20_000), Some("n"));
        }
    }
    for w in &lx.figures {
        j.add_word(w, Some(20_000), Some("nr"));
    }
    // a compound of the genre that must not split at `和`
    for w in ["党史和文献", "党史和文献工作", "党史和文献部门"] {
        j.add_word(w, Some(20_000), Some("n"));
    }
    for p in &gazetteer::get().places {
        j.add_word(p.name, Some(30_000), Some("ns"));
    }
    j
}

/// Tag one sentence; spans are byte offsets into `text` shifted by `base`.
pub fn tag<'a>(text: &'a str, base: usize) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    for t in jieba().tag(text, true) {
        let tok = Token { word: t.word, tag: t.tag, start: base + t.byte_start, end: base + t.byte_end };
        match split_appointment(tok) {
            Some((verb, admin)) => out.extend([verb, admin]),
            None => out.push(tok),
        }
    }
    out
}

/// `李文明任市档案馆副馆长`, `当选为市档案学会会长` come out as `任市`, `为市`:
/// a verb or preposition glued to the admin prefix of the unit after it.
/// Split them back, unless the pair is a place (`任县`, `和县` are counties).
fn split_appointment(t: Token) -> Option<(Token, Token)> {
    let mut chars = t.word.chars();
    let (first, admin) = (chars.next()?, chars.next()?);
    if chars.next().is_some() || !"任为在对向由经和与及到".contains(first) || !"市区省县州".contains(admin)
    {
        return None;
    }
    if gazetteer::get().is_place(t.word) {
        return None;
    }
    let cut = t.start + first.len_utf8();
    let tag = if first == '任' { "v" } else { "p" };
    Some((
        Token { word: &t.word[..cut - t.start], tag, start: t.start, end: cut },
        Token { word: &t.word[cut - t.start..], tag: "n", start: cut, end: t.end },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_words_stay_whole() {
        let toks = tag("桃源县史志办主任朱浩介绍了该办近几年的工作", 0);
        let words: Vec<&str> = toks.iter().map(|t| t.word).collect();
        assert!(words.contains(&"桃源县"), "{words:?}");
        assert!(words.contains(&"史志办"), "{words:?}");
        assert!(words.contains(&"主任"), "{words:?}");
    }

    #[test]
    fn an_appointment_verb_splits_from_the_admin_prefix() {
        let text = "6月,李文明任市档案馆副馆长";
        let toks = tag(text, 0);
        let words: Vec<&str> = toks.iter().map(|t| t.word).collect();
        assert!(!words.contains(&"任市"), "{words:?}");
        for t in &toks {
            assert_eq!(&text[t.start..t.end], t.word);
        }
    }

    #[test]
    fn spans_are_byte_offsets() {
        let text = "区档案馆举办展览";
        for t in tag(text, 10) {
            assert_eq!(&text[t.start - 10..t.end - 10], t.word);
        }
    }
}
