//! The committee report: one self-contained HTML file that planners print and bring to the
//! party committee.
//!
//! It is built from data only — the plans (as `plan.json` documents), the scenario and the
//! policy — and returns a string; the CLI writes the file. The file must open from a USB stick
//! on a machine without network and print on A4, so it holds no script and fetches nothing: CSS
//! and SVG are inline, fonts are the system's, and a Content-Security-Policy forbids anything
//! else (should escaping ever fail, an injected script still would not run). Every piece of
//! text from the inputs (names, titles, codes, file names) goes through [`esc`]. Output is
//! deterministic: ordered maps, sorted lists, no clock, so the same inputs give the same bytes.
//!
//! Sections, in order:
//! 1. the alternatives side by side: rank and Pareto layer ([`crate::rank`]), the criteria, one
//!    sentence per rank saying why a plan is above the next, targets met and unmet;
//! 2. one section per district (file order, a page break before each in print): leadership
//!    teams before and after, the age-tier mix (SVG), the party secretary's origin, the young
//!    leaders, the share of communes given a young vice-chair against the band;
//! 3. one card per move: who, from where to where, the kind, the rules served with their
//!    clauses, the facts behind it, the other eligible cadres and the closest ineligible ones
//!    with the reason each fails ([`crate::explain::words`], [`crate::explain::near_misses`]);
//! 4. rotation chains and swaps ([`super::chains`]) drawn as SVG ([`super::svg`]).
//!
//! People are listed in Vietnamese name order ([`crate::explain::collate`]).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;

use crate::check::counting::young_holder_counts;
use crate::explain::{near_misses, words, Lang};
use crate::formulation::{Formulation, FormulationSettings, RuleRef};
use crate::model::facts::{LocalReason, PlanningMatch};
use crate::model::policy::{LocalityPredicate, RuleBody};
use crate::model::*;
use crate::plan::{Plan, TargetRow};
use crate::rank::{criteria_table, dominator, rank, why_above, Ranked};

use super::chains::{chains, Chain, Place};
use super::svg::{chain_diagram, stacked_bars, tradeoff_chart, Bar, ChainArrow, ChainBox, ChartWords, PlanPoint};
use crate::explain::collate::{vi_name_cmp, vi_name_key};

/// Escapes text for HTML element content and attribute values (also inside inline SVG).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An id attribute value made only of `[A-Za-z0-9_-]` (other characters as `_xx` hex).
fn id_safe(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(b as char);
        } else {
            let _ = write!(out, "_{b:02x}");
        }
    }
    out
}

/// Sorts people by Vietnamese name order (given name first), then by `tie`, so that two people
/// with the same name keep a fixed order.
fn sort_by_name<T, N: AsRef<str>, K: Ord>(items: &mut [T], name: impl Fn(&T) -> N, tie: impl Fn(&T) -> K) {
    items.sort_by_cached_key(|x| (vi_name_key(name(x).as_ref()), tie(x)));
}

/// How much detail the report shows.
#[derive(Clone, Debug)]
pub struct Options {
    /// Other eligible cadres shown per move.
    pub others: usize,
    /// Closest ineligible cadres shown per move.
    pub near_misses: usize,
    /// Only the brief (about 10 printed pages for a city): no appendix with the per-district
    /// detail, the move cards and the chains.
    pub brief: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { others: 3, near_misses: 3, brief: false }
    }
}

/// What the report is made from.
pub struct ReportInput<'a> {
    /// The scenario the plans were made for.
    pub scenario: &'a Scenario,
    /// The policy.
    pub policy: &'a Policy,
    /// The alternatives, in the order given.
    pub plans: &'a [Plan],
    /// Where each plan came from (file name), shown under its label; may be empty.
    pub sources: &'a [String],
    /// Language of the labels.
    pub lang: Lang,
    /// Detail.
    pub options: Options,
}

/// Renders the report.
pub fn render(input: &ReportInput<'_>) -> String {
    Renderer::new(input).document()
}

/// A plan resolved against the scenario.
struct PlanView<'p> {
    plan: &'p Plan,
    label: String,
    source: String,
    /// The plan has placements (not infeasible, not "no plan before the limit").
    has_plan: bool,
    /// Planned post → holder after.
    after: BTreeMap<PostId, Option<CadreId>>,
    /// Cadre → post after.
    post_of: BTreeMap<CadreId, PostId>,
    /// Moves that are not stays.
    moves: Vec<MoveView>,
    /// Codes of the plan the scenario does not know.
    unresolved: BTreeSet<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct MoveView {
    cadre: CadreId,
    from: Option<PostId>,
    to: Option<PostId>,
    kind: String,
    serves: Vec<String>,
    /// Why the move is made, as the plan records it.
    purpose: Option<crate::plan::Purpose>,
    /// The cadre whose move this one follows from (`makes_room`, `fills_post`).
    because_of: Option<CadreId>,
}

fn resolve<'p>(s: &Scenario, plan: &'p Plan, label: String, source: String) -> PlanView<'p> {
    let mut unresolved = BTreeSet::new();
    let cadre = |code: &str, bad: &mut BTreeSet<String>| {
        let c = s.cadre_by_code(code.trim());
        if c.is_none() {
            bad.insert(code.to_string());
        }
        c
    };
    let mut after = BTreeMap::new();
    let mut post_of = BTreeMap::new();
    for row in &plan.posts {
        let Some(p) = s.post_by_code(row.post.trim()) else {
            unresolved.insert(row.post.clone());
            continue;
        };
        let c = row.after.as_deref().and_then(|code| cadre(code, &mut unresolved));
        if let Some(c) = c {
            post_of.insert(c, p);
        }
        after.insert(p, c);
    }
    let mut moves = Vec::new();
    for m in plan.moves.iter().filter(|m| m.kind != "stays") {
        let Some(c) = cadre(&m.cadre, &mut unresolved) else { continue };
        let post = |code: &Option<String>, bad: &mut BTreeSet<String>| match code {
            None => Some(None),
            Some(x) => match s.post_by_code(x.trim()) {
                Some(p) => Some(Some(p)),
                None => {
                    bad.insert(x.clone());
                    None
                }
            },
        };
        let (Some(from), Some(to)) = (post(&m.from, &mut unresolved), post(&m.to, &mut unresolved)) else { continue };
        moves.push(MoveView {
            cadre: c,
            from,
            to,
            kind: m.kind.clone(),
            serves: m.serves.clone(),
            purpose: m.purpose,
            because_of: m.because_of.as_deref().and_then(|x| s.cadre_by_code(x.trim())),
        });
    }
    PlanView { plan, label, source, has_plan: !plan.posts.is_empty(), after, post_of, moves, unresolved }
}

/// One move shown as a card, with the plans that make it.
struct Card {
    mv: MoveView,
    /// Plan indices (input order), in rank order.
    plans: Vec<usize>,
}

struct Renderer<'a> {
    s: &'a Scenario,
    policy: &'a Policy,
    lang: Lang,
    opt: Options,
    facts: Facts<'a>,
    f: Formulation<'a>,
    views: Vec<PlanView<'a>>,
    /// Ranked plans, best first.
    ranked: Vec<Ranked>,
    /// Plan indices in the order they are numbered and shown (see [`plan_numbers`]).
    order: Vec<usize>,
    /// Each plan's number, by input position.
    numbers: Vec<usize>,
    districts: Vec<LocalityId>,
}

/// The number of each plan ("Phương án N"), one number per plan everywhere: the number a plan
/// was given when it was made among alternatives (`Plan::number`, its rank then), kept when it is
/// unique among the plans shown; the other plans (hand-drafted, single solves) take the next free
/// numbers in rank order. Returns the numbers by input position.
pub fn plan_numbers(plans: &[Plan], ranked: &[Ranked]) -> Vec<usize> {
    let mut numbers = vec![0usize; plans.len()];
    let mut used = BTreeSet::new();
    for (i, p) in plans.iter().enumerate() {
        if let Some(n) = p.number.filter(|n| *n > 0) {
            if plans.iter().filter(|q| q.number == Some(n)).count() == 1 {
                numbers[i] = n;
                used.insert(n);
            }
        }
    }
    let mut next = 1;
    for r in ranked {
        if numbers[r.index] == 0 {
            while used.contains(&next) {
                next += 1;
            }
            numbers[r.index] = next;
            used.insert(next);
        }
    }
    numbers
}

/// Appends formatted text to a String (writing to a String cannot fail).
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        let _ = write!($out, $($arg)*);
    }};
}

