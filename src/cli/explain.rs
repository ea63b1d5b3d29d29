//! `rotaplan explain`: why a post went to whom, where a cadre ends, why a target is unmet.
//!
//! Flag parsing and glue only: the plan is read (JSON, or a hand-drafted CSV turned into a plan
//! document), codes are resolved with did-you-mean suggestions (an unknown code is bad input,
//! exit 2), and the library builds the explanation ([`crate::explain::placement`],
//! [`crate::explain::target`]) which [`crate::explain::render`] turns into text or JSON.

use std::path::{Path, PathBuf};

use super::common::{load, terminal_safe, Format, LangArg};
use super::{BadInput, Outcome};
use crate::explain::placement::{explain_cadre, explain_post};
use crate::explain::render;
use crate::explain::target::explain_target;
use crate::explain::view::{Context, ExplainError, ExplainOptions};
use crate::explain::Lang;
use crate::model::diag::did_you_mean;
use crate::model::load::Inputs;
use crate::model::{CadreId, Policy, PostId, Scenario};
use crate::plan::{CodeKind, Plan};
use crate::solve::SolverSettings;

/// Arguments of `rotaplan explain`.
#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["cadre", "post", "target"])))]
pub struct Args {
    /// Phương án: plan.json (hoặc CSV lập thủ công) / the plan.
    pub plan: PathBuf,
    /// Dữ liệu đã dùng để lập phương án / the scenario the plan was made for.
    #[arg(long, short = 's')]
    pub scenario: PathBuf,
    /// Tệp quy định (TOML) / policy model; mặc định: quy định Hải Phòng có sẵn / default: the built-in Hai Phong policy.
    #[arg(long, short = 'm')]
    pub model: Option<PathBuf>,
    /// Giải thích về một cán bộ (mã, hoặc họ và tên): bố trí ở đâu, vì sao / explain a cadre.
    #[arg(long)]
    pub cadre: Option<String>,
    /// Giải thích về một chức vụ (mã): ai đảm nhiệm, vì sao không phải người khác / explain a post.
    #[arg(long)]
    pub post: Option<String>,
    /// Giải thích một chỉ tiêu (mã quy định): đạt bao nhiêu so với yêu cầu, vì sao / explain a target.
    #[arg(long)]
    pub target: Option<String>,
    /// Cùng --target: chỉ đối tượng này (mã địa phương, tập thể hay cán bộ; `*` là toàn bộ) / only this subject.
    #[arg(long, requires = "target")]
    pub subject: Option<String>,
    /// Ngôn ngữ / language.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
    /// Định dạng kết quả / output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Số lần giải lại tối đa ở mỗi phần, và số người gần đủ điều kiện nêu ra / re-solves per section.
    #[arg(long, default_value_t = 5)]
    pub top: usize,
    /// Thời gian tối đa của mỗi lần giải lại, tính bằng giây / time limit of each re-solve.
    #[arg(long)]
    pub time_limit: Option<f64>,
    /// Giải lại lần lượt, không song song / run the re-solves one after another.
    #[arg(long)]
    pub serial: bool,
    /// Cùng --target: liệt kê cả những nơi, tập thể đã đạt (mặc định chỉ đếm) / with --target: list
    /// the subjects that meet it too (counted by default).
    #[arg(long, requires = "target")]
    pub all: bool,
}

/// Reads a plan file as a full plan document: JSON as written, or a hand-drafted CSV checked
/// into one.
pub fn load_plan(s: &Scenario, policy: &Policy, path: &Path) -> anyhow::Result<Plan> {
    let (a, plan) = super::check::read_plan(s, policy, path)?;
    if !plan.posts.is_empty() || plan.status != "hand" {
        return Ok(plan);
    }
    let milestone = policy
        .default_milestone()
        .map_err(|e| BadInput(crate::explain::words::unknown_milestone(&e, super::common::lang())))?;
    let report = crate::check::check(s, policy, milestone.as_str(), &a, &Default::default());
    Ok(crate::plan::plan_document(s, policy, milestone.as_str(), &a, &report, plan))
}

/// Warns when a plan was made for other inputs than those given.
pub fn warn_digests(label: &str, plan: &Plan, inputs: &Inputs, lang: Lang) {
    for w in super::common::digest_warnings(label, plan, inputs, lang) {
        eprintln!("{}", terminal_safe(&w));
    }
}

/// Resolves a cadre by code, else by exact full name (when unique).
pub fn resolve_cadre(s: &Scenario, text: &str) -> Result<CadreId, ExplainError> {
    let t = text.trim();
    if let Some(c) = s.cadre_by_code(t) {
        return Ok(c);
    }
    let nfc = crate::model::scenario::nfc(t).to_lowercase();
    let by_name: Vec<CadreId> =
        s.cadre_ids().filter(|c| crate::model::scenario::nfc(&s.cadre(*c).name).to_lowercase() == nfc).collect();
    if by_name.len() == 1 {
        return Ok(by_name[0]);
    }
    if by_name.len() > 1 {
        return Err(ExplainError::AmbiguousName {
            name: t.into(),
            codes: by_name.iter().map(|c| s.cadre(*c).code.clone()).collect(),
        });
    }
    let hint = did_you_mean(t, s.cadres.iter().map(|c| c.code.as_str()))
        .or_else(|| did_you_mean(t, s.cadres.iter().map(|c| c.name.as_str())))
        .map(String::from);
    Err(ExplainError::Unknown { what: CodeKind::Cadre, code: t.into(), hint, known: Vec::new() })
}

