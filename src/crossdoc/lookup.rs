//! Find entity nodes by name: every node whose `rdfs:label` or
//! `skos:altLabel` equals the name, most documents first.

use super::{base_classes_values, base_type, select, value, Result};
use crate::model::EntityType;
use oxigraph::model::{Literal, Term};
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// A node that bears the name looked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Match {
    pub iri: String,
    pub kind: EntityType,
    /// The canonical label (`rdfs:label`).
    pub label: String,
    /// True when the name is the canonical label, false when only an altLabel.
    pub by_label: bool,
    /// Number of documents the node occurs in.
    pub docs: usize,
}

const QUERY: &str = "SELECT ?name ?e ?how ?t ?g ?label WHERE {
  { GRAPH ?lg { ?e rdfs:label ?name } BIND(1 AS ?how) }
  UNION { GRAPH ?lg { ?e skos:altLabel ?name } BIND(0 AS ?how) }
  GRAPH ?g { ?e a ?t OPTIONAL { ?e rdfs:label ?label } }
  TYPES }";

#[derive(Default)]
struct Acc {
    kind: Option<EntityType>,
    by_label: bool,
    docs: BTreeSet<String>,
    labels: BTreeMap<String, usize>,
}

/// Nodes named `name` (label or altLabel), most documents first.
pub fn find(store: &Store, name: &str) -> Result<Vec<Match>> {
    find_any(store, &[name])
}

/// Nodes bearing any of the names (e.g. the text as typed and its simplified
/// form); whitespace-free variants are tried too, as labels carry none.
pub fn find_any(store: &Store, names: &[&str]) -> Result<Vec<Match>> {
    let mut variants: BTreeSet<String> = BTreeSet::new();
    for n in names {
        variants.insert(n.trim().to_owned());
        variants.insert(n.chars().filter(|c| !c.is_whitespace()).collect());
    }
    let q = QUERY.replace("TYPES", &base_classes_values("t"));
    let mut acc: BTreeMap<String, Acc> = BTreeMap::new();
    for name in variants.iter().filter(|n| !n.is_empty()) {
        let lit = Term::from(Literal::new_simple_literal(name.as_str()));
        for sol in select(store, &q, &[("name", lit)])? {
            let (Some(e), Some(g)) = (value(&sol, "e"), value(&sol, "g")) else { continue };
            let a = acc.entry(e).or_default();
            a.kind = a.kind.or(value(&sol, "t").and_then(|t| base_type(&t)));
            a.by_label |= value(&sol, "how").as_deref() == Some("1");
            a.docs.insert(g);
            if let Some(l) = value(&sol, "label") {
                *a.labels.entry(l).or_default() += 1;
            }
        }
    }
    Ok(sorted(acc))
}

fn sorted(acc: BTreeMap<String, Acc>) -> Vec<Match> {
    let mut out: Vec<Match> = acc
        .into_iter()
        .filter_map(|(iri, a)| {
            let label = a.labels.into_iter().max_by_key(|(_, c)| *c).map(|(l, _)| l)?;
            Some(Match { iri, kind: a.kind?, label, by_label: a.by_label, docs: a.docs.len() })
        })
        .collect();
    out.sort_by(|a, b| b.docs.cmp(&a.docs).then(b.by_label.cmp(&a.by_label)).then(a.iri.cmp(&b.iri)));
    out
}

/// One line per match: label, type, documents, IRI.
pub fn render_matches(matches: &[Match]) -> String {
    let mut out = String::new();
    for m in matches {
        let how = if m.by_label { "" } else { " (other name)" };
        out.push_str(&format!("{}  [{}]  {} document(s){how}\n  {}\n", m.label, m.kind, m.docs, m.iri));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crossdoc::fixture::{iri, store};

    #[test]
    fn finds_by_label_with_most_documents_first() {
        let s = store();
        let m = find(&s, "张春风").unwrap();
        assert_eq!(m.len(), 2, "{m:?}");
        assert_eq!(m[0].iri, iri("person/沈阳市/张春风"));
        assert_eq!(m[0].docs, 2);
        assert!(m[0].by_label);
        assert_eq!(m[1].iri, iri("person/大连市/张春风"));
    }

    #[test]
    fn finds_by_alt_label_and_ignores_the_ontology_graph() {
        let s = store();
        let m = find_any(&s, &["瀋陽市檔案館", " 市档案 馆"]).unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].label, "沈阳市档案馆");
        assert_eq!(m[0].kind, EntityType::Unit);
        assert_eq!(m[0].docs, 2);
        assert!(find(&s, "不存在的单位").unwrap().is_empty());
    }
}
