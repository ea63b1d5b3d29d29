//! Targets: "why is this target unmet, and what would meet it?" (`rotaplan explain --target`).
//!
//! A target is one bounded rule instance of the checker ([`crate::check::TargetOutcome`]): the
//! share of a district's communes with a young vice-chair sent in, the age tiers of a team, the
//! share of City-Committee cadres rotated among city agencies. Its explanation states the
//! achieved and required values and which children met it, and — when it falls short — for each
//! child that did not meet it:
//! - the posts that could meet it and why they do not (vacant, a holder too old, not sent in,
//!   local);
//! - the eligible cadres who would meet it, with the measured cost of placing them there
//!   (the re-solve of [`super::cost`]): they exist but something else is worth more;
//! - otherwise the closest ineligible cadres who would count, every failing rule and fact, and
//!   what would remove it ("add him to the planning for Phó Chủ tịch UBND xã Bát Trang",
//!   "accept a 'completed' rating in 2020"), the best of them checked by solving the changed
//!   scenario or policy again.

use serde::Serialize;

use crate::check::counting::{roles_of, tier, young_holder_counts};
use crate::check::{TargetOutcome, ViolationSubject};
use crate::model::diag::did_you_mean;
use crate::model::policy::{LocalityPredicate, Provenance, RuleBody};
use crate::model::*;
use crate::plan::subject_names;

use super::cost::{fixable, measure, measure_all, Change, Cost};
use super::placement::{closest, suitability, Whereabouts};
use super::view::*;

/// What a coverage rule counts in a child locality.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "test", rename_all = "snake_case")]
pub enum PredicateView {
    /// A post of the roles held by a cadre under the age (sent in by this plan, if asked).
    YoungHolder {
        /// Roles.
        roles: Vec<Role>,
        /// Age limit (exclusive).
        max_age_exclusive: u32,
        /// Only cadres placed there by this plan, from elsewhere.
        sent_in: bool,
    },
    /// Every post of the roles held by a non-local cadre.
    NonLocalHolder {
        /// Roles.
        roles: Vec<Role>,
    },
    /// A cadre of the child moves to a post outside it.
    RotatedOut {
        /// Roles (empty: any planned role).
        roles: Vec<Role>,
    },
}

/// Why a post does not meet the predicate after the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "issue", rename_all = "snake_case")]
pub enum PostIssue {
    /// Nobody holds it.
    Vacant,
    /// Its holder is too old.
    TooOld {
        /// Age.
        age: f64,
        /// Limit (exclusive).
        limit: u32,
    },
    /// Its holder was not sent in by this plan (kept the post, or comes from the locality).
    NotSentIn {
        /// Kept the post.
        stays: bool,
    },
    /// Its holder is local.
    Local {
        /// Why.
        local: LocalView,
    },
    /// Its holder before the plan does not leave the child (stays, or moves inside it).
    StaysInside {
        /// Where they are after the plan.
        after: Option<PostRef>,
    },
    /// Meets the predicate.
    Meets,
}

/// A post that could meet the predicate, and its state after the plan.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PostState {
    /// The post.
    pub post: PostRef,
    /// Its holder after the plan (before the plan, for "rotated out").
    pub holder: Option<CadreRef>,
    /// Why it does not meet the predicate.
    pub issue: PostIssue,
}

/// A cadre who would meet the target, and what placing them would cost.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Candidate {
    /// The cadre.
    pub cadre: CadreRef,
    /// Where they are now.
    pub now: String,
    /// The post (their most suitable one among those that would count).
    pub post: PostRef,
    /// Suitability there.
    pub suitability: u32,
    /// Where the plan puts them.
    pub in_plan: Whereabouts,
    /// The cost of placing them there.
    pub cost: Cost,
}

/// A fix tried by solving again.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FixCheck {
    /// The cadre fixed.
    pub cadre: CadreRef,
    /// The post.
    pub post: PostRef,
    /// The changes made.
    pub fixes: Vec<Fix>,
    /// The instance's achieved value after the change.
    pub achieved: Option<f64>,
    /// Whether the instance is met after the change.
    pub met: Option<bool>,
    /// The new plan against the plan explained.
    pub cost: Cost,
}

