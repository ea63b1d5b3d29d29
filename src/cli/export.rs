//! `rotaplan export`: a plan for spreadsheets.
//! - `--csv DIR`: `placements.csv` (the `cadre,post` columns `rotaplan check` accepts back),
//!   `moves.csv`, `targets.csv` — UTF-8 with a BOM so that spreadsheet programs show Vietnamese
//!   names correctly ([`crate::report::csv`]);
//! - `--xlsx FILE`: the personnel submission workbook of one or more plans
//!   ([`crate::report::xlsx`]), which needs the scenario for the people's particulars.
//!
//! This file reads the plans and refuses one that has no placements.

use std::path::{Path, PathBuf};

use super::common::{load, plan_io_error, terminal_safe};
use super::{write_atomically, BadInput, Outcome};
use crate::check::check;
use crate::plan::io::{export_csv, read_plan_json, OutputGuard};
use crate::plan::{plan_document, PinCodes, Plan};

/// Arguments of `rotaplan export`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The plan (plan.json); with --xlsx, one or more plans (plan.json or a plan CSV), compared
    /// side by side in the order given.
    #[arg(required = true, num_args = 1..)]
    pub plans: Vec<PathBuf>,
    /// Folder to write placements.csv, moves.csv and targets.csv of the first plan into
    /// (created if missing).
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// The personnel submission workbook to write (.xlsx).
    #[arg(long)]
    pub xlsx: Option<PathBuf>,
    /// Scenario (needed by --xlsx): a JSON file, a folder or a workbook.
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Policy model (TOML); without it, the built-in Hai Phong policy.
    #[arg(long, short = 'm')]
    pub model: Option<PathBuf>,
}

fn read_json_plan(path: &Path) -> anyhow::Result<Plan> {
    let plan = read_plan_json(path).map_err(plan_io_error)?;
    if plan.posts.is_empty() {
        // An empty placements.csv would read back as "everyone stays": refuse instead.
        return Err(BadInput(format!(
            "{}: the plan has no placements (status: {}); there is nothing to export",
            path.display(),
            plan.status.as_str()
        ))
        .into());
    }
    Ok(plan)
}

/// Runs `rotaplan export`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if args.csv.is_none() && args.xlsx.is_none() {
        return Err(BadInput("say what to write: --csv DIR and/or --xlsx FILE".into()).into());
    }
    // no output may name an input, a special file or a folder of the plan's own files
    let mut guard = OutputGuard::new();
    for p in &args.plans {
        guard = guard.input("plan", p);
    }
    if let Some(sc) = &args.scenario {
        guard = guard.scenario(sc);
    }
    if let Some(dir) = &args.csv {
        guard.output_folder(dir, &["placements.csv", "moves.csv", "targets.csv"]).map_err(plan_io_error)?;
    }
    if args.csv.is_some() && args.plans.len() > 1 {
        return Err(BadInput("--csv exports one plan; give one plan, or use --xlsx to compare several".into()).into());
    }
    if let Some(x) = &args.xlsx {
        if !x.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
            return Err(BadInput(format!("--xlsx {}: name the workbook *.xlsx", x.display())).into());
        }
    }
    let xlsx = match (&args.xlsx, &args.scenario) {
        (Some(_), None) => {
            return Err(BadInput("--xlsx needs --scenario (the people's particulars come from it)".into()).into())
        }
        (Some(out), Some(scenario)) => {
            let (inputs, policy) = load(scenario, args.model.as_deref())?;
            let s = &inputs.scenario;
            let mut plans = Vec::new();
            for (k, path) in args.plans.iter().enumerate() {
                let (a, plan) = super::check::read_plan(s, &policy, path)?;
                let milestone =
                    if plan.milestone.is_empty() { policy.milestone.clone() } else { plan.milestone.clone() };
                let pins = PinCodes::to_pins(&plan.settings.pins, s)
                    .map_err(|e| BadInput(format!("{}: bad pin in the plan: {}", path.display(), e.join("; "))))?;
                let report = check(s, &policy, &milestone, &a, &pins);
                let doc =
                    plan_document(s, &policy, &milestone, &a, &report, Plan { status: plan.status, ..Plan::default() });
                plans.push((format!("Phương án {}", k + 1), doc));
            }
            let bytes = crate::report::xlsx::submission_workbook(s, &policy, &plans)
                .map_err(|e| anyhow::anyhow!("cannot make the workbook: {e}"))?;
            Some((out.clone(), bytes))
        }
        _ => None,
    };
    let csv = match &args.csv {
        Some(dir) => Some((dir.clone(), read_json_plan(&args.plans[0])?)),
        None => None,
    };
    // everything is made before anything is written
    if let Some((dir, plan)) = csv {
        for written in export_csv(&plan, &dir).map_err(plan_io_error)? {
            eprintln!("written {}", terminal_safe(&written.display().to_string()));
        }
    }
    if let Some((out, bytes)) = xlsx {
        let target = super::common::output_path(&guard, &out, crate::explain::Lang::Vi)?;
        write_atomically(&target, &bytes)?;
        eprintln!("written {}", terminal_safe(&out.display().to_string()));
    }
    Ok(Outcome::Success)
}
