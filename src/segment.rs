//! Segmentation: splits a [`Source`] into sentences with exact positions.
//!
//! Input: [`Source`]. Output: [`Document`] (the source plus its [`Sentence`]s, in text order),
//! each sentence with its byte span into the original file text (surrounding whitespace trimmed)
//! and a 1-based line:column (column in characters). Abbreviations, initials, decimals, quotes,
//! ellipses, headlines, Markdown headings and list items are handled; the abbreviation list is
//! data in `rules/vocab/abbreviations.toml`. Runs in linear time; over-long runs without a
//! sentence end are cut at whitespace every [`DEFAULT_MAX_SENTENCE_BYTES`] bytes.
//!
//! The rules, in order (details in `docs/ingest-segment.md`):
//! 1. The body is cut into lines (`\n`, `\r\n` or a lone `\r`). A blank line, a Markdown heading
//!    (`# ...`), a list item (`- `, `* `, `+ `, `• `, `1. `, `1) `) and a thematic break (`---`)
//!    always end the running sentence. Heading and list markers are left out of the spans.
//! 2. Consecutive other lines form one paragraph: a single line break inside it is just a space.
//!    A short line with no final punctuation that starts a paragraph or follows a sentence end,
//!    followed by a capitalised line, is a headline and stands alone.
//! 3. Inside a paragraph a sentence ends after `.`, `!`, `?` or an ellipsis (plus any closing
//!    quotes / brackets) followed by whitespace, unless the next word starts in lower case, or the
//!    dot ends an abbreviation that does not end sentences (see the vocabulary file).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::ingest::Source;

/// Default for [`SegmentConfig::max_sentence_bytes`]: about 600 words, far beyond any real
/// sentence, small enough to keep later stages (alignment, claims) cheap on text with no stops.
pub const DEFAULT_MAX_SENTENCE_BYTES: usize = 4_000;

/// How far back / ahead the splitter looks for the word around a dot (bytes). Keeps the scan
/// linear on pathological input.
const LOOK: usize = 64;

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

/// Segmentation settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentConfig {
    /// A run of text longer than this (in bytes) without a sentence end is cut at the last
    /// whitespace before the limit (or at a character boundary if there is none).
    pub max_sentence_bytes: usize,
}

impl Default for SegmentConfig {
    fn default() -> Self {
        Self {
            max_sentence_bytes: DEFAULT_MAX_SENTENCE_BYTES,
        }
    }
}

/// Split a source into sentences.
pub fn segment(source: Source) -> Document {
    segment_with(source, &SegmentConfig::default())
}

/// Split a source into sentences with explicit settings.
pub fn segment_with(source: Source, config: &SegmentConfig) -> Document {
    let start = source.body_start.min(source.text.len());
    let mut start = floor_char_boundary(&source.text, start);
    if source.text[start..].starts_with('\u{FEFF}') {
        start += 3;
    }
    let spans = sentence_spans(&source.text, start, config);
    let sentences = locate(&source.text, &spans);
    Document { source, sentences }
}

