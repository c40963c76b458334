//! Baselines: accept today's findings so that CI fails only on new discrepancies.
//!
//! Input: reports ([`CompareReport`]s) to record, or a baseline file to apply. Output: the
//! baseline file's text ([`write`]; JSON, sorted, one entry per finding with its fingerprint plus
//! event, rule, topic, status and the compared values for humans) or, when applied, the reports
//! with the recorded findings removed ([`apply`], [`apply_check`]). Findings are matched by
//! [`Finding::fingerprint`] alone, which has no line numbers or finding ids in it, so an entry
//! survives edits elsewhere in a report and renaming the event folder.

use std::collections::BTreeSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, InputError};
use crate::findings::{CheckReport, CompareReport, Finding, Severity, Status, Summary};

/// Version of the baseline file format.
pub const BASELINE_VERSION: u32 = 1;

/// One recorded finding.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// The key: [`Finding::fingerprint`].
    pub fingerprint: String,
    /// For humans reviewing the file: where and what.
    #[serde(default)]
    pub event: String,
    #[serde(default)]
    pub rule: String,
    #[serde(default)]
    pub topic: String,
    #[serde(default)]
    pub status: String,
    /// `source: claim text` of each claim involved.
    #[serde(default)]
    pub values: Vec<String>,
}

/// A baseline file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub baseline_version: u32,
    pub findings: Vec<Entry>,
}

impl Baseline {
    /// Whether the baseline records this finding.
    pub fn contains(&self, f: &Finding) -> bool {
        self.findings.iter().any(|e| e.fingerprint == f.fingerprint)
    }
}

fn entry(event: &str, f: &Finding) -> Entry {
    Entry {
        fingerprint: f.fingerprint.clone(),
        event: event.to_string(),
        rule: f.rule.clone(),
        topic: f.topic.clone(),
        status: f.status.as_str().to_string(),
        values: f
            .evidence
            .iter()
            .map(|e| format!("{}: {}", e.source, e.text))
            .collect(),
    }
}

/// Build the baseline of some reports (every finding, whatever its severity).
pub fn build(reports: &[&CompareReport]) -> Baseline {
    let mut findings: Vec<Entry> = reports
        .iter()
        .flat_map(|r| r.findings.iter().map(|f| entry(&r.event, f)))
        .collect();
    findings.sort();
    findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
    Baseline {
        baseline_version: BASELINE_VERSION,
        findings,
    }
}

/// The baseline file of some reports: pretty JSON, entries sorted by fingerprint.
pub fn write(reports: &[&CompareReport]) -> String {
    serde_json::to_string_pretty(&build(reports)).unwrap_or_default() + "\n"
}

/// Parse a baseline file's text.
pub fn parse(path: &Path, text: &str) -> Result<Baseline, InputError> {
    let mut b: Baseline = serde_json::from_str(text).map_err(|e| {
        InputError::new(
            path,
            format!(
                "not a factdiff baseline (line {}, column {}): {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    if b.baseline_version != BASELINE_VERSION {
        return Err(InputError::new(
            path,
            format!(
                "baseline_version {} is not supported (expected {BASELINE_VERSION})",
                b.baseline_version
            ),
        ));
    }
    b.findings.sort();
    Ok(b)
}

/// Read and parse a baseline file.
pub fn load(path: &Path) -> Result<Baseline, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| InputError::new(path, format!("cannot read baseline: {e}")))?;
    Ok(parse(path, &text)?)
}

/// Recount the finding-derived fields of a summary after findings were removed.
fn recount(summary: &mut Summary, findings: &[Finding]) {
    summary.conflicts = 0;
    summary.updates = 0;
    summary.inconsistencies = 0;
    summary.errors = 0;
    summary.warnings = 0;
    summary.infos = 0;
    for f in findings {
        match f.status {
            Status::Conflict => summary.conflicts += 1,
            Status::Update => summary.updates += 1,
            Status::Inconsistent => summary.inconsistencies += 1,
            Status::Agree => {}
        }
        match f.severity {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
    }
}

/// Hide the findings recorded in `baseline`; returns how many were hidden. The summary's finding
/// counts are recomputed; the comparison table (topics) is left as it is.
pub fn apply(baseline: &Baseline, report: &mut CompareReport) -> usize {
    let known: BTreeSet<&str> = baseline
        .findings
        .iter()
        .map(|e| e.fingerprint.as_str())
        .collect();
    let before = report.findings.len();
    report
        .findings
        .retain(|f| !known.contains(f.fingerprint.as_str()));
    let hidden = before - report.findings.len();
    if hidden > 0 {
        recount(&mut report.summary, &report.findings);
    }
    hidden
}

/// [`apply`] to every event of a corpus report and recompute its summary; returns how many
/// findings were hidden in all.
pub fn apply_check(baseline: &Baseline, report: &mut CheckReport) -> usize {
    let hidden = report.events.iter_mut().map(|e| apply(baseline, e)).sum();
    report.summary = crate::corpus::sum_summaries(report.events.iter().map(|e| &e.summary));
    hidden
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::SCHEMA_VERSION;

    fn finding(id: &str, fp: &str, severity: Severity) -> Finding {
        Finding {
            id: id.into(),
            fingerprint: fp.into(),
            rule: "casualties.killed".into(),
            severity,
            status: Status::Conflict,
            topic: "casualties.killed/people".into(),
            message: "m".into(),
            tolerance: None,
            claims: vec![],
            evidence: vec![],
            pairs: vec![],
        }
    }

    fn report(event: &str, findings: Vec<Finding>) -> CompareReport {
        let mut summary = Summary::default();
        recount(&mut summary, &findings);
        CompareReport {
            warnings: Vec::new(),
            schema_version: SCHEMA_VERSION,
            event: event.into(),
            sources: vec![],
            alignment: vec![],
            claims: vec![],
            topics: vec![],
            findings,
            summary,
        }
    }

    #[test]
    fn round_trip_hides_recorded_findings_only() {
        let old = report(
            "e",
            vec![
                finding("F1", "b-key", Severity::Error),
                finding("F2", "a-key", Severity::Warning),
            ],
        );
        let text = write(&[&old]);
        // Sorted by fingerprint.
        assert!(text.find("a-key").unwrap() < text.find("b-key").unwrap());
        let b = parse(Path::new("b.json"), &text).unwrap();
        assert_eq!(b.findings.len(), 2);

        let mut new = report(
            "e",
            vec![
                finding("F1", "a-key", Severity::Warning),
                finding("F2", "new-key", Severity::Error),
                finding("F3", "b-key", Severity::Error),
            ],
        );
        assert_eq!(apply(&b, &mut new), 2);
        assert_eq!(new.findings.len(), 1);
        assert_eq!(new.findings[0].fingerprint, "new-key");
        assert_eq!(new.summary.errors, 1);
        assert_eq!(new.summary.warnings, 0);
        assert_eq!(new.summary.conflicts, 1);
    }

    #[test]
    fn bad_files_are_input_errors() {
        let e = parse(Path::new("b.json"), "{nope").unwrap_err();
        assert!(
            e.message.starts_with("not a factdiff baseline (line 1"),
            "{}",
            e.message
        );
        let e = parse(
            Path::new("b.json"),
            r#"{"baseline_version": 9, "findings": []}"#,
        )
        .unwrap_err();
        assert_eq!(
            e.message,
            "baseline_version 9 is not supported (expected 1)"
        );
    }
}
