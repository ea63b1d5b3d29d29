//! `rotaplan compare` (being written).

use super::Outcome;

/// Arguments of `rotaplan compare`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the subcommand.
pub fn run(_args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("rotaplan compare is not built yet")
}
