//! Evaluation: scores findings against hand-written annotations (`factdiff eval`).
//!
//! Input: the [`CompareReport`] of an event and its `expected.json` ([`Expected`]: listed
//! conflicts, agreements and updates, each naming claims by source and value as written).
//! Output: an [`EventScore`] per event and an [`EvalReport`] with totals, rendered as a table or
//! JSON by the caller.
//!
//! Matching: a listed claim `{source, value}` matches a finding's claim of the same source whose
//! text contains the value or is contained in it, comparing case- and whitespace-insensitively.
//! A listed conflict is *detected* when one finding with status conflict or inconsistent matches
//! every listed claim (for a one-claim entry: an inconsistent finding matching it). A listed
//! agreement is *wrongly flagged* when a finding at warning or error sets two of its listed claims
//! (of different sources or different values) against each other in one of its disagreeing
//! `pairs`. A listed update is *detected* when a
//! finding matches two of its claims. A finding is *outside the annotations* when none of its
//! claims matches any listed claim of the event.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::claims::Claim;
use crate::error::InputError;
use crate::findings::{CompareReport, Finding, Severity, Status};

/// One claim named in an annotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedClaim {
    pub source: String,
    pub value: String,
}

/// One annotated topic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpectedEntry {
    pub id: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub topic: String,
    pub claims: Vec<ExpectedClaim>,
    #[serde(default)]
    pub note: String,
}

/// An event's `expected.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    #[serde(default)]
    pub conflicts: Vec<ExpectedEntry>,
    #[serde(default)]
    pub agreements: Vec<ExpectedEntry>,
    #[serde(default)]
    pub updates: Vec<ExpectedEntry>,
}

/// Parse an `expected.json`.
pub fn parse_expected(path: &Path, text: &str) -> Result<Expected, InputError> {
    serde_json::from_str(text).map_err(|e| {
        InputError::new(
            path,
            format!("line {}, column {}: {e}", e.line(), e.column()),
        )
    })
}

/// Read and parse an `expected.json`.
pub fn load_expected(path: &Path) -> Result<Expected, InputError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| InputError::new(path, format!("cannot read: {e}")))?;
    parse_expected(path, &text)
}

/// The scores of one event.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EventScore {
    pub event: String,
    pub conflicts_listed: usize,
    pub conflicts_detected: usize,
    /// Ids of listed conflicts no finding detected.
    pub missed: Vec<String>,
    pub agreements_listed: usize,
    pub agreements_flagged: usize,
    /// Agreements flagged by a finding that detects no listed conflict.
    pub agreements_flagged_alone: usize,
    /// Ids of listed agreements flagged at warning or error, with the finding id.
    pub false_alarms: Vec<String>,
    pub updates_listed: usize,
    pub updates_detected: usize,
    pub findings: usize,
    /// Ids of findings none of whose claims is annotated.
    pub outside: Vec<String>,
    /// How many of `outside` are at warning or error (likely false alarms or missing annotations).
    pub outside_flagged: usize,
}

/// Totals over all events.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub events: usize,
    pub conflicts_listed: usize,
    pub conflicts_detected: usize,
    /// `conflicts_detected / conflicts_listed` (1 when nothing is listed).
    pub recall: f64,
    pub agreements_listed: usize,
    pub agreements_flagged: usize,
    /// Agreements flagged by a finding that detects no listed conflict.
    pub agreements_flagged_alone: usize,
    pub updates_listed: usize,
    pub updates_detected: usize,
    pub findings: usize,
    pub findings_outside: usize,
    /// Findings outside the annotations at warning or error.
    pub findings_outside_flagged: usize,
}

/// The scores of a corpus.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EvalReport {
    pub events: Vec<EventScore>,
    pub total: Totals,
    pub errors: Vec<InputError>,
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a listed claim matches a finding's claim (same source, text containment).
fn matches(listed: &ExpectedClaim, source: &str, text: &str) -> bool {
    if listed.source != source {
        return false;
    }
    let (a, b) = (squash(&listed.value), squash(text));
    !a.is_empty() && !b.is_empty() && (a.contains(&b) || b.contains(&a))
}

