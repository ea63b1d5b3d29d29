//! Eligibility: which (cadre, post) pairs may exist at all, and why every other pair may not.
//!
//! Variables are created only for eligible pairs: this is both the largest saving of the
//! formulation (a few tens of thousands of columns instead of millions) and the first half of
//! every explanation. [`Judge::judge`] is a pure function of the facts, so the explain layer can
//! ask it again for any pair and get the same [`Rejection`], carrying the rule, its clause (via
//! the policy) and the fact that failed ("aged 35.1 on 2021-03-02, limit: under 35").
//!
//! ## Maths
//! For a planned post `p` and a cadre `c`, the column `x[c,p]` exists iff
//! - `c` holds `p` now (a stay, always a column), or
//! - `c` is a *mover* and passes, in order:
//!   1. scope — a cadre whose post or workplace is at commune level moves only within their
//!      district (09-KL/TU §3.6: each district plans the sending of cadres to its communes);
//!   2. supernumerary — an extra vice-chair slot takes only a cadre from another locality;
//!   3. same level (incumbents): `level(p) = level(post(c))`, or one level up if outstanding;
//!   4. service left: `retire(c) - age(c) ≥ min_years`, or `≥ min_years_forced` when `c` must
//!      leave their post (tenure cap) or the move makes a non-local placement;
//!   5. every enabled `eligibility` rule whose target matches `p` and whose candidate class
//!      includes `c` (a pool cadre needs at least one such rule: pool admission).

use crate::model::facts::{PlanningMatch, RatingsCheck};
use crate::model::policy::{CandidateClass, EligibilityRule, LocalityPredicate, RuleBody, TenureAt};
use crate::model::*;

use super::ir::RuleRef;

/// Why a pair is not eligible: data, rendered by the explain layer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reason {
    /// The post lies outside the district the cadre may move within.
    OutsideDistrict {
        /// The cadre's district.
        home: Option<LocalityId>,
    },
    /// A supernumerary slot for a cadre already in that locality.
    NotRotatedIn,
    /// Level change not allowed.
    LevelChange {
        /// Current level.
        from: Level,
        /// Target level.
        to: Level,
    },
    /// Too few years of service left.
    ServiceLeft {
        /// Years left.
        left: f64,
        /// Years needed.
        needed: f64,
    },
    /// No eligibility rule admits pool cadres to this post.
    NoPoolRule,
    /// Not a young cadre: the only rules admitting pool cadres to this post are for cadres
    /// under `limit` (§2.2(1)), so they do not apply, and no other rule admits them.
    NotYoung {
        /// Exact age on the plan date.
        age: f64,
        /// The young-cadre age limit (exclusive).
        limit: u32,
        /// The young-cadre rule (index in the policy) that does not apply.
        rule: usize,
    },
    /// Current role not among those the rule accepts.
    CurrentRole {
        /// Current role (None: holds no post).
        current: Option<Role>,
    },
    /// Current level not among those accepted.
    CurrentLevel {
        /// Current level.
        current: Option<Level>,
    },
    /// Not a civil servant.
    NotCivilServant,
    /// Too old.
    TooOld {
        /// Exact age on the plan date.
        age: f64,
        /// Limit (exclusive).
        limit: u32,
    },
    /// Not formally trained.
    NotFormallyTrained,
    /// Degree class too low or missing.
    DegreeClass {
        /// Has.
        has: Option<DegreeClass>,
        /// Needs at least.
        min: DegreeClass,
    },
    /// Not in the planning for the post or an equivalent.
    NotInPlanning,
    /// A rating below the bar, or missing (`got` None).
    Rating {
        /// Year.
        year: i32,
        /// Rating that year.
        got: Option<Rating>,
        /// Needed at least.
        min: Rating,
    },
}

/// A rejected pair: the rule that excludes it and the failing fact.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rejection {
    /// The rule.
    pub rule: RuleRef,
    /// The fact.
    pub reason: Reason,
}

/// How a cadre would arrive in a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MoveKind {
    /// Stays in the post held now.
    Stays,
    /// An incumbent of a planned post moves to another planned post.
    Rotates,
    /// A pool cadre is sent to lead a district or commune (tăng cường).
    Reinforcement,
    /// A pool cadre is appointed to a city-level post.
    Appointment,
}

