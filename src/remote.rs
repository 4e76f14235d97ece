//! A SPARQL server instead of the embedded store (`--endpoint`): documents
//! sent with the SPARQL 1.1 Graph Store Protocol (`PUT ?graph=<doc>`, so a
//! re-ingest replaces exactly that document), queries with the SPARQL 1.1
//! Protocol (form-encoded POST), the close-match links as a SPARQL Update.
//!
//! Authentication is answered when the server asks for it (a 401 with a
//! Basic or Digest challenge; Virtuoso's write endpoints ask for Digest), so
//! a password never goes in clear to a server that wants Digest. Idempotent
//! requests are retried on resets, timeouts and 502/503/504; a server that
//! stops answering fails the remaining documents at once, each by name.

use crate::ingest::{self, Skipped, Source};
use crate::query::{self, QueryError};
use crate::{pipeline, store, vocab};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Quad, Term, Triple, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsParser};
use oxigraph::sparql::{QueryEvaluationError, QueryResults, QueryTripleIter};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum RemoteError {
    #[error("{url}: {message}")]
    Http { url: String, message: String },
    #[error("{url}: the server answered {status}: {body}")]
    Status { url: String, status: u16, body: String },
    #[error(
        "{url}: the server asks for a password (--user and --password, LANTAI_USER and LANTAI_PASSWORD, or ~/.netrc)"
    )]
    NeedsAuth { url: String },
    #[error("{url}: user {user} was refused (HTTP {status})")]
    Refused { url: String, user: String, status: u16 },
    #[error("{url}: cannot read the answer ({content_type}): {message}")]
    Answer { url: String, content_type: String, message: String },
    #[error(transparent)]
    Query(#[from] QueryError),
    #[error("cannot start worker threads: {0}")]
    Threads(String),
}

/// Where the server listens: one URL for queries, and for updates and the
/// graph store unless the server splits them (Oxigraph server: `/query`,
/// `/update`, `/store`; Virtuoso: `/sparql-auth`, `/sparql-graph-crud-auth`).
#[derive(Clone, Debug)]
pub struct Endpoints {
    pub query: String,
    pub update: String,
    pub graph_store: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub user: String,
    pub password: String,
}

impl Credentials {
    /// `--user`/`--password` (or LANTAI_USER/LANTAI_PASSWORD, which clap
    /// reads into them), else the netrc file (`$NETRC` or `~/.netrc`) entry
    /// of the URL's host.
    pub fn resolve(user: Option<&str>, password: Option<&str>, url: &str) -> Option<Credentials> {
        if let Some(user) = user {
            return Some(Credentials { user: user.to_owned(), password: password.unwrap_or_default().to_owned() });
        }
        let path = std::env::var_os("NETRC")
            .map(std::path::PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| std::path::Path::new(&h).join(".netrc")))?;
        let file = std::fs::File::open(path).ok()?;
        let netrc = netrc::Netrc::parse(std::io::BufReader::new(file)).ok()?;
        let host = host_of(url)?;
        let machine = netrc.hosts.iter().find(|(h, _)| *h == host).map(|(_, m)| m).or(netrc.default.as_ref())?;
        Some(Credentials { user: machine.login.clone(), password: machine.password.clone().unwrap_or_default() })
    }
}

/// The host of an http(s) URL (no port, no user).
fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next()?,
        None => host.split(':').next()?,
    };
    Some(host.to_owned())
}

/// The path and query of a URL (what Digest auth signs).
fn path_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    match rest.find('/') {
        Some(i) => rest[i..].split('#').next().unwrap_or("/").to_owned(),
        None => "/".to_owned(),
    }
}

/// `graph_store?graph=<iri>`, the IRI percent-encoded (non-ASCII, spaces,
/// `#`, `&` and the rest: every byte but the unreserved ones).
pub fn graph_url(graph_store: &str, graph: &str) -> String {
    const ENCODE: &percent_encoding::AsciiSet =
        &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');
    let sep = if graph_store.contains('?') { '&' } else { '?' };
    format!("{graph_store}{sep}graph={}", percent_encoding::utf8_percent_encode(graph, ENCODE))
}

