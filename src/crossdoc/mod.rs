//! Cross-document lookups over the store: find nodes by name, entity reports,
//! entities shared by documents, paths between entities, neighbourhoods
//! (text / DOT / SVG) and user aliases that merge nodes.
//!
//! Everything here reads the graph as GRAPH.md describes it: entities are
//! nodes typed `lt:Unit|Person|Event|Publication` inside a document's named
//! graph; relations are memberships, `lt:organizer`, `lt:participant`,
//! `lt:publisher`, `org:subOrganizationOf` (each with its evidence sentence)
//! and `skos:closeMatch` between persons.

pub mod alias;
pub mod entity;
pub mod graph;
pub mod links;
pub mod lookup;
pub mod neighbours;
pub mod related;
pub mod render;

#[cfg(test)]
mod fixture;

pub use alias::{add_alias, load_aliases, relink, render_relink, Aliases, Merge, RelinkReport, ALIASES_FILE};
pub use entity::{entity_report, render_entity, EntityReport};
pub use graph::{DocRef, Edge, Node, Relation};
pub use links::{links, render_links, LinkRow};
pub use lookup::{find, find_any, render_matches, Match};
pub use neighbours::{neighbours, neighbours_capped, Neighbourhood};
pub use related::Step;
pub use related::{related, render_paths, Hop, PathResult};
pub use render::{render_dot, render_svg, render_text};

use crate::model::EntityType;
use crate::vocab;
use oxigraph::model::{NamedNode, Term};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use oxigraph::store::Store;

/// What can go wrong in a cross-document lookup.
#[derive(Debug, thiserror::Error)]
pub enum CrossdocError {
    #[error("store error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("query error: {0}")]
    Query(#[from] oxigraph::sparql::QueryEvaluationError),
    #[error("query syntax error (a bug in lantai): {0}")]
    Syntax(#[from] oxigraph::sparql::SparqlSyntaxError),
    #[error("cannot read or write {path}: {source}")]
    Io { path: std::path::PathBuf, source: std::io::Error },
    #[error("not an IRI: {0}")]
    BadIri(String),
    #[error("no entity is called “{0}”")]
    NotFound(String),
    #[error("“{name}” names entities of several types ({types}); give a name that is precise")]
    Ambiguous { name: String, types: String },
    #[error("an alias and its canonical name must differ and not be empty: “{0}”")]
    BadAlias(String),
}

pub type Result<T> = std::result::Result<T, CrossdocError>;

/// The PREFIX lines of GRAPH.md, for every query of this module.
fn prefixes() -> String {
    vocab::PREFIXES.iter().map(|(p, iri)| format!("PREFIX {p}: <{iri}>\n")).collect()
}

/// Run a SELECT query with variables bound to terms (never pasted into the text).
pub(crate) fn select(store: &Store, body: &str, binds: &[(&str, Term)]) -> Result<Vec<QuerySolution>> {
    let mut q = SparqlEvaluator::new().parse_query(&format!("{}{body}", prefixes()))?;
    for (var, term) in binds {
        q = q.substitute_variable(oxigraph::sparql::Variable::new_unchecked(*var), term.clone());
    }
    match q.on_store(store).execute()? {
        QueryResults::Solutions(it) => Ok(it.collect::<std::result::Result<_, _>>()?),
        _ => Ok(Vec::new()),
    }
}

/// The value of a variable: an IRI's string or a literal's lexical form.
pub(crate) fn value(sol: &QuerySolution, var: &str) -> Option<String> {
    match sol.get(var)? {
        Term::NamedNode(n) => Some(n.as_str().to_owned()),
        Term::Literal(l) => Some(l.value().to_owned()),
        Term::BlankNode(b) => Some(format!("_:{}", b.as_str())),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// A checked IRI for a user-given string.
pub(crate) fn named(iri: &str) -> Result<NamedNode> {
    NamedNode::new(iri).map_err(|_| CrossdocError::BadIri(iri.to_owned()))
}

/// The base entity type of a class IRI (`lt:Unit` ...), if it is one.
pub(crate) fn base_type(class: &str) -> Option<EntityType> {
    let local = class.strip_prefix(vocab::LT)?;
    EntityType::ALL.into_iter().find(|t| t.name() == local)
}

/// SPARQL `VALUES ?t { lt:Unit ... }` for the four base classes.
pub(crate) fn base_classes_values(var: &str) -> String {
    let list: Vec<String> = EntityType::ALL.iter().map(|t| format!("lt:{}", t.name())).collect();
    format!("VALUES ?{var} {{ {} }}", list.join(" "))
}

/// Shorten a string to `max` characters, with an ellipsis.
pub(crate) fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_owned();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
