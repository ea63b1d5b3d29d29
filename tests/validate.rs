//! Loading and validation, end to end: the broken-input corpus under `tests/broken/`, the clean
//! inputs, the CSV folder format, and the `rotaplan validate` command.
//!
//! Each corpus case is a folder with a scenario (`scenario.json`, or a `scenario/` folder of CSV
//! files; the tiny base when absent), a policy (`policy.toml`; the shipped Hai Phong policy when
//! absent) and `expected.txt`: one line per diagnostic that must appear, as
//! `severity[code]: location: | words | more words` (the first part must start the rendered
//! diagnostic, the others must occur in it), plus `errors: N` and `warnings: N` for the exact
//! counts, so nothing unexpected slips in.

use std::path::{Path, PathBuf};
use std::process::Command;

use rotaplan::model::csvio::{read_csv_folder, write_csv_folder};
use rotaplan::model::diag::Diagnostic;
use rotaplan::model::load::{load_inputs, load_policy, load_scenario};
use rotaplan::model::policy::Policy;
use rotaplan::model::raw::RawScenario;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn tiny() -> PathBuf {
    root().join("tests/fixtures/tiny/scenario.json")
}

fn shipped_policy() -> PathBuf {
    root().join("models/haiphong-09-kl-tu.toml")
}

fn all_diagnostics(scenario: &Path, policy: Option<&Path>) -> Vec<Diagnostic> {
    match load_inputs(scenario, policy) {
        Ok(i) => i.warnings,
        Err(d) => d,
    }
}

/// Renders diagnostics with file names relative to `base` (then to the crate root).
fn render(diags: &[Diagnostic], base: &Path) -> Vec<String> {
    let base = format!("{}/", base.display());
    let crate_root = format!("{}/", root().display());
    diags
        .iter()
        .map(|d| {
            let mut d = d.clone();
            let f = d.location.file.clone();
            d.location.file = f.strip_prefix(&base).or_else(|| f.strip_prefix(&crate_root)).unwrap_or(&f).to_string();
            d.to_string()
        })
        .collect()
}

struct Case {
    name: String,
    dir: PathBuf,
    scenario: PathBuf,
    policy: PathBuf,
    /// A command case: the arguments of `rotaplan` (from `args.txt`).
    args: Option<Vec<String>>,
}

fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    let broken = root().join("tests/broken");
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&broken).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for dir in dirs {
        let scenario = if dir.join("scenario.json").exists() {
            dir.join("scenario.json")
        } else if dir.join("scenario").is_dir() {
            dir.join("scenario")
        } else {
            tiny()
        };
        let policy = if dir.join("policy.toml").exists() { dir.join("policy.toml") } else { shipped_policy() };
        let args = std::fs::read_to_string(dir.join("args.txt")).ok().map(|t| {
            t.lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| {
                    l.replace("{tiny}", &tiny().display().to_string())
                        .replace("{policy}", &shipped_policy().display().to_string())
                })
                .collect()
        });
        out.push(Case { name: dir.file_name().unwrap().to_string_lossy().into_owned(), dir, scenario, policy, args });
    }
    out
}

