//! Explanations: cause trees built from tags and facts, never from solver internals, rendered
//! by [`words`] in Vietnamese or English.
//!
//! This module answers "why": why a hard rule had to give (the infeasibility report of a
//! plan), and which candidates came closest to a post and what stopped them.

use crate::formulation::coverage::{children_at, predicate_roles};
use crate::formulation::ir::RuleRef;
use crate::formulation::{Formulation, Pins, Rejection, Subject};
use crate::model::policy::RuleBody;
use crate::model::*;
use crate::plan::{from_subject, rule_id, subject_names, RelaxedRow};
use crate::solve::relax::Relaxation;

pub mod collate;
pub mod compare;
pub mod cost;
pub mod placement;
pub mod render;
pub mod summary;
pub mod target;
pub mod view;
pub mod words;

pub use words::Lang;

/// A candidate who came close to a post, with every reason they fail.
#[derive(Clone, Debug)]
pub struct NearMiss {
    /// Cadre.
    pub cadre: CadreId,
    /// Post.
    pub post: PostId,
    /// Reasons (all of them).
    pub reasons: Vec<Rejection>,
}

/// The cadres who come closest to being eligible for `post`: fewest failing reasons first,
/// then by code. Cadres eligible already are left out.
pub fn near_misses(f: &Formulation<'_>, post: PostId, limit: usize) -> Vec<NearMiss> {
    let s = f.judge.facts.scenario;
    let mut all: Vec<NearMiss> = s
        .cadre_ids()
        .filter(|c| s.cadre(*c).post != Some(post))
        .map(|c| NearMiss { cadre: c, post, reasons: f.judge.all_rejections(c, post) })
        .filter(|m| !m.reasons.is_empty())
        // structural scope failures are not "close"
        .filter(|m| m.reasons.iter().all(is_close))
        .collect();
    all.sort_by(|a, b| {
        a.reasons.len().cmp(&b.reasons.len()).then_with(|| s.cadre(a.cadre).code.cmp(&s.cadre(b.cadre).code))
    });
    all.truncate(limit);
    all
}

/// Whether a failing reason leaves the pair "close": structural scope and pool-admission
/// failures do not, except a pool cadre who misses the young-cadre rule on age alone.
pub fn is_close(r: &Rejection) -> bool {
    match r.rule {
        RuleRef::Scope => false,
        RuleRef::PoolAdmission => matches!(r.reason, crate::formulation::Reason::NotYoung { .. }),
        _ => true,
    }
}

fn near_miss_text(f: &Formulation<'_>, m: &NearMiss, lang: Lang) -> String {
    let s = f.judge.facts.scenario;
    let reasons: Vec<String> = m.reasons.iter().map(|r| words::rejection(s, f.judge.facts.policy, r, lang)).collect();
    format!("{} ({}): {}", s.cadre(m.cadre).name, s.cadre(m.cadre).code, reasons.join("; "))
}

