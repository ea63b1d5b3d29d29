//! Formulation: scenario + policy → a tagged mixed-integer program.
//!
//! The decision is which cadre holds which planned post after the plan (staying is a decision
//! too): one binary `x[c,p]` per *eligible* pair ([`eligibility`]), plus `r[c]` for incumbents
//! who may be released. Every rule family adds its rows in its own file, each with its maths in
//! the module doc:
//!
//! | file | rows |
//! |---|---|
//! | [`capacity`] | a post holds ≤ 1 cadre, key posts are filled, every incumbent ends somewhere |
//! | [`tenure`] | whoever reached the tenure cap leaves the post |
//! | [`coverage`] | shares of child localities (young leaders, young vice-chairs sent in, non-local secretaries, districts rotating a cadre out) |
//! | [`team_mix`] | age tiers and fields of training in key teams |
//! | [`rotation_quota`] | the share of a population rotated among city agencies |
//! | [`vice_chair_cap`] | vice-chairs per People's Committee |
//! | [`pins`] | a planner's forced, forbidden, kept and vacant choices |
//! | [`objective`] | targets, then (by default) the least disruption, then suitability |
//!
//! Hard rules are rows; targets are rows with elastic slack priced in the first objective
//! component, so a plan always comes back and says which targets are unmet and by how much.

use std::collections::BTreeMap;

use crate::model::policy::{self, strength_of, Band, Priority, RuleBody};
use crate::model::*;

pub mod capacity;
pub mod carried;
pub mod coverage;
pub mod eligibility;
pub mod ir;
pub mod names;
pub mod neighbourhood;
pub mod objective;
pub mod pins;
pub mod rotation_quota;
pub mod team_mix;
pub mod tenure;
pub mod vice_chair_cap;

pub use eligibility::{Judge, MoveKind, Reason, Rejection, Suitability};
pub use ir::{LpModel, RowId, RowKind, RuleRef, Subject, Tag, Var, VarKind};
pub use pins::Pins;

/// What the formulation is asked to build.
#[derive(Clone, Debug, Default)]
pub struct FormulationSettings {
    /// The milestone whose bands apply (`None`: the policy's own).
    pub milestone: Option<String>,
    /// Planner pins.
    pub pins: Pins,
    /// Cadres held in place where the hard rules allow (a roadmap's minimum rotation length):
    /// unlike a keep pin, a hold can give, and the first objective component keeps as many of
    /// them as any plan can (see [`objective`]). Empty outside a roadmap.
    pub held: Vec<CadreId>,
    /// Stay close to an earlier plan: post → holder there. Adds a fourth objective component,
    /// placed second (after targets), counting placements that differ from it.
    pub closeness: Option<BTreeMap<PostId, Option<CadreId>>>,
    /// Minimum number of differing committee-level decisions from each plan of `distinct_from`.
    pub min_difference: usize,
    /// What this alternative emphasises.
    pub emphasis: Emphasis,
    /// The order of priorities (`None`: the policy's own).
    pub priorities: Option<Vec<Priority>>,
    /// A later milestone whose coverage targets are pursued right after the current ones (the
    /// "ahead of the milestone" alternative).
    pub ahead: Option<String>,
    /// The price of a move: a compromise alternative between the least-disruption and the
    /// most-suitable plans weighs suitability against disruption at this rate, right after
    /// the targets (see [`objective`]).
    pub move_price: Option<MovePrice>,
    /// Earlier plans' committee-level decisions (see [`committee_posts`]): the new plan
    /// differs from each in at least `min_difference` of them.
    pub distinct_from: Vec<Vec<(CadreId, PostId)>>,
    /// What earlier years of a roadmap already counted towards cumulative shares (see
    /// [`carried`]); empty outside a roadmap.
    pub carried: carried::Carried,
}

/// Suitability points that one unit of disruption (a move, a release, an extra seat) must buy
/// at least: `points / per`. Whole numbers, so that the weighted component stays whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MovePrice {
    /// Suitability points...
    pub points: u64,
    /// ... per this many units of disruption.
    pub per: u64,
}

impl MovePrice {
    /// The average price between two plans, to the nearest whole point: the suitability one
    /// gains over the other per unit of disruption it adds (`None` when it adds none or gains
    /// less than a point per unit). Whole points keep the balance's values a point apart, as
    /// suitability's are, so that its relaxation closes as easily (a price of 911/218 made
    /// values 1/218 of a point apart, and HiGHS could not prove one in two minutes).
    pub fn between(suitability_gain: f64, disruption_added: f64) -> Option<MovePrice> {
        if disruption_added < 0.5 {
            return None;
        }
        let points = (suitability_gain / disruption_added).round();
        (points >= 1.0).then_some(MovePrice { points: points as u64, per: 1 })
    }

