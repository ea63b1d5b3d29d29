//! `rotaplan generate` (being written).

use super::Outcome;

/// Arguments of `rotaplan generate`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the subcommand.
pub fn run(_args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("rotaplan generate is not built yet")
}
