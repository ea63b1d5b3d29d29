//! The independent checker: re-checks a plan against every rule of the policy from the
//! assignment alone — no solver, no model rows.
//!
//! It is what `rotaplan check` runs on a plan drafted by hand, what the tests run on every plan
//! the solver produces, and what computes the target table and objective breakdown written
//! into `plan.json` (so the reported figures never come from solver internals).
//!
//! ## A second reading, on purpose
//! The checker shares the model layer with the formulation — the scenario, the policy and the
//! *facts* of [`crate::model::facts`] (age, service left, tenure, who is local, ratings,
//! planning), which are the data both read — and nothing of the formulation's logic. Who may
//! take which post (`check/eligibility.rs`), how a share band rounds to whole items, which
//! child localities a share counts, when a holder makes a child count, age tiers
//! ([`counting`]), how a placement counts as a move and what it is worth: all of it is written
//! again here. The duplication is deliberate. A misreading shared by the solver and its
//! checker would pass every check; two readings of the same rule that disagree on a plan show
//! up as violations in a solver plan, or as figures that differ from the solver's (the
//! property tests in `tests/properties.rs` look for both). Only vocabulary is borrowed from
//! the formulation: rule references, rejection reasons, move kinds and pins, so that the
//! explain layer words the checker's findings and the formulation's alike. The explain layer
//! and the report use [`counting`] wherever they show what the checker counted.

use std::collections::{BTreeMap, BTreeSet};

// Vocabulary only (plain data types); no function of the formulation is called here.
use crate::formulation::{MoveKind, Pins, Rejection, RuleRef};
use crate::model::policy::{
    strength_of, CoverageRule, LocalityPredicate, PreferenceRule, Reward, RotationQuotaRule, RuleBody, TeamMixRule,
    TenureAt, TenureCapRule, ViceChairCapRule,
};
use crate::model::*;

pub mod counting;
mod eligibility;

use counting::{children, one_of_its_own, roles_of, tier, whole_counts, young_holder_counts};
use eligibility::Reading;

/// A proposed state after the plan: who holds each planned post, and who is released.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assignment {
    /// Planned post → holder after the plan (absent: vacant).
    pub holder: BTreeMap<PostId, CadreId>,
    /// Incumbents released from the planned posts.
    pub released: BTreeSet<CadreId>,
    /// Problems in the assignment itself (a cadre in two posts, a post twice), found while
    /// reading it.
    pub duplicates: Vec<String>,
}

impl Assignment {
    /// The post a cadre holds after the plan.
    pub fn post_of(&self) -> BTreeMap<CadreId, PostId> {
        self.holder.iter().map(|(p, c)| (*c, *p)).collect()
    }
}

/// What a violation is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ViolationSubject {
    /// A post.
    Post(PostId),
    /// A cadre.
    Cadre(CadreId),
    /// A locality.
    Locality(LocalityId),
    /// A team.
    Team(TeamId),
    /// A unit.
    Unit(UnitId),
    /// The whole scenario.
    Whole,
}

/// A broken hard rule.
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// The rule.
    pub rule: RuleRef,
    /// The subject.
    pub subject: ViolationSubject,
    /// The failing fact, for eligibility violations.
    pub rejection: Option<Rejection>,
    /// What is wrong (English; the explain layer renders Vietnamese from the structured
    /// fields).
    pub detail: String,
}

/// The outcome of one bounded rule instance.
#[derive(Clone, Debug, PartialEq)]
pub struct TargetOutcome {
    /// Policy rule index.
    pub rule: usize,
    /// Subject.
    pub subject: ViolationSubject,
    /// Measure (`share`, `age_tiers`, `fields`, `stays`).
    pub measure: &'static str,
    /// Required minimum count.
    pub lo: Option<f64>,
    /// Required maximum count.
    pub hi: Option<f64>,
    /// Denominator of a share.
    pub denominator: Option<usize>,
    /// Achieved count.
    pub achieved: f64,
    /// Hard at this milestone.
    pub hard: bool,
    /// Weight.
    pub weight: u32,
    /// Children of a share that met the predicate (for explanations and reports).
    pub satisfied: Vec<LocalityId>,
    /// Children of a share counted (met or not).
    pub counted: Vec<LocalityId>,
}

