//! Reliability: the cases of issue 12, each run on the real binary in a temp
//! folder. No silent loss (colliding names, long paths, links), no hang
//! (symlink loops, endless queries), no false alarm (reads during an ingest),
//! crash safety (kill -9 at random moments during ingest), and a property
//! test of decoding and normalisation on arbitrary bytes.

use serde_json::Value;
use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use tempfile::TempDir;

const DOC_BASE: &str = "https://w3id.org/lantai/doc/";
const SOURCE_FILE: &str = "https://w3id.org/lantai/ontology#sourceFile";

// ---------------------------------------------------------------- helpers

#[derive(Debug)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Out {
    fn ok(self) -> Out {
        assert_eq!(self.code, 0, "expected exit 0\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }
}

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lantai"));
    c.env_remove("LANTAI_STORE");
    c
}

fn to_out(o: std::process::Output) -> Out {
    Out {
        code: o.status.code().expect("exit code (not killed by a signal)"),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Run `lantai ARGS…`; a run longer than `limit` is killed and fails the test
/// (a hang is a failure, not a stuck suite).
fn lantai_within<I, S>(limit: Duration, args: I) -> Out
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let args: Vec<OsString> = args.into_iter().map(|a| a.as_ref().to_owned()).collect();
    let mut child = bin().args(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("run lantai");
    // drain the pipes while waiting, so a chatty run cannot block on them
    let mut so = child.stdout.take().unwrap();
    let mut se = child.stderr.take().unwrap();
    let t1 = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = so.read_to_end(&mut b);
        b
    });
    let t2 = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = se.read_to_end(&mut b);
        b
    });
    let started = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("lantai {args:?} still running after {limit:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    to_out(std::process::Output { status, stdout: t1.join().unwrap(), stderr: t2.join().unwrap() })
}

fn lantai<I, S>(args: I) -> Out
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    lantai_within(Duration::from_secs(300), args)
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

fn tmp() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds")
}

/// The seed documents, sorted by name.
fn seeds() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(seeds_dir()).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

fn copy(from: &Path, to: impl AsRef<Path>) -> PathBuf {
    let to = to.as_ref();
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(from, to).unwrap();
    to.to_owned()
}

fn write(path: impl AsRef<Path>, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = path.as_ref();
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
    path.to_owned()
}

/// SELECT results as rows of variable → value (IRI or literal text).
fn select(store: &Path, dir: &Path, text: &str) -> Vec<BTreeMap<String, String>> {
    let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let file = write(dir.join(format!("q{n}.rq")), text);
    let out = lantai(["query", "--store", s(store), "--format", "json", s(&file)]).ok();
    parse_select(&out.stdout)
}

fn parse_select(json: &str) -> Vec<BTreeMap<String, String>> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            b.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v["value"].as_str().unwrap().to_owned())).collect()
        })
        .collect()
}

const PER_GRAPH: &str = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g";

/// Quads per document graph (IRI → count).
fn doc_graphs(store: &Path, dir: &Path) -> BTreeMap<String, u64> {
    try_doc_graphs(store, dir).unwrap_or_else(|o| panic!("the store does not open: {o:?}"))
}

fn try_doc_graphs(store: &Path, dir: &Path) -> Result<BTreeMap<String, u64>, Out> {
    let file = write(dir.join("per-graph.rq"), PER_GRAPH);
    let out = lantai(["query", "--store", s(store), "--format", "json", s(&file)]);
    if out.code != 0 {
        return Err(out);
    }
    Ok(parse_select(&out.stdout)
        .into_iter()
        .filter(|r| r["g"].starts_with(DOC_BASE))
        .map(|r| (r["g"].clone(), r["n"].parse().unwrap()))
        .collect())
}

/// lt:sourceFile of every document graph.
fn source_files(store: &Path, dir: &Path) -> BTreeMap<String, String> {
    select(store, dir, &format!("SELECT ?g ?f WHERE {{ GRAPH ?g {{ ?g <{SOURCE_FILE}> ?f }} }}"))
        .into_iter()
        .map(|r| (r["g"].clone(), r["f"].clone()))
        .collect()
}

fn ingest_ok(store: &Path, paths: &[&Path]) {
    let mut args: Vec<&OsStr> = vec!["ingest".as_ref(), "-q".as_ref(), "--store".as_ref(), store.as_os_str()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    lantai(&args).ok();
}

fn skip_line<'a>(stderr: &'a str, needle: &str) -> &'a str {
    stderr
        .lines()
        .find(|l| l.contains(needle) && l.contains("skipped"))
        .unwrap_or_else(|| panic!("no skip line for {needle}:\n{stderr}"))
}

/// A small xorshift generator: the tests print their seed.
struct Rng(u64);

