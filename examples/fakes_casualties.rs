//! Measure on FA-KES (Syrian-war reports labelled credible/fake by checking casualty counts) how
//! often factdiff flags a casualty conflict in groups of articles about the same day and place
//! that mix credible and fake articles, against groups of credible articles only.
//!
//! Input: the FA-KES CSV (`unit_id, article_title, article_content, source, date, location,
//! labels`; labels 1 = credible, 0 = fake). Output: a small table on stdout. It measures; it
//! does not train: no rule or vocabulary is tuned to this file.
//!
//! ```text
//! cargo run --release --example fakes_casualties -- ../shared/corpora/fa-kes/FA-KES-Dataset.csv
//! ```
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use factdiff::compare::{compare_sources, Options};
use factdiff::corpus::{self, FileOptions};
use factdiff::findings::{CompareReport, Status};
use rayon::prelude::*;

/// Rule id prefix of casualty rules.
const CASUALTY_PREFIX: &str = "casualties";

#[derive(Debug, Default)]
struct Tally {
    groups: usize,
    articles: usize,
    /// (groups, flagged) by group size: 2, 3-4, 5 or more articles.
    by_size: [(usize, usize); 3],
    flagged: usize,
    findings: usize,
    /// Casualty conflicts with at least one claim from a fake article.
    involving_fake: usize,
}

fn casualty_conflicts(r: &CompareReport) -> Vec<&factdiff::findings::Finding> {
    r.findings
        .iter()
        .filter(|f| f.rule.starts_with(CASUALTY_PREFIX) && f.status == Status::Conflict)
        .collect()
}

fn main() -> anyhow::Result<()> {
    let path = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared/corpora/fa-kes/FA-KES-Dataset.csv".into()),
    );
    let opts = FileOptions {
        text_column: "article_content".into(),
        source_column: "source".into(),
        date_column: "date".into(),
        group_by: vec!["date".into(), "location".into()],
    };
    let loaded = corpus::load_file(&path, &opts)?;
    // Labels by source path (`file#L<line>`): read the labels column the same way.
    let label_opts = FileOptions {
        text_column: "labels".into(),
        ..opts.clone()
    };
    let labels_file = corpus::load_file(&path, &label_opts)?;
    let mut label_of: BTreeMap<PathBuf, bool> = BTreeMap::new();
    for e in &labels_file.events {
        for s in &e.sources {
            label_of.insert(s.path.clone(), s.text.trim() == "1");
        }
    }
    let rules = factdiff::rules::load_rules(None, &[] as &[&str])?;
    let options = Options::default();
    let results: Vec<(String, Vec<bool>, CompareReport)> = loaded
        .events
        .into_par_iter()
        .map(|ev| {
            let credible: Vec<bool> = ev
                .sources
                .iter()
                .map(|s| label_of.get(&s.path).copied().unwrap_or(true))
                .collect();
            let report = compare_sources(&ev.name, ev.sources, &rules, &options);
            (ev.name, credible, report)
        })
        .collect();
    let mut mixed = Tally::default();
    let mut credible_only = Tally::default();
    let mut fake_only = Tally::default();
    for (_, credible, report) in &results {
        let tally = if credible.iter().all(|c| *c) {
            &mut credible_only
        } else if credible.iter().any(|c| *c) {
            &mut mixed
        } else {
            &mut fake_only
        };
        tally.groups += 1;
        tally.articles += credible.len();
        let size = match credible.len() {
            0..=2 => 0,
            3..=4 => 1,
            _ => 2,
        };
        tally.by_size[size].0 += 1;
        let conflicts = casualty_conflicts(report);
        if !conflicts.is_empty() {
            tally.flagged += 1;
            tally.by_size[size].1 += 1;
        }
        tally.findings += conflicts.len();
        let fake_ids: Vec<&str> = report
            .sources
            .iter()
            .zip(credible)
            .filter(|(_, c)| !**c)
            .map(|(s, _)| s.id.as_str())
            .collect();
        tally.involving_fake += conflicts
            .iter()
            .filter(|f| {
                f.evidence
                    .iter()
                    .any(|e| fake_ids.contains(&e.source.as_str()))
            })
            .count();
    }
    println!(
        "{}: {} rows, {} groups of >= 2 articles compared ({} smaller groups skipped)",
        path.display(),
        loaded.rows,
        results.len(),
        loaded.skipped_groups
    );
    println!("group kind       groups  articles/group  with casualty conflict  share   casualty conflicts  involving a fake article  flagged by size (2 | 3-4 | 5+)");
    for (name, t) in [
        ("mixed", &mixed),
        ("credible only", &credible_only),
        ("fake only", &fake_only),
    ] {
        let share = if t.groups == 0 {
            0.0
        } else {
            t.flagged as f64 / t.groups as f64
        };
        let mean = if t.groups == 0 {
            0.0
        } else {
            t.articles as f64 / t.groups as f64
        };
        let sizes = t
            .by_size
            .iter()
            .map(|(g, f)| format!("{f}/{g}"))
            .collect::<Vec<_>>()
            .join(" | ");
        println!(
            "{name:<16} {:>6}  {mean:>14.1}  {:>22}  {:>5.1}%  {:>18}  {:>24}  {sizes}",
            t.groups,
            t.flagged,
            share * 100.0,
            t.findings,
            t.involving_fake
        );
    }
    Ok(())
}
