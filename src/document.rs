//! Reading one input file: bytes to text (encoding detection and decoding) and
//! HTML to plain text. Nothing here changes the wording of the text; that is
//! the job of `normalize`.

use std::path::Path;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, BIG5, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8};

/// What the decoder tries on a file without a byte-order mark.
const TRIED: &str = "UTF-8, UTF-16, GB18030 or Big5";

/// Share of control characters (other than line breaks and tabs) above which
/// decoded text is taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.05;

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("empty document")]
    Empty,
    #[error("binary file: {0}")]
    Binary(&'static str),
    #[error("cannot decode text: not {0}")]
    Undecodable(&'static str),
    /// An extraction rule failed on this document (a bug: please report it).
    #[error("internal error while extracting (the document was skipped; please report it)")]
    Internal,
}

/// Decoded text and the name of the encoding it was read in
/// ("UTF-8", "UTF-16LE", "UTF-16BE", "GB18030", "Big5").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Detects the encoding of `bytes` and decodes them, refusing empty, binary
/// and malformed input (no replacement characters are ever produced).
pub fn decode(bytes: &[u8]) -> Result<Decoded, ReadError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ReadError::Empty);
    }
    let decoded = match Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => decode_with_bom(encoding, &bytes[bom_len..])?,
        None => decode_unlabelled(bytes)?,
    };
    check_text(&decoded.text)?;
    Ok(decoded)
}

fn decode_with_bom(encoding: &'static Encoding, body: &[u8]) -> Result<Decoded, ReadError> {
    let (name, not_valid) = if encoding == UTF_16LE {
        ("UTF-16LE", "valid UTF-16LE despite its byte-order mark")
    } else if encoding == UTF_16BE {
        ("UTF-16BE", "valid UTF-16BE despite its byte-order mark")
    } else {
        ("UTF-8", "valid UTF-8 despite its byte-order mark")
    };
    strict(encoding, body).map(|text| Decoded { text, encoding: name }).ok_or(ReadError::Undecodable(not_valid))
}

fn decode_unlabelled(bytes: &[u8]) -> Result<Decoded, ReadError> {
    if bytes.contains(&0) {
        return utf16_without_bom(bytes).ok_or(ReadError::Binary("contains NUL bytes"));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: text.to_owned(), encoding: "UTF-8" });
    }
    for encoding in chinese_candidates(bytes) {
        if let Some(text) = strict(encoding, bytes) {
            let name = if encoding == BIG5 { "Big5" } else { "GB18030" };
            return Ok(Decoded { text, encoding: name });
        }
    }
    Err(ReadError::Undecodable(TRIED))
}

/// UTF-16 text written without a byte-order mark. Such text has NUL bytes
/// (the high bytes of line breaks, spaces, digits and Latin letters) at the
/// odd positions (little-endian) or the even ones (big-endian); the order
/// with more is tried first. Decoded, it must look like text.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, b) in bytes.iter().enumerate() {
        if *b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let orders = [(UTF_16LE, "UTF-16LE"), (UTF_16BE, "UTF-16BE")];
    let first = if odd >= even { 0 } else { 1 };
    if odd + even < 2 {
        return None;
    }
    [orders[first], orders[1 - first]].into_iter().find_map(|(encoding, name)| {
        let text = strict(encoding, bytes)?;
        looks_like_text(&text).then_some(Decoded { text, encoding: name })
    })
}

/// Ideographs, CJK punctuation, letters, digits and white space, at least 95%
/// of it, with at least one line break or space.
fn looks_like_text(text: &str) -> bool {
    let (mut total, mut texty, mut breaks) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        total += 1;
        if c == '\n' || c == ' ' || c == '\u{3000}' {
            breaks += 1;
        }
        if c.is_ascii_graphic()
            || c.is_ascii_whitespace()
            || matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF | 0x2000..=0x206F)
        {
            texty += 1;
        }
    }
    breaks > 0 && texty * 100 >= total * 95
}

/// GB18030 and Big5, in the order chardetng finds them likely. GBK guesses
/// are decoded as GB18030, its superset.
fn chinese_candidates(bytes: &[u8]) -> Vec<&'static Encoding> {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guesses = [None, Some(&b"cn"[..]), Some(&b"tw"[..])].map(|tld| detector.guess(tld, Utf8Detection::Deny));
    let mut out: Vec<&'static Encoding> = Vec::new();
    for encoding in guesses.into_iter().chain([GB18030, BIG5]) {
        let encoding = if encoding == GBK { GB18030 } else { encoding };
        if (encoding == GB18030 || encoding == BIG5) && !out.contains(&encoding) {
            out.push(encoding);
        }
    }
    out
}

