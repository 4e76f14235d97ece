//! Test fixture: three small document graphs in the shapes rdf.rs writes.

use oxigraph::io::RdfFormat;
use oxigraph::store::Store;

pub const TRIG: &str = r#"
@prefix lt: <https://w3id.org/lantai/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix u: <https://w3id.org/lantai/id/unit/> .
@prefix ps: <https://w3id.org/lantai/id/person/沈阳市/> .
@prefix pd: <https://w3id.org/lantai/id/person/大连市/> .
@prefix ev: <https://w3id.org/lantai/id/event/> .
@prefix pub: <https://w3id.org/lantai/id/publication/> .
@prefix m: <https://w3id.org/lantai/id/membership/> .
@prefix st: <https://w3id.org/lantai/id/statement/> .

<https://w3id.org/lantai/ontology> { lt:Unit a owl:Class ; rdfs:label "沈阳市档案馆" . }

<https://w3id.org/lantai/doc/001_a.txt> {
  <https://w3id.org/lantai/doc/001_a.txt> a lt:Document ; lt:sourceFile "001_a.txt" ;
      dcterms:title "沈阳市档案馆举办建馆60周年纪念展" ; dcterms:date "2021-06-09"^^xsd:date .
  ps:张春风 a lt:Person ; rdfs:label "张春风" ; lt:evidence "沈阳市档案馆馆长张春风致辞。" ;
      lt:resolution "地域取自文档：沈阳市" .
  u:沈阳市档案馆 a lt:Unit ; rdfs:label "沈阳市档案馆" ; skos:altLabel "市档案馆", "瀋陽市檔案館" ;
      lt:evidence "6月9日，市档案馆举办建馆60周年纪念展。" ;
      lt:resolution "“市档案馆”在沈阳市文档中解析为沈阳市档案馆" .
  u:沈阳市人民政府 a lt:Unit ; rdfs:label "沈阳市人民政府" .
  ev:沈阳市档案馆建馆60周年纪念展 a lt:Event, lt:Exhibition ; rdfs:label "沈阳市档案馆建馆60周年纪念展" ;
      lt:date "2021-06-09"^^xsd:date ; lt:place "沈阳市档案馆展厅" ;
      lt:evidence "6月9日，市档案馆举办建馆60周年纪念展。" ;
      lt:organizer u:沈阳市档案馆 .
  st:0001 a rdf:Statement ; rdf:subject ev:沈阳市档案馆建馆60周年纪念展 ; rdf:predicate lt:organizer ;
      rdf:object u:沈阳市档案馆 ; lt:evidence "6月9日，市档案馆举办建馆60周年纪念展。" .
  u:沈阳市档案馆 org:subOrganizationOf u:沈阳市人民政府 .
  st:0002 a rdf:Statement ; rdf:subject u:沈阳市档案馆 ; rdf:predicate org:subOrganizationOf ;
      rdf:object u:沈阳市人民政府 ; lt:evidence "沈阳市档案馆是沈阳市人民政府直属事业单位。" .
  m:0001 a org:Membership ; org:member ps:张春风 ; org:organization u:沈阳市档案馆 ;
      lt:post "馆长" ; lt:evidence "沈阳市档案馆馆长张春风致辞。" .
}

<https://w3id.org/lantai/doc/002_b.txt> {
  <https://w3id.org/lantai/doc/002_b.txt> a lt:Document ; lt:sourceFile "002_b.txt" ;
      dcterms:title "《沈阳档案》创刊四十年" .
  ps:张春风 a lt:Person ; rdfs:label "张春风" ; lt:evidence "馆长张春风为刊物题词。" .
  u:沈阳市档案馆 a lt:Unit ; rdfs:label "沈阳市档案馆" ; skos:altLabel "市档案馆" .
  pub:沈阳档案 a lt:Publication, lt:Periodical ; rdfs:label "沈阳档案" ;
      lt:evidence "《沈阳档案》由沈阳市档案馆主办。" ; lt:publisher u:沈阳市档案馆 .
  st:0003 a rdf:Statement ; rdf:subject pub:沈阳档案 ; rdf:predicate lt:publisher ;
      rdf:object u:沈阳市档案馆 ; lt:evidence "《沈阳档案》由沈阳市档案馆主办。" .
  m:0002 a org:Membership ; org:member ps:张春风 ; org:organization u:沈阳市档案馆 ;
      lt:post "馆长" ; lt:evidence "市档案馆馆长张春风为刊物题词。" .
}

<https://w3id.org/lantai/doc/003_c.txt> {
  <https://w3id.org/lantai/doc/003_c.txt> a lt:Document ; lt:sourceFile "003_c.txt" ;
      dcterms:title "兰台人物志" .
  u:兰台 a lt:Unit ; rdfs:label "兰台" ; lt:evidence "王丽任兰台主任。" .
  <https://w3id.org/lantai/id/person/铁岭市/王丽> a lt:Person ; rdfs:label "王丽" .
  pd:张春风 a lt:Person ; rdfs:label "张春风" ; skos:altLabel "張春風" ;
      lt:evidence "大连市的张春风也到场。" .
  ps:张春风 skos:closeMatch pd:张春风 .
  pub:口述历史 a lt:Publication ; rdfs:label "口述历史&档案<第一辑>\"续\"" ;
      lt:publisher u:兰台 .
  st:0004 a rdf:Statement ; rdf:subject pub:口述历史 ; rdf:predicate lt:publisher ;
      rdf:object u:兰台 ; lt:evidence "兰台编印《口述历史&档案》。" .
  m:0003 a org:Membership ; org:member <https://w3id.org/lantai/id/person/铁岭市/王丽> ;
      org:organization u:兰台 ; lt:post "主任" ; lt:evidence "王丽任兰台主任。" .
}
"#;

/// An in-memory store holding the fixture.
pub fn store() -> Store {
    let s = Store::new().unwrap();
    s.load_from_slice(RdfFormat::TriG, TRIG.as_bytes()).unwrap();
    s
}

/// A full entity IRI from its path after `id/`.
pub fn iri(path: &str) -> String {
    format!("{}{path}", crate::vocab::ID)
}
