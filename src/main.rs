//! The `factdiff` binary: parses arguments, runs one command, maps the outcome to an exit code.
//! Exit codes: 0 nothing at or above `--fail-on`, 1 findings at or above it, 2 usage or input
//! errors (after every readable input was processed).
#![forbid(unsafe_code)]

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

/// Exit code: no finding at or above `--fail-on`.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: findings at or above `--fail-on`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: usage or input error.
pub const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            #[allow(clippy::print_stderr)]
            {
                // The message may quote file names or file content: no terminal controls.
                let message = format!("{err:#}");
                eprintln!(
                    "factdiff: error: {}",
                    factdiff::render::sanitize::terminal(&message)
                );
            }
            ExitCode::from(EXIT_ERROR)
        }
    }
}
