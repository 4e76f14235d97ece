//! How two entities connect (`lantai related`): breadth-first path search over
//! the relations of every document, shortest paths first. Co-mention in one
//! document is a weak "same document" link, used only when no relation path
//! exists within the hop limit, and marked as such.

use super::graph::{self, DocRef, Edge, Node, Relation};
use super::Result;
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};

/// At most this many paths are returned.
pub const MAX_PATHS: usize = 10;
/// Path enumeration gives up after this many steps (hubs can explode).
const STEP_BUDGET: usize = 200_000;
/// At most this many statements are kept per hop.
const MAX_STEPS_PER_HOP: usize = 5;

/// One statement supporting a hop, oriented from the hop's `from`.
#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub rel: Relation,
    /// True when the statement reads from → to, false when to → from.
    pub forward: bool,
    pub evidence: Option<String>,
    pub doc: Option<DocRef>,
}

/// One hop of a path: two adjacent entities and the statements linking them.
#[derive(Clone, Debug, Serialize)]
pub struct Hop {
    pub from: Node,
    pub to: Node,
    pub steps: Vec<Step>,
}

/// A path from the first entity to the second.
#[derive(Clone, Debug, Serialize)]
pub struct PathResult {
    pub hops: Vec<Hop>,
    /// True when some hop is only "same document" (co-mention).
    pub weak: bool,
}

/// The adjacency of entities: relation edges, and optionally co-mention.
struct Adjacency {
    rel: HashMap<String, BTreeMap<String, Vec<usize>>>,
    edges: Vec<Edge>,
    mentions: HashMap<String, Vec<String>>,
    members: HashMap<String, Vec<String>>,
    weak: bool,
}

impl Adjacency {
    fn build(store: &Store) -> Result<Self> {
        let edges = graph::all_edges(store)?;
        let mut rel: HashMap<String, BTreeMap<String, Vec<usize>>> = HashMap::new();
        for (i, e) in edges.iter().enumerate().filter(|(_, e)| e.from != e.to) {
            rel.entry(e.from.clone()).or_default().entry(e.to.clone()).or_default().push(i);
            rel.entry(e.to.clone()).or_default().entry(e.from.clone()).or_default().push(i);
        }
        let (mut mentions, mut members) = (HashMap::<_, Vec<_>>::new(), HashMap::<_, Vec<_>>::new());
        for (e, _, g, _) in graph::occurrences(store)? {
            mentions.entry(e.clone()).or_default().push(g.clone());
            members.entry(g).or_default().push(e);
        }
        for v in members.values_mut().chain(mentions.values_mut()) {
            v.sort();
            v.dedup();
        }
        Ok(Adjacency { rel, edges, mentions, members, weak: false })
    }

    /// Neighbours of a node with the edges to each (co-mention edges made up on the fly).
    fn links(&self, n: &str) -> Vec<(String, Vec<Edge>)> {
        let mut out: BTreeMap<String, Vec<Edge>> = BTreeMap::new();
        for (m, idx) in self.rel.get(n).into_iter().flatten() {
            out.insert(m.clone(), idx.iter().map(|&i| self.edges[i].clone()).collect());
        }
        if self.weak {
            for g in self.mentions.get(n).into_iter().flatten() {
                for m in self.members.get(g).into_iter().flatten().filter(|m| *m != n) {
                    let list = out.entry(m.clone()).or_default();
                    if list.iter().all(|e| e.rel == Relation::SameDocument) && list.len() < MAX_STEPS_PER_HOP {
                        let (from, to) = (n.to_owned(), m.clone());
                        list.push(Edge { from, to, rel: Relation::SameDocument, evidence: None, doc: Some(g.clone()) });
                    }
                }
            }
        }
        out.into_iter().collect()
    }

    /// Hop distance from `start` to every node within `max` hops.
    fn distances(&self, start: &str, max: usize) -> HashMap<String, usize> {
        let mut dist = HashMap::from([(start.to_owned(), 0)]);
        let mut queue = VecDeque::from([start.to_owned()]);
        while let Some(n) = queue.pop_front() {
            let d = dist[&n];
            if d == max {
                continue;
            }
            for (m, _) in self.links(&n) {
                if !dist.contains_key(&m) {
                    dist.insert(m.clone(), d + 1);
                    queue.push_back(m);
                }
            }
        }
        dist
    }
}

/// Enumerates simple paths of one exact length towards a target.
struct Search<'a> {
    adj: &'a Adjacency,
    to_target: HashMap<String, usize>,
    target: String,
    found: Vec<Vec<(String, Vec<Edge>)>>,
    steps: usize,
}

impl Search<'_> {
    fn walk(&mut self, path: &mut Vec<(String, Vec<Edge>)>, len: usize) {
        let here = path.last().map(|(n, _)| n.clone()).unwrap_or_default();
        if here == self.target {
            if path.len() - 1 == len {
                self.found.push(path.clone());
            }
            return;
        }
        let left = len - (path.len() - 1);
        for (m, edges) in self.adj.links(&here) {
            self.steps += 1;
            if self.found.len() >= MAX_PATHS || self.steps > STEP_BUDGET {
                return;
            }
            let close_enough = self.to_target.get(&m).is_some_and(|&d| d < left);
            if close_enough && !path.iter().any(|(p, _)| *p == m) {
                path.push((m, edges));
                self.walk(path, len);
                path.pop();
            }
        }
    }
}

