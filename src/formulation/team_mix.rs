//! Team mix: the three age tiers and a mix of fields of training in every key leadership team
//! (09-KL/TU §2.2(3)).
//!
//! ## Maths
//! For a key team `T` with (non-supernumerary) planned posts `P_T`, `m = |P_T|`:
//! - age tiers `t ∈ tiers(level(T))`: a continuous `y_t ∈ [0,1]` with
//!   `y_t ≤ Σ_{p∈P_T} Σ_{c: age(c)∈t} x[c,p]`, and `Σ_t y_t ≥ min(m, |tiers|)`;
//! - fields `f`: `y_f ∈ [0,1]`, `y_f ≤ Σ_{p∈P_T} Σ_{c: field(c)=f} x[c,p]`, and
//!   `Σ_f y_f ≥ min(m, min_distinct_fields)`.
//!
//! At an integer `x` the largest feasible `Σ y` is the number of tiers (fields) present, so the
//! slack is a whole number of missing tiers (fields).

use std::collections::BTreeMap;

use crate::model::policy::TeamMixRule;
use crate::model::*;

use super::ir::{RuleRef, Subject, Var, VarKind};
use super::Formulation;

/// The age tier (index) of an age under a list of tiers.
pub fn tier_of(tiers: &[crate::model::policy::AgeTier], age: i32) -> Option<usize> {
    tiers.iter().position(|t| age >= t.min_age as i32 && age < t.max_age as i32)
}

/// Adds the rows of one team-mix rule.
pub fn add(f: &mut Formulation<'_>, rule: usize, t: &TeamMixRule) {
    let s = f.judge.facts.scenario;
    for team in s.team_ids() {
        let tm = s.team(team);
        let level = s.locality(tm.locality).level();
        if !tm.key || (!t.team_kinds.is_empty() && !t.team_kinds.contains(&tm.kind)) {
            continue;
        }
        if !t.levels.is_empty() && !t.levels.contains(&level) {
            continue;
        }
        let posts: Vec<PostId> = tm
            .posts
            .iter()
            .copied()
            .filter(|p| f.judge.facts.is_planned_post(*p) && !s.post(*p).supernumerary)
            .collect();
        let m = posts.len();
        if m < 2 {
            continue;
        }
        let subject = Subject::Team(team);
        let rr = RuleRef::Policy(rule);
        if let Some(tiers) = t.age_tiers.get(level.code()) {
            let mut groups: BTreeMap<usize, Vec<(Var, f64)>> = BTreeMap::new();
            for p in &posts {
                for &(c, v) in &f.by_post[p.index()] {
                    if let Some(k) = tier_of(tiers, f.judge.cadre[c.index()].age) {
                        groups.entry(k).or_default().push((v, 1.0));
                    }
                }
            }
            let need = m.min(tiers.len()) as f64;
            let ys = indicators(f, rr, subject, groups);
            f.add_bounded(rule, subject, "age_tiers", ys, Some(need), None, Some(tiers.len()), vec![]);
        }
        if t.min_distinct_fields > 0 {
            let mut groups: BTreeMap<Field, Vec<(Var, f64)>> = BTreeMap::new();
            for p in &posts {
                for &(c, v) in &f.by_post[p.index()] {
                    groups.entry(s.cadre(c).field).or_default().push((v, 1.0));
                }
            }
            let need = m.min(t.min_distinct_fields as usize) as f64;
            let ys = indicators(f, rr, subject, groups);
            f.add_bounded(rule, subject, "fields", ys, Some(need), None, None, vec![]);
        }
    }
}

/// One continuous indicator per group, bounded by the group's assignments.
fn indicators<K>(
    f: &mut Formulation<'_>,
    rr: RuleRef,
    subject: Subject,
    groups: BTreeMap<K, Vec<(Var, f64)>>,
) -> Vec<(Var, f64)> {
    let mut ys = Vec::with_capacity(groups.len());
    for (_, mut terms) in groups {
        let y = f.model.add_col(VarKind::Indicator, 0.0, 1.0, false);
        terms.push((y, -1.0));
        f.define(rr, subject, terms, 0.0, f64::INFINITY);
        ys.push((y, 1.0));
    }
    ys
}
