//! The policy model: the rules of a conclusion such as 09-KL/TU as data.
//!
//! A policy is a TOML file written and commented by people (see `models/haiphong-09-kl-tu.toml`).
//! Every rule is an instance of a few general kinds, so another province's policy is a new file,
//! not new code:
//!
//! | kind | what it constrains | example |
//! |---|---|---|
//! | `eligibility` | which (cadre, post) pairs may exist at all | under-35 division heads for district deputy posts |
//! | `coverage` | the share of child localities satisfying a predicate, per parent | 20-25% of a district's communes with an under-30 vice-chair sent in |
//! | `team_mix` | age tiers and fields of training inside each key team | three age tiers in a district standing committee |
//! | `tenure_cap` | who must leave the post they hold | 8 consecutive years in one post and locality |
//! | `rotation_quota` | the share of a population that moves between agencies | 4-5% of City-Committee cadres among city agencies |
//! | `preference` | an objective bonus, no bound | non-local commune secretaries encouraged |
//! | `vice_chair_cap` | filled vice-chair posts per unit | 2 per commune of class I/II, +1 if rotated in |
//! | `same_level` | the level a moved incumbent may go to | same level unless outstanding |
//! | `service_left` | years of service a moved cadre must have left | 10 years, 5 when the move is forced |
//!
//! Each rule carries the clause it comes from (`09-KL/TU §2.3(2)`), and each rule that is a
//! *target* carries bands per milestone (`2021`, `2024`, `term_end`): the policy's `milestone`
//! (or `--milestone`) picks which band applies.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::enums::*;

/// The format tag every policy file carries.
pub const POLICY_FORMAT: &str = "rotaplan-policy/1";

/// The shipped Hai Phong policy (`models/haiphong-09-kl-tu.toml`), built into the binary so that
/// `rotaplan` works from any folder when `--model` is not given. Plans made with it record the
/// sha256 of these bytes, which is the sha256 of the shipped file.
pub const SHIPPED_POLICY: &str = include_str!("../../models/haiphong-09-kl-tu.toml");

/// How diagnostics and messages name the built-in policy.
pub const SHIPPED_POLICY_NAME: &str = "models/haiphong-09-kl-tu.toml (built in)";

/// A milestone the policy knows (one that some rule has a band for): the only way to make one
/// is [`Policy::milestone_named`], so a `Milestone` in hand is never an unknown one such as
/// `2099`, which would silently check nothing.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Milestone(String);

impl Milestone {
    /// The milestone's name as the policy writes it (`2021`, `term_end`).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Milestone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A milestone name the policy has no band for.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown milestone '{name}': the policy '{policy}' has {}", known.join(", "))]
pub struct UnknownMilestone {
    /// The name given.
    pub name: String,
    /// The policy's id.
    pub policy: String,
    /// The milestones the policy knows, sorted.
    pub known: Vec<String>,
}

/// A whole policy model.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Always `rotaplan-policy/1`.
    pub format: String,
    /// Short id, e.g. `haiphong-09-kl-tu`.
    pub id: String,
    /// Human name.
    pub name: String,
    /// The document the rules come from.
    pub source: String,
    /// The milestone whose bands apply by default (`2021`, `2024`, `term_end`, ...).
    pub milestone: String,
    /// Which posts the plan decides, who counts as local, retirement, release.
    pub general: General,
    /// "Or an equivalent post": groups of roles that count as equivalent for planning entries
    /// and lateral moves, per level. Every group's roles share one rank of `rank_order`.
    #[serde(default)]
    pub equivalent_roles: Vec<RoleGroup>,
    /// The rank order of planned roles, per level (level code → ranks, highest first; each
    /// rank a list of roles of equal standing). A move to a higher rank is a promotion: it
    /// needs a planning entry (QĐ 50-QĐ/TW), never an equivalence.
    #[serde(default)]
    pub rank_order: BTreeMap<String, Vec<Vec<Role>>>,
    /// The national rules the policy cites, with the dates they are in force: a plan cites
    /// the rule in force on its plan date.
    #[serde(default, rename = "instrument")]
    pub instruments: Vec<Instrument>,
    /// How placements are scored and traded off.
    pub objective: ObjectiveWeights,
    /// The rules.
    #[serde(rename = "rule")]
    pub rules: Vec<Rule>,
}

/// General settings.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct General {
    /// Roles whose posts the plan fills (posts of other roles keep their holders, who may
    /// leave them to take a planned post).
    pub planned_roles: Vec<Role>,
    /// A fixed retirement age of men, in years, for policies without a `retirement` schedule.
    #[serde(default)]
    pub retirement_age_male: Option<f64>,
    /// A fixed retirement age of women, in years, for policies without a `retirement` schedule.
    #[serde(default)]
    pub retirement_age_female: Option<f64>,
    /// The retirement ages as a roadmap by year (Bộ luật Lao động 2019 Điều 169): takes
    /// precedence over the fixed ages.
    #[serde(default)]
    pub retirement: Option<RetirementSchedule>,
    /// An incumbent of a planned post may be released (leave the planned posts) only when
    /// fewer than this many years of service are left.
    pub release_if_service_left_below: f64,
    /// Who counts as local to a locality.
    pub local: LocalTest,
    /// Clause for capacity and continuity (a post holds one cadre, incumbents end somewhere).
    #[serde(default = "default_structural_clause")]
    pub structural_clause: String,
    /// Where each general value comes from (`local.years_worked`, `retirement`,
    /// `release_if_service_left_below`, ...): the conclusion, a national rule, or the policy's
    /// own assumption.
    #[serde(default)]
    pub values: BTreeMap<String, ValueSource>,
    /// Levels at which an incumbent may move laterally to an equivalent role without a
    /// planning entry for it. At other levels only incumbents who must leave their post
    /// (tenure cap) move laterally; everyone else needs a planning entry. Default: all levels.
    #[serde(default = "all_levels")]
    pub lateral_levels: Vec<Level>,
    /// The minimum length of a rotation, in months (QĐ 98-QĐ/TW: at least 36): a roadmap
    /// keeps a cadre it moved in the new post this long unless a rule forces a move. Absent:
    /// no minimum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_rotation_months: Option<u32>,
}

