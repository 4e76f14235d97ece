//! `lantai docs`: the documents in the store with their metadata and how many
//! entities of each type they hold.

use crate::vocab::{lt, DCTERMS, RDFS};
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

#[derive(Debug, Default, serde::Serialize)]
pub struct DocRow {
    pub file: String,
    pub title: String,
    pub date: String,
    pub source: String,
    pub units: usize,
    pub people: usize,
    pub events: usize,
    pub publications: usize,
}

pub fn list(store: &Store) -> Result<Vec<DocRow>, String> {
    let q = format!(
        "SELECT ?g ?file (SAMPLE(?t) AS ?title) (SAMPLE(?d) AS ?date) (SAMPLE(?sl) AS ?source)
           (COUNT(DISTINCT ?u) AS ?units) (COUNT(DISTINCT ?p) AS ?people)
           (COUNT(DISTINCT ?e) AS ?events) (COUNT(DISTINCT ?b) AS ?pubs)
         WHERE {{ GRAPH ?g {{
           ?doc <{sf}> ?file .
           OPTIONAL {{ ?doc <{DCTERMS}title> ?t }}
           OPTIONAL {{ ?doc <{DCTERMS}date> ?d }}
           OPTIONAL {{ ?doc <{DCTERMS}source> ?s . ?s <{RDFS}label> ?sl }}
           OPTIONAL {{ ?u a <{unit}> }} OPTIONAL {{ ?p a <{person}> }}
         }}
         OPTIONAL {{ GRAPH ?g {{ ?e a <{event}> }} }} OPTIONAL {{ GRAPH ?g {{ ?b a <{publication}> }} }}
         }} GROUP BY ?g ?file ORDER BY ?file",
        sf = lt("sourceFile"),
        unit = lt("Unit"),
        person = lt("Person"),
        event = lt("Event"),
        publication = lt("Publication"),
    );
    let results = SparqlEvaluator::new()
        .parse_query(&q)
        .map_err(|e| e.to_string())?
        .on_store(store)
        .execute()
        .map_err(|e| e.to_string())?;
    let QueryResults::Solutions(solutions) = results else { return Ok(Vec::new()) };
    let mut rows = Vec::new();
    for s in solutions {
        let s = s.map_err(|e| e.to_string())?;
        let text = |v: &str| match s.get(v) {
            Some(Term::Literal(l)) => l.value().to_owned(),
            _ => String::new(),
        };
        let num = |v: &str| text(v).parse().unwrap_or(0);
        rows.push(DocRow {
            file: text("file"),
            title: text("title"),
            date: text("date"),
            source: text("source"),
            units: num("units"),
            people: num("people"),
            events: num("events"),
            publications: num("pubs"),
        });
    }
    Ok(rows)
}
