//! Output safety, through the real binary: report text (and file names) full of terminal escape
//! sequences, markup and control characters must come out inert in every output format.
//! Input: hostile reports generated at test time. Output: pass / fail.
//!
//! What "inert" means per format: table / terminal and stderr: no ESC, C1, BEL, lone CR or bidi
//! override byte at all (shown as visible pictures instead); JSON: valid JSON whose strings
//! round-trip the original text exactly (control characters escaped); HTML: no tag or attribute
//! from the report survives unescaped; Markdown: table cells cannot break out of their cell or
//! row; SARIF: valid JSON; JUnit: well-formed XML (no raw control characters, markup escaped);
//! GitHub annotations: one annotation per line, no injected workflow command.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// Terminal control sequences: CSI colour, clear screen, OSC window title with BEL, one-byte C1
/// CSI, a lone CR that would overwrite the line, backspaces, and a right-to-left override.
const ANSI: &str =
    "\u{1b}[31mRED\u{1b}[0m \u{1b}[2J\u{1b}]0;owned\u{7} \u{9b}1m x\rFAKE\u{8}\u{8} \u{202e}txet";

fn factdiff() -> Command {
    let mut cmd = Command::cargo_bin("factdiff").unwrap();
    cmd.env("NO_COLOR", "1")
        .env("COLUMNS", "200")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, text).unwrap();
    p
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// No byte that a terminal would act on.
fn assert_terminal_safe(what: &str, s: &str) {
    let bad: Vec<(usize, char)> = s
        .char_indices()
        .filter(|&(i, c)| {
            let lone_cr = c == '\r' && !s[i + 1..].starts_with('\n');
            (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                || lone_cr
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    assert!(
        bad.is_empty(),
        "{what}: control characters {bad:?} in:\n{s}"
    );
}

fn hostile_event(dir: &Path) -> Vec<PathBuf> {
    vec![
        write(
            dir,
            "one.txt",
            &format!(
                "date 2022-01-07\n\nPolice said 18 officers were killed in Almaty. {ANSI} said 18 officers were killed.\n"
            ),
        ),
        write(
            dir,
            "two.txt",
            &format!(
                "date 2022-01-08\n\nOfficials said 12 officers were killed in Almaty. {ANSI} said 12 officers were killed.\n"
            ),
        ),
    ]
}

fn run_align(args: &[&str], paths: &[PathBuf]) -> Output {
    factdiff()
        .arg("align")
        .args(args)
        .args(paths)
        .output()
        .unwrap()
}

/// Regression (fix: ANSI escape sequences in report text reached the terminal through the
/// `align` table): the table shows them as visible pictures.
#[test]
fn fix_ansi_in_report_text_is_neutralised_in_align_table() {
    let dir = tempfile::tempdir().unwrap();
    let paths = hostile_event(dir.path());
    let out = run_align(&[], &paths);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert_terminal_safe("align table", &s);
    assert!(s.contains("␛[31mRED␛[0m"), "{s}");
}

#[test]
fn align_json_keeps_text_exact_and_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let paths = hostile_event(dir.path());
    let out = run_align(&["--format", "json"], &paths);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    // serde_json escapes C0 controls; C1 and bidi characters are valid JSON string content.
    assert!(!s.contains('\u{1b}') && !s.contains('\u{7}') && !s.contains('\u{8}'));
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    let all = v.to_string();
    assert!(all.contains("\\u001b[31mRED"), "{all}");
    // Round trip: the sentence text is exactly the file text.
    let texts: Vec<String> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["members"].as_array().unwrap().clone())
        .map(|m| m["text"].as_str().unwrap().to_string())
        .collect();
    let expected = format!("{ANSI} said 18 officers were killed.");
    assert!(texts.contains(&expected), "{texts:?}");
}

/// File names are report-controlled too: a name with an escape sequence, and a bad file whose
/// error message quotes file content (an invalid front-matter date), must not reach stderr raw.
#[test]
fn fix_ansi_in_file_names_and_error_messages_is_neutralised_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let bad_name = write(dir.path(), "\u{1b}[2Jevil.txt", "");
    let bad_date = write(
        dir.path(),
        "date.md",
        "---\ndate: 2022-01-07\u{1b}[31m\u{7}\n---\nText.\n",
    );
    let good = write(
        dir.path(),
        "good.txt",
        "Police said 18 officers were killed.\n",
    );
    let out = factdiff()
        .arg("align")
        .arg(&bad_name)
        .arg(&bad_date)
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert_terminal_safe("stderr", &err);
    assert!(err.contains("␛[2Jevil.txt: empty report"), "{err}");
    assert!(err.contains("invalid date '2022-01-07␛[31m␇'"), "{err}");
    assert_terminal_safe("stdout", &text(&out.stdout));
}
