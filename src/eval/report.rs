//! The evaluation report: its numbers, and their rendering as tables, JSON
//! and a per-document explanation of every error.

use crate::model::{EntityType, RelationType};
use comfy_table::{presets::UTF8_FULL_CONDENSED, CellAlignment, Table};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

/// Counts behind precision and recall. Precision counts predictions
/// (`tp` / `predicted`), recall counts gold items (`gold_matched` / `gold`):
/// two predictions matching one gold entity are two true positives but one
/// recalled entity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predictions that match at least one gold item.
    pub tp: usize,
    pub predicted: usize,
    /// Gold items matched by at least one prediction.
    pub gold_matched: usize,
    pub gold: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Counts {
    /// 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.predicted)
    }
    /// 0 when there is no gold item.
    pub fn recall(&self) -> f64 {
        ratio(self.gold_matched, self.gold)
    }
    /// 0 when precision and recall are both 0.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn to_json(self) -> Value {
        json!({"precision": self.precision(), "recall": self.recall(), "f1": self.f1(),
               "tp": self.tp, "predicted": self.predicted, "gold_matched": self.gold_matched, "gold": self.gold})
    }
}

impl std::ops::Add for Counts {
    type Output = Counts;
    fn add(self, o: Counts) -> Counts {
        Counts {
            tp: self.tp + o.tp,
            predicted: self.predicted + o.predicted,
            gold_matched: self.gold_matched + o.gold_matched,
            gold: self.gold + o.gold,
        }
    }
}

/// Share of correct items among `n`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    pub correct: usize,
    pub n: usize,
}

impl Accuracy {
    /// 0 when `n` is 0.
    pub fn accuracy(&self) -> f64 {
        ratio(self.correct, self.n)
    }
    fn to_json(self) -> Value {
        json!({"accuracy": self.accuracy(), "correct": self.correct, "n": self.n})
    }
    fn show(self) -> String {
        if self.n == 0 {
            "–".into()
        } else {
            format!("{:.3}", self.accuracy())
        }
    }
}

/// Attribute accuracy on matched items where gold has the attribute.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attributes {
    pub post: Accuracy,
    pub date: Accuracy,
    pub kind: Accuracy,
}

/// A gold entity of several documents whose matched nodes are not one IRI.
#[derive(Clone, Debug, PartialEq)]
pub struct SplitEntity {
    pub entity_type: EntityType,
    pub name: String,
    /// Per document, the IRIs of the nodes matching it (empty: missed there).
    pub nodes: Vec<(String, BTreeSet<String>)>,
}

/// One predicted IRI matched to two or more different gold entities.
#[derive(Clone, Debug, PartialEq)]
pub struct WrongMerge {
    pub entity_type: EntityType,
    pub iri: String,
    /// (gold name, document).
    pub gold: Vec<(String, String)>,
}

/// Cross-document identity.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CrossDoc {
    /// Gold entities of two or more documents matched by one single IRI in all of them.
    pub merged: usize,
    /// Gold entities (type + name) of two or more documents.
    pub total: usize,
    /// Distinct gold entities sharing a predicted IRI with another gold entity of their type.
    pub wrong_merges: usize,
    pub split: Vec<SplitEntity>,
    pub wrong: Vec<WrongMerge>,
}

impl CrossDoc {
    /// `merged / total`, 0 when `total` is 0.
    pub fn share(&self) -> f64 {
        ratio(self.merged, self.total)
    }
}

pub const METADATA_FIELDS: [&str; 5] = ["title", "date", "authors", "editors", "source"];

/// Metadata accuracy per field, over documents (gold null vs absent is correct).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MetadataScore {
    pub title: Accuracy,
    pub date: Accuracy,
    pub authors: Accuracy,
    pub editors: Accuracy,
    pub source: Accuracy,
}

impl MetadataScore {
    pub fn field(&self, name: &str) -> Accuracy {
        let mut copy = *self;
        *copy.field_mut(name)
    }
    /// The accuracy of `name` (one of `METADATA_FIELDS`; anything else is `source`).
    pub fn field_mut(&mut self, name: &str) -> &mut Accuracy {
        match name {
            "title" => &mut self.title,
            "date" => &mut self.date,
            "authors" => &mut self.authors,
            "editors" => &mut self.editors,
            _ => &mut self.source,
        }
    }
    fn fields(&self) -> [(&'static str, &Accuracy); 5] {
        [
            ("title", &self.title),
            ("date", &self.date),
            ("authors", &self.authors),
            ("editors", &self.editors),
            ("source", &self.source),
        ]
    }
    /// All fields of all documents together.
    pub fn overall(&self) -> Accuracy {
        self.fields()
            .iter()
            .fold(Accuracy::default(), |a, (_, f)| Accuracy { correct: a.correct + f.correct, n: a.n + f.n })
    }
}

/// One error: a false positive or negative, a wrong attribute or metadata field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Finding {
    /// Entity type, relation type, attribute or metadata field name.
    pub section: String,
    /// The label, name or `from → to` of the item.
    pub item: String,
    /// `gold X, predicted Y` for attributes and metadata.
    pub detail: Option<String>,
    /// False positive: the prediction's `lt:evidence`; false negative: the
    /// sentence of the text holding the gold name (filled by `attach_context`).
    pub sentence: Option<String>,
    /// Surface forms to look for in the text (false negatives).
    pub needles: Vec<String>,
    /// Surface forms of a missed relation's second end.
    pub needles2: Vec<String>,
}

