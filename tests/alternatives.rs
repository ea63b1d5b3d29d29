//! Alternatives: K distinct plans (by at least D decisions), each compliant; deterministic
//! ranking; `--from` re-planning changes only what a pin forces.

mod common;

use common::*;
use rotaplan::alternatives::{alternatives, distance, AlternativesRequest};
use rotaplan::formulation::{FormulationSettings, Pins};
use rotaplan::model::*;
use rotaplan::plan::{InputRef, PlanRequest};
use rotaplan::solve::SolverSettings;

/// Two districts with vacant vice-chair posts and four young candidates in the pool.
fn open_scenario() -> Tiny {
    let mut t = Tiny::new();
    t.unit("S1", UnitKind::Department, "31", Level::City)
        .unit("UB1", UnitKind::PeoplesCommittee, "311", Level::District)
        .unit("UB2", UnitKind::PeoplesCommittee, "312", Level::District)
        .post("VC1", "UB1", Role::PcViceChair, Level::District, None, false, None)
        .post("VC2", "UB2", Role::PcViceChair, Level::District, None, false, None)
        .post("CT1", "UB1", Role::PcChair, Level::District, None, true, Some("A"))
        .post("CT2", "UB2", Role::PcChair, Level::District, None, true, Some("B"));
    for (i, id) in ["Y1", "Y2", "Y3", "Y4"].iter().enumerate() {
        let post = format!("DH{i}");
        t.post(&post, "S1", Role::DivisionHead, Level::City, None, false, Some(id));
        let c = t.cadre(id, d(1988 + i as i32, 1, 1));
        c.post = Some(post);
        c.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level: Level::District, post: None });
    }
    for (id, post, loc, home) in [("A", "CT1", "311", "X1"), ("B", "CT2", "312", "X3")] {
        let c = t.cadre(id, d(1975, 1, 1));
        c.post = Some(post.into());
        c.hometown = home.into();
        spell(c, Role::PcChair, Level::District, loc, post, d(2018, 1, 1));
    }
    t
}

fn request<'a>(s: &'a Scenario, p: &'a Policy, f: FormulationSettings) -> PlanRequest<'a> {
    PlanRequest {
        scenario: s,
        policy: p,
        scenario_ref: InputRef { name: s.name.clone(), sha256: String::new() },
        policy_ref: InputRef { name: p.id.clone(), sha256: String::new() },
        formulation: f,
        solver: SolverSettings::default(),
        from_plan: None,
        emphasis: None,
    }
}

#[test]
fn k_plans_are_distinct_and_compliant() {
    let s = open_scenario().scenario();
    let p = policy();
    let req = request(&s, &p, FormulationSettings::default());
    let areq = AlternativesRequest { count: 4, min_difference: 2, ..Default::default() };
    let found = alternatives(&req, &areq).unwrap();
    assert_eq!(found.len(), 4, "four distinct plans exist");
    for (i, a) in found.iter().enumerate() {
        assert_compliant(&s, &p, a, &Pins::default());
        for b in &found[i + 1..] {
            assert!(distance(&s, &a.assignment, &b.assignment) >= 2, "plans closer than D");
        }
    }
    // ranking is deterministic and complete
    let plans: Vec<_> = found.iter().map(|o| o.plan.clone()).collect();
    let r1 = rotaplan::rank::rank(&p, &plans);
    let r2 = rotaplan::rank::rank(&p, &plans);
    let order = |r: &[rotaplan::rank::Ranked]| r.iter().map(|x| x.index).collect::<Vec<_>>();
    assert_eq!(order(&r1), order(&r2));
    assert_eq!(r1.iter().map(|x| x.rank).collect::<Vec<_>>(), vec![1, 2, 3, 4]);
    // the balanced plan is optimal, so nothing dominates it
    let first = r1.iter().find(|x| x.index == 0).unwrap();
    assert_eq!(first.layer, 1);
}

