//! `lantai serve`: the store on the SPARQL 1.1 Protocol (`GET`/`POST
//! /sparql`) and, with `--writable`, SPARQL Update and the Graph Store
//! Protocol (`/store?graph=`), over oxhttp (oxigraph's own HTTP crate).
//!
//! The default graph is the union of the graphs, as in `lantai query`.
//! Results are negotiated by `Accept` and written by oxigraph's serializers;
//! a query is cancelled after `--timeout`, and a SELECT cut at `--max-rows`
//! says so in `X-SPARQL-MaxRows` (the header lantai's own `query --endpoint`
//! reports). Every answer carries CORS headers, so browser clients work.
//!
//! `/id/…`, `/doc/…` and `/ontology` are linked-data pages (`pages`).
//!
//! The server holds the store's write lock: `lantai ingest --store` into it
//! is refused with the server's address (`SERVED_FILE`), and documents go in
//! through the server instead (`lantai ingest --endpoint`).

use crate::query;
use oxhttp::model::header::{HeaderName, ACCEPT, CONTENT_TYPE};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::io::Read;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// The file in a served store's folder that says where it is served
/// (`URL pid`), so that a writer refused by the lock can say where to go.
pub const SERVED_FILE: &str = "lantai-serve";

#[derive(Clone, Debug)]
pub struct Options {
    pub bind: SocketAddr,
    pub timeout: Duration,
    pub max_rows: usize,
    pub writable: bool,
}

/// Request bodies larger than this are refused (a document's graph is far smaller).
const MAX_BODY: u64 = 256 << 20;

/// Serve until the process is stopped.
pub fn serve(store: Store, store_dir: &Path, opts: Options) -> std::io::Result<()> {
    let store = Arc::new(store);
    let handler_opts = opts.clone();
    let handler_store = Arc::clone(&store);
    let server = oxhttp::Server::new(move |req| handle(&handler_store, &handler_opts, req))
        .bind(opts.bind)
        .with_global_timeout(opts.timeout + Duration::from_secs(30))
        .with_max_concurrent_connections(64)
        .with_server_name(concat!("lantai/", env!("CARGO_PKG_VERSION")))
        .map_err(std::io::Error::other)?;
    let listening = server.spawn()?;
    let url = format!("http://{}", opts.bind);
    std::fs::write(store_dir.join(SERVED_FILE), format!("{url} {}\n", std::process::id()))?;
    eprintln!(
        "serving {} at {url}/sparql ({}); stop with Ctrl-C",
        store_dir.display(),
        if opts.writable { "read-write: SPARQL Update and /store" } else { "read-only" }
    );
    listening.join()
}

/// Where a running server says it serves the store, if one does.
pub fn served_at(store_dir: &Path) -> Option<String> {
    let text = std::fs::read_to_string(store_dir.join(SERVED_FILE)).ok()?;
    text.split_whitespace().next().map(str::to_owned)
}

/// One request.
pub fn handle(store: &Store, opts: &Options, req: &mut Request<Body>) -> Response<Body> {
    let mut resp = match (req.uri().path(), req.method()) {
        (_, &Method::OPTIONS) => empty(StatusCode::NO_CONTENT),
        ("/sparql", &Method::GET) => match param(req.uri().query().unwrap_or(""), "query") {
            Some(q) => run_query(store, opts, &q, accept(req)),
            None if req.uri().query().is_some_and(|q| param(q, "update").is_some()) => {
                error(StatusCode::METHOD_NOT_ALLOWED, "an update must be POSTed")
            }
            None => landing(),
        },
        ("/sparql", &Method::POST) => post_sparql(store, opts, req),
        ("/store", m) => graph_store(store, opts, req, m.clone()),
        ("/", &Method::GET) => landing(),
        ("/search", &Method::GET) => match param(req.uri().query().unwrap_or(""), "q") {
            Some(q) if !q.trim().is_empty() => search(store, &q),
            _ => error(StatusCode::BAD_REQUEST, "give a name: /search?q=NAME"),
        },
        (path, &Method::GET) if path.starts_with("/assets/") => asset(path),
        ("/ontology", &Method::GET) => page(crate::pages::ontology_page(store, &accept(req)), "the ontology"),
        (path, &Method::GET) if path.starts_with("/svg/id/") => {
            let iri = crate::pages::iri_of(&path["/svg".len()..]).unwrap_or_default();
            page(crate::pages::neighbourhood_svg(store, &iri), &iri)
        }
        (path, &Method::GET) if crate::pages::iri_of(path).is_some() => {
            let iri = crate::pages::iri_of(path).unwrap_or_default();
            page(crate::pages::node_page(store, &iri, &accept(req)), &iri)
        }
        _ => error(StatusCode::NOT_FOUND, "not found: the SPARQL endpoint is /sparql, the graph store /store"),
    };
    cors(&mut resp);
    resp
}