impl Finding {
    pub fn new(section: &str, item: String) -> Self {
        Finding { section: section.to_owned(), item, ..Finding::default() }
    }
    pub fn with_sentence(mut self, s: Option<String>) -> Self {
        self.sentence = s;
        self
    }
    pub fn with_detail(mut self, d: String) -> Self {
        self.detail = Some(d);
        self
    }
}

/// Every error found in one gold document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocReport {
    pub doc: String,
    /// False when the store has no graph for this document (all missed).
    pub in_store: bool,
    pub entity_fp: Vec<Finding>,
    pub entity_fn: Vec<Finding>,
    pub relation_fp: Vec<Finding>,
    pub relation_fn: Vec<Finding>,
    pub attribute_errors: Vec<Finding>,
    pub metadata_errors: Vec<Finding>,
}

/// The result of `score`.
#[derive(Clone, Debug, PartialEq)]
pub struct EvalReport {
    /// One entry per entity type, always all four.
    pub entities: BTreeMap<EntityType, Counts>,
    /// One entry per relation type, always all five.
    pub relations: BTreeMap<RelationType, Counts>,
    pub attributes: Attributes,
    pub crossdoc: CrossDoc,
    pub metadata: MetadataScore,
    /// One per gold document scored, in gold order.
    pub docs: Vec<DocReport>,
    /// Documents of the store that have no gold file (not scored).
    pub unscored_docs: Vec<String>,
    /// Per rule id (`lt:rule`): predictions it took part in that are right
    /// and wrong (an entity or relation read by two rules counts for both).
    pub by_rule: BTreeMap<String, RuleCounts>,
}

/// True and false positives of one rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct RuleCounts {
    pub tp: usize,
    pub fp: usize,
}

impl RuleCounts {
    pub fn count(&mut self, hit: bool) {
        if hit {
            self.tp += 1;
        } else {
            self.fp += 1;
        }
    }
    pub fn precision(&self) -> f64 {
        let n = self.tp + self.fp;
        if n == 0 {
            0.0
        } else {
            self.tp as f64 / n as f64
        }
    }
}

impl Default for EvalReport {
    fn default() -> Self {
        EvalReport {
            entities: EntityType::ALL.into_iter().map(|t| (t, Counts::default())).collect(),
            relations: RelationType::ALL.into_iter().map(|t| (t, Counts::default())).collect(),
            attributes: Attributes::default(),
            crossdoc: CrossDoc::default(),
            metadata: MetadataScore::default(),
            docs: vec![],
            unscored_docs: vec![],
            by_rule: BTreeMap::new(),
        }
    }
}

fn micro<'a>(c: impl Iterator<Item = &'a Counts>) -> Counts {
    c.fold(Counts::default(), |a, b| a + *b)
}

impl EvalReport {
    /// Entity counts summed over the four types.
    pub fn micro_entities(&self) -> Counts {
        micro(self.entities.values())
    }
    pub fn micro_relations(&self) -> Counts {
        micro(self.relations.values())
    }
    pub fn micro_entity_f1(&self) -> f64 {
        self.micro_entities().f1()
    }
    /// Gold documents with no graph in the store.
    pub fn missing_docs(&self) -> Vec<&str> {
        self.docs.iter().filter(|d| !d.in_store).map(|d| d.doc.as_str()).collect()
    }

    /// The numbers as JSON. Stable keys:
    ///
    /// - `entities`: `Unit`, `Person`, `Event`, `Publication`, `micro`, each
    ///   `{precision, recall, f1, tp, predicted, gold_matched, gold}`
    ///   (`tp` = matching predictions, `gold_matched` = recalled gold items);
    /// - `relations`: `holdsPost`, `organizer`, `participant`, `publisher`,
    ///   `subUnitOf`, `micro`, same shape;
    /// - `attributes`: `post`, `date`, `kind`, each `{accuracy, correct, n}`;
    /// - `crossdoc`: `{merged, total, share, wrong_merges}`;
    /// - `metadata`: `title`, `date`, `authors`, `editors`, `source`,
    ///   `overall`, each `{accuracy, correct, n}`;
    /// - `docs`: `{scored, missing, unscored}`, lists of file names.
    ///
    /// Ratios with a zero denominator are 0 (never NaN).
    pub fn to_json(&self) -> Value {
        let mut entities: Map<String, Value> =
            self.entities.iter().map(|(t, c)| (t.name().into(), c.to_json())).collect();
        entities.insert("micro".into(), self.micro_entities().to_json());
        let mut relations: Map<String, Value> =
            self.relations.iter().map(|(t, c)| (t.name().into(), c.to_json())).collect();
        relations.insert("micro".into(), self.micro_relations().to_json());
        let mut metadata: Map<String, Value> =
            self.metadata.fields().iter().map(|(n, a)| ((*n).into(), a.to_json())).collect();
        metadata.insert("overall".into(), self.metadata.overall().to_json());
        let a = &self.attributes;
        let x = &self.crossdoc;
        json!({
            "entities": entities,
            "relations": relations,
            "attributes": {"post": a.post.to_json(), "date": a.date.to_json(), "kind": a.kind.to_json()},
            "crossdoc": {"merged": x.merged, "total": x.total, "share": x.share(), "wrong_merges": x.wrong_merges},
            "metadata": metadata,
            "docs": {
                "scored": self.docs.iter().map(|d| d.doc.clone()).collect::<Vec<_>>(),
                "missing": self.missing_docs(),
                "unscored": self.unscored_docs,
            },
            "by_rule": self.by_rule.iter().map(|(r, c)| {
                (r.clone(), json!({"tp": c.tp, "fp": c.fp, "precision": c.precision()}))
            }).collect::<Map<String, Value>>(),
        })
    }

