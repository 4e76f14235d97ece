//! Golden snapshot of the seeds' graph: the five seed documents ingested
//! (tagger on, as by default) and exported as N-Quads must give exactly the
//! quads of `tests/fixtures/seeds.golden.nq`, compared as a set. A
//! refactoring that should not change the graph is checked here, not by hand.
//!
//! When a change is meant to change the graph, look at the difference this
//! test prints, then rewrite the snapshot with
//! `LANTAI_BLESS=1 cargo test --release --test golden` and commit it with
//! the change that explains it.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&std::ffi::OsStr]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_lantai")).args(args).env_remove("LANTAI_STORE").output().unwrap();
    assert!(o.status.success(), "lantai {args:?}: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn seeds_graph_matches_the_golden_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let seeds = manifest().join("corpus/seeds");
    run(&["ingest".as_ref(), "-q".as_ref(), "--store".as_ref(), store.as_os_str(), seeds.as_os_str()]);
    let nq = run(&[
        "export".as_ref(),
        "--store".as_ref(),
        store.as_os_str(),
        "--format".as_ref(),
        "nquads".as_ref(),
        "--with-ontology=false".as_ref(),
    ]);
    let got: BTreeSet<&str> = nq.lines().filter(|l| !l.trim().is_empty()).collect();
    let path = manifest().join("tests/fixtures/seeds.golden.nq");
    if std::env::var_os("LANTAI_BLESS").is_some() {
        let text: String = got.iter().map(|l| format!("{l}\n")).collect();
        std::fs::write(&path, text).unwrap();
        return;
    }
    let golden = std::fs::read_to_string(&path).expect("the snapshot exists (LANTAI_BLESS=1 writes it)");
    let want: BTreeSet<&str> = golden.lines().filter(|l| !l.trim().is_empty()).collect();
    let missing: Vec<&&str> = want.difference(&got).take(20).collect();
    let extra: Vec<&&str> = got.difference(&want).take(20).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "the seeds' graph changed ({} quads now, {} in the snapshot)\nmissing (first 20):\n{}\nnew (first 20):\n{}",
        got.len(),
        want.len(),
        missing.iter().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n"),
        extra.iter().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n"),
    );
}
