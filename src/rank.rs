//! Ranking of alternative plans: a vector of criteria per plan, Pareto layers, then the
//! policy's own priorities (by default targets, fewest moves, suitability), and one sentence
//! saying why a plan ranks above the next.
//!
//! Criteria come from the plan documents (which the independent checker filled), so plans
//! drafted by hand rank the same way as solver plans.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::explain::Lang;
use crate::model::policy::{LocalityPredicate, Priority, RuleBody};
use crate::model::Policy;
use crate::plan::Plan;

/// The criteria of one plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Criteria {
    /// Rule instances met.
    pub targets_met: usize,
    /// Rule instances in all.
    pub targets_total: usize,
    /// Weighted shortfall of targets (lower is better).
    pub target_shortfall: f64,
    /// Suitability points (higher is better).
    pub suitability: u32,
    /// Moves (lower is better).
    pub moves: usize,
    /// Vacant planned posts (lower is better).
    pub vacancies: usize,
    /// Key teams with every age tier they need (higher is better).
    pub age_tier_teams: usize,
    /// Key teams with the mix of specialisations they need (higher is better). Counted beside
    /// the age tiers, so that a plan trading one for the other is not read as better.
    pub field_mix_teams: usize,
    /// Localities whose non-local-holder requirement holds (higher is better).
    pub non_local: usize,
    /// Districts (subjects of per-locality targets) with an unmet target (lower is better):
    /// how evenly the plan serves the districts.
    pub localities_short: usize,
}

/// A criterion's name and direction, in the order used to explain ranks.
const ORDER: [(&str, bool); 9] = [
    ("target_shortfall", false),
    ("targets_met", true),
    ("suitability", true),
    ("moves", false),
    ("age_tier_teams", true),
    ("field_mix_teams", true),
    ("non_local", true),
    ("localities_short", false),
    ("vacancies", false),
];

impl Criteria {
    fn value(&self, name: &str) -> f64 {
        match name {
            "target_shortfall" => self.target_shortfall,
            "targets_met" => self.targets_met as f64,
            "suitability" => self.suitability as f64,
            "moves" => self.moves as f64,
            "age_tier_teams" => self.age_tier_teams as f64,
            "field_mix_teams" => self.field_mix_teams as f64,
            "non_local" => self.non_local as f64,
            "localities_short" => self.localities_short as f64,
            _ => self.vacancies as f64,
        }
    }

    /// Whether `self` is at least as good as `other` everywhere and better somewhere.
    pub fn dominates(&self, other: &Criteria) -> bool {
        let mut better = false;
        for (name, up) in ORDER {
            let (a, b) = (self.value(name), other.value(name));
            let cmp = if up { a.partial_cmp(&b) } else { b.partial_cmp(&a) };
            match cmp {
                Some(Ordering::Less) => return false,
                Some(Ordering::Greater) => better = true,
                _ => {}
            }
        }
        better
    }
}

/// Reads the criteria of a plan.
pub fn criteria(policy: &Policy, plan: &Plan) -> Criteria {
    let kind = |rule: &str| policy.rule(rule).map(|r| &r.body);
    let mut localities_short: BTreeSet<&str> = BTreeSet::new();
    let mut age_tier_teams = 0;
    let mut field_mix_teams = 0;
    let mut non_local = 0;
    for t in &plan.targets {
        match kind(&t.rule) {
            Some(RuleBody::TeamMix(_)) if t.measure == "age_tiers" && t.met => age_tier_teams += 1,
            Some(RuleBody::TeamMix(_)) if t.measure == "fields" && t.met => field_mix_teams += 1,
            Some(RuleBody::Coverage(c)) => {
                if matches!(c.predicate, LocalityPredicate::NonLocalHolder { .. }) {
                    non_local += t.achieved as usize;
                }
                if !t.met && t.subject != "*" {
                    localities_short.insert(t.subject.as_str());
                }
            }
            _ => {}
        }
    }
    Criteria {
        targets_met: plan.targets.iter().filter(|t| t.met).count(),
        targets_total: plan.targets.len(),
        target_shortfall: plan.objective.target_shortfall,
        suitability: plan.objective.suitability,
        moves: plan.objective.moves,
        vacancies: plan.vacancies.len(),
        age_tier_teams,
        field_mix_teams,
        non_local,
        localities_short: localities_short.len(),
    }
}