/// How the server wants us to authenticate, learnt from its first 401.
enum Scheme {
    Basic,
    Digest(Box<digest_auth::WwwAuthenticateHeader>),
}

pub struct Client {
    agent: ureq::Agent,
    credentials: Option<Credentials>,
    scheme: Mutex<Option<Scheme>>,
    /// Set when a request found no server at all: the rest are not tried.
    gone: AtomicBool,
}

/// Retries of an idempotent request, and the pause before each.
const RETRY_PAUSES_MS: [u64; 3] = [200, 500, 1000];

/// One HTTP answer, read whole (the bodies here are small: a status, a
/// result set streamed by `query` is read through `respond` instead).
struct Answer {
    status: u16,
    content_type: String,
    max_rows: Option<String>,
    body: ureq::Body,
}

impl Client {
    pub fn new(credentials: Option<Credentials>, timeout: Duration) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .timeout_connect(Some(Duration::from_secs(10)))
            .build()
            .into();
        Client { agent, credentials, scheme: Mutex::new(None), gone: AtomicBool::new(false) }
    }

    fn authorization(&self, method: &str, url: &str, body: &[u8]) -> Option<String> {
        let creds = self.credentials.as_ref()?;
        let mut scheme = self.scheme.lock().unwrap_or_else(|e| e.into_inner());
        match scheme.as_mut()? {
            Scheme::Basic => {
                use base64::Engine;
                let token =
                    base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", creds.user, creds.password));
                Some(format!("Basic {token}"))
            }
            Scheme::Digest(prompt) => {
                let path = path_of(url);
                let ctx = digest_auth::AuthContext::new_with_method(
                    creds.user.as_str(),
                    creds.password.as_str(),
                    path.as_str(),
                    Some(body),
                    digest_auth::HttpMethod::from(method),
                );
                prompt.respond(&ctx).ok().map(|h| h.to_string())
            }
        }
    }

    /// Learn the scheme from a 401's challenge; false when there is nothing
    /// (more) to try.
    fn learn(&self, challenge: Option<&str>, had_auth: bool) -> bool {
        let Some(challenge) = challenge else { return false };
        let mut scheme = self.scheme.lock().unwrap_or_else(|e| e.into_inner());
        if challenge.trim_start().to_ascii_lowercase().starts_with("digest") {
            // a new nonce (stale, or the first challenge) is worth one more try
            let stale = challenge.to_ascii_lowercase().contains("stale=true");
            if had_auth && !stale && matches!(*scheme, Some(Scheme::Digest(_))) {
                return false;
            }
            match digest_auth::parse(challenge) {
                Ok(p) => {
                    *scheme = Some(Scheme::Digest(Box::new(p)));
                    true
                }
                Err(_) => false,
            }
        } else if challenge.trim_start().to_ascii_lowercase().starts_with("basic") {
            if had_auth && matches!(*scheme, Some(Scheme::Basic)) {
                return false;
            }
            *scheme = Some(Scheme::Basic);
            true
        } else {
            false
        }
    }

    /// One request, with authentication and (when `idempotent`) retries.
    fn request(
        &self,
        method: &str,
        url: &str,
        headers: &[(&str, &str)],
        body: Option<&[u8]>,
        idempotent: bool,
    ) -> Result<Answer, RemoteError> {
        let http = |message: String| RemoteError::Http { url: url.to_owned(), message };
        if self.gone.load(Ordering::Relaxed) {
            return Err(http("not sent: the server stopped answering earlier in this run".into()));
        }
        let mut attempt = 0;
        let mut auth_tries = 0;
        loop {
            let auth = self.authorization(method, url, body.unwrap_or_default());
            let mut req = ureq::http::Request::builder().method(method).uri(url);
            for (k, v) in headers {
                req = req.header(*k, *v);
            }
            if let Some(a) = &auth {
                req = req.header("Authorization", a.as_str());
            }
            let sent = match body {
                Some(b) => self.agent.run(req.body(b).map_err(|e| http(e.to_string()))?),
                None => self.agent.run(req.body(ureq::SendBody::none()).map_err(|e| http(e.to_string()))?),
            };
            let retryable = |attempt: usize| idempotent && attempt < RETRY_PAUSES_MS.len();
            match sent {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    let header = |name: &str| resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
                    if status == 401 && self.credentials.is_some() && auth_tries < 2 {
                        auth_tries += 1;
                        if self.learn(header("www-authenticate").as_deref(), auth.is_some()) {
                            continue;
                        }
                    }
                    if matches!(status, 502..=504) && retryable(attempt) {
                        std::thread::sleep(Duration::from_millis(RETRY_PAUSES_MS[attempt]));
                        attempt += 1;
                        continue;
                    }
                    let content_type = header("content-type").unwrap_or_default();
                    let max_rows = header("x-sparql-maxrows");
                    let answer = Answer { status, content_type, max_rows, body: resp.into_body() };
                    return match status {
                        200..=299 => Ok(answer),
                        401 | 403 => Err(match &self.credentials {
                            None => RemoteError::NeedsAuth { url: url.to_owned() },
                            Some(c) => RemoteError::Refused { url: url.to_owned(), user: c.user.clone(), status },
                        }),
                        _ => Err(status_error(url, answer)),
                    };
                }
                Err(e) => {
                    let no_server = matches!(&e, ureq::Error::ConnectionFailed | ureq::Error::HostNotFound)
                        || matches!(&e, ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused);
                    if retryable(attempt) {
                        std::thread::sleep(Duration::from_millis(RETRY_PAUSES_MS[attempt]));
                        attempt += 1;
                        continue;
                    }
                    if no_server {
                        self.gone.store(true, Ordering::Relaxed);
                    }
                    return Err(http(e.to_string()));
                }
            }
        }
    }

    /// `PUT graph_store?graph=<iri>`: the graph replaced by these triples.
    pub fn put_graph(&self, graph_store: &str, graph: &str, turtle: &[u8]) -> Result<(), RemoteError> {
        let url = graph_url(graph_store, graph);
        self.request("PUT", &url, &[("Content-Type", "text/turtle; charset=utf-8")], Some(turtle), true)?;
        Ok(())
    }

    /// A SPARQL Update, form-encoded.
    pub fn update(&self, endpoint: &str, update: &str) -> Result<(), RemoteError> {
        let body = form("update", update);
        self.request(
            "POST",
            endpoint,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Some(body.as_bytes()),
            false,
        )?;
        Ok(())
    }

    /// A query, form-encoded; results as the server's content type says.
    /// The second value is the row limit the server says it cut at, if any.
    pub fn query(&self, endpoint: &str, text: &str) -> Result<(QueryResults<'static>, Option<String>), RemoteError> {
        let body = form("query", text);
        let answer = self.request(
            "POST",
            endpoint,
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                (
                    "Accept",
                    "application/sparql-results+json, application/sparql-results+xml;q=0.9, \
                     application/n-triples;q=0.8, text/turtle;q=0.7",
                ),
            ],
            Some(body.as_bytes()),
            true,
        )?;
        let media = answer.content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        let bad = |message: String| RemoteError::Answer {
            url: endpoint.to_owned(),
            content_type: answer.content_type.clone(),
            message,
        };
        let reader = answer.body.into_reader();
        let results = if let Some(f) = QueryResultsFormat::from_media_type(&media) {
            let parsed = QueryResultsParser::from_format(f).for_reader(reader).map_err(|e| bad(e.to_string()))?;
            QueryResults::from(parsed)
        } else if let Some(f) = RdfFormat::from_media_type(&media) {
            let triples = RdfParser::from_format(f)
                .for_reader(reader)
                .map(|q| q.map(Triple::from).map_err(|e| QueryEvaluationError::Service(Box::new(e))));
            QueryResults::Graph(QueryTripleIter::new(triples))
        } else {
            return Err(bad("not a SPARQL results or RDF format".into()));
        };
        Ok((results, answer.max_rows))
    }
}