    /// One row per rule: predictions, true and false positives, precision;
    /// busiest first.
    pub fn render_by_rule(&self) -> String {
        let mut rows: Vec<(&String, &RuleCounts)> = self.by_rule.iter().collect();
        rows.sort_by(|a, b| (b.1.tp + b.1.fp).cmp(&(a.1.tp + a.1.fp)).then(a.0.cmp(b.0)));
        let mut out = String::new();
        let _ = writeln!(out, "\nBy rule (predictions each rule took part in):");
        let _ = writeln!(out, "{:<34} {:>6} {:>6} {:>6} {:>9}", "rule", "pred", "tp", "fp", "precision");
        for (rule, c) in rows {
            let _ = writeln!(out, "{:<34} {:>6} {:>6} {:>6} {:>9.3}", rule, c.tp + c.fp, c.tp, c.fp, c.precision());
        }
        out
    }

    /// Aligned tables: entities, relations, attributes, cross-document, metadata.
    pub fn render_table(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Documents scored: {} ({} missing from the store)",
            self.docs.len(),
            self.missing_docs().len()
        );
        let ents = self.entities.iter().map(|(t, c)| (t.name(), *c)).chain([("micro", self.micro_entities())]);
        section(&mut out, "Entities", prf_table("type", ents));
        let rels = self.relations.iter().map(|(t, c)| (t.name(), *c)).chain([("micro", self.micro_relations())]);
        section(&mut out, "Relations", prf_table("type", rels));
        let a = &self.attributes;
        section(
            &mut out,
            "Attributes",
            accuracy_table([("post", a.post), ("event date", a.date), ("publication kind", a.kind)]),
        );
        section(&mut out, "Cross-document", self.crossdoc_table());
        let m = &self.metadata;
        let fields = m.fields().map(|(n, a)| (n, *a)).into_iter().chain([("overall", m.overall())]);
        section(&mut out, "Metadata", accuracy_table(fields));
        if !self.unscored_docs.is_empty() {
            let _ = writeln!(out, "\nNot scored (no gold file): {}", self.unscored_docs.join(", "));
        }
        out
    }

    fn crossdoc_table(&self) -> Table {
        let x = &self.crossdoc;
        let mut t = new_table(&["", "value"]);
        t.add_row(vec!["merged (one IRI in every document)".to_owned(), format!("{}/{}", x.merged, x.total)]);
        let share = if x.total == 0 { "–".to_owned() } else { format!("{:.3}", x.share()) };
        t.add_row(vec!["share".to_owned(), share]);
        t.add_row(vec!["wrongly merged gold entities".to_owned(), x.wrong_merges.to_string()]);
        right_align(&mut t, 1..2);
        t
    }
}

fn section(out: &mut String, title: &str, table: Table) {
    let _ = writeln!(out, "\n{title}\n{table}");
}

fn new_table(header: &[&str]) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).force_no_tty().set_header(header.to_vec());
    t
}

fn right_align(t: &mut Table, cols: std::ops::Range<usize>) {
    for i in cols {
        if let Some(c) = t.column_mut(i) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
}

fn prf_table<'a>(first: &str, rows: impl Iterator<Item = (&'a str, Counts)>) -> Table {
    let mut t = new_table(&[first, "P", "R", "F1", "TP", "pred", "gold hit", "gold"]);
    for (name, c) in rows {
        let f = |x: f64| format!("{x:.3}");
        t.add_row(vec![
            name.to_owned(),
            f(c.precision()),
            f(c.recall()),
            f(c.f1()),
            c.tp.to_string(),
            c.predicted.to_string(),
            c.gold_matched.to_string(),
            c.gold.to_string(),
        ]);
    }
    right_align(&mut t, 1..8);
    t
}

fn accuracy_table<'a>(rows: impl IntoIterator<Item = (&'a str, Accuracy)>) -> Table {
    let mut t = new_table(&["", "accuracy", "correct", "n"]);
    for (name, a) in rows {
        t.add_row(vec![name.to_owned(), a.show(), a.correct.to_string(), a.n.to_string()]);
    }
    right_align(&mut t, 1..4);
    t
}
