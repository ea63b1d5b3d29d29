//! The roadmap: a year-by-year plan over the term (`rotaplan roadmap`).
//!
//! 09-KL/TU sets a programme, not a one-off reshuffle: 40-60% of districts with a young leader
//! in 2021 and all of them by 2024; 10-15% of communes reached in 2021, 20-25% by the end of
//! the term; 2-3% of the City Committee's cadres rotated in 2021, 4-5% over the term. A
//! committee needs the path, and a path that is myopic in 2021 and forces churn in 2023 is the
//! failure to avoid.
//!
//! ## The approach: years in sequence, with carried state
//! Each year is one normal plan, made by the same pipeline as `rotaplan solve`
//! ([`crate::plan::make_plan`]) on that year's scenario, under that year's milestone (the
//! latest milestone of the policy not after the year: 2021 for 2021-2023, 2024, `term_end`
//! for the last year of the term), so that `rotaplan check` accepts it on its own. Between
//! years:
//! - time passes ([`advance`]): ages, tenures and service advance with the plan date, ratings
//!   carry forward, retirements happen on their dates;
//! - the plan takes effect: who moved holds the new post, with a new spell, and a cadre who
//!   came from outside the post's locality is marked as rotated in from there (`rotated_from`),
//!   so an extra vice-chair seat and the caps' allowance for rotated cadres stay theirs;
//! - shares that add up over the term (communes reached, districts that rotated a cadre out,
//!   cadres rotated among agencies) are carried ([`ledger`]) into the next year's model as
//!   offsets on its targets ([`crate::formulation::carried`]), so they are counted once;
//! - a cadre the roadmap moved is held in place until the policy's minimum rotation length has
//!   passed (36 months, QĐ 98-QĐ/TW), unless a rule forces a move (the tenure cap, fewer years
//!   of service left than the release threshold) or the planner pins them. A hold is the
//!   year's first objective component (`FormulationSettings::held`), above the targets: every
//!   hold stays unless the hard rules and the planner's pins cannot all hold with it, and then
//!   the fewest give; the year lists them (`keeps_released`) and its plan records the holds
//!   that stayed as keeps, which `check` verifies. (Holds were hard keeps once, lifted after an
//!   infeasible attempt by reading a least-violation answer, up to three rounds: with no
//!   guarantee of lifting the fewest, and at 2.6 s on Hai Phong for each year with a keep to
//!   lift: the failed attempt, the least-violation solve and the retry.)
//!
//! What guards against a myopic path is the objective itself: every move must have a purpose
//! (disruption comes right after the targets), the keeps hold the rotated cadres for their
//! term, and the cumulative shares carry over. Measured on Hai Phong 2021-2025 (3 December),
//! the five years make 402, 154, 158, 222 and 142 moves, none discretionary: the later years'
//! moves are tenure caps falling due, targets and the room they make.
//!
//! `--look-ahead` adds the *next* milestone's coverage targets to each year as a lower-priority
//! objective component (the formulation's `ahead` setting, the same as the "ahead of the
//! milestone" alternative of `solve --plans`). On Hai Phong it took ten times as long (2021
//! and 2022 optimal, 2023 not finished in 25 minutes) for the same move counts (409 and 162)
//! and a worse 2022 target shortfall (353 against 346): the next milestone's LP bound is not
//! reachable, so its stage is a full branch and bound. It is kept as an option, not the default.
//!
//! One model over the whole horizon (a copy of every assignment column per year, linked by
//! "stays unless moved" rows) was the other candidate. It is not built: on Hai Phong one year
//! is already 86k columns and 13k rows, a five-year model would be five times larger, with
//! coupling rows across the years that the per-year guided solve cannot exploit, and the
//! sequence already reaches proven-optimal years with no discretionary move.
//!
//! Re-planning ([`RoadmapRequest::replan_from`]) takes the years before it from an earlier
//! roadmap document, as decided, and plans the rest.

use std::collections::BTreeMap;

use crate::check::{check, counting::whole_counts, Assignment, CheckReport, ViolationSubject};
use crate::formulation::{FormulationSettings, Judge, MoveKind};
use crate::model::date::Date;
use crate::model::policy::{LocalityPredicate, RuleBody};
use crate::model::raw::{RawScenario, Term};
use crate::model::*;
use crate::plan::{
    make_plan, plan_document, subject_names, InputRef, PinCodes, Plan, PlanRequest, PlanSettings, PlanStatus,
};
use crate::solve::{SolveError, SolveStatus, SolverSettings};

pub mod advance;
pub mod document;
pub mod ledger;
pub mod render;

