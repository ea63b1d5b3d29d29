//! Plans: the solver's answer (or a planner's hand-drafted one) as data, `plan.json`.
//!
//! A plan records everything needed to reproduce and audit it: the sha256 digests of the
//! scenario and policy, rotaplan's version, the settings and pins, the status and gap, every
//! planned post's holder before and after, every move with its kind and the rules it serves,
//! vacancies, the table of every rule instance (required, achieved, met, clause), and the
//! objective by component. Figures in the target table and objective come from the
//! independent [`crate::check`]er run on the assignment, never from solver internals. Timings
//! are left out so that the same inputs give a byte-identical file.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::check::{check, Assignment, CheckReport, ViolationSubject};
use crate::formulation::ir::VarKind;
use crate::formulation::{Formulation, FormulationSettings, MoveKind, Pins, RuleRef};
use crate::model::*;
use crate::solve::{relax, SolveError, SolveStatus, SolverSettings};

pub mod purpose;

pub use purpose::Purpose;

/// How a plan came about and what is proven of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    /// Every stage proven optimal.
    Optimal,
    /// A regional alternative: optimal among the plans that keep the rest of plan 1; `gap`
    /// bounds its distance to the best plan.
    OptimalInNeighbourhood,
    /// Stopped before proving its plan optimal (`stop` says why, `gap` how far, when known).
    StoppedWithPlan,
    /// The hard rules cannot all hold (`infeasibility` says which had to give).
    Infeasible,
    /// The time limit passed before any plan was found.
    NoPlanBeforeLimit,
    /// Drafted by hand.
    #[default]
    Hand,
}

impl PlanStatus {
    /// Stable code.
    pub fn as_str(&self) -> &'static str {
        match self {
            PlanStatus::Optimal => "optimal",
            PlanStatus::OptimalInNeighbourhood => "optimal_in_neighbourhood",
            PlanStatus::StoppedWithPlan => "stopped_with_plan",
            PlanStatus::Infeasible => "infeasible",
            PlanStatus::NoPlanBeforeLimit => "no_plan_before_limit",
            PlanStatus::Hand => "hand",
        }
    }
}

impl std::fmt::Display for PlanStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for PlanStatus {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for PlanStatus {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

/// One lexicographic stage of the solve: the value reached, the best bound known and whether
/// the value is proven optimal (values at integer points, so the same inputs give the same
/// rows; timings are left out).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StageRow {
    /// Component name.
    pub name: String,
    /// Value reached (maximised).
    pub value: f64,
    /// Best known upper bound, when known.
    pub bound: Option<f64>,
    /// Relative gap to the bound, when known.
    pub gap: Option<f64>,
    /// Proven optimal.
    pub proven: bool,
}
pub mod io;

/// The format tag of plan files.
pub const PLAN_FORMAT: &str = "rotaplan-plan/1";

/// A reference to an input file.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InputRef {
    /// Name (scenario name, policy id).
    pub name: String,
    /// sha256 of the file (hex).
    pub sha256: String,
}

/// Pins as codes.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PinCodes {
    /// `cadre=post` pairs forced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub force: Vec<String>,
    /// `cadre=post` pairs forbidden.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbid: Vec<String>,
    /// Cadres kept in place.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keep: Vec<String>,
    /// Posts left vacant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vacant: Vec<String>,
    /// The cadres of `keep` held in place by the policy's minimum rotation length
    /// (`general.min_rotation_months`), not by the planner: `rotaplan roadmap` keeps a cadre
    /// it rotated in an earlier year until that length has passed. The model reads them as
    /// any other keep; `explain` and `compare` cite the rule instead of the
    /// planner. A code here that is not in `keep` is no keep and is ignored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub min_rotation: Vec<String>,
}

impl PinCodes {
    /// The cadres of `keep` that are minimum-rotation keeps (see `min_rotation`), resolved
    /// against `s`; codes that name no cadre or no keep are left out.
    pub fn min_rotation_keeps(&self, s: &Scenario) -> std::collections::BTreeSet<CadreId> {
        self.min_rotation
            .iter()
            .filter(|code| self.keep.iter().any(|k| k.trim() == code.trim()))
            .filter_map(|code| s.cadre_by_code(code.trim()))
            .collect()
    }

    /// The recorded form of every pin (`force C01=P-305-BT`, `keep C07`,
    /// `keep_min_rotation C07`, ...), as the explain views and the comparison list them.
    pub fn recorded(&self) -> Vec<String> {
        let mut out = Vec::new();
        out.extend(self.force.iter().map(|x| format!("force {x}")));
        out.extend(self.forbid.iter().map(|x| format!("forbid {x}")));
        for x in &self.keep {
            let held = self.min_rotation.iter().any(|m| m.trim() == x.trim());
            out.push(format!("{} {x}", if held { KEEP_MIN_ROTATION } else { "keep" }));
        }
        out.extend(self.vacant.iter().map(|x| format!("vacant {x}")));
        out
    }

