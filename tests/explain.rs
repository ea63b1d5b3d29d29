//! Explanations on the worked scenario (`scenarios/worked/`): golden texts in Vietnamese and
//! English (and JSON), every "why not" cost confirmed by an independent re-solve, repeated runs
//! identical, plan comparison, and the CLI's exit codes.
//!
//! Golden texts are insta snapshots under `tests/golden/worked/`. A difference fails the test
//! (`.config/insta.yaml` sets `update: no`, so nothing is written); to accept a change, run
//! `INSTA_UPDATE=always cargo test --release --test explain` (or `cargo insta review`) and
//! read the diff before committing.

use std::path::{Path, PathBuf};
use std::process::Command;

use rotaplan::explain::collate::vi_name_key;
use rotaplan::explain::compare::compare;
use rotaplan::explain::cost::{verdict, Cost, Verdict};
use rotaplan::explain::placement::{explain_cadre, explain_post};
use rotaplan::explain::render;
use rotaplan::explain::target::explain_target;
use rotaplan::explain::view::{Context, Criteria, ExplainOptions};
use rotaplan::explain::Lang;
use rotaplan::formulation::{FormulationSettings, Pins};
use rotaplan::model::load::load_inputs;
use rotaplan::model::{Policy, Scenario};
use rotaplan::plan::{make_plan, InputRef, Plan, PlanRequest};
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

fn solve(s: &Scenario, p: &Policy, pins: Pins) -> Plan {
    let req = PlanRequest {
        scenario: s,
        policy: p,
        scenario_ref: InputRef { name: s.name.clone(), sha256: String::new() },
        policy_ref: InputRef { name: p.id.clone(), sha256: String::new() },
        formulation: FormulationSettings { pins, ..Default::default() },
        solver: SolverSettings::default(),
        from_plan: None,
        emphasis: None,
    };
    make_plan(&req).expect("the solver runs").plan
}

fn options() -> ExplainOptions {
    ExplainOptions { top: 5, solver: SolverSettings::default(), parallel: true, ..ExplainOptions::default() }
}

/// Compares `actual` with its golden snapshot, `tests/golden/worked/<name>.snap` (insta).
///
/// insta ignores trailing whitespace when it compares, so the one trailing newline every text
/// ends with is checked here: together the two are an exact comparison.
fn golden(name: &str, actual: &str) {
    let body = actual.strip_suffix('\n');
    assert!(
        body.is_some_and(|b| !b.ends_with(char::is_whitespace)),
        "{name}: the text must end in exactly one newline, with no trailing whitespace"
    );
    insta::with_settings!({
        snapshot_path => "golden/worked",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, actual);
    });
}

#[test]
fn the_worked_plan_tells_the_stories_it_was_built_for() {
    let (s, p) = worked();
    let plan = solve(&s, &p, Pins::default());
    assert_eq!(plan.status, "optimal");
    let after = |post: &str| plan.posts.iter().find(|r| r.post == post).and_then(|r| r.after.clone());
    assert_eq!(after("P-311-PCT2").as_deref(), Some("C21"), "the young reinforcement");
    assert_eq!(after("P-305-CT").as_deref(), Some("C11"), "the rotation forced by the tenure cap");
    assert_eq!(after("P-311-BT").as_deref(), Some("C10"), "the secretaries swap");
    assert_eq!(after("P-313-BT").as_deref(), Some("C07"), "the secretaries swap");
    assert_eq!(after("P-11632-PCT"), None, "nobody qualifies");
    let unmet: Vec<_> = plan.targets.iter().filter(|t| !t.met).map(|t| (t.rule.as_str(), t.subject.as_str())).collect();
    assert_eq!(unmet, vec![("young-commune-vice-chair", "313")]);
}

