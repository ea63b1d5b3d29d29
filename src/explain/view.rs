//! The vocabulary of explanations, and the context they are built in.
//!
//! An explanation is data: plain structs and enums holding codes, names, numbers and enum values
//! (serde `Serialize`, so `--format json` is the data itself), built by [`super::placement`],
//! [`super::target`] and [`super::compare`] from the plan, the scenario, the policy, the
//! eligibility [`Judge`]'s facts and the independent [`check`]er — never from solver internals —
//! and turned into words only by [`super::render`]. This file holds the pieces every kind of
//! explanation shares (references to people, posts and rules; the facts of a cadre; the checks a
//! placement passed; the failing facts of a near miss and what would fix them) and the
//! [`Context`]: the plan read back into an assignment and re-checked, once.
//!
//! Rule titles are carried in both languages so that a rendered explanation needs nothing but
//! the data; every other word comes from the renderer.

use serde::Serialize;

use crate::check::{check, Assignment, CheckReport, ObjectiveBreakdown};
use crate::formulation::{Judge, MoveKind, Pins, Reason, Rejection, RuleRef};
use crate::model::facts::{LocalReason, PlanningMatch};
use crate::model::policy::{CandidateClass, RuleBody};
use crate::model::*;
use crate::plan::{assignment_from_plan, CodeKind, InputRef, PinCodes, PinProblem, Plan, PlanProblem};
use crate::solve::SolverSettings;

use super::collate::{vi_name_key, ViNameKey};

/// A cadre: code and full name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CadreRef {
    /// Code.
    pub code: String,
    /// Full name (NFC).
    pub name: String,
    /// Gender (for pronouns in text).
    pub gender: Gender,
}

/// A locality: code and name.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LocalityRef {
    /// Code.
    pub code: String,
    /// Name.
    pub name: String,
}

/// A post, with what a reader needs to place it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PostRef {
    /// Code.
    pub code: String,
    /// Title.
    pub title: String,
    /// Unit name.
    pub unit: String,
    /// Locality of the unit.
    pub locality: LocalityRef,
    /// Role.
    pub role: Role,
    /// Level.
    pub level: Level,
    /// A key post (must be filled).
    pub key: bool,
}

/// A rule: id, clause and title in both languages.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleBrief {
    /// Rule id (`young-district-eligibility`, or a structural id such as `continuity`).
    pub id: String,
    /// The clause it comes from.
    pub clause: String,
    /// Vietnamese title.
    pub title_vi: String,
    /// English title.
    pub title_en: String,
}

/// Whatever a rule instance is about (a locality, a team, a cadre, the whole scenario).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SubjectRef {
    /// Code (`*` for the whole scenario).
    pub code: String,
    /// Name.
    pub name: String,
}

/// A plan's head: what the explanation is about.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanHead {
    /// Scenario name.
    pub scenario: String,
    /// Plan status (`optimal`, `stopped_with_plan`, `hand`, ...).
    pub status: String,
    /// Why it stopped unproven (worded with the status).
    #[serde(skip)]
    pub stop: Option<crate::solve::StopReason>,
    /// Its measured gap, when known (worded with the status).
    #[serde(skip)]
    pub gap: Option<f64>,
    /// Milestone whose bands apply.
    pub milestone: String,
    /// Plan date.
    pub plan_date: String,
}

/// The four criteria of a plan, in lexicographic order (see [`crate::formulation::objective`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Criteria {
    /// Weighted shortfall of targets (lower is better).
    pub target_shortfall: f64,
    /// Suitability points, including preference points (higher is better).
    pub suitability: u32,
    /// Moves: placements that are not stays, and releases (lower is better).
    pub moves: usize,
    /// Vacant non-key posts (each costs `vacancy_cost` moves).
    pub vacancies: usize,
}

impl From<&ObjectiveBreakdown> for Criteria {
    fn from(o: &ObjectiveBreakdown) -> Self {
        Criteria {
            target_shortfall: o.target_shortfall,
            suitability: o.suitability,
            moves: o.moves,
            vacancies: o.priced_vacancies,
        }
    }
}

impl From<&crate::plan::ObjectiveRow> for Criteria {
    fn from(o: &crate::plan::ObjectiveRow) -> Self {
        Criteria {
            target_shortfall: o.target_shortfall,
            suitability: o.suitability,
            moves: o.moves,
            vacancies: o.priced_vacancies,
        }
    }
}

/// One year's rating (absent: not recorded).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct RatingYear {
    /// Year.
    pub year: i32,
    /// Rating, if recorded.
    pub rating: Option<Rating>,
}

/// A planning entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanningView {
    /// Role.
    pub role: Role,
    /// Level.
    pub level: Level,
    /// The named post, if the entry names one.
    pub post: Option<PostRef>,
}

/// Tenure in the post held before the plan.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TenureView {
    /// Consecutive years in the post (same role, same locality) on the plan date.
    pub years: f64,
    /// The cap of the tenure rule that covers the role, if any.
    pub cap: Option<f64>,
    /// Whether the cap forces the cadre out of the post.
    pub must_leave: bool,
}

