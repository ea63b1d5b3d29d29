//! `rotaplan validate` (being written).

use super::Outcome;

/// Arguments of `rotaplan validate`.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Runs the subcommand.
pub fn run(_args: Args) -> anyhow::Result<Outcome> {
    anyhow::bail!("rotaplan validate is not built yet")
}
