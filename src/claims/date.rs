//! Date recogniser.
//!
//! Input: one sentence and the report's date (`Source::date`, if known). Output: [`DateMatch`]es
//! with spans relative to the sentence, each a calendar date:
//!
//! - absolute dates: "7 January 2022", "on 6 January", "Jan. 7", "January 7th", "January 7, 2022",
//!   "2022-01-07". A missing year is taken from the report date (a date more than half a year
//!   after the report date is put in the year before); without a report date it is skipped;
//! - weekdays ("on Friday", "last Friday") and "yesterday", "today", "tomorrow", "last night",
//!   "last week", resolved against the report date: a weekday is the most recent such day on or
//!   before the report date ("last Friday": strictly before), or the next one when the sentence
//!   speaks of the future near it ("will", "next Friday", "is due to", "on Monday, when leaders
//!   will..."). Without a report date, relative dates are skipped.
//!
//! A preceding "on" is part of the claim's text. Years alone ("in 2022") and durations are not
//! dates.

use std::sync::OnceLock;

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use regex::Regex;

use super::{words, DateClaim};

/// A date found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct DateMatch {
    /// Byte span within the sentence.
    pub span: (usize, usize),
    pub date: DateClaim,
}

const MONTHS: &str = r"January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const WEEKDAYS: &str = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
/// Relative day words, matched case-insensitively.
const RELATIVE: &str = "yesterday|today|tomorrow|last night|last week";

/// The date patterns.
#[derive(Debug, Clone, Copy)]
enum Pattern {
    Iso,
    Range,
    DayMonth,
    MonthDay,
    Weekday,
    Relative,
}

impl Pattern {
    fn source(self) -> String {
        match self {
            Pattern::Iso => r"\b(?:(?i:on)\s+)?(\d{4})-(\d{2})-(\d{2})\b".to_string(),
            Pattern::Range => format!(
                r"\b(?:(?i:from|between)\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:to|-|–|and|until)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\b(?:\.?,?\s+(\d{{4}})\b)?"
            ),
            Pattern::DayMonth => format!(
                r"\b(?:(?i:on)\s+)?(?:(?:{WEEKDAYS}),?\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\b\.?(?:,?\s+(\d{{4}})\b)?"
            ),
            Pattern::MonthDay => format!(
                r"\b(?:(?i:on)\s+)?(?:(?:{WEEKDAYS}),?\s+)?({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"
            ),
            Pattern::Weekday => format!(r"\b(?:(?i:on|last|next|this)\s+)?({WEEKDAYS})\b"),
            Pattern::Relative => format!(r"\b(?i:({RELATIVE}))\b"),
        }
    }

    /// The compiled pattern, built on first use: text without ISO dates or relative words never
    /// pays for compiling those.
    fn regex(self) -> &'static Regex {
        static COMPILED: [OnceLock<Regex>; 6] = [const { OnceLock::new() }; 6];
        COMPILED[self as usize].get_or_init(|| {
            let s = self.source();
            Regex::new(&s).unwrap_or_else(|e| panic!("date pattern {s}: {e}"))
        })
    }
}

fn month_number(m: &str) -> Option<u32> {
    let m = m.to_ascii_lowercase();
    let n = match m.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn weekday(w: &str) -> Option<Weekday> {
    w.parse().ok()
}

/// Find dates in `sentence`; `report_date` resolves missing years and relative dates.
pub fn find(sentence: &str, report_date: Option<NaiveDate>) -> Vec<DateMatch> {
    // Relative dates need a report date to resolve against.
    let want = if report_date.is_some() {
        ISO | ABSOLUTE | WEEKDAY | RELATIVE_DAY
    } else {
        ISO | ABSOLUTE
    };
    let kinds = gate().kinds(sentence.as_bytes(), want);
    if kinds == 0 {
        return Vec::new();
    }
    find_kinds(sentence, report_date, kinds)
}

/// The month of a day-month or month-day date as written, and whether the day comes first
/// ("7 January": true): the text of its `resolved_from`, formatted only when it is needed.
type Written<'s> = (&'s str, bool);

