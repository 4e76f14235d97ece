//! Script: traditional to simplified Chinese with OpenCC's T2s tables
//! (ferrous-opencc, compiled in), and deciding whether a document was
//! written in traditional script.

use std::sync::OnceLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

use super::spaces::is_han;

/// Share of Han characters the conversion must change for a document to
/// count as traditional. Traditional running text changes 20-30 %; a
/// simplified text quoting an old name changes well under 1 %.
const TRADITIONAL_SHARE: f64 = 0.08;

fn converter() -> &'static OpenCC {
    static T2S: OnceLock<OpenCC> = OnceLock::new();
    T2S.get_or_init(|| OpenCC::from_config(BuiltinConfig::T2s).expect("built-in OpenCC t2s tables"))
}

/// Variant characters (異體字) that OpenCC's t2s tables leave as they are,
/// with the standard form: `陜西` is `陕西`. Each pair is one character for
/// one, so offsets into the text do not move. The quotation marks of
/// traditional typesetting (`「案藏瑰宝」`, `『…』`) become the simplified
/// convention's `“”` and `‘’`, so that the rules read one kind of quote.
const VARIANTS: &[(char, char)] = &[
    ('陜', '陕'),
    ('衆', '众'),
    ('綫', '线'),
    ('峯', '峰'),
    ('敎', '教'),
    ('爲', '为'),
    ('僞', '伪'),
    ('「', '“'),
    ('」', '”'),
    ('『', '‘'),
    ('』', '’'),
];

/// Traditional -> simplified (`沈陽市檔案館` -> `沈阳市档案馆`), variants
/// folded; simplified text passes through.
pub fn to_simplified(s: &str) -> String {
    let converted = converter().convert(s);
    if !converted.chars().any(|c| VARIANTS.iter().any(|v| v.0 == c)) {
        return converted;
    }
    converted.chars().map(|c| VARIANTS.iter().find(|v| v.0 == c).map_or(c, |v| v.1)).collect()
}

/// Whether a meaningful share of the Han characters of `original` changed
/// in `simplified`. Lines whose length changed in conversion are skipped.
pub fn mostly_traditional(original: &str, simplified: &str) -> bool {
    let (han, changed) = changed_han(original, simplified);
    han > 0 && changed as f64 >= han as f64 * TRADITIONAL_SHARE
}

/// (Han characters, changed Han characters) over the lines that align.
fn changed_han(original: &str, simplified: &str) -> (usize, usize) {
    let mut han = 0;
    let mut changed = 0;
    for (a, b) in original.split('\n').zip(simplified.split('\n')) {
        if a.chars().count() != b.chars().count() {
            continue;
        }
        for (x, y) in a.chars().zip(b.chars()).filter(|(x, _)| is_han(*x)) {
            han += 1;
            changed += usize::from(x != y);
        }
    }
    (han, changed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_traditional_names() {
        assert_eq!(to_simplified("沈陽市檔案館"), "沈阳市档案馆");
        assert_eq!(to_simplified("共慶百年華誕,奮力開創新局!"), "共庆百年华诞,奋力开创新局!");
        assert_eq!(to_simplified("桃源縣史志辦主任朱浩"), "桃源县史志办主任朱浩");
    }

    #[test]
    fn variants_are_folded() {
        assert_eq!(to_simplified("陜西省委黨史研究室"), "陕西省委党史研究室");
        assert_eq!(to_simplified("羣衆"), "群众");
    }

    #[test]
    fn corner_quotes_become_curly_quotes() {
        assert_eq!(to_simplified("主辦的「案藏瑰寶-國家檔案菁華展」"), "主办的“案藏瑰宝-国家档案菁华展”");
        assert_eq!(to_simplified("『兰台』"), "‘兰台’");
    }

    #[test]
    fn simplified_text_passes_through() {
        let s = "中共路桥区委党史研究室成立于1998年,设主任、副主任各1名。";
        assert_eq!(to_simplified(s), s);
    }

    #[test]
    fn detects_traditional_documents() {
        let trad = "黨的十八大以來,在黨中央及省、市委的堅強領導下,全市組織系統堅持";
        assert!(mostly_traditional(trad, &to_simplified(trad)));
        let simp = "党的十八大以来,在党中央及省、市委的坚强领导下,全市组织系统坚持";
        assert!(!mostly_traditional(simp, &to_simplified(simp)));
        let quoting = "他题写了“瀋陽”二字,全市组织系统坚持学习党的二十大精神,推动档案事业高质量发展。";
        assert!(!mostly_traditional(quoting, &to_simplified(quoting)));
        assert!(!mostly_traditional("Page 71", "Page 71"));
    }
}
