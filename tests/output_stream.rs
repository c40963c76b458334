//! Output is streamed to stdout / `--output`: write errors end the run with a clear error (exit
//! 2), never a panic, and a reader that stops early (`| head -1`) ends it quietly.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;

fn sources() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sources")
}

fn bin() -> std::process::Command {
    let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("factdiff"));
    c.env_remove("RAYON_NUM_THREADS").env("NO_COLOR", "1");
    c
}

/// `--output` on a full device: exit 2 and one error line naming the output, no panic.
#[test]
fn full_disk_is_an_error_naming_the_output() {
    if !Path::new("/dev/full").exists() {
        return; // not Linux
    }
    for (cmd, format) in [
        ("check", "json"),
        ("compare", "json"),
        ("check", "markdown"),
    ] {
        let mut c = bin();
        c.arg(cmd);
        if cmd == "compare" {
            c.arg(sources().join("kazakhstan-2022"));
        } else {
            c.arg(sources());
        }
        let out = c
            .args(["--format", format, "-o", "/dev/full"])
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{cmd} {format}: {stderr}");
        assert!(
            stderr.contains("/dev/full: cannot write:"),
            "{cmd} {format}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

/// A reader that takes one line and closes the pipe (`factdiff check sources | head -1`): no
/// panic, no error message, and the exit code is the one of the findings.
#[test]
fn closed_pipe_ends_quietly() {
    for format in ["json", "jsonl", "table", "html"] {
        let mut child = bin()
            .args(["check", "--format", format])
            .arg(sources())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let stdout = child.stdout.take().expect("stdout");
        let mut first = String::new();
        BufReader::new(stdout)
            .read_line(&mut first)
            .expect("read one line");
        assert!(!first.is_empty(), "{format}");
        // The read end is dropped here: later writes fail with a broken pipe.
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{format}: {stderr}");
        assert!(!stderr.contains("error"), "{format}: {stderr}");
        assert_ne!(out.status.code(), Some(101), "{format}");
    }
}
