//! Shared CLI glue: loading inputs with diagnostics on stderr, output format and language
//! flags.

use std::path::{Path, PathBuf};

use crate::explain::Lang;
use crate::model::load::{load_inputs, Inputs};
use crate::model::Policy;

use super::BadInput;

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum Format {
    /// Văn bản để đọc / human-readable text.
    #[default]
    Text,
    /// JSON (giữ nguyên các mã / keeps the codes).
    Json,
}

/// Language flag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, Default)]
pub enum LangArg {
    /// Tiếng Việt / Vietnamese.
    #[default]
    Vi,
    /// Tiếng Anh / English.
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

static VERBOSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
static ENGLISH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// `--verbose`: list every warning about the inputs instead of counting them.
pub fn set_verbose(on: bool) {
    VERBOSE.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// The language of the messages printed on stderr (warnings, errors, progress): each command
/// sets it from its `--lang` before loading its inputs.
pub fn set_lang(lang: Lang) {
    ENGLISH.store(lang == Lang::En, std::sync::atomic::Ordering::Relaxed);
}

/// Whether `--verbose` was given.
pub fn verbose() -> bool {
    VERBOSE.load(std::sync::atomic::Ordering::Relaxed)
}

/// The language set by [`set_lang`] (Vietnamese unless a command asked for English).
pub fn lang() -> Lang {
    if ENGLISH.load(std::sync::atomic::Ordering::Relaxed) {
        Lang::En
    } else {
        Lang::Vi
    }
}

fn diag_lang() -> crate::model::diag::DiagLang {
    match lang() {
        Lang::Vi => crate::model::diag::DiagLang::Vi,
        Lang::En => crate::model::diag::DiagLang::En,
    }
}

/// Loads a scenario and a policy; on any error prints every diagnostic to stderr and returns
/// a [`BadInput`] error (exit code 2). Warnings do not fail: quiet by default, they are
/// counted on one line (`--verbose` lists them, as `rotaplan validate` does).
pub fn load(scenario: &Path, model: &Path) -> anyhow::Result<(Inputs, Policy)> {
    let l = lang();
    match load_inputs(scenario, Some(model)) {
        Ok(mut inputs) => {
            let n = inputs.warnings.len();
            if VERBOSE.load(std::sync::atomic::Ordering::Relaxed) {
                for w in &inputs.warnings {
                    eprintln!("{}", w.render(diag_lang()));
                }
            } else if n > 0 && std::env::var_os("ROTAPLAN_QUIET_WARNINGS").is_none() {
                match l {
                    Lang::Vi => eprintln!(
                        "Dữ liệu có {n} cảnh báo, không ảnh hưởng đến việc lập phương án (thêm --verbose hoặc chạy `rotaplan validate` để xem)."
                    ),
                    Lang::En => eprintln!(
                        "The inputs have {n} warning(s) that do not stop planning (add --verbose, or run `rotaplan validate`, to list them)."
                    ),
                }
            }
            let policy = inputs
                .policy
                .take()
                .ok_or_else(|| BadInput(l.pick("chưa đọc được tệp quy định", "no policy loaded").into()))?;
            Ok((inputs, policy))
        }
        Err(diags) => {
            let errors = diags.iter().filter(|d| d.is_error()).count();
            for d in &diags {
                eprintln!("{}", d.render(diag_lang()));
            }
            Err(BadInput(match l {
                Lang::Vi => format!("dữ liệu vào có {errors} lỗi; chưa ghi tệp nào"),
                Lang::En => format!("{errors} error(s) in the input; nothing was written"),
            })
            .into())
        }
    }
}

/// The default policy path shipped with the project, when `--model` is not given.
pub fn default_model() -> PathBuf {
    PathBuf::from("models/haiphong-09-kl-tu.toml")
}
