//! Scale corpus generator for the benchmark (bench/run.sh).
//!
//! cargo run --release --example gen_corpus -- --size-mb N --out DIR [--seed S]
//!
//! Builds documents of the sample corpus's genre (corpus/seeds, compiled in)
//! by recombining the seeds' sentences, substituting places (lantai's
//! gazetteer), people (lexicon surnames + invented given names), unit
//! endings, dates and 《titles》, so that entity variety grows with size.
//! Each document is about one county (its city and province too) and that
//! county has a stable cast of officials, so documents about the same county
//! share people and units (cross-document links) while new counties keep
//! adding new entities. About a quarter of the documents are converted to
//! traditional script, about one in eight simplified ones is written as GBK,
//! and about one in ten is an OCR'd two-column yearbook page like seed 000.
//!
//! Deterministic for a given (size, seed). N MB means N x 1,000,000 bytes of
//! text counted as UTF-8 (what lantai decodes), whatever the file encoding.

use lantai::gazetteer::{self, Level};
use lantai::lexicon;
use lantai::model::EntityType;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

const SEEDS: [(&str, &str); 5] = [
    ("000", include_str!("../corpus/seeds/000_898066f861da9bfc.txt")),
    ("001", include_str!("../corpus/seeds/001_b613e002a63f7255.txt")),
    ("002", include_str!("../corpus/seeds/002_19b7b8be5864d3ee.txt")),
    ("003", include_str!("../corpus/seeds/003_fb0662294ac0928b.txt")),
    ("004", include_str!("../corpus/seeds/004_7b942b3a06f0b9cf.txt")),
];

/// Common given-name characters (invented names are surname + 1 or 2 of these).
const GIVEN: &str = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文辉力斌宇浩凯健俊帆帅旭宁\
龙林欣晨阳鹏飞雪梅琳晶波峰磊松海燕志坚永春新德成云鑫博彬雯婷倩颖璐琦佳慧敬卫东立群振宏晓光亮锋\
正庆怡岚瑶璇嘉雨润泽翔鸿宸昊睿哲瀚铭轩宏远思源靖渊昭懿彤蕾蓉莉薇菲茜悦冰清诗曼丹毅勤俭忠信诚";

const SECTIONS: [&str; 6] = [
    "新闻中心 > 要闻",
    "业务交流 > 业务园地",
    "地方动态 > 工作交流",
    "党建工作 > 基层党建",
    "档案文化 > 编研成果",
    "史志动态 > 地方史志",
];
const SOURCES: [&str; 6] = ["中国档案报", "中国档案资讯网", "中共党史网", "中国地方志", "档案与建设", "浙江档案"];
const TITLE_KINDS: [&str; 10] = [
    "年鉴",
    "志",
    "党史大事记",
    "档案资料汇编",
    "文史资料",
    "组织史资料",
    "党史人物传",
    "红色档案选编",
    "史料丛书",
    "口述历史",
];
const VERBS: [&str; 6] = ["出席会议并讲话", "主持会议", "参加活动", "作动员部署", "陪同调研", "介绍了有关情况"];
const WEEKDAYS: [&str; 7] = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];

/// splitmix64: small, seeded, good enough for a corpus.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
}

/// One piece of a sentence template.
#[derive(Clone, Debug)]
enum Piece {
    Lit(String),
    /// A seed person, by index into the seed's people.
    Person(usize),
    /// A seed place: its level and whether the short form was used.
    Place(Level, bool),
    /// A unit ending (re-drawn from the lexicon in some documents).
    Suffix(String),
    Date(DateShape),
    Title(String),
}

#[derive(Clone, Copy, Debug)]
enum DateShape {
    Ymd,
    Ym,
    Y,
    Md,
    Iso,
}

type Template = Vec<Piece>;

struct Seeds {
    /// Body sentences (from running-text paragraphs), in order, per seed.
    sentences: Vec<Vec<Template>>,
    /// Short heading-like lines.
    headings: Vec<Template>,
}

