//! A batch ingest: walk the inputs, read and extract documents in parallel
//! (rayon), write each document's graph in its own transaction on one writer
//! thread, report bad files by name and go on.

use crate::crossdoc::Aliases;
use crate::model::{EntityType, RelationType};
use crate::pipeline::{self, Processed, StageTimes};
use crate::store::{self, StoreError};
use oxigraph::store::Store;
use std::collections::BTreeMap;
use std::ffi::OsString;
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

/// What `Options::on_progress` hears.
pub enum Progress<'a> {
    /// A worker started reading this file.
    Reading(&'a Path),
    /// Documents done (written or skipped) of the total, and that file.
    Done { done: usize, total: usize, path: &'a Path },
}

/// A progress callback (called from worker threads).
pub type ProgressFn = Box<dyn Fn(Progress) + Send + Sync>;

pub struct Options {
    pub threads: Option<usize>,
    /// Called when a worker starts reading a document, and after each
    /// document is written or skipped.
    pub on_progress: Option<ProgressFn>,
    pub aliases: Aliases,
    /// How documents are read (the tagger on or off).
    pub extract: crate::extract::Options,
}

/// A file to ingest and the document it becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    /// The document's identity in the store: the file's path relative to the
    /// folder it was found under (its name, for a file given directly or at
    /// the top of the folder), each segment encoded as in an IRI path (bytes
    /// that are not UTF-8 as `%XX`, so no two names collide), joined by `/`.
    /// The document IRI is `vocab::DOC` followed by it.
    pub id: String,
    /// The relative path as text, for document-local entity IRIs (the file
    /// name for a file at the top, as before identities had folders).
    pub scope: String,
}

impl Source {
    /// The document IRI (and named graph).
    pub fn iri(&self) -> String {
        format!("{}{}", crate::vocab::DOC, self.id)
    }
}

/// Every supported file under the given paths (folders recursively), sorted;
/// paths that do not exist or hold no supported file are reported.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Skipped>) {
    let (sources, skipped) = collect_sources(paths);
    (sources.into_iter().map(|s| s.path).collect(), skipped)
}

/// Every supported file under the given paths (folders recursively, symbolic
/// links followed), each with its document identity, sorted by path.
///
/// Each entry that cannot be used is reported (a loop of symbolic links, a
/// dangling link, an unreadable folder, a path longer than the system
/// allows). A file reached twice (given twice, or through a link) is one
/// document, under the identity it was first reached by; a second file whose
/// identity is already taken is reported, never merged with the first.
pub fn collect_sources(paths: &[PathBuf]) -> (Vec<Source>, Vec<Skipped>) {
    collect_sources_under(paths, None)
}

/// [`collect_sources`], with every identity the path relative to `root`
/// when one is given (`--root`): so that shards of one folder, each given
/// its own files, mint the IRIs one run over the whole folder would. A path
/// not under the root is reported.
pub fn collect_sources_under(paths: &[PathBuf], root: Option<&Path>) -> (Vec<Source>, Vec<Skipped>) {
    let mut c = Collector { root: root.map(Path::to_owned), ..Collector::default() };
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => c.skip(p, path_error(p, &e)),
            Ok(m) if m.is_dir() => c.walk(p),
            Ok(m) if m.is_file() => match c.relative(p, p) {
                Some(rel) => c.add(p, &rel, &m),
                None => c.not_under_root(p),
            },
            Ok(_) => c.skip(p, "not a file or a folder".into()),
        }
    }
    c.sources.sort_by(|a, b| a.path.cmp(&b.path));
    (c.sources, c.skipped)
}

#[derive(Default)]
struct Collector {
    sources: Vec<Source>,
    skipped: Vec<Skipped>,
    /// File identity (device, inode) → index in `sources`.
    seen: std::collections::HashMap<FileKey, usize>,
    /// Document identity → index in `sources`.
    ids: std::collections::HashMap<String, usize>,
    /// Identities relative to this folder rather than to each path given.
    root: Option<PathBuf>,
}

impl Collector {
    fn skip(&mut self, path: &Path, reason: String) {
        self.skipped.push(Skipped { path: path.to_owned(), reason });
    }

    /// The identity segments of `path`, found under `given`: relative to the
    /// root when there is one (lexically, else after resolving both), else
    /// to the folder given (the file name, for a file given itself).
    fn relative(&self, path: &Path, given: &Path) -> Option<Vec<OsString>> {
        let segments = |rel: &Path| -> Vec<OsString> { rel.components().map(|c| c.as_os_str().to_owned()).collect() };
        match &self.root {
            Some(root) => {
                if let Ok(rel) = path.strip_prefix(root) {
                    return Some(segments(rel));
                }
                let (p, r) = (std::fs::canonicalize(path).ok()?, std::fs::canonicalize(root).ok()?);
                p.strip_prefix(&r).ok().map(segments)
            }
            None if path == given => path.file_name().map(|n| vec![n.to_owned()]),
            None => match path.strip_prefix(given) {
                Ok(rel) => Some(segments(rel)),
                Err(_) => path.file_name().map(|n| vec![n.to_owned()]),
            },
        }
    }

    fn not_under_root(&mut self, path: &Path) {
        let root = self.root.clone().unwrap_or_default();
        self.skip(path, format!("not under --root {}", root.display()));
    }

