//! Why each move is made: the purpose a committee member can be told.
//!
//! A move is defensible in a meeting only when something asks for it. This module names that
//! something for every placement and release of a plan, from the plan alone (no solver), in
//! this order:
//!
//! 1. **pinned** — the planner decided it (`--pin`);
//! 2. **forced out** — a rule forces the holder out of the post (the tenure cap);
//! 3. **serves a target** — a target's count changes because of it: removing the cadre from the
//!    post would lower the achieved count of a bounded rule that is not above its upper bound
//!    (a young leader of a district, a young vice-chair *sent in* to a commune, a non-local
//!    secretary, a cadre rotated out of a district, a rotation among city agencies, the only
//!    holder of an age tier or field in a key team);
//! 4. **makes room** — the cadre's post was taken by a move that has a purpose, so the cadre
//!    had to go somewhere;
//! 5. **fills a post** — the post is one the policy asks to be filled (a key post, or a
//!    non-key post whose vacancy the objective prices) and was vacant before the plan or left
//!    by a move that has a purpose.
//!
//! Purposes 4 and 5 propagate along chains from the first three (and from posts vacant before
//! the plan) until nothing changes, so a cycle of moves that only justify each other stays
//! **discretionary**: a move with no purpose the plan can name. The default objective makes
//! none; a plan drafted by hand or the "most suitable" alternative may, and the summary counts
//! them apart.
//!
//! The counting here is the plan's own reading of each rule's witnesses, written from the
//! rules' definitions; the checker's target table gives the achieved counts it starts from.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::check::{Assignment, CheckReport, TargetOutcome, ViolationSubject};
use crate::formulation::{Judge, MoveKind, Pins};
use crate::model::policy::{LocalityPredicate, RuleBody};
use crate::model::*;

/// Why a move is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// The planner's decision.
    Pinned,
    /// A rule forces the holder out of the post (tenure cap).
    ForcedOut,
    /// A target's count changes because of it.
    ServesTarget,
    /// The cadre's post was taken by a move that has a purpose.
    MakesRoom,
    /// Fills a post the policy asks to be filled, vacant before the plan or left by a move
    /// that has a purpose.
    FillsPost,
    /// No purpose the plan can name.
    Discretionary,
}

impl Purpose {
    /// Every purpose, in order.
    pub const ALL: [Purpose; 6] = [
        Purpose::Pinned,
        Purpose::ForcedOut,
        Purpose::ServesTarget,
        Purpose::MakesRoom,
        Purpose::FillsPost,
        Purpose::Discretionary,
    ];

    /// Stable code.
    pub fn code(self) -> &'static str {
        match self {
            Purpose::Pinned => "pinned",
            Purpose::ForcedOut => "forced_out",
            Purpose::ServesTarget => "serves_target",
            Purpose::MakesRoom => "makes_room",
            Purpose::FillsPost => "fills_post",
            Purpose::Discretionary => "discretionary",
        }
    }
}

/// The purpose of one move (not of a stay).
#[derive(Clone, Debug, PartialEq)]
pub struct MovePurpose {
    /// The primary purpose.
    pub purpose: Purpose,
    /// Policy rules whose count changes because of the move (indices), for `ServesTarget`;
    /// the tenure cap for `ForcedOut`.
    pub serves: Vec<usize>,
    /// For `MakesRoom` and `FillsPost`: the cadre whose move this one follows from.
    pub because_of: Option<CadreId>,
}

/// What asks a post to be filled, for a `fills_post` move: the rule the move answers to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum FillsBasis {
    /// A key post: the structural rule that key posts are filled, with the policy's clause for
    /// its structural rules (`general.structural_clause`).
    KeyPost {
        /// The clause.
        clause: String,
    },
    /// A post of the roles the policy plans (`general.planned_roles`) that is not a key post:
    /// the objective prices its vacancy (`objective.vacancy_cost`, in moves).
    PlannedRole {
        /// What a vacancy costs, in moves.
        vacancy_cost: u32,
    },
}

/// What asks `post` to be filled.
pub fn fills_basis(s: &Scenario, policy: &Policy, post: PostId) -> FillsBasis {
    if s.post(post).key {
        FillsBasis::KeyPost { clause: policy.general.structural_clause.clone() }
    } else {
        FillsBasis::PlannedRole { vacancy_cost: policy.objective.vacancy_cost }
    }
}

/// A move: `cadre` from its post (if any) to `to` (None: released).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Mv {
    cadre: CadreId,
    from: Option<PostId>,
    to: Option<PostId>,
}