    /// Points per unit, as a number.
    pub fn rate(self) -> f64 {
        self.points as f64 / self.per as f64
    }
}

/// The posts whose holders a standing committee decides: key posts at district and city
/// level.
pub fn committee_posts(s: &Scenario) -> std::collections::BTreeSet<PostId> {
    s.post_ids().filter(|p| s.post(*p).key && s.post(*p).level != Level::Commune).collect()
}

/// What an alternative plan emphasises. The policy's order of priorities stays (targets first);
/// an emphasis multiplies the weights of some targets by 10, or puts fewest moves before
/// suitability.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Emphasis {
    /// The policy as written.
    #[default]
    Balanced,
    /// Young leaders and age tiers weigh ten times more.
    Rejuvenation,
    /// The least disruption before suitability, whatever order the policy names.
    Stability,
    /// Non-local placements weigh ten times more (and their preference points five times).
    NonLocality,
}

impl Emphasis {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Emphasis::Balanced => "balanced",
            Emphasis::Rejuvenation => "rejuvenation",
            Emphasis::Stability => "stability",
            Emphasis::NonLocality => "non_locality",
        }
    }

    /// The factor on a rule's target weight.
    pub fn factor(self, body: &RuleBody) -> u32 {
        use crate::model::policy::LocalityPredicate as P;
        match (self, body) {
            (Emphasis::Rejuvenation, RuleBody::Coverage(c)) if matches!(c.predicate, P::YoungHolder { .. }) => 10,
            (Emphasis::Rejuvenation, RuleBody::TeamMix(_)) => 10,
            (Emphasis::NonLocality, RuleBody::Coverage(c)) if matches!(c.predicate, P::NonLocalHolder { .. }) => 10,
            (Emphasis::NonLocality, RuleBody::Preference(_)) => 5,
            _ => 1,
        }
    }
}

/// A bounded quantity the policy asks for: one row, one subject.
#[derive(Clone, Debug)]
pub struct Target {
    /// Index of the rule in the policy.
    pub rule: usize,
    /// What it is about.
    pub subject: Subject,
    /// Required minimum (a count), if any.
    pub lo: Option<f64>,
    /// Required maximum, if any.
    pub hi: Option<f64>,
    /// Denominator when the rule is a share (children counted, population size).
    pub denominator: Option<usize>,
    /// Hard at this milestone.
    pub hard: bool,
    /// Weight of one unit of shortfall.
    pub weight: u32,
    /// The row.
    pub row: Option<RowId>,
    /// Shortfall column.
    pub below: Option<Var>,
    /// Excess column.
    pub above: Option<Var>,
    /// Which child localities were left out of a share, and why (no post of the roles).
    pub excluded: Vec<LocalityId>,
    /// Sub-measure name for rules with several measures per subject (`age_tiers`, `fields`).
    pub measure: &'static str,
    /// A target of the later milestone pursued ahead of time (its own objective component).
    pub ahead: bool,
}

/// The built model and everything needed to read its solutions.
pub struct Formulation<'a> {
    /// The eligibility judge (and the facts).
    pub judge: Judge<'a>,
    /// The model.
    pub model: LpModel,
    /// The milestone in force.
    pub milestone: String,
    /// Planned posts, in scenario order.
    pub planned_posts: Vec<PostId>,
    /// Assignment columns per post (index = post index; empty for unplanned posts).
    pub by_post: Vec<Vec<(CadreId, Var)>>,
    /// Assignment columns per cadre.
    pub by_cadre: Vec<Vec<(PostId, Var)>>,
    /// Release column per cadre.
    pub release: Vec<Option<Var>>,
    /// Every bounded rule instance.
    pub targets: Vec<Target>,
    /// Suitability per assignment column (by column index), for the objective and explanations.
    pub suitability: BTreeMap<Var, Suitability>,
    /// Preference points per assignment column.
    pub preference: BTreeMap<Var, u32>,
    /// The emphasis in force.
    pub emphasis: Emphasis,
    /// The order of priorities in force.
    pub priorities: Vec<Priority>,
    /// While building the targets of a later milestone: they are soft and marked `ahead`.
    building_ahead: bool,
    /// Counts carried from earlier years of a roadmap (see [`carried`]).
    pub carried: carried::Carried,
    /// Coverage indicators by (rule, child locality), and whether their upper links are in:
    /// the current and a later milestone's targets of one rule count the same children, so
    /// they share one indicator per child (see [`coverage`]).
    coverage_z: BTreeMap<(usize, LocalityId), (Var, bool)>,
}