/// Why one child (locality, team, cadre, or the whole population) does not meet the target.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChildWhy {
    /// The child.
    pub child: SubjectRef,
    /// The posts that could meet it, and their state.
    pub posts: Vec<PostState>,
    /// Eligible cadres who would meet it (measured ones), by name.
    pub candidates: Vec<Candidate>,
    /// Eligible cadres who would meet it, in all.
    pub candidates_total: usize,
    /// Candidates not re-solved (budget).
    pub not_measured: usize,
    /// Ineligible cadres who would count and came closest.
    pub closest: Vec<NearMissView>,
    /// Close ineligible cadres in all.
    pub close_total: usize,
    /// The closest cadre's fixes, checked by solving again.
    pub fix_check: Option<FixCheck>,
    /// Team members (team rules): name, age, tier and field.
    pub members: Vec<Member>,
    /// Tiers or fields the team lacks.
    pub missing: Vec<String>,
}

/// A team member.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Member {
    /// The cadre.
    pub cadre: CadreRef,
    /// The post.
    pub post: PostRef,
    /// Age.
    pub age: f64,
    /// Age tier name.
    pub tier: Option<String>,
    /// Field of training.
    pub field: Field,
}

/// One instance of the rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Instance {
    /// Subject.
    pub subject: SubjectRef,
    /// What is counted (`share`, `age_tiers`, `fields`, `stays`).
    pub measure: String,
    /// Required minimum.
    pub required_min: Option<f64>,
    /// Required maximum.
    pub required_max: Option<f64>,
    /// Denominator of a share.
    pub denominator: Option<usize>,
    /// The band of the milestone (shares).
    pub band: Option<[f64; 2]>,
    /// Achieved.
    pub achieved: f64,
    /// Met.
    pub met: bool,
    /// Distance outside the band.
    pub shortfall: f64,
    /// Hard at the milestone.
    pub hard: bool,
    /// Weight of one unit of shortfall.
    pub weight: u32,
    /// Children that met the predicate.
    pub satisfied: Vec<LocalityRef>,
    /// Children counted that did not.
    pub unsatisfied: Vec<LocalityRef>,
    /// Why it falls short (below the minimum), per child.
    pub why: Vec<ChildWhy>,
}

/// The explanation of a rule's target instances.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetExplanation {
    /// The plan.
    pub plan: PlanHead,
    /// The rule.
    pub rule: RuleBrief,
    /// Its kind.
    pub kind: String,
    /// A coverage rule's predicate.
    pub predicate: Option<PredicateView>,
    /// The plan's criteria.
    pub baseline: Criteria,
    /// The instances explained (one with `--subject`, else all), by subject code.
    pub instances: Vec<Instance>,
    /// Re-solves skipped for want of budget (`--top`).
    pub skipped: usize,
    /// What the rule reads and where its values come from.
    pub basis: Basis,
}

/// What a rule reads, and where it and its values in force come from (the conclusion, a
/// national rule, or the policy's own assumption).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Basis {
    /// The Vietnamese phrase the rule reads.
    pub reads_vi: Option<String>,
    /// The rule's provenance.
    pub provenance: Option<Provenance>,
    /// The values in force at this milestone whose provenance the policy states.
    pub values: Vec<ValueBasis>,
    /// The band in force is a floor on the way up: its upper figure is not a cap.
    pub floor: bool,
}

/// The provenance of one value of a rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueBasis {
    /// The value, as the policy names it (`bands.2021`, `strength`, `max_years`, ...).
    pub value: String,
    /// The same, typed, for the words ([`super::words::value_label`]).
    #[serde(skip)]
    pub key: ValueKey,
    /// Where it comes from.
    pub provenance: Provenance,
    /// Vietnamese note.
    pub note_vi: String,
    /// English note.
    pub note_en: String,
}

/// Which value of a rule a provenance is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueKey {
    /// `bands.<milestone>`: the band of a milestone.
    Band(String),
    /// A field of the rule (`strength`, `roles`, ...), and a part of it (`age_tiers.district`).
    Field {
        /// The field.
        field: String,
        /// The part, if any.
        part: Option<String>,
    },
}

impl ValueKey {
    /// Reads a key of a rule's `values`.
    pub fn parse(key: &str) -> Self {
        match key.split_once('.') {
            Some(("bands", m)) => ValueKey::Band(m.to_string()),
            Some((f, part)) => ValueKey::Field { field: f.to_string(), part: Some(part.to_string()) },
            None => ValueKey::Field { field: key.to_string(), part: None },
        }
    }
}