    /// Converts typed pins to codes.
    pub fn from_pins(s: &Scenario, pins: &Pins) -> Self {
        let pair = |(c, p): &(CadreId, PostId)| format!("{}={}", s.cadre(*c).code, s.post(*p).code);
        PinCodes {
            force: pins.force.iter().map(pair).collect(),
            forbid: pins.forbid.iter().map(pair).collect(),
            keep: pins.keep.iter().map(|c| s.cadre(*c).code.clone()).collect(),
            vacant: pins.vacant.iter().map(|p| s.post(*p).code.clone()).collect(),
            min_rotation: Vec::new(),
        }
    }

    /// Resolves codes to typed pins; every unknown code and every text that is not a
    /// `CADRE=POST` pair is reported, located by list and index.
    pub fn to_pins(&self, s: &Scenario) -> Result<Pins, Vec<PinProblem>> {
        let mut problems = Vec::new();
        let mut pins = Pins::default();
        let mut at = |list: PinList, index: usize, what: PinWhat| problems.push(PinProblem { list, index, what });
        let cadre = |code: &str| s.cadre_by_code(code.trim()).ok_or_else(|| unknown_code(s, CodeKind::Cadre, code));
        let post = |code: &str| s.post_by_code(code.trim()).ok_or_else(|| unknown_code(s, CodeKind::Post, code));
        for (list, texts) in [(PinList::Force, &self.force), (PinList::Forbid, &self.forbid)] {
            for (i, text) in texts.iter().enumerate() {
                let Some((c, p)) = text.split_once('=') else {
                    at(list, i, PinWhat::NotAPair { text: text.clone() });
                    continue;
                };
                match (cadre(c), post(p)) {
                    (Ok(c), Ok(p)) => match list {
                        PinList::Force => pins.force.push((c, p)),
                        _ => pins.forbid.push((c, p)),
                    },
                    (c, p) => {
                        for what in [c.err(), p.err()].into_iter().flatten() {
                            at(list, i, what);
                        }
                    }
                }
            }
        }
        for (i, text) in self.keep.iter().enumerate() {
            match cadre(text) {
                Ok(c) => pins.keep.push(c),
                Err(what) => at(PinList::Keep, i, what),
            }
        }
        for (i, text) in self.vacant.iter().enumerate() {
            match post(text) {
                Ok(p) => pins.vacant.push(p),
                Err(what) => at(PinList::Vacant, i, what),
            }
        }
        if problems.is_empty() {
            Ok(pins)
        } else {
            Err(problems)
        }
    }
}

/// What kind of code a planner named.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeKind {
    /// A cadre's code (or full name).
    Cadre,
    /// A post's code.
    Post,
    /// A rule id of the policy.
    Rule,
    /// A subject of a rule: a locality, a team, a cadre, or `*`.
    Subject,
}

impl std::fmt::Display for CodeKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            CodeKind::Cadre => "cadre",
            CodeKind::Post => "post",
            CodeKind::Rule => "rule",
            CodeKind::Subject => "subject",
        })
    }
}

/// " (did you mean 'X'?)", or nothing.
fn hint_en(suggestion: &Option<String>) -> String {
    suggestion.as_ref().map(|h| format!(" (did you mean '{h}'?)")).unwrap_or_default()
}

/// An unknown cadre or post code, with the closest known code.
fn unknown_code(s: &Scenario, what: CodeKind, code: &str) -> PinWhat {
    let t = code.trim();
    let suggestion = match what {
        CodeKind::Post => crate::model::diag::did_you_mean(t, s.posts.iter().map(|p| p.code.as_str())),
        _ => crate::model::diag::did_you_mean(t, s.cadres.iter().map(|c| c.code.as_str())),
    }
    .map(str::to_string);
    PinWhat::Unknown { what, code: t.to_string(), suggestion }
}

/// Which list of pins: the flag of `solve` (and `roadmap`), and the field of `settings.pins`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PinList {
    /// `--pin`, `settings.pins.force`.
    Force,
    /// `--forbid`, `settings.pins.forbid`.
    Forbid,
    /// `--keep`, `settings.pins.keep`.
    Keep,
    /// `--vacant`, `settings.pins.vacant`.
    Vacant,
}

