//! Quantity recogniser: numbers with their unit and approximation, as intervals.
//!
//! Input: a piece of text (usually one sentence). Output: [`QuantityMatch`]es in text order,
//! non-overlapping, each with its byte span and a [`Quantity`] (value as written, interval implied
//! by the qualifier, unit id, dimension, qualifier, and the interval in the dimension's canonical
//! unit). Digits with separators, scales ("2.5 million", "$2bn"), number words ("two and a half
//! million"), fractions, percentages, ranges ("10-15", "between 10 and 15"), vague amounts
//! ("dozens", "several hundred") and compound adjectives ("1,000-mile") are recognised; years,
//! dates, clock times, ordinals, phone-like strings and the pronoun "one" are not quantities.
//! Vocabularies are data: `rules/vocab/numbers.toml`, `rules/vocab/qualifiers.toml` and
//! `rules/vocab/units.toml` (see [`crate::claims::units`]). The scanner works on a token list in
//! one left-to-right pass with bounded look-ahead, so it is linear in the input size.
//! `counted`, `counted_class` and `role` are left `None` (filled by the counted-noun recogniser).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

use super::units::{norm_phrase, round_sig, units, HashMap, HashSet, Position, UnitDef};
use crate::claims::Quantity;

/// A quantity found in a piece of text; `span` is the byte range within the text passed to `find`.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityMatch {
    pub span: (usize, usize),
    pub quantity: crate::claims::Quantity,
}

/// Find every quantity in `text` (usually one sentence), in text order, non-overlapping.
///
/// A sentence without any token that can be (part of) a number ([`C_NUMERIC`]: digits, a
/// vulgar fraction, a number word, scale, denominator or vague amount of the vocabulary) has
/// no quantity and is not scanned.
pub fn find(text: &str) -> Vec<QuantityMatch> {
    let lx = lexicon();
    match numeric_tokens(text, lx) {
        Some(toks) => Scanner {
            t: &toks,
            lx,
            window: true,
        }
        .run(),
        None => Vec::new(),
    }
}

/// The gate of [`find`]: the classified tokens of `text`, or `None` when no token can be (part
/// of) a number. ASCII text is first checked byte by byte without building tokens.
fn numeric_tokens<'a>(text: &'a str, lx: &Lexicon) -> Option<Toks<'a>> {
    let (ascii, digit) = ascii_and_digit(text.as_bytes());
    // a digit is a numeric token of its own (words are letters only)
    if ascii && !digit {
        let c = &lx.classes;
        let numeric = if c.ascii_sym_numeric {
            c.ascii_has_numeric(text.as_bytes())
        } else {
            c.ascii_words_numeric(text.as_bytes())
        };
        if !numeric {
            return None;
        }
    }
    let mut toks = Toks::with_kind(text, ascii);
    toks.classify(&lx.classes).then_some(toks)
}

/// Whether `b` is all ASCII, and whether it has an ASCII digit: one pass over fixed-size
/// chunks without early exit, so that the compiler can do each chunk in a few wide steps.
fn ascii_and_digit(b: &[u8]) -> (bool, bool) {
    let (mut high, mut digit) = (false, false);
    let mut chunks = b.chunks_exact(32);
    for c in &mut chunks {
        let (mut h, mut d) = (0u8, false);
        for x in c {
            h |= x;
            d |= x.wrapping_sub(b'0') < 10;
        }
        high |= h >= 0x80;
        digit |= d;
    }
    for x in chunks.remainder() {
        high |= *x >= 0x80;
        digit |= x.is_ascii_digit();
    }
    (!high, digit)
}

// ------------------------------------------------------------------------------------------
// Vocabulary
// ------------------------------------------------------------------------------------------

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QualifiersFile {
    exact: RuleEntry,
    qualifier: Vec<QualEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    low_factor: Option<f64>,
    high_factor: Option<f64>,
    #[serde(default)]
    low_exclusive: bool,
    #[serde(default)]
    high_exclusive: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct QualEntry {
    meaning: String,
    phrases: Vec<String>,
    position: Option<String>,
    low_factor: Option<f64>,
    high_factor: Option<f64>,
    #[serde(default)]
    low_exclusive: bool,
    #[serde(default)]
    high_exclusive: bool,
}

/// The interval meaning of a qualifier (from `rules/vocab/qualifiers.toml`).
#[derive(Debug, Clone, PartialEq)]
pub struct QualifierRule {
    /// Short description ("at least").
    pub meaning: String,
    /// `low = written low * low_factor`; `None` = unbounded below.
    pub low_factor: Option<f64>,
    /// `high = written high * high_factor`; `None` = unbounded above.
    pub high_factor: Option<f64>,
    /// Whether the low bound itself is excluded ("more than").
    pub low_exclusive: bool,
    /// Whether the high bound itself is excluded ("less than").
    pub high_exclusive: bool,
    /// Written after the number ("or more").
    pub after: bool,
}

impl QualifierRule {
    fn apply(&self, lo: f64, hi: f64) -> (Option<f64>, Option<f64>) {
        (
            self.low_factor.map(|f| round_sig(lo * f)),
            self.high_factor.map(|f| round_sig(hi * f)),
        )
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersFile {
    dozen_words: Vec<String>,
    months: Vec<String>,
    time_words: Vec<String>,
    one_pronoun_before: Vec<String>,
    one_pronoun_after: Vec<String>,
    million_m_words: Vec<String>,
    cardinals: BTreeMap<String, f64>,
    scales: BTreeMap<String, f64>,
    suffix_scales: BTreeMap<String, f64>,
    denominators: BTreeMap<String, f64>,
    vulgar: BTreeMap<String, f64>,
    vague: Vec<VagueEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct VagueEntry {
    phrases: Vec<String>,
    low: f64,
    high: f64,
    scalable: bool,
    #[serde(default)]
    only_before_scale: bool,
}

#[derive(Debug)]
struct Lexicon {
    cardinals: HashMap<String, f64>,
    scales: HashMap<String, f64>,
    suffix_scales: HashMap<String, f64>,
    dozen: HashSet<String>,
    denominators: HashMap<String, f64>,
    vulgar: HashMap<String, f64>,
    vague: HashMap<String, usize>,
    vague_defs: Vec<VagueEntry>,
    time_words: HashSet<String>,
    one_before: HashSet<String>,
    one_after: HashSet<String>,
    million_m: HashSet<String>,
    qual_before: HashMap<String, usize>,
    qual_after: HashMap<String, usize>,
    rules: Vec<QualifierRule>,
    exact: QualifierRule,
    /// Longest word [`parse_count_word`] can accept: two cardinals and a hyphen.
    max_count_word_len: usize,
    /// First bytes (lower case) of the cardinals.
    count_word_first: [bool; 256],
    /// The class bits of every token string the scanner looks for.
    classes: Classes,
}

// Class bits of a lower-cased token (see [`Classes`]).
/// Can start a quantity: first token of a qualifier, vague amount or prefix unit, a cardinal,
/// "a", "an", "half", "between".
const C_STARTER: u32 = 1;
/// Can be (part of) a number: a cardinal, scale, denominator, dozen word, vulgar fraction,
/// "hundred(s)", "half", "dozen", or the longest word of each vague-amount phrase ("couple" of
/// "a couple of"). Digit tokens are numeric by kind.
const C_NUMERIC: u32 = 1 << 1;
const C_CARDINAL: u32 = 1 << 2;
const C_SCALE: u32 = 1 << 3;
const C_DOZEN: u32 = 1 << 4;
const C_DENOMINATOR: u32 = 1 << 5;
const C_VULGAR: u32 = 1 << 6;
const C_MONTH: u32 = 1 << 7;
// First tokens of the phrases of each phrase table.
const C_VAGUE_FIRST: u32 = 1 << 8;
const C_QUAL_BEFORE_FIRST: u32 = 1 << 9;
const C_QUAL_AFTER_FIRST: u32 = 1 << 10;
const C_TIME_FIRST: u32 = 1 << 11;
const C_UNIT_FIRST: u32 = 1 << 12;
const C_PREFIX_FIRST: u32 = 1 << 13;
/// Second token of a vague-amount, before-qualifier or prefix-unit phrase (see
/// [`Scanner::dead_start`]).
const C_SECOND: u32 = 1 << 14;

/// The class of a token: `C_*` bits, and for each phrase table (`C_VAGUE_FIRST` ..
/// `C_PREFIX_FIRST`, byte `k` for the `k`-th) bit `n - 1` set when a phrase of that table
/// starting with the token has `n` tokens (every bit for a phrase that is not ASCII).
#[derive(Debug, Clone, Copy, Default)]
struct Class {
    bits: u32,
    lens: u64,
}

/// Byte of [`Class::lens`] for the phrase table of first-token bit `first`.
fn table_shift(first: u32) -> u32 {
    first
        .trailing_zeros()
        .saturating_sub(C_VAGUE_FIRST.trailing_zeros())
        * 8
}

/// Every token string the scanner looks for (lower-cased, as [`Toks::lw`] gives it) with its
/// [`Class`], so that one look-up per token answers every "is it in table X" question.
#[derive(Debug)]
struct Classes {
    map: HashMap<String, Class>,
    /// Classes of the one-byte tokens.
    ascii: [Class; 128],
    /// Pre-filter: bit `min(len, 63)` of entry `(first byte & 31) * 32 + (last byte & 31)` is
    /// set when some key of that length starts and ends with such bytes.
    shapes: Box<[u64; 1024]>,
    /// The same for the keys with [`C_NUMERIC`].
    numeric_shapes: Box<[u64; 1024]>,
    /// The keys of two to [`SHORT_KEY`] bytes in an open-addressing table (linear probing):
    /// `(packed key, length, class)`, length 0 for an empty slot.
    short: Vec<(u64, u8, Class)>,
    /// `64 - log2(short.len())`: the hash is the top bits of a product.
    short_shift: u32,
    /// Bit [`Classes::trigram`] set for the first three [`word_code`]s of every ASCII key
    /// with [`C_NUMERIC`] that starts with a letter (a word can only be such a key if its
    /// own three codes are set).
    numeric_trigrams: Box<[u64; 512]>,
    /// Some one-byte ASCII symbol (neither letter nor digit) has [`C_NUMERIC`].
    ascii_sym_numeric: bool,
}

/// The code of byte `q` of the word that goes on up to `q - 1`: a letter (either case) 1..=26,
/// an inner apostrophe (followed by a letter) 27, 0 where the word has ended.
#[inline]
fn word_code(b: &[u8], q: usize) -> usize {
    match b.get(q) {
        Some(c) if c.is_ascii_alphabetic() => usize::from(c & 31),
        Some(b'\'') if b.get(q + 1).is_some_and(u8::is_ascii_alphabetic) => 27,
        _ => 0,
    }
}

/// Longest key of [`Classes::short`], in bytes: a key packed into a `u64`.
const SHORT_KEY: usize = 8;

/// The bytes of `b` (at most [`SHORT_KEY`]) as a little-endian `u64`, zero-padded.
#[inline]
fn pack(b: &[u8]) -> u64 {
    let mut a = [0u8; SHORT_KEY];
    let n = b.len().min(SHORT_KEY);
    a[..n].copy_from_slice(&b[..n]);
    u64::from_le_bytes(a)
}

/// [`pack`] of `buf[s..s + len]` (`len` at most [`SHORT_KEY`]), read as one eight-byte load
/// when `buf` has eight bytes from `s`.
#[inline]
fn pack_at(buf: &[u8], s: usize, len: usize) -> u64 {
    match buf.get(s..s + SHORT_KEY) {
        Some(c) => {
            let mut a = [0u8; SHORT_KEY];
            a.copy_from_slice(c);
            let keep = if len >= SHORT_KEY {
                u64::MAX
            } else {
                (1u64 << (8 * len)) - 1
            };
            u64::from_le_bytes(a) & keep
        }
        None => pack(buf.get(s..s + len).unwrap_or(&[])),
    }
}

impl Classes {
    fn new() -> Self {
        Classes {
            map: Default::default(),
            ascii: [Class::default(); 128],
            shapes: Box::new([0; 1024]),
            numeric_shapes: Box::new([0; 1024]),
            short: Vec::new(),
            short_shift: 64,
            numeric_trigrams: Box::new([0; 512]),
            ascii_sym_numeric: false,
        }
    }

    /// Index of the first three [`word_code`]s of the word starting with the letter at `p`.
    #[inline]
    fn trigram(b: &[u8], p: usize) -> usize {
        let c0 = b.get(p).map_or(0, |c| usize::from(c & 31));
        let c1 = word_code(b, p + 1);
        let c2 = if c1 == 0 { 0 } else { word_code(b, p + 2) };
        (c0 << 10) | (c1 << 5) | c2
    }

    /// Whether ASCII text has a word (as [`Toks::new`] delimits them) with [`C_NUMERIC`]:
    /// [`Classes::ascii_has_numeric`] for text without digits when no one-byte symbol is
    /// numeric. Word starts are found eight bytes at a time; only a word whose first three
    /// codes are those of a numeric key is read to its end and looked up.
    fn ascii_words_numeric(&self, b: &[u8]) -> bool {
        let n = b.len();
        let mut i = 0;
        // bit 7: the byte before `i` is a letter
        let mut prev_letter = 0u64;
        while i < n {
            let l = letter_bits(load8(b, i));
            let mut starts = l & !((l << 8) | prev_letter);
            prev_letter = (l >> 56) & 0x80;
            while starts != 0 {
                let p = i + (starts.trailing_zeros() / 8) as usize;
                starts &= starts - 1;
                // a letter after an inner apostrophe goes on a word ("o'clock")
                if p >= 2 && b[p - 1] == b'\'' && b[p - 2].is_ascii_alphabetic() {
                    continue;
                }
                let t = Self::trigram(b, p);
                if self.numeric_trigrams[t >> 6] & (1 << (t & 63)) == 0 {
                    continue;
                }
                let e = ascii_word_end(b, p);
                let w = &b[p..e];
                if let Some((at, bit)) = Self::shape(w) {
                    if self.numeric_shapes[at] & bit != 0 && self.numeric_word(w) {
                        return true;
                    }
                }
            }
            i += 8;
        }
        false
    }

    /// Slot of a packed short key in [`Classes::short`].
    #[inline]
    fn short_slot(&self, key: u64, len: usize) -> usize {
        let h = (key ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        h.checked_shr(self.short_shift).unwrap_or(0) as usize
    }

    /// The class of the short key `key` of `len` bytes (2..=[`SHORT_KEY`]).
    #[inline]
    fn short_class(&self, key: u64, len: usize) -> Class {
        let n = self.short.len();
        let mut at = self.short_slot(key, len);
        for _ in 0..n {
            match self.short.get(at) {
                Some(&(k, l, c)) if usize::from(l) == len && k == key => return c,
                Some(&(_, 0, _)) | None => return Class::default(),
                Some(_) => at = (at + 1) & (n - 1),
            }
        }
        Class::default()
    }

    fn add(&mut self, key: &str, bits: u32) {
        self.add_class(key, Class { bits, lens: 0 });
    }

    fn add_class(&mut self, key: &str, c: Class) {
        if let Some(old) = self.map.get_mut(key) {
            old.bits |= c.bits;
            old.lens |= c.lens;
        } else {
            self.map.insert(key.to_string(), c);
        }
    }

    /// The phrases of a phrase table with first-token bit `first`.
    fn add_phrases<'s>(&mut self, phrases: impl Iterator<Item = &'s str>, first: u32) {
        for p in phrases {
            let t = Toks::new(p);
            if t.len() == 0 {
                continue;
            }
            let lens: u64 = if !p.is_ascii() {
                0xff
            } else if t.len() <= 8 {
                1 << (t.len() - 1)
            } else {
                0 // longer than any phrase read
            };
            let c = Class {
                bits: first,
                lens: lens << table_shift(first),
            };
            self.add_class(t.lw(0), c);
        }
    }

    fn add_all<'s>(&mut self, keys: impl IntoIterator<Item = &'s String>, bits: u32) {
        for k in keys {
            self.add(k, bits);
        }
    }

    fn shape(b: &[u8]) -> Option<(usize, u64)> {
        let (first, last) = (b.first()?, b.last()?);
        let at = usize::from(first & 31) * 32 + usize::from(last & 31);
        Some((at, 1u64 << b.len().min(63)))
    }

    /// Fill the one-byte table, the short-key table and the pre-filter (after the last
    /// [`Classes::add`]).
    fn finish(&mut self) {
        let shorts: Vec<(u64, usize, Class)> = self
            .map
            .iter()
            .filter(|(k, _)| (2..=SHORT_KEY).contains(&k.len()))
            .map(|(k, c)| (pack(k.as_bytes()), k.len(), *c))
            .collect();
        // at most a quarter full: misses end at an empty slot after a probe or two
        let size = (4 * shorts.len()).max(16).next_power_of_two();
        self.short = vec![(0, 0, Class::default()); size];
        self.short_shift = 64 - size.trailing_zeros();
        for (key, len, c) in shorts {
            let mut at = self.short_slot(key, len);
            while self.short[at].1 != 0 {
                at = (at + 1) & (size - 1);
            }
            // a length fits a byte: at most SHORT_KEY
            self.short[at] = (key, len as u8, c);
        }
        for (k, c) in &self.map {
            if let [b] = k.as_bytes() {
                if let Some(a) = self.ascii.get_mut(usize::from(*b)) {
                    a.bits |= c.bits;
                    a.lens |= c.lens;
                }
            }
            if let Some((at, bit)) = Self::shape(k.as_bytes()) {
                self.shapes[at] |= bit;
                if c.bits & C_NUMERIC != 0 {
                    self.numeric_shapes[at] |= bit;
                }
            }
            let kb = k.as_bytes();
            if c.bits & C_NUMERIC != 0 && k.is_ascii() {
                match kb {
                    [first, ..] if first.is_ascii_alphabetic() => {
                        let t = Self::trigram(kb, 0);
                        self.numeric_trigrams[t >> 6] |= 1 << (t & 63);
                    }
                    [c] if !c.is_ascii_digit() => self.ascii_sym_numeric = true,
                    _ => {}
                }
            }
        }
    }

    /// Whether ASCII text has a token that [`Toks::classify`] would find numeric: a digit, or
    /// a word (or one-byte symbol) with [`C_NUMERIC`]. Words are delimited as in
    /// [`Toks::new`]; nothing is allocated.
    fn ascii_has_numeric(&self, b: &[u8]) -> bool {
        let mut i = 0;
        while let Some(&c) = b.get(i) {
            if c.is_ascii_alphabetic() {
                let s = i;
                i = ascii_word_end(b, i);
                let w = &b[s..i];
                if let Some((at, bit)) = Self::shape(w) {
                    // the pre-filter is case-blind: `& 31` maps both cases of a letter alike
                    if self.numeric_shapes[at] & bit != 0 && self.numeric_word(w) {
                        return true;
                    }
                }
            } else {
                if c.is_ascii_digit()
                    || self
                        .ascii
                        .get(usize::from(c))
                        .is_some_and(|x| x.bits & C_NUMERIC != 0)
                {
                    return true;
                }
                i += 1;
            }
        }
        false
    }

    /// Whether the ASCII word `w`, lower-cased, has [`C_NUMERIC`].
    fn numeric_word(&self, w: &[u8]) -> bool {
        let mut buf = [0u8; 32];
        let Some(low) = buf.get_mut(..w.len()) else {
            // longer than any key the pre-filter let through is impossible; look it up anyway
            let l = String::from_utf8_lossy(w).to_ascii_lowercase();
            return self.of(&l).bits & C_NUMERIC != 0;
        };
        low.copy_from_slice(w);
        low.make_ascii_lowercase();
        std::str::from_utf8(low).is_ok_and(|l| self.of(l).bits & C_NUMERIC != 0)
    }

    /// The class of a lower-cased token.
    #[inline]
    fn of(&self, w: &str) -> Class {
        self.of_at(w, 0, w.len())
    }

    /// [`Classes::of`] `buf[s..e]`.
    #[inline]
    fn of_at(&self, buf: &str, s: usize, e: usize) -> Class {
        let Some(b) = buf.as_bytes().get(s..e) else {
            return Class::default();
        };
        if let [c] = b {
            if let Some(c) = self.ascii.get(usize::from(*c)) {
                return *c;
            }
        }
        match Self::shape(b) {
            Some((at, bit)) if self.shapes[at] & bit != 0 => {
                if (2..=SHORT_KEY).contains(&b.len()) {
                    self.short_class(pack_at(buf.as_bytes(), s, b.len()), b.len())
                } else {
                    buf.get(s..e)
                        .and_then(|w| self.map.get(w))
                        .copied()
                        .unwrap_or_default()
                }
            }
            _ => Class::default(),
        }
    }
}

/// The token of a (lower-cased) vague-amount phrase that every match of it contains: its
/// longest all-letter token ("couple" in "a couple of"); every token if none is all letters.
fn vague_keys(phrase: &str) -> Vec<String> {
    let t = Toks::new(phrase);
    let words: Vec<&str> = (0..t.len()).map(|i| t.lw(i)).collect();
    let letters = words
        .iter()
        .filter(|w| !w.is_empty() && w.chars().all(char::is_alphabetic))
        .fold(None::<&str>, |best, w| match best {
            Some(b) if b.len() >= w.len() => Some(b),
            _ => Some(*w),
        });
    match letters {
        Some(w) => vec![w.to_string()],
        None => words.into_iter().map(str::to_string).collect(),
    }
}

fn set(v: &[String]) -> HashSet<String> {
    v.iter().map(|s| s.to_lowercase()).collect()
}

fn first_token_lower(phrase: &str) -> Option<String> {
    let t = Toks::new(phrase);
    t.t.first().map(|_| t.lw(0).to_string())
}

impl Lexicon {
    fn load(numbers: &str, qualifiers: &str) -> Result<Self, toml::de::Error> {
        let n: NumbersFile = toml::from_str(numbers)?;
        let q: QualifiersFile = toml::from_str(qualifiers)?;
        let mut starters: HashSet<String> = HashSet::default();
        let mut rules = Vec::new();
        let mut qual_before = HashMap::default();
        let mut qual_after = HashMap::default();
        for e in q.qualifier {
            let after = e.position.as_deref() == Some("after");
            let idx = rules.len();
            for p in &e.phrases {
                let key = norm_phrase(&p.to_lowercase());
                if after {
                    qual_after.insert(key, idx);
                } else {
                    if let Some(f) = first_token_lower(&key) {
                        starters.insert(f);
                    }
                    qual_before.insert(key, idx);
                }
            }
            rules.push(QualifierRule {
                meaning: e.meaning,
                low_factor: e.low_factor,
                high_factor: e.high_factor,
                low_exclusive: e.low_exclusive,
                high_exclusive: e.high_exclusive,
                after,
            });
        }
        let exact = QualifierRule {
            meaning: "exact".into(),
            low_factor: q.exact.low_factor,
            high_factor: q.exact.high_factor,
            low_exclusive: q.exact.low_exclusive,
            high_exclusive: q.exact.high_exclusive,
            after: false,
        };
        let mut vague = HashMap::default();
        for (i, v) in n.vague.iter().enumerate() {
            for p in &v.phrases {
                let key = norm_phrase(&p.to_lowercase());
                if let Some(f) = first_token_lower(&key) {
                    starters.insert(f);
                }
                vague.insert(key, i);
            }
        }
        let lower_map = |m: BTreeMap<String, f64>| -> HashMap<String, f64> {
            m.into_iter().map(|(k, v)| (k.to_lowercase(), v)).collect()
        };
        let cardinals = lower_map(n.cardinals);
        let scales = lower_map(n.scales);
        for k in cardinals.keys() {
            starters.insert(k.clone());
        }
        for k in ["a", "an", "half", "between"] {
            starters.insert(k.to_string());
        }
        for u in units().all_prefixes() {
            if let Some(f) = first_token_lower(u) {
                starters.insert(f);
            }
        }
        let time_words = set(&n.time_words);
        let max_count_word_len = 2 * cardinals.keys().map(String::len).max().unwrap_or(0) + 1;
        let mut count_word_first = [false; 256];
        for k in cardinals.keys() {
            if let Some(b) = k.as_bytes().first() {
                count_word_first[usize::from(*b)] = true;
            }
        }
        let mut classes = Classes::new();
        classes.add_all(&starters, C_STARTER);
        classes.add_all(cardinals.keys(), C_CARDINAL | C_NUMERIC);
        classes.add_all(scales.keys(), C_SCALE | C_NUMERIC);
        let dozen = set(&n.dozen_words);
        classes.add_all(&dozen, C_DOZEN | C_NUMERIC);
        let denominators = lower_map(n.denominators);
        classes.add_all(denominators.keys(), C_DENOMINATOR | C_NUMERIC);
        let vulgar: HashMap<String, f64> = n.vulgar.into_iter().collect();
        classes.add_all(vulgar.keys(), C_VULGAR | C_NUMERIC);
        // the number words the scanner itself tests
        for w in ["hundred", "hundreds", "half", "dozen"] {
            classes.add(w, C_NUMERIC);
        }
        for k in vague.keys() {
            for w in vague_keys(k) {
                classes.add(&w, C_NUMERIC);
            }
        }
        let months = set(&n.months);
        classes.add_all(&months, C_MONTH);
        classes.add_phrases(vague.keys().map(String::as_str), C_VAGUE_FIRST);
        classes.add_phrases(qual_before.keys().map(String::as_str), C_QUAL_BEFORE_FIRST);
        classes.add_phrases(qual_after.keys().map(String::as_str), C_QUAL_AFTER_FIRST);
        classes.add_phrases(time_words.iter().map(String::as_str), C_TIME_FIRST);
        classes.add_phrases(units().all_after_phrases(), C_UNIT_FIRST);
        classes.add_phrases(units().all_prefixes(), C_PREFIX_FIRST);
        let seconds = vague
            .keys()
            .chain(qual_before.keys())
            .map(String::as_str)
            .chain(units().all_prefixes());
        for p in seconds {
            let t = Toks::new(p);
            if t.len() >= 2 {
                classes.add(t.lw(1), C_SECOND);
            }
        }
        classes.finish();
        Ok(Lexicon {
            max_count_word_len,
            count_word_first,
            cardinals,
            scales,
            suffix_scales: n.suffix_scales.into_iter().collect(),
            dozen,
            denominators,
            vulgar,
            vague,
            vague_defs: n.vague,
            time_words,
            one_before: set(&n.one_pronoun_before),
            one_after: set(&n.one_pronoun_after),
            million_m: set(&n.million_m_words),
            qual_before,
            qual_after,
            rules,
            exact,
            classes,
        })
    }
}

fn lexicon() -> &'static Lexicon {
    static L: OnceLock<Lexicon> = OnceLock::new();
    L.get_or_init(|| {
        match Lexicon::load(
            crate::vocab::require("vocab/numbers.toml"),
            crate::vocab::require("vocab/qualifiers.toml"),
        ) {
            Ok(l) => l,
            // Embedded data, checked by the tests below.
            Err(e) => panic!("rules/vocab number/qualifier vocabulary is invalid: {e}"),
        }
    })
}

/// The interval rule of a qualifier phrase as written ("More than" -> strictly more than), or
/// the rule for an unqualified number when `phrase` is `None`.
pub fn qualifier_rule(phrase: Option<&str>) -> Option<&'static QualifierRule> {
    let lx = lexicon();
    match phrase {
        None => Some(&lx.exact),
        Some(p) => {
            let key = norm_phrase(&p.to_lowercase());
            lx.qual_before
                .get(&key)
                .or_else(|| lx.qual_after.get(&key))
                .and_then(|i| lx.rules.get(*i))
        }
    }
}

/// A count written as one word: digits with optional thousands commas ("30", "1,000"; the
/// `u32` syntax once the commas are removed), a number word of `rules/vocab/numbers.toml`
/// below one hundred ("eight", "Twelve"), or tens and units joined by a hyphen
/// ("thirty-one"). Any case; no scale words ("two million" is two words).
pub fn parse_count_word(s: &str) -> Option<u32> {
    if let Some(n) = parse_u32_commas(s) {
        return Some(n);
    }
    let lx = lexicon();
    // An ASCII word longer than any count word, or not starting like one, is none; a short one
    // is lower-cased on the stack.
    let mut buf = [0u8; 64];
    let l: std::borrow::Cow<'_, str> = if s.is_ascii() {
        let first = s.as_bytes().first()?.to_ascii_lowercase();
        if s.len() > lx.max_count_word_len || !lx.count_word_first[usize::from(first)] {
            return None;
        }
        match buf.get_mut(..s.len()) {
            Some(b) => {
                b.copy_from_slice(s.as_bytes());
                b.make_ascii_lowercase();
                std::borrow::Cow::Borrowed(std::str::from_utf8(b).ok()?)
            }
            None => super::lowercase(s),
        }
    } else {
        super::lowercase(s)
    };
    let value = |w: &str| {
        lx.cardinals
            .get(w)
            .filter(|v| v.fract() == 0.0 && (0.0..100.0).contains(*v))
            .map(|v| *v as u32)
    };
    if let Some(n) = value(&l) {
        return Some(n);
    }
    let (t, u) = l.split_once('-')?;
    let t = value(t).filter(|t| *t >= 20 && t % 10 == 0)?;
    let u = value(u).filter(|u| (1..10).contains(u))?;
    Some(t + u)
}

