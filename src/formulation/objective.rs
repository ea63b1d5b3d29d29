//! The objective, lexicographic, in the order the policy names (`objective.priorities`):
//! (1) targets attained, then — by default — (2) the least disruption, then (3) suitability,
//! which chooses *who* among plans of equal disruption. `--from` re-planning adds closeness to
//! an earlier plan right after the targets; an "ahead of the milestone" alternative adds the
//! next milestone's targets right after the current ones.
//!
//! Why disruption before suitability: with suitability second, any suitability point buys any
//! number of moves, and a committee is handed hundreds of moves that no rule asks for. With
//! the fewest moves second, every move the plan makes is needed by a target, a rule that forces
//! a departure, or a post that must be filled; suitability then picks the people. A province
//! that wants the most suitable people first says so in its policy, and the "most suitable"
//! alternative shows the price of that order.
//!
//! A roadmap's holds (`FormulationSettings::held`: cadres moved less than the minimum rotation
//! length ago) come before everything: a hold gives only when no plan meeting the hard rules
//! keeps it, and then as few give as possible.
//!
//! ## Maths
//! - held (roadmap only): `max Σ_{c held} x[c, post(c)]`;
//! - targets: `max −Σ_t w_t (s⁻_t + s⁺_t)` over every target's slack;
//! - ahead: the same over the next milestone's coverage targets (alternatives only);
//! - closeness: `max Σ_{(c,p) ∈ earlier plan} x[c,p]`;
//! - disruption: `max −Σ_{(c,p) not a stay} x[c,p] − Σ_{p extra seat} Σ_c x[c,p] − Σ r[c]
//!   + v·Σ_{p non-key} Σ_c x[c,p]` — each move and each release costs 1, an extra
//!   (supernumerary) vice-chair seat costs 1 more, and each vacant non-key post `v`
//!   (`vacancy_cost`);
//! - suitability: `max Σ suit(c,p)·x[c,p] + Σ pref(c,p)·x[c,p]`, with `suit` the points of
//!   [`super::Suitability`] and `pref` the points of `preference` rules;
//! - balance (the compromise only): `max b·suitability + a·disruption`.
//!
//! The solve layer optimises the components in order, fixing each at its optimum before the
//! next (all are integer-valued at integer points), so a lower component can never buy a worse
//! higher one. Each component is a stage of its own: merging the last two into one weighted
//! stage (`W·disruption + suitability`) looked cheaper, but its relaxation mixes the two and is
//! loose (on Hai Phong its LP bound was 52,711 weighted units, more than one move, above the
//! optimum, and HiGHS could not close that in 200 nodes), while apart the disruption LP bound
//! is already whole and the suitability LP is 1.5 points from its optimum — small enough for
//! the reduced-cost argument in [`crate::solve`] to fix nearly every column.
//!
//! A compromise alternative names a price of a move (`FormulationSettings::move_price`,
//! `a / b` suitability points per unit of disruption): right after the targets (and the
//! earlier components an alternative adds) it maximises `b·suitability + a·disruption`, then
//! the first of the usual components breaks its ties (the second needs no stage of its own:
//! with `b·S + a·D` and one of `S`, `D` fixed, so is the other). With the price set to the
//! average between the least-disruption plan and the most suitable one, both of those score
//! about the same on it (exactly the same before the price is rounded to whole points), and
//! the plan found lies between them where a move stops paying that price: every move beyond
//! plan 1's buys, on the margin, at least the price in suitability. (An ε-constraint
//! `disruption ≥ D` gave a point between them too, but its row couples every column, and on
//! Hai Phong HiGHS could not close a gap of 2 points out of 16,916 in two minutes; the
//! weighted component keeps the relaxation as tight as the suitability stage's.)

use std::collections::BTreeMap;

use crate::model::policy::{PreferenceRule, Priority, Reward};
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

/// The components of the objective before they are ordered: coefficients per column.
pub struct Components {
    /// Targets at the milestone in force.
    pub targets: Vec<(Var, f64)>,
    /// Targets of the next milestone (empty unless asked for).
    pub ahead: Vec<(Var, f64)>,
    /// Disruption (negative: moves, releases, extra seats; positive: filled non-key posts).
    pub disruption: Vec<(Var, f64)>,
    /// Suitability and preference points.
    pub suitability: Vec<(Var, f64)>,
}

