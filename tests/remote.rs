//! lantai against real SPARQL servers, started here on loopback and stopped
//! after: Oxigraph server (PyPI `oxigraph`, which ships its binary) and
//! Virtuoso Open Source (Debian `virtuoso-opensource`, `virtuoso-t` run in
//! the foreground with a config in a temp dir). `.ci/run` installs both; a
//! server that is missing fails its test loudly, never skips it.
//!
//! The 35 sample documents go in through `lantai ingest --endpoint`; every
//! shipped query must then give the same rows as the embedded store
//! (compared as multisets), with and without its parameters; a changed
//! document re-ingested replaces its graph; a server that goes away mid-batch
//! gives named per-document failures and a non-zero exit.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The 35 annotated documents (the .txt files of the seeds and dev folders).
fn sample_docs(dir: &Path) -> PathBuf {
    let docs = dir.join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for sub in ["corpus/seeds", "corpus/dev"] {
        for e in std::fs::read_dir(manifest().join(sub)).unwrap() {
            let p = e.unwrap().path();
            if p.extension() == Some(OsStr::new("txt")) {
                std::fs::copy(&p, docs.join(p.file_name().unwrap())).unwrap();
            }
        }
    }
    docs
}

#[derive(Debug)]
struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn lantai<I, S>(args: I) -> Out
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let o = Command::new(env!("CARGO_BIN_EXE_lantai"))
        .args(args)
        .env_remove("LANTAI_STORE")
        .env_remove("LANTAI_USER")
        .env_remove("LANTAI_PASSWORD")
        .output()
        .expect("run lantai");
    Out {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn ok(out: Out) -> Out {
    assert_eq!(out.code, 0, "stdout:\n{}\nstderr:\n{}", out.stdout, out.stderr);
    out
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

fn wait_for_port(port: u16, child: &mut Child, what: &str, log: &Path) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(120) {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited ({status}) before answering:\n{}", std::fs::read_to_string(log).unwrap_or_default());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what} did not answer on port {port} in 120 s:\n{}", std::fs::read_to_string(log).unwrap_or_default());
}

/// A server process, killed when dropped.
struct Server {
    child: Child,
    /// lantai's --endpoint and friends for it.
    args: Vec<String>,
    query_url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A program on PATH, or a loud failure saying how to install it.
fn program(name: &str, install: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| panic!("`{name}` is not installed: {install} (.ci/run does this)"))
}

fn oxigraph_server(dir: &Path) -> Server {
    let bin = program("oxigraph", "pip install oxigraph");
    let port = free_port();
    let log = dir.join("oxigraph.log");
    let mut child = Command::new(bin)
        .args(["serve", "--location", s(&dir.join("oxigraph-data")), "--union-default-graph"])
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .expect("start oxigraph");
    wait_for_port(port, &mut child, "oxigraph serve", &log);
    let base = format!("http://127.0.0.1:{port}");
    Server {
        child,
        args: vec![
            "--endpoint".into(),
            format!("{base}/query"),
            "--update-endpoint".into(),
            format!("{base}/update"),
            "--graph-store".into(),
            format!("{base}/store"),
        ],
        query_url: format!("{base}/query"),
    }
}

fn shipped_queries() -> Vec<String> {
    let out = ok(lantai(["query", "--list"]));
    out.stdout.lines().filter_map(|l| l.split_whitespace().next()).map(str::to_owned).collect()
}

/// A query's rows as `var=value` cells, sorted (a multiset). A cell that is
/// a GROUP_CONCAT list ("a; b") has its items sorted: SPARQL leaves their
/// order to the server, and Virtuoso's differs from Oxigraph's.
fn rows(mut args: Vec<String>) -> Vec<String> {
    args.extend(["--format".into(), "json".into()]);
    let out = ok(lantai(&args));
    let v: serde_json::Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", out.stdout));
    let vars: Vec<String> =
        v["head"]["vars"].as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_owned()).collect();
    let mut rows: Vec<String> = v["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            vars.iter()
                .map(|var| {
                    let value = b[var.as_str()]["value"].as_str().unwrap_or("");
                    let mut items: Vec<&str> = value.split("; ").collect();
                    items.sort();
                    format!("{var}={}", items.join("; "))
                })
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect();
    rows.sort();
    rows.insert(0, vars.join(","));
    rows
}

/// Parameters worth trying per query: a value that occurs in the sample.
fn params_for(name: &str) -> Vec<&'static str> {
    match name {
        "unit-subunits" => vec!["unit=中共湖南省委党史研究室"],
        "people-posts" | "people-across-docs" => vec!["person=张志红"],
        "unit-profile" => vec!["name=沈陽市檔案館"],
        "docs-mentioning" => vec!["name=沈阳市档案馆"],
        _ => vec![],
    }
}

