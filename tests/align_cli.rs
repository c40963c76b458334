//! CLI tests of `factdiff align`: table and JSON output on the gold fixture (snapshots), a
//! missing path, and one bad file among good ones. They run the real ingest and segmentation.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const EVENT: &str = "tests/fixtures/gold/lake-ferry";

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `factdiff` run from the crate root, without colour and with a fixed COLUMNS.
fn factdiff() -> Command {
    let mut cmd = Command::cargo_bin("factdiff").unwrap();
    cmd.current_dir(manifest_dir())
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = factdiff().args(args).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stderr.is_empty());
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn table_output() {
    let out = stdout_of(&["align", EVENT]);
    assert!(!out.contains('\u{1b}'), "no ANSI escapes");
    // Not a terminal: the table is fitted into 120 columns.
    assert!(out.lines().all(|l| l.chars().count() <= 120));
    insta::assert_snapshot!("align_table", out);
}

#[test]
fn json_output() {
    let out = stdout_of(&["align", "--format", "json", EVENT]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let sources = v["sources"].as_array().unwrap();
    assert_eq!(sources.len(), 5);
    assert_eq!(sources[0]["id"], "broadcaster");
    assert_eq!(sources[0]["sentences"], 10);
    // Every sentence is in exactly one group.
    let members: usize = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["members"].as_array().unwrap().len())
        .sum();
    let sentences: u64 = sources
        .iter()
        .map(|s| s["sentences"].as_u64().unwrap())
        .sum();
    assert_eq!(members as u64, sentences);
    insta::assert_snapshot!("align_json", out);
}

#[test]
fn threshold_option_changes_grouping() {
    let strict = stdout_of(&["align", "--format", "json", "--threshold", "0.9", EVENT]);
    let v: serde_json::Value = serde_json::from_str(&strict).unwrap();
    let groups = v["groups"].as_array().unwrap();
    // At 0.9 only two near-verbatim pairs stay together (captain arrested, day of mourning).
    assert_eq!(groups.len(), 45);
    let pairs: Vec<&serde_json::Value> = groups
        .iter()
        .filter(|g| g["members"].as_array().unwrap().len() > 1)
        .collect();
    assert_eq!(pairs.len(), 2);
    assert_eq!(pairs[0]["score"], 0.971);
    factdiff()
        .args(["align", "--threshold", "1.5", EVENT])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--threshold must be between 0 and 1",
        ));
}

#[test]
fn missing_path_is_an_input_error() {
    factdiff()
        .args(["align", "no/such/folder"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no/such/folder"));
}

#[test]
fn unsupported_format_is_a_usage_error() {
    factdiff()
        .args(["align", "--format", "sarif", EVENT])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("table or json"));
}

fn copy(from: &Path, to: &Path, name: &str) {
    fs::copy(from.join(name), to.join(name)).unwrap();
}

#[test]
fn bad_file_among_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let event = manifest_dir().join(EVENT);
    copy(&event, dir.path(), "wire.txt");
    copy(&event, dir.path(), "regional.txt");
    fs::write(
        dir.path().join("broken.txt"),
        b"date 2024-03-11\n\nNul \0 byte.\n",
    )
    .unwrap();
    let out = factdiff().arg("align").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("broken.txt"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("regional"), "{stdout}");
    assert!(stdout.contains("wire"), "{stdout}");
    assert!(!stdout.contains("broken"), "{stdout}");
    assert!(stdout.contains("L15: Police arres"), "{stdout}");
    assert!(stdout.contains("2 sources, 19 sentences"), "{stdout}");
}
