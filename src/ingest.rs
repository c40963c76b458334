//! Ingest: turns paths given on the command line into [`Source`]s.
//!
//! Input: files and folders (`.txt` / `.md`; a folder means every such file directly in it,
//! sorted by file name, hidden files skipped; a file named explicitly is read whatever its
//! extension). Output: [`Loaded`]: one [`Source`] per readable report, with its metadata (a first
//! line `date YYYY-MM-DD`, or a `---` front-matter block with `id`, `outlet`, `date`, `title`,
//! `url`), plus one [`InputError`] per unreadable one, both in argument order. The text is kept
//! exactly as in the file (BOM and CRLF included) so that every later byte span points into the
//! original file; UTF-16 files (with a BOM) are decoded to UTF-8 and their spans refer to the
//! decoded text. See `docs/ingest-segment.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::InputError;

/// Largest report accepted, in bytes (64 MiB). Larger files are reported as an [`InputError`]
/// without being read.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Ingest settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IngestConfig {
    /// Largest report accepted, in bytes; a larger file is an [`InputError`] and is not read.
    pub max_file_bytes: u64,
}

impl Default for IngestConfig {
    fn default() -> Self {
        Self {
            max_file_bytes: MAX_FILE_BYTES,
        }
    }
}

/// File extensions taken from a folder (compared case-insensitively).
pub const REPORT_EXTENSIONS: [&str; 2] = ["txt", "md"];

/// One report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Source {
    /// File stem, or the front matter's `id`.
    pub id: String,
    pub path: PathBuf,
    /// Publication date from the metadata, used to resolve "on Friday" and to order updates.
    pub date: Option<NaiveDate>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// The whole file as decoded text, BOM and CRLF included, so byte offsets match the file.
    #[serde(skip)]
    pub text: String,
    /// Byte offset where the body starts (after a BOM and the metadata line or block).
    #[serde(skip)]
    pub body_start: usize,
}

impl Source {
    /// The body: the text after the BOM and the metadata.
    pub fn body(&self) -> &str {
        self.text.get(self.body_start..).unwrap_or("")
    }
}

/// Result of loading several paths: the good sources and the errors, both in a stable order.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub errors: Vec<InputError>,
}

/// Load every report under `paths`. Never panics; bad inputs become [`InputError`]s.
///
/// Paths are handled in the order given; a folder contributes its `.txt` / `.md` files sorted by
/// file name. The same file reached twice (e.g. a folder and a file inside it) is read once. Two
/// different files with the same source id: the second one is an error. Files larger than
/// [`MAX_FILE_BYTES`] are errors (see [`load_with`] for another limit).
pub fn load(paths: &[PathBuf]) -> Loaded {
    load_with(paths, &IngestConfig::default())
}

/// [`load`] with explicit settings (e.g. another file-size limit).
pub fn load_with(paths: &[PathBuf], config: &IngestConfig) -> Loaded {
    let mut loaded = Loaded::default();
    let mut seen_files: BTreeSet<PathBuf> = BTreeSet::new();
    let mut ids: BTreeMap<String, PathBuf> = BTreeMap::new();

    let mut add = |path: &Path, loaded: &mut Loaded| {
        let key = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !seen_files.insert(key) {
            return;
        }
        match read_report(path, config.max_file_bytes) {
            Ok(source) => {
                if let Some(other) = ids.get(&source.id) {
                    loaded.errors.push(InputError::new(
                        path,
                        format!(
                            "duplicate source id '{}' (also from {})",
                            source.id,
                            other.display()
                        ),
                    ));
                } else {
                    ids.insert(source.id.clone(), path.to_path_buf());
                    loaded.sources.push(source);
                }
            }
            Err(e) => loaded.errors.push(e),
        }
    };

    for path in paths {
        let meta = match fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                loaded.errors.push(InputError::new(path, e.to_string()));
                continue;
            }
        };
        if meta.is_dir() {
            match list_folder(path) {
                Ok(files) if files.is_empty() => loaded
                    .errors
                    .push(InputError::new(path, "no .txt or .md reports in folder")),
                Ok(files) => {
                    for f in files {
                        add(&f, &mut loaded);
                    }
                }
                Err(e) => loaded.errors.push(e),
            }
        } else {
            add(path, &mut loaded);
        }
    }
    loaded
}

