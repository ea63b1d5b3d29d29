//! The binary end to end on the tiny fixture: exit codes, files written atomically, a
//! hand-drafted CSV plan checked.

use std::path::Path;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_rotaplan"))
}

const TINY: &str = "tests/fixtures/tiny/scenario.json";
const POLICY: &str = "models/haiphong-09-kl-tu.toml";

#[test]
fn solve_then_check_then_explain_flow() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let out =
        bin().args(["solve", TINY, "--model", POLICY, "--out"]).arg(&plan).args(["--lang", "en"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("Status: optimal"), "{stdout}");
    let text = std::fs::read_to_string(&plan).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["format"], "rotaplan-plan/1");
    assert_eq!(doc["scenario"]["sha256"].as_str().unwrap().len(), 64);
    // the plan passes the independent checker
    let out = bin().args(["check", TINY]).arg(&plan).args(["--model", POLICY]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    // the same run twice gives byte-identical plans
    let plan2 = dir.path().join("plan2.json");
    let out = bin().args(["solve", TINY, "--model", POLICY, "--out"]).arg(&plan2).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read(&plan).unwrap(), std::fs::read(&plan2).unwrap());
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.json");
    let text = std::fs::read_to_string(TINY).unwrap().replacen("\"plan_date\"", "\"plan_dat\"", 1);
    std::fs::write(&broken, text).unwrap();
    let plan = dir.path().join("plan.json");
    let out = bin().args(["solve"]).arg(&broken).args(["--model", POLICY, "--out"]).arg(&plan).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("plan_dat"), "{stderr}");
    assert!(!plan.exists(), "nothing may be written on bad input");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "no temporary files left behind");
    // a bad flag value is bad input too
    let out = bin().args(["solve", TINY, "--time-limit", "-3", "--out"]).arg(&plan).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = bin().args(["solve", TINY, "--pin", "NOBODY=P1", "--out"]).arg(&plan).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown cadre 'NOBODY'"));
}

#[test]
fn hand_drafted_csv_plan_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.json");
    let out = bin().args(["solve", TINY, "--model", POLICY, "--out"]).arg(&plan).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&plan).unwrap()).unwrap();
    // draft by hand: the solver's placements, as cadre,post rows
    let mut csv = String::from("\u{feff}cadre,post\n");
    let mut first_post = None;
    for p in doc["posts"].as_array().unwrap() {
        if let Some(c) = p["after"].as_str() {
            csv.push_str(&format!("{c},{}\n", p["post"].as_str().unwrap()));
            first_post.get_or_insert((c.to_string(), p["post"].as_str().unwrap().to_string()));
        }
    }
    let good = dir.path().join("good.csv");
    std::fs::write(&good, &csv).unwrap();
    let out = bin().args(["check", TINY]).arg(&good).args(["--model", POLICY]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    // now give one post to two cadres: a violation, exit 1, named
    let (_, post) = first_post.unwrap();
    let other =
        doc["posts"].as_array().unwrap().iter().filter_map(|p| p["after"].as_str()).next_back().unwrap().to_string();
    csv.push_str(&format!("{other},{post}\n"));
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, &csv).unwrap();
    let out = bin().args(["check", TINY]).arg(&bad).args(["--model", POLICY, "--lang", "en"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("The plan breaks"), "{stdout}");
    // unknown ids in the CSV are bad input with their row
    let unknown = dir.path().join("unknown.csv");
    std::fs::write(&unknown, "cadre,post\nC1,P-NOPE\n").unwrap();
    let out = bin().args(["check", TINY]).arg(&unknown).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("row 2"));
}

#[test]
fn exported_model_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let lp = dir.path().join("model.lp");
    let out = bin()
        .args(["solve", TINY, "--export-model"])
        .arg(&lp)
        .arg("--out")
        .arg(dir.path().join("p.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = std::fs::read_to_string(&lp).unwrap();
    assert!(text.to_lowercase().contains("max"), "an LP file");
    assert!(Path::new(&lp).metadata().unwrap().len() > 100);
}
