//! lantai: reads Chinese archive and local-history documents and builds an RDF
//! knowledge graph of units, people, events and publications in an embedded
//! oxigraph store, one named graph per document.
//!
//! Data flows one way: document -> normalize -> segment -> extract -> link ->
//! rdf -> store -> query / export / eval / crossdoc.

pub mod crossdoc;
pub mod docs;
pub mod document;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod ingest;
pub mod lexicon;
pub mod link;
pub mod model;
pub mod normalize;
pub mod pages;
pub mod pipeline;
pub mod query;
pub mod rdf;
pub mod remote;
pub mod segment;
pub mod serve;
pub mod stateless;
pub mod store;
pub mod tagger;
pub mod vocab;
