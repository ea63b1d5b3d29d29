//! Solve: the only module that touches HiGHS.
//!
//! ## Layering
//! The formulation builds a solver-independent [`LpModel`]; this module translates it to HiGHS
//! through the `highs` crate rather than through good_lp, because we need what good_lp's HiGHS
//! backend does not give: ranged rows kept as one row, the objective value and MIP gap of a
//! solve, re-solving the same HiGHS model with new costs and an added row (the lexicographic
//! stages), warm starts, and `Highs_writeModel` for model export. good_lp stays a dependency
//! for [`crosscheck`], an independent translation used in tests to confirm the optimum on small
//! models.
//!
//! ## Status, not error
//! Like Clarabel, a solve returns a [`SolveStatus`] — optimal; stopped at a limit with a plan
//! (and its gap); infeasible; no plan before the limit — and errors are kept for broken
//! settings or a HiGHS failure.
//!
//! ## The wall clock
//! HiGHS does not always honour `time_limit` (its heuristics can loop without checking the
//! clock), and a planner's command must never hang. Every solve therefore runs on a fresh OS
//! thread (which also gives HiGHS a fresh thread pool: it fixes its pool per OS thread) and the
//! caller waits at most the limit plus a grace period. A solve that overruns is abandoned: its
//! thread is detached and the best plan of the stages already finished is returned. The CLI
//! exits right after, which ends the thread; a long-lived library user should know that the
//! abandoned thread keeps a core busy until HiGHS returns.

use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::formulation::ir::{LpModel, Objective};

pub mod crosscheck;
mod guided;
mod highs_backend;
pub mod progress;
pub mod relax;

/// Presolve choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Presolve {
    /// HiGHS decides.
    On,
    /// No presolve.
    Off,
}

/// Validated solver settings (build with [`SolverSettings::builder`]). Fields missing from a
/// stored plan take their defaults, so older plan files still load.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SolverSettings {
    /// Wall-clock limit for the whole solve, in seconds.
    pub time_limit: f64,
    /// Relative MIP gap at which a stage stops.
    pub mip_rel_gap: f64,
    /// HiGHS threads per solve.
    pub threads: u32,
    /// HiGHS random seed.
    pub seed: i32,
    /// Presolve.
    pub presolve: Presolve,
    /// Share of effort HiGHS spends on primal heuristics (its default is 0.05; more finds the
    /// good incumbents of these assignment-like models much sooner).
    pub heuristic_effort: f64,
    /// Deterministic budget: branch-and-bound nodes per lexicographic stage. A stage that
    /// reaches it stops with its best plan and reports its gap; unlike the wall-clock limit,
    /// it stops at the same point on every run, so the plan stays byte-identical.
    pub max_nodes: u64,
    /// Relaxation first: solve each stage's LP relaxation, then MIPs restricted to the columns
    /// the relaxation uses or could use at a price within the gap (see `solve::guided`); when
    /// that proves the stage optimal the full branch-and-bound is skipped. Off: the full
    /// search only.
    pub guided: bool,
}

impl Default for SolverSettings {
    fn default() -> Self {
        SolverSettings {
            time_limit: 300.0,
            mip_rel_gap: 0.0,
            threads: 1,
            seed: 0,
            presolve: Presolve::On,
            heuristic_effort: 0.3,
            max_nodes: 200,
            guided: true,
        }
    }
}

/// A setting out of range.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SettingsError {
    /// Time limit not positive or not finite.
    #[error("time limit {0} s is not a positive number of seconds")]
    TimeLimit(f64),
    /// Gap outside 0..1.
    #[error("relative gap {0} is outside 0..1 (e.g. 0.001 for 0.1%)")]
    Gap(f64),
    /// Threads 0 or too many.
    #[error("threads {0} is outside 1..=64")]
    Threads(u32),
    /// Heuristic effort outside 0..1.
    #[error("heuristic effort {0} is outside 0..1")]
    Effort(f64),
    /// Node budget 0.
    #[error("the node budget must be at least 1")]
    Nodes,
}

/// Builder validating [`SolverSettings`].
#[derive(Clone, Debug, Default)]
pub struct SolverSettingsBuilder(SolverSettings);

impl SolverSettings {
    /// Starts a builder from the defaults.
    pub fn builder() -> SolverSettingsBuilder {
        SolverSettingsBuilder(SolverSettings::default())
    }
}

impl SolverSettingsBuilder {
    /// Time limit in seconds.
    pub fn time_limit(mut self, s: f64) -> Self {
        self.0.time_limit = s;
        self
    }
    /// Relative gap.
    pub fn mip_rel_gap(mut self, g: f64) -> Self {
        self.0.mip_rel_gap = g;
        self
    }
    /// Threads.
    pub fn threads(mut self, t: u32) -> Self {
        self.0.threads = t;
        self
    }
    /// Seed.
    pub fn seed(mut self, s: i32) -> Self {
        self.0.seed = s;
        self
    }
    /// Presolve.
    pub fn presolve(mut self, p: Presolve) -> Self {
        self.0.presolve = p;
        self
    }
    /// Heuristic effort (0..=1).
    pub fn heuristic_effort(mut self, e: f64) -> Self {
        self.0.heuristic_effort = e;
        self
    }
    /// Node budget per stage.
    pub fn max_nodes(mut self, n: u64) -> Self {
        self.0.max_nodes = n;
        self
    }
    /// Relaxation first (see [`SolverSettings::guided`]).
    pub fn guided(mut self, on: bool) -> Self {
        self.0.guided = on;
        self
    }
    /// Validates.
    pub fn build(self) -> Result<SolverSettings, SettingsError> {
        let s = self.0;
        if !(s.time_limit.is_finite() && s.time_limit > 0.0) {
            return Err(SettingsError::TimeLimit(s.time_limit));
        }
        if !(0.0..1.0).contains(&s.mip_rel_gap) {
            return Err(SettingsError::Gap(s.mip_rel_gap));
        }
        if s.threads == 0 || s.threads > 64 {
            return Err(SettingsError::Threads(s.threads));
        }
        if !(0.0..=1.0).contains(&s.heuristic_effort) {
            return Err(SettingsError::Effort(s.heuristic_effort));
        }
        if s.max_nodes == 0 {
            return Err(SettingsError::Nodes);
        }
        Ok(s)
    }
}

