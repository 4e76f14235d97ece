//! Extraction with no store (`lantai extract`): each document's graph written
//! as N-Quads or TriG, so that a batch engine (GNU parallel, a Slurm array,
//! Spark's `pipe()`) can shard the files and a bulk loader take the output.
//!
//! A document's output is exactly the quads `lantai ingest` stores for it
//! (same IRIs, same document identity), each once, in a fixed order (sorted
//! N-Quads lines), so the same file always gives the same bytes. What needs
//! every document — the close matches of the links graph — is not here: it
//! is `store::LINK_UPDATE`, run where the graphs are loaded (`lantai link`).

use crate::ingest::{self, Skipped, Source};
use crate::pipeline;
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::Quad;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Nquads,
    Trig,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Nquads => "nq",
            Format::Trig => "trig",
        }
    }
}

/// Where the graphs go.
pub enum Output<'a> {
    /// One stream, documents in the order of the sorted inputs.
    Stream(&'a mut dyn Write),
    /// One file per document under this folder: the document's identity
    /// (its path relative to the folder it was found under) plus `.nq` or
    /// `.trig`; each written to a temporary file and renamed.
    Folder(&'a Path),
}

pub struct Options {
    pub threads: Option<usize>,
    pub format: Format,
    /// Also write the ontology graph (first on a stream; `ONTOLOGY_FILE` in a folder).
    pub with_ontology: bool,
    pub extract: crate::extract::Options,
}

/// The file the ontology graph goes to in an output folder (no document
/// file can have this name: theirs end in `.txt.nq`, `.md.nq` or `.html.nq`).
pub const ONTOLOGY_FILE: &str = "lantai-ontology";

#[derive(Debug, Default)]
pub struct Summary {
    pub documents: usize,
    pub quads: usize,
    pub skipped: Vec<Skipped>,
}

#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("cannot write {0}: {1}")]
    Write(String, std::io::Error),
    #[error("cannot start worker threads: {0}")]
    Threads(String),
}

/// The quads as text in `format`: each quad once, sorted by its N-Quads line.
pub fn serialize(quads: &[Quad], format: Format) -> Vec<u8> {
    let mut lines: Vec<(String, &Quad)> = quads.iter().map(|q| (format!("{q} .\n"), q)).collect();
    lines.sort_by(|a, b| a.0.cmp(&b.0));
    lines.dedup_by(|a, b| a.0 == b.0);
    match format {
        Format::Nquads => lines.into_iter().flat_map(|(l, _)| l.into_bytes()).collect(),
        Format::Trig => {
            let mut w = crate::export::prefixed(RdfSerializer::from_format(RdfFormat::TriG)).for_writer(Vec::new());
            for (_, q) in lines {
                w.serialize_quad(q).expect("writing to memory");
            }
            w.finish().expect("writing to memory")
        }
    }
}

/// Extract the documents and write their graphs. A file that cannot be read
/// is skipped and reported (the others are written); a write error stops.
pub fn extract(files: &[Source], opts: &Options, out: Output) -> Result<Summary, ExtractError> {
    let mut summary = Summary::default();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .build()
        .map_err(|e| ExtractError::Threads(e.to_string()))?;
    let mut out = out;
    if opts.with_ontology {
        let quads = crate::store::ontology_quads();
        summary.quads += quads.len();
        write(&mut out, &ontology_file(opts.format), &serialize(&quads, opts.format))?;
    }
    for chunk in ingest::chunks(files) {
        let jobs: Vec<pipeline::Job> =
            chunk.iter().map(|src| pipeline::Job { path: &src.path, iri: src.iri(), scope: &src.scope }).collect();
        let results = pool.install(|| {
            use rayon::prelude::*;
            let processed = pipeline::process_documents(&jobs, opts.extract, &|_| {});
            processed
                .into_par_iter()
                .map(|r| r.map(|p| (p.quads.quads.len(), serialize(&p.quads.quads, opts.format))))
                .collect::<Vec<_>>()
        });
        for (src, r) in chunk.iter().zip(results) {
            match r {
                Ok((n, text)) => {
                    write(&mut out, &document_file(src, opts.format), &text)?;
                    summary.documents += 1;
                    summary.quads += n;
                }
                Err(e) => summary.skipped.push(Skipped { path: src.path.clone(), reason: e.to_string() }),
            }
        }
    }
    if let Output::Stream(w) = &mut out {
        w.flush().map_err(|e| ExtractError::Write("standard output".into(), e))?;
    }
    Ok(summary)
}

