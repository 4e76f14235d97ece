//! Document metadata: title, date, authors, editors, source, read from the
//! header lines (`作者:`, `来源:`, a date line), the footer (`责任编辑:`,
//! `原载于《…》`), bylines (`(张岿)`) and a yearbook's running head.

use super::date;
use crate::lexicon;
use crate::model::DateValue;
use crate::normalize::Normalized;
use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;

#[derive(Clone, Debug, Default)]
pub struct RawMeta {
    pub title: Option<String>,
    pub date: Option<DateValue>,
    pub authors: Vec<String>,
    pub editors: Vec<String>,
    pub source: Option<String>,
    /// The source is a yearbook (`路桥年鉴2022`): it records the year before.
    pub yearbook: bool,
    /// The source is a periodical: its issue line says so (`兰台世界 2021年7期`).
    pub source_periodical: bool,
    /// Title, subtitle and header lines, for the locality model.
    pub header_zone: String,
    pub header_paragraphs: Vec<usize>,
    /// Paragraphs that are metadata lines (not body text).
    pub meta_paragraphs: Vec<usize>,
    /// The year the text speaks of.
    pub content_year: Option<i32>,
}

/// Longest title a header line may be.
const MAX_TITLE_CHARS: usize = 60;

fn yearbook_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"([\p{Han}]{2,12}年鉴)\s*((?:19|20)\d\d)").expect("yearbook"))
}

pub fn read(doc: &Normalized) -> RawMeta {
    let lines: Vec<&str> = doc.text.split('\n').collect();
    let mut meta = RawMeta::default();
    labelled_lines(&lines, &mut meta);
    header(&lines, &mut meta);
    dateline(&lines, &mut meta);
    bylines(&lines, &mut meta);
    running_head(doc, &mut meta);
    if meta.date.is_none() && !meta.yearbook {
        meta.yearbook = yearbook_entry_re().is_match(&doc.text);
    }
    meta.content_year = content_year(doc, &meta);
    if let Some(DateValue::MonthDay(m, d)) = meta.date {
        let y = date::anniversary_year(&meta.header_zone).or(meta.content_year);
        if let Some(y) = y {
            meta.date = Some(DateValue::Day(y, m, d));
        }
    }
    meta
}

/// `作者:郝雅静`, `来源:中国档案报`, `责任编辑:实习编辑程子淇`, `原载于《中国档案报》…`;
/// several labels on one line, in brackets or after the date
/// (`(作者:王小明 责任编辑:李娜)`, `2022年10月12日 来源:广州日报`).
fn labelled_lines(lines: &[&str], meta: &mut RawMeta) {
    for (i, line) in lines.iter().enumerate() {
        let line = unbulleted(line);
        if let Some(fields) = label_fields(line) {
            meta.meta_paragraphs.push(i);
            if let Some(d) = fields.date {
                meta.date.get_or_insert(d);
            }
            for (label, value) in fields.labels {
                match label {
                    "发布时间" | "发布日期" | "发稿时间" | "信息时间" | "发表时间" | "更新时间" | "日期" | "时间" =>
                    {
                        let found = date::find_dates(value, None).into_iter().next().filter(|d| d.start == 0);
                        if let Some(d) = found.map(|d| d.value).or_else(|| date::roc_date(value, true)) {
                            meta.date.get_or_insert(d);
                        }
                    }
                    "作者" | "记者" | "通讯员" | "撰稿" => meta.authors.extend(names(value)),
                    "责任编辑" | "编辑" => meta.editors.extend(names(value)),
                    "来源" | "稿源" | "出处" => meta.source = Some(strip_title_marks(value).to_owned()),
                    _ => {}
                }
            }
        } else if let Some(rest) = line.strip_prefix("原载于") {
            meta.meta_paragraphs.push(i);
            if let Some(t) = rest.strip_prefix('《').and_then(|r| r.split_once('》')) {
                meta.source.get_or_insert_with(|| t.0.to_owned());
            }
        }
    }
}

/// The fields of a metadata line: an optional leading date, then labels.
struct LabelFields<'a> {
    date: Option<DateValue>,
    labels: Vec<(&'a str, &'a str)>,
}

