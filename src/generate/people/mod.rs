//! The synthetic cadres of one province: incumbents of the planned posts, the candidate pool
//! (city division heads and their deputies, commune civil servants), and a handful of boundary
//! people whose facts sit exactly on the thresholds of the rules.
//!
//! Distributions aim at realism (ages by post, about a quarter women, most rated "good" or
//! better, tenures from a few months to a dozen years), and a few passes then make sure that the
//! Hai Phong policy's hard rules can be met and its 2021 targets reached:
//!
//! - everyone at 8+ years in a tenure-capped post either has 5+ years of service left and a
//!   free equivalent post at their level in another locality (a vacancy, or the post of another
//!   such cadre: they can swap), or has fewer than 2 years left (and may be released);
//! - every open key post (vacant, or held by someone at 8+ years who must leave it) has two
//!   incumbents of the level with 10+ years of service left in the planning for its role;
//! - the province has at least `districts + 2` eligible under-35 district candidates (each in
//!   the planning for a district deputy role, so eligible in every district), and every district
//!   with communes has `ceil(15% × communes) + 2` eligible under-30 civil servants working in
//!   its communes.
//!
//! The work is split by who is generated: [`incumbents`], [`pool`], [`boundary`] people, and
//! the [`guarantees`] passes.

use std::collections::BTreeMap;

use chrono::{Months, TimeDelta};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::model::date::Date;
use crate::model::enums::*;
use crate::model::raw::{Education, HistoryEntry, PlanningEntry, RawCadre};

mod boundary;
mod guarantees;
mod incumbents;
mod pool;

use super::names::{full_name, weighted};
use super::structure::{Scope, Structure};
use super::{apportion, lateral_group, RETIREMENT_AGE_FEMALE, RETIREMENT_AGE_MALE};

/// Days in a year, as `Date::years_until` counts them.
const YEAR: f64 = 365.2425;
/// The fewest days that make 8 years of tenure (8 × 365.2425 = 2921.94).
pub(crate) const EIGHT_YEARS_DAYS: i64 = 2922;
/// Roles under the tenure cap (mirrors the `tenure-cap` rule of the Hai Phong policy).
pub(crate) const TENURE_CAP_ROLES: [Role; 5] =
    [Role::PartySecretary, Role::DeputyPartySecretary, Role::PcChair, Role::PcViceChair, Role::Director];
/// Share of the planned posts that can be held left vacant by default.
pub(crate) const VACANCY: f64 = 0.10;
/// Share of key posts left vacant (the other posts take the rest of the vacancies).
pub(crate) const KEY_VACANCY: f64 = 0.02;
/// Share of incumbents drawn at 8+ years in their post.
const LONG_TENURE: f64 = 0.075;

/// What kind of cadre a generated record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Incumbent,
    CityPool,
    CommunePool,
}

struct Meta {
    kind: Kind,
    /// The post held (index into the structure's posts).
    post: Option<usize>,
    /// The district of a commune civil servant's workplace.
    district: Option<usize>,
    boundary: bool,
    /// At 8+ years in a tenure-capped post.
    capped: bool,
}

/// A drawn incumbent before the details: enough to check the tenure cap is satisfiable.
struct Skeleton {
    post: usize,
    gender: Gender,
    age_days: i64,
    tenure_days: i64,
    /// A boundary person: never redrawn.
    fixed: bool,
}

/// The cadres of one province and the holder of each post.
pub(crate) struct People {
    pub cadres: Vec<RawCadre>,
    /// Holder of each post of the structure, by index.
    pub holders: Vec<Option<String>>,
}

/// How many boundary people hold planned posts (they are always incumbents).
pub(crate) const BOUNDARY_INCUMBENTS: usize = 3;

/// Generates the cadres of one province.
pub(crate) fn populate(
    st: &Structure,
    target_incumbents: usize,
    pool_total: usize,
    plan: Date,
    rng: &mut ChaCha8Rng,
    first_id: usize,
) -> People {
    let mut g = Gen {
        st,
        rng,
        plan,
        plan_year: plan.year(),
        first_id,
        cadres: Vec::new(),
        meta: Vec::new(),
        holder: vec![None; st.posts.len()],
        post_plans: vec![0; st.posts.len()],
    };
    let reserved = g.reserved_posts();
    let vacant = g.choose_vacancies(target_incumbents, &reserved);
    let mut skeletons = g.skeletons(&vacant, &reserved);
    g.fix_tenure_cap(&mut skeletons, &vacant);
    g.boundary_people(&reserved);
    for sk in &skeletons {
        if !sk.fixed {
            g.incumbent(sk);
        }
    }
    g.city_pool(&reserved);
    g.commune_pool(pool_total);
    g.ensure_key_fillers(&vacant);
    g.ensure_district_candidates();
    g.ensure_commune_candidates();
    let holders = g.holder.iter().map(|h| h.map(|i| g.id(i))).collect();
    People { cadres: g.cadres, holders }
}

