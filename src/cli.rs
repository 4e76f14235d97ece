//! Command-line definitions (clap) only: no behaviour here.

use clap::{Args, Parser, Subcommand};
use lantai::{export, query, stateless};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "lantai",
    version,
    about = "Build a knowledge graph of units, people, events and publications from Chinese archive and local-history documents"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Clone)]
pub struct StoreArg {
    /// The on-disk store (a folder)
    #[arg(long, env = "LANTAI_STORE", default_value = "lantai-store")]
    pub store: PathBuf,
}

/// A SPARQL server in place of the store (`ingest`, `query`, `link`).
#[derive(Args, Clone, Debug)]
pub struct RemoteArg {
    /// A SPARQL endpoint to use instead of the store: queries go there, and updates
    /// and graphs too unless --update-endpoint / --graph-store say otherwise
    #[arg(long, value_name = "URL")]
    pub endpoint: Option<String>,
    /// The server's SPARQL Update endpoint, when not --endpoint (Oxigraph server: /update)
    #[arg(long, value_name = "URL")]
    pub update_endpoint: Option<String>,
    /// The server's Graph Store Protocol endpoint, when not --endpoint (Oxigraph server:
    /// /store; Virtuoso: /sparql-graph-crud-auth)
    #[arg(long, value_name = "URL")]
    pub graph_store: Option<String>,
    /// User for a server that asks (Basic or Digest auth; else ~/.netrc or $NETRC)
    #[arg(long, env = "LANTAI_USER")]
    pub user: Option<String>,
    /// Password for --user (better in LANTAI_PASSWORD or ~/.netrc than on a command line)
    #[arg(long, env = "LANTAI_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// Seconds one request may take
    #[arg(long, value_name = "SECONDS", default_value_t = 300.0, value_parser = positive_seconds)]
    pub http_timeout: f64,
}

/// Output of `lantai tag`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TagFormat {
    Text,
    Jsonl,
}