/// Facts behind a relaxed hard row, in a language.
pub fn relaxed_facts(f: &Formulation<'_>, tag_rule: RuleRef, subject: Subject, lang: Lang) -> Vec<String> {
    let s = f.judge.facts.scenario;
    let policy = f.judge.facts.policy;
    let mut out = Vec::new();
    match (tag_rule, subject) {
        (RuleRef::KeyPostFilled | RuleRef::Capacity, Subject::Post(p)) => {
            let eligible = f.by_post[p.index()].len();
            out.push(match lang {
                Lang::Vi => format!("{}: {eligible} cán bộ đủ điều kiện", s.post(p).title),
                Lang::En => format!("{}: {eligible} eligible cadres", s.post(p).title),
            });
            for m in near_misses(f, p, 3) {
                out.push(format!("{}: {}", lang.pick("gần nhất", "closest"), near_miss_text(f, &m, lang)));
            }
        }
        (_, Subject::Pair(c, p)) => {
            for r in f.judge.all_rejections(c, p) {
                out.push(format!(
                    "{} → {}: {}",
                    s.cadre(c).name,
                    s.post(p).title,
                    words::rejection(s, policy, &r, lang)
                ));
            }
        }
        (RuleRef::Pin, Subject::Cadre(c)) => {
            // a --keep: name the hard rules that forbid staying
            out.extend(stay_blockers(f, c, lang));
        }
        (RuleRef::Continuity, Subject::Cadre(c)) | (RuleRef::Policy(_), Subject::Cadre(c)) => {
            let cf = &f.judge.cadre[c.index()];
            let places = f.by_cadre[c.index()].iter().filter(|(p, _)| s.cadre(c).post != Some(*p)).count();
            out.push(match lang {
                Lang::Vi => format!(
                    "{} ({}): {places} vị trí khác đủ điều kiện; còn {} năm công tác",
                    s.cadre(c).name,
                    s.cadre(c).code,
                    words::years(cf.service_left, lang)
                ),
                Lang::En => format!(
                    "{} ({}): {places} other eligible posts; {} years of service left",
                    s.cadre(c).name,
                    s.cadre(c).code,
                    words::years(cf.service_left, lang)
                ),
            });
        }
        (RuleRef::Policy(ri), Subject::Locality(parent))
            if matches!(
                &policy.rules[ri].body,
                RuleBody::Coverage(c) if matches!(c.predicate, crate::model::policy::LocalityPredicate::NonLocalHolder { .. })
            ) =>
        {
            if let RuleBody::Coverage(cov) = &policy.rules[ri].body {
                out.extend(non_local_blockers(f, cov, parent, lang));
            }
        }
        (RuleRef::Policy(ri), Subject::Locality(parent)) => {
            if let RuleBody::Coverage(cov) = &policy.rules[ri].body {
                let roles = predicate_roles(&cov.predicate);
                for k in children_at(s, parent, cov.child) {
                    let posts: Vec<PostId> = f
                        .planned_posts
                        .iter()
                        .copied()
                        .filter(|p| {
                            s.post(*p).level == cov.child
                                && s.is_within(s.post(*p).locality, k)
                                && roles.contains(&s.post(*p).role)
                        })
                        .collect();
                    let young_limit = match &cov.predicate {
                        crate::model::policy::LocalityPredicate::YoungHolder { max_age_exclusive, .. } => {
                            Some(*max_age_exclusive)
                        }
                        _ => None,
                    };
                    let Some(limit) = young_limit else { continue };
                    let qualifying = posts
                        .iter()
                        .flat_map(|p| f.by_post[p.index()].iter())
                        .filter(|(c, _)| f.judge.cadre[c.index()].age < limit as i32)
                        .count();
                    if qualifying > 0 || posts.is_empty() {
                        continue;
                    }
                    let mut misses: Vec<NearMiss> = posts.iter().flat_map(|p| near_misses(f, *p, 3)).collect();
                    misses.sort_by(|a, b| a.reasons.len().cmp(&b.reasons.len()).then(a.cadre.cmp(&b.cadre)));
                    misses.dedup_by_key(|m| m.cadre);
                    let line = match lang {
                        Lang::Vi => format!("{} không có ứng viên dưới {limit} tuổi đủ điều kiện", s.locality(k).name),
                        Lang::En => format!("{} has no eligible candidate under {limit}", s.locality(k).name),
                    };
                    out.push(line);
                    for m in misses.iter().take(2) {
                        out.push(format!("  {}: {}", lang.pick("gần nhất", "closest"), near_miss_text(f, m, lang)));
                    }
                }
            }
        }
        _ => {}
    }
    out
}