/// [`find`] running only the patterns of `kinds` (bits [`ISO`]...): the same result as running
/// every pattern when `kinds` holds every kind the [`Gate`] lets through.
fn find_kinds(sentence: &str, report_date: Option<NaiveDate>, kinds: u8) -> Vec<DateMatch> {
    let mut out: Vec<DateMatch> = Vec::new();
    let taken = |out: &Vec<DateMatch>, a: usize, b: usize| {
        out.iter().any(|m| super::overlaps(m.span, (a, b)))
    };
    let iso = kinds & ISO != 0;
    let months = kinds & ABSOLUTE != 0;
    let weekdays = kinds & WEEKDAY != 0;
    let relative = kinds & RELATIVE_DAY != 0;

    for c in captures(Pattern::Iso, sentence, iso) {
        let (Some(all), Some(y), Some(m), Some(d)) = (c.get(0), c.get(1), c.get(2), c.get(3))
        else {
            continue;
        };
        let date = y
            .as_str()
            .parse()
            .ok()
            .zip(m.as_str().parse().ok())
            .zip(d.as_str().parse().ok())
            .and_then(|((y, m), d)| NaiveDate::from_ymd_opt(y, m, d));
        if let Some(value) = date {
            out.push(DateMatch {
                span: (all.start(), all.end()),
                date: DateClaim {
                    value,
                    resolved_from: None,
                },
            });
        }
    }

    // Day-month and month-day; the one that starts first wins on overlap.
    // (start, end, day, month, year, how it is written)
    let mut abs: Vec<(usize, usize, u32, u32, Option<i32>, Written<'_>)> = Vec::new();
    // "from 28 to 30 June": the first day is a date of its own ("from 28"); the second is
    // found below as "30 June".
    for c in captures(Pattern::Range, sentence, months) {
        let (Some(all), Some(d), Some(m)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let (Some(day), Some(month)) = (d.as_str().parse().ok(), month_number(m.as_str())) else {
            continue;
        };
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        abs.push((all.start(), d.end(), day, month, year, (m.as_str(), true)));
    }
    for c in captures(Pattern::DayMonth, sentence, months) {
        let (Some(all), Some(d), Some(m)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let (Some(day), Some(month)) = (d.as_str().parse().ok(), month_number(m.as_str())) else {
            continue;
        };
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        let end = trim_dot(sentence, all.end(), m.as_str(), m.end());
        abs.push((all.start(), end, day, month, year, (m.as_str(), true)));
    }
    for c in captures(Pattern::MonthDay, sentence, months) {
        let (Some(all), Some(m), Some(d)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let (Some(day), Some(month)) = (d.as_str().parse().ok(), month_number(m.as_str())) else {
            continue;
        };
        // "May 5" needs a capital M; "may" as a verb never matches (case-sensitive).
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        abs.push((
            all.start(),
            all.end(),
            day,
            month,
            year,
            (m.as_str(), false),
        ));
    }
    abs.sort_by_key(|a| (a.0, std::cmp::Reverse(a.1)));
    for (a, b, day, month, year, (m, day_first)) in abs {
        if taken(&out, a, b) {
            continue;
        }
        let (value, resolved_from) = match year {
            Some(y) => (NaiveDate::from_ymd_opt(y, month, day), None),
            None => match report_date {
                Some(r) => (
                    infer_year(r, month, day),
                    Some(if day_first {
                        format!("{day} {m}, year of report date {r}")
                    } else {
                        format!("{m} {day}, year of report date {r}")
                    }),
                ),
                None => (None, None),
            },
        };
        if let Some(value) = value {
            out.push(DateMatch {
                span: (a, b),
                date: DateClaim {
                    value,
                    resolved_from,
                },
            });
        }
    }

    if let Some(r) = report_date {
        for c in captures(Pattern::Weekday, sentence, weekdays) {
            let (Some(all), Some(w)) = (c.get(0), c.get(1)) else {
                continue;
            };
            if taken(&out, all.start(), all.end()) {
                continue;
            }
            let Some(wd) = weekday(w.as_str()) else {
                continue;
            };
            let lead = sentence[all.start()..w.start()].trim();
            let next = lead.eq_ignore_ascii_case("next");
            let last = lead.eq_ignore_ascii_case("last");
            let future = next || future_cue(sentence, w.start(), w.end());
            let strictly_before = last;
            let value = if future {
                next_weekday(r, wd)
            } else {
                prev_weekday(r, wd, strictly_before)
            };
            let how = match (next, last) {
                (true, _) => format!("next {}", w.as_str()),
                (_, true) => format!("last {}", w.as_str()),
                _ => w.as_str().to_string(),
            };
            out.push(DateMatch {
                span: (all.start(), all.end()),
                date: DateClaim {
                    value,
                    resolved_from: Some(format!("{how}, relative to report date {r}")),
                },
            });
        }
        for c in captures(Pattern::Relative, sentence, relative) {
            let (Some(all), Some(w)) = (c.get(0), c.get(1)) else {
                continue;
            };
            if taken(&out, all.start(), all.end()) {
                continue;
            }
            let word = w.as_str().to_ascii_lowercase();
            let days = match word.as_str() {
                "yesterday" | "last night" => -1,
                "today" => 0,
                "tomorrow" => 1,
                "last week" => -7,
                _ => continue,
            };
            // "today's" as in "today's world" is still the report date; fine.
            out.push(DateMatch {
                span: (all.start(), all.end()),
                date: DateClaim {
                    value: r + Duration::days(days),
                    resolved_from: Some(format!("{word}, relative to report date {r}")),
                },
            });
        }
    }
    out.sort_by_key(|m| m.span);
    out
}

/// The matches of `pattern` in `s`, or none without searching (or compiling) when `run` is
/// false.
fn captures(
    pattern: Pattern,
    s: &str,
    run: bool,
) -> impl Iterator<Item = regex::Captures<'_>> + use<'_> {
    run.then(|| pattern.regex().captures_iter(s))
        .into_iter()
        .flatten()
}

/// Kinds of date pattern, as bits: which patterns [`find`] has to run.
const ISO: u8 = 1;
/// Day-month and month-day dates (and ranges): a month name and an ASCII digit.
const ABSOLUTE: u8 = 2;
/// A weekday name.
const WEEKDAY: u8 = 4;
/// A relative day word ("yesterday", "last week").
const RELATIVE_DAY: u8 = 8;

/// One literal that a kind of pattern cannot match without.
#[derive(Debug)]
struct Trigger {
    bytes: Vec<u8>,
    /// Compared ASCII-case-insensitively.
    fold: bool,
    kind: u8,
}

/// The three bytes `a b c` as a key (little-endian, as they are read from memory).
fn key3(a: u8, b: u8, c: u8) -> u32 {
    u32::from_le_bytes([a, b, c, 0])
}

/// Bits of the hash of a three-byte window: the size of [`Gate::table`] is `1 << TABLE_BITS`.
const TABLE_BITS: u32 = 16;

/// The [`Gate::table`] slot of a three-byte key (multiplicative hashing). The factor is a
/// multiple of 256, so a fourth byte in the top of `key` does not change the slot.
fn slot(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_7900) >> (32 - TABLE_BITS)) as usize
}

/// The sentence pre-filter of [`find`]: one pass over the bytes telling which kinds of pattern
/// can match. Built from the alternatives the patterns are made of ([`MONTHS`], [`WEEKDAYS`],
/// [`RELATIVE`]): a pattern of a kind can only match a text that holds one of its literals
/// (case-sensitively for month and weekday names, ASCII-case-insensitively for the relative
/// words: the pattern also folds "K" (Kelvin sign) to "k", but such a match names no relative
/// word [`find`] knows and yields nothing); an ISO date needs a dash between two ASCII digits;
/// a day-month or month-day date needs its day in ASCII digits (a day in other digits matches
/// the pattern but is not parsed), so also any ASCII digit.
///
/// Each literal is looked for at one three-byte window of it (its anchor, chosen from rare
/// bytes; every ASCII case variant of it for a relative word), and an ISO date at its
/// "digit-dash-digit" window. A table indexed by a hash of three bytes gives the kinds with an
/// anchor hashed there: the sentence is read eight bytes at a time, six windows each, and a
/// block whose windows hash to no wanted kind (most blocks) costs just those six look-ups. In
/// the other blocks each window whose slot holds a wanted kind is compared with the anchors
/// (exactly), then the literal with the text around it.
#[derive(Debug)]
struct Gate {
    triggers: Vec<Trigger>,
    /// For each [`slot`]: the kinds with an anchor hashed there.
    table: Box<[u8; 1 << TABLE_BITS]>,
    /// (anchor key, trigger, offset of the anchor in the trigger), sorted.
    anchors: Vec<(u32, usize, usize)>,
}

/// How often a byte is expected in English text, roughly (a lower number is rarer): capitals,
/// digits and non-ASCII continuation bytes are rare, then lower-case letters by frequency.
/// A heuristic for choosing anchors; any choice gives the same result.
fn byte_cost(b: u8) -> u32 {
    const LETTERS_BY_FREQUENCY: &[u8] = b"etaoinsrhldcumfpgwybvkxjqz";
    match b {
        b'A'..=b'Z' | b'0'..=b'9' | 0x80..=0xBF => 1,
        0xC0..=0xFF => 20,
        _ => LETTERS_BY_FREQUENCY
            .iter()
            .position(|&c| c == b)
            .map_or(40, |p| 28 - p as u32),
    }
}

/// The ASCII case variants of `bytes` (just `bytes` unless `fold`).
fn case_variants(bytes: &[u8], fold: bool) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = vec![Vec::new()];
    for &b in bytes {
        let mut cases = vec![b];
        if fold && b.is_ascii_alphabetic() {
            cases = vec![b.to_ascii_lowercase(), b.to_ascii_uppercase()];
        }
        out = out
            .iter()
            .flat_map(|v| {
                cases.iter().map(move |&c| {
                    let mut v = v.clone();
                    v.push(c);
                    v
                })
            })
            .collect();
    }
    out
}

impl Gate {
    fn new() -> Self {
        let mut triggers: Vec<Trigger> = Vec::new();
        for (alternatives, fold, kind) in [
            (MONTHS, false, ABSOLUTE),
            (WEEKDAYS, false, WEEKDAY),
            (RELATIVE, true, RELATIVE_DAY),
        ] {
            let words: Vec<&str> = alternatives.split('|').collect();
            let key = |w: &str| {
                if fold {
                    w.to_ascii_lowercase()
                } else {
                    w.to_string()
                }
            };
            for w in &words {
                // A word holding a shorter alternative ("January" holds "Jan") needs no
                // literal of its own.
                let covered = words
                    .iter()
                    .any(|o| o.len() < w.len() && key(w).contains(&key(o)));
                if !covered {
                    triggers.push(Trigger {
                        bytes: w.as_bytes().to_vec(),
                        fold,
                        kind,
                    });
                }
            }
        }
        let mut table = Box::new([0u8; 1 << TABLE_BITS]);
        let mut anchors = Vec::new();
        for (n, t) in triggers.iter().enumerate() {
            let cost = |b: u8| {
                if t.fold && b.is_ascii_alphabetic() {
                    byte_cost(b.to_ascii_lowercase()) + byte_cost(b.to_ascii_uppercase())
                } else {
                    byte_cost(b)
                }
            };
            // Every literal has three bytes or more (tested).
            let Some((offset, window)) = t
                .bytes
                .windows(3)
                .enumerate()
                .min_by_key(|(_, w)| w.iter().map(|&b| cost(b)).sum::<u32>())
            else {
                continue;
            };
            for v in case_variants(window, t.fold) {
                if let [a, b, c] = v[..] {
                    let key = key3(a, b, c);
                    table[slot(key)] |= t.kind;
                    anchors.push((key, n, offset));
                }
            }
        }
        anchors.sort_unstable();
        // ISO dates: "digit-dash-digit".
        for a in b'0'..=b'9' {
            for c in b'0'..=b'9' {
                table[slot(key3(a, b'-', c))] |= ISO;
            }
        }
        Self {
            triggers,
            table,
            anchors,
        }
    }

    /// The kinds among `want` whose patterns may match `s`; a kind left out has no match
    /// that yields a date.
    fn kinds(&self, s: &[u8], mut want: u8) -> u8 {
        let table: &[u8; 1 << TABLE_BITS] = &self.table;
        let mut found = 0;
        let mut p = 0;
        while let Some(w) = s.get(p..p + 8) {
            let Ok(w) = <[u8; 8]>::try_from(w) else {
                break;
            };
            let x = u64::from_le_bytes(w);
            let mut any = 0;
            for j in 0..6 {
                // The fourth byte in the key is ignored by `slot`.
                any |= table[slot((x >> (8 * j)) as u32)];
            }
            if any & want != 0 {
                self.scan(s, p, p + 6, &mut found, &mut want);
                if want == 0 {
                    break;
                }
            }
            p += 6;
        }
        if want != 0 {
            self.scan(s, p, s.len(), &mut found, &mut want);
        }
        // A day, month or year only yields a date when written in ASCII digits.
        if found & ABSOLUTE != 0 && !s.iter().any(u8::is_ascii_digit) {
            found &= !ABSOLUTE;
        }
        found
    }

    /// Adds to `found` (and takes from `want`) the kinds with a literal anchored on a window of
    /// `s` starting in `from..to`.
    fn scan(&self, s: &[u8], from: usize, to: usize, found: &mut u8, want: &mut u8) {
        for p in from..to {
            let Some(&[a, b, c]) = s.get(p..p + 3) else {
                return;
            };
            let key = key3(a, b, c);
            let here = self.table[slot(key)] & *want;
            if here != 0 {
                *found |= self.found_at(s, p, key, here);
                *want &= !*found;
                if *want == 0 {
                    return;
                }
            }
        }
    }

    /// The kinds among `here` with a literal whose anchor is the window `key` starting at byte
    /// `i` of `s`.
    #[inline(never)]
    fn found_at(&self, s: &[u8], i: usize, key: u32, here: u8) -> u8 {
        let mut found = 0;
        let [a, b, c, _] = key.to_le_bytes();
        if here & ISO != 0 && b == b'-' && a.is_ascii_digit() && c.is_ascii_digit() {
            found |= ISO;
        }
        let from = self.anchors.partition_point(|x| x.0 < key);
        for &(k, n, offset) in self.anchors.get(from..).unwrap_or(&[]) {
            if k != key {
                break;
            }
            let Some(t) = self.triggers.get(n) else {
                continue;
            };
            if t.kind & here & !found == 0 {
                continue;
            }
            let Some(w) = i
                .checked_sub(offset)
                .and_then(|start| s.get(start..start + t.bytes.len()))
            else {
                continue;
            };
            let same = if t.fold {
                w.eq_ignore_ascii_case(&t.bytes)
            } else {
                w == t.bytes.as_slice()
            };
            if same {
                found |= t.kind;
            }
        }
        found
    }
}

fn gate() -> &'static Gate {
    static G: OnceLock<Gate> = OnceLock::new();
    G.get_or_init(Gate::new)
}

