//! The tenure cap: nobody holds one leadership post in one locality for two terms (8
//! consecutive years) or more (09-KL/TU §2.3; QĐ 98-QĐ/TW, then QĐ 65-QĐ/TW from 28/4/2022).
//! The policy names the roles it covers and the same reading applies at every level; the
//! shipped policy reads "lãnh đạo chủ chốt" (§2.2(3)) as every post the plan decides, heads and
//! deputies. Tenure is in calendar years ([`crate::model::facts::calendar_years`]): exactly 8.0
//! on the eighth anniversary of the start.
//!
//! ## Maths
//! For every incumbent `c` of a post `p` whose role the rule names, with tenure
//! `τ(c) ≥ max_years` (measured on the plan date or at the end of the term):
//! `Σ_{q ∈ B(p)} x[c,q] ≤ 0`, where `B(p)` is `p` and the posts of the same role in the same
//! unit ("in one locality or body": another deputy-director post of the same department would
//! continue the tenure) — hard, or, when the rule is a target at this milestone, with a priced
//! shortfall `s` (`Σ − s ≤ 0`). The row is kept (rather than dropping the columns) so that an
//! infeasibility caused by the cap names the rule and the cadre.

use crate::model::policy::{TenureAt, TenureCapRule};

use super::ir::Subject;
use super::Formulation;

/// Adds the tenure-cap rows of one rule.
pub fn add(f: &mut Formulation<'_>, rule: usize, t: &TenureCapRule) {
    let s = f.judge.facts.scenario;
    let at = match t.measured_at {
        TenureAt::PlanDate => s.plan_date,
        TenureAt::TermEnd => s.term_end(),
    };
    for c in s.cadre_ids() {
        let Some(p) = s.cadre(c).post else { continue };
        if !t.roles.contains(&s.post(p).role) || !f.judge.facts.is_planned_post(p) {
            continue;
        }
        if f.judge.facts.tenure(c, at) + 1e-9 < t.max_years {
            continue;
        }
        let here = s.post(p);
        let terms: Vec<_> = f.by_cadre[c.index()]
            .iter()
            .filter(|(q, _)| {
                let q = s.post(*q);
                q.role == here.role && q.unit == here.unit
            })
            .map(|(_, v)| (*v, 1.0))
            .collect();
        if !terms.is_empty() {
            f.add_bounded(rule, Subject::Cadre(c), "stays", terms, None, Some(0.0), None, vec![]);
        }
    }
}