impl Rng {
    fn from_time() -> Rng {
        let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64;
        Rng(n | 1)
    }
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

// ---------------------------------------------------------------- 1. names

/// `a/same.txt` and `b/same.txt` were one graph (the last one read): now two,
/// each with the file name as lt:sourceFile; a file at the top of the folder
/// keeps the IRI it always had, and a re-ingest of the tree changes nothing.
#[test]
fn files_of_one_name_in_two_folders_are_two_documents() {
    let dir = tmp();
    let d = dir.path();
    let seeds = seeds();
    let c = d.join("c");
    copy(&seeds[0], c.join("a/same.txt"));
    copy(&seeds[1], c.join("b/same.txt"));
    let top = copy(&seeds[2], c.join(seeds[2].file_name().unwrap()));
    let store = d.join("store");
    ingest_ok(&store, &[&c]);
    let graphs = doc_graphs(&store, d);
    let top_iri = format!("{DOC_BASE}{}", top.file_name().unwrap().to_str().unwrap());
    let want: Vec<String> = vec![format!("{DOC_BASE}a/same.txt"), format!("{DOC_BASE}b/same.txt"), top_iri.clone()];
    let mut want_sorted = want.clone();
    want_sorted.sort();
    assert_eq!(graphs.keys().cloned().collect::<Vec<_>>(), want_sorted, "{graphs:?}");
    let files = source_files(&store, d);
    assert_eq!(files[&want[0]], "same.txt");
    assert_eq!(files[&want[1]], "same.txt");
    let docs = lantai(["docs", "--store", s(&store)]).ok();
    assert!(docs.stdout.contains("3 documents") && docs.stdout.contains("a/same.txt"), "{}", docs.stdout);

    // the same tree again: the same graphs, quad for quad
    ingest_ok(&store, &[&c]);
    assert_eq!(doc_graphs(&store, d), graphs);

    // a file given directly is known by its name, as before
    let store2 = d.join("store2");
    ingest_ok(&store2, &[&top]);
    assert_eq!(doc_graphs(&store2, d).keys().collect::<Vec<_>>(), vec![&top_iri]);
    assert_eq!(doc_graphs(&store2, d)[&top_iri], graphs[&top_iri], "same IRI, same graph");
}

/// Two different files given so that they would be one document are
/// reported (exit 1) and the first is kept; the same file given twice (by
/// two arguments, or by a link) is one document.
#[test]
fn two_files_that_would_be_one_document_are_reported_and_one_file_twice_is_one() {
    let dir = tmp();
    let d = dir.path();
    let seeds = seeds();
    let a = copy(&seeds[0], d.join("c/a/same.txt"));
    let b = copy(&seeds[1], d.join("c/b/same.txt"));
    let store = d.join("store");
    let out = lantai(["ingest", "-q", "--store", s(&store), s(&d.join("c/a")), s(&d.join("c/b"))]);
    assert_eq!(out.code, 1, "{out:?}");
    let line = skip_line(&out.stderr, s(&b));
    assert!(line.contains(s(&a)) && line.contains("same.txt"), "{line}");
    assert_eq!(doc_graphs(&store, d).len(), 1);

    // c and c/a name c/a/same.txt twice; a link to it in c is the same file too
    #[cfg(unix)]
    std::os::unix::fs::symlink(&a, d.join("c/link.txt")).unwrap();
    let store2 = d.join("store2");
    let out = lantai(["ingest", "-q", "--store", s(&store2), s(&d.join("c")), s(&d.join("c/a")), s(&a)]).ok();
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let graphs = doc_graphs(&store2, d);
    assert_eq!(graphs.len(), 2, "{graphs:?}");
    assert!(
        graphs.contains_key(&format!("{DOC_BASE}a/same.txt")) && graphs.contains_key(&format!("{DOC_BASE}b/same.txt"))
    );
}

/// Names that are not UTF-8 and differ only in those bytes were one graph
/// (`x_�.txt`): now two, their bytes percent-encoded in the IRI.
#[cfg(unix)]
#[test]
fn non_utf8_names_are_kept_apart_losslessly() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tmp();
    let d = dir.path();
    let seeds = seeds();
    let c = d.join("c");
    copy(&seeds[3], c.join(OsStr::from_bytes(b"x_\xff.txt")));
    copy(&seeds[4], c.join(OsStr::from_bytes(b"x_\xfe.txt")));
    let store = d.join("store");
    ingest_ok(&store, &[&c]);
    let graphs: Vec<String> = doc_graphs(&store, d).into_keys().collect();
    assert_eq!(graphs, vec![format!("{DOC_BASE}x_%FE.txt"), format!("{DOC_BASE}x_%FF.txt")]);
    let out = lantai(["remove", "--store", s(&store), "x_%FF.txt"]).ok();
    assert!(out.stderr.contains("removed"), "{}", out.stderr);
    assert_eq!(doc_graphs(&store, d).len(), 1);
}

