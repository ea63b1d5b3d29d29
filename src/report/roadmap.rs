//! The roadmap section of the committee report and brief (`rotaplan report --roadmap
//! roadmap.json`): the year-by-year chart of the shares against the milestones, the table of
//! each year (milestone, moves, retirements, targets not met and the earliest year they are
//! met), and which district gets its young leader in which year. The words are the roadmap's
//! own tables ([`crate::roadmap::render::Words`]).

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::explain::Lang;
use crate::roadmap::document::{RoadmapDoc, ShareTrack};
use crate::roadmap::render::{band_text, why_text, words};

use super::html::esc;

/// The HTML section (placed in the brief, before the appendix). `titles` words the rules by id
/// ([`crate::roadmap::Roadmap::rule_titles`]); a rule without one shows its id.
pub fn section(doc: &RoadmapDoc, lang: Lang, titles: &BTreeMap<String, String>) -> String {
    let title = |id: &str| titles.get(id).cloned().unwrap_or_else(|| id.to_string());
    let w = words(lang);
    let mut out = String::new();
    let _ = write!(
        out,
        "<section id=\"roadmap\" class=\"roadmap\">\n<h2>{} {}–{}</h2>\n",
        esc(w.title),
        doc.years[0],
        doc.years[1]
    );
    // the chart: each share (summed over its subjects) against its required minimum, by year
    let _ = write!(out, "<h3>{}</h3>\n{}", esc(w.shares), chart(doc, lang, &title));
    // the years
    let _ = write!(
        out,
        "<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(w.year),
        esc(w.milestone),
        esc(w.moves),
        esc(w.retirements),
        esc(w.unmet)
    );
    for y in &doc.plans {
        let mut unmet = String::new();
        for u in &y.unmet {
            let when = match u.earliest_year {
                Some(e) => format!("{} {e}", w.met_from),
                None => w.never.to_string(),
            };
            let facts: Vec<String> = u.why.iter().take(3).map(|f| why_text(f, lang)).collect();
            let _ = write!(
                unmet,
                "<li>{} — {}: {} ({} {}); {}{}</li>",
                esc(&title(&u.rule)),
                esc(&u.subject_name),
                u.achieved,
                esc(w.required),
                esc(&band_text(u.required_min, u.required_max)),
                esc(&when),
                if facts.is_empty() { String::new() } else { format!("<br><small>{}</small>", esc(&facts.join("; "))) }
            );
        }
        let status = match y.status.as_str() {
            "not_planned" => format!("<br><small>{}</small>", esc(w.not_planned)),
            "infeasible" => format!("<br><small>{}</small>", esc(w.infeasible)),
            "fixed" => format!("<br><small>{}</small>", esc(w.fixed)),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}{status}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            y.year,
            esc(&crate::explain::words::milestone(&y.milestone, lang)),
            y.moves.len(),
            y.retirements.len(),
            if unmet.is_empty() { esc(w.none) } else { format!("<ul>{unmet}</ul>") }
        );
    }
    out.push_str("</tbody>\n</table>\n");
    // first year met, per coverage rule
    let _ = write!(
        out,
        "<h3>{}</h3>\n<table>\n<thead><tr><th></th><th></th><th>{}</th></tr></thead>\n<tbody>\n",
        esc(w.firsts),
        esc(w.year)
    );
    for f in &doc.firsts {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&title(&f.rule)),
            esc(&f.name),
            f.year.map(|y| y.to_string()).unwrap_or_else(|| "—".into())
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
    out
}

/// One line per rule: the achieved count summed over the rule's subjects, as a share of the
/// summed denominators, per year; a dot per year, hollow where a subject misses its band.
fn chart(doc: &RoadmapDoc, lang: Lang, title: &dyn Fn(&str) -> String) -> String {
    let mut rules: Vec<(&str, Vec<&ShareTrack>)> = Vec::new();
    for t in &doc.shares {
        match rules.iter_mut().find(|(r, _)| *r == t.rule) {
            Some((_, v)) => v.push(t),
            None => rules.push((&t.rule, vec![t])),
        }
    }
    let years: Vec<i32> = (doc.years[0]..=doc.years[1]).collect();
    let (left, top, width, row) = (260.0, 24.0, 80.0, 26.0);
    let height = top + row * rules.len() as f64 + 10.0;
    let total = left + width * years.len() as f64 + 20.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {total} {height}\" role=\"img\" aria-label=\"{}\">\n",
        esc(words(lang).shares)
    );
    for (i, y) in years.iter().enumerate() {
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"14\" font-size=\"11\" text-anchor=\"middle\">{y}</text>",
            left + width * (i as f64 + 0.5)
        );
    }
    for (k, (rule, tracks)) in rules.iter().enumerate() {
        let yy = top + row * k as f64 + row / 2.0;
        // the label column holds about 44 characters; the whole title is the tooltip
        let full = title(rule);
        let label: String =
            if full.chars().count() > 44 { full.chars().take(43).chain(['…']).collect() } else { full.clone() };
        let _ = writeln!(
            svg,
            "<text x=\"4\" y=\"{}\" font-size=\"11\"><title>{}</title>{}</text>",
            yy + 4.0,
            esc(&full),
            esc(&label)
        );
        for (i, y) in years.iter().enumerate() {
            let points: Vec<_> = tracks.iter().filter_map(|t| t.by_year.iter().find(|p| p.year == *y)).collect();
            if points.is_empty() {
                continue;
            }
            let achieved: f64 = points.iter().map(|p| p.achieved).sum();
            let denominator: usize = points.iter().filter_map(|p| p.denominator).sum();
            let met = points.iter().all(|p| p.met);
            let share = if denominator > 0 { achieved / denominator as f64 } else { 0.0 };
            let x = left + width * i as f64 + 8.0;
            let bar = (width - 16.0) * share.clamp(0.0, 1.0);
            let _ = writeln!(
                svg,
                "<rect x=\"{x}\" y=\"{}\" width=\"{}\" height=\"10\" fill=\"#dadce0\"/><rect x=\"{x}\" y=\"{}\" width=\"{bar:.1}\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{:.0}%{}</text>",
                yy - 5.0,
                width - 16.0,
                yy - 5.0,
                if met { "#1a73e8" } else { "#d93025" },
                left + width * (i as f64 + 0.5),
                yy + 15.0,
                share * 100.0,
                if met { "" } else { " ✗" }
            );
        }
    }
    svg.push_str("</svg>\n");
    svg
}

/// Inserts the section into a rendered report: before the appendix when there is one, else
/// before the footer (the brief).
pub fn insert(html: &str, section: &str) -> String {
    let at = html
        .find("<section id=\"appendix\"")
        .or_else(|| html.find("<footer>"))
        .or_else(|| html.find("</body>"))
        .unwrap_or(html.len());
    format!("{}{}{}", &html[..at], section, &html[at..])
}
