//! Counterfactuals: what choosing differently would cost, measured by solving again.
//!
//! "Why her and not him?" has an honest answer only if it is measured: force the pair (a
//! planner's pin, [`Pins::force`]) and re-solve the whole plan, then compare the lexicographic
//! objective of the two plans — targets first, then suitability, then moves — as the checker
//! computes it from each plan's assignment. A placement can look worse on its own and still be
//! the right one because of what it frees elsewhere; only a re-solve sees that. When the pinned
//! model has no plan, the answer is the hard rule that blocks it: the model is relaxed with the
//! forced pair kept hard (otherwise the relaxation, which gives way on pins first, would only
//! say "the pin"), so the rows that have to give are the rules in the way.
//!
//! The same machinery checks a proposed fix ("add him to the planning") by solving the changed
//! scenario or policy.
//!
//! A whole re-solve costs as much as the plan did (7 to 9 s on the whole of Hải Phòng). On a
//! large scenario ([`LOCAL_RESOLVE_ABOVE`] columns) a forced pair is therefore re-planned only
//! in the regions it touches — the post's district (or the city level) and the district of the
//! post the cadre leaves — with the rest of the plan kept
//! ([`neighbourhood`](crate::formulation::neighbourhood)); the measured cost is then an upper
//! bound, and says which regions were re-planned. When those regions cannot absorb the pair
//! (the holder it displaces has no post left in them), the re-plan widens to the regions of
//! the posts that the cadres in play hold today and in the plan, at most twice, before the
//! whole plan is re-solved: on Hải Phòng `explain --post P-309-BT` went from 17 s to 6.5 s,
//! three of its five candidates re-planned in 7 or 8 districts instead of the whole city. The
//! re-plans of a large plan share its own model, built once ([`Context`]'s base), with the
//! forced pair's column fixed at 1 rather than a model built with the pin per candidate (an
//! eligible pair's pin adds only that row): 5.75 s against 7.3 s for P-309-BT, paired. A
//! pair no plan admits is answered by the least violation of the hard rows alone. Callers
//! measure at most `top` counterfactuals per section, in parallel when allowed (each HiGHS
//! with one thread, as the style guide asks).

use rayon::prelude::*;
use serde::Serialize;

use std::collections::{BTreeMap, BTreeSet};

use crate::formulation::neighbourhood::{freeze, regions, Region};
use crate::formulation::{Formulation, FormulationSettings, Rejection, RowKind, RuleRef, Subject, Tag};
use crate::model::policy::RuleBody;
use crate::model::scenario::Planning;
use crate::model::*;
use crate::plan::{finish, from_subject, make_plan, subject_names, Plan, PlanRequest};
use crate::solve::{relax::least_violation, solve, solve_fixed, SolveStatus};

use super::view::{Context, Criteria, ExplainError, RuleBrief, SubjectRef};
use super::Lang;

/// The objective component a comparison is decided on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    /// Weighted target shortfall.
    Targets,
    /// Suitability points.
    Suitability,
    /// Moves (and priced vacancies).
    Moves,
}

/// How the other plan compares with the plan explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "is", rename_all = "snake_case")]
pub enum Verdict {
    /// Worse, decided on this component.
    Worse {
        /// The first component that differs.
        on: Component,
    },
    /// Better (possible when the plan explained is not proven optimal, or was drafted by hand).
    Better {
        /// The first component that differs.
        on: Component,
    },
    /// Equally good on every component: the plan's choice was a tie-break.
    Equal,
}

/// The change in each criterion (other plan minus the plan explained).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Delta {
    /// Weighted target shortfall (positive: worse).
    pub target_shortfall: f64,
    /// Suitability points (negative: worse).
    pub suitability: i64,
    /// Moves (positive: worse).
    pub moves: i64,
    /// Vacant non-key posts (positive: worse).
    pub vacancies: i64,
}

