//! Short text summaries of a plan and of a check, in Vietnamese or English, for the terminal.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::words::Lang;
use crate::model::*;
use crate::plan::{Plan, PlanStatus};
use crate::solve::StopReason;

/// A plan's status in words: the one place statuses are worded (the terminal, `explain`,
/// `compare` and the HTML report all call it). A gap is shown only when it was measured.
pub fn status_text(status: PlanStatus, stop: Option<StopReason>, gap: Option<f64>, lang: Lang) -> String {
    let gap_words = |g: Option<f64>| match (g, lang) {
        (Some(g), Lang::Vi) => format!("khoảng cách tối ưu đo được {}%", fmt_pct(g, lang)),
        (Some(g), Lang::En) => format!("measured optimality gap {}%", fmt_pct(g, lang)),
        (None, Lang::Vi) => "chưa đo được khoảng cách tối ưu".into(),
        (None, Lang::En) => "optimality gap not measured".into(),
    };
    match status {
        PlanStatus::Optimal => lang.pick("tối ưu (đã chứng minh)", "optimal (proven)").into(),
        PlanStatus::StoppedWithPlan => {
            let why = match stop {
                Some(StopReason::NodeLimit) => lang.pick(
                    "dừng ở giới hạn số nút tìm kiếm (--max-nodes, kết quả lặp lại được)",
                    "stopped at the node budget (--max-nodes, reproducible)",
                ),
                Some(StopReason::GapReached) => lang.pick(
                    "dừng khi đạt khoảng cách cho phép (--gap)",
                    "stopped within the gap allowed (--gap)",
                ),
                Some(StopReason::Interrupted) => lang.pick("bị dừng giữa chừng (Ctrl-C)", "interrupted (Ctrl-C)"),
                Some(StopReason::TimeLimit) | None => lang.pick(
                    "dừng ở giới hạn thời gian (--time-limit, kết quả có thể khác giữa các lần chạy)",
                    "stopped at the time limit (--time-limit, not reproducible)",
                ),
            };
            format!("{why}, {}, {}", lang.pick("có phương án", "with a plan"), gap_words(gap))
        }
        PlanStatus::OptimalInNeighbourhood => format!(
            "{}; {}",
            lang.pick(
                "tối ưu trong vùng được lập lại (phần còn lại giữ như phương án 1)",
                "optimal within the re-planned region (the rest kept as plan 1)"
            ),
            match gap {
                Some(g) => format!(
                    "{} {}%",
                    lang.pick("cách phương án tốt nhất tối đa", "at most this far from the best plan:"),
                    fmt_pct(g, lang)
                ),
                None => gap_words(None),
            }
        ),
        PlanStatus::Infeasible => {
            lang.pick("không thể thỏa mãn đồng thời các quy định bắt buộc", "the hard rules cannot all hold").into()
        }
        PlanStatus::NoPlanBeforeLimit => {
            lang.pick("chưa tìm được phương án trước giới hạn thời gian", "no plan found before the time limit").into()
        }
        PlanStatus::Hand => lang.pick("phương án lập thủ công", "hand-drafted plan").into(),
    }
}

fn fmt_pct(g: f64, lang: Lang) -> String {
    let s = format!("{:.3}", g * 100.0);
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
    }
}

fn rule_title(policy: &Policy, id: &str, lang: Lang) -> String {
    match policy.rule(id) {
        Some(r) => lang.pick(&r.title_vi, &r.title_en).to_string(),
        None => id.to_string(),
    }
}

fn bound_text(min: Option<f64>, max: Option<f64>, lang: Lang) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => format!("= {a}"),
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("≥ {a}"),
        (None, Some(b)) => format!("≤ {b}"),
        (None, None) => lang.pick("không ràng buộc", "unbounded").into(),
    }
}

/// Writes the unmet targets, grouped by rule.
fn unmet(out: &mut String, policy: &Policy, plan: &Plan, lang: Lang) {
    let mut by_rule: BTreeMap<&str, Vec<&crate::plan::TargetRow>> = BTreeMap::new();
    for t in &plan.targets {
        if !t.met {
            by_rule.entry(t.rule.as_str()).or_default().push(t);
        }
    }
    let met = plan.targets.iter().filter(|t| t.met).count();
    let _ = writeln!(out, "{}: {met}/{}", lang.pick("Chỉ tiêu đạt", "Targets met"), plan.targets.len());
    for (rule, rows) in by_rule {
        let clause = &rows[0].clause;
        let _ = writeln!(
            out,
            "  - {} ({clause}): {} {}",
            rule_title(policy, rule, lang),
            rows.len(),
            lang.pick("nơi chưa đạt", "unmet")
        );
        for t in rows.iter().take(8) {
            let _ = writeln!(
                out,
                "      {} [{}] {}: {} {}, {} {}",
                t.subject_name,
                t.subject,
                t.measure,
                lang.pick("đạt", "achieved"),
                t.achieved,
                lang.pick("yêu cầu", "required"),
                bound_text(t.required_min, t.required_max, lang)
            );
        }
        if rows.len() > 8 {
            let _ = writeln!(out, "      … {} {}", rows.len() - 8, lang.pick("nơi khác", "more"));
        }
    }
}