/// Every file under `dir` with its bytes, by path relative to `dir`.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p.clone());
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), Vec::new()));
            } else {
                out.push((p.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// Checks a command case: `rotaplan` run with `args.txt` in a copy of the case folder must exit
/// with `exit: N`, print every `output:` line's parts (stdout and stderr together), and — on
/// bad input or an I/O error — leave every file of the folder as it was and add none.
fn check_command_case(case: &Case, args: &[String]) -> Vec<String> {
    let tmp = tempfile::tempdir().unwrap();
    let work = tmp.path().join(&case.name);
    copy_dir(&case.dir, &work);
    let before = snapshot(&work);
    let out = Command::new(env!("CARGO_BIN_EXE_rotaplan")).args(args).current_dir(&work).output().unwrap();
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    let code = out.status.code().unwrap_or(-1);
    let expected = std::fs::read_to_string(case.dir.join("expected.txt")).unwrap_or_default();
    let mut problems = Vec::new();
    let mut want_exit = None;
    for line in expected.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some(n) = line.strip_prefix("exit:") {
            want_exit = Some(n.trim().parse::<i32>().unwrap());
        } else if let Some(parts) = line.strip_prefix("output:") {
            if !parts.split(" | ").all(|p| text.contains(p.trim())) {
                problems.push(format!("missing in the output: {line}"));
            }
        } else {
            problems.push(format!("a command case takes `exit:` and `output:` lines, not: {line}"));
        }
    }
    match want_exit {
        None => problems.push("expected.txt must give `exit: N`".into()),
        Some(w) if w != code => problems.push(format!("expected exit {w}, got {code}")),
        Some(_) => {}
    }
    if code >= 2 && snapshot(&work) != before {
        problems.push("files were written or changed on a failed run".into());
    }
    if !problems.is_empty() {
        problems.push(format!("output:\n{text}"));
    }
    problems
}

/// Checks one case; returns a description of every mismatch.
fn check_case(case: &Case) -> Vec<String> {
    if let Some(args) = &case.args {
        return check_command_case(case, args);
    }
    let diags = all_diagnostics(&case.scenario, Some(&case.policy));
    let rendered = render(&diags, &case.dir);
    let expected = std::fs::read_to_string(case.dir.join("expected.txt")).unwrap_or_default();
    let mut problems = Vec::new();
    let mut counted = (false, false);
    for line in expected.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some(n) = line.strip_prefix("errors:") {
            counted.0 = true;
            let want: usize = n.trim().parse().unwrap();
            let got = diags.iter().filter(|d| d.is_error()).count();
            if want != got {
                problems.push(format!("expected {want} errors, got {got}"));
            }
            continue;
        }
        if let Some(n) = line.strip_prefix("warnings:") {
            counted.1 = true;
            let want: usize = n.trim().parse().unwrap();
            let got = diags.iter().filter(|d| !d.is_error()).count();
            if want != got {
                problems.push(format!("expected {want} warnings, got {got}"));
            }
            continue;
        }
        let parts: Vec<&str> = line.split(" | ").collect();
        let found = rendered.iter().any(|r| r.starts_with(parts[0]) && parts[1..].iter().all(|p| r.contains(p)));
        if !found {
            problems.push(format!("missing: {line}"));
        }
    }
    if !(counted.0 && counted.1) {
        problems.push("expected.txt must give `errors: N` and `warnings: N`".into());
    }
    if !problems.is_empty() {
        problems.push(format!("got:\n  {}", rendered.join("\n  ")));
    }
    problems
}

#[test]
fn broken_corpus() {
    let cases = cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let problems = check_case(case);
        if !problems.is_empty() {
            failures.push(format!("case {}:\n{}", case.name, problems.join("\n")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_check_has_a_case() {
    // Codes the corpus must exercise (one case at least each).
    let codes = [
        "json-syntax",
        "toml-syntax",
        "bad-encoding",
        "unknown-field",
        "missing-field",
        "wrong-type",
        "unknown-value",
        "bad-date",
        "bad-value",
        "duplicate-key",
        "wrong-format",
        "duplicate-id",
        "unknown-reference",
        "locality-cycle",
        "several-roots",
        "locality-level",
        "unit-level",
        "post-level",
        "team-mismatch",
        "post-held-twice",
        "cadre-holds-two-posts",
        "holder-mismatch",
        "supernumerary-held",
        "rotated-from-without-post",
        "key-post-vacant",
        "birth-date",
        "implausible-age",
        "bad-year",
        "rating-year",
        "no-ratings",
        "no-history",
        "spell-reversed",
        "spell-in-future",
        "spell-overlap",
        "term-reversed",
        "plan-date-outside-term",
        "band-order",
        "band-range",
        "age-tier-gap",
        "unknown-milestone",
        "planned-role-unused",
        "rule-matches-nothing",
        "missing-file",
        "missing-column",
        "unknown-column",
        "csv-row-length",
        "missing-value",
        "bad-bool",
        "unknown-setting",
        "unknown-file",
        "not-found",
        "spell-before-birth",
        "spell-underage",
        "bad-id",
    ];
    let mut all = String::new();
    for case in cases() {
        all.push_str(&std::fs::read_to_string(case.dir.join("expected.txt")).unwrap_or_default());
    }
    let missing: Vec<&str> = codes.iter().copied().filter(|c| !all.contains(&format!("[{c}]"))).collect();
    assert!(missing.is_empty(), "no corpus case for {missing:?}");
}

#[test]
fn tiny_base_and_shipped_policy_are_clean() {
    let inputs = load_inputs(&tiny(), Some(&shipped_policy())).unwrap_or_else(|d| panic!("{:#?}", d));
    assert!(inputs.warnings.is_empty(), "{:#?}", inputs.warnings);
    assert_eq!(inputs.scenario.cadres.len(), 12);
    assert_eq!(inputs.scenario_digest.len(), 64);
    assert_eq!(inputs.policy_digest.as_deref().map(str::len), Some(64));
    // holders given on both sides resolve to the same pairs
    let c = inputs.scenario.cadre_by_code("C05").unwrap();
    let p = inputs.scenario.post_by_code("P-311-CT").unwrap();
    assert_eq!(inputs.scenario.post(p).holder, Some(c));
    // the loader reads exactly what serde reads
    let text = std::fs::read_to_string(tiny()).unwrap();
    let direct: RawScenario = serde_json::from_str(&text).unwrap();
    assert_eq!(inputs.raw, direct);
    let policy_text = std::fs::read_to_string(shipped_policy()).unwrap();
    let direct: Policy = toml::from_str(&policy_text).unwrap();
    assert_eq!(load_policy(&shipped_policy()).unwrap().value, direct);
    assert_eq!(inputs.policy.unwrap(), direct);
}

#[test]
fn loading_is_deterministic() {
    let case = root().join("tests/broken/many-problems/scenario.json");
    let a = all_diagnostics(&case, Some(&shipped_policy()));
    let b = all_diagnostics(&case, Some(&shipped_policy()));
    assert_eq!(a, b);
    let mut sorted = a.clone();
    rotaplan::model::validate::sort_diagnostics(&mut sorted);
    assert_eq!(a, sorted);
}

#[test]
fn several_problems_are_all_reported() {
    let diags = all_diagnostics(&root().join("tests/broken/many-problems/scenario.json"), Some(&shipped_policy()));
    let codes: Vec<&str> = diags.iter().map(|d| d.code).collect();
    for c in ["bad-value", "unknown-reference", "spell-reversed", "unknown-field", "bad-date"] {
        assert!(codes.contains(&c), "{c} missing from {codes:?}");
    }
    assert!(diags.iter().all(|d| d.location.line.is_some() && d.location.column.is_some()), "{diags:#?}");
}

#[test]
fn scenario_alone_and_policy_alone() {
    let loaded = load_scenario(&tiny()).unwrap();
    assert!(loaded.warnings.is_empty());
    let inputs = load_inputs(&tiny(), None).unwrap();
    assert!(inputs.policy.is_none() && inputs.policy_digest.is_none());
    assert_eq!(inputs.scenario_digest, loaded.digest);
    let err = load_policy(&root().join("tests/broken/policy-tier-gap/policy.toml")).unwrap_err();
    assert_eq!(err.len(), 1);
    assert_eq!(err[0].code, "age-tier-gap");
    // Policy::problems() paths are located in the TOML text: rule[11] is the team-mix rule,
    // its commune tiers start on this line
    let text = std::fs::read_to_string(root().join("tests/broken/policy-tier-gap/policy.toml")).unwrap();
    let line = text.lines().position(|l| l.starts_with("commune = [")).unwrap() + 1;
    assert_eq!(err[0].location.line, Some(line));
    assert_eq!(err[0].location.path.as_deref(), Some("rule[11].age_tiers.commune"));
    let missing = load_scenario(Path::new("/nonexistent/rotaplan/scenario.json")).unwrap_err();
    assert_eq!(missing[0].code, "not-found");
}

// --- CSV ---------------------------------------------------------------------------------------

#[test]
fn csv_round_trip() {
    let raw = load_scenario(&tiny()).unwrap().value;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("tiny-csv");
    write_csv_folder(&raw, &dir).unwrap();
    for f in [
        "scenario.csv",
        "localities.csv",
        "units.csv",
        "teams.csv",
        "posts.csv",
        "cadres.csv",
        "ratings.csv",
        "planning.csv",
        "history.csv",
    ] {
        let bytes = std::fs::read(dir.join(f)).unwrap();
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{f} has no BOM");
    }
    assert_eq!(read_csv_folder(&dir).unwrap(), raw);
    let loaded = load_scenario(&dir).unwrap();
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    assert_eq!(loaded.value, raw);
    // writing again over the folder replaces the files and keeps the digest
    let digest = loaded.digest;
    write_csv_folder(&raw, &dir).unwrap();
    assert_eq!(load_scenario(&dir).unwrap().digest, digest);
    assert!(!std::fs::read_dir(tmp.path()).unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains(".tmp")));
    // a changed cell changes the digest
    let mut changed = raw.clone();
    changed.cadres[0].name.push('X');
    write_csv_folder(&changed, &dir).unwrap();
    assert_ne!(load_scenario(&dir).unwrap().digest, digest);
}

#[test]
fn csv_writer_refuses_a_folder_with_scenario_json() {
    let raw = load_scenario(&tiny()).unwrap().value;
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("scenario.json"), "{}").unwrap();
    assert!(write_csv_folder(&raw, tmp.path()).is_err());
    assert!(!tmp.path().join("cadres.csv").exists());
}

#[test]
fn csv_diagnostics_name_file_row_and_column() {
    let err = read_csv_folder(&root().join("tests/broken/csv-bad-rows/scenario")).unwrap_err();
    let d = err.iter().find(|d| d.code == "bad-date").unwrap();
    assert!(d.location.file.ends_with("cadres.csv"));
    assert_eq!(d.location.row, Some(5));
    assert_eq!(d.location.path.as_deref(), Some("birth_date"));
}

// --- names ----------------------------------------------------------------------------------------

#[test]
fn names_compare_in_nfc_and_round_trip_exactly() {
    use unicode_normalization::UnicodeNormalization;
    let text = std::fs::read_to_string(tiny()).unwrap();
    let nfc_raw = load_scenario(&tiny()).unwrap().value;
    // the same file with every name decomposed (as some keyboards and macOS write it)
    let nfd: String = text.nfd().collect();
    assert_ne!(nfd, text);
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("nfd.json");
    std::fs::write(&path, &nfd).unwrap();
    let loaded = load_scenario(&path).unwrap().value;
    // ids and codes are ASCII, so only names differ: they come back exactly as given
    // (decomposed), and compare equal to the precomposed spelling (issue 11)
    assert_ne!(loaded, nfc_raw);
    assert_eq!(loaded.cadres[3].name, "Lê Thị Hồng Nhung".nfd().collect::<String>());
    for (a, b) in loaded.cadres.iter().zip(&nfc_raw.cadres) {
        assert!(rotaplan::model::scenario::same_name(&a.name, &b.name));
    }
    // decomposed names survive JSON → CSV → JSON byte for byte too
    let dir = tmp.path().join("csv-nfd");
    write_csv_folder(&loaded, &dir).unwrap();
    let back = read_csv_folder(&dir).unwrap();
    for (a, b) in loaded.cadres.iter().zip(&back.cadres) {
        assert_eq!(a.name.as_bytes(), b.name.as_bytes());
    }
    // NFC names survive JSON → CSV → JSON byte for byte
    let dir = tmp.path().join("csv");
    write_csv_folder(&nfc_raw, &dir).unwrap();
    let back = read_csv_folder(&dir).unwrap();
    for (a, b) in nfc_raw.cadres.iter().zip(&back.cadres) {
        assert_eq!(a.name.as_bytes(), b.name.as_bytes());
    }
    let json = serde_json::to_string(&back).unwrap();
    assert!(json.contains("Huyện Thuỷ Nguyên"));
}

// --- no panic on any input ----------------------------------------------------------------------

/// A small deterministic generator (no seeds from the clock: failures must reproduce).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutations(bytes: &[u8], seed: u64, n: usize) -> Vec<Vec<u8>> {
    let mut rng = Lcg(seed);
    let mut out = Vec::new();
    // truncations, including in the middle of multi-byte letters
    for k in 0..n / 2 {
        out.push(bytes[..(k * bytes.len()) / (n / 2)].to_vec());
    }
    let noise: &[u8] = b"{}[]\",:=#\n\\\xC3\xE1\xFF\x00 0123abc";
    for _ in 0..n / 2 {
        let mut b = bytes.to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(b.len());
            match rng.below(3) {
                0 => b[at] = noise[rng.below(noise.len())],
                1 => {
                    b.remove(at);
                }
                _ => {
                    // delete or duplicate a line
                    let end = b[at..].iter().position(|c| *c == b'\n').map(|p| at + p + 1).unwrap_or(b.len());
                    let line = b[at..end].to_vec();
                    if rng.below(2) == 0 {
                        b.drain(at..end);
                    } else {
                        b.splice(at..at, line);
                    }
                }
            }
        }
        out.push(b);
    }
    out
}

#[test]
fn garbled_inputs_never_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let scenario = std::fs::read(tiny()).unwrap();
    let policy = std::fs::read(shipped_policy()).unwrap();
    let s_path = tmp.path().join("s.json");
    let p_path = tmp.path().join("p.toml");
    std::fs::write(&p_path, &policy).unwrap();
    for (k, m) in mutations(&scenario, 1, 300).into_iter().enumerate() {
        std::fs::write(&s_path, &m).unwrap();
        let r = std::panic::catch_unwind(|| all_diagnostics(&s_path, Some(&p_path)));
        assert!(r.is_ok(), "scenario mutation {k} panicked:\n{}", String::from_utf8_lossy(&m));
    }
    std::fs::write(&s_path, &scenario).unwrap();
    for (k, m) in mutations(&policy, 2, 300).into_iter().enumerate() {
        std::fs::write(&p_path, &m).unwrap();
        let r = std::panic::catch_unwind(|| all_diagnostics(&s_path, Some(&p_path)));
        assert!(r.is_ok(), "policy mutation {k} panicked:\n{}", String::from_utf8_lossy(&m));
    }
    // CSV files of a folder
    let raw = load_scenario(&tiny()).unwrap().value;
    let dir = tmp.path().join("csv");
    write_csv_folder(&raw, &dir).unwrap();
    for file in ["scenario.csv", "cadres.csv", "posts.csv", "history.csv", "ratings.csv"] {
        let original = std::fs::read(dir.join(file)).unwrap();
        for (k, m) in mutations(&original, 3, 40).into_iter().enumerate() {
            std::fs::write(dir.join(file), &m).unwrap();
            let r = std::panic::catch_unwind(|| all_diagnostics(&dir, Some(&shipped_policy())));
            assert!(r.is_ok(), "{file} mutation {k} panicked:\n{}", String::from_utf8_lossy(&m));
        }
        std::fs::write(dir.join(file), &original).unwrap();
    }
}

