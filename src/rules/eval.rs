//! Rule evaluation. Input: a [`RuleSet`](super::RuleSet), documents, alignment and claims of one
//! event. Output: [`Evaluation`]: compared topics (table rows) and findings.

use crate::align::Alignment;
use crate::claims::Claim;
use crate::findings::{Finding, Topic};
use crate::segment::Document;

use super::RuleSet;

/// What the rules decided for one event.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub topics: Vec<Topic>,
    pub findings: Vec<Finding>,
}

/// Run every rule over one event.
pub fn evaluate(
    rules: &RuleSet,
    docs: &[Document],
    alignment: &Alignment,
    claims: &[Claim],
) -> Evaluation {
    let _ = (rules, docs, alignment, claims);
    Evaluation::default()
}
