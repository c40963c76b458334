//! Claim extraction: turns the sentences of a [`Document`] into typed, normalised [`Claim`]s.
//!
//! Input: a [`Document`] (source + sentences). Output: `Vec<Claim>`, in text order, each with its
//! exact span, line and column in the original file. One recogniser per file: [`quantity`]
//! (numbers, units, approximation as intervals, counted noun and event role), [`date`] (absolute
//! and relative dates), [`membership`] (member lists of organisations), [`attribution`] (who said
//! it). Vocabularies (units, qualifiers, roles, noun classes, aliases) are data in `rules/vocab/`.

pub mod attribution;
pub mod counted;
pub mod date;
pub mod membership;
pub mod quantity;
pub mod units;

use std::borrow::Cow;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use crate::segment::Document;

use quantity::QuantityMatch;

/// One claim found in one sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// `"<source id>#<n>"`, n counting from 1 in text order.
    pub id: String,
    /// Source id.
    pub source: String,
    /// Index of the source in the event (order of the documents).
    #[serde(skip)]
    pub source_index: usize,
    /// Index of the sentence in its document.
    pub sentence_index: usize,
    /// Surface text of the claim, exactly as in the file.
    pub text: String,
    pub line: usize,
    pub column: usize,
    /// Byte span `[start, end)` of `text` in the original file.
    pub span: (usize, usize),
    /// The whole sentence the claim comes from, shared by the claims of one sentence (serialises
    /// as a plain string).
    pub sentence: Arc<str>,
    /// Who the sentence credits the claim to, if anyone ("the Interior Ministry").
    pub attributed_to: Option<String>,
    /// Kind-specific data; serialises as `"kind": "quantity", "quantity": {...}`.
    #[serde(flatten)]
    pub data: ClaimData,
}

/// The kinds of claims.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum ClaimData {
    Quantity { quantity: Quantity },
    Date { date: DateClaim },
    Membership { membership: Membership },
    Attribution { attribution: Attribution },
}

impl ClaimData {
    pub fn kind(&self) -> &'static str {
        match self {
            ClaimData::Quantity { .. } => "quantity",
            ClaimData::Date { .. } => "date",
            ClaimData::Membership { .. } => "membership",
            ClaimData::Attribution { .. } => "attribution",
        }
    }
}

/// A closed or half-open interval; `None` means unbounded on that side.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
pub struct Interval {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl Interval {
    pub fn point(v: f64) -> Self {
        Self {
            low: Some(v),
            high: Some(v),
        }
    }
    pub fn new(low: Option<f64>, high: Option<f64>) -> Self {
        Self { low, high }
    }
}

/// A number with its unit, approximation and meaning.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Quantity {
    /// The number as written ("over 1,000" -> 1000).
    pub value: f64,
    /// Interval implied by qualifier and rounding, in the written unit.
    pub low: Option<f64>,
    pub high: Option<f64>,
    /// Unit id as written (`mile`, `km`, `USD`, `percent`), `None` for a bare count.
    pub unit: Option<String>,
    /// `count`, `length`, `area`, `mass`, `volume`, `duration`, `currency`, `percent`,
    /// `temperature`, `magnitude`...
    pub dimension: String,
    /// Qualifier as written, lower-cased ("over", "about", "more than").
    pub qualifier: Option<String>,
    /// Interval in the dimension's canonical unit, where convertible.
    pub normalized: Option<Normalized>,
    /// Counted noun phrase ("law enforcement officers", "people").
    pub counted: Option<String>,
    /// Class of the counted noun from vocabulary data ("security_forces", "people").
    pub counted_class: Option<String>,
    /// Event role ("killed", "injured", "detained", "deployed").
    pub role: Option<String>,
}

impl Quantity {
    /// The interval in the written unit.
    pub fn interval(&self) -> Interval {
        Interval::new(self.low, self.high)
    }
}

/// An interval in a canonical unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Normalized {
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: String,
}

/// A calendar date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateClaim {
    /// The date, `YYYY-MM-DD`.
    pub value: NaiveDate,
    /// How a relative date was resolved ("Friday before 2022-01-08"), `None` for absolute dates.
    pub resolved_from: Option<String>,
}

/// A list of members of an organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Membership {
    /// Canonical organisation name (acronym where one is known, e.g. `SCO`).
    pub organization: String,
    /// Canonical member names, in the order written.
    pub members: Vec<String>,
    /// Size stated in the text ("eight-member"), if any.
    pub stated_count: Option<u32>,
    /// Whether the list claims to be complete ("consisting of": yes; "includes": no).
    pub complete: bool,
}

/// A statement credited to someone.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Attribution {
    pub speaker: String,
}

