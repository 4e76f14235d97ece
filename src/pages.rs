//! Linked-data pages for `lantai serve`: every IRI the graph mints
//! (`/id/…`), each document (`/doc/…`) and the ontology (`/ontology`) is a
//! page for a browser (HTML: labels in both scripts, types, documents, every
//! statement with its evidence, links to the neighbours' pages, the
//! neighbourhood picture) and a resource for an RDF client (Turtle, JSON-LD,
//! N-Triples, RDF/XML by `Accept`).

use crate::vocab;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term, Triple};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// What a page request gives: a media type and the bytes, or nothing (404).
pub type Page = Option<(String, Vec<u8>)>;

/// Statements an HTML page lists (a hub such as 中国共产党 has thousands;
/// the RDF forms of the page hold them all).
const MAX_ROWS: usize = 500;

/// RDF formats a page is offered in besides HTML, by media type.
const RDF_TYPES: [&str; 4] = ["text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml"];

/// The IRI a request path names: `/id/…` and `/doc/…` under their bases.
/// Browsers send non-ASCII characters percent-encoded; minted IRIs hold them
/// as characters but keep reserved ASCII encoded (`%2C`), so only the
/// encoded non-ASCII bytes are decoded.
pub fn iri_of(path: &str) -> Option<String> {
    let (base, rest) = if let Some(r) = path.strip_prefix("/id/") {
        (vocab::ID, r)
    } else if let Some(r) = path.strip_prefix("/doc/") {
        (vocab::DOC, r)
    } else {
        return None;
    };
    let b = rest.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                let v = (h * 16 + l) as u8;
                if v >= 0x80 {
                    out.push(v);
                    i += 3;
                    continue;
                }
            }
        }
        out.push(b[i]);
        i += 1;
    }
    Some(format!("{base}{}", String::from_utf8(out).ok()?))
}

/// The local page of an IRI the graph mints, if it is one.
pub fn local_url(iri: &str) -> Option<String> {
    if let Some(r) = iri.strip_prefix(vocab::ID) {
        Some(format!("/id/{r}"))
    } else if let Some(r) = iri.strip_prefix(vocab::DOC) {
        Some(format!("/doc/{r}"))
    } else {
        iri.strip_prefix(vocab::LT).map(|r| format!("/ontology#{r}"))
    }
}

/// Whether HTML is preferred over the RDF formats (a browser's Accept).
fn wants_html(accept: &str) -> bool {
    let accept = accept.to_ascii_lowercase();
    if accept.trim().is_empty() {
        return true;
    }
    let pos = |t: &str| accept.find(t);
    match (pos("text/html"), RDF_TYPES.iter().filter_map(|t| pos(t)).min()) {
        (Some(h), Some(r)) => h < r,
        (Some(_), None) => true,
        (None, Some(_)) => false,
        (None, None) => accept.contains("*/*"),
    }
}

fn rdf_format(accept: &str) -> (String, RdfFormat) {
    let accept = accept.to_ascii_lowercase();
    let chosen = RDF_TYPES.iter().filter_map(|t| accept.find(t).map(|p| (p, *t))).min().map_or("text/turtle", |x| x.1);
    (chosen.to_owned(), RdfFormat::from_media_type(chosen).unwrap_or(RdfFormat::Turtle))
}

/// Every quad with the node as subject or object, in any graph.
fn around(store: &Store, node: &NamedNode) -> Vec<Quad> {
    let mut quads: Vec<Quad> =
        store.quads_for_pattern(Some(node.as_ref().into()), None, None, None).filter_map(Result::ok).collect();
    quads.extend(store.quads_for_pattern(None, None, Some(node.as_ref().into()), None).filter_map(Result::ok));
    quads
}

/// The page of an entity (or any node under `/id/`) or a document.
pub fn node_page(store: &Store, iri: &str, accept: &str) -> Page {
    let node = NamedNode::new(iri).ok()?;
    let is_doc = iri.starts_with(vocab::DOC);
    let mut quads = around(store, &node);
    if is_doc {
        // a document's page is its graph
        quads.extend(
            store
                .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(node.as_ref())))
                .filter_map(Result::ok),
        );
    }
    if quads.is_empty() {
        return None;
    }
    if !wants_html(accept) {
        return Some(rdf(&quads, accept, is_doc));
    }
    Some(("text/html; charset=utf-8".into(), html_page(store, &node, &quads).into_bytes()))
}

/// The neighbourhood picture of a node (`neighbours --svg`), one hop.
pub fn neighbourhood_svg(store: &Store, iri: &str) -> Page {
    let n = crate::crossdoc::neighbours(store, iri, 1).ok()?;
    (n.nodes.len() > 1).then(|| ("image/svg+xml".to_owned(), crate::crossdoc::render_svg(&n).into_bytes()))
}

