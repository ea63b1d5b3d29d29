//! `rotaplan check` (being written).

use super::Outcome;

/// Arguments of `rotaplan check`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the subcommand.
pub fn run(_args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("rotaplan check is not built yet")
}
