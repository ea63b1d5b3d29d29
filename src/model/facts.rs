//! Derived facts about cadres on the plan date: age, years of service left, tenure in the
//! current post, whether local to a locality, recent ratings, planning matches.
//!
//! The formulation, the independent checker and the explanations all read these *same* facts,
//! so "aged 35.1 on 2021-03-02" means one thing everywhere. The checker re-derives the rules
//! from the facts without sharing the formulation's code.

use super::date::Date;
use super::enums::*;
use super::ids::*;
use super::policy::Policy;
use super::scenario::{Cadre, Scenario};

/// Facts about cadres under one policy.
pub struct Facts<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// The policy.
    pub policy: &'a Policy,
}

/// The result of the "last N ratings at least X" test.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RatingsCheck {
    /// Every year meets the bar.
    Ok,
    /// The year is missing from the record.
    Missing(i32),
    /// The year's rating is below the bar.
    Below(i32, Rating),
}

impl<'a> Facts<'a> {
    /// Facts for a scenario under a policy.
    pub fn new(scenario: &'a Scenario, policy: &'a Policy) -> Self {
        Facts { scenario, policy }
    }

    /// Whole years of age on the plan date.
    pub fn age(&self, c: CadreId) -> i32 {
        self.scenario.cadre(c).birth_date.whole_years_until(self.scenario.plan_date)
    }

    /// Fractional age on the plan date, for display ("35.1").
    pub fn age_exact(&self, c: CadreId) -> f64 {
        self.scenario.cadre(c).birth_date.years_until(self.scenario.plan_date)
    }

    /// Strictly under `limit` years on the plan date.
    pub fn is_under(&self, c: CadreId, limit: u32) -> bool {
        self.age(c) < limit as i32
    }

    /// Years of service left until retirement age.
    pub fn service_left(&self, c: CadreId) -> f64 {
        let cadre = self.scenario.cadre(c);
        let retire = match cadre.gender {
            Gender::Male => self.policy.general.retirement_age_male,
            Gender::Female => self.policy.general.retirement_age_female,
        };
        retire - self.age_exact(c)
    }

    /// Consecutive years in the current post (same role in the same locality), measured at
    /// `at`. Spells of the same role and locality separated by at most 31 days are joined.
    pub fn tenure(&self, c: CadreId, at: Date) -> f64 {
        let s = self.scenario;
        let cadre = s.cadre(c);
        let Some(post) = cadre.post else { return 0.0 };
        let p = s.post(post);
        tenure_of(cadre, p.role, p.locality, at)
    }

    /// Whether the cadre counts as local to locality `l` under the policy's test.
    pub fn is_local(&self, c: CadreId, l: LocalityId) -> bool {
        self.local_reason(c, l).is_some()
    }

    /// Why the cadre is local to `l`, if they are.
    pub fn local_reason(&self, c: CadreId, l: LocalityId) -> Option<LocalReason> {
        let s = self.scenario;
        let cadre = s.cadre(c);
        let t = &self.policy.general.local;
        if t.hometown && s.is_within(cadre.hometown, l) {
            return Some(LocalReason::Hometown(cadre.hometown));
        }
        if t.listed {
            if let Some(x) = cadre.local_to.iter().find(|x| s.is_within(**x, l)) {
                return Some(LocalReason::Listed(*x));
            }
        }
        if t.years_worked > 0.0 {
            let years: f64 = cadre
                .history
                .iter()
                .filter(|h| s.is_within(h.locality, l))
                .map(|h| h.from.years_until(h.to.unwrap_or(s.plan_date).min(s.plan_date)).max(0.0))
                .sum();
            if years >= t.years_worked {
                return Some(LocalReason::Worked(years));
            }
        }
        None
    }

    /// Checks "at least `min` in each of the last `years` years before the plan year".
    pub fn ratings_check(&self, c: CadreId, years: u32, min: Rating) -> RatingsCheck {
        let cadre = self.scenario.cadre(c);
        let last = self.scenario.plan_date.year() - 1;
        for y in (last - years as i32 + 1..=last).rev() {
            match cadre.ratings.get(&y) {
                None => return RatingsCheck::Missing(y),
                Some(r) if r.score() < min.score() => return RatingsCheck::Below(y, *r),
                Some(_) => {}
            }
        }
        RatingsCheck::Ok
    }

    /// Whether two roles are the same or in one equivalence group at `level`.
    pub fn equivalent(&self, a: Role, b: Role, level: Level) -> bool {
        a == b
            || self
                .policy
                .equivalent_roles
                .iter()
                .any(|g| g.level == level && g.roles.contains(&a) && g.roles.contains(&b))
    }