impl PinList {
    /// The command-line flag.
    pub fn flag(self) -> &'static str {
        match self {
            PinList::Force => "--pin",
            PinList::Forbid => "--forbid",
            PinList::Keep => "--keep",
            PinList::Vacant => "--vacant",
        }
    }

    /// The field of a plan's `settings.pins`.
    pub fn field(self) -> &'static str {
        match self {
            PinList::Force => "force",
            PinList::Forbid => "forbid",
            PinList::Keep => "keep",
            PinList::Vacant => "vacant",
        }
    }
}

/// What is wrong with one pin.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum PinWhat {
    /// A cadre or post code the scenario does not have.
    Unknown {
        /// Cadre or post.
        what: CodeKind,
        /// The code given.
        code: String,
        /// The closest known code.
        suggestion: Option<String>,
    },
    /// A `--pin` or `--forbid` without `=`.
    NotAPair {
        /// The text given.
        text: String,
    },
}

/// One pin that cannot be resolved against the scenario: which list, which entry, what is
/// wrong. The English `Display` is for logs; [`crate::explain::words::pin_problem`] words it
/// for a planner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}", match &.what {
    PinWhat::Unknown { what, code, suggestion } => format!("unknown {what} '{code}'{}", hint_en(suggestion)),
    PinWhat::NotAPair { text } => format!("'{text}' is not a pair: write CADRE=POST, e.g. C000123=P-311-PCT1"),
})]
pub struct PinProblem {
    /// The list.
    pub list: PinList,
    /// The entry's index in it (0-based).
    pub index: usize,
    /// What is wrong.
    pub what: PinWhat,
}

impl PinProblem {
    /// The JSON path of the entry in a plan: `settings.pins.force[0]`.
    pub fn json_path(&self) -> String {
        format!("settings.pins.{}[{}]", self.list.field(), self.index)
    }
}

/// One entry of a plan document that does not fit the scenario: a code it does not have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}: unknown {what} '{code}'{}", self.json_path(), hint_en(.suggestion))]
pub struct PlanProblem {
    /// Where in the plan.
    pub field: PlanField,
    /// The entry's index in its list (0-based).
    pub index: usize,
    /// Cadre or post.
    pub what: CodeKind,
    /// The code written.
    pub code: String,
    /// The closest known code (for the first problems only: a plan of another scenario has
    /// hundreds).
    pub suggestion: Option<String>,
}

/// The field of a plan an entry is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanField {
    /// `posts[i].post`: a planned post.
    Post,
    /// `posts[i].after`: its holder after the plan.
    After,
    /// `released[i]`: a cadre released.
    Released,
}

impl PlanProblem {
    /// The JSON path: `posts[3].post`.
    pub fn json_path(&self) -> String {
        match self.field {
            PlanField::Post => format!("posts[{}].post", self.index),
            PlanField::After => format!("posts[{}].after", self.index),
            PlanField::Released => format!("released[{}]", self.index),
        }
    }
}

/// Suggestions are looked for only for this many problems of a plan.
const SUGGEST_FIRST: usize = 20;

/// The settings a plan was made with.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSettings {
    /// Solver settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<serde_json::Value>")]
    pub solver: Option<SolverSettings>,
    /// Pins.
    #[serde(default)]
    pub pins: PinCodes,
    /// sha256 of the earlier plan this one stays close to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_plan: Option<String>,
    /// How this alternative came about: an emphasis (`balanced`, `rejuvenation`, `stability`,
    /// `non_locality`), `region:<district code>` or `region:city` for a regional re-plan of
    /// plan 1, or `no_good:<n>` for a whole-model plan differing from the n plans before it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emphasis: Option<String>,
    /// The order of the objective's priorities used (`targets`, `disruption`, `suitability`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<String>,
    /// A compromise's price of a move: it maximised `per·suitability + points·disruption`
    /// right after the targets (see `formulation::objective`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub move_price: Option<crate::formulation::MovePrice>,
}

/// One planned post before and after.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostRow {
    /// Post code.
    pub post: String,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Holder before (cadre code).
    #[serde(default)]
    pub before: Option<String>,
    /// Holder after (cadre code).
    #[serde(default)]
    pub after: Option<String>,
    /// Name of the holder after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_name: Option<String>,
}

/// One cadre's move.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MoveRow {
    /// Cadre code.
    pub cadre: String,
    /// Name.
    pub name: String,
    /// Post before (code).
    pub from: Option<String>,
    /// Post after (code); absent for a release.
    pub to: Option<String>,
    /// `stays`, `rotates`, `reinforcement`, `appointment` or `release`.
    pub kind: String,
    /// Why the move is made (absent for a stay): see [`purpose`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub purpose: Option<Purpose>,
    /// Rule ids whose count changes because of this move (or the rule that forces it).
    pub serves: Vec<String>,
    /// For `makes_room` and `fills_post`: the cadre whose move this one follows from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub because_of: Option<String>,
}

