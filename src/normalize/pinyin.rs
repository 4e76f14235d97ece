//! Web-conversion artifacts: some traditional-script reposts carry the pinyin
//! of a character in parentheses right after it (`開創(chuàng)`, `機(jī)關(guān)`).
//! The parenthesised syllable goes; the character stays.
//!
//! Only one lowercase Latin syllable with a tone mark, right after a Han
//! character, is removed, so `(1921-2021)`, `(第一卷)`, `(a)` and `(de)` stay.
//! Known miss: a neutral-tone syllable (no tone mark) is left in place.

use std::sync::OnceLock;

use regex::Regex;

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(\p{Han})[(（]([a-zü\u{0300}-\u{036f}āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,7})[)）]")
            .expect("pinyin pattern")
    })
}

/// Removes `(pīnyīn)` after Han characters.
pub fn strip(text: &str) -> String {
    pattern()
        .replace_all(
            text,
            |caps: &regex::Captures| {
                if has_tone_mark(&caps[2]) {
                    caps[1].to_owned()
                } else {
                    caps[0].to_owned()
                }
            },
        )
        .into_owned()
}

fn has_tone_mark(syllable: &str) -> bool {
    syllable.chars().any(|c| !c.is_ascii_lowercase() && c != 'ü')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_pinyin_after_han() {
        assert_eq!(strip("共慶百年華誕,奮力開創(chuàng)新局!"), "共慶百年華誕,奮力開創新局!");
        assert_eq!(strip("根據(jù)機(jī)關(guān)黨委的統(tǒng)一部署"), "根據機關黨委的統一部署");
        assert_eq!(strip("全市組織系統(tǒng)堅持"), "全市組織系統堅持");
    }

    #[test]
    fn strips_decomposed_tone_marks_and_full_width_parentheses() {
        assert_eq!(strip("開創(chua\u{300}ng)"), "開創");
        assert_eq!(strip("開創（chuàng）新局"), "開創新局");
    }

    #[test]
    fn keeps_other_parentheses() {
        for s in [
            "建黨百年(1921-2021)",
            "黨史正本(第一卷)",
            "選項(a)",
            "我的(de)",
            "便民服務(街道)",
            "CPC(Party)",
            "(chuàng)開頭",
            "政治執行力(zhí xíng)",
        ] {
            assert_eq!(strip(s), s);
        }
    }
}
