//! Progress lines for long runs (a Hai Phong solve takes up to a minute).
//!
//! A planner running `rotaplan solve` in a terminal should see that something is happening;
//! a script, a CI job or a test capturing stderr should get quiet, stable output. So progress
//! goes to stderr only when stderr is a terminal ([`std::io::IsTerminal`]), one line per
//! message with the seconds since the first message, and never to stdout (which may carry
//! JSON). A solve draws a bar ([`SolveBar`], indicatif) fed by the solve layer's progress
//! events ([`crate::solve::progress`]): the library sends, only this module draws.

use std::io::{IsTerminal, Write};
use std::sync::OnceLock;
use std::time::Instant;

static START: OnceLock<Instant> = OnceLock::new();

/// Whether progress lines are shown (stderr is a terminal).
pub fn enabled() -> bool {
    std::io::stderr().is_terminal()
}

/// Shows a progress line on stderr when it is a terminal; does nothing otherwise.
pub fn progress(msg: &str) {
    let start = *START.get_or_init(Instant::now);
    if enabled() {
        let mut err = std::io::stderr().lock();
        let _ = write_line(&mut err, start.elapsed().as_secs_f64(), msg);
    }
}

/// Writes one progress line: `[  12.3 s] msg`.
fn write_line(w: &mut dyn Write, seconds: f64, msg: &str) -> std::io::Result<()> {
    writeln!(w, "[{seconds:>6.1} s] {msg}")?;
    w.flush()
}

/// The name of a solve stage in words.
pub fn stage_words(name: &str, lang: crate::explain::Lang) -> String {
    let vi = match name {
        "held" => "giữ nguyên người chưa đủ thời gian luân chuyển tối thiểu",
        "targets" => "đạt các chỉ tiêu",
        "closeness" => "giữ gần phương án trước",
        "ahead" => "đạt trước chỉ tiêu của mốc sau",
        "disruption" => "ít xáo trộn nhất (ít điều động nhất)",
        "suitability" => "chọn người phù hợp nhất",
        "balance" => "cân đối điểm phù hợp với số lượt điều động",
        "status_quo" => "giữ nguyên hiện trạng trong phạm vi quy định",
        "feasibility" => "tìm một phương án hợp lệ",
        "violation" => "tìm quy định phải nới lỏng",
        _ => "tối ưu",
    };
    match lang {
        crate::explain::Lang::Vi => vi.to_string(),
        crate::explain::Lang::En => name.to_string(),
    }
}

/// A progress bar on stderr while a solve runs (only on a terminal): the stage, and during
/// regional re-plans the regions done, with the elapsed time and an estimate of the time left
/// ([`indicatif`]). It listens to [`crate::solve::progress`]; dropping it removes the bar.
pub struct SolveBar {
    bar: Option<indicatif::ProgressBar>,
}

impl SolveBar {
    /// Starts the bar (a no-op when stderr is not a terminal).
    pub fn start(what: &str, lang: crate::explain::Lang) -> SolveBar {
        use crate::solve::progress::{set_listener, Progress};
        use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
        if !enabled() {
            return SolveBar { bar: None };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        let spinner = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        let (elapsed, left) = match lang {
            crate::explain::Lang::Vi => ("đã qua", "còn khoảng"),
            crate::explain::Lang::En => ("elapsed", "about"),
        };
        let counted = ProgressStyle::with_template(&format!(
            "[{elapsed} {{elapsed_precise}}] {{bar:30}} {{pos}}/{{len}} {{msg}} ({left} {{eta}})"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar());
        bar.set_style(spinner);
        bar.set_message(what.to_string());
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        let b = bar.clone();
        let what = what.to_string();
        set_listener(Some(std::sync::Arc::new(move |e: &Progress| match e {
            Progress::Stage { index, total, name } if b.length().is_none() => {
                let stage = match lang {
                    crate::explain::Lang::Vi => "giai đoạn",
                    crate::explain::Lang::En => "stage",
                };
                b.set_message(format!("{what}: {stage} {}/{total}, {}", index + 1, stage_words(name, lang)));
            }
            Progress::Regions { done, total, region } => {
                if b.length().is_none() {
                    b.set_style(counted.clone());
                    b.set_length(*total as u64);
                    b.reset_eta();
                }
                b.set_position(*done as u64);
                let text = match lang {
                    crate::explain::Lang::Vi => format!("vùng lập lại (vừa xong: {region})"),
                    crate::explain::Lang::En => format!("regions re-planned (last: {region})"),
                };
                b.set_message(text);
            }
            _ => {}
        })));
        SolveBar { bar: Some(bar) }
    }
}

impl Drop for SolveBar {
    fn drop(&mut self) {
        if let Some(bar) = self.bar.take() {
            crate::solve::progress::set_listener(None);
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_has_the_elapsed_seconds_and_the_message() {
        let mut out = Vec::new();
        write_line(&mut out, 12.34, "giai đoạn 1: chỉ tiêu").unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "[  12.3 s] giai đoạn 1: chỉ tiêu\n");
    }

    #[test]
    fn quiet_when_stderr_is_not_a_terminal() {
        // Under `cargo test` stderr is captured (not a terminal): calling it must not fail,
        // and `enabled` says it is off.
        if !std::io::stderr().is_terminal() {
            assert!(!enabled());
        }
        progress("nothing to see");
    }
}
