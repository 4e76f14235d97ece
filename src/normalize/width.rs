//! Width folding: full-width ASCII forms (U+FF01..U+FF5E) to ASCII and the
//! ideographic space U+3000 to a plain space.

/// Full-width ASCII -> ASCII, U+3000 -> space; everything else unchanged
/// (CJK punctuation such as `。、《》“”` is not full-width ASCII and stays).
pub fn fold_width(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

fn fold_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_letters_digits_and_punctuation() {
        assert_eq!(fold_width("作者：郝雅静"), "作者:郝雅静");
        assert_eq!(fold_width("２０２１年，区档案馆（街道）"), "2021年,区档案馆(街道)");
        assert_eq!(fold_width("“政务Ｅ站”！"), "“政务E站”!");
    }

    #[test]
    fn ideographic_space_becomes_space() {
        assert_eq!(fold_width("\u{3000}\u{3000}党的二十大"), "  党的二十大");
    }

    #[test]
    fn cjk_punctuation_stays() {
        let s = "“两类”档案、红色档案。《档案法》【概况】";
        assert_eq!(fold_width(s), s);
    }
}