fn given_chars() -> Vec<char> {
    let mut seen = HashSet::new();
    GIVEN.chars().filter(|c| seen.insert(*c)).collect()
}

/// Read the seeds once: normalise them with lantai, find their people with
/// lantai's own extraction, and cut every sentence into a template.
fn load_seeds() -> Seeds {
    let g = gazetteer::get();
    let lx = lexicon::get();
    let date_re =
        Regex::new(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|\d{4}年|\d{1,2}月\d{1,2}日|\d{4}-\d{2}-\d{2})")
            .unwrap();
    let mut paragraphs = Vec::new();
    let mut headings = Vec::new();
    for (name, raw) in SEEDS {
        let doc = lantai::normalize::normalize(raw);
        let ex = lantai::pipeline::extract_text(name, raw);
        let mut people: Vec<String> = ex
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::Person)
            .map(|e| e.label.clone())
            .filter(|l| l.chars().count() >= 2)
            .collect();
        people.sort();
        people.dedup();
        // places named in the seed (3+ chars, to stay clear of common words), and their short forms
        let mut names: Vec<(String, Piece)> = Vec::new();
        for p in &g.places {
            if p.name.chars().count() >= 3 && doc.text.contains(p.name) {
                names.push((p.name.to_owned(), Piece::Place(p.level, false)));
                if p.short != p.name && p.short.chars().count() >= 2 {
                    names.push((p.short.to_owned(), Piece::Place(p.level, true)));
                }
            }
        }
        for (i, person) in people.iter().enumerate() {
            names.push((person.clone(), Piece::Person(i)));
        }
        for s in &lx.unit_suffixes {
            if s.chars().count() >= 3 && doc.text.contains(s) {
                names.push(((*s).to_owned(), Piece::Suffix((*s).to_owned())));
            }
        }
        // longest first, so `路桥区` wins over `路桥`
        names.sort_by_key(|(n, _)| std::cmp::Reverse(n.chars().count()));
        let mut paras: Vec<Vec<Template>> = Vec::new();
        let mut last_para = usize::MAX;
        for s in &doc.sentences {
            let text = &doc.text[s.start..s.end];
            if text.chars().count() < 4 {
                continue;
            }
            let t = templatize(text, &names, &date_re);
            let is_heading =
                text.chars().count() <= 30 && !text.ends_with('。') && !text.contains('：') && !text.contains(':');
            let noisy = t.iter().any(|p| {
                matches!(p, Piece::Date(_))
                    || matches!(p, Piece::Lit(l) if l.chars().any(|c| c.is_ascii_alphabetic() || c == '?'))
            });
            if is_heading && !noisy && name != "000" {
                headings.push(t.clone());
            }
            if s.paragraph != last_para {
                paras.push(Vec::new());
                last_para = s.paragraph;
            }
            paras.last_mut().unwrap().push(t);
        }
        // only paragraphs of running text (2+ sentences, or one long one)
        paras.retain(|p| p.len() >= 2 || p.iter().map(template_len).sum::<usize>() > 60);
        paragraphs.push(paras.into_iter().flatten().collect::<Vec<_>>());
    }
    Seeds { sentences: paragraphs, headings }
}

fn template_len(t: &Template) -> usize {
    t.iter().map(|p| if let Piece::Lit(s) = p { s.chars().count() } else { 4 }).sum()
}