use document::*;
use ledger::Ledger;

/// What cannot be planned (bad input or a solver failure); an infeasible year is not an error
/// (its entry says why). The English `Display` is for logs;
/// [`crate::explain::words::roadmap_error`] words it for a planner.
#[derive(Debug, thiserror::Error)]
pub enum RoadmapError {
    /// The years asked for do not fit the scenario.
    #[error("years: {0}")]
    Years(YearsProblem),
    /// A year's scenario cannot be built.
    #[error("the scenario of {year}: {reason}")]
    Scenario {
        /// Year.
        year: i32,
        /// Why.
        reason: String,
    },
    /// A pin names something the year's scenario does not have.
    #[error("bad pin for {year}: {}", .problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    Pin {
        /// Year.
        year: i32,
        /// Every bad pin.
        problems: Vec<crate::plan::PinProblem>,
    },
    /// The earlier roadmap does not fit the scenario.
    #[error("--from-roadmap, year {year}: {}", .problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("; "))]
    Earlier {
        /// Year.
        year: i32,
        /// Every change that does not fit.
        problems: Vec<EarlierProblem>,
    },
    /// HiGHS failed.
    #[error(transparent)]
    Solve(#[from] SolveError),
}

/// Years that do not fit the scenario or the pins.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum YearsProblem {
    /// The first year is after the last.
    #[error("{first}..{last} is empty")]
    Empty {
        /// First year.
        first: i32,
        /// Last year.
        last: i32,
    },
    /// The scenario's plan date falls after the first year.
    #[error("the scenario's plan date {plan_date} is after the first year {first}")]
    AfterPlanDate {
        /// The scenario's plan date.
        plan_date: crate::model::date::Date,
        /// First year.
        first: i32,
    },
    /// A pin names a year outside the roadmap.
    #[error("a pin names {year}, outside {first}..{last}")]
    PinOutside {
        /// The pin's year.
        year: i32,
        /// First year.
        first: i32,
        /// Last year.
        last: i32,
    },
}

/// A change of an earlier roadmap that does not fit this year's scenario.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EarlierProblem {
    /// A post or cadre code the scenario does not have.
    #[error("unknown {what} '{code}'")]
    Unknown {
        /// Cadre or post.
        what: crate::plan::CodeKind,
        /// The code.
        code: String,
    },
    /// The post's holder before the change is not the scenario's.
    #[error("post '{post}' is held by {} in this scenario, not {}", .here.as_deref().unwrap_or("nobody"), .there.as_deref().unwrap_or("nobody"))]
    HolderDiffers {
        /// The post.
        post: String,
        /// Its holder in this scenario.
        here: Option<String>,
        /// Its holder before the change in the earlier roadmap.
        there: Option<String>,
    },
}

/// What to plan.
#[derive(Clone, Debug)]
pub struct RoadmapRequest<'a> {
    /// The scenario of the first year (its plan date's year is the first year, or earlier).
    pub raw: &'a RawScenario,
    /// Its reference (name, sha256) as given.
    pub scenario_ref: InputRef,
    /// The policy.
    pub policy: &'a Policy,
    /// Its reference.
    pub policy_ref: InputRef,
    /// First year.
    pub first: i32,
    /// Last year.
    pub last: i32,
    /// The planner's pins, by year.
    pub pins: BTreeMap<i32, PinCodes>,
    /// Solver settings of every year.
    pub solver: SolverSettings,
    /// Pursue the next milestone's coverage targets each year too, as a lower-priority
    /// component (`--look-ahead`; off by default: on Hai Phong it cost ten times the time and
    /// bought nothing, see the module doc).
    pub look_ahead: bool,
    /// An earlier roadmap whose years before `replan_from` are kept as decided.
    pub earlier: Option<&'a RoadmapDoc>,
    /// The first year planned again.
    pub replan_from: Option<i32>,
}

/// One year's outputs besides its entry in the document.
#[derive(Clone, Debug)]
pub struct YearOutput {
    /// The year.
    pub year: i32,
    /// The year's scenario, as written to its file.
    pub scenario_json: String,
    /// The year's plan (absent for a year that could not be planned).
    pub plan: Option<Plan>,
}

/// A planned roadmap.
#[derive(Clone, Debug)]
pub struct Roadmap {
    /// The document.
    pub doc: RoadmapDoc,
    /// The files of each year.
    pub years: Vec<YearOutput>,
}

