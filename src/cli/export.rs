//! `rotaplan export`: a plan for spreadsheets.
//! - `--csv DIR`: `placements.csv` (the `cadre,post` columns `rotaplan check` accepts back),
//!   `moves.csv`, `targets.csv` — UTF-8 with a BOM so that spreadsheet programs show Vietnamese
//!   names correctly ([`crate::report::csv`]);
//! - `--xlsx FILE`: the personnel submission workbook of one or more plans
//!   ([`crate::report::xlsx`]), which needs the scenario for the people's particulars.
//!
//! This file reads the plans and refuses one that has no placements.

use std::path::{Path, PathBuf};

use super::common::{lang, load, plan_io_error, terminal_safe, LangArg};
use super::{write_atomically, BadInput, Outcome};
use crate::check::check;
use crate::plan::io::{export_csv, read_plan_json, OutputGuard};
use crate::plan::{plan_document, PinCodes, Plan};

/// Arguments of `rotaplan export`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Phương án (plan.json); với --xlsx, một hay nhiều phương án (plan.json hoặc CSV), so sánh theo
    /// thứ tự đã nêu / the plans.
    #[arg(required = true, num_args = 1..)]
    pub plans: Vec<PathBuf>,
    /// Thư mục ghi placements.csv, moves.csv, targets.csv của phương án đầu (tạo nếu chưa có) /
    /// folder for the CSV files.
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// Bảng tính đề xuất nhân sự sẽ ghi (.xlsx) / the personnel submission workbook.
    #[arg(long)]
    pub xlsx: Option<PathBuf>,
    /// Dữ liệu (cần cho --xlsx): tệp JSON, thư mục hoặc bảng tính / the scenario.
    #[arg(long)]
    pub scenario: Option<PathBuf>,
    /// Tệp quy định (TOML) / policy model; mặc định: quy định Hải Phòng có sẵn / default: the built-in Hai Phong policy.
    #[arg(long, short = 'm')]
    pub model: Option<PathBuf>,
    /// Ngôn ngữ của thông báo (bảng tính luôn bằng tiếng Việt) / language of the messages.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
}

fn read_json_plan(path: &Path) -> anyhow::Result<Plan> {
    let plan = read_plan_json(path).map_err(plan_io_error)?;
    if plan.posts.is_empty() {
        // An empty placements.csv would read back as "everyone stays": refuse instead.
        let what = lang().pick("phương án không có bố trí nào (trạng thái", "the plan has no placements (status:");
        let nothing = lang().pick("không có gì để xuất", "there is nothing to export");
        return Err(BadInput(format!("{}: {what} {}); {nothing}", path.display(), plan.status.as_str())).into());
    }
    Ok(plan)
}

/// Runs `rotaplan export`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    super::common::set_lang(args.lang.into());
    let l = lang();
    if args.csv.is_none() && args.xlsx.is_none() {
        let m = l.pick(
            "hãy nêu tệp cần ghi: --csv THƯ_MỤC và/hoặc --xlsx TỆP",
            "say what to write: --csv DIR and/or --xlsx FILE",
        );
        return Err(BadInput(m.into()).into());
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
        let m = l.pick(
            "--csv chỉ xuất một phương án; hãy nêu một phương án, hoặc dùng --xlsx để so sánh nhiều phương án",
            "--csv exports one plan; give one plan, or use --xlsx to compare several",
        );
        return Err(BadInput(m.into()).into());
    }
    if let Some(x) = &args.xlsx {
        if !x.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
            let m = l.pick("hãy đặt tên bảng tính có đuôi .xlsx", "name the workbook *.xlsx");
            return Err(BadInput(format!("--xlsx {}: {m}", x.display())).into());
        }
    }
    let xlsx = match (&args.xlsx, &args.scenario) {
        (Some(_), None) => {
            let m = l.pick(
                "--xlsx cần --scenario (thông tin cá nhân của cán bộ lấy từ dữ liệu)",
                "--xlsx needs --scenario (the people's particulars come from it)",
            );
            return Err(BadInput(m.into()).into());
        }
        (Some(out), Some(scenario)) => {
            let (inputs, policy) = load(scenario, args.model.as_deref())?;
            let s = &inputs.scenario;
            let mut plans = Vec::new();
            for (k, path) in args.plans.iter().enumerate() {
                let (a, plan) = super::check::read_plan(s, &policy, path)?;
                let milestone =
                    if plan.milestone.is_empty() { policy.milestone.clone() } else { plan.milestone.clone() };
                let pins = PinCodes::to_pins(&plan.settings.pins, s).map_err(|e| {
                    let file = path.display().to_string();
                    BadInput(crate::explain::words::pin_problems(&e, crate::explain::words::PinSource::Plan(&file), l))
                })?;
                let report = check(s, &policy, &milestone, &a, &pins);
                let doc =
                    plan_document(s, &policy, &milestone, &a, &report, Plan { status: plan.status, ..Plan::default() });
                plans.push((format!("Phương án {}", k + 1), doc));
            }
            let bytes = crate::report::xlsx::submission_workbook(s, &policy, &plans).map_err(|e| {
                anyhow::anyhow!("{}: {e}", l.pick("không tạo được bảng tính", "cannot make the workbook"))
            })?;
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
            eprintln!("{} {}", l.pick("đã ghi", "written"), terminal_safe(&written.display().to_string()));
        }
    }
    if let Some((out, bytes)) = xlsx {
        let target = super::common::output_path(&guard, &out, l)?;
        write_atomically(&target, &bytes)?;
        eprintln!("{} {}", l.pick("đã ghi", "written"), terminal_safe(&out.display().to_string()));
    }
    Ok(Outcome::Success)
}
