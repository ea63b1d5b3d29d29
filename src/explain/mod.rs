//! Explanations: cause trees built from tags and facts, never from solver internals, rendered
//! by [`words`] in Vietnamese or English.
//!
//! This module answers "why": why a hard rule had to give (the infeasibility report of a
//! plan), and which candidates came closest to a post and what stopped them.

use crate::formulation::coverage::{children_at, predicate_roles};
use crate::formulation::ir::RuleRef;
use crate::formulation::{Formulation, Rejection, Subject};
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
        .filter(|m| !m.reasons.iter().any(|r| matches!(r.rule, RuleRef::Scope | RuleRef::PoolAdmission)))
        .collect();
    all.sort_by(|a, b| {
        a.reasons.len().cmp(&b.reasons.len()).then_with(|| s.cadre(a.cadre).code.cmp(&s.cadre(b.cadre).code))
    });
    all.truncate(limit);
    all
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
