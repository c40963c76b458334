//! Output formats of `compare` / `check` on one hand-built event: a snapshot per format, and
//! escaping tests (HTML must stay inert, Markdown tables must not break, XML must stay valid).

use std::path::PathBuf;

use chrono::NaiveDate;
use factdiff::claims::{Claim, ClaimData, Normalized, Quantity};
use factdiff::findings::{
    Cell, CheckReport, CompareReport, Evidence, Finding, Severity, SourceInfo, Status, Summary,
    Topic, SCHEMA_VERSION,
};
use factdiff::render::{self, Format, RenderOptions};
use factdiff::InputError;

fn source(id: &str, date: &str, sentences: usize) -> SourceInfo {
    SourceInfo {
        id: id.to_string(),
        path: PathBuf::from(format!("corpus/unrest/{id}.txt")),
        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
        title: Some(format!("Report by {id}")),
        outlet: Some(id.replace('-', " ")),
        sentences,
    }
}

#[allow(clippy::too_many_arguments)]
fn quantity(
    id: &str,
    source: &str,
    text: &str,
    sentence: &str,
    line: usize,
    value: f64,
    low: Option<f64>,
    high: Option<f64>,
    unit: &str,
) -> Claim {
    let column = sentence
        .find(text)
        .map(|i| sentence[..i].chars().count() + 1)
        .unwrap_or(1);
    Claim {
        id: id.to_string(),
        source: source.to_string(),
        source_index: 0,
        sentence_index: line - 1,
        text: text.to_string(),
        line,
        column,
        span: (100 * line, 100 * line + text.len()),
        sentence: sentence.into(),
        attributed_to: None,
        data: ClaimData::Quantity {
            quantity: Quantity {
                value,
                low,
                high,
                unit: Some(unit.to_string()),
                dimension: "count".to_string(),
                qualifier: None,
                normalized: Some(Normalized {
                    low,
                    high,
                    unit: unit.to_string(),
                }),
                counted: Some("officers".to_string()),
                counted_class: Some("security_forces".to_string()),
                role: Some("injured".to_string()),
            },
        },
    }
}

fn evidence(c: &Claim) -> Evidence {
    Evidence {
        claim: c.id.clone(),
        source: c.source.clone(),
        path: PathBuf::from(format!("corpus/unrest/{}.txt", c.source)),
        line: c.line,
        column: c.column,
        span: c.span,
        text: c.text.clone(),
        sentence: c.sentence.to_string(),
    }
}