fn all_levels() -> Vec<Level> {
    vec![Level::City, Level::District, Level::Commune]
}

fn default_structural_clause() -> String {
    "QĐ 98-QĐ/TW (2017); 09-KL/TU §2.2(2)".to_string()
}

/// The configurable test for "local" (người địa phương).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LocalTest {
    /// A cadre is local to a locality that contains their hometown.
    pub hometown: bool,
    /// A cadre is local to the localities listed in their `local_to` (and what they contain).
    pub listed: bool,
    /// A cadre is local to a locality where they held posts for at least this many years in
    /// all (0 turns the test off).
    pub years_worked: f64,
}

/// Retirement ages by year: `start` (years, months) from `from_year`, rising by `step_months`
/// a year up to `until`; `before` for earlier years.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Roadmap {
    /// Age (years, months) in the years before `from_year`.
    pub before: [u32; 2],
    /// First year of the roadmap.
    pub from_year: i32,
    /// Age (years, months) in `from_year`.
    pub start: [u32; 2],
    /// Months added each following year.
    pub step_months: u32,
    /// The final age (years, months).
    pub until: [u32; 2],
}

impl Roadmap {
    /// The retirement age in whole months for someone reaching it in `year`.
    pub fn months_in(&self, year: i32) -> u32 {
        let m = |a: [u32; 2]| a[0] * 12 + a[1];
        if year < self.from_year {
            return m(self.before);
        }
        let steps = (year - self.from_year) as u32;
        (m(self.start) + steps.saturating_mul(self.step_months)).min(m(self.until))
    }
}

/// How the retirement age of a person is read off the roadmap.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum Reckoning {
    /// The age in force in the year the person reaches it (the Labour Code's reading: a man
    /// born in October 1961 retires at 60 years 6 months in April 2022).
    #[default]
    YearReached,
    /// The age in force in the year of the plan date, for everyone.
    PlanYear,
}

/// Retirement ages of men and women by year.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RetirementSchedule {
    /// Where the schedule comes from, e.g. `BLLĐ 2019 Điều 169; NĐ 135/2020`.
    pub clause: String,
    /// The Vietnamese text it reads.
    #[serde(default)]
    pub reads_vi: Option<String>,
    /// How a person's age is read off the schedule.
    #[serde(default)]
    pub reckoning: Reckoning,
    /// Men.
    pub male: Roadmap,
    /// Women.
    pub female: Roadmap,
}

/// Where a value of the policy comes from.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Provenance {
    /// The conclusion itself (09-KL/TU) states it.
    Conclusion,
    /// A national rule states it (a Quy định of the Politburo, a law, a decree).
    National,
    /// Neither: the policy's own assumption or reading.
    Assumption,
}

impl Provenance {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Provenance::Conclusion => "conclusion",
            Provenance::National => "national",
            Provenance::Assumption => "assumption",
        }
    }
}

/// The provenance of one value, with a note saying what the text says and how it is read.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ValueSource {
    /// Where the value comes from.
    pub provenance: Provenance,
    /// Vietnamese note (the phrase read, or why the value is assumed).
    #[serde(default)]
    pub note_vi: String,
    /// English note.
    #[serde(default)]
    pub note_en: String,
}

/// A national rule the policy cites, with its dates.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Its code as clauses cite it, e.g. `QĐ 98-QĐ/TW`.
    pub id: String,
    /// Full Vietnamese title.
    pub title_vi: String,
    /// In force from this date.
    pub in_force_from: super::date::Date,
    /// In force until this date (inclusive), if replaced.
    #[serde(default)]
    pub in_force_until: Option<super::date::Date>,
    /// The instrument that replaced it.
    #[serde(default)]
    pub replaced_by: Option<String>,
    /// Where its thresholds differ from the one it replaced or that replaced it (Vietnamese).
    #[serde(default)]
    pub differs_vi: String,
    /// The same in English.
    #[serde(default)]
    pub differs_en: String,
}

impl Instrument {
    /// Whether it is in force on `date`.
    pub fn in_force_on(&self, date: super::date::Date) -> bool {
        self.in_force_from <= date && self.in_force_until.is_none_or(|u| date <= u)
    }
}

/// A clause that replaces the rule's `clause` from a date on (a new national rule).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DatedClause {
    /// First day it applies.
    pub from: super::date::Date,
    /// The clause cited from then on.
    pub clause: String,
}

/// A group of roles that count as equivalent at a level.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RoleGroup {
    /// Group name, e.g. `district-deputy`.
    pub name: String,
    /// Level.
    pub level: Level,
    /// Roles in the group.
    pub roles: Vec<Role>,
}

