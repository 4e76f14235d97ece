//! The store floor of the benchmark: how fast the store write alone goes, on
//! the quads `lantai ingest` produced, through lantai's own write path.
//!
//! cargo run --release --example store_floor -- NQUADS_FILE STORE_DIR
//!
//! Parses NQUADS_FILE (e.g. `lantai export --format nquads`) streaming, groups
//! each run of consecutive quads of one graph into a `DocQuads`, and writes
//! them into a fresh store at STORE_DIR with `lantai::store::NewGraphs`
//! exactly as `lantai ingest` does for new documents (add; flush when full;
//! finish): batches bulk-loaded on a background thread while the next fills.
//! Default-graph quads (none in an export) go to a fixed graph IRI. Prints one
//! JSON object: `load_seconds` is `NewGraphs::load_secs`, the time spent on
//! the bulk-load thread; `quads_per_s` = quads / load_seconds; `wall_seconds`
//! is the whole run, parsing included.

use lantai::rdf::DocQuads;
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode};
use std::io::BufReader;
use std::path::PathBuf;
use std::time::Instant;

// as the `lantai` binary: RocksDB allocates through mimalloc too
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const DEFAULT_GRAPH: &str = "https://w3id.org/lantai/store-floor/default";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 2 || args[0].starts_with('-') {
        eprintln!("usage: store_floor NQUADS_FILE STORE_DIR");
        std::process::exit(2);
    }
    let (input, dir) = (PathBuf::from(&args[0]), PathBuf::from(&args[1]));
    let started = Instant::now();
    if dir.exists() && std::fs::read_dir(&dir).map_or(true, |mut d| d.next().is_some()) {
        eprintln!("{} exists and is not empty: the store floor needs a fresh store", dir.display());
        std::process::exit(2);
    }
    let store = lantai::store::open(&dir).expect("open the store");
    let file = std::fs::File::open(&input).unwrap_or_else(|e| panic!("cannot read {}: {e}", input.display()));
    let parser = RdfParser::from_format(RdfFormat::NQuads).for_reader(BufReader::with_capacity(1 << 20, file));

    let mut batch = lantai::store::NewGraphs::default();
    let mut doc: Option<DocQuads> = None;
    let (mut quads, mut graphs) = (0usize, 0usize);
    let push = |doc: &mut DocQuads, batch: &mut lantai::store::NewGraphs| {
        batch.add(doc);
        if batch.is_full() {
            batch.flush(&store).expect("bulk load");
        }
    };
    for q in parser {
        let q = q.unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        let graph = match &q.graph_name {
            GraphName::NamedNode(g) => g.clone(),
            _ => NamedNode::new_unchecked(DEFAULT_GRAPH),
        };
        if doc.as_ref().is_some_and(|d| d.graph != graph) {
            push(doc.as_mut().unwrap(), &mut batch);
            doc = None;
        }
        let d = doc.get_or_insert_with(|| {
            graphs += 1;
            DocQuads { graph, quads: Vec::new() }
        });
        d.quads.push(q);
        quads += 1;
    }
    if let Some(d) = doc.as_mut() {
        push(d, &mut batch);
    }
    batch.finish(&store).expect("bulk load");
    store.flush().expect("flush the store");
    let load = batch.load_secs;
    println!(
        "{}",
        serde_json::to_string_pretty(&serde_json::json!({
            "quads": quads,
            "graphs": graphs,
            "load_seconds": load,
            "quads_per_s": if load > 0.0 { quads as f64 / load } else { 0.0 },
            "wall_seconds": started.elapsed().as_secs_f64(),
        }))
        .unwrap()
    );
}
