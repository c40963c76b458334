//! CLI tests of `factdiff claims` over tests/fixtures/claims/ (three short reports of one
//! invented event): JSON and table snapshots, and exact values of the recognisers' output.

use assert_cmd::Command;
use serde_json::Value;

fn factdiff() -> Command {
    let mut c = Command::cargo_bin("factdiff").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1");
    c
}

fn claims_json() -> Value {
    let out = factdiff()
        .args(["claims", "tests/fixtures/claims", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The claim whose text is `text` in source `source`.
fn claim<'a>(v: &'a Value, source: &str, text: &str) -> &'a Value {
    v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["source"] == source && c["text"] == text)
        .unwrap_or_else(|| panic!("no claim {text:?} in {source}"))
}

#[test]
fn json_snapshot() {
    let out = factdiff()
        .args(["claims", "tests/fixtures/claims", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("claims_json", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn table_snapshot() {
    let out = factdiff()
        .args(["claims", "tests/fixtures/claims"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!("claims_table", String::from_utf8(out.stdout).unwrap());
}

#[test]
fn sources_are_listed_with_metadata() {
    let v = claims_json();
    let sources = v["sources"].as_array().unwrap();
    let ids: Vec<&str> = sources.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["alpha-wire", "beta-daily", "gamma-post"]);
    assert_eq!(sources[1]["outlet"], "Beta Daily");
    assert_eq!(sources[1]["date"], "2023-03-13");
    assert_eq!(sources[0]["sentences"], 6);
}

#[test]
fn weekdays_resolve_against_the_report_date() {
    let v = claims_json();
    // 2023-03-11 is a Saturday: "on Thursday" is 9 March, "on Monday ... will meet" is 13 March
    let thu = claim(&v, "alpha-wire", "on Thursday");
    assert_eq!(thu["kind"], "date");
    assert_eq!(thu["date"]["value"], "2023-03-09");
    assert_eq!(
        thu["date"]["resolved_from"],
        "Thursday, relative to report date 2023-03-11"
    );
    assert_eq!(thu["attributed_to"], "the regional government");
    assert_eq!(
        claim(&v, "alpha-wire", "on Monday")["date"]["value"],
        "2023-03-13"
    );
    assert_eq!(
        claim(&v, "gamma-post", "yesterday")["date"]["value"],
        "2023-03-11"
    );
    let abs = claim(&v, "beta-daily", "on 10 March");
    assert_eq!(abs["date"]["value"], "2023-03-10");
}

#[test]
fn member_lists_and_sizes() {
    let v = claims_json();
    let full = claim(
        &v,
        "alpha-wire",
        "Danube Rivers Commission, made up of Austria, Croatia, Hungary, Serbia and Slovenia",
    );
    assert_eq!(
        full["membership"],
        serde_json::json!({
            "organization": "Danube Rivers Commission",
            "members": ["Austria", "Croatia", "Hungary", "Serbia", "Slovenia"],
            "stated_count": null,
            "complete": true
        })
    );
    let partial = claim(
        &v,
        "beta-daily",
        "five-member Danube Rivers Commission, which includes Austria, Croatia and Hungary",
    );
    assert_eq!(partial["membership"]["stated_count"], 5);
    assert_eq!(partial["membership"]["complete"], false);
    let size = claim(
        &v,
        "gamma-post",
        "The commission, an alliance of six countries",
    );
    assert_eq!(
        size["membership"]["organization"],
        "Danube Rivers Commission"
    );
    assert_eq!(size["membership"]["stated_count"], 6);
    assert_eq!(size["membership"]["members"], serde_json::json!([]));
}

#[test]
fn counted_roles_and_attributions() {
    let v = claims_json();
    let killed = claim(&v, "alpha-wire", "At least 14");
    assert_eq!(killed["kind"], "quantity");
    assert_eq!(killed["quantity"]["low"], 14.0);
    assert_eq!(killed["quantity"]["high"], Value::Null);
    assert_eq!(killed["quantity"]["counted"], "people");
    assert_eq!(killed["quantity"]["counted_class"], "people");
    assert_eq!(killed["quantity"]["role"], "killed");
    assert_eq!(killed["attributed_to"], "the Interior Ministry");
    let toll = claim(&v, "beta-daily", "21");
    assert_eq!(toll["quantity"]["role"], "killed");
    assert_eq!(toll["quantity"]["counted_class"], "people");
    let soldiers = claim(&v, "alpha-wire", "1,200");
    assert_eq!(soldiers["quantity"]["counted_class"], "troops");
    assert_eq!(soldiers["quantity"]["role"], "deployed");
    let police = claim(&v, "gamma-post", "three");
    assert_eq!(police["quantity"]["counted"], "police officers");
    assert_eq!(police["quantity"]["counted_class"], "security_forces");
    assert_eq!(police["quantity"]["role"], "killed");
    let evacuated = claim(&v, "beta-daily", "3,400");
    assert_eq!(evacuated["quantity"]["role"], "evacuated");
    // "she said" resolves to the last named speaker
    let she = claim(&v, "beta-daily", "she said");
    assert_eq!(she["attribution"]["speaker"], "Mayor Ana Kovac");
    assert_eq!(she["attributed_to"], Value::Null);
}

#[test]
fn claims_are_numbered_in_text_order_with_positions() {
    let v = claims_json();
    let claims = v["claims"].as_array().unwrap();
    for src in ["alpha-wire", "beta-daily", "gamma-post"] {
        let mine: Vec<&Value> = claims.iter().filter(|c| c["source"] == src).collect();
        for (n, c) in mine.iter().enumerate() {
            assert_eq!(c["id"], format!("{src}#{}", n + 1));
        }
        let spans: Vec<u64> = mine
            .iter()
            .map(|c| c["span"][0].as_u64().unwrap())
            .collect();
        let mut sorted = spans.clone();
        sorted.sort_unstable();
        assert_eq!(spans, sorted);
    }
    // beta-daily.md has CRLF line ends and front matter: line 7 is the first body line
    let toll = claim(&v, "beta-daily", "officials said");
    assert_eq!(
        (toll["line"].as_u64(), toll["column"].as_u64()),
        (Some(7), Some(60))
    );
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/claims/beta-daily.md"),
    )
    .unwrap();
    let span = (
        toll["span"][0].as_u64().unwrap() as usize,
        toll["span"][1].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[span.0..span.1], "officials said");
}

#[test]
fn missing_input_is_reported_and_exits_2_after_output() {
    let out = factdiff()
        .args([
            "claims",
            "tests/fixtures/claims/gamma-post.txt",
            "tests/fixtures/claims/nope.txt",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.lines().count() >= 5, "{stdout}");
    for line in stdout.lines() {
        let c: Value = serde_json::from_str(line).unwrap();
        assert_eq!(c["source"], "gamma-post");
    }
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("nope.txt"), "{stderr}");
}

#[test]
fn unsupported_format_is_a_usage_error() {
    factdiff()
        .args(["claims", "tests/fixtures/claims", "--format", "sarif"])
        .assert()
        .code(2);
}