#[derive(Subcommand)]
pub enum Command {
    /// Read files or folders (.txt, .md, .html) into the store, one graph per document
    Ingest {
        #[command(flatten)]
        store: StoreArg,
        /// Files or folders (read recursively)
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Document identities relative to this folder (default: to each folder given; a file
        /// given itself is its name): shards of one folder then mint one run's IRIs
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Worker threads for reading and extraction (default: all cores; at most 4 per core)
        #[arg(long)]
        threads: Option<usize>,
        /// No progress bar and no summary
        #[arg(long, short)]
        quiet: bool,
        /// Also write the summary (counts, skipped files, seconds per stage) as JSON
        /// (checked writable before anything is ingested)
        #[arg(long)]
        stats_json: Option<PathBuf>,
        /// Do not run the statistical name tagger (faster; the rules alone find names)
        #[arg(long)]
        no_tagger: bool,
        #[command(flatten)]
        remote: RemoteArg,
        /// With --endpoint: graphs sent at once
        #[arg(long, default_value_t = 4)]
        jobs: usize,
    },
    /// Tag text with the built-in lexical analyser (Baidu LAC 2.1.2's model): words with
    /// part-of-speech and name tags (PER person, ORG organisation, LOC place, TIME time)
    Tag {
        /// Files to tag (any encoding ingest reads); `-` reads standard input
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// text: one line of word/TAG per input line; jsonl: {"text","words","tags"} per line
        #[arg(long, value_enum, default_value = "text")]
        format: TagFormat,
        /// Tag each input line exactly as it is (no normalisation): LAC's own behaviour
        #[arg(long)]
        raw: bool,
    },
    /// Drop documents' graphs from the store (by file name)
    Remove {
        #[command(flatten)]
        store: StoreArg,
        /// Documents: a file name or path, a name as `lantai docs` shows it (`a/same.txt`),
        /// or a document IRI (http:// or https://)
        #[arg(required = true)]
        docs: Vec<String>,
    },
    /// Run a SPARQL file, by path or by the name of a shipped query
    Query {
        #[command(flatten)]
        store: StoreArg,
        /// A .rq file, or a shipped query name (see `lantai query --list`)
        #[arg(required_unless_present = "list")]
        query: Option<String>,
        /// Output format (a table holds up to 10,000 rows, then TSV is written as rows come;
        /// CONSTRUCT and DESCRIBE give Turtle with table, or ntriples)
        #[arg(long, value_enum, default_value = "table")]
        format: query::Format,
        /// Bind a variable: NAME=VALUE (a literal) or NAME=<IRI>
        #[arg(long = "param", short = 'p')]
        params: Vec<String>,
        /// List the shipped queries
        #[arg(long)]
        list: bool,
        /// Stop the query after this many seconds (exit 2; rows written so far stay written)
        #[arg(long, value_name = "SECONDS", value_parser = positive_seconds)]
        timeout: Option<f64>,
        #[command(flatten)]
        remote: RemoteArg,
    },
    /// Write the graph as Turtle, TriG, N-Quads or N-Triples
    Export {
        #[command(flatten)]
        store: StoreArg,
        /// Output format: Turtle and N-Triples hold the union of the graphs, TriG and
        /// N-Quads one graph per document
        #[arg(long, value_enum, default_value = "turtle")]
        format: export::Format,
        /// Only this document's graph (file name, a name as `lantai docs` shows it, or IRI)
        #[arg(long)]
        graph: Option<String>,
        /// Include the ontology graph (the shipped queries need its labels on another
        /// server); on by default for the whole store in TriG and N-Quads,
        /// `--with-ontology=false` leaves it out
        #[arg(long, value_name = "BOOL", num_args = 0..=1, require_equals = true, default_missing_value = "true")]
        with_ontology: Option<bool>,
        /// Output file (default: standard output)
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// List the documents in the store
    Docs {
        #[command(flatten)]
        store: StoreArg,
    },
    /// Everything known about one entity across documents
    Entity {
        #[command(flatten)]
        store: StoreArg,
        /// A name, in simplified or traditional script, or an alias
        name: String,
    },
    /// Score the graph against gold annotations (ANNOTATION.md)
    Eval {
        /// Gold folder (one JSON file per document); repeat for several folders
        #[arg(long, required = true)]
        gold: Vec<PathBuf>,
        /// Documents to ingest into a temporary store (files or folders)
        docs: Vec<PathBuf>,
        /// Score this store instead of a temporary one (read only)
        #[arg(long)]
        store: Option<PathBuf>,
        /// Write the report as JSON
        #[arg(long)]
        json: bool,
        /// List every false positive and false negative with its sentence
        #[arg(long)]
        explain: bool,
        /// Per extraction rule (lt:rule): true and false positives and precision
        #[arg(long)]
        by_rule: bool,
        /// Ingest without the statistical name tagger
        #[arg(long)]
        no_tagger: bool,
        /// Exit non-zero when micro entity F1 is below this
        #[arg(long)]
        min_f1: Option<f64>,
    },
    /// Extract documents with no store: each document's graph as N-Quads or TriG, the
    /// quads `ingest` would store, in a fixed order (for batch engines and bulk loaders)
    Extract {
        /// Files or folders (read recursively; document identities as in `ingest`)
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value = "nquads")]
        format: stateless::Format,
        /// Write one file per document under this folder (default: all to standard output)
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Also write the ontology graph (the shipped queries need it)
        #[arg(long)]
        with_ontology: bool,
        /// Document identities relative to this folder (default: to each folder given; a file
        /// given itself is its name): shards of one folder then mint one run's IRIs
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
        /// Worker threads (default: all cores)
        #[arg(long)]
        threads: Option<usize>,
        /// Do not run the statistical name tagger
        #[arg(long)]
        no_tagger: bool,
    },
    /// Recompute the links across documents (`skos:closeMatch` between people of one
    /// name in different places); `ingest` does this itself
    Link {
        #[command(flatten)]
        store: StoreArg,
        /// Print the SPARQL Update that computes them, for graphs loaded into another
        /// server from `lantai extract`, and touch no store
        #[arg(long)]
        print_update: bool,
        #[command(flatten)]
        remote: RemoteArg,
    },
    /// Serve the store over HTTP: a SPARQL 1.1 Protocol endpoint at /sparql (read-only
    /// unless --writable, which adds SPARQL Update and the Graph Store Protocol at /store)
    Serve {
        #[command(flatten)]
        store: StoreArg,
        /// Address to listen on (loopback by default: see the README before exposing it)
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: std::net::SocketAddr,
        /// Stop a query after this many seconds (503)
        #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = positive_seconds)]
        timeout: f64,
        /// Cut a SELECT after this many rows (said in the X-SPARQL-MaxRows header)
        #[arg(long, default_value_t = 100_000)]
        max_rows: usize,
        /// Accept SPARQL Update and graph writes (PUT/POST/DELETE /store?graph=)
        #[arg(long)]
        writable: bool,
    },
    /// Entities that occur in several documents
    Links {
        #[command(flatten)]
        store: StoreArg,
        /// Unit, Person, Event or Publication
        #[arg(long = "type")]
        kind: Option<String>,
        /// Only entities in at least this many documents
        #[arg(long, default_value_t = 2)]
        min_docs: usize,
    },
    /// How two entities connect across the graph
    Related {
        #[command(flatten)]
        store: StoreArg,
        /// One entity's name (simplified, traditional, another label or an alias)
        a: String,
        /// The other entity's name
        b: String,
        /// The longest path to look for, in relations
        #[arg(long, default_value_t = 4)]
        max_hops: usize,
    },
    /// An entity's neighbourhood, as a list, an SVG picture or Graphviz DOT
    Neighbours {
        #[command(flatten)]
        store: StoreArg,
        /// The entity's name (simplified, traditional, another label or an alias)
        name: String,
        /// How many relations away from the entity to go
        #[arg(long, default_value_t = 1)]
        hops: usize,
        /// Also draw the neighbourhood as an SVG picture in this file
        #[arg(long)]
        svg: Option<PathBuf>,
        /// Also write the neighbourhood as Graphviz DOT in this file
        #[arg(long)]
        dot: Option<PathBuf>,
    },
    /// User aliases: another name for an entity, merged without re-reading documents
    Alias {
        #[command(subcommand)]
        action: AliasAction,
    },
}

#[derive(Subcommand)]
pub enum AliasAction {
    /// Add ALIAS as another name of CANONICAL and merge the nodes it names
    Add {
        #[command(flatten)]
        store: StoreArg,
        /// The other name (it may name no node yet: `entity` then finds the canonical one by it)
        alias: String,
        /// The name of the entity it stands for (its label)
        canonical: String,
    },
    /// List the aliases file
    List {
        #[command(flatten)]
        store: StoreArg,
    },
    /// Apply the aliases file again
    Relink {
        #[command(flatten)]
        store: StoreArg,
    },
}

/// `--timeout`: a number of seconds above zero.
fn positive_seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if v > 0.0 && v.is_finite() => Ok(v),
        _ => Err(format!("{s} is not a number of seconds above 0")),
    }
}
