//! JUnit XML renderer. Input: [`CompareReport`] / [`CheckReport`]. Output: a JUnit XML report
//! that CI systems (GitLab, Jenkins, Azure, test-report actions) display as test results.
//!
//! One `<testsuite>` per event, one `<testcase>` per event x rule (every rule that compared a
//! topic or produced a finding in that event, sorted). A testcase fails when its rule found a
//! conflict or an inconsistency; updates are listed in `<system-out>` and do not fail. Input
//! errors of a corpus run become a testsuite `input` with one `<error>` per bad path. Text is
//! XML-escaped and characters XML 1.0 cannot carry are dropped.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use crate::findings::{CheckReport, CompareReport, Finding, Status};
use crate::InputError;

/// Escape text for XML content and double-quoted attributes; drop characters XML 1.0 forbids.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn fails(f: &Finding) -> bool {
    matches!(f.status, Status::Conflict | Status::Inconsistent)
}

fn describe(f: &Finding) -> String {
    let mut s = format!(
        "{} [{} {}] {}: {}\n",
        f.id,
        f.severity.as_str(),
        f.status.as_str(),
        f.topic,
        f.message
    );
    for ev in &f.evidence {
        let _ = writeln!(
            s,
            "  {}:{}:{} ({}): {}",
            ev.path.display(),
            ev.line,
            ev.column,
            ev.source,
            ev.sentence.trim()
        );
    }
    s
}

/// Counts of one suite: (tests, failures).
fn suite(out: &mut String, r: &CompareReport) -> (usize, usize) {
    let rules: BTreeSet<&str> = r
        .topics
        .iter()
        .map(|t| t.rule.as_str())
        .chain(r.findings.iter().map(|f| f.rule.as_str()))
        .collect();
    let mut body = String::new();
    let mut failures = 0;
    for rule in &rules {
        let found: Vec<&Finding> = r.findings.iter().filter(|f| f.rule == *rule).collect();
        let failing: Vec<&&Finding> = found.iter().filter(|f| fails(f)).collect();
        let others: Vec<&&Finding> = found.iter().filter(|f| !fails(f)).collect();
        let _ = write!(
            body,
            "    <testcase classname=\"{}\" name=\"{}\"",
            escape(&format!("factdiff.{}", r.event)),
            escape(rule)
        );
        if failing.is_empty() && others.is_empty() {
            body.push_str("/>\n");
            continue;
        }
        body.push_str(">\n");
        if !failing.is_empty() {
            failures += 1;
            let message = failing
                .iter()
                .map(|f| format!("{} {}: {}", f.status.as_str(), f.topic, f.message))
                .collect::<Vec<_>>()
                .join("; ");
            let kind = if failing.iter().any(|f| f.status == Status::Conflict) {
                "conflict"
            } else {
                "inconsistent"
            };
            let text: String = failing.iter().map(|f| describe(f)).collect();
            let _ = writeln!(
                body,
                "      <failure type=\"{kind}\" message=\"{}\">{}</failure>",
                escape(&message),
                escape(&text)
            );
        }
        if !others.is_empty() {
            let text: String = others.iter().map(|f| describe(f)).collect();
            let _ = writeln!(body, "      <system-out>{}</system-out>", escape(&text));
        }
        body.push_str("    </testcase>\n");
    }
    let _ = writeln!(
        out,
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\">",
        escape(&r.event),
        rules.len()
    );
    out.push_str(&body);
    out.push_str("  </testsuite>\n");
    (rules.len(), failures)
}

fn errors_suite(out: &mut String, errors: &[InputError]) {
    let _ = writeln!(
        out,
        "  <testsuite name=\"input\" tests=\"{0}\" failures=\"0\" errors=\"{0}\" skipped=\"0\">",
        errors.len()
    );
    for e in errors {
        let path = e.path.display().to_string();
        let _ = writeln!(
            out,
            "    <testcase classname=\"factdiff.input\" name=\"{}\">\n      <error type=\"input\" message=\"{}\"/>\n    </testcase>",
            escape(&path),
            escape(&e.message)
        );
    }
    out.push_str("  </testsuite>\n");
}

fn document(events: &[&CompareReport], errors: &[InputError]) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures) = (0, 0);
    for r in events {
        let (t, f) = suite(&mut suites, r);
        tests += t;
        failures += f;
    }
    if !errors.is_empty() {
        errors_suite(&mut suites, errors);
        tests += errors.len();
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"factdiff\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{}\">\n{suites}</testsuites>\n",
        errors.len()
    )
}

/// One event.
pub fn compare(report: &CompareReport) -> String {
    document(&[report], &[])
}

/// A corpus.
pub fn check(report: &CheckReport) -> String {
    let events: Vec<&CompareReport> = report.events.iter().collect();
    document(&events, &report.errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_controls() {
        assert_eq!(
            escape("a<b & \"c\" 'd'\u{1}\u{b}\n"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;\n"
        );
    }
}
