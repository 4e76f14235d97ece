//! The README's examples are what lantai prints: every fenced block that
//! starts with `$ lantai` is run, command by command and in README order, by
//! the real binary in a temp dir (where `corpus` links to the repository's
//! corpus, so the commands run as written, on the default store
//! `./lantai-store`), and its output is compared with the lines shown.
//!
//! How the shown lines are read:
//! - a line `…` alone stands for lines left out (any number); the lines
//!   before the first `…` are the start of the output, and when the last line
//!   is not `…`, the lines after the last `…` are its end;
//! - a line with `…` in it matches as written, or else with each `…` standing
//!   for any text (`lt:evidence "…,…" ;`, `expected one of …`);
//! - trailing spaces and blank lines are ignored, and so is the time an
//!   ingest took (`in 0.18 s`); nothing else is.
//!
//! Output is stderr then stdout (the ingest summary and errors are on
//! stderr). An example with no output shown must only succeed.

use regex::Regex;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// One `$ lantai …` line of the README and the lines shown after it.
#[derive(Debug)]
struct Example {
    /// The heading of the README section it is in.
    section: String,
    /// The command line, without `$ ` and without a trailing `# comment`.
    command: String,
    expected: Vec<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every example in the README's fenced blocks that start with `$ lantai`.
fn examples(readme: &str) -> Vec<Example> {
    let mut out: Vec<Example> = Vec::new();
    let mut section = String::new();
    let mut lines = readme.lines();
    while let Some(line) = lines.next() {
        if line.starts_with('#') {
            section = line.trim_start_matches('#').trim().to_owned();
            continue;
        }
        if !line.starts_with("```") {
            continue;
        }
        let block: Vec<&str> = lines.by_ref().take_while(|l| !l.starts_with("```")).collect();
        if !block.first().is_some_and(|l| l.starts_with("$ lantai")) {
            continue;
        }
        for l in block {
            match l.strip_prefix("$ ") {
                Some(cmd) => {
                    let cmd = cmd.split(" #").next().unwrap_or(cmd).trim().to_owned();
                    out.push(Example { section: section.clone(), command: cmd, expected: Vec::new() });
                }
                None => out.last_mut().expect("a command first").expected.push(l.trim_end().to_owned()),
            }
        }
    }
    // a blank line between two commands of one block belongs to neither
    for e in &mut out {
        while e.expected.last().is_some_and(|l| l.is_empty()) {
            e.expected.pop();
        }
    }
    out
}

/// Examples the test does not run, and why.
fn skipped(command: &str) -> Option<&'static str> {
    if command.starts_with("lantai ingest inbox/") {
        // the files it reports (a binary file, one in no known encoding, a
        // link loop) are described, not shipped; tests/reliability.rs and
        // tests/cli.rs check each of these messages
        return Some("its inputs are not in the repository");
    }
    if command.starts_with("lantai eval") {
        // shows no output (the scores are in the table below it, held by
        // tests/tagger_and_rules.rs and tests/cli.rs), and all 35 documents
        // take tens of seconds on 2 cores
        return Some("no output shown, and slow");
    }
    None
}

/// Files an example needs that the README only implies.
fn prepare(dir: &Path, command: &str, expected: &[String]) {
    if command.ends_with(" page.txt") && !dir.join("page.txt").exists() {
        // the page `lantai tag page.txt` tags is the words of its output
        let words: String = expected
            .iter()
            .flat_map(|l| l.split_whitespace())
            .map(|w| w.rsplit_once('/').map_or(w, |(word, _)| word))
            .collect();
        std::fs::write(dir.join("page.txt"), words).unwrap();
    }
    if command.ends_with(" bad.rq") {
        // a query whose braces are not closed: the parser stops at 3:1
        std::fs::write(dir.join("bad.rq"), "SELECT ?x WHERE {\n  ?x ?p ?o\n").unwrap();
    }
}

/// Normalised output lines: trailing spaces and ingest times dropped.
fn normalise(text: &str) -> Vec<String> {
    static TIME: std::sync::OnceLock<Regex> = std::sync::OnceLock::new();
    let time = TIME.get_or_init(|| Regex::new(r" in [0-9]+(\.[0-9]+)? s: ").unwrap());
    text.lines().map(|l| time.replace_all(l.trim_end(), " in <time> s: ").into_owned()).collect()
}

fn line_matches(expected: &str, actual: &str) -> bool {
    if expected == actual {
        return true;
    }
    if !expected.contains('…') {
        return false;
    }
    let pattern: Vec<String> = expected.split('…').map(regex::escape).collect();
    Regex::new(&format!("^{}$", pattern.join(".*"))).unwrap().is_match(actual)
}

