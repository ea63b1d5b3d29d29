//! Tiny hand-made scenarios for rule tests: a city, two districts, a few communes, and a
//! builder for units, posts and cadres with sensible defaults.
#![allow(dead_code)]

use std::collections::BTreeMap;

use rotaplan::check::{check, Assignment, CheckReport};
use rotaplan::formulation::{FormulationSettings, Pins};
use rotaplan::model::policy::Policy;
use rotaplan::model::raw::*;
use rotaplan::model::*;
use rotaplan::plan::{make_plan, InputRef, PlanOutcome, PlanRequest};
use rotaplan::solve::SolverSettings;

pub mod random;

pub const POLICY_TOML: &str = include_str!("../../models/haiphong-09-kl-tu.toml");

/// The shipped Hai Phong policy.
pub fn policy() -> Policy {
    toml::from_str(POLICY_TOML).expect("shipped policy parses")
}

/// The shipped policy with only the named rules enabled (ids); the rest disabled.
pub fn policy_with(ids: &[&str]) -> Policy {
    let mut p = policy();
    for r in &mut p.rules {
        r.enabled = ids.contains(&r.id.as_str());
    }
    p
}

pub fn d(y: i32, m: u32, dd: u32) -> Date {
    Date::ymd(y, m, dd).unwrap()
}

/// A tiny scenario builder.
pub struct Tiny {
    pub raw: RawScenario,
}

impl Tiny {
    /// City `31`, districts `311` (X1, X2) and `312` (X3, X4).
    pub fn new() -> Self {
        let loc = |id: &str, name: &str, kind: LocalityKind, parent: Option<&str>| RawLocality {
            id: id.into(),
            name: name.into(),
            kind,
            parent: parent.map(Into::into),
            class: Some(2),
        };
        Tiny {
            raw: RawScenario {
                format: SCENARIO_FORMAT.into(),
                name: "Tiny".into(),
                plan_date: d(2021, 3, 2),
                term: Term { start: 2020, end: 2025 },
                provenance: None,
                localities: vec![
                    loc("31", "Thành phố Nhỏ", LocalityKind::CentralCity, None),
                    loc("311", "Huyện Một", LocalityKind::RuralDistrict, Some("31")),
                    loc("312", "Huyện Hai", LocalityKind::RuralDistrict, Some("31")),
                    loc("X1", "Xã Một", LocalityKind::Commune, Some("311")),
                    loc("X2", "Xã Hai", LocalityKind::Commune, Some("311")),
                    loc("X3", "Xã Ba", LocalityKind::Commune, Some("312")),
                    loc("X4", "Xã Bốn", LocalityKind::Commune, Some("312")),
                ],
                units: vec![],
                teams: vec![],
                posts: vec![],
                cadres: vec![],
            },
        }
    }

    pub fn unit(&mut self, id: &str, kind: UnitKind, locality: &str, level: Level) -> &mut Self {
        self.raw.units.push(RawUnit {
            id: id.into(),
            name: format!("Đơn vị {id}"),
            kind,
            locality: locality.into(),
            level,
        });
        self
    }

    pub fn team(&mut self, id: &str, kind: TeamKind, locality: &str) -> &mut Self {
        self.raw.teams.push(RawTeam {
            id: id.into(),
            name: format!("Tập thể {id}"),
            kind,
            locality: locality.into(),
            key: true,
        });
        self
    }

    #[allow(clippy::too_many_arguments)]
    pub fn post(
        &mut self,
        id: &str,
        unit: &str,
        role: Role,
        level: Level,
        team: Option<&str>,
        key: bool,
        holder: Option<&str>,
    ) -> &mut Self {
        self.raw.posts.push(RawPost {
            id: id.into(),
            title: None,
            unit: unit.into(),
            role,
            level,
            team: team.map(Into::into),
            key,
            supernumerary: false,
            holder: holder.map(Into::into),
        });
        self
    }

    pub fn supernumerary(&mut self, id: &str) -> &mut Self {
        self.raw.posts.iter_mut().find(|p| p.id == id).unwrap().supernumerary = true;
        self
    }

