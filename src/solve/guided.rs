//! Relaxation-guided solving of one lexicographic stage, before (and often instead of) the full
//! branch-and-bound.
//!
//! Why: on Hai Phong, HiGHS proves the LP bound of a stage within seconds but spends most of
//! its time in root cuts and sub-MIP heuristics looking for a plan that meets it. Our models
//! are assignment problems with a few side rows, so their relaxations are nearly integral, and
//! two exact arguments let us skip most of that search:
//!
//! 1. **RENS** (relaxation-enforced neighbourhood search): the MIP restricted to the columns
//!    the LP optimum uses is tiny. If its optimum meets the LP bound `B` (rounded down when
//!    every cost is integral, as ours are), it is optimal for the whole model.
//! 2. **Reduced-cost neighbourhood**: with optimal row duals `y` and reduced costs
//!    `d = c − Aᵀy`, every feasible point obeys `c·x ≤ B + Σ_{j at 0 in the LP} d_j·x_j`
//!    with `d_j ≤ 0` there. So with an incumbent of value `z`, no column with `|d_j| > B − z`
//!    can appear in a better point; the MIP over the other columns, solved to optimality, is
//!    optimal for the whole model. This is HiGHS's own reduced-cost fixing, applied once with
//!    a strong incumbent instead of during the search.
//!
//! A stage that neither argument closes falls back to the full search, with the best point
//! found here kept aside (and, for a stage with later ones, as its warm start). Everything here is deterministic (single thread, fixed seed).

use std::collections::BTreeMap;

use highs::{HighsModelStatus, HighsSolutionStatus};

use super::highs_backend::{integral, meets, roundable, set_options, whole_gap};
use super::instance::build;
use super::lp_chain::{LpChain, LpOptimum, LpOutcome};
use super::{Clock, SolveError, SolverSettings};
use crate::formulation::ir::{LpModel, VarKind};

/// How many of the cheapest columns of every post and cadre widen the relaxation's support
/// (measured on Hai Phong: wider supports found worse plans more slowly than the full search).
const WIDTH: usize = 3;

/// A row fixing an earlier objective component, `Σ coef·x >= lo`, and the integer columns that
/// every plan meeting it leaves at 0 (`face::optimal_face`; empty when not known).
#[derive(Clone, Debug)]
pub(crate) struct Fix {
    /// The component's coefficients.
    pub coefs: BTreeMap<usize, f64>,
    /// Its lower bound.
    pub lo: f64,
    /// Integer columns at 0 in every plan that meets the row.
    pub zero: Vec<usize>,
}

impl Fix {
    /// Whether `x` obeys the row (within 1e-6) and leaves the fix's columns at 0.
    pub(crate) fn holds(&self, x: &[f64]) -> bool {
        self.coefs.iter().map(|(i, k)| k * x[*i]).sum::<f64>() >= self.lo - 1e-6
            && self.zero.iter().all(|j| x[*j] <= 0.5)
    }
}

/// Per model column, whether some fix sets it to 0.
pub(crate) fn zeroed(n: usize, fixes: &[Fix]) -> Vec<bool> {
    let mut z = vec![false; n];
    for j in fixes.iter().flat_map(|f| f.zero.iter()) {
        z[*j] = true;
    }
    z
}

/// The lower bound a stage fix takes in a problem. A component whose optimum is whole is fixed
/// 0.5 below its value for the MIP (see `fix_at`); in a relaxation that half unit is room the
/// LP uses — on Hai Phong a targets row at −352.5 let the disruption LP bound rise from 1196 to
/// 1197.25, a bound no plan meets. Every integer point meeting the row meets the whole value,
/// so the relaxation may take the whole value itself (less a hair for HiGHS's tolerances): a
/// tighter relaxation of the same integer points.
pub(crate) fn relaxed_fix(model: &LpModel, coefs: &BTreeMap<usize, f64>, lo: f64, integer: bool) -> f64 {
    if !roundable(model, coefs) || lo.fract().abs() != 0.5 {
        return lo;
    }
    lo.ceil() - if integer { 0.01 } else { 1e-6 }
}

/// What the relaxation-guided attempt at a stage gave.
pub(crate) struct Guided {
    /// The LP bound of the stage (an upper bound on its optimum).
    pub bound: f64,
    /// The best point of the restricted MIP, if it found one.
    pub x: Option<Vec<f64>>,
    /// The point reaches the bound: proven optimal without the full search.
    pub proven: bool,
    /// The stage's relaxation (its optimum, point and reduced costs), for the optimal face of
    /// the stage once its value is fixed (`face::optimal_face`).
    pub relaxation: Option<LpOptimum>,
}

