//! Renders explanations as text in Vietnamese or English, or as JSON.
//!
//! This is the only place that chooses words for [`super::placement`], [`super::target`] and
//! [`super::compare`] data (the `ReportFormatter` of pubgrub's design): the builders never
//! format text, so a third language, HTML, or a different wording is a change here only. The
//! text is plain UTF-8 for a terminal or a document, one fact per line, indented by level;
//! numbers of years are cut (not rounded) to one decimal, so "34,9 tuổi" is never shown as
//! "35,0" for someone who is still under 35, and Vietnamese uses a decimal comma and dd/mm/yyyy
//! dates. JSON is the data itself with the rendered text alongside.

use std::fmt::Write;

use serde::Serialize;

use crate::formulation::MoveKind;
use crate::model::*;

use super::compare::Comparison;
use super::cost::{Component, Cost, Verdict};
use super::placement::{CadreExplanation, CadreOutcome, HolderView, PlacementExplanation, Whereabouts};
use super::target::{ChildWhy, Instance, PostIssue, PredicateView, TargetExplanation};
use super::view::*;
use super::words::label;
use super::Lang;

/// Text output.
struct Out {
    s: String,
    lang: Lang,
}

impl Out {
    fn new(lang: Lang) -> Self {
        Out { s: String::new(), lang }
    }
    fn line(&mut self, indent: usize, text: impl AsRef<str>) {
        let _ = writeln!(self.s, "{}{}", "  ".repeat(indent), text.as_ref());
    }
    fn blank(&mut self) {
        self.s.push('\n');
    }
    fn pick<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(vi, en)
    }
}

/// Years (age, tenure, service) cut to one decimal; a decimal comma in Vietnamese.
pub fn years(x: f64, lang: Lang) -> String {
    let cut = ((x * 10.0) + 1e-6).floor() / 10.0;
    let t = format!("{cut:.1}");
    match lang {
        Lang::Vi => t.replace('.', ","),
        Lang::En => t,
    }
}

/// A count that may be fractional (shortfalls), without a trailing ".0".
pub fn num(x: f64, lang: Lang) -> String {
    let r = (x * 100.0).round() / 100.0;
    let t = if (r - r.round()).abs() < 1e-9 { format!("{}", r.round() as i64) } else { format!("{r}") };
    match lang {
        Lang::Vi => t.replace('.', ","),
        Lang::En => t,
    }
}

fn signed(x: i64) -> String {
    if x > 0 {
        format!("+{x}")
    } else if x < 0 {
        format!("−{}", -x)
    } else {
        "±0".into()
    }
}

fn signed_f(x: f64, lang: Lang) -> String {
    if x > 1e-9 {
        format!("+{}", num(x, lang))
    } else if x < -1e-9 {
        format!("−{}", num(-x, lang))
    } else {
        "±0".into()
    }
}

fn date(iso: &str, lang: Lang) -> String {
    match (lang, iso.split('-').collect::<Vec<_>>().as_slice()) {
        (Lang::Vi, [y, m, d]) => format!("{d}/{m}/{y}"),
        _ => iso.to_string(),
    }
}

fn percent(x: f64) -> String {
    num(x * 100.0, Lang::En)
}

fn cadre(c: &CadreRef) -> String {
    format!("{} [{}]", c.name, c.code)
}

fn post(p: &PostRef) -> String {
    format!("{} [{}]", p.title, p.code)
}

fn rule(r: &RuleBrief, lang: Lang) -> String {
    let title = lang.pick(&r.title_vi, &r.title_en);
    if r.clause.is_empty() {
        title.to_string()
    } else {
        format!("{title} ({})", r.clause)
    }
}

fn rule_title(r: &RuleBrief, lang: Lang) -> &str {
    lang.pick(&r.title_vi, &r.title_en)
}

/// How the text refers to a cadre already named: in Vietnamese the formal register of party
/// documents, "đồng chí", for everyone.
fn pronoun(g: Gender, lang: Lang) -> &'static str {
    match (lang, g) {
        (Lang::Vi, _) => "đồng chí",
        (Lang::En, Gender::Male) => "him",
        (Lang::En, Gender::Female) => "her",
    }
}

/// A status code in words, through the one place statuses are worded.
fn status(code: &str, stop: Option<crate::solve::StopReason>, gap: Option<f64>, lang: Lang) -> String {
    match serde_json::from_value::<crate::plan::PlanStatus>(serde_json::Value::String(code.to_string())) {
        Ok(st) => super::summary::status_text(st, stop, gap, lang),
        Err(_) => code.to_string(),
    }
}

fn kind(k: MoveKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (MoveKind::Stays, Lang::Vi) => "giữ nguyên",
        (MoveKind::Stays, Lang::En) => "stays",
        (MoveKind::Rotates, Lang::Vi) => "luân chuyển",
        (MoveKind::Rotates, Lang::En) => "rotation",
        (MoveKind::Reinforcement, Lang::Vi) => "tăng cường",
        (MoveKind::Reinforcement, Lang::En) => "reinforcement",
        (MoveKind::Appointment, Lang::Vi) => "bổ nhiệm",
        (MoveKind::Appointment, Lang::En) => "appointment",
    }
}

fn head(o: &mut Out, h: &PlanHead) {
    let lang = o.lang;
    o.line(
        0,
        match lang {
            Lang::Vi => format!(
                "Phương án: {} — {}, mốc {}, ngày {}",
                h.scenario,
                status(&h.status, h.stop, h.gap, lang),
                super::words::milestone(&h.milestone, lang),
                date(&h.plan_date, lang)
            ),
            Lang::En => format!(
                "Plan: {} — {}, milestone {}, plan date {}",
                h.scenario,
                status(&h.status, h.stop, h.gap, lang),
                h.milestone,
                date(&h.plan_date, lang)
            ),
        },
    );
}

fn notes(o: &mut Out, notes: &[super::placement::Note]) {
    use super::placement::Note;
    for n in notes {
        let t = match n {
            Note::PlanNotProven => o.pick(
                "Lưu ý: phương án chưa được chứng minh tối ưu; một lựa chọn khác có thể cho kết quả tốt hơn.",
                "Note: the plan is not proven optimal; another choice may measure better.",
            ),
            Note::ClosenessIgnored => o.pick(
                "Lưu ý: phương án được lập bám sát một phương án trước; khi giải lại không tính tiêu chí đó.",
                "Note: the plan was made close to an earlier plan; the re-solves do not know that plan.",
            ),
            Note::PlanBreaksRules => o.pick(
                "Lưu ý: phương án vi phạm quy định bắt buộc (chạy `rotaplan check` để xem).",
                "Note: the plan breaks hard rules (run `rotaplan check` to list them).",
            ),
        };
        o.line(0, t);
    }
}

fn criteria_line(c: &Criteria, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "mức thiếu hụt chỉ tiêu (tính theo mức quan trọng) {}; điểm phù hợp {}; số lượt điều động {}; chức vụ để trống {}",
            num(c.target_shortfall, lang),
            c.suitability,
            c.moves,
            c.vacancies
        ),
        Lang::En => format!(
            "weighted target shortfall {}; suitability {}; moves {}; vacant posts {}",
            num(c.target_shortfall, lang),
            c.suitability,
            c.moves,
            c.vacancies
        ),
    }
}