impl<'a> Formulation<'a> {
    /// Builds the model.
    pub fn build(scenario: &'a Scenario, policy: &'a Policy, settings: &FormulationSettings) -> Self {
        let judge = Judge::new(scenario, policy);
        let milestone = settings.milestone.clone().unwrap_or_else(|| policy.milestone.clone());
        let planned_posts: Vec<PostId> = scenario.post_ids().filter(|p| judge.facts.is_planned_post(*p)).collect();
        let mut f = Formulation {
            judge,
            model: LpModel::default(),
            milestone,
            planned_posts,
            by_post: vec![Vec::new(); scenario.posts.len()],
            by_cadre: vec![Vec::new(); scenario.cadres.len()],
            release: vec![None; scenario.cadres.len()],
            targets: Vec::new(),
            suitability: BTreeMap::new(),
            preference: BTreeMap::new(),
            emphasis: settings.emphasis,
            priorities: match settings.emphasis {
                Emphasis::Stability => policy::default_priorities(),
                _ => settings.priorities.clone().unwrap_or_else(|| policy.objective.priorities.clone()),
            },
            building_ahead: false,
            carried: settings.carried.clone(),
            coverage_z: BTreeMap::new(),
        };
        f.create_assignments(&settings.pins);
        capacity::add(&mut f);
        if let Some(later) = settings.ahead.as_ref().filter(|m| **m != f.milestone) {
            // the later milestone's coverage targets, soft, in their own component
            let now = std::mem::replace(&mut f.milestone, later.clone());
            f.building_ahead = true;
            for (ri, rule) in policy.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
                if let RuleBody::Coverage(c) = &rule.body {
                    coverage::add(&mut f, ri, c);
                }
            }
            f.building_ahead = false;
            f.milestone = now;
        }
        for (ri, rule) in policy.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            match &rule.body {
                RuleBody::Coverage(c) => coverage::add(&mut f, ri, c),
                RuleBody::TeamMix(t) => team_mix::add(&mut f, ri, t),
                RuleBody::TenureCap(t) => tenure::add(&mut f, ri, t),
                RuleBody::RotationQuota(q) => rotation_quota::add(&mut f, ri, q),
                RuleBody::ViceChairCap(v) => vice_chair_cap::add(&mut f, ri, v),
                RuleBody::Preference(p) => objective::add_preference(&mut f, p),
                RuleBody::Eligibility(_) | RuleBody::SameLevel(_) | RuleBody::ServiceLeft(_) => {}
            }
        }
        pins::add(&mut f, &settings.pins);
        if !settings.distinct_from.is_empty() {
            pins::add_distinct(&mut f, &settings.distinct_from, &committee_posts(scenario), settings.min_difference);
        }
        let priorities = f.priorities.clone();
        objective::add(&mut f, &settings.held, settings.closeness.as_ref(), &priorities, settings.move_price);
        f
    }

    /// Creates `x[c,p]` for eligible pairs (and for pairs a pin forces, guarded by a row), and
    /// `r[c]` where release is allowed.
    fn create_assignments(&mut self, pins: &Pins) {
        let s = self.judge.facts.scenario;
        let forced: std::collections::BTreeSet<(CadreId, PostId)> = pins.force.iter().copied().collect();
        for p in self.planned_posts.clone() {
            for c in s.cadre_ids() {
                match self.judge.judge(c, p) {
                    Ok(_) => {
                        self.new_assignment(c, p);
                    }
                    Err(rej) if forced.contains(&(c, p)) => {
                        // The planner forces an ineligible pair: the column exists, and a hard
                        // row tagged with the excluding rule keeps it at 0, so an infeasibility
                        // names that rule.
                        let v = self.new_assignment(c, p);
                        let tag = Tag { rule: rej.rule, subject: Subject::Pair(c, p), kind: RowKind::Hard };
                        self.model.add_row(tag, vec![(v, 1.0)], 0.0, 0.0);
                    }
                    Err(_) => {}
                }
            }
        }
        for c in s.cadre_ids() {
            if self.judge.may_be_released(c) {
                self.release[c.index()] = Some(self.model.add_binary(VarKind::Release(c)));
            }
        }
    }

    fn new_assignment(&mut self, c: CadreId, p: PostId) -> Var {
        let v = self.model.add_binary(VarKind::Assign(c, p));
        self.by_post[p.index()].push((c, v));
        self.by_cadre[c.index()].push((p, v));
        self.suitability.insert(v, self.judge.suitability(c, p));
        v
    }

    /// The assignment column of a pair, if it exists.
    pub fn var(&self, c: CadreId, p: PostId) -> Option<Var> {
        self.by_cadre[c.index()].iter().find(|(q, _)| *q == p).map(|(_, v)| *v)
    }

    /// The band of a rule at the milestone in force (a floor where the policy says so), and
    /// whether it is hard then.
    pub fn band(&self, bands: &BTreeMap<String, Band>, floors: &[String], rule: usize) -> Option<(Band, bool, u32)> {
        let band = crate::model::policy::effective_band(bands, floors, &self.milestone)?;
        let (hard, weight) = self.strength(rule);
        Some((band, hard, weight))
    }

    /// Whether a rule is hard at the milestone in force, and its weight.
    pub fn strength(&self, rule: usize) -> (bool, u32) {
        let body = &self.judge.facts.policy.rules[rule].body;
        match strength_of(body) {
            Some(s) => (
                s.hard_at.contains(&self.milestone) && !self.building_ahead,
                s.weight.max(1) * self.emphasis.factor(body),
            ),
            None => (true, 1),
        }
    }

    /// Adds a bounded rule instance: a hard row, or a target row with slack columns.
    #[allow(clippy::too_many_arguments)]
    pub fn add_bounded(
        &mut self,
        rule: usize,
        subject: Subject,
        measure: &'static str,
        mut terms: Vec<(Var, f64)>,
        lo: Option<f64>,
        hi: Option<f64>,
        denominator: Option<usize>,
        excluded: Vec<LocalityId>,
    ) -> usize {
        let (hard, weight) = self.strength(rule);
        let t = self.targets.len();
        let (mut below, mut above) = (None, None);
        if !hard {
            if lo.is_some() {
                let v = self.model.add_col(VarKind::Slack { target: t, below: true }, 0.0, f64::INFINITY, false);
                terms.push((v, 1.0));
                below = Some(v);
            }
            if hi.is_some() {
                let v = self.model.add_col(VarKind::Slack { target: t, below: false }, 0.0, f64::INFINITY, false);
                terms.push((v, -1.0));
                above = Some(v);
            }
        }
        let kind = if hard { RowKind::Hard } else { RowKind::Target };
        let row = self.model.add_row(
            Tag { rule: RuleRef::Policy(rule), subject, kind },
            terms,
            lo.unwrap_or(f64::NEG_INFINITY),
            hi.unwrap_or(f64::INFINITY),
        );
        self.targets.push(Target {
            rule,
            subject,
            lo,
            hi,
            denominator,
            hard,
            weight,
            row,
            below,
            above,
            excluded,
            measure,
            ahead: self.building_ahead,
        });
        t
    }

    /// Adds a definition row (never relaxed).
    pub fn define(&mut self, rule: RuleRef, subject: Subject, terms: Vec<(Var, f64)>, lo: f64, hi: f64) {
        self.model.add_row(Tag { rule, subject, kind: RowKind::Definition }, terms, lo, hi);
    }
}

