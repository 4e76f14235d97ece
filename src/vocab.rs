//! IRIs of every term the graph uses (GRAPH.md), and the minting of entity
//! and document IRIs. The only place where an IRI string is written.

use crate::model::EntityType;

pub const LT: &str = "https://w3id.org/lantai/ontology#";
pub const ORG: &str = "http://www.w3.org/ns/org#";
pub const DCTERMS: &str = "http://purl.org/dc/terms/";
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";

/// Base of entity IRIs: `<ID>{type}/{label}`.
pub const ID: &str = "https://w3id.org/lantai/id/";
/// Base of document IRIs: `<DOC>{file name}`.
pub const DOC: &str = "https://w3id.org/lantai/doc/";
/// The named graph that holds the ontology itself.
pub const ONTOLOGY_GRAPH: &str = "https://w3id.org/lantai/ontology";

/// The prefixes of GRAPH.md, in the order exports and queries declare them.
pub const PREFIXES: [(&str, &str); 8] = [
    ("lt", LT),
    ("org", ORG),
    ("dcterms", DCTERMS),
    ("rdf", RDF),
    ("rdfs", RDFS),
    ("skos", SKOS),
    ("xsd", XSD),
    ("ltid", ID),
];

pub fn lt(local: &str) -> String {
    format!("{LT}{local}")
}

/// Percent-encode what may not stand in an IRI path segment; Chinese text stays
/// readable (IRIs allow it).
pub fn encode_segment(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '.' | '_' | '~' => out.push(c),
            c if is_ucschar(c) && !c.is_whitespace() => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

/// May `c` stand unencoded in an IRI path (RFC 3987 `ucschar`)? Not the
/// private-use areas, the specials, the noncharacters (`U+FDD0`–`U+FDEF`, the
/// last two of each plane) and the tags (`U+E0000`–`U+E0FFF`).
fn is_ucschar(c: char) -> bool {
    let u = c as u32;
    match u {
        0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF => true,
        0x10000..=0xEFFFD => u & 0xFFFF <= 0xFFFD && !(0xE0000..=0xE0FFF).contains(&u),
        _ => false,
    }
}

/// Where an entity's identity holds.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// One node across every document (units, publications, events with a full name).
    Global,
    /// A person is one node per name and locality (see link.rs for why).
    Locality(String),
    /// A short form that could not be resolved: a node of this document only.
    Document(String),
}

/// The IRI of an entity: a pure function of its type, canonical label and scope.
pub fn entity_iri(kind: EntityType, label: &str, scope: &Scope) -> String {
    let label = encode_segment(label);
    match scope {
        Scope::Global => format!("{ID}{}/{label}", kind.slug()),
        Scope::Locality(place) => format!("{ID}{}/{}/{label}", kind.slug(), encode_segment(place)),
        Scope::Document(doc) => format!("{ID}local/{}/{}/{label}", encode_segment(doc), kind.slug()),
    }
}

/// The IRI (and named graph) of a document, from its file's base name.
pub fn document_iri(file_name: &str) -> String {
    format!("{DOC}{}", encode_segment(file_name))
}

/// The identity of a document from its path relative to the folder it was
/// found under (one segment for a file at the top: its name): each segment
/// encoded as by [`encode_segment`], bytes that are not UTF-8 as `%XX`, joined
/// by `/`. Lossless: no two paths give one identity, and a file name alone
/// gives what [`document_iri`] puts after [`DOC`].
pub fn document_id(segments: &[std::ffi::OsString]) -> String {
    segments.iter().map(|s| encode_os_segment(s)).collect::<Vec<_>>().join("/")
}

/// [`encode_segment`] for a file name that may not be UTF-8.
pub fn encode_os_segment(s: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in s.as_bytes().utf8_chunks() {
            out.push_str(&encode_segment(chunk.valid()));
            for b in chunk.invalid() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        encode_segment(&s.to_string_lossy())
    }
}

/// A document's identity back as text: `%XX` decoded where the bytes make
/// UTF-8 (`a/my%20file.txt` → `a/my file.txt`); an identity with bytes that
/// are not UTF-8 stays encoded.
pub fn document_name(id: &str) -> String {
    let bytes = id.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match hex.filter(|_| bytes[i] == b'%').and_then(|h| u8::from_str_radix(h, 16).ok()) {
            Some(b) => {
                out.push(b);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| id.to_owned())
}

/// A stable IRI for a node that stands for a statement (membership, assertion).
pub fn statement_iri(kind: &str, parts: &[&str]) -> String {
    format!("{ID}{kind}/{:016x}", fnv1a(parts))
}

fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for p in parts {
        for b in p.bytes().chain(std::iter::once(0u8)) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x100000001b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_labels_stay_readable_and_reserved_characters_are_encoded() {
        assert_eq!(encode_segment("沈阳市档案馆"), "沈阳市档案馆");
        assert_eq!(encode_segment("a b/c#"), "a%20b%2Fc%23");
        assert_eq!(encode_segment("营商下午茶(党建版)"), "营商下午茶%28党建版%29");
    }

    /// Found by tests/properties.rs: `来源:\u{efffe}沈阳市档案馆` made a
    /// publication IRI that no RDF parser reads back.
    #[test]
    fn characters_no_iri_may_hold_are_encoded() {
        assert_eq!(encode_segment("\u{efffe}档案"), "%F3%AF%BF%BE档案");
        for c in ['\u{fdd0}', '\u{fffe}', '\u{1fffe}', '\u{e0001}', '\u{f0000}', '\u{10fffd}', '\u{e000}'] {
            let iri = entity_iri(EntityType::Unit, &format!("馆{c}"), &Scope::Global);
            assert!(oxigraph::model::NamedNode::new(&iri).is_ok() && !iri.contains(c), "{c:?}: {iri}");
        }
        assert_eq!(encode_segment("\u{20000}\u{e1000}"), "\u{20000}\u{e1000}");
    }

    #[test]
    fn entity_iri_depends_only_on_type_label_and_scope() {
        let a = entity_iri(EntityType::Unit, "沈阳市档案馆", &Scope::Global);
        assert_eq!(a, entity_iri(EntityType::Unit, "沈阳市档案馆", &Scope::Global));
        assert_ne!(a, entity_iri(EntityType::Publication, "沈阳市档案馆", &Scope::Global));
        let local = entity_iri(EntityType::Unit, "市档案馆", &Scope::Document("x.txt".into()));
        assert!(local.contains("/local/x.txt/"));
    }

    #[test]
    fn document_ids_keep_file_names_and_encode_paths_losslessly() {
        use std::ffi::OsString;
        let one = |s: &str| document_id(&[OsString::from(s)]);
        assert_eq!(format!("{DOC}{}", one("a b.txt")), document_iri("a b.txt"));
        assert_eq!(document_id(&["a".into(), "same.txt".into()]), "a/same.txt");
        assert_ne!(document_id(&["a".into(), "b.txt".into()]), one("a/b.txt"));
        assert_eq!(one("a/b.txt"), "a%2Fb.txt");
        assert_eq!(document_name("a/my%20file.txt"), "a/my file.txt");
        assert_eq!(document_name("x_%FF.txt"), "x_%FF.txt");
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            let bad = |b: &[u8]| document_id(&[OsString::from_vec(b.to_vec())]);
            assert_eq!(bad(b"x_\xff.txt"), "x_%FF.txt");
            assert_ne!(bad(b"x_\xff.txt"), bad(b"x_\xfe.txt"));
            assert_ne!(bad(b"x_\xff.txt"), one("x_%FF.txt"));
        }
    }
}
