//! Alternatives: several distinct plans for the committee, not one answer.
//!
//! Plans come from three sources, cheapest first after the first plan:
//! 1. **the first plan** (the policy as written), and any **emphases** asked for
//!    ([`Emphasis`]: rejuvenation, stability or non-locality first), solved in full and in
//!    parallel (rayon, one HiGHS thread each);
//! 2. **regional re-plans** of the first plan: for every district (its posts and its
//!    communes') and for the city-level posts, the best plan that keeps the first plan
//!    everywhere else and differs from every plan found so far in at least `D` decisions
//!    (no-good cuts). Only the region's columns reach HiGHS
//!    ([`neighbourhood`](crate::formulation::neighbourhood)), so each costs a fraction of the
//!    first plan; they run in parallel and the best K−1 (by the lexicographic objective, then
//!    region order) are kept. Each is optimal among the plans that keep the rest of the first
//!    plan; its gap to the best plan overall is bounded by the first plan's objective;
//! 3. **whole-model no-good re-solves** when the regions still give fewer than K plans (small
//!    scenarios, where they are cheap).
//!
//! Decisions that matter (what a committee looks at) are the placements that are not stays:
//! who is moved into which post. Two plans that differ only in who stays where are clones.
//! Distance between plans = size of the symmetric difference of their decision sets.

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::check::Assignment;
use crate::formulation::neighbourhood::{freeze, regions, Region};
use crate::formulation::{Emphasis, Formulation, FormulationSettings};
use crate::model::{CadreId, PostId, Scenario};
use crate::plan::{finish, make_plan, PlanOutcome, PlanRequest};
use crate::solve::{solve_fixed, SolveError, SolveResult, SolveStatus, StageReport};

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
    /// Emphases solved in full besides the balanced first plan (each costs a full solve).
    pub emphases: Vec<Emphasis>,
}

impl Default for AlternativesRequest {
    fn default() -> Self {
        AlternativesRequest { count: 5, min_difference: 5, emphases: Vec::new() }
    }
}

/// Plan status code of a regional re-plan: optimal among the plans that keep the rest of the
/// first plan.
pub const NEIGHBOURHOOD_OPTIMAL: &str = "optimal_in_neighbourhood";

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
    let mut emphases = vec![Emphasis::Balanced];
    for e in &req.emphases {
        if !emphases.contains(e) {
            emphases.push(*e);
        }
    }
    emphases.truncate(req.count.max(1));
    // 1. full solves in parallel; every solve runs on its own fresh OS thread inside `solve`,
    //    with one HiGHS thread, so the pools never mix thread counts
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
    let excluded = |found: &[PlanOutcome]| -> Vec<Vec<(CadreId, PostId)>> {
        found.iter().map(|f| decisions(s, &f.assignment).into_iter().collect()).collect()
    };
    // 2. regional re-plans of the first plan
    if found.len() < req.count {
        let regional = with(Emphasis::Balanced, excluded(&found));
        let f = Formulation::build(s, base.policy, &regional.formulation);
        let first = &found[0];
        let all = regions(&f);
        let done = std::sync::atomic::AtomicUsize::new(0);
        let solved: Vec<Result<SolveResult, SolveError>> = all
            .par_iter()
            .map(|r| {
                let out = solve_fixed(&f.model, &base.solver, &freeze(&f, &first.assignment, &r.posts));
                let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
                let region = r.district.map(|d| s.locality(d).code.clone()).unwrap_or_else(|| "city".into());
                crate::solve::progress::emit(crate::solve::progress::Progress::Regions {
                    done: n,
                    total: all.len(),
                    region,
                });
                out
            })
            .collect();
        let mut candidates: Vec<(usize, SolveResult)> = Vec::new();
        for (i, r) in solved.into_iter().enumerate() {
            let r = r?;
            if r.has_plan() {
                candidates.push((i, r));
            }
        }
        // best first by the lexicographic objective, then region order
        candidates.sort_by(|(i, a), (j, b)| lexicographic_cmp(&b.stages, &a.stages).then(i.cmp(j)));
        for (i, result) in candidates {
            if found.len() >= req.count {
                break;
            }
            let proven = result.status == SolveStatus::Optimal;
            let gap = gap_to(&found[0], &result.stages);
            let mut o = finish(&regional, &f, result)?;
            if !found.iter().all(|p| distance(s, &p.assignment, &o.assignment) >= req.min_difference) {
                continue;
            }
            o.status = SolveStatus::StoppedWithPlan { gap };
            if proven {
                o.plan.status = NEIGHBOURHOOD_OPTIMAL.into();
            }
            o.plan.gap = Some(gap);
            o.plan.settings.emphasis = Some(region_code(s, &all[i]));
            found.push(o);
        }
    }
    // 3. whole-model no-good re-solves
    while found.len() < req.count {
        let o = make_plan(&with(Emphasis::Balanced, excluded(&found)))?;
        if o.plan.posts.is_empty() {
            break; // no further distinct plan exists (or none before the limit)
        }
        let mut o = o;
        o.plan.settings.emphasis = Some(format!("no_good:{}", found.len()));
        found.push(o);
    }
    Ok(found)
}

/// Compares two solves' stage values in priority order.
fn lexicographic_cmp(a: &[StageReport], b: &[StageReport]) -> std::cmp::Ordering {
    for (x, y) in a.iter().zip(b) {
        let o = x.value.total_cmp(&y.value);
        if o.is_ne() {
            return o;
        }
    }
    a.len().cmp(&b.len())
}

/// An upper bound on a re-plan's relative gap to the best plan overall: the first plan's
/// objective bounds every plan (the re-plan only adds restrictions), so the gap is the relative
/// shortfall at the first stage where the two differ, plus the first plan's own gap.
fn gap_to(first: &PlanOutcome, stages: &[StageReport]) -> f64 {
    let own = match first.status {
        SolveStatus::StoppedWithPlan { gap } if gap.is_finite() => gap,
        _ => 0.0,
    };
    for (best, got) in first.stages.iter().zip(stages) {
        let d = best.value - got.value;
        if d.abs() > 1e-6 * best.value.abs().max(1.0) {
            return own + d.max(0.0) / got.value.abs().max(1.0);
        }
    }
    own
}

/// How a regional plan came about, for the plan document (`region:<district code>` or
/// `region:city`; rendered in words by [`crate::explain::summary::emphasis_text`]).
fn region_code(s: &Scenario, r: &Region) -> String {
    match r.district {
        Some(d) => format!("region:{}", s.locality(d).code),
        None => "region:city".into(),
    }
}
