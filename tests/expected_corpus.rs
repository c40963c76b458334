//! Quality on the shipped corpus: `compare` on each `sources/<event>/` must report every conflict
//! listed in its `expected.json` (one finding whose claims include claims matching every listed
//! value) and must not flag any listed agreement at warning or error (no such finding sets two of
//! the agreement's claims against each other in one of its disagreeing `pairs`).
//!
//! Generic: reads whatever events `sources/` holds. A listed claim `{source, value}` matches a
//! claim of that source whose surface text contains the value or is contained in it
//! (case-insensitive).
#![allow(clippy::print_stderr)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use factdiff::claims::{Claim, ClaimData};
use factdiff::compare::{compare_sources, Options};
use factdiff::findings::{CompareReport, Finding, Severity, Status};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Expected {
    #[serde(default)]
    conflicts: Vec<Listed>,
    #[serde(default)]
    agreements: Vec<Listed>,
}

#[derive(Debug, Deserialize)]
struct Listed {
    id: String,
    claims: Vec<ListedClaim>,
}

#[derive(Debug, Deserialize)]
struct ListedClaim {
    source: String,
    value: String,
}

fn events() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir("sources")
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.join("expected.json").is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

fn run(dir: &Path) -> CompareReport {
    let rules = factdiff::rules::load_embedded().expect("built-in rules load");
    let loaded = factdiff::ingest::load(&[dir.to_path_buf()]);
    assert!(loaded.errors.is_empty(), "{:?}", loaded.errors);
    let name = dir.file_name().unwrap().to_string_lossy().to_string();
    compare_sources(&name, loaded.sources, &rules, &Options::default())
}

/// Claims of the report matching one listed claim.
fn matching<'a>(report: &'a CompareReport, l: &ListedClaim) -> Vec<&'a Claim> {
    let v = l.value.to_lowercase();
    report
        .claims
        .iter()
        .filter(|c| c.source == l.source && c.kind_matches())
        .filter(|c| {
            let t = c.text.to_lowercase();
            !t.is_empty() && (t.contains(&v) || v.contains(&t))
        })
        .collect()
}

trait KindMatches {
    fn kind_matches(&self) -> bool;
}

impl KindMatches for Claim {
    fn kind_matches(&self) -> bool {
        !matches!(self.data, ClaimData::Attribution { .. })
    }
}

fn detected(report: &CompareReport, listed: &Listed) -> Option<String> {
    let per: Vec<Vec<&Claim>> = listed.claims.iter().map(|l| matching(report, l)).collect();
    if per.iter().any(Vec::is_empty) {
        return None;
    }
    report
        .findings
        .iter()
        .filter(|f| matches!(f.status, Status::Conflict | Status::Inconsistent))
        .find(|f| {
            per.iter()
                .all(|cands| cands.iter().any(|c| f.claims.contains(&c.id)))
        })
        .map(|f| f.id.clone())
}

/// A warning/error finding that sets two claims of a listed agreement against each other: one
/// of its disagreeing `pairs` has one side matching one listed claim and the other side another.
fn flagged<'a>(report: &'a CompareReport, listed: &Listed) -> Option<&'a Finding> {
    let per: Vec<Vec<&Claim>> = listed.claims.iter().map(|l| matching(report, l)).collect();
    let side = |id: &str| -> BTreeSet<usize> {
        (0..per.len())
            .filter(|&i| per[i].iter().any(|c| c.id == id))
            .collect()
    };
    report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .filter(|f| matches!(f.status, Status::Conflict | Status::Inconsistent))
        .find(|f| {
            f.pairs.iter().any(|[a, b]| {
                let (sa, sb) = (side(a), side(b));
                sa.iter().any(|i| sb.iter().any(|j| i != j))
            })
        })
}

#[test]
fn corpus_conflicts_detected_and_agreements_not_flagged() {
    let events = events();
    assert!(!events.is_empty(), "no sources/*/expected.json found");
    let mut missed = Vec::new();
    let mut false_alarms = Vec::new();
    let (mut listed_total, mut detected_total, mut outside) = (0, 0, 0);
    for dir in &events {
        let expected: Expected =
            serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap())
                .unwrap();
        let report = run(dir);
        let mut explained: BTreeSet<String> = BTreeSet::new();
        for c in &expected.conflicts {
            listed_total += 1;
            match detected(&report, c) {
                Some(f) => {
                    detected_total += 1;
                    explained.insert(f);
                }
                None => missed.push(format!("{}: {}", dir.display(), c.id)),
            }
        }
        for a in &expected.agreements {
            if let Some(f) = flagged(&report, a) {
                false_alarms.push(format!(
                    "{}: {} flagged by {} ({})",
                    dir.display(),
                    a.id,
                    f.id,
                    f.message
                ));
            }
        }
        let noise: Vec<&Finding> = report
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning && !explained.contains(&f.id))
            .collect();
        outside += noise.len();
        for f in noise {
            eprintln!(
                "outside expected.json: {} {} {} {}",
                dir.display(),
                f.id,
                f.rule,
                f.message
            );
        }
    }
    eprintln!(
        "corpus: {detected_total}/{listed_total} conflicts detected, {} agreement(s) flagged, {outside} warning/error finding(s) outside expected.json",
        false_alarms.len()
    );
    assert!(missed.is_empty(), "missed conflicts: {missed:#?}");
    assert!(
        false_alarms.is_empty(),
        "flagged agreements: {false_alarms:#?}"
    );
}