/// Does `actual` show what `expected` shows (see the module's header)?
fn output_matches(expected: &[String], actual: &[String]) -> bool {
    let chunks: Vec<&[String]> = expected.split(|l| l == "…").collect();
    let open_end = expected.last().is_some_and(|l| l == "…");
    let fits = |chunk: &[String], at: usize| {
        at + chunk.len() <= actual.len() && chunk.iter().zip(&actual[at..]).all(|(e, a)| line_matches(e, a))
    };
    let (first, rest) = chunks.split_first().expect("split gives one chunk at least");
    if !fits(first, 0) {
        return false;
    }
    let mut at = first.len();
    for (i, chunk) in rest.iter().enumerate() {
        let last = i + 1 == rest.len();
        if chunk.is_empty() {
            continue;
        }
        if last && !open_end {
            // the last lines are the end of the output
            return actual.len() >= at + chunk.len() && fits(chunk, actual.len() - chunk.len());
        }
        match (at..actual.len()).find(|&k| fits(chunk, k)) {
            Some(k) => at = k + chunk.len(),
            None => return false,
        }
    }
    open_end || chunks.len() > 1 || at == actual.len()
}

struct Ran {
    code: i32,
    lines: Vec<String>,
}

/// Run a README command line in `dir`: `lantai` is the binary under test, a
/// `| head` takes the first ten lines of the output.
fn run(dir: &Path, command: &str) -> Ran {
    let (command, head) = match command.split_once(" | ") {
        Some((c, "head")) => (c, true),
        Some((_, pipe)) => panic!("`{command}`: no pipe but `| head` is supported (`| {pipe}`)"),
        None => (command, false),
    };
    let mut words = command.split_whitespace();
    assert_eq!(words.next(), Some("lantai"));
    let out = Command::new(env!("CARGO_BIN_EXE_lantai"))
        .args(words)
        .current_dir(dir)
        .env_remove("LANTAI_STORE")
        .output()
        .expect("run lantai");
    let mut lines = normalise(&String::from_utf8_lossy(&out.stderr));
    lines.extend(normalise(&String::from_utf8_lossy(&out.stdout)));
    if head {
        lines.truncate(10);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    Ran { code: out.status.code().expect("exit code"), lines }
}

#[test]
fn readme_examples_show_what_lantai_prints() {
    let started = Instant::now();
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let examples = examples(&readme);
    assert!(examples.len() >= 10, "README examples not found: {examples:#?}");
    assert!(examples[0].command == "lantai ingest corpus/seeds", "the first example makes the store: {examples:#?}");
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(root().join("corpus"), dir.path().join("corpus")).unwrap();
    let mut failures = Vec::new();
    let mut ran = 0;
    for e in &examples {
        if let Some(why) = skipped(&e.command) {
            eprintln!("skipped `{}`: {why}", e.command);
            continue;
        }
        prepare(dir.path(), &e.command, &e.expected);
        let out = run(dir.path(), &e.command);
        ran += 1;
        // a syntax error exits 2, as the README says next to it
        let code = if e.command.ends_with(" bad.rq") { 2 } else { 0 };
        if out.code != code {
            failures.push(format!(
                "[{}] `{}` exited {} (expected {code}):\n{}",
                e.section,
                e.command,
                out.code,
                out.lines.join("\n")
            ));
        } else if !e.expected.is_empty() && !output_matches(&normalise(&e.expected.join("\n")), &out.lines) {
            failures.push(format!(
                "[{}] `{}`\n--- README shows:\n{}\n--- lantai prints:\n{}",
                e.section,
                e.command,
                e.expected.join("\n"),
                out.lines.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{} README example(s) out of date:\n\n{}", failures.len(), failures.join("\n\n"));
    assert!(ran >= 10, "only {ran} examples ran");
    assert!(started.elapsed() < Duration::from_secs(60), "took {:?}", started.elapsed());
}

/// The matching rules themselves.
#[test]
fn ellipses_match_left_out_lines_and_text() {
    let v = |s: &[&str]| s.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    let actual = v(&["a", "b", "c", "d"]);
    assert!(output_matches(&v(&["a", "b", "c", "d"]), &actual));
    assert!(!output_matches(&v(&["a", "b", "c"]), &actual));
    assert!(output_matches(&v(&["a", "b", "…"]), &actual));
    assert!(output_matches(&v(&["a", "…", "d"]), &actual));
    assert!(output_matches(&v(&["a", "…", "c", "…"]), &actual));
    assert!(!output_matches(&v(&["a", "…", "c"]), &actual));
    assert!(!output_matches(&v(&["b", "…"]), &actual));
    assert!(output_matches(&v(&["a", "b…", "…"]), &v(&["a", "bcd", "e"])));
    assert!(line_matches("x \"1,…\" ;", "x \"1,2,3\" ;"));
    assert!(line_matches("001_…, 003_…", "001_…, 003_…"));
    assert!(!line_matches("x …", "y z"));
    assert_eq!(
        normalise("ingested 5 documents (61.2 KB) into s in 0.18 s: 9 quads  "),
        ["ingested 5 documents (61.2 KB) into s in <time> s: 9 quads"]
    );
    let ex = examples("## a\n```\n$ lantai x # c\nout\n\n$ lantai y\n```\n```sh\n$ other\n```\n");
    assert_eq!(ex.len(), 2);
    assert_eq!((ex[0].command.as_str(), ex[0].expected.as_slice()), ("lantai x", &["out".to_string()][..]));
    assert!(ex[1].expected.is_empty() && ex[1].section == "a");
}
