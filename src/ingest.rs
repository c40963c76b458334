//! Ingest: turns paths given on the command line into [`Source`]s.
//!
//! Input: files and folders (`.txt` / `.md`; a folder means every such file in it, sorted, hidden
//! files skipped). Output: one [`Source`] per readable report, with its metadata (first line
//! `date YYYY-MM-DD`, or a `---` front-matter block with `id`, `outlet`, `date`, `title`, `url`),
//! plus one [`InputError`] per unreadable one. The text is kept exactly as in the file (after
//! UTF-8 decoding) so that every later byte span points into the original file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;

use crate::error::InputError;

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

/// Result of loading several paths: the good sources and the errors, both in a stable order.
#[derive(Debug, Default)]
pub struct Loaded {
    pub sources: Vec<Source>,
    pub errors: Vec<InputError>,
}

/// Load every report under `paths`. Never panics; bad inputs become [`InputError`]s.
pub fn load(paths: &[PathBuf]) -> Loaded {
    let _ = paths;
    todo!("ingest::load")
}

/// Parse one report from bytes already read from `path`.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<Source, InputError> {
    let _ = (path, bytes);
    todo!("ingest::parse")
}