const CSS: &str = r#"
:root{--ink:#1a1a1a;--muted:#5f6368;--line:#cfd6de;--accent:#1f5f8b;--ok:#1e7b34;--bad:#b42318;--soft:#f4f6f9}
*{box-sizing:border-box}
html{background:#fff}
body{font-family:"Noto Sans","DejaVu Sans","Segoe UI",Arial,sans-serif;color:var(--ink);margin:0 auto;max-width:1180px;padding:24px 28px;line-height:1.45;font-size:14px}
h1{font-size:25px;margin:0 0 2px;color:var(--accent)}
h2{font-size:19px;border-bottom:2px solid var(--accent);padding-bottom:3px;margin:34px 0 10px}
h3{font-size:15.5px;margin:20px 0 8px}
h4{font-size:14.5px;margin:0 0 4px}
p{margin:6px 0}
table{border-collapse:collapse;width:100%;margin:6px 0 14px}
th,td{border:1px solid var(--line);padding:4px 7px;vertical-align:top;text-align:left}
th{background:var(--soft);font-weight:600}
caption{text-align:left;font-weight:600;padding:4px 0}
td.items{font-size:12.5px}
table.unmet td:first-child,table.violations td:first-child{width:26%}
table.unmet td:nth-child(2),table.violations td:nth-child(2){width:70px}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.text{text-align:right;font-size:12px}
.muted,.meta,.file{color:var(--muted)}
.meta,.file{font-size:12px}
.ok{color:var(--ok)}
.bad{color:var(--bad)}
.best{font-weight:700;background:#eef7ee}
.tag{display:inline-block;font-size:11.5px;line-height:1.5;padding:0 6px;border-radius:9px;border:1px solid var(--line);margin-left:4px;white-space:nowrap;font-weight:400}
.tag.local{background:#fff3e0;border-color:#e8b866}
.tag.nonlocal{background:#e7f4ea;border-color:#94c7a0}
.tag.young{background:#e5eff9;border-color:#8db4dc}
.tag.kind{background:var(--accent);border-color:var(--accent);color:#fff}
.tag.plans{background:var(--soft)}
td.changed{background:#fff8dc}
table.team td:first-child{width:19%}
table.team td{white-space:nowrap}
table.team td:first-child{white-space:normal}
.vacant{color:var(--muted);font-style:italic}
.cover{border-bottom:3px double var(--accent);padding-bottom:10px;margin-bottom:10px}
table.meta-table{width:auto;font-size:13px}
table.alternatives{width:auto;min-width:60%}
table.alternatives th:first-child{min-width:300px}
table.meta-table th{background:none;border:none;padding:1px 14px 1px 0;color:var(--muted);font-weight:400}
table.meta-table td{border:none;padding:1px 0}
nav.toc{background:var(--soft);border:1px solid var(--line);border-radius:4px;padding:6px 14px;margin:12px 0}
nav.toc ol{columns:3;margin:4px 0;padding-left:20px}
nav.toc a{color:var(--accent);text-decoration:none}
ol.reasons li{margin:3px 0}
.district-facts{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:10px 22px;align-items:start}
.district-facts h3{margin-top:6px}
.fact{margin:4px 0}
ul.plain{list-style:none;padding-left:0;margin:4px 0}
ul.plain li{margin:2px 0}
.card{border:1px solid var(--line);border-left:5px solid var(--accent);border-radius:4px;padding:8px 12px;margin:10px 0;break-inside:avoid}
.card.release{border-left-color:#888}
.card .route{margin:4px 0 6px}
.card dl{display:grid;grid-template-columns:170px minmax(0,1fr);gap:3px 12px;margin:6px 0 2px}
.card dt{color:var(--muted)}
.card dd{margin:0}
.card ul{margin:0;padding-left:18px}
.card .reasons{color:#333}
.chains{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:12px}
figure{margin:0;border:1px solid var(--line);border-radius:4px;padding:6px 8px;break-inside:avoid}
figcaption{font-size:12.5px;margin-bottom:4px;font-weight:600}
svg{max-width:100%;height:auto}
svg text{font-family:"Noto Sans","DejaVu Sans","Segoe UI",Arial,sans-serif}
svg .bar-label,svg .legend{font-size:12px;fill:#222}
svg .axis,svg .point-label{font-size:11px;fill:#222}svg .axis-label{font-size:12px;fill:#222}
.tradeoffs{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}.tradeoffs figure{margin:0}.tradeoff-list{flex:1 1 360px;margin:0}
tr.subhead th{text-align:left;background:#f1f4f8}
svg .bar-count{font-size:11px;font-weight:700}
svg .bar-total{font-size:11px;fill:#555}
svg .box-title{font-size:12px;fill:#111}
svg .box-sub{font-size:10.5px;fill:#555}
svg .arrow-label{font-size:11.5px;fill:#1f3f5b;font-weight:600}
.warn{border:1px solid #e8b866;background:#fff8e6;padding:6px 10px;border-radius:4px}
footer{margin-top:30px;border-top:1px solid var(--line);padding-top:6px;font-size:12px;color:var(--muted)}
thead{display:table-header-group}
td,th{overflow-wrap:break-word}
table.personnel{font-size:12px;table-layout:fixed}
table.personnel td,table.personnel th{padding:2px 4px}
table.personnel col.stt{width:4.5%}
table.personnel col.name{width:15%}
table.personnel col.year{width:6%}
table.personnel col.post{width:26%}
table.personnel col.kind{width:10.5%}
table.personnel col.why{width:12%}
table.commune-counts{width:auto;min-width:60%}
table.personnel tr.group th{background:#e9eef4;text-align:left}
table.milestones td:first-child{width:30%}
table.milestones td:nth-child(2){width:18%}
table.changes{font-size:12.5px}
ul.decision li{margin:3px 0}
nav.toc ol ol{columns:1;padding-left:16px}
@page{size:A4;margin:14mm 12mm 16mm}
@media print{
 body{max-width:none;padding:0;font-size:9.5pt}
 nav.toc{break-inside:avoid;font-size:8.5pt}
 nav.toc ol{columns:2}
 nav.toc ol ol{columns:3}
 tr{break-inside:avoid;page-break-inside:avoid}
 table.alternatives{width:100%;min-width:0}
 table.alternatives th:first-child{min-width:0;width:28%}
 table.team td{white-space:normal}
 table.personnel{font-size:7.5pt;line-height:1.25}
 table.personnel td,table.personnel th{padding:1px 3px}
 table.changes,table.milestones{font-size:8.5pt}
 #appendix{break-before:page;page-break-before:always}
 section.district{break-before:page;page-break-before:always}
 #moves,#chains{break-before:page;page-break-before:always}
 h2,h3,h4{break-after:avoid;page-break-after:avoid}
 .card,figure,table.team,table.team tr,table.alternatives tr{break-inside:avoid;page-break-inside:avoid}
 caption{break-after:avoid;page-break-after:avoid}
 a{color:inherit;text-decoration:none}
 .chains{grid-template-columns:1fr 1fr}
 .card{font-size:8.5pt;padding:5px 8px;margin:6px 0}
 .card dl{grid-template-columns:105px minmax(0,1fr);gap:1px 8px;margin:3px 0 0}
 .card h4{font-size:10pt}
 .card .route{margin:2px 0 3px}
 td.changed{background:#fff8dc;-webkit-print-color-adjust:exact;print-color-adjust:exact}
 svg{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
@media screen and (max-width:820px){.district-facts{grid-template-columns:1fr}.card dl{grid-template-columns:1fr}}
"#;

impl<'a> Renderer<'a> {
    fn new(input: &ReportInput<'a>) -> Self {
        let s = input.scenario;
        let lang = input.lang;
        let ranked = rank(input.policy, input.plans);
        let numbers = plan_numbers(input.plans, &ranked);
        let views: Vec<PlanView<'a>> = input
            .plans
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let label = format!("{} {}", lang.pick("Phương án", "Plan"), numbers[i]);
                let source = input.sources.get(i).cloned().unwrap_or_default();
                resolve(s, p, label, source)
            })
            .collect();
        let mut order: Vec<usize> = (0..input.plans.len()).collect();
        order.sort_by_key(|i| numbers[*i]);
        let f = Formulation::build(s, input.policy, &FormulationSettings::default());
        Renderer {
            s,
            policy: input.policy,
            lang,
            opt: input.options.clone(),
            facts: Facts::new(s, input.policy),
            f,
            views,
            ranked,
            order,
            numbers,
            districts: s.localities_at(Level::District),
        }
    }

    fn t<'x>(&self, vi: &'x str, en: &'x str) -> &'x str {
        self.lang.pick(vi, en)
    }

    /// The plans in the order of their numbers.
    fn in_rank_order(&self) -> Vec<usize> {
        self.order.clone()
    }

    fn num(&self, x: f64) -> String {
        let s = if x.fract() == 0.0 { format!("{x:.0}") } else { format!("{x:.2}") };
        match self.lang {
            Lang::Vi => s.replace('.', ","),
            Lang::En => s,
        }
    }

    fn pct(&self, x: f64) -> String {
        format!("{:.0}%", x * 100.0)
    }

    fn date(&self, d: Date) -> String {
        match self.lang {
            Lang::Vi => d.0.format("%d/%m/%Y").to_string(),
            Lang::En => d.to_string(),
        }
    }

    fn age(&self, c: CadreId) -> i32 {
        self.facts.age(c)
    }

    /// A role's label, capitalised (English labels are lower case in the vocabulary).
    fn role_label(&self, r: Role) -> String {
        let l = words::label(r, self.lang);
        let mut chars = l.chars();
        match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        }
    }

    fn kind_label(&self, kind: &str) -> String {
        let (vi, en) = match kind {
            "stays" => ("Giữ nguyên", "Stays"),
            "rotates" => ("Luân chuyển", "Rotation"),
            "reinforcement" => ("Tăng cường", "Reinforcement"),
            "appointment" => ("Bổ nhiệm", "Appointment"),
            "release" => ("Thôi giữ chức vụ", "Release"),
            other => (other, other),
        };
        self.t(vi, en).to_string()
    }

    fn status_text(&self, plan: &Plan) -> String {
        crate::explain::summary::status_text(plan.status, plan.stop, plan.gap, self.lang)
    }

    fn rule_title(&self, id: &str) -> String {
        match self.policy.rules.iter().position(|r| r.id == id) {
            Some(i) => words::rule_title(self.policy, RuleRef::Policy(i), self.lang),
            None => id.to_string(),
        }
    }

    fn rule_clause(&self, id: &str) -> String {
        self.policy.rule(id).map(|r| r.clause.clone()).unwrap_or_default()
    }

    /// The district a locality lies in.
    fn district_of(&self, l: LocalityId) -> Option<LocalityId> {
        self.s.ancestor_at(l, Level::District)
    }

    /// "Xã A, Huyện B" — a locality and its district.
    fn place_name(&self, l: LocalityId) -> String {
        let s = self.s;
        let name = s.locality(l).name.clone();
        match self.district_of(l) {
            Some(d) if d != l => format!("{name}, {}", s.locality(d).name),
            _ => name,
        }
    }

    /// Where a cadre works before the plan: post title, else workplace unit.
    fn current_place(&self, c: CadreId) -> String {
        let cd = self.s.cadre(c);
        if let Some(p) = cd.post {
            return self.s.post(p).title.clone();
        }
        if let Some(u) = cd.workplace {
            return self.s.unit(u).name.clone();
        }
        self.t("chưa có chức vụ trong dữ liệu", "no post in the data").into()
    }

    fn local_tag(&self, c: CadreId, l: LocalityId) -> String {
        if self.facts.is_local(c, l) {
            format!(r#"<span class="tag local">{}</span>"#, self.t("người địa phương", "local"))
        } else {
            format!(r#"<span class="tag nonlocal">{}</span>"#, self.t("không phải người địa phương", "non-local"))
        }
    }

    fn local_reason_text(&self, c: CadreId, l: LocalityId) -> String {
        let s = self.s;
        match self.facts.local_reason(c, l) {
            Some(LocalReason::Hometown(h)) => format!("{} {}", self.t("quê", "hometown"), self.place_name(h)),
            Some(LocalReason::Listed(x)) => {
                format!("{} {}", self.t("được ghi là người địa phương của", "listed as local to"), s.locality(x).name)
            }
            Some(LocalReason::Worked(y)) => match self.lang {
                Lang::Vi => format!("đã công tác {} năm tại đây", words::years(y, self.lang)),
                Lang::En => format!("worked here {} years", words::years(y, self.lang)),
            },
            None => format!("{} {}", self.t("quê", "hometown"), self.place_name(s.cadre(c).hometown)),
        }
    }

    /// A person in a table cell: name, age, and a short local / non-local tag relative to `l`
    /// (the table's legend spells the tags out).
    fn person_cell(&self, c: CadreId, l: Option<LocalityId>) -> String {
        let mut out = format!(
            r#"<span class="who">{}</span> <span class="meta">{}</span>"#,
            esc(&self.s.cadre(c).name),
            self.age(c)
        );
        if let Some(l) = l {
            if self.facts.is_local(c, l) {
                w!(out, r#"<span class="tag local">{}</span>"#, self.t("ĐP", "local"));
            } else {
                w!(out, r#"<span class="tag nonlocal">{}</span>"#, self.t("ngoài ĐP", "non-local"));
            }
        }
        out
    }

    fn vacant(&self) -> String {
        format!(r#"<span class="vacant">{}</span>"#, self.t("— trống —", "— vacant —"))
    }

    /// Holder of a planned post after plan `v` (`None` outer: the plan has no placements).
    fn holder_after(&self, v: &PlanView<'_>, p: PostId) -> Option<Option<CadreId>> {
        if !v.has_plan {
            return None;
        }
        Some(match v.after.get(&p) {
            Some(h) => *h,
            None => self.s.post(p).holder,
        })
    }

    // ------------------------------------------------------------------ document

    fn document(&self) -> String {
        let mut out = String::with_capacity(1 << 20);
        let title = format!("{} — {}", self.t("Báo cáo phương án nhân sự", "Personnel plan report"), self.s.name);
        w!(
            out,
            "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"rotaplan {}\">\n<title>{}</title>\n<style>{}@page{{@bottom-center{{content:\"{} \" counter(page) \" / \" counter(pages);font-size:8pt;color:#5f6368}}}}</style>\n",
            self.t("vi", "en"),
            env!("CARGO_PKG_VERSION"),
            esc(&title),
            CSS,
            // page numbers in print (CSS page-margin boxes, Chromium 131 and later)
            self.t("Trang", "Page")
        );
        out.push_str("</head>\n<body>\n");
        self.header(&mut out);
        self.toc(&mut out);
        self.decision(&mut out);
        self.summary(&mut out);
        self.personnel(&mut out);
        self.milestones(&mut out);
        self.alternatives(&mut out);
        if !self.opt.brief {
            self.appendix(&mut out);
            for &d in &self.districts {
                self.district(&mut out, d);
            }
            self.moves(&mut out);
            self.chains(&mut out);
        }
        self.footer(&mut out);
        out.push_str("</body>\n</html>\n");
        out
    }

    fn header(&self, out: &mut String) {
        let s = self.s;
        w!(
            out,
            "<header class=\"cover\">\n<h1>{}</h1>\n",
            self.t("Báo cáo phương án nhân sự", "Personnel plan report")
        );
        w!(out, "<p><b>{}</b></p>\n<table class=\"meta-table\">\n", esc(&s.name));
        let milestones: BTreeSet<&str> =
            self.views.iter().map(|v| v.plan.milestone.as_str()).filter(|m| !m.is_empty()).collect();
        let rows: Vec<(&str, String)> = vec![
            (self.t("Căn cứ", "Policy"), esc(&self.policy.name)),
            (self.t("Văn bản", "Sources"), esc(&self.policy.source)),
            (self.t("Ngày lập phương án", "Plan date"), esc(&self.date(s.plan_date))),
            (self.t("Nhiệm kỳ", "Term"), format!("{}–{}", s.term.start, s.term.end)),
            (self.t("Mốc chỉ tiêu", "Milestone"), esc(&milestones.into_iter().collect::<Vec<_>>().join(", "))),
            (self.t("Số phương án so sánh", "Alternatives compared"), self.views.len().to_string()),
        ];
        for (k, v) in rows {
            w!(out, "<tr><th>{k}</th><td>{v}</td></tr>\n");
        }
        out.push_str("</table>\n");
        w!(
            out,
            "<p class=\"muted\">{}</p>\n",
            self.t(
                "Mỗi đề xuất trong báo cáo đều nêu quy định (điều, khoản) và dữ kiện làm căn cứ, và có thể lập lại từ cùng dữ liệu (Kết luận 09-KL/TU §2.1: công khai, dân chủ, khách quan, minh bạch).",
                "Every proposal in this report states the rule (with its clause) and the facts it rests on, and can be reproduced from the same data (Conclusion 09-KL/TU §2.1: public, democratic, objective, transparent)."
            )
        );
        for v in &self.views {
            if !v.unresolved.is_empty() {
                let codes: Vec<&str> = v.unresolved.iter().map(String::as_str).take(10).collect();
                w!(
                    out,
                    "<p class=\"warn\">{}: {} {}</p>\n",
                    esc(&v.label),
                    self.t("mã không có trong dữ liệu, đã bỏ qua:", "codes unknown to the scenario, left out:"),
                    esc(&codes.join(", "))
                );
            }
        }
        out.push_str("</header>\n");
    }

    fn toc(&self, out: &mut String) {
        w!(out, "<nav class=\"toc\"><b>{}</b>\n<ol>\n", self.t("Mục lục", "Contents"));
        let first = self.first_label();
        let brief = [
            ("decision", self.t("Tóm tắt để quyết định", "Summary for the decision").to_string()),
            ("summary", self.t("So sánh các phương án", "The alternatives side by side").to_string()),
            ("personnel", format!("{} — {first}", self.t("Danh sách nhân sự đề xuất", "Personnel proposed"))),
            ("milestones", self.t("Chỉ tiêu so với các mốc", "Targets against the milestones").to_string()),
            ("alternatives", self.t("Các phương án khác thay đổi gì", "What each alternative changes").to_string()),
        ];
        for (id, title) in brief {
            w!(out, "<li><a href=\"#{id}\">{}</a></li>\n", esc(&title));
        }
        if !self.opt.brief {
            w!(
                out,
                "<li><a href=\"#appendix\">{}</a><ol>\n",
                self.t("Phụ lục: chi tiết từng địa phương", "Appendix: the detail by place")
            );
            w!(out, "<li><a href=\"#unmet\">{}</a></li>\n", self.t("Chỉ tiêu chưa đạt", "Targets not met"));
            for &d in &self.districts {
                w!(
                    out,
                    "<li><a href=\"#d-{}\">{}</a></li>\n",
                    id_safe(&self.s.locality(d).code),
                    esc(&self.s.locality(d).name)
                );
            }
            w!(out, "<li><a href=\"#moves\">{}</a></li>\n", self.t("Các trường hợp điều động", "The moves"));
            w!(out, "<li><a href=\"#chains\">{}</a></li>\n", self.t("Chuỗi luân chuyển", "Rotation chains"));
            out.push_str("</ol></li>\n");
        }
        out.push_str("</ol></nav>\n");
    }

    /// The label of the first plan shown (the recommended one).
    fn first_label(&self) -> String {
        self.order.first().map(|i| self.views[*i].label.clone()).unwrap_or_default()
    }

    /// The first plan shown that has placements.
    fn first_with_plan(&self) -> Option<usize> {
        self.order.iter().copied().find(|i| self.views[*i].has_plan)
    }

    /// How a plan came about, in words (emphasis or regional re-plan).
    fn origin_text(&self, plan: &Plan) -> String {
        match plan.settings.emphasis.as_deref() {
            Some(code) => crate::explain::summary::emphasis_text(self.s, code, self.lang),
            None if plan.status == "hand" => self.t("lập thủ công", "drafted by hand").into(),
            None => self.t("theo đúng thứ tự ưu tiên của quy định", "the policy's priorities as written").into(),
        }
    }

    /// How a plan came about, in a few words for a table cell.
    fn short_origin(&self, plan: &Plan) -> String {
        match plan.settings.emphasis.as_deref() {
            Some(code) if code.starts_with("region:") => {
                let region = &code["region:".len()..];
                let place = match self.s.locality_by_code(region) {
                    Some(l) => self.s.locality(l).name.clone(),
                    None => self.t("cấp thành phố", "city level").into(),
                };
                format!("{} {place}", self.t("lập lại tại", "re-planned in"))
            }
            Some("balanced") | None if plan.status != "hand" => self.t("cân bằng", "balanced").into(),
            None => self.t("lập thủ công", "by hand").into(),
            Some(_) => self.origin_text(plan),
        }
    }

    /// A plan's status in a few words for a table cell.
    fn short_status(&self, plan: &Plan) -> String {
        let gap = plan.gap.filter(|g| g.is_finite()).map(|g| format!("{:.2}%", g * 100.0));
        match (plan.status.as_str(), gap) {
            ("optimal", _) => self.t("tối ưu", "optimal").into(),
            ("optimal_in_neighbourhood", Some(g)) => {
                format!("{} {g}", self.t("tối ưu trong vùng lập lại; cách tối đa", "optimal in its region; at most"))
            }
            ("optimal_in_neighbourhood", None) => self.t("tối ưu trong vùng lập lại", "optimal in its region").into(),
            ("stopped_with_plan", Some(g)) => format!("{} {g}", self.t("dừng ở giới hạn; cách tối ưu", "stopped; gap")),
            _ => self.status_text(plan),
        }
    }

    /// Moves of a plan with a purpose: the plan's own count when it records one, else its
    /// moves counted.
    fn purpose_count(&self, v: &PlanView<'_>, p: crate::plan::Purpose) -> usize {
        match v.plan.objective.moves_by_purpose.get(p.code()) {
            Some(n) => *n,
            None => v.moves.iter().filter(|m| m.purpose == Some(p)).count(),
        }
    }

    /// The plans' trade-offs side by side: each alternative's sentence (what it trades against
    /// the first plan), and a small chart of moves against suitability with target attainment
    /// as the markers' size.
    fn tradeoffs(&self, out: &mut String, order: &[usize], crit: &[crate::rank::Criteria]) {
        if order.len() < 2 {
            return;
        }
        w!(
            out,
            "<h3 id=\"tradeoffs\">{}</h3>\n<div class=\"tradeoffs\">\n",
            self.t("Đánh đổi giữa các phương án", "What the plans trade")
        );
        let points: Vec<PlanPoint> = order
            .iter()
            .zip(crit)
            .filter(|(i, _)| self.views[**i].has_plan)
            .map(|(&i, c)| {
                let v = &self.views[i];
                let met_share = if c.targets_total > 0 { c.targets_met as f64 / c.targets_total as f64 } else { 1.0 };
                PlanPoint {
                    number: self.number_of(i),
                    moves: v.moves.len() as f64,
                    suitability: c.suitability as f64,
                    met_share,
                    note: format!(
                        "{}: {} {}, {} {}, {} {}/{}",
                        v.label,
                        v.moves.len(),
                        self.t("lượt điều động", "moves"),
                        c.suitability,
                        self.t("điểm phù hợp", "suitability points"),
                        self.t("đạt", "met"),
                        c.targets_met,
                        c.targets_total
                    ),
                }
            })
            .collect();
        let words = ChartWords {
            title: self
                .t("Số lượt điều động và điểm phù hợp của các phương án", "Moves and suitability of the plans")
                .into(),
            x: self.t("số lượt điều động", "moves").into(),
            y: self.t("điểm phù hợp", "suitability").into(),
            size: self
                .t("điểm càng lớn, càng nhiều chỉ tiêu đạt", "the larger the marker, the more targets met")
                .into(),
        };
        w!(out, "<figure class=\"tradeoff-chart\">{}</figure>\n", tradeoff_chart(&words, &points));
        out.push_str("<ul class=\"tradeoff-list\">\n");
        for (&i, c) in order.iter().zip(crit) {
            let v = &self.views[i];
            let sentence = match crate::explain::summary::tradeoff_text(self.s, self.policy, v.plan, self.lang) {
                Some(t) => t,
                None if i == order[0] => self.t("phương án đối chiếu", "the plan the others are compared with").into(),
                None => self.t("không ghi nhận đánh đổi so với phương án 1", "no trade-off recorded").into(),
            };
            w!(
                out,
                "<li><b>{}</b> ({} {}, {} {}, {} {}/{}): {}.</li>\n",
                esc(&v.label),
                v.moves.len(),
                self.t("lượt điều động", "moves"),
                c.suitability,
                self.t("điểm phù hợp", "suitability points"),
                self.t("đạt", "met"),
                c.targets_met,
                c.targets_total,
                esc(&sentence)
            );
        }
        out.push_str("</ul>\n</div>\n");
    }

    /// A plan's number (by input position), as its label shows it.
    fn number_of(&self, i: usize) -> usize {
        self.numbers.get(i).copied().unwrap_or(i + 1)
    }

    /// The posts of a plan where other candidates give exactly the same plan, listed after the
    /// personnel list ("any of these 3 comrades gives the same plan").
    fn interchangeable(&self, out: &mut String, v: &PlanView<'_>) {
        let choices = &v.plan.interchangeable;
        if choices.is_empty() {
            return;
        }
        const SHOWN: usize = 12;
        w!(
            out,
            "<h3 id=\"interchangeable\">{} <span class=\"meta\">({})</span></h3>\n<p class=\"muted\">{}</p>\n<ul class=\"interchangeable\">\n",
            self.t("Lựa chọn tương đương", "Interchangeable choices"),
            choices.len(),
            self.t(
                "Ở các chức vụ sau, chọn một đồng chí khác trong danh sách vẫn cho cùng một phương án (cùng chỉ tiêu, cùng số lượt điều động, cùng điểm phù hợp): cấp ủy có thể chọn.",
                "On these posts another cadre of the list gives the same plan (same targets, moves and suitability): the committee may choose.",
            )
        );
        let name = |code: &str| match self.s.cadre_by_code(code) {
            Some(c) => self.s.cadre(c).name.clone(),
            None => code.to_string(),
        };
        for ch in choices.iter().take(SHOWN) {
            let title = self.s.post_by_code(&ch.post).map(|p| self.s.post(p).title.clone()).unwrap_or(ch.post.clone());
            let mut names: Vec<String> = std::iter::once(&ch.chosen).chain(&ch.others).map(|c| name(c)).collect();
            // `count` is the other candidates in all; the list names the chosen one too
            let total = (ch.count + 1).max(names.len());
            let more = total.saturating_sub(names.len());
            if more > 0 {
                names.push(match self.lang {
                    Lang::Vi => format!("và {more} đồng chí khác"),
                    Lang::En => format!("and {more} more"),
                });
            }
            w!(
                out,
                "<li><b>{}</b>: {}</li>\n",
                esc(&title),
                esc(&match self.lang {
                    Lang::Vi => format!(
                        "bất kỳ đồng chí nào trong {total} đồng chí sau cũng cho cùng một phương án (phương án chọn đồng chí {}): {}",
                        name(&ch.chosen),
                        names.join(", ")
                    ),
                    Lang::En => format!(
                        "any of these {total} cadres gives the same plan (the plan picks {}): {}",
                        name(&ch.chosen),
                        names.join(", ")
                    ),
                })
            );
        }
        out.push_str("</ul>\n");
        if choices.len() > SHOWN {
            w!(
                out,
                "<p class=\"meta\">{} {} {}</p>\n",
                self.t("… và", "… and"),
                choices.len() - SHOWN,
                self.t("chức vụ khác (xem plan.json).", "more posts (see plan.json).")
            );
        }
    }

    fn kind_counts(&self, v: &PlanView<'_>) -> String {
        let parts: Vec<String> = ["rotates", "reinforcement", "appointment", "release"]
            .iter()
            .map(|k| {
                format!("{} {}", v.moves.iter().filter(|m| m.kind == *k).count(), self.kind_label(k).to_lowercase())
            })
            .collect();
        parts.join(", ")
    }

    // ------------------------------------------------------------------ the brief

    /// Section 1: what the committee is asked to decide, in a few sentences.
    fn decision(&self, out: &mut String) {
        w!(
            out,
            "<section id=\"decision\">\n<h2>1. {}</h2>\n",
            self.t("Tóm tắt để quyết định", "Summary for the decision")
        );
        let Some(i) = self.first_with_plan() else {
            for &i in &self.order {
                w!(
                    out,
                    "<p class=\"bad\">{}: {}</p>\n",
                    esc(&self.views[i].label),
                    esc(&self.status_text(self.views[i].plan))
                );
            }
            out.push_str("</section>\n");
            return;
        };
        let v = &self.views[i];
        let plan = v.plan;
        let met = plan.targets.iter().filter(|t| t.met).count();
        out.push_str("<ul class=\"decision\">\n");
        w!(
            out,
            "<li><b>{}:</b> {} ({}; {}).</li>\n",
            self.t("Đề xuất", "Proposed"),
            esc(&v.label),
            esc(&self.origin_text(plan)),
            esc(&self.status_text(plan))
        );
        w!(
            out,
            "<li><b>{}:</b> {} {} ({}); {} {}.</li>\n",
            self.t("Nhân sự", "People"),
            v.moves.len(),
            self.t("người thay đổi vị trí", "change place"),
            esc(&self.kind_counts(v)),
            plan.moves.iter().filter(|m| m.kind == "stays").count(),
            self.t("người giữ nguyên chức vụ", "stay in their posts")
        );
        w!(
            out,
            "<li><b>{}:</b> {} {met}/{} {}; {}.</li>\n",
            self.t("Chỉ tiêu", "Targets"),
            self.t("đạt", "met"),
            plan.targets.len(),
            self.t("nội dung", "items"),
            if plan.violations.is_empty() {
                self.t("tuân thủ mọi quy định bắt buộc", "every hard rule holds").to_string()
            } else {
                format!(
                    "{} {}",
                    plan.violations.len(),
                    self.t("trường hợp vi phạm quy định bắt buộc", "breaches of hard rules")
                )
            }
        );
        let mut unmet: Vec<(String, usize)> = Vec::new();
        for t in plan.targets.iter().filter(|t| !t.met) {
            let title = self.rule_title(&t.rule);
            match unmet.iter_mut().find(|(r, _)| *r == title) {
                Some((_, n)) => *n += 1,
                None => unmet.push((title, 1)),
            }
        }
        if !unmet.is_empty() {
            let items: Vec<String> =
                unmet.iter().map(|(r, n)| format!("{} ({n} {})", esc(r), self.t("nơi", "places"))).collect();
            w!(out, "<li><b>{}:</b> {}.</li>\n", self.t("Chưa đạt", "Not met"), items.join("; "));
        }
        w!(
            out,
            "<li><b>{}:</b> {}.</li>\n",
            self.t("Chức vụ còn trống sau phương án", "Posts left vacant"),
            plan.vacancies.len()
        );
        if self.views.len() > 1 {
            w!(
                out,
                "<li><b>{}:</b> {} {} (<a href=\"#summary\">{}</a>, <a href=\"#alternatives\">{}</a>).</li>\n",
                self.t("Phương án khác", "Alternatives"),
                self.views.len() - 1,
                self.t("phương án để lựa chọn", "to choose from"),
                self.t("mục 2", "section 2"),
                self.t("mục 5", "section 5")
            );
        }
        out.push_str("</ul>\n</section>\n");
    }

    /// The reason for one move, short enough for one line of the personnel list: its purpose
    /// in words (as the plan records it), the numbers of the rules it serves (`refs` numbers
    /// them; the list's legend gives their clauses and titles), whose move it follows from, and
    /// the facts that force it (tenure cap, release).
    fn move_reason(&self, m: &MoveView, refs: &[&str]) -> String {
        let mut why: Vec<String> = Vec::new();
        if let Some(p) = m.purpose {
            let mut text = crate::explain::summary::purpose_text(p, self.lang).to_string();
            if let Some(c) = m.because_of {
                text = match self.lang {
                    Lang::Vi => format!("{text} (theo điều động của đồng chí {})", self.s.cadre(c).name),
                    Lang::En => format!("{text} (following the move of {})", self.s.cadre(c).name),
                };
            }
            why.push(text);
            if let (crate::plan::Purpose::FillsPost, Some(to)) = (p, m.to) {
                let basis = crate::plan::purpose::fills_basis(self.s, self.policy, to);
                why.push(words::fills_basis(&basis, self.lang));
            }
        }
        let numbers: Vec<String> = m
            .serves
            .iter()
            .filter_map(|id| refs.iter().position(|r| r == id).map(|k| format!("({})", k + 1)))
            .collect();
        if !numbers.is_empty() {
            why.push(numbers.join(" "));
        }
        let cf = &self.f.judge.cadre[m.cadre.index()];
        let y = |x: f64| words::years(x, self.lang);
        if cf.tenure_capped {
            let t = self.facts.tenure(m.cadre, self.s.plan_date);
            why.push(match self.lang {
                Lang::Vi => format!("giữ chức vụ {} năm", y(t)),
                Lang::En => format!("{} years in post", y(t)),
            });
        }
        if m.to.is_none() {
            why.push(match self.lang {
                Lang::Vi => format!("còn {} năm công tác", y(cf.service_left)),
                Lang::En => format!("{} years of service left", y(cf.service_left)),
            });
        }
        if why.is_empty() {
            why.push(self.t("phù hợp nhất", "best suited").into());
        }
        // "thực hiện chỉ tiêu (1) (3); giữ chức vụ 8,2 năm"
        match (m.purpose, why.len() > 1 && !numbers.is_empty()) {
            (Some(_), true) => {
                let first = why.remove(0);
                let nums = why.remove(0);
                why.insert(0, format!("{first} {nums}"));
                why.join("; ")
            }
            _ => why.join("; "),
        }
    }

    /// The moves of a plan in the order of the personnel list: by destination (city level,
    /// each district, releases), then kind, then name.
    fn listed_moves<'v>(&self, v: &'v PlanView<'_>, commune: bool) -> Vec<&'v MoveView> {
        let s = self.s;
        let kind_rank =
            |k: &str| ["rotates", "reinforcement", "appointment", "release"].iter().position(|x| *x == k).unwrap_or(9);
        let mut moves: Vec<&MoveView> = v.moves.iter().filter(|m| self.is_commune_move(m) == commune).collect();
        moves.sort_by_cached_key(|m| {
            (self.card_group(m), kind_rank(&m.kind), vi_name_key(&s.cadre(m.cadre).name), m.cadre)
        });
        moves
    }

    /// A move into a commune-level post (decided by the district committees).
    fn is_commune_move(&self, m: &MoveView) -> bool {
        m.to.is_some_and(|p| self.s.post(p).level == Level::Commune)
    }

    /// Section 3: one line per person of the first plan for the city- and district-level posts
    /// (the city committee's decisions), grouped by where they go and by kind of move; the
    /// commune-level moves (decided by the district committees) counted per district here and
    /// listed one per line in the appendix.
    fn personnel(&self, out: &mut String) {
        let s = self.s;
        w!(
            out,
            "<section id=\"personnel\">\n<h2>3. {} — {}</h2>\n",
            self.t("Danh sách nhân sự đề xuất", "Personnel proposed"),
            esc(&self.first_label())
        );
        let Some(i) = self.first_with_plan() else {
            w!(
                out,
                "<p class=\"muted\">{}</p>\n</section>\n",
                self.t("Không có phương án bố trí.", "No plan with placements.")
            );
            return;
        };
        let v = &self.views[i];
        if v.moves.is_empty() {
            w!(out, "<p>{}</p>\n</section>\n", self.t("Mọi người giữ nguyên chức vụ.", "Everyone stays."));
            return;
        }
        let upper = self.listed_moves(v, false);
        let commune = self.listed_moves(v, true);
        w!(
            out,
            "<h3>{} <span class=\"meta\">({})</span></h3>\n",
            self.t("Chức vụ cấp thành phố, cấp huyện", "City- and district-level posts"),
            upper.len()
        );
        self.personnel_table(out, &upper);
        self.interchangeable(out, v);
        if !commune.is_empty() {
            w!(
                out,
                "<h3>{} <span class=\"meta\">({})</span></h3>\n<p class=\"muted\">{}</p>\n",
                self.t("Chức vụ cấp xã, theo quận, huyện", "Commune-level posts, by district"),
                commune.len(),
                if self.opt.brief {
                    self.t(
                        "Do cấp ủy quận, huyện quyết định; danh sách từng người có trong báo cáo đầy đủ và tệp Excel.",
                        "Decided by the district committees; the full report and the spreadsheet list each person.",
                    )
                } else {
                    self.t(
                        "Do cấp ủy quận, huyện quyết định; danh sách từng người ở phụ lục.",
                        "Decided by the district committees; the appendix lists each person.",
                    )
                }
            );
            w!(out, "<table class=\"commune-counts\">\n<thead><tr><th>{}</th>", self.t("Quận, huyện", "District"));
            let kinds = ["rotates", "reinforcement", "appointment"];
            for k in kinds {
                w!(out, "<th class=\"num\">{}</th>", esc(&self.kind_label(k)));
            }
            w!(out, "<th class=\"num\">{}</th></tr></thead>\n<tbody>\n", self.t("Cộng", "Total"));
            let mut groups: Vec<usize> = commune.iter().map(|m| self.card_group(m)).collect();
            groups.dedup();
            for g in groups {
                let rows: Vec<&&MoveView> = commune.iter().filter(|m| self.card_group(m) == g).collect();
                let name = match g {
                    k if k >= 1 && k <= self.districts.len() => s.locality(self.districts[k - 1]).name.clone(),
                    _ => self.t("Khác", "Other").into(),
                };
                w!(out, "<tr><td>{}</td>", esc(&name));
                for k in kinds {
                    w!(out, "<td class=\"num\">{}</td>", rows.iter().filter(|m| m.kind == k).count());
                }
                w!(out, "<td class=\"num\">{}</td></tr>\n", rows.len());
            }
            out.push_str("</tbody></table>\n");
        }
        out.push_str("</section>\n");
    }

    /// The one-line-per-person table, with a legend of the clauses cited.
    fn personnel_table(&self, out: &mut String, moves: &[&MoveView]) {
        let s = self.s;
        w!(
            out,
            "<table class=\"personnel\">\n<colgroup><col class=\"stt\"><col class=\"name\"><col class=\"year\"><col class=\"post\"><col class=\"post\"><col class=\"kind\"><col class=\"why\"></colgroup>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            self.t("STT", "No."),
            self.t("Họ và tên", "Name"),
            self.t("Năm sinh", "Born"),
            self.t("Chức vụ hiện tại", "Current post"),
            self.t("Đề xuất", "Proposed"),
            self.t("Hình thức", "Kind"),
            self.t("Lý do", "Reason")
        );
        // the rules served, numbered in policy order, for the reason column and its legend
        let mut refs: Vec<&str> = self
            .policy
            .rules
            .iter()
            .map(|r| r.id.as_str())
            .filter(|id| moves.iter().any(|m| m.serves.iter().any(|x| x == id)))
            .collect();
        for m in moves {
            for id in &m.serves {
                if !refs.contains(&id.as_str()) {
                    refs.push(id.as_str());
                }
            }
        }
        let mut group = None;
        for (n, m) in moves.iter().enumerate() {
            let g = self.card_group(m);
            if group != Some(g) {
                group = Some(g);
                let title = match g {
                    0 => self.t("Cấp thành phố", "City level").to_string(),
                    usize::MAX => self.t("Thôi giữ chức vụ lãnh đạo", "Released from leadership posts").to_string(),
                    k => s.locality(self.districts[k - 1]).name.clone(),
                };
                let count = moves.iter().filter(|x| self.card_group(x) == g).count();
                w!(
                    out,
                    "<tr class=\"group\"><th colspan=\"7\">{} <span class=\"meta\">({count})</span></th></tr>\n",
                    esc(&title)
                );
            }
            let cd = s.cadre(m.cadre);
            let from = match m.from {
                Some(p) => s.post(p).title.clone(),
                None => self.current_place(m.cadre),
            };
            let to = match m.to {
                Some(p) => s.post(p).title.clone(),
                None => "—".into(),
            };
            w!(
                out,
                "<tr><td class=\"num\">{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"why\">{}</td></tr>\n",
                n + 1,
                esc(&cd.name),
                cd.birth_date.year(),
                esc(&from),
                esc(&to),
                esc(&self.kind_label(&m.kind)),
                esc(&self.move_reason(m, &refs))
            );
        }
        out.push_str("</tbody></table>\n");
        if !refs.is_empty() {
            let items: Vec<String> = refs
                .iter()
                .enumerate()
                .map(|(k, id)| {
                    format!("({}) <b>{}</b>: {}", k + 1, esc(&self.rule_clause(id)), esc(&self.rule_title(id)))
                })
                .collect();
            w!(
                out,
                "<p class=\"meta legend\">{} {}.</p>\n",
                self.t("Lý do theo quy định:", "Rules served:"),
                items.join("; ")
            );
        }
    }

    /// The bands of a bounded rule per milestone, with the milestone that applies marked.
    fn bands_text(&self, body: &RuleBody, milestone: &str) -> String {
        let bands = match body {
            RuleBody::Coverage(c) => &c.bands,
            RuleBody::RotationQuota(q) => &q.bands,
            _ => return String::new(),
        };
        let hard = crate::model::policy::strength_of(body).map(|st| st.hard_at.clone()).unwrap_or_default();
        let mut parts = Vec::new();
        for (m, [lo, hi]) in bands {
            let name = match (m.as_str(), self.lang) {
                ("term_end", Lang::Vi) => "cuối nhiệm kỳ".to_string(),
                ("term_end", Lang::En) => "end of term".to_string(),
                (other, _) => other.to_string(),
            };
            let band = if lo == hi { self.pct(*lo) } else { format!("{}–{}", self.pct(*lo), self.pct(*hi)) };
            let strict =
                if hard.contains(m) { format!(" ({})", self.t("bắt buộc", "hard")) } else { String::new() };
            let text = format!("{}: {band}{strict}", esc(&name));
            parts.push(if m == milestone { format!("<b>{text}</b>") } else { text });
        }
        parts.join("<br>")
    }

    /// What a rule counts, for "9/15 quận, huyện": the kind of its subjects, or of the children
    /// a city-wide share counts.
    fn subject_unit(&self, rows: &[&TargetRow], body: &RuleBody) -> String {
        let s = self.s;
        if rows.len() == 1 && rows[0].denominator.is_some() {
            return match body {
                RuleBody::Coverage(c) => self.level_plural(c.child),
                RuleBody::RotationQuota(_) => self.t("người", "cadres").into(),
                _ => String::new(),
            };
        }
        let code = rows.first().map(|r| r.subject.as_str()).unwrap_or("");
        if let Some(l) = s.locality_by_code(code) {
            return self.level_plural(s.locality(l).kind.level());
        }
        if s.team_by_code(code).is_some() {
            return self.t("tập thể lãnh đạo", "teams").into();
        }
        if s.cadre_by_code(code).is_some() {
            return self.t("người", "cadres").into();
        }
        self.t("đơn vị", "units").into()
    }

    fn level_plural(&self, l: Level) -> String {
        match (l, self.lang) {
            (Level::City, Lang::Vi) => "tỉnh, thành phố".into(),
            (Level::District, Lang::Vi) => "quận, huyện".into(),
            (Level::Commune, Lang::Vi) => "xã, phường, thị trấn".into(),
            (Level::City, Lang::En) => "provinces".into(),
            (Level::District, Lang::En) => "districts".into(),
            (Level::Commune, Lang::En) => "communes".into(),
        }
    }

    /// Section 4: every bounded rule against its milestones, with what each plan achieves:
    /// a city-wide share as "9/15 quận, huyện", a per-place rule as the places that meet it.
    fn milestones(&self, out: &mut String) {
        w!(
            out,
            "<section id=\"milestones\">\n<h2>4. {}</h2>\n",
            self.t("Chỉ tiêu so với các mốc", "Targets against the milestones")
        );
        let milestone = self
            .views
            .iter()
            .map(|v| v.plan.milestone.clone())
            .find(|m| !m.is_empty())
            .unwrap_or_else(|| self.policy.milestone.clone());
        w!(
            out,
            "<p class=\"muted\">{} <b>{}</b>. {}</p>\n",
            self.t("Mốc đang áp dụng:", "Milestone applied:"),
            esc(&milestone),
            self.t(
                "Với chỉ tiêu chung toàn thành phố: số nơi đạt trên tổng số; với chỉ tiêu từng nơi: số nơi đạt yêu cầu trên tổng số nơi.",
                "A city-wide share: places that have it out of all; a per-place rule: places that meet it out of all."
            )
        );
        w!(
            out,
            "<table class=\"milestones\">\n<thead><tr><th>{}</th><th>{}</th>",
            self.t("Chỉ tiêu", "Target"),
            self.t("Yêu cầu theo mốc", "Required by milestone")
        );
        for &i in &self.order {
            w!(out, "<th class=\"num\">{}</th>", esc(&self.views[i].label));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for rule in self.policy.active_rules() {
            if crate::model::policy::strength_of(&rule.body).is_none() {
                continue;
            }
            let rows_of = |i: usize| -> Vec<&TargetRow> {
                self.views[i].plan.targets.iter().filter(|t| t.rule == rule.id).collect()
            };
            if self.order.iter().all(|&i| rows_of(i).is_empty()) {
                continue;
            }
            let bands = self.bands_text(&rule.body, &milestone);
            let bands = if bands.is_empty() {
                match &rule.body {
                    RuleBody::TeamMix(_) => self
                        .t(
                            "mọi tập thể chủ chốt đủ 3 độ tuổi và từ 2 chuyên ngành",
                            "every key team has the age tiers and the fields",
                        )
                        .into(),
                    RuleBody::TenureCap(_) => {
                        self.t("không ai giữ một chức vụ quá thời hạn", "nobody past the cap").into()
                    }
                    _ => String::new(),
                }
            } else {
                bands
            };
            w!(
                out,
                "<tr><td>{} <span class=\"meta\">{}</span></td><td>{bands}</td>",
                esc(&self.rule_title(&rule.id)),
                esc(&rule.clause)
            );
            for &i in &self.order {
                let rows = rows_of(i);
                if rows.is_empty() {
                    out.push_str("<td class=\"num muted\">—</td>");
                    continue;
                }
                let unit = self.subject_unit(&rows, &rule.body);
                let all_met = rows.iter().all(|t| t.met);
                let class = if all_met { "text ok" } else { "text bad" };
                let text = if rows.len() == 1 && rows[0].denominator.is_some() {
                    let t = rows[0];
                    let d = t.denominator.unwrap_or(0);
                    format!("{}/{d} {unit}", self.num(t.achieved))
                } else {
                    let met = rows.iter().filter(|t| t.met).count();
                    format!("{met}/{} {unit}", rows.len())
                };
                let mark = if all_met { self.t("đạt", "met") } else { self.t("chưa đạt", "not met") };
                w!(out, "<td class=\"{class}\">{}<br><span class=\"meta\">{mark}</span></td>", esc(&text));
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n</section>\n");
    }

    /// Section 5: what each alternative changes against the first plan: how it came about, a
    /// sentence on what it trades, and the posts whose holder differs.
    fn alternatives(&self, out: &mut String) {
        let s = self.s;
        w!(
            out,
            "<section id=\"alternatives\">\n<h2>5. {}</h2>\n",
            self.t("Các phương án khác thay đổi gì", "What each alternative changes")
        );
        let Some(first) = self.first_with_plan() else {
            out.push_str("</section>\n");
            return;
        };
        if self.views.len() < 2 {
            w!(out, "<p>{}</p>\n</section>\n", self.t("Chỉ có một phương án.", "There is only one plan."));
            return;
        }
        let base = &self.views[first];
        let crit = |i: usize| self.ranked.iter().find(|r| r.index == i).map(|r| r.criteria.clone());
        for &i in self.order.iter().filter(|i| **i != first) {
            let v = &self.views[i];
            w!(out, "<h3>{} <span class=\"meta\">{}</span></h3>\n", esc(&v.label), esc(&self.origin_text(v.plan)));
            if !v.has_plan {
                w!(out, "<p class=\"bad\">{}</p>\n", esc(&self.status_text(v.plan)));
                continue;
            }
            if let Some(t) = crate::explain::summary::tradeoff_text(s, self.policy, v.plan, self.lang) {
                w!(
                    out,
                    "<p class=\"tradeoff\"><b>{}:</b> {}.</p>\n",
                    self.t("Đánh đổi so với phương án 1", "Trade-off against plan 1"),
                    esc(&t)
                );
            } else if let (Some(a), Some(b)) = (crit(first), crit(i)) {
                w!(out, "<p>{}</p>\n", esc(&self.tradeoff_sentence(&base.label, &a, &v.label, &b)));
            }
            let mut diff: Vec<PostId> = base
                .after
                .keys()
                .chain(v.after.keys())
                .copied()
                .collect::<BTreeSet<_>>()
                .into_iter()
                .filter(|p| self.holder_after(base, *p) != self.holder_after(v, *p))
                .collect();
            diff.sort_by_key(|p| {
                (
                    self.card_group(&MoveView {
                        cadre: CadreId::from_index(0),
                        from: None,
                        to: Some(*p),
                        kind: String::new(),
                        serves: vec![],
                        purpose: None,
                        because_of: None,
                    }),
                    p.index(),
                )
            });
            if diff.is_empty() {
                w!(
                    out,
                    "<p class=\"muted\">{}</p>\n",
                    self.t("Không khác người giữ chức vụ nào.", "No post has a different holder.")
                );
                continue;
            }
            const SHOWN: usize = 8;
            w!(
                out,
                "<table class=\"changes\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
                self.t("Chức vụ", "Post"),
                esc(&base.label),
                esc(&v.label)
            );
            let who = |h: Option<Option<CadreId>>| match h.flatten() {
                Some(c) => format!("{} <span class=\"meta\">{}</span>", esc(&s.cadre(c).name), self.age(c)),
                None => self.vacant(),
            };
            for p in diff.iter().take(SHOWN) {
                w!(
                    out,
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                    esc(&s.post(*p).title),
                    who(self.holder_after(base, *p)),
                    who(self.holder_after(v, *p))
                );
            }
            out.push_str("</tbody></table>\n");
            if diff.len() > SHOWN {
                w!(
                    out,
                    "<p class=\"meta\">{} {} {}</p>\n",
                    self.t("… và", "… and"),
                    diff.len() - SHOWN,
                    if self.opt.brief {
                        self.t("chức vụ khác (xem báo cáo đầy đủ).", "more posts (see the full report).")
                    } else {
                        self.t("chức vụ khác (xem phụ lục).", "more posts (see the appendix).")
                    }
                );
            }
        }
        out.push_str("</section>\n");
    }

    /// One sentence on what an alternative gives and takes against the first plan, from the
    /// criteria (the plan document's own trade-off sentence will replace it when it has one).
    fn tradeoff_sentence(&self, la: &str, a: &crate::rank::Criteria, lb: &str, b: &crate::rank::Criteria) -> String {
        let mut better = Vec::new();
        let mut worse = Vec::new();
        let mut note = |name: &str, x: f64, y: f64, up: bool| {
            if x == y {
                return;
            }
            let text = format!("{name} {} / {}", self.num(y), self.num(x));
            if (y > x) == up {
                better.push(text)
            } else {
                worse.push(text)
            }
        };
        note(self.t("chỉ tiêu đạt", "targets met"), a.targets_met as f64, b.targets_met as f64, true);
        note(self.t("điểm phù hợp", "suitability"), a.suitability as f64, b.suitability as f64, true);
        note(self.t("số lượt điều động", "moves"), a.moves as f64, b.moves as f64, false);
        note(self.t("chức vụ còn trống", "vacant posts"), a.vacancies as f64, b.vacancies as f64, false);
        match self.lang {
            Lang::Vi => {
                if better.is_empty() && worse.is_empty() {
                    format!("{lb} ngang {la} ở mọi tiêu chí chính; chỉ khác người được bố trí.")
                } else {
                    let mut parts = Vec::new();
                    if !better.is_empty() {
                        parts.push(format!("tốt hơn về {}", better.join(", ")));
                    }
                    if !worse.is_empty() {
                        parts.push(format!("kém hơn về {}", worse.join(", ")));
                    }
                    format!("So với {la}, {lb} {} (số của {lb} / {la}).", parts.join("; "))
                }
            }
            Lang::En => {
                if better.is_empty() && worse.is_empty() {
                    format!("{lb} equals {la} on every main criterion; only the people placed differ.")
                } else {
                    let mut parts = Vec::new();
                    if !better.is_empty() {
                        parts.push(format!("better on {}", better.join(", ")));
                    }
                    if !worse.is_empty() {
                        parts.push(format!("worse on {}", worse.join(", ")));
                    }
                    format!("Against {la}, {lb} is {} ({lb} / {la}).", parts.join("; "))
                }
            }
        }
    }

    /// The appendix heading, and each plan's unmet targets in full.
    fn appendix(&self, out: &mut String) {
        w!(
            out,
            "<section id=\"appendix\" class=\"appendix\">\n<h2>{}</h2>\n<p class=\"muted\">{}</p>\n",
            self.t("Phụ lục: chi tiết từng địa phương", "Appendix: the detail by place"),
            self.t(
                "Các trang sau là chi tiết làm căn cứ cho phần tóm tắt: chỉ tiêu chưa đạt của từng phương án, từng quận, huyện, từng trường hợp điều động và các chuỗi luân chuyển.",
                "The pages below are the detail behind the brief: each plan's unmet targets, each district, each move and the rotation chains."
            )
        );
        if let Some(i) = self.first_with_plan() {
            let commune = self.listed_moves(&self.views[i], true);
            if !commune.is_empty() {
                w!(
                    out,
                    "<h3 id=\"personnel-commune\">{} — {} <span class=\"meta\">({})</span></h3>\n",
                    self.t("Danh sách nhân sự cấp xã", "Commune-level personnel"),
                    esc(&self.views[i].label),
                    commune.len()
                );
                self.personnel_table(out, &commune);
            }
        }
        w!(out, "<div id=\"unmet\">\n");
        let order = self.in_rank_order();
        self.targets_by_rule(out, &order);
        for &i in &order {
            self.unmet(out, &self.views[i]);
        }
        out.push_str("</div>\n</section>\n");
    }

    // ------------------------------------------------------------------ summary

    fn summary(&self, out: &mut String) {
        let order = self.in_rank_order();
        w!(
            out,
            "<section id=\"summary\" class=\"summary\">\n<h2>2. {}</h2>\n",
            self.t("So sánh các phương án", "The alternatives side by side")
        );
        // the side-by-side table
        w!(
            out,
            "<table id=\"summary-table\" class=\"alternatives\">\n<thead><tr><th>{}</th>",
            self.t("Tiêu chí", "Criterion")
        );
        for &i in &order {
            let v = &self.views[i];
            w!(out, "<th class=\"num\">{}", esc(&v.label));
            if !v.source.is_empty() {
                w!(out, "<br><span class=\"file\">{}</span>", esc(&v.source));
            }
            out.push_str("</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        let cell_row = |out: &mut String, name: &str, cells: Vec<String>| {
            w!(out, "<tr><th>{name}</th>");
            for c in cells {
                w!(out, "<td class=\"num\">{c}</td>");
            }
            out.push_str("</tr>\n");
        };
        // criteria by plan, in the order shown
        let crit: Vec<crate::rank::Criteria> = order
            .iter()
            .map(|&i| {
                self.ranked.iter().find(|r| r.index == i).map(|r| r.criteria.clone()).expect("every plan is ranked")
            })
            .collect();
        for (name, cells) in [
            (
                self.t("Cách lập", "How it was made"),
                order.iter().map(|&i| esc(&self.short_origin(self.views[i].plan))).collect::<Vec<_>>(),
            ),
            (
                self.t("Trạng thái", "Status"),
                order.iter().map(|&i| esc(&self.short_status(self.views[i].plan))).collect::<Vec<_>>(),
            ),
        ] {
            w!(out, "<tr><th>{name}</th>");
            for c in cells {
                w!(out, "<td class=\"text\">{c}</td>");
            }
            out.push_str("</tr>\n");
        }
        cell_row(
            out,
            self.t("Chỉ tiêu đạt", "Targets met"),
            crit.iter().map(|c| format!("{}/{}", c.targets_met, c.targets_total)).collect(),
        );
        let criteria: [(&str, &str, &str, bool); 8] = [
            (
                "target_shortfall",
                "Mức thiếu hụt chỉ tiêu (tính theo mức quan trọng)",
                "Target shortfall (by importance)",
                false,
            ),
            ("suitability", "Điểm phù hợp", "Suitability points", true),
            ("moves", "Số lượt điều động", "Moves", false),
            ("age_tier_teams", "Tập thể lãnh đạo đủ 3 độ tuổi", "Teams with all age tiers", true),
            (
                "field_mix_teams",
                "Tập thể lãnh đạo đủ cơ cấu chuyên ngành",
                "Teams with the mix of specialisations",
                true,
            ),
            ("non_local", "Nơi bí thư không phải người địa phương", "Non-local secretaries", true),
            ("localities_short", "Địa phương còn chỉ tiêu chưa đạt", "Localities short of a target", false),
            ("vacancies", "Chức vụ còn trống", "Vacant posts", false),
        ];
        let tables: Vec<BTreeMap<&'static str, f64>> = crit.iter().map(criteria_table).collect();
        for (key, vi, en, up) in criteria {
            let vals: Vec<f64> = tables.iter().map(|t| t.get(key).copied().unwrap_or(0.0)).collect();
            let best = vals.iter().copied().fold(None, |acc: Option<f64>, x| match acc {
                None => Some(x),
                Some(a) => Some(if up { a.max(x) } else { a.min(x) }),
            });
            let distinct = vals.iter().any(|x| Some(*x) != best);
            w!(out, "<tr><th>{}</th>", self.t(vi, en));
            for x in vals {
                let class = if distinct && Some(x) == best { "num best" } else { "num" };
                w!(out, "<td class=\"{class}\">{}</td>", self.num(x));
            }
            out.push_str("</tr>\n");
        }
        for kind in ["rotates", "reinforcement", "appointment", "release"] {
            let cells = order
                .iter()
                .map(|&i| self.views[i].moves.iter().filter(|m| m.kind == kind).count().to_string())
                .collect();
            cell_row(out, &format!("— {}", self.kind_label(kind)), cells);
        }
        // the moves by purpose; the discretionary ones on a row of their own
        w!(
            out,
            "<tr class=\"subhead\"><th colspan=\"{}\">{}</th></tr>\n",
            order.len() + 1,
            self.t("Lý do điều động (số lượt)", "Why the moves are made (moves)")
        );
        for p in crate::plan::Purpose::ALL {
            if p == crate::plan::Purpose::Discretionary {
                continue;
            }
            let cells = order.iter().map(|&i| self.purpose_count(&self.views[i], p).to_string()).collect();
            cell_row(out, &format!("— {}", esc(crate::explain::summary::purpose_text(p, self.lang))), cells);
        }
        let discretionary: Vec<String> = order
            .iter()
            .map(|&i| {
                let n = self.purpose_count(&self.views[i], crate::plan::Purpose::Discretionary);
                if n > 0 {
                    format!("<span class=\"bad\">{n}</span>")
                } else {
                    n.to_string()
                }
            })
            .collect();
        cell_row(
            out,
            self.t("Điều động không có lý do theo quy định", "Moves with no purpose under the rules"),
            discretionary,
        );
        out.push_str("</tbody></table>\n");
        self.tradeoffs(out, &order, &crit);

        // why each ranks above the next
        w!(
            out,
            "<h3>{}</h3>\n",
            self.t("Vì sao phương án này xếp trên phương án kia", "Why each plan ranks above the next")
        );
        if self.ranked.len() < 2 {
            w!(out, "<p>{}</p>\n", self.t("Chỉ có một phương án.", "There is only one plan."));
        } else {
            out.push_str("<ol class=\"reasons\">\n");
            // consecutive plans in the order of their numbers; each sentence says which of the
            // two ranks above the other among the plans shown
            let pos = |i: usize| self.ranked.iter().position(|r| r.index == i).expect("every plan is ranked");
            for pair in self.order.windows(2) {
                let (x, y) = (&self.ranked[pos(pair[0])], &self.ranked[pos(pair[1])]);
                let tie = x.layer == y.layer
                    && x.criteria.target_shortfall == y.criteria.target_shortfall
                    && x.criteria.suitability == y.criteria.suitability
                    && x.criteria.moves == y.criteria.moves;
                let (a, b) = if tie || pos(pair[0]) < pos(pair[1]) { (pair[0], pair[1]) } else { (pair[1], pair[0]) };
                let (ra, rb) = (&self.ranked[pos(a)], &self.ranked[pos(b)]);
                let by = dominator(&self.ranked, rb).map(|d| (d, self.views[d.index].label.as_str()));
                let sentence = why_above(ra, rb, &self.views[a].label, &self.views[b].label, by, self.lang);
                w!(out, "<li>{}</li>\n", esc(&sentence));
            }
            out.push_str("</ol>\n");
        }

        out.push_str("</section>\n");
    }

    fn targets_by_rule(&self, out: &mut String, order: &[usize]) {
        w!(
            out,
            "<h3>{}</h3>\n",
            self.t("Chỉ tiêu theo từng quy định (đạt / tổng số nơi)", "Targets by rule (met / instances)")
        );
        w!(
            out,
            "<table class=\"targets\">\n<thead><tr><th>{}</th><th>{}</th>",
            self.t("Quy định", "Rule"),
            self.t("Căn cứ", "Clause")
        );
        for &i in order {
            w!(out, "<th class=\"num\">{}</th>", esc(&self.views[i].label));
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for rule in &self.policy.rules {
            let counts: Vec<(usize, usize)> = order
                .iter()
                .map(|&i| {
                    let rows = self.views[i].plan.targets.iter().filter(|t| t.rule == rule.id);
                    rows.fold((0, 0), |(m, n), t| (m + t.met as usize, n + 1))
                })
                .collect();
            if counts.iter().all(|(_, n)| *n == 0) {
                continue;
            }
            w!(out, "<tr><td>{}</td><td>{}</td>", esc(&self.rule_title(&rule.id)), esc(&rule.clause));
            for (m, n) in counts {
                let class = if m == n { "num ok" } else { "num bad" };
                w!(out, "<td class=\"{class}\">{m}/{n}</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }

    fn bound_text(&self, t: &TargetRow) -> String {
        match (t.required_min, t.required_max) {
            (Some(a), Some(b)) if a == b => format!("= {}", self.num(a)),
            (Some(a), Some(b)) => format!("{}–{}", self.num(a), self.num(b)),
            (Some(a), None) => format!("≥ {}", self.num(a)),
            (None, Some(b)) => format!("≤ {}", self.num(b)),
            (None, None) => self.t("không ràng buộc", "unbounded").into(),
        }
    }

    fn measure_label(&self, m: &str) -> String {
        let (vi, en) = match m {
            "share" => ("nơi đạt", "localities meeting it"),
            "age_tiers" => ("số độ tuổi có mặt", "age tiers present"),
            "fields" => ("số chuyên ngành", "fields of training"),
            "stays" => ("người ở lại quá thời hạn", "holders staying past the cap"),
            "moves" => ("số người luân chuyển", "cadres rotated"),
            other => (other, other),
        };
        self.t(vi, en).to_string()
    }

    /// A subject code of a target or violation as people read it.
    fn subject_label(&self, code: &str, fallback: &str) -> String {
        let s = self.s;
        if let Some(c) = s.cadre_by_code(code) {
            return s.cadre(c).name.clone();
        }
        if let Some(p) = s.post_by_code(code) {
            return s.post(p).title.clone();
        }
        if let Some(l) = s.locality_by_code(code) {
            return s.locality(l).name.clone();
        }
        if let Some(t) = s.team_by_code(code) {
            return s.team(t).name.clone();
        }
        if fallback.is_empty() {
            code.to_string()
        } else {
            fallback.to_string()
        }
    }

    /// One unmet rule instance, compactly: "where: achieved (required …)".
    fn unmet_item(&self, t: &TargetRow) -> String {
        let s = self.s;
        let tenure = self.policy.rule(&t.rule).is_some_and(|r| matches!(r.body, RuleBody::TenureCap(_)));
        if let (true, Some(c)) = (tenure, s.cadre_by_code(&t.subject)) {
            let years = words::years(self.facts.tenure(c, s.plan_date), self.lang);
            let post = s.cadre(c).post.map(|p| s.post(p).title.clone()).unwrap_or_default();
            return format!("{} ({post}, {years} {})", s.cadre(c).name, self.t("năm", "years"));
        }
        let achieved = match t.denominator {
            Some(d) => format!("{}/{d}", self.num(t.achieved)),
            None => self.num(t.achieved),
        };
        format!(
            "{}: {achieved} {} ({} {})",
            self.subject_label(&t.subject, &t.subject_name),
            self.measure_label(&t.measure),
            self.t("yêu cầu", "required"),
            self.bound_text(t)
        )
    }

    fn unmet(&self, out: &mut String, v: &PlanView<'_>) {
        let plan = v.plan;
        w!(out, "<h3>{} — {}</h3>\n", esc(&v.label), self.t("chỉ tiêu chưa đạt", "targets not met"));
        if !v.has_plan {
            w!(out, "<p class=\"bad\">{}</p>\n", esc(&self.status_text(plan)));
        }
        if !plan.infeasibility.is_empty() {
            w!(
                out,
                "<p>{}</p>\n<ul>\n",
                self.t("Các quy định bắt buộc phải nới lỏng:", "Hard rules that had to give:")
            );
            let facts = crate::explain::plan_infeasibility_facts(self.s, self.policy, plan, self.lang);
            for (r, facts) in plan.infeasibility.iter().zip(facts) {
                w!(out, "<li>{}<ul>", esc(&crate::explain::relaxed_row_head(self.policy, r, self.lang)));
                for fact in &facts {
                    w!(out, "<li>{}</li>", esc(fact));
                }
                out.push_str("</ul></li>\n");
            }
            out.push_str("</ul>\n");
        }
        let unmet: Vec<&TargetRow> = plan.targets.iter().filter(|t| !t.met).collect();
        if unmet.is_empty() && v.has_plan {
            w!(out, "<p class=\"ok\">{}</p>\n", self.t("Mọi chỉ tiêu đều đạt.", "Every target is met."));
        }
        if !unmet.is_empty() {
            w!(
                out,
                "<table class=\"unmet\">\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead>\n<tbody>\n",
                self.t("Quy định", "Rule"),
                self.t("Số nơi chưa đạt", "Unmet"),
                self.t("Nơi chưa đạt: đạt được (yêu cầu)", "Where: achieved (required)")
            );
            let mut ids: Vec<&str> = self.policy.rules.iter().map(|r| r.id.as_str()).collect();
            for t in &unmet {
                if !ids.contains(&t.rule.as_str()) {
                    ids.push(t.rule.as_str());
                }
            }
            for id in ids {
                let rows: Vec<&TargetRow> = unmet.iter().copied().filter(|t| t.rule == id).collect();
                if rows.is_empty() {
                    continue;
                }
                let mut items: Vec<(String, String)> =
                    rows.iter().map(|t| (self.unmet_item(t), t.subject.clone())).collect();
                if rows.iter().all(|t| self.s.cadre_by_code(&t.subject).is_some()) {
                    sort_by_name(&mut items, |x| x.0.clone(), |x| x.1.clone());
                }
                let hard = rows.iter().any(|t| t.hard);
                w!(
                    out,
                    "<tr><td>{} <span class=\"meta\">{}</span>{}</td><td class=\"num bad\">{}</td><td class=\"items\">{}</td></tr>\n",
                    esc(&self.rule_title(id)),
                    esc(&rows[0].clause),
                    if hard { format!(" <span class=\"tag\">{}</span>", self.t("bắt buộc", "hard")) } else { String::new() },
                    rows.len(),
                    items.iter().map(|x| esc(&x.0)).collect::<Vec<_>>().join("; ")
                );
            }
            out.push_str("</tbody></table>\n");
        }
        self.violations(out, v);
    }

    /// Hard rules a (hand-drafted) plan breaks, other than unmet hard targets (listed above):
    /// re-checked here so that each is rendered from its structured reason.
    fn violations(&self, out: &mut String, v: &PlanView<'_>) {
        if v.plan.violations.is_empty() || !v.has_plan {
            return;
        }
        let s = self.s;
        let Ok(a) = crate::plan::assignment_from_plan(s, v.plan) else { return };
        let pins = v.plan.settings.pins.to_pins(s).unwrap_or_default();
        let milestone =
            if v.plan.milestone.is_empty() { self.policy.milestone.clone() } else { v.plan.milestone.clone() };
        let report = crate::check::check(s, self.policy, &milestone, &a, &pins);
        let target_rule = |r: RuleRef| match r {
            RuleRef::Policy(i) => crate::model::policy::strength_of(&self.policy.rules[i].body).is_some(),
            _ => false,
        };
        let mut groups: Vec<(RuleRef, Vec<String>)> = Vec::new();
        for x in report.violations.iter().filter(|x| x.rejection.is_some() || !target_rule(x.rule)) {
            let subject = match x.subject {
                crate::check::ViolationSubject::Post(p) => {
                    let who = a.holder.get(&p).map(|c| format!("{} → ", s.cadre(*c).name)).unwrap_or_default();
                    format!("{who}{}", s.post(p).title)
                }
                other => crate::plan::subject_names(s, other).1,
            };
            let why = match (&x.rejection, self.lang) {
                (Some(r), _) => words::reason(s, &r.reason, self.lang),
                (None, Lang::En) => x.detail.clone(),
                (None, Lang::Vi) => String::new(),
            };
            let item = if why.is_empty() { subject } else { format!("{subject}: {why}") };
            match groups.iter_mut().find(|(r, _)| *r == x.rule) {
                Some((_, items)) => items.push(item),
                None => groups.push((x.rule, vec![item])),
            }
        }
        if groups.is_empty() {
            return;
        }
        w!(
            out,
            "<table class=\"violations\">\n<caption class=\"bad\">{}</caption>\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            self.t("Vi phạm quy định bắt buộc", "Hard rules broken"),
            self.t("Quy định", "Rule"),
            self.t("Số trường hợp", "Cases"),
            self.t("Trường hợp", "Cases")
        );
        for (rule, items) in groups {
            let (_, clause) = crate::plan::rule_id(self.policy, rule);
            let clause = if words::cites_clause(rule) { clause } else { String::new() };
            w!(
                out,
                "<tr><td>{} <span class=\"meta\">{}</span></td><td class=\"num bad\">{}</td><td class=\"items\">{}</td></tr>\n",
                esc(&words::rule_title(self.policy, rule, self.lang)),
                esc(&clause),
                items.len(),
                items.iter().map(|x| esc(x)).collect::<Vec<_>>().join("; ")
            );
        }
        out.push_str("</tbody></table>\n");
    }

    // ------------------------------------------------------------------ districts

    /// The planned posts of a district's party committee and People's Committee, grouped by
    /// unit (party committee first), in file order.
    fn district_units(&self, d: LocalityId) -> Vec<(UnitId, Vec<PostId>)> {
        let s = self.s;
        let mut units: Vec<UnitId> = (0..s.units.len())
            .map(UnitId::from_index)
            .filter(|u| {
                let unit = s.unit(*u);
                unit.locality == d && matches!(unit.kind, UnitKind::PartyCommittee | UnitKind::PeoplesCommittee)
            })
            .collect();
        units.sort_by_key(|u| (s.unit(*u).kind != UnitKind::PartyCommittee, u.index()));
        units
            .into_iter()
            .map(|u| {
                (u, s.post_ids().filter(|p| s.post(*p).unit == u && self.facts.is_planned_post(*p)).collect::<Vec<_>>())
            })
            .filter(|(_, posts)| !posts.is_empty())
            .collect()
    }

    fn age_tiers(&self) -> Vec<(String, u32, u32)> {
        for r in self.policy.active_rules() {
            if let RuleBody::TeamMix(t) = &r.body {
                if let Some(tiers) = t.age_tiers.get("district") {
                    return tiers.iter().map(|x| (x.name.clone(), x.min_age, x.max_age)).collect();
                }
            }
        }
        vec![("< 40".into(), 0, 40), ("40–50".into(), 40, 50), ("> 50".into(), 50, 200)]
    }

    /// The age limit of "young district leader" rules (default 35).
    fn young_limit(&self) -> u32 {
        for r in self.policy.active_rules() {
            if let RuleBody::Coverage(c) = &r.body {
                if c.child == Level::District {
                    if let LocalityPredicate::YoungHolder { max_age_exclusive, .. } = c.predicate {
                        return max_age_exclusive;
                    }
                }
            }
        }
        35
    }

    fn district(&self, out: &mut String, d: LocalityId) {
        let s = self.s;
        let loc = s.locality(d);
        let order = self.in_rank_order();
        w!(
            out,
            "<section class=\"district\" id=\"d-{}\" data-district=\"{}\">\n<h2>{} <span class=\"meta\">{} · {}</span></h2>\n",
            id_safe(&loc.code),
            esc(&loc.code),
            esc(&loc.name),
            esc(words::label(loc.kind, self.lang)),
            esc(&loc.code)
        );
        let units = self.district_units(d);
        let all_posts: Vec<PostId> = units.iter().flat_map(|(_, p)| p.iter().copied()).collect();
        if units.is_empty() {
            w!(
                out,
                "<p class=\"muted\">{}</p>\n",
                self.t(
                    "Không có chức vụ lãnh đạo nào của quận, huyện trong dữ liệu.",
                    "No district leadership post in the data."
                )
            );
        }
        // leadership teams
        for (u, posts) in &units {
            let team_name = posts
                .iter()
                .find_map(|p| s.post(*p).team)
                .map(|t| s.team(t).name.clone())
                .unwrap_or_else(|| s.unit(*u).name.clone());
            w!(
                out,
                "<table class=\"team\">\n<caption>{}</caption>\n<thead><tr><th>{}</th><th>{}</th>",
                esc(&team_name),
                self.t("Chức vụ", "Post"),
                self.t("Trước", "Before")
            );
            for &i in &order {
                w!(out, "<th>{} — {}</th>", self.t("Sau", "After"), esc(&self.views[i].label));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for &p in posts {
                let post = s.post(p);
                let mut role = esc(&self.role_label(post.role));
                if post.supernumerary {
                    w!(role, " <span class=\"meta\">({})</span>", self.t("tăng cường", "extra slot"));
                }
                if post.key {
                    w!(role, " <span class=\"meta\">★</span>");
                }
                let before = post.holder;
                w!(
                    out,
                    "<tr><td>{role}</td><td>{}</td>",
                    before.map(|c| self.person_cell(c, Some(d))).unwrap_or_else(|| self.vacant())
                );
                for &i in &order {
                    match self.holder_after(&self.views[i], p) {
                        None => out.push_str("<td class=\"muted\">—</td>"),
                        Some(h) => {
                            let class = if h != before { " class=\"changed\"" } else { "" };
                            w!(
                                out,
                                "<td{class}>{}</td>",
                                h.map(|c| self.person_cell(c, Some(d))).unwrap_or_else(|| self.vacant())
                            );
                        }
                    }
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody></table>\n");
        }
        w!(
            out,
            "<p class=\"meta\">{}</p>\n",
            self.t(
                "Số sau tên: tuổi vào ngày lập phương án. ĐP: người địa phương; ngoài ĐP: không phải người địa phương. ★ chức vụ chủ chốt. Ô tô màu: thay đổi so với trước.",
                "Number after a name: age on the plan date. local / non-local: relative to this district. ★ key post. Shaded: changed from before."
            )
        );

        out.push_str("<div class=\"district-facts\">\n<div>\n");
        // age-tier mix
        let tiers = self.age_tiers();
        let tier_names: Vec<String> = tiers.iter().map(|t| t.0.clone()).collect();
        let count = |holders: &[CadreId]| -> Vec<usize> {
            tiers
                .iter()
                .map(|(_, lo, hi)| holders.iter().filter(|c| (*lo as i32..*hi as i32).contains(&self.age(**c))).count())
                .collect()
        };
        let before_holders: Vec<CadreId> = all_posts.iter().filter_map(|p| s.post(*p).holder).collect();
        let mut bars = vec![Bar { label: self.t("Trước", "Before").into(), counts: count(&before_holders) }];
        let mut after_holders: Vec<(usize, Vec<CadreId>)> = Vec::new();
        for &i in &order {
            let v = &self.views[i];
            if !v.has_plan {
                continue;
            }
            let h: Vec<CadreId> = all_posts.iter().filter_map(|p| self.holder_after(v, *p).flatten()).collect();
            bars.push(Bar { label: v.label.clone(), counts: count(&h) });
            after_holders.push((i, h));
        }
        w!(
            out,
            "<h3>{}</h3>\n",
            self.t("Cơ cấu độ tuổi lãnh đạo quận, huyện", "Age-tier mix of the district leadership")
        );
        out.push_str(&stacked_bars(
            &format!("{} — {}", self.t("Cơ cấu độ tuổi", "Age tiers"), loc.name),
            &tier_names,
            &bars,
        ));
        out.push('\n');

        // party secretary
        w!(out, "<h3>{}</h3>\n<ul class=\"plain\">\n", self.t("Bí thư cấp ủy", "Party secretary"));
        let secretaries: Vec<PostId> =
            all_posts.iter().copied().filter(|p| s.post(*p).role == Role::PartySecretary).collect();
        if secretaries.is_empty() {
            w!(
                out,
                "<li class=\"muted\">{}</li>\n",
                self.t("Không có chức vụ bí thư trong dữ liệu.", "No party secretary post in the data.")
            );
        }
        for &p in &secretaries {
            let line = |who: Option<CadreId>| -> String {
                match who {
                    None => self.vacant(),
                    Some(c) => {
                        let ok = !self.facts.is_local(c, d);
                        format!(
                            "{} — {}{} <span class=\"meta\">({})</span>",
                            esc(&s.cadre(c).name),
                            if ok { "<span class=\"ok\">✓</span> " } else { "" },
                            self.local_tag(c, d),
                            esc(&self.local_reason_text(c, d))
                        )
                    }
                }
            };
            w!(out, "<li><b>{}:</b> {}</li>\n", self.t("Trước", "Before"), line(s.post(p).holder));
            for &i in &order {
                if let Some(h) = self.holder_after(&self.views[i], p) {
                    w!(out, "<li><b>{}:</b> {}</li>\n", esc(&self.views[i].label), line(h));
                }
            }
        }
        out.push_str("</ul>\n</div>\n<div>\n");

        // young leaders
        let limit = self.young_limit();
        let heading = match self.lang {
            Lang::Vi => format!("Cán bộ lãnh đạo trẻ (dưới {limit} tuổi)"),
            Lang::En => format!("Young leaders (under {limit})"),
        };
        w!(out, "<h3>{}</h3>\n<ul class=\"plain\">\n", esc(&heading));
        let young_line = |holders: &[CadreId]| -> String {
            let mut young: Vec<CadreId> = holders.iter().copied().filter(|c| self.age(*c) < limit as i32).collect();
            young.sort_by(|a, b| vi_name_cmp(&s.cadre(*a).name, &s.cadre(*b).name).then(a.cmp(b)));
            young.dedup();
            if young.is_empty() {
                return format!("<span class=\"bad\">{}</span>", self.t("không có", "none"));
            }
            young
                .iter()
                .map(|c| {
                    format!(
                        "{} <span class=\"meta\">{} {}</span>",
                        esc(&s.cadre(*c).name),
                        self.age(*c),
                        self.t("tuổi", "y")
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        w!(out, "<li><b>{}:</b> {}</li>\n", self.t("Trước", "Before"), young_line(&before_holders));
        for (i, h) in &after_holders {
            w!(out, "<li><b>{}:</b> {}</li>\n", esc(&self.views[*i].label), young_line(h));
        }
        out.push_str("</ul>\n");

        // commune shares (coverage rules over districts)
        for rule in self.policy.active_rules() {
            let RuleBody::Coverage(cov) = &rule.body else { continue };
            if cov.over != Level::District {
                continue;
            }
            w!(
                out,
                "<h3>{} <span class=\"meta\">{}</span></h3>\n<ul class=\"plain\">\n",
                esc(&self.rule_title(&rule.id)),
                esc(&rule.clause)
            );
            for &i in &order {
                let v = &self.views[i];
                let row = v.plan.targets.iter().find(|t| t.rule == rule.id && t.subject == loc.code);
                let Some(t) = row else {
                    w!(
                        out,
                        "<li><b>{}:</b> <span class=\"muted\">{}</span></li>\n",
                        esc(&v.label),
                        self.t("không áp dụng", "does not apply")
                    );
                    continue;
                };
                let denom = t.denominator.unwrap_or(0);
                let share = if denom > 0 { t.achieved / denom as f64 } else { 0.0 };
                let band = cov.band(&v.plan.milestone).map(|b| format!("{}–{}", self.pct(b[0]), self.pct(b[1])));
                w!(
                    out,
                    "<li><b>{}:</b> {}/{} {} ({}) — {} {}({} {}) — {}</li>\n",
                    esc(&v.label),
                    self.num(t.achieved),
                    denom,
                    self.t("xã, phường, thị trấn", "communes"),
                    self.pct(share),
                    self.t("yêu cầu", "required"),
                    band.map(|b| format!("{} ", esc(&b))).unwrap_or_default(),
                    self.bound_text(t),
                    self.t("nơi", "communes"),
                    if t.met {
                        format!("<span class=\"ok\">{}</span>", self.t("đạt", "met"))
                    } else {
                        format!("<span class=\"bad\">{}</span>", self.t("chưa đạt", "not met"))
                    }
                );
                // who was placed: sent in from elsewhere (counts, as the checker counts it) or
                // appointed from inside the commune (does not count)
                if let LocalityPredicate::YoungHolder { roles, max_age_exclusive, sent_in } = &cov.predicate {
                    let mut young: Vec<(&MoveView, bool)> = v
                        .moves
                        .iter()
                        .filter_map(|m| {
                            let p = m.to?;
                            let post = s.post(p);
                            let fits = roles.contains(&post.role)
                                && post.level == cov.child
                                && s.is_within(post.locality, d)
                                && self.age(m.cadre) < *max_age_exclusive as i32;
                            if !fits {
                                return None;
                            }
                            let k = s.ancestor_at(post.locality, cov.child).unwrap_or(post.locality);
                            let facts = &self.f.judge.facts;
                            let counts = young_holder_counts(s, facts, *max_age_exclusive, *sent_in, m.cadre, p, k);
                            Some((m, counts))
                        })
                        .collect();
                    sort_by_name(&mut young, |x| s.cadre(x.0.cadre).name.as_str(), |x| x.0.cadre);
                    for (counts, label) in [
                        (true, self.t("Được tăng cường (tính vào chỉ tiêu):", "Sent in (counted):")),
                        (
                            false,
                            self.t(
                                "Trẻ nhưng đã công tác tại chính xã đó (không tính là tăng cường):",
                                "Young, but already working in that commune (not counted as sent in):",
                            ),
                        ),
                    ] {
                        let group: Vec<&MoveView> = young.iter().filter(|x| x.1 == counts).map(|x| x.0).collect();
                        if group.is_empty() {
                            continue;
                        }
                        w!(out, "<li class=\"meta\">{label}<ul>");
                        for m in group {
                            let to = m.to.map(|p| s.post(p).title.clone()).unwrap_or_default();
                            w!(
                                out,
                                "<li>{} <span class=\"meta\">{} {}</span> → {}</li>",
                                esc(&s.cadre(m.cadre).name),
                                self.age(m.cadre),
                                self.t("tuổi", "y"),
                                esc(&to)
                            );
                        }
                        out.push_str("</ul></li>\n");
                    }
                }
            }
            out.push_str("</ul>\n");
        }

        // moves touching the district
        w!(out, "<h3>{}</h3>\n<ul class=\"plain\">\n", self.t("Điều động liên quan", "Moves in and out"));
        for &i in &order {
            let v = &self.views[i];
            let inside = |p: Option<PostId>| p.is_some_and(|p| s.is_within(s.post(p).locality, d));
            let came = v.moves.iter().filter(|m| inside(m.to) && !inside(m.from)).count();
            let left = v.moves.iter().filter(|m| inside(m.from) && !inside(m.to)).count();
            let within = v.moves.iter().filter(|m| inside(m.from) && inside(m.to)).count();
            w!(
                out,
                "<li><b>{}:</b> {came} {}, {left} {}, {within} {} — <a href=\"#moves-{}\">{}</a></li>\n",
                esc(&v.label),
                self.t("đến", "in"),
                self.t("đi", "out"),
                self.t("trong nội bộ", "within"),
                id_safe(&loc.code),
                self.t("xem chi tiết", "details")
            );
        }
        out.push_str("</ul>\n</div>\n</div>\n</section>\n");
    }

    // ------------------------------------------------------------------ move cards

    fn cards(&self) -> Vec<Card> {
        let mut by_key: BTreeMap<MoveView, Vec<usize>> = BTreeMap::new();
        for i in self.in_rank_order() {
            for m in &self.views[i].moves {
                by_key.entry(m.clone()).or_default().push(i);
            }
        }
        by_key.into_iter().map(|(mv, plans)| Card { mv, plans }).collect()
    }

    /// Group of a card: 0 city, 1 + k the k-th district, usize::MAX releases.
    fn card_group(&self, m: &MoveView) -> usize {
        match m.to {
            None => usize::MAX,
            Some(p) => match self.district_of(self.s.post(p).locality) {
                None => 0,
                Some(d) => 1 + self.districts.iter().position(|x| *x == d).unwrap_or(self.districts.len()),
            },
        }
    }

    fn moves(&self, out: &mut String) {
        let s = self.s;
        let mut cards = self.cards();
        w!(out, "<section id=\"moves\">\n<h2>{}</h2>\n", self.t("Các trường hợp điều động, luân chuyển", "Every move"));
        if cards.is_empty() {
            w!(
                out,
                "<p>{}</p>\n",
                self.t("Không có trường hợp điều động nào: mọi người giữ nguyên chức vụ.", "No moves: everyone stays.")
            );
            out.push_str("</section>\n");
            return;
        }
        w!(
            out,
            "<p class=\"muted\">{}</p>\n",
            self.t(
                "Xếp theo nơi đến (cấp thành phố, rồi từng quận, huyện), trong mỗi nơi theo tên. Tuổi tính vào ngày lập phương án.",
                "Grouped by destination (city level, then each district), by name within each. Ages on the plan date."
            )
        );
        cards.sort_by_cached_key(|c| (self.card_group(&c.mv), vi_name_key(&s.cadre(c.mv.cadre).name), c.mv.clone()));
        let mut group = None;
        let mut n = 0usize;
        for card in &cards {
            let g = self.card_group(&card.mv);
            if group != Some(g) {
                group = Some(g);
                let (id, title) = match g {
                    0 => ("city".to_string(), self.t("Cấp thành phố", "City level").to_string()),
                    usize::MAX => (
                        "released".to_string(),
                        self.t("Thôi giữ chức vụ lãnh đạo", "Released from leadership posts").to_string(),
                    ),
                    k => {
                        let d = self.districts[k - 1];
                        (id_safe(&s.locality(d).code), s.locality(d).name.clone())
                    }
                };
                w!(out, "<h3 id=\"moves-{id}\">{}</h3>\n", esc(&title));
            }
            n += 1;
            self.card(out, card, n);
        }
        out.push_str("</section>\n");
    }

    fn card(&self, out: &mut String, card: &Card, n: usize) {
        let s = self.s;
        let m = &card.mv;
        let c = m.cadre;
        let cd = s.cadre(c);
        let release = m.to.is_none();
        w!(
            out,
            "<article class=\"card{}\" id=\"m-{}-{n}\">\n<h4>{} <span class=\"meta\">{} · {} {} · {}</span> <span class=\"tag kind\">{}</span>",
            if release { " release" } else { "" },
            id_safe(&cd.code),
            esc(&cd.name),
            esc(&cd.code),
            self.age(c),
            self.t("tuổi", "years"),
            esc(words::label(cd.gender, self.lang)),
            esc(&self.kind_label(&m.kind))
        );
        if self.views.len() > 1 {
            let labels: Vec<&str> = card.plans.iter().map(|i| self.views[*i].label.as_str()).collect();
            w!(out, " <span class=\"tag plans\">{}</span>", esc(&labels.join(", ")));
        }
        out.push_str("</h4>\n");
        let from = match m.from {
            Some(p) => s.post(p).title.clone(),
            None => self.current_place(c),
        };
        let to = match m.to {
            Some(p) => s.post(p).title.clone(),
            None => self.t("thôi giữ chức vụ lãnh đạo", "leaves the leadership posts").into(),
        };
        w!(
            out,
            "<p class=\"route\"><b>{}</b> {} → <b>{}</b> {}</p>\n<dl>\n",
            self.t("Từ:", "From:"),
            esc(&from),
            self.t("Đến:", "To:"),
            esc(&to)
        );

        // who: hometown, local or not where they go
        let dest_locality = m.to.map(|p| s.post(p).locality);
        let dest_district = dest_locality.and_then(|l| self.district_of(l));
        w!(out, "<dt>{}</dt><dd>{}", self.t("Quê quán", "Hometown"), esc(&self.place_name(cd.hometown)));
        if let Some(dd) = dest_district {
            w!(
                out,
                " {} <span class=\"meta\">({} {})</span>",
                self.local_tag(c, dd),
                self.t("đối với", "relative to"),
                esc(&s.locality(dd).name)
            );
        }
        out.push_str("</dd>\n");

        // why: the rules served
        w!(out, "<dt>{}</dt><dd>", self.t("Căn cứ", "Why"));
        let mut why: Vec<String> = m
            .serves
            .iter()
            .map(|id| {
                format!("{} <span class=\"meta\">({})</span>", esc(&self.rule_title(id)), esc(&self.rule_clause(id)))
            })
            .collect();
        let cf = &self.f.judge.cadre[c.index()];
        if cf.tenure_capped {
            let tenure = self.facts.tenure(c, s.plan_date);
            why.push(match self.lang {
                Lang::Vi => format!(
                    "đã giữ chức vụ hiện tại {} năm liên tục, đến giới hạn luân chuyển",
                    words::years(tenure, self.lang)
                ),
                Lang::En => format!(
                    "has held the current post {} consecutive years, at the rotation limit",
                    words::years(tenure, self.lang)
                ),
            });
        }
        if let Some(p) = m.to {
            if self.f.judge.non_local_placement(c, p) {
                why.push(
                    self.t(
                        "bố trí người không phải người địa phương vào chức vụ chủ chốt",
                        "places a non-local cadre in a key post",
                    )
                    .into(),
                );
            }
        }
        if release {
            why.push(match self.lang {
                Lang::Vi => format!(
                    "còn {} năm công tác (được thôi khi còn dưới {} năm)",
                    words::years(cf.service_left, self.lang),
                    self.num(self.policy.general.release_if_service_left_below)
                ),
                Lang::En => format!(
                    "{} years of service left (release allowed under {} years)",
                    words::years(cf.service_left, self.lang),
                    self.num(self.policy.general.release_if_service_left_below)
                ),
            });
        }
        if why.is_empty() {
            why.push(
                self.t("chọn theo điểm phù hợp trong phương án chung", "chosen on suitability within the whole plan")
                    .into(),
            );
        }
        w!(out, "{}</dd>\n", why.join("; "));

        // facts, inline to keep the card short in print
        let mut facts: Vec<String> = Vec::new();
        let age_text = match self.lang {
            Lang::Vi => format!("{} tuổi vào ngày {}", words::years(cf.age_exact, self.lang), self.date(s.plan_date)),
            Lang::En => format!("aged {} on {}", words::years(cf.age_exact, self.lang), self.date(s.plan_date)),
        };
        facts.push(age_text);
        facts.push(self.ratings_text(c));
        if let Some(p) = m.to {
            facts.push(self.planning_text(c, p));
        }
        if let Some(p) = cd.post {
            if cf.incumbent {
                let tenure = self.facts.tenure(c, s.plan_date);
                let text = match self.lang {
                    Lang::Vi => format!("giữ chức vụ {} được {} năm", s.post(p).title, words::years(tenure, self.lang)),
                    Lang::En => format!("{} years in the post of {}", words::years(tenure, self.lang), s.post(p).title),
                };
                facts.push(text);
            }
        }
        facts.push(self.training_text(c));
        if !release {
            let left = match self.lang {
                Lang::Vi => format!("còn {} năm công tác", words::years(cf.service_left, self.lang)),
                Lang::En => format!("{} years of service left", words::years(cf.service_left, self.lang)),
            };
            facts.push(left);
        }
        if let Some(p) = m.to {
            let su = self.f.judge.suitability(c, p);
            let text = match self.lang {
                Lang::Vi => format!(
                    "điểm phù hợp {} (quy hoạch {}, xếp loại {}, chuyên ngành {}, kinh nghiệm {})",
                    su.total(),
                    su.planning,
                    su.ratings,
                    su.field,
                    su.experience
                ),
                Lang::En => format!(
                    "suitability {} (planning {}, ratings {}, field {}, experience {})",
                    su.total(),
                    su.planning,
                    su.ratings,
                    su.field,
                    su.experience
                ),
            };
            facts.push(text);
        }
        w!(out, "<dt>{}</dt><dd>{}</dd>\n", self.t("Dữ kiện", "Facts"), esc(&facts.join(" · ")));

        if let Some(p) = m.to {
            let problems = self.f.judge.all_rejections(c, p);
            if !problems.is_empty() {
                w!(out, "<dt class=\"bad\">{}</dt><dd><ul>", self.t("Chưa đủ điều kiện", "Does not qualify"));
                for r in &problems {
                    w!(out, "<li class=\"bad\">{}</li>", esc(&words::rejection(s, self.policy, r, self.lang)));
                }
                out.push_str("</ul></dd>\n");
            }
            let plan = &self.views[card.plans[0]];
            self.considered(out, c, p, plan);
        }
        out.push_str("</dl>\n</article>\n");
    }

    fn ratings_text(&self, c: CadreId) -> String {
        let cd = self.s.cadre(c);
        let last = self.s.plan_date.year() - 1;
        let years = self.policy.objective.rating_years.max(3) as i32;
        let parts: Vec<String> = (last - years + 1..=last)
            .map(|y| match cd.ratings.get(&y) {
                Some(r) => format!("{y}: {}", words::label(*r, self.lang)),
                None => format!("{y}: {}", self.t("chưa có", "none")),
            })
            .collect();
        format!("{}: {}", self.t("xếp loại", "ratings"), parts.join("; "))
    }

    fn planning_text(&self, c: CadreId, p: PostId) -> String {
        let s = self.s;
        let post = s.post(p);
        let l = self.lang;
        match self.facts.planning_match(c, p) {
            PlanningMatch::Post => {
                l.pick("có trong quy hoạch đúng chức vụ này", "in the planning for this very post").into()
            }
            PlanningMatch::Role => match l {
                Lang::Vi => format!(
                    "có trong quy hoạch chức danh {} {}",
                    words::label(post.role, l),
                    words::label(post.level, l)
                ),
                Lang::En => {
                    format!("in the planning for {} at {}", words::label(post.role, l), words::label(post.level, l))
                }
            },
            PlanningMatch::Equivalent => {
                l.pick("có trong quy hoạch chức danh tương đương", "in the planning for an equivalent post").into()
            }
            PlanningMatch::None if s.cadre(c).post == Some(p) => {
                l.pick("đang giữ chức vụ này", "holds this post").into()
            }
            PlanningMatch::None if self.f.judge.in_planning(c, p) => l
                .pick(
                    "chuyển ngang sang chức danh tương đương cùng cấp",
                    "a lateral move to an equivalent post at the same level",
                )
                .into(),
            PlanningMatch::None => {
                l.pick("không có trong quy hoạch chức vụ này", "not in the planning for this post").into()
            }
        }
    }

    fn training_text(&self, c: CadreId) -> String {
        let cd = self.s.cadre(c);
        let l = self.lang;
        let mut parts = vec![words::label(cd.education_level, l).to_string(), words::label(cd.field, l).to_string()];
        if let Some(dc) = cd.degree_class {
            parts.push(format!("{} {}", l.pick("loại", "class"), words::label(dc, l)));
        }
        parts.push(
            if cd.formally_trained {
                l.pick("đào tạo bài bản", "formally trained")
            } else {
                l.pick("chưa đào tạo bài bản", "not formally trained")
            }
            .into(),
        );
        format!("{}: {}", l.pick("đào tạo", "training"), parts.join(", "))
    }

    /// Who else could have taken post `p`, and the closest who could not.
    fn considered(&self, out: &mut String, chosen: CadreId, p: PostId, v: &PlanView<'_>) {
        let s = self.s;
        let judge = &self.f.judge;
        let mut eligible: Vec<(u32, CadreId)> = s
            .cadre_ids()
            .filter(|c| *c != chosen && judge.judge(*c, p).is_ok())
            .map(|c| (judge.suitability(c, p).total(), c))
            .collect();
        let total = eligible.len();
        eligible.sort_by(|a, b| b.0.cmp(&a.0).then(s.cadre(a.1).code.cmp(&s.cadre(b.1).code)));
        eligible.truncate(self.opt.others);
        sort_by_name(&mut eligible, |x| s.cadre(x.1).name.as_str(), |x| x.1);
        w!(out, "<dt>{}</dt><dd>", self.t("Người khác được xem xét", "Others considered"));
        w!(
            out,
            "{} {total}.",
            self.t("Số người khác đủ điều kiện cho chức vụ này:", "Other cadres eligible for this post:")
        );
        if total > 0 {
            if total > eligible.len() {
                w!(out, " {}", self.t("Những người có điểm phù hợp cao nhất:", "Those with the highest suitability:"));
            }
            out.push_str("<ul>");
            for (points, c) in &eligible {
                let where_now = self.current_place(*c);
                let in_plan = match (v.has_plan, v.post_of.get(c)) {
                    (false, _) => String::new(),
                    (true, Some(q)) if s.cadre(*c).post == Some(*q) => {
                        format!("{} {}", self.t("giữ nguyên", "stays as"), s.post(*q).title)
                    }
                    (true, Some(q)) => format!("{} {}", self.t("được bố trí làm", "placed as"), s.post(*q).title),
                    (true, None) if v.plan.released.iter().any(|x| x == &s.cadre(*c).code) => {
                        self.t("thôi giữ chức vụ", "released").into()
                    }
                    (true, None) => self.t("không được bố trí", "not placed").into(),
                };
                w!(
                    out,
                    "<li>{} <span class=\"meta\">{} {} · {}</span> — {} {}{}</li>",
                    esc(&s.cadre(*c).name),
                    self.age(*c),
                    self.t("tuổi", "y"),
                    esc(&where_now),
                    points,
                    self.t("điểm phù hợp", "suitability points"),
                    if in_plan.is_empty() {
                        String::new()
                    } else {
                        format!("; {} {}: {}", self.t("trong", "in"), esc(&v.label), esc(&in_plan))
                    }
                );
            }
            out.push_str("</ul>");
        }
        out.push_str("</dd>\n");
        let mut misses = near_misses(&self.f, p, self.opt.near_misses);
        if !misses.is_empty() {
            sort_by_name(&mut misses, |m| s.cadre(m.cadre).name.as_str(), |m| m.cadre);
            w!(out, "<dt>{}</dt><dd><ul>", self.t("Gần đủ điều kiện nhưng chưa đạt", "Closest who do not qualify"));
            for miss in misses {
                let reasons: Vec<String> =
                    miss.reasons.iter().map(|r| esc(&words::rejection(s, self.policy, r, self.lang))).collect();
                let reasons = reasons.join("; ");
                w!(
                    out,
                    "<li>{} <span class=\"meta\">{} {} · {}</span>: <span class=\"reasons\">{reasons}</span></li>",
                    esc(&s.cadre(miss.cadre).name),
                    self.age(miss.cadre),
                    self.t("tuổi", "y"),
                    esc(&self.current_place(miss.cadre))
                );
            }
            out.push_str("</ul></dd>\n");
        }
    }

    // ------------------------------------------------------------------ chains

    fn place_box(&self, place: &Place) -> ChainBox {
        let s = self.s;
        match place {
            Place::Post(code) => match s.post_by_code(code) {
                Some(p) => {
                    let post = s.post(p);
                    let where_ = match self.district_of(post.locality) {
                        Some(d) => s.locality(d).name.clone(),
                        None => self.t("cấp thành phố", "city level").into(),
                    };
                    ChainBox {
                        title: post.title.clone(),
                        sub: format!("{code} · {where_}"),
                        outside: !self.facts.is_planned_post(p),
                    }
                }
                None => ChainBox { title: code.clone(), sub: String::new(), outside: false },
            },
            Place::Outside(cadre) => {
                let title = s.cadre_by_code(cadre).map(|c| self.current_place(c)).unwrap_or_else(|| cadre.clone());
                ChainBox { title, sub: self.t("nguồn cán bộ", "candidate pool").into(), outside: true }
            }
            Place::Released(_) => ChainBox {
                title: self.t("Thôi giữ chức vụ lãnh đạo", "Leaves the leadership posts").into(),
                sub: String::new(),
                outside: true,
            },
        }
    }

    fn step_label(&self, code: &str, name: &str, kind: &str) -> String {
        match self.s.cadre_by_code(code) {
            Some(c) => format!("{} ({}) — {}", self.s.cadre(c).name, self.age(c), self.kind_label(kind)),
            None => format!("{name} — {}", self.kind_label(kind)),
        }
    }

    fn chains(&self, out: &mut String) {
        w!(
            out,
            "<section id=\"chains\">\n<h2>{}</h2>\n",
            self.t("Chuỗi luân chuyển và hoán đổi", "Rotation chains and swaps")
        );
        w!(
            out,
            "<p class=\"muted\">{}</p>\n",
            self.t(
                "Mỗi mũi tên là một cán bộ chuyển từ chức vụ ở ô trên sang chức vụ ở ô dưới; người đang giữ chức vụ ở ô dưới lại chuyển tiếp theo mũi tên kế tiếp. Ô viền nét đứt: nguồn cán bộ ngoài các chức vụ được lập phương án, hoặc thôi giữ chức vụ. Vòng hoán đổi quay về ô đầu.",
                "Each arrow is a cadre moving from the post in the box above to the post in the box below, whose holder moves on along the next arrow. Dashed boxes: the candidate pool outside the planned posts, or leaving the leadership posts. A cycle (swap) returns to its first box."
            )
        );
        for i in self.in_rank_order() {
            let v = &self.views[i];
            let all = chains(v.plan);
            let (multi, single): (Vec<&Chain>, Vec<&Chain>) = all.iter().partition(|c| c.cycle || c.steps.len() > 1);
            let cycles = all.iter().filter(|c| c.cycle).count();
            w!(
                out,
                "<h3>{}</h3>\n<p>{} {}, {} {}, {} {}.</p>\n",
                esc(&v.label),
                multi.len() - cycles,
                self.t("chuỗi nhiều bước", "chains of several moves"),
                cycles,
                self.t("vòng hoán đổi", "swaps and cycles"),
                single.len(),
                self.t("điều động đơn lẻ", "single moves")
            );
            if !multi.is_empty() {
                out.push_str("<div class=\"chains\">\n");
                let (mut n_cycle, mut n_chain) = (0, 0);
                for (k, chain) in multi.iter().enumerate() {
                    let boxes: Vec<ChainBox> = chain.places().into_iter().map(|p| self.place_box(p)).collect();
                    let arrows: Vec<ChainArrow> = chain
                        .steps
                        .iter()
                        .map(|st| ChainArrow { label: self.step_label(&st.cadre, &st.name, &st.kind) })
                        .collect();
                    let caption = if chain.cycle {
                        n_cycle += 1;
                        format!(
                            "{} {n_cycle} — {} {}",
                            self.t("Vòng hoán đổi", "Cycle"),
                            chain.steps.len(),
                            self.t("người", "cadres")
                        )
                    } else {
                        n_chain += 1;
                        format!(
                            "{} {n_chain} — {} {}",
                            self.t("Chuỗi", "Chain"),
                            chain.steps.len(),
                            self.t("lượt điều động", "moves")
                        )
                    };
                    let id = format!("c{}-{}", i + 1, k + 1);
                    w!(
                        out,
                        "<figure class=\"chain-figure\"><figcaption>{}</figcaption>{}</figure>\n",
                        esc(&caption),
                        chain_diagram(&id, &caption, &boxes, &arrows, chain.cycle)
                    );
                }
                out.push_str("</div>\n");
            }
            if !single.is_empty() {
                let mut steps: Vec<&super::chains::Step> = single.iter().map(|c| &c.steps[0]).collect();
                sort_by_name(
                    &mut steps,
                    |st| {
                        self.s
                            .cadre_by_code(&st.cadre)
                            .map(|c| self.s.cadre(c).name.as_str())
                            .unwrap_or(st.name.as_str())
                    },
                    |st| st.cadre.clone(),
                );
                w!(
                    out,
                    "<table class=\"single-moves\">\n<caption>{}</caption>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
                    self.t("Điều động đơn lẻ (không kéo theo người khác)", "Single moves (no one else moves with them)"),
                    self.t("Người", "Who"),
                    self.t("Từ", "From"),
                    self.t("Đến", "To"),
                    self.t("Hình thức", "Kind")
                );
                for st in steps {
                    let name = self
                        .s
                        .cadre_by_code(&st.cadre)
                        .map(|c| self.s.cadre(c).name.clone())
                        .unwrap_or_else(|| st.name.clone());
                    w!(
                        out,
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                        esc(&name),
                        esc(&self.place_box(&st.from).title),
                        esc(&self.place_box(&st.to).title),
                        esc(&self.kind_label(&st.kind))
                    );
                }
                out.push_str("</tbody></table>\n");
            }
        }
        out.push_str("</section>\n");
    }

    fn footer(&self, out: &mut String) {
        w!(out, "<footer>\n<p>{} rotaplan {}.", self.t("Lập bằng", "Made with"), env!("CARGO_PKG_VERSION"));
        for v in self.views.iter().filter(|v| !v.plan.scenario.sha256.is_empty()) {
            let p = v.plan;
            let short = |h: &str| h.chars().take(12).collect::<String>();
            w!(
                out,
                " {}: {} {}, {} {}.",
                esc(&v.label),
                self.t("dữ liệu", "scenario"),
                esc(&short(&p.scenario.sha256)),
                self.t("chính sách", "policy"),
                esc(&short(&p.policy.sha256))
            );
        }
        out.push_str("</p>\n</footer>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(esc("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(esc("\"q\" & 'a'"), "&quot;q&quot; &amp; &#39;a&#39;");
        assert_eq!(esc("Nguyễn Văn Đức"), "Nguyễn Văn Đức");
    }

    #[test]
    fn plans_keep_the_number_they_were_made_with() {
        let plan = |n: Option<usize>| Plan { number: n, ..Plan::default() };
        let ranked = |order: &[usize]| -> Vec<Ranked> {
            order
                .iter()
                .enumerate()
                .map(|(k, &i)| Ranked {
                    index: i,
                    rank: k + 1,
                    layer: 1,
                    criteria: crate::rank::Criteria {
                        targets_met: 0,
                        targets_total: 0,
                        target_shortfall: 0.0,
                        suitability: 0,
                        moves: 0,
                        vacancies: 0,
                        age_tier_teams: 0,
                        field_mix_teams: 0,
                        non_local: 0,
                        localities_short: 0,
                    },
                    priority: vec![],
                })
                .collect()
        };
        // plan-4.json and plan-1.json given in that order: still 4 and 1
        assert_eq!(plan_numbers(&[plan(Some(4)), plan(Some(1))], &ranked(&[1, 0])), vec![4, 1]);
        // a hand-drafted plan takes the first free number, in rank order
        assert_eq!(plan_numbers(&[plan(None), plan(Some(1)), plan(None)], &ranked(&[1, 2, 0])), vec![3, 1, 2]);
        // the same number twice (two single solves): numbered by rank
        assert_eq!(plan_numbers(&[plan(Some(1)), plan(Some(1))], &ranked(&[1, 0])), vec![2, 1]);
    }

    #[test]
    fn ids_are_plain_ascii() {
        assert_eq!(id_safe("P-311-CT"), "P-311-CT");
        assert_eq!(id_safe("a b\"<"), "a_20b_22_3c");
    }
}
