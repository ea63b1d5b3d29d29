//! `rotaplan solve`: scenario + policy → plan.json.

use std::path::PathBuf;

use anyhow::Context;

use super::common::{load, Format, LangArg};
use super::{write_atomically, BadInput, Outcome};
use crate::formulation::FormulationSettings;
use crate::plan::{make_plan, InputRef, PinCodes, PlanRequest};
use crate::solve::{Presolve, SolveStatus, SolverSettings};

/// Arguments of `rotaplan solve`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Scenario: a JSON file or a folder (scenario.json or CSV files).
    pub scenario: PathBuf,
    /// Policy model (TOML).
    #[arg(long, short = 'm', default_value = "models/haiphong-09-kl-tu.toml")]
    pub model: PathBuf,
    /// Where to write the plan (JSON).
    #[arg(long, short = 'o', default_value = "plan.json")]
    pub out: PathBuf,
    /// Milestone whose bands apply (default: the policy's).
    #[arg(long)]
    pub milestone: Option<String>,
    /// Wall-clock limit in seconds (a watchdog: a plan stopped by it is not reproducible).
    #[arg(long, default_value_t = 300.0)]
    pub time_limit: f64,
    /// Deterministic budget: branch-and-bound nodes per objective stage.
    #[arg(long, default_value_t = 200)]
    pub max_nodes: u64,
    /// HiGHS primal heuristic effort (0..1).
    #[arg(long, default_value_t = 0.3)]
    pub heuristic_effort: f64,
    /// Relative MIP gap at which to stop.
    #[arg(long, default_value_t = 0.0)]
    pub gap: f64,
    /// HiGHS threads.
    #[arg(long, default_value_t = 1)]
    pub threads: u32,
    /// HiGHS random seed.
    #[arg(long, default_value_t = 0)]
    pub seed: i32,
    /// Skip the relaxation-first attempt at each stage (LP relaxation, then a restricted MIP)
    /// and go straight to HiGHS's full search.
    #[arg(long)]
    pub no_guided: bool,
    /// HiGHS presolve.
    #[arg(long, value_enum, default_value_t = PresolveArg::On)]
    pub presolve: PresolveArg,
    /// Force a pair: CADRE=POST (repeatable).
    #[arg(long = "pin")]
    pub pin: Vec<String>,
    /// Forbid a pair: CADRE=POST (repeatable).
    #[arg(long)]
    pub forbid: Vec<String>,
    /// Keep a cadre in their post (repeatable).
    #[arg(long)]
    pub keep: Vec<String>,
    /// Leave a post vacant (repeatable).
    #[arg(long)]
    pub vacant: Vec<String>,
    /// Number of distinct alternative plans (`--plans` alone: 5). With more than one, plans are
    /// written next to `--out` as `<name>-1.json`, `<name>-2.json`, … in rank order.
    #[arg(long, num_args = 0..=1, default_missing_value = "5", default_value_t = 1)]
    pub plans: usize,
    /// Emphases also solved in full as alternatives (comma-separated: rejuvenation, stability,
    /// non_locality). Each costs as much as the first plan; without them the alternatives are
    /// regional re-plans of the first plan, which cost a fraction of it.
    #[arg(long, value_enum, value_delimiter = ',')]
    pub emphases: Vec<EmphasisArg>,
    /// Minimum number of differing decisions (placements that are not stays) between plans.
    #[arg(long, default_value_t = 5)]
    pub min_difference: usize,
    /// Re-plan as close as possible to this earlier plan (fewest changes), e.g. after the
    /// committee fixed a decision with --pin.
    #[arg(long)]
    pub from: Option<PathBuf>,
    /// Also write the model (LP or MPS, by extension) for inspection.
    #[arg(long)]
    pub export_model: Option<PathBuf>,
    /// Summary format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Language of the summary.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
}

/// Presolve flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PresolveArg {
    /// On.
    On,
    /// Off.
    Off,
}

