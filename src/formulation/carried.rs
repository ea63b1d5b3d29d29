//! Carried counts: what the earlier years of a roadmap already counted towards a share that
//! accumulates over the term.
//!
//! Most coverage rules measure a state on the plan date (districts *with* a young leader,
//! non-local secretaries): each year's plan is judged afresh. Three measures are events that
//! add up over the term instead: communes that received a young vice-chair *sent in*, districts
//! that *rotated a cadre out*, and the share of a population *rotated* among agencies
//! (09-KL/TU §2.3(2)-(4): "2-3% in 2021, 4-5% over the term"). A year of a roadmap must count
//! what earlier years did, once: a commune reached in 2021 is not reached again in 2023, a
//! cadre rotated in 2021 and again in 2024 is one cadre of the 4-5%.
//!
//! This is the formulation's only concession to the roadmap ([`crate::roadmap`]), kept here
//! so that `coverage` and `rotation_quota` each gain two lines: a child (or cadre) already
//! counted gets no indicator this year, and the band's whole counts over the full
//! denominator are shifted down by what was carried.
//!
//! ## Maths
//! With `m` items already counted and `n` the items of the share (counted ones included), the
//! row becomes `⌈lo·n⌉ − m ≤ Σ_{k not counted} z_k ≤ max(⌊hi·n⌋, ⌈lo·n⌉) − m`, both ends
//! clamped at 0.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::policy::{LocalityPredicate, RuleBody};
use crate::model::{CadreId, LocalityId};

/// What earlier years counted, in the ids of this year's scenario.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Carried {
    /// `(rule, child locality)` pairs already counted by a cumulative coverage rule.
    pub children: BTreeSet<(usize, LocalityId)>,
    /// `(rule, cadre)` pairs already counted by a rotation quota.
    pub cadres: BTreeSet<(usize, CadreId)>,
    /// Per rotation-quota rule: cadres counted earlier who are no longer in the scenario
    /// (retired); they stay counted, and stay in the population.
    pub gone: BTreeMap<usize, usize>,
}

impl Carried {
    /// Whether nothing is carried.
    pub fn is_empty(&self) -> bool {
        self.children.is_empty() && self.cadres.is_empty() && self.gone.is_empty()
    }
}

/// Whether a rule's measure accumulates over the term (an event, not a state).
pub fn is_cumulative(body: &RuleBody) -> bool {
    match body {
        RuleBody::Coverage(c) => matches!(
            c.predicate,
            LocalityPredicate::YoungHolder { sent_in: true, .. } | LocalityPredicate::RotatedOut { .. }
        ),
        RuleBody::RotationQuota(_) => true,
        _ => false,
    }
}

/// Shifts whole counts `(lo, hi)` down by `m` items already counted.
pub fn shift(lo: f64, hi: f64, m: usize) -> (f64, f64) {
    let m = m as f64;
    ((lo - m).max(0.0), (hi - m).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_clamps_at_zero() {
        assert_eq!(shift(2.0, 2.0, 1), (1.0, 1.0));
        assert_eq!(shift(2.0, 3.0, 3), (0.0, 0.0));
        assert_eq!(shift(1.0, 4.0, 0), (1.0, 4.0));
    }
}
