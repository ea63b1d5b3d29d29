//! `rotaplan template`: writes the blank roster workbook a planner fills in Excel — every sheet
//! with its Vietnamese headers and one example row, drop-down lists on the coded columns, and a
//! sheet explaining each column ([`crate::model::xlsx::write_workbook`]).

use std::path::PathBuf;

use super::{write_atomically, BadInput, Outcome};
use crate::model::xlsx::{example_scenario, is_xlsx, write_workbook};

/// Arguments of `rotaplan template`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Bảng tính sẽ ghi (.xlsx) / the workbook to write.
    #[arg(long)]
    pub out: PathBuf,
}

/// Runs `rotaplan template`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if !is_xlsx(&args.out) {
        return Err(BadInput(format!(
            "--out {}: mẫu là bảng tính Excel, hãy đặt tên có đuôi .xlsx / the template is an Excel workbook; name it *.xlsx",
            args.out.display()
        ))
        .into());
    }
    let bytes = write_workbook(&example_scenario())
        .map_err(|e| anyhow::anyhow!("không tạo được bảng tính / cannot make the workbook: {e}"))?;
    write_atomically(&args.out, &bytes)?;
    eprintln!("đã ghi {}", args.out.display());
    Ok(Outcome::Success)
}