/// How an alternative came about, in words (see `PlanSettings::emphasis` for the codes).
pub fn emphasis_text(s: &Scenario, code: &str, lang: Lang) -> String {
    if let Some(region) = code.strip_prefix("region:") {
        let place = match (region, s.locality_by_code(region)) {
            ("city", _) => lang.pick("cấp thành phố", "city level").to_string(),
            (_, Some(l)) => s.locality(l).name.clone(),
            (other, None) => other.to_string(),
        };
        return match lang {
            Lang::Vi => format!("lập lại phương án 1 trong {place}, phần còn lại giữ nguyên"),
            Lang::En => format!("plan 1 re-planned in {place}, the rest kept"),
        };
    }
    if let Some(n) = code.strip_prefix("no_good:") {
        return match lang {
            Lang::Vi => format!("cân bằng, khác {n} phương án trước"),
            Lang::En => format!("balanced, differing from the {n} plans before"),
        };
    }
    match (code, lang) {
        ("balanced", Lang::Vi) => "cân bằng (đúng thứ tự ưu tiên của quy định)".into(),
        ("balanced", Lang::En) => "balanced (the policy's priorities as written)".into(),
        ("rejuvenation", Lang::Vi) => "ưu tiên trẻ hóa".into(),
        ("rejuvenation", Lang::En) => "rejuvenation first".into(),
        ("stability", Lang::Vi) => "ưu tiên ổn định (ít điều động nhất)".into(),
        ("stability", Lang::En) => "stability first (fewest moves)".into(),
        ("non_locality", Lang::Vi) => "ưu tiên bố trí không phải người địa phương".into(),
        ("non_locality", Lang::En) => "non-locality first".into(),
        (other, _) => other.into(),
    }
}

/// A plan's status in words, with its gap.
pub fn status_words(plan: &Plan, lang: Lang) -> String {
    status_text(plan.status, plan.stop, plan.gap, lang)
}

/// A plan's summary.
pub fn plan_summary(s: &Scenario, policy: &Policy, plan: &Plan, lang: Lang) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {} — {} {}",
        lang.pick("Phương án nhân sự", "Placement plan"),
        s.name,
        lang.pick("mốc", "milestone"),
        plan.milestone
    );
    let _ = writeln!(out, "{}: {}", lang.pick("Trạng thái", "Status"), status_text(plan.status, plan.stop, plan.gap, lang));
    if !plan.infeasibility.is_empty() {
        let _ = writeln!(out, "{}:", lang.pick("Các quy định bắt buộc phải nới lỏng", "Hard rules that had to give"));
        for r in &plan.infeasibility {
            let _ = writeln!(
                out,
                "  - {} ({}) — {} [{}]: {} {}",
                rule_title(policy, &r.rule, lang),
                r.clause,
                r.subject_name,
                r.subject,
                lang.pick("thiếu", "short by"),
                r.shortfall
            );
            for f in &r.facts {
                let _ = writeln!(out, "      {f}");
            }
        }
        return out;
    }
    if plan.posts.is_empty() {
        return out;
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for m in &plan.moves {
        *kinds.entry(m.kind.as_str()).or_default() += 1;
    }
    let k = |n: &str| kinds.get(n).copied().unwrap_or(0);
    let _ = writeln!(
        out,
        "{}: {} {}, {} {}, {} {}, {} {}; {} {}",
        lang.pick("Bố trí", "Placements"),
        k("rotates"),
        lang.pick("luân chuyển", "rotations"),
        k("reinforcement"),
        lang.pick("tăng cường", "reinforcements"),
        k("appointment"),
        lang.pick("bổ nhiệm", "appointments"),
        k("release"),
        lang.pick("thôi giữ chức", "releases"),
        k("stays"),
        lang.pick("giữ nguyên", "stay")
    );
    let _ = writeln!(out, "{}: {}", lang.pick("Chức vụ còn trống", "Vacant posts"), plan.vacancies.len());
    unmet(&mut out, policy, plan, lang);
    let o = &plan.objective;
    let _ = writeln!(
        out,
        "{}: {} {}, {} {}, {} {}",
        lang.pick("Mục tiêu tối ưu", "Objective"),
        lang.pick("thiếu hụt có trọng số", "weighted shortfall"),
        o.target_shortfall,
        lang.pick("điểm phù hợp", "suitability"),
        o.suitability,
        lang.pick("số lượt điều động", "moves"),
        o.moves
    );
    out
}

/// A check's summary.
pub fn check_summary(s: &Scenario, policy: &Policy, doc: &Plan, lang: Lang) -> String {
    let mut out = String::new();
    if doc.violations.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.pick("Phương án tuân thủ mọi quy định bắt buộc.", "The plan obeys every hard rule.")
        );
    } else {
        let _ = writeln!(
            out,
            "{} {} {}:",
            lang.pick("Phương án vi phạm", "The plan breaks"),
            doc.violations.len(),
            lang.pick("quy định bắt buộc", "hard rules")
        );
        for v in &doc.violations {
            let _ =
                writeln!(out, "  - {} ({}) [{}]: {}", rule_title(policy, &v.rule, lang), v.clause, v.subject, v.detail);
        }
    }
    let _ = s;
    unmet(&mut out, policy, doc, lang);
    out
}
