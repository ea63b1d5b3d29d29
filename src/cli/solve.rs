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
    /// Wall-clock limit in seconds.
    #[arg(long, default_value_t = 60.0)]
    pub time_limit: f64,
    /// Relative MIP gap at which to stop.
    #[arg(long, default_value_t = 0.0)]
    pub gap: f64,
    /// HiGHS threads.
    #[arg(long, default_value_t = 1)]
    pub threads: u32,
    /// HiGHS random seed.
    #[arg(long, default_value_t = 0)]
    pub seed: i32,
    /// HiGHS presolve.
    #[arg(long, value_enum, default_value_t = PresolveArg::Off)]
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
    let solver = SolverSettings::builder()
        .time_limit(args.time_limit)
        .mip_rel_gap(args.gap)
        .threads(args.threads)
        .seed(args.seed)
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
    let pins = PinCodes { force: args.pin.clone(), forbid: args.forbid.clone(), keep: args.keep.clone(), vacant: args.vacant.clone() }
        .to_pins(s)
        .map_err(|errs| BadInput(format!("bad pin: {}", errs.join("; "))))?;
    let req = PlanRequest {
        scenario: s,
        policy: &policy,
        scenario_ref: InputRef { name: s.name.clone(), sha256: inputs.scenario_digest.clone() },
        policy_ref: InputRef { name: policy.id.clone(), sha256: inputs.policy_digest.clone().unwrap_or_default() },
        formulation: FormulationSettings { milestone: args.milestone.clone(), pins, ..Default::default() },
        solver,
        from_plan: None,
        emphasis: None,
    };
    if let Some(path) = &args.export_model {
        let f = crate::formulation::Formulation::build(s, &policy, &req.formulation);
        crate::solve::export_model(&f.model, path).context("exporting the model")?;
        eprintln!("model written to {}", path.display());
    }
    let out = make_plan(&req).context("solving")?;
    let (cols, ints, rows) = out.model_size;
    eprintln!("model: {cols} columns ({ints} integer), {rows} rows");
    for st in &out.stages {
        eprintln!("  stage {:<12} value {:>12.1}  gap {:.4}  {:.2} s", st.name, st.value, st.gap, st.seconds);
    }
    let json = serde_json::to_string_pretty(&out.plan)? + "\n";
    write_atomically(&args.out, json.as_bytes())?;
    match args.format {
        Format::Json => println!("{json}"),
        Format::Text => print!("{}", crate::explain::summary::plan_summary(s, &policy, &out.plan, args.lang.into())),
    }
    eprintln!("plan written to {}", args.out.display());
    Ok(match out.status {
        SolveStatus::Optimal | SolveStatus::StoppedWithPlan { .. } => Outcome::Success,
        SolveStatus::Infeasible => Outcome::No,
        SolveStatus::NoPlanBeforeLimit => Outcome::NoPlanBeforeLimit,
    })
}
