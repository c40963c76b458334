//! `factdiff align`: load reports, segment them, align their sentences and print the groups.
//!
//! Input: [`AlignArgs`] (paths, `--threshold`, `--token-weight`, output options). Output: the
//! alignment as a table or JSON on stdout (or `--output`); unreadable inputs are reported on
//! stderr and make the exit code 2, after everything readable was aligned and printed.

use factdiff::align::{align, AlignConfig};
use factdiff::findings::{group_views, source_infos};
use factdiff::render;
use factdiff::segment::{segment_with, Document};

use crate::cli::{AlignArgs, Format};

/// Table width when stdout is not a terminal (pipes, files, tests): fixed, so output is stable.
const DEFAULT_WIDTH: usize = 120;

pub fn run(args: AlignArgs) -> anyhow::Result<u8> {
    let format = args.output.format;
    if !matches!(format, Format::Table | Format::Json) {
        anyhow::bail!("`align` supports --format table or json");
    }
    for (name, value) in [
        ("--threshold", args.align.threshold),
        ("--token-weight", args.align.token_weight),
    ] {
        if !(0.0..=1.0).contains(&value) {
            anyhow::bail!("{name} must be between 0 and 1, got {value}");
        }
    }
    let config = AlignConfig {
        threshold: args.align.threshold,
        token_weight: args.align.token_weight,
        ..AlignConfig::default()
    };

    let loaded = factdiff::ingest::load_with(&args.paths, &args.limits.ingest());
    super::report_errors(&loaded.errors);
    let seg = args.limits.segment();
    let docs: Vec<Document> = loaded
        .sources
        .into_iter()
        .map(|s| segment_with(s, &seg))
        .collect();
    let alignment = align(&docs, &config);
    let sources = source_infos(&docs);
    let groups = group_views(&docs, &alignment);

    match format {
        Format::Json => super::emit_with(&args.output, |out| {
            render::align::write_json(&sources, &groups, out)
        })?,
        _ => {
            let width = super::term_width(&args.output).map_or(DEFAULT_WIDTH, usize::from);
            super::emit(
                &args.output,
                &render::align::table(&sources, &groups, width),
            )?;
        }
    }
    Ok(if loaded.errors.is_empty() {
        crate::EXIT_CLEAN
    } else {
        crate::EXIT_ERROR
    })
}
