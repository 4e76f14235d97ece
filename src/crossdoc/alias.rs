//! User aliases (`lantai alias`): an `aliases.tsv` file in the store's folder
//! (`alias<TAB>canonical name`, `#` comments) and the re-linking it implies:
//! nodes of the canonical node's type named by the alias are merged into the
//! canonical node, in place, without re-reading any document.

use super::lookup::{find, Match};
use super::{CrossdocError, Result};
use crate::vocab::{lt, RDFS, SKOS};
use oxigraph::model::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use oxigraph::store::{StorageError, Store};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

/// File name of the aliases file inside the store's folder.
pub const ALIASES_FILE: &str = "aliases.tsv";

/// The aliases of a store: alias → canonical name, in file order.
#[derive(Clone, Debug, Default)]
pub struct Aliases {
    entries: Vec<(String, String)>,
    map: HashMap<String, String>,
}

impl Aliases {
    /// Parse the file's text: `alias<TAB>canonical`, blank lines and `#` comments skipped.
    pub fn parse(text: &str) -> Aliases {
        let mut a = Aliases::default();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let mut parts = if line.contains('\t') { line.splitn(2, '\t') } else { line.splitn(2, ' ') };
            let (Some(alias), Some(canon)) = (parts.next(), parts.next()) else { continue };
            a.push(alias.trim(), canon.trim());
        }
        a
    }

    fn push(&mut self, alias: &str, canonical: &str) {
        if alias.is_empty() || canonical.is_empty() || alias == canonical {
            return;
        }
        if self.map.insert(alias.to_owned(), canonical.to_owned()).is_none() {
            self.entries.push((alias.to_owned(), canonical.to_owned()));
        } else if let Some(e) = self.entries.iter_mut().find(|(a, _)| a == alias) {
            e.1 = canonical.to_owned();
        }
    }

    /// The canonical name an alias stands for.
    pub fn canonical(&self, label: &str) -> Option<&str> {
        self.map.get(label).map(String::as_str)
    }

    /// `(alias, canonical)` pairs in file order.
    pub fn entries(&self) -> &[(String, String)] {
        &self.entries
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Read `aliases.tsv` in the store's folder (no file: no aliases).
pub fn load_aliases(store_dir: &Path) -> Result<Aliases> {
    let path = store_dir.join(ALIASES_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Aliases::parse(&text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Aliases::default()),
        Err(source) => Err(CrossdocError::Io { path, source }),
    }
}

/// One node merged into another.
#[derive(Clone, Debug, Serialize)]
pub struct Merge {
    pub alias: String,
    pub canonical: String,
    pub old: String,
    pub old_label: String,
    pub graphs: usize,
    pub quads: usize,
}

/// What re-linking did: merges, and aliases that could not be applied.
#[derive(Clone, Debug, Default, Serialize)]
pub struct RelinkReport {
    pub merged: Vec<Merge>,
    /// `(alias, canonical, reason)`.
    pub skipped: Vec<(String, String, String)>,
}

/// Record an alias in the store's file (once) and merge the nodes it names.
/// Errors when the canonical name names no node, or nodes of several types.
pub fn add_alias(store: &Store, store_dir: &Path, alias: &str, canonical: &str) -> Result<RelinkReport> {
    let (alias, canonical) = (alias.trim(), canonical.trim());
    if alias.is_empty() || canonical.is_empty() || alias == canonical || alias.contains(['\t', '\n']) {
        return Err(CrossdocError::BadAlias(alias.to_owned()));
    }
    let target = resolve(store, canonical)?;
    if load_aliases(store_dir)?.canonical(alias) != Some(canonical) {
        append_line(store_dir, alias, canonical)?;
    }
    Ok(RelinkReport { merged: relink_one(store, alias, &target)?, skipped: Vec::new() })
}

fn append_line(store_dir: &Path, alias: &str, canonical: &str) -> Result<()> {
    let path = store_dir.join(ALIASES_FILE);
    let io = |source| CrossdocError::Io { path: path.clone(), source };
    let fresh = !path.exists();
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(&path).map_err(io)?;
    if fresh {
        writeln!(f, "# lantai aliases: alias<TAB>canonical name").map_err(io)?;
    }
    writeln!(f, "{alias}\t{canonical}").map_err(io)
}

/// The one node a canonical name stands for (label matches preferred).
fn resolve(store: &Store, canonical: &str) -> Result<Match> {
    let found = find(store, canonical)?;
    let types: BTreeSet<_> = found.iter().map(|m| m.kind).collect();
    if types.len() > 1 {
        let types = types.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", ");
        return Err(CrossdocError::Ambiguous { name: canonical.to_owned(), types });
    }
    let best = found.iter().find(|m| m.by_label).or(found.first());
    best.cloned().ok_or_else(|| CrossdocError::NotFound(canonical.to_owned()))
}