/// Runs `rotaplan solve`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    super::common::set_lang(args.lang.into());
    let solver = SolverSettings::builder()
        .time_limit(args.time_limit)
        .mip_rel_gap(args.gap)
        .threads(args.threads)
        .seed(args.seed)
        .max_nodes(args.max_nodes)
        .heuristic_effort(args.heuristic_effort)
        .guided(!args.no_guided)
        .presolve(match args.presolve {
            PresolveArg::On => Presolve::On,
            PresolveArg::Off => Presolve::Off,
        })
        .build()
        .map_err(|e| BadInput(e.to_string()))?;
    let (inputs, policy) = load(&args.scenario, &args.model)?;
    if let Some(m) = &args.milestone {
        if !policy.known_milestones().contains(m) {
            let known: Vec<_> = policy.known_milestones().into_iter().collect();
            return Err(BadInput(format!("unknown milestone '{m}': the policy has {}", known.join(", "))).into());
        }
    }
    let s = &inputs.scenario;
    let pins = PinCodes {
        force: args.pin.clone(),
        forbid: args.forbid.clone(),
        keep: args.keep.clone(),
        vacant: args.vacant.clone(),
    }
    .to_pins(s)
    .map_err(|errs| BadInput(format!("bad pin: {}", errs.join("; "))))?;
    let mut formulation = FormulationSettings { milestone: args.milestone.clone(), pins, ..Default::default() };
    let mut from_plan = None;
    if let Some(path) = &args.from {
        let (a, _) = super::check::read_plan(s, &policy, path)?;
        let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
        from_plan = Some(crate::model::load::sha256_hex(&bytes));
        let facts = crate::model::Facts::new(s, &policy);
        formulation.closeness =
            Some(s.post_ids().filter(|p| facts.is_planned_post(*p)).map(|p| (p, a.holder.get(&p).copied())).collect());
    }
    let req = PlanRequest {
        scenario: s,
        policy: &policy,
        scenario_ref: InputRef { name: s.name.clone(), sha256: inputs.scenario_digest.clone() },
        policy_ref: InputRef { name: policy.id.clone(), sha256: inputs.policy_digest.clone().unwrap_or_default() },
        formulation,
        solver,
        from_plan,
        emphasis: None,
    };
    if let Some(path) = &args.export_model {
        let f = crate::formulation::Formulation::build(s, &policy, &req.formulation);
        crate::solve::export_model(&f.model, path).context("exporting the model")?;
        eprintln!("{} {}", super::common::lang().pick("đã ghi mô hình vào", "model written to"), path.display());
    }
    if args.plans > 1 {
        return run_alternatives(&args, &req);
    }
    let lang: crate::explain::Lang = args.lang.into();
    let bar = crate::report::progress::SolveBar::start(lang.pick("đang lập phương án", "solving"), lang);
    let out = make_plan(&req).context("solving")?;
    drop(bar);
    report_solve(&out);
    let json = serde_json::to_string_pretty(&out.plan)? + "\n";
    write_atomically(&args.out, json.as_bytes())?;
    match args.format {
        Format::Json => println!("{json}"),
        Format::Text => print!("{}", crate::explain::summary::plan_summary(s, &policy, &out.plan, args.lang.into())),
    }
    eprintln!("{} {}", super::common::lang().pick("đã ghi phương án vào", "plan written to"), args.out.display());
    Ok(outcome_of(out.status))
}

fn outcome_of(status: SolveStatus) -> Outcome {
    match status {
        SolveStatus::Optimal | SolveStatus::StoppedWithPlan { .. } => Outcome::Success,
        SolveStatus::Infeasible => Outcome::No,
        SolveStatus::NoPlanBeforeLimit => Outcome::NoPlanBeforeLimit,
    }
}

fn report_solve(out: &crate::plan::PlanOutcome) {
    // the model's size and each stage's figures are for analysts: --verbose, or --lang en
    let lang = super::common::lang();
    if lang == crate::explain::Lang::Vi && !super::common::verbose() {
        return;
    }
    let (cols, ints, rows) = out.model_size;
    match lang {
        crate::explain::Lang::Vi => eprintln!("mô hình: {cols} biến ({ints} biến nguyên), {rows} ràng buộc"),
        crate::explain::Lang::En => eprintln!("model: {cols} columns ({ints} integer), {rows} rows"),
    }
    for st in &out.stages {
        match lang {
            crate::explain::Lang::Vi => eprintln!(
                "  giai đoạn {:<12} giá trị {:>12.1}  khoảng cách {:.4}  {:.2} giây",
                st.name, st.value, st.gap, st.seconds
            ),
            crate::explain::Lang::En => {
                eprintln!("  stage {:<12} value {:>12.1}  gap {:.4}  {:.2} s", st.name, st.value, st.gap, st.seconds)
            }
        }
    }
}