/// Solves a stage's LP relaxation, then the MIP restricted to the columns the relaxation uses
/// (and the incumbent's), a relaxation-induced neighbourhood (RENS). Assignment models like
/// ours have nearly integral relaxations, so the restricted MIP is small and, when its optimum
/// meets the LP bound (rounded down when every cost is integral), that optimum is proven for
/// the whole model. `None` when the relaxation itself is infeasible.
#[allow(clippy::too_many_arguments)]
pub(crate) fn guided(
    chain: &mut LpChain,
    model: &LpModel,
    costs: &BTreeMap<usize, f64>,
    fixes: &[Fix],
    hint: Option<&BTreeMap<usize, f64>>,
    warm: bool,
    incumbent: &[f64],
    st: &SolverSettings,
    clock: &Clock,
) -> Result<Option<Guided>, SolveError> {
    // with `warm` (the last stage, as a rule), from the previous stage's basis
    let relaxation = match chain.solve(model, costs, fixes, warm, st, clock)? {
        LpOutcome::Infeasible => return Ok(None),
        LpOutcome::Optimal(lp) => lp,
        LpOutcome::Unknown => {
            return Ok(Some(Guided { bound: f64::INFINITY, x: None, proven: false, relaxation: None }))
        }
    };
    let (bound, x, proven) = around(model, costs, fixes, hint, incumbent, &relaxation, st, clock)?;
    Ok(Some(Guided { bound, x, proven, relaxation: Some(relaxation) }))
}

/// The restricted MIPs around a stage's relaxation `relax`: its bound, the best point found
/// and whether that point is proven optimal.
#[allow(clippy::too_many_arguments)]
fn around(
    model: &LpModel,
    costs: &BTreeMap<usize, f64>,
    fixes: &[Fix],
    hint: Option<&BTreeMap<usize, f64>>,
    incumbent: &[f64],
    relax: &LpOptimum,
    st: &SolverSettings,
    clock: &Clock,
) -> Result<(f64, Option<Vec<f64>>, bool), SolveError> {
    let lp_value = relax.value;
    let reduced = &relax.reduced[..];
    let lp = &relax.x[..];
    let integral_costs = integral(model, costs);
    let bound = if roundable(model, costs) { (lp_value + 1e-6).floor() } else { lp_value };
    // 1. the relaxation's own support (and the incumbent's), widened by the few cheapest
    //    columns of every post and cadre, so that the restricted MIP has room to round the
    //    fractional parts
    // the columns the fixes set to 0 stay out of every restricted MIP
    let zero = zeroed(model.cols.len(), fixes);
    let mut support = rens_support(model, lp, reduced, incumbent, hint, WIDTH);
    for (s, z) in support.iter_mut().zip(&zero) {
        *s &= !z;
    }
    let mut best = restricted_mip(model, costs, fixes, &support, incumbent, st, clock, true)?;
    let value_of = |x: &Vec<f64>| costs.iter().map(|(i, c)| c * x[*i]).sum::<f64>();
    if let Some((x, _)) = &best {
        if meets(value_of(x), bound, integral_costs) {
            return Ok((bound, best.map(|b| b.0), true));
        }
    }
    // 2. reduced-cost neighbourhood: with duals y, every feasible point obeys
    //    c·x <= bound + Σ_{j at 0 in the LP} d_j·x_j (d_j <= 0 there), so a column whose
    //    reduced cost exceeds the gap to the incumbent cannot be in a better plan; the MIP over
    //    the remaining columns, solved to optimality, is optimal for the whole model.
    let Some((inc, _)) = &best else {
        return Ok((bound, None, false));
    };
    // a better plan than the incumbent `z` reaches `z + 1` when every cost is whole (else any
    // `z + ε`): only columns with `|d_j| ≤ lp − (z + 1)` can be in it, less a tolerance
    let better = if integral_costs { value_of(inc) + 1.0 } else { value_of(inc) };
    let delta = lp_value - better + 1e-6 * lp_value.abs().max(1.0);
    if delta < 0.0 {
        // no column can improve on the incumbent: it is optimal
        return Ok((bound, best.map(|b| b.0), true));
    }
    let hood: Vec<bool> = support
        .iter()
        .enumerate()
        .map(|(i, in_support)| *in_support || (reduced[i].abs() <= delta && !zero[i]))
        .collect();
    let size = hood.iter().filter(|b| **b).count();
    let open = zero.iter().filter(|z| !**z).count();
    if size * 4 > open * 3 {
        return Ok((bound, best.map(|b| b.0), false));
    }
    let start = best.as_ref().map(|b| b.0.clone()).unwrap_or_default();
    // a stage with later ones (a `hint`) leaves them half the time left: a plan with every
    // stage applied and each gap measured beats a slightly better value of this one alone
    let hood_clock = if hint.is_some() { clock.within(clock.remaining() * 0.5) } else { clock.clone() };
    if let Some((x, optimal)) = restricted_mip(model, costs, fixes, &hood, &start, st, &hood_clock, false)? {
        // the restricted MIP proven optimal (at a zero gap) over the neighbourhood is optimal
        // for the whole model; so is a point that meets the bound
        let proven = (optimal && st.mip_rel_gap == 0.0) || meets(value_of(&x), bound, integral_costs);
        if value_of(&x) >= value_of(&start) {
            best = Some((x, proven));
        }
    }
    let proven = best.as_ref().is_some_and(|b| b.1);
    Ok((bound, best.map(|b| b.0), proven))
}

