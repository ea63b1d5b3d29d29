//! Rotation chains: "A takes B's post, B takes C's post, …", and cycles (swaps), read off a
//! plan's moves.
//!
//! A committee judges moves together, not one by one: moving a district vice-chair is only half
//! a decision until one sees who takes the post they leave. The moves of a plan form a directed
//! graph (petgraph) whose nodes are posts and whose edges are cadres: the edge of cadre B runs
//! from the post B held before the plan to the post B holds after it. A cadre with no post of
//! the scenario enters from an "outside" node of their own (the candidate pool); a released
//! cadre leaves to a "released" node of their own. In a valid plan every post has at most one
//! edge in (its new holder) and one edge out (its old holder), so the graph falls apart into
//! simple paths (vacancy chains) and simple cycles (swaps and rings). Plans drafted by hand may
//! break that; the decomposition below still terminates and uses every edge exactly once.
//!
//! Only plan data (codes) is read here, so the chains of a plan do not depend on the scenario;
//! the renderers put names and titles on them.

use std::collections::{BTreeMap, BTreeSet};

use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, EdgeIndex, NodeIndex};
use petgraph::visit::EdgeRef;
use petgraph::Direction;

use crate::plan::Plan;

/// A place a cadre moves from or to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// A post, by code.
    Post(String),
    /// Outside the scenario's posts (the candidate pool): the cadre's code.
    Outside(String),
    /// Released from the planned posts: the cadre's code.
    Released(String),
}

/// One move in a chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The cadre (code).
    pub cadre: String,
    /// The cadre's name, as the plan records it.
    pub name: String,
    /// The move kind (`rotates`, `reinforcement`, …).
    pub kind: String,
    /// Where the cadre comes from.
    pub from: Place,
    /// Where the cadre goes.
    pub to: Place,
}

/// A rotation chain or cycle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    /// The moves, in order: each step's `to` is the next step's `from`.
    pub steps: Vec<Step>,
    /// The last step's `to` is the first step's `from` (a swap when there are two steps).
    pub cycle: bool,
}

impl Chain {
    /// The places of the chain in order (for a cycle the first place is not repeated).
    pub fn places(&self) -> Vec<&Place> {
        let mut out: Vec<&Place> = self.steps.iter().map(|s| &s.from).collect();
        if !self.cycle {
            if let Some(last) = self.steps.last() {
                out.push(&last.to);
            }
        }
        out
    }
}

