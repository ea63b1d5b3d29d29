//! Everything a planner reads is Vietnamese by default: the main commands are run on the tiny
//! fixture (and the shipped scenario for `validate`) without `--lang`, and their output on
//! stdout and stderr, and the text of the report, is searched for English words.
//!
//! Codes (cadre, post, rule ids), file paths and numbers are left out of the search: a token
//! with a digit, a slash, a dot, a hyphen, an underscore or a bracket is a code or a path, not
//! a word. What remains is split into words and compared with a list of English words that
//! cannot occur in Vietnamese text. `--format json` keeps its codes and is not searched.

use std::path::{Path, PathBuf};
use std::process::Command;

const TINY: &str = "tests/fixtures/tiny/scenario.json";
/// A scenario with real trade-offs between plans (the tiny one has a single plan).
const WORKED: &str = "scenarios/worked/scenario.json";
const POLICY: &str = "models/haiphong-09-kl-tu.toml";

/// English words that do not occur in Vietnamese planner-facing text (nor as Vietnamese words
/// without diacritics).
const ENGLISH: &[&str] = &[
    "the",
    "and",
    "of",
    "is",
    "are",
    "with",
    "for",
    "from",
    "not",
    "must",
    "cannot",
    "error",
    "errors",
    "warning",
    "warnings",
    "written",
    "plan",
    "plans",
    "target",
    "targets",
    "rule",
    "rules",
    "stage",
    "value",
    "gap",
    "model",
    "columns",
    "rows",
    "row",
    "column",
    "unknown",
    "expected",
    "found",
    "missing",
    "file",
    "solving",
    "done",
    "met",
    "unmet",
    "achieved",
    "required",
    "placement",
    "moves",
    "suitability",
    "vacant",
    "cadre",
    "post",
    "stays",
    "hard",
    "weight",
    "weighted",
    "layer",
    "pareto",
    "shortfall",
    "because",
    "than",
    "better",
    "worse",
    "rank",
    "ranks",
    "status",
    "optimal",
    "proven",
    "objective",
    "inputs",
    "scenario",
    "policy",
    "report",
    "why",
    "none",
    "other",
    "others",
    "age",
    "tiers",
    "team",
    "teams",
    "holder",
    "release",
    "released",
    "rotates",
    "reinforcement",
    "appointment",
    "balanced",
    "milestone",
    "share",
    "fields",
    "problems",
    "did",
    "you",
    "mean",
    "one",
];

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rotaplan"))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs rotaplan from the repository root; returns (exit code, stdout + stderr).
fn run(args: &[&str]) -> (i32, String) {
    let out = bin().args(args).current_dir(root()).output().expect("run rotaplan");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

/// The English words in a text, with the line each is on.
fn english_words(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for line in text.lines() {
        for token in line.split_whitespace() {
            if token.chars().any(|c| c.is_ascii_digit() || "/._-[]=<>`'\"@:".contains(c)) {
                continue;
            }
            for word in token.split(|c: char| !c.is_alphabetic()) {
                let w = word.to_lowercase();
                if ENGLISH.contains(&w.as_str()) {
                    found.push((w, line.to_string()));
                }
            }
        }
    }
    found
}

fn assert_vietnamese(what: &str, text: &str) {
    assert!(!text.trim().is_empty(), "{what}: no output");
    let found = english_words(text);
    assert!(
        found.is_empty(),
        "{what}: English words in the Vietnamese output:\n{}",
        found.iter().map(|(w, l)| format!("  '{w}' in: {l}")).collect::<Vec<_>>().join("\n")
    );
}

/// The visible text of an HTML page: without the style sheet and the tags.
fn html_text(html: &str) -> String {
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
    out.replace("&amp;", "&").replace("&gt;", ">").replace("&lt;", "<")
}

#[test]
fn the_detector_finds_english() {
    assert_eq!(english_words("stays is 1 but must be within [-, 0]").len(), 3, "stays, is, must");
    assert!(english_words("C000003 may not take P-11296-PBT").iter().any(|(w, _)| w == "not"));
    assert!(english_words("Phương án 1: đạt 195/211 chỉ tiêu [team-mix] plan-1.json").is_empty());
}

#[test]
fn every_planner_facing_output_is_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let d = |name: &str| dir.path().join(name).display().to_string();

    // validate: a broken roster, and the shipped scenario (warnings)
    let (code, text) = run(&["validate", "tests/broken/many-problems/scenario.json"]);
    assert_eq!(code, 2, "{text}");
    assert_vietnamese("validate (errors)", &text);
    let (code, text) = run(&["validate", "scenarios/haiphong-2021", "--model", POLICY]);
    assert_eq!(code, 0, "{text}");
    assert_vietnamese("validate (Hai Phong)", &text);

    // solve: one plan, then alternatives
    let plan = d("plan.json");
    let (code, text) = run(&["solve", TINY, "--model", POLICY, "--out", &plan]);
    assert_eq!(code, 0, "{text}");
    assert_vietnamese("solve", &text);
    let alt = d("alt.json");
    let (code, text) =
        run(&["solve", WORKED, "--model", POLICY, "--plans", "2", "--min-difference", "1", "--out", &alt]);
    assert_eq!(code, 0, "{text}");
    assert_vietnamese("solve --plans", &text);
    let (alt1, alt2) = (d("alt-1.json"), d("alt-2.json"));
    assert!(Path::new(&alt2).exists(), "two plans written: {text}");

    // check: a compliant plan, and a hand-drafted CSV that breaks rules
    let (code, text) = run(&["check", TINY, &plan, "--model", POLICY]);
    assert_eq!(code, 0, "{text}");
    assert_vietnamese("check (compliant)", &text);
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "cadre,post\nC03,P-305-BT\nC01,\n").unwrap();
    let (code, text) = run(&["check", TINY, bad.to_str().unwrap(), "--model", POLICY]);
    assert_eq!(code, 1, "{text}");
    assert_vietnamese("check (violations)", &text);
    assert!(text.contains("đồng chí"), "names the people: {text}");

    // explain: a post, a cadre, a target
    for args in [["--post", "P-305-BT"], ["--cadre", "C03"], ["--target", "team-mix"]] {
        let (code, text) = run(&["explain", &plan, "--scenario", TINY, "--model", POLICY, args[0], args[1]]);
        assert_eq!(code, 0, "{text}");
        assert_vietnamese(&format!("explain {}", args[0]), &text);
    }

    // compare
    let (code, text) = run(&["compare", &alt1, &alt2, "--scenario", WORKED, "--model", POLICY]);
    assert_eq!(code, 0, "{text}");
    assert_vietnamese("compare", &text);

    // report: the messages, and the text of the page
    let html = d("report.html");
    let (code, text) = run(&["report", &alt1, &alt2, "--scenario", WORKED, "--model", POLICY, "--out", &html]);
    assert_eq!(code, 0, "{text}");
    assert_vietnamese("report (messages)", &text);
    let page = std::fs::read_to_string(&html).unwrap();
    assert_vietnamese("report (page)", &html_text(&page));
}

