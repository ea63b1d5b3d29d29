//! The ledger of cumulative shares: what each year of a roadmap counted towards the measures
//! that add up over the term (communes reached by a young vice-chair sent in, districts that
//! rotated a cadre out, cadres rotated among agencies), by code, so that it survives the years
//! (cadre ids change as people retire).
//!
//! An item is counted in the first year it happens and never again: the cumulative share at a
//! year is the number of distinct items counted up to that year, not the sum of the years'
//! counts (a commune reached in 2021 and again in 2023 is one commune; a cadre rotated twice
//! is one cadre of the 4-5%).

use std::collections::BTreeMap;

use crate::check::{Assignment, CheckReport};
use crate::formulation::carried::{is_cumulative, Carried};
use crate::model::policy::{RotationQuotaRule, RuleBody};
use crate::model::{CadreId, Policy, Scenario};

/// Items counted per cumulative rule: code → the year it was first counted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    /// Cumulative coverage rules: child locality code → year.
    pub children: BTreeMap<usize, BTreeMap<String, i32>>,
    /// Rotation quotas: cadre code → year.
    pub cadres: BTreeMap<usize, BTreeMap<String, i32>>,
}

impl Ledger {
    /// What earlier years counted, in the ids of `s` (the scenario of the coming year).
    pub fn carried(&self, s: &Scenario) -> Carried {
        let mut c = Carried::default();
        for (rule, items) in &self.children {
            for code in items.keys() {
                if let Some(k) = s.locality_by_code(code) {
                    c.children.insert((*rule, k));
                }
            }
        }
        for (rule, items) in &self.cadres {
            for code in items.keys() {
                match s.cadre_by_code(code) {
                    Some(id) => {
                        c.cadres.insert((*rule, id));
                    }
                    None => *c.gone.entry(*rule).or_default() += 1,
                }
            }
        }
        c
    }

    /// Records what a year's plan counted: the children its checker found satisfied under each
    /// cumulative coverage rule, and the cadres it rotated under each quota. Items counted
    /// earlier keep their first year.
    pub fn record(&mut self, year: i32, s: &Scenario, policy: &Policy, report: &CheckReport, a: &Assignment) {
        for t in &report.targets {
            let rule = &policy.rules[t.rule];
            if !matches!(rule.body, RuleBody::Coverage(_)) || !is_cumulative(&rule.body) {
                continue;
            }
            for k in &t.satisfied {
                self.children.entry(t.rule).or_default().entry(s.locality(*k).code.clone()).or_insert(year);
            }
        }
        let post_of = a.post_of();
        for (ri, rule) in policy.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
            let RuleBody::RotationQuota(q) = &rule.body else { continue };
            for c in s.cadre_ids() {
                if rotated(s, q, c, post_of.get(&c).copied()) {
                    self.cadres.entry(ri).or_default().entry(s.cadre(c).code.clone()).or_insert(year);
                }
            }
        }
    }

    /// The number of distinct items counted for a rule up to and including `year`.
    pub fn count_until(&self, rule: usize, year: i32) -> usize {
        let n = |m: Option<&BTreeMap<String, i32>>| m.map(|m| m.values().filter(|y| **y <= year).count()).unwrap_or(0);
        n(self.children.get(&rule)) + n(self.cadres.get(&rule))
    }

    /// The children of a cumulative coverage rule counted up to and including `year`.
    pub fn children_until(&self, rule: usize, year: i32) -> Vec<&str> {
        self.children
            .get(&rule)
            .map(|m| m.iter().filter(|(_, y)| **y <= year).map(|(k, _)| k.as_str()).collect())
            .unwrap_or_default()
    }
}

/// Whether cadre `c`, in the population of quota `q`, moves from a post like `from` to a post
/// like `to` in another unit.
fn rotated(s: &Scenario, q: &RotationQuotaRule, c: CadreId, to: Option<crate::model::PostId>) -> bool {
    let cadre = s.cadre(c);
    if !q.population.management.contains(&cadre.management) {
        return false;
    }
    let (Some(cur), Some(to)) = (cadre.post, to) else { return false };
    let (cur, tp) = (s.post(cur), s.post(to));
    q.from.matches(cur.level, cur.role, s.unit(cur.unit).kind)
        && tp.unit != cur.unit
        && q.to.matches(tp.level, tp.role, s.unit(tp.unit).kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_counts_once_in_its_first_year() {
        let mut l = Ledger::default();
        for (year, code) in [(2021, "A"), (2022, "B"), (2023, "A")] {
            l.children.entry(0).or_default().entry(code.to_string()).or_insert(year);
        }
        assert_eq!(l.count_until(0, 2021), 1);
        assert_eq!(l.count_until(0, 2023), 2, "A reached twice is one commune");
        assert_eq!(l.children[&0]["A"], 2021);
    }
}
