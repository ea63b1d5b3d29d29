//! Interchangeable choices: other candidates who give *exactly* the same plan.
//!
//! Two plans equal on every criterion are not alternatives for a committee; they are one plan
//! with a free choice inside it. For every post a plan fills from the candidate pool, this
//! lists the other unplaced pool candidates who could take it with every rule counting the
//! same — the same suitability and preference points, the same side of every age line and
//! tier the rules draw, the same field, the same locality facts for every locality above the
//! post, the same current post as far as the rotation quota reads it — so that substituting one
//! for the other changes no figure of the plan (a test confirms each substitution with the
//! independent checker). The committee sees "any of these candidates gives the same plan".

use serde::{Deserialize, Serialize};

use crate::check::Assignment;
use crate::formulation::{Judge, MoveKind, Pins};
use crate::model::policy::{LocalityPredicate, RuleBody};
use crate::model::*;

/// How many other candidates are listed per post (the count says how many there are).
pub const LISTED: usize = 5;

/// One post with interchangeable candidates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// Post code.
    pub post: String,
    /// The cadre the plan places (code).
    pub chosen: String,
    /// Other candidates who give the same plan (codes, at most [`LISTED`]).
    pub others: Vec<String>,
    /// How many such candidates there are in all.
    pub count: usize,
}

/// What every rule reads of a pool candidate placed in a post.
#[derive(Debug, PartialEq, Eq)]
struct Signature {
    points: u32,
    young: Vec<bool>,
    tiers: Vec<Option<usize>>,
    field: Field,
    locality: Vec<(bool, bool)>,
    management: Management,
    current: Option<(Role, Level, bool)>,
}

fn signature(judge: &Judge<'_>, c: CadreId, p: PostId) -> Signature {
    let facts = &judge.facts;
    let s = facts.scenario;
    let policy = facts.policy;
    let post = s.post(p);
    let age = facts.age(c);
    let mut young = Vec::new();
    let mut tiers = Vec::new();
    for r in policy.rules.iter().filter(|r| r.enabled) {
        match &r.body {
            RuleBody::Coverage(cv) => {
                if let LocalityPredicate::YoungHolder { max_age_exclusive, .. } = &cv.predicate {
                    young.push(age < *max_age_exclusive as i32);
                }
            }
            RuleBody::TeamMix(t) => {
                for tier_list in t.age_tiers.values() {
                    tiers.push(tier_list.iter().position(|x| age >= x.min_age as i32 && age < x.max_age as i32));
                }
            }
            _ => {}
        }
    }
    let home = judge.cadre[c.index()].home_locality;
    let mut locality = Vec::new();
    let mut l = Some(post.locality);
    while let Some(x) = l {
        locality.push((facts.is_local(c, x), home.is_some_and(|h| s.is_within(h, x))));
        l = s.locality(x).parent;
    }
    let cadre = s.cadre(c);
    Signature {
        points: judge.suitability(c, p).total(),
        young,
        tiers,
        field: cadre.field,
        locality,
        management: cadre.management,
        current: cadre.post.map(|q| {
            let cur = s.post(q);
            (cur.role, cur.level, cur.unit == post.unit)
        }),
    }
}

/// The interchangeable choices of an assignment, by post (posts filled from the pool only).
pub fn choices(s: &Scenario, policy: &Policy, a: &Assignment, pins: &Pins) -> Vec<Choice> {
    let judge = Judge::new(s, policy);
    let placed: std::collections::BTreeSet<CadreId> = a.holder.values().copied().collect();
    let pinned: std::collections::BTreeSet<CadreId> =
        pins.force.iter().map(|(c, _)| *c).chain(pins.keep.iter().copied()).collect();
    let pool: Vec<CadreId> =
        s.cadre_ids().filter(|c| !judge.cadre[c.index()].incumbent && !placed.contains(c)).collect();
    let mut out = Vec::new();
    for (&p, &c) in &a.holder {
        if !matches!(judge.move_kind(c, p), MoveKind::Reinforcement | MoveKind::Appointment) || pinned.contains(&c) {
            continue;
        }
        let want = signature(&judge, c, p);
        let others: Vec<CadreId> = pool
            .iter()
            .copied()
            .filter(|o| {
                s.cadre(*o).field == want.field
                    && s.cadre(*o).management == want.management
                    && !pins.forbid.contains(&(*o, p))
                    && judge.judge(*o, p).is_ok()
                    && signature(&judge, *o, p) == want
            })
            .collect();
        if others.is_empty() {
            continue;
        }
        out.push(Choice {
            post: s.post(p).code.clone(),
            chosen: s.cadre(c).code.clone(),
            others: others.iter().take(LISTED).map(|o| s.cadre(*o).code.clone()).collect(),
            count: others.len(),
        });
    }
    out
}