#[test]
fn help_is_vietnamese_first() {
    let (code, text) = run(&["--help"]);
    assert_eq!(code, 0);
    assert!(text.contains("Cách dùng"), "{text}");
    for line in text.lines().filter(|l| l.trim_start().starts_with(char::is_lowercase)) {
        // each command's line starts with its Vietnamese description
        let description = line.split_whitespace().skip(1).collect::<Vec<_>>().join(" ");
        let vietnamese = description.split(" / ").next().unwrap_or("");
        assert!(english_words(vietnamese).is_empty(), "{line}");
    }
}

/// Words of option help and of error messages that are English only (kept apart from
/// [`ENGLISH`] so that the older searches keep their scope).
const MORE_ENGLISH: &[&str] = &[
    "language",
    "output",
    "seconds",
    "limit",
    "folder",
    "write",
    "threads",
    "number",
    "given",
    "each",
    "only",
    "time",
    "relative",
    "heuristic",
    "effort",
    "explain",
    "where",
    "who",
    "force",
    "forbid",
    "keep",
    "leave",
    "also",
    "workbook",
    "outside",
    "least",
    "give",
    "say",
    "node",
    "budget",
    "header",
    "unknown",
    "needs",
];

fn assert_no_english(what: &str, text: &str) {
    assert_vietnamese(what, text);
    // codes, flags and paths are left out as in [`english_words`]
    let found: Vec<String> = text
        .split_whitespace()
        .filter(|t| !t.chars().any(|c| c.is_ascii_digit() || "/._-[]=<>`'\"@:".contains(c)))
        .flat_map(|t| t.split(|c: char| !c.is_alphabetic()).map(str::to_lowercase))
        .filter(|w| MORE_ENGLISH.contains(&w.as_str()))
        .collect();
    assert!(found.is_empty(), "{what}: English words {found:?} in:\n{text}");
}