/// The ontology graph as a page.
pub fn ontology_page(store: &Store, accept: &str) -> Page {
    let g = NamedNodeRef::new_unchecked(vocab::ONTOLOGY_GRAPH);
    let quads: Vec<Quad> =
        store.quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(g))).filter_map(Result::ok).collect();
    if quads.is_empty() {
        return None;
    }
    if !wants_html(accept) {
        return Some(rdf(&quads, accept, false));
    }
    let mut by_subject: BTreeMap<String, Vec<&Quad>> = BTreeMap::new();
    for q in &quads {
        if let NamedOrBlankNode::NamedNode(s) = &q.subject {
            by_subject.entry(s.as_str().to_owned()).or_default().push(q);
        }
    }
    let links = Links::new(store);
    let mut body = String::from("<h1>lantai ontology</h1><dl>");
    for (s, qs) in &by_subject {
        let anchor = s.strip_prefix(vocab::LT).unwrap_or(s);
        let _ = write!(body, "<dt id=\"{}\"><code>{}</code></dt><dd><ul>", esc(anchor), esc(s));
        for q in qs {
            let _ = write!(body, "<li>{} {}</li>", esc(&short(q.predicate.as_str())), links.term(&q.object));
        }
        body.push_str("</ul></dd>");
    }
    body.push_str("</dl>");
    Some(("text/html; charset=utf-8".into(), wrap("lantai ontology", &body).into_bytes()))
}

fn rdf(quads: &[Quad], accept: &str, keep_graphs: bool) -> (String, Vec<u8>) {
    let (media, mut format) = rdf_format(accept);
    if keep_graphs && format == RdfFormat::Turtle {
        format = RdfFormat::TriG;
    }
    let media = if format == RdfFormat::TriG { "application/trig".to_owned() } else { media };
    let mut w = crate::export::prefixed(RdfSerializer::from_format(format)).for_writer(Vec::new());
    let mut seen = BTreeSet::new();
    for q in quads {
        let r = if format.supports_datasets() {
            if !seen.insert(q.to_string()) {
                continue;
            }
            w.serialize_quad(q)
        } else {
            let t = Triple::from(q.clone());
            if !seen.insert(t.to_string()) {
                continue;
            }
            w.serialize_triple(&t)
        };
        r.expect("writing to memory");
    }
    (media, w.finish().expect("writing to memory"))
}

fn pred(local: &str, ns: &str) -> String {
    format!("{ns}{local}")
}

