//! Reading the conclusion right (issue 11): one small scenario per reading, tested at and
//! around its boundary, with the solver, the independent checker and the explanations agreeing.

mod common;

use common::*;
use rotaplan::check::Assignment;
use rotaplan::formulation::{Formulation, FormulationSettings, Judge, Reason, RuleRef};
use rotaplan::model::facts::{Facts, PlanningMatch, Retirement};
use rotaplan::model::policy::{Provenance, RuleBody};
use rotaplan::model::*;

fn hist(c: &mut raw::RawCadre, role: Role, level: Level, locality: &str, from: Date, to: Option<Date>) {
    c.history.push(raw::HistoryEntry { role, level, locality: locality.into(), post: None, from, to });
}

/// A district party secretary of 311 whose hometown is the city (not local by hometown), with
/// a history in 311 built by `history`; a second district 312 whose secretary comes from 312.
fn secretary_with_history(history: impl FnOnce(&mut raw::RawCadre)) -> Tiny {
    let mut t = Tiny::new();
    t.unit("HU1", UnitKind::PartyCommittee, "311", Level::District)
        .unit("HU2", UnitKind::PartyCommittee, "312", Level::District)
        .post("BT1", "HU1", Role::PartySecretary, Level::District, None, true, Some("A"))
        .post("BT2", "HU2", Role::PartySecretary, Level::District, None, true, Some("B"));
    let a = t.cadre("A", d(1970, 1, 1));
    a.post = Some("BT1".into());
    a.hometown = "31".into();
    history(a);
    let b = t.cadre("B", d(1971, 1, 1));
    b.post = Some("BT2".into());
    b.hometown = "X3".into();
    spell(b, Role::PartySecretary, Level::District, "312", "BT2", d(2019, 1, 1));
    t
}

fn stays(s: &Scenario) -> Assignment {
    let mut a = Assignment::default();
    for c in s.cadre_ids() {
        if let Some(p) = s.cadre(c).post {
            a.holder.insert(p, c);
        }
    }
    a
}

/// Whether A is local to district 311, after checking that the facts, the checker (on the
/// status quo), the explanation layer and the solver all read it the same way.
fn local_everywhere(t: &Tiny) -> bool {
    let s = t.scenario();
    let p = policy_with(&["non-local-district-secretary"]);
    let facts = Facts::new(&s, &p);
    let a = s.cadre_by_code("A").unwrap();
    let d311 = s.locality_by_code("311").unwrap();
    let local = facts.is_local(a, d311);
    // the checker on the status quo: 311 is met exactly when A is not local
    let r = check_assignment(&s, &p, &stays(&s));
    let tgt = r.targets.iter().find(|t| p.rules[t.rule].id == "non-local-district-secretary").unwrap();
    let met_311 = tgt.satisfied.contains(&d311);
    assert_eq!(met_311, !local, "checker and facts disagree");
    // the explanation reads the same fact
    let judge = Judge::new(&s, &p);
    assert_eq!(judge.facts.local_reason(a, d311).is_some(), local);
    // the solver: B is local to 312 (hometown); at 50% of 2 districts the plan must make one
    // district non-local: with A non-local it keeps everyone, with A local it swaps them
    let out = plan_default(&s, &p);
    let kept = holder(&s, &out, "BT1").as_deref() == Some("A");
    assert_eq!(kept, !local, "the solver reads 'local' as the checker does");
    assert_compliant(&s, &p, &out, &Default::default());
    local
}

#[test]
fn ten_years_worked_counts_the_last_day_of_a_closed_spell() {
    // exactly 10 years: 8 as vice-chair to the spell's last day worked, then 2 as secretary
    let t = secretary_with_history(|a| {
        hist(a, Role::PcViceChair, Level::District, "311", d(2011, 3, 2), Some(d(2019, 3, 1)));
        spell(a, Role::PartySecretary, Level::District, "311", "BT1", d(2019, 3, 2));
    });
    assert!(local_everywhere(&t), "exactly 10 years worked is local");
    // 10 years less a day
    let t = secretary_with_history(|a| {
        hist(a, Role::PcViceChair, Level::District, "311", d(2011, 3, 3), Some(d(2019, 3, 1)));
        spell(a, Role::PartySecretary, Level::District, "311", "BT1", d(2019, 3, 2));
    });
    assert!(!local_everywhere(&t), "a day short of 10 years is not local");
    // one closed spell of exactly 10 years ending the day before the plan date
    let t = secretary_with_history(|a| {
        hist(a, Role::PcViceChair, Level::District, "311", d(2011, 3, 2), Some(d(2021, 3, 1)));
    });
    let s = t.scenario();
    let p = policy();
    let facts = Facts::new(&s, &p);
    let a = s.cadre_by_code("A").unwrap();
    let years = facts.years_worked(a, s.locality_by_code("311").unwrap());
    assert!((years - 10.0).abs() < 1e-9, "{years}");
}