#[test]
fn from_plan_with_one_pin_changes_only_what_it_must() {
    let s = open_scenario().scenario();
    let p = policy();
    let base = rotaplan::plan::make_plan(&request(&s, &p, FormulationSettings::default())).unwrap();
    // the committee decides: a candidate the plan did not put in VC1 goes there
    let vc1 = s.post_by_code("VC1").unwrap();
    let y4 = ["Y1", "Y2", "Y3", "Y4"]
        .iter()
        .map(|c| s.cadre_by_code(c).unwrap())
        .find(|c| base.assignment.holder.get(&vc1) != Some(c))
        .unwrap();
    let facts = Facts::new(&s, &p);
    let closeness = s
        .post_ids()
        .filter(|q| facts.is_planned_post(*q))
        .map(|q| (q, base.assignment.holder.get(&q).copied()))
        .collect();
    let pins = Pins { force: vec![(y4, vc1)], ..Default::default() };
    let f = FormulationSettings { pins: pins.clone(), closeness: Some(closeness), ..Default::default() };
    let again = rotaplan::plan::make_plan(&request(&s, &p, f)).unwrap();
    assert_compliant(&s, &p, &again, &pins);
    assert_eq!(again.assignment.holder.get(&vc1), Some(&y4));
    let changed: Vec<_> = s
        .post_ids()
        .filter(|q| facts.is_planned_post(*q))
        .filter(|q| base.assignment.holder.get(q) != again.assignment.holder.get(q))
        .collect();
    // VC1 changes holder; at most the post Y4 left in the earlier plan changes too
    assert!(changed.contains(&vc1));
    assert!(changed.len() <= 2, "changed {changed:?}");
    let prev_y4 = base.assignment.holder.iter().find(|(_, c)| **c == y4).map(|(q, _)| *q);
    for q in &changed {
        assert!(*q == vc1 || Some(*q) == prev_y4, "{:?} changed without need", s.post(*q).code);
    }
}

/// Regional alternatives keep the first plan outside one region (a district with its
/// communes, or the city level), are never better than the first plan, and say so in their
/// status and gap.
#[test]
fn regional_alternatives_change_one_region_and_never_beat_the_first_plan() {
    let s = open_scenario().scenario();
    let p = policy();
    let req = request(&s, &p, FormulationSettings::default());
    let areq = AlternativesRequest { count: 4, min_difference: 1, ..Default::default() };
    let found = alternatives(&req, &areq).unwrap();
    let first = &found[0];
    assert_eq!(first.plan.status, "optimal");
    let regional: Vec<_> = found.iter().filter(|o| o.plan.status == "optimal_in_neighbourhood").collect();
    assert!(!regional.is_empty(), "the tiny scenario has regional alternatives");
    let region_of = |q: PostId| s.ancestor_at(s.post(q).locality, Level::District);
    let key = |o: &rotaplan::plan::PlanOutcome| {
        (-o.plan.objective.target_shortfall, o.plan.objective.suitability as f64, -(o.plan.objective.moves as f64))
    };
    for o in regional {
        assert_compliant(&s, &p, o, &Pins::default());
        let changed: Vec<PostId> = first
            .assignment
            .holder
            .keys()
            .chain(o.assignment.holder.keys())
            .copied()
            .filter(|q| first.assignment.holder.get(q) != o.assignment.holder.get(q))
            .collect();
        assert!(!changed.is_empty());
        let r = region_of(changed[0]);
        assert!(
            changed.iter().all(|q| region_of(*q) == r),
            "{:?} changes posts of several regions",
            o.plan.settings.emphasis
        );
        assert!(key(o).partial_cmp(&key(first)).unwrap().is_le(), "a re-plan cannot beat the optimal first plan");
        assert!(o.plan.gap.is_some_and(|g| g >= 0.0));
        assert!(o.plan.settings.emphasis.as_deref().is_some_and(|e| e.starts_with("region:")));
    }
}
