//! `rotaplan validate`: checks a scenario (and a policy) and lists every problem at once.
//!
//! This is the command a planner runs after editing a roster: it prints each diagnostic with
//! the file, line and column (or CSV row and column) to fix, errors first, and a one-line count
//! on stderr. It writes nothing. Exit code 0 when there are no errors (warnings allowed), 2 when
//! there are.

use std::io::Write;
use std::path::PathBuf;

use super::Outcome;
use crate::model::diag::{Diagnostic, Severity};
use crate::model::load::load_inputs;

/// How diagnostics are printed.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Mỗi vấn đề một dòng / one line per problem.
    #[default]
    Text,
    /// Mảng JSON (giữ nguyên mã và câu tiếng Anh) / a JSON array.
    Json,
}

/// Arguments of `rotaplan validate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Dữ liệu: tệp JSON, hoặc thư mục có scenario.json hay các tệp CSV / the scenario.
    pub scenario: PathBuf,
    /// Tệp quy định (TOML) cần kiểm tra cùng / a policy model to check as well.
    #[arg(long, value_name = "POLICY.toml")]
    pub model: Option<PathBuf>,
    /// Định dạng kết quả / output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Ngôn ngữ / language (the JSON keeps the English message and the code).
    #[arg(long, value_enum, default_value_t = super::common::LangArg::Vi)]
    pub lang: super::common::LangArg,
}

/// Runs the subcommand.
pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let diags = match load_inputs(&args.scenario, args.model.as_deref()) {
        Ok(inputs) => inputs.warnings,
        Err(diags) => diags,
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let lang: crate::explain::Lang = args.lang.into();
    out.write_all(render_in(&diags, args.format, lang)?.as_bytes())?;
    out.flush()?;
    eprintln!("{}", summary_in(&diags, lang));
    if diags.iter().any(super::common::is_io_failure) {
        // A file that exists but cannot be read is the machine, not the input (exit 3).
        return Err(anyhow::anyhow!(
            lang.pick("có tệp không đọc được (xem ở trên)", "a file could not be read (see above)")
        ));
    }
    let errors = diags.iter().any(Diagnostic::is_error);
    Ok(if errors { Outcome::BadInput } else { Outcome::Success })
}

/// Renders diagnostics in English: text lists errors first, then warnings, each in file order.
pub fn render(diags: &[Diagnostic], format: Format) -> anyhow::Result<String> {
    render_in(diags, format, crate::explain::Lang::En)
}

/// Renders diagnostics in a language (JSON keeps the codes and the English message).
pub fn render_in(diags: &[Diagnostic], format: Format, lang: crate::explain::Lang) -> anyhow::Result<String> {
    let dl = match lang {
        crate::explain::Lang::Vi => crate::model::diag::DiagLang::Vi,
        crate::explain::Lang::En => crate::model::diag::DiagLang::En,
    };
    let mut ordered: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    ordered.extend(diags.iter().filter(|d| !d.is_error()));
    Ok(match format {
        Format::Text => ordered.iter().map(|d| format!("{}\n", super::common::terminal_safe(&d.render(dl)))).collect(),
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&ordered)?),
    })
}

/// "2 lỗi, 1 cảnh báo", or "không phát hiện vấn đề nào" (English: [`summary`]).
pub fn summary_in(diags: &[Diagnostic], lang: crate::explain::Lang) -> String {
    if lang == crate::explain::Lang::En {
        return summary(diags);
    }
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diags.len() - errors;
    if errors == 0 && warnings == 0 {
        return "không phát hiện vấn đề nào".into();
    }
    format!("{errors} lỗi, {warnings} cảnh báo")
}

/// "2 errors, 1 warning", or "no problems found".
pub fn summary(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.severity == Severity::Error).count();
    let warnings = diags.len() - errors;
    if errors == 0 && warnings == 0 {
        return "no problems found".into();
    }
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("1 {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diag::Location;

    #[test]
    fn summary_counts() {
        let e = Diagnostic::error("x", Location::default(), "m");
        let w = Diagnostic::warning("y", Location::default(), "m");
        assert_eq!(summary(&[]), "no problems found");
        assert_eq!(summary(&[e.clone(), e.clone(), w.clone()]), "2 errors, 1 warning");
        assert_eq!(summary(&[w.clone(), w]), "0 errors, 2 warnings");
        let text = render(&[Diagnostic::warning("y", Location::default(), "w"), e], Format::Text).unwrap();
        assert!(text.starts_with("error[x]"), "{text}");
    }
}
