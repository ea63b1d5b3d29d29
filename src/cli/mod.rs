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
//! | 2 | bad input: a file or flag that is malformed or inconsistent (every problem listed), a path that does not exist, an output that would overwrite an input or is not a regular file |
//! | 3 | I/O or internal error: a file that exists but cannot be read (permission, a folder), a write that failed |
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
pub mod template;
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
    /// Export a plan as CSV files (UTF-8 with BOM) or as a personnel submission workbook.
    Export(export::Args),
    /// Write the blank roster workbook (.xlsx) to fill in Excel.
    Template(template::Args),
}

/// When the command started: `--time-limit` counts from here, for every solve of the command.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The clock of this command's solves: the limit counts from the start of the command, and
/// Ctrl-C stops every solve, which then returns its best plan so far.
pub fn command_clock(seconds: f64) -> crate::solve::Clock {
    let start = *STARTED.get_or_init(std::time::Instant::now);
    let clock = crate::solve::Clock::starting_at(start, seconds);
    let on_interrupt = clock.clone();
    // a second Ctrl-C (or a handler already set) falls back to the default behaviour
    let _ = ctrlc::set_handler(move || {
        if on_interrupt.cancelled() {
            std::process::exit(130);
        }
        on_interrupt.cancel();
    });
    clock
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Validate(a) => validate::run(a),
        Command::Generate(a) => generate::run(a),
        Command::Solve(a) => solve::run(a),
        Command::Check(a) => check::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Compare(a) => compare::run(a),
        Command::Report(a) => report::run(a),
        Command::Export(a) => export::run(a),
        Command::Template(a) => template::run(a),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::No) => ExitCode::from(1),
        Ok(Outcome::BadInput) => ExitCode::from(2),
        Ok(Outcome::NoPlanBeforeLimit) => ExitCode::from(4),
        Err(e) => {
            eprintln!("error: {}", common::terminal_safe(&format!("{e:#}")));
            if e.downcast_ref::<BadInput>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(3)
            }
        }
    }
}

/// Writes `bytes` to `path` atomically (see [`crate::plan::io::write_atomically`]).
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::plan::io::write_atomically(path, bytes).map_err(common::plan_io_error)
}
