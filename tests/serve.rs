//! `lantai serve` over real HTTP: the binary is started on a free loopback
//! port with the seeds' store and asked with an HTTP client (ureq); every
//! result format is parsed back with oxigraph's parsers (sparesults, oxttl)
//! or rio_turtle, never compared as text alone.

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser, SliceQueryResultsParserOutput};
use std::collections::BTreeSet;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn lantai(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lantai")).args(args).env_remove("LANTAI_STORE").output().unwrap()
}

fn seeds_store(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let o = lantai(&["ingest", "-q", "--store", store.to_str().unwrap(), seeds.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    store
}

/// A running `lantai serve`, stopped when dropped.
struct Served {
    child: Child,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(store: &Path, extra: &[&str]) -> Served {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let bind = format!("127.0.0.1:{port}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_lantai"))
        .args(["serve", "--store", store.to_str().unwrap(), "--bind", &bind])
        .args(extra)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while TcpStream::connect(&bind).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("lantai serve exited: {status}");
        }
        assert!(started.elapsed() < Duration::from_secs(30), "lantai serve did not listen");
        std::thread::sleep(Duration::from_millis(50));
    }
    Served { child, base: format!("http://{bind}") }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

struct Answer {
    status: u16,
    content_type: String,
    max_rows: Option<String>,
    cors: Option<String>,
    body: Vec<u8>,
}

fn answer(r: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Answer {
    let mut r = r.expect("an HTTP answer");
    let h = |n: &str| r.headers().get(n).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let (content_type, max_rows, cors) =
        (h("content-type").unwrap_or_default(), h("x-sparql-maxrows"), h("access-control-allow-origin"));
    Answer { status: r.status().as_u16(), content_type, max_rows, cors, body: r.body_mut().read_to_vec().unwrap() }
}

fn post_query(base: &str, query: &str, accept: &str) -> Answer {
    answer(agent().post(format!("{base}/sparql")).header("Accept", accept).send_form([("query", query)]))
}

fn solutions(bytes: &[u8], format: QueryResultsFormat) -> BTreeSet<String> {
    match QueryResultsParser::from_format(format).for_slice(bytes).expect("results parse") {
        SliceQueryResultsParserOutput::Solutions(s) => s
            .map(|s| {
                let s = s.expect("a row parses");
                s.iter().map(|(v, t)| format!("{v}={t}")).collect::<Vec<_>>().join(" ")
            })
            .collect(),
        SliceQueryResultsParserOutput::Boolean(b) => [b.to_string()].into(),
    }
}

const PEOPLE: &str = "PREFIX lt: <https://w3id.org/lantai/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?p ?name WHERE { ?p a lt:Person ; rdfs:label ?name }";

#[test]
fn the_endpoint_answers_in_every_format_and_like_lantai_query() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeds_store(dir.path());
    let s = serve(&store, &["--max-rows", "1000000"]);

    // SELECT in JSON, XML, TSV: the same solutions, read back by sparesults
    let json = post_query(&s.base, PEOPLE, "application/sparql-results+json");
    assert_eq!(json.status, 200);
    assert!(json.content_type.starts_with("application/sparql-results+json"), "{}", json.content_type);
    assert_eq!(json.cors.as_deref(), Some("*"), "CORS for browser clients");
    let want = solutions(&json.body, QueryResultsFormat::Json);
    assert!(want.len() > 10 && want.iter().any(|r| r.contains("张志红")), "{want:?}");
    let xml = post_query(&s.base, PEOPLE, "application/sparql-results+xml");
    assert_eq!(solutions(&xml.body, QueryResultsFormat::Xml), want);
    let tsv = post_query(&s.base, PEOPLE, "text/tab-separated-values");
    assert_eq!(solutions(&tsv.body, QueryResultsFormat::Tsv), want);
    let csv = post_query(&s.base, PEOPLE, "text/csv");
    assert!(csv.content_type.starts_with("text/csv"));
    assert_eq!(String::from_utf8(csv.body).unwrap().lines().count(), want.len() + 1);
    // GET ?query= and a application/sparql-query body give the same
    let get = answer(agent().get(format!("{}/sparql", s.base)).query("query", PEOPLE).call());
    assert_eq!(solutions(&get.body, QueryResultsFormat::Json), want);
    let direct = answer(
        agent().post(format!("{}/sparql", s.base)).header("Content-Type", "application/sparql-query").send(PEOPLE),
    );
    assert_eq!(solutions(&direct.body, QueryResultsFormat::Json), want);
    // ASK
    let ask = post_query(&s.base, "ASK { ?s ?p ?o }", "application/sparql-results+json");
    assert_eq!(solutions(&ask.body, QueryResultsFormat::Json), ["true".to_owned()].into());

    // CONSTRUCT in Turtle, N-Triples and RDF/XML: the same triples
    let construct = "CONSTRUCT { ?p <http://www.w3.org/2000/01/rdf-schema#label> ?n } WHERE { ?p a <https://w3id.org/lantai/ontology#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?n }";
    let mut graphs = Vec::new();
    for (accept, format) in [
        ("text/turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        ("application/rdf+xml", RdfFormat::RdfXml),
    ] {
        let a = post_query(&s.base, construct, accept);
        assert_eq!(a.status, 200, "{accept}");
        assert!(a.content_type.starts_with(accept), "{accept}: {}", a.content_type);
        let triples: BTreeSet<String> = RdfParser::from_format(format)
            .for_slice(&a.body)
            .map(|q| q.unwrap_or_else(|e| panic!("{accept} does not parse: {e}")).to_string())
            .collect();
        graphs.push(triples);
    }
    assert!(graphs[0].len() > 10 && graphs[0] == graphs[1] && graphs[1] == graphs[2]);
    // and by rio_turtle, a parser that is not oxigraph's
    let ttl = post_query(&s.base, construct, "text/turtle");
    let mut n = 0;
    rio_api::parser::TriplesParser::parse_all(
        &mut rio_turtle::TurtleParser::new(ttl.body.as_slice(), None),
        &mut |_| {
            n += 1;
            Ok::<(), rio_turtle::TurtleError>(())
        },
    )
    .unwrap();
    assert_eq!(n, graphs[0].len());

    // an Accept nothing matches: 406
    assert_eq!(post_query(&s.base, PEOPLE, "image/png").status, 406);

    // every shipped query gives what `lantai query` gives
    let list = String::from_utf8(lantai(&["query", "--list"]).stdout).unwrap();
    for name in list.lines().filter_map(|l| l.split_whitespace().next()) {
        let embedded = lantai(&["query", "--store", store.to_str().unwrap(), name, "--format", "csv"]);
        let served = lantai(&["query", "--endpoint", &format!("{}/sparql", s.base), name, "--format", "csv"]);
        assert!(served.status.success(), "{name}: {}", String::from_utf8_lossy(&served.stderr));
        let sorted = |o: &Output| {
            let mut l: Vec<String> = String::from_utf8_lossy(&o.stdout).lines().map(str::to_owned).collect();
            l.sort();
            l
        };
        assert_eq!(sorted(&served), sorted(&embedded), "{name}");
    }

    // a document's graph through the graph store protocol
    let graph = "https://w3id.org/lantai/doc/003_fb0662294ac0928b.txt";
    let g = answer(
        agent().get(format!("{}/store", s.base)).query("graph", graph).header("Accept", "application/n-triples").call(),
    );
    assert_eq!(g.status, 200);
    let n = RdfParser::from_format(RdfFormat::NTriples).for_slice(&g.body).count();
    let export = lantai(&["export", "--store", store.to_str().unwrap(), "--graph", graph, "--format", "ntriples"]);
    assert!(export.status.success());
    assert_eq!(n, String::from_utf8_lossy(&export.stdout).lines().count());
}

#[test]
fn errors_limits_and_the_read_only_default() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeds_store(dir.path());
    let s = serve(&store, &["--timeout", "1", "--max-rows", "10"]);

    // a malformed query: 400 with the parser's message
    let bad = post_query(&s.base, "SELEC ?x WHERE { ?x ?y ?z }", "application/sparql-results+json");
    assert_eq!(bad.status, 400);
    let msg = String::from_utf8(bad.body).unwrap();
    assert!(msg.contains("SPARQL syntax error") && msg.contains("1:1"), "{msg}");

    // a query past --timeout is cancelled with a clear error, quickly
    let started = Instant::now();
    let slow = post_query(
        &s.base,
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }",
        "application/sparql-results+json",
    );
    assert_eq!(slow.status, 503, "{}", String::from_utf8_lossy(&slow.body));
    assert!(String::from_utf8_lossy(&slow.body).contains("stopped after 1 s"));
    assert!(started.elapsed() < Duration::from_secs(20), "cancelled late: {:?}", started.elapsed());

    // results over --max-rows are cut and say so; lantai query --endpoint reports it
    let cut = post_query(&s.base, PEOPLE, "application/sparql-results+json");
    assert_eq!(cut.status, 200);
    assert_eq!(cut.max_rows.as_deref(), Some("10"));
    assert_eq!(solutions(&cut.body, QueryResultsFormat::Json).len(), 10);
    let q = lantai(&["query", "--endpoint", &format!("{}/sparql", s.base), "people-posts", "--format", "csv"]);
    assert_eq!(q.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&q.stderr).contains("cut the results at 10 rows"));

    // read-only: an update and a graph write are refused, nothing changes
    let update = answer(agent().post(format!("{}/sparql", s.base)).send_form([("update", "CLEAR ALL")]));
    assert_eq!(update.status, 403);
    assert!(String::from_utf8_lossy(&update.body).contains("--writable"));
    let put = answer(
        agent()
            .put(format!("{}/store?graph=urn:x", s.base))
            .header("Content-Type", "text/turtle")
            .send("<urn:a> <urn:b> <urn:c> ."),
    );
    assert_eq!(put.status, 403);
    let still = post_query(&s.base, "ASK { ?s ?p ?o }", "application/sparql-results+json");
    assert_eq!(solutions(&still.body, QueryResultsFormat::Json), ["true".to_owned()].into());

    // an ingest into the served store is refused, naming the server
    let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/seeds");
    let o = lantai(&["ingest", "--store", store.to_str().unwrap(), seeds.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("served by `lantai serve`") && err.contains(&s.base), "{err}");
}

