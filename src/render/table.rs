//! table renderer. Input: [`CompareReport`] / [`CheckReport`]. Output: text.

use super::RenderOptions;
use crate::findings::{CheckReport, CompareReport};

/// Comparison table and findings of one event.
pub fn compare(report: &CompareReport, opts: &RenderOptions) -> String {
    let _ = (report, opts);
    todo!("render::table::compare")
}

/// Summary table and findings per event.
pub fn check(report: &CheckReport, opts: &RenderOptions) -> String {
    let _ = (report, opts);
    todo!("render::table::check")
}
