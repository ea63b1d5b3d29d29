//! One LP relaxation kept across the lexicographic stages of a solve.
//!
//! Why: every stage starts from the LP relaxation of the same model — the same columns and rows,
//! with the earlier stages' fixes added and the costs of the stage's own component. Kept in one
//! HiGHS instance, a stage only changes the costs and adds the previous stage's fix row (and
//! bounds at 0 the columns that fix rules out, `face`); the last optimal basis stays primal
//! feasible, and HiGHS resumes from it, without presolve, instead of starting over.
//!
//! That pays only for the last stage, the one that picks people among plans of equal value on
//! every earlier component: Hai Phong's suitability LP, 1.1 s warm from the disruption
//! optimum against 3.0 s cold. Earlier stages are solved from a fresh, presolved instance.
//! From the targets optimum (whose costs price only slack columns, so its basis is an
//! arbitrary vertex for the assignments) the dual simplex walked further than a fresh solve:
//! on the generated Hà Nội the disruption LP took over 85 s warm against 49 s cold.
//!
//! A stage whose fix is withdrawn (a deferred stage's LP bound turned out unreachable) has
//! fewer fixes than the instance holds; the chain then rebuilds the instance.
//!
//! The chain also remembers its optima: after a withdrawal the stages go back and ask for
//! relaxations they already solved under the same fixes, and those are answered from memory
//! (a compromise on Hai Phong, when its balance was still deferred, asked for its balance and
//! disruption LPs twice: 3.8 s).
//!
//! The caller says when to start warm: the last stage, unless the stage before it weighed two
//! components (`Objective::weighs_components`): from a compromise's balance optimum the
//! disruption LP took 7.0 s against 1.3 s cold under the same fixes (on an earlier day, with
//! the balance fixed at its optimum, 21k iterations, 29 s, against 8.5 s).

use std::collections::BTreeMap;

use highs::{HighsModelStatus, Model};

use super::guided::{relaxed_fix, Fix};
use super::highs_backend::set_options;
use super::instance::{build, edit};
use super::{Clock, SolveError, SolverSettings};
use crate::formulation::ir::{LpModel, VarKind};

/// The optimum of one stage's relaxation.
#[derive(Clone)]
pub(crate) struct LpOptimum {
    /// Its objective value (an upper bound on the stage's optimum).
    pub value: f64,
    /// The point, per model column.
    pub x: Vec<f64>,
    /// Reduced costs, per model column.
    pub reduced: Vec<f64>,
}

/// How a stage's relaxation ended.
#[derive(Clone)]
pub(crate) enum LpOutcome {
    /// The relaxation (hence the stage) is infeasible.
    Infeasible,
    /// Solved to optimality.
    Optimal(LpOptimum),
    /// Stopped (time limit, interrupt) or failed: no bound.
    Unknown,
}

/// The relaxation of one model, kept warm across stages.
pub(crate) struct LpChain {
    highs: Option<Model>,
    /// The clock the instance's interrupt reads (registered once, when the instance is built;
    /// each solve puts its own clock here). Boxed so that its address outlives moves of the
    /// chain; declared after `highs`, so it is dropped after it.
    clock: Box<Clock>,
    /// Digests of the stage fixes the instance holds ([`fix_digest`]; a warm solve needs them
    /// to begin the caller's list).
    in_instance: Vec<u64>,
    /// Whether the last solve's costs priced an assignment column (else its basis is no
    /// guide for the next stage).
    priced_assignments: bool,
    /// Relaxations solved to an end (optimal or infeasible), by a digest of their costs and
    /// fixes ([`digest`]).
    memo: Vec<(u64, LpOutcome)>,
}

impl LpChain {
    /// A chain for `model`; nothing is built before the first solve.
    pub(crate) fn new() -> LpChain {
        LpChain {
            highs: None,
            clock: Box::new(Clock::new(0.0)),
            in_instance: Vec::new(),
            priced_assignments: false,
            memo: Vec::new(),
        }
    }

