//! `rotaplan explain` (being written).

use super::Outcome;

/// Arguments of `rotaplan explain`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the subcommand.
pub fn run(_args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("rotaplan explain is not built yet")
}