/// Extract all claims of a document. `source_index` is the document's position in its event.
///
/// Sentences are read in order; the recognisers get the sentence text and return
/// sentence-relative spans, which are moved to file offsets here. Per-document context (the last
/// organisation named, the last named speaker) flows from one sentence to the next. Quantities
/// inside a date ("7 January") are dropped. Claims are sorted by span and numbered
/// `<source id>#1`, `#2`... in that order.
pub fn extract(doc: &Document, source_index: usize) -> Vec<Claim> {
    extract_until(doc, source_index, usize::MAX)
}

/// [`extract`], but reading stops after the first sentence that brings the count above `max`.
/// Extraction never looks ahead, so the result starts with the first `max` claims of
/// [`extract`], same ids and data (more than `max` exactly when the document has more): a
/// report full of figures costs about as much as the part of it that is kept.
pub fn extract_until(doc: &Document, source_index: usize, max: usize) -> Vec<Claim> {
    let text = doc.source.text.as_str();
    let lines = LineIndex::new(text);
    let mut orgs = membership::OrgContext::default();
    let mut speakers = attribution::SpeakerContext::default();
    let mut found: Vec<Found> = Vec::new();
    // ASCII letters lower-cased, every other byte kept: the same offsets as the text, and an
    // ASCII sentence's exact lower case (the words of ASCII sentences borrow from it).
    let doc_lowered = text.to_ascii_lowercase();
    // An ASCII document has ASCII sentences (and an ASCII lower case of the same length): one
    // test for the whole text instead of two per sentence.
    let doc_ascii = text.is_ascii();
    let mut ws: Vec<Word<'_>> = Vec::new();

    for sentence in &doc.sentences {
        let (a, b) = sentence.span;
        let Some(st) = text.get(a..b) else {
            continue;
        };
        // Split once; every word-based recogniser reads the same words.
        ws.clear();
        if doc_ascii {
            split_ascii_words(st, doc_lowered.get(a..b), &mut ws);
        } else {
            split_words_into(st, doc_lowered.get(a..b), &mut ws);
        }
        let attributions = attribution::find_in(st, &ws, &mut speakers);
        let speaker = attributions.first().map(|m| m.attribution.speaker.clone());
        let dates = date::find(st, doc.source.date);
        let mut quantities: Vec<QuantityMatch> = quantity::find(st)
            .into_iter()
            .filter(|q| q.span.0 < q.span.1 && q.span.1 <= st.len())
            .filter(|q| !dates.iter().any(|d| overlaps(q.span, d.span)))
            .collect();
        counted::annotate_in(counted::Vocab::builtin(), st, &ws, &mut quantities);
        let memberships = membership::find_in(&ws, &mut orgs);

        let mut push = |span: (usize, usize), data: ClaimData, attributed_to: Option<String>| {
            found.push(Found {
                sentence: sentence.index,
                sentence_span: (a, b),
                span: (a + span.0, a + span.1),
                attributed_to,
                data,
            });
        };
        for q in quantities {
            push(
                q.span,
                ClaimData::Quantity {
                    quantity: q.quantity,
                },
                speaker.clone(),
            );
        }
        for d in dates {
            push(d.span, ClaimData::Date { date: d.date }, speaker.clone());
        }
        for m in memberships {
            push(
                m.span,
                ClaimData::Membership {
                    membership: m.membership,
                },
                speaker.clone(),
            );
        }
        for at in attributions {
            push(
                at.span,
                ClaimData::Attribution {
                    attribution: at.attribution,
                },
                None,
            );
        }
        if found.len() > max {
            break;
        }
    }

    found.sort_by(|x, y| {
        (x.span.0, x.span.1, kind_rank(&x.data)).cmp(&(y.span.0, y.span.1, kind_rank(&y.data)))
    });
    // One shared copy of each sentence's text for all of its claims.
    let mut shared: Option<((usize, usize), Arc<str>)> = None;
    found
        .into_iter()
        .enumerate()
        .filter_map(|(n, f)| {
            let claim_text = text.get(f.span.0..f.span.1)?;
            let sentence = match &shared {
                Some((span, s)) if *span == f.sentence_span => Arc::clone(s),
                _ => {
                    let s: Arc<str> = Arc::from(text.get(f.sentence_span.0..f.sentence_span.1)?);
                    shared = Some((f.sentence_span, Arc::clone(&s)));
                    s
                }
            };
            let (line, column) = lines.locate(text, f.span.0);
            Some(Claim {
                id: claim_id(&doc.source.id, n + 1),
                source: doc.source.id.clone(),
                source_index,
                sentence_index: f.sentence,
                text: claim_text.to_string(),
                line,
                column,
                span: f.span,
                sentence,
                attributed_to: f.attributed_to,
                data: f.data,
            })
        })
        .collect()
}