fn post_sparql(store: &Store, opts: &Options, req: &mut Request<Body>) -> Response<Body> {
    let media = media_type(req.headers().get(CONTENT_TYPE));
    let body = match read_body(req) {
        Ok(b) => b,
        Err(r) => return *r,
    };
    let accept = accept(req);
    match media.as_str() {
        "application/x-www-form-urlencoded" => {
            if let Some(q) = param(&body, "query") {
                run_query(store, opts, &q, accept)
            } else if let Some(u) = param(&body, "update") {
                run_update(store, opts, &u)
            } else {
                error(StatusCode::BAD_REQUEST, "the form holds neither query= nor update=")
            }
        }
        "application/sparql-query" => run_query(store, opts, &body, accept),
        "application/sparql-update" => run_update(store, opts, &body),
        other => error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            &format!(
                "a SPARQL request is application/x-www-form-urlencoded, application/sparql-query or \
                 application/sparql-update, not {other:?}"
            ),
        ),
    }
}

fn run_query(store: &Store, opts: &Options, text: &str, accept: String) -> Response<Body> {
    let token = CancellationToken::new();
    let prepared = match SparqlEvaluator::new().with_cancellation_token(token.clone()).parse_query(text) {
        Ok(mut p) => {
            p.dataset_mut().set_default_graph_as_union();
            p
        }
        Err(e) => return error(StatusCode::BAD_REQUEST, &format!("SPARQL syntax error: {e}")),
    };
    // a timer cancels the query; evaluation checks the token as it goes
    // a timer cancels the query unless the answer is written first (dropping
    // `done` wakes it); evaluation checks the token as it goes
    let (done, finished) = std::sync::mpsc::channel::<()>();
    {
        let token = token.clone();
        let limit = opts.timeout;
        std::thread::spawn(move || {
            if finished.recv_timeout(limit) == Err(std::sync::mpsc::RecvTimeoutError::Timeout) {
                token.cancel();
            }
        });
    }
    let answer = prepared.on_store(store).execute().map_err(eval_error).and_then(|r| write_results(r, opts, &accept));
    drop(done);
    match answer {
        Ok(r) => r,
        Err(Failure::Cancelled) => error(
            StatusCode::SERVICE_UNAVAILABLE,
            &format!("the query was stopped after {} s (lantai serve --timeout)", opts.timeout.as_secs_f64()),
        ),
        Err(Failure::Response(r)) => *r,
        Err(Failure::Eval(m)) => error(StatusCode::INTERNAL_SERVER_ERROR, &format!("query failed: {m}")),
    }
}

enum Failure {
    Cancelled,
    Eval(String),
    Response(Box<Response<Body>>),
}

fn eval_error(e: QueryEvaluationError) -> Failure {
    match e {
        QueryEvaluationError::Cancelled => Failure::Cancelled,
        e => Failure::Eval(e.to_string()),
    }
}

/// Media types offered for solutions and booleans, and for graphs; the first is the default.
const RESULT_TYPES: [(&str, QueryResultsFormat); 5] = [
    ("application/sparql-results+json", QueryResultsFormat::Json),
    ("application/sparql-results+xml", QueryResultsFormat::Xml),
    ("text/csv", QueryResultsFormat::Csv),
    ("text/tab-separated-values", QueryResultsFormat::Tsv),
    ("application/json", QueryResultsFormat::Json),
];
const GRAPH_TYPES: [(&str, RdfFormat); 6] = [
    ("text/turtle", RdfFormat::Turtle),
    ("application/n-triples", RdfFormat::NTriples),
    ("application/n-quads", RdfFormat::NQuads),
    ("application/trig", RdfFormat::TriG),
    ("application/rdf+xml", RdfFormat::RdfXml),
    ("text/plain", RdfFormat::NTriples),
];

