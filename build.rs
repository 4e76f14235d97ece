//! Compiles the shipped SPARQL files (queries/*.rq) into the binary, so that
//! `lantai query NAME` works from any folder.

use std::{env, fs, path::Path};

fn main() {
    // read at run time of the build script, not baked in when it was compiled:
    // a build script reused from another checkout must still see this one
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR").unwrap()).join("queries");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rq"))
        .collect();
    assert!(!entries.is_empty(), "no .rq file in {}", dir.display());
    entries.sort();
    let mut out = String::from("/// Shipped queries: (name, text).\npub const SHIPPED: &[(&str, &str)] = &[\n");
    for p in entries {
        println!("cargo:rerun-if-changed={}", p.display());
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", p.display().to_string()));
    }
    out.push_str("];\n");
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("queries.rs"), out).unwrap();
}
