//! The explanation of a report: every false positive and negative per
//! document with its sentence, and the text lookup that finds, for a missed
//! gold item, the sentence it was in.

use super::report::{DocReport, EvalReport, Finding};
use super::score::normalize_name;
use std::collections::HashMap;
use std::fmt::Write;

/// Longest sentence shown, in characters.
const MAX_SENTENCE: usize = 160;

impl EvalReport {
    /// Fill the sentence of every false negative from the documents' texts
    /// (source file name -> normalised text).
    pub fn attach_context(&mut self, texts: &HashMap<String, String>) {
        for doc in &mut self.docs {
            let Some(text) = texts.get(&doc.doc) else {
                continue;
            };
            let sentences = split_sentences(text);
            for f in doc.entity_fn.iter_mut().chain(doc.relation_fn.iter_mut()) {
                if f.sentence.is_none() {
                    f.sentence = find_sentence(&sentences, &f.needles, &f.needles2);
                }
            }
        }
    }

    /// Every error of every document, then the cross-document errors.
    pub fn render_explain(&self) -> String {
        let mut out = String::new();
        for doc in &self.docs {
            explain_doc(&mut out, doc);
        }
        self.explain_crossdoc(&mut out);
        if !self.unscored_docs.is_empty() {
            let _ = writeln!(out, "== not scored (no gold file): {}", self.unscored_docs.join(", "));
        }
        out
    }

    fn explain_crossdoc(&self, out: &mut String) {
        let x = &self.crossdoc;
        let _ = writeln!(out, "== cross-document: {}/{} merged, {} wrongly merged", x.merged, x.total, x.wrong_merges);
        for s in &x.split {
            let nodes: Vec<String> = s
                .nodes
                .iter()
                .map(|(d, iris)| {
                    let iris: Vec<&str> = iris.iter().map(String::as_str).collect();
                    format!("{d}: {}", if iris.is_empty() { "missed".to_owned() } else { iris.join(" ") })
                })
                .collect();
            let _ = writeln!(out, "  split        {} {}\n      {}", s.entity_type, s.name, nodes.join("\n      "));
        }
        for w in &x.wrong {
            let gold: Vec<String> = w.gold.iter().map(|(n, d)| format!("{n} ({d})")).collect();
            let _ = writeln!(out, "  wrong merge  {} <{}>\n      {}", w.entity_type, w.iri, gold.join("\n      "));
        }
    }
}

fn explain_doc(out: &mut String, doc: &DocReport) {
    let status = if doc.in_store { "" } else { " (not in the store: everything missed)" };
    let _ = writeln!(out, "== {}{status}", doc.doc);
    let groups: [(&str, &[Finding], &str); 6] = [
        ("FP entity", &doc.entity_fp, "evidence"),
        ("FN entity", &doc.entity_fn, "text"),
        ("FP relation", &doc.relation_fp, "evidence"),
        ("FN relation", &doc.relation_fn, "text"),
        ("attribute", &doc.attribute_errors, ""),
        ("metadata", &doc.metadata_errors, ""),
    ];
    if groups.iter().all(|(_, f, _)| f.is_empty()) {
        let _ = writeln!(out, "  no errors");
    }
    for (what, findings, sentence_name) in groups {
        for f in findings {
            explain_finding(out, what, f, sentence_name);
        }
    }
}

fn explain_finding(out: &mut String, what: &str, f: &Finding, sentence_name: &str) {
    let mut line = format!("  {what:<12} {} {}", f.section, f.item);
    if let Some(d) = &f.detail {
        let _ = write!(line, ": {d}");
    }
    let _ = writeln!(out, "{}", line.trim_end());
    if sentence_name.is_empty() {
        return;
    }
    match &f.sentence {
        Some(s) => {
            let _ = writeln!(out, "      {sentence_name}: {}", clip(s));
        }
        None if sentence_name == "text" => {
            let _ = writeln!(out, "      text: (no sentence holds the name)");
        }
        None => {}
    }
}

/// Split normalised text into sentences at 。！？!?；; and line ends.
pub fn split_sentences(text: &str) -> Vec<&str> {
    let ends = |c: char| matches!(c, '。' | '！' | '？' | '!' | '?' | '；' | ';' | '\n');
    text.split_inclusive(ends).map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// The first sentence holding one of `needles` (earlier needles first) and,
/// when `needles2` is given, preferably also one of `needles2`.
pub fn find_sentence(sentences: &[&str], needles: &[String], needles2: &[String]) -> Option<String> {
    let norm: Vec<String> = sentences.iter().map(|s| normalize_name(s)).collect();
    let holds =
        |i: usize, ns: &[String]| ns.iter().map(|n| normalize_name(n)).any(|n| !n.is_empty() && norm[i].contains(&n));
    let found =
        if needles2.is_empty() { None } else { (0..norm.len()).find(|&i| holds(i, needles) && holds(i, needles2)) };
    let first_of = |ns: &[String]| ns.iter().find_map(|n| (0..norm.len()).find(|&i| holds(i, std::slice::from_ref(n))));
    let i = found.or_else(|| first_of(needles)).or_else(|| first_of(needles2))?;
    let at = needles.iter().chain(needles2).filter(|n| !n.is_empty()).find_map(|n| sentences[i].find(n.as_str()));
    Some(window(sentences[i], at.unwrap_or(0)))
}

/// At most `MAX_SENTENCE` characters of `s`, starting a little before byte offset `at`.
fn window(s: &str, at: usize) -> String {
    let before = s[..at].chars().count();
    let start = before.saturating_sub(40).min(s.chars().count().saturating_sub(MAX_SENTENCE));
    let body: String = s.chars().skip(start).take(MAX_SENTENCE).collect();
    let tail = if start + MAX_SENTENCE < s.chars().count() { "…" } else { "" };
    format!("{}{body}{tail}", if start > 0 { "…" } else { "" })
}

fn clip(s: &str) -> String {
    window(s, 0)
}
