//! Run SPARQL files (by path, or by name from the shipped queries/ folder) on
//! the union of the document graphs, bind parameters safely, and write the
//! results as an aligned table, CSV, TSV, JSON or XML.

use crate::normalize;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::io::Write;
use std::path::Path;

include!(concat!(env!("OUT_DIR"), "/queries.rs"));

#[derive(Debug, thiserror::Error)]
pub enum QueryError {
    #[error("no query file {0} and no shipped query of that name (shipped: {1})")]
    NotFound(String, String),
    #[error("cannot read {0}: {1}")]
    Read(String, std::io::Error),
    #[error("{name}: SPARQL syntax error: {message}")]
    Syntax { name: String, message: String },
    #[error("bad --param {0:?}: expected NAME=VALUE (VALUE a literal, or an IRI as <…>)")]
    BadParam(String),
    #[error("query failed: {0}")]
    Eval(String),
    #[error(
        "{0}: updates are not supported here: `lantai query` only reads the store (ingest, remove and alias change it)"
    )]
    Update(String),
    #[error("the query was stopped: it ran longer than --timeout allows")]
    Cancelled,
    #[error(
        "a CONSTRUCT or DESCRIBE query gives a graph, not a table: use --format table (Turtle) or \
         --format ntriples"
    )]
    GraphFormat,
    #[error("cannot write results: {0}")]
    Write(#[from] std::io::Error),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Tsv,
    Json,
    Xml,
    /// N-Triples (CONSTRUCT and DESCRIBE only)
    Ntriples,
}

/// The names of the shipped queries.
pub fn shipped_names() -> Vec<&'static str> {
    SHIPPED.iter().map(|(n, _)| *n).collect()
}

/// The text of a query given as a path or a shipped name.
pub fn load(name_or_path: &str) -> Result<(String, String), QueryError> {
    let path = Path::new(name_or_path);
    if path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|e| QueryError::Read(name_or_path.into(), e))?;
        return Ok((name_or_path.to_owned(), text));
    }
    let name = name_or_path.trim_end_matches(".rq");
    SHIPPED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .ok_or_else(|| QueryError::NotFound(name_or_path.into(), shipped_names().join(", ")))
}

/// What a shipped query answers, for `query --list`: the first sentence of
/// its `# Question:` comment (which may run over several lines), and the
/// next ones while the whole stays short — never cut inside a sentence.
pub fn about(text: &str) -> String {
    let mut lines = text.lines().skip_while(|l| !l.starts_with('#'));
    let mut para = match lines.next() {
        Some(first) => first.trim_start_matches(['#', ' ']).to_owned(),
        None => return String::new(),
    };
    // continuation lines are indented past "# "
    for l in lines.take_while(|l| l.starts_with("#  ")) {
        para.push(' ');
        para.push_str(l.trim_start_matches(['#', ' ']));
    }
    let para = para.strip_prefix("Question:").unwrap_or(&para).trim();
    let mut out = String::new();
    for sentence in sentences(para) {
        if !out.is_empty() && out.chars().count() + sentence.chars().count() > ABOUT_CHARS {
            break;
        }
        out.push_str(sentence);
    }
    out.trim().to_owned()
}

/// `query --list` adds sentences to a description up to this length.
const ABOUT_CHARS: usize = 110;

/// Sentences, each with its closing mark and the space after it.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(_, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, c)| c);
        if matches!(c, '?' | '.' | '!' | '。' | '？') && next.is_none_or(char::is_whitespace) {
            let end = chars.get(k + 1).map_or(text.len(), |&(j, _)| j);
            out.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// `name=沈阳市档案馆` (a literal, in simplified script) or `x=<http://…>` (an IRI).
pub fn parse_param(p: &str) -> Result<(Variable, Term), QueryError> {
    let (name, value) = p.split_once('=').ok_or_else(|| QueryError::BadParam(p.into()))?;
    let var = Variable::new(name.trim().trim_start_matches(['?', '$'])).map_err(|_| QueryError::BadParam(p.into()))?;
    let term: Term = match value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
        Some(iri) => NamedNode::new(iri).map_err(|_| QueryError::BadParam(p.into()))?.into(),
        None => Literal::new_simple_literal(normalize::to_simplified(value)).into(),
    };
    Ok((var, term))
}

