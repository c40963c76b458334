//! `factdiff check` and `factdiff eval` end to end: broken inputs, determinism across thread
//! counts, baselines that survive edits, corpus files (CSV / JSON lines), exit codes.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn fixture(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(p)
}

fn factdiff() -> Command {
    let mut c = Command::cargo_bin("factdiff").expect("binary");
    c.env_remove("RAYON_NUM_THREADS").env("NO_COLOR", "1");
    c
}

/// Copy a fixture folder tree into a fresh temporary folder.
fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn corpus_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&fixture("check"), dir.path());
    dir
}

fn json(out: &[u8]) -> serde_json::Value {
    serde_json::from_slice(out).expect("valid JSON")
}

#[test]
fn every_event_is_compared_and_sorted() {
    let out = factdiff()
        .args(["check", "-f", "json"])
        .arg(fixture("check"))
        .output()
        .expect("run");
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{out:?}"
    );
    let v = json(&out.stdout);
    assert_eq!(v["schema_version"], 1);
    let names: Vec<&str> = v["events"]
        .as_array()
        .expect("events")
        .iter()
        .map(|e| e["event"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, ["factory-fire", "river-flood", "storm-coast"]);
    assert_eq!(v["summary"]["sources"], 8);
    assert_eq!(v["errors"].as_array().map(Vec::len), Some(0));
}

