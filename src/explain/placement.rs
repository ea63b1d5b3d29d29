//! Placements: "why her in this post, and why not him?" (`rotaplan explain --post`), and "where
//! does this cadre end, and why?" (`rotaplan explain --cadre`).
//!
//! A placement is explained by facts and measurements only:
//! - **why her**: the rules the placement satisfies, each criterion with its fact (age on the
//!   plan date, the last ratings, the planning entry that matches, tenure, local or not and
//!   why), the suitability points by component, and the rules the move serves (the checker's
//!   [`crate::check::Move::serves`]);
//! - **why not the others**: every other cadre the judge accepts for the post, with the measured
//!   cost of choosing them instead ([`super::cost`]: pin the pair and re-solve) for the `top`
//!   most suitable, and the ineligible cadres who came closest with every failing fact and what
//!   would remove it.
//!
//! For a cadre the same facts are told from their side: their placement (or stay, release, or
//! nothing), the other posts they could take and what each would cost, or — when no post would
//! take them — the posts they come closest to.

use serde::Serialize;

use crate::formulation::{MoveKind, Rejection};
use crate::model::policy::{PreferenceRule, Reward, RuleBody};
use crate::model::*;

use super::cost::{measure_all, Change, Cost};
use super::view::*;

/// Suitability points of a placement, by component (see the policy's `[objective]`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct SuitabilityView {
    /// For being in the planning (or holding the post).
    pub planning: u32,
    /// For the recent ratings.
    pub ratings: u32,
    /// For a field of training that suits the unit.
    pub field: u32,
    /// For leadership experience.
    pub experience: u32,
    /// Preference points (e.g. a non-local commune chair).
    pub preference: u32,
    /// Total (what the objective counts).
    pub total: u32,
    /// Years in leadership posts (the basis of `experience`).
    pub leadership_years: f64,
}

/// Where a cadre is after the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "is", rename_all = "snake_case")]
pub enum Whereabouts {
    /// Holds a planned post.
    Placed {
        /// The post.
        post: PostRef,
        /// How they got there.
        kind: MoveKind,
    },
    /// Released from the planned posts.
    Released,
    /// In no planned post (a pool cadre not placed).
    NotPlaced,
}

/// The holder of a post after the plan, and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HolderView {
    /// The cadre.
    pub cadre: CadreRef,
    /// How they arrive (or stay).
    pub kind: MoveKind,
    /// The post held before.
    pub from: Option<PostRef>,
    /// Facts about them.
    pub facts: CadreFacts,
    /// Local to the post's locality or not, and why.
    pub local: Option<LocalView>,
    /// The rules the placement satisfies, with their facts.
    pub rules: Vec<RuleCheck>,
    /// Suitability of the placement.
    pub suitability: SuitabilityView,
    /// Rules the move serves (checker).
    pub serves: Vec<RuleBrief>,
    /// A pin forces this placement: the planner's, or a roadmap's minimum-rotation keep.
    pub pinned: bool,
    /// The pin is a minimum-rotation keep (`general.min_rotation_months`), not the planner's.
    pub min_rotation: bool,
    /// Eligibility rules the placement breaks (only in a plan drafted or edited by hand; the
    /// solver never makes such a placement).
    pub breaks: Vec<FailingRule>,
}

/// Another cadre eligible for the post.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alternative {
    /// The cadre.
    pub cadre: CadreRef,
    /// Where they are now.
    pub now: String,
    /// Their suitability for the post.
    pub suitability: u32,
    /// Where the plan puts them.
    pub in_plan: Whereabouts,
    /// What choosing them would cost.
    pub cost: Cost,
}

/// Why not the others.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WhyNot {
    /// The plan's own criteria (the baseline of every cost).
    pub baseline: Criteria,
    /// Eligible others, measured (the `top` most suitable), sorted by name.
    pub alternatives: Vec<Alternative>,
    /// Eligible others not re-solved (less suitable than those measured).
    pub not_measured: usize,
    /// Ineligible cadres who came closest (fewest failing facts first, then by name).
    pub closest: Vec<NearMissView>,
    /// Ineligible cadres considered close (not failing on scope or pool admission), in all.
    pub close_total: usize,
}

