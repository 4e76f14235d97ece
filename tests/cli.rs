//! End-to-end tests of the `lantai` binary: every test runs the real
//! executable on real files (the seed corpus, encoded copies of it, and small
//! hand-written documents under tests/fixtures/docs/) in its own temporary
//! folder, and checks what the store holds through `lantai query` with SPARQL
//! files written next to it, through exports parsed by an independent parser
//! (rio_turtle), and through the other commands' output and exit codes
//! (0 ok, 1 some input skipped or a threshold missed, 2 fatal).

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;
use tempfile::TempDir;

/// Regression floor for the micro-averaged entity F1 of `lantai eval` on the
/// seed corpus. Raise it as the extraction rules improve.
/// (0.93 -> 0.92 and Person 0.98 -> 0.94 when the statistical tagger came in:
/// it reads three place words of the seeds as names (`沈水涌`, `姚公潭`) while
/// Person F1 on all 35 documents rose from 0.85 to 0.977; the floors on the
/// 35 documents, tests/tagger_and_rules.rs, are the ones that only rise.)
const FLOOR: f64 = 0.92;
/// Floors for the per-type entity F1 of people and publications.
const PERSON_FLOOR: f64 = 0.94;
const PUBLICATION_FLOOR: f64 = 0.97;
const RELATION_FLOOR: f64 = 0.846;

const DOC_000: &str = "000_898066f861da9bfc.txt";
const DOC_001: &str = "001_b613e002a63f7255.txt";
const DOC_002: &str = "002_19b7b8be5864d3ee.txt";
const DOC_003: &str = "003_fb0662294ac0928b.txt";
const DOC_004: &str = "004_7b942b3a06f0b9cf.txt";
const SEEDS: [&str; 5] = [DOC_000, DOC_001, DOC_002, DOC_003, DOC_004];

const ONTOLOGY_GRAPH: &str = "https://w3id.org/lantai/ontology";
const DOC_BASE: &str = "https://w3id.org/lantai/doc/";

const PREFIXES: &str = "PREFIX lt: <https://w3id.org/lantai/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
";

// ---------------------------------------------------------------- helpers

/// What one run of the binary gave.
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

/// Run `lantai ARGS…` (no LANTAI_STORE from the environment) and capture everything.
fn lantai<I, S>(args: I) -> Out
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let o =
        Command::new(env!("CARGO_BIN_EXE_lantai")).args(args).env_remove("LANTAI_STORE").output().expect("run lantai");
    Out {
        code: o.status.code().expect("exit code (not killed by a signal)"),
        stdout: String::from_utf8(o.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(o.stderr).expect("stderr is UTF-8"),
    }
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds_dir() -> PathBuf {
    manifest().join("corpus/seeds")
}

fn seed(name: &str) -> PathBuf {
    seeds_dir().join(name)
}

fn fixtures(sub: &str) -> PathBuf {
    manifest().join("tests/fixtures/docs").join(sub)
}

fn tmp() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Write a file (creating its folder) and return its path.
fn write(path: impl AsRef<Path>, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = path.as_ref();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(path, bytes).unwrap();
    path.to_owned()
}

/// Ingest paths into `dir/store` (quietly); asserts exit 0.
fn ingest(dir: &Path, paths: &[&Path]) -> PathBuf {
    let store = dir.join("store");
    let mut args: Vec<&OsStr> = vec!["ingest".as_ref(), "-q".as_ref(), "--store".as_ref(), store.as_os_str()];
    args.extend(paths.iter().map(|p| p.as_os_str()));
    lantai(&args).ok();
    store
}

fn ingest_corpus(dir: &Path) -> PathBuf {
    ingest(dir, &[&seeds_dir()])
}

/// Run a SPARQL text (written to a .rq file in `dir`) and return the JSON results.
fn sparql_json(store: &Path, dir: &Path, text: &str) -> Value {
    let n = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    let file = write(dir.join(format!("q{n}.rq")), format!("{PREFIXES}{text}"));
    let out = lantai([
        OsStr::new("query"),
        "--store".as_ref(),
        store.as_os_str(),
        file.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ])
    .ok();
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("query output is not JSON ({e}):\n{}", out.stdout))
}

/// Rows of a SELECT as variable → value (unbound variables absent).
fn select(store: &Path, dir: &Path, text: &str) -> Vec<BTreeMap<String, String>> {
    let v = sparql_json(store, dir, text);
    v["results"]["bindings"]
        .as_array()
        .expect("SELECT results")
        .iter()
        .map(|b| {
            b.as_object().unwrap().iter().map(|(k, t)| (k.clone(), t["value"].as_str().unwrap().to_owned())).collect()
        })
        .collect()
}

fn ask(store: &Path, dir: &Path, text: &str) -> bool {
    sparql_json(store, dir, text)["boolean"].as_bool().expect("ASK result")
}

/// One integer from a `SELECT (COUNT(…) AS ?n)` query.
fn count(store: &Path, dir: &Path, text: &str) -> u64 {
    let rows = select(store, dir, text);
    assert_eq!(rows.len(), 1, "{text}");
    rows[0]["n"].parse().unwrap()
}

/// Quads in every graph, the ontology's included.
fn all_quads(store: &Path, dir: &Path) -> u64 {
    count(store, dir, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
}

/// Quads in the document graphs (the ontology graph left out).
fn doc_quads(store: &Path, dir: &Path) -> u64 {
    count(
        store,
        dir,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{ONTOLOGY_GRAPH}>) }}"),
    )
}

