//! Translation of an [`LpModel`] to HiGHS (through the `highs` crate) and the lexicographic
//! stages. Runs on the solver thread; reports each finished stage to the caller so that a
//! watchdog timeout still has the best plan so far.

use std::collections::BTreeMap;
use std::sync::mpsc::Sender;
use std::time::Instant;

use highs::{HighsModelStatus, HighsSolutionStatus, Model};

use super::guided::{guided, Fix};
use super::instance::build;
use super::lp_chain::{LpChain, LpOptimum, LpOutcome};
use super::{Clock, Presolve, SolveError, SolveResult, SolveStatus, SolverSettings, StageReport, StopReason};
use crate::formulation::ir::{LpModel, Objective, VarKind};

/// A finished stage's plan.
pub(crate) struct Progress {
    pub x: Vec<f64>,
    pub stages: Vec<StageReport>,
}

/// Messages from the solver thread.
pub(crate) enum Message {
    Stage(Progress),
    Done(Result<SolveResult, SolveError>),
}

pub(crate) fn merged(o: &Objective) -> BTreeMap<usize, f64> {
    let mut m = BTreeMap::new();
    for (v, k) in &o.coefs {
        *m.entry(v.index()).or_insert(0.0) += k;
    }
    m
}

/// The interrupt callback: HiGHS calls it during simplex, IPM and branch-and-bound; it asks
/// HiGHS to stop once the command's clock has run out or Ctrl-C was pressed.
extern "C" fn interrupt(
    _kind: std::os::raw::c_int,
    _message: *const std::os::raw::c_char,
    _out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user: *mut std::ffi::c_void,
) {
    if user.is_null() || data_in.is_null() {
        return;
    }
    // SAFETY: `user` is the `Clock` that `register_interrupt` registered; the caller keeps it alive
    // (borrowed) for as long as the HiGHS instance runs. `data_in` is HiGHS's own input block.
    let clock = unsafe { &*(user as *const Clock) };
    if clock.expired() {
        unsafe { (*data_in).user_interrupt = 1 };
    }
}

/// Sets HiGHS's options from the settings, the time limit from `clock`. (The interrupt is
/// registered when the instance is built: `instance::Problem::load`.)
pub(crate) fn set_options(m: &mut Model, st: &SolverSettings, clock: &Clock) -> Result<(), SolveError> {
    let e = |what: &str| SolveError::Highs(format!("option {what} refused"));
    if std::env::var_os("ROTAPLAN_HIGHS_LOG").is_none() {
        m.make_quiet();
    } else {
        let _ = m.try_set_option("output_flag", true);
        let _ = m.try_set_option("log_to_console", true);
    }
    m.try_set_option("time_limit", clock.remaining().max(0.01)).map_err(|_| e("time_limit"))?;
    m.try_set_option("mip_rel_gap", st.mip_rel_gap).map_err(|_| e("mip_rel_gap"))?;
    m.try_set_option("threads", st.threads as i32).map_err(|_| e("threads"))?;
    m.try_set_option("random_seed", st.seed).map_err(|_| e("random_seed"))?;
    let presolve = match st.presolve {
        Presolve::On => "choose",
        Presolve::Off => "off",
    };
    m.try_set_option("presolve", presolve).map_err(|_| e("presolve"))?;
    m.try_set_option("mip_heuristic_effort", st.heuristic_effort).map_err(|_| e("mip_heuristic_effort"))?;
    m.try_set_option("mip_max_nodes", st.max_nodes.min(i32::MAX as u64) as i32).map_err(|_| e("mip_max_nodes"))?;
    Ok(())
}

/// Registers the interrupt callback on `clock`, which must outlive every solve of the
/// instance. Called on an empty instance (see `instance`'s module doc for why).
pub(crate) fn register_interrupt(m: &mut Model, clock: &Clock) -> Result<(), SolveError> {
    let ptr = m.as_mut_ptr();
    // SAFETY: `ptr` is the live HiGHS instance owned by `m`; `clock` outlives the solves (see
    // the function's contract), and `interrupt` only reads it.
    unsafe {
        if highs_sys::Highs_setCallback(ptr, Some(interrupt), clock as *const Clock as *mut std::ffi::c_void)
            == highs_sys::STATUS_ERROR
        {
            return Err(SolveError::Highs("option callback refused".into()));
        }
        for kind in [
            highs_sys::kHighsCallbackMipInterrupt,
            highs_sys::kHighsCallbackSimplexInterrupt,
            highs_sys::kHighsCallbackIpmInterrupt,
        ] {
            let _ = highs_sys::Highs_startCallback(ptr, kind);
        }
    }
    Ok(())
}

/// When every cost of a MIP is whole over integer columns, a plan whose value is less than one
/// below HiGHS's dual bound is optimal: no plan can lie strictly between. HiGHS does not
/// always draw that conclusion itself (on Hai Phong it went on for 15 s of nodes at a bound of
/// 16,352.1 over a plan of 16,352), so the absolute gap it stops at is set just under 1 —
/// unless the user asked for a relative gap, which then governs.
pub(crate) fn whole_gap(m: &mut Model, model: &LpModel, costs: &BTreeMap<usize, f64>, st: &SolverSettings) {
    if st.mip_rel_gap == 0.0 && !costs.is_empty() && integral(model, costs) {
        let _ = m.try_set_option("mip_abs_gap", 0.999);
    }
}

pub(crate) fn run_stages(
    model: &LpModel,
    st: &SolverSettings,
    clock: &Clock,
    start: Option<Vec<f64>>,
    tx: &Sender<Message>,
) -> Result<(), ()> {
    let r = stages(model, st, clock, start, tx);
    tx.send(Message::Done(r)).map_err(|_| ())
}

