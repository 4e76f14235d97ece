//! Property tests (proptest) of the library's text-facing functions, on
//! arbitrary text and on text built from the pieces this genre is made of:
//! extraction (mentions, relations, evidence, the quads made of them), date
//! parsing, and query parameter binding against a store of the seeds.
//! Decoding and normalisation have theirs in `tests/reliability.rs`.
//!
//! Every property is bounded so that the file runs in seconds in release.

use lantai::extract::{self, date};
use lantai::model::DateValue;
use lantai::query::{self, Format};
use oxigraph::model::{NamedNode, Quad, Term};
use oxigraph::store::Store;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

// ---------------------------------------------------------------- generators

/// Pieces of archive prose: units and their endings, posts, names (simplified
/// and traditional), event and publication words, anniversaries, punctuation
/// (unbalanced brackets and quotes too), pinyin artifacts, line breaks.
const PIECES: &[&str] = &[
    // units and endings
    "沈阳市档案馆",
    "市档案馆",
    "档案馆",
    "党史研究室",
    "中共桃源县委",
    "桃源县史志办",
    "史志办",
    "委员会",
    "办公室",
    "路桥区",
    "台州市",
    "浙江省",
    "中共",
    "中央",
    "文史研究馆",
    "党支部",
    "宣传部",
    "综合科",
    "该室",
    "本馆",
    // posts
    "局长",
    "主任",
    "书记",
    "副县长",
    "馆长",
    "常委",
    "科长",
    "同志",
    // names
    "张",
    "王",
    "李",
    "刘",
    "朱",
    "欧阳",
    "浩",
    "志红",
    "芸",
    "春风",
    "士友",
    "习近平",
    // events, verbs, publications
    "座谈会",
    "开幕式",
    "召开",
    "举办",
    "出席",
    "陪同",
    "主持",
    "展览",
    "出版",
    "编写",
    "发行",
    "会议",
    "年鉴",
    "中国档案报",
    "党史学习教育",
    "建党100周年",
    "新中国成立70周年",
    "壮丽70年",
    "今年",
    "去年",
    "来源:",
    "作者:",
    // traditional script and conversion artifacts
    "瀋陽市檔案館",
    "張志紅",
    "會議",
    "開幕",
    "創(chuàng)",
    "建(jiàn)",
    "黨(dǎng)",
    // punctuation, brackets (balanced or not), spaces, breaks
    "，",
    "。",
    "、",
    "：",
    "；",
    "！",
    "？",
    "（",
    "）",
    "(",
    ")",
    "《",
    "》",
    "“",
    "”",
    "「",
    "【",
    "——",
    "…",
    " ",
    "\u{3000}",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\u{feff}",
    "\u{200b}",
];

/// A date as this genre writes it, well-formed or not.
fn date_like() -> impl Strategy<Value = String> {
    let number = prop_oneof![
        4 => (0u32..40).prop_map(|n| n.to_string()),
        2 => (1890u32..2100).prop_map(|n| n.to_string()),
        1 => "0{0,3}[0-9]{1,3}",
        1 => "[0-9]{5,40}",
        1 => any::<u64>().prop_map(|n| n.to_string()),
        1 => "[〇一二三四五六七八九十]{1,6}",
        1 => "[０-９]{1,4}",
        1 => "[٠-٩]{1,4}",
        1 => "1[٠-٩]{1,3}",
        1 => "(19|20)[٠-٩०-९]{2}",
    ];
    let sep = prop::sample::select(vec![
        "年", "月", "日", "号", "底", "初", "-", "—", "至", "到", "~", "年度", "周年", "", " ", "今年", "去年", "前年",
        "明年",
    ]);
    prop_oneof![
        4 => prop::collection::vec((number, sep), 1..7)
            .prop_map(|parts| parts.into_iter().map(|(n, s)| n + s).collect()),
        // ISO and full dates with digits of other scripts mixed in
        1 => "(19|20)[0-9٠-٩०-९]{2}-[0-9٠-٩]{1,2}-[0-9٠-٩]{1,2}",
        1 => "(19|20)[0-9٠-٩]{2}年[0-9٠-٩]{1,2}月([0-9٠-٩]{1,2}日)?",
    ]
}

