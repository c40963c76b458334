//! `factdiff rules list | validate [DIR] | explain ID`.
//!
//! Input: the rules in force (embedded, `--rules DIR`, `--extra-rules DIR`) or a folder to
//! validate. Output: a table of rules, "N rules OK" or every error (exit 2), or one rule
//! explained in words.

use comfy_table::{presets, Cell, ContentArrangement, Table};

use super::compare::{load_rules, report_rule_errors};
use crate::cli::{RulesArgs, RulesCommand};
use crate::{EXIT_CLEAN, EXIT_ERROR};

pub fn run(args: RulesArgs) -> anyhow::Result<u8> {
    let mut out = std::io::stdout().lock();
    use std::io::Write;
    match args.command {
        RulesCommand::List(opts) => {
            let Some(set) = load_rules(&opts) else {
                return Ok(EXIT_ERROR);
            };
            let mut t = Table::new();
            t.load_preset(presets::UTF8_FULL_CONDENSED);
            t.force_no_tty();
            t.set_content_arrangement(ContentArrangement::Disabled);
            t.set_header(["id", "kind", "severity", "summary"]);
            let mut rules: Vec<_> = set.rules.iter().collect();
            rules.sort_by(|a, b| a.id.cmp(&b.id));
            for r in rules {
                t.add_row([
                    Cell::new(&r.id),
                    Cell::new(r.kind.as_str()),
                    Cell::new(r.severity.as_str()),
                    Cell::new(&r.summary),
                ]);
            }
            let _ = writeln!(out, "{t}");
            Ok(EXIT_CLEAN)
        }
        RulesCommand::Validate { dir } => {
            let result = match &dir {
                Some(d) => factdiff::rules::load_dir(d),
                None => factdiff::rules::load_embedded(),
            };
            match result {
                Ok(set) => {
                    let _ = writeln!(
                        out,
                        "{}: {} rule(s) OK",
                        dir.as_ref().map_or_else(
                            || "built-in rules".to_string(),
                            |d| d.display().to_string()
                        ),
                        set.rules.len()
                    );
                    Ok(EXIT_CLEAN)
                }
                Err(factdiff::Error::Rules(errors)) => {
                    report_rule_errors(&errors);
                    Ok(EXIT_ERROR)
                }
                Err(e) => Err(e.into()),
            }
        }
        RulesCommand::Explain { id, rules } => {
            let Some(set) = load_rules(&rules) else {
                return Ok(EXIT_ERROR);
            };
            match set.get(&id) {
                Some(rule) => {
                    let _ = write!(out, "{}", factdiff::rules::explain(rule));
                    Ok(EXIT_CLEAN)
                }
                None => {
                    let mut ids: Vec<&str> = set.rules.iter().map(|r| r.id.as_str()).collect();
                    ids.sort();
                    anyhow::bail!("no rule `{id}`; known rules: {}", ids.join(", "))
                }
            }
        }
    }
}
