//! Dates in the text (`2021年5月底`, `6月9日`, `今年3月`, `去年`, `2023-02-15`),
//! resolved against the year the document speaks of.

use crate::model::DateValue;
use regex::Regex;
use std::sync::OnceLock;

/// A date expression found in a sentence: byte span and its value.
#[derive(Clone, Debug, PartialEq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub value: DateValue,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            // `2021-09-18`, and in date lines `2020.08.07`, `2021/01/09`
            r"(?P<iso>(?:19|20)[0-9]{2})[-./](?P<im>[01]?[0-9])[-./](?P<id>[0-3]?[0-9])",
            r"|(?:(?P<y>(?:19|20)[0-9]{2})年|(?P<rel>今年|去年|前年|明年))?",
            r"(?:(?P<m>1[0-2]|0?[1-9])月(?:(?P<d>[1-3][0-9]|0?[1-9])日)?)?"
        ))
        .expect("date pattern")
    })
}

/// All dates in `text`; `year` is the document's year, for `今年`/`去年` and
/// for a month and day given without a year. Spans are relative to `text`.
pub fn find_dates(text: &str, year: Option<i32>) -> Vec<DateMention> {
    let mut out = Vec::new();
    // every part of the pattern is optional, so it would try (and fail) at each
    // character: skip text with nothing a date is written with
    if !text.contains(['年', '月', '-', '.', '/']) {
        return out;
    }
    for c in pattern().captures_iter(text) {
        let m = c.get(0).expect("whole match");
        if m.as_str().is_empty() {
            continue;
        }
        let num = |n: &str| c.name(n).and_then(|x| x.as_str().parse::<u32>().ok());
        let value = if let Some(y) = c.name("iso") {
            let y = y.as_str().parse().unwrap_or(0);
            DateValue::Day(y, num("im").unwrap_or(1), num("id").unwrap_or(1))
        } else {
            let y = c.name("y").and_then(|y| y.as_str().parse::<i32>().ok()).or_else(|| {
                let rel = c.name("rel")?.as_str();
                let base = year?;
                // checked: no year at all rather than an overflow
                match rel {
                    "去年" => base.checked_sub(1),
                    "前年" => base.checked_sub(2),
                    "明年" => base.checked_add(1),
                    _ => Some(base),
                }
            });
            let explicit_year = c.name("y").is_some() || c.name("rel").is_some();
            // A lone month/day takes the document's year.
            let y = if explicit_year { y } else { year };
            match (y, num("m"), num("d")) {
                (Some(y), Some(m), Some(d)) => DateValue::Day(y, m, d),
                (Some(y), Some(m), None) => DateValue::Month(y, m),
                (Some(y), None, _) if explicit_year => DateValue::Year(y),
                (None, Some(m), Some(d)) => DateValue::MonthDay(m, d),
                _ => continue,
            }
        };
        if let DateValue::Day(_, m, d) | DateValue::MonthDay(m, d) = value {
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                continue;
            }
        }
        out.push(DateMention { start: m.start(), end: m.end(), value });
    }
    out
}

/// The year an anniversary names: `建党100周年` / `中国共产党成立100周年` →
/// 2021, `新中国成立70周年` → 2019; and the republic's anniversary slogans,
/// `新中国70年`, `共和国70华诞`, `壮丽70年` (the national theme of 2019).
pub fn anniversary_year(text: &str) -> Option<i32> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(concat!(
            r"(建党|中国共产党成立|新中国成立|中华人民共和国成立|建国)([0-9]{1,3})周年",
            r"|(新中国|共和国|壮丽)([0-9]{2,3})(?:年|华诞)"
        ))
        .expect("anniversary")
    });
    let c = re.captures(text)?;
    if let Some(n) = c.get(4) {
        return Some(1949 + n.as_str().parse::<i32>().ok()?);
    }
    let n: i32 = c[2].parse().ok()?;
    let base = match &c[1] {
        "建党" | "中国共产党成立" => 1921,
        _ => 1949,
    };
    Some(base + n)
}

/// Days written without their month (`19日上午`, `27日`), as a news report
/// narrates the days after a dated lead (`4月26日至27日,…。27日上午,…`):
/// byte span and day. A day right after a month (`8月20日`) or a digit is
/// part of a full date, and one after `至` ends a range: neither is listed.
pub fn bare_days(text: &str) -> Vec<(usize, usize, u32)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r"([1-3][0-9]|[1-9])日").expect("bare day"));
    if !text.contains('日') {
        return Vec::new();
    }
    re.captures_iter(text)
        .filter_map(|c| {
            let m = c.get(0)?;
            let before = text[..m.start()].chars().last();
            // `8月20日`: a full date; `26日至27日`: the end of a range, not a day of its own
            if before.is_some_and(|b| "月至到-~—".contains(b) || b.is_ascii_digit()) {
                return None;
            }
            let day: u32 = c[1].parse().ok()?;
            (1..=31).contains(&day).then_some((m.start(), m.end(), day))
        })
        .collect()
}