/// Every subcommand's `--help`: each description starts in Vietnamese (the English follows
/// after " / ").
#[test]
fn every_subcommands_help_is_vietnamese_first() {
    for command in
        ["validate", "generate", "solve", "check", "explain", "compare", "report", "export", "template", "roadmap"]
    {
        let (code, text) = run(&[command, "--help"]);
        assert_eq!(code, 0, "{text}");
        let vietnamese: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('-') && !l.trim_start().starts_with('<'))
            .map(|l| l.split(" / ").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        // the option names and value names are codes; what is left is the description
        let vietnamese: String =
            vietnamese.lines().filter(|l| !l.contains("Possible values")).collect::<Vec<_>>().join("\n");
        assert_no_english(&format!("{command} --help"), &vietnamese);
        // and the one-line form of an option's help, after its flags
        for line in text.lines().filter(|l| l.trim_start().starts_with('-')) {
            let description = line.trim_start().split("  ").filter(|p| !p.is_empty()).nth(1).unwrap_or("");
            let description = description.split(" / ").next().unwrap_or("");
            assert!(english_words(description).is_empty(), "{command}: {line}");
        }
    }
}

/// A bad solver setting is refused in words, naming the flag and the range.
#[test]
fn bad_solver_settings_are_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.json").display().to_string();
    for (flag, value) in [
        ("--time-limit", "0"),
        ("--time-limit", "1e19"),
        ("--gap", "2"),
        ("--threads", "0"),
        ("--heuristic-effort", "3"),
        ("--max-nodes", "0"),
    ] {
        let (code, text) = run(&["solve", TINY, "--model", POLICY, "--out", &out, flag, value]);
        assert_eq!(code, 2, "{flag} {value}: {text}");
        assert!(text.contains(flag), "names the flag: {text}");
        assert_no_english(&format!("solve {flag} {value}"), &text);
    }
    let (code, text) = run(&["solve", TINY, "--model", POLICY, "--out", &out, "--plans", "0"]);
    assert_eq!(code, 2, "{text}");
    assert_no_english("solve --plans 0", &text);
    // explain's re-solves take the same settings
    let (code, text) = run(&["solve", TINY, "--model", POLICY, "--out", &out]);
    assert_eq!(code, 0, "{text}");
    let (code, text) =
        run(&["explain", &out, "--scenario", TINY, "--model", POLICY, "--post", "P-305-BT", "--time-limit", "0"]);
    assert_eq!(code, 2, "{text}");
    assert_no_english("explain --time-limit 0", &text);
}

/// A plan CSV that cannot be read is refused in words, located by file, row and column, with
/// what would be right.
#[test]
fn bad_plan_csvs_are_vietnamese_and_located() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        ("unknown-cadre.csv", b"cadre,post\nC0X,P-SNV-GD\n", "'C01'"),
        ("unknown-post.csv", b"cadre,post\nC01,P-SNV-GDX\n", "'P-SNV-GD'"),
        ("header.csv", b"who,what\nC01,P-SNV-GD\n", "'who', 'what'"),
        ("semicolon-unknown.csv", "Mã cán bộ;Mã chức danh\nC01;P-NOPE\n".as_bytes(), "dòng 2"),
    ];
    for (name, bytes, right) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let (code, text) = run(&["check", TINY, path.to_str().unwrap(), "--model", POLICY]);
        assert_eq!(code, 2, "{name}: {text}");
        assert!(text.contains(name) && text.contains("dòng"), "{name}: located: {text}");
        assert!(text.contains(right), "{name}: says what would be right: {text}");
        assert_no_english(name, &text);
    }
    // a plan saved by Excel's plain "CSV" (Windows-1252 here) is read, with a warning in words
    let path = dir.path().join("legacy.csv");
    std::fs::write(&path, b"cadre,post,name\nC01,P-SNV-GD,L\xea V\xe2n\n").unwrap();
    let (code, text) = run(&["check", TINY, path.to_str().unwrap(), "--model", POLICY]);
    assert!(code == 0 || code == 1, "{text}");
    assert!(text.contains("UTF-8") && text.contains("Windows-1252"), "{text}");
    assert_no_english("legacy plan CSV", &text);
}

