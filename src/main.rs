//! The `lantai` binary: parse arguments, call the library, map the outcome to
//! an exit code (0 ok, 1 some input was skipped or a threshold missed, 2 fatal).

mod cli;

use anyhow::{anyhow, bail, Context, Result};
use clap::Parser;
use cli::{AliasAction, Cli, Command};
use lantai::{crossdoc, docs, eval, export, ingest, normalize, query, remote, stateless, store};
use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// The pipeline allocates many small strings and vectors per sentence;
// mimalloc serves them from per-thread pages, ~10% faster ingest than glibc.
// Its `override` feature makes C/C++ (RocksDB) allocate through it too: the
// store hands RocksDB-allocated error strings to Rust to free, so both sides
// must share one allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            // a closed pipe (`| head`) is not an error worth a message
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            eprintln!("lantai: {}", message(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and those of its causes that its own message does not already say.
fn message(e: &anyhow::Error) -> String {
    let mut msg = e.to_string();
    for cause in e.chain().skip(1) {
        let c = cause.to_string();
        if !msg.contains(&c) {
            msg = format!("{msg}: {c}");
        }
    }
    msg
}

fn run(command: Command) -> Result<u8> {
    match command {
        Command::Ingest { store, paths, root, threads, quiet, stats_json, no_tagger, remote, jobs } => {
            let (files, skipped) = ingest::collect_sources_under(&paths, root.as_deref());
            let inputs = Inputs { paths: &paths, files, skipped };
            let extract_opts = lantai::extract::Options { tagger: !no_tagger };
            if remote.endpoint.is_some() {
                let opts =
                    lantai::remote::IngestOptions { threads: threads.map(cap_threads), jobs, extract: extract_opts };
                return cmd_ingest_remote(&remote, inputs, &opts, quiet, stats_json.as_deref());
            }
            cmd_ingest(&store.store, inputs, threads, quiet, stats_json.as_deref(), extract_opts)
        }
        Command::Tag { files, format, raw } => cmd_tag(&files, format, raw),
        Command::Remove { store, docs } => cmd_remove(&store.store, &docs),
        Command::Query { remote, query, format, params, list: false, .. } if remote.endpoint.is_some() => {
            cmd_query_remote(&remote, query.as_deref(), format, &params)
        }
        Command::Query { store, query, format, params, list, timeout, .. } => {
            cmd_query(&store.store, query.as_deref(), format, &params, list, timeout)
        }
        Command::Export { store, format, graph, with_ontology, output } => {
            let with_ontology = with_ontology.unwrap_or_else(|| export::ontology_by_default(format, graph.as_deref()));
            cmd_export(&store.store, format, graph.as_deref(), with_ontology, output.as_deref())
        }
        Command::Docs { store } => cmd_docs(&store.store),
        Command::Entity { store, name } => cmd_entity(&store.store, &name),
        Command::Eval { gold, docs, store, json, explain, by_rule, no_tagger, min_f1 } => {
            let extract_opts = lantai::extract::Options { tagger: !no_tagger };
            let show = EvalShow { json, explain, by_rule };
            cmd_eval(&gold, &docs, store.as_deref(), show, extract_opts, min_f1)
        }
        Command::Extract { paths, format, output, with_ontology, root, threads, no_tagger } => {
            let (files, skipped) = ingest::collect_sources_under(&paths, root.as_deref());
            let inputs = Inputs { paths: &paths, files, skipped };
            let opts = stateless::Options {
                threads: threads.map(cap_threads),
                format,
                with_ontology,
                extract: lantai::extract::Options { tagger: !no_tagger },
            };
            cmd_extract(inputs, &opts, output.as_deref())
        }
        Command::Link { remote, print_update: false, .. } if remote.endpoint.is_some() => cmd_link_remote(&remote),
        Command::Link { store, print_update, .. } => cmd_link(&store.store, print_update),
        Command::Serve { store, bind, timeout, max_rows, writable } => {
            let opts = lantai::serve::Options {
                bind,
                timeout: std::time::Duration::from_secs_f64(timeout),
                max_rows,
                writable,
            };
            let st = open(&store.store)?;
            lantai::serve::serve(st, &store.store, opts).with_context(|| format!("cannot serve on {bind}"))?;
            Ok(0)
        }
        Command::Links { store, kind, min_docs } => cmd_links(&store.store, kind.as_deref(), min_docs),
        Command::Related { store, a, b, max_hops } => cmd_related(&store.store, &a, &b, max_hops),
        Command::Neighbours { store, name, hops, svg, dot } => {
            cmd_neighbours(&store.store, &name, hops, svg.as_deref(), dot.as_deref())
        }
        Command::Alias { action } => cmd_alias(action),
    }
}

fn out() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

fn open(path: &Path) -> Result<oxigraph::store::Store> {
    Ok(store::open_existing(path)?)
}

fn open_read_only(path: &Path) -> Result<oxigraph::store::Store> {
    Ok(store::open_read_only(path)?)
}

/// The files a command reads, as `ingest::collect_sources_under` found them.
struct Inputs<'a> {
    paths: &'a [PathBuf],
    files: Vec<ingest::Source>,
    skipped: Vec<ingest::Skipped>,
}

impl Inputs<'_> {
    /// With no file to read: say why, and fail (nothing is created).
    fn none_to(&self, verb: &str) -> anyhow::Error {
        for s in &self.skipped {
            eprintln!("{}: skipped: {}", s.path.display(), s.reason);
        }
        anyhow!(
            "no .txt, .md or .html files to {verb} under {}",
            self.paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        )
    }
}