/// Paths from `a` to `b` of at most `max_hops` hops, shortest first (at most
/// `MAX_PATHS`). Relation paths only; co-mention paths when there are none.
pub fn related(store: &Store, a: &str, b: &str, max_hops: usize) -> Result<Vec<PathResult>> {
    if a == b || max_hops == 0 {
        return Ok(Vec::new());
    }
    let mut adj = Adjacency::build(store)?;
    let mut raw = search(&adj, a, b, max_hops);
    if raw.is_empty() {
        adj.weak = true;
        raw = search(&adj, a, b, max_hops);
    }
    to_results(store, raw)
}

fn search(adj: &Adjacency, a: &str, b: &str, max_hops: usize) -> Vec<Vec<(String, Vec<Edge>)>> {
    let to_target = adj.distances(b, max_hops);
    let Some(&shortest) = to_target.get(a) else { return Vec::new() };
    let mut s = Search { adj, to_target, target: b.to_owned(), found: Vec::new(), steps: 0 };
    for len in shortest..=max_hops {
        s.walk(&mut vec![(a.to_owned(), Vec::new())], len);
        if s.found.len() >= MAX_PATHS || s.steps > STEP_BUDGET {
            break;
        }
    }
    s.found
}

fn to_results(store: &Store, raw: Vec<Vec<(String, Vec<Edge>)>>) -> Result<Vec<PathResult>> {
    let nodes = graph::nodes(store, raw.iter().flatten().map(|(n, _)| n.clone()))?;
    let docs = graph::documents(store)?;
    let results = raw
        .into_iter()
        .map(|path| {
            let hops: Vec<Hop> = path.windows(2).map(|w| hop(&nodes, &docs, &w[0].0, &w[1].0, &w[1].1)).collect();
            let weak = hops.iter().any(|h| h.steps.iter().all(|s| s.rel == Relation::SameDocument));
            PathResult { hops, weak }
        })
        .collect();
    Ok(results)
}

fn hop(nodes: &HashMap<String, Node>, docs: &HashMap<String, DocRef>, a: &str, b: &str, edges: &[Edge]) -> Hop {
    let mut seen = HashSet::new();
    let steps = edges
        .iter()
        .filter(|e| seen.insert((e.rel.clone(), e.doc.clone())))
        .take(MAX_STEPS_PER_HOP)
        .map(|e| Step {
            rel: e.rel.clone(),
            forward: e.from == a,
            evidence: e.evidence.clone(),
            doc: e.doc.as_ref().and_then(|g| docs.get(g).cloned()),
        })
        .collect();
    Hop { from: nodes[a].clone(), to: nodes[b].clone(), steps }
}

/// The paths as text: one block per path, one line per hop, then its evidence.
pub fn render_paths(paths: &[PathResult]) -> String {
    if paths.is_empty() {
        return "No connection found within the hop limit.\n".into();
    }
    let mut out = String::new();
    if paths.iter().all(|p| p.weak) {
        out.push_str("No relation links them; they only share documents (weak links):\n\n");
    }
    for (i, p) in paths.iter().enumerate() {
        let weak = if p.weak { ", via same document" } else { "" };
        out.push_str(&format!("Path {} ({} hop{}{weak}):\n", i + 1, p.hops.len(), plural(p.hops.len())));
        for h in &p.hops {
            render_hop(h, &mut out);
        }
        out.push('\n');
    }
    if paths.len() >= MAX_PATHS {
        out.push_str(&format!("(showing the first {MAX_PATHS} paths)\n"));
    }
    out
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn render_hop(h: &Hop, out: &mut String) {
    for s in &h.steps {
        let rel = s.rel.label();
        let arrow = if s.forward { format!("—{rel}→") } else { format!("←{rel}—") };
        let file = s.doc.as_ref().map(|d| d.file.as_str()).unwrap_or("?");
        out.push_str(&format!("  {} {arrow} {}   [{file}]\n", h.from.label, h.to.label));
        if let Some(ev) = &s.evidence {
            out.push_str(&format!("      “{ev}”\n"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crossdoc::fixture::{iri, store};

    #[test]
    fn person_to_event_goes_through_the_unit_with_evidence() {
        let s = store();
        let paths = related(&s, &iri("person/沈阳市/张春风"), &iri("event/沈阳市档案馆建馆60周年纪念展"), 3).unwrap();
        assert!(!paths.is_empty());
        let p = &paths[0];
        assert!(!p.weak);
        assert_eq!(p.hops.len(), 2);
        assert_eq!(p.hops[0].to.label, "沈阳市档案馆");
        assert_eq!(p.hops[0].steps.len(), 2, "both documents support the post");
        assert_eq!(p.hops[1].steps[0].rel, Relation::Organizer);
        assert!(!p.hops[1].steps[0].forward);
        let text = render_paths(&paths);
        assert!(text.contains("张春风 —馆长→ 沈阳市档案馆"), "{text}");
        assert!(text.contains("沈阳市档案馆 ←organizer— 沈阳市档案馆建馆60周年纪念展"), "{text}");
        assert!(text.contains("6月9日，市档案馆举办建馆60周年纪念展。"), "{text}");
    }

    #[test]
    fn hop_limit_and_weak_same_document_links() {
        let s = store();
        let (a, e) = (iri("person/沈阳市/张春风"), iri("event/沈阳市档案馆建馆60周年纪念展"));
        assert!(related(&s, &a, &e, 1).unwrap().iter().all(|p| p.weak));
        let paths = related(&s, &iri("unit/兰台"), &iri("person/大连市/张春风"), 2).unwrap();
        assert!(!paths.is_empty() && paths.iter().all(|p| p.weak), "{paths:?}");
        assert!(render_paths(&paths).contains("same document"));
    }
}
