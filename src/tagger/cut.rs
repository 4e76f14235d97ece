//! LAC's preprocessing: the `small_seg.dic` best-path cut (`LAC/segment.py`
//! `Segment.fast_cut`) and the mixed word / character ids (`LAC/reader.py`
//! `Dataset.text_to_ids` with `q2b.dic`).
//!
//! The cut works on characters (Python indexes strings by code point). LAC's trie
//! stores `len(word)` as a word's "frequency", so the score of taking the word
//! `text[i..=j]` is `ln(j - i + 1) - ln(total)` (a single character not in the
//! dictionary scores `ln(1) - ln(total)`), summed right to left in f64 exactly as the
//! Python does; among equal scores the longer word wins (Python's `max` over
//! `(score, j)` tuples). Single-character `[a-zA-Z0-9]` words are glued into runs.
//! A cut word that is in `word.dic` becomes one token, otherwise each of its
//! characters does; every token's text goes through `q2b.dic` before its id is
//! looked up, unknown ones get the `OOV` id.

use rustc_hash::FxHashMap;

/// The segmenter and the vocabulary.
pub(crate) struct Cutter {
    /// (parent node, character) -> child node; node 0 is the root.
    trie: FxHashMap<(u32, char), u32>,
    /// Whether the path to a node spells a dictionary word.
    is_word: Vec<bool>,
    /// `ln(k)` for every word length k the trie can match (index 0 unused).
    ln_len: Vec<f64>,
    logtotal: f64,
    /// id of each single character (after q2b); others are OOV.
    char_ids: FxHashMap<char, u32>,
    /// id of each multi-character word.dic entry (after q2b).
    word_ids: FxHashMap<Box<str>, u32>,
    oov: u32,
}

/// Per-call buffers of the cut.
#[derive(Default)]
pub(crate) struct CutScratch {
    chars: Vec<char>,
    /// byte offset of each character, plus the text's length
    offs: Vec<usize>,
    /// best (score, last char index) from each position to the end
    route: Vec<(f64, usize)>,
}