/// One event with a conflict (two sources), an inconsistency (one source) and an update.
/// `hostile` is put into the wire report's sentence to test escaping.
pub fn event(hostile: &str) -> CompareReport {
    let a = quantity(
        "state-media#1",
        "state-media",
        "353",
        "The ministry said 353 officers were injured.",
        3,
        353.0,
        Some(353.0),
        Some(353.0),
        "people",
    );
    let b_sentence = format!("Officials said 317 officers were injured{hostile}.");
    let b = quantity(
        "wire#1",
        "wire",
        "317",
        &b_sentence,
        5,
        317.0,
        Some(317.0),
        Some(317.0),
        "people",
    );
    let c = quantity(
        "wire#2",
        "wire",
        "more than 200",
        "More than 200 people were killed, and at least 164 died in the city.",
        7,
        200.0,
        Some(200.0),
        None,
        "people",
    );
    let d = quantity(
        "state-media#2",
        "state-media",
        "164",
        "Authorities put the toll at 164.",
        4,
        164.0,
        Some(164.0),
        Some(164.0),
        "people",
    );
    let findings = vec![
        Finding {
            id: "F1".into(),
            fingerprint: "casualties.injured|injured/security_forces|317|353".into(),
            rule: "casualties.injured".into(),
            severity: Severity::Error,
            status: Status::Conflict,
            topic: "casualties.injured/security_forces".into(),
            message: "353 vs 317 officers injured (differ by 10.2%, tolerance relative 5%)".into(),
            tolerance: Some("relative 5%".into()),
            claims: vec![a.id.clone(), b.id.clone()],
            evidence: vec![evidence(&a), evidence(&b)],
            pairs: vec![[a.id.clone(), b.id.clone()]],
        },
        Finding {
            id: "F2".into(),
            fingerprint: "casualties.killed|killed/people|164|200+".into(),
            rule: "casualties.killed".into(),
            severity: Severity::Info,
            status: Status::Update,
            topic: "casualties.killed/people".into(),
            message: "toll rose from 164 (2022-01-06) to more than 200 (2022-01-09)".into(),
            tolerance: None,
            claims: vec![d.id.clone(), c.id.clone()],
            evidence: vec![evidence(&d), evidence(&c)],
            pairs: vec![[d.id.clone(), c.id.clone()]],
        },
        Finding {
            id: "F3".into(),
            fingerprint: "membership.count|SCO|8|7".into(),
            rule: "membership.count".into(),
            severity: Severity::Warning,
            status: Status::Inconsistent,
            topic: "membership/SCO".into(),
            message: "called eight-member but names 7 members".into(),
            tolerance: None,
            claims: vec!["wire#3".into()],
            evidence: vec![Evidence {
                claim: "wire#3".into(),
                source: "wire".into(),
                path: PathBuf::from("corpus/unrest/wire.txt"),
                line: 9,
                column: 5,
                span: (900, 920),
                text: "eight-member grouping".into(),
                sentence: "The eight-member grouping (China, Russia, India) met.".into(),
            }],
            pairs: vec![],
        },
    ];
    let topics = vec![
        Topic {
            key: "casualties.injured/security_forces".into(),
            label: "injured: security forces".into(),
            rule: "casualties.injured".into(),
            status: Status::Conflict,
            cells: vec![
                Cell {
                    source: "state-media".into(),
                    claims: vec![a.id.clone()],
                    display: "353".into(),
                },
                Cell {
                    source: "wire".into(),
                    claims: vec![b.id.clone()],
                    display: format!("317{hostile}"),
                },
                Cell {
                    source: "weekly".into(),
                    claims: vec![],
                    display: String::new(),
                },
            ],
        },
        Topic {
            key: "casualties.killed/people".into(),
            label: "killed: people".into(),
            rule: "casualties.killed".into(),
            status: Status::Update,
            cells: vec![
                Cell {
                    source: "state-media".into(),
                    claims: vec![d.id.clone()],
                    display: "164".into(),
                },
                Cell {
                    source: "wire".into(),
                    claims: vec![c.id.clone()],
                    display: "more than 200".into(),
                },
                Cell {
                    source: "weekly".into(),
                    claims: vec![],
                    display: String::new(),
                },
            ],
        },
        Topic {
            key: "border.length".into(),
            label: "border length".into(),
            rule: "quantity.length".into(),
            status: Status::Agree,
            cells: vec![
                Cell {
                    source: "state-media".into(),
                    claims: vec![],
                    display: "1,782 km".into(),
                },
                Cell {
                    source: "wire".into(),
                    claims: vec![],
                    display: "about 1,100 miles".into(),
                },
                Cell {
                    source: "weekly".into(),
                    claims: vec![],
                    display: "1,782 km".into(),
                },
            ],
        },
    ];
    CompareReport {
        schema_version: SCHEMA_VERSION,
        event: "unrest".into(),
        sources: vec![
            source("state-media", "2022-01-06", 12),
            source("wire", "2022-01-09", 20),
            source("weekly", "2022-01-13", 15),
        ],
        alignment: vec![],
        claims: vec![a, b, c, d],
        topics,
        findings,
        summary: Summary {
            sources: 3,
            sentences: 47,
            claims: 4,
            topics: 3,
            agreements: 1,
            conflicts: 1,
            updates: 1,
            inconsistencies: 1,
            errors: 1,
            warnings: 1,
            infos: 1,
        },
    }
}

fn check_report(hostile: &str) -> CheckReport {
    let e = event(hostile);
    let summary = e.summary.clone();
    CheckReport {
        schema_version: SCHEMA_VERSION,
        events: vec![e],
        errors: vec![InputError::new(
            "corpus/broken/bad.txt",
            "not valid UTF-8 at byte 17",
        )],
        summary,
    }
}