/// Why a cadre cannot stay in their post: the tenure cap, with the years held.
fn stay_blockers(f: &Formulation<'_>, c: CadreId, lang: Lang) -> Vec<String> {
    let s = f.judge.facts.scenario;
    let policy = f.judge.facts.policy;
    let mut out = Vec::new();
    let Some(p) = s.cadre(c).post else { return out };
    for (ri, rule) in policy.rules.iter().enumerate().filter(|(_, r)| r.enabled) {
        let RuleBody::TenureCap(t) = &rule.body else { continue };
        if !t.roles.contains(&s.post(p).role) || !f.judge.facts.is_planned_post(p) {
            continue;
        }
        let at = match t.measured_at {
            crate::model::policy::TenureAt::PlanDate => s.plan_date,
            crate::model::policy::TenureAt::TermEnd => s.term_end(),
        };
        let held = f.judge.facts.tenure(c, at);
        if held + 1e-9 < t.max_years {
            continue;
        }
        let (_, clause) = crate::plan::rule_id(policy, RuleRef::Policy(ri));
        out.push(match lang {
            Lang::Vi => format!(
                "{} ({}) không thể ở lại {}: {} ({clause}) — đã giữ chức vụ {} năm vào ngày {at}, giới hạn dưới {} năm",
                s.cadre(c).name,
                s.cadre(c).code,
                s.post(p).title,
                rule.title_vi,
                words::years(held, lang),
                words::years(t.max_years, lang)
            ),
            Lang::En => format!(
                "{} ({}) cannot stay in {}: {} ({clause}) — has held the post {} years on {at}, the cap is under {} years",
                s.cadre(c).name,
                s.cadre(c).code,
                s.post(p).title,
                rule.title_en,
                words::years(held, lang),
                words::years(t.max_years, lang)
            ),
        });
    }
    out
}

/// For a non-local coverage rule that cannot hold: every child locality whose posts of the
/// rule's roles cannot get a non-local holder, the incumbent who blocks, and what blocks each
/// of their options — stay (local), rotate (why no other post takes them), release (service
/// left) — and the closest non-local candidates for the post.
fn non_local_blockers(
    f: &Formulation<'_>,
    cov: &crate::model::policy::CoverageRule,
    parent: LocalityId,
    lang: Lang,
) -> Vec<String> {
    let s = f.judge.facts.scenario;
    let policy = f.judge.facts.policy;
    let facts = &f.judge.facts;
    let roles = predicate_roles(&cov.predicate);
    let mut out = Vec::new();
    for k in children_at(s, parent, cov.child) {
        for &p in f.planned_posts.iter().filter(|p| {
            let post = s.post(**p);
            post.level == cov.child && s.is_within(post.locality, k) && roles.contains(&post.role)
        }) {
            let non_local = f.by_post[p.index()].iter().filter(|(c, _)| !facts.is_local(*c, k)).count();
            let holder = s.post(p).holder;
            let local_holder = holder.filter(|c| facts.is_local(*c, k));
            let can_leave = holder
                .is_some_and(|c| f.release[c.index()].is_some() || f.by_cadre[c.index()].iter().any(|(q, _)| *q != p));
            if non_local > 0 && (local_holder.is_none() || can_leave) {
                continue;
            }
            out.push(match lang {
                Lang::Vi => format!(
                    "{} — {}: {non_local} ứng viên không phải người địa phương đủ điều kiện",
                    s.locality(k).name,
                    s.post(p).title
                ),
                Lang::En => {
                    format!("{} — {}: {non_local} eligible non-local candidates", s.locality(k).name, s.post(p).title)
                }
            });
            if let Some(c) = local_holder {
                let who = format!("{} ({})", s.cadre(c).name, s.cadre(c).code);
                let why_local = match facts.local_reason(c, k) {
                    Some(crate::model::facts::LocalReason::Hometown(h)) => {
                        format!("{} {}", lang.pick("quê", "hometown"), s.locality(h).name)
                    }
                    Some(crate::model::facts::LocalReason::Listed(x)) => {
                        format!(
                            "{} {}",
                            lang.pick("được ghi là người địa phương", "listed as local to"),
                            s.locality(x).name
                        )
                    }
                    Some(crate::model::facts::LocalReason::Worked(y)) => match lang {
                        Lang::Vi => format!("đã công tác tại đây {} năm", words::years(y, lang)),
                        Lang::En => format!("worked here {} years", words::years(y, lang)),
                    },
                    None => String::new(),
                };
                out.push(match lang {
                    Lang::Vi => format!("  ở lại: {who} là người địa phương {} ({why_local})", s.locality(k).name),
                    Lang::En => format!("  stay: {who} is local to {} ({why_local})", s.locality(k).name),
                });
                // rotate: the distinct reasons the posts of the same role elsewhere refuse them
                let places = f.by_cadre[c.index()].iter().filter(|(q, _)| *q != p).count();
                let mut reasons: Vec<String> = f
                    .planned_posts
                    .iter()
                    .filter(|q| **q != p && s.post(**q).role == s.post(p).role)
                    .flat_map(|q| f.judge.all_rejections(c, *q))
                    .map(|r| words::rejection(s, policy, &r, lang))
                    .collect();
                reasons.sort();
                reasons.dedup();
                reasons.truncate(3);
                out.push(match lang {
                    Lang::Vi => format!(
                        "  luân chuyển: {places} vị trí khác đủ điều kiện{}{}",
                        if reasons.is_empty() { "" } else { "; " },
                        reasons.join("; ")
                    ),
                    Lang::En => format!(
                        "  rotate: {places} other eligible posts{}{}",
                        if reasons.is_empty() { "" } else { "; " },
                        reasons.join("; ")
                    ),
                });
                let left = f.judge.cadre[c.index()].service_left;
                let below = policy.general.release_if_service_left_below;
                out.push(match lang {
                    Lang::Vi => format!(
                        "  thôi giữ chức vụ: còn {} năm công tác, chỉ được thôi khi còn dưới {}",
                        words::years(left, lang),
                        words::years(below, lang)
                    ),
                    Lang::En => format!(
                        "  release: {} years of service left, release needs fewer than {}",
                        words::years(left, lang),
                        words::years(below, lang)
                    ),
                });
            }
            if non_local == 0 {
                for m in near_misses(f, p, 2).iter().filter(|m| !facts.is_local(m.cadre, k)) {
                    out.push(format!("  {}: {}", lang.pick("gần nhất", "closest"), near_miss_text(f, m, lang)));
                }
            }
        }
    }
    out
}

