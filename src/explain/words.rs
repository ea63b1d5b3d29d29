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

/// The title of a roadmap's minimum-rotation keep, which the model encodes as a keep pin.
pub fn min_rotation_keep_title(lang: Lang) -> &'static str {
    lang.pick(
        "giữ nguyên vị trí cho đủ thời gian luân chuyển tối thiểu (general.min_rotation_months)",
        "kept in place for the minimum rotation length (general.min_rotation_months)",
    )
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
                "yêu cầu phương án khác các phương án trước ở đủ số quyết định về chức vụ chủ chốt (--min-difference)",
                "the alternative's distance from the plans before it (--min-difference)",
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
                let way = if to.rank() > from.rank() { "lên" } else { "sang" };
                format!("chuyển từ {} {way} {} mà không phải cán bộ nổi trội", label(from, lang), label(to, lang))
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

/// Whether a rule cites a clause: the planner's pins and the trade-off bound of an alternative
/// are no rule of the policy (their recorded "clause" only says so, in English).
pub fn cites_clause(r: RuleRef) -> bool {
    !matches!(r, RuleRef::Pin | RuleRef::Tradeoff)
}

/// "rule title (clause)", the clause left out where there is none (see [`cites_clause`]).
pub fn rule_cited(policy: &Policy, r: RuleRef, lang: Lang) -> String {
    let title = rule_title(policy, r, lang);
    if !cites_clause(r) {
        return title;
    }
    let (_, clause) = crate::plan::rule_id(policy, r);
    format!("{title} ({clause})")
}

/// "rule title (clause): fact".
pub fn rejection(s: &Scenario, policy: &Policy, r: &Rejection, lang: Lang) -> String {
    format!("{}: {}", rule_cited(policy, r.rule, lang), reason(s, &r.reason, lang))
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

/// Why the system refused to read or write a file, in Vietnamese (the system's own words when
/// the reason is not a common one).
fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::PermissionDenied => "không có quyền truy cập".into(),
        K::NotFound => "không có tệp hay thư mục này".into(),
        K::IsADirectory => "đây là một thư mục".into(),
        K::NotADirectory => "một phần của đường dẫn không phải thư mục".into(),
        K::StorageFull => "ổ đĩa đã đầy".into(),
        K::ReadOnlyFilesystem => "ổ đĩa chỉ cho phép đọc".into(),
        K::InvalidData => "nội dung không đọc được".into(),
        _ => e.to_string(),
    }
}

/// Why a file is not a plan, in Vietnamese.
fn not_a_plan(why: &crate::plan::io::NotAPlanWhy) -> String {
    use crate::plan::io::{JsonFault as F, NotAPlanWhy as W};
    match why {
        W::NoFormat => format!("không có trường \"format\": \"{}\"", crate::plan::PLAN_FORMAT),
        W::Json { fault, line, column, .. } => match fault {
            F::Syntax => format!("lỗi cú pháp JSON ở dòng {line}, cột {column}"),
            F::Eof => format!("tệp bị cắt cụt: hết tệp ở dòng {line} khi chưa đọc xong"),
            F::UnknownField(f) => {
                format!("dòng {line}: trường '{f}' không có trong tệp phương án của phiên bản này")
            }
            F::MissingField(f) => format!("dòng {line}: thiếu trường '{f}'"),
            F::WrongType => format!("giá trị không đúng kiểu ở dòng {line}, cột {column}"),
        },
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
        E::Unreadable { path, source } => format!("không đọc được {} ({})", d(path), io_reason(source)),
        E::NotText(p) => format!("{}: không phải văn bản UTF-8 (hãy lưu lại dạng UTF-8)", d(p)),
        E::NotAPlan { path, why } => format!("{}: không phải tệp phương án ({})", d(path), not_a_plan(why)),
        E::Format { path, found } if !found.starts_with("rotaplan-plan/") => {
            format!("{}: không phải tệp phương án mà là tệp định dạng '{found}'", d(path))
        }
        E::Format { path, found } => format!(
            "{}: phương án lập bằng phiên bản khác ('{found}'); phiên bản này chỉ đọc '{}', hãy lập lại phương án",
            d(path),
            crate::plan::PLAN_FORMAT
        ),
        E::Content { path, errors, made_for } => plan_problems(&d(path), errors, made_for.as_deref(), lang),
        E::Csv { path, errors } => {
            errors.iter().map(|x| plan_csv_error(&d(path), x, lang)).collect::<Vec<_>>().join("\n")
        }
        E::Milestone { path, source } => format!(
            "{}: phương án lập theo mốc chỉ tiêu '{}' nhưng quy định '{}' chỉ có các mốc: {}{}; hãy lập lại phương án",
            d(path),
            source.name,
            source.policy,
            source.known.join(", "),
            term_end_note(&source.known, lang)
        ),
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
        E::Write { path, source } => format!("không ghi được {} ({})", d(path), io_reason(source)),
    }
}