#[test]
fn spells_joined_end_to_end_and_overlapping_count_once() {
    // three spells: 2011-03-02..2014-12-31, 2015-01-01..2019-03-01 (joined end to end), and an
    // overlapping concurrent post 2016-01-01..2017-01-01; then secretary from 2019-03-02
    let t = secretary_with_history(|a| {
        hist(a, Role::StandingMember, Level::District, "311", d(2011, 3, 2), Some(d(2014, 12, 31)));
        hist(a, Role::PcViceChair, Level::District, "311", d(2015, 1, 1), Some(d(2019, 3, 1)));
        hist(a, Role::DeputyPartySecretary, Level::District, "311", d(2016, 1, 1), Some(d(2017, 1, 1)));
        spell(a, Role::PartySecretary, Level::District, "311", "BT1", d(2019, 3, 2));
    });
    assert!(local_everywhere(&t));
    // a one-day gap breaks nothing but loses that day: 10 years less a day
    let t = secretary_with_history(|a| {
        hist(a, Role::StandingMember, Level::District, "311", d(2011, 3, 2), Some(d(2014, 12, 30)));
        hist(a, Role::PcViceChair, Level::District, "311", d(2015, 1, 1), Some(d(2019, 3, 1)));
        spell(a, Role::PartySecretary, Level::District, "311", "BT1", d(2019, 3, 2));
    });
    assert!(!local_everywhere(&t));
}

/// District 311: a vice-chair V and a chair C; district 312: a vacant deputy secretary post, a
/// vacant standing-member post and a vacant secretary post.
fn promotions() -> Tiny {
    let mut t = Tiny::new();
    t.unit("UB1", UnitKind::PeoplesCommittee, "311", Level::District)
        .unit("HU2", UnitKind::PartyCommittee, "312", Level::District)
        .post("VC1", "UB1", Role::PcViceChair, Level::District, None, false, Some("V"))
        .post("CT1", "UB1", Role::PcChair, Level::District, None, false, Some("C"))
        .post("PBT2", "HU2", Role::DeputyPartySecretary, Level::District, None, false, None)
        .post("UV2", "HU2", Role::StandingMember, Level::District, None, false, None)
        .post("BT2", "HU2", Role::PartySecretary, Level::District, None, false, None);
    let v = t.cadre("V", d(1980, 1, 1));
    v.post = Some("VC1".into());
    spell(v, Role::PcViceChair, Level::District, "311", "VC1", d(2018, 1, 1));
    let c = t.cadre("C", d(1978, 1, 1));
    c.post = Some("CT1".into());
    spell(c, Role::PcChair, Level::District, "311", "CT1", d(2018, 1, 1));
    t
}

#[test]
fn equivalence_joins_only_posts_of_one_rank() {
    let t = promotions();
    let s = t.scenario();
    let p = policy_with(&["movers-in-planning"]);
    let judge = Judge::new(&s, &p);
    let (v, c) = (s.cadre_by_code("V").unwrap(), s.cadre_by_code("C").unwrap());
    let post = |code: &str| s.post_by_code(code).unwrap();
    // vice-chair → deputy secretary, chair → secretary: promotions, need the planning
    for (who, to) in [(v, "PBT2"), (c, "BT2")] {
        let e = judge.judge(who, post(to)).unwrap_err();
        assert_eq!(e.reason, Reason::NotInPlanning, "{to}");
    }
    // vice-chair → standing member: the same rank, a lateral move
    assert!(judge.judge(v, post("UV2")).is_ok());
    // with a planning entry the promotion is allowed
    let mut t = promotions();
    t.raw.cadres[0].planning.push(raw::PlanningEntry {
        role: Role::DeputyPartySecretary,
        level: Level::District,
        post: None,
    });
    let s = t.scenario();
    let judge = Judge::new(&s, &p);
    assert!(judge.judge(s.cadre_by_code("V").unwrap(), s.post_by_code("PBT2").unwrap()).is_ok());
    // the shipped policy's groups pass the rank check; a mixed group does not
    assert!(policy().problems().is_empty(), "{:?}", policy().problems());
    let mut bad = policy();
    bad.equivalent_roles[0].roles.push(Role::DeputyPartySecretary);
    let problems = bad.problems();
    assert!(
        problems.iter().any(|x| x.path == "equivalent_roles[0].roles" && x.message.contains("different ranks")),
        "{problems:?}"
    );
}