/// The basis of rule `ri` at `milestone`: bands of other milestones are left out.
pub fn basis(policy: &Policy, ri: usize, milestone: &str) -> Basis {
    let rule = &policy.rules[ri];
    let values = rule
        .values
        .iter()
        .filter(|(k, _)| k.strip_prefix("bands.").is_none_or(|m| m == milestone))
        .map(|(k, v)| ValueBasis {
            value: k.clone(),
            key: ValueKey::parse(k),
            provenance: v.provenance,
            note_vi: v.note_vi.clone(),
            note_en: v.note_en.clone(),
        })
        .collect();
    let floor = match &rule.body {
        RuleBody::Coverage(c) => c.floors.iter().any(|f| f == milestone),
        RuleBody::RotationQuota(q) => q.floors.iter().any(|f| f == milestone),
        _ => false,
    };
    Basis { reads_vi: rule.reads_vi.clone(), provenance: rule.provenance, values, floor }
}

/// Explains the instances of a rule (all, or the one of `subject`).
pub fn explain_target(
    ctx: &Context<'_>,
    rule_id: &str,
    subject: Option<&str>,
) -> Result<TargetExplanation, ExplainError> {
    let policy = ctx.policy;
    let Some(ri) = policy.rules.iter().position(|r| r.id == rule_id) else {
        return Err(ExplainError::Unknown {
            what: crate::plan::CodeKind::Rule,
            code: rule_id.into(),
            hint: did_you_mean(rule_id, policy.rules.iter().map(|r| r.id.as_str())).map(Into::into),
            known: policy
                .rules
                .iter()
                .enumerate()
                .filter(|(i, _)| ctx.report.targets.iter().any(|t| t.rule == *i))
                .map(|(_, r)| r.id.clone())
                .collect(),
        });
    };
    let rule = &policy.rules[ri];
    let mut outcomes: Vec<&TargetOutcome> = ctx.report.targets.iter().filter(|t| t.rule == ri).collect();
    if outcomes.is_empty() {
        let why = if !rule.enabled {
            NothingWhy::Disabled
        } else {
            match &rule.body {
                RuleBody::Coverage(_) | RuleBody::RotationQuota(_) | RuleBody::TeamMix(_) | RuleBody::TenureCap(_) => {
                    NothingWhy::NoInstance { milestone: ctx.milestone.clone() }
                }
                other => NothingWhy::NotATarget { kind: other.kind_name() },
            }
        };
        return Err(ExplainError::NothingToExplain { rule: rule_id.into(), why });
    }
    let code_of = |t: &TargetOutcome| subject_names(ctx.scenario, t.subject).0;
    if let Some(code) = subject {
        let mut known: Vec<String> = outcomes.iter().map(|t| code_of(t)).collect();
        known.sort();
        known.dedup();
        if !known.iter().any(|k| k == code) {
            return Err(ExplainError::Unknown {
                what: crate::plan::CodeKind::Subject,
                code: code.into(),
                hint: did_you_mean(code, known.iter().map(|s| s.as_str())).map(Into::into),
                known: if known.len() <= 12 { known.clone() } else { Vec::new() },
            });
        }
        outcomes.retain(|t| code_of(t) == code);
    }
    outcomes.sort_by_key(|t| (code_of(t), t.measure));
    let mut budget = ctx.options.top;
    let mut skipped = 0;
    let mut instances = Vec::new();
    for t in outcomes {
        instances.push(instance(ctx, t, &mut budget, &mut skipped)?);
    }
    let predicate = match &rule.body {
        RuleBody::Coverage(c) => Some(match &c.predicate {
            LocalityPredicate::YoungHolder { roles, max_age_exclusive, sent_in } => PredicateView::YoungHolder {
                roles: roles.clone(),
                max_age_exclusive: *max_age_exclusive,
                sent_in: *sent_in,
            },
            LocalityPredicate::NonLocalHolder { roles } => PredicateView::NonLocalHolder { roles: roles.clone() },
            LocalityPredicate::RotatedOut { roles } => PredicateView::RotatedOut { roles: roles.clone() },
        }),
        _ => None,
    };
    Ok(TargetExplanation {
        plan: ctx.head(),
        rule: ctx.rule(ri),
        kind: rule.body.kind_name().into(),
        predicate,
        baseline: ctx.criteria(),
        instances,
        skipped,
        basis: basis(policy, ri, &ctx.milestone),
    })
}