/// One row of the rule table.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TargetRow {
    /// Rule id.
    pub rule: String,
    /// Clause.
    pub clause: String,
    /// Subject code (locality, team, cadre; `*` for the whole scenario).
    pub subject: String,
    /// Subject name.
    pub subject_name: String,
    /// What is counted.
    pub measure: String,
    /// Required minimum count.
    pub required_min: Option<f64>,
    /// Required maximum count.
    pub required_max: Option<f64>,
    /// Denominator of a share.
    pub denominator: Option<usize>,
    /// Achieved count.
    pub achieved: f64,
    /// Met.
    pub met: bool,
    /// Distance outside the band.
    pub shortfall: f64,
    /// Hard at this milestone.
    pub hard: bool,
}

/// A broken hard rule.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ViolationRow {
    /// Rule id.
    pub rule: String,
    /// Clause.
    pub clause: String,
    /// Subject code.
    pub subject: String,
    /// What is wrong.
    pub detail: String,
}

/// One hard rule that had to give in a feasibility relaxation.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RelaxedRow {
    /// Rule id.
    pub rule: String,
    /// Clause.
    pub clause: String,
    /// Subject code.
    pub subject: String,
    /// Subject name.
    pub subject_name: String,
    /// By how much it had to give.
    pub shortfall: f64,
    /// Over its upper bound (else under its lower bound).
    pub over: bool,
    /// The facts behind it (closest candidates and why they fail), rendered in English; the
    /// explain command renders them in Vietnamese too.
    pub facts: Vec<String>,
}

/// The objective by component.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveRow {
    /// Weighted shortfall of targets.
    pub target_shortfall: f64,
    /// Suitability points.
    pub suitability: u32,
    /// Preference points (included in suitability).
    pub preference: u32,
    /// Moves.
    pub moves: usize,
    /// Vacant non-key posts.
    pub priced_vacancies: usize,
    /// Extra (supernumerary) vice-chair seats used.
    #[serde(default)]
    pub extra_seats: usize,
    /// Moves with no purpose the plan can name.
    #[serde(default)]
    pub discretionary_moves: usize,
    /// Moves (placements that are not stays, and releases) by purpose code.
    #[serde(default)]
    pub moves_by_purpose: BTreeMap<String, usize>,
}

/// Which run made a plan, and its place in the set that run wrote (`--plans K` writes a set of
/// K plans; a single plan is a set of one).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RunRef {
    /// sha256 (hex) of the run's inputs, settings and request: the same command on the same
    /// inputs has the same id.
    pub id: String,
    /// Place in the set, from 1 (the rank).
    pub index: usize,
    /// Number of plans in the set.
    pub size: usize,
}

/// A placement plan (`plan.json`).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// `rotaplan-plan/1`.
    pub format: String,
    /// rotaplan version that made it (`hand` for hand-drafted plans).
    #[serde(default)]
    pub rotaplan_version: String,
    /// The scenario.
    #[serde(default)]
    pub scenario: InputRef,
    /// The policy.
    #[serde(default)]
    pub policy: InputRef,
    /// Milestone.
    #[serde(default)]
    pub milestone: String,
    /// Settings.
    #[serde(default)]
    pub settings: PlanSettings,
    /// The run and set this plan belongs to (absent for hand-drafted plans).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub run: Option<RunRef>,
    /// The plan's number among the alternatives it was made with: its rank, 1 for the best
    /// (`rotaplan solve --plans` writes it as `plan-<number>.json`). Reports and comparisons
    /// call it "Phương án <number>". Absent for a single plan and a hand-drafted one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<usize>,
    /// What is proven of the plan.
    #[serde(default)]
    pub status: PlanStatus,
    /// Why it stopped unproven (`stopped_with_plan`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<crate::solve::StopReason>,
    /// Relative gap when not proven, when known (never invented).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<f64>,
    /// The solve's stages, in priority order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stages: Vec<StageRow>,
    /// Every planned post.
    #[serde(default)]
    pub posts: Vec<PostRow>,
    /// Incumbents released from the planned posts (cadre codes).
    #[serde(default)]
    pub released: Vec<String>,
    /// Every placement and release.
    #[serde(default)]
    pub moves: Vec<MoveRow>,
    /// Vacant planned posts (codes).
    #[serde(default)]
    pub vacancies: Vec<String>,
    /// Every rule instance.
    #[serde(default)]
    pub targets: Vec<TargetRow>,
    /// Broken hard rules (empty for a solver plan).
    #[serde(default)]
    pub violations: Vec<ViolationRow>,
    /// Objective.
    #[serde(default)]
    pub objective: ObjectiveRow,
    /// When infeasible: the hard rules that had to give.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub infeasibility: Vec<RelaxedRow>,
    /// How the plan came about, among alternatives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<crate::alternatives::Origin>,
    /// What it trades against plan 1 (alternatives after the first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tradeoff: Option<crate::alternatives::Tradeoff>,
    /// Posts where other candidates give exactly the same plan (ties, not alternatives).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interchangeable: Vec<crate::alternatives::interchangeable::Choice>,
}

