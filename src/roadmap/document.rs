//! The roadmap document (`roadmap.json`): the path over the term, year by year, as data. The
//! text, the report section and the brief are renderings of it.

use serde::{Deserialize, Serialize};

use crate::model::date::Date;
use crate::plan::{InputRef, PinCodes, RelaxedRow};

use super::advance::RetirementEvent;

/// The format tag of a roadmap document.
pub const ROADMAP_FORMAT: &str = "rotaplan-roadmap/1";

/// A roadmap.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub struct RoadmapDoc {
    /// Always `rotaplan-roadmap/1`.
    pub format: String,
    /// The rotaplan version that made it.
    pub rotaplan_version: String,
    /// The scenario of the first year (as given).
    pub scenario: InputRef,
    /// The policy.
    pub policy: InputRef,
    /// First and last year.
    pub years: [i32; 2],
    /// How the years were solved: `sequential_look_ahead` (each year in turn, with the next
    /// milestone's coverage targets as a lower-priority objective) or `sequential` (each year
    /// for its own milestone, the default).
    pub approach: String,
    /// The minimum length of a rotation applied, in months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_rotation_months: Option<u32>,
    /// Years re-planned from this one on (earlier years taken from `--from-roadmap`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replanned_from: Option<i32>,
    /// One entry per year.
    pub plans: Vec<YearDoc>,
    /// Every share the milestones set, year by year (cumulative where the measure adds up).
    pub shares: Vec<ShareTrack>,
    /// For each coverage rule, the year each child locality first met it (e.g. which district
    /// gets its young leader in which year).
    pub firsts: Vec<FirstMet>,
    /// Who moved when, and when they came back (a later move back to the locality or unit
    /// they left).
    pub rotations: Vec<RotationDoc>,
}

/// One year of a roadmap.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub struct YearDoc {
    /// The year.
    pub year: i32,
    /// Its plan date.
    pub plan_date: Option<Date>,
    /// The milestone whose bands apply this year.
    pub milestone: String,
    /// The later milestone pursued ahead of time (lower priority), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ahead: Option<String>,
    /// The plan's status (`optimal`, `stopped_with_plan`, `infeasible`, `fixed` for a year
    /// taken from an earlier roadmap, `not_planned` after a year without a plan).
    pub status: String,
    /// When no plan met this year's milestone's hard rules: the milestone the plan was made
    /// under instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fallback_milestone: Option<String>,
    /// The hard rules that could not hold under `milestone` (with the minimum-rotation keeps),
    /// with their facts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub infeasibility: Vec<RelaxedRow>,
    /// The year's scenario file, beside the document.
    pub scenario_file: String,
    /// sha256 of that file.
    pub scenario_sha256: String,
    /// The year's plan file, beside the document.
    pub plan_file: String,
    /// Pins of this year: the planner's, and cadres kept in place for the minimum rotation
    /// length (`keep`).
    pub pins: PinCodes,
    /// Cadres kept in place because they moved less than the minimum rotation length ago.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<String>,
    /// The cadres of `kept` whose keep had to be lifted: with them all kept, a hard rule or a
    /// planner's pin could not hold, and no plan keeps more of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keeps_released: Vec<CadreRef>,
    /// Retirements since the previous year's plan (and the posts they opened).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retirements: Vec<RetirementEvent>,
    /// Posts whose holder changes this year.
    pub changes: Vec<ChangeRow>,
    /// Incumbents released from the planned posts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub released: Vec<String>,
    /// Moves (placements that are not stays).
    pub moves: Vec<MoveDoc>,
    /// Hard rules broken by the plan (the checker's word; empty for a compliant plan).
    pub violations: usize,
    /// Targets of this year's milestone not met, with why.
    pub unmet: Vec<UnmetDoc>,
}

/// A post whose holder changes.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct ChangeRow {
    /// Post code.
    pub post: String,
    /// Holder before.
    pub before: Option<String>,
    /// Holder after.
    pub after: Option<String>,
}

/// A cadre named in a year's record.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct CadreRef {
    /// Cadre code.
    pub cadre: String,
    /// Name.
    pub name: String,
}

/// A move in a year.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct MoveDoc {
    /// Cadre code.
    pub cadre: String,
    /// Name.
    pub name: String,
    /// Post before.
    pub from: Option<String>,
    /// Post after.
    pub to: Option<String>,
    /// `rotates`, `reinforcement`, `appointment`, `release`.
    pub kind: String,
}

/// A target of a year's milestone that the roadmap does not meet that year.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub struct UnmetDoc {
    /// Rule id.
    pub rule: String,
    /// Subject code.
    pub subject: String,
    /// Subject name.
    pub subject_name: String,
    /// Measure.
    pub measure: String,
    /// Required at least (count).
    pub required_min: Option<f64>,
    /// Required at most (count).
    pub required_max: Option<f64>,
    /// Achieved (cumulative over the term where the measure adds up).
    pub achieved: f64,
    /// Whether the measure adds up over the term.
    pub cumulative: bool,
    /// Why: the facts.
    pub why: Vec<WhyFact>,
    /// The earliest year of the roadmap from which this rule's subject meets the band of its
    /// year's milestone again (`None`: not within the years planned).
    pub earliest_year: Option<i32>,
}

/// A fact behind an unmet target.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum WhyFact {
    /// A child locality that does not meet the predicate, with the number of cadres who could
    /// be placed in one of its posts (eligible this year) and would make it count.
    ChildNotMet {
        /// Child code.
        child: String,
        /// Child name.
        name: String,
        /// Eligible cadres who would count.
        candidates: usize,
    },
    /// A quota's population and the cadres of it eligible this year for a counted move.
    Population {
        /// Population size.
        size: usize,
        /// Cadres who could make a counted move this year.
        candidates: usize,
    },
    /// A team's measure (age tiers, fields) the eligible cadres cannot complete.
    Team {
        /// What is measured.
        measure: String,
    },
}

/// A share against its milestones, year by year.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub struct ShareTrack {
    /// Rule id.
    pub rule: String,
    /// Clause.
    pub clause: String,
    /// Subject code.
    pub subject: String,
    /// Subject name.
    pub subject_name: String,
    /// Whether the measure adds up over the term (counted once, in the year it happens).
    pub cumulative: bool,
    /// One point per year.
    pub by_year: Vec<SharePoint>,
}

/// A share in one year.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, schemars::JsonSchema)]
pub struct SharePoint {
    /// Year.
    pub year: i32,
    /// Milestone of the year.
    pub milestone: String,
    /// Achieved count (cumulative where the measure adds up).
    pub achieved: f64,
    /// Denominator.
    pub denominator: Option<usize>,
    /// Required at least.
    pub required_min: Option<f64>,
    /// Required at most.
    pub required_max: Option<f64>,
    /// Met.
    pub met: bool,
}

/// The first year a child locality met a coverage rule.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct FirstMet {
    /// Rule id.
    pub rule: String,
    /// Child code.
    pub child: String,
    /// Child name.
    pub name: String,
    /// The year (`None`: never within the years planned).
    pub year: Option<i32>,
}

/// A cadre's move, and the year they come back.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq, schemars::JsonSchema)]
pub struct RotationDoc {
    /// Cadre code.
    pub cadre: String,
    /// Name.
    pub name: String,
    /// Year of the move.
    pub year: i32,
    /// Post before.
    pub from: Option<String>,
    /// Post after.
    pub to: String,
    /// Kind of move.
    pub kind: String,
    /// The year of a later move back to the locality (or city unit) left, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back_in: Option<i32>,
    /// The earliest date the minimum rotation length allows another move.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stays_until: Option<Date>,
}
