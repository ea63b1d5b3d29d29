//! Coverage: the share of child localities, per parent locality, that meet a predicate after
//! the plan — young leaders in districts (§2.3(1)), under-30 vice-chairs sent to communes
//! (§2.3(2)), non-local district secretaries (§2.2(2), §2.3(3)), districts that rotate a cadre
//! out (§2.3(3)).
//!
//! ## Maths
//! For a parent `P` and its children `K(P)` at the child level (children with no post of the
//! predicate's roles are left out and reported; only the child's *own* posts count — a
//! district's party secretary, not the secretaries of its communes), a binary `z_k` says child `k` meets the
//! predicate. With `Q_k` the assignment columns that make it true:
//! - young holder / rotated out: `z_k ≤ Σ_{Q_k} x` and, when an upper bound binds,
//!   `Σ_{Q_k ∩ G} x ≤ z_k` for every group `G` of columns that sum to at most one (the
//!   columns of one post, or of one cadre) — disaggregated, much tighter than one big-M row;
//! - non-local holder (every post `p` of the roles in `k` held by a non-local cadre):
//!   `z_k ≤ Σ_{c non-local} x[c,p]` for each such `p`, and, when an upper bound binds,
//!   `z_k ≥ Σ_p Σ_{c non-local} x[c,p] − (|P_k| − 1)`.
//!
//! Then `⌈lo·n⌉ ≤ Σ_k z_k ≤ max(⌊hi·n⌋, ⌈lo·n⌉)` with `n = |K(P)|` (see
//! [`super::band_counts`]), hard or with priced slack.
//!
//! One `z_k` per rule and child, whichever milestone's band counts it: an "ahead of the
//! milestone" plan has the current band and the next one over the same children, and with an
//! indicator each the relaxation could count a half-sent cadre as half a commune under the
//! current cap and as a whole one under the next floor (on Hai Phong the ahead stage's LP
//! bound was 0 for an optimum of −10, and its branch and bound took two minutes). At an
//! integer point both indicators equal the predicate whenever an upper link is in, and a band
//! without one only gains from a larger `z_k`, so sharing it removes no plan and changes no
//! optimum; the upper links are added once, when the first band that needs them asks.

use crate::model::policy::{CoverageRule, LocalityPredicate};
use crate::model::*;

use super::eligibility::MoveKind;
use super::ir::{RuleRef, Subject, Var, VarKind};
use super::{band_counts, Formulation};

/// The child localities of `parent` at `level` (any depth below).
pub fn children_at(s: &Scenario, parent: LocalityId, level: Level) -> Vec<LocalityId> {
    s.locality_ids().filter(|l| *l != parent && s.locality(*l).level() == level && s.is_within(*l, parent)).collect()
}

/// The roles a predicate is about (empty: any planned role).
pub fn predicate_roles(p: &LocalityPredicate) -> &[Role] {
    match p {
        LocalityPredicate::YoungHolder { roles, .. }
        | LocalityPredicate::NonLocalHolder { roles }
        | LocalityPredicate::RotatedOut { roles } => roles,
    }
}

/// Adds the rows of one coverage rule.
pub fn add(f: &mut Formulation<'_>, rule: usize, c: &CoverageRule) {
    let Some((band, _hard, _w)) = f.band(&c.bands, &c.floors, rule) else { return };
    let s = f.judge.facts.scenario;
    for parent in s.localities_at(c.over) {
        let mut indicators: Vec<(Var, f64)> = Vec::new();
        let mut excluded = Vec::new();
        let children = children_at(s, parent, c.child);
        let need_upper = band[1] < 1.0;
        let mut carried = 0; // children an earlier year of a roadmap counted (see `carried`)
        for k in children {
            if f.carried.children.contains(&(rule, k)) {
                carried += 1;
                continue;
            }
            match child_rows(f, rule, c, k, need_upper) {
                Some(z) => indicators.push((z, 1.0)),
                None => excluded.push(k),
            }
        }
        let n = indicators.len() + carried;
        if n == 0 {
            continue;
        }
        let (lo, hi) = band_counts(band, n);
        let (lo, hi) = super::carried::shift(lo, hi, carried);
        let hi = if hi >= indicators.len() as f64 { None } else { Some(hi) };
        f.add_bounded(rule, Subject::Locality(parent), "share", indicators, Some(lo), hi, Some(n), excluded);
    }
}

/// Builds `z_k` and its definition rows; `None` when the child has no post of the roles.
fn child_rows(f: &mut Formulation<'_>, rule: usize, c: &CoverageRule, k: LocalityId, need_upper: bool) -> Option<Var> {
    // the indicator another band of the rule already defined, with the links this one needs
    let existing = f.coverage_z.get(&(rule, k)).copied();
    if let Some((z, upper)) = existing {
        if upper || !need_upper {
            return Some(z);
        }
    }
    let z = child_rows_with(f, rule, c, k, need_upper, existing.map(|e| e.0))?;
    f.coverage_z.insert((rule, k), (z, need_upper || existing.is_some_and(|e| e.1)));
    Some(z)
}