#[test]
fn golden_explanations_of_the_worked_plan() {
    let (s, p) = worked();
    let plan = solve(&s, &p, Pins::default());
    let ctx = Context::new(&s, &p, &plan, options()).unwrap();
    let post = |code: &str| s.post_by_code(code).unwrap();
    let cadre = |code: &str| s.cadre_by_code(code).unwrap();

    let e = explain_post(&ctx, post("P-311-PCT2")).unwrap();
    for lang in [Lang::Vi, Lang::En] {
        golden(&format!("post-P-311-PCT2.{}.txt", code(lang)), &render::placement_text(&e, lang));
    }
    golden("post-P-311-PCT2.vi.json", &render::json("placement", &e, render::placement_text(&e, Lang::Vi), Lang::Vi));

    let e = explain_post(&ctx, post("P-311-BT")).unwrap();
    for lang in [Lang::Vi, Lang::En] {
        golden(&format!("post-P-311-BT.{}.txt", code(lang)), &render::placement_text(&e, lang));
    }
    let e = explain_post(&ctx, post("P-11632-PCT")).unwrap();
    golden("post-P-11632-PCT.vi.txt", &render::placement_text(&e, Lang::Vi));

    let e = explain_cadre(&ctx, cadre("C11")).unwrap();
    for lang in [Lang::Vi, Lang::En] {
        golden(&format!("cadre-C11.{}.txt", code(lang)), &render::cadre_text(&e, lang));
    }
    let e = explain_cadre(&ctx, cadre("C43")).unwrap();
    for lang in [Lang::Vi, Lang::En] {
        golden(&format!("cadre-C43.{}.txt", code(lang)), &render::cadre_text(&e, lang));
    }
    let e = explain_cadre(&ctx, cadre("C42")).unwrap();
    golden("cadre-C42.vi.txt", &render::cadre_text(&e, Lang::Vi));

    let e = explain_target(&ctx, "young-commune-vice-chair", Some("313")).unwrap();
    for lang in [Lang::Vi, Lang::En] {
        golden(&format!("target-young-commune-vice-chair-313.{}.txt", code(lang)), &render::target_text(&e, lang));
    }
    golden(
        "target-young-commune-vice-chair-313.en.json",
        &render::json("target", &e, render::target_text(&e, Lang::En), Lang::En),
    );
}

fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

#[test]
fn the_unmet_target_names_the_closest_candidate_and_the_fix_is_confirmed() {
    let (s, p) = worked();
    let plan = solve(&s, &p, Pins::default());
    let ctx = Context::new(&s, &p, &plan, options()).unwrap();
    let e = explain_target(&ctx, "young-commune-vice-chair", Some("313")).unwrap();
    let inst = &e.instances[0];
    assert!(!inst.met && inst.achieved == 0.0 && inst.required_min == Some(1.0));
    let bat_trang = inst.why.iter().find(|c| c.child.code == "11632").expect("Xã Bát Trang is explained");
    assert_eq!(bat_trang.candidates_total, 0, "nobody eligible would count");
    let names: Vec<&str> = bat_trang.closest.iter().map(|m| m.cadre.code.as_str()).collect();
    // one failing fact each, sorted by given name (Đức < Mai < Tùng), then two failing facts
    assert_eq!(names, ["C45", "C46", "C44", "C47", "C26"]);
    let check = bat_trang.fix_check.as_ref().expect("the closest candidate's fix is checked");
    assert_eq!(check.cadre.code, "C45");
    assert_eq!(check.met, Some(true), "adding Trần Văn Đức to the planning meets the target");
}