/// What to plan.
pub struct PlanRequest<'a> {
    /// Scenario.
    pub scenario: &'a Scenario,
    /// Policy.
    pub policy: &'a Policy,
    /// Digests.
    pub scenario_ref: InputRef,
    /// Policy digest.
    pub policy_ref: InputRef,
    /// Formulation settings.
    pub formulation: FormulationSettings,
    /// Solver settings.
    pub solver: SolverSettings,
    /// Digest of the earlier plan (`--from`), recorded.
    pub from_plan: Option<String>,
    /// Emphasis name, recorded.
    pub emphasis: Option<String>,
}

impl<'a> PlanRequest<'a> {
    /// The policy's own plan of `scenario`: default formulation and solver settings, no earlier
    /// plan, no emphasis, and no input digests recorded (set `scenario_ref` and `policy_ref`
    /// to record them).
    pub fn new(scenario: &'a Scenario, policy: &'a Policy) -> PlanRequest<'a> {
        PlanRequest {
            scenario,
            policy,
            scenario_ref: InputRef::default(),
            policy_ref: InputRef::default(),
            formulation: FormulationSettings::default(),
            solver: SolverSettings::default(),
            from_plan: None,
            emphasis: None,
        }
    }
}

/// The rule id of a pin's row (`--pin`, `--forbid`, `--keep`, and the roadmap's
/// minimum-rotation keeps, which the model encodes as keeps).
pub const PIN_RULE_ID: &str = "pin";

/// The recorded verb of a minimum-rotation keep (see [`PinCodes::min_rotation`]).
pub const KEEP_MIN_ROTATION: &str = "keep_min_rotation";

/// Names a rule reference.
pub fn rule_id(policy: &Policy, r: RuleRef) -> (String, String) {
    match r {
        RuleRef::Policy(i) => (policy.rules[i].id.clone(), policy.rules[i].clause.clone()),
        RuleRef::Capacity => ("capacity".into(), policy.general.structural_clause.clone()),
        RuleRef::KeyPostFilled => ("key-post-filled".into(), policy.general.structural_clause.clone()),
        RuleRef::Continuity => ("continuity".into(), policy.general.structural_clause.clone()),
        RuleRef::Pin => (PIN_RULE_ID.into(), "planner's decision".into()),
        RuleRef::Scope => ("district-scope".into(), "09-KL/TU §3.6".into()),
        RuleRef::Supernumerary => ("supernumerary-slot".into(), "NĐ 08/2016/NĐ-CP; 09-KL/TU §2.3(2)".into()),
        RuleRef::PoolAdmission => ("pool-admission".into(), "QĐ 50-QĐ/TW (2021)".into()),
        RuleRef::Tradeoff => ("tradeoff".into(), "rotaplan: alternative".into()),
    }
}

/// Code and name of a subject.
pub fn subject_names(s: &Scenario, v: ViolationSubject) -> (String, String) {
    match v {
        ViolationSubject::Post(p) => (s.post(p).code.clone(), s.post(p).title.clone()),
        ViolationSubject::Cadre(c) => (s.cadre(c).code.clone(), s.cadre(c).name.clone()),
        ViolationSubject::Locality(l) => (s.locality(l).code.clone(), s.locality(l).name.clone()),
        ViolationSubject::Team(t) => (s.team(t).code.clone(), s.team(t).name.clone()),
        ViolationSubject::Unit(u) => (s.unit(u).code.clone(), s.unit(u).name.clone()),
        ViolationSubject::Whole => ("*".into(), s.name.clone()),
    }
}

/// Converts a formulation subject.
pub fn from_subject(x: crate::formulation::Subject) -> ViolationSubject {
    use crate::formulation::Subject as S;
    match x {
        S::Whole => ViolationSubject::Whole,
        S::Locality(l) => ViolationSubject::Locality(l),
        S::Post(p) | S::Pair(_, p) => ViolationSubject::Post(p),
        S::Cadre(c) => ViolationSubject::Cadre(c),
        S::Team(t) => ViolationSubject::Team(t),
        S::Unit(u) => ViolationSubject::Unit(u),
    }
}

