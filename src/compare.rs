//! Compare: runs the whole pipeline over the reports of one event.
//!
//! Input: the [`Source`]s of one event, a [`RuleSet`] and [`Options`]. Output: a
//! [`CompareReport`]. Stages: segment -> align -> claims -> rules -> findings.
//!
//! Limits ([`Options`]): sentence length (segmentation) and claims per report: a report with
//! more claims than [`Options::max_claims_per_report`] keeps its first ones in text order, and
//! the report carries a warning naming the file ([`CompareReport::warnings`]).

use rayon::prelude::*;

use crate::align::{self, AlignConfig};
use crate::claims::{self, Claim};
use crate::error::InputError;
use crate::findings::Severity;
use crate::findings::{self, CompareReport, Status, Summary, SCHEMA_VERSION};
use crate::ingest::{IngestConfig, Source};
use crate::rules::{eval, RuleSet};
use crate::segment::{self, Document, SegmentConfig};

/// Default for [`Options::max_claims_per_report`]: far above a real news report (well under
/// 1,000 figures, dates and lists), low enough to bound memory and time on generated or
/// concatenated text.
pub const DEFAULT_MAX_CLAIMS_PER_REPORT: usize = 20_000;

/// Options of one comparison.
#[derive(Debug, Clone)]
pub struct Options {
    pub align: AlignConfig,
    /// File-size limit for reports loaded from folders (`corpus`); `compare_sources` receives
    /// sources already loaded.
    pub ingest: IngestConfig,
    pub segment: SegmentConfig,
    /// Claims kept per report (the first ones, in text order); the rest are dropped with a
    /// warning.
    pub max_claims_per_report: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            align: AlignConfig::default(),
            ingest: IngestConfig::default(),
            segment: SegmentConfig::default(),
            max_claims_per_report: DEFAULT_MAX_CLAIMS_PER_REPORT,
        }
    }
}

/// Segment every source (in parallel; order is kept).
pub fn documents(sources: Vec<Source>) -> Vec<Document> {
    documents_with(sources, &SegmentConfig::default())
}

/// [`documents`] with explicit segmentation settings.
pub fn documents_with(sources: Vec<Source>, config: &SegmentConfig) -> Vec<Document> {
    sources
        .into_par_iter()
        .map(|s| segment::segment_with(s, config))
        .collect()
}

/// The claims of one document, at most `max` of them.
#[derive(Debug, Clone)]
pub struct CappedClaims {
    pub claims: Vec<Claim>,
    /// Set when claims were dropped: the warning to show (names the file).
    pub warning: Option<InputError>,
}

/// [`claims::extract`] keeping the first `max` claims in text order (their ids unchanged), with
/// a warning naming the file when claims were dropped. Reading stops at the sentence that
/// passes the cap ([`claims::extract_until`]).
pub fn extract_capped(doc: &Document, source_index: usize, max: usize) -> CappedClaims {
    let mut claims = claims::extract_until(doc, source_index, max);
    if claims.len() <= max {
        return CappedClaims {
            claims,
            warning: None,
        };
    }
    claims.truncate(max);
    let total = doc.sentences.len();
    let last = claims.last().map_or(0, |c| c.sentence_index + 1);
    let warning = InputError::new(
        &doc.source.path,
        format!(
            "more than {max} claims: only the first {max} (up to sentence {last} of {total}) are compared (--max-claims-per-report)"
        ),
    );
    CappedClaims {
        claims,
        warning: Some(warning),
    }
}

/// Run the whole pipeline over one event's sources.
pub fn compare_sources(
    event: &str,
    sources: Vec<Source>,
    rules: &RuleSet,
    options: &Options,
) -> CompareReport {
    let docs = documents_with(sources, &options.segment);
    compare_documents(event, &docs, rules, options)
}