/// The report files directly inside `dir`, sorted by file name: `.txt` / `.md` (any case), not
/// hidden, not folders. Entries whose type cannot be determined (broken links, loops) are
/// returned too, so that reading them reports the problem.
fn list_folder(dir: &Path) -> Result<Vec<PathBuf>, InputError> {
    let entries = fs::read_dir(dir).map_err(|e| InputError::new(dir, e.to_string()))?;
    let mut names: Vec<OsString> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| InputError::new(dir, e.to_string()))?;
        let name = entry.file_name();
        let name_str = name.to_string_lossy();
        if name_str.starts_with('.') || !has_report_extension(Path::new(&name)) {
            continue;
        }
        // Follows symbolic links; a folder named `x.md` is skipped (no recursion).
        if let Ok(m) = fs::metadata(entry.path()) {
            if m.is_dir() {
                continue;
            }
        }
        names.push(name);
    }
    names.sort();
    Ok(names.into_iter().map(|n| dir.join(n)).collect())
}

fn has_report_extension(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| REPORT_EXTENSIONS.contains(&e.as_str()))
}

/// Read one file (regular files only, at most `max` bytes) and [`parse`] it.
fn read_report(path: &Path, max: u64) -> Result<Source, InputError> {
    let err = |m: String| InputError::new(path, m);
    // `metadata` follows links: a loop fails here (ELOOP) instead of hanging, and a FIFO or a
    // device is rejected before it is opened, so reading never blocks.
    let meta = fs::metadata(path).map_err(|e| err(e.to_string()))?;
    if !meta.is_file() {
        return Err(err("not a regular file".into()));
    }
    if meta.len() > max {
        return Err(err(too_large(meta.len(), max)));
    }
    let file = fs::File::open(path).map_err(|e| err(e.to_string()))?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    // The file may grow between `metadata` and `read`: never read more than the limit + 1.
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| err(e.to_string()))?;
    if bytes.len() as u64 > max {
        return Err(err(too_large(bytes.len() as u64, max)));
    }
    parse_with(
        path,
        &bytes,
        &IngestConfig {
            max_file_bytes: max,
        },
    )
}

/// "file too large (N bytes; the limit is M bytes = 64 MiB)"; the MiB / GiB form only when
/// the limit is a whole number of them.
fn too_large(len: u64, max: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    const GIB: u64 = 1024 * MIB;
    let human = if max >= GIB && max.is_multiple_of(GIB) {
        format!(" = {} GiB", max / GIB)
    } else if max >= MIB && max.is_multiple_of(MIB) {
        format!(" = {} MiB", max / MIB)
    } else {
        String::new()
    };
    format!("file too large ({len} bytes; the limit is {max} bytes{human})")
}

/// Parse one report from bytes already read from `path`.
///
/// Decoding: UTF-8 (a UTF-8 BOM is kept in `text` and skipped by `body_start`), or UTF-16 LE/BE
/// when the file starts with the matching BOM (decoded to UTF-8; the BOM becomes U+FEFF at the
/// start of `text`). Errors: NUL bytes, invalid UTF-8/UTF-16 (with the byte offset), an empty
/// report, bad metadata (with the line), more than [`MAX_FILE_BYTES`].
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Source, InputError> {
    parse_with(path, bytes, &IngestConfig::default())
}

/// [`parse`] with explicit settings (the size limit).
pub fn parse_with(path: &Path, bytes: &[u8], config: &IngestConfig) -> Result<Source, InputError> {
    let err = |m: String| InputError::new(path, m);
    if bytes.len() as u64 > config.max_file_bytes {
        return Err(err(too_large(bytes.len() as u64, config.max_file_bytes)));
    }
    let text = decode(bytes).map_err(err)?;
    let bom = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    if text[bom..].trim().is_empty() {
        return Err(err("empty report".into()));
    }
    let meta = read_metadata(&text, bom).map_err(err)?;
    if text[meta.body_start..].trim().is_empty() {
        return Err(err("empty report (no text after the metadata)".into()));
    }
    let id = match meta.id {
        Some(id) => id,
        None => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "source".to_string()),
    };
    Ok(Source {
        id,
        path: path.to_path_buf(),
        date: meta.date,
        outlet: meta.outlet,
        title: meta.title,
        url: meta.url,
        text,
        body_start: meta.body_start,
    })
}

