//! Compare: runs the whole pipeline over the reports of one event.
//!
//! Input: the [`Source`]s of one event, a [`RuleSet`] and [`Options`]. Output: a
//! [`CompareReport`]. Stages: segment -> align -> claims -> rules -> findings.

use rayon::prelude::*;

use crate::align::{self, AlignConfig};
use crate::claims;
use crate::findings::Severity;
use crate::findings::{self, CompareReport, Status, Summary, SCHEMA_VERSION};
use crate::ingest::Source;
use crate::rules::{eval, RuleSet};
use crate::segment::{self, Document};

/// Options of one comparison.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub align: AlignConfig,
}

/// Segment every source (in parallel; order is kept).
pub fn documents(sources: Vec<Source>) -> Vec<Document> {
    sources.into_par_iter().map(segment::segment).collect()
}

/// Run the whole pipeline over one event's sources.
pub fn compare_sources(
    event: &str,
    sources: Vec<Source>,
    rules: &RuleSet,
    options: &Options,
) -> CompareReport {
    let docs = documents(sources);
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
    let per_doc: Vec<Vec<_>> = docs
        .par_iter()
        .enumerate()
        .map(|(i, d)| claims::extract(d, i))
        .collect();
    // Joined into a vector of exact size (collecting a flattened iterator doubles its capacity
    // as it grows: up to twice the memory the claims need).
    let mut claims = Vec::with_capacity(per_doc.iter().map(Vec::len).sum());
    for c in per_doc {
        claims.extend(c);
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
    }
}
