//! `rotaplan check`: re-checks a plan (solver-made, or drafted by hand as JSON or as a CSV of
//! `cadre,post` rows) against every rule, without the solver.

use std::path::{Path, PathBuf};

use super::common::{load, milestone_arg, plan_io_error, terminal_safe, Format, LangArg};
use super::{BadInput, Outcome};
use crate::check::check;
use crate::model::Scenario;
use crate::plan::io::read_plan_file;
use crate::plan::{plan_document, PinCodes, Plan};

/// Arguments of `rotaplan check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Scenario: a JSON file or a folder.
    pub scenario: PathBuf,
    /// The plan: plan.json, or a CSV with columns cadre,post (a row with an empty post
    /// releases the cadre).
    pub plan: PathBuf,
    /// Policy model (TOML) [default: the shipped Hai Phong policy, built in].
    #[arg(long, short = 'm')]
    pub model: Option<PathBuf>,
    /// Milestone (default: the plan's, else the policy's).
    #[arg(long)]
    pub milestone: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Language.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
}

/// Reads a plan file: JSON (`plan.json`, its format and milestone checked) or CSV
/// (`cadre,post`); see [`crate::plan::io::read_plan_file`].
pub fn read_plan(
    s: &Scenario,
    policy: &crate::model::Policy,
    path: &Path,
) -> anyhow::Result<(crate::check::Assignment, Plan)> {
    read_plan_file(s, policy, path).map_err(plan_io_error)
}

/// Runs `rotaplan check`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let (inputs, policy) = load(&args.scenario, args.model.as_deref())?;
    let s = &inputs.scenario;
    // A milestone the policy does not know would check nothing: refused, with the known ones.
    let flag = match &args.milestone {
        Some(m) => Some(milestone_arg(&policy, m)?),
        None => None,
    };
    let (a, plan) = read_plan(s, &policy, &args.plan)?;
    let milestone = match flag {
        Some(m) => m,
        None if !plan.milestone.is_empty() => {
            policy.milestone_named(&plan.milestone).map_err(|e| BadInput(e.to_string()))?
        }
        None => policy.default_milestone().map_err(|e| BadInput(e.to_string()))?,
    };
    let milestone = milestone.as_str().to_string();
    let pins = PinCodes::to_pins(&plan.settings.pins, s)
        .map_err(|e| BadInput(format!("bad pin in the plan: {}", e.join("; "))))?;
    let report = check(s, &policy, &milestone, &a, &pins);
    let doc =
        plan_document(s, &policy, &milestone, &a, &report, Plan { status: plan.status.clone(), ..Plan::default() });
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&doc)?),
        Format::Text => {
            print!("{}", terminal_safe(&crate::explain::summary::check_summary(s, &policy, &doc, args.lang.into())))
        }
    }
    Ok(if report.compliant() { Outcome::Success } else { Outcome::No })
}
