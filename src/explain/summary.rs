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
                Some(StopReason::GapReached) => {
                    lang.pick("dừng khi đạt khoảng cách cho phép (--gap)", "stopped within the gap allowed (--gap)")
                }
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
        ("policy", Lang::Vi) => "ít xáo trộn nhất (đúng thứ tự ưu tiên của quy định)".into(),
        ("policy", Lang::En) => "least disruption (the policy's priorities as written)".into(),
        ("most_suitable", Lang::Vi) => "phù hợp nhất (ưu tiên điểm phù hợp trước số lượt điều động)".into(),
        ("most_suitable", Lang::En) => "most suitable (suitability before moves)".into(),
        ("ahead_of_milestone", Lang::Vi) => "đi trước lộ trình (đạt sớm chỉ tiêu của mốc sau)".into(),
        ("ahead_of_milestone", Lang::En) => "ahead of the milestone (the next milestone's targets now)".into(),
        ("compromise", Lang::Vi) => "dung hòa (phù hợp nhất với tối đa một nửa số lượt điều động tăng thêm)".into(),
        ("compromise", Lang::En) => "compromise (most suitable within half the extra moves)".into(),
        ("committee_choice", Lang::Vi) => "lựa chọn khác ở các chức vụ chủ chốt cấp huyện, thành phố".into(),
        ("committee_choice", Lang::En) => "another choice on the district and city key posts".into(),
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

/// A purpose of a move in words.
pub fn purpose_text(p: crate::plan::Purpose, lang: Lang) -> &'static str {
    use crate::plan::Purpose as P;
    match p {
        P::Pinned => lang.pick("theo quyết định của người lập phương án", "the planner's decision"),
        P::ForcedOut => {
            lang.pick("bắt buộc thôi giữ chức vụ (quá thời hạn giữ chức)", "forced out of the post (tenure cap)")
        }
        P::ServesTarget => lang.pick("thực hiện chỉ tiêu", "serves a target"),
        P::MakesRoom => lang.pick("nhường vị trí cho một điều động cần thiết", "makes room for a needed move"),
        P::FillsPost => lang.pick("bố trí vào chức vụ cần có người", "fills a post that must be filled"),
        P::Discretionary => lang.pick("không có lý do theo quy định", "no purpose under the rules"),
    }
}

/// Moves counted by purpose, in words; discretionary moves said apart.
pub fn purposes_line(plan: &Plan, lang: Lang) -> String {
    let o = &plan.objective;
    let mut parts = Vec::new();
    for p in crate::plan::Purpose::ALL {
        if p == crate::plan::Purpose::Discretionary {
            continue;
        }
        if let Some(n) = o.moves_by_purpose.get(p.code()).filter(|n| **n > 0) {
            parts.push(format!("{n} {}", purpose_text(p, lang)));
        }
    }
    format!(
        "{}: {}; {}: {}",
        lang.pick("Lý do điều động", "Why moves are made"),
        if parts.is_empty() {
            lang.pick("không có điều động", "no moves").to_string()
        } else {
            parts.join(", ")
        },
        lang.pick("điều động không có lý do theo quy định", "moves with no purpose under the rules"),
        o.discretionary_moves
    )
}

/// What an alternative trades against plan 1, in one sentence.
pub fn tradeoff_text(s: &Scenario, policy: &Policy, plan: &Plan, lang: Lang) -> Option<String> {
    let t = plan.tradeoff.as_ref()?;
    let signed = |n: i64| if n > 0 { format!("+{n}") } else { n.to_string() };
    let pct = |x: f64| {
        let v = format!("{:+.1}", x * 100.0);
        match lang {
            Lang::Vi => v.replace('.', ","),
            Lang::En => v,
        }
    };
    let mut parts = vec![match lang {
        Lang::Vi => format!(
            "{} lượt điều động, {} điểm phù hợp ({}%)",
            signed(t.moves),
            signed(t.suitability),
            pct(t.suitability_share)
        ),
        Lang::En => format!(
            "{} moves for {} suitability points ({}%)",
            signed(t.moves),
            signed(t.suitability),
            pct(t.suitability_share)
        ),
    }];
    if t.extra_seats != 0 {
        parts.push(match lang {
            Lang::Vi => format!("{} ghế phó chủ tịch ngoài số lượng", signed(t.extra_seats)),
            Lang::En => format!("{} extra vice-chair seats", signed(t.extra_seats)),
        });
    }
    if t.discretionary_moves != 0 {
        parts.push(match lang {
            Lang::Vi => format!("{} điều động không có lý do theo quy định", signed(t.discretionary_moves)),
            Lang::En => format!("{} moves with no purpose under the rules", signed(t.discretionary_moves)),
        });
    }
    if t.targets_met != 0 {
        parts.push(match lang {
            Lang::Vi => format!("{} chỉ tiêu đạt", signed(t.targets_met)),
            Lang::En => format!("{} targets met", signed(t.targets_met)),
        });
    }
    if let Some(a) = &t.ahead {
        for r in &a.rules {
            let title =
                policy.rule(&r.rule).map(|x| lang.pick(&x.title_vi, &x.title_en).to_string()).unwrap_or(r.rule.clone());
            parts.push(match lang {
                Lang::Vi => {
                    format!("{title}: {}/{} nơi (thay vì {}), hướng tới mốc {}", r.this, r.of, r.first, a.milestone)
                }
                Lang::En => format!(
                    "{title}: {}/{} (instead of {}), toward the {} milestone",
                    r.this, r.of, r.first, a.milestone
                ),
            });
        }
    }
    parts.push(match lang {
        Lang::Vi => format!("khác ở {} quyết định về chức vụ chủ chốt cấp huyện, thành phố", t.committee_decisions),
        Lang::En => format!("{} committee-level decisions differ", t.committee_decisions),
    });
    let _ = s;
    Some(parts.join("; "))
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
    let _ =
        writeln!(out, "{}: {}", lang.pick("Trạng thái", "Status"), status_text(plan.status, plan.stop, plan.gap, lang));
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
    let _ = writeln!(out, "{}", purposes_line(plan, lang));
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