// --- codes, pins and plans that do not fit the scenario ------------------------------------------

/// " (có phải là 'X'?)" / " (did you mean 'X'?)", or nothing.
fn hint_of(suggestion: &Option<String>, lang: Lang) -> String {
    match (suggestion, lang) {
        (Some(h), Lang::Vi) => format!(" (có phải là '{h}'?)"),
        (Some(h), Lang::En) => format!(" (did you mean '{h}'?)"),
        (None, _) => String::new(),
    }
}

/// What a kind of code names: "cán bộ", "chức danh", "quy định", "đối tượng".
pub fn code_kind(k: crate::plan::CodeKind, lang: Lang) -> &'static str {
    use crate::plan::CodeKind as K;
    match k {
        K::Cadre => lang.pick("cán bộ", "cadre"),
        K::Post => lang.pick("chức danh", "post"),
        K::Rule => lang.pick("quy định", "rule"),
        K::Subject => lang.pick("đối tượng", "subject"),
    }
}

/// An unknown code, with the closest known one: "không có cán bộ mang mã 'C99' trong dữ liệu
/// (có phải là 'C09'?)".
pub fn unknown_code(what: crate::plan::CodeKind, code: &str, suggestion: &Option<String>, lang: Lang) -> String {
    use crate::plan::CodeKind as K;
    let h = hint_of(suggestion, lang);
    match (what, lang) {
        (K::Cadre | K::Post, Lang::Vi) => {
            format!("không có {} mang mã '{code}' trong dữ liệu{h}", code_kind(what, lang))
        }
        (K::Rule, Lang::Vi) => format!("tệp quy định không có quy định nào mang mã '{code}'{h}"),
        (K::Subject, Lang::Vi) => {
            format!("quy định này không có đối tượng (địa bàn, tập thể hay cán bộ) mang mã '{code}'{h}")
        }
        (_, Lang::En) => format!("unknown {what} '{code}'{h}"),
    }
}

/// Where pins came from, to say where a bad one is.
#[derive(Clone, Copy, Debug)]
pub enum PinSource<'a> {
    /// The command line of `solve`: `--pin`, `--forbid`, `--keep`, `--vacant`.
    Flags,
    /// The command line of `roadmap`, for one year: `--pin 2023:…`.
    FlagsOfYear(i32),
    /// A plan file (its label), `settings.pins`.
    Plan(&'a str),
}

/// One pin that cannot be resolved, located by flag (or a plan's `settings.pins` entry).
pub fn pin_problem(p: &crate::plan::PinProblem, source: PinSource<'_>, lang: Lang) -> String {
    use crate::plan::PinWhat as W;
    let flag = p.list.flag();
    let at = match (source, lang) {
        (PinSource::Flags, _) => flag.to_string(),
        (PinSource::FlagsOfYear(y), Lang::Vi) => format!("{flag}, năm {y}"),
        (PinSource::FlagsOfYear(y), Lang::En) => format!("{flag}, {y}"),
        (PinSource::Plan(label), Lang::Vi) => {
            format!("{label}: quyết định đã chốt trong phương án ({})", p.json_path())
        }
        (PinSource::Plan(label), Lang::En) => format!("{label}: the plan's pin {}", p.json_path()),
    };
    let what = match (&p.what, lang) {
        (W::Unknown { what, code, suggestion }, _) => unknown_code(*what, code, suggestion, lang),
        (W::NotAPair { text }, Lang::Vi) => {
            format!("'{text}' phải ghi theo dạng MÃ_CÁN_BỘ=MÃ_CHỨC_DANH, ví dụ C000123=P-311-PCT1")
        }
        (W::NotAPair { text }, Lang::En) => {
            format!("'{text}' is not a pair: write CADRE=POST, e.g. C000123=P-311-PCT1")
        }
    };
    format!("{at}: {what}")
}

/// Every bad pin, one per line.
pub fn pin_problems(problems: &[crate::plan::PinProblem], source: PinSource<'_>, lang: Lang) -> String {
    problems.iter().map(|p| pin_problem(p, source, lang)).collect::<Vec<_>>().join("\n")
}

/// One entry of a plan that names a code the scenario does not have, located by its place in
/// the plan (and its JSON path).
pub fn plan_problem(file: &str, p: &crate::plan::PlanProblem, lang: Lang) -> String {
    use crate::plan::PlanField as F;
    if lang == Lang::En {
        return format!("{file}: {p}");
    }
    let n = p.index + 1;
    let place = match p.field {
        F::Post => format!("chức vụ thứ {n} của phương án"),
        F::After => format!("người giữ chức vụ thứ {n} sau phương án"),
        F::Released => format!("cán bộ thôi giữ chức vụ thứ {n}"),
    };
    format!("{file}, {place} ({}): {}", p.json_path(), unknown_code(p.what, &p.code, &p.suggestion, lang))
}