struct Gen<'a> {
    st: &'a Structure,
    rng: &'a mut ChaCha8Rng,
    plan: Date,
    plan_year: i32,
    first_id: usize,
    cadres: Vec<RawCadre>,
    meta: Vec<Meta>,
    holder: Vec<Option<usize>>,
    /// Planning entries naming each post (at most 3 candidates per post, QĐ 50-QĐ/TW).
    post_plans: Vec<u8>,
}

fn retirement_age(g: Gender) -> f64 {
    match g {
        Gender::Male => RETIREMENT_AGE_MALE,
        Gender::Female => RETIREMENT_AGE_FEMALE,
    }
}

fn days(years: f64) -> i64 {
    (years * YEAR).round() as i64
}

fn before(d: Date, days: i64) -> Date {
    Date(d.0 - TimeDelta::days(days))
}

fn entry(role: Role, level: Level) -> PlanningEntry {
    PlanningEntry { role, level, post: None }
}

/// The role one step up at the same level (vice-chair → chair, deputies → secretary).
fn next_role_up(role: Role) -> Role {
    match role {
        Role::PcViceChair | Role::PcChair => Role::PcChair,
        Role::DeputyDirector | Role::Director => Role::Director,
        _ => Role::PartySecretary,
    }
}

/// Whether "at least `min` in each of the last `years` years before the plan year" holds.
pub(crate) fn ratings_ok(c: &RawCadre, plan_year: i32, years: i32, min: Rating) -> bool {
    (plan_year - years..plan_year).all(|y| c.ratings.get(&y.to_string()).is_some_and(|r| r.score() >= min.score()))
}

impl Gen<'_> {
    fn id(&self, i: usize) -> String {
        format!("C{:06}", self.first_id + i)
    }

    fn age_years(&self, c: &RawCadre) -> f64 {
        c.birth_date.years_until(self.plan)
    }

    fn whole_age(&self, c: &RawCadre) -> i32 {
        c.birth_date.whole_years_until(self.plan)
    }

    fn service_left(&self, c: &RawCadre) -> f64 {
        retirement_age(c.gender) - self.age_years(c)
    }

    fn push(&mut self, c: RawCadre, meta: Meta) -> usize {
        let i = self.cadres.len();
        if let Some(p) = meta.post {
            self.holder[p] = Some(i);
        }
        self.cadres.push(c);
        self.meta.push(meta);
        i
    }

    fn chance(&mut self, p: f64) -> bool {
        self.rng.random_bool(p.clamp(0.0, 1.0))
    }

    fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        if hi <= lo {
            lo
        } else {
            self.rng.random_range(lo..hi)
        }
    }

    fn random_commune(&mut self) -> Option<usize> {
        let n = self.st.communes.len();
        (n > 0).then(|| self.rng.random_range(0..n))
    }

    fn commune_code_or_province(&self, c: Option<usize>) -> String {
        c.map(|c| self.st.communes[c].code.clone()).unwrap_or_else(|| self.st.province_code.clone())
    }

    fn random_commune_outside(&mut self, district: usize) -> String {
        for _ in 0..8 {
            let c = self.random_commune();
            if c.is_none_or(|c| self.st.communes[c].district != district) {
                return self.commune_code_or_province(c);
            }
        }
        let c = self.random_commune();
        self.commune_code_or_province(c)
    }

    fn random_commune_in(&mut self, district: usize) -> Option<String> {
        let cs = &self.st.districts[district].communes;
        (!cs.is_empty()).then(|| self.st.communes[cs[self.rng.random_range(0..cs.len())]].code.clone())
    }

    /// A hometown: local to the district served with probability `local`.
    fn hometown(&mut self, scope: Scope, local: f64) -> String {
        match scope {
            Scope::Commune(c) => {
                let d = self.st.communes[c].district;
                if self.chance(local) {
                    if self.chance(0.6) {
                        self.st.communes[c].code.clone()
                    } else {
                        self.random_commune_in(d).unwrap_or_else(|| self.st.communes[c].code.clone())
                    }
                } else {
                    self.random_commune_outside(d)
                }
            }
            Scope::District(d) => match (self.chance(local), self.random_commune_in(d)) {
                (true, Some(code)) => code,
                _ => self.random_commune_outside(d),
            },
            Scope::City(_) => {
                let c = self.random_commune();
                self.commune_code_or_province(c)
            }
        }
    }

    /// Occasionally a second locality where the cadre counts as local (birthplace).
    fn local_to(&mut self, hometown: &str) -> Vec<String> {
        if self.st.districts.len() < 2 || !self.chance(0.04) {
            return Vec::new();
        }
        let d = &self.st.districts[self.rng.random_range(0..self.st.districts.len())];
        if hometown.len() == 5 && d.communes.iter().any(|&c| self.st.communes[c].code == hometown) {
            return Vec::new();
        }
        vec![d.code.clone()]
    }

    fn education(
        &mut self,
        level: EducationLevelMix,
        fields: &[Field],
        general: &[(Field, u32)],
        degrees: &[(DegreeClass, u32)],
        may_lack_class: bool,
    ) -> Education {
        let level = *weighted(self.rng, level.table());
        let field = if !fields.is_empty() && self.chance(0.6) {
            fields[self.rng.random_range(0..fields.len())]
        } else {
            *weighted(self.rng, general)
        };
        let degree_class = if may_lack_class && self.chance(0.06) { None } else { Some(*weighted(self.rng, degrees)) };
        Education { level, field, degree_class }
    }

    /// Ratings for the five years before the plan year, from `first_year` on.
    fn ratings(&mut self, first_year: i32, completed_share: f64) -> BTreeMap<String, Rating> {
        let mut out = BTreeMap::new();
        for y in first_year.max(self.plan_year - 5)..self.plan_year {
            let x: f64 = self.rng.random();
            let r = if y < self.plan_year - 3 && x < 0.004 {
                Rating::NotCompleted
            } else if x < completed_share {
                Rating::Completed
            } else if x < completed_share + 0.26 {
                Rating::Excellent
            } else {
                Rating::Good
            };
            out.insert(y.to_string(), r);
        }
        out
    }

    fn plan_post(&mut self, post: usize) -> Option<PlanningEntry> {
        if self.post_plans[post] >= 3 {
            return None;
        }
        self.post_plans[post] += 1;
        let p = &self.st.posts[post].raw;
        Some(PlanningEntry { role: p.role, level: p.level, post: Some(p.id.clone()) })
    }
}

