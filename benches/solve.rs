//! Benchmarks over the shipped Hai Phong scenario (run with `cargo bench`; figures in the
//! README): loading + validation, building the model, and a full plan (solve + independent
//! check), plus the alternatives on a small scenario.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use rotaplan::formulation::{Formulation, FormulationSettings};
use rotaplan::model::load::load_inputs;
use rotaplan::plan::{make_plan, InputRef, PlanRequest};
use rotaplan::solve::SolverSettings;

fn haiphong(c: &mut Criterion) {
    let scenario = Path::new("scenarios/haiphong-2021");
    let model = Path::new("models/haiphong-09-kl-tu.toml");
    let mut g = c.benchmark_group("haiphong");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    g.bench_function("load_and_validate", |b| b.iter(|| load_inputs(scenario, Some(model)).expect("valid")));
    let inputs = load_inputs(scenario, Some(model)).expect("valid");
    let policy = inputs.policy.clone().expect("policy");
    g.bench_function("build_model", |b| {
        b.iter(|| Formulation::build(&inputs.scenario, &policy, &FormulationSettings::default()).model.cols.len())
    });
    g.sample_size(10).measurement_time(Duration::from_secs(600));
    g.bench_function("plan_load_solve_check", |b| {
        b.iter(|| {
            let inputs = load_inputs(scenario, Some(model)).expect("valid");
            let policy = inputs.policy.clone().expect("policy");
            let req = PlanRequest {
                scenario: &inputs.scenario,
                policy: &policy,
                scenario_ref: InputRef::default(),
                policy_ref: InputRef::default(),
                formulation: FormulationSettings::default(),
                solver: SolverSettings::default(),
                from_plan: None,
                emphasis: None,
            };
            let out = make_plan(&req).expect("solves");
            assert!(out.plan.violations.is_empty());
            out.plan.objective.suitability
        })
    });
    g.finish();
}

criterion_group!(benches, haiphong);
criterion_main!(benches);
