//! The objective, lexicographic: (1) targets attained, (2) closeness to an earlier plan when
//! re-planning with `--from`, (3) suitability of the placements, (4) the fewest moves.
//!
//! ## Maths
//! - targets: `max −Σ_t w_t (s⁻_t + s⁺_t)` over every target's slack;
//! - closeness: `max Σ_{(c,p) ∈ earlier plan} x[c,p]`;
//! - suitability: `max Σ suit(c,p)·x[c,p] + Σ pref(c,p)·x[c,p]`, with `suit` the points of
//!   [`super::Suitability`] and `pref` the points of `preference` rules;
//! - moves: `max −Σ_{(c,p) not a stay} x[c,p] − Σ r[c] + v·Σ_{p non-key} Σ_c x[c,p]` — each
//!   move costs 1 and each vacant non-key post `v` (`vacancy_cost`).
//!
//! The solve layer optimises the components in order, fixing each at its optimum before the
//! next (all four are integer-valued at integer points), so a lower component can never buy
//! a worse higher one; no big-M weights are needed.

use std::collections::BTreeMap;

use crate::model::policy::{PreferenceRule, Reward};
use crate::model::{CadreId, PostId};

use super::eligibility::MoveKind;
use super::ir::{Objective, Var};
use super::Formulation;

/// Records the points of a preference rule on matching assignment columns.
pub fn add_preference(f: &mut Formulation<'_>, rule: &PreferenceRule) {
    let s = f.judge.facts.scenario;
    for &p in &f.planned_posts {
        let post = s.post(p);
        if !rule.posts.matches(post.level, post.role, s.unit(post.unit).kind) {
            continue;
        }
        for &(c, v) in &f.by_post[p.index()] {
            let ok = match rule.reward {
                Reward::NonLocalHolder => !f.judge.facts.is_local(c, post.locality),
            };
            if ok {
                *f.preference.entry(v).or_default() += rule.points;
            }
        }
    }
}

/// Sets the objective components.
pub fn add(f: &mut Formulation<'_>, closeness: Option<&BTreeMap<PostId, Option<CadreId>>>) {
    let s = f.judge.facts.scenario;
    let mut targets = Vec::new();
    for t in &f.targets {
        for v in [t.below, t.above].into_iter().flatten() {
            targets.push((v, -(t.weight as f64)));
        }
    }
    let mut suit: Vec<(Var, f64)> = Vec::new();
    let mut moves: Vec<(Var, f64)> = Vec::new();
    let vacancy_cost = f.judge.facts.policy.objective.vacancy_cost as f64;
    for &p in &f.planned_posts {
        let post = s.post(p);
        let priced_vacancy = !post.key && !post.supernumerary;
        for &(c, v) in &f.by_post[p.index()] {
            let points = f.suitability[&v].total() + f.preference.get(&v).copied().unwrap_or(0);
            if points > 0 {
                suit.push((v, points as f64));
            }
            let mut m = if f.judge.move_kind(c, p) == MoveKind::Stays { 0.0 } else { -1.0 };
            if priced_vacancy {
                m += vacancy_cost;
            }
            if m != 0.0 {
                moves.push((v, m));
            }
        }
    }
    for r in f.release.iter().flatten() {
        moves.push((*r, -1.0));
    }
    let mut objectives = vec![Objective { name: "targets", coefs: targets }];
    if let Some(prev) = closeness {
        let mut close = Vec::new();
        for (p, holder) in prev {
            if let Some(c) = holder {
                if let Some(v) = f.var(*c, *p) {
                    close.push((v, 1.0));
                }
            }
        }
        objectives.push(Objective { name: "closeness", coefs: close });
    }
    objectives.push(Objective { name: "suitability", coefs: suit });
    objectives.push(Objective { name: "moves", coefs: moves });
    f.model.objectives = objectives;
}
