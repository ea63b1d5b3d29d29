//! Neighbourhoods of an earlier plan: re-plan one part of it and keep the rest.
//!
//! Why: a committee's alternatives and a planner's "why not her?" are questions about one part
//! of a plan — another choice in one district, one pair forced. Re-solving the whole city for
//! each costs as much as the first plan; re-solving the part costs a fraction, because every
//! column outside it is fixed at the earlier plan's value and substituted out
//! ([`LpModel::fixing`](super::ir::LpModel::fixing)) before HiGHS sees the model.
//!
//! ## Which columns stay free
//! Given the earlier plan's assignment and a set `F` of planned posts to re-plan:
//! - the cadres *in play* are the earlier holders of the posts of `F` and every cadre the
//!   earlier plan left without a post (pool cadres not appointed, incumbents released);
//! - `x[c,p]` is free when `p ∈ F` and `c` is in play, and fixed at its earlier value
//!   otherwise; `r[c]` (release) is free when `c` is in play;
//! - slack and indicator columns stay free (the rows define them).
//!
//! Every point of the neighbourhood is a plan of the whole model, so the checker and the
//! explanations read it like any other; its optimum is optimal *among the plans that keep
//! the rest of the earlier plan*, and the earlier plan's optimum bounds how far it can be from
//! the best plan overall.

use std::collections::BTreeSet;

use super::ir::VarKind;
use super::Formulation;
use crate::check::Assignment;
use crate::model::{Level, LocalityId, PostId};

/// A part of the scenario to re-plan: its planned posts and a label for the plan document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// The district (none: the city-level posts).
    pub district: Option<LocalityId>,
    /// Planned posts in it.
    pub posts: BTreeSet<PostId>,
}

/// The regions of a formulation: one per district (its own posts and its communes'), then one
/// for the city-level posts, in scenario order; empty regions are left out.
pub fn regions(f: &Formulation<'_>) -> Vec<Region> {
    let s = f.judge.facts.scenario;
    let mut out: Vec<Region> = s
        .localities_at(Level::District)
        .into_iter()
        .map(|d| Region { district: Some(d), posts: BTreeSet::new() })
        .collect();
    let mut city = Region { district: None, posts: BTreeSet::new() };
    for &p in &f.planned_posts {
        match s.ancestor_at(s.post(p).locality, Level::District) {
            Some(d) => {
                if let Some(r) = out.iter_mut().find(|r| r.district == Some(d)) {
                    r.posts.insert(p);
                }
            }
            None => {
                city.posts.insert(p);
            }
        }
    }
    out.push(city);
    out.retain(|r| !r.posts.is_empty());
    out
}

/// The fixing that keeps `earlier` outside `free_posts` (see the module doc): `Some(value)` per
/// fixed column, `None` per free one.
pub fn freeze(f: &Formulation<'_>, earlier: &Assignment, free_posts: &BTreeSet<PostId>) -> Vec<Option<f64>> {
    let placed: BTreeSet<_> = earlier.holder.values().copied().collect();
    let in_play = |c| !placed.contains(&c) || free_posts.iter().any(|p| earlier.holder.get(p) == Some(&c));
    let in_play: Vec<bool> = f.judge.facts.scenario.cadre_ids().map(in_play).collect();
    f.model
        .cols
        .iter()
        .map(|col| match col.kind {
            VarKind::Assign(c, p) => {
                if free_posts.contains(&p) && in_play[c.index()] {
                    None
                } else {
                    Some(if earlier.holder.get(&p) == Some(&c) { 1.0 } else { 0.0 })
                }
            }
            VarKind::Release(c) => {
                if in_play[c.index()] {
                    None
                } else {
                    Some(if earlier.released.contains(&c) { 1.0 } else { 0.0 })
                }
            }
            VarKind::Slack { .. } | VarKind::Elastic(_) | VarKind::Indicator => None,
        })
        .collect()
}
