//! Rotation quota: a share of a population moved among agencies — 4-5% of the cadres managed
//! by the City Committee among city boards, departments, the Fatherland Front and mass
//! organisations (09-KL/TU §2.3(4); 2021: 2-3%).
//!
//! ## Maths
//! With `N` the size of the population (cadres whose management tier the rule names) and `Q`
//! the assignment columns `x[c,p]` where `c` is in the population, `c`'s current post matches
//! `from`, `p` matches `to` and lies in another unit:
//! `⌈lo·N⌉ ≤ Σ_Q x ≤ max(⌊hi·N⌋, ⌈lo·N⌉)`, hard or with priced slack.

use crate::model::policy::RotationQuotaRule;

use super::ir::Subject;
use super::{band_counts, Formulation};

/// Adds the row of one quota rule.
pub fn add(f: &mut Formulation<'_>, rule: usize, q: &RotationQuotaRule) {
    let Some((band, _, _)) = f.band(&q.bands, &q.floors, rule) else { return };
    let s = f.judge.facts.scenario;
    let population: Vec<_> =
        s.cadre_ids().filter(|c| q.population.management.contains(&s.cadre(*c).management)).collect();
    // cadres an earlier year of a roadmap rotated count once (see `carried`)
    let gone = f.carried.gone.get(&rule).copied().unwrap_or(0);
    let carried = gone + population.iter().filter(|c| f.carried.cadres.contains(&(rule, **c))).count();
    let n = population.len() + gone;
    if n == 0 {
        return;
    }
    let mut terms = Vec::new();
    for c in population.into_iter().filter(|c| !f.carried.cadres.contains(&(rule, *c))) {
        let Some(cur) = s.cadre(c).post else { continue };
        let from = s.post(cur);
        if !q.from.matches(from.level, from.role, s.unit(from.unit).kind) {
            continue;
        }
        for &(p, v) in &f.by_cadre[c.index()] {
            let to = s.post(p);
            if to.unit != from.unit && q.to.matches(to.level, to.role, s.unit(to.unit).kind) {
                terms.push((v, 1.0));
            }
        }
    }
    let (lo, hi) = band_counts(band, n);
    let (lo, hi) = super::carried::shift(lo, hi, carried);
    f.add_bounded(rule, Subject::Whole, "share", terms, Some(lo), Some(hi), Some(n), vec![]);
}
