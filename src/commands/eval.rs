//! `factdiff eval`: compare every event of a corpus that has an `expected.json`, score the
//! findings against it, print a table or JSON, and exit 1 when below the given thresholds (2 on
//! input errors).

use factdiff::corpus;
use factdiff::eval::{self, EvalReport};

use super::check::{load_rules, options};
use crate::cli::{EvalArgs, Format};
use crate::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};

fn note(msg: &str) {
    #[allow(clippy::print_stderr)]
    {
        eprintln!("factdiff: {msg}");
    }
}

pub fn run(args: EvalArgs) -> anyhow::Result<u8> {
    if !matches!(args.format, Format::Table | Format::Json) {
        anyhow::bail!("`eval` writes only table or json output");
    }
    let rules = load_rules(&args.rules)?;
    let opts = options(&args.align, &args.limits);
    let all = corpus::discover(&args.corpus)?;
    let mut errors = Vec::new();
    let mut dirs = Vec::new();
    let mut expected = Vec::new();
    for d in all {
        let path = d.path.join("expected.json");
        if !path.exists() {
            note(&format!(
                "note: {}: no expected.json, not scored",
                d.path.display()
            ));
            continue;
        }
        match eval::load_expected(&path) {
            Ok(e) => {
                expected.push((d.name.clone(), e));
                dirs.push(d);
            }
            Err(e) => errors.push(e),
        }
    }
    if dirs.is_empty() && errors.is_empty() {
        anyhow::bail!(
            "{}: no event folder has an expected.json",
            args.corpus.display()
        );
    }
    let report = corpus::check_dirs(&dirs, &rules, &opts, &|_| {});
    for event in &report.events {
        super::report_warnings(&event.warnings);
    }
    errors.extend(report.errors);
    let events: Vec<_> = report
        .events
        .iter()
        .filter_map(|r| {
            expected
                .iter()
                .find(|(n, _)| *n == r.event)
                .map(|(_, e)| eval::score(r, e))
        })
        .collect();
    let total = eval::totals(&events);
    let out = EvalReport {
        events,
        total,
        errors,
    };
    let text = match args.format {
        Format::Json => serde_json::to_string_pretty(&out)? + "\n",
        _ => eval::render_table(&out),
    };
    super::emit(
        &crate::cli::OutputOpts {
            format: args.format,
            output: None,
            color: crate::cli::ColorChoice::Never,
        },
        &text,
    )?;
    super::report_errors(&out.errors);
    if !out.errors.is_empty() {
        return Ok(EXIT_ERROR);
    }
    let failed = eval::failures(&out.total, args.min_recall, args.max_false_alarms);
    for f in &failed {
        note(&format!("eval: {f}"));
    }
    Ok(if failed.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}