fn templatize(text: &str, names: &[(String, Piece)], date_re: &Regex) -> Template {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    'outer: while i < text.len() {
        let rest = &text[i..];
        if let Some(m) = date_re.find(rest) {
            let d = m.as_str();
            let shape = if d.contains('-') {
                DateShape::Iso
            } else if d.contains('日') && d.contains('年') {
                DateShape::Ymd
            } else if d.contains('日') {
                DateShape::Md
            } else if d.contains('月') {
                DateShape::Ym
            } else {
                DateShape::Y
            };
            flush(&mut out, &mut lit);
            out.push(Piece::Date(shape));
            i += d.len();
            continue;
        }
        if rest.starts_with('《') {
            if let Some(end) = rest.find('》') {
                let inner = &rest['《'.len_utf8()..end];
                if inner.chars().count() <= 40 {
                    flush(&mut out, &mut lit);
                    out.push(Piece::Title(inner.to_owned()));
                    i += end + '》'.len_utf8();
                    continue;
                }
            }
        }
        for (n, piece) in names {
            if rest.starts_with(n.as_str()) {
                flush(&mut out, &mut lit);
                out.push(piece.clone());
                i += n.len();
                continue 'outer;
            }
        }
        let c = rest.chars().next().unwrap();
        lit.push(c);
        i += c.len_utf8();
    }
    flush(&mut out, &mut lit);
    out
}

fn flush(out: &mut Template, lit: &mut String) {
    if !lit.is_empty() {
        out.push(Piece::Lit(std::mem::take(lit)));
    }
}

/// The county a document is about, with its city and province.
struct Locale {
    county: &'static str,
    county_short: &'static str,
    city: &'static str,
    city_short: &'static str,
    province: &'static str,
    province_short: &'static str,
    code: &'static str,
}

struct World {
    counties: Vec<usize>,
    surnames: Vec<&'static str>,
    given: Vec<char>,
    suffixes: Vec<&'static str>,
    posts: Vec<&'static str>,
    post_in_unit: bool,
}

impl World {
    fn new() -> Self {
        let g = gazetteer::get();
        let lx = lexicon::get();
        let counties = (0..g.places.len())
            .filter(|&i| {
                let p = g.place(i);
                p.level == Level::County && g.city_of(p).is_some() && g.province_of(p).is_some()
            })
            .collect();
        let mut surnames: Vec<&str> = lx.surnames.iter().copied().chain(lx.compound_surnames.iter().copied()).collect();
        surnames.sort();
        let mut suffixes: Vec<&str> = lx.unit_suffixes.iter().copied().filter(|s| s.chars().count() >= 3).collect();
        suffixes.sort();
        let mut posts: Vec<&str> = lx.posts.iter().copied().filter(|s| s.chars().count() >= 2).collect();
        posts.sort();
        World { counties, surnames, given: given_chars(), suffixes, posts, post_in_unit: false }
    }

    fn locale(&self, rng: &mut Rng) -> Locale {
        let g = gazetteer::get();
        let p = g.place(*rng.pick(&self.counties));
        let c = g.place(g.city_of(p).unwrap());
        let r = g.place(g.province_of(p).unwrap());
        Locale {
            county: p.name,
            county_short: p.short,
            city: c.name,
            city_short: c.short,
            province: r.name,
            province_short: r.short,
            code: p.code,
        }
    }

    fn person(&self, rng: &mut Rng) -> String {
        // a few surnames are much more common, as in life
        let s = if rng.chance(0.5) {
            self.surnames[rng.below(self.surnames.len().min(20))]
        } else {
            *rng.pick(&self.surnames)
        };
        let mut name = s.to_owned();
        for _ in 0..rng.range(1, 2) {
            name.push(*rng.pick(&self.given));
        }
        name
    }

    /// A county's stable cast of officials (same names in every document about it).
    fn cast(&self, loc: &Locale, seed: u64) -> Vec<String> {
        let mut h: u64 = seed ^ 0xC0FF_EE00;
        for b in loc.code.bytes() {
            h = (h ^ b as u64).wrapping_mul(0x100_0000_01B3);
        }
        let mut r = Rng(h);
        (0..10).map(|_| self.person(&mut r)).collect()
    }
}

/// Per-document substitution state: which seed person is which new person, etc.
struct DocCtx<'a> {
    world: &'a World,
    loc: Locale,
    cast: Vec<String>,
    people: HashMap<(usize, usize), String>,
    suffix_map: HashMap<String, String>,
    year: usize,
}