/// End of a day-month match: keep a dot after the month only when the month is abbreviated
/// ("7 Jan."); after a full name ("19 January.") it ends the sentence, not the date.
fn trim_dot(sentence: &str, end: usize, month: &str, month_end: usize) -> usize {
    let full = matches!(
        month,
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
    );
    if full && end == month_end + 1 && sentence.as_bytes().get(month_end) == Some(&b'.') {
        return month_end;
    }
    end
}

/// The year of a day-month written without one: the report's year, or the year before when
/// that would put the date more than half a year after the report.
fn infer_year(report: NaiveDate, month: u32, day: u32) -> Option<NaiveDate> {
    let d = NaiveDate::from_ymd_opt(report.year(), month, day)?;
    if d - report > Duration::days(183) {
        NaiveDate::from_ymd_opt(report.year() - 1, month, day)
    } else if report - d > Duration::days(183) {
        NaiveDate::from_ymd_opt(report.year() + 1, month, day).or(Some(d))
    } else {
        Some(d)
    }
}

/// Most recent `wd` on or before `r` (strictly before with `strict`).
fn prev_weekday(r: NaiveDate, wd: Weekday, strict: bool) -> NaiveDate {
    let back = (7 + r.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
    let back = if strict && back == 0 { 7 } else { back };
    r - Duration::days(i64::from(back))
}

/// Next `wd` on or after `r`.
fn next_weekday(r: NaiveDate, wd: Weekday) -> NaiveDate {
    let fwd = (7 + wd.num_days_from_monday() - r.weekday().num_days_from_monday()) % 7;
    r + Duration::days(i64::from(fwd))
}

/// Words before a weekday that put it in the future ("will meet on Monday").
const FUTURE_BEFORE: &[&str] = &[
    "will",
    "shall",
    "due",
    "expected",
    "scheduled",
    "plans",
    "planned",
    "going",
    "upcoming",
    "next",
    "'ll",
    "tomorrow",
];

/// Whether the weekday at `[a, b)` of `sentence` speaks of the future: a future word in the
/// six words before it, in the same clause, or "when/where ... will" right after it.
fn future_cue(sentence: &str, a: usize, b: usize) -> bool {
    let ws = words(sentence);
    let Some(i) = ws.iter().position(|w| w.start >= a) else {
        return false;
    };
    let mut k = i;
    let mut n = 0;
    while k > 0 && n < 6 {
        let w = &ws[k - 1];
        if w.ends_phrase() {
            break;
        }
        let l = w.lower();
        if FUTURE_BEFORE.contains(&l) || l.ends_with("'ll") {
            return true;
        }
        k -= 1;
        n += 1;
    }
    let after: Vec<&str> = ws
        .iter()
        .filter(|w| w.start >= b)
        .take(6)
        .map(|w| w.lower())
        .collect();
    if let Some(p) = after.iter().position(|w| *w == "when" || *w == "where") {
        return after[p..].iter().any(|w| *w == "will" || *w == "shall");
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// (text, date, resolved_from) of each date in `s`.
    fn run(s: &str, report: Option<&str>) -> Vec<(String, String, Option<String>)> {
        find(s, report.map(d))
            .into_iter()
            .map(|m| {
                (
                    s[m.span.0..m.span.1].to_string(),
                    m.date.value.to_string(),
                    m.date.resolved_from,
                )
            })
            .collect()
    }

    fn abs(text: &str, date: &str) -> (String, String, Option<String>) {
        (text.into(), date.into(), None)
    }

    #[test]
    fn absolute_dates() {
        assert_eq!(
            run("It began on 7 January 2022 in Zhanaozen.", None),
            vec![abs("on 7 January 2022", "2022-01-07")]
        );
        assert_eq!(
            run("The report of 2022-01-07 said so.", None),
            vec![abs("2022-01-07", "2022-01-07")]
        );
        assert_eq!(
            run("It was announced January 7, 2022, in Almaty.", None),
            vec![abs("January 7, 2022", "2022-01-07")]
        );
        assert_eq!(
            run("NATO's summit opened on Wednesday 29 June 2022.", None),
            vec![abs("on Wednesday 29 June 2022", "2022-06-29")]
        );
    }

    #[test]
    fn missing_year_from_report_date() {
        assert_eq!(
            run(
                "The crisis began on Jan. 2 in Zhanaozen.",
                Some("2022-01-13")
            ),
            vec![(
                "on Jan. 2".into(),
                "2022-01-02".into(),
                Some("Jan 2, year of report date 2022-01-13".into())
            )]
        );
        assert_eq!(
            run(
                "By 6 January a dozen police officers had been killed.",
                Some("2022-01-13")
            ),
            vec![(
                "6 January".into(),
                "2022-01-06".into(),
                Some("6 January, year of report date 2022-01-13".into())
            )]
        );
        assert_eq!(
            run("Protests started on January 2nd.", Some("2022-01-05"))[0].1,
            "2022-01-02"
        );
        // late December in an early-January report is last year
        assert_eq!(
            run("Prices rose on 28 December.", Some("2022-01-05"))[0].1,
            "2021-12-28"
        );
        // no year and no report date: unresolved, skipped
        assert_eq!(run("It began on 7 January.", None), vec![]);
    }

    #[test]
    fn date_ranges_give_their_first_day() {
        assert_eq!(
            run(
                "NATO held its summit in Madrid from 28 to 30 June.",
                Some("2022-07-01")
            ),
            vec![
                (
                    "from 28".into(),
                    "2022-06-28".into(),
                    Some("28 June, year of report date 2022-07-01".into())
                ),
                (
                    "30 June".into(),
                    "2022-06-30".into(),
                    Some("30 June, year of report date 2022-07-01".into())
                ),
            ]
        );
        assert_eq!(run("Talks ran 5-7 May 2021.", None)[0].1, "2021-05-05");
    }

    #[test]
    fn weekdays_resolve_backwards() {
        // 2022-01-08 is a Saturday
        assert_eq!(
            run("Mr. Tokayev spoke on Friday.", Some("2022-01-08")),
            vec![(
                "on Friday".into(),
                "2022-01-07".into(),
                Some("Friday, relative to report date 2022-01-08".into())
            )]
        );
        // the same day counts
        assert_eq!(
            run("Xi sent a message on Friday.", Some("2022-01-07"))[0].1,
            "2022-01-07"
        );
        assert_eq!(
            run("The protests began on Sunday.", Some("2022-01-05"))[0].1,
            "2022-01-02"
        );
        assert_eq!(
            run("He left last Friday.", Some("2022-01-07"))[0].1,
            "2021-12-31"
        );
        // no report date: no claim
        assert_eq!(run("He spoke on Friday.", None), vec![]);
    }

    #[test]
    fn weekdays_with_future_cues() {
        // 2022-06-28 is a Tuesday
        assert_eq!(
            run("Leaders will meet on Thursday.", Some("2022-06-28"))[0].1,
            "2022-06-30"
        );
        assert_eq!(
            run("The vote is next Monday.", Some("2022-06-28"))[0].1,
            "2022-07-04"
        );
        assert_eq!(
            run(
                "The summit opens on Monday, when leaders will arrive.",
                Some("2022-06-25")
            )[0]
            .1,
            "2022-06-27"
        );
        // "until" and "set" are not future cues
        assert_eq!(
            run("Banks stayed shut until Friday.", Some("2022-01-09"))[0].1,
            "2022-01-07"
        );
        assert_eq!(
            run(
                "Protesters set fire to the office on Wednesday.",
                Some("2022-01-06")
            )[0]
            .1,
            "2022-01-05"
        );
        // "will" in another clause does not move a past weekday
        assert_eq!(
            run("He said on Monday that NATO will grow.", Some("2022-06-28"))[0].1,
            "2022-06-27"
        );
    }

    #[test]
    fn relative_words() {
        assert_eq!(
            run("Yesterday the airport reopened.", Some("2022-01-09")),
            vec![(
                "Yesterday".into(),
                "2022-01-08".into(),
                Some("yesterday, relative to report date 2022-01-09".into())
            )]
        );
        assert_eq!(
            run("Shops opened today.", Some("2022-01-09"))[0].1,
            "2022-01-09"
        );
        assert_eq!(
            run("It happened last week.", Some("2022-01-09"))[0].1,
            "2022-01-02"
        );
    }

    #[test]
    fn pre_checks_keep_every_date() {
        assert_eq!(
            run("Caf\u{e9} owners left last week.", Some("2022-01-09")),
            vec![(
                "last week".to_string(),
                "2022-01-02".to_string(),
                Some("last week, relative to report date 2022-01-09".to_string())
            )]
        );
        assert_eq!(
            run("TODAY it ended.", Some("2022-01-09"))[0].1,
            "2022-01-09"
        );
        // the relative pattern folds case the Unicode way (the Kelvin sign is a "k"), but only
        // the ASCII spellings name a day
        assert_eq!(
            run("It happened last wee\u{212a}.", Some("2022-01-09")),
            vec![]
        );
        assert_eq!(run("It was Sept. 7.", Some("2022-01-09"))[0].0, "Sept. 7");
        // no digit, no month, no day word: nothing to find
        assert_eq!(run("Talks went on for weeks.", Some("2022-01-09")), vec![]);
    }

    const ALL: u8 = ISO | ABSOLUTE | WEEKDAY | RELATIVE_DAY;

    fn kinds(s: &str) -> u8 {
        gate().kinds(s.as_bytes(), ALL)
    }

    #[test]
    fn gate_lets_through_each_trigger() {
        assert_eq!(kinds("The report of 2022-01-07 said so."), ISO);
        // every month and weekday alternative of the patterns, and every relative word in
        // several cases
        for m in MONTHS.split('|') {
            assert_eq!(kinds(&format!("On 7 {m} it began.")), ABSOLUTE, "{m}");
            assert_eq!(kinds(&format!("{m}. 7")), ABSOLUTE, "{m}");
        }
        for w in WEEKDAYS.split('|') {
            assert_eq!(kinds(&format!("He spoke on {w}.")), WEEKDAY, "{w}");
        }
        for r in RELATIVE.split('|') {
            let upper = r.to_ascii_uppercase();
            let mixed: String = r
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 1 {
                        c.to_ascii_uppercase()
                    } else {
                        c
                    }
                })
                .collect();
            for v in [r.to_string(), upper, mixed] {
                assert_eq!(kinds(&format!("It ended {v}.")), RELATIVE_DAY, "{v}");
            }
        }
        assert_eq!(kinds("It ended yeſterday."), 0);
        assert_eq!(
            kinds("On Friday, 7 January 2022-01-07, and today."),
            ISO | ABSOLUTE | WEEKDAY | RELATIVE_DAY
        );
    }

    #[test]
    fn gate_blocks_sentences_without_triggers() {
        assert_eq!(kinds("Talks went on for weeks, 3,000 people said."), 0);
        // a month name without a digit, a digit without a month, a lower-case month
        assert_eq!(kinds("In January talks resumed."), 0);
        assert_eq!(kinds("Officials may 5 times refuse."), 0);
        assert_eq!(kinds("It was the 1990s - 2000s."), 0);
        // weekdays are case-sensitive
        assert_eq!(kinds("on friday"), 0);
        // only the kinds asked for
        assert_eq!(gate().kinds(b"He left on Friday.", ISO | ABSOLUTE), 0);
        assert_eq!(find("He left on Friday yesterday.", None), vec![]);
    }

    /// The kinds of `s` found the plain way: every literal looked for at every offset.
    fn reference_kinds(s: &[u8], want: u8) -> u8 {
        let mut found = 0;
        for (alternatives, fold, kind) in [
            (MONTHS, false, ABSOLUTE),
            (WEEKDAYS, false, WEEKDAY),
            (RELATIVE, true, RELATIVE_DAY),
        ] {
            for w in alternatives.split('|') {
                let w = w.as_bytes();
                if s.windows(w.len()).any(|x| {
                    if fold {
                        x.eq_ignore_ascii_case(w)
                    } else {
                        x == w
                    }
                }) {
                    found |= kind;
                }
            }
        }
        if s.windows(3)
            .any(|x| x[0].is_ascii_digit() && x[1] == b'-' && x[2].is_ascii_digit())
        {
            found |= ISO;
        }
        if !s.iter().any(u8::is_ascii_digit) {
            found &= !ABSOLUTE;
        }
        found & want
    }

    /// The gate reads eight bytes at a time: literals at every offset of a block, at the end of
    /// the text and across blocks are all found, exactly as a plain search finds them.
    #[test]
    fn gate_matches_a_plain_search() {
        let pieces = [
            "7 ",
            "Jan",
            "January",
            "May",
            "may",
            "Sept",
            "Dec.",
            "2022-01-07",
            "1-2",
            "-",
            "Monday",
            "Sunday",
            "SUNDAY",
            "today",
            "ToDaY",
            "yesterday",
            "tomorrow",
            "last night",
            "LAST WEEK",
            "last  week",
            "day",
            "the ",
            "\u{e9}",
            "\u{2019}",
            "x",
            "  ",
        ];
        let mut n = 0;
        for pad in 0..16 {
            for a in pieces {
                for b in pieces {
                    let s = format!("{}{a}{b}", "z".repeat(pad));
                    for want in [ALL, ISO | ABSOLUTE, WEEKDAY, RELATIVE_DAY] {
                        assert_eq!(
                            gate().kinds(s.as_bytes(), want),
                            reference_kinds(s.as_bytes(), want),
                            "{s:?} {want}"
                        );
                        n += 1;
                    }
                }
            }
        }
        assert_eq!(n, 16 * 26 * 26 * 4);
        for s in ["", "7", "Ma", "May", "7 May", "7 May ", "2-3", "on"] {
            assert_eq!(
                gate().kinds(s.as_bytes(), ALL),
                reference_kinds(s.as_bytes(), ALL),
                "{s}"
            );
        }
    }

    /// Every literal has a three-byte window to be anchored on.
    #[test]
    fn every_literal_is_anchored() {
        let g = gate();
        for (n, t) in g.triggers.iter().enumerate() {
            assert!(t.bytes.len() >= 3, "{:?}", t.bytes);
            assert!(g.anchors.iter().any(|a| a.1 == n), "{:?}", t.bytes);
        }
        // one anchor per month and weekday literal, one per case variant of a relative one
        assert_eq!(g.anchors.len(), 12 + 7 + 5 * 8);
    }

    /// Sentences that the gate blocks yield nothing when every pattern runs.
    #[test]
    fn gate_is_sound() {
        let report = Some(d("2022-01-09"));
        let sentences = [
            "It began on 7 January 2022 in Zhanaozen.",
            "The report of 2022-01-07 said so.",
            "It was announced January 7, 2022, in Almaty.",
            "NATO held its summit in Madrid from 28 to 30 June.",
            "He left last Friday, and TODAY it ended.",
            "The vote is next Monday.",
            "Caf\u{e9} owners left last wee\u{212a} on 5 Sept.",
            "It ended yeſterday or last weeK.",
            "It has grown in 2022 by 5%.",
            "Officials may 5 times refuse.",
            "Mayors met on the 3rd of Marchington.",
            "In January talks resumed.",
            "The \u{661}\u{662} January event.",
            "Talks went on for weeks.",
            "",
        ];
        for s in sentences {
            for r in [report, None] {
                let all = if r.is_some() { ALL } else { ISO | ABSOLUTE };
                assert_eq!(find(s, r), find_kinds(s, r, all), "{s}");
            }
        }
    }

    #[test]
    fn non_dates() {
        assert_eq!(
            run("The unrest is the worst since 1991.", Some("2022-01-09")),
            vec![]
        );
        assert_eq!(run("It has grown in 2022.", Some("2022-01-09")), vec![]);
        assert_eq!(
            run("Independence came three decades ago.", Some("2022-01-09")),
            vec![]
        );
        assert_eq!(
            run("Officials may 5 times refuse.", Some("2022-01-09")),
            vec![]
        );
        // a full stop after a month ends the sentence, not the date
        assert_eq!(
            run("The withdrawal ends by 19 January.", Some("2022-01-16"))[0].0,
            "19 January"
        );
    }
}