fn label_fields(line: &str) -> Option<LabelFields<'_>> {
    let inner = line.strip_prefix('(').and_then(|l| l.strip_suffix(')')).unwrap_or(line);
    if inner.chars().count() > 80 || inner.contains('。') {
        return None;
    }
    let starts: Vec<regex::Captures> = label_any_re().captures_iter(inner).collect();
    let first = starts.first()?.get(0)?.start();
    let lead = inner[..first].trim();
    let date = if lead.is_empty() { None } else { Some(date_line(lead)?) };
    let mut date = date;
    let mut labels = Vec::new();
    for (k, c) in starts.iter().enumerate() {
        let whole = c.get(0)?;
        let end = starts.get(k + 1).map_or(inner.len(), |n| n.get(0).map_or(inner.len(), |m| m.start()));
        let mut value = inner[whole.end()..end].trim();
        // `作者:李子木2025年05月15日来源:…`: a date glued to the value, not labelled
        // (not a date of the Republic's calendar, `103年11月25日`, read whole below)
        let glued = date::find_dates(value, None).into_iter().find(|d| d.start > 0 && value[d.end..].trim().is_empty());
        if let Some(d) = glued.filter(|_| date::roc_date(value, true).is_none()) {
            date = date.or(Some(d.value.clone()));
            value = value[..d.start].trim();
        }
        if !value.is_empty() {
            labels.push((c.get(1)?.as_str(), value));
        }
    }
    Some(LabelFields { date, labels })
}

fn label_any_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(作者|来源|责任编辑|编辑|记者|通讯员|撰稿|摄影|供稿|稿源|出处|发布时间|发布日期|发稿时间|信息时间|发表时间|更新时间|日期|时间)[::]\s*").expect("labels"))
}

fn strip_title_marks(s: &str) -> &str {
    s.trim_start_matches('《').split('》').next().unwrap_or(s).trim()
}

/// The roles of those who write or photograph a report (`本报记者王璇`,
/// `通讯员:罗丹苓`): they report an event, they do not take part in it.
pub const REPORTER_ROLES: &[&str] =
    &["实习编辑", "见习编辑", "特约编辑", "本报记者", "特约记者", "记者", "通讯员", "编辑", "摄影"];

/// Is the name at byte `at` of `text` written right after a reporter's role?
pub fn after_reporter_role(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([':', ' ']);
    REPORTER_ROLES.iter().any(|r| before.ends_with(r))
}

/// Person names in a label's value: `实习编辑程子淇`, `张三、李四`.
fn names(value: &str) -> Vec<String> {
    value
        .split(['、', ',', ' ', '/', ';'])
        .map(|n| {
            let mut n = n.trim();
            for r in REPORTER_ROLES {
                n = n.strip_prefix(r).unwrap_or(n);
            }
            n.to_owned()
        })
        .filter(|n| (2..=4).contains(&n.chars().count()) && lexicon::get().surname_len(n).is_some())
        .collect()
}

/// Title (first short line that is not a breadcrumb, label or date), the
/// header zone and the header date.
fn header(lines: &[&str], meta: &mut RawMeta) {
    let mut seen_body = false;
    for (i, line) in lines.iter().enumerate().take(12) {
        let line = unbulleted(line);
        if line.is_empty() || seen_body {
            continue;
        }
        if line.contains(" > ") || line.contains('>') && line.chars().count() < 20 {
            meta.header_paragraphs.push(i);
            continue;
        }
        if meta.meta_paragraphs.contains(&i) {
            meta.header_paragraphs.push(i);
            continue;
        }
        if let Some(d) = date_line(line) {
            meta.header_paragraphs.push(i);
            meta.date.get_or_insert(d);
            continue;
        }
        if let Some((d, author)) = dated_byline(line) {
            meta.header_paragraphs.push(i);
            meta.meta_paragraphs.push(i);
            meta.date.get_or_insert(d);
            meta.authors.push(author);
            continue;
        }
        if let Some((d, skip)) = split_date(&lines[i..]) {
            meta.header_paragraphs.extend(i..=i + skip);
            meta.meta_paragraphs.extend(i..=i + skip);
            meta.date.get_or_insert(d);
            continue;
        }
        if let Some(title) = issue_line(line) {
            meta.header_paragraphs.push(i);
            meta.meta_paragraphs.push(i);
            if meta.source.is_none() {
                meta.source = Some(title);
                meta.source_periodical = true;
            }
            continue;
        }
        let short = line.chars().count() <= MAX_TITLE_CHARS && !line.ends_with('。');
        if !short {
            seen_body = true;
            continue;
        }
        meta.header_paragraphs.push(i);
        meta.header_zone.push_str(line);
        meta.header_zone.push('\n');
        if meta.title.is_none() && !line.starts_with("——") && i < 4 {
            meta.title = Some(line.to_owned());
        }
    }
}