impl Roadmap {
    /// The facts behind each infeasible year's rows (`YearDoc::infeasibility`), re-derived in
    /// `lang` from that year's scenario and the policy, by year and row (the document records
    /// them in English, as a plan does).
    /// The title of every rule a year's infeasibility can name (policy rules and the
    /// structural ones), by id, in `lang`: the text names rules by title, not by code.
    pub fn rule_titles(policy: &Policy, lang: crate::explain::Lang) -> BTreeMap<String, String> {
        use crate::formulation::RuleRef as R;
        let refs = (0..policy.rules.len()).map(R::Policy).chain([
            R::Capacity,
            R::KeyPostFilled,
            R::Continuity,
            R::Pin,
            R::Scope,
            R::Supernumerary,
            R::PoolAdmission,
            R::Tradeoff,
        ]);
        refs.map(|r| (crate::plan::rule_id(policy, r).0, crate::explain::words::rule_title(policy, r, lang))).collect()
    }

    /// The facts of each year's infeasibility rows, rebuilt in `lang` (by year, then row).
    pub fn infeasibility_facts(&self, policy: &Policy, lang: crate::explain::Lang) -> BTreeMap<i32, Vec<Vec<String>>> {
        let mut out = BTreeMap::new();
        for y in self.doc.plans.iter().filter(|y| !y.infeasibility.is_empty()) {
            let Some(year) = self.years.iter().find(|o| o.year == y.year) else { continue };
            let Ok(raw) = serde_json::from_str::<RawScenario>(&year.scenario_json) else { continue };
            let Ok(s) = Scenario::resolve(&raw) else { continue };
            // the first attempt's pins: the planner's and the minimum-rotation keeps
            let mut pins = y.pins.to_pins(&s).unwrap_or_default();
            for c in y.kept.iter().filter_map(|code| s.cadre_by_code(code)) {
                if !pins.keep.contains(&c) {
                    pins.keep.push(c);
                }
            }
            let settings = FormulationSettings {
                milestone: Some(y.milestone.clone()),
                pins: pins.clone(),
                ..FormulationSettings::default()
            };
            let f = crate::formulation::Formulation::build(&s, policy, &settings);
            let facts =
                y.infeasibility.iter().map(|row| crate::explain::relaxed_row_facts(&f, row, &pins, lang)).collect();
            out.insert(y.year, facts);
        }
        out
    }
}

/// The policy's milestones placed on the calendar: a milestone named by a year falls in that
/// year, `term_end` in the last year of the term; sorted by year.
pub fn milestone_calendar(policy: &Policy, term: Term) -> Vec<(i32, String)> {
    let mut out: Vec<(i32, String)> = policy
        .known_milestones()
        .into_iter()
        .filter_map(|m| match m.as_str() {
            "term_end" => Some((term.end, m)),
            y => y.parse::<i32>().ok().map(|y| (y, m)),
        })
        .collect();
    // a year named outright comes before `term_end` in the same year
    out.sort_by_key(|(y, m)| (*y, m == "term_end"));
    out
}

/// The milestone in force in `year` (the latest one not after it, else the first) and the
/// next one after it, if any.
pub fn milestone_for(calendar: &[(i32, String)], year: i32) -> (Option<String>, Option<String>) {
    let now = calendar.iter().rev().find(|(y, _)| *y <= year).or_else(|| calendar.first()).map(|(_, m)| m.clone());
    let next = calendar.iter().find(|(y, m)| *y > year && Some(m) != now.as_ref()).map(|(_, m)| m.clone());
    (now, next)
}