/// Every shipped query, with and without its parameters, gives the same rows
/// on the server as on the embedded store.
fn same_answers(store: &Path, server: &Server) -> BTreeMap<String, usize> {
    let mut sizes = BTreeMap::new();
    for q in shipped_queries() {
        let mut runs: Vec<Vec<String>> = vec![vec![]];
        runs.extend(params_for(&q).into_iter().map(|p| vec!["--param".to_owned(), p.to_owned()]));
        for extra in runs {
            let mut embedded = vec!["query".to_owned(), "--store".into(), s(store).into(), q.clone()];
            embedded.extend(extra.iter().cloned());
            let mut remote = vec!["query".to_owned(), "--endpoint".into(), server.query_url.clone(), q.clone()];
            remote.extend(extra.iter().cloned());
            let (want, got) = (rows(embedded), rows(remote));
            assert!(want.len() > 1 || !extra.is_empty(), "{q}: no rows on the embedded store");
            if want != got {
                let missing: Vec<_> = want.iter().filter(|r| !got.contains(r)).take(5).collect();
                let extra_rows: Vec<_> = got.iter().filter(|r| !want.contains(r)).take(5).collect();
                panic!(
                    "{q} {extra:?}: {} rows embedded, {} served\nmissing: {missing:#?}\nextra: {extra_rows:#?}",
                    want.len() - 1,
                    got.len() - 1
                );
            }
            sizes.insert(format!("{q} {}", extra.join(" ")).trim().to_owned(), want.len() - 1);
        }
    }
    sizes
}

/// The quads of one graph on the server, through `lantai query --endpoint`.
fn graph_labels(server: &Server, dir: &Path, graph: &str) -> Vec<String> {
    let q = dir.join("labels.rq");
    std::fs::write(
        &q,
        format!(
            "SELECT ?l WHERE {{ GRAPH <{graph}> {{ ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }} ORDER BY ?l"
        ),
    )
    .unwrap();
    rows(vec!["query".into(), "--endpoint".into(), server.query_url.clone(), s(&q).into()])
}

/// Ingest the 35 documents into the server, compare every shipped query with
/// the embedded store, then re-ingest a changed document.
fn takes_the_graphs_and_gives_the_same_answers(server: &Server, d: &Path) {
    let docs = sample_docs(d);
    let store = d.join("store");
    ok(lantai(["ingest", "-q", "--store", s(&store), s(&docs)]));

    let mut args: Vec<String> = vec!["ingest".into()];
    args.extend(server.args.iter().cloned());
    args.push(s(&docs).into());
    let out = ok(lantai(&args));
    assert!(out.stderr.contains("sent 35 documents"), "{}", out.stderr);
    let sizes = same_answers(&store, server);
    assert!(sizes.len() >= 13, "{sizes:?}");

    // a changed document, re-ingested, replaces exactly its graph
    let one = d.join("one");
    std::fs::create_dir_all(&one).unwrap();
    let file = one.join("会议 #1.txt");
    std::fs::write(&file, "2021年3月5日，沈阳市档案馆举办红色档案展览。馆长王晓东出席。\n").unwrap();
    let mut args: Vec<String> = vec!["ingest".into(), "-q".into()];
    args.extend(server.args.iter().cloned());
    args.push(s(&file).into());
    ok(lantai(&args));
    let graph = "https://w3id.org/lantai/doc/会议%20%231.txt";
    let before = graph_labels(server, d, graph);
    assert!(before.iter().any(|l| l.contains("王晓东")), "{before:?}");
    std::fs::write(&file, "2022年4月1日，沈阳市档案馆举办档案文化讲座。馆长李红梅出席。\n").unwrap();
    ok(lantai(&args));
    let after = graph_labels(server, d, graph);
    assert!(after.iter().any(|l| l.contains("李红梅")), "{after:?}");
    assert!(!after.iter().any(|l| l.contains("王晓东")), "the old graph stayed: {after:?}");
    // one more document, the others untouched
    assert_eq!(same_answers_count(server, "documents"), 36);
}