/// Re-planning only the regions a pin touches (what large scenarios do) measures a cost that is
/// never smaller than the exact one: each local figure is an upper bound, and says so. A pair
/// those regions cannot absorb widens them rather than re-solving the whole plan.
#[test]
fn local_why_not_costs_bound_the_exact_ones() {
    let (s, p) = worked();
    let plan = solve(&s, &p, Pins::default());
    let exact = Context::new(&s, &p, &plan, ExplainOptions { top: 10, ..options() }).unwrap();
    let local = Context::new(&s, &p, &plan, ExplainOptions { top: 10, local_above: 0, ..options() }).unwrap();
    let key = |c: &Criteria| (-c.target_shortfall, c.suitability as f64, -(c.moves as f64 + c.vacancies as f64));
    let mut compared = 0;
    let mut regional = 0;
    for code in ["P-311-PCT2", "P-311-BT", "P-305-CT", "P-11476-PCT"] {
        let post = s.post_by_code(code).unwrap();
        let e = explain_post(&exact, post).unwrap();
        let l = explain_post(&local, post).unwrap();
        for (a, b) in e.why_not.alternatives.iter().zip(&l.why_not.alternatives) {
            assert_eq!(a.cadre.code, b.cadre.code);
            match (&a.cost, &b.cost) {
                (Cost::Measured { criteria: x, .. }, Cost::Measured { criteria: y, re_planned, .. }) => {
                    compared += 1;
                    if re_planned.is_some() {
                        regional += 1;
                    }
                    let (kx, ky) = (key(x), key(y));
                    assert!(
                        ky.partial_cmp(&kx).unwrap().is_le(),
                        "{} in {code}: local {y:?} beats exact {x:?}",
                        a.cadre.code
                    );
                }
                (Cost::Infeasible { .. }, other) => {
                    assert!(matches!(other, Cost::Infeasible { .. }), "{} in {code}: {other:?}", a.cadre.code)
                }
                (x, y) => panic!("{} in {code}: exact {x:?}, local {y:?}", a.cadre.code),
            }
        }
    }
    assert!(compared >= 5, "local re-solves exercised: {compared} compared");
    // a pair the regions it touches cannot absorb is re-planned in wider regions, not the
    // whole plan (without the widening, 3 of these 9 fell back to a whole re-solve)
    assert_eq!(regional, compared, "every measured pair re-planned regionally");
}

/// Every measured "why not" cost equals the difference of objectives between the plan and an
/// independent re-solve with the pair pinned.
#[test]
fn why_not_costs_are_confirmed_by_independent_re_solves() {
    let (s, p) = worked();
    let plan = solve(&s, &p, Pins::default());
    let base = Criteria::from(&plan.objective);
    let ctx = Context::new(&s, &p, &plan, ExplainOptions { top: 10, ..options() }).unwrap();
    let mut seen = (0, 0);
    for code in ["P-311-PCT2", "P-311-BT", "P-305-CT", "P-11476-PCT"] {
        let post = s.post_by_code(code).unwrap();
        let e = explain_post(&ctx, post).unwrap();
        assert_eq!(e.why_not.not_measured, 0, "top 10 measures every candidate of {code}");
        for a in &e.why_not.alternatives {
            let c = s.cadre_by_code(&a.cadre.code).unwrap();
            let other = solve(&s, &p, Pins { force: vec![(c, post)], ..Default::default() });
            match &a.cost {
                Cost::Measured { criteria, delta, verdict: v, proven, .. } => {
                    seen.0 += 1;
                    assert!(*proven);
                    assert_eq!(other.status, "optimal");
                    let again = Criteria::from(&other.objective);
                    assert_eq!(criteria, &again, "{} in {code}", a.cadre.code);
                    assert!((delta.target_shortfall - (again.target_shortfall - base.target_shortfall)).abs() < 1e-6);
                    assert_eq!(delta.suitability, again.suitability as i64 - base.suitability as i64);
                    assert_eq!(delta.moves, again.moves as i64 - base.moves as i64);
                    assert_eq!(delta.vacancies, again.vacancies as i64 - base.vacancies as i64);
                    assert_eq!(*v, verdict(&base, &again, &p));
                    // the plan is optimal: no other choice can be better
                    assert!(!matches!(v, Verdict::Better { .. }), "{} in {code}: {v:?}", a.cadre.code);
                }
                Cost::Infeasible { blocking } => {
                    seen.1 += 1;
                    assert_eq!(other.status, "infeasible", "{} in {code}", a.cadre.code);
                    assert!(!blocking.is_empty(), "an infeasible choice names the rules in the way");
                    assert!(blocking.iter().all(|b| b.rule.id != "pin" || !b.subject.code.is_empty()));
                }
                other_cost => panic!("{} in {code}: unexpected {other_cost:?}", a.cadre.code),
            }
        }
    }
    // (since issue 11 equivalence joins only posts of one rank: fewer forced pairs are eligible
    // at all, so fewer of them end infeasible)
    assert!(seen.0 >= 5 && seen.1 >= 1, "both measured and infeasible alternatives are exercised: {seen:?}");
}

