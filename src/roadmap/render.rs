//! The roadmap in words: the text summary of `rotaplan roadmap` and the labels the report
//! section and the brief use. The words of both languages live in [`Words`], one table per
//! language ([`VI`], [`EN`]).

use std::collections::BTreeMap;

use crate::explain::Lang;

use super::document::{RoadmapDoc, WhyFact};

/// Every word the roadmap's renderings use.
pub struct Words {
    /// Title.
    pub title: &'static str,
    /// "Year".
    pub year: &'static str,
    /// "milestone".
    pub milestone: &'static str,
    /// "ahead:".
    pub ahead: &'static str,
    /// "moves".
    pub moves: &'static str,
    /// "retirements".
    pub retirements: &'static str,
    /// "kept in place (minimum rotation length)".
    pub kept: &'static str,
    /// The rule behind a minimum-rotation keep, when its row is one that had to give (the
    /// model encodes the keep as a pin, whose own title is the planner's decision).
    pub min_rotation_rule: &'static str,
    /// "targets not met".
    pub unmet: &'static str,
    /// "cumulative".
    pub cumulative: &'static str,
    /// "met from".
    pub met_from: &'static str,
    /// "not met within the years planned".
    pub never: &'static str,
    /// "eligible cadres who would count".
    pub candidates: &'static str,
    /// "population".
    pub population: &'static str,
    /// "the team's".
    pub team: &'static str,
    /// "shares against the milestones".
    pub shares: &'static str,
    /// "first year met".
    pub firsts: &'static str,
    /// "rotations".
    pub rotations: &'static str,
    /// "back in".
    pub back_in: &'static str,
    /// "the hard rules of this milestone cannot all hold; planned under".
    pub fallback: &'static str,
    /// "kept cadres released: a hard rule could not hold with them kept".
    pub keeps_released: &'static str,
    /// "no plan: the hard rules cannot all hold".
    pub infeasible: &'static str,
    /// "not planned (an earlier year has no plan)".
    pub not_planned: &'static str,
    /// "decided earlier (kept as in the earlier roadmap)".
    pub fixed: &'static str,
    /// "violations".
    pub violations: &'static str,
    /// "opens".
    pub opens: &'static str,
    /// "none".
    pub none: &'static str,
    /// "of".
    pub of: &'static str,
    /// "required".
    pub required: &'static str,
    /// "short by".
    pub short_by: &'static str,
    /// "over by".
    pub over_by: &'static str,
    /// "reaches retirement age on".
    pub retires_on: &'static str,
}

/// Vietnamese.
pub const VI: Words = Words {
    title: "Lộ trình thực hiện theo năm",
    year: "Năm",
    milestone: "mốc",
    ahead: "hướng tới mốc",
    moves: "điều động, bố trí",
    retirements: "nghỉ hưu",
    kept: "giữ nguyên vị trí (chưa đủ thời gian luân chuyển tối thiểu)",
    min_rotation_rule: "Giữ nguyên vị trí khi chưa đủ thời gian luân chuyển tối thiểu",
    unmet: "chỉ tiêu chưa đạt",
    cumulative: "lũy kế",
    met_from: "đạt từ năm",
    never: "chưa đạt trong các năm đã lập",
    candidates: "cán bộ đủ tiêu chuẩn có thể tính",
    population: "số cán bộ thuộc diện",
    team: "cơ cấu",
    shares: "Tỷ lệ so với các mốc",
    firsts: "Năm đầu tiên đạt",
    rotations: "Luân chuyển",
    back_in: "trở về năm",
    fallback: "các quy định bắt buộc của mốc này không thể cùng đáp ứng; phương án lập theo mốc",
    keeps_released: "thôi giữ nguyên vị trí (giữ nguyên thì một quy định bắt buộc không đáp ứng được) đối với",
    infeasible: "không có phương án: các quy định bắt buộc không thể cùng đáp ứng",
    not_planned: "chưa lập (năm trước không có phương án)",
    fixed: "đã quyết định (giữ như lộ trình trước)",
    violations: "vi phạm",
    opens: "để trống",
    none: "không có",
    of: "/",
    required: "yêu cầu",
    short_by: "thiếu",
    over_by: "vượt",
    retires_on: "đến tuổi nghỉ hưu ngày",
};