/// Sentence spans of `text[start..]`, as byte ranges into `text`, in order, trimmed.
pub fn sentence_spans(text: &str, start: usize, config: &SegmentConfig) -> Vec<(usize, usize)> {
    let vocab = vocab();
    let mut out = Vec::new();
    for (a, b) in units(text, start) {
        split_unit(text, a, b, vocab, &mut |s, e| {
            push_limited(text, s, e, config.max_sentence_bytes, &mut out)
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct VocabFile {
    non_final: Vec<String>,
    before_number: Vec<String>,
    may_end: Vec<String>,
    sentence_starters: Vec<String>,
    speech_verbs: Vec<String>,
}

/// Abbreviations, normalised: lower case, without the final dot.
#[derive(Debug, Default)]
struct Vocab {
    non_final: Vec<String>,
    before_number: Vec<String>,
    may_end: Vec<String>,
    starters: Vec<String>,
    speech_verbs: Vec<String>,
}

fn normalise(list: Vec<String>) -> Vec<String> {
    let mut v: Vec<String> = list
        .into_iter()
        .map(|s| s.trim().trim_end_matches('.').to_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    v.sort();
    v.dedup();
    v
}

fn parse_vocab(text: &str) -> Result<Vocab, toml::de::Error> {
    let f: VocabFile = toml::from_str(text)?;
    Ok(Vocab {
        non_final: normalise(f.non_final),
        before_number: normalise(f.before_number),
        may_end: normalise(f.may_end),
        starters: normalise(f.sentence_starters),
        speech_verbs: normalise(f.speech_verbs),
    })
}

fn vocab() -> &'static Vocab {
    static VOCAB: OnceLock<Vocab> = OnceLock::new();
    VOCAB.get_or_init(|| {
        // The embedded file is part of the program; its validity is checked by the tests.
        parse_vocab(crate::vocab::require("vocab/abbreviations.toml"))
            .unwrap_or_else(|e| panic!("rules/vocab/abbreviations.toml is invalid: {e}"))
    })
}

fn contains(list: &[String], word: &str) -> bool {
    list.binary_search_by(|x| x.as_str().cmp(word)).is_ok()
}

// ---------------------------------------------------------------------------------------------
// Lines and units

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// Heading or list item: starts a new unit; content begins at the given offset.
    Heading(usize),
    Item(usize),
    /// Block quote line (`> ...`): consecutive ones form a paragraph.
    Quote(usize),
    Text,
}

#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    /// End of the content, before the line terminator.
    end: usize,
    kind: Kind,
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn lines(text: &str, start: usize) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = start;
    while i < bytes.len() {
        let s = i;
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        let e = i;
        if i < bytes.len() {
            i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                2
            } else {
                1
            };
        }
        out.push(Line {
            start: s,
            end: e,
            kind: classify(text, s, e),
        });
    }
    out
}

fn classify(text: &str, s: usize, e: usize) -> Kind {
    let line = &text[s..e];
    let trimmed = line.trim_start();
    if trimmed.trim_end().is_empty() {
        return Kind::Blank;
    }
    let indent = line.len() - trimmed.len();
    let content = s + indent;
    let b = trimmed.as_bytes();
    // Thematic break / setext underline: `---`, `***`, `___`, `===` (spaces allowed).
    if let Some(&c) = b.first() {
        if matches!(c, b'-' | b'*' | b'_' | b'=')
            && b.iter()
                .filter(|&&x| !matches!(x, b' ' | b'\t'))
                .all(|&x| x == c)
            && b.iter().filter(|&&x| x == c).count() >= 3
        {
            return Kind::Blank;
        }
    }
    // Block quote: `>` then optional space. An empty quote line is a paragraph break.
    if let Some(rest) = trimmed.strip_prefix('>') {
        if rest.trim().is_empty() {
            return Kind::Blank;
        }
        return Kind::Quote(content + 1 + (rest.len() - rest.trim_start().len()));
    }
    // ATX heading: 1-6 `#` then a space or the end of the line.
    let hashes = b.iter().take_while(|&&x| x == b'#').count();
    if (1..=6).contains(&hashes) && (b.len() == hashes || matches!(b[hashes], b' ' | b'\t')) {
        let rest = &trimmed[hashes..];
        let c = content + hashes + (rest.len() - rest.trim_start().len());
        return Kind::Heading(c);
    }
    // Bullet: one marker char then a space.
    for m in ["- ", "* ", "+ ", "• ", "-\t", "*\t", "+\t", "•\t"] {
        if let Some(rest) = trimmed.strip_prefix(m) {
            return Kind::Item(content + m.len() + (rest.len() - rest.trim_start().len()));
        }
    }
    // Ordered item: 1-3 digits, `.` or `)`, then a space.
    let digits = b.iter().take_while(|x| x.is_ascii_digit()).count();
    if (1..=3).contains(&digits)
        && b.len() > digits + 1
        && matches!(b[digits], b'.' | b')')
        && matches!(b[digits + 1], b' ' | b'\t')
    {
        let rest = &trimmed[digits + 1..];
        return Kind::Item(content + digits + 1 + (rest.len() - rest.trim_start().len()));
    }
    Kind::Text
}

/// End of a heading's text without a closing `#` sequence (`## Title ##`).
fn heading_end(text: &str, c: usize, e: usize) -> usize {
    let t = text[c..e].trim_end();
    let without = t.trim_end_matches('#');
    if without.len() < t.len() && (without.is_empty() || without.ends_with([' ', '\t'])) {
        c + without.trim_end().len()
    } else {
        c + t.len()
    }
}

/// Cut the body into units: byte ranges inside which only punctuation ends sentences.
fn units(text: &str, start: usize) -> Vec<(usize, usize)> {
    let ls = lines(text, start);
    let mut out = Vec::new();
    let mut i = 0;
    while i < ls.len() {
        let l = ls[i];
        match l.kind {
            Kind::Blank => i += 1,
            Kind::Heading(c) => {
                out.push((c, heading_end(text, c, l.end)));
                i += 1;
            }
            Kind::Quote(c) => {
                let mut j = i + 1;
                while j < ls.len() && matches!(ls[j].kind, Kind::Quote(_)) {
                    j += 1;
                }
                paragraph(text, &ls[i..j], c, &mut out);
                i = j;
            }
            Kind::Item(_) | Kind::Text => {
                let first = match l.kind {
                    Kind::Item(c) => c,
                    _ => l.start,
                };
                let mut j = i + 1;
                while j < ls.len() && ls[j].kind == Kind::Text {
                    j += 1;
                }
                paragraph(text, &ls[i..j], first, &mut out);
                i = j;
            }
        }
    }
    out
}

/// A line longer than this (in characters) is not hard-wrapped text: its line break ends the
/// running sentence, as in files with one unwrapped paragraph per line and no blank lines.
pub const LONG_LINE_CHARS: usize = 120;

/// A paragraph (or list item) of lines `ls`, its text starting at `first`. Splits off headline
/// lines and ends units after long lines (see the module docs), and pushes the resulting units.
fn paragraph(text: &str, ls: &[Line], first: usize, out: &mut Vec<(usize, usize)>) {
    let contents: Vec<&str> = ls
        .iter()
        .enumerate()
        .map(|(k, l)| text[if k == 0 { first } else { l.start }..l.end].trim())
        .collect();
    let lens: Vec<usize> = contents.iter().map(|c| c.chars().count()).collect();
    let widest = lens.iter().copied().max().unwrap_or(0);
    let mut unit_start = first;
    // Does line k start at a sentence start (start of the unit, or previous line ended one)?
    let mut at_sentence_start = true;
    for (k, l) in ls.iter().enumerate() {
        let s = if k == 0 { first } else { l.start };
        let Some(next) = ls.get(k + 1) else {
            break;
        };
        let content = contents[k];
        if lens[k] > LONG_LINE_CHARS {
            out.push((unit_start, l.end));
            unit_start = next.start;
            at_sentence_start = true;
            continue;
        }
        if at_sentence_start && is_headline(content, lens[k], widest, contents[k + 1]) {
            if unit_start < s {
                out.push((unit_start, s));
            }
            out.push((s, l.end));
            unit_start = next.start;
            continue;
        }
        at_sentence_start = content.ends_with(['.', '!', '?', '…', '"', '”', '\'', '’', ')']);
    }
    let end = ls.last().map_or(first, |l| l.end);
    if unit_start < end {
        out.push((unit_start, end));
    }
}

/// A short line without final punctuation, followed by a line starting with a capital or digit,
/// in a block whose widest line is much wider: a headline, byline or dateline.
fn is_headline(content: &str, len: usize, widest: usize, next: &str) -> bool {
    if widest < 40 || len == 0 || len > 100 || len * 10 > widest * 6 {
        return false;
    }
    if content.ends_with([
        '.', ',', ';', ':', '!', '?', '…', '‽', '-', '—', '–', '(', '[', '/', '&', '\'', '"', '“',
    ]) {
        return false;
    }
    let next = next.trim_start_matches(is_opener);
    next.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
}

// ---------------------------------------------------------------------------------------------
// Sentence ends inside a unit

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '‹' | '„' | '(' | '[' | '{' | '¿' | '¡'
    )
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽')
}