#[test]
fn repeated_runs_give_identical_text() {
    let (s, p) = worked();
    let run = |parallel: bool| {
        let plan = solve(&s, &p, Pins::default());
        let ctx = Context::new(&s, &p, &plan, ExplainOptions { parallel, ..options() }).unwrap();
        let mut out = String::new();
        for code in ["P-311-PCT2", "P-313-PCT1", "P-305-CT"] {
            let e = explain_post(&ctx, s.post_by_code(code).unwrap()).unwrap();
            out += &render::placement_text(&e, Lang::Vi);
            out += &render::json("placement", &e, String::new(), Lang::En);
        }
        let e = explain_cadre(&ctx, s.cadre_by_code("C07").unwrap()).unwrap();
        out += &render::cadre_text(&e, Lang::En);
        let e = explain_target(&ctx, "young-commune-vice-chair", None).unwrap();
        out += &render::target_text(&e, Lang::Vi);
        out
    };
    let first = run(true);
    assert_eq!(first, run(true));
    assert_eq!(first, run(false), "parallel and serial re-solves agree");
}

#[test]
fn compare_lists_exactly_the_differing_placements() {
    let (s, p) = worked();
    let a = solve(&s, &p, Pins::default());
    let khoa = s.cadre_by_code("C23").unwrap();
    let post = s.post_by_code("P-311-PCT2").unwrap();
    let b = solve(&s, &p, Pins { force: vec![(khoa, post)], ..Default::default() });
    let c = compare(&s, &p, &[("plan.json".into(), &a), ("pinned.json".into(), &b)]).unwrap();
    let expected: Vec<String> =
        a.posts.iter().zip(&b.posts).filter(|(x, y)| x.after != y.after).map(|(x, _)| x.post.clone()).collect();
    let mut expected = expected;
    expected.sort();
    let got: Vec<String> = c.differing.iter().map(|d| d.post.code.clone()).collect();
    assert_eq!(got, expected);
    assert!(got.contains(&"P-311-PCT2".to_string()));
    for d in &c.differing {
        let ha = a.posts.iter().find(|r| r.post == d.post.code).unwrap().after.clone();
        let hb = b.posts.iter().find(|r| r.post == d.post.code).unwrap().after.clone();
        assert_eq!(d.holders[0].as_ref().map(|x| x.code.clone()), ha);
        assert_eq!(d.holders[1].as_ref().map(|x| x.code.clone()), hb);
    }
    assert_eq!(c.plans[0].criteria, Criteria::from(&a.objective));
    assert_eq!(c.plans[1].criteria, Criteria::from(&b.objective));
    assert_eq!(c.plans[1].pins, vec!["force C23=P-311-PCT2".to_string()]);
    // the pinned post's district and the one whose vice-chair made room for it, among others
    // a tied optimum may reshuffle; every differing post counted once
    let districts: Vec<&str> = c.districts.iter().map(|d| d.locality.code.as_str()).collect();
    assert!(districts.contains(&"311") && districts.contains(&"313"), "{districts:?}");
    assert_eq!(c.districts.iter().map(|d| d.posts).sum::<usize>(), c.differing.len());
    for lang in [Lang::Vi, Lang::En] {
        golden(&format!("compare.{}.txt", code(lang)), &render::comparison_text(&c, lang));
    }
    golden("compare.en.json", &render::json("comparison", &c, render::comparison_text(&c, Lang::En), Lang::En));
    // a plan compared with itself differs nowhere
    let same = compare(&s, &p, &[("a".into(), &a), ("b".into(), &a)]).unwrap();
    assert!(same.differing.is_empty() && same.districts.is_empty() && same.targets.iter().all(|t| !t.differs));
}

