//! Markdown renderer. Input: [`CompareReport`] / [`CheckReport`]. Output: a discrepancy report in
//! GitHub-flavoured Markdown, fit for a pull-request comment or an editor's email: a summary line,
//! the sources, the comparison table (one row per topic, one column per source) and every finding
//! with its evidence quoted.
//!
//! All report text is escaped: Markdown punctuation is backslash-escaped, `<`, `>` and `&` become
//! entities (GitHub renders inline HTML) and line breaks become spaces, so a report containing
//! pipes, backticks or HTML cannot break the table or inject markup.

use std::fmt::Write as _;

use crate::findings::{CheckReport, CompareReport, Evidence, Finding, Status, Summary};

/// Escape text for inline Markdown (also safe inside a table cell).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\r' | '\n' | '\t' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            // Bidirectional overrides / isolates would display the text in another order.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn status_badge(status: Status) -> &'static str {
    match status {
        Status::Agree => "agree",
        Status::Update => "**update**",
        Status::Conflict => "**CONFLICT**",
        Status::Inconsistent => "**INCONSISTENT**",
    }
}

/// `1 conflict`, `2 conflicts`; `plural` is used for every count but one.
pub(crate) fn count(n: usize, singular: &str, plural: &str) -> String {
    if n == 1 {
        format!("{n} {singular}")
    } else {
        format!("{n} {plural}")
    }
}

fn summary_line(s: &Summary) -> String {
    summary_counts(s, "**", "**")
}

/// The counts of a summary as one phrase, conflicts and inconsistencies wrapped in
/// `open`/`close` (Markdown `**`, HTML `<b>`): "3 sources, 40 sentences, ...: **2 conflicts**, ...".
pub(crate) fn summary_counts(s: &Summary, open: &str, close: &str) -> String {
    format!(
        "{}, {}, {}, {}: {open}{}{close}, {}, {open}{}{close}, {} ({}, {}, {})",
        count(s.sources, "source", "sources"),
        count(s.sentences, "sentence", "sentences"),
        count(s.claims, "claim", "claims"),
        count(s.topics, "topic", "topics"),
        count(s.conflicts, "conflict", "conflicts"),
        count(s.updates, "update", "updates"),
        count(s.inconsistencies, "inconsistency", "inconsistencies"),
        count(s.agreements, "agreement", "agreements"),
        count(s.errors, "error", "errors"),
        count(s.warnings, "warning", "warnings"),
        count(s.infos, "note", "notes")
    )
}

/// Byte offset of `needle` in `hay`: exact match first, then ASCII case-insensitive (which keeps
/// byte offsets valid).
pub(crate) fn find_claim(hay: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    hay.find(needle).or_else(|| {
        hay.to_ascii_lowercase()
            .find(&needle.to_ascii_lowercase())
            .filter(|&at| hay.is_char_boundary(at) && hay.is_char_boundary(at + needle.len()))
    })
}

/// Label of a topic key, from the report's topics (the key itself when unknown).
pub(crate) fn topic_label<'a>(r: &'a CompareReport, key: &'a str) -> &'a str {
    r.topics
        .iter()
        .find(|t| t.key == key)
        .map(|t| t.label.as_str())
        .unwrap_or(key)
}

/// Quote the sentence with the claim text in bold (when it is found in the sentence).
fn quote_evidence(ev: &Evidence) -> String {
    let sentence = ev.sentence.trim();
    let body = match find_claim(sentence, &ev.text) {
        Some(at) => format!(
            "{}**{}**{}",
            escape(&sentence[..at]),
            escape(&sentence[at..at + ev.text.len()]),
            escape(&sentence[at + ev.text.len()..])
        ),
        None => escape(sentence),
    };
    format!(
        "> **{}** ({}:{}:{}): {}\n",
        escape(&ev.source),
        escape(&ev.path.display().to_string()),
        ev.line,
        ev.column,
        body
    )
}

fn finding(out: &mut String, r: &CompareReport, f: &Finding, heading: &str) {
    let _ = writeln!(
        out,
        "{heading} {} · {} · {}: {}\n",
        escape(&f.id),
        f.severity.as_str(),
        f.status.as_str(),
        escape(topic_label(r, &f.topic))
    );
    let _ = writeln!(out, "{}\n", escape(&f.message));
    let mut meta = format!(
        "Rule `{}`, topic `{}`",
        f.rule.replace('`', "'"),
        f.topic.replace('`', "'")
    );
    if let Some(t) = &f.tolerance {
        let _ = write!(meta, ", tolerance {}", escape(t));
    }
    let _ = writeln!(out, "{meta}.\n");
    for ev in &f.evidence {
        out.push_str(&quote_evidence(ev));
        out.push_str(">\n");
    }
    if !f.evidence.is_empty() {
        // Drop the trailing empty quote line and close the block.
        out.truncate(out.len() - 2);
        out.push('\n');
    }
}