    fn walk(&mut self, root: &Path) {
        for entry in walkdir::WalkDir::new(root).follow_links(true).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().unwrap_or(root).to_owned();
                    let reason = walk_error(&path, &e);
                    self.skip(&path, reason);
                    continue;
                }
            };
            if entry.file_type().is_dir() || !crate::document::is_supported(entry.path()) {
                continue;
            }
            let path = entry.path();
            let meta = match entry.metadata() {
                Ok(m) => m,
                Err(e) => {
                    let reason = match e.io_error() {
                        Some(io) => path_error(path, io),
                        None => e.to_string(),
                    };
                    self.skip(path, reason);
                    continue;
                }
            };
            if !meta.is_file() {
                self.skip(path, "not a regular file".into());
                continue;
            }
            match self.relative(path, root) {
                Some(rel) => self.add(path, &rel, &meta),
                None => self.not_under_root(path),
            }
        }
    }

    fn add(&mut self, path: &Path, rel: &[OsString], meta: &std::fs::Metadata) {
        let key = file_key(path, meta);
        if self.seen.contains_key(&key) {
            return; // the same file again: one document
        }
        let id = crate::vocab::document_id(rel);
        if let Some(&first) = self.ids.get(&id) {
            let reason = format!(
                "another file, {}, is already the document {id}; give their common folder, or ingest them \
                 separately into two stores",
                self.sources[first].path.display()
            );
            return self.skip(path, reason);
        }
        let scope = match rel.iter().map(|s| s.to_str()).collect::<Option<Vec<_>>>() {
            Some(parts) => parts.join("/"),
            None => id.clone(),
        };
        self.seen.insert(key, self.sources.len());
        self.ids.insert(id.clone(), self.sources.len());
        self.sources.push(Source { path: path.to_owned(), id, scope });
    }
}

/// What tells two files apart: (device, inode) on Unix, else the canonical path.
#[cfg(unix)]
type FileKey = (u64, u64);
#[cfg(not(unix))]
type FileKey = PathBuf;

#[cfg(unix)]
fn file_key(_path: &Path, meta: &std::fs::Metadata) -> FileKey {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_key(path: &Path, _meta: &std::fs::Metadata) -> FileKey {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// Why a path could not be read, in words.
fn path_error(path: &Path, e: &std::io::Error) -> String {
    if is_name_too_long(e) || path.as_os_str().len() >= MAX_PATH {
        return format!("path longer than the system allows ({} bytes)", path.as_os_str().len());
    }
    if e.kind() == std::io::ErrorKind::NotFound {
        if let Ok(target) = std::fs::read_link(path) {
            return format!("dangling symbolic link (to {}, which does not exist)", target.display());
        }
        return "no such file or folder".into();
    }
    e.to_string()
}

fn walk_error(path: &Path, e: &walkdir::Error) -> String {
    if let Some(ancestor) = e.loop_ancestor() {
        return format!("symbolic link loop (leads back to {}); not followed", ancestor.display());
    }
    match e.io_error() {
        Some(io) => path_error(path, io),
        None => e.to_string(),
    }
}

/// Linux's PATH_MAX: longer paths cannot be opened by name.
const MAX_PATH: usize = 4096;

fn is_name_too_long(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ENAMETOOLONG)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Input bytes per chunk of documents read together (`pipeline::process_documents`):
/// enough stretches for the tagger's batches to fill and for every thread
/// to have work, little enough that a chunk's texts stay small in memory.
const CHUNK_BYTES: u64 = 1 << 20;
/// Documents per chunk at most.
const CHUNK_FILES: usize = 256;

/// `files` cut into consecutive chunks of about `CHUNK_BYTES` (a larger file
/// is a chunk of its own).
pub fn chunks(files: &[Source]) -> Vec<&[Source]> {
    let mut out = Vec::new();
    let (mut from, mut bytes) = (0, 0u64);
    for (i, src) in files.iter().enumerate() {
        bytes += std::fs::metadata(&src.path).map_or(0, |m| m.len());
        if bytes >= CHUNK_BYTES || i + 1 - from >= CHUNK_FILES {
            out.push(&files[from..=i]);
            from = i + 1;
            bytes = 0;
        }
    }
    if from < files.len() {
        out.push(&files[from..]);
    }
    out
}

/// Ingest files into the store. A bad file is skipped and reported; a store
/// error stops the batch (what was committed stays, nothing is half-written).
pub fn ingest(store: &Store, files: &[Source], opts: &Options) -> Result<Summary, StoreError> {
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
                // documents go through the pipeline a chunk at a time, so that
                // the tagger batches the stretches of many documents together
                for chunk in chunks(files) {
                    let jobs: Vec<pipeline::Job> = chunk
                        .iter()
                        .map(|src| pipeline::Job { path: &src.path, iri: src.iri(), scope: &src.scope })
                        .collect();
                    let on_read = |path: &Path| {
                        if let Some(cb) = &opts.on_progress {
                            cb(Progress::Reading(path));
                        }
                    };
                    let results = pipeline::process_documents(&jobs, extract_opts, &on_read);
                    for (src, r) in chunk.iter().zip(results) {
                        if tx.send((src.path.clone(), r.map_err(|e| e.to_string()))).is_err() {
                            return; // the writer stopped on a store error
                        }
                    }
                }
            });
        });
        let mut batch = store::NewGraphs::default();
        for (i, (path, r)) in rx.into_iter().enumerate() {
            let done = i + 1;
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
                Err(reason) => summary.skipped.push(Skipped { path: path.clone(), reason }),
            }
            if let Some(cb) = &opts.on_progress {
                cb(Progress::Done { done, total, path: &path });
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
        let graph = p.quads.graph.as_str().to_owned();
        p.quads = crate::rdf::to_quads_for(&graph, &p.file_name, &p.extraction);
        p.quad_count = p.quads.quads.len();
    }
}