/// Apply every alias of the file (after ingest); unusable ones are reported, not fatal.
pub fn relink(store: &Store, aliases: &Aliases) -> Result<RelinkReport> {
    let mut report = RelinkReport::default();
    for (alias, canonical) in aliases.entries() {
        match resolve(store, canonical) {
            Ok(target) => report.merged.extend(relink_one(store, alias, &target)?),
            Err(e @ (CrossdocError::NotFound(_) | CrossdocError::Ambiguous { .. })) => {
                report.skipped.push((alias.clone(), canonical.clone(), e.to_string()))
            }
            Err(e) => return Err(e),
        }
    }
    Ok(report)
}

/// Merge every other node of the target's type named `alias` into the target.
fn relink_one(store: &Store, alias: &str, target: &Match) -> Result<Vec<Merge>> {
    let olds: Vec<Match> =
        find(store, alias)?.into_iter().filter(|m| m.kind == target.kind && m.iri != target.iri).collect();
    let mut out = Vec::new();
    for old in olds {
        let (graphs, quads) = merge(store, &old, target, alias)?;
        let m = Merge {
            alias: alias.to_owned(),
            canonical: target.iri.clone(),
            old: old.iri,
            old_label: old.label,
            graphs,
            quads,
        };
        out.push(m);
    }
    Ok(out)
}

fn iri(s: &str) -> NamedNode {
    NamedNode::new_unchecked(s)
}

/// Rewrite every quad naming `old` to name `target`, in one transaction.
/// Returns (graphs concerned, quads rewritten).
fn merge(store: &Store, old: &Match, target: &Match, alias: &str) -> Result<(usize, usize)> {
    let (o, c) = (iri(&old.iri), iri(&target.iri));
    let mut tx = store.start_transaction()?;
    let as_subject: Vec<Quad> = tx
        .quads_for_pattern(Some(o.as_ref().into()), None, None, None)
        .collect::<std::result::Result<_, StorageError>>()?;
    let as_object: Vec<Quad> = tx
        .quads_for_pattern(None, None, Some(o.as_ref().into()), None)
        .collect::<std::result::Result<_, StorageError>>()?;
    let mut graphs: Vec<GraphName> = Vec::new();
    let rewritten = as_subject.len() + as_object.len();
    for q in as_subject.iter().chain(&as_object) {
        tx.remove(q);
        if !graphs.contains(&q.graph_name) {
            graphs.push(q.graph_name.clone());
        }
    }
    for q in as_subject.iter().chain(&as_object) {
        if let Some(new) = rewrite(q, &o, &c, &target.label) {
            tx.insert(&new);
        }
    }
    let note = format!("“{}”（{}）经别名“{alias}”合并入“{}”（lantai alias）", old.label, old.iri, target.label);
    for g in &graphs {
        let add = |p: String, v: Term| Quad::new(c.clone(), iri(&p), v, g.clone());
        tx.insert(&add(format!("{RDFS}label"), Literal::new_simple_literal(&target.label).into()));
        tx.insert(&add(lt("mergedFrom"), o.clone().into()));
        tx.insert(&add(lt("resolution"), Literal::new_simple_literal(&note).into()));
    }
    tx.commit()?;
    Ok((graphs.len(), rewritten))
}

/// The quad with `old` replaced by `new`; the old canonical label becomes an
/// altLabel. None when the quad would say nothing (self close match, own label as alt).
fn rewrite(q: &Quad, old: &NamedNode, new: &NamedNode, new_label: &str) -> Option<Quad> {
    let old_s = NamedOrBlankNode::from(old.clone());
    let subject = if q.subject == old_s { NamedOrBlankNode::from(new.clone()) } else { q.subject.clone() };
    let object = if q.object == Term::from(old.clone()) { Term::from(new.clone()) } else { q.object.clone() };
    let mut predicate = q.predicate.clone();
    let is_label = |p: &NamedNode| p.as_str() == format!("{RDFS}label") || p.as_str() == format!("{SKOS}altLabel");
    if q.subject == old_s && is_label(&predicate) {
        if matches!(&object, Term::Literal(l) if l.value() == new_label) {
            return None;
        }
        predicate = iri(&format!("{SKOS}altLabel"));
    }
    if subject == NamedOrBlankNode::from(new.clone()) && object == Term::from(new.clone()) {
        return None;
    }
    Some(Quad::new(subject, predicate, object, graph_of(q)))
}

