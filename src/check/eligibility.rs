//! The checker's own reading of who may take which post, how a placement counts as a move, and
//! what a placement is worth in suitability points.
//!
//! This repeats, on purpose, what the formulation's eligibility filter decides (see the
//! module doc of [`crate::check`]): the solver only creates columns for pairs its filter
//! admits, so a pair the filter wrongly admits would never be caught if the checker asked the
//! same filter. Everything here is derived again from the policy's rules and the model's facts
//! ([`Facts`]: age, service left, tenure, locality, ratings, planning), in the order the
//! policy states them:
//!
//! 1. a cadre at commune level moves only within their district (09-KL/TU §3.6);
//! 2. an extra vice-chair seat takes only a cadre from another locality;
//! 3. an incumbent keeps their level (one level up if outstanding, where the policy allows);
//! 4. enough service left (the stricter figure when the tenure cap forces the cadre out, or
//!    when the placement is non-local under a non-local coverage rule);
//! 5. every eligibility rule whose target and candidate class cover the pair; a pool cadre
//!    needs at least one such rule (pool admission).
//!
//! Staying in the post held now is never an eligibility question (the tenure cap is a rule of
//! its own).

use crate::formulation::{MoveKind, Reason, Rejection, RuleRef};
use crate::model::facts::{PlanningMatch, RatingsCheck};
use crate::model::policy::{CandidateClass, EligibilityRule, LocalityPredicate, RuleBody, TenureAt};
use crate::model::*;

/// What the checker knows about one cadre before the plan.
#[derive(Clone, Debug)]
pub(crate) struct Person {
    /// Holds a planned post before the plan.
    pub incumbent: bool,
    /// Reached a tenure cap in the post held now.
    pub must_leave: bool,
    /// Where the cadre works now: the post's locality, else the workplace's.
    pub home: Option<LocalityId>,
    /// The level the cadre works at now.
    pub level: Option<Level>,
    /// The role held now.
    pub role: Option<Role>,
    /// Years of service left.
    pub service_left: f64,
}

/// The checker's eligibility reading for one scenario under one policy.
pub(crate) struct Reading<'a> {
    pub facts: Facts<'a>,
    pub people: Vec<Person>,
}

impl<'a> Reading<'a> {
    pub fn new(s: &'a Scenario, policy: &'a Policy) -> Self {
        let facts = Facts::new(s, policy);
        let people = s
            .cadre_ids()
            .map(|c| {
                let cadre = s.cadre(c);
                let post = cadre.post.map(|p| s.post(p));
                let workplace = cadre.workplace.map(|u| s.unit(u));
                let incumbent = cadre.post.is_some_and(|p| facts.is_planned_post(p));
                let must_leave = incumbent
                    && post.is_some_and(|post| {
                        active(policy).any(|r| match r {
                            RuleBody::TenureCap(t) => {
                                let at = match t.measured_at {
                                    TenureAt::PlanDate => s.plan_date,
                                    TenureAt::TermEnd => s.term_end(),
                                };
                                t.roles.contains(&post.role) && facts.tenure(c, at) + 1e-9 >= t.max_years
                            }
                            _ => false,
                        })
                    });
                Person {
                    incumbent,
                    must_leave,
                    home: match post {
                        Some(p) => Some(p.locality),
                        None => workplace.map(|u| u.locality),
                    },
                    level: match post {
                        Some(p) => Some(p.level),
                        None => workplace.map(|u| u.level),
                    },
                    role: post.map(|p| p.role),
                    service_left: facts.service_left(c),
                }
            })
            .collect();
        Reading { facts, people }
    }

