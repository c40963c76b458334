//! JSON renderers. Input: [`CompareReport`] / [`CheckReport`]. Output: pretty JSON (the
//! documented contract, `docs/json-schema.md`) or JSON lines (one event report per line), as a
//! `String` or written straight into an [`std::io::Write`] (the `write_*` functions: nothing
//! is buffered beyond the writer's own buffer).

use std::io::{self, Write};

use crate::findings::{CheckReport, CompareReport};

fn write_json<T: serde::Serialize>(value: &T, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    // serde_json reports the writer's I/O errors as its own; hand them back as I/O errors.
    let r = if pretty {
        serde_json::to_writer_pretty(&mut *out, value)
    } else {
        serde_json::to_writer(&mut *out, value)
    };
    r.map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// [`compare`], written into `out`.
pub fn write_compare(report: &CompareReport, out: &mut dyn Write) -> io::Result<()> {
    write_json(report, true, out)
}

/// [`compare_line`], written into `out`.
pub fn write_compare_line(report: &CompareReport, out: &mut dyn Write) -> io::Result<()> {
    write_json(report, false, out)
}

/// [`check`], written into `out`.
pub fn write_check(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    write_json(report, true, out)
}

/// [`check_lines`], written into `out`.
pub fn write_check_lines(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    for event in &report.events {
        write_json(event, false, out)?;
    }
    Ok(())
}

fn to_json<T: serde::Serialize>(value: &T, pretty: bool) -> String {
    // Serialising these plain data types cannot fail (no maps with non-string keys).
    let s = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    s.unwrap_or_else(|e| format!("{{\"error\": \"serialisation failed: {e}\"}}"))
}

/// One event as pretty JSON, newline-terminated.
pub fn compare(report: &CompareReport) -> String {
    to_json(report, true) + "\n"
}

/// One event as a single JSON line.
pub fn compare_line(report: &CompareReport) -> String {
    to_json(report, false) + "\n"
}

/// A corpus as pretty JSON: `{"schema_version", "events", "errors", "summary"}`.
pub fn check(report: &CheckReport) -> String {
    to_json(report, true) + "\n"
}

/// A corpus as JSON lines: one event report per line (errors are reported on stderr).
pub fn check_lines(report: &CheckReport) -> String {
    report.events.iter().map(compare_line).collect()
}