/// Decodes without BOM sniffing; `None` when a sequence is malformed.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    if encoding == UTF_8 {
        return std::str::from_utf8(bytes).ok().map(str::to_owned);
    }
    encoding.decode_without_bom_handling_and_without_replacement(bytes).map(|text| text.into_owned())
}

/// Refuses text that is blank or looks like binary data.
fn check_text(text: &str) -> Result<(), ReadError> {
    if text.trim().is_empty() {
        return Err(ReadError::Empty);
    }
    if text.contains('\0') {
        return Err(ReadError::Binary("contains NUL characters"));
    }
    let total = text.chars().count();
    let control = text.chars().filter(|&c| is_binary_control(c)).count();
    if control as f64 > total as f64 * MAX_CONTROL_SHARE {
        return Err(ReadError::Binary("too many control characters"));
    }
    Ok(())
}

fn is_binary_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')
}

/// True for the file types lantai reads: .txt .md .html .htm (any case).
pub fn is_supported(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .map(|ext| ext.to_ascii_lowercase())
        .is_some_and(|ext| matches!(ext.as_str(), "txt" | "md" | "html" | "htm"))
}

/// Reads and decodes one file; HTML files (.html, .htm) come back as plain
/// text (see [`strip_html`]).
pub fn read_text(path: &Path) -> Result<Decoded, ReadError> {
    let bytes = std::fs::read(path)?;
    let mut decoded = decode(&bytes)?;
    if is_html(path) {
        decoded.text = strip_html(&decoded.text);
        if decoded.text.trim().is_empty() {
            return Err(ReadError::Empty);
        }
    }
    Ok(decoded)
}

fn is_html(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm"))
}

/// Tags whose start or end breaks the text into a new line.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "title",
    "ul",
    "ol",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "hr",
    "td",
    "th",
    "dd",
    "dt",
];

/// Plain text of an HTML page: scripts, styles and comments dropped, tags
/// removed, block tags turned into line breaks, entities decoded. Runs of
/// whitespace inside the markup become one space, as a browser shows them.
pub fn strip_html(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        rest = skip_markup(&mut out, &rest[lt..]);
    }
    push_text(&mut out, rest);
    tidy_lines(&out)
}

/// Consumes one piece of markup starting at `<` and returns what follows it.
fn skip_markup<'a>(out: &mut String, s: &'a str) -> &'a str {
    if let Some(body) = s.strip_prefix("<!--") {
        return body.find("-->").map_or("", |end| &body[end + 3..]);
    }
    let opens_tag = s[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
    let Some(gt) = s.find('>').filter(|_| opens_tag) else {
        out.push('<');
        return &s[1..];
    };
    let name = tag_name(&s[1..gt]);
    let is_end = s[1..].starts_with('/');
    if !is_end && (name == "script" || name == "style") {
        return skip_past_end_tag(&s[gt + 1..], &name);
    }
    if BLOCK_TAGS.contains(&name.as_str()) {
        out.push('\n');
    }
    &s[gt + 1..]
}

fn tag_name(inner: &str) -> String {
    inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn skip_past_end_tag<'a>(s: &'a str, name: &str) -> &'a str {
    let lower = s.to_ascii_lowercase();
    let close = format!("</{name}");
    match lower.find(&close) {
        Some(at) => s[at..].find('>').map_or("", |gt| &s[at + gt + 1..]),
        None => "",
    }
}

/// Appends a text node: whitespace runs collapsed, entities decoded.
fn push_text(out: &mut String, text: &str) {
    let mut last_space = out.ends_with([' ', '\n']) || out.is_empty();
    let mut collapsed = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_whitespace() {
            if !last_space {
                collapsed.push(' ');
            }
            last_space = true;
        } else {
            collapsed.push(c);
            last_space = false;
        }
    }
    out.push_str(&decode_entities(&collapsed));
}

/// Decodes `&nbsp; &amp; &lt; &gt; &quot; &apos; &#NNN; &#xHH;`; anything
/// else is left as written.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match rest.find(';').filter(|&semi| semi <= 10).and_then(|semi| entity(&rest[1..semi]).map(|c| (c, semi))) {
            Some((c, semi)) => {
                out.push(c);
                rest = &rest[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16).ok()?
    } else if let Some(dec) = name.strip_prefix('#') {
        dec.parse().ok()?
    } else {
        return match name {
            "nbsp" => Some('\u{a0}'),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "middot" => Some('·'),
            "ldquo" => Some('“'),
            "rdquo" => Some('”'),
            "mdash" => Some('—'),
            _ => None,
        };
    };
    char::from_u32(code).filter(|&c| c != '\0')
}