impl TargetOutcome {
    /// Distance outside the band (0 when met).
    pub fn shortfall(&self) -> f64 {
        let below = self.lo.map(|lo| (lo - self.achieved).max(0.0)).unwrap_or(0.0);
        let above = self.hi.map(|hi| (self.achieved - hi).max(0.0)).unwrap_or(0.0);
        below + above
    }
    /// Whether the band is met.
    pub fn met(&self) -> bool {
        self.shortfall() < 1e-9
    }
}

/// One cadre's move.
#[derive(Clone, Debug, PartialEq)]
pub struct Move {
    /// Cadre.
    pub cadre: CadreId,
    /// Post before (any post of the scenario).
    pub from: Option<PostId>,
    /// Planned post after (None: released).
    pub to: Option<PostId>,
    /// Kind (`None` for a release).
    pub kind: Option<MoveKind>,
    /// Policy rules this move contributes to.
    pub serves: Vec<usize>,
}

/// The objective, recomputed from the assignment.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct ObjectiveBreakdown {
    /// Weighted shortfall of targets (lower is better).
    pub target_shortfall: f64,
    /// Suitability points (incl. preference points).
    pub suitability: u32,
    /// Preference points included in `suitability`.
    pub preference: u32,
    /// Moves (every non-stay placement and every release).
    pub moves: usize,
    /// Vacant non-key, non-supernumerary planned posts.
    pub priced_vacancies: usize,
}

/// The checker's full report.
#[derive(Clone, Debug, Default)]
pub struct CheckReport {
    /// Broken hard rules.
    pub violations: Vec<Violation>,
    /// Every bounded rule instance.
    pub targets: Vec<TargetOutcome>,
    /// Every placement that is not a stay, and every release; stays are listed too.
    pub moves: Vec<Move>,
    /// Planned posts vacant after the plan (supernumerary slots left out).
    pub vacancies: Vec<PostId>,
    /// The objective.
    pub objective: ObjectiveBreakdown,
}

impl CheckReport {
    /// Whether no hard rule is broken.
    pub fn compliant(&self) -> bool {
        self.violations.is_empty()
    }
}

/// Checks an assignment.
pub fn check(scenario: &Scenario, policy: &Policy, milestone: &str, a: &Assignment, pins: &Pins) -> CheckReport {
    let reading = Reading::new(scenario, policy);
    Checker { s: scenario, policy, milestone, a, r: &reading, post_of: a.post_of() }.run(pins)
}

struct Checker<'a> {
    s: &'a Scenario,
    policy: &'a Policy,
    milestone: &'a str,
    a: &'a Assignment,
    r: &'a Reading<'a>,
    post_of: BTreeMap<CadreId, PostId>,
}

