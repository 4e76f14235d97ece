//! The shared view of the graph: entity nodes, documents, and relation edges
//! (memberships, organiser, participant, publisher, sub-unit, close match)
//! with the evidence sentence and the document each was read from.

use super::{base_classes_values, base_type, named, select, value, Result};
use crate::model::EntityType;
use crate::vocab::{self, DCTERMS, LT, RDF, RDFS};
use oxigraph::model::{NamedNode, Term};
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// An entity node: IRI, base type and canonical label.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Node {
    pub iri: String,
    pub kind: Option<EntityType>,
    pub label: String,
}

/// A document (named graph) with its file name and title.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct DocRef {
    pub iri: String,
    pub file: String,
    pub title: Option<String>,
}

/// The kind of an edge between two entities.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Relation {
    /// `org:Membership`: the member holds this post (if known) in the organization.
    Post(Option<String>),
    Organizer,
    Participant,
    Publisher,
    SubUnitOf,
    /// `skos:closeMatch`: a person of the same name in another locality.
    CloseMatch,
    /// Both entities occur in the same document (a weak link, no statement).
    SameDocument,
}

impl Relation {
    /// Short label for edges: the post itself, or the relation's name.
    pub fn label(&self) -> String {
        match self {
            Self::Post(Some(p)) => p.clone(),
            Self::Post(None) => "member".into(),
            Self::Organizer => "organizer".into(),
            Self::Participant => "participant".into(),
            Self::Publisher => "publisher".into(),
            Self::SubUnitOf => "sub-unit of".into(),
            Self::CloseMatch => "close match".into(),
            Self::SameDocument => "same document".into(),
        }
    }

    /// How `from —rel→ to` reads: "<person> holds 主任 in <unit>".
    pub fn phrase(&self) -> String {
        match self {
            Self::Post(Some(p)) => format!("holds post {p} in"),
            Self::Post(None) => "is a member of".into(),
            Self::Organizer => "was organized by".into(),
            Self::Participant => "had as participant".into(),
            Self::Publisher => "was published by".into(),
            Self::SubUnitOf => "is a sub-unit of".into(),
            Self::CloseMatch => "has the same name as".into(),
            Self::SameDocument => "is mentioned in the same document as".into(),
        }
    }

    /// Predicate IRIs of the direct (non-membership) relations.
    fn from_predicate(p: &str) -> Option<Self> {
        Some(match p.strip_prefix(LT) {
            Some("organizer") => Self::Organizer,
            Some("participant") => Self::Participant,
            Some("publisher") => Self::Publisher,
            _ if p == format!("{}subOrganizationOf", vocab::ORG) => Self::SubUnitOf,
            _ => return None,
        })
    }
}

/// A directed relation between two entities, with its sentence and document.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub rel: Relation,
    pub evidence: Option<String>,
    /// IRI of the document graph that states it.
    pub doc: Option<String>,
}

const EDGES: &str = "SELECT ?s ?p ?o ?post ?ev ?g WHERE { GRAPH ?g {
  { ?m a org:Membership ; org:member ?s ; org:organization ?o .
    OPTIONAL { ?m lt:post ?post } OPTIONAL { ?m lt:evidence ?ev } }
  UNION
  { VALUES ?p { lt:organizer lt:participant lt:publisher org:subOrganizationOf }
    ?s ?p ?o .
    OPTIONAL { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; lt:evidence ?ev } }
} }";

const CLOSE: &str = "SELECT ?s ?o ?g WHERE { GRAPH ?g { ?s skos:closeMatch ?o } }";

fn edge_of(sol: &oxigraph::sparql::QuerySolution) -> Option<Edge> {
    let rel = match value(sol, "p") {
        None => Relation::Post(value(sol, "post").filter(|p| !p.is_empty())),
        Some(p) => Relation::from_predicate(&p)?,
    };
    Some(Edge { from: value(sol, "s")?, to: value(sol, "o")?, rel, evidence: value(sol, "ev"), doc: value(sol, "g") })
}

fn close_of(sol: &oxigraph::sparql::QuerySolution) -> Option<Edge> {
    let (from, to) = (value(sol, "s")?, value(sol, "o")?);
    Some(Edge { from, to, rel: Relation::CloseMatch, evidence: None, doc: value(sol, "g") })
}

/// Every relation edge of the store (for path search).
pub fn all_edges(store: &Store) -> Result<Vec<Edge>> {
    let mut out: BTreeSet<Edge> = select(store, EDGES, &[])?.iter().filter_map(edge_of).collect();
    out.extend(select(store, CLOSE, &[])?.iter().filter_map(close_of));
    Ok(out.into_iter().collect())
}

/// The relation edges that touch one entity, in both directions.
pub fn edges_of(store: &Store, iri: &str) -> Result<Vec<Edge>> {
    let node = Term::from(named(iri)?);
    let mut out = BTreeSet::new();
    for var in ["s", "o"] {
        let binds = [(var, node.clone())];
        out.extend(select(store, EDGES, &binds)?.iter().filter_map(edge_of));
        out.extend(select(store, CLOSE, &binds)?.iter().filter_map(close_of));
    }
    Ok(out.into_iter().collect())
}