    /// How the cadre is in the planning for post `p`.
    pub fn planning_match(&self, c: CadreId, p: PostId) -> PlanningMatch {
        let s = self.scenario;
        let post = s.post(p);
        let cadre = s.cadre(c);
        let mut best = PlanningMatch::None;
        for e in &cadre.planning {
            if e.post == Some(p) {
                return PlanningMatch::Post;
            }
            if e.post.is_none() && e.level == post.level {
                if e.role == post.role {
                    best = PlanningMatch::Role;
                } else if best == PlanningMatch::None && self.equivalent(e.role, post.role, post.level) {
                    best = PlanningMatch::Equivalent;
                }
            }
        }
        best
    }

    /// Whether the cadre holds a planned post before the plan.
    pub fn holds_planned_post(&self, c: CadreId) -> bool {
        self.scenario.cadre(c).post.is_some_and(|p| self.is_planned_post(p))
    }

    /// Whether the plan decides this post's holder.
    pub fn is_planned_post(&self, p: PostId) -> bool {
        self.policy.general.planned_roles.contains(&self.scenario.post(p).role)
    }

    /// Total years in leadership spells, for the experience score.
    pub fn leadership_years(&self, c: CadreId) -> f64 {
        let s = self.scenario;
        s.cadre(c)
            .history
            .iter()
            .map(|h| h.from.years_until(h.to.unwrap_or(s.plan_date).min(s.plan_date)).max(0.0))
            .sum()
    }
}

/// Consecutive years in `role` at `locality` ending at the last spell that is ongoing at `at`.
pub fn tenure_of(cadre: &Cadre, role: Role, locality: LocalityId, at: Date) -> f64 {
    let spells: Vec<_> = cadre.history.iter().filter(|h| h.role == role && h.locality == locality).collect();
    // find the ongoing spell (no end, or ending on/after `at`), then walk back joining spells
    let Some(mut idx) = spells.iter().rposition(|h| h.to.is_none_or(|t| t >= at.min(t))) else {
        return 0.0;
    };
    if spells[idx].to.is_some_and(|t| t.days_until(at) > 31) {
        return 0.0;
    }
    let mut start = spells[idx].from;
    while idx > 0 {
        let prev = spells[idx - 1];
        match prev.to {
            Some(t) if t.days_until(start) <= 31 => {
                start = prev.from.min(start);
                idx -= 1;
            }
            _ => break,
        }
    }
    start.years_until(at).max(0.0)
}

/// Why a cadre counts as local.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LocalReason {
    /// Their hometown lies there.
    Hometown(LocalityId),
    /// Listed as local there.
    Listed(LocalityId),
    /// Worked there this many years.
    Worked(f64),
}

/// How a cadre is in the planning for a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PlanningMatch {
    /// Not in the planning.
    None,
    /// For an equivalent role at the level.
    Equivalent,
    /// For the post's role at the level.
    Role,
    /// For this very post.
    Post,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::scenario::Spell;

    fn spell(role: Role, from: Date, to: Option<Date>) -> Spell {
        Spell { role, level: Level::District, locality: LocalityId(1), post: None, from, to }
    }

    fn cadre_with(history: Vec<Spell>) -> Cadre {
        Cadre {
            code: "C1".into(),
            name: "Nguyễn Văn A".into(),
            birth_date: Date::ymd(1970, 1, 1).unwrap(),
            gender: Gender::Male,
            hometown: LocalityId(0),
            local_to: vec![],
            post: None,
            workplace: None,
            civil_servant: true,
            management: Management::CityCommittee,
            education_level: EducationLevel::Bachelor,
            field: Field::Law,
            degree_class: None,
            formally_trained: true,
            outstanding: false,
            ratings: Default::default(),
            planning: vec![],
            history,
        }
    }

    #[test]
    fn tenure_joins_adjacent_spells_of_the_same_post() {
        let d = |y, m, dd| Date::ymd(y, m, dd).unwrap();
        let c = cadre_with(vec![
            spell(Role::PcChair, d(2013, 3, 2), Some(d(2015, 12, 31))),
            spell(Role::PcChair, d(2016, 1, 15), None),
        ]);
        let t = tenure_of(&c, Role::PcChair, LocalityId(1), d(2021, 3, 2));
        assert!((t - 8.0).abs() < 0.01, "tenure {t}");
    }

    #[test]
    fn tenure_breaks_on_a_gap_or_other_role() {
        let d = |y, m, dd| Date::ymd(y, m, dd).unwrap();
        let c = cadre_with(vec![
            spell(Role::PcChair, d(2005, 1, 1), Some(d(2010, 1, 1))),
            spell(Role::PcChair, d(2012, 1, 1), None),
        ]);
        let t = tenure_of(&c, Role::PcChair, LocalityId(1), d(2021, 1, 1));
        assert!((t - 9.0).abs() < 0.01, "tenure {t}");
        assert_eq!(tenure_of(&c, Role::PartySecretary, LocalityId(1), d(2021, 1, 1)), 0.0);
    }
}
