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