/// The explanation of one post's placement.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlacementExplanation {
    /// The plan.
    pub plan: PlanHead,
    /// The post.
    pub post: PostRef,
    /// Holder before the plan.
    pub before: Option<CadreRef>,
    /// Holder after the plan (None: vacant).
    pub holder: Option<HolderView>,
    /// Cadres the judge accepts for the post (holder included).
    pub eligible: usize,
    /// The plan's pins on this post.
    pub pins: Vec<String>,
    /// Why not the others.
    pub why_not: WhyNot,
    /// Why the holder was moved here, as the plan records it (absent for a stay).
    pub purpose: Option<MoveWhy>,
    /// Other candidates who would give exactly the same plan here (ties, not alternatives).
    pub interchangeable: Option<ChoiceView>,
    /// Caveats about the measurements.
    pub notes: Vec<Note>,
}

/// Why a move is made, as the plan records it (see [`crate::plan::purpose`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoveWhy {
    /// The purpose.
    pub purpose: crate::plan::Purpose,
    /// The rules whose count it changes (or the rule that forces it).
    pub serves: Vec<RuleBrief>,
    /// For `makes_room` and `fills_post`: the cadre whose move this one follows from.
    pub because_of: Option<CadreRef>,
    /// For `fills_post`: what asks the post to be filled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fills: Option<crate::plan::purpose::FillsBasis>,
}

/// Candidates who give the same plan on a post.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChoiceView {
    /// The post.
    pub post: PostRef,
    /// The cadre the plan places.
    pub chosen: CadreRef,
    /// The others listed.
    pub others: Vec<CadreRef>,
    /// How many other candidates give the same plan, in all (some may not be listed).
    pub count: usize,
}

/// The plan's recorded purpose of a cadre's move, if they move.
fn move_why(ctx: &Context<'_>, c: CadreId) -> Option<MoveWhy> {
    let s = ctx.scenario;
    let code = &s.cadre(c).code;
    let m = ctx.plan.moves.iter().find(|m| &m.cadre == code && m.kind != "stays")?;
    let purpose = m.purpose?;
    let fills =
        m.to.as_deref()
            .and_then(|p| s.post_by_code(p))
            .filter(|_| purpose == crate::plan::Purpose::FillsPost)
            .map(|p| crate::plan::purpose::fills_basis(s, ctx.policy, p));
    Some(MoveWhy {
        purpose,
        fills,
        serves: m.serves.iter().map(|id| ctx.rule_by_id(id)).collect(),
        because_of: m.because_of.as_deref().and_then(|x| s.cadre_by_code(x)).map(|x| ctx.cadre_ref(x)),
    })
}

/// The plan's interchangeable choice on a post, if any.
fn choice(ctx: &Context<'_>, p: PostId) -> Option<ChoiceView> {
    let s = ctx.scenario;
    let ch = ctx.plan.interchangeable.iter().find(|ch| ch.post == s.post(p).code)?;
    let cref = |code: &str| s.cadre_by_code(code).map(|c| ctx.cadre_ref(c));
    Some(ChoiceView {
        post: ctx.post_ref(p),
        chosen: cref(&ch.chosen)?,
        others: ch.others.iter().filter_map(|x| cref(x)).collect(),
        count: ch.count,
    })
}

/// A caveat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Note {
    /// The plan is not proven optimal: another choice may measure better.
    PlanNotProven,
    /// The plan was made close to an earlier plan; re-solves do not know that plan.
    ClosenessIgnored,
    /// The plan breaks hard rules (checker).
    PlanBreaksRules,
}

/// How the cadre ends.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "is", rename_all = "snake_case")]
pub enum CadreOutcome {
    /// Placed in a post they did not hold.
    Moves {
        /// The post.
        post: PostRef,
        /// The kind of move.
        kind: MoveKind,
    },
    /// Keeps the post held.
    Stays {
        /// The post.
        post: PostRef,
    },
    /// Released from the planned posts (allowed below a number of years of service left, or
    /// when a tenure cap forces the cadre out with too little service left for a move).
    Released {
        /// Years left.
        service_left: f64,
        /// The policy's threshold.
        below: f64,
        /// When the release meets a tenure cap: the years of service a forced move needs
        /// (the service-left rule's `min_years_forced`), which the cadre does not have.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        forced_out_needs: Option<f64>,
    },
    /// Not placed in any planned post (a pool cadre).
    NotPlaced,
}

/// Another post a cadre could take.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PostAlternative {
    /// The post.
    pub post: PostRef,
    /// Suitability of the cadre there.
    pub suitability: u32,
    /// The holder after the plan.
    pub holder: Option<CadreRef>,
    /// What placing the cadre there would cost.
    pub cost: Cost,
}