/// One ranked plan.
#[derive(Clone, Debug, Serialize)]
pub struct Ranked {
    /// Position of the plan in the input.
    pub index: usize,
    /// Rank, 1-based.
    pub rank: usize,
    /// Pareto layer, 1-based (1: no other plan dominates it).
    pub layer: usize,
    /// Criteria.
    pub criteria: Criteria,
    /// The policy's priorities as criteria (name, higher is better), most important first.
    pub priority: Vec<(&'static str, bool)>,
}

/// The policy's priorities as criteria: targets (weighted shortfall), then disruption (moves)
/// and suitability in the order the policy names.
fn priority_criteria(policy: &Policy) -> Vec<(&'static str, bool)> {
    policy
        .objective
        .priorities
        .iter()
        .map(|p| match p {
            Priority::Targets => ("target_shortfall", false),
            Priority::Disruption => ("moves", false),
            Priority::Suitability => ("suitability", true),
        })
        .collect()
}

/// The policy's own order inside a layer: its priorities in order, then input order
/// (deterministic).
fn policy_order(a: &Ranked, b: &Ranked) -> Ordering {
    for (name, up) in &a.priority {
        let (x, y) = (a.criteria.value(name), b.criteria.value(name));
        let o = if *up { y.total_cmp(&x) } else { x.total_cmp(&y) };
        if o.is_ne() {
            return o;
        }
    }
    a.index.cmp(&b.index)
}

/// Ranks plans: Pareto layers first, then the policy's order.
pub fn rank(policy: &Policy, plans: &[Plan]) -> Vec<Ranked> {
    let crit: Vec<Criteria> = plans.iter().map(|p| criteria(policy, p)).collect();
    let mut layer = vec![0usize; plans.len()];
    let mut remaining: BTreeSet<usize> = (0..plans.len()).collect();
    let mut l = 1;
    while !remaining.is_empty() {
        let front: Vec<usize> = remaining
            .iter()
            .copied()
            .filter(|&i| !remaining.iter().any(|&j| j != i && crit[j].dominates(&crit[i])))
            .collect();
        for &i in &front {
            layer[i] = l;
            remaining.remove(&i);
        }
        l += 1;
    }
    let priority = priority_criteria(policy);
    let mut out: Vec<Ranked> = (0..plans.len())
        .map(|i| Ranked { index: i, rank: 0, layer: layer[i], criteria: crit[i].clone(), priority: priority.clone() })
        .collect();
    out.sort_by(|a, b| a.layer.cmp(&b.layer).then_with(|| policy_order(a, b)));
    for (k, r) in out.iter_mut().enumerate() {
        r.rank = k + 1;
    }
    out
}

fn criterion_name(name: &str, lang: Lang) -> &'static str {
    match (name, lang) {
        ("target_shortfall", Lang::Vi) => "mức thiếu hụt chỉ tiêu (tính theo mức quan trọng)",
        ("target_shortfall", Lang::En) => "weighted target shortfall",
        ("targets_met", Lang::Vi) => "số chỉ tiêu đạt",
        ("targets_met", Lang::En) => "targets met",
        ("suitability", Lang::Vi) => "điểm phù hợp",
        ("suitability", Lang::En) => "suitability",
        ("moves", Lang::Vi) => "số lượt điều động",
        ("moves", Lang::En) => "moves",
        ("age_tier_teams", Lang::Vi) => "số tập thể đủ 3 độ tuổi",
        ("age_tier_teams", Lang::En) => "teams with all age tiers",
        ("field_mix_teams", Lang::Vi) => "số tập thể đủ cơ cấu chuyên ngành",
        ("field_mix_teams", Lang::En) => "teams with the mix of specialisations",
        ("non_local", Lang::Vi) => "số nơi bí thư không phải người địa phương",
        ("non_local", Lang::En) => "non-local placements",
        ("localities_short", Lang::Vi) => "số địa phương chưa đạt chỉ tiêu",
        ("localities_short", Lang::En) => "localities short of a target",
        (_, Lang::Vi) => "số chức vụ trống",
        (_, Lang::En) => "vacant posts",
    }
}

fn fmt_num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}