/// `remove http_news.txt` looked for the IRI "http_news.txt".
#[test]
fn remove_takes_a_file_name_that_starts_with_http() {
    let dir = tmp();
    let d = dir.path();
    let seeds = seeds();
    let news = copy(&seeds[3], d.join("in/http_news.txt"));
    copy(&seeds[4], d.join("in/https_other.txt"));
    let store = d.join("store");
    ingest_ok(&store, &[&d.join("in")]);
    let out = lantai(["remove", "--store", s(&store), "http_news.txt"]).ok();
    assert!(out.stderr.contains("removed http_news.txt"), "{}", out.stderr);
    // an IRI still works
    let out = lantai(["remove", "--store", s(&store), &format!("{DOC_BASE}https_other.txt")]).ok();
    assert!(out.stderr.contains("removed"), "{}", out.stderr);
    assert!(doc_graphs(&store, d).is_empty());
    assert!(news.exists());
}

// ---------------------------------------------------------------- 2. the walk

/// `ln -s . a; ln -s . b` made the walk run forever; `up -> ..` read files
/// again and again. Each is a skip line now, and so is a dangling link.
#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_are_skipped_not_followed_forever() {
    use std::os::unix::fs::symlink;
    let dir = tmp();
    let d = dir.path();
    let l = d.join("l");
    let doc = copy(&seeds()[3], l.join("doc.txt"));
    copy(&doc, l.join("sub/doc2.txt"));
    symlink(".", l.join("a")).unwrap();
    symlink(".", l.join("b")).unwrap();
    symlink("..", l.join("sub/up")).unwrap();
    symlink("nowhere.txt", l.join("dangling.txt")).unwrap();
    let store = d.join("store");
    let out = lantai_within(Duration::from_secs(60), ["ingest", "--store", s(&store), s(&l)]);
    assert_eq!(out.code, 1, "{out:?}");
    for name in ["l/a:", "l/b:", "sub/up:"] {
        assert!(skip_line(&out.stderr, name).contains("loop"), "{}", out.stderr);
    }
    assert!(skip_line(&out.stderr, "dangling.txt").contains("dangling"), "{}", out.stderr);
    assert!(out.stderr.contains("ingested 2 documents"), "{}", out.stderr);
    assert_eq!(doc_graphs(&store, d).len(), 2);
}

/// A folder deeper than the system's path limit (4,096 bytes) was dropped
/// without a word.
#[cfg(unix)]
#[test]
fn a_path_longer_than_the_system_allows_gets_a_skip_line() {
    let dir = tmp();
    let d = dir.path();
    let deep = d.join("deep");
    std::fs::create_dir(&deep).unwrap();
    // made by relative steps: no single path given to the system is too long
    let name = "d".repeat(200);
    let script = format!(
        "cd '{}' && for i in $(seq 1 24); do mkdir {name} && cd -P {name} || exit 1; done && echo 档案 > f.txt",
        s(&deep)
    );
    assert!(Command::new("sh").arg("-c").arg(&script).status().unwrap().success());
    copy(&seeds()[3], deep.join("short.txt"));
    let store = d.join("store");
    let out = lantai_within(Duration::from_secs(60), ["ingest", "--store", s(&store), s(&deep)]);
    assert_eq!(out.code, 1, "{out:?}");
    let line = out.stderr.lines().find(|l| l.contains("skipped")).unwrap_or_else(|| panic!("{}", out.stderr));
    assert!(line.contains("longer than the system allows"), "{line}");
    assert_eq!(doc_graphs(&store, d).len(), 1);
}

// ---------------------------------------------------------------- 4. query

fn small_store(d: &Path) -> PathBuf {
    let store = d.join("store");
    ingest_ok(&store, &[&seeds_dir()]);
    store
}

const CROSS3: &str = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";

/// Rows come out as they are read: the first bytes of a three-way cross
/// product (billions of rows) arrive at once, in TSV and in a table (which
/// turns to TSV after its bound, and says so).
#[test]
fn query_writes_rows_as_they_come() {
    let dir = tmp();
    let d = dir.path();
    let store = small_store(d);
    let q = write(d.join("cross.rq"), CROSS3);
    for format in ["tsv", "table"] {
        let mut child: Child = bin()
            .args(["query", "--store", s(&store), "--format", format, s(&q)])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 1 << 16];
            let mut got = 0;
            while got < buf.len() {
                match stdout.read(&mut buf[got..]) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => got += n,
                }
            }
            let _ = tx.send(got);
        });
        let got = rx.recv_timeout(Duration::from_secs(30));
        let _ = child.kill();
        let _ = child.wait();
        let mut stderr = String::new();
        child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
        assert_eq!(got, Ok(1 << 16), "{format}: 64 KB of rows did not arrive within 30 s\n{stderr}");
        if format == "table" {
            assert!(stderr.contains("more than 10000 rows"), "{stderr}");
        }
    }
}

/// `--timeout` stops a query that would run for hours, with a message.
#[test]
fn query_timeout_stops_a_long_query() {
    let dir = tmp();
    let d = dir.path();
    let store = small_store(d);
    let q = write(d.join("count.rq"), "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }");
    let started = Instant::now();
    let out = lantai_within(Duration::from_secs(60), ["query", "--store", s(&store), "--timeout", "1", s(&q)]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("--timeout 1"), "{}", out.stderr);
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    // a quick query is not affected
    let out = lantai(["query", "--store", s(&store), "--timeout", "60", "documents"]).ok();
    assert!(out.stdout.contains("rows"), "{}", out.stdout);
}