/// `norm_phrase(&s.to_lowercase())`, in one pass for ASCII text.
fn lower_norm(s: &str) -> String {
    if !s.is_ascii() {
        return norm_phrase(&s.to_lowercase());
    }
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for &c in s.as_bytes() {
        // the ASCII chars of `char::is_whitespace`
        if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            gap = true;
            continue;
        }
        if gap && !out.is_empty() {
            out.push(' ');
        }
        gap = false;
        out.push(char::from(c.to_ascii_lowercase()));
    }
    out
}

/// `s` without its commas, parsed as a `u32` (an optional leading "+", then ASCII digits),
/// without building the comma-less string.
fn parse_u32_commas(s: &str) -> Option<u32> {
    let mut bytes = s.bytes().filter(|b| *b != b',').peekable();
    if bytes.peek() == Some(&b'+') {
        bytes.next();
    }
    let mut n: u32 = 0;
    let mut any = false;
    for b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
        any = true;
    }
    any.then_some(n)
}

// ------------------------------------------------------------------------------------------
// Tokens
// ------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum K {
    Num,
    Word,
    Sym,
}

/// How a token is separated from the token before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Glued to the previous token (or the first token of the text).
    Adj,
    /// Exactly one ASCII space.
    Space,
    /// Other whitespace of at most 8 bytes without a line feed.
    Near,
    /// A line feed or more than 8 bytes of whitespace.
    Far,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    k: K,
    gap: Gap,
    s: usize,
    e: usize,
    ls: usize,
    le: usize,
    /// Class bits (`C_*`), set by [`Toks::classify`].
    c: u32,
    /// Phrase lengths by table ([`Class::lens`]), set by [`Toks::classify`].
    lens: u64,
}

#[derive(Debug)]
struct Toks<'a> {
    text: &'a str,
    t: Vec<Tok>,
    /// The text with every word lower-cased (inner apostrophes as `'`) and everything else as
    /// written, whitespace included: the lower-cased phrase of tokens separated by nothing or
    /// one space is one slice of it.
    lower: String,
    /// Buffers for [`Toks::phrase`] (as written, lower-cased), reused from one call to the
    /// next; a nested call (from inside the callback) takes fresh ones.
    bufs: std::cell::RefCell<(String, String)>,
}