/// A page's metadata line without the list marker a web page's list left
/// before it (`- 信息时间:2021-09-18 11:01`, `· 来源:…`).
fn unbulleted(line: &str) -> &str {
    let t = line.trim();
    match t.strip_prefix(['-', '·', '•', '*']) {
        Some(rest) if rest.starts_with(' ') => rest.trim(),
        _ => t,
    }
}

/// A line that is only a date, with perhaps a weekday or a clock time:
/// `2023-02-15 星期三`, `2011-12-24 10:47`, `6月23日`, `2021年6月23日`.
fn date_line(line: &str) -> Option<DateValue> {
    let found = date::find_dates(line, None);
    let d = found.first()?;
    let rest = format!("{}{}", &line[..d.start], &line[d.end..]);
    let rest =
        rest.trim().trim_start_matches("星期").trim_start_matches(['一', '二', '三', '四', '五', '六', '日', '天']);
    let clock = |s: &str| !s.is_empty() && s.len() <= 8 && s.chars().all(|c| c.is_ascii_digit() || c == ':');
    let rest = rest.trim();
    ((rest.is_empty() || clock(rest)) && d.start == 0).then(|| d.value.clone())
}

/// A web page's date line with the clock time and the author glued after it:
/// `2021-12-28 12:33张琪` → (2021-12-28, 张琪).
fn dated_byline(line: &str) -> Option<(DateValue, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^((?:19|20)[0-9]{2}[-./][01]?[0-9][-./][0-3]?[0-9])\s*[0-2]?[0-9]:[0-5][0-9](?::[0-5][0-9])?\s*(\p{Han}{2,4})$")
            .expect("dated byline")
    });
    let c = re.captures(line)?;
    let d = date::find_dates(&c[1], None).into_iter().next()?;
    is_personal_name(&c[2]).then(|| (d.value, c[2].to_owned()))
}

/// A date a web page's layout broke over lines: the year alone, then the
/// month and day (`2021` / `01/09`, perhaps a clock time after). Returns the
/// date and how many lines after the first it took.
fn split_date(lines: &[&str]) -> Option<(DateValue, usize)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"^(1[0-2]|0?[1-9])[-/.]([1-3][0-9]|0?[1-9])$").expect("month/day"));
    let year: i32 = lines.first()?.trim().parse().ok().filter(|y| (1900..2100).contains(y))?;
    let (skip, next) = lines.iter().enumerate().skip(1).find(|(_, l)| !l.trim().is_empty())?;
    let c = re.captures(next.trim())?;
    Some((DateValue::Day(year, c[1].parse().ok()?, c[2].parse().ok()?), skip))
}

/// A periodical's issue line under the title: `兰台世界 2021年7期`,
/// `《中国档案》2020年第3期` → the periodical is the page's source.
fn issue_line(line: &str) -> Option<String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^《?(\p{Han}{2,12})》?\s*(?:19|20)[0-9]{2}\s*年\s*第?\s*[0-9]{1,2}\s*期$").expect("issue line")
    });
    Some(re.captures(line.trim())?[1].to_owned())
}

