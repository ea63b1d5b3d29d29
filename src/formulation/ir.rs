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

/// One component of the lexicographic objective, maximised.
#[derive(Clone, Debug)]
pub struct Objective {
    /// Stable name (`targets`, `suitability`, `moves`).
    pub name: &'static str,
    /// Coefficients (merged per column).
    pub coefs: Vec<(Var, f64)>,
}

impl Objective {
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
    /// everyone in place as far as the hard rules allow); solved first, unfixed, only to hand
    /// the real stages a starting plan.
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

impl fmt::Display for LpModel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} columns ({} integer), {} rows", self.cols.len(), self.num_integer(), self.rows.len())
    }
}