/// Plans the years `first..=last`.
pub fn plan_roadmap(req: &RoadmapRequest<'_>) -> Result<Roadmap, RoadmapError> {
    let policy = req.policy;
    if req.first > req.last {
        return Err(RoadmapError::Years(YearsProblem::Empty { first: req.first, last: req.last }));
    }
    if req.raw.plan_date.year() > req.first {
        return Err(RoadmapError::Years(YearsProblem::AfterPlanDate {
            plan_date: req.raw.plan_date,
            first: req.first,
        }));
    }
    for y in req.pins.keys() {
        if !(req.first..=req.last).contains(y) {
            return Err(RoadmapError::Years(YearsProblem::PinOutside { year: *y, first: req.first, last: req.last }));
        }
    }
    let calendar = milestone_calendar(policy, req.raw.term);
    let months = policy.general.min_rotation_months;
    let mut doc = RoadmapDoc {
        format: ROADMAP_FORMAT.into(),
        rotaplan_version: env!("CARGO_PKG_VERSION").into(),
        scenario: req.scenario_ref.clone(),
        policy: req.policy_ref.clone(),
        years: [req.first, req.last],
        approach: if req.look_ahead { "sequential_look_ahead" } else { "sequential" }.into(),
        min_rotation_months: months,
        replanned_from: req.replan_from.filter(|_| req.earlier.is_some()),
        ..RoadmapDoc::default()
    };
    let mut outputs = Vec::new();
    let mut raw = req.raw.clone();
    let mut ledger = Ledger::default();
    let mut moved_on: BTreeMap<String, Date> = BTreeMap::new();
    let mut tracker = Tracker::default();
    let mut stopped = false;
    for year in req.first..=req.last {
        let mut retirements = Vec::new();
        if raw.plan_date.year() < year {
            let adv = advance::advance(&raw, policy, year).map_err(|reason| RoadmapError::Scenario { year, reason })?;
            raw = adv.raw;
            retirements = adv.retirements;
        }
        let scenario_json = serde_json::to_string_pretty(&raw).expect("a scenario serialises") + "\n";
        let digest = crate::model::load::sha256_hex(scenario_json.as_bytes());
        let (milestone, ahead) = milestone_for(&calendar, year);
        let milestone = milestone.unwrap_or_else(|| policy.milestone.clone());
        let ahead = ahead.filter(|_| req.look_ahead);
        let mut entry = YearDoc {
            year,
            plan_date: Some(raw.plan_date),
            milestone: milestone.clone(),
            ahead: ahead.clone(),
            scenario_file: format!("scenario-{year}.json"),
            scenario_sha256: digest.clone(),
            plan_file: format!("plan-{year}.json"),
            retirements,
            ..YearDoc::default()
        };
        if stopped {
            entry.status = "not_planned".into();
            doc.plans.push(entry);
            outputs.push(YearOutput { year, scenario_json, plan: None });
            continue;
        }
        let s = Scenario::resolve(&raw).map_err(|reason| RoadmapError::Scenario { year, reason })?;
        let judge = Judge::new(&s, policy);
        let planner = req.pins.get(&year).cloned().unwrap_or_default();
        let planner_pins = planner.to_pins(&s).map_err(|problems| RoadmapError::Pin { year, problems })?;
        let planner_keeps = planner_pins.keep.clone();
        let mut pins = planner_pins.clone();
        let kept = keeps(&s, policy, &judge, &moved_on, months, &pins);
        for c in &kept {
            if !pins.keep.contains(c) {
                pins.keep.push(*c);
            }
        }
        entry.kept = kept.iter().map(|c| s.cadre(*c).code.clone()).collect();
        // a keep is the rule's, not the planner's, unless the planner kept the cadre too
        let held: Vec<String> = kept
            .iter()
            .filter(|c| !planner.keep.iter().any(|k| s.cadre_by_code(k.trim()) == Some(**c)))
            .map(|c| s.cadre(*c).code.clone())
            .collect();
        let mark = |codes: &mut PinCodes| {
            codes.min_rotation = held.iter().filter(|c| codes.keep.contains(c)).cloned().collect();
        };
        entry.pins = PinCodes::from_pins(&s, &pins);
        let scenario_ref = InputRef { name: s.name.clone(), sha256: digest };
        // the pins the year's plan was made under (the holds that gave taken out)
        let mut used_pins = pins.clone();
        let fixed = req
            .earlier
            .filter(|_| req.replan_from.is_some_and(|r| year < r))
            .and_then(|d| d.plans.iter().find(|p| p.year == year));
        let (plan, a) = if let Some(earlier) = fixed {
            let a = assignment_from_changes(&s, policy, earlier)
                .map_err(|problems| RoadmapError::Earlier { year, problems })?;
            let report = check(&s, policy, &milestone, &a, &pins);
            let head = Plan {
                rotaplan_version: env!("CARGO_PKG_VERSION").into(),
                scenario: scenario_ref.clone(),
                policy: req.policy_ref.clone(),
                settings: PlanSettings { pins: entry.pins.clone(), ..PlanSettings::default() },
                ..Plan::default()
            };
            let mut plan = plan_document(&s, policy, &milestone, &a, &report, head);
            plan.status = PlanStatus::Hand;
            entry.status = "fixed".into();
            (plan, a)
        } else {
            // the planner's pins are hard; the rule's keeps are holds, kept where the hard
            // rules allow (the plan's first objective component keeps the most of them)
            let held_ids: Vec<CadreId> = kept.iter().filter(|c| !planner_keeps.contains(c)).copied().collect();
            let formulation = FormulationSettings {
                milestone: Some(milestone.clone()),
                ahead: ahead.clone(),
                pins: planner_pins.clone(),
                held: held_ids.clone(),
                carried: ledger.carried(&s),
                ..FormulationSettings::default()
            };
            // Attempts, in order: the year's milestone, then the milestone before. The first
            // attempt's infeasibility is the "why" (the holds give before anything else, so an
            // infeasible year is one whose hard rules and planner's pins cannot all hold).
            let previous = calendar.iter().rev().map(|(_, m)| m.clone()).skip_while(|m| *m != milestone).nth(1);
            let milestones: Vec<String> = std::iter::once(milestone.clone()).chain(previous).collect();
            let mut out = None;
            for (i, m) in milestones.iter().enumerate() {
                let mut f = formulation.clone();
                f.milestone = Some(m.clone());
                let attempt = make_plan(&PlanRequest {
                    scenario: &s,
                    policy,
                    scenario_ref: scenario_ref.clone(),
                    policy_ref: req.policy_ref.clone(),
                    formulation: f,
                    solver: req.solver.clone(),
                    from_plan: None,
                    emphasis: None,
                })?;
                if i == 0 && attempt.status == SolveStatus::Infeasible {
                    entry.infeasibility = attempt.plan.infeasibility.clone();
                }
                let done = attempt.status != SolveStatus::Infeasible;
                out = Some(attempt);
                if done {
                    if *m != milestone {
                        entry.fallback_milestone = Some(m.clone());
                    }
                    break;
                }
            }
            let mut out = out.expect("at least one attempt");
            entry.status = out.plan.status.as_str().into();
            if matches!(out.status, SolveStatus::Optimal | SolveStatus::StoppedWithPlan { .. }) {
                // the holds the plan could not keep: with them kept, a hard rule could not hold
                let lifted: Vec<CadreId> = held_ids
                    .iter()
                    .filter(|c| s.cadre(**c).post.is_none_or(|p| out.assignment.holder.get(&p) != Some(*c)))
                    .copied()
                    .collect();
                used_pins = pins_without(&pins, &lifted);
                entry.pins = PinCodes::from_pins(&s, &used_pins);
                entry.keeps_released = lifted
                    .iter()
                    .map(|c| CadreRef { cadre: s.cadre(*c).code.clone(), name: s.cadre(*c).name.clone() })
                    .collect();
                out.plan.settings.pins = entry.pins.clone();
            }
            if !matches!(out.status, SolveStatus::Optimal | SolveStatus::StoppedWithPlan { .. }) {
                stopped = true;
                mark(&mut entry.pins);
                mark(&mut out.plan.settings.pins);
                outputs.push(YearOutput { year, scenario_json, plan: Some(out.plan) });
                doc.plans.push(entry);
                continue;
            }
            (out.plan, out.assignment)
        };
        let checked_under = entry.fallback_milestone.clone().unwrap_or_else(|| milestone.clone());
        let report = check(&s, policy, &checked_under, &a, &used_pins);
        ledger.record(year, &s, policy, &report, &a);
        entry.violations = report.violations.len();
        describe_changes(&s, policy, &a, &report, &mut entry);
        tracker.year(year, &s, policy, &judge, &milestone, &report, &ledger, &mut entry);
        tracker.rotations(year, &s, &report, months);
        for m in &report.moves {
            if m.kind.is_some_and(|k| k != MoveKind::Stays) && m.to.is_some() {
                moved_on.insert(s.cadre(m.cadre).code.clone(), s.plan_date);
            }
        }
        raw = advance::apply_plan(&raw, &s, &a);
        let mut plan = plan;
        mark(&mut entry.pins);
        mark(&mut plan.settings.pins);
        outputs.push(YearOutput { year, scenario_json, plan: Some(plan) });
        doc.plans.push(entry);
    }
    tracker.finish(&mut doc);
    Ok(Roadmap { doc, years: outputs })
}