/// Lines that start with a raw policy key (`strength: …`, `bands.2021: …`) where the value
/// should be named in words: a token with a dot or an underscore escapes [`english_words`].
fn raw_key_lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| {
            let t = l.trim_start();
            let key: String = t.chars().take_while(|c| c.is_ascii_lowercase() || "._0123456789".contains(*c)).collect();
            !key.is_empty() && t[key.len()..].starts_with(": ")
        })
        .map(String::from)
        .collect()
}

/// Codes a planner should never read as words: move kinds in brackets and the `term_end`
/// milestone (a token with a bracket or an underscore escapes [`english_words`]).
fn assert_no_codes_as_words(what: &str, text: &str) {
    for code in ["[rotates]", "[reinforcement]", "[appointment]", "[release]", "[stays]", "mốc term_end"] {
        assert!(!text.contains(code), "{what}: '{code}' in:\n{text}");
    }
    let raw = raw_key_lines(text);
    assert!(raw.is_empty(), "{what}: raw policy keys in:\n{}", raw.join("\n"));
}

/// The worked example solved once, in `dir`.
fn worked_plan(dir: &Path) -> String {
    let plan = dir.join("worked.json").display().to_string();
    let (code, text) = run(&["solve", WORKED, "--model", POLICY, "--out", &plan]);
    assert_eq!(code, 0, "{text}");
    plan
}

#[test]
fn the_raw_key_and_code_detectors_find_them() {
    assert_eq!(raw_key_lines("  bands.2021: theo Kết luận\n  strength: x\n  Mức độ bắt buộc: y").len(), 2);
    assert!(raw_key_lines("  chỉ tiêu chưa đạt: 1\n    young-commune-vice-chair [Huyện An Lão]: 0").is_empty());
}