/// `--plans K`: alternatives, ranked, each written to its own file.
fn run_alternatives(args: &Args, req: &PlanRequest<'_>) -> anyhow::Result<Outcome> {
    let lang: crate::explain::Lang = args.lang.into();
    let areq = crate::alternatives::AlternativesRequest {
        count: args.plans,
        min_difference: args.min_difference,
        emphases: args.emphases.iter().map(|e| e.emphasis()).collect(),
    };
    let bar =
        crate::report::progress::SolveBar::start(lang.pick("đang lập các phương án", "solving alternatives"), lang);
    let found = crate::alternatives::alternatives(req, &areq).context("solving alternatives")?;
    drop(bar);
    if found.len() == 1 && found[0].plan.posts.is_empty() {
        let out = &found[0];
        report_solve(out);
        print!("{}", crate::explain::summary::plan_summary(req.scenario, req.policy, &out.plan, lang));
        return Ok(outcome_of(out.status));
    }
    let mut plans: Vec<crate::plan::Plan> = found.iter().map(|o| o.plan.clone()).collect();
    let ranked = crate::rank::rank(req.policy, &plans);
    // one plan, one number: the rank, in the file name, the file itself and every later report
    for r in &ranked {
        plans[r.index].number = Some(r.rank);
    }
    let stem = args.out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| "plan".into());
    let dir = args.out.parent().map(|p| p.to_path_buf()).unwrap_or_default();
    let mut names = Vec::new();
    // write every file first to temporaries via write_atomically (each is atomic)
    for r in &ranked {
        let path = dir.join(format!("{stem}-{}.json", r.rank));
        let json = serde_json::to_string_pretty(&plans[r.index])? + "\n";
        write_atomically(&path, json.as_bytes())?;
        names.push(path);
    }
    for r in &ranked {
        let p = &plans[r.index];
        let c = &r.criteria;
        eprintln!(
            "{} {}: {} ({}), {} {}/{}, {} {}, {} {}",
            lang.pick("Phương án", "Plan"),
            r.rank,
            crate::explain::summary::emphasis_text(
                req.scenario,
                p.settings.emphasis.as_deref().unwrap_or("balanced"),
                lang
            ),
            crate::explain::summary::status_words(p, lang),
            lang.pick("chỉ tiêu đạt", "targets met"),
            c.targets_met,
            c.targets_total,
            lang.pick("điểm phù hợp", "suitability"),
            c.suitability,
            lang.pick("điều động", "moves"),
            c.moves
        );
    }
    let label = |k: usize| format!("{} {k}", lang.pick("Phương án", "Plan"));
    let mut sentences = Vec::new();
    for w in ranked.windows(2) {
        sentences.push(crate::rank::why_above(&w[0], &w[1], &label(w[0].rank), &label(w[1].rank), lang));
    }
    match args.format {
        Format::Json => {
            let v = serde_json::json!({
                "plans": ranked.iter().zip(&names).map(|(r, n)| serde_json::json!({
                    "rank": r.rank, "layer": r.layer, "file": n.display().to_string(), "criteria": r.criteria,
                    "emphasis": plans[r.index].settings.emphasis,
                })).collect::<Vec<_>>(),
                "why": sentences,
            });
            println!("{}", serde_json::to_string_pretty(&v)?);
        }
        Format::Text => {
            for s in &sentences {
                println!("{s}");
            }
            for n in &names {
                println!("{}", n.display());
            }
        }
    }
    Ok(Outcome::Success)
}

/// An emphasis on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum EmphasisArg {
    /// Young leaders and age tiers weigh ten times more.
    Rejuvenation,
    /// Fewest moves before suitability.
    Stability,
    /// Non-local placements weigh ten times more.
    #[value(name = "non_locality")]
    NonLocality,
}

impl EmphasisArg {
    fn emphasis(self) -> crate::formulation::Emphasis {
        use crate::formulation::Emphasis as E;
        match self {
            EmphasisArg::Rejuvenation => E::Rejuvenation,
            EmphasisArg::Stability => E::Stability,
            EmphasisArg::NonLocality => E::NonLocality,
        }
    }
}
