//! `rotaplan report`: plans + scenario + policy → one self-contained HTML file for the party
//! committee (see [`crate::report::html`] for what it contains).
//!
//! This file only reads the inputs, checks that the plans belong to the scenario, and writes
//! the rendered report atomically; the report itself is built by the library from data.

use std::path::{Path, PathBuf};

use super::common::{load, LangArg};
use super::{write_atomically, Outcome};
use crate::check::check;
use crate::formulation::Pins;
use crate::model::{Policy, Scenario};
use crate::plan::{plan_document, Plan};
use crate::report::html::{render, Options, ReportInput};
use crate::report::progress::progress;

/// Arguments of `rotaplan report`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Các phương án (plan.json, hoặc CSV lập thủ công); nhiều phương án được so sánh với nhau /
    /// the plans (plan.json, or hand-drafted CSV); several are compared side by side.
    #[arg(required = true)]
    pub plans: Vec<PathBuf>,
    /// Dữ liệu đã dùng để lập phương án / the scenario the plans were made for.
    #[arg(long, short = 's')]
    pub scenario: PathBuf,
    /// Tệp quy định (TOML) / policy model (TOML).
    #[arg(long, short = 'm', default_value = "models/haiphong-09-kl-tu.toml")]
    pub model: PathBuf,
    /// Tệp báo cáo sẽ ghi (HTML) / where to write the report.
    #[arg(long, short = 'o', default_value = "report.html")]
    pub out: PathBuf,
    /// Ngôn ngữ của báo cáo / language of the report.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
    /// Số người khác đủ điều kiện nêu ở mỗi trường hợp / other eligible cadres shown per move.
    #[arg(long, default_value_t = 3)]
    pub others: usize,
    /// Số người gần đủ điều kiện nêu ở mỗi trường hợp / closest ineligible cadres shown per move.
    #[arg(long, default_value_t = 3)]
    pub near_misses: usize,
    /// Chỉ phần tóm tắt (khoảng 10 trang in), không kèm phụ lục chi tiết từng địa phương /
    /// only the brief (about 10 printed pages), without the per-district appendix.
    #[arg(long)]
    pub brief: bool,
}

/// Reads one plan: plan.json as it is (`read_plan` refuses codes the scenario does not know: a
/// plan of another scenario), a CSV drafted by hand checked into a plan document first.
fn read(s: &Scenario, policy: &Policy, path: &Path) -> anyhow::Result<Plan> {
    let (a, plan) = super::check::read_plan(s, policy, path)?;
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
        return Ok(plan);
    }
    let milestone = policy.milestone.clone();
    let report = check(s, policy, &milestone, &a, &Pins::default());
    let head = Plan { status: "hand".into(), rotaplan_version: "hand".into(), ..Plan::default() };
    Ok(plan_document(s, policy, &milestone, &a, &report, head))
}

/// Runs `rotaplan report`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    super::common::set_lang(args.lang.into());
    let lang: crate::explain::Lang = args.lang.into();
    progress(lang.pick("đọc dữ liệu", "reading the inputs"));
    let (inputs, policy) = load(&args.scenario, &args.model)?;
    let s = &inputs.scenario;
    let mut plans = Vec::new();
    let mut sources = Vec::new();
    for path in &args.plans {
        let plan = read(s, &policy, path)?;
        if !plan.scenario.sha256.is_empty() && plan.scenario.sha256 != inputs.scenario_digest {
            let (theirs, ours) = (
                plan.scenario.sha256.chars().take(12).collect::<String>(),
                inputs.scenario_digest.chars().take(12).collect::<String>(),
            );
            match lang {
                crate::explain::Lang::Vi => eprintln!(
                    "cảnh báo: {} được lập từ một tệp dữ liệu khác (sha256 {theirs}…, tệp này {ours}…); báo cáo dùng tệp này",
                    path.display()
                ),
                crate::explain::Lang::En => eprintln!(
                    "warning: {} was made from a different scenario file (sha256 {theirs}…, this one {ours}…); the report uses this one",
                    path.display()
                ),
            }
        }
        if let Some(d) = &inputs.policy_digest {
            if !plan.policy.sha256.is_empty() && &plan.policy.sha256 != d {
                match lang {
                    crate::explain::Lang::Vi => eprintln!(
                        "cảnh báo: {} được lập theo một tệp quy định khác; bảng chỉ tiêu là bảng của lúc lập",
                        path.display()
                    ),
                    crate::explain::Lang::En => eprintln!(
                        "warning: {} was made under a different policy file; its target table is the one it was made with",
                        path.display()
                    ),
                }
            }
        }
        sources.push(
            path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string()),
        );
        plans.push(plan);
    }
    progress(lang.pick("lập báo cáo", "rendering the report"));
    let html = render(&ReportInput {
        scenario: s,
        policy: &policy,
        plans: &plans,
        sources: &sources,
        lang,
        options: Options { others: args.others, near_misses: args.near_misses, brief: args.brief },
    });
    write_atomically(&args.out, html.as_bytes())?;
    eprintln!(
        "{} {} ({} KiB)",
        lang.pick("đã ghi báo cáo vào", "report written to"),
        args.out.display(),
        html.len().div_ceil(1024)
    );
    Ok(Outcome::Success)
}