#[test]
fn a_writable_server_takes_documents_through_the_graph_store() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeds_store(dir.path());
    let s = serve(&store, &["--writable"]);
    let doc = dir.path().join("新 文件 #1.txt");
    std::fs::write(&doc, "2021年3月5日，沈阳市档案馆举办红色档案展览。馆长王晓东出席。\n").unwrap();
    let o = lantai(&[
        "ingest",
        "--endpoint",
        &format!("{}/sparql", s.base),
        "--graph-store",
        &format!("{}/store", s.base),
        doc.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let a = post_query(
        &s.base,
        "ASK { GRAPH <https://w3id.org/lantai/doc/新%20文件%20%231.txt> { ?p <http://www.w3.org/2000/01/rdf-schema#label> \"王晓东\" } }",
        "application/sparql-results+json",
    );
    assert_eq!(solutions(&a.body, QueryResultsFormat::Json), ["true".to_owned()].into());
    // DELETE removes exactly that graph
    let del = answer(
        agent()
            .delete(format!("{}/store", s.base))
            .query("graph", "https://w3id.org/lantai/doc/新%20文件%20%231.txt")
            .call(),
    );
    assert_eq!(del.status, 204);
    let docs = post_query(
        &s.base,
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?d { ?d a <https://w3id.org/lantai/ontology#Document> } }",
        "text/csv",
    );
    assert_eq!(String::from_utf8(docs.body).unwrap().lines().nth(1), Some("5"));
}

/// A path for a minted IRI: its non-ASCII bytes percent-encoded, as a browser sends it.
fn path_of(iri: &str, base: &str, prefix: &str) -> String {
    format!("{prefix}{}", browser_encoded(iri.strip_prefix(base).unwrap()))
}

/// A path as a browser sends it: its non-ASCII bytes percent-encoded.
fn browser_encoded(path: &str) -> String {
    path.bytes().map(|b| if b >= 0x80 { format!("%{b:02X}") } else { (b as char).to_string() }).collect()
}

/// The first link of a page to an `/id/` page, other than one ending with `not`.
fn id_link<'a>(html: &'a str, not: &str) -> Option<&'a str> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|h| h.split('"').next())
        .find(|h| h.starts_with("/id/") && (not.is_empty() || !h.ends_with(not)))
}

