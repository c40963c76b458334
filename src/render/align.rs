//! Alignment output. Input: the sources ([`SourceInfo`]) and the resolved alignment groups
//! ([`GroupView`]) of one event. Output: a terminal table (one row per group, one column per
//! source, sentences truncated to a width) or the JSON document of `factdiff align --format json`.

use comfy_table::{presets, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};
use serde::Serialize;

use crate::findings::{GroupMember, GroupView, SourceInfo};

/// Narrowest sentence cell: on a narrower terminal the table overflows rather than showing
/// nothing useful.
const MIN_CELL: usize = 16;

/// The JSON document: sources, then groups (scores rounded to 3 decimals).
#[derive(Debug, Serialize)]
struct AlignDocument<'a> {
    sources: &'a [SourceInfo],
    groups: Vec<GroupRef<'a>>,
}

/// A group as in [`GroupView`], borrowing its members (no copy of the sentence texts).
#[derive(Debug, Serialize)]
struct GroupRef<'a> {
    score: f64,
    members: &'a [GroupMember],
}

/// Round a score to 3 decimals for display.
fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// `{"sources": [...], "groups": [{"score", "members": [...]}]}`, pretty-printed, with a final
/// newline.
pub fn json(sources: &[SourceInfo], groups: &[GroupView]) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    write_json(sources, groups, &mut out).map_err(serde_json::Error::io)?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// [`json`], written into `out` (streamed: the document is never held whole).
pub fn write_json(
    sources: &[SourceInfo],
    groups: &[GroupView],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let doc = AlignDocument {
        sources,
        groups: groups
            .iter()
            .map(|g| GroupRef {
                score: round3(g.score),
                members: &g.members,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// "1 source", "2 sources".
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Cut `text` to at most `max` characters, ending with "…" when cut. Line breaks become spaces;
/// terminal control characters become visible pictures ([`super::sanitize::terminal`]).
fn truncate(text: &str, max: usize) -> String {
    let flat: String = super::sanitize::terminal(text)
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if flat.chars().count() <= max {
        return flat;
    }
    let mut out: String = flat.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// A table of the alignment, `width` characters wide at most (unless there are so many sources
/// that every sentence cell would be narrower than 16 characters). Rows are groups in alignment
/// order; a cell is `L<line>: <sentence>`; a summary line follows.
pub fn table(sources: &[SourceInfo], groups: &[GroupView], width: usize) -> String {
    let n = sources.len().max(1);
    let group_w = groups.len().to_string().len().max(1);
    let score_w = "score".len();
    // Every column has a border on its left plus one space of padding on each side.
    let fixed = (n + 2) * 3 + 1 + group_w + score_w;
    let cell = (width.saturating_sub(fixed) / n).max(MIN_CELL);

    let mut table = Table::new();
    table
        .load_preset(presets::UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Disabled)
        .force_no_tty();
    let mut header = vec!["#".to_string(), "score".to_string()];
    header.extend(sources.iter().map(|s| {
        let id = truncate(&s.id, cell);
        match s.date {
            Some(d) => format!("{id}\n{d}"),
            None => id,
        }
    }));
    table.set_header(header);
    for (i, g) in groups.iter().enumerate() {
        let mut row = vec![(i + 1).to_string(), format!("{:.3}", round3(g.score))];
        for s in sources {
            let text = g
                .members
                .iter()
                .find(|m| m.source == s.id)
                .map(|m| truncate(&format!("L{}: {}", m.line, m.text), cell))
                .unwrap_or_default();
            row.push(text);
        }
        table.add_row(row);
    }
    for (i, column) in table.column_iter_mut().enumerate() {
        if i < 2 {
            column.set_cell_alignment(CellAlignment::Right);
        } else {
            column.set_constraint(ColumnConstraint::UpperBoundary(Width::Fixed(
                u16::try_from(cell + 2).unwrap_or(u16::MAX),
            )));
        }
    }
    let sentences: usize = sources.iter().map(|s| s.sentences).sum();
    let aligned = groups.iter().filter(|g| g.members.len() > 1).count();
    let mut out = table.to_string();
    out.push('\n');
    out.push_str(&format!(
        "{}, {}, {} ({} with sentences from 2 or more sources, {} single)\n",
        plural(sources.len(), "source"),
        plural(sentences, "sentence"),
        plural(groups.len(), "group"),
        aligned,
        groups.len() - aligned
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::GroupMember;
    use std::path::PathBuf;

    fn source(id: &str, date: Option<&str>) -> SourceInfo {
        SourceInfo {
            id: id.to_string(),
            path: PathBuf::from(format!("{id}.txt")),
            date: date.map(|d| d.parse().unwrap()),
            title: None,
            outlet: None,
            sentences: 2,
        }
    }

    fn member(source: &str, sentence: usize, text: &str) -> GroupMember {
        GroupMember {
            source: source.to_string(),
            sentence,
            line: sentence + 3,
            column: 1,
            span: (0, text.len()),
            text: text.to_string(),
        }
    }

    fn sample() -> (Vec<SourceInfo>, Vec<GroupView>) {
        let sources = vec![source("a", Some("2022-01-05")), source("b", None)];
        let groups = vec![
            GroupView {
                score: 0.666_666,
                members: vec![
                    member("a", 0, "Twelve officers were killed in Almaty on Thursday."),
                    member("b", 1, "18 officers were killed."),
                ],
            },
            GroupView {
                score: 1.0,
                members: vec![member("a", 1, "The airport was seized.")],
            },
            GroupView {
                score: 1.0,
                members: vec![member("b", 0, "Fuel prices doubled.")],
            },
        ];
        (sources, groups)
    }

    #[test]
    fn truncates_by_characters() {
        assert_eq!(truncate("abcdef", 6), "abcdef");
        assert_eq!(truncate("abcdefg", 6), "abcde…");
        assert_eq!(truncate("été\nà", 4), "été…");
        assert_eq!(truncate("a\nb", 5), "a b");
        assert_eq!(plural(1, "source"), "1 source");
        assert_eq!(plural(0, "group"), "0 groups");
    }

    #[test]
    fn table_rows_and_truncation() {
        let (sources, groups) = sample();
        let out = table(&sources, &groups, 60);
        let expected = "\
┌───┬───────┬──────────────────────┬──────────────────────┐
│ # ┆ score ┆ a                    ┆ b                    │
│   ┆       ┆ 2022-01-05           ┆                      │
╞═══╪═══════╪══════════════════════╪══════════════════════╡
│ 1 ┆ 0.667 ┆ L3: Twelve officers… ┆ L4: 18 officers wer… │
│ 2 ┆ 1.000 ┆ L4: The airport was… ┆                      │
│ 3 ┆ 1.000 ┆                      ┆ L3: Fuel prices dou… │
└───┴───────┴──────────────────────┴──────────────────────┘
2 sources, 4 sentences, 3 groups (1 with sentences from 2 or more sources, 2 single)
";
        assert_eq!(out, expected);
        assert!(out.lines().all(|l| l.chars().count() <= 85));
        assert!(out.lines().take(8).all(|l| l.chars().count() <= 60));
    }

    #[test]
    fn json_rounds_scores() {
        let (sources, groups) = sample();
        let out = json(&sources, &groups).unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["groups"][0]["score"], serde_json::json!(0.667));
        assert_eq!(v["groups"][0]["members"][1]["line"], serde_json::json!(4));
        assert_eq!(v["sources"][0]["date"], serde_json::json!("2022-01-05"));
        assert_eq!(v["sources"][1]["sentences"], serde_json::json!(2));
        assert!(out.starts_with("{\n  \"sources\": [\n    {\n      \"id\": \"a\",\n      \"path\": \"a.txt\",\n      \"date\": \"2022-01-05\","));
        assert!(out.ends_with("}\n"));
    }
}