#[test]
fn the_solver_does_not_promote_without_planning() {
    // V must leave (9 years as vice-chair); the only vacancies elsewhere are a deputy
    // secretary post (a promotion) and a standing-member post (the same rank)
    let mut t = promotions();
    t.raw.cadres[0].history[0].from = d(2012, 1, 1);
    let s = t.scenario();
    let p = policy_with(&["movers-in-planning", "tenure-cap"]);
    let out = plan_default(&s, &p);
    assert_eq!(holder(&s, &out, "UV2").as_deref(), Some("V"));
    assert_eq!(holder(&s, &out, "PBT2"), None);
    assert_compliant(&s, &p, &out, &Default::default());
}

#[test]
fn a_planning_entry_for_one_post_reaches_equivalent_posts() {
    let mut t = promotions();
    // C (a chair) is planned for one post: the standing member of 312 — a post of the same
    // role in another district, or of an equivalent role of that rank, counts too
    t.unit("HU1", UnitKind::PartyCommittee, "311", Level::District)
        .unit("UB2", UnitKind::PeoplesCommittee, "312", Level::District)
        .post("UV1", "HU1", Role::StandingMember, Level::District, None, false, None)
        .post("VC2", "UB2", Role::PcViceChair, Level::District, None, false, None);
    t.raw.cadres[1].planning.push(raw::PlanningEntry {
        role: Role::StandingMember,
        level: Level::District,
        post: Some("UV2".into()),
    });
    let s = t.scenario();
    let p = policy_with(&["movers-in-planning"]);
    let facts = Facts::new(&s, &p);
    let c = s.cadre_by_code("C").unwrap();
    let m = |code: &str| facts.planning_match(c, s.post_by_code(code).unwrap());
    assert_eq!(m("UV2"), PlanningMatch::Post);
    assert_eq!(m("UV1"), PlanningMatch::Role, "the same role in another district");
    assert_eq!(m("VC2"), PlanningMatch::Equivalent, "a vice-chair is of the standing member's rank");
    assert_eq!(m("PBT2"), PlanningMatch::None, "a deputy secretary is a rank higher");
    // the chair is not equivalent to a standing member: only the planning entry lets him go
    let judge = Judge::new(&s, &p);
    for ok in ["UV1", "UV2", "VC2"] {
        assert!(judge.judge(c, s.post_by_code(ok).unwrap()).is_ok(), "{ok}");
    }
    assert_eq!(judge.judge(c, s.post_by_code("PBT2").unwrap()).unwrap_err().reason, Reason::NotInPlanning);
}

/// Holders of a city deputy director post and a district standing member post, in post since
/// `from`, each with an equivalent vacancy to move to.
fn tenure_levels(from: Date) -> Tiny {
    let mut t = Tiny::new();
    t.unit("S1", UnitKind::Department, "31", Level::City)
        .unit("S2", UnitKind::Department, "31", Level::City)
        .unit("HU1", UnitKind::PartyCommittee, "311", Level::District)
        .unit("HU2", UnitKind::PartyCommittee, "312", Level::District)
        .post("PGD1", "S1", Role::DeputyDirector, Level::City, None, false, Some("G"))
        .post("PGD2", "S2", Role::DeputyDirector, Level::City, None, false, None)
        .post("UV1", "HU1", Role::StandingMember, Level::District, None, false, Some("U"))
        .post("UV2", "HU2", Role::StandingMember, Level::District, None, false, None);
    for (id, post, role, level, loc) in [
        ("G", "PGD1", Role::DeputyDirector, Level::City, "31"),
        ("U", "UV1", Role::StandingMember, Level::District, "311"),
    ] {
        let c = t.cadre(id, d(1975, 1, 1));
        c.post = Some(post.into());
        spell(c, role, level, loc, post, from);
    }
    t
}

