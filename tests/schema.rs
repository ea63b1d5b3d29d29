//! The JSON Schemas under `models/schema/` are generated from the model types; this test keeps
//! them in step with the code. When a type changes on purpose, regenerate them with
//! `ROTAPLAN_BLESS=1 cargo test --release --test schema` and commit the result.

use std::path::PathBuf;

use rotaplan::model::policy::Policy;
use rotaplan::model::raw::RawScenario;

fn schema_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/schema")
}

fn check(file: &str, schema: schemars::Schema) {
    let fresh = format!("{}\n", serde_json::to_string_pretty(&schema).unwrap());
    let path = schema_dir().join(file);
    if std::env::var("ROTAPLAN_BLESS").as_deref() == Ok("1") {
        std::fs::create_dir_all(schema_dir()).unwrap();
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "models/schema/{file} is out of date with the code: run `ROTAPLAN_BLESS=1 cargo test --release --test schema` and commit it"
    );
}

#[test]
fn scenario_schema_is_current() {
    check("scenario.schema.json", schemars::schema_for!(RawScenario));
}

#[test]
fn policy_schema_is_current() {
    check("policy.schema.json", schemars::schema_for!(Policy));
}

#[test]
fn plan_schema_is_current() {
    check("plan.schema.json", schemars::schema_for!(rotaplan::plan::Plan));
}

#[test]
fn roadmap_schema_is_current() {
    check("roadmap.schema.json", schemars::schema_for!(rotaplan::roadmap::document::RoadmapDoc));
}

#[test]
fn solver_plans_match_the_plan_schema_shape() {
    // every field a solver plan writes is declared by the schema (deny_unknown_fields on the
    // type; a round trip through serde proves the document reads back as a Plan)
    let text = include_str!("fixtures/tiny/scenario.json");
    let raw: rotaplan::model::RawScenario = serde_json::from_str(text).unwrap();
    let s = rotaplan::model::Scenario::resolve(&raw).unwrap();
    let policy: Policy = toml::from_str(include_str!("../models/haiphong-09-kl-tu.toml")).unwrap();
    let req = rotaplan::plan::PlanRequest {
        scenario: &s,
        policy: &policy,
        scenario_ref: Default::default(),
        policy_ref: Default::default(),
        formulation: Default::default(),
        solver: Default::default(),
        from_plan: None,
        emphasis: None,
    };
    let out = rotaplan::plan::make_plan(&req).unwrap();
    let json = serde_json::to_string(&out.plan).unwrap();
    let back: rotaplan::plan::Plan = serde_json::from_str(&json).unwrap();
    assert_eq!(back, out.plan);
}

#[test]
fn shipped_policy_parses() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/haiphong-09-kl-tu.toml");
    let loaded = rotaplan::model::load::load_policy(&path).unwrap_or_else(|d| panic!("{d:#?}"));
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    assert!(loaded.value.problems().is_empty());
}

#[test]
fn schema_knows_every_rule_kind_the_loader_knows() {
    // The loader reads a broken rule field by field per kind (`load::RULE_KINDS`): the kinds
    // must be exactly those of `RuleBody`, which the schema lists as `kind` constants.
    fn walk(v: &serde_json::Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                if let Some(k) = m.get("properties").and_then(|p| p.get("kind")).and_then(|k| k.get("const")) {
                    out.insert(k.as_str().unwrap_or_default().to_string());
                }
                m.values().for_each(|x| walk(x, out));
            }
            serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let schema = serde_json::to_value(schemars::schema_for!(Policy)).unwrap();
    let mut kinds = std::collections::BTreeSet::new();
    walk(&schema, &mut kinds);
    let loader: std::collections::BTreeSet<String> =
        rotaplan::model::load::RULE_KINDS.iter().map(|k| k.to_string()).collect();
    assert_eq!(kinds, loader);
}
