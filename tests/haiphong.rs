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

/// The default plan makes no move without a purpose; `--plans 5` gives five trade-offs,
/// pairwise different on the committee-level posts, never equal on every criterion, each
/// accepted by the independent checker and saying what it trades; ties are listed as
/// interchangeable choices instead.
#[test]
fn haiphong_plans_are_trade_offs_a_committee_can_defend() {
    use rotaplan::alternatives::{alternatives, committee_distance, AlternativesRequest, Origin};
    let (inputs, policy) = haiphong();
    let s = &inputs.scenario;
    let req = request(&inputs, &policy);
    let areq = AlternativesRequest { count: 5, min_difference: 5, ..Default::default() };
    let found = alternatives(&req, &areq).expect("solves");
    assert_eq!(found.len(), 5, "origins {:?}", found.iter().map(|o| o.plan.origin).collect::<Vec<_>>());
    let first = &found[0];
    assert_eq!(first.plan.origin, Some(Origin::Policy));
    assert_eq!(first.plan.objective.discretionary_moves, 0, "{:?}", first.plan.objective.moves_by_purpose);
    assert!(first.plan.moves.iter().filter(|m| m.kind != "stays").all(|m| m.purpose.is_some()));
    assert!(!first.plan.interchangeable.is_empty(), "ties are listed as interchangeable choices");
    let achieved = |o: &rotaplan::plan::PlanOutcome| o.plan.targets.iter().map(|t| t.achieved).collect::<Vec<_>>();
    for (i, a) in found.iter().enumerate() {
        let report = check(s, &policy, &a.plan.milestone, &a.assignment, &Pins::default());
        assert!(report.compliant(), "plan {}: {:#?}", i + 1, report.violations);
        if i > 0 {
            let t = rotaplan::explain::summary::tradeoff_text(s, &policy, &a.plan, rotaplan::explain::Lang::Vi);
            assert!(t.is_some(), "plan {} says what it trades", i + 1);
        }
        for b in &found[i + 1..] {
            assert!(
                committee_distance(s, &a.assignment, &b.assignment) >= 5,
                "{:?} / {:?}",
                a.plan.origin,
                b.plan.origin
            );
            assert!(a.plan.objective != b.plan.objective || achieved(a) != achieved(b));
        }
    }
    // the policy's own plan is dominated by no plan that beats it on the policy's objective:
    // a plan ranked above it is another optimum of that objective (the same weighted
    // shortfall, moves and suitability) that happens to meet more instances of some rule, a
    // count the objective does not weigh; it says which rules in its trade-off (below)
    let plans: Vec<_> = found.iter().map(|o| o.plan.clone()).collect();
    let ranked = rotaplan::rank::rank(&policy, &plans);
    let own = ranked.iter().find(|r| r.index == 0).unwrap();
    for r in ranked.iter().filter(|r| r.criteria.dominates(&own.criteria)) {
        let (a, b) = (&plans[r.index].objective, &plans[0].objective);
        assert_eq!(
            (a.target_shortfall, a.suitability, r.criteria.moves),
            (b.target_shortfall, b.suitability, own.criteria.moves),
            "{:?} dominates the policy's plan on its own objective",
            plans[r.index].origin
        );
    }
    for a in &found[1..] {
        let t = a.plan.tradeoff.as_ref().unwrap();
        let met = |o: &rotaplan::plan::PlanOutcome, rule: &str, measure: &str| {
            o.plan.targets.iter().filter(|x| x.met && x.rule == rule && x.measure == measure).count()
        };
        let mut keys: Vec<(String, String)> =
            a.plan.targets.iter().map(|x| (x.rule.clone(), x.measure.clone())).collect();
        keys.sort();
        keys.dedup();
        for (rule, measure) in keys {
            let differs = met(a, &rule, &measure) != met(first, &rule, &measure);
            let listed = t.rules.iter().any(|r| r.rule == rule && r.measure == measure);
            assert_eq!(differs, listed, "{rule} ({measure}): {t:?}");
        }
    }
    // the most suitable plan pays for its points with moves, and the plan says so
    let most = found.iter().find(|o| o.plan.origin == Some(Origin::MostSuitable)).expect("a most-suitable plan");
    let t = most.plan.tradeoff.as_ref().unwrap();
    assert!(t.moves > 0 && t.suitability > 0, "{t:?}");
}
