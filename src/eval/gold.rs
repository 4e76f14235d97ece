//! Gold annotation files (`corpus/ANNOTATION.md`): one JSON file per document.

use super::EvalError;
use crate::model::{EntityType, RelationType};
use serde::Deserialize;
use std::path::Path;

/// One parsed gold file.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct GoldDoc {
    /// Source file name (`001_x.txt`), equal to the graph's `lt:sourceFile`.
    pub doc: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub editors: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
    /// Not scored (the pipeline writes it as `dcterms:spatial`).
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

/// A gold entity. `mentions` are kept only to show context; they never match.
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct GoldEntity {
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub mentions: Vec<String>,
    /// Events: a substring any reasonable label of the event contains.
    #[serde(default)]
    pub key: Option<String>,
    /// Events: ISO date (`2021-06-09`, `2021-06`, `2021`, `--06-03`).
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub place: Option<String>,
    /// Publications: `Book`, `Periodical`, `Newspaper`, `Film`, `Regulation`, `Article`, `Other`.
    #[serde(default)]
    pub kind: Option<String>,
}

impl GoldEntity {
    pub fn new(entity_type: EntityType, name: &str) -> Self {
        GoldEntity {
            entity_type,
            name: name.to_owned(),
            aliases: vec![],
            mentions: vec![],
            key: None,
            date: None,
            place: None,
            kind: None,
        }
    }
}

/// A gold relation, flattened: `from` is the person / event / publication /
/// sub-unit, `to` the unit / parent / participant, both canonical names.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "RawRelation")]
pub struct GoldRelation {
    pub kind: RelationType,
    pub from: String,
    pub to: String,
    /// Type of the `to` end (a participant may be a Person or a Unit).
    pub to_type: EntityType,
    pub post: Option<String>,
}

impl GoldRelation {
    /// Type of the `from` end, fixed by the relation type.
    pub fn from_type(&self) -> EntityType {
        from_type(self.kind)
    }
}

/// The type of a relation's first end.
pub fn from_type(kind: RelationType) -> EntityType {
    match kind {
        RelationType::HoldsPost => EntityType::Person,
        RelationType::Organizer | RelationType::Participant => EntityType::Event,
        RelationType::Publisher => EntityType::Publication,
        RelationType::SubUnitOf => EntityType::Unit,
    }
}

/// The relation objects exactly as the gold files write them.
#[derive(Deserialize)]
#[serde(tag = "type")]
enum RawRelation {
    #[serde(rename = "holdsPost")]
    HoldsPost { person: String, unit: String, post: Option<String> },
    #[serde(rename = "organizer")]
    Organizer { event: String, unit: String },
    #[serde(rename = "publisher")]
    Publisher { publication: String, unit: String },
    #[serde(rename = "subUnitOf")]
    SubUnitOf { unit: String, parent: String },
    #[serde(rename = "participant")]
    Participant { event: String, person: Option<String>, unit: Option<String> },
}

impl TryFrom<RawRelation> for GoldRelation {
    type Error = String;

    fn try_from(raw: RawRelation) -> Result<Self, String> {
        use EntityType::{Person, Unit};
        let rel = |kind, from, to, to_type| GoldRelation { kind, from, to, to_type, post: None };
        Ok(match raw {
            RawRelation::HoldsPost { person, unit, post } => {
                GoldRelation { post, ..rel(RelationType::HoldsPost, person, unit, Unit) }
            }
            RawRelation::Organizer { event, unit } => rel(RelationType::Organizer, event, unit, Unit),
            RawRelation::Publisher { publication, unit } => rel(RelationType::Publisher, publication, unit, Unit),
            RawRelation::SubUnitOf { unit, parent } => rel(RelationType::SubUnitOf, unit, parent, Unit),
            RawRelation::Participant { event, person: Some(p), unit: None } => {
                rel(RelationType::Participant, event, p, Person)
            }
            RawRelation::Participant { event, person: None, unit: Some(u) } => {
                rel(RelationType::Participant, event, u, Unit)
            }
            RawRelation::Participant { event, .. } => {
                return Err(format!("participant of {event}: give exactly one of person, unit"))
            }
        })
    }
}

/// Parse one gold file's text.
pub fn parse_gold(text: &str) -> Result<GoldDoc, serde_json::Error> {
    serde_json::from_str(text)
}

/// Every `*.json` file of `dir`, sorted by document name.
pub fn load_gold(dir: &Path) -> Result<Vec<GoldDoc>, EvalError> {
    let io = |e| EvalError::Io { path: dir.to_owned(), source: e };
    let mut docs = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.extension().is_some_and(|e| e == "json") {
            docs.push(load_one(&path)?);
        }
    }
    docs.sort_by(|a, b| a.doc.cmp(&b.doc));
    Ok(docs)
}

fn load_one(path: &Path) -> Result<GoldDoc, EvalError> {
    let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io { path: path.to_owned(), source })?;
    parse_gold(&text).map_err(|e| EvalError::Gold { path: path.to_owned(), message: e.to_string() })
}