fn get(url: &str, accept: &str) -> Answer {
    answer(agent().get(url).header("Accept", accept).call())
}

#[test]
fn every_entity_is_a_page_for_people_and_for_rdf_clients() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeds_store(dir.path());
    let s = serve(&store, &[]);
    let html = "text/html,application/xhtml+xml,*/*;q=0.8";
    let list = post_query(
        &s.base,
        "PREFIX lt: <https://w3id.org/lantai/ontology#>
         SELECT DISTINCT ?e ?label WHERE { ?e a ?t ; <http://www.w3.org/2000/01/rdf-schema#label> ?label
           FILTER (?t IN (lt:Unit, lt:Person, lt:Event, lt:Publication)) }",
        "application/sparql-results+json",
    );
    let v: serde_json::Value = serde_json::from_slice(&list.body).unwrap();
    let rows = v["results"]["bindings"].as_array().unwrap();
    assert!(rows.len() > 100, "{} entities", rows.len());
    let id = "https://w3id.org/lantai/id/";
    for r in rows {
        let (iri, label) = (r["e"]["value"].as_str().unwrap(), r["label"]["value"].as_str().unwrap());
        let url = format!("{}{}", s.base, path_of(iri, id, "/id/"));
        let page = get(&url, html);
        assert_eq!(page.status, 200, "{iri}");
        assert!(page.content_type.starts_with("text/html"), "{iri}: {}", page.content_type);
        let text = String::from_utf8(page.body).unwrap();
        let escaped = label.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;");
        assert!(text.contains(&escaped), "{iri}: no label on its page");
    }
    // an RDF client gets Turtle or JSON-LD with the entity's statements
    let archive = format!("{id}unit/沈阳市档案馆");
    let url = format!("{}{}", s.base, path_of(&archive, id, "/id/"));
    let ttl = get(&url, "text/turtle");
    assert!(ttl.content_type.starts_with("text/turtle"));
    let triples: Vec<String> = RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&ttl.body)
        .map(|q| q.expect("the page's Turtle parses").to_string())
        .collect();
    assert!(triples
        .iter()
        .any(|t| t.starts_with(&format!("<{archive}> <http://www.w3.org/2000/01/rdf-schema#label>"))));
    let jsonld = get(&url, "application/ld+json");
    assert!(jsonld.content_type.starts_with("application/ld+json"), "{}", jsonld.content_type);
    let n = RdfParser::from_format(RdfFormat::from_media_type("application/ld+json").unwrap())
        .for_slice(&jsonld.body)
        .count();
    assert_eq!(n, triples.len());
    // the HTML page draws the neighbourhood, and one neighbour link leads to its page
    let page = String::from_utf8(get(&url, html).body).unwrap();
    assert!(page.contains("<img src=\"/svg/id/unit/沈阳市档案馆\""), "no neighbourhood picture");
    let svg = get(&format!("{}{}", s.base, path_of(&archive, id, "/svg/id/")), "image/svg+xml");
    assert!(svg.content_type.starts_with("image/svg+xml"), "{}", svg.content_type);
    roxmltree::Document::parse(std::str::from_utf8(&svg.body).unwrap()).expect("the picture is well-formed SVG");
    let neighbour = id_link(&page, "沈阳市档案馆").expect("a link to a neighbour");
    assert_eq!(get(&format!("{}{}", s.base, browser_encoded(neighbour)), html).status, 200, "{neighbour}");
    // a document's page, the ontology, and a 404
    let doc = get(&format!("{}/doc/003_fb0662294ac0928b.txt", s.base), html);
    assert_eq!(doc.status, 200);
    assert!(String::from_utf8(doc.body).unwrap().contains("凝心聚力"));
    assert_eq!(
        get(&format!("{}/doc/003_fb0662294ac0928b.txt", s.base), "text/turtle").content_type,
        "application/trig"
    );
    let onto = get(&format!("{}/ontology", s.base), html);
    assert!(String::from_utf8(onto.body).unwrap().contains("id=\"Unit\""));
    assert_eq!(get(&format!("{}/id/unit/nothing-here", s.base), html).status, 404);
}

