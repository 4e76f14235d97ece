//! Reads what each document graph of the store says (GRAPH.md shapes), with SPARQL.

use super::EvalError;
use crate::model::{EntityType, RelationType};
use crate::vocab::{DCTERMS, LT, ORG, RDF, RDFS, SKOS};
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::BTreeMap;

/// Publication sub-classes scored as `kind`; anything else is `Other`.
pub const PUBLICATION_KINDS: [&str; 6] = ["Book", "Periodical", "Newspaper", "Film", "Regulation", "Article"];

/// What one document graph says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PredictedDoc {
    /// `lt:sourceFile` of the document node.
    pub doc: String,
    /// The named graph's IRI.
    pub graph: String,
    pub meta: PredictedMeta,
    /// One per (node, base class), sorted by type, label, IRI.
    pub entities: Vec<PredictedEntity>,
    pub relations: Vec<PredictedRelation>,
}

/// Document metadata; people and publications are given by their labels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PredictedMeta {
    pub title: Option<String>,
    /// Lexical form of `dcterms:date`.
    pub date: Option<String>,
    pub authors: Vec<String>,
    pub editors: Vec<String>,
    pub source: Option<String>,
}

/// One entity node under one of its base classes.
#[derive(Clone, Debug, PartialEq)]
pub struct PredictedEntity {
    pub iri: String,
    pub entity_type: EntityType,
    pub label: String,
    pub alt_labels: Vec<String>,
    /// Local names of the node's other `lt:` classes (`Book`, `Meeting`, ...).
    pub subclasses: Vec<String>,
    /// Lexical form of `lt:date`.
    pub date: Option<String>,
    pub evidence: Option<String>,
    /// `lt:rule`: the rules that produced the node.
    pub rules: Vec<String>,
}

impl PredictedEntity {
    pub fn new(entity_type: EntityType, label: &str, iri: &str) -> Self {
        PredictedEntity {
            iri: iri.to_owned(),
            entity_type,
            label: label.to_owned(),
            alt_labels: vec![],
            subclasses: vec![],
            date: None,
            evidence: None,
            rules: vec![],
        }
    }

    /// Publication kind: the first of `PUBLICATION_KINDS` among the sub-classes, else `Other`.
    pub fn publication_kind(&self) -> &str {
        PUBLICATION_KINDS.into_iter().find(|k| self.subclasses.iter().any(|s| s == k)).unwrap_or("Other")
    }
}

/// One end of a predicted relation.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationEnd {
    pub iri: String,
    /// The node's label in this graph (its IRI when it has none).
    pub label: String,
    /// The node's base classes in this graph.
    pub types: Vec<EntityType>,
}

impl RelationEnd {
    pub fn new(entity_type: EntityType, label: &str, iri: &str) -> Self {
        RelationEnd { iri: iri.to_owned(), label: label.to_owned(), types: vec![entity_type] }
    }
}

/// A relation in the direction of `GoldRelation` (person -> unit, event -> unit, ...).
#[derive(Clone, Debug, PartialEq)]
pub struct PredictedRelation {
    pub kind: RelationType,
    pub from: RelationEnd,
    pub to: RelationEnd,
    pub post: Option<String>,
    pub evidence: Option<String>,
    /// `lt:rule` of the membership or statement node.
    pub rules: Vec<String>,
}

/// subject -> predicate -> objects, for one graph.
type Props = BTreeMap<String, BTreeMap<String, Vec<Term>>>;

/// Every document graph (a graph holding a node with `lt:sourceFile`), sorted by file name.
pub fn read_predicted(store: &Store) -> Result<Vec<PredictedDoc>, EvalError> {
    let graphs = read_quads(store)?;
    let mut docs: Vec<PredictedDoc> = graphs.iter().filter_map(|(g, props)| document(g, props)).collect();
    docs.sort_by(|a, b| a.doc.cmp(&b.doc));
    Ok(docs)
}

fn predicates() -> Vec<String> {
    let mut p: Vec<String> = ["type", "subject", "predicate", "object"].iter().map(|l| format!("{RDF}{l}")).collect();
    let lt = ["sourceFile", "editor", "date", "evidence", "post", "organizer", "participant", "publisher", "rule"];
    p.extend(lt.iter().map(|l| format!("{LT}{l}")));
    p.extend(["title", "date", "creator", "source"].iter().map(|l| format!("{DCTERMS}{l}")));
    p.extend(["member", "organization", "subOrganizationOf"].iter().map(|l| format!("{ORG}{l}")));
    p.push(format!("{RDFS}label"));
    p.push(format!("{SKOS}altLabel"));
    p
}