/// The pins with the keeps of `kept` taken out.
fn pins_without(pins: &crate::formulation::Pins, kept: &[CadreId]) -> crate::formulation::Pins {
    let mut p = pins.clone();
    p.keep.retain(|c| !kept.contains(c));
    p
}

/// Cadres the roadmap moved less than the minimum rotation length ago, who hold a planned post
/// and whom no rule forces out (tenure cap, service left below the release threshold) and no
/// planner's pin moves: they are kept in place.
fn keeps(
    s: &Scenario,
    policy: &Policy,
    judge: &Judge<'_>,
    moved_on: &BTreeMap<String, Date>,
    months: Option<u32>,
    pins: &crate::formulation::Pins,
) -> Vec<CadreId> {
    let Some(months) = months else { return Vec::new() };
    let mut out = Vec::new();
    for (code, on) in moved_on {
        if crate::model::facts::add_months(*on, months) <= s.plan_date {
            continue;
        }
        let Some(c) = s.cadre_by_code(code) else { continue };
        let Some(p) = s.cadre(c).post.filter(|p| judge.facts.is_planned_post(*p)) else { continue };
        let cf = &judge.cadre[c.index()];
        if cf.tenure_capped || cf.service_left < policy.general.release_if_service_left_below {
            continue;
        }
        let planner_moves = pins.force.iter().any(|(x, q)| *x == c || *q == p)
            || pins.forbid.contains(&(c, p))
            || pins.vacant.contains(&p);
        if !planner_moves {
            out.push(c);
        }
    }
    out.sort();
    out
}

