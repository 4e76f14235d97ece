//! Page layout repair: drops page furniture and, on an OCR'd two-column page
//! whose columns come interleaved line by line, reads the left column, then
//! the right one, joining wrapped lines back into paragraphs.
//!
//! Works from layout only: display columns (CJK characters are two wide)
//! locate a gap that many lines straddle. Text without such a gap passes
//! through unchanged (furniture lines aside).
//!
//! Known misses: a page-wide line inside the column block is split at the
//! gap; paragraph starts in a column whose OCR indentation is unreliable are
//! only found from `【`, headings, bylines and short last lines; a file
//! holding several pages with different layouts is treated as one page.

use unicode_width::UnicodeWidthChar;

use super::furniture;

/// Fewest non-blank lines a page needs before a column gap is looked for.
const MIN_LINES: usize = 8;
/// Narrowest gap between columns, in display columns.
const MIN_GAP: usize = 3;
/// Narrowest column, in display columns (eight CJK characters).
const MIN_COLUMN: usize = 16;
/// A trailing byline after a wide gap: at least this many blank columns...
const BYLINE_GAP: usize = 6;
/// ...and at most this wide.
const BYLINE_WIDTH: usize = 16;

/// Running text and the furniture lines taken out of it.
pub struct Page {
    pub text: String,
    pub furniture: Vec<String>,
}

pub fn repair(raw: &str) -> Page {
    let lines: Vec<&str> = raw.split('\n').collect();
    let marks = furniture::find(&lines);
    let pick = |want: bool| lines.iter().zip(&marks).filter(move |(_, f)| **f == want).map(|(l, _)| *l);
    let furniture = pick(true).map(|l| l.trim().to_owned()).collect();
    let kept: Vec<&str> = pick(false).collect();
    let text = reflow(&kept).unwrap_or_else(|| kept.join("\n"));
    Page { text, furniture }
}

/// A run of text inside a line, display columns `col..end`.
#[derive(Debug, Clone, PartialEq)]
struct Segment {
    col: usize,
    end: usize,
    text: String,
}

/// Splits a line at runs of two or more blank display columns.
fn segments(line: &str) -> Vec<Segment> {
    let mut segs: Vec<Segment> = Vec::new();
    let (mut col, mut blank_run) = (0, 0);
    let mut blanks = String::new();
    for c in line.chars() {
        if let Some(w) = blank_width(c, col) {
            col += w;
            blank_run += w;
            blanks.push(c);
            continue;
        }
        let w = c.width_cjk().unwrap_or(0);
        match segs.last_mut() {
            Some(seg) if blank_run < 2 => {
                seg.text.push_str(&blanks);
                seg.text.push(c);
                seg.end = col + w;
            }
            _ => segs.push(Segment { col, end: col + w, text: c.to_string() }),
        }
        blanks.clear();
        blank_run = 0;
        col += w;
    }
    segs
}

fn blank_width(c: char, col: usize) -> Option<usize> {
    match c {
        ' ' | '\u{a0}' => Some(1),
        '\u{3000}' => Some(2),
        '\t' => Some(8 - col % 8),
        _ => None,
    }
}

/// The blank band between two columns, `start..end`, and the left margin.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Gap {
    margin: usize,
    start: usize,
    end: usize,
}

impl Gap {
    /// Lines starting right of this column belong wholly to the right column.
    fn midpoint(&self) -> usize {
        (self.margin + self.start) / 2
    }

    fn split(&self, segs: &[Segment]) -> (Vec<Segment>, Vec<Segment>) {
        match segs.first() {
            Some(first) if first.col >= self.midpoint() => (Vec::new(), segs.to_vec()),
            _ => segs.iter().cloned().partition(|s| s.col < self.start),
        }
    }

    fn two_sided(&self, segs: &[Segment]) -> bool {
        let (left, right) = self.split(segs);
        !left.is_empty() && !right.is_empty()
    }