/// Every way `explain` refuses its arguments, and the plans it cannot read, in words: an
/// unknown rule, cadre, post or subject (with a suggestion when one is close), a rule that is
/// not a target, a post the plan does not decide, a name two cadres share, a bad pin in the
/// plan, a plan of another scenario; and clap's own refusals.
#[test]
fn explain_refusals_are_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let plan = worked_plan(dir.path());
    let cases: [(&[&str], &str); 8] = [
        (&["--target", "QĐ"], "tệp quy định không có quy định nào mang mã 'QĐ'; các chỉ tiêu có thể giải trình:"),
        (&["--target", "team-mx"], "(có phải là 'team-mix'?)"),
        (&["--target", "same-level"], "không phải chỉ tiêu"),
        (&["--cadre", "C99"], "không có cán bộ mang mã hoặc họ và tên 'C99'"),
        (&["--cadre", "Nguyễn Văn Hùn"], "(có phải là 'Nguyễn Văn Hùng'?)"),
        (&["--post", "P-313-CX"], "không có chức danh mang mã 'P-313-CX' trong dữ liệu (có phải là 'P-313-CT'?)"),
        (&["--post", "P-BTC-TP1"], "không do phương án quyết định"),
        (&["--target", "young-district-leader", "--subject", "30"], "các mã có thể dùng: 31"),
    ];
    for (args, words) in cases {
        let mut all = vec!["explain", &plan, "--scenario", WORKED, "--model", POLICY];
        all.extend_from_slice(args);
        let (code, text) = run(&all);
        assert_eq!(code, 2, "{args:?}: {text}");
        assert!(text.contains(words), "{args:?}: {text}");
        assert_no_english(&format!("explain {args:?}"), &text);
    }

    // a full name two cadres share
    let mut twins: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(root().join(TINY)).unwrap()).unwrap();
    let name = twins["cadres"][0]["name"].clone();
    twins["cadres"][1]["name"] = name.clone();
    let twins_path = dir.path().join("twins.json");
    std::fs::write(&twins_path, serde_json::to_string_pretty(&twins).unwrap()).unwrap();
    let twins_path = twins_path.display().to_string();
    let twins_plan = dir.path().join("twins-plan.json").display().to_string();
    let (code, text) = run(&["solve", &twins_path, "--model", POLICY, "--out", &twins_plan]);
    assert!(code == 0 || code == 1, "{text}");
    let name = name.as_str().unwrap();
    let (code, text) = run(&["explain", &twins_plan, "--scenario", &twins_path, "--model", POLICY, "--cadre", name]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains(&format!("có 2 cán bộ cùng họ tên '{name}' (C01, C02): hãy ghi mã cán bộ")), "{text}");
    assert_no_english("explain --cadre (a shared name)", &text);

    // a pin in the plan the scenario does not know: explain and check refuse it, located
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    doc["settings"]["pins"]["force"] = serde_json::json!(["C99=P-313-CT"]);
    let pinned = dir.path().join("bad-pin.json");
    std::fs::write(&pinned, serde_json::to_string_pretty(&doc).unwrap()).unwrap();
    let pinned = pinned.display().to_string();
    for command in [
        vec!["explain", &pinned, "--scenario", WORKED, "--model", POLICY, "--post", "P-313-CT"],
        vec!["check", WORKED, &pinned, "--model", POLICY],
    ] {
        let (code, text) = run(&command);
        assert_eq!(code, 2, "{command:?}: {text}");
        assert!(text.contains("(settings.pins.force[0]): không có cán bộ mang mã 'C99'"), "{command:?}: {text}");
        assert_no_english(&format!("{} with a bad pin", command[0]), &text);
    }

    // a plan of another scenario, in every command that reads plans
    let tiny_plan = dir.path().join("tiny.json").display().to_string();
    let (code, text) = run(&["solve", TINY, "--model", POLICY, "--out", &tiny_plan]);
    assert_eq!(code, 0, "{text}");
    let html = dir.path().join("r.html").display().to_string();
    for command in [
        vec!["check", WORKED, &tiny_plan, "--model", POLICY],
        vec!["explain", &tiny_plan, "--scenario", WORKED, "--model", POLICY, "--post", "P-313-CT"],
        vec!["compare", &plan, &tiny_plan, "--scenario", WORKED, "--model", POLICY],
        vec!["report", &tiny_plan, "--scenario", WORKED, "--model", POLICY, "--out", &html],
    ] {
        let (code, text) = run(&command);
        assert_eq!(code, 2, "{command:?}: {text}");
        assert!(text.contains("không có chức danh mang mã 'P-305-UV' trong dữ liệu"), "{command:?}: {text}");
        assert!(text.contains("được lập cho dữ liệu 'Tiny Hải Phòng'"), "{command:?}: {text}");
        assert_no_english(&format!("{} (a plan of another scenario)", command[0]), &text);
    }

    // compare with one plan, explain with nothing to explain: clap's refusals
    for (command, words) in [
        (vec!["compare", &plan, "--scenario", WORKED], "cần ít nhất 2 giá trị, mới có 1"),
        (vec!["explain", &plan, "--scenario", WORKED], "thiếu tham số bắt buộc"),
        (vec!["solve", WORKED, "--outt", "x.json"], "không có tham số '--outt' (có phải là '--out'?)"),
    ] {
        let (code, text) = run(&command);
        assert_eq!(code, 2, "{command:?}: {text}");
        assert!(text.contains(words) && text.contains("Cách dùng: rotaplan"), "{command:?}: {text}");
        assert_vietnamese(&format!("{} (clap)", command[0]), &text);
        for word in ["required", "provided", "Usage", "argument", "information", "unexpected"] {
            assert!(!text.contains(word), "{command:?}: '{word}' in {text}");
        }
    }
}