/// The problems of a plan that does not fit the scenario: the first twenty, then how many more,
/// and the scenario the plan was made for when it is not the one given.
pub fn plan_problems(file: &str, problems: &[crate::plan::PlanProblem], made_for: Option<&str>, lang: Lang) -> String {
    const SHOWN: usize = 20;
    let mut lines: Vec<String> = problems.iter().take(SHOWN).map(|p| plan_problem(file, p, lang)).collect();
    if problems.len() > SHOWN {
        let more = problems.len() - SHOWN;
        lines.push(match lang {
            Lang::Vi => format!("{file}: … và {more} chỗ khác như vậy"),
            Lang::En => format!("{file}: … and {more} more like these"),
        });
    }
    if let Some(m) = made_for {
        lines.push(match lang {
            Lang::Vi => format!("{file} được lập cho dữ liệu '{m}': hãy dùng đúng dữ liệu đã dùng để lập phương án"),
            Lang::En => format!("{file}: the plan was made for the scenario '{m}'"),
        });
    }
    lines.join("\n")
}

/// A milestone in words: a year stays a year, `term_end` is the end of the term.
pub fn milestone(m: &str, lang: Lang) -> String {
    match m {
        "term_end" => lang.pick("cuối nhiệm kỳ", "end of term").into(),
        other => other.into(),
    }
}

fn term_end_note(known: &[String], lang: Lang) -> &'static str {
    if known.iter().any(|k| k == "term_end") {
        lang.pick(" (term_end là cuối nhiệm kỳ)", " (term_end is the end of the term)")
    } else {
        ""
    }
}

/// A milestone the policy does not know, with the ones it does.
pub fn unknown_milestone(e: &crate::model::policy::UnknownMilestone, lang: Lang) -> String {
    let known = e.known.join(", ");
    let term_end = term_end_note(&e.known, lang);
    match lang {
        Lang::Vi => {
            format!("không có mốc chỉ tiêu '{}'; quy định '{}' có các mốc: {known}{term_end}", e.name, e.policy)
        }
        Lang::En => format!("{e}{term_end}"),
    }
}

/// Why a rule has no target to explain, in words.
fn nothing_why(rule: &str, why: &super::view::NothingWhy, lang: Lang) -> String {
    use super::view::NothingWhy as W;
    match (why, lang) {
        (W::Disabled, Lang::Vi) => {
            format!("quy định '{rule}' đang tắt trong tệp quy định (enabled = false): không có gì để giải trình")
        }
        (W::NoInstance { milestone: m }, Lang::Vi) => format!(
            "quy định '{rule}' không có chỉ tiêu nào để giải trình: ở mốc {}, dữ liệu không có địa bàn, tập thể hay cán bộ nào thuộc phạm vi của quy định này",
            milestone(m, lang)
        ),
        (W::NotATarget { kind }, Lang::Vi) => {
            let what = match *kind {
                "eligibility" => "tiêu chuẩn đối với người được bố trí vào chức vụ",
                "preference" => "ưu tiên khi chọn người (cộng điểm phù hợp)",
                "vice_chair_cap" => "giới hạn số phó chủ tịch",
                "same_level" => "quy định luân chuyển cùng cấp",
                "service_left" => "điều kiện về thời gian công tác còn lại khi luân chuyển",
                _ => "quy định không đặt chỉ tiêu",
            };
            format!(
                "quy định '{rule}' là {what}, không phải chỉ tiêu nên không có mức đạt để giải trình: hãy giải trình một chức vụ (--post) hoặc một cán bộ (--cadre)"
            )
        }
        (why, Lang::En) => format!("rule '{rule}' has nothing to explain: {why}"),
    }
}

/// An explanation that could not be built, in words (English: the error's `Display`).
pub fn explain_error(e: &super::view::ExplainError, lang: Lang) -> String {
    use super::view::ExplainError as E;
    use crate::plan::CodeKind;
    if lang == Lang::En {
        return e.to_string();
    }
    let prefix = |plan: &Option<String>| plan.as_ref().map(|l| format!("{l}: ")).unwrap_or_default();
    match e {
        E::Unknown { what, code, hint, known } => {
            let mut out = match what {
                // `explain --cadre` takes a code or a full name
                CodeKind::Cadre => {
                    format!("không có cán bộ mang mã hoặc họ và tên '{code}' trong dữ liệu{}", hint_of(hint, lang))
                }
                _ => unknown_code(*what, code, hint, lang),
            };
            if !known.is_empty() {
                let list = known.join(", ");
                out.push_str(&match what {
                    CodeKind::Rule => format!("; các chỉ tiêu có thể giải trình: {list}"),
                    _ => format!("; các mã có thể dùng: {list}"),
                });
            }
            out
        }
        E::NothingToExplain { rule, why } => nothing_why(rule, why, lang),
        E::AmbiguousName { name, codes } => {
            format!("có {} cán bộ cùng họ tên '{name}' ({}): hãy ghi mã cán bộ", codes.len(), codes.join(", "))
        }
        E::NoPlacements { plan, status } => format!(
            "{}phương án không có bố trí nào ({})",
            prefix(plan),
            super::summary::status_text(*status, None, None, lang)
        ),
        E::NotPlanned { post, role } => format!(
            "chức vụ {post} không do phương án quyết định: chức danh {} không thuộc các chức danh quy định lập phương án",
            label(*role, lang)
        ),
        E::BadPin { plan, problems } => {
            pin_problems(problems, PinSource::Plan(plan.as_deref().unwrap_or("phương án")), lang)
        }
        E::PlanMismatch { plan, problems } => {
            plan_problems(plan.as_deref().unwrap_or("phương án"), problems, None, lang)
        }
        E::TooFewPlans { given } => format!("cần ít nhất hai phương án để so sánh (mới có {given})"),
        E::Solve(s) => solve_error(s, lang),
    }
}

