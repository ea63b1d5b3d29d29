//! Pins: a planner's decisions the plan must respect — force a (cadre, post) pair, forbid one,
//! keep a cadre in place, leave a post vacant — and the rows that keep an alternative distinct from
//! earlier plans.
//!
//! ## Maths
//! - force `(c,p)`: `x[c,p] = 1` (the column exists even for an ineligible pair, held at 0 by a
//!   row tagged with the excluding rule, so the conflict is explained);
//! - forbid `(c,p)`: `x[c,p] = 0`;
//! - keep `c`: `x[c, post(c)] = 1`;
//! - vacant `p`: `Σ_c x[c,p] = 0`;
//! - keep a new plan `D` committee-level decisions away from an earlier one with decisions `K`:
//!   `Σ_{(c,p)∈K} (1 − x[c,p]) + Σ_{(c,p)∉K} x[c,p] ≥ D` ([`add_distinct`]).

use crate::model::{CadreId, PostId};

use super::ir::{RowKind, RuleRef, Subject, Tag};
use super::Formulation;

/// A planner's pins, as typed ids.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pins {
    /// Pairs that must hold.
    pub force: Vec<(CadreId, PostId)>,
    /// Pairs that must not hold.
    pub forbid: Vec<(CadreId, PostId)>,
    /// Cadres who keep their post.
    pub keep: Vec<CadreId>,
    /// Posts left vacant.
    pub vacant: Vec<PostId>,
}

impl Pins {
    /// Whether there are no pins.
    pub fn is_empty(&self) -> bool {
        self.force.is_empty() && self.forbid.is_empty() && self.keep.is_empty() && self.vacant.is_empty()
    }
}

fn pin_tag(subject: Subject) -> Tag {
    Tag { rule: RuleRef::Pin, subject, kind: RowKind::Hard }
}

/// Adds pin rows.
pub fn add(f: &mut Formulation<'_>, pins: &Pins) {
    let s = f.judge.facts.scenario;
    for &(c, p) in &pins.force {
        match f.var(c, p) {
            Some(v) => {
                f.model.add_row(pin_tag(Subject::Pair(c, p)), vec![(v, 1.0)], 1.0, 1.0);
            }
            None => {
                // not a planned post: an infeasible pin, kept as an empty row that cannot hold
                f.model.add_row(pin_tag(Subject::Pair(c, p)), vec![], 1.0, 1.0);
            }
        }
    }
    for &(c, p) in &pins.forbid {
        if let Some(v) = f.var(c, p) {
            f.model.add_row(pin_tag(Subject::Pair(c, p)), vec![(v, 1.0)], 0.0, 0.0);
        }
    }
    for &c in &pins.keep {
        match s.cadre(c).post.and_then(|p| f.var(c, p)) {
            Some(v) => {
                f.model.add_row(pin_tag(Subject::Cadre(c)), vec![(v, 1.0)], 1.0, 1.0);
            }
            None => {
                f.model.add_row(pin_tag(Subject::Cadre(c)), vec![], 1.0, 1.0);
            }
        }
    }
    for &p in &pins.vacant {
        let terms: Vec<_> = f.by_post[p.index()].iter().map(|(_, v)| (*v, 1.0)).collect();
        if !terms.is_empty() {
            f.model.add_row(pin_tag(Subject::Post(p)), terms, 0.0, 0.0);
        }
    }
}

/// Adds rows that keep the new plan at least `d` committee-level decisions away from each
/// earlier plan: with `K` an earlier plan's decisions on the `posts` given (placements that
/// are not stays), `Σ_{(c,p)∈K} (1 − x[c,p]) + Σ_{(c,p)∉K, p ∈ posts, not a stay} x[c,p] ≥ d`
/// — the size of the symmetric difference of the two decision sets, which is exact at integer
/// points.
pub fn add_distinct(
    f: &mut Formulation<'_>,
    earlier: &[Vec<(CadreId, PostId)>],
    posts: &std::collections::BTreeSet<PostId>,
    d: usize,
) {
    if d == 0 {
        return;
    }
    let s = f.judge.facts.scenario;
    for k in earlier {
        let chosen: std::collections::BTreeSet<(CadreId, PostId)> = k.iter().copied().collect();
        let mut terms = Vec::new();
        let mut inside = 0usize;
        for &p in posts {
            for &(c, v) in &f.by_post[p.index()] {
                if s.cadre(c).post == Some(p) {
                    continue;
                }
                if chosen.contains(&(c, p)) {
                    terms.push((v, -1.0));
                    inside += 1;
                } else {
                    terms.push((v, 1.0));
                }
            }
        }
        f.model.add_row(
            Tag { rule: RuleRef::Tradeoff, subject: Subject::Whole, kind: RowKind::Hard },
            terms,
            d as f64 - inside as f64,
            f64::INFINITY,
        );
    }
}
