//! Alternatives: several distinct plans for the committee, not one answer.
//!
//! Plans come from two sources:
//! 1. **emphases** solved independently and in parallel (rayon, one HiGHS thread each): the
//!    policy as written, rejuvenation first, stability first, non-locality first
//!    ([`Emphasis`]);
//! 2. **no-good cuts** when the emphases give fewer than K distinct plans: the balanced model
//!    is re-solved with every plan found so far excluded — it must differ from each in at
//!    least `D` of that plan's *decisions that matter*.
//!
//! Decisions that matter (what a committee looks at) are the placements that are not stays:
//! who is moved into which post. Two plans that differ only in who stays where are clones.
//! Distance between plans = size of the symmetric difference of their decision sets.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::check::Assignment;
use crate::formulation::{Emphasis, FormulationSettings};
use crate::model::{CadreId, PostId, Scenario};
use crate::plan::{make_plan, PlanOutcome, PlanRequest};
use crate::solve::SolveError;

/// The decisions of an assignment that a committee compares: placements that are not stays.
pub fn decisions(s: &Scenario, a: &Assignment) -> BTreeSet<(CadreId, PostId)> {
    a.holder.iter().filter(|(p, c)| s.cadre(**c).post != Some(**p)).map(|(p, c)| (*c, *p)).collect()
}

/// Number of decisions in which two assignments differ.
pub fn distance(s: &Scenario, a: &Assignment, b: &Assignment) -> usize {
    decisions(s, a).symmetric_difference(&decisions(s, b)).count()
}

/// What to look for.
#[derive(Clone, Debug)]
pub struct AlternativesRequest {
    /// How many plans.
    pub count: usize,
    /// Minimum number of differing decisions between any two plans.
    pub min_difference: usize,
    /// Emphases to try first (in this order).
    pub emphases: Vec<Emphasis>,
}

impl Default for AlternativesRequest {
    fn default() -> Self {
        AlternativesRequest {
            count: 5,
            min_difference: 5,
            emphases: vec![Emphasis::Balanced, Emphasis::Rejuvenation, Emphasis::Stability, Emphasis::NonLocality],
        }
    }
}

/// Finds up to `count` distinct plans. The first is always the balanced plan. Plans without
/// an assignment (infeasible, no plan before the limit) end the search and are returned as the
/// only element, so the caller can report them.
pub fn alternatives(base: &PlanRequest<'_>, req: &AlternativesRequest) -> Result<Vec<PlanOutcome>, SolveError> {
    let s = base.scenario;
    let with = |emphasis: Emphasis, exclude: Vec<Vec<(CadreId, PostId)>>| PlanRequest {
        scenario: base.scenario,
        policy: base.policy,
        scenario_ref: base.scenario_ref.clone(),
        policy_ref: base.policy_ref.clone(),
        formulation: FormulationSettings {
            emphasis,
            exclude,
            min_difference: req.min_difference,
            ..base.formulation.clone()
        },
        solver: base.solver.clone(),
        from_plan: base.from_plan.clone(),
        emphasis: Some(emphasis.code().to_string()),
    };
    let mut emphases = req.emphases.clone();
    if !emphases.contains(&Emphasis::Balanced) {
        emphases.insert(0, Emphasis::Balanced);
    }
    emphases.truncate(req.count.max(1));
    // independent solves in parallel; every solve runs on its own fresh OS thread inside
    // `solve`, with one HiGHS thread, so the pools never mix thread counts
    let outcomes: Vec<Result<PlanOutcome, SolveError>> =
        emphases.par_iter().map(|e| make_plan(&with(*e, Vec::new()))).collect();
    let mut found: Vec<PlanOutcome> = Vec::new();
    for o in outcomes {
        let o = o?;
        if o.assignment.holder.is_empty() && o.plan.posts.is_empty() {
            if found.is_empty() {
                return Ok(vec![o]);
            }
            continue;
        }
        if found.iter().all(|f| distance(s, &f.assignment, &o.assignment) >= req.min_difference) {
            found.push(o);
        }
    }
    while found.len() < req.count {
        let exclude: Vec<Vec<(CadreId, PostId)>> =
            found.iter().map(|f| decisions(s, &f.assignment).into_iter().collect()).collect();
        let o = make_plan(&with(Emphasis::Balanced, exclude))?;
        if o.plan.posts.is_empty() {
            break; // no further distinct plan exists (or none before the limit)
        }
        let mut o = o;
        o.plan.settings.emphasis = Some(format!("balanced, differing from {} earlier plan(s)", found.len()));
        found.push(o);
    }
    Ok(found)
}
