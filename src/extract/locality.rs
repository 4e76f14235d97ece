//! The locality model of a document: which province, city and county it is
//! about, read from the title and the first mentions of place names. Used to
//! resolve short forms (`市档案馆`, `区委`, `省委`) to full names.

use crate::gazetteer::{self, Level, Place};
use rustc_hash::FxHashMap as HashMap;

/// How much of a document is read to decide its locality: the header and the
/// first mentions say what a text is about, and reading a bounded prefix keeps
/// the cost per document constant.
const WINDOW_CHARS: usize = 4000;

/// Verbs of going somewhere (`赶赴`, `奔赴` end with `赴`): a place or unit
/// right after them is where the text goes, not where it is from.
pub const DESTINATION_VERBS: &[&str] = &["赴", "到", "前往", "来到"];

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Locality {
    pub province: Option<&'static str>,
    pub city: Option<&'static str>,
    pub county: Option<&'static str>,
}

impl Locality {
    /// The finest known locality name.
    pub fn finest(&self) -> Option<&'static str> {
        self.county.or(self.city).or(self.province)
    }

    /// The full name a one-character admin prefix stands for in this document:
    /// `省` the province, `市` the county-level city or else the city, `区`/`县`
    /// the county of that kind, `州` an autonomous prefecture.
    pub fn expand(&self, prefix: char) -> Option<&'static str> {
        let ends = |p: Option<&'static str>, s: &str| p.filter(|n| n.ends_with(s));
        match prefix {
            '省' => self.province.filter(|p| p.ends_with('省')),
            '市' => ends(self.county, "市").or(self.city.filter(|c| c.ends_with('市'))).or_else(|| {
                // the four municipalities are provinces and cities at once
                self.province.filter(|p| p.ends_with('市'))
            }),
            '区' => ends(self.county, "区"),
            '县' => ends(self.county, "县"),
            '州' => ends(self.city, "州"),
            '旗' => ends(self.county, "旗"),
            _ => None,
        }
    }
}

#[derive(Default)]
struct Scores {
    full: HashMap<usize, f64>,
    short: HashMap<usize, f64>,
}

/// Decide the locality of a document from its title and opening text.
pub fn detect(title: &str, text: &str) -> Locality {
    let mut scores = Scores::default();
    count_names(title, 3.0, &mut scores);
    let window: String = text.chars().take(WINDOW_CHARS).collect();
    count_names(&window, 1.0, &mut scores);
    choose(&scores)
}

/// Count full-name and short-name occurrences of places, longest match first.
fn count_names(text: &str, weight: f64, scores: &mut Scores) {
    let g = gazetteer::get();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !g.first_chars.contains(&chars[i].1) {
            i += 1;
            continue;
        }
        // the longest full name, else short name, starting here: lengthen
        // the candidate while it is still the start of some name
        let start = chars[i].0;
        let mut longest: Option<(usize, &[usize], bool)> = None;
        for len in 2..=g.max_len.min(chars.len() - i) {
            let end = chars.get(i + len).map_or(text.len(), |c| c.0);
            let s = &text[start..end];
            let (full, short) = (g.full(s), g.short(s));
            if !full.is_empty() {
                longest = Some((len, full, true));
            } else if !short.is_empty() {
                longest = Some((len, short, false));
            }
            if !g.is_prefix(s) {
                break;
            }
        }
        let Some((len, places, is_full)) = longest else {
            i += 1;
            continue;
        };
        // `赴杭州市档案馆考察`: where the text goes is not where it is from
        let destination = DESTINATION_VERBS.iter().any(|w| text[..start].ends_with(w));
        if !destination {
            let counts = if is_full { &mut scores.full } else { &mut scores.short };
            for &p in places {
                *counts.entry(p).or_default() += weight;
            }
        }
        i += len;
    }
}

fn score_of(scores: &Scores, p: usize) -> f64 {
    let full = scores.full.get(&p).copied().unwrap_or(0.0);
    let short = scores.short.get(&p).copied().unwrap_or(0.0);
    // A short name alone is weak evidence (`朝阳`, `和平` are also words); it
    // counts once the full name, or the parent, has been seen.
    if full > 0.0 {
        2.0 * full + short
    } else {
        0.0
    }
}

/// Score of a place including the support its parents give it.
fn support(scores: &Scores, p: usize) -> f64 {
    let g = gazetteer::get();
    let place = g.place(p);
    let own = score_of(scores, p);
    let parent =
        |i: Option<usize>| i.map_or(0.0, |i| score_of(scores, i) + scores.short.get(&i).copied().unwrap_or(0.0) * 0.5);
    own + 0.1 * (parent(g.city_of(place)) + parent(g.province_of(place)))
}