/// Whether a component takes whole values at every feasible point: every coefficient is
/// integral and every column it prices is an integer column. Then a bound can be rounded down
/// and two values that differ by less than 1 are equal. (A component over continuous slack
/// columns, like the targets, does not qualify: a point may carry a fractional slack.)
pub(crate) fn integral(model: &LpModel, costs: &BTreeMap<usize, f64>) -> bool {
    costs.iter().all(|(i, k)| k.fract() == 0.0 && model.cols[*i].integer)
}

/// Whether a component's *optimum* is a whole number, so that its LP bound can be rounded
/// down: integral coefficients over integer columns, or over target slacks — a slack's best
/// value for a given assignment is a difference of whole counts and whole bounds.
pub(crate) fn roundable(model: &LpModel, costs: &BTreeMap<usize, f64>) -> bool {
    costs.iter().all(|(i, k)| {
        k.fract() == 0.0 && (model.cols[*i].integer || matches!(model.cols[*i].kind, VarKind::Slack { .. }))
    })
}

/// Whether `value` meets the bound: within 0.5 when the component is integral (values then
/// differ by whole units, so anything closer is equal), else within a relative 1e-7 (HiGHS's
/// own feasibility tolerance).
pub(crate) fn meets(value: f64, bound: f64, integral: bool) -> bool {
    if integral {
        value >= bound - 0.5
    } else {
        value >= bound - 1e-7 * bound.abs().max(1.0)
    }
}

/// The relative gap between a value and its bound.
fn rel_gap(value: f64, bound: f64) -> f64 {
    (bound - value).max(0.0) / value.abs().max(1.0)
}

/// Why a stage stopped unproven, from HiGHS's status, whether the point it returned passed
/// our check (`consistent`), and the clock. HiGHS's "optimal" leaves a stage unproven only
/// within a gap asked for (`--gap`), or when its point failed the check.
fn stop_reason(status: HighsModelStatus, trusted: bool, clock: &Clock) -> StopReason {
    match status {
        _ if clock.cancelled() => StopReason::Interrupted,
        HighsModelStatus::ReachedTimeLimit | HighsModelStatus::ReachedInterrupt => StopReason::TimeLimit,
        HighsModelStatus::Optimal if !trusted => StopReason::Unverified,
        HighsModelStatus::Optimal => StopReason::GapReached,
        _ => StopReason::NodeLimit,
    }
}

