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
                Some(StopReason::Unverified) => lang.pick(
                    "dừng vì kết luận cuối của bộ giải không khớp khi kiểm tra lại (giữ phương án tốt nhất đã qua kiểm tra)",
                    "stopped: the solver's last verdict did not check out (the best plan that did is kept)",
                ),
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

/// A gap (a fraction) in percent, to what a reader needs: whole percent from 10%, one decimal
/// from 1%, two significant digits below ("0,52", "0,0061"), with the language's decimal mark.
pub(crate) fn fmt_pct(g: f64, lang: Lang) -> String {
    let p = g * 100.0;
    let s = if !p.is_finite() || p <= 0.0 {
        "0".to_string()
    } else if p >= 10.0 {
        format!("{p:.0}")
    } else if p >= 1.0 {
        format!("{p:.1}")
    } else {
        let decimals = (-p.log10().floor()) as usize + 1;
        format!("{p:.decimals$}")
    };
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
        (Some(a), Some(b)) if a == b => format!("= {}", number(a, lang)),
        (Some(a), Some(b)) => format!("{}–{}", number(a, lang), number(b, lang)),
        (Some(a), None) => format!("≥ {}", number(a, lang)),
        (None, Some(b)) => format!("≤ {}", number(b, lang)),
        (None, None) => lang.pick("không ràng buộc", "unbounded").into(),
    }
}

/// What a target row counts, in words (the JSON keeps the code).
pub fn measure_words(measure: &str, lang: Lang) -> &'static str {
    match (measure, lang) {
        ("share", Lang::Vi) => "kết quả",
        ("share", Lang::En) => "count",
        ("age_tiers", Lang::Vi) => "số độ tuổi có mặt",
        ("age_tiers", Lang::En) => "age tiers present",
        ("fields", Lang::Vi) => "số chuyên ngành đào tạo",
        ("fields", Lang::En) => "fields of training",
        ("stays", Lang::Vi) => "số người ở lại quá thời hạn",
        ("stays", Lang::En) => "holders staying past the cap",
        ("moves", Lang::Vi) => "số người luân chuyển",
        ("moves", Lang::En) => "cadres rotated",
        (_, Lang::Vi) => "giá trị",
        (_, Lang::En) => "value",
    }
}

fn number(x: f64, lang: Lang) -> String {
    let s = if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.2}") };
    match lang {
        Lang::Vi => s.replace('.', ","),
        Lang::En => s,
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
                "      {}: {} {} {}{}, {} {}",
                t.subject_name,
                measure_words(&t.measure, lang),
                lang.pick("đạt", "achieved"),
                number(t.achieved, lang),
                t.denominator.map(|d| format!("/{d}")).unwrap_or_default(),
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
        ("compromise", Lang::Vi) => "dung hòa (chỉ thêm lượt điều động nào đổi được ít nhất mức điểm phù hợp bình quân mỗi lượt giữa phương án 1 và phương án phù hợp nhất)".into(),
        ("compromise", Lang::En) => "compromise (only the extra moves that each buy at least the average suitability per move between plan 1 and the most suitable plan)".into(),
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
                    format!(
                        "{title}: {}/{} nơi (thay vì {}), hướng tới mốc {}",
                        r.this,
                        r.of,
                        r.first,
                        super::words::milestone(&a.milestone, lang)
                    )
                }
                Lang::En => format!(
                    "{title}: {}/{} (instead of {}), toward the {} milestone",
                    r.this, r.of, r.first, a.milestone
                ),
            });
        }
    }
    // what a plan trades rule by rule (rules already shown toward the later milestone aside)
    let shown_ahead = |rule: &str| t.ahead.as_ref().is_some_and(|a| a.rules.iter().any(|r| r.rule == rule));
    for r in t.rules.iter().filter(|r| !shown_ahead(&r.rule)) {
        let title =
            policy.rule(&r.rule).map(|x| lang.pick(&x.title_vi, &x.title_en).to_string()).unwrap_or(r.rule.clone());
        let measure = if r.measure == "share" || r.measure.is_empty() {
            String::new()
        } else {
            format!(" ({})", measure_words(&r.measure, lang))
        };
        parts.push(match lang {
            Lang::Vi => format!("{title}{measure}: đạt {} (thay vì {})", r.this, r.first),
            Lang::En => format!("{title}{measure}: {} met (instead of {})", r.this, r.first),
        });
    }
    parts.push(match lang {
        Lang::Vi => format!("khác ở {} quyết định về chức vụ chủ chốt cấp huyện, thành phố", t.committee_decisions),
        Lang::En => format!("{} committee-level decisions differ", t.committee_decisions),
    });
    let _ = s;
    Some(parts.join("; "))
}

