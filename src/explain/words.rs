//! Words: renders the structured facts of an explanation (rejection reasons, rule titles) in
//! Vietnamese or English. The solver and the checker never format text; this is the
//! `ReportFormatter` of pubgrub's design.

use crate::formulation::{Reason, Rejection, RuleRef};
use crate::model::*;

/// Output language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Vietnamese (the default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Picks one of two strings.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// A vocabulary label in a language.
pub fn label<V: Vocabulary>(v: V, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => v.label_vi(),
        Lang::En => v.label_en(),
    }
}

/// Formats years with one decimal, Vietnamese style uses a comma.
pub fn years(x: f64, lang: Lang) -> String {
    let s = format!("{x:.1}");
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

/// The title of a rule reference.
pub fn rule_title(policy: &Policy, r: RuleRef, lang: Lang) -> String {
    match r {
        RuleRef::Policy(i) => lang.pick(&policy.rules[i].title_vi, &policy.rules[i].title_en).to_string(),
        RuleRef::Capacity => lang.pick("mỗi chức vụ chỉ một người đảm nhiệm", "a post holds at most one cadre").into(),
        RuleRef::KeyPostFilled => lang.pick("chức vụ chủ chốt phải được bố trí", "a key post is filled").into(),
        RuleRef::Continuity => lang
            .pick(
                "mỗi cán bộ đương nhiệm phải được bố trí (ở lại, chuyển đi, hoặc thôi khi được phép)",
                "every incumbent ends somewhere (stays, moves, or is released where allowed)",
            )
            .into(),
        RuleRef::Pin => lang.pick("quyết định của người lập phương án", "the planner's pin").into(),
        RuleRef::Scope => lang
            .pick(
                "cán bộ cấp xã được bố trí trong phạm vi quận, huyện",
                "commune-level cadres move within their district",
            )
            .into(),
        RuleRef::Supernumerary => lang
            .pick(
                "vị trí phó chủ tịch vượt số lượng chỉ dành cho cán bộ luân chuyển đến",
                "an extra vice-chair slot is only for a cadre rotated in",
            )
            .into(),
        RuleRef::PoolAdmission => lang
            .pick(
                "không có tiêu chuẩn nào cho phép bổ nhiệm từ nguồn vào chức vụ này",
                "no rule admits candidates from the pool to this post",
            )
            .into(),
        RuleRef::Tradeoff => lang
            .pick(
                "giới hạn số lượt điều động của phương án cân nhắc",
                "the trade-off alternative's bound on disruption",
            )
            .into(),
    }
}

/// Renders a rejection's failing fact, with the plan date for ages.
pub fn reason(s: &Scenario, r: &Reason, lang: Lang) -> String {
    let on = s.plan_date;
    match *r {
        Reason::OutsideDistrict { home } => {
            let d = home.map(|d| s.locality(d).name.clone()).unwrap_or_default();
            match lang {
                Lang::Vi => format!("chỉ được bố trí trong {d}"),
                Lang::En => format!("may only move within {d}"),
            }
        }
        Reason::NotRotatedIn => lang.pick("đã công tác tại địa phương này", "already works in this locality").into(),
        Reason::LevelChange { from, to } => match lang {
            Lang::Vi => {
                format!("chuyển từ {} lên {} mà không phải cán bộ nổi trội", label(from, lang), label(to, lang))
            }
            Lang::En => format!("moving from {} to {} without being outstanding", label(from, lang), label(to, lang)),
        },
        Reason::ServiceLeft { left, needed } => match lang {
            Lang::Vi => format!("còn {} năm công tác, cần ít nhất {}", years(left, lang), years(needed, lang)),
            Lang::En => format!("{} years of service left, needs at least {}", years(left, lang), years(needed, lang)),
        },
        Reason::NoPoolRule => rule_title_plain(lang),
        Reason::NotYoung { age, limit, .. } => match lang {
            Lang::Vi => format!(
                "{} tuổi vào ngày {on}: không phải cán bộ trẻ (dưới {limit}) nên không thuộc diện tăng cường cán bộ trẻ (09-KL/TU §2.2(1)); không có tiêu chuẩn nào khác cho phép bổ nhiệm từ nguồn vào chức vụ này",
                years(age, lang)
            ),
            Lang::En => format!(
                "age {} on {on}: not a young cadre (under {limit}), so the young-cadre rule (09-KL/TU §2.2(1)) does not apply; no other rule admits candidates from the pool to this post",
                years(age, lang)
            ),
        },
        Reason::CurrentRole { current } => match (current, lang) {
            (Some(r), Lang::Vi) => format!("đang là {}, không thuộc chức danh được chọn", label(r, lang)),
            (Some(r), Lang::En) => format!("currently {}, not a role the rule takes from", label(r, lang)),
            (None, Lang::Vi) => "không giữ chức vụ nào".into(),
            (None, Lang::En) => "holds no post".into(),
        },
        Reason::CurrentLevel { current } => match (current, lang) {
            (Some(l), Lang::Vi) => format!("đang công tác ở {}", label(l, lang)),
            (Some(l), Lang::En) => format!("currently at {}", label(l, lang)),
            (None, Lang::Vi) => "không rõ cấp công tác".into(),
            (None, Lang::En) => "no current level".into(),
        },
        Reason::NotCivilServant => lang.pick("không phải công chức", "not a civil servant").into(),
        Reason::TooOld { age, limit } => match lang {
            Lang::Vi => {
                format!("{} tuổi vào ngày {}, giới hạn: dưới {limit}", years(age, lang), on.0.format("%d/%m/%Y"))
            }
            Lang::En => format!("age {} on {on}, limit: under {limit}", years(age, lang)),
        },
        Reason::NotFormallyTrained => lang.pick("chưa được đào tạo bài bản", "not formally trained").into(),
        Reason::DegreeClass { has, min } => match (has, lang) {
            (Some(h), Lang::Vi) => format!("bằng loại {}, cần loại {} trở lên", label(h, lang), label(min, lang)),
            (Some(h), Lang::En) => format!("degree class {}, needs {} or better", label(h, lang), label(min, lang)),
            (None, Lang::Vi) => format!("không có xếp loại bằng, cần loại {} trở lên", label(min, lang)),
            (None, Lang::En) => format!("no degree class recorded, needs {} or better", label(min, lang)),
        },
        Reason::NotInPlanning => lang
            .pick(
                "không có trong quy hoạch chức vụ này hoặc tương đương",
                "not in the planning for this post or an equivalent one",
            )
            .into(),
        Reason::Rating { year, got, min } => match (got, lang) {
            (Some(g), Lang::Vi) => format!("năm {year} xếp loại {}, dưới mức '{}'", label(g, lang), label(min, lang)),
            (Some(g), Lang::En) => format!("{year} rating: {}, below '{}'", label(g, lang), label(min, lang)),
            (None, Lang::Vi) => format!("không có xếp loại năm {year}"),
            (None, Lang::En) => format!("no rating for {year}"),
        },
    }
}

fn rule_title_plain(lang: Lang) -> String {
    lang.pick(
        "không có tiêu chuẩn nào cho phép bổ nhiệm từ nguồn vào chức vụ này",
        "no rule admits pool candidates to this post",
    )
    .into()
}

/// "rule title (clause): fact".
pub fn rejection(s: &Scenario, policy: &Policy, r: &Rejection, lang: Lang) -> String {
    let (_, clause) = crate::plan::rule_id(policy, r.rule);
    format!("{} ({clause}): {}", rule_title(policy, r.rule, lang), reason(s, &r.reason, lang))
}
