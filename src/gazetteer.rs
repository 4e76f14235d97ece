//! China's provinces, cities and counties (src/data/gazetteer.tsv, GB/T 2260
//! codes), compiled in: full names, short names and the parent of each.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Province,
    City,
    County,
}

#[derive(Debug)]
pub struct Place {
    pub code: &'static str,
    pub name: &'static str,
    pub level: Level,
    pub province: &'static str,
    /// Empty for provinces and for county-level units directly under a province.
    pub city: &'static str,
    pub short: &'static str,
}

pub struct Gazetteer {
    pub places: Vec<Place>,
    by_name: HashMap<&'static str, Vec<usize>>,
    by_short: HashMap<&'static str, Vec<usize>>,
    /// Longest full or short name, in chars.
    pub max_len: usize,
    /// Characters a full or short name can start with: the locality scan
    /// skips every other position without a lookup.
    pub first_chars: HashSet<char>,
    /// Every proper prefix (two characters or more) of a full or short name:
    /// a scan stops lengthening a candidate as soon as it leaves this set.
    prefixes: HashSet<&'static str>,
}

/// `浙江省` → `浙江`, `路桥区` → `路桥`, `广西壮族自治区` → `广西`; names that
/// would shrink to one character keep their full form.
pub fn short_name(name: &str) -> &str {
    if name == "内蒙古自治区" {
        return "内蒙古";
    }
    if name.contains("自治") || name.ends_with("特别行政区") {
        let end = name.char_indices().nth(2).map_or(name.len(), |(i, _)| i);
        return &name[..end];
    }
    for suffix in ["省", "市", "区", "县", "盟", "旗", "地区", "林区"] {
        if let Some(stem) = name.strip_suffix(suffix) {
            if stem.chars().count() >= 2 {
                return stem;
            }
        }
    }
    name
}

impl Gazetteer {
    fn load() -> Self {
        let mut places = Vec::new();
        for line in include_str!("data/gazetteer.tsv").lines() {
            if line.starts_with('#') {
                continue;
            }
            let cols: Vec<&'static str> = line.split('\t').collect();
            if cols.len() < 5 {
                continue;
            }
            let level = match cols[1] {
                "province" => Level::Province,
                "city" => Level::City,
                _ => Level::County,
            };
            places.push(Place {
                code: cols[0],
                name: cols[2],
                level,
                province: cols[3],
                city: cols[4],
                short: short_name(cols[2]),
            });
        }
        let mut by_name: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut by_short: HashMap<&str, Vec<usize>> = HashMap::default();
        let mut max_len = 0;
        for (i, p) in places.iter().enumerate() {
            by_name.entry(p.name).or_default().push(i);
            if p.short != p.name {
                by_short.entry(p.short).or_default().push(i);
            }
            max_len = max_len.max(p.name.chars().count());
        }
        let first_chars = places.iter().flat_map(|p| [p.name, p.short]).filter_map(|n| n.chars().next()).collect();
        let prefixes = places
            .iter()
            .flat_map(|p| [p.name, p.short])
            .flat_map(|n| n.char_indices().skip(2).map(move |(i, _)| &n[..i]))
            .collect();
        Gazetteer { places, by_name, by_short, max_len, first_chars, prefixes }
    }

    pub fn full(&self, name: &str) -> &[usize] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }

    pub fn short(&self, name: &str) -> &[usize] {
        self.by_short.get(name).map_or(&[], Vec::as_slice)
    }

    /// Does some full or short name start with `s` and go on after it?
    pub fn is_prefix(&self, s: &str) -> bool {
        self.prefixes.contains(s)
    }

    pub fn place(&self, i: usize) -> &Place {
        &self.places[i]
    }

    /// Is `s` a full or short place name?
    pub fn is_place(&self, s: &str) -> bool {
        self.by_name.contains_key(s) || self.by_short.contains_key(s)
    }

    /// The province place of a place.
    pub fn province_of(&self, p: &Place) -> Option<usize> {
        self.full(p.province).iter().copied().find(|&i| self.places[i].level == Level::Province)
    }

    /// The city place of a place, if it has one.
    pub fn city_of(&self, p: &Place) -> Option<usize> {
        if p.city.is_empty() || p.city == p.province {
            return None;
        }
        self.full(p.city).iter().copied().find(|&i| self.places[i].level == Level::City)
    }
}

pub fn get() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(Gazetteer::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names() {
        assert_eq!(short_name("浙江省"), "浙江");
        assert_eq!(short_name("路桥区"), "路桥");
        assert_eq!(short_name("广西壮族自治区"), "广西");
        assert_eq!(short_name("沈阳市"), "沈阳");
        assert_eq!(short_name("忠县"), "忠县");
    }

    #[test]
    fn parents_are_known() {
        let g = get();
        let i = g.full("路桥区")[0];
        let p = g.place(i);
        assert_eq!((p.level, p.city, p.province), (Level::County, "台州市", "浙江省"));
        assert_eq!(g.place(g.city_of(p).unwrap()).name, "台州市");
        assert!(g.is_place("莱州"));
        assert!(g.full("沈阳市").iter().any(|&i| g.place(i).level == Level::City));
    }
}
