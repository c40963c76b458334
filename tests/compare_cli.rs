//! `factdiff compare`: the comparison table and JSON of a small fixture event (snapshots),
//! claim ids resolving, exit codes, colour, and input errors.

use assert_cmd::Command;

const EVENT: &str = "tests/fixtures/compare/harbour-fire";

fn factdiff() -> Command {
    let mut c = Command::cargo_bin("factdiff").unwrap();
    c.env("NO_COLOR", "1").env_remove("COLUMNS");
    c
}

fn stdout(args: &[&str]) -> (Option<i32>, String, String) {
    let out = factdiff().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn table_snapshot() {
    let (code, out, err) = stdout(&["compare", EVENT]);
    assert_eq!(code, Some(1), "{err}");
    assert!(!out.contains('\x1b'), "no colour without a terminal");
    insta::assert_snapshot!(out);
}

#[test]
fn json_snapshot_and_claim_ids_resolve() {
    let (code, out, _) = stdout(&["compare", EVENT, "--format", "json"]);
    assert_eq!(code, Some(1));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["event"], "harbour-fire");
    let ids: Vec<&str> = v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    let findings = v["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for (n, f) in findings.iter().enumerate() {
        assert_eq!(f["id"], format!("F{}", n + 1));
        let claims = f["claims"].as_array().unwrap();
        assert_eq!(claims.len(), f["evidence"].as_array().unwrap().len());
        for c in claims {
            assert!(ids.contains(&c.as_str().unwrap()), "{c} does not resolve");
        }
        assert_eq!(f["fingerprint"].as_str().unwrap().len(), 16);
    }
    // Statuses the fixture is built to show.
    let statuses: Vec<&str> = findings
        .iter()
        .map(|f| f["status"].as_str().unwrap())
        .collect();
    for s in ["conflict", "update", "inconsistent"] {
        assert!(statuses.contains(&s), "{s} missing from {statuses:?}");
    }
    insta::assert_json_snapshot!(v);
}

#[test]
fn fail_on_sets_the_exit_code() {
    assert_eq!(stdout(&["compare", EVENT, "--fail-on", "never"]).0, Some(0));
    assert_eq!(stdout(&["compare", EVENT, "--fail-on", "info"]).0, Some(1));
    assert_eq!(stdout(&["compare", EVENT, "--fail-on", "error"]).0, Some(1));
    // Only the update (info) of one pair of reports: not an error.
    let a = format!("{EVENT}/b-daily.md");
    let b = format!("{EVENT}/c-weekly.txt");
    let (code, out, _) = stdout(&["compare", &a, &b, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["event"], "event");
    let worst = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["severity"] == "error");
    assert_eq!(code, Some(if worst { 1 } else { 0 }));
}

#[test]
fn fingerprints_do_not_depend_on_line_numbers() {
    let dir = tempfile::tempdir().unwrap();
    for f in std::fs::read_dir(EVENT).unwrap() {
        let p = f.unwrap().path();
        let text = std::fs::read_to_string(&p).unwrap();
        // Insert blank lines after the metadata: every line number moves.
        let moved = match text.find("\n\n") {
            Some(i) => format!("{}\n\n\n\n{}", &text[..i], &text[i + 2..]),
            None => text,
        };
        std::fs::write(dir.path().join(p.file_name().unwrap()), moved).unwrap();
    }
    let fp = |path: &str| {
        let (_, out, _) = stdout(&["compare", path, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let mut f: Vec<String> = v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["fingerprint"].as_str().unwrap().to_string())
            .collect();
        f.sort();
        f
    };
    assert_eq!(fp(EVENT), fp(dir.path().to_str().unwrap()));
}

#[test]
fn colour_only_when_asked_and_never_with_no_color() {
    let out = Command::cargo_bin("factdiff")
        .unwrap()
        .env_remove("NO_COLOR")
        .args(["compare", EVENT, "--color", "always"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().contains("\x1b["));
    let (_, out, _) = stdout(&["compare", EVENT, "--color", "always"]);
    assert!(!out.contains("\x1b["));
}

#[test]
fn missing_input_is_exit_2_after_the_others() {
    let (code, out, err) = stdout(&[
        "compare",
        &format!("{EVENT}/a-wire.txt"),
        &format!("{EVENT}/no-such.txt"),
        &format!("{EVENT}/b-daily.md"),
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no-such.txt"), "{err}");
    assert!(out.contains("a-wire") && out.contains("b-daily"), "{out}");
}

#[test]
fn bad_rules_are_exit_2() {
    let (code, out, err) = stdout(&[
        "compare",
        EVENT,
        "--extra-rules",
        "tests/fixtures/rules/bad-regex",
    ]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(err.contains("words.toml:6:9: bad regex"), "{err}");
}

#[test]
fn baseline_hides_recorded_findings() {
    let dir = tempfile::tempdir().unwrap();
    let b = dir.path().join("baseline.json");
    let b = b.to_str().unwrap();
    let (code, _, _) = stdout(&["compare", EVENT, "--write-baseline", b]);
    assert_eq!(code, Some(0));
    let (code, out, err) = stdout(&["compare", EVENT, "--baseline", b, "--format", "json"]);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["findings"].as_array().map(Vec::len), Some(0));
}