/// One piece of generated text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => prop::sample::select(PIECES).prop_map(str::to_owned),
        2 => date_like(),
        1 => "[0-9]{1,6}",
        1 => "[a-zA-Z][a-zA-Z0-9 .-]{0,8}",
        1 => any::<char>().prop_map(String::from),
        1 => "[\\u{4e00}-\\u{9fa5}]{1,4}",
    ]
}

/// Text of this genre: up to `n` pieces.
fn genre_text(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..n).prop_map(|v| v.concat())
}

/// Arbitrary text: any characters, or genre text with any characters mixed in.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => genre_text(80),
        1 => prop::collection::vec(any::<char>(), 0..200).prop_map(|v| v.into_iter().collect()),
        1 => (genre_text(40), prop::collection::vec(any::<char>(), 0..30)).prop_map(|(t, noise)| {
            // interleave: a character of noise after every few characters
            let mut out = String::new();
            let mut noise = noise.into_iter();
            for (i, c) in t.chars().enumerate() {
                out.push(c);
                if i % 3 == 0 {
                    out.extend(noise.next());
                }
            }
            out.extend(noise);
            out
        }),
    ]
}

// ---------------------------------------------------------------- checks

fn span_ok(text: &str, start: usize, end: usize) -> bool {
    start <= end && end <= text.len() && text.is_char_boundary(start) && text.is_char_boundary(end)
}

fn date_ok(d: &DateValue) -> bool {
    let md = |m: u32, d: u32| (1..=12).contains(&m) && (1..=31).contains(&d);
    match *d {
        DateValue::Day(y, m, d) => (1000..=3000).contains(&y) && md(m, d),
        DateValue::Month(y, m) => (1000..=3000).contains(&y) && (1..=12).contains(&m),
        DateValue::Year(y) => (1000..=3000).contains(&y),
        DateValue::MonthDay(m, d) => md(m, d),
    }
}

/// Read `raw` as ingest reads a document (normalise, extract with the tagger,
/// link, map to quads) and check every offset, index and string that comes out.
fn check_extraction(raw: &str) -> Result<(), TestCaseError> {
    let doc = lantai::normalize::normalize(raw);
    let text = &doc.text;
    let reading = extract::read_with(&doc, extract::Options::default());
    let n_sent = doc.sentences.len();
    for m in &reading.mentions {
        prop_assert!(
            span_ok(text, m.start, m.end),
            "mention {:?} {}..{} in {} bytes",
            m.surface,
            m.start,
            m.end,
            text.len()
        );
        prop_assert!(m.sentence < n_sent, "mention {:?} in sentence {} of {n_sent}", m.surface, m.sentence);
        let s = doc.sentences[m.sentence];
        prop_assert!(
            s.start <= m.start && m.end <= s.end,
            "mention {:?} {}..{} outside its sentence {}..{}",
            m.surface,
            m.start,
            m.end,
            s.start,
            s.end
        );
        if let Some(d) = &m.date {
            prop_assert!(date_ok(d), "mention {:?} dated {d:?}", m.surface);
        }
    }
    for r in &reading.relations {
        prop_assert!(r.from < reading.mentions.len() && r.to < reading.mentions.len(), "{r:?}");
        prop_assert!(r.sentence < n_sent, "{r:?}");
    }
    let ex = lantai::link::link("prop.txt", &doc, reading);
    for e in &ex.entities {
        prop_assert!(!e.label.is_empty(), "an entity without a label: {e:?}");
        prop_assert!(text.contains(e.evidence.as_str()), "evidence {:?} is not in the text", e.evidence);
        if let Some(d) = &e.date {
            prop_assert!(date_ok(d), "{} dated {d:?}", e.label);
        }
    }
    for r in &ex.relations {
        prop_assert!(r.from < ex.entities.len() && r.to < ex.entities.len(), "{r:?}");
        prop_assert!(text.contains(r.evidence.as_str()), "relation evidence {:?} is not in the text", r.evidence);
    }
    if let Some(d) = &ex.meta.date {
        prop_assert!(date_ok(d), "document dated {d:?}");
    }
    // the quads: every IRI made from the text is a valid IRI (they are built
    // unchecked), so the graph can be stored, exported and parsed back
    let quads = lantai::rdf::to_quads_for(&lantai::vocab::document_iri("prop.txt"), "prop.txt", &ex);
    let valid = |n: &NamedNode| NamedNode::new(n.as_str()).is_ok();
    for q in &quads.quads {
        let bad = match (&q.subject, &q.object) {
            (oxigraph::model::NamedOrBlankNode::NamedNode(s), _) if !valid(s) => Some(s.as_str()),
            (_, Term::NamedNode(o)) if !valid(o) => Some(o.as_str()),
            _ => None,
        };
        prop_assert!(bad.is_none(), "invalid IRI {:?} in {q}", bad);
    }
    Ok(())
}

