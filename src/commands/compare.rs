//! `factdiff compare PATHS...`: compare the reports of one event (files, or one event folder).
//! `--write-baseline FILE` records the findings (exit 0); `--baseline FILE` hides recorded ones.
//!
//! Input: paths, rule options, output options. Output: the rendered report on stdout or
//! `--output`, input errors on stderr; exit 0 (nothing at or above `--fail-on`), 1 (findings at
//! or above it) or 2 (usage, rules or input errors, after processing every readable input).

use std::path::Path;

use factdiff::compare::{compare_sources, Options};
use factdiff::findings::{CompareReport, Severity};
use factdiff::render::{self, RenderOptions};

use super::{emit_with, report_errors, term_width, use_color};
use crate::cli::{AlignOpts, CompareArgs, FailOn, RulesOpts};
use crate::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};

/// The lowest severity that fails the run, `None` for `never`.
pub fn fail_threshold(f: FailOn) -> Option<Severity> {
    match f {
        FailOn::Error => Some(Severity::Error),
        FailOn::Warning => Some(Severity::Warning),
        FailOn::Info => Some(Severity::Info),
        FailOn::Never => None,
    }
}

/// Whether any finding of the report is at or above the threshold.
pub fn fails(report: &CompareReport, fail_on: FailOn) -> bool {
    fail_threshold(fail_on).is_some_and(|t| report.findings.iter().any(|f| f.severity >= t))
}

/// Load the rules in force; rule errors go to stderr (all of them) and yield `None`.
pub fn load_rules(opts: &RulesOpts) -> Option<factdiff::rules::RuleSet> {
    match factdiff::rules::load_rules(opts.rules.as_deref(), &opts.extra_rules) {
        Ok(set) => Some(set),
        Err(factdiff::Error::Rules(errors)) => {
            report_rule_errors(&errors);
            None
        }
        Err(e) => {
            report_rule_errors(&[e.to_string()]);
            None
        }
    }
}

/// Print rule errors on stderr.
pub fn report_rule_errors(errors: &[String]) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    for e in errors {
        // Errors quote the offending line of the rule file: no terminal controls.
        let _ = writeln!(
            err,
            "factdiff: error: {}",
            factdiff::render::sanitize::terminal(e)
        );
    }
    let _ = writeln!(err, "factdiff: {} error(s) in rules", errors.len());
}

/// Comparison options from the command line.
pub fn options(align: &AlignOpts) -> Options {
    Options {
        align: factdiff::align::AlignConfig {
            threshold: align.threshold,
            token_weight: align.token_weight,
            ..factdiff::align::AlignConfig::default()
        },
    }
}

/// The event name: the folder's name for one folder (as written, so a symlink keeps its own
/// name; `.` resolves to the current folder's name), else "event".
pub fn event_name(paths: &[std::path::PathBuf]) -> String {
    match paths {
        [one] if one.is_dir() => one
            .file_name()
            .map(|n| n.to_os_string())
            .or_else(|| {
                one.canonicalize()
                    .ok()
                    .and_then(|c| c.file_name().map(|n| n.to_os_string()))
            })
            .and_then(|n| n.into_string().ok())
            .unwrap_or_else(|| "event".to_string()),
        _ => "event".to_string(),
    }
}

pub fn run(args: CompareArgs) -> anyhow::Result<u8> {
    let Some(rules) = load_rules(&args.rules) else {
        return Ok(EXIT_ERROR);
    };
    let loaded = factdiff::ingest::load(&args.paths);
    report_errors(&loaded.errors);
    if loaded.sources.is_empty() {
        if loaded.errors.is_empty() {
            report_errors(&[factdiff::InputError::new(
                args.paths.first().map_or(Path::new("."), |p| p.as_path()),
                "no .txt or .md report found",
            )]);
        }
        return Ok(EXIT_ERROR);
    }
    let mut report = compare_sources(
        &event_name(&args.paths),
        loaded.sources,
        &rules,
        &options(&args.align),
    );
    if let Some(path) = &args.gate.write_baseline {
        std::fs::write(path, factdiff::baseline::write(&[&report]))
            .map_err(|e| anyhow::anyhow!("{}: cannot write baseline: {e}", path.display()))?;
    }
    if let Some(path) = &args.gate.baseline {
        let baseline = factdiff::baseline::load(path)?;
        let hidden = factdiff::baseline::apply(&baseline, &mut report);
        if hidden > 0 {
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr().lock(),
                "factdiff: {hidden} finding(s) hidden by baseline {}",
                path.display()
            );
        }
    }
    let ropts = RenderOptions {
        color: use_color(&args.output),
        width: term_width(&args.output),
    };
    let format = args.output.format.into();
    emit_with(&args.output, |out| {
        render::write_compare(format, &report, &ropts, out)
    })?;
    Ok(if !loaded.errors.is_empty() {
        EXIT_ERROR
    } else if args.gate.write_baseline.is_some() {
        // Writing a baseline accepts the current findings.
        EXIT_CLEAN
    } else if fails(&report, args.gate.fail_on) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}
