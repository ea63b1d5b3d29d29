//! Translation of an [`LpModel`] to HiGHS (through the `highs` crate) and the lexicographic
//! stages. Runs on the solver thread; reports each finished stage to the caller so that a
//! watchdog timeout still has the best plan so far.

use std::collections::BTreeMap;
use std::sync::mpsc::Sender;
use std::time::Instant;

use highs::{Col, HighsModelStatus, HighsSolutionStatus, Model, RowProblem, Sense};

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

fn build(model: &LpModel, first: Option<&Objective>) -> (RowProblem, Vec<Col>) {
    let costs = first.map(merged).unwrap_or_default();
    let mut pb = RowProblem::default();
    let cols: Vec<Col> = model
        .cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cost = costs.get(&i).copied().unwrap_or(0.0);
            pb.add_column_with_integrality(cost, c.lo..=c.hi, c.integer)
        })
        .collect();
    for r in &model.rows {
        let terms: Vec<(Col, f64)> = r.terms.iter().map(|(v, k)| (cols[v.index()], *k)).collect();
        pb.add_row(r.lo..=r.hi, terms);
    }
    (pb, cols)
}

fn set_options(m: &mut Model, st: &SolverSettings, seconds: f64) -> Result<(), SolveError> {
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
    let (pb, cols) = build(model, objectives.first().copied());
    let mut m = pb.try_optimise(Sense::Maximise).map_err(|e| SolveError::Highs(format!("{e:?}")))?;
    let mut x: Vec<f64> = start.unwrap_or_default();
    // a cheap first plan (status quo as far as the hard rules allow) so that every later stop
    // has a plan to report; its objective is not fixed
    if let (true, Some(ws), Some(first)) = (x.is_empty(), &model.warm_start, objectives.first()) {
        let remaining = deadline.saturating_duration_since(Instant::now()).as_secs_f64();
        for (i, _) in merged(first) {
            m.change_column_cost(cols[i], 0.0);
        }
        for (i, c) in merged(ws) {
            m.change_column_cost(cols[i], c);
        }
        set_options(&mut m, st, remaining)?;
        let _ = m.try_set_option("mip_rel_gap", 0.05);
        let solved = m.try_solve().map_err(|e| SolveError::Highs(format!("{e:?}")))?;
        if solved.status() == HighsModelStatus::Infeasible {
            return Ok(SolveResult {
                status: SolveStatus::Infeasible,
                x: vec![],
                stages: reports_empty(),
                seconds: started.elapsed().as_secs_f64(),
            });
        }
        if solved.primal_solution_status() == HighsSolutionStatus::Feasible {
            x = solved.get_solution().columns().to_vec();
            for (v, c) in x.iter_mut().zip(&model.cols) {
                if c.integer {
                    *v = v.round();
                }
            }
        }
        m = Model::from(solved);
        for (i, _) in merged(ws) {
            m.change_column_cost(cols[i], 0.0);
        }
        for (i, c) in merged(first) {
            m.change_column_cost(cols[i], c);
        }
    }
    let mut reports: Vec<StageReport> = Vec::new();
    let mut worst_gap: f64 = 0.0;
    let mut all_optimal = true;
    let n_stages = objectives.len().max(1);
    for k in 0..n_stages {
        let t0 = Instant::now();
        let remaining = deadline.saturating_duration_since(Instant::now()).as_secs_f64();
        if remaining <= 0.0 {
            break;
        }
        set_options(&mut m, st, remaining)?;
        if x.len() == cols.len() {
            // warm start from the previous stage (feasible for this one by construction)
            let _ = m.try_set_solution(Some(&x), None, None, None);
        }
        let solved = m.try_solve().map_err(|e| SolveError::Highs(format!("{e:?}")))?;
        let status = solved.status();
        let has_solution = solved.primal_solution_status() == HighsSolutionStatus::Feasible;
        match status {
            HighsModelStatus::Infeasible | HighsModelStatus::UnboundedOrInfeasible if k == 0 => {
                return Ok(SolveResult {
                    status: SolveStatus::Infeasible,
                    x: vec![],
                    stages: reports,
                    seconds: started.elapsed().as_secs_f64(),
                });
            }
            _ => {}
        }
        if !has_solution {
            if k == 0 {
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
            all_optimal = false;
            break;
        }
        let optimal = status == HighsModelStatus::Optimal;
        let gap = if optimal { 0.0 } else { solved.mip_gap() };
        let gap = if gap.is_finite() { gap } else { 0.0 };
        all_optimal &= optimal;
        worst_gap = worst_gap.max(gap);
        x = solved.get_solution().columns().to_vec();
        // round integer columns (HiGHS returns them within tolerance)
        for (v, c) in x.iter_mut().zip(&model.cols) {
            if c.integer {
                *v = v.round();
            }
        }
        let obj = objectives.get(k);
        let value = obj.map(|o| o.value_at(&x)).unwrap_or(0.0);
        reports.push(StageReport {
            name: obj.map(|o| o.name).unwrap_or("feasibility"),
            value,
            gap,
            optimal,
            seconds: t0.elapsed().as_secs_f64(),
        });
        let _ = tx.send(Message::Stage(Progress { x: x.clone(), stages: reports.clone() }));
        m = Model::from(solved);
        if let (Some(done), Some(next)) = (obj, objectives.get(k + 1)) {
            // fix this component at its value (all components are integer-valued at integer
            // points; the small tolerance absorbs floating error only)
            let fix: Vec<(Col, f64)> = merged(done).into_iter().map(|(i, c)| (cols[i], c)).collect();
            let lo = value - 1e-6 * value.abs().max(1.0);
            m.try_add_row(lo.., fix).map_err(|e| SolveError::Highs(format!("{e:?}")))?;
            for (i, _) in merged(done) {
                m.change_column_cost(cols[i], 0.0);
            }
            for (i, c) in merged(next) {
                m.change_column_cost(cols[i], c);
            }
        }
    }
    let status = if all_optimal && reports.len() == n_stages {
        SolveStatus::Optimal
    } else {
        SolveStatus::StoppedWithPlan { gap: if reports.len() == n_stages { worst_gap } else { f64::NAN } }
    };
    Ok(SolveResult { status, x, stages: reports, seconds: started.elapsed().as_secs_f64() })
}

fn reports_empty() -> Vec<StageReport> {
    Vec::new()
}

/// Writes the model with its first objective component.
pub(crate) fn export(model: &LpModel, path: &std::path::Path) -> Result<(), SolveError> {
    let (pb, _) = build(model, model.objectives.first());
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
