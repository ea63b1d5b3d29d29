//! A solver-independent linear model: variables, ranged rows, each row and each variable tagged
//! with the rule and subject it encodes.
//!
//! Why our own IR rather than good_lp expressions: good_lp's HiGHS backend drops names, splits
//! ranged rows in two, and cannot take rows after it is built. Keeping the model as plain data
//! lets the solve layer translate it to HiGHS directly (with ranged rows, re-solves and warm
//! starts), lets tests read it, and — most important — keeps the *tag* of every row, so that an
//! infeasibility or an unmet target is explained from our own registry, never from solver
//! internals.

use std::fmt;

use crate::model::{CadreId, LocalityId, PostId, TeamId, UnitId};

/// A column of the model: nothing more than an index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Var(pub u32);

impl Var {
    /// Position in the model's column vector.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A row of the model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowId(pub u32);

/// What a row or a target is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Subject {
    /// The whole scenario (e.g. a city-wide quota).
    Whole,
    /// A locality (a district in a coverage rule).
    Locality(LocalityId),
    /// A post.
    Post(PostId),
    /// A cadre.
    Cadre(CadreId),
    /// A team.
    Team(TeamId),
    /// A unit.
    Unit(UnitId),
    /// A (cadre, post) pair (pins, eligibility of a forced pair).
    Pair(CadreId, PostId),
}

/// The rule a row encodes: a policy rule index, or one of the structural rules every plan obeys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleRef {
    /// `policy.rules[i]`.
    Policy(usize),
    /// A post holds at most one cadre.
    Capacity,
    /// A key post is filled.
    KeyPostFilled,
    /// Every incumbent ends somewhere.
    Continuity,
    /// A planner's pin.
    Pin,
    /// Commune-level cadres move within their district (09-KL/TU §3.6).
    Scope,
    /// A supernumerary vice-chair slot takes only a cadre rotated in.
    Supernumerary,
    /// Pool cadres go only to posts some eligibility rule admits them to.
    PoolAdmission,
    /// An alternative's own row (its distance from the plans before it).
    Tradeoff,
}

/// How a row binds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowKind {
    /// A hard rule: relaxed only in a feasibility relaxation, and then explained.
    Hard,
    /// A target: carries its own slack columns, priced in the objective.
    Target,
    /// A definition linking an indicator to assignments; never relaxed.
    Definition,
}

/// The tag of a row: which rule, about what, and how it binds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Tag {
    /// Rule.
    pub rule: RuleRef,
    /// Subject.
    pub subject: Subject,
    /// How it binds.
    pub kind: RowKind,
}

/// What a column stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VarKind {
    /// Cadre holds post after the plan.
    Assign(CadreId, PostId),
    /// Incumbent leaves the planned posts.
    Release(CadreId),
    /// Shortfall (`below`) or excess of a target.
    Slack {
        /// Index into the formulation's targets.
        target: usize,
        /// Below the lower bound (else above the upper bound).
        below: bool,
    },
    /// Elastic slack of a hard row in a feasibility relaxation.
    Elastic(RowId),
    /// An indicator (a child locality meets a predicate; a team has a tier).
    Indicator,
}

/// A column.
#[derive(Clone, Debug)]
pub struct Column {
    /// What it stands for.
    pub kind: VarKind,
    /// Lower bound.
    pub lo: f64,
    /// Upper bound.
    pub hi: f64,
    /// Integer (binary when bounds are 0..1).
    pub integer: bool,
}

/// The name of a compromise's weighted component (`Objective::weighs_components`).
pub const BALANCE: &str = "balance";

/// One component of the lexicographic objective, maximised.
#[derive(Clone, Debug)]
pub struct Objective {
    /// Stable name (`targets`, `suitability`, `moves`).
    pub name: &'static str,
    /// Coefficients (merged per column).
    pub coefs: Vec<(Var, f64)>,
}

