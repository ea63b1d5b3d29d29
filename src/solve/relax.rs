//! Feasibility relaxation: when the hard rules cannot all hold, find the least total violation
//! of hard rows and report which rows (rules, subjects) had to give and by how much.
//!
//! ## Maths
//! Every hard row `lo ≤ a·x ≤ hi` becomes `lo ≤ a·x + e⁻ − e⁺ ≤ hi` with `e⁻, e⁺ ≥ 0`; the
//! objective is `max −Σ ω(row)·(e⁻ + e⁺)`, where the weight `ω` prefers to name what a planner
//! can change: a pin (1) before a policy rule (2) before a structural rule (capacity, key post
//! filled, continuity: 5). Definition rows and target rows (which already carry
//! their slack) are kept as they are. The relaxed model is always feasible (all assignment
//! columns at 0 satisfy every definition), so the answer is never a bare "infeasible".

use crate::formulation::ir::{LpModel, Objective, RowId, RowKind, RuleRef, Tag, VarKind};

use super::{solve, SolveError, SolveStatus, SolverSettings};

/// One hard row that had to give.
#[derive(Clone, Debug)]
pub struct RelaxedRow {
    /// The row.
    pub row: RowId,
    /// Its tag.
    pub tag: Tag,
    /// By how much it was short of its lower bound (positive) or over its upper bound.
    pub shortfall: f64,
    /// Over the upper bound (else under the lower bound).
    pub over: bool,
}

/// The result of a relaxation.
#[derive(Clone, Debug)]
pub struct Relaxation {
    /// How the relaxed solve ended.
    pub status: SolveStatus,
    /// The rows relaxed, in row order.
    pub relaxed: Vec<RelaxedRow>,
    /// The relaxed model's solution (for reading what the plan would be).
    pub x: Vec<f64>,
}

/// Relaxes the hard rows of `model` and solves for the least violation, then for the model's
/// own objectives under it (what the plan would be with those rows given).
pub fn relax(model: &LpModel, settings: &SolverSettings) -> Result<Relaxation, SolveError> {
    relax_with(model, settings, true)
}

/// Relaxes the hard rows of `model` and solves for the least violation only: what an
/// infeasible plan reports (which rows must give, and by how much). The model's own objectives
/// are not solved under it: on a Hai Phong year they took minutes and changed no row named.
pub fn least_violation(model: &LpModel, settings: &SolverSettings) -> Result<Relaxation, SolveError> {
    relax_with(model, settings, false)
}

fn relax_with(model: &LpModel, settings: &SolverSettings, then_objectives: bool) -> Result<Relaxation, SolveError> {
    let mut m = model.clone();
    let mut elastic = Vec::new();
    let mut coefs = Vec::new();
    for i in 0..m.rows.len() {
        let row = &m.rows[i];
        if row.tag.kind != RowKind::Hard {
            continue;
        }
        let rid = RowId(i as u32);
        let (lo, hi) = (row.lo, row.hi);
        let w = match row.tag.rule {
            RuleRef::Pin => 1.0,
            RuleRef::Capacity | RuleRef::KeyPostFilled | RuleRef::Continuity => 5.0,
            _ => 2.0,
        };
        if lo.is_finite() {
            let e = m.add_col(VarKind::Elastic(rid), 0.0, f64::INFINITY, false);
            m.rows[i].terms.push((e, 1.0));
            coefs.push((e, -w));
            elastic.push((rid, e, false));
        }
        if hi.is_finite() {
            let e = m.add_col(VarKind::Elastic(rid), 0.0, f64::INFINITY, false);
            m.rows[i].terms.push((e, -1.0));
            coefs.push((e, -w));
            elastic.push((rid, e, true));
        }
    }
    // least violation first, then the model's own objectives
    let mut objectives = vec![Objective { name: "violation", coefs }];
    if then_objectives {
        objectives.extend(model.objectives.iter().cloned());
    }
    m.objectives = objectives;
    let r = solve(&m, settings)?;
    let mut relaxed = Vec::new();
    if r.has_plan() {
        for (rid, e, over) in elastic {
            let v = r.x[e.index()];
            if v > 1e-6 {
                relaxed.push(RelaxedRow { row: rid, tag: model.rows[rid.0 as usize].tag, shortfall: v, over });
            }
        }
    }
    let x = if r.has_plan() { r.x[..model.cols.len()].to_vec() } else { vec![] };
    Ok(Relaxation { status: r.status, relaxed, x })
}