fn cmd_ingest(
    store_dir: &Path,
    inputs: Inputs,
    threads: Option<usize>,
    quiet: bool,
    stats: Option<&Path>,
    extract_opts: lantai::extract::Options,
) -> Result<u8> {
    // a --stats-json that cannot be written fails before anything is ingested
    let stats_file = stats.map(StatsFile::check).transpose()?;
    let threads = threads.map(cap_threads);
    if inputs.files.is_empty() {
        // nothing to read: say why, and create nothing
        return Err(inputs.none_to("ingest"));
    }
    let Inputs { files, mut skipped, .. } = inputs;
    let st = store::open(store_dir)?;
    let aliases = crossdoc::load_aliases(store_dir)?;
    // progress in bytes (each file's size read once), so that it moves with
    // large documents too, and the name of the document a worker last started
    let (bar, progress) = if !quiet && std::io::stderr().is_terminal() {
        let sizes: std::collections::HashMap<std::path::PathBuf, u64> =
            files.iter().map(|f| (f.path.clone(), std::fs::metadata(&f.path).map_or(0, |m| m.len()))).collect();
        let b = indicatif::ProgressBar::new(sizes.values().sum());
        b.set_style(
            indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {elapsed} {msg}")
                .expect("template"),
        );
        b.enable_steady_tick(std::time::Duration::from_millis(500));
        let shown = b.clone();
        let progress = Box::new(move |p: ingest::Progress| match p {
            ingest::Progress::Reading(path) => shown.set_message(format!("reading {}", path.display())),
            ingest::Progress::Done { done, total, path } => {
                shown.inc(sizes.get(path).copied().unwrap_or(0));
                if done == total {
                    shown.set_message(format!("{done}/{total} documents, writing"));
                }
            }
        }) as ingest::ProgressFn;
        (Some(b), Some(progress))
    } else {
        (None, None)
    };
    let opts = ingest::Options { threads, on_progress: progress, aliases, extract: extract_opts };
    let mut summary = ingest::ingest(&st, &files, &opts)?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    skipped.append(&mut summary.skipped);
    summary.skipped = skipped;
    for s in &summary.skipped {
        eprintln!("{}: skipped: {}", s.path.display(), s.reason);
    }
    if !quiet {
        eprintln!("{}", render_summary(&summary, store_dir));
    }
    if let Some(f) = stats_file {
        f.write(&serde_json::to_string_pretty(&summary)?)?;
    }
    Ok(if summary.skipped.is_empty() { 0 } else { 1 })
}

/// More worker threads than this many per core only cost memory.
const THREADS_PER_CORE: usize = 4;

/// `--threads N`, capped at 4 × the cores (said on stderr when it is).
fn cap_threads(n: usize) -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let max = THREADS_PER_CORE * cores;
    if n > max {
        eprintln!("lantai: --threads {n} is more than {THREADS_PER_CORE} × {cores} cores: using {max}");
        return max;
    }
    n
}