#[test]
fn the_tenure_cap_reads_alike_at_every_level() {
    let p = policy_with(&["tenure-cap", "same-level", "movers-in-planning"]);
    // the reading is written beside the rule, quoting the phrase
    let rule = p.rule("tenure-cap").unwrap();
    assert!(rule.reads_vi.as_deref().unwrap().contains("giữ vị trí lãnh đạo 2 nhiệm kỳ (8 năm liên tục) trở lên"));
    let RuleBody::TenureCap(cap) = &rule.body else { panic!() };
    for role in [Role::DeputyDirector, Role::StandingMember, Role::PcViceChair, Role::Director] {
        assert!(cap.roles.contains(&role), "{role}");
    }
    // exactly 8 years: both must leave
    let t = tenure_levels(d(2013, 3, 2));
    let s = t.scenario();
    let out = plan_default(&s, &p);
    assert_eq!(holder(&s, &out, "PGD2").as_deref(), Some("G"));
    assert_eq!(holder(&s, &out, "UV2").as_deref(), Some("U"));
    let r = assert_compliant(&s, &p, &out, &Default::default());
    assert_eq!(r.targets.iter().filter(|t| p.rules[t.rule].id == "tenure-cap").count(), 2);
    // the staying plan breaks the cap for both, says the checker
    let r = check_assignment(&s, &p, &stays(&s));
    assert_eq!(r.violations.len(), 2, "{:?}", r.violations);
    // a day short of 8 years: nobody is capped, by the solver or the checker
    let t = tenure_levels(d(2013, 3, 3));
    let s = t.scenario();
    let out = plan_default(&s, &p);
    assert_eq!(holder(&s, &out, "PGD1").as_deref(), Some("G"));
    assert!(check_assignment(&s, &p, &stays(&s)).compliant());
    let f = Formulation::build(&s, &p, &FormulationSettings::default());
    assert!(f.judge.cadre.iter().all(|c| !c.tenure_capped));
}

#[test]
fn a_kept_cadre_against_the_tenure_cap_names_the_cap_and_the_years() {
    let t = tenure_levels(d(2012, 1, 1));
    let s = t.scenario();
    let p = policy_with(&["tenure-cap"]);
    let g = s.cadre_by_code("G").unwrap();
    let pins = rotaplan::formulation::Pins { keep: vec![g], ..Default::default() };
    let out = plan(&s, &p, FormulationSettings { pins, ..Default::default() });
    assert_eq!(out.plan.status, "infeasible");
    let facts: Vec<&String> = out.plan.infeasibility.iter().flat_map(|r| r.facts.iter()).collect();
    assert!(
        facts.iter().any(|f| f.contains("No one holds a leadership post")
            && f.contains("9.2 years")
            && f.contains("under 8.0")),
        "{facts:?}"
    );
}

/// Two districts with a vacant district vice-chair post each; two young division heads in the
/// planning.
fn district_pool() -> Tiny {
    let mut t = Tiny::new();
    t.unit("S1", UnitKind::Department, "31", Level::City)
        .unit("UB1", UnitKind::PeoplesCommittee, "311", Level::District)
        .unit("UB2", UnitKind::PeoplesCommittee, "312", Level::District)
        .post("DH1", "S1", Role::DivisionHead, Level::City, None, false, Some("Y"))
        .post("DH2", "S1", Role::DivisionHead, Level::City, None, false, Some("Z"))
        .post("VC1", "UB1", Role::PcViceChair, Level::District, None, false, None)
        .post("VC2", "UB2", Role::PcViceChair, Level::District, None, false, None);
    for (id, born, post) in [("Y", d(1990, 1, 1), "DH1"), ("Z", d(1991, 1, 1), "DH2")] {
        let c = t.cadre(id, born);
        c.post = Some(post.into());
        c.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level: Level::District, post: None });
    }
    t
}

#[test]
fn a_strive_for_band_is_a_floor() {
    let t = district_pool();
    let s = t.scenario();
    let p = policy_with(&["young-district-eligibility", "young-district-leader"]);
    let out = plan_default(&s, &p);
    // 2021: "phấn đấu 40%-60%" of 2 districts; both districts get a young leader, and that is
    // not a shortfall
    assert!(holder(&s, &out, "VC1").is_some() && holder(&s, &out, "VC2").is_some());
    let r = assert_compliant(&s, &p, &out, &Default::default());
    let t = r.targets.iter().find(|t| p.rules[t.rule].id == "young-district-leader").unwrap();
    assert!(t.met() && t.achieved == 2.0 && t.hi.is_none(), "{t:?}");
    // the bands the policy applies: floors where the text strives, the term's cap otherwise
    let band = |id: &str, m: &str| match &p.rule(id).unwrap().body {
        RuleBody::Coverage(c) => c.band(m).unwrap(),
        RuleBody::RotationQuota(q) => q.band(m).unwrap(),
        _ => unreachable!(),
    };
    assert_eq!(band("young-district-leader", "2021"), [0.40, 1.0]);
    assert_eq!(band("district-rotated-out", "2021"), [0.40, 1.0]);
    assert_eq!(band("young-commune-vice-chair", "2021"), [0.10, 0.25]);
    assert_eq!(band("young-commune-vice-chair", "term_end"), [0.20, 0.25]);
    assert_eq!(band("city-agency-rotation", "2021"), [0.02, 0.05]);
}

