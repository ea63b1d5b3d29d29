//! Alternatives: plans a committee can choose between, each a real trade-off against plan 1.
//!
//! Plans that are equal on every criterion are not alternatives — they only swap equals, and
//! are shown as interchangeable choices inside a plan instead ([`interchangeable`]). The plans
//! here differ in what the committee decides:
//!
//! 1. **least disruption** (plan 1): the policy as written — targets, then the fewest moves,
//!    then suitability;
//! 2. **most suitable**: targets, then suitability, then moves (the order a province that
//!    wants the most suitable people first would write), with its price in moves;
//! 3. **ahead of the milestone**: the next milestone's coverage targets pursued right after
//!    this one's (more young district leaders or non-local secretaries now rather than later),
//!    where the scenario allows;
//! 4. **compromise**: suitability weighed against disruption at the average price of a move
//!    between plans 1 and 2 (`formulation::MovePrice`): the knee between the two;
//! 5. **another committee choice**: the least-disruption plan that decides the committee-level
//!    posts differently (which districts get the young leaders, which secretaries move where).
//!
//! Every plan after the first is at least `min_difference` decisions away from every plan
//! before it *on the committee-level posts* (key posts of districts and the city,
//! [`committee_posts`]), by one exact row per earlier plan; a plan that still equals an
//! earlier one on every criterion is dropped. The plans are solved in two parallel waves on
//! the command's clock (2 and 5, then 3 and 4, when the set has room for all five kinds;
//! else 2–3, then 4–5), returned in the order above, and each carries its origin and its trade-off
//! against plan 1 as data ([`Tradeoff`]), which the explain layer words in Vietnamese or
//! English.

use std::collections::BTreeSet;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::check::Assignment;
use crate::formulation::{committee_posts, Emphasis, FormulationSettings, MovePrice};
use crate::model::policy::{Priority, RuleBody};
use crate::model::{CadreId, PostId, Scenario};
use crate::plan::{make_plan, make_plan_from, Plan, PlanOutcome, PlanRequest};
use crate::solve::{SolveError, SolverSettings};

pub mod interchangeable;

/// How a plan came about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// The policy's own order of priorities (by default the least disruption).
    #[default]
    Policy,
    /// Suitability before disruption.
    MostSuitable,
    /// The next milestone's coverage targets pursued now.
    AheadOfMilestone,
    /// Only the extra moves that each buy at least the average suitability per move between
    /// plan 1 and the most suitable plan.
    Compromise,
    /// The policy's order, with other decisions on the committee-level posts.
    CommitteeChoice,
    /// Young leaders and age tiers weigh ten times more (`--emphases rejuvenation`).
    Rejuvenation,
    /// Non-local placements weigh ten times more (`--emphases non_locality`).
    NonLocality,
}

impl Origin {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Origin::Policy => "policy",
            Origin::MostSuitable => "most_suitable",
            Origin::AheadOfMilestone => "ahead_of_milestone",
            Origin::Compromise => "compromise",
            Origin::CommitteeChoice => "committee_choice",
            Origin::Rejuvenation => "rejuvenation",
            Origin::NonLocality => "non_locality",
        }
    }
}

/// What a plan trades against plan 1, as data (worded by the explain layer).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tradeoff {
    /// Moves, plan − plan 1.
    pub moves: i64,
    /// Moves with no purpose, plan − plan 1.
    pub discretionary_moves: i64,
    /// Extra vice-chair seats used, plan − plan 1.
    pub extra_seats: i64,
    /// Suitability points, plan − plan 1.
    pub suitability: i64,
    /// Suitability change relative to plan 1 (0.09 for +9%).
    pub suitability_share: f64,
    /// Rule instances met, plan − plan 1.
    pub targets_met: i64,
    /// Committee-level decisions (key posts of districts and the city) that differ.
    pub committee_decisions: usize,
    /// The later milestone pursued ahead, with what the plan reaches of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ahead: Option<Ahead>,
    /// Per rule and measure, the instances met where the count differs from plan 1: what a
    /// plan equal to plan 1 in moves and suitability trades (one more team with every age tier
    /// for one fewer with its mix of specialisations, say).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleMet>,
}

