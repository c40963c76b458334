//! HTML renderer. Input: [`CompareReport`] / [`CheckReport`]. Output: ONE self-contained HTML
//! page for editors (inline CSS, inline SVG, no scripts, no external assets; works offline).
//!
//! Per event: the summary, the sources, the comparison table, then each finding with its evidence
//! sentences side by side, word-level differences highlighted (`similar`, diffing every sentence
//! against the first one) and the claim itself marked; for findings over quantities a small SVG
//! chart places each source's value or interval on one axis. Every piece of report text goes
//! through [`escape`], in element content and in attributes alike, so a report containing
//! `<script>` comes out as inert text.

use std::fmt::Write as _;

use similar::{ChangeTag, TextDiff};

use super::markdown::{count, find_claim, summary_counts, topic_label};
use crate::claims::{Claim, ClaimData};
use crate::findings::{CheckReport, CompareReport, Evidence, Finding, Status, Summary};

/// Escape text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Control characters are invalid in HTML and act on a terminal that shows the file: they
    // become visible pictures first (NUL included).
    for c in super::sanitize::terminal(text).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\0' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = "\
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2330;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.3rem;border-bottom:2px solid #d6dae3;padding-bottom:.2rem;margin-top:2.5rem}
h3{font-size:1.05rem;margin:.2rem 0 .4rem}
table{border-collapse:collapse;margin:.6rem 0 1.2rem;font-size:.9rem}
th,td{border:1px solid #d6dae3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f1f3f7}td.num{text-align:right}
.summary{background:#f7f8fa;border-left:4px solid #7a8599;padding:.5rem .8rem}
.st{font-weight:600;white-space:nowrap}.st-agree{color:#2f7d32}.st-update{color:#8a6d00}
.st-conflict,.st-inconsistent{color:#b3261e}.silent{color:#9aa1ad}
tr.row-conflict td,tr.row-inconsistent td{background:#fdf1f0}tr.row-update td{background:#fdf9e8}
.finding{border:1px solid #d6dae3;border-radius:6px;padding:.7rem 1rem;margin:1rem 0}
.finding.sev-error{border-left:6px solid #b3261e}.finding.sev-warning{border-left:6px solid #c98a00}
.finding.sev-info{border-left:6px solid #5b7bb5}
.meta{color:#59627a;font-size:.85rem}
.evidence{display:flex;flex-wrap:wrap;gap:.8rem;margin:.6rem 0}
.ev{flex:1 1 18rem;background:#fafbfc;border:1px solid #e3e6ec;border-radius:4px;padding:.5rem .7rem}
.ev .src{font-weight:600}.ev .loc{color:#59627a;font-size:.8rem;font-family:ui-monospace,monospace}
.ev p{margin:.3rem 0 0}
.diff{background:#fff0b3;border-radius:2px}
.claim{font-weight:700;text-decoration:underline;text-decoration-color:#b3261e;text-underline-offset:2px}
svg.chart{display:block;margin:.4rem 0;font-size:11px;font-family:system-ui,sans-serif}
.errors li{color:#b3261e}
";

fn status_class(s: Status) -> &'static str {
    s.as_str()
}

fn summary_html(s: &Summary) -> String {
    format!(
        "<p class=\"summary\">{}</p>\n",
        summary_counts(s, "<b>", "</b>")
    )
}

/// Byte flags over a sentence: bit 0 = differs from the reference sentence, bit 1 = claim text.
const DIFF: u8 = 1;
const CLAIM: u8 = 2;

/// Flags marking the words of `text` that `TextDiff::from_words` finds changed against `other`.
/// `text_is_old` says on which side of the diff `text` stands.
fn diff_flags(text: &str, other: &str, text_is_old: bool) -> Vec<u8> {
    let mut flags = vec![0u8; text.len()];
    let diff = if text_is_old {
        TextDiff::from_words(text, other)
    } else {
        TextDiff::from_words(other, text)
    };
    let mine = if text_is_old {
        ChangeTag::Delete
    } else {
        ChangeTag::Insert
    };
    let mut pos = 0usize;
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        if tag != ChangeTag::Equal && tag != mine {
            continue;
        }
        let len = change.value().len();
        let end = (pos + len).min(flags.len());
        if tag == mine && !change.value().trim().is_empty() {
            for f in &mut flags[pos..end] {
                *f |= DIFF;
            }
        }
        pos = end;
    }
    // Join runs: whitespace between two changed words is part of the change.
    let bytes = text.as_bytes();
    let mut last_changed: Option<usize> = None;
    for i in 0..flags.len() {
        if flags[i] & DIFF != 0 {
            if let Some(j) = last_changed {
                if j + 1 < i && bytes[j + 1..i].iter().all(u8::is_ascii_whitespace) {
                    for f in &mut flags[j + 1..i] {
                        *f |= DIFF;
                    }
                }
            }
            last_changed = Some(i);
        }
    }
    flags
}

/// Smallest word-level similarity (`similar`'s ratio, 0..1) at which highlighting the
/// differences helps: below it the sentences say different things and only the claims are marked.
const MIN_DIFF_RATIO: f32 = 0.34;

fn similar_enough(a: &str, b: &str) -> bool {
    TextDiff::from_words(a, b).ratio() >= MIN_DIFF_RATIO
}

/// Render `text` with runs of equal flags wrapped in the matching spans.
fn highlighted(text: &str, flags: &[u8]) -> String {
    let mut out = String::new();
    let mut run_start = 0usize;
    let mut run_flag = flags.first().copied().unwrap_or(0);
    let boundaries = text
        .char_indices()
        .map(|(i, _)| i)
        .skip(1)
        .chain(std::iter::once(text.len()));
    let emit = |out: &mut String, a: usize, b: usize, flag: u8| {
        let piece = escape(&text[a..b]);
        match flag {
            0 => out.push_str(&piece),
            DIFF => {
                let _ = write!(out, "<span class=\"diff\">{piece}</span>");
            }
            CLAIM => {
                let _ = write!(out, "<span class=\"claim\">{piece}</span>");
            }
            _ => {
                let _ = write!(out, "<span class=\"diff claim\">{piece}</span>");
            }
        }
    };
    let mut prev = 0usize;
    for b in boundaries {
        // `prev` is a char boundary; the flag of this char is the flag of its first byte.
        let flag = flags.get(prev).copied().unwrap_or(0);
        if flag != run_flag {
            emit(&mut out, run_start, prev, run_flag);
            run_start = prev;
            run_flag = flag;
        }
        prev = b;
    }
    if run_start < text.len() {
        emit(&mut out, run_start, text.len(), run_flag);
    }
    out
}

fn evidence_sentence(ev: &Evidence, reference: Option<&str>, text_is_old: bool) -> String {
    let sentence = ev.sentence.trim();
    let mut flags = match reference {
        Some(other) if other != sentence && similar_enough(sentence, other) => {
            diff_flags(sentence, other, text_is_old)
        }
        _ => vec![0u8; sentence.len()],
    };
    if let Some(at) = find_claim(sentence, &ev.text) {
        for f in &mut flags[at..at + ev.text.len()] {
            *f |= CLAIM;
        }
    }
    highlighted(sentence, &flags)
}

/// One row of a chart: a source's interval and written value, all in the chart's unit.
#[derive(Debug, Clone)]
struct ChartRow {
    label: String,
    low: Option<f64>,
    high: Option<f64>,
    value: Option<f64>,
}

fn fmt_num(v: f64) -> String {
    if !v.is_finite() {
        return String::from("?");
    }
    // Two decimals for small values, whole numbers from 100 on (axis ends are computed values).
    let rounded = if v.abs() >= 100.0 {
        v.round()
    } else {
        (v * 100.0).round() / 100.0
    };
    let neg = rounded < 0.0;
    let abs = rounded.abs();
    let int = abs.trunc() as u64;
    let frac = abs - abs.trunc();
    let digits = int.to_string();
    let mut grouped = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let mut s = if neg { format!("-{grouped}") } else { grouped };
    if frac > 0.0 {
        let f = format!("{frac:.2}");
        s.push_str(f.trim_start_matches('0').trim_end_matches('0'));
    }
    s
}

/// Chart rows for the quantity claims of a finding, or `None` when fewer than one is numeric.
/// Uses the canonical (normalised) unit when every claim has one and they agree, else the
/// written unit when every claim shares it.
fn chart_rows(f: &Finding, claims: &[Claim]) -> Option<(Vec<ChartRow>, Option<String>)> {
    let quantities: Vec<(&Claim, &crate::claims::Quantity)> = f
        .claims
        .iter()
        .filter_map(|id| claims.iter().find(|c| &c.id == id))
        .filter_map(|c| match &c.data {
            ClaimData::Quantity { quantity } => Some((c, quantity)),
            _ => None,
        })
        .collect();
    if quantities.is_empty() {
        return None;
    }
    let label = |c: &Claim| format!("{}: {}", c.source, c.text);
    let norm_units: Vec<Option<&str>> = quantities
        .iter()
        .map(|(_, q)| q.normalized.as_ref().map(|n| n.unit.as_str()))
        .collect();
    let first_norm = norm_units[0];
    if first_norm.is_some() && norm_units.iter().all(|u| *u == first_norm) {
        let rows = quantities
            .iter()
            .filter_map(|(c, q)| {
                let n = q.normalized.as_ref()?;
                let value = match (n.low, n.high) {
                    (Some(a), Some(b)) if a == b => Some(a),
                    _ => None,
                };
                Some(ChartRow {
                    label: label(c),
                    low: n.low,
                    high: n.high,
                    value,
                })
            })
            .collect();
        return Some((rows, first_norm.map(str::to_string)));
    }
    let first_unit = &quantities[0].1.unit;
    if quantities.iter().all(|(_, q)| &q.unit == first_unit) {
        let rows = quantities
            .iter()
            .map(|(c, q)| ChartRow {
                label: label(c),
                low: q.low,
                high: q.high,
                value: Some(q.value),
            })
            .collect();
        return Some((rows, first_unit.clone()));
    }
    None
}

/// A small SVG: one horizontal line per source on a shared axis.
fn chart_svg(rows: &[ChartRow], unit: Option<&str>) -> Option<String> {
    let finite: Vec<f64> = rows
        .iter()
        .flat_map(|r| [r.low, r.high, r.value])
        .flatten()
        .filter(|v| v.is_finite())
        .collect();
    let lo = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() || !hi.is_finite() {
        return None;
    }
    let span = if hi > lo { hi - lo } else { lo.abs().max(1.0) };
    let (min, max) = (lo - span * 0.15, hi + span * 0.15);
    let (left, right, row_h) = (230.0f64, 620.0f64, 22.0f64);
    let width = right + 20.0;
    let height = row_h * rows.len() as f64 + 34.0;
    let x = |v: f64| left + (v - min) / (max - min) * (right - left);
    let mut s = format!(
        "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"values by source\">\n"
    );
    for (i, r) in rows.iter().enumerate() {
        let y = 14.0 + row_h * i as f64;
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left - 8.0,
            y + 4.0,
            escape(&truncate_chars(&r.label, 38))
        );
        let a = r.low.filter(|v| v.is_finite()).map(x);
        let b = r.high.filter(|v| v.is_finite()).map(x);
        let (x1, x2, open_left, open_right) = match (a, b) {
            (Some(a), Some(b)) => (a, b, false, false),
            (Some(a), None) => (a, right, false, true),
            (None, Some(b)) => (left, b, true, false),
            (None, None) => (0.0, 0.0, false, false),
        };
        if x2 > x1 {
            let _ = writeln!(
                s,
                "<line x1=\"{x1:.1}\" y1=\"{y:.1}\" x2=\"{x2:.1}\" y2=\"{y:.1}\" stroke=\"#5b7bb5\" stroke-width=\"5\" stroke-linecap=\"round\" opacity=\"0.6\"/>"
            );
        }
        for (end, open) in [(a, open_left), (b, open_right)] {
            if let (Some(xe), false) = (end, open) {
                if x2 > x1 {
                    let _ = writeln!(
                        s,
                        "<line x1=\"{xe:.1}\" y1=\"{:.1}\" x2=\"{xe:.1}\" y2=\"{:.1}\" stroke=\"#5b7bb5\" stroke-width=\"2\"/>",
                        y - 6.0,
                        y + 6.0
                    );
                }
            }
        }
        if open_right {
            let _ = writeln!(
                s,
                "<path d=\"M{:.1} {:.1} L{:.1} {y:.1} L{:.1} {:.1}\" fill=\"none\" stroke=\"#5b7bb5\" stroke-width=\"2\"/>",
                right - 6.0, y - 5.0, right, right - 6.0, y + 5.0
            );
        }
        if open_left {
            let _ = writeln!(
                s,
                "<path d=\"M{:.1} {:.1} L{:.1} {y:.1} L{:.1} {:.1}\" fill=\"none\" stroke=\"#5b7bb5\" stroke-width=\"2\"/>",
                left + 6.0, y - 5.0, left, left + 6.0, y + 5.0
            );
        }
        if let Some(v) = r.value.filter(|v| v.is_finite()) {
            let _ = writeln!(
                s,
                "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"4\" fill=\"#b3261e\"><title>{}</title></circle>",
                x(v),
                escape(&fmt_num(v))
            );
        }
    }
    let axis_y = 14.0 + row_h * rows.len() as f64 - 6.0;
    let _ = writeln!(
        s,
        "<line x1=\"{left:.1}\" y1=\"{axis_y:.1}\" x2=\"{right:.1}\" y2=\"{axis_y:.1}\" stroke=\"#7a8599\"/>"
    );
    let unit = unit.map(|u| format!(" {u}")).unwrap_or_default();
    for (v, anchor) in [(lo, "middle"), (hi, "middle")] {
        let _ = writeln!(
            s,
            "<line x1=\"{0:.1}\" y1=\"{1:.1}\" x2=\"{0:.1}\" y2=\"{2:.1}\" stroke=\"#7a8599\"/>\
             <text x=\"{0:.1}\" y=\"{3:.1}\" text-anchor=\"{anchor}\">{4}</text>",
            x(v),
            axis_y,
            axis_y + 4.0,
            axis_y + 16.0,
            escape(&format!("{}{unit}", fmt_num(v)))
        );
        if hi == lo {
            break;
        }
    }
    s.push_str("</svg>\n");
    Some(s)
}

fn truncate_chars(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn finding_html(out: &mut String, f: &Finding, report: &CompareReport) {
    let _ = writeln!(
        out,
        "<div class=\"finding sev-{}\" id=\"{}\">",
        f.severity.as_str(),
        escape(&format!("{}-{}", report.event, f.id))
    );
    let _ = writeln!(
        out,
        "<h3>{} <span class=\"st st-{}\">{}</span> {}</h3>",
        escape(&f.id),
        status_class(f.status),
        f.status.as_str(),
        escape(topic_label(report, &f.topic))
    );
    let _ = writeln!(out, "<p>{}</p>", escape(&f.message));
    let mut meta = format!(
        "severity {} · rule <code>{}</code> · topic <code>{}</code>",
        f.severity.as_str(),
        escape(&f.rule),
        escape(&f.topic)
    );
    if let Some(t) = &f.tolerance {
        let _ = write!(meta, " · tolerance {}", escape(t));
    }
    let _ = writeln!(out, "<p class=\"meta\">{meta}</p>");
    if !f.evidence.is_empty() {
        out.push_str("<div class=\"evidence\">\n");
        let first = f.evidence[0].sentence.trim();
        let second = f.evidence.get(1).map(|e| e.sentence.trim());
        for (i, ev) in f.evidence.iter().enumerate() {
            let body = if i == 0 {
                evidence_sentence(ev, second, true)
            } else {
                evidence_sentence(ev, Some(first), false)
            };
            let _ = writeln!(
                out,
                "<div class=\"ev\"><span class=\"src\">{}</span> <span class=\"loc\">{}:{}:{}</span><p>{}</p></div>",
                escape(&ev.source),
                escape(&ev.path.display().to_string()),
                ev.line,
                ev.column,
                body
            );
        }
        out.push_str("</div>\n");
    }
    if let Some((rows, unit)) = chart_rows(f, &report.claims) {
        if let Some(svg) = chart_svg(&rows, unit.as_deref()) {
            out.push_str(&svg);
        }
    }
    out.push_str("</div>\n");
}

fn event_html(out: &mut String, r: &CompareReport, h: usize) {
    let _ = writeln!(
        out,
        "<section class=\"event\" id=\"{}\">",
        escape(&format!("event-{}", r.event))
    );
    let _ = writeln!(out, "<h{h}>{}</h{h}>", escape(&r.event));
    out.push_str(&summary_html(&r.summary));
    out.push_str(
        "<table class=\"sources\"><tr><th>source</th><th>date</th><th>outlet</th><th>title</th><th>sentences</th></tr>\n",
    );
    for s in &r.sources {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td></tr>",
            escape(&s.id),
            s.date.map(|d| d.to_string()).unwrap_or_default(),
            escape(s.outlet.as_deref().unwrap_or("")),
            escape(s.title.as_deref().unwrap_or("")),
            s.sentences
        );
    }
    out.push_str("</table>\n");
    if !r.topics.is_empty() {
        out.push_str("<table class=\"comparison\"><tr><th>topic</th><th>status</th>");
        for s in &r.sources {
            let _ = write!(out, "<th>{}</th>", escape(&s.id));
        }
        out.push_str("</tr>\n");
        for t in &r.topics {
            let _ = write!(
                out,
                "<tr class=\"row-{}\"><td title=\"{}\">{}</td><td class=\"st st-{}\">{}</td>",
                status_class(t.status),
                escape(&t.key),
                escape(&t.label),
                status_class(t.status),
                t.status.as_str()
            );
            for s in &r.sources {
                match t.cells.iter().find(|c| c.source == s.id) {
                    Some(c) if !c.display.is_empty() => {
                        let _ = write!(out, "<td>{}</td>", escape(&c.display));
                    }
                    _ => out.push_str("<td class=\"silent\">—</td>"),
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</table>\n");
    }
    if r.findings.is_empty() {
        out.push_str("<p>No discrepancies found.</p>\n");
    }
    for f in &r.findings {
        finding_html(out, f, r);
    }
    out.push_str("</section>\n");
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <title>{}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(title)
    )
}

/// One event.
pub fn compare(report: &CompareReport) -> String {
    let mut body = format!("<h1>factdiff: {}</h1>\n", escape(&report.event));
    event_html(&mut body, report, 2);
    page(&format!("factdiff: {}", report.event), &body)
}

/// A corpus: a summary table of events linking to each event's section.
pub fn check(report: &CheckReport) -> String {
    let mut body = String::from("<h1>factdiff check</h1>\n");
    let _ = writeln!(
        body,
        "<p>{}.</p>",
        count(report.events.len(), "event", "events")
    );
    body.push_str(&summary_html(&report.summary));
    body.push_str(
        "<table class=\"events\"><tr><th>event</th><th>sources</th><th>sentences</th><th>claims</th>\
         <th>conflicts</th><th>updates</th><th>inconsistencies</th><th>errors</th><th>warnings</th></tr>\n",
    );
    for e in &report.events {
        let s = &e.summary;
        let _ = writeln!(
            body,
            "<tr><td><a href=\"#{}\">{}</a></td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&format!("event-{}", e.event)),
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
    body.push_str("</table>\n");
    if !report.errors.is_empty() {
        body.push_str("<h2>Input errors</h2>\n<ul class=\"errors\">\n");
        for e in &report.errors {
            let _ = writeln!(
                body,
                "<li>{}: {}</li>",
                escape(&e.path.display().to_string()),
                escape(&e.message)
            );
        }
        body.push_str("</ul>\n");
    }
    for e in &report.events {
        event_html(&mut body, e, 2);
    }
    page("factdiff check", &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_text_and_attributes() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }

    #[test]
    fn word_diff_marks_changed_words_only() {
        let old = "police said 353 officers were hurt";
        let new = "police said 317 officers were hurt";
        let f = diff_flags(new, old, false);
        let marked: String = new
            .char_indices()
            .filter(|(i, _)| f[*i] & DIFF != 0)
            .map(|(_, c)| c)
            .collect();
        assert_eq!(marked, "317");
        assert_eq!(
            highlighted(new, &f),
            "police said <span class=\"diff\">317</span> officers were hurt"
        );
    }

    proptest::proptest! {
        #[test]
        fn escaped_text_has_no_markup_characters(s in "\\PC*") {
            let e = escape(&s);
            proptest::prop_assert!(!e.contains(['<', '>', '"', '\'']));
            proptest::prop_assert!(e.replace("&amp;", "").replace("&lt;", "").replace("&gt;", "")
                .replace("&quot;", "").replace("&#39;", "").find('&').is_none());
        }

        #[test]
        fn highlighting_keeps_the_text(a in "[a-z0-9 ,.<&]{0,40}", b in "[a-z0-9 ,.<&]{0,40}") {
            let flags = diff_flags(&a, &b, false);
            let html = highlighted(&a, &flags);
            let stripped = regex::Regex::new("<[^>]*>").unwrap().replace_all(&html, "");
            proptest::prop_assert_eq!(stripped, escape(&a));
        }
    }

    #[test]
    fn unrelated_sentences_get_no_word_diff() {
        assert!(similar_enough(
            "police said 353 officers were hurt",
            "police said 317 officers were hurt"
        ));
        assert!(!similar_enough(
            "The border is 1,782 km long.",
            "Beijing has a direct stake in the crisis, since the two countries share an over 1,000-mile border."
        ));
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(fmt_num(1782.0), "1,782");
        assert_eq!(fmt_num(1_500_000.0), "1,500,000");
        assert_eq!(fmt_num(2.5), "2.5");
        assert_eq!(fmt_num(-1200.0), "-1,200");
        assert_eq!(fmt_num(1947.31), "1,947");
        assert_eq!(fmt_num(0.125), "0.13");
    }
}