/// Renders a plan's infeasibility report in a language: every hard rule that had to give,
/// with its subject and the facts behind it, re-derived from the scenario, the policy and the
/// plan's `pins` (rows whose subject cannot be found keep the facts the plan recorded, in
/// English only).
pub fn infeasibility_text(f: &Formulation<'_>, rows: &[RelaxedRow], pins: &Pins, lang: Lang) -> String {
    let policy = f.judge.facts.policy;
    let mut out = String::new();
    out.push_str(lang.pick(
        "Không thể thỏa mãn đồng thời các quy định bắt buộc. Các quy định phải nới:\n",
        "The hard rules cannot all hold. The rules that had to give:\n",
    ));
    for row in rows {
        out.push_str(&format!("- {}\n", relaxed_row_head(policy, row, lang)));
        for fact in relaxed_row_facts(f, row, pins, lang) {
            out.push_str(&format!("    {fact}\n"));
        }
    }
    out
}

/// A recorded infeasibility row in words: "rule title (clause) — subject [code]: thiếu 1" (the
/// planner's pins cite no clause).
pub fn relaxed_row_head(policy: &Policy, row: &RelaxedRow, lang: Lang) -> String {
    let title = match view::rule_ref_of(policy, &row.rule) {
        Some(r) if !words::cites_clause(r) => words::rule_title(policy, r, lang),
        Some(r) => format!("{} ({})", words::rule_title(policy, r, lang), row.clause),
        None => format!("{} ({})", row.rule, row.clause),
    };
    let by = (row.shortfall * 1000.0).round() / 1000.0;
    let by = match lang {
        Lang::Vi => by.to_string().replace('.', ","),
        Lang::En => by.to_string(),
    };
    format!(
        "{title} — {} [{}]: {} {by}",
        row.subject_name,
        row.subject,
        if row.over { lang.pick("vượt", "over by") } else { lang.pick("thiếu", "short by") },
    )
}

