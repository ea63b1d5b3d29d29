//! The passage of time between two years of a roadmap, as pure functions on the scenario as
//! written ([`RawScenario`]):
//! - [`apply_plan`]: the year's plan takes effect on its plan date — who moved holds the new
//!   post, with a new spell in their history; the old spell ends the day before; a cadre who
//!   came from outside the new post's locality is marked as rotated in from where they were
//!   (`rotated_from`), so the extra seat and the vice-chair caps' allowance stay theirs;
//! - [`advance`]: a year later — the plan date moves (so ages, tenures and years of service
//!   advance with it, being measured on the plan date), the last rating repeats for every year
//!   not rated in the scenario, and whoever reaches retirement age by then (the policy's
//!   retirement roadmap, by birth date) retires: they leave the scenario and their post falls
//!   vacant.
//!
//! Working on the raw scenario keeps each year's scenario a normal scenario file: it can be
//! written out, validated, solved and checked on its own (`rotaplan check` needs it).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::check::Assignment;
use crate::model::date::Date;
use crate::model::facts::{Facts, Retirement};
use crate::model::raw::{HistoryEntry, RawScenario};
use crate::model::{CadreId, LocalityId, Policy, Scenario};

/// A cadre who retires between two years of a roadmap.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RetirementEvent {
    /// Cadre code.
    pub cadre: String,
    /// Name.
    pub name: String,
    /// The day retirement age is reached.
    pub date: Date,
    /// The post the cadre held, which falls vacant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post: Option<String>,
}

/// The scenario a year later, and who retired on the way.
#[derive(Clone, Debug)]
pub struct Advanced {
    /// The scenario on the new plan date.
    pub raw: RawScenario,
    /// Retirements between the two plan dates, in cadre order.
    pub retirements: Vec<RetirementEvent>,
}

/// The plan date of `year`: the scenario's day and month in that year (29 February → 28).
pub fn plan_date_in(raw: &RawScenario, year: i32) -> Date {
    raw.plan_date.add_years(year - raw.plan_date.year())
}

/// The scenario on the plan date of `year` (a later year than the scenario's): ages, tenures
/// and service advance with the date, ratings carry forward, retirements happen.
pub fn advance(raw: &RawScenario, policy: &Policy, year: i32) -> Result<Advanced, String> {
    let to = plan_date_in(raw, year);
    if to < raw.plan_date {
        return Err(format!("cannot go back from {} to {year}", raw.plan_date));
    }
    let s = Scenario::resolve(raw)?;
    let facts = Facts::new(&s, policy);
    let mut out = raw.clone();
    out.plan_date = to;
    // retirements: the day retirement age is reached, on or before the new plan date
    let mut retired: BTreeMap<String, RetirementEvent> = BTreeMap::new();
    for c in s.cadre_ids() {
        let date = match facts.retirement(c) {
            Retirement::On(d, _) => d,
            Retirement::Fixed(age) => {
                let born = s.cadre(c).birth_date;
                crate::model::facts::add_months(born, (age * 12.0).round().max(0.0) as u32)
            }
        };
        if date <= to {
            let cadre = s.cadre(c);
            retired.insert(
                cadre.code.clone(),
                RetirementEvent {
                    cadre: cadre.code.clone(),
                    name: cadre.name.clone(),
                    date,
                    post: cadre.post.map(|p| s.post(p).code.clone()),
                },
            );
        }
    }
    out.cadres.retain(|c| !retired.contains_key(&c.id));
    for p in &mut out.posts {
        if p.holder.as_ref().is_some_and(|h| retired.contains_key(h)) {
            p.holder = None;
        }
    }
    // ratings: the last one repeats for every year up to the one before the plan date
    for c in &mut out.cadres {
        let mut years: BTreeMap<i32, crate::model::enums::Rating> = BTreeMap::new();
        for (y, r) in &c.ratings {
            if let Ok(y) = y.trim().parse::<i32>() {
                years.insert(y, *r);
            }
        }
        let Some((&last_year, &last)) = years.iter().next_back() else { continue };
        for y in last_year + 1..to.year() {
            c.ratings.insert(y.to_string(), last);
        }
    }
    let retirements = out_of_order(raw, retired);
    Ok(Advanced { raw: out, retirements })
}