/// The explanation of one cadre's outcome.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CadreExplanation {
    /// The plan.
    pub plan: PlanHead,
    /// The cadre.
    pub cadre: CadreRef,
    /// Facts about them.
    pub facts: CadreFacts,
    /// How they end.
    pub outcome: CadreOutcome,
    /// The placement's facts, when placed (moved or kept).
    pub holder: Option<HolderView>,
    /// The plan's pins naming this cadre (`force C=P`, `forbid C=P`, `keep C`).
    pub pins: Vec<String>,
    /// The plan's own criteria.
    pub baseline: Criteria,
    /// Why they move, as the plan records it (absent for a stay).
    pub purpose: Option<MoveWhy>,
    /// Other candidates who would give exactly the same plan on their new post.
    pub interchangeable: Option<ChoiceView>,
    /// Other posts they are eligible for, measured (the `top` most suitable), by post code.
    pub alternatives: Vec<PostAlternative>,
    /// Eligible posts in all (their own post included when they stay).
    pub eligible_posts: usize,
    /// Eligible posts not re-solved.
    pub not_measured: usize,
    /// When no other post would take them: the closest ones.
    pub closest: Vec<NearMissView>,
    /// Caveats.
    pub notes: Vec<Note>,
}

fn notes(ctx: &Context<'_>) -> Vec<Note> {
    let mut n = Vec::new();
    if ctx.head().status != "optimal" {
        n.push(Note::PlanNotProven);
    }
    if ctx.plan.settings.from_plan.is_some() {
        n.push(Note::ClosenessIgnored);
    }
    if !ctx.report.compliant() {
        n.push(Note::PlanBreaksRules);
    }
    n
}

/// Suitability of placing `c` in `p`, with preference points as the checker counts them.
pub fn suitability(ctx: &Context<'_>, c: CadreId, p: PostId) -> SuitabilityView {
    let s = ctx.scenario;
    let post = s.post(p);
    let su = ctx.judge.suitability(c, p);
    let mut preference = 0;
    for r in ctx.policy.active_rules() {
        if let RuleBody::Preference(PreferenceRule { reward, posts, points }) = &r.body {
            if posts.matches(post.level, post.role, s.unit(post.unit).kind) {
                let ok = match reward {
                    Reward::NonLocalHolder => !ctx.judge.facts.is_local(c, post.locality),
                };
                if ok {
                    preference += points;
                }
            }
        }
    }
    SuitabilityView {
        planning: su.planning,
        ratings: su.ratings,
        field: su.field,
        experience: su.experience,
        preference,
        total: su.total() + preference,
        leadership_years: ctx.judge.facts.leadership_years(c),
    }
}

fn whereabouts(ctx: &Context<'_>, c: CadreId) -> Whereabouts {
    match ctx.post_after(c) {
        Some(p) => Whereabouts::Placed { post: ctx.post_ref(p), kind: ctx.move_kind(c, p) },
        None if ctx.assignment.released.contains(&c) => Whereabouts::Released,
        None => Whereabouts::NotPlaced,
    }
}

fn holder_view(ctx: &Context<'_>, c: CadreId, p: PostId) -> HolderView {
    let s = ctx.scenario;
    let breaks = ctx.judge.all_rejections(c, p);
    let serves = ctx
        .report
        .moves
        .iter()
        .find(|m| m.cadre == c && m.to == Some(p))
        .map(|m| m.serves.iter().map(|i| ctx.rule(*i)).collect())
        .unwrap_or_default();
    let forced = ctx.pins.force.contains(&(c, p));
    let kept_here = ctx.pins.keep.contains(&c) && s.cadre(c).post == Some(p);
    HolderView {
        cadre: ctx.cadre_ref(c),
        kind: ctx.move_kind(c, p),
        from: s.cadre(c).post.map(|q| ctx.post_ref(q)),
        facts: ctx.cadre_facts(c),
        local: ctx.local_view(c, p),
        rules: if breaks.is_empty() { ctx.rule_checks(c, p) } else { Vec::new() },
        suitability: suitability(ctx, c, p),
        serves,
        pinned: forced || kept_here,
        min_rotation: kept_here && !forced && ctx.min_rotation.contains(&c),
        breaks: breaks.iter().map(|r| ctx.failing(r)).collect(),
    }
}

fn post_pins(ctx: &Context<'_>, p: PostId) -> Vec<String> {
    let s = ctx.scenario;
    let mut out = Vec::new();
    for (c, q) in &ctx.pins.force {
        if *q == p {
            out.push(format!("force {}={}", s.cadre(*c).code, s.post(p).code));
        }
    }
    for (c, q) in &ctx.pins.forbid {
        if *q == p {
            out.push(format!("forbid {}={}", s.cadre(*c).code, s.post(p).code));
        }
    }
    if ctx.pins.vacant.contains(&p) {
        out.push(format!("vacant {}", s.post(p).code));
    }
    out
}

