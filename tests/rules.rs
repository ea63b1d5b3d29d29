//! One test per rule family on a tiny scenario: without the rule the plan differs, with it the
//! plan obeys (and the independent checker agrees).

mod common;

use common::*;
use rotaplan::check::Assignment;
use rotaplan::model::*;

#[test]
fn tenure_cap_binds() {
    let t = two_chairs();
    let s = t.scenario();
    let without = policy_with(&[]);
    let out = plan_default(&s, &without);
    assert_eq!(out.plan.status, "optimal");
    assert_eq!(holder(&s, &out, "P1").as_deref(), Some("A"), "without the cap A stays");
    let with = policy_with(&["tenure-cap"]);
    let out = plan_default(&s, &with);
    assert_eq!(out.plan.status, "optimal");
    assert_eq!(holder(&s, &out, "P1").as_deref(), Some("B"));
    assert_eq!(holder(&s, &out, "P2").as_deref(), Some("A"));
    assert_compliant(&s, &with, &out, &Default::default());
    let moves: Vec<_> = out.plan.moves.iter().filter(|m| m.cadre == "A").collect();
    assert_eq!(moves[0].kind, "rotates");
    assert!(moves[0].serves.contains(&"tenure-cap".to_string()), "{:?}", moves[0]);
}

/// A city department with two division-head posts (pool candidates sit there) and a district
/// People's Committee in each district with a vacant vice-chair post.
fn district_pool() -> Tiny {
    let mut t = Tiny::new();
    t.unit("S1", UnitKind::Department, "31", Level::City)
        .unit("UB1", UnitKind::PeoplesCommittee, "311", Level::District)
        .unit("UB2", UnitKind::PeoplesCommittee, "312", Level::District)
        .post("DH1", "S1", Role::DivisionHead, Level::City, None, false, Some("Y"))
        .post("DH2", "S1", Role::DivisionHead, Level::City, None, false, Some("Z"))
        .post("VC1", "UB1", Role::PcViceChair, Level::District, None, false, None)
        .post("VC2", "UB2", Role::PcViceChair, Level::District, None, false, None);
    for (id, born) in [("Y", d(1990, 1, 1)), ("Z", d(1991, 1, 1))] {
        let c = t.cadre(id, born);
        c.post = Some(format!("DH{}", if id == "Y" { 1 } else { 2 }));
        c.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level: Level::District, post: None });
    }
    t
}

#[test]
fn young_district_eligibility_binds() {
    let mut t = district_pool();
    // Z turns 35 exactly on the plan date: not under 35
    t.raw.cadres[1].birth_date = d(1986, 3, 2);
    let s = t.scenario();
    let without = policy_with(&[]);
    let out = plan_default(&s, &without);
    // without the rule no rule admits pool cadres to district posts at all
    assert_eq!(holder(&s, &out, "VC1"), None);
    let with = policy_with(&["young-district-eligibility"]);
    let out = plan_default(&s, &with);
    let placed: Vec<_> = [holder(&s, &out, "VC1"), holder(&s, &out, "VC2")].into_iter().flatten().collect();
    assert_eq!(placed, vec!["Y".to_string()], "only Y (under 35) is placed");
    assert_compliant(&s, &with, &out, &Default::default());
    let judge = rotaplan::formulation::Judge::new(&s, &with);
    let z = s.cadre_by_code("Z").unwrap();
    let err = judge.judge(z, s.post_by_code("VC1").unwrap()).unwrap_err();
    // at 35 the young-cadre rule does not apply to Z at all, and no other rule admits him
    assert_eq!(err.rule, rotaplan::formulation::RuleRef::PoolAdmission, "{err:?}");
    assert!(matches!(err.reason, rotaplan::formulation::Reason::NotYoung { limit: 35, .. }), "{err:?}");
}

