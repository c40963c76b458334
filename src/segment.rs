//! Segmentation: splits a [`Source`] into sentences with exact positions.
//!
//! Input: [`Source`]. Output: [`Document`] (the source plus its [`Sentence`]s), each sentence
//! with its byte span into the original file and a 1-based line:column. Abbreviations, initials,
//! decimals, quotes, ellipses, headlines and list items are handled; the abbreviation list is data
//! in `rules/vocab/abbreviations.toml`.

use serde::Serialize;

use crate::ingest::Source;

/// One sentence of one source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// 0-based index within its document.
    pub index: usize,
    /// Byte span `[start, end)` into `Source::text` (= the original file).
    pub span: (usize, usize),
    /// 1-based line of `span.0`.
    pub line: usize,
    /// 1-based column of `span.0`, counted in characters.
    pub column: usize,
}

/// A source and its sentences.
#[derive(Debug, Clone)]
pub struct Document {
    pub source: Source,
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// The text of sentence `i`.
    pub fn sentence_text(&self, i: usize) -> &str {
        let (a, b) = self.sentences[i].span;
        &self.source.text[a..b]
    }
}

/// Split a source into sentences.
pub fn segment(source: Source) -> Document {
    let _ = source;
    todo!("segment::segment")
}