/// The assignment an earlier roadmap decided for a year: the scenario's holders, changed as
/// its `changes` say, less its `released`.
pub fn assignment_from_changes(s: &Scenario, policy: &Policy, y: &YearDoc) -> Result<Assignment, Vec<EarlierProblem>> {
    let facts = Facts::new(s, policy);
    let mut a = Assignment::default();
    for p in s.post_ids().filter(|p| facts.is_planned_post(*p)) {
        if let Some(h) = s.post(p).holder {
            a.holder.insert(p, h);
        }
    }
    let mut errors = Vec::new();
    for ch in &y.changes {
        let Some(p) = s.post_by_code(&ch.post) else {
            errors.push(EarlierProblem::Unknown { what: crate::plan::CodeKind::Post, code: ch.post.clone() });
            continue;
        };
        let before = s.post(p).holder.map(|c| s.cadre(c).code.clone());
        if before != ch.before {
            errors.push(EarlierProblem::HolderDiffers {
                post: ch.post.clone(),
                here: before,
                there: ch.before.clone(),
            });
        }
        match &ch.after {
            Some(code) => match s.cadre_by_code(code) {
                Some(c) => {
                    a.holder.insert(p, c);
                }
                None => errors.push(EarlierProblem::Unknown { what: crate::plan::CodeKind::Cadre, code: code.clone() }),
            },
            None => {
                a.holder.remove(&p);
            }
        }
    }
    for code in &y.released {
        match s.cadre_by_code(code) {
            Some(c) => {
                a.released.insert(c);
            }
            None => errors.push(EarlierProblem::Unknown { what: crate::plan::CodeKind::Cadre, code: code.clone() }),
        }
    }
    if errors.is_empty() {
        Ok(a)
    } else {
        Err(errors)
    }
}

fn describe_changes(s: &Scenario, policy: &Policy, a: &Assignment, report: &CheckReport, entry: &mut YearDoc) {
    let facts = Facts::new(s, policy);
    for p in s.post_ids().filter(|p| facts.is_planned_post(*p)) {
        let before = s.post(p).holder;
        let after = a.holder.get(&p).copied();
        if before != after {
            entry.changes.push(ChangeRow {
                post: s.post(p).code.clone(),
                before: before.map(|c| s.cadre(c).code.clone()),
                after: after.map(|c| s.cadre(c).code.clone()),
            });
        }
    }
    entry.released = a.released.iter().map(|c| s.cadre(*c).code.clone()).collect();
    for m in report.moves.iter().filter(|m| m.kind != Some(MoveKind::Stays)) {
        entry.moves.push(MoveDoc {
            cadre: s.cadre(m.cadre).code.clone(),
            name: s.cadre(m.cadre).name.clone(),
            from: m.from.map(|p| s.post(p).code.clone()),
            to: m.to.map(|p| s.post(p).code.clone()),
            kind: crate::plan::move_kind_code(m.kind).into(),
        });
    }
}

/// What the document gathers across years.
#[derive(Default)]
struct Tracker {
    /// (rule id, clause, subject code, subject name, cumulative) → points.
    shares: BTreeMap<(usize, String), ShareTrack>,
    /// Met or not, per (rule, subject, measure) and year, for the earliest year.
    met: BTreeMap<(String, String, String), BTreeMap<i32, bool>>,
    /// (rule, child) → first year met.
    firsts: BTreeMap<(usize, String), FirstMet>,
    /// Moves so far, with the origin's locality and unit codes.
    rotations: Vec<(RotationDoc, String, String, String)>,
}