#[test]
fn young_district_leader_share_binds() {
    let t = district_pool();
    let s = t.scenario();
    // without the coverage rule both vacancies are filled by the two young candidates
    let without = policy_with(&["young-district-eligibility"]);
    let out = plan_default(&s, &without);
    assert!(holder(&s, &out, "VC1").is_some() && holder(&s, &out, "VC2").is_some());
    // 2021 band: at least 40% of 2 districts ("phấn đấu": a floor): with only Y eligible
    // (Z is 35), one district gets a young deputy and the share is met
    let mut t = district_pool();
    t.raw.cadres[1].birth_date = d(1986, 3, 2);
    let s = t.scenario();
    let with = policy_with(&["young-district-eligibility", "young-district-leader"]);
    let out = plan_default(&s, &with);
    let filled = [holder(&s, &out, "VC1"), holder(&s, &out, "VC2")].iter().filter(|h| h.is_some()).count();
    assert_eq!(filled, 1);
    let r = assert_compliant(&s, &with, &out, &Default::default());
    let t = r.targets.iter().find(|t| with.rules[t.rule].id == "young-district-leader").unwrap();
    assert!(t.met() && t.achieved == 1.0 && t.denominator == Some(2));
    // at 2024 (every district) the same plan falls one short
    let mut at_2024 = with.clone();
    at_2024.milestone = "2024".into();
    let out = plan_default(&s, &at_2024);
    let r = assert_compliant(&s, &at_2024, &out, &Default::default());
    let t = r.targets.iter().find(|t| with.rules[t.rule].id == "young-district-leader").unwrap();
    assert!(!t.met() && t.achieved == 1.0 && t.shortfall() == 1.0, "{t:?}");
}

/// Two district party secretaries, both local to their own district.
fn two_local_secretaries() -> Tiny {
    let mut t = Tiny::new();
    t.unit("HU1", UnitKind::PartyCommittee, "311", Level::District)
        .unit("HU2", UnitKind::PartyCommittee, "312", Level::District)
        .post("BT1", "HU1", Role::PartySecretary, Level::District, None, true, Some("A"))
        .post("BT2", "HU2", Role::PartySecretary, Level::District, None, true, Some("B"));
    let a = t.cadre("A", d(1972, 1, 1));
    a.post = Some("BT1".into());
    a.hometown = "X1".into();
    spell(a, Role::PartySecretary, Level::District, "311", "BT1", d(2019, 1, 1));
    let b = t.cadre("B", d(1973, 1, 1));
    b.post = Some("BT2".into());
    b.hometown = "X3".into();
    spell(b, Role::PartySecretary, Level::District, "312", "BT2", d(2019, 1, 1));
    t
}

#[test]
fn non_local_secretary_binds() {
    let t = two_local_secretaries();
    let s = t.scenario();
    let out = plan_default(&s, &policy_with(&[]));
    assert_eq!(holder(&s, &out, "BT1").as_deref(), Some("A"));
    let with = policy_with(&["non-local-district-secretary"]);
    let out = plan_default(&s, &with);
    // at least 50% of 2 districts: the only way is to swap them
    assert_eq!(holder(&s, &out, "BT1").as_deref(), Some("B"));
    assert_eq!(holder(&s, &out, "BT2").as_deref(), Some("A"));
    assert_compliant(&s, &with, &out, &Default::default());
}

#[test]
fn non_local_secretary_hard_at_term_end_is_infeasible_when_nobody_can_move() {
    let mut t = two_local_secretaries();
    // B is local to both districts: no swap makes both non-local
    t.raw.cadres[1].local_to = vec!["311".into()];
    t.raw.cadres[0].local_to = vec!["312".into()];
    let s = t.scenario();
    // "cơ bản" is a target in the shipped policy: a province that makes it hard at the end of
    // the term gets an infeasible plan here
    let mut p = policy_with(&["non-local-district-secretary"]);
    if let Some(rotaplan::model::policy::RuleBody::Coverage(c)) =
        p.rules.iter_mut().find(|r| r.id == "non-local-district-secretary").map(|r| &mut r.body)
    {
        c.strength.hard_at = vec!["term_end".into()];
    }
    p.milestone = "term_end".into();
    let out = plan_default(&s, &p);
    assert_eq!(out.plan.status, "infeasible");
    let names: Vec<_> = out.plan.infeasibility.iter().map(|r| (r.rule.as_str(), r.subject.as_str())).collect();
    assert!(names.contains(&("non-local-district-secretary", "31")), "{names:?}");
}

#[test]
fn district_rotated_out_binds() {
    let mut t = Tiny::new();
    t.unit("HU1", UnitKind::PartyCommittee, "311", Level::District)
        .unit("HU2", UnitKind::PartyCommittee, "312", Level::District)
        .post("PBT1", "HU1", Role::DeputyPartySecretary, Level::District, None, false, Some("A"))
        .post("PBT2", "HU2", Role::DeputyPartySecretary, Level::District, None, false, None);
    let a = t.cadre("A", d(1980, 1, 1));
    a.post = Some("PBT1".into());
    spell(a, Role::DeputyPartySecretary, Level::District, "311", "PBT1", d(2018, 1, 1));
    let s = t.scenario();
    let out = plan_default(&s, &policy_with(&[]));
    assert_eq!(holder(&s, &out, "PBT1").as_deref(), Some("A"));
    let with = policy_with(&["district-rotated-out"]);
    let out = plan_default(&s, &with);
    assert_eq!(holder(&s, &out, "PBT2").as_deref(), Some("A"));
    assert_compliant(&s, &with, &out, &Default::default());
}