#[test]
fn a_hand_edited_plan_shows_what_it_breaks() {
    use rotaplan::explain::placement::Note;
    let (s, p) = worked();
    let mut plan = solve(&s, &p, Pins::default());
    // Lê Hoàng Long (35.0 on the plan date) in place of Ngô Quang Huy
    for row in &mut plan.posts {
        if row.post == "P-311-PCT2" {
            row.after = Some("C24".into());
        }
    }
    plan.status = rotaplan::plan::PlanStatus::Hand;
    let ctx = Context::new(&s, &p, &plan, options()).unwrap();
    let e = explain_post(&ctx, s.post_by_code("P-311-PCT2").unwrap()).unwrap();
    let h = e.holder.as_ref().unwrap();
    assert_eq!(h.cadre.code, "C24");
    assert!(h.rules.is_empty() && !h.breaks.is_empty(), "{:?}", h.breaks);
    assert!(e.notes.contains(&Note::PlanBreaksRules) && e.notes.contains(&Note::PlanNotProven));
    let text = render::placement_text(&e, Lang::En);
    // at 35.0 he is not a young cadre: the young-cadre rule does not apply, and no rule
    // admits him from the pool (issue 11: the rule that actually applies is cited)
    assert!(text.contains("BREAKS eligibility") && text.contains("not a young cadre (under 35)"), "{text}");
    // Ngô Quang Huy, left out, now measures better than the hand-drafted choice
    let huy = e.why_not.alternatives.iter().find(|a| a.cadre.code == "C21").expect("Huy is an alternative");
    assert!(matches!(&huy.cost, Cost::Measured { verdict: Verdict::Better { .. }, .. }), "{:?}", huy.cost);
}

/// Forcing Phạm Minh Tuấn to stay in Thuỷ Nguyên costs at most the non-local target: the plan
/// below (hand-repaired from the optimum) obeys every hard rule at a weighted shortfall of 25 (one
/// district short of non-local secretaries at weight 20, the commune share at 5), so a re-solve
/// with the pin must do at least as well. (Earlier versions of the solve layer
/// returned plans labelled optimal at 17 and 23 here; the optimum keeps the shortfall at 5.)
#[test]
fn forcing_tuan_to_stay_costs_at_most_the_non_local_target() {
    let (s, p) = worked();
    let tuan = s.cadre_by_code("C07").unwrap();
    let bt = s.post_by_code("P-311-BT").unwrap();
    let pins = Pins { force: vec![(tuan, bt)], ..Default::default() };
    let mut hand = solve(&s, &p, Pins::default());
    let set = |plan: &mut Plan, post: &str, who: Option<&str>| {
        let row = plan.posts.iter_mut().find(|r| r.post == post).unwrap();
        row.after = who.map(String::from);
    };
    set(&mut hand, "P-311-BT", Some("C07"));
    set(&mut hand, "P-313-BT", Some("C10"));
    set(&mut hand, "P-313-CT", Some("C05"));
    set(&mut hand, "P-305-PBT", None);
    set(&mut hand, "P-313-PCT1", Some("C12"));
    set(&mut hand, "P-313-PCT2", Some("C22"));
    let a = rotaplan::plan::assignment_from_plan(&s, &hand).unwrap();
    let report = rotaplan::check::check(&s, &p, &p.milestone, &a, &pins);
    assert!(report.compliant(), "{:#?}", report.violations);
    assert_eq!(report.objective.target_shortfall, 25.0);
    let solved = solve(&s, &p, pins);
    assert!(solved.objective.target_shortfall <= 25.0, "solver: {:?}", solved.objective);
}

#[test]
fn vietnamese_name_order_is_by_given_name_with_marked_letters_after_their_base() {
    let mut names = vec!["Đỗ Văn Đức", "Trần Văn Dũng", "Lê Thị Ánh", "Nguyễn Văn An", "Phạm Văn Ân", "Bùi Thị Hằng"];
    names.sort_by_key(|n| vi_name_key(n));
    assert_eq!(names, ["Nguyễn Văn An", "Lê Thị Ánh", "Phạm Văn Ân", "Trần Văn Dũng", "Đỗ Văn Đức", "Bùi Thị Hằng"]);
}

// ---- the command line ------------------------------------------------------------------------

