//! Claims view: the output of `factdiff claims`.
//!
//! Input: [`ClaimsReport`] (the sources as [`SourceInfo`]s and their [`Claim`]s). Output: a
//! `String`: a table per source (id, line:col, kind, text, details) or JSON
//! (`{"sources": [...], "claims": [...]}`, documented in `docs/claims.md`), or JSON lines (one
//! claim per line).

use comfy_table::{presets, Cell, CellAlignment, ContentArrangement, Table};
use serde::Serialize;

use crate::claims::{Claim, ClaimData, Quantity};
use crate::findings::SourceInfo;

/// Everything `factdiff claims` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimsReport {
    pub sources: Vec<SourceInfo>,
    pub claims: Vec<Claim>,
}

/// Pretty JSON with a final newline.
pub fn json(report: &ClaimsReport) -> String {
    let mut s =
        serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

/// One claim per line.
pub fn jsonl(report: &ClaimsReport) -> String {
    report
        .claims
        .iter()
        .filter_map(|c| serde_json::to_string(c).ok())
        .map(|l| l + "\n")
        .collect()
}

/// [`json`], written into `out` (streamed).
pub fn write_json(report: &ClaimsReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// [`jsonl`], written into `out` (streamed).
pub fn write_jsonl(report: &ClaimsReport, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for c in &report.claims {
        serde_json::to_writer(&mut *out, c).map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A table per source; `width` wraps to a terminal width, `None` means no wrapping.
pub fn table(report: &ClaimsReport, width: Option<u16>) -> String {
    let mut out = String::new();
    for (n, src) in report.sources.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let date = src
            .date
            .map_or_else(|| "no date".to_string(), |d| d.to_string());
        let mut head = format!("{} ({}, {date}", src.id, src.path.display());
        if let Some(o) = &src.outlet {
            head.push_str(&format!(", {o}"));
        }
        let claims: Vec<&Claim> = report
            .claims
            .iter()
            .filter(|c| c.source == src.id)
            .collect();
        head.push_str(&format!(
            "): {} sentences, {} claims\n",
            src.sentences,
            claims.len()
        ));
        out.push_str(&head);
        if claims.is_empty() {
            continue;
        }
        let mut t = Table::new();
        t.load_preset(presets::UTF8_FULL_CONDENSED);
        match width {
            Some(w) => {
                t.set_content_arrangement(ContentArrangement::Dynamic);
                t.set_width(w);
            }
            None => {
                t.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        t.set_header(vec!["id", "line:col", "kind", "text", "details"]);
        for c in claims {
            t.add_row(vec![
                Cell::new(&c.id),
                Cell::new(format!("{}:{}", c.line, c.column)).set_alignment(CellAlignment::Right),
                Cell::new(c.data.kind()),
                Cell::new(&c.text),
                Cell::new(details(c)),
            ]);
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    // No colour here: the whole text can be neutralised at once (outlets, speakers... come
    // from the reports).
    super::sanitize::terminal(&out).into_owned()
}

/// The details column of one claim.
pub fn details(c: &Claim) -> String {
    let mut parts: Vec<String> = Vec::new();
    match &c.data {
        ClaimData::Quantity { quantity } => parts.extend(quantity_details(quantity)),
        ClaimData::Date { date } => {
            let mut s = date.value.format("%Y-%m-%d (%A)").to_string();
            if let Some(r) = &date.resolved_from {
                s.push_str(&format!("; from {r}"));
            }
            parts.push(s);
        }
        ClaimData::Membership { membership: m } => {
            let members = if m.members.is_empty() {
                "no list".to_string()
            } else {
                m.members.join(", ")
            };
            let mut s = format!("{}: {members}", m.organization);
            if !m.members.is_empty() {
                s.push_str(&format!(" ({} named", m.members.len()));
                s.push_str(if m.complete {
                    ", complete)"
                } else {
                    ", partial)"
                });
            }
            if let Some(n) = m.stated_count {
                s.push_str(&format!("; stated size {n}"));
            }
            parts.push(s);
        }
        ClaimData::Attribution { attribution } => {
            parts.push(format!("speaker: {}", attribution.speaker));
        }
    }
    if let Some(a) = &c.attributed_to {
        parts.push(format!("according to {a}"));
    }
    parts.join("; ")
}

fn quantity_details(q: &Quantity) -> Vec<String> {
    let mut parts = Vec::new();
    let unit = q.unit.as_deref().unwrap_or("");
    let mut s = interval(q.low, q.high, q.value);
    if !unit.is_empty() {
        s.push(' ');
        s.push_str(unit);
    }
    if let Some(n) = &q.normalized {
        if q.unit.as_deref() != Some(n.unit.as_str()) {
            s.push_str(&format!(
                " → {} {}",
                interval(n.low, n.high, f64::NAN),
                n.unit
            ));
        }
    }
    parts.push(s);
    if let Some(c) = &q.counted {
        match &q.counted_class {
            Some(k) => parts.push(format!("counted: {c} ({k})")),
            None => parts.push(format!("counted: {c}")),
        }
    } else if let Some(k) = &q.counted_class {
        parts.push(format!("counted: ({k})"));
    }
    if let Some(r) = &q.role {
        parts.push(format!("role: {r}"));
    }
    parts
}

/// "18", "[1000, ∞)", "[10, 20]", "(-∞, 5]"; a point interval prints as one number.
fn interval(low: Option<f64>, high: Option<f64>, value: f64) -> String {
    match (low, high) {
        (Some(l), Some(h)) if l == h => num(l),
        (Some(l), Some(h)) => format!("[{}, {}]", num(l), num(h)),
        (Some(l), None) => format!("[{}, ∞)", num(l)),
        (None, Some(h)) => format!("(-∞, {}]", num(h)),
        (None, None) if value.is_finite() => num(value),
        (None, None) => "(-∞, ∞)".to_string(),
    }
}

/// A number with at most one decimal, no trailing ".0".
fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::{Attribution, DateClaim, Membership, Normalized};

    fn claim(data: ClaimData) -> Claim {
        Claim {
            id: "a#1".into(),
            source: "a".into(),
            source_index: 0,
            sentence_index: 0,
            text: "x".into(),
            line: 1,
            column: 1,
            span: (0, 1),
            sentence: "x".into(),
            attributed_to: None,
            data,
        }
    }

    #[test]
    fn quantity_details_show_interval_normalisation_and_role() {
        let q = Quantity {
            value: 1000.0,
            low: Some(1000.0),
            high: None,
            unit: Some("mile".into()),
            dimension: "length".into(),
            qualifier: Some("over".into()),
            normalized: Some(Normalized {
                low: Some(1609.344),
                high: None,
                unit: "km".into(),
            }),
            counted: Some("officers".into()),
            counted_class: Some("security_forces".into()),
            role: Some("killed".into()),
        };
        let mut c = claim(ClaimData::Quantity { quantity: q });
        c.attributed_to = Some("the ministry".into());
        assert_eq!(
            details(&c),
            "[1000, ∞) mile → [1609.3, ∞) km; counted: officers (security_forces); role: killed; according to the ministry"
        );
    }

    #[test]
    fn other_details() {
        let d = claim(ClaimData::Date {
            date: DateClaim {
                value: "2022-01-07".parse().unwrap(),
                resolved_from: Some("Friday, relative to report date 2022-01-08".into()),
            },
        });
        assert_eq!(
            details(&d),
            "2022-01-07 (Friday); from Friday, relative to report date 2022-01-08"
        );
        let m = claim(ClaimData::Membership {
            membership: Membership {
                organization: "SCO".into(),
                members: vec!["China".into(), "Russia".into()],
                stated_count: Some(8),
                complete: true,
            },
        });
        assert_eq!(
            details(&m),
            "SCO: China, Russia (2 named, complete); stated size 8"
        );
        let a = claim(ClaimData::Attribution {
            attribution: Attribution {
                speaker: "Xi".into(),
            },
        });
        assert_eq!(details(&a), "speaker: Xi");
    }
}