impl Tracker {
    #[allow(clippy::too_many_arguments)]
    fn year(
        &mut self,
        year: i32,
        s: &Scenario,
        policy: &Policy,
        judge: &Judge<'_>,
        milestone: &str,
        report: &CheckReport,
        ledger: &Ledger,
        entry: &mut YearDoc,
    ) {
        for t in &report.targets {
            let rule = &policy.rules[t.rule];
            let cumulative = crate::formulation::carried::is_cumulative(&rule.body);
            let (subject, subject_name) = subject_names(s, t.subject);
            let (mut achieved, mut lo, mut hi, mut denominator) = (t.achieved, t.lo, t.hi, t.denominator);
            let mut satisfied: Vec<LocalityId> = t.satisfied.clone();
            if cumulative {
                match (&rule.body, t.subject) {
                    (RuleBody::Coverage(_), ViolationSubject::Locality(parent)) => {
                        satisfied = ledger
                            .children_until(t.rule, year)
                            .into_iter()
                            .filter_map(|code| s.locality_by_code(code))
                            .filter(|k| *k != parent && s.is_within(*k, parent))
                            .collect();
                        achieved = satisfied.len() as f64;
                    }
                    (RuleBody::RotationQuota(q), _) => {
                        let gone = ledger.count_until(t.rule, year)
                            - ledger
                                .cadres
                                .get(&t.rule)
                                .map(|m| m.iter().filter(|(c, y)| **y <= year && s.cadre_by_code(c).is_some()).count())
                                .unwrap_or(0);
                        let n = t.denominator.unwrap_or(0) + gone;
                        achieved = ledger.count_until(t.rule, year) as f64;
                        if let Some(band) = q.band(milestone) {
                            let (l, h) = whole_counts(band, n);
                            (lo, hi) = (Some(l), Some(h));
                        }
                        denominator = Some(n);
                    }
                    _ => {}
                }
            }
            let met = lo.is_none_or(|l| achieved + 1e-9 >= l) && hi.is_none_or(|h| achieved <= h + 1e-9);
            self.met.entry((rule.id.clone(), subject.clone(), t.measure.to_string())).or_default().insert(year, met);
            if let RuleBody::Coverage(_) = &rule.body {
                for k in &t.counted {
                    let f = self.firsts.entry((t.rule, s.locality(*k).code.clone())).or_insert_with(|| FirstMet {
                        rule: rule.id.clone(),
                        child: s.locality(*k).code.clone(),
                        name: s.locality(*k).name.clone(),
                        year: None,
                    });
                    if f.year.is_none() && satisfied.contains(k) {
                        f.year = Some(year);
                    }
                }
            }
            if matches!(rule.body, RuleBody::Coverage(_) | RuleBody::RotationQuota(_)) {
                let track = self.shares.entry((t.rule, subject.clone())).or_insert_with(|| ShareTrack {
                    rule: rule.id.clone(),
                    clause: rule.clause.clone(),
                    subject: subject.clone(),
                    subject_name: subject_name.clone(),
                    cumulative,
                    by_year: Vec::new(),
                });
                track.by_year.push(SharePoint {
                    year,
                    milestone: milestone.to_string(),
                    achieved,
                    denominator,
                    required_min: lo,
                    required_max: hi,
                    met,
                });
            }
            if !met {
                entry.unmet.push(UnmetDoc {
                    rule: rule.id.clone(),
                    subject,
                    subject_name,
                    measure: t.measure.into(),
                    required_min: lo,
                    required_max: hi,
                    achieved,
                    cumulative,
                    why: why(s, policy, judge, t.rule, t.subject, t.measure, &t.counted, &satisfied),
                    earliest_year: None,
                });
            }
        }
    }

    fn rotations(&mut self, year: i32, s: &Scenario, report: &CheckReport, months: Option<u32>) {
        for m in &report.moves {
            let (Some(kind), Some(to)) = (m.kind, m.to) else { continue };
            if kind == MoveKind::Stays {
                continue;
            }
            let code = s.cadre(m.cadre).code.clone();
            let to_post = s.post(to);
            let (to_loc, to_unit) = (s.locality(to_post.locality).code.clone(), s.unit(to_post.unit).code.clone());
            // a later move back to where an earlier move started
            for (r, _, from_loc, from_unit) in self.rotations.iter_mut().filter(|(r, ..)| r.cadre == code) {
                let back = if to_post.level == Level::City { *from_unit == to_unit } else { *from_loc == to_loc };
                if r.back_in.is_none() && back {
                    r.back_in = Some(year);
                }
            }
            let (from_loc, from_unit) = match m.from {
                Some(p) => (s.locality(s.post(p).locality).code.clone(), s.unit(s.post(p).unit).code.clone()),
                None => (String::new(), String::new()),
            };
            self.rotations.push((
                RotationDoc {
                    cadre: code.clone(),
                    name: s.cadre(m.cadre).name.clone(),
                    year,
                    from: m.from.map(|p| s.post(p).code.clone()),
                    to: to_post.code.clone(),
                    kind: crate::plan::move_kind_code(Some(kind)).into(),
                    back_in: None,
                    stays_until: months.map(|mo| crate::model::facts::add_months(s.plan_date, mo)),
                },
                code,
                from_loc,
                from_unit,
            ));
        }
    }