impl Cutter {
    /// `vocab[i]` is the word with id i (word.dic), `q2b` the replacement pairs,
    /// `seg_words` / `seg_total` small_seg.dic's words and the sum of its counts.
    pub fn new(vocab: &[String], oov: u32, q2b: &[(String, String)], seg_words: &[String], seg_total: u64) -> Cutter {
        let mut trie = FxHashMap::default();
        let mut is_word = vec![false];
        let mut max_len = 1;
        for w in seg_words {
            let mut node = 0u32;
            let mut len = 0;
            for c in w.chars() {
                len += 1;
                let next = is_word.len() as u32;
                node = *trie.entry((node, c)).or_insert_with(|| {
                    is_word.push(false);
                    next
                });
            }
            if len > 0 {
                is_word[node as usize] = true;
            }
            max_len = max_len.max(len);
        }
        let ln_len = (0..=max_len).map(|k| (k as f64).ln()).collect();

        // word2id: a later line wins (ids are unique in LAC's word.dic anyway)
        let mut w2id: FxHashMap<&str, u32> = FxHashMap::default();
        for (i, w) in vocab.iter().enumerate() {
            w2id.insert(w.as_str(), i as u32);
        }
        let q2b_map: FxHashMap<&str, &str> = q2b.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let id_of = |w: &str| -> u32 {
            let w = q2b_map.get(w).copied().unwrap_or(w);
            w2id.get(w).copied().unwrap_or(oov)
        };
        let mut char_ids = FxHashMap::default();
        let mut word_ids = FxHashMap::default();
        for w in w2id.keys().copied().chain(q2b_map.keys().copied()) {
            let mut it = w.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => {
                    char_ids.insert(c, id_of(w));
                }
                (Some(_), Some(_)) if w2id.contains_key(w) => {
                    word_ids.insert(Box::from(w), id_of(w));
                }
                _ => {}
            }
        }
        Cutter { trie, is_word, ln_len, logtotal: (seg_total as f64).ln(), char_ids, word_ids, oov }
    }

    /// Id of one character.
    fn char_id(&self, c: char) -> u32 {
        self.char_ids.get(&c).copied().unwrap_or(self.oov)
    }

    /// Cuts `text` into words (`Segment.fast_cut`), as character ranges pushed to `words`.
    pub fn cut_chars(&self, text: &str, s: &mut CutScratch, words: &mut Vec<(usize, usize)>) {
        s.chars.clear();
        s.offs.clear();
        for (o, c) in text.char_indices() {
            s.chars.push(c);
            s.offs.push(o);
        }
        s.offs.push(text.len());
        let n = s.chars.len();
        let chars = &s.chars;
        s.route.clear();
        s.route.resize(n + 1, (0.0, 0));
        let lt = self.logtotal;
        for i in (0..n).rev() {
            // dag[i] = [i] + [e - 1 for each dictionary word text[i..e]]
            let mut best = ((self.ln_len[1] - lt) + s.route[i + 1].0, i);
            let mut node = 0u32;
            for (e, &c) in chars.iter().enumerate().skip(i) {
                match self.trie.get(&(node, c)) {
                    Some(&next) => node = next,
                    None => break,
                }
                if self.is_word[node as usize] {
                    let cand = ((self.ln_len[e - i + 1] - lt) + s.route[e + 1].0, e);
                    if cand.0 > best.0 || (cand.0 == best.0 && cand.1 > best.1) {
                        best = cand;
                    }
                }
            }
            s.route[i] = best;
        }
        let mut i = 0;
        let mut buf: Option<usize> = None;
        while i < n {
            let e = s.route[i].1 + 1;
            if e - i == 1 && chars[i].is_ascii_alphanumeric() {
                buf.get_or_insert(i);
            } else {
                if let Some(b) = buf.take() {
                    words.push((b, i));
                }
                words.push((i, e));
            }
            i = e;
        }
        if let Some(b) = buf {
            words.push((b, n));
        }
    }

    /// Cuts `text` and maps it to ids (`Dataset.text_to_ids`): pushes one id per token
    /// to `ids` and the token's end byte offset to `ends` (tokens cover the text).
    pub fn text_to_ids(
        &self,
        text: &str,
        s: &mut CutScratch,
        words: &mut Vec<(usize, usize)>,
        ids: &mut Vec<u32>,
        ends: &mut Vec<usize>,
    ) {
        words.clear();
        self.cut_chars(text, s, words);
        for &(a, b) in words.iter() {
            if b - a > 1 {
                if let Some(&id) = self.word_ids.get(&text[s.offs[a]..s.offs[b]]) {
                    ids.push(id);
                    ends.push(s.offs[b]);
                    continue;
                }
            }
            for k in a..b {
                ids.push(self.char_id(s.chars[k]));
                ends.push(s.offs[k + 1]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn cut(c: &Cutter, text: &str) -> Vec<String> {
        let mut words = Vec::new();
        c.cut_chars(text, &mut CutScratch::default(), &mut words);
        let chars: Vec<char> = text.chars().collect();
        words.iter().map(|&(a, b)| chars[a..b].iter().collect()).collect()
    }

    #[test]
    fn ascii_runs_are_glued() {
        let c = Cutter::new(&strings(&["OOV"]), 0, &[], &strings(&["中国", "ok"]), 100);
        assert_eq!(cut(&c, "ab12中国x"), ["ab12", "中国", "x"]);
        // a dictionary word of ASCII letters is its own word and ends the run before it
        assert_eq!(cut(&c, "a1ok9"), ["a1", "ok", "9"]);
        // non-ASCII letters and digits are not glued
        assert_eq!(cut(&c, "１２é"), ["１", "２", "é"]);
        assert!(cut(&c, "").is_empty());
    }

    #[test]
    fn ties_go_to_the_longer_word() {
        // total 1: ln(total) = 0, so 甲乙 + 丙丁 scores ln 2 + ln 2 = ln 4 = 甲乙丙丁
        let c = Cutter::new(&strings(&["OOV"]), 0, &[], &strings(&["甲乙", "丙丁", "甲乙丙丁"]), 1);
        assert_eq!(cut(&c, "甲乙丙丁"), ["甲乙丙丁"]);
        // a word's "frequency" is its length: 甲乙 + 丙丁 (ln 2 + ln 2) beats 甲乙丙 + 丁 (ln 3 + ln 1)
        let c = Cutter::new(&strings(&["OOV"]), 0, &[], &strings(&["甲乙", "丙丁", "甲乙丙"]), 1000);
        assert_eq!(cut(&c, "甲乙丙丁"), ["甲乙", "丙丁"]);
        // a prefix that is not a word is not a candidate
        assert_eq!(cut(&c, "甲"), ["甲"]);
    }

    #[test]
    fn ids_use_words_then_chars_after_q2b() {
        let vocab = strings(&["中国", "中", "国", "人", "ab", "a", "OOV"]);
        let q2b = vec![("國".to_string(), "国".to_string())];
        let c = Cutter::new(&vocab, 6, &q2b, &strings(&["中国", "中國", "国人"]), 10);
        let (mut ids, mut ends, mut words) = (Vec::new(), Vec::new(), Vec::new());
        let mut s = CutScratch::default();
        // 中國 is cut as one word but is not in word.dic: one token per character, 國 -> 国
        c.text_to_ids("中國ab人x", &mut s, &mut words, &mut ids, &mut ends);
        assert_eq!(ids, [1, 2, 4, 3, 6]);
        assert_eq!(ends, [3, 6, 8, 11, 12]);
        ids.clear();
        ends.clear();
        c.text_to_ids("中国", &mut s, &mut words, &mut ids, &mut ends);
        assert_eq!(ids, [0]);
        assert_eq!(ends, [6]);
    }
}