fn graph_of(q: &Quad) -> GraphName {
    q.graph_name.clone()
}

/// What a relink did, for the terminal.
pub fn render_relink(r: &RelinkReport) -> String {
    let mut out = String::new();
    for m in &r.merged {
        out.push_str(&format!(
            "merged {} ({}) into {}: {} quads in {} graph(s)\n",
            m.old_label, m.old, m.canonical, m.quads, m.graphs
        ));
    }
    for (a, c, why) in &r.skipped {
        out.push_str(&format!("skipped {a} → {c}: {why}\n"));
    }
    if out.is_empty() {
        out.push_str("nothing to merge\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crossdoc::fixture::{iri as id, store};
    use crate::crossdoc::links::links;

    fn distinct_units(s: &Store) -> usize {
        links(s, Some(crate::model::EntityType::Unit), 1).unwrap().len()
    }

    fn tempdir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("lantai-alias-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn add_alias_merges_nodes_and_is_idempotent() {
        let (s, dir) = (store(), tempdir("merge"));
        let before = distinct_units(&s);
        let r = add_alias(&s, &dir, "兰台", "沈阳市档案馆").unwrap();
        assert_eq!(r.merged.len(), 1, "{r:?}");
        assert_eq!(distinct_units(&s), before - 1);
        let old = iri(&id("unit/兰台"));
        assert_eq!(s.quads_for_pattern(Some(old.as_ref().into()), None, None, None).count(), 0);
        assert_eq!(s.quads_for_pattern(None, None, Some(old.as_ref().into()), None).count(), 1, "only lt:mergedFrom");
        let m = find(&s, "兰台").unwrap();
        assert_eq!(m.len(), 1);
        assert_eq!((m[0].iri.as_str(), m[0].by_label, m[0].docs), (id("unit/沈阳市档案馆").as_str(), false, 3));
        let rep = crate::crossdoc::entity::entity_report(&s, &id("unit/沈阳市档案馆")).unwrap();
        assert!(rep.relations.iter().any(|e| e.rel == crate::crossdoc::Relation::Post(Some("主任".into()))));
        assert_eq!(rep.merged_from, vec![id("unit/兰台")]);
        assert!(crate::crossdoc::render_entity(&rep).contains("经别名“兰台”合并"));

        let quads = s.len().unwrap();
        let again = add_alias(&s, &dir, "兰台", "沈阳市档案馆").unwrap();
        assert!(again.merged.is_empty());
        assert_eq!(s.len().unwrap(), quads);
        let file = std::fs::read_to_string(dir.join(ALIASES_FILE)).unwrap();
        assert_eq!(file.matches("兰台\t沈阳市档案馆").count(), 1);
        assert_eq!(load_aliases(&dir).unwrap().canonical("兰台"), Some("沈阳市档案馆"));
    }

    #[test]
    fn unknown_or_ambiguous_canonical_names_are_errors() {
        let (s, dir) = (store(), tempdir("err"));
        assert!(matches!(add_alias(&s, &dir, "兰台", "不存在"), Err(CrossdocError::NotFound(_))));
        s.load_from_slice(
            oxigraph::io::RdfFormat::TriG,
            "<https://w3id.org/lantai/doc/x> { <https://w3id.org/lantai/id/event/兰台> a \
             <https://w3id.org/lantai/ontology#Event> ; <http://www.w3.org/2000/01/rdf-schema#label> \"兰台\" . }"
                .as_bytes(),
        )
        .unwrap();
        assert!(matches!(add_alias(&s, &dir, "市馆", "兰台"), Err(CrossdocError::Ambiguous { .. })));
        assert!(!dir.join(ALIASES_FILE).exists());
    }

    #[test]
    fn parse_and_relink_from_file() {
        let a = Aliases::parse("# comment\n\n兰台\t沈阳市档案馆\n坏行\n无此\t不存在的单位\n");
        assert_eq!(a.entries().len(), 2);
        assert_eq!(a.canonical("兰台"), Some("沈阳市档案馆"));
        let s = store();
        let r = relink(&s, &a).unwrap();
        assert_eq!(r.merged.len(), 1);
        assert_eq!(r.skipped.len(), 1);
        assert!(render_relink(&r).contains("merged 兰台"));
    }
}