/// The columns of a relaxation-induced neighbourhood: every non-assignment column, the
/// assignments the LP point `lp` uses, the incumbent's, every stay of the status quo (which
/// keeps the restricted model close to feasible), and the `width` columns of every post and
/// of every cadre with the smallest reduced cost (ties: best for the next stage, `hint`).
pub(crate) fn rens_support(
    model: &LpModel,
    lp: &[f64],
    reduced: &[f64],
    incumbent: &[f64],
    hint: Option<&BTreeMap<usize, f64>>,
    width: usize,
) -> Vec<bool> {
    let mut stays = vec![false; model.cols.len()];
    for (v, _) in model.warm_start.iter().flat_map(|w| w.coefs.iter()) {
        stays[v.index()] = true;
    }
    let mut support: Vec<bool> = model
        .cols
        .iter()
        .enumerate()
        .map(|(i, c)| {
            !matches!(c.kind, VarKind::Assign(..))
                || lp[i] > 1e-6
                || incumbent.get(i).is_some_and(|v| *v > 0.5)
                || stays[i]
        })
        .collect();
    let mut per_post: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut per_cadre: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, c) in model.cols.iter().enumerate() {
        if let VarKind::Assign(cadre, p) = c.kind {
            per_post.entry(p.index()).or_default().push(i);
            per_cadre.entry(cadre.index()).or_default().push(i);
        }
    }
    let hint_of = |i: usize| hint.and_then(|h| h.get(&i)).copied().unwrap_or(0.0);
    for cols in per_post.values_mut().chain(per_cadre.values_mut()) {
        cols.sort_by(|a, b| {
            reduced[*a].abs().total_cmp(&reduced[*b].abs()).then(hint_of(*b).total_cmp(&hint_of(*a))).then(a.cmp(b))
        });
        for &i in cols.iter().take(width) {
            support[i] = true;
        }
    }
    support
}

/// A first plan for a large model, found in the neighbourhood of the first stage's
/// relaxation (`lp`, with its reduced costs) before the later stages' relaxations are solved,
/// so that a solve stopped by its clock still has a plan to report (with every stage's value
/// and, where known, its bound and gap).
///
/// The neighbourhood is [`rens_support`] of the first stage. Its objective weighs the stages
/// in order, each component scaled so that one unit of it outweighs the whole range of every
/// later one, as far as each weight stays within 100 times the next (a cost range HiGHS
/// scales well); the plan is then lexicographically best in the neighbourhood, or, for a
/// model whose ranges exceed that, close to it. Either way it is only a starting point: the
/// stages that follow re-solve every component exactly, and a plan reported from here says it
/// was stopped, with its gaps. (Measured on Hà Nội, 204k columns: 7 s for a 41k-column
/// neighbourhood; with weights up to 1e9 HiGHS warned of bad scaling and took 85 s.)
pub(crate) fn early_plan(
    model: &LpModel,
    components: &[BTreeMap<usize, f64>],
    lp: &[f64],
    reduced: &[f64],
    st: &SolverSettings,
    clock: &Clock,
) -> Result<Option<Vec<f64>>, SolveError> {
    let support = rens_support(model, lp, reduced, &[], components.get(1), WIDTH);
    // how far two plans of the neighbourhood can differ on a component: each cadre takes at
    // most one post, so its assignments add at most their largest |coef|; other columns
    // add |coef| times their upper bound
    let range = |c: &BTreeMap<usize, f64>| {
        let mut per_cadre: BTreeMap<usize, f64> = BTreeMap::new();
        let mut other = 0.0;
        for (i, k) in c.iter().filter(|(i, _)| support[**i]) {
            match model.cols[*i].kind {
                VarKind::Assign(cadre, _) => {
                    let m = per_cadre.entry(cadre.index()).or_default();
                    *m = m.max(k.abs());
                }
                _ => other += k.abs() * model.cols[*i].hi.abs().min(1e6),
            }
        }
        other + per_cadre.values().sum::<f64>()
    };
    // each weight outweighs the later components' range, at most 100 times the next weight
    // (so that the costs stay within a range HiGHS scales well)
    let mut weights = vec![1.0f64; components.len()];
    for k in (0..components.len().saturating_sub(1)).rev() {
        let later: f64 = (k + 1..components.len()).map(|j| weights[j] * range(&components[j])).sum();
        weights[k] = (later + 1.0).min(100.0 * weights[k + 1]);
    }
    let mut costs: BTreeMap<usize, f64> = BTreeMap::new();
    for (c, w) in components.iter().zip(&weights) {
        for (i, k) in c {
            *costs.entry(*i).or_default() += w * k;
        }
    }
    let mut loose = st.clone();
    // a starting point, not a proof: stop at a small gap
    loose.mip_rel_gap = loose.mip_rel_gap.max(1e-3);
    Ok(restricted_mip(model, &costs, &[], &support, &[], &loose, clock, true)?.map(|(x, _)| x))
}