/// Reads the assignment out of a solution.
pub fn assignment_from_solution(f: &Formulation<'_>, x: &[f64]) -> Assignment {
    let mut a = Assignment::default();
    for (i, col) in f.model.cols.iter().enumerate() {
        if x.get(i).copied().unwrap_or(0.0) < 0.5 {
            continue;
        }
        match col.kind {
            VarKind::Assign(c, p) => {
                a.holder.insert(p, c);
            }
            VarKind::Release(c) => {
                a.released.insert(c);
            }
            _ => {}
        }
    }
    a
}

/// Builds a plan document from an assignment and its check report.
pub fn plan_document(
    s: &Scenario,
    policy: &Policy,
    milestone: &str,
    a: &Assignment,
    report: &CheckReport,
    head: Plan,
) -> Plan {
    let mut plan = head;
    plan.format = PLAN_FORMAT.into();
    plan.milestone = milestone.to_string();
    let facts = Facts::new(s, policy);
    plan.posts = s
        .post_ids()
        .filter(|p| facts.is_planned_post(*p))
        .map(|p| {
            let after = a.holder.get(&p).copied();
            PostRow {
                post: s.post(p).code.clone(),
                title: s.post(p).title.clone(),
                before: s.post(p).holder.map(|c| s.cadre(c).code.clone()),
                after: after.map(|c| s.cadre(c).code.clone()),
                after_name: after.map(|c| s.cadre(c).name.clone()),
            }
        })
        .collect();
    plan.released = a.released.iter().map(|c| s.cadre(*c).code.clone()).collect();
    let pins = plan.settings.pins.to_pins(s).unwrap_or_default();
    let judge = crate::formulation::Judge::new(s, policy);
    let why = purpose::purposes(s, policy, &judge, a, report, &pins);
    plan.moves = report
        .moves
        .iter()
        .map(|m| {
            let w = why.get(&m.cadre).filter(|_| m.kind != Some(MoveKind::Stays));
            MoveRow {
                cadre: s.cadre(m.cadre).code.clone(),
                name: s.cadre(m.cadre).name.clone(),
                from: m.from.map(|p| s.post(p).code.clone()),
                to: m.to.map(|p| s.post(p).code.clone()),
                kind: move_kind_code(m.kind).into(),
                purpose: w.map(|w| w.purpose),
                serves: w.map(|w| w.serves.iter().map(|i| policy.rules[*i].id.clone()).collect()).unwrap_or_default(),
                because_of: w.and_then(|w| w.because_of).map(|c| s.cadre(c).code.clone()),
            }
        })
        .collect();
    plan.vacancies = report.vacancies.iter().map(|p| s.post(*p).code.clone()).collect();
    plan.targets = report
        .targets
        .iter()
        .map(|t| {
            let (subject, subject_name) = subject_names(s, t.subject);
            TargetRow {
                rule: policy.rules[t.rule].id.clone(),
                clause: policy.rules[t.rule].clause.clone(),
                subject,
                subject_name,
                measure: t.measure.into(),
                required_min: t.lo,
                required_max: t.hi,
                denominator: t.denominator,
                achieved: t.achieved,
                met: t.met(),
                shortfall: t.shortfall(),
                hard: t.hard,
            }
        })
        .collect();
    plan.violations = report
        .violations
        .iter()
        .map(|v| {
            let (rule, clause) = rule_id(policy, v.rule);
            ViolationRow { rule, clause, subject: subject_names(s, v.subject).0, detail: v.detail.clone() }
        })
        .collect();
    let o = &report.objective;
    plan.objective = ObjectiveRow {
        target_shortfall: o.target_shortfall,
        suitability: o.suitability,
        preference: o.preference,
        moves: o.moves,
        priced_vacancies: o.priced_vacancies,
        extra_seats: a.holder.keys().filter(|p| s.post(**p).supernumerary && s.post(**p).holder.is_none()).count(),
        discretionary_moves: why.values().filter(|w| w.purpose == Purpose::Discretionary).count(),
        moves_by_purpose: purpose::count_by_purpose(&why).into_iter().map(|(k, n)| (k.code().to_string(), n)).collect(),
    };
    plan
}

/// The code of a move kind (`release` for `None`).
pub fn move_kind_code(k: Option<MoveKind>) -> &'static str {
    match k {
        Some(MoveKind::Stays) => "stays",
        Some(MoveKind::Rotates) => "rotates",
        Some(MoveKind::Reinforcement) => "reinforcement",
        Some(MoveKind::Appointment) => "appointment",
        None => "release",
    }
}