/// Split `text[a..b]` at sentence ends and emit each piece (untrimmed) through `emit`.
fn split_unit(text: &str, a: usize, b: usize, vocab: &Vocab, emit: &mut dyn FnMut(usize, usize)) {
    let unit = &text[a..b];
    let bytes = unit.as_bytes();
    let mut sent_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        // ASCII fast path: only `.`, `!`, `?` and the first byte of `…` / `‽` (0xE2) matter.
        if !(c == b'.' || c == b'!' || c == b'?' || c == 0xE2) {
            i += 1;
            continue;
        }
        let Some(ch) = unit[i..].chars().next() else {
            break;
        };
        if !is_terminator(ch) {
            i += ch.len_utf8();
            continue;
        }
        // The run of terminators, then closing quotes / brackets.
        let run_start = i;
        let mut strong = false;
        let mut dots = 0;
        let mut ellipsis = false;
        let mut j = i;
        for t in unit[i..].chars() {
            if !is_terminator(t) {
                break;
            }
            match t {
                '.' => dots += 1,
                '…' => ellipsis = true,
                _ => strong = true,
            }
            j += t.len_utf8();
        }

        ellipsis |= dots >= 2;
        let mut quoted = false;
        for t in unit[j..].chars() {
            if !is_closer(t) {
                break;
            }
            quoted |= matches!(t, '"' | '\'' | '”' | '’' | '»' | '›');
            j += t.len_utf8();
        }
        let end = j;
        i = end;
        // Must be followed by whitespace or the end of the unit.
        let next_ws = match unit[end..].chars().next() {
            None => true,
            Some(n) => n.is_whitespace(),
        };
        if !next_ws {
            continue;
        }
        let next = next_word(&unit[end..]);
        let brk = if next.is_none() {
            true
        } else if strong {
            !next.starts_lower
        } else if ellipsis {
            may_end_breaks(&next, vocab)
        } else {
            dot_breaks(&unit[..run_start], &next, vocab)
        };
        // `"Why?" Tokayev asked.`: the quote's attribution belongs to the same sentence.
        let brk = brk && !(quoted && is_quote_attribution(&unit[end..], vocab));
        if brk {
            emit(a + sent_start, a + end);
            sent_start = end;
        }
    }
    if sent_start < bytes.len() {
        emit(a + sent_start, b);
    }
}

/// What follows a candidate sentence end (after whitespace and opening quotes / brackets).
#[derive(Debug, Default)]
struct Next<'a> {
    none: bool,
    starts_lower: bool,
    starts_upper: bool,
    starts_digit: bool,
    /// The leading alphabetic word (bounded length).
    word: &'a str,
}

impl Next<'_> {
    fn is_none(&self) -> bool {
        self.none
    }
}

fn next_word(rest: &str) -> Next<'_> {
    // Skipping whitespace and openers is not bounded, but the main loop scans the same bytes
    // right after, so the total stays linear.
    let Some((k, c)) = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_whitespace() || is_opener(c)))
    else {
        return Next {
            none: true,
            ..Next::default()
        };
    };
    // The word, up to an apostrophe ("It's" -> "It"), at most LOOK characters.
    let word_len = rest[k..]
        .char_indices()
        .take(LOOK)
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or_else(
            || rest[k..].chars().take(LOOK).map(char::len_utf8).sum(),
            |(n, _)| n,
        );
    Next {
        none: false,
        starts_lower: c.is_lowercase(),
        starts_upper: c.is_uppercase(),
        starts_digit: c.is_ascii_digit(),
        word: &rest[k..k + word_len],
    }
}

/// After a closing quote: one to three capitalised words, then a speech verb, then the end of
/// the sentence or a comma (`Tokayev asked.`, `Mr. Smith said,`): the speaker of the quote.
fn is_quote_attribution(rest: &str, vocab: &Vocab) -> bool {
    let mut words = rest
        .split_whitespace()
        .take(5)
        .map(|w| w.trim_start_matches(is_opener));
    let mut names = 0;
    for w in words.by_ref() {
        let core = w.trim_end_matches(|c: char| !c.is_alphabetic());
        let tail = &w[core.len()..];
        if w.starts_with(|c: char| c.is_uppercase()) && names < 3 {
            names += 1;
            // A name word ending the clause ("...," Mr. Smith.) is not an attribution.
            if !(tail.is_empty() || tail == ".") {
                return false;
            }
            continue;
        }
        let last = words.next().is_none();
        return names > 0
            && contains(&vocab.speech_verbs, &core.to_lowercase())
            && (matches!(tail, "." | "," | ";") || (tail.is_empty() && last));
    }
    false
}

/// After an ambiguous ending (abbreviation that may end a sentence, initial, ellipsis): break
/// only before a capitalised common sentence starter.
fn may_end_breaks(next: &Next<'_>, vocab: &Vocab) -> bool {
    next.starts_upper && contains(&vocab.starters, &next.word.to_lowercase())
}

/// Decide after a single `.`; `before` is the unit text up to the dot.
fn dot_breaks(before: &str, next: &Next<'_>, vocab: &Vocab) -> bool {
    if next.starts_lower {
        return false;
    }
    let word = word_before(before);
    // One-letter entries ("v.", "p.") match only in lower case: "C." is an initial.
    let lower = if word.chars().nth(1).is_none() {
        word.to_string()
    } else {
        word.to_lowercase()
    };
    if contains(&vocab.non_final, &lower) {
        return false;
    }
    if contains(&vocab.before_number, &lower) && next.starts_digit {
        return false;
    }
    let ambiguous = contains(&vocab.may_end, &lower) || is_initial(word) || is_dotted_acronym(word);
    if ambiguous {
        if next.starts_digit {
            return false;
        }
        return may_end_breaks(next, vocab);
    }
    true
}