/// Bytes to text; the message names the byte offset of the problem.
fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.starts_with(b"\xFF\xFE\x00\x00") || bytes.starts_with(b"\x00\x00\xFE\xFF") {
        return Err("unsupported encoding UTF-32 (convert the file to UTF-8)".into());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(format!("binary file (NUL byte at offset {pos})"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(format!("invalid UTF-8 at byte {}", e.valid_up_to())),
    }
}

/// Decode UTF-16 code units (after a 2-byte BOM); the result starts with U+FEFF.
fn decode_utf16(rest: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !rest.len().is_multiple_of(2) {
        return Err(format!(
            "invalid UTF-16: odd number of bytes ({})",
            rest.len() + 2
        ));
    }
    let units: Vec<u16> = rest.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    if let Some(i) = units.iter().position(|&u| u == 0) {
        return Err(format!("binary file (NUL byte at offset {})", 2 + 2 * i));
    }
    let mut out = String::with_capacity(units.len() + 3);
    out.push('\u{FEFF}');
    let mut offset = 2;
    for r in char::decode_utf16(units.iter().copied()) {
        match r {
            Ok(c) => {
                out.push(c);
                offset += 2 * c.len_utf16();
            }
            Err(_) => return Err(format!("invalid UTF-16 at byte {offset}")),
        }
    }
    Ok(out)
}

#[derive(Debug, Default)]
struct Meta {
    id: Option<String>,
    outlet: Option<String>,
    date: Option<NaiveDate>,
    title: Option<String>,
    url: Option<String>,
    body_start: usize,
}

/// One line of the text: `[start, end)` without its terminator, `next` after it.
fn line_at(text: &str, start: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
        i += 1;
    }
    let end = i;
    if i < bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i += 2;
        } else {
            i += 1;
        }
    }
    (end, i)
}

fn read_metadata(text: &str, start: usize) -> Result<Meta, String> {
    let (end, next) = line_at(text, start);
    let first = &text[start..end];
    if first.trim_end() == "---" {
        return read_front_matter(text, next);
    }
    let mut meta = Meta {
        body_start: start,
        ..Meta::default()
    };
    // `date YYYY-MM-DD` (or `date: ...`), possibly indented, possibly followed by the body on
    // the same line.
    let indent = first.len() - first.trim_start().len();
    let line = &first[indent..];
    let Some(kw) = line.get(..4) else {
        return Ok(meta);
    };
    if !kw.eq_ignore_ascii_case("date") {
        return Ok(meta);
    }
    let after_kw = &line[4..];
    let after_colon = after_kw.strip_prefix(':').unwrap_or(after_kw);
    if !after_colon.starts_with([' ', '\t']) {
        return Ok(meta);
    }
    let value = after_colon.trim_start();
    let token_len = value.find(char::is_whitespace).unwrap_or(value.len());
    let token = &value[..token_len];
    if !looks_like_iso_date(token) {
        return Ok(meta);
    }
    meta.date = Some(parse_date(token, 1)?);
    let token_end = start + indent + 4 + (after_kw.len() - value.len()) + token_len;
    let rest = &text[token_end..];
    meta.body_start = token_end + (rest.len() - rest.trim_start().len());
    Ok(meta)
}

/// `dddd-d+-d+` shape (whatever the values): such a token after `date` must be a valid date.
fn looks_like_iso_date(token: &str) -> bool {
    let mut parts = token.split('-');
    let (Some(y), Some(m), Some(d), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let digits = |s: &str, max: usize| {
        !s.is_empty() && s.len() <= max && s.bytes().all(|b| b.is_ascii_digit())
    };
    y.len() == 4 && digits(y, 4) && digits(m, 2) && digits(d, 2)
}

fn parse_date(value: &str, line: usize) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| format!("line {line}: invalid date '{value}'"))
}

/// Front matter: `---`, then `key: value` lines, then `---` (or `...`). Known keys: id, outlet,
/// date, title, url; other keys, comments, blank lines and indented / list lines are ignored.
fn read_front_matter(text: &str, mut pos: usize) -> Result<Meta, String> {
    let mut meta = Meta::default();
    let mut line_no = 1;
    loop {
        if pos >= text.len() {
            return Err("line 1: front matter is not closed (no '---' line after it)".into());
        }
        line_no += 1;
        let (end, next) = line_at(text, pos);
        let line = &text[pos..end];
        pos = next;
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            break;
        }
        if trimmed.trim_start().is_empty()
            || trimmed.starts_with('#')
            || trimmed.starts_with([' ', '\t', '-'])
        {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = unquote(value.trim());
        let value = (!value.is_empty()).then(|| value.to_string());
        match key.as_str() {
            "id" => meta.id = value,
            "outlet" => meta.outlet = value,
            "title" => meta.title = value,
            "url" => meta.url = value,
            "date" => {
                meta.date = match value {
                    Some(v) => Some(parse_date(date_part(&v), line_no)?),
                    None => None,
                }
            }
            _ => {}
        }
    }
    meta.body_start = pos;
    Ok(meta)
}