impl Objective {
    /// Whether this component weighs two others (a compromise's `balance`). The solve layer
    /// neither defers it (its relaxation mixes the two and is loose — Hai Phong: 21,313.5
    /// against an optimum of 21,311 — so the later stages cannot meet its LP bound and the
    /// deferral is withdrawn after their LPs and a failed restricted MIP, 7 s) nor starts the
    /// next stage's relaxation from its basis (Hai Phong's disruption LP after the balance:
    /// 7.0 s warm against 1.3 s cold under the same fixes; on an earlier day, with the balance
    /// fixed at its optimum, 29 s against 8.5 s).
    pub fn weighs_components(&self) -> bool {
        self.name == BALANCE
    }

    /// Value at a point.
    pub fn value_at(&self, x: &[f64]) -> f64 {
        self.coefs.iter().map(|(v, k)| k * x[v.index()]).sum()
    }
}

/// A ranged row `lo <= Σ coef·var <= hi`.
#[derive(Clone, Debug)]
pub struct Row {
    /// Tag.
    pub tag: Tag,
    /// Terms.
    pub terms: Vec<(Var, f64)>,
    /// Lower bound (may be `-inf`).
    pub lo: f64,
    /// Upper bound (may be `+inf`).
    pub hi: f64,
}

/// A mixed-integer linear model with a lexicographic objective (components in priority order,
/// each maximised).
#[derive(Clone, Debug, Default)]
pub struct LpModel {
    /// Columns.
    pub cols: Vec<Column>,
    /// Rows.
    pub rows: Vec<Row>,
    /// Objective components, most important first.
    pub objectives: Vec<Objective>,
    /// An objective whose optimum is cheap to find and feasible for the real model (keep
    /// everyone in place as far as the hard rules allow); solved, unfixed, only to hand the
    /// real stages a starting plan when the relaxation-guided attempt found none.
    pub warm_start: Option<Objective>,
}

impl LpModel {
    /// Adds a column.
    pub fn add_col(&mut self, kind: VarKind, lo: f64, hi: f64, integer: bool) -> Var {
        self.cols.push(Column { kind, lo, hi, integer });
        Var((self.cols.len() - 1) as u32)
    }

    /// Adds a binary column.
    pub fn add_binary(&mut self, kind: VarKind) -> Var {
        self.add_col(kind, 0.0, 1.0, true)
    }

    /// Adds a row; empty rows that are trivially satisfied are dropped (returns `None`).
    pub fn add_row(&mut self, tag: Tag, terms: Vec<(Var, f64)>, lo: f64, hi: f64) -> Option<RowId> {
        if terms.is_empty() && lo <= 0.0 && hi >= 0.0 {
            return None;
        }
        self.rows.push(Row { tag, terms, lo, hi });
        Some(RowId((self.rows.len() - 1) as u32))
    }

    /// Number of integer columns.
    pub fn num_integer(&self) -> usize {
        self.cols.iter().filter(|c| c.integer).count()
    }

    /// The rows violated at a point by more than `tol`.
    pub fn violated_rows(&self, x: &[f64], tol: f64) -> Vec<RowId> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, r)| {
                let a: f64 = r.terms.iter().map(|(v, k)| k * x[v.index()]).sum();
                a < r.lo - tol || a > r.hi + tol
            })
            .map(|(i, _)| RowId(i as u32))
            .collect()
    }
}

/// A model with some columns fixed and substituted out (see [`LpModel::fixing`]).
#[derive(Clone, Debug)]
pub struct Reduced {
    /// The smaller model: the free columns only.
    pub model: LpModel,
    /// For each column of the smaller model, its column in the original.
    pub original: Vec<usize>,
    /// The value of every original column that was fixed (`None`: free).
    pub fixed: Vec<Option<f64>>,
}

impl Reduced {
    /// Expands a point of the smaller model to the original columns.
    pub fn expand(&self, y: &[f64]) -> Vec<f64> {
        let mut x: Vec<f64> = self.fixed.iter().map(|v| v.unwrap_or(0.0)).collect();
        for (k, &i) in self.original.iter().enumerate() {
            x[i] = y.get(k).copied().unwrap_or(0.0);
        }
        x
    }

    /// Restricts a point of the original model to the smaller one.
    pub fn restrict(&self, x: &[f64]) -> Vec<f64> {
        self.original.iter().map(|&i| x.get(i).copied().unwrap_or(0.0)).collect()
    }
}

