//! Library-level tests of `ingest::load`: every class of bad input becomes an `InputError` that
//! names the file, while the good inputs of the same call are still loaded.

use std::fs;
use std::path::{Path, PathBuf};

use factdiff::ingest::{load, Loaded, MAX_FILE_BYTES};
use factdiff::InputError;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

fn ids(l: &Loaded) -> Vec<&str> {
    l.sources.iter().map(|s| s.id.as_str()).collect()
}

fn messages(l: &Loaded) -> Vec<(PathBuf, String)> {
    l.errors
        .iter()
        .map(|e| (e.path.clone(), e.message.clone()))
        .collect()
}

fn only_error(paths: &[PathBuf]) -> InputError {
    let l = load(paths);
    assert!(l.sources.is_empty(), "{:?}", ids(&l));
    assert_eq!(l.errors.len(), 1, "{:?}", l.errors);
    l.errors[0].clone()
}

#[test]
fn folder_fixture_sorted_hidden_and_other_extensions_skipped() {
    let l = load(&[fixtures().join("folder")]);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    // a.txt, b.md, C.TXT (extension case ignored); .hidden.txt, notes.json, sub/ skipped.
    assert_eq!(ids(&l), ["C", "alpha", "b"]);
    let a = &l.sources[1];
    assert_eq!(a.path, fixtures().join("folder/a.txt"));
    assert_eq!(a.date, chrono::NaiveDate::from_ymd_opt(2022, 1, 7));
    let b = &l.sources[2];
    assert_eq!(b.outlet.as_deref(), Some("Bee Times"));
    assert_eq!(b.title.as_deref(), Some("A title"));
    assert_eq!(b.url.as_deref(), Some("https://example.org/b"));
}

#[test]
fn explicit_file_with_other_extension_is_read() {
    let l = load(&[fixtures().join("folder/notes.json")]);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    assert_eq!(ids(&l), ["notes"]);
}

#[test]
fn missing_path_reports_os_message() {
    let p = PathBuf::from("/nonexistent/factdiff/report.txt");
    let e = only_error(std::slice::from_ref(&p));
    assert_eq!(e.path, p);
    assert!(
        e.message.contains("No such file or directory"),
        "{}",
        e.message
    );
    assert!(e
        .to_string()
        .starts_with("/nonexistent/factdiff/report.txt: "));
}

#[test]
fn empty_folder_and_folder_without_reports() {
    let dir = tempfile::tempdir().unwrap();
    let e = only_error(&[dir.path().to_path_buf()]);
    assert_eq!(e.path, dir.path());
    assert_eq!(e.message, "no .txt or .md reports in folder");
    write(dir.path(), "data.json", b"{}");
    write(dir.path(), ".hidden.txt", b"Hidden text.");
    let e = only_error(&[dir.path().to_path_buf()]);
    assert_eq!(e.message, "no .txt or .md reports in folder");
}

#[test]
fn empty_and_whitespace_only_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", b"");
    let b = write(dir.path(), "b.txt", b"  \r\n\n\t");
    let c = write(dir.path(), "c.md", b"---\nid: c\n---\n\n");
    let l = load(&[a.clone(), b.clone(), c.clone()]);
    assert_eq!(
        messages(&l),
        [
            (a, "empty report".to_string()),
            (b, "empty report".to_string()),
            (c, "empty report (no text after the metadata)".to_string()),
        ]
    );
}

#[test]
fn nul_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "bin.txt", b"Some text\0\x01\x02");
    let e = only_error(std::slice::from_ref(&p));
    assert_eq!(e.path, p);
    assert_eq!(e.message, "binary file (NUL byte at offset 9)");
}

#[test]
fn invalid_utf8_names_offset() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"date 2022-01-07\nCaf\xC3\xA9 is fine. ".to_vec();
    let offset = bytes.len();
    bytes.extend(b"\xE9t\xE9 is Latin-1.");
    let p = write(dir.path(), "latin1.txt", &bytes);
    let e = only_error(std::slice::from_ref(&p));
    assert_eq!(e.message, format!("invalid UTF-8 at byte {offset}"));
    assert_eq!(
        e.to_string(),
        format!("{}: invalid UTF-8 at byte {offset}", p.display())
    );
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let text = "date 2022-01-07\r\nAlmaty was calm. Troops left.\r\n";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        le.extend(u.to_le_bytes());
        be.extend(u.to_be_bytes());
    }
    let a = write(dir.path(), "le.txt", &le);
    let b = write(dir.path(), "be.txt", &be);
    let l = load(&[a, b]);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    assert_eq!(ids(&l), ["le", "be"]);
    for s in &l.sources {
        assert_eq!(s.text, format!("\u{FEFF}{text}"));
        assert_eq!(s.body(), "Almaty was calm. Troops left.\r\n");
    }
    // Without a BOM, UTF-16 is not guessed: its NUL bytes make it a binary file.
    let c = write(dir.path(), "nobom.txt", &le[2..]);
    assert_eq!(
        only_error(&[c]).message,
        "binary file (NUL byte at offset 1)"
    );
}

#[test]
fn bad_date_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "d.txt", b"date 2022-13-40\nText.");
    let e = only_error(std::slice::from_ref(&p));
    assert_eq!(
        e.to_string(),
        format!("{}: line 1: invalid date '2022-13-40'", p.display())
    );
}

