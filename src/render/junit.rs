//! junit renderer. Input: [`CompareReport`] / [`CheckReport`]. Output: text.

use crate::findings::{CheckReport, CompareReport};

/// One event.
pub fn compare(report: &CompareReport) -> String {
    let _ = report;
    todo!("render::junit::compare")
}

/// A corpus.
pub fn check(report: &CheckReport) -> String {
    let _ = report;
    todo!("render::junit::check")
}