    /// Solves the relaxation of `model` with the costs `costs` under `fixes` (the earlier
    /// stages' rows, in stage order: the chain adds those it does not hold yet). With `warm`,
    /// from the instance's last basis where it can (see the module doc); else from scratch.
    pub(crate) fn solve(
        &mut self,
        model: &LpModel,
        costs: &BTreeMap<usize, f64>,
        fixes: &[Fix],
        warm: bool,
        st: &SolverSettings,
        clock: &Clock,
    ) -> Result<LpOutcome, SolveError> {
        let highs_err = |e: highs::HighsStatus| SolveError::Highs(format!("{e:?}"));
        let fix_digests: Vec<u64> = fixes.iter().map(fix_digest).collect();
        let key = digest(costs, &fix_digests);
        if let Some((_, outcome)) = self.memo.iter().find(|(k, _)| *k == key) {
            return Ok(outcome.clone());
        }
        *self.clock = clock.clone();
        let warm =
            warm && self.highs.is_some() && fix_digests.starts_with(&self.in_instance) && self.priced_assignments;
        if !warm {
            // every column is in the instance, at its own index
            let all = vec![true; model.cols.len()];
            self.highs = None;
            let (pb, _) = build(model, costs, fixes, &all, false);
            self.highs = Some(pb.load(Some(&*self.clock))?);
            self.in_instance = fix_digests.clone();
        } else if let Some(m) = self.highs.as_mut() {
            for f in &fixes[self.in_instance.len()..] {
                let terms: Vec<(usize, f64)> = f.coefs.iter().map(|(i, k)| (*i, *k)).collect();
                edit::add_row(m, relaxed_fix(model, &f.coefs, f.lo, false), &terms)?;
                // the fix's columns leave the relaxation (each is at 0 in the basis it solved
                // from, so that basis stays feasible)
                for j in &f.zero {
                    let lo = model.cols[*j].lo;
                    edit::bounds(m, *j, lo, lo)?;
                }
            }
            self.in_instance = fix_digests;
            let per_col: Vec<f64> = (0..model.cols.len()).map(|i| costs.get(&i).copied().unwrap_or(0.0)).collect();
            edit::costs(m, &per_col)?;
        }
        self.priced_assignments = costs.keys().any(|i| matches!(model.cols[*i].kind, VarKind::Assign(..)));
        // (HiGHS picks the dual simplex from the old basis; forcing the primal simplex, whose
        // phase 2 could start there, measured 2–6× slower on Hai Phong)
        let mut m = self.highs.take().expect("built above");
        set_options(&mut m, st, clock)?;
        let solved = m.try_solve().map_err(highs_err)?;
        let outcome = match solved.status() {
            HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible => LpOutcome::Infeasible,
            HighsModelStatus::Optimal => {
                let sol = solved.get_solution();
                LpOutcome::Optimal(LpOptimum {
                    value: solved.objective_value(),
                    x: sol.columns().to_vec(),
                    reduced: sol.dual_columns().to_vec(),
                })
            }
            _ => LpOutcome::Unknown,
        };
        self.highs = Some(Model::from(solved));
        if !matches!(outcome, LpOutcome::Unknown) {
            self.memo.push((key, outcome.clone()));
        }
        Ok(outcome)
    }
}

/// A digest of a relaxation's costs and its fixes' digests ([`fix_digest`]; SipHash with fixed
/// keys: deterministic), so that the chain's memory holds 8 bytes per relaxation, not copies
/// of every fix.
fn digest(costs: &BTreeMap<usize, f64>, fixes: &[u64]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    hash_map(costs, &mut h);
    fixes.hash(&mut h);
    h.finish()
}

/// A digest of one fix: its row and its face.
fn fix_digest(f: &Fix) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    hash_map(&f.coefs, &mut h);
    f.lo.to_bits().hash(&mut h);
    f.zero.hash(&mut h);
    h.finish()
}

fn hash_map(m: &BTreeMap<usize, f64>, h: &mut std::hash::DefaultHasher) {
    use std::hash::Hash;
    m.len().hash(h);
    for (i, k) in m {
        i.hash(h);
        k.to_bits().hash(h);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_tells_costs_bounds_and_faces_apart() {
        let of = |costs: &BTreeMap<usize, f64>, fixes: &[Fix]| {
            digest(costs, &fixes.iter().map(fix_digest).collect::<Vec<_>>())
        };
        let costs = BTreeMap::from([(0, 1.0), (1, 2.0)]);
        let fix = Fix { coefs: BTreeMap::from([(0, 1.0)]), lo: 3.0, zero: vec![] };
        let base = of(&costs, std::slice::from_ref(&fix));
        assert_eq!(base, of(&costs.clone(), std::slice::from_ref(&fix)));
        assert_ne!(base, of(&BTreeMap::from([(0, 1.0), (1, 3.0)]), std::slice::from_ref(&fix)));
        assert_ne!(base, of(&costs, &[Fix { lo: 2.5, ..fix.clone() }]));
        assert_ne!(base, of(&costs, &[Fix { zero: vec![1], ..fix.clone() }]));
        assert_ne!(base, of(&costs, &[]));
    }
}