/// The offered type the `Accept` header prefers (highest q, then the order
/// of the header), `None` when it accepts none of them.
fn negotiate<T: Copy>(accept: &str, offered: &[(&'static str, T)]) -> Option<(&'static str, T)> {
    if accept.trim().is_empty() {
        return offered.first().copied();
    }
    let mut best: Option<(f32, usize, (&'static str, T))> = None;
    for (i, item) in accept.split(',').enumerate() {
        let mut parts = item.split(';');
        let range = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q =
            parts.filter_map(|p| p.trim().strip_prefix("q=")).find_map(|v| v.trim().parse::<f32>().ok()).unwrap_or(1.0);
        if q <= 0.0 {
            continue;
        }
        let hit = offered.iter().copied().find(|(t, _)| {
            range == *t || range == "*/*" || range.strip_suffix("/*").is_some_and(|major| t.starts_with(major))
        });
        if let Some(h) = hit {
            if best.as_ref().is_none_or(|(bq, _, _)| q > *bq) {
                best = Some((q, i, h));
            }
        }
    }
    best.map(|(_, _, h)| h)
}

fn write_results(results: QueryResults<'static>, opts: &Options, accept: &str) -> Result<Response<Body>, Failure> {
    let not_acceptable = |offered: Vec<&str>| {
        Failure::Response(Box::new(error(
            StatusCode::NOT_ACCEPTABLE,
            &format!("none of the types in Accept is offered here: {}", offered.join(", ")),
        )))
    };
    match results {
        QueryResults::Solutions(solutions) => {
            let Some((media, format)) = negotiate(accept, &RESULT_TYPES) else {
                return Err(not_acceptable(RESULT_TYPES.iter().map(|t| t.0).collect()));
            };
            let vars = solutions.variables().to_vec();
            let mut w = QueryResultsSerializer::from_format(format)
                .serialize_solutions_to_writer(Vec::new(), vars)
                .map_err(|e| Failure::Eval(e.to_string()))?;
            let mut cut = false;
            for (rows, s) in solutions.enumerate() {
                let s = s.map_err(eval_error)?;
                if rows == opts.max_rows {
                    cut = true;
                    break;
                }
                w.serialize(&s).map_err(|e| Failure::Eval(e.to_string()))?;
            }
            let bytes = w.finish().map_err(|e| Failure::Eval(e.to_string()))?;
            let mut r = ok(media, bytes);
            if cut {
                let v = HeaderValue::from(opts.max_rows);
                r.headers_mut().insert(HeaderName::from_static("x-sparql-maxrows"), v);
            }
            Ok(r)
        }
        QueryResults::Boolean(b) => {
            let Some((media, format)) = negotiate(accept, &RESULT_TYPES) else {
                return Err(not_acceptable(RESULT_TYPES.iter().map(|t| t.0).collect()));
            };
            let bytes = QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(Vec::new(), b)
                .map_err(|e| Failure::Eval(e.to_string()))?;
            Ok(ok(media, bytes))
        }
        QueryResults::Graph(triples) => {
            let Some((media, format)) = negotiate(accept, &GRAPH_TYPES) else {
                return Err(not_acceptable(GRAPH_TYPES.iter().map(|t| t.0).collect()));
            };
            let mut w = crate::export::prefixed(RdfSerializer::from_format(format)).for_writer(Vec::new());
            for t in triples {
                w.serialize_triple(&t.map_err(eval_error)?).map_err(|e| Failure::Eval(e.to_string()))?;
            }
            let bytes = w.finish().map_err(|e| Failure::Eval(e.to_string()))?;
            Ok(ok(media, bytes))
        }
    }
}

fn run_update(store: &Store, opts: &Options, text: &str) -> Response<Body> {
    if !opts.writable {
        return error(StatusCode::FORBIDDEN, "this server is read-only: start it with `lantai serve --writable`");
    }
    let update = match SparqlEvaluator::new().parse_update(text) {
        Ok(u) => u,
        Err(e) => return error(StatusCode::BAD_REQUEST, &format!("SPARQL syntax error: {e}")),
    };
    match update.on_store(store).execute() {
        Ok(()) => empty(StatusCode::NO_CONTENT),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &format!("update failed: {e}")),
    }
}

/// The Graph Store Protocol on named graphs: GET always, PUT/POST/DELETE
/// with `--writable`.
fn graph_store(store: &Store, opts: &Options, req: &mut Request<Body>, method: Method) -> Response<Body> {
    let Some(graph) = param(req.uri().query().unwrap_or(""), "graph") else {
        return error(StatusCode::BAD_REQUEST, "give the graph: /store?graph=IRI");
    };
    let Ok(graph) = NamedNode::new(graph.clone()) else {
        return error(StatusCode::BAD_REQUEST, &format!("not an IRI: {graph}"));
    };
    let g = GraphNameRef::NamedNode(graph.as_ref());
    let exists = store.contains_named_graph(graph.as_ref()).unwrap_or(false);
    match method {
        Method::GET | Method::HEAD => {
            if !exists {
                return error(StatusCode::NOT_FOUND, &format!("no graph {graph}"));
            }
            let Some((media, format)) = negotiate(&accept(req), &GRAPH_TYPES) else {
                return error(StatusCode::NOT_ACCEPTABLE, "Accept offers no RDF format served here");
            };
            let mut w = crate::export::prefixed(RdfSerializer::from_format(format)).for_writer(Vec::new());
            for q in store.quads_for_pattern(None, None, None, Some(g)) {
                let q = match q {
                    Ok(q) => q,
                    Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
                };
                let r = if format.supports_datasets() { w.serialize_quad(&q) } else { w.serialize_triple(&q.into()) };
                if let Err(e) = r {
                    return error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string());
                }
            }
            match w.finish() {
                Ok(bytes) => ok(media, bytes),
                Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
            }
        }
        _ if !opts.writable => {
            error(StatusCode::FORBIDDEN, "this server is read-only: start it with `lantai serve --writable`")
        }
        Method::DELETE => {
            if !exists {
                return error(StatusCode::NOT_FOUND, &format!("no graph {graph}"));
            }
            match store.remove_named_graph(graph.as_ref()) {
                Ok(_) => empty(StatusCode::NO_CONTENT),
                Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
            }
        }
        Method::PUT | Method::POST => {
            let media = media_type(req.headers().get(CONTENT_TYPE));
            let Some(format) = RdfFormat::from_media_type(&media) else {
                return error(StatusCode::UNSUPPORTED_MEDIA_TYPE, &format!("not an RDF format: {media:?}"));
            };
            let body = match read_body(req) {
                Ok(b) => b,
                Err(r) => return *r,
            };
            let parser = RdfParser::from_format(format).with_default_graph(graph.clone()).without_named_graphs();
            let quads = match parser.for_slice(body.as_bytes()).collect::<Result<Vec<_>, _>>() {
                Ok(q) => q,
                Err(e) => return error(StatusCode::BAD_REQUEST, &format!("cannot parse the graph: {e}")),
            };
            // one transaction: the graph is replaced (PUT) or added to (POST) whole or not at all
            let result = (|| {
                let mut tx = store.start_transaction()?;
                if method == Method::PUT {
                    tx.clear_graph(graph.as_ref())?;
                }
                tx.extend(quads.iter());
                tx.commit()
            })();
            match result {
                Ok(()) if exists => empty(StatusCode::NO_CONTENT),
                Ok(()) => empty(StatusCode::CREATED),
                Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, &e.to_string()),
            }
        }
        _ => error(StatusCode::METHOD_NOT_ALLOWED, "GET, PUT, POST or DELETE"),
    }
}

fn page(p: crate::pages::Page, what: &str) -> Response<Body> {
    match p {
        Some((media, bytes)) => {
            let mut r = ok(&media, bytes);
            r.headers_mut().insert(HeaderName::from_static("vary"), HeaderValue::from_static("Accept"));
            r
        }
        None => error(StatusCode::NOT_FOUND, &format!("nothing is known about {what}")),
    }
}

/// YASGUI (npm `@zazuko/yasgui`, MIT; web/yasgui/LICENSE), compiled in:
/// the query page needs no network.
const YASGUI_JS: &[u8] = include_bytes!("../web/yasgui/yasgui.min.js");
const YASGUI_CSS: &[u8] = include_bytes!("../web/yasgui/yasgui.min.css");

fn asset(path: &str) -> Response<Body> {
    match path {
        "/assets/yasgui.min.js" => ok("application/javascript", YASGUI_JS.to_vec()),
        "/assets/yasgui.min.css" => ok("text/css", YASGUI_CSS.to_vec()),
        _ => error(StatusCode::NOT_FOUND, "no such asset"),
    }
}

/// The query page: YASGUI on this server's /sparql, a tab per shipped query,
/// and a search box that finds entities by any label (`/search`).
fn landing() -> Response<Body> {
    let tabs: Vec<(String, String)> = query::shipped_names()
        .iter()
        .filter_map(|n| query::load(n).ok().map(|(_, text)| ((*n).to_owned(), text)))
        .collect();
    // JSON inside a script element: `</` must not close it
    let tabs = serde_json::to_string(&tabs).expect("strings serialize").replace("</", "<\\/");
    let html = format!(
        r#"<!doctype html><html lang=zh><meta charset=utf-8><title>lantai</title>
<link rel=stylesheet href="/assets/yasgui.min.css">
<style>body{{font-family:sans-serif;margin:0 1em}} header{{display:flex;gap:2em;align-items:center}} #search input{{width:20em}}</style>
<header><h1>lantai 兰台</h1>
<form id=search action="/search" method=get><input name=q placeholder="找名称：简体、繁體或别名"> <button>search</button></form>
<a href="/ontology">ontology</a></header>
<p>SPARQL endpoint <code>/sparql</code>; every entity <code>https://w3id.org/lantai/id/…</code> is a page at <code>/id/…</code>.</p>
<div id=yasgui></div>
<script src="/assets/yasgui.min.js"></script>
<script>
const tabs = {tabs};
const yasgui = new Yasgui(document.getElementById("yasgui"), {{
  requestConfig: {{ endpoint: "/sparql", method: "POST" }},
  copyEndpointOnNewTab: false,
  persistenceId: null
}});
// a tab per shipped query (a tab's editor takes its text from its config:
// only the shown one has an editor to set)
// `/?run=NAME` opens that query's tab and runs it (a link to share an answer)
const run = new URLSearchParams(location.search).get("run");
tabs.forEach(([name, query], i) => {{
  const tab = yasgui.addTab(run ? name === run : i === 0, {{
    name: name,
    yasqe: {{ value: query }},
    requestConfig: {{ endpoint: "/sparql", method: "POST" }}
  }});
  if (name === run) tab.query();
}});
</script></html>"#
    );
    ok("text/html; charset=utf-8", html.into_bytes())
}

/// `/search?q=NAME`: the entities bearing the name as a label or an alias,
/// in either script, as links to their pages.
fn search(store: &Store, q: &str) -> Response<Body> {
    let simplified = crate::normalize::to_simplified(q.trim());
    let found = crate::crossdoc::find_any(store, &[q.trim(), &simplified]).unwrap_or_default();
    let mut body = format!("<h1>{}</h1>", crate::pages::esc(q));
    if found.is_empty() {
        body.push_str("<p>No entity has this name.</p>");
    } else {
        body.push_str("<ul>");
        for m in &found {
            let url = crate::pages::local_url(&m.iri).unwrap_or_else(|| m.iri.clone());
            body.push_str(&format!(
                "<li><a href=\"{}\">{}</a> ({})</li>",
                crate::pages::esc(&url),
                crate::pages::esc(&m.label),
                m.kind.name()
            ));
        }
        body.push_str("</ul>");
    }
    let html = format!(
        "<!doctype html><meta charset=utf-8><title>{0} · lantai</title><p><a href=\"/\">lantai</a></p>{body}",
        crate::pages::esc(q)
    );
    ok("text/html; charset=utf-8", html.into_bytes())
}

fn ok(media: &str, bytes: Vec<u8>) -> Response<Body> {
    let ct = if media.starts_with("text/") && !media.contains("charset") {
        format!("{media}; charset=utf-8")
    } else {
        media.to_owned()
    };
    Response::builder().status(StatusCode::OK).header(CONTENT_TYPE, ct).body(Body::from(bytes)).expect("valid response")
}

fn empty(status: StatusCode) -> Response<Body> {
    Response::builder().status(status).body(Body::empty()).expect("valid response")
}

fn error(status: StatusCode, message: &str) -> Response<Body> {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, "text/plain; charset=utf-8")
        .body(Body::from(format!("{message}\n")))
        .expect("valid response")
}

