//! The neighbourhood of an entity (`lantai neighbours`): nodes within some
//! hops over relation edges, capped in size; rendered by `render`.

use super::graph::{self, DocRef, Edge, Node};
use super::Result;
use oxigraph::store::Store;
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, VecDeque};

/// Default cap on the number of nodes of a neighbourhood.
pub const MAX_NODES: usize = 60;

/// Nodes around a centre and the edges between them.
#[derive(Clone, Debug, Serialize)]
pub struct Neighbourhood {
    pub center: String,
    pub hops: usize,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub docs: HashMap<String, DocRef>,
    /// True when nodes were left out to respect the cap.
    pub capped: bool,
    pub max_nodes: usize,
}

/// Nodes within `hops` of `iri` (at most `MAX_NODES`), breadth-first.
pub fn neighbours(store: &Store, iri: &str, hops: usize) -> Result<Neighbourhood> {
    neighbours_capped(store, iri, hops, MAX_NODES)
}

/// As `neighbours`, with another cap on the number of nodes.
pub fn neighbours_capped(store: &Store, iri: &str, hops: usize, max_nodes: usize) -> Result<Neighbourhood> {
    let max_nodes = max_nodes.max(1);
    let mut depth: HashMap<String, usize> = HashMap::from([(iri.to_owned(), 0)]);
    let mut order = vec![iri.to_owned()];
    let mut edges = BTreeSet::new();
    let mut queue = VecDeque::from([iri.to_owned()]);
    let mut capped = false;
    while let Some(n) = queue.pop_front() {
        if depth[&n] >= hops {
            continue;
        }
        for e in graph::edges_of(store, &n)? {
            let other = if e.from == n { e.to.clone() } else { e.from.clone() };
            if !depth.contains_key(&other) {
                if order.len() >= max_nodes {
                    capped = true;
                    continue;
                }
                depth.insert(other.clone(), depth[&n] + 1);
                order.push(other.clone());
                queue.push_back(other);
            }
            edges.insert(e);
        }
    }
    let edges: Vec<Edge> =
        edges.into_iter().filter(|e| depth.contains_key(&e.from) && depth.contains_key(&e.to)).collect();
    let mut by_iri = graph::nodes(store, order.iter().cloned())?;
    let nodes = order.iter().filter_map(|i| by_iri.remove(i)).collect();
    let all_docs = graph::documents(store)?;
    let docs = edges
        .iter()
        .filter_map(|e| e.doc.as_ref())
        .filter_map(|g| all_docs.get(g).map(|d| (g.clone(), d.clone())))
        .collect();
    Ok(Neighbourhood { center: iri.to_owned(), hops, nodes, edges, docs, capped, max_nodes })
}

impl Neighbourhood {
    /// The node of an IRI, if part of the neighbourhood.
    pub fn node(&self, iri: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.iri == iri)
    }

    /// A node's label, or its IRI's tail.
    pub fn label(&self, iri: &str) -> String {
        self.node(iri).map(|n| n.label.clone()).unwrap_or_else(|| graph::short_iri(iri))
    }

    /// The file name of an edge's document.
    pub fn file(&self, e: &Edge) -> String {
        let g = e.doc.as_deref().unwrap_or("?");
        self.docs.get(g).map(|d| d.file.clone()).unwrap_or_else(|| graph::short_iri(g))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crossdoc::fixture::{iri, store};

    #[test]
    fn one_hop_around_the_unit() {
        let s = store();
        let n = neighbours(&s, &iri("unit/沈阳市档案馆"), 1).unwrap();
        let labels: BTreeSet<&str> = n.nodes.iter().map(|n| n.label.as_str()).collect();
        for l in ["沈阳市档案馆", "张春风", "沈阳档案", "沈阳市人民政府", "沈阳市档案馆建馆60周年纪念展"]
        {
            assert!(labels.contains(l), "{l} missing from {labels:?}");
        }
        assert_eq!(n.nodes.len(), 5);
        assert!(!n.capped);
        assert_eq!(n.nodes[0].iri, iri("unit/沈阳市档案馆"));
    }

    #[test]
    fn cap_is_respected_and_reported() {
        let s = store();
        let n = neighbours_capped(&s, &iri("unit/沈阳市档案馆"), 2, 3).unwrap();
        assert_eq!(n.nodes.len(), 3);
        assert!(n.capped);
        assert!(n.edges.iter().all(|e| n.node(&e.from).is_some() && n.node(&e.to).is_some()));
    }
}