// --- the command ---------------------------------------------------------------------------------

fn rotaplan(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rotaplan")).args(args).current_dir(root()).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn command_clean_input() {
    let (code, stdout, stderr) = rotaplan(&[
        "validate",
        "tests/fixtures/tiny/scenario.json",
        "--model",
        "models/haiphong-09-kl-tu.toml",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr.trim(), "no problems found");
}

#[test]
fn command_reports_every_error_with_exit_code_2() {
    let (code, stdout, stderr) = rotaplan(&["validate", "tests/broken/many-problems/scenario.json", "--lang", "en"]);
    assert_eq!(code, 2, "{stdout}{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{stdout}");
    assert!(lines.iter().all(|l| l.starts_with("error[")));
    assert!(stdout.contains(
        "error[unknown-reference]: tests/broken/many-problems/scenario.json:66:104 at cadres[2].hometown: unknown locality '11477' (did you mean '11470'?)"
    ));
    assert_eq!(stderr.trim(), "6 errors, 0 warnings");
    // in Vietnamese by default, the same problems with the same codes and places
    let (code, stdout, stderr) = rotaplan(&["validate", "tests/broken/many-problems/scenario.json"]);
    assert_eq!(code, 2);
    assert!(stdout.lines().all(|l| l.starts_with("lỗi[")), "{stdout}");
    assert!(stdout.contains(
        "lỗi[unknown-reference]: tests/broken/many-problems/scenario.json:66:104, mục cadres[2].hometown: tham chiếu đến mã không tồn tại: '11477' (có phải là '11470'?)"
    ), "{stdout}");
    assert_eq!(stderr.trim(), "6 lỗi, 0 cảnh báo");
}

#[test]
fn command_lists_errors_before_warnings_and_allows_warnings() {
    let (code, stdout, stderr) =
        rotaplan(&["validate", "tests/broken/cadre-holds-two-posts/scenario.json", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(stdout.lines().next().unwrap().starts_with("error[cadre-holds-two-posts]"), "{stdout}");
    assert!(stdout.lines().nth(1).unwrap().starts_with("warning[no-history]"), "{stdout}");
    assert_eq!(stderr.trim(), "1 error, 1 warning");
    let (code, _, stderr) = rotaplan(&["validate", "tests/broken/warnings-only/scenario.json", "--lang", "en"]);
    assert_eq!(code, 0);
    assert_eq!(stderr.trim(), "0 errors, 3 warnings");
}

#[test]
fn command_json_output_and_csv_and_policy_locations() {
    let (code, stdout, _) = rotaplan(&["validate", "tests/broken/csv-bad-rows/scenario", "--format", "json"]);
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let first = &v.as_array().unwrap()[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["code"], "bad-date");
    assert_eq!(first["location"]["row"], 5);
    assert_eq!(first["location"]["path"], "birth_date");
    assert!(first["location"]["file"].as_str().unwrap().ends_with("cadres.csv"));

    let (code, stdout, _) = rotaplan(&[
        "validate",
        "tests/fixtures/tiny/scenario.json",
        "--model",
        "tests/broken/policy-syntax/policy.toml",
        "--lang",
        "en",
    ]);
    assert_eq!(code, 2);
    assert!(stdout.starts_with("error[toml-syntax]: tests/broken/policy-syntax/policy.toml:355:11:"), "{stdout}");

    // a path that does not exist is bad input (exit 2); one that exists but cannot be read is
    // an I/O error (exit 3, see the corpus case cli-policy-is-a-folder)
    let (code, stdout, _) = rotaplan(&["validate", "tests/does-not-exist.json", "--lang", "en"]);
    assert_eq!(code, 2);
    assert!(stdout.starts_with("error[not-found]"), "{stdout}");
}

// --- the shipped scenario -------------------------------------------------------------------------

#[test]
fn shipped_scenario_validates() {
    let dir = root().join("scenarios/haiphong-2021");
    if !dir.exists() {
        eprintln!("note: scenarios/haiphong-2021 does not exist yet; skipping its validation");
        return;
    }
    let diags = all_diagnostics(&dir, Some(&shipped_policy()));
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    // and the real data survives the CSV folder format unchanged
    if errors.is_empty() {
        let raw = load_scenario(&dir).unwrap().value;
        let tmp = tempfile::tempdir().unwrap();
        write_csv_folder(&raw, &tmp.path().join("csv")).unwrap();
        assert!(
            read_csv_folder(&tmp.path().join("csv")).unwrap() == raw,
            "CSV round trip changed the shipped scenario"
        );
    }
    assert!(errors.is_empty(), "{} errors, first: {:#?}", errors.len(), &errors[..errors.len().min(20)]);
}
