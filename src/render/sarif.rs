//! SARIF renderer. Input: [`CompareReport`] / [`CheckReport`]. Output: a SARIF 2.1.0 log (JSON)
//! for code-scanning tools (GitHub code scanning, IDE viewers).
//!
//! One run; `tool.driver.rules` lists every rule that produced a finding (sorted); one result per
//! finding with its level from the severity (`error`, `warning`, `note`), every evidence location
//! as a `physicalLocation` (artifact URI + `startLine` / `startColumn`, columns counted in Unicode
//! code points as declared by `columnKind`), and the finding's fingerprint as a partial
//! fingerprint so that code scanning tracks it across edits. Input errors of a corpus run become
//! `toolExecutionNotifications`.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::findings::{CheckReport, CompareReport, Finding, Severity};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative path as a URI reference: forward slashes, reserved characters percent-encoded.
fn uri(path: &std::path::Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    let mut out = String::with_capacity(s.len() + 8);
    if path.is_absolute() {
        out.push_str("file://");
        if !s.starts_with('/') {
            // A Windows drive path: file:///C:/...
            out.push('/');
        }
    }
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn result(event: &str, f: &Finding, rule_index: usize) -> Value {
    let locations: Vec<Value> = f
        .evidence
        .iter()
        .map(|ev| {
            let mut region = json!({
                "startLine": ev.line,
                "startColumn": ev.column,
                "snippet": {"text": ev.text},
            });
            if !ev.text.contains('\n') {
                region["endLine"] = json!(ev.line);
                region["endColumn"] = json!(ev.column + ev.text.chars().count());
            }
            json!({
                "physicalLocation": {
                    "artifactLocation": {"uri": uri(&ev.path)},
                    "region": region,
                },
                "message": {"text": format!("{}: {}", ev.source, ev.sentence.trim())},
            })
        })
        .collect();
    json!({
        "ruleId": f.rule,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": {"text": format!("[{}] {}: {}", event, f.topic, f.message)},
        "locations": locations,
        "partialFingerprints": {"factdiffFingerprint/v1": f.fingerprint},
        "properties": {
            "event": event,
            "finding": f.id,
            "status": f.status.as_str(),
            "topic": f.topic,
            "tolerance": f.tolerance,
            "claims": f.claims,
        },
    })
}

fn log<'a>(
    events: impl Iterator<Item = &'a CompareReport> + Clone,
    errors: &[crate::InputError],
) -> String {
    let rules: Vec<String> = events
        .clone()
        .flat_map(|e| e.findings.iter().map(|f| f.rule.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let rule_objs: Vec<Value> = rules
        .iter()
        .map(|id| {
            json!({
                "id": id,
                "name": id,
                "shortDescription": {"text": format!("factdiff rule {id}")},
            })
        })
        .collect();
    let results: Vec<Value> = events
        .flat_map(|e| {
            e.findings.iter().map(|f| {
                let idx = rules.binary_search(&f.rule).unwrap_or(0);
                result(&e.event, f, idx)
            })
        })
        .collect();
    let notifications: Vec<Value> = errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": e.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&e.path)}}}],
            })
        })
        .collect();
    let mut invocation = json!({"executionSuccessful": errors.is_empty()});
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
    }
    let doc = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "factdiff",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rule_objs,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation],
            "results": results,
        }],
    });
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

/// One event.
pub fn compare(report: &CompareReport) -> String {
    log(std::iter::once(report), &[])
}

/// A corpus.
pub fn check(report: &CheckReport) -> String {
    log(report.events.iter(), &report.errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_encodes_spaces_and_backslashes() {
        assert_eq!(uri(std::path::Path::new("a b\\c#1.txt")), "a%20b/c%231.txt");
    }
}