fn stages(
    model: &LpModel,
    st: &SolverSettings,
    clock: &Clock,
    start: Option<Vec<f64>>,
    tx: &Sender<Message>,
) -> Result<SolveResult, SolveError> {
    let started = Instant::now();
    let objectives: Vec<&Objective> = model.objectives.iter().collect();
    let infeasible = |reports: Vec<StageReport>| SolveResult {
        status: SolveStatus::Infeasible,
        x: vec![],
        stages: reports,
        seconds: started.elapsed().as_secs_f64(),
    };
    let mut x: Vec<f64> = start.unwrap_or_default();
    let mut fixes: Vec<Fix> = Vec::new();
    let mut reports: Vec<StageReport> = Vec::new();
    let n_stages = objectives.len().max(1);
    let empty = Objective { name: "feasibility", coefs: Vec::new() };
    // Stages deferred onto later ones: each one's LP bound was fixed as a row, and when a later
    // stage finds a plan, that plan meets every such bound — so the deferred stages are proven
    // optimal without a MIP of their own. (index, LP bound, seconds spent), in stage order.
    let mut deferred: Vec<(usize, f64, f64)> = Vec::new();
    // the stages' relaxation, kept warm from one stage to the next
    let mut chain = LpChain::new();
    // stages whose LP bound turned out unreachable: solved in full, never deferred again
    let mut in_full: Vec<bool> = vec![false; n_stages];
    // on a large model, a plan found early in the first relaxation's neighbourhood (see
    // `guided::early_plan`): it guides the stages and is reported if none of them finishes
    let mut early: Option<Vec<f64>> = None;
    // every LP bound found for a deferred stage, kept for the early plan's report even after
    // the stage is solved in full: stage → (bound, seconds)
    let mut lp_bounds: BTreeMap<usize, (f64, f64)> = BTreeMap::new();
    let mut k = 0;
    while k < n_stages {
        let t0 = Instant::now();
        if clock.expired() {
            break;
        }
        let obj = objectives.get(k).copied().unwrap_or(&empty);
        super::progress::emit(super::progress::Progress::Stage { index: k, total: n_stages, name: obj.name });
        let costs = merged(obj);
        // try deferring this stage onto the next: only the LP, then the later stages under
        // "this component ≥ its LP bound"
        if st.guided && !in_full[k] && !obj.weighs_components() && k + 1 < n_stages && !costs.is_empty() {
            match chain.solve(model, &costs, &fixes, false, st, clock)? {
                LpOutcome::Infeasible if k == 0 => return Ok(infeasible(reports)),
                LpOutcome::Optimal(LpOptimum { value: v, x: lp, reduced }) => {
                    let b = if roundable(model, &costs) { (v + 1e-6).floor() } else { v };
                    if k == 0 && x.is_empty() && early.is_none() && model.cols.len() >= EARLY_PLAN_COLUMNS {
                        let components: Vec<BTreeMap<usize, f64>> = objectives.iter().map(|o| merged(o)).collect();
                        early = super::guided::early_plan(model, &components, &lp, &reduced, st, clock)?
                            .map(|p| tighten_slacks(model, p));
                        if let Some(p) = &early {
                            let bounds = BTreeMap::from([(k, (b, t0.elapsed().as_secs_f64()))]);
                            let stages = early_reports(model, &objectives, p, &bounds);
                            let _ = tx.send(Message::Stage(Progress { x: p.clone(), stages }));
                        }
                    }
                    lp_bounds.insert(k, (b, t0.elapsed().as_secs_f64()));
                    // the early plan is the best of the bound's own neighbourhood, weighed
                    // first on this stage: when it misses the bound, the bound is most likely
                    // out of reach, and a deferral would cost the later stages' relaxations
                    // and restricted MIPs before it is withdrawn (the generated Hà Nội: bound
                    // −762, early plan −766, optimum −764; 49 s of LPs and MIPs withdrawn, the
                    // disruption LP then solved again)
                    let early_misses =
                        k == 0 && early.as_ref().is_some_and(|p| !meets(obj.value_at(p), b, integral(model, &costs)));
                    if !early_misses {
                        // every plan meeting the bound leaves the relaxation's dearest columns
                        // at 0: the later stages work without them (`face`)
                        let zero = super::face::optimal_face(model, &costs, v, b, &lp, &reduced);
                        fixes.push(Fix { coefs: costs.clone(), lo: fix_at(b, roundable(model, &costs)), zero });
                        deferred.push((k, b, t0.elapsed().as_secs_f64()));
                        k += 1;
                        continue;
                    }
                    in_full[k] = true;
                }
                _ => {}
            }
        }
        let guide = if x.is_empty() { early.as_deref().unwrap_or_default() } else { &x[..] };
        // the stage's best point before a full search, sent as progress: the finished stages'
        // reports, the deferred ones (the point meets their bounds) and this one, unproven
        let progress = |p: &[f64], bound: Option<f64>| {
            let p = &tighten_slacks(model, p.to_vec())[..];
            let mut stages = reports.clone();
            for &(d, b, secs) in &deferred {
                stages.push(deferred_report(model, objectives[d], p, b, secs, Some(StopReason::TimeLimit)));
            }
            let value = obj.value_at(p);
            let proven = bound.is_some_and(|b| meets(value, b, integral(model, &costs)));
            stages.push(report(obj.name, value, bound, proven, Some(StopReason::TimeLimit), t0));
            let _ = tx.send(Message::Stage(Progress { x: p.to_vec(), stages }));
        };
        let under_deferred = !deferred.is_empty();
        match solve_stage(
            &mut chain,
            model,
            obj,
            &costs,
            &fixes,
            &objectives,
            k,
            guide,
            under_deferred,
            &progress,
            st,
            clock,
        )? {
            StageOutcome::Infeasible | StageOutcome::Unreached if !deferred.is_empty() => {
                // the last deferred stage's LP bound cannot be met together with the earlier
                // ones: drop its fix and solve it in full (it is never deferred again); the
                // later stages follow it as usual
                let (d, _, _) = deferred.pop().unwrap_or_default();
                fixes.truncate(d);
                in_full[d] = true;
                k = d;
                continue;
            }
            StageOutcome::Infeasible if k == 0 => return Ok(infeasible(reports)),
            StageOutcome::Infeasible | StageOutcome::Unreached | StageOutcome::NoPlan(_) => {
                if x.is_empty() {
                    if let Some(p) = early {
                        return Ok(early_result(model, &objectives, p, &lp_bounds, clock, started));
                    }
                }
                let first = k == 0 || deferred.first().is_some_and(|d| d.0 == 0);
                return Ok(no_plan(reports, x, clock, started, first));
            }
            StageOutcome::Plan(p) => {
                x = tighten_slacks(model, p.x);
                for (d, bound, secs) in deferred.drain(..) {
                    reports.push(deferred_report(model, objectives[d], &x, bound, secs, None));
                }
                let value = obj.value_at(&x);
                reports.push(report(obj.name, value, p.bound, p.proven, p.stop, t0));
                let _ = tx.send(Message::Stage(Progress { x: x.clone(), stages: reports.clone() }));
                // the finished stages' rows: a deferred stage keeps its LP-bound row, which
                // the plan meets; this stage is fixed at its value, and its relaxation's
                // optimal face (room: LP value − value) bounds the later stages too
                let zero = p
                    .relaxation
                    .map(|r| super::face::optimal_face(model, &costs, r.value, value, &r.x, &r.reduced))
                    .unwrap_or_default();
                // a face the plan itself leaves is one the tolerances got wrong: none is used
                let zero = if zero.iter().any(|j| x[*j] > 0.5) { Vec::new() } else { zero };
                fixes.push(Fix { lo: fix_at(value, roundable(model, &obj_costs(obj))), coefs: costs, zero });
                k += 1;
            }
        }
    }
    if x.is_empty() {
        if let Some(p) = early {
            return Ok(early_result(model, &objectives, p, &lp_bounds, clock, started));
        }
        return Ok(no_plan(reports, x, clock, started, true));
    }
    let status = if reports.len() == n_stages && reports.iter().all(|r| r.optimal) {
        SolveStatus::Optimal
    } else {
        let gap = if reports.len() == n_stages {
            reports.iter().map(|r| r.gap).try_fold(0.0f64, |acc, g| g.map(|g| acc.max(g)))
        } else {
            None
        };
        let reason = reports.iter().filter_map(|r| r.stop).next().unwrap_or(if clock.cancelled() {
            StopReason::Interrupted
        } else {
            StopReason::TimeLimit
        });
        SolveStatus::StoppedWithPlan { gap, reason }
    };
    Ok(SolveResult { status, x, stages: reports, seconds: started.elapsed().as_secs_f64() })
}