/// The purposes of every move of an assignment (stays are left out), by cadre.
pub fn purposes(
    s: &Scenario,
    policy: &Policy,
    judge: &Judge<'_>,
    a: &Assignment,
    report: &CheckReport,
    pins: &Pins,
) -> BTreeMap<CadreId, MovePurpose> {
    let facts = &judge.facts;
    let planned = |p: PostId| facts.is_planned_post(p);
    let mut moves: Vec<Mv> = Vec::new();
    for (&p, &c) in &a.holder {
        if planned(p) && s.cadre(c).post != Some(p) {
            moves.push(Mv { cadre: c, from: s.cadre(c).post, to: Some(p) });
        }
    }
    for &c in &a.released {
        moves.push(Mv { cadre: c, from: s.cadre(c).post, to: None });
    }
    moves.sort();
    let counts = Counts::new(s, judge, a);
    let mut out: BTreeMap<CadreId, MovePurpose> = BTreeMap::new();
    let pinned: BTreeSet<CadreId> = pins.force.iter().map(|(c, _)| *c).collect();
    // seeds: pins, forced departures, targets
    for m in &moves {
        let serves = counts.serves(policy, report, m);
        let forced = m.from.is_some_and(planned) && judge.cadre[m.cadre.index()].tenure_capped;
        let purpose = if pinned.contains(&m.cadre) {
            Some(Purpose::Pinned)
        } else if forced {
            Some(Purpose::ForcedOut)
        } else if !serves.is_empty() {
            Some(Purpose::ServesTarget)
        } else {
            None
        };
        let serves = if forced && serves.is_empty() { tenure_rules(policy) } else { serves };
        if let Some(purpose) = purpose {
            out.insert(m.cadre, MovePurpose { purpose, serves, because_of: None });
        }
    }
    // who arrives in each post, and who left it
    let arriving: BTreeMap<PostId, CadreId> = moves.iter().filter_map(|m| m.to.map(|p| (p, m.cadre))).collect();
    let leaving: BTreeMap<PostId, CadreId> =
        moves.iter().filter_map(|m| m.from.filter(|p| planned(*p)).map(|p| (p, m.cadre))).collect();
    let asks_filled = |p: PostId| !s.post(p).supernumerary;
    // chains: makes room, fills a post
    loop {
        let mut changed = false;
        for m in &moves {
            if out.contains_key(&m.cadre) {
                continue;
            }
            // the cadre's post was taken by a move with a purpose
            if let Some(d) = m.from.and_then(|q| arriving.get(&q)).filter(|d| out.contains_key(d)) {
                out.insert(m.cadre, MovePurpose { purpose: Purpose::MakesRoom, serves: vec![], because_of: Some(*d) });
                changed = true;
                continue;
            }
            // the post was vacant before, or left by a move with a purpose
            if let Some(p) = m.to.filter(|p| asks_filled(*p)) {
                let before = s.post(p).holder.filter(|h| leaving.get(&p) == Some(h));
                let vacant_before = s.post(p).holder.is_none();
                if vacant_before || before.is_some_and(|h| out.contains_key(&h)) {
                    out.insert(
                        m.cadre,
                        MovePurpose { purpose: Purpose::FillsPost, serves: vec![], because_of: before },
                    );
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    for m in &moves {
        out.entry(m.cadre).or_insert(MovePurpose { purpose: Purpose::Discretionary, serves: vec![], because_of: None });
    }
    out
}

fn tenure_rules(policy: &Policy) -> Vec<usize> {
    policy
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.enabled && matches!(r.body, RuleBody::TenureCap(_)))
        .map(|(i, _)| i)
        .collect()
}

/// The plan's own count of each rule's witnesses, to decide whether removing one cadre from
/// one post lowers a count.
struct Counts<'a, 'b> {
    s: &'a Scenario,
    judge: &'b Judge<'a>,
    a: &'b Assignment,
    post_of: BTreeMap<CadreId, PostId>,
}

impl<'a, 'b> Counts<'a, 'b> {
    fn new(s: &'a Scenario, judge: &'b Judge<'a>, a: &'b Assignment) -> Self {
        Counts { s, judge, a, post_of: a.post_of() }
    }

    /// The child locality at `level` that contains `l`, if any.
    fn child_of(&self, l: LocalityId, level: Level) -> Option<LocalityId> {
        self.s.ancestor_at(l, level)
    }

    /// The planned posts of a child locality `k` at `level` with one of `roles` (any role
    /// when empty).
    fn posts_of(&self, k: LocalityId, level: Level, roles: &[Role]) -> Vec<PostId> {
        let s = self.s;
        s.post_ids()
            .filter(|p| {
                let post = s.post(*p);
                self.judge.facts.is_planned_post(*p)
                    && post.level == level
                    && s.is_within(post.locality, k)
                    && (roles.is_empty() || roles.contains(&post.role))
            })
            .collect()
    }

    /// Whether `c` holding `p` is a young (and, when asked, sent-in) holder for child `k`.
    fn young_witness(&self, c: CadreId, p: PostId, k: LocalityId, max_age: u32, sent_in: bool) -> bool {
        let young = self.judge.facts.age(c) < max_age as i32;
        let sent = !sent_in
            || (self.judge.move_kind(c, p) != MoveKind::Stays
                && !self.judge.cadre[c.index()].home_locality.is_some_and(|h| self.s.is_within(h, k)));
        young && sent
    }

    /// Rules whose count the move changes.
    fn serves(&self, policy: &Policy, report: &CheckReport, m: &Mv) -> Vec<usize> {
        let s = self.s;
        let mut out = Vec::new();
        for t in &report.targets {
            if t.hi.is_some_and(|hi| t.achieved > hi + 1e-9) || out.contains(&t.rule) {
                continue;
            }
            let rule = &policy.rules[t.rule];
            let counts = match &rule.body {
                RuleBody::Coverage(cv) => self.coverage_counts(cv, t, m),
                RuleBody::RotationQuota(q) => {
                    q.population.management.contains(&s.cadre(m.cadre).management)
                        && m.to.is_some_and(|to| {
                            m.from.is_some_and(|from| {
                                let (f, tp) = (s.post(from), s.post(to));
                                f.unit != tp.unit
                                    && q.from.matches(f.level, f.role, s.unit(f.unit).kind)
                                    && q.to.matches(tp.level, tp.role, s.unit(tp.unit).kind)
                            })
                        })
                }
                RuleBody::TeamMix(tm) => self.team_counts(tm, t, m),
                _ => false,
            };
            if counts {
                out.push(t.rule);
            }
        }
        out.sort();
        out
    }

    fn coverage_counts(&self, cv: &crate::model::policy::CoverageRule, t: &TargetOutcome, m: &Mv) -> bool {
        let s = self.s;
        let ViolationSubject::Locality(parent) = t.subject else { return false };
        match &cv.predicate {
            LocalityPredicate::YoungHolder { roles, max_age_exclusive, sent_in } => {
                let Some(p) = m.to else { return false };
                let post = s.post(p);
                if post.level != cv.child || !roles.contains(&post.role) || !s.is_within(post.locality, parent) {
                    return false;
                }
                let Some(k) = self.child_of(post.locality, cv.child) else { return false };
                if !self.young_witness(m.cadre, p, k, *max_age_exclusive, *sent_in) {
                    return false;
                }
                // the only witness of the child: without the cadre, the child stops counting
                !self.posts_of(k, cv.child, roles).into_iter().any(|q| {
                    q != p
                        && self
                            .a
                            .holder
                            .get(&q)
                            .is_some_and(|&h| self.young_witness(h, q, k, *max_age_exclusive, *sent_in))
                })
            }
            LocalityPredicate::NonLocalHolder { roles } => {
                let Some(p) = m.to else { return false };
                let post = s.post(p);
                if post.level != cv.child || !roles.contains(&post.role) || !s.is_within(post.locality, parent) {
                    return false;
                }
                let Some(k) = self.child_of(post.locality, cv.child) else { return false };
                // every post of the roles is held by a non-local cadre: removing one breaks it
                t.satisfied.contains(&k) && !self.judge.facts.is_local(m.cadre, k)
            }
            LocalityPredicate::RotatedOut { roles } => {
                let Some(from) = m.from.filter(|p| self.judge.facts.is_planned_post(*p)) else { return false };
                let fp = s.post(from);
                if fp.level != cv.child
                    || !(roles.is_empty() || roles.contains(&fp.role))
                    || !s.is_within(fp.locality, parent)
                {
                    return false;
                }
                let Some(k) = self.child_of(fp.locality, cv.child) else { return false };
                let out_of_k = |c: CadreId| self.post_of.get(&c).is_some_and(|p| !s.is_within(s.post(*p).locality, k));
                if !out_of_k(m.cadre) {
                    return false;
                }
                // the only cadre of the child rotated out
                !self
                    .posts_of(k, cv.child, roles)
                    .into_iter()
                    .filter_map(|q| s.post(q).holder)
                    .any(|h| h != m.cadre && out_of_k(h))
            }
        }
    }

    fn team_counts(&self, tm: &crate::model::policy::TeamMixRule, t: &TargetOutcome, m: &Mv) -> bool {
        let s = self.s;
        let ViolationSubject::Team(team) = t.subject else { return false };
        let Some(p) = m.to else { return false };
        if !s.team(team).posts.contains(&p) || s.post(p).supernumerary {
            return false;
        }
        let others: Vec<CadreId> = s
            .team(team)
            .posts
            .iter()
            .filter(|q| **q != p && self.judge.facts.is_planned_post(**q) && !s.post(**q).supernumerary)
            .filter_map(|q| self.a.holder.get(q).copied())
            .collect();
        let level = s.locality(s.team(team).locality).level();
        match t.measure {
            "age_tiers" => {
                let Some(tiers) = tm.age_tiers.get(level.code()) else { return false };
                let tier = |c: CadreId| {
                    let age = self.judge.facts.age(c);
                    tiers.iter().position(|x| age >= x.min_age as i32 && age < x.max_age as i32)
                };
                let mine = tier(m.cadre);
                mine.is_some() && !others.iter().any(|o| tier(*o) == mine)
            }
            "fields" => {
                let f = s.cadre(m.cadre).field;
                !others.iter().any(|o| s.cadre(*o).field == f)
            }
            _ => false,
        }
    }
}

/// Moves counted by purpose, in [`Purpose::ALL`] order (purposes with no move left out).
pub fn count_by_purpose(p: &BTreeMap<CadreId, MovePurpose>) -> Vec<(Purpose, usize)> {
    Purpose::ALL.iter().map(|k| (*k, p.values().filter(|m| m.purpose == *k).count())).filter(|(_, n)| *n > 0).collect()
}