/// End of the ASCII word starting with the letter at `s`: letters, and an inner apostrophe
/// followed by a letter ("o'clock", "baker's").
fn ascii_word_end(b: &[u8], s: usize) -> usize {
    let n = b.len();
    let mut i = s + 1;
    loop {
        i = letters_end(b, i);
        if i + 1 < n && b[i] == b'\'' && b[i + 1].is_ascii_alphabetic() {
            i += 2;
            continue;
        }
        return i;
    }
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Bit 7 of each byte of `v` set where that byte is an ASCII letter (no carry crosses a
/// byte: every sum below is of two values under 0x80).
#[inline]
fn letter_bits(v: u64) -> u64 {
    let y = (v | 0x2020_2020_2020_2020) & 0x7f7f_7f7f_7f7f_7f7f;
    let from_a = y + 0x1f1f_1f1f_1f1f_1f1f; // bit 7 set from b'a' (0x61) on
    let past_z = y + 0x0505_0505_0505_0505; // bit 7 set from b'{' (0x7b) on
    from_a & !past_z & !v & HIGH_BITS
}

/// Bytes `i..i + 8` of `b` as a little-endian word, zero bytes past the end.
#[inline]
fn load8(b: &[u8], i: usize) -> u64 {
    let mut chunk = [0u8; 8];
    match b.get(i..i + 8) {
        Some(c) => chunk.copy_from_slice(c),
        None => {
            let rest = b.get(i..).unwrap_or(&[]);
            chunk[..rest.len()].copy_from_slice(rest);
        }
    }
    u64::from_le_bytes(chunk)
}

/// The first index at or after `i` whose byte is not an ASCII letter (or `b.len()`), eight
/// bytes at a time.
#[inline]
fn letters_end(b: &[u8], mut i: usize) -> usize {
    loop {
        // the zero padding is not a letter: the answer is at most `b.len()`
        let stop = !letter_bits(load8(b, i)) & HIGH_BITS;
        if stop != 0 {
            return (i + (stop.trailing_zeros() / 8) as usize).min(b.len());
        }
        i += 8;
    }
}

fn push_lower(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// The [`Gap`] of whitespace `g` between two tokens.
#[inline]
fn gap_of(g: &str) -> Gap {
    match g.as_bytes() {
        [] => Gap::Adj,
        [b' '] => Gap::Space,
        b if b.len() <= 8 && !b.contains(&b'\n') => Gap::Near,
        _ => Gap::Far,
    }
}

thread_local! {
    /// The token and lower-case buffers of the last dropped [`Toks`], for the next one.
    static SCRATCH: std::cell::Cell<(Vec<Tok>, String)> = const {
        std::cell::Cell::new((Vec::new(), String::new()))
    };
}

impl Drop for Toks<'_> {
    fn drop(&mut self) {
        let bufs = (std::mem::take(&mut self.t), std::mem::take(&mut self.lower));
        // during thread exit there is nothing to hand them to
        let _ = SCRATCH.try_with(|s| s.set(bufs));
    }
}

impl<'a> Toks<'a> {
    fn new(text: &'a str) -> Self {
        Self::with_kind(text, text.is_ascii())
    }

    /// [`Toks::new`] when whether `text` is ASCII is known; the buffers are those of the
    /// last dropped `Toks` of this thread.
    fn with_kind(text: &'a str, ascii: bool) -> Self {
        let (mut t, mut lower) = SCRATCH.try_with(|s| s.take()).unwrap_or_default();
        t.clear();
        t.reserve(text.len() / 4 + 1);
        lower.clear();
        let mut toks = Toks {
            text,
            t,
            lower,
            bufs: Default::default(),
        };
        if ascii {
            toks.scan_ascii();
        } else {
            toks.scan_chars();
        }
        toks
    }

    #[inline]
    fn push(&mut self, k: K, s: usize, e: usize, ls: usize, le: usize) {
        let gap = match self.t.last() {
            Some(p) => gap_of(self.text.get(p.e..s).unwrap_or("")),
            None => Gap::Adj,
        };
        self.push_gap(k, gap, s, e, ls, le);
    }

    #[inline]
    fn push_gap(&mut self, k: K, gap: Gap, s: usize, e: usize, ls: usize, le: usize) {
        self.t.push(Tok {
            k,
            gap,
            s,
            e,
            ls,
            le,
            c: 0,
            lens: 0,
        });
    }

    /// Set the class bits of every token; whether any token is numeric ([`C_NUMERIC`], digits
    /// included).
    fn classify(&mut self, cl: &Classes) -> bool {
        let lower = self.lower.as_str();
        let mut any = 0;
        for t in &mut self.t {
            let c = cl.of_at(lower, t.ls, t.le);
            t.c = c.bits;
            t.lens = c.lens;
            if t.k == K::Num {
                t.c |= C_NUMERIC;
            }
            any |= t.c;
        }
        any & C_NUMERIC != 0
    }

    /// Token `i` has one of the class bits `bits`.
    fn has(&self, i: usize, bits: u32) -> bool {
        self.t.get(i).is_some_and(|t| t.c & bits != 0)
    }

    /// The value of token `i` (lower-cased) in `map`, a table whose every key has class bit
    /// `bit`: a token without the bit is not looked up.
    #[inline]
    fn value<V: Copy>(&self, i: usize, bit: u32, map: &HashMap<String, V>) -> Option<V> {
        if self.has(i, bit) {
            map.get(self.lw(i)).copied()
        } else {
            None
        }
    }

    /// ASCII text: the lower-cased text is the text with ASCII letters lower-cased, so token
    /// offsets are the same in both.
    fn scan_ascii(&mut self) {
        let text = self.text;
        self.lower.push_str(text);
        self.lower.make_ascii_lowercase();
        let b = text.as_bytes();
        let n = b.len();
        let mut i = 0;
        // the whitespace since the last token (every other byte is part of a token): its
        // length, whether it has a line feed, whether it is one space
        let mut ws = 0usize;
        let mut line_feed = false;
        let mut space = false;
        while let Some(&c) = b.get(i) {
            if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
                ws += 1;
                line_feed |= c == b'\n';
                space = c == b' ';
                i += 1;
                continue;
            }
            // as `gap_of` of the whitespace
            let gap = if self.t.is_empty() || ws == 0 {
                Gap::Adj
            } else if ws == 1 && space {
                Gap::Space
            } else if ws <= 8 && !line_feed {
                Gap::Near
            } else {
                Gap::Far
            };
            ws = 0;
            line_feed = false;
            if c.is_ascii_digit() {
                let s = i;
                i += 1;
                while i < n && b[i].is_ascii_digit() {
                    i += 1;
                }
                self.push_gap(K::Num, gap, s, i, s, i);
            } else if c.is_ascii_alphabetic() {
                let s = i;
                i = ascii_word_end(b, i);
                self.push_gap(K::Word, gap, s, i, s, i);
            } else {
                self.push_gap(K::Sym, gap, i, i + 1, i, i + 1);
                i += 1;
            }
        }
    }

    /// Any text: ASCII bytes as in [`Toks::scan_ascii`], other chars decoded one by one
    /// (Unicode white space, letters lower-cased with [`char::to_lowercase`], "’" inside a
    /// word written "'" in the lower-cased text, anything else a symbol of its own).
    fn scan_chars(&mut self) {
        let text = self.text;
        let b = text.as_bytes();
        let n = b.len();
        let mut lower = std::mem::take(&mut self.lower);
        lower.clear();
        lower.reserve(n + n / 8);
        let char_at = |i: usize| text.get(i..).and_then(|r| r.chars().next());
        let mut i = 0;
        while let Some(&c0) = b.get(i) {
            let ls = lower.len();
            if c0 < 0x80 {
                if matches!(c0, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
                    lower.push(char::from(c0));
                    i += 1;
                } else if c0.is_ascii_digit() {
                    let s = i;
                    i += 1;
                    while b.get(i).is_some_and(u8::is_ascii_digit) {
                        i += 1;
                    }
                    lower.push_str(&text[s..i]);
                    self.push(K::Num, s, i, ls, lower.len());
                } else if c0.is_ascii_alphabetic() {
                    let s = i;
                    i = Self::word_chars(text, i, &mut lower);
                    self.push(K::Word, s, i, ls, lower.len());
                } else {
                    lower.push(char::from(c0));
                    self.push(K::Sym, i, i + 1, ls, ls + 1);
                    i += 1;
                }
                continue;
            }
            let Some(c) = char_at(i) else {
                break; // not a char boundary: impossible in a `str`
            };
            if c.is_whitespace() {
                lower.push(c);
                i += c.len_utf8();
            } else if c.is_alphabetic() {
                let s = i;
                i = Self::word_chars(text, i, &mut lower);
                self.push(K::Word, s, i, ls, lower.len());
            } else {
                let e = i + c.len_utf8();
                lower.push(c);
                self.push(K::Sym, i, e, ls, lower.len());
                i = e;
            }
        }
        self.lower = lower;
    }

    /// The word starting with the letter at `s` (letters, and an inner "'" or "’" followed
    /// by a letter), appended lower-cased to `lower`; returns its end.
    fn word_chars(text: &str, s: usize, lower: &mut String) -> usize {
        let b = text.as_bytes();
        let char_at = |i: usize| text.get(i..).and_then(|r| r.chars().next());
        let letter_at = |i: usize| char_at(i).is_some_and(char::is_alphabetic);
        let mut i = s;
        loop {
            match b.get(i) {
                Some(c) if c.is_ascii_alphabetic() => {
                    lower.push(char::from(c.to_ascii_lowercase()));
                    i += 1;
                }
                Some(b'\'') if i > s && letter_at(i + 1) => {
                    lower.push('\'');
                    i += 1;
                }
                Some(c) if *c >= 0x80 => match char_at(i) {
                    Some(d) if d.is_alphabetic() => {
                        push_lower(lower, d);
                        i += d.len_utf8();
                    }
                    Some(d @ '\u{2019}') if i > s && letter_at(i + d.len_utf8()) => {
                        lower.push('\'');
                        i += d.len_utf8();
                    }
                    _ => return i,
                },
                _ => return i,
            }
        }
    }

    /// The char-by-char tokeniser [`Toks::scan_chars`] replaced (the reference of its test).
    #[cfg(test)]
    fn scan_chars_reference(&mut self) {
        let text = self.text;
        let mut lower = std::mem::take(&mut self.lower);
        lower.clear();
        lower.reserve(text.len() + text.len() / 8);
        let mut it = text.char_indices().peekable();
        while let Some((s, c)) = it.next() {
            if c.is_whitespace() {
                lower.push(c);
                continue;
            }
            let ls = lower.len();
            if c.is_ascii_digit() {
                let mut e = s + 1;
                while let Some(&(i, d)) = it.peek() {
                    if d.is_ascii_digit() {
                        e = i + 1;
                        it.next();
                    } else {
                        break;
                    }
                }
                lower.push_str(&text[s..e]);
                self.push(K::Num, s, e, ls, lower.len());
            } else if c.is_alphabetic() {
                let mut e = s + c.len_utf8();
                push_lower(&mut lower, c);
                while let Some(&(i, d)) = it.peek() {
                    if d.is_alphabetic() {
                        e = i + d.len_utf8();
                        push_lower(&mut lower, d);
                        it.next();
                        continue;
                    }
                    // inner apostrophe: "o'clock", "baker's"
                    if d == '\'' || d == '\u{2019}' {
                        let next_alpha = text[i + d.len_utf8()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphabetic);
                        if next_alpha {
                            e = i + d.len_utf8();
                            lower.push('\'');
                            it.next();
                            continue;
                        }
                    }
                    break;
                }
                self.push(K::Word, s, e, ls, lower.len());
            } else {
                let e = s + c.len_utf8();
                lower.push(c);
                self.push(K::Sym, s, e, ls, lower.len());
            }
        }
        self.lower = lower;
    }

    fn len(&self) -> usize {
        self.t.len()
    }
    fn kind(&self, i: usize) -> Option<K> {
        self.t.get(i).map(|t| t.k)
    }
    fn lw(&self, i: usize) -> &str {
        self.t
            .get(i)
            .and_then(|t| self.lower.get(t.ls..t.le))
            .unwrap_or("")
    }
    fn raw(&self, i: usize) -> &str {
        self.t
            .get(i)
            .and_then(|t| self.text.get(t.s..t.e))
            .unwrap_or("")
    }
    fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(K::Word)
    }
    fn is_num(&self, i: usize) -> bool {
        self.kind(i) == Some(K::Num)
    }
    /// Token `i` is a symbol among `chars`.
    #[inline(always)]
    fn is_sym(&self, i: usize, chars: &str) -> bool {
        let Some(t) = self.t.get(i) else {
            return false;
        };
        if t.k != K::Sym {
            return false;
        }
        if t.e == t.s + 1 {
            // a one-byte token is an ASCII char, and an ASCII byte of `chars` is one of its
            // chars (UTF-8 continuation bytes are not ASCII)
            return self
                .text
                .as_bytes()
                .get(t.s)
                .is_some_and(|b| chars.as_bytes().contains(b));
        }
        chars.contains(self.text.get(t.s..t.e).unwrap_or(""))
    }
    /// Token `i` directly follows token `i - 1` (no space).
    fn adj(&self, i: usize) -> bool {
        i > 0 && self.t.get(i).is_some_and(|t| t.gap == Gap::Adj)
    }
    /// Token `i` follows token `i - 1` on the same line (glued or separated by spaces).
    fn near(&self, i: usize) -> bool {
        i > 0 && self.t.get(i).is_some_and(|t| t.gap != Gap::Far)
    }
    /// The gap between token `i - 1` and `i` is exactly one space-like character.
    fn single_space(&self, i: usize) -> bool {
        if i == 0 || i >= self.t.len() {
            return false;
        }
        let gap = &self.text[self.t[i - 1].e..self.t[i].s];
        let mut cs = gap.chars();
        matches!(
            (cs.next(), cs.next()),
            (
                Some(' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\u{2007}'),
                None
            )
        )
    }
    fn start(&self, i: usize) -> usize {
        self.t.get(i).map_or(self.text.len(), |t| t.s)
    }
    fn end(&self, i: usize) -> usize {
        self.t.get(i).map_or(self.text.len(), |t| t.e)
    }

    /// Longest phrase of 1..=max tokens starting at `i` (tokens on one line) accepted by `f`,
    /// which gets the phrase as written and lower-cased (whitespace collapsed to one space);
    /// returns the value and the index after the phrase. Nothing is built unless the first
    /// token has a class bit of `first`. A phrase may not end inside a run of glued letters and digits ("m"
    /// in "m212").
    fn phrase<V>(
        &self,
        i: usize,
        max: usize,
        first: u32,
        mut f: impl FnMut(&str, &str) -> Option<V>,
    ) -> Option<(V, usize)> {
        // the token counts of the phrases of that table starting with token `i`
        let lens = self
            .t
            .get(i)
            .map_or(0, |t| (t.lens >> table_shift(first)) & 0xff);
        if lens == 0 {
            return None;
        }
        const CAP: usize = 8;
        let max = max.min(CAP);
        // the tokens on one line from `i`, at most `max`; `simple` while they are glued or
        // separated by one space, so that each phrase is a slice of the text and of `lower`
        let mut n = 1;
        let mut simple = true;
        while n < max && self.near(i + n) {
            simple &= self.t[i + n].gap != Gap::Near;
            n += 1;
        }
        let boundary_ok = |j: usize| {
            !(self.adj(j)
                && matches!(
                    (self.kind(j - 1), self.kind(j)),
                    (Some(K::Word), Some(K::Num)) | (Some(K::Num), Some(K::Word))
                ))
        };
        if simple {
            let first = self.t[i];
            while n > 0 {
                let j = i + n;
                if (lens >> (n - 1)) & 1 != 0 && boundary_ok(j) {
                    let last = self.t[j - 1];
                    if let (Some(raw), Some(low)) = (
                        self.text.get(first.s..last.e),
                        self.lower.get(first.ls..last.le),
                    ) {
                        if let Some(v) = f(raw, low) {
                            return Some((v, j));
                        }
                    }
                }
                n -= 1;
            }
            return None;
        }
        let mut guard = self.bufs.try_borrow_mut().ok();
        let mut fresh = (String::new(), String::new());
        let (raw, low) = match guard.as_deref_mut() {
            Some(b) => b,
            None => &mut fresh,
        };
        raw.clear();
        low.clear();
        let mut ends = [(0usize, 0usize); CAP];
        for (m, end) in ends.iter_mut().enumerate().take(n) {
            let k = i + m;
            if m > 0 && !self.adj(k) {
                raw.push(' ');
                low.push(' ');
            }
            raw.push_str(self.raw(k));
            low.push_str(self.lw(k));
            *end = (raw.len(), low.len());
        }
        while n > 0 {
            let j = i + n;
            if (lens >> (n - 1)) & 1 != 0 && boundary_ok(j) {
                let (re, le) = ends[n - 1];
                if let Some(v) = f(&raw[..re], &low[..le]) {
                    return Some((v, j));
                }
            }
            n -= 1;
        }
        None
    }
}

// ------------------------------------------------------------------------------------------
// Scanner
// ------------------------------------------------------------------------------------------

/// A parsed number (or vague amount) before units and qualifiers.
#[derive(Debug, Clone)]
struct Num {
    lo: f64,
    hi: f64,
    /// Index after the last token.
    end: usize,
    /// Multiplied by a scale word or suffix (million, bn, k).
    scale: Option<f64>,
    /// Written in digits, integer, no separators: number of digits.
    plain_int_digits: Option<usize>,
    /// Digits written with a glued lower-case "m" (metre or million, decided later).
    glued_m: bool,
    /// The single word "one".
    bare_one: bool,
    /// Fraction without unit ("half", "a third", "3/4").
    fraction: bool,
    /// Written in digits.
    digits: bool,
}

impl Num {
    fn point(v: f64, end: usize) -> Self {
        Num {
            lo: v,
            hi: v,
            end,
            scale: None,
            plain_int_digits: None,
            glued_m: false,
            bare_one: false,
            fraction: false,
            digits: false,
        }
    }
    fn scaled(mut self, s: f64) -> Self {
        self.lo *= s;
        self.hi *= s;
        self.scale = Some(self.scale.unwrap_or(1.0) * s);
        self.plain_int_digits = None;
        self
    }
}

/// Powers of ten that are exact `f64`s, `POW10[k]` = 10^k.
const POW10: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The value of the number written as the concatenation of `int_part`, then "." and `frac`
/// if any: exactly what `str::parse::<f64>` gives for that text (`None` where it fails).
/// Up to 15 digits in all (a mantissa below 2^53 and an exact power of ten), one division
/// is the correctly rounded value, as `parse` is; other texts are parsed.
fn decimal_value(int_part: &[&str], frac: Option<&str>) -> Option<f64> {
    let mut mant: u64 = 0;
    let mut digits = 0;
    let mut fast = true;
    for p in int_part.iter().chain(frac.as_slice()) {
        digits += p.len();
        if digits > 15 || !p.bytes().all(|b| b.is_ascii_digit()) {
            fast = false;
            break;
        }
        for b in p.bytes() {
            mant = mant * 10 + u64::from(b - b'0');
        }
    }
    // "", "5." and ".5" are left to `parse`
    let empty = |p: &str| p.is_empty();
    if fast && !int_part.iter().all(|p| empty(p)) && !frac.is_some_and(empty) {
        let scale = POW10.get(frac.map_or(0, str::len))?;
        return Some(mant as f64 / scale);
    }
    let mut s = String::with_capacity(digits + 2);
    for p in int_part {
        s.push_str(p);
    }
    if let Some(f) = frac {
        s.push('.');
        s.push_str(f);
    }
    s.parse().ok()
}

enum Step {
    /// A quantity was pushed to the output; scanning goes on at the index.
    Found(usize),
    Skip(usize),
    NoMatch,
}

struct Scanner<'a, 'b> {
    t: &'b Toks<'a>,
    lx: &'static Lexicon,
    /// Skip starts without a numeric token within [`NUMBER_WINDOW`] (off only in tests).
    window: bool,
}

