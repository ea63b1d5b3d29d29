//! The `rotaplan` binary: flag definitions and glue over the library (see `src/cli/`).

fn main() -> std::process::ExitCode {
    rotaplan::cli::main()
}