/// `(source, text)` of each claim of a finding: from the report's claims, else its evidence.
fn finding_claims<'a>(f: &'a Finding, claims: &'a [Claim]) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = f
        .claims
        .iter()
        .filter_map(|id| claims.iter().find(|c| &c.id == id))
        .map(|c| (c.source.as_str(), c.text.as_str()))
        .collect();
    for ev in &f.evidence {
        if !out.contains(&(ev.source.as_str(), ev.text.as_str())) {
            out.push((ev.source.as_str(), ev.text.as_str()));
        }
    }
    out
}

/// Indices of the listed claims of `entry` that some claim of `f` matches.
fn matched_listed(entry: &ExpectedEntry, fc: &[(&str, &str)]) -> Vec<usize> {
    entry
        .claims
        .iter()
        .enumerate()
        .filter(|(_, l)| fc.iter().any(|(s, t)| matches(l, s, t)))
        .map(|(i, _)| i)
        .collect()
}

/// Whether two listed claims are a real pair (not the same source saying the same thing twice).
fn distinct_pair(entry: &ExpectedEntry, hit: &[usize]) -> bool {
    hit.iter().enumerate().any(|(n, &i)| {
        hit[n + 1..].iter().any(|&j| {
            let (a, b) = (&entry.claims[i], &entry.claims[j]);
            a.source != b.source || squash(&a.value) != squash(&b.value)
        })
    })
}

/// Whether finding `f` sets two listed claims of `entry` against each other: one of its
/// disagreeing pairs has one side matching one listed claim and the other side another. Claims
/// that merely sit in the same finding (e.g. two figures that both disagree with a third) do not
/// count. A finding without pairs falls back to holding two listed claims.
fn opposes(entry: &ExpectedEntry, f: &Finding, claims: &[Claim], fc: &[(&str, &str)]) -> bool {
    if f.pairs.is_empty() {
        return distinct_pair(entry, &matched_listed(entry, fc));
    }
    let side = |id: &str| -> Vec<usize> {
        claims
            .iter()
            .find(|c| c.id == id)
            .map(|c| matched_listed(entry, &[(c.source.as_str(), c.text.as_str())]))
            .unwrap_or_default()
    };
    f.pairs.iter().any(|[a, b]| {
        let (sa, sb) = (side(a), side(b));
        sa.iter().any(|&i| {
            sb.iter()
                .any(|&j| i != j && distinct_pair(entry, &[i.min(j), i.max(j)]))
        })
    })
}

