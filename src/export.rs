//! Export the store: Turtle and N-Triples hold the union of the document
//! graphs (each triple once), TriG and N-Quads keep one graph per document,
//! the links graph and, by default, the ontology graph, so that a server
//! loaded from the export answers the shipped queries as the store does
//! (their type and kind names come from the ontology's labels).

use crate::vocab;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, Quad, Triple};
use oxigraph::store::Store;
use std::collections::HashSet;
use std::io::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Turtle,
    Trig,
    Nquads,
    Ntriples,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("no document graph {0} in the store (see `lantai docs`)")]
    NoGraph(String),
    #[error("{0} is the file name of several documents: {1}; give one of them")]
    Ambiguous(String, String),
    #[error("store error: {0}")]
    Storage(#[from] oxigraph::store::StorageError),
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
}

fn rdf_format(f: Format) -> RdfFormat {
    match f {
        Format::Turtle => RdfFormat::Turtle,
        Format::Trig => RdfFormat::TriG,
        Format::Nquads => RdfFormat::NQuads,
        Format::Ntriples => RdfFormat::NTriples,
    }
}

/// The prefixes of GRAPH.md; entity and document IRIs stay whole, which reads
/// better than prefixed names full of escapes.
fn serializer(f: Format) -> RdfSerializer {
    prefixed(RdfSerializer::from_format(rdf_format(f)))
}

/// A serializer with the prefixes of GRAPH.md (ignored by line formats).
pub fn prefixed(mut s: RdfSerializer) -> RdfSerializer {
    for (p, iri) in vocab::PREFIXES.into_iter().filter(|(p, _)| *p != "ltid") {
        s = s.with_prefix(p, iri).expect("valid prefix");
    }
    s
}

/// The graph of a document given by file name or IRI.
pub fn graph_of(store: &Store, doc: &str) -> Result<NamedNode, ExportError> {
    match crate::docs::find_document(store, doc)? {
        crate::docs::Found::One(node) => Ok(node),
        crate::docs::Found::None => Err(ExportError::NoGraph(doc.into())),
        crate::docs::Found::Several(names) => Err(ExportError::Ambiguous(doc.into(), names.join(", "))),
    }
}

/// Whether the ontology graph goes with an export when not asked: with the
/// whole store in TriG or N-Quads (a dataset another server can load as it
/// is), not with one document's graph or a union of triples.
pub fn ontology_by_default(format: Format, graph: Option<&str>) -> bool {
    graph.is_none() && matches!(format, Format::Trig | Format::Nquads)
}

/// Write the document graphs (or one) in a format, and the ontology graph
/// when `with_ontology`; returns the statements written.
pub fn export(
    store: &Store,
    format: Format,
    graph: Option<&str>,
    with_ontology: bool,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let only = graph.map(|g| graph_of(store, g)).transpose()?;
    let ontology = NamedNodeRef::new_unchecked(vocab::ONTOLOGY_GRAPH);
    let quads = store.quads_for_pattern(None, None, None, only.as_ref().map(|g| GraphNameRef::NamedNode(g.as_ref())));
    let mut w = serializer(format).for_writer(out);
    let mut n = 0;
    let union = matches!(format, Format::Turtle | Format::Ntriples);
    let mut seen: HashSet<Triple> = HashSet::new();
    let ontology_quads = if with_ontology && only.as_ref().is_some_and(|g| g.as_ref() != ontology) {
        Some(store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(ontology))))
    } else {
        None
    };
    let is_ontology = |q: &Quad| q.graph_name == GraphNameRef::NamedNode(ontology).into_owned();
    for q in quads.chain(ontology_quads.into_iter().flatten()) {
        let q: Quad = q?;
        if only.is_none() && !with_ontology && is_ontology(&q) {
            continue;
        }
        if union {
            let t = Triple::from(q);
            if seen.insert(t.clone()) {
                w.serialize_triple(&t)?;
                n += 1;
            }
        } else {
            w.serialize_quad(&q)?;
            n += 1;
        }
    }
    w.finish()?;
    Ok(n)
}