    /// Whether a line can belong to the column block at all.
    fn fits(&self, segs: &[Segment]) -> bool {
        match (segs.first(), segs.last()) {
            (Some(first), Some(last)) => {
                last.end <= self.start + 2 || first.col >= self.midpoint() || self.two_sided(segs)
            }
            _ => true,
        }
    }
}

/// How many lines have text in each display column.
fn occupancy(content: &[&Vec<Segment>]) -> Vec<usize> {
    let width = content.iter().filter_map(|s| s.last()).map(|s| s.end).max().unwrap_or(0);
    let mut occ = vec![0; width];
    for seg in content.iter().flat_map(|segs| segs.iter()) {
        occ[seg.col..seg.end].iter_mut().for_each(|n| *n += 1);
    }
    occ
}

/// The column gap: a band that few lines touch, between two bands that
/// most lines fill, straddled by a good share of lines.
fn find_gap(layout: &[Vec<Segment>]) -> Option<Gap> {
    let content: Vec<&Vec<Segment>> = layout.iter().filter(|s| !s.is_empty()).collect();
    if content.len() < MIN_LINES {
        return None;
    }
    let occ = occupancy(&content);
    let hi = *occ.iter().max()?;
    let (low, high) = (hi * 15 / 100, hi.div_ceil(2));
    let margin = occ.iter().position(|&n| n >= high)?;
    let right_edge = occ.iter().rposition(|&n| n >= high)? + 1;
    let straddling = |g: &Gap| content.iter().filter(|s| g.two_sided(s)).count();
    let best = low_runs(&occ, low, margin, right_edge)
        .into_iter()
        .map(|(start, end)| Gap { margin, start, end })
        .filter(|g| g.start - margin >= MIN_COLUMN && right_edge - g.end >= MIN_COLUMN)
        .max_by_key(|g| (straddling(g), g.end - g.start))?;
    let n = straddling(&best);
    (n >= 4 && n * 10 >= content.len() * 3 && columns_are_full(&content, &best)).then_some(best)
}