/// How many instances of one rule (and measure) a plan meets, against plan 1.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleMet {
    /// Rule id.
    pub rule: String,
    /// What is measured (`age_tiers`, `fields`, `share`, ...).
    pub measure: String,
    /// Instances met in plan 1.
    pub first: usize,
    /// Instances met in this plan.
    pub this: usize,
}

/// What an ahead-of-milestone plan reaches of the later milestone.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ahead {
    /// The later milestone.
    pub milestone: String,
    /// Per coverage rule (id): children meeting it in plan 1 and in this plan, and how many
    /// the later milestone asks for in all.
    pub rules: Vec<AheadRule>,
}

/// One coverage rule's progress toward the later milestone.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AheadRule {
    /// Rule id.
    pub rule: String,
    /// Children meeting it in plan 1.
    pub first: usize,
    /// Children meeting it in this plan.
    pub this: usize,
    /// Children counted.
    pub of: usize,
}

/// What to look for.
#[derive(Clone, Debug)]
pub struct AlternativesRequest {
    /// How many plans.
    pub count: usize,
    /// Minimum number of differing committee-level decisions between any two plans.
    pub min_difference: usize,
    /// Emphases solved in full besides the trade-offs (each costs a full solve).
    pub emphases: Vec<Emphasis>,
}

impl Default for AlternativesRequest {
    fn default() -> Self {
        AlternativesRequest { count: 5, min_difference: 5, emphases: Vec::new() }
    }
}

/// The committee-level decisions of an assignment: placements on key posts of districts and
/// the city that are not stays.
pub fn committee_decisions(s: &Scenario, a: &Assignment) -> BTreeSet<(CadreId, PostId)> {
    let posts = committee_posts(s);
    a.holder
        .iter()
        .filter(|(p, c)| posts.contains(p) && s.cadre(**c).post != Some(**p))
        .map(|(p, c)| (*c, *p))
        .collect()
}

/// The decisions of an assignment that a committee compares: placements that are not stays.
pub fn decisions(s: &Scenario, a: &Assignment) -> BTreeSet<(CadreId, PostId)> {
    a.holder.iter().filter(|(p, c)| s.cadre(**c).post != Some(**p)).map(|(p, c)| (*c, *p)).collect()
}

/// Number of decisions in which two assignments differ.
pub fn distance(s: &Scenario, a: &Assignment, b: &Assignment) -> usize {
    decisions(s, a).symmetric_difference(&decisions(s, b)).count()
}

/// Number of committee-level decisions in which two assignments differ.
pub fn committee_distance(s: &Scenario, a: &Assignment, b: &Assignment) -> usize {
    committee_decisions(s, a).symmetric_difference(&committee_decisions(s, b)).count()
}

/// One alternative to solve.
#[derive(Clone, Debug)]
struct Spec {
    origin: Origin,
    formulation: FormulationSettings,
}

/// The milestone after the one in force, in the policy's order of milestones.
fn later_milestone(policy: &crate::model::Policy, now: &str) -> Option<String> {
    let known: Vec<String> = policy.known_milestones().into_iter().collect();
    let i = known.iter().position(|m| m == now)?;
    known.get(i + 1).cloned()
}

/// Finds up to `count` plans, each a trade-off against the first. Plans without an assignment
/// (infeasible, no plan before the limit) end the search and are returned as the only
/// element, so the caller can report them.
pub fn alternatives(base: &PlanRequest<'_>, req: &AlternativesRequest) -> Result<Vec<PlanOutcome>, SolveError> {
    alternatives_report(base, req).map(|a| a.plans)
}

/// Why an alternative the set looked for is not in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    /// No plan meets the hard rules with its own rows (the rows that keep it
    /// `min_difference` decisions from the earlier plans, its ε-row).
    Infeasible,
    /// Its share of the time ran out before a plan was found.
    NoPlan,
    /// Its plan was under `min_difference` committee-level decisions from an earlier plan.
    TooClose,
    /// Its plan was equal to an earlier one on every criterion.
    Tie,
}

/// The plans found, and the kinds of alternative looked for and not kept, with why (a kind
/// that is in the set through another plan is not listed).
pub struct Alternatives {
    /// The plans, plan 1 first.
    pub plans: Vec<PlanOutcome>,
    /// The kinds not kept, in the order tried.
    pub missing: Vec<(Origin, Missing)>,
}