#[test]
fn team_mix_binds() {
    let mut t = Tiny::new();
    t.unit("S1", UnitKind::Department, "31", Level::City)
        .unit("UB1", UnitKind::PeoplesCommittee, "311", Level::District)
        .team("T1", TeamKind::PcLeadership, "311")
        .post("DH1", "S1", Role::DivisionHead, Level::City, None, false, Some("Y1"))
        .post("DH2", "S1", Role::DivisionHead, Level::City, None, false, Some("Y2"))
        .post("CT", "UB1", Role::PcChair, Level::District, Some("T1"), true, Some("C"))
        .post("VC1", "UB1", Role::PcViceChair, Level::District, Some("T1"), false, Some("V"))
        .post("VC2", "UB1", Role::PcViceChair, Level::District, Some("T1"), false, None);
    let c = t.cadre("C", d(1968, 1, 1));
    c.post = Some("CT".into());
    let v = t.cadre("V", d(1976, 1, 1));
    v.post = Some("VC1".into());
    for (id, field, rating) in [("Y1", Field::Law, Rating::Excellent), ("Y2", Field::Economics, Rating::Good)] {
        let y = t.cadre(id, d(1990, 6, 1));
        y.post = Some(if id == "Y1" { "DH1" } else { "DH2" }.into());
        y.education.field = field;
        y.ratings.insert("2020".into(), rating);
        y.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level: Level::District, post: None });
    }
    let s = t.scenario();
    let without = policy_with(&["young-district-eligibility"]);
    let out = plan_default(&s, &without);
    assert_eq!(holder(&s, &out, "VC2").as_deref(), Some("Y1"), "the better-rated lawyer without the mix");
    let with = policy_with(&["young-district-eligibility", "team-mix"]);
    let out = plan_default(&s, &with);
    assert_eq!(
        holder(&s, &out, "VC2").as_deref(),
        Some("Y2"),
        "an economist to mix the fields (all three are lawyers otherwise)"
    );
    assert_compliant(&s, &with, &out, &Default::default());
}

#[test]
fn rotation_quota_binds() {
    let mut t = Tiny::new();
    t.unit("S1", UnitKind::Department, "31", Level::City)
        .unit("S2", UnitKind::Department, "31", Level::City)
        .post("PGD1", "S1", Role::DeputyDirector, Level::City, None, false, Some("A"))
        .post("PGD2", "S2", Role::DeputyDirector, Level::City, None, false, None);
    let a = t.cadre("A", d(1978, 1, 1));
    a.post = Some("PGD1".into());
    spell(a, Role::DeputyDirector, Level::City, "31", "PGD1", d(2017, 1, 1));
    for i in 0..3 {
        t.cadre(&format!("N{i}"), d(1980, 1, 1)).management = Management::CityCommittee;
    }
    let s = t.scenario();
    let out = plan_default(&s, &policy_with(&[]));
    assert_eq!(holder(&s, &out, "PGD1").as_deref(), Some("A"));
    let with = policy_with(&["city-agency-rotation"]);
    let out = plan_default(&s, &with);
    assert_eq!(holder(&s, &out, "PGD2").as_deref(), Some("A"), "2-3% of 4 cadres rounds up to one rotation");
    let r = assert_compliant(&s, &with, &out, &Default::default());
    assert!(r.targets.iter().all(|t| t.met()));
}

#[test]
fn vice_chair_cap_binds() {
    let mut t = Tiny::new();
    t.unit("UBX", UnitKind::PeoplesCommittee, "X1", Level::Commune)
        .post("V1", "UBX", Role::PcViceChair, Level::Commune, None, false, Some("A"))
        .post("V2", "UBX", Role::PcViceChair, Level::Commune, None, false, Some("B"))
        .post("V3", "UBX", Role::PcViceChair, Level::Commune, None, false, None);
    for id in ["A", "B"] {
        let c = t.cadre(id, d(1980, 1, 1));
        c.post = Some(if id == "A" { "V1" } else { "V2" }.into());
    }
    let l = t.cadre("L", d(1995, 1, 1));
    l.workplace = Some("UBX".into());
    l.management = Management::None;
    l.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level: Level::Commune, post: None });
    let s = t.scenario();
    let without = policy_with(&["young-commune-eligibility"]);
    let out = plan_default(&s, &without);
    assert_eq!(holder(&s, &out, "V3").as_deref(), Some("L"));
    let with = policy_with(&["young-commune-eligibility", "vice-chair-cap-commune"]);
    let out = plan_default(&s, &with);
    assert_eq!(holder(&s, &out, "V3"), None, "a third local vice-chair exceeds the cap of 2 (class II)");
    assert_compliant(&s, &with, &out, &Default::default());
}

