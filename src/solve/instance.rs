//! HiGHS instances of the model (whole or restricted to some columns, with the earlier stages'
//! fixes), built with our interrupt registered before the problem is passed.
//!
//! Why the order matters: HiGHS 1.16 keeps, in its callback input block, a vector of one double
//! per column (for a user's solution), sizes it when the callback is set, and copies the whole
//! block by value on every call of the interrupt — once per simplex iteration. Registered on a
//! loaded instance, that vector had Hai Phong's 79k columns, and the copies took 8% of a whole
//! solve (perf: `HighsCallbackInput::operator=` under `HEkk::bailout`, about 1 s of 9). Set on
//! the empty instance, the vector stays empty (HiGHS resizes it only for a user-solution
//! callback, which we do not use) and the interrupt is free. Passing the problem later does
//! not touch the callback.
//!
//! The problem is built here in HiGHS's column-wise form straight from the [`LpModel`], so
//! that no row-wise copy is converted on the way, and it is passed in one call.

use std::collections::BTreeMap;

use highs::{Model, RowProblem, Sense};
use highs_sys::HighsInt;

use super::guided::{relaxed_fix, zeroed, Fix};
use super::highs_backend::register_interrupt;
use super::{Clock, SolveError};
use crate::formulation::ir::LpModel;

/// A problem in HiGHS's column-wise form, to maximise.
pub(crate) struct Problem {
    cost: Vec<f64>,
    lo: Vec<f64>,
    hi: Vec<f64>,
    /// Per column, 1 for integer (none for a relaxation).
    integrality: Option<Vec<HighsInt>>,
    row_lo: Vec<f64>,
    row_hi: Vec<f64>,
    start: Vec<HighsInt>,
    index: Vec<HighsInt>,
    value: Vec<f64>,
}

/// The model restricted to the columns `free` marks (the others are left out, at 0), with the
/// stage fixes added (their rows, and their columns bounded at 0), the costs of `costs`, and
/// integrality kept or dropped. Returns the problem and, per model column, its column in the
/// problem.
pub(crate) fn build(
    model: &LpModel,
    costs: &BTreeMap<usize, f64>,
    fixes: &[Fix],
    free: &[bool],
    integer: bool,
) -> (Problem, Vec<Option<usize>>) {
    let zero = zeroed(model.cols.len(), fixes);
    let mut cols: Vec<Option<usize>> = Vec::with_capacity(model.cols.len());
    let mut n = 0;
    for &f in free {
        cols.push(f.then(|| {
            n += 1;
            n - 1
        }));
    }
    let mut cost = vec![0.0; n];
    let mut lo = vec![0.0; n];
    let mut hi = vec![0.0; n];
    let mut integrality = integer.then(|| vec![0 as HighsInt; n]);
    for (i, c) in model.cols.iter().enumerate() {
        let Some(j) = cols[i] else { continue };
        cost[j] = costs.get(&i).copied().unwrap_or(0.0);
        lo[j] = c.lo;
        hi[j] = if zero[i] { c.lo } else { c.hi };
        if let Some(int) = integrality.as_mut() {
            int[j] = HighsInt::from(c.integer);
        }
    }
    // the rows: the model's, then one per fix, each over the columns kept
    let fix_rows: Vec<(f64, Vec<(usize, f64)>)> = fixes
        .iter()
        .map(|f| (relaxed_fix(model, &f.coefs, f.lo, integer), f.coefs.iter().map(|(i, k)| (*i, *k)).collect()))
        .collect();
    let n_rows = model.rows.len() + fix_rows.len();
    let mut row_lo = Vec::with_capacity(n_rows);
    let mut row_hi = Vec::with_capacity(n_rows);
    let mut count = vec![0usize; n + 1];
    let rows = || {
        model
            .rows
            .iter()
            .map(|r| r.terms.iter().map(|(v, k)| (v.index(), *k)).collect::<Vec<_>>())
            .chain(fix_rows.iter().map(|(_, t)| t.clone()))
    };
    for terms in rows() {
        for (i, _) in terms {
            if let Some(j) = cols[i] {
                count[j + 1] += 1;
            }
        }
    }
    for j in 0..n {
        count[j + 1] += count[j];
    }
    let nnz = count[n];
    let mut next = count.clone();
    let mut index = vec![0 as HighsInt; nnz];
    let mut value = vec![0.0; nnz];
    for (r, terms) in rows().enumerate() {
        for (i, k) in terms {
            if let Some(j) = cols[i] {
                index[next[j]] = r as HighsInt;
                value[next[j]] = k;
                next[j] += 1;
            }
        }
    }
    for r in &model.rows {
        row_lo.push(r.lo);
        row_hi.push(r.hi);
    }
    for (l, _) in &fix_rows {
        row_lo.push(*l);
        row_hi.push(f64::INFINITY);
    }
    let start = count[..n.max(1)].iter().map(|s| *s as HighsInt).collect();
    (Problem { cost, lo, hi, integrality, row_lo, row_hi, start, index, value }, cols)
}