/// Run a query on the store, the default graph being the union of all graphs.
pub fn run(
    store: &Store,
    name: &str,
    text: &str,
    params: &[(Variable, Term)],
) -> Result<QueryResults<'static>, QueryError> {
    run_with(store, name, text, params, None)
}

/// [`run`], stopped (rows then fail with [`QueryError::Cancelled`]) when the
/// token is cancelled.
pub fn run_with(
    store: &Store,
    name: &str,
    text: &str,
    params: &[(Variable, Term)],
    cancel: Option<CancellationToken>,
) -> Result<QueryResults<'static>, QueryError> {
    let mut evaluator = SparqlEvaluator::new();
    if let Some(token) = cancel {
        evaluator = evaluator.with_cancellation_token(token);
    }
    let mut prepared = evaluator.parse_query(text).map_err(|e| {
        if SparqlEvaluator::new().parse_update(text).is_ok() {
            return QueryError::Update(name.into());
        }
        QueryError::Syntax { name: name.into(), message: short_syntax_message(&e.to_string()) }
    })?;
    prepared.dataset_mut().set_default_graph_as_union();
    for (v, t) in params {
        prepared = prepared.substitute_variable(v.clone(), t.clone());
    }
    prepared.on_store(store).execute().map_err(eval_error)
}

fn eval_error(e: QueryEvaluationError) -> QueryError {
    match e {
        QueryEvaluationError::Cancelled => QueryError::Cancelled,
        e => QueryError::Eval(e.to_string()),
    }
}

/// Rows an aligned table holds before the rest is written as it comes.
pub const TABLE_ROWS: usize = 10_000;

/// The parser lists every token it expected; keep the position and the start.
fn short_syntax_message(m: &str) -> String {
    match m.char_indices().nth(240) {
        Some((i, _)) => format!("{} …", &m[..i]),
        None => m.to_owned(),
    }
}

/// Write results in a format, each row as it is read (a table waits for
/// its rows to align them: up to [`TABLE_ROWS`], then the header and every
/// row are written as TSV as they come, and `notice` says so). Graphs
/// (CONSTRUCT/DESCRIBE) are written as Turtle (table) or N-Triples.
pub fn write(results: QueryResults<'static>, format: Format, out: &mut dyn Write) -> Result<usize, QueryError> {
    write_streaming(results, format, out, &mut |m| eprintln!("lantai: {m}"))
}

pub fn write_streaming(
    results: QueryResults<'static>,
    format: Format,
    out: &mut dyn Write,
    notice: &mut dyn FnMut(&str),
) -> Result<usize, QueryError> {
    match results {
        QueryResults::Solutions(solutions) => {
            let vars: Vec<Variable> = solutions.variables().to_vec();
            let row = |s: Result<oxigraph::sparql::QuerySolution, QueryEvaluationError>| {
                s.map(|s| vars.iter().map(|v| s.get(v).cloned()).collect::<Vec<_>>()).map_err(eval_error)
            };
            let mut solutions = solutions.map(row);
            match format {
                Format::Table => {
                    let mut rows = Vec::new();
                    while let Some(r) = solutions.next() {
                        rows.push(r?);
                        if rows.len() > TABLE_ROWS {
                            notice(&format!(
                                "more than {TABLE_ROWS} rows: writing them as TSV as they come instead of a table \
                                 (--format tsv, csv or json to choose)"
                            ));
                            return serialize(Format::Tsv, &vars, rows.into_iter().map(Ok).chain(solutions), out);
                        }
                    }
                    writeln!(out, "{}", table(&vars, &rows))?;
                    Ok(rows.len())
                }
                Format::Ntriples => Err(QueryError::Eval(
                    "--format ntriples is for CONSTRUCT and DESCRIBE queries; a SELECT gives table, csv, tsv, \
                     json or xml"
                        .into(),
                )),
                f => serialize(f, &vars, solutions, out),
            }
        }
        QueryResults::Boolean(b) => {
            match format {
                Format::Table => writeln!(out, "{b}")?,
                Format::Ntriples => {
                    return Err(QueryError::Eval("an ASK query gives true or false, not triples".into()));
                }
                f => {
                    QueryResultsSerializer::from_format(results_format(f)).serialize_boolean_to_writer(&mut *out, b)?;
                }
            }
            Ok(1)
        }
        QueryResults::Graph(triples) => {
            let mut ser = match format {
                Format::Table => RdfSerializer::from_format(RdfFormat::Turtle),
                Format::Ntriples => RdfSerializer::from_format(RdfFormat::NTriples),
                _ => return Err(QueryError::GraphFormat),
            };
            for (p, iri) in crate::vocab::PREFIXES {
                ser = ser.with_prefix(p, iri).map_err(|e| QueryError::Eval(e.to_string()))?;
            }
            let mut w = ser.for_writer(&mut *out);
            let mut n = 0;
            for t in triples {
                w.serialize_triple(&t.map_err(eval_error)?)?;
                n += 1;
            }
            w.finish()?;
            Ok(n)
        }
    }
}

