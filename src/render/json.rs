//! JSON renderers. Input: [`CompareReport`] / [`CheckReport`]. Output: pretty JSON (the
//! documented contract, `docs/json-schema.md`) or JSON lines (one event report per line).

use crate::findings::{CheckReport, CompareReport};

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