/// Precomputed per-cadre facts used on the hot path.
#[derive(Clone, Debug)]
pub struct CadreFacts {
    /// Whole years of age.
    pub age: i32,
    /// Exact age.
    pub age_exact: f64,
    /// Years of service left.
    pub service_left: f64,
    /// Holds a planned post.
    pub incumbent: bool,
    /// Must leave the current post (tenure cap hard or soft).
    pub tenure_capped: bool,
    /// Current (post or workplace) locality.
    pub home_locality: Option<LocalityId>,
    /// Where the cadre was rotated in from, when the current post is held as a rotated cadre.
    pub rotated_from: Option<LocalityId>,
    /// Current level.
    pub level: Option<Level>,
    /// Current role (if holding a post).
    pub role: Option<Role>,
    /// District the cadre is confined to (commune-level cadres).
    pub scope_district: Option<LocalityId>,
}

impl CadreFacts {
    /// Whether the cadre counts as one of locality `k`'s own: their current post or workplace
    /// lies in `k` and they do not hold it as a cadre rotated in from outside `k` (a rotated
    /// cadre stays "from elsewhere" for as long as they hold the post they were rotated into),
    /// or they hold a post elsewhere as a cadre rotated out of `k` (coming back is coming
    /// home). Extra vice-chair seats and the vice-chair caps' allowance are for the others.
    pub fn already_in(&self, s: &Scenario, k: LocalityId) -> bool {
        let works_here = self.home_locality.is_some_and(|h| s.is_within(h, k));
        match self.rotated_from {
            Some(o) => s.is_within(o, k),
            None => works_here,
        }
    }
}

/// The eligibility judge for one scenario and policy.
pub struct Judge<'a> {
    /// Facts.
    pub facts: Facts<'a>,
    /// Per-cadre cache.
    pub cadre: Vec<CadreFacts>,
    eligibility: Vec<(usize, &'a EligibilityRule)>,
    same_level: Option<(usize, bool)>,
    service_left: Option<(usize, f64, f64)>,
    /// (roles, child level) of non-local coverage rules: moves there are "forced" for service.
    non_local_posts: Vec<(Vec<Role>, Level)>,
}

