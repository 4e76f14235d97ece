//! Sentences: byte spans into the normalised text, split after `。！？；!?;`
//! and at line ends. A sentence never crosses a line break; closing quotes
//! and brackets right after the terminator stay with the sentence; spaces at
//! either end are left out; empty sentences are dropped.

use super::Sentence;

/// All sentences of `text`, paragraph (line) numbers from 0.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut line_start = 0;
    for (paragraph, line) in text.split('\n').enumerate() {
        split_line(line, line_start, paragraph, &mut out);
        line_start += line.len() + 1;
    }
    out
}

fn split_line(line: &str, offset: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let mut start = 0;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !is_terminator(c) {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, next)) = chars.peek() {
            if !(is_terminator(next) || is_closing(next)) {
                break;
            }
            end = j + next.len_utf8();
            chars.next();
        }
        push(line, start..end, offset, paragraph, out);
        start = end;
    }
    push(line, start..line.len(), offset, paragraph, out);
}

/// Pushes `line[span]` without surrounding spaces, unless empty.
fn push(line: &str, span: std::ops::Range<usize>, offset: usize, paragraph: usize, out: &mut Vec<Sentence>) {
    let piece = &line[span.clone()];
    let trimmed = piece.trim();
    if trimmed.is_empty() {
        return;
    }
    let start = offset + span.start + (piece.len() - piece.trim_start().len());
    out.push(Sentence { start, end: start + trimmed.len(), paragraph });
}

fn is_terminator(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | ';')
}

fn is_closing(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '〉' | '"' | '\'' | ']' | '〕')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(&str, usize)> {
        split(text).iter().map(|s| (&text[s.start..s.end], s.paragraph)).collect()
    }

    #[test]
    fn splits_at_terminators_and_line_ends() {
        let text = "中共路桥区委党史研究室成立于1998年,设主任、副主任各1名,属区委办公室管理。2020年,区机构编制委员会对区委党史研究室编制调整核编。\n(张岿)";
        assert_eq!(
            texts(text),
            vec![
                ("中共路桥区委党史研究室成立于1998年,设主任、副主任各1名,属区委办公室管理。", 0),
                ("2020年,区机构编制委员会对区委党史研究室编制调整核编。", 0),
                ("(张岿)", 1),
            ]
        );
    }

    #[test]
    fn closing_quotes_stay_with_the_sentence() {
        let text = "围绕“当好红色根脉的守护者。”紧抓契机!共庆百年华诞?奋力开创新局;编制新增1人";
        assert_eq!(
            texts(text).into_iter().map(|(s, _)| s).collect::<Vec<_>>(),
            vec!["围绕“当好红色根脉的守护者。”", "紧抓契机!", "共庆百年华诞?", "奋力开创新局;", "编制新增1人"]
        );
    }

    #[test]
    fn drops_empty_sentences_and_trims_spaces() {
        let text = "好。。 \n\n第二段。 Next!";
        let got = texts(text);
        assert_eq!(got, vec![("好。。", 0), ("第二段。", 2), ("Next!", 2)]);
    }

    #[test]
    fn decimals_do_not_split() {
        assert_eq!(texts("结合6.9国际档案日。").len(), 1);
    }
}