fn check_dates(text: &str, year: Option<i32>) -> Result<(), TestCaseError> {
    let found = date::find_dates(text, year);
    let mut last = 0;
    for d in &found {
        prop_assert!(span_ok(text, d.start, d.end) && d.start < d.end, "{d:?} in {text:?}");
        prop_assert!(d.start >= last, "dates out of order: {found:?}");
        last = d.end;
        let span = &text[d.start..d.end];
        prop_assert!(span.contains(['年', '月', '-']), "{span:?} read as {:?}", d.value);
        let (m, day) = match d.value {
            DateValue::Day(_, m, d) | DateValue::MonthDay(m, d) => (Some(m), Some(d)),
            DateValue::Month(_, m) => (Some(m), None),
            DateValue::Year(_) => (None, None),
        };
        prop_assert!(m.is_none_or(|m| (1..=12).contains(&m)), "{span:?} read as {:?}", d.value);
        prop_assert!(day.is_none_or(|d| (1..=31).contains(&d)), "{span:?} read as {:?}", d.value);
        if let Some(y) = d.value.year() {
            // a year is written (four ASCII digits, 1900–2099) or is the
            // document's year moved by 今年/去年/前年/明年
            let written = (1900..=2099).contains(&y) && span.contains(&y.to_string());
            let relative = year.is_some_and(|base| (-2..=1).contains(&(i64::from(y) - i64::from(base))));
            prop_assert!(written || relative, "{span:?} (document year {year:?}) read as {:?}", d.value);
        }
        let _ = d.value.iso();
    }
    if let Some(y) = date::anniversary_year(text) {
        prop_assert!((1921..=1921 + 999).contains(&y), "anniversary year {y} in {text:?}");
    }
    Ok(())
}

// ---------------------------------------------------------------- a store of the seeds

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

struct Seeds {
    _dir: tempfile::TempDir,
    store: Store,
    /// Every literal value in the store (a bound value equal to one may match).
    literals: BTreeSet<String>,
    quads: usize,
}

/// The seeds ingested once, as `lantai ingest` does, into a store in a temp dir.
fn seeds() -> &'static Seeds {
    static SEEDS: OnceLock<Seeds> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = lantai::store::open(&dir.path().join("store")).expect("store");
        let (sources, skipped) = lantai::ingest::collect_sources(&[root().join("corpus/seeds")]);
        assert!(skipped.is_empty() && sources.len() == 5, "{skipped:?}");
        let opts = lantai::ingest::Options {
            threads: None,
            on_progress: None,
            aliases: Default::default(),
            extract: extract::Options::default(),
        };
        lantai::ingest::ingest(&store, &sources, &opts).expect("ingest the seeds");
        let all: Vec<Quad> = store.iter().collect::<Result<_, _>>().expect("read the store");
        let literals = all
            .iter()
            .filter_map(|q| match &q.object {
                Term::Literal(l) => Some(l.value().to_owned()),
                _ => None,
            })
            .collect();
        Seeds { _dir: dir, store, literals, quads: all.len() }
    })
}

/// The shipped queries that take a parameter, and its name.
const PARAM_QUERIES: &[(&str, &str)] = &[
    ("people-posts", "person"),
    ("unit-subunits", "unit"),
    ("docs-mentioning", "name"),
    ("unit-profile", "name"),
    ("people-across-docs", "person"),
];