/// A kind of alternative the set looked for and did not keep, and why, in words.
pub fn missing_text(
    s: &Scenario,
    origin: crate::alternatives::Origin,
    why: crate::alternatives::Missing,
    lang: Lang,
) -> String {
    use crate::alternatives::Missing as M;
    let kind = emphasis_text(s, origin.code(), lang);
    let reason = match (why, lang) {
        (M::Infeasible, Lang::Vi) => "không có phương án nào vừa thỏa mãn các quy định bắt buộc vừa khác các phương án ở trên đủ --min-difference quyết định",
        (M::Infeasible, Lang::En) => "no plan meets the hard rules and differs from the plans above in at least --min-difference decisions",
        (M::NoPlan, Lang::Vi) => "hết phần thời gian dành cho phương án này trước khi tìm được phương án (tăng --time-limit để tìm tiếp)",
        (M::NoPlan, Lang::En) => "its share of the time ran out before a plan was found (a longer --time-limit gives it more)",
        (M::TooClose, Lang::Vi) => "phương án tìm được khác một phương án ở trên ít hơn --min-difference quyết định về chức vụ chủ chốt cấp huyện, thành phố",
        (M::TooClose, Lang::En) => "the plan found differs from an earlier one in fewer than --min-difference committee-level decisions",
        (M::Tie, Lang::Vi) => "phương án tìm được bằng một phương án ở trên ở mọi tiêu chí",
        (M::Tie, Lang::En) => "the plan found equals an earlier one on every criterion",
    };
    match lang {
        Lang::Vi => format!("Không có phương án {kind}: {reason}."),
        Lang::En => format!("No {kind} plan: {reason}."),
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
        super::words::milestone(&plan.milestone, lang)
    );
    let _ =
        writeln!(out, "{}: {}", lang.pick("Trạng thái", "Status"), status_text(plan.status, plan.stop, plan.gap, lang));
    if !plan.infeasibility.is_empty() {
        let _ = writeln!(out, "{}:", lang.pick("Các quy định bắt buộc phải nới lỏng", "Hard rules that had to give"));
        let facts = super::plan_infeasibility_facts(s, policy, plan, lang);
        for (r, facts) in plan.infeasibility.iter().zip(facts) {
            let _ = writeln!(out, "  - {}", super::relaxed_row_head(policy, r, lang));
            for f in facts {
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
        lang.pick("mức thiếu hụt chỉ tiêu", "weighted shortfall"),
        o.target_shortfall,
        lang.pick("điểm phù hợp", "suitability"),
        o.suitability,
        lang.pick("số lượt điều động", "moves"),
        o.moves
    );
    out
}

/// A check's summary: every broken hard rule in words — who, which post by its title, and the
/// failing fact (as `explain` words it) — then the targets.
pub fn check_summary(s: &Scenario, policy: &Policy, doc: &Plan, lang: Lang) -> String {
    let mut out = String::new();
    if doc.violations.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            lang.pick("Phương án tuân thủ mọi quy định bắt buộc.", "The plan obeys every hard rule.")
        );
    } else {
        let lines = violation_lines(s, policy, doc, lang);
        let _ = writeln!(
            out,
            "{} {} {}:",
            lang.pick("Phương án vi phạm quy định bắt buộc ở", "The plan breaks hard rules in"),
            lines.len(),
            lang.pick("trường hợp", "cases")
        );
        for l in lines {
            let _ = writeln!(out, "  - {l}");
        }
    }
    unmet(&mut out, policy, doc, lang);
    out
}

