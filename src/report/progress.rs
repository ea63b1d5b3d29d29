//! Progress lines for long runs (a Hai Phong solve takes up to a minute).
//!
//! A planner running `rotaplan solve` in a terminal should see that something is happening;
//! a script, a CI job or a test capturing stderr should get quiet, stable output. So progress
//! goes to stderr only when stderr is a terminal ([`std::io::IsTerminal`]), one line per
//! message with the seconds since the first message, and never to stdout (which may carry
//! JSON). No dependency: a line per stage is enough for a solve made of a few stages.

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