#[test]
fn oxigraph_server_takes_the_graphs_and_gives_the_same_answers() {
    let dir = tempfile::tempdir().unwrap();
    let server = oxigraph_server(dir.path());
    takes_the_graphs_and_gives_the_same_answers(&server, dir.path());
}

#[test]
fn virtuoso_takes_the_graphs_and_gives_the_same_answers() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = d.join("virtuoso");
    let (server, _) = virtuoso_server(&db, 1_000_000);
    takes_the_graphs_and_gives_the_same_answers(&server, d);
    drop(server);

    // the same database behind a server that cuts results: reported, exit 1
    let (server, _) = virtuoso_server(&db, 100);
    let out = lantai(["query", "--endpoint", &server.query_url, "cooccurrence-network", "--format", "csv"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("cut the results at 100 rows"), "{}", out.stderr);
    // a small answer is not cut and says nothing
    let out = ok(lantai(["query", "--endpoint", &server.query_url, "documents", "--format", "csv"]));
    assert!(out.stderr.is_empty(), "{}", out.stderr);

    // a wrong password is refused by name, nothing sent
    let mut args: Vec<String> = vec!["ingest".into()];
    args.extend(server.args.iter().cloned());
    *args.last_mut().unwrap() = "wrong".into(); // the password
    args.push(s(&manifest().join("corpus/seeds")).into());
    let out = lantai(&args);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("user dba was refused"), "{}", out.stderr);
}

/// Virtuoso on loopback with its database in `db` (created on first start,
/// with the user dba, password dba), results cut at `max_rows`.
fn virtuoso_server(db: &Path, max_rows: usize) -> (Server, PathBuf) {
    let bin = program("virtuoso-t", "apt-get install virtuoso-opensource");
    std::fs::create_dir_all(db).unwrap();
    let (isql_port, http_port) = (free_port(), free_port());
    let ini = db.join("virtuoso.ini");
    std::fs::write(&ini, virtuoso_ini(db, isql_port, http_port, max_rows)).unwrap();
    let log = db.join("stdout.log");
    let mut child = Command::new(bin)
        .args(["+foreground", "+configfile", s(&ini)])
        .current_dir(db)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(Stdio::null())
        .spawn()
        .expect("start virtuoso-t");
    wait_for_port(http_port, &mut child, "virtuoso-t", &log);
    let base = format!("http://127.0.0.1:{http_port}");
    // the HTTP port answers before the SQL side is up: wait for a real answer
    let started = Instant::now();
    while !http_ok(http_port, "/sparql?query=ASK%7B%7D") {
        assert!(started.elapsed() < Duration::from_secs(120), "virtuoso-t never answered a query");
        std::thread::sleep(Duration::from_millis(100));
    }
    let server = Server {
        child,
        args: vec![
            "--endpoint".into(),
            format!("{base}/sparql"),
            "--update-endpoint".into(),
            format!("{base}/sparql-auth"),
            "--graph-store".into(),
            format!("{base}/sparql-graph-crud-auth"),
            "--user".into(),
            "dba".into(),
            "--password".into(),
            "dba".into(),
        ],
        query_url: format!("{base}/sparql"),
    };
    (server, ini)
}

/// A GET on loopback that answers 200.
fn http_ok(port: u16, path: &str) -> bool {
    use std::io::Read;
    let Ok(mut c) = TcpStream::connect(("127.0.0.1", port)) else { return false };
    let _ = c.set_read_timeout(Some(Duration::from_secs(5)));
    if write!(c, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").is_err() {
        return false;
    }
    let mut head = [0u8; 12];
    c.read_exact(&mut head).is_ok() && head.starts_with(b"HTTP/1.") && &head[9..12] == b"200"
}

