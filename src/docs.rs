//! `lantai docs`: the documents in the store with their metadata and how many
//! entities of each type they hold.

use crate::vocab::{document_iri, document_name, encode_segment, lt, DCTERMS, DOC, RDFS};
use oxigraph::model::Term;
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::{StorageError, Store};

#[derive(Debug, Default, serde::Serialize)]
pub struct DocRow {
    pub file: String,
    pub title: String,
    pub date: String,
    pub source: String,
    pub units: usize,
    pub people: usize,
    pub events: usize,
    pub publications: usize,
}

pub fn list(store: &Store) -> Result<Vec<DocRow>, String> {
    let q = format!(
        "SELECT ?g ?file (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date) (SAMPLE(?sl) AS ?source)
           (COUNT(DISTINCT ?u) AS ?units) (COUNT(DISTINCT ?p) AS ?people)
           (COUNT(DISTINCT ?e) AS ?events) (COUNT(DISTINCT ?b) AS ?pubs)
         WHERE {{ GRAPH ?g {{
           ?doc <{sf}> ?file .
           OPTIONAL {{ ?doc <{DCTERMS}title> ?t }}
           OPTIONAL {{ ?doc <{DCTERMS}date> ?d }}
           OPTIONAL {{ ?doc <{DCTERMS}source> ?s . ?s <{RDFS}label> ?sl }}
           OPTIONAL {{ ?u a <{unit}> }} OPTIONAL {{ ?p a <{person}> }}
         }}
         OPTIONAL {{ GRAPH ?g {{ ?e a <{event}> }} }} OPTIONAL {{ GRAPH ?g {{ ?b a <{publication}> }} }}
         }} GROUP BY ?g ?file ORDER BY ?file",
        sf = lt("sourceFile"),
        unit = lt("Unit"),
        person = lt("Person"),
        event = lt("Event"),
        publication = lt("Publication"),
    );
    let results = SparqlEvaluator::new()
        .parse_query(&q)
        .map_err(|e| e.to_string())?
        .on_store(store)
        .execute()
        .map_err(|e| e.to_string())?;
    let QueryResults::Solutions(solutions) = results else { return Ok(Vec::new()) };
    let mut rows = Vec::new();
    for s in solutions {
        let s = s.map_err(|e| e.to_string())?;
        let text = |v: &str| match s.get(v) {
            Some(Term::Literal(l)) => l.value().to_owned(),
            _ => String::new(),
        };
        let num = |v: &str| text(v).parse().unwrap_or(0);
        // the document's identity: its file name, or its path under the
        // folder it was ingested from (two files may share a name)
        let file = match s.get("g") {
            Some(Term::NamedNode(g)) if g.as_str().starts_with(DOC) => document_name(&g.as_str()[DOC.len()..]),
            _ => text("file"),
        };
        rows.push(DocRow {
            file,
            title: text("title"),
            date: text("date"),
            source: text("source"),
            units: num("units"),
            people: num("people"),
            events: num("events"),
            publications: num("pubs"),
        });
    }
    // by the name shown (the file name, or the path under the ingested folder)
    rows.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(rows)
}

/// The document a user names: an IRI (`http://` or `https://`), its identity
/// as `lantai docs` shows it (`a/same.txt`), a path ending in its file name,
/// or the file name of a document in a sub-folder when only one has it.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    One(NamedNode),
    None,
    /// Several documents have this file name: their identities.
    Several(Vec<String>),
}

pub fn is_iri(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

pub fn find_document(store: &Store, doc: &str) -> Result<Found, StorageError> {
    let present = |iri: &str| -> Result<Option<NamedNode>, StorageError> {
        let Ok(node) = NamedNode::new(iri) else { return Ok(None) };
        Ok(store.contains_named_graph(node.as_ref())?.then_some(node))
    };
    if is_iri(doc) {
        return Ok(present(doc)?.map_or(Found::None, Found::One));
    }
    let segments: Vec<&str> = doc.split(['/', std::path::MAIN_SEPARATOR]).filter(|s| !s.is_empty()).collect();
    let base = segments.last().copied().unwrap_or(doc);
    // as written (an identity, decoded or as shown when not UTF-8), then by its last segments
    let mut tries = vec![format!("{DOC}{}", doc.trim_start_matches('/'))];
    for start in 0..segments.len() {
        let id: Vec<String> = segments[start..].iter().map(|s| encode_segment(s)).collect();
        tries.push(format!("{DOC}{}", id.join("/")));
    }
    tries.push(document_iri(base));
    for iri in &tries {
        if let Some(node) = present(iri)? {
            return Ok(Found::One(node));
        }
    }
    let source_file = NamedNode::new_unchecked(lt("sourceFile"));
    let mut graphs: Vec<NamedNode> = Vec::new();
    for q in store.quads_for_pattern(
        None,
        Some(source_file.as_ref()),
        Some(Literal::new_simple_literal(base).as_ref().into()),
        None,
    ) {
        let q = q?;
        if let (NamedOrBlankNode::NamedNode(s), GraphName::NamedNode(g)) = (&q.subject, &q.graph_name) {
            if s == g && !graphs.contains(g) {
                graphs.push(g.clone());
            }
        }
    }
    Ok(match graphs.len() {
        0 => Found::None,
        1 => Found::One(graphs.remove(0)),
        _ => {
            let mut names: Vec<String> = graphs
                .iter()
                .map(|g| g.as_str().strip_prefix(DOC).map_or_else(|| g.as_str().to_owned(), document_name))
                .collect();
            names.sort();
            Found::Several(names)
        }
    })
}