/// Quads per graph.
fn quads_per_graph(store: &Path, dir: &Path) -> BTreeMap<String, u64> {
    select(store, dir, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        .into_iter()
        .map(|r| (r["g"].clone(), r["n"].parse().unwrap()))
        .collect()
}

fn doc_iri(file: &str) -> String {
    format!("{DOC_BASE}{file}")
}

/// `lantai export --format nquads --graph FILE`, lines sorted.
fn sorted_nquads(store: &Path, file: &str) -> Vec<String> {
    let out = lantai([
        OsStr::new("export"),
        "--store".as_ref(),
        store.as_os_str(),
        "--format".as_ref(),
        "nquads".as_ref(),
        "--graph".as_ref(),
        file.as_ref(),
    ])
    .ok();
    let mut lines: Vec<String> = out.stdout.lines().map(str::to_owned).collect();
    lines.sort();
    lines
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

// ---------------------------------------------------------------- 1. ingest

#[test]
fn ingest_corpus_states_posts_shared_publication_sources_and_ontology() {
    let dir = tmp();
    let store = ingest_corpus(dir.path());
    let d = dir.path();

    // 朱浩 holds 主任 at 桃源县史志办(公室): the office is named in full
    let rows = select(
        &store,
        d,
        "SELECT ?m ?g WHERE { GRAPH ?g { ?m a org:Membership ; org:member ?p ; org:organization ?u ; lt:post \"主任\" ; lt:evidence ?ev } \
         ?p a lt:Person ; rdfs:label \"朱浩\" . ?u a lt:Unit ; rdfs:label \"桃源县史志办公室\" }",
    );
    assert!(!rows.is_empty(), "no org:Membership 朱浩 主任 桃源县史志办公室");
    assert!(rows.iter().all(|r| r["g"] == doc_iri(DOC_002)), "{rows:?}");

    // 中国档案报: one node, a Publication, in three document graphs
    let nodes = select(&store, d, "SELECT DISTINCT ?x WHERE { ?x rdfs:label \"中国档案报\" }");
    assert_eq!(nodes.len(), 1, "中国档案报 should be one node: {nodes:?}");
    let graphs: BTreeSet<String> =
        select(&store, d, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?x a lt:Publication ; rdfs:label \"中国档案报\" } }")
            .into_iter()
            .map(|r| r["g"].clone())
            .collect();
    let want: BTreeSet<String> = [DOC_001, DOC_003, DOC_004].iter().map(|f| doc_iri(f)).collect();
    assert_eq!(graphs, want);

    // every document graph has lt:sourceFile, equal to the file name in its IRI
    let rows = select(
        &store,
        d,
        &format!("SELECT ?g ?f WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{ONTOLOGY_GRAPH}>) OPTIONAL {{ GRAPH ?g {{ ?g lt:sourceFile ?f }} }} }} GROUP BY ?g ?f"),
    );
    assert_eq!(rows.len(), 5, "{rows:?}");
    for r in &rows {
        let f = r.get("f").unwrap_or_else(|| panic!("graph {} has no lt:sourceFile", r["g"]));
        assert_eq!(r["g"], doc_iri(f));
    }
    let files: BTreeSet<&str> = rows.iter().map(|r| r["f"].as_str()).collect();
    assert_eq!(files, SEEDS.into_iter().collect());

    // the ontology is loaded in its own graph
    assert!(ask(
        &store,
        d,
        &format!("ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ lt:Unit rdfs:subClassOf org:Organization }} }}")
    ));
}

// ---------------------------------------------------------------- 2. idempotence

#[test]
fn reingest_leaves_quad_count_unchanged() {
    let dir = tmp();
    let store = ingest_corpus(dir.path());
    let before = quads_per_graph(&store, dir.path());
    ingest_corpus(dir.path());
    let after = quads_per_graph(&store, dir.path());
    let changed: Vec<(&String, u64, u64)> = after
        .iter()
        .filter(|(g, n)| before.get(*g) != Some(n))
        .map(|(g, n)| (g, before.get(g).copied().unwrap_or(0), *n))
        .collect();
    assert!(changed.is_empty(), "quads per graph changed by a re-ingest (graph, before, after): {changed:?}");
    assert_eq!(all_quads(&store, dir.path()), before.values().sum::<u64>());
}

/// Everything but skos:closeMatch is stable under re-ingest (the part of the
/// idempotence contract that holds today).
#[test]
fn reingest_leaves_graphs_unchanged_apart_from_close_matches() {
    let dir = tmp();
    let d = dir.path();
    let store = ingest_corpus(d);
    let q = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o FILTER (?p != skos:closeMatch) } } GROUP BY ?g";
    let before = select(&store, d, q);
    ingest_corpus(d);
    ingest_corpus(d);
    assert_eq!(select(&store, d, q), before);
    assert_eq!(before.len(), 6, "five documents and the ontology: {before:?}");
}

// ---------------------------------------------------------------- 3. remove

#[test]
fn remove_drops_exactly_one_graph() {
    let dir = tmp();
    let d = dir.path();
    let store = ingest_corpus(d);
    let before = quads_per_graph(&store, d);
    assert!(before[&doc_iri(DOC_001)] > 0);

    let out = lantai(["remove", "--store", s(&store), DOC_001]).ok();
    assert!(out.stderr.contains("removed"), "{}", out.stderr);

    let after = quads_per_graph(&store, d);
    let mut expected = before.clone();
    expected.remove(&doc_iri(DOC_001));
    assert_eq!(after, expected, "the other graphs must be untouched");
    assert_eq!(
        count(&store, d, &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{}> {{ ?s ?p ?o }} }}", doc_iri(DOC_001))),
        0
    );
    let docs = lantai(["docs", "--store", s(&store)]).ok();
    assert!(!docs.stdout.contains(DOC_001) && docs.stdout.contains(DOC_002), "{}", docs.stdout);

    // an unknown document, or the same one again: exit 1, named
    let out = lantai(["remove", "--store", s(&store), "999_unknown.txt"]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("999_unknown.txt"), "{}", out.stderr);
    let out = lantai(["remove", "--store", s(&store), DOC_001]);
    assert_eq!(out.code, 1, "{out:?}");
    assert_eq!(quads_per_graph(&store, d), expected);
}

// ---------------------------------------------------------------- 4. encodings

/// Ingest `bytes` as `name` alone in a fresh folder and store; sorted N-Quads of its graph.
fn graph_of_copy(root: &Path, label: &str, name: &str, bytes: &[u8]) -> Vec<String> {
    let dir = root.join(label);
    write(dir.join("in").join(name), bytes);
    let store = ingest(&dir, &[&dir.join("in")]);
    let nq = sorted_nquads(&store, name);
    assert!(nq.len() > 50, "{label}: only {} quads", nq.len());
    nq
}

fn encode(enc: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    let (bytes, used, unmappable) = enc.encode(text);
    assert_eq!(used, enc, "encoder");
    assert!(!unmappable, "text not representable in {}", enc.name());
    bytes.into_owned()
}

#[test]
fn gbk_copies_give_the_same_graph_as_utf8() {
    let dir = tmp();
    for name in [DOC_003, DOC_004] {
        let text = std::fs::read_to_string(seed(name)).unwrap();
        let utf8 = graph_of_copy(dir.path(), &format!("{name}-utf8"), name, text.as_bytes());
        // GBK has no code for U+00A0 (the seeds indent with it); a GBK file would hold a space
        let gbk = encode(encoding_rs::GBK, &text.replace('\u{a0}', " "));
        assert!(std::str::from_utf8(&gbk).is_err());
        assert_eq!(graph_of_copy(dir.path(), &format!("{name}-gbk"), name, &gbk), utf8, "{name} in GBK");
        let gb18030 = encode(encoding_rs::GB18030, &text);
        assert_eq!(graph_of_copy(dir.path(), &format!("{name}-gb18030"), name, &gb18030), utf8, "{name} in GB18030");
    }
}

