//! Claim extraction: turns the sentences of a [`Document`] into typed, normalised [`Claim`]s.
//!
//! Input: a [`Document`] (source + sentences). Output: `Vec<Claim>`, in text order, each with its
//! exact span, line and column in the original file. One recogniser per file: [`quantity`]
//! (numbers, units, approximation as intervals, counted noun and event role), [`date`] (absolute
//! and relative dates), [`membership`] (member lists of organisations), [`attribution`] (who said
//! it). Vocabularies (units, qualifiers, roles, noun classes, aliases) are data in `rules/vocab/`.

pub mod attribution;
pub mod date;
pub mod membership;
pub mod quantity;
pub mod units;

use chrono::NaiveDate;
use serde::Serialize;

use crate::segment::Document;

/// One claim found in one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// `"<source id>#<n>"`, n counting from 1 in text order.
    pub id: String,
    /// Source id.
    pub source: String,
    /// Index of the source in the event (order of the documents).
    #[serde(skip)]
    pub source_index: usize,
    /// Index of the sentence in its document.
    pub sentence_index: usize,
    /// Surface text of the claim, exactly as in the file.
    pub text: String,
    pub line: usize,
    pub column: usize,
    /// Byte span `[start, end)` of `text` in the original file.
    pub span: (usize, usize),
    /// The whole sentence the claim comes from.
    pub sentence: String,
    /// Who the sentence credits the claim to, if anyone ("the Interior Ministry").
    pub attributed_to: Option<String>,
    /// Kind-specific data; serialises as `"kind": "quantity", "quantity": {...}`.
    #[serde(flatten)]
    pub data: ClaimData,
}

/// The kinds of claims.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ClaimData {
    Quantity { quantity: Quantity },
    Date { date: DateClaim },
    Membership { membership: Membership },
    Attribution { attribution: Attribution },
}

impl ClaimData {
    pub fn kind(&self) -> &'static str {
        match self {
            ClaimData::Quantity { .. } => "quantity",
            ClaimData::Date { .. } => "date",
            ClaimData::Membership { .. } => "membership",
            ClaimData::Attribution { .. } => "attribution",
        }
    }
}

/// A closed or half-open interval; `None` means unbounded on that side.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Interval {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl Interval {
    pub fn point(v: f64) -> Self {
        Self {
            low: Some(v),
            high: Some(v),
        }
    }
    pub fn new(low: Option<f64>, high: Option<f64>) -> Self {
        Self { low, high }
    }
}

/// A number with its unit, approximation and meaning.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The number as written ("over 1,000" -> 1000).
    pub value: f64,
    /// Interval implied by qualifier and rounding, in the written unit.
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Unit id as written (`mile`, `km`, `USD`, `percent`), `None` for a bare count.
    pub unit: Option<String>,
    /// `count`, `length`, `area`, `mass`, `volume`, `duration`, `currency`, `percent`,
    /// `temperature`, `magnitude`...
    pub dimension: String,
    /// Qualifier as written, lower-cased ("over", "about", "more than").
    pub qualifier: Option<String>,
    /// Interval in the dimension's canonical unit, where convertible.
    pub normalized: Option<Normalized>,
    /// Counted noun phrase ("law enforcement officers", "people").
    pub counted: Option<String>,
    /// Class of the counted noun from vocabulary data ("security_forces", "people").
    pub counted_class: Option<String>,
    /// Event role ("killed", "injured", "detained", "deployed").
    pub role: Option<String>,
}

impl Quantity {
    /// The interval in the written unit.
    pub fn interval(&self) -> Interval {
        Interval::new(self.low, self.high)
    }
}

/// An interval in a canonical unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Normalized {
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: String,
}

/// A calendar date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateClaim {
    /// The date, `YYYY-MM-DD`.
    pub value: NaiveDate,
    /// How a relative date was resolved ("Friday before 2022-01-08"), `None` for absolute dates.
    pub resolved_from: Option<String>,
}

/// A list of members of an organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Membership {
    /// Canonical organisation name (acronym where one is known, e.g. `SCO`).
    pub organization: String,
    /// Canonical member names, in the order written.
    pub members: Vec<String>,
    /// Size stated in the text ("eight-member"), if any.
    pub stated_count: Option<u32>,
    /// Whether the list claims to be complete ("consisting of": yes; "includes": no).
    pub complete: bool,
}

/// A statement credited to someone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    pub speaker: String,
}

/// Extract all claims of a document. `source_index` is the document's position in its event.
pub fn extract(doc: &Document, source_index: usize) -> Vec<Claim> {
    let _ = (doc, source_index);
    todo!("claims::extract")
}
