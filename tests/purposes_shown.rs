//! What a committee reads of each move's purpose and of the plans' trade-offs (issue 10, the
//! presentation part): `explain --cadre/--post` names the purpose in words, what it serves and
//! whose move it follows from, and the interchangeable choices of the post; the report's
//! personnel list has a "lý do" column in words, the summary counts moves by purpose with the
//! discretionary ones apart, and the plans' trade-offs stand side by side with a small chart.
//!
//! Plans are solved for real on small scenarios: the worked example (a forced departure, a
//! chain of moves that fill the posts it leaves, moves that serve targets, three trade-offs)
//! and a hand-made scenario with four equal young candidates for two vacancies (ties listed as
//! interchangeable choices).

mod common;

use std::path::PathBuf;

use common::*;
use rotaplan::alternatives::{alternatives, AlternativesRequest};
use rotaplan::explain::placement::{explain_cadre, explain_post};
use rotaplan::explain::render;
use rotaplan::explain::view::{Context, ExplainOptions};
use rotaplan::explain::Lang;
use rotaplan::formulation::FormulationSettings;
use rotaplan::model::load::load_inputs;
use rotaplan::model::*;
use rotaplan::plan::{InputRef, Plan, PlanRequest, Purpose};
use rotaplan::report::html::{render as render_html, Options, ReportInput};
use rotaplan::solve::SolverSettings;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn worked() -> (Scenario, Policy) {
    let inputs = load_inputs(
        &root().join("scenarios/worked/scenario.json"),
        Some(&root().join("models/haiphong-09-kl-tu.toml")),
    )
    .expect("the worked scenario loads");
    let policy = inputs.policy.expect("policy");
    (inputs.scenario, policy)
}

fn request<'a>(s: &'a Scenario, p: &'a Policy) -> PlanRequest<'a> {
    PlanRequest {
        scenario: s,
        policy: p,
        scenario_ref: InputRef { name: s.name.clone(), sha256: String::new() },
        policy_ref: InputRef { name: p.id.clone(), sha256: String::new() },
        formulation: FormulationSettings::default(),
        solver: SolverSettings::default(),
        from_plan: None,
        emphasis: None,
    }
}

fn options() -> ExplainOptions {
    ExplainOptions { top: 2, solver: SolverSettings::default(), parallel: false, ..ExplainOptions::default() }
}

/// Two districts with vacant vice-chair posts and four equal young candidates in the pool.
fn open_scenario() -> Scenario {
    let mut t = Tiny::new();
    t.unit("S1", UnitKind::Department, "31", Level::City)
        .unit("UB1", UnitKind::PeoplesCommittee, "311", Level::District)
        .unit("UB2", UnitKind::PeoplesCommittee, "312", Level::District)
        .post("VC1", "UB1", Role::PcViceChair, Level::District, None, false, None)
        .post("VC2", "UB2", Role::PcViceChair, Level::District, None, false, None)
        .post("CT1", "UB1", Role::PcChair, Level::District, None, true, Some("A"))
        .post("CT2", "UB2", Role::PcChair, Level::District, None, true, Some("B"));
    for (i, id) in ["Y1", "Y2", "Y3", "Y4"].iter().enumerate() {
        let post = format!("DH{i}");
        t.post(&post, "S1", Role::DivisionHead, Level::City, None, false, Some(id));
        let c = t.cadre(id, d(1988 + i as i32, 1, 1));
        c.post = Some(post);
        c.planning.push(raw::PlanningEntry { role: Role::PcViceChair, level: Level::District, post: None });
    }
    for (id, post, loc, home) in [("A", "CT1", "311", "X1"), ("B", "CT2", "312", "X3")] {
        let c = t.cadre(id, d(1975, 1, 1));
        c.post = Some(post.into());
        c.hometown = home.into();
        spell(c, Role::PcChair, Level::District, loc, post, d(2018, 1, 1));
    }
    t.scenario()
}