/// As [`alternatives`], also saying which kinds of alternative are missing and why, so that a
/// set without (say) an ahead-of-milestone plan says so instead of leaving it out silently.
pub fn alternatives_report(base: &PlanRequest<'_>, req: &AlternativesRequest) -> Result<Alternatives, SolveError> {
    let mut missing: Vec<(Origin, Missing)> = Vec::new();
    let plans = alternatives_inner(base, req, &mut missing)?;
    missing.retain(|(o, _)| plans.iter().all(|p| p.plan.origin != Some(*o)));
    let mut seen = BTreeSet::new();
    missing.retain(|(o, _)| seen.insert(*o));
    Ok(Alternatives { plans, missing })
}

fn alternatives_inner(
    base: &PlanRequest<'_>,
    req: &AlternativesRequest,
    missing: &mut Vec<(Origin, Missing)>,
) -> Result<Vec<PlanOutcome>, SolveError> {
    let s = base.scenario;
    // one clock for the whole set; each wave gets a share of what is left, so that one slow
    // alternative (the ahead-of-milestone plan can be much harder than plan 1) cannot take the
    // time of the others — it reports its own stop and gap instead
    let overall = base.solver.clock();
    let share = std::sync::Mutex::new(1.0f64);
    let request = |spec: &Spec, distinct: Vec<Vec<(CadreId, PostId)>>| PlanRequest {
        scenario: base.scenario,
        policy: base.policy,
        scenario_ref: base.scenario_ref.clone(),
        policy_ref: base.policy_ref.clone(),
        formulation: FormulationSettings {
            distinct_from: distinct,
            min_difference: req.min_difference,
            ..spec.formulation.clone()
        },
        solver: SolverSettings {
            clock: Some(overall.within(overall.remaining() * *share.lock().expect("share is never poisoned"))),
            ..base.solver.clone()
        },
        from_plan: base.from_plan.clone(),
        emphasis: Some(spec.origin.code().to_string()),
    };
    let first_spec = Spec { origin: Origin::Policy, formulation: base.formulation.clone() };
    let first = make_plan(&request(&first_spec, Vec::new()))?;
    if first.plan.posts.is_empty() {
        return Ok(vec![first]);
    }
    let mut found = vec![tag(first, Origin::Policy)];
    if req.count <= 1 {
        return Ok(found);
    }
    let milestone = found[0].plan.milestone.clone();
    let policy_order = base.policy.objective.priorities.clone();
    let suitability_first = vec![Priority::Targets, Priority::Suitability, Priority::Disruption];
    let other_order =
        if policy_order == suitability_first { crate::model::policy::default_priorities() } else { suitability_first };
    let with = |origin: Origin, f: FormulationSettings| Spec { origin, formulation: f };
    let mut wave1 = vec![with(
        Origin::MostSuitable,
        FormulationSettings { priorities: Some(other_order.clone()), ..base.formulation.clone() },
    )];
    let later = later_milestone(base.policy, &milestone)
        .filter(|_| base.policy.rules.iter().any(|r| r.enabled && matches!(r.body, RuleBody::Coverage(_))));
    let ahead = later.as_ref().map(|m| {
        with(Origin::AheadOfMilestone, FormulationSettings { ahead: Some(m.clone()), ..base.formulation.clone() })
    });
    // When the set has room for every kind (plan 1, most suitable, ahead, compromise and a
    // committee choice), the committee choice is solved beside the most suitable plan and the
    // ahead plan beside the compromise: a committee choice solved beside the compromise was
    // kept from it only by the rows of the plans before them, and, both moved off plan 1's
    // committee decisions, the two often took the same next ones, so that the committee
    // choice was solved a third time (7 s of 43 s on Hai Phong). With less room the ahead
    // plan keeps its place in the first wave: it comes before a committee choice.
    let emphasised =
        req.emphases.iter().filter(|e| matches!(e, Emphasis::Rejuvenation | Emphasis::NonLocality)).count();
    let room_for_all = req.count >= 5 + emphasised;
    let mut wave2_extra = None;
    match ahead {
        Some(a) if room_for_all => {
            wave1.push(with(Origin::CommitteeChoice, base.formulation.clone()));
            wave2_extra = Some(a);
        }
        Some(a) => wave1.push(a),
        None => {}
    }
    for e in &req.emphases {
        let origin = match e {
            Emphasis::Rejuvenation => Origin::Rejuvenation,
            Emphasis::NonLocality => Origin::NonLocality,
            Emphasis::Stability | Emphasis::Balanced => continue,
        };
        wave1.push(with(origin, FormulationSettings { emphasis: *e, ..base.formulation.clone() }));
    }
    let committee = |found: &[PlanOutcome]| -> Vec<Vec<(CadreId, PostId)>> {
        found.iter().map(|f| committee_decisions(s, &f.assignment).into_iter().collect()).collect()
    };
    *share.lock().expect("share is never poisoned") = 0.5;
    solve_wave(&mut found, wave1, req, &committee, &request, missing)?;
    *share.lock().expect("share is never poisoned") = 0.6;
    // wave 2: the compromise and another committee choice
    let most = found.iter().find(|o| o.plan.settings.emphasis.as_deref() == Some(Origin::MostSuitable.code()));
    let mut wave2 = Vec::new();
    if let (Some(most), Some(first)) = (most, found.first()) {
        // the average price of a move between plan 1 and the most suitable plan: both score
        // about the same on the balance at that price (exactly, before it is rounded to whole
        // points), and a plan that beats them is one whose extra moves each buy more
        let gain = most.plan.objective.suitability as f64 - first.plan.objective.suitability as f64;
        if let Some(price) = MovePrice::between(gain, first.disruption - most.disruption) {
            wave2.push(with(
                Origin::Compromise,
                FormulationSettings { move_price: Some(price), ..base.formulation.clone() },
            ));
        }
    }
    wave2.push(wave2_extra.unwrap_or_else(|| with(Origin::CommitteeChoice, base.formulation.clone())));
    solve_wave(&mut found, wave2, req, &committee, &request, missing)?;
    *share.lock().expect("share is never poisoned") = 1.0;
    // fill in with further committee choices while plans are wanted and found
    while found.len() < req.count {
        let before = found.len();
        solve_wave(
            &mut found,
            vec![with(Origin::CommitteeChoice, base.formulation.clone())],
            req,
            &committee,
            &request,
            missing,
        )?;
        if found.len() == before {
            break;
        }
    }
    found.truncate(req.count);
    // the kinds in their own order (`Origin`'s), whichever wave found them
    found[1..].sort_by_key(|o| o.plan.origin);
    let first = found[0].clone_summary();
    for o in found.iter_mut().skip(1) {
        o.plan.tradeoff = Some(tradeoff(s, base.policy, &first, o, later.as_deref()));
    }
    Ok(found)
}

