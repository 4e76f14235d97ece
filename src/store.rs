//! The on-disk oxigraph store: open it, replace one document's graph in one
//! transaction, drop a graph, load the ontology. Nothing else writes to it.

use crate::rdf::DocQuads;
use crate::vocab;
use oxigraph::io::RdfFormat;
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use oxigraph::store::{StorageError, Store};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The ontology, compiled in; `lantai ingest` loads it into its own graph.
pub const ONTOLOGY_TTL: &str = include_str!("../ontology/lantai.ttl");

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store at {path}: {source}")]
    Open { path: PathBuf, source: StorageError },
    #[error("no store at {0} (run `lantai ingest` first, or give --store)")]
    Missing(PathBuf),
    #[error("store error: {0}")]
    Storage(#[from] StorageError),
    #[error("query failed: {0}")]
    Query(String),
    #[error("another lantai is writing to this store ({0}): wait until it has finished, then run this again")]
    Locked(PathBuf),
    #[error(
        "the store at {0} is served by `lantai serve` at {1}: stop the server, or send documents through it \
         (`lantai ingest --endpoint {1}/sparql --graph-store {1}/store`, with `serve --writable`)"
    )]
    Served(PathBuf, String),
    #[error("{0} is not a lantai store: it holds other files (give a new or empty folder, or an existing store)")]
    NotAStore(PathBuf),
    #[error(
        "the store at {0} changed while it was being read: another lantai is writing to it; run this again \
         (or wait until the writer has finished)"
    )]
    Busy(PathBuf),
}

/// Open (creating it if needed) the store for writing. A folder that holds
/// files other than a store's is refused, and a store another process is
/// writing to is reported as such.
pub fn open(path: &Path) -> Result<Store, StoreError> {
    if path.is_dir() && !is_store_folder(path) {
        return Err(StoreError::NotAStore(path.to_owned()));
    }
    Store::open(path).map_err(|source| open_error(path, source))
}

/// Open an existing store; a missing folder is an error, not a new empty store.
pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
    check_existing(path)?;
    open(path)
}

fn check_existing(path: &Path) -> Result<(), StoreError> {
    if !path.is_dir() {
        return Err(StoreError::Missing(path.to_owned()));
    }
    if !path.join("CURRENT").exists() {
        let empty = std::fs::read_dir(path).map(|mut d| d.next().is_none()).unwrap_or(false);
        return Err(if empty || is_store_folder(path) {
            StoreError::Missing(path.to_owned())
        } else {
            StoreError::NotAStore(path.to_owned())
        });
    }
    Ok(())
}

/// Open an existing store for reading only: queries and exports never write
/// to it (no lock, no new RocksDB manifest per run). While another process
/// writes, the files the store's manifest names may be replaced under the
/// reader: that error is retried, and reported as what it is if it lasts.
pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
    retry_while_written(path, || open_read_only_once(path))
}

/// [`open_read_only`] without the retries (for callers that retry the whole read).
pub fn open_read_only_once(path: &Path) -> Result<Store, StoreError> {
    check_existing(path)?;
    match Store::open_read_only(path) {
        // a store whose creation was interrupted (kill -9 in its first
        // moments) lacks what a reader cannot add: a writer adds it, and the
        // store, which holds nothing yet, opens
        Err(e) if is_unfinished(&e.to_string()) && !writer_active(path) => {
            drop(open(path)?);
            Store::open_read_only(path).map_err(|source| open_error(path, source))
        }
        r => r.map_err(|source| open_error(path, source)),
    }
}

/// The errors of a read-only open of a store whose creation has not finished
/// (oxigraph's version key or RocksDB's column families not written yet).
fn is_unfinished(message: &str) -> bool {
    message.contains("only possible on read-write") || message.contains("Column family not found")
}

