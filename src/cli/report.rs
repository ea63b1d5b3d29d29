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
    /// Các phương án (plan.json, hoặc CSV lập thủ công); nhiều phương án được so sánh với nhau /
    /// the plans (plan.json, or hand-drafted CSV); several are compared side by side.
    #[arg(required = true)]
    pub plans: Vec<PathBuf>,
    /// Dữ liệu đã dùng để lập phương án / the scenario the plans were made for.
    #[arg(long, short = 's')]
    pub scenario: PathBuf,
    /// Tệp quy định (TOML) / policy model (TOML); mặc định: quy định Hải Phòng có sẵn / default: the built-in Hai Phong policy.
    #[arg(long, short = 'm')]
    pub model: Option<PathBuf>,
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
    /// Lộ trình theo năm (roadmap.json của `rotaplan roadmap`) thêm vào báo cáo và bản tóm tắt /
    /// a roadmap (roadmap.json of `rotaplan roadmap`) to add as a section with its chart.
    #[arg(long)]
    pub roadmap: Option<PathBuf>,
}

/// Reads one plan: plan.json as it is (`read_plan` refuses codes the scenario does not know: a
/// plan of another scenario), a CSV drafted by hand checked into a plan document first.
fn read(s: &Scenario, policy: &Policy, path: &Path) -> anyhow::Result<Plan> {
    let (a, plan) = super::check::read_plan(s, policy, path)?;
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) {
        return Ok(plan);
    }
    let milestone = policy
        .default_milestone()
        .map_err(|e| BadInput(crate::explain::words::unknown_milestone(&e, super::common::lang())))?
        .as_str()
        .to_string();
    let report = check(s, policy, &milestone, &a, &Pins::default());
    let head = Plan { status: crate::plan::PlanStatus::Hand, rotaplan_version: "hand".into(), ..Plan::default() };
    Ok(plan_document(s, policy, &milestone, &a, &report, head))
}

/// Runs `rotaplan report`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    super::common::set_lang(args.lang.into());
    let mut guard = OutputGuard::new().scenario(&args.scenario);
    if let Some(m) = &args.model {
        guard = guard.input("policy", m);
    }
    for p in &args.plans {
        guard = guard.input("plan", p);
    }
    if let Some(r) = &args.roadmap {
        guard = guard.input("--roadmap", r);
    }
    let out = output_path(&guard, &args.out, args.lang.into())?;
    progress(super::common::lang().pick("đọc dữ liệu", "reading the inputs"));
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
    let lang: crate::explain::Lang = args.lang.into();
    progress(lang.pick("lập báo cáo", "rendering the report"));
    let html = render(&ReportInput {
        scenario: s,
        policy: &policy,
        plans: &plans,
        sources: &sources,
        lang,
        options: Options { others: args.others, near_misses: args.near_misses, brief: args.brief },
    });
    let html = match &args.roadmap {
        Some(path) => {
            let bytes = crate::plan::io::read_bytes(path).map_err(plan_io_error)?;
            let doc: crate::roadmap::document::RoadmapDoc = serde_json::from_slice(&bytes)
                .map_err(|e| BadInput(crate::explain::words::not_a_roadmap(&path.display().to_string(), &e, lang)))?;
            let titles = crate::roadmap::Roadmap::rule_titles(&policy, lang);
            crate::report::roadmap::insert(&html, &crate::report::roadmap::section(&doc, lang, &titles))
        }
        None => html,
    };
    write_atomically(&out, html.as_bytes()).map_err(plan_io_error)?;
    eprintln!(
        "{} {} ({} KiB)",
        lang.pick("đã ghi báo cáo vào", "report written to"),
        args.out.display(),
        html.len().div_ceil(1024)
    );
    Ok(Outcome::Success)
}
