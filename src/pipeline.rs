//! One document through every stage: read → normalise → extract → link →
//! RDF, timing each stage. Pure per document, so documents run in parallel.

use crate::document::{self, ReadError};
use crate::model::Extraction;
use crate::normalize::{self, Normalized};
use crate::rdf::{self, DocQuads};
use crate::{extract, link};
use std::path::Path;
use std::time::Instant;

/// Seconds spent in each stage (summed over documents, so over threads too).
#[derive(Clone, Copy, Debug, Default, serde::Serialize)]
pub struct StageTimes {
    pub decode_normalise: f64,
    pub segment: f64,
    /// The statistical tagger (LAC), when on.
    pub tag: f64,
    pub extract: f64,
    pub link: f64,
    pub rdf: f64,
    pub store_write: f64,
    /// Once per batch, after the documents: recomputing the cross-document
    /// close matches (`store::link_close_matches`) and flushing the store.
    pub links_across: f64,
}

impl StageTimes {
    pub fn add(&mut self, o: &StageTimes) {
        self.decode_normalise += o.decode_normalise;
        self.segment += o.segment;
        self.tag += o.tag;
        self.extract += o.extract;
        self.link += o.link;
        self.rdf += o.rdf;
        self.store_write += o.store_write;
        self.links_across += o.links_across;
    }
}

/// A document read and mapped, ready to be written.
pub struct Processed {
    pub file_name: String,
    pub encoding: &'static str,
    pub bytes: usize,
    pub extraction: Extraction,
    pub quads: DocQuads,
    /// Quads of the document (the quads themselves may move to a write batch).
    pub quad_count: usize,
    pub times: StageTimes,
}

/// The base name a document is known by (its graph IRI is minted from it).
pub fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

pub fn process_file(path: &Path, opts: extract::Options) -> Result<Processed, ReadError> {
    let name = file_name(path);
    process_document(path, &crate::vocab::document_iri(&name), &name, opts)
}

/// Read a file as the document `iri` (see `ingest::Source`); `scope` names it
/// in the IRIs of its document-local entities.
pub fn process_document(path: &Path, iri: &str, scope: &str, opts: extract::Options) -> Result<Processed, ReadError> {
    let t = Instant::now();
    let decoded = document::read_text(path)?;
    let bytes = decoded.text.len();
    let doc = normalize::normalize(&decoded.text);
    let mut times = StageTimes { decode_normalise: t.elapsed().as_secs_f64(), ..Default::default() };
    let name = file_name(path);
    let extraction = extract_and_link_with(scope, &doc, &mut times, opts);
    let t = Instant::now();
    let quads = rdf::to_quads_for(iri, &name, &extraction);
    times.rdf = t.elapsed().as_secs_f64();
    let quad_count = quads.quads.len();
    Ok(Processed { file_name: name, encoding: decoded.encoding, bytes, extraction, quads, quad_count, times })
}

/// Extract and link a normalised document (with the tagger).
pub fn extract_and_link(file_name: &str, doc: &Normalized, times: &mut StageTimes) -> Extraction {
    extract_and_link_with(file_name, doc, times, extract::Options::default())
}

pub fn extract_and_link_with(
    file_name: &str,
    doc: &Normalized,
    times: &mut StageTimes,
    opts: extract::Options,
) -> Extraction {
    let t = Instant::now();
    let reading = extract::read_with(doc, opts);
    let total = t.elapsed().as_secs_f64();
    times.segment += reading.segment_secs;
    times.tag += reading.tag_secs;
    times.extract += total - reading.segment_secs - reading.tag_secs;
    let t = Instant::now();
    let ex = link::link(file_name, doc, reading);
    times.link += t.elapsed().as_secs_f64();
    ex
}

/// Extract from raw text (tests, tools).
pub fn extract_text(file_name: &str, raw: &str) -> Extraction {
    let doc = normalize::normalize(raw);
    extract_and_link(file_name, &doc, &mut StageTimes::default())
}