#[test]
fn utf16le_with_bom_gives_the_same_graph_as_utf8() {
    let dir = tmp();
    let text = std::fs::read_to_string(seed(DOC_003)).unwrap();
    let utf8 = graph_of_copy(dir.path(), "utf8", DOC_003, text.as_bytes());
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(graph_of_copy(dir.path(), "utf16le", DOC_003, &bytes), utf8);
}

/// Seed 001 is in traditional script, but carries pinyin glosses (`創(chuàng)`)
/// and a few characters Big5 has no code for: both copies get the text
/// without those characters, so they hold exactly the same text.
#[test]
fn big5_copy_gives_the_same_graph_as_utf8() {
    let dir = tmp();
    let full = std::fs::read_to_string(seed(DOC_001)).unwrap();
    let text: String = full
        .chars()
        .filter(|c| {
            let mut buf = [0u8; 4];
            !encoding_rs::BIG5.encode(c.encode_utf8(&mut buf)).2
        })
        .collect();
    let dropped = full.chars().count() - text.chars().count();
    assert!(dropped < 400, "dropped {dropped} characters");
    let utf8 = graph_of_copy(dir.path(), "utf8", DOC_001, text.as_bytes());
    let big5 = encode(encoding_rs::BIG5, &text);
    assert!(std::str::from_utf8(&big5).is_err());
    let got = graph_of_copy(dir.path(), "big5", DOC_001, &big5);
    assert_eq!(got, utf8);
    assert!(got.iter().any(|q| q.contains("/unit/沈阳市档案馆>")), "Big5 copy lost 沈阳市档案馆");
}

// ---------------------------------------------------------------- 5. bad input

#[test]
fn bad_files_are_skipped_named_and_the_good_ones_kept() {
    let dir = tmp();
    let d = dir.path();
    let input = d.join("in");
    write(input.join("empty.txt"), b"");
    write(input.join("binary.txt"), b"PK\x03\x04\x00\x00\x00\x08\x00binary\x00\x00data\x00");
    // 0x80 and 0xFF lead no sequence in UTF-8, GB18030 or Big5
    write(input.join("undecodable.txt"), b"abc \xff\xff\xff def \x80\x80 ghi");
    std::fs::copy(seed(DOC_003), input.join(DOC_003)).unwrap();
    std::fs::copy(seed(DOC_004), input.join(DOC_004)).unwrap();
    let missing = d.join("no-such-folder");
    let store = d.join("store");

    let stats = d.join("stats.json");
    let out = lantai(["ingest", "--store", s(&store), s(&input), s(&missing), "--stats-json", s(&stats)]);
    assert_eq!(out.code, 1, "{out:?}");
    let v: Value = serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).unwrap();
    assert_eq!(v["documents"], 2, "{v}");
    let skipped: BTreeSet<String> = v["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| Path::new(x["path"].as_str().unwrap()).file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(skipped, ["empty.txt", "binary.txt", "undecodable.txt", "no-such-folder"].map(String::from).into());
    let line = |needle: &str| -> String {
        out.stderr
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("stderr does not name {needle}:\n{}", out.stderr))
            .to_owned()
    };
    assert!(line("empty.txt").contains("empty"));
    let bin = line("binary.txt");
    assert!(bin.contains("binary") && bin.contains("NUL"), "{bin}");
    assert!(line("undecodable.txt").contains("cannot decode"));
    assert!(line("no-such-folder").contains("no such file or folder"));
    assert!(
        !out.stderr.contains(DOC_003) && !out.stderr.contains(DOC_004),
        "a good file was reported:\n{}",
        out.stderr
    );

    let docs = lantai(["docs", "--store", s(&store)]).ok();
    assert!(docs.stdout.contains(DOC_003) && docs.stdout.contains(DOC_004), "{}", docs.stdout);
    assert!(docs.stdout.contains("2 documents"), "{}", docs.stdout);
    assert!(
        !docs.stdout.contains("empty.txt")
            && !docs.stdout.contains("binary.txt")
            && !docs.stdout.contains("undecodable.txt")
    );
}

#[test]
fn nonexistent_path_alone_is_reported() {
    let dir = tmp();
    let store = dir.path().join("store");
    let missing = dir.path().join("nothing-here.txt");
    let out = lantai(["ingest", "--store", s(&store), s(&missing)]);
    assert_ne!(out.code, 0, "{out:?}");
    assert!(out.stderr.contains("nothing-here.txt") && out.stderr.contains("no such file or folder"), "{}", out.stderr);
}

// ---------------------------------------------------------------- 6. export

