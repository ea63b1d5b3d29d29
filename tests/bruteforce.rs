//! Tiny random scenarios (up to 6 cadres) solved by brute force: every assignment the
//! eligibility filter allows is enumerated and judged by the independent checker; the best
//! compliant one (lexicographically: targets, suitability, fewest moves) must score exactly
//! what the solver's plan scores. Also cross-checks each lexicographic stage through good_lp.

mod common;

use common::*;
use rotaplan::check::{check, Assignment, CheckReport};
use rotaplan::formulation::{Formulation, FormulationSettings, Judge, Pins};
use rotaplan::model::*;

/// A deterministic pseudo-random stream (SplitMix64), so every run tests the same scenarios.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn random_scenario(seed: u64) -> Tiny {
    let mut r = Rng(seed);
    let mut t = Tiny::new();
    t.unit("S1", UnitKind::Department, "31", Level::City)
        .unit("UB1", UnitKind::PeoplesCommittee, "311", Level::District)
        .unit("UB2", UnitKind::PeoplesCommittee, "312", Level::District)
        .unit("HU1", UnitKind::PartyCommittee, "311", Level::District)
        .unit("HU2", UnitKind::PartyCommittee, "312", Level::District)
        .team("T1", TeamKind::PcLeadership, "311")
        .post("DH1", "S1", Role::DivisionHead, Level::City, None, false, Some("P1"))
        .post("DH2", "S1", Role::DivisionHead, Level::City, None, false, Some("P2"))
        .post("CT1", "UB1", Role::PcChair, Level::District, Some("T1"), true, Some("I1"))
        .post("VC1", "UB1", Role::PcViceChair, Level::District, Some("T1"), false, Some("I2"))
        .post("CT2", "UB2", Role::PcChair, Level::District, None, true, Some("I3"))
        .post("VC2", "UB2", Role::PcViceChair, Level::District, None, false, None)
        .post("BT1", "HU1", Role::PartySecretary, Level::District, None, false, Some("I4"))
        .post("BT2", "HU2", Role::PartySecretary, Level::District, None, false, None);
    let roles = [
        ("I1", "CT1", Role::PcChair, "311"),
        ("I2", "VC1", Role::PcViceChair, "311"),
        ("I3", "CT2", Role::PcChair, "312"),
        ("I4", "BT1", Role::PartySecretary, "311"),
    ];
    let homes = ["X1", "X2", "X3", "X4"];
    for (id, post, role, loc) in roles {
        let born = d(1962 + r.below(22) as i32, 1 + r.below(12) as u32, 1 + r.below(28) as u32);
        let start = d(2009 + r.below(11) as i32, 1 + r.below(12) as u32, 1);
        let home = homes[r.below(4) as usize];
        let field = [Field::Law, Field::Economics, Field::Politics][r.below(3) as usize];
        let c = t.cadre(id, born);
        c.post = Some(post.into());
        c.hometown = home.into();
        c.education.field = field;
        spell(c, role, Level::District, loc, post, start);
        if r.below(2) == 0 {
            let target = [Role::PcChair, Role::PartySecretary, Role::PcViceChair][r.below(3) as usize];
            c.planning.push(raw::PlanningEntry { role: target, level: Level::District, post: None });
        }
    }
    for (id, post) in [("P1", "DH1"), ("P2", "DH2")] {
        let born = d(1984 + r.below(9) as i32, 1 + r.below(12) as u32, 1);
        let c = t.cadre(id, born);
        c.post = Some(post.into());
        c.hometown = homes[r.below(4) as usize].into();
        c.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level: Level::District, post: None });
        if r.below(3) == 0 {
            c.ratings.insert("2019".into(), Rating::Completed);
        }
    }
    t
}

/// (−weighted shortfall, suitability, −(moves + vacancy cost × priced vacancies)).
fn score(policy: &Policy, r: &CheckReport) -> (i64, i64, i64) {
    let o = &r.objective;
    (
        -(o.target_shortfall.round() as i64),
        o.suitability as i64,
        -((o.moves + policy.objective.vacancy_cost as usize * o.priced_vacancies) as i64),
    )
}

fn brute_force(s: &Scenario, policy: &Policy) -> Option<(i64, i64, i64)> {
    let judge = Judge::new(s, policy);
    let planned: Vec<PostId> = s.post_ids().filter(|p| judge.facts.is_planned_post(*p)).collect();
    let cadres: Vec<CadreId> = s.cadre_ids().collect();
    // options per cadre: None (no planned post / released) or an eligible planned post
    let options: Vec<Vec<Option<PostId>>> = cadres
        .iter()
        .map(|&c| {
            let mut o = vec![None];
            o.extend(planned.iter().filter(|p| judge.judge(c, **p).is_ok()).map(|p| Some(*p)));
            o
        })
        .collect();
    let mut best: Option<(i64, i64, i64)> = None;
    let mut idx = vec![0usize; cadres.len()];
    loop {
        let mut a = Assignment::default();
        let mut clash = false;
        for (k, &c) in cadres.iter().enumerate() {
            match options[k][idx[k]] {
                Some(p) => {
                    if a.holder.insert(p, c).is_some() {
                        clash = true;
                    }
                }
                None => {
                    if judge.cadre[c.index()].incumbent {
                        a.released.insert(c);
                    }
                }
            }
        }
        if !clash {
            let r = check(s, policy, &policy.milestone, &a, &Pins::default());
            if r.compliant() {
                let sc = score(policy, &r);
                if best.is_none_or(|b| sc > b) {
                    best = Some(sc);
                }
            }
        }
        // next combination
        let mut k = 0;
        loop {
            if k == cadres.len() {
                return best;
            }
            idx[k] += 1;
            if idx[k] < options[k].len() {
                break;
            }
            idx[k] = 0;
            k += 1;
        }
    }
}

#[test]
fn solver_matches_brute_force_on_tiny_scenarios() {
    let policy = policy();
    let mut compared = 0;
    for seed in 0..24u64 {
        let t = random_scenario(seed);
        let s = t.scenario();
        let expected = brute_force(&s, &policy);
        let out = plan_default(&s, &policy);
        match expected {
            None => assert_eq!(out.plan.status, "infeasible", "seed {seed}: brute force finds no compliant plan"),
            Some(best) => {
                assert_eq!(out.plan.status, "optimal", "seed {seed}");
                let r = assert_compliant(&s, &policy, &out, &Pins::default());
                assert_eq!(score(&policy, &r), best, "seed {seed}: solver plan is not the lexicographic optimum");
                compared += 1;
            }
        }
    }
    assert!(compared >= 12, "only {compared} feasible tiny scenarios: the generator is too tight");
}

#[test]
fn good_lp_translation_reaches_the_same_stage_optima() {
    let policy = policy();
    for seed in 0..6u64 {
        let s = random_scenario(seed).scenario();
        let f = Formulation::build(&s, &policy, &FormulationSettings::default());
        let r = rotaplan::solve::solve(&f.model, &rotaplan::solve::SolverSettings::default()).unwrap();
        if !r.has_plan() {
            continue;
        }
        let values: Vec<f64> = r.stages.iter().map(|st| st.value).collect();
        for k in 0..values.len() {
            let other = rotaplan::solve::crosscheck::stage_optimum(&f.model, k, &values).expect("good_lp solves");
            assert!((other - values[k]).abs() < 1e-6, "seed {seed} stage {k}: highs {} vs good_lp {other}", values[k]);
        }
    }
}