/// The rows of `z_k`: all of them, or (given the indicator an earlier band defined without
/// upper links) the upper links alone.
fn child_rows_with(
    f: &mut Formulation<'_>,
    rule: usize,
    c: &CoverageRule,
    k: LocalityId,
    need_upper: bool,
    existing: Option<Var>,
) -> Option<Var> {
    let s = f.judge.facts.scenario;
    let roles = predicate_roles(&c.predicate);
    let posts: Vec<PostId> = f
        .planned_posts
        .iter()
        .copied()
        .filter(|p| {
            let post = s.post(*p);
            post.level == c.child && s.is_within(post.locality, k) && (roles.is_empty() || roles.contains(&post.role))
        })
        .collect();
    let subject = Subject::Locality(k);
    let rr = RuleRef::Policy(rule);
    match &c.predicate {
        LocalityPredicate::YoungHolder { max_age_exclusive, sent_in, .. } => {
            if posts.is_empty() {
                return None;
            }
            // one group per post: the disaggregated upper link `Σ_c x[c,p] ≤ z` per post is
            // much tighter than one big-M row
            let groups: Vec<Vec<(Var, f64)>> = posts
                .iter()
                .map(|p| {
                    f.by_post[p.index()]
                        .iter()
                        .filter(|(cd, _)| {
                            let young = f.judge.cadre[cd.index()].age < *max_age_exclusive as i32;
                            let sent = !*sent_in
                                || (f.judge.move_kind(*cd, *p) != MoveKind::Stays
                                    && !f.judge.cadre[cd.index()].home_locality.is_some_and(|h| s.is_within(h, k)));
                            young && sent
                        })
                        .map(|(_, v)| (*v, 1.0))
                        .collect()
                })
                .collect();
            Some(link_any(f, rr, subject, groups, need_upper, existing))
        }
        LocalityPredicate::RotatedOut { roles } => {
            // one group per cadre of the child: their columns to posts outside it
            let groups: Vec<Vec<(Var, f64)>> = s
                .cadre_ids()
                .filter(|cd| {
                    s.cadre(*cd).post.is_some_and(|p| {
                        let post = s.post(p);
                        f.judge.facts.is_planned_post(p)
                            && post.level == c.child
                            && s.is_within(post.locality, k)
                            && (roles.is_empty() || roles.contains(&post.role))
                    })
                })
                .map(|cd| {
                    f.by_cadre[cd.index()]
                        .iter()
                        .filter(|(p, _)| !s.is_within(s.post(*p).locality, k))
                        .map(|(_, v)| (*v, 1.0))
                        .collect()
                })
                .collect();
            let movers = s
                .cadre_ids()
                .filter(|cd| {
                    s.cadre(*cd).post.is_some_and(|p| {
                        f.judge.facts.is_planned_post(p)
                            && s.post(p).level == c.child
                            && s.is_within(s.post(p).locality, k)
                    })
                })
                .count();
            if movers == 0 {
                return None;
            }
            Some(link_any(f, rr, subject, groups, need_upper, existing))
        }
        LocalityPredicate::NonLocalHolder { .. } => {
            if posts.is_empty() {
                return None;
            }
            let z = existing.unwrap_or_else(|| f.model.add_binary(VarKind::Indicator));
            let mut all = vec![(z, -1.0)];
            for p in &posts {
                let mut terms: Vec<(Var, f64)> = f.by_post[p.index()]
                    .iter()
                    .filter(|(cd, _)| !f.judge.facts.is_local(*cd, k))
                    .map(|(_, v)| (*v, 1.0))
                    .collect();
                all.extend(terms.iter().copied());
                terms.push((z, -1.0));
                if existing.is_none() {
                    f.define(rr, subject, terms, 0.0, f64::INFINITY);
                }
            }
            if need_upper {
                f.define(rr, subject, all, f64::NEG_INFINITY, posts.len() as f64 - 1.0);
            }
            Some(z)
        }
    }
}

/// `z ≤ Σ_groups Σ q` and, if an upper bound binds, `Σ q ≤ z` for each group (each group is
/// the columns of one post or one cadre, so its sum is at most 1 at an integer point). Given
/// an `existing` indicator (defined by another band, without upper links), only the upper
/// links are added.
fn link_any(
    f: &mut Formulation<'_>,
    rr: RuleRef,
    subject: Subject,
    groups: Vec<Vec<(Var, f64)>>,
    need_upper: bool,
    existing: Option<Var>,
) -> Var {
    let z = match existing {
        Some(z) => z,
        None => {
            let z = f.model.add_binary(VarKind::Indicator);
            let mut lower: Vec<(Var, f64)> = groups.iter().flatten().copied().collect();
            lower.push((z, -1.0));
            f.define(rr, subject, lower, 0.0, f64::INFINITY);
            z
        }
    };
    if need_upper {
        for g in groups.into_iter().filter(|g| !g.is_empty()) {
            let mut upper = g;
            upper.push((z, -1.0));
            f.define(rr, subject, upper, f64::NEG_INFINITY, 0.0);
        }
    }
    z
}