/// Runs of at most `low` occupancy strictly inside `from..to`.
fn low_runs(occ: &[usize], low: usize, from: usize, to: usize) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut start = None;
    for (c, &n) in occ.iter().enumerate().take(to).skip(from) {
        match (n <= low, start) {
            (true, None) => start = Some(c),
            (false, Some(s)) => {
                if c - s >= MIN_GAP {
                    runs.push((s, c));
                }
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// Running text fills its column; a table of short cells does not, and is
/// left alone.
fn columns_are_full(content: &[&Vec<Segment>], gap: &Gap) -> bool {
    let mut widths: Vec<usize> = content
        .iter()
        .filter(|s| gap.two_sided(s))
        .filter_map(|s| {
            let (left, _) = gap.split(s);
            Some(left.last()?.end - left.first()?.col)
        })
        .collect();
    widths.sort_unstable();
    let median = widths.get(widths.len() / 2).copied().unwrap_or(0);
    median * 10 >= (gap.start - gap.margin) * 6
}

/// The lines that form the column block: from the first to the last line
/// with text on both sides, widened over neighbours that fit the columns.
fn block(layout: &[Vec<Segment>], gap: &Gap) -> Option<(usize, usize)> {
    let mut first = layout.iter().position(|s| gap.two_sided(s))?;
    let mut last = layout.iter().rposition(|s| gap.two_sided(s))?;
    while first > 0 && gap.fits(&layout[first - 1]) {
        first -= 1;
    }
    while last + 1 < layout.len() && gap.fits(&layout[last + 1]) {
        last += 1;
    }
    Some((first, last))
}

/// Two-column text read column by column; None for a single-column page.
fn reflow(lines: &[&str]) -> Option<String> {
    let layout: Vec<Vec<Segment>> = lines.iter().map(|l| segments(l)).collect();
    let gap = find_gap(&layout)?;
    let (first, last) = block(&layout, &gap)?;
    let mut left: Vec<Option<Vec<Segment>>> = Vec::new();
    let mut right: Vec<Option<Vec<Segment>>> = Vec::new();
    for segs in &layout[first..=last] {
        if segs.is_empty() {
            left.push(None);
            right.push(None);
            continue;
        }
        let (l, r) = gap.split(segs);
        left.extend((!l.is_empty()).then_some(Some(l)));
        right.extend((!r.is_empty()).then_some(Some(r)));
    }
    let mut out: Vec<String> = lines[..first].iter().map(|l| l.to_string()).collect();
    out.extend(paragraphs(&left));
    out.extend(paragraphs(&right));
    out.extend(lines[last + 1..].iter().map(|l| l.to_string()));
    Some(out.join("\n"))
}

/// Joins one column's lines into paragraphs; `None` is a blank line.
fn paragraphs(lines: &[Option<Vec<Segment>>]) -> Vec<String> {
    let present: Vec<&Vec<Segment>> = lines.iter().flatten().collect();
    let mut b = Paragraphs {
        margin: mode(present.iter().map(|s| s[0].col)),
        width: median(present.iter().map(|s| s[s.len() - 1].end - s[0].col)),
        ..Paragraphs::default()
    };
    for line in lines {
        match line {
            Some(segs) => b.add(segs),
            None => b.flush(),
        }
    }
    b.flush();
    b.done
}

#[derive(Default)]
struct Paragraphs {
    /// The column's usual left edge and line width.
    margin: usize,
    width: usize,
    done: Vec<String>,
    current: String,
    prev_short: bool,
}

impl Paragraphs {
    fn add(&mut self, segs: &[Segment]) {
        let (body, byline) = split_byline(segs);
        let text = body.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ");
        let width = body[body.len() - 1].end - body[0].col;
        let prev_ended = ends_sentence(&self.current);
        let heading = is_heading(&text, width, self.width) && (self.current.is_empty() || prev_ended);
        let indented = body[0].col > self.margin + 1;
        if text.starts_with('【') || heading || (prev_ended && (indented || self.prev_short)) {
            self.flush();
        }
        self.append(&text);
        self.prev_short = width * 5 < self.width * 4;
        if heading {
            self.flush();
        }
        if let Some(byline) = byline {
            self.flush();
            self.done.push(byline.text.clone());
        }
    }

    /// Wrapped lines join with nothing in between, except inside Latin words.
    fn append(&mut self, text: &str) {
        let latin_break = self.current.ends_with(|c: char| c.is_ascii_alphabetic())
            && text.starts_with(|c: char| c.is_ascii_alphabetic());
        if latin_break {
            self.current.push(' ');
        }
        self.current.push_str(text);
    }

    fn flush(&mut self) {
        if !self.current.is_empty() {
            self.done.push(std::mem::take(&mut self.current));
        }
    }
}

/// Separates a short trailing segment after a wide gap, such as `(张 岿)`,
/// when the text before it ends a sentence or it is in parentheses.
fn split_byline(segs: &[Segment]) -> (&[Segment], Option<&Segment>) {
    if let [.., before, last] = segs {
        let wide_gap = last.col >= before.end + BYLINE_GAP;
        let short = last.end - last.col <= BYLINE_WIDTH;
        let parenthesised = last.text.starts_with(['(', '（']) && last.text.ends_with([')', '）']);
        if wide_gap && short && (ends_sentence(&before.text) || parenthesised) {
            return (&segs[..segs.len() - 1], Some(last));
        }
    }
    (segs, None)
}

/// A short line without punctuation, such as `党史研究`.
fn is_heading(text: &str, width: usize, column_width: usize) -> bool {
    const PUNCTUATION: &[char] = &['。', ',', '，', ';', '；', ':', '：', '、', '!', '！', '?', '？'];
    width * 10 <= column_width * 4
        && text.chars().count() >= 2
        && !text.starts_with('【')
        && !text.contains(PUNCTUATION)
}

fn ends_sentence(text: &str) -> bool {
    let text = text.trim_end_matches(['”', '’', '」', '』', ')', '）', ' ']);
    text.ends_with(['。', '！', '？', '!', '?', '…'])
}

fn mode(values: impl Iterator<Item = usize>) -> usize {
    let mut counts = std::collections::BTreeMap::new();
    for v in values {
        *counts.entry(v).or_insert(0usize) += 1;
    }
    counts.into_iter().max_by_key(|&(v, n)| (n, std::cmp::Reverse(v))).map_or(0, |(v, _)| v)
}

fn median(values: impl Iterator<Item = usize>) -> usize {
    let mut v: Vec<usize> = values.collect();
    v.sort_unstable();
    v.get(v.len() / 2).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lays out one line: each (display column, text) placed at its column.
    fn place(parts: &[(usize, &str)]) -> String {
        let mut line = String::new();
        let mut col = 0;
        for &(at, text) in parts {
            line.push_str(&" ".repeat(at.saturating_sub(col).max(if col > 0 { 2 } else { 0 })));
            col = col.max(at);
            line.push_str(text);
            col += text.chars().map(|c| c.width_cjk().unwrap_or(0)).sum::<usize>();
        }
        line
    }

    /// A page shaped like seed 000: left column at 15, right column at 86.
    fn page() -> String {
        let rows: &[&[(usize, &str)]] = &[
            &[
                (15, "账归档试点工作中,路桥区有针对性地选择在路桥舒翔"),
                (86, "会同区党史办举办《百年足迹之路桥党史图片展》,配合"),
            ],
            &[
                (15, "贸易有限公司和浙江普兰钎具股份有限公司这 2 家小微"),
                (86, "区纪委举办《书画展芳华 翰墨扬清风》清廉书画展,丰"),
            ],
            &[
                (15, "企业开展试点,更具推广价值和意义,只有小微企业实"),
                (85, "富了全区党史学习教育载体。"),
                (134, "(张 岿)"),
            ],
            &[(15, "现了档案数字化,数字档案时代才算真正到来。")],
            &[(79, "党史研究")],
            &[
                (14, "【档案收管用】"),
                (36, "重视重点建设项目档案管理,加强对"),
                (86, "【概况】"),
                (100, "中共路桥区委党史研究室成立于 1998 年,设"),
            ],
            &[
                (15, "重点建设项目档案的日常监管和验收。建立区级重点工"),
                (86, "主任、副主任各 1 名,属区委办公室管理。2020 年,区"),
            ],
            &[
                (15, "外堤河道联通管理房工程档案通过专项验收。"),
                (86, "机构编制委员会对区委党史研究室编制调整核编。由原"),
            ],
            &[
                (18, "结合建党 100 周年活动,开展红色档案征集。区档"),
                (83, "征研科科长 1 人;现有工作人员 3 人,其中兼职 1 人。"),
            ],
            &[
                (15, "案馆与区传媒中心联合,邀请区图书馆文献研究学科馆"),
                (82, "2021 年,区委党史研究室贯彻落实全国、全省和全市党"),
            ],
            &[(62, "【贯彻重要精神】"), (87, "全国、全省及全市党史和文献工作")],
            &[
                (15, "员张崇生和原台州布厂厂长张士友作了 1 小时时长的口"),
                (84, "会议召开后,区委党史研究室认真落实会议精神。"),
            ],
        ];
        rows.iter().map(|r| place(r)).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn segments_use_display_columns() {
        let segs = segments("  【概况】      中共 1998 年");
        assert_eq!(segs.len(), 2);
        assert_eq!((segs[0].col, segs[0].end, segs[0].text.as_str()), (2, 10, "【概况】"));
        assert_eq!((segs[1].col, segs[1].text.as_str()), (16, "中共 1998 年"));
    }

    #[test]
    fn finds_the_gap_of_a_two_column_page() {
        let layout: Vec<_> = page().lines().map(segments).collect();
        let gap = find_gap(&layout).expect("gap");
        assert!(gap.start > 60 && gap.start <= 70 && gap.end >= 78 && gap.end <= 83, "{gap:?}");
        assert!(gap.margin == 15 || gap.margin == 14, "{gap:?}");
    }

    #[test]
    fn reads_left_column_then_right_column() {
        let text = repair(&page()).text;
        let paras: Vec<&str> = text.lines().collect();
        assert_eq!(
            paras,
            vec![
                "账归档试点工作中,路桥区有针对性地选择在路桥舒翔贸易有限公司和浙江普兰钎具股份有限公司这 2 家小微企业开展试点,更具推广价值和意义,只有小微企业实现了档案数字化,数字档案时代才算真正到来。",
                "【档案收管用】 重视重点建设项目档案管理,加强对重点建设项目档案的日常监管和验收。建立区级重点工外堤河道联通管理房工程档案通过专项验收。",
                "结合建党 100 周年活动,开展红色档案征集。区档案馆与区传媒中心联合,邀请区图书馆文献研究学科馆员张崇生和原台州布厂厂长张士友作了 1 小时时长的口",
                "会同区党史办举办《百年足迹之路桥党史图片展》,配合区纪委举办《书画展芳华 翰墨扬清风》清廉书画展,丰富了全区党史学习教育载体。",
                "(张 岿)",
                "党史研究",
                "【概况】 中共路桥区委党史研究室成立于 1998 年,设主任、副主任各 1 名,属区委办公室管理。2020 年,区机构编制委员会对区委党史研究室编制调整核编。由原征研科科长 1 人;现有工作人员 3 人,其中兼职 1 人。2021 年,区委党史研究室贯彻落实全国、全省和全市党",
                "【贯彻重要精神】 全国、全省及全市党史和文献工作会议召开后,区委党史研究室认真落实会议精神。",
            ]
        );
    }

    #[test]
    fn single_column_text_passes_through() {
        let text = "新闻中心\u{a0}>\u{a0}要闻\n\n凝心聚力打造“五型五力”党支部 谱写“档心向党”新篇章\n\n作者:郝雅静\n\n\u{a0}\u{a0}\u{a0}\u{a0}党的二十大擘画了宏伟蓝图。\n 山东省莱州市档案馆深入贯彻落实党的二十大精神。\n\n责任编辑:张雪\n";
        let page = repair(text);
        assert_eq!(page.text, text);
        assert!(page.furniture.is_empty());
    }

    #[test]
    fn a_table_of_short_cells_is_not_two_columns() {
        let rows: Vec<String> = (0..12)
            .map(|i| place(&[(0, "姓名"), (20, if i % 2 == 0 { "主任" } else { "副主任" }), (40, "路桥区档案馆")]))
            .collect();
        let text = rows.join("\n");
        assert_eq!(repair(&text).text, text);
    }

    #[test]
    fn furniture_is_taken_out() {
        let text = format!("Page 71 - 路桥年鉴2022\nP. 71\n\n路桥年鉴\n\n{}\n                                                        第 71   页\n   66   67   68   69", page());
        let page = repair(&text);
        assert_eq!(
            page.furniture,
            vec!["Page 71 - 路桥年鉴2022", "P. 71", "路桥年鉴", "第 71   页", "66   67   68   69"]
        );
        assert!(page.text.starts_with("账归档试点工作中"), "{}", page.text);
    }

    #[test]
    fn bylines_and_headings() {
        let segs = segments(&place(&[(85, "富了全区党史学习教育载体。"), (134, "(张 岿)")]));
        let (body, byline) = split_byline(&segs);
        assert_eq!(body.len(), 1);
        assert_eq!(byline.map(|s| s.text.as_str()), Some("(张 岿)"));
        let segs = segments(&place(&[(73, "【纪念中国共产党成立 100 周年系列活动】"), (127, "组织举办")]));
        assert!(split_byline(&segs).1.is_none());
        assert!(is_heading("党史研究", 8, 48));
        assert!(!is_heading("献。", 4, 48));
        assert!(!is_heading("重点建设项目档案的日常监管和验收。建立区级重点工", 48, 48));
    }
}