fn band_of(ctx: &Context<'_>, ri: usize) -> Option<[f64; 2]> {
    match &ctx.policy.rules[ri].body {
        RuleBody::Coverage(c) => c.band(&ctx.milestone),
        RuleBody::RotationQuota(q) => q.band(&ctx.milestone),
        _ => None,
    }
}

fn instance(
    ctx: &Context<'_>,
    t: &TargetOutcome,
    budget: &mut usize,
    skipped: &mut usize,
) -> Result<Instance, ExplainError> {
    let s = ctx.scenario;
    let (code, name) = subject_names(s, t.subject);
    let unsatisfied: Vec<LocalityId> = t.counted.iter().copied().filter(|k| !t.satisfied.contains(k)).collect();
    let below = t.lo.is_some_and(|lo| t.achieved + 1e-9 < lo);
    let mut why = Vec::new();
    if below {
        match (&ctx.policy.rules[t.rule].body, t.subject) {
            (RuleBody::Coverage(c), _) => {
                for k in &unsatisfied {
                    why.push(coverage_child(ctx, t, &c.predicate, *k, budget, skipped)?);
                }
            }
            (RuleBody::TeamMix(m), ViolationSubject::Team(team)) => {
                why.push(team_child(ctx, t, m, team, budget, skipped)?);
            }
            (RuleBody::RotationQuota(q), _) => {
                why.push(quota_child(ctx, t, q, budget, skipped)?);
            }
            _ => {}
        }
    } else if !t.met() {
        if let (RuleBody::TenureCap(_), ViolationSubject::Cadre(c)) = (&ctx.policy.rules[t.rule].body, t.subject) {
            why.push(tenure_child(ctx, c, budget, skipped)?);
        }
    }
    Ok(Instance {
        subject: SubjectRef { code, name },
        measure: t.measure.into(),
        required_min: t.lo,
        required_max: t.hi,
        denominator: t.denominator,
        band: band_of(ctx, t.rule),
        achieved: t.achieved,
        met: t.met(),
        shortfall: t.shortfall(),
        hard: t.hard,
        weight: t.weight,
        satisfied: t.satisfied.iter().map(|k| ctx.locality_ref(*k)).collect(),
        unsatisfied: unsatisfied.iter().map(|k| ctx.locality_ref(*k)).collect(),
        why,
    })
}

/// Which (cadre, post) pairs would count for a child.
type Counts<'x> = Box<dyn Fn(CadreId, PostId) -> bool + 'x>;

/// What one child needs: the posts where a cadre would help and which pairs would count.
struct Demand<'x> {
    child: SubjectRef,
    states: Vec<PostState>,
    posts: Vec<PostId>,
    cadres: Option<Vec<CadreId>>,
    counts: Counts<'x>,
    /// The target instance, to read the fixed plan's value.
    instance: Option<(usize, String, &'static str)>,
    closest: bool,
}

