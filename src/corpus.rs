//! Corpus runs: many events compared at once (`factdiff check`).
//!
//! Input: a corpus folder (one subfolder of reports per event, or a folder of reports directly,
//! which is then one event) or a corpus FILE (CSV or JSON lines, one article a row; rows are
//! grouped into events by the values of some columns). Output: a [`CheckReport`] with one
//! [`CompareReport`] per event sorted by event name, every unreadable input as an
//! [`InputError`], and the summed [`Summary`]. Events are loaded and compared in parallel
//! (rayon); the result does not depend on the number of threads. Nothing is printed: progress
//! is reported through a callback the caller passes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::compare::{compare_sources, Options};
use crate::error::{Error, InputError};
use crate::findings::{CheckReport, CompareReport, Summary, SCHEMA_VERSION};
use crate::ingest::{self, IngestConfig, Source};
use crate::rules::RuleSet;

/// One event folder found under a corpus root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDir {
    /// Folder name (the event name in reports).
    pub name: String,
    pub path: PathBuf,
}

/// The sources of one event, ready to compare.
#[derive(Debug, Clone)]
pub struct EventInput {
    pub name: String,
    pub sources: Vec<Source>,
    /// Inputs of this event that could not be read.
    pub errors: Vec<InputError>,
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

fn is_report_file(path: &Path) -> bool {
    path.is_file()
        && !is_hidden(path)
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"))
}

fn list_dir(path: &Path) -> Result<Vec<PathBuf>, InputError> {
    let rd = std::fs::read_dir(path)
        .map_err(|e| InputError::new(path, format!("cannot read folder: {e}")))?;
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    Ok(entries)
}

/// Name of a folder given as a path (`.` and `..` resolved through the file system).
fn dir_name(path: &Path) -> String {
    path.canonicalize()
        .ok()
        .as_deref()
        .unwrap_or(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Find the events of a corpus folder: every non-hidden subfolder holding `.txt` / `.md`
/// reports (sorted by name); when there is none, the folder itself is one event if it holds
/// reports. Report files directly under a folder that has event subfolders (a README, say) are
/// ignored.
pub fn discover(root: &Path) -> Result<Vec<EventDir>, InputError> {
    if root.is_file() {
        return Err(InputError::new(
            root,
            "is a file, not a corpus folder (use --input for CSV or JSON-lines corpus files)",
        ));
    }
    let entries = list_dir(root)?;
    let mut events = Vec::new();
    for sub in entries.iter().filter(|p| p.is_dir() && !is_hidden(p)) {
        let has_reports = list_dir(sub)
            .map(|files| files.iter().any(|f| is_report_file(f)))
            // An unreadable subfolder is an event whose loading reports the error.
            .unwrap_or(true);
        if has_reports {
            events.push(EventDir {
                name: sub
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| dir_name(sub)),
                path: sub.clone(),
            });
        }
    }
    if events.is_empty() && entries.iter().any(|f| is_report_file(f)) {
        events.push(EventDir {
            name: dir_name(root),
            path: root.to_path_buf(),
        });
    }
    if events.is_empty() {
        return Err(InputError::new(
            root,
            "no event folders and no .txt/.md reports found",
        ));
    }
    Ok(events)
}

/// Load the reports of one event folder.
pub fn load_event(dir: &EventDir) -> EventInput {
    load_event_with(dir, &IngestConfig::default())
}

/// [`load_event`] with explicit ingest settings (file-size limit).
pub fn load_event_with(dir: &EventDir, config: &IngestConfig) -> EventInput {
    let loaded = ingest::load_with(std::slice::from_ref(&dir.path), config);
    EventInput {
        name: dir.name.clone(),
        sources: loaded.sources,
        errors: loaded.errors,
    }
}

/// Sum of event summaries.
pub fn sum_summaries<'a>(summaries: impl IntoIterator<Item = &'a Summary>) -> Summary {
    let mut t = Summary::default();
    for s in summaries {
        t.sources += s.sources;
        t.sentences += s.sentences;
        t.claims += s.claims;
        t.topics += s.topics;
        t.agreements += s.agreements;
        t.conflicts += s.conflicts;
        t.updates += s.updates;
        t.inconsistencies += s.inconsistencies;
        t.errors += s.errors;
        t.warnings += s.warnings;
        t.infos += s.infos;
    }
    t
}

/// Compare one loaded event: the report (none when no report was readable) and its errors.
fn compare_event(
    ev: EventInput,
    fallback_path: &Path,
    rules: &RuleSet,
    options: &Options,
) -> (Option<CompareReport>, Vec<InputError>) {
    let mut errors = ev.errors;
    if ev.sources.is_empty() {
        if errors.is_empty() {
            errors.push(InputError::new(
                fallback_path,
                format!("event `{}` has no readable report", ev.name),
            ));
        }
        return (None, errors);
    }
    (
        Some(compare_sources(&ev.name, ev.sources, rules, options)),
        errors,
    )
}

fn assemble(results: Vec<(Option<CompareReport>, Vec<InputError>)>) -> CheckReport {
    let mut events = Vec::new();
    let mut errors = Vec::new();
    for (r, e) in results {
        events.extend(r);
        errors.extend(e);
    }
    events.sort_by(|a, b| a.event.cmp(&b.event));
    errors.sort_by(|a, b| a.path.cmp(&b.path).then_with(|| a.message.cmp(&b.message)));
    let summary = sum_summaries(events.iter().map(|e| &e.summary));
    CheckReport {
        schema_version: SCHEMA_VERSION,
        events,
        errors,
        summary,
    }
}

/// Load and compare every event folder, in parallel. `on_done` is called (from worker
/// threads) with each event's name as it finishes.
pub fn check_dirs(
    dirs: &[EventDir],
    rules: &RuleSet,
    options: &Options,
    on_done: &(dyn Fn(&str) + Sync),
) -> CheckReport {
    let results = dirs
        .par_iter()
        .map(|d| {
            let r = compare_event(load_event_with(d, &options.ingest), &d.path, rules, options);
            on_done(&d.name);
            r
        })
        .collect();
    assemble(results)
}

/// Compare events already loaded (e.g. from a corpus file), in parallel; `extra_errors` (e.g.
/// bad rows) are added to the report's errors.
pub fn check_events(
    events: Vec<EventInput>,
    origin: &Path,
    extra_errors: Vec<InputError>,
    rules: &RuleSet,
    options: &Options,
    on_done: &(dyn Fn(&str) + Sync),
) -> CheckReport {
    let mut results: Vec<_> = events
        .into_par_iter()
        .map(|ev| {
            let name = ev.name.clone();
            let r = compare_event(ev, origin, rules, options);
            on_done(&name);
            r
        })
        .collect();
    results.push((None, extra_errors));
    assemble(results)
}

/// Discover, load and compare a whole corpus folder.
pub fn check_corpus(
    root: &Path,
    rules: &RuleSet,
    options: &Options,
    on_done: &(dyn Fn(&str) + Sync),
) -> Result<CheckReport, Error> {
    let dirs = discover(root)?;
    Ok(check_dirs(&dirs, rules, options, on_done))
}

// ---------------------------------------------------------------------------------------------
// Corpus files (CSV / JSON lines)

/// Column names of a corpus file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileOptions {
    /// Column holding the article text (required).
    pub text_column: String,
    /// Column naming the outlet; becomes the source id (deduplicated within an event).
    pub source_column: String,
    /// Column holding the publication date (optional; common formats are parsed).
    pub date_column: String,
    /// Columns whose values group rows into events; none = the whole file is one event.
    pub group_by: Vec<String>,
}

