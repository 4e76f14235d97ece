//! The whole pipeline on the real seed documents shipped in `corpus/seeds`.

use super::*;

fn seed(prefix: &str) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seeds");
    let entry = std::fs::read_dir(dir)
        .expect("corpus/seeds")
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"));
    std::fs::read_to_string(entry.path()).expect("seed is UTF-8")
}

fn paragraphs(n: &Normalized) -> Vec<&str> {
    n.text.split('\n').collect()
}

#[test]
fn seed_000_two_columns_are_read_in_order() {
    let n = normalize(&seed("000_"));
    for needle in [
        "区档案馆与区传媒中心联合",
        "中共路桥区委党史研究室成立于1998年",
        "陈锡云、方中、郏国红",
        "会同区党史办举办《百年足迹之路桥党史图片展》",
    ] {
        assert!(n.text.contains(needle), "missing {needle}\n{}", n.text);
    }
    assert!(paragraphs(&n).contains(&"(张岿)"), "{}", n.text);
    assert!(paragraphs(&n).contains(&"党史研究"), "{}", n.text);
    for furniture in ["第71页", "Page 71", "P. 71", "66 67 68"] {
        assert!(!n.text.contains(furniture), "{furniture} left in text");
    }
    assert!(!n.text.starts_with("路桥年鉴"));
    assert!(!n.was_traditional);
}

#[test]
fn seed_000_left_column_comes_before_right_column() {
    let n = normalize(&seed("000_"));
    let left_last = n.text.find("庆祝建党百年之际").expect("left column end");
    let right_first = n.text.find("会同区党史办举办").expect("right column start");
    assert!(left_last < right_first);
    assert!(n.text.starts_with("账归档试点工作中"), "{}", &n.text[..60]);
    assert!(n.text.contains("新修订《档案法》的宣传活动"));
    assert!(n.text.contains("【贯彻重要精神】全国、全省及全市党史和文献工作会议召开后"));
    assert!(n.text.contains("组织举办“百年足迹”路桥党史图片展。"));
    assert!(n.text.ends_with("参观图片展并给予肯"), "{}", n.text);
}

#[test]
fn seed_000_furniture_is_kept_aside_normalised() {
    let n = normalize(&seed("000_"));
    assert_eq!(n.furniture[0], "Page 71 - 路桥年鉴2022");
    assert!(n.furniture.contains(&"路桥年鉴".to_string()), "{:?}", n.furniture);
    assert!(n.furniture.contains(&"第71页".to_string()), "{:?}", n.furniture);
    assert!(n.furniture.iter().any(|f| f.starts_with("66 67 68")), "{:?}", n.furniture);
}

#[test]
fn seed_001_is_simplified_without_pinyin() {
    let n = normalize(&seed("001_"));
    assert!(n.was_traditional);
    assert!(!n.text.contains("(chuàng)"));
    assert!(n.text.starts_with("共庆百年华诞,奋力开创新局!"), "{}", &n.text[..80]);
    assert!(n.original.starts_with("共慶百年華誕,奮力開創新局!"));
    let at = n.text.find("沈阳市档案馆").expect("沈阳市档案馆 in text");
    let span = at..at + "沈阳市档案馆".len();
    let original = n.original_form(span).expect("aligned");
    assert!(n.raw.contains(original), "{original} not in raw");
    assert_ne!(original, "沈阳市档案馆");
}

#[test]
fn seed_002_pinyin_artifacts_are_gone() {
    let n = normalize(&seed("002_"));
    assert!(n.was_traditional);
    assert!(n.text.starts_with("人物研究处党支部开展支部联基层\n"), "{}", &n.text[..60]);
    assert!(n.text.contains("根据机关党委的统一部署"), "{}", n.text);
    let ascii_syllable = regex::Regex::new(r"\p{Han}\([a-z]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]").unwrap();
    assert!(!ascii_syllable.is_match(&n.text));
}

