//! The entity report behind `lantai entity`: names, documents, relations in
//! both directions with their evidence, close matches and merge notes.

use super::graph::{self, DocRef, Edge, Node, Relation};
use super::{base_type, named, Result};
use crate::model::EntityType;
use crate::vocab::{LT, RDF, SKOS};
use oxigraph::model::{GraphName, Term};
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Everything the store knows about one node.
#[derive(Clone, Debug, Serialize)]
pub struct EntityReport {
    pub node: Node,
    /// Base types (normally one) and sub-class local names (`Exhibition`).
    pub kinds: Vec<EntityType>,
    pub subclasses: Vec<String>,
    pub alt_labels: Vec<String>,
    pub docs: Vec<DocRef>,
    /// `(document IRI, text)` of `lt:evidence`, `lt:date`, `lt:place`, `lt:resolution`.
    pub evidence: Vec<(String, String)>,
    pub dates: Vec<String>,
    pub places: Vec<String>,
    pub resolutions: Vec<(String, String)>,
    /// `(document IRI, rule id)` of `lt:rule`: the extraction rules that read it.
    pub rules: Vec<(String, String)>,
    /// Edges touching the node (either end), close matches included.
    pub relations: Vec<Edge>,
    /// Every node named in `relations`, by IRI.
    pub others: HashMap<String, Node>,
    /// Documents named in `relations` and `evidence`, by IRI.
    pub doc_index: HashMap<String, DocRef>,
    /// IRIs merged into this node (`lt:mergedFrom`).
    pub merged_from: Vec<String>,
}

#[derive(Default)]
struct Props {
    kinds: BTreeSet<EntityType>,
    subclasses: BTreeSet<String>,
    alt: BTreeSet<String>,
    docs: BTreeSet<String>,
    evidence: BTreeSet<(String, String)>,
    dates: BTreeSet<String>,
    places: BTreeSet<String>,
    resolutions: BTreeSet<(String, String)>,
    rules: BTreeSet<(String, String)>,
    merged: BTreeSet<String>,
}

fn text(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_owned(),
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}

/// Read the node's own statements, graph by graph.
fn props(store: &Store, iri: &str) -> Result<Props> {
    let n = named(iri)?;
    let mut p = Props::default();
    for q in store.quads_for_pattern(Some(n.as_ref().into()), None, None, None) {
        let q = q?;
        let GraphName::NamedNode(g) = &q.graph_name else { continue };
        let g = g.as_str().to_owned();
        let (pred, obj) = (q.predicate.as_str(), text(&q.object));
        if pred == format!("{RDF}type") {
            match base_type(&obj) {
                Some(k) => {
                    p.kinds.insert(k);
                    p.docs.insert(g);
                }
                None => {
                    if let Some(local) = obj.strip_prefix(LT) {
                        p.subclasses.insert(local.to_owned());
                    }
                }
            }
        } else if pred == format!("{SKOS}altLabel") {
            p.alt.insert(obj);
        } else if let Some(local) = pred.strip_prefix(LT) {
            match local {
                "evidence" => _ = p.evidence.insert((g, obj)),
                "date" => _ = p.dates.insert(obj),
                "place" => _ = p.places.insert(obj),
                "resolution" => _ = p.resolutions.insert((g, obj)),
                "rule" => _ = p.rules.insert((g, obj)),
                "mergedFrom" => _ = p.merged.insert(obj),
                _ => {}
            }
        }
    }
    Ok(p)
}

/// The report on one entity IRI.
pub fn entity_report(store: &Store, iri: &str) -> Result<EntityReport> {
    let node = graph::node(store, iri)?;
    let p = props(store, iri)?;
    let relations = graph::edges_of(store, iri)?;
    let others = graph::nodes(store, relations.iter().flat_map(|e| [e.from.clone(), e.to.clone()]))?;
    let mut doc_index = HashMap::new();
    let doc_iris = p.docs.iter().chain(relations.iter().filter_map(|e| e.doc.as_ref()));
    for g in doc_iris.chain(p.evidence.iter().map(|(g, _)| g)) {
        if !doc_index.contains_key(g) {
            doc_index.insert(g.clone(), graph::document(store, g)?);
        }
    }
    let alt_labels = p.alt.into_iter().filter(|a| *a != node.label).collect();
    Ok(EntityReport {
        docs: p.docs.iter().filter_map(|g| doc_index.get(g).cloned()).collect(),
        node,
        kinds: p.kinds.into_iter().collect(),
        subclasses: p.subclasses.into_iter().collect(),
        alt_labels,
        evidence: p.evidence.into_iter().collect(),
        dates: p.dates.into_iter().collect(),
        places: p.places.into_iter().collect(),
        resolutions: p.resolutions.into_iter().collect(),
        rules: p.rules.into_iter().collect(),
        relations,
        others,
        doc_index,
        merged_from: p.merged.into_iter().collect(),
    })
}

impl EntityReport {
    fn label_of(&self, iri: &str) -> String {
        self.others.get(iri).map(|n| n.label.clone()).unwrap_or_else(|| graph::short_iri(iri))
    }