impl Default for FileOptions {
    fn default() -> Self {
        Self {
            text_column: "text".into(),
            source_column: "source".into(),
            date_column: "date".into(),
            group_by: Vec::new(),
        }
    }
}

/// A corpus file split into events.
#[derive(Debug, Clone, Default)]
pub struct FileCorpus {
    /// Events with at least two articles, sorted by name.
    pub events: Vec<EventInput>,
    /// Rows that could not be read.
    pub errors: Vec<InputError>,
    /// Rows read.
    pub rows: usize,
    /// Rows skipped because their text is empty.
    pub empty_rows: usize,
    /// Groups skipped because they hold fewer than two articles.
    pub skipped_groups: usize,
}

/// The kinds of corpus files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    Csv,
    /// JSON lines, or one JSON array of objects (`.json`).
    Json,
}

impl FileKind {
    /// Kind from the file extension: `.csv`, `.tsv`; `.jsonl`, `.ndjson`, `.json`.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "tsv" => Some(FileKind::Csv),
            "jsonl" | "ndjson" | "json" => Some(FileKind::Json),
            _ => None,
        }
    }
}

/// One row: its 1-based line in the file and its fields.
type Row = (usize, BTreeMap<String, String>);

fn csv_rows(path: &Path, text: &str) -> Result<(Vec<Row>, Vec<InputError>), Error> {
    let tsv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("tsv"));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(if tsv { b'\t' } else { b',' })
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| InputError::new(path, format!("cannot read the header line: {e}")))?
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for rec in reader.records() {
        match rec {
            Ok(r) => {
                // Line from the byte offset (csv's own line count is off with CRLF endings).
                let line = r
                    .position()
                    .and_then(|p| usize::try_from(p.byte()).ok())
                    .map(|b| {
                        // The position may point at the previous record's terminator.
                        let rest = text.get(b..).unwrap_or("");
                        b + (rest.len() - rest.trim_start_matches(['\r', '\n']).len())
                    })
                    .and_then(|b| text.get(..b))
                    .map(|head| head.matches('\n').count() + 1)
                    .unwrap_or(0);
                let fields = headers
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_string))
                    .collect();
                rows.push((line, fields));
            }
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                errors.push(InputError::new(path, format!("line {line}: {e}")));
            }
        }
    }
    if rows.is_empty() && errors.is_empty() {
        return Err(InputError::new(path, "no rows after the header line").into());
    }
    Ok((rows, errors))
}