/// English.
pub const EN: Words = Words {
    title: "Roadmap, year by year",
    year: "Year",
    milestone: "milestone",
    ahead: "ahead towards",
    moves: "moves",
    retirements: "retirements",
    kept: "kept in place (minimum rotation length)",
    min_rotation_rule: "Kept in place for the minimum rotation length",
    unmet: "targets not met",
    cumulative: "cumulative",
    met_from: "met from",
    never: "not met within the years planned",
    candidates: "eligible cadres who would count",
    population: "population",
    team: "team",
    shares: "Shares against the milestones",
    firsts: "First year met",
    rotations: "Rotations",
    back_in: "back in",
    fallback: "the hard rules of this milestone cannot all hold; planned under milestone",
    keeps_released: "no longer kept in place (with them kept, a hard rule could not hold):",
    infeasible: "no plan: the hard rules cannot all hold",
    not_planned: "not planned (an earlier year has no plan)",
    fixed: "decided earlier (kept as in the earlier roadmap)",
    violations: "violations",
    opens: "opens",
    none: "none",
    of: "of",
    required: "required",
    short_by: "short by",
    over_by: "over by",
    retires_on: "reaches retirement age on",
};

/// The table of a language.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}

/// A count, Vietnamese or English style.
fn num(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{}", x.round() as i64)
    } else {
        format!("{x:.1}")
    }
}

/// A required band as text: `≥ 2`, `2–3`, `≤ 4`.
pub fn band_text(lo: Option<f64>, hi: Option<f64>) -> String {
    match (lo, hi) {
        (Some(l), Some(h)) if (l - h).abs() < 1e-9 => num(l),
        (Some(l), Some(h)) => format!("{}–{}", num(l), num(h)),
        (Some(l), None) => format!("≥ {}", num(l)),
        (None, Some(h)) => format!("≤ {}", num(h)),
        (None, None) => "-".into(),
    }
}

/// The fact behind an unmet target, in words.
pub fn why_text(f: &WhyFact, lang: Lang) -> String {
    let w = words(lang);
    match f {
        WhyFact::ChildNotMet { child, name, candidates } => format!("{name} ({child}): {} {candidates}", w.candidates),
        WhyFact::Population { size, candidates } => {
            format!("{} {size}; {} {candidates}", w.population, w.candidates)
        }
        WhyFact::Team { measure } => format!("{} {measure}", w.team),
    }
}

/// The text summary of a roadmap, the facts behind an infeasible year as the document
/// records them (English: see [`roadmap_text_with`]).
pub fn roadmap_text(doc: &RoadmapDoc, lang: Lang) -> String {
    roadmap_text_with(doc, lang, &BTreeMap::new(), &BTreeMap::new())
}