/// Suitability points and the weights of the objective.
///
/// The objective is lexicographic, in the order `priorities` names (by default targets first,
/// then the least disruption, then suitability). The solver turns these into stages, or into
/// weights that provably keep that order (see `formulation::objective`).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveWeights {
    /// Points when the cadre is in the planning for exactly this post.
    pub planned_for_post: u32,
    /// Points when the cadre is in the planning for this role (or an equivalent) at this level.
    pub planned_for_role: u32,
    /// Points per rating step above "completed" in each of the last `rating_years` years.
    pub rating_point: u32,
    /// How many recent years of ratings count.
    pub rating_years: u32,
    /// Points when the cadre's field of training matches the post's unit.
    pub field_match: u32,
    /// Points per full 4 years of leadership experience (capped at `experience_cap`).
    pub experience_point: u32,
    /// Cap on experience points.
    pub experience_cap: u32,
    /// Cost of leaving a non-key, non-supernumerary post vacant, in moves.
    pub vacancy_cost: u32,
    /// The order of the objective's priorities after the hard rules. The default,
    /// `["targets", "disruption", "suitability"]`, makes the fewest moves (and extra-seat
    /// uses) that reach the targets, and lets suitability choose *who* among plans of equal
    /// disruption; a province that wants the most suitable people first writes
    /// `["targets", "suitability", "disruption"]`. Targets always come first.
    #[serde(default = "default_priorities")]
    pub priorities: Vec<Priority>,
    /// Which fields of training suit which units (for `field_match`).
    #[serde(default)]
    pub field_affinity: Vec<FieldAffinity>,
}

/// One priority of the objective.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Weighted shortfall of the targets.
    Targets,
    /// Moves, releases, extra-seat uses and priced vacancies.
    Disruption,
    /// Suitability (and preference) points of the placements.
    Suitability,
}

impl Priority {
    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Priority::Targets => "targets",
            Priority::Disruption => "disruption",
            Priority::Suitability => "suitability",
        }
    }
}

/// The default order of priorities: targets, then the least disruption, then suitability.
pub fn default_priorities() -> Vec<Priority> {
    vec![Priority::Targets, Priority::Disruption, Priority::Suitability]
}

/// Units whose name contains `name_contains` (or of one of `unit_kinds`) are suited by `fields`.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FieldAffinity {
    /// A substring of the unit name (case-sensitive, NFC), e.g. "Tài chính".
    #[serde(default)]
    pub name_contains: Option<String>,
    /// Unit kinds.
    #[serde(default)]
    pub unit_kinds: Vec<UnitKind>,
    /// Fields that suit.
    pub fields: Vec<Field>,
}

/// One rule of the policy.
///
/// Deserialised in two steps (common fields, then the kind's own fields) because serde's
/// `flatten` cannot be combined with `deny_unknown_fields`: a misspelt field inside a rule
/// must still be an error.
#[derive(Clone, Debug, Serialize, JsonSchema, PartialEq)]
pub struct Rule {
    /// Rule id, unique in the policy, e.g. `young-commune-vice-chair-share`.
    pub id: String,
    /// Where it comes from, e.g. `09-KL/TU §2.3(2)`.
    pub clause: String,
    /// Vietnamese title.
    pub title_vi: String,
    /// English title.
    pub title_en: String,
    /// Whether the rule is in force (default true).
    #[serde(default = "yes")]
    pub enabled: bool,
    /// The Vietnamese phrase of the conclusion (or national rule) the rule reads.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reads_vi: Option<String>,
    /// Where the rule and its values come from, unless `values` says otherwise for a value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<Provenance>,
    /// The provenance of single values: `bands.2021`, `strength`, `max_years`, ...
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub values: BTreeMap<String, ValueSource>,
    /// Clauses that replace `clause` from a date on (the rule in force on the plan date is
    /// cited).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clause_from: Vec<DatedClause>,
    /// The rule itself.
    #[serde(flatten)]
    pub body: RuleBody,
}

fn yes() -> bool {
    true
}

/// The fields every rule may carry about where it comes from (read apart from its kind's
/// fields).
pub const RULE_PROVENANCE_FIELDS: [&str; 4] = ["reads_vi", "provenance", "values", "clause_from"];

/// A rule's provenance fields, deserialised on their own.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleProvenance {
    /// See [`Rule::reads_vi`].
    #[serde(default)]
    pub reads_vi: Option<String>,
    /// See [`Rule::provenance`].
    #[serde(default)]
    pub provenance: Option<Provenance>,
    /// See [`Rule::values`].
    #[serde(default)]
    pub values: BTreeMap<String, ValueSource>,
    /// See [`Rule::clause_from`].
    #[serde(default)]
    pub clause_from: Vec<DatedClause>,
}

impl Rule {
    /// The clause in force on `date`: the last `clause_from` entry starting on or before it,
    /// else `clause`.
    pub fn clause_on(&self, date: super::date::Date) -> &str {
        self.clause_from.iter().filter(|c| c.from <= date).max_by_key(|c| c.from).map_or(&self.clause, |c| &c.clause)
    }

