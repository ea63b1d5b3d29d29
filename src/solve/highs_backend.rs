//! Translation of an [`LpModel`] to HiGHS (through the `highs` crate) and the lexicographic
//! stages. Runs on the solver thread; reports each finished stage to the caller so that a
//! watchdog timeout still has the best plan so far.

use std::collections::BTreeMap;
use std::sync::mpsc::Sender;
use std::time::Instant;

use highs::{HighsModelStatus, HighsSolutionStatus, Model, Sense};

use super::guided::{build_restricted, guided, Fix};
use super::{Presolve, SolveError, SolveResult, SolveStatus, SolverSettings, StageReport};
use crate::formulation::ir::{LpModel, Objective};

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

fn merged(o: &Objective) -> BTreeMap<usize, f64> {
    let mut m = BTreeMap::new();
    for (v, k) in &o.coefs {
        *m.entry(v.index()).or_insert(0.0) += k;
    }
    m
}

pub(crate) fn set_options(m: &mut Model, st: &SolverSettings, seconds: f64) -> Result<(), SolveError> {
    let e = |what: &str| SolveError::Highs(format!("option {what} refused"));
    if std::env::var_os("ROTAPLAN_HIGHS_LOG").is_none() {
        m.make_quiet();
    } else {
        let _ = m.try_set_option("output_flag", true);
        let _ = m.try_set_option("log_to_console", true);
    }
    m.try_set_option("time_limit", seconds.max(0.01)).map_err(|_| e("time_limit"))?;
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
    // expert knob for experiments: ROTAPLAN_HIGHS_OPTS="name=value,name=value" (numbers only)
    if let Ok(extra) = std::env::var("ROTAPLAN_HIGHS_OPTS") {
        for kv in extra.split(',').filter(|s| !s.is_empty()) {
            if let Some((k, v)) = kv.split_once('=') {
                if let Ok(i) = v.parse::<i32>() {
                    let _ = m.try_set_option(k, i);
                } else if let Ok(f) = v.parse::<f64>() {
                    let _ = m.try_set_option(k, f);
                } else {
                    let _ = m.try_set_option(k, v);
                }
            }
        }
    }
    Ok(())
}

pub(crate) fn run_stages(
    model: &LpModel,
    st: &SolverSettings,
    deadline: Instant,
    start: Option<Vec<f64>>,
    tx: &Sender<Message>,
) -> Result<(), ()> {
    let r = stages(model, st, deadline, start, tx);
    tx.send(Message::Done(r)).map_err(|_| ())
}

