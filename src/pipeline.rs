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
    let job = Job { path, iri: iri.to_owned(), scope };
    process_documents(std::slice::from_ref(&job), opts, &|_| {}).pop().unwrap_or(Err(ReadError::Internal))
}

/// What is kept of a decoded file once its text is normalised.
struct Decoded {
    encoding: &'static str,
    bytes: usize,
    secs: f64,
}

/// One document to read: its file, its IRI and the scope of its local IRIs
/// (see `process_document`).
pub struct Job<'a> {
    pub path: &'a Path,
    pub iri: String,
    pub scope: &'a str,
}

/// Reads several documents at once, on rayon's threads: each is decoded,
/// normalised and segmented in parallel, then the tagger reads the stretches
/// of all of them together (so its batches fill), then the rules, linking
/// and RDF run per document in parallel. The same result per document as
/// `process_document`, in the order given. A document whose reading panics
/// fails alone (`ReadError::Internal`); `on_read` is called as each file is
/// opened.
pub fn process_documents(
    jobs: &[Job],
    opts: extract::Options,
    on_read: &(dyn Fn(&Path) + Sync),
) -> Vec<Result<Processed, ReadError>> {
    use rayon::prelude::*;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    // 1. decode and normalise: the text, or why the file cannot be read
    let read: Vec<Result<(Normalized, Decoded), ReadError>> = jobs
        .par_iter()
        .map(|job| {
            on_read(job.path);
            catch_unwind(|| {
                let t = Instant::now();
                let decoded = document::read_text(job.path)?;
                let doc = normalize::normalize(&decoded.text);
                Ok((
                    doc,
                    Decoded { encoding: decoded.encoding, bytes: decoded.text.len(), secs: t.elapsed().as_secs_f64() },
                ))
            })
            .unwrap_or(Err(ReadError::Internal))
        })
        .collect();
    let (docs, decoded): (Vec<Option<Normalized>>, Vec<Result<Decoded, ReadError>>) =
        read.into_iter().map(|r| r.map_or_else(|e| (None, Err(e)), |(doc, d)| (Some(doc), Ok(d)))).unzip();
    // 2. segment (a panic here leaves the document out of the tagger's batch)
    let mut segs: Vec<Option<extract::Segmented>> = docs
        .par_iter()
        .map(|doc| {
            let doc = doc.as_ref()?;
            catch_unwind(|| extract::segment(doc)).ok()
        })
        .collect();
    // 3. the tagger, across documents; should it panic, each document is
    // tagged again alone, so that only the one it fails on is lost
    let mut tag_failed = vec![false; jobs.len()];
    if opts.tagger {
        let mut all: Vec<&mut extract::Segmented> = segs.iter_mut().flatten().collect();
        let together = catch_unwind(AssertUnwindSafe(|| extract::tag_documents(&mut all)));
        if together.is_err() {
            for (i, seg) in segs.iter_mut().enumerate() {
                if let Some(seg) = seg {
                    let mut one = [seg];
                    tag_failed[i] = catch_unwind(AssertUnwindSafe(|| extract::tag_documents(&mut one))).is_err();
                }
            }
        }
    }
    // 4. rules, linking, RDF
    decoded
        .into_par_iter()
        .zip(segs.into_par_iter())
        .zip(jobs.par_iter().zip(tag_failed.into_par_iter()))
        .map(|((decoded, seg), (job, failed))| {
            let decoded = decoded?;
            let seg = seg.filter(|_| !failed).ok_or(ReadError::Internal)?;
            let doc = seg.doc();
            catch_unwind(AssertUnwindSafe(|| {
                let mut times = StageTimes { decode_normalise: decoded.secs, ..Default::default() };
                let name = file_name(job.path);
                let t = Instant::now();
                let reading = extract::finish(seg);
                let total = t.elapsed().as_secs_f64();
                times.segment += reading.segment_secs;
                times.tag += reading.tag_secs;
                times.extract += total;
                let t = Instant::now();
                let extraction = link::link(job.scope, doc, reading);
                times.link += t.elapsed().as_secs_f64();
                let t = Instant::now();
                let quads = rdf::to_quads_for(&job.iri, &name, &extraction);
                times.rdf = t.elapsed().as_secs_f64();
                let quad_count = quads.quads.len();
                Processed {
                    file_name: name,
                    encoding: decoded.encoding,
                    bytes: decoded.bytes,
                    extraction,
                    quads,
                    quad_count,
                    times,
                }
            }))
            .map_err(|_| ReadError::Internal)
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn corpus(dir: &str) -> Vec<PathBuf> {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(dir);
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("corpus folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        v.sort();
        v
    }

    /// Documents read together (one tagger batch for all) give exactly the
    /// quads each gives alone, in order; a file that cannot be read fails
    /// alone, in its place.
    #[test]
    fn documents_read_together_are_read_as_alone() {
        let tmp = tempfile::tempdir().expect("temp dir");
        let empty = tmp.path().join("empty.txt");
        std::fs::write(&empty, "").expect("write");
        let mut paths = corpus("seeds");
        paths.insert(2, empty.clone());
        paths.extend(corpus("dev").into_iter().take(6));
        let names: Vec<String> = paths.iter().map(|p| file_name(p)).collect();
        let jobs: Vec<Job> = paths
            .iter()
            .zip(&names)
            .map(|(p, n)| Job { path: p, iri: crate::vocab::document_iri(n), scope: n })
            .collect();
        let opened = std::sync::Mutex::new(Vec::new());
        let together = process_documents(&jobs, extract::Options::default(), &|p| {
            opened.lock().expect("lock").push(p.to_path_buf())
        });
        assert_eq!(together.len(), paths.len());
        assert_eq!(opened.into_inner().expect("lock").len(), paths.len());
        for (path, got) in paths.iter().zip(together) {
            let alone = process_file(path, extract::Options::default());
            match (got, alone) {
                (Ok(a), Ok(b)) => {
                    assert_eq!(a.quads.quads, b.quads.quads, "{}", path.display());
                    assert!(a.times.tag > 0.0, "{}", path.display());
                }
                (Err(a), Err(b)) => {
                    assert_eq!(path, &empty);
                    assert_eq!(a.to_string(), b.to_string());
                }
                (a, b) => panic!("{}: {:?} vs {:?}", path.display(), a.is_ok(), b.is_ok()),
            }
        }
    }
}