/// A plan the hard rules cannot give: what had to give, and the facts behind it, in words in
/// `solve`, `explain` and `compare`.
#[test]
fn an_infeasible_plan_is_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let plan = worked_plan(dir.path());
    let infeasible = dir.path().join("infeasible.json").display().to_string();
    let (code, text) =
        run(&["solve", WORKED, "--model", POLICY, "--out", &infeasible, "--pin", "C01=P-11476-PCT", "--keep", "C01"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("quyết định của người lập phương án — Phó Chủ tịch UBND xã Lại Xuân"), "{text}");
    assert!(text.contains("còn 9,2 năm công tác, cần ít nhất 10,0"), "the facts, re-derived: {text}");
    assert_no_english("solve (infeasible)", &text);
    let (code, text) = run(&["explain", &infeasible, "--scenario", WORKED, "--model", POLICY, "--post", "P-313-CT"]);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("Nguyễn Văn Hùng → Phó Chủ tịch UBND xã Lại Xuân"), "{text}");
    assert_no_english("explain (infeasible)", &text);
    let (code, text) = run(&["compare", &plan, &infeasible, "--scenario", WORKED, "--model", POLICY]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("infeasible.json: phương án không có bố trí nào"), "{text}");
    assert_no_english("compare (no placements)", &text);
}

/// Pins naming codes the scenario does not have, and pins that are not pairs, in `solve` and
/// `roadmap`: located by flag (and year), with the closest code.
#[test]
fn bad_pins_are_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.json").display().to_string();
    for (flag, value, words) in [
        ("--pin", "C99=P-305-BT", "--pin: không có cán bộ mang mã 'C99' trong dữ liệu"),
        ("--pin", "C01", "--pin: 'C01' phải ghi theo dạng MÃ_CÁN_BỘ=MÃ_CHỨC_DANH"),
        ("--forbid", "C01=P-305-BX", "--forbid: không có chức danh mang mã 'P-305-BX' trong dữ liệu (có phải là"),
        ("--keep", "C0X", "--keep: không có cán bộ mang mã 'C0X' trong dữ liệu (có phải là 'C01'?)"),
        ("--vacant", "P-NOPE", "--vacant: không có chức danh mang mã 'P-NOPE'"),
    ] {
        let (code, text) = run(&["solve", TINY, "--model", POLICY, "--out", &out, flag, value]);
        assert_eq!(code, 2, "{flag} {value}: {text}");
        assert!(text.contains(words), "{flag} {value}: {text}");
        assert_no_english(&format!("solve {flag} {value}"), &text);
    }
    let rm = dir.path().join("rm").display().to_string();
    for (args, words) in [
        (["--pin", "2021:C99=P-313-CT"], "--pin, năm 2021: không có cán bộ mang mã 'C99'"),
        (["--forbid", "2021:C07"], "--forbid, năm 2021: 'C07' phải ghi theo dạng"),
        (["--keep", "2021:C0X"], "--keep, năm 2021: không có cán bộ mang mã 'C0X'"),
        (["--vacant", "2021:P-313-XX"], "--vacant, năm 2021: không có chức danh mang mã 'P-313-XX'"),
        (["--pin", "C07=P-313-CT"], "hãy ghi NĂM:MÃ_CÁN_BỘ=MÃ_CHỨC_DANH, ví dụ 2023:C000123=P-311-PCT1"),
        (["--keep", "20x1:C07"], "'20x1' không phải một năm"),
        (["--pin", "2030:C07=P-313-CT"], "ghi năm 2030, ngoài các năm của lộ trình (2021..2025)"),
        (["--years", "2025..2021"], "hãy ghi NĂM_ĐẦU..NĂM_CUỐI"),
        (["--years", "2019..2022"], "năm đầu 2019 ở trước ngày lập phương án"),
    ] {
        let (code, text) = run(&["roadmap", WORKED, "--model", POLICY, "-o", &rm, args[0], args[1]]);
        assert_eq!(code, 2, "{args:?}: {text}");
        assert!(text.contains(words), "{args:?}: {text}");
        assert_no_english(&format!("roadmap {args:?}"), &text);
    }
}

