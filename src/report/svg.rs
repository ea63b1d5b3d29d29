//! Small inline SVG drawings for the committee report: the age-tier mix of a district's
//! leadership as stacked bars, and a rotation chain as boxes and arrows.
//!
//! The report must open from a USB stick on a machine without network and print on A4, so
//! charts are inline SVG written by hand: no script, no font or image to fetch, text that stays
//! sharp in print. Layouts are simple and fixed (no measuring of text), so the same data
//! always gives the same bytes. Every piece of text goes through [`esc`].

use std::fmt::Write;

use super::html::esc;

/// Fill colours of the age tiers, youngest first (distinct in colour and in grey).
const TIER_COLOURS: [&str; 6] = ["#1f5f8b", "#7fb3d5", "#e59c3c", "#a85d1a", "#5b8c5a", "#b9b9b9"];

/// One stacked bar: a label ("Trước", "Phương án 1") and a count per tier.
#[derive(Clone, Debug)]
pub struct Bar {
    /// Label left of the bar.
    pub label: String,
    /// Count per tier, in the tiers' order.
    pub counts: Vec<usize>,
}

/// Horizontal stacked bars of counts per tier, with a legend. `title` is the accessible name.
pub fn stacked_bars(title: &str, tiers: &[String], bars: &[Bar]) -> String {
    const W: f64 = 460.0;
    const LABEL_W: f64 = 120.0;
    const BAR_H: f64 = 20.0;
    const GAP: f64 = 8.0;
    let max_total = bars.iter().map(|b| b.counts.iter().sum::<usize>()).max().unwrap_or(0).max(1) as f64;
    let scale = (W - LABEL_W - 40.0) / max_total;
    let legend_y = bars.len() as f64 * (BAR_H + GAP) + 6.0;
    let h = legend_y + 22.0;
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{W}" height="{h}" viewBox="0 0 {W} {h}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = esc(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i as f64 * (BAR_H + GAP);
        let _ = write!(
            out,
            r#"<text x="{x}" y="{ty}" text-anchor="end" class="bar-label">{l}</text>"#,
            x = LABEL_W - 6.0,
            ty = y + BAR_H * 0.7,
            l = esc(&b.label)
        );
        let mut x = LABEL_W;
        for (k, &n) in b.counts.iter().enumerate() {
            if n == 0 {
                continue;
            }
            let w = n as f64 * scale;
            let _ = write!(
                out,
                r#"<rect x="{x:.1}" y="{y}" width="{w:.1}" height="{BAR_H}" fill="{c}"><title>{tier}: {n}</title></rect>"#,
                c = TIER_COLOURS[k % TIER_COLOURS.len()],
                tier = esc(tiers.get(k).map(String::as_str).unwrap_or("?"))
            );
            if w >= 14.0 {
                let fill = if k % 2 == 0 { "#fff" } else { "#111" };
                let _ = write!(
                    out,
                    r#"<text x="{cx:.1}" y="{ty}" text-anchor="middle" class="bar-count" fill="{fill}">{n}</text>"#,
                    cx = x + w / 2.0,
                    ty = y + BAR_H * 0.7
                );
            }
            x += w;
        }
        let total: usize = b.counts.iter().sum();
        let _ = write!(
            out,
            r#"<text x="{tx:.1}" y="{ty}" class="bar-total">{total}</text>"#,
            tx = x + 5.0,
            ty = y + BAR_H * 0.7
        );
    }
    let mut x = LABEL_W;
    for (k, t) in tiers.iter().enumerate() {
        let _ = write!(
            out,
            r#"<rect x="{x}" y="{legend_y}" width="12" height="12" fill="{c}"/><text x="{tx}" y="{ty}" class="legend">{t}</text>"#,
            c = TIER_COLOURS[k % TIER_COLOURS.len()],
            tx = x + 16.0,
            ty = legend_y + 10.5,
            t = esc(t)
        );
        x += 22.0 + 7.0 * t.chars().count() as f64;
    }
    out.push_str("</svg>");
    out
}