#[test]
fn export_turtle_trig_nquads_parse_and_agree_with_the_store() {
    use rio_api::model::{GraphName, Subject, Term};
    use rio_api::parser::{QuadsParser, TriplesParser};
    use rio_turtle::{TriGParser, TurtleError, TurtleParser};

    let dir = tmp();
    let d = dir.path();
    let store = ingest_corpus(d);
    let export = |format: &str| lantai(["export", "--store", s(&store), "--format", format]).ok().stdout;

    // Turtle: the union of the document graphs, each triple once
    let ttl = export("turtle");
    let mut triples = BTreeSet::new();
    TurtleParser::new(ttl.as_bytes(), None)
        .parse_all(&mut |t| {
            triples.insert(t.to_string());
            Ok::<(), TurtleError>(())
        })
        .unwrap_or_else(|e| panic!("Turtle export does not parse: {e}"));
    let distinct = count(
        &store,
        d,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (?g != <{ONTOLOGY_GRAPH}>) }} }}"),
    );
    assert_eq!(triples.len() as u64, distinct);
    assert!(triples.iter().any(|t| t.contains("中国档案报")));

    // N-Triples: the same triples as the Turtle
    let nt = export("ntriples");
    let mut nt_triples = BTreeSet::new();
    rio_turtle::NTriplesParser::new(nt.as_bytes())
        .parse_all(&mut |t| {
            nt_triples.insert(t.to_string());
            Ok::<(), TurtleError>(())
        })
        .unwrap_or_else(|e| panic!("N-Triples export does not parse: {e}"));
    assert_eq!(nt_triples, triples);

    // TriG: one graph per document and the ontology's, no default-graph triples
    let trig = export("trig");
    let mut graphs: BTreeMap<String, usize> = BTreeMap::new();
    TriGParser::new(trig.as_bytes(), None)
        .parse_all(&mut |q| {
            let g = match q.graph_name {
                Some(GraphName::NamedNode(n)) => n.iri.to_owned(),
                other => panic!("quad outside a named graph: {other:?}"),
            };
            // a document's lt:sourceFile is stated in its own graph
            if let (Subject::NamedNode(s), Term::Literal(_)) = (q.subject, q.object) {
                if q.predicate.iri.ends_with("#sourceFile") {
                    assert_eq!(s.iri, g, "lt:sourceFile of {} in graph {g}", s.iri);
                }
            }
            *graphs.entry(g).or_default() += 1;
            Ok::<(), TurtleError>(())
        })
        .unwrap_or_else(|e| panic!("TriG export does not parse: {e}"));
    let mut want: BTreeSet<String> = SEEDS.iter().map(|f| doc_iri(f)).collect();
    want.insert(ONTOLOGY_GRAPH.to_owned());
    assert_eq!(graphs.keys().cloned().collect::<BTreeSet<_>>(), want);
    let per_graph = quads_per_graph(&store, d);
    for (g, n) in &graphs {
        assert_eq!(*n as u64, per_graph[g], "quads of {g} in TriG");
    }
    // --with-ontology=false: the document graphs alone
    let docs_only = lantai(["export", "--store", s(&store), "--format", "trig", "--with-ontology=false"]).ok().stdout;
    assert!(!docs_only.contains(&format!("<{ONTOLOGY_GRAPH}>")), "the ontology graph in a TriG export without it");
    assert!(trig.contains(&format!("<{ONTOLOGY_GRAPH}>")));

    // N-Quads: one line per quad of the document graphs and the ontology
    let nq = export("nquads");
    let ontology_quads = per_graph[ONTOLOGY_GRAPH];
    assert!(ontology_quads > 50, "{ontology_quads} ontology quads");
    assert_eq!(nq.lines().filter(|l| !l.trim().is_empty()).count() as u64, doc_quads(&store, d) + ontology_quads);
    let nq_docs = lantai(["export", "--store", s(&store), "--format", "nquads", "--with-ontology=false"]).ok().stdout;
    assert_eq!(nq_docs.lines().filter(|l| !l.trim().is_empty()).count() as u64, doc_quads(&store, d));
    // Turtle with the ontology: its triples join the union
    let ttl_onto = lantai(["export", "--store", s(&store), "--with-ontology"]).ok().stdout;
    assert!(ttl_onto.contains("owl:Ontology") || ttl_onto.contains("#Ontology>"), "no ontology in the Turtle export");

    // --graph: only that document
    let one = lantai(["export", "--store", s(&store), "--format", "nquads", "--graph", DOC_003]).ok().stdout;
    let suffix = format!("<{}> .", doc_iri(DOC_003));
    assert!(!one.is_empty());
    assert!(one.lines().all(|l| l.ends_with(&suffix)), "a quad of another graph in --graph {DOC_003}");
    assert_eq!(one.lines().count() as u64, per_graph[&doc_iri(DOC_003)]);
    assert!(!one.contains(DOC_001) && !one.contains(DOC_004));

    // -o FILE: the same text as standard output, and a count on stderr
    let file = d.join("out/one.nq");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let out = lantai(["export", "--store", s(&store), "--format", "nquads", "--graph", DOC_003, "-o", s(&file)]).ok();
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    let written = std::fs::read_to_string(&file).unwrap();
    let mut a: Vec<&str> = written.lines().collect();
    let mut b: Vec<&str> = one.lines().collect();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    assert!(out.stderr.contains(&format!("wrote {} statements", b.len())), "{}", out.stderr);

    // an unknown --graph is an error
    let out = lantai(["export", "--store", s(&store), "--graph", "999_unknown.txt"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("999_unknown.txt"), "{}", out.stderr);
}

// ---------------------------------------------------------------- 6b. extract

