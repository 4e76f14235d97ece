//! lantai: reads Chinese archive and local-history documents and builds an RDF
//! knowledge graph of units, people, events and publications in an embedded
//! oxigraph store, one named graph per document.
//!
//! Data flows one way: document -> normalize -> segment -> extract -> link ->
//! rdf -> store -> query / export / eval / crossdoc.

pub mod eval;
pub mod model;
pub mod rdf;
pub mod store;
pub mod vocab;