const MAX_PHRASE: usize = 6;
/// Longest prefix unit phrase, in tokens ("U.S.$").
const MAX_PREFIX: usize = 4;
/// A quantity found at token `i` has a [`C_NUMERIC`] token among `i..=i + NUMBER_WINDOW`:
/// a qualifier phrase (at most [`MAX_PHRASE`] tokens) and a prefix unit (at most
/// [`MAX_PREFIX`]) come before the number, and a number has a numeric token among its first
/// four tokens (digits, "." then digits, "a-third", "a handful of", "a dozen").
const NUMBER_WINDOW: usize = MAX_PHRASE + MAX_PREFIX + 3;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Last {
    Start,
    A,
    Unit,
    Teen,
    Tens,
    Hundred,
    Scale,
}

impl<'a, 'b> Scanner<'a, 'b> {
    fn run(&self) -> Vec<QuantityMatch> {
        let mut out = Vec::new();
        let n = self.t.len();
        let mut i = 0;
        // the first numeric token at or after `i` (or `n`)
        let next_numeric = |from: usize| (from..n).find(|k| self.t.has(*k, C_NUMERIC)).unwrap_or(n);
        let mut numeric = next_numeric(0);
        while i < n {
            if !self.can_start(i) {
                i += 1;
                continue;
            }
            if numeric < i {
                numeric = next_numeric(i);
            }
            if (self.window && numeric > i + NUMBER_WINDOW) || self.dead_start(i) {
                // no number close enough, or a start that cannot begin one here: `try_at`
                // would find nothing
                i += 1;
                continue;
            }
            match self.try_at(i, &mut out) {
                Step::Found(end) => i = end.max(i + 1),
                Step::Skip(end) => i = end.max(i + 1),
                Step::NoMatch => i += 1,
            }
        }
        out
    }

    /// A start token where [`Scanner::try_at`] finds nothing, judged from class bits: no
    /// one-token vague-amount, before-qualifier or prefix-unit phrase starts with it; it is
    /// "a"/"an", a word that is not [`C_NUMERIC`] ([`Scanner::words`] reads nothing from it
    /// but a vague amount), or a symbol that is not a vulgar fraction (a "." or minus sign
    /// needs digits right after it); and the next token on the line (if any) is neither
    /// numeric nor the second token of such a phrase ([`C_SECOND`]).
    fn dead_start(&self, i: usize) -> bool {
        let Some(tok) = self.t.t.get(i) else {
            return false;
        };
        let one_token = [C_VAGUE_FIRST, C_QUAL_BEFORE_FIRST, C_PREFIX_FIRST]
            .iter()
            .any(|f| (tok.lens >> table_shift(*f)) & 1 != 0);
        if one_token {
            return false;
        }
        let own = match tok.k {
            K::Word => tok.c & C_NUMERIC == 0 || matches!(self.t.lw(i), "a" | "an"),
            K::Sym => tok.c & C_VULGAR == 0,
            K::Num => false,
        };
        own && !(self.t.near(i + 1) && self.t.has(i + 1, C_NUMERIC | C_SECOND))
    }

    fn can_start(&self, i: usize) -> bool {
        match self.t.kind(i) {
            Some(K::Num) => true,
            Some(K::Word) => self.t.has(i, C_STARTER),
            Some(K::Sym) => {
                let r = self.t.raw(i);
                r == "." || r == "-" || r == "−" || self.t.has(i, C_VULGAR | C_STARTER)
            }
            None => false,
        }
    }

    fn qual_before(&self, i: usize) -> Option<(usize, usize)> {
        self.t.phrase(i, MAX_PHRASE, C_QUAL_BEFORE_FIRST, |_, l| {
            self.lx.qual_before.get(l).copied()
        })
    }

    fn prefix_unit(&self, i: usize) -> Option<(&'static UnitDef, usize)> {
        let u = units();
        let (d, e) = self.t.phrase(i, MAX_PREFIX, C_PREFIX_FIRST, |r, _| {
            u.lookup(r, Position::Prefix)
        })?;
        // a prefix must be followed by a number on the same line
        if e < self.t.len() && self.t.near(e) && self.number_ahead(e) {
            Some((d, e))
        } else {
            None
        }
    }

    fn number_ahead(&self, i: usize) -> bool {
        match self.t.kind(i) {
            Some(K::Num) => true,
            Some(K::Word) => {
                let w = self.t.lw(i);
                self.t.has(i, C_CARDINAL)
                    || w == "a"
                    || w == "an"
                    || w == "half"
                    || self.t.has(i, C_STARTER) && self.t.has(i, C_VAGUE_FIRST)
            }
            Some(K::Sym) => {
                let r = self.t.raw(i);
                (r == "." && self.t.is_num(i + 1) && self.t.adj(i + 1)) || self.t.has(i, C_VULGAR)
            }
            None => false,
        }
    }

