//! `factdiff check`: compare every event of a corpus folder or corpus file, render the result,
//! apply / write a baseline, and map the outcome to the exit code (2 input errors, 1 findings at
//! or above `--fail-on`, 0 otherwise). Progress goes to stderr only when it is a terminal.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::Context as _;
use factdiff::compare::Options;
use factdiff::corpus::{self, FileOptions};
use factdiff::findings::{CheckReport, Severity};
use factdiff::render::{self, RenderOptions};
use factdiff::rules::RuleSet;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::{emit_with, report_errors, term_width, use_color};
use crate::cli::{AlignOpts, CheckArgs, FailOn, RulesOpts};
use crate::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};

/// Fewest events for which a progress bar is worth drawing.
const PROGRESS_MIN_EVENTS: usize = 20;

/// The rule set named by `--rules` / `--extra-rules` (built-in rules by default).
/// Rule errors come back as one error listing every `path:line:col: message` (exit 2).
pub fn load_rules(opts: &RulesOpts) -> anyhow::Result<RuleSet> {
    Ok(factdiff::rules::load_rules(
        opts.rules.as_deref(),
        &opts.extra_rules,
    )?)
}

/// Pipeline options from the command line.
pub fn options(align: &AlignOpts) -> Options {
    Options {
        align: with_align(factdiff::align::AlignConfig::default(), align),
    }
}

/// The defaults with the command-line settings on top (other fields keep their defaults).
fn with_align(
    mut config: factdiff::align::AlignConfig,
    align: &AlignOpts,
) -> factdiff::align::AlignConfig {
    config.threshold = align.threshold;
    config.token_weight = align.token_weight;
    config
}

/// Lowest severity that fails the run, `None` for `--fail-on never`.
pub fn fail_threshold(f: FailOn) -> Option<Severity> {
    match f {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    }
}

/// A progress bar on stderr for `n` events, hidden when stderr is not a terminal or the run is
/// short.
pub fn progress_bar(n: usize) -> ProgressBar {
    if n < PROGRESS_MIN_EVENTS || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} events {msg}",
    ) {
        pb.set_style(style);
    }
    pb
}

fn note(msg: &str) {
    #[allow(clippy::print_stderr)]
    {
        eprintln!("factdiff: note: {msg}");
    }
}

/// Run the corpus (folder or file) with a progress bar.
fn run_corpus(args: &CheckArgs, rules: &RuleSet, opts: &Options) -> anyhow::Result<CheckReport> {
    if let Some(file) = &args.input {
        let fopts = FileOptions {
            text_column: args.text_column.clone().unwrap_or_else(|| "text".into()),
            source_column: args
                .source_column
                .clone()
                .unwrap_or_else(|| "source".into()),
            date_column: args.date_column.clone().unwrap_or_else(|| "date".into()),
            group_by: args.group_by.clone(),
        };
        let loaded = corpus::load_file(file, &fopts)?;
        if loaded.skipped_groups > 0 || loaded.empty_rows > 0 {
            note(&format!(
                "{}: {} rows, {} events compared; {} groups with fewer than 2 articles skipped, {} rows with empty text skipped",
                file.display(),
                loaded.rows,
                loaded.events.len(),
                loaded.skipped_groups,
                loaded.empty_rows
            ));
        }
        let pb = progress_bar(loaded.events.len());
        let report = corpus::check_events(loaded.events, file, loaded.errors, rules, opts, &|_| {
            pb.inc(1)
        });
        pb.finish_and_clear();
        return Ok(report);
    }
    let root = args.corpus.as_deref().unwrap_or_else(|| Path::new("."));
    let dirs = corpus::discover(root)?;
    let pb = progress_bar(dirs.len());
    let report = corpus::check_dirs(&dirs, rules, opts, &|_| pb.inc(1));
    pb.finish_and_clear();
    Ok(report)
}

pub fn run(args: CheckArgs) -> anyhow::Result<u8> {
    // clap does not enforce `requires = "input"` here (clap#3076), so check it ourselves.
    if args.input.is_none() {
        let given: Vec<&str> = [
            ("--text-column", args.text_column.is_some()),
            ("--source-column", args.source_column.is_some()),
            ("--date-column", args.date_column.is_some()),
            ("--group-by", !args.group_by.is_empty()),
        ]
        .into_iter()
        .filter_map(|(flag, set)| set.then_some(flag))
        .collect();
        if !given.is_empty() {
            anyhow::bail!("{} only apply with --input FILE", given.join(", "));
        }
    }
    let rules = load_rules(&args.rules)?;
    let opts = options(&args.align);
    let mut report = run_corpus(&args, &rules, &opts)?;

    if let Some(path) = &args.gate.write_baseline {
        let events: Vec<_> = report.events.iter().collect();
        std::fs::write(path, factdiff::baseline::write(&events))
            .with_context(|| format!("{}: cannot write baseline", path.display()))?;
        note(&format!(
            "{}: recorded {} findings",
            path.display(),
            report
                .events
                .iter()
                .map(|e| e.findings.len())
                .sum::<usize>()
        ));
    }
    if let Some(path) = &args.gate.baseline {
        let baseline = factdiff::baseline::load(path)?;
        let hidden = factdiff::baseline::apply_check(&baseline, &mut report);
        if hidden > 0 {
            note(&format!(
                "{hidden} findings hidden by baseline {}",
                path.display()
            ));
        }
    }

    let ropts = RenderOptions {
        color: use_color(&args.output),
        width: term_width(&args.output),
    };
    let format = args.output.format.into();
    emit_with(&args.output, |out| {
        render::write_check(format, &report, &ropts, out)
    })?;
    report_errors(&report.errors);

    Ok(exit_code(
        &report,
        args.gate.fail_on,
        args.gate.write_baseline.is_some(),
    ))
}

/// 2 when an input could not be read; 0 after writing a baseline (the findings are accepted);
/// else 1 when a finding at or above `--fail-on` remains.
pub fn exit_code(report: &CheckReport, fail_on: FailOn, wrote_baseline: bool) -> u8 {
    if !report.errors.is_empty() {
        return EXIT_ERROR;
    }
    if wrote_baseline {
        return EXIT_CLEAN;
    }
    let failing = fail_threshold(fail_on).is_some_and(|min| {
        report
            .events
            .iter()
            .flat_map(|e| &e.findings)
            .any(|f| f.severity >= min)
    });
    if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    }
}
