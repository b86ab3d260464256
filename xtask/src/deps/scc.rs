//! Tarjan's strongly connected components: the sets of nodes from which each node of the set
//! reaches every other. A component of two or more nodes is a cycle, or several sharing nodes.

use std::collections::{BTreeMap, BTreeSet};

/// The components of the graph on nodes `0..n` with `edges` (node → successors) that have more
/// than one node; each sorted, and the list sorted by first node. Self-loops are ignored.
pub(crate) fn cycles(n: usize, edges: &BTreeMap<usize, BTreeSet<usize>>) -> Vec<Vec<usize>> {
    let mut tarjan = Tarjan {
        edges,
        next: 0,
        index: vec![None; n],
        low: vec![0; n],
        on_stack: vec![false; n],
        stack: Vec::new(),
        components: Vec::new(),
    };
    for node in 0..n {
        if tarjan.index[node].is_none() {
            tarjan.visit(node);
        }
    }
    let mut found: Vec<Vec<usize>> = tarjan.components.into_iter().filter(|c| c.len() > 1).collect();
    for component in &mut found {
        component.sort_unstable();
    }
    found.sort();
    found
}

struct Tarjan<'a> {
    edges: &'a BTreeMap<usize, BTreeSet<usize>>,
    next: usize,
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    components: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    fn visit(&mut self, v: usize) {
        self.index[v] = Some(self.next);
        self.low[v] = self.next;
        self.next += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        let edges = self.edges;
        for &w in edges.get(&v).into_iter().flatten() {
            match self.index[w] {
                None => {
                    self.visit(w);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(index) if self.on_stack[w] => self.low[v] = self.low[v].min(index),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut component = Vec::new();
            while let Some(w) = self.stack.pop() {
                self.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            self.components.push(component);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(edges: &[(usize, usize)]) -> BTreeMap<usize, BTreeSet<usize>> {
        let mut g: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for &(a, b) in edges {
            g.entry(a).or_default().insert(b);
        }
        g
    }

    #[test]
    fn two_loops_joined_one_way_are_two_components_and_a_chain_is_none() {
        // 0 ⇄ 1 → 2 → 3 → 4 → 2, 5 → 6, 7 → 7.
        let g = graph(&[(0, 1), (1, 0), (1, 2), (2, 3), (3, 4), (4, 2), (5, 6), (7, 7)]);
        assert_eq!(cycles(8, &g), vec![vec![0, 1], vec![2, 3, 4]]);
    }

    #[test]
    fn loops_sharing_a_node_are_one_component() {
        let g = graph(&[(0, 1), (1, 0), (1, 2), (2, 1)]);
        assert_eq!(cycles(3, &g), vec![vec![0, 1, 2]]);
    }

    #[test]
    fn a_graph_without_edges_has_no_cycle() {
        assert!(cycles(4, &BTreeMap::new()).is_empty());
    }
}