#[test]
fn same_level_and_service_left_bind() {
    let mut t = Tiny::new();
    t.unit("DUX", UnitKind::PartyCommittee, "X1", Level::Commune)
        .unit("UB1", UnitKind::PeoplesCommittee, "311", Level::District)
        .unit("UB2", UnitKind::PeoplesCommittee, "312", Level::District)
        .unit("HU1", UnitKind::PartyCommittee, "311", Level::District)
        .post("CTX", "DUX", Role::DeputyPartySecretary, Level::Commune, None, false, Some("A"))
        .post("VC1", "UB1", Role::PcViceChair, Level::District, None, false, None)
        .post("PBT1", "HU1", Role::DeputyPartySecretary, Level::District, None, false, Some("O"))
        .post("PBT2", "UB2", Role::PcViceChair, Level::District, None, false, None);
    let a = t.cadre("A", d(1981, 1, 1));
    a.post = Some("CTX".into());
    // an economist: suits a People's Committee better than a party committee (+2 points)
    a.education.field = Field::Economics;
    a.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level: Level::District, post: Some("VC1".into()) });
    // O is 53: 7.5 years of service left, fewer than the 10 an ordinary rotation needs
    let o = t.cadre("O", d(1968, 1, 1));
    o.post = Some("PBT1".into());
    o.education.field = Field::Economics;
    o.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level: Level::District, post: Some("PBT2".into()) });
    let s = t.scenario();
    // points alone move nobody under the default priorities: the rules' effect shows when the
    // policy puts suitability before disruption
    let suitability_first = || rotaplan::formulation::FormulationSettings {
        priorities: Some(vec![
            rotaplan::model::policy::Priority::Targets,
            rotaplan::model::policy::Priority::Suitability,
            rotaplan::model::policy::Priority::Disruption,
        ]),
        ..Default::default()
    };
    let out = plan(&s, &policy_with(&[]), suitability_first());
    assert_eq!(holder(&s, &out, "VC1").as_deref(), Some("A"), "without same-level A moves up");
    assert_eq!(
        holder(&s, &out, "PBT2").as_deref(),
        Some("O"),
        "without service-left O moves to the post he is planned for"
    );
    let with = policy_with(&["same-level", "service-left"]);
    let out = plan(&s, &with, suitability_first());
    assert_eq!(holder(&s, &out, "CTX").as_deref(), Some("A"));
    assert_eq!(holder(&s, &out, "PBT1").as_deref(), Some("O"));
    assert_compliant(&s, &with, &out, &Default::default());
}

#[test]
fn tenure_cap_with_nowhere_to_go_is_explained() {
    // A has 9 years as chair and nobody can take his post or give him one
    let mut t = Tiny::new();
    t.unit("UB1", UnitKind::PeoplesCommittee, "311", Level::District).post(
        "P1",
        "UB1",
        Role::PcChair,
        Level::District,
        None,
        true,
        Some("A"),
    );
    let a = t.cadre("A", d(1975, 5, 1));
    a.post = Some("P1".into());
    spell(a, Role::PcChair, Level::District, "311", "P1", d(2012, 1, 1));
    let s = t.scenario();
    let p = policy_with(&["tenure-cap"]);
    let out = plan_default(&s, &p);
    assert_eq!(out.plan.status, "infeasible");
    let named: Vec<_> = out.plan.infeasibility.iter().map(|r| (r.rule.as_str(), r.subject.as_str())).collect();
    assert_eq!(named, vec![("tenure-cap", "A")], "the tenure cap on A is what must give");
    assert!(
        out.plan.infeasibility[0].facts.iter().any(|f| f.contains("0 other eligible posts")),
        "{:?}",
        out.plan.infeasibility[0].facts
    );
}

