//! Shared CLI glue: loading inputs with diagnostics on stderr, output format and language
//! flags.

use std::path::{Path, PathBuf};

use crate::explain::Lang;
use crate::model::diag::Diagnostic;
use crate::model::load::{load_inputs_from, Inputs, PolicySource};
use crate::model::policy::Milestone;
use crate::model::Policy;
use crate::plan::io::{OutputGuard, PlanIoError, Provenance};

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

/// Loads a scenario and a policy (`--model`, else the policy built into the binary); on any
/// error prints every diagnostic to stderr and returns a [`BadInput`] error (exit code 2), or a
/// plain error (exit code 3) when a file exists but cannot be read. Warnings do not fail:
/// quiet by default, they are counted on one line (`--verbose` lists them, as `rotaplan
/// validate` does).
pub fn load(scenario: &Path, model: Option<&Path>) -> anyhow::Result<(Inputs, Policy)> {
    let l = lang();
    let source = match model {
        Some(path) => PolicySource::File(path),
        None => PolicySource::BuiltIn,
    };
    match load_inputs_from(scenario, Some(source)) {
        Ok(mut inputs) => {
            let n = inputs.warnings.len();
            if VERBOSE.load(std::sync::atomic::Ordering::Relaxed) {
                for w in &inputs.warnings {
                    eprintln!("{}", terminal_safe(&w.render(diag_lang())));
                }
            } else if n > 0 && std::env::var_os("ROTAPLAN_QUIET_WARNINGS").is_none() {
                // one line, saying what kinds of facts they are: "10 chức vụ chủ chốt đang trống"
                let mut kinds: std::collections::BTreeMap<&str, usize> = Default::default();
                for w in &inputs.warnings {
                    *kinds.entry(w.code).or_default() += 1;
                }
                let kinds: Vec<String> = kinds
                    .iter()
                    .map(|(code, k)| match l {
                        Lang::Vi => {
                            let what = crate::model::diag::vi_sentence(code).unwrap_or(code);
                            format!("{k} {}", what.split(" (").next().unwrap_or(what))
                        }
                        Lang::En => format!("{k} {code}"),
                    })
                    .collect();
                let kinds = kinds.join("; ");
                match l {
                    Lang::Vi => eprintln!(
                        "Dữ liệu có {n} cảnh báo ({kinds}), không ảnh hưởng đến việc lập phương án (thêm --verbose hoặc chạy `rotaplan validate` để xem)."
                    ),
                    Lang::En => eprintln!(
                        "The inputs have {n} warning(s) ({kinds}) that do not stop planning (add --verbose, or run `rotaplan validate`, to list them)."
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
                eprintln!("{}", terminal_safe(&d.render(diag_lang())));
            }
            let message = match l {
                Lang::Vi => format!("dữ liệu vào có {errors} lỗi; chưa ghi tệp nào"),
                Lang::En => format!("{errors} error(s) in the input; nothing was written"),
            };
            if diags.iter().any(is_io_failure) {
                Err(anyhow::anyhow!(message))
            } else {
                Err(BadInput(message).into())
            }
        }
    }
}

/// Whether a diagnostic is the machine failing (a file that exists but cannot be read: exit 3)
/// rather than the input being wrong (exit 2).
pub fn is_io_failure(d: &Diagnostic) -> bool {
    d.is_error() && d.code == "io-error"
}

/// Maps a plan-file error to the CLI's: bad input (exit 2) or an I/O failure (exit 3).
pub fn plan_io_error(e: PlanIoError) -> anyhow::Error {
    let words = crate::explain::words::plan_io_error(&e, lang());
    if e.is_bad_input() {
        BadInput(words).into()
    } else {
        anyhow::anyhow!(words)
    }
}

/// A milestone named on the command line, checked against the policy (exit 2 with the
/// policy's milestones when unknown).
pub fn milestone_arg(policy: &Policy, name: &str) -> anyhow::Result<Milestone> {
    policy
        .milestone_named(name)
        .map_err(|e| BadInput(format!("--milestone: {}", crate::explain::words::unknown_milestone(&e, lang()))).into())
}

/// Checks where an output goes (see [`OutputGuard::output`]) and says on stderr when it is a
/// symbolic link written through. Returns the path to write.
pub fn output_path(guard: &OutputGuard, out: &Path, lang: Lang) -> anyhow::Result<PathBuf> {
    let target = guard.output(out).map_err(plan_io_error)?;
    if let Some(link) = &target.via_link {
        eprintln!(
            "{}",
            terminal_safe(&format!(
                "{} {} {} {}",
                link.display(),
                lang.pick("là liên kết tượng trưng: ghi vào tệp đích", "is a symbolic link: writing through to"),
                target.path.display(),
                lang.pick("(giữ nguyên liên kết)", "(the link is kept)")
            ))
        );
    }
    Ok(target.path)
}

/// Warnings when a plan was made for other inputs than those given (sha256 differs).
pub fn digest_warnings(label: &str, plan: &crate::plan::Plan, inputs: &Inputs, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    if !plan.scenario.sha256.is_empty() && plan.scenario.sha256 != inputs.scenario_digest {
        out.push(format!(
            "{} {label} {}",
            lang.pick("cảnh báo:", "warning:"),
            lang.pick(
                "được lập cho một phiên bản khác của kịch bản (sha256 khác); kết quả dùng kịch bản được đưa vào",
                "was made for another version of the scenario (sha256 differs); the output uses the scenario given"
            )
        ));
    }
    if let Some(d) = &inputs.policy_digest {
        if !plan.policy.sha256.is_empty() && &plan.policy.sha256 != d {
            out.push(format!(
                "{} {label} {}",
                lang.pick("cảnh báo:", "warning:"),
                lang.pick(
                    "được lập theo một phiên bản khác của chính sách (sha256 khác); bảng chỉ tiêu trong phương án là bảng lúc lập",
                    "was made under another version of the policy (sha256 differs); its target table is the one it was made with"
                )
            ));
        }
    }
    out
}

/// Text as it is safe to print to a terminal: control characters (escape sequences that
/// recolour, move the cursor or retitle the window, carriage returns, C1 controls) and
/// bidirectional overrides in data such as names are removed; newlines and tabs stay.
pub fn terminal_safe(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\u{1b}' => match chars.peek() {
                // CSI: ESC [ parameters… final byte (0x40..=0x7E)
                Some('[') => {
                    chars.next();
                    for d in chars.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&d) {
                            break;
                        }
                    }
                }
                // OSC, DCS, …: up to BEL or ESC \\
                Some(']' | 'P' | '^' | '_' | 'X') => {
                    chars.next();
                    while let Some(d) = chars.next() {
                        if d == '\u{7}' {
                            break;
                        }
                        if d == '\u{1b}' {
                            if chars.peek() == Some(&'\\') {
                                chars.next();
                            }
                            break;
                        }
                    }
                }
                Some(_) => {
                    chars.next();
                }
                None => {}
            },
            c if c.is_control() => {}
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Words of the warnings about plans given together, in both languages.
pub fn provenance_warnings(p: &Provenance, lang: Lang) -> Vec<String> {
    let list = |groups: &[(String, Vec<String>)], what: (&str, &str)| {
        groups
            .iter()
            .map(|(id, labels)| format!("{} {id}…: {}", lang.pick(what.0, what.1), labels.join(", ")))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let mut out = Vec::new();
    if !p.runs.is_empty() {
        out.push(format!(
            "{}: {}",
            lang.pick(
                "cảnh báo: các phương án không cùng một lần chạy (có thể lẫn phương án cũ của lần chạy trước)",
                "warning: the plans come from different runs (old plans of an earlier run may be mixed in)"
            ),
            list(&p.runs, ("lần chạy", "run"))
        ));
    }
    if !p.scenarios.is_empty() {
        out.push(format!(
            "{}: {}",
            lang.pick(
                "cảnh báo: các phương án được lập cho những kịch bản khác nhau",
                "warning: the plans were made for different scenarios"
            ),
            list(&p.scenarios, ("kịch bản sha256", "scenario sha256"))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_safe_strips_escape_sequences_and_controls() {
        assert_eq!(terminal_safe("Nguyễn \u{1b}[31mLan\u{1b}[0m"), "Nguyễn Lan");
        assert_eq!(terminal_safe("a\u{1b}]0;title\u{7}b"), "ab");
        assert_eq!(terminal_safe("a\u{1b}]8;;http://x\u{1b}\\b"), "ab");
        assert_eq!(terminal_safe("x\ry\u{8}z\u{9b}1m\u{202e}w"), "xyz1mw");
        assert_eq!(terminal_safe("dòng 1\n\tdòng 2"), "dòng 1\n\tdòng 2");
    }
}