/// Why a cadre is local to a locality.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "because", rename_all = "snake_case")]
pub enum LocalBecause {
    /// Their hometown lies there.
    Hometown {
        /// The hometown.
        hometown: LocalityRef,
    },
    /// The roster lists them as local there.
    Listed {
        /// The locality listed.
        listed: LocalityRef,
    },
    /// They worked there this many years.
    Worked {
        /// Years.
        years: f64,
        /// The policy's threshold.
        threshold: f64,
    },
}

/// Whether a cadre is local to the locality of a post.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LocalView {
    /// The locality tested (the district of a district post, the commune of a commune post).
    pub locality: LocalityRef,
    /// Local or not.
    pub local: bool,
    /// Why local.
    pub because: Option<LocalBecause>,
    /// The hometown (stated also when not local).
    pub hometown: LocalityRef,
}

/// The facts about a cadre on the plan date.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CadreFacts {
    /// Exact age in years on the plan date.
    pub age: f64,
    /// Gender.
    pub gender: Gender,
    /// Years of service left before retirement age.
    pub service_left: f64,
    /// Post held before the plan.
    pub post: Option<PostRef>,
    /// Workplace (unit name) of a cadre who holds no post.
    pub workplace: Option<String>,
    /// Who manages the cadre.
    pub management: Management,
    /// Education level.
    pub education: EducationLevel,
    /// Field of training.
    pub field: Field,
    /// Degree class.
    pub degree_class: Option<DegreeClass>,
    /// Formally trained.
    pub formally_trained: bool,
    /// Civil servant.
    pub civil_servant: bool,
    /// The last ratings (as many years as the policy's suitability counts, at least 3).
    pub ratings: Vec<RatingYear>,
    /// Tenure in the post held (incumbents of planned posts).
    pub tenure: Option<TenureView>,
    /// Planning entries.
    pub planning: Vec<PlanningView>,
}

/// Why a move is held to the shorter service requirement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Forced {
    /// The tenure cap forces the cadre out of their post.
    TenureCap,
    /// The move makes a non-local placement under a non-local rule.
    NonLocalPlacement,
}

/// On what grounds a cadre counts as "in the planning" for a post.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum PlanningBasis {
    /// A planning entry names this very post.
    ForPost,
    /// A planning entry for the post's role at its level.
    ForRole {
        /// Role.
        role: Role,
        /// Level.
        level: Level,
    },
    /// A planning entry for an equivalent role at the post's level.
    Equivalent {
        /// The role planned.
        role: Role,
        /// Level.
        level: Level,
    },
    /// A lateral move of an incumbent to an equivalent role at the same level.
    Lateral {
        /// Role held.
        from: Role,
        /// Role of the post.
        to: Role,
        /// Allowed because the tenure cap forces the cadre out (else: the level allows lateral
        /// moves).
        forced: bool,
    },
}

/// One criterion a placement meets, with the fact that meets it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "criterion", rename_all = "snake_case")]
pub enum Criterion {
    /// The cadre holds the post and may keep it.
    Holds {
        /// Consecutive years in the post.
        tenure: f64,
        /// Tenure cap for the role.
        cap: Option<f64>,
    },
    /// A commune-level cadre stays within their district.
    WithinDistrict {
        /// The district.
        district: LocalityRef,
    },
    /// A supernumerary slot goes to a cadre from elsewhere.
    RotatedIn,
    /// Same level (or one up for an outstanding cadre).
    SameLevel {
        /// Level now.
        from: Level,
        /// Level of the post.
        to: Level,
        /// Outstanding (may rise one level).
        outstanding: bool,
    },
    /// Enough service left.
    ServiceLeft {
        /// Years left.
        left: f64,
        /// Years needed.
        needed: f64,
        /// Why the shorter requirement applies.
        forced: Option<Forced>,
    },
    /// Current role among those accepted.
    CurrentRole {
        /// Role now.
        current: Option<Role>,
    },
    /// Current level among those accepted.
    CurrentLevel {
        /// Level now.
        current: Option<Level>,
    },
    /// A civil servant.
    CivilServant,
    /// Under the age limit.
    Age {
        /// Exact age.
        age: f64,
        /// Limit (exclusive).
        limit: u32,
    },
    /// Formally trained.
    FormallyTrained {
        /// Education level.
        education: EducationLevel,
    },
    /// Degree class high enough.
    DegreeClass {
        /// Degree class.
        has: Option<DegreeClass>,
        /// Minimum.
        min: DegreeClass,
    },
    /// In the planning.
    InPlanning {
        /// On what grounds.
        basis: PlanningBasis,
    },
    /// Ratings at least `min` in each of the years listed.
    Ratings {
        /// Minimum.
        min: Rating,
        /// The years checked.
        years: Vec<RatingYear>,
    },
}

