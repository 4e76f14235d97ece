//! Maps one document's extraction to quads in the document's named graph:
//! the only place that builds triples (GRAPH.md is the contract).

use crate::model::{EntityType, Extraction, RelationType};
use crate::vocab::{self, lt, DCTERMS, ORG, RDF, RDFS, SKOS, XSD};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};

/// The quads of one document's graph.
pub struct DocQuads {
    pub graph: NamedNode,
    pub quads: Vec<Quad>,
}

struct Builder {
    graph: NamedNode,
    quads: Vec<Quad>,
}

impl Builder {
    fn add(&mut self, s: &str, p: &str, o: impl Into<Term>) {
        self.quads.push(Quad::new(
            NamedOrBlankNode::NamedNode(iri(s)),
            iri(p),
            o.into(),
            GraphName::NamedNode(self.graph.clone()),
        ));
    }
    fn add_iri(&mut self, s: &str, p: &str, o: &str) {
        self.add(s, p, iri(o));
    }
    fn add_str(&mut self, s: &str, p: &str, o: &str) {
        self.add(s, p, Literal::new_simple_literal(o));
    }
}

/// IRIs are built by `vocab` from encoded segments, so they are valid by construction.
fn iri(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

fn rdf_type() -> String {
    format!("{RDF}type")
}

pub fn date_literal(date: &crate::model::DateValue) -> Literal {
    Literal::new_typed_literal(date.iso(), iri(&format!("{XSD}{}", date.xsd_type())))
}

/// Base class of an entity type.
pub fn class_iri(kind: EntityType) -> String {
    lt(kind.name())
}

pub fn to_quads(file_name: &str, ex: &Extraction) -> DocQuads {
    to_quads_for(&vocab::document_iri(file_name), file_name, ex)
}

/// The quads of a document whose IRI is given (a file in a sub-folder of the
/// ingested one: `…/doc/a/same.txt`); `file_name` is its `lt:sourceFile`.
pub fn to_quads_for(doc: &str, file_name: &str, ex: &Extraction) -> DocQuads {
    let doc = doc.to_owned();
    let mut b = Builder { graph: iri(&doc), quads: Vec::with_capacity(16 * ex.entities.len() + 16) };
    let iris: Vec<String> = ex.entities.iter().map(|e| e.iri()).collect();

    document(&mut b, &doc, file_name, ex, &iris);
    for (e, id) in ex.entities.iter().zip(&iris) {
        b.add_iri(id, &rdf_type(), &class_iri(e.kind));
        if let Some(sub) = e.subclass {
            b.add_iri(id, &rdf_type(), &lt(sub));
        }
        b.add_str(id, &format!("{RDFS}label"), &e.label);
        for alt in &e.alt_labels {
            b.add_str(id, &format!("{SKOS}altLabel"), alt);
        }
        if let Some(d) = &e.date {
            b.add(id, &lt("date"), date_literal(d));
        }
        if let Some(p) = &e.place {
            b.add_str(id, &lt("place"), p);
        }
        if !e.evidence.is_empty() {
            b.add_str(id, &lt("evidence"), &e.evidence);
        }
        if let Some(n) = &e.note {
            b.add_str(id, &lt("resolution"), n);
        }
        for rule in &e.rules {
            b.add_str(id, &lt("rule"), rule);
        }
    }
    for r in &ex.relations {
        let (from, to) = (&iris[r.from], &iris[r.to]);
        match r.kind {
            RelationType::HoldsPost => {
                let post = r.post.as_deref().unwrap_or("");
                let m = vocab::statement_iri("membership", &[from, to, post]);
                b.add_iri(&m, &rdf_type(), &format!("{ORG}Membership"));
                b.add_iri(&m, &format!("{ORG}member"), from);
                b.add_iri(&m, &format!("{ORG}organization"), to);
                if !post.is_empty() {
                    b.add_str(&m, &lt("post"), post);
                }
                b.add_str(&m, &lt("evidence"), &r.evidence);
                for rule in &r.rules {
                    b.add_str(&m, &lt("rule"), rule);
                }
            }
            kind => {
                let p = relation_predicate(kind);
                b.add_iri(from, &p, to);
                // The triple's own evidence: a reified statement, so that every
                // relation keeps the sentence it was read from.
                let s = vocab::statement_iri("statement", &[from, &p, to]);
                b.add_iri(&s, &rdf_type(), &format!("{RDF}Statement"));
                b.add_iri(&s, &format!("{RDF}subject"), from);
                b.add_iri(&s, &format!("{RDF}predicate"), &p);
                b.add_iri(&s, &format!("{RDF}object"), to);
                b.add_str(&s, &lt("evidence"), &r.evidence);
                for rule in &r.rules {
                    b.add_str(&s, &lt("rule"), rule);
                }
            }
        }
    }
    DocQuads { graph: b.graph, quads: b.quads }
}

/// The predicate of a non-membership relation.
pub fn relation_predicate(kind: RelationType) -> String {
    match kind {
        RelationType::Organizer => lt("organizer"),
        RelationType::Participant => lt("participant"),
        RelationType::Publisher => lt("publisher"),
        RelationType::SubUnitOf => format!("{ORG}subOrganizationOf"),
        RelationType::HoldsPost => format!("{ORG}member"),
    }
}

fn document(b: &mut Builder, doc: &str, file_name: &str, ex: &Extraction, iris: &[String]) {
    let m = &ex.meta;
    b.add_iri(doc, &rdf_type(), &lt("Document"));
    b.add_str(doc, &lt("sourceFile"), file_name);
    if let Some(t) = &m.title {
        b.add_str(doc, &format!("{DCTERMS}title"), t);
    }
    if let Some(d) = &m.date {
        b.add(doc, &format!("{DCTERMS}date"), date_literal(d));
    }
    if let Some(p) = &m.place {
        b.add_str(doc, &format!("{DCTERMS}spatial"), p);
    }
    let find = |kind: EntityType, label: &str| {
        ex.entities.iter().position(|e| e.kind == kind && e.label == label).map(|i| iris[i].clone())
    };
    for a in &m.authors {
        if let Some(p) = find(EntityType::Person, a) {
            b.add_iri(doc, &format!("{DCTERMS}creator"), &p);
        }
    }
    for e in &m.editors {
        if let Some(p) = find(EntityType::Person, e) {
            b.add_iri(doc, &lt("editor"), &p);
        }
    }
    if let Some(s) = &m.source {
        // the outlet, or the unit whose page it is (`来源:衢江区档案馆`)
        if let Some(p) = find(EntityType::Publication, s).or_else(|| find(EntityType::Unit, s)) {
            b.add_iri(doc, &format!("{DCTERMS}source"), &p);
        }
    }
}