/// The result of planning: the plan document, the assignment, and the solver's timing figures
/// (kept out of the document).
pub struct PlanOutcome {
    /// The plan (status `infeasible` carries `infeasibility`).
    pub plan: Plan,
    /// The assignment (empty without a plan).
    pub assignment: Assignment,
    /// The raw solver status.
    pub status: SolveStatus,
    /// Stage reports (timings) for stderr and benchmarks.
    pub stages: Vec<crate::solve::StageReport>,
    /// Model size, for reporting.
    pub model_size: (usize, usize, usize),
    /// The disruption component's value at the plan (see `formulation::objective`).
    pub disruption: f64,
    /// The committee-level decisions (see [`crate::alternatives::committee_decisions`]).
    pub committee: BTreeSet<(CadreId, PostId)>,
}

/// Formulates, solves, checks and documents one plan.
pub fn make_plan(req: &PlanRequest<'_>) -> Result<PlanOutcome, SolveError> {
    make_plan_from(req, None)
}

/// Like [`make_plan`], starting the solver from an earlier plan's assignment (the alternatives
/// start from plan 1): the solver keeps the start as its incumbent when it fits the model, and
/// ignores it otherwise. The plan found does not depend on the start when it is proven optimal.
pub fn make_plan_from(req: &PlanRequest<'_>, start: Option<&Assignment>) -> Result<PlanOutcome, SolveError> {
    let f = Formulation::build(req.scenario, req.policy, &req.formulation);
    let start = start.map(|a| {
        crate::solve::start_point(&f.model, |kind| match kind {
            VarKind::Assign(c, p) => f64::from(u8::from(a.holder.get(p) == Some(c))),
            VarKind::Release(c) => f64::from(u8::from(a.released.contains(c))),
            _ => 0.0,
        })
    });
    let result = crate::solve::solve_from(&f.model, &req.solver, start)?;
    finish(req, &f, result)
}

/// Turns a solve result into a plan outcome (shared with the alternatives).
pub fn finish(
    req: &PlanRequest<'_>,
    f: &Formulation<'_>,
    result: crate::solve::SolveResult,
) -> Result<PlanOutcome, SolveError> {
    let s = req.scenario;
    let head = Plan {
        rotaplan_version: env!("CARGO_PKG_VERSION").into(),
        scenario: req.scenario_ref.clone(),
        policy: req.policy_ref.clone(),
        settings: PlanSettings {
            solver: Some(req.solver.clone()),
            pins: PinCodes::from_pins(s, &req.formulation.pins),
            from_plan: req.from_plan.clone(),
            emphasis: req.emphasis.clone(),
            priorities: f.priorities.iter().map(|p| p.code().to_string()).collect(),
            move_price: req.formulation.move_price,
        },
        ..Plan::default()
    };
    let model_size = (f.model.cols.len(), f.model.num_integer(), f.model.rows.len());
    let (status_code, gap, stop) = match result.status {
        SolveStatus::Optimal => (PlanStatus::Optimal, None, None),
        SolveStatus::StoppedWithPlan { gap, reason } => (PlanStatus::StoppedWithPlan, gap, Some(reason)),
        SolveStatus::Infeasible => (PlanStatus::Infeasible, None, None),
        SolveStatus::NoPlanBeforeLimit => (PlanStatus::NoPlanBeforeLimit, None, None),
    };
    let stage_rows: Vec<StageRow> = result
        .stages
        .iter()
        .map(|st| StageRow { name: st.name.into(), value: st.value, bound: st.bound, gap: st.gap, proven: st.optimal })
        .collect();
    if result.status == SolveStatus::Infeasible {
        let relaxation = relax::least_violation(&f.model, &req.solver)?;
        let a =
            if relaxation.x.is_empty() { Assignment::default() } else { assignment_from_solution(f, &relaxation.x) };
        let mut plan = head;
        plan.format = PLAN_FORMAT.into();
        plan.milestone = f.milestone.clone();
        plan.status = status_code;
        plan.infeasibility = crate::explain::infeasibility_rows(f, &relaxation);
        return Ok(PlanOutcome {
            plan,
            assignment: a,
            status: result.status,
            stages: result.stages,
            model_size,
            disruption: 0.0,
            committee: BTreeSet::new(),
        });
    }
    if !result.has_plan() {
        let mut plan = head;
        plan.format = PLAN_FORMAT.into();
        plan.milestone = f.milestone.clone();
        plan.status = status_code;
        plan.stop = stop;
        return Ok(PlanOutcome {
            plan,
            assignment: Assignment::default(),
            status: result.status,
            stages: result.stages,
            model_size,
            disruption: 0.0,
            committee: BTreeSet::new(),
        });
    }
    let a = assignment_from_solution(f, &result.x);
    let report = check(s, req.policy, &f.milestone, &a, &req.formulation.pins);
    let mut plan = plan_document(s, req.policy, &f.milestone, &a, &report, head);
    plan.status = status_code;
    plan.stop = stop;
    plan.gap = gap;
    plan.stages = stage_rows;
    let disruption =
        crate::formulation::objective::components(f).disruption.iter().map(|(v, k)| k * result.x[v.index()]).sum();
    let committee = crate::alternatives::committee_decisions(s, &a);
    plan.interchangeable = crate::alternatives::interchangeable::choices(s, req.policy, &a, &req.formulation.pins);
    Ok(PlanOutcome {
        plan,
        assignment: a,
        status: result.status,
        stages: result.stages,
        model_size,
        disruption,
        committee,
    })
}

