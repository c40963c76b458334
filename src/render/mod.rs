//! Renderers: turn findings into text. Input: [`CompareReport`] (one event) or [`CheckReport`]
//! (a corpus). Output: text in one [`Format`], written to any [`Write`] ([`write_compare`] /
//! [`write_check`]: JSON and JSON lines are serialised straight into the writer, so a large
//! report is never held as one string) or returned as a `String` ([`compare`] / [`check`]).
//! Renderers never look at raw text processing; one file per format.

pub mod align;
pub mod claims;
pub mod github;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod sanitize;
pub mod sarif;
pub mod table;

use std::io::{self, Write};

use crate::findings::{CheckReport, CompareReport};

/// Output formats of `compare` and `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Markdown,
    Html,
    Sarif,
    Junit,
    Github,
}

/// Presentation options that only terminal output uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// ANSI colour (only on a terminal, never with NO_COLOR; decided by the binary).
    pub color: bool,
    /// Terminal width to fit tables into; `None` when not writing to a terminal.
    pub width: Option<u16>,
}

/// Render one event.
pub fn compare(format: Format, report: &CompareReport, opts: &RenderOptions) -> String {
    match format {
        Format::Table => table::compare(report, opts),
        Format::Json => json::compare(report),
        Format::Jsonl => json::compare_line(report),
        Format::Markdown => markdown::compare(report),
        Format::Html => html::compare(report),
        Format::Sarif => sarif::compare(report),
        Format::Junit => junit::compare(report),
        Format::Github => github::compare(report),
    }
}

/// Render a corpus.
pub fn check(format: Format, report: &CheckReport, opts: &RenderOptions) -> String {
    match format {
        Format::Table => table::check(report, opts),
        Format::Json => json::check(report),
        Format::Jsonl => json::check_lines(report),
        Format::Markdown => markdown::check(report),
        Format::Html => html::check(report),
        Format::Sarif => sarif::check(report),
        Format::Junit => junit::check(report),
        Format::Github => github::check(report),
    }
}

/// Render one event into `out`. JSON and JSON lines are streamed; the other formats are
/// rendered to text first (they are a summary: their size does not grow with the sentences).
/// Byte-identical to [`compare`]. Errors are the writer's (e.g. a closed pipe, a full disk).
pub fn write_compare(
    format: Format,
    report: &CompareReport,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => json::write_compare(report, out),
        Format::Jsonl => json::write_compare_line(report, out),
        _ => out.write_all(compare(format, report, opts).as_bytes()),
    }
}

/// Render a corpus into `out`; byte-identical to [`check`] (see [`write_compare`]).
pub fn write_check(
    format: Format,
    report: &CheckReport,
    opts: &RenderOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => json::write_check(report, out),
        Format::Jsonl => json::write_check_lines(report, out),
        _ => out.write_all(check(format, report, opts).as_bytes()),
    }
}