fn render_compare(f: Format, r: &CompareReport) -> String {
    render::compare(f, r, &RenderOptions::default())
}

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!(render_compare(Format::Markdown, &event("")));
}

#[test]
fn snapshot_html() {
    insta::assert_snapshot!(render_compare(Format::Html, &event("")));
}

#[test]
fn snapshot_sarif() {
    insta::assert_snapshot!(render_compare(Format::Sarif, &event("")));
}

#[test]
fn snapshot_junit() {
    insta::assert_snapshot!(render_compare(Format::Junit, &event("")));
}

#[test]
fn snapshot_github() {
    insta::assert_snapshot!(render_compare(Format::Github, &event("")));
}

#[test]
fn snapshot_check_markdown() {
    insta::assert_snapshot!(render::check(
        Format::Markdown,
        &check_report(""),
        &RenderOptions::default()
    ));
}

#[test]
fn snapshot_check_junit() {
    insta::assert_snapshot!(render::check(
        Format::Junit,
        &check_report(""),
        &RenderOptions::default()
    ));
}

#[test]
fn snapshot_check_github() {
    insta::assert_snapshot!(render::check(
        Format::Github,
        &check_report(""),
        &RenderOptions::default()
    ));
}

const SCRIPT: &str = " <script>alert(1)</script> \"><img src=x onerror=alert(2)> | `x` &amp;";

#[test]
fn html_report_text_is_inert() {
    let mut r = event(SCRIPT);
    r.event = "<script>alert(3)</script>".into();
    r.sources[1].id = "wire\"><script>alert(4)</script>".into();
    r.findings[0].evidence[1].path = PathBuf::from("a\"onmouseover=\"alert(5).txt");
    r.topics[0].key = "k\" onmouseover=\"alert(6)".into();
    for html in [
        render_compare(Format::Html, &r),
        render::check(
            Format::Html,
            &check_report(SCRIPT),
            &RenderOptions::default(),
        ),
    ] {
        let lower = html.to_lowercase();
        assert!(!lower.contains("<script"), "script tag came through");
        assert!(!lower.contains("<img"), "img tag came through");
        assert!(!lower.contains("\"><img"), "attribute broken out of");
        assert!(lower.contains("&quot;&gt;&lt;img"));
        assert!(
            !lower.contains("onmouseover=\""),
            "event handler attribute came through"
        );
        assert!(!lower.contains("href=\"http"), "external link");
        assert!(!lower.contains("src=\""), "external asset");
        assert!(!lower.contains("<link"), "external stylesheet");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    }
    // The event name also lands in id attributes: escaped there too.
    let html = render_compare(Format::Html, &r);
    assert!(html.contains("id=\"event-&lt;script&gt;alert(3)&lt;/script&gt;\""));
    assert!(html.contains("title=\"k&quot; onmouseover=&quot;alert(6)\""));
    assert!(!html.contains("onmouseover=\"alert"));
}

#[test]
fn markdown_escapes_pipes_backticks_and_html() {
    let md = render_compare(Format::Markdown, &event(SCRIPT));
    // Each table row keeps exactly its columns: topic, status, 3 sources => 6 unescaped pipes.
    let row = md
        .lines()
        .find(|l| l.starts_with("| injured: security forces"))
        .expect("comparison row");
    let unescaped = row
        .char_indices()
        .filter(|(i, c)| *c == '|' && (*i == 0 || &row[i - 1..*i] != "\\"))
        .count();
    assert_eq!(unescaped, 6, "{row}");
    assert!(row.contains("317 &lt;script&gt;alert(1)&lt;/script&gt; \"&gt;&lt;img src=x onerror=alert(2)&gt; \\| \\`x\\` &amp;amp;"), "{row}");
    assert!(!md.contains("<script"));
    assert!(!md.contains("`x`"));
}

#[test]
fn junit_stays_well_formed() {
    let xml = render_compare(Format::Junit, &event(SCRIPT));
    assert!(!xml.contains("<script"));
    assert!(!xml.contains("<img"));
    // Every '&' starts an entity.
    for (i, _) in xml.match_indices('&') {
        let rest = &xml[i..];
        assert!(
            ["&amp;", "&lt;", "&gt;", "&quot;", "&apos;"]
                .iter()
                .any(|e| rest.starts_with(e)),
            "bare & at {i}"
        );
    }
    assert_eq!(xml.matches("<testcase").count(), 4);
    assert_eq!(xml.matches("<failure").count(), 2);
}

