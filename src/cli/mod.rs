//! The command line: clap arguments → a validated run config → library calls → renderers.
//!
//! Like ripgrep, the binary holds no planning logic. Each subcommand lives in its own file with
//! an `Args` struct and a `run` function returning an [`Outcome`]; `main` maps outcomes and
//! errors to the documented exit codes:
//!
//! | code | meaning |
//! |---|---|
//! | 0 | success: valid input, a plan found, a compliant plan |
//! | 1 | a well-formed "no": infeasible (with its explanation), a plan that violates rules |
//! | 2 | bad input: a file or flag that is malformed or inconsistent (every problem listed), a path that does not exist, an output that would overwrite an input or is not a regular file |
//! | 3 | I/O or internal error: a file that exists but cannot be read (permission, a folder), a write that failed |
//! | 4 | the time limit passed before any plan was found |

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod check;
pub mod common;
pub mod compare;
pub mod explain;
pub mod export;
pub mod generate;
pub mod report;
pub mod roadmap;
pub mod solve;
pub mod template;
pub mod validate;

/// What a subcommand ended with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Success,
    /// Exit 1.
    No,
    /// Exit 2.
    BadInput,
    /// Exit 4.
    NoPlanBeforeLimit,
}

/// Bad input that has already been reported to the user on stderr.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// clap's help is static text, while the language of every other output is chosen at run
/// time (`--lang`): so the help is bilingual, Vietnamese first (the default language of the
/// tool and of its planners), English after a slash for analysts and integrators; the section
/// headings are Vietnamese.
const HELP_TEMPLATE: &str = "{before-help}{name} {version}\n{about-with-newline}\n\
Cách dùng / usage: {usage}\n\n{all-args}{after-help}";

#[derive(Parser, Debug)]
#[command(
    name = "rotaplan",
    version,
    about = "Lập phương án bố trí, luân chuyển cán bộ (Kết luận 09-KL/TU Hải Phòng và các quy định tương tự) / Plans the placement and rotation of cadres",
    help_template = HELP_TEMPLATE,
    subcommand_help_heading = "Lệnh / commands",
    next_help_heading = "Tùy chọn / options",
    disable_help_subcommand = true
)]
struct Cli {
    /// Liệt kê mọi cảnh báo về dữ liệu (mặc định chỉ đếm) / list every warning about the inputs.
    #[arg(long, short = 'v', global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
#[command(help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn / options")]
enum Command {
    /// Kiểm tra dữ liệu (và tệp quy định), liệt kê mọi lỗi một lần / check a scenario and a policy, every problem at once.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn / options")]
    Validate(validate::Args),
    /// Tạo dữ liệu mẫu trên cơ cấu hành chính thật / generate a synthetic scenario on the real structure.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn / options")]
    Generate(generate::Args),
    /// Lập phương án bố trí nhân sự / solve a scenario and write a placement plan.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn / options")]
    Solve(solve::Args),
    /// Kiểm tra một phương án (kể cả phương án lập thủ công) theo mọi quy định / re-check a plan against every rule.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn / options")]
    Check(check::Args),
    /// Giải thích phương án: một bố trí, người được cân nhắc, chỉ tiêu chưa đạt / explain a placement or an unmet target.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn / options")]
    Explain(explain::Args),
    /// So sánh các phương án / compare plans side by side.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn / options")]
    Compare(compare::Args),
    /// Lập lộ trình theo năm đến hết nhiệm kỳ / plan the term year by year (a roadmap).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn / options")]
    Roadmap(roadmap::Args),
    /// Lập báo cáo trình cấp ủy (một tệp HTML, in khổ A4) / write the committee report (one HTML file).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn / options")]
    Report(report::Args),
    /// Xuất phương án ra tệp CSV hoặc bảng tính đề xuất nhân sự / export a plan as CSV files or a personnel submission workbook.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn / options")]
    Export(export::Args),
    /// Ghi bảng tính danh sách cán bộ mẫu (.xlsx) để điền trong Excel / write the blank roster workbook (.xlsx).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Tùy chọn / options")]
    Template(template::Args),
}

/// When the command started: `--time-limit` counts from here, for every solve of the command.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The clock of this command's solves: the limit counts from the start of the command, and
/// Ctrl-C stops every solve, which then returns its best plan so far.
pub fn command_clock(seconds: f64) -> crate::solve::Clock {
    let start = *STARTED.get_or_init(std::time::Instant::now);
    let clock = crate::solve::Clock::starting_at(start, seconds);
    let on_interrupt = clock.clone();
    // a second Ctrl-C (or a handler already set) falls back to the default behaviour
    let _ = ctrlc::set_handler(move || {
        if on_interrupt.cancelled() {
            std::process::exit(130);
        }
        on_interrupt.cancel();
    });
    clock
}

/// The command line with clap's own `--help` and `--version` worded like the rest of the help.
fn localised_command() -> clap::Command {
    use clap::{Arg, ArgAction, CommandFactory};
    let heading = "Tùy chọn / options";
    Cli::command()
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .global(true)
                .help("Xem hướng dẫn / print help")
                .help_heading(heading),
        )
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("Xem phiên bản / print the version")
                .help_heading(heading),
        )
}

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    let matches = localised_command().try_get_matches();
    let cli = match matches.and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m)) {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            match clap_error_words(&e, lang_of_args(std::env::args())) {
                Some(words) => eprintln!("{words}"),
                None => {
                    let _ = e.print();
                }
            }
            return ExitCode::from(code);
        }
    };
    common::set_verbose(cli.verbose);
    let result = match cli.command {
        Command::Validate(a) => validate::run(a),
        Command::Generate(a) => generate::run(a),
        Command::Solve(a) => solve::run(a),
        Command::Check(a) => check::run(a),
        Command::Explain(a) => explain::run(a),
        Command::Compare(a) => compare::run(a),
        Command::Roadmap(a) => roadmap::run(a),
        Command::Report(a) => report::run(a),
        Command::Export(a) => export::run(a),
        Command::Template(a) => template::run(a),
    };
    match result {
        Ok(Outcome::Success) => ExitCode::SUCCESS,
        Ok(Outcome::No) => ExitCode::from(1),
        Ok(Outcome::BadInput) => ExitCode::from(2),
        Ok(Outcome::NoPlanBeforeLimit) => ExitCode::from(4),
        Err(e) => {
            let word = common::lang().pick("lỗi", "error");
            eprintln!("{word}: {}", common::terminal_safe(&format!("{e:#}")));
            if e.downcast_ref::<BadInput>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(3)
            }
        }
    }
}