#[test]
fn pins_bind() {
    let t = two_chairs();
    let s = t.scenario();
    let p = policy_with(&[]);
    let a = s.cadre_by_code("A").unwrap();
    let p2 = s.post_by_code("P2").unwrap();
    let pins = rotaplan::formulation::Pins { force: vec![(a, p2)], ..Default::default() };
    let out = plan(&s, &p, rotaplan::formulation::FormulationSettings { pins: pins.clone(), ..Default::default() });
    assert_eq!(holder(&s, &out, "P2").as_deref(), Some("A"));
    assert_eq!(holder(&s, &out, "P1").as_deref(), Some("B"), "the key post A left is refilled");
    assert_compliant(&s, &p, &out, &pins);
    assert_eq!(out.plan.settings.pins.force, vec!["A=P2".to_string()]);
    // keep + vacant that contradict each other are reported as the pin
    let pins = rotaplan::formulation::Pins {
        keep: vec![a],
        vacant: vec![s.post_by_code("P1").unwrap()],
        ..Default::default()
    };
    let out = plan(&s, &p, rotaplan::formulation::FormulationSettings { pins, ..Default::default() });
    assert_eq!(out.plan.status, "infeasible");
    assert!(out.plan.infeasibility.iter().all(|r| r.rule == "pin"), "{:?}", out.plan.infeasibility);
}

/// A roadmap's holds (the minimum rotation length) are kept where the hard rules allow, and
/// the fewest give when they cannot all hold: A's nine years force A out, A can only go where
/// B or C sits, so exactly one of the two holds gives, never both (as pins, the same keeps
/// leave no plan at all).
#[test]
fn holds_give_only_where_a_hard_rule_needs_it_and_as_few_as_possible() {
    let mut t = two_chairs();
    t.unit("UB3", UnitKind::PeoplesCommittee, "311", Level::District).post(
        "P3",
        "UB3",
        Role::PcChair,
        Level::District,
        None,
        true,
        Some("C"),
    );
    let c = t.cadre("C", d(1977, 5, 1));
    c.post = Some("P3".into());
    spell(c, Role::PcChair, Level::District, "311", "P3", d(2019, 1, 1));
    let s = t.scenario();
    let id = |code: &str| s.cadre_by_code(code).unwrap();
    // without the tenure cap, both holds stay whatever suitability prefers
    let loose = policy_with(&[]);
    let held = vec![id("B"), id("C")];
    let settings = || rotaplan::formulation::FormulationSettings { held: held.clone(), ..Default::default() };
    let out = plan(&s, &loose, settings());
    assert_eq!(out.plan.status, "optimal");
    assert_eq!((holder(&s, &out, "P2").as_deref(), holder(&s, &out, "P3").as_deref()), (Some("B"), Some("C")));
    assert_eq!(out.plan.stages[0].name, "held");
    assert_eq!(out.plan.stages[0].value, 2.0);
    // with it, A must leave P1 for P2 or P3: one hold gives, the other stays
    let capped = policy_with(&["tenure-cap"]);
    let out = plan(&s, &capped, settings());
    assert_eq!(out.plan.status, "optimal");
    assert_ne!(holder(&s, &out, "P1").as_deref(), Some("A"));
    let stayed = [("B", "P2"), ("C", "P3")].iter().filter(|(c, p)| holder(&s, &out, p).as_deref() == Some(*c)).count();
    assert_eq!(stayed, 1, "{:?}", out.plan.posts);
    assert_eq!(out.plan.stages[0].value, 1.0);
    assert!(out.plan.stages[0].proven);
    assert_compliant(&s, &capped, &out, &Default::default());
    // as pins, the same keeps make the year infeasible
    let pins = rotaplan::formulation::Pins { keep: held.clone(), ..Default::default() };
    let out = plan(&s, &capped, rotaplan::formulation::FormulationSettings { pins, ..Default::default() });
    assert_eq!(out.plan.status, "infeasible");
}

/// A commune People's Committee with two local vice-chairs (cap 2, class II) and a third, R,
/// who holds the extra seat ("ngoài số lượng"), rotated in from `rotated_from`.
fn rotated_in_vice_chair(rotated_from: Option<&str>) -> Tiny {
    let mut t = Tiny::new();
    t.unit("UBX", UnitKind::PeoplesCommittee, "X1", Level::Commune)
        .post("V1", "UBX", Role::PcViceChair, Level::Commune, None, false, Some("A"))
        .post("V2", "UBX", Role::PcViceChair, Level::Commune, None, false, Some("B"))
        .post("V3", "UBX", Role::PcViceChair, Level::Commune, None, false, Some("R"))
        .supernumerary("V3");
    for (id, post) in [("A", "V1"), ("B", "V2"), ("R", "V3")] {
        let c = t.cadre(id, d(1985, 1, 1));
        c.post = Some(post.into());
        spell(c, Role::PcViceChair, Level::Commune, "X1", post, d(2020, 3, 2));
    }
    t.raw.cadres[2].rotated_from = rotated_from.map(Into::into);
    t
}