/// A rule a placement satisfies, with each criterion and its fact.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleCheck {
    /// The rule.
    pub rule: RuleBrief,
    /// Its criteria.
    pub criteria: Vec<Criterion>,
}

/// A failing fact: why a pair is not eligible (the data of [`Reason`], with names).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum Failing {
    /// The post is outside the district the cadre may move within.
    OutsideDistrict {
        /// The district.
        district: Option<LocalityRef>,
    },
    /// A supernumerary slot, but the cadre already works in the locality.
    NotRotatedIn,
    /// Level change without being outstanding.
    LevelChange {
        /// Level now.
        from: Level,
        /// Level of the post.
        to: Level,
    },
    /// Too few years of service left.
    ServiceLeft {
        /// Years left.
        left: f64,
        /// Years needed.
        needed: f64,
    },
    /// No rule admits pool candidates to the post.
    NoPoolRule,
    /// Not a young cadre: the rules admitting pool candidates here are for young cadres only
    /// (§2.2(1)), and no other rule admits them.
    NotYoung {
        /// Exact age.
        age: f64,
        /// The young-cadre limit (exclusive).
        limit: u32,
    },
    /// Current role not accepted.
    CurrentRole {
        /// Role now.
        current: Option<Role>,
    },
    /// Current level not accepted.
    CurrentLevel {
        /// Level now.
        current: Option<Level>,
    },
    /// Not a civil servant.
    NotCivilServant,
    /// Too old.
    TooOld {
        /// Exact age.
        age: f64,
        /// Limit (exclusive).
        limit: u32,
    },
    /// Not formally trained.
    NotFormallyTrained,
    /// Degree class too low or not recorded.
    DegreeClass {
        /// Degree class.
        has: Option<DegreeClass>,
        /// Minimum.
        min: DegreeClass,
    },
    /// Not in the planning for the post or an equivalent one.
    NotInPlanning,
    /// A rating below the bar or missing.
    Rating {
        /// Year.
        year: i32,
        /// Rating (None: missing).
        got: Option<Rating>,
        /// Minimum.
        min: Rating,
    },
}

/// A failing fact and the rule it fails.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FailingRule {
    /// The rule.
    pub rule: RuleBrief,
    /// The fact.
    pub failing: Failing,
}

/// What would remove one failing fact.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "fix", rename_all = "snake_case")]
pub enum Fix {
    /// Add the cadre to the planning for the post.
    AddToPlanning {
        /// The post.
        post: PostRef,
    },
    /// Raise a rule's age limit.
    RaiseAgeLimit {
        /// The rule.
        rule: RuleBrief,
        /// Limit now (exclusive).
        from: u32,
        /// Limit that would admit the cadre.
        to: u32,
    },
    /// Accept a lower degree class.
    AcceptDegreeClass {
        /// The rule.
        rule: RuleBrief,
        /// Minimum now.
        from: DegreeClass,
        /// The cadre's class.
        to: DegreeClass,
    },
    /// Record the missing degree class.
    RecordDegreeClass,
    /// Accept a lower rating (or count fewer years).
    AcceptRating {
        /// The rule.
        rule: RuleBrief,
        /// The year below the bar.
        year: i32,
        /// The rating that year.
        got: Rating,
        /// Minimum now.
        min: Rating,
        /// Years counted now.
        years: u32,
        /// Counting only this many recent years would leave the year out (if any would).
        fewer_years: Option<u32>,
    },
    /// Record the missing rating.
    RecordRating {
        /// Year.
        year: i32,
    },
    /// Waive formal training.
    WaiveFormalTraining {
        /// The rule.
        rule: RuleBrief,
    },
    /// Lower the years of service a rotation needs.
    LowerServiceLeft {
        /// The rule.
        rule: RuleBrief,
        /// Needed now.
        from: f64,
        /// Enough for the cadre (their years left, rounded down to a tenth).
        to: f64,
    },
    /// Not a threshold: a fact about the cadre's position that the policy does not let go.
    NotAThreshold,
}

/// An ineligible cadre who came close to a post.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NearMissView {
    /// The cadre.
    pub cadre: CadreRef,
    /// Their post (or workplace) now.
    pub now: String,
    /// The post they come closest to.
    pub post: PostRef,
    /// Every failing fact.
    pub reasons: Vec<FailingRule>,
    /// What would remove each failing fact (same order).
    pub fixes: Vec<Fix>,
}

/// Options of an explanation.
#[derive(Clone, Debug)]
pub struct ExplainOptions {
    /// At most this many re-solves per section (candidates measured, fixes verified), and this
    /// many near misses shown.
    pub top: usize,
    /// Solver settings of each re-solve.
    pub solver: SolverSettings,
    /// Run re-solves in parallel (each HiGHS with one thread).
    pub parallel: bool,
    /// Models with more columns than this re-solve a "why not" pin only in the regions it
    /// touches, the rest of the plan kept (see [`super::cost`]); smaller ones re-solve whole.
    pub local_above: usize,
}

