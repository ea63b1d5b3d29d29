//! `rotaplan report` (being written).

use super::Outcome;

/// Arguments of `rotaplan report`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the subcommand.
pub fn run(_args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("rotaplan report is not built yet")
}
