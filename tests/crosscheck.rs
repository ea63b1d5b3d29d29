//! An independent translation of the formulation's model through good_lp (its HiGHS backend),
//! confirming on small random scenarios that rotaplan's own `highs`-crate translation and its
//! lexicographic stages reach the same optimum of every stage. good_lp is a dev-dependency:
//! only this test uses it.

mod common;

use common::random::{layout, Size};
use common::*;
use good_lp::{constraint, variable, Expression, ProblemVariables, SolverModel};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, RngSeed};
use rotaplan::formulation::ir::{LpModel, Var};
use rotaplan::formulation::{Formulation, FormulationSettings};

/// The optimum of component `k` when components `0..k` are held at `fixed[..k]`; `None` when
/// infeasible or on a solver error.
fn stage_optimum(model: &LpModel, k: usize, fixed: &[f64]) -> Option<f64> {
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
    let expr = |coefs: &[(Var, f64)]| -> Expression { coefs.iter().map(|(v, k)| *k * xs[v.index()]).sum() };
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

proptest! {
    #![proptest_config(Config {
        cases: 24,
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Fixed(0x0060_0D1B),
        failure_persistence: None,
        max_shrink_iters: 16,
        ..Config::default()
    })]

    #[test]
    fn good_lp_translation_reaches_the_same_stage_optima(l in layout(Size::tiny())) {
        let mut policy = policy();
        policy.milestone = l.milestone().into();
        let s = l.build().scenario();
        let f = Formulation::build(&s, &policy, &FormulationSettings::default());
        let r = rotaplan::solve::solve(&f.model, &rotaplan::solve::SolverSettings::default()).unwrap();
        if r.has_plan() {
            let values: Vec<f64> = r.stages.iter().map(|st| st.value).collect();
            for k in 0..values.len() {
                let other = stage_optimum(&f.model, k, &values);
                prop_assert!(other.is_some(), "good_lp finds no optimum for stage {}", k);
                let other = other.unwrap();
                // every stage is integer-valued at an integer point: the two must round alike
                prop_assert!((other - values[k]).abs() < 0.5, "stage {}: highs {} vs good_lp {}", k, values[k], other);
            }
        }
    }
}