/// `lantai extract` gives, with no store, exactly the quads `ingest` stores:
/// per document byte for byte as the store's export sorted, the same bytes
/// on every run and with any number of threads, one file per document under
/// `-o`, and a bad file named and skipped.
#[test]
fn extract_gives_what_ingest_stores_with_no_store() {
    use rio_api::parser::QuadsParser;
    let dir = tmp();
    let d = dir.path();
    let store = ingest_corpus(d);
    let all = lantai(["extract", s(&seeds_dir())]).ok().stdout;
    // the whole export without the ontology is the documents' quads (no links among the seeds)
    let export = lantai(["export", "--store", s(&store), "--format", "nquads", "--with-ontology=false"]).ok().stdout;
    let mut want: Vec<&str> = export.lines().collect();
    want.sort();
    let mut got: Vec<&str> = all.lines().collect();
    got.sort();
    assert_eq!(got.len(), want.len());
    assert!(got == want, "extract and ingest differ");
    // one document: byte for byte the sorted export of its graph
    let one = lantai(["extract", s(&seed(DOC_003))]).ok().stdout;
    let mut lines = sorted_nquads(&store, DOC_003);
    lines.dedup();
    assert_eq!(one, lines.iter().map(|l| format!("{l}\n")).collect::<String>());
    // the same bytes again, on one thread, and with the tagger's batches of a different size
    assert_eq!(lantai(["extract", "--threads", "1", s(&seeds_dir())]).ok().stdout, all);
    assert_eq!(lantai(["extract", s(&seeds_dir())]).ok().stdout, all);

    // -o: one file per document, the ontology beside them when asked, TriG that parses
    let out_dir = d.join("graphs");
    let out = lantai(["extract", "--format", "trig", "--with-ontology", "-o", s(&out_dir), s(&seeds_dir())]).ok();
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(out.stderr.contains("wrote 5 documents"), "{}", out.stderr);
    let mut names: Vec<String> =
        std::fs::read_dir(&out_dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut expected: Vec<String> = SEEDS.iter().map(|f| format!("{f}.trig")).collect();
    expected.push("lantai-ontology.trig".into());
    expected.sort();
    assert_eq!(names, expected);
    let trig = std::fs::read_to_string(out_dir.join(format!("{DOC_003}.trig"))).unwrap();
    let mut parsed = Vec::new();
    rio_turtle::TriGParser::new(trig.as_bytes(), None)
        .parse_all(&mut |q| {
            parsed.push(format!("{q} ."));
            Ok::<(), rio_turtle::TurtleError>(())
        })
        .unwrap_or_else(|e| panic!("extracted TriG does not parse: {e}"));
    assert_eq!(parsed.len(), lines.len());

    // --root: a shard of a folder, given its own files, mints the IRIs of one run over the folder
    let tree = d.join("tree");
    std::fs::create_dir_all(tree.join("2021")).unwrap();
    std::fs::copy(seed(DOC_002), tree.join("2021").join(DOC_002)).unwrap();
    std::fs::copy(seed(DOC_004), tree.join(DOC_004)).unwrap();
    let whole = lantai(["extract", s(&tree)]).ok().stdout;
    let nested = tree.join("2021").join(DOC_002);
    let shard_a = lantai(["extract", "--root", s(&tree), s(&nested)]).ok().stdout;
    let shard_b = lantai(["extract", "--root", s(&tree), s(&tree.join(DOC_004))]).ok().stdout;
    assert!(shard_a.contains(&format!("{DOC_BASE}2021/{DOC_002}")), "{}", &shard_a[..300.min(shard_a.len())]);
    let mut sharded: Vec<&str> = shard_a.lines().chain(shard_b.lines()).collect();
    let mut once: Vec<&str> = whole.lines().collect();
    sharded.sort();
    once.sort();
    assert!(sharded == once, "two shards differ from one run over the folder");
    // without --root, a file given itself is its name
    assert!(!lantai(["extract", s(&nested)]).ok().stdout.contains("/2021/"));
    let out = lantai(["extract", "--root", s(&tree.join("2021")), s(&tree.join(DOC_004))]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("not under --root"), "{}", out.stderr);

    // a bad file among good ones: named, skipped, exit 1, the others written
    let mixed = d.join("mixed");
    std::fs::create_dir_all(&mixed).unwrap();
    std::fs::copy(seed(DOC_001), mixed.join(DOC_001)).unwrap();
    write(mixed.join("broken.txt"), b"PK\x03\x04\x00\x00\x00\x08\x00binary\x00\x00data\x00");
    let out = lantai(["extract", s(&mixed)]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("broken.txt: skipped"), "{}", out.stderr);
    assert!(out.stdout.contains(&doc_iri(DOC_001)));
}

// ---------------------------------------------------------------- 7. query

fn shipped_queries() -> Vec<String> {
    let out = lantai(["query", "--list"]).ok();
    out.stdout.lines().filter_map(|l| l.split_whitespace().next()).map(str::to_owned).collect()
}

#[test]
fn every_shipped_query_runs_on_the_corpus() {
    let dir = tmp();
    let store = ingest_corpus(dir.path());
    let names = shipped_queries();
    assert!(names.len() >= 13, "{names:?}");
    for name in ["people-posts", "docs-mentioning", "documents", "events-timeline"] {
        assert!(names.iter().any(|n| n == name), "{name} not listed");
    }
    for name in &names {
        let out = lantai(["query", "--store", s(&store), name, "--format", "json"]);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        let v: Value = serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
        assert!(v["results"]["bindings"].is_array() || v["boolean"].is_boolean(), "{name}: {v}");
    }
}

#[test]
fn people_posts_table_is_aligned_and_json_parses() {
    use unicode_width::UnicodeWidthStr;
    let dir = tmp();
    let store = ingest_corpus(dir.path());
    let out = lantai(["query", "--store", s(&store), "people-posts"]).ok();
    let table: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with(['┌', '│', '╞', '├', '└'])).collect();
    assert!(table.len() > 5, "{}", out.stdout);
    assert!(
        table.iter().any(|l| l.contains("朱浩") && l.contains("主任") && l.contains("桃源县史志办")),
        "{}",
        out.stdout
    );
    let widths: BTreeSet<usize> = table.iter().map(|l| l.width()).collect();
    assert_eq!(widths.len(), 1, "lines of different display widths {widths:?}:\n{}", out.stdout);
    // every line of the output block but the row count is part of the table
    let rows_line = out.stdout.lines().last().unwrap();
    assert!(rows_line.ends_with("rows"), "{rows_line}");
    assert_eq!(out.stdout.lines().count(), table.len() + 1);

    // `lantai docs` aligns its table the same way
    let docs = lantai(["docs", "--store", s(&store)]).ok();
    let lines: Vec<&str> = docs.stdout.lines().filter(|l| l.starts_with(['┌', '│', '╞', '├', '└'])).collect();
    assert_eq!(lines.len(), 5 + 4, "{}", docs.stdout);
    let widths: BTreeSet<usize> = lines.iter().map(|l| l.width()).collect();
    assert_eq!(widths.len(), 1, "docs: lines of different display widths {widths:?}:\n{}", docs.stdout);

    let out = lantai(["query", "--store", s(&store), "people-posts", "--format", "json"]).ok();
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = v["results"]["bindings"].as_array().unwrap();
    assert!(rows.iter().any(|r| r["person"]["value"] == "朱浩"
        && r["post"]["value"] == "主任"
        && r["unit"]["value"] == "桃源县史志办公室"));
    // the table and the JSON have the same rows
    assert!(rows_line.starts_with(&format!("{} row", rows.len())), "{rows_line} vs {} JSON rows", rows.len());
}

#[test]
fn query_params_bind_and_traditional_script_is_folded() {
    let dir = tmp();
    let store = ingest_corpus(dir.path());
    let run = |param: &str| -> Vec<Value> {
        let out = lantai(["query", "--store", s(&store), "docs-mentioning", "--param", param, "--format", "json"]).ok();
        let v: Value = serde_json::from_str(&out.stdout).unwrap();
        v["results"]["bindings"].as_array().unwrap().clone()
    };
    let docs = |rows: &[Value]| -> BTreeSet<String> {
        rows.iter().map(|r| r["document"]["value"].as_str().unwrap().to_owned()).collect()
    };

    let rows = run("name=桃源县史志办");
    assert_eq!(docs(&rows), [DOC_002.to_owned()].into());

    let simplified = run("name=沈阳市档案馆");
    let traditional = run("name=沈陽市檔案館");
    assert!(docs(&simplified).contains(DOC_001), "{simplified:?}");
    assert_eq!(traditional, simplified);

    // without the parameter, many more rows
    let out = lantai(["query", "--store", s(&store), "docs-mentioning", "--format", "json"]).ok();
    let all: Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(all["results"]["bindings"].as_array().unwrap().len() > rows.len() * 10);
}