impl DocCtx<'_> {
    fn render(&mut self, seed: usize, t: &Template, rng: &mut Rng, out: &mut String) {
        for p in t {
            match p {
                Piece::Lit(s) => out.push_str(s),
                Piece::Person(i) => {
                    let key = (seed, *i);
                    if !self.people.contains_key(&key) {
                        let n = if rng.chance(0.7) { rng.pick(&self.cast).clone() } else { self.world.person(rng) };
                        self.people.insert(key, n);
                    }
                    out.push_str(&self.people[&key]);
                }
                Piece::Place(level, short) => out.push_str(match (level, short) {
                    (Level::Province, false) => self.loc.province,
                    (Level::Province, true) => self.loc.province_short,
                    (Level::City, false) => self.loc.city,
                    (Level::City, true) => self.loc.city_short,
                    (Level::County, false) => self.loc.county,
                    (Level::County, true) => self.loc.county_short,
                }),
                Piece::Suffix(s) => {
                    if !self.suffix_map.contains_key(s) {
                        let mut n = s.clone();
                        if rng.chance(0.3) {
                            n = (*rng.pick(&self.world.suffixes)).to_owned();
                            // same pipeline panic work-around as in body()
                            while !self.world.post_in_unit && self.world.posts.iter().any(|p| n.contains(p)) {
                                n = (*rng.pick(&self.world.suffixes)).to_owned();
                            }
                        }
                        self.suffix_map.insert(s.clone(), n);
                    }
                    out.push_str(&self.suffix_map[s]);
                }
                Piece::Date(shape) => {
                    let y = self.year - rng.below(3);
                    let (m, d) = (rng.range(1, 12), rng.range(1, 28));
                    match shape {
                        DateShape::Ymd => out.push_str(&format!("{y}年{m}月{d}日")),
                        DateShape::Ym => out.push_str(&format!("{y}年{m}月")),
                        DateShape::Y => {
                            out.push_str(&format!("{}年", if rng.chance(0.3) { rng.range(1921, 1990) } else { y }))
                        }
                        DateShape::Md => out.push_str(&format!("{m}月{d}日")),
                        DateShape::Iso => out.push_str(&format!("{y}-{m:02}-{d:02}")),
                    }
                }
                Piece::Title(orig) => {
                    out.push('《');
                    if rng.chance(0.35) {
                        out.push_str(orig);
                    } else {
                        let place = match rng.below(3) {
                            0 => self.loc.county,
                            1 => self.loc.city,
                            _ => self.loc.province,
                        };
                        out.push_str(place);
                        let kind: &&str = rng.pick(&TITLE_KINDS);
                        out.push_str(kind);
                        if rng.chance(0.3) {
                            out.push_str(&format!("({}—{})", self.year - rng.range(5, 30), self.year));
                        }
                    }
                    out.push('》');
                }
            }
        }
    }
}

fn date_line(year: usize, rng: &mut Rng) -> String {
    format!("{year}-{:02}-{:02} {}", rng.range(1, 12), rng.range(1, 28), rng.pick(&WEEKDAYS))
}

