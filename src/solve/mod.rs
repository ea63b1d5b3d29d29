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
//! A planner's command must end on time. Every HiGHS run gets an interrupt callback that reads
//! one shared [`Clock`]: the deadline counted from the start of the *command* (not of each
//! solve), and a cancel flag that Ctrl-C sets. Every solve of one command — the stages, the
//! alternatives solved in parallel, the "why not" re-solves — shares that clock, so the limit
//! holds for the whole command and a stopped solve returns its best plan so far, with a status
//! that says why it stopped. As a backstop (HiGHS checks the callback at its own pace), the
//! caller waits at most the limit plus a grace of `max(0.5 s, 10 %)` before abandoning a
//! solve that still runs.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use crate::formulation::ir::{LpModel, Objective};

mod face;
mod guided;
mod highs_backend;
mod instance;
mod lp_chain;
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

/// The deadline and cancel flag shared by every solve of one command.
#[derive(Clone, Debug)]
pub struct Clock {
    deadline: Instant,
    cancel: Arc<AtomicBool>,
}

impl Clock {
    /// A clock whose limit counts from `start`.
    pub fn starting_at(start: Instant, seconds: f64) -> Clock {
        let limit = Duration::try_from_secs_f64(seconds.max(0.0)).unwrap_or(Duration::from_secs(86_400 * 365));
        let deadline = start.checked_add(limit).unwrap_or_else(|| start + Duration::from_secs(86_400 * 365));
        Clock { deadline, cancel: Arc::new(AtomicBool::new(false)) }
    }

    /// A clock whose limit counts from now.
    pub fn new(seconds: f64) -> Clock {
        Clock::starting_at(Instant::now(), seconds)
    }

    /// Asks every solve on this clock to stop (Ctrl-C).
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::SeqCst);
    }

    /// Whether the solves should stop now.
    pub fn expired(&self) -> bool {
        self.cancel.load(Ordering::SeqCst) || Instant::now() >= self.deadline
    }

    /// Whether it was cancelled (rather than timed out).
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }

    /// Seconds left (0 when expired).
    pub fn remaining(&self) -> f64 {
        if self.cancelled() {
            return 0.0;
        }
        self.deadline.saturating_duration_since(Instant::now()).as_secs_f64()
    }

    /// A clock for part of the work: it runs out after `seconds` or when this one does,
    /// whichever comes first, and is cancelled with it (Ctrl-C stops both).
    pub fn within(&self, seconds: f64) -> Clock {
        let part = Clock::new(seconds);
        Clock { deadline: part.deadline.min(self.deadline), cancel: Arc::clone(&self.cancel) }
    }

    /// The deadline.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }
}

impl PartialEq for Clock {
    fn eq(&self, _: &Clock) -> bool {
        true
    }
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
    /// The command's clock (not recorded): when absent, each solve counts `time_limit` from
    /// its own start.
    #[serde(skip)]
    pub clock: Option<Clock>,
}

impl SolverSettings {
    /// The clock of a solve starting now: the command's, or a new one.
    pub fn clock(&self) -> Clock {
        self.clock.clone().unwrap_or_else(|| Clock::new(self.time_limit))
    }
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
            clock: None,
        }
    }
}

