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

#[test]
fn haiphong_plan_is_compliant_honest_and_reproducible() {
    let inputs = load_inputs(Path::new("scenarios/haiphong-2021"), Some(Path::new("models/haiphong-09-kl-tu.toml")))
        .expect("the shipped scenario validates");
    let policy = inputs.policy.clone().unwrap();
    let s = &inputs.scenario;
    let req = PlanRequest {
        scenario: s,
        policy: &policy,
        scenario_ref: InputRef { name: s.name.clone(), sha256: inputs.scenario_digest.clone() },
        policy_ref: InputRef { name: policy.id.clone(), sha256: inputs.policy_digest.clone().unwrap() },
        formulation: FormulationSettings::default(),
        solver: SolverSettings::default(),
        from_plan: None,
        emphasis: None,
    };
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
