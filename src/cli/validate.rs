//! `rotaplan validate`: checks a scenario (and a policy) and lists every problem at once.
//!
//! This is the command a planner runs after editing a roster: it prints each diagnostic with
//! the file, line and column (or CSV row and column) to fix, errors first, and a one-line count
//! on stderr. It writes nothing. Exit code 0 when there are no errors (warnings allowed), 2 when
//! there are.

use std::io::Write;
use std::path::PathBuf;

use super::Outcome;
use crate::model::diag::{Diagnostic, Severity};
use crate::model::load::load_inputs;

/// How diagnostics are printed.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// One line per diagnostic.
    #[default]
    Text,
    /// A JSON array of diagnostics.
    Json,
}

/// Arguments of `rotaplan validate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The scenario: a JSON file, or a folder with `scenario.json` or the CSV files.
    pub scenario: PathBuf,
    /// A policy model (TOML) to check as well, and against the scenario.
    #[arg(long, value_name = "POLICY.toml")]
    pub model: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let diags = match load_inputs(&args.scenario, args.model.as_deref()) {
        Ok(inputs) => inputs.warnings,
        Err(diags) => diags,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    out.write_all(render(&diags, args.format)?.as_bytes())?;
    out.flush()?;
    eprintln!("{}", summary(&diags));
    if diags.iter().any(super::common::is_io_failure) {
        // A file that exists but cannot be read is the machine, not the input (exit 3).
        return Err(anyhow::anyhow!("a file could not be read (see above)"));
    }
    let errors = diags.iter().any(Diagnostic::is_error);
    Ok(if errors { Outcome::BadInput } else { Outcome::Success })
}

/// Renders diagnostics: text lists errors first, then warnings, each in file order.
pub fn render(diags: &[Diagnostic], format: Format) -> anyhow::Result<String> {
    let mut ordered: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    ordered.extend(diags.iter().filter(|d| !d.is_error()));
    Ok(match format {
        Format::Text => ordered.iter().map(|d| format!("{}\n", super::common::terminal_safe(&d.to_string()))).collect(),
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&ordered)?),
    })
}

/// "2 errors, 1 warning", or "no problems found".
pub fn summary(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diags.len() - errors;
    if errors == 0 && warnings == 0 {
        return "no problems found".into();
    }
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diag::Location;

    #[test]
    fn summary_counts() {
        let e = Diagnostic::error("x", Location::default(), "m");
        let w = Diagnostic::warning("y", Location::default(), "m");
        assert_eq!(summary(&[]), "no problems found");
        assert_eq!(summary(&[e.clone(), e.clone(), w.clone()]), "2 errors, 1 warning");
        assert_eq!(summary(&[w.clone(), w]), "0 errors, 2 warnings");
        let text = render(&[Diagnostic::warning("y", Location::default(), "w"), e], Format::Text).unwrap();
        assert!(text.starts_with("error[x]"), "{text}");
    }
}