    fn file_of(&self, g: &Option<String>) -> String {
        let Some(g) = g else { return "?".into() };
        self.doc_index.get(g).map(|d| d.file.clone()).unwrap_or_else(|| g.clone())
    }
}

/// The report as text for the terminal.
pub fn render_entity(r: &EntityReport) -> String {
    let mut out = String::new();
    let kinds: Vec<String> = r.kinds.iter().map(|k| k.to_string()).chain(r.subclasses.iter().cloned()).collect();
    out.push_str(&format!("{}  [{}]\n  {}\n", r.node.label, kinds.join(", "), r.node.iri));
    if !r.alt_labels.is_empty() {
        out.push_str(&format!("Other names: {}\n", r.alt_labels.join("、")));
    }
    if !r.dates.is_empty() || !r.places.is_empty() {
        out.push_str(&format!("Date: {}  Place: {}\n", r.dates.join(", "), r.places.join(", ")));
    }
    out.push_str(&format!("\nDocuments ({}):\n", r.docs.len()));
    for d in &r.docs {
        out.push_str(&format!("  {}  {}\n", d.file, d.title.as_deref().unwrap_or("")));
    }
    render_relations(r, &mut out);
    render_identity(r, &mut out);
    out
}

fn render_relations(r: &EntityReport, out: &mut String) {
    let rels: Vec<&Edge> = r.relations.iter().filter(|e| e.rel != Relation::CloseMatch).collect();
    out.push_str(&format!("\nRelations ({}):\n", rels.len()));
    for e in rels {
        let (a, b) = (r.label_of(&e.from), r.label_of(&e.to));
        out.push_str(&format!("  {a} —{}→ {b}   [{}]\n", e.rel.label(), r.file_of(&e.doc)));
        if let Some(ev) = &e.evidence {
            out.push_str(&format!("      “{ev}”\n"));
        }
    }
    if !r.evidence.is_empty() {
        out.push_str("\nMentioned in:\n");
        for (g, ev) in &r.evidence {
            out.push_str(&format!("  [{}] “{ev}”\n", r.file_of(&Some(g.clone()))));
        }
    }
}

/// Why mentions are this node: close matches, merges, resolution notes.
fn render_identity(r: &EntityReport, out: &mut String) {
    let close: BTreeSet<&String> = r
        .relations
        .iter()
        .filter(|e| e.rel == Relation::CloseMatch)
        .map(|e| if e.from == r.node.iri { &e.to } else { &e.from })
        .collect();
    if !close.is_empty() {
        out.push_str("\nSame name, kept apart (skos:closeMatch):\n");
        for iri in close {
            out.push_str(&format!("  {}  {}\n", r.label_of(iri), iri));
        }
    }
    if !r.merged_from.is_empty() {
        out.push_str("\nMerged from:\n");
        for m in &r.merged_from {
            out.push_str(&format!("  {m}\n"));
        }
    }
    if !r.resolutions.is_empty() {
        out.push_str("\nResolution notes:\n");
        for (g, note) in &r.resolutions {
            out.push_str(&format!("  [{}] {note}\n", r.file_of(&Some(g.clone()))));
        }
    }
    if !r.rules.is_empty() {
        out.push_str("\nRead by rules (lt:rule):\n");
        let mut by_doc: BTreeMap<&String, Vec<&str>> = BTreeMap::new();
        for (g, rule) in &r.rules {
            by_doc.entry(g).or_default().push(rule);
        }
        for (g, rules) in by_doc {
            out.push_str(&format!("  [{}] {}\n", r.file_of(&Some(g.clone())), rules.join(", ")));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crossdoc::fixture::{iri, store};

    #[test]
    fn report_lists_both_documents_relations_and_evidence() {
        let s = store();
        let r = entity_report(&s, &iri("person/沈阳市/张春风")).unwrap();
        assert_eq!(r.kinds, vec![EntityType::Person]);
        let files: Vec<&str> = r.docs.iter().map(|d| d.file.as_str()).collect();
        assert_eq!(files, ["001_a.txt", "002_b.txt"]);
        let text = render_entity(&r);
        assert!(text.contains("张春风 —馆长→ 沈阳市档案馆"), "{text}");
        assert!(text.contains("沈阳市档案馆馆长张春风致辞。"), "{text}");
        assert!(text.contains("市档案馆馆长张春风为刊物题词。"), "{text}");
        assert!(text.contains("沈阳市档案馆举办建馆60周年纪念展"), "{text}");
        assert!(text.contains("person/大连市/张春风"), "{text}");
        assert!(text.contains("地域取自文档"), "{text}");
    }

    #[test]
    fn report_of_a_unit_shows_incoming_and_outgoing_relations() {
        let s = store();
        let r = entity_report(&s, &iri("unit/沈阳市档案馆")).unwrap();
        assert!(r.alt_labels.contains(&"瀋陽市檔案館".to_owned()));
        let rels: BTreeSet<Relation> = r.relations.iter().map(|e| e.rel.clone()).collect();
        for rel in [Relation::Organizer, Relation::Publisher, Relation::SubUnitOf] {
            assert!(rels.contains(&rel), "{rel:?} missing");
        }
        assert!(render_entity(&r).contains("沈阳档案 —publisher→ 沈阳市档案馆"));
    }
}