/// The query page works with no network: YASGUI is served from the binary,
/// nothing on the page comes from another host, every shipped query is a
/// tab, and the search box finds an entity by a traditional-script name.
#[test]
fn the_query_page_is_self_contained_and_the_search_finds_names() {
    let dir = tempfile::tempdir().unwrap();
    let store = seeds_store(dir.path());
    let s = serve(&store, &[]);
    let page = get(&format!("{}/", s.base), "text/html");
    assert_eq!(page.status, 200);
    let html = String::from_utf8(page.body).unwrap();
    assert!(html.contains("src=\"/assets/yasgui.min.js\"") && html.contains("href=\"/assets/yasgui.min.css\""));
    for attr in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "@import"] {
        assert!(!html.contains(attr), "the page loads something from elsewhere: {attr}");
    }
    let list = String::from_utf8(lantai(&["query", "--list"]).stdout).unwrap();
    for name in list.lines().filter_map(|l| l.split_whitespace().next()) {
        assert!(html.contains(&format!("[\"{name}\",")), "no tab for {name}");
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for (asset, file, media) in [
        ("yasgui.min.js", "web/yasgui/yasgui.min.js", "application/javascript"),
        ("yasgui.min.css", "web/yasgui/yasgui.min.css", "text/css"),
    ] {
        let a = get(&format!("{}/assets/{asset}", s.base), "*/*");
        assert_eq!(a.status, 200);
        assert!(a.content_type.starts_with(media), "{asset}: {}", a.content_type);
        assert_eq!(a.body, std::fs::read(manifest.join(file)).unwrap(), "{asset}");
    }
    // the search box: a traditional-script name finds the unit, linked to its page
    let found = answer(agent().get(format!("{}/search", s.base)).query("q", "沈陽市檔案館").call());
    assert_eq!(found.status, 200);
    let text = String::from_utf8(found.body).unwrap();
    assert!(text.contains("href=\"/id/unit/沈阳市档案馆\""), "{text}");
    let none = answer(agent().get(format!("{}/search", s.base)).query("q", "不存在的单位").call());
    assert!(String::from_utf8(none.body).unwrap().contains("No entity"));
}