/// The language a command line asks for, before it is parsed: `--lang en` (or `--lang=en`)
/// anywhere, else Vietnamese.
fn lang_of_args(args: impl Iterator<Item = String>) -> crate::explain::Lang {
    let args: Vec<String> = args.collect();
    let en = args
        .iter()
        .enumerate()
        .any(|(i, a)| a == "--lang=en" || (a == "--lang" && args.get(i + 1).is_some_and(|v| v == "en")));
    if en {
        crate::explain::Lang::En
    } else {
        crate::explain::Lang::Vi
    }
}

/// clap's refusal of a command line (a missing argument, an unknown flag, a value that does
/// not parse) in Vietnamese, with the usage line; `None` for help and version (printed as clap
/// writes them, already bilingual) and in English (clap's own words).
fn clap_error_words(e: &clap::Error, lang: crate::explain::Lang) -> Option<String> {
    use clap::error::{ContextKind as C, ContextValue as V, ErrorKind as K};
    if lang == crate::explain::Lang::En || !e.use_stderr() {
        return None;
    }
    let text = |k: C| match e.get(k) {
        Some(V::String(s)) => Some(s.clone()),
        Some(V::Strings(v)) => Some(v.join(", ")),
        Some(V::StyledStr(s)) => Some(s.to_string()),
        Some(V::StyledStrs(v)) => Some(v.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ")),
        Some(V::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let arg = text(C::InvalidArg).unwrap_or_default();
    let value = text(C::InvalidValue).unwrap_or_default();
    let mut out = match e.kind() {
        K::MissingRequiredArgument => format!("thiếu tham số bắt buộc: {arg}"),
        K::TooFewValues => format!(
            "'{arg}' cần ít nhất {} giá trị, mới có {}",
            text(C::MinValues).unwrap_or_default(),
            text(C::ActualNumValues).unwrap_or_default()
        ),
        K::WrongNumberOfValues => format!(
            "'{arg}' cần {} giá trị, mới có {}",
            text(C::ExpectedNumValues).unwrap_or_default(),
            text(C::ActualNumValues).unwrap_or_default()
        ),
        K::TooManyValues => format!("'{arg}' không nhận thêm giá trị '{value}'"),
        K::UnknownArgument => format!("không có tham số '{arg}'"),
        K::InvalidSubcommand => format!("không có lệnh '{}'", text(C::InvalidSubcommand).unwrap_or_default()),
        K::InvalidValue if value.is_empty() => format!("'{arg}' cần một giá trị"),
        K::InvalidValue => format!("'{value}' không phải giá trị hợp lệ của '{arg}'"),
        K::ValueValidation => format!("giá trị '{value}' của '{arg}' không hợp lệ"),
        K::ArgumentConflict => match text(C::PriorArg) {
            Some(prior) if prior != arg => format!("'{arg}' không dùng cùng '{prior}'"),
            _ => format!("'{arg}' chỉ được dùng một lần"),
        },
        K::NoEquals => format!("'{arg}' cần dấu '=' trước giá trị"),
        K::InvalidUtf8 => "tham số có ký tự không đọc được theo UTF-8".to_string(),
        _ => "dòng lệnh không hợp lệ".to_string(),
    };
    if let Some(valid) = text(C::ValidValue) {
        out.push_str(&format!("; các giá trị hợp lệ: {valid}"));
    }
    let suggested = [C::SuggestedArg, C::SuggestedSubcommand, C::SuggestedValue].into_iter().find_map(text);
    if let Some(s) = suggested {
        out.push_str(&format!(" (có phải là '{s}'?)"));
    }
    let mut words = format!("lỗi: {out}");
    if let Some(usage) = text(C::Usage) {
        let usage = usage.trim().strip_prefix("Usage:").unwrap_or(usage.trim()).trim().to_string();
        words.push_str(&format!("\n\nCách dùng: {usage}\n\nXem hướng dẫn: --help"));
    }
    Some(words)
}

/// Writes `bytes` to `path` atomically (see [`crate::plan::io::write_atomically`]).
pub fn write_atomically(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::plan::io::write_atomically(path, bytes).map_err(common::plan_io_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refusal(args: &[&str]) -> String {
        let e = localised_command().try_get_matches_from(args).expect_err("refused");
        clap_error_words(&e, lang_of_args(args.iter().map(|a| a.to_string()))).unwrap_or_else(|| e.to_string())
    }

    #[test]
    fn clap_refusals_are_worded_in_vietnamese_unless_english_is_asked() {
        let one_plan = refusal(&["rotaplan", "compare", "a.json", "--scenario", "s.json"]);
        assert!(one_plan.starts_with("lỗi: '<PLANS> <PLANS>...' cần ít nhất 2 giá trị, mới có 1"), "{one_plan}");
        assert!(one_plan.contains("Cách dùng: rotaplan compare"), "{one_plan}");
        assert!(!one_plan.contains("required") && !one_plan.contains("Usage"), "{one_plan}");
        let missing = refusal(&["rotaplan", "explain", "p.json", "--scenario", "s.json"]);
        assert!(missing.starts_with("lỗi: thiếu tham số bắt buộc: <--cadre"), "{missing}");
        let unknown = refusal(&["rotaplan", "solve", "s.json", "--outt", "p.json"]);
        assert!(unknown.contains("không có tham số '--outt' (có phải là '--out'?)"), "{unknown}");
        let bad = refusal(&["rotaplan", "explain", "p.json", "--scenario", "s", "--post", "P", "--top", "x"]);
        assert!(bad.contains("giá trị 'x' của '--top <TOP>' không hợp lệ"), "{bad}");
        let value = refusal(&["rotaplan", "solve", "s.json", "--format", "xml"]);
        assert!(value.contains("'xml' không phải giá trị hợp lệ") && value.contains("text, json"), "{value}");
        let english = refusal(&["rotaplan", "compare", "a.json", "--scenario", "s.json", "--lang", "en"]);
        assert!(english.contains("values required"), "{english}");
    }
}
