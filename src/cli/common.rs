//! Shared CLI glue: loading inputs with diagnostics on stderr, output format and language
//! flags.

use std::path::{Path, PathBuf};

use crate::explain::Lang;
use crate::model::load::{load_inputs, Inputs};
use crate::model::Policy;

use super::BadInput;

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// Human-readable text.
    #[default]
    Text,
    /// JSON.
    Json,
}

/// Language flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum LangArg {
    /// Vietnamese.
    #[default]
    Vi,
    /// English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

/// Loads a scenario and a policy; on any error prints every diagnostic to stderr and returns
/// a [`BadInput`] error (exit code 2). Warnings are printed and do not fail.
pub fn load(scenario: &Path, model: &Path) -> anyhow::Result<(Inputs, Policy)> {
    match load_inputs(scenario, Some(model)) {
        Ok(mut inputs) => {
            for w in &inputs.warnings {
                if std::env::var_os("ROTAPLAN_QUIET_WARNINGS").is_none() && inputs.warnings.len() <= 20 {
                    eprintln!("{w}");
                }
            }
            if inputs.warnings.len() > 20 {
                eprintln!("{} warnings (run `rotaplan validate` to list them)", inputs.warnings.len());
            }
            let policy = inputs.policy.take().ok_or_else(|| BadInput("no policy loaded".into()))?;
            Ok((inputs, policy))
        }
        Err(diags) => {
            let errors = diags.iter().filter(|d| d.is_error()).count();
            for d in &diags {
                eprintln!("{d}");
            }
            Err(BadInput(format!("{errors} error(s) in the input; nothing was written")).into())
        }
    }
}

/// The default policy path shipped with the project, when `--model` is not given.
pub fn default_model() -> PathBuf {
    PathBuf::from("models/haiphong-09-kl-tu.toml")
}
