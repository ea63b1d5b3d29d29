//! `rotaplan export`: a plan as CSV files for spreadsheets — `placements.csv` (the `cadre,post`
//! columns `rotaplan check` accepts back), `moves.csv`, `targets.csv` — UTF-8 with a BOM so that
//! spreadsheet programs show Vietnamese names correctly. The files are made by
//! [`crate::report::csv`]; this file reads the plan and refuses one that has no placements.

use std::path::PathBuf;

use super::{BadInput, Outcome};
use crate::plan::Plan;

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
    let bytes = std::fs::read(path).map_err(|e| BadInput(format!("cannot read {}: {e}", path.display())))?;
    let text = String::from_utf8(bytes).map_err(|_| BadInput(format!("{}: not UTF-8 text", path.display())))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let plan: Plan =
        serde_json::from_str(text).map_err(|e| BadInput(format!("{}: not a plan: {e}", path.display())))?;
    if plan.posts.is_empty() {
        // An empty placements.csv would read back as "everyone stays": refuse instead.
        return Err(BadInput(format!(
            "{}: the plan has no placements (status: {}); there is nothing to export",
            path.display(),
            plan.status.as_str()
        ))
        .into());
    }
    crate::report::csv::export(&plan, &args.csv)?;
    for (name, _) in crate::report::csv::plan_csv_files(&plan) {
        eprintln!("written {}", args.csv.join(name).display());
    }
    Ok(Outcome::Success)
}