/// `explain --target` of every rule of the policy on the worked plan: the targets explain
/// themselves (their values named in words, not by the policy's keys), the other rules say in
/// words why they have no target to explain.
#[test]
fn every_rule_explains_or_refuses_in_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let plan = worked_plan(dir.path());
    let policy = rotaplan::model::load::load_inputs(&root().join(WORKED), Some(&root().join(POLICY)))
        .expect("the worked example loads")
        .policy
        .expect("a policy");
    let (mut explained, mut refused) = (0, 0);
    for rule in &policy.rules {
        let (code, text) = run(&["explain", &plan, "--scenario", WORKED, "--model", POLICY, "--target", &rule.id]);
        match code {
            0 => {
                explained += 1;
                assert!(text.contains("Giải trình chỉ tiêu"), "{}: {text}", rule.id);
            }
            2 => {
                refused += 1;
                assert!(text.contains(&format!("quy định '{}'", rule.id)), "{}: {text}", rule.id);
            }
            _ => panic!("{}: exit {code}: {text}", rule.id),
        }
        assert_vietnamese(&format!("explain --target {}", rule.id), &text);
        assert_no_codes_as_words(&format!("explain --target {}", rule.id), &text);
    }
    assert!(explained >= 5 && refused >= 5, "{explained} explained, {refused} refused");
}

/// Every move the plan makes to fill a post cites what asks the post to be filled: the key-post
/// rule and its clause, or the policy's planned roles.
#[test]
fn posts_filled_cite_the_rule_behind_them() {
    let dir = tempfile::tempdir().unwrap();
    let plan = worked_plan(dir.path());
    let doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    let fills: Vec<String> = doc["moves"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["purpose"] == "fills_post")
        .map(|m| m["cadre"].as_str().unwrap().to_string())
        .collect();
    assert!(!fills.is_empty(), "the worked plan fills posts");
    for c in &fills {
        let (code, text) = run(&["explain", &plan, "--scenario", WORKED, "--model", POLICY, "--cadre", c]);
        assert_eq!(code, 0, "{text}");
        let line = text.lines().find(|l| l.starts_with("Lý do điều động")).expect("the purpose");
        assert!(
            line.contains("chức vụ chủ chốt phải được bố trí (QĐ 98-QĐ/TW (2017) §4; 09-KL/TU §2.2(2))")
                || line.contains("chức vụ thuộc các chức danh quy định lập phương án; để trống chức vụ này được tính như 2 lượt điều động"),
            "{c}: {line}"
        );
        assert_vietnamese(&format!("explain --cadre {c}"), &text);
    }
}

/// The roadmap's text summary on the worked example: moves by kind in words, milestones in
/// words, and the facts behind the year the hard rules cannot all hold, re-derived in
/// Vietnamese.
#[test]
fn the_roadmap_is_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let rm = dir.path().join("rm").display().to_string();
    let (code, text) = run(&["roadmap", WORKED, "--model", POLICY, "-o", &rm]);
    assert!(code == 0 || code == 1, "{text}");
    assert!(text.contains("Lộ trình thực hiện theo năm 2021–2025"), "{text}");
    assert!(text.contains("[luân chuyển]") && text.contains("[tăng cường]"), "moves by kind in words: {text}");
    assert_vietnamese("roadmap", &text);
    assert_no_codes_as_words("roadmap", &text);
    // rules are named by title everywhere: the unmet targets, the infeasible rows and the
    // shares against the milestones
    assert!(text.contains("Quận, huyện có cán bộ trẻ (dưới 35 tuổi) giữ chức vụ lãnh đạo [Thành phố Hải Phòng]: 2021"));
    let policy = std::fs::read_to_string(POLICY).unwrap();
    for id in policy.lines().filter_map(|l| l.strip_prefix("id = \"")?.strip_suffix('"')) {
        assert!(!text.contains(&format!("{id} [")), "rule id '{id}' in the roadmap text:\n{text}");
    }
}