fn best(scores: &Scores, level: Level) -> Option<(usize, f64)> {
    let g = gazetteer::get();
    let mut seen: Vec<usize> = scores.full.keys().copied().collect();
    seen.sort_unstable();
    seen.into_iter()
        .filter(|&p| g.place(p).level == level)
        .map(|p| (p, support(scores, p)))
        .filter(|&(_, s)| s > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
}

fn choose(scores: &Scores) -> Locality {
    let g = gazetteer::get();
    let county = best(scores, Level::County);
    let city = best(scores, Level::City);
    let province = best(scores, Level::Province);
    // A county is what the text is about only when it is named about as often
    // as its city; a Shenyang report that names one district stays a city text.
    let county = county.filter(|&(c, s)| {
        let place = g.place(c);
        let city_score = g.city_of(place).map_or(0.0, |i| score_of(scores, i));
        let other_city = city.filter(|&(ci, _)| Some(ci) != g.city_of(place)).map_or(0.0, |x| x.1);
        s >= 0.5 * city_score && s >= 0.5 * other_city
    });
    if let Some((c, _)) = county {
        let p: &Place = g.place(c);
        return Locality {
            province: Some(p.province),
            city: g.city_of(p).map(|i| g.place(i).name),
            county: Some(p.name),
        };
    }
    if let Some((c, _)) = city {
        let p = g.place(c);
        return Locality { province: Some(p.province), city: Some(p.name), county: None };
    }
    let province = province.map(|(p, _)| p).or_else(|| province_by_short_name(scores));
    Locality { province: province.map(|p| g.place(p).name), city: None, county: None }
}

/// How often a province's short name must occur to stand for the document's
/// province when no full place name does.
const PROVINCE_SHORT_MIN: f64 = 3.0;

/// Rule `locality/province-short-name`: a provincial text may never write its
/// province in full, only `河南` (`《河南历代方志集成》`, `河南行政学院`,
/// `河南文化`); with no full place name to go by, a province whose short name
/// occurs at least three times, twice as often as any other province's, is
/// the document's province, so its `省委` is `河南省委`. Province short names,
/// unlike county ones (`朝阳`, `和平`), are not common words.
/// Known misses: a text about one province that keeps naming another.
fn province_by_short_name(scores: &Scores) -> Option<usize> {
    let g = gazetteer::get();
    let mut named: Vec<(usize, f64)> =
        scores.short.iter().filter(|(&p, _)| g.place(p).level == Level::Province).map(|(&p, &n)| (p, n)).collect();
    named.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    match named.as_slice() {
        [(p, n), rest @ ..] if *n >= PROVINCE_SHORT_MIN && rest.first().is_none_or(|r| *n >= 2.0 * r.1) => Some(*p),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn county_text_resolves_its_city_and_province() {
        let l = detect("", "中共路桥区委党史研究室成立于1998年。路桥区档案馆与区传媒中心联合,路桥");
        assert_eq!(l.county, Some("路桥区"));
        assert_eq!(l.city, Some("台州市"));
        assert_eq!(l.province, Some("浙江省"));
        assert_eq!(l.expand('区'), Some("路桥区"));
        assert_eq!(l.expand('市'), Some("台州市"));
        assert_eq!(l.expand('省'), Some("浙江省"));
    }

    /// A visit names its destination in full; the home unit is `市档案馆`.
    #[test]
    fn a_destination_is_not_the_locality() {
        let l = detect(
            "市档案馆赴杭州市档案馆考察学习",
            "4月20日,市档案馆馆长带队赴杭州市档案馆考察学习,到杭州市档案馆参观。",
        );
        assert_eq!(l.city, None);
        let l = detect("", "宁波市档案馆馆长带队赴杭州市档案馆考察学习。");
        assert_eq!(l.city, Some("宁波市"));
    }

    #[test]
    fn county_level_city_is_what_shi_means() {
        let l = detect("——山东省莱州市档案馆党建工作纪实", "莱州市档案馆深入贯彻。烟台市档案馆点名推广。");
        assert_eq!(l.county, Some("莱州市"));
        assert_eq!(l.expand('市'), Some("莱州市"));
        assert_eq!(l.expand('省'), Some("山东省"));
    }

    #[test]
    fn a_city_text_naming_one_district_stays_a_city_text() {
        let l = detect("沈阳党史党建工作", "沈阳市委组织部发布。沈阳市档案馆。沈阳市关于加强。在浑南区。");
        assert_eq!(l.city, Some("沈阳市"));
        assert_eq!(l.county, None);
        assert_eq!(l.expand('省'), Some("辽宁省"));
        assert_eq!(l.expand('区'), None);
    }

    #[test]
    fn a_province_named_only_by_its_short_name() {
        let l = detect("", "省委党史研究室召开会议,回顾浙江党史工作,部署浙江方志编纂,推进浙江文化建设。");
        assert_eq!(l.province, Some("浙江省"));
        assert_eq!(l.expand('省'), Some("浙江省"));
        // once is not enough, and two provinces named alike decide nothing
        assert_eq!(detect("", "省委召开会议,回顾浙江党史工作。").province, None);
        assert_eq!(detect("", "浙江、江苏、浙江、江苏、浙江、江苏三地联合举办展览").province, None);
        // a full name still wins over short names
        assert_eq!(detect("", "湖南省委召开会议,浙江、浙江、浙江代表出席").province, Some("湖南省"));
    }

    #[test]
    fn unknown_locality_expands_nothing() {
        let l = detect("", "市档案馆举办展览。");
        assert_eq!(l.finest(), None);
        assert_eq!(l.expand('市'), None);
    }
}
