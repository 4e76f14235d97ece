//! Spaces: drops the spaces that split Chinese text (`张 岿`, `2021 年`,
//! `“文化 ”`), keeps those between Latin words and around separators such
//! as `-` or `>`, strips indentation and drops blank lines.

/// Tidies every line; lines left empty are dropped, so each remaining line
/// is one paragraph.
pub fn tidy(text: &str) -> String {
    text.split('\n').map(tidy_line).filter(|line| !line.is_empty()).collect::<Vec<_>>().join("\n")
}

/// One line: blank runs become one space, then spaces next to Chinese go.
fn tidy_line(line: &str) -> String {
    let chars = collapse_blanks(line);
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' && splits_chinese(&chars, i) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Every run of whitespace (NBSP and U+3000 included) as one ASCII space;
/// no space at either end.
fn collapse_blanks(line: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(line.len());
    for c in line.trim().chars() {
        if c.is_whitespace() {
            if out.last() != Some(&' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether the space at `i` sits inside Chinese text.
fn splits_chinese(chars: &[char], i: usize) -> bool {
    let (Some(&a), Some(&b)) = (i.checked_sub(1).and_then(|j| chars.get(j)), chars.get(i + 1)) else {
        return false;
    };
    if is_chinese(a) && (is_chinese(b) || joins_chinese(b)) {
        return true;
    }
    if is_chinese(b) && joins_chinese(a) {
        return true;
    }
    // `精神, 6月`: a half-width comma that stands for a Chinese one.
    let before_a = i.checked_sub(2).and_then(|j| chars.get(j)).copied();
    matches!(a, ',' | ';' | ':' | '!' | '?') && before_a.is_some_and(is_chinese)
}

/// Han characters, kana and CJK punctuation (quotes, dashes and dots that
/// Chinese text uses included).
pub fn is_chinese(c: char) -> bool {
    is_han(c)
        || matches!(c,
            '\u{3000}'..='\u{303f}'   // CJK symbols and punctuation: 、。《》「」【】〔〕
            | '\u{3040}'..='\u{30ff}' // kana, ・
            | '\u{fe30}'..='\u{fe4f}' // CJK compatibility forms
            | '\u{ff00}'..='\u{ffef}' // full-width forms
            | '\u{2018}'..='\u{201f}' // ‘’“”
            | '\u{2014}' | '\u{2015}' | '\u{2026}' | '\u{00b7}' | '\u{2027}')
}

pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{3ffff}'
        | '\u{3007}')
}

/// Characters that sit flush against Chinese: ASCII letters and digits, and
/// ASCII punctuation that Chinese text uses in place of its own.
fn joins_chinese(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | '(' | ')' | '[' | ']' | '"' | '\'' | '%')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_spaces_inside_chinese() {
        assert_eq!(tidy("(张 岿)"), "(张岿)");
        assert_eq!(tidy("成立于 1998 年,设"), "成立于1998年,设");
        assert_eq!(tidy("“文化 ”"), "“文化”");
        assert_eq!(tidy("第 71   页"), "第71页");
        assert_eq!(tidy("【概况】      中共路桥区委"), "【概况】中共路桥区委");
        assert_eq!(tidy("谋发展 抓落实 促和谐"), "谋发展抓落实促和谐");
    }

    #[test]
    fn removes_spaces_between_chinese_and_latin_or_ascii_punctuation() {
        assert_eq!(tidy("“政务 E 站”"), "“政务E站”");
        assert_eq!(tidy("会议精神, 6月3日,省委"), "会议精神,6月3日,省委");
        assert_eq!(tidy("镇 (街道)"), "镇(街道)");
    }

    #[test]
    fn keeps_spaces_between_latin_words_and_around_separators() {
        assert_eq!(tidy("Page 71 - 路桥年鉴2022"), "Page 71 - 路桥年鉴2022");
        assert_eq!(tidy("新闻中心\u{a0}>\u{a0}要闻"), "新闻中心 > 要闻");
        assert_eq!(tidy("China  Daily 2021"), "China Daily 2021");
        assert_eq!(tidy("66\u{a0}\u{a0}\u{a0}67   68"), "66 67 68");
    }

    #[test]
    fn strips_indentation_and_blank_lines() {
        let raw = "\u{a0}\u{a0}\u{a0}\u{a0}党的二十大擘画了宏伟蓝图。   \n\n \u{a0}\n\u{3000}\u{3000}作者:郝雅静\n";
        assert_eq!(tidy(raw), "党的二十大擘画了宏伟蓝图。\n作者:郝雅静");
    }
}