/// Committee-level decisions of each plan (pairs), for the distinctness rows.
type Decisions = Vec<Vec<(CadreId, PostId)>>;

/// Solves one wave in parallel and keeps the plans that are distinct from every plan found.
fn solve_wave<'a>(
    found: &mut Vec<PlanOutcome>,
    wave: Vec<Spec>,
    req: &AlternativesRequest,
    committee: &dyn Fn(&[PlanOutcome]) -> Decisions,
    request: &(dyn Fn(&Spec, Decisions) -> PlanRequest<'a> + Sync),
    missing: &mut Vec<(Origin, Missing)>,
) -> Result<(), SolveError> {
    if found.len() >= req.count || wave.is_empty() {
        return Ok(());
    }
    let distinct = committee(found);
    // every alternative starts from plan 1: its columns guide the restricted MIPs
    let start = &found[0].assignment;
    let outcomes: Vec<Result<PlanOutcome, SolveError>> =
        wave.par_iter().map(|spec| make_plan_from(&request(spec, distinct.clone()), Some(start))).collect();
    for (spec, o) in wave.iter().zip(outcomes) {
        let o = o?;
        if found.len() >= req.count {
            continue;
        }
        if o.plan.posts.is_empty() {
            let why =
                if o.status == crate::solve::SolveStatus::Infeasible { Missing::Infeasible } else { Missing::NoPlan };
            missing.push((spec.origin, why));
            continue;
        }
        let far = found.iter().all(|f| committee_distance_plans(f, &o) >= req.min_difference.max(1));
        let tie = found.iter().any(|f| same_criteria(&f.plan, &o.plan));
        match (far, tie) {
            (true, false) => found.push(tag(o, spec.origin)),
            (false, _) => missing.push((spec.origin, Missing::TooClose)),
            (true, true) => missing.push((spec.origin, Missing::Tie)),
        }
    }
    Ok(())
}