/// `<source id>#<n>`, the id of a claim (written by hand: `format!` costs about as much as
/// every other step of building a claim together).
fn claim_id(source: &str, n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(source.len() + 1 + digits.len() - at);
    id.push_str(source);
    id.push('#');
    id.extend(digits[at..].iter().map(|&d| char::from(d)));
    id
}

/// A claim before numbering.
struct Found {
    sentence: usize,
    sentence_span: (usize, usize),
    span: (usize, usize),
    attributed_to: Option<String>,
    data: ClaimData,
}

fn kind_rank(d: &ClaimData) -> u8 {
    match d {
        ClaimData::Attribution { .. } => 0,
        ClaimData::Membership { .. } => 1,
        ClaimData::Date { .. } => 2,
        ClaimData::Quantity { .. } => 3,
    }
}

/// Whether two half-open spans share at least one byte.
pub(crate) fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Byte offsets of line starts, built once per document, to turn offsets into line:column.
#[derive(Debug)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
    /// Every [`LineIndex::STEP`] bytes: (byte offset, characters since its line start). Columns
    /// are counted from the nearest mark, so locating a claim on a very long line (a 50 MB file
    /// without line breaks) does not count from the line start each time.
    marks: Vec<(usize, usize)>,
}

impl LineIndex {
    const STEP: usize = 4096;

    pub(crate) fn new(text: &str) -> Self {
        let starts: Vec<usize> = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|p| p + 1))
            .collect();
        // A mark at the first character boundary at or after every STEP bytes from the last
        // mark; its column counts the characters since its line start, from the previous mark
        // when that is on the same line.
        let mut marks: Vec<(usize, usize)> = Vec::new();
        let mut next = Self::STEP;
        while next < text.len() {
            let Some(i) = (next..text.len()).find(|&i| text.is_char_boundary(i)) else {
                break;
            };
            let line_start = starts[starts.partition_point(|&s| s <= i) - 1];
            let (from, base) = match marks.last() {
                Some(&(m, c)) if m >= line_start => (m, c),
                _ => (line_start, 0),
            };
            let col = base + text.get(from..i).map_or(0, |s| s.chars().count());
            marks.push((i, col));
            next = i + Self::STEP;
        }
        Self { starts, marks }
    }

    /// 1-based line and 1-based column (in characters; a leading BOM is not counted) of `offset`.
    pub(crate) fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.starts[line - 1];
        let bom = line_start == 0 && text.starts_with('\u{feff}') && offset >= 3;
        // The last mark at or before `offset`, if it is on this line.
        let k = self.marks.partition_point(|&(m, _)| m <= offset);
        let (from, base) = match k.checked_sub(1).map(|k| self.marks[k]) {
            Some((m, c)) if m >= line_start => (m, c - usize::from(bom)),
            _ => (if bom { 3 } else { line_start }, 0),
        };
        let column = base + text.get(from..offset).map_or(0, |s| s.chars().count());
        (line, column + 1)
    }
}

/// One whitespace-separated word of a text, with its surrounding punctuation split off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word<'a> {
    /// Byte offset of the word's core (after leading punctuation).
    pub start: usize,
    /// Byte offset just after the core (before trailing punctuation).
    pub end: usize,
    /// The core ("U.S" for "U.S.", "Kazakhstan's" for "Kazakhstan's,").
    pub text: &'a str,
    /// Punctuation before the core (`"`, `(`).
    pub lead: &'a str,
    /// Punctuation after the core (`,`, `."`).
    pub trail: &'a str,
    /// The core, lower-cased once when the text is split (borrowed when already lower case).
    low: Cow<'a, str>,
}

impl Word<'_> {
    /// The core, lower-cased.
    pub fn lower(&self) -> &str {
        &self.low
    }
    /// Whether the core starts with an upper-case letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    /// Whether trailing punctuation ends a phrase here (comma, semicolon, colon, closing quote
    /// or bracket...). A lone full stop does not: inside one sentence it marks an abbreviation
    /// ("Mr.", "U.S.").
    pub fn ends_phrase(&self) -> bool {
        self.trail.chars().any(|c| c != '.')
    }
    /// Whether punctuation before the word opens a new phrase (quote, bracket).
    pub fn starts_phrase(&self) -> bool {
        !self.lead.is_empty()
    }
}

const LEAD_PUNCT: &[char] = &['"', '\'', '“', '‘', '(', '[', '«', '—', '–'];
const TRAIL_PUNCT: &[char] = &[
    ',', '.', ';', ':', '!', '?', '"', '\'', '”', '’', ')', ']', '»', '…', '—', '–',
];

/// A set of words (vocabulary data) looked up by `&str`.
#[derive(Debug, Default, Clone)]
pub(crate) struct WordSet(units::HashSet<String>);

impl WordSet {
    pub(crate) fn contains(&self, w: &str) -> bool {
        self.0.contains(w)
    }
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        Self(iter.into_iter().collect())
    }
}

