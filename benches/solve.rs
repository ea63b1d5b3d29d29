//! Benchmarks over the shipped Hai Phong scenario (run with `cargo bench`; figures in the
//! README): loading + validation, building the model, and a full plan (solve + independent
//! check), and the "why not" of one district secretary.

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode};
use rotaplan::explain::placement::explain_post;
use rotaplan::explain::view::{Context, ExplainOptions};
use rotaplan::formulation::{Formulation, FormulationSettings};
use rotaplan::model::load::load_inputs;
use rotaplan::plan::{make_plan, PlanRequest};

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
    // flat sampling: ten runs of a 7–11 s plan (linear sampling asked for 55 at the least)
    g.sample_size(10).sampling_mode(SamplingMode::Flat).measurement_time(Duration::from_secs(120));
    g.bench_function("plan_load_solve_check", |b| {
        b.iter(|| {
            let inputs = load_inputs(scenario, Some(model)).expect("valid");
            let policy = inputs.policy.clone().expect("policy");
            let out = make_plan(&PlanRequest::new(&inputs.scenario, &policy)).expect("solves");
            assert!(out.plan.violations.is_empty());
            out.plan.objective.suitability
        })
    });
    // issue 10's "why not" target (under 5 s): the district secretary of Dương Kinh and the
    // five most suitable candidates passed over, each measured by a re-plan with the pair
    // forced, on the two cores
    let plan = make_plan(&PlanRequest::new(&inputs.scenario, &policy)).expect("solves").plan;
    let post = inputs.scenario.post_by_code("P-309-BT").expect("in the scenario");
    g.sample_size(10).sampling_mode(SamplingMode::Flat).measurement_time(Duration::from_secs(60));
    g.bench_function("explain_post_why_not", |b| {
        b.iter(|| {
            let ctx = Context::new(&inputs.scenario, &policy, &plan, ExplainOptions::default()).expect("explains");
            explain_post(&ctx, post).expect("explains").why_not.alternatives.len()
        })
    });
    g.finish();
}

criterion_group!(benches, haiphong);
criterion_main!(benches);