/// Values meant to break out of a query if they were pasted into it.
fn hostile_value() -> impl Strategy<Value = String> {
    let nasty = prop::sample::select(vec![
        "\" } ; DROP ALL ; #",
        "\"} UNION { ?s ?p ?o } #",
        "') } #",
        "\\u0022",
        "\\\"",
        "\u{0}",
        "\"\"\"",
        "'''",
        ">",
        "<",
        "<>",
        "<http://a>",
        "}",
        "{",
        "\n",
        "\r\n",
        "#",
        "?person",
        "$name",
        "@zh",
        "^^<http://www.w3.org/2001/XMLSchema#string>",
        "朱浩",
        "沈阳市档案馆",
        "瀋陽市檔案館",
    ]);
    prop_oneof![
        3 => prop::collection::vec(nasty, 0..5).prop_map(|v| v.concat()),
        1 => prop::collection::vec(any::<char>(), 0..40).prop_map(|v| v.into_iter().collect()),
        1 => (prop::sample::select(vec!["朱浩", "沈阳市档案馆", "张志红"]), "[\"'}{#<>\\\\ \\n]{1,6}")
            .prop_map(|(a, b)| format!("{a}{b}")),
    ]
}

// ---------------------------------------------------------------- properties

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, max_shrink_iters: 500, ..ProptestConfig::default() })]

    /// Extraction on text of this genre and on arbitrary text never panics;
    /// every span lies in its sentence on character boundaries, every index
    /// points at something, every evidence sentence is in the text, every
    /// date is a date, and every IRI made of the text is valid.
    #[test]
    fn extraction_keeps_spans_evidence_and_iris_valid(raw in any_text()) {
        check_extraction(&raw)?;
    }

    /// The public one-call entry point on the same kind of text.
    #[test]
    fn extract_text_never_panics(raw in genre_text(60)) {
        let ex = lantai::pipeline::extract_text("prop.txt", &raw);
        let text = lantai::normalize::normalize(&raw).text;
        for e in &ex.entities {
            prop_assert!(text.contains(e.evidence.as_str()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, max_shrink_iters: 1000, ..ProptestConfig::default() })]

    /// Dates: no panic or overflow on any text and any document year; spans
    /// on character boundaries, in order; month 1–12, day 1–31; a year is
    /// written in the span or is the document's year moved by at most two.
    #[test]
    fn dates_in_arbitrary_text(text in any_text(), year in prop_oneof![
        Just(None),
        (1900i32..2100).prop_map(Some),
        any::<i32>().prop_map(Some),
        prop::sample::select(vec![i32::MIN, i32::MIN + 1, i32::MAX, i32::MAX - 1, 0]).prop_map(Some),
    ]) {
        check_dates(&text, year)?;
    }

    /// The same on strings that look like dates (huge digit runs, Chinese and
    /// non-ASCII numerals, ranges), with their surroundings.
    #[test]
    fn dates_in_date_like_text(
        before in genre_text(4),
        d in date_like(),
        after in genre_text(4),
        year in prop::option::of(any::<i32>()),
    ) {
        check_dates(&format!("{before}{d}{after}"), year)?;
        check_dates(&d, year)?;
    }

    /// Parameters: any string parses or is refused, never a panic; a value
    /// written `<…>` is an IRI (or refused), any other is a literal that holds
    /// the value (in simplified script).
    #[test]
    fn parameters_bind_a_term(p in any_text(), name in "[?$]?[a-z][a-z0-9_]{0,8}", value in hostile_value()) {
        let _ = query::parse_param(&p);
        let arg = format!("{name}={value}");
        let bound = query::parse_param(&arg);
        match value.strip_prefix('<').and_then(|v| v.strip_suffix('>')) {
            Some(iri) => match bound {
                Ok((_, Term::NamedNode(n))) => prop_assert_eq!(n.as_str(), iri),
                Ok((_, t)) => prop_assert!(false, "{arg:?} bound as {t}"),
                Err(e) => prop_assert!(NamedNode::new(iri).is_err(), "{arg:?} refused: {e}"),
            },
            None => {
                let (var, term) = bound.map_err(|e| TestCaseError::fail(format!("{arg:?} refused: {e}")))?;
                prop_assert_eq!(var.as_str(), name.trim_start_matches(['?', '$']));
                match term {
                    Term::Literal(l) => {
                        prop_assert_eq!(l.value(), lantai::normalize::to_simplified(&value));
                        prop_assert!(l.language().is_none());
                        prop_assert_eq!(l.datatype().as_str(), "http://www.w3.org/2001/XMLSchema#string");
                    }
                    t => prop_assert!(false, "{arg:?} bound as {t}"),
                }
            }
        }
    }
}