/// The `--stats-json` file, checked writable before the ingest: opened (and
/// created if new) without truncating it; a new file is removed again if the
/// ingest fails.
struct StatsFile {
    path: PathBuf,
    file: Option<std::fs::File>,
    created: bool,
}

impl StatsFile {
    fn check(path: &Path) -> Result<StatsFile> {
        let created = !path.exists();
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .with_context(|| format!("cannot write --stats-json {}", path.display()))?;
        Ok(StatsFile { path: path.to_owned(), file: Some(file), created })
    }

    fn write(mut self, text: &str) -> Result<()> {
        let mut f = self.file.take().expect("open until written");
        let r = f.set_len(0).and_then(|_| f.write_all(text.as_bytes())).and_then(|_| f.flush());
        self.created = false;
        r.with_context(|| format!("cannot write {}", self.path.display()))
    }
}

impl Drop for StatsFile {
    fn drop(&mut self) {
        if self.created {
            drop(self.file.take());
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

fn render_summary(s: &ingest::Summary, store_dir: &Path) -> String {
    let ents: Vec<String> = s.entities.iter().map(|(k, v)| format!("{k} {v}")).collect();
    let rels: Vec<String> = s.relations.iter().map(|(k, v)| format!("{k} {v}")).collect();
    format!(
        "ingested {} documents ({:.1} KB) into {} in {:.2} s: {} quads\n  entities: {}\n  relations: {}\n  skipped: {}",
        s.documents,
        s.bytes as f64 / 1024.0,
        store_dir.display(),
        s.seconds,
        s.quads,
        ents.join(", "),
        rels.join(", "),
        s.skipped.len()
    )
}

fn cmd_extract(inputs: Inputs, opts: &stateless::Options, output: Option<&Path>) -> Result<u8> {
    if inputs.files.is_empty() {
        // nothing to read: say why, and create nothing
        return Err(inputs.none_to("extract"));
    }
    let Inputs { files, mut skipped, .. } = inputs;
    let mut summary = match output {
        Some(dir) => stateless::extract(&files, opts, stateless::Output::Folder(dir))?,
        None => {
            let mut o = out();
            stateless::extract(&files, opts, stateless::Output::Stream(&mut o))?
        }
    };
    skipped.append(&mut summary.skipped);
    for s in &skipped {
        eprintln!("{}: skipped: {}", s.path.display(), s.reason);
    }
    if let Some(dir) = output {
        eprintln!("wrote {} documents ({} quads) under {}", summary.documents, summary.quads, dir.display());
    }
    Ok(if skipped.is_empty() { 0 } else { 1 })
}

fn cmd_link(store_dir: &Path, print_update: bool) -> Result<u8> {
    if print_update {
        print!("{}", store::LINK_UPDATE);
        return Ok(0);
    }
    let st = open(store_dir)?;
    store::link_close_matches(&st)?;
    st.flush()?;
    Ok(0)
}

fn endpoints(remote: &cli::RemoteArg) -> (remote::Endpoints, remote::Client) {
    let endpoint = remote.endpoint.clone().expect("--endpoint given");
    let e = remote::Endpoints {
        update: remote.update_endpoint.clone().unwrap_or_else(|| endpoint.clone()),
        graph_store: remote.graph_store.clone().unwrap_or_else(|| endpoint.clone()),
        query: endpoint,
    };
    let creds = remote::Credentials::resolve(remote.user.as_deref(), remote.password.as_deref(), &e.graph_store);
    (e, remote::Client::new(creds, std::time::Duration::from_secs_f64(remote.http_timeout)))
}

fn cmd_ingest_remote(
    remote: &cli::RemoteArg,
    inputs: Inputs,
    opts: &remote::IngestOptions,
    quiet: bool,
    stats: Option<&Path>,
) -> Result<u8> {
    let stats_file = stats.map(StatsFile::check).transpose()?;
    if inputs.files.is_empty() {
        // nothing to read: say why, and create nothing
        return Err(inputs.none_to("ingest"));
    }
    let Inputs { files, mut skipped, .. } = inputs;
    let (endpoints, client) = endpoints(remote);
    let mut summary = remote::ingest(&client, &endpoints, &files, opts)?;
    skipped.append(&mut summary.skipped);
    summary.skipped = skipped;
    for s in &summary.skipped {
        eprintln!("{}: skipped: {}", s.path.display(), s.reason);
    }
    if let Some(e) = &summary.links_error {
        eprintln!("lantai: the links across documents were not recomputed (`lantai link --endpoint` retries): {e}");
    }
    if !quiet {
        eprintln!(
            "sent {} documents ({} quads) and the ontology graph to {} in {:.2} s\n  skipped: {}",
            summary.documents,
            summary.quads,
            endpoints.graph_store,
            summary.seconds,
            summary.skipped.len()
        );
    }
    if let Some(f) = stats_file {
        f.write(&serde_json::to_string_pretty(&summary)?)?;
    }
    Ok(if summary.skipped.is_empty() && summary.links_error.is_none() { 0 } else { 1 })
}

fn cmd_query_remote(remote: &cli::RemoteArg, q: Option<&str>, format: query::Format, params: &[String]) -> Result<u8> {
    let (name, text) = query::load(q.unwrap_or_default())?;
    let params = params.iter().map(|p| query::parse_param(p)).collect::<Result<Vec<_>, _>>()?;
    let (endpoints, client) = endpoints(remote);
    let mut o = out();
    let (_, cut) = remote::query(&client, &endpoints.query, &text, &params, format, &mut o)
        .with_context(|| format!("{name} on {}", endpoints.query))?;
    o.flush()?;
    if let Some(limit) = cut {
        // a server that cuts results says so in a header only: never pass it on silently
        eprintln!(
            "lantai: {name}: the server cut the results at {limit} rows (X-SPARQL-MaxRows); \
             raise its ResultSetMaxRows or narrow the query"
        );
        return Ok(1);
    }
    Ok(0)
}

fn cmd_link_remote(remote: &cli::RemoteArg) -> Result<u8> {
    let (endpoints, client) = endpoints(remote);
    client.update(&endpoints.update, store::LINK_UPDATE)?;
    Ok(0)
}

fn cmd_remove(store_dir: &Path, docs: &[String]) -> Result<u8> {
    let st = open(store_dir)?;
    let mut missing = 0;
    for d in docs {
        // an IRI is http:// or https://; anything else names a file
        match docs::find_document(&st, d)? {
            docs::Found::One(g) if store::remove_graph(&st, g.as_str())? => eprintln!("removed {d}"),
            docs::Found::Several(names) => {
                eprintln!("{d}: the file name of several documents: {}; give one of them", names.join(", "));
                missing += 1;
            }
            _ => {
                eprintln!("{d}: no such document in the store");
                missing += 1;
            }
        }
    }
    Ok(if missing == 0 { 0 } else { 1 })
}

fn cmd_query(
    store_dir: &Path,
    q: Option<&str>,
    format: query::Format,
    params: &[String],
    list: bool,
    timeout: Option<f64>,
) -> Result<u8> {
    if list {
        let mut o = out();
        for name in query::shipped_names() {
            let (_, text) = query::load(name)?;
            writeln!(o, "{name:28} {}", query::about(&text))?;
        }
        return Ok(0);
    }
    let (name, text) = query::load(q.unwrap_or_default())?;
    let params = params.iter().map(|p| query::parse_param(p)).collect::<Result<Vec<_>, _>>()?;
    let token = timeout.map(|secs| stop_after(secs, &name));
    let mut o = Counting { inner: out(), written: 0 };
    let r = reading(store_dir, |st| {
        let results = query::run_with(st, &name, &text, &params, token.clone())?;
        match query::write(results, format, &mut o) {
            // rows already written cannot be taken back: no second try
            Err(e) if o.written > 0 && store::is_transient(&e.to_string()) => {
                Err(store::StoreError::Busy(store_dir.to_owned()).into())
            }
            r => Ok(r?),
        }
    });
    o.flush()?;
    match r {
        Err(e) if matches!(e.downcast_ref(), Some(query::QueryError::Cancelled)) => {
            bail!("{name}: stopped after --timeout {} s", timeout.unwrap_or_default())
        }
        r => r.map(|_| 0),
    }
}

/// A token cancelled after `secs` seconds; a query that does not stop for it
/// (a step that checks no token) ends the process a little later.
fn stop_after(secs: f64, name: &str) -> oxigraph::sparql::CancellationToken {
    let token = oxigraph::sparql::CancellationToken::new();
    let t = token.clone();
    let name = name.to_owned();
    let limit = std::time::Duration::from_secs_f64(secs.max(0.0));
    std::thread::spawn(move || {
        std::thread::sleep(limit);
        t.cancel();
        std::thread::sleep(std::time::Duration::from_secs(2));
        eprintln!("lantai: {name}: stopped after --timeout {secs} s");
        std::process::exit(2);
    });
    token
}

/// Counts the bytes that went through, so a retry knows whether output began.
struct Counting<W: Write> {
    inner: W,
    written: usize,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Open the store read-only and run `f`; when a writer replaced the files
/// under the reader (RocksDB then speaks of corruption, though the store is
/// fine), open it again and run `f` again (see `store::retry_while_written`).
fn reading<T>(store_dir: &Path, mut f: impl FnMut(&oxigraph::store::Store) -> Result<T>) -> Result<T> {
    let mut other = None;
    let r = store::retry_while_written(store_dir, || {
        let st = store::open_read_only_once(store_dir)?;
        match f(&st) {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                let m = message(&e);
                if store::is_transient(&m) && e.downcast_ref::<store::StoreError>().is_none() {
                    Err(store::StoreError::Query(m))
                } else {
                    other = Some(e);
                    Ok(None)
                }
            }
        }
    })?;
    match (r, other) {
        (Some(v), _) => Ok(v),
        (None, Some(e)) => Err(e),
        (None, None) => unreachable!("f failed without an error"),
    }
}

fn cmd_export(
    store_dir: &Path,
    format: export::Format,
    graph: Option<&str>,
    with_ontology: bool,
    output: Option<&Path>,
) -> Result<u8> {
    let st = open_read_only(store_dir)?;
    let n = match output {
        Some(path) => {
            // errors name the file asked for, not the temporary one beside it
            // write beside the target and rename: a failed export leaves the old file alone
            let tmp = path.with_file_name(format!(
                ".{}.lantai-tmp",
                path.file_name().map_or_else(Default::default, |n| n.to_string_lossy())
            ));
            let f = std::fs::File::create(&tmp).with_context(|| format!("cannot write {}", path.display()))?;
            let mut w = std::io::BufWriter::new(f);
            let written = export::export(&st, format, graph, with_ontology, &mut w)
                .map_err(|e| match e {
                    export::ExportError::Io(io) => {
                        anyhow::Error::from(io).context(format!("cannot write {}", path.display()))
                    }
                    e => e.into(),
                })
                .and_then(|n| w.flush().map(|_| n).with_context(|| format!("cannot write {}", path.display())));
            drop(w);
            match written {
                Ok(n) => {
                    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
                    n
                }
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    return Err(e);
                }
            }
        }
        None => {
            let mut o = out();
            let n = export::export(&st, format, graph, with_ontology, &mut o)?;
            o.flush()?;
            n
        }
    };
    if output.is_some() {
        eprintln!("wrote {n} statements");
    }
    Ok(0)
}

fn cmd_docs(store_dir: &Path) -> Result<u8> {
    let rows = reading(store_dir, |st| docs::list(st).map_err(|e| anyhow!(e)))?;
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header(["file", "title", "date", "source", "units", "people", "events", "publications"]);
    for r in &rows {
        t.add_row(vec![
            r.file.clone(),
            r.title.clone(),
            r.date.clone(),
            r.source.clone(),
            r.units.to_string(),
            r.people.to_string(),
            r.events.to_string(),
            r.publications.to_string(),
        ]);
    }
    writeln!(out(), "{t}\n{} documents", rows.len())?;
    Ok(0)
}

/// The node a user means by a name (simplified, traditional, another label,
/// or an alias of the store's aliases file, even one that named no node).
fn resolve(st: &oxigraph::store::Store, store_dir: &Path, name: &str) -> Result<String> {
    let simplified = normalize::to_simplified(name);
    let mut matches = crossdoc::find_any(st, &[name, &simplified])?;
    if matches.is_empty() {
        let aliases = crossdoc::load_aliases(store_dir)?;
        if let Some(canonical) = aliases.canonical(&simplified).or(aliases.canonical(name.trim())) {
            matches = crossdoc::find_any(st, &[canonical])?;
        }
    }
    let Some(first) = matches.first() else { bail!("no entity named {name} in the store") };
    if matches.len() > 1 {
        eprintln!(
            "{name} names {} nodes; showing the one in most documents. All of them:\n{}",
            matches.len(),
            crossdoc::render_matches(&matches)
        );
    }
    Ok(first.iri.clone())
}

fn cmd_entity(store_dir: &Path, name: &str) -> Result<u8> {
    let report = reading(store_dir, |st| {
        let iri = resolve(st, store_dir, name)?;
        Ok(crossdoc::entity_report(st, &iri)?)
    })?;
    write!(out(), "{}", crossdoc::render_entity(&report))?;
    Ok(0)
}

/// What `lantai eval` prints.
struct EvalShow {
    json: bool,
    explain: bool,
    by_rule: bool,
}

/// `lantai tag`: each non-empty line of each file, tagged.
fn cmd_tag(files: &[PathBuf], format: cli::TagFormat, raw: bool) -> Result<u8> {
    let tagger = lantai::tagger::Tagger::embedded();
    let mut o = out();
    let mut status = 0;
    for f in files {
        let text = if f.as_os_str() == "-" {
            let mut buf = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf).context("cannot read standard input")?;
            lantai::document::decode(&buf).map(|d| d.text)
        } else {
            lantai::document::read_text(f).map(|d| d.text)
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{}: skipped: {e}", f.display());
                status = 1;
                continue;
            }
        };
        let text = if raw { text } else { normalize::normalize(&text).text };
        // LAC's unit is the line; whitespace-only lines are not tagged
        let lines: Vec<&str> = text.split('\n').filter(|l| !l.trim().is_empty()).collect();
        for (line, words) in lines.iter().zip(tagger.tag_lines(&lines)) {
            match format {
                cli::TagFormat::Jsonl => {
                    let ws: Vec<&str> = words.iter().map(|w| &line[w.start..w.end]).collect();
                    let tags: Vec<&str> = words.iter().map(|w| w.tag).collect();
                    let obj = serde_json::json!({"text": line, "words": ws, "tags": tags});
                    writeln!(o, "{obj}")?;
                }
                cli::TagFormat::Text => {
                    let shown: Vec<String> = words
                        .iter()
                        .filter(|w| !line[w.start..w.end].trim().is_empty())
                        .map(|w| match w.tag {
                            "" => line[w.start..w.end].to_owned(),
                            t => format!("{}/{t}", &line[w.start..w.end]),
                        })
                        .collect();
                    writeln!(o, "{}", shown.join(" "))?;
                }
            }
        }
    }
    o.flush()?;
    Ok(status)
}