/// All quads with a predicate the scorer reads, grouped by graph and subject.
fn read_quads(store: &Store) -> Result<BTreeMap<String, Props>, EvalError> {
    let values: String = predicates().iter().map(|p| format!("<{p}> ")).collect();
    let q = format!("SELECT ?g ?s ?p ?o WHERE {{ VALUES ?p {{ {values}}} GRAPH ?g {{ ?s ?p ?o }} }}");
    let query = SparqlEvaluator::new().parse_query(&q).map_err(|e| EvalError::Query(e.to_string()))?;
    let results = query.on_store(store).execute().map_err(|e| EvalError::Query(e.to_string()))?;
    let QueryResults::Solutions(solutions) = results else {
        return Err(EvalError::Query("expected solutions".into()));
    };
    let mut graphs: BTreeMap<String, Props> = BTreeMap::new();
    for solution in solutions {
        let s = solution.map_err(|e| EvalError::Query(e.to_string()))?;
        let (Some(g), Some(subj), Some(p), Some(o)) = (s.get("g"), s.get("s"), s.get("p"), s.get("o")) else {
            continue;
        };
        let objects = graphs.entry(key(g)).or_default().entry(key(subj)).or_default().entry(key(p)).or_default();
        objects.push(o.clone());
    }
    Ok(graphs)
}

/// IRI of a named node, N-Triples form of anything else.
fn key(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => n.as_str().to_owned(),
        other => other.to_string(),
    }
}

/// Lexical form of a literal, key of anything else.
fn text(t: &Term) -> String {
    match t {
        Term::Literal(l) => l.value().to_owned(),
        other => key(other),
    }
}

/// One graph's view: lookups by subject and predicate.
struct View<'a>(&'a Props);

impl View<'_> {
    fn all(&self, s: &str, p: &str) -> &[Term] {
        self.0.get(s).and_then(|m| m.get(p)).map(Vec::as_slice).unwrap_or(&[])
    }
    /// The smallest value (deterministic when a single-valued property has several).
    fn first(&self, s: &str, p: &str) -> Option<String> {
        self.all(s, p).iter().map(text).min()
    }
    /// Every value, sorted.
    fn texts(&self, s: &str, p: &str) -> Vec<String> {
        let mut v: Vec<String> = self.all(s, p).iter().map(text).collect();
        v.sort();
        v
    }
    fn subjects(&self) -> impl Iterator<Item = &String> {
        self.0.keys()
    }
    fn base_types(&self, s: &str) -> Vec<EntityType> {
        let classes = self.all(s, &format!("{RDF}type"));
        EntityType::ALL.into_iter().filter(|t| classes.iter().any(|c| key(c) == format!("{LT}{}", t.name()))).collect()
    }
    fn label(&self, s: &str) -> String {
        self.first(s, &format!("{RDFS}label")).unwrap_or_else(|| s.to_owned())
    }
    fn end(&self, iri: &str) -> RelationEnd {
        RelationEnd { label: self.label(iri), types: self.base_types(iri), iri: iri.to_owned() }
    }
}

fn document(graph: &str, props: &Props) -> Option<PredictedDoc> {
    let v = View(props);
    let source_file = format!("{LT}sourceFile");
    let node = v.subjects().find(|s| !v.all(s, &source_file).is_empty())?;
    Some(PredictedDoc {
        doc: v.first(node, &source_file)?,
        graph: graph.to_owned(),
        meta: meta(&v, node),
        entities: entities(&v),
        relations: relations(&v),
    })
}

fn meta(v: &View, node: &str) -> PredictedMeta {
    let labels = |p: String| {
        let mut l: Vec<String> = v.all(node, &p).iter().map(|t| v.label(&key(t))).collect();
        l.sort();
        l
    };
    PredictedMeta {
        title: v.first(node, &format!("{DCTERMS}title")),
        date: v.first(node, &format!("{DCTERMS}date")),
        authors: labels(format!("{DCTERMS}creator")),
        editors: labels(format!("{LT}editor")),
        source: labels(format!("{DCTERMS}source")).into_iter().next(),
    }
}

