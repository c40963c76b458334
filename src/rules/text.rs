//! Small text helpers of the rule engine. Input: sentences and templates. Output: named entities
//! of a sentence (to tell which claims are about the same thing), years named in it, filled
//! message templates, and a stable FNV-1a hash for fingerprints.

use std::collections::{BTreeMap, BTreeSet};

/// Capitalised words that start sentences or name times, not things.
const NOT_ENTITIES: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "it",
    "its",
    "he",
    "she",
    "they",
    "we",
    "i",
    "his",
    "her",
    "their",
    "our",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "to",
    "of",
    "with",
    "after",
    "before",
    "since",
    "during",
    "as",
    "and",
    "but",
    "or",
    "if",
    "when",
    "while",
    "according",
    "among",
    "another",
    "all",
    "some",
    "many",
    "most",
    "more",
    "only",
    "each",
    "every",
    "both",
    "no",
    "not",
    "there",
    "here",
    "late",
    "early",
    "later",
    "earlier",
    "last",
    "next",
    "first",
    "over",
    "under",
    "about",
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "prime",
    "minister",
    "officials",
    "official",
    "authorities",
    "government",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "a",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "total",
    "new",
    "former",
    "foreign",
    "neighbouring",
];

/// Normalise a word for entity comparison: lower-case, possessive and plural `s` dropped.
fn norm(word: &str) -> String {
    let w = word.trim_end_matches("'s").trim_end_matches("’s");
    let w = w.to_lowercase();
    if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") {
        w[..w.len() - 1].to_string()
    } else {
        w
    }
}

/// Named entities of a sentence: capitalised words (any position), normalised, minus function
/// words, weekdays and months. Crude by design: only used to tell whether two sentences talk
/// about the same place, group or organisation.
pub fn entities(sentence: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for raw in sentence.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
    {
        for word in raw.split('-') {
            let word = word.trim_matches(|c: char| c == '\'' || c == '’');
            let mut chars = word.chars();
            let Some(first) = chars.next() else { continue };
            if !first.is_uppercase() || word.chars().count() < 2 {
                continue;
            }
            let n = norm(word);
            if NOT_ENTITIES.contains(&n.as_str()) {
                continue;
            }
            out.insert(n);
        }
    }
    out
}

/// Four-digit years (1800..=2100) written in a sentence.
pub fn years(sentence: &str) -> Vec<i32> {
    let bytes = sentence.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i + 4 <= bytes.len() {
        let window = &bytes[i..i + 4];
        let before_ok = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || (matches!(bytes[i - 1], b',' | b'.')
                    && i >= 2
                    && bytes[i - 2].is_ascii_digit()));
        let after_ok = match bytes.get(i + 4) {
            None => true,
            Some(b) if b.is_ascii_alphanumeric() => false,
            Some(b',' | b'.') => !bytes.get(i + 5).is_some_and(u8::is_ascii_digit),
            Some(_) => true,
        };
        if before_ok && after_ok && window.iter().all(|b| b.is_ascii_digit()) {
            if let Ok(y) = sentence[i..i + 4].parse::<i32>() {
                if (1800..=2100).contains(&y) {
                    out.push(y);
                }
            }
            i += 4;
        } else {
            i += 1;
        }
    }
    out
}

/// Fill `{name}` placeholders from `values` (unknown names become empty).
pub fn fill(template: &str, values: &BTreeMap<&str, String>) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                if let Some(v) = values.get(&after[..close]) {
                    out.push_str(v);
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// 64-bit FNV-1a, stable across runs and platforms.
pub fn fnv1a(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A value for display in labels: underscores become spaces.
pub fn humanize(s: &str) -> String {
    s.replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_skip_function_words_and_days() {
        let e = entities(
            "China is home to about 1.5 million ethnic Kazakhs, most of whom live in Xinjiang.",
        );
        assert_eq!(
            e.into_iter().collect::<Vec<_>>(),
            ["china", "kazakh", "xinjiang"]
        );
        let e = entities("On Tuesday NATO's leaders met in the Spanish capital.");
        assert_eq!(e.into_iter().collect::<Vec<_>>(), ["nato", "spanish"]);
    }

    #[test]
    fn years_are_whole_numbers_in_range() {
        assert_eq!(
            years("since 1934, when 8,000 died; 12345 and 2019."),
            [1934, 2019]
        );
        assert_eq!(years("1,782 km"), Vec::<i32>::new());
    }

    #[test]
    fn fill_replaces_known_placeholders() {
        let mut m = BTreeMap::new();
        m.insert("a", "x".to_string());
        assert_eq!(fill("{a}-{b}-{a}", &m), "x--x");
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