#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "secret.txt", b"Secret text.");
    fs::set_permissions(&p, fs::Permissions::from_mode(0o000)).unwrap();
    let l = load(std::slice::from_ref(&p));
    // root (as in the CI container) can read a mode-000 file: then there is nothing to assert
    // but that loading works.
    let readable = fs::File::open(&p).is_ok();
    if readable {
        assert!(l.errors.is_empty(), "{:?}", l.errors);
        assert_eq!(ids(&l), ["secret"]);
    } else {
        assert_eq!(l.errors.len(), 1);
        assert_eq!(l.errors[0].path, p);
        assert!(
            l.errors[0].message.contains("Permission denied"),
            "{}",
            l.errors[0].message
        );
    }
}

#[test]
fn fifo_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pipe.txt");
    let status = std::process::Command::new("mkfifo").arg(&p).status();
    if !matches!(status, Ok(s) if s.success()) {
        return; // no mkfifo on this system
    }
    // Both explicitly and through the folder; loading must not block on the pipe.
    let e = only_error(std::slice::from_ref(&p));
    assert_eq!(
        (e.path, e.message.as_str()),
        (p.clone(), "not a regular file")
    );
    let e = only_error(&[dir.path().to_path_buf()]);
    assert_eq!((e.path, e.message.as_str()), (p, "not a regular file"));
}

#[test]
fn device_is_not_read() {
    let p = PathBuf::from("/dev/zero");
    if p.exists() {
        assert_eq!(only_error(&[p]).message, "not a regular file");
    }
}

#[test]
fn symlink_loop_does_not_hang() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    std::os::unix::fs::symlink(&b, &a).unwrap();
    std::os::unix::fs::symlink(&a, &b).unwrap();
    let e = only_error(std::slice::from_ref(&a));
    assert_eq!(e.path, a);
    assert!(e.message.contains("symbolic links"), "{}", e.message);
    // In a folder, each looping link is reported, in file-name order.
    let l = load(&[dir.path().to_path_buf()]);
    assert_eq!(
        l.errors.iter().map(|e| e.path.clone()).collect::<Vec<_>>(),
        [a, b]
    );
}

#[test]
fn too_large_file_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("huge.txt");
    let f = fs::File::create(&p).unwrap();
    f.set_len(MAX_FILE_BYTES + 1).unwrap(); // sparse: no disk used
    let e = only_error(std::slice::from_ref(&p));
    assert_eq!(
        e.message,
        format!(
            "file too large ({} bytes; the limit is {MAX_FILE_BYTES} bytes = 64 MiB)",
            MAX_FILE_BYTES + 1
        )
    );
}

#[test]
fn duplicate_ids() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("x")).unwrap();
    fs::create_dir(dir.path().join("y")).unwrap();
    let a = write(&dir.path().join("x"), "wire.txt", b"One.");
    let b = write(&dir.path().join("y"), "wire.md", b"Two.");
    let c = write(dir.path(), "other.md", b"---\nid: wire\n---\nThree.");
    let l = load(&[a.clone(), b.clone(), c.clone()]);
    assert_eq!(ids(&l), ["wire"]);
    assert_eq!(
        messages(&l),
        [
            (
                b,
                format!("duplicate source id 'wire' (also from {})", a.display())
            ),
            (
                c,
                format!("duplicate source id 'wire' (also from {})", a.display())
            ),
        ]
    );
}

#[test]
fn same_file_twice_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let a = write(dir.path(), "a.txt", b"One.");
    let l = load(&[dir.path().to_path_buf(), a.clone(), a]);
    assert!(l.errors.is_empty(), "{:?}", l.errors);
    assert_eq!(ids(&l), ["a"]);
}

#[test]
fn good_inputs_survive_bad_ones_in_stable_order() {
    let dir = tempfile::tempdir().unwrap();
    let good1 = write(dir.path(), "good1.txt", b"date 2022-01-05\nFirst report.");
    let empty = write(dir.path(), "empty.txt", b"");
    let bin = write(dir.path(), "bin.md", b"\0");
    let missing = dir.path().join("missing.txt");
    let sub = dir.path().join("sub");
    fs::create_dir(&sub).unwrap();
    let good2 = write(&sub, "good2.md", b"Second report.");
    let bad_utf8 = write(&sub, "bad.md", b"ab\xFF");
    let nothing = dir.path().join("nothing");
    fs::create_dir(&nothing).unwrap();
    let l = load(&[
        good1.clone(),
        empty.clone(),
        missing.clone(),
        sub.clone(),
        bin.clone(),
        nothing.clone(),
    ]);
    assert_eq!(ids(&l), ["good1", "good2"]);
    assert_eq!(l.sources[1].path, good2);
    let errs: Vec<(PathBuf, String)> = messages(&l)
        .into_iter()
        .map(|(p, m)| {
            if p == missing {
                (p, "<os>".to_string())
            } else {
                (p, m)
            }
        })
        .collect();
    assert_eq!(
        errs,
        [
            (empty, "empty report".to_string()),
            (missing, "<os>".to_string()),
            (bad_utf8, "invalid UTF-8 at byte 2".to_string()),
            (bin, "binary file (NUL byte at offset 0)".to_string()),
            (nothing, "no .txt or .md reports in folder".to_string()),
        ]
    );
    // Every message names its file.
    for e in &l.errors {
        assert!(e.to_string().starts_with(&e.path.display().to_string()));
    }
}