fn entities(v: &View) -> Vec<PredictedEntity> {
    let mut out = Vec::new();
    for s in v.subjects() {
        for entity_type in v.base_types(s) {
            out.push(entity(v, s, entity_type));
        }
    }
    out.sort_by(|a, b| (a.entity_type, &a.label, &a.iri).cmp(&(b.entity_type, &b.label, &b.iri)));
    out
}

fn entity(v: &View, s: &str, entity_type: EntityType) -> PredictedEntity {
    let bases: Vec<&str> = EntityType::ALL.iter().map(|t| t.name()).collect();
    let mut subclasses: Vec<String> = v
        .all(s, &format!("{RDF}type"))
        .iter()
        .map(key)
        .filter_map(|c| c.strip_prefix(LT).map(str::to_owned))
        .filter(|c| !bases.contains(&c.as_str()))
        .collect();
    subclasses.sort();
    let mut alt_labels: Vec<String> = v.all(s, &format!("{SKOS}altLabel")).iter().map(text).collect();
    alt_labels.sort();
    PredictedEntity {
        iri: s.to_owned(),
        entity_type,
        label: v.label(s),
        alt_labels,
        subclasses,
        date: v.first(s, &format!("{LT}date")),
        evidence: v.first(s, &format!("{LT}evidence")),
        rules: v.texts(s, &format!("{LT}rule")),
    }
}

fn relations(v: &View) -> Vec<PredictedRelation> {
    let mut out = memberships(v);
    let statements = statement_evidence(v);
    let kinds = [
        (RelationType::Organizer, format!("{LT}organizer")),
        (RelationType::Participant, format!("{LT}participant")),
        (RelationType::Publisher, format!("{LT}publisher")),
        (RelationType::SubUnitOf, format!("{ORG}subOrganizationOf")),
    ];
    for (kind, p) in &kinds {
        for s in v.subjects() {
            for o in v.all(s, p) {
                let (evidence, rules) = statements.get(&(s.clone(), p.clone(), key(o))).cloned().unwrap_or_default();
                let (from, to) = (v.end(s), v.end(&key(o)));
                out.push(PredictedRelation { kind: *kind, from, to, post: None, evidence, rules });
            }
        }
    }
    out
}

/// `org:Membership` nodes as holdsPost relations, one per post.
fn memberships(v: &View) -> Vec<PredictedRelation> {
    let membership = format!("{ORG}Membership");
    let mut out = Vec::new();
    for m in v.subjects() {
        if !v.all(m, &format!("{RDF}type")).iter().any(|c| key(c) == membership) {
            continue;
        }
        let (Some(person), Some(unit)) =
            (v.all(m, &format!("{ORG}member")).first(), v.all(m, &format!("{ORG}organization")).first())
        else {
            continue;
        };
        let posts: Vec<Option<String>> = match v.all(m, &format!("{LT}post")) {
            [] => vec![None],
            ps => ps.iter().map(|p| Some(text(p))).collect(),
        };
        for post in posts {
            let evidence = v.first(m, &format!("{LT}evidence"));
            let rules = v.texts(m, &format!("{LT}rule"));
            let (from, to) = (v.end(&key(person)), v.end(&key(unit)));
            out.push(PredictedRelation { kind: RelationType::HoldsPost, from, to, post, evidence, rules });
        }
    }
    out
}

/// A statement's (subject, predicate, object) -> its evidence and rules.
type Statements = BTreeMap<(String, String, String), (Option<String>, Vec<String>)>;

/// (subject, predicate, object) of each `rdf:Statement` -> its evidence and rules.
fn statement_evidence(v: &View) -> Statements {
    let part = |s: &str, l: &str| v.all(s, &format!("{RDF}{l}")).first().map(key);
    let mut out = BTreeMap::new();
    for s in v.subjects() {
        if let (Some(a), Some(b), Some(c)) = (part(s, "subject"), part(s, "predicate"), part(s, "object")) {
            out.insert((a, b, c), (v.first(s, &format!("{LT}evidence")), v.texts(s, &format!("{LT}rule"))));
        }
    }
    out
}