/// The word right before a dot: back to whitespace or an opening quote / bracket (bounded).
fn word_before(before: &str) -> &str {
    let mut start = before.len();
    for (n, (k, c)) in before.char_indices().rev().enumerate() {
        if n >= LOOK || c.is_whitespace() || is_opener(c) {
            break;
        }
        start = k;
    }
    &before[start..]
}

/// A single capital letter: an initial ("J." in "J. R. R. Tolkien").
fn is_initial(word: &str) -> bool {
    let mut cs = word.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
}

/// Single letters separated by dots ("U.N", "a.m" — the final dot is not part of `word`).
fn is_dotted_acronym(word: &str) -> bool {
    let parts: Vec<&str> = word.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            let mut cs = p.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
        })
}

/// Trim `text[s..e]` and push it, cut into pieces of at most `max` bytes (at whitespace when
/// possible).
fn push_limited(text: &str, s: usize, e: usize, max: usize, out: &mut Vec<(usize, usize)>) {
    let max = max.max(8);
    let (mut s, e) = trim_span(text, s, e);
    while s < e {
        if e - s <= max {
            out.push((s, e));
            return;
        }
        let limit = floor_char_boundary(text, s + max);
        let window = &text[s..limit];
        let cut = match window.rfind(char::is_whitespace) {
            Some(k) if k > 0 => s + k,
            _ => {
                if limit > s {
                    limit
                } else {
                    // A single character wider than `max` cannot happen (max >= 8).
                    s + text[s..].chars().next().map_or(1, char::len_utf8)
                }
            }
        };
        let (a, b) = trim_span(text, s, cut);
        if a < b {
            out.push((a, b));
        }
        let (ns, _) = trim_span(text, cut, e);
        s = ns;
    }
}

fn trim_span(text: &str, s: usize, e: usize) -> (usize, usize) {
    let t = &text[s..e];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if lead == t.len() {
        return (e, e);
    }
    (s + lead, e - trail)
}

// ---------------------------------------------------------------------------------------------
// Positions

