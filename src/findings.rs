//! Findings: the boundary type between computing and display.
//!
//! Input: what the rule engine decided ([`Topic`]s and [`Finding`]s) together with the sources,
//! the alignment and the claims of one event. Output: [`CompareReport`] (one event) and
//! [`CheckReport`] (a corpus). Every renderer reads only these types; their JSON form is the
//! documented public contract (`schema_version` 1, see `docs/json-schema.md`).

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::align::Alignment;
use crate::claims::Claim;
use crate::error::InputError;
use crate::segment::Document;

pub const SCHEMA_VERSION: u32 = 1;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// The verdict on one compared topic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// All sources that speak of the topic agree (within tolerance).
    Agree,
    /// A later report revised an evolving figure (e.g. a death toll rose).
    Update,
    /// Two sources contradict each other.
    Conflict,
    /// One source contradicts itself (e.g. "eight-member" with seven names).
    Inconsistent,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Agree => "agree",
            Status::Update => "update",
            Status::Conflict => "conflict",
            Status::Inconsistent => "inconsistent",
        }
    }
}

/// One source as shown in reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SourceInfo {
    pub id: String,
    pub path: PathBuf,
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// Number of sentences.
    pub sentences: usize,
}

/// One member of an alignment group, resolved to text and position.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupMember {
    pub source: String,
    /// 0-based sentence index in its source.
    pub sentence: usize,
    pub line: usize,
    pub column: usize,
    pub span: (usize, usize),
    pub text: String,
}

/// One alignment group, resolved.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupView {
    pub score: f64,
    pub members: Vec<GroupMember>,
}

/// What one source says about one topic.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Cell {
    pub source: String,
    /// Claim ids (empty when the source is silent).
    pub claims: Vec<String>,
    /// The claim(s) as written ("over 1,000 mi"); empty when silent.
    pub display: String,
}

/// One compared topic: a row of the comparison table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Topic {
    /// Stable key, e.g. `casualties.killed/security_forces`.
    pub key: String,
    /// Human label, e.g. "killed: security forces".
    pub label: String,
    pub rule: String,
    pub status: Status,
    /// One cell per source, in source order.
    pub cells: Vec<Cell>,
}

/// Where a claim of a finding stands.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub claim: String,
    pub source: String,
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub span: (usize, usize),
    /// The claim's surface text.
    pub text: String,
    /// The whole sentence.
    pub sentence: String,
}

/// A discrepancy (or update) with everything needed to explain it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// `F1`, `F2`... in output order.
    pub id: String,
    /// Stable key for baselines: survives edits elsewhere in a report (no line numbers).
    pub fingerprint: String,
    pub rule: String,
    pub severity: Severity,
    pub status: Status,
    /// Topic key (see [`Topic::key`]).
    pub topic: String,
    /// Message with the compared values and the tolerance applied.
    pub message: String,
    /// The tolerance applied, in words ("relative 5%"), where the rule has one.
    pub tolerance: Option<String>,
    /// Ids of the claims involved; all resolve in [`CompareReport::claims`].
    pub claims: Vec<String>,
    pub evidence: Vec<Evidence>,
    /// The pairs of claim ids that disagree (conflict) or were revised, earlier first (update);
    /// empty when the finding is about one claim (inconsistent). Claims of the finding that
    /// appear in no pair together agree with each other.
    pub pairs: Vec<[String; 2]>,
}

/// Counts of one event.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    pub sources: usize,
    pub sentences: usize,
    pub claims: usize,
    pub topics: usize,
    pub agreements: usize,
    pub conflicts: usize,
    pub updates: usize,
    pub inconsistencies: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

/// Everything known about one event: the input of every renderer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareReport {
    pub schema_version: u32,
    /// Event name (folder name, or the group key of a corpus file).
    pub event: String,
    pub sources: Vec<SourceInfo>,
    pub alignment: Vec<GroupView>,
    pub claims: Vec<Claim>,
    pub topics: Vec<Topic>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    /// Limits that applied to this event's inputs (e.g. a report with more claims than
    /// `--max-claims-per-report`, of which only the first were compared), each naming the
    /// file. Not errors: the exit code does not change. Absent from JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<InputError>,
}

/// A whole corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckReport {
    pub schema_version: u32,
    pub events: Vec<CompareReport>,
    pub errors: Vec<InputError>,
    pub summary: Summary,
}

/// Resolve an alignment to text and positions.
pub fn group_views(docs: &[Document], alignment: &Alignment) -> Vec<GroupView> {
    alignment
        .groups
        .iter()
        .map(|g| GroupView {
            score: g.score,
            members: g
                .members
                .iter()
                .map(|m| {
                    let doc = &docs[m.source];
                    let s = &doc.sentences[m.sentence];
                    GroupMember {
                        source: doc.source.id.clone(),
                        sentence: m.sentence,
                        line: s.line,
                        column: s.column,
                        span: s.span,
                        text: doc.sentence_text(m.sentence).to_string(),
                    }
                })
                .collect(),
        })
        .collect()
}

/// Source infos of documents.
pub fn source_infos(docs: &[Document]) -> Vec<SourceInfo> {
    docs.iter()
        .map(|d| SourceInfo {
            id: d.source.id.clone(),
            path: d.source.path.clone(),
            date: d.source.date,
            title: d.source.title.clone(),
            outlet: d.source.outlet.clone(),
            sentences: d.sentences.len(),
        })
        .collect()
}
