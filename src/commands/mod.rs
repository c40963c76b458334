//! One function per subcommand. Each returns the exit code; output goes through [`Out`].

mod align;
mod check;
mod claims;
mod compare;
mod eval;
mod rules;

use std::io::{IsTerminal, Write};

use crate::cli::{Cli, ColorChoice, Command, OutputOpts};

/// Run the parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Align(a) => align::run(a),
        Command::Claims(a) => claims::run(a),
        Command::Compare(a) => compare::run(a),
        Command::Check(a) => check::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Rules(a) => rules::run(a),
    }
}

/// Whether to colour output written to stdout.
pub fn use_color(opts: &OutputOpts) -> bool {
    if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    match opts.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => opts.output.is_none() && std::io::stdout().is_terminal(),
    }
}

/// Terminal width for tables, when writing to a terminal.
pub fn term_width(opts: &OutputOpts) -> Option<u16> {
    if opts.output.is_some() || !std::io::stdout().is_terminal() {
        return None;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .or_else(|| comfy_table::Table::new().width())
}

/// Write `text` to `--output` or stdout.
pub fn emit(opts: &OutputOpts, text: &str) -> anyhow::Result<()> {
    emit_with(opts, |out| out.write_all(text.as_bytes()))
}

/// Let `write` write the output into `--output` or stdout, through a buffer (so a large report
/// streams out and is never held whole in memory). A closed stdout pipe (e.g. `| head`) ends
/// the output quietly; any other write error (a full disk, say) is an error naming the output.
pub fn emit_with(
    opts: &OutputOpts,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    match &opts.output {
        Some(path) => {
            let file = std::fs::File::create(path)
                .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))?;
            let mut out = std::io::BufWriter::with_capacity(OUT_BUFFER, file);
            write(&mut out)
                .and_then(|()| out.flush())
                .map_err(|e| anyhow::anyhow!("{}: cannot write: {e}", path.display()))?;
        }
        None => {
            let mut out = std::io::BufWriter::with_capacity(OUT_BUFFER, std::io::stdout().lock());
            if let Err(e) = write(&mut out).and_then(|()| out.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(anyhow::anyhow!("cannot write to standard output: {e}"));
                }
            }
        }
    }
    Ok(())
}

/// Output buffer size: large enough that streaming costs few system calls.
const OUT_BUFFER: usize = 64 * 1024;

/// Report warnings (limits that applied, e.g. claims dropped) on stderr, one line each, as
/// `factdiff: warning: PATH: message`. They do not change the exit code.
pub fn report_warnings(warnings: &[factdiff::InputError]) {
    report_lines("warning", warnings);
}

/// Report input errors on stderr, one line each. File names and messages (which may quote file
/// content) are passed through [`factdiff::render::sanitize::terminal`].
pub fn report_errors(errors: &[factdiff::InputError]) {
    report_lines("error", errors);
}

/// `factdiff: LEVEL: PATH: message` on stderr for each item, neutralised for the terminal.
fn report_lines(level: &str, items: &[factdiff::InputError]) {
    let mut err = std::io::stderr().lock();
    for item in items {
        let line = item.to_string();
        let _ = writeln!(
            err,
            "factdiff: {level}: {}",
            factdiff::render::sanitize::terminal(&line)
        );
    }
}