fn results_format(f: Format) -> QueryResultsFormat {
    match f {
        Format::Csv => QueryResultsFormat::Csv,
        Format::Tsv => QueryResultsFormat::Tsv,
        Format::Xml => QueryResultsFormat::Xml,
        _ => QueryResultsFormat::Json,
    }
}

fn serialize(
    f: Format,
    vars: &[Variable],
    rows: impl Iterator<Item = Result<Vec<Option<Term>>, QueryError>>,
    out: &mut dyn Write,
) -> Result<usize, QueryError> {
    let mut w = QueryResultsSerializer::from_format(results_format(f))
        .serialize_solutions_to_writer(&mut *out, vars.to_vec())?;
    let mut n = 0;
    for row in rows {
        let row = row?;
        let pairs: Vec<(&Variable, &Term)> =
            vars.iter().zip(row.iter()).filter_map(|(v, t)| t.as_ref().map(|t| (v, t))).collect();
        w.serialize(pairs)?;
        n += 1;
    }
    w.finish()?;
    Ok(n)
}

/// A readable cell: literals without quotes and datatypes, IRIs shortened.
pub fn cell(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => shorten(n.as_str()),
        other => other.to_string(),
    }
}

fn shorten(iri: &str) -> String {
    for (p, ns) in crate::vocab::PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            return format!("{p}:{local}");
        }
    }
    if let Some(doc) = iri.strip_prefix(crate::vocab::DOC) {
        return format!("doc:{doc}");
    }
    format!("<{iri}>")
}

/// An aligned table; comfy-table measures display width, so Chinese lines up.
fn table(vars: &[Variable], rows: &[Vec<Option<Term>>]) -> String {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Disabled);
    t.set_header(vars.iter().map(|v| v.as_str().to_owned()));
    for row in rows {
        t.add_row(row.iter().map(|c| c.as_ref().map(cell).unwrap_or_default()));
    }
    format!("{t}\n{} row{}", rows.len(), if rows.len() == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_literals_or_iris() {
        let (v, t) = parse_param("name=瀋陽市檔案館").unwrap();
        assert_eq!(v.as_str(), "name");
        assert_eq!(t, Literal::new_simple_literal("沈阳市档案馆").into());
        let (_, t) = parse_param("x=<http://example.com/a>").unwrap();
        assert!(matches!(t, Term::NamedNode(_)));
        assert!(parse_param("novalue").is_err());
    }

    #[test]
    fn syntax_errors_say_where() {
        let store = Store::new().unwrap();
        let err = run(&store, "bad.rq", "SELECT ?x WHERE {\n ?x ?y \n", &[]).err().unwrap();
        let msg = err.to_string();
        assert!(msg.contains("bad.rq") && msg.contains("error at 3:1"), "{msg}");
    }

    #[test]
    fn list_descriptions_end_with_a_sentence() {
        let text = "# Question: What is the network? Weighted edges: two entities are linked when\n\
                    #   they occur in one document; the weight is the number of documents they share.\n\
                    # Parameters: none.\nSELECT * {}";
        assert_eq!(about(text), "What is the network?");
        assert_eq!(about("# Question: Which units, and where? Both.\n"), "Which units, and where? Both.");
        for name in shipped_names() {
            let a = about(&load(name).unwrap().1);
            assert!(a.ends_with(['?', '.']), "{name}: {a}");
        }
    }

    #[test]
    fn updates_are_refused_by_name() {
        let store = Store::new().unwrap();
        let err = run(&store, "up.rq", "INSERT DATA { <http://a> <http://b> <http://c> }", &[]).err().unwrap();
        assert!(err.to_string().contains("updates are not supported here"), "{err}");
    }

    #[test]
    fn shipped_queries_load_by_name() {
        for name in shipped_names() {
            assert!(load(name).is_ok());
        }
        assert!(matches!(load("no-such-query"), Err(QueryError::NotFound(..))));
    }
}