/// A target whose shortfall differs between the two plans.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetChange {
    /// The rule.
    pub rule: RuleBrief,
    /// The instance.
    pub subject: SubjectRef,
    /// What is counted.
    pub measure: String,
    /// Shortfall in the plan explained.
    pub before: f64,
    /// Shortfall in the other plan.
    pub after: f64,
}

/// A hard rule that has to give for the other choice.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Blocker {
    /// The rule.
    pub rule: RuleBrief,
    /// Its subject.
    pub subject: SubjectRef,
    /// By how much it would have to give.
    pub shortfall: f64,
    /// Over its upper bound (else short of its lower bound).
    pub over: bool,
    /// The facts behind it, in Vietnamese.
    pub facts_vi: Vec<String>,
    /// The facts behind it, in English.
    pub facts_en: Vec<String>,
}

/// The measured cost of a counterfactual.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Cost {
    /// Re-solved: the other plan's criteria and how they compare.
    Measured {
        /// The other plan's criteria.
        criteria: Criteria,
        /// Other minus explained.
        delta: Delta,
        /// The comparison.
        verdict: Verdict,
        /// Whether the re-solve was proven optimal (else the figures are those of the best plan
        /// found before the limit: the true cost is at most this).
        proven: bool,
        /// On a large scenario, the regions re-planned around the forced pair (the rest of the
        /// plan kept): the figures are then those of the best plan that keeps the rest, and the
        /// true cost is at most this. Absent when the whole plan was re-solved.
        #[serde(skip_serializing_if = "Option::is_none")]
        re_planned: Option<Vec<String>>,
        /// Targets whose shortfall changes.
        targets: Vec<TargetChange>,
    },
    /// No plan with that choice: these hard rules are in the way.
    Infeasible {
        /// The rules that have to give.
        blocking: Vec<Blocker>,
    },
    /// The re-solve found no plan before its time limit.
    NoPlan,
    /// Not re-solved (beyond `--top`).
    NotMeasured,
}

/// A counterfactual to measure.
#[derive(Clone, Debug)]
pub enum Change {
    /// Force the pair (besides the plan's own pins).
    Force(CadreId, PostId),
    /// Remove every failing fact of `cadre` for `post` (planning entry added, thresholds
    /// relaxed), and re-plan.
    Fix {
        /// The cadre.
        cadre: CadreId,
        /// The post.
        post: PostId,
        /// The failing facts to remove.
        reasons: Vec<Rejection>,
    },
}

/// The cost and, when re-solved, the other plan.
pub struct Outcome {
    /// Cost.
    pub cost: Cost,
    /// The other plan (for reading its target table).
    pub plan: Option<Plan>,
}

/// Compares two sets of criteria lexicographically, in the policy's order of priorities
/// (`vacancy_cost` moves per priced vacancy).
pub fn verdict(base: &Criteria, other: &Criteria, policy: &crate::model::Policy) -> Verdict {
    use crate::model::policy::Priority;
    let dt = other.target_shortfall - base.target_shortfall;
    if dt.abs() > 1e-6 {
        return if dt > 0.0 {
            Verdict::Worse { on: Component::Targets }
        } else {
            Verdict::Better { on: Component::Targets }
        };
    }
    let v = policy.objective.vacancy_cost as i64;
    let m = |c: &Criteria| c.moves as i64 + v * c.vacancies as i64;
    // the policy's own order after the targets: by default disruption, then suitability
    for p in &policy.objective.priorities {
        match p {
            Priority::Targets => {}
            Priority::Disruption => match m(other).cmp(&m(base)) {
                std::cmp::Ordering::Greater => return Verdict::Worse { on: Component::Moves },
                std::cmp::Ordering::Less => return Verdict::Better { on: Component::Moves },
                std::cmp::Ordering::Equal => {}
            },
            Priority::Suitability => match other.suitability.cmp(&base.suitability) {
                std::cmp::Ordering::Less => return Verdict::Worse { on: Component::Suitability },
                std::cmp::Ordering::Greater => return Verdict::Better { on: Component::Suitability },
                std::cmp::Ordering::Equal => {}
            },
        }
    }
    Verdict::Equal
}

