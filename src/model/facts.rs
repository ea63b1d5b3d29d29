//! Derived facts about cadres on the plan date: age, years of service left, tenure in the
//! current post, whether local to a locality, recent ratings, planning matches.
//!
//! The formulation, the independent checker and the explanations all read these *same* facts,
//! so "aged 35.1 on 2021-03-02" means one thing everywhere. The checker re-derives the rules
//! from the facts without sharing the formulation's code.

use super::date::Date;
use super::enums::*;
use super::ids::*;
use super::policy::{Policy, Reckoning};
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

    /// Years of service left until the cadre reaches retirement age (see
    /// [`Facts::retirement`]), in calendar years: exactly 2.0 when retirement falls on the
    /// second anniversary of the plan date.
    pub fn service_left(&self, c: CadreId) -> f64 {
        match self.retirement(c) {
            Retirement::On(date, _) => {
                if date <= self.scenario.plan_date {
                    -calendar_years(date, self.scenario.plan_date)
                } else {
                    calendar_years(self.scenario.plan_date, date)
                }
            }
            Retirement::Fixed(age) => age - self.age_exact(c),
        }
    }

    /// When the cadre reaches retirement age. With a roadmap (`general.retirement`, Bộ luật
    /// Lao động 2019 Điều 169), the age is the one in force in the year the cadre reaches it
    /// (or, with `reckoning = "plan_year"`, in the plan year); without one, the policy's fixed
    /// age.
    pub fn retirement(&self, c: CadreId) -> Retirement {
        let cadre = self.scenario.cadre(c);
        let g = &self.policy.general;
        if let Some(r) = &g.retirement {
            let roadmap = match cadre.gender {
                Gender::Male => &r.male,
                Gender::Female => &r.female,
            };
            let born = cadre.birth_date;
            let reach = |months: u32| add_months(born, months);
            match r.reckoning {
                Reckoning::PlanYear => {
                    let m = roadmap.months_in(self.scenario.plan_date.year());
                    return Retirement::On(reach(m), m);
                }
                Reckoning::YearReached => {
                    // the first year whose age the cadre reaches within that year
                    for year in born.year()..born.year() + 100 {
                        let m = roadmap.months_in(year);
                        let d = reach(m);
                        if d.year() <= year {
                            return Retirement::On(d, m);
                        }
                    }
                    let m = roadmap.months_in(born.year() + 100);
                    return Retirement::On(reach(m), m);
                }
            }
        }
        let age = match cadre.gender {
            Gender::Male => g.retirement_age_male,
            Gender::Female => g.retirement_age_female,
        };
        Retirement::Fixed(age.unwrap_or(60.0))
    }

    /// Consecutive years in the current post (same role in the same locality and body),
    /// measured at `at`, in calendar years (see [`calendar_years`]): at least 8.0 exactly when
    /// the 8th anniversary of the start has come. Spells of the same role and locality
    /// separated by at most 31 days are joined. "Body" is the unit: a spell whose post is
    /// known counts only when that post is in the same unit as the current one, so moving
    /// from one city department to another as deputy director starts a new tenure (the rule
    /// reads "in one locality or body"), while moving between two deputy posts of the same
    /// department does not.
    pub fn tenure(&self, c: CadreId, at: Date) -> f64 {
        let s = self.scenario;
        let cadre = s.cadre(c);
        let Some(post) = cadre.post else { return 0.0 };
        let p = s.post(post);
        tenure_of(cadre, p.role, p.locality, at, |h| h.post.is_none_or(|q| s.post(q).unit == p.unit))
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
            let years = self.years_worked(c, l);
            if years + 1e-9 >= t.years_worked {
                return Some(LocalReason::Worked(years));
            }
        }
        None
    }

    /// Calendar years the cadre worked in (or below) locality `l` before the plan date.
    ///
    /// A closed spell's `to` is the last day worked and counts; an open spell runs up to the
    /// day before the plan date. Overlapping spells and spells joined end to end (the next
    /// starting the day after the last day of the other) count once. The days are then laid
    /// end to end up to the last day worked, so one unbroken stretch of exactly 10 years (from
    /// 2011-03-02 to 2021-03-01) is 10.0, and a day less is under 10.
    pub fn years_worked(&self, c: CadreId, l: LocalityId) -> f64 {
        let s = self.scenario;
        let mut spans: Vec<(Date, Date)> = s
            .cadre(c)
            .history
            .iter()
            .filter(|h| s.is_within(h.locality, l))
            .map(|h| (h.from, h.to.map_or(s.plan_date, next_day).min(s.plan_date)))
            .filter(|(a, b)| a < b)
            .collect();
        if spans.is_empty() {
            return 0.0;
        }
        spans.sort();
        let mut days = 0i64;
        let (mut start, mut end) = spans[0];
        let mut last = end;
        for &(a, b) in &spans[1..] {
            if a <= end {
                end = end.max(b);
            } else {
                days += start.days_until(end);
                (start, end) = (a, b);
            }
            last = last.max(b);
        }
        days += start.days_until(end);
        let from = Date(last.0 - chrono::Duration::days(days));
        calendar_years(from, last)
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
        // "có trong quy hoạch chức vụ được tăng cường, bổ nhiệm hoặc tương đương" (§2.2(1)): an
        // entry naming one post also reaches the posts of the same or an equivalent role at
        // the level (the entry's role and level are those of the post it names).
        for e in &cadre.planning {
            if e.post == Some(p) {
                return PlanningMatch::Post;
            }
            let (role, level) = match e.post {
                Some(q) => (s.post(q).role, s.post(q).level),
                None => (e.role, e.level),
            };
            if level == post.level {
                if role == post.role {
                    best = best.max(PlanningMatch::Role);
                } else if self.equivalent(role, post.role, post.level) {
                    best = best.max(PlanningMatch::Equivalent);
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
            .map(|h| h.from.years_until(h.to.map_or(s.plan_date, next_day).min(s.plan_date)).max(0.0))
            .sum()
    }
}

/// The day after `d` (a spell's last day worked → the end of the stretch, exclusive).
pub fn next_day(d: Date) -> Date {
    Date(d.0 + chrono::Duration::days(1))
}

/// `d` plus `months` calendar months (the 31st of a short month falls to its last day).
pub fn add_months(d: Date, months: u32) -> Date {
    Date(d.0.checked_add_months(chrono::Months::new(months)).unwrap_or(d.0))
}

/// Calendar years from `from` to `to` (exclusive end): the whole years `y` with
/// `from + y years ≤ to`, plus the remaining days over 366. So the value reaches a whole
/// number `n` exactly on the `n`th anniversary, whatever the leap days, and stays below the
/// next whole number until the next anniversary.
pub fn calendar_years(from: Date, to: Date) -> f64 {
    if to <= from {
        return 0.0;
    }
    let mut y = to.year() - from.year();
    while y > 0 && from.add_years(y) > to {
        y -= 1;
    }
    let rest = from.add_years(y).days_until(to) as f64;
    y as f64 + (rest / 366.0).min(0.999)
}

/// When a cadre retires.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Retirement {
    /// On this date, at this age in months (a roadmap).
    On(Date, u32),
    /// At this fixed age in years.
    Fixed(f64),
}

/// Consecutive years in `role` at `locality` (and in a spell `same_body` accepts) ending at the
/// last spell that is ongoing at `at`.
pub fn tenure_of(
    cadre: &Cadre,
    role: Role,
    locality: LocalityId,
    at: Date,
    same_body: impl Fn(&super::scenario::Spell) -> bool,
) -> f64 {
    let spells: Vec<_> =
        cadre.history.iter().filter(|h| h.role == role && h.locality == locality && same_body(h)).collect();
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
    calendar_years(start, at)
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
            rotated_from: None,
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
        let t = tenure_of(&c, Role::PcChair, LocalityId(1), d(2021, 3, 2), |_| true);
        assert!((t - 8.0).abs() < 0.01, "tenure {t}");
    }

    #[test]
    fn tenure_breaks_on_a_gap_or_other_role() {
        let d = |y, m, dd| Date::ymd(y, m, dd).unwrap();
        let c = cadre_with(vec![
            spell(Role::PcChair, d(2005, 1, 1), Some(d(2010, 1, 1))),
            spell(Role::PcChair, d(2012, 1, 1), None),
        ]);
        let t = tenure_of(&c, Role::PcChair, LocalityId(1), d(2021, 1, 1), |_| true);
        assert!((t - 9.0).abs() < 0.01, "tenure {t}");
        assert_eq!(tenure_of(&c, Role::PartySecretary, LocalityId(1), d(2021, 1, 1), |_| true), 0.0);
        // a spell in another body does not join
        assert_eq!(tenure_of(&c, Role::PcChair, LocalityId(1), d(2021, 1, 1), |h| h.to.is_some()), 0.0);
    }
}