#[test]
fn one_broken_file_is_an_error_and_the_rest_still_runs() {
    let dir = corpus_copy();
    std::fs::write(
        dir.path().join("river-flood/garbled.txt"),
        b"date 2023-09-12\n\nbad \xff\xfe bytes",
    )
    .expect("write");
    // An event folder whose only report is unreadable.
    std::fs::create_dir(dir.path().join("empty-event")).expect("mkdir");
    std::fs::write(dir.path().join("empty-event/blank.txt"), "   \n").expect("write");
    let out = factdiff()
        .args(["check", "-f", "json"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let v = json(&out.stdout);
    let errors = v["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0]["path"]
        .as_str()
        .unwrap_or("")
        .ends_with("empty-event/blank.txt"));
    assert!(errors[1]["path"]
        .as_str()
        .unwrap_or("")
        .ends_with("river-flood/garbled.txt"));
    assert!(errors[1]["message"]
        .as_str()
        .unwrap_or("")
        .contains("invalid UTF-8"));
    let events = v["events"].as_array().expect("events");
    assert_eq!(events.len(), 3);
    // The three good reports of river-flood were still compared.
    assert_eq!(events[1]["event"], "river-flood");
    assert_eq!(events[1]["summary"]["sources"], 3);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("garbled.txt"), "{stderr}");
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    for format in ["json", "markdown", "sarif"] {
        let run = |threads: &str| {
            factdiff()
                .env("RAYON_NUM_THREADS", threads)
                .args(["check", "-f", format])
                .arg(fixture("check"))
                .output()
                .expect("run")
        };
        let one = run("1");
        let two = run("2");
        let four = run("4");
        assert!(one.status.code().is_some_and(|c| c <= 1), "{one:?}");
        assert!(!one.stdout.is_empty());
        assert_eq!(one.stdout, two.stdout, "{format}: 1 vs 2 threads");
        assert_eq!(one.stdout, four.stdout, "{format}: 1 vs 4 threads");
        assert_eq!(one.status.code(), two.status.code());
    }
}

#[test]
fn no_progress_output_when_piped() {
    // Enough events for a progress bar on a terminal; stderr is a pipe here.
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..24 {
        let event = dir.path().join(format!("event-{i:02}"));
        std::fs::create_dir(&event).expect("mkdir");
        std::fs::write(
            event.join("a.txt"),
            format!("date 2024-01-0{}\n\n{i} people were hurt.\n", 1 + i % 9),
        )
        .expect("write");
        std::fs::write(event.join("b.txt"), "date 2024-01-09\n\nNobody was hurt.\n")
            .expect("write");
    }
    let out = factdiff()
        .args(["check", "-f", "json", "--fail-on", "never"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        json(&out.stdout)["events"].as_array().map(Vec::len),
        Some(24)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("events"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
}

fn findings_of(v: &serde_json::Value) -> usize {
    v["events"]
        .as_array()
        .map(|es| {
            es.iter()
                .map(|e| e["findings"].as_array().map_or(0, Vec::len))
                .sum()
        })
        .unwrap_or(0)
}

#[test]
fn baseline_hides_known_findings_after_edits_elsewhere() {
    let dir = corpus_copy();
    let corpus = dir.path().join("corpus");
    copy_tree(&fixture("check"), &corpus);
    let baseline = dir.path().join("baseline.json");

    let first = factdiff()
        .args(["check", "-f", "json", "--write-baseline"])
        .arg(&baseline)
        .arg(&corpus)
        .output()
        .expect("run");
    assert_eq!(
        first.status.code(),
        Some(0),
        "writing a baseline accepts the findings"
    );
    let before = findings_of(&json(&first.stdout));
    assert!(before > 0, "the fixture corpus should have findings");
    let text = std::fs::read_to_string(&baseline).expect("baseline written");
    let b: serde_json::Value = serde_json::from_str(&text).expect("baseline JSON");
    let fps: Vec<&str> = b["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap_or(""))
        .collect();
    let mut sorted = fps.clone();
    sorted.sort();
    assert_eq!(fps, sorted, "baseline entries are sorted");
    assert_eq!(fps.len(), before);

    // Insert a paragraph at the top of every report (after its metadata): every line moves.
    for event in ["factory-fire", "river-flood", "storm-coast"] {
        for entry in std::fs::read_dir(corpus.join(event)).expect("read_dir") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("read");
            let cut = text.find("\n\n").map(|i| i + 2).unwrap_or(0);
            let edited = format!(
                "{}Editor's note: this article was updated with new material.\n\nA second paragraph was added here as well.\n\n{}",
                &text[..cut],
                &text[cut..]
            );
            std::fs::write(&path, edited).expect("write");
        }
    }
    let second = factdiff()
        .args(["check", "-f", "json", "--fail-on", "info", "--baseline"])
        .arg(&baseline)
        .arg(&corpus)
        .output()
        .expect("run");
    let v = json(&second.stdout);
    assert_eq!(
        findings_of(&v),
        0,
        "{}",
        String::from_utf8_lossy(&second.stdout)
    );
    assert_eq!(second.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&second.stderr).contains("hidden by baseline"));

    // A new discrepancy is not hidden.
    let report = corpus.join("storm-coast/wire-news.txt");
    let text = std::fs::read_to_string(&report).expect("read");
    std::fs::write(&report, text.replace("Two people died", "Nine people died")).expect("write");
    let third = factdiff()
        .args(["check", "-f", "json", "--fail-on", "info", "--baseline"])
        .arg(&baseline)
        .arg(&corpus)
        .output()
        .expect("run");
    assert!(findings_of(&json(&third.stdout)) > 0);
    assert_eq!(third.status.code(), Some(1));
}

#[test]
fn bad_baseline_file_exits_2() {
    let dir = tempfile::tempdir().expect("tempdir");
    let baseline = dir.path().join("b.json");
    std::fs::write(&baseline, "[1, 2").expect("write");
    factdiff()
        .args(["check", "--baseline"])
        .arg(&baseline)
        .arg(fixture("check"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("not a factdiff baseline"));
}

#[test]
fn missing_corpus_exits_2() {
    factdiff()
        .args(["check", "/nonexistent/corpus"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("/nonexistent/corpus"));
}

fn file_check(name: &str) -> (serde_json::Value, String, Option<i32>) {
    let out = factdiff()
        .args(["check", "-f", "json", "--fail-on", "never", "--input"])
        .arg(fixture(&format!("corpus-file/{name}")))
        .args([
            "--text-column",
            "article_content",
            "--source-column",
            "source",
            "--date-column",
            "date",
            "--group-by",
            "date,location",
        ])
        .output()
        .expect("run");
    (
        json(&out.stdout),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code(),
    )
}

#[test]
fn csv_and_jsonl_corpus_files_group_rows_into_events() {
    let mut shapes = Vec::new();
    for name in ["articles.csv", "articles.jsonl"] {
        let (v, stderr, code) = file_check(name);
        assert_eq!(code, Some(0), "{name}: {stderr}");
        assert!(
            stderr.contains("1 groups with fewer than 2 articles skipped"),
            "{stderr}"
        );
        let events = v["events"].as_array().expect("events");
        let shape: Vec<(String, Vec<String>, Vec<String>)> = events
            .iter()
            .map(|e| {
                let sources = e["sources"].as_array().expect("sources");
                (
                    e["event"].as_str().unwrap_or("").to_string(),
                    sources
                        .iter()
                        .map(|s| s["id"].as_str().unwrap_or("").to_string())
                        .collect(),
                    sources
                        .iter()
                        .map(|s| s["date"].as_str().unwrap_or("").to_string())
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                (
                    "3/7/2016, Ardan".to_string(),
                    vec![
                        "northwire".to_string(),
                        "gulfdaily".into(),
                        "statenews".into()
                    ],
                    vec![
                        "2016-03-07".to_string(),
                        "2016-03-07".into(),
                        "2016-03-07".into()
                    ],
                ),
                (
                    "3/8/2016, Beth Qara".to_string(),
                    vec!["northwire".to_string(), "northwire-2".into()],
                    vec!["2016-03-08".to_string(), "2016-03-08".into()],
                ),
            ]
        );
        let path = events[0]["sources"][1]["path"].as_str().unwrap_or("");
        // The line where the row starts: CSV has a header line, JSON lines has none.
        let line = if name.ends_with(".csv") { 3 } else { 2 };
        assert!(path.ends_with(&format!("{name}#L{line}")), "{path}");
        shapes.push(shape);
    }
    assert_eq!(shapes[0], shapes[1]);
}

#[test]
fn corpus_file_with_a_missing_column_exits_2() {
    factdiff()
        .args(["check", "--input"])
        .arg(fixture("corpus-file/articles.csv"))
        .args(["--text-column", "body"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no column `body`"));
}

#[test]
fn eval_scores_against_expected_json() {
    let dir = corpus_copy();
    std::fs::write(
        dir.path().join("storm-coast/expected.json"),
        r#"{"conflicts": [], "agreements": [
            {"id": "deaths", "kind": "quantity", "topic": "people killed",
             "claims": [{"source": "coast-gazette", "value": "Two people"}, {"source": "wire-news", "value": "Two people"}],
             "note": "same toll"}]}"#,
    )
    .expect("write");
    std::fs::write(
        dir.path().join("river-flood/expected.json"),
        r#"{"conflicts": [
            {"id": "deaths", "kind": "quantity", "topic": "people killed",
             "claims": [{"source": "valley-times", "value": "Three people"}, {"source": "radio-north", "value": "Five people"}],
             "note": "3 vs 5"}]}"#,
    )
    .expect("write");
    let out = factdiff()
        .args(["eval", "-f", "json"])
        .arg(dir.path())
        .output()
        .expect("run");
    let v = json(&out.stdout);
    assert_eq!(v["total"]["events"], 2, "factory-fire has no expected.json");
    assert_eq!(v["total"]["conflicts_listed"], 1);
    assert_eq!(v["total"]["agreements_listed"], 1);
    assert_eq!(out.status.code(), Some(0));
    // An impossible threshold fails with exit 1.
    factdiff()
        .args(["eval", "--min-recall", "1.01"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("below --min-recall"));
}