#[test]
fn assumed_values_are_marked_and_the_end_of_term_non_local_rule_is_a_target() {
    let p = policy();
    let rule = p.rule("non-local-district-secretary").unwrap();
    assert_eq!(rule.provenance_of("bands.2021"), Some(Provenance::Assumption));
    assert_eq!(rule.provenance_of("bands.2024"), Some(Provenance::Assumption));
    assert_eq!(rule.provenance_of("bands.term_end"), Some(Provenance::Assumption));
    let RuleBody::Coverage(c) = &rule.body else { panic!() };
    assert!(c.strength.hard_at.is_empty(), "\"cơ bản\" is a target");
    let top = p.rules.iter().filter_map(|r| rotaplan::model::policy::strength_of(&r.body)).map(|s| s.weight).max();
    assert_eq!(Some(c.strength.weight), top, "with the highest weight");
    assert_eq!(p.rule("young-district-leader").unwrap().provenance_of("bands.2021"), Some(Provenance::Conclusion));
    // every rule says what it reads or where it comes from
    for r in &p.rules {
        assert!(r.provenance.is_some(), "{} has no provenance", r.id);
    }
    // at the end of the term two local secretaries that cannot move no longer make the plan
    // infeasible: the shortfall is priced
    let mut t = Tiny::new();
    t.unit("HU1", UnitKind::PartyCommittee, "311", Level::District)
        .unit("HU2", UnitKind::PartyCommittee, "312", Level::District)
        .post("BT1", "HU1", Role::PartySecretary, Level::District, None, true, Some("A"))
        .post("BT2", "HU2", Role::PartySecretary, Level::District, None, true, Some("B"));
    for (id, post, loc) in [("A", "BT1", "311"), ("B", "BT2", "312")] {
        let c = t.cadre(id, d(1972, 1, 1));
        c.post = Some(post.into());
        c.local_to = vec!["311".into(), "312".into()];
        spell(c, Role::PartySecretary, Level::District, loc, post, d(2019, 1, 1));
    }
    let s = t.scenario();
    let mut p = policy_with(&["non-local-district-secretary"]);
    p.milestone = "term_end".into();
    let out = plan_default(&s, &p);
    assert_eq!(out.plan.status, "optimal");
    let row = out.plan.targets.iter().find(|t| t.rule == "non-local-district-secretary").unwrap();
    assert!(!row.met);
}

/// A hard non-local rule at the end of the term that cannot hold: the secretary of 311 is
/// local, has 4 years of service left, and cannot stay, rotate or be released.
#[test]
fn an_infeasible_non_local_rule_names_the_district_the_person_and_each_option() {
    let mut t = Tiny::new();
    t.unit("HU1", UnitKind::PartyCommittee, "311", Level::District)
        .unit("HU2", UnitKind::PartyCommittee, "312", Level::District)
        .post("BT1", "HU1", Role::PartySecretary, Level::District, None, true, Some("A"))
        .post("BT2", "HU2", Role::PartySecretary, Level::District, None, true, Some("B"));
    // A retires on 2025-04-01 (61y3m in 2025): 4.1 years of service left
    let a = t.cadre("A", d(1964, 1, 1));
    a.post = Some("BT1".into());
    a.hometown = "X1".into();
    spell(a, Role::PartySecretary, Level::District, "311", "BT1", d(2019, 1, 1));
    let b = t.cadre("B", d(1975, 1, 1));
    b.post = Some("BT2".into());
    b.hometown = "X1".into();
    spell(b, Role::PartySecretary, Level::District, "312", "BT2", d(2019, 1, 1));
    let s = t.scenario();
    let mut p = policy_with(&["non-local-district-secretary", "service-left", "movers-in-planning"]);
    if let Some(RuleBody::Coverage(c)) =
        p.rules.iter_mut().find(|r| r.id == "non-local-district-secretary").map(|r| &mut r.body)
    {
        c.strength.hard_at = vec!["term_end".into()];
    }
    p.milestone = "term_end".into();
    let out = plan_default(&s, &p);
    assert_eq!(out.plan.status, "infeasible");
    let row = out.plan.infeasibility.iter().find(|r| r.rule == "non-local-district-secretary").unwrap();
    let facts = row.facts.join("\n");
    assert!(facts.contains("Huyện Một"), "{facts}");
    assert!(facts.contains("stay: Nguyễn Văn A (A) is local to Huyện Một (hometown Xã Một)"), "{facts}");
    assert!(facts.contains("rotate: 0 other eligible posts"), "{facts}");
    assert!(facts.contains("years of service left, needs at least 5.0"), "{facts}");
    assert!(facts.contains("release:") && facts.contains("release needs fewer than 2.0"), "{facts}");
    // the same in Vietnamese from the plan
    let f =
        Formulation::build(&s, &p, &FormulationSettings { milestone: Some("term_end".into()), ..Default::default() });
    let pins = out.plan.settings.pins.to_pins(&s).unwrap();
    let vi = rotaplan::explain::infeasibility_text(&f, &out.plan.infeasibility, &pins, rotaplan::explain::Lang::Vi);
    assert!(vi.contains("ở lại: Nguyễn Văn A (A) là người địa phương Huyện Một"), "{vi}");
    assert!(vi.contains("thôi giữ chức vụ:"), "{vi}");
}