fn status_error(url: &str, answer: Answer) -> RemoteError {
    let mut text = String::new();
    let _ = answer.body.into_reader().take(2000).read_to_string(&mut text);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    RemoteError::Status { url: url.to_owned(), status: answer.status, body: text }
}

/// `name=value`, form-encoded.
fn form(name: &str, value: &str) -> String {
    format!("{name}={}", percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC))
}

/// Named parameters sent as a `VALUES` block at the start of the query's
/// WHERE group, where they bind the variable for the whole group (its
/// FILTERs included), as `lantai query` does. A trailing VALUES clause
/// would be the simpler text, but Virtuoso 7 reads it without joining on it.
pub fn with_params(text: &str, params: &[(Variable, Term)]) -> String {
    if params.is_empty() {
        return text.to_owned();
    }
    let values: String = params.iter().map(|(v, t)| format!(" VALUES {v} {{ {t} }}")).collect();
    match where_group(text) {
        Some(at) => format!("{}{values}{}", &text[..at], &text[at..]),
        None => format!("{}\n{}\n", text.trim_end(), values.trim_start()),
    }
}

/// The byte offset just after the `{` that opens the outermost WHERE group:
/// the first `{` at depth 0 after the keyword WHERE, or, with no WHERE,
/// the first `{` at depth 0 (the second one for a CONSTRUCT, whose first is
/// its template). Comments, strings and IRIs are skipped.
fn where_group(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let (mut i, mut depth, mut groups) = (0, 0usize, 0usize);
    let mut after_where = false;
    let construct = keyword_at_top(text, "CONSTRUCT");
    while i < b.len() {
        match b[i] {
            b'#' => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'<' if depth == 0 || b.get(i + 1).is_some_and(|c| !c.is_ascii_whitespace() && *c != b'=') => {
                // an IRI (a comparison `<` is followed by a space or `=`)
                while i < b.len() && b[i] != b'>' && b[i] != b'\n' {
                    i += 1;
                }
            }
            q @ (b'"' | b'\'') => {
                let long = b[i..].starts_with(&[q, q, q]);
                i += if long { 3 } else { 1 };
                while i < b.len() {
                    if b[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if long && b[i..].starts_with(&[q, q, q]) {
                        i += 2;
                        break;
                    }
                    if !long && b[i] == q {
                        break;
                    }
                    i += 1;
                }
            }
            b'{' => {
                if depth == 0 {
                    groups += 1;
                    if after_where || (!construct && groups == 1) || (construct && groups == 2) {
                        return Some(i + 1);
                    }
                }
                depth += 1;
            }
            b'}' => depth = depth.saturating_sub(1),
            c if depth == 0 && c.is_ascii_alphabetic() => {
                let start = i;
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                    i += 1;
                }
                if text[start..i].eq_ignore_ascii_case("WHERE") {
                    after_where = true;
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// Whether the query form is this keyword (the first word after the prologue).
fn keyword_at_top(text: &str, keyword: &str) -> bool {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .find(|l| !l.to_ascii_uppercase().starts_with("PREFIX") && !l.to_ascii_uppercase().starts_with("BASE"))
        .is_some_and(|l| l.to_ascii_uppercase().starts_with(keyword))
}

// ------------------------------------------------------------------ ingest

pub struct IngestOptions {
    pub threads: Option<usize>,
    /// Requests in flight at once.
    pub jobs: usize,
    pub extract: crate::extract::Options,
}

#[derive(Debug, Default, serde::Serialize)]
pub struct IngestSummary {
    pub documents: usize,
    pub quads: usize,
    pub skipped: Vec<Skipped>,
    pub seconds: f64,
    /// Why the links could not be recomputed on the server (the documents
    /// are there; `lantai link --endpoint` tries again).
    pub links_error: Option<String>,
}

/// A document's graph as the body of a PUT: its triples (the graph is the
/// URL's), each once, sorted. N-Triples lines, which every Turtle parser reads.
fn turtle_of(quads: &[Quad]) -> Vec<u8> {
    let mut lines: Vec<String> = quads.iter().map(|q| format!("{} .\n", Triple::from(q.clone()))).collect();
    lines.sort();
    lines.dedup();
    lines.concat().into_bytes()
}

/// Send the ontology graph (a server that cannot take it stops the batch
/// before any document), then each document's graph, then recompute the
/// links there. A document that cannot be read or sent is reported by name
/// and the batch goes on.
pub fn ingest(
    client: &Client,
    endpoints: &Endpoints,
    files: &[Source],
    opts: &IngestOptions,
) -> Result<IngestSummary, RemoteError> {
    let started = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .build()
        .map_err(|e| RemoteError::Threads(e.to_string()))?;
    let ontology = turtle_of(&store::ontology_quads());
    client.put_graph(&endpoints.graph_store, vocab::ONTOLOGY_GRAPH, &ontology)?;
    let (tx, rx) = mpsc::sync_channel::<(&Source, Result<(String, Vec<u8>, usize), String>)>(opts.jobs.max(1) * 2);
    let rx = Mutex::new(rx);
    let done: Mutex<Vec<(usize, Result<(), Skipped>)>> = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for chunk in ingest::chunks(files) {
                let jobs: Vec<pipeline::Job> = chunk
                    .iter()
                    .map(|src| pipeline::Job { path: &src.path, iri: src.iri(), scope: &src.scope })
                    .collect();
                let results = pool.install(|| pipeline::process_documents(&jobs, opts.extract, &|_| {}));
                for (src, r) in chunk.iter().zip(results) {
                    let r = r
                        .map(|p| (p.quads.graph.as_str().to_owned(), turtle_of(&p.quads.quads), p.quad_count))
                        .map_err(|e| e.to_string());
                    if tx.send((src, r)).is_err() {
                        return;
                    }
                }
            }
        });
        for _ in 0..opts.jobs.max(1) {
            scope.spawn(|| loop {
                let next = rx.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok((src, r)) = next else { break };
                let outcome = match r {
                    Ok((graph, body, n)) => client
                        .put_graph(&endpoints.graph_store, &graph, &body)
                        .map(|_| n)
                        .map_err(|e| Skipped { path: src.path.clone(), reason: e.to_string() }),
                    Err(reason) => Err(Skipped { path: src.path.clone(), reason }),
                };
                let entry = match outcome {
                    Ok(n) => (n, Ok(())),
                    Err(s) => (0, Err(s)),
                };
                done.lock().unwrap_or_else(|e| e.into_inner()).push(entry);
            });
        }
    });
    let mut summary = IngestSummary::default();
    for (n, r) in done.into_inner().unwrap_or_else(|e| e.into_inner()) {
        match r {
            Ok(()) => {
                summary.documents += 1;
                summary.quads += n;
            }
            Err(s) => summary.skipped.push(s),
        }
    }
    summary.skipped.sort_by(|a, b| a.path.cmp(&b.path));
    if summary.documents > 0 {
        summary.links_error = client.update(&endpoints.update, store::LINK_UPDATE).err().map(|e| e.to_string());
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Run a query on the server and write its results as `lantai query` does.
/// Returns the rows written and the server's cut, if it said it cut.
pub fn query(
    client: &Client,
    endpoint: &str,
    text: &str,
    params: &[(Variable, Term)],
    format: query::Format,
    out: &mut dyn Write,
) -> Result<(usize, Option<String>), RemoteError> {
    let (results, cut) = client.query(endpoint, &with_params(text, params))?;
    let n = query::write(results, format, out)?;
    Ok((n, cut))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn graph_iris_are_percent_encoded_whole() {
        assert_eq!(
            graph_url("http://h:7878/store", "https://w3id.org/lantai/doc/年鉴 2021#1.txt"),
            "http://h:7878/store?graph=https%3A%2F%2Fw3id.org%2Flantai%2Fdoc%2F%E5%B9%B4%E9%89%B4%202021%231.txt"
        );
        assert!(graph_url("http://h/sparql-graph-crud-auth?x=1", "urn:a").ends_with("?x=1&graph=urn%3Aa"));
    }

    #[test]
    fn digest_signs_the_path_and_query() {
        assert_eq!(
            path_of("http://127.0.0.1:8890/sparql-graph-crud-auth?graph=a%20b"),
            "/sparql-graph-crud-auth?graph=a%20b"
        );
        assert_eq!(path_of("http://h"), "/");
        assert_eq!(host_of("https://dba@[::1]:8890/x").as_deref(), Some("::1"));
        assert_eq!(host_of("http://archive.example:8890/sparql").as_deref(), Some("archive.example"));
    }

    #[test]
    fn parameters_open_the_where_group() {
        let p = query::parse_param("unit=沈陽市檔案館").unwrap();
        let q =
            "PREFIX x: <http://x/> # a { in a comment\nSELECT ?unit (\"{\" AS ?b) WHERE { ?u <http://x/l> ?unit }\n";
        let text = with_params(q, std::slice::from_ref(&p));
        assert!(text.contains("WHERE { VALUES ?unit { \"沈阳市档案馆\" } ?u"), "{text}");
        let _parsed = oxigraph::sparql::SparqlEvaluator::new().parse_query(&text).unwrap();
        // no WHERE keyword; a CONSTRUCT's template comes first
        let text = with_params("SELECT * { ?u ?p ?unit }", std::slice::from_ref(&p));
        assert!(text.starts_with("SELECT * { VALUES ?unit"), "{text}");
        let text = with_params("CONSTRUCT { ?u ?p ?unit } { ?u ?p ?unit }", std::slice::from_ref(&p));
        assert!(text.starts_with("CONSTRUCT { ?u ?p ?unit } { VALUES ?unit"), "{text}");
        let text = with_params("PREFIX a: <x>\nCONSTRUCT { ?u ?p ?unit } WHERE { ?u ?p ?unit FILTER (?x < 3) }", &[p]);
        assert!(text.contains("WHERE { VALUES ?unit"), "{text}");
        // every shipped query still parses with its parameters in place
        for name in query::shipped_names() {
            let (_, q) = query::load(name).unwrap();
            let v = (Variable::new_unchecked("name"), Term::from(oxigraph::model::Literal::new_simple_literal("甲")));
            let text = with_params(&q, &[v]);
            assert!(text.contains("VALUES ?name"), "{name}");
            let _parsed = oxigraph::sparql::SparqlEvaluator::new()
                .parse_query(&text)
                .unwrap_or_else(|e| panic!("{name}: {e}\n{text}"));
        }
    }

    #[test]
    fn netrc_gives_the_host_its_password() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("netrc");
        std::fs::write(&f, "machine other login x password y\nmachine 127.0.0.1 login dba password secret\n").unwrap();
        // SAFETY of the test: NETRC is read by this test alone
        std::env::set_var("NETRC", &f);
        let c = Credentials::resolve(None, None, "http://127.0.0.1:8890/sparql-auth");
        assert_eq!(c, Some(Credentials { user: "dba".into(), password: "secret".into() }));
        assert_eq!(
            Credentials::resolve(Some("u"), Some("p"), "http://127.0.0.1/").map(|c| c.user),
            Some("u".into()),
            "flags win over netrc"
        );
        std::env::remove_var("NETRC");
    }

    #[test]
    fn a_graph_body_is_its_triples_once() {
        let q = store::ontology_quads();
        let body = String::from_utf8(turtle_of(&q)).unwrap();
        assert!(!body.contains(vocab::ONTOLOGY_GRAPH) || body.contains("owl#Ontology"));
        let parsed: Vec<_> =
            RdfParser::from_format(RdfFormat::Turtle).for_slice(body.as_bytes()).collect::<Result<_, _>>().unwrap();
        assert_eq!(parsed.len(), body.lines().count());
    }
}
