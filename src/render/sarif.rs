//! sarif renderer. Input: [`CompareReport`] / [`CheckReport`]. Output: text.

use crate::findings::{CheckReport, CompareReport};

/// One event.
pub fn compare(report: &CompareReport) -> String {
    let _ = report;
    todo!("render::sarif::compare")
}

/// A corpus.
pub fn check(report: &CheckReport) -> String {
    let _ = report;
    todo!("render::sarif::check")
}
