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
    pub fn original_form(&self, span: Range<usize>) -> Option<&str> {
        let text = self.text.get(span.clone())?;
        if text.contains('\n') {
            return None;
        }
        let line_start = self.text[..span.start].rfind('\n').map_or(0, |i| i + 1);
        let paragraph = self.text[..span.start].matches('\n').count();
        let line_end = self.text[span.start..].find('\n').map_or(self.text.len(), |i| span.start + i);
        let line = &self.text[line_start..line_end];
        let original_line = self.original.split('\n').nth(paragraph)?;
        if line.chars().count() != original_line.chars().count() {
            return None;
        }
        let skip = self.text[line_start..span.start].chars().count();
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
    Normalized { raw: raw.to_owned(), text, original, was_traditional, furniture, sentences }
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
