//! Names for the columns and rows of an exported model, so that an analyst reading the LP file
//! or another solver's output can map every variable and constraint back to cadre, post and
//! rule: `x(C000123,P_311_PCT1)`, `release(C000123)`, `young_district_leader(311)`,
//! `below(young_district_leader(311))`.
//!
//! The LP format allows letters, digits and `!"#$%&()/,.;?@_'{}|~` in a name, which must not
//! start with a digit or a period: so `-` becomes `_`, brackets become parentheses, anything
//! else becomes `_`, and a name that would start badly gets a leading `n`. Names longer than
//! 200 characters are cut, and a name that is taken gets `#2`, `#3`... Both lists are in the
//! model's column and row order.

use std::collections::HashMap;

use super::ir::{LpModel, RuleRef, Subject, VarKind};
use super::Formulation;
use crate::model::{Policy, Scenario};

/// Column and row names of a model, in its order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ModelNames {
    /// One name per column.
    pub cols: Vec<String>,
    /// One name per row.
    pub rows: Vec<String>,
}

/// Makes `raw` a valid LP-format name.
pub fn lp_identifier(raw: &str) -> String {
    let mut s: String = raw
        .chars()
        .map(|c| match c {
            '[' => '(',
            ']' => ')',
            c if c.is_ascii_alphanumeric() => c,
            '!' | '"' | '#' | '$' | '%' | '&' | '(' | ')' | '/' | ',' | '.' | ';' | '?' | '@' | '_' | '\'' | '{'
            | '}' | '|' | '~' => c,
            _ => '_',
        })
        .collect();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        s.insert(0, 'n');
    }
    // "e1" and the like could be read as a number in some readers
    if s.len() > 1 && s.starts_with(['e', 'E']) && s[1..].chars().all(|c| c.is_ascii_digit() || c == '.') {
        s.insert(0, 'n');
    }
    s.truncate(200);
    s
}

fn rule_name(policy: &Policy, r: RuleRef) -> String {
    crate::plan::rule_id(policy, r).0
}

fn subject_code(s: &Scenario, x: Subject) -> Option<String> {
    match x {
        Subject::Whole => None,
        Subject::Locality(l) => Some(s.locality(l).code.clone()),
        Subject::Post(p) => Some(s.post(p).code.clone()),
        Subject::Cadre(c) => Some(s.cadre(c).code.clone()),
        Subject::Team(t) => Some(s.team(t).code.clone()),
        Subject::Unit(u) => Some(s.unit(u).code.clone()),
        Subject::Pair(c, p) => Some(format!("{},{}", s.cadre(c).code, s.post(p).code)),
    }
}

fn unique(names: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let taken: std::collections::HashSet<String> = names.iter().cloned().collect();
    names
        .into_iter()
        .map(|n| {
            let k = seen.entry(n.clone()).or_insert(0);
            *k += 1;
            if *k == 1 {
                return n;
            }
            let mut j = *k;
            loop {
                let candidate = format!("{n}#{j}");
                if !taken.contains(&candidate) {
                    return candidate;
                }
                j += 1;
            }
        })
        .collect()
}

/// The names of a formulation's model (or of `model`, a model built from it with the same
/// columns and rows, such as one with extra rows appended, whose extra rows get `row(k)`).
pub fn model_names(f: &Formulation<'_>, s: &Scenario, policy: &Policy, model: &LpModel) -> ModelNames {
    let row_name = |k: usize| -> String {
        let Some(r) = model.rows.get(k) else {
            return format!("row({k})");
        };
        let rule = rule_name(policy, r.tag.rule);
        match subject_code(s, r.tag.subject) {
            Some(code) => format!("{rule}[{code}]"),
            None => rule,
        }
    };
    let rows: Vec<String> = (0..model.rows.len()).map(|k| lp_identifier(&row_name(k))).collect();
    let cols = model
        .cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let raw = match c.kind {
                VarKind::Assign(cd, p) => format!("x[{},{}]", s.cadre(cd).code, s.post(p).code),
                VarKind::Release(cd) => format!("release[{}]", s.cadre(cd).code),
                VarKind::Slack { target, below } => {
                    let side = if below { "below" } else { "above" };
                    match f.targets.get(target) {
                        Some(t) => {
                            let rule = policy.rules.get(t.rule).map(|r| r.id.clone()).unwrap_or_default();
                            let measure = if t.measure.is_empty() { String::new() } else { format!(",{}", t.measure) };
                            match subject_code(s, t.subject) {
                                Some(code) => format!("{side}[{rule}[{code}{measure}]]"),
                                None if measure.is_empty() => format!("{side}[{rule}]"),
                                None => format!("{side}[{rule}[{}]]", &measure[1..]),
                            }
                        }
                        None => format!("{side}[{target}]"),
                    }
                }
                VarKind::Elastic(r) => format!("elastic[{}]", row_name(r.0 as usize)),
                VarKind::Indicator => format!("z[{i}]"),
            };
            lp_identifier(&raw)
        })
        .collect();
    ModelNames { cols: unique(cols), rows: unique(rows) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_valid_lp_names() {
        assert_eq!(lp_identifier("x[C000123,P-311-PCT1]"), "x(C000123,P_311_PCT1)");
        assert_eq!(lp_identifier("young-district-leader[311]"), "young_district_leader(311)");
        assert_eq!(lp_identifier("311"), "n311");
        assert_eq!(lp_identifier("e12"), "ne12");
        assert_eq!(lp_identifier("a b:c"), "a_b_c");
        assert_eq!(unique(vec!["a".into(), "a".into(), "a#2".into(), "b".into()]), vec!["a", "a#3", "a#2", "b"]);
    }
}