/// Type and canonical label of one node (the most common label over graphs).
pub fn node(store: &Store, iri: &str) -> Result<Node> {
    let n = named(iri)?;
    let mut kind = None;
    let mut labels: BTreeMap<String, usize> = BTreeMap::new();
    let label_p = NamedNode::new_unchecked(format!("{RDFS}label"));
    for q in store.quads_for_pattern(Some(n.as_ref().into()), Some(label_p.as_ref()), None, None) {
        if let Term::Literal(l) = q?.object {
            *labels.entry(l.value().to_owned()).or_default() += 1;
        }
    }
    let type_p = NamedNode::new_unchecked(format!("{RDF}type"));
    for q in store.quads_for_pattern(Some(n.as_ref().into()), Some(type_p.as_ref()), None, None) {
        if let Term::NamedNode(c) = q?.object {
            kind = kind.or(base_type(c.as_str()));
        }
    }
    let label = labels.into_iter().max_by_key(|(_, c)| *c).map(|(l, _)| l);
    Ok(Node { iri: iri.to_owned(), kind, label: label.unwrap_or_else(|| short_iri(iri)) })
}

/// Nodes for many IRIs, looked up once each.
pub fn nodes(store: &Store, iris: impl IntoIterator<Item = String>) -> Result<HashMap<String, Node>> {
    let mut out = HashMap::new();
    for iri in iris {
        if let std::collections::hash_map::Entry::Vacant(e) = out.entry(iri) {
            let n = node(store, e.key())?;
            e.insert(n);
        }
    }
    Ok(out)
}

/// The last path segments of an entity IRI, for display when it has no label.
pub fn short_iri(iri: &str) -> String {
    iri.strip_prefix(vocab::ID).unwrap_or(iri).to_owned()
}

/// Every document of the store, by graph IRI.
pub fn documents(store: &Store) -> Result<HashMap<String, DocRef>> {
    let q = format!(
        "SELECT ?g ?file ?title WHERE {{ GRAPH ?g {{ ?g a lt:Document .
           OPTIONAL {{ ?g lt:sourceFile ?file }} OPTIONAL {{ ?g <{DCTERMS}title> ?title }} }} }}"
    );
    let mut out = HashMap::new();
    for sol in select(store, &q, &[])? {
        let Some(g) = value(&sol, "g") else { continue };
        let doc = doc_ref(&g, value(&sol, "file"), value(&sol, "title"));
        out.entry(g).or_insert(doc);
    }
    Ok(out)
}

fn doc_ref(g: &str, file: Option<String>, title: Option<String>) -> DocRef {
    let file = file.unwrap_or_else(|| g.strip_prefix(vocab::DOC).unwrap_or(g).to_owned());
    DocRef { iri: g.to_owned(), file, title }
}

/// One document by graph IRI (file name from the IRI when the graph has none).
pub fn document(store: &Store, g: &str) -> Result<DocRef> {
    let q = format!(
        "SELECT ?g ?file ?title WHERE {{ GRAPH ?g {{ OPTIONAL {{ ?g lt:sourceFile ?file }}
           OPTIONAL {{ ?g <{DCTERMS}title> ?title }} }} }}"
    );
    let sols = select(store, &q, &[("g", Term::from(named(g)?))])?;
    let first = sols.first();
    let get = |v| first.and_then(|s| value(s, v));
    Ok(doc_ref(g, get("file"), get("title")))
}

/// The documents an entity occurs in: graphs where it carries a base class.
pub fn mentions(store: &Store, iri: &str) -> Result<Vec<String>> {
    let q = format!("SELECT DISTINCT ?e ?g WHERE {{ {} GRAPH ?g {{ ?e a ?t }} }}", base_classes_values("t"));
    let sols = select(store, &q, &[("e", Term::from(named(iri)?))])?;
    let mut out: Vec<String> = sols.iter().filter_map(|s| value(s, "g")).collect();
    out.sort();
    Ok(out)
}

/// (entity IRI, base type, document graph, label).
pub type Occurrence = (String, EntityType, String, Option<String>);

/// Every (entity, base type, document) of the store, with the entity's label.
pub fn occurrences(store: &Store) -> Result<Vec<Occurrence>> {
    let q = format!(
        "SELECT ?e ?t ?g ?l WHERE {{ {} GRAPH ?g {{ ?e a ?t OPTIONAL {{ ?e rdfs:label ?l }} }} }}",
        base_classes_values("t")
    );
    let sols = select(store, &q, &[])?;
    Ok(sols
        .iter()
        .filter_map(|s| {
            let kind = base_type(&value(s, "t")?)?;
            Some((value(s, "e")?, kind, value(s, "g")?, value(s, "l")))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crossdoc::fixture::{iri, store};

    #[test]
    fn edges_of_a_person_carry_post_evidence_and_document() {
        let s = store();
        let edges = edges_of(&s, &iri("person/沈阳市/张春风")).unwrap();
        let posts: Vec<_> = edges.iter().filter(|e| e.rel == Relation::Post(Some("馆长".into()))).collect();
        assert_eq!(posts.len(), 2, "{edges:?}");
        assert!(posts.iter().all(|e| e.evidence.as_deref().unwrap_or("").contains("张春风")));
        assert!(edges.iter().any(|e| e.rel == Relation::CloseMatch));
    }

    #[test]
    fn direct_relations_have_their_reified_evidence() {
        let s = store();
        let edges = edges_of(&s, &iri("event/沈阳市档案馆建馆60周年纪念展")).unwrap();
        let org = edges.iter().find(|e| e.rel == Relation::Organizer).unwrap();
        assert!(org.evidence.as_deref().unwrap().contains("纪念展"));
        assert_eq!(node(&s, &org.to).unwrap().label, "沈阳市档案馆");
    }
}