impl Problem {
    /// A HiGHS instance holding the problem, with the interrupt on `clock` registered first
    /// (see the module doc); `clock` must outlive every solve of the instance. Options other
    /// than the interrupt are the caller's (`highs_backend::set_options`).
    pub(crate) fn load(&self, clock: Option<&Clock>) -> Result<Model, SolveError> {
        let highs_err = |e: highs::HighsStatus| SolveError::Highs(format!("{e:?}"));
        let mut m = RowProblem::default().try_optimise(Sense::Maximise).map_err(highs_err)?;
        m.make_quiet();
        if let Some(clock) = clock {
            register_interrupt(&mut m, clock)?;
        }
        let n = self.cost.len() as HighsInt;
        // without integrality (a null pointer) HiGHS takes the problem as an LP
        let integrality = self.integrality.as_ref().map_or(std::ptr::null(), |v| v.as_ptr());
        // SAFETY: `m` owns a valid, empty Highs instance; every array has the length HiGHS
        // reads (columns: cost, bounds, integrality, `start` of `n` entries; rows: bounds;
        // entries: `index`, `value`), and all outlive the call, which copies them.
        let status = unsafe {
            highs_sys::Highs_passMip(
                m.as_mut_ptr(),
                n,
                self.row_lo.len() as HighsInt,
                self.value.len() as HighsInt,
                highs_sys::MATRIX_FORMAT_COLUMN_WISE,
                highs_sys::OBJECTIVE_SENSE_MAXIMIZE,
                0.0,
                self.cost.as_ptr(),
                self.lo.as_ptr(),
                self.hi.as_ptr(),
                self.row_lo.as_ptr(),
                self.row_hi.as_ptr(),
                self.start.as_ptr(),
                self.index.as_ptr(),
                self.value.as_ptr(),
                integrality,
            )
        };
        if status == highs_sys::STATUS_ERROR {
            return Err(SolveError::Highs("HiGHS refused the model".into()));
        }
        Ok(m)
    }
}

/// Edits of a loaded instance, for the relaxation kept across stages (`lp_chain`).
pub(crate) mod edit {
    use super::*;

    /// Sets the cost of every column (`costs` per column of the instance).
    pub(crate) fn costs(m: &mut Model, costs: &[f64]) -> Result<(), SolveError> {
        if costs.is_empty() {
            return Ok(());
        }
        // SAFETY: a valid instance with `costs.len()` columns; the slice outlives the call.
        let status = unsafe {
            highs_sys::Highs_changeColsCostByRange(m.as_mut_ptr(), 0, costs.len() as HighsInt - 1, costs.as_ptr())
        };
        ok(status, "column costs")
    }

    /// Adds the row `lo ≤ Σ k·x_j` over the instance's columns `terms`.
    pub(crate) fn add_row(m: &mut Model, lo: f64, terms: &[(usize, f64)]) -> Result<(), SolveError> {
        let index: Vec<HighsInt> = terms.iter().map(|(j, _)| *j as HighsInt).collect();
        let value: Vec<f64> = terms.iter().map(|(_, k)| *k).collect();
        // SAFETY: a valid instance; the column indices are its own; both arrays have
        // `terms.len()` entries and outlive the call.
        let status = unsafe {
            highs_sys::Highs_addRow(
                m.as_mut_ptr(),
                lo,
                f64::INFINITY,
                terms.len() as HighsInt,
                index.as_ptr(),
                value.as_ptr(),
            )
        };
        ok(status, "a stage row")
    }

    /// Bounds the instance's column `j` to `lo..=hi`.
    pub(crate) fn bounds(m: &mut Model, j: usize, lo: f64, hi: f64) -> Result<(), SolveError> {
        // SAFETY: a valid instance and one of its columns.
        let status = unsafe { highs_sys::Highs_changeColBounds(m.as_mut_ptr(), j as HighsInt, lo, hi) };
        ok(status, "column bounds")
    }

    fn ok(status: HighsInt, what: &str) -> Result<(), SolveError> {
        if status == highs_sys::STATUS_ERROR {
            Err(SolveError::Highs(format!("HiGHS refused to change {what}")))
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formulation::ir::{Column, RowKind, RuleRef, Subject, Tag, Var, VarKind};

    /// A two-column model: max x0 + 2·x1 with x0 + x1 ≤ 1, both binary.
    fn tiny() -> LpModel {
        let col = || Column { kind: VarKind::Indicator, lo: 0.0, hi: 1.0, integer: true };
        let mut m = LpModel { cols: vec![col(), col()], ..Default::default() };
        let tag = Tag { rule: RuleRef::Capacity, subject: Subject::Whole, kind: RowKind::Hard };
        m.add_row(tag, vec![(Var(0), 1.0), (Var(1), 1.0)], f64::NEG_INFINITY, 1.0);
        m
    }

    fn solve(p: &Problem) -> (f64, Vec<f64>) {
        let m = p.load(None).expect("loads");
        let solved = m.try_solve().expect("solves");
        (solved.objective_value(), solved.get_solution().columns().to_vec())
    }

    #[test]
    fn the_column_wise_problem_is_the_model() {
        let m = tiny();
        let costs = BTreeMap::from([(0, 1.0), (1, 2.0)]);
        let (p, cols) = build(&m, &costs, &[], &[true, true], true);
        assert_eq!(cols, vec![Some(0), Some(1)]);
        let (v, x) = solve(&p);
        assert_eq!(v, 2.0);
        assert_eq!(x, vec![0.0, 1.0]);
    }

    #[test]
    fn restricted_columns_and_a_fixs_columns_are_left_out() {
        let m = tiny();
        let costs = BTreeMap::from([(0, 1.0), (1, 2.0)]);
        let (p, cols) = build(&m, &costs, &[], &[true, false], true);
        assert_eq!(cols, vec![Some(0), None]);
        assert_eq!(solve(&p).0, 1.0);
        // a fix whose face sets column 1 to 0, and whose row asks x0 ≥ 1
        let fix = Fix { coefs: BTreeMap::from([(0, 1.0)]), lo: 1.0, zero: vec![1] };
        let (p, _) = build(&m, &costs, &[fix], &[true, true], true);
        let (v, x) = solve(&p);
        assert_eq!((v, x), (1.0, vec![1.0, 0.0]));
    }
}
