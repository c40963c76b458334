//! GitHub Actions renderer. Input: [`CompareReport`] / [`CheckReport`]. Output: workflow command
//! lines (`::error file=...,line=...,col=...,title=...::message`) that GitHub shows as
//! annotations on the pull request's files.
//!
//! One line per finding at its first evidence location (the other locations are named in the
//! message); `error` / `warning` / `notice` from the severity. Escaping follows GitHub's rules:
//! in the message `%`, `\r`, `\n` become `%25`, `%0D`, `%0A`; in property values `:` and `,`
//! also become `%3A` and `%2C`. Input errors of a corpus run become `::error file=...::` lines.

use std::fmt::Write as _;

use crate::findings::{CheckReport, CompareReport, Finding, Severity};
use crate::InputError;

/// Escape the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    // Terminal controls (ESC sequences colour the Actions log) are shown as pictures first.
    super::sanitize::terminal(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property value (`file`, `title`) of a workflow command.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

fn path_str(p: &std::path::Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

fn finding_line(out: &mut String, event: &str, f: &Finding) {
    let title = format!("factdiff {} {}: {}", f.rule, f.status.as_str(), f.topic);
    let mut props = Vec::new();
    if let Some(ev) = f.evidence.first() {
        props.push(format!("file={}", escape_property(&path_str(&ev.path))));
        props.push(format!("line={}", ev.line));
        props.push(format!("col={}", ev.column));
        if !ev.text.contains('\n') {
            props.push(format!("endColumn={}", ev.column + ev.text.chars().count()));
        }
    }
    props.push(format!("title={}", escape_property(&title)));
    let mut message = format!("[{event}] {}", f.message);
    for ev in &f.evidence {
        let _ = write!(
            message,
            "\n{} ({}:{}:{}): {}",
            ev.source,
            path_str(&ev.path),
            ev.line,
            ev.column,
            ev.sentence.trim()
        );
    }
    let _ = writeln!(
        out,
        "::{} {}::{}",
        command(f.severity),
        props.join(","),
        escape_data(&message)
    );
}

fn error_line(out: &mut String, e: &InputError) {
    let _ = writeln!(
        out,
        "::error file={},title={}::{}",
        escape_property(&path_str(&e.path)),
        escape_property("factdiff input error"),
        escape_data(&e.message)
    );
}

/// One event.
pub fn compare(report: &CompareReport) -> String {
    let mut out = String::new();
    for f in &report.findings {
        finding_line(&mut out, &report.event, f);
    }
    out
}

/// A corpus.
pub fn check(report: &CheckReport) -> String {
    let mut out = String::new();
    for e in &report.errors {
        error_line(&mut out, e);
    }
    for r in &report.events {
        for f in &r.findings {
            finding_line(&mut out, &r.event, f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_github_rules() {
        assert_eq!(escape_data("100% a:b,c\r\nd"), "100%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("100% a:b,c\nd"), "100%25 a%3Ab%2Cc%0Ad");
    }
}
