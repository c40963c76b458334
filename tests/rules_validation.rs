//! `factdiff rules ...`: validation errors (path:line:col, the offending line, a caret), all
//! errors at once, exit 2; list, explain, and --extra-rules.

use assert_cmd::Command;

fn factdiff() -> Command {
    let mut c = Command::cargo_bin("factdiff").unwrap();
    c.env("NO_COLOR", "1");
    c
}

fn fixture(name: &str) -> String {
    format!("tests/fixtures/rules/{name}")
}

/// Run `rules validate DIR`, expect exit 2, return stderr.
fn invalid(name: &str) -> String {
    let out = factdiff()
        .args(["rules", "validate", &fixture(name)])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{name}");
    assert!(out.stdout.is_empty());
    String::from_utf8(out.stderr).unwrap()
}

#[test]
fn unknown_field() {
    insta::assert_snapshot!(invalid("unknown-field"));
}

#[test]
fn unknown_kind() {
    insta::assert_snapshot!(invalid("unknown-kind"));
}

#[test]
fn bad_regex() {
    insta::assert_snapshot!(invalid("bad-regex"));
}

#[test]
fn bad_values_all_reported_at_once() {
    let err = invalid("bad-value");
    // Both files, every error of the second one.
    assert!(err.contains("tests/fixtures/rules/bad-value/ratio.toml:5:13: tolerance"));
    assert!(err.contains("tests/fixtures/rules/bad-value/ratio.toml:6:13: max_ratio"));
    assert!(
        err.contains("tests/fixtures/rules/bad-value/tolerance.toml:4:12: unknown variant `fatal`")
    );
    insta::assert_snapshot!(err);
}

#[test]
fn builtin_rules_are_valid() {
    let out = factdiff().args(["rules", "validate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("built-in rules: "), "{text}");
    // The repository folder validates the same way (vocab/ is skipped).
    let out = factdiff()
        .args(["rules", "validate", "rules"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn list_shows_builtin_and_extra_rules() {
    let out = factdiff()
        .args(["rules", "list", "--extra-rules", &fixture("good")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("casualties.killed"));
    assert!(text.contains("extra.evacuees"));
    // --rules replaces the built-in set.
    let out = factdiff()
        .args(["rules", "list", "--rules", &fixture("good")])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("casualties.killed"));
    assert!(text.contains("extra.evacuees"));
}

#[test]
fn duplicate_ids_between_sets_are_errors() {
    let out = factdiff()
        .args(["rules", "list", "--extra-rules", &fixture("duplicate")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("duplicate rule id `casualties.killed`"),
        "{err}"
    );
}

#[test]
fn explain_names_matches_comparison_and_example() {
    let out = factdiff()
        .args(["rules", "explain", "distances.border"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
    let out = factdiff()
        .args(["rules", "explain", "no.such"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