    /// Where a value of the rule comes from (`bands.2021`, `strength`, ...): its own entry in
    /// `values`, else the rule's provenance.
    pub fn provenance_of(&self, value: &str) -> Option<Provenance> {
        self.values.get(value).map(|v| v.provenance).or(self.provenance)
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let value = serde_json::Value::deserialize(d)?;
        let serde_json::Value::Object(mut map) = value else {
            return Err(D::Error::custom("a rule must be a table"));
        };
        let mut take = |k: &str| map.remove(k);
        let text = |k: &str, v: Option<serde_json::Value>| -> Result<String, D::Error> {
            match v {
                Some(serde_json::Value::String(s)) => Ok(s),
                Some(other) => Err(D::Error::custom(format!("`{k}` must be a string, found {other}"))),
                None => Err(D::Error::custom(format!("missing field `{k}`"))),
            }
        };
        let id = text("id", take("id"))?;
        let clause = text("clause", take("clause"))?;
        let title_vi = text("title_vi", take("title_vi"))?;
        let title_en = text("title_en", take("title_en"))?;
        let enabled = match take("enabled") {
            None => true,
            Some(serde_json::Value::Bool(b)) => b,
            Some(other) => {
                return Err(D::Error::custom(format!("rule '{id}': `enabled` must be true or false, found {other}")))
            }
        };
        let head: RuleProvenance = serde_json::from_value(serde_json::Value::Object(
            RULE_PROVENANCE_FIELDS.iter().filter_map(|k| map.remove(*k).map(|v| (k.to_string(), v))).collect(),
        ))
        .map_err(|e| D::Error::custom(format!("rule '{id}': {e}")))?;
        let body: RuleBody = serde_json::from_value(serde_json::Value::Object(map))
            .map_err(|e| D::Error::custom(format!("rule '{id}': {e}")))?;
        Ok(Rule {
            id,
            clause,
            title_vi,
            title_en,
            enabled,
            reads_vi: head.reads_vi,
            provenance: head.provenance,
            values: head.values,
            clause_from: head.clause_from,
            body,
        })
    }
}

/// Whether a bounded rule is a hard constraint or a weighted target, per milestone.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Strength {
    /// Milestones at which the rule is hard; at the others it is a target.
    #[serde(default)]
    pub hard_at: Vec<String>,
    /// Weight of one unit of shortfall when it is a target (relative to other targets).
    #[serde(default = "one")]
    pub weight: u32,
}

fn one() -> u32 {
    1
}

/// A band `[min, max]` of shares (0..=1) or counts.
pub type Band = [f64; 2];

/// The kinds of rule.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum RuleBody {
    /// A filter on (cadre, post) pairs.
    Eligibility(EligibilityRule),
    /// A share of child localities per parent locality.
    Coverage(CoverageRule),
    /// Age tiers and fields inside key teams.
    TeamMix(TeamMixRule),
    /// A cap on consecutive years in one post.
    TenureCap(TenureCapRule),
    /// A share of a population moved between agencies.
    RotationQuota(RotationQuotaRule),
    /// An objective bonus.
    Preference(PreferenceRule),
    /// A cap on filled vice-chair posts per unit.
    ViceChairCap(ViceChairCapRule),
    /// Moved incumbents stay at their level.
    SameLevel(SameLevelRule),
    /// Moved cadres must have enough service left.
    ServiceLeft(ServiceLeftRule),
}

impl RuleBody {
    /// The snake_case name of the kind.
    pub fn kind_name(&self) -> &'static str {
        match self {
            RuleBody::Eligibility(_) => "eligibility",
            RuleBody::Coverage(_) => "coverage",
            RuleBody::TeamMix(_) => "team_mix",
            RuleBody::TenureCap(_) => "tenure_cap",
            RuleBody::RotationQuota(_) => "rotation_quota",
            RuleBody::Preference(_) => "preference",
            RuleBody::ViceChairCap(_) => "vice_chair_cap",
            RuleBody::SameLevel(_) => "same_level",
            RuleBody::ServiceLeft(_) => "service_left",
        }
    }
}

/// Selects posts by level, role and unit kind (an empty list matches everything).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct PostSelector {
    /// Levels.
    #[serde(default)]
    pub levels: Vec<Level>,
    /// Roles.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Unit kinds.
    #[serde(default)]
    pub unit_kinds: Vec<UnitKind>,
}

/// Which cadres an eligibility rule judges.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CandidateClass {
    /// Cadres who hold no planned post (the candidate pool): their placement is a reinforcement
    /// or an appointment.
    Pool,
    /// Incumbents of planned posts moving to another planned post.
    Incumbents,
    /// Everyone placed in a post they do not hold now.
    Movers,
}

/// The eligibility filter: every criterion must hold for a (cadre, post) pair to exist.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EligibilityRule {
    /// The posts the rule guards.
    pub target: PostSelector,
    /// The cadres it judges.
    pub candidates: CandidateClass,
    /// Age strictly below this on the plan date.
    #[serde(default)]
    pub max_age_exclusive: Option<u32>,
    /// At least `at_least` in each of the last `years` rated years before the plan year.
    #[serde(default)]
    pub min_ratings: Option<MinRatings>,
    /// Must be formally trained.
    #[serde(default)]
    pub formally_trained: bool,
    /// Degree class at least this.
    #[serde(default)]
    pub min_degree_class: Option<DegreeClass>,
    /// Must be in the planning for the post or an equivalent one.
    #[serde(default)]
    pub in_planning: bool,
    /// Current role must be one of these (when the cadre holds a post).
    #[serde(default)]
    pub current_roles: Vec<Role>,
    /// Current level must be one of these.
    #[serde(default)]
    pub current_levels: Vec<Level>,
    /// Must be a civil servant.
    #[serde(default)]
    pub civil_servant: bool,
    /// `max_age_exclusive` says whom the rule is for (young cadres sent in, §2.2(1)), not a
    /// criterion: a cadre at or over the age is not judged by this rule at all, and needs
    /// another rule to be admitted.
    #[serde(default)]
    pub age_is_scope: bool,
}

impl EligibilityRule {
    /// Whether the rule judges a cadre of this age (whole years) at all.
    pub fn judges_age(&self, age: i32) -> bool {
        !self.age_is_scope || self.max_age_exclusive.is_none_or(|a| age < a as i32)
    }
}

