//! `rotaplan check`: re-checks a plan (solver-made, or drafted by hand as JSON or as a CSV of
//! `cadre,post` rows) against every rule, without the solver.

use std::path::{Path, PathBuf};

use super::common::{load, Format, LangArg};
use super::{BadInput, Outcome};
use crate::check::check;
use crate::model::Scenario;
use crate::plan::{assignment_from_pairs, assignment_from_plan, plan_document, PinCodes, Plan};

/// Arguments of `rotaplan check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dữ liệu: tệp JSON hoặc thư mục / scenario: a JSON file or a folder.
    pub scenario: PathBuf,
    /// Phương án: plan.json, hoặc tệp CSV hai cột cadre,post (để trống post là thôi giữ chức) /
    /// the plan: plan.json, or a CSV of cadre,post rows (an empty post releases the cadre).
    pub plan: PathBuf,
    /// Tệp quy định (TOML) / policy model (TOML).
    #[arg(long, short = 'm', default_value = "models/haiphong-09-kl-tu.toml")]
    pub model: PathBuf,
    /// Mốc chỉ tiêu (mặc định: của phương án, nếu không thì của quy định) / milestone.
    #[arg(long)]
    pub milestone: Option<String>,
    /// Định dạng kết quả / output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Ngôn ngữ / language.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
}

/// Reads a plan file: JSON (`plan.json`) or CSV (`cadre,post`).
pub fn read_plan(
    s: &Scenario,
    policy: &crate::model::Policy,
    path: &Path,
) -> anyhow::Result<(crate::check::Assignment, Plan)> {
    let bytes = std::fs::read(path).map_err(|e| BadInput(format!("cannot read {}: {e}", path.display())))?;
    let text = String::from_utf8(bytes).map_err(|_| BadInput(format!("{}: not UTF-8 text", path.display())))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let is_csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if is_csv {
        let (pairs, released) = crate::report::csv::read_pairs(s, text).map_err(|errs| {
            BadInput(errs.iter().map(|e| format!("{}: {e}", path.display())).collect::<Vec<_>>().join("\n"))
        })?;
        let a = assignment_from_pairs(s, policy, &pairs, &released);
        let plan = Plan { status: "hand".into(), rotaplan_version: "hand".into(), ..Plan::default() };
        return Ok((a, plan));
    }
    let plan: Plan = serde_json::from_str(text).map_err(|e| BadInput(format!("{}: {e}", path.display())))?;
    let a = assignment_from_plan(s, &plan).map_err(|errs| {
        BadInput(errs.iter().map(|e| format!("{}: {e}", path.display())).collect::<Vec<_>>().join("\n"))
    })?;
    Ok((a, plan))
}

/// Runs `rotaplan check`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    super::common::set_lang(args.lang.into());
    let (inputs, policy) = load(&args.scenario, &args.model)?;
    let s = &inputs.scenario;
    let (a, plan) = read_plan(s, &policy, &args.plan)?;
    let milestone = args
        .milestone
        .clone()
        .or_else(|| (!plan.milestone.is_empty()).then(|| plan.milestone.clone()))
        .unwrap_or_else(|| policy.milestone.clone());
    let pins = PinCodes::to_pins(&plan.settings.pins, s)
        .map_err(|e| BadInput(format!("bad pin in the plan: {}", e.join("; "))))?;
    let report = check(s, &policy, &milestone, &a, &pins);
    let doc =
        plan_document(s, &policy, &milestone, &a, &report, Plan { status: plan.status.clone(), ..Plan::default() });
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&doc)?),
        Format::Text => print!("{}", crate::explain::summary::check_summary(s, &policy, &doc, args.lang.into())),
    }
    Ok(if report.compliant() { Outcome::Success } else { Outcome::No })
}
