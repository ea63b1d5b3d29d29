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
//! With the `stability` emphasis, moves come before suitability.
//!
//! The solve layer optimises the components in order, fixing each at its optimum before the
//! next (all are integer-valued at integer points), so a lower component can never buy a worse
//! higher one. The last two (suitability, moves) are merged into one stage by
//! [`lexicographic_pair`], with a weight that provably keeps their order: measured on Hai
//! Phong, a separate "fewest moves" stage took minutes of degenerate search while the merged
//! stage costs no more than suitability alone.

use std::collections::BTreeMap;

use crate::model::policy::{PreferenceRule, Reward};
use crate::model::{CadreId, PostId};

use super::eligibility::MoveKind;
use super::ir::{Objective, Var};
use super::Formulation;

/// Records the points of a preference rule on matching assignment columns.
pub fn add_preference(f: &mut Formulation<'_>, rule: &PreferenceRule) {
    let s = f.judge.facts.scenario;
    let factor = f.emphasis.factor(&crate::model::policy::RuleBody::Preference(rule.clone()));
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
                *f.preference.entry(v).or_default() += rule.points * factor;
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
    let stays: Vec<(Var, f64)> = f
        .planned_posts
        .iter()
        .flat_map(|p| f.by_post[p.index()].iter().filter(|(c, _)| s.cadre(*c).post == Some(*p)).map(|(_, v)| (*v, 1.0)))
        .collect();
    f.model.warm_start = Some(Objective { name: "status_quo", coefs: stays });
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
    let combined = if f.emphasis == super::Emphasis::Stability {
        Objective { name: "moves, then suitability", coefs: lexicographic_pair(f, &moves, &suit) }
    } else {
        Objective { name: "suitability, then moves", coefs: lexicographic_pair(f, &suit, &moves) }
    };
    objectives.push(combined);
    f.model.objectives = objectives;
}

/// Largest absolute value a component can take: every planned post holds at most one cadre, so
/// `|Σ k·x| ≤ Σ_p max_{c} |k(c,p)| + Σ_{other columns} |k|·ub`.
pub fn swing(f: &Formulation<'_>, coefs: &[(Var, f64)]) -> f64 {
    let mut per_post: BTreeMap<usize, f64> = BTreeMap::new();
    let mut other = 0.0;
    for (v, k) in coefs {
        match f.model.cols[v.index()].kind {
            super::ir::VarKind::Assign(_, p) => {
                let e = per_post.entry(p.index()).or_insert(0.0);
                *e = e.max(k.abs());
            }
            _ => other += k.abs() * f.model.cols[v.index()].hi.min(1.0e6),
        }
    }
    per_post.values().sum::<f64>() + other
}

/// Merges two components into one whose optimum is lexicographic: `W·first + second` with
/// `W = 2·swing(second) + 1`, so one unit of `first` outweighs any possible change in
/// `second` (both are integer-valued at integer points). Used for the last two priorities,
/// whose coefficients stay small (W is a few thousand), so HiGHS sees a well-scaled objective.
pub fn lexicographic_pair(f: &Formulation<'_>, first: &[(Var, f64)], second: &[(Var, f64)]) -> Vec<(Var, f64)> {
    let w = 2.0 * swing(f, second) + 1.0;
    let mut m: BTreeMap<Var, f64> = BTreeMap::new();
    for (v, k) in first {
        *m.entry(*v).or_insert(0.0) += w * k;
    }
    for (v, k) in second {
        *m.entry(*v).or_insert(0.0) += k;
    }
    m.into_iter().filter(|(_, k)| *k != 0.0).collect()
}