/// Reads the assignment of a plan document (solver-made or hand-drafted); unknown codes are
/// reported (double placements are left to the checker).
pub fn assignment_from_plan(s: &Scenario, plan: &Plan) -> Result<Assignment, Vec<PlanProblem>> {
    let mut errors: Vec<PlanProblem> = Vec::new();
    let mut unknown = |field: PlanField, index: usize, what: CodeKind, code: &str| {
        let suggestion = if errors.len() < SUGGEST_FIRST {
            match unknown_code(s, what, code) {
                PinWhat::Unknown { suggestion, .. } => suggestion,
                PinWhat::NotAPair { .. } => None,
            }
        } else {
            None
        };
        errors.push(PlanProblem { field, index, what, code: code.to_string(), suggestion });
    };
    let mut a = Assignment::default();
    let mut seen_cadre: BTreeMap<CadreId, String> = BTreeMap::new();
    let mut seen_post: BTreeSet<PostId> = BTreeSet::new();
    for (i, row) in plan.posts.iter().enumerate() {
        let Some(p) = s.post_by_code(row.post.trim()) else {
            unknown(PlanField::Post, i, CodeKind::Post, &row.post);
            continue;
        };
        if !seen_post.insert(p) {
            a.duplicates.push(format!("post {} is listed twice", row.post));
        }
        let Some(code) = &row.after else { continue };
        let Some(c) = s.cadre_by_code(code.trim()) else {
            unknown(PlanField::After, i, CodeKind::Cadre, code);
            continue;
        };
        if let Some(prev) = seen_cadre.insert(c, row.post.clone()) {
            a.duplicates.push(format!("cadre {code} is placed in both {prev} and {}", row.post));
        }
        a.holder.insert(p, c);
    }
    for (i, code) in plan.released.iter().enumerate() {
        match s.cadre_by_code(code.trim()) {
            Some(c) => {
                a.released.insert(c);
            }
            None => unknown(PlanField::Released, i, CodeKind::Cadre, code),
        }
    }
    if errors.is_empty() {
        Ok(a)
    } else {
        Err(errors)
    }
}

/// A plan with only posts' holders after, for hand-drafted CSV plans (`cadre,post` rows): posts
/// not listed keep their holder unless that holder is placed elsewhere or released.
pub fn assignment_from_pairs(
    s: &Scenario,
    policy: &Policy,
    pairs: &[(CadreId, PostId)],
    released: &[CadreId],
) -> Assignment {
    let facts = Facts::new(s, policy);
    let mut a = Assignment::default();
    let mut placed: BTreeMap<CadreId, PostId> = BTreeMap::new();
    for &(c, p) in pairs {
        if let Some(prev) = placed.insert(c, p) {
            a.duplicates.push(format!(
                "cadre {} is placed in both {} and {}",
                s.cadre(c).code,
                s.post(prev).code,
                s.post(p).code
            ));
        }
        if let Some(other) = a.holder.insert(p, c) {
            a.duplicates.push(format!(
                "post {} is given to both {} and {}",
                s.post(p).code,
                s.cadre(other).code,
                s.cadre(c).code
            ));
        }
    }
    a.released = released.iter().copied().collect();
    for p in s.post_ids().filter(|p| facts.is_planned_post(*p)) {
        if a.holder.contains_key(&p) {
            continue;
        }
        if let Some(h) = s.post(p).holder {
            if !placed.contains_key(&h) && !a.released.contains(&h) {
                a.holder.insert(p, h);
            }
        }
    }
    a
}