    fn try_at(&self, i: usize, out: &mut Vec<QuantityMatch>) -> Step {
        let t = self.t;
        // a minus sign is only read for temperatures ("-5C"); other negatives are out of scope
        let neg = t.is_sym(i, "-−")
            && t.adj(i + 1)
            && t.is_num(i + 1)
            && !(i > 0 && t.adj(i) && matches!(t.kind(i - 1), Some(K::Num | K::Word)));
        // 1. qualifier before the number
        let mut j = if neg { i + 1 } else { i };
        let mut qual: Option<(usize, (usize, usize))> = None;
        if let Some((q, e)) = self.qual_before(j).filter(|_| !neg) {
            if e < t.len() && t.near(e) && (self.number_ahead(e) || self.prefix_unit(e).is_some()) {
                qual = Some((q, (i, e)));
                j = e;
            }
        }
        // 2. prefix unit ($, €, magnitude)
        let mut prefix: Option<&'static UnitDef> = None;
        if let Some((d, e)) = self.prefix_unit(j) {
            prefix = Some(d);
            j = e;
        }
        // 3. the number
        let first = match self.number(j) {
            Ok(Some(n)) => n,
            Ok(None) => return Step::NoMatch,
            Err(skip) => return Step::Skip(skip),
        };
        let num_start = j;
        let is_between = qual.is_some_and(|(q, _)| {
            self.lx
                .rules
                .get(q)
                .is_some_and(|r| r.meaning.starts_with("written range"))
        });
        let between_and = is_between;

        // 4. unit right after the first number
        let (mut first, mut unit1, mut p) = self.unit_after(first, prefix);

        // 5. range
        let mut second: Option<(Num, Option<&'static UnitDef>)> = None;
        // suspended hyphen: "8- to 16-meter"
        let tail_at = if unit1.is_none()
            && t.is_sym(p, "-")
            && t.adj(p)
            && t.near(p + 1)
            && t.lw(p + 1) == "to"
        {
            p + 1
        } else {
            p
        };
        if let Some((n2, u2, end2)) = self.range_tail(tail_at, between_and, num_start, prefix) {
            let dims_ok = match (unit1, u2) {
                (Some(a), Some(b)) => a.dimension == b.dimension,
                _ => true,
            };
            if dims_ok {
                // "2 to 3 million": the second number's scale applies to the first
                if first.scale.is_none() {
                    if let Some(s) = n2.scale {
                        if first.lo * s <= n2.lo && !first.fraction {
                            first = first.scaled(s);
                        }
                    }
                }
                if first.lo <= n2.hi {
                    p = end2;
                    if unit1.is_none() {
                        unit1 = u2;
                    }
                    second = Some((n2, u2));
                }
            }
        }
        if is_between && second.is_none() {
            // "between" without a second number is not a qualifier
            qual = None;
        }
        let unit = unit1.or(prefix);
        if neg {
            if second.is_some() || unit.is_none_or(|u| u.dimension != "temperature") {
                return Step::NoMatch;
            }
            first.lo = -first.lo;
            first.hi = -first.hi;
        }

        // 6. context: years, dates, times, pronoun "one"
        if unit.is_none() {
            let year_like =
                |n: &Num| n.plain_int_digits == Some(4) && (1800.0..=2100.0).contains(&n.lo);
            let both_years = second.as_ref().is_some_and(|(n2, _)| {
                year_like(&first) && (year_like(n2) || n2.plain_int_digits == Some(2))
            });
            if (year_like(&first) && qual.is_none()) || both_years {
                return Step::Skip(p);
            }
            if first.digits && self.date_context(num_start, p) {
                return Step::Skip(p);
            }
            if first.digits && self.time_after(p) {
                return Step::Skip(p);
            }
            if first.bare_one
                && second.is_none()
                && qual.is_none()
                && self.one_is_pronoun(num_start, p)
            {
                return Step::Skip(p);
            }
        }

        // 7. qualifier after the number ("or more", "30-odd")
        let mut qual_after: Option<(usize, (usize, usize))> = None;
        if p < t.len() && t.near(p) {
            if let Some((q, e)) = t.phrase(p, 3, C_QUAL_AFTER_FIRST, |_, l| {
                self.lx.qual_after.get(l).copied()
            }) {
                // "more than 40 and less than 10": "and less" starts another comparison
                let continues = e < t.len()
                    && t.near(e)
                    && (matches!(t.lw(e), "than" | "to" | "of") || self.number_ahead(e));
                if !continues {
                    qual_after = Some((q, (p, e)));
                    p = e;
                }
            }
        }

        // 8. build
        let (lo, hi) = match &second {
            Some((n2, _)) => (first.lo, n2.hi),
            None => (first.lo, first.hi),
        };
        if !lo.is_finite() || !hi.is_finite() {
            return Step::Skip(p);
        }
        let (rule, qtext) = match qual_after.or(qual) {
            Some((q, (a, b))) => (
                self.lx.rules.get(q).unwrap_or(&self.lx.exact),
                Some(lower_norm(&t.text[t.start(a)..t.end(b - 1)])),
            ),
            None => (&self.lx.exact, None),
        };
        let (low, high) = rule.apply(lo, hi);
        let dimension = match unit {
            Some(u) => u.dimension.clone(),
            None if first.fraction => "fraction".to_string(),
            None => "count".to_string(),
        };
        let normalized = unit.and_then(|u| u.normalize(low, high));
        let quantity = Quantity {
            value: lo,
            low,
            high,
            unit: unit.map(|u| u.id.clone()),
            dimension,
            qualifier: qtext,
            normalized,
            counted: None,
            counted_class: None,
            role: None,
        };
        let span = (t.start(i), t.end(p.saturating_sub(1)));
        out.push(QuantityMatch { span, quantity });
        Step::Found(p)
    }

    /// Range continuation after the first number (and its unit) ending at `p`:
    /// "-15", "to 15", "and 15" (after "between"), "– $15 million".
    fn range_tail(
        &self,
        p: usize,
        between: bool,
        num_start: usize,
        prefix: Option<&'static UnitDef>,
    ) -> Option<(Num, Option<&'static UnitDef>, usize)> {
        let t = self.t;
        if p >= t.len() || !t.near(p) {
            return None;
        }
        let c = t.lw(p);
        let ok = match t.kind(p) {
            Some(K::Sym) => matches!(c, "-" | "–" | "—" | "~"),
            Some(K::Word) => {
                if between {
                    c == "and" || c == "to"
                } else if c == "to" || c == "through" {
                    // "from 10 to 15" is a change, not a range
                    !(num_start > 0 && t.lw(num_start - 1) == "from")
                } else {
                    false
                }
            }
            _ => false,
        };
        if !ok {
            return None;
        }
        let mut j = p + 1;
        if j >= t.len() || !t.near(j) {
            return None;
        }
        // "10-15": a hyphen followed by a word is a compound ("10-member")
        if let Some((d, e)) = self.prefix_unit(j) {
            if prefix.is_some_and(|pd| pd.id != d.id) {
                return None;
            }
            j = e;
        }
        let n2 = match self.number(j) {
            Ok(Some(n)) => n,
            _ => return None,
        };
        let (n2, u2, end) = self.unit_after(n2, prefix);
        Some((n2, u2, end))
    }

    /// A number at `j`: `Ok(None)` if none, `Err(end)` if the tokens up to `end` are a
    /// non-quantity (date, phone number, identifier) to skip.
    fn number(&self, j: usize) -> Result<Option<Num>, usize> {
        let t = self.t;
        match t.kind(j) {
            Some(K::Num) => self.digits(j),
            Some(K::Sym) => {
                let r = t.raw(j);
                if let Some(v) = t.value(j, C_VULGAR, &self.lx.vulgar) {
                    let mut n = Num::point(v, j + 1);
                    n.fraction = true;
                    return Ok(Some(n));
                }
                if r == "." && t.is_num(j + 1) && t.adj(j + 1) {
                    let prev_digit =
                        j > 0 && t.adj(j) && matches!(t.kind(j - 1), Some(K::Num | K::Word));
                    if !prev_digit {
                        return self.digits(j);
                    }
                }
                Ok(None)
            }
            Some(K::Word) => Ok(self.words(j)),
            None => Ok(None),
        }
    }

    /// Digits starting at `j` (a Num token, or "." before one), with scale words.
    fn digits(&self, j: usize) -> Result<Option<Num>, usize> {
        self.digits_f(j, true)
    }

    /// A number at `j` without following scale words (for continuations).
    fn number_no_scale(&self, j: usize) -> Result<Option<Num>, usize> {
        match self.t.kind(j) {
            Some(K::Num) => self.digits_f(j, false),
            Some(K::Word) => Ok(self.words(j)),
            _ => Ok(None),
        }
    }

    fn digits_f(&self, j: usize, follow: bool) -> Result<Option<Num>, usize> {
        let t = self.t;
        let scale_words = |n: Num| if follow { self.scale_words(n) } else { n };
        // glued to letters before ("L2", "G7", "MH17") or "COVID-19": an identifier
        if j > 0 && t.adj(j) {
            if t.is_word(j - 1) {
                return Err(self.skip_run(j));
            }
            if t.is_sym(j - 1, "-") && j > 1 && t.adj(j - 1) && t.is_word(j - 2) {
                let glued_suffix = j > 2 && t.adj(j - 2) && t.is_num(j - 3);
                // "magnitude-7.9": a prefix unit written with a hyphen
                let prefix_unit = || {
                    units()
                        .lookup(&format!("{}-", t.raw(j - 2)), Position::Prefix)
                        .is_some()
                };
                if !glued_suffix && !t.has(j - 2, C_CARDINAL | C_SCALE) && !prefix_unit() {
                    return Err(self.skip_run(j));
                }
            }
            if t.is_sym(j - 1, "+#№") {
                return Err(self.skip_run(j));
            }
        }
        // chains of 3+ numbers joined by - / . or : (dates, phones, times, versions)
        if t.is_num(j) {
            let mut k = j;
            let mut count = 1;
            // the separator (the only one when `count == 2`), and whether any is ":"
            let mut sep = "";
            let mut colon = false;
            while t.is_sym(k + 1, "-/:") && t.adj(k + 1) && t.is_num(k + 2) && t.adj(k + 2) {
                sep = t.raw(k + 1);
                colon |= sep.contains(':');
                k += 2;
                count += 1;
            }
            if count >= 3 || colon {
                return Err(k + 1);
            }
            if count == 2 && sep == "/" {
                return match self.slash_fraction(j) {
                    Some(f) => Ok(Some(f)),
                    None => Err(k + 1),
                };
            }
            if count == 2 && sep == "-" {
                let a = t.raw(j);
                let b = t.raw(j + 2);
                let year = |s: &str| {
                    s.len() == 4 && s.parse::<u32>().is_ok_and(|y| (1800..=2100).contains(&y))
                };
                if year(a) && (b.len() == 2 || year(b)) {
                    return Err(k + 1);
                }
            }
        }
        // leading "." decimal
        // the number as written: integer-part pieces, then the fraction digits
        let lead_dot = t.is_sym(j, ".");
        let mut k = if lead_dot { j + 1 } else { j };
        let mut int_part = [""; 14];
        let mut n_int = 1;
        let mut frac: Option<&str> = None;
        if lead_dot {
            int_part[0] = "0";
            frac = Some(t.raw(k));
        } else {
            int_part[0] = t.raw(k);
        }
        let first_len = t.raw(k).len();
        let mut end = k + 1;
        let mut int_digits = if lead_dot { None } else { Some(first_len) };
        let mut separated = false;
        if !lead_dot {
            // thousands groups: "," or a single space-like char, 3 digits each
            let sep_kind =
                if t.is_sym(end, ",") && t.adj(end) && t.is_num(end + 1) && t.adj(end + 1) {
                    Some(',')
                } else if t.is_num(end) && t.single_space(end) {
                    Some(' ')
                } else {
                    None
                };
            if let Some(sep) = sep_kind {
                if (1..=3).contains(&first_len) {
                    let mut groups = [0usize; 12];
                    let mut n_groups = 0;
                    let mut q = end;
                    loop {
                        let (num_i, next) = if sep == ',' {
                            if t.is_sym(q, ",") && t.adj(q) && t.is_num(q + 1) && t.adj(q + 1) {
                                (q + 1, q + 2)
                            } else {
                                break;
                            }
                        } else if t.is_num(q) && t.single_space(q) {
                            (q, q + 1)
                        } else {
                            break;
                        };
                        let glen = t.raw(num_i).len();
                        if !(2..=3).contains(&glen) || n_groups >= groups.len() {
                            break;
                        }
                        groups[n_groups] = num_i;
                        n_groups += 1;
                        q = next;
                    }
                    let groups = &groups[..n_groups];
                    // valid prefix: western (all 3) or Indian (2s then a final 3)
                    let mut lens = [0usize; 12];
                    for (l, g) in lens.iter_mut().zip(groups) {
                        *l = t.raw(*g).len();
                    }
                    let lens = &lens[..n_groups];
                    let mut take = 0;
                    if sep == ',' {
                        let mut all3 = 0;
                        while all3 < lens.len() && lens[all3] == 3 {
                            all3 += 1;
                        }
                        take = all3;
                        if all3 == 0 {
                            // Indian grouping "12,34,567": 2-digit groups then a 3-digit one
                            let mut m = 0;
                            while m < lens.len() && lens[m] == 2 {
                                m += 1;
                            }
                            if m > 0 && m < lens.len() && lens[m] == 3 && first_len <= 2 {
                                take = m + 1;
                            }
                        }
                    } else {
                        while take < lens.len() && lens[take] == 3 {
                            take += 1;
                        }
                        // "423 0000" or "245 23": two numbers
                        if take < lens.len() && take > 0 {
                            // a following non-3 group right after: ambiguous, keep only valid ones
                        }
                        // a space group must not be followed by more glued digits/letters
                        if take > 0 {
                            let last = groups[take - 1];
                            if t.adj(last + 1) && t.is_word(last + 1) && !self.glued_ok(last + 1) {
                                take = 0;
                            }
                        }
                    }
                    if take > 0 {
                        for g in &groups[..take] {
                            int_part[n_int] = t.raw(*g);
                            n_int += 1;
                        }
                        end = groups[take - 1] + 1;
                        separated = true;
                        int_digits = None;
                    }
                }
            }
            // decimal part: ".5", but not "192.168.1.2"
            let in_dotted_chain =
                j > 1 && t.adj(j) && t.is_sym(j - 1, ".") && t.adj(j - 1) && t.is_num(j - 2);
            if !in_dotted_chain
                && t.is_sym(end, ".")
                && t.adj(end)
                && t.is_num(end + 1)
                && t.adj(end + 1)
            {
                let more_dots =
                    t.is_sym(end + 2, ".") && t.adj(end + 2) && t.is_num(end + 3) && t.adj(end + 3);
                if !more_dots {
                    frac = Some(t.raw(end + 1));
                    end += 2;
                    int_digits = None;
                } else if !separated {
                    // dotted chain: each part is its own number
                }
            }
        } else {
            k += 1;
            end = k;
        }
        let _ = separated;
        let Some(mut v) = decimal_value(&int_part[..n_int], frac) else {
            return Err(end);
        };
        // exponent "1e10", "1.3e6", "12.32e+14"
        if t.adj(end) && t.is_word(end) && (t.raw(end) == "e" || t.raw(end) == "E") {
            let (sign, q) = if t.is_sym(end + 1, "+-") && t.adj(end + 1) {
                (if t.raw(end + 1) == "-" { -1 } else { 1 }, end + 2)
            } else {
                (1, end + 1)
            };
            if t.is_num(q) && t.adj(q) && t.raw(q).len() <= 3 {
                let e: i32 = t.raw(q).parse().unwrap_or(0) * sign;
                v *= 10f64.powi(e);
                end = q + 1;
                int_digits = None;
            }
        }
        if !v.is_finite() {
            return Err(end);
        }
        let mut n = Num::point(v, end);
        n.digits = true;
        n.plain_int_digits = int_digits;
        // mixed fraction "10 1/2"
        if int_digits.is_some()
            && t.is_num(end)
            && t.near(end)
            && !t.adj(end)
            && t.is_sym(end + 1, "/")
            && t.adj(end + 1)
            && t.is_num(end + 2)
            && t.adj(end + 2)
        {
            {
                if let Some(f) = self.slash_fraction(end) {
                    if f.lo < 1.0 {
                        n.lo += f.lo;
                        n.hi += f.lo;
                        n.end = f.end;
                        n.plain_int_digits = None;
                        end = f.end;
                    }
                }
            }
        }
        // glued suffix: scale ("2bn", "100k") or unit ("5km"); anything else is an identifier
        // or ordinal ("7th", "2pm", "06F6")
        if t.adj(end) && t.is_word(end) {
            let w = t.raw(end);
            if w == "m" {
                n.glued_m = true;
            } else if let Some(sc) = self.lx.suffix_scales.get(w) {
                if !(t.adj(end + 1) && t.is_num(end + 1)) {
                    n = n.scaled(*sc);
                    n.end = end + 1;
                    return Ok(Some(scale_words(n)));
                }
            }
            if !self.glued_ok(end) {
                return Err(self.skip_run(end));
            }
            return Ok(Some(n));
        }
        Ok(Some(scale_words(n)))
    }

    /// Whether a word glued to a number is a unit ("km", "%", "km2").
    fn glued_ok(&self, w: usize) -> bool {
        let u = units();
        self.t
            .phrase(w, 3, C_UNIT_FIRST, |r, l| u.after_lc(r, l, true))
            .is_some()
    }

    /// Skip a glued run of letters/digits/hyphens.
    fn skip_run(&self, mut j: usize) -> usize {
        let t = self.t;
        loop {
            if j + 1 < t.len() && t.adj(j + 1) && matches!(t.kind(j + 1), Some(K::Num | K::Word)) {
                j += 1;
            } else if t.is_sym(j + 1, "-")
                && t.adj(j + 1)
                && t.adj(j + 2)
                && matches!(t.kind(j + 2), Some(K::Num | K::Word))
            {
                j += 2;
            } else if t.is_sym(j + 1, ".,") && t.adj(j + 1) && t.adj(j + 2) && t.is_num(j + 2) {
                // "MH17.5", "v2.1": the decimal part belongs to the code
                j += 2;
            } else {
                break;
            }
        }
        j + 1
    }

    /// "3/4" at `j` (Num / Num), not a date.
    fn slash_fraction(&self, j: usize) -> Option<Num> {
        let t = self.t;
        let a: f64 = t.raw(j).parse().ok()?;
        let b: f64 = t.raw(j + 2).parse().ok()?;
        if t.raw(j).len() > 3 || t.raw(j + 2).len() > 3 || b == 0.0 {
            return None;
        }
        let mut n = Num::point(a / b, j + 3);
        n.digits = true;
        n.fraction = a < b;
        Some(n)
    }

    /// "and a half", "and one quarter", "and three fifths" at `q`: (fraction, end).
    fn and_fraction(&self, q: usize) -> Option<(f64, usize)> {
        let t = self.t;
        if !(t.lw(q) == "and" && t.near(q) && t.is_word(q + 1) && t.near(q + 1)) {
            return None;
        }
        let (fnum, fq) = match t.lw(q + 1) {
            "a" | "an" | "one" => (1.0, q + 2),
            _ => match t.value(q + 1, C_CARDINAL, &self.lx.cardinals) {
                Some(v) if v > 0.0 && v < 10.0 => (v, q + 2),
                _ => return None,
            },
        };
        if !(t.is_word(fq) && t.near(fq)) {
            return None;
        }
        let d = t.value(fq, C_DENOMINATOR, &self.lx.denominators)?;
        Some((fnum / d, fq + 1))
    }

    /// Scale words after a number: "2 million", "322 hundred", "3 dozen"; then a smaller
    /// number may continue it ("4 thousand 3 hundred and 21") or a fraction of the scale
    /// ("3 million and a half").
    fn scale_words(&self, n: Num) -> Num {
        self.scale_words_depth(n, 0)
    }

    fn scale_words_depth(&self, mut n: Num, depth: usize) -> Num {
        let t = self.t;
        let mut last_word_scale: Option<f64> = None;
        loop {
            let k = n.end;
            if !(t.is_word(k) && t.near(k)) {
                break;
            }
            if let Some(s) = t.value(k, C_SCALE, &self.lx.scales) {
                if n.scale.is_some_and(|old| old <= s) {
                    break;
                }
                n = n.scaled(s);
                n.end = k + 1;
                n.fraction = false;
                last_word_scale = Some(s);
            } else if t.has(k, C_DOZEN) {
                n = n.scaled(12.0);
                n.end = k + 1;
                break;
            } else {
                break;
            }
        }
        if let Some(ls) = last_word_scale.filter(|_| depth < 4) {
            if let Some((f, e)) = self.and_fraction(n.end) {
                n.lo += f * ls;
                n.hi = n.lo;
                n.end = e;
                return n;
            }
            let mut k = n.end;
            if t.lw(k) == "and" && t.near(k) {
                k += 1;
            }
            if k < t.len() && t.near(k) && matches!(t.kind(k), Some(K::Num | K::Word)) {
                if let Ok(Some(m)) = self.number_no_scale(k) {
                    let m = self.scale_words_depth(m, depth + 1);
                    if m.lo > 0.0 && m.lo < ls && m.lo == m.hi && !m.fraction {
                        n.lo += m.lo;
                        n.hi = n.lo;
                        n.end = m.end;
                    }
                }
            }
        }
        n
    }

    /// Number words at `j`: cardinals, "a hundred", "half a million", "two thirds", vague
    /// amounts ("dozens", "several hundred").
    fn words(&self, j: usize) -> Option<Num> {
        let t = self.t;
        // vague amounts
        if let Some((vi, e)) = t.phrase(j, 4, C_VAGUE_FIRST, |_, l| self.lx.vague.get(l).copied()) {
            if let Some(v) = self.lx.vague_defs.get(vi) {
                let mut n = Num::point(v.low, e);
                n.hi = v.high;
                if v.scalable && t.is_word(e) && t.near(e) {
                    let w = t.lw(e);
                    if let Some(s) = t.value(e, C_SCALE, &self.lx.scales) {
                        n = n.scaled(s);
                        n.end = e + 1;
                        return Some(n);
                    }
                    if w == "dozen" && self.lx.dozen.contains(w) {
                        n = n.scaled(12.0);
                        n.end = e + 1;
                        return Some(n);
                    }
                    // "hundreds of thousands"
                    if w == "of" && t.is_word(e + 1) && t.near(e + 1) {
                        let w2 = t.lw(e + 1);
                        if let Some(stem) = w2.strip_suffix('s') {
                            if let Some(s) = self.lx.scales.get(stem) {
                                if *s >= 1000.0 {
                                    n = n.scaled(*s);
                                    n.end = e + 2;
                                    return Some(n);
                                }
                            }
                        }
                    }
                }
                if !v.only_before_scale {
                    return Some(n);
                }
            }
        }
        let mut k = j;
        let w0 = t.lw(j);
        let a_prefix = w0 == "a" || w0 == "an";
        if a_prefix {
            k = j + 1;
            if !(t.is_word(k) && t.near(k)) {
                return None;
            }
        }
        // "half", "half a million", "half a dozen"
        if t.lw(k) == "half" {
            if t.adj(k + 1) && t.is_sym(k + 1, "-") {
                return None; // "half-brother"
            }
            if j > 0 && matches!(t.lw(j - 1), "first" | "second" | "latter" | "other" | "the") {
                return None;
            }
            let mut n = Num::point(0.5, k + 1);
            n.fraction = true;
            let mut q = k + 1;
            if t.is_word(q) && t.near(q) && matches!(t.lw(q), "a" | "an") {
                q += 1;
            }
            if t.is_word(q) && t.near(q) {
                let w = t.lw(q);
                if let Some(s) = t
                    .value(q, C_SCALE, &self.lx.scales)
                    .filter(|s| *s >= 1000.0)
                {
                    n = n.scaled(s);
                    n.fraction = false;
                    n.end = q + 1;
                } else if w == "dozen" {
                    n = n.scaled(12.0);
                    n.fraction = false;
                    n.end = q + 1;
                }
            }
            return Some(n);
        }
        let (int, k2, any, last, last_scale) = self.int_words(k, a_prefix);
        if !any && !a_prefix {
            return None;
        }
        let numerator = if any { int } else { 1.0 };
        let mut n = Num::point(numerator, k2);
        n.bare_one = !a_prefix && any && k2 == j + 1 && t.lw(j) == "one";
        let mut q = k2;
        // fractions: "two thirds", "a third", "one fifth", "one-eighth"
        let (dq, hyphen) = if t.is_sym(q, "-") && t.adj(q) && t.adj(q + 1) && t.is_word(q + 1) {
            (q + 1, true)
        } else {
            (q, false)
        };
        if t.is_word(dq)
            && (hyphen || t.near(dq))
            && numerator < 100.0
            && last != Last::Scale
            && last != Last::Hundred
        {
            let q = dq;
            if let Some(d) = t.value(q, C_DENOMINATOR, &self.lx.denominators) {
                let den_word = t.lw(q);
                let plural_ok = numerator == 1.0 || den_word.ends_with('s') || den_word == "half";
                if plural_ok && !(t.adj(q + 1) && t.is_sym(q + 1, "-")) {
                    let mut f = Num::point(numerator / d, q + 1);
                    f.fraction = true;
                    return Some(f);
                }
            }
        }
        // "a dozen", "two dozen"
        if t.is_word(q) && t.near(q) && (t.lw(q) == "dozen" || (any && t.has(q, C_DOZEN))) {
            n = n.scaled(12.0);
            n.end = q + 1;
            n.bare_one = false;
            return Some(n);
        }
        if !any {
            return None; // "a" alone
        }
        // "and a half", "and three quarters", then maybe a scale ("two and a half million");
        // after a scale the fraction is of that scale ("one million and a half")
        if let Some((f, e)) = self.and_fraction(q) {
            let mult = if last == Last::Scale { last_scale } else { 1.0 };
            n.lo += f * mult;
            n.hi = n.lo;
            n.end = e;
            n.bare_one = false;
            q = e;
            if last != Last::Scale && t.is_word(q) && t.near(q) {
                if let Some(s) = t
                    .value(q, C_SCALE, &self.lx.scales)
                    .filter(|s| *s >= 1000.0)
                {
                    n = n.scaled(s);
                    n.end = q + 1;
                }
            }
            return Some(n);
        }
        // "two point five million"
        if t.lw(q) == "point" && t.near(q) && last != Last::Scale {
            let mut frac = String::new();
            let mut r = q + 1;
            while t.is_word(r) && t.near(r) {
                match t.value(r, C_CARDINAL, &self.lx.cardinals) {
                    Some(v) if v < 10.0 => {
                        frac.push(char::from(b'0' + v as u8));
                        r += 1;
                    }
                    _ => break,
                }
            }
            if !frac.is_empty() {
                if let Ok(f) = format!("0.{frac}").parse::<f64>() {
                    n.lo += f;
                    n.hi = n.lo;
                    n.end = r;
                    n.bare_one = false;
                    if t.is_word(r) && t.near(r) {
                        if let Some(s) = t
                            .value(r, C_SCALE, &self.lx.scales)
                            .filter(|s| *s >= 1000.0)
                        {
                            n = n.scaled(s);
                            n.end = r + 1;
                        }
                    }
                }
            }
        }
        Some(n)
    }

    /// Cardinal words from `k`: (value, end, any word used, kind of the last word).
    fn int_words(&self, k: usize, a_prefix: bool) -> (f64, usize, bool, Last, f64) {
        let t = self.t;
        let mut total = 0.0_f64;
        let mut cur = 0.0_f64;
        let mut last = if a_prefix { Last::A } else { Last::Start };
        let mut prev_scale = f64::INFINITY;
        let mut end = k;
        let mut idx = k;
        let mut any = false;
        let mut last_consumed = last;
        loop {
            if !t.is_word(idx) {
                break;
            }
            let w = t.lw(idx);
            let mut consumed = false;
            if let Some(v) = t.value(idx, C_CARDINAL, &self.lx.cardinals) {
                let ok = if v == 0.0 {
                    last == Last::Start
                } else if v < 10.0 {
                    matches!(last, Last::Start | Last::Tens | Last::Hundred | Last::Scale)
                } else {
                    matches!(last, Last::Start | Last::Hundred | Last::Scale)
                };
                if ok {
                    cur += v;
                    last = if v < 10.0 {
                        Last::Unit
                    } else if v < 20.0 {
                        Last::Teen
                    } else {
                        Last::Tens
                    };
                    consumed = true;
                }
            } else if w == "hundred" || (w == "hundreds" && last != Last::A) {
                if matches!(last, Last::A | Last::Unit | Last::Teen | Last::Tens)
                    && cur < 100.0
                    && prev_scale > 100.0
                {
                    cur = if cur == 0.0 { 100.0 } else { cur * 100.0 };
                    last = Last::Hundred;
                    consumed = true;
                }
            } else if let Some(s) = t.value(idx, C_SCALE, &self.lx.scales).or_else(|| {
                // plural after a number: "three billions"
                w.strip_suffix('s')
                    .filter(|_| !matches!(last, Last::Start | Last::A))
                    .and_then(|st| self.lx.scales.get(st).copied())
            }) {
                if s >= 1000.0
                    && s < prev_scale
                    && matches!(
                        last,
                        Last::A | Last::Unit | Last::Teen | Last::Tens | Last::Hundred
                    )
                {
                    total += if cur == 0.0 { 1.0 } else { cur } * s;
                    cur = 0.0;
                    prev_scale = s;
                    last = Last::Scale;
                    consumed = true;
                }
            } else if w == "and" && matches!(last, Last::Hundred | Last::Scale) {
                // "one hundred and six": only when a cardinal follows
                let nxt = idx + 1;
                if t.is_word(nxt) && t.near(nxt) {
                    if let Some(v) = t.value(nxt, C_CARDINAL, &self.lx.cardinals) {
                        // "two million and one half": the fraction is read by the caller
                        let fraction_follows =
                            v < 10.0 && t.near(nxt + 1) && t.has(nxt + 1, C_DENOMINATOR);
                        if v > 0.0 && (last == Last::Scale || v < 100.0) && !fraction_follows {
                            idx = nxt;
                            continue;
                        }
                    }
                }
                break;
            }
            if !consumed {
                break;
            }
            any = true;
            end = idx + 1;
            last_consumed = last;
            // next word: spaced, or hyphenated ("twenty-five")
            let nxt = idx + 1;
            if t.is_word(nxt) && t.near(nxt) && !t.adj(nxt) {
                idx = nxt;
            } else if t.is_sym(nxt, "-") && t.adj(nxt) && t.is_word(nxt + 1) && t.adj(nxt + 1) {
                idx = nxt + 1;
            } else {
                break;
            }
        }
        let last_scale = if prev_scale.is_finite() {
            prev_scale
        } else {
            1.0
        };
        (total + cur, end, any, last_consumed, last_scale)
    }

    /// Unit after a number ending at `n.end`: glued ("5km"), spaced ("5 km", "5 square miles"),
    /// or a compound adjective ("1,000-mile"). Resolves a glued "m" (metre or million).
    fn unit_after(
        &self,
        mut n: Num,
        prefix: Option<&'static UnitDef>,
    ) -> (Num, Option<&'static UnitDef>, usize) {
        let t = self.t;
        let u = units();
        let p = n.end;
        if n.glued_m {
            let next_word = if t.is_word(p + 1) && t.near(p + 1) {
                t.lw(p + 1)
            } else {
                ""
            };
            let money_word = u
                .lookup(next_word, Position::Alias)
                .is_some_and(|d| d.dimension == "currency");
            if prefix.is_some_and(|d| d.dimension == "currency")
                || self.lx.million_m.contains(next_word)
                || money_word
            {
                n = n.scaled(1e6);
                n.end = p + 1;
                n.glued_m = false;
                let n = self.scale_words(n);
                return self.unit_after(n, prefix);
            }
        }
        if p >= t.len() || !t.near(p) {
            return (n, None, p);
        }
        let scaled = n.scale.is_some();
        // compound adjective: "1,000-mile", "7.8-magnitude"
        let start = if t.is_sym(p, "-") && t.adj(p) && t.adj(p + 1) && t.is_word(p + 1) {
            p + 1
        } else {
            p
        };
        if prefix.is_some_and(|d| d.dimension == "currency") {
            // "$5 million", "$2bn USD": only a currency unit may follow
            if let Some((d, e)) = t.phrase(start, MAX_PHRASE, C_UNIT_FIRST, |r, l| {
                u.after_lc(r, l, scaled)
            }) {
                if d.dimension == "currency" {
                    return (n, Some(d), e);
                }
            }
            return (n, None, p);
        }
        match t.phrase(start, MAX_PHRASE, C_UNIT_FIRST, |r, l| {
            u.after_lc(r, l, scaled)
        }) {
            // a spaced unit symbol glued to "-digits" is a code ("24703 L-202")
            Some((_, e))
                if !t.adj(start)
                    && t.is_sym(e, "-")
                    && t.adj(e)
                    && t.is_num(e + 1)
                    && t.adj(e + 1) =>
            {
                (n, None, p)
            }
            Some((d, e)) => (n, Some(d), e),
            None => {
                // a unit in brackets: "20 (kg)", "20 [kg]"
                if let Some(close) = match t.raw(p) {
                    "(" => Some(")"),
                    "[" => Some("]"),
                    "{" => Some("}"),
                    "<" => Some(">"),
                    _ => None,
                } {
                    if let Some((d, e)) =
                        t.phrase(p + 1, 3, C_UNIT_FIRST, |r, l| u.after_lc(r, l, scaled))
                    {
                        if t.raw(e) == close && t.adj(p + 1) && t.adj(e) {
                            return (n, Some(d), e + 1);
                        }
                    }
                }
                (n, None, p)
            }
        }
    }

    /// A number next to a month name ("7 January", "Jan. 7", "January 7th").
    fn date_context(&self, start: usize, end: usize) -> bool {
        let t = self.t;
        let mut b = start;
        if b > 0 && t.is_word(b - 1) && t.near(b) && t.has(b - 1, C_MONTH) {
            return true;
        }
        if b > 1
            && t.is_sym(b - 1, ".")
            && t.adj(b - 1)
            && t.is_word(b - 2)
            && t.has(b - 2, C_MONTH)
        {
            return true;
        }
        // "January 5 and 6": a number listed after a date number
        if start > 1
            && t.near(start)
            && matches!(t.lw(start - 1), "and" | "or" | "," | "to" | "-" | "–")
        {
            let prev = start - 2;
            if t.is_num(prev) && prev > 0 && t.is_word(prev - 1) && t.has(prev - 1, C_MONTH) {
                return true;
            }
        }
        b = end;
        if t.is_word(b) && t.near(b) && t.has(b, C_MONTH) {
            return true;
        }
        if t.lw(b) == "of" && t.is_word(b + 1) && t.has(b + 1, C_MONTH) {
            return true;
        }
        // "5 and 6 January", "5, 6 January": a number listed before a date number
        if t.near(b)
            && matches!(t.lw(b), "and" | "or" | "," | "to")
            && t.is_num(b + 1)
            && t.near(b + 1)
        {
            let m = b + 2;
            if t.is_word(m) && t.near(m) && t.has(m, C_MONTH) {
                return true;
            }
        }
        false
    }

    /// A clock time: "3 p.m.", "10 am", "6 o'clock".
    fn time_after(&self, end: usize) -> bool {
        let t = self.t;
        if end >= t.len() || !t.near(end) {
            return false;
        }
        t.phrase(end, 4, C_TIME_FIRST, |_, l| {
            self.lx.time_words.contains(l).then_some(())
        })
        .is_some()
    }

    /// "one" as a pronoun: "the one who", "no one", "one of the".
    fn one_is_pronoun(&self, start: usize, end: usize) -> bool {
        let t = self.t;
        let before =
            start > 0 && t.is_word(start - 1) && self.lx.one_before.contains(t.lw(start - 1));
        let after = t.is_word(end) && self.lx.one_after.contains(t.lw(end));
        let hyphen_before = start > 1 && t.is_sym(start - 1, "-") && t.adj(start);
        before || after || hyphen_before
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`find`] without the sentence gate and without the number window.
    fn find_ungated(text: &str) -> Vec<QuantityMatch> {
        let toks = classified(text);
        ungated(&toks).run()
    }

    /// The tokens of `text`, classified.
    fn classified(text: &str) -> Toks<'_> {
        let mut toks = Toks::new(text);
        toks.classify(&lexicon().classes);
        toks
    }

