//! `rotaplan solve` (being written).

use super::Outcome;

/// Arguments of `rotaplan solve`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the subcommand.
pub fn run(_args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("rotaplan solve is not built yet")
}