/// Score one event's findings against its annotations.
pub fn score(report: &CompareReport, expected: &Expected) -> EventScore {
    let per_finding: Vec<(&Finding, Vec<(&str, &str)>)> = report
        .findings
        .iter()
        .map(|f| (f, finding_claims(f, &report.claims)))
        .collect();
    let mut s = EventScore {
        event: report.event.clone(),
        conflicts_listed: expected.conflicts.len(),
        agreements_listed: expected.agreements.len(),
        updates_listed: expected.updates.len(),
        findings: report.findings.len(),
        ..EventScore::default()
    };
    let detects = |f: &Finding, fc: &[(&str, &str)], c: &ExpectedEntry| {
        let status_ok = if c.claims.len() == 1 {
            f.status == Status::Inconsistent
        } else {
            matches!(f.status, Status::Conflict | Status::Inconsistent)
        };
        status_ok && !c.claims.is_empty() && matched_listed(c, fc).len() == c.claims.len()
    };
    for c in &expected.conflicts {
        if per_finding.iter().any(|(f, fc)| detects(f, fc, c)) {
            s.conflicts_detected += 1;
        } else {
            s.missed.push(c.id.clone());
        }
    }
    for a in &expected.agreements {
        let flagging: Vec<&(&Finding, Vec<(&str, &str)>)> = per_finding
            .iter()
            .filter(|(f, fc)| f.severity >= Severity::Warning && opposes(a, f, &report.claims, fc))
            .collect();
        // A finding that also detects a listed conflict lists the agreeing claims as part of
        // its topic; one that detects none flags the agreement on its own.
        let alone = flagging
            .iter()
            .find(|(f, fc)| !expected.conflicts.iter().any(|c| detects(f, fc, c)));
        if let Some((f, _)) = alone {
            s.agreements_flagged += 1;
            s.agreements_flagged_alone += 1;
            s.false_alarms
                .push(format!("{} ({}, detects no listed conflict)", a.id, f.id));
        } else if let Some((f, _)) = flagging.first() {
            s.agreements_flagged += 1;
            s.false_alarms.push(format!("{} ({})", a.id, f.id));
        }
    }
    for u in &expected.updates {
        if per_finding
            .iter()
            .any(|(_, fc)| distinct_pair(u, &matched_listed(u, fc)))
        {
            s.updates_detected += 1;
        }
    }
    let all: Vec<&ExpectedEntry> = expected
        .conflicts
        .iter()
        .chain(&expected.agreements)
        .chain(&expected.updates)
        .collect();
    for (f, fc) in &per_finding {
        let annotated = all.iter().any(|e| !matched_listed(e, fc).is_empty());
        if !annotated {
            s.outside.push(f.id.clone());
            if f.severity >= Severity::Warning {
                s.outside_flagged += 1;
            }
        }
    }
    s
}

/// Totals over event scores.
pub fn totals(events: &[EventScore]) -> Totals {
    let mut t = Totals {
        events: events.len(),
        ..Totals::default()
    };
    for e in events {
        t.conflicts_listed += e.conflicts_listed;
        t.conflicts_detected += e.conflicts_detected;
        t.agreements_listed += e.agreements_listed;
        t.agreements_flagged += e.agreements_flagged;
        t.agreements_flagged_alone += e.agreements_flagged_alone;
        t.updates_listed += e.updates_listed;
        t.updates_detected += e.updates_detected;
        t.findings += e.findings;
        t.findings_outside += e.outside.len();
        t.findings_outside_flagged += e.outside_flagged;
    }
    t.recall = if t.conflicts_listed == 0 {
        1.0
    } else {
        t.conflicts_detected as f64 / t.conflicts_listed as f64
    };
    t
}

/// Which thresholds a report fails; empty when it passes.
pub fn failures(total: &Totals, min_recall: f64, max_false_alarms: Option<usize>) -> Vec<String> {
    let mut out = Vec::new();
    if total.recall + 1e-9 < min_recall {
        out.push(format!(
            "recall {:.3} ({}/{}) is below --min-recall {min_recall}",
            total.recall, total.conflicts_detected, total.conflicts_listed
        ));
    }
    if let Some(max) = max_false_alarms {
        if total.agreements_flagged > max {
            out.push(format!(
                "{} agreements flagged at warning or error, more than --max-false-alarms {max}",
                total.agreements_flagged
            ));
        }
    }
    out
}