/// The packaged virtuoso.ini with its files in `db`, loopback ports, and the
/// result cut and time limit set (a line editor: the file repeats some keys).
fn virtuoso_ini(db: &Path, isql_port: u16, http_port: u16, max_rows: usize) -> String {
    let packaged = std::fs::read_to_string("/etc/virtuoso-opensource-7/virtuoso.ini")
        .expect("/etc/virtuoso-opensource-7/virtuoso.ini (apt-get install virtuoso-opensource)");
    let d = s(db);
    let http = format!("127.0.0.1:{http_port}");
    let changes: Vec<(&str, &str, String)> = vec![
        ("Database", "DatabaseFile", format!("{d}/virtuoso.db")),
        ("Database", "ErrorLogFile", format!("{d}/virtuoso.log")),
        ("Database", "LockFile", format!("{d}/virtuoso.lck")),
        ("Database", "TransactionFile", format!("{d}/virtuoso.trx")),
        ("Database", "xa_persistent_file", format!("{d}/virtuoso.pxa")),
        ("TempDatabase", "DatabaseFile", format!("{d}/virtuoso-temp.db")),
        ("TempDatabase", "TransactionFile", format!("{d}/virtuoso-temp.trx")),
        ("Parameters", "ServerPort", format!("127.0.0.1:{isql_port}")),
        ("Parameters", "DirsAllowed", format!("., {d}, /usr/share/virtuoso-opensource-7/vad")),
        ("HTTPServer", "ServerPort", http.clone()),
        ("URIQA", "DefaultHost", http),
        ("SPARQL", "ResultSetMaxRows", max_rows.to_string()),
        ("SPARQL", "MaxQueryExecutionTime", "120".into()),
        // a stock install refuses a query whose *estimated* cost is over 400 s
        ("SPARQL", "MaxQueryCostEstimationTime", "100000".into()),
    ];
    let mut section = String::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut out = String::new();
    for line in packaged.lines() {
        let t = line.trim();
        if let Some(name) = t.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            section = name.to_owned();
        }
        let key = t.split('=').next().unwrap_or("").trim();
        match changes.iter().find(|(sec, k, _)| *sec == section && *k == key && t.contains('=') && !t.starts_with(';'))
        {
            Some((sec, k, v)) => {
                out.push_str(&format!("{k} = {v}\n"));
                seen.insert((*sec, *k));
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    let missing: Vec<_> = changes.iter().filter(|(sec, k, _)| !seen.contains(&(*sec, *k))).collect();
    assert!(missing.is_empty(), "keys not in the packaged virtuoso.ini: {missing:?}");
    out
}

fn same_answers_count(server: &Server, query: &str) -> usize {
    rows(vec!["query".into(), "--endpoint".into(), server.query_url.clone(), query.into()]).len() - 1
}

/// A server that goes away mid-batch: the documents not sent are named,
/// each with the reason, the exit code is 1, and nothing hangs.
#[test]
fn a_server_that_goes_away_gives_named_failures() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // enough documents that the batch is still running when the server stops
    let docs = d.join("many");
    std::fs::create_dir_all(&docs).unwrap();
    let sample = sample_docs(d);
    let files: Vec<PathBuf> = std::fs::read_dir(&sample).unwrap().map(|e| e.unwrap().path()).collect();
    for i in 0..20 {
        for f in &files {
            std::fs::copy(f, docs.join(format!("{i:02}-{}", f.file_name().unwrap().to_string_lossy()))).unwrap();
        }
    }
    let mut server = oxigraph_server(d);
    let mut args: Vec<String> = vec!["ingest".into(), "--jobs".into(), "1".into()];
    args.extend(server.args.iter().cloned());
    args.push(s(&docs).into());
    let child = Command::new(env!("CARGO_BIN_EXE_lantai"))
        .args(&args)
        .env_remove("LANTAI_USER")
        .env_remove("LANTAI_PASSWORD")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    let started = Instant::now();
    let o = child.wait_with_output().unwrap();
    assert!(started.elapsed() < Duration::from_secs(120), "ingest hung after the server went away");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    let failed: Vec<&str> = stderr.lines().filter(|l| l.contains(": skipped: ")).collect();
    assert!(!failed.is_empty(), "no document named as failed:\n{stderr}");
    assert!(failed.iter().all(|l| l.contains(".txt: skipped: http://127.0.0.1:")), "{failed:#?}");
    let sent: usize = stderr
        .lines()
        .find_map(|l| l.strip_prefix("sent ").and_then(|r| r.split_whitespace().next()).and_then(|n| n.parse().ok()))
        .unwrap_or_else(|| panic!("no summary:\n{stderr}"));
    assert_eq!(sent + failed.len(), files.len() * 20, "every document sent or named:\n{stderr}");
    eprintln!("{sent} documents sent before the server went away, {} named as not sent", failed.len());
    let _ = std::io::stderr().flush();
}

/// No server at all: the ontology graph cannot go, nothing is sent, exit 2
/// with the URL in the message.
#[test]
fn no_server_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}/store");
    let out = lantai(["ingest", "--endpoint", &url, s(&manifest().join("corpus/seeds"))]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains(&url), "{}", out.stderr);
    let out = lantai(["query", "--endpoint", &url, "documents"]);
    assert_eq!(out.code, 2, "{out:?}");
    drop(dir);
}