#[test]
fn updates_constructs_and_the_query_list_say_what_they_are() {
    let dir = tmp();
    let d = dir.path();
    let store = small_store(d);
    let up = write(d.join("up.rq"), "INSERT DATA { <http://a> <http://b> <http://c> }");
    let out = lantai(["query", "--store", s(&store), s(&up)]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("updates are not supported here"), "{}", out.stderr);

    let c = write(d.join("c.rq"), "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3");
    let out = lantai(["query", "--store", s(&store), "--format", "json", s(&c)]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("CONSTRUCT") && out.stdout.is_empty(), "{out:?}");
    let out = lantai(["query", "--store", s(&store), "--format", "ntriples", s(&c)]).ok();
    assert_eq!(out.stdout.lines().filter(|l| l.ends_with(" .")).count(), 3, "{}", out.stdout);

    let out = lantai(["query", "--list"]).ok();
    for line in out.stdout.lines() {
        assert!(line.ends_with('?') || line.ends_with('.'), "cut mid-sentence: {line}");
    }
}

// ---------------------------------------------------------------- 5. readers and a writer

/// Many copies of the seeds in sub-folders: `n` × 5 documents.
fn many_copies(root: &Path, n: usize) -> PathBuf {
    let input = root.join("many");
    for k in 0..n {
        for f in seeds() {
            copy(&f, input.join(format!("k{k:03}")).join(f.file_name().unwrap()));
        }
    }
    input
}

/// `docs` and `query` while an ingest writes: exit 0, or a message that says
/// to run again; never "Corruption". Write commands are told who holds the lock.
#[test]
fn reads_during_an_ingest_never_report_corruption() {
    let dir = tmp();
    let d = dir.path();
    let store = d.join("store");
    ingest_ok(&store, &[&seeds_dir()]);
    let input = many_copies(d, 60);
    let q = write(d.join("count.rq"), "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }");
    let (mut overlapped, mut reads, mut locked_seen) = (0, 0, 0);
    for round in 0..3 {
        let mut ingest = bin()
            .args(["ingest", "-q", "--store", s(&store), s(&input)])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut i = 0;
        loop {
            let running = ingest.try_wait().unwrap().is_none();
            let out = match i % 3 {
                0 => lantai(["docs", "--store", s(&store)]),
                1 => lantai(["query", "--store", s(&store), "--format", "json", s(&q)]),
                _ => lantai(["entity", "--store", s(&store), "习近平"]),
            };
            reads += 1;
            let still = ingest.try_wait().unwrap().is_none();
            if running && still {
                overlapped += 1;
            }
            assert!(!out.stderr.contains("Corruption"), "round {round}, read {i}: {out:?}");
            assert!(
                out.code == 0 || out.stderr.contains("run this again"),
                "round {round}, read {i}: neither a result nor a retryable message: {out:?}"
            );
            if i % 5 == 4 && still {
                let w = lantai(["remove", "--store", s(&store), "nothing-here.txt"]);
                if ingest.try_wait().unwrap().is_none() {
                    assert_eq!(w.code, 2, "{w:?}");
                    assert!(w.stderr.contains("another lantai is writing to this store"), "{w:?}");
                    locked_seen += 1;
                }
            }
            i += 1;
            if !running {
                break;
            }
        }
        let status = ingest.wait().unwrap();
        let mut err = String::new();
        ingest.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        assert!(status.success(), "{err}");
    }
    eprintln!("reads during ingest: {reads} reads, {overlapped} while it ran, lock refusals seen: {locked_seen}");
    assert!(overlapped >= 3, "the ingest was too quick to test anything ({overlapped} overlapping reads)");
}

/// `eval --store` and read commands work while another process holds the
/// write lock; a write command names the cause.
#[test]
fn the_write_lock_is_only_needed_for_writing() {
    let dir = tmp();
    let d = dir.path();
    let store = small_store(d);
    let held = lantai::store::open(&store).expect("hold the write lock in this process");
    let gold = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/gold");
    let out = lantai(["eval", "--store", s(&store), "--gold", s(&gold), "--json"]).ok();
    serde_json::from_str::<Value>(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout));
    lantai(["docs", "--store", s(&store)]).ok();
    let out = lantai(["alias", "add", "--store", s(&store), "盛京档案馆", "沈阳市档案馆"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("another lantai is writing to this store"), "{}", out.stderr);
    drop(held);
}

// ---------------------------------------------------------------- crash safety