/// The cost of a re-solved plan against the plan explained.
pub fn cost_of(ctx: &Context<'_>, other: &Plan, proven: bool) -> Cost {
    let base = ctx.criteria();
    let criteria = Criteria::from(&other.objective);
    let delta = Delta {
        target_shortfall: round6(criteria.target_shortfall - base.target_shortfall),
        suitability: criteria.suitability as i64 - base.suitability as i64,
        moves: criteria.moves as i64 - base.moves as i64,
        vacancies: criteria.vacancies as i64 - base.vacancies as i64,
    };
    let mut targets = Vec::new();
    for t in &ctx.report.targets {
        let rule = &ctx.policy.rules[t.rule];
        let (code, name) = subject_names(ctx.scenario, t.subject);
        let after = other
            .targets
            .iter()
            .find(|r| r.rule == rule.id && r.subject == code && r.measure == t.measure)
            .map(|r| r.shortfall)
            .unwrap_or(0.0);
        if (after - t.shortfall()).abs() > 1e-6 {
            targets.push(TargetChange {
                rule: ctx.rule(t.rule),
                subject: SubjectRef { code, name },
                measure: t.measure.into(),
                before: t.shortfall(),
                after,
            });
        }
    }
    Cost::Measured {
        criteria,
        delta,
        verdict: verdict(&base, &criteria, ctx.policy),
        proven,
        re_planned: None,
        targets,
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Measures several counterfactuals (in parallel when the options allow), in order.
pub fn measure_all(ctx: &Context<'_>, changes: &[Change]) -> Result<Vec<Outcome>, ExplainError> {
    if ctx.options.parallel && changes.len() > 1 {
        changes.par_iter().map(|c| measure(ctx, c)).collect()
    } else {
        changes.iter().map(|c| measure(ctx, c)).collect()
    }
}

/// Measures one counterfactual.
pub fn measure(ctx: &Context<'_>, change: &Change) -> Result<Outcome, ExplainError> {
    let mut solver = ctx.options.solver.clone();
    if ctx.options.parallel {
        solver.threads = 1;
    }
    match change {
        Change::Force(c, p) => {
            let mut pins = ctx.pins.clone();
            pins.force.push((*c, *p));
            let settings = FormulationSettings { milestone: Some(ctx.milestone.clone()), pins, ..Default::default() };
            let req = PlanRequest {
                scenario: ctx.scenario,
                policy: ctx.policy,
                scenario_ref: ctx.scenario_ref.clone(),
                policy_ref: ctx.policy_ref.clone(),
                formulation: settings.clone(),
                solver: solver.clone(),
                from_plan: None,
                emphasis: None,
            };
            // a large plan is re-planned only around the pair, the rest kept (far cheaper; the
            // measured cost is then an upper bound), on the plan's own model with the pair's
            // column fixed at 1 (an eligible pair's column exists there, and the pin adds
            // nothing else); a pair the regions cannot absorb, or a small plan, is re-solved
            // whole
            let large =
                !ctx.assignment.holder.is_empty() && ctx.base_formulation().model.cols.len() > ctx.options.local_above;
            let base = large.then(|| ctx.base_formulation()).and_then(|f| f.var(*c, *p).map(|v| (f, v)));
            if let Some((f, v)) = base {
                if let Some((labels, local)) = local_replan(ctx, f, v, *c, *p, &solver)? {
                    let proven = local.status == SolveStatus::Optimal;
                    let out = finish(&req, f, local)?;
                    let mut cost = cost_of(ctx, &out.plan, proven);
                    if let Cost::Measured { re_planned: r, .. } = &mut cost {
                        *r = Some(labels);
                    }
                    return Ok(Outcome { cost, plan: Some(out.plan) });
                }
            }
            // the whole plan: on a large plan still the plan's own model with the column fixed
            // (no second model to build), else the model built with the pin
            let pinned;
            let (f, result, pin_col) = match base {
                Some((f, v)) => {
                    let mut fixed = vec![None; f.model.cols.len()];
                    fixed[v.index()] = Some(1.0);
                    (f, solve_fixed(&f.model, &solver, &fixed)?, Some(v))
                }
                None => {
                    pinned = Formulation::build(ctx.scenario, ctx.policy, &settings);
                    let result = solve(&pinned.model, &solver)?;
                    (&pinned, result, None)
                }
            };
            match result.status {
                SolveStatus::Infeasible => {
                    let blocking = blockers(ctx, f, pin_col, *c, *p, &solver)?;
                    Ok(Outcome { cost: Cost::Infeasible { blocking }, plan: None })
                }
                SolveStatus::NoPlanBeforeLimit => Ok(Outcome { cost: Cost::NoPlan, plan: None }),
                status => {
                    let out = finish(&req, f, result)?;
                    let cost = cost_of(ctx, &out.plan, status == SolveStatus::Optimal);
                    Ok(Outcome { cost, plan: Some(out.plan) })
                }
            }
        }
        Change::Fix { cadre, post, reasons } => {
            let mut scenario = ctx.scenario.clone();
            let mut policy = ctx.policy.clone();
            for r in reasons {
                apply_fix(&mut scenario, &mut policy, *cadre, *post, r);
            }
            let req = PlanRequest {
                scenario: &scenario,
                policy: &policy,
                scenario_ref: ctx.scenario_ref.clone(),
                policy_ref: ctx.policy_ref.clone(),
                formulation: FormulationSettings {
                    milestone: Some(ctx.milestone.clone()),
                    pins: ctx.pins.clone(),
                    ..Default::default()
                },
                solver,
                from_plan: None,
                emphasis: None,
            };
            let out = make_plan(&req)?;
            let cost = match out.status {
                SolveStatus::Infeasible => Cost::Infeasible {
                    blocking: out
                        .plan
                        .infeasibility
                        .iter()
                        .map(|r| Blocker {
                            rule: ctx.rule_by_id(&r.rule),
                            subject: SubjectRef { code: r.subject.clone(), name: r.subject_name.clone() },
                            shortfall: r.shortfall,
                            over: r.over,
                            facts_vi: vec![],
                            facts_en: r.facts.clone(),
                        })
                        .collect(),
                },
                SolveStatus::NoPlanBeforeLimit => Cost::NoPlan,
                s => cost_of(ctx, &out.plan, s == SolveStatus::Optimal),
            };
            Ok(Outcome { cost, plan: Some(out.plan) })
        }
    }
}

/// Default of [`ExplainOptions::local_above`](super::view::ExplainOptions): models with more
/// columns than this have their "why not" pins re-solved around the pair
/// only (a district or two instead of the whole city: seconds instead of a minute on Hải
/// Phòng); smaller ones are re-solved whole, which measures the exact cost.
pub const LOCAL_RESOLVE_ABOVE: usize = 20_000;

/// Re-plans the regions around a forced pair on the plan's own model `f`, the pair's column
/// `v` fixed at 1, widening them up to [`WIDENINGS`] times: the regions' labels and the
/// result, or `None` when no widening absorbs the pair.
fn local_replan(
    ctx: &Context<'_>,
    f: &Formulation<'_>,
    v: crate::formulation::ir::Var,
    c: CadreId,
    p: PostId,
    solver: &crate::solve::SolverSettings,
) -> Result<Option<(Vec<String>, crate::solve::SolveResult)>, ExplainError> {
    let all = regions(f);
    let mut chosen = around(ctx, &all, c, p);
    // the regions cannot absorb the pair (typically: the displaced holder has no post left in
    // them): let the displacement travel one region further, before the whole plan is re-solved
    for _ in 0..=WIDENINGS {
        let posts: BTreeSet<PostId> = chosen.iter().flat_map(|&i| all[i].posts.iter().copied()).collect();
        let mut fixed = freeze(f, &ctx.assignment, &posts);
        fixed[v.index()] = Some(1.0);
        let local = solve_fixed(&f.model, solver, &fixed)?;
        if local.has_plan() {
            let labels = chosen.iter().map(|&i| region_label(ctx, &all[i])).collect();
            return Ok(Some((labels, local)));
        }
        if local.status != SolveStatus::Infeasible {
            return Ok(None);
        }
        let wider = widen(ctx, &all, &chosen);
        if wider.len() == chosen.len() || wider.len() == all.len() {
            return Ok(None);
        }
        chosen = wider;
    }
    Ok(None)
}

/// How many times a re-plan around a forced pair may widen before the whole plan is re-solved
/// (on Hải Phòng a widened re-plan costs under a second; the whole one 7 to 9 s).
const WIDENINGS: usize = 2;

/// The regions re-planned first around a forced pair (indices into `all`): the post's region,
/// and the region of the post the cadre holds in the plan (if any).
fn around(ctx: &Context<'_>, all: &[Region], c: CadreId, p: PostId) -> BTreeSet<usize> {
    let held = ctx.assignment.holder.iter().find(|(_, h)| **h == c).map(|(q, _)| *q);
    (0..all.len()).filter(|&i| all[i].posts.contains(&p) || held.is_some_and(|q| all[i].posts.contains(&q))).collect()
}

/// One step wider: with every region whose posts a cadre in play could go back to. For each
/// post of the chosen regions, its holder in the plan and its holder today are in play; the
/// regions of the posts each of them holds today and in the plan join, so that a displaced
/// holder can return to their own post and whoever took it can move on.
fn widen(ctx: &Context<'_>, all: &[Region], chosen: &BTreeSet<usize>) -> BTreeSet<usize> {
    let s = ctx.scenario;
    let region_of = |q: PostId| all.iter().position(|r| r.posts.contains(&q));
    let in_plan: BTreeMap<CadreId, PostId> = ctx.assignment.holder.iter().map(|(q, c)| (*c, *q)).collect();
    let mut out = chosen.clone();
    for &i in chosen {
        for &q in &all[i].posts {
            let holders = ctx.assignment.holder.get(&q).copied().into_iter().chain(s.post(q).holder);
            for h in holders {
                for r in [s.cadre(h).post, in_plan.get(&h).copied()].into_iter().flatten().filter_map(region_of) {
                    out.insert(r);
                }
            }
        }
    }
    out
}

fn region_label(ctx: &Context<'_>, r: &Region) -> String {
    match r.district {
        Some(d) => ctx.scenario.locality(d).code.clone(),
        None => "city".into(),
    }
}

/// Whether every failing fact can be removed by a change [`apply_fix`] knows how to make.
pub fn fixable(reasons: &[Rejection]) -> bool {
    use crate::formulation::Reason as R;
    reasons.iter().all(|r| {
        matches!(
            (r.rule, r.reason),
            (RuleRef::Policy(_), R::NotInPlanning)
                | (RuleRef::Policy(_), R::TooOld { .. })
                | (RuleRef::Policy(_), R::DegreeClass { has: Some(_), .. })
                | (RuleRef::Policy(_), R::Rating { got: Some(_), .. })
                | (RuleRef::Policy(_), R::NotFormallyTrained)
                | (RuleRef::Policy(_), R::ServiceLeft { .. })
        )
    })
}

/// Removes one failing fact: a planning entry for the post, or the rule's threshold relaxed just
/// enough for this cadre.
fn apply_fix(s: &mut Scenario, policy: &mut Policy, c: CadreId, p: PostId, r: &Rejection) {
    use crate::formulation::Reason as R;
    let RuleRef::Policy(i) = r.rule else { return };
    if let R::NotInPlanning = r.reason {
        let post = s.post(p);
        let entry = Planning { role: post.role, level: post.level, post: Some(p) };
        s.cadres[c.index()].planning.push(entry);
        return;
    }
    match (&mut policy.rules[i].body, r.reason) {
        (RuleBody::Eligibility(e), R::TooOld { age, limit }) => {
            e.max_age_exclusive = Some((age.floor() as u32).max(limit) + 1);
        }
        (RuleBody::Eligibility(e), R::DegreeClass { has: Some(h), .. }) => e.min_degree_class = Some(h),
        (RuleBody::Eligibility(e), R::Rating { got: Some(g), .. }) => {
            if let Some(m) = e.min_ratings.as_mut() {
                m.at_least = g;
            }
        }
        (RuleBody::Eligibility(e), R::NotFormallyTrained) => e.formally_trained = false,
        (RuleBody::ServiceLeft(sl), R::ServiceLeft { left, needed }) => {
            let to = ((left * 10.0 + 1e-9).floor() / 10.0).max(0.0);
            if (sl.min_years - needed).abs() < 1e-9 {
                sl.min_years = to;
            }
            if (sl.min_years_forced - needed).abs() < 1e-9 {
                sl.min_years_forced = to;
            }
        }
        _ => {}
    }
}

/// The hard rules in the way of forcing `(c, p)`: the pinned model relaxed with the pin kept.
fn blockers(
    ctx: &Context<'_>,
    f: &Formulation<'_>,
    pin_col: Option<crate::formulation::ir::Var>,
    c: CadreId,
    p: PostId,
    solver: &crate::solve::SolverSettings,
) -> Result<Vec<super::cost::Blocker>, ExplainError> {
    let ours = Tag { rule: RuleRef::Pin, subject: Subject::Pair(c, p), kind: RowKind::Hard };
    let mut m = f.model.clone();
    // the plan's own model with the pair's column given: the pin's row, as the pinned model has
    if let Some(v) = pin_col {
        m.add_row(ours, vec![(v, 1.0)], 1.0, 1.0);
    }
    // Only what a planner could give way on may be relaxed: never the forced pair itself, and
    // never "a post holds one cadre" or "a cadre holds one post" (two holders in one post is no
    // explanation). A key post left vacant, an incumbent with nowhere to go, a tenure cap, a
    // pin of the plan, a hard target: those are named.
    let mut extra = Vec::new();
    for row in &mut m.rows {
        if row.tag.kind != RowKind::Hard {
            continue;
        }
        if row.tag == ours || row.tag.rule == RuleRef::Capacity {
            row.tag.kind = RowKind::Definition;
        } else if matches!(row.tag.rule, RuleRef::KeyPostFilled | RuleRef::Continuity) && row.lo.is_finite() {
            // split `lo ≤ Σ ≤ hi` into a definition `Σ ≤ hi` and a relaxable `Σ ≥ lo`
            extra.push(crate::formulation::ir::Row {
                tag: row.tag,
                terms: row.terms.clone(),
                lo: row.lo,
                hi: f64::INFINITY,
            });
            row.tag.kind = RowKind::Definition;
            row.lo = f64::NEG_INFINITY;
        }
    }
    m.rows.extend(extra);
    // the least violation alone names the rows: the plan's own objectives under it (as
    // `relax` solves them) only chose among equal violations, and cost a whole re-plan (7 s)
    let r = least_violation(&m, solver)?;
    let s = ctx.scenario;
    let mut out: Vec<Blocker> = r
        .relaxed
        .iter()
        .filter(|row| row.shortfall > 1e-3)
        .map(|row| {
            let (code, name) = subject_names(s, from_subject(row.tag.subject));
            Blocker {
                rule: ctx.row_rule(row.tag.rule, row.tag.subject),
                subject: SubjectRef { code, name },
                shortfall: (row.shortfall * 1e6).round() / 1e6,
                over: row.over,
                facts_vi: super::relaxed_facts(f, row.tag.rule, row.tag.subject, Lang::Vi),
                facts_en: super::relaxed_facts(f, row.tag.rule, row.tag.subject, Lang::En),
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.rule.id, &a.subject.code).cmp(&(&b.rule.id, &b.subject.code)));
    out.dedup_by(|a, b| a.rule.id == b.rule.id && a.subject.code == b.subject.code);
    Ok(out)
}