/// Resolves a post by code.
pub fn resolve_post(s: &Scenario, text: &str) -> Result<PostId, ExplainError> {
    let t = text.trim();
    s.post_by_code(t).ok_or_else(|| ExplainError::Unknown {
        what: CodeKind::Post,
        code: t.into(),
        hint: did_you_mean(t, s.posts.iter().map(|p| p.code.as_str())).map(String::from),
        known: Vec::new(),
    })
}

/// Maps a library error to the CLI's: bad input (exit 2) or an internal failure (exit 3).
pub fn cli_error(e: ExplainError) -> anyhow::Error {
    let words = crate::explain::words::explain_error(&e, super::common::lang());
    if e.is_bad_input() {
        BadInput(words).into()
    } else {
        anyhow::anyhow!(words)
    }
}

/// Runs `rotaplan explain`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    super::common::set_lang(args.lang.into());
    if args.top == 0 {
        return Err(
            BadInput(super::common::lang().pick("--top phải từ 1 trở lên", "--top must be at least 1").into()).into()
        );
    }
    let (inputs, policy) = load(&args.scenario, args.model.as_deref())?;
    let s = &inputs.scenario;
    let plan = load_plan(s, &policy, &args.plan)?;
    warn_digests(&args.plan.display().to_string(), &plan, &inputs, args.lang.into());
    if plan.status == "infeasible" {
        // no placements to explain: explain why the hard rules cannot all hold (exit 1, the
        // plan's own "no")
        let pins = crate::plan::PinCodes::to_pins(&plan.settings.pins, s).map_err(|problems| {
            let label = args.plan.display().to_string();
            cli_error(ExplainError::BadPin { plan: Some(label), problems })
        })?;
        let settings = crate::formulation::FormulationSettings {
            milestone: (!plan.milestone.is_empty()).then(|| plan.milestone.clone()),
            pins: pins.clone(),
            ..Default::default()
        };
        let f = crate::formulation::Formulation::build(s, &policy, &settings);
        let text = crate::explain::infeasibility_text(&f, &plan.infeasibility, &pins, args.lang.into());
        match args.format {
            Format::Text => print!("{text}"),
            Format::Json => println!(
                "{}",
                serde_json::json!({ "kind": "infeasibility", "lang": Lang::from(args.lang), "rows": plan.infeasibility, "text": text })
            ),
        }
        return Ok(Outcome::No);
    }
    let mut solver = plan.settings.solver.clone().unwrap_or_default();
    if let Some(t) = args.time_limit {
        solver = SolverSettings::builder()
            .time_limit(t)
            .mip_rel_gap(solver.mip_rel_gap)
            .threads(solver.threads)
            .seed(solver.seed)
            .presolve(solver.presolve)
            .build()
            .map_err(|e| BadInput(crate::explain::words::settings_error(&e, super::common::lang())))?;
    }
    if s.cadres.len() > 1000 && args.target.is_none() {
        match super::common::lang() {
            Lang::Vi => eprintln!(
                "Đang giải lại tối đa {} phương án thay thế, mỗi lần tối đa {:.0} giây{} (đặt bằng --top và --time-limit).",
                args.top,
                solver.time_limit,
                if args.serial { ", lần lượt" } else { ", song song" }
            ),
            Lang::En => eprintln!(
                "explain: re-solving up to {} alternatives, each up to {:.0} s{} (--top and --time-limit set this)",
                args.top,
                solver.time_limit,
                if args.serial { ", one after another" } else { ", in parallel" }
            ),
        }
    }
    let options = ExplainOptions { top: args.top, solver, parallel: !args.serial, ..ExplainOptions::default() };
    let ctx = Context::new(s, &policy, &plan, options).map_err(cli_error)?;
    let lang: Lang = args.lang.into();
    let out = if let Some(code) = &args.post {
        let p = resolve_post(s, code).map_err(cli_error)?;
        let e = explain_post(&ctx, p).map_err(cli_error)?;
        let text = render::placement_text(&e, lang);
        match args.format {
            Format::Text => text,
            Format::Json => render::json("placement", &e, text, lang),
        }
    } else if let Some(code) = &args.cadre {
        let c = resolve_cadre(s, code).map_err(cli_error)?;
        let e = explain_cadre(&ctx, c).map_err(cli_error)?;
        let text = render::cadre_text(&e, lang);
        match args.format {
            Format::Text => text,
            Format::Json => render::json("cadre", &e, text, lang),
        }
    } else if let Some(rule) = &args.target {
        let e = explain_target(&ctx, rule.trim(), args.subject.as_deref().map(str::trim)).map_err(cli_error)?;
        let text = render::target_text_with(&e, lang, args.all);
        match args.format {
            Format::Text => text,
            Format::Json => render::json("target", &e, text, lang),
        }
    } else {
        return Err(BadInput(
            super::common::lang()
                .pick(
                    "hãy nêu điều cần giải thích: --cadre, --post hoặc --target",
                    "say what to explain: --cadre, --post or --target",
                )
                .into(),
        )
        .into());
    };
    match args.format {
        Format::Text => print!("{}", terminal_safe(&out)),
        Format::Json => print!("{out}"),
    }
    Ok(Outcome::Success)
}
