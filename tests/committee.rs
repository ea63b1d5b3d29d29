//! Plans a committee can defend: the default plan makes no move without a purpose, and every
//! move names its purpose.

mod common;

use common::*;
use rotaplan::formulation::FormulationSettings;
use rotaplan::model::policy::Priority;
use rotaplan::model::*;
use rotaplan::plan::Purpose;

/// Two city departments (finance, health), each with a deputy director trained for the other
/// one: swapping them gains suitability points (the field of training suits the unit), and
/// nothing else asks for it.
fn swap_for_points() -> Tiny {
    let mut t = Tiny::new();
    t.unit("STC", UnitKind::Department, "31", Level::City)
        .unit("SYT", UnitKind::Department, "31", Level::City)
        .post("VC1", "STC", Role::DeputyDirector, Level::City, None, false, Some("A"))
        .post("VC2", "SYT", Role::DeputyDirector, Level::City, None, false, Some("B"));
    t.raw.units[0].name = "Sở Tài chính".into();
    t.raw.units[1].name = "Sở Y tế".into();
    for (id, post, other, field) in [("A", "VC1", "VC2", Field::Medicine), ("B", "VC2", "VC1", Field::Finance)] {
        let c = t.cadre(id, d(1976, 1, 1));
        c.post = Some(post.into());
        c.education.field = field;
        c.planning.push(raw::PlanningEntry {
            role: Role::DeputyDirector,
            level: Level::City,
            post: Some(other.into()),
        });
        spell(c, Role::DeputyDirector, Level::City, "31", post, d(2019, 1, 1));
    }
    t
}

#[test]
fn a_discretionary_move_is_not_made_by_default() {
    let s = swap_for_points().scenario();
    let p = policy_with(&[]);
    let judge = rotaplan::formulation::Judge::new(&s, &p);
    let (a, vc2) = (s.cadre_by_code("A").unwrap(), s.post_by_code("VC2").unwrap());
    assert!(judge.judge(a, vc2).is_ok(), "{:?}", judge.judge(a, vc2));
    assert!(
        judge.suitability(a, vc2).total() > judge.suitability(a, s.post_by_code("VC1").unwrap()).total(),
        "{:?} {:?} {:?} {:?}",
        judge.suitability(a, vc2),
        judge.suitability(a, s.post_by_code("VC1").unwrap()),
        s.cadre(a).field,
        s.unit(s.post(vc2).unit).name
    );
    let out = plan_default(&s, &p);
    assert_eq!(out.plan.status, "optimal");
    assert_eq!(holder(&s, &out, "VC1").as_deref(), Some("A"), "nobody moves for points alone");
    assert_eq!(holder(&s, &out, "VC2").as_deref(), Some("B"));
    assert_eq!(out.plan.objective.moves, 0);
    assert_eq!(out.plan.objective.discretionary_moves, 0);
    assert_eq!(out.plan.settings.priorities, vec!["targets", "disruption", "suitability"]);
    // a policy that puts suitability first makes the swap, and the plan says it has no purpose
    let f = FormulationSettings {
        priorities: Some(vec![Priority::Targets, Priority::Suitability, Priority::Disruption]),
        ..Default::default()
    };
    let out = plan(&s, &p, f);
    assert_eq!(holder(&s, &out, "VC1").as_deref(), Some("B"));
    assert_eq!(out.plan.objective.discretionary_moves, 2);
    for m in out.plan.moves.iter().filter(|m| m.kind != "stays") {
        assert_eq!(m.purpose, Some(Purpose::Discretionary), "{m:?}");
        assert!(m.serves.is_empty());
    }
}

#[test]
fn each_move_names_its_purpose() {
    let s = two_chairs().scenario();
    let p = policy_with(&["tenure-cap"]);
    let out = plan_default(&s, &p);
    let mv = |c: &str| out.plan.moves.iter().find(|m| m.cadre == c).unwrap().clone();
    let a = mv("A");
    assert_eq!(a.purpose, Some(Purpose::ForcedOut), "{a:?}");
    assert_eq!(a.serves, vec!["tenure-cap".to_string()]);
    let b = mv("B");
    assert_eq!(b.purpose, Some(Purpose::MakesRoom), "{b:?}");
    assert_eq!(b.because_of.as_deref(), Some("A"));
    assert_eq!(out.plan.objective.discretionary_moves, 0);
    assert_eq!(out.plan.objective.moves_by_purpose.get("forced_out"), Some(&1));
    assert_eq!(out.plan.objective.moves_by_purpose.get("makes_room"), Some(&1));
    // the summary counts moves by purpose, in Vietnamese
    let text = rotaplan::explain::summary::plan_summary(&s, &p, &out.plan, rotaplan::explain::Lang::Vi);
    assert!(text.contains("Lý do điều động") && text.contains("điều động không có lý do theo quy định: 0"), "{text}");
}