/// "Rated at least X in each of the last N years".
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MinRatings {
    /// Number of consecutive most recent years.
    pub years: u32,
    /// Minimum rating in each.
    pub at_least: Rating,
}

/// What a coverage rule counts in a child locality.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(tag = "test", rename_all = "snake_case", deny_unknown_fields)]
pub enum LocalityPredicate {
    /// A post of one of `roles` in the child is held after the plan by a cadre aged under
    /// `max_age_exclusive`; with `sent_in`, only cadres placed there by this plan count.
    YoungHolder {
        /// Roles that count.
        roles: Vec<Role>,
        /// Age limit (exclusive).
        max_age_exclusive: u32,
        /// Only cadres newly placed by this plan count.
        #[serde(default)]
        sent_in: bool,
    },
    /// Every post of one of `roles` in the child is held by a non-local cadre (vacant posts
    /// do not count as satisfied).
    NonLocalHolder {
        /// Roles that count.
        roles: Vec<Role>,
    },
    /// A cadre whose post before the plan is in the child moves to a post outside it.
    RotatedOut {
        /// Only moves from posts of these roles count (empty: any planned role).
        #[serde(default)]
        roles: Vec<Role>,
    },
}

/// A share of child localities, per parent locality.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CoverageRule {
    /// Level of the parent localities (one bound per parent).
    pub over: Level,
    /// Level of the children counted.
    pub child: Level,
    /// What a child must have.
    pub predicate: LocalityPredicate,
    /// Bands of the share of children, per milestone.
    pub bands: BTreeMap<String, Band>,
    /// Hard or target.
    #[serde(default)]
    pub strength: Strength,
    /// Milestones whose band is a floor on the way up ("phấn đấu"): its upper figure is a
    /// step, not a cap. See [`effective_band`].
    #[serde(default)]
    pub floors: Vec<String>,
    /// Children with no post the predicate could be met in are left out of the share.
    #[serde(default = "yes")]
    pub skip_impossible: bool,
}

/// An age tier: `[min_age, max_age)` and a minimum number of team members in it.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct AgeTier {
    /// Tier name, e.g. "dưới 40".
    pub name: String,
    /// Lowest age (inclusive).
    pub min_age: u32,
    /// Highest age (exclusive).
    pub max_age: u32,
}

/// Age tiers and fields in key teams.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TeamMixRule {
    /// Team kinds it applies to (empty: all).
    #[serde(default)]
    pub team_kinds: Vec<TeamKind>,
    /// Levels it applies to, by the team's locality (empty: all).
    #[serde(default)]
    pub levels: Vec<Level>,
    /// Age tiers per level; a team must have a member in each tier, or in as many tiers as it
    /// has members.
    #[serde(default)]
    pub age_tiers: BTreeMap<String, Vec<AgeTier>>,
    /// Minimum number of distinct fields of training (capped by the team's size).
    #[serde(default)]
    pub min_distinct_fields: u32,
    /// Hard or target.
    #[serde(default)]
    pub strength: Strength,
}

/// Consecutive years in one post.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TenureCapRule {
    /// Years at or above which the holder must leave.
    pub max_years: f64,
    /// When tenure is measured: `plan_date` or `term_end`.
    #[serde(default = "plan_date")]
    pub measured_at: TenureAt,
    /// Roles it applies to.
    pub roles: Vec<Role>,
    /// Hard or target.
    #[serde(default)]
    pub strength: Strength,
}

fn plan_date() -> TenureAt {
    TenureAt::PlanDate
}

/// When tenure is judged.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum TenureAt {
    /// On the plan date.
    PlanDate,
    /// On the last day of the term.
    TermEnd,
}

/// Selects cadres by who manages them.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Population {
    /// Management tiers in the population.
    pub management: Vec<Management>,
}

/// A share of a population moved between agencies.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RotationQuotaRule {
    /// The population (denominator): e.g. cadres managed by the City Committee.
    pub population: Population,
    /// Moves counted start from posts like these.
    pub from: PostSelector,
    /// ... and end in posts like these, in a different unit.
    pub to: PostSelector,
    /// Bands per milestone (shares of the population).
    pub bands: BTreeMap<String, Band>,
    /// Milestones whose band is a floor on the way up. See [`effective_band`].
    #[serde(default)]
    pub floors: Vec<String>,
    /// Hard or target.
    #[serde(default)]
    pub strength: Strength,
}

/// The band that applies at `milestone`: the written band, except that at a milestone listed
/// in `floors` the upper figure is a step on the way up, not a cap. There the upper bound is
/// the lowest upper bound the text sets at a milestone that is not a floor (the goal of the
/// term, e.g. 25% of communes), or none (1.0) when every milestone is a floor or the goal has
/// no upper bound.
pub fn effective_band(bands: &BTreeMap<String, Band>, floors: &[String], milestone: &str) -> Option<Band> {
    let [lo, hi] = *bands.get(milestone)?;
    if !floors.iter().any(|f| f == milestone) {
        return Some([lo, hi]);
    }
    let cap = bands.iter().filter(|(m, _)| !floors.contains(m)).map(|(_, b)| b[1]).fold(1.0_f64, f64::min);
    Some([lo, cap.max(lo)])
}

impl CoverageRule {
    /// The band in force at `milestone` (see [`effective_band`]).
    pub fn band(&self, milestone: &str) -> Option<Band> {
        effective_band(&self.bands, &self.floors, milestone)
    }
}