fn committee_distance_plans(a: &PlanOutcome, b: &PlanOutcome) -> usize {
    a.committee.symmetric_difference(&b.committee).count()
}

/// Whether two plans are equal on every criterion a committee compares.
fn same_criteria(a: &Plan, b: &Plan) -> bool {
    let achieved = |p: &Plan| p.targets.iter().map(|t| t.achieved).collect::<Vec<_>>();
    a.objective == b.objective && achieved(a) == achieved(b)
}

fn tag(mut o: PlanOutcome, origin: Origin) -> PlanOutcome {
    o.plan.settings.emphasis = Some(origin.code().to_string());
    o.plan.origin = Some(origin);
    o
}

/// What `o` trades against `first`.
fn tradeoff(
    s: &Scenario,
    policy: &crate::model::Policy,
    first: &Summary,
    o: &PlanOutcome,
    later: Option<&str>,
) -> Tradeoff {
    let p = &o.plan.objective;
    let f = &first.objective;
    let ahead = (o.plan.origin == Some(Origin::AheadOfMilestone)).then(|| Ahead {
        milestone: later.unwrap_or_default().to_string(),
        rules: policy
            .rules
            .iter()
            .filter(|r| r.enabled && matches!(r.body, RuleBody::Coverage(_)))
            .map(|r| {
                let sum = |plan: &Plan| -> (usize, usize) {
                    plan.targets
                        .iter()
                        .filter(|t| t.rule == r.id)
                        .fold((0, 0), |(a, n), t| (a + t.achieved as usize, n + t.denominator.unwrap_or(0)))
                };
                let (first_n, of) = sum(&first.plan);
                let (this, _) = sum(&o.plan);
                AheadRule { rule: r.id.clone(), first: first_n, this, of }
            })
            .filter(|a| a.this != a.first)
            .collect(),
    });
    let _ = s;
    let met = |plan: &Plan| {
        let mut m: std::collections::BTreeMap<(String, String), usize> = std::collections::BTreeMap::new();
        for t in &plan.targets {
            *m.entry((t.rule.clone(), t.measure.clone())).or_default() += usize::from(t.met);
        }
        m
    };
    let (met_first, met_this) = (met(&first.plan), met(&o.plan));
    let rules = met_first
        .keys()
        .chain(met_this.keys())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|k| RuleMet {
            rule: k.0.clone(),
            measure: k.1.clone(),
            first: met_first.get(k).copied().unwrap_or(0),
            this: met_this.get(k).copied().unwrap_or(0),
        })
        .filter(|r| r.first != r.this)
        .collect();
    Tradeoff {
        moves: p.moves as i64 - f.moves as i64,
        discretionary_moves: p.discretionary_moves as i64 - f.discretionary_moves as i64,
        extra_seats: p.extra_seats as i64 - f.extra_seats as i64,
        suitability: p.suitability as i64 - f.suitability as i64,
        suitability_share: (p.suitability as f64 - f.suitability as f64) / (f.suitability as f64).max(1.0),
        targets_met: o.plan.targets.iter().filter(|t| t.met).count() as i64
            - first.plan.targets.iter().filter(|t| t.met).count() as i64,
        committee_decisions: o.committee.symmetric_difference(&first.committee).count(),
        ahead,
        rules,
    }
}

/// The first plan's figures, kept while the others are compared with it.
struct Summary {
    plan: Plan,
    objective: crate::plan::ObjectiveRow,
    committee: BTreeSet<(CadreId, PostId)>,
}

impl PlanOutcome {
    fn clone_summary(&self) -> Summary {
        Summary { plan: self.plan.clone(), objective: self.plan.objective.clone(), committee: self.committee.clone() }
    }
}
