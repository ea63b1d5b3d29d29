//! An independent translation of an [`LpModel`] through good_lp (HiGHS backend), used by tests
//! to confirm that the `highs`-crate translation and the lexicographic stages reach the same
//! optimum on small models.

use good_lp::{constraint, variable, Expression, ProblemVariables, SolverModel};

use crate::formulation::ir::LpModel;

/// The optimum of component `k` when components `0..k` are fixed at `fixed[..k]`; `None` when
/// infeasible or on a solver error.
pub fn stage_optimum(model: &LpModel, k: usize, fixed: &[f64]) -> Option<f64> {
    let mut vars = ProblemVariables::new();
    let xs: Vec<good_lp::Variable> = model
        .cols
        .iter()
        .map(|c| {
            let mut d = variable().min(c.lo);
            if c.hi.is_finite() {
                d = d.max(c.hi);
            }
            if c.integer {
                d = d.integer();
            }
            vars.add(d)
        })
        .collect();
    let expr = |coefs: &[(crate::formulation::ir::Var, f64)]| -> Expression {
        coefs.iter().map(|(v, k)| *k * xs[v.index()]).sum()
    };
    let objective = expr(&model.objectives.get(k)?.coefs);
    let mut pb = vars.maximise(objective.clone()).using(good_lp::solvers::highs::highs);
    for r in &model.rows {
        let e = expr(&r.terms);
        if r.lo.is_finite() {
            pb = pb.with(constraint!(e.clone() >= r.lo));
        }
        if r.hi.is_finite() {
            pb = pb.with(constraint!(e <= r.hi));
        }
    }
    for (j, value) in fixed.iter().enumerate().take(k) {
        let e = expr(&model.objectives[j].coefs);
        pb = pb.with(constraint!(e >= *value - 1e-6 * value.abs().max(1.0)));
    }
    let sol = pb.solve().ok()?;
    Some(objective.eval_with(&sol))
}