/// A document's file in an output folder, relative to it.
pub fn document_file(src: &Source, format: Format) -> PathBuf {
    // the identity's segments are already safe as file names: each is an
    // IRI path segment (`/` and bytes that are not UTF-8 percent-encoded)
    let mut p: PathBuf = src.id.split('/').collect();
    let name =
        format!("{}.{}", p.file_name().map_or_else(Default::default, |n| n.to_string_lossy()), format.extension());
    p.set_file_name(name);
    p
}

fn ontology_file(format: Format) -> PathBuf {
    PathBuf::from(format!("{ONTOLOGY_FILE}.{}", format.extension()))
}

fn write(out: &mut Output, rel: &Path, text: &[u8]) -> Result<(), ExtractError> {
    match out {
        Output::Stream(w) => w.write_all(text).map_err(|e| ExtractError::Write("standard output".into(), e)),
        Output::Folder(dir) => {
            let path = dir.join(rel);
            let err = |e| ExtractError::Write(path.display().to_string(), e);
            let parent = path.parent().unwrap_or(dir);
            std::fs::create_dir_all(parent).map_err(err)?;
            // a temporary file beside it, renamed: a reader never sees half a graph
            let mut tmp = tempfile::NamedTempFile::new_in(parent).map_err(err)?;
            tmp.write_all(text).map_err(err)?;
            tmp.persist(&path).map_err(|e| err(e.error))?;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab;
    use oxigraph::io::RdfParser;
    use oxigraph::model::{Literal, NamedNode};

    fn quad(s: &str, o: &str, g: &str) -> Quad {
        Quad::new(
            NamedNode::new_unchecked(s),
            NamedNode::new_unchecked("http://www.w3.org/2000/01/rdf-schema#label"),
            Literal::new_simple_literal(o),
            NamedNode::new_unchecked(g),
        )
    }

    #[test]
    fn quads_are_written_once_in_sorted_order() {
        let g = "https://w3id.org/lantai/doc/a.txt";
        let qs = vec![quad("https://x/b", "乙", g), quad("https://x/a", "甲", g), quad("https://x/b", "乙", g)];
        let text = String::from_utf8(serialize(&qs, Format::Nquads)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(lines[0].starts_with("<https://x/a>") && lines[1].starts_with("<https://x/b>"), "{text}");
        assert!(lines.iter().all(|l| l.ends_with(&format!("<{g}> ."))), "{text}");
        // the order does not depend on the order the quads came in
        let mut reversed = qs.clone();
        reversed.reverse();
        assert_eq!(serialize(&reversed, Format::Nquads), text.as_bytes());
        assert_eq!(serialize(&reversed, Format::Trig), serialize(&qs, Format::Trig));
    }

    #[test]
    fn trig_holds_the_same_quads() {
        let g = "https://w3id.org/lantai/doc/a.txt";
        let qs = vec![quad("https://x/b", "乙", g), quad("https://x/a", "甲 \"引\"", g)];
        let trig = serialize(&qs, Format::Trig);
        let back: Vec<Quad> =
            RdfParser::from_format(RdfFormat::TriG).for_slice(&trig).collect::<Result<_, _>>().unwrap();
        assert_eq!(serialize(&back, Format::Nquads), serialize(&qs, Format::Nquads));
    }

    #[test]
    fn the_ontology_graph_parses_into_its_own_graph() {
        let qs = crate::store::ontology_quads();
        assert!(qs.len() > 50);
        assert!(qs.iter().all(|q| q.graph_name.to_string() == format!("<{}>", vocab::ONTOLOGY_GRAPH)));
    }

    #[test]
    fn document_files_follow_the_document_identity() {
        let src = |id: &str| Source { path: PathBuf::from("x"), id: id.into(), scope: id.into() };
        assert_eq!(document_file(&src("年鉴.txt"), Format::Nquads), PathBuf::from("年鉴.txt.nq"));
        assert_eq!(document_file(&src("2019/a%20b.md"), Format::Trig), PathBuf::from("2019/a%20b.md.trig"));
    }
}