/// Converts a share band over `n` items into whole counts: at least `ceil(lo·n)`, at most
/// `max(floor(hi·n), ceil(lo·n))` — a band narrower than one item is widened upward, so that
/// "10-15% of 6 wards" asks for exactly 1 ward rather than the impossible 0.6-0.9.
pub fn band_counts(band: Band, n: usize) -> (f64, f64) {
    let n = n as f64;
    let lo = (band[0] * n - 1e-9).ceil().max(0.0);
    let hi = (band[1] * n + 1e-9).floor().max(lo);
    (lo, hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_price_is_the_average_gain_per_move_in_whole_points() {
        assert_eq!(MovePrice::between(911.0, 218.0), Some(MovePrice { points: 4, per: 1 }));
        assert_eq!(MovePrice::between(100.0, 40.0), Some(MovePrice { points: 3, per: 1 }));
        // no extra moves, or less than half a point per move: no compromise to look for
        assert_eq!(MovePrice::between(10.0, 0.0), None);
        assert_eq!(MovePrice::between(10.0, 40.0), None);
        assert_eq!(MovePrice::between(-5.0, 10.0), None);
    }

    #[test]
    fn band_counts_round_to_whole_items() {
        assert_eq!(band_counts([0.2, 0.25], 37), (8.0, 9.0));
        assert_eq!(band_counts([0.1, 0.15], 6), (1.0, 1.0));
        assert_eq!(band_counts([0.4, 0.6], 15), (6.0, 9.0));
        assert_eq!(band_counts([1.0, 1.0], 15), (15.0, 15.0));
        assert_eq!(band_counts([0.02, 0.03], 800), (16.0, 24.0));
    }
}
