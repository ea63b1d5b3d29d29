//! The checker as a second, independent reading: it uses none of the formulation's code, and
//! it cites the rule that actually excludes a pair.

mod common;

use common::*;
use rotaplan::check::Assignment;
use rotaplan::formulation::{Reason, RuleRef};
use rotaplan::model::*;

/// The checker's sources name nothing of the formulation but the vocabulary types it reports
/// in (rule references, rejection reasons, move kinds, pins): no judge, no band rounding, no
/// child counting, no tier function. A shared helper would let a misreading pass both sides.
#[test]
fn the_checker_shares_no_code_with_the_formulation() {
    const VOCABULARY: [&str; 5] = ["MoveKind", "Pins", "Reason", "Rejection", "RuleRef"];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![root.join("check.rs")];
    for e in std::fs::read_dir(root.join("check")).expect("src/check/ exists") {
        files.push(e.unwrap().path());
    }
    files.sort();
    let mut found = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap();
            if !code.contains("formulation") {
                continue;
            }
            let names: Vec<&str> = code
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty() && !["use", "crate", "formulation", "pub"].contains(w))
                .collect();
            let vocabulary_only = code.trim_start().starts_with("use crate::formulation::{")
                && names.iter().all(|w| VOCABULARY.contains(w));
            if !vocabulary_only {
                found.push(format!("{}:{}: {}", f.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(files.len() >= 3, "expected src/check.rs and its submodules, found {files:?}");
    assert!(found.is_empty(), "the checker uses the formulation's code:\n{}", found.join("\n"));
}

/// A district with a vacant vice-chair post and a city division head in the pool.
fn district_with_pool(born: Date, planned: bool) -> Tiny {
    let mut t = Tiny::new();
    t.unit("S1", UnitKind::Department, "31", Level::City)
        .unit("UB1", UnitKind::PeoplesCommittee, "311", Level::District)
        .post("DH1", "S1", Role::DivisionHead, Level::City, None, false, Some("P1"))
        .post("VC1", "UB1", Role::PcViceChair, Level::District, None, false, None);
    let c = t.cadre("P1", born);
    c.post = Some("DH1".into());
    spell(c, Role::DivisionHead, Level::City, "31", "DH1", d(2016, 1, 1));
    if planned {
        c.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level: Level::District, post: None });
    }
    t
}

fn place_p1(s: &Scenario) -> Assignment {
    let mut a = Assignment::default();
    a.holder.insert(s.post_by_code("VC1").unwrap(), s.cadre_by_code("P1").unwrap());
    a
}

/// A pool cadre aged 35 on the plan date is not a young cadre: the young-cadre rule of
/// §2.2(1) does not judge them, and what keeps them out is that no rule admits pool
/// candidates of their age (pool admission), with their age as the fact.
#[test]
fn an_older_pool_cadre_is_excluded_by_pool_admission_not_the_young_cadre_rule() {
    let p = policy();
    let s = district_with_pool(d(1986, 3, 2), true).scenario();
    let r = check_assignment(&s, &p, &place_p1(&s));
    assert_eq!(r.violations.len(), 1, "{:#?}", r.violations);
    let v = &r.violations[0];
    assert_eq!(v.rule, RuleRef::PoolAdmission);
    match v.rejection.map(|x| (x.rule, x.reason)) {
        Some((RuleRef::PoolAdmission, Reason::NotYoung { limit: 35, age, .. })) => assert!((age - 35.0).abs() < 0.01),
        other => panic!("expected pool admission for age 35, got {other:?}"),
    }
}

/// A young pool cadre who misses another criterion of the young-cadre rule is excluded by
/// that rule: it does apply to them.
#[test]
fn a_young_pool_cadre_missing_a_criterion_is_excluded_by_the_young_cadre_rule() {
    let p = policy();
    let young_rule = p.rules.iter().position(|r| r.id == "young-district-eligibility").unwrap();
    // a day short of 35
    let s = district_with_pool(d(1986, 3, 3), false).scenario();
    let r = check_assignment(&s, &p, &place_p1(&s));
    assert_eq!(r.violations.len(), 1, "{:#?}", r.violations);
    assert_eq!(r.violations[0].rule, RuleRef::Policy(young_rule));
    assert_eq!(r.violations[0].rejection.map(|x| x.reason), Some(Reason::NotInPlanning));
    // in the planning, the same cadre may take the post
    let s = district_with_pool(d(1986, 3, 3), true).scenario();
    let r = check_assignment(&s, &p, &place_p1(&s));
    assert!(r.compliant(), "{:#?}", r.violations);
}

/// A commune with a vacant vice-chair post (X1), and two young commune civil servants of the
/// same district in the planning for it: one already working in X1, one in X2.
fn commune_with_two_candidates() -> Tiny {
    let mut t = Tiny::new();
    t.unit("UX1", UnitKind::PeoplesCommittee, "X1", Level::Commune)
        .unit("UX2", UnitKind::PeoplesCommittee, "X2", Level::Commune)
        .post("VX1", "UX1", Role::PcViceChair, Level::Commune, None, false, None);
    for (id, workplace) in [("A", "UX1"), ("B", "UX2")] {
        let c = t.cadre(id, d(1994, 6, 1));
        c.workplace = Some(workplace.into());
        c.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level: Level::Commune, post: None });
    }
    t
}

/// A move serves the young-commune target only when the target counts it: a young cadre sent
/// in from another commune does, one who already works in the commune does not.
#[test]
fn a_move_serves_the_sent_in_target_only_when_it_is_counted() {
    let p = policy();
    let rule = p.rules.iter().position(|r| r.id == "young-commune-vice-chair").unwrap();
    let s = commune_with_two_candidates().scenario();
    let post = s.post_by_code("VX1").unwrap();
    for (who, counted) in [("A", false), ("B", true)] {
        let c = s.cadre_by_code(who).unwrap();
        let mut a = Assignment::default();
        a.holder.insert(post, c);
        let r = check_assignment(&s, &p, &a);
        assert!(r.compliant(), "{who}: {:#?}", r.violations);
        let m = r.moves.iter().find(|m| m.cadre == c).unwrap();
        assert_eq!(m.serves.contains(&rule), counted, "{who}: serves {:?}", m.serves);
        let t = r.targets.iter().find(|t| t.rule == rule).unwrap();
        assert_eq!(t.achieved, if counted { 1.0 } else { 0.0 }, "{who}");
    }
}
