//! Raw decoded text to the one normalised text every later stage reads:
//! page layout repair, web-conversion pinyin removal, width folding, space
//! tidying, traditional-to-simplified conversion and sentence spans.
//!
//! Spans (`Sentence`, and every later stage's offsets) are byte offsets into
//! [`Normalized::text`]; nothing after this module rewrites that text.

mod columns;
mod furniture;
mod pinyin;
mod script;
mod sentences;
mod spaces;
mod width;

use std::ops::Range;

pub use script::to_simplified;
pub use spaces::is_han;
pub use width::fold_width;

/// One sentence: a byte span `start..end` into [`Normalized::text`], never
/// crossing a line break, and the number of its paragraph (line), from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub paragraph: usize,
}

#[derive(Debug, Clone)]
pub struct Normalized {
    /// The decoded text, untouched.
    pub raw: String,
    /// Normalised, simplified Chinese; paragraphs separated by '\n'.
    pub text: String,
    /// `text` before the traditional-to-simplified conversion.
    pub original: String,
    /// The document was mostly in traditional script.
    pub was_traditional: bool,
    /// Dropped page furniture lines (running heads, page numbers), normalised.
    pub furniture: Vec<String>,
    pub sentences: Vec<Sentence>,
    /// How each line of `text` lines up with the same line of `original`.
    lines: Vec<LineMap>,
}

/// One line of `text` and of `original`: where each starts, and whether
/// the conversion kept its characters one for one (and their byte lengths).
#[derive(Debug, Clone, Copy)]
struct LineMap {
    start: usize,
    original_start: usize,
    original_end: usize,
    chars_align: bool,
    bytes_align: bool,
}

/// The line map of `text` against `original` (one pass over both).
fn line_maps(text: &str, original: &str) -> Vec<LineMap> {
    let mut out = Vec::new();
    let (mut start, mut original_start) = (0, 0);
    let mut originals = original.split('\n');
    for line in text.split('\n') {
        let o = originals.next();
        let (original_end, chars_align, bytes_align) = match o {
            Some(o) => {
                let (mut a, mut b) = (line.chars(), o.chars());
                let (mut chars, mut bytes) = (true, true);
                loop {
                    match (a.next(), b.next()) {
                        (None, None) => break,
                        (Some(x), Some(y)) => bytes &= x.len_utf8() == y.len_utf8(),
                        _ => {
                            chars = false;
                            break;
                        }
                    }
                }
                (original_start + o.len(), chars, chars && bytes)
            }
            None => (original_start, false, false),
        };
        out.push(LineMap { start, original_start, original_end, chars_align, bytes_align });
        start += line.len() + 1;
        original_start = original_end + 1;
    }
    out
}

impl Normalized {
    /// The text of sentence `i`.
    pub fn sentence(&self, i: usize) -> &str {
        let s = &self.sentences[i];
        &self.text[s.start..s.end]
    }

    /// The pre-conversion surface form of `text[span]` (traditional script),
    /// when the conversion kept the character count so the spans line up;
    /// else None. Alignment is checked per paragraph, so one paragraph whose
    /// length changed does not spoil the others.
    ///
    /// Constant time on lines whose characters kept their byte lengths (the
    /// usual case: both scripts' characters take three bytes), so that a long
    /// document's mentions do not each scan the text before them.
    pub fn original_form(&self, span: Range<usize>) -> Option<&str> {
        let text = self.text.get(span.clone())?;
        if text.contains('\n') {
            return None;
        }
        let line = self.lines[self.lines.partition_point(|l| l.start <= span.start).checked_sub(1)?];
        if !line.chars_align {
            return None;
        }
        let original_line = &self.original[line.original_start..line.original_end];
        if line.bytes_align {
            return original_line.get(span.start - line.start..span.end - line.start);
        }
        let skip = self.text[line.start..span.start].chars().count();
        let take = text.chars().count();
        char_slice(original_line, skip, take)
    }
}

/// `s` from char `skip`, `take` chars long.
fn char_slice(s: &str, skip: usize, take: usize) -> Option<&str> {
    let mut bounds = s.char_indices().map(|(i, _)| i).chain([s.len()]);
    let start = bounds.nth(skip)?;
    let end = if take == 0 { start } else { bounds.nth(take - 1)? };
    s.get(start..end)
}

/// Runs the whole pipeline on one decoded document.
pub fn normalize(raw: &str) -> Normalized {
    let prepared = prepare(raw);
    let page = columns::repair(&prepared);
    let original = clean(&page.text);
    let text = to_simplified(&original);
    let was_traditional = script::mostly_traditional(&original, &text);
    let furniture =
        page.furniture.iter().map(|line| to_simplified(&clean(line))).filter(|line| !line.is_empty()).collect();
    let sentences = sentences::split(&text);
    let lines = line_maps(&text, &original);
    Normalized { raw: raw.to_owned(), text, original, was_traditional, furniture, sentences, lines }
}

/// Steps 2-4 on layout-repaired text: pinyin artifacts, width, spaces.
fn clean(text: &str) -> String {
    spaces::tidy(&fold_width(&pinyin::strip(text)))
}

/// Unifies line breaks and drops byte-order marks and zero-width characters.
fn prepare(raw: &str) -> String {
    raw.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !matches!(c, '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'))
        .collect()
}

#[cfg(test)]
mod tests;