/// A failure of the solver, in words (an internal failure: exit 3).
pub fn solve_error(e: &crate::solve::SolveError, lang: Lang) -> String {
    use crate::solve::SolveError as E;
    match (e, lang) {
        (E::Highs(m), Lang::Vi) => format!("bộ giải HiGHS gặp lỗi ({m}); đề nghị báo lại cho người quản trị rotaplan"),
        (E::Export { path, reason }, Lang::Vi) => format!("không ghi được mô hình vào {path} ({reason})"),
        (e, _) => e.to_string(),
    }
}

/// A roadmap that cannot be planned, in words.
pub fn roadmap_error(e: &crate::roadmap::RoadmapError, lang: Lang) -> String {
    use crate::roadmap::{EarlierProblem as P, RoadmapError as E, YearsProblem as Y};
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        E::Years(Y::Empty { first, last }) => {
            format!("--years {first}..{last}: năm đầu phải không sau năm cuối, ví dụ 2021..2025")
        }
        E::Years(Y::AfterPlanDate { plan_date, first }) => format!(
            "--years: năm đầu {first} ở trước ngày lập phương án của dữ liệu ({}); hãy bắt đầu từ năm {} trở đi",
            plan_date.0.format("%d/%m/%Y"),
            plan_date.0.format("%Y")
        ),
        E::Years(Y::PinOutside { year, first, last }) => {
            format!("một quyết định đã chốt (--pin, --forbid, --keep, --vacant) ghi năm {year}, ngoài các năm của lộ trình ({first}..{last})")
        }
        E::Scenario { year, reason } => format!("không lập được dữ liệu năm {year} ({reason})"),
        E::Pin { year, problems } => pin_problems(problems, PinSource::FlagsOfYear(*year), lang),
        E::Earlier { year, problems } => problems
            .iter()
            .map(|p| {
                let what = match p {
                    P::Unknown { what, code } => unknown_code(*what, code, &None, lang),
                    P::HolderDiffers { post, here, there } => format!(
                        "lộ trình trước ghi chức vụ {post} do {} giữ, nhưng trong dữ liệu này do {} giữ",
                        there.as_deref().unwrap_or("không ai"),
                        here.as_deref().unwrap_or("không ai")
                    ),
                };
                format!("--from-roadmap, năm {year}: {what}")
            })
            .collect::<Vec<_>>()
            .join("\n"),
        E::Solve(s) => solve_error(s, lang),
    }
}

/// A file given as a roadmap that is not one (JSON that does not read as a roadmap document).
pub fn not_a_roadmap(file: &str, e: &serde_json::Error, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "{file}: không phải tệp lộ trình (roadmap.json do `rotaplan roadmap` ghi); lỗi đọc ở dòng {}, cột {}",
            e.line(),
            e.column()
        ),
        Lang::En => format!("{file}: not a roadmap document: {e}"),
    }
}

/// A roadmap document of another format.
pub fn roadmap_format(file: &str, found: &str, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!(
            "{file}: định dạng '{found}' không phải lộ trình của phiên bản này ('{}'); hãy lập lại lộ trình",
            crate::roadmap::document::ROADMAP_FORMAT
        ),
        Lang::En => format!("{file}: format '{found}' is not a roadmap"),
    }
}

