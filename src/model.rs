//! The data every stage passes on: entity and relation types, the extraction
//! of one document, and the document's metadata. No behaviour lives here.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The four base classes of GRAPH.md.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityType {
    Unit,
    Person,
    Event,
    Publication,
}

impl EntityType {
    pub const ALL: [EntityType; 4] = [Self::Unit, Self::Person, Self::Event, Self::Publication];

    pub fn name(self) -> &'static str {
        match self {
            Self::Unit => "Unit",
            Self::Person => "Person",
            Self::Event => "Event",
            Self::Publication => "Publication",
        }
    }

    /// Path segment used in entity IRIs.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Unit => "unit",
            Self::Person => "person",
            Self::Event => "event",
            Self::Publication => "publication",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name().eq_ignore_ascii_case(s) || t.slug() == s)
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The relation types scored by the gold annotation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RelationType {
    HoldsPost,
    Organizer,
    Participant,
    Publisher,
    SubUnitOf,
}

impl RelationType {
    pub const ALL: [RelationType; 5] =
        [Self::HoldsPost, Self::Organizer, Self::Participant, Self::Publisher, Self::SubUnitOf];

    pub fn name(self) -> &'static str {
        match self {
            Self::HoldsPost => "holdsPost",
            Self::Organizer => "organizer",
            Self::Participant => "participant",
            Self::Publisher => "publisher",
            Self::SubUnitOf => "subUnitOf",
        }
    }
}

impl fmt::Display for RelationType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A date as precise as the text gives it.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DateValue {
    Day(i32, u32, u32),
    Month(i32, u32),
    Year(i32),
    /// Month and day with no year at all (`--MM-DD`).
    MonthDay(u32, u32),
}

impl DateValue {
    /// ISO form as in the gold files: `2021-06-09`, `2021-06`, `2021`, `--06-03`.
    pub fn iso(&self) -> String {
        match *self {
            Self::Day(y, m, d) => format!("{y:04}-{m:02}-{d:02}"),
            Self::Month(y, m) => format!("{y:04}-{m:02}"),
            Self::Year(y) => format!("{y:04}"),
            Self::MonthDay(m, d) => format!("--{m:02}-{d:02}"),
        }
    }

    /// The XSD datatype local name for `iso()`.
    pub fn xsd_type(&self) -> &'static str {
        match self {
            Self::Day(..) => "date",
            Self::Month(..) => "gYearMonth",
            Self::Year(..) => "gYear",
            Self::MonthDay(..) => "gMonthDay",
        }
    }

    pub fn year(&self) -> Option<i32> {
        match *self {
            Self::Day(y, ..) | Self::Month(y, _) | Self::Year(y) => Some(y),
            Self::MonthDay(..) => None,
        }
    }

    /// Is this a bare year that `finer` falls in (so `finer` says more)?
    pub fn is_vaguer_than(&self, finer: &DateValue) -> bool {
        matches!(*self, Self::Year(y) if finer.year() == Some(y))
    }
}

/// Metadata of one document, as a reader finds it in the header and footer.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    pub title: Option<String>,
    pub date: Option<DateValue>,
    pub authors: Vec<String>,
    pub editors: Vec<String>,
    /// The publication the text first appeared in (来源 / 原载于 / a yearbook's running head).
    pub source: Option<String>,
    /// The main locality the document is about (`路桥区`, `沈阳市`).
    pub place: Option<String>,
}

/// One linked entity of a document: canonical label, other surface forms, and
/// where its identity holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    pub kind: EntityType,
    pub label: String,
    pub alt_labels: std::collections::BTreeSet<String>,
    /// Sub-class local name (`Book`, `Meeting`, `Exhibition`, ...), if known.
    pub subclass: Option<&'static str>,
    pub scope: crate::vocab::Scope,
    pub date: Option<DateValue>,
    pub place: Option<String>,
    /// The first sentence the entity was read from.
    pub evidence: String,
    /// Why this node is the one it is (how a short form was resolved, what a
    /// person's scope was taken from); shown by `lantai entity`.
    pub note: Option<String>,
    /// Ids of the rules that read the entity's mentions (`extract::rules`).
    pub rules: Vec<&'static str>,
}

impl Entity {
    pub fn new(kind: EntityType, label: impl Into<String>, evidence: impl Into<String>) -> Self {
        Entity {
            kind,
            label: label.into(),
            alt_labels: Default::default(),
            subclass: None,
            scope: crate::vocab::Scope::Global,
            date: None,
            place: None,
            evidence: evidence.into(),
            note: None,
            rules: Vec::new(),
        }
    }

    /// Records that `rule` read (a mention of) this entity.
    pub fn add_rule(&mut self, rule: &'static str) {
        if !self.rules.contains(&rule) {
            self.rules.push(rule);
        }
    }

    pub fn iri(&self) -> String {
        crate::vocab::entity_iri(self.kind, &self.label, &self.scope)
    }
}

/// A relation between two entities of the same extraction (indices into
/// `Extraction::entities`), with the sentence it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    pub kind: RelationType,
    pub from: usize,
    pub to: usize,
    /// The post, for `HoldsPost`.
    pub post: Option<String>,
    pub evidence: String,
    /// Ids of the rules that read the relation.
    pub rules: Vec<&'static str>,
}

/// Everything read from one document, ready to be mapped to RDF.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    pub meta: DocMeta,
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
}

impl Extraction {
    pub fn count(&self, kind: EntityType) -> usize {
        self.entities.iter().filter(|e| e.kind == kind).count()
    }
}