/// Retirement events in the scenario's cadre order.
fn out_of_order(raw: &RawScenario, mut retired: BTreeMap<String, RetirementEvent>) -> Vec<RetirementEvent> {
    raw.cadres.iter().filter_map(|c| retired.remove(&c.id)).collect()
}

/// The scenario after a year's plan took effect on its plan date: holders of the planned
/// posts as the assignment says, the cadres who moved with a new spell from the plan date (the
/// old one ends the day before), released incumbents without a post (their workplace is the
/// unit they left), and the posts pool cadres left vacant.
pub fn apply_plan(raw: &RawScenario, s: &Scenario, a: &Assignment) -> RawScenario {
    let mut out = raw.clone();
    let date = s.plan_date;
    let day_before = Date(date.0.pred_opt().unwrap_or(date.0));
    // cadre code → planned post code after the plan
    let mut after: BTreeMap<String, String> = BTreeMap::new();
    for (p, c) in &a.holder {
        after.insert(s.cadre(*c).code.clone(), s.post(*p).code.clone());
    }
    for cadre in &mut out.cadres {
        let Some(id) = s.cadre_by_code(&cadre.id) else { continue };
        let before = s.cadre(id).post;
        let before_code = before.map(|p| s.post(p).code.clone());
        // the scenario may say who holds a post on either side; the resolved one is the truth
        cadre.post = before_code.clone();
        let new = after.get(&cadre.id).cloned();
        let released = a.released.contains(&id);
        match (&new, released) {
            (Some(n), _) if Some(n) != before_code.as_ref() => {
                close_spell(cadre, day_before);
                let p = s.post(s.post_by_code(n).expect("a post of the scenario"));
                cadre.history.push(HistoryEntry {
                    role: p.role,
                    level: p.level,
                    locality: s.locality(p.locality).code.clone(),
                    post: Some(p.code.clone()),
                    from: date,
                    to: None,
                });
                cadre.rotated_from = rotated_from(s, id, p.locality);
                cadre.post = Some(n.clone());
                cadre.workplace = None;
            }
            (None, true) => {
                close_spell(cadre, day_before);
                cadre.rotated_from = None;
                cadre.workplace = before.map(|p| s.unit(s.post(p).unit).code.clone());
                cadre.post = None;
            }
            _ => {}
        }
    }
    // holders follow the cadres' posts
    let holder_of: BTreeMap<String, String> =
        out.cadres.iter().filter_map(|c| c.post.clone().map(|p| (p, c.id.clone()))).collect();
    for p in &mut out.posts {
        p.holder = holder_of.get(&p.id).cloned();
    }
    out
}

/// Where a cadre moving into locality `to` counts as rotated in from: the locality they worked
/// in before, when it lies outside `to`; a move inside `to` keeps an earlier rotation's origin;
/// a cadre coming back to where they were rotated from is home again.
fn rotated_from(s: &Scenario, c: CadreId, to: LocalityId) -> Option<String> {
    let cadre = s.cadre(c);
    let origin = cadre.post.map(|p| s.post(p).locality).or(cadre.workplace.map(|u| s.unit(u).locality))?;
    let prior = cadre.rotated_from.filter(|_| cadre.post.is_some());
    let from = if !s.is_within(origin, to) {
        (!prior.is_some_and(|r| s.is_within(r, to))).then_some(origin)
    } else {
        prior.filter(|r| !s.is_within(*r, to))
    };
    from.map(|l| s.locality(l).code.clone())
}

fn close_spell(cadre: &mut crate::model::raw::RawCadre, day_before: Date) {
    for h in cadre.history.iter_mut().filter(|h| h.to.is_none()) {
        h.to = Some(day_before.max(h.from));
    }
}