#[test]
fn commune_peoples_committee_teams_keep_the_age_tiers_and_fields() {
    let mut t = Tiny::new();
    t.unit("UBX", UnitKind::PeoplesCommittee, "X1", Level::Commune)
        .team("TX", TeamKind::PcLeadership, "X1")
        .post("CTX", "UBX", Role::PcChair, Level::Commune, Some("TX"), true, Some("C"))
        .post("VX1", "UBX", Role::PcViceChair, Level::Commune, Some("TX"), false, Some("V"))
        .post("VX2", "UBX", Role::PcViceChair, Level::Commune, Some("TX"), false, None);
    let c = t.cadre("C", d(1970, 1, 1));
    c.post = Some("CTX".into());
    let v = t.cadre("V", d(1980, 1, 1));
    v.post = Some("VX1".into());
    // two young civil servants of the commune in the planning: a better-rated lawyer (the
    // team's only field so far) and an economist
    for (id, field, rating) in [("Y1", Field::Law, Rating::Excellent), ("Y2", Field::Economics, Rating::Good)] {
        let y = t.cadre(id, d(1993, 6, 1));
        y.workplace = Some("UBX".into());
        y.management = Management::None;
        y.education.field = field;
        y.ratings.insert("2020".into(), rating);
        y.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level: Level::Commune, post: None });
    }
    let s = t.scenario();
    let without = policy_with(&["young-commune-eligibility"]);
    let out = plan_default(&s, &without);
    assert_eq!(holder(&s, &out, "VX2").as_deref(), Some("Y1"));
    let p = policy_with(&["young-commune-eligibility", "team-mix"]);
    let out = plan_default(&s, &p);
    assert_eq!(holder(&s, &out, "VX2").as_deref(), Some("Y2"), "an economist mixes the fields");
    let r = assert_compliant(&s, &p, &out, &Default::default());
    let mine: Vec<_> = r.targets.iter().filter(|t| p.rules[t.rule].id == "team-mix").collect();
    assert_eq!(mine.len(), 2, "age tiers and fields of the commune team: {mine:?}");
    assert!(mine.iter().all(|t| t.met()), "{mine:?}");
    // the reading is stated beside the rule
    let shipped = policy();
    let rule = shipped.rule("team-mix").unwrap();
    assert!(rule.reads_vi.as_deref().unwrap().contains("lãnh đạo UBND các địa phương"));
    let RuleBody::TeamMix(tm) = &rule.body else { panic!() };
    assert!(tm.levels.contains(&Level::Commune) && tm.age_tiers.contains_key("commune"));
}

#[test]
fn retirement_ages_follow_the_labour_code_roadmap() {
    let mut t = Tiny::new();
    for (id, born, gender) in [
        ("M1", d(1961, 1, 15), Gender::Male),    // 60y3m in 2021: 2021-04-15
        ("M2", d(1961, 10, 15), Gender::Male),   // 60y3m falls in 2022, when the age is 60y6m: 2022-04-15
        ("M3", d(1970, 1, 1), Gender::Male),     // 62 from 2028: 2032-01-01
        ("F1", d(1966, 1, 10), Gender::Female),  // 55y4m in 2021: 2021-05-10
        ("F2", d(1966, 10, 10), Gender::Female), // 55y8m in 2022: 2022-06-10
    ] {
        t.cadre(id, born).gender = gender;
    }
    let s = t.scenario();
    let p = policy();
    let facts = Facts::new(&s, &p);
    let on = |id: &str| match facts.retirement(s.cadre_by_code(id).unwrap()) {
        Retirement::On(d, _) => d,
        Retirement::Fixed(_) => panic!("the shipped policy has a roadmap"),
    };
    assert_eq!(on("M1"), d(2021, 4, 15));
    assert_eq!(on("M2"), d(2022, 4, 15));
    assert_eq!(on("M3"), d(2032, 1, 1));
    assert_eq!(on("F1"), d(2021, 5, 10));
    assert_eq!(on("F2"), d(2022, 6, 10));
    let left = facts.service_left(s.cadre_by_code("M2").unwrap());
    assert!((left - (1.0 + 44.0 / 366.0)).abs() < 1e-9, "{left}");
}