/// The name of a value of a rule whose provenance the policy states: "Mức của năm 2021",
/// "Mức độ bắt buộc", "Chức danh áp dụng" (the raw key stays in `--format json`).
pub fn value_label(key: &super::target::ValueKey, lang: Lang) -> String {
    use super::target::ValueKey as K;
    match key {
        K::Band(m) if m == "term_end" => lang.pick("Mức của cuối nhiệm kỳ", "Band at the end of the term").into(),
        K::Band(m) => match lang {
            Lang::Vi => format!("Mức của năm {m}"),
            Lang::En => format!("Band for {m}"),
        },
        K::Field { field, part } => {
            let (vi, en) = match field.as_str() {
                "strength" => ("Mức độ bắt buộc", "Strength"),
                "roles" | "role" => ("Chức danh áp dụng", "Roles"),
                "target" | "posts" => ("Chức vụ áp dụng", "Posts concerned"),
                "candidates" => ("Người được xét", "Candidates"),
                "max_age_exclusive" => ("Giới hạn tuổi", "Age limit"),
                "min_ratings" => ("Yêu cầu xếp loại", "Ratings required"),
                "formally_trained" => ("Yêu cầu đào tạo bài bản", "Formal training"),
                "min_degree_class" => ("Xếp loại bằng tối thiểu", "Minimum degree class"),
                "in_planning" => ("Yêu cầu có trong quy hoạch", "In the planning"),
                "current_roles" => ("Chức danh đang giữ", "Current roles"),
                "current_levels" => ("Cấp đang công tác", "Current levels"),
                "civil_servant" => ("Yêu cầu là công chức", "Civil servant"),
                "age_is_scope" => ("Độ tuổi xác định người thuộc diện", "Age as scope"),
                "over" => ("Cấp tính tỷ lệ", "Level the share is counted over"),
                "child" => ("Cấp được đếm", "Level counted"),
                "predicate" => ("Cách tính", "What counts"),
                "floors" => ("Mốc là mức sàn", "Floor milestones"),
                "skip_impossible" => ("Bỏ qua nơi không thể đạt", "Places that cannot meet it"),
                "team_kinds" => ("Tập thể áp dụng", "Teams"),
                "levels" | "level" => ("Cấp áp dụng", "Levels"),
                "age_tiers" => ("Cơ cấu độ tuổi", "Age tiers"),
                "min_distinct_fields" => ("Số chuyên ngành tối thiểu", "Minimum number of fields"),
                "max_years" => ("Thời gian giữ chức vụ tối đa", "Maximum years in post"),
                "measured_at" => ("Thời điểm tính", "Measured at"),
                "population" => ("Đối tượng tính tỷ lệ", "Population"),
                "from" => ("Chuyển từ", "From"),
                "to" => ("Chuyển đến", "To"),
                "reward" => ("Điều được ưu tiên", "Reward"),
                "points" => ("Điểm cộng", "Points"),
                "caps" => ("Số lượng tối đa", "Caps"),
                "rotated_extra" => ("Số lượng thêm cho cán bộ luân chuyển đến", "Extra seats for cadres rotated in"),
                "outstanding_may_rise" => ("Cán bộ nổi trội được chuyển lên cấp trên", "Outstanding cadres may rise"),
                "min_years" => ("Thời gian công tác còn lại tối thiểu", "Minimum years of service left"),
                "min_years_forced" => (
                    "Thời gian công tác còn lại tối thiểu khi buộc phải chuyển",
                    "Minimum years of service left for a forced move",
                ),
                _ => {
                    return match lang {
                        Lang::Vi => format!("Giá trị '{}'", raw_key(field, part)),
                        Lang::En => raw_key(field, part),
                    }
                }
            };
            let name = lang.pick(vi, en);
            match part {
                None => name.to_string(),
                Some(p) => {
                    let part = match Level::parse_code(p) {
                        Some(l) => label(l, lang).to_string(),
                        None => p.clone(),
                    };
                    format!("{name} ({part})")
                }
            }
        }
    }
}

fn raw_key(field: &str, part: &Option<String>) -> String {
    match part {
        Some(p) => format!("{field}.{p}"),
        None => field.to_string(),
    }
}

/// What asks a post to be filled, cited: the key-post rule with its clause, or the policy's
/// planned roles with what a vacancy costs.
pub fn fills_basis(f: &crate::plan::purpose::FillsBasis, lang: Lang) -> String {
    use crate::plan::purpose::FillsBasis as F;
    match (f, lang) {
        (F::KeyPost { clause }, _) => format!(
            "{} ({clause})",
            lang.pick("chức vụ chủ chốt phải được bố trí", "a key post is filled")
        ),
        (F::PlannedRole { vacancy_cost }, Lang::Vi) => format!(
            "chức vụ thuộc các chức danh quy định lập phương án; để trống chức vụ này được tính như {vacancy_cost} lượt điều động"
        ),
        (F::PlannedRole { vacancy_cost }, Lang::En) => format!(
            "a post of the roles the policy plans; leaving it vacant counts as {vacancy_cost} moves"
        ),
    }
}

/// A kind of move in words, from its code (`rotates`, `reinforcement`, ...).
pub fn move_kind(code: &str, lang: Lang) -> String {
    let (vi, en) = match code {
        "stays" => ("giữ nguyên", "stays"),
        "rotates" => ("luân chuyển", "rotation"),
        "reinforcement" => ("tăng cường", "reinforcement"),
        "appointment" => ("bổ nhiệm", "appointment"),
        "release" => ("thôi giữ chức vụ", "release"),
        other => (other, other),
    };
    lang.pick(vi, en).to_string()
}