fn json_value_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn json_object(
    path: &Path,
    line: usize,
    v: serde_json::Value,
) -> Result<BTreeMap<String, String>, InputError> {
    match v {
        serde_json::Value::Object(m) => Ok(m
            .iter()
            .map(|(k, v)| (k.clone(), json_value_string(v)))
            .collect()),
        _ => Err(InputError::new(
            path,
            format!("line {line}: not a JSON object"),
        )),
    }
}

fn json_rows(path: &Path, text: &str) -> Result<(Vec<Row>, Vec<InputError>), Error> {
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let body = text.trim_start_matches('\u{feff}');
    if body.trim_start().starts_with('[') {
        let all: Vec<serde_json::Value> = serde_json::from_str(body).map_err(|e| {
            InputError::new(
                path,
                format!("line {}, column {}: {e}", e.line(), e.column()),
            )
        })?;
        for (i, v) in all.into_iter().enumerate() {
            match json_object(path, i + 1, v) {
                Ok(m) => rows.push((i + 1, m)),
                Err(e) => errors.push(e),
            }
        }
        return Ok((rows, errors));
    }
    for (i, l) in body.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<serde_json::Value>(l) {
            Ok(v) => match json_object(path, i + 1, v) {
                Ok(m) => rows.push((i + 1, m)),
                Err(e) => errors.push(e),
            },
            Err(e) => errors.push(InputError::new(path, format!("line {}: {e}", i + 1))),
        }
    }
    Ok((rows, errors))
}

/// Parse a date as found in corpus files: ISO (`2017-04-04`, also with a time after it),
/// US `4/4/2017`, `04.04.2017`, `4 April 2017`, `April 4, 2017`, `Apr 4 2017`. A slashed date
/// is read month first, then day first when that is the only valid reading.
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let head = s.get(..10).unwrap_or(s);
    if let Ok(d) = NaiveDate::parse_from_str(head, "%Y-%m-%d") {
        return Some(d);
    }
    let first = s.split(['T', ' ']).next().unwrap_or(s);
    for fmt in [
        "%m/%d/%Y", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y", "%m/%d/%y", "%Y%m%d",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(first, fmt) {
            return Some(d);
        }
    }
    let cleaned = s.replace(',', " ");
    let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    for fmt in [
        "%d %B %Y",
        "%d %b %Y",
        "%B %d %Y",
        "%b %d %Y",
        "%a %d %b %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(&cleaned, fmt) {
            return Some(d);
        }
    }
    None
}