fn cmd_eval(
    gold: &[PathBuf],
    inputs: &[PathBuf],
    store_dir: Option<&Path>,
    show: EvalShow,
    extract_opts: lantai::extract::Options,
    min_f1: Option<f64>,
) -> Result<u8> {
    let EvalShow { json, explain, by_rule } = show;
    let tmp;
    let st = match store_dir {
        // scoring only reads: no write lock, and it may run during an ingest
        Some(dir) => open_read_only(dir)?,
        None => {
            if inputs.is_empty() {
                bail!("give the documents to ingest, or --store");
            }
            tmp = tempfile::tempdir()?;
            store::open(tmp.path())?
        }
    };
    let (sources, skipped) = ingest::collect_sources(inputs);
    for s in &skipped {
        eprintln!("{}: skipped: {}", s.path.display(), s.reason);
    }
    let files: Vec<PathBuf> = sources.iter().map(|s| s.path.clone()).collect();
    if store_dir.is_none() {
        let opts =
            ingest::Options { threads: None, on_progress: None, aliases: Default::default(), extract: extract_opts };
        let summary = ingest::ingest(&st, &sources, &opts)?;
        for s in &summary.skipped {
            eprintln!("{}: skipped: {}", s.path.display(), s.reason);
        }
    }
    let mut texts = HashMap::new();
    for f in &files {
        if let Ok(d) = lantai::document::read_text(f) {
            texts.insert(lantai::pipeline::file_name(f), normalize::normalize(&d.text).text);
        }
    }
    let only: Vec<String> = files.iter().map(|f| lantai::pipeline::file_name(f)).collect();
    let gold: Vec<&Path> = gold.iter().map(PathBuf::as_path).collect();
    let report = eval::evaluate_all(&st, &gold, (!only.is_empty()).then_some(only.as_slice()), &texts)?;
    let mut o = out();
    if json {
        writeln!(o, "{}", serde_json::to_string_pretty(&report.to_json())?)?;
    } else {
        write!(o, "{}", report.render_table())?;
    }
    if explain {
        write!(o, "{}", report.render_explain())?;
    }
    if (by_rule || explain) && !json {
        write!(o, "{}", report.render_by_rule())?;
    }
    o.flush()?;
    let f1 = report.micro_entity_f1();
    if let Some(min) = min_f1 {
        if f1 < min {
            eprintln!("micro entity F1 {f1:.3} is below --min-f1 {min}");
            return Ok(1);
        }
    }
    Ok(0)
}