/// Body paragraphs until the document reaches `target` bytes.
fn body(ctx: &mut DocCtx, seeds: &Seeds, rng: &mut Rng, target: usize, indent: &str, sep: &str) -> String {
    let mut out = String::new();
    while out.len() < target {
        // mostly the news seeds; the OCR'd yearbook (000) sentences are choppier
        let seed = if rng.chance(0.15) { 0 } else { rng.range(1, 4) };
        let sents = &seeds.sentences[seed];
        if sents.is_empty() {
            continue;
        }
        out.push_str(indent);
        if rng.chance(0.35) {
            // a sentence naming a post holder: posts from lantai's lexicon
            let place = if rng.chance(0.5) { ctx.loc.county } else { ctx.loc.city };
            let mut unit = *rng.pick(&ctx.world.suffixes);
            // Work-around for a pipeline panic (src/extract/person.rs post_chain slices
            // backwards when a post word sits inside the unit name before another
            // post: `纪律检查委员会院长`); --post-in-unit keeps such sentences.
            while !ctx.world.post_in_unit && ctx.world.posts.iter().any(|p| unit.contains(p)) {
                unit = *rng.pick(&ctx.world.suffixes);
            }
            let post = *rng.pick(&ctx.world.posts);
            let who = if rng.chance(0.7) { rng.pick(&ctx.cast).clone() } else { ctx.world.person(rng) };
            out.push_str(&format!("{place}{unit}{post}{who}{}。", rng.pick(&VERBS)));
        }
        let start = rng.below(sents.len());
        for k in 0..rng.range(2, 6) {
            let t = &sents[(start + k) % sents.len()];
            ctx.render(seed, t, rng, &mut out);
        }
        out.push_str(sep);
    }
    out
}

fn heading(ctx: &mut DocCtx, seeds: &Seeds, rng: &mut Rng) -> String {
    let mut s = String::new();
    ctx.render(1, rng.pick(&seeds.headings), rng, &mut s);
    s
}

fn news_doc(ctx: &mut DocCtx, seeds: &Seeds, rng: &mut Rng, target: usize) -> String {
    let title = heading(ctx, seeds, rng);
    let author = ctx.world.person(rng);
    let editor = ctx.world.person(rng);
    let source = *rng.pick(&SOURCES);
    let year = ctx.year;
    let mut s = format!(
        "{}\n\n{}\n\n——{}{}{}工作纪实\n\n作者:{}\n\n来源:{}\n\n{}\n\n",
        rng.pick(&SECTIONS),
        title,
        ctx.loc.province,
        ctx.loc.city,
        ctx.loc.county_short,
        author,
        source,
        date_line(year, rng)
    );
    let b = body(ctx, seeds, rng, target.saturating_sub(s.len() + 300), "    ", "\n\n");
    s.push_str(&b);
    s.push_str(&format!(
        "    原载于《{source}》{year}年{}月{}日 总第{}期 第三版\n\n \n \n责任编辑:{}{}\n \n版权所有,未经许可,不得转载。\n",
        rng.range(1, 12),
        rng.range(1, 28),
        rng.range(1000, 4000),
        if rng.chance(0.2) { "实习编辑 " } else { "" },
        editor
    ));
    s
}

fn plain_doc(ctx: &mut DocCtx, seeds: &Seeds, rng: &mut Rng, target: usize) -> String {
    let title = heading(ctx, seeds, rng);
    let mut s = format!("{title}\n{}月{}日\n", rng.range(1, 12), rng.range(1, 28));
    let b = body(ctx, seeds, rng, target.saturating_sub(s.len() + 40), "", "\n");
    s.push_str(&b);
    if rng.chance(0.5) {
        s.push_str(&format!("编辑:{}\n", ctx.world.person(rng)));
    } else {
        s.push_str(&format!("({}{})\n", ctx.loc.county, rng.pick(&ctx.world.suffixes)));
    }
    s
}

/// An OCR'd two-column yearbook page, like seed 000: two columns of ~24
/// characters side by side, padded with spaces, page furniture around.
fn yearbook_doc(ctx: &mut DocCtx, seeds: &Seeds, rng: &mut Rng, target: usize) -> String {
    let page = rng.range(10, 400);
    let year = ctx.year;
    let book = format!("{}年鉴", ctx.loc.county);
    let mut s = format!("Page {page} - {book}{year}\nP. {page}\n\n{book}\n\n");
    let text = body(ctx, seeds, rng, target.saturating_sub(s.len() + 200) / 2 * 2, "", "");
    let chars: Vec<char> = text.chars().filter(|c| *c != '\n').collect();
    let width = 24;
    let lines: Vec<String> = chars.chunks(width).map(|c| c.iter().collect()).collect();
    let half = lines.len().div_ceil(2);
    let (left, right) = lines.split_at(half);
    for (i, l) in left.iter().enumerate() {
        let pad = 2 * width - l.chars().count() * 2 + 16;
        s.push_str("               ");
        s.push_str(l);
        if let Some(r) = right.get(i) {
            s.push_str(&" ".repeat(pad));
            s.push_str(r);
        }
        s.push('\n');
    }
    s.push_str(&format!("                                                        第 {page}   页\n"));
    s
}

