//! Capacity and continuity: the structural rows every plan obeys.
//!
//! ## Maths
//! - capacity: `Σ_c x[c,p] ≤ 1` for every planned post `p`; for a key post `Σ_c x[c,p] = 1`
//!   (tagged `KeyPostFilled`: a key post is filled).
//! - continuity: for an incumbent `c` of a planned post, `Σ_p x[c,p] + r[c] = 1` — they stay,
//!   move, or (only where the policy allows, `r[c]` exists) are released; for a pool cadre
//!   `Σ_p x[c,p] ≤ 1`.
//!
//! A vacated post is refilled or left vacant; the plan reports every vacancy, and the objective
//! prices vacancies of non-key posts (see [`super::objective`]).

use super::ir::{RowKind, RuleRef, Subject, Tag};
use super::Formulation;

/// Adds capacity and continuity rows.
pub fn add(f: &mut Formulation<'_>) {
    let s = f.judge.facts.scenario;
    for &p in &f.planned_posts.clone() {
        let terms: Vec<_> = f.by_post[p.index()].iter().map(|(_, v)| (*v, 1.0)).collect();
        let key = s.post(p).key;
        let (rule, lo) = if key { (RuleRef::KeyPostFilled, 1.0) } else { (RuleRef::Capacity, 0.0) };
        f.model.add_row(Tag { rule, subject: Subject::Post(p), kind: RowKind::Hard }, terms, lo, 1.0);
    }
    for c in s.cadre_ids() {
        let mut terms: Vec<_> = f.by_cadre[c.index()].iter().map(|(_, v)| (*v, 1.0)).collect();
        if f.judge.cadre[c.index()].incumbent {
            if let Some(r) = f.release[c.index()] {
                terms.push((r, 1.0));
            }
            f.model.add_row(
                Tag { rule: RuleRef::Continuity, subject: Subject::Cadre(c), kind: RowKind::Hard },
                terms,
                1.0,
                1.0,
            );
        } else if terms.len() > 1 {
            f.model.add_row(
                Tag { rule: RuleRef::Continuity, subject: Subject::Cadre(c), kind: RowKind::Hard },
                terms,
                0.0,
                1.0,
            );
        }
    }
}
