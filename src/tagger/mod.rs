//! Lexical analysis (word segmentation + part-of-speech / entity tags): a pure-Rust port
//! of Baidu LAC 2.1.2, `LAC(mode="lac")`, giving the same words and tags as LAC on every
//! line of `tests/fixtures/lac-2.1.2.jsonl`.
//!
//! * `cut`: the `small_seg.dic` cut and the mixed word / character ids;
//! * `net`: embedding, 2 × BiGRU, output layer and CRF Viterbi;
//! * `model`: the model file `models/lac-2.1.2.bin` (made by `tools/lac_convert.py`;
//!   Apache-2.0, see `models/NOTICE`), embedded in the binary.
//!
//! The output follows LAC's `run`: a token's first character carries its label, the
//! others `<type>-I`; a word starts only at a character whose label ends in `B` or `S`
//! (and at the first character); any other character, `O` included, joins the word
//! before it, and the word takes the type of its last character (`O` gives `""`).

mod cut;
mod model;
mod net;

use cut::{CutScratch, Cutter};
use net::{Net, NetScratch};
use std::sync::OnceLock;

/// The LAC 2.1.2 model, converted by `tools/lac_convert.py`.
static MODEL_BYTES: &[u8] = include_bytes!("../../models/lac-2.1.2.bin");

/// Lines per parallel group in `Tagger::tag_lines_parallel`: enough for
/// several full batches of like length, few enough that a document's
/// stretches spread over the threads.
const PARALLEL_GROUP: usize = 128;

/// One word of a line: byte offsets into the line and LAC's tag (`"PER"`, `"ORG"`,
/// `"LOC"`, `"TIME"`, `"n"`, `"v"`, ..., `""` for LAC's `O`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    pub tag: &'static str,
}

/// What a label means for the output.
#[derive(Clone, Copy)]
struct Label {
    /// the type: the label without its last two characters (`"PER-B"` -> `"PER"`, `"O"` -> `""`)
    ty: &'static str,
    /// ends in `B` or `S`: starts a word
    starts: bool,
}

/// The tagger: LAC's dictionaries and network.
pub struct Tagger {
    cutter: Cutter,
    net: Net,
    labels: Vec<Label>,
}

/// LAC's types, so that tags are `&'static str` without leaking.
const KNOWN_TYPES: &[&str] = &[
    "", "a", "ad", "an", "c", "d", "f", "m", "n", "nr", "ns", "nt", "nw", "nz", "p", "q", "r", "s", "t", "u", "v",
    "vd", "vn", "w", "xc", "PER", "LOC", "ORG", "TIME",
];

fn label(name: &str) -> Label {
    // Python's name[:-2]
    let cut = name.char_indices().rev().nth(1).map_or(0, |(i, _)| i);
    let ty = &name[..cut];
    let ty = match KNOWN_TYPES.iter().find(|k| **k == ty) {
        Some(k) => *k,
        // a model with other types: leaked once per load, a few bytes each
        None => Box::leak(ty.to_string().into_boxed_str()),
    };
    Label { ty, starts: name.ends_with('B') || name.ends_with('S') }
}

/// Appends the words of one line: `ends[k]` is token k's end byte offset, `tags[k]` its
/// label id.
fn decode(ends: &[usize], tags: &[u16], labels: &[Label], words: &mut Vec<Word>) {
    let mut start = 0;
    for (&end, &tag) in ends.iter().zip(tags) {
        let lab = labels[tag as usize];
        match words.last_mut() {
            Some(w) if !lab.starts => {
                w.end = end;
                w.tag = lab.ty;
            }
            _ => words.push(Word { start, end, tag: lab.ty }),
        }
        start = end;
    }
}