/// A box of a chain diagram: a place (post title) and a second line (its code, who held it).
#[derive(Clone, Debug)]
pub struct ChainBox {
    /// Main text (wrapped to two lines at most).
    pub title: String,
    /// Small second line.
    pub sub: String,
    /// Drawn dashed (outside the posts: the candidate pool, a release).
    pub outside: bool,
}

/// An arrow of a chain diagram: who moves.
#[derive(Clone, Debug)]
pub struct ChainArrow {
    /// The cadre (name, age).
    pub label: String,
}

const CHAIN_W: f64 = 430.0;
const BOX_X: f64 = 8.0;
const BOX_W: f64 = 370.0;
const LINE_H: f64 = 15.0;
const ARROW_GAP: f64 = 30.0;
const WRAP: usize = 52;

/// Splits a title into at most two lines of about `WRAP` characters, at spaces.
fn wrap2(text: &str) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in text.split_whitespace() {
        let cur = lines.last().map(|l| l.chars().count()).unwrap_or(0);
        if cur > 0 && cur + 1 + word.chars().count() > WRAP {
            lines.push(String::new());
        }
        if let Some(last) = lines.last_mut() {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    if lines.len() > 2 {
        let mut second: String = lines[1..].join(" ").chars().take(WRAP - 1).collect();
        second.push('…');
        lines.truncate(1);
        lines.push(second);
    }
    lines
}

/// A rotation chain drawn top to bottom: box, arrow (labelled with the cadre who moves), box,
/// …; for a cycle the last arrow runs back up the right side into the first box.
/// `arrows.len()` is `boxes.len() - 1` for a chain and `boxes.len()` for a cycle. `id` makes the
/// arrow-head marker's id unique in the document.
pub fn chain_diagram(id: &str, title: &str, boxes: &[ChainBox], arrows: &[ChainArrow], cycle: bool) -> String {
    let wrapped: Vec<Vec<String>> = boxes.iter().map(|b| wrap2(&b.title)).collect();
    let heights: Vec<f64> = wrapped.iter().map(|l| (l.len() as f64 + 1.0) * LINE_H + 8.0).collect();
    let mut tops = Vec::with_capacity(boxes.len());
    let mut y = 4.0;
    for h in &heights {
        tops.push(y);
        y += h + ARROW_GAP;
    }
    let total_h = if cycle { y + 8.0 } else { y - ARROW_GAP + 6.0 };
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg class="chain" xmlns="http://www.w3.org/2000/svg" width="{CHAIN_W}" height="{total_h}" viewBox="0 0 {CHAIN_W} {total_h}" role="img" aria-label="{t}"><title>{t}</title><defs><marker id="{id}-ah" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>"##,
        t = esc(title),
        id = esc(id)
    );
    let marker = format!("url(#{})", esc(&format!("{id}-ah")));
    for (i, b) in boxes.iter().enumerate() {
        let top = tops[i];
        let dash = if b.outside { r#" stroke-dasharray="4 3""# } else { "" };
        let fill = if b.outside { "#f4f4f4" } else { "#eef4fa" };
        let _ = write!(
            out,
            r##"<rect x="{BOX_X}" y="{top}" width="{BOX_W}" height="{h}" rx="4" fill="{fill}" stroke="#5a7da0"{dash}/>"##,
            h = heights[i]
        );
        for (k, line) in wrapped[i].iter().enumerate() {
            let _ = write!(
                out,
                r#"<text x="{x}" y="{ty}" class="box-title">{l}</text>"#,
                x = BOX_X + 8.0,
                ty = top + 4.0 + LINE_H * (k as f64 + 0.8),
                l = esc(line)
            );
        }
        let _ = write!(
            out,
            r#"<text x="{x}" y="{ty}" class="box-sub">{s}</text>"#,
            x = BOX_X + 8.0,
            ty = top + 4.0 + LINE_H * (wrapped[i].len() as f64 + 0.75),
            s = esc(&b.sub)
        );
    }
    let ax = BOX_X + 30.0;
    for (i, a) in arrows.iter().enumerate() {
        let y0 = tops.get(i).copied().unwrap_or(0.0) + heights.get(i).copied().unwrap_or(0.0);
        let label_y = y0 + ARROW_GAP / 2.0 + 4.0;
        if i + 1 < boxes.len() {
            let y1 = tops[i + 1];
            let _ = write!(
                out,
                r##"<line x1="{ax}" y1="{y0}" x2="{ax}" y2="{y1}" stroke="#333" stroke-width="1.4" marker-end="{marker}"/>"##,
                y1 = y1 - 1.0
            );
        } else if cycle && !boxes.is_empty() {
            // back to the first box, up the right side
            let down = y0 + ARROW_GAP - 8.0;
            let right = CHAIN_W - 12.0;
            let first_mid = tops[0] + heights[0] / 2.0;
            let _ = write!(
                out,
                r##"<path d="M{ax},{y0} L{ax},{down} L{right},{down} L{right},{first_mid} L{end},{first_mid}" fill="none" stroke="#333" stroke-width="1.4" marker-end="{marker}"/>"##,
                end = BOX_X + BOX_W + 1.0
            );
        }
        let _ = write!(
            out,
            r#"<text x="{x}" y="{label_y}" class="arrow-label">{l}</text>"#,
            x = ax + 10.0,
            l = esc(&a.label)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_drawings_is_escaped() {
        let s = stacked_bars("<b>", &["<tier>".into()], &[Bar { label: "a&b".into(), counts: vec![2] }]);
        assert!(!s.contains("<b>") && !s.contains("<tier>") && !s.contains("a&b"));
        let c = chain_diagram(
            "c1",
            "t",
            &[ChainBox { title: "</svg><script>".into(), sub: "\"x\"".into(), outside: false }],
            &[ChainArrow { label: "'y'".into() }],
            true,
        );
        assert!(!c.contains("<script>") && !c.contains("\"x\"") && !c.contains("'y'"));
    }

    #[test]
    fn long_titles_wrap_to_two_lines() {
        let t = "Phó Giám đốc Sở Lao động - Thương binh và Xã hội thành phố Hải Phòng, phụ trách công tác đào tạo nghề và giải quyết việc làm cho người lao động";
        assert_eq!(wrap2("Phó Chủ tịch UBND xã Đại Hà"), ["Phó Chủ tịch UBND xã Đại Hà"]);
        let l = wrap2(t);
        assert_eq!(l.len(), 2);
        assert!(l[1].ends_with('…'));
        assert!(l.iter().all(|x| x.chars().count() <= WRAP));
    }

    #[test]
    fn drawings_are_deterministic() {
        let boxes = vec![
            ChainBox { title: "A".into(), sub: "1".into(), outside: true },
            ChainBox { title: "B".into(), sub: "2".into(), outside: false },
        ];
        let arrows = vec![ChainArrow { label: "x".into() }];
        assert_eq!(chain_diagram("c", "t", &boxes, &arrows, false), chain_diagram("c", "t", &boxes, &arrows, false));
    }
}

/// One plan on the trade-off chart.
#[derive(Clone, Debug)]
pub struct PlanPoint {
    /// The plan's number, written on its marker.
    pub number: usize,
    /// Moves (x).
    pub moves: f64,
    /// Suitability points (y).
    pub suitability: f64,
    /// Share of the target instances met (0..1): the marker's size.
    pub met_share: f64,
    /// Tooltip.
    pub note: String,
}

/// The words of the trade-off chart (the report's word tables choose them).
#[derive(Clone, Debug)]
pub struct ChartWords {
    /// Accessible name.
    pub title: String,
    /// Label of the x axis.
    pub x: String,
    /// Label of the y axis.
    pub y: String,
    /// What the marker size shows.
    pub size: String,
}

/// A small scatter chart of the plans: moves on x, suitability on y, one marker per plan
/// labelled by its number, its area growing with the share of targets met (so that a plan that
/// buys suitability with moves, and one that meets more targets, stand apart at a glance).
/// Axes start a little below the smallest value, so that close plans do not collapse onto one
/// point; the axis ends are written as numbers.
pub fn tradeoff_chart(words: &ChartWords, points: &[PlanPoint]) -> String {
    const W: f64 = 420.0;
    const H: f64 = 230.0;
    const L: f64 = 64.0;
    const R: f64 = 16.0;
    const T: f64 = 12.0;
    const B: f64 = 58.0;
    let range = |v: Vec<f64>| {
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        if !lo.is_finite() {
            return (0.0, 1.0);
        }
        let pad = ((hi - lo) * 0.15).max(1.0);
        ((lo - pad).max(0.0).floor(), (hi + pad).ceil())
    };
    let (x0, x1) = range(points.iter().map(|p| p.moves).collect());
    let (y0, y1) = range(points.iter().map(|p| p.suitability).collect());
    let px = |x: f64| L + (x - x0) / (x1 - x0) * (W - L - R);
    let py = |y: f64| T + (y1 - y) / (y1 - y0) * (H - T - B);
    let mut out = String::new();
    let _ = write!(
        out,
        r#"<svg class="chart tradeoff" xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = esc(&words.title)
    );
    let (bx, by) = (L, H - B);
    let _ = write!(out, r##"<path d="M{L} {T} V{by} H{r}" fill="none" stroke="#555" stroke-width="1"/>"##, r = W - R);
    let num = |v: f64| format!("{v:.0}");
    let _ = write!(
        out,
        r#"<text x="{bx}" y="{ty}" class="axis" text-anchor="middle">{a}</text><text x="{ex}" y="{ty}" class="axis" text-anchor="middle">{b}</text>"#,
        ty = by + 14.0,
        ex = W - R,
        a = num(x0),
        b = num(x1)
    );
    let _ = write!(
        out,
        r#"<text x="{tx}" y="{ya}" class="axis" text-anchor="end">{a}</text><text x="{tx}" y="{yb}" class="axis" text-anchor="end">{b}</text>"#,
        tx = L - 4.0,
        ya = by,
        yb = T + 8.0,
        a = num(y0),
        b = num(y1)
    );
    let _ = write!(
        out,
        r#"<text x="{cx}" y="{ty}" class="axis-label" text-anchor="middle">{x}</text><text x="12" y="{cy}" class="axis-label" text-anchor="middle" transform="rotate(-90 12 {cy})">{y}</text><text x="{cx}" y="{sy}" class="axis" text-anchor="middle">{s}</text>"#,
        cx = (L + W - R) / 2.0,
        ty = by + 30.0,
        sy = by + 46.0,
        cy = (T + by) / 2.0,
        x = esc(&words.x),
        y = esc(&words.y),
        s = esc(&words.size)
    );
    for p in points {
        let r = 6.0 + 8.0 * p.met_share.clamp(0.0, 1.0);
        let (cx, cy) = (px(p.moves), py(p.suitability));
        let _ = write!(
            out,
            r##"<g class="plan-point" data-plan="{n}"><circle cx="{cx:.1}" cy="{cy:.1}" r="{r:.1}" fill="#7fb3d5" fill-opacity="0.7" stroke="#1f5f8b"><title>{note}</title></circle><text x="{cx:.1}" y="{ty:.1}" text-anchor="middle" class="point-label">{n}</text></g>"##,
            n = p.number,
            ty = cy + 4.0,
            note = esc(&p.note)
        );
    }
    out.push_str("</svg>");
    out
}