/// The rule and subject a recorded infeasibility row names, when the policy and scenario
/// still have them. A pin recorded on a post is the forced (or forbidden) pair of `pins` on it.
fn row_refs(f: &Formulation<'_>, row: &RelaxedRow, pins: &Pins) -> (Option<RuleRef>, Option<Subject>) {
    let s = f.judge.facts.scenario;
    let rule = view::rule_ref_of(f.judge.facts.policy, &row.rule);
    let subject = if row.subject == "*" {
        Some(Subject::Whole)
    } else {
        s.locality_by_code(&row.subject)
            .map(Subject::Locality)
            .or_else(|| s.cadre_by_code(&row.subject).map(Subject::Cadre))
            .or_else(|| s.post_by_code(&row.subject).map(Subject::Post))
            .or_else(|| s.team_by_code(&row.subject).map(Subject::Team))
    };
    let subject = match (rule, subject) {
        (Some(RuleRef::Pin), Some(Subject::Post(p))) => pins
            .force
            .iter()
            .chain(&pins.forbid)
            .find(|(_, q)| *q == p)
            .map(|(c, q)| Subject::Pair(*c, *q))
            .or(Some(Subject::Post(p))),
        (_, subject) => subject,
    };
    (rule, subject)
}

/// The facts behind one recorded infeasibility row, re-derived in `lang` from the scenario, the
/// policy and the plan's `pins` (the facts the plan recorded, in English, when nothing can be
/// re-derived; none in Vietnamese).
pub fn relaxed_row_facts(f: &Formulation<'_>, row: &RelaxedRow, pins: &Pins, lang: Lang) -> Vec<String> {
    let facts = match row_refs(f, row, pins) {
        (Some(r), Some(sub)) => relaxed_facts(f, r, sub, lang),
        _ => Vec::new(),
    };
    match lang {
        Lang::En if facts.is_empty() => row.facts.clone(),
        _ => facts,
    }
}

/// The facts behind each hard rule that had to give in a plan, in `lang`: as recorded in
/// English, re-derived from the scenario, the policy and the plan's pins in Vietnamese.
pub fn plan_infeasibility_facts(
    s: &Scenario,
    policy: &Policy,
    plan: &crate::plan::Plan,
    lang: Lang,
) -> Vec<Vec<String>> {
    if lang == Lang::En || plan.infeasibility.is_empty() {
        return plan.infeasibility.iter().map(|r| r.facts.clone()).collect();
    }
    let pins = plan.settings.pins.to_pins(s).unwrap_or_default();
    let settings = crate::formulation::FormulationSettings {
        milestone: (!plan.milestone.is_empty()).then(|| plan.milestone.clone()),
        pins: pins.clone(),
        ..Default::default()
    };
    let f = Formulation::build(s, policy, &settings);
    plan.infeasibility.iter().map(|r| relaxed_row_facts(&f, r, &pins, lang)).collect()
}

/// The infeasibility rows of a plan document (English facts).
pub fn infeasibility_rows(f: &Formulation<'_>, r: &Relaxation) -> Vec<RelaxedRow> {
    let s = f.judge.facts.scenario;
    let policy = f.judge.facts.policy;
    r.relaxed
        .iter()
        .map(|row| {
            let (rule, clause) = rule_id(policy, row.tag.rule);
            let (subject, subject_name) = subject_names(s, from_subject(row.tag.subject));
            RelaxedRow {
                rule,
                clause,
                subject,
                subject_name,
                shortfall: (row.shortfall * 1e6).round() / 1e6,
                over: row.over,
                facts: relaxed_facts(f, row.tag.rule, row.tag.subject, Lang::En),
            }
        })
        .collect()
}