/// Files given as plans that are not plans (a truncated file, a field this version does not
/// know, no format tag, a scenario), in `check` and `report`: refused in words, with the line.
#[test]
fn files_that_are_not_plans_are_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("r.html").display().to_string();
    let cases = [
        ("truncated.json", "{\"format\": \"rotaplan-plan/1\",\n", "tệp bị cắt cụt: hết tệp ở dòng 2"),
        ("bogus.json", "{\"format\": \"rotaplan-plan/1\",\n \"bogus\": 1}", "dòng 2: trường 'bogus' không có"),
        ("no-format.json", "{\"posts\": []}", "không có trường \"format\": \"rotaplan-plan/1\""),
        ("not-json.json", "cadre,post\n", "lỗi cú pháp JSON ở dòng 1, cột 1"),
    ];
    for (name, text, words) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let path = path.display().to_string();
        for command in [
            vec!["check", TINY, &path, "--model", POLICY],
            vec!["report", &path, "--scenario", TINY, "--model", POLICY, "--out", &html],
        ] {
            let (code, out) = run(&command);
            assert_eq!(code, 2, "{command:?}: {out}");
            assert!(out.contains("không phải tệp phương án") && out.contains(words), "{command:?}: {out}");
            assert_no_english(&format!("{} {name}", command[0]), &out);
        }
    }
    // the scenario given where the plan goes
    let (code, out) = run(&["check", TINY, TINY, "--model", POLICY]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("không phải tệp phương án mà là tệp định dạng 'rotaplan-scenario/1'"), "{out}");
    assert_no_english("check (a scenario as the plan)", &out);
}

/// `generate` and `template`: their refusals and their one-line reports, in words.
#[test]
fn generate_and_template_are_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gen").display().to_string();
    for (args, words) in [
        (vec!["--province", "Hai Phongg"], "(có phải là Hải Phòng (31)?)"),
        (vec!["--pool-ratio", "99"], "--pool-ratio 99: số người trong nguồn"),
        (vec!["--plan-date", "2021-13-01"], "--plan-date '2021-13-01': không phải một ngày"),
        (vec!["--plan-date", "1900-01-01"], "năm phải từ 1950 đến 2100"),
        (vec!["--incumbents", "1"], "--incumbents 1: phải từ"),
    ] {
        let mut all = vec!["generate", "--out", &out];
        all.extend_from_slice(&args);
        let (code, text) = run(&all);
        assert_eq!(code, 2, "{args:?}: {text}");
        assert!(text.contains(words), "{args:?}: {text}");
        assert_no_english(&format!("generate {args:?}"), &text);
    }
    let (code, text) = run(&["generate", "--out", &out]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("cán bộ →"), "{text}");
    assert_no_english("generate", &text);
    let txt = dir.path().join("t.txt").display().to_string();
    let (code, text) = run(&["template", "--out", &txt]);
    assert_eq!(code, 2, "{text}");
    assert_no_english("template (not .xlsx)", &text);
}

/// `report --roadmap`: the roadmap section of the report (chart, years, first years met)
/// names the rules by title, never by the policy's ids.
#[test]
fn the_roadmap_section_of_the_report_names_rules_by_title() {
    let dir = tempfile::tempdir().unwrap();
    let rm = dir.path().join("rm");
    let rm_s = rm.display().to_string();
    let (code, text) = run(&["roadmap", WORKED, "--model", POLICY, "-o", &rm_s]);
    assert!(code == 0 || code == 1, "{text}");
    let html = dir.path().join("r.html").display().to_string();
    let plan = rm.join("plan-2021.json").display().to_string();
    let scenario = rm.join("scenario-2021.json").display().to_string();
    let roadmap = rm.join("roadmap.json").display().to_string();
    let (code, text) =
        run(&["report", &plan, "--scenario", &scenario, "--model", POLICY, "--roadmap", &roadmap, "--out", &html]);
    assert_eq!(code, 0, "{text}");
    let page = std::fs::read_to_string(&html).unwrap();
    let at = page.find("<section id=\"roadmap\"").expect("the roadmap section");
    let section = &page[at..at + page[at..].find("</section>").unwrap()];
    assert!(section.contains("Bí thư quận ủy, huyện ủy không phải người địa phương"), "{section}");
    let policy = std::fs::read_to_string(POLICY).unwrap();
    for id in policy.lines().filter_map(|l| l.strip_prefix("id = \"")?.strip_suffix('"')) {
        assert!(
            !section.contains(&format!(">{id}<")) && !section.contains(&format!(">{id} —")),
            "rule id '{id}':\n{section}"
        );
    }
}