/// A whole personal name: 2 to 4 Han characters after a known surname, and
/// not a unit (`张琪`, not `李庄镇`).
fn is_personal_name(s: &str) -> bool {
    let lx = lexicon::get();
    (2..=4).contains(&s.chars().count())
        && lx.surname_len(s).is_some()
        && lx.unit_suffix_of(s).is_none()
        && s.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The dateline that opens a news report: the outlet, perhaps `讯`, then the
/// reporters in brackets (`湖北日报讯 (记者龚雪、通讯员徐早祥)近日,…`,
/// `本报讯(记者王璇)…`, `中国新报(特约记者 张宗荣 记者 李学强)1月7日…`).
/// The reporters are the authors; an outlet named by its own name (a paper,
/// agency, station or site, not `本报`) is the source.
/// Known misses: reporters named after the text (`(记者 王璇 报道)` at the end).
fn dateline(lines: &[&str], meta: &mut RawMeta) {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(?P<outlet>\p{Han}{2,12}?)(?:讯)?[::]?\s*\((?P<who>[^()]{2,40})\)").expect("dateline")
    });
    for line in lines.iter().take(16) {
        let Some(c) = re.captures(line.trim()) else { continue };
        let mut who = c["who"].replace([':', ':'], " ");
        if !REPORTER_ROLES.iter().any(|r| who.trim_start().starts_with(r)) {
            continue;
        }
        // roles apart from the names: `记者龚雪、通讯员徐早祥` → ` 龚雪、 徐早祥`
        for r in REPORTER_ROLES {
            who = who.replace(r, " ");
        }
        let found = names(&who);
        if found.is_empty() {
            continue;
        }
        for n in found {
            if !meta.authors.contains(&n) {
                meta.authors.push(n);
            }
        }
        let outlet = c["outlet"].trim_end_matches('讯');
        let named = OUTLET_ENDINGS.iter().any(|e| outlet.ends_with(e)) && !outlet.starts_with('本');
        if named && outlet.chars().count() >= 3 {
            meta.source.get_or_insert_with(|| outlet.to_owned());
        }
        return;
    }
}

/// Endings of an outlet's own name: a paper, news agency, station or site.
const OUTLET_ENDINGS: &[&str] = &["报", "社", "台", "网", "刊"];

/// A paragraph that is only `(张岿)`: the author of a yearbook entry.
fn bylines(lines: &[&str], meta: &mut RawMeta) {
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else { continue };
        if is_personal_name(inner) {
            meta.meta_paragraphs.push(i);
            if !meta.authors.iter().any(|a| a == inner) {
                meta.authors.push(inner.to_owned());
            }
        }
    }
}

/// A yearbook entry: a bracketed heading, then the year it reports
/// (`【第二轮修志工作扎实推进】 2010年,…`, `【概况】2021年,…`). An undated page
/// of such entries is a yearbook's: what it records happened in that year.
fn yearbook_entry_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?m)^\s*【[^】\n]{2,20}】\s*(?:19|20)\d\d年").expect("yearbook entry"))
}

/// A yearbook page's running head (`Page 71 - 路桥年鉴2022`): its source and year.
fn running_head(doc: &Normalized, meta: &mut RawMeta) {
    for f in &doc.furniture {
        if let Some(c) = yearbook_re().captures(f) {
            meta.source.get_or_insert_with(|| format!("{}{}", &c[1], &c[2]));
            if meta.date.is_none() {
                meta.date = c[2].parse().ok().map(DateValue::Year);
            }
            meta.yearbook = true;
            return;
        }
    }
}