/// A setting out of range.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SettingsError {
    /// Time limit not positive, not finite, or above 10⁶ s.
    #[error(
        "time limit {0} s is out of range: give a number of seconds above 0 and at most 1000000 (about 11.5 days)"
    )]
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
    /// Validates. The time limit must lie in 0 < t ≤ 10⁶ s (about 11.5 days): a larger one
    /// would overflow the deadline arithmetic (`--time-limit 1e19` used to panic).
    pub fn build(self) -> Result<SolverSettings, SettingsError> {
        const MAX_TIME_LIMIT: f64 = 1e6;
        let s = self.0;
        if !(s.time_limit.is_finite() && s.time_limit > 0.0 && s.time_limit <= MAX_TIME_LIMIT) {
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

/// Why a solve stopped before proving its plan optimal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    /// The wall-clock limit (`--time-limit`): not reproducible.
    TimeLimit,
    /// The deterministic node budget (`--max-nodes`): reproducible.
    NodeLimit,
    /// Within the relative gap asked for (`--gap`).
    GapReached,
    /// HiGHS ended its search calling it optimal (or infeasible), but its answer failed our
    /// own check, also after a search without the warm start: the best point that passes is
    /// kept, with the gap measured against HiGHS's bound.
    Unverified,
    /// Interrupted (Ctrl-C).
    Interrupted,
}

/// How a solve ended.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum SolveStatus {
    /// Every stage proven optimal.
    Optimal,
    /// Stopped with a plan before proving it optimal; `gap` is the largest relative gap of a
    /// stage to its bound, when every stage's bound is known (never invented).
    StoppedWithPlan {
        /// Relative gap, when known.
        gap: Option<f64>,
        /// Why it stopped.
        reason: StopReason,
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
    /// Best known upper bound on the stage's optimum (maximised), when known.
    pub bound: Option<f64>,
    /// Relative gap of the stage to its bound, when the bound is known.
    pub gap: Option<f64>,
    /// Proven optimal.
    pub optimal: bool,
    /// Why the stage stopped unproven.
    pub stop: Option<StopReason>,
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
/// ones at their optimum, on the settings' clock.
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
    let clock = settings.clock();
    let (tx, rx) = mpsc::channel();
    let model = model.clone();
    let st = settings.clone();
    let thread_clock = clock.clone();
    std::thread::Builder::new()
        .name("rotaplan-highs".into())
        .spawn(move || {
            let _ = highs_backend::run_stages(&model, &st, &thread_clock, start, &tx);
        })
        .map_err(|e| SolveError::Highs(format!("cannot start the solver thread: {e}")))?;
    // backstop: HiGHS stops itself through the interrupt callback; allow it a little to report
    let total = clock.deadline().saturating_duration_since(started).as_secs_f64();
    let grace = Duration::from_secs_f64((total * 0.1).clamp(0.3, 10.0));
    let mut last: Option<highs_backend::Progress> = None;
    loop {
        let remaining = if clock.cancelled() {
            grace
        } else {
            (clock.deadline() + grace).saturating_duration_since(Instant::now())
        };
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
    // the backstop fired: report what the finished stages gave
    let seconds = started.elapsed().as_secs_f64();
    let reason = if clock.cancelled() { StopReason::Interrupted } else { StopReason::TimeLimit };
    Ok(match last {
        Some(p) => SolveResult {
            status: SolveStatus::StoppedWithPlan { gap: None, reason },
            x: p.x,
            stages: p.stages,
            seconds,
        },
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

/// A full starting point from the values of the assignment and release columns (`assigned`
/// gives 1 or 0 per such column): each indicator takes the largest value its defining rows
/// allow (a child locality meets a predicate, a team has a tier) and each target slack the
/// least its row allows. Used to hand an earlier plan to a related model (the alternatives
/// start from plan 1); the solver checks the point against every row and uses it only if it
/// is feasible, so a start that does not fit the new model costs nothing but the check.
pub fn start_point(model: &LpModel, assigned: impl Fn(&crate::formulation::ir::VarKind) -> f64) -> Vec<f64> {
    let mut x: Vec<f64> = model.cols.iter().map(|c| assigned(&c.kind)).collect();
    highs_backend::raise_indicators(model, &mut x, |_| true);
    highs_backend::tighten_slacks(model, x)
}

/// Writes the model (first objective component) in LP or MPS format, by the file's extension,
/// with the columns and rows named when `names` are given
/// ([`crate::formulation::names::model_names`]).
pub fn export_model(
    model: &LpModel,
    names: Option<&crate::formulation::names::ModelNames>,
    path: &std::path::Path,
) -> Result<(), SolveError> {
    highs_backend::export(model, names, path)
}

/// Value of an objective component at a point.
pub fn component_value(o: &Objective, x: &[f64]) -> f64 {
    o.value_at(x)
}