/// Read a corpus file and split it into events. Fails when the file cannot be read or a named
/// column does not exist; bad rows become errors and the rest goes on.
pub fn load_file(path: &Path, opts: &FileOptions) -> Result<FileCorpus, Error> {
    let kind = FileKind::from_path(path).ok_or_else(|| {
        InputError::new(
            path,
            "unknown corpus file type (expected .csv, .tsv, .jsonl, .ndjson or .json)",
        )
    })?;
    // A FIFO or a device (`/dev/zero`) would block or never end: refused before opening.
    let meta =
        std::fs::metadata(path).map_err(|e| InputError::new(path, format!("cannot read: {e}")))?;
    if !meta.is_file() {
        return Err(InputError::new(path, "not a regular file").into());
    }
    let bytes =
        std::fs::read(path).map_err(|e| InputError::new(path, format!("cannot read: {e}")))?;
    let text = String::from_utf8_lossy(&bytes);
    let (rows, errors) = match kind {
        FileKind::Csv => csv_rows(path, &text)?,
        FileKind::Json => json_rows(path, &text)?,
    };
    group_rows(path, rows, errors, opts)
}

fn group_rows(
    path: &Path,
    rows: Vec<Row>,
    mut errors: Vec<InputError>,
    opts: &FileOptions,
) -> Result<FileCorpus, Error> {
    let has = |col: &str| rows.iter().any(|(_, m)| m.contains_key(col));
    if !rows.is_empty() {
        let mut missing: Vec<&str> = Vec::new();
        if !has(&opts.text_column) {
            missing.push(&opts.text_column);
        }
        for g in &opts.group_by {
            if !has(g) {
                missing.push(g);
            }
        }
        if !missing.is_empty() {
            let mut columns: Vec<&String> = rows.iter().flat_map(|(_, m)| m.keys()).collect();
            columns.sort();
            columns.dedup();
            let columns: Vec<&str> = columns.iter().map(|c| c.as_str()).collect();
            return Err(InputError::new(
                path,
                format!(
                    "no column {} (columns: {})",
                    missing
                        .iter()
                        .map(|m| format!("`{m}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                    columns.join(", ")
                ),
            )
            .into());
        }
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "corpus".into());
    let mut corpus = FileCorpus {
        rows: rows.len(),
        ..FileCorpus::default()
    };
    let mut groups: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for row in rows {
        let text = row.1.get(&opts.text_column).map(|t| t.trim()).unwrap_or("");
        if text.is_empty() {
            corpus.empty_rows += 1;
            continue;
        }
        let key = if opts.group_by.is_empty() {
            stem.clone()
        } else {
            opts.group_by
                .iter()
                .map(|g| row.1.get(g).map(|v| v.trim()).unwrap_or(""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        groups.entry(key).or_default().push(row);
    }
    for (name, rows) in groups {
        if rows.len() < 2 {
            corpus.skipped_groups += 1;
            continue;
        }
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let sources = rows
            .into_iter()
            .map(|(line, m)| {
                let outlet = m
                    .get(&opts.source_column)
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty());
                let base = outlet.clone().unwrap_or_else(|| format!("row{line}"));
                let n = seen.entry(base.clone()).or_insert(0);
                *n += 1;
                let id = if *n == 1 { base } else { format!("{base}-{n}") };
                let text = m.get(&opts.text_column).cloned().unwrap_or_default();
                Source {
                    id,
                    path: PathBuf::from(format!("{}#L{line}", path.display())),
                    date: m.get(&opts.date_column).and_then(|d| parse_date(d)),
                    outlet,
                    title: m.get("title").cloned().filter(|t| !t.trim().is_empty()),
                    url: m.get("url").cloned().filter(|t| !t.trim().is_empty()),
                    text,
                    body_start: 0,
                }
            })
            .collect();
        corpus.events.push(EventInput {
            name,
            sources,
            errors: Vec::new(),
        });
    }
    corpus.errors = std::mem::take(&mut errors);
    Ok(corpus)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_takes_event_subfolders_or_the_folder_itself() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("README.md"), "about").unwrap();
        for (event, file) in [
            ("b-event", "x.txt"),
            ("a-event", "y.MD"),
            (".hidden", "z.txt"),
        ] {
            std::fs::create_dir(root.join(event)).unwrap();
            std::fs::write(root.join(event).join(file), "text").unwrap();
        }
        std::fs::create_dir(root.join("images")).unwrap();
        std::fs::write(root.join("images/p.png"), "png").unwrap();
        let names: Vec<String> = discover(root)
            .unwrap()
            .into_iter()
            .map(|e| e.name)
            .collect();
        assert_eq!(names, ["a-event", "b-event"]);

        let single = discover(&root.join("b-event")).unwrap();
        assert_eq!(single.len(), 1);
        assert_eq!(single[0].name, "b-event");
        assert_eq!(single[0].path, root.join("b-event"));

        let err = discover(&root.join("images")).unwrap_err();
        assert_eq!(
            err.message,
            "no event folders and no .txt/.md reports found"
        );
        let err = discover(&root.join("README.md")).unwrap_err();
        assert!(err.message.starts_with("is a file"), "{}", err.message);
    }

    #[test]
    fn dates_in_common_formats() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("4/16/2017"), d(2017, 4, 16));
        assert_eq!(parse_date("16/4/2017"), d(2017, 4, 16));
        assert_eq!(parse_date("2017-04-16T10:00:00Z"), d(2017, 4, 16));
        assert_eq!(parse_date("16.04.2017"), d(2017, 4, 16));
        assert_eq!(parse_date("16 April 2017"), d(2017, 4, 16));
        assert_eq!(parse_date("April 16, 2017"), d(2017, 4, 16));
        assert_eq!(parse_date("Apr 16 2017"), d(2017, 4, 16));
        assert_eq!(parse_date("soon"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn csv_rows_group_dedupe_and_skip() {
        let text = "id,text,source,date,place\n\
                    1,First report.,wire,4/4/2017,Idlib\n\
                    2,\"Second, quoted\nreport.\",wire,4/4/2017,Idlib\n\
                    3,Third.,daily,4/4/2017,Idlib\n\
                    4,Alone.,daily,4/5/2017,Homs\n\
                    5,,daily,4/5/2017,Homs\n";
        let (rows, errors) = csv_rows(Path::new("c.csv"), text).unwrap();
        assert!(errors.is_empty());
        let opts = FileOptions {
            group_by: vec!["date".into(), "place".into()],
            ..FileOptions::default()
        };
        let c = group_rows(Path::new("c.csv"), rows, errors, &opts).unwrap();
        assert_eq!(c.rows, 5);
        assert_eq!(c.empty_rows, 1);
        assert_eq!(c.skipped_groups, 1);
        assert_eq!(c.events.len(), 1);
        let e = &c.events[0];
        assert_eq!(e.name, "4/4/2017, Idlib");
        let ids: Vec<&str> = e.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["wire", "wire-2", "daily"]);
        assert_eq!(e.sources[1].text, "Second, quoted\nreport.");
        assert_eq!(e.sources[1].path, PathBuf::from("c.csv#L3"));
        assert_eq!(e.sources[2].path, PathBuf::from("c.csv#L5"));
        assert_eq!(e.sources[0].date, NaiveDate::from_ymd_opt(2017, 4, 4));
    }

    #[test]
    fn missing_column_is_an_error_naming_the_columns() {
        let (rows, errors) = csv_rows(Path::new("c.csv"), "body,source\nx,y\n").unwrap();
        let err = group_rows(Path::new("c.csv"), rows, errors, &FileOptions::default())
            .unwrap_err()
            .to_string();
        assert_eq!(err, "c.csv: no column `text` (columns: body, source)");
    }

    #[test]
    fn json_lines_and_arrays() {
        let (rows, errors) = json_rows(
            Path::new("c.jsonl"),
            "{\"text\":\"a\",\"n\":3}\nnot json\n[1]\n\n{\"text\":null}\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].1["n"], "3");
        assert_eq!(rows[1].0, 5);
        assert_eq!(rows[1].1["text"], "");
        assert_eq!(errors.len(), 2);
        assert!(
            errors[0].message.starts_with("line 2: "),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[1].message, "line 3: not a JSON object");
        let (rows, errors) =
            json_rows(Path::new("c.json"), "[{\"text\":\"a\"},{\"text\":\"b\"}]").unwrap();
        assert_eq!((rows.len(), errors.len()), (2, 0));
    }
}