/// Trims each line and drops blank ones.
fn tidy_lines(s: &str) -> String {
    s.lines()
        .map(|l| l.trim_matches(|c: char| c == ' ' || c == '\t'))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    const SEED_SENTENCE: &str = "中共路桥区委党史研究室成立于1998年,设主任、副主任各1名,属区委办公室管理。";
    const TRAD_SENTENCE: &str = "共慶百年華誕,奮力開創新局!沈陽黨史黨建工作取得這些新成果";

    fn encode(encoding: &'static Encoding, s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(s);
        assert!(!unmappable, "{} cannot encode the test sentence", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn utf8_without_bom() {
        let d = decode(SEED_SENTENCE.as_bytes()).unwrap();
        assert_eq!(d, Decoded { text: SEED_SENTENCE.into(), encoding: "UTF-8" });
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(SEED_SENTENCE.as_bytes());
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, SEED_SENTENCE);
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let units: Vec<u16> = SEED_SENTENCE.encode_utf16().collect();
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in &units {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), Decoded { text: SEED_SENTENCE.into(), encoding: "UTF-16LE" });
        assert_eq!(decode(&be).unwrap(), Decoded { text: SEED_SENTENCE.into(), encoding: "UTF-16BE" });
    }

    #[test]
    fn utf16_without_bom_is_detected() {
        let text = format!("{SEED_SENTENCE}\n2023年5月 第2版\n{TRAD_SENTENCE}\n");
        let units: Vec<u16> = text.encode_utf16().collect();
        let le: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
        assert_eq!(decode(&le).unwrap(), Decoded { text: text.clone(), encoding: "UTF-16LE" });
        assert_eq!(decode(&be).unwrap(), Decoded { text, encoding: "UTF-16BE" });
        // an odd length, or binary data between the NULs, stays binary
        assert!(matches!(decode(b"a\0\0b\nc\0d\0"), Err(ReadError::Binary(_))));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
        assert!(matches!(decode(png), Err(ReadError::Binary(_))));
    }

    #[test]
    fn utf16_odd_length_is_undecodable() {
        let bytes = [0xFF, 0xFE, 0x2D, 0x4E, 0x71];
        assert!(matches!(decode(&bytes), Err(ReadError::Undecodable(_))));
    }

    #[test]
    fn gb18030_round_trip() {
        let d = decode(&encode(GB18030, SEED_SENTENCE)).unwrap();
        assert_eq!(d, Decoded { text: SEED_SENTENCE.into(), encoding: "GB18030" });
    }

    #[test]
    fn gbk_round_trip() {
        let d = decode(&encode(GBK, SEED_SENTENCE)).unwrap();
        assert_eq!(d.text, SEED_SENTENCE);
    }

    #[test]
    fn big5_round_trip() {
        let d = decode(&encode(BIG5, TRAD_SENTENCE)).unwrap();
        assert_eq!(d, Decoded { text: TRAD_SENTENCE.into(), encoding: "Big5" });
    }

    #[test]
    fn gb18030_traditional_text_round_trip() {
        let d = decode(&encode(GB18030, TRAD_SENTENCE)).unwrap();
        assert_eq!(d.text, TRAD_SENTENCE);
    }

    fn seed(prefix: &str) -> String {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/seeds");
        let entry = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
            .unwrap();
        std::fs::read_to_string(entry.path()).unwrap()
    }

    #[test]
    fn whole_seeds_round_trip() {
        let simplified = seed("003_").replace('\u{a0}', " ");
        assert_eq!(decode(&encode(GB18030, &simplified)).unwrap().encoding, "GB18030");
        assert_eq!(decode(&encode(GB18030, &simplified)).unwrap().text, simplified);
        let traditional: String =
            seed("001_").lines().filter(|l| l.is_ascii() || !l.contains('(')).collect::<Vec<_>>().join("\n");
        let d = decode(&encode(BIG5, &traditional)).unwrap();
        assert_eq!((d.encoding, d.text == traditional), ("Big5", true));
    }

    #[test]
    fn every_seed_line_round_trips_on_its_own() {
        let mut wrong = Vec::new();
        for line in seed("003_").lines().chain(seed("004_").lines()).filter(|l| l.chars().count() >= 6) {
            let line = line.replace('\u{a0}', " ");
            match decode(&encode(GB18030, &line)) {
                Ok(d) if d.text == line => {}
                other => wrong.push(format!("{line}: {other:?}")),
            }
        }
        let trad = seed("001_");
        for line in trad.lines().filter(|l| l.chars().count() >= 6 && !l.contains('(')) {
            match decode(&encode(BIG5, line)) {
                Ok(d) if d.text == line => {}
                other => wrong.push(format!("{line}: {other:?}")),
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn empty_and_blank_are_empty() {
        assert!(matches!(decode(b""), Err(ReadError::Empty)));
        assert!(matches!(decode(b" \n\t\r\n"), Err(ReadError::Empty)));
        assert!(matches!(decode(&[0xEF, 0xBB, 0xBF]), Err(ReadError::Empty)));
        assert!(matches!(decode("\u{3000}\n".as_bytes()), Err(ReadError::Empty)));
    }

    #[test]
    fn nul_bytes_are_binary() {
        let err = decode(b"abc\0def").unwrap_err();
        assert!(matches!(err, ReadError::Binary(_)));
        assert!(err.to_string().contains("NUL"), "{err}");
    }

    #[test]
    fn control_characters_are_binary() {
        let bytes: Vec<u8> = (0..200).map(|i| if i % 3 == 0 { 0x01 } else { b'a' }).collect();
        let err = decode(&bytes).unwrap_err();
        assert!(err.to_string().contains("control characters"), "{err}");
    }

    /// Deterministic pseudo-random bytes (xorshift), NUL-free.
    fn noise(len: usize, seed: u64, or_bits: u8) -> Vec<u8> {
        let mut x = seed;
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8 | or_bits
            })
            .collect()
    }

    #[test]
    fn random_bytes_are_rejected() {
        for seed in 1..20 {
            assert!(decode(&noise(2048, seed, 1)).is_err(), "seed {seed}");
        }
    }

    #[test]
    fn random_high_bytes_say_what_was_tried() {
        let err = decode(&noise(2048, 7, 0x80)).unwrap_err();
        assert_eq!(err.to_string(), "cannot decode text: not UTF-8, UTF-16, GB18030 or Big5");
    }

    #[test]
    fn supported_extensions() {
        for ok in ["a.txt", "a.TXT", "b.md", "c.html", "d.HTM"] {
            assert!(is_supported(Path::new(ok)), "{ok}");
        }
        for no in ["a.pdf", "a", "a.txt.gz", ".txt"] {
            assert!(!is_supported(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn strip_html_drops_scripts_styles_comments() {
        let html = "<html><head><title>市档案馆</title><style>p{color:red}</style>\
            <script>var a = '<p>x</p>';</script></head><body><!-- nav --><p>第一段</p>\
            <div>第二段<br>第三段</div></body></html>";
        assert_eq!(strip_html(html), "市档案馆\n第一段\n第二段\n第三段");
    }

    #[test]
    fn strip_html_decodes_entities() {
        let html = "<p>A&amp;B &lt;档案&gt; &quot;q&quot; &#20013;&#x56FD;&nbsp;x &unknown; &</p>";
        assert_eq!(strip_html(html), "A&B <档案> \"q\" 中国\u{a0}x &unknown; &");
    }

    #[test]
    fn strip_html_keeps_a_lone_less_than_sign() {
        assert_eq!(strip_html("<p>1 < 2 且 3 > 2</p>"), "1 < 2 且 3 > 2");
        assert_eq!(strip_html("<p>未闭合 <b"), "未闭合 <b");
    }

    #[test]
    fn strip_html_collapses_source_whitespace() {
        let html = "<li>沈阳市\n    档案馆</li>\n\n<li>  第二项 </li>";
        assert_eq!(strip_html(html), "沈阳市 档案馆\n第二项");
    }

    #[test]
    fn strip_html_keeps_inline_tags_inline() {
        assert_eq!(strip_html("<p>由<b>区档案馆</b>编</p>"), "由区档案馆编");
        assert_eq!(strip_html("<H2 class=x>标题</H2>正文"), "标题\n正文");
    }

    #[test]
    fn read_text_strips_html_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("page.HTML");
        std::fs::write(&path, "<p>区档案馆</p><p>区传媒中心</p>").unwrap();
        let d = read_text(&path).unwrap();
        assert_eq!(d.text, "区档案馆\n区传媒中心");
        let missing = read_text(&dir.path().join("missing.txt"));
        assert!(matches!(missing, Err(ReadError::Io(_))));
    }
}