/// Solves the MIP over the columns `free` marks (others at 0), warm-started from `start`
/// when it is a full point, with HiGHS's presolve or without. Returns the point and whether
/// the restricted MIP was proven optimal.
///
/// The reduced-cost neighbourhood is solved without presolve: its columns are already the
/// few the relaxation's duals leave, and on Hai Phong presolve spent 1.1 s of the 2.5 s of
/// plan 1's neighbourhood MIP. Measured in paired runs of whole processes: plan 1 alone
/// 0.88×; plan 1 then the ahead-of-milestone plan 0.82×; plan 1 then the compromise 0.79×.
/// RENS keeps it (without, plan 1 then the ahead plan took 1.62×).
#[allow(clippy::too_many_arguments)]
fn restricted_mip(
    model: &LpModel,
    costs: &BTreeMap<usize, f64>,
    fixes: &[Fix],
    free: &[bool],
    start: &[f64],
    st: &SolverSettings,
    clock: &Clock,
    presolve: bool,
) -> Result<Option<(Vec<f64>, bool)>, SolveError> {
    let highs_err = |e: highs::HighsStatus| SolveError::Highs(format!("{e:?}"));
    let expand = |solved: &highs::SolvedModel, cols: &[Option<usize>]| {
        let sub = solved.get_solution().columns().to_vec();
        let mut x = vec![0.0; model.cols.len()];
        for (i, c) in cols.iter().enumerate() {
            if let Some(j) = c {
                x[i] = if model.cols[i].integer { sub[*j].round() } else { sub[*j] };
            }
        }
        x
    };
    let mut with_start = start.len() == model.cols.len();
    loop {
        let (pb, cols) = build(model, costs, fixes, free, true);
        let mut m = pb.load(Some(clock))?;
        set_options(&mut m, st, clock)?;
        whole_gap(&mut m, model, costs, st);
        if !presolve {
            m.try_set_option("presolve", "off").map_err(|_| SolveError::Highs("option presolve refused".into()))?;
        }
        if with_start {
            let sub: Vec<f64> = cols.iter().zip(start).filter(|(c, _)| c.is_some()).map(|(_, v)| *v).collect();
            let _ = m.try_set_solution(Some(&sub), None, None, None);
        }
        let solved = m.try_solve().map_err(highs_err)?;
        if solved.primal_solution_status() != HighsSolutionStatus::Feasible {
            return Ok(None);
        }
        let x = expand(&solved, &cols);
        let value: f64 = costs.iter().map(|(i, c)| c * x[*i]).sum();
        let tol = if integral(model, costs) { 0.5 } else { 1e-6 * value.abs().max(1.0) + 1e-6 };
        let feasible = model.violated_rows(&x, 1e-6).is_empty() && fixes.iter().all(|f| f.holds(&x));
        if (value - solved.objective_value()).abs() > tol || !feasible {
            // a stale warm start reported with a better value (HiGHS 1.16; see
            // `highs_backend::consistent`): search again without it
            if with_start {
                with_start = false;
                continue;
            }
            return Ok(None);
        }
        let zero_gap = solved.mip_gap().is_finite() && solved.mip_gap() <= 1e-9;
        // HiGHS may stop at its node budget with its dual bound already at the point's value
        // (a zero gap it did not get to report as "optimal"): the point is optimal for the
        // restricted MIP all the same — its own value checked, the bound rounded down when
        // every cost is whole
        let dual = super::highs_backend::dual_bound(&solved);
        let dual = if integral(model, costs) { (dual + 1e-6).floor() } else { dual };
        let closed = dual.is_finite() && meets(value, dual, integral(model, costs));
        return Ok(Some((x, (solved.status() == HighsModelStatus::Optimal && zero_gap) || closed)));
    }
}