/// A deferred stage's report at the point `x`, against the LP bound fixed for it: proven when
/// `x` meets the bound, else stopped for `unproven_stop`.
fn deferred_report(
    model: &LpModel,
    obj: &Objective,
    x: &[f64],
    bound: f64,
    seconds: f64,
    unproven_stop: Option<StopReason>,
) -> StageReport {
    let value = obj.value_at(x);
    let optimal = meets(value, bound, integral(model, &merged(obj)));
    StageReport {
        name: obj.name,
        value,
        bound: Some(bound),
        gap: Some(rel_gap(value, bound)),
        optimal,
        stop: if optimal { None } else { unproven_stop },
        seconds,
    }
}

/// From how many columns a model gets an early plan (`guided::early_plan`) before its later
/// stages' relaxations: Hai Phong (79k columns) finishes its stages well within the default
/// time limit without one; the largest provinces (Hà Nội, 204k) spend minutes in relaxations
/// alone.
const EARLY_PLAN_COLUMNS: usize = 120_000;

/// Every stage's value at the early plan, with the LP bounds found. A later stage's LP bound
/// was computed with the earlier stages at their own LP bounds, so it bounds that stage only
/// when the plan meets every earlier bound (each earlier stage is then proven optimal); past
/// the first stage the plan does not meet, no bound and no gap is claimed.
fn early_reports(
    model: &LpModel,
    objectives: &[&Objective],
    x: &[f64],
    bounds: &BTreeMap<usize, (f64, f64)>,
) -> Vec<StageReport> {
    let mut earlier_proven = true;
    objectives
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let value = o.value_at(x);
            let bound = bounds.get(&k).map(|b| b.0).filter(|_| earlier_proven);
            let optimal = bound.is_some_and(|b| meets(value, b, integral(model, &merged(o))));
            earlier_proven &= optimal;
            StageReport {
                name: o.name,
                value,
                bound,
                gap: bound.map(|b| rel_gap(value, b)),
                optimal,
                stop: (!optimal).then_some(StopReason::TimeLimit),
                seconds: bounds.get(&k).map_or(0.0, |b| b.1),
            }
        })
        .collect()
}

/// The result when no stage finished but the early plan exists: that plan, stopped, with every
/// stage's value and the bounds that hold. Its gap is measured only when every stage has a
/// bound.
fn early_result(
    model: &LpModel,
    objectives: &[&Objective],
    x: Vec<f64>,
    bounds: &BTreeMap<usize, (f64, f64)>,
    clock: &Clock,
    started: Instant,
) -> SolveResult {
    let reason = if clock.cancelled() { StopReason::Interrupted } else { StopReason::TimeLimit };
    let mut stages = early_reports(model, objectives, &x, bounds);
    for r in stages.iter_mut().filter(|r| !r.optimal) {
        r.stop = Some(reason);
    }
    let gap = stages.iter().map(|r| r.gap).try_fold(0.0f64, |acc, g| g.map(|g| acc.max(g)));
    SolveResult {
        status: SolveStatus::StoppedWithPlan { gap, reason },
        x,
        stages,
        seconds: started.elapsed().as_secs_f64(),
    }
}

fn obj_costs(o: &Objective) -> BTreeMap<usize, f64> {
    merged(o)
}

/// The row fixing a finished stage: its component at least its value. A component whose
/// optimum is whole ([`roundable`]) is fixed within 0.5: at integer assignments the least
/// slack is whole, so the row admits exactly the same assignments, and the slack columns are
/// set to their least values afterwards ([`tighten_slacks`]). (A fix tight to 1e-7 made
/// HiGHS 1.16 declare feasible models infeasible.)
fn fix_at(value: f64, whole: bool) -> f64 {
    if whole {
        value - 0.5
    } else {
        value - 1e-7 * value.abs().max(1.0)
    }
}

fn report(
    name: &'static str,
    value: f64,
    bound: Option<f64>,
    proven: bool,
    stop: Option<StopReason>,
    t0: Instant,
) -> StageReport {
    let bound = if proven { Some(value) } else { bound };
    StageReport {
        name,
        value,
        bound,
        gap: if proven { Some(0.0) } else { bound.map(|b| rel_gap(value, b)) },
        optimal: proven,
        stop: if proven { None } else { stop },
        seconds: t0.elapsed().as_secs_f64(),
    }
}

/// The result when a stage found no plan: the finished stages' plan if there is one.
fn no_plan(reports: Vec<StageReport>, x: Vec<f64>, clock: &Clock, started: Instant, first: bool) -> SolveResult {
    let seconds = started.elapsed().as_secs_f64();
    if x.is_empty() || first && reports.is_empty() {
        return SolveResult { status: SolveStatus::NoPlanBeforeLimit, x: vec![], stages: reports, seconds };
    }
    let reason = if clock.cancelled() { StopReason::Interrupted } else { StopReason::TimeLimit };
    SolveResult { status: SolveStatus::StoppedWithPlan { gap: None, reason }, x, stages: reports, seconds }
}

/// A stage's own plan.
struct StagePlan {
    x: Vec<f64>,
    bound: Option<f64>,
    proven: bool,
    stop: Option<StopReason>,
    /// The stage's relaxation, when it was solved: its optimal face bounds the later stages.
    relaxation: Option<LpOptimum>,
}