fn ratings_text(years_: &[RatingYear], lang: Lang) -> String {
    years_
        .iter()
        .map(|r| match r.rating {
            Some(x) => format!("{}: {}", r.year, label(x, lang)),
            None => format!("{}: {}", r.year, lang.pick("chưa có", "none")),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn facts(o: &mut Out, indent: usize, f: &CadreFacts, plan_date: &str) {
    let lang = o.lang;
    let position = match (&f.post, &f.workplace) {
        (Some(p), _) => format!("{} ({})", post(p), p.unit),
        (None, Some(w)) => match lang {
            Lang::Vi => format!("công tác tại {w}"),
            Lang::En => format!("works at {w}"),
        },
        (None, None) => o.pick("không giữ chức vụ", "holds no post").into(),
    };
    o.line(
        indent,
        match lang {
            Lang::Vi => format!(
                "{}, {} tuổi vào ngày {}; còn {} năm công tác; {}; {}",
                label(f.gender, lang),
                years(f.age, lang),
                date(plan_date, lang),
                years(f.service_left, lang),
                position,
                label(f.management, lang)
            ),
            Lang::En => format!(
                "{}, age {} on {}; {} years of service left; {}; {}",
                label(f.gender, lang),
                years(f.age, lang),
                date(plan_date, lang),
                years(f.service_left, lang),
                position,
                label(f.management, lang)
            ),
        },
    );
    let degree = f.degree_class.map(|d| label(d, lang).to_string());
    o.line(
        indent,
        match lang {
            Lang::Vi => format!(
                "Trình độ: {} {}{}; {}{}",
                label(f.education, lang),
                label(f.field, lang),
                degree.map(|d| format!(", loại {d}")).unwrap_or_default(),
                if f.formally_trained { "đào tạo bài bản" } else { "chưa đào tạo bài bản" },
                if f.civil_servant { "; công chức" } else { "" }
            ),
            Lang::En => format!(
                "Education: {} in {}{}; {}{}",
                label(f.education, lang),
                label(f.field, lang),
                degree.map(|d| format!(", classed {d}")).unwrap_or_default(),
                if f.formally_trained { "formally trained" } else { "not formally trained" },
                if f.civil_servant { "; civil servant" } else { "" }
            ),
        },
    );
    o.line(indent, format!("{}: {}", o.pick("Xếp loại", "Ratings"), ratings_text(&f.ratings, lang)));
    if let Some(t) = &f.tenure {
        let cap = t.cap.map(|c| match lang {
            Lang::Vi => {
                format!(" (giới hạn {} năm{})", years(c, lang), if t.must_leave { ": phải chuyển" } else { "" })
            }
            Lang::En => format!(" (cap {} years{})", years(c, lang), if t.must_leave { ": must leave" } else { "" }),
        });
        o.line(
            indent,
            match lang {
                Lang::Vi => {
                    format!("Giữ chức vụ hiện tại liên tục {} năm{}", years(t.years, lang), cap.unwrap_or_default())
                }
                Lang::En => format!(
                    "In the current post for {} consecutive years{}",
                    years(t.years, lang),
                    cap.unwrap_or_default()
                ),
            },
        );
    }
    if f.planning.is_empty() {
        o.line(indent, o.pick("Quy hoạch: không có", "Planning: none"));
    } else {
        let entries: Vec<String> = f
            .planning
            .iter()
            .map(|e| match &e.post {
                Some(p) => post(p),
                None => format!("{} {}", label(e.role, lang), label(e.level, lang)),
            })
            .collect();
        o.line(indent, format!("{}: {}", o.pick("Quy hoạch", "Planning"), entries.join("; ")));
    }
}

fn local(o: &mut Out, indent: usize, l: &LocalView) {
    let lang = o.lang;
    let t = match (&l.because, lang) {
        (None, Lang::Vi) => format!("Không phải người địa phương {} (quê quán {})", l.locality.name, l.hometown.name),
        (None, Lang::En) => format!("Not local to {} (hometown {})", l.locality.name, l.hometown.name),
        (Some(LocalBecause::Hometown { hometown }), Lang::Vi) => {
            format!("Là người địa phương {}: quê quán {}", l.locality.name, hometown.name)
        }
        (Some(LocalBecause::Hometown { hometown }), Lang::En) => {
            format!("Local to {}: hometown {}", l.locality.name, hometown.name)
        }
        (Some(LocalBecause::Listed { listed }), Lang::Vi) => {
            format!("Là người địa phương {}: hồ sơ ghi nhận là người địa phương {}", l.locality.name, listed.name)
        }
        (Some(LocalBecause::Listed { listed }), Lang::En) => {
            format!("Local to {}: the roster lists them as local to {}", l.locality.name, listed.name)
        }
        (Some(LocalBecause::Worked { years: y, threshold }), Lang::Vi) => format!(
            "Là người địa phương {}: đã công tác tại đây {} năm (từ {} năm trở lên)",
            l.locality.name,
            years(*y, lang),
            years(*threshold, lang)
        ),
        (Some(LocalBecause::Worked { years: y, threshold }), Lang::En) => format!(
            "Local to {}: worked there {} years ({} or more count)",
            l.locality.name,
            years(*y, lang),
            years(*threshold, lang)
        ),
    };
    o.line(indent, t);
}

fn basis(b: &PlanningBasis, lang: Lang) -> String {
    match (b, lang) {
        (PlanningBasis::ForPost, Lang::Vi) => "có trong quy hoạch cho chính chức vụ này".into(),
        (PlanningBasis::ForPost, Lang::En) => "in the planning for this very post".into(),
        (PlanningBasis::ForRole { role, level }, Lang::Vi) => {
            format!("có trong quy hoạch chức danh {} {}", label(*role, lang), label(*level, lang))
        }
        (PlanningBasis::ForRole { role, level }, Lang::En) => {
            format!("in the planning for {} at {}", label(*role, lang), label(*level, lang))
        }
        (PlanningBasis::Equivalent { role, level }, Lang::Vi) => {
            format!("có trong quy hoạch chức danh tương đương ({} {})", label(*role, lang), label(*level, lang))
        }
        (PlanningBasis::Equivalent { role, level }, Lang::En) => {
            format!("in the planning for an equivalent role ({} at {})", label(*role, lang), label(*level, lang))
        }
        (PlanningBasis::Lateral { from, to, forced }, Lang::Vi) => format!(
            "chuyển ngang từ {} sang {}, chức danh tương đương cùng cấp{}",
            label(*from, lang),
            label(*to, lang),
            if *forced { ", vì buộc phải rời chức vụ đang giữ" } else { "" }
        ),
        (PlanningBasis::Lateral { from, to, forced }, Lang::En) => format!(
            "a lateral move from {} to {}, an equivalent role at the same level{}",
            label(*from, lang),
            label(*to, lang),
            if *forced { ", as the cadre must leave their post" } else { "" }
        ),
    }
}

fn criterion(c: &Criterion, lang: Lang, plan_date: &str) -> String {
    let on = date(plan_date, lang);
    match (c, lang) {
        (Criterion::Holds { tenure, cap: Some(cap) }, Lang::Vi) if *tenure + 1e-9 >= *cap => format!(
            "đang giữ chức vụ này {} năm liên tục, đã tới giới hạn {} năm: phải chuyển",
            years(*tenure, lang),
            years(*cap, lang)
        ),
        (Criterion::Holds { tenure, cap: Some(cap) }, Lang::En) if *tenure + 1e-9 >= *cap => format!(
            "has held this post for {} consecutive years, at the {}-year cap: must leave",
            years(*tenure, lang),
            years(*cap, lang)
        ),
        (Criterion::Holds { tenure, cap }, Lang::Vi) => format!(
            "đang giữ chức vụ này {} năm liên tục{}",
            years(*tenure, lang),
            cap.map(|c| format!(", dưới mức {} năm", years(c, lang))).unwrap_or_default()
        ),
        (Criterion::Holds { tenure, cap }, Lang::En) => format!(
            "has held this post for {} consecutive years{}",
            years(*tenure, lang),
            cap.map(|c| format!(", under the {}-year cap", years(c, lang))).unwrap_or_default()
        ),
        (Criterion::WithinDistrict { district }, Lang::Vi) => format!("chuyển trong phạm vi {}", district.name),
        (Criterion::WithinDistrict { district }, Lang::En) => format!("moves within {}", district.name),
        (Criterion::RotatedIn, Lang::Vi) => "đến từ địa phương khác".into(),
        (Criterion::RotatedIn, Lang::En) => "comes from another locality".into(),
        (Criterion::SameLevel { from, to, outstanding }, _) if from == to => {
            let _ = outstanding;
            match lang {
                Lang::Vi => format!("cùng cấp ({})", label(*to, lang)),
                Lang::En => format!("same level ({})", label(*to, lang)),
            }
        }
        (Criterion::SameLevel { from, to, .. }, Lang::Vi) => {
            format!("từ {} lên {}: cán bộ nổi trội", label(*from, lang), label(*to, lang))
        }
        (Criterion::SameLevel { from, to, .. }, Lang::En) => {
            format!("from {} up to {}: an outstanding cadre", label(*from, lang), label(*to, lang))
        }
        (Criterion::ServiceLeft { left, needed, forced }, Lang::Vi) => format!(
            "còn {} năm công tác, cần ít nhất {}{}",
            years(*left, lang),
            years(*needed, lang),
            match forced {
                Some(Forced::TenureCap) => " (mức áp dụng khi buộc phải chuyển do giữ chức quá thời hạn)",
                Some(Forced::NonLocalPlacement) => " (mức áp dụng khi bố trí cán bộ không phải người địa phương)",
                None => "",
            }
        ),
        (Criterion::ServiceLeft { left, needed, forced }, Lang::En) => format!(
            "{} years of service left, needs at least {}{}",
            years(*left, lang),
            years(*needed, lang),
            match forced {
                Some(Forced::TenureCap) => " (the requirement when the tenure cap forces the move)",
                Some(Forced::NonLocalPlacement) => " (the requirement for a non-local placement)",
                None => "",
            }
        ),
        (Criterion::CurrentRole { current }, Lang::Vi) => match current {
            Some(r) => format!("đang là {}", label(*r, lang)),
            None => "không giữ chức vụ".into(),
        },
        (Criterion::CurrentRole { current }, Lang::En) => match current {
            Some(r) => format!("role now: {}", label(*r, lang)),
            None => "holds no post".into(),
        },
        (Criterion::CurrentLevel { current }, Lang::Vi) => match current {
            Some(l) => format!("đang công tác ở {}", label(*l, lang)),
            None => "không rõ cấp công tác".into(),
        },
        (Criterion::CurrentLevel { current }, Lang::En) => match current {
            Some(l) => format!("level now: {}", label(*l, lang)),
            None => "no current level".into(),
        },
        (Criterion::CivilServant, Lang::Vi) => "là công chức".into(),
        (Criterion::CivilServant, Lang::En) => "a civil servant".into(),
        (Criterion::Age { age, limit }, Lang::Vi) => format!("{} tuổi vào ngày {on}, dưới {limit}", years(*age, lang)),
        (Criterion::Age { age, limit }, Lang::En) => format!("age {} on {on}, under {limit}", years(*age, lang)),
        (Criterion::FormallyTrained { education }, Lang::Vi) => {
            format!("được đào tạo bài bản ({})", label(*education, lang))
        }
        (Criterion::FormallyTrained { education }, Lang::En) => {
            format!("formally trained ({})", label(*education, lang))
        }
        (Criterion::DegreeClass { has, min }, Lang::Vi) => {
            format!("bằng loại {}, đạt mức {} trở lên", has.map(|h| label(h, lang)).unwrap_or("?"), label(*min, lang))
        }
        (Criterion::DegreeClass { has, min }, Lang::En) => {
            format!("degree classed {}, {} or better", has.map(|h| label(h, lang)).unwrap_or("?"), label(*min, lang))
        }
        (Criterion::InPlanning { basis: b }, _) => basis(b, lang),
        (Criterion::Ratings { min, years: ys }, Lang::Vi) => {
            format!(
                "{} năm gần nhất đều xếp loại từ '{}' trở lên ({})",
                ys.len(),
                label(*min, lang),
                ratings_text(ys, lang)
            )
        }
        (Criterion::Ratings { min, years: ys }, Lang::En) => {
            format!(
                "rated '{}' or better in each of the last {} years ({})",
                label(*min, lang),
                ys.len(),
                ratings_text(ys, lang)
            )
        }
    }
}

/// The failing fact, in words.
pub fn failing(f: &Failing, lang: Lang, plan_date: &str) -> String {
    let on = date(plan_date, lang);
    match (f, lang) {
        (Failing::OutsideDistrict { district }, Lang::Vi) => {
            format!(
                "chỉ được bố trí trong {}",
                district.as_ref().map(|d| d.name.as_str()).unwrap_or("quận, huyện đang công tác")
            )
        }
        (Failing::OutsideDistrict { district }, Lang::En) => {
            format!("may only move within {}", district.as_ref().map(|d| d.name.as_str()).unwrap_or("their district"))
        }
        (Failing::NotRotatedIn, Lang::Vi) => "đã công tác tại địa phương này".into(),
        (Failing::NotRotatedIn, Lang::En) => "already works in this locality".into(),
        (Failing::LevelChange { from, to }, Lang::Vi) => {
            format!("chuyển từ {} sang {} mà không phải cán bộ nổi trội", label(*from, lang), label(*to, lang))
        }
        (Failing::LevelChange { from, to }, Lang::En) => {
            format!("moving from {} to {} without being outstanding", label(*from, lang), label(*to, lang))
        }
        (Failing::ServiceLeft { left, needed }, Lang::Vi) => {
            format!("còn {} năm công tác, cần ít nhất {}", years(*left, lang), years(*needed, lang))
        }
        (Failing::ServiceLeft { left, needed }, Lang::En) => {
            format!("{} years of service left, needs at least {}", years(*left, lang), years(*needed, lang))
        }
        (Failing::NoPoolRule, Lang::Vi) => "không có tiêu chuẩn nào cho phép bổ nhiệm từ nguồn vào chức vụ này".into(),
        (Failing::NoPoolRule, Lang::En) => "no rule admits pool candidates to this post".into(),
        (Failing::NotYoung { age, limit }, Lang::Vi) => format!(
            "{} tuổi vào {on}: không phải cán bộ trẻ (dưới {limit}) nên không thuộc diện tăng cường cán bộ trẻ (09-KL/TU §2.2(1)); không có tiêu chuẩn nào khác cho phép bổ nhiệm từ nguồn vào chức vụ này",
            years(*age, lang)
        ),
        (Failing::NotYoung { age, limit }, Lang::En) => format!(
            "age {} on {on}: not a young cadre (under {limit}), so the young-cadre rule (09-KL/TU §2.2(1)) does not apply; no other rule admits candidates from the pool to this post",
            years(*age, lang)
        ),
        (Failing::CurrentRole { current }, Lang::Vi) => match current {
            Some(r) => format!("đang là {}, không thuộc chức danh được chọn", label(*r, lang)),
            None => "không giữ chức vụ nào".into(),
        },
        (Failing::CurrentRole { current }, Lang::En) => match current {
            Some(r) => format!("currently {}, not a role the rule takes from", label(*r, lang)),
            None => "holds no post".into(),
        },
        (Failing::CurrentLevel { current }, Lang::Vi) => match current {
            Some(l) => format!("đang công tác ở {}", label(*l, lang)),
            None => "không rõ cấp công tác".into(),
        },
        (Failing::CurrentLevel { current }, Lang::En) => match current {
            Some(l) => format!("currently at {}", label(*l, lang)),
            None => "no current level".into(),
        },
        (Failing::NotCivilServant, Lang::Vi) => "không phải công chức".into(),
        (Failing::NotCivilServant, Lang::En) => "not a civil servant".into(),
        (Failing::TooOld { age, limit }, Lang::Vi) => {
            format!("{} tuổi vào ngày {on}, giới hạn: dưới {limit}", years(*age, lang))
        }
        (Failing::TooOld { age, limit }, Lang::En) => {
            format!("age {} on {on}, limit: under {limit}", years(*age, lang))
        }
        (Failing::NotFormallyTrained, Lang::Vi) => "chưa được đào tạo bài bản".into(),
        (Failing::NotFormallyTrained, Lang::En) => "not formally trained".into(),
        (Failing::DegreeClass { has, min }, Lang::Vi) => match has {
            Some(h) => format!("bằng loại {}, cần loại {} trở lên", label(*h, lang), label(*min, lang)),
            None => format!("không có xếp loại bằng, cần loại {} trở lên", label(*min, lang)),
        },
        (Failing::DegreeClass { has, min }, Lang::En) => match has {
            Some(h) => format!("degree classed {}, needs {} or better", label(*h, lang), label(*min, lang)),
            None => format!("no degree class recorded, needs {} or better", label(*min, lang)),
        },
        (Failing::NotInPlanning, Lang::Vi) => "không có trong quy hoạch chức vụ này hoặc chức vụ tương đương".into(),
        (Failing::NotInPlanning, Lang::En) => "not in the planning for this post or an equivalent one".into(),
        (Failing::Rating { year, got, min }, Lang::Vi) => match got {
            Some(g) => format!("năm {year} xếp loại '{}', dưới mức '{}'", label(*g, lang), label(*min, lang)),
            None => format!("không có xếp loại năm {year}"),
        },
        (Failing::Rating { year, got, min }, Lang::En) => match got {
            Some(g) => format!("{year} rating '{}', below '{}'", label(*g, lang), label(*min, lang)),
            None => format!("no rating for {year}"),
        },
    }
}

/// What would remove a failing fact, in words (`who`: the cadre).
pub fn fix(f: &Fix, who: &CadreRef, lang: Lang) -> String {
    let him = pronoun(who.gender, lang);
    match (f, lang) {
        (Fix::AddToPlanning { post: p }, Lang::Vi) => format!("bổ sung {him} vào quy hoạch {}", post(p)),
        (Fix::AddToPlanning { post: p }, Lang::En) => format!("add {him} to the planning for {}", post(p)),
        (Fix::RaiseAgeLimit { rule: r, from, to }, Lang::Vi) => {
            format!("nâng giới hạn tuổi trong '{}' từ dưới {from} lên dưới {to}", rule_title(r, lang))
        }
        (Fix::RaiseAgeLimit { rule: r, from, to }, Lang::En) => {
            format!("raise the age limit of '{}' from under {from} to under {to}", rule_title(r, lang))
        }
        (Fix::AcceptDegreeClass { rule: r, from, to }, Lang::Vi) => format!(
            "chấp nhận bằng loại {} trong '{}' (hiện cần loại {} trở lên)",
            label(*to, lang),
            rule_title(r, lang),
            label(*from, lang)
        ),
        (Fix::AcceptDegreeClass { rule: r, from, to }, Lang::En) => format!(
            "accept a degree classed {} in '{}' (now {} or better)",
            label(*to, lang),
            rule_title(r, lang),
            label(*from, lang)
        ),
        (Fix::RecordDegreeClass, Lang::Vi) => "bổ sung xếp loại bằng vào hồ sơ".into(),
        (Fix::RecordDegreeClass, Lang::En) => "record the degree class in the roster".into(),
        (Fix::AcceptRating { rule: r, year, got, min, years: n, fewer_years }, Lang::Vi) => format!(
            "chấp nhận xếp loại '{}' năm {year} trong '{}' (hiện cần '{}' trong {n} năm gần nhất){}",
            label(*got, lang),
            rule_title(r, lang),
            label(*min, lang),
            fewer_years.map(|k| format!(", hoặc chỉ xét {k} năm gần nhất")).unwrap_or_default()
        ),
        (Fix::AcceptRating { rule: r, year, got, min, years: n, fewer_years }, Lang::En) => format!(
            "accept '{}' in {year} in '{}' (now '{}' in each of the last {n} years){}",
            label(*got, lang),
            rule_title(r, lang),
            label(*min, lang),
            fewer_years.map(|k| format!(", or count only the last {k} years")).unwrap_or_default()
        ),
        (Fix::RecordRating { year }, Lang::Vi) => format!("bổ sung xếp loại năm {year} vào hồ sơ"),
        (Fix::RecordRating { year }, Lang::En) => format!("record the {year} rating in the roster"),
        (Fix::WaiveFormalTraining { rule: r }, Lang::Vi) => {
            format!("bỏ yêu cầu đào tạo bài bản trong '{}'", rule_title(r, lang))
        }
        (Fix::WaiveFormalTraining { rule: r }, Lang::En) => {
            format!("waive formal training in '{}'", rule_title(r, lang))
        }
        (Fix::LowerServiceLeft { rule: r, from, to }, Lang::Vi) => format!(
            "giảm số năm công tác còn lại yêu cầu trong '{}' từ {} xuống {}",
            rule_title(r, lang),
            years(*from, lang),
            years(*to, lang)
        ),
        (Fix::LowerServiceLeft { rule: r, from, to }, Lang::En) => format!(
            "lower the years of service required by '{}' from {} to {}",
            rule_title(r, lang),
            years(*from, lang),
            years(*to, lang)
        ),
        (Fix::NotAThreshold, Lang::Vi) => "không phải một ngưỡng có thể nới: thuộc vị trí công tác hiện tại".into(),
        (Fix::NotAThreshold, Lang::En) => "not a threshold that can be relaxed: a fact of the current position".into(),
    }
}

fn near_miss(o: &mut Out, indent: usize, m: &NearMissView, plan_date: &str, show: Show) {
    let lang = o.lang;
    let at = if m.now.is_empty() { String::new() } else { format!(" ({})", m.now) };
    match show {
        Show::Cadre => o.line(indent, format!("- {}{at}", cadre(&m.cadre))),
        Show::CadreAndPost => o.line(indent, format!("- {}{at} → {}", cadre(&m.cadre), post(&m.post))),
        Show::Post => o.line(indent, format!("- {}", post(&m.post))),
    }
    if m.reasons.len() > 1 || m.fixes.first() == Some(&Fix::NotAThreshold) {
        for (r, f) in m.reasons.iter().zip(&m.fixes) {
            o.line(indent + 2, format!("✗ {}: {}", rule(&r.rule, lang), failing(&r.failing, lang, plan_date)));
            o.line(indent + 3, format!("→ {}", fix(f, &m.cadre, lang)));
        }
        return;
    }
    for r in &m.reasons {
        o.line(indent + 2, format!("✗ {}: {}", rule(&r.rule, lang), failing(&r.failing, lang, plan_date)));
    }
    if m.reasons.len() == 1 && m.fixes[0] != Fix::NotAThreshold {
        let t = match lang {
            Lang::Vi => format!(
                "→ Chỉ thiếu điều kiện này: {} thì {} sẽ đủ điều kiện làm {}",
                fix(&m.fixes[0], &m.cadre, lang),
                pronoun(m.cadre.gender, lang),
                m.post.title
            ),
            Lang::En => format!(
                "→ Fails only this: {} — that alone would qualify {} for {}",
                fix(&m.fixes[0], &m.cadre, lang),
                pronoun(m.cadre.gender, lang),
                m.post.title
            ),
        };
        o.line(indent + 2, t);
    }
}

/// What a near-miss line leads with.
#[derive(Clone, Copy)]
enum Show {
    Cadre,
    CadreAndPost,
    Post,
}

fn verdict_text(v: &Verdict, base: &Criteria, other: &Criteria, lang: Lang, lead: Lead) -> String {
    let comp = |c: &Component| match (c, lang) {
        (Component::Targets, Lang::Vi) => format!(
            "chỉ tiêu: mức thiếu hụt {} → {}",
            num(base.target_shortfall, lang),
            num(other.target_shortfall, lang)
        ),
        (Component::Targets, Lang::En) => format!(
            "targets: weighted shortfall {} → {}",
            num(base.target_shortfall, lang),
            num(other.target_shortfall, lang)
        ),
        (Component::Suitability, Lang::Vi) => format!("điểm phù hợp: {} → {}", base.suitability, other.suitability),
        (Component::Suitability, Lang::En) => format!("suitability: {} → {}", base.suitability, other.suitability),
        (Component::Moves, Lang::Vi) => format!(
            "số lượt điều động {} → {}, chức vụ để trống {} → {}",
            base.moves, other.moves, base.vacancies, other.vacancies
        ),
        (Component::Moves, Lang::En) => {
            format!("moves {} → {}, vacant posts {} → {}", base.moves, other.moves, base.vacancies, other.vacancies)
        }
    };
    match (v, lang) {
        (Verdict::Worse { on }, Lang::Vi) => format!("kém hơn về {}", comp(on)),
        (Verdict::Worse { on }, Lang::En) => format!("worse on {}", comp(on)),
        (Verdict::Better { on }, Lang::Vi) => format!("tốt hơn về {}", comp(on)),
        (Verdict::Better { on }, Lang::En) => format!("better on {}", comp(on)),
        (Verdict::Equal, Lang::Vi) if lead == Lead::WithChange => "không tiêu chí nào thay đổi".into(),
        (Verdict::Equal, Lang::En) if lead == Lead::WithChange => "no criterion changes".into(),
        (Verdict::Equal, Lang::Vi) => {
            "tốt ngang nhau trên mọi tiêu chí: phương án chọn người hiện tại chỉ do thứ tự giải (hai cách chọn như nhau)".into()
        }
        (Verdict::Equal, Lang::En) => "equally good on every criterion: the plan's choice is a tie-break".into(),
    }
}

fn cost(o: &mut Out, indent: usize, c: &Cost, base: &Criteria) {
    cost_led(o, indent, c, base, Lead::IfChosen)
}

/// How a cost line starts.
#[derive(Clone, Copy, PartialEq)]
enum Lead {
    IfChosen,
    WithChange,
}

fn cost_led(o: &mut Out, indent: usize, c: &Cost, base: &Criteria, lead: Lead) {
    let lang = o.lang;
    let first = match lead {
        Lead::IfChosen => o.pick("Nếu chọn", "If chosen"),
        Lead::WithChange => o.pick("Khi đó", "Then"),
    };
    match c {
        Cost::Measured { criteria, delta, verdict, proven, re_planned, targets } => {
            o.line(indent, format!("{first}: {}", verdict_text(verdict, base, criteria, lang, lead)));
            o.line(
                indent + 1,
                match lang {
                    Lang::Vi => format!(
                        "(chỉ tiêu {}, điểm phù hợp {}, lượt điều động {}, chức vụ trống {})",
                        signed_f(delta.target_shortfall, lang),
                        signed(delta.suitability),
                        signed(delta.moves),
                        signed(delta.vacancies)
                    ),
                    Lang::En => format!(
                        "(targets {}, suitability {}, moves {}, vacant posts {})",
                        signed_f(delta.target_shortfall, lang),
                        signed(delta.suitability),
                        signed(delta.moves),
                        signed(delta.vacancies)
                    ),
                },
            );
            for t in targets {
                o.line(
                    indent + 1,
                    match lang {
                        Lang::Vi => format!(
                            "{} — {} [{}]: thiếu {} → {}",
                            rule_title(&t.rule, lang),
                            t.subject.name,
                            t.subject.code,
                            num(t.before, lang),
                            num(t.after, lang)
                        ),
                        Lang::En => format!(
                            "{} — {} [{}]: short by {} → {}",
                            rule_title(&t.rule, lang),
                            t.subject.name,
                            t.subject.code,
                            num(t.before, lang),
                            num(t.after, lang)
                        ),
                    },
                );
            }
            if let Some(regions) = re_planned {
                let list = regions.join(", ");
                o.line(
                    indent + 1,
                    match lang {
                        Lang::Vi => format!("(chỉ lập lại phương án trong {list}, phần còn lại giữ nguyên: chi phí thực không lớn hơn số liệu này)"),
                        Lang::En => format!("(re-planned only in {list}, the rest of the plan kept: the true cost is at most this)"),
                    },
                );
            } else if !proven {
                o.line(
                    indent + 1,
                    o.pick(
                        "(lần giải lại dừng ở giới hạn thời gian: đây là số liệu của phương án tốt nhất tìm được, chi phí thực không lớn hơn; tăng --time-limit để đo chính xác)",
                        "(the re-solve stopped at its time limit: these are the figures of the best plan it found, the true cost is at most this; raise --time-limit to measure it)",
                    ),
                );
            }
        }
        Cost::Infeasible { blocking } => {
            o.line(
                indent,
                format!(
                    "{first}: {}:",
                    o.pick("không có phương án nào, vướng quy định bắt buộc", "no plan at all, blocked by hard rules")
                ),
            );
            if blocking.is_empty() {
                o.line(indent + 1, o.pick("(không xác định được quy định cụ thể)", "(no single rule identified)"));
            }
            for b in blocking {
                let by = match (b.over, lang) {
                    (true, Lang::Vi) => format!("vượt {}", num(b.shortfall, lang)),
                    (true, Lang::En) => format!("over by {}", num(b.shortfall, lang)),
                    (false, Lang::Vi) => format!("thiếu {}", num(b.shortfall, lang)),
                    (false, Lang::En) => format!("short by {}", num(b.shortfall, lang)),
                };
                o.line(
                    indent + 1,
                    format!("- {} — {} [{}]: {by}", rule(&b.rule, lang), b.subject.name, b.subject.code),
                );
                let facts = match lang {
                    Lang::Vi if !b.facts_vi.is_empty() => &b.facts_vi,
                    _ => &b.facts_en,
                };
                if lang == Lang::En || !b.facts_vi.is_empty() {
                    for f in facts {
                        o.line(indent + 3, f);
                    }
                }
            }
        }
        Cost::NoPlan => o.line(
            indent,
            format!(
                "{first}: {}",
                o.pick("chưa tìm được phương án trong giới hạn thời gian", "no plan found within the time limit")
            ),
        ),
        Cost::NotMeasured => o.line(indent, o.pick("(chưa giải lại)", "(not re-solved)")),
    }
}

fn whereabouts(w: &Whereabouts, lang: Lang) -> String {
    match (w, lang) {
        (Whereabouts::Placed { post: p, kind: MoveKind::Stays }, Lang::Vi) => format!("giữ nguyên {}", post(p)),
        (Whereabouts::Placed { post: p, kind: MoveKind::Stays }, Lang::En) => format!("stays in {}", post(p)),
        (Whereabouts::Placed { post: p, kind: k }, Lang::Vi) => format!("{} làm {}", kind(*k, lang), post(p)),
        (Whereabouts::Placed { post: p, kind: k }, Lang::En) => format!("{} to {}", kind(*k, lang), post(p)),
        (Whereabouts::Released, Lang::Vi) => "thôi giữ chức vụ".into(),
        (Whereabouts::Released, Lang::En) => "released".into(),
        (Whereabouts::NotPlaced, Lang::Vi) => "không được bố trí".into(),
        (Whereabouts::NotPlaced, Lang::En) => "not placed".into(),
    }
}

/// One line per pin that concerns the subject, in words: the planner's, or a roadmap's
/// minimum-rotation keep, which cites the rule instead.
fn pin_lines(o: &mut Out, pins: &[String], lang: Lang) {
    for p in pins {
        let pin = crate::explain::words::pin_text(p, lang);
        let who = if p.starts_with(crate::plan::KEEP_MIN_ROTATION) {
            o.pick(
                "Quy định thời gian luân chuyển tối thiểu (general.min_rotation_months)",
                "Minimum rotation length (general.min_rotation_months)",
            )
        } else {
            o.pick("Quyết định của người lập phương án", "Planner's pin")
        };
        o.line(0, format!("{who}: {pin}"));
    }
}

fn holder(o: &mut Out, indent: usize, h: &HolderView, plan_date: &str) {
    let lang = o.lang;
    facts(o, indent, &h.facts, plan_date);
    if let Some(l) = &h.local {
        local(o, indent, l);
    }
    if h.min_rotation {
        o.line(
            indent,
            o.pick(
                "Giữ nguyên vị trí cho đủ thời gian luân chuyển tối thiểu (general.min_rotation_months): người này được luân chuyển trong một năm trước của lộ trình.",
                "Kept in place for the minimum rotation length (general.min_rotation_months): the cadre was rotated in an earlier year of the roadmap.",
            ),
        );
    } else if h.pinned {
        o.line(indent, o.pick("Người lập phương án đã cố định bố trí này.", "The planner pinned this placement."));
    }
    if !h.breaks.is_empty() {
        o.line(
            indent,
            format!(
                "{}:",
                o.pick("VI PHẠM tiêu chuẩn (phương án lập thủ công)", "BREAKS eligibility (a hand-drafted plan)")
            ),
        );
        for r in &h.breaks {
            o.line(indent + 1, format!("✗ {}: {}", rule(&r.rule, lang), failing(&r.failing, lang, plan_date)));
        }
    } else {
        o.line(indent, format!("{}:", o.pick("Đáp ứng các quy định", "Rules satisfied")));
    }
    for r in &h.rules {
        o.line(indent + 1, format!("- {}", rule(&r.rule, lang)));
        for c in &r.criteria {
            o.line(indent + 3, format!("✓ {}", criterion(c, lang, plan_date)));
        }
    }
    let s = &h.suitability;
    o.line(
        indent,
        match lang {
            Lang::Vi => format!(
                "Điểm phù hợp: {} = quy hoạch {} + xếp loại {} + chuyên ngành {} + kinh nghiệm {} ({} năm lãnh đạo){}",
                s.total,
                s.planning,
                s.ratings,
                s.field,
                s.experience,
                years(s.leadership_years, lang),
                if s.preference > 0 { format!(" + ưu tiên {}", s.preference) } else { String::new() }
            ),
            Lang::En => format!(
                "Suitability: {} = planning {} + ratings {} + field {} + experience {} ({} years in leadership){}",
                s.total,
                s.planning,
                s.ratings,
                s.field,
                s.experience,
                years(s.leadership_years, lang),
                if s.preference > 0 { format!(" + preference {}", s.preference) } else { String::new() }
            ),
        },
    );
    if h.serves.is_empty() {
        o.line(indent, o.pick("Góp phần vào: (không chỉ tiêu nào)", "Serves: (no target)"));
    } else {
        o.line(indent, format!("{}:", o.pick("Góp phần vào", "Serves")));
        for r in &h.serves {
            o.line(indent + 1, format!("- {}", rule(r, lang)));
        }
    }
}

/// Why the move is made, in words ("Lý do điều động: thực hiện chỉ tiêu — …"), and the
/// candidates who would give the same plan on the post.
fn move_why_lines(
    o: &mut Out,
    why: Option<&super::placement::MoveWhy>,
    choice: Option<&super::placement::ChoiceView>,
    lang: Lang,
) {
    use crate::plan::Purpose as P;
    if let Some(w) = why {
        let mut text = super::summary::purpose_text(w.purpose, lang).to_string();
        if !w.serves.is_empty() {
            let rules: Vec<String> = w.serves.iter().map(|r| rule(r, lang)).collect();
            text = format!("{text} — {}", rules.join("; "));
        }
        if let Some(f) = &w.fills {
            text = format!("{text} — {}", super::words::fills_basis(f, lang));
        }
        if let Some(c) = &w.because_of {
            text = match (w.purpose, lang) {
                (P::MakesRoom, Lang::Vi) => format!("{text} — nhường chỗ cho {}", cadre(c)),
                (P::MakesRoom, Lang::En) => format!("{text} — makes room for {}", cadre(c)),
                (_, Lang::Vi) => format!("{text} — sau điều động của {}", cadre(c)),
                (_, Lang::En) => format!("{text} — after the move of {}", cadre(c)),
            };
        }
        o.line(0, format!("{}: {text}", o.pick("Lý do điều động", "Why the move is made")));
    }
    if let Some(ch) = choice {
        let mut names: Vec<String> = std::iter::once(&ch.chosen).chain(&ch.others).map(cadre).collect();
        // `count` is the other candidates in all; the list names the chosen one too
        let total = (ch.count + 1).max(names.len());
        let more = total.saturating_sub(names.len());
        if more > 0 {
            names.push(match lang {
                Lang::Vi => format!("và {more} đồng chí khác"),
                Lang::En => format!("and {more} more"),
            });
        }
        o.line(
            0,
            match lang {
                Lang::Vi => format!(
                    "Lựa chọn tương đương: bất kỳ đồng chí nào trong {total} đồng chí sau cũng cho cùng một phương án: {}",
                    names.join(", ")
                ),
                Lang::En => format!("Interchangeable: any of these {total} cadres gives the same plan: {}", names.join(", ")),
            },
        );
    }
}

/// Renders a placement explanation as text.
pub fn placement_text(e: &PlacementExplanation, lang: Lang) -> String {
    let mut o = Out::new(lang);
    let pd = e.plan.plan_date.clone();
    o.line(
        0,
        format!(
            "{}: {} — {}, {}",
            o.pick("Giải trình bố trí", "Placement explained"),
            post(&e.post),
            e.post.unit,
            e.post.locality.name
        ),
    );
    head(&mut o, &e.plan);
    notes(&mut o, &e.notes);
    let before = e.before.as_ref().map(cadre).unwrap_or_else(|| o.pick("(trống)", "(vacant)").into());
    o.line(0, format!("{}: {before}", o.pick("Trước phương án", "Before the plan")));
    match &e.holder {
        Some(h) => o.line(
            0,
            format!("{}: {} — {}", o.pick("Sau phương án", "After the plan"), cadre(&h.cadre), kind(h.kind, lang)),
        ),
        None => {
            o.line(0, format!("{}: {}", o.pick("Sau phương án", "After the plan"), o.pick("để trống", "left vacant")))
        }
    }
    pin_lines(&mut o, &e.pins, lang);
    move_why_lines(&mut o, e.purpose.as_ref(), e.interchangeable.as_ref(), lang);
    o.blank();
    match &e.holder {
        Some(h) => {
            o.line(0, format!("{} {}", o.pick("Vì sao chọn", "Why"), h.cadre.name));
            holder(&mut o, 1, h, &pd);
        }
        None => {
            let t = match (e.eligible, lang) {
                (0, Lang::Vi) => "Vì sao để trống: không có cán bộ nào đủ điều kiện cho chức vụ này.".to_string(),
                (0, Lang::En) => "Why vacant: no cadre is eligible for this post.".to_string(),
                (n, Lang::Vi) => {
                    format!("Vì sao để trống: có {n} cán bộ đủ điều kiện, nhưng bố trí họ vào đây kém hơn (xem dưới).")
                }
                (n, Lang::En) => {
                    format!("Why vacant: {n} cadres are eligible, but placing them here is worse (see below).")
                }
            };
            o.line(0, t);
        }
    }
    o.blank();
    let w = &e.why_not;
    let n_others = w.alternatives.len() + w.not_measured;
    o.line(
        0,
        match (lang, n_others) {
            (Lang::Vi, 0) => "Vì sao không chọn người khác: không có cán bộ nào khác đủ điều kiện".to_string(),
            (Lang::En, 0) => "Why not the others: no other cadre is eligible".to_string(),
            (Lang::Vi, n) => format!("Vì sao không chọn người khác: {n} cán bộ khác đủ điều kiện"),
            (Lang::En, 1) => "Why not the others: 1 other eligible cadre".to_string(),
            (Lang::En, n) => format!("Why not the others: {n} other eligible cadres"),
        },
    );
    if n_others > 0 {
        o.line(1, format!("{}: {}", o.pick("Phương án hiện tại", "This plan"), criteria_line(&w.baseline, lang)));
    }
    for a in &w.alternatives {
        o.line(
            1,
            match lang {
                Lang::Vi => format!(
                    "- {}{}: điểm phù hợp {}; trong phương án: {}",
                    cadre(&a.cadre),
                    if a.now.is_empty() { String::new() } else { format!(" ({})", a.now) },
                    a.suitability,
                    whereabouts(&a.in_plan, lang)
                ),
                Lang::En => format!(
                    "- {}{}: suitability {}; in the plan: {}",
                    cadre(&a.cadre),
                    if a.now.is_empty() { String::new() } else { format!(" ({})", a.now) },
                    a.suitability,
                    whereabouts(&a.in_plan, lang)
                ),
            },
        );
        cost(&mut o, 3, &a.cost, &w.baseline);
    }
    if w.not_measured > 0 {
        o.line(
            1,
            match lang {
                Lang::Vi => format!(
                    "(còn {} cán bộ đủ điều kiện, ít phù hợp hơn, chưa được giải lại; tăng --top để xem)",
                    w.not_measured
                ),
                Lang::En if w.not_measured == 1 => {
                    "(1 more eligible cadre, less suitable, was not re-solved; raise --top to see them)".to_string()
                }
                Lang::En => format!(
                    "({} more eligible cadres, less suitable, were not re-solved; raise --top to see them)",
                    w.not_measured
                ),
            },
        );
    }
    o.blank();
    o.line(
        0,
        match lang {
            Lang::Vi => format!("Không đủ điều kiện, gần nhất ({} trong {} người):", w.closest.len(), w.close_total),
            Lang::En => format!("Not eligible, closest ({} of {}):", w.closest.len(), w.close_total),
        },
    );
    if w.closest.is_empty() {
        o.line(1, o.pick("(không có)", "(none)"));
    }
    for m in &w.closest {
        near_miss(&mut o, 1, m, &pd, Show::Cadre);
    }
    o.s
}

/// Renders a cadre explanation as text.
pub fn cadre_text(e: &CadreExplanation, lang: Lang) -> String {
    let mut o = Out::new(lang);
    let pd = e.plan.plan_date.clone();
    o.line(0, format!("{}: {}", o.pick("Giải trình cán bộ", "Cadre explained"), cadre(&e.cadre)));
    head(&mut o, &e.plan);
    notes(&mut o, &e.notes);
    let outcome = match (&e.outcome, lang) {
        (CadreOutcome::Moves { post: p, kind: k }, Lang::Vi) => format!("{} làm {}", kind(*k, lang), post(p)),
        (CadreOutcome::Moves { post: p, kind: k }, Lang::En) => format!("{} to {}", kind(*k, lang), post(p)),
        (CadreOutcome::Stays { post: p }, Lang::Vi) => format!("giữ nguyên {}", post(p)),
        (CadreOutcome::Stays { post: p }, Lang::En) => format!("stays in {}", post(p)),
        (CadreOutcome::Released { service_left, forced_out_needs: Some(needs), .. }, Lang::Vi) => format!(
            "thôi giữ chức vụ, bố trí công tác khác: đã giữ chức vụ đến giới hạn nhiệm kỳ nhưng chỉ còn {} năm công tác, chưa đủ {} năm để luân chuyển",
            years(*service_left, lang),
            years(*needs, lang)
        ),
        (CadreOutcome::Released { service_left, forced_out_needs: Some(needs), .. }, Lang::En) => format!(
            "released to other work: at the tenure cap, with {} years of service left, short of the {} years a move needs",
            years(*service_left, lang),
            years(*needs, lang)
        ),
        (CadreOutcome::Released { service_left, below, .. }, Lang::Vi) => format!(
            "thôi giữ chức vụ: còn {} năm công tác, dưới mức {} năm nên được phép",
            years(*service_left, lang),
            years(*below, lang)
        ),
        (CadreOutcome::Released { service_left, below, .. }, Lang::En) => format!(
            "released: {} years of service left, under the {} years that allow it",
            years(*service_left, lang),
            years(*below, lang)
        ),
        (CadreOutcome::NotPlaced, Lang::Vi) => "không được bố trí vào chức vụ nào của phương án".into(),
        (CadreOutcome::NotPlaced, Lang::En) => "not placed in any post of the plan".into(),
    };
    o.line(0, format!("{}: {outcome}", o.pick("Kết quả", "Outcome")));
    pin_lines(&mut o, &e.pins, lang);
    move_why_lines(&mut o, e.purpose.as_ref(), e.interchangeable.as_ref(), lang);
    o.blank();
    match &e.holder {
        Some(h) => {
            o.line(0, format!("{}:", o.pick("Vì sao", "Why")));
            holder(&mut o, 1, h, &pd);
        }
        None => {
            o.line(0, format!("{}:", o.pick("Thông tin", "Facts")));
            facts(&mut o, 1, &e.facts, &pd);
        }
    }
    o.blank();
    let stays_or_moves = matches!(e.outcome, CadreOutcome::Moves { .. } | CadreOutcome::Stays { .. });
    let n_others = e.alternatives.len() + e.not_measured;
    o.line(
        0,
        match (lang, stays_or_moves) {
            (Lang::Vi, true) => format!("Các chức vụ khác {} có thể đảm nhiệm: {n_others}", e.cadre.name),
            (Lang::En, true) => format!("Other posts {} could take: {n_others}", e.cadre.name),
            (Lang::Vi, false) => format!("Các chức vụ {} đủ điều kiện: {n_others}", e.cadre.name),
            (Lang::En, false) => format!("Posts {} is eligible for: {n_others}", e.cadre.name),
        },
    );
    if n_others > 0 {
        o.line(1, format!("{}: {}", o.pick("Phương án hiện tại", "This plan"), criteria_line(&e.baseline, lang)));
    }
    for a in &e.alternatives {
        let h = a.holder.as_ref().map(cadre).unwrap_or_else(|| o.pick("để trống", "vacant").into());
        let own = e.facts.post.as_ref().is_some_and(|p| p.code == a.post.code);
        let h = if own {
            format!("{h} ({})", o.pick("chức vụ đang giữ: ở lại", "the post held now: staying"))
        } else {
            h
        };
        o.line(
            1,
            match lang {
                Lang::Vi => format!("- {}: điểm phù hợp {}; trong phương án: {h}", post(&a.post), a.suitability),
                Lang::En => format!("- {}: suitability {}; in the plan: {h}", post(&a.post), a.suitability),
            },
        );
        cost(&mut o, 3, &a.cost, &e.baseline);
    }
    if e.not_measured > 0 {
        o.line(
            1,
            match lang {
                Lang::Vi => {
                    format!("(còn {} chức vụ đủ điều kiện, ít phù hợp hơn, chưa được giải lại)", e.not_measured)
                }
                Lang::En if e.not_measured == 1 => {
                    "(1 more eligible post, less suitable, was not re-solved)".to_string()
                }
                Lang::En => format!("({} more eligible posts, less suitable, were not re-solved)", e.not_measured),
            },
        );
    }
    if n_others == 0 && !e.closest.is_empty() {
        o.line(
            1,
            match lang {
                Lang::Vi => format!("Không có chức vụ nào nhận {}; gần nhất:", pronoun(e.cadre.gender, lang)),
                Lang::En => format!("No post would take {}; the closest:", pronoun(e.cadre.gender, lang)),
            },
        );
        for m in &e.closest {
            near_miss(&mut o, 2, m, &pd, Show::Post);
        }
    } else if n_others == 0 {
        o.line(
            1,
            o.pick(
                "Không có chức vụ nào nhận (không tiêu chuẩn nào áp dụng trong phạm vi công tác).",
                "No post would take this cadre (no rule applies within their scope).",
            ),
        );
    }
    o.s
}

fn predicate(p: &PredicateView, lang: Lang) -> String {
    let roles = |r: &[Role]| r.iter().map(|x| label(*x, lang)).collect::<Vec<_>>().join(lang.pick(" hoặc ", " or "));
    match (p, lang) {
        (PredicateView::YoungHolder { roles: r, max_age_exclusive, sent_in }, Lang::Vi) => format!(
            "địa bàn được tính khi có {} dưới {} tuổi{}",
            roles(r),
            max_age_exclusive,
            if *sent_in { ", được phương án này tăng cường đến từ nơi khác" } else { "" }
        ),
        (PredicateView::YoungHolder { roles: r, max_age_exclusive, sent_in }, Lang::En) => format!(
            "a locality counts when a {} is under {}{}",
            roles(r),
            max_age_exclusive,
            if *sent_in { ", sent in from elsewhere by this plan" } else { "" }
        ),
        (PredicateView::NonLocalHolder { roles: r }, Lang::Vi) => {
            format!("địa bàn được tính khi mọi {} không phải người địa phương", roles(r))
        }
        (PredicateView::NonLocalHolder { roles: r }, Lang::En) => {
            format!("a locality counts when every {} is non-local", roles(r))
        }
        (PredicateView::RotatedOut { .. }, Lang::Vi) => {
            "địa bàn được tính khi có cán bộ luân chuyển ra ngoài địa bàn".into()
        }
        (PredicateView::RotatedOut { .. }, Lang::En) => {
            "a locality counts when one of its cadres is rotated out".into()
        }
    }
}

fn required(i: &Instance, lang: Lang) -> String {
    let b = match (i.required_min, i.required_max) {
        (Some(a), Some(b)) if (a - b).abs() < 1e-9 => format!("= {}", num(a, lang)),
        (Some(a), Some(b)) => format!("{}–{}", num(a, lang), num(b, lang)),
        (Some(a), None) => format!("≥ {}", num(a, lang)),
        (None, Some(b)) => format!("≤ {}", num(b, lang)),
        (None, None) => "-".into(),
    };
    match i.band {
        Some([lo, hi]) => format!("{b} ({}–{}%)", percent(lo), percent(hi)),
        None => b,
    }
}

fn post_issue(s: &super::target::PostState, lang: Lang, plan_date: &str) -> String {
    let who = s.holder.as_ref().map(cadre).unwrap_or_default();
    match (&s.issue, lang) {
        (PostIssue::Vacant, Lang::Vi) => "để trống".into(),
        (PostIssue::Vacant, Lang::En) => "vacant".into(),
        (PostIssue::TooOld { age, limit }, Lang::Vi) => {
            format!("{who}: {} tuổi vào ngày {}, không dưới {limit}", years(*age, lang), date(plan_date, lang))
        }
        (PostIssue::TooOld { age, limit }, Lang::En) => {
            format!("{who}: age {} on {}, not under {limit}", years(*age, lang), date(plan_date, lang))
        }
        (PostIssue::NotSentIn { stays: true }, Lang::Vi) => {
            format!("{who}: giữ nguyên chức vụ, không phải được tăng cường đến")
        }
        (PostIssue::NotSentIn { stays: true }, Lang::En) => format!("{who}: keeps the post, was not sent in"),
        (PostIssue::NotSentIn { stays: false }, Lang::Vi) => {
            format!("{who}: đang công tác tại địa bàn, không phải từ nơi khác đến")
        }
        (PostIssue::NotSentIn { stays: false }, Lang::En) => {
            format!("{who}: already works there, not sent in from elsewhere")
        }
        (PostIssue::Local { local: l }, _) => {
            let mut o = Out::new(lang);
            local(&mut o, 0, l);
            format!("{who}: {}", o.s.trim_end())
        }
        (PostIssue::StaysInside { after }, Lang::Vi) => match after {
            Some(p) if p.code == s.post.code => format!("{who}: giữ nguyên"),
            Some(p) => format!("{who}: chuyển trong địa bàn, sang {}", post(p)),
            None => format!("{who}: không được bố trí"),
        },
        (PostIssue::StaysInside { after }, Lang::En) => match after {
            Some(p) if p.code == s.post.code => format!("{who}: stays"),
            Some(p) => format!("{who}: moves within, to {}", post(p)),
            None => format!("{who}: not placed"),
        },
        (PostIssue::Meets, Lang::Vi) => format!("{who}: đạt"),
        (PostIssue::Meets, Lang::En) => format!("{who}: meets it"),
    }
}

fn child(o: &mut Out, indent: usize, c: &ChildWhy, base: &Criteria, plan_date: &str) {
    let lang = o.lang;
    o.line(indent, format!("{} [{}]:", c.child.name, c.child.code));
    for m in &c.members {
        o.line(
            indent + 1,
            format!(
                "{} — {}: {} {}, {}{}",
                post(&m.post),
                cadre(&m.cadre),
                years(m.age, lang),
                o.pick("tuổi", "years old"),
                m.tier.clone().map(|t| format!("{} {t}, ", o.pick("nhóm", "tier"))).unwrap_or_default(),
                label(m.field, lang)
            ),
        );
    }
    if !c.missing.is_empty() {
        o.line(indent + 1, format!("{}: {}", o.pick("Còn thiếu nhóm tuổi", "Missing age tiers"), c.missing.join(", ")));
    }
    for s in &c.posts {
        o.line(indent + 1, format!("{}: {}", post(&s.post), post_issue(s, lang, plan_date)));
    }
    if c.candidates_total == 0 {
        o.line(
            indent + 1,
            o.pick(
                "Không có cán bộ nào đủ điều kiện mà được tính cho địa bàn này.",
                "No eligible cadre would count here.",
            ),
        );
    } else {
        o.line(
            indent + 1,
            match lang {
                Lang::Vi => format!("{} cán bộ đủ điều kiện sẽ được tính; chi phí nếu bố trí:", c.candidates_total),
                Lang::En => format!("{} eligible cadres would count; the cost of placing them:", c.candidates_total),
            },
        );
        for a in &c.candidates {
            o.line(
                indent + 2,
                match lang {
                    Lang::Vi => format!(
                        "- {} → {}: điểm phù hợp {}; trong phương án: {}",
                        cadre(&a.cadre),
                        post(&a.post),
                        a.suitability,
                        whereabouts(&a.in_plan, lang)
                    ),
                    Lang::En => format!(
                        "- {} → {}: suitability {}; in the plan: {}",
                        cadre(&a.cadre),
                        post(&a.post),
                        a.suitability,
                        whereabouts(&a.in_plan, lang)
                    ),
                },
            );
            cost(o, indent + 4, &a.cost, base);
        }
        if c.not_measured > 0 {
            o.line(
                indent + 2,
                match lang {
                    Lang::Vi => format!("(còn {} người chưa được giải lại)", c.not_measured),
                    Lang::En => format!("({} more not re-solved)", c.not_measured),
                },
            );
        }
    }
    if c.close_total > 0 {
        o.line(
            indent + 1,
            match lang {
                Lang::Vi => format!(
                    "Chưa đủ điều kiện nhưng sẽ được tính, gần nhất ({} trong {}):",
                    c.closest.len(),
                    c.close_total
                ),
                Lang::En => {
                    format!("Not eligible but would count, closest ({} of {}):", c.closest.len(), c.close_total)
                }
            },
        );
        for m in &c.closest {
            near_miss(o, indent + 2, m, plan_date, Show::CadreAndPost);
        }
    } else if c.candidates_total == 0 {
        o.line(indent + 1, o.pick("Cũng không có ai gần đủ điều kiện.", "Nobody comes close either."));
    }
    if let Some(f) = &c.fix_check {
        let changes: Vec<String> = f.fixes.iter().map(|x| fix(x, &f.cadre, lang)).collect();
        o.line(
            indent + 1,
            match lang {
                Lang::Vi => format!("Kiểm chứng với {}, giải lại sau khi {}:", cadre(&f.cadre), changes.join("; ")),
                Lang::En => {
                    format!("Checked with {} by solving again after changes ({}):", cadre(&f.cadre), changes.join("; "))
                }
            },
        );
        let result = match (f.achieved, f.met, lang) {
            (Some(a), Some(true), Lang::Vi) => format!("chỉ tiêu đạt (đạt {})", num(a, lang)),
            (Some(a), Some(true), Lang::En) => format!("the target is met (achieved {})", num(a, lang)),
            (Some(a), _, Lang::Vi) => format!("chỉ tiêu vẫn chưa đạt (đạt {})", num(a, lang)),
            (Some(a), _, Lang::En) => format!("the target is still unmet (achieved {})", num(a, lang)),
            (None, _, Lang::Vi) => "không đọc được kết quả chỉ tiêu".into(),
            (None, _, Lang::En) => "the target could not be read back".into(),
        };
        o.line(indent + 2, result);
        cost_led(o, indent + 2, &f.cost, base, Lead::WithChange);
    }
}

/// Where a provenance comes from, in words.
pub fn provenance(p: crate::model::policy::Provenance, lang: Lang) -> &'static str {
    use crate::model::policy::Provenance as P;
    match (p, lang) {
        (P::Conclusion, Lang::Vi) => "theo Kết luận",
        (P::Conclusion, Lang::En) => "from the conclusion",
        (P::National, Lang::Vi) => "theo quy định của Trung ương, Nhà nước",
        (P::National, Lang::En) => "from a national rule",
        (P::Assumption, Lang::Vi) => "giả định của chính sách (văn bản không nêu)",
        (P::Assumption, Lang::En) => "the policy's own assumption (the text does not give it)",
    }
}

fn basis_lines(o: &mut Out, b: &super::target::Basis, lang: Lang) {
    if let Some(r) = &b.reads_vi {
        o.line(0, format!("{}: “{r}”", o.pick("Căn cứ", "Reads")));
    }
    if let Some(p) = b.provenance {
        o.line(0, format!("{}: {}", o.pick("Nguồn", "Source"), provenance(p, lang)));
    }
    if b.floor {
        o.line(
            0,
            lang.pick(
                "Mức của mốc này là mức sàn (phấn đấu): vượt mức trên không bị tính là chưa đạt",
                "This milestone's band is a floor (strive for): more than its upper figure is not a shortfall",
            ),
        );
    }
    for v in &b.values {
        let note = lang.pick(&v.note_vi, &v.note_en);
        o.line(
            1,
            format!(
                "{}: {}{}{}",
                super::words::value_label(&v.key, lang),
                provenance(v.provenance, lang),
                if note.is_empty() { "" } else { " — " },
                note
            ),
        );
    }
}

/// Renders a target explanation as text.
pub fn target_text(e: &TargetExplanation, lang: Lang) -> String {
    target_text_with(e, lang, false)
}

/// [`target_text`]; with `all`, the subjects that meet the target are listed too rather than
/// counted (`explain --target R --all`).
pub fn target_text_with(e: &TargetExplanation, lang: Lang, all: bool) -> String {
    let mut o = Out::new(lang);
    let pd = e.plan.plan_date.clone();
    o.line(
        0,
        format!("{}: {} [{}]", o.pick("Giải trình chỉ tiêu", "Target explained"), rule(&e.rule, lang), e.rule.id),
    );
    head(&mut o, &e.plan);
    basis_lines(&mut o, &e.basis, lang);
    if let Some(p) = &e.predicate {
        o.line(0, format!("{}: {}", o.pick("Cách tính", "What counts"), predicate(p, lang)));
    }
    o.line(0, format!("{}: {}", o.pick("Phương án hiện tại", "This plan"), criteria_line(&e.baseline, lang)));
    // a rule with many subjects (team-mix: every key team, twice): the unmet ones in full, the
    // met ones counted; one subject at a time with --subject
    let met = e.instances.iter().filter(|i| i.met).count();
    let summarise = !all && e.instances.len() > 3 && met > 0;
    // many subjects short (Hai Phong's teams): one line each, the detail one subject at a time
    const COMPACT_ABOVE: usize = 10;
    let compact = !all && e.instances.iter().filter(|i| !i.met).count() > COMPACT_ABOVE;
    // what the subjects are: the leadership teams of a team rule, else places
    let (one_vi, one_en) = if e.kind == "team_mix" { ("tập thể", "teams") } else { ("nơi", "places") };
    if summarise {
        o.blank();
        o.line(
            0,
            match lang {
                Lang::Vi => format!("Chưa đạt ở {}/{} {one_vi}:", e.instances.len() - met, e.instances.len()),
                Lang::En => format!("Not met in {} of {} {one_en}:", e.instances.len() - met, e.instances.len()),
            },
        );
    }
    for i in e.instances.iter().filter(|i| !summarise || !i.met) {
        o.blank();
        let of = i.denominator.map(|d| format!("/{d}")).unwrap_or_default();
        let state = match (i.met, lang) {
            (true, Lang::Vi) => "ĐẠT".to_string(),
            (true, Lang::En) => "MET".to_string(),
            (false, Lang::Vi) => format!(
                "CHƯA ĐẠT, lệch {}{}",
                num(i.shortfall, lang),
                if i.hard {
                    ", quy định bắt buộc".to_string()
                } else {
                    format!(", mức quan trọng {}", i.weight)
                }
            ),
            (false, Lang::En) => format!(
                "UNMET, off by {}{}",
                num(i.shortfall, lang),
                if i.hard { ", a hard rule".to_string() } else { format!(", weight {}", i.weight) }
            ),
        };
        let measure = match (i.measure.as_str(), lang) {
            ("share", _) => String::new(),
            ("age_tiers", Lang::Vi) => " (nhóm tuổi)".into(),
            ("age_tiers", Lang::En) => " (age tiers)".into(),
            ("fields", Lang::Vi) => " (chuyên ngành)".into(),
            ("fields", Lang::En) => " (fields)".into(),
            ("stays", Lang::Vi) => " (ở lại)".into(),
            ("stays", Lang::En) => " (stays)".into(),
            (m, _) => format!(" ({m})"),
        };
        o.line(
            0,
            match lang {
                Lang::Vi => format!(
                    "{} [{}]{measure}: đạt {}{of}, yêu cầu {} — {state}",
                    i.subject.name,
                    i.subject.code,
                    num(i.achieved, lang),
                    required(i, lang)
                ),
                Lang::En => format!(
                    "{} [{}]{measure}: achieved {}{of}, required {} — {state}",
                    i.subject.name,
                    i.subject.code,
                    num(i.achieved, lang),
                    required(i, lang)
                ),
            },
        );
        if !i.satisfied.is_empty() || !i.unsatisfied.is_empty() {
            let names = |v: &[LocalityRef]| {
                if v.is_empty() {
                    lang.pick("(không)", "(none)").to_string()
                } else {
                    v.iter().map(|l| format!("{} [{}]", l.name, l.code)).collect::<Vec<_>>().join(", ")
                }
            };
            o.line(1, format!("{}: {}", o.pick("Đã đạt", "Met"), names(&i.satisfied)));
            o.line(1, format!("{}: {}", o.pick("Chưa đạt", "Not met"), names(&i.unsatisfied)));
        }
        if !i.met && i.why.is_empty() {
            let t = match (i.required_max, lang) {
                (Some(_), Lang::Vi) if i.required_max.is_some_and(|m| i.achieved > m) => {
                    "Vượt mức tối đa: phương án có nhiều hơn mức yêu cầu.".to_string()
                }
                (Some(_), Lang::En) if i.required_max.is_some_and(|m| i.achieved > m) => {
                    "Over the maximum: the plan has more than required.".to_string()
                }
                (_, Lang::Vi) => "Không có phân tích chi tiết cho loại chỉ tiêu này.".into(),
                (_, Lang::En) => "No detailed analysis for this kind of target.".into(),
            };
            o.line(1, t);
        }
        if compact {
            // one line per subject: what it lacks; the detail with --subject
            let missing: Vec<&str> = i.why.iter().flat_map(|c| c.missing.iter().map(String::as_str)).collect();
            if !missing.is_empty() {
                o.line(1, format!("{}: {}", o.pick("Còn thiếu", "Lacks"), missing.join(", ")));
            }
            continue;
        }
        if !i.why.is_empty() {
            o.line(1, format!("{}:", o.pick("Vì sao chưa đạt", "Why not met")));
        }
        for c in &i.why {
            child(&mut o, 2, c, &e.baseline, &pd);
        }
    }
    if compact {
        o.blank();
        o.line(
            0,
            o.pick(
                "(Vì sao chưa đạt và cách khắc phục: xem từng nơi bằng --subject MÃ, hoặc --format json.)",
                "(Why each falls short and what would fix it: see one with --subject CODE, or --format json.)",
            ),
        );
    }
    if summarise {
        // the subjects that meet the target: one line, after the ones that do not
        o.blank();
        o.line(
            0,
            match lang {
                Lang::Vi => format!(
                    "Đạt ở {met}/{} {one_vi} (không liệt kê; thêm --all để liệt kê, hoặc xem một {one_vi} bằng --subject).",
                    e.instances.len()
                ),
                Lang::En => format!(
                    "Met in {met} of {} {one_en} (not listed; add --all to list them, or see one with --subject).",
                    e.instances.len()
                ),
            },
        );
    }
    if e.skipped > 0 {
        o.blank();
        o.line(
            0,
            match lang {
                Lang::Vi => format!("({} lần giải lại đã được bỏ qua do giới hạn --top)", e.skipped),
                Lang::En => format!("({} re-solves were skipped under --top)", e.skipped),
            },
        );
    }
    o.s
}

fn pad(s: &str, w: usize) -> String {
    let n = s.chars().count();
    if n >= w {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(w - n))
    }
}

/// Renders a comparison as text.
pub fn comparison_text(c: &Comparison, lang: Lang) -> String {
    let mut o = Out::new(lang);
    let labels: Vec<String> = c.plans.iter().map(|p| p.label.clone()).collect();
    o.line(0, format!("{}: {} — {}", o.pick("So sánh phương án", "Plans compared"), c.scenario, labels.join(" | ")));
    if c.milestones_differ {
        o.line(
            0,
            o.pick(
                "Lưu ý: các phương án lập theo các mốc khác nhau.",
                "Note: the plans were made for different milestones.",
            ),
        );
    }
    o.blank();
    let rows: Vec<(String, Vec<String>)> = vec![
        (
            o.pick("trạng thái", "status").into(),
            c.plans.iter().map(|p| status(&p.status, p.stop, p.gap, lang)).collect(),
        ),
        (
            o.pick("mốc", "milestone").into(),
            c.plans.iter().map(|p| super::words::milestone(&p.milestone, lang)).collect(),
        ),
        (
            o.pick("thiếu hụt chỉ tiêu", "target shortfall").into(),
            c.plans.iter().map(|p| num(p.criteria.target_shortfall, lang)).collect(),
        ),
        (
            o.pick("điểm phù hợp", "suitability").into(),
            c.plans.iter().map(|p| p.criteria.suitability.to_string()).collect(),
        ),
        (o.pick("lượt điều động", "moves").into(), c.plans.iter().map(|p| p.criteria.moves.to_string()).collect()),
        (
            o.pick("chức vụ để trống", "vacant posts").into(),
            c.plans.iter().map(|p| p.criteria.vacancies.to_string()).collect(),
        ),
        (o.pick("luân chuyển", "rotations").into(), c.plans.iter().map(|p| p.moves.rotates.to_string()).collect()),
        (
            o.pick("tăng cường", "reinforcements").into(),
            c.plans.iter().map(|p| p.moves.reinforcement.to_string()).collect(),
        ),
        (o.pick("bổ nhiệm", "appointments").into(), c.plans.iter().map(|p| p.moves.appointment.to_string()).collect()),
        (o.pick("thôi giữ chức", "releases").into(), c.plans.iter().map(|p| p.moves.release.to_string()).collect()),
        (
            o.pick("vi phạm quy định bắt buộc", "hard rules broken").into(),
            c.plans.iter().map(|p| p.violations.to_string()).collect(),
        ),
        (
            o.pick("quyết định cố định", "pins").into(),
            c.plans.iter().map(|p| crate::explain::words::pin_list(&p.pins, lang)).collect(),
        ),
    ];
    let w0 =
        rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0).max(o.pick("Tiêu chí", "Criteria").chars().count());
    let widths: Vec<usize> = (0..c.plans.len())
        .map(|i| rows.iter().map(|r| r.1[i].chars().count()).chain([labels[i].chars().count()]).max().unwrap_or(0))
        .collect();
    let header: Vec<String> = labels.iter().zip(&widths).map(|(l, w)| pad(l, *w)).collect();
    o.line(0, format!("{}  {}", pad(o.pick("Tiêu chí", "Criteria"), w0), header.join("  ")).trim_end());
    for (name, vals) in &rows {
        let cells: Vec<String> = vals.iter().zip(&widths).map(|(v, w)| pad(v, *w)).collect();
        o.line(0, format!("{}  {}", pad(name, w0), cells.join("  ")).trim_end());
    }
    o.blank();
    o.line(0, format!("{} ({}):", o.pick("Bố trí khác nhau", "Placements that differ"), c.differing.len()));
    if c.differing.is_empty() {
        o.line(1, o.pick("(không có)", "(none)"));
    }
    for d in &c.differing {
        let before = d.before.as_ref().map(cadre).unwrap_or_else(|| lang.pick("trống", "vacant").into());
        o.line(1, format!("- {} — {}: {before}", post(&d.post), o.pick("trước", "before")));
        for (l, h) in labels.iter().zip(&d.holders) {
            o.line(
                3,
                format!("{l}: {}", h.as_ref().map(cadre).unwrap_or_else(|| lang.pick("để trống", "vacant").into())),
            );
        }
    }
    if !c.released.is_empty() {
        o.line(0, format!("{}:", o.pick("Thôi giữ chức ở một số phương án", "Released in some plans only")));
        for r in &c.released {
            let which: Vec<String> = labels
                .iter()
                .zip(&r.released)
                .map(|(l, x)| format!("{l}: {}", if *x { lang.pick("có", "yes") } else { lang.pick("không", "no") }))
                .collect();
            o.line(1, format!("- {}: {}", cadre(&r.cadre), which.join(", ")));
        }
    }
    o.blank();
    o.line(0, format!("{}:", o.pick("Chỉ tiêu theo từng quy định", "Targets by rule")));
    for t in &c.targets {
        let mark = if t.differs { "*" } else { " " };
        o.line(1, format!("{mark} {}", rule(&t.rule, lang)));
        for (l, a) in labels.iter().zip(&t.per_plan) {
            o.line(
                3,
                match lang {
                    Lang::Vi => format!(
                        "{l}: đạt {}/{}, thiếu {} (tính theo mức quan trọng: {})",
                        a.met,
                        a.total,
                        num(a.shortfall, lang),
                        num(a.weighted, lang)
                    ),
                    Lang::En => format!(
                        "{l}: met {}/{}, short by {} (weighted {})",
                        a.met,
                        a.total,
                        num(a.shortfall, lang),
                        num(a.weighted, lang)
                    ),
                },
            );
        }
    }
    o.blank();
    let places: Vec<String> = c
        .districts
        .iter()
        .map(|d| match lang {
            Lang::Vi => format!("{} [{}] ({} chức vụ)", d.locality.name, d.locality.code, d.posts),
            Lang::En => format!("{} [{}] ({} posts)", d.locality.name, d.locality.code, d.posts),
        })
        .collect();
    o.line(
        0,
        format!(
            "{}: {}",
            o.pick("Địa bàn chịu ảnh hưởng", "Districts affected"),
            if places.is_empty() { lang.pick("(không)", "(none)").to_string() } else { places.join(", ") }
        ),
    );
    o.s
}

/// Wraps explanation data for JSON output: the data, its kind, the language, and the rendered
/// text.
#[derive(Serialize)]
pub struct JsonDoc<'a, T: Serialize> {
    /// `placement`, `cadre`, `target` or `comparison`.
    pub kind: &'static str,
    /// Language of `text`.
    pub lang: Lang,
    /// The data.
    pub explanation: &'a T,
    /// The rendered text.
    pub text: String,
}

/// Renders data and its text as pretty JSON.
pub fn json<T: Serialize>(kind: &'static str, data: &T, text: String, lang: Lang) -> String {
    serde_json::to_string_pretty(&JsonDoc { kind, lang, explanation: data, text })
        .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
        + "\n"
}
