//! `rotaplan export`: a plan as CSV files for spreadsheets — `placements.csv` (the `cadre,post`
//! columns `rotaplan check` accepts back), `moves.csv`, `targets.csv` — UTF-8 with a BOM so that
//! spreadsheet programs show Vietnamese names correctly. The files are made and written (as
//! one set, formula cells neutralised) by [`crate::plan::io`]; this file reads the plan and
//! refuses one that has no placements, or an output folder whose files are the plan itself.

use std::path::PathBuf;

use super::common::{plan_io_error, terminal_safe};
use super::{BadInput, Outcome};
use crate::plan::io::{export_csv, read_plan_json, OutputGuard};

/// Arguments of `rotaplan export`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The plan (plan.json).
    pub plan: PathBuf,
    /// Folder to write placements.csv, moves.csv and targets.csv into (created if missing).
    #[arg(long)]
    pub csv: PathBuf,
}

/// Runs `rotaplan export`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let path = &args.plan;
    OutputGuard::new()
        .input("plan", path)
        .output_folder(&args.csv, &["placements.csv", "moves.csv", "targets.csv"])
        .map_err(plan_io_error)?;
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
    for written in export_csv(&plan, &args.csv).map_err(plan_io_error)? {
        eprintln!("written {}", terminal_safe(&written.display().to_string()));
    }
    Ok(Outcome::Success)
}