#[test]
fn release_is_judged_on_the_roadmap_at_the_boundary() {
    // two chairs: R reaches retirement 2 years less two days after the plan date (may be
    // released), K exactly 2 years after it (may not); the plan date is 2021-09-01
    let mut t = Tiny::new();
    t.raw.plan_date = d(2021, 9, 1);
    t.unit("UB1", UnitKind::PeoplesCommittee, "311", Level::District)
        .unit("UB2", UnitKind::PeoplesCommittee, "312", Level::District)
        .post("CT1", "UB1", Role::PcChair, Level::District, None, false, Some("R"))
        .post("CT2", "UB2", Role::PcChair, Level::District, None, false, Some("K"));
    // retirement in 2023 is at 60y9m: born 1962-11-30 retires 2023-08-30; born 1962-12-01
    // retires 2023-09-01
    for (id, born, post) in [("R", d(1962, 11, 30), "CT1"), ("K", d(1962, 12, 1), "CT2")] {
        let c = t.cadre(id, born);
        c.post = Some(post.into());
    }
    let s = t.scenario();
    let p = policy_with(&[]);
    let f = Formulation::build(&s, &p, &FormulationSettings::default());
    let (r, k) = (s.cadre_by_code("R").unwrap(), s.cadre_by_code("K").unwrap());
    assert!(f.release[r.index()].is_some(), "R may be released");
    assert!(f.release[k.index()].is_none(), "K may not");
    let mut a = stays(&s);
    a.holder.retain(|_, c| *c != r && *c != k);
    a.released = [r, k].into_iter().collect();
    let rep = check_assignment(&s, &p, &a);
    let bad: Vec<_> = rep.violations.iter().filter(|v| v.rule == RuleRef::Continuity).collect();
    assert_eq!(bad.len(), 1, "only K's release breaks the rule: {bad:?}");
    assert!(bad[0].detail.starts_with("K "), "{bad:?}");
}

#[test]
fn a_cadre_who_is_not_young_is_judged_by_the_rule_that_applies() {
    for (level, limit, locality) in [(Level::District, 35, "311"), (Level::Commune, 30, "X1")] {
        let mut t = Tiny::new();
        t.unit("S1", UnitKind::Department, "31", Level::City)
            .unit("UB", UnitKind::PeoplesCommittee, locality, level)
            .post("VC", "UB", Role::PcViceChair, level, None, false, None);
        if level == Level::District {
            t.post("DH1", "S1", Role::DivisionHead, Level::City, None, false, Some("O")).post(
                "DH2",
                "S1",
                Role::DivisionHead,
                Level::City,
                None,
                false,
                Some("Y"),
            );
        }
        // O turns `limit` on the plan date; Y a day later
        for (id, born, post) in [("O", d(2021 - limit, 3, 2), "DH1"), ("Y", d(2021 - limit, 3, 3), "DH2")] {
            let c = t.cadre(id, born);
            if level == Level::District {
                c.post = Some(post.into());
            } else {
                c.workplace = Some("UB".into());
            }
            c.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level, post: None });
        }
        let s = t.scenario();
        let p = policy();
        let judge = Judge::new(&s, &p);
        let vc = s.post_by_code("VC").unwrap();
        let o = s.cadre_by_code("O").unwrap();
        let e = judge.judge(o, vc).unwrap_err();
        assert_eq!(e.rule, RuleRef::PoolAdmission, "{level}: {e:?}");
        assert!(matches!(e.reason, Reason::NotYoung { limit: l, .. } if l == limit as u32), "{e:?}");
        assert!(judge.judge(s.cadre_by_code("Y").unwrap(), vc).is_ok(), "{level}: a day younger is young");
        // the checker cites the same rule for a hand plan placing O
        let mut a = stays(&s);
        a.holder.insert(vc, o);
        let r = check_assignment(&s, &p, &a);
        let v = r.violations.iter().find(|v| v.rejection.is_some()).unwrap();
        assert_eq!(v.rule, RuleRef::PoolAdmission);
        let words =
            rotaplan::explain::words::rejection(&s, &p, v.rejection.as_ref().unwrap(), rotaplan::explain::Lang::En);
        assert!(words.contains("not a young cadre") && words.contains("QĐ 50"), "{words}");
        // the solver places Y, never O
        let out = plan_default(&s, &p);
        assert_eq!(holder(&s, &out, "VC").as_deref(), Some("Y"));
    }
}