/// kill -9 at random moments during ingest (fresh stores and re-ingests into
/// a killed one): the store opens afterwards, and every document graph in it
/// is whole (as many quads as in a reference ingest) or absent.
#[test]
fn kill_9_during_ingest_leaves_every_graph_whole_or_absent() {
    let dir = tmp();
    let d = dir.path();
    let input = many_copies(d, 20);
    let reference = d.join("reference");
    let started = Instant::now();
    ingest_ok(&reference, &[&input]);
    let full = started.elapsed();
    let want = doc_graphs(&reference, d);
    assert_eq!(want.len(), 100);

    let mut rng = Rng::from_time();
    eprintln!("kill -9 test: seed {}, a full ingest takes {full:?}", rng.0);
    let runs = 24;
    let (mut checked, mut partial, mut killed, mut absent_runs) = (0, 0, 0, 0);
    let mut store = d.join("run-0");
    for run in 0..runs {
        if run % 4 == 0 {
            store = d.join(format!("run-{run}"));
        }
        let mut child = bin()
            .args(["ingest", "-q", "--store", s(&store), s(&input)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // one run in three in the first moments (the store being created), the others anywhere
        let span = if run % 3 == 0 { 300 } else { full.as_millis() as u64 * 11 / 10 + 1 };
        let delay = Duration::from_millis(rng.below(span));
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed += 1;
        }
        child.kill().unwrap_or(()); // SIGKILL
        let _ = child.wait();
        if !store.join("CURRENT").exists() {
            absent_runs += 1; // killed before the store existed: nothing to check
            continue;
        }
        let got = try_doc_graphs(&store, d)
            .unwrap_or_else(|o| panic!("run {run} (killed after {delay:?}): the store does not open: {o:?}"));
        for (g, n) in &got {
            checked += 1;
            let expected = want.get(g).unwrap_or_else(|| panic!("run {run}: unknown graph {g}"));
            if n != expected {
                partial += 1;
                eprintln!("run {run} (killed after {delay:?}): {g} has {n} quads, a whole graph {expected}");
            }
        }
    }
    // and the last killed store still takes a whole ingest
    ingest_ok(&store, &[&input]);
    assert_eq!(doc_graphs(&store, d), want);
    eprintln!(
        "kill -9 test: {runs} runs ({killed} killed while running, {absent_runs} before the store existed), \
         {checked} document graphs checked, {partial} partial"
    );
    assert_eq!(partial, 0);
    assert!(killed >= runs / 2, "too few runs were killed mid-ingest ({killed} of {runs})");
}

/// Copy a store folder (its files only: a store is one flat RocksDB folder
/// plus lantai's own files).
fn copy_store(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Run `args` on a fresh copy of `base`, kill -9 it after a random delay
/// within `span`, and return the copy's document graphs (the store must open).
fn killed_run(
    base: &Path,
    run_dir: &Path,
    args: &[&str],
    span: Duration,
    rng: &mut Rng,
) -> (bool, BTreeMap<String, u64>) {
    let store = run_dir.join("store");
    copy_store(base, &store);
    let mut child = bin()
        .args(args.iter().map(|a| if *a == "STORE" { s(&store) } else { a }))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(rng.below(span.as_millis() as u64 + 1)));
    let killed = child.try_wait().unwrap().is_none();
    child.kill().unwrap_or(());
    let _ = child.wait();
    let graphs =
        try_doc_graphs(&store, run_dir).unwrap_or_else(|o| panic!("the store does not open after kill -9: {o:?}"));
    (killed, graphs)
}

/// kill -9 at random moments during `remove` (of 60 documents at once) and
/// `alias add` (which rewrites nodes in every graph that names them): the
/// store opens, every document graph is whole or absent, and an alias merge
/// is all done or not begun.
#[test]
fn kill_9_during_remove_and_alias_leaves_the_store_whole() {
    let dir = tmp();
    let d = dir.path();
    let input = many_copies(d, 20);
    let base = d.join("base");
    ingest_ok(&base, &[&input]);
    let before = doc_graphs(&base, d);
    let gone: Vec<String> = before.keys().take(60).map(|g| g[DOC_BASE.len()..].to_owned()).collect();

    // references: a whole remove, a whole alias merge, and how long each takes
    let removed = d.join("removed");
    copy_store(&base, &removed);
    let t = Instant::now();
    let mut args = vec!["remove", "--store", s(&removed)];
    args.extend(gone.iter().map(String::as_str));
    lantai(&args).ok();
    let remove_time = t.elapsed();
    let after_remove = doc_graphs(&removed, d);
    assert_eq!(after_remove.len(), before.len() - 60);
    let merged = d.join("merged");
    copy_store(&base, &merged);
    let t = Instant::now();
    let out = lantai(["alias", "add", "--store", s(&merged), "沈阳体验中心", "沈阳市档案馆"]).ok();
    let alias_time = t.elapsed();
    assert!(out.stdout.contains("merged"), "the alias merged nothing, so it tests nothing: {out:?}");
    // a merge rewrites quads in place: count those that name the alias's node
    let named = |store: &Path, dir: &Path| -> u64 {
        let q = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } \
                 FILTER(?s = <https://w3id.org/lantai/id/unit/沈阳体验中心> || ?o = <https://w3id.org/lantai/id/unit/沈阳体验中心>) }";
        select(store, dir, q)[0]["n"].parse().unwrap()
    };
    let (named_before, named_after) = (named(&base, d), named(&merged, d));
    // (after the merge only the record of the merge names it)
    assert!(named_before > named_after, "{named_before} {named_after}");

    let mut rng = Rng::from_time();
    eprintln!("kill -9 remove/alias: seed {}, remove {remove_time:?}, alias {alias_time:?}", rng.0);
    let (mut runs, mut killed, mut checked, mut partial) = (0, 0, 0, 0);
    let mut rm_args = vec!["remove", "--store", "STORE"];
    rm_args.extend(gone.iter().map(String::as_str));
    for run in 0..12 {
        let (k, got) = killed_run(&base, &d.join(format!("rm-{run}")), &rm_args, remove_time * 11 / 10, &mut rng);
        runs += 1;
        killed += k as usize;
        for (g, n) in &got {
            checked += 1;
            if before.get(g) != Some(n) {
                partial += 1;
                eprintln!("remove run {run}: {g} has {n} quads, whole {:?}", before.get(g));
            }
        }
    }
    let alias_args = ["alias", "add", "--store", "STORE", "沈阳体验中心", "沈阳市档案馆"];
    for run in 0..12 {
        let run_dir = d.join(format!("alias-{run}"));
        let (k, got) = killed_run(&base, &run_dir, &alias_args, alias_time * 11 / 10, &mut rng);
        runs += 1;
        killed += k as usize;
        checked += got.len();
        let left = named(&run_dir.join("store"), &run_dir);
        if got != before || (left != named_before && left != named_after) {
            partial += 1;
            eprintln!(
                "alias run {run}: {left} quads name the merged node (before {named_before}, after {named_after})"
            );
        }
    }
    eprintln!("kill -9 remove/alias: {runs} runs ({killed} killed while running), {checked} graphs checked, {partial} partial");
    assert_eq!(partial, 0);
    assert!(runs >= 20);
}

// ---------------------------------------------------------------- 3. linear time

/// One line of `bytes` bytes of genre text (no line break at all).
fn one_line(bytes: usize) -> String {
    let text: String = seeds().iter().map(|f| std::fs::read_to_string(f).unwrap().replace(['\n', '\r'], "")).collect();
    let mut out = String::with_capacity(bytes + text.len());
    while out.len() < bytes {
        out.push_str(&text);
    }
    let mut cut = bytes;
    while !out.is_char_boundary(cut) {
        cut -= 1;
    }
    out.truncate(cut);
    out
}

/// A document of one 10 MB line takes at most ~10 times as long as a 1 MB
/// one (with room for noise: 20 times); it took the square before (1 MB
/// 3.4 s, 4 MB 48 s). Unbalanced brackets and quotes on the way do not matter.
#[test]
fn ingest_time_grows_linearly_with_document_size() {
    let dir = tmp();
    let d = dir.path();
    let mut times = Vec::new();
    for mb in [1usize, 10] {
        let mut text = one_line(mb << 20);
        text.insert_str(0, "《未闭合的书名(和括号“引号");
        let file = write(d.join(format!("in{mb}/one-line.txt")), &text);
        let store = d.join(format!("store{mb}"));
        let t = Instant::now();
        let out =
            lantai_within(Duration::from_secs(600), ["ingest", "-q", "--no-tagger", "--store", s(&store), s(&file)])
                .ok();
        times.push(t.elapsed().as_secs_f64());
        assert!(out.stderr.is_empty(), "{}", out.stderr);
    }
    let ratio = times[1] / times[0];
    eprintln!("one-line document: 1 MB {:.2} s, 10 MB {:.2} s, ratio {ratio:.1}", times[0], times[1]);
    assert!(ratio < 20.0, "10 MB took {ratio:.1} times as long as 1 MB");
}

/// Empty, binary and invalid-UTF-8 files among good ones: each named and
/// skipped, the good one lands, exit 1.
#[test]
fn empty_binary_and_undecodable_files_are_named_and_skipped() {
    let dir = tmp();
    let d = dir.path();
    let input = d.join("in");
    copy(&seeds()[0], input.join("good.txt"));
    write(input.join("empty.txt"), "");
    write(input.join("blank.txt"), "  \n\t\n");
    write(input.join("binary.txt"), [0u8, 159, 146, 150, 0, 0, 7, 255, 0, 1].repeat(50));
    let mut bad = "档案馆".as_bytes().to_vec();
    bad.extend([0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x82, 0xFF, 0xFE, 0x80].repeat(40));
    write(input.join("invalid.txt"), bad);
    let store = d.join("store");
    let out = lantai(["ingest", "--store", s(&store), s(&input)]);
    assert_eq!(out.code, 1, "{out:?}");
    for f in ["empty.txt", "blank.txt", "binary.txt"] {
        skip_line(&out.stderr, f);
    }
    let graphs = doc_graphs(&store, d);
    assert!(graphs.contains_key(&format!("{DOC_BASE}good.txt")), "{graphs:?}");
    // invalid UTF-8 is either read as another encoding (GB18030 takes most bytes) or skipped by name
    let read_invalid = graphs.contains_key(&format!("{DOC_BASE}invalid.txt"));
    assert!(read_invalid || out.stderr.contains("invalid.txt"), "{out:?}");
}

/// A file the user may not read is skipped by name (run as `nobody`, since
/// root reads everything; skipped when the machine has no such user).
#[test]
fn unreadable_files_are_skipped_by_name() {
    if !Path::new("/usr/sbin/runuser").exists() || !is_root() {
        eprintln!("not root or no runuser: the unreadable-file case cannot be made here");
        return;
    }
    let dir = tmp();
    let d = dir.path();
    let input = d.join("in");
    copy(&seeds()[0], input.join("good.txt"));
    let secret = copy(&seeds()[1], input.join("secret.txt"));
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o000)).unwrap();
    for p in [d, input.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o777)).unwrap();
    }
    std::fs::set_permissions(input.join("good.txt"), std::fs::Permissions::from_mode(0o644)).unwrap();
    let store = d.join("store");
    // the build folder may be in root's home, which nobody cannot enter
    let exe = d.join("lantai");
    std::fs::copy(env!("CARGO_BIN_EXE_lantai"), &exe).unwrap();
    std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = Command::new("/usr/sbin/runuser")
        .args(["-u", "nobody", "--", s(&exe), "ingest", "--store", s(&store), s(&input)])
        .output()
        .unwrap();
    let out = to_out(o);
    assert_eq!(out.code, 1, "{out:?}");
    let line = skip_line(&out.stderr, "secret.txt");
    assert!(line.to_lowercase().contains("permission"), "{line}");
    assert!(doc_graphs(&store, d).contains_key(&format!("{DOC_BASE}good.txt")));
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