/// The best-ranked plan of `ranked` that dominates `b`, if any: the plan that pushed `b` out of
/// the first Pareto layer, for [`why_above`] to name.
pub fn dominator<'r>(ranked: &'r [Ranked], b: &Ranked) -> Option<&'r Ranked> {
    ranked.iter().filter(|r| r.criteria.dominates(&b.criteria)).min_by_key(|r| r.rank)
}

/// The criteria on which `ca` is better than `cb`, each with both values, in [`ORDER`].
fn better_on(ca: &Criteria, cb: &Criteria, lang: Lang) -> String {
    ORDER
        .iter()
        .filter(|(n, up)| {
            let (x, y) = (ca.value(n), cb.value(n));
            if *up {
                x > y
            } else {
                x < y
            }
        })
        .map(|(n, _)| format!("{} ({} / {})", criterion_name(n, lang), fmt_num(ca.value(n)), fmt_num(cb.value(n))))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One sentence of criteria saying why `a` ranks above `b` (both from [`rank`]). When `b` is
/// in a later Pareto layer than `a` without `a` dominating it, the sentence names the plan that
/// does (`by`: that plan and its label, from [`dominator`]), and where it is better.
pub fn why_above(a: &Ranked, b: &Ranked, la: &str, lb: &str, by: Option<(&Ranked, &str)>, lang: Lang) -> String {
    let (ca, cb) = (&a.criteria, &b.criteria);
    if a.layer < b.layer && !ca.dominates(cb) {
        // b is dominated by some other plan, not by a
        return match (by.filter(|(d, _)| d.criteria.dominates(cb)), lang) {
            (Some((d, ld)), Lang::Vi) => format!(
                "{la} xếp trên {lb} vì {ld} không kém {lb} ở tiêu chí nào và tốt hơn về {}; một phương án bị vượt như vậy xếp sau mọi phương án không bị phương án nào vượt.",
                better_on(&d.criteria, cb, lang)
            ),
            (Some((d, ld)), Lang::En) => format!(
                "{la} ranks above {lb} because {ld} is no worse than {lb} on any criterion and better on {}; a plan outdone like this ranks after every plan that no other outdoes.",
                better_on(&d.criteria, cb, lang)
            ),
            (None, Lang::Vi) => format!(
                "{la} xếp trên {lb} vì có một phương án khác không kém {lb} ở tiêu chí nào và tốt hơn ở ít nhất một tiêu chí."
            ),
            (None, Lang::En) => format!(
                "{la} ranks above {lb} because another plan is no worse than {lb} on any criterion and better on at least one."
            ),
        };
    }
    if a.layer < b.layer {
        let better = better_on(ca, cb, lang);
        return match lang {
            Lang::Vi => {
                format!("{la} xếp trên {lb} vì không kém hơn ở mọi tiêu chí và tốt hơn về {better}.")
            }
            Lang::En => {
                format!("{la} ranks above {lb} because it is no worse on any criterion and better on {better}.")
            }
        };
    }
    for (n, _) in &a.priority {
        let (x, y) = (ca.value(n), cb.value(n));
        if x != y {
            return match lang {
                Lang::Vi => format!(
                    "{la} xếp trên {lb}: không phương án nào tốt hơn phương án kia ở mọi tiêu chí, và theo thứ tự ưu tiên của quy định thì {} tốt hơn ({} so với {}).",
                    criterion_name(n, lang),
                    fmt_num(x),
                    fmt_num(y)
                ),
                Lang::En => format!(
                    "{la} ranks above {lb}: same Pareto layer, and by the policy's priority its {} is better ({} vs {}).",
                    criterion_name(n, lang),
                    fmt_num(x),
                    fmt_num(y)
                ),
            };
        }
    }
    match lang {
        Lang::Vi => format!("{la} và {lb} bằng nhau ở mọi tiêu chí ưu tiên; thứ tự theo thứ tự tìm ra."),
        Lang::En => format!("{la} and {lb} tie on every priority criterion; they keep the order they were found in."),
    }
}

/// Criteria by name, for tables.
pub fn criteria_table(c: &Criteria) -> BTreeMap<&'static str, f64> {
    ORDER.iter().map(|(n, _)| (*n, c.value(n))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(short: f64, suit: u32, moves: usize) -> Criteria {
        Criteria {
            targets_met: 0,
            targets_total: 0,
            target_shortfall: short,
            suitability: suit,
            moves,
            vacancies: 0,
            age_tier_teams: 0,
            field_mix_teams: 0,
            non_local: 0,
            localities_short: 0,
        }
    }

    #[test]
    fn domination_needs_strictly_better_somewhere() {
        assert!(c(1.0, 10, 3).dominates(&c(2.0, 10, 3)));
        assert!(!c(1.0, 10, 3).dominates(&c(1.0, 10, 3)));
        assert!(!c(1.0, 9, 3).dominates(&c(2.0, 10, 3)));
    }

    /// Hai Phong's "another committee choice" plan met one more team's age tiers and one fewer
    /// team's mix of specialisations than plan 1, at the same moves and suitability: counting
    /// the age tiers alone ranked plan 1, the policy's own plan, as dominated.
    #[test]
    fn trading_an_age_tier_team_for_a_field_mix_team_is_no_domination() {
        let plan1 = Criteria { age_tier_teams: 350, field_mix_teams: 475, ..c(354.0, 16349, 402) };
        let other = Criteria { age_tier_teams: 351, field_mix_teams: 474, ..c(354.0, 16349, 402) };
        assert!(!other.dominates(&plan1) && !plan1.dominates(&other));
        let better = Criteria { age_tier_teams: 351, field_mix_teams: 475, ..c(354.0, 16349, 402) };
        assert!(better.dominates(&plan1));
    }

    #[test]
    fn sentences_name_the_deciding_criterion() {
        let priority = vec![("target_shortfall", false), ("moves", false), ("suitability", true)];
        let a = Ranked { index: 0, rank: 1, layer: 1, criteria: c(1.0, 9, 3), priority: priority.clone() };
        let b = Ranked { index: 1, rank: 2, layer: 1, criteria: c(2.0, 10, 3), priority: priority.clone() };
        let s = why_above(&a, &b, "Plan 1", "Plan 2", None, Lang::En);
        assert!(s.contains("weighted target shortfall is better (1 vs 2)"), "{s}");
        let d = Ranked { index: 1, rank: 2, layer: 2, criteria: c(2.0, 9, 4), priority: priority.clone() };
        let s = why_above(&a, &d, "Plan 1", "Plan 2", None, Lang::En);
        assert!(s.contains("no worse on any criterion"), "{s}");
        assert!(s.contains("moves (3 / 4)"), "{s}");
    }

    /// Hai Phong's `--plans 5` of 3 December: a committee choice met one more target than the
    /// policy's own plan at the same cost, so the policy's plan fell to the second layer, below
    /// plans that do not dominate it; the sentence names the plan that does, and where.
    #[test]
    fn a_plan_in_a_later_layer_is_told_which_plan_dominates_it() {
        let priority = vec![("target_shortfall", false), ("moves", false), ("suitability", true)];
        let rank = |index, rank, layer, criteria| Ranked { index, rank, layer, criteria, priority: priority.clone() };
        let choice = rank(0, 1, 1, Criteria { targets_met: 925, ..c(354.0, 16349, 402) });
        let most = rank(1, 2, 1, Criteria { targets_met: 925, ..c(354.0, 17260, 523) });
        let own = rank(2, 3, 2, Criteria { targets_met: 924, ..c(354.0, 16349, 402) });
        let all = [choice.clone(), most.clone(), own.clone()];
        let by = dominator(&all, &own).expect("the committee choice dominates");
        assert_eq!(by.index, 0);
        assert!(dominator(&all, &most).is_none());
        let s = why_above(&most, &own, "Plan 2", "Plan 3", Some((by, "Plan 1")), Lang::En);
        assert!(s.contains("because Plan 1 is no worse than Plan 3"), "{s}");
        assert!(s.contains("targets met (925 / 924); a plan outdone like this"), "{s}");
        let vi = why_above(&most, &own, "Phương án 2", "Phương án 3", Some((by, "Phương án 1")), Lang::Vi);
        assert!(
            vi.contains("vì Phương án 1 không kém Phương án 3") && vi.contains("số chỉ tiêu đạt (925 / 924)"),
            "{vi}"
        );
        // a label for a plan that does not dominate is not used
        let s = why_above(&choice, &own, "Plan 1", "Plan 3", Some((&most, "Plan 2")), Lang::En);
        assert!(s.contains("because it is no worse"), "{s}");
    }
}