/// The chains and cycles of a plan's moves (stays left out). Order: cycles and longer chains
/// first, then by the first place — deterministic for the same plan.
pub fn chains(plan: &Plan) -> Vec<Chain> {
    let mut g: DiGraph<Place, Step> = DiGraph::new();
    let mut nodes: BTreeMap<Place, NodeIndex> = BTreeMap::new();
    let mut node = |g: &mut DiGraph<Place, Step>, p: Place| *nodes.entry(p.clone()).or_insert_with(|| g.add_node(p));
    for m in plan.moves.iter().filter(|m| m.kind != "stays") {
        let from = match &m.from {
            Some(p) => Place::Post(p.clone()),
            None => Place::Outside(m.cadre.clone()),
        };
        let to = match &m.to {
            Some(p) => Place::Post(p.clone()),
            None => Place::Released(m.cadre.clone()),
        };
        if from == to {
            continue;
        }
        let (a, b) = (node(&mut g, from.clone()), node(&mut g, to.clone()));
        g.add_edge(a, b, Step { cadre: m.cadre.clone(), name: m.name.clone(), kind: m.kind.clone(), from, to });
    }

    // Out-edges of each node, in a fixed order (by destination place, then cadre).
    let out_edges = |g: &DiGraph<Place, Step>, n: NodeIndex| -> Vec<EdgeIndex> {
        let mut v: Vec<EdgeIndex> = g.edges_directed(n, Direction::Outgoing).map(|e| e.id()).collect();
        v.sort_by(|x, y| {
            let (ex, ey) = (&g[*x], &g[*y]);
            (&ex.to, &ex.cadre).cmp(&(&ey.to, &ey.cadre))
        });
        v
    };
    let mut used: BTreeSet<EdgeIndex> = BTreeSet::new();
    let walk = |g: &DiGraph<Place, Step>, start: NodeIndex, used: &mut BTreeSet<EdgeIndex>| -> Vec<Step> {
        let mut steps = Vec::new();
        let mut at = start;
        while let Some(e) = out_edges(g, at).into_iter().find(|e| !used.contains(e)) {
            used.insert(e);
            steps.push(g[e].clone());
            at = g.edge_endpoints(e).map(|(_, b)| b).unwrap_or(at);
            if at == start {
                break;
            }
        }
        steps
    };

    let mut out = Vec::new();
    // 1. Vacancy chains start where nothing comes in.
    let starts: Vec<NodeIndex> =
        nodes.values().copied().filter(|n| g.edges_directed(*n, Direction::Incoming).next().is_none()).collect();
    for s in starts {
        while out_edges(&g, s).iter().any(|e| !used.contains(e)) {
            let steps = walk(&g, s, &mut used);
            out.push(Chain { steps, cycle: false });
        }
    }
    // 2. What is left lies on cycles: walk each strongly connected component from its
    //    smallest place.
    let mut components = tarjan_scc(&g);
    for c in &mut components {
        c.sort_by(|a, b| g[*a].cmp(&g[*b]));
    }
    components.sort_by(|a, b| g[a[0]].cmp(&g[b[0]]));
    for comp in components {
        for &n in &comp {
            while out_edges(&g, n).iter().any(|e| !used.contains(e)) {
                let steps = walk(&g, n, &mut used);
                let cycle = steps.first().map(|s| &s.from) == steps.last().map(|s| &s.to);
                out.push(Chain { steps, cycle });
            }
        }
    }
    out.sort_by(|a, b| {
        b.cycle
            .cmp(&a.cycle)
            .then(b.steps.len().cmp(&a.steps.len()))
            .then_with(|| a.steps[0].from.cmp(&b.steps[0].from))
            .then_with(|| a.steps[0].cadre.cmp(&b.steps[0].cadre))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::MoveRow;

    fn mv(cadre: &str, from: Option<&str>, to: Option<&str>, kind: &str) -> MoveRow {
        MoveRow {
            cadre: cadre.into(),
            name: format!("Name {cadre}"),
            from: from.map(Into::into),
            to: to.map(Into::into),
            kind: kind.into(),
            purpose: None,
            serves: vec![],
            because_of: None,
        }
    }

    fn plan(moves: Vec<MoveRow>) -> Plan {
        Plan { moves, ..Plan::default() }
    }

    fn cadres(c: &Chain) -> Vec<&str> {
        c.steps.iter().map(|s| s.cadre.as_str()).collect()
    }

    #[test]
    fn a_vacancy_chain_reads_in_order() {
        // A (pool) takes B's post; B takes C's post; C takes a vacant post.
        let p = plan(vec![
            mv("C", Some("PC"), Some("PV"), "rotates"),
            mv("A", None, Some("PB"), "reinforcement"),
            mv("B", Some("PB"), Some("PC"), "rotates"),
            mv("S", Some("PS"), Some("PS"), "stays"),
        ]);
        let cs = chains(&p);
        assert_eq!(cs.len(), 1);
        assert!(!cs[0].cycle);
        assert_eq!(cadres(&cs[0]), ["A", "B", "C"]);
        assert_eq!(cs[0].places().len(), 4);
        assert_eq!(cs[0].places()[0], &Place::Outside("A".into()));
        assert_eq!(cs[0].places()[3], &Place::Post("PV".into()));
    }

    #[test]
    fn a_swap_is_a_cycle_of_two() {
        let p = plan(vec![mv("X", Some("P1"), Some("P2"), "rotates"), mv("Y", Some("P2"), Some("P1"), "rotates")]);
        let cs = chains(&p);
        assert_eq!(cs.len(), 1);
        assert!(cs[0].cycle);
        assert_eq!(cadres(&cs[0]), ["X", "Y"]);
        assert_eq!(cs[0].places().len(), 2);
    }

    #[test]
    fn releases_end_chains_and_cycles_come_first() {
        let p = plan(vec![
            mv("R", Some("P9"), None, "release"),
            mv("N", Some("P8"), Some("P9"), "rotates"),
            mv("X", Some("P1"), Some("P2"), "rotates"),
            mv("Y", Some("P2"), Some("P1"), "rotates"),
        ]);
        let cs = chains(&p);
        assert_eq!(cs.len(), 2);
        assert!(cs[0].cycle);
        assert_eq!(cadres(&cs[1]), ["N", "R"]);
        assert_eq!(cs[1].steps[1].to, Place::Released("R".into()));
    }

    #[test]
    fn a_malformed_plan_still_uses_every_move_once() {
        // two cadres leave the same post (a hand-drafted mistake)
        let p = plan(vec![
            mv("A", Some("P1"), Some("P2"), "rotates"),
            mv("B", Some("P1"), Some("P3"), "rotates"),
            mv("C", Some("P2"), Some("P1"), "rotates"),
        ]);
        let cs = chains(&p);
        let total: usize = cs.iter().map(|c| c.steps.len()).sum();
        assert_eq!(total, 3);
        assert_eq!(chains(&p), cs, "deterministic");
    }
}
