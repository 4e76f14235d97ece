//! `lantai eval`: compares the graphs of a store against gold annotations
//! (`corpus/ANNOTATION.md`, Scoring) and explains every error.
//!
//! `gold` parses the gold files, `predicted` reads the store with SPARQL,
//! `score` is the pure scorer, `report` and `explain` render the result.

mod explain;
mod gold;
mod predicted;
mod report;
mod score;

#[cfg(test)]
mod tests;

pub use explain::{find_sentence, split_sentences};
pub use gold::{load_gold, parse_gold, GoldDoc, GoldEntity, GoldRelation};
pub use predicted::{
    read_predicted, PredictedDoc, PredictedEntity, PredictedMeta, PredictedRelation, RelationEnd, PUBLICATION_KINDS,
};
pub use report::{
    Accuracy, Attributes, Counts, CrossDoc, DocReport, EvalReport, Finding, MetadataScore, SplitEntity, WrongMerge,
    METADATA_FIELDS,
};
pub use score::{normalize_name, score};

use oxigraph::store::Store;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("bad gold file {path}: {message}")]
    Gold { path: PathBuf, message: String },
    #[error("cannot query the store: {0}")]
    Query(String),
}

/// Score the store against the gold files of `gold_dir`.
///
/// `only_docs` restricts both sides to these source file names (`001_x.txt`;
/// the stem `001_x` works too); a gold document with no graph counts as
/// entirely missed. `texts` (source file name -> normalised text) gives the
/// sentences shown for false negatives.
pub fn evaluate(
    store: &Store,
    gold_dir: &Path,
    only_docs: Option<&[String]>,
    texts: &HashMap<String, String>,
) -> Result<EvalReport, EvalError> {
    evaluate_all(store, &[gold_dir], only_docs, texts)
}

/// As `evaluate`, with the gold files of several folders (seeds and dev).
pub fn evaluate_all(
    store: &Store,
    gold_dirs: &[&Path],
    only_docs: Option<&[String]>,
    texts: &HashMap<String, String>,
) -> Result<EvalReport, EvalError> {
    let mut gold = Vec::new();
    for dir in gold_dirs {
        gold.extend(load_gold(dir)?);
    }
    gold.sort_by(|a, b| a.doc.cmp(&b.doc));
    gold.dedup_by(|a, b| a.doc == b.doc);
    let mut predicted = read_predicted(store)?;
    if let Some(only) = only_docs {
        gold.retain(|g| selected(&g.doc, only));
        predicted.retain(|p| selected(&p.doc, only));
    }
    let mut report = score(&gold, &predicted);
    report.attach_context(texts);
    Ok(report)
}

fn selected(doc: &str, only: &[String]) -> bool {
    let stem = doc.rsplit_once('.').map_or(doc, |(s, _)| s);
    only.iter().any(|o| o == doc || o == stem)
}