/// Run align, claims and rules over already segmented documents.
pub fn compare_documents(
    event: &str,
    docs: &[Document],
    rules: &RuleSet,
    options: &Options,
) -> CompareReport {
    let alignment = align::align(docs, &options.align);
    let capped: Vec<CappedClaims> = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| extract_capped(d, i, options.max_claims_per_report))
        .collect();
    let mut warnings = Vec::new();
    // Joined into a vector of exact size (collecting a flattened iterator doubles its capacity
    // as it grows: up to twice the memory the claims need).
    let mut claims = Vec::with_capacity(capped.iter().map(|c| c.claims.len()).sum());
    for c in capped {
        warnings.extend(c.warning);
        claims.extend(c.claims);
    }
    let evaluation = eval::evaluate(rules, docs, &alignment, &claims);
    let mut summary = Summary {
        sources: docs.len(),
        sentences: docs.iter().map(|d| d.sentences.len()).sum(),
        claims: claims.len(),
        topics: evaluation.topics.len(),
        ..Summary::default()
    };
    for t in &evaluation.topics {
        if t.status == Status::Agree {
            summary.agreements += 1;
        }
    }
    for f in &evaluation.findings {
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
    CompareReport {
        schema_version: SCHEMA_VERSION,
        event: event.to_string(),
        sources: findings::source_infos(docs),
        alignment: findings::group_views(docs, &alignment),
        claims,
        topics: evaluation.topics,
        findings: evaluation.findings,
        summary,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn doc(text: &str) -> Document {
        let source = crate::ingest::parse(&PathBuf::from("many.txt"), text.as_bytes()).unwrap();
        segment::segment(source)
    }

    /// The first `max` claims of [`claims::extract`], same ids and data, whether the cap falls
    /// in the first chunk of sentences or after several rounds of growth, and a warning naming
    /// the file only when claims were dropped.
    #[test]
    fn extract_capped_is_a_prefix_of_the_full_extraction() {
        let body: String = (0..3_000)
            .map(|i| {
                format!(
                    "On 5 January police said {} people were detained in Almaty. ",
                    i + 10
                )
            })
            .collect();
        let d = doc(&format!("date 2022-01-07\n\n{body}\n"));
        assert_eq!(d.sentences.len(), 3_000);
        let all = claims::extract(&d, 0);
        assert!(all.len() >= 6_000, "{}", all.len());
        for max in [1, 100, 2_047, 2_048, 5_000, all.len() - 1] {
            let c = extract_capped(&d, 0, max);
            assert_eq!(c.claims, all[..max], "max {max}");
            let w = c.warning.expect("claims dropped");
            assert_eq!(w.path, PathBuf::from("many.txt"));
            assert!(
                w.message.starts_with(&format!(
                    "more than {max} claims: only the first {max} (up to sentence "
                )),
                "{}",
                w.message
            );
        }
        for max in [all.len(), all.len() + 1, usize::MAX] {
            let c = extract_capped(&d, 0, max);
            assert_eq!(c.claims, all, "max {max}");
            assert!(c.warning.is_none());
        }
    }

    /// Over the cap, `compare_sources` keeps the first claims, counts only them and carries
    /// the warning in the report; under it, no warning.
    #[test]
    fn claims_cap_is_reported_in_the_compare_report() {
        let text = "date 2022-01-07\n\nPolice said 18 officers were killed. Officials said 12 people were detained.\n";
        let source = crate::ingest::parse(&PathBuf::from("a.txt"), text.as_bytes()).unwrap();
        let rules = crate::rules::load_embedded().unwrap();
        let full = compare_sources("e", vec![source.clone()], &rules, &Options::default());
        assert!(full.warnings.is_empty());
        assert_eq!(full.summary.claims, 4);
        let opts = Options {
            max_claims_per_report: 1,
            ..Options::default()
        };
        let capped = compare_sources("e", vec![source], &rules, &opts);
        assert_eq!(capped.summary.claims, 1);
        assert_eq!(capped.claims[0], full.claims[0]);
        assert_eq!(
            capped.warnings,
            [InputError::new(
                "a.txt",
                "more than 1 claims: only the first 1 (up to sentence 1 of 2) are compared (--max-claims-per-report)"
            )]
        );
    }
}
