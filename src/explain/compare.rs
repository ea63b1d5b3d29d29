//! Comparing plans side by side (`rotaplan compare`): what differs, and what each difference buys.
//!
//! Each plan is read back into an assignment and re-checked by the independent checker, so the
//! figures compared are recomputed from the placements (a plan edited by hand compares on the
//! same footing as one the solver wrote). The comparison lists the posts whose holder differs,
//! the cadres released in some plans only, each rule's attainment per plan, the criteria of the
//! objective, the moves by kind, and the districts the differences touch.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::check::{check, CheckReport};
use crate::model::*;
use crate::plan::{assignment_from_plan, PinCodes, Plan};

use super::view::*;

/// Moves by kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct MovesByKind {
    /// Incumbents moved to another planned post.
    pub rotates: usize,
    /// Pool cadres sent to a district or commune.
    pub reinforcement: usize,
    /// Pool cadres appointed to a city post.
    pub appointment: usize,
    /// Incumbents released.
    pub release: usize,
    /// Incumbents kept in place.
    pub stays: usize,
}

/// One plan's column.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanColumn {
    /// Label (the file name).
    pub label: String,
    /// Status.
    pub status: String,
    /// Why it stopped unproven (worded with the status).
    #[serde(skip)]
    pub stop: Option<crate::solve::StopReason>,
    /// Its measured gap, when known (worded with the status).
    #[serde(skip)]
    pub gap: Option<f64>,
    /// Milestone.
    pub milestone: String,
    /// Criteria, recomputed by the checker.
    pub criteria: Criteria,
    /// Moves by kind.
    pub moves: MovesByKind,
    /// Pins the plan was made with.
    pub pins: Vec<String>,
    /// Hard rules broken (0 for a solver plan).
    pub violations: usize,
}

/// A post whose holder differs between the plans.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PostDiff {
    /// The post.
    pub post: PostRef,
    /// Holder before the plan.
    pub before: Option<CadreRef>,
    /// Holder in each plan (same order as the plans).
    pub holders: Vec<Option<CadreRef>>,
}

/// A cadre released in some plans only.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReleaseDiff {
    /// The cadre.
    pub cadre: CadreRef,
    /// Released in each plan.
    pub released: Vec<bool>,
}

/// One rule's attainment in one plan.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Attainment {
    /// Instances met.
    pub met: usize,
    /// Instances in all.
    pub total: usize,
    /// Sum of shortfalls (counts).
    pub shortfall: f64,
    /// Sum of weighted shortfalls of soft instances.
    pub weighted: f64,
}

/// One rule across the plans.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleAttainment {
    /// The rule.
    pub rule: RuleBrief,
    /// Per plan.
    pub per_plan: Vec<Attainment>,
    /// Whether the plans differ on it.
    pub differs: bool,
}

/// A locality touched by the differences.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Affected {
    /// The district (or the city, for city-level posts).
    pub locality: LocalityRef,
    /// Differing posts there.
    pub posts: usize,
}

/// The comparison.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// Scenario name.
    pub scenario: String,
    /// The plans.
    pub plans: Vec<PlanColumn>,
    /// Posts whose holder differs, by post code.
    pub differing: Vec<PostDiff>,
    /// Cadres released in some plans only, by name.
    pub released: Vec<ReleaseDiff>,
    /// Rules with instances, in policy order.
    pub targets: Vec<RuleAttainment>,
    /// Districts touched by the differing posts, by code.
    pub districts: Vec<Affected>,
    /// Whether the plans were made at different milestones (their targets differ in kind).
    pub milestones_differ: bool,
}