fn cors(resp: &mut Response<Body>) {
    let h = resp.headers_mut();
    h.insert(HeaderName::from_static("access-control-allow-origin"), HeaderValue::from_static("*"));
    h.insert(
        HeaderName::from_static("access-control-allow-methods"),
        HeaderValue::from_static("GET, POST, PUT, DELETE, OPTIONS"),
    );
    h.insert(HeaderName::from_static("access-control-allow-headers"), HeaderValue::from_static("Content-Type, Accept"));
    h.insert(HeaderName::from_static("access-control-expose-headers"), HeaderValue::from_static("X-SPARQL-MaxRows"));
}

fn accept(req: &Request<Body>) -> String {
    req.headers().get(ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("").to_owned()
}

fn media_type(v: Option<&HeaderValue>) -> String {
    v.and_then(|v| v.to_str().ok()).and_then(|s| s.split(';').next()).unwrap_or("").trim().to_ascii_lowercase()
}

fn read_body(req: &mut Request<Body>) -> Result<String, Box<Response<Body>>> {
    let mut bytes = Vec::new();
    let body = req.body_mut();
    if let Err(e) = body.take(MAX_BODY + 1).read_to_end(&mut bytes) {
        return Err(Box::new(error(StatusCode::BAD_REQUEST, &format!("cannot read the request: {e}"))));
    }
    if bytes.len() as u64 > MAX_BODY {
        return Err(Box::new(error(StatusCode::PAYLOAD_TOO_LARGE, "the request is over 256 MB")));
    }
    String::from_utf8(bytes).map_err(|_| Box::new(error(StatusCode::BAD_REQUEST, "the request is not UTF-8")))
}

/// A form or URL parameter, decoded (`+` is a space).
fn param(encoded: &str, name: &str) -> Option<String> {
    encoded.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (k == name).then(|| percent_encoding::percent_decode_str(&v.replace('+', " ")).decode_utf8_lossy().into_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_picks_the_highest_q_then_the_first() {
        assert_eq!(negotiate("", &RESULT_TYPES).unwrap().0, "application/sparql-results+json");
        assert_eq!(negotiate("text/csv", &RESULT_TYPES).unwrap().0, "text/csv");
        assert_eq!(
            negotiate("application/sparql-results+json;q=0.5, application/sparql-results+xml", &RESULT_TYPES)
                .unwrap()
                .0,
            "application/sparql-results+xml"
        );
        assert_eq!(negotiate("text/*", &GRAPH_TYPES).unwrap().0, "text/turtle");
        assert_eq!(negotiate("*/*;q=0.1", &GRAPH_TYPES).unwrap().0, "text/turtle");
        assert!(negotiate("image/png", &RESULT_TYPES).is_none());
        assert!(negotiate("text/csv;q=0", &RESULT_TYPES).is_none());
    }

    #[test]
    fn form_parameters_are_decoded() {
        assert_eq!(param("a=1&query=SELECT+%3Fx+%7B%7D", "query").as_deref(), Some("SELECT ?x {}"));
        assert_eq!(
            param("graph=https%3A%2F%2Fw3id.org%2Fdoc%2F%E4%BC%9A", "graph").as_deref(),
            Some("https://w3id.org/doc/会")
        );
        assert_eq!(param("queryx=1", "query"), None);
    }
}