/// The month a bare day belongs to: that of the latest dated day or month
/// among `dates` (the full dates read before it), with its year if known.
pub fn month_of(dates: &[DateMention]) -> Option<(Option<i32>, u32)> {
    dates.iter().rev().find_map(|d| match d.value {
        DateValue::Day(y, m, _) | DateValue::Month(y, m) => Some((Some(y), m)),
        DateValue::MonthDay(m, _) => Some((None, m)),
        DateValue::Year(_) => None,
    })
}

/// A date in the calendar of the Republic of China (民国纪年), as Taiwan's
/// official releases write it: `中华民国103年11月25日`, or bare in a dated
/// label (`发布日期:103年11月25日`, so only where `labelled` says the value
/// is a date). Year 1 is 1912.
pub fn roc_date(value: &str, labelled: bool) -> Option<DateValue> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r"^(中华民国|民国)?([0-9]{2,3})年(1[0-2]|0?[1-9])月([1-3][0-9]|0?[1-9])日").expect("roc date")
    });
    let c = re.captures(value.trim())?;
    if c.get(1).is_none() && !labelled {
        return None;
    }
    let year = 1911 + c[2].parse::<i32>().ok()?;
    let (m, d) = (c[3].parse().ok()?, c[4].parse().ok()?);
    (1..=31).contains(&d).then_some(DateValue::Day(year, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str, year: Option<i32>) -> Vec<String> {
        find_dates(text, year).into_iter().map(|d| d.value.iso()).collect()
    }

    #[test]
    fn full_and_partial_dates() {
        assert_eq!(values("于2021年5月底完成印刷", None), ["2021-05"]);
        assert_eq!(values("6月9日,结合国际档案日", Some(2021)), ["2021-06-09"]);
        assert_eq!(values("6月3日,省委党史研究室", None), ["--06-03"]);
        assert_eq!(values("2023-02-15 星期三", None), ["2023-02-15"]);
        assert_eq!(values("成立于1998年,设主任", None), ["1998"]);
        assert_eq!(values("7月,全省党史三卷编写", Some(2021)), ["2021-07"]);
    }

    #[test]
    fn relative_years_need_the_document_year() {
        assert_eq!(values("今年3月全省党史工作会议", Some(2016)), ["2016-03"]);
        assert_eq!(values("去年以来,利用主题党日", Some(2023)), ["2022"]);
        assert!(values("去年以来", None).is_empty());
    }

    /// Found by tests/properties.rs: `去年` in a document of year `i32::MIN`
    /// overflowed (a panic in debug builds, `i32::MAX` in release).
    #[test]
    fn relative_years_do_not_overflow() {
        assert!(values("0去年", Some(i32::MIN)).is_empty());
        assert!(values("明年3月", Some(i32::MAX)).is_empty());
        assert_eq!(values("今年", Some(i32::MAX)), [i32::MAX.to_string()]);
    }

    #[test]
    fn days_without_their_month() {
        let t = "中评社北京8月20日电/据新华社报导,19日上午,展览开展。";
        let days = bare_days(t);
        assert_eq!(days.iter().map(|d| d.2).collect::<Vec<_>>(), [19]);
        assert_eq!(&t[days[0].0..days[0].1], "19日");
        assert_eq!(month_of(&find_dates(&t[..days[0].0], Some(2025))), Some((Some(2025), 8)));
        assert!(bare_days("2021年6月23日").is_empty());
        assert!(bare_days("4月26日至27日").is_empty());
        assert_eq!(bare_days("4月26日至27日。27日上午,调研。").iter().map(|d| d.2).collect::<Vec<_>>(), [27]);
    }

    #[test]
    fn republic_of_china_years() {
        assert_eq!(roc_date("103年11月25日", true), Some(DateValue::Day(2014, 11, 25)));
        assert_eq!(roc_date("中华民国110年3月5日", false), Some(DateValue::Day(2021, 3, 5)));
        // a bare count of years is no date outside a date label
        assert_eq!(roc_date("103年11月25日", false), None);
        assert_eq!(roc_date("2014年11月25日", true), None);
    }

    #[test]
    fn anniversaries_name_a_year() {
        assert_eq!(anniversary_year("庆祝中国共产党成立100周年"), Some(2021));
        assert_eq!(anniversary_year("庆祝新中国成立70周年——文史风华"), Some(2019));
        assert_eq!(anniversary_year("党史学习"), None);
        assert_eq!(anniversary_year("壮丽70年,奋斗新时代——城市变迁展"), Some(2019));
        assert_eq!(anniversary_year("献礼共和国70华诞"), Some(2019));
        assert_eq!(anniversary_year("近70年来"), None);
    }
}