fn event_body(out: &mut String, r: &CompareReport, level: usize) {
    let h = "#".repeat(level);
    let _ = writeln!(out, "{}\n", summary_line(&r.summary));

    let _ = writeln!(out, "{h}# Sources\n");
    out.push_str("| source | date | outlet | title | sentences |\n|---|---|---|---|---:|\n");
    for s in &r.sources {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            escape(&s.id),
            s.date.map(|d| d.to_string()).unwrap_or_default(),
            escape(s.outlet.as_deref().unwrap_or("")),
            escape(s.title.as_deref().unwrap_or("")),
            s.sentences
        );
    }
    out.push('\n');

    if !r.topics.is_empty() {
        let _ = writeln!(out, "{h}# Comparison\n");
        out.push_str("| topic | status |");
        for s in &r.sources {
            let _ = write!(out, " {} |", escape(&s.id));
        }
        out.push_str("\n|---|---|");
        for _ in &r.sources {
            out.push_str("---|");
        }
        out.push('\n');
        for t in &r.topics {
            let _ = write!(out, "| {} | {} |", escape(&t.label), status_badge(t.status));
            for s in &r.sources {
                let cell = t
                    .cells
                    .iter()
                    .find(|c| c.source == s.id)
                    .map(|c| c.display.as_str())
                    .unwrap_or("");
                let shown = if cell.is_empty() {
                    "—".to_string()
                } else {
                    escape(cell)
                };
                let _ = write!(out, " {shown} |");
            }
            out.push('\n');
        }
        out.push('\n');
    }

    let _ = writeln!(out, "{h}# Findings\n");
    if r.findings.is_empty() {
        out.push_str("No discrepancies found.\n\n");
    }
    for f in &r.findings {
        finding(out, r, f, &format!("{h}##"));
    }
}

/// One event.
pub fn compare(report: &CompareReport) -> String {
    let mut out = format!("# factdiff: {}\n\n", escape(&report.event));
    event_body(&mut out, report, 1);
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A corpus: overall summary, a table of events, input errors, then each event.
pub fn check(report: &CheckReport) -> String {
    let mut out = String::from("# factdiff check\n\n");
    let _ = writeln!(
        out,
        "{}; {}\n",
        count(report.events.len(), "event", "events"),
        summary_line(&report.summary)
    );
    out.push_str(
        "| event | sources | sentences | claims | conflicts | updates | inconsistencies | errors | warnings |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    for e in &report.events {
        let s = &e.summary;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            escape(&e.event),
            s.sources,
            s.sentences,
            s.claims,
            s.conflicts,
            s.updates,
            s.inconsistencies,
            s.errors,
            s.warnings
        );
    }
    out.push('\n');
    if !report.errors.is_empty() {
        out.push_str("## Input errors\n\n");
        for e in &report.errors {
            let _ = writeln!(
                out,
                "- {}: {}",
                escape(&e.path.display().to_string()),
                escape(&e.message)
            );
        }
        out.push('\n');
    }
    for e in &report.events {
        let _ = writeln!(out, "## {}\n", escape(&e.event));
        event_body(&mut out, e, 2);
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn escaped_text_cannot_break_a_table_row(s in "\\PC*") {
            let e = escape(&s);
            proptest::prop_assert!(!e.contains(['<', '>', '\n', '\r']));
            // Every pipe and backtick is preceded by a backslash that is not itself escaped.
            let chars: Vec<char> = e.chars().collect();
            let mut i = 0;
            while i < chars.len() {
                if chars[i] == '\\' {
                    i += 2;
                    continue;
                }
                proptest::prop_assert!(chars[i] != '|' && chars[i] != '`', "{}", e);
                i += 1;
            }
        }
    }

    #[test]
    fn escapes_pipes_backticks_and_html() {
        assert_eq!(
            escape("a|b `c` <script>x</script> & *d*\nnext"),
            "a\\|b \\`c\\` &lt;script&gt;x&lt;/script&gt; &amp; \\*d\\* next"
        );
    }
}