/// The disruption coefficients of one assignment column: −1 for a move, −1 more for an extra
/// seat, `+vacancy_cost` for filling a priced (non-key, not extra) post.
pub fn disruption_coef(f: &Formulation<'_>, c: CadreId, p: PostId) -> f64 {
    let s = f.judge.facts.scenario;
    let post = s.post(p);
    let mut m = if f.judge.move_kind(c, p) == MoveKind::Stays { 0.0 } else { -1.0 };
    if post.supernumerary {
        m -= 1.0;
    }
    if !post.key && !post.supernumerary {
        m += f.judge.facts.policy.objective.vacancy_cost as f64;
    }
    m
}

/// Collects the components.
pub fn components(f: &Formulation<'_>) -> Components {
    let mut targets = Vec::new();
    let mut ahead = Vec::new();
    for t in &f.targets {
        for v in [t.below, t.above].into_iter().flatten() {
            if t.ahead {
                ahead.push((v, -(t.weight as f64)));
            } else {
                targets.push((v, -(t.weight as f64)));
            }
        }
    }
    let mut suitability: Vec<(Var, f64)> = Vec::new();
    let mut disruption: Vec<(Var, f64)> = Vec::new();
    for &p in &f.planned_posts {
        for &(c, v) in &f.by_post[p.index()] {
            let points = f.suitability[&v].total() + f.preference.get(&v).copied().unwrap_or(0);
            if points > 0 {
                suitability.push((v, points as f64));
            }
            let m = disruption_coef(f, c, p);
            if m != 0.0 {
                disruption.push((v, m));
            }
        }
    }
    for r in f.release.iter().flatten() {
        disruption.push((*r, -1.0));
    }
    Components { targets, ahead, disruption, suitability }
}

/// Sets the objective components, in the order of `priorities` (the holds, then targets first), with a
/// compromise's balance of suitability and disruption (at `move_price`) before those two.
pub fn add(
    f: &mut Formulation<'_>,
    held: &[CadreId],
    closeness: Option<&BTreeMap<PostId, Option<CadreId>>>,
    priorities: &[Priority],
    move_price: Option<super::MovePrice>,
) {
    let s = f.judge.facts.scenario;
    let Components { targets, ahead, disruption, suitability } = components(f);
    let stays: Vec<(Var, f64)> = f
        .planned_posts
        .iter()
        .flat_map(|p| f.by_post[p.index()].iter().filter(|(c, _)| s.cadre(*c).post == Some(*p)).map(|(_, v)| (*v, 1.0)))
        .collect();
    f.model.warm_start = Some(Objective { name: "status_quo", coefs: stays });
    let mut objectives = Vec::new();
    // a held cadre without a column for their own post (no longer eligible for it) cannot stay
    let holds: Vec<(Var, f64)> =
        held.iter().filter_map(|c| s.cadre(*c).post.and_then(|p| f.var(*c, p))).map(|v| (v, 1.0)).collect();
    if !holds.is_empty() {
        objectives.push(Objective { name: "held", coefs: holds });
    }
    objectives.push(Objective { name: "targets", coefs: targets });
    if !ahead.is_empty() {
        objectives.push(Objective { name: "ahead", coefs: ahead });
    }
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
    if let Some(price) = move_price {
        objectives.push(Objective { name: super::ir::BALANCE, coefs: balance(&suitability, &disruption, price) });
    }
    let suitability_first = priorities.iter().position(|p| *p == Priority::Suitability)
        < priorities.iter().position(|p| *p == Priority::Disruption);
    let disruption = Objective { name: "disruption", coefs: disruption };
    let suitability = Objective { name: "suitability", coefs: suitability };
    let (first, second) = if suitability_first { (suitability, disruption) } else { (disruption, suitability) };
    objectives.push(first);
    // with the balance `b·S + a·D` fixed, fixing one of S and D fixes the other: a stage for
    // the second would prove nothing and cost a neighbourhood MIP (7 s on Hai Phong)
    if move_price.is_none() {
        objectives.push(second);
    }
    f.model.objectives = objectives;
}

/// `per·suitability + points·disruption`, merged per column.
fn balance(suitability: &[(Var, f64)], disruption: &[(Var, f64)], price: super::MovePrice) -> Vec<(Var, f64)> {
    let mut merged: BTreeMap<Var, f64> = BTreeMap::new();
    for (v, k) in suitability {
        *merged.entry(*v).or_default() += price.per as f64 * k;
    }
    for (v, k) in disruption {
        *merged.entry(*v).or_default() += price.points as f64 * k;
    }
    merged.into_iter().filter(|(_, k)| *k != 0.0).collect()
}