fn cadre_pins(ctx: &Context<'_>, c: CadreId) -> Vec<String> {
    let s = ctx.scenario;
    let mut out = Vec::new();
    for (x, p) in &ctx.pins.force {
        if *x == c {
            out.push(format!("force {}={}", s.cadre(c).code, s.post(*p).code));
        }
    }
    for (x, p) in &ctx.pins.forbid {
        if *x == c {
            out.push(format!("forbid {}={}", s.cadre(c).code, s.post(*p).code));
        }
    }
    if ctx.pins.keep.contains(&c) {
        let verb = if ctx.min_rotation.contains(&c) { crate::plan::KEEP_MIN_ROTATION } else { "keep" };
        out.push(format!("{verb} {}", s.cadre(c).code));
    }
    out
}

/// The closest ineligible cadres for the posts `posts` among `cadres`, restricted to pairs
/// `relevant` accepts: per cadre the post with the fewest failing facts; fewest first, then by
/// name. Returns the first `limit` and how many were close in all.
pub fn closest(
    ctx: &Context<'_>,
    posts: &[PostId],
    cadres: &mut dyn Iterator<Item = CadreId>,
    relevant: &dyn Fn(CadreId, PostId) -> bool,
    limit: usize,
) -> (Vec<NearMissView>, usize) {
    let mut best: Vec<(usize, CadreId, PostId, Vec<Rejection>)> = Vec::new();
    for c in cadres {
        let mut mine: Option<(PostId, Vec<Rejection>)> = None;
        for &p in posts {
            if !relevant(c, p) || ctx.post_after(c) == Some(p) {
                continue;
            }
            if let Some(r) = ctx.close_rejections(c, p) {
                if mine.as_ref().is_none_or(|(_, m)| r.len() < m.len()) {
                    mine = Some((p, r));
                }
            }
        }
        if let Some((p, r)) = mine {
            best.push((r.len(), c, p, r));
        }
    }
    let total = best.len();
    best.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| ctx.name_key(a.1).cmp(&ctx.name_key(b.1))));
    best.truncate(limit);
    (best.iter().map(|(_, c, p, r)| ctx.near_miss(*c, *p, r)).collect(), total)
}

/// Explains the placement of one post.
pub fn explain_post(ctx: &Context<'_>, post: PostId) -> Result<PlacementExplanation, ExplainError> {
    let s = ctx.scenario;
    if !ctx.judge.facts.is_planned_post(post) {
        return Err(ExplainError::NotPlanned { post: s.post(post).code.clone(), role: s.post(post).role });
    }
    let holder = ctx.assignment.holder.get(&post).copied();
    let eligible: Vec<CadreId> = s.cadre_ids().filter(|c| ctx.judge.judge(*c, post).is_ok()).collect();
    let mut others: Vec<(u32, CadreId)> =
        eligible.iter().copied().filter(|c| Some(*c) != holder).map(|c| (suitability(ctx, c, post).total, c)).collect();
    others.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| ctx.name_key(a.1).cmp(&ctx.name_key(b.1))));
    let top = ctx.options.top;
    let measured: Vec<(u32, CadreId)> = others.iter().take(top).copied().collect();
    let changes: Vec<Change> = measured.iter().map(|(_, c)| Change::Force(*c, post)).collect();
    let outcomes = measure_all(ctx, &changes)?;
    let mut alternatives: Vec<Alternative> = measured
        .iter()
        .zip(outcomes)
        .map(|((su, c), o)| Alternative {
            cadre: ctx.cadre_ref(*c),
            now: ctx.now_text(*c),
            suitability: *su,
            in_plan: whereabouts(ctx, *c),
            cost: o.cost,
        })
        .collect();
    alternatives.sort_by(|a, b| {
        let ka = (super::collate::vi_name_key(&a.cadre.name), a.cadre.code.clone());
        let kb = (super::collate::vi_name_key(&b.cadre.name), b.cadre.code.clone());
        ka.cmp(&kb)
    });
    let (closest, close_total) = closest(ctx, &[post], &mut s.cadre_ids(), &|_, _| true, top);
    Ok(PlacementExplanation {
        plan: ctx.head(),
        post: ctx.post_ref(post),
        before: s.post(post).holder.map(|c| ctx.cadre_ref(c)),
        holder: holder.map(|c| holder_view(ctx, c, post)),
        eligible: eligible.len(),
        pins: post_pins(ctx, post),
        why_not: WhyNot {
            baseline: ctx.criteria(),
            alternatives,
            not_measured: others.len().saturating_sub(top),
            closest,
            close_total,
        },
        purpose: holder.and_then(|c| move_why(ctx, c)),
        interchangeable: choice(ctx, post),
        notes: notes(ctx),
    })
}