#[test]
fn sarif_has_every_evidence_location() {
    let v: serde_json::Value =
        serde_json::from_str(&render_compare(Format::Sarif, &event(""))).expect("valid JSON");
    assert_eq!(v["version"], "2.1.0");
    let run = &v["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        rules,
        [
            "casualties.injured",
            "casualties.killed",
            "membership.count"
        ]
    );
    let results = run["results"].as_array().expect("results");
    assert_eq!(results.len(), 3);
    assert_eq!(results[0]["level"], "error");
    assert_eq!(results[1]["level"], "note");
    assert_eq!(results[2]["level"], "warning");
    let locs = results[0]["locations"].as_array().expect("locations");
    assert_eq!(locs.len(), 2);
    let pl = &locs[1]["physicalLocation"];
    assert_eq!(pl["artifactLocation"]["uri"], "corpus/unrest/wire.txt");
    assert_eq!(pl["region"]["startLine"], 5);
    assert_eq!(pl["region"]["startColumn"], 16);
    assert_eq!(pl["region"]["endColumn"], 19);
}

#[test]
fn github_lines_escape_special_characters() {
    let mut r = event("");
    r.findings[0].topic = "a:b,c%".into();
    r.findings[0].message = "line1\nline2 100%".into();
    let out = render_compare(Format::Github, &r);
    let first = out.lines().next().expect("a line");
    assert!(first.starts_with("::error file=corpus/unrest/state-media.txt,line=3,col=19,endColumn=22,title=factdiff casualties.injured conflict%3A a%3Ab%2Cc%25::"), "{first}");
    assert!(first.contains("line1%0Aline2 100%25"), "{first}");
    assert_eq!(out.lines().count(), 3);
}

const ALL_FORMATS: [Format; 8] = [
    Format::Table,
    Format::Json,
    Format::Jsonl,
    Format::Markdown,
    Format::Html,
    Format::Sarif,
    Format::Junit,
    Format::Github,
];

/// Streaming renderers (`write_compare` / `write_check`) write exactly the bytes of the
/// `String` renderers, in every format.
#[test]
fn writer_output_is_byte_identical_to_string_output() {
    let e = event("");
    let c = check_report("");
    for opts in [
        RenderOptions::default(),
        RenderOptions {
            color: true,
            width: Some(60),
        },
    ] {
        for f in ALL_FORMATS {
            let mut out = Vec::new();
            render::write_compare(f, &e, &opts, &mut out).expect("write to a Vec");
            assert_eq!(
                String::from_utf8(out).expect("UTF-8"),
                render::compare(f, &e, &opts),
                "compare {f:?}"
            );
            let mut out = Vec::new();
            render::write_check(f, &c, &opts, &mut out).expect("write to a Vec");
            assert_eq!(
                String::from_utf8(out).expect("UTF-8"),
                render::check(f, &c, &opts),
                "check {f:?}"
            );
        }
    }
}

/// A writer that accepts `room` bytes, then fails like a full disk.
struct FullDisk {
    room: usize,
}

impl std::io::Write for FullDisk {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.room == 0 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::StorageFull,
                "no space left on device",
            ));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A write error in the middle of a report comes back as that error (no panic, no error text
/// written into the output as JSON).
#[test]
fn writer_errors_are_returned_not_panics() {
    let e = event("");
    let c = check_report("");
    let opts = RenderOptions::default();
    for f in ALL_FORMATS {
        for room in [0, 10] {
            let err = render::write_compare(f, &e, &opts, &mut FullDisk { room })
                .expect_err("the disk is full");
            assert_eq!(err.kind(), std::io::ErrorKind::StorageFull, "{f:?}");
            let err = render::write_check(f, &c, &opts, &mut FullDisk { room })
                .expect_err("the disk is full");
            assert_eq!(err.kind(), std::io::ErrorKind::StorageFull, "{f:?}");
        }
    }
}
