//! Table renderer. Input: [`CompareReport`] / [`CheckReport`]. Output: text for a terminal.
//!
//! `compare`: a comparison table (one row per compared topic, one column per source headed by
//! its id and date, cells with each source's claims as written or `—` when silent, a status
//! column), then the findings (id, severity, status, rule, message, and one evidence line
//! `source:line:col  "sentence"` per claim), then a summary line. `check`: a summary table
//! (one row per event) and, per event, the same output as `compare`. Colour only when
//! [`RenderOptions::color`] is set; the table fits [`RenderOptions::width`] when given. Every
//! string that comes from the reports goes through [`super::sanitize::terminal`].

use comfy_table::{presets, Attribute, Cell, CellAlignment, Color, ContentArrangement, Table};

use super::sanitize::terminal as safe;
use super::RenderOptions;
use crate::findings::{CheckReport, CompareReport, Finding, Severity, Status, Summary};

fn new_table(opts: &RenderOptions) -> Table {
    let mut t = Table::new();
    t.load_preset(presets::UTF8_FULL_CONDENSED);
    t.force_no_tty();
    if opts.color {
        t.enforce_styling();
    }
    match opts.width {
        Some(w) => {
            t.set_width(w);
            t.set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            t.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    t
}

fn status_color(s: Status) -> Color {
    match s {
        Status::Agree => Color::Green,
        Status::Update => Color::Cyan,
        Status::Conflict => Color::Red,
        Status::Inconsistent => Color::Yellow,
    }
}

fn severity_color(s: Severity) -> Color {
    match s {
        Severity::Error => Color::Red,
        Severity::Warning => Color::Yellow,
        Severity::Info => Color::Cyan,
    }
}

fn paint(text: &str, color: Color, on: bool) -> String {
    if !on {
        return text.to_string();
    }
    let code = match color {
        Color::Red => 31,
        Color::Green => 32,
        Color::Yellow => 33,
        Color::Cyan => 36,
        _ => 39,
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

fn bold(text: &str, on: bool) -> String {
    if on {
        format!("\x1b[1m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// The comparison table of one event (without findings).
fn topics_table(report: &CompareReport, opts: &RenderOptions) -> String {
    let mut t = new_table(opts);
    let mut header = vec![Cell::new("topic").add_attribute(Attribute::Bold)];
    for s in &report.sources {
        let head = match s.date {
            Some(d) => format!("{}\n{}", safe(&s.id), d),
            None => safe(&s.id).into_owned(),
        };
        header.push(Cell::new(head).add_attribute(Attribute::Bold));
    }
    header.push(Cell::new("status").add_attribute(Attribute::Bold));
    t.set_header(header);
    for topic in &report.topics {
        let mut row = vec![Cell::new(safe(&topic.label))];
        for (n, _) in report.sources.iter().enumerate() {
            let shown = topic
                .cells
                .get(n)
                .map(|c| c.display.as_str())
                .filter(|d| !d.is_empty())
                .unwrap_or("—");
            let cell = Cell::new(safe(shown));
            row.push(if shown == "—" {
                cell.set_alignment(CellAlignment::Center)
            } else {
                cell
            });
        }
        let mut status = Cell::new(topic.status.as_str());
        if opts.color {
            status = status.fg(status_color(topic.status));
        }
        row.push(status);
        t.add_row(row);
    }
    t.to_string()
}

fn finding_text(f: &Finding, opts: &RenderOptions) -> String {
    let mut out = format!(
        "{} {} {} {}\n    {}\n",
        bold(&f.id, opts.color),
        paint(f.severity.as_str(), severity_color(f.severity), opts.color),
        paint(f.status.as_str(), status_color(f.status), opts.color),
        safe(&f.rule),
        safe(&f.message)
    );
    for e in &f.evidence {
        out.push_str(&format!(
            "    {}:{}:{}  \"{}\"\n",
            safe(&e.source),
            e.line,
            e.column,
            safe(e.sentence.trim())
        ));
    }
    out
}

fn summary_line(s: &Summary) -> String {
    format!(
        "{} topic(s): {} agree, {} conflict(s), {} update(s), {} inconsistenc{}; findings: {} error(s), {} warning(s), {} info\n",
        s.topics,
        s.agreements,
        s.conflicts,
        s.updates,
        s.inconsistencies,
        if s.inconsistencies == 1 { "y" } else { "ies" },
        s.errors,
        s.warnings,
        s.infos
    )
}

/// Comparison table and findings of one event.
pub fn compare(report: &CompareReport, opts: &RenderOptions) -> String {
    let mut out = format!(
        "{} ({} source(s), {} sentence(s), {} claim(s))\n",
        bold(&safe(&report.event), opts.color),
        report.summary.sources,
        report.summary.sentences,
        report.summary.claims
    );
    if report.topics.is_empty() {
        out.push_str("no topic is reported by two or more sources\n");
    } else {
        out.push_str(&topics_table(report, opts));
        out.push('\n');
    }
    if report.findings.is_empty() {
        out.push_str("\nno findings\n");
    } else {
        out.push_str(&format!("\nfindings ({}):\n", report.findings.len()));
        for f in &report.findings {
            out.push_str(&finding_text(f, opts));
        }
    }
    out.push('\n');
    out.push_str(&summary_line(&report.summary));
    out
}

/// Summary table and findings per event.
pub fn check(report: &CheckReport, opts: &RenderOptions) -> String {
    let mut t = new_table(opts);
    t.set_header(
        [
            "event",
            "sources",
            "sentences",
            "claims",
            "conflicts",
            "updates",
            "inconsistencies",
            // Findings of severity `error`, not input errors (those are listed below the table).
            "error findings",
        ]
        .into_iter()
        .map(|h| Cell::new(h).add_attribute(Attribute::Bold)),
    );
    for e in &report.events {
        let s = &e.summary;
        let mut row = vec![Cell::new(safe(&e.event))];
        for v in [
            s.sources,
            s.sentences,
            s.claims,
            s.conflicts,
            s.updates,
            s.inconsistencies,
            s.errors,
        ] {
            row.push(Cell::new(v).set_alignment(CellAlignment::Right));
        }
        t.add_row(row);
    }
    let s = &report.summary;
    let mut total = vec![Cell::new("total").add_attribute(Attribute::Bold)];
    for v in [
        s.sources,
        s.sentences,
        s.claims,
        s.conflicts,
        s.updates,
        s.inconsistencies,
        s.errors,
    ] {
        total.push(Cell::new(v).set_alignment(CellAlignment::Right));
    }
    t.add_row(total);
    let mut out = t.to_string();
    out.push('\n');
    for e in &report.events {
        out.push_str("\n== ");
        out.push_str(&compare(e, opts));
    }
    if !report.errors.is_empty() {
        out.push_str(&format!("\ninput errors ({}):\n", report.errors.len()));
        for e in &report.errors {
            out.push_str(&format!("    {}\n", safe(&e.to_string())));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::findings::{Cell as TCell, Evidence, SourceInfo, Topic};

    fn report() -> CompareReport {
        let src = |id: &str| SourceInfo {
            id: id.into(),
            path: PathBuf::from(format!("{id}.txt")),
            date: chrono::NaiveDate::from_ymd_opt(2022, 1, 6),
            title: None,
            outlet: None,
            sentences: 3,
        };
        let cell = |s: &str, d: &str| TCell {
            source: s.into(),
            claims: if d.is_empty() {
                vec![]
            } else {
                vec![format!("{s}#1")]
            },
            display: d.into(),
        };
        CompareReport {
            warnings: Vec::new(),
            schema_version: 1,
            event: "ev".into(),
            sources: vec![src("alpha"), src("beta"), src("gamma")],
            alignment: vec![],
            claims: vec![],
            topics: vec![Topic {
                key: "distances.border".into(),
                label: "border length".into(),
                rule: "distances.border".into(),
                status: Status::Conflict,
                cells: vec![
                    cell("alpha", "1,100 km"),
                    cell(
                        "beta",
                        "1,782 km, a figure quoted at some length to make the cell wide",
                    ),
                    cell("gamma", ""),
                ],
            }],
            findings: vec![Finding {
                id: "F1".into(),
                fingerprint: "0123456789abcdef".into(),
                rule: "distances.border".into(),
                severity: Severity::Error,
                status: Status::Conflict,
                topic: "distances.border".into(),
                message: "border length: \"1,100 km\" vs \"1,782 km\"".into(),
                tolerance: Some("relative 2%".into()),
                claims: vec!["alpha#1".into(), "beta#1".into()],
                pairs: vec![["alpha#1".into(), "beta#1".into()]],
                evidence: vec![Evidence {
                    claim: "alpha#1".into(),
                    source: "alpha".into(),
                    path: PathBuf::from("alpha.txt"),
                    line: 3,
                    column: 7,
                    span: (10, 18),
                    text: "1,100 km".into(),
                    sentence: "It has a 1,100 km border.".into(),
                }],
            }],
            summary: Summary {
                sources: 3,
                topics: 1,
                conflicts: 1,
                errors: 1,
                ..Summary::default()
            },
        }
    }

    #[test]
    fn silent_sources_show_a_dash_and_evidence_lines() {
        let out = compare(&report(), &RenderOptions::default());
        assert!(out.contains("—"));
        assert!(out.contains("alpha\n") || out.contains("alpha "));
        assert!(
            out.contains("    alpha:3:7  \"It has a 1,100 km border.\"\n"),
            "{out}"
        );
        assert!(out.contains("F1 error conflict distances.border\n"));
        assert!(!out.contains('\x1b'));
    }

    #[test]
    fn table_fits_the_width() {
        let opts = RenderOptions {
            color: false,
            width: Some(60),
        };
        let out = compare(&report(), &opts);
        let table: Vec<&str> = out
            .lines()
            .filter(|l| l.starts_with(['┌', '│', '└', '╞']))
            .collect();
        assert!(!table.is_empty());
        for l in table {
            assert!(l.chars().count() <= 60, "{l}");
        }
    }

    #[test]
    fn colour_only_when_asked() {
        let opts = RenderOptions {
            color: true,
            width: None,
        };
        assert!(compare(&report(), &opts).contains("\x1b[31m"));
    }

    #[test]
    fn check_has_a_summary_row_per_event_then_each_event() {
        let r = report();
        let check_report = CheckReport {
            schema_version: 1,
            events: vec![r.clone()],
            errors: vec![],
            summary: r.summary.clone(),
        };
        let out = check(&check_report, &RenderOptions::default());
        let header = out.lines().nth(1).unwrap();
        for h in [
            "event",
            "sources",
            "sentences",
            "claims",
            "conflicts",
            "updates",
            "inconsistencies",
            "error findings",
        ] {
            assert!(header.contains(h), "{header}");
        }
        assert!(out.contains("== ev (3 source(s)"), "{out}");
        assert!(out.contains("│ total"), "{out}");
    }
}