/// `s` lower-cased (`str::to_lowercase`), without allocating when it has no upper-case letter.
pub(crate) fn lowercase(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        }
    } else {
        let l = s.to_lowercase();
        if l == s {
            Cow::Borrowed(s)
        } else {
            Cow::Owned(l)
        }
    }
}

/// Split a text into [`Word`]s.
pub(crate) fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    split_words_into(text, None, &mut out);
    out
}

/// Whether the character starting at byte `i` of `text` is white space (`char::is_whitespace`,
/// as `str::split_whitespace` uses), and its length in bytes.
fn space_at(text: &str, i: usize) -> (bool, usize) {
    match text.as_bytes()[i] {
        b if b < 0x80 => (CLASS[usize::from(b)] & SPACE != 0, 1),
        _ => text[i..]
            .chars()
            .next()
            .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8())),
    }
}

/// Byte classes of the ASCII splitter: white space as `char::is_whitespace` has it (U+000B,
/// vertical tab, included), and the ASCII characters of [`LEAD_PUNCT`] and [`TRAIL_PUNCT`].
const SPACE: u8 = 1;
const LEAD: u8 = 2;
const TRAIL: u8 = 4;
const fn byte_classes() -> [u8; 256] {
    let mut t = [0u8; 256];
    let spaces = [b'\t', b'\n', 0x0b, 0x0c, b'\r', b' '];
    let mut k = 0;
    while k < spaces.len() {
        t[spaces[k] as usize] |= SPACE;
        k += 1;
    }
    let mut k = 0;
    while k < LEAD_PUNCT.len() {
        if (LEAD_PUNCT[k] as u32) < 128 {
            t[LEAD_PUNCT[k] as usize] |= LEAD;
        }
        k += 1;
    }
    let mut k = 0;
    while k < TRAIL_PUNCT.len() {
        if (TRAIL_PUNCT[k] as u32) < 128 {
            t[TRAIL_PUNCT[k] as usize] |= TRAIL;
        }
        k += 1;
    }
    t
}
static CLASS: [u8; 256] = byte_classes();

/// [`split_words`] of an ASCII text, byte by byte; `lowered` is its lower case (same length).
fn split_ascii_words<'a>(text: &'a str, lowered: Option<&'a str>, out: &mut Vec<Word<'a>>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let class = |i: usize| CLASS[usize::from(bytes[i])];
    out.reserve(n / 5 + 1);
    let mut i = 0;
    while i < n {
        if class(i) & SPACE != 0 {
            i += 1;
            continue;
        }
        // one chunk of non-space bytes: [a, b)
        let a = i;
        while i < n && class(i) & SPACE == 0 {
            i += 1;
        }
        let b = i;
        // as `trim_start_matches(LEAD_PUNCT)` / `trim_end_matches(TRAIL_PUNCT)` of the chunk
        let mut s = a;
        while s < b && class(s) & LEAD != 0 {
            s += 1;
        }
        let mut e = b;
        while e > a && class(e - 1) & TRAIL != 0 {
            e -= 1;
        }
        // when they cross (punctuation only), an empty core before the chunk
        let (core_start, core_end) = if s <= e { (s, e) } else { (a, a) };
        // ASCII text: every offset is a character boundary
        let core = &text[core_start..core_end];
        let low = match lowered {
            Some(l) => Cow::Borrowed(&l[core_start..core_end]),
            None => lowercase(core),
        };
        out.push(Word {
            start: core_start,
            end: core_end,
            text: core,
            lead: &text[a..core_start],
            trail: &text[core_end..b],
            low,
        });
    }
}

