//! `rotaplan compare`: plans side by side — the placements that differ, target attainment per
//! rule, the criteria, the moves, and the districts touched.
//!
//! Glue only: plans are read like `rotaplan explain` reads them, compared by
//! [`crate::explain::compare::compare`] and rendered by [`crate::explain::render`].

use std::path::PathBuf;

use super::common::{load, provenance_warnings, terminal_safe, Format, LangArg};
use super::explain::{cli_error, load_plan, warn_digests};
use super::{BadInput, Outcome};
use crate::explain::compare::compare;
use crate::explain::render;
use crate::explain::Lang;

/// Arguments of `rotaplan compare`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Hai phương án trở lên (plan.json, hoặc CSV lập thủ công) / two or more plans.
    #[arg(num_args = 2.., required = true)]
    pub plans: Vec<PathBuf>,
    /// Dữ liệu đã dùng để lập phương án / the scenario the plans were made for.
    #[arg(long, short = 's')]
    pub scenario: PathBuf,
    /// Tệp quy định (TOML) / policy model; mặc định: quy định Hải Phòng có sẵn / default: the built-in Hai Phong policy.
    #[arg(long, short = 'm')]
    pub model: Option<PathBuf>,
    /// Ngôn ngữ / language.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
    /// Định dạng kết quả / output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Short labels for the plans: file names, or the paths as given when names repeat.
fn labels(paths: &[PathBuf]) -> Vec<String> {
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| p.display().to_string()))
        .collect();
    let unique = names.iter().enumerate().all(|(i, n)| !names[..i].contains(n));
    if unique {
        names
    } else {
        paths.iter().map(|p| p.display().to_string()).collect()
    }
}

/// Runs `rotaplan compare`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    super::common::set_lang(args.lang.into());
    if args.plans.len() < 2 {
        return Err(BadInput(
            super::common::lang()
                .pick("cần ít nhất hai phương án để so sánh", "give at least two plans to compare")
                .into(),
        )
        .into());
    }
    let (inputs, policy) = load(&args.scenario, args.model.as_deref())?;
    let s = &inputs.scenario;
    let names = labels(&args.plans);
    let mut plans = Vec::new();
    for (path, name) in args.plans.iter().zip(&names) {
        let plan = load_plan(s, &policy, path)?;
        warn_digests(name, &plan, &inputs, args.lang.into());
        plans.push((name.clone(), plan));
    }
    // one plan, one number: plans made together are called by the number they were given
    // ("Phương án 4", as in the terminal, the file name and the report)
    let lang_: Lang = args.lang.into();
    let numbers: Vec<Option<usize>> = plans.iter().map(|(_, p)| p.number).collect();
    let unique = numbers.iter().flatten().enumerate().all(|(i, n)| !numbers.iter().flatten().take(i).any(|m| m == n));
    if unique {
        for (label, plan) in plans.iter_mut() {
            if let Some(n) = plan.number {
                *label = format!("{} {n}", lang_.pick("Phương án", "Plan"));
            }
        }
    }
    let refs: Vec<(String, &crate::plan::Plan)> = plans.iter().map(|(l, p)| (l.clone(), p)).collect();
    let lang: Lang = args.lang.into();
    for w in provenance_warnings(&crate::plan::io::provenance(&refs), lang) {
        eprintln!("{}", terminal_safe(&w));
    }
    let c = compare(s, &policy, &refs).map_err(cli_error)?;
    let text = render::comparison_text(&c, lang);
    match args.format {
        Format::Text => print!("{}", terminal_safe(&text)),
        Format::Json => print!("{}", render::json("comparison", &c, text, lang)),
    }
    Ok(Outcome::Success)
}