    /// A cadre with defaults: male, born `born`, hometown X1, city committee, bachelor in law
    /// (good), formally trained, rated good 2016-2020, no planning, no history.
    pub fn cadre(&mut self, id: &str, born: Date) -> &mut RawCadre {
        let ratings: BTreeMap<String, Rating> = (2016..=2020).map(|y| (y.to_string(), Rating::Good)).collect();
        self.raw.cadres.push(RawCadre {
            id: id.into(),
            name: format!("Nguyễn Văn {id}"),
            birth_date: born,
            gender: Gender::Male,
            hometown: "X1".into(),
            local_to: vec![],
            post: None,
            workplace: None,
            rotated_from: None,
            civil_servant: true,
            management: Management::CityCommittee,
            education: Education {
                level: EducationLevel::Bachelor,
                field: Field::Law,
                degree_class: Some(DegreeClass::Good),
            },
            formally_trained: true,
            outstanding: false,
            ratings,
            planning: vec![],
            history: vec![],
        });
        self.raw.cadres.last_mut().unwrap()
    }

    pub fn scenario(&self) -> Scenario {
        Scenario::resolve(&self.raw).expect("tiny scenario resolves")
    }
}

/// Adds the current spell for an incumbent (from `from` to now).
pub fn spell(c: &mut RawCadre, role: Role, level: Level, locality: &str, post: &str, from: Date) {
    c.history.push(HistoryEntry { role, level, locality: locality.into(), post: Some(post.into()), from, to: None });
}

pub fn plan(s: &Scenario, p: &Policy, settings: FormulationSettings) -> PlanOutcome {
    let req = PlanRequest {
        scenario: s,
        policy: p,
        scenario_ref: InputRef { name: s.name.clone(), sha256: String::new() },
        policy_ref: InputRef { name: p.id.clone(), sha256: String::new() },
        formulation: settings,
        solver: SolverSettings::builder().time_limit(30.0).build().unwrap(),
        from_plan: None,
        emphasis: None,
    };
    make_plan(&req).expect("solver runs")
}

pub fn plan_default(s: &Scenario, p: &Policy) -> PlanOutcome {
    plan(s, p, FormulationSettings::default())
}

/// The holder of a post after the plan (code).
pub fn holder(s: &Scenario, out: &PlanOutcome, post: &str) -> Option<String> {
    let p = s.post_by_code(post).unwrap();
    out.assignment.holder.get(&p).map(|c| s.cadre(*c).code.clone())
}

/// Runs the independent checker on a plan's assignment and asserts it is compliant.
pub fn assert_compliant(s: &Scenario, p: &Policy, out: &PlanOutcome, pins: &Pins) -> CheckReport {
    let r = check(s, p, &out.plan.milestone, &out.assignment, pins);
    assert!(r.compliant(), "plan violates hard rules: {:#?}", r.violations);
    r
}

pub fn check_assignment(s: &Scenario, p: &Policy, a: &Assignment) -> CheckReport {
    check(s, p, &p.milestone, a, &Pins::default())
}

/// Two district People's Committee chairs; A has 9 years in post, B has 2.
pub fn two_chairs() -> Tiny {
    let mut t = Tiny::new();
    t.unit("UB1", UnitKind::PeoplesCommittee, "311", Level::District)
        .unit("UB2", UnitKind::PeoplesCommittee, "312", Level::District)
        .post("P1", "UB1", Role::PcChair, Level::District, None, true, Some("A"))
        .post("P2", "UB2", Role::PcChair, Level::District, None, true, Some("B"));
    let a = t.cadre("A", d(1975, 5, 1));
    a.post = Some("P1".into());
    spell(a, Role::PcChair, Level::District, "311", "P1", d(2012, 1, 1));
    let b = t.cadre("B", d(1976, 5, 1));
    b.post = Some("P2".into());
    spell(b, Role::PcChair, Level::District, "312", "P2", d(2019, 1, 1));
    t
}