/// The year the text speaks of: a yearbook records the year before its own;
/// a dated article speaks of its own year; else the most frequent `YYYY年`.
fn content_year(doc: &Normalized, meta: &RawMeta) -> Option<i32> {
    if let Some(y) = meta.date.as_ref().and_then(DateValue::year) {
        return Some(if meta.yearbook { y - 1 } else { y });
    }
    if let Some(y) = date::anniversary_year(&meta.header_zone) {
        return Some(y);
    }
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"((?:19|20)\d\d)年").expect("year"));
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for c in re.captures_iter(&doc.text) {
        if let Ok(y) = c[1].parse() {
            *counts.entry(y).or_default() += 1;
        }
    }
    // a year said twice is what the text is about; so is the only year it
    // names (`【概况】2021年,…` in a yearbook entry)
    let only = (counts.len() == 1).then(|| counts.keys().next().copied()).flatten();
    counts.into_iter().filter(|&(_, n)| n >= 2).max_by_key(|&(y, n)| (n, y)).map(|(y, _)| y).or(only)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_values_become_names() {
        assert_eq!(names("实习编辑程子淇"), ["程子淇"]);
        assert_eq!(names("张三、李四"), ["张三", "李四"]);
        assert!(names("新华社").is_empty());
    }

    #[test]
    fn reporters_are_recognised_by_their_role() {
        let t = "中国新报(特约记者张宗荣记者李学强)1月7日";
        assert!(after_reporter_role(t, t.find("张宗荣").unwrap()));
        assert!(after_reporter_role(t, t.find("李学强").unwrap()));
        let t = "(通讯员: 罗丹苓)6月27日,市委党史研究室主任赵比特来调研";
        assert!(after_reporter_role(t, t.find("罗丹苓").unwrap()));
        assert!(!after_reporter_role(t, t.find("赵比特").unwrap()));
    }

    #[test]
    fn date_lines() {
        assert_eq!(date_line("2023-02-15 星期三"), Some(DateValue::Day(2023, 2, 15)));
        assert_eq!(date_line("6月23日"), Some(DateValue::MonthDay(6, 23)));
        assert_eq!(date_line("6月23日,我们在此"), None);
        assert_eq!(date_line("2011-12-24 10:47"), Some(DateValue::Day(2011, 12, 24)));
        assert_eq!(date_line("2020.08.07"), Some(DateValue::Day(2020, 8, 7)));
        assert_eq!(date_line("2021-06-23 共有10:30人"), None);
    }

    #[test]
    fn undated_yearbook_entries() {
        let meta = |text: &str| read(&crate::normalize::normalize(text));
        assert!(meta("史志工作\n【第二轮修志工作扎实推进】 2010年,市史志办组织力量修改志稿。").yearbook);
        assert!(meta("【概况】2021年,市档案馆有在编人员45人。").yearbook);
        assert!(!meta("市档案馆举办展览\n2021年6月,市档案馆举办展览。").yearbook);
        // a dated article that quotes an entry heading is no yearbook page
        assert!(!meta("2023-02-15\n【概况】2021年,市档案馆有在编人员45人。").yearbook);
    }

    #[test]
    fn the_year_a_text_speaks_of() {
        let year = |text: &str| read(&crate::normalize::normalize(text)).content_year;
        // the only year named, once
        assert_eq!(year("【概况】2021年,市档案馆有在编人员45人。4月15日,召开动员大会。"), Some(2021));
        // two years once each: neither is the text's
        assert_eq!(year("市档案馆成立于1958年。2021年,新馆落成。"), None);
        // the year said twice wins
        assert_eq!(year("2020年工作回顾。2021年计划。2021年目标。"), Some(2021));
    }

    #[test]
    fn several_labels_on_one_line() {
        let m = read(&crate::normalize::normalize(
            "标题一则\n正文第一句话很长很长很长很长很长很长。\n(作者:王小明 责任编辑:李娜)",
        ));
        assert_eq!(m.authors, ["王小明"]);
        assert_eq!(m.editors, ["李娜"]);
        let m = read(&crate::normalize::normalize("广州市档案馆举办展览\n2022年10月12日 来源:广州日报\n正文。"));
        assert_eq!(m.date, Some(DateValue::Day(2022, 10, 12)));
        assert_eq!(m.source.as_deref(), Some("广州日报"));
        let m = read(&crate::normalize::normalize("县委党史研究室召开推进会\n发布时间:2021-09-15 10:30\n正文。"));
        assert_eq!(m.date, Some(DateValue::Day(2021, 9, 15)));
        // a list marker before the line, another label, a dotted date
        let m =
            read(&crate::normalize::normalize("省档案馆召开座谈会\n- 信息时间:2021-09-18 11:01\n- 浏览次数:\n正文。"));
        assert_eq!(m.date, Some(DateValue::Day(2021, 9, 18)));
        let m = read(&crate::normalize::normalize("发布时间: 2020.08.07 来源:衢江区档案馆\n正文。"));
        assert_eq!((m.date, m.source.as_deref()), (Some(DateValue::Day(2020, 8, 7)), Some("衢江区档案馆")));
        // a sentence that mentions a source is no metadata line
        assert!(label_fields("据统计,来源:各区县档案馆报送的材料,共计300件。").is_none());
        // a date glued to the author's name, then the next label
        let f = label_fields("作者:李子木2025年05月15日来源:百道网").unwrap();
        assert_eq!(f.labels, vec![("作者", "李子木"), ("来源", "百道网")]);
        assert_eq!(f.date, Some(DateValue::Day(2025, 5, 15)));
        let f = label_fields("编辑:王小明 2021-09-15").unwrap();
        assert_eq!(f.labels, vec![("编辑", "王小明")]);
    }

    #[test]
    fn a_dated_byline_gives_the_date_and_the_author() {
        let m = read(&crate::normalize::normalize("市领导参观展览\n2021-12-28 12:33张琪\n6月25日,展览开幕。"));
        assert_eq!((m.date, m.authors), (Some(DateValue::Day(2021, 12, 28)), vec!["张琪".to_owned()]));
        assert_eq!(dated_byline("2022/05/10 09:15:30 李明"), Some((DateValue::Day(2022, 5, 10), "李明".to_owned())));
        // what follows the clock is no name
        assert_eq!(dated_byline("2021-12-28 12:33浏览"), None);
    }

    #[test]
    fn a_date_broken_over_lines() {
        let m = read(&crate::normalize::normalize("贵州举办研讨会\n\n2021\n01/09\n09:28\n中国新报\n正文。"));
        assert_eq!(m.date, Some(DateValue::Day(2021, 1, 9)));
        assert_eq!(m.title.as_deref(), Some("贵州举办研讨会"));
        // a year alone before a sentence is no date line
        assert_eq!(split_date(&["2021", "全年完成任务。"]), None);
    }

    #[test]
    fn a_periodical_issue_line_is_the_source() {
        assert_eq!(issue_line("兰台世界 2021年7期").as_deref(), Some("兰台世界"));
        assert_eq!(issue_line("《中国档案》2020年第3期").as_deref(), Some("中国档案"));
        assert_eq!(issue_line("2021年7期"), None);
        let m = read(&crate::normalize::normalize("市领导参观展览\n兰台世界 2021年7期\n6月25日,展览开幕。"));
        assert_eq!((m.source.as_deref(), m.source_periodical), (Some("兰台世界"), true));
    }

    #[test]
    fn a_dated_label_in_the_republic_calendar() {
        let m = read(&crate::normalize::normalize("国家档案菁华展\n发布日期:103年11月25日\n正文。"));
        assert_eq!(m.date, Some(DateValue::Day(2014, 11, 25)));
    }

    #[test]
    fn the_dateline_names_the_reporters_and_the_outlet() {
        let meta = |text: &str| read(&crate::normalize::normalize(text));
        let m = meta("省档案馆获评\n\n湖北日报讯 (记者龚雪、通讯员徐早祥)近日,国家档案局下发通报。");
        assert_eq!(m.authors, ["龚雪", "徐早祥"]);
        assert_eq!(m.source.as_deref(), Some("湖北日报"));
        let m = meta("研讨会举行\n中国新报(特约记者 张宗荣 记者 李学强)1月7日至8日,研讨会举行。");
        assert_eq!(m.authors, ["张宗荣", "李学强"]);
        assert_eq!(m.source.as_deref(), Some("中国新报"));
        // `本报` names no outlet; a bracket of no reporters is no dateline
        let m = meta("开放日活动\n本报讯(记者王璇)6月9日是国际档案日。");
        assert_eq!((m.authors.as_slice(), m.source), (["王璇".to_owned()].as_slice(), None));
        let m = meta("展览开幕\n省档案馆(省方志馆)举办展览。");
        assert!(m.authors.is_empty());
    }

    #[test]
    fn title_marks() {
        assert_eq!(strip_title_marks("《中国档案报》"), "中国档案报");
        assert_eq!(strip_title_marks("中国档案报"), "中国档案报");
    }
}