#[test]
fn a_cadre_rotated_in_keeps_the_extra_seat_and_the_caps_allowance() {
    let p = policy_with(&["vice-chair-cap-commune"]);
    // R came from X2: the extra seat is his, and he counts under the "+1 for a rotated cadre"
    let s = rotated_in_vice_chair(Some("X2")).scenario();
    let out = plan_default(&s, &p);
    assert_eq!(out.plan.status, "optimal");
    assert_eq!(holder(&s, &out, "V3").as_deref(), Some("R"), "a rotated cadre stays in his extra seat");
    assert_compliant(&s, &p, &out, &Default::default());
    // the same people with R not marked as rotated in: three local vice-chairs exceed the cap,
    // and the checker says so of the status quo
    let s = rotated_in_vice_chair(None).scenario();
    let mut a = Assignment::default();
    for (post, c) in [("V1", "A"), ("V2", "B"), ("V3", "R")] {
        a.holder.insert(s.post_by_code(post).unwrap(), s.cadre_by_code(c).unwrap());
    }
    let r = check_assignment(&s, &p, &a);
    assert!(
        r.violations.iter().any(|v| v.detail.contains("3 from the locality")),
        "three local vice-chairs over a cap of 2: {:?}",
        r.violations
    );
    // rotated in from inside the commune itself is no rotation: same verdict
    let s = rotated_in_vice_chair(Some("X1")).scenario();
    assert!(!check_assignment(&s, &p, &a).compliant());
    // coming back to the commune one was rotated out of is coming home: the extra seat is not
    // for Q, who holds a post in X2 as a cadre rotated out of X1
    let mut t = rotated_in_vice_chair(Some("X2"));
    t.unit("UBY", UnitKind::PeoplesCommittee, "X2", Level::Commune).post(
        "W1",
        "UBY",
        Role::PcViceChair,
        Level::Commune,
        None,
        false,
        Some("Q"),
    );
    let q = t.cadre("Q", d(1990, 1, 1));
    q.post = Some("W1".into());
    q.rotated_from = Some("X1".into());
    let s = t.scenario();
    let judge = rotaplan::formulation::Judge::new(&s, &p);
    let (q, v3) = (s.cadre_by_code("Q").unwrap(), s.post_by_code("V3").unwrap());
    assert!(judge.judge(q, v3).is_err(), "Q is coming home, not being sent in");
    let r = s.cadre_by_code("R").unwrap();
    let w1 = s.post_by_code("W1").unwrap();
    assert!(judge.judge(r, w1).is_ok(), "R, rotated in from X2, may go back to X2");
}

#[test]
fn a_cadre_forced_out_with_too_little_service_left_to_move_is_released() {
    // A: 9 years as district chair, born January 1964, so about 4 years of service left on the
    // plan date: the tenure cap forces him out, the service-left rule (5 years for a forced
    // move) forbids moving him, and release_if_service_left_below (2) does not reach him; his
    // post is not a key one, so it may stay vacant
    let mut t = two_chairs();
    t.raw.cadres.iter_mut().find(|c| c.id == "A").unwrap().birth_date = d(1964, 1, 15);
    t.raw.posts.iter_mut().find(|p| p.id == "P1").unwrap().key = false;
    let s = t.scenario();
    let p = policy_with(&["tenure-cap", "service-left"]);
    let out = plan_default(&s, &p);
    assert_eq!(out.plan.status, "optimal", "{:?}", out.plan.infeasibility);
    let released: Vec<&str> = out.assignment.released.iter().map(|c| s.cadre(*c).code.as_str()).collect();
    assert_eq!(released, vec!["A"]);
    assert_compliant(&s, &p, &out, &Default::default());
    // the checker's own reading: B (about 25 years left, not capped) may not be released
    let mut a = out.assignment.clone();
    a.holder.retain(|_, c| s.cadre(*c).code != "B");
    a.released.insert(s.cadre_by_code("B").unwrap());
    let r = check_assignment(&s, &p, &a);
    assert!(r.violations.iter().any(|v| v.detail.contains("B is released")), "{:?}", r.violations);
}