/// Appends the [`Word`]s of `text` to `out`; `lowered`, when given, is `text` lower-cased with
/// the same byte offsets, and the words' lower-cased cores borrow from it.
fn split_words_into<'a>(text: &'a str, lowered: Option<&'a str>, out: &mut Vec<Word<'a>>) {
    if text.is_ascii() {
        let lowered = lowered.filter(|l| l.len() == text.len() && l.is_ascii());
        return split_ascii_words(text, lowered, out);
    }
    // Non-ASCII text: each word is lower-cased on its own (`str::to_lowercase` may change
    // byte lengths, so no lower-cased copy of the whole text has the same offsets).
    out.reserve(text.len() / 6 + 1);
    let n = text.len();
    let mut i = 0;
    while i < n {
        let (space, len) = space_at(text, i);
        if space {
            i += len;
            continue;
        }
        // one chunk of non-space characters: [a, b)
        let a = i;
        let (mut upper, mut ascii) = (false, true);
        while i < n {
            let byte = text.as_bytes()[i];
            if byte < 0x80 {
                if CLASS[usize::from(byte)] & SPACE != 0 {
                    break;
                }
                upper |= byte.is_ascii_uppercase();
                i += 1;
            } else {
                let (space, len) = space_at(text, i);
                if space {
                    break;
                }
                ascii = false;
                i += len;
            }
        }
        let b = i;
        let chunk = &text[a..b];
        // Every punctuation mark is ASCII punctuation or starts with a non-ASCII byte: a chunk
        // that starts (ends) with an ASCII letter or digit has none to trim there.
        let plain = |byte: Option<&u8>| byte.is_some_and(u8::is_ascii_alphanumeric);
        let core_start = if plain(chunk.as_bytes().first()) {
            a
        } else {
            a + (chunk.len() - chunk.trim_start_matches(LEAD_PUNCT).len())
        };
        let core_end = if plain(chunk.as_bytes().last()) {
            b
        } else {
            b - (chunk.len() - chunk.trim_end_matches(TRAIL_PUNCT).len())
        };
        let (core_start, core_end) = if core_start <= core_end {
            (core_start, core_end)
        } else {
            (a, a)
        };
        let core = &text[core_start..core_end];
        let low = if ascii && !upper {
            Cow::Borrowed(core)
        } else {
            lowercase(core)
        };
        out.push(Word {
            start: core_start,
            end: core_end,
            text: core,
            lead: &text[a..core_start],
            trail: &text[core_end.max(core_start)..b],
            low,
        });
    }
}

