//! `rotaplan export` (being written).

use super::Outcome;

/// Arguments of `rotaplan export`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the subcommand.
pub fn run(_args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("rotaplan export is not built yet")
}