impl Default for ExplainOptions {
    fn default() -> Self {
        ExplainOptions {
            top: 5,
            solver: SolverSettings::default(),
            parallel: true,
            local_above: super::cost::LOCAL_RESOLVE_ABOVE,
        }
    }
}

/// Why an explanation could not be built: bad input (unknown codes, a plan that does not fit
/// the scenario, a rule that is not a target) or a solver failure. Failure is data: the English
/// `Display` is for logs and analysts, [`super::words::explain_error`] words it for a planner.
#[derive(Debug, thiserror::Error)]
pub enum ExplainError {
    /// An unknown code; `hint` is a did-you-mean suggestion.
    #[error("unknown {what} '{code}'{}{}", .hint.as_ref().map(|h| format!(" (did you mean '{h}'?)")).unwrap_or_default(), if .known.is_empty() { String::new() } else { format!("; known: {}", .known.join(", ")) })]
    Unknown {
        /// What kind of code.
        what: CodeKind,
        /// The code given.
        code: String,
        /// A close known code.
        hint: Option<String>,
        /// The codes that would be right, when there are few (rules, subjects of a rule).
        known: Vec<String>,
    },
    /// A rule with no target instance to explain.
    #[error("rule '{rule}' has nothing to explain: {why}")]
    NothingToExplain {
        /// The rule id.
        rule: String,
        /// Why.
        why: NothingWhy,
    },
    /// A full name that several cadres share.
    #[error("several cadres are named '{name}': {}; give a code", .codes.join(", "))]
    AmbiguousName {
        /// The name given.
        name: String,
        /// The codes of the cadres of that name.
        codes: Vec<String>,
    },
    /// A plan without placements (infeasible, or no plan before the time limit).
    #[error("{}the plan has no placements to explain (status '{status}')", label_en(.plan))]
    NoPlacements {
        /// The plan's label, among several.
        plan: Option<String>,
        /// Its status.
        status: crate::plan::PlanStatus,
    },
    /// A post whose role the policy does not plan.
    #[error("post {post} is not decided by the plan: its role ({role}) is not among the policy's planned roles")]
    NotPlanned {
        /// The post's code.
        post: String,
        /// Its role.
        role: Role,
    },
    /// Pins of the plan that name codes the scenario does not have.
    #[error("{}bad pin in the plan: {}", label_en(.plan), join_en(.problems))]
    BadPin {
        /// The plan's label, among several.
        plan: Option<String>,
        /// Every problem.
        problems: Vec<PinProblem>,
    },
    /// Placements of the plan that name codes the scenario does not have.
    #[error("{}{}", label_en(.plan), join_en(.problems))]
    PlanMismatch {
        /// The plan's label, among several.
        plan: Option<String>,
        /// Every problem.
        problems: Vec<PlanProblem>,
    },
    /// A comparison of fewer than two plans.
    #[error("compare needs at least two plans ({given} given)")]
    TooFewPlans {
        /// How many were given.
        given: usize,
    },
    /// HiGHS failed during a re-solve.
    #[error(transparent)]
    Solve(#[from] crate::solve::SolveError),
}

fn label_en(plan: &Option<String>) -> String {
    plan.as_ref().map(|l| format!("{l}: ")).unwrap_or_default()
}

fn join_en<E: std::fmt::Display>(problems: &[E]) -> String {
    problems.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")
}

/// Why a rule has no target instance to explain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NothingWhy {
    /// The policy disables it.
    Disabled,
    /// A target kind, but nothing in this scenario it applies to at the milestone.
    NoInstance {
        /// The milestone.
        milestone: String,
    },
    /// Not a target: a filter on who may take a post, a preference, a cap.
    NotATarget {
        /// The rule's kind (`eligibility`, `preference`, ...).
        kind: &'static str,
    },
}

impl std::fmt::Display for NothingWhy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NothingWhy::Disabled => write!(f, "it is disabled in the policy"),
            NothingWhy::NoInstance { milestone } => {
                write!(f, "it has no instance in this scenario at milestone {milestone}")
            }
            NothingWhy::NotATarget { kind } => {
                write!(f, "it is a {kind} rule, not a target: explain a post (--post) or a cadre (--cadre)")
            }
        }
    }
}

impl ExplainError {
    /// Whether the error is the user's input (exit code 2) rather than an internal failure.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, ExplainError::Solve(_))
    }
}

/// A plan read back and re-checked: what every explanation starts from.
pub struct Context<'a> {
    /// Scenario.
    pub scenario: &'a Scenario,
    /// Policy.
    pub policy: &'a Policy,
    /// The plan document.
    pub plan: &'a Plan,
    /// Its assignment.
    pub assignment: Assignment,
    /// Its pins.
    pub pins: Pins,
    /// The keeps of `pins` that hold a cadre for the minimum rotation length (a roadmap's),
    /// not by the planner's decision.
    pub min_rotation: std::collections::BTreeSet<CadreId>,
    /// Milestone in force.
    pub milestone: String,
    /// The checker's report on the assignment.
    pub report: CheckReport,
    /// The eligibility judge.
    pub judge: Judge<'a>,
    /// Digests recorded in re-solved plans.
    pub scenario_ref: InputRef,
    /// Policy digest.
    pub policy_ref: InputRef,
    /// Options.
    pub options: ExplainOptions,
    /// The plan's own model (its pins, its milestone), built on first use and shared by the
    /// regional "why not" re-plans, which fix the forced pair's column instead of building a
    /// model per candidate.
    base: std::sync::OnceLock<crate::formulation::Formulation<'a>>,
}