fn cmd_links(store_dir: &Path, kind: Option<&str>, min_docs: usize) -> Result<u8> {
    let kind = kind
        .map(|k| {
            lantai::model::EntityType::parse(k)
                .ok_or_else(|| anyhow!("unknown type {k}: Unit, Person, Event or Publication"))
        })
        .transpose()?;
    let rows = reading(store_dir, |st| Ok(crossdoc::links(st, kind, min_docs)?))?;
    write!(out(), "{}", crossdoc::render_links(&rows))?;
    Ok(0)
}

fn cmd_related(store_dir: &Path, a: &str, b: &str, max_hops: usize) -> Result<u8> {
    let paths = reading(store_dir, |st| {
        let (ia, ib) = (resolve(st, store_dir, a)?, resolve(st, store_dir, b)?);
        Ok(crossdoc::related(st, &ia, &ib, max_hops)?)
    })?;
    write!(out(), "{}", crossdoc::render_paths(&paths))?;
    Ok(if paths.is_empty() { 1 } else { 0 })
}

fn cmd_neighbours(store_dir: &Path, name: &str, hops: usize, svg: Option<&Path>, dot: Option<&Path>) -> Result<u8> {
    let n = reading(store_dir, |st| {
        let iri = resolve(st, store_dir, name)?;
        Ok(crossdoc::neighbours(st, &iri, hops)?)
    })?;
    if let Some(p) = svg {
        std::fs::write(p, crossdoc::render_svg(&n)).with_context(|| format!("cannot write {}", p.display()))?;
        eprintln!("wrote {}", p.display());
    }
    if let Some(p) = dot {
        std::fs::write(p, crossdoc::render_dot(&n)).with_context(|| format!("cannot write {}", p.display()))?;
        eprintln!("wrote {}", p.display());
    }
    write!(out(), "{}", crossdoc::render_text(&n))?;
    Ok(0)
}

