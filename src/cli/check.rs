//! `rotaplan check`: re-checks a plan (solver-made, or drafted by hand as JSON or as a CSV of
//! `cadre,post` rows) against every rule, without the solver.

use std::path::{Path, PathBuf};

use super::common::{load, milestone_arg, plan_io_error, terminal_safe, Format, LangArg};
use super::{BadInput, Outcome};
use crate::check::check;
use crate::explain::words::{unknown_milestone, PinSource};
use crate::explain::Lang;
use crate::model::Scenario;
use crate::plan::io::read_plan_file;
use crate::plan::{plan_document, PinCodes, Plan};
use crate::report::csv::NameMismatch;

/// Arguments of `rotaplan check`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dữ liệu: tệp JSON hoặc thư mục / scenario: a JSON file or a folder.
    pub scenario: PathBuf,
    /// Phương án: plan.json, hoặc tệp CSV hai cột mã cán bộ và mã chức danh (để trống mã chức danh là thôi giữ chức) /
    /// the plan: plan.json, or a CSV of cadre,post rows (an empty post releases the cadre).
    pub plan: PathBuf,
    /// Tệp quy định (TOML) / policy model (TOML); mặc định: quy định Hải Phòng có sẵn / default: the built-in Hai Phong policy.
    #[arg(long, short = 'm')]
    pub model: Option<PathBuf>,
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

/// Reads a plan file: JSON (`plan.json`, its format and milestone checked) or CSV
/// (`cadre,post`); see [`crate::plan::io::read_plan_file`].
pub fn read_plan(
    s: &Scenario,
    policy: &crate::model::Policy,
    path: &Path,
) -> anyhow::Result<(crate::check::Assignment, Plan)> {
    read_plan_in(s, policy, path, Lang::Vi)
}

/// A name or title column of a plan CSV that does not match its code, in words.
pub fn mismatch_words(file: &str, m: &NameMismatch, lang: Lang) -> String {
    match (lang, m.column) {
        (Lang::Vi, "name") => format!(
            "cảnh báo: {file}, dòng {}: cột họ và tên ghi \"{}\" nhưng mã {} là đồng chí {}; rotaplan xếp theo mã, đề nghị kiểm tra lại dòng này",
            m.row, m.written, m.code, m.actual
        ),
        (Lang::Vi, _) => format!(
            "cảnh báo: {file}, dòng {}: cột chức danh ghi \"{}\" nhưng mã {} là chức danh \"{}\"; rotaplan xếp theo mã, đề nghị kiểm tra lại dòng này",
            m.row, m.written, m.code, m.actual
        ),
        (Lang::En, "name") => format!(
            "warning: {file}, row {}: the name column says \"{}\" but {} is {}; rotaplan goes by the code, please check the row",
            m.row, m.written, m.code, m.actual
        ),
        (Lang::En, _) => format!(
            "warning: {file}, row {}: the title column says \"{}\" but {} is the post \"{}\"; rotaplan goes by the code, please check the row",
            m.row, m.written, m.code, m.actual
        ),
    }
}

/// [`read_plan`], with the warnings in `lang`.
pub fn read_plan_in(
    s: &Scenario,
    policy: &crate::model::Policy,
    path: &Path,
    lang: Lang,
) -> anyhow::Result<(crate::check::Assignment, Plan)> {
    if crate::plan::io::is_csv(path) {
        let csv = crate::plan::io::read_plan_csv_file(s, path).map_err(plan_io_error)?;
        let file = path.display().to_string();
        if let Some(encoding) = csv.legacy_encoding {
            eprintln!("{}", crate::explain::words::legacy_plan_csv(&file, encoding, lang));
        }
        for m in &csv.mismatches {
            eprintln!("{}", mismatch_words(&file, m, lang));
        }
        return Ok(crate::plan::io::hand_plan(s, policy, &csv));
    }
    read_plan_file(s, policy, path).map_err(plan_io_error)
}

/// Runs `rotaplan check`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    super::common::set_lang(args.lang.into());
    let (inputs, policy) = load(&args.scenario, args.model.as_deref())?;
    let s = &inputs.scenario;
    // A milestone the policy does not know would check nothing: refused, with the known ones.
    let flag = match &args.milestone {
        Some(m) => Some(milestone_arg(&policy, m)?),
        None => None,
    };
    let (a, plan) = read_plan_in(s, &policy, &args.plan, args.lang.into())?;
    let milestone = match flag {
        Some(m) => m,
        None if !plan.milestone.is_empty() => {
            policy.milestone_named(&plan.milestone).map_err(|e| BadInput(unknown_milestone(&e, args.lang.into())))?
        }
        None => policy.default_milestone().map_err(|e| BadInput(unknown_milestone(&e, args.lang.into())))?,
    };
    let milestone = milestone.as_str().to_string();
    let pins = PinCodes::to_pins(&plan.settings.pins, s).map_err(|e| {
        let file = args.plan.display().to_string();
        BadInput(crate::explain::words::pin_problems(&e, PinSource::Plan(&file), args.lang.into()))
    })?;
    let report = check(s, &policy, &milestone, &a, &pins);
    let doc = plan_document(s, &policy, &milestone, &a, &report, Plan { status: plan.status, ..Plan::default() });
    match args.format {
        Format::Json => println!("{}", serde_json::to_string_pretty(&doc)?),
        Format::Text => {
            print!("{}", terminal_safe(&crate::explain::summary::check_summary(s, &policy, &doc, args.lang.into())))
        }
    }
    Ok(if report.compliant() { Outcome::Success } else { Outcome::No })
}
