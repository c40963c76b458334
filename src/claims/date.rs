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

use aho_corasick::AhoCorasick;
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

struct Patterns {
    iso: Regex,
    range: Regex,
    day_month: Regex,
    month_day: Regex,
    weekday: Regex,
    relative: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(s).unwrap_or_else(|e| panic!("date pattern {s}: {e}"));
        Patterns {
            iso: re(r"\b(?:(?i:on)\s+)?(\d{4})-(\d{2})-(\d{2})\b"),
            range: re(&format!(
                r"\b(?:(?i:from|between)\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s*(?:to|-|–|and|until)\s*\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\b(?:\.?,?\s+(\d{{4}})\b)?"
            )),
            day_month: re(&format!(
                r"\b(?:(?i:on)\s+)?(?:(?:{WEEKDAYS}),?\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTHS})\b\.?(?:,?\s+(\d{{4}})\b)?"
            )),
            month_day: re(&format!(
                r"\b(?:(?i:on)\s+)?(?:(?:{WEEKDAYS}),?\s+)?({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}})\b)?"
            )),
            weekday: re(&format!(
                r"\b(?:(?i:on|last|next|this)\s+)?({WEEKDAYS})\b"
            )),
            relative: re(r"\b(?i:(yesterday|today|tomorrow|last night|last week))\b"),
        }
    })
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
    let p = patterns();
    let mut out: Vec<DateMatch> = Vec::new();
    let taken = |out: &Vec<DateMatch>, a: usize, b: usize| {
        out.iter().any(|m| super::overlaps(m.span, (a, b)))
    };

    // Pre-checks (necessary conditions, so the output is the same as running every pattern):
    // a day, month or year only yields a date when written in ASCII digits; absolute dates
    // other than ISO need a capitalised month name; relative dates a weekday ("...day"),
    // "yesterday", "today", "tomorrow" or "last ...".
    let digits = sentence.bytes().any(|b| b.is_ascii_digit());
    let iso = digits
        && sentence
            .as_bytes()
            .windows(3)
            .any(|w| w[0].is_ascii_digit() && w[1] == b'-' && w[2].is_ascii_digit());
    let months = digits && has_month(sentence);
    let weekdays = report_date.is_some() && has_weekday(sentence);
    let relative = report_date.is_some() && may_be_relative(sentence);

    for c in captures(&p.iso, sentence, iso) {
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
    let mut abs: Vec<(usize, usize, u32, u32, Option<i32>, String)> = Vec::new();
    // "from 28 to 30 June": the first day is a date of its own ("from 28"); the second is
    // found below as "30 June".
    for c in captures(&p.range, sentence, months) {
        let (Some(all), Some(d), Some(m)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let (Some(day), Some(month)) = (d.as_str().parse().ok(), month_number(m.as_str())) else {
            continue;
        };
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        let written = format!("{} {}", day, m.as_str());
        abs.push((all.start(), d.end(), day, month, year, written));
    }
    for c in captures(&p.day_month, sentence, months) {
        let (Some(all), Some(d), Some(m)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let (Some(day), Some(month)) = (d.as_str().parse().ok(), month_number(m.as_str())) else {
            continue;
        };
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        let end = trim_dot(sentence, all.end(), m.as_str(), m.end());
        let written = format!("{} {}", day, m.as_str());
        abs.push((all.start(), end, day, month, year, written));
    }
    for c in captures(&p.month_day, sentence, months) {
        let (Some(all), Some(m), Some(d)) = (c.get(0), c.get(1), c.get(2)) else {
            continue;
        };
        let (Some(day), Some(month)) = (d.as_str().parse().ok(), month_number(m.as_str())) else {
            continue;
        };
        // "May 5" needs a capital M; "may" as a verb never matches (case-sensitive).
        let year = c.get(3).and_then(|y| y.as_str().parse().ok());
        let written = format!("{} {}", m.as_str(), day);
        abs.push((all.start(), all.end(), day, month, year, written));
    }
    abs.sort_by_key(|a| (a.0, std::cmp::Reverse(a.1)));
    for (a, b, day, month, year, written) in abs {
        if taken(&out, a, b) {
            continue;
        }
        let (value, resolved_from) = match year {
            Some(y) => (NaiveDate::from_ymd_opt(y, month, day), None),
            None => match report_date {
                Some(r) => (
                    infer_year(r, month, day),
                    Some(format!("{written}, year of report date {r}")),
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
        for c in captures(&p.weekday, sentence, weekdays) {
            let (Some(all), Some(w)) = (c.get(0), c.get(1)) else {
                continue;
            };
            if taken(&out, all.start(), all.end()) {
                continue;
            }
            let Some(wd) = weekday(w.as_str()) else {
                continue;
            };
            let lead = sentence[all.start()..w.start()].trim().to_ascii_lowercase();
            let future = lead == "next" || future_cue(sentence, w.start(), w.end());
            let strictly_before = lead == "last";
            let value = if future {
                next_weekday(r, wd)
            } else {
                prev_weekday(r, wd, strictly_before)
            };
            let how = if lead == "next" || lead == "last" {
                format!("{lead} {}", w.as_str())
            } else {
                w.as_str().to_string()
            };
            out.push(DateMatch {
                span: (all.start(), all.end()),
                date: DateClaim {
                    value,
                    resolved_from: Some(format!("{how}, relative to report date {r}")),
                },
            });
        }
        for c in captures(&p.relative, sentence, relative) {
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

/// The matches of `re` in `s`, or none without searching when `run` is false.
fn captures<'r, 's>(
    re: &'r Regex,
    s: &'s str,
    run: bool,
) -> impl Iterator<Item = regex::Captures<'s>> + use<'r, 's> {
    run.then(|| re.captures_iter(s)).into_iter().flatten()
}

/// Whether `s` holds the first three letters of a month name as the patterns write them
/// (capitalised, case-sensitive: "Jan", "Sept", "May").
fn has_month(s: &str) -> bool {
    const PREFIXES: [&[u8; 3]; 12] = [
        b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov",
        b"Dec",
    ];
    s.as_bytes().windows(3).any(|w| {
        matches!(w[0], b'J' | b'F' | b'M' | b'A' | b'S' | b'O' | b'N' | b'D')
            && PREFIXES.iter().any(|p| w == *p)
    })
}

/// Whether `s` holds a weekday name as the pattern writes it (capitalised, case-sensitive).
fn has_weekday(s: &str) -> bool {
    const NAMES: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    s.contains("day") && NAMES.iter().any(|n| s.contains(n))
}

/// Whether `s` may hold a relative day word ("yesterday", "Today", "last week"). The pattern is
/// case-insensitive with Unicode case folding (the Kelvin sign matches "k"), so a text with
/// non-ASCII characters is always searched.
fn may_be_relative(s: &str) -> bool {
    static WORDS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    if !s.is_ascii() {
        return true;
    }
    WORDS
        .get_or_init(|| {
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(["yesterday", "today", "tomorrow", "last night", "last week"])
                .ok()
        })
        .as_ref()
        .is_none_or(|ac| ac.is_match(s))
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
        assert_eq!(run("It was Sept. 7.", Some("2022-01-09"))[0].0, "Sept. 7");
        // no digit, no month, no day word: nothing to find
        assert_eq!(run("Talks went on for weeks.", Some("2022-01-09")), vec![]);
        assert!(!has_month("january 7") && has_month("7 Dec") && has_month("Sept"));
        assert!(may_be_relative("LAST Week") && !may_be_relative("last year"));
        assert!(has_weekday("on Friday") && !has_weekday("on friday") && !has_weekday("today"));
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
