//! Issues 4 and 10's benchmark: five ranked alternatives of the shipped Hai Phong scenario, with
//! explanations, on this 2-core machine (`cargo bench --bench alternatives`; figures in the
//! README).
//!
//! One iteration = load and validate the inputs, solve the first plan, four trade-off
//! alternatives (at least 5 committee-level decisions apart), rank the five, the why-sentences between
//! consecutive ranks, and for every alternative the explanation a committee reads first: the
//! post where it departs from plan 1, its holder's facts and rules, and the measured cost of
//! the three most suitable candidates passed over (local re-solves).

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use rotaplan::alternatives::{alternatives, decisions, AlternativesRequest};
use rotaplan::explain::placement::explain_post;
use rotaplan::explain::view::{Context, ExplainOptions};
use rotaplan::explain::Lang;
use rotaplan::model::load::load_inputs;
use rotaplan::plan::PlanRequest;

fn five_explained() -> usize {
    let inputs = load_inputs(Path::new("scenarios/haiphong-2021"), Some(Path::new("models/haiphong-09-kl-tu.toml")))
        .expect("valid");
    let policy = inputs.policy.clone().expect("policy");
    let s = &inputs.scenario;
    let req = PlanRequest::new(s, &policy);
    let found = alternatives(&req, &AlternativesRequest::default()).expect("solves");
    assert_eq!(found.len(), 5);
    let plans: Vec<_> = found.iter().map(|o| o.plan.clone()).collect();
    let ranked = rotaplan::rank::rank(&policy, &plans);
    let mut words = 0;
    for w in ranked.windows(2) {
        let by = rotaplan::rank::dominator(&ranked, &w[1]).map(|d| (d, d.rank.to_string()));
        let by = by.as_ref().map(|(d, l)| (*d, l.as_str()));
        words += rotaplan::rank::why_above(&w[0], &w[1], "1", "2", by, Lang::Vi).len();
    }
    let first = decisions(s, &found[0].assignment);
    for (o, plan) in found.iter().zip(&plans).skip(1) {
        let Some(&(_, post)) = decisions(s, &o.assignment).difference(&first).next() else { continue };
        let options = ExplainOptions { top: 3, ..ExplainOptions::default() };
        let ctx = Context::new(s, &policy, plan, options).expect("explains");
        let e = explain_post(&ctx, post).expect("explains");
        words += e.why_not.alternatives.len();
    }
    words
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("haiphong_alternatives");
    g.sample_size(10).measurement_time(Duration::from_secs(400));
    g.bench_function("five_ranked_explained", |b| b.iter(five_explained));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
