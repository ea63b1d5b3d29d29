//! Vice-chairs per People's Committee (NĐ 08/2016 as summarised in domain.md §2).
//!
//! ## Maths
//! For each unit `u` at the rule's level with posts `V(u)` of the capped role, with cap `k(u)`
//! by the class of its locality and `e` the extra allowed for cadres rotated in:
//! - `Σ_{p∈V(u)} Σ_{c local to u} x[c,p] ≤ k(u)` — cadres already in the locality fill at most
//!   the cap;
//! - `Σ_{p∈V(u)} Σ_c x[c,p] ≤ k(u) + e` — a rotated-in cadre may exceed it by `e`.
//!
//! "Already in the locality" means the cadre's current post or workplace lies in `u`'s
//! locality (stays included), unless they hold that post as a cadre rotated in from outside
//! it (the scenario's `rotated_from`): a cadre rotated in last year still counts under `e`.

use crate::model::policy::ViceChairCapRule;
use crate::model::UnitId;

use super::ir::{RowKind, RuleRef, Subject, Tag};
use super::Formulation;

/// The cap of a unit under the rule.
pub fn cap_of(f: &Formulation<'_>, rule: &ViceChairCapRule, u: UnitId) -> u32 {
    let s = f.judge.facts.scenario;
    let class = s.locality(s.unit(u).locality).class;
    class.and_then(|c| rule.caps.get(&c.to_string())).or_else(|| rule.caps.get("default")).copied().unwrap_or(u32::MAX)
}

/// Adds the cap rows of one rule.
pub fn add(f: &mut Formulation<'_>, rule: usize, v: &ViceChairCapRule) {
    let s = f.judge.facts.scenario;
    let mut by_unit: std::collections::BTreeMap<UnitId, Vec<crate::model::PostId>> = Default::default();
    for &p in &f.planned_posts {
        let post = s.post(p);
        if post.level == v.level && post.role == v.role {
            by_unit.entry(post.unit).or_default().push(p);
        }
    }
    for (u, posts) in by_unit {
        let cap = cap_of(f, v, u) as f64;
        let loc = s.unit(u).locality;
        let mut local = Vec::new();
        let mut all = Vec::new();
        for p in posts {
            for &(c, x) in &f.by_post[p.index()] {
                all.push((x, 1.0));
                if f.judge.cadre[c.index()].already_in(s, loc) {
                    local.push((x, 1.0));
                }
            }
        }
        let tag = Tag { rule: RuleRef::Policy(rule), subject: Subject::Unit(u), kind: RowKind::Hard };
        if local.len() as f64 > cap {
            f.model.add_row(tag, local, 0.0, cap);
        }
        if all.len() as f64 > cap + v.rotated_extra as f64 {
            f.model.add_row(tag, all, 0.0, cap + v.rotated_extra as f64);
        }
    }
}