fn rotaplan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rotaplan"))
        .args(args)
        .current_dir(root())
        .env("ROTAPLAN_QUIET_WARNINGS", "1")
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn cli_plan(dir: &Path, name: &str, extra: &[&str]) -> String {
    let out = dir.join(name);
    let out = out.to_str().unwrap().to_string();
    let mut args = vec!["solve", "scenarios/worked/scenario.json", "--out", &out];
    args.extend_from_slice(extra);
    let (code, _, err) = rotaplan(&args);
    assert_eq!(code, 0, "{err}");
    out
}

#[test]
fn cli_explain_and_compare_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let plan = cli_plan(dir.path(), "plan.json", &[]);
    let sc = "scenarios/worked/scenario.json";

    let (code, out, err) = rotaplan(&["explain", &plan, "--scenario", sc, "--post", "P-311-PCT2"]);
    assert_eq!(code, 0, "{err}");
    golden("post-P-311-PCT2.vi.txt", &out);
    let (code, out, _) = rotaplan(&[
        "explain",
        &plan,
        "--scenario",
        sc,
        "--target",
        "young-commune-vice-chair",
        "--subject",
        "313",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0);
    golden("target-young-commune-vice-chair-313.en.txt", &out);
    let (code, out, _) = rotaplan(&["explain", &plan, "--scenario", sc, "--cadre", "Phạm Thị Hoa", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON output");
    assert_eq!(v["kind"], "cadre");
    assert_eq!(v["explanation"]["cadre"]["code"], "C43");

    // unknown ids: exit 2 with a suggestion (in English with --lang en; the Vietnamese words
    // are tests/vietnamese.rs's)
    let (code, _, err) = rotaplan(&["explain", &plan, "--scenario", sc, "--post", "P-311-PCT3", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown post 'P-311-PCT3'") && err.contains("did you mean"), "{err}");
    let (code, _, err) = rotaplan(&["explain", &plan, "--scenario", sc, "--cadre", "C99", "--lang", "en"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown cadre 'C99'"), "{err}");
    let (code, _, err) =
        rotaplan(&["explain", &plan, "--scenario", sc, "--target", "young-comune-vice-chair", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(err.contains("did you mean 'young-commune-vice-chair'"), "{err}");
    let (code, _, err) = rotaplan(&[
        "explain",
        &plan,
        "--scenario",
        sc,
        "--target",
        "young-commune-vice-chair",
        "--subject",
        "3133",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown subject '3133'"), "{err}");
    let (code, _, err) = rotaplan(&["explain", &plan, "--scenario", sc, "--target", "same-level", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(err.contains("not a target"), "{err}");
    let (code, _, err) = rotaplan(&["explain", &plan, "--scenario", sc, "--target", "same-level"]);
    assert_eq!(code, 2);
    assert!(err.contains("không phải chỉ tiêu"), "{err}");
    let (code, _, _) = rotaplan(&["explain", &plan, "--scenario", sc]);
    assert_eq!(code, 2, "one of --cadre, --post, --target is required");
    let (code, _, _) = rotaplan(&["explain", "/nonexistent/plan.json", "--scenario", sc, "--post", "P-311-PCT2"]);
    assert_eq!(code, 2);

    let pinned = cli_plan(dir.path(), "pinned.json", &["--pin", "C23=P-311-PCT2"]);
    let (code, out, err) = rotaplan(&["compare", &plan, &pinned, "--scenario", sc]);
    assert_eq!(code, 0, "{err}");
    golden("compare.vi.txt", &out);
    let (code, out, _) = rotaplan(&["compare", &plan, &pinned, "--scenario", sc, "--format", "json", "--lang", "en"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    // as many as the two plan files differ in (a tied optimum may differ in more than the pin's
    // two posts)
    let after = |path: &str| -> Vec<serde_json::Value> {
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        v["posts"].as_array().unwrap().iter().map(|r| r["after"].clone()).collect()
    };
    let differ = after(&plan).iter().zip(after(&pinned)).filter(|(a, b)| *a != b).count();
    assert!(differ >= 2);
    assert_eq!(v["explanation"]["differing"].as_array().unwrap().len(), differ);
    let (code, _, _) = rotaplan(&["compare", &plan, "--scenario", sc]);
    assert_eq!(code, 2, "compare needs two plans");
}