// ---------------------------------------------------------------- 8, 9. smaller ones

/// UTF-16 without a byte-order mark was "binary".
#[test]
fn utf16_without_bom_is_read() {
    let dir = tmp();
    let d = dir.path();
    let seed = &seeds()[3];
    let text = std::fs::read_to_string(seed).unwrap();
    let units: Vec<u16> = text.encode_utf16().collect();
    write(d.join("in/le.txt"), units.iter().flat_map(|u| u.to_le_bytes()).collect::<Vec<u8>>());
    write(d.join("in/be.txt"), units.iter().flat_map(|u| u.to_be_bytes()).collect::<Vec<u8>>());
    copy(seed, d.join("in/utf8.txt"));
    let store = d.join("store");
    ingest_ok(&store, &[&d.join("in")]);
    let graphs = doc_graphs(&store, d);
    let n = |f: &str| graphs[&format!("{DOC_BASE}{f}")];
    assert_eq!((n("le.txt"), n("be.txt")), (n("utf8.txt"), n("utf8.txt")), "{graphs:?}");
}

/// A missing path made an empty store; a folder of the user's files got
/// RocksDB's files among them; an unwritable --stats-json failed after the
/// documents were committed.
#[test]
fn bad_ingest_arguments_fail_before_anything_is_written() {
    let dir = tmp();
    let d = dir.path();
    let store = d.join("store");
    let out = lantai(["ingest", "--store", s(&store), s(&d.join("nothing-here"))]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("nothing-here") && out.stderr.contains("no such file or folder"), "{}", out.stderr);
    assert!(!store.exists(), "a store was created for nothing");

    let mine = d.join("mine");
    write(mine.join("notes.doc"), "my notes");
    let out = lantai(["ingest", "--store", s(&mine), s(&seeds()[3])]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("not a lantai store"), "{}", out.stderr);
    let left: Vec<_> = std::fs::read_dir(&mine).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![OsString::from("notes.doc")]);

    let stats = d.join("no-such-folder/stats.json");
    let out = lantai(["ingest", "--store", s(&store), "--stats-json", s(&stats), s(&seeds()[3])]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("stats.json"), "{}", out.stderr);
    assert!(!store.exists(), "documents were committed before the --stats-json check");
}