impl<'a> Checker<'a> {
    fn run(&self, pins: &Pins) -> CheckReport {
        let mut r = CheckReport::default();
        self.structural(&mut r);
        self.pins(pins, &mut r);
        for (ri, rule) in self.policy.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            match &rule.body {
                RuleBody::Coverage(c) => self.coverage(ri, c, &mut r),
                RuleBody::TeamMix(t) => self.team_mix(ri, t, &mut r),
                RuleBody::TenureCap(t) => self.tenure(ri, t, &mut r),
                RuleBody::RotationQuota(q) => self.quota(ri, q, &mut r),
                RuleBody::ViceChairCap(v) => self.vice_chair(ri, v, &mut r),
                _ => {}
            }
        }
        for t in &r.targets {
            if t.hard && !t.met() {
                r.violations.push(Violation {
                    rule: RuleRef::Policy(t.rule),
                    subject: t.subject,
                    rejection: None,
                    detail: format!(
                        "{} is {} but must be within [{}, {}]",
                        t.measure,
                        t.achieved,
                        t.lo.map(|v| v.to_string()).unwrap_or("-".into()),
                        t.hi.map(|v| v.to_string()).unwrap_or("-".into())
                    ),
                });
            }
        }
        self.moves_and_objective(&mut r);
        r
    }

    fn strength(&self, rule: usize) -> (bool, u32) {
        match strength_of(&self.policy.rules[rule].body) {
            Some(s) => (s.hard_at.iter().any(|m| m == self.milestone), s.weight.max(1)),
            None => (true, 1),
        }
    }

    fn planned(&self) -> impl Iterator<Item = PostId> + '_ {
        self.s.post_ids().filter(|p| self.r.facts.is_planned_post(*p))
    }

    fn structural(&self, r: &mut CheckReport) {
        for d in &self.a.duplicates {
            r.violations.push(Violation {
                rule: RuleRef::Capacity,
                subject: ViolationSubject::Whole,
                rejection: None,
                detail: d.clone(),
            });
        }
        for (&p, &c) in &self.a.holder {
            if !self.r.facts.is_planned_post(p) {
                r.violations.push(Violation {
                    rule: RuleRef::Capacity,
                    subject: ViolationSubject::Post(p),
                    rejection: None,
                    detail: format!(
                        "post {} is not decided by the plan (its role is not planned)",
                        self.s.post(p).code
                    ),
                });
                continue;
            }
            if let Err(rej) = self.r.admits(c, p) {
                r.violations.push(Violation {
                    rule: rej.rule,
                    subject: ViolationSubject::Post(p),
                    rejection: Some(rej),
                    detail: format!("{} may not take {}", self.s.cadre(c).code, self.s.post(p).code),
                });
            }
        }
        for p in self.planned() {
            if self.s.post(p).key && !self.a.holder.contains_key(&p) {
                r.violations.push(Violation {
                    rule: RuleRef::KeyPostFilled,
                    subject: ViolationSubject::Post(p),
                    rejection: None,
                    detail: format!("key post {} is left vacant", self.s.post(p).code),
                });
            }
        }
        let release_below = self.policy.general.release_if_service_left_below;
        let min_forced = self.policy.rules.iter().filter(|r| r.enabled).rev().find_map(|r| match &r.body {
            RuleBody::ServiceLeft(x) => Some(x.min_years_forced),
            _ => None,
        });
        for c in self.s.cadre_ids() {
            let cf = self.r.person(c);
            let placed = self.post_of.contains_key(&c);
            let released = self.a.released.contains(&c);
            if placed && released {
                r.violations.push(Violation {
                    rule: RuleRef::Continuity,
                    subject: ViolationSubject::Cadre(c),
                    rejection: None,
                    detail: format!("{} is both placed and released", self.s.cadre(c).code),
                });
            }
            if cf.incumbent && !placed && !released {
                r.violations.push(Violation {
                    rule: RuleRef::Continuity,
                    subject: ViolationSubject::Cadre(c),
                    rejection: None,
                    detail: format!("incumbent {} ends nowhere: neither placed nor released", self.s.cadre(c).code),
                });
            }
            // forced out by a tenure cap with too little service left for a forced move
            let stuck = cf.must_leave && min_forced.is_some_and(|m| cf.service_left + 1e-9 < m);
            if released && !(cf.incumbent && (cf.service_left < release_below || stuck)) {
                r.violations.push(Violation {
                    rule: RuleRef::Continuity,
                    subject: ViolationSubject::Cadre(c),
                    rejection: None,
                    detail: format!(
                        "{} is released but has {:.1} years of service left (release needs fewer than {release_below}, or a tenure cap with too little service left to move)",
                        self.s.cadre(c).code,
                        cf.service_left
                    ),
                });
            }
        }
    }

    fn pins(&self, pins: &Pins, r: &mut CheckReport) {
        let mut v = |subject, detail: String| {
            r.violations.push(Violation { rule: RuleRef::Pin, subject, rejection: None, detail })
        };
        for &(c, p) in &pins.force {
            if self.a.holder.get(&p) != Some(&c) {
                v(
                    ViolationSubject::Post(p),
                    format!("pin: {} must hold {}", self.s.cadre(c).code, self.s.post(p).code),
                );
            }
        }
        for &(c, p) in &pins.forbid {
            if self.a.holder.get(&p) == Some(&c) {
                v(
                    ViolationSubject::Post(p),
                    format!("pin: {} must not hold {}", self.s.cadre(c).code, self.s.post(p).code),
                );
            }
        }
        for &c in &pins.keep {
            if self.s.cadre(c).post.is_none() || self.post_of.get(&c) != self.s.cadre(c).post.as_ref() {
                v(ViolationSubject::Cadre(c), format!("pin: {} must keep their post", self.s.cadre(c).code));
            }
        }
        for &p in &pins.vacant {
            if self.a.holder.contains_key(&p) {
                v(ViolationSubject::Post(p), format!("pin: {} must stay vacant", self.s.post(p).code));
            }
        }
    }

    /// Whether child `k` meets the predicate after the plan.
    fn child_meets(&self, pred: &LocalityPredicate, k: LocalityId, level: Level) -> Option<bool> {
        let s = self.s;
        let roles = roles_of(pred);
        let posts: Vec<PostId> = self
            .planned()
            .filter(|p| {
                let post = s.post(*p);
                post.level == level && s.is_within(post.locality, k) && (roles.is_empty() || roles.contains(&post.role))
            })
            .collect();
        match pred {
            LocalityPredicate::YoungHolder { max_age_exclusive, sent_in, .. } => {
                if posts.is_empty() {
                    return None;
                }
                Some(posts.iter().any(|p| {
                    self.a
                        .holder
                        .get(p)
                        .is_some_and(|&c| young_holder_counts(s, &self.r.facts, *max_age_exclusive, *sent_in, c, *p, k))
                }))
            }
            LocalityPredicate::NonLocalHolder { .. } => {
                if posts.is_empty() {
                    return None;
                }
                Some(posts.iter().all(|p| self.a.holder.get(p).is_some_and(|&c| !self.r.facts.is_local(c, k))))
            }
            LocalityPredicate::RotatedOut { roles } => {
                let from_k: Vec<CadreId> = s
                    .cadre_ids()
                    .filter(|c| {
                        s.cadre(*c).post.is_some_and(|p| {
                            let post = s.post(p);
                            self.r.facts.is_planned_post(p)
                                && post.level == level
                                && s.is_within(post.locality, k)
                                && (roles.is_empty() || roles.contains(&post.role))
                        })
                    })
                    .collect();
                let any_incumbent = s.cadre_ids().any(|c| {
                    s.cadre(c).post.is_some_and(|p| {
                        self.r.facts.is_planned_post(p)
                            && s.post(p).level == level
                            && s.is_within(s.post(p).locality, k)
                    })
                });
                if !any_incumbent {
                    return None;
                }
                Some(from_k.iter().any(|c| self.post_of.get(c).is_some_and(|p| !s.is_within(s.post(*p).locality, k))))
            }
        }
    }

    fn coverage(&self, ri: usize, c: &CoverageRule, r: &mut CheckReport) {
        let Some(band) = &c.band(self.milestone) else { return };
        let (hard, weight) = self.strength(ri);
        for parent in self.s.localities_at(c.over) {
            let mut counted = Vec::new();
            let mut satisfied = Vec::new();
            for k in children(self.s, parent, c.child) {
                if let Some(meets) = self.child_meets(&c.predicate, k, c.child) {
                    counted.push(k);
                    if meets {
                        satisfied.push(k);
                    }
                }
            }
            let n = counted.len();
            if n == 0 {
                continue;
            }
            let (lo, hi) = whole_counts(*band, n);
            r.targets.push(TargetOutcome {
                rule: ri,
                subject: ViolationSubject::Locality(parent),
                measure: "share",
                lo: Some(lo),
                hi: if hi >= n as f64 { None } else { Some(hi) },
                denominator: Some(n),
                achieved: satisfied.len() as f64,
                hard,
                weight,
                satisfied,
                counted,
            });
        }
    }

    fn team_mix(&self, ri: usize, t: &TeamMixRule, r: &mut CheckReport) {
        let s = self.s;
        let (hard, weight) = self.strength(ri);
        for team in s.team_ids() {
            let tm = s.team(team);
            let level = s.locality(tm.locality).level();
            if !tm.key || (!t.team_kinds.is_empty() && !t.team_kinds.contains(&tm.kind)) {
                continue;
            }
            if !t.levels.is_empty() && !t.levels.contains(&level) {
                continue;
            }
            let posts: Vec<PostId> = tm
                .posts
                .iter()
                .copied()
                .filter(|p| self.r.facts.is_planned_post(*p) && !s.post(*p).supernumerary)
                .collect();
            let m = posts.len();
            if m < 2 {
                continue;
            }
            let holders: Vec<CadreId> = posts.iter().filter_map(|p| self.a.holder.get(p).copied()).collect();
            let base = TargetOutcome {
                rule: ri,
                subject: ViolationSubject::Team(team),
                measure: "",
                lo: None,
                hi: None,
                denominator: None,
                achieved: 0.0,
                hard,
                weight,
                satisfied: vec![],
                counted: vec![],
            };
            if let Some(tiers) = t.age_tiers.get(level.code()) {
                let present: BTreeSet<usize> =
                    holders.iter().filter_map(|c| tier(tiers, self.r.facts.age(*c))).collect();
                r.targets.push(TargetOutcome {
                    measure: "age_tiers",
                    lo: Some(m.min(tiers.len()) as f64),
                    denominator: Some(tiers.len()),
                    achieved: present.len() as f64,
                    ..base.clone()
                });
            }
            if t.min_distinct_fields > 0 {
                let fields: BTreeSet<Field> = holders.iter().map(|c| s.cadre(*c).field).collect();
                r.targets.push(TargetOutcome {
                    measure: "fields",
                    lo: Some(m.min(t.min_distinct_fields as usize) as f64),
                    achieved: fields.len() as f64,
                    ..base
                });
            }
        }
    }

    fn tenure(&self, ri: usize, t: &TenureCapRule, r: &mut CheckReport) {
        let s = self.s;
        let (hard, weight) = self.strength(ri);
        let at = match t.measured_at {
            TenureAt::PlanDate => s.plan_date,
            TenureAt::TermEnd => s.term_end(),
        };
        for c in s.cadre_ids() {
            let Some(p) = s.cadre(c).post else { continue };
            if !t.roles.contains(&s.post(p).role) || !self.r.facts.is_planned_post(p) {
                continue;
            }
            if self.r.facts.tenure(c, at) + 1e-9 < t.max_years {
                continue;
            }
            // staying in the post, or taking another post of the same role in the same unit,
            // keeps the tenure running
            let here = s.post(p);
            let stays = self
                .post_of
                .get(&c)
                .is_some_and(|q| *q == p || (s.post(*q).role == here.role && s.post(*q).unit == here.unit));
            r.targets.push(TargetOutcome {
                rule: ri,
                subject: ViolationSubject::Cadre(c),
                measure: "stays",
                lo: None,
                hi: Some(0.0),
                denominator: None,
                achieved: if stays { 1.0 } else { 0.0 },
                hard,
                weight,
                satisfied: vec![],
                counted: vec![],
            });
        }
    }

    fn quota(&self, ri: usize, q: &RotationQuotaRule, r: &mut CheckReport) {
        let Some(band) = &q.band(self.milestone) else { return };
        let s = self.s;
        let (hard, weight) = self.strength(ri);
        let population: Vec<CadreId> =
            s.cadre_ids().filter(|c| q.population.management.contains(&s.cadre(*c).management)).collect();
        let n = population.len();
        if n == 0 {
            return;
        }
        let moved = population.iter().filter(|c| self.quota_move(q, **c).is_some()).count();
        let (lo, hi) = whole_counts(*band, n);
        r.targets.push(TargetOutcome {
            rule: ri,
            subject: ViolationSubject::Whole,
            measure: "share",
            lo: Some(lo),
            hi: Some(hi),
            denominator: Some(n),
            achieved: moved as f64,
            hard,
            weight,
            satisfied: vec![],
            counted: vec![],
        });
    }

    fn quota_move(&self, q: &RotationQuotaRule, c: CadreId) -> Option<PostId> {
        let s = self.s;
        let cur = s.post(s.cadre(c).post?);
        if !q.from.matches(cur.level, cur.role, s.unit(cur.unit).kind) {
            return None;
        }
        let to = *self.post_of.get(&c)?;
        let tp = s.post(to);
        (tp.unit != cur.unit && q.to.matches(tp.level, tp.role, s.unit(tp.unit).kind)).then_some(to)
    }

    fn vice_chair(&self, ri: usize, v: &ViceChairCapRule, r: &mut CheckReport) {
        let s = self.s;
        let mut by_unit: BTreeMap<UnitId, (u32, u32)> = BTreeMap::new();
        for (&p, &c) in &self.a.holder {
            let post = s.post(p);
            if post.level != v.level || post.role != v.role {
                continue;
            }
            let e = by_unit.entry(post.unit).or_default();
            e.1 += 1;
            let loc = s.unit(post.unit).locality;
            if one_of_its_own(s, c, loc) {
                e.0 += 1;
            }
        }
        for (u, (local, all)) in by_unit {
            let class = s.locality(s.unit(u).locality).class;
            let cap = class
                .and_then(|c| v.caps.get(&c.to_string()))
                .or_else(|| v.caps.get("default"))
                .copied()
                .unwrap_or(u32::MAX);
            if local > cap || all > cap.saturating_add(v.rotated_extra) {
                r.violations.push(Violation {
                    rule: RuleRef::Policy(ri),
                    subject: ViolationSubject::Unit(u),
                    rejection: None,
                    detail: format!(
                        "{} has {all} {} ({local} from the locality); cap {cap}, +{} for cadres rotated in",
                        s.unit(u).code,
                        v.role,
                        v.rotated_extra
                    ),
                });
            }
        }
    }

    fn moves_and_objective(&self, r: &mut CheckReport) {
        let s = self.s;
        let mut obj = ObjectiveBreakdown::default();
        for t in &r.targets {
            if !t.hard {
                obj.target_shortfall += t.shortfall() * t.weight as f64;
            }
        }
        let prefs: Vec<&PreferenceRule> = self
            .policy
            .active_rules()
            .filter_map(|r| match &r.body {
                RuleBody::Preference(p) => Some(p),
                _ => None,
            })
            .collect();
        for (&p, &c) in &self.a.holder {
            if !self.r.facts.is_planned_post(p) {
                continue;
            }
            let kind = self.r.arrival(c, p);
            obj.suitability += self.r.suitability(c, p);
            let post = s.post(p);
            for pr in &prefs {
                if pr.posts.matches(post.level, post.role, s.unit(post.unit).kind) {
                    let ok = match pr.reward {
                        Reward::NonLocalHolder => !self.r.facts.is_local(c, post.locality),
                    };
                    if ok {
                        obj.suitability += pr.points;
                        obj.preference += pr.points;
                    }
                }
            }
            if kind != MoveKind::Stays {
                obj.moves += 1;
            }
            r.moves.push(Move {
                cadre: c,
                from: s.cadre(c).post,
                to: Some(p),
                kind: Some(kind),
                serves: self.serves(c, p),
            });
        }
        for &c in &self.a.released {
            obj.moves += 1;
            r.moves.push(Move {
                cadre: c,
                from: s.cadre(c).post,
                to: None,
                kind: None,
                serves: self.serves_leaving(c),
            });
        }
        r.moves.sort_by_key(|m| (m.to.is_none(), m.cadre));
        for p in self.planned() {
            if !self.a.holder.contains_key(&p) && !s.post(p).supernumerary {
                r.vacancies.push(p);
                if !s.post(p).key {
                    obj.priced_vacancies += 1;
                }
            }
        }
        r.objective = obj;
    }

    /// Rules a placement contributes to.
    fn serves(&self, c: CadreId, p: PostId) -> Vec<usize> {
        let s = self.s;
        let post = s.post(p);
        let mut out = Vec::new();
        let stays = s.cadre(c).post == Some(p);
        for (ri, rule) in self.policy.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            let yes = match &rule.body {
                RuleBody::Coverage(cv) => match &cv.predicate {
                    LocalityPredicate::YoungHolder { roles, max_age_exclusive, sent_in } => {
                        post.level == cv.child
                            && (roles.is_empty() || roles.contains(&post.role))
                            && s.ancestor_at(post.locality, cv.child).is_some_and(|k| {
                                young_holder_counts(s, &self.r.facts, *max_age_exclusive, *sent_in, c, p, k)
                            })
                    }
                    LocalityPredicate::NonLocalHolder { roles } => {
                        post.level == cv.child
                            && roles.contains(&post.role)
                            && s.ancestor_at(post.locality, cv.child).is_some_and(|k| !self.r.facts.is_local(c, k))
                    }
                    LocalityPredicate::RotatedOut { .. } => {
                        !stays
                            && s.cadre(c).post.is_some_and(|from| {
                                s.post(from).level == cv.child
                                    && s.ancestor_at(s.post(from).locality, cv.child)
                                        .is_some_and(|k| !s.is_within(post.locality, k))
                            })
                    }
                },
                RuleBody::RotationQuota(q) => {
                    q.population.management.contains(&s.cadre(c).management) && self.quota_move(q, c) == Some(p)
                }
                RuleBody::TenureCap(_) => !stays && self.r.person(c).must_leave,
                RuleBody::Preference(pr) => {
                    pr.posts.matches(post.level, post.role, s.unit(post.unit).kind)
                        && !self.r.facts.is_local(c, post.locality)
                }
                RuleBody::Eligibility(e) => {
                    !stays
                        && e.target.matches(post.level, post.role, s.unit(post.unit).kind)
                        && self.r.covers(c, p, e)
                        && self.r.meets(c, p, e).is_ok()
                }
                _ => false,
            };
            if yes {
                out.push(ri);
            }
        }
        out
    }

    fn serves_leaving(&self, c: CadreId) -> Vec<usize> {
        self.policy
            .rules
            .iter()
            .enumerate()
            .filter(|(_, r)| r.enabled && matches!(r.body, RuleBody::TenureCap(_)))
            .filter(|_| self.r.person(c).must_leave)
            .map(|(i, _)| i)
            .collect()
    }
}
