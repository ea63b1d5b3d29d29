//! The scenario as it is written in files: human codes, optional fields, no cross-references
//! resolved yet.
//!
//! These types are what JSON (and, column for column, the CSV folder format) deserialise into,
//! and what the JSON Schema under `models/schema/` is generated from. They are deliberately
//! dumb: every check that needs more than one field lives in `validate`, and the indexed
//! [`Scenario`](super::Scenario) is only built from a raw scenario that passed it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::date::Date;
use super::enums::*;

/// The format tag every scenario file carries.
pub const SCENARIO_FORMAT: &str = "rotaplan-scenario/1";

/// A whole scenario: the facts on a plan date.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// Always `rotaplan-scenario/1`.
    pub format: String,
    /// A short human name, e.g. "Hải Phòng 2021".
    pub name: String,
    /// The date on which ages, tenures and ratings are judged.
    pub plan_date: Date,
    /// The party term the plan belongs to.
    pub term: Term,
    /// Where the synthetic parts of this scenario came from (generator, seed); free text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provenance: Option<String>,
    /// The locality tree.
    pub localities: Vec<RawLocality>,
    /// Party committees, People's Committees, departments, mass organisations.
    pub units: Vec<RawUnit>,
    /// Leadership teams (for the age-tier and specialisation mix).
    #[serde(default)]
    pub teams: Vec<RawTeam>,
    /// Posts.
    pub posts: Vec<RawPost>,
    /// Cadres: incumbents and candidates.
    pub cadres: Vec<RawCadre>,
}

/// A party term, e.g. 2020-2025.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// First year of the term.
    pub start: i32,
    /// Last year of the term.
    pub end: i32,
}

/// A node of the locality tree.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawLocality {
    /// The official statistics-office code where real (e.g. "31", "303", "11311").
    pub id: String,
    /// Official name with diacritics.
    pub name: String,
    /// What kind of place it is.
    pub kind: LocalityKind,
    /// The parent locality, absent for the root.
    #[serde(default)]
    pub parent: Option<String>,
    /// Administrative class (loại I, II, III) where known: 1, 2 or 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<u8>,
}

/// A body in which posts exist.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawUnit {
    /// Unit code.
    pub id: String,
    /// Name with diacritics.
    pub name: String,
    /// What kind of body.
    pub kind: UnitKind,
    /// The locality it belongs to.
    pub locality: String,
    /// Its level.
    pub level: Level,
}

/// A leadership team.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawTeam {
    /// Team code.
    pub id: String,
    /// Name, e.g. "Thường trực Huyện ủy Thủy Nguyên".
    pub name: String,
    /// Kind of team.
    pub kind: TeamKind,
    /// The locality it leads.
    pub locality: String,
    /// Whether it is a key leadership team (§2.2(3) applies).
    #[serde(default = "yes")]
    pub key: bool,
}

fn yes() -> bool {
    true
}

/// A post.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawPost {
    /// Post code.
    pub id: String,
    /// Human title, e.g. "Phó Chủ tịch UBND xã An Lư".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The unit the post is in.
    pub unit: String,
    /// Its role.
    pub role: Role,
    /// Its level.
    pub level: Level,
    /// The leadership team it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Whether it is a key post (must be filled).
    #[serde(default)]
    pub key: bool,
    /// An extra slot that exists only for a cadre rotated in (vice-chair cap + 1); never
    /// reported as a vacancy when empty.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub supernumerary: bool,
    /// The current holder (a cadre id), absent when vacant.
    #[serde(default)]
    pub holder: Option<String>,
}

/// A cadre.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawCadre {
    /// Cadre code.
    pub id: String,
    /// Full name with diacritics (normalised to NFC).
    pub name: String,
    /// Birth date.
    pub birth_date: Date,
    /// Gender.
    pub gender: Gender,
    /// Hometown (quê quán) locality.
    pub hometown: String,
    /// Other localities where the cadre counts as local (birthplace, long residence).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub local_to: Vec<String>,
    /// The post currently held, absent when the cadre holds no post of the scenario.
    #[serde(default)]
    pub post: Option<String>,
    /// The unit the cadre works in when they hold no post of the scenario (a candidate's
    /// department or commune); informational.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workplace: Option<String>,
    /// The locality the cadre was rotated or sent in from (luân chuyển, tăng cường từ), when
    /// the current post is held as a rotated cadre. Such a cadre counts as coming from
    /// elsewhere in the post's locality for as long as they hold it: the extra ("ngoài số
    /// lượng") vice-chair seat they hold stays theirs, and they count among the cadres rotated
    /// in under the vice-chair caps. The roadmap sets it when a year's plan takes effect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotated_from: Option<String>,
    /// Civil-servant (công chức) status.
    #[serde(default)]
    pub civil_servant: bool,
    /// Who manages the cadre.
    pub management: Management,
    /// Education.
    pub education: Education,
    /// Formally trained (đào tạo bài bản).
    #[serde(default)]
    pub formally_trained: bool,
    /// Recognised as outstanding (may be moved up a level).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub outstanding: bool,
    /// Annual ratings by year.
    #[serde(default)]
    pub ratings: BTreeMap<String, Rating>,
    /// Planning (quy hoạch) entries.
    #[serde(default)]
    pub planning: Vec<PlanningEntry>,
    /// Leadership history.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
}

/// Education record.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Education {
    /// Highest level.
    pub level: EducationLevel,
    /// Field of training.
    pub field: Field,
    /// Class of the degree, if recorded.
    #[serde(default)]
    pub degree_class: Option<DegreeClass>,
}

/// A planning entry: the cadre is in the planning for a role at a level, or for one post.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanningEntry {
    /// The role planned for.
    pub role: Role,
    /// The level planned for.
    pub level: Level,
    /// One specific post, when the planning names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
}

/// A spell in a leadership post.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// Role held.
    pub role: Role,
    /// Level of the post.
    pub level: Level,
    /// Locality of the post.
    pub locality: String,
    /// The post, when it is a post of this scenario.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
    /// First day.
    pub from: Date,
    /// Last day; absent while ongoing.
    #[serde(default)]
    pub to: Option<Date>,
}