fn stages(
    model: &LpModel,
    st: &SolverSettings,
    deadline: Instant,
    start: Option<Vec<f64>>,
    tx: &Sender<Message>,
) -> Result<SolveResult, SolveError> {
    let started = Instant::now();
    let weighted;
    let objectives: Vec<&Objective> = if std::env::var_os("ROTAPLAN_WEIGHTED").is_some() {
        weighted = weighted_objective(model);
        vec![&weighted]
    } else {
        model.objectives.iter().collect()
    };
    let infeasible = |reports: Vec<StageReport>| SolveResult {
        status: SolveStatus::Infeasible,
        x: vec![],
        stages: reports,
        seconds: started.elapsed().as_secs_f64(),
    };
    let mut x: Vec<f64> = start.unwrap_or_default();
    let mut fixes: Vec<Fix> = Vec::new();
    let mut reports: Vec<StageReport> = Vec::new();
    let mut worst_gap: f64 = 0.0;
    let mut all_optimal = true;
    let n_stages = objectives.len().max(1);
    let empty = Objective { name: "feasibility", coefs: Vec::new() };
    for k in 0..n_stages {
        let t0 = Instant::now();
        if deadline.saturating_duration_since(Instant::now()).is_zero() {
            break;
        }
        let obj = objectives.get(k).copied().unwrap_or(&empty);
        super::progress::emit(super::progress::Progress::Stage { index: k, total: n_stages, name: obj.name });
        let costs = merged(obj);
        let mut proven = false;
        let mut gap = f64::NAN;
        if st.guided {
            let hint = objectives.get(k + 1).map(|o| merged(o));
            match guided(model, &costs, &fixes, hint.as_ref(), &x, st, deadline)? {
                None if k == 0 => return Ok(infeasible(reports)),
                None => {}
                Some(g) => {
                    if let Some(gx) = g.x {
                        if x.len() != gx.len() || obj.value_at(&gx) >= obj.value_at(&x) {
                            x = gx;
                        }
                    }
                    proven = g.proven;
                    gap = if proven {
                        0.0
                    } else if x.is_empty() {
                        f64::NAN
                    } else {
                        // until the full search says better: the distance to the LP bound
                        let v = obj.value_at(&x);
                        (g.bound - v).max(0.0) / v.abs().max(1.0)
                    };
                }
            }
        }
        // a plan within the gap asked for (`--gap`) of the LP bound needs no full search
        let close_enough = !proven && gap.is_finite() && gap <= st.mip_rel_gap;
        if !proven && !close_enough {
            // the full search, warm-started from the best point so far
            if x.is_empty() && k == 0 {
                match status_quo(model, &fixes, st, deadline)? {
                    Start::Infeasible => return Ok(infeasible(reports)),
                    Start::Point(p) => x = p,
                    Start::None => {}
                }
            }
            if deadline.saturating_duration_since(Instant::now()).is_zero() && !x.is_empty() {
                break;
            }
            let mut solved = full_search(model, &costs, &fixes, Some(&x), st, deadline)?;
            if !consistent(model, &costs, &solved) {
                // HiGHS 1.16 can report a better objective than the point it returns when a
                // warm start was given (seen when presolve settles the model): never trust
                // it; search again without the start
                solved = full_search(model, &costs, &fixes, None, st, deadline)?;
            }
            let status = solved.status();
            let has_solution = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
            if k == 0 && matches!(status, HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible) {
                return Ok(infeasible(reports));
            }
            if has_solution && consistent(model, &costs, &solved) {
                let found = rounded(model, solved.get_solution().columns());
                if x.len() != found.len() || obj.value_at(&found) >= obj.value_at(&x) {
                    x = found;
                }
            } else if k == 0 && x.is_empty() {
                let status = if status == HighsModelStatus::ReachedTimeLimit {
                    SolveStatus::NoPlanBeforeLimit
                } else {
                    return Err(SolveError::Highs(format!("HiGHS ended with status {status:?} and no solution")));
                };
                return Ok(SolveResult {
                    status,
                    x: vec![],
                    stages: reports,
                    seconds: started.elapsed().as_secs_f64(),
                });
            }
            // HiGHS says "optimal" within the gap asked for; proven means a zero gap
            let g = solved.mip_gap();
            let g = if g.is_finite() { g.max(0.0) } else { f64::NAN };
            proven = status == HighsModelStatus::Optimal
                && consistent(model, &costs, &solved)
                && (st.mip_rel_gap == 0.0 || g <= 1e-9);
            gap = if proven { 0.0 } else { g };
        }
        if x.is_empty() {
            all_optimal = false;
            break;
        }
        all_optimal &= proven;
        if gap.is_finite() {
            worst_gap = worst_gap.max(gap);
        }
        let value = obj.value_at(&x);
        reports.push(StageReport {
            name: obj.name,
            value,
            gap: if gap.is_finite() { gap } else { 0.0 },
            optimal: proven,
            seconds: t0.elapsed().as_secs_f64(),
        });
        let _ = tx.send(Message::Stage(Progress { x: x.clone(), stages: reports.clone() }));
        // fix this component at its value (all components are integer-valued at integer points;
        // the small tolerance absorbs floating error only)
        fixes.push((costs, value - 1e-6 * value.abs().max(1.0)));
    }
    let status = if all_optimal && reports.len() == n_stages {
        SolveStatus::Optimal
    } else {
        SolveStatus::StoppedWithPlan { gap: if reports.len() == n_stages { worst_gap } else { f64::NAN } }
    };
    Ok(SolveResult { status, x, stages: reports, seconds: started.elapsed().as_secs_f64() })
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
fn status_quo(model: &LpModel, fixes: &[Fix], st: &SolverSettings, deadline: Instant) -> Result<Start, SolveError> {
    let Some(ws) = &model.warm_start else {
        return Ok(Start::None);
    };
    let costs = merged(ws);
    let mut loose = st.clone();
    loose.mip_rel_gap = 0.05;
    let solved = full_search(model, &costs, fixes, None, &loose, deadline)?;
    if solved.status() == HighsModelStatus::Infeasible {
        return Ok(Start::Infeasible);
    }
    if solved.primal_solution_status() == HighsSolutionStatus::Feasible && consistent(model, &costs, &solved) {
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
    deadline: Instant,
) -> Result<highs::SolvedModel, SolveError> {
    let highs_err = |e: highs::HighsStatus| SolveError::Highs(format!("{e:?}"));
    let (pb, _) = build_restricted(model, costs, fixes, &vec![true; model.cols.len()], true);
    let mut m = pb.try_optimise(Sense::Maximise).map_err(highs_err)?;
    set_options(&mut m, st, deadline.saturating_duration_since(Instant::now()).as_secs_f64())?;
    if let Some(x) = start.filter(|x| x.len() == model.cols.len()) {
        let _ = m.try_set_solution(Some(x), None, None, None);
    }
    m.try_solve().map_err(highs_err)
}

/// Whether the point HiGHS returns has the objective value it reports (see [`full_search`]'s
/// caller: a stale warm start can come back with a better reported value). True when there is
/// no point to check.
pub(crate) fn consistent(model: &LpModel, costs: &BTreeMap<usize, f64>, solved: &highs::SolvedModel) -> bool {
    if solved.primal_solution_status() != HighsSolutionStatus::Feasible {
        return true;
    }
    let x = rounded(model, solved.get_solution().columns());
    let value: f64 = costs.iter().map(|(i, c)| c * x[*i]).sum();
    (value - solved.objective_value()).abs() <= 1e-6 * value.abs().max(1.0) + 1e-6
}

/// Integer columns rounded (HiGHS returns them within its tolerance).
fn rounded(model: &LpModel, x: &[f64]) -> Vec<f64> {
    x.iter().zip(&model.cols).map(|(v, c)| if c.integer { v.round() } else { *v }).collect()
}

/// Writes the model with its first objective component.
pub(crate) fn export(model: &LpModel, path: &std::path::Path) -> Result<(), SolveError> {
    let costs = model.objectives.first().map(merged).unwrap_or_default();
    let (pb, _) = build_restricted(model, &costs, &[], &vec![true; model.cols.len()], true);
    let mut m = pb.try_optimise(Sense::Maximise).map_err(|e| SolveError::Highs(format!("{e:?}")))?;
    m.make_quiet();
    let p = path.to_string_lossy().into_owned();
    let c = std::ffi::CString::new(p.clone())
        .map_err(|_| SolveError::Export { path: p.clone(), reason: "the path contains a NUL byte".into() })?;
    // SAFETY: `m` owns a valid Highs instance; the C string outlives the call.
    let status = unsafe { highs_sys::Highs_writeModel(m.as_mut_ptr(), c.as_ptr()) };
    if status == highs_sys::STATUS_ERROR {
        return Err(SolveError::Export { path: p, reason: "HiGHS could not write it".into() });
    }
    Ok(())
}

/// One objective whose weights provably keep the lexicographic order: each component's weight
/// exceeds the largest possible swing of all components after it.
pub(crate) fn weighted_objective(model: &LpModel) -> Objective {
    use crate::formulation::ir::VarKind;
    let mut weight = 1.0;
    let mut total: BTreeMap<usize, f64> = BTreeMap::new();
    for o in model.objectives.iter().rev() {
        let m = merged(o);
        let mut per_post: BTreeMap<usize, f64> = BTreeMap::new();
        let mut other = 0.0;
        for (&i, &c) in &m {
            *total.entry(i).or_insert(0.0) += weight * c;
            match model.cols[i].kind {
                VarKind::Assign(_, p) => {
                    let e = per_post.entry(p.index()).or_insert(0.0);
                    *e = e.max(c.abs());
                }
                _ => other += c.abs() * model.cols[i].hi.min(1e6),
            }
        }
        let swing: f64 = per_post.values().sum::<f64>() + other;
        weight *= swing + 1.0;
    }
    Objective {
        name: "weighted",
        coefs: total.into_iter().map(|(i, c)| (crate::formulation::ir::Var(i as u32), c)).collect(),
    }
}