/// Compares plans (at least two), each with a label.
pub fn compare(s: &Scenario, policy: &Policy, plans: &[(String, &Plan)]) -> Result<Comparison, ExplainError> {
    if plans.len() < 2 {
        return Err(ExplainError::TooFewPlans { given: plans.len() });
    }
    let judge = crate::formulation::Judge::new(s, policy);
    let mut read = Vec::new();
    for (label, plan) in plans {
        if plan.posts.is_empty() {
            return Err(ExplainError::NoPlacements { plan: Some(label.clone()), status: plan.status });
        }
        let a = assignment_from_plan(s, plan)
            .map_err(|problems| ExplainError::PlanMismatch { plan: Some(label.clone()), problems })?;
        let pins = PinCodes::to_pins(&plan.settings.pins, s)
            .map_err(|problems| ExplainError::BadPin { plan: Some(label.clone()), problems })?;
        let milestone = if plan.milestone.is_empty() { policy.milestone.clone() } else { plan.milestone.clone() };
        let report = check(s, policy, &milestone, &a, &pins);
        read.push((label.clone(), *plan, a, milestone, report));
    }
    // a tiny context for references
    let ctx_plan = plans[0].1;
    let ctx = Context::new(s, policy, ctx_plan, ExplainOptions::default())?;
    let columns = read
        .iter()
        .map(|(label, plan, _, milestone, report)| PlanColumn {
            label: label.clone(),
            status: plan.status.as_str().into(),
            stop: plan.stop,
            gap: plan.gap,
            milestone: milestone.clone(),
            criteria: Criteria::from(&report.objective),
            moves: moves_by_kind(report),
            pins: plan.settings.pins.recorded(),
            violations: report.violations.len(),
        })
        .collect();
    let mut differing = Vec::new();
    let mut affected: BTreeMap<LocalityId, usize> = BTreeMap::new();
    for p in s.post_ids().filter(|p| judge.facts.is_planned_post(*p)) {
        let holders: Vec<Option<CadreId>> = read.iter().map(|r| r.2.holder.get(&p).copied()).collect();
        if holders.iter().all(|h| *h == holders[0]) {
            continue;
        }
        differing.push(PostDiff {
            post: ctx.post_ref(p),
            before: s.post(p).holder.map(|c| ctx.cadre_ref(c)),
            holders: holders.iter().map(|h| h.map(|c| ctx.cadre_ref(c))).collect(),
        });
        let l = s.post(p).locality;
        let at = s.ancestor_at(l, Level::District).unwrap_or_else(|| root_of(s, l));
        *affected.entry(at).or_default() += 1;
    }
    differing.sort_by(|a, b| a.post.code.cmp(&b.post.code));
    let mut released: Vec<(CadreId, Vec<bool>)> = s
        .cadre_ids()
        .map(|c| (c, read.iter().map(|r| r.2.released.contains(&c)).collect::<Vec<bool>>()))
        .filter(|(_, r)| r.iter().any(|x| *x) && !r.iter().all(|x| *x))
        .collect();
    released.sort_by_key(|a| ctx.name_key(a.0));
    let mut targets = Vec::new();
    for (ri, _) in policy.rules.iter().enumerate() {
        let per_plan: Vec<Attainment> = read.iter().map(|r| attainment(&r.4, ri)).collect();
        if per_plan.iter().all(|a| a.total == 0) {
            continue;
        }
        let differs = per_plan.iter().any(|a| a != &per_plan[0]);
        targets.push(RuleAttainment { rule: ctx.rule(ri), per_plan, differs });
    }
    let milestones_differ = read.iter().any(|r| r.3 != read[0].3);
    let mut districts: Vec<Affected> =
        affected.into_iter().map(|(l, n)| Affected { locality: ctx.locality_ref(l), posts: n }).collect();
    districts.sort_by(|a, b| a.locality.code.cmp(&b.locality.code));
    Ok(Comparison {
        scenario: s.name.clone(),
        plans: columns,
        differing,
        released: released.into_iter().map(|(c, r)| ReleaseDiff { cadre: ctx.cadre_ref(c), released: r }).collect(),
        targets,
        districts,
        milestones_differ,
    })
}

fn root_of(s: &Scenario, mut l: LocalityId) -> LocalityId {
    while let Some(p) = s.locality(l).parent {
        if s.locality(l).level() == Level::City {
            break;
        }
        l = p;
    }
    l
}

fn moves_by_kind(r: &CheckReport) -> MovesByKind {
    use crate::formulation::MoveKind as K;
    let mut m = MovesByKind::default();
    for mv in &r.moves {
        match mv.kind {
            Some(K::Stays) => m.stays += 1,
            Some(K::Rotates) => m.rotates += 1,
            Some(K::Reinforcement) => m.reinforcement += 1,
            Some(K::Appointment) => m.appointment += 1,
            None => m.release += 1,
        }
    }
    m
}

fn attainment(r: &CheckReport, ri: usize) -> Attainment {
    let mut a = Attainment { met: 0, total: 0, shortfall: 0.0, weighted: 0.0 };
    for t in r.targets.iter().filter(|t| t.rule == ri) {
        a.total += 1;
        if t.met() {
            a.met += 1;
        }
        a.shortfall += t.shortfall();
        if !t.hard {
            a.weighted += t.shortfall() * t.weight as f64;
        }
    }
    a
}