fn s2t() -> &'static ferrous_opencc::OpenCC {
    static C: std::sync::OnceLock<ferrous_opencc::OpenCC> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        ferrous_opencc::OpenCC::from_config(ferrous_opencc::config::BuiltinConfig::S2t).expect("s2t tables")
    })
}

fn main() {
    let mut size_mb: f64 = 1.0;
    let mut out: Option<PathBuf> = None;
    let mut seed: u64 = 42;
    let mut post_in_unit = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--size-mb" => size_mb = args.next().and_then(|v| v.parse().ok()).expect("--size-mb N"),
            "--out" => out = args.next().map(PathBuf::from),
            "--seed" => seed = args.next().and_then(|v| v.parse().ok()).expect("--seed S"),
            "--post-in-unit" => post_in_unit = true,
            "-h" | "--help" => {
                println!("gen_corpus --size-mb N --out DIR [--seed S] [--post-in-unit]");
                return;
            }
            other => panic!("unknown argument {other}"),
        }
    }
    let out = out.expect("--out DIR");
    std::fs::create_dir_all(&out).expect("create --out");
    let started = std::time::Instant::now();
    let seeds = load_seeds();
    let mut world = World::new();
    world.post_in_unit = post_in_unit;
    let mut rng = Rng(seed);
    let budget = (size_mb * 1_000_000.0) as usize;
    let (mut total, mut docs, mut trad, mut gbk, mut yearbook, mut files_bytes) =
        (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    let mut counties = HashSet::new();
    while total < budget {
        let target = rng.range(2_000, 30_000).min(budget - total + 2_000);
        let loc = world.locale(&mut rng);
        counties.insert(loc.code);
        let cast = world.cast(&loc, seed);
        let year = rng.range(2005, 2024);
        let mut ctx = DocCtx { world: &world, loc, cast, people: HashMap::new(), suffix_map: HashMap::new(), year };
        let kind = rng.below(100);
        let mut text = if kind < 10 {
            yearbook += 1;
            yearbook_doc(&mut ctx, &seeds, &mut rng, target)
        } else if kind < 55 {
            news_doc(&mut ctx, &seeds, &mut rng, target)
        } else {
            plain_doc(&mut ctx, &seeds, &mut rng, target)
        };
        let traditional = rng.chance(0.25);
        if traditional {
            text = s2t().convert(&text);
            trad += 1;
        }
        let mut bytes = text.as_bytes().to_vec();
        if !traditional && rng.chance(0.125) {
            let (enc, _, errors) = encoding_rs::GBK.encode(&text);
            if !errors {
                bytes = enc.into_owned();
                gbk += 1;
            }
        }
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in &bytes {
            h = (h ^ *b as u64).wrapping_mul(0x100_0000_01b3);
        }
        let path = out.join(format!("{docs:06}_{h:016x}.txt"));
        std::fs::write(&path, &bytes).expect("write document");
        total += text.len();
        files_bytes += bytes.len();
        docs += 1;
    }
    println!(
        "{}",
        serde_json::json!({
            "out": out.display().to_string(),
            "seed": seed,
            "post_in_unit": post_in_unit,
            "documents": docs,
            "text_bytes_utf8": total,
            "file_bytes": files_bytes,
            "traditional": trad,
            "gbk": gbk,
            "yearbook_pages": yearbook,
            "counties": counties.len(),
            "seconds": started.elapsed().as_secs_f64(),
        })
    );
}