fn resolve(
    ctx: &Context<'_>,
    d: Demand<'_>,
    budget: &mut usize,
    skipped: &mut usize,
) -> Result<ChildWhy, ExplainError> {
    let s = ctx.scenario;
    let cadres: Vec<CadreId> = d.cadres.clone().unwrap_or_else(|| s.cadre_ids().collect());
    // eligible pairs that would count: per cadre, their most suitable post
    let mut pairs: Vec<(u32, CadreId, PostId)> = Vec::new();
    for &c in &cadres {
        let mut best: Option<(u32, PostId)> = None;
        for &p in &d.posts {
            if ctx.assignment.holder.get(&p) == Some(&c) || !(d.counts)(c, p) || ctx.judge.judge(c, p).is_err() {
                continue;
            }
            let su = suitability(ctx, c, p).total;
            if best.is_none_or(|(b, q)| su > b || (su == b && s.post(p).code < s.post(q).code)) {
                best = Some((su, p));
            }
        }
        if let Some((su, p)) = best {
            pairs.push((su, c, p));
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| ctx.name_key(a.1).cmp(&ctx.name_key(b.1))));
    let take = pairs.len().min(*budget);
    *budget -= take;
    let not_measured = pairs.len() - take;
    *skipped += not_measured;
    let changes: Vec<Change> = pairs.iter().take(take).map(|(_, c, p)| Change::Force(*c, *p)).collect();
    let outcomes = measure_all(ctx, &changes)?;
    let mut candidates: Vec<Candidate> = pairs
        .iter()
        .take(take)
        .zip(outcomes)
        .map(|((su, c, p), o)| Candidate {
            cadre: ctx.cadre_ref(*c),
            now: ctx.now_text(*c),
            post: ctx.post_ref(*p),
            suitability: *su,
            in_plan: match ctx.post_after(*c) {
                Some(q) => Whereabouts::Placed { post: ctx.post_ref(q), kind: ctx.move_kind(*c, q) },
                None if ctx.assignment.released.contains(c) => Whereabouts::Released,
                None => Whereabouts::NotPlaced,
            },
            cost: o.cost,
        })
        .collect();
    candidates.sort_by(|a, b| {
        (super::collate::vi_name_key(&a.cadre.name), &a.cadre.code)
            .cmp(&(super::collate::vi_name_key(&b.cadre.name), &b.cadre.code))
    });
    let (near, close_total) = if d.closest {
        closest(ctx, &d.posts, &mut cadres.iter().copied(), &|c, p| (d.counts)(c, p), ctx.options.top)
    } else {
        (Vec::new(), 0)
    };
    // nobody eligible would count: check the closest cadre's fixes by solving again
    let mut fix_check = None;
    if pairs.is_empty() {
        if let Some(first) = near.first() {
            let c = s.cadre_by_code(&first.cadre.code);
            let p = s.post_by_code(&first.post.code);
            if let (Some(c), Some(p)) = (c, p) {
                let reasons = ctx.judge.all_rejections(c, p);
                if fixable(&reasons) {
                    if *budget > 0 {
                        *budget -= 1;
                        let out = measure(ctx, &Change::Fix { cadre: c, post: p, reasons: reasons.clone() })?;
                        let row = d.instance.as_ref().and_then(|(ri, code, measure)| {
                            let id = &ctx.policy.rules[*ri].id;
                            out.plan.as_ref().and_then(|pl| {
                                pl.targets
                                    .iter()
                                    .find(|r| &r.rule == id && &r.subject == code && r.measure == *measure)
                                    .cloned()
                            })
                        });
                        fix_check = Some(FixCheck {
                            cadre: first.cadre.clone(),
                            post: first.post.clone(),
                            fixes: first.fixes.clone(),
                            achieved: row.as_ref().map(|r| r.achieved),
                            met: row.as_ref().map(|r| r.met),
                            cost: out.cost,
                        });
                    } else {
                        *skipped += 1;
                    }
                }
            }
        }
    }
    Ok(ChildWhy {
        child: d.child,
        posts: d.states,
        candidates,
        candidates_total: pairs.len(),
        not_measured,
        closest: near,
        close_total,
        fix_check,
        members: Vec::new(),
        missing: Vec::new(),
    })
}

fn instance_key(ctx: &Context<'_>, t: &TargetOutcome) -> (usize, String, &'static str) {
    (t.rule, subject_names(ctx.scenario, t.subject).0, t.measure)
}

