//! Entities that occur in several documents (`lantai links`), most shared first.

use super::graph::{self, DocRef, Node};
use super::{clip, Result};
use crate::model::EntityType;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One shared entity and the documents it occurs in.
#[derive(Clone, Debug, Serialize)]
pub struct LinkRow {
    pub node: Node,
    pub docs: Vec<DocRef>,
}

/// Entities (of one type, or all) occurring in at least `min_docs` documents,
/// sorted by number of documents (descending), then label.
pub fn links(store: &Store, kind: Option<EntityType>, min_docs: usize) -> Result<Vec<LinkRow>> {
    let mut by_node: BTreeMap<String, (EntityType, Option<String>, BTreeSet<String>)> = BTreeMap::new();
    for (e, t, g, l) in graph::occurrences(store)? {
        if kind.is_some_and(|k| k != t) {
            continue;
        }
        let entry = by_node.entry(e).or_insert((t, None, BTreeSet::new()));
        entry.1 = entry.1.take().or(l);
        entry.2.insert(g);
    }
    let docs = graph::documents(store)?;
    let mut rows: Vec<LinkRow> = by_node
        .into_iter()
        .filter(|(_, (_, _, gs))| gs.len() >= min_docs.max(1))
        .map(|(iri, (t, l, gs))| LinkRow {
            node: Node { label: l.unwrap_or_else(|| graph::short_iri(&iri)), iri, kind: Some(t) },
            docs: gs.iter().map(|g| docs.get(g).cloned().unwrap_or_else(|| bare_doc(g))).collect(),
        })
        .collect();
    rows.sort_by(|a, b| b.docs.len().cmp(&a.docs.len()).then(a.node.label.cmp(&b.node.label)));
    Ok(rows)
}

fn bare_doc(g: &str) -> DocRef {
    let file = g.strip_prefix(crate::vocab::DOC).unwrap_or(g).to_owned();
    DocRef { iri: g.to_owned(), file, title: None }
}

/// A table: label, type, number of documents, the documents' file names.
pub fn render_links(rows: &[LinkRow]) -> String {
    if rows.is_empty() {
        return "No entity occurs in that many documents.\n".into();
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_content_arrangement(ContentArrangement::Dynamic);
    t.set_header(vec!["Entity", "Type", "Docs", "Documents"]);
    for r in rows {
        let kind = r.node.kind.map(|k| k.to_string()).unwrap_or_default();
        let files: Vec<&str> = r.docs.iter().map(|d| d.file.as_str()).collect();
        let shown = if files.len() > 6 { format!("{} …", files[..6].join(", ")) } else { files.join(", ") };
        t.add_row(vec![clip(&r.node.label, 40), kind, r.docs.len().to_string(), shown]);
    }
    format!("{t}\n{} entities\n", rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crossdoc::fixture::{iri, store};

    #[test]
    fn min_docs_two_returns_exactly_the_shared_nodes() {
        let s = store();
        let rows = links(&s, None, 2).unwrap();
        let iris: BTreeSet<String> = rows.iter().map(|r| r.node.iri.clone()).collect();
        let want: BTreeSet<String> = [iri("person/沈阳市/张春风"), iri("unit/沈阳市档案馆")].into();
        assert_eq!(iris, want);
        assert!(rows.iter().all(|r| r.docs.len() == 2));
        let table = render_links(&rows);
        assert!(table.contains("沈阳市档案馆") && table.contains("002_b.txt"), "{table}");
    }

    #[test]
    fn kind_filter_and_min_docs_one() {
        let s = store();
        let units = links(&s, Some(EntityType::Unit), 2).unwrap();
        assert_eq!(units.len(), 1);
        assert_eq!(units[0].node.label, "沈阳市档案馆");
        let all = links(&s, None, 1).unwrap();
        assert_eq!(all[0].docs.len(), 2);
        assert!(all.iter().any(|r| r.node.label == "兰台"));
    }
}
