//! `rotaplan template`: writes the blank roster workbook a planner fills in Excel — every sheet
//! with its Vietnamese headers and one example row, drop-down lists on the coded columns, and a
//! sheet explaining each column ([`crate::model::xlsx::write_workbook`]).

use std::path::PathBuf;

use super::common::LangArg;
use super::{write_atomically, BadInput, Outcome};
use crate::explain::Lang;
use crate::model::xlsx::{example_scenario, is_xlsx, write_workbook};

/// Arguments of `rotaplan template`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Bảng tính sẽ ghi (.xlsx) / the workbook to write.
    #[arg(long)]
    pub out: PathBuf,
    /// Ngôn ngữ của thông báo / language of the messages.
    #[arg(long, value_enum, default_value_t = LangArg::Vi)]
    pub lang: LangArg,
}

/// Runs `rotaplan template`.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    super::common::set_lang(args.lang.into());
    let lang: Lang = args.lang.into();
    if !is_xlsx(&args.out) {
        return Err(BadInput(format!(
            "--out {}: {}",
            args.out.display(),
            lang.pick(
                "mẫu là bảng tính Excel, hãy đặt tên có đuôi .xlsx",
                "the template is an Excel workbook; name it *.xlsx"
            )
        ))
        .into());
    }
    let bytes = write_workbook(&example_scenario())
        .map_err(|e| anyhow::anyhow!("{}: {e}", lang.pick("không tạo được bảng tính", "cannot make the workbook")))?;
    write_atomically(&args.out, &bytes)?;
    eprintln!("{} {}", lang.pick("đã ghi", "written:"), args.out.display());
    Ok(Outcome::Success)
}
