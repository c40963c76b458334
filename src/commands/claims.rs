//! `factdiff claims`: load reports, segment them, extract their claims and print them.
//!
//! Input: report paths. Output: a table per source, JSON (`{"sources", "claims"}`, see
//! `docs/claims.md`) or JSON lines on stdout / `--output`. Exit code 0, or 2 when some input
//! could not be read (after printing the claims of the others).

use anyhow::bail;
use factdiff::render::claims::{self as view, ClaimsReport};

use super::{emit, emit_with, report_errors, report_warnings, term_width};
use crate::cli::{ClaimsArgs, Format};

pub fn run(args: ClaimsArgs) -> anyhow::Result<u8> {
    let format = args.output.format;
    if !matches!(format, Format::Table | Format::Json | Format::Jsonl) {
        bail!("`claims` supports --format table, json or jsonl");
    }
    let loaded = factdiff::ingest::load_with(&args.paths, &args.limits.ingest());
    let seg = args.limits.segment();
    let docs: Vec<_> = loaded
        .sources
        .into_iter()
        .map(|s| factdiff::segment::segment_with(s, &seg))
        .collect();
    let mut warnings = Vec::new();
    let mut claims = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let capped = factdiff::compare::extract_capped(d, i, args.limits.max_claims_per_report);
        warnings.extend(capped.warning);
        claims.extend(capped.claims);
    }
    let report = ClaimsReport {
        sources: factdiff::findings::source_infos(&docs),
        claims,
    };
    match format {
        Format::Json => emit_with(&args.output, |out| view::write_json(&report, out))?,
        Format::Jsonl => emit_with(&args.output, |out| view::write_jsonl(&report, out))?,
        _ => emit(
            &args.output,
            &view::table(&report, term_width(&args.output)),
        )?,
    }
    report_warnings(&warnings);
    report_errors(&loaded.errors);
    Ok(if loaded.errors.is_empty() { 0 } else { 2 })
}