    fn finish(self, doc: &mut RoadmapDoc) {
        for y in &mut doc.plans {
            for u in &mut y.unmet {
                u.earliest_year = self
                    .met
                    .get(&(u.rule.clone(), u.subject.clone(), u.measure.clone()))
                    .and_then(|m| m.iter().find(|(yy, met)| **yy > y.year && **met).map(|(yy, _)| *yy));
            }
        }
        doc.shares = self.shares.into_values().collect();
        doc.firsts = self.firsts.into_values().collect();
        doc.rotations = self.rotations.into_iter().map(|(r, ..)| r).collect();
    }
}

/// The facts behind an unmet target: for a share of localities, each child that does not meet
/// it and how many cadres eligible this year would make it count; for a quota, its population
/// and the cadres eligible for a counted move; for a team, the measure.
#[allow(clippy::too_many_arguments)]
fn why(
    s: &Scenario,
    policy: &Policy,
    judge: &Judge<'_>,
    rule: usize,
    subject: ViolationSubject,
    measure: &str,
    counted: &[LocalityId],
    satisfied: &[LocalityId],
) -> Vec<WhyFact> {
    let planned: Vec<PostId> = s.post_ids().filter(|p| judge.facts.is_planned_post(*p)).collect();
    match &policy.rules[rule].body {
        RuleBody::Coverage(c) => {
            let roles = crate::check::counting::roles_of(&c.predicate);
            counted
                .iter()
                .filter(|k| !satisfied.contains(k))
                .map(|k| {
                    let posts: Vec<PostId> = planned
                        .iter()
                        .copied()
                        .filter(|p| {
                            let post = s.post(*p);
                            post.level == c.child
                                && s.is_within(post.locality, *k)
                                && (roles.is_empty() || roles.contains(&post.role))
                        })
                        .collect();
                    let candidates = s
                        .cadre_ids()
                        .filter(|cd| {
                            let counts = |p: PostId| match &c.predicate {
                                LocalityPredicate::YoungHolder { max_age_exclusive, sent_in, .. } => {
                                    crate::check::counting::young_holder_counts(
                                        s,
                                        &judge.facts,
                                        *max_age_exclusive,
                                        *sent_in,
                                        *cd,
                                        p,
                                        *k,
                                    )
                                }
                                LocalityPredicate::NonLocalHolder { .. } => !judge.facts.is_local(*cd, *k),
                                LocalityPredicate::RotatedOut { .. } => false,
                            };
                            match &c.predicate {
                                LocalityPredicate::RotatedOut { .. } => {
                                    crate::check::counting::works_in(s, *cd, *k)
                                        && s.cadre(*cd).post.is_some_and(|p| judge.facts.is_planned_post(p))
                                        && planned.iter().any(|p| {
                                            !s.is_within(s.post(*p).locality, *k) && judge.judge(*cd, *p).is_ok()
                                        })
                                }
                                _ => posts.iter().any(|p| counts(*p) && judge.judge(*cd, *p).is_ok()),
                            }
                        })
                        .count();
                    WhyFact::ChildNotMet {
                        child: s.locality(*k).code.clone(),
                        name: s.locality(*k).name.clone(),
                        candidates,
                    }
                })
                .collect()
        }
        RuleBody::RotationQuota(q) => {
            let population: Vec<CadreId> =
                s.cadre_ids().filter(|c| q.population.management.contains(&s.cadre(*c).management)).collect();
            let candidates = population
                .iter()
                .filter(|c| {
                    let Some(cur) = s.cadre(**c).post else { return false };
                    let from = s.post(cur);
                    q.from.matches(from.level, from.role, s.unit(from.unit).kind)
                        && planned.iter().any(|p| {
                            let to = s.post(*p);
                            to.unit != from.unit
                                && q.to.matches(to.level, to.role, s.unit(to.unit).kind)
                                && judge.judge(**c, *p).is_ok()
                        })
                })
                .count();
            vec![WhyFact::Population { size: population.len(), candidates }]
        }
        _ => {
            let _ = subject;
            vec![WhyFact::Team { measure: measure.to_string() }]
        }
    }
}
