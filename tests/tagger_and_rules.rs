//! The tagger and the named rules, through the real binary on real files:
//! `lantai tag` in both formats and on encoded copies, parity with LAC 2.1.2's
//! own output through the command line, `ingest --no-tagger`, `lt:rule` on
//! every entity and statement of the seeds' graph (each a registered rule),
//! `eval --by-rule`, and the eval floors on all 35 annotated documents.

use serde_json::Value;
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn lantai<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(args: I) -> Out {
    let o = Command::new(env!("CARGO_BIN_EXE_lantai")).args(args).env_remove("LANTAI_STORE").output().unwrap();
    Out {
        code: o.status.code().expect("exit code"),
        stdout: String::from_utf8(o.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

fn ok(o: Out) -> Out {
    assert_eq!(o.code, 0, "stdout:\n{}\nstderr:\n{}", o.stdout, o.stderr);
    o
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn reference() -> Vec<Value> {
    let text = std::fs::read_to_string(manifest().join("tests/fixtures/lac-2.1.2.jsonl")).unwrap();
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn tag_raw_jsonl_is_lac_s_own_output() {
    let dir = tempfile::tempdir().unwrap();
    // every 7th reference line (a mix of scripts, artifacts and headers)
    let picked: Vec<Value> = reference().into_iter().step_by(7).collect();
    let text: String = picked.iter().map(|v| format!("{}\n", v["text"].as_str().unwrap())).collect();
    let file = dir.path().join("lines.txt");
    std::fs::write(&file, text).unwrap();
    let out = ok(lantai([OsStr::new("tag"), "--raw".as_ref(), "--format".as_ref(), "jsonl".as_ref(), file.as_ref()]));
    let got: Vec<Value> = out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(got.len(), picked.len());
    for (g, want) in got.iter().zip(&picked) {
        assert_eq!(g["text"], want["text"]);
        assert_eq!(g["words"], want["words"], "{}", want["text"]);
        assert_eq!(g["tags"], want["tags"], "{}", want["text"]);
    }
}

#[test]
fn tag_reads_every_encoding_ingest_reads() {
    let dir = tempfile::tempdir().unwrap();
    let text = "沈阳市档案馆馆长张春风致辞。\n省委党史研究室主任刘芸赴舟山调研。\n";
    let utf8 = dir.path().join("u.txt");
    std::fs::write(&utf8, text).unwrap();
    let gbk = dir.path().join("g.txt");
    std::fs::write(&gbk, encoding_rs::GBK.encode(text).0).unwrap();
    let utf16 = dir.path().join("w.txt");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
    std::fs::write(&utf16, bytes).unwrap();
    let want = ok(lantai([OsStr::new("tag"), utf8.as_ref()])).stdout;
    assert!(want.contains("张春风/PER"), "{want}");
    assert!(want.contains("刘芸/PER"), "{want}");
    for f in [&gbk, &utf16] {
        assert_eq!(ok(lantai([OsStr::new("tag"), f.as_ref()])).stdout, want, "{}", f.display());
    }
    // a traditional-script copy is normalised as ingest does
    let trad = dir.path().join("t.txt");
    std::fs::write(&trad, "瀋陽市檔案館館長張春風致辭。\n").unwrap();
    assert!(ok(lantai([OsStr::new("tag"), trad.as_ref()])).stdout.contains("张春风/PER"));
    // a bad file is named and skipped, exit 1
    let bin = dir.path().join("b.txt");
    std::fs::write(&bin, b"\x00\x01\x02binary").unwrap();
    let out = lantai([OsStr::new("tag"), bin.as_ref(), utf8.as_ref()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("b.txt"), "{}", out.stderr);
    assert_eq!(out.stdout, want);
}

/// (type, label) of every entity node in the store, via SPARQL.
fn entities(store: &Path, dir: &Path) -> BTreeSet<(String, String)> {
    let q = dir.join("e.rq");
    std::fs::write(
        &q,
        "PREFIX lt: <https://w3id.org/lantai/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n\
         SELECT DISTINCT ?t ?l WHERE { GRAPH ?g { ?e a ?t ; rdfs:label ?l . \
         VALUES ?t { lt:Unit lt:Person lt:Event lt:Publication } } }",
    )
    .unwrap();
    let out = ok(lantai([
        OsStr::new("query"),
        "--store".as_ref(),
        store.as_ref(),
        q.as_ref(),
        "--format".as_ref(),
        "csv".as_ref(),
    ]));
    out.stdout.lines().skip(1).filter_map(|l| l.split_once(',')).map(|(a, b)| (a.to_owned(), b.to_owned())).collect()
}

#[test]
fn every_statement_names_a_registered_rule_and_no_tagger_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("s");
    let seeds = manifest().join("corpus/seeds");
    ok(lantai([OsStr::new("ingest"), "-q".as_ref(), "--store".as_ref(), store.as_ref(), seeds.as_ref()]));
    let q = dir.path().join("r.rq");
    // entities, memberships and statements without lt:rule, and the rule ids used
    std::fs::write(
        &q,
        "PREFIX lt: <https://w3id.org/lantai/ontology#>\nPREFIX org: <http://www.w3.org/ns/org#>\n\
         PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n\
         SELECT ?x ?r WHERE { GRAPH ?g { \
           { ?x a ?t VALUES ?t { lt:Unit lt:Person lt:Event lt:Publication org:Membership rdf:Statement } \
             FILTER NOT EXISTS { ?x lt:rule ?any } } \
           UNION { ?y lt:rule ?r } } }",
    )
    .unwrap();
    let out = ok(lantai([
        OsStr::new("query"),
        "--store".as_ref(),
        store.as_ref(),
        q.as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]));
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let rows = v["results"]["bindings"].as_array().unwrap();
    let without: Vec<&Value> = rows.iter().filter(|b| b.get("x").is_some()).collect();
    assert!(without.is_empty(), "nodes without lt:rule: {without:?}");
    let ids: BTreeSet<&str> = rows.iter().filter_map(|b| b["r"]["value"].as_str()).collect();
    assert!(ids.len() >= 10, "{ids:?}");
    for id in &ids {
        assert!(lantai::extract::rules::get(id).is_some(), "{id} is not in the registry");
    }
    assert!(ids.contains("person/tagger") || ids.contains("person/after-post"));

    // without the tagger: no statement read by it, the rules' people remain
    let plain = dir.path().join("p");
    ok(lantai([
        OsStr::new("ingest"),
        "-q".as_ref(),
        "--no-tagger".as_ref(),
        "--store".as_ref(),
        plain.as_ref(),
        seeds.as_ref(),
    ]));
    let out = ok(lantai([
        OsStr::new("query"),
        "--store".as_ref(),
        plain.as_ref(),
        q.as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
    ]));
    assert!(!out.stdout.contains("person/tagger\""), "the tagger ran with --no-tagger");
    let with: BTreeSet<_> = entities(&store, dir.path());
    let without: BTreeSet<_> = entities(&plain, dir.path());
    assert!(
        without.contains(&("https://w3id.org/lantai/ontology#Person".to_owned(), "张春风".to_owned())),
        "{without:?}"
    );
    assert!(with.len() >= without.len() - 3, "{} vs {}", with.len(), without.len());
}

/// Floors on all 35 annotated documents (seeds and dev), at what was
/// measured; they only rise.
#[test]
fn eval_on_the_35_documents_meets_the_floors() {
    let m = manifest();
    let (gold, dev, seeds) = (m.join("corpus/gold"), m.join("corpus/dev"), m.join("corpus/seeds"));
    let out = ok(lantai([
        OsStr::new("eval"),
        "--gold".as_ref(),
        gold.as_ref(),
        "--gold".as_ref(),
        dev.as_ref(),
        seeds.as_ref(),
        dev.as_ref(),
        "--json".as_ref(),
    ]));
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(v["docs"]["scored"].as_array().unwrap().len(), 35);
    let ent = |t: &str| v["entities"][t]["f1"].as_f64().unwrap();
    let rel = |t: &str| v["relations"][t]["f1"].as_f64().unwrap();
    let acc = |t: &str| v["attributes"][t]["accuracy"].as_f64().unwrap();
    for (name, got, floor) in [
        ("Person", ent("Person"), 0.98),
        ("Unit", ent("Unit"), 0.86),
        ("Event", ent("Event"), 0.82),
        ("Publication", ent("Publication"), 0.92),
        ("entity micro", ent("micro"), 0.89),
        ("holdsPost", rel("holdsPost"), 0.88),
        ("organizer", rel("organizer"), 0.72),
        ("participant", rel("participant"), 0.67),
        ("publisher", rel("publisher"), 0.77),
        ("subUnitOf", rel("subUnitOf"), 0.79),
        ("relation micro", rel("micro"), 0.76),
        ("post accuracy", acc("post"), 0.99),
        ("date accuracy", acc("date"), 0.90),
    ] {
        assert!(got >= floor, "{name} {got:.3} < floor {floor}");
    }
    // per-rule counts are reported
    let by_rule = v["by_rule"].as_object().unwrap();
    assert!(by_rule.contains_key("person/after-post"), "{by_rule:?}");
    let text = ok(lantai([OsStr::new("eval"), "--gold".as_ref(), gold.as_ref(), seeds.as_ref(), "--by-rule".as_ref()]));
    assert!(text.stdout.contains("By rule") && text.stdout.contains("unit/name-run"), "{}", text.stdout);
}