impl<'a> Judge<'a> {
    /// Builds the judge and its per-cadre cache.
    pub fn new(scenario: &'a Scenario, policy: &'a Policy) -> Self {
        let facts = Facts::new(scenario, policy);
        let mut eligibility = Vec::new();
        let mut same_level = None;
        let mut service_left = None;
        let mut non_local_posts = Vec::new();
        let mut tenure_rules = Vec::new();
        for (i, r) in policy.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            match &r.body {
                RuleBody::Eligibility(e) => eligibility.push((i, e)),
                RuleBody::SameLevel(s) => same_level = Some((i, s.outstanding_may_rise)),
                RuleBody::ServiceLeft(s) => service_left = Some((i, s.min_years, s.min_years_forced)),
                RuleBody::Coverage(c) => {
                    if let LocalityPredicate::NonLocalHolder { roles } = &c.predicate {
                        non_local_posts.push((roles.clone(), c.child));
                    }
                }
                RuleBody::TenureCap(t) => tenure_rules.push(t),
                _ => {}
            }
        }
        let cadre = scenario
            .cadre_ids()
            .map(|c| {
                let cd = scenario.cadre(c);
                let post = cd.post.map(|p| scenario.post(p));
                let home_locality = post.map(|p| p.locality).or(cd.workplace.map(|u| scenario.unit(u).locality));
                let level = post.map(|p| p.level).or(cd.workplace.map(|u| scenario.unit(u).level));
                let scope_district = match level {
                    Some(Level::Commune) => home_locality.and_then(|l| scenario.ancestor_at(l, Level::District)),
                    _ => None,
                };
                let incumbent = facts.holds_planned_post(c);
                let tenure_capped = incumbent
                    && tenure_rules.iter().any(|t| {
                        let at = match t.measured_at {
                            TenureAt::PlanDate => scenario.plan_date,
                            TenureAt::TermEnd => scenario.term_end(),
                        };
                        post.is_some_and(|p| t.roles.contains(&p.role)) && facts.tenure(c, at) + 1e-9 >= t.max_years
                    });
                CadreFacts {
                    age: facts.age(c),
                    age_exact: facts.age_exact(c),
                    service_left: facts.service_left(c),
                    incumbent,
                    tenure_capped,
                    home_locality,
                    rotated_from: cd.rotated_from.filter(|_| post.is_some()),
                    level,
                    role: post.map(|p| p.role),
                    scope_district,
                }
            })
            .collect();
        Judge { facts, cadre, eligibility, same_level, service_left, non_local_posts }
    }

    /// The move kind if `c` were placed in `p` (not judging eligibility).
    pub fn move_kind(&self, c: CadreId, p: PostId) -> MoveKind {
        let s = self.facts.scenario;
        if s.cadre(c).post == Some(p) {
            MoveKind::Stays
        } else if self.cadre[c.index()].incumbent {
            MoveKind::Rotates
        } else if s.post(p).level == Level::City {
            MoveKind::Appointment
        } else {
            MoveKind::Reinforcement
        }
    }

    /// The years of service left a forced move needs (the service-left rule's
    /// `min_years_forced`), when the policy has that rule.
    pub fn forced_move_needs(&self) -> Option<f64> {
        self.service_left.map(|(_, _, forced)| forced)
    }

    /// Whether an incumbent may leave the planned posts altogether (release): with fewer years
    /// of service left than the policy's `release_if_service_left_below`, or forced out by a
    /// tenure cap with too few years left for even a forced move under the service-left rule
    /// (`min_years_forced`): such a cadre can be neither kept nor moved, so the cap is met by
    /// releasing them from the post (other work outside the planned posts).
    pub fn may_be_released(&self, c: CadreId) -> bool {
        let cf = &self.cadre[c.index()];
        let below = self.facts.policy.general.release_if_service_left_below;
        cf.incumbent
            && (cf.service_left < below
                || cf.tenure_capped && self.service_left.is_some_and(|(_, _, forced)| cf.service_left + 1e-9 < forced))
    }

    /// Whether placing `c` in `p` makes a non-local placement under a non-local coverage rule.
    pub fn non_local_placement(&self, c: CadreId, p: PostId) -> bool {
        let s = self.facts.scenario;
        let post = s.post(p);
        self.non_local_posts.iter().any(|(roles, level)| {
            roles.contains(&post.role)
                && s.ancestor_at(post.locality, *level).is_some_and(|l| !self.facts.is_local(c, l))
        })
    }

    /// Judges a pair. Stays are always eligible here (the tenure cap is a row, so that it can
    /// be relaxed and explained).
    pub fn judge(&self, c: CadreId, p: PostId) -> Result<MoveKind, Rejection> {
        let mut first = None;
        let kind = self.evaluate(c, p, &mut |r| {
            first = Some(r);
            false
        });
        match first {
            Some(r) => Err(r),
            None => Ok(kind),
        }
    }

    /// Every reason the pair fails (not only the first), for "closest candidate" explanations.
    pub fn all_rejections(&self, c: CadreId, p: PostId) -> Vec<Rejection> {
        let mut all = Vec::new();
        self.evaluate(c, p, &mut |r| {
            all.push(r);
            true
        });
        all
    }

    /// Runs every check in order, handing each failure to `fail`; stops when `fail` returns
    /// false.
    fn evaluate(&self, c: CadreId, p: PostId, fail: &mut dyn FnMut(Rejection) -> bool) -> MoveKind {
        let s = self.facts.scenario;
        let kind = self.move_kind(c, p);
        if kind == MoveKind::Stays {
            return kind;
        }
        let cf = &self.cadre[c.index()];
        let post = s.post(p);
        macro_rules! reject {
            ($rule:expr, $reason:expr) => {
                if !fail(Rejection { rule: $rule, reason: $reason }) {
                    return kind;
                }
            };
        }
        // 1. scope
        if let Some(d) = cf.scope_district {
            if !s.is_within(post.locality, d) {
                reject!(RuleRef::Scope, Reason::OutsideDistrict { home: Some(d) });
            }
        }
        // 2. supernumerary slots take cadres from elsewhere only
        if post.supernumerary && cf.already_in(s, post.locality) {
            reject!(RuleRef::Supernumerary, Reason::NotRotatedIn);
        }
        // 3. same level
        if cf.incumbent {
            if let (Some((ri, may_rise)), Some(from)) = (self.same_level, cf.level) {
                let ok =
                    post.level == from || (may_rise && s.cadre(c).outstanding && post.level.rank() == from.rank() + 1);
                if !ok {
                    reject!(RuleRef::Policy(ri), Reason::LevelChange { from, to: post.level });
                }
            }
        }
        // 4. service left
        if let Some((ri, min, min_forced)) = self.service_left {
            let needed = if cf.tenure_capped || self.non_local_placement(c, p) { min_forced } else { min };
            if cf.service_left + 1e-9 < needed {
                reject!(RuleRef::Policy(ri), Reason::ServiceLeft { left: cf.service_left, needed });
            }
        }
        // 5. eligibility rules
        let mut admitted = cf.incumbent;
        let mut young_only: Option<(u32, usize)> = None;
        for &(ri, rule) in &self.eligibility {
            let class_ok = match rule.candidates {
                CandidateClass::Pool => !cf.incumbent,
                CandidateClass::Incumbents => cf.incumbent,
                CandidateClass::Movers => true,
            };
            if !class_ok || !rule.target.matches(post.level, post.role, s.unit(post.unit).kind) {
                continue;
            }
            if !rule.judges_age(cf.age) {
                // a rule for young cadres does not judge an older one (09-KL/TU §2.2(1))
                young_only = rule.max_age_exclusive.map(|a| (a, ri));
                continue;
            }
            admitted = true;
            let mut stop = false;
            self.criteria_each(c, p, rule, &mut |reason| {
                let go_on = fail(Rejection { rule: RuleRef::Policy(ri), reason });
                stop = !go_on;
                go_on
            });
            if stop {
                return kind;
            }
        }
        if !admitted {
            match young_only {
                Some((limit, rule)) => {
                    reject!(RuleRef::PoolAdmission, Reason::NotYoung { age: cf.age_exact, limit, rule })
                }
                None => reject!(RuleRef::PoolAdmission, Reason::NoPoolRule),
            }
        }
        kind
    }

    /// Checks one eligibility rule's criteria; the first failure.
    pub fn criteria(&self, c: CadreId, p: PostId, rule: &EligibilityRule) -> Result<(), Reason> {
        let mut first = None;
        self.criteria_each(c, p, rule, &mut |r| {
            first = Some(r);
            false
        });
        match first {
            Some(r) => Err(r),
            None => Ok(()),
        }
    }

    /// Checks one eligibility rule's criteria, handing each failure to `fail` until it returns
    /// false.
    fn criteria_each(&self, c: CadreId, p: PostId, rule: &EligibilityRule, fail: &mut dyn FnMut(Reason) -> bool) {
        let s = self.facts.scenario;
        let cf = &self.cadre[c.index()];
        let cd = s.cadre(c);
        macro_rules! check {
            ($cond:expr, $reason:expr) => {
                if $cond && !fail($reason) {
                    return;
                }
            };
        }
        check!(
            !rule.current_roles.is_empty() && !cf.role.is_some_and(|r| rule.current_roles.contains(&r)),
            Reason::CurrentRole { current: cf.role }
        );
        check!(
            !rule.current_levels.is_empty() && !cf.level.is_some_and(|l| rule.current_levels.contains(&l)),
            Reason::CurrentLevel { current: cf.level }
        );
        check!(rule.civil_servant && !cd.civil_servant, Reason::NotCivilServant);
        if let Some(limit) = rule.max_age_exclusive {
            check!(cf.age >= limit as i32, Reason::TooOld { age: cf.age_exact, limit });
        }
        check!(rule.formally_trained && !cd.formally_trained, Reason::NotFormallyTrained);
        if let Some(min) = rule.min_degree_class {
            check!(
                cd.degree_class.is_none_or(|d| d.score() < min.score()),
                Reason::DegreeClass { has: cd.degree_class, min }
            );
        }
        check!(rule.in_planning && !self.in_planning(c, p), Reason::NotInPlanning);
        if let Some(mr) = &rule.min_ratings {
            match self.facts.ratings_check(c, mr.years, mr.at_least) {
                RatingsCheck::Ok => {}
                RatingsCheck::Missing(year) => check!(true, Reason::Rating { year, got: None, min: mr.at_least }),
                RatingsCheck::Below(year, r) => check!(true, Reason::Rating { year, got: Some(r), min: mr.at_least }),
            }
        }
    }

    /// "In the planning for the post or an equivalent one": a planning entry, or, for an
    /// incumbent, a lateral move to an equivalent role at the same level (at the policy's
    /// `lateral_levels`, or anywhere for a cadre the tenure cap forces out).
    pub fn in_planning(&self, c: CadreId, p: PostId) -> bool {
        if self.facts.planning_match(c, p) != PlanningMatch::None {
            return true;
        }
        let s = self.facts.scenario;
        let cf = &self.cadre[c.index()];
        let post = s.post(p);
        cf.incumbent
            && cf.level == Some(post.level)
            && (cf.tenure_capped || self.facts.policy.general.lateral_levels.contains(&post.level))
            && cf.role.is_some_and(|r| self.facts.equivalent(r, post.role, post.level))
    }

    /// Suitability points of placing `c` in `p` (see the policy's `[objective]`).
    pub fn suitability(&self, c: CadreId, p: PostId) -> Suitability {
        let s = self.facts.scenario;
        let w = &self.facts.policy.objective;
        let cd = s.cadre(c);
        let planning = if cd.post == Some(p) {
            w.planned_for_post
        } else {
            match self.facts.planning_match(c, p) {
                PlanningMatch::Post => w.planned_for_post,
                PlanningMatch::Role | PlanningMatch::Equivalent => w.planned_for_role,
                PlanningMatch::None => 0,
            }
        };
        let last = s.plan_date.year() - 1;
        let ratings: u32 = (0..w.rating_years as i32)
            .filter_map(|k| cd.ratings.get(&(last - k)))
            .map(|r| (r.score() as u32).saturating_sub(1) * w.rating_point)
            .sum();
        let field = if self.field_suits(c, p) { w.field_match } else { 0 };
        let experience =
            ((self.facts.leadership_years(c) / 4.0).floor() as u32).min(w.experience_cap) * w.experience_point;
        Suitability { planning, ratings, field, experience }
    }

    /// Whether the cadre's field suits the post's unit (first matching affinity wins).
    pub fn field_suits(&self, c: CadreId, p: PostId) -> bool {
        let s = self.facts.scenario;
        let unit = s.unit(s.post(p).unit);
        let field = s.cadre(c).field;
        for a in &self.facts.policy.objective.field_affinity {
            let by_name = a.name_contains.as_deref().is_some_and(|n| name_contains(&unit.name, n));
            let by_kind = a.unit_kinds.contains(&unit.kind);
            if by_name || (a.name_contains.is_none() && by_kind) {
                return a.fields.contains(&field);
            }
        }
        false
    }
}

/// Whether `name` contains `part`, compared in NFC (names keep the spelling they were given).
fn name_contains(name: &str, part: &str) -> bool {
    use unicode_normalization::{is_nfc, UnicodeNormalization};
    if is_nfc(name) && is_nfc(part) {
        return name.contains(part);
    }
    name.nfc().collect::<String>().contains(&part.nfc().collect::<String>())
}

/// Suitability points, by component.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Suitability {
    /// In the planning (or holding the post).
    pub planning: u32,
    /// Recent ratings.
    pub ratings: u32,
    /// Field of training suits the unit.
    pub field: u32,
    /// Leadership experience.
    pub experience: u32,
}

impl Suitability {
    /// Total points.
    pub fn total(&self) -> u32 {
        self.planning + self.ratings + self.field + self.experience
    }
}