impl RotationQuotaRule {
    /// The band in force at `milestone` (see [`effective_band`]).
    pub fn band(&self, milestone: &str) -> Option<Band> {
        effective_band(&self.bands, &self.floors, milestone)
    }
}

/// An objective bonus.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PreferenceRule {
    /// What is rewarded.
    pub reward: Reward,
    /// Posts concerned.
    pub posts: PostSelector,
    /// Points per post that satisfies it (in suitability points).
    pub points: u32,
}

/// What a preference rewards.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Reward {
    /// A non-local holder.
    NonLocalHolder,
}

/// Cap on filled vice-chair posts in one unit.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ViceChairCapRule {
    /// Level of the units concerned.
    pub level: Level,
    /// Role capped.
    pub role: Role,
    /// Cap per locality class ("1", "2", "3"; "default" for unknown class).
    pub caps: BTreeMap<String, u32>,
    /// Extra posts allowed when filled by cadres rotated in.
    pub rotated_extra: u32,
}

/// Moved incumbents stay at their level.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SameLevelRule {
    /// Outstanding cadres may move one level up.
    pub outstanding_may_rise: bool,
}

/// Years of service left for a move.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ServiceLeftRule {
    /// Minimum years for an ordinary rotation.
    pub min_years: f64,
    /// Minimum years when the cadre must leave their post (tenure cap) or the move makes a
    /// non-local placement (one full term).
    pub min_years_forced: f64,
}

/// A problem found in a policy, with the TOML path it concerns.
#[derive(Clone, Debug, PartialEq)]
pub struct PolicyProblem {
    /// Dotted path, e.g. `rule[3].bands.2021`.
    pub path: String,
    /// What is wrong and what would be right.
    pub message: String,
}

