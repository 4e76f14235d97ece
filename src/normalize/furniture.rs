//! Page furniture: running heads (`Page 71 - 路桥年鉴2022`, `P. 71`, a lone
//! `路桥年鉴`), page labels (`第 71   页`), lone page numbers at the page
//! edges and page-number strips (`66 67 68 ...`). Such lines are not part of
//! the running text; they are handed on separately.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;

/// How many non-blank lines at the top and bottom count as page edges.
const EDGE_LINES: usize = 3;

struct Patterns {
    running_head: Regex,
    page_label: Regex,
    lone_number: Regex,
    yearbook_title: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        running_head: Regex::new(r"^(?i:page\s*\d{1,4}|p\.\s*\d{1,4})(?:\s*[-–—|·:]\s*(.{1,40}))?$").unwrap(),
        page_label: Regex::new(r"^第\s*\d{1,4}\s*页$").unwrap(),
        lone_number: Regex::new(r"^[-–—]?\s*\d{1,4}\s*[-–—]?$").unwrap(),
        yearbook_title: Regex::new(r"^\S{2,16}年鉴\s*\d{0,4}$").unwrap(),
    })
}

/// For each line, whether it is page furniture.
pub fn find(lines: &[&str]) -> Vec<bool> {
    let titles = running_titles(lines);
    let edges = edge_lines(lines);
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let t = line.trim();
            !t.is_empty()
                && (anywhere(t, &titles) || (edges.contains(&i) && at_edge(t) && !starts_split_date(lines, i)))
        })
        .collect()
}

/// Furniture wherever it stands.
fn anywhere(t: &str, titles: &HashSet<String>) -> bool {
    let p = patterns();
    p.running_head.is_match(t) || p.page_label.is_match(t) || is_page_strip(t) || titles.contains(&compact(t))
}

/// Furniture only in the first or last lines of a page.
fn at_edge(t: &str) -> bool {
    let p = patterns();
    p.lone_number.is_match(t) || p.yearbook_title.is_match(t)
}

/// A web page's date broken over lines (`2021` / `01/09`): the year is no
/// page number.
fn starts_split_date(lines: &[&str], i: usize) -> bool {
    static MONTH_DAY: OnceLock<Regex> = OnceLock::new();
    let month_day = MONTH_DAY.get_or_init(|| Regex::new(r"^(1[0-2]|0?[1-9])[-/.]([1-3][0-9]|0?[1-9])$").unwrap());
    let year = lines[i].trim().parse::<u32>().is_ok_and(|y| (1900..2100).contains(&y));
    year && lines[i + 1..].iter().map(|l| l.trim()).find(|l| !l.is_empty()).is_some_and(|l| month_day.is_match(l))
}

/// Titles named in `Page N - TITLE` heads, with and without a trailing year
/// (a set: a long yearbook repeats its running head on every page).
fn running_titles(lines: &[&str]) -> HashSet<String> {
    let mut titles = HashSet::new();
    for line in lines {
        let Some(caps) = patterns().running_head.captures(line.trim()) else { continue };
        let Some(title) = caps.get(1).map(|m| compact(m.as_str())) else { continue };
        let stem = title.trim_end_matches(|c: char| c.is_ascii_digit()).to_owned();
        if stem.chars().count() >= 2 {
            titles.insert(stem);
        }
        titles.insert(title);
    }
    titles
}

/// Indices of the first and last few non-blank lines.
fn edge_lines(lines: &[&str]) -> Vec<usize> {
    let filled: Vec<usize> = (0..lines.len()).filter(|&i| !lines[i].trim().is_empty()).collect();
    let head = filled.iter().take(EDGE_LINES);
    let tail = filled.iter().rev().take(EDGE_LINES);
    head.chain(tail).copied().collect()
}

/// Three or more consecutive page numbers: `66 67 68 69`.
fn is_page_strip(t: &str) -> bool {
    let numbers: Option<Vec<u32>> = t.split_whitespace().map(|w| w.parse().ok()).collect();
    match numbers {
        Some(n) if n.len() >= 3 => n.windows(2).all(|w| w[1] == w[0] + 1),
        _ => false,
    }
}

fn compact(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn furniture<'a>(lines: &[&'a str]) -> Vec<&'a str> {
        lines.iter().zip(find(lines)).filter(|(_, f)| *f).map(|(l, _)| *l).collect()
    }

    #[test]
    fn finds_running_heads_labels_and_strips() {
        let lines = [
            "Page 71 - 路桥年鉴2022",
            "P. 71",
            "",
            "路桥年鉴",
            "",
            "    账归档试点工作中,路桥区有针对性地选择在路桥舒翔",
            "    现了档案数字化,数字档案时代才算真正到来。",
            "    路桥年鉴2022年卷收录了全区档案工作。",
            "    重点建设项目档案的日常监管和验收。",
            "                                        第 71   页",
            "\u{a0}\u{a0}\u{a0}66\u{a0}\u{a0}\u{a0}67\u{a0}\u{a0}\u{a0}68\u{a0}\u{a0}\u{a0}69",
        ];
        assert_eq!(furniture(&lines), vec![lines[0], lines[1], lines[3], lines[9], lines[10]]);
    }

    #[test]
    fn lone_numbers_only_at_page_edges() {
        let lines =
            ["12", "正文第一行。", "正文第二行。", "2021", "正文第三行。", "正文第四行。", "正文第五行。", "- 13 -"];
        assert_eq!(furniture(&lines), vec!["12", "- 13 -"]);
    }

    #[test]
    fn a_year_over_its_month_and_day_is_a_date() {
        let lines = ["贵州举办研讨会", "2021", "01/09", "09:28", "正文第一行。", "正文第二行。"];
        assert!(furniture(&lines).is_empty());
        let lines = ["71", "正文第一行。"];
        assert_eq!(furniture(&lines), vec!["71"]);
    }

    #[test]
    fn ordinary_lines_are_kept() {
        let lines = [
            "新闻中心 > 要闻",
            "作者:郝雅静",
            "2023-02-15 星期三",
            "6月23日",
            "P2P平台专项整治",
            "第三巡回指导组来路桥巡回指导时参观图片展并给予肯",
            "版权所有,未经许可,不得转载。",
        ];
        assert!(furniture(&lines).is_empty());
    }
}
