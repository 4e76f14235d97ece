//! The ontology (ontology/lantai.ttl) and the shipped SPARQL queries
//! (queries/*.rq): the ontology parses and declares, with a Chinese and an
//! English label, every `lt:` term the pipeline and the queries use; every query
//! parses and documents itself; and on a hand-written three-document fixture
//! (tests/fixtures/sample.trig, plus the ontology) each query gives the rows a
//! reader expects. Queries run as `lantai query` runs them: default graph =
//! union of all graphs, parameters bound by variable substitution.

use lantai::model::{DateValue, DocMeta, Entity, EntityType, Extraction, Relation, RelationType};
use lantai::vocab::{self, Scope, LT};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{Literal, NamedOrBlankNode, Quad, Term, Variable};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_LABEL: &str = "http://www.w3.org/2000/01/rdf-schema#label";
const RDFS_COMMENT: &str = "http://www.w3.org/2000/01/rdf-schema#comment";
const OWL: &str = "http://www.w3.org/2002/07/owl#";

const DOC_002: &str = "002_19b7b8be5864d3ee.txt";
const DOC_005: &str = "005_4c1d2e3f5a6b7c8d.txt";
const DOC_001: &str = "001_b613e002a63f7255.txt";

/// Every query the product ships (the file names are what users type).
const QUERIES: [&str; 13] = [
    "people-posts",
    "unit-subunits",
    "events-timeline",
    "publications-by-publisher",
    "entities-multi-doc",
    "cooccurrence-pairs",
    "docs-mentioning",
    "unit-profile",
    "people-across-docs",
    "units-shared-events",
    "publications-multi-doc",
    "cooccurrence-network",
    "documents",
];

/// Sub-classes the pipeline may write next to a base class (GRAPH.md).
const SUBCLASSES: [&str; 13] = [
    "Book",
    "Periodical",
    "Newspaper",
    "Film",
    "Regulation",
    "Article",
    "Meeting",
    "Exhibition",
    "Ceremony",
    "Course",
    "Visit",
    "Campaign",
    "HistoricalEvent",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: impl AsRef<Path>) -> String {
    let p = root().join(rel);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("cannot read {}: {e}", p.display()))
}

// ---------------------------------------------------------------------------
// Ontology
// ---------------------------------------------------------------------------