fn coverage_child(
    ctx: &Context<'_>,
    t: &TargetOutcome,
    pred: &LocalityPredicate,
    k: LocalityId,
    budget: &mut usize,
    skipped: &mut usize,
) -> Result<ChildWhy, ExplainError> {
    let s = ctx.scenario;
    let roles = roles_of(pred).to_vec();
    let planned: Vec<PostId> = s.post_ids().filter(|p| ctx.judge.facts.is_planned_post(*p)).collect();
    let in_k = |p: PostId| s.is_within(s.post(p).locality, k);
    let role_ok = |p: PostId| roles.is_empty() || roles.contains(&s.post(p).role);
    let child = SubjectRef { code: s.locality(k).code.clone(), name: s.locality(k).name.clone() };
    let home_in_k = move |c: CadreId| ctx.judge.cadre[c.index()].home_locality.is_some_and(|h| s.is_within(h, k));
    let demand = match pred {
        LocalityPredicate::YoungHolder { max_age_exclusive, sent_in, .. } => {
            let limit = *max_age_exclusive;
            let sent_in = *sent_in;
            let posts: Vec<PostId> = planned.iter().copied().filter(|p| in_k(*p) && role_ok(*p)).collect();
            let states = posts
                .iter()
                .map(|p| {
                    let h = ctx.assignment.holder.get(p).copied();
                    let issue = match h {
                        None => PostIssue::Vacant,
                        Some(c) if ctx.judge.cadre[c.index()].age >= limit as i32 => {
                            PostIssue::TooOld { age: ctx.judge.cadre[c.index()].age_exact, limit }
                        }
                        Some(c) if sent_in && (s.cadre(c).post == Some(*p) || home_in_k(c)) => {
                            PostIssue::NotSentIn { stays: s.cadre(c).post == Some(*p) }
                        }
                        Some(_) => PostIssue::Meets,
                    };
                    PostState { post: ctx.post_ref(*p), holder: h.map(|c| ctx.cadre_ref(c)), issue }
                })
                .collect();
            Demand {
                child,
                states,
                posts,
                cadres: None,
                counts: Box::new(move |c, p| young_holder_counts(s, &ctx.judge.facts, limit, sent_in, c, p, k)),
                instance: Some(instance_key(ctx, t)),
                closest: true,
            }
        }
        LocalityPredicate::NonLocalHolder { .. } => {
            let all: Vec<PostId> = planned.iter().copied().filter(|p| in_k(*p) && role_ok(*p)).collect();
            let mut posts = Vec::new();
            let states = all
                .iter()
                .map(|p| {
                    let h = ctx.assignment.holder.get(p).copied();
                    let issue = match h {
                        None => PostIssue::Vacant,
                        Some(c) if ctx.judge.facts.is_local(c, k) => PostIssue::Local { local: ctx.local_at(c, k) },
                        Some(_) => PostIssue::Meets,
                    };
                    if issue != PostIssue::Meets {
                        posts.push(*p);
                    }
                    PostState { post: ctx.post_ref(*p), holder: h.map(|c| ctx.cadre_ref(c)), issue }
                })
                .collect();
            Demand {
                child,
                states,
                posts,
                cadres: None,
                counts: Box::new(move |c, _| !ctx.judge.facts.is_local(c, k)),
                instance: Some(instance_key(ctx, t)),
                closest: true,
            }
        }
        LocalityPredicate::RotatedOut { roles } => {
            let roles = roles.clone();
            let incumbents: Vec<CadreId> = s
                .cadre_ids()
                .filter(|c| {
                    s.cadre(*c).post.is_some_and(|p| {
                        ctx.judge.facts.is_planned_post(p)
                            && in_k(p)
                            && (roles.is_empty() || roles.contains(&s.post(p).role))
                    })
                })
                .collect();
            let states = incumbents
                .iter()
                .filter_map(|c| {
                    let p = s.cadre(*c).post?;
                    let after = ctx.post_after(*c);
                    Some(PostState {
                        post: ctx.post_ref(p),
                        holder: Some(ctx.cadre_ref(*c)),
                        issue: PostIssue::StaysInside { after: after.map(|q| ctx.post_ref(q)) },
                    })
                })
                .collect();
            let outside: Vec<PostId> = planned.iter().copied().filter(|p| !in_k(*p)).collect();
            Demand {
                child,
                states,
                posts: outside,
                cadres: Some(incumbents),
                counts: Box::new(|_, _| true),
                instance: Some(instance_key(ctx, t)),
                closest: true,
            }
        }
    };
    resolve(ctx, demand, budget, skipped)
}