/// `--threads 20000` ran out of memory; it is capped, and says so.
#[test]
fn absurd_thread_counts_are_capped() {
    let dir = tmp();
    let store = dir.path().join("store");
    let out = lantai_within(
        Duration::from_secs(120),
        ["ingest", "-q", "--threads", "20000", "--store", s(&store), s(&seeds_dir())],
    )
    .ok();
    assert!(out.stderr.contains("--threads 20000") && out.stderr.contains("using"), "{}", out.stderr);
}

/// `export -o` errors named the hidden temporary file.
#[test]
fn export_errors_name_the_file_asked_for() {
    let dir = tmp();
    let d = dir.path();
    let store = small_store(d);
    let target = d.join("no-such-folder/out.ttl");
    let out = lantai(["export", "--store", s(&store), "-o", s(&target)]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains(s(&target)) && !out.stderr.contains("lantai-tmp"), "{}", out.stderr);
}

/// The README's example: an alias that names no node yet is recorded and
/// `entity` finds the canonical node by it.
#[test]
fn the_readme_alias_example_works() {
    let dir = tmp();
    let d = dir.path();
    let store = small_store(d);
    let out = lantai(["alias", "add", "--store", s(&store), "盛京档案馆", "沈阳市档案馆"]).ok();
    assert!(out.stdout.contains("盛京档案馆"), "{}", out.stdout);
    let out = lantai(["entity", "--store", s(&store), "盛京档案馆"]).ok();
    assert!(out.stdout.starts_with("沈阳市档案馆"), "{}", out.stdout);
}