proptest! {
    // each case runs a query on the store
    #![proptest_config(ProptestConfig { cases: 60, max_shrink_iters: 100, ..ProptestConfig::default() })]

    /// A bound value is never query syntax: a shipped query with any value
    /// gives rows or a clean error, never a panic; a value that is no literal
    /// of the store matches nothing (were it pasted into the query, `"} UNION
    /// { ?s ?p ?o } #` would match everything); and the store is unchanged.
    #[test]
    fn bound_values_never_become_query_syntax(which in 0..PARAM_QUERIES.len(), value in hostile_value()) {
        let seeds = seeds();
        let (name, var) = PARAM_QUERIES[which];
        let (_, text) = query::load(name).expect("shipped");
        let Ok(param) = query::parse_param(&format!("{var}={value}")) else {
            // refused (an IRI that is not one): a clean error, nothing run
            return Ok(());
        };
        let literal = matches!(param.1, Term::Literal(_));
        let simplified = lantai::normalize::to_simplified(&value);
        let mut out = Vec::new();
        match query::run(&seeds.store, name, &text, &[param]) {
            Ok(results) => match query::write(results, Format::Json, &mut out) {
                Ok(rows) => {
                    if literal && !seeds.literals.contains(&simplified) {
                        prop_assert_eq!(rows, 0, "{} with {}={:?} found rows", name, var, value);
                    }
                    let json: serde_json::Value = serde_json::from_slice(&out).expect("valid JSON results");
                    prop_assert!(json["results"]["bindings"].is_array());
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            },
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
        prop_assert_eq!(seeds.store.len().expect("store length"), seeds.quads, "the store changed");
    }
}

/// The bound values do reach the query: a real name finds its rows, the same
/// name with a quote and a brace after it finds none.
#[test]
fn a_bound_name_finds_its_rows() {
    let seeds = seeds();
    let (_, text) = query::load("people-posts").unwrap();
    let rows = |value: &str| {
        let p = query::parse_param(&format!("person={value}")).unwrap();
        let results = query::run(&seeds.store, "people-posts", &text, &[p]).unwrap();
        query::write(results, Format::Json, &mut Vec::new()).unwrap()
    };
    assert!(rows("朱浩") >= 1);
    assert_eq!(rows("朱浩\" } UNION { ?person ?p ?o } #"), 0);
}

/// A long document (20–50 KB) of this genre, in paragraphs or in one line with
/// no sentence end, is read within a generous time: nothing is quadratic in
/// the length of a document or of a sentence.
#[test]
fn long_documents_are_read_in_time() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    let limit = Duration::from_secs(60);
    for (i, one_line) in [false, true, false].into_iter().enumerate() {
        let mut text = String::new();
        let target = (20 + i * 15) * 1024;
        while text.len() < target {
            let p = piece().new_tree(&mut runner).unwrap().current();
            let p = if one_line { p.replace(['\n', '\r', '。', '！', '？', '；'], "，") } else { p };
            text.push_str(&p);
        }
        let t = Instant::now();
        check_extraction(&text).unwrap_or_else(|e| panic!("{e}"));
        let took = t.elapsed();
        eprintln!(
            "{} KB{}: {:.2} s",
            text.len() / 1024,
            if one_line { " in one line" } else { "" },
            took.as_secs_f64()
        );
        assert!(took < limit, "{} bytes took {took:?}", text.len());
    }
}
