//! The optimal face of a stage's relaxation: the integer columns that no plan meeting the
//! stage's bound can use.
//!
//! Why: a deferred stage (see `highs_backend::stages`) fixes its component at its LP bound and
//! lets the later stages go on under that row; a stage solved in full fixes it at the value of
//! its plan. The LP of the stage also says which columns every such plan leaves at 0, and
//! dropping them makes every later relaxation and restricted MIP smaller without removing a
//! single plan. Measured on Hai Phong: the targets relaxation rules out 11k of the 70k integer
//! columns and the disruption relaxation 33k, and the suitability stage that follows works on
//! what is left; after a compromise's balance stage, solved in full (LP 21,313.5, plan
//! 21,311), the disruption relaxation takes 4.1 s instead of 8.3 s.
//!
//! ## The argument
//! The stage maximises `c·x` over the rows `A x ⋚ b` and the bounds `l ≤ x ≤ u`; its LP
//! optimum is `v`, with row duals `y` and reduced costs `d = c − Aᵀy`. For every point `x` that
//! satisfies the rows and bounds (in particular every plan),
//!
//! ```text
//! c·x ≤ v − Σ_{j at l_j in the LP} |d_j|·(x_j − l_j) − Σ_{j at u_j} |d_j|·(u_j − x_j)
//! ```
//!
//! (weak duality, term by term: at an optimum a column at its lower bound has `d_j ≤ 0` when
//! maximising). A plan that meets the stage's bound `B` has `c·x ≥ B`, so every column with
//! `l_j = 0`, at 0 in the LP and `|d_j| > v − B` is 0 in it: a binary column taking 1 would
//! cost more than the whole room `v − B`.
//!
//! For a component whose optimum is whole (`roundable`: integral costs over integer columns or
//! target slacks) the fix row admits `B − ½`, but every plan's slacks can be set to their least
//! values (`tighten_slacks`, which touches no integer column) and then meet `B` itself, so the
//! room is `v − B`, and the integer columns found here are 0 in those plans. Only integer
//! columns are fixed; continuous ones (slacks, continuous indicators) keep their bounds.
//!
//! For a stage solved in full the bound is the plan's value `z`, the room `v − z`; the plan
//! itself meets the bound, so a face column it uses would be a numerical error, and then no
//! face is used (`highs_backend::stages`).
//!
//! The face holds only while its stage's row does: when a deferred stage is withdrawn (its
//! bound turned out unreachable), its fix, and with it these columns, go too.

use std::collections::BTreeMap;

use crate::formulation::ir::LpModel;

/// The integer columns at 0 in every point that meets `bound` on the component `costs`, from
/// that component's LP optimum `value` with the point `lp` and reduced costs `reduced`
/// (maximising). `bound` is at most `value`; the room `value − bound` and a tolerance relative
/// to `value` (HiGHS's optimality tolerances) are what a column's reduced cost must exceed.
pub(crate) fn optimal_face(
    model: &LpModel,
    costs: &BTreeMap<usize, f64>,
    value: f64,
    bound: f64,
    lp: &[f64],
    reduced: &[f64],
) -> Vec<usize> {
    if costs.is_empty() || lp.len() != model.cols.len() || reduced.len() != model.cols.len() {
        return Vec::new();
    }
    let room = (value - bound).max(0.0) + 1e-6 * value.abs().max(1.0);
    model
        .cols
        .iter()
        .enumerate()
        .filter(|(j, c)| c.integer && c.lo == 0.0 && c.hi > 0.0 && lp[*j] <= 1e-9 && reduced[*j] < -room)
        .map(|(j, _)| j)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formulation::ir::{Column, VarKind};

    fn binary() -> Column {
        Column { kind: VarKind::Indicator, lo: 0.0, hi: 1.0, integer: true }
    }

    #[test]
    fn a_column_whose_reduced_cost_exceeds_the_room_is_at_zero() {
        let model = LpModel { cols: vec![binary(), binary(), binary()], ..Default::default() };
        let costs = BTreeMap::from([(0, 1.0), (1, 1.0), (2, 1.0)]);
        // LP optimum 10 at x = (1, 0, 0); reduced costs 0, −0.5, −3
        let lp = [1.0, 0.0, 0.0];
        let reduced = [0.0, -0.5, -3.0];
        // bound 10: no room, both columns at 0 with a reduced cost are out
        assert_eq!(optimal_face(&model, &costs, 10.0, 10.0, &lp, &reduced), vec![1, 2]);
        // bound 9: room 1, only the column costing 3 is out
        assert_eq!(optimal_face(&model, &costs, 10.0, 9.0, &lp, &reduced), vec![2]);
        // a bound above the LP value gives no more room than 0
        assert_eq!(optimal_face(&model, &costs, 10.0, 11.0, &lp, &reduced), vec![1, 2]);
    }

    #[test]
    fn continuous_used_and_improving_columns_are_never_fixed() {
        let mut model = LpModel { cols: vec![binary(), binary(), binary(), binary()], ..Default::default() };
        model.cols[0].integer = false;
        let costs = BTreeMap::from([(0, 1.0)]);
        // column 0 continuous; column 1 used by the LP; column 2 with an improving (positive)
        // reduced cost, which an optimal LP does not have at a lower bound; column 3 is out
        let lp = [0.0, 0.5, 0.0, 0.0];
        let reduced = [-5.0, -5.0, 5.0, -5.0];
        assert_eq!(optimal_face(&model, &costs, 1.0, 1.0, &lp, &reduced), vec![3]);
    }

    #[test]
    fn the_tolerance_grows_with_the_value() {
        let model = LpModel { cols: vec![binary()], ..Default::default() };
        let costs = BTreeMap::from([(0, 1.0)]);
        // at a value of 100,000 the tolerance is 0.1: a reduced cost of −0.05 is within it
        assert!(optimal_face(&model, &costs, 1e5, 1e5, &[0.0], &[-0.05]).is_empty());
        assert_eq!(optimal_face(&model, &costs, 1e5, 1e5, &[0.0], &[-0.2]), vec![0]);
    }
}
