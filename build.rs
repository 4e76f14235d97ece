//! Compiles the shipped SPARQL files (queries/*.rq) into the binary, so that
//! `lantai query NAME` works from any folder.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "rq")).collect())
        .unwrap_or_default();
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