impl Tagger {
    /// The model embedded in the binary, parsed on first use.
    pub fn embedded() -> &'static Tagger {
        static TAGGER: OnceLock<Tagger> = OnceLock::new();
        TAGGER.get_or_init(|| Tagger::from_bytes(MODEL_BYTES).expect("the embedded LAC model is valid"))
    }

    /// Loads a model file written by `tools/lac_convert.py`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Tagger, String> {
        let mut raw = model::parse(bytes)?;
        let net = Net::from_raw(&mut raw)?;
        let cutter = Cutter::new(&raw.vocab, raw.oov, &raw.q2b, &raw.seg_words, raw.seg_total);
        let labels = raw.labels.iter().map(|l| label(l)).collect();
        Ok(Tagger { cutter, net, labels })
    }

    /// Tags many lines at once (batched by length); one word list per line, in order.
    pub fn tag_lines(&self, lines: &[&str]) -> Vec<Vec<Word>> {
        let mut cs = CutScratch::default();
        let mut words = Vec::new();
        let mut ids = Vec::new();
        let mut ends = Vec::new();
        let mut ranges = Vec::with_capacity(lines.len());
        for line in lines {
            let a = ids.len();
            self.cutter.text_to_ids(line, &mut cs, &mut words, &mut ids, &mut ends);
            ranges.push(a..ids.len());
        }
        let mut order: Vec<usize> = (0..lines.len()).filter(|&i| !ranges[i].is_empty()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(ranges[i].len()));
        let mut tags = vec![0u16; ids.len()];
        self.net.run(&ids, &ranges, &order, &mut tags, &mut NetScratch::default());
        ranges
            .iter()
            .map(|r| {
                let mut words = Vec::new();
                decode(&ends[r.clone()], &tags[r.clone()], &self.labels, &mut words);
                words
            })
            .collect()
    }

    /// Tags many lines on all of rayon's threads: the lines, longest first,
    /// are cut into groups of `PARALLEL_GROUP` (each group batched as in
    /// `tag_lines`, so its batches hold lines of like length), and the groups
    /// run in parallel. Returns the words of each line, in order, and the
    /// seconds spent summed over threads. The words are those `tag_lines`
    /// gives: a line's tags do not depend on the lines batched with it.
    pub fn tag_lines_parallel(&self, lines: &[&str]) -> (Vec<Vec<Word>>, f64) {
        use rayon::prelude::*;
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(lines[i].len()));
        let groups: Vec<(Vec<Vec<Word>>, f64)> = order
            .par_chunks(PARALLEL_GROUP)
            .map(|group| {
                let t = std::time::Instant::now();
                let texts: Vec<&str> = group.iter().map(|&i| lines[i]).collect();
                let words = self.tag_lines(&texts);
                (words, t.elapsed().as_secs_f64())
            })
            .collect();
        let mut out: Vec<Vec<Word>> = vec![Vec::new(); lines.len()];
        let mut secs = 0.0;
        for (group, (words, s)) in order.chunks(PARALLEL_GROUP).zip(groups) {
            secs += s;
            for (&i, w) in group.iter().zip(words) {
                out[i] = w;
            }
        }
        (out, secs)
    }

    /// Tags one line.
    pub fn tag_line(&self, line: &str) -> Vec<Word> {
        self.tag_lines(&[line]).pop().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(names: &[&str]) -> Vec<Label> {
        names.iter().map(|n| label(n)).collect()
    }

    #[test]
    fn label_types() {
        let l = label("PER-B");
        assert_eq!((l.ty, l.starts), ("PER", true));
        let l = label("n-I");
        assert_eq!((l.ty, l.starts), ("n", false));
        let l = label("O");
        assert_eq!((l.ty, l.starts), ("", false));
        let l = label("-S");
        assert_eq!((l.ty, l.starts), ("", true));
    }

    #[test]
    fn decode_rule() {
        let labs = labels(&["n-B", "n-I", "PER-B", "PER-I", "O", "v-I"]);
        let w = |start, end, tag| Word { start, end, tag };
        // O joins the word before it and gives it type ""
        let mut out = Vec::new();
        decode(&[3, 6, 9], &[0, 4, 2], &labs, &mut out);
        assert_eq!(out, [w(0, 6, ""), w(6, 9, "PER")]);
        // an -I after a different type joins it, the word takes the last type
        out.clear();
        decode(&[3, 6, 9, 12], &[2, 3, 5, 0], &labs, &mut out);
        assert_eq!(out, [w(0, 9, "v"), w(9, 12, "n")]);
        // the first token starts a word whatever its label; multi-char tokens
        out.clear();
        decode(&[6, 7], &[4, 1], &labs, &mut out);
        assert_eq!(out, [w(0, 7, "n")]);
    }

    #[test]
    fn empty_lines_give_no_words() {
        let t = Tagger::embedded();
        let out = t.tag_lines(&["", "百度是一家高科技公司", ""]);
        assert!(out[0].is_empty() && out[2].is_empty());
        let line = "百度是一家高科技公司";
        let got: Vec<(&str, &str)> = out[1].iter().map(|w| (&line[w.start..w.end], w.tag)).collect();
        assert_eq!(got, [("百度", "ORG"), ("是", "v"), ("一家", "m"), ("高科技", "n"), ("公司", "n")]);
        assert_eq!(t.tag_line(line), out[1]);
        assert!(t.tag_line("").is_empty());
    }

    #[test]
    fn bad_files_are_refused() {
        assert!(Tagger::from_bytes(b"").is_err());
        assert!(Tagger::from_bytes(b"LACBIN\0\0\x02\0\0\0").is_err());
        assert!(Tagger::from_bytes(&MODEL_BYTES[..MODEL_BYTES.len() - 1]).is_err());
    }

    /// The parity file: each line's text and LAC's (words, tags).
    #[allow(clippy::type_complexity)]
    fn fixture() -> (Vec<String>, Vec<(Vec<String>, Vec<String>)>) {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lac-2.1.2.jsonl");
        let text = std::fs::read_to_string(path).expect("parity fixture");
        let mut lines = Vec::new();
        let mut want = Vec::new();
        for l in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(l).expect("json line");
            let s = |x: &serde_json::Value| x.as_str().expect("string").to_string();
            let words: Vec<String> = v["words"].as_array().expect("words").iter().map(s).collect();
            let tags: Vec<String> = v["tags"].as_array().expect("tags").iter().map(s).collect();
            lines.push(s(&v["text"]));
            want.push((words, tags));
        }
        (lines, want)
    }

    /// Single-thread throughput on the parity lines, one `tag_lines` call per pass:
    /// `cargo test --release --lib tagger::tests::speed -- --ignored --nocapture`
    #[test]
    #[ignore]
    fn speed() {
        let (lines, _) = fixture();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let chars: usize = lines.iter().map(|l| l.chars().count()).sum();
        let t = Tagger::embedded();
        t.tag_lines(&refs);
        let mut best = f64::MAX;
        for _ in 0..3 {
            let start = std::time::Instant::now();
            for _ in 0..5 {
                std::hint::black_box(t.tag_lines(&refs));
            }
            best = best.min(start.elapsed().as_secs_f64() / 5.0);
        }
        eprintln!(
            "LAC tagger: {:.0} characters/s ({} lines, {chars} characters per pass)",
            chars as f64 / best,
            lines.len()
        );
    }

    /// A line's words do not depend on the lines tagged with it: all lines in one
    /// call, in parallel groups, and one at a time agree (what lets ingest batch
    /// the stretches of many documents together).
    #[test]
    fn batching_does_not_change_a_line_s_words() {
        let (lines, _) = fixture();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let t = Tagger::embedded();
        let together = t.tag_lines(&refs);
        let (parallel, secs) = t.tag_lines_parallel(&refs);
        assert_eq!(parallel, together);
        assert!(secs > 0.0);
        for (line, words) in refs.iter().zip(&together).step_by(7) {
            assert_eq!(&t.tag_line(line), words, "{line}");
        }
        assert!(t.tag_lines_parallel(&[]).0.is_empty());
    }

    /// Every line of LAC 2.1.2's own output: identical words and tags.
    #[test]
    fn parity_with_lac() {
        let (lines, want) = fixture();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let got = Tagger::embedded().tag_lines(&refs);
        // per character: (starts a word, tag of its word)
        let per_char = |words: &mut dyn Iterator<Item = (&str, &str)>| -> Vec<(bool, String)> {
            let mut v = Vec::new();
            for (w, t) in words {
                for (k, _) in w.chars().enumerate() {
                    v.push((k == 0, t.to_string()));
                }
            }
            v
        };
        let (mut lines_ok, mut chars_ok, mut chars) = (0, 0, 0);
        let mut first_bad = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            let gw: Vec<&str> = got[i].iter().map(|w| &line[w.start..w.end]).collect();
            let gt: Vec<&str> = got[i].iter().map(|w| w.tag).collect();
            let (ww, wt) = &want[i];
            let a = per_char(&mut gw.iter().copied().zip(gt.iter().copied()));
            let b = per_char(&mut ww.iter().map(String::as_str).zip(wt.iter().map(String::as_str)));
            chars += b.len();
            chars_ok += a.iter().zip(&b).filter(|(x, y)| x == y).count();
            if gw == *ww && gt == *wt {
                lines_ok += 1;
            } else if first_bad.len() < 5 {
                first_bad.push(format!(
                    "line {i}: {line:?}\n  got  {:?}\n  want {:?}",
                    gw.iter().zip(&gt).collect::<Vec<_>>(),
                    ww.iter().zip(wt).collect::<Vec<_>>()
                ));
            }
            // words cover the line contiguously
            let mut pos = 0;
            for w in &got[i] {
                assert_eq!(w.start, pos);
                pos = w.end;
            }
            assert_eq!(pos, line.len());
        }
        eprintln!(
            "LAC parity: {lines_ok}/{} lines, {chars_ok}/{chars} characters ({:.4}%)",
            lines.len(),
            100.0 * chars_ok as f64 / chars.max(1) as f64
        );
        assert!(first_bad.is_empty(), "{}", first_bad.join("\n"));
        assert_eq!(lines_ok, lines.len());
        assert_eq!(chars_ok, chars);
    }
}