#[derive(Clone, Copy)]
enum EducationLevelMix {
    Senior,
    CommuneLeader,
    CityStaff,
    CommuneStaff,
}

impl EducationLevelMix {
    fn table(self) -> &'static [(EducationLevel, u32)] {
        use EducationLevel::*;
        match self {
            EducationLevelMix::Senior => &[(Master, 50), (Bachelor, 44), (Doctor, 6)],
            EducationLevelMix::CommuneLeader => &[(Master, 15), (Bachelor, 80), (College, 5)],
            EducationLevelMix::CityStaff => &[(Master, 45), (Bachelor, 54), (Doctor, 1)],
            EducationLevelMix::CommuneStaff => &[(Master, 10), (Bachelor, 85), (College, 5)],
        }
    }
}

const PARTY_FIELDS: &[(Field, u32)] = &[
    (Field::Politics, 30),
    (Field::PublicAdministration, 20),
    (Field::Economics, 15),
    (Field::Law, 15),
    (Field::SocialSciences, 10),
    (Field::Agriculture, 5),
    (Field::Education, 5),
];

const PC_FIELDS: &[(Field, u32)] = &[
    (Field::Economics, 22),
    (Field::PublicAdministration, 15),
    (Field::Law, 12),
    (Field::Agriculture, 12),
    (Field::Construction, 10),
    (Field::Finance, 10),
    (Field::Engineering, 8),
    (Field::InformationTechnology, 5),
    (Field::Education, 3),
    (Field::Security, 3),
];

const ALL_FIELDS: &[(Field, u32)] = &[
    (Field::Economics, 15),
    (Field::Finance, 10),
    (Field::Law, 12),
    (Field::PublicAdministration, 12),
    (Field::Politics, 10),
    (Field::Engineering, 8),
    (Field::Construction, 6),
    (Field::Agriculture, 6),
    (Field::Education, 5),
    (Field::Medicine, 3),
    (Field::InformationTechnology, 6),
    (Field::SocialSciences, 5),
    (Field::Security, 2),
];

const INCUMBENT_DEGREES: &[(DegreeClass, u32)] = &[
    (DegreeClass::Excellent, 3),
    (DegreeClass::VeryGood, 17),
    (DegreeClass::Good, 50),
    (DegreeClass::FairlyGood, 22),
    (DegreeClass::Average, 8),
];

const POOL_DEGREES: &[(DegreeClass, u32)] = &[
    (DegreeClass::Excellent, 5),
    (DegreeClass::VeryGood, 25),
    (DegreeClass::Good, 50),
    (DegreeClass::FairlyGood, 15),
    (DegreeClass::Average, 5),
];

const GOOD_DEGREES: &[(DegreeClass, u32)] =
    &[(DegreeClass::Excellent, 10), (DegreeClass::VeryGood, 35), (DegreeClass::Good, 55)];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_years_in_days() {
        let plan = Date::ymd(2021, 3, 2).expect("date");
        assert_eq!(plan.add_years(-8).days_until(plan), EIGHT_YEARS_DAYS);
        assert!(before(plan, EIGHT_YEARS_DAYS).years_until(plan) >= 8.0);
        assert!(before(plan, EIGHT_YEARS_DAYS - 1).years_until(plan) < 8.0);
    }
}