#[test]
fn a_plan_cites_the_rules_in_force_on_its_date() {
    let p = policy();
    let rule = p.rule("tenure-cap").unwrap();
    assert!(rule.clause_on(d(2021, 3, 2)).contains("QĐ 98-QĐ/TW"));
    assert!(rule.clause_on(d(2022, 4, 27)).contains("QĐ 98-QĐ/TW"));
    assert!(rule.clause_on(d(2022, 4, 28)).contains("QĐ 65-QĐ/TW"));
    assert!(p.clauses_out_of_force(d(2021, 3, 2)).is_empty(), "{:?}", p.clauses_out_of_force(d(2021, 3, 2)));
    for r in &p.rules {
        assert!(!r.clause_on(d(2021, 3, 2)).contains("QĐ 65"), "{} cites QĐ 65 in 2021", r.id);
    }
    // the dates and where the thresholds differ are in the policy
    let q98 = p.instruments.iter().find(|i| i.id == "QĐ 98-QĐ/TW").unwrap();
    assert_eq!(q98.in_force_until, Some(d(2022, 4, 27)));
    assert!(!q98.differs_en.is_empty() && !q98.differs_vi.is_empty());
    // a rule citing QĐ 65 without a dated clause is out of force in 2021
    let mut old = p.clone();
    old.rules.iter_mut().find(|r| r.id == "service-left").unwrap().clause_from.clear();
    old.rules.iter_mut().find(|r| r.id == "service-left").unwrap().clause = "QĐ 65-QĐ/TW (2022) Điều 3".into();
    assert_eq!(old.clauses_out_of_force(d(2021, 3, 2)), vec![("service-left".to_string(), "QĐ 65-QĐ/TW".to_string())]);
    // a 2021 plan's target table cites QĐ 98
    let t = tenure_levels(d(2012, 1, 1));
    let s = t.scenario();
    let pol = policy_with(&["tenure-cap"]).in_force_on(s.plan_date);
    let out = plan_default(&s, &pol);
    let row = out.plan.targets.iter().find(|t| t.rule == "tenure-cap").unwrap();
    assert!(row.clause.contains("QĐ 98-QĐ/TW"), "{}", row.clause);
}

#[test]
fn names_come_back_exactly_as_given() {
    let mut t = district_pool();
    let decomposed = "Nguye\u{0302}\u{0303}n Va\u{0306}n Y"; // "Nguyễn Văn Y", decomposed
    t.raw.cadres[0].name = decomposed.into();
    let s = t.scenario();
    let y = s.cadre_by_code("Y").unwrap();
    assert_eq!(s.cadre(y).name, decomposed);
    assert!(rotaplan::model::scenario::same_name(&s.cadre(y).name, "Nguyễn Văn Y"));
    let p = policy_with(&["young-district-eligibility"]);
    let out = plan_default(&s, &p);
    let m = out.plan.moves.iter().find(|m| m.cadre == "Y").unwrap();
    assert_eq!(m.name, decomposed);
}

#[test]
fn a_key_post_nobody_may_take_names_the_closest_candidates_and_what_they_miss() {
    // the secretary post of 311 is vacant and key; the deputy secretary of 312 would be a
    // promotion without a planning entry
    let mut t = Tiny::new();
    t.unit("HU1", UnitKind::PartyCommittee, "311", Level::District)
        .unit("HU2", UnitKind::PartyCommittee, "312", Level::District)
        .post("BT1", "HU1", Role::PartySecretary, Level::District, None, true, None)
        .post("PBT2", "HU2", Role::DeputyPartySecretary, Level::District, None, false, Some("D"));
    let c = t.cadre("D", d(1975, 1, 1));
    c.post = Some("PBT2".into());
    spell(c, Role::DeputyPartySecretary, Level::District, "312", "PBT2", d(2018, 1, 1));
    let s = t.scenario();
    let p = policy_with(&["movers-in-planning"]);
    let out = plan_default(&s, &p);
    assert_eq!(out.plan.status, "infeasible");
    let row = out.plan.infeasibility.iter().find(|r| r.rule == "key-post-filled").expect("the key post gives");
    assert_eq!(row.subject, "BT1");
    let facts = row.facts.join("\n");
    assert!(facts.contains(": 0 eligible cadres"), "{facts}");
    assert!(
        facts.contains(
            "closest: Nguyễn Văn D (D): A rotated cadre is in the planning for the post or an equivalent one"
        ) && facts.contains("not in the planning for this post or an equivalent one"),
        "{facts}"
    );
}