/// Run `f` again while it fails with the error of a reader whose files were
/// replaced by a writer (a few times even when no writer is seen, as the
/// writer may just have finished); `StoreError::Busy` if a writer outlasts
/// the retries.
pub fn retry_while_written<T>(path: &Path, mut f: impl FnMut() -> Result<T, StoreError>) -> Result<T, StoreError> {
    let mut attempt = 0u64;
    loop {
        match f() {
            Err(e) if is_transient(&e.to_string()) || matches!(e, StoreError::Missing(_)) && writer_active(path) => {
                attempt += 1;
                let writing = writer_active(path);
                if attempt > RETRIES || (!writing && attempt > 3) {
                    return Err(if writing { StoreError::Busy(path.to_owned()) } else { e });
                }
                std::thread::sleep(std::time::Duration::from_millis((50 * attempt).min(500)));
            }
            r => return r,
        }
    }
}

/// Attempts of a read while a writer replaces files (about 8 s in all).
const RETRIES: u64 = 20;

/// The error RocksDB gives a read-only reader when a writer has deleted a
/// file its manifest named, or was writing the manifest it read.
pub fn is_transient(message: &str) -> bool {
    is_unfinished(message)
        || message.contains("Corruption")
        || (message.contains("No such file")
            && [".sst", "MANIFEST", "CURRENT", ".log", ".blob"].iter().any(|f| message.contains(f)))
}

fn open_error(path: &Path, source: StorageError) -> StoreError {
    let m = source.to_string();
    if m.contains("lock file") || m.contains("LOCK") && m.contains("temporarily unavailable") {
        if let Some(url) = crate::serve::served_at(path) {
            return StoreError::Served(path.to_owned(), url);
        }
        return StoreError::Locked(path.to_owned());
    }
    StoreError::Open { path: path.to_owned(), source }
}

/// Names a store's folder holds: RocksDB's files and the aliases file.
fn is_store_file(name: &str) -> bool {
    matches!(name, "CURRENT" | "IDENTITY" | "LOCK" | "LOG" | crate::crossdoc::ALIASES_FILE | crate::serve::SERVED_FILE)
        || ["MANIFEST-", "OPTIONS-", "LOG.old.", "CURRENT.", "OPTIONS."].iter().any(|p| name.starts_with(p))
        || [".sst", ".log", ".blob", ".dbtmp", ".tmp"].iter().any(|e| name.ends_with(e))
            && name.starts_with(|c: char| c.is_ascii_digit())
}

/// A store (it has RocksDB's CURRENT file), or a folder that holds nothing
/// but a store's files (empty, or a store whose creation was interrupted).
pub fn is_store_folder(path: &Path) -> bool {
    if path.join("CURRENT").exists() {
        return true;
    }
    match std::fs::read_dir(path) {
        Ok(entries) => entries.flatten().all(|e| e.file_name().to_str().is_some_and(is_store_file)),
        Err(_) => true, // let the store's own open say what is wrong
    }
}

