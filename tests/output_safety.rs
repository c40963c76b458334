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

// ---------------------------------------------------------------------------------------------
// compare, every format

/// Two reports that conflict (18 vs 12 officers killed), with hostile text everywhere: front
/// matter (outlet, title), sentences (HTML, Markdown table pipes and backticks, CDATA end,
/// GitHub workflow commands, terminal escapes) and a file name with markup.
fn hostile_compare_event(dir: &Path) {
    write(
        dir,
        "a<x>.txt",
        &format!(
            "---\noutlet: \"<script>alert(1)</script> | `x` \u{1b}[31mRED\"\ntitle: \"A | B ]]> <!-- --> %0A::error::x\"\ndate: 2022-01-07\n---\n\
             Police said 18 officers <b onmouseover=alert(1)>were</b> killed in Almaty | col `code` {ANSI} ]]> %0A::warning::pwn.\n"
        ),
    );
    write(
        dir,
        "b.txt",
        &format!(
            "date 2022-01-08\n\nOfficials said 12 officers <img src=x onerror=alert(2)> were killed in Almaty | col `code` {ANSI}\r\n::error file=x::injected.\n"
        ),
    );
}

fn compare_output(format: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    hostile_compare_event(dir.path());
    let out = factdiff()
        .args(["compare", "--format", format])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{format}: the conflict is found; stderr: {}",
        text(&out.stderr)
    );
    (text(&out.stdout), text(&out.stderr))
}

/// Regression (fix: escape sequences from report text in `compare` table, GitHub and HTML
/// output).
#[test]
fn fix_compare_table_neutralises_terminal_escapes() {
    let (out, err) = compare_output("table");
    assert_terminal_safe("table", &out);
    assert_terminal_safe("stderr", &err);
    assert!(out.contains("␛[31mRED␛[0m"), "{out}");
    assert!(out.contains("18") && out.contains("12"), "{out}");
}

#[test]
fn fix_compare_github_annotations_cannot_inject_commands_or_escapes() {
    let (out, _) = compare_output("github");
    assert_terminal_safe("github", &out);
    assert!(!out.is_empty());
    for line in out.lines() {
        // Every line is one of our annotations; report text cannot start a new command.
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "injected line: {line}"
        );
        assert!(!line.contains("::error file=x::"), "{line}");
    }
}

#[test]
fn fix_compare_html_escapes_markup_and_controls() {
    let (out, _) = compare_output("html");
    assert_terminal_safe("html", &out);
    for bad in [
        "<script>alert",
        "<b onmouseover",
        "<img src=x",
        "onerror=alert(2)>",
        "<!-- -->",
    ] {
        assert!(!out.contains(bad), "{bad} survived in HTML");
    }
    assert!(out.contains("&lt;img src=x onerror=alert(2)&gt;"), "{out}");
    // Only the document's own tags: every `<` starts a known element.
    let allowed = [
        "!DOCTYPE",
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "h1",
        "h2",
        "h3",
        "p",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "section",
        "article",
        "div",
        "span",
        "ul",
        "ol",
        "li",
        "code",
        "strong",
        "em",
        "mark",
        "blockquote",
        "a",
        "small",
        "details",
        "summary",
        "header",
        "footer",
        "main",
        "nav",
        "b",
        "i",
        "br",
        "abbr",
        "time",
        "q",
        "cite",
        "dl",
        "dt",
        "dd",
        "caption",
        "figure",
        "pre",
        "sup",
        "sub",
        "hr",
        "col",
        "colgroup",
        "label",
        "output",
        "svg",
        "g",
        "text",
        "line",
        "circle",
        "rect",
        "path",
        "polyline",
        "polygon",
        "tspan",
    ];
    for (i, _) in out.match_indices('<') {
        let tag: String = out[i + 1..]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect();
        assert!(
            allowed.contains(&tag.as_str()),
            "unexpected tag <{tag} at {i}"
        );
    }
}

#[test]
fn compare_markdown_cells_cannot_break_the_table() {
    let (out, _) = compare_output("markdown");
    assert_terminal_safe("markdown", &out);
    for line in out.lines().filter(|l| l.starts_with('|')) {
        // Unescaped pipes delimit cells: every row of a table has as many as its header.
        let cells = line.replace("\\|", "").matches('|').count();
        assert!(cells >= 3, "{line}");
    }
    let tables: Vec<Vec<&str>> = out
        .split("\n\n")
        .map(|b| b.lines().filter(|l| l.starts_with('|')).collect::<Vec<_>>())
        .filter(|t| !t.is_empty())
        .collect();
    assert!(!tables.is_empty());
    for t in tables {
        let n = t[0].replace("\\|", "").matches('|').count();
        for row in &t {
            assert_eq!(row.replace("\\|", "").matches('|').count(), n, "{row}");
        }
    }
    // Backticks from reports cannot open code spans; raw HTML is escaped.
    assert!(!out.contains("`code`"), "{out}");
    assert!(!out.contains("<script>") && !out.contains("<img"), "{out}");
}

#[test]
fn compare_json_and_sarif_are_valid_and_exact() {
    for format in ["json", "sarif"] {
        let (out, _) = compare_output(format);
        assert!(
            !out.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r') && (c as u32) < 0x80),
            "{format}: raw C0 control characters"
        );
        let v: serde_json::Value =
            serde_json::from_str(&out).unwrap_or_else(|e| panic!("{format}: invalid JSON: {e}"));
        // The hostile sentence survives exactly inside the JSON strings.
        assert!(
            v.to_string().contains("\\u001b[31mRED\\u001b[0m"),
            "{format}: text not kept"
        );
    }
    let (out, _) = compare_output("jsonl");
    for line in out.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
}

#[test]
fn compare_junit_is_well_formed_xml() {
    let (out, _) = compare_output("junit");
    // XML 1.0 forbids C0 controls other than tab, LF, CR even as character references.
    assert!(
        !out.chars()
            .any(|c| (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r')),
        "raw control characters in XML"
    );
    assert!(!out.contains("&#27;") && !out.contains("&#x1b;") && !out.contains("&#x1B;"));
    assert!(!out.contains("<script>") && !out.contains("<img"));
    // CDATA ends from the reports cannot close a CDATA section early.
    let cdata_opens = out.matches("<![CDATA[").count();
    let cdata_closes = out.matches("]]>").count();
    assert_eq!(cdata_opens, cdata_closes, "{out}");
    // Balanced elements: every opened tag is closed (a light well-formedness check).
    let mut stack: Vec<String> = Vec::new();
    let mut rest = out.as_str();
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        if rest.starts_with("<?") || rest.starts_with("<!") {
            let end = if rest.starts_with("<![CDATA[") {
                rest.find("]]>").map(|e| e + 3)
            } else {
                rest.find('>').map(|e| e + 1)
            };
            rest = &rest[end.unwrap()..];
            continue;
        }
        let end = rest.find('>').expect("unclosed tag");
        let tag = &rest[1..end];
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop().as_deref(), Some(name), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            let name: String = tag.chars().take_while(|c| !c.is_whitespace()).collect();
            stack.push(name);
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn fix_claims_table_neutralises_terminal_escapes() {
    let dir = tempfile::tempdir().unwrap();
    hostile_compare_event(dir.path());
    let out = factdiff().arg("claims").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let s = text(&out.stdout);
    assert_terminal_safe("claims table", &s);
    assert!(s.contains("␛[31mRED"), "{s}");
}