/// Every argument and option of every command says what it is for.
#[test]
fn every_argument_has_help() {
    let commands: &[&[&str]] = &[
        &["ingest"],
        &["remove"],
        &["query"],
        &["export"],
        &["docs"],
        &["entity"],
        &["eval"],
        &["links"],
        &["related"],
        &["neighbours"],
        &["alias", "add"],
        &["alias", "list"],
        &["alias", "relink"],
    ];
    let mut missing = Vec::new();
    for cmd in commands {
        let out = lantai(cmd.iter().copied().chain(["-h"])).ok();
        let lines: Vec<&str> = out.stdout.lines().collect();
        let mut in_list = false;
        for (i, line) in lines.iter().enumerate() {
            if line.ends_with(':') && !line.starts_with(' ') {
                in_list = *line == "Arguments:" || *line == "Options:";
                continue;
            }
            let entry = line.trim_start();
            let indent = line.len() - entry.len();
            if !in_list || !(entry.starts_with('-') || entry.starts_with('<') || entry.starts_with('[')) || indent > 6 {
                continue;
            }
            let same_line = entry.split_once("  ").is_some_and(|(_, rest)| !rest.trim().is_empty());
            let next_line = lines.get(i + 1).is_some_and(|n| {
                let t = n.trim_start();
                n.len() - t.len() > indent + 2 && !t.is_empty()
            });
            if !same_line && !next_line {
                missing.push(format!("{}: {entry}", cmd.join(" ")));
            }
        }
    }
    assert!(missing.is_empty(), "arguments without help:\n{}", missing.join("\n"));
}

// ---------------------------------------------------------------- properties

mod properties {
    use proptest::prelude::*;

    /// Bytes that are sometimes text: arbitrary bytes, Chinese text in
    /// UTF-8, GB18030 or UTF-16 (with and without a byte-order mark), and
    /// text with arbitrary bytes spliced in.
    fn input() -> impl Strategy<Value = Vec<u8>> {
        let text = "[\\u{4e00}-\\u{9fa5}，。、：；“”（）0-9a-zA-Z \\n\\r\\t\\u{3000}\\u{a0}\\u{feff}\\u{200b}]{0,200}";
        prop_oneof![
            prop::collection::vec(any::<u8>(), 0..600),
            text.prop_map(|t: String| t.into_bytes()),
            text.prop_map(|t: String| encoding_rs::GB18030.encode(&t).0.into_owned()),
            (text, any::<bool>(), any::<bool>()).prop_map(|(t, le, bom): (String, bool, bool)| {
                let mut out = Vec::new();
                if bom {
                    out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
                }
                for u in t.encode_utf16() {
                    out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
                }
                out
            }),
            (text, prop::collection::vec(any::<u8>(), 0..20), any::<prop::sample::Index>()).prop_map(
                |(t, junk, at): (String, Vec<u8>, prop::sample::Index)| {
                    let mut b = t.into_bytes();
                    let i = at.index(b.len() + 1);
                    b.splice(i..i, junk);
                    b
                }
            ),
        ]
    }

    proptest! {
        // a few seconds in all
        #![proptest_config(ProptestConfig { cases: 400, max_shrink_iters: 200, ..ProptestConfig::default() })]

        /// Decoding never panics and never invents text; normalisation never
        /// panics, and every sentence span lies inside the text on character
        /// boundaries, in order.
        #[test]
        fn decoding_and_normalising_arbitrary_bytes(bytes in input()) {
            let Ok(decoded) = lantai::document::decode(&bytes) else { return Ok(()) };
            prop_assert!(!decoded.text.trim().is_empty());
            prop_assert!(!decoded.text.contains('\0'));
            let invented = decoded.encoding == "UTF-8"
                && decoded.text.contains(char::REPLACEMENT_CHARACTER)
                && !String::from_utf8_lossy(&bytes).contains(char::REPLACEMENT_CHARACTER);
            prop_assert!(!invented, "a replacement character appeared");
            let n = lantai::normalize::normalize(&decoded.text);
            prop_assert!(std::str::from_utf8(n.text.as_bytes()).is_ok());
            let mut last = 0;
            for s in &n.sentences {
                prop_assert!(s.start <= s.end && s.end <= n.text.len(), "{:?} in {} bytes", s, n.text.len());
                prop_assert!(n.text.is_char_boundary(s.start) && n.text.is_char_boundary(s.end));
                prop_assert!(s.start >= last, "sentences out of order");
                last = s.end;
                let _ = n.original_form(s.start..s.end);
            }
            let html = lantai::document::strip_html(&decoded.text);
            let _ = lantai::normalize::normalize(&html);
        }
    }
}