fn cmd_alias(action: AliasAction) -> Result<u8> {
    match action {
        AliasAction::Add { store, alias, canonical } => {
            let st = open(&store.store)?;
            let r = crossdoc::add_alias(
                &st,
                &store.store,
                &normalize::to_simplified(&alias),
                &normalize::to_simplified(&canonical),
            )?;
            if r.merged.is_empty() && r.skipped.is_empty() {
                // nothing bears the alias yet: it is recorded all the same
                writeln!(
                    out(),
                    "recorded {alias} as another name of {canonical}; no node is named {alias} yet, so nothing \
                     was merged (`lantai entity {alias}` shows {canonical}; later ingests apply the alias)"
                )?;
            } else {
                write!(out(), "{}", crossdoc::render_relink(&r))?;
            }
        }
        AliasAction::List { store } => {
            let a = crossdoc::load_aliases(&store.store)?;
            let mut o = out();
            for (alias, canonical) in a.entries() {
                writeln!(o, "{alias}\t{canonical}")?;
            }
        }
        AliasAction::Relink { store } => {
            let st = open(&store.store)?;
            let a = crossdoc::load_aliases(&store.store)?;
            write!(out(), "{}", crossdoc::render_relink(&crossdoc::relink(&st, &a)?))?;
        }
    }
    Ok(0)
}