/// A real browser: headless Chromium opens the query page with no other
/// host reachable, YASGUI draws a tab per shipped query, runs one and shows
/// its result table, and the entity page renders; screenshots are kept under the build folder
/// (`$CARGO_TARGET_DIR/lantai-screenshots`) as artefacts.
#[test]
fn chromium_draws_the_query_page_and_an_entity_page() {
    let chromium = ["chromium", "chromium-browser"]
        .iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok_and(|o| o.status.success()))
        .unwrap_or_else(|| {
            panic!("Chromium is not installed: apt-get install chromium (scripts/servers.sh does this)")
        });
    let dir = tempfile::tempdir().unwrap();
    let store = seeds_store(dir.path());
    let s = serve(&store, &[]);
    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()))
        .join("lantai-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let profile = dir.path().join("chromium-profile");
    let run = |extra: &[&str], url: &str| {
        let o = Command::new(chromium)
            .args(["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run"])
            .arg(format!("--user-data-dir={}", profile.display()))
            // no network but the server: a page that loads from elsewhere shows it
            .arg("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1")
            .args(["--virtual-time-budget=10000", "--window-size=1280,900"])
            .args(extra)
            .arg(url)
            .stderr(Stdio::null())
            .output()
            .unwrap();
        assert!(o.status.success(), "chromium failed on {url}");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let dom = run(&["--dump-dom"], &format!("{}/", s.base));
    let tabs = dom.matches("class=\"tab\"").count() + dom.matches("class=\"tab active\"").count();
    let list = String::from_utf8(lantai(&["query", "--list"]).stdout).unwrap();
    let names: Vec<&str> = list.lines().filter_map(|l| l.split_whitespace().next()).collect();
    assert!(tabs > names.len(), "YASGUI drew {tabs} tabs for {} queries", names.len());
    assert!(dom.contains("CodeMirror"), "no query editor in the page");
    run(&[&format!("--screenshot={}", shots.join("query-page.png").display())], &format!("{}/", s.base));
    // a shipped query run in YASGUI: its result table holds the documents
    let dom = run(&["--dump-dom"], &format!("{}/?run=documents", s.base));
    assert!(dom.contains("<table") && dom.contains("003_fb0662294ac0928b.txt"), "no result table in YASGUI");
    run(
        &[&format!("--screenshot={}", shots.join("query-result.png").display())],
        &format!("{}/?run=documents", s.base),
    );
    // the search box's answer for a traditional-script name links to the entity page
    let found =
        run(&["--dump-dom"], &format!("{}/search?q=%E6%B2%88%E9%99%BD%E5%B8%82%E6%AA%94%E6%A1%88%E9%A4%A8", s.base));
    let href = id_link(&found, "").expect("a link to the entity");
    assert_eq!(href, "/id/unit/沈阳市档案馆");
    let entity = format!("{}/id/unit/%E6%B2%88%E9%98%B3%E5%B8%82%E6%A1%A3%E6%A1%88%E9%A6%86", s.base);
    let dom = run(&["--dump-dom"], &entity);
    assert!(dom.contains("<img src=\"/svg/id/") && dom.contains("沈阳市档案馆"), "the entity page did not render");
    // one neighbour link followed, in the browser
    let neighbour = id_link(&dom, "沈阳市档案馆").expect("a neighbour link");
    let next = run(&["--dump-dom"], &format!("{}{}", s.base, browser_encoded(neighbour)));
    assert!(next.contains("<h2>Statements</h2>"), "the neighbour's page did not render: {neighbour}");
    run(&[&format!("--screenshot={}", shots.join("entity-page.png").display())], &entity);
    assert!(shots.join("query-page.png").metadata().unwrap().len() > 10_000);
}