/// English words that cannot occur in the Vietnamese text of these sections.
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "moves",
    "move",
    "purpose",
    "target",
    "targets",
    "suitability",
    "plan",
    "plans",
    "makes",
    "room",
    "fills",
    "post",
    "serves",
    "discretionary",
    "pinned",
    "forced",
    "interchangeable",
    "any",
    "same",
];

fn english_in(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic() && c != '_')
        .map(str::to_lowercase)
        .filter(|w| ENGLISH.contains(&w.as_str()))
        .collect()
}

/// The visible text of an HTML page (no style sheet, no tags, no attribute values).
fn visible(html: &str) -> String {
    let body = &html[html.find("<body>").unwrap_or(0)..];
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn explain_names_the_purpose_and_whose_move_it_follows() {
    let (s, p) = worked();
    let plan = rotaplan::plan::make_plan(&request(&s, &p)).unwrap().plan;
    let ctx = Context::new(&s, &p, &plan, options()).unwrap();
    // every move of the plan: the explanation says the plan's purpose, in words
    for m in plan.moves.iter().filter(|m| m.kind != "stays") {
        let purpose = m.purpose.expect("every move has a purpose");
        let c = s.cadre_by_code(&m.cadre).unwrap();
        let e = explain_cadre(&ctx, c).unwrap();
        assert_eq!(e.purpose.as_ref().map(|w| w.purpose), Some(purpose), "{}", m.cadre);
        let vi = render::cadre_text(&e, Lang::Vi);
        let words = rotaplan::explain::summary::purpose_text(purpose, Lang::Vi);
        assert!(vi.contains(&format!("Lý do điều động: {words}")), "{}: {vi}", m.cadre);
        for rule in &m.serves {
            let title = &p.rule(rule).unwrap().title_vi;
            assert!(vi.contains(title.as_str()), "{}: names the rule served ({rule}): {vi}", m.cadre);
        }
        if let Some(after) = &m.because_of {
            assert!(vi.contains(&format!("[{after}]")), "{}: names whose move it follows: {vi}", m.cadre);
        }
        let line = vi.lines().find(|l| l.starts_with("Lý do điều động")).unwrap();
        assert!(english_in(line).is_empty(), "{line}");
        assert!(!line.contains(purpose.code()), "no code in the text: {line}");
        let en = render::cadre_text(&e, Lang::En);
        assert!(en.contains("Why the move is made: "), "{en}");
        // and the post's explanation says the same of its new holder
        if let Some(to) = &m.to {
            let e = explain_post(&ctx, s.post_by_code(to).unwrap()).unwrap();
            assert!(render::placement_text(&e, Lang::Vi).contains(&format!("Lý do điều động: {words}")));
            let json = serde_json::to_value(&e).unwrap();
            assert_eq!(json["purpose"]["purpose"], purpose.code(), "JSON keeps the code");
        }
    }
    // the worked example has each kind the issue names: a forced departure, a post filled
    // after it, moves that serve targets
    let kinds: Vec<Purpose> = plan.moves.iter().filter_map(|m| m.purpose).collect();
    for k in [Purpose::ForcedOut, Purpose::FillsPost, Purpose::ServesTarget] {
        assert!(kinds.contains(&k), "{k:?} in {kinds:?}");
    }
}

#[test]
fn explain_lists_the_interchangeable_choices_of_a_post() {
    let s = open_scenario();
    let p = policy();
    let plan = rotaplan::plan::make_plan(&request(&s, &p)).unwrap().plan;
    assert!(!plan.interchangeable.is_empty(), "four equal candidates for the vacancies");
    let ctx = Context::new(&s, &p, &plan, options()).unwrap();
    for ch in &plan.interchangeable {
        let e = explain_post(&ctx, s.post_by_code(&ch.post).unwrap()).unwrap();
        let vi = render::placement_text(&e, Lang::Vi);
        let line = vi.lines().find(|l| l.starts_with("Lựa chọn tương đương")).unwrap_or_else(|| panic!("{vi}"));
        assert!(
            line.contains(&format!(
                "bất kỳ đồng chí nào trong {} đồng chí sau cũng cho cùng một phương án",
                ch.count + 1
            )),
            "{line}"
        );
        for code in std::iter::once(&ch.chosen).chain(&ch.others) {
            assert!(line.contains(&format!("[{code}]")), "{code} listed: {line}");
        }
        let en = render::placement_text(&e, Lang::En);
        assert!(en.contains("any of these"), "{en}");
        // the cadre placed there is told the same
        let chosen = s.cadre_by_code(&ch.chosen).unwrap();
        let e = explain_cadre(&ctx, chosen).unwrap();
        assert!(render::cadre_text(&e, Lang::Vi).contains("Lựa chọn tương đương"));
    }
}

#[test]
fn report_shows_purposes_tradeoffs_and_interchangeable_choices() {
    // three trade-offs on the worked example
    let (s, p) = worked();
    let found =
        alternatives(&request(&s, &p), &AlternativesRequest { count: 3, min_difference: 1, ..Default::default() })
            .unwrap();
    assert!(found.len() >= 2, "the worked example has trade-offs");
    let plans: Vec<Plan> = found.iter().map(|o| o.plan.clone()).collect();
    for brief in [false, true] {
        let html = render_html(&ReportInput {
            scenario: &s,
            policy: &p,
            plans: &plans,
            sources: &[],
            lang: Lang::Vi,
            options: Options { brief, ..Options::default() },
        });
        // the personnel list: a "Lý do" column whose cells start with the purpose in words
        let table = &html[html.find("<table class=\"personnel\"").expect("personnel list")..];
        let table = &table[..table.find("</table>").unwrap()];
        assert!(table.contains("<th>Lý do</th>"));
        let reasons: Vec<&str> =
            table.split("<td class=\"why\">").skip(1).map(|c| &c[..c.find("</td>").unwrap()]).collect();
        assert!(!reasons.is_empty());
        let words: Vec<&str> =
            Purpose::ALL.iter().map(|x| rotaplan::explain::summary::purpose_text(*x, Lang::Vi)).collect();
        for r in &reasons {
            assert!(words.iter().any(|w| r.starts_with(w)), "purpose in words: {r}");
        }
        // the counts by purpose, the discretionary moves on their own row
        assert!(html.contains("Lý do điều động (số lượt)"));
        assert!(html.contains("Điều động không có lý do theo quy định"));
        // the trade-offs side by side: a sentence per alternative and the chart
        assert!(html.contains("id=\"tradeoffs\""));
        for (k, plan) in plans.iter().enumerate().skip(1) {
            let sentence = rotaplan::explain::summary::tradeoff_text(&s, &p, plan, Lang::Vi).unwrap();
            assert!(html.contains(&sentence.replace('&', "&amp;")), "plan {}: {sentence}", k + 1);
        }
        let chart = &html[html.find("<svg class=\"chart tradeoff\"").expect("the trade-off chart")..];
        let chart = &chart[..chart.find("</svg>").unwrap()];
        for k in 1..=plans.len() {
            assert!(chart.contains(&format!("data-plan=\"{k}\"")), "a marker for plan {k}");
            assert!(chart.contains(&format!("class=\"point-label\">{k}</text>")), "labelled {k}");
        }
        assert!(chart.contains("số lượt điều động") && chart.contains("điểm phù hợp"));
        // no raw purpose codes, no English words in what a planner reads
        let text = visible(&html);
        for x in Purpose::ALL {
            assert!(!text.contains(x.code()), "raw code {} in the page", x.code());
        }
        let english = english_in(&text);
        assert!(english.is_empty(), "English in the Vietnamese report: {english:?}");
    }

    // the interchangeable choices, on a plan that has them
    let s = open_scenario();
    let p = policy();
    let plan = rotaplan::plan::make_plan(&request(&s, &p)).unwrap().plan;
    let html = render_html(&ReportInput {
        scenario: &s,
        policy: &p,
        plans: std::slice::from_ref(&plan),
        sources: &[],
        lang: Lang::Vi,
        options: Options::default(),
    });
    let list = &html[html.find("<ul class=\"interchangeable\">").expect("the interchangeable list")..];
    let list = &list[..list.find("</ul>").unwrap()];
    for ch in &plan.interchangeable {
        let title = &s.post(s.post_by_code(&ch.post).unwrap()).title;
        assert!(list.contains(title.as_str()), "{title}: {list}");
        for code in std::iter::once(&ch.chosen).chain(&ch.others) {
            let name = &s.cadre(s.cadre_by_code(code).unwrap()).name;
            assert!(list.contains(name.as_str()), "{name}: {list}");
        }
    }
    assert!(list.contains("bất kỳ đồng chí nào trong"));
}

/// `explain --target team-mix` lists the teams that fall short and counts the ones that meet it
/// on one line (issue 12: 530 lines on Hai Phong); `--all` lists them all; the JSON keeps
/// every team. The tiny fixture's four teams all meet the target, so one is marked short here
/// to have both kinds: the listing is the renderer's.
#[test]
fn team_mix_lists_the_unmet_teams_and_counts_the_met() {
    let inputs = load_inputs(
        &root().join("tests/fixtures/tiny/scenario.json"),
        Some(&root().join("models/haiphong-09-kl-tu.toml")),
    )
    .unwrap();
    let (s, p) = (inputs.scenario, inputs.policy.unwrap());
    let plan = rotaplan::plan::make_plan(&request(&s, &p)).unwrap().plan;
    let ctx = Context::new(&s, &p, &plan, options()).unwrap();
    let mut e = rotaplan::explain::target::explain_target(&ctx, "team-mix", None).unwrap();
    assert!(e.instances.len() > 3, "{} teams", e.instances.len());
    e.instances[1].met = false;
    e.instances[1].shortfall = 1.0;
    let n = e.instances.len();
    let line_of = |text: &str, code: &str| text.lines().any(|l| l.contains(&format!("[{code}]")) && l.contains(" — "));
    let vi = render::target_text(&e, Lang::Vi);
    assert!(line_of(&vi, &e.instances[1].subject.code), "the unmet team is shown: {vi}");
    // a team has two instances (age tiers, fields): the other teams are the ones counted
    let short = e.instances[1].subject.code.clone();
    for (k, i) in e.instances.iter().enumerate().filter(|(_, i)| i.subject.code != short) {
        let code = &i.subject.code;
        let lines: Vec<&str> = vi.lines().filter(|l| l.contains(&format!("[{code}]")) && l.contains(" — ")).collect();
        assert!(!line_of(&vi, code), "met team {k} [{code}] is counted, not listed: {lines:?}");
    }
    let last = vi.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert!(last.starts_with(&format!("Đạt ở {}/{n} tập thể", n - 1)), "the count comes last: {last}");
    assert!(vi.contains(&format!("Chưa đạt ở 1/{n} tập thể:")), "{vi}");
    let en = render::target_text(&e, Lang::En);
    assert!(en.contains(&format!("Met in {} of {n} teams", n - 1)), "{en}");
    // --all: every team listed
    let all = render::target_text_with(&e, Lang::Vi, true);
    for i in &e.instances {
        assert!(line_of(&all, &i.subject.code), "{} listed with --all: {all}", i.subject.code);
    }
    // many teams short: one line each (what it lacks), the detail with --subject
    for i in e.instances.iter_mut() {
        i.met = false;
        i.shortfall = 1.0;
    }
    let many: Vec<_> = e.instances.iter().cycle().take(12).cloned().collect();
    let mut short = e.clone();
    short.instances = many;
    let vi = render::target_text(&short, Lang::Vi);
    assert!(!vi.contains("Vì sao chưa đạt:"), "compact: {vi}");
    assert!(vi.contains("--subject"), "{vi}");
    assert!(
        render::target_text_with(&short, Lang::Vi, true).contains("Vì sao chưa đạt:")
            || short.instances.iter().all(|i| i.why.is_empty())
    );
    // the JSON keeps every team
    let json = serde_json::to_value(&e).unwrap();
    assert_eq!(json["instances"].as_array().unwrap().len(), n);
}