/// The date of a front-matter value that may carry a time (`2022-01-07T10:30:00Z`,
/// `2022-01-07 10:30 +0000`, as written by static site generators).
fn date_part(v: &str) -> &str {
    match v.char_indices().nth(10) {
        Some((k, 'T' | ' ')) if v[..k].bytes().all(|b| b.is_ascii_digit() || b == b'-') => &v[..k],
        _ => v,
    }
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(bytes: &[u8]) -> Result<Source, InputError> {
        parse(Path::new("dir/report.txt"), bytes)
    }

    #[test]
    fn seed_form_date_line_with_body_on_same_line() {
        let s = p(b" date 2022-01-07 Chinese President Xi said.\n\nMore.").unwrap();
        assert_eq!(s.id, "report");
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2022, 1, 7));
        assert_eq!(s.body_start, 17);
        assert_eq!(s.body(), "Chinese President Xi said.\n\nMore.");
    }

    #[test]
    fn date_line_alone() {
        let s = p(b"date 2022-01-09\r\n\r\nHeadline\r\n").unwrap();
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2022, 1, 9));
        assert_eq!(s.body(), "Headline\r\n");
        let s = p(b"Date: 2022-01-09\nText.").unwrap();
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2022, 1, 9));
        assert_eq!(s.body(), "Text.");
    }

    #[test]
    fn first_line_that_is_not_a_date_line_is_body() {
        let s = p(b"Date night was fun.").unwrap();
        assert_eq!(s.date, None);
        assert_eq!(s.body_start, 0);
        let s = p(b"date: 7 January 2022\nText.").unwrap();
        assert_eq!(s.date, None);
        assert_eq!(s.body_start, 0);
    }

    #[test]
    fn bad_date_names_line() {
        let e = p(b"date 2022-13-40\nText.").unwrap_err();
        assert_eq!(e.message, "line 1: invalid date '2022-13-40'");
        assert_eq!(
            e.to_string(),
            "dir/report.txt: line 1: invalid date '2022-13-40'"
        );
        let e = p(b"---\noutlet: X\ndate: 2022-02-30\n---\nText.").unwrap_err();
        assert_eq!(e.message, "line 3: invalid date '2022-02-30'");
    }

    #[test]
    fn front_matter() {
        let text = "\u{FEFF}---\r\nid: wire\r\noutlet: \"Wire Agency\"\r\ndate: 2022-01-08\r\ntitle: Riots\r\nurl: https://example.com/a\r\ntags:\r\n  - x\r\nextra: ignored\r\n---\r\nBody.\r\n";
        let s = p(text.as_bytes()).unwrap();
        assert_eq!(s.id, "wire");
        assert_eq!(s.outlet.as_deref(), Some("Wire Agency"));
        assert_eq!(s.date, NaiveDate::from_ymd_opt(2022, 1, 8));
        assert_eq!(s.title.as_deref(), Some("Riots"));
        assert_eq!(s.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(s.text, text);
        assert_eq!(s.body(), "Body.\r\n");
    }

    #[test]
    fn front_matter_date_with_time() {
        for v in [
            "2022-01-08T10:30:00Z",
            "'2022-01-08 10:30:00 +0000'",
            "2022-01-08",
        ] {
            let s = p(format!("---\ndate: {v}\n---\nText.").as_bytes()).unwrap();
            assert_eq!(s.date, NaiveDate::from_ymd_opt(2022, 1, 8), "{v}");
        }
        let e = p(b"---\ndate: 2022-01-08X\n---\nText.").unwrap_err();
        assert_eq!(e.message, "line 2: invalid date '2022-01-08X'");
        let e = p(b"---\ndate: 8 January 2022\n---\nText.").unwrap_err();
        assert_eq!(e.message, "line 2: invalid date '8 January 2022'");
    }

    #[test]
    fn unclosed_front_matter() {
        let e = p(b"---\noutlet: X\nText.").unwrap_err();
        assert_eq!(
            e.message,
            "line 1: front matter is not closed (no '---' line after it)"
        );
    }

    #[test]
    fn empty_reports() {
        assert_eq!(p(b"").unwrap_err().message, "empty report");
        assert_eq!(p(b" \n\t\r\n").unwrap_err().message, "empty report");
        assert_eq!(p(b"\xEF\xBB\xBF\n").unwrap_err().message, "empty report");
        assert_eq!(
            p(b"---\nid: a\n---\n\n").unwrap_err().message,
            "empty report (no text after the metadata)"
        );
        assert_eq!(
            p(b"date 2022-01-01\n").unwrap_err().message,
            "empty report (no text after the metadata)"
        );
    }

    #[test]
    fn encoding_errors() {
        assert_eq!(
            p(b"abc\0def").unwrap_err().message,
            "binary file (NUL byte at offset 3)"
        );
        assert_eq!(
            p(b"Hello \xC3\x28 world").unwrap_err().message,
            "invalid UTF-8 at byte 6"
        );
        assert_eq!(
            p(b"\xFF\xFEa\0b").unwrap_err().message,
            "invalid UTF-16: odd number of bytes (5)"
        );
        assert_eq!(
            p(b"\xFF\xFEa\0\x00\xD8b\0").unwrap_err().message,
            "invalid UTF-16 at byte 4"
        );
        assert_eq!(
            p(b"\xFF\xFE\0\0a\0\0\0").unwrap_err().message,
            "unsupported encoding UTF-32 (convert the file to UTF-8)"
        );
    }

    #[test]
    fn utf16_is_decoded() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "date 2022-01-07\r\nCaf\u{e9} \u{1F600}.".encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        for bytes in [le, be] {
            let s = p(&bytes).unwrap();
            assert_eq!(s.text, "\u{FEFF}date 2022-01-07\r\nCaf\u{e9} \u{1F600}.");
            assert_eq!(s.date, NaiveDate::from_ymd_opt(2022, 1, 7));
            assert_eq!(s.body(), "Caf\u{e9} \u{1F600}.");
        }
    }

    #[test]
    fn too_large_is_rejected_by_parse() {
        let big = vec![b'a'; (MAX_FILE_BYTES + 1) as usize];
        assert!(p(&big).unwrap_err().message.starts_with("file too large"));
    }

    #[test]
    fn configured_size_limit_applies_to_load_and_parse() {
        let dir = tempfile::tempdir().unwrap();
        let text = format!("date 2022-01-07\n{}", "word ".repeat(20)); // 116 bytes
        let path = dir.path().join("r.txt");
        fs::write(&path, &text).unwrap();
        let small = IngestConfig {
            max_file_bytes: 100,
        };
        let l = load_with(std::slice::from_ref(&path), &small);
        assert!(l.sources.is_empty());
        assert_eq!(
            l.errors[0].message,
            "file too large (116 bytes; the limit is 100 bytes)"
        );
        let exact = IngestConfig {
            max_file_bytes: 116,
        };
        assert_eq!(
            load_with(std::slice::from_ref(&path), &exact).sources.len(),
            1
        );
        assert!(parse_with(&path, text.as_bytes(), &small).is_err());
        // Beyond the default: a limit above 64 MiB is honoured by `parse_with`.
        let big = IngestConfig {
            max_file_bytes: 2 * 1024 * 1024 * 1024,
        };
        assert_eq!(
            too_large(3 << 30, big.max_file_bytes),
            "file too large (3221225472 bytes; the limit is 2147483648 bytes = 2 GiB)"
        );
        assert_eq!(
            too_large(MAX_FILE_BYTES + 1, MAX_FILE_BYTES),
            "file too large (67108865 bytes; the limit is 67108864 bytes = 64 MiB)"
        );
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..200)) {
            if let Ok(s) = p(&bytes) {
                proptest::prop_assert!(s.body_start <= s.text.len());
                proptest::prop_assert!(s.text.is_char_boundary(s.body_start));
                proptest::prop_assert!(!s.body().trim().is_empty());
            }
        }

        #[test]
        fn arbitrary_metadata_never_panics(text in "(---\n|date |[a-z]{1,5}: ?|2022-[0-9]{1,2}-[0-9]{1,2}|\r?\n| |\u{FEFF}|\\PC){0,30}") {
            if let Ok(s) = p(text.as_bytes()) {
                proptest::prop_assert_eq!(&s.text, &text);
                proptest::prop_assert!(text.is_char_boundary(s.body_start));
            }
        }
    }

    #[test]
    fn iso_date_shape() {
        assert!(looks_like_iso_date("2022-01-07"));
        assert!(looks_like_iso_date("2022-13-40"));
        assert!(looks_like_iso_date("2022-1-7"));
        assert!(!looks_like_iso_date("7"));
        assert!(!looks_like_iso_date("2022-01"));
        assert!(!looks_like_iso_date("2022-01-07-1"));
        assert!(!looks_like_iso_date("22-01-07"));
    }
}