#[test]
fn seed_003_metadata_lines_survive() {
    let n = normalize(&seed("003_"));
    let lines = paragraphs(&n);
    assert!(lines.contains(&"作者:郝雅静"));
    assert!(lines.contains(&"责任编辑:张雪"));
    assert!(lines.contains(&"来源:中国档案报"));
    assert!(!n.was_traditional);
    assert!(n.furniture.is_empty());
    assert!(lines.iter().all(|l| !l.is_empty() && l.trim() == *l));
}

#[test]
fn simplified_seeds_are_not_changed_by_conversion() {
    for prefix in ["000_", "003_", "004_"] {
        let n = normalize(&seed(prefix));
        let changed: Vec<(char, char)> = n.original.chars().zip(n.text.chars()).filter(|(a, b)| a != b).collect();
        assert!(changed.len() <= 2, "{prefix}: {changed:?}");
    }
}

#[test]
fn sentences_cover_the_seeds() {
    for prefix in ["000_", "001_", "002_", "003_", "004_"] {
        let n = normalize(&seed(prefix));
        assert!(!n.sentences.is_empty());
        let lines = n.text.split('\n').count();
        for (i, s) in n.sentences.iter().enumerate() {
            let text = n.sentence(i);
            assert!(!text.is_empty() && !text.contains('\n'), "{prefix} sentence {i}");
            assert!(s.paragraph < lines);
        }
        let last = n.sentences.last().unwrap();
        assert_eq!(last.paragraph, lines - 1);
    }
}

#[test]
fn normalize_pipeline_on_a_small_text() {
    let raw = "\u{feff}共慶百年華誕,奮力開創(chuàng)新局！\r\n\r\n\u{3000}\u{3000}瀋陽市檔案館 2021 年（張 岿）";
    let n = normalize(raw);
    assert_eq!(n.raw, raw);
    assert_eq!(n.text, "共庆百年华诞,奋力开创新局!\n沈阳市档案馆2021年(张岿)");
    assert_eq!(n.original, "共慶百年華誕,奮力開創新局!\n瀋陽市檔案館2021年(張岿)");
    assert!(n.was_traditional);
    let spans: Vec<&str> = (0..n.sentences.len()).map(|i| n.sentence(i)).collect();
    assert_eq!(spans, vec!["共庆百年华诞,奋力开创新局!", "沈阳市档案馆2021年(张岿)"]);
    assert_eq!(n.sentences[1].paragraph, 1);
    let at = n.text.find("沈阳市档案馆").unwrap();
    assert_eq!(n.original_form(at..at + "沈阳市档案馆".len()), Some("瀋陽市檔案館"));
}

#[test]
fn original_form_refuses_bad_spans() {
    let n = normalize("沈陽\n檔案館");
    assert_eq!(n.original_form(0..1), None); // not a char boundary
    assert_eq!(n.original_form(0..n.text.len()), None); // crosses a line
    assert_eq!(n.original_form(0..0), Some(""));
}

#[test]
fn public_helpers() {
    assert_eq!(to_simplified("沈陽市檔案館"), "沈阳市档案馆");
    assert_eq!(fold_width("ＡＢＣ\u{3000}１２３"), "ABC 123");
}

/// Conversion throughput on the seeds concatenated; run with
/// `cargo test --release --lib throughput -- --ignored --nocapture`.
#[test]
#[ignore]
fn throughput() {
    let all: String = ["000_", "001_", "002_", "003_", "004_"].map(seed).concat();
    let big = all.repeat(64);
    let mb = big.len() as f64 / 1e6;
    let t = std::time::Instant::now();
    to_simplified("預熱");
    println!("first call, building the converter: {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let t = std::time::Instant::now();
    let out = to_simplified(&big);
    let secs = t.elapsed().as_secs_f64();
    assert!(!out.is_empty());
    println!("t2s: {mb:.1} MB in {secs:.2} s = {:.1} MB/s", mb / secs);
    let t = std::time::Instant::now();
    let n = normalize(&big);
    let secs = t.elapsed().as_secs_f64();
    println!("normalize: {mb:.1} MB in {secs:.2} s = {:.1} MB/s ({} sentences)", mb / secs, n.sentences.len());
}