/// The broken hard rules of a plan document, one sentence each, re-derived from the plan by
/// the independent checker so that each is worded from its structured facts.
fn violation_lines(s: &Scenario, policy: &Policy, doc: &Plan, lang: Lang) -> Vec<String> {
    use crate::check::ViolationSubject as V;
    use crate::formulation::RuleRef;
    let Ok(a) = crate::plan::assignment_from_plan(s, doc) else {
        return doc
            .violations
            .iter()
            .map(|v| format!("{} ({}): {}", rule_title(policy, &v.rule, lang), v.clause, v.detail))
            .collect();
    };
    let pins = doc.settings.pins.to_pins(s).unwrap_or_default();
    let milestone = if doc.milestone.is_empty() { policy.milestone.clone() } else { doc.milestone.clone() };
    let report = crate::check::check(s, policy, &milestone, &a, &pins);
    let facts = Facts::new(s, policy);
    let post_of = a.post_of();
    let title = |p: PostId| s.post(p).title.clone();
    let who = |c: CadreId| s.cadre(c).name.clone();
    let y = |x: f64| super::words::years(x, lang);
    let mut lines = Vec::new();
    for v in &report.violations {
        let rule = super::words::rule_cited(policy, v.rule, lang);
        let fact = match (&v.rejection, v.subject, v.rule) {
            (Some(r), V::Post(p), _) => {
                let c = a.holder.get(&p).copied();
                let name = c.map(who).unwrap_or_default();
                match lang {
                    Lang::Vi => format!(
                        "đồng chí {name} không đủ điều kiện giữ chức vụ {}: {}",
                        title(p),
                        super::words::reason(s, &r.reason, lang)
                    ),
                    Lang::En => format!(
                        "{name} may not take the post of {}: {}",
                        title(p),
                        super::words::reason(s, &r.reason, lang)
                    ),
                }
            }
            (None, V::Post(p), RuleRef::KeyPostFilled) => match lang {
                Lang::Vi => format!("chức vụ chủ chốt {} bị để trống", title(p)),
                Lang::En => format!("the key post of {} is left vacant", title(p)),
            },
            (None, V::Post(p), RuleRef::Capacity) => match lang {
                Lang::Vi => format!("chức vụ {} không thuộc các chức vụ được lập phương án", title(p)),
                Lang::En => format!("the post of {} is not one the plan decides", title(p)),
            },
            (None, V::Post(p), RuleRef::Pin) => {
                let c = a.holder.get(&p).copied();
                match (lang, c) {
                    (Lang::Vi, Some(c)) => {
                        format!("chức vụ {} do đồng chí {} giữ, trái với quyết định đã chốt", title(p), who(c))
                    }
                    (Lang::Vi, None) => format!("chức vụ {} bị để trống, trái với quyết định đã chốt", title(p)),
                    (Lang::En, Some(c)) => {
                        format!("the post of {} is held by {}, against a fixed decision", title(p), who(c))
                    }
                    (Lang::En, None) => format!("the post of {} is vacant, against a fixed decision", title(p)),
                }
            }
            (None, V::Cadre(c), RuleRef::Pin) => match lang {
                Lang::Vi => format!("đồng chí {} phải giữ nguyên chức vụ theo quyết định đã chốt", who(c)),
                Lang::En => format!("{} must keep their post by a fixed decision", who(c)),
            },
            (None, V::Cadre(c), RuleRef::Continuity) => {
                let placed = post_of.contains_key(&c);
                let released = a.released.contains(&c);
                let now = s.cadre(c).post.map(title).unwrap_or_default();
                if placed && released {
                    match lang {
                        Lang::Vi => format!("đồng chí {} vừa được bố trí vừa thôi giữ chức vụ", who(c)),
                        Lang::En => format!("{} is both placed and released", who(c)),
                    }
                } else if released {
                    let left = facts.service_left(c);
                    let below = policy.general.release_if_service_left_below;
                    match lang {
                        Lang::Vi => format!("đồng chí {} thôi giữ chức vụ {now} nhưng còn {} năm công tác (chỉ được thôi khi còn dưới {} năm)", who(c), y(left), number(below, lang)),
                        Lang::En => format!("{} is released from {now} with {} years of service left (release needs fewer than {})", who(c), y(left), number(below, lang)),
                    }
                } else {
                    match lang {
                        Lang::Vi => format!("đồng chí {}, đang giữ chức vụ {now}, không được bố trí đi đâu và cũng không thôi giữ chức vụ", who(c)),
                        Lang::En => format!("{}, now {now}, is neither placed nor released", who(c)),
                    }
                }
            }
            (None, subject, RuleRef::Policy(ri)) => {
                let t = report.targets.iter().find(|t| t.rule == ri && t.subject == subject && !t.met());
                let (_, name) = crate::plan::subject_names(s, subject);
                match (t, subject) {
                    (Some(_), V::Cadre(c)) if t.is_some_and(|t| t.measure == "stays") => {
                        let years = facts.tenure(c, s.plan_date);
                        let now = s.cadre(c).post.map(title).unwrap_or_default();
                        match lang {
                            Lang::Vi => {
                                format!("đồng chí {} ở lại chức vụ {now} dù đã giữ {} năm liên tục", who(c), y(years))
                            }
                            Lang::En => format!("{} stays as {now} after {} consecutive years", who(c), y(years)),
                        }
                    }
                    (Some(t), _) => format!(
                        "{name}: {} {} {}, {} {}",
                        measure_words(t.measure, lang),
                        lang.pick("đạt", "achieved"),
                        number(t.achieved, lang),
                        lang.pick("yêu cầu", "required"),
                        bound_text(t.lo, t.hi, lang)
                    ),
                    (None, V::Unit(_)) => match lang {
                        Lang::Vi => format!("{name} có số phó chủ tịch vượt mức quy định"),
                        Lang::En => format!("{name} has more vice-chairs than the cap"),
                    },
                    (None, _) => name,
                }
            }
            (None, V::Whole, _) => lang
                .pick(
                    "một chức vụ hoặc một cán bộ xuất hiện hai lần trong phương án",
                    "a post or a cadre appears twice in the plan",
                )
                .into(),
            (_, subject, _) => crate::plan::subject_names(s, subject).1,
        };
        lines.push(format!("{rule}: {fact}"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_printed_to_what_a_reader_needs() {
        assert_eq!(fmt_pct(0.2, Lang::Vi), "20");
        assert_eq!(fmt_pct(0.033, Lang::Vi), "3,3");
        assert_eq!(fmt_pct(0.0052, Lang::En), "0.52");
        assert_eq!(fmt_pct(0.000061, Lang::Vi), "0,0061");
        assert_eq!(fmt_pct(0.0, Lang::En), "0");
    }
}