    fn s(&self) -> &'a Scenario {
        self.facts.scenario
    }

    pub fn person(&self, c: CadreId) -> &Person {
        &self.people[c.index()]
    }

    /// How `c` arrives in `p`.
    pub fn arrival(&self, c: CadreId, p: PostId) -> MoveKind {
        let s = self.s();
        if s.cadre(c).post == Some(p) {
            return MoveKind::Stays;
        }
        if self.person(c).incumbent {
            return MoveKind::Rotates;
        }
        match s.post(p).level {
            Level::City => MoveKind::Appointment,
            _ => MoveKind::Reinforcement,
        }
    }

    /// Whether `c` in `p` is a non-local placement that a non-local coverage rule asks for.
    fn non_local_placement(&self, c: CadreId, p: PostId) -> bool {
        let s = self.s();
        let post = s.post(p);
        active(self.facts.policy).any(|r| match r {
            RuleBody::Coverage(cov) => match &cov.predicate {
                LocalityPredicate::NonLocalHolder { roles } => {
                    roles.contains(&post.role)
                        && s.ancestor_at(post.locality, cov.child).is_some_and(|k| !self.facts.is_local(c, k))
                }
                _ => false,
            },
            _ => false,
        })
    }

    /// Whether `c` may take `p`; the rejection that excludes the pair otherwise.
    ///
    /// A pool cadre over a young-cadre rule's age limit is not judged by that rule at all (it is
    /// about young cadres, 09-KL/TU §2.2(1)); what excludes the pair is that no rule admits
    /// pool candidates of their age to the post, so the rejection cites pool admission, with
    /// the age as the failing fact. The verdict (eligible or not) is the formulation's.
    pub fn admits(&self, c: CadreId, p: PostId) -> Result<MoveKind, Rejection> {
        let kind = self.arrival(c, p);
        if kind == MoveKind::Stays {
            return Ok(kind);
        }
        let s = self.s();
        let policy = self.facts.policy;
        let who = self.person(c);
        let post = s.post(p);
        let fail = |rule, reason| Err(Rejection { rule, reason });
        // 1. commune-level cadres stay within their district
        if who.level == Some(Level::Commune) {
            if let Some(d) = who.home.and_then(|h| s.ancestor_at(h, Level::District)) {
                if !s.is_within(post.locality, d) {
                    return fail(RuleRef::Scope, Reason::OutsideDistrict { home: Some(d) });
                }
            }
        }
        // 2. extra seats are for cadres from elsewhere
        if post.supernumerary && super::counting::one_of_its_own(s, c, post.locality) {
            return fail(RuleRef::Supernumerary, Reason::NotRotatedIn);
        }
        // 3. same level
        if who.incumbent {
            if let Some((ri, may_rise)) = last_rule(policy, |r| match r {
                RuleBody::SameLevel(x) => Some(x.outstanding_may_rise),
                _ => None,
            }) {
                if let Some(from) = who.level {
                    let up_one = may_rise && s.cadre(c).outstanding && post.level.rank() == from.rank() + 1;
                    if post.level != from && !up_one {
                        return fail(RuleRef::Policy(ri), Reason::LevelChange { from, to: post.level });
                    }
                }
            }
        }
        // 4. service left
        if let Some((ri, (min, forced))) = last_rule(policy, |r| match r {
            RuleBody::ServiceLeft(x) => Some((x.min_years, x.min_years_forced)),
            _ => None,
        }) {
            let needed = if who.must_leave || self.non_local_placement(c, p) { forced } else { min };
            if who.service_left + 1e-9 < needed {
                return fail(RuleRef::Policy(ri), Reason::ServiceLeft { left: who.service_left, needed });
            }
        }
        // 5. eligibility rules
        let mut admitted = who.incumbent;
        let mut young_only: Option<(u32, usize)> = None;
        for (ri, rule) in policy.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            let RuleBody::Eligibility(e) = &rule.body else { continue };
            if !self.covers(c, p, e) {
                continue;
            }
            // a rule whose scope is young cadres (its age limit is its scope) says nothing
            // about an older cadre: another rule must admit them (09-KL/TU §2.2(1))
            let over_age = e.max_age_exclusive.filter(|limit| self.facts.age(c) >= *limit as i32);
            if let (true, Some(limit)) = (e.age_is_scope, over_age) {
                young_only = Some((limit, ri));
                continue;
            }
            admitted = true;
            if let Err(reason) = self.meets(c, p, e) {
                return fail(RuleRef::Policy(ri), reason);
            }
        }
        if !admitted {
            return match young_only {
                Some((limit, rule)) => {
                    fail(RuleRef::PoolAdmission, Reason::NotYoung { age: self.facts.age_exact(c), limit, rule })
                }
                None => fail(RuleRef::PoolAdmission, Reason::NoPoolRule),
            };
        }
        Ok(kind)
    }

    /// Whether an eligibility rule judges this pair (its target and candidate class).
    pub fn covers(&self, c: CadreId, p: PostId, e: &EligibilityRule) -> bool {
        let s = self.s();
        let post = s.post(p);
        let class = match e.candidates {
            CandidateClass::Pool => !self.person(c).incumbent,
            CandidateClass::Incumbents => self.person(c).incumbent,
            CandidateClass::Movers => true,
        };
        class && e.target.matches(post.level, post.role, s.unit(post.unit).kind)
    }

    /// The first criterion of an eligibility rule the cadre misses, in the rule's order.
    pub fn meets(&self, c: CadreId, p: PostId, e: &EligibilityRule) -> Result<(), Reason> {
        let s = self.s();
        let cadre = s.cadre(c);
        let who = self.person(c);
        if !e.current_roles.is_empty() && !who.role.is_some_and(|r| e.current_roles.contains(&r)) {
            return Err(Reason::CurrentRole { current: who.role });
        }
        if !e.current_levels.is_empty() && !who.level.is_some_and(|l| e.current_levels.contains(&l)) {
            return Err(Reason::CurrentLevel { current: who.level });
        }
        if e.civil_servant && !cadre.civil_servant {
            return Err(Reason::NotCivilServant);
        }
        if let Some(limit) = e.max_age_exclusive {
            if self.facts.age(c) >= limit as i32 {
                return Err(Reason::TooOld { age: self.facts.age_exact(c), limit });
            }
        }
        if e.formally_trained && !cadre.formally_trained {
            return Err(Reason::NotFormallyTrained);
        }
        if let Some(min) = e.min_degree_class {
            let good_enough = cadre.degree_class.is_some_and(|d| d.score() >= min.score());
            if !good_enough {
                return Err(Reason::DegreeClass { has: cadre.degree_class, min });
            }
        }
        if e.in_planning && !self.planned_for(c, p) {
            return Err(Reason::NotInPlanning);
        }
        if let Some(mr) = &e.min_ratings {
            match self.facts.ratings_check(c, mr.years, mr.at_least) {
                RatingsCheck::Ok => {}
                RatingsCheck::Missing(year) => return Err(Reason::Rating { year, got: None, min: mr.at_least }),
                RatingsCheck::Below(year, got) => {
                    return Err(Reason::Rating { year, got: Some(got), min: mr.at_least })
                }
            }
        }
        Ok(())
    }

    /// "In the planning for the post or an equivalent one": a planning entry for it, or a
    /// lateral move of an incumbent to an equivalent role at their own level (at the levels the
    /// policy allows lateral moves, anywhere for a cadre the tenure cap forces out).
    fn planned_for(&self, c: CadreId, p: PostId) -> bool {
        if self.facts.planning_match(c, p) != PlanningMatch::None {
            return true;
        }
        let post = self.s().post(p);
        let who = self.person(c);
        let lateral_here = who.must_leave || self.facts.policy.general.lateral_levels.contains(&post.level);
        who.incumbent
            && who.level == Some(post.level)
            && lateral_here
            && who.role.is_some_and(|r| self.facts.equivalent(r, post.role, post.level))
    }

    /// Suitability points of `c` in `p` (the policy's `[objective]`), preference points left
    /// out.
    pub fn suitability(&self, c: CadreId, p: PostId) -> u32 {
        let s = self.s();
        let w = &self.facts.policy.objective;
        let cadre = s.cadre(c);
        let planning = if cadre.post == Some(p) {
            w.planned_for_post
        } else {
            match self.facts.planning_match(c, p) {
                PlanningMatch::Post => w.planned_for_post,
                PlanningMatch::Role | PlanningMatch::Equivalent => w.planned_for_role,
                PlanningMatch::None => 0,
            }
        };
        let plan_year = s.plan_date.year();
        let mut ratings = 0;
        for year in (plan_year - w.rating_years as i32)..plan_year {
            if let Some(r) = cadre.ratings.get(&year) {
                ratings += (r.score() as u32).saturating_sub(1) * w.rating_point;
            }
        }
        let field = if self.field_suits(c, p) { w.field_match } else { 0 };
        let terms = (self.facts.leadership_years(c) / 4.0).floor() as u32;
        let experience = terms.min(w.experience_cap) * w.experience_point;
        planning + ratings + field + experience
    }

    /// The first field affinity that speaks about the post's unit decides.
    fn field_suits(&self, c: CadreId, p: PostId) -> bool {
        let s = self.s();
        let unit = s.unit(s.post(p).unit);
        self.facts
            .policy
            .objective
            .field_affinity
            .iter()
            .find(|a| match &a.name_contains {
                Some(n) => unit.name.contains(n.as_str()),
                None => a.unit_kinds.contains(&unit.kind),
            })
            .is_some_and(|a| a.fields.contains(&s.cadre(c).field))
    }
}

/// The enabled rule bodies.
fn active(policy: &Policy) -> impl Iterator<Item = &RuleBody> {
    policy.rules.iter().filter(|r| r.enabled).map(|r| &r.body)
}

/// The last enabled rule a selector picks, with its index (a later rule of a kind that can only
/// be stated once overrides an earlier one).
fn last_rule<T>(policy: &Policy, pick: impl Fn(&RuleBody) -> Option<T>) -> Option<(usize, T)> {
    policy.rules.iter().enumerate().filter(|(_, r)| r.enabled).filter_map(|(i, r)| pick(&r.body).map(|t| (i, t))).last()
}