impl LpModel {
    /// The model with the columns that have `Some(value)` in `fixed` substituted out: each row
    /// keeps its free terms and its bounds shift by the fixed terms' contribution; a row left
    /// without free terms is kept (empty) only when the fixed values violate it, so that the
    /// smaller model is infeasible exactly when the fixing is. Objective components keep their
    /// free terms (the constant part is the same for every point of the smaller model). Tags
    /// are kept, so explanations still read the smaller model's rows.
    pub fn fixing(&self, fixed: &[Option<f64>]) -> Reduced {
        let mut new_index: Vec<Option<u32>> = vec![None; self.cols.len()];
        let mut model = LpModel::default();
        let mut original = Vec::new();
        for (i, c) in self.cols.iter().enumerate() {
            if fixed.get(i).copied().flatten().is_none() {
                new_index[i] = Some(model.cols.len() as u32);
                model.cols.push(c.clone());
                original.push(i);
            }
        }
        let fixed_value = |i: usize| fixed.get(i).copied().flatten();
        for r in &self.rows {
            let mut constant = 0.0;
            let mut terms = Vec::new();
            for &(v, k) in &r.terms {
                match new_index[v.index()] {
                    Some(n) => terms.push((Var(n), k)),
                    None => constant += k * fixed_value(v.index()).unwrap_or(0.0),
                }
            }
            let (lo, hi) = (r.lo - constant, r.hi - constant);
            if terms.is_empty() && lo <= 1e-9 && hi >= -1e-9 {
                continue;
            }
            model.rows.push(Row { tag: r.tag, terms, lo, hi });
        }
        let restrict = |o: &Objective| Objective {
            name: o.name,
            coefs: o.coefs.iter().filter_map(|&(v, k)| new_index[v.index()].map(|n| (Var(n), k))).collect(),
        };
        model.objectives = self.objectives.iter().map(restrict).collect();
        model.warm_start = self.warm_start.as_ref().map(restrict);
        let fixed = (0..self.cols.len()).map(fixed_value).collect();
        Reduced { model, original, fixed }
    }
}

impl fmt::Display for LpModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} columns ({} integer), {} rows", self.cols.len(), self.num_integer(), self.rows.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag() -> Tag {
        Tag { rule: RuleRef::Capacity, subject: Subject::Whole, kind: RowKind::Hard }
    }

    #[test]
    fn fixing_substitutes_fixed_columns_into_row_bounds() {
        let mut m = LpModel::default();
        let a = m.add_binary(VarKind::Indicator);
        let b = m.add_binary(VarKind::Indicator);
        let c = m.add_binary(VarKind::Indicator);
        m.add_row(tag(), vec![(a, 1.0), (b, 1.0), (c, 1.0)], 1.0, 2.0);
        m.add_row(tag(), vec![(a, 1.0)], 1.0, 1.0);
        m.objectives = vec![Objective { name: "o", coefs: vec![(a, 5.0), (c, 2.0)] }];
        let r = m.fixing(&[Some(1.0), None, None]);
        assert_eq!(r.model.cols.len(), 2);
        assert_eq!(r.original, vec![1, 2]);
        // the first row becomes 0 <= b + c <= 1; the second is satisfied and dropped
        assert_eq!(r.model.rows.len(), 1);
        assert_eq!((r.model.rows[0].lo, r.model.rows[0].hi), (0.0, 1.0));
        assert_eq!(r.model.objectives[0].coefs, vec![(Var(1), 2.0)]);
        assert_eq!(r.expand(&[0.0, 1.0]), vec![1.0, 0.0, 1.0]);
        assert_eq!(r.restrict(&[1.0, 0.0, 1.0]), vec![0.0, 1.0]);
    }

    #[test]
    fn fixing_that_violates_a_row_keeps_it_empty_and_infeasible() {
        let mut m = LpModel::default();
        let a = m.add_binary(VarKind::Indicator);
        m.add_row(tag(), vec![(a, 1.0)], 1.0, 1.0);
        let r = m.fixing(&[Some(0.0)]);
        assert_eq!(r.model.rows.len(), 1);
        assert!(r.model.rows[0].terms.is_empty());
        assert!(r.model.violated_rows(&[], 1e-9).len() == 1);
    }
}
