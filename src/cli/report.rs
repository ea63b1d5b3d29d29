//! `rotaplan report`: plans + scenario + policy → one self-contained HTML file for the party
//! committee (see [`crate::report::html`] for what it contains).
//!
//! This file only reads the inputs, checks that the plans belong to the scenario, and writes
//! the rendered report atomically; the report itself is built by the library from data.

use std::path::{Path, PathBuf};

use super::common::{load, output_path, plan_io_error, provenance_warnings, terminal_safe, LangArg};
use super::{BadInput, Outcome};
use crate::check::check;
use crate::formulation::Pins;
use crate::model::{Policy, Scenario};
use crate::plan::io::{write_atomically, OutputGuard};
use crate::plan::{plan_document, Plan};
use crate::report::html::{render, Options, ReportInput};
use crate::report::progress::progress;

/// Arguments of `rotaplan report`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The plans to report on (plan.json, or a CSV of cadre,post rows drafted by hand); several
    /// plans are compared side by side as alternatives.
    #[arg(required = true)]
    pub plans: Vec<PathBuf>,
    /// Scenario the plans were made for: a JSON file or a folder.
    #[arg(long, short = 's')]
    pub scenario: PathBuf,
    /// Policy model (TOML) [default: the shipped Hai Phong policy, built in].
    #[arg(long, short = 'm')]
    pub model: Option<PathBuf>,
    /// Where to write the report (HTML).
    #[arg(long, short = 'o', default_value = "report.html")]
    pub out: PathBuf,
    /// Language of the report.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
    /// How many other eligible cadres to show for each move.
    #[arg(long, default_value_t = 3)]
    pub others: usize,
    /// How many of the closest ineligible cadres to show for each move.
    #[arg(long, default_value_t = 3)]
    pub near_misses: usize,
}

/// Reads one plan: plan.json as it is (`read_plan` refuses codes the scenario does not know: a
/// plan of another scenario), a CSV drafted by hand checked into a plan document first.
fn read(s: &Scenario, policy: &Policy, path: &Path) -> anyhow::Result<Plan> {
    let (a, plan) = super::check::read_plan(s, policy, path)?;
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
        return Ok(plan);
    }
    let milestone = policy.default_milestone().map_err(|e| BadInput(e.to_string()))?.as_str().to_string();
    let report = check(s, policy, &milestone, &a, &Pins::default());
    let head = Plan { status: crate::plan::PlanStatus::Hand, rotaplan_version: "hand".into(), ..Plan::default() };
    Ok(plan_document(s, policy, &milestone, &a, &report, head))
}

/// Runs `rotaplan report`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let mut guard = OutputGuard::new().scenario(&args.scenario);
    if let Some(m) = &args.model {
        guard = guard.input("policy", m);
    }
    for p in &args.plans {
        guard = guard.input("plan", p);
    }
    let out = output_path(&guard, &args.out, args.lang.into())?;
    progress("đọc dữ liệu / reading the inputs");
    let (inputs, policy) = load(&args.scenario, args.model.as_deref())?;
    let s = &inputs.scenario;
    let mut plans = Vec::new();
    let mut sources = Vec::new();
    for path in &args.plans {
        let plan = read(s, &policy, path)?;
        for w in super::common::digest_warnings(&path.display().to_string(), &plan, &inputs, args.lang.into()) {
            eprintln!("{}", terminal_safe(&w));
        }
        sources.push(
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string()),
        );
        plans.push(plan);
    }
    let labelled: Vec<(String, &Plan)> = sources.iter().cloned().zip(plans.iter()).collect();
    for w in provenance_warnings(&crate::plan::io::provenance(&labelled), args.lang.into()) {
        eprintln!("{}", terminal_safe(&w));
    }
    progress("lập báo cáo / rendering the report");
    let html = render(&ReportInput {
        scenario: s,
        policy: &policy,
        plans: &plans,
        sources: &sources,
        lang: args.lang.into(),
        options: Options { others: args.others, near_misses: args.near_misses },
    });
    write_atomically(&out, html.as_bytes()).map_err(plan_io_error)?;
    eprintln!("report written to {} ({} KiB)", args.out.display(), html.len().div_ceil(1024));
    Ok(Outcome::Success)
}