/// A pin in words, from its recorded form (`keep C07`, `keep_min_rotation C07`,
/// `force C01=P-305-BT`, `forbid C01=P-305-BT`, `vacant P-305-BT`, as the explain views and
/// [`crate::plan::PinCodes::recorded`] write them); anything else is shown as recorded.
pub fn pin_text(recorded: &str, lang: Lang) -> String {
    let (verb, rest) = recorded.split_once(' ').unwrap_or((recorded, ""));
    let pair = || rest.split_once('=');
    match (verb, lang) {
        ("keep", Lang::Vi) => format!("giữ nguyên {rest} ở vị trí hiện tại"),
        ("keep", Lang::En) => format!("keep {rest} in place"),
        (crate::plan::KEEP_MIN_ROTATION, Lang::Vi) => {
            format!("giữ nguyên {rest} ở vị trí hiện tại cho đủ thời gian luân chuyển tối thiểu")
        }
        (crate::plan::KEEP_MIN_ROTATION, Lang::En) => {
            format!("keep {rest} in place for the minimum rotation length")
        }
        ("vacant", Lang::Vi) => format!("để trống {rest}"),
        ("vacant", Lang::En) => format!("leave {rest} vacant"),
        ("force", _) | ("forbid", _) => match (pair(), verb, lang) {
            (Some((c, p)), "force", Lang::Vi) => format!("bố trí {c} vào {p}"),
            (Some((c, p)), "force", Lang::En) => format!("place {c} in {p}"),
            (Some((c, p)), _, Lang::Vi) => format!("không bố trí {c} vào {p}"),
            (Some((c, p)), _, Lang::En) => format!("do not place {c} in {p}"),
            (None, ..) => recorded.to_string(),
        },
        _ => recorded.to_string(),
    }
}

/// A plan's pins in words, comma-separated; `-` when there are none.
pub fn pin_list(pins: &[String], lang: Lang) -> String {
    if pins.is_empty() {
        return "-".into();
    }
    pins.iter().map(|p| pin_text(p, lang)).collect::<Vec<_>>().join(", ")
}

