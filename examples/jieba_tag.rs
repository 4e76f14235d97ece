//! The floor of the benchmark: jieba-rs `tag` alone, through
//! `lantai::segment::tag` (same user dictionary as the pipeline), over the
//! same sentences the pipeline tags.
//!
//! cargo run --release --example jieba_tag -- DIR [--threads N]
//!
//! Reads every supported file under DIR, decodes and normalises it (not
//! timed), then times tagging every normalised sentence with 1 thread and with
//! N threads (rayon, one document per task, as `lantai ingest` does; N
//! defaults to all cores), each twice: the second (warm) pass is the figure,
//! the first is kept as `cold_*`. Prints one JSON object; MB/s is MB (10^6 bytes) of
//! decoded input text (UTF-8, the same count `lantai ingest` reports as
//! `bytes`) per second of tagging.

use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;

struct Doc {
    text: String,
    spans: Vec<(usize, usize)>,
}

fn tag_doc(d: &Doc) -> usize {
    d.spans.iter().map(|&(s, e)| lantai::segment::tag(&d.text[s..e], s).len()).sum()
}

fn main() {
    let mut dir: Option<PathBuf> = None;
    let mut threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => threads = args.next().and_then(|v| v.parse().ok()).expect("--threads N"),
            "-h" | "--help" => {
                println!("jieba_tag DIR [--threads N]");
                return;
            }
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.expect("a folder of documents");
    let (files, _) = lantai::ingest::collect_files(&[dir]);
    let t = Instant::now();
    let prepared: Vec<(usize, Doc)> = files
        .par_iter()
        .filter_map(|f| {
            let d = lantai::document::read_text(f).ok()?;
            let n = lantai::normalize::normalize(&d.text);
            let spans = n.sentences.iter().map(|s| (s.start, s.end)).collect();
            Some((d.text.len(), Doc { text: n.text, spans }))
        })
        .collect();
    let prepare_s = t.elapsed().as_secs_f64();
    let bytes: usize = prepared.iter().map(|(b, _)| b).sum();
    let docs: Vec<Doc> = prepared.into_iter().map(|(_, d)| d).collect();
    let tagged_bytes: usize = docs.iter().flat_map(|d| d.spans.iter().map(|(s, e)| e - s)).sum();
    let sentences: usize = docs.iter().map(|d| d.spans.len()).sum();

    let t = Instant::now();
    let _ = lantai::segment::jieba();
    let build_s = t.elapsed().as_secs_f64();

    let mut runs = Vec::new();
    let mut counts = vec![1];
    if threads > 1 {
        counts.push(threads);
    }
    for n in counts {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(n).build().expect("thread pool");
        // two passes: the first warms per-thread caches (jieba's regex DFA
        // caches fill lazily, worth 2x on a 1 MB corpus); the second is the figure
        let mut secs = Vec::new();
        let mut tokens = 0;
        for _ in 0..2 {
            let t = Instant::now();
            tokens = pool.install(|| docs.par_iter().map(tag_doc).sum::<usize>());
            secs.push(t.elapsed().as_secs_f64());
        }
        let s = secs[1];
        runs.push(serde_json::json!({
            "threads": n,
            "seconds": s,
            "mb_per_s": bytes as f64 / 1e6 / s,
            "cold_seconds": secs[0],
            "cold_mb_per_s": bytes as f64 / 1e6 / secs[0],
            "tokens": tokens,
        }));
    }
    println!(
        "{}",
        serde_json::to_string_pretty(&serde_json::json!({
            "documents": docs.len(),
            "bytes": bytes,
            "sentences": sentences,
            "tagged_bytes": tagged_bytes,
            "prepare_seconds": prepare_s,
            "jieba_build_seconds": build_s,
            "runs": runs,
        }))
        .unwrap()
    );
}