/// The text summary of a roadmap, with the facts behind each infeasible year's rows worded in
/// `lang` (by year and row: [`crate::roadmap::Roadmap::infeasibility_facts`]); a row without
/// them shows the recorded facts in English, none in Vietnamese.
/// `titles` words the rules by id ([`crate::roadmap::Roadmap::rule_titles`]); a rule without
/// one shows its id.
pub fn roadmap_text_with(
    doc: &RoadmapDoc,
    lang: Lang,
    facts: &BTreeMap<i32, Vec<Vec<String>>>,
    titles: &BTreeMap<String, String>,
) -> String {
    let w = words(lang);
    let ms = |m: &str| crate::explain::words::milestone(m, lang);
    let mut out = format!("{} {}–{}\n", w.title, doc.years[0], doc.years[1]);
    for y in &doc.plans {
        out.push_str(&format!("\n{} {} — {} {}", w.year, y.year, w.milestone, ms(&y.milestone)));
        if let Some(a) = &y.ahead {
            out.push_str(&format!(" ({} {})", w.ahead, ms(a)));
        }
        out.push('\n');
        match y.status.as_str() {
            "not_planned" => {
                out.push_str(&format!("  {}\n", w.not_planned));
                continue;
            }
            "fixed" => out.push_str(&format!("  {}\n", w.fixed)),
            _ => {}
        }
        if let Some(fb) = &y.fallback_milestone {
            out.push_str(&format!("  {} {}\n", w.fallback, ms(fb)));
        }
        if !y.keeps_released.is_empty() {
            let who: Vec<String> = y.keeps_released.iter().map(|k| format!("{} ({})", k.name, k.cadre)).collect();
            out.push_str(&format!("  {} {}\n", w.keeps_released, who.join(", ")));
        }
        if y.status == "infeasible" {
            out.push_str(&format!("  {}\n", w.infeasible));
        }
        for (i, r) in y.infeasibility.iter().enumerate() {
            let worded = match (facts.get(&y.year).and_then(|f| f.get(i)), lang) {
                (Some(f), _) => f.clone(),
                (None, Lang::En) => r.facts.clone(),
                (None, Lang::Vi) => Vec::new(),
            };
            let by = format!("{} {}", if r.over { w.over_by } else { w.short_by }, num(r.shortfall));
            let facts = if worded.is_empty() { String::new() } else { format!("; {}", worded.join("; ")) };
            // a keep the roadmap itself set (the minimum rotation length) is a pin in the
            // model: name the rule behind it, not the planner's decision
            let rule = if r.rule == crate::plan::PIN_RULE_ID && y.kept.contains(&r.subject) {
                w.min_rotation_rule
            } else {
                titles.get(&r.rule).unwrap_or(&r.rule)
            };
            out.push_str(&format!("    {rule} [{}]: {by}{facts}\n", r.subject_name));
        }
        if !y.retirements.is_empty() {
            out.push_str(&format!("  {}: {}\n", w.retirements, y.retirements.len()));
            for r in &y.retirements {
                let date = match lang {
                    Lang::Vi => r.date.0.format("%d/%m/%Y").to_string(),
                    Lang::En => r.date.to_string(),
                };
                match &r.post {
                    Some(p) => out.push_str(&format!(
                        "    {} ({}), {} {date} — {} {p}\n",
                        r.name, r.cadre, w.retires_on, w.opens
                    )),
                    None => out.push_str(&format!("    {} ({}), {} {date}\n", r.name, r.cadre, w.retires_on)),
                }
            }
        }
        out.push_str(&format!("  {}: {}\n", w.moves, y.moves.len()));
        for m in &y.moves {
            out.push_str(&format!(
                "    {} ({}): {} → {} [{}]\n",
                m.name,
                m.cadre,
                m.from.as_deref().unwrap_or("-"),
                m.to.as_deref().unwrap_or("-"),
                crate::explain::words::move_kind(&m.kind, lang)
            ));
        }
        if !y.kept.is_empty() {
            out.push_str(&format!("  {}: {}\n", w.kept, y.kept.join(", ")));
        }
        if y.violations > 0 {
            out.push_str(&format!("  {}: {}\n", w.violations, y.violations));
        }
        out.push_str(&format!(
            "  {}: {}\n",
            w.unmet,
            if y.unmet.is_empty() { w.none.to_string() } else { y.unmet.len().to_string() }
        ));
        for u in &y.unmet {
            let when = match u.earliest_year {
                Some(e) => format!("{} {e}", w.met_from),
                None => w.never.to_string(),
            };
            out.push_str(&format!(
                "    {} [{}]: {}{}, {} {}; {when}\n",
                titles.get(&u.rule).unwrap_or(&u.rule),
                u.subject_name,
                num(u.achieved),
                if u.cumulative { format!(" ({})", w.cumulative) } else { String::new() },
                w.required,
                band_text(u.required_min, u.required_max),
            ));
            for f in u.why.iter().take(5) {
                out.push_str(&format!("      {}\n", why_text(f, lang)));
            }
            if u.why.len() > 5 {
                out.push_str(&format!("      … (+{})\n", u.why.len() - 5));
            }
        }
    }
    out.push_str(&format!("\n{}\n", w.shares));
    for t in &doc.shares {
        let points: Vec<String> = t
            .by_year
            .iter()
            .map(|p| {
                format!(
                    "{} {}/{}{}",
                    p.year,
                    num(p.achieved),
                    p.denominator.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                    if p.met { "" } else { "✗" }
                )
            })
            .collect();
        out.push_str(&format!(
            "  {} [{}]{}: {}\n",
            titles.get(&t.rule).unwrap_or(&t.rule),
            t.subject_name,
            if t.cumulative { format!(" ({})", w.cumulative) } else { String::new() },
            points.join(", ")
        ));
    }
    if !doc.rotations.is_empty() {
        out.push_str(&format!("\n{}\n", w.rotations));
        for r in &doc.rotations {
            out.push_str(&format!(
                "  {} {} ({}): {} → {}{}\n",
                r.year,
                r.name,
                r.cadre,
                r.from.as_deref().unwrap_or("-"),
                r.to,
                r.back_in.map(|b| format!(", {} {b}", w.back_in)).unwrap_or_default()
            ));
        }
    }
    out
}