/// Does another process hold the store's write lock (RocksDB's `LOCK` file,
/// an fcntl lock)? Never call this while this process has the store open for
/// writing: closing any descriptor of the file would drop its lock.
pub fn writer_active(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::io::AsRawFd;
        let Ok(f) = std::fs::File::open(path.join("LOCK")) else { return false };
        // SAFETY: a plain fcntl(F_GETLK) on a descriptor we own, with a zeroed flock
        let mut lock: libc::flock = unsafe { std::mem::zeroed() };
        lock.l_type = libc::F_WRLCK as _;
        lock.l_whence = libc::SEEK_SET as _;
        let r = unsafe { libc::fcntl(f.as_raw_fd(), libc::F_GETLK, &mut lock) };
        r == 0 && i32::from(lock.l_type) != libc::F_UNLCK
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Replace a document's graph atomically: readers see the old graph or the new
/// one, never a mix, and a failure leaves the old graph in place.
pub fn replace_graph(store: &Store, doc: &DocQuads) -> Result<(), StoreError> {
    let mut tx = store.start_transaction()?;
    tx.clear_graph(GraphNameRef::NamedNode(doc.graph.as_ref()))?;
    tx.insert_named_graph(doc.graph.as_ref());
    tx.extend(doc.quads.iter());
    tx.commit()?;
    Ok(())
}

/// Quads of documents new to the store, written together by the bulk loader:
/// it builds RocksDB files and adds them in one atomic commit, an order of
/// magnitude faster than transactions (see PERFORMANCE.md), and no document
/// of a batch is ever visible half-written.
///
/// A full batch is loaded on a thread of its own while the next one fills, so
/// that extraction and the store write overlap instead of taking turns: at
/// most one batch is loading and one filling (memory stays bounded).
#[derive(Default)]
pub struct NewGraphs {
    quads: Vec<oxigraph::model::Quad>,
    graphs: HashSet<NamedNode>,
    loading: Option<Loading>,
    /// Seconds spent loading and committing, on the loading thread.
    pub load_secs: f64,
}

/// The batch being loaded: its graphs, and the thread loading it.
struct Loading {
    graphs: HashSet<NamedNode>,
    thread: std::thread::JoinHandle<Result<f64, StorageError>>,
}

/// Quads per bulk-loaded batch: large enough to amortise the commit, small
/// enough to keep memory flat.
const BATCH_QUADS: usize = 200_000;
/// Memory the bulk loader may use, in MB.
const BULK_MEMORY_MB: usize = 256;

impl NewGraphs {
    /// Is the graph in the batch filling or the one loading?
    pub fn holds(&self, graph: &NamedNode) -> bool {
        self.graphs.contains(graph) || self.loading.as_ref().is_some_and(|l| l.graphs.contains(graph))
    }

    pub fn add(&mut self, doc: &mut DocQuads) {
        self.graphs.insert(doc.graph.clone());
        self.quads.append(&mut doc.quads);
    }

    pub fn is_full(&self) -> bool {
        self.quads.len() >= BATCH_QUADS
    }

    /// Start loading the filled batch (after the one before it has committed).
    pub fn flush(&mut self, store: &Store) -> Result<(), StoreError> {
        self.wait()?;
        if self.quads.is_empty() {
            return Ok(());
        }
        let quads = std::mem::take(&mut self.quads);
        let store = store.clone();
        let thread = std::thread::Builder::new()
            .name("bulk-load".into())
            .spawn(move || {
                let started = std::time::Instant::now();
                let mut loader =
                    store.bulk_loader().with_max_memory_size_in_megabytes(BULK_MEMORY_MB).with_num_threads(1);
                loader.load_quads(quads)?;
                loader.commit()?;
                Ok(started.elapsed().as_secs_f64())
            })
            .map_err(|e| StoreError::Storage(StorageError::Io(e)))?;
        self.loading = Some(Loading { graphs: std::mem::take(&mut self.graphs), thread });
        Ok(())
    }

    /// Wait for the batch being loaded to commit.
    pub fn wait(&mut self) -> Result<(), StoreError> {
        let Some(loading) = self.loading.take() else { return Ok(()) };
        match loading.thread.join() {
            Ok(result) => {
                self.load_secs += result?;
                Ok(())
            }
            Err(_) => {
                Err(StoreError::Storage(StorageError::Io(std::io::Error::other("the bulk loader thread panicked"))))
            }
        }
    }

    /// Load what is left and wait until everything has committed.
    pub fn finish(&mut self, store: &Store) -> Result<(), StoreError> {
        self.flush(store)?;
        self.wait()
    }
}

/// A batch is never left loading behind the caller's back: dropping waits.
impl Drop for NewGraphs {
    fn drop(&mut self) {
        let _ = self.wait();
    }
}

/// Drop one document's graph. Returns false when there was no such graph.
pub fn remove_graph(store: &Store, graph: &str) -> Result<bool, StoreError> {
    let node = NamedNode::new_unchecked(graph);
    if !store.contains_named_graph(node.as_ref())? {
        return Ok(false);
    }
    let mut tx = store.start_transaction()?;
    tx.remove_named_graph(node.as_ref())?;
    tx.commit()?;
    link_close_matches(store)?;
    Ok(true)
}

/// The graph that holds links computed across documents (`skos:closeMatch`
/// between people of the same name and another locality). Recomputed from
/// the document graphs after every change, so it never depends on the order
/// documents were read in.
pub const LINKS_GRAPH: &str = "https://w3id.org/lantai/links";

/// Recompute the close matches: every pair of Person nodes with one label and
/// two IRIs, stated once (lower IRI → higher IRI). Only the difference with
/// what the links graph holds is written: after a large first ingest that is
/// every pair, bulk-loaded (a transaction writes ~10× slower); after a small
/// change, a few quads in one transaction.
pub fn link_close_matches(store: &Store) -> Result<(), StoreError> {
    let graph = NamedNode::new_unchecked(LINKS_GRAPH);
    let close = NamedNode::new_unchecked(format!("{}closeMatch", vocab::SKOS));
    let wanted = close_match_pairs(store)?;
    let mut stale = Vec::new();
    let mut present = HashSet::new();
    for q in store.quads_for_pattern(None, Some(close.as_ref()), None, Some(GraphNameRef::NamedNode(graph.as_ref()))) {
        let q = q?;
        let pair = match (&q.subject, &q.object) {
            (NamedOrBlankNode::NamedNode(a), Term::NamedNode(b)) => {
                Some((a.as_str().to_owned(), b.as_str().to_owned()))
            }
            _ => None,
        };
        match pair.filter(|p| wanted.contains(p)) {
            Some(p) => {
                present.insert(p);
            }
            None => stale.push(q),
        }
    }
    let quad = |(a, b): &(String, String)| {
        Quad::new(NamedNode::new_unchecked(a), close.clone(), NamedNode::new_unchecked(b), graph.clone())
    };
    let new: Vec<Quad> = wanted.iter().filter(|p| !present.contains(*p)).map(quad).collect();
    if !stale.is_empty() || (!new.is_empty() && new.len() < BULK_LINKS) {
        let mut tx = store.start_transaction()?;
        for q in &stale {
            tx.remove(q);
        }
        if new.len() < BULK_LINKS {
            tx.extend(new.iter());
        }
        tx.commit()?;
    }
    if new.len() >= BULK_LINKS {
        let mut loader = store.bulk_loader().with_max_memory_size_in_megabytes(BULK_MEMORY_MB).with_num_threads(1);
        loader.load_quads(new)?;
        loader.commit()?;
    }
    Ok(())
}

/// The same links as `link_close_matches`, as a SPARQL Update for a server
/// that holds the document graphs (loaded from `lantai extract`): the links
/// graph dropped and rewritten. Entity IRIs end with their label, so pairing
/// by label pairs as `close_match_pairs` does; `GRAPH ?g` rather than the
/// default graph, which some servers do not make the union of the graphs.
pub const LINK_UPDATE: &str = r#"PREFIX lt: <https://w3id.org/lantai/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
DROP SILENT GRAPH <https://w3id.org/lantai/links> ;
INSERT { GRAPH <https://w3id.org/lantai/links> { ?a skos:closeMatch ?b } }
WHERE {
  { SELECT DISTINCT ?a ?name WHERE { GRAPH ?g { ?a a lt:Person ; rdfs:label ?name } } }
  { SELECT DISTINCT ?b ?name WHERE { GRAPH ?h { ?b a lt:Person ; rdfs:label ?name } } }
  FILTER (STR(?a) < STR(?b))
}
"#;

/// Above this many new links, the bulk loader writes them.
const BULK_LINKS: usize = 5_000;

/// (lower IRI, higher IRI) for every two Person nodes sharing a label. An
/// entity IRI ends with its encoded label (`vocab::entity_iri`, a pure
/// function of type, label and scope), so people are grouped by that last
/// segment: no label lookup per person (1.1 s of 1.7 s on a 100 MB store).
fn close_match_pairs(store: &Store) -> Result<HashSet<(String, String)>, StoreError> {
    let person = NamedNode::new_unchecked(vocab::lt("Person"));
    let rdf_type = NamedNode::new_unchecked(format!("{}type", vocab::RDF));
    let mut by_name: std::collections::HashMap<String, std::collections::BTreeSet<String>> = Default::default();
    for q in store.quads_for_pattern(None, Some(rdf_type.as_ref()), Some(person.as_ref().into()), None) {
        if let NamedOrBlankNode::NamedNode(p) = q?.subject {
            let iri = p.into_string();
            let Some((_, name)) = iri.rsplit_once('/') else { continue };
            by_name.entry(name.to_owned()).or_default().insert(iri);
        }
    }
    let mut pairs = HashSet::new();
    for iris in by_name.values().filter(|s| s.len() > 1) {
        let iris: Vec<&String> = iris.iter().collect();
        for (i, a) in iris.iter().enumerate() {
            for b in &iris[i + 1..] {
                pairs.insert(((*a).clone(), (*b).clone()));
            }
        }
    }
    Ok(pairs)
}

/// The ontology graph's quads: what `load_ontology` writes, and what
/// `extract --with-ontology` and `ingest --endpoint` send.
pub fn ontology_quads() -> Vec<Quad> {
    let graph = NamedNodeRef::new_unchecked(vocab::ONTOLOGY_GRAPH);
    oxigraph::io::RdfParser::from_format(RdfFormat::Turtle)
        .with_default_graph(graph)
        .for_slice(ONTOLOGY_TTL.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("the shipped ontology parses (tested)")
}

/// (Re)load the ontology into its own named graph.
pub fn load_ontology(store: &Store) -> Result<(), StoreError> {
    let graph = NamedNodeRef::new_unchecked(vocab::ONTOLOGY_GRAPH);
    let mut tx = store.start_transaction()?;
    tx.clear_graph(graph)?;
    tx.extend(ontology_quads().iter());
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use oxigraph::model::{Literal, Quad};

    fn doc(name: &str, n: usize) -> DocQuads {
        let graph = NamedNode::new_unchecked(format!("https://example.org/doc/{name}"));
        let quads = (0..n)
            .map(|i| {
                Quad::new(
                    NamedNode::new_unchecked(format!("https://example.org/s/{name}/{i}")),
                    NamedNode::new_unchecked("https://example.org/p"),
                    Literal::new_simple_literal(format!("{i}")),
                    graph.clone(),
                )
            })
            .collect();
        DocQuads { graph, quads }
    }

    /// Batches load on their own thread while the next fills; each commits,
    /// in order, and a graph is known to the batch while it loads.
    #[test]
    fn batches_load_in_the_background_and_all_land() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(&dir.path().join("store")).unwrap();
        let mut batch = NewGraphs::default();
        for k in 0..5 {
            let mut d = doc(&format!("d{k}"), 1000);
            let graph = d.graph.clone();
            batch.add(&mut d);
            batch.flush(&store).unwrap();
            assert!(batch.holds(&graph), "a loading graph is still held");
        }
        batch.finish(&store).unwrap();
        assert!(!batch.holds(&NamedNode::new_unchecked("https://example.org/doc/d4")));
        assert_eq!(store.len().unwrap(), 5000);
        for k in 0..5 {
            let g = NamedNode::new_unchecked(format!("https://example.org/doc/d{k}"));
            assert!(store.contains_named_graph(g.as_ref()).unwrap());
        }
        assert!(batch.load_secs > 0.0);
    }

    fn person(store: &Store, iri: &str, name: &str, graph: &str) {
        let g = NamedNode::new_unchecked(graph);
        let p = NamedNode::new_unchecked(iri);
        store
            .insert(&Quad::new(
                p.clone(),
                NamedNode::new_unchecked(format!("{}type", vocab::RDF)),
                NamedNode::new_unchecked(vocab::lt("Person")),
                g.clone(),
            ))
            .unwrap();
        store
            .insert(&Quad::new(
                p,
                NamedNode::new_unchecked(format!("{}label", vocab::RDFS)),
                Literal::new_simple_literal(name),
                g,
            ))
            .unwrap();
    }

    fn links(store: &Store) -> usize {
        link_quads(store).len()
    }

    /// Close matches follow the document graphs: pairs appear, stay once,
    /// and go when a graph goes; a large set of new pairs is bulk-loaded.
    #[test]
    fn close_matches_are_recomputed_as_a_difference() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(&dir.path().join("store")).unwrap();
        person(&store, "https://example.org/p/a/张伟", "张伟", "https://example.org/doc/1");
        person(&store, "https://example.org/p/b/张伟", "张伟", "https://example.org/doc/2");
        person(&store, "https://example.org/p/b/李明", "李明", "https://example.org/doc/2");
        link_close_matches(&store).unwrap();
        assert_eq!(links(&store), 1);
        link_close_matches(&store).unwrap();
        assert_eq!(links(&store), 1, "recomputing changes nothing");
        assert!(remove_graph(&store, "https://example.org/doc/2").unwrap());
        assert_eq!(links(&store), 0, "the pair went with its graph");
        // 101 people of one name: 5050 pairs, over the bulk threshold
        for i in 0..101 {
            person(&store, &format!("https://example.org/p/{i}/王芳"), "王芳", "https://example.org/doc/3");
        }
        link_close_matches(&store).unwrap();
        assert_eq!(links(&store), 5050);
        let a = NamedNode::new_unchecked("https://example.org/p/0/王芳");
        let b = NamedNode::new_unchecked("https://example.org/p/1/王芳");
        let close = NamedNode::new_unchecked(format!("{}closeMatch", vocab::SKOS));
        assert_eq!(
            store
                .quads_for_pattern(Some(a.as_ref().into()), Some(close.as_ref()), Some(b.as_ref().into()), None)
                .count(),
            1,
            "lower IRI first"
        );
    }

    fn link_quads(store: &Store) -> std::collections::BTreeSet<String> {
        store
            .quads_for_pattern(
                None,
                None,
                None,
                Some(GraphNameRef::NamedNode(NamedNodeRef::new_unchecked(LINKS_GRAPH))),
            )
            .map(|q| q.unwrap().to_string())
            .collect()
    }

    /// The SPARQL Update for another server writes exactly the links the
    /// store computes itself, and replaces stale ones.
    #[test]
    fn the_link_update_gives_the_same_links() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(&dir.path().join("store")).unwrap();
        for (i, name) in ["张伟", "张伟", "李明", "张伟", "王芳", "王芳"].iter().enumerate() {
            person(
                &store,
                &format!("https://example.org/p/{i}/{name}"),
                name,
                &format!("https://example.org/doc/{}", i % 3),
            );
        }
        // one person in two documents is one node, not a pair
        person(&store, "https://example.org/p/0/张伟", "张伟", "https://example.org/doc/9");
        link_close_matches(&store).unwrap();
        let want = link_quads(&store);
        assert_eq!(want.len(), 4, "{want:?}");
        store.update("DROP GRAPH <https://w3id.org/lantai/links>").unwrap();
        store
            .insert(&Quad::new(
                NamedNode::new_unchecked("https://example.org/stale"),
                NamedNode::new_unchecked(format!("{}closeMatch", vocab::SKOS)),
                NamedNode::new_unchecked("https://example.org/stale2"),
                NamedNode::new_unchecked(LINKS_GRAPH),
            ))
            .unwrap();
        store.update(LINK_UPDATE).unwrap();
        assert_eq!(link_quads(&store), want);
        assert!(
            LINK_UPDATE.contains(LINKS_GRAPH) && LINK_UPDATE.contains(vocab::LT) && LINK_UPDATE.contains(vocab::SKOS)
        );
    }

    /// Dropping a batch that is loading waits for it: nothing is left behind.
    #[test]
    fn dropping_a_loading_batch_waits_for_its_commit() {
        let dir = tempfile::tempdir().unwrap();
        let store = open(&dir.path().join("store")).unwrap();
        {
            let mut batch = NewGraphs::default();
            batch.add(&mut doc("d", 2000));
            batch.flush(&store).unwrap();
        }
        assert_eq!(store.len().unwrap(), 2000);
    }
}
