//! The shipped Hai Phong scenario end to end: validates clean, solves to a plan that the
//! independent checker accepts, reports every target honestly, and two runs give
//! byte-identical plans.

mod common;

use std::path::Path;

use rotaplan::check::check;
use rotaplan::formulation::{FormulationSettings, Pins};
use rotaplan::model::load::load_inputs;
use rotaplan::plan::{make_plan, InputRef, PlanRequest};
use rotaplan::solve::SolverSettings;

/// The shipped scenario and policy.
fn haiphong() -> (rotaplan::model::load::Inputs, rotaplan::model::Policy) {
    let inputs = load_inputs(Path::new("scenarios/haiphong-2021"), Some(Path::new("models/haiphong-09-kl-tu.toml")))
        .expect("the shipped scenario validates");
    let policy = inputs.policy.clone().unwrap();
    (inputs, policy)
}

/// A default request, with the inputs' digests recorded.
fn request<'a>(inputs: &'a rotaplan::model::load::Inputs, policy: &'a rotaplan::model::Policy) -> PlanRequest<'a> {
    let s = &inputs.scenario;
    PlanRequest {
        scenario: s,
        policy,
        scenario_ref: InputRef { name: s.name.clone(), sha256: inputs.scenario_digest.clone() },
        policy_ref: InputRef { name: policy.id.clone(), sha256: inputs.policy_digest.clone().unwrap_or_default() },
        formulation: FormulationSettings::default(),
        solver: SolverSettings::default(),
        from_plan: None,
        emphasis: None,
    }
}

#[test]
fn haiphong_plan_is_compliant_honest_and_reproducible() {
    let (inputs, policy) = haiphong();
    let s = &inputs.scenario;
    let req = request(&inputs, &policy);
    let first = make_plan(&req).expect("solves");
    assert!(first.plan.status == "optimal" || first.plan.status == "stopped_with_plan", "status {}", first.plan.status);
    // the independent checker accepts it
    let report = check(s, &policy, &first.plan.milestone, &first.assignment, &Pins::default());
    assert!(report.compliant(), "violations: {:#?}", report.violations);
    // honest target table: one row per rule instance the checker knows, met flags match the
    // figures, and the weighted shortfall equals the sum of soft shortfalls
    assert_eq!(first.plan.targets.len(), report.targets.len());
    let mut weighted = 0.0;
    for (row, t) in first.plan.targets.iter().zip(&report.targets) {
        assert_eq!(row.achieved, t.achieved);
        assert_eq!(row.met, t.met());
        if let Some(lo) = row.required_min {
            assert!(!(row.met && row.achieved < lo));
        }
        if !t.hard {
            weighted += t.shortfall() * t.weight as f64;
        }
    }
    assert_eq!(first.plan.objective.target_shortfall, weighted);
    // every enabled bounded rule of the policy appears in the table
    for id in [
        "young-district-leader",
        "young-commune-vice-chair",
        "non-local-district-secretary",
        "district-rotated-out",
        "city-agency-rotation",
        "team-mix",
    ] {
        assert!(first.plan.targets.iter().any(|t| t.rule == id), "rule {id} missing from the target table");
    }
    // two runs, byte-identical plans
    let second = make_plan(&req).expect("solves");
    let a = serde_json::to_string_pretty(&first.plan).unwrap();
    let b = serde_json::to_string_pretty(&second.plan).unwrap();
    assert!(a == b, "two runs differ");
}

/// Alternatives on the whole of Hai Phong: distinct by at least D decisions, each accepted by
/// the independent checker, the regional ones changing one district (or the city level) only
/// and never beating the first plan.
#[test]
fn haiphong_alternatives_are_distinct_compliant_and_regional() {
    use rotaplan::alternatives::{alternatives, distance, AlternativesRequest};
    use rotaplan::model::{Level, PostId};
    let (inputs, policy) = haiphong();
    let s = &inputs.scenario;
    let req = request(&inputs, &policy);
    let areq = AlternativesRequest { count: 3, min_difference: 5, ..Default::default() };
    let found = alternatives(&req, &areq).expect("solves");
    assert_eq!(found.len(), 3);
    let key = |o: &rotaplan::plan::PlanOutcome| {
        let ob = &o.plan.objective;
        (-ob.target_shortfall, (ob.suitability + ob.preference) as f64, -(ob.moves as f64))
    };
    for (i, a) in found.iter().enumerate() {
        let report = check(s, &policy, &a.plan.milestone, &a.assignment, &Pins::default());
        assert!(report.compliant(), "plan {}: {:#?}", i + 1, report.violations);
        for b in &found[i + 1..] {
            assert!(distance(s, &a.assignment, &b.assignment) >= 5);
        }
    }
    let region = |q: PostId| s.ancestor_at(s.post(q).locality, Level::District);
    for o in &found[1..] {
        assert_eq!(o.plan.status, "optimal_in_neighbourhood");
        let changed: Vec<PostId> = found[0]
            .assignment
            .holder
            .keys()
            .chain(o.assignment.holder.keys())
            .copied()
            .filter(|q| found[0].assignment.holder.get(q) != o.assignment.holder.get(q))
            .collect();
        let r = region(changed[0]);
        assert!(changed.iter().all(|q| region(*q) == r), "{:?}", o.plan.settings.emphasis);
        assert!(key(o).partial_cmp(&key(&found[0])).unwrap().is_le());
    }
}