impl<'a> Context<'a> {
    /// The plan's own model (see the field), built once.
    pub(crate) fn base_formulation(&self) -> &crate::formulation::Formulation<'a> {
        self.base.get_or_init(|| {
            let settings = crate::formulation::FormulationSettings {
                milestone: Some(self.milestone.clone()),
                pins: self.pins.clone(),
                ..Default::default()
            };
            crate::formulation::Formulation::build(self.scenario, self.policy, &settings)
        })
    }

    /// Reads `plan` against the scenario and policy and re-checks it.
    pub fn new(
        scenario: &'a Scenario,
        policy: &'a Policy,
        plan: &'a Plan,
        options: ExplainOptions,
    ) -> Result<Self, ExplainError> {
        if plan.posts.is_empty() {
            return Err(ExplainError::NoPlacements { plan: None, status: plan.status });
        }
        let assignment = assignment_from_plan(scenario, plan)
            .map_err(|problems| ExplainError::PlanMismatch { plan: None, problems })?;
        let pins = PinCodes::to_pins(&plan.settings.pins, scenario)
            .map_err(|problems| ExplainError::BadPin { plan: None, problems })?;
        let milestone = if plan.milestone.is_empty() { policy.milestone.clone() } else { plan.milestone.clone() };
        let report = check(scenario, policy, &milestone, &assignment, &pins);
        Ok(Context {
            scenario,
            policy,
            plan,
            assignment,
            pins,
            min_rotation: plan.settings.pins.min_rotation_keeps(scenario),
            milestone,
            report,
            judge: Judge::new(scenario, policy),
            scenario_ref: plan.scenario.clone(),
            policy_ref: plan.policy.clone(),
            options,
            base: std::sync::OnceLock::new(),
        })
    }

    /// The plan's head.
    pub fn head(&self) -> PlanHead {
        PlanHead {
            scenario: self.scenario.name.clone(),
            status: self.plan.status.as_str().into(),
            stop: self.plan.stop,
            gap: self.plan.gap,
            milestone: self.milestone.clone(),
            plan_date: self.scenario.plan_date.to_string(),
        }
    }

    /// The plan's criteria, recomputed by the checker.
    pub fn criteria(&self) -> Criteria {
        Criteria::from(&self.report.objective)
    }

    /// A cadre reference.
    pub fn cadre_ref(&self, c: CadreId) -> CadreRef {
        let cd = self.scenario.cadre(c);
        CadreRef { code: cd.code.clone(), name: cd.name.clone(), gender: cd.gender }
    }

    /// The Vietnamese sort key of a cadre's name (code last, for equal names).
    pub fn name_key(&self, c: CadreId) -> (ViNameKey, String) {
        let cd = self.scenario.cadre(c);
        (vi_name_key(&cd.name), cd.code.clone())
    }

    /// A locality reference.
    pub fn locality_ref(&self, l: LocalityId) -> LocalityRef {
        let x = self.scenario.locality(l);
        LocalityRef { code: x.code.clone(), name: x.name.clone() }
    }

    /// A post reference.
    pub fn post_ref(&self, p: PostId) -> PostRef {
        let s = self.scenario;
        let post = s.post(p);
        PostRef {
            code: post.code.clone(),
            title: post.title.clone(),
            unit: s.unit(post.unit).name.clone(),
            locality: self.locality_ref(post.locality),
            role: post.role,
            level: post.level,
            key: post.key,
        }
    }

    /// A rule reference by policy index.
    pub fn rule(&self, i: usize) -> RuleBrief {
        self.rule_ref(RuleRef::Policy(i))
    }

    /// A rule reference.
    pub fn rule_ref(&self, r: RuleRef) -> RuleBrief {
        let (id, clause) = crate::plan::rule_id(self.policy, r);
        RuleBrief {
            id,
            // the planner's pin and a trade-off bound cite no clause (see `words::cites_clause`)
            clause: if super::words::cites_clause(r) { clause } else { String::new() },
            title_vi: super::words::rule_title(self.policy, r, super::Lang::Vi),
            title_en: super::words::rule_title(self.policy, r, super::Lang::En),
        }
    }

    /// The rule behind a row about `subject`: as [`Context::rule_ref`], except that a keep pin
    /// on a cadre the roadmap holds for the minimum rotation length cites that rule, not the
    /// planner.
    pub fn row_rule(&self, r: RuleRef, subject: crate::formulation::ir::Subject) -> RuleBrief {
        match (r, subject) {
            (RuleRef::Pin, crate::formulation::ir::Subject::Cadre(c)) if self.min_rotation.contains(&c) => RuleBrief {
                id: crate::plan::KEEP_MIN_ROTATION.into(),
                clause: String::new(),
                title_vi: super::words::min_rotation_keep_title(super::Lang::Vi).into(),
                title_en: super::words::min_rotation_keep_title(super::Lang::En).into(),
            },
            _ => self.rule_ref(r),
        }
    }

    /// A rule reference by id as written in a plan (policy rules and structural ids).
    pub fn rule_by_id(&self, id: &str) -> RuleBrief {
        match rule_ref_of(self.policy, id) {
            Some(r) => self.rule_ref(r),
            None => RuleBrief { id: id.into(), clause: String::new(), title_vi: id.into(), title_en: id.into() },
        }
    }

    /// Where a cadre is before the plan, in words-free form (post title, or workplace).
    pub fn now_text(&self, c: CadreId) -> String {
        let s = self.scenario;
        let cd = s.cadre(c);
        match (cd.post, cd.workplace) {
            (Some(p), _) => s.post(p).title.clone(),
            (None, Some(u)) => s.unit(u).name.clone(),
            (None, None) => String::new(),
        }
    }

    /// The post a cadre holds after the plan.
    pub fn post_after(&self, c: CadreId) -> Option<PostId> {
        self.assignment.holder.iter().find(|(_, h)| **h == c).map(|(p, _)| *p)
    }

    /// The tenure cap that covers a role, if any (years).
    pub fn tenure_cap(&self, role: Role) -> Option<f64> {
        self.policy.active_rules().find_map(|r| match &r.body {
            RuleBody::TenureCap(t) if t.roles.contains(&role) => Some(t.max_years),
            _ => None,
        })
    }

    /// The facts about a cadre.
    pub fn cadre_facts(&self, c: CadreId) -> CadreFacts {
        let s = self.scenario;
        let cd = s.cadre(c);
        let cf = &self.judge.cadre[c.index()];
        let last = s.plan_date.year() - 1;
        let n = self.policy.objective.rating_years.max(3) as i32;
        let ratings =
            (0..n).rev().map(|k| RatingYear { year: last - k, rating: cd.ratings.get(&(last - k)).copied() }).collect();
        let tenure = cd.post.filter(|_| cf.incumbent).map(|p| {
            let years = self.judge.facts.tenure(c, s.plan_date);
            TenureView { years, cap: self.tenure_cap(s.post(p).role), must_leave: cf.tenure_capped }
        });
        CadreFacts {
            age: cf.age_exact,
            gender: cd.gender,
            service_left: cf.service_left,
            post: cd.post.map(|p| self.post_ref(p)),
            workplace: cd.workplace.map(|u| s.unit(u).name.clone()),
            management: cd.management,
            education: cd.education_level,
            field: cd.field,
            degree_class: cd.degree_class,
            formally_trained: cd.formally_trained,
            civil_servant: cd.civil_servant,
            ratings,
            tenure,
            planning: cd
                .planning
                .iter()
                .map(|e| PlanningView { role: e.role, level: e.level, post: e.post.map(|p| self.post_ref(p)) })
                .collect(),
        }
    }

    /// Whether a cadre is local to the locality a post is judged by (none for city posts).
    pub fn local_view(&self, c: CadreId, p: PostId) -> Option<LocalView> {
        let post = self.scenario.post(p);
        (post.level != Level::City).then(|| self.local_at(c, post.locality))
    }

    /// Whether a cadre is local to a locality, and why.
    pub fn local_at(&self, c: CadreId, l: LocalityId) -> LocalView {
        let because = self.judge.facts.local_reason(c, l).map(|r| match r {
            LocalReason::Hometown(h) => LocalBecause::Hometown { hometown: self.locality_ref(h) },
            LocalReason::Listed(x) => LocalBecause::Listed { listed: self.locality_ref(x) },
            LocalReason::Worked(years) => {
                LocalBecause::Worked { years, threshold: self.policy.general.local.years_worked }
            }
        });
        LocalView {
            locality: self.locality_ref(l),
            local: because.is_some(),
            because,
            hometown: self.locality_ref(self.scenario.cadre(c).hometown),
        }
    }

    /// On what grounds a cadre counts as in the planning for a post (None: not in it).
    pub fn planning_basis(&self, c: CadreId, p: PostId) -> Option<PlanningBasis> {
        let s = self.scenario;
        let post = s.post(p);
        let facts = &self.judge.facts;
        match facts.planning_match(c, p) {
            PlanningMatch::Post => Some(PlanningBasis::ForPost),
            PlanningMatch::Role => Some(PlanningBasis::ForRole { role: post.role, level: post.level }),
            PlanningMatch::Equivalent => s
                .cadre(c)
                .planning
                .iter()
                .find(|e| e.post.is_none() && e.level == post.level && facts.equivalent(e.role, post.role, post.level))
                .map(|e| PlanningBasis::Equivalent { role: e.role, level: e.level }),
            PlanningMatch::None => {
                let cf = &self.judge.cadre[c.index()];
                match (self.judge.in_planning(c, p), cf.role) {
                    (true, Some(from)) => {
                        Some(PlanningBasis::Lateral { from, to: post.role, forced: cf.tenure_capped })
                    }
                    _ => None,
                }
            }
        }
    }

    /// The rules a placement of `c` in `p` satisfies, with each criterion and its fact. For a
    /// stay: the post is held and may be kept. Only meaningful for a pair the judge accepts.
    pub fn rule_checks(&self, c: CadreId, p: PostId) -> Vec<RuleCheck> {
        let s = self.scenario;
        let post = s.post(p);
        let cd = s.cadre(c);
        let cf = &self.judge.cadre[c.index()];
        let mut out = Vec::new();
        if cd.post == Some(p) {
            let tenure_rule =
                self.policy.rules.iter().position(|r| {
                    r.enabled && matches!(&r.body, RuleBody::TenureCap(t) if t.roles.contains(&post.role))
                });
            let crit =
                Criterion::Holds { tenure: self.judge.facts.tenure(c, s.plan_date), cap: self.tenure_cap(post.role) };
            let rule = match tenure_rule {
                Some(i) => self.rule(i),
                None => self.rule_ref(RuleRef::Continuity),
            };
            out.push(RuleCheck { rule, criteria: vec![crit] });
            return out;
        }
        if let Some(d) = cf.scope_district {
            out.push(RuleCheck {
                rule: self.rule_ref(RuleRef::Scope),
                criteria: vec![Criterion::WithinDistrict { district: self.locality_ref(d) }],
            });
        }
        if post.supernumerary {
            out.push(RuleCheck { rule: self.rule_ref(RuleRef::Supernumerary), criteria: vec![Criterion::RotatedIn] });
        }
        for (i, r) in self.policy.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            match &r.body {
                RuleBody::SameLevel(_) if cf.incumbent => {
                    if let Some(from) = cf.level {
                        out.push(RuleCheck {
                            rule: self.rule(i),
                            criteria: vec![Criterion::SameLevel { from, to: post.level, outstanding: cd.outstanding }],
                        });
                    }
                }
                RuleBody::ServiceLeft(sl) => {
                    let forced = if cf.tenure_capped {
                        Some(Forced::TenureCap)
                    } else if self.judge.non_local_placement(c, p) {
                        Some(Forced::NonLocalPlacement)
                    } else {
                        None
                    };
                    let needed = if forced.is_some() { sl.min_years_forced } else { sl.min_years };
                    out.push(RuleCheck {
                        rule: self.rule(i),
                        criteria: vec![Criterion::ServiceLeft { left: cf.service_left, needed, forced }],
                    });
                }
                RuleBody::Eligibility(e) => {
                    let class_ok = match e.candidates {
                        CandidateClass::Pool => !cf.incumbent,
                        CandidateClass::Incumbents => cf.incumbent,
                        CandidateClass::Movers => true,
                    };
                    if !class_ok || !e.target.matches(post.level, post.role, s.unit(post.unit).kind) {
                        continue;
                    }
                    let mut criteria = Vec::new();
                    if !e.current_roles.is_empty() {
                        criteria.push(Criterion::CurrentRole { current: cf.role });
                    }
                    if !e.current_levels.is_empty() {
                        criteria.push(Criterion::CurrentLevel { current: cf.level });
                    }
                    if e.civil_servant {
                        criteria.push(Criterion::CivilServant);
                    }
                    if let Some(limit) = e.max_age_exclusive {
                        criteria.push(Criterion::Age { age: cf.age_exact, limit });
                    }
                    if e.formally_trained {
                        criteria.push(Criterion::FormallyTrained { education: cd.education_level });
                    }
                    if let Some(min) = e.min_degree_class {
                        criteria.push(Criterion::DegreeClass { has: cd.degree_class, min });
                    }
                    if e.in_planning {
                        if let Some(basis) = self.planning_basis(c, p) {
                            criteria.push(Criterion::InPlanning { basis });
                        }
                    }
                    if let Some(mr) = &e.min_ratings {
                        let last = s.plan_date.year() - 1;
                        let years = (0..mr.years as i32)
                            .rev()
                            .map(|k| RatingYear { year: last - k, rating: cd.ratings.get(&(last - k)).copied() })
                            .collect();
                        criteria.push(Criterion::Ratings { min: mr.at_least, years });
                    }
                    out.push(RuleCheck { rule: self.rule(i), criteria });
                }
                _ => {}
            }
        }
        out
    }

    /// A rejection as data.
    pub fn failing(&self, r: &Rejection) -> FailingRule {
        let failing = match r.reason {
            Reason::OutsideDistrict { home } => {
                Failing::OutsideDistrict { district: home.map(|l| self.locality_ref(l)) }
            }
            Reason::NotRotatedIn => Failing::NotRotatedIn,
            Reason::LevelChange { from, to } => Failing::LevelChange { from, to },
            Reason::ServiceLeft { left, needed } => Failing::ServiceLeft { left, needed },
            Reason::NoPoolRule => Failing::NoPoolRule,
            Reason::NotYoung { age, limit, .. } => Failing::NotYoung { age, limit },
            Reason::CurrentRole { current } => Failing::CurrentRole { current },
            Reason::CurrentLevel { current } => Failing::CurrentLevel { current },
            Reason::NotCivilServant => Failing::NotCivilServant,
            Reason::TooOld { age, limit } => Failing::TooOld { age, limit },
            Reason::NotFormallyTrained => Failing::NotFormallyTrained,
            Reason::DegreeClass { has, min } => Failing::DegreeClass { has, min },
            Reason::NotInPlanning => Failing::NotInPlanning,
            Reason::Rating { year, got, min } => Failing::Rating { year, got, min },
        };
        FailingRule { rule: self.rule_ref(r.rule), failing }
    }

    /// What would remove a failing fact of `c` for `p`.
    pub fn fix_for(&self, p: PostId, r: &Rejection) -> Fix {
        let rule = self.rule_ref(r.rule);
        match r.reason {
            Reason::NotInPlanning => Fix::AddToPlanning { post: self.post_ref(p) },
            Reason::TooOld { age, limit } => {
                Fix::RaiseAgeLimit { rule, from: limit, to: (age.floor() as u32).max(limit) + 1 }
            }
            Reason::NotYoung { age, limit, rule: young } => Fix::RaiseAgeLimit {
                rule: self.rule_ref(RuleRef::Policy(young)),
                from: limit,
                to: (age.floor() as u32).max(limit) + 1,
            },
            Reason::DegreeClass { has: Some(h), min } => Fix::AcceptDegreeClass { rule, from: min, to: h },
            Reason::DegreeClass { has: None, .. } => Fix::RecordDegreeClass,
            Reason::Rating { year, got: Some(g), min } => {
                let years = match r.rule {
                    RuleRef::Policy(i) => match &self.policy.rules[i].body {
                        RuleBody::Eligibility(e) => e.min_ratings.as_ref().map(|m| m.years).unwrap_or(0),
                        _ => 0,
                    },
                    _ => 0,
                };
                let last = self.scenario.plan_date.year() - 1;
                let fewer = (last - year).max(0) as u32;
                Fix::AcceptRating {
                    rule,
                    year,
                    got: g,
                    min,
                    years,
                    fewer_years: (fewer >= 1 && fewer < years).then_some(fewer),
                }
            }
            Reason::Rating { year, got: None, .. } => Fix::RecordRating { year },
            Reason::NotFormallyTrained => Fix::WaiveFormalTraining { rule },
            Reason::ServiceLeft { left, needed } => {
                Fix::LowerServiceLeft { rule, from: needed, to: ((left * 10.0 + 1e-9).floor() / 10.0).max(0.0) }
            }
            _ => Fix::NotAThreshold,
        }
    }

    /// A near miss as data.
    pub fn near_miss(&self, c: CadreId, p: PostId, reasons: &[Rejection]) -> NearMissView {
        NearMissView {
            cadre: self.cadre_ref(c),
            now: self.now_text(c),
            post: self.post_ref(p),
            reasons: reasons.iter().map(|r| self.failing(r)).collect(),
            fixes: reasons.iter().map(|r| self.fix_for(p, r)).collect(),
        }
    }

    /// Every reason `c` fails for `p`, if the pair is "close": not failing on the structural
    /// scope or pool-admission checks (the same filter as [`super::near_misses`]).
    pub fn close_rejections(&self, c: CadreId, p: PostId) -> Option<Vec<Rejection>> {
        if self.scenario.cadre(c).post == Some(p) {
            return None;
        }
        let reasons = self.judge.all_rejections(c, p);
        if reasons.is_empty() || reasons.iter().any(|r| !super::is_close(r)) {
            return None;
        }
        Some(reasons)
    }

    /// The move kind of a cadre's placement in a post.
    pub fn move_kind(&self, c: CadreId, p: PostId) -> MoveKind {
        self.judge.move_kind(c, p)
    }
}

/// The rule reference of a rule id as written in plans (policy ids and structural ids).
pub fn rule_ref_of(policy: &Policy, id: &str) -> Option<RuleRef> {
    if let Some(i) = policy.rules.iter().position(|r| r.id == id) {
        return Some(RuleRef::Policy(i));
    }
    [
        RuleRef::Capacity,
        RuleRef::KeyPostFilled,
        RuleRef::Continuity,
        RuleRef::Pin,
        RuleRef::Scope,
        RuleRef::Supernumerary,
        RuleRef::PoolAdmission,
    ]
    .into_iter()
    .find(|r| crate::plan::rule_id(policy, *r).0 == id)
}