/// The report as a plain-text table (one row per event, then the total and the misses).
pub fn render_table(r: &EvalReport) -> String {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header([
        "event",
        "conflicts detected",
        "agreements flagged",
        "updates detected",
        "findings",
        "outside annotations (warning+)",
    ]);
    let row = |name: &str, cd, cl, af, al, ud, ul, f, o, of| {
        vec![
            name.to_string(),
            format!("{cd} / {cl}"),
            format!("{af} / {al}"),
            format!("{ud} / {ul}"),
            format!("{f}"),
            format!("{o} ({of})"),
        ]
    };
    for e in &r.events {
        t.add_row(row(
            &e.event,
            e.conflicts_detected,
            e.conflicts_listed,
            e.agreements_flagged,
            e.agreements_listed,
            e.updates_detected,
            e.updates_listed,
            e.findings,
            e.outside.len(),
            e.outside_flagged,
        ));
    }
    let x = &r.total;
    t.add_row(row(
        "total",
        x.conflicts_detected,
        x.conflicts_listed,
        x.agreements_flagged,
        x.agreements_listed,
        x.updates_detected,
        x.updates_listed,
        x.findings,
        x.findings_outside,
        x.findings_outside_flagged,
    ));
    let mut out = t.to_string();
    out.push_str(&format!(
        "\nrecall {:.3} ({} of {} listed conflicts detected); {} of {} agreements flagged at warning or error \
         ({} by a finding that detects no listed conflict)\n",
        x.recall,
        x.conflicts_detected,
        x.conflicts_listed,
        x.agreements_flagged,
        x.agreements_listed,
        x.agreements_flagged_alone
    ));
    for e in &r.events {
        if !e.missed.is_empty() {
            out.push_str(&format!("{}: missed {}\n", e.event, e.missed.join(", ")));
        }
        if !e.false_alarms.is_empty() {
            out.push_str(&format!(
                "{}: agreements flagged {}\n",
                e.event,
                e.false_alarms.join(", ")
            ));
        }
        if !e.outside.is_empty() {
            out.push_str(&format!(
                "{}: findings outside the annotations {}\n",
                e.event,
                e.outside.join(", ")
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::{Evidence, Summary, SCHEMA_VERSION};
    use std::path::PathBuf;

    fn ev(source: &str, text: &str) -> Evidence {
        Evidence {
            claim: format!("{source}#1"),
            source: source.into(),
            path: PathBuf::from(format!("{source}.txt")),
            line: 1,
            column: 1,
            span: (0, text.len()),
            text: text.into(),
            sentence: text.into(),
        }
    }

    fn finding(id: &str, status: Status, severity: Severity, evs: Vec<Evidence>) -> Finding {
        Finding {
            id: id.into(),
            fingerprint: id.into(),
            rule: "r".into(),
            severity,
            status,
            topic: "t".into(),
            message: String::new(),
            tolerance: None,
            claims: vec![],
            evidence: evs,
            pairs: vec![],
        }
    }

    const EXPECTED: &str = r#"{
      "conflicts": [
        {"id": "c1", "kind": "quantity", "topic": "x", "claims": [
          {"source": "a", "value": "1,100 km"}, {"source": "b", "value": "1,782 km"}]},
        {"id": "c2", "kind": "membership", "topic": "y", "claims": [
          {"source": "a", "value": "eight-member"}]},
        {"id": "c3", "kind": "date", "topic": "z", "claims": [
          {"source": "a", "value": "on 5 January"}, {"source": "b", "value": "on 6 January"}]}
      ],
      "agreements": [
        {"id": "g1", "claims": [{"source": "a", "value": "about 1,100 miles"}, {"source": "c", "value": "1,782 km"}]},
        {"id": "g2", "claims": [{"source": "b", "value": "2%"}, {"source": "c", "value": "two percent"}]}
      ],
      "updates": [
        {"id": "u1", "claims": [{"source": "a", "value": "at least 164"}, {"source": "b", "value": "more than 200"}]}
      ]
    }"#;

    #[test]
    fn scores_detections_false_alarms_and_outside() {
        let expected = parse_expected(Path::new("expected.json"), EXPECTED).unwrap();
        let findings = vec![
            // c1: texts differ in spacing/case and one contains the other.
            finding(
                "F1",
                Status::Conflict,
                Severity::Error,
                vec![ev("a", "1,100  KM"), ev("b", "1,782 km")],
            ),
            // c2 needs an inconsistent finding; a conflict does not count.
            finding(
                "F2",
                Status::Conflict,
                Severity::Error,
                vec![ev("a", "eight-member grouping")],
            ),
            // c3: only one side matched: not detected.
            finding(
                "F3",
                Status::Conflict,
                Severity::Warning,
                vec![ev("a", "5 January"), ev("b", "7 January")],
            ),
            // g1 flagged at warning.
            finding(
                "F4",
                Status::Conflict,
                Severity::Warning,
                vec![ev("a", "1,100 miles"), ev("c", "1,782 km")],
            ),
            // g2 touched only at info: not a false alarm.
            finding(
                "F5",
                Status::Conflict,
                Severity::Info,
                vec![ev("b", "2%"), ev("c", "two percent")],
            ),
            finding(
                "F6",
                Status::Update,
                Severity::Info,
                vec![ev("a", "at least 164"), ev("b", "more than 200")],
            ),
            finding(
                "F7",
                Status::Conflict,
                Severity::Error,
                vec![ev("d", "12 km")],
            ),
        ];
        let report = CompareReport {
            warnings: Vec::new(),
            schema_version: SCHEMA_VERSION,
            event: "e".into(),
            sources: vec![],
            alignment: vec![],
            claims: vec![],
            topics: vec![],
            findings,
            summary: Summary::default(),
        };
        let s = score(&report, &expected);
        assert_eq!(s.conflicts_listed, 3);
        assert_eq!(s.conflicts_detected, 1);
        assert_eq!(s.missed, ["c2", "c3"]);
        assert_eq!(s.agreements_flagged, 1);
        assert_eq!(s.false_alarms, ["g1 (F4, detects no listed conflict)"]);
        assert_eq!(s.agreements_flagged_alone, 1);
        assert_eq!(s.updates_detected, 1);
        assert_eq!(s.outside, ["F7"]);
        assert_eq!(s.outside_flagged, 1);
        let t = totals(&[s]);
        assert!((t.recall - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(failures(&t, 0.3, Some(1)), Vec::<String>::new());
        assert_eq!(
            failures(&t, 0.5, Some(0)),
            [
                "recall 0.333 (1/3) is below --min-recall 0.5",
                "1 agreements flagged at warning or error, more than --max-false-alarms 0"
            ]
        );
    }

    #[test]
    fn agreement_inside_a_detected_conflict_is_not_flagged_alone() {
        let expected = parse_expected(Path::new("x"), EXPECTED).unwrap();
        let mut report = CompareReport {
            warnings: Vec::new(),
            schema_version: SCHEMA_VERSION,
            event: "e".into(),
            sources: vec![],
            alignment: vec![],
            claims: vec![],
            topics: vec![],
            findings: vec![finding(
                "F1",
                Status::Conflict,
                Severity::Error,
                vec![
                    ev("a", "1,100 km"),
                    ev("b", "1,782 km"),
                    ev("a", "about 1,100 miles"),
                    ev("c", "1,782 km"),
                ],
            )],
            summary: Summary::default(),
        };
        let s = score(&report, &expected);
        assert_eq!(
            (
                s.conflicts_detected,
                s.agreements_flagged,
                s.agreements_flagged_alone
            ),
            (1, 1, 0)
        );
        report.findings[0].evidence.remove(1);
        let s = score(&report, &expected);
        assert_eq!(
            (
                s.conflicts_detected,
                s.agreements_flagged,
                s.agreements_flagged_alone
            ),
            (0, 1, 1)
        );
    }

    #[test]
    fn one_claim_entry_needs_inconsistent_finding() {
        let expected = parse_expected(Path::new("x"), EXPECTED).unwrap();
        let report = CompareReport {
            warnings: Vec::new(),
            schema_version: SCHEMA_VERSION,
            event: "e".into(),
            sources: vec![],
            alignment: vec![],
            claims: vec![],
            topics: vec![],
            findings: vec![finding(
                "F1",
                Status::Inconsistent,
                Severity::Warning,
                vec![ev("a", "eight-member")],
            )],
            summary: Summary::default(),
        };
        assert_eq!(score(&report, &expected).conflicts_detected, 1);
    }
}