/// How a solve ended.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SolveStatus {
    /// Every stage proven optimal.
    Optimal,
    /// Stopped at a limit (time or node budget) with a plan; `gap` is the largest relative gap
    /// of a stage.
    StoppedWithPlan {
        /// Relative gap.
        gap: f64,
    },
    /// The hard rules cannot all hold.
    Infeasible,
    /// The limit passed before any plan was found.
    NoPlanBeforeLimit,
}

/// One lexicographic stage's result.
#[derive(Clone, Debug, serde::Serialize)]
pub struct StageReport {
    /// Component name.
    pub name: &'static str,
    /// Value reached.
    pub value: f64,
    /// Relative gap of the stage.
    pub gap: f64,
    /// Proven optimal.
    pub optimal: bool,
    /// Seconds.
    pub seconds: f64,
}

/// A solve's result.
#[derive(Clone, Debug)]
pub struct SolveResult {
    /// Status.
    pub status: SolveStatus,
    /// Column values (empty without a plan).
    pub x: Vec<f64>,
    /// Stages run.
    pub stages: Vec<StageReport>,
    /// Wall-clock seconds.
    pub seconds: f64,
}

impl SolveResult {
    /// Whether a plan came back.
    pub fn has_plan(&self) -> bool {
        !self.x.is_empty()
    }
}

/// A HiGHS failure (not an infeasibility).
#[derive(Debug, thiserror::Error)]
pub enum SolveError {
    /// HiGHS refused the model or an option.
    #[error("HiGHS failed: {0}")]
    Highs(String),
    /// Writing the model failed.
    #[error("could not write the model to {path}: {reason}")]
    Export {
        /// Path.
        path: String,
        /// Why.
        reason: String,
    },
}

/// Solves a model lexicographically: each objective component in order, fixing the previous
/// ones at their optimum. Runs on a fresh thread under a wall-clock watchdog.
pub fn solve(model: &LpModel, settings: &SolverSettings) -> Result<SolveResult, SolveError> {
    solve_from(model, settings, None)
}

/// Like [`solve`], with a starting point (warm start) when one is known.
pub fn solve_from(
    model: &LpModel,
    settings: &SolverSettings,
    start: Option<Vec<f64>>,
) -> Result<SolveResult, SolveError> {
    let started = Instant::now();
    let (tx, rx) = mpsc::channel();
    let model = model.clone();
    let st = settings.clone();
    let deadline = started + Duration::from_secs_f64(settings.time_limit);
    std::thread::Builder::new()
        .name("rotaplan-highs".into())
        .spawn(move || {
            let _ = highs_backend::run_stages(&model, &st, deadline, start, &tx);
        })
        .map_err(|e| SolveError::Highs(format!("cannot start the solver thread: {e}")))?;
    // grace: HiGHS normally stops itself at the limit; allow it a little to report
    let grace = Duration::from_secs_f64((settings.time_limit * 0.1).clamp(1.0, 10.0));
    let mut last: Option<highs_backend::Progress> = None;
    loop {
        let remaining = (deadline + grace).saturating_duration_since(Instant::now());
        match rx.recv_timeout(remaining) {
            Ok(highs_backend::Message::Stage(p)) => last = Some(p),
            Ok(highs_backend::Message::Done(r)) => {
                let mut r = r?;
                r.seconds = started.elapsed().as_secs_f64();
                return Ok(r);
            }
            Err(_) => break,
        }
    }
    // watchdog fired: report what the finished stages gave
    let seconds = started.elapsed().as_secs_f64();
    Ok(match last {
        Some(p) => {
            SolveResult { status: SolveStatus::StoppedWithPlan { gap: f64::NAN }, x: p.x, stages: p.stages, seconds }
        }
        None => SolveResult { status: SolveStatus::NoPlanBeforeLimit, x: vec![], stages: vec![], seconds },
    })
}

/// Solves the model with some columns fixed (`Some(value)` in `fixed`), as in a neighbourhood
/// of an earlier plan: the fixed columns are substituted out before HiGHS sees the model
/// ([`LpModel::fixing`]), so a re-solve of one part of a plan costs a fraction of a full
/// solve. The point comes back over the original columns, and each stage's value is its
/// component's value at that point (constants of the fixed part included).
pub fn solve_fixed(
    model: &LpModel,
    settings: &SolverSettings,
    fixed: &[Option<f64>],
) -> Result<SolveResult, SolveError> {
    let reduced = model.fixing(fixed);
    let mut r = solve_from(&reduced.model, settings, None)?;
    if r.has_plan() {
        r.x = reduced.expand(&r.x);
        for (stage, o) in r.stages.iter_mut().zip(&model.objectives) {
            stage.value = o.value_at(&r.x);
        }
    }
    Ok(r)
}

/// Writes the model (first objective component) in LP or MPS format, by the file's extension.
pub fn export_model(model: &LpModel, path: &std::path::Path) -> Result<(), SolveError> {
    highs_backend::export(model, path)
}

/// Value of an objective component at a point.
pub fn component_value(o: &Objective, x: &[f64]) -> f64 {
    o.value_at(x)
}