fn ontology_quads() -> Vec<Quad> {
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(lantai::store::ONTOLOGY_TTL.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("ontology/lantai.ttl is valid Turtle")
}

/// For each `lt:` term the ontology declares (as a class or property): its
/// labels as (language, text) and whether it has a comment.
struct Declared {
    labels: BTreeMap<String, BTreeSet<(String, String)>>,
    commented: BTreeSet<String>,
}

fn declared_terms() -> Declared {
    let quads = ontology_quads();
    let kinds: BTreeSet<String> = ["Class", "ObjectProperty", "DatatypeProperty", "AnnotationProperty"]
        .iter()
        .map(|k| format!("{OWL}{k}"))
        .collect();
    let mut labels: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for q in &quads {
        if let (NamedOrBlankNode::NamedNode(s), Term::NamedNode(o)) = (&q.subject, &q.object) {
            if q.predicate.as_str() == RDF_TYPE && kinds.contains(o.as_str()) && s.as_str().starts_with(LT) {
                labels.entry(s.as_str().to_owned()).or_default();
            }
        }
    }
    let mut commented = BTreeSet::new();
    for q in &quads {
        let NamedOrBlankNode::NamedNode(s) = &q.subject else { continue };
        let Some(entry) = labels.get_mut(s.as_str()) else { continue };
        if let Term::Literal(l) = &q.object {
            if q.predicate.as_str() == RDFS_LABEL {
                entry.insert((l.language().unwrap_or("").to_owned(), l.value().to_owned()));
            } else if q.predicate.as_str() == RDFS_COMMENT {
                commented.insert(s.as_str().to_owned());
            }
        }
    }
    Declared { labels, commented }
}

fn assert_declared(declared: &Declared, term: &str, used_where: &str) {
    let Some(labels) = declared.labels.get(term) else {
        panic!("{term} (used in {used_where}) is not declared in ontology/lantai.ttl")
    };
    for lang in ["zh", "en"] {
        assert!(labels.iter().any(|(l, _)| l == lang), "{term} has no rdfs:label in @{lang}");
    }
    assert!(declared.commented.contains(term), "{term} has no rdfs:comment");
}

/// `lt:` IRIs in the subject, predicate or object of the quads (and the graph name).
fn lt_terms(quads: &[Quad]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for q in quads {
        let mut push = |s: &str| {
            if let Some(local) = s.strip_prefix(LT) {
                if !local.is_empty() {
                    out.insert(s.to_owned());
                }
            }
        };
        if let NamedOrBlankNode::NamedNode(n) = &q.subject {
            push(n.as_str());
        }
        push(q.predicate.as_str());
        if let Term::NamedNode(n) = &q.object {
            push(n.as_str());
        }
    }
    out
}

#[test]
fn ontology_parses_and_has_a_versioned_licensed_header() {
    let quads = ontology_quads();
    let header = "https://w3id.org/lantai/ontology";
    assert_eq!(header, vocab::ONTOLOGY_GRAPH);
    let about = |p: &str| -> Vec<String> {
        quads
            .iter()
            .filter(|q| {
                matches!(&q.subject, NamedOrBlankNode::NamedNode(n) if n.as_str() == header)
                    && q.predicate.as_str() == p
            })
            .map(|q| match &q.object {
                Term::Literal(l) => l.value().to_owned(),
                t => t.to_string(),
            })
            .collect()
    };
    assert!(about(RDF_TYPE).iter().any(|t| t == &format!("<{OWL}Ontology>")));
    assert!(!about(&format!("{OWL}versionInfo")).is_empty(), "owl:versionInfo");
    assert!(
        about("http://purl.org/dc/terms/license").iter().any(|l| l == "MIT OR Apache-2.0"),
        "dcterms:license MIT OR Apache-2.0"
    );
    // The store loads it the way `lantai ingest` does.
    let store = Store::new().unwrap();
    lantai::store::load_ontology(&store).unwrap();
    assert!(store.len().unwrap() > 100);
}

#[test]
fn ontology_declares_the_graph_contract_with_zh_and_en_labels() {
    let declared = declared_terms();
    let contract = [
        "Document",
        "Unit",
        "Person",
        "Event",
        "Publication",
        "sourceFile",
        "editor",
        "date",
        "place",
        "evidence",
        "resolution",
        "post",
        "organizer",
        "participant",
        "publisher",
        "mergedFrom",
    ];
    for local in contract.iter().chain(SUBCLASSES.iter()) {
        assert_declared(&declared, &format!("{LT}{local}"), "GRAPH.md / the brief");
    }
    // Every declared term has exactly one label per language.
    for (term, labels) in &declared.labels {
        for lang in ["zh", "en"] {
            let n = labels.iter().filter(|(l, _)| l == lang).count();
            assert_eq!(n, 1, "{term} has {n} @{lang} labels");
        }
    }
}

#[test]
fn ontology_links_to_standard_vocabularies() {
    let quads = ontology_quads();
    let has = |s: &str, p: &str, o: &str| {
        quads.iter().any(|q| {
            matches!(&q.subject, NamedOrBlankNode::NamedNode(n) if n.as_str() == s)
                && q.predicate.as_str() == p
                && matches!(&q.object, Term::NamedNode(n) if n.as_str() == o)
        })
    };
    let sub_class = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
    let sub_prop = "http://www.w3.org/2000/01/rdf-schema#subPropertyOf";
    let lt = |l: &str| format!("{LT}{l}");
    assert!(has(&lt("Unit"), sub_class, "http://www.w3.org/ns/org#Organization"));
    assert!(has(&lt("Person"), sub_class, "http://xmlns.com/foaf/0.1/Person"));
    assert!(has(&lt("Document"), sub_class, "http://xmlns.com/foaf/0.1/Document"));
    assert!(has(&lt("editor"), sub_prop, "http://purl.org/dc/terms/contributor"));
    assert!(has(&lt("publisher"), sub_prop, "http://purl.org/dc/terms/publisher"));
    for pubkind in ["Book", "Periodical", "Newspaper", "Film", "Regulation", "Article"] {
        assert!(has(&lt(pubkind), sub_class, &lt("Publication")), "{pubkind} ⊑ Publication");
    }
    for evkind in ["Meeting", "Exhibition", "Ceremony", "Course", "Visit", "Campaign", "HistoricalEvent"] {
        assert!(has(&lt(evkind), sub_class, &lt("Event")), "{evkind} ⊑ Event");
    }
}

#[test]
fn every_lt_term_the_pipeline_writes_is_declared() {
    let declared = declared_terms();

    // 1. What rdf.rs writes, run on an extraction that uses every feature.
    let mut ex = Extraction {
        meta: DocMeta {
            title: Some("桃源县史志办召开党史学习教育动员会".into()),
            date: Some(DateValue::Day(2021, 3, 10)),
            authors: vec!["王芳".into()],
            editors: vec!["李明".into()],
            source: Some("湘潮".into()),
            place: Some("桃源县".into()),
        },
        ..Default::default()
    };
    let person = |name: &str| {
        let mut e = Entity::new(EntityType::Person, name, "…");
        e.scope = Scope::Locality("桃源县".into());
        e.note = Some("人物范围取自所在单位".into());
        e
    };
    let mut unit = Entity::new(EntityType::Unit, "桃源县史志办", "…");
    unit.alt_labels.insert("县史志办".into());
    let mut sub = Entity::new(EntityType::Unit, "桃源县史志办编研股", "…");
    sub.scope = Scope::Document("005.txt".into());
    let mut event = Entity::new(EntityType::Event, "桃源县史志办党史学习教育动员会", "…");
    event.subclass = Some("Meeting");
    event.date = Some(DateValue::MonthDay(3, 10));
    event.place = Some("桃源县".into());
    let mut book = Entity::new(EntityType::Publication, "桃源革命斗争史", "…");
    book.subclass = Some("Book");
    let mut journal = Entity::new(EntityType::Publication, "湘潮", "…");
    journal.subclass = Some("Periodical");
    ex.entities = vec![person("朱浩"), person("王芳"), person("李明"), unit, sub, event, book, journal];
    let rel = |kind, from, to, post: Option<&str>| Relation {
        kind,
        from,
        to,
        post: post.map(str::to_owned),
        evidence: "…".into(),
        rules: vec!["post/chain"],
    };
    ex.relations = vec![
        rel(RelationType::HoldsPost, 0, 3, Some("主任")),
        rel(RelationType::Organizer, 5, 3, None),
        rel(RelationType::Participant, 5, 0, None),
        rel(RelationType::Publisher, 6, 3, None),
        rel(RelationType::SubUnitOf, 4, 3, None),
    ];
    let doc = lantai::rdf::to_quads("005.txt", &ex);
    let written = lt_terms(&doc.quads);
    for t in [
        "Document",
        "sourceFile",
        "editor",
        "date",
        "place",
        "evidence",
        "resolution",
        "post",
        "organizer",
        "participant",
        "publisher",
        "Meeting",
        "Book",
        "Periodical",
    ] {
        assert!(written.contains(&format!("{LT}{t}")), "rdf.rs no longer writes lt:{t}?");
    }
    for t in &written {
        assert_declared(&declared, t, "rdf::to_quads output");
    }

    // 2. Every term named in the source of rdf.rs (`lt("…")`), every base class
    //    and every relation predicate in the lt: namespace.
    let src = read("src/rdf.rs");
    let re = regex::Regex::new(r#"lt\("([A-Za-z]+)"\)"#).unwrap();
    let named: Vec<String> = re.captures_iter(&src).map(|c| c[1].to_owned()).collect();
    assert!(named.len() >= 8, "found only {named:?} in src/rdf.rs");
    for local in named {
        assert_declared(&declared, &format!("{LT}{local}"), "src/rdf.rs");
    }
    for kind in EntityType::ALL {
        assert_declared(&declared, &lantai::rdf::class_iri(kind), "rdf::class_iri");
    }
    for kind in RelationType::ALL {
        let p = lantai::rdf::relation_predicate(kind);
        if p.starts_with(LT) {
            assert_declared(&declared, &p, "rdf::relation_predicate");
        }
    }
}

#[test]
fn every_lt_term_in_the_fixture_and_the_queries_is_declared() {
    let declared = declared_terms();
    for t in lt_terms(&fixture_quads()) {
        assert_declared(&declared, &t, "tests/fixtures/sample.trig");
    }
    let re = regex::Regex::new(r"\blt:([A-Za-z][A-Za-z0-9_]*)").unwrap();
    for name in QUERIES {
        let text = query_text(name);
        for c in re.captures_iter(&text) {
            assert_declared(&declared, &format!("{LT}{}", &c[1]), &format!("queries/{name}.rq"));
        }
    }
}

// ---------------------------------------------------------------------------
// Queries: shape
// ---------------------------------------------------------------------------

fn query_text(name: &str) -> String {
    read(format!("queries/{name}.rq"))
}

/// The `?variables` the header's `# Parameters:` line names.
fn declared_params(text: &str) -> Vec<String> {
    let line = text.lines().take_while(|l| l.starts_with('#')).find(|l| l.starts_with("# Parameters:")).unwrap_or("");
    let re = regex::Regex::new(r"\?([A-Za-z_][A-Za-z0-9_]*)").unwrap();
    re.captures_iter(line).map(|c| c[1].to_owned()).collect()
}

#[test]
fn every_shipped_query_exists_and_no_query_is_unlisted() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(root().join("queries"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = QUERIES.iter().map(|s| s.to_string()).collect();
    assert_eq!(on_disk, listed, "queries/ and the QUERIES list of this test differ");
}

#[test]
fn every_query_parses_and_opens_with_a_comment_header() {
    for name in QUERIES {
        let text = query_text(name);
        assert!(text.starts_with("# Question:"), "{name}: must open with `# Question:`");
        let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
        assert!(header.iter().any(|l| l.starts_with("# Parameters:")), "{name}: no `# Parameters:` line");
        let example = header
            .iter()
            .find(|l| l.starts_with("# Example:"))
            .unwrap_or_else(|| panic!("{name}: no `# Example:` line"));
        assert!(
            example.contains(&format!("lantai query {name}")),
            "{name}: the example must run `lantai query {name}`"
        );
        for p in declared_params(&text) {
            assert!(example.contains(&format!("--param {p}=")), "{name}: the example should show --param {p}=…");
        }
        if let Err(e) = SparqlEvaluator::new().parse_query(&text) {
            panic!("{name} does not parse: {e}");
        }
    }
}

#[test]
fn queries_declare_prefixes_as_the_vocabulary_does() {
    let re = regex::Regex::new(r"(?m)^PREFIX\s+([A-Za-z]*):\s*<([^>]*)>").unwrap();
    let known: BTreeMap<&str, &str> = vocab::PREFIXES.iter().copied().collect();
    for name in QUERIES {
        let text = query_text(name);
        for c in re.captures_iter(&text) {
            if let Some(iri) = known.get(&c[1]) {
                assert_eq!(&&c[2], iri, "{name}: PREFIX {}: differs from vocab.rs", &c[1]);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Queries: results on the fixture
// ---------------------------------------------------------------------------

fn fixture_quads() -> Vec<Quad> {
    RdfParser::from_format(RdfFormat::TriG)
        .for_slice(read("tests/fixtures/sample.trig").as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .expect("tests/fixtures/sample.trig is valid TriG")
}

fn fixture_store() -> Store {
    let store = Store::new().unwrap();
    store
        .load_from_slice(RdfFormat::TriG, read("tests/fixtures/sample.trig").as_bytes())
        .expect("tests/fixtures/sample.trig loads");
    lantai::store::load_ontology(&store).unwrap();
    store
}

type Row = BTreeMap<String, String>;

/// Run a shipped query on the store as `lantai query` does; each row maps a
/// variable to its value (literal text or IRI), unbound variables left out.
fn run(store: &Store, name: &str, params: &[(&str, &str)]) -> Vec<Row> {
    let text = query_text(name);
    let mut q = SparqlEvaluator::new().parse_query(&text).unwrap_or_else(|e| panic!("{name} does not parse: {e}"));
    q.dataset_mut().set_default_graph_as_union();
    for (var, value) in params {
        q = q.substitute_variable(Variable::new(*var).unwrap(), Literal::new_simple_literal(*value));
    }
    let QueryResults::Solutions(solutions) =
        q.on_store(store).execute().unwrap_or_else(|e| panic!("{name} {params:?} fails: {e}"))
    else {
        panic!("{name} is not a SELECT query")
    };
    solutions
        .map(|s| {
            s.unwrap_or_else(|e| panic!("{name} {params:?} fails: {e}"))
                .iter()
                .map(|(v, t)| {
                    let value = match t {
                        Term::Literal(l) => l.value().to_owned(),
                        Term::NamedNode(n) => n.as_str().to_owned(),
                        other => other.to_string(),
                    };
                    (v.as_str().to_owned(), value)
                })
                .collect()
        })
        .collect()
}

fn get<'a>(row: &'a Row, var: &str) -> &'a str {
    row.get(var).map(String::as_str).unwrap_or("")
}

/// The rows projected on some columns, as tuples of strings ("" for unbound).
fn cols(rows: &[Row], vars: &[&str]) -> Vec<Vec<String>> {
    rows.iter().map(|r| vars.iter().map(|v| get(r, v).to_owned()).collect()).collect()
}

fn set_of(rows: &[Row], vars: &[&str]) -> BTreeSet<Vec<String>> {
    cols(rows, vars).into_iter().collect()
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// A GROUP_CONCAT list, order-independent.
fn list(s: &str) -> BTreeSet<String> {
    s.split("; ").filter(|x| !x.is_empty()).map(str::to_owned).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn every_query_runs_with_and_without_its_parameters() {
    let store = fixture_store();
    for name in QUERIES {
        let text = query_text(name);
        let all = run(&store, name, &[]);
        assert!(!all.is_empty(), "{name}: no rows on the fixture");
        for p in declared_params(&text) {
            // A value nothing has: runs (the variable is projected, so the
            // substitution is accepted) and finds nothing.
            let none = run(&store, name, &[(p.as_str(), "不存在的名称")]);
            assert!(none.is_empty(), "{name}: --param {p}=<unknown> gave {none:?}");
        }
    }
}

#[test]
fn no_query_returns_ontology_terms_as_data() {
    let store = fixture_store();
    for name in QUERIES {
        for row in run(&store, name, &[]) {
            for (var, value) in &row {
                assert!(
                    !value.starts_with(vocab::ONTOLOGY_GRAPH) && !value.contains("兰台知识图谱本体"),
                    "{name}: ?{var} = {value}"
                );
            }
        }
    }
}

#[test]
fn people_posts() {
    let store = fixture_store();
    let rows = run(&store, "people-posts", &[]);
    assert_eq!(
        cols(&rows, &["person", "post", "unit", "document"]),
        vec![
            strs(&["朱浩", "主任", "桃源县史志办", DOC_002]),
            strs(&["朱浩", "主任", "桃源县史志办", DOC_005]),
            strs(&["杨松", "主任", "中共沈阳市委党史研究室", DOC_001]),
            strs(&["杨松", "副县长", "桃源县人民政府", DOC_002]),
        ]
    );
    assert_eq!(get(&rows[0], "title"), "人物研究处党支部开展支部联基层");

    let zhu = run(&store, "people-posts", &[("person", "朱浩")]);
    assert_eq!(set_of(&zhu, &["document"]), set_of(&rows[..2], &["document"]));
    assert_eq!(zhu.len(), 2);
}

#[test]
fn unit_subunits() {
    let store = fixture_store();
    let hunan = "中共湖南省委党史研究室";
    let office = "中共湖南省委党史研究室人物研究处";
    let branch = "中共湖南省委党史研究室人物研究处党支部";
    let rows = run(&store, "unit-subunits", &[]);
    assert_eq!(
        set_of(&rows, &["unit", "subunit", "via", "documents"]),
        [
            strs(&[hunan, office, "", DOC_002]),
            strs(&[hunan, branch, office, DOC_002]),
            strs(&[office, branch, "", DOC_002]),
            strs(&["中共沈阳市委党史研究室", "中共沈阳市委党史研究室“80后”青年宣讲团", "", DOC_001]),
        ]
        .into_iter()
        .collect()
    );
    assert_eq!(rows.len(), 4);
    let one = run(&store, "unit-subunits", &[("unit", hunan)]);
    assert_eq!(set_of(&one, &["subunit"]), [strs(&[office]), strs(&[branch])].into_iter().collect());
}

#[test]
fn events_timeline() {
    let store = fixture_store();
    let rows = run(&store, "events-timeline", &[]);
    assert_eq!(
        cols(&rows, &["date", "event", "kind", "place", "organizers", "documents"]),
        vec![
            strs(&[
                "2021-03-10",
                "桃源县史志办党史学习教育动员会",
                "会议",
                "桃源县史志办会议室",
                "桃源县史志办",
                DOC_005
            ]),
            strs(&[
                "2021-06-21",
                "《中国共产党沈阳历史》新书首发式",
                "仪式",
                "浑南二中",
                "中共沈阳市委党史研究室",
                DOC_001
            ]),
            strs(&[
                "--06-03",
                "人物研究处党支部到桃源县史志办开展支部联基层活动",
                "考察走访",
                "桃源县",
                "中共湖南省委党史研究室人物研究处党支部",
                DOC_002
            ]),
        ]
    );
}

#[test]
fn publications_by_publisher() {
    let store = fixture_store();
    let rows = run(&store, "publications-by-publisher", &[]);
    assert_eq!(
        cols(&rows, &["publisher", "kind", "publication", "documents"]),
        vec![
            strs(&["中共沈阳市委党史研究室", "图书", "中国共产党沈阳历史", "1"]),
            strs(&["桃源县史志办", "图书", "桃源革命斗争史", "2"]),
            strs(&["", "期刊", "湘潮", "2"]),
            strs(&["", "法规文件", "档案法", "1"]),
        ]
    );
}

#[test]
fn entities_multi_doc() {
    let store = fixture_store();
    let rows = run(&store, "entities-multi-doc", &[]);
    assert_eq!(
        set_of(&rows, &["entity", "type", "documents", "id"]),
        [
            strs(&["朱浩", "人物", "2", "person/桃源县/朱浩"]),
            strs(&["桃源县史志办", "单位", "2", "unit/桃源县史志办"]),
            strs(&["桃源革命斗争史", "出版物", "2", "publication/桃源革命斗争史"]),
            strs(&["湘潮", "出版物", "2", "publication/湘潮"]),
        ]
        .into_iter()
        .collect()
    );
    assert_eq!(rows.len(), 4, "the two 杨松 are different people: {rows:?}");
    for r in &rows {
        assert_eq!(list(get(r, "files")), set(&[DOC_002, DOC_005]));
    }
}

#[test]
fn cooccurrence_pairs() {
    let store = fixture_store();
    let rows = run(&store, "cooccurrence-pairs", &[]);
    let shared = ["朱浩", "桃源县史志办", "桃源革命斗争史", "湘潮"];
    let mut expected = BTreeSet::new();
    for (i, a) in shared.iter().enumerate() {
        for b in &shared[i + 1..] {
            expected.insert(set(&[a, b]));
        }
    }
    let got: BTreeSet<BTreeSet<String>> = rows.iter().map(|r| set(&[get(r, "entityA"), get(r, "entityB")])).collect();
    assert_eq!(got, expected);
    assert_eq!(rows.len(), 6);
    for r in &rows {
        assert_eq!(get(r, "documents"), "2");
        assert_eq!(list(get(r, "files")), set(&[DOC_002, DOC_005]));
        assert!(!get(r, "typeA").is_empty() && !get(r, "typeB").is_empty());
    }
}

#[test]
fn cooccurrence_network() {
    let store = fixture_store();
    let rows = run(&store, "cooccurrence-network", &[]);
    // 10, 7 and 9 entities: 45 + 21 + 36 pairs, of which the 6 pairs shared by 002 and 005 count once.
    assert_eq!(rows.len(), 45 + 21 + 36 - 6);
    let heavy: Vec<&Row> = rows.iter().filter(|r| get(r, "weight") == "2").collect();
    assert_eq!(heavy.len(), 6);
    assert!(rows[..6].iter().all(|r| get(r, "weight") == "2"), "heaviest edges first");
    assert!(rows.iter().all(|r| ["1", "2"].contains(&get(r, "weight"))));
    assert!(rows.iter().any(|r| {
        set(&[get(r, "source"), get(r, "target")]) == set(&["朱浩", "桃源县史志办"]) && get(r, "weight") == "2"
    }));
    assert!(
        !rows.iter().any(|r| get(r, "source") == "杨松" && get(r, "target") == "杨松"),
        "the two 杨松 never share a document"
    );
    let ids: BTreeSet<&str> = rows.iter().flat_map(|r| [get(r, "sourceId"), get(r, "targetId")]).collect();
    assert!(ids.contains("person/沈阳市/杨松") && ids.contains("person/桃源县/杨松"));
    assert!(ids.contains("local/001_b613e002a63f7255.txt/unit/市委"));
}

#[test]
fn docs_mentioning() {
    let store = fixture_store();
    let docs = |name: &str| -> BTreeSet<String> {
        run(&store, "docs-mentioning", &[("name", name)]).iter().map(|r| get(r, "document").to_owned()).collect()
    };
    assert_eq!(docs("朱浩"), set(&[DOC_002, DOC_005]));
    assert_eq!(docs("桃源县史志办"), set(&[DOC_002, DOC_005]));
    // An altLabel stated only in 002 still finds the entity, and so every document with it.
    assert_eq!(docs("桃源县史志办公室"), set(&[DOC_002, DOC_005]));
    assert_eq!(docs("沈阳市文史研究馆"), set(&[DOC_001]));
    assert_eq!(docs("湘潮"), set(&[DOC_002, DOC_005]));
    assert_eq!(docs("市委"), set(&[DOC_001]));
    assert!(docs("档案").is_empty(), "exact names only");

    let yang = run(&store, "docs-mentioning", &[("name", "杨松")]);
    assert_eq!(
        set_of(&yang, &["entity", "type", "document", "id"]),
        [
            strs(&["杨松", "人物", DOC_002, "person/桃源县/杨松"]),
            strs(&["杨松", "人物", DOC_001, "person/沈阳市/杨松"]),
        ]
        .into_iter()
        .collect()
    );
    let row = run(&store, "docs-mentioning", &[("name", "县史志办")]);
    assert_eq!(cols(&row, &["name", "entity"])[0], strs(&["县史志办", "桃源县史志办"]));
    assert_eq!(get(&row[0], "title"), "人物研究处党支部开展支部联基层");

    // Without a name: every entity under each of its names, only in the three documents.
    let all = run(&store, "docs-mentioning", &[]);
    assert_eq!(set_of(&all, &["document"]).len(), 3);
    assert!(all
        .iter()
        .any(|r| get(r, "name") == "人物研究处" && get(r, "entity") == "中共湖南省委党史研究室人物研究处"));
}

#[test]
fn unit_profile() {
    let store = fixture_store();
    let unit = "中共沈阳市委党史研究室";
    let rows = run(&store, "unit-profile", &[("name", unit)]);
    assert!(rows.iter().all(|r| get(r, "unit") == unit && get(r, "name") == unit));
    let facts = set_of(&rows, &["aspect", "value", "detail", "document"]);
    let expect = [
        ["label", unit, "", ""],
        ["altLabel", "沈阳市委党史研究室", "", DOC_001],
        ["altLabel", "市委党研室", "", DOC_001],
        ["post", "杨松", "主任", DOC_001],
        ["subUnit", "中共沈阳市委党史研究室“80后”青年宣讲团", "", DOC_001],
        ["organized", "《中国共产党沈阳历史》新书首发式", "2021-06-21", DOC_001],
        ["published", "中国共产党沈阳历史", "图书", DOC_001],
        ["document", "共庆百年华诞,奋力开创新局!沈阳党史党建工作取得这些新成果", "2021-06-23", DOC_001],
    ];
    for e in expect {
        assert!(facts.contains(&strs(&e)), "unit-profile {unit}: missing {e:?} in {facts:#?}");
    }
    assert!(facts.iter().any(|f| f[0] == "resolution"));
    assert_eq!(facts.len(), expect.len() + 1, "{facts:#?}");
    // Aspects come in the documented order.
    let order: Vec<&str> = rows.iter().map(|r| get(r, "aspect")).collect();
    let mut dedup = order.clone();
    dedup.dedup();
    assert_eq!(dedup, ["label", "altLabel", "resolution", "post", "subUnit", "organized", "published", "document"]);

    // By an altLabel: the same unit, the same facts.
    let by_alias = run(&store, "unit-profile", &[("name", "市委党研室")]);
    assert_eq!(
        set_of(&by_alias, &["unit", "aspect", "value", "detail", "document"]),
        set_of(&rows, &["unit", "aspect", "value", "detail", "document"])
    );

    // A unit named in two documents: facts from both, its parent side empty.
    let office = run(&store, "unit-profile", &[("name", "桃源县史志办")]);
    let facts = set_of(&office, &["aspect", "value", "detail", "document"]);
    for e in [
        ["post", "朱浩", "主任", DOC_002],
        ["post", "朱浩", "主任", DOC_005],
        ["organized", "桃源县史志办党史学习教育动员会", "2021-03-10", DOC_005],
        ["participated", "人物研究处党支部到桃源县史志办开展支部联基层活动", "--06-03", DOC_002],
        ["published", "桃源革命斗争史", "图书", DOC_002],
        ["published", "桃源革命斗争史", "图书", DOC_005],
        ["document", "桃源县史志办召开党史学习教育动员会", "2021-03-10", DOC_005],
    ] {
        assert!(facts.contains(&strs(&e)), "unit-profile 桃源县史志办: missing {e:?}");
    }
    let branch = run(&store, "unit-profile", &[("name", "人物研究处")]);
    let facts = set_of(&branch, &["aspect", "value"]);
    assert!(facts.contains(&strs(&["parentUnit", "中共湖南省委党史研究室"])));
    assert!(facts.contains(&strs(&["subUnit", "中共湖南省委党史研究室人物研究处党支部"])));
    // Not a unit: nothing.
    assert!(run(&store, "unit-profile", &[("name", "朱浩")]).is_empty());
}

#[test]
fn people_across_docs() {
    let store = fixture_store();
    let rows = run(&store, "people-across-docs", &[]);
    assert_eq!(
        cols(&rows, &["person", "documentCount", "document", "posts", "id"]),
        vec![
            strs(&["朱浩", "2", DOC_002, "桃源县史志办主任", "person/桃源县/朱浩"]),
            strs(&["朱浩", "2", DOC_005, "桃源县史志办主任", "person/桃源县/朱浩"]),
        ]
    );
    assert_eq!(get(&rows[1], "title"), "桃源县史志办召开党史学习教育动员会");
    assert_eq!(run(&store, "people-across-docs", &[("person", "朱浩")]).len(), 2);
    assert!(run(&store, "people-across-docs", &[("person", "杨松")]).is_empty());
}

#[test]
fn units_shared_events() {
    let store = fixture_store();
    let rows = run(&store, "units-shared-events", &[]);
    let got: BTreeSet<(BTreeSet<String>, String, String)> = rows
        .iter()
        .map(|r| {
            (set(&[get(r, "unitA"), get(r, "unitB")]), get(r, "events").to_owned(), get(r, "documents").to_owned())
        })
        .collect();
    let launch = "《中国共产党沈阳历史》新书首发式";
    let visit = "人物研究处党支部到桃源县史志办开展支部联基层活动";
    let expected: BTreeSet<_> = [
        (set(&["中共沈阳市委党史研究室", "沈阳市档案馆"]), launch, DOC_001),
        (set(&["中共沈阳市委党史研究室", "中共沈阳市委党史研究室“80后”青年宣讲团"]), launch, DOC_001),
        (set(&["沈阳市档案馆", "中共沈阳市委党史研究室“80后”青年宣讲团"]), launch, DOC_001),
        (set(&["中共湖南省委党史研究室人物研究处党支部", "桃源县史志办"]), visit, DOC_002),
    ]
    .into_iter()
    .map(|(p, e, d)| (p, e.to_owned(), d.to_owned()))
    .collect();
    assert_eq!(got, expected);
    assert!(rows.iter().all(|r| get(r, "sharedEvents") == "1"));
}

#[test]
fn publications_multi_doc() {
    let store = fixture_store();
    let rows = run(&store, "publications-multi-doc", &[]);
    assert_eq!(
        cols(&rows, &["publication", "kind", "documents", "publishers"]),
        vec![strs(&["桃源革命斗争史", "图书", "2", "桃源县史志办"]), strs(&["湘潮", "期刊", "2", ""])]
    );
    assert_eq!(list(get(&rows[1], "files")), set(&[DOC_002, DOC_005]));
}

#[test]
fn documents() {
    let store = fixture_store();
    let rows = run(&store, "documents", &[]);
    let c = ["document", "date", "place", "source", "authors", "editors", "units", "people", "events", "publications"];
    assert_eq!(
        cols(&rows, &c),
        vec![
            strs(&[DOC_001, "2021-06-23", "沈阳市", "", "", "张一弛", "4", "2", "1", "2"]),
            strs(&[DOC_002, "", "湖南省", "", "", "", "5", "2", "1", "2"]),
            strs(&[DOC_005, "2021-03-10", "桃源县", "湘潮", "王芳", "李明", "1", "3", "1", "2"]),
        ]
    );
    assert_eq!(get(&rows[1], "title"), "人物研究处党支部开展支部联基层");
}