/// The first rdfs:label of a node, in any graph; a document, which has
/// none, is named by its file (`lt:sourceFile`).
fn label(store: &Store, node: &NamedNode) -> Option<String> {
    let first = |p: String| {
        let p = NamedNode::new_unchecked(p);
        store
            .quads_for_pattern(Some(node.as_ref().into()), Some(p.as_ref()), None, None)
            .filter_map(Result::ok)
            .find_map(|q| match q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
    };
    first(pred("label", vocab::RDFS)).or_else(|| first(vocab::lt("sourceFile")))
}

fn html_page(store: &Store, node: &NamedNode, quads: &[Quad]) -> String {
    let iri = node.as_str();
    let links = Links::new(store);
    let outgoing: Vec<&Quad> = quads.iter().filter(|q| q.subject == NamedOrBlankNode::from(node.clone())).collect();
    let literals = |p: &str| -> BTreeSet<String> {
        outgoing
            .iter()
            .filter(|q| q.predicate.as_str() == p)
            .filter_map(|q| match &q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect()
    };
    let title = label(store, node).unwrap_or_else(|| iri.to_owned());
    let mut body = format!("<h1>{}</h1><p><code>{}</code></p>", esc(&title), esc(iri));
    let alt = literals(&pred("altLabel", vocab::SKOS));
    if !alt.is_empty() {
        let _ = write!(body, "<p>Also: {}</p>", alt.iter().map(|a| esc(a)).collect::<Vec<_>>().join("、"));
    }
    let types: BTreeSet<String> = outgoing
        .iter()
        .filter(|q| q.predicate.as_str() == pred("type", vocab::RDF))
        .filter_map(|q| match &q.object {
            Term::NamedNode(t) => Some(links.link(t.as_str())),
            _ => None,
        })
        .collect();
    if !types.is_empty() {
        let _ = write!(body, "<p>Type: {}</p>", types.into_iter().collect::<Vec<_>>().join(", "));
    }
    // the documents that state something about it
    let graphs: BTreeSet<String> = quads
        .iter()
        .filter_map(|q| match &q.graph_name {
            oxigraph::model::GraphName::NamedNode(g) if g.as_str().starts_with(vocab::DOC) => {
                Some(g.as_str().to_owned())
            }
            _ => None,
        })
        .collect();
    if !graphs.is_empty() {
        body.push_str("<h2>Documents</h2><ul>");
        for g in &graphs {
            let _ = write!(body, "<li>{}</li>", links.link(g));
        }
        body.push_str("</ul>");
    }
    // every statement, with the document it is in
    body.push_str(
        "<h2>Statements</h2><table><tr><th>subject</th><th>relation</th><th>object</th><th>document</th></tr>",
    );
    let mut rows = BTreeSet::new();
    for q in quads {
        if q.predicate.as_str() == pred("type", vocab::RDF) && q.subject == NamedOrBlankNode::from(node.clone()) {
            continue;
        }
        let subject = match &q.subject {
            NamedOrBlankNode::NamedNode(s) if s == node => "·".to_owned(),
            NamedOrBlankNode::NamedNode(s) => links.link(s.as_str()),
            other => esc(&other.to_string()),
        };
        let object = match &q.object {
            Term::NamedNode(o) if o == node => "·".to_owned(),
            o => links.term(o),
        };
        let doc = match &q.graph_name {
            oxigraph::model::GraphName::NamedNode(g) => links.link(g.as_str()),
            _ => String::new(),
        };
        rows.insert(format!(
            "<tr><td>{subject}</td><td>{}</td><td>{object}</td><td>{doc}</td></tr>",
            esc(&short(q.predicate.as_str()))
        ));
    }
    let total = rows.len();
    body.extend(rows.into_iter().take(MAX_ROWS));
    if total > MAX_ROWS {
        let _ = write!(
            body,
            "<tr><td colspan=4>… and {} more statements: ask <code>/sparql</code>, or fetch this page as Turtle</td></tr>",
            total - MAX_ROWS
        );
    }
    body.push_str("</table>");
    if let Some(rest) = iri.strip_prefix(vocab::ID) {
        // drawn apart (`/svg/id/…`): on a large store the neighbourhood takes
        // seconds, and the page should not wait for it
        let _ = write!(body, "<h2>Neighbourhood</h2><img src=\"/svg/id/{}\" alt=\"neighbourhood\">", esc(rest));
    }
    wrap(&title, &body)
}

/// Links to nodes' pages, each node's label looked up once per page.
struct Links<'a> {
    store: &'a Store,
    labels: std::cell::RefCell<std::collections::HashMap<String, String>>,
}

impl<'a> Links<'a> {
    fn new(store: &'a Store) -> Self {
        Links { store, labels: Default::default() }
    }

    fn term(&self, t: &Term) -> String {
        match t {
            Term::NamedNode(n) => self.link(n.as_str()),
            Term::Literal(l) => format!("“{}”", esc(l.value())),
            other => esc(&other.to_string()),
        }
    }

    /// A link to a node's local page (with its label), or its IRI.
    fn link(&self, iri: &str) -> String {
        let text = self
            .labels
            .borrow_mut()
            .entry(iri.to_owned())
            .or_insert_with(|| {
                NamedNode::new(iri).ok().and_then(|n| label(self.store, &n)).unwrap_or_else(|| short(iri))
            })
            .clone();
        match local_url(iri) {
            Some(url) => format!("<a href=\"{}\">{}</a>", esc(&url), esc(&text)),
            None => format!("<a href=\"{}\">{}</a>", esc(iri), esc(&text)),
        }
    }
}

/// An IRI with the prefixes of GRAPH.md.
fn short(iri: &str) -> String {
    for (p, ns) in vocab::PREFIXES {
        if let Some(local) = iri.strip_prefix(ns) {
            return format!("{p}:{local}");
        }
    }
    iri.to_owned()
}

/// Text for HTML (element content or a quoted attribute).
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn wrap(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=zh><meta charset=utf-8><title>{} · lantai</title>\
         <style>body{{font-family:sans-serif;max-width:70em;margin:1em auto}}td,th{{padding:2px 8px;text-align:left;vertical-align:top}}\
         tr:nth-child(even){{background:#f4f4f4}}svg{{max-width:100%;height:auto}}</style>\
         <p><a href=\"/\">lantai</a> · <a href=\"/ontology\">ontology</a></p>{body}</html>",
        esc(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_give_the_minted_iris() {
        assert_eq!(
            iri_of("/id/unit/%E6%B2%88%E9%98%B3%E5%B8%82%E6%A1%A3%E6%A1%88%E9%A6%86").as_deref(),
            Some("https://w3id.org/lantai/id/unit/沈阳市档案馆")
        );
        // reserved ASCII stays encoded, as in the minted IRI
        assert_eq!(
            iri_of("/id/event/%E5%A3%AE%E4%B8%BD70%E5%B9%B4%2C%E5%A5%8B").as_deref(),
            Some("https://w3id.org/lantai/id/event/壮丽70年%2C奋")
        );
        assert_eq!(iri_of("/doc/a%20b.txt").as_deref(), Some("https://w3id.org/lantai/doc/a%20b.txt"));
        assert_eq!(iri_of("/other"), None);
        assert_eq!(iri_of("/id/x%E6"), None, "a cut UTF-8 sequence is no IRI");
    }

    #[test]
    fn browsers_get_html_and_rdf_clients_rdf() {
        assert!(wants_html("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assert!(!wants_html("text/turtle"));
        assert!(!wants_html("application/ld+json, text/html;q=0.5"));
        assert_eq!(rdf_format("application/ld+json").0, "application/ld+json");
        assert_eq!(rdf_format("*/*").1, RdfFormat::Turtle);
        assert_eq!(local_url("https://w3id.org/lantai/ontology#Unit").as_deref(), Some("/ontology#Unit"));
    }
}