/// Explains where one cadre ends.
pub fn explain_cadre(ctx: &Context<'_>, c: CadreId) -> Result<CadreExplanation, ExplainError> {
    let s = ctx.scenario;
    let after = ctx.post_after(c);
    let before = s.cadre(c).post;
    let outcome = match after {
        Some(p) if before == Some(p) => CadreOutcome::Stays { post: ctx.post_ref(p) },
        Some(p) => CadreOutcome::Moves { post: ctx.post_ref(p), kind: ctx.move_kind(c, p) },
        None if ctx.assignment.released.contains(&c) => {
            let cf = &ctx.judge.cadre[c.index()];
            let below = ctx.policy.general.release_if_service_left_below;
            CadreOutcome::Released {
                service_left: cf.service_left,
                below,
                forced_out_needs: ctx
                    .judge
                    .forced_move_needs()
                    .filter(|_| cf.tenure_capped && cf.service_left >= below),
            }
        }
        None => CadreOutcome::NotPlaced,
    };
    let planned: Vec<PostId> = s.post_ids().filter(|p| ctx.judge.facts.is_planned_post(*p)).collect();
    let eligible: Vec<PostId> = planned.iter().copied().filter(|p| ctx.judge.judge(c, *p).is_ok()).collect();
    let mut others: Vec<(u32, PostId)> =
        eligible.iter().copied().filter(|p| Some(*p) != after).map(|p| (suitability(ctx, c, p).total, p)).collect();
    others.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| s.post(a.1).code.cmp(&s.post(b.1).code)));
    let top = ctx.options.top;
    let measured: Vec<(u32, PostId)> = others.iter().take(top).copied().collect();
    let changes: Vec<Change> = measured.iter().map(|(_, p)| Change::Force(c, *p)).collect();
    let outcomes = measure_all(ctx, &changes)?;
    let mut alternatives: Vec<PostAlternative> = measured
        .iter()
        .zip(outcomes)
        .map(|((su, p), o)| PostAlternative {
            post: ctx.post_ref(*p),
            suitability: *su,
            holder: ctx.assignment.holder.get(p).map(|h| ctx.cadre_ref(*h)),
            cost: o.cost,
        })
        .collect();
    alternatives.sort_by(|a, b| a.post.code.cmp(&b.post.code));
    // when no other post would take them: the few posts with the fewest failing facts
    let closest = if others.is_empty() { closest_posts(ctx, c, &planned, top.clamp(1, 3)) } else { Vec::new() };
    Ok(CadreExplanation {
        plan: ctx.head(),
        cadre: ctx.cadre_ref(c),
        facts: ctx.cadre_facts(c),
        outcome,
        holder: after.map(|p| holder_view(ctx, c, p)),
        pins: cadre_pins(ctx, c),
        baseline: ctx.criteria(),
        purpose: move_why(ctx, c),
        interchangeable: after.and_then(|p| choice(ctx, p)).filter(|ch| ch.chosen.code == s.cadre(c).code),
        alternatives,
        eligible_posts: eligible.len(),
        not_measured: others.len().saturating_sub(top),
        closest,
        notes: notes(ctx),
    })
}

/// The posts a cadre comes closest to: fewest failing facts first, then by post code.
fn closest_posts(ctx: &Context<'_>, c: CadreId, planned: &[PostId], limit: usize) -> Vec<NearMissView> {
    let s = ctx.scenario;
    let mut all: Vec<(usize, PostId, Vec<Rejection>)> =
        planned.iter().filter_map(|p| ctx.close_rejections(c, *p).map(|r| (r.len(), *p, r))).collect();
    all.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| s.post(a.1).code.cmp(&s.post(b.1).code)));
    // one post per distinct set of failing facts is enough to read: keep the first of each
    let mut seen: Vec<Vec<super::view::FailingRule>> = Vec::new();
    let mut out = Vec::new();
    for (_, p, r) in all {
        let m = ctx.near_miss(c, p, &r);
        if seen.contains(&m.reasons) {
            continue;
        }
        seen.push(m.reasons.clone());
        out.push(m);
        if out.len() >= limit {
            break;
        }
    }
    out
}
