//! The compiled-in lexicons (src/data/*.txt): unit endings, posts, role nouns,
//! event nouns, surnames, national figures. Loaded once, on first use.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

pub struct Lexicon {
    unit_set: HashSet<&'static str>,
    post_set: HashSet<&'static str>,
    event_map: HashMap<&'static str, &'static str>,
    max_unit: usize,
    post_first_chars: HashSet<char>,
    max_post: usize,
    max_event: usize,
    /// Unit name endings, longest first.
    pub unit_suffixes: Vec<&'static str>,
    /// Posts, longest first.
    pub posts: Vec<&'static str>,
    pub person_cues: Vec<&'static str>,
    /// Event name endings with their sub-class, longest first.
    pub event_nouns: Vec<(&'static str, &'static str)>,
    pub surnames: HashSet<&'static str>,
    pub compound_surnames: HashSet<&'static str>,
    pub figures: Vec<&'static str>,
    /// Terms of the trade that read like names (`史志`, `方志`).
    pub not_names: Vec<&'static str>,
    /// Well-known laws written short: (written form, canonical name).
    pub laws: Vec<(&'static str, &'static str)>,
}

fn words(data: &'static str) -> impl Iterator<Item = &'static str> {
    data.lines().filter(|l| !l.trim_start().starts_with('#')).flat_map(|l| l.split_whitespace())
}

fn longest_first(mut v: Vec<&'static str>) -> Vec<&'static str> {
    v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    v.dedup();
    v
}

impl Lexicon {
    fn load() -> Self {
        let mut event_nouns: Vec<(&str, &str)> = include_str!("data/event_nouns.txt")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .collect();
        event_nouns.sort_by_key(|(s, _)| std::cmp::Reverse(s.chars().count()));
        let (compound, single): (Vec<&str>, Vec<&str>) =
            words(include_str!("data/surnames.txt")).partition(|s| s.chars().count() > 1);
        let unit_suffixes = longest_first(words(include_str!("data/unit_suffixes.txt")).collect());
        let posts = longest_first(words(include_str!("data/posts.txt")).collect());
        let max_len = |v: &[&str]| v.iter().map(|s| s.chars().count()).max().unwrap_or(0);
        Lexicon {
            unit_set: unit_suffixes.iter().copied().collect(),
            post_set: posts.iter().copied().collect(),
            post_first_chars: posts.iter().filter_map(|p| p.chars().next()).collect(),
            event_map: event_nouns.iter().copied().collect(),
            max_unit: max_len(&unit_suffixes),
            max_post: max_len(&posts),
            max_event: event_nouns.iter().map(|(n, _)| n.chars().count()).max().unwrap_or(0),
            unit_suffixes,
            posts,
            person_cues: longest_first(words(include_str!("data/person_cues.txt")).collect()),
            event_nouns,
            surnames: single.into_iter().collect(),
            compound_surnames: compound.into_iter().collect(),
            figures: longest_first(words(include_str!("data/figures.txt")).collect()),
            not_names: words(include_str!("data/not_names.txt")).collect(),
            laws: include_str!("data/regulations.txt")
                .lines()
                .filter(|l| !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t'))
                .collect(),
        }
    }

    /// The longest unit ending `s` ends with.
    pub fn unit_suffix_of(&self, s: &str) -> Option<&'static str> {
        longest_ending(s, self.max_unit, |e| self.unit_set.get(e).copied())
    }

    /// The longest post `s` ends with.
    pub fn post_suffix_of(&self, s: &str) -> Option<&'static str> {
        longest_ending(s, self.max_post, |e| self.post_set.get(e).copied())
    }

    pub fn is_post(&self, s: &str) -> bool {
        self.post_set.contains(s)
    }

    /// The longest post `s` starts with.
    pub fn post_prefix_of(&self, s: &str) -> Option<&'static str> {
        if !s.chars().next().is_some_and(|c| self.post_first_chars.contains(&c)) {
            return None;
        }
        let mut best = None;
        let mut chars = s.char_indices().skip(1).map(|(i, _)| i).chain([s.len()]);
        for _ in 0..self.max_post {
            let Some(end) = chars.next() else { break };
            if let Some(p) = self.post_set.get(&s[..end]) {
                best = Some(*p);
            }
        }
        best
    }

    /// Is `s` an event noun on its own (`座谈会`, `展览`)?
    pub fn is_event_noun(&self, s: &str) -> bool {
        self.event_map.contains_key(s)
    }

    /// The longest event noun `s` ends with, with its sub-class.
    pub fn event_suffix_of(&self, s: &str) -> Option<(&'static str, &'static str)> {
        longest_ending(s, self.max_event, |e| self.event_map.get_key_value(e).map(|(k, v)| (*k, *v)))
    }

    /// Length in chars of the surname `name` starts with (2 for compound), if any.
    pub fn surname_len(&self, name: &str) -> Option<usize> {
        let two: String = name.chars().take(2).collect();
        if two.chars().count() == 2 && self.compound_surnames.contains(two.as_str()) {
            return Some(2);
        }
        let one: String = name.chars().take(1).collect();
        self.surnames.contains(one.as_str()).then_some(1)
    }
}

/// The longest ending of `s` (at most `max` characters) that `find` knows:
/// a hash lookup per length instead of a scan of the whole list.
fn longest_ending<T>(s: &str, max: usize, find: impl Fn(&str) -> Option<T>) -> Option<T> {
    let mut best = None;
    for (i, _) in s.char_indices().rev().take(max) {
        if let Some(x) = find(&s[i..]) {
            best = Some(x);
        }
    }
    best
}

pub fn get() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(Lexicon::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_endings_win() {
        let lx = get();
        assert_eq!(lx.unit_suffix_of("中共路桥区委党史研究室"), Some("党史研究室"));
        assert_eq!(lx.unit_suffix_of("桃源县史志办"), Some("史志办"));
        assert_eq!(lx.post_suffix_of("分管日常工作的副部长"), Some("副部长"));
        assert_eq!(lx.event_suffix_of("党史党建成果专场新闻发布会"), Some(("新闻发布会", "Meeting")));
    }

    #[test]
    fn surnames_single_and_compound() {
        let lx = get();
        assert_eq!(lx.surname_len("朱浩"), Some(1));
        assert_eq!(lx.surname_len("欧阳修"), Some(2));
        assert_eq!(lx.surname_len("的话"), None);
    }
}