fn team_child(
    ctx: &Context<'_>,
    t: &TargetOutcome,
    rule: &crate::model::policy::TeamMixRule,
    team: TeamId,
    budget: &mut usize,
    skipped: &mut usize,
) -> Result<ChildWhy, ExplainError> {
    let s = ctx.scenario;
    let tm = s.team(team);
    let level = s.locality(tm.locality).level();
    let tiers = rule.age_tiers.get(level.code()).cloned().unwrap_or_default();
    let posts: Vec<PostId> =
        tm.posts.iter().copied().filter(|p| ctx.judge.facts.is_planned_post(*p) && !s.post(*p).supernumerary).collect();
    let members: Vec<Member> = posts
        .iter()
        .filter_map(|p| {
            let c = *ctx.assignment.holder.get(p)?;
            Some(Member {
                cadre: ctx.cadre_ref(c),
                post: ctx.post_ref(*p),
                age: ctx.judge.cadre[c.index()].age_exact,
                tier: tier(&tiers, ctx.judge.cadre[c.index()].age).map(|i| tiers[i].name.clone()),
                field: s.cadre(c).field,
            })
        })
        .collect();
    let holders: Vec<CadreId> = posts.iter().filter_map(|p| ctx.assignment.holder.get(p).copied()).collect();
    let (missing, counts): (Vec<String>, Counts<'_>) = if t.measure == "age_tiers" {
        let present: Vec<usize> = holders.iter().filter_map(|c| tier(&tiers, ctx.judge.cadre[c.index()].age)).collect();
        let missing_idx: Vec<usize> = (0..tiers.len()).filter(|i| !present.contains(i)).collect();
        let names = missing_idx.iter().map(|i| tiers[*i].name.clone()).collect();
        let tiers2 = tiers.clone();
        (
            names,
            Box::new(move |c, _| {
                tier(&tiers2, ctx.judge.cadre[c.index()].age).is_some_and(|i| missing_idx.contains(&i))
            }),
        )
    } else {
        let fields: Vec<Field> = holders.iter().map(|c| s.cadre(*c).field).collect();
        (vec![], Box::new(move |c, _| !fields.contains(&s.cadre(c).field)))
    };
    let states = posts
        .iter()
        .map(|p| PostState {
            post: ctx.post_ref(*p),
            holder: ctx.assignment.holder.get(p).map(|c| ctx.cadre_ref(*c)),
            issue: if ctx.assignment.holder.contains_key(p) { PostIssue::Meets } else { PostIssue::Vacant },
        })
        .collect();
    let d = Demand {
        child: SubjectRef { code: tm.code.clone(), name: tm.name.clone() },
        states,
        posts,
        cadres: None,
        counts,
        instance: Some(instance_key(ctx, t)),
        closest: true,
    };
    let mut why = resolve(ctx, d, budget, skipped)?;
    why.members = members;
    why.missing = missing;
    Ok(why)
}

fn quota_child(
    ctx: &Context<'_>,
    t: &TargetOutcome,
    q: &crate::model::policy::RotationQuotaRule,
    budget: &mut usize,
    skipped: &mut usize,
) -> Result<ChildWhy, ExplainError> {
    let s = ctx.scenario;
    let from_ok = |p: PostId| {
        let post = s.post(p);
        q.from.matches(post.level, post.role, s.unit(post.unit).kind)
    };
    let population: Vec<CadreId> = s
        .cadre_ids()
        .filter(|c| q.population.management.contains(&s.cadre(*c).management) && s.cadre(*c).post.is_some_and(from_ok))
        .collect();
    let to: Vec<PostId> = s
        .post_ids()
        .filter(|p| {
            let post = s.post(*p);
            ctx.judge.facts.is_planned_post(*p) && q.to.matches(post.level, post.role, s.unit(post.unit).kind)
        })
        .collect();
    let d = Demand {
        child: SubjectRef { code: "*".into(), name: s.name.clone() },
        states: Vec::new(),
        posts: to,
        cadres: Some(population),
        counts: Box::new(move |c, p| s.cadre(c).post.is_some_and(|cur| s.post(cur).unit != s.post(p).unit)),
        instance: Some(instance_key(ctx, t)),
        closest: false,
    };
    resolve(ctx, d, budget, skipped)
}

fn tenure_child(
    ctx: &Context<'_>,
    c: CadreId,
    budget: &mut usize,
    skipped: &mut usize,
) -> Result<ChildWhy, ExplainError> {
    let s = ctx.scenario;
    let posts: Vec<PostId> =
        s.post_ids().filter(|p| ctx.judge.facts.is_planned_post(*p) && s.cadre(c).post != Some(*p)).collect();
    let d = Demand {
        child: SubjectRef { code: s.cadre(c).code.clone(), name: s.cadre(c).name.clone() },
        states: s
            .cadre(c)
            .post
            .map(|p| {
                vec![PostState {
                    post: ctx.post_ref(p),
                    holder: Some(ctx.cadre_ref(c)),
                    issue: PostIssue::StaysInside { after: Some(ctx.post_ref(p)) },
                }]
            })
            .unwrap_or_default(),
        posts,
        cadres: Some(vec![c]),
        counts: Box::new(|_, _| true),
        instance: None,
        closest: true,
    };
    resolve(ctx, d, budget, skipped)
}