impl Policy {
    /// Enabled rules, in file order.
    pub fn active_rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| r.enabled)
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Checks thresholds and internal consistency; returns every problem found.
    pub fn problems(&self) -> Vec<PolicyProblem> {
        let mut out = Vec::new();
        let mut p = |path: String, message: String| out.push(PolicyProblem { path, message });
        if self.format != POLICY_FORMAT {
            p("format".into(), format!("unknown format '{}': expected '{POLICY_FORMAT}'", self.format));
        }
        let g = &self.general;
        for (name, v) in [
            ("general.retirement_age_male", g.retirement_age_male),
            ("general.retirement_age_female", g.retirement_age_female),
        ] {
            if let Some(v) = v.filter(|v| !(40.0..=75.0).contains(v)) {
                p(name.into(), format!("{v} is not a plausible retirement age: expected 40 to 75 years"));
            }
        }
        if g.retirement.is_none() && g.retirement_age_male.is_none() && g.retirement_age_female.is_none() {
            p(
                "general.retirement".into(),
                "missing: give the retirement ages, as [general.retirement] (a roadmap by year) or as retirement_age_male and retirement_age_female".into(),
            );
        }
        if let Some(r) = &g.retirement {
            for (name, m) in [("male", &r.male), ("female", &r.female)] {
                for (field, a) in [("before", m.before), ("start", m.start), ("until", m.until)] {
                    if !(40..=75).contains(&a[0]) || a[1] > 11 {
                        p(
                            format!("general.retirement.{name}.{field}"),
                            format!("[{}, {}] is not an age: expected [years 40-75, months 0-11]", a[0], a[1]),
                        );
                    }
                }
                if m.until[0] * 12 + m.until[1] < m.start[0] * 12 + m.start[1] {
                    p(format!("general.retirement.{name}.until"), "is below `start`: a roadmap only rises".into());
                }
            }
        }
        for (level, ranks) in &self.rank_order {
            if Level::parse_code(level).is_none() {
                p(
                    format!("rank_order.{level}"),
                    format!("unknown level '{level}': expected one of {}", Level::codes().join(", ")),
                );
            }
            let mut seen_roles = std::collections::BTreeSet::new();
            for role in ranks.iter().flatten() {
                if !seen_roles.insert(*role) {
                    p(format!("rank_order.{level}"), format!("role '{role}' is ranked twice"));
                }
            }
        }
        for (i, group) in self.equivalent_roles.iter().enumerate() {
            let ranks: Vec<(Role, Option<usize>)> =
                group.roles.iter().map(|r| (*r, self.rank_of(*r, group.level))).collect();
            if self.rank_order.contains_key(group.level.code()) {
                if let Some((r, _)) = ranks.iter().find(|(_, k)| k.is_none()) {
                    p(
                        format!("equivalent_roles[{i}].roles"),
                        format!("role '{r}' has no rank in rank_order.{}: rank it before grouping it", group.level),
                    );
                }
                let distinct: std::collections::BTreeSet<usize> = ranks.iter().filter_map(|(_, k)| *k).collect();
                if distinct.len() > 1 {
                    let listed: Vec<String> =
                        ranks.iter().map(|(r, k)| format!("{r} (rank {})", k.map_or(0, |k| k + 1))).collect();
                    p(
                        format!("equivalent_roles[{i}].roles"),
                        format!(
                            "{} are of different ranks: a move up is a promotion that needs a planning entry (QĐ 50-QĐ/TW), not an equivalence; split the group by rank",
                            listed.join(", ")
                        ),
                    );
                }
            }
        }
        for (i, ins) in self.instruments.iter().enumerate() {
            if ins.in_force_until.is_some_and(|u| u < ins.in_force_from) {
                p(format!("instrument[{i}].in_force_until"), "is before in_force_from".into());
            }
        }
        if !(0.0..=40.0).contains(&g.release_if_service_left_below) {
            p(
                "general.release_if_service_left_below".into(),
                format!("{} years is out of range: expected 0 to 40", g.release_if_service_left_below),
            );
        }
        if g.local.years_worked < 0.0 {
            p("general.local.years_worked".into(), "must not be negative".into());
        }
        if g.planned_roles.is_empty() {
            p("general.planned_roles".into(), "is empty: name the roles whose posts the plan fills".into());
        }
        {
            let pr = &self.objective.priorities;
            let mut sorted = pr.clone();
            sorted.sort();
            if sorted != default_priorities() || pr.first() != Some(&Priority::Targets) {
                p(
                    "objective.priorities".into(),
                    format!(
                        "{:?} must name targets, disruption and suitability once each, targets first: \
                         e.g. [\"targets\", \"disruption\", \"suitability\"]",
                        pr.iter().map(|x| x.code()).collect::<Vec<_>>()
                    ),
                );
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for (i, rule) in self.rules.iter().enumerate() {
            let at = format!("rule[{i}]");
            if rule.id.trim().is_empty() {
                p(
                    format!("{at}.id"),
                    "empty rule id: every rule needs an id (e.g. \"young-district-leader\"); plans and explanations name rules by it".into(),
                );
            } else if rule.id.trim() != rule.id {
                p(format!("{at}.id"), format!("rule id '{}' has spaces around it: remove them", rule.id));
            } else if !seen.insert(rule.id.as_str()) {
                p(format!("{at}.id"), format!("duplicate rule id '{}': ids must be unique", rule.id));
            }
            if rule.clause.trim().is_empty() {
                p(format!("{at}.clause"), "is empty: every rule must cite the clause it comes from".into());
            }
            for (k, c) in rule.clause_from.iter().enumerate() {
                if c.clause.trim().is_empty() {
                    p(format!("{at}.clause_from[{k}].clause"), "is empty".into());
                }
            }
            let body_fields = serde_json::to_value(&rule.body).ok();
            for key in rule.values.keys() {
                let known = match key.split_once('.') {
                    Some(("bands", m)) => match &rule.body {
                        RuleBody::Coverage(c) => c.bands.contains_key(m),
                        RuleBody::RotationQuota(q) => q.bands.contains_key(m),
                        _ => false,
                    },
                    _ => {
                        let field = key.split_once('.').map_or(key.as_str(), |(f, _)| f);
                        field != "kind" && body_fields.as_ref().and_then(|v| v.get(field)).is_some()
                    }
                };
                if !known {
                    p(
                        format!("{at}.values.{key}"),
                        format!(
                            "'{key}' names no value of this rule: expected a field of the rule or bands.<milestone>"
                        ),
                    );
                }
            }
            let check_bands = |bands: &BTreeMap<String, Band>, share: bool, p: &mut dyn FnMut(String, String)| {
                if bands.is_empty() {
                    p(
                        format!("{at}.bands"),
                        "no band given: add at least one milestone, e.g. 2021 = [0.4, 0.6]".into(),
                    );
                }
                for (m, [lo, hi]) in bands {
                    if lo > hi {
                        p(format!("{at}.bands.{m}"), format!("lower bound {lo} is above upper bound {hi}"));
                    }
                    if *lo < 0.0 || (share && *hi > 1.0) {
                        p(
                            format!("{at}.bands.{m}"),
                            format!("[{lo}, {hi}] is not a share: both bounds must lie in 0..1 (e.g. 0.2 for 20%)"),
                        );
                    }
                }
            };
            match &rule.body {
                RuleBody::Coverage(c) => {
                    check_bands(&c.bands, true, &mut p);
                    if c.child.rank() >= c.over.rank() {
                        p(
                            format!("{at}.child"),
                            format!("child level '{}' must be below the parent level '{}'", c.child, c.over),
                        );
                    }
                }
                RuleBody::RotationQuota(q) => {
                    check_bands(&q.bands, true, &mut p);
                    if q.population.management.is_empty() {
                        p(format!("{at}.population.management"), "is empty: name the management tiers counted".into());
                    }
                }
                RuleBody::TeamMix(t) => {
                    for (level, tiers) in &t.age_tiers {
                        if Level::parse_code(level).is_none() {
                            p(
                                format!("{at}.age_tiers.{level}"),
                                format!("unknown level '{level}': expected one of {}", Level::codes().join(", ")),
                            );
                        }
                        let mut sorted: Vec<&AgeTier> = tiers.iter().collect();
                        sorted.sort_by_key(|t| t.min_age);
                        for (k, tier) in sorted.iter().enumerate() {
                            if tier.min_age >= tier.max_age {
                                p(
                                    format!("{at}.age_tiers.{level}"),
                                    format!(
                                        "tier '{}' is empty: min_age {} must be below max_age {}",
                                        tier.name, tier.min_age, tier.max_age
                                    ),
                                );
                            }
                            if let Some(next) = sorted.get(k + 1) {
                                if next.min_age > tier.max_age {
                                    p(
                                        format!("{at}.age_tiers.{level}"),
                                        format!(
                                            "tiers leave a gap: '{}' ends at {} but '{}' starts at {}; make them meet",
                                            tier.name, tier.max_age, next.name, next.min_age
                                        ),
                                    );
                                } else if next.min_age < tier.max_age {
                                    p(
                                        format!("{at}.age_tiers.{level}"),
                                        format!(
                                            "tiers overlap: '{}' ends at {} but '{}' starts at {}",
                                            tier.name, tier.max_age, next.name, next.min_age
                                        ),
                                    );
                                }
                            }
                        }
                    }
                }
                RuleBody::TenureCap(t) => {
                    if !(1.0..=40.0).contains(&t.max_years) {
                        p(
                            format!("{at}.max_years"),
                            format!("{} years is out of range: expected 1 to 40", t.max_years),
                        );
                    }
                }
                RuleBody::ServiceLeft(s) => {
                    if s.min_years_forced > s.min_years {
                        p(
                            format!("{at}.min_years_forced"),
                            format!(
                                "{} is above min_years {}: a forced move cannot need more",
                                s.min_years_forced, s.min_years
                            ),
                        );
                    }
                    if s.min_years < 0.0 || s.min_years_forced < 0.0 {
                        p(format!("{at}.min_years"), "must not be negative".into());
                    }
                }
                RuleBody::Eligibility(e) => {
                    if let Some(a) = e.max_age_exclusive {
                        if !(18..=80).contains(&a) {
                            p(format!("{at}.max_age_exclusive"), format!("{a} is out of range: expected 18 to 80"));
                        }
                    }
                    if let Some(r) = &e.min_ratings {
                        if r.years == 0 || r.years > 10 {
                            p(
                                format!("{at}.min_ratings.years"),
                                format!("{} is out of range: expected 1 to 10", r.years),
                            );
                        }
                    }
                }
                RuleBody::ViceChairCap(v) => {
                    for k in v.caps.keys() {
                        if !matches!(k.as_str(), "1" | "2" | "3" | "default") {
                            p(
                                format!("{at}.caps.{k}"),
                                format!("unknown class '{k}': expected \"1\", \"2\", \"3\" or \"default\""),
                            );
                        }
                    }
                    if !v.caps.contains_key("default") {
                        p(format!("{at}.caps"), "no \"default\" cap for localities of unknown class".into());
                    }
                }
                RuleBody::Preference(_) | RuleBody::SameLevel(_) => {}
            }
            for m in strength_of(&rule.body).map(|s| s.hard_at.as_slice()).unwrap_or(&[]) {
                if !self.known_milestones().contains(m) {
                    p(format!("{at}.strength.hard_at"), format!("unknown milestone '{m}'"));
                }
            }
        }
        if !self.known_milestones().contains(&self.milestone) {
            p(
                "milestone".into(),
                format!(
                    "no rule has a band for milestone '{}': expected one of {}",
                    self.milestone,
                    self.known_milestones().into_iter().collect::<Vec<_>>().join(", ")
                ),
            );
        }
        out
    }

    /// The milestone of this name, or every milestone the policy knows.
    pub fn milestone_named(&self, name: &str) -> Result<Milestone, UnknownMilestone> {
        let known = self.known_milestones();
        let t = name.trim();
        if known.contains(t) {
            Ok(Milestone(t.to_string()))
        } else {
            Err(UnknownMilestone {
                name: name.to_string(),
                policy: self.id.clone(),
                known: known.into_iter().collect(),
            })
        }
    }

    /// The policy's default milestone (validated like any other).
    pub fn default_milestone(&self) -> Result<Milestone, UnknownMilestone> {
        self.milestone_named(&self.milestone)
    }

    /// The rank (0 = highest) of a role at a level, from `rank_order`.
    pub fn rank_of(&self, role: Role, level: Level) -> Option<usize> {
        self.rank_order.get(level.code())?.iter().position(|rank| rank.contains(&role))
    }

    /// The instruments cited on `date` that are not in force then, with the rules citing
    /// them: (rule id, instrument id).
    pub fn clauses_out_of_force(&self, date: super::date::Date) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for r in self.active_rules() {
            let clause = r.clause_on(date);
            for ins in &self.instruments {
                if !ins.in_force_on(date) && clause.contains(&ins.id) {
                    out.push((r.id.clone(), ins.id.clone()));
                }
            }
        }
        out
    }

    /// A copy whose rules cite the clauses in force on `date` (`clause` replaced by the
    /// `clause_from` entry in force), so that every explanation and report made from it cites
    /// the rule in force on the plan date.
    pub fn in_force_on(&self, date: super::date::Date) -> Policy {
        let mut p = self.clone();
        for r in &mut p.rules {
            r.clause = r.clause_on(date).to_string();
        }
        p
    }

    /// Every milestone named by a band.
    pub fn known_milestones(&self) -> std::collections::BTreeSet<String> {
        let mut s = std::collections::BTreeSet::new();
        for r in &self.rules {
            match &r.body {
                RuleBody::Coverage(c) => s.extend(c.bands.keys().cloned()),
                RuleBody::RotationQuota(q) => s.extend(q.bands.keys().cloned()),
                _ => {}
            }
        }
        s
    }
}

/// The strength of a rule, for kinds that have one.
pub fn strength_of(body: &RuleBody) -> Option<&Strength> {
    match body {
        RuleBody::Coverage(c) => Some(&c.strength),
        RuleBody::TeamMix(t) => Some(&t.strength),
        RuleBody::TenureCap(t) => Some(&t.strength),
        RuleBody::RotationQuota(q) => Some(&q.strength),
        _ => None,
    }
}

impl PostSelector {
    /// Whether a post with these attributes matches.
    pub fn matches(&self, level: Level, role: Role, unit_kind: UnitKind) -> bool {
        (self.levels.is_empty() || self.levels.contains(&level))
            && (self.roles.is_empty() || self.roles.contains(&role))
            && (self.unit_kinds.is_empty() || self.unit_kinds.contains(&unit_kind))
    }
}