/// Turn spans into [`Sentence`]s with line and column (one forward pass over the text). Line
/// breaks: `\n`, `\r\n`, lone `\r`. A BOM at offset 0 does not count as a column.
fn locate(text: &str, spans: &[(usize, usize)]) -> Vec<Sentence> {
    let mut out = Vec::with_capacity(spans.len());
    let mut line = 1;
    let mut col = 1;
    let mut pos = 0;
    let mut prev_cr = false;
    if text.starts_with('\u{FEFF}') {
        pos = 3;
    }
    for (index, &(s, e)) in spans.iter().enumerate() {
        for c in text[pos.min(s)..s].chars() {
            match c {
                '\n' if prev_cr => {}
                '\n' | '\r' => {
                    line += 1;
                    col = 1;
                }
                _ => col += 1,
            }
            prev_cr = c == '\r';
        }
        pos = pos.max(s);
        out.push(Sentence {
            index,
            span: (s, e),
            line,
            column: col,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn split(text: &str) -> Vec<&str> {
        sentence_spans(text, 0, &SegmentConfig::default())
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect()
    }

    fn src(text: &str, body_start: usize) -> Source {
        Source {
            id: "t".into(),
            path: PathBuf::from("t.md"),
            date: None,
            outlet: None,
            title: None,
            url: None,
            text: text.into(),
            body_start,
        }
    }

    #[test]
    fn vocabulary_parses_and_is_normalised() {
        let v = parse_vocab(crate::vocab::require("vocab/abbreviations.toml")).unwrap();
        assert!(contains(&v.non_final, "mr"));
        assert!(contains(&v.non_final, "e.g"));
        assert!(contains(&v.may_end, "u.s"));
        assert!(contains(&v.before_number, "no"));
        assert!(contains(&v.starters, "the"));
        assert!(parse_vocab(
            "non_final = []\nbefore_number = []\nmay_end = []\nsentence_starters = []\nextra = 1"
        )
        .is_err());
    }

    #[test]
    fn simple_sentences() {
        assert_eq!(split("One. Two! Three?"), ["One.", "Two!", "Three?"]);
    }

    #[test]
    fn no_final_stop() {
        assert_eq!(split("One. Two"), ["One.", "Two"]);
    }

    #[test]
    fn us_in_middle() {
        assert_eq!(
            split("The U.S. State Department said so. It agreed."),
            ["The U.S. State Department said so.", "It agreed."]
        );
    }

    #[test]
    fn us_at_end_before_starter() {
        assert_eq!(
            split("He flew to the U.S. The talks began."),
            ["He flew to the U.S.", "The talks began."]
        );
    }

    #[test]
    fn uk_and_un() {
        assert_eq!(
            split("The U.K. and the U.N. Security Council met. Talks failed."),
            [
                "The U.K. and the U.N. Security Council met.",
                "Talks failed."
            ]
        );
    }

    #[test]
    fn titles() {
        assert_eq!(
            split("Mr. Smith met Mrs. Jones and Dr. Who. Gen. Lee and Sen. Paul came. Gov. Hochul spoke."),
            [
                "Mr. Smith met Mrs. Jones and Dr. Who.",
                "Gen. Lee and Sen. Paul came.",
                "Gov. Hochul spoke."
            ]
        );
    }

    #[test]
    fn month_before_number() {
        assert_eq!(
            split("Protests began on Jan. 2 in the west. They spread."),
            ["Protests began on Jan. 2 in the west.", "They spread."]
        );
    }

    #[test]
    fn month_at_sentence_end() {
        assert_eq!(
            split("Prices rose in Jan. The protests followed. Troops left in Dec. Tokayev stayed."),
            [
                "Prices rose in Jan.",
                "The protests followed.",
                // "Tokayev" is not a common sentence starter: kept together (under-splitting is
                // preferred to splitting a name off its title or date).
                "Troops left in Dec. Tokayev stayed."
            ]
        );
    }

    #[test]
    fn am_pm() {
        assert_eq!(
            split("It began at 10 a.m. local time and ended at 5 p.m. The crowd left."),
            [
                "It began at 10 a.m. local time and ended at 5 p.m.",
                "The crowd left."
            ]
        );
    }

    #[test]
    fn number_abbreviation() {
        assert_eq!(
            split("He lives at No. 10 Downing Street. He said no. Then he left."),
            [
                "He lives at No. 10 Downing Street.",
                "He said no.",
                "Then he left."
            ]
        );
    }

    #[test]
    fn street_and_companies() {
        assert_eq!(
            split("They met on St. James Street with Acme Corp. officials. Big Inc. The firm grew. Foo Ltd. shares fell."),
            [
                "They met on St. James Street with Acme Corp. officials.",
                "Big Inc.",
                "The firm grew.",
                "Foo Ltd. shares fell."
            ]
        );
    }

    #[test]
    fn latin_abbreviations() {
        assert_eq!(
            split("Some cities, e.g. Almaty, i.e. the largest, etc. were hit. Russia vs. Ukraine. It was approx. 5 km."),
            [
                "Some cities, e.g. Almaty, i.e. the largest, etc. were hit.",
                "Russia vs. Ukraine.",
                "It was approx. 5 km."
            ]
        );
    }

    #[test]
    fn etc_at_end() {
        assert_eq!(
            split("They sold fuel, bread, etc. The prices rose."),
            ["They sold fuel, bread, etc.", "The prices rose."]
        );
    }

    #[test]
    fn initials() {
        assert_eq!(
            split("J. R. R. Tolkien wrote it. George W. Bush agreed."),
            ["J. R. R. Tolkien wrote it.", "George W. Bush agreed."]
        );
    }

    #[test]
    fn one_letter_abbreviations_are_lower_case_only() {
        assert_eq!(
            split("Roe v. Wade was cited. It was built c. 1900. They chose plan C. The rest failed. See p. 4."),
            [
                "Roe v. Wade was cited.",
                "It was built c. 1900.",
                "They chose plan C.",
                "The rest failed.",
                "See p. 4."
            ]
        );
    }

    #[test]
    fn units_end_sentences() {
        assert_eq!(
            split("The border is 1,782 km. Kazakhstan shares it with China. It weighs 5 kg. Officials said so."),
            [
                "The border is 1,782 km.",
                "Kazakhstan shares it with China.",
                "It weighs 5 kg.",
                "Officials said so."
            ]
        );
    }

    #[test]
    fn initial_at_end() {
        assert_eq!(
            split("They chose plan B. The rest failed."),
            ["They chose plan B.", "The rest failed."]
        );
    }

    #[test]
    fn decimals_and_thousands() {
        assert_eq!(
            split(
                "Inflation hit 3.5% and a 1,000-mile border cost $2.5bn. Output fell 0.4 percent."
            ),
            [
                "Inflation hit 3.5% and a 1,000-mile border cost $2.5bn.",
                "Output fell 0.4 percent."
            ]
        );
    }

    #[test]
    fn year_at_end_then_capital() {
        assert_eq!(
            split("It happened in 2022. Kazakhstan was shaken."),
            ["It happened in 2022.", "Kazakhstan was shaken."]
        );
    }

    #[test]
    fn quote_with_comma_said() {
        assert_eq!(
            split("\"We will restore order,\" he said. \"It is over.\" He left."),
            [
                "\"We will restore order,\" he said.",
                "\"It is over.\"",
                "He left."
            ]
        );
    }

    #[test]
    fn question_in_quotes_followed_by_lowercase() {
        assert_eq!(
            split("\"Is it over?\" he asked. \"Yes!\" she said."),
            ["\"Is it over?\" he asked.", "\"Yes!\" she said."]
        );
    }

    #[test]
    fn quote_then_speaker() {
        assert_eq!(
            split("\"Why?\" Tokayev asked. \"Stop!\" Mr. Smith shouted, waving. \"It is over.\" Kassym-Jomart Tokayev said. Fine."),
            [
                "\"Why?\" Tokayev asked.",
                "\"Stop!\" Mr. Smith shouted, waving.",
                "\"It is over.\" Kassym-Jomart Tokayev said.",
                "Fine."
            ]
        );
    }

    #[test]
    fn quote_then_new_sentence_with_speech_verb_later() {
        assert_eq!(
            split("\"Is it over?\" Tokayev said he did not know. \"Go.\" He said nothing."),
            [
                "\"Is it over?\"",
                "Tokayev said he did not know.",
                "\"Go.\"",
                "He said nothing."
            ]
        );
    }

    #[test]
    fn curly_quotes() {
        assert_eq!(
            split("“It is over.” He left. ‘Fine.’ She stayed."),
            ["“It is over.”", "He left.", "‘Fine.’", "She stayed."]
        );
    }

    #[test]
    fn double_apostrophe_quotes() {
        assert_eq!(
            split("Xi rejected ''colour revolutions'' in Kazakhstan. He said ''no.'' Then left."),
            [
                "Xi rejected ''colour revolutions'' in Kazakhstan.",
                "He said ''no.''",
                "Then left."
            ]
        );
    }

    #[test]
    fn ellipsis_mid_sentence() {
        assert_eq!(
            split("Well... maybe. He waited… Putin called."),
            ["Well... maybe.", "He waited… Putin called."]
        );
    }

    #[test]
    fn ellipsis_before_starter() {
        assert_eq!(
            split("He paused... Then he spoke. And…  The end."),
            ["He paused...", "Then he spoke.", "And…", "The end."]
        );
    }

    #[test]
    fn multiple_terminators() {
        assert_eq!(
            split("Really?! Yes!!! Fine?"),
            ["Really?!", "Yes!!!", "Fine?"]
        );
    }

    #[test]
    fn parenthesis_closing() {
        assert_eq!(
            split("He left (finally.) The end. (A note.) Fine."),
            ["He left (finally.)", "The end.", "(A note.)", "Fine."]
        );
    }

    #[test]
    fn no_space_after_dot_is_not_a_break() {
        assert_eq!(
            split("See example.com for more. The U.S.-led force left."),
            ["See example.com for more.", "The U.S.-led force left."]
        );
    }

    #[test]
    fn lowercase_after_dot_does_not_break() {
        assert_eq!(
            split("It cost 5 bn. rubles in total."),
            ["It cost 5 bn. rubles in total."]
        );
    }

    #[test]
    fn paragraph_break_ends_sentence() {
        assert_eq!(
            split("First without stop\n\nSecond line."),
            ["First without stop", "Second line."]
        );
    }

    #[test]
    fn hard_wrapped_paragraph() {
        assert_eq!(
            split("The protests began over a near-doubling of\nfuel prices and spread. Troops\narrived on Thursday.\n"),
            [
                "The protests began over a near-doubling of\nfuel prices and spread.",
                "Troops\narrived on Thursday."
            ]
        );
    }

    #[test]
    fn crlf_hard_wrap_and_paragraphs() {
        assert_eq!(
            split("One sentence\r\nwrapped. Two.\r\n\r\nThree\r\n"),
            ["One sentence\r\nwrapped.", "Two.", "Three"]
        );
    }

    #[test]
    fn lone_cr_line_breaks() {
        assert_eq!(split("Title\r\rBody here."), ["Title", "Body here."]);
    }

    #[test]
    fn headline_followed_by_blank_line() {
        assert_eq!(
            split("Kazakhstan counts the cost\n\nAt least 164 people were killed."),
            [
                "Kazakhstan counts the cost",
                "At least 164 people were killed."
            ]
        );
    }

    #[test]
    fn headline_directly_followed_by_paragraph() {
        assert_eq!(
            split("Kazakhstan counts the cost\nHealth Ministry figures reported by local media on Sunday showed that at least\n164 people were killed.\n"),
            [
                "Kazakhstan counts the cost",
                "Health Ministry figures reported by local media on Sunday showed that at least\n164 people were killed."
            ]
        );
    }

    #[test]
    fn headline_ending_with_bracket() {
        assert_eq!(
            split("Riots in Almaty (updated)\nThe Interior Ministry said on Sunday that thousands had been detained.\n"),
            [
                "Riots in Almaty (updated)",
                "The Interior Ministry said on Sunday that thousands had been detained."
            ]
        );
    }

    #[test]
    fn long_unwrapped_lines_end_units() {
        let a = "Tokayev said he had permitted the security forces to open fire and kill terrorists without warning in Almaty and other cities";
        let b = "Internet services have been cut across the country and flights to the commercial hub have been suspended";
        let text = format!("{a} on Friday\n{b}.\nShort wrapped\nline.");
        assert_eq!(
            split(&text),
            [
                format!("{a} on Friday"),
                format!("{b}."),
                "Short wrapped\nline.".to_string()
            ]
        );
    }

    #[test]
    fn abbreviation_at_end_of_long_line() {
        let a = "The internet blackout knocked many cryptocurrency miners offline, since the country had become the largest hub after the U.S.";
        let text = format!("{a}\nOfficials said so.");
        assert_eq!(split(&text), [a, "Officials said so."]);
    }

    #[test]
    fn short_wrapped_lines_are_not_headlines() {
        assert_eq!(
            split("He said the\nprice rose."),
            ["He said the\nprice rose."]
        );
    }

    #[test]
    fn markdown_headings_exclude_markers() {
        assert_eq!(
            split("# Riots in Almaty\n## Aftermath ##\nText follows. More."),
            ["Riots in Almaty", "Aftermath", "Text follows.", "More."]
        );
    }

    #[test]
    fn hashtag_is_not_heading() {
        assert_eq!(
            split("The #1 seed and\n#Almaty trended. #2 won."),
            ["The #1 seed and\n#Almaty trended.", "#2 won."]
        );
    }

    #[test]
    fn bullet_list_items() {
        assert_eq!(
            split("Key facts:\n- 225 killed\n- 8,000 detained. Most released\n* troops left\n+ plus\n• dot"),
            ["Key facts:", "225 killed", "8,000 detained.", "Most released", "troops left", "plus", "dot"]
        );
    }

    #[test]
    fn numbered_list_items_with_continuation() {
        assert_eq!(
            split("1. First item\n   continues here\n2) Second item\n10. Tenth"),
            ["First item\n   continues here", "Second item", "Tenth"]
        );
    }

    #[test]
    fn year_at_line_start_is_not_a_list() {
        assert_eq!(
            split("It was\n2022. The year"),
            ["It was\n2022.", "The year"]
        );
    }

    #[test]
    fn block_quotes() {
        assert_eq!(
            split("He said:\n> We will win. They\n> will lose.\n>\n> Next.\nAfter."),
            [
                "He said:",
                "We will win.",
                "They\n> will lose.",
                "Next.",
                "After."
            ]
        );
    }

    #[test]
    fn starter_with_apostrophe() {
        assert_eq!(
            split("Prices rose in Jan. It's over. Talks in the U.S. They're done."),
            [
                "Prices rose in Jan.",
                "It's over.",
                "Talks in the U.S.",
                "They're done."
            ]
        );
    }

    #[test]
    fn long_whitespace_gap_after_stop() {
        let text = format!("One.{}Two.", " ".repeat(200));
        assert_eq!(split(&text), ["One.", "Two."]);
    }

    #[test]
    fn bom_at_body_start_is_skipped() {
        let doc = segment(src("\u{FEFF}Hi there.", 0));
        assert_eq!(doc.sentence_text(0), "Hi there.");
        assert_eq!((doc.sentences[0].line, doc.sentences[0].column), (1, 1));
    }

    #[test]
    fn thematic_break() {
        assert_eq!(split("One\n---\nTwo\n***\nThree"), ["One", "Two", "Three"]);
    }

    #[test]
    fn seed_last_sentence_without_stop() {
        let t = "Tokayev said he has permitted agencies to open fire and kill “terrorists” Internet services have been cut.";
        assert_eq!(split(t), [t]);
    }

    #[test]
    fn abbreviation_inside_parentheses() {
        assert_eq!(
            split("The alliance (incl. Russia) met. (U.S. officials) declined."),
            [
                "The alliance (incl. Russia) met.",
                "(U.S. officials) declined."
            ]
        );
    }

    #[test]
    fn question_followed_by_digit() {
        assert_eq!(split("How many? 225 people."), ["How many?", "225 people."]);
    }

    #[test]
    fn sentence_ending_with_quote_then_quote() {
        assert_eq!(
            split("He said: \"Go.\" \"Now,\" she added."),
            ["He said: \"Go.\"", "\"Now,\" she added."]
        );
    }

    #[test]
    fn whitespace_only_and_empty() {
        assert!(split("").is_empty());
        assert!(split(" \n\r\n\t ").is_empty());
    }

    #[test]
    fn unicode_text() {
        assert_eq!(
            split("Алматы пострадал. Токаев ушёл. Café—fermé."),
            ["Алматы пострадал.", "Токаев ушёл.", "Café—fermé."]
        );
    }

    #[test]
    fn nbsp_after_stop() {
        assert_eq!(split("One.\u{a0}Two."), ["One.", "Two."]);
    }

    #[test]
    fn long_run_is_cut_at_whitespace() {
        let text = "word ".repeat(30);
        let cfg = SegmentConfig {
            max_sentence_bytes: 22,
        };
        let got: Vec<&str> = sentence_spans(&text, 0, &cfg)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect();
        assert_eq!(got.len(), 8);
        assert_eq!(got[0], "word word word word");
        assert!(got.iter().all(|s| s.len() <= 22));
        assert_eq!(got.join(" "), text.trim());
    }

    #[test]
    fn long_token_is_cut_at_char_boundary() {
        let text = "é".repeat(20);
        let cfg = SegmentConfig {
            max_sentence_bytes: 9,
        };
        let got: Vec<&str> = sentence_spans(&text, 0, &cfg)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect();
        assert_eq!(got, ["éééé", "éééé", "éééé", "éééé", "éééé"]);
    }

    #[test]
    fn megabyte_without_stops_is_fast() {
        // The bounds are hang detectors, not benchmarks: a linear scan takes milliseconds, the
        // quadratic one this guards against took minutes. 2 s was flaky on a loaded debug build.
        let text = "abc def ".repeat(131_072);
        let t = std::time::Instant::now();
        let spans = sentence_spans(&text, 0, &SegmentConfig::default());
        assert!(t.elapsed().as_secs() < 30, "took {:?}", t.elapsed());
        assert_eq!(spans.len(), text.len() / DEFAULT_MAX_SENTENCE_BYTES + 1);
        assert!(spans
            .iter()
            .all(|(a, b)| b - a <= DEFAULT_MAX_SENTENCE_BYTES));
        let dots = "a.".repeat(500_000) + " " + &"b. ".repeat(300_000);
        let t = std::time::Instant::now();
        let _ = sentence_spans(&dots, 0, &SegmentConfig::default());
        assert!(t.elapsed().as_secs() < 30, "took {:?}", t.elapsed());
    }

    /// Regression (fix: quadratic segmentation when sentence ends are followed by long runs of
    /// spaces and the unit ends in a long run of spaces): each such end used to rescan the
    /// trailing spaces of the whole unit.
    #[test]
    fn fix_whitespace_after_sentence_end_is_linear() {
        let text = format!("Yes.{} ", " ".repeat(70)).repeat(2_000) + &" ".repeat(200_000);
        let t = std::time::Instant::now();
        let spans = sentence_spans(&text, 0, &SegmentConfig::default());
        assert!(t.elapsed().as_secs() < 5, "took {:?}", t.elapsed());
        assert_eq!(spans.len(), 2_000);
        assert_eq!(&text[spans[1999].0..spans[1999].1], "Yes.");
    }

    #[test]
    fn crlf_bom_front_matter_positions() {
        let text = "\u{FEFF}---\r\nid: x\r\n---\r\n# Title here\r\n\r\nFirst sentence. Second\r\nwrapped one.\r\n  Café. Ünïcode.\r\n";
        let body_start = text.find("# Title").unwrap();
        let doc = segment(src(text, body_start));
        let got: Vec<(&str, usize, usize)> = (0..doc.sentences.len())
            .map(|i| {
                (
                    doc.sentence_text(i),
                    doc.sentences[i].line,
                    doc.sentences[i].column,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Title here", 4, 3),
                ("First sentence.", 6, 1),
                ("Second\r\nwrapped one.", 6, 17),
                ("Café.", 8, 3),
                ("Ünïcode.", 8, 9),
            ]
        );
        let spans: Vec<(usize, usize)> = doc.sentences.iter().map(|s| s.span).collect();
        let t = |s: &str| {
            let a = text.find(s).unwrap();
            (a, a + s.len())
        };
        assert_eq!(
            spans,
            [
                t("Title here"),
                t("First sentence."),
                t("Second\r\nwrapped one."),
                t("Café."),
                t("Ünïcode.")
            ]
        );
        assert_eq!(
            doc.sentences.iter().map(|s| s.index).collect::<Vec<_>>(),
            [0, 1, 2, 3, 4]
        );
    }

    #[test]
    fn ingest_then_segment_crlf_bom_front_matter() {
        let bytes = b"\xEF\xBB\xBF---\r\nid: wire\r\ndate: 2022-01-05\r\n---\r\n\r\nKazakh cabinet quits\r\n\r\nPresident Tokayev accepted the\r\nresignation on Wednesday. Mr. Tokayev\r\ndeclared a state of emergency.\r\n\r\n- 8 killed\r\n";
        let source = crate::ingest::parse(std::path::Path::new("wire.md"), bytes).unwrap();
        assert_eq!(source.body_start, 41);
        let doc = segment(source);
        let got: Vec<(&str, (usize, usize), usize, usize)> = (0..doc.sentences.len())
            .map(|i| {
                let s = &doc.sentences[i];
                (doc.sentence_text(i), s.span, s.line, s.column)
            })
            .collect();
        assert_eq!(
            got,
            [
                ("Kazakh cabinet quits", (43, 63), 6, 1),
                (
                    "President Tokayev accepted the\r\nresignation on Wednesday.",
                    (67, 124),
                    8,
                    1
                ),
                (
                    "Mr. Tokayev\r\ndeclared a state of emergency.",
                    (125, 168),
                    9,
                    27
                ),
                ("8 killed", (174, 182), 12, 3),
            ]
        );
        // Spans index the original bytes.
        for (text, (a, b), _, _) in got {
            assert_eq!(&bytes[a..b], text.as_bytes());
        }
    }

    #[test]
    fn bom_only_no_metadata_column_one() {
        let text = "\u{FEFF}Hello there. Bye.";
        let doc = segment(src(text, 3));
        assert_eq!(doc.sentences[0].span, (3, 15));
        assert_eq!((doc.sentences[0].line, doc.sentences[0].column), (1, 1));
        assert_eq!((doc.sentences[1].line, doc.sentences[1].column), (1, 14));
    }

    #[test]
    fn seed_form_positions() {
        let text = " date 2022-01-07 Chinese President Xi spoke.\n\nChina agreed.";
        let doc = segment(src(text, 17));
        assert_eq!(doc.sentence_text(0), "Chinese President Xi spoke.");
        assert_eq!((doc.sentences[0].line, doc.sentences[0].column), (1, 18));
        assert_eq!((doc.sentences[1].line, doc.sentences[1].column), (3, 1));
    }

    #[test]
    fn body_start_out_of_range_is_safe() {
        let doc = segment(src("Hé.", 2));
        assert_eq!(doc.sentences.len(), 1);
        let doc = segment(src("Hé.", 99));
        assert!(doc.sentences.is_empty());
    }

    /// Spans are in order, non-overlapping, trimmed, and cover every non-whitespace byte that is
    /// not a heading / list marker.
    fn check_invariants(text: &str, cfg: &SegmentConfig) {
        let spans = sentence_spans(text, 0, cfg);
        let mut covered = vec![false; text.len()];
        let mut last = 0;
        for &(a, b) in &spans {
            assert!(a >= last && a < b, "{spans:?} in {text:?}");
            assert!(b - a <= cfg.max_sentence_bytes);
            let s = &text[a..b];
            assert_eq!(s, s.trim());
            covered[a..b].iter_mut().for_each(|c| *c = true);
            last = b;
        }
        for (i, c) in text.char_indices() {
            if !c.is_whitespace() {
                assert!(
                    covered[i],
                    "byte {i} ({c:?}) not covered in {text:?}: {spans:?}"
                );
            }
        }
    }

    /// Line and column computed the slow way.
    fn naive_position(text: &str, pos: usize) -> (usize, usize) {
        let before = &text[..pos];
        let before = before.strip_prefix('\u{FEFF}').unwrap_or(before);
        let normalised = before.replace("\r\n", "\n").replace('\r', "\n");
        let line = normalised.matches('\n').count() + 1;
        let last = normalised.rsplit('\n').next().unwrap_or("");
        (line, last.chars().count() + 1)
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_text_never_panics_and_positions_are_exact(
            text in "(\\PC|[\r\n\t .!?#>*+1-]|\u{FEFF}){0,200}",
            start in 0usize..40,
            max in 1usize..50,
        ) {
            let source = src(&text, start);
            let doc = segment_with(source, &SegmentConfig { max_sentence_bytes: max });
            let mut last = 0;
            for (i, s) in doc.sentences.iter().enumerate() {
                let (a, b) = s.span;
                proptest::prop_assert_eq!(s.index, i);
                proptest::prop_assert!(a >= last && a < b && b <= text.len());
                proptest::prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
                proptest::prop_assert!(a >= floor_char_boundary(&text, start.min(text.len())));
                proptest::prop_assert!(b - a <= max.max(8));
                let t = doc.sentence_text(i);
                proptest::prop_assert_eq!(t, t.trim());
                proptest::prop_assert_eq!((s.line, s.column), naive_position(&text, a));
                last = b;
            }
        }

        #[test]
        fn spans_cover_body(words in proptest::collection::vec(proptest::sample::select(vec![
            "The", "U.S.", "said", "3.5%", "Mr.", "\"Yes.\"", "...", "?", "!", "\n", "\n\n", "\r\n",
            " ", "  ", "é", "“", "”", "a.m.", "J.", "Jan.", "No.", "10", "etc.", "He", "left.",
            "'", "(", ")", "…", "\r", "\t", "\u{a0}", "Almaty", "1,000-mile", "x.y", ".",
        ]), 0..60), max in 8usize..60) {
            let mut text = String::new();
            for w in words {
                text.push_str(w);
                text.push(' ');
            }
            check_invariants(&text, &SegmentConfig { max_sentence_bytes: max });
            check_invariants(&text, &SegmentConfig::default());
        }
    }
}