#[test]
fn malformed_query_file_exits_2_with_line_and_column() {
    let dir = tmp();
    let store = ingest(dir.path(), &[&seed(DOC_003)]);
    let bad = write(dir.path().join("bad.rq"), "SELECT ?x WHERE {\n  ?x ?y\n");
    let out = lantai(["query", "--store", s(&store), s(&bad)]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("bad.rq"), "{}", out.stderr);
    let has_line_col = out.stderr.split(|c: char| !(c.is_ascii_digit() || c == ':')).any(|w| {
        let parts: Vec<&str> = w.split(':').collect();
        parts.len() >= 2 && parts.iter().take(2).all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    });
    assert!(has_line_col, "no line:column in {}", out.stderr);

    // an unknown query name is fatal too, and lists the shipped ones
    let out = lantai(["query", "--store", s(&store), "no-such-query"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("people-posts"), "{}", out.stderr);
}

// ---------------------------------------------------------------- 8. entity

#[test]
fn entity_prints_label_documents_and_evidence() {
    let dir = tmp();
    let store = ingest_corpus(dir.path());

    let out = lantai(["entity", "--store", s(&store), "朱浩"]).ok();
    assert!(out.stdout.starts_with("朱浩"), "{}", out.stdout);
    assert!(out.stdout.contains("[Person]"));
    assert!(out.stdout.contains(DOC_002));
    assert!(out.stdout.contains("桃源县史志办主任朱浩介绍了"), "no evidence sentence:\n{}", out.stdout);
    assert!(!out.stdout.contains(DOC_001));

    // traditional script in, simplified canonical label out
    let out = lantai(["entity", "--store", s(&store), "瀋陽市檔案館"]).ok();
    assert!(out.stdout.starts_with("沈阳市档案馆"), "{}", out.stdout);
    assert!(out.stdout.contains("[Unit]"));
    assert!(out.stdout.contains(DOC_001));
    assert!(out.stdout.contains("馆长张春风"), "no evidence sentence:\n{}", out.stdout);
    let simplified = lantai(["entity", "--store", s(&store), "沈阳市档案馆"]).ok();
    assert_eq!(simplified.stdout, out.stdout);

    let out = lantai(["entity", "--store", s(&store), "不存在的人"]);
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("不存在的人"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

// ---------------------------------------------------------------- 9. cross-document

const CILI_1: &str = "101_cili_meeting.txt";
const SHIMEN: &str = "102_shimen_training.txt";
const CILI_2: &str = "103_cili_yearbook.txt";

#[test]
fn same_name_in_two_counties_two_nodes_same_unit_one_node() {
    let dir = tmp();
    let d = dir.path();
    let store = ingest(d, &[&fixtures("crossdoc")]);

    // 王建国, 主任 of 慈利县史志办 (two documents) and of 石门县史志办 (one)
    let rows = select(
        &store,
        d,
        "SELECT DISTINCT ?p ?unit ?file WHERE { GRAPH ?g { ?m org:member ?p ; org:organization ?u ; lt:post \"主任\" . ?g lt:sourceFile ?file } \
         ?p a lt:Person ; rdfs:label \"王建国\" . ?u rdfs:label ?unit }",
    );
    let by_unit = |unit: &str| -> BTreeSet<(String, String)> {
        rows.iter().filter(|r| r["unit"] == unit).map(|r| (r["p"].clone(), r["file"].clone())).collect()
    };
    let cili = by_unit("慈利县史志办公室");
    let shimen = by_unit("石门县史志办公室");
    assert_eq!(cili.iter().map(|(_, f)| f.as_str()).collect::<BTreeSet<_>>(), [CILI_1, CILI_2].into(), "{rows:?}");
    assert_eq!(shimen.iter().map(|(_, f)| f.as_str()).collect::<BTreeSet<_>>(), [SHIMEN].into(), "{rows:?}");
    let cili_nodes: BTreeSet<&String> = cili.iter().map(|(p, _)| p).collect();
    let shimen_nodes: BTreeSet<&String> = shimen.iter().map(|(p, _)| p).collect();
    assert_eq!(cili_nodes.len(), 1, "same person, same post, same unit: one node {cili_nodes:?}");
    assert_eq!(shimen_nodes.len(), 1);
    let (a, b) = (cili_nodes.into_iter().next().unwrap(), shimen_nodes.into_iter().next().unwrap());
    assert_ne!(a, b, "two counties: two nodes");
    assert_eq!(
        count(&store, d, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a lt:Person ; rdfs:label \"王建国\" }"),
        2
    );

    // linked by skos:closeMatch (either way), never owl:sameAs-merged
    assert!(ask(
        &store,
        d,
        &format!("ASK {{ {{ <{a}> skos:closeMatch <{b}> }} UNION {{ <{b}> skos:closeMatch <{a}> }} }}")
    ));

    // lantai links --min-docs 2: the shared node with both its documents, not the one-document ones
    let out = lantai(["links", "--store", s(&store), "--min-docs", "2"]).ok();
    let line = out.stdout.lines().find(|l| l.contains("王建国")).unwrap_or_else(|| panic!("{}", out.stdout));
    assert!(line.contains("Person") && line.contains('2'), "{line}");
    assert!(out.stdout.contains(CILI_1) && out.stdout.contains(CILI_2), "{}", out.stdout);
    assert!(!out.stdout.contains(SHIMEN), "{}", out.stdout);
    assert_eq!(out.stdout.matches("王建国").count(), 1, "{}", out.stdout);

    // --type narrows
    let out = lantai(["links", "--store", s(&store), "--min-docs", "2", "--type", "Unit"]).ok();
    assert!(out.stdout.contains("慈利县史志办") && !out.stdout.contains("王建国"), "{}", out.stdout);

    // entity shows the same-name node kept apart
    let out = lantai(["entity", "--store", s(&store), "王建国"]).ok();
    assert!(out.stdout.contains("closeMatch") && out.stdout.contains(b.as_str()), "{}", out.stdout);
}

/// A person who holds a post nowhere else is no closeMatch of anyone: the
/// link is only made between two nodes of the same name.
#[test]
fn close_match_only_between_same_names() {
    let dir = tmp();
    let d = dir.path();
    let store = ingest(d, &[&fixtures("crossdoc")]);
    let rows = select(
        &store,
        d,
        "SELECT ?a ?b WHERE { ?a skos:closeMatch ?b . ?a rdfs:label ?la . ?b rdfs:label ?lb FILTER (?la != ?lb) }",
    );
    assert!(rows.is_empty(), "{rows:?}");
    let rows = select(&store, d, "SELECT ?a WHERE { ?a skos:closeMatch ?a }");
    assert!(rows.is_empty(), "a node is its own closeMatch: {rows:?}");
}

/// The graph is a function of the documents, not of the order they were read
/// in (threads finish in any order, so a batch has no fixed order either).
#[test]
fn union_graph_does_not_depend_on_ingest_order() {
    let dir = tmp();
    let d = dir.path();
    let (a, b) = (fixtures("crossdoc").join(CILI_1), fixtures("crossdoc").join(SHIMEN));
    let ab = d.join("ab");
    std::fs::create_dir_all(&ab).unwrap();
    let ba = d.join("ba");
    std::fs::create_dir_all(&ba).unwrap();
    let store_ab = ingest(&ab, &[&a]);
    ingest(&ab, &[&b]);
    let store_ba = ingest(&ba, &[&b]);
    ingest(&ba, &[&a]);
    let triples = |store: &Path| -> BTreeSet<String> {
        lantai(["export", "--store", s(store), "--format", "ntriples"]).ok().stdout.lines().map(str::to_owned).collect()
    };
    let (x, y) = (triples(&store_ab), triples(&store_ba));
    let only_ab: Vec<&String> = x.difference(&y).collect();
    let only_ba: Vec<&String> = y.difference(&x).collect();
    assert!(
        only_ab.is_empty() && only_ba.is_empty(),
        "only when {CILI_1} is read first: {only_ab:#?}\nonly when {SHIMEN} is read first: {only_ba:#?}"
    );
}

// ---------------------------------------------------------------- 10. alias

const SHENYANG: &str = "201_shenyang_exhibition.txt";
const SHENGJING: &str = "202_shengjing_archives_day.txt";

/// 盛京 is Shenyang's old name: `lantai alias add 盛京档案馆 沈阳市档案馆`
/// merges the two Unit nodes in place, without re-reading the documents.
#[test]
fn alias_add_merges_two_nodes_without_reingest() {
    let dir = tmp();
    let d = dir.path();
    // a copy of the documents, deleted before the alias is added
    let input = d.join("in");
    for f in [SHENYANG, SHENGJING] {
        write(input.join(f), std::fs::read(fixtures("alias").join(f)).unwrap());
    }
    let store = ingest(d, &[&input]);
    let units = "SELECT (COUNT(DISTINCT ?u) AS ?n) WHERE { ?u a lt:Unit }";
    let before = count(&store, d, units);
    let sy = select(&store, d, "SELECT DISTINCT ?u WHERE { ?u a lt:Unit ; rdfs:label \"沈阳市档案馆\" }");
    let sj = select(&store, d, "SELECT DISTINCT ?u WHERE { ?u a lt:Unit ; rdfs:label \"盛京档案馆\" }");
    assert_eq!((sy.len(), sj.len()), (1, 1), "the fixture should give both names a node: {sy:?} {sj:?}");
    let (canonical, old) = (sy[0]["u"].clone(), sj[0]["u"].clone());
    assert_ne!(canonical, old);

    // the documents are gone from disk: what changes, changes in the store alone
    std::fs::remove_dir_all(&input).unwrap();
    let out = lantai(["alias", "add", "--store", s(&store), "盛京档案馆", "沈阳市档案馆"]).ok();
    assert!(out.stdout.contains("merged") && out.stdout.contains("盛京档案馆"), "{}", out.stdout);

    assert_eq!(count(&store, d, units), before - 1);
    assert_eq!(count(&store, d, &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ {{ <{old}> ?p ?o }} UNION {{ ?s ?p <{old}> FILTER (?p != lt:mergedFrom) }} }} }}")), 0);
    assert!(ask(
        &store,
        d,
        &format!("ASK {{ GRAPH <{}> {{ <{canonical}> skos:altLabel \"盛京档案馆\" }} }}", doc_iri(SHENGJING))
    ));
    let labels = select(&store, d, &format!("SELECT DISTINCT ?l WHERE {{ <{canonical}> rdfs:label ?l }}"));
    assert_eq!(labels.len(), 1, "exactly one rdfs:label after the merge: {labels:?}");
    assert_eq!(labels[0]["l"], "沈阳市档案馆");
    // the relations of the old node now point at the canonical one
    let graphs: BTreeSet<String> =
        select(&store, d, &format!("SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?e lt:organizer <{canonical}> }} }}"))
            .into_iter()
            .map(|r| r["g"].clone())
            .collect();
    assert_eq!(graphs, [doc_iri(SHENYANG), doc_iri(SHENGJING)].into());

    // the alias is recorded, found by entity, and the node is now shared
    let list = lantai(["alias", "list", "--store", s(&store)]).ok();
    assert_eq!(list.stdout.trim(), "盛京档案馆\t沈阳市档案馆");
    let ent = lantai(["entity", "--store", s(&store), "盛京档案馆"]).ok();
    assert!(ent.stdout.starts_with("沈阳市档案馆"), "{}", ent.stdout);
    assert!(ent.stdout.contains(SHENYANG) && ent.stdout.contains(SHENGJING), "{}", ent.stdout);
    let links = lantai(["links", "--store", s(&store), "--type", "Unit"]).ok();
    assert!(links.stdout.contains("沈阳市档案馆"), "{}", links.stdout);

    // adding it again changes nothing
    let quads = all_quads(&store, d);
    lantai(["alias", "add", "--store", s(&store), "盛京档案馆", "沈阳市档案馆"]).ok();
    assert_eq!(all_quads(&store, d), quads);
    assert_eq!(lantai(["alias", "list", "--store", s(&store)]).ok().stdout.lines().count(), 1);

    // and a re-ingest applies it while reading
    ingest(d, &[&fixtures("alias")]);
    assert_eq!(count(&store, d, units), before - 1);
    assert!(ask(&store, d, &format!("ASK {{ <{canonical}> skos:altLabel \"盛京档案馆\" }}")));
}

#[test]
fn alias_to_an_unknown_canonical_name_fails() {
    let dir = tmp();
    let store = ingest(dir.path(), &[&fixtures("alias")]);
    let out = lantai(["alias", "add", "--store", s(&store), "盛京档案馆", "不存在的单位"]);
    assert_ne!(out.code, 0, "{out:?}");
    assert!(
        !store.join("aliases.tsv").exists()
            || std::fs::read_to_string(store.join("aliases.tsv")).unwrap().lines().all(|l| l.starts_with('#'))
    );
}

// ---------------------------------------------------------------- 11. neighbours

#[test]
fn neighbours_writes_svg_and_dot() {
    let dir = tmp();
    let d = dir.path();
    let store = ingest(d, &[&seed(DOC_001)]);
    let (svg, dot) = (d.join("out.svg"), d.join("out.dot"));
    let out = lantai(["neighbours", "--store", s(&store), "沈阳市档案馆", "--svg", s(&svg), "--dot", s(&dot)]).ok();
    assert!(out.stdout.contains("沈阳市档案馆") && out.stdout.contains("张春风"), "{}", out.stdout);

    let svg_text = std::fs::read_to_string(&svg).unwrap();
    let doc = roxmltree::Document::parse(&svg_text).unwrap_or_else(|e| panic!("SVG is not well-formed XML: {e}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let texts: String = doc.descendants().filter_map(|n| n.text()).collect();
    assert!(texts.contains("沈阳市档案馆"), "the SVG does not show 沈阳市档案馆");
    assert!(texts.contains("张春风"));

    let dot_text = std::fs::read_to_string(&dot).unwrap();
    assert!(dot_text.trim_start().starts_with("digraph") || dot_text.trim_start().starts_with("graph"), "{dot_text}");
    assert!(dot_text.contains("->") || dot_text.contains("--"), "no edge in the DOT file");
    assert!(dot_text.contains("沈阳市档案馆") && dot_text.contains("张春风"));
    assert_eq!(dot_text.matches('{').count(), dot_text.matches('}').count());

    let out = lantai(["neighbours", "--store", s(&store), "不存在的单位"]);
    assert_ne!(out.code, 0);
}

// ---------------------------------------------------------------- 12. eval

#[test]
fn eval_json_meets_the_floors() {
    let gold = manifest().join("corpus/gold");
    let out =
        lantai([OsStr::new("eval"), "--gold".as_ref(), gold.as_os_str(), seeds_dir().as_os_str(), "--json".as_ref()])
            .ok();
    let v: Value =
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("eval --json is not JSON: {e}\n{}", out.stdout));
    let f1 = |t: &str| v["entities"][t]["f1"].as_f64().unwrap_or_else(|| panic!("no entities.{t}.f1 in {v}"));
    assert!(f1("micro") >= FLOOR, "micro entity F1 {} < {FLOOR}", f1("micro"));
    assert!(f1("Unit") >= 0.909, "Unit F1 {}", f1("Unit"));
    // 0.8599: a bare `发布会` once made a second node that the scorer counted
    // as one more true positive; it is now the one press conference it names
    assert!(f1("Event") >= 0.8599, "Event F1 {}", f1("Event"));
    assert!(f1("Person") >= PERSON_FLOOR, "Person F1 {} < {PERSON_FLOOR}", f1("Person"));
    assert!(f1("Publication") >= PUBLICATION_FLOOR, "Publication F1 {} < {PUBLICATION_FLOOR}", f1("Publication"));
    // relations and cross-document merges: floors at what was measured
    let rel = |t: &str| v["relations"][t]["f1"].as_f64().unwrap_or_else(|| panic!("no relations.{t}.f1 in {v}"));
    assert!(rel("micro") >= RELATION_FLOOR, "micro relation F1 {} < {RELATION_FLOOR}", rel("micro"));
    assert!(rel("holdsPost") >= 0.99, "holdsPost F1 {}", rel("holdsPost"));
    assert_eq!(v["crossdoc"]["wrong_merges"].as_u64(), Some(0), "{}", v["crossdoc"]);
    // attributes of matched items: post and event date measured at 1.0, kind at 0.944
    let acc = |t: &str| v["attributes"][t]["accuracy"].as_f64().unwrap_or_else(|| panic!("no attributes.{t} in {v}"));
    assert!(acc("post") >= 0.99, "post accuracy {}", acc("post"));
    assert!(acc("date") >= 0.95, "event date accuracy {}", acc("date"));
    assert!(acc("kind") >= 0.94, "publication kind accuracy {}", acc("kind"));
    let scored: BTreeSet<&str> = v["docs"]["scored"].as_array().unwrap().iter().map(|x| x.as_str().unwrap()).collect();
    assert_eq!(scored, SEEDS.into_iter().collect());
    assert!(v["docs"]["missing"].as_array().unwrap().is_empty());

    let out = lantai([
        OsStr::new("eval"),
        "--gold".as_ref(),
        gold.as_os_str(),
        seeds_dir().as_os_str(),
        "--min-f1".as_ref(),
        "0.99".as_ref(),
    ]);
    assert_eq!(out.code, 1, "{out:?}");
    assert!(out.stderr.contains("below --min-f1"), "{}", out.stderr);
    let out = lantai([
        OsStr::new("eval"),
        "--gold".as_ref(),
        gold.as_os_str(),
        seeds_dir().as_os_str(),
        "--min-f1".as_ref(),
        "0.1".as_ref(),
    ]);
    assert_eq!(out.code, 0, "{out:?}");
}

// ---------------------------------------------------------------- 13. missing store

#[test]
fn commands_on_a_missing_store_fail_cleanly_and_create_nothing() {
    let dir = tmp();
    let store = dir.path().join("no-store-here");
    let q = write(dir.path().join("q.rq"), "SELECT * WHERE { ?s ?p ?o } LIMIT 1");
    let runs: Vec<Vec<&str>> = vec![
        vec!["query", "--store", s(&store), "people-posts"],
        vec!["query", "--store", s(&store), s(&q)],
        vec!["docs", "--store", s(&store)],
        vec!["export", "--store", s(&store), "--format", "turtle"],
        vec!["entity", "--store", s(&store), "朱浩"],
        vec!["links", "--store", s(&store)],
        vec!["remove", "--store", s(&store), DOC_001],
    ];
    for args in runs {
        let out = lantai(&args);
        assert_eq!(out.code, 2, "{args:?}: {out:?}");
        assert!(out.stderr.contains("no store at") && out.stderr.contains("no-store-here"), "{args:?}: {}", out.stderr);
        assert!(out.stdout.is_empty(), "{args:?}: {}", out.stdout);
        assert!(!store.exists(), "{args:?} created the store folder");
    }
    // LANTAI_STORE is honoured the same way
    let o = Command::new(env!("CARGO_BIN_EXE_lantai")).args(["docs"]).env("LANTAI_STORE", &store).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(!store.exists());
}

// ---------------------------------------------------------------- error paths

/// A failed export must not destroy the file it was asked to write.
#[test]
fn failed_export_leaves_the_output_file_alone() {
    let dir = tmp();
    let store = ingest(dir.path(), &[&seed(DOC_003)]);
    let existing = write(dir.path().join("keep.nq"), "precious\n");
    let out = lantai(["export", "--store", s(&store), "--graph", "999_unknown.txt", "-o", s(&existing)]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "precious\n", "the existing file was overwritten");
    let fresh = dir.path().join("fresh.nq");
    lantai(["export", "--store", s(&store), "--graph", "999_unknown.txt", "-o", s(&fresh)]);
    assert!(!fresh.exists(), "an empty output file was left behind");
}

/// Fatal errors say what went wrong once, on one line.
#[test]
fn fatal_errors_do_not_repeat_their_cause() {
    let dir = tmp();
    let missing_gold = dir.path().join("no-gold");
    let out = lantai([OsStr::new("eval"), "--gold".as_ref(), missing_gold.as_os_str(), seed(DOC_003).as_os_str()]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("no-gold"), "{}", out.stderr);
    assert_eq!(out.stderr.matches("os error 2").count(), 1, "{}", out.stderr);
    let file = write(dir.path().join("a-file"), "x");
    let out = lantai(["ingest", "--store", s(&file), s(&seed(DOC_003))]);
    assert_eq!(out.code, 2, "{out:?}");
    assert_eq!(out.stderr.matches("is not a directory").count(), 1, "{}", out.stderr);
}

#[test]
fn bad_arguments_are_fatal() {
    let dir = tmp();
    let store = ingest(dir.path(), &[&seed(DOC_003)]);
    let out = lantai(["query", "--store", s(&store), "people-posts", "--param", "novalue"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("novalue"), "{}", out.stderr);
    let out = lantai(["links", "--store", s(&store), "--type", "Planet"]);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(out.stderr.contains("Planet"), "{}", out.stderr);
    let out = lantai(["export", "--store", s(&store), "--graph", "999_unknown.txt"]);
    assert_eq!(out.code, 2, "{out:?}");
    // remove takes a file name or any path ending in it
    let out = lantai(["remove", "--store", s(&store), &format!("/some/where/{DOC_003}")]).ok();
    assert!(out.stderr.contains("removed"), "{}", out.stderr);
    assert!(!lantai(["docs", "--store", s(&store)]).ok().stdout.contains(DOC_003));
}