/// A synthetic scenario that cannot be generated, in words.
pub fn generate_error(e: &crate::generate::GenerateError, lang: Lang) -> String {
    use crate::generate::{GenerateError as E, OptionProblem as O};
    if lang == Lang::En {
        return e.to_string();
    }
    match e {
        E::UnknownProvince { given, suggestion } => format!(
            "--province '{given}': không có tỉnh, thành phố này{}; hãy ghi mã thống kê (ví dụ 31), tên (ví dụ \"Hải Phòng\") hoặc all",
            suggestion.as_ref().map(|s| format!(" (có phải là {s}?)")).unwrap_or_default()
        ),
        E::InvalidOption(O::PoolRatio(r)) => {
            format!("--pool-ratio {r}: số người trong nguồn trên mỗi cán bộ đương nhiệm phải từ 0 đến 50, ví dụ 2.5")
        }
        E::InvalidOption(O::Term { start, end }) => format!("nhiệm kỳ {start}-{end} kết thúc trước khi bắt đầu"),
        E::InvalidOption(O::PlanDate(d)) => {
            format!("--plan-date {}: năm phải từ 1950 đến 2100", d.0.format("%d/%m/%Y"))
        }
        E::InvalidOption(O::Incumbents { total, posts, minimum }) => format!(
            "--incumbents {total}: phải từ {minimum} đến {posts} (số chức vụ được lập phương án có thể có người đảm nhiệm)"
        ),
        E::AdminData(m) => format!("danh mục đơn vị hành chính đi kèm chương trình không đọc được ({m})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{CodeKind, PinCodes, PinList, PinWhat, PlanField, PlanProblem};

    #[test]
    fn pins_are_worded_not_shown_as_flags() {
        assert_eq!(pin_text("keep C07", Lang::Vi), "giữ nguyên C07 ở vị trí hiện tại");
        assert_eq!(
            pin_text("keep_min_rotation C07", Lang::Vi),
            "giữ nguyên C07 ở vị trí hiện tại cho đủ thời gian luân chuyển tối thiểu"
        );
        assert_eq!(pin_text("force C23=P-311-PCT2", Lang::Vi), "bố trí C23 vào P-311-PCT2");
        assert_eq!(pin_text("forbid C23=P-311-PCT2", Lang::Vi), "không bố trí C23 vào P-311-PCT2");
        assert_eq!(pin_text("vacant P-311-PCT2", Lang::Vi), "để trống P-311-PCT2");
        assert_eq!(pin_text("force C23=P-311-PCT2", Lang::En), "place C23 in P-311-PCT2");
        // a form it does not know is shown as recorded
        assert_eq!(pin_text("force C23", Lang::Vi), "force C23");
    }

    fn tiny() -> (Scenario, Policy) {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let inputs = crate::model::load::load_inputs(
            &root.join("tests/fixtures/tiny/scenario.json"),
            Some(&root.join("models/haiphong-09-kl-tu.toml")),
        )
        .expect("the tiny fixture loads");
        let policy = inputs.policy.expect("policy");
        (inputs.scenario, policy)
    }

    /// English words that must not come back in the Vietnamese wording.
    fn assert_no_english(text: &str) {
        for w in ["unknown", "did you mean", "is not", "bad pin", "the plan", "rule", "write", "nothing"] {
            assert!(!text.contains(w), "'{w}' in: {text}");
        }
    }

    #[test]
    fn bad_pins_are_typed_located_and_worded() {
        let (s, _) = tiny();
        let codes = PinCodes {
            force: vec!["C0X=P-305-BT".into(), "C01".into()],
            forbid: vec!["C01=P-305-BX".into()],
            keep: vec!["NOBODY".into()],
            vacant: vec!["P-305-BT".into()],
            min_rotation: Vec::new(),
        };
        let problems = codes.to_pins(&s).unwrap_err();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert_eq!(problems[0].list, PinList::Force);
        assert_eq!(problems[0].json_path(), "settings.pins.force[0]");
        assert!(matches!(&problems[0].what, PinWhat::Unknown { what: CodeKind::Cadre, code, suggestion }
            if code == "C0X" && suggestion.as_deref() == Some("C01")));
        assert!(matches!(&problems[1].what, PinWhat::NotAPair { text } if text == "C01"));
        assert_eq!(problems[1].to_string(), "'C01' is not a pair: write CADRE=POST, e.g. C000123=P-311-PCT1");
        assert_eq!(problems[2].json_path(), "settings.pins.forbid[0]");
        let vi = pin_problems(&problems, PinSource::Flags, Lang::Vi);
        assert!(vi.contains("--pin: không có cán bộ mang mã 'C0X' trong dữ liệu (có phải là 'C01'?)"), "{vi}");
        assert!(vi.contains("--pin: 'C01' phải ghi theo dạng MÃ_CÁN_BỘ=MÃ_CHỨC_DANH"), "{vi}");
        assert!(vi.contains("--forbid: không có chức danh mang mã 'P-305-BX'"), "{vi}");
        assert!(vi.contains("--keep: không có cán bộ mang mã 'NOBODY'"), "{vi}");
        assert_no_english(&vi);
        let year = pin_problem(&problems[3], PinSource::FlagsOfYear(2023), Lang::Vi);
        assert!(year.starts_with("--keep, năm 2023: "), "{year}");
        let plan = pin_problem(&problems[0], PinSource::Plan("p.json"), Lang::Vi);
        assert!(plan.starts_with("p.json: quyết định đã chốt trong phương án (settings.pins.force[0]): "), "{plan}");
        let en = pin_problem(&problems[0], PinSource::Flags, Lang::En);
        assert_eq!(en, "--pin: unknown cadre 'C0X' (did you mean 'C01'?)");
    }

    #[test]
    fn plans_of_another_scenario_are_worded_with_their_place() {
        let p = PlanProblem {
            field: PlanField::Post,
            index: 3,
            what: CodeKind::Post,
            code: "P-1".into(),
            suggestion: Some("P-11".into()),
        };
        assert_eq!(p.to_string(), "posts[3].post: unknown post 'P-1' (did you mean 'P-11'?)");
        let vi = plan_problem("x.json", &p, Lang::Vi);
        assert_eq!(
            vi,
            "x.json, chức vụ thứ 4 của phương án (posts[3].post): không có chức danh mang mã 'P-1' trong dữ liệu (có phải là 'P-11'?)"
        );
        let many = vec![p.clone(); 25];
        let vi = plan_problems("x.json", &many, Some("Tiny"), Lang::Vi);
        assert_eq!(vi.lines().count(), 22, "twenty, how many more, and the scenario: {vi}");
        assert!(vi.contains("… và 5 chỗ khác như vậy") && vi.contains("được lập cho dữ liệu 'Tiny'"), "{vi}");
        assert_no_english(&vi);
    }

    #[test]
    fn explain_errors_are_worded_in_vietnamese() {
        use super::super::view::{ExplainError as E, NothingWhy};
        let cases = [
            E::Unknown {
                what: CodeKind::Rule,
                code: "QĐ".into(),
                hint: None,
                known: vec!["team-mix".into(), "tenure-cap".into()],
            },
            E::Unknown {
                what: CodeKind::Cadre, code: "Lê Văn".into(), hint: Some("Lê Văn A".into()), known: vec![]
            },
            E::Unknown { what: CodeKind::Subject, code: "30".into(), hint: Some("31".into()), known: vec![] },
            E::NothingToExplain { rule: "same-level".into(), why: NothingWhy::NotATarget { kind: "same_level" } },
            E::NothingToExplain {
                rule: "team-mix".into(),
                why: NothingWhy::NoInstance { milestone: "term_end".into() },
            },
            E::NothingToExplain { rule: "x".into(), why: NothingWhy::Disabled },
            E::AmbiguousName { name: "Lê Văn A".into(), codes: vec!["C1".into(), "C2".into()] },
            E::NoPlacements { plan: Some("p.json".into()), status: crate::plan::PlanStatus::Infeasible },
            E::NotPlanned { post: "P-1".into(), role: Role::DivisionHead },
            E::TooFewPlans { given: 1 },
        ];
        let expected = [
            "tệp quy định không có quy định nào mang mã 'QĐ'; các chỉ tiêu có thể giải trình: team-mix, tenure-cap",
            "không có cán bộ mang mã hoặc họ và tên 'Lê Văn' trong dữ liệu (có phải là 'Lê Văn A'?)",
            "mang mã '30' (có phải là '31'?)",
            "là quy định luân chuyển cùng cấp, không phải chỉ tiêu",
            "ở mốc cuối nhiệm kỳ",
            "đang tắt",
            "có 2 cán bộ cùng họ tên 'Lê Văn A' (C1, C2): hãy ghi mã cán bộ",
            "p.json: phương án không có bố trí nào (không thể thỏa mãn đồng thời các quy định bắt buộc)",
            "chức danh Trưởng phòng không thuộc các chức danh quy định lập phương án",
            "cần ít nhất hai phương án để so sánh (mới có 1)",
        ];
        for (e, want) in cases.iter().zip(expected) {
            let vi = explain_error(e, Lang::Vi);
            assert!(vi.contains(want), "{vi}\n  wants: {want}");
            assert_no_english(&vi);
            assert_eq!(explain_error(e, Lang::En), e.to_string(), "English is the Display");
        }
    }

    #[test]
    fn rule_values_and_fill_reasons_have_names_in_words() {
        use super::super::target::ValueKey;
        let label = |k: &str, lang| value_label(&ValueKey::parse(k), lang);
        assert_eq!(label("bands.2021", Lang::Vi), "Mức của năm 2021");
        assert_eq!(label("bands.term_end", Lang::Vi), "Mức của cuối nhiệm kỳ");
        assert_eq!(label("strength", Lang::Vi), "Mức độ bắt buộc");
        assert_eq!(label("roles", Lang::Vi), "Chức danh áp dụng");
        assert_eq!(label("age_tiers.district", Lang::Vi), "Cơ cấu độ tuổi (cấp huyện)");
        assert_eq!(label("bands.2021", Lang::En), "Band for 2021");
        assert_eq!(label("min_years_forced", Lang::En), "Minimum years of service left for a forced move");
        // every value the shipped policy states a provenance for has a name
        let (_, policy) = tiny();
        for rule in &policy.rules {
            for k in rule.values.keys() {
                assert!(!label(k, Lang::Vi).contains(k.as_str()), "{}: {k} has no name", rule.id);
            }
        }
        use crate::plan::purpose::FillsBasis;
        let key = fills_basis(&FillsBasis::KeyPost { clause: "QĐ 98-QĐ/TW (2017) §4".into() }, Lang::Vi);
        assert_eq!(key, "chức vụ chủ chốt phải được bố trí (QĐ 98-QĐ/TW (2017) §4)");
        let other = fills_basis(&FillsBasis::PlannedRole { vacancy_cost: 2 }, Lang::Vi);
        assert!(other.contains("chức danh quy định lập phương án") && other.contains("2 lượt điều động"), "{other}");
    }

    #[test]
    fn roadmap_and_milestone_refusals_are_worded_in_vietnamese() {
        use crate::roadmap::{RoadmapError, YearsProblem};
        let e = RoadmapError::Years(YearsProblem::PinOutside { year: 2030, first: 2021, last: 2025 });
        let vi = roadmap_error(&e, Lang::Vi);
        assert!(vi.contains("năm 2030, ngoài các năm của lộ trình (2021..2025)"), "{vi}");
        assert_no_english(&vi);
        assert_eq!(roadmap_error(&e, Lang::En), "years: a pin names 2030, outside 2021..2025");
        let (_, policy) = tiny();
        let m = policy.milestone_named("2099").unwrap_err();
        let vi = unknown_milestone(&m, Lang::Vi);
        assert!(vi.starts_with("không có mốc chỉ tiêu '2099'; quy định 'haiphong-09-kl-tu' có các mốc: 2021, 2024, term_end (term_end là cuối nhiệm kỳ)"), "{vi}");
        assert_eq!(milestone("term_end", Lang::Vi), "cuối nhiệm kỳ");
        assert_eq!(move_kind("rotates", Lang::Vi), "luân chuyển");
    }
}