/// Index of the word at `i` of `ws` that starts phrase `phrase` (lower-case words), if the
/// phrase matches there; returns the index just after the phrase.
pub(crate) fn match_phrase<S: AsRef<str>>(
    ws: &[Word<'_>],
    i: usize,
    phrase: &[S],
) -> Option<usize> {
    if phrase.is_empty() || i + phrase.len() > ws.len() {
        return None;
    }
    for (k, p) in phrase.iter().enumerate() {
        let p = p.as_ref();
        let w = &ws[i + k];
        let same = w.text.eq_ignore_ascii_case(p) || (!w.text.is_ascii() && w.lower() == p);
        if !same {
            return None;
        }
        // Punctuation inside a phrase breaks it.
        if k + 1 < phrase.len() && w.ends_phrase() {
            return None;
        }
    }
    Some(i + phrase.len())
}

/// The lower-cased first words of a list of phrases (as [`phrase_words`] makes them): a
/// phrase can only match ([`match_phrase`]) at a word whose lower-cased core is one of them,
/// or, since a non-ASCII word is compared by its full lower-cased form, at a non-ASCII word.
#[derive(Debug, Default, Clone)]
pub(crate) struct FirstWords(units::HashSet<String>);

impl FirstWords {
    pub(crate) fn of<'p>(phrases: impl IntoIterator<Item = &'p Vec<String>>) -> Self {
        Self(
            phrases
                .into_iter()
                .filter_map(|p| p.first().cloned())
                .collect(),
        )
    }

    /// Whether a phrase of the list may start at word `i` of `ws`.
    pub(crate) fn may_start(&self, ws: &[Word<'_>], i: usize) -> bool {
        ws.get(i)
            .is_some_and(|w| !w.text.is_ascii() || self.0.contains(w.lower()))
    }
}

/// Phrases indexed by their lower-cased first word: the phrases of a list that may match at a
/// word (see [`FirstWords`]), in list order.
#[derive(Debug, Default, Clone)]
pub(crate) struct PhraseIndex {
    by_first: units::HashMap<String, Vec<usize>>,
    all: Vec<usize>,
}

impl PhraseIndex {
    pub(crate) fn of<'p>(phrases: impl IntoIterator<Item = &'p Vec<String>>) -> Self {
        let mut by_first: units::HashMap<String, Vec<usize>> = units::HashMap::default();
        let mut all = Vec::new();
        for (n, p) in phrases.into_iter().enumerate() {
            all.push(n);
            if let Some(f) = p.first() {
                by_first.entry(f.clone()).or_default().push(n);
            }
        }
        Self { by_first, all }
    }

    /// Indices of the phrases that may match at word `i` of `ws`, in list order.
    pub(crate) fn candidates(&self, ws: &[Word<'_>], i: usize) -> &[usize] {
        match ws.get(i) {
            None => &[],
            Some(w) if !w.text.is_ascii() => &self.all,
            Some(w) => self.by_first.get(w.lower()).map_or(&[], Vec::as_slice),
        }
    }
}

/// Split a phrase into lower-case words.
pub(crate) fn phrase_words(p: &str) -> Vec<String> {
    p.split_whitespace().map(str::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_ids_are_source_hash_number() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            assert_eq!(claim_id("wire-a", n), format!("wire-a#{n}"));
        }
        assert_eq!(claim_id("", 7), "#7");
        assert_eq!(claim_id("été", 42), "été#42");
    }
    use crate::ingest::Source;
    use crate::segment::Sentence;

    /// Regression (fix: claim columns counted characters from the line start for every claim,
    /// quadratic on a long line: `compare` on a 50 MB one-line report ran for more than 5
    /// minutes in release): same positions as counting from the line start, and fast.
    #[test]
    fn fix_columns_on_a_long_line_are_not_quadratic() {
        let naive = |text: &str, offset: usize| {
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let start = if line_start == 0 && text.starts_with('\u{feff}') && offset >= 3 {
                3
            } else {
                line_start
            };
            (
                text[..offset].matches('\n').count() + 1,
                text[start..offset].chars().count() + 1,
            )
        };
        let unit = "Caf\u{e9} \u{1F600} 5,000 people; ";
        for text in [
            format!("\u{feff}{}", unit.repeat(300)),
            format!("{}\n{}\n\nx", unit.repeat(150), unit.repeat(200)),
            unit.repeat(3),
        ] {
            let li = LineIndex::new(&text);
            for (offset, _) in text.char_indices().step_by(7) {
                assert_eq!(
                    li.locate(&text, offset),
                    naive(&text, offset),
                    "offset {offset}"
                );
            }
            assert_eq!(li.locate(&text, text.len()), naive(&text, text.len()));
        }
        let long = unit.repeat(50_000);
        let li = LineIndex::new(&long);
        let t = std::time::Instant::now();
        for (offset, _) in long.match_indices("5,000") {
            li.locate(&long, offset);
        }
        assert!(t.elapsed().as_secs() < 10, "took {:?}", t.elapsed());
    }

    /// A document whose sentences end at ". " or a line end (enough for these tests).
    fn doc(id: &str, date: Option<&str>, text: &str) -> Document {
        let li = LineIndex::new(text);
        let mut sentences = Vec::new();
        let mut start = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i <= bytes.len() {
            let end_here = i == bytes.len()
                || bytes[i] == b'\n'
                || (bytes[i] == b' '
                    && i > 0
                    && bytes[i - 1] == b'.'
                    && !text[..i].ends_with("Mr."));
            if end_here {
                let s = &text[start..i];
                let lead = s.len() - s.trim_start().len();
                let t = s.trim();
                if !t.is_empty() {
                    let a = start + lead;
                    let (line, column) = li.locate(text, a);
                    sentences.push(Sentence {
                        index: sentences.len(),
                        span: (a, a + t.len()),
                        line,
                        column,
                    });
                }
                start = i + 1;
            }
            i += 1;
        }
        Document {
            source: Source {
                id: id.into(),
                path: format!("{id}.txt").into(),
                date: date.map(|d| d.parse().unwrap()),
                outlet: None,
                title: None,
                url: None,
                text: text.into(),
                body_start: 0,
            },
            sentences,
        }
    }

    #[test]
    fn extract_numbers_locates_and_attributes() {
        let d = doc(
            "wire",
            Some("2022-01-08"),
            "Kazakh unrest\n\nOn Friday the Interior Ministry said 18 police officers were killed. \
             The alliance is unknown here.\r\nThe CSTO is made up of Russia, Belarus, Armenia, Kazakhstan, Kyrgyzstan and Tajikistan. \
             Troops arrived on 6 January.",
        );
        let claims = extract(&d, 3);
        type Row<'a> = (String, &'a str, String, usize, usize, Option<&'a str>);
        let rows: Vec<Row<'_>> = claims
            .iter()
            .map(|c| {
                (
                    c.id.clone(),
                    c.data.kind(),
                    c.text.clone(),
                    c.line,
                    c.column,
                    c.attributed_to.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                ("wire#1".into(), "date", "On Friday".into(), 3, 1, Some("the Interior Ministry")),
                ("wire#2".into(), "attribution", "the Interior Ministry said".into(), 3, 11, None),
                ("wire#3".into(), "quantity", "18".into(), 3, 38, Some("the Interior Ministry")),
                ("wire#4".into(), "membership", "CSTO is made up of Russia, Belarus, Armenia, Kazakhstan, Kyrgyzstan and Tajikistan".into(), 4, 5, None),
                ("wire#5".into(), "date", "on 6 January".into(), 4, 104, None),
            ]
        );
        // spans point into the file; the stub or real quantity "6" inside the date is dropped
        for c in &claims {
            assert_eq!(&d.source.text[c.span.0..c.span.1], c.text);
            assert_eq!(c.source, "wire");
            assert_eq!(c.source_index, 3);
        }
        let ClaimData::Quantity { quantity } = &claims[2].data else {
            panic!("quantity expected");
        };
        assert_eq!(quantity.counted.as_deref(), Some("police officers"));
        assert_eq!(quantity.counted_class.as_deref(), Some("security_forces"));
        assert_eq!(quantity.role.as_deref(), Some("killed"));
        let ClaimData::Date { date } = &claims[0].data else {
            panic!("date expected");
        };
        assert_eq!(date.value.to_string(), "2022-01-07");
        assert_eq!(claims[1].sentence_index, 1);
        assert!(claims[0].sentence.starts_with("On Friday the Interior"));
    }

    #[test]
    fn extract_serialises_as_documented() {
        let d = doc("a", Some("2022-01-08"), "Officials said 5 people died.");
        let claims = extract(&d, 0);
        let v = serde_json::to_value(&claims[1]).unwrap();
        assert_eq!(v["id"], "a#2");
        assert_eq!(v["kind"], "quantity");
        assert_eq!(v["attributed_to"], "officials");
        assert_eq!(v["quantity"]["role"], "killed");
        assert_eq!(v["span"], serde_json::json!([15, 16]));
        assert!(v.get("source_index").is_none());
    }

    /// The marks of `LineIndex::new` (built from newline positions) are those of a walk over
    /// every character counting columns.
    #[test]
    fn line_index_marks_match_a_character_walk() {
        let walk = |text: &str| {
            let (mut marks, mut col, mut next) = (Vec::new(), 0usize, LineIndex::STEP);
            for (i, c) in text.char_indices() {
                if i >= next {
                    marks.push((i, col));
                    next = i + LineIndex::STEP;
                }
                col = if c == '\n' { 0 } else { col + 1 };
            }
            marks
        };
        let unit = "Caf\u{e9} \u{1F600} 5,000 people;\r\n ";
        for text in [
            unit.repeat(400),
            format!("{}\n{}", "é".repeat(5000), "x".repeat(9000)),
            format!("{}\n\n{}", "\u{1F600}".repeat(3000), "ab\n".repeat(4000)),
            "\n".repeat(10_000),
            "x".repeat(4096),
            "x".repeat(4097),
            // a mark that falls inside a character moves the next one along
            format!("xx{}", "€".repeat(5000)),
            String::new(),
        ] {
            assert_eq!(LineIndex::new(&text).marks, walk(&text));
        }
    }

    #[test]
    fn line_index_counts_chars_and_skips_bom() {
        let t = "\u{feff}ab\r\nçé x\n";
        let li = LineIndex::new(t);
        assert_eq!(li.locate(t, 3), (1, 1));
        assert_eq!(li.locate(t, 4), (1, 2));
        let x = t.find('x').unwrap();
        assert_eq!(li.locate(t, x), (2, 4));
    }

    /// The words of `t` by their definition: `split_whitespace` chunks, the punctuation of
    /// `LEAD_PUNCT` / `TRAIL_PUNCT` trimmed (a chunk where the two trims cross is an empty core
    /// before the chunk), the core lower-cased with `str::to_lowercase`.
    fn reference_words(t: &str) -> Vec<(&str, &str, &str, String)> {
        t.split_whitespace()
            .map(|c| {
                let s = c.len() - c.trim_start_matches(LEAD_PUNCT).len();
                let e = c.trim_end_matches(TRAIL_PUNCT).len();
                let (lead, core, trail) = if s <= e {
                    (&c[..s], &c[s..e], &c[e..])
                } else {
                    ("", "", c)
                };
                (lead, core, trail, core.to_lowercase())
            })
            .collect()
    }

    /// `words` and `words_lowered` of `t` against `reference_words`.
    fn check_words(t: &str) -> Result<(), String> {
        type Row = (String, String, String, String, usize, usize);
        let rows = |ws: Vec<Word<'_>>| -> Vec<Row> {
            ws.into_iter()
                .map(|w| {
                    let low = w.lower().to_string();
                    (
                        w.lead.into(),
                        w.text.into(),
                        w.trail.into(),
                        low,
                        w.start,
                        w.end,
                    )
                })
                .collect()
        };
        let with = |lowered: &str| {
            let mut ws = Vec::new();
            split_words_into(t, Some(lowered), &mut ws);
            rows(ws)
        };
        let expected: Vec<(String, String, String, String)> = reference_words(t)
            .into_iter()
            .map(|(l, c, r, low)| (l.into(), c.into(), r.into(), low))
            .collect();
        // `words`, and the splitter given a lower-cased copy: `str::to_lowercase` (offsets may
        // differ for non-ASCII text) and ASCII-only lower case (what `extract_until` passes)
        for ws in [
            rows(words(t)),
            with(&lowercase(t)),
            with(&t.to_ascii_lowercase()),
        ] {
            let got: Vec<(String, String, String, String)> = ws
                .iter()
                .map(|(l, c, r, low, _, _)| (l.clone(), c.clone(), r.clone(), low.clone()))
                .collect();
            if got != expected {
                return Err(format!("{t:?}: {got:?} != {expected:?}"));
            }
            if let Some(w) = ws.iter().find(|w| t.get(w.4..w.5) != Some(w.1.as_str())) {
                return Err(format!("{t:?}: offsets of {w:?}"));
            }
        }
        Ok(())
    }

    #[test]
    fn words_of_punctuation_only_chunks_and_odd_spaces() {
        for t in [
            "(\" x",
            "x (\"",
            "a .\" b",
            "( ) \" ' [ ] ...",
            "—\" “” ’",
            "\"(Hello)\" said  Kazakhstan's\t\u{b}leader\u{a0}(ABC).",
            "İstanbul ÉTATS \u{2009}unis\u{3000}x",
            "",
            "   ",
        ] {
            assert_eq!(check_words(t), Ok(()));
        }
        // the punctuation-only chunk: an empty core whose trail is the whole chunk
        let ws = words("(\"");
        assert_eq!((ws[0].lead, ws[0].text, ws[0].trail), ("", "", "(\""));
    }

    #[test]
    fn words_split_punctuation() {
        let ws = words("\"Hello,\" said Mr. Tokayev (U.S.).");
        let texts: Vec<&str> = ws.iter().map(|w| w.text).collect();
        assert_eq!(texts, ["Hello", "said", "Mr", "Tokayev", "U.S"]);
        assert_eq!(ws[0].lead, "\"");
        assert_eq!(ws[0].trail, ",\"");
        assert_eq!(ws[4].trail, ".).");
        // the fast path of `words` relies on this
        assert!(LEAD_PUNCT
            .iter()
            .chain(TRAIL_PUNCT)
            .all(|c| !c.is_ascii_alphanumeric()));
        let ws = words("x5 “Wait” (b) 7");
        let cores: Vec<(&str, &str, &str)> = ws.iter().map(|w| (w.lead, w.text, w.trail)).collect();
        assert_eq!(
            cores,
            [
                ("", "x5", ""),
                ("“", "Wait", "”"),
                ("(", "b", ")"),
                ("", "7", "")
            ]
        );
    }

    mod never_panics {
        use super::*;
        use proptest::prelude::*;

        const TOKENS: &[&str] = &[
            "the",
            "The",
            "alliance",
            "alliance's",
            "of",
            "and",
            ",",
            ".",
            "\"",
            "(",
            ")",
            "said",
            "he",
            "she",
            "it",
            "according",
            "to",
            "NATO",
            "NATO's",
            "SCO",
            "(SCO)",
            "Shanghai",
            "Cooperation",
            "Organisation",
            "Commission",
            "consisting",
            "made",
            "up",
            "includes",
            "including",
            "such",
            "as",
            "Russia",
            "China",
            "U.S.",
            "Kyrgyz",
            "Republic",
            "eight-member",
            "30",
            "member",
            "states",
            "members",
            "6",
            "January",
            "Jan.",
            "7th",
            "2022",
            "2022-01-07",
            "on",
            "Friday",
            "next",
            "last",
            "will",
            "when",
            "yesterday",
            "killed",
            "killing",
            "dead",
            "death",
            "toll",
            "number",
            "whom",
            "were",
            "people",
            "police",
            "officers",
            "troops",
            "14",
            "1,000",
            "a",
            "dozen",
            "among",
            "Mr.",
            "Tokayev",
            "told",
            "reporters",
            "partners",
            "four",
            "Asia-Pacific",
            "from",
            "in",
            "at",
            "—",
            "…",
            "é",
            "’s",
            "\u{feff}",
            ";",
            ":",
        ];

        fn sentence() -> impl Strategy<Value = String> {
            prop::collection::vec(prop::sample::select(TOKENS), 0..40).prop_map(|v| v.join(" "))
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(200))]
            #[test]
            fn recognisers_on_token_soup(a in sentence(), b in sentence(), c in "\\PC{0,80}") {
                let text = format!("{a}\n{b}\r\n{c}");
                let d = doc("p", Some("2022-01-08"), &text);
                let claims = extract(&d, 0);
                for cl in &claims {
                    prop_assert_eq!(&text[cl.span.0..cl.span.1], cl.text.as_str());
                    prop_assert!(cl.line >= 1 && cl.column >= 1);
                }
                let d = doc("p", None, &text);
                let _ = extract(&d, 0);
            }

            /// The byte-level splitter and the sentence-level lower case give the words of the
            /// plain definition (see `reference_words`).
            #[test]
            fn words_match_their_definition(t in "([a-zA-Z0-9]{0,4}[ ,.;\"'()\\[\\]\t\n\u{b}\u{a0}\u{2009}\u{3000}“”’—İÉé]{0,3}){0,12}") {
                prop_assert!(check_words(&t).is_ok(), "{:?}", check_words(&t));
            }
        }
    }
}
