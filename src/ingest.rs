//! A batch ingest: walk the inputs, read and extract documents in parallel
//! (rayon), write each document's graph in its own transaction on one writer
//! thread, report bad files by name and go on.

use crate::crossdoc::Aliases;
use crate::model::{EntityType, RelationType};
use crate::pipeline::{self, Processed, StageTimes};
use crate::store::{self, StoreError};
use oxigraph::store::Store;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Instant;

/// A file that was not ingested, and why.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: String,
}

#[derive(Debug, Default, serde::Serialize)]
pub struct Summary {
    pub documents: usize,
    pub bytes: usize,
    pub quads: usize,
    pub entities: BTreeMap<String, usize>,
    pub relations: BTreeMap<String, usize>,
    pub skipped: Vec<Skipped>,
    pub seconds: f64,
    /// Seconds per stage, summed over documents.
    pub stages: StageTimes,
}

pub struct Options {
    pub threads: Option<usize>,
    /// Called after each document (written or skipped): (done, total).
    pub on_progress: Option<Box<dyn Fn(usize, usize) + Send + Sync>>,
    pub aliases: Aliases,
    /// How documents are read (the tagger on or off).
    pub extract: crate::extract::Options,
}

/// Every supported file under the given paths (folders recursively), sorted;
/// paths that do not exist or hold no supported file are reported.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Skipped>) {
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files, &mut skipped);
        } else if p.is_file() {
            files.push(p.clone());
        } else {
            skipped.push(Skipped { path: p.clone(), reason: "no such file or folder".into() });
        }
    }
    files.sort();
    files.dedup();
    (files, skipped)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, skipped: &mut Vec<Skipped>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => return skipped.push(Skipped { path: dir.to_owned(), reason: e.to_string() }),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, files, skipped);
        } else if crate::document::is_supported(&path) {
            files.push(path);
        }
    }
}

/// Ingest files into the store. A bad file is skipped and reported; a store
/// error stops the batch (what was committed stays, nothing is half-written).
pub fn ingest(store: &Store, files: &[PathBuf], opts: &Options) -> Result<Summary, StoreError> {
    let started = Instant::now();
    store::load_ontology(store)?;
    let mut summary = Summary::default();
    let total = files.len();
    let (tx, rx) = mpsc::sync_channel::<(PathBuf, Result<Processed, String>)>(16);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .build()
        .map_err(|e| StoreError::Query(format!("cannot start worker threads: {e}")))?;
    let extract_opts = opts.extract;
    let result = std::thread::scope(|scope| {
        scope.spawn(move || {
            pool.install(|| {
                files.par_iter().for_each_with(tx, |tx, path| {
                    // a rule that fails on one document must not stop the batch
                    let r = std::panic::catch_unwind(|| pipeline::process_file(path, extract_opts))
                        .unwrap_or(Err(crate::document::ReadError::Internal))
                        .map_err(|e| e.to_string());
                    let _ = tx.send((path.clone(), r));
                });
            });
        });
        let mut done = 0;
        let mut batch = store::NewGraphs::default();
        for (path, r) in rx {
            done += 1;
            match r {
                Ok(mut p) => {
                    apply_aliases(&mut p, &opts.aliases);
                    // a document new to the store goes into a bulk-loaded batch
                    // (one atomic commit per batch, loaded while the next fills);
                    // one already there is replaced in its own transaction
                    if store.contains_named_graph(p.quads.graph.as_ref())? || batch.holds(&p.quads.graph) {
                        batch.finish(store)?;
                        let t = Instant::now();
                        store::replace_graph(store, &p.quads)?;
                        p.times.store_write = t.elapsed().as_secs_f64();
                    } else {
                        batch.add(&mut p.quads);
                        if batch.is_full() {
                            batch.flush(store)?;
                        }
                    }
                    count(&mut summary, &p);
                }
                Err(reason) => summary.skipped.push(Skipped { path, reason }),
            }
            if let Some(cb) = &opts.on_progress {
                cb(done, total);
            }
        }
        batch.finish(store)?;
        // the bulk loads ran on their own thread, alongside extraction
        summary.stages.store_write += batch.load_secs;
        Ok::<(), StoreError>(())
    });
    result?;
    let t = Instant::now();
    store::link_close_matches(store)?;
    store.flush()?;
    summary.stages.links_across = t.elapsed().as_secs_f64();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn count(summary: &mut Summary, p: &Processed) {
    summary.documents += 1;
    summary.bytes += p.bytes;
    summary.quads += p.quad_count;
    summary.stages.add(&p.times);
    for kind in EntityType::ALL {
        *summary.entities.entry(kind.name().to_owned()).or_default() += p.extraction.count(kind);
    }
    for kind in RelationType::ALL {
        let n = p.extraction.relations.iter().filter(|r| r.kind == kind).count();
        *summary.relations.entry(kind.name().to_owned()).or_default() += n;
    }
}

/// User aliases rename entities before writing.
fn apply_aliases(p: &mut Processed, aliases: &Aliases) {
    if aliases.is_empty() {
        return;
    }
    let mut renamed = false;
    for e in &mut p.extraction.entities {
        if let Some(c) = aliases.canonical(&e.label) {
            let old = std::mem::replace(&mut e.label, c.to_owned());
            e.alt_labels.insert(old);
            renamed = true;
        }
    }
    if renamed {
        p.quads = crate::rdf::to_quads(&p.file_name, &p.extraction);
        p.quad_count = p.quads.quads.len();
    }
}