enum StageOutcome {
    Infeasible,
    /// Under deferred bounds, no plan in the relaxation's neighbourhood meets them: rather
    /// than a full search to prove them unreachable, the last deferred stage is solved itself.
    Unreached,
    NoPlan(#[allow(dead_code)] Option<StopReason>),
    Plan(StagePlan),
}

/// Solves one stage under the fixes: relaxation first, then (when that does not prove it) the
/// full search.
#[allow(clippy::too_many_arguments)]
fn solve_stage(
    chain: &mut LpChain,
    model: &LpModel,
    obj: &Objective,
    costs: &BTreeMap<usize, f64>,
    fixes: &[Fix],
    objectives: &[&Objective],
    k: usize,
    incumbent: &[f64],
    under_deferred: bool,
    progress: &dyn Fn(&[f64], Option<f64>),
    st: &SolverSettings,
    clock: &Clock,
) -> Result<StageOutcome, SolveError> {
    let whole = integral(model, costs);
    // an earlier point guides the restricted MIPs (its columns join their support) even when
    // it does not meet this stage's fixes and so cannot be this stage's plan
    let guide: Vec<f64> = incumbent.to_vec();
    let mut x: Vec<f64> = incumbent.to_vec();
    let usable =
        |p: &Vec<f64>| p.len() == model.cols.len() && model.violated_rows(p, 1e-6).is_empty() && satisfies(p, fixes);
    if !usable(&x) {
        x.clear();
    }
    let mut bound: Option<f64> = None;
    let mut relaxation: Option<LpOptimum> = None;
    if st.guided {
        let hint = objectives.get(k + 1).map(|o| merged(o));
        // the last stage resumes from the previous stage's basis, unless that stage weighed two
        // components (see `Objective::weighs_components`)
        let warm = hint.is_none() && !k.checked_sub(1).is_some_and(|j| objectives[j].weighs_components());
        match guided(chain, model, costs, fixes, hint.as_ref(), warm, &guide, st, clock)? {
            None => return Ok(StageOutcome::Infeasible),
            Some(g) => {
                relaxation = g.relaxation;
                if g.bound.is_finite() {
                    bound = Some(g.bound);
                }
                if let Some(gx) = g.x.filter(|gx| usable(gx)) {
                    if x.is_empty() || obj.value_at(&gx) >= obj.value_at(&x) {
                        x = gx;
                    }
                }
                if g.proven && !x.is_empty() {
                    return Ok(StageOutcome::Plan(StagePlan { x, bound, proven: true, stop: None, relaxation }));
                }
            }
        }
        // no plan in the neighbourhood meets the deferred bounds: they are most likely out of
        // reach, and proving that by a full search costs more (Hai Phong's ahead-of-milestone
        // plan: 14 s of searches ending "infeasible") than solving the deferred stage itself,
        // which is always sound
        if x.is_empty() && under_deferred {
            return Ok(StageOutcome::Unreached);
        }
        // a plan within the gap asked for (`--gap`) of the LP bound needs no full search
        if let (Some(b), false) = (bound, x.is_empty()) {
            let v = obj.value_at(&x);
            if st.mip_rel_gap > 0.0 && rel_gap(v, b) <= st.mip_rel_gap {
                let proven = meets(v, b, whole);
                let stop = (!proven).then_some(StopReason::GapReached);
                return Ok(StageOutcome::Plan(StagePlan { x, bound, proven, stop, relaxation }));
            }
        }
    }
    if clock.expired() {
        return Ok(if x.is_empty() {
            StageOutcome::NoPlan(Some(stop_reason(HighsModelStatus::ReachedTimeLimit, true, clock)))
        } else {
            let stop = Some(stop_reason(HighsModelStatus::ReachedTimeLimit, true, clock));
            StageOutcome::Plan(StagePlan { x, bound, proven: false, stop, relaxation })
        });
    }
    if x.is_empty() && k == 0 {
        match status_quo(model, fixes, st, clock)? {
            Start::Infeasible => return Ok(StageOutcome::Infeasible),
            Start::Point(p) if usable(&p) => x = p,
            _ => {}
        }
    }
    // the best point so far is a plan to report should the search below not end in time
    // (HiGHS checks its interrupt at its own pace)
    if !x.is_empty() {
        progress(&x, bound);
    }
    // the full search, the best point so far kept aside. The last stage searches cold (a warm
    // start measured slower on Hai Phong, and HiGHS 1.16 can return a stale start; `consistent`
    // checks what it returns). A stage with later ones starts from its best point (cold,
    // HiGHS found no plan for the ahead-of-milestone stage in 180 s) and takes at most half the
    // time left, so that the plan reported has every stage applied: the later stages, each
    // under the ones before it fixed, are the quick ones
    let has_later = k + 1 < objectives.len();
    let search_clock = if has_later { clock.within(clock.remaining() * 0.5) } else { clock.clone() };
    let start = (has_later && !x.is_empty()).then_some(&x[..]);
    let mut solved = full_search(model, costs, fixes, start, st, &search_clock)?;
    // HiGHS 1.16 can end a warm-started search with a verdict its point does not bear out
    // (a better value than the point has, or "infeasible" beside our feasible start; seen on
    // the generated Thanh Hoá's disruption stage): search again without the start, as the
    // restricted MIPs do, while the clock allows
    let contradicted = |solved: &highs::SolvedModel| {
        let infeasible =
            matches!(solved.status(), HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible);
        (infeasible && !x.is_empty()) || !consistent(model, costs, fixes, solved)
    };
    if start.is_some() && contradicted(&solved) && !search_clock.expired() {
        solved = full_search(model, costs, fixes, None, st, &search_clock)?;
    }
    let status = solved.status();
    if matches!(status, HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible) {
        return Ok(if x.is_empty() {
            StageOutcome::Infeasible
        } else {
            // our own point is feasible: HiGHS's verdict cannot be right for it; keep it
            StageOutcome::Plan(StagePlan { x, bound, proven: false, stop: Some(StopReason::Unverified), relaxation })
        });
    }
    let trusted = consistent(model, costs, fixes, &solved);
    if trusted && solved.primal_solution_status() == HighsSolutionStatus::Feasible {
        let found = rounded(model, solved.get_solution().columns());
        if x.is_empty() || obj.value_at(&found) >= obj.value_at(&x) {
            x = found;
        }
    }
    if x.is_empty() {
        return Ok(match status {
            HighsModelStatus::ReachedTimeLimit | HighsModelStatus::ReachedInterrupt => {
                StageOutcome::NoPlan(Some(stop_reason(status, true, clock)))
            }
            other => return Err(SolveError::Highs(format!("HiGHS ended with status {other:?} and no solution"))),
        });
    }
    // HiGHS's dual bound, when it is a real number, tightens ours
    let highs_bound = dual_bound(&solved);
    if highs_bound.is_finite() {
        bound = Some(bound.map_or(highs_bound, |b| b.min(highs_bound)));
    }
    let value = obj.value_at(&x);
    let bound = bound.map(|b| if roundable(model, costs) { (b + 1e-6).floor() } else { b });
    let proven = (status == HighsModelStatus::Optimal && trusted && st.mip_rel_gap == 0.0)
        || bound.is_some_and(|b| meets(value, b, whole));
    let stop = (!proven).then(|| stop_reason(status, trusted, clock));
    Ok(StageOutcome::Plan(StagePlan { x, bound, proven, stop, relaxation }))
}

/// HiGHS's MIP dual bound (an upper bound, as we maximise); NaN when it has none.
pub(crate) fn dual_bound(solved: &highs::SolvedModel) -> f64 {
    let mut v = f64::NAN;
    // SAFETY: a valid HiGHS instance and a NUL-terminated key; `v` outlives the call.
    let status =
        unsafe { highs_sys::Highs_getDoubleInfoValue(solved.as_ptr() as *mut _, c"mip_dual_bound".as_ptr(), &mut v) };
    if status == highs_sys::STATUS_ERROR {
        f64::NAN
    } else {
        v
    }
}

/// Sets every target slack column to the least value its row allows at the point (rows are
/// `lo ≤ Σ terms + s⁻ − s⁺ ≤ hi`), so that the targets component reads the shortfall of the
/// assignment itself rather than whatever slack the solver left within its tolerance.
pub(crate) fn tighten_slacks(model: &LpModel, mut x: Vec<f64>) -> Vec<f64> {
    if x.len() != model.cols.len() {
        return x;
    }
    // continuous indicators (`y ≤ Σ x`, e.g. a team has an age tier) first, at the most their
    // rows allow: they only ever count toward a target
    raise_indicators(model, &mut x, |c| !c.integer);
    for r in &model.rows {
        let slack: Vec<(usize, f64)> = r
            .terms
            .iter()
            .filter(|(v, _)| matches!(model.cols[v.index()].kind, VarKind::Slack { .. }))
            .map(|(v, k)| (v.index(), *k))
            .collect();
        if slack.is_empty() {
            continue;
        }
        let activity: f64 = r
            .terms
            .iter()
            .filter(|(v, _)| !slack.iter().any(|(i, _)| *i == v.index()))
            .map(|(v, k)| k * x[v.index()])
            .sum();
        for (i, k) in slack {
            x[i] = if k > 0.0 { (r.lo - activity).max(0.0) } else { (activity - r.hi).max(0.0) };
            if x[i].is_finite() && (x[i] - x[i].round()).abs() < 1e-6 {
                x[i] = x[i].round();
            }
            if !x[i].is_finite() {
                x[i] = 0.0;
            }
        }
    }
    x
}

/// Sets each indicator column that `pick` selects to the most its defining rows
/// (`y ≤ Σ terms`, rows `0 ≤ Σ terms − y`) allow at the point, within its bounds.
pub(crate) fn raise_indicators(model: &LpModel, x: &mut [f64], pick: impl Fn(&crate::formulation::ir::Column) -> bool) {
    let chosen = |i: usize| matches!(model.cols[i].kind, VarKind::Indicator) && pick(&model.cols[i]);
    let mut most: Vec<f64> = model.cols.iter().map(|c| c.hi).collect();
    for r in &model.rows {
        if r.lo != 0.0 || r.hi != f64::INFINITY {
            continue;
        }
        let ys: Vec<usize> =
            r.terms.iter().filter(|(v, k)| *k == -1.0 && chosen(v.index())).map(|(v, _)| v.index()).collect();
        if let [y] = ys[..] {
            let rest: f64 = r.terms.iter().filter(|(v, _)| v.index() != y).map(|(v, k)| k * x[v.index()]).sum();
            most[y] = most[y].min(rest.round().max(0.0));
        }
    }
    for (i, m) in most.iter().enumerate() {
        if chosen(i) && m.is_finite() {
            x[i] = m.max(model.cols[i].lo);
        }
    }
}

/// Whether a point obeys the stage fixes.
fn satisfies(x: &[f64], fixes: &[Fix]) -> bool {
    fixes.iter().all(|f| f.holds(x))
}

/// A starting point for the first stage.
enum Start {
    /// The hard rules cannot all hold.
    Infeasible,
    /// A plan.
    Point(Vec<f64>),
    /// None found.
    None,
}

/// A cheap first plan (status quo as far as the hard rules allow), so that every later stop
/// has a plan to report; its objective is not fixed. Used when the relaxation-guided attempt
/// found no plan (or is off).
fn status_quo(model: &LpModel, fixes: &[Fix], st: &SolverSettings, clock: &Clock) -> Result<Start, SolveError> {
    let Some(ws) = &model.warm_start else {
        return Ok(Start::None);
    };
    let costs = merged(ws);
    let mut loose = st.clone();
    loose.mip_rel_gap = 0.05;
    let solved = full_search(model, &costs, fixes, None, &loose, clock)?;
    if solved.status() == HighsModelStatus::Infeasible {
        return Ok(Start::Infeasible);
    }
    if solved.primal_solution_status() == HighsSolutionStatus::Feasible && consistent(model, &costs, fixes, &solved) {
        return Ok(Start::Point(rounded(model, solved.get_solution().columns())));
    }
    Ok(Start::None)
}

/// The whole model with `costs`, the earlier stages' fixes and an optional warm start, solved
/// by HiGHS's branch-and-bound.
fn full_search(
    model: &LpModel,
    costs: &BTreeMap<usize, f64>,
    fixes: &[Fix],
    start: Option<&[f64]>,
    st: &SolverSettings,
    clock: &Clock,
) -> Result<highs::SolvedModel, SolveError> {
    let highs_err = |e: highs::HighsStatus| SolveError::Highs(format!("{e:?}"));
    let (pb, _) = build(model, costs, fixes, &vec![true; model.cols.len()], true);
    let mut m = pb.load(Some(clock))?;
    set_options(&mut m, st, clock)?;
    whole_gap(&mut m, model, costs, st);
    if let Some(x) = start.filter(|x| x.len() == model.cols.len()) {
        let _ = m.try_set_solution(Some(x), None, None, None);
    }
    m.try_solve().map_err(highs_err)
}

/// Whether the point HiGHS returns can be trusted: once rounded, it obeys every row and every
/// stage fix, and has the objective value HiGHS reports (HiGHS 1.16 can report a better value
/// than the point it returns when given a warm start). True when there is no point to check.
pub(crate) fn consistent(
    model: &LpModel,
    costs: &BTreeMap<usize, f64>,
    fixes: &[Fix],
    solved: &highs::SolvedModel,
) -> bool {
    if solved.primal_solution_status() != HighsSolutionStatus::Feasible {
        return true;
    }
    let x = rounded(model, solved.get_solution().columns());
    let value: f64 = costs.iter().map(|(i, c)| c * x[*i]).sum();
    let tol = if integral(model, costs) { 0.5 } else { 1e-6 * value.abs().max(1.0) + 1e-6 };
    (value - solved.objective_value()).abs() <= tol && model.violated_rows(&x, 1e-6).is_empty() && satisfies(&x, fixes)
}

/// Integer columns rounded (HiGHS returns them within its tolerance).
fn rounded(model: &LpModel, x: &[f64]) -> Vec<f64> {
    x.iter().zip(&model.cols).map(|(v, c)| if c.integer { v.round() } else { *v }).collect()
}

/// Writes the model with its first objective component.
pub(crate) fn export(
    model: &LpModel,
    names: Option<&crate::formulation::names::ModelNames>,
    path: &std::path::Path,
) -> Result<(), SolveError> {
    let costs = model.objectives.first().map(merged).unwrap_or_default();
    let (pb, _) = build(model, &costs, &[], &vec![true; model.cols.len()], true);
    let mut m = pb.load(None)?;
    let p = path.to_string_lossy().into_owned();
    if let Some(names) = names {
        // Every column and row of the model is in the problem, in order (all free, no fixes).
        let mut pass = |k: usize, name: &str, row: bool| -> Result<(), SolveError> {
            let c = std::ffi::CString::new(name).map_err(|_| SolveError::Export {
                path: p.clone(),
                reason: format!("the name '{name}' contains a NUL byte"),
            })?;
            // SAFETY: `m` owns a valid Highs instance; `k` is a column (row) index of the model
            // it holds; the C string outlives the call.
            let status = unsafe {
                if row {
                    highs_sys::Highs_passRowName(m.as_mut_ptr(), k as highs_sys::HighsInt, c.as_ptr())
                } else {
                    highs_sys::Highs_passColName(m.as_mut_ptr(), k as highs_sys::HighsInt, c.as_ptr())
                }
            };
            if status == highs_sys::STATUS_ERROR {
                return Err(SolveError::Export { path: p.clone(), reason: format!("HiGHS refused the name '{name}'") });
            }
            Ok(())
        };
        for (k, n) in names.cols.iter().enumerate().take(model.cols.len()) {
            pass(k, n, false)?;
        }
        for (k, n) in names.rows.iter().enumerate().take(model.rows.len()) {
            pass(k, n, true)?;
        }
    }
    let c = std::ffi::CString::new(p.clone())
        .map_err(|_| SolveError::Export { path: p.clone(), reason: "the path contains a NUL byte".into() })?;
    // SAFETY: `m` owns a valid Highs instance; the C string outlives the call.
    let status = unsafe { highs_sys::Highs_writeModel(m.as_mut_ptr(), c.as_ptr()) };
    if status == highs_sys::STATUS_ERROR {
        return Err(SolveError::Export { path: p, reason: "HiGHS could not write it".into() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_optimal_verdict_that_fails_the_check_is_not_called_a_gap_reached() {
        let clock = Clock::new(60.0);
        assert_eq!(stop_reason(HighsModelStatus::Optimal, false, &clock), StopReason::Unverified);
        assert_eq!(stop_reason(HighsModelStatus::Optimal, true, &clock), StopReason::GapReached);
        assert_eq!(stop_reason(HighsModelStatus::ReachedTimeLimit, false, &clock), StopReason::TimeLimit);
        assert_eq!(stop_reason(HighsModelStatus::ReachedSolutionLimit, true, &clock), StopReason::NodeLimit);
    }

    #[test]
    fn a_whole_component_one_unit_short_of_its_bound_is_not_proven() {
        // values of a whole component differ by whole units: one unit short is a real gap,
        // however large the values (the old relative tolerance let 82 units pass on Hai Phong)
        assert!(!meets(80_000_000.0 - 1.0, 80_000_000.0, true));
        assert!(meets(80_000_000.0 - 1e-7, 80_000_000.0, true));
        assert!(!meets(-33.0, -32.0, true));
        // a continuous component: relative 1e-7
        assert!(!meets(99.99, 100.0, false));
        assert!(meets(100.0 - 1e-6, 100.0, false));
        assert_eq!(fix_at(10.0, true), 9.5);
    }

    /// Two cadres, two posts, each holding one; a target asks cadre 1 into post 0 (a slack
    /// `s` otherwise). Lexicographic optimum: the swap (targets 0, disruption −2, suitability 4),
    /// against the status quo (targets −1, disruption 0, suitability 4), which the unweighted
    /// sum of the components would prefer (3 against 2).
    fn swap_model() -> (LpModel, [crate::formulation::ir::Var; 5]) {
        use crate::formulation::ir::{RowKind, RuleRef, Subject, Tag, VarKind};
        use crate::model::ids::{CadreId, PostId};
        let mut m = LpModel::default();
        let (c0, c1, p0, p1) = (CadreId(0), CadreId(1), PostId(0), PostId(1));
        let x00 = m.add_binary(VarKind::Assign(c0, p0));
        let x01 = m.add_binary(VarKind::Assign(c0, p1));
        let x10 = m.add_binary(VarKind::Assign(c1, p0));
        let x11 = m.add_binary(VarKind::Assign(c1, p1));
        let s = m.add_col(VarKind::Slack { target: 0, below: true }, 0.0, 1.0, false);
        let tag = Tag { rule: RuleRef::Tradeoff, subject: Subject::Whole, kind: RowKind::Hard };
        m.add_row(tag, vec![(x00, 1.0), (x10, 1.0)], 1.0, 1.0);
        m.add_row(tag, vec![(x01, 1.0), (x11, 1.0)], 1.0, 1.0);
        m.add_row(tag, vec![(x00, 1.0), (x01, 1.0)], 0.0, 1.0);
        m.add_row(tag, vec![(x10, 1.0), (x11, 1.0)], 0.0, 1.0);
        m.add_row(tag, vec![(x10, 1.0), (s, 1.0)], 1.0, f64::INFINITY);
        m.objectives = vec![
            Objective { name: "targets", coefs: vec![(s, -1.0)] },
            Objective { name: "disruption", coefs: vec![(x01, -1.0), (x10, -1.0)] },
            Objective { name: "suitability", coefs: vec![(x00, 2.0), (x01, 3.0), (x10, 1.0), (x11, 2.0)] },
        ];
        m.warm_start = Some(Objective { name: "status_quo", coefs: vec![(x00, 1.0), (x11, 1.0)] });
        (m, [x00, x01, x10, x11, s])
    }

    #[test]
    fn the_early_plan_obeys_every_row_and_weighs_the_stages_in_order() {
        let (m, [_, x01, x10, _, s]) = swap_model();
        let components: Vec<BTreeMap<usize, f64>> = m.objectives.iter().map(merged).collect();
        // the first stage's LP point: the swap, with reduced costs that favour nothing
        let mut lp = vec![0.0; m.cols.len()];
        lp[x01.index()] = 1.0;
        lp[x10.index()] = 1.0;
        let reduced = vec![0.0; m.cols.len()];
        let clock = Clock::new(30.0);
        let x = crate::solve::guided::early_plan(&m, &components, &lp, &reduced, &SolverSettings::default(), &clock)
            .expect("HiGHS runs")
            .expect("the neighbourhood holds a plan");
        assert!(m.violated_rows(&x, 1e-6).is_empty());
        // the target outweighs the two moves it costs
        assert_eq!((x[x01.index()], x[x10.index()], x[s.index()]), (1.0, 1.0, 0.0));
    }

    #[test]
    fn the_early_plan_claims_a_later_bound_only_when_it_meets_every_earlier_one() {
        let (m, [x00, x01, x10, x11, s]) = swap_model();
        let objectives: Vec<&Objective> = m.objectives.iter().collect();
        let bounds = BTreeMap::from([(0, (0.0, 1.0)), (1, (-2.0, 2.0))]);
        let mut swap = vec![0.0; m.cols.len()];
        swap[x01.index()] = 1.0;
        swap[x10.index()] = 1.0;
        let r = early_reports(&m, &objectives, &swap, &bounds);
        assert!(r[0].optimal && r[1].optimal && !r[2].optimal);
        assert_eq!((r[1].bound, r[2].bound, r[2].gap), (Some(-2.0), None, None));
        // the status quo misses the target: the disruption bound (computed with the target
        // met) says nothing about it, so neither a bound nor a gap is claimed past the targets
        let mut stay = vec![0.0; m.cols.len()];
        stay[x00.index()] = 1.0;
        stay[x11.index()] = 1.0;
        stay[s.index()] = 1.0;
        let r = early_reports(&m, &objectives, &stay, &bounds);
        assert!(!r[0].optimal && r[0].gap.is_some_and(|g| g > 0.0));
        assert_eq!((r[1].bound, r[1].gap, r[1].optimal), (None, None, false));
        let res = early_result(&m, &objectives, stay, &bounds, &Clock::new(30.0), Instant::now());
        assert!(matches!(res.status, SolveStatus::StoppedWithPlan { gap: None, reason: StopReason::TimeLimit }));
        assert!(res.stages.iter().all(|r| r.optimal || r.stop == Some(StopReason::TimeLimit)));
    }
}