    /// A scanner over `toks` without the number window.
    fn ungated<'a, 'b>(toks: &'b Toks<'a>) -> Scanner<'a, 'b> {
        Scanner {
            t: toks,
            lx: lexicon(),
            window: false,
        }
    }

    fn gate(text: &str) -> bool {
        numeric_tokens(text, lexicon()).is_some()
    }

    /// Every word and phrase of the vocabulary that is (part of) a number, unsorted.
    fn number_words(lx: &Lexicon) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        words.extend(lx.cardinals.keys().cloned());
        words.extend(lx.scales.keys().cloned());
        words.extend(lx.denominators.keys().cloned());
        words.extend(lx.dozen.iter().cloned());
        words.extend(lx.vulgar.keys().cloned());
        words.extend(lx.vague.keys().cloned());
        words.extend(["hundred", "hundreds", "half", "dozen"].map(String::from));
        words
    }

    /// Every token [`Scanner::dead_start`] passes over is one where [`Scanner::try_at`] finds
    /// nothing, over every vocabulary phrase in several contexts; and it does pass over
    /// articles, plain starters and symbols before ordinary words.
    #[test]
    fn dead_start_only_skips_what_try_at_rejects() {
        let lx = lexicon();
        let mut phrases = number_words(lx);
        phrases.extend(lx.qual_before.keys().cloned());
        phrases.extend(units().all_prefixes().map(String::from));
        phrases.push(".".to_string());
        phrases.sort();
        let mut skipped = 0;
        for p in &phrases {
            for text in [
                format!("{p} 5"),
                format!("a {p} 5"),
                format!("an {p} of 3"),
                format!("- {p}"),
                format!("{p} people"),
                format!("about a {p} dozen"),
            ] {
                let toks = classified(&text);
                let sc = ungated(&toks);
                for i in 0..toks.len() {
                    if sc.dead_start(i) {
                        skipped += 1;
                        let mut out = Vec::new();
                        assert!(
                            matches!(sc.try_at(i, &mut out), Step::NoMatch) && out.is_empty(),
                            "{text:?} token {i}"
                        );
                    }
                }
            }
        }
        assert!(skipped > 0);
        let text = "a man said . people - people, at the end, an hour later";
        let toks = classified(text);
        let sc = ungated(&toks);
        let dead: Vec<&str> = (0..toks.len())
            .filter(|i| sc.dead_start(*i))
            .map(|i| toks.raw(i))
            .collect();
        assert!(dead.contains(&"a") && dead.contains(&"an"), "{dead:?}");
        assert!(dead.contains(&".") && dead.contains(&"-"), "{dead:?}");
        for live in [
            "a 5",
            "a few",
            "an estimated 5",
            "a dozen",
            ". 5",
            "about 5",
            "$5",
        ] {
            let toks = classified(live);
            let sc = ungated(&toks);
            assert!(!sc.dead_start(0), "{live:?}");
        }
    }

    #[test]
    fn gate_lets_through_every_trigger_family() {
        let cases: &[(&str, &str)] = &[
            ("Police said 12 people died.", "12"),
            ("Police said 12 people died …", "12"),
            ("Rain fell on ½ of the city.", "½"),
            ("Rain fell on ½ of the city …", "½"),
            ("Only one person was hurt.", "one"),
            ("Only ONE person was hurt …", "ONE"),
            (
                "The blast was felt a mile away by a million people.",
                "a million",
            ),
            ("A third of the homes burned.", "A third"),
            ("Half the town fled.", "Half"),
            ("A dozen shops burned.", "A dozen"),
            ("A couple of shops burned.", "A couple of"),
            ("A few shops burned.", "A few"),
            ("A handful of shops burned.", "A handful of"),
            ("A pair of shops burned.", "A pair of"),
            ("Several shops burned.", "Several"),
            ("Dozens were hurt.", "Dozens"),
            ("Scores were hurt.", "Scores"),
            ("Tens of thousands marched.", "Tens of thousands"),
            ("Hundreds marched.", "Hundreds"),
            ("Thousands marched.", "Thousands"),
            ("Millions watched.", "Millions"),
            ("Billions were lost.", "Billions"),
            ("It cost more than $5bn.", "more than $5bn"),
            ("About five “protesters” were held.", "About five"),
        ];
        for (text, want) in cases {
            assert!(gate(text), "{text:?}");
            let got: Vec<&str> = find(text)
                .iter()
                .map(|m| &text[m.span.0..m.span.1])
                .collect();
            assert_eq!(got.first(), Some(want), "{text:?}");
        }
    }

    #[test]
    fn gate_blocks_sentences_without_a_number() {
        for text in [
            "The police said the protest was peaceful.",
            "Some people waited under the bridge, between the lines, about an hour.",
            "Over there, a man and an elderly woman – the “organisers” – said so.",
            "",
            "...",
        ] {
            assert!(!gate(text), "{text:?}");
            assert_eq!(find(text), vec![]);
        }
        // one numeric word is enough to be scanned
        assert!(gate("Some people waited under the bridge for one hour."));
        assert!(!gate("Someone waited."));
    }

    /// Every number word and phrase of the vocabulary, in several contexts and cases: the gate
    /// and the number window change nothing.
    #[test]
    fn gate_and_window_change_nothing() {
        let lx = lexicon();
        let mut words = number_words(lx);
        words.sort();
        let quals: Vec<&String> = {
            let mut q: Vec<&String> = lx.qual_before.keys().collect();
            q.sort();
            q
        };
        let prefixes: Vec<&str> = {
            let mut p: Vec<&str> = units().all_prefixes().collect();
            p.sort_unstable();
            p
        };
        let mut texts: Vec<String> = Vec::new();
        for w in &words {
            for w in [w.clone(), w.to_uppercase(), {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }] {
                for t in [
                    w.to_string(),
                    format!("They saw {w} people."),
                    format!("They saw a {w} people."),
                    format!("They saw an {w} … people."),
                    format!("Two {w} three"),
                    format!("a-{w}"),
                    format!("one and a {w}"),
                    format!("a {w} of thousands"),
                    format!("2 {w} km"),
                ] {
                    texts.push(t);
                }
            }
        }
        for (i, q) in quals.iter().enumerate() {
            let p = prefixes[i % prefixes.len()];
            let w = &words[i % words.len()];
            texts.push(format!("{q} {p} {w} people"));
            texts.push(format!("{q} {p}5 people"));
            texts.push(format!("{q} {w}"));
            texts.push(format!("{q} a {w}"));
            texts.push(format!("{q}\u{a0}{p} 7 people"));
            for p in &prefixes {
                for w in ["a couple of", "a third", "5"] {
                    texts.push(format!("{q} {p} {w} people"));
                }
            }
        }
        let mut found = 0;
        for text in &texts {
            let ungated = find_ungated(text);
            if !ungated.is_empty() {
                found += 1;
                assert!(gate(text), "{text:?}");
            }
            assert_eq!(find(text), ungated, "{text:?}");
        }
        assert!(found > texts.len() / 2, "{found} of {}", texts.len());
    }

    /// Every phrase of every phrase table is read back by [`Toks::phrase`] through the token
    /// counts of the class table, written with single spaces or other whitespace.
    #[test]
    fn class_table_phrase_lengths_cover_every_phrase() {
        let lx = lexicon();
        let u = units();
        let tables: Vec<(u32, Vec<String>)> = vec![
            (C_VAGUE_FIRST, lx.vague.keys().cloned().collect()),
            (
                C_QUAL_BEFORE_FIRST,
                lx.qual_before.keys().cloned().collect(),
            ),
            (C_QUAL_AFTER_FIRST, lx.qual_after.keys().cloned().collect()),
            (C_TIME_FIRST, lx.time_words.iter().cloned().collect()),
            (
                C_UNIT_FIRST,
                u.all_after_phrases().map(String::from).collect(),
            ),
            (C_PREFIX_FIRST, u.all_prefixes().map(String::from).collect()),
        ];
        let mut n = 0;
        for (bit, phrases) in &tables {
            for p in phrases {
                for text in [p.clone(), p.replace(' ', " \u{a0}")] {
                    let mut t = Toks::new(&text);
                    t.classify(&lx.classes);
                    let hit = t.phrase(0, 8, *bit, |r, l| {
                        let key = |x: &str| norm_phrase(x) == *p;
                        (key(r) || key(l)).then_some(())
                    });
                    assert_eq!(hit.map(|h| h.1), Some(t.len()), "{text:?}");
                    n += 1;
                }
            }
        }
        assert!(n > 500, "{n}");
    }

    /// The eight-bytes-at-a-time letter scan agrees with a byte loop at every start, for every
    /// byte value next to letters and at every distance from the end.
    #[test]
    fn letters_end_matches_byte_loop() {
        for x in 0u8..=255 {
            for len in 0..20 {
                let mut b: Vec<u8> = (0..len).map(|k| b"aZqM"[k % 4]).collect();
                for at in [0, len / 2, len.saturating_sub(1)] {
                    if let Some(c) = b.get_mut(at) {
                        *c = x;
                    }
                    for i in 0..=b.len() {
                        let slow = i + b[i..]
                            .iter()
                            .take_while(|c| c.is_ascii_alphabetic())
                            .count();
                        assert_eq!(letters_end(&b, i), slow, "{b:?} from {i}");
                    }
                }
            }
        }
    }

    #[test]
    fn ascii_and_digit_flags() {
        for n in [0, 1, 31, 32, 33, 64, 70] {
            let plain = "a".repeat(n);
            assert_eq!(ascii_and_digit(plain.as_bytes()), (true, false));
            for at in 0..n {
                let mut d = plain.clone().into_bytes();
                d[at] = b'7';
                assert_eq!(ascii_and_digit(&d), (true, true), "{n} {at}");
                d[at] = 0xc3;
                assert_eq!(ascii_and_digit(&d), (false, false), "{n} {at}");
                d[at] = b'/';
                assert_eq!(ascii_and_digit(&d), (true, false));
                d[at] = b':';
                assert_eq!(ascii_and_digit(&d), (true, false));
            }
        }
    }

    /// The short-key table answers exactly what the map answers, for every key and for
    /// near misses (one byte changed, one byte more or less).
    #[test]
    fn short_key_table_matches_map() {
        let cl = &lexicon().classes;
        let class = |w: &str| {
            let c = cl.of(w);
            (c.bits, c.lens)
        };
        let mut n = 0;
        for (k, c) in &cl.map {
            assert_eq!(class(k), (c.bits, c.lens), "{k:?}");
            // the same key inside a longer buffer (the eight-byte load is masked)
            let buf = format!("{k}zzzzzzzzz");
            let d = cl.of_at(&buf, 0, k.len());
            assert_eq!((d.bits, d.lens), (c.bits, c.lens), "{k:?}");
            for probe in [format!("{k}x"), format!("x{k}"), {
                let mut c = k.chars();
                c.next_back();
                c.as_str().to_string()
            }] {
                let want = cl.map.get(&probe).map_or((0, 0), |c| (c.bits, c.lens));
                assert_eq!(class(&probe), want, "{probe:?}");
            }
            n += 1;
        }
        assert!(n > 300, "{n}");
        assert_eq!(class("people"), (0, 0));
    }

    #[test]
    fn lower_norm_is_norm_phrase_of_lower_case() {
        for t in [
            "",
            " ",
            "More  Than",
            "\tUP\x0bTO \r\n",
            "x\x0c\x1fY",
            " At  least ",
            "ÜBER  Fünf",
            "a\u{a0}B",
        ] {
            assert_eq!(lower_norm(t), norm_phrase(&t.to_lowercase()), "{t:?}");
        }
    }

    /// The word-start gate answers as the byte-by-byte gate on text without digits: every
    /// numeric key in every case, glued to apostrophes, letters and punctuation, and near
    /// misses.
    #[test]
    fn word_start_gate_matches_byte_gate() {
        let cl = &lexicon().classes;
        assert!(!cl.ascii_sym_numeric);
        let mut words: Vec<String> = cl
            .map
            .iter()
            .filter(|(k, c)| k.is_ascii() && c.bits & C_NUMERIC != 0)
            .map(|(k, _)| k.clone())
            .collect();
        words.sort();
        assert!(words.len() > 50, "{}", words.len());
        let mut texts = Vec::new();
        for w in &words {
            let up = w.to_ascii_uppercase();
            let cut = &w[..w.len() - 1];
            for t in [
                w.clone(),
                up.clone(),
                format!("The {w}."),
                format!("x{w}"),
                format!("{w}x"),
                format!("o'{w}"),
                format!("{w}'s"),
                format!("{w}''"),
                format!("''{w}"),
                format!("a-{up}-b"),
                format!("{cut} and {cut}s"),
                format!("{} {w}", "abcdefg ".repeat(3)),
                format!("{}{w}", "x".repeat(7)),
            ] {
                texts.push(t);
            }
        }
        let mut hits = 0;
        for t in &texts {
            let (a, b) = (
                cl.ascii_words_numeric(t.as_bytes()),
                cl.ascii_has_numeric(t.as_bytes()),
            );
            assert_eq!(a, b, "{t:?}");
            hits += usize::from(a);
        }
        assert!(hits > 100 && hits < texts.len(), "{hits}");
    }

    /// The byte-wise tokeniser of non-ASCII text gives the tokens and lower-cased text of the
    /// char-by-char one it replaced.
    #[test]
    fn chars_tokeniser_matches_reference() {
        let pieces = [
            "a", "Z", "9", "'", "\u{2019}", "-", " ", "\u{a0}", "\n", "\t", "é", "É", "İ", "Σ",
            "ß", "½", "—", "€", "km²", "°C", "\u{2009}", "\u{3000}", "x", ".", ",", "日本",
            "\u{301}",
        ];
        let mut texts = vec![
            "Rock'n'Roll’s  5\u{a0}km\n\u{2019}x".to_string(),
            "ΟΔΟΣ’Σ d’Ivoire l'été Ä'ö 12’000 €5 — ½ İstanbul".to_string(),
        ];
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    texts.push(format!("{a}{b}{c}w{a}{c}"));
                }
            }
        }
        for text in &texts {
            let mut new = Toks {
                text,
                t: Vec::new(),
                lower: String::new(),
                bufs: Default::default(),
            };
            new.scan_chars();
            let mut old = Toks {
                text,
                t: Vec::new(),
                lower: String::new(),
                bufs: Default::default(),
            };
            old.scan_chars_reference();
            assert_eq!(new.lower, old.lower, "{text:?}");
            assert_eq!(new.len(), old.len(), "{text:?}");
            for (a, b) in new.t.iter().zip(&old.t) {
                assert_eq!(
                    (a.k, a.gap, a.s, a.e, a.ls, a.le),
                    (b.k, b.gap, b.s, b.e, b.ls, b.le),
                    "{text:?}"
                );
            }
        }
    }

    /// The ASCII fast path of [`Toks::new`] gives the same tokens as the char-by-char path.
    #[test]
    fn ascii_tokeniser_matches_char_tokeniser() {
        let mut texts: Vec<String> = (0u8..128)
            .map(|b| {
                let c = char::from(b);
                format!("a{c}b 1{c}2 {c}x{c}{c}Y's {c}'{c} O'Clock{c}  \t\n 12,5{c}")
            })
            .collect();
        texts.push("Over 2,000 people -- about  a third --\r\nfled 3.5km\x0b4 \x0c5".into());
        texts.push(String::new());
        // gaps of every length around the limits, leading and trailing whitespace
        for ws in [
            "",
            " ",
            "  ",
            "\t",
            "\n",
            " \n",
            "\r\n",
            "        ",
            "         ",
            "\x0b \x0c",
        ] {
            texts.push(format!("{ws}a{ws}1{ws}-{ws}b{ws}"));
            texts.push(format!("x {ws}{ws} 2{ws}{ws}{ws}y"));
        }
        for text in &texts {
            let fast = Toks::new(text);
            let mut slow = Toks {
                text,
                t: Vec::new(),
                lower: String::new(),
                bufs: Default::default(),
            };
            slow.scan_chars();
            assert_eq!(fast.len(), slow.len(), "{text:?}");
            for i in 0..fast.len() {
                let (a, b) = (fast.t[i], slow.t[i]);
                assert_eq!(
                    (a.k, a.gap, a.s, a.e, fast.lw(i)),
                    (b.k, b.gap, b.s, b.e, slow.lw(i)),
                    "{text:?} token {i}"
                );
            }
        }
        // the tokens of a mixed text, with their gaps
        let t = Toks::new("Rock'n'Roll’s  5\u{a0}km\n\u{2019}x");
        let got: Vec<(K, Gap, &str, &str)> = (0..t.len())
            .map(|i| (t.t[i].k, t.t[i].gap, t.raw(i), t.lw(i)))
            .collect();
        assert_eq!(
            got,
            vec![
                (K::Word, Gap::Adj, "Rock'n'Roll’s", "rock'n'roll's"),
                (K::Num, Gap::Near, "5", "5"),
                (K::Word, Gap::Near, "km", "km"),
                (K::Sym, Gap::Far, "\u{2019}", "\u{2019}"),
                (K::Word, Gap::Adj, "x", "x"),
            ]
        );
    }

    #[test]
    fn decimal_value_is_parse() {
        let mut texts: Vec<(Vec<String>, Option<String>)> = Vec::new();
        let samples = [
            "",
            "0",
            "00",
            "5",
            "05",
            "12",
            "123",
            "999",
            "1000",
            "4294967296",
            "999999999999999",
            "9999999999999999",
            "12345678901234567890",
            "1",
            "25",
            "333",
        ];
        for a in samples {
            for b in samples {
                texts.push((vec![a.to_string(), b.to_string()], None));
                texts.push((vec![a.to_string()], Some(b.to_string())));
                texts.push((vec![a.to_string(), "000".into()], Some(b.to_string())));
            }
        }
        // a simple deterministic generator of digit strings
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let d = x.to_string();
            let (a, b) = d.split_at((x % 17) as usize % d.len());
            let f = &b[..(x % 11) as usize % (b.len() + 1)];
            texts.push((vec![a.to_string()], Some(f.to_string())));
            texts.push((vec![a.to_string(), f.to_string()], None));
        }
        for (int_part, frac) in &texts {
            let ip: Vec<&str> = int_part.iter().map(String::as_str).collect();
            let mut s = int_part.concat();
            if let Some(f) = frac {
                s.push('.');
                s.push_str(f);
            }
            let want = s.parse::<f64>().ok().map(f64::to_bits);
            let got = decimal_value(&ip, frac.as_deref()).map(f64::to_bits);
            assert_eq!(got, want, "{s}");
        }
        assert_eq!(decimal_value(&["2"], Some("5")), Some(2.5));
        assert_eq!(decimal_value(&["1", "234"], None), Some(1234.0));
        assert_eq!(decimal_value(&[""], None), None);
    }

    #[test]
    fn count_words() {
        let cases: &[(&str, Option<u32>)] = &[
            ("30", Some(30)),
            ("1,000", Some(1000)),
            ("1,0,0", Some(100)),
            ("+5", Some(5)),
            (",+5", Some(5)),
            ("+", None),
            ("", None),
            (",", None),
            ("-5", None),
            ("4294967295", Some(u32::MAX)),
            ("4294967296", None),
            ("eight", Some(8)),
            ("Nineteen", Some(19)),
            ("thirty-one", Some(31)),
            ("THIRTY", Some(30)),
            ("twenty-", None),
            ("eight-member", None),
            ("thirty-eleven", None),
            ("eleven-one", None),
            ("dozen", None),
            ("hundred", None),
            ("member", None),
            ("\u{663}", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_count_word(s), *want, "{s:?}");
            // the digit path is u32 parsing without the commas
            if s.bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'+' || b == b'-')
            {
                assert_eq!(
                    parse_count_word(s),
                    s.replace(',', "").parse::<u32>().ok(),
                    "{s:?}"
                );
            }
        }
    }

    /// (surface, value, low, high, unit, dimension, qualifier)
    type Row = (
        String,
        f64,
        Option<f64>,
        Option<f64>,
        Option<String>,
        String,
        Option<String>,
    );

    fn all(text: &str) -> Vec<Row> {
        find(text)
            .into_iter()
            .map(|m| {
                let q = m.quantity;
                (
                    text[m.span.0..m.span.1].to_string(),
                    q.value,
                    q.low,
                    q.high,
                    q.unit,
                    q.dimension,
                    q.qualifier,
                )
            })
            .collect()
    }

    fn one(text: &str) -> QuantityMatch {
        let v = find(text);
        assert_eq!(v.len(), 1, "expected one quantity in {text:?}, got {v:?}");
        v.into_iter().next().unwrap()
    }

    fn surface(text: &str) -> String {
        let m = one(text);
        text[m.span.0..m.span.1].to_string()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    fn assert_interval(text: &str, value: f64, low: Option<f64>, high: Option<f64>) {
        let q = one(text).quantity;
        assert!(
            close(q.value, value),
            "{text}: value {} != {value}",
            q.value
        );
        match (q.low, low) {
            (Some(a), Some(b)) => assert!(close(a, b), "{text}: low {a} != {b}"),
            (a, b) => assert_eq!(a, b, "{text}: low"),
        }
        match (q.high, high) {
            (Some(a), Some(b)) => assert!(close(a, b), "{text}: high {a} != {b}"),
            (a, b) => assert_eq!(a, b, "{text}: high"),
        }
    }

    fn assert_point(text: &str, v: f64) {
        assert_interval(text, v, Some(v), Some(v));
    }

    fn none(text: &str) {
        let v = all(text);
        assert!(v.is_empty(), "expected no quantity in {text:?}, got {v:?}");
    }

    fn unit_of(text: &str) -> (Option<String>, String) {
        let q = one(text).quantity;
        (q.unit, q.dimension)
    }

    // ---------------------------------------------------------------- vocabulary
    #[test]
    fn vocabularies_parse() {
        let lx = lexicon();
        assert!(lx.cardinals.len() >= 28);
        assert!(lx.rules.len() >= 8);
        assert_eq!(lx.exact.low_factor, Some(1.0));
        assert_eq!(lx.exact.high_factor, Some(1.0));
    }

    #[test]
    fn qualifier_rules_from_data() {
        let r = qualifier_rule(Some("More  than")).unwrap();
        assert_eq!(
            (r.low_factor, r.high_factor, r.low_exclusive),
            (Some(1.0), None, true)
        );
        let r = qualifier_rule(Some("at least")).unwrap();
        assert_eq!(
            (r.low_factor, r.high_factor, r.low_exclusive),
            (Some(1.0), None, false)
        );
        let r = qualifier_rule(Some("about")).unwrap();
        assert_eq!((r.low_factor, r.high_factor), (Some(0.9), Some(1.1)));
        let r = qualifier_rule(Some("nearly")).unwrap();
        assert_eq!((r.low_factor, r.high_factor), (Some(0.9), Some(1.0)));
        let r = qualifier_rule(Some("up to")).unwrap();
        assert_eq!((r.low_factor, r.high_factor), (Some(0.0), Some(1.0)));
        let r = qualifier_rule(Some("or more")).unwrap();
        assert!(r.after);
        assert!(qualifier_rule(Some("banana")).is_none());
        assert_eq!(qualifier_rule(None).unwrap().meaning, "exact");
    }

    // ---------------------------------------------------------------- digits
    #[test]
    fn plain_integer() {
        assert_point("164 people", 164.0);
    }

    #[test]
    fn comma_thousands() {
        assert_point("1,782 km", 1782.0);
        assert_point("1,234,567", 1_234_567.0);
        assert_eq!(surface("about 10,000 troops"), "about 10,000");
    }

    #[test]
    fn decimals() {
        assert_point("2.5", 2.5);
        assert_point(".08", 0.08);
        assert_point("4.800", 4.8);
    }

    #[test]
    fn comma_and_decimal() {
        assert_point("1,674,200.5", 1_674_200.5);
    }

    #[test]
    fn indian_grouping() {
        assert_point("12,34,567.89", 1_234_567.89);
    }

    #[test]
    fn space_thousands() {
        assert_point("5 969 people", 5969.0);
        assert_point("40\u{202f}000", 40000.0);
        assert_point("1 414 021 100", 1_414_021_100.0);
    }

    #[test]
    fn space_not_thousands() {
        let v = all("423 0000 items");
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].1, 423.0);
        let v = all("245 23");
        assert_eq!(v.iter().map(|r| r.1).collect::<Vec<_>>(), vec![245.0, 23.0]);
    }

    #[test]
    fn bad_comma_groups_are_separate_numbers() {
        let v = all("Exercises 22,24,26,31.");
        assert_eq!(
            v.iter().map(|r| r.1).collect::<Vec<_>>(),
            vec![22.0, 24.0, 26.0, 31.0]
        );
    }

    #[test]
    fn dotted_chain_is_separate_numbers() {
        let v = all("192.168.1.2");
        assert_eq!(
            v.iter().map(|r| r.1).collect::<Vec<_>>(),
            vec![192.0, 168.0, 1.0, 2.0]
        );
    }

    #[test]
    fn exponent() {
        assert_point("1.3e6", 1_300_000.0);
    }

    // ---------------------------------------------------------------- scales
    #[test]
    fn scale_words() {
        assert_point("1.5 million", 1_500_000.0);
        assert_point("3.2 billion", 3_200_000_000.0);
        assert_point("2 trillion", 2e12);
    }

    #[test]
    fn scale_suffixes() {
        assert_point("100k", 100_000.0);
        assert_point("10M", 10_000_000.0);
        assert_point("1.2b", 1_200_000_000.0);
    }

    #[test]
    fn dollars_bn() {
        let m = one("a $2bn loan");
        assert_eq!(m.span, (2, 6));
        assert_eq!(m.quantity.value, 2e9);
        assert_eq!(m.quantity.unit.as_deref(), Some("USD"));
        assert_eq!(m.quantity.dimension, "currency");
        let n = m.quantity.normalized.unwrap();
        assert_eq!(
            (n.low, n.high, n.unit.as_str()),
            (Some(2e9), Some(2e9), "USD")
        );
    }

    #[test]
    fn glued_m_is_million_for_money_and_people() {
        let q = one("$2m").quantity;
        assert_eq!((q.value, q.unit.as_deref()), (2e6, Some("USD")));
        let q = one("2m people").quantity;
        assert_eq!(
            (q.value, q.unit.as_deref(), q.dimension.as_str()),
            (2e6, None, "count")
        );
    }

    #[test]
    fn glued_m_is_metre_otherwise() {
        let q = one("I'm 1.8m tall.").quantity;
        assert_eq!((q.value, q.unit.as_deref()), (1.8, Some("m")));
    }

    #[test]
    fn digits_scale_continuation() {
        assert_point("4 thousand 3 hundred and 21", 4321.0);
        let v = all("3 hundred and 2 hundred");
        assert_eq!(
            v.iter().map(|r| r.1).collect::<Vec<_>>(),
            vec![300.0, 200.0]
        );
    }

    // ---------------------------------------------------------------- words
    #[test]
    fn cardinal_words() {
        assert_point("twelve", 12.0);
        assert_point("twenty-five", 25.0);
        assert_point("one hundred and twenty", 120.0);
        assert_point("Twenty-six people die", 26.0);
    }

    #[test]
    fn a_hundred_thousand_million() {
        assert_point("a hundred", 100.0);
        assert_point("a thousand", 1000.0);
        assert_point("a million", 1e6);
    }

    #[test]
    fn two_and_a_half_million() {
        assert_point("two and a half million", 2_500_000.0);
        assert_point("one and a half", 1.5);
    }

    #[test]
    fn million_and_a_half() {
        assert_point("one million and a half", 1_500_000.0);
        assert_point("3 million and a half", 3_500_000.0);
    }

    #[test]
    fn long_word_number() {
        assert_point(
            "twenty-one trillion and three hundred",
            21_000_000_000_300.0,
        );
        assert_point("seven hundred twenty-one thousand twelve", 721_012.0);
    }

    #[test]
    fn plural_scale_after_number() {
        assert_point("three billions", 3e9);
    }

    #[test]
    fn spelled_decimal() {
        assert_point("two point five million", 2_500_000.0);
    }

    #[test]
    fn dozens() {
        assert_point("a dozen", 12.0);
        assert_point("two dozen", 24.0);
        assert_point("3 dozens", 36.0);
        assert_point("half a dozen", 6.0);
    }

    #[test]
    fn couple() {
        assert_point("a couple of people", 2.0);
        assert_eq!(surface("a couple of people"), "a couple of");
        let q = one("a couple of days").quantity;
        assert_eq!((q.value, q.unit.as_deref()), (2.0, Some("day")));
    }

    // ---------------------------------------------------------------- vague
    #[test]
    fn vague_amounts() {
        assert_interval("dozens of people", 24.0, Some(24.0), Some(99.0));
        assert_interval("hundreds were hurt", 200.0, Some(200.0), Some(999.0));
        assert_interval("thousands", 2000.0, Some(2000.0), Some(9999.0));
        assert_interval("several", 3.0, Some(3.0), Some(9.0));
        assert_interval("scores of", 40.0, Some(40.0), Some(99.0));
    }

    #[test]
    fn vague_with_scale() {
        assert_interval("several hundred", 300.0, Some(300.0), Some(900.0));
        assert_interval(
            "hundreds of thousands",
            200_000.0,
            Some(200_000.0),
            Some(999_000.0),
        );
        assert_interval(
            "tens of thousands",
            20_000.0,
            Some(20_000.0),
            Some(99_000.0),
        );
        none("tens");
    }

    // ---------------------------------------------------------------- fractions, percent
    #[test]
    fn fractions() {
        let q = one("half of the protesters").quantity;
        assert_eq!((q.value, q.dimension.as_str()), (0.5, "fraction"));
        assert!(close(one("a third").quantity.value, 1.0 / 3.0));
        assert!(close(one("two thirds").quantity.value, 2.0 / 3.0));
        assert_point("three quarters", 0.75);
        assert_point("one-eighth", 0.125);
        assert_point("3/4", 0.75);
        assert_point("½", 0.5);
        assert_point("half a million", 500_000.0);
    }

    #[test]
    fn half_not_in_compounds() {
        none("his half-brother");
        none("the first half");
    }

    #[test]
    fn percentages() {
        for t in ["40%", "40 per cent", "40 percent"] {
            let q = one(t).quantity;
            assert_eq!(q.value, 40.0);
            assert_eq!(q.unit.as_deref(), Some("percent"));
            assert_eq!(q.dimension, "percent");
            assert_eq!(surface(t), t);
        }
    }

    // ---------------------------------------------------------------- ranges
    #[test]
    fn ranges() {
        assert_interval("10-15", 10.0, Some(10.0), Some(15.0));
        assert_interval("10–15", 10.0, Some(10.0), Some(15.0));
        assert_interval("10 to 15", 10.0, Some(10.0), Some(15.0));
        assert_interval("between 10 and 15", 10.0, Some(10.0), Some(15.0));
        assert_eq!(
            one("between 10 and 15").quantity.qualifier.as_deref(),
            Some("between")
        );
    }

    #[test]
    fn range_with_shared_scale_and_unit() {
        assert_interval("2 to 3 million", 2e6, Some(2e6), Some(3e6));
        let q = one("3-5 kilometers").quantity;
        assert_eq!(
            (q.low, q.high, q.unit.as_deref()),
            (Some(3.0), Some(5.0), Some("km"))
        );
        let q = one("5k-20k").quantity;
        assert_eq!((q.low, q.high), (Some(5000.0), Some(20000.0)));
    }

    #[test]
    fn suspended_hyphen_range() {
        let q = one("an 8- to 16-meter telescope").quantity;
        assert_eq!(
            (q.low, q.high, q.unit.as_deref()),
            (Some(8.0), Some(16.0), Some("m"))
        );
    }

    #[test]
    fn from_to_is_two_values() {
        let v = all("rose from 164 to 225");
        assert_eq!(
            v.iter().map(|r| r.1).collect::<Vec<_>>(),
            vec![164.0, 225.0]
        );
    }

    #[test]
    fn descending_pair_is_not_a_range() {
        let v = all("a 3-1 win");
        assert_eq!(v.len(), 2);
    }

    // ---------------------------------------------------------------- qualifiers
    #[test]
    fn more_than() {
        assert_interval("more than 2 million people", 2e6, Some(2e6), None);
        assert_eq!(surface("more than 2 million people"), "more than 2 million");
        assert_eq!(
            one("more than 2 million").quantity.qualifier.as_deref(),
            Some("more than")
        );
    }

    #[test]
    fn over_and_at_least() {
        assert_interval("over 1,000", 1000.0, Some(1000.0), None);
        assert_interval("at least 225 people were killed", 225.0, Some(225.0), None);
        assert_interval("in excess of 50", 50.0, Some(50.0), None);
    }

    #[test]
    fn about_is_ten_percent() {
        assert_interval("about 164 people", 164.0, Some(147.6), Some(180.4));
        let q = one("about 3,000").quantity;
        assert_eq!((q.low, q.high), (Some(2700.0), Some(3300.0)));
        assert_interval("roughly 2,000", 2000.0, Some(1800.0), Some(2200.0));
        assert_interval("some 2,000 troops", 2000.0, Some(1800.0), Some(2200.0));
    }

    #[test]
    fn nearly_is_just_below() {
        assert_interval("nearly 10,000", 10000.0, Some(9000.0), Some(10000.0));
        assert_interval("almost 50", 50.0, Some(45.0), Some(50.0));
    }

    #[test]
    fn up_to_and_less_than() {
        assert_interval("up to 700", 700.0, Some(0.0), Some(700.0));
        assert_interval("fewer than a thousand", 1000.0, Some(0.0), Some(1000.0));
        assert_interval("under 170", 170.0, Some(0.0), Some(170.0));
    }

    #[test]
    fn longest_qualifier_wins() {
        let q = one("just over 1,000").quantity;
        assert_eq!(q.qualifier.as_deref(), Some("just over"));
        let q = one("less than or equal to 100").quantity;
        assert_eq!(q.qualifier.as_deref(), Some("less than or equal to"));
        assert_eq!((q.low, q.high), (Some(0.0), Some(100.0)));
    }

    #[test]
    fn qualifier_after() {
        assert_interval("500 or more", 500.0, Some(500.0), None);
        assert_interval("30-odd", 30.0, Some(27.0), Some(33.0));
        assert_eq!(surface("1,000 or more people"), "1,000 or more");
    }

    #[test]
    fn two_comparisons_stay_apart() {
        let v = all("More than 40 and less than 10");
        assert_eq!(v.len(), 2);
        assert_eq!((v[0].2, v[0].3), (Some(40.0), None));
        assert_eq!((v[1].2, v[1].3), (Some(0.0), Some(10.0)));
    }

    #[test]
    fn qualifier_needs_number() {
        none("over the border");
        none("about the protests");
    }

    // ---------------------------------------------------------------- units
    #[test]
    fn compound_adjectives() {
        let m = one("an over 1,000-mile border");
        assert_eq!(m.span, (3, 18));
        let q = m.quantity;
        assert_eq!(
            (q.value, q.unit.as_deref(), q.dimension.as_str()),
            (1000.0, Some("mile"), "length")
        );
        let n = q.normalized.unwrap();
        assert!(close(n.low.unwrap(), 1609.344));
        assert_eq!((n.high, n.unit.as_str()), (None, "km"));
    }

    #[test]
    fn two_week_state_of_emergency() {
        let m = one("a two-week state of emergency");
        assert_eq!(m.quantity.unit.as_deref(), Some("week"));
        let n = m.quantity.normalized.unwrap();
        assert_eq!(
            (n.low, n.high, n.unit.as_str()),
            (Some(14.0), Some(14.0), "day")
        );
    }

    #[test]
    fn eight_member_bloc_is_a_count() {
        let m = one("the eight-member bloc");
        assert_eq!(m.quantity.value, 8.0);
        assert_eq!(m.quantity.dimension, "count");
        assert_eq!(m.quantity.unit, None);
        assert_eq!(m.quantity.normalized, None);
    }

    #[test]
    fn magnitude() {
        let q = one("a 7.8-magnitude earthquake").quantity;
        assert_eq!(
            (q.value, q.unit.as_deref(), q.dimension.as_str()),
            (7.8, Some("magnitude"), "magnitude")
        );
        assert_eq!(q.normalized, None);
        assert_eq!(surface("a magnitude 7.8 quake"), "magnitude 7.8");
        let q = one("after the magnitude-7.9 earthquake").quantity;
        assert_eq!((q.value, q.dimension.as_str()), (7.9, "magnitude"));
    }

    #[test]
    fn magnitude_on_a_scale_and_ages() {
        let q = one("measured 7.8 on the Richter scale").quantity;
        assert_eq!((q.value, q.dimension.as_str()), (7.8, "magnitude"));
        let q = one("the 81-year-old former president").quantity;
        assert_eq!(
            (q.value, q.unit.as_deref(), q.dimension.as_str()),
            (81.0, Some("year_of_age"), "age")
        );
        let q = one("he is 30 years old").quantity;
        assert_eq!(q.dimension, "age");
    }

    #[test]
    fn lengths() {
        assert_eq!(unit_of("1,782 km"), (Some("km".into()), "length".into()));
        assert_eq!(
            unit_of("1,782 kilometres"),
            (Some("km".into()), "length".into())
        );
        assert_eq!(
            unit_of("1,782 kilometers"),
            (Some("km".into()), "length".into())
        );
        assert_eq!(unit_of("500 metres"), (Some("m".into()), "length".into()));
        assert_eq!(unit_of("six feet"), (Some("ft".into()), "length".into()));
        let n = one("500 metres").quantity.normalized.unwrap();
        assert!(close(n.low.unwrap(), 0.5));
    }

    #[test]
    fn areas() {
        let q = one("2,500 square miles").quantity;
        assert_eq!(q.unit.as_deref(), Some("sq_mile"));
        let n = q.normalized.unwrap();
        assert!(close(n.low.unwrap(), 2500.0 * 2.589988110336));
        assert_eq!(n.unit, "km2");
        assert_eq!(unit_of("190 km2").0.as_deref(), Some("km2"));
        assert_eq!(unit_of("190 sq km").0.as_deref(), Some("km2"));
        assert_eq!(unit_of("40 hectares").0.as_deref(), Some("hectare"));
    }

    #[test]
    fn mass_and_volume() {
        let q = one("16,000 metric tons").quantity;
        assert_eq!(q.unit.as_deref(), Some("tonne"));
        assert_eq!(q.normalized.unwrap().low, Some(16_000_000.0));
        let q = one("500,000 barrels a day").quantity;
        assert_eq!(
            (q.unit.as_deref(), q.dimension.as_str()),
            (Some("barrel"), "volume")
        );
        assert_eq!(unit_of("25 kg").0.as_deref(), Some("kg"));
        assert_eq!(unit_of("75ml").0.as_deref(), Some("ml"));
    }

    #[test]
    fn pounds_mass_or_money() {
        assert_eq!(unit_of("25 pounds").0.as_deref(), Some("lb"));
        assert_eq!(unit_of("2 million pounds").0.as_deref(), Some("GBP"));
        assert_eq!(unit_of("£2,000").0.as_deref(), Some("GBP"));
    }

    #[test]
    fn currencies_never_converted() {
        for (t, code) in [
            ("€10M", "EUR"),
            ("10 euros", "EUR"),
            ("5 billion tenge", "KZT"),
            ("300 rupees", "INR"),
            ("USD 5", "USD"),
            ("100 dollars", "USD"),
        ] {
            let q = one(t).quantity;
            assert_eq!(q.unit.as_deref(), Some(code), "{t}");
            assert_eq!(q.dimension, "currency");
            assert_eq!(q.normalized.unwrap().unit, code);
        }
    }

    #[test]
    fn temperatures() {
        let q = one("100F").quantity;
        let n = q.normalized.unwrap();
        assert!(close(n.low.unwrap(), 37.77777777777778));
        assert_eq!(n.unit, "C");
        let q = one("temperatures of -20 °C").quantity;
        assert_eq!((q.value, q.unit.as_deref()), (-20.0, Some("C")));
        assert_eq!(unit_of("32 degrees Celsius").0.as_deref(), Some("C"));
    }

    #[test]
    fn durations() {
        let q = one("three days").quantity;
        assert_eq!(
            (q.unit.as_deref(), q.normalized.unwrap().low),
            (Some("day"), Some(3.0))
        );
        let q = one("36 hours").quantity;
        assert!(close(q.normalized.unwrap().low.unwrap(), 1.5));
    }

    #[test]
    fn unit_in_brackets() {
        assert_eq!(unit_of("The weight is 20 (kg)").0.as_deref(), Some("kg"));
    }

    #[test]
    fn counts_have_no_unit_or_normalized() {
        let q = one("164 people").quantity;
        assert_eq!(
            (q.unit, q.dimension.as_str(), q.normalized),
            (None, "count", None)
        );
        assert_eq!((q.counted, q.counted_class, q.role), (None, None, None));
    }

    // ---------------------------------------------------------------- not quantities
    #[test]
    fn years_are_not_quantities() {
        none("in 2022");
        none("since 1991");
        none("the 2015 earthquake");
        none("in 2013-14");
        none("from 1991-2022");
    }

    #[test]
    fn qualified_four_digit_number_is_kept() {
        assert_interval("more than 2000", 2000.0, Some(2000.0), None);
    }

    #[test]
    fn dates_are_not_quantities() {
        none("7 January 2022");
        none("on Jan. 7");
        none("2022-01-07");
        none("January 7th");
        none("on 5/17/2018");
        none("on January 5 and 6");
        none("Jan 5-7");
        none("on 5 and 6 January");
    }

    #[test]
    fn times_are_not_quantities() {
        none("at 3 p.m.");
        none("at 10:30");
        none("at 2pm");
        none("at 6 am");
    }

    #[test]
    fn ordinals_are_not_quantities() {
        none("the first day");
        none("the 7th day");
        none("21st-century");
    }

    #[test]
    fn phones_and_codes_are_not_quantities() {
        none("+1-222-2222-2222");
        none("COVID-19");
        none("flight MH17");
        none("version v2.1 and MH17.5");
        none("24703L202");
        none("scp2-173m");
        assert_eq!(unit_of("24703 L-202").0, None);
    }

    #[test]
    fn one_as_pronoun() {
        none("one of the");
        none("the one who");
        none("no one");
        none("Which one do you prefer?");
        assert_point("one person", 1.0);
    }

    #[test]
    fn a_alone_is_not_a_number() {
        none("a man");
        none("a border");
        none("a mix");
        none("a");
    }

    // ---------------------------------------------------------------- spans, order
    #[test]
    fn spans_in_order_non_overlapping() {
        let text = "About 10,000 troops and 2,500 police, nearly 40% of them, moved 1,000 km.";
        let v = find(text);
        assert_eq!(v.len(), 4);
        for w in v.windows(2) {
            assert!(w[0].span.1 <= w[1].span.0);
        }
        let surfaces: Vec<&str> = v.iter().map(|m| &text[m.span.0..m.span.1]).collect();
        assert_eq!(
            surfaces,
            vec!["About 10,000", "2,500", "nearly 40%", "1,000 km"]
        );
        assert_eq!(v[0].quantity.qualifier.as_deref(), Some("about"));
    }

    #[test]
    fn span_with_utf8_before() {
        let text = "Алматы — 225 killed";
        let m = one(text);
        assert_eq!(&text[m.span.0..m.span.1], "225");
    }

    // ---------------------------------------------------------------- robustness
    #[test]
    fn huge_digit_string_dropped() {
        let s = "9".repeat(10_000);
        assert!(find(&s).is_empty());
    }

    #[test]
    fn huge_inputs_finish() {
        let big = "Over 1,000 people, about 2.5 million dollars, 7 January 2022. ".repeat(17_000);
        assert!(big.len() > 1_000_000);
        let v = find(&big);
        assert_eq!(v.len(), 34_000);
        let commas = "1,".repeat(100_000);
        let _ = find(&commas);
        let words = "one hundred ".repeat(50_000);
        let _ = find(&words);
    }

    #[test]
    fn empty_and_odd_input() {
        assert!(find("").is_empty());
        assert!(find("\u{feff}\r\n").is_empty());
        let _ = find("$$$$ ---- ½½½ ... ,,,");
    }
}
