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

// --- errors worded at the edge ------------------------------------------------------------------
//
// The library's errors are typed enums with an English `Display` (for logs and analysts); what a
// planner reads is worded here, in the language of the command.

/// A solver setting out of range, naming the flag and the range that would be right.
pub fn settings_error(e: &crate::solve::SettingsError, lang: Lang) -> String {
    use crate::solve::SettingsError as E;
    match (e, lang) {
        (E::TimeLimit(t), Lang::Vi) => {
            format!("--time-limit {t}: thời gian tối đa phải lớn hơn 0 và không quá 1000000 giây (khoảng 11,5 ngày)")
        }
        (E::Gap(g), Lang::Vi) => {
            format!("--gap {g}: sai số tương đối phải từ 0 đến dưới 1 (ví dụ 0.001 là 0,1%)")
        }
        (E::Threads(n), Lang::Vi) => format!("--threads {n}: số luồng tính toán phải từ 1 đến 64"),
        (E::Effort(x), Lang::Vi) => format!("--heuristic-effort {x}: mức công sức phải từ 0 đến 1"),
        (E::Nodes, Lang::Vi) => "--max-nodes: số nút tìm kiếm phải từ 1 trở lên".into(),
        (e, Lang::En) => {
            let flag = match e {
                E::TimeLimit(_) => "--time-limit",
                E::Gap(_) => "--gap",
                E::Threads(_) => "--threads",
                E::Effort(_) => "--heuristic-effort",
                E::Nodes => "--max-nodes",
            };
            format!("{flag}: {e}")
        }
    }
}

/// One located problem of a plan CSV: "tệp, dòng 3, cột mã cán bộ: …".
pub fn plan_csv_error(file: &str, e: &crate::plan::io::PlanCsvError, lang: Lang) -> String {
    use crate::plan::io::PlanCsvProblem as P;
    if lang == Lang::En {
        return format!("{file}, {e}");
    }
    let column = match e.column {
        Some("cadre") => ", cột 'Mã cán bộ'",
        Some("post") => ", cột 'Mã chức danh'",
        _ => "",
    };
    let suggest = |s: &Option<String>| s.as_ref().map(|s| format!(" (có phải là '{s}'?)")).unwrap_or_default();
    let what = match &e.problem {
        P::Header { found } => format!(
            "dòng tiêu đề phải có cột 'Mã cán bộ' và cột 'Mã chức danh' (hoặc 'cadre' và 'post'); tiêu đề hiện có: {}",
            found.iter().map(|h| format!("'{h}'")).collect::<Vec<_>>().join(", ")
        ),
        P::Malformed(m) => format!("dòng này không đọc được theo định dạng CSV ({m})"),
        P::UnknownCadre { code, suggestion } => {
            format!("không có cán bộ mang mã '{code}' trong dữ liệu{}", suggest(suggestion))
        }
        P::UnknownPost { code, suggestion } => {
            format!("không có chức danh mang mã '{code}' trong dữ liệu{}", suggest(suggestion))
        }
        P::Utf16 => "tệp lưu dạng UTF-16, hãy lưu lại dạng \"CSV UTF-8\"".into(),
    };
    format!("{file}, dòng {}{column}: {what}", e.row)
}

/// A plan CSV read in a legacy code page.
pub fn legacy_plan_csv(file: &str, encoding: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "cảnh báo: {file} không lưu dạng UTF-8, đã đọc theo bảng mã {encoding}; đề nghị kiểm tra họ tên, hoặc lưu lại trong Excel dạng \"CSV UTF-8\""
        ),
        Lang::En => format!(
            "warning: {file} is not UTF-8; it was read as {encoding}: check the names, or save it in Excel as \"CSV UTF-8\""
        ),
    }
}

/// A plan-file error in words: where, what, and what to do.
pub fn plan_io_error(e: &crate::plan::io::PlanIoError, lang: Lang) -> String {
    use crate::plan::io::PlanIoError as E;
    if lang == Lang::En {
        return e.to_string();
    }
    let d = |p: &std::path::Path| p.display().to_string();
    match e {
        E::NotFound(p) => format!("không đọc được {}: không có tệp hay thư mục này", d(p)),
        E::Unreadable { path, source } => format!("không đọc được {} ({source})", d(path)),
        E::NotText(p) => format!("{}: không phải văn bản UTF-8 (hãy lưu lại dạng UTF-8)", d(p)),
        E::NotAPlan { path, message } => format!("{}: không phải tệp phương án ({message})", d(path)),
        E::Format { path, found } => format!(
            "{}: phương án lập bằng phiên bản khác ('{found}'); phiên bản này chỉ đọc '{}', hãy lập lại phương án",
            d(path),
            crate::plan::PLAN_FORMAT
        ),
        E::Content { path, errors } => {
            errors.iter().map(|x| format!("{}: {x}", d(path))).collect::<Vec<_>>().join("\n")
        }
        E::Csv { path, errors } => {
            errors.iter().map(|x| plan_csv_error(&d(path), x, lang)).collect::<Vec<_>>().join("\n")
        }
        E::Milestone { path, source } => format!("{}: mốc chỉ tiêu: {source}", d(path)),
        E::OutputIsInput { out, what, input } => format!(
            "{} cũng là tệp đầu vào của lệnh này ({what} {}): không ghi đè, chưa ghi gì; hãy chọn tệp khác",
            d(out),
            d(input)
        ),
        E::Special { path, kind } => {
            if *kind == "not a folder" {
                return format!("{} không phải thư mục: không ghi vào đó, chưa ghi gì; hãy chọn một thư mục", d(path));
            }
            let kind = match *kind {
                "a FIFO (named pipe)" => "một đường ống (FIFO)",
                "a device" => "một thiết bị",
                "a folder" => "một thư mục",
                "a socket" => "một socket",
                _ => "một tệp đặc biệt",
            };
            format!(
                "{} là {kind}, không phải tệp thông thường: không ghi vào đó, chưa ghi gì; hãy chọn một tệp",
                d(path)
            )
        }
        E::DanglingLink(p) => {
            format!("{} là liên kết tới tệp không tồn tại: không ghi qua liên kết này, chưa ghi gì", d(p))
        }
        E::Write { path, source } => format!("không ghi được {} ({source})", d(path)),
    }
}
