//! The command line: clap arguments → a validated run config → library calls → renderers.
//!
//! Like ripgrep, the binary holds no planning logic. Each subcommand lives in its own file with
//! an `Args` struct and a `run` function returning an [`Outcome`]; `main` maps outcomes and
//! errors to the documented exit codes:
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success: valid input, a plan found, a compliant plan |
//! | 1 | a well-formed "no": infeasible (with its explanation), a plan that violates rules |
//! | 2 | bad input: a file or flag that is malformed or inconsistent (every problem listed) |
//! | 3 | I/O or internal error |
//! | 4 | the time limit passed before any plan was found |

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod check;
pub mod common;
pub mod compare;
pub mod explain;
pub mod export;
pub mod generate;
pub mod report;
pub mod solve;
pub mod validate;

/// What a subcommand ended with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1.
    No,
    /// Exit 2.
    BadInput,
    /// Exit 4.
    NoPlanBeforeLimit,
}

/// Bad input that has already been reported to the user on stderr.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

#[derive(Parser, Debug)]
#[command(
    name = "rotaplan",
    version,
    about = "Plans the placement and rotation of cadres (Hai Phong 09-KL/TU and the like)"
)]
struct Cli {
    /// Liệt kê mọi cảnh báo về dữ liệu (mặc định chỉ đếm) / list every warning about the inputs.
    #[arg(long, short = 'v', global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check a scenario (and a policy) and report every problem at once.
    Validate(validate::Args),
    /// Generate a synthetic scenario on the real administrative structure.
    Generate(generate::Args),
    /// Solve a scenario under a policy and write a placement plan.
    Solve(solve::Args),
    /// Re-check a plan (solver-made or drafted by hand) against every rule, without the solver.
    Check(check::Args),
    /// Explain a plan: a placement, the candidates passed over, an unmet target.
    Explain(explain::Args),
    /// Compare plans side by side.
    Compare(compare::Args),
    /// Write the committee report (one self-contained HTML file).
    Report(report::Args),
    /// Export a plan as CSV files (UTF-8 with BOM).
    Export(export::Args),
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    common::set_verbose(cli.verbose);
    let result = match cli.command {
        Command::Validate(a) => validate::run(a),
        Command::Generate(a) => generate::run(a),
        Command::Solve(a) => solve::run(a),
        Command::Check(a) => check::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Compare(a) => compare::run(a),
        Command::Report(a) => report::run(a),
        Command::Export(a) => export::run(a),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::No) => ExitCode::from(1),
        Ok(Outcome::BadInput) => ExitCode::from(2),
        Ok(Outcome::NoPlanBeforeLimit) => ExitCode::from(4),
        Err(e) => {
            let word = common::lang().pick("lỗi", "error");
            eprintln!("{word}: {e:#}");
            if e.downcast_ref::<BadInput>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(3)
            }
        }
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename, so a failed
/// run never leaves a half-written output.
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    use anyhow::Context;
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create folder {}", dir.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> anyhow::Result<()> {
        let mut f = std::fs::File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
