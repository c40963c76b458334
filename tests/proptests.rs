//! Property tests (proptest) over the public library API. Input: generated texts and numbers.
//! Output: pass / fail, with proptest's shrunk counterexample on failure.
//!
//! - Segmentation tiles the text: sentence spans are in order, do not overlap, are trimmed, lie
//!   on character boundaries, respect the length limit, and cover every non-whitespace byte of
//!   the body (except the markers of numbered list items, which are left out by design); line
//!   and column agree with a naive recount.

use std::path::Path;

use factdiff::segment::{segment_with, sentence_spans, SegmentConfig};
use proptest::prelude::*;

/// Text made of words, punctuation, quotes, digits, unicode and every kind of line break. No
/// heading / bullet markers (`#`, `-`, `*`, `+`, `•`, `_`, `=`), whose bytes are excluded from
/// the spans by design; numbered-list markers (`12. `) can occur and are allowed to be uncovered.
fn text_strategy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[A-Za-z]{1,8}",
        1 => "[A-Z]\\.",
        1 => "[0-9]{1,4}",
        1 => "(Mr|Dr|U\\.S|a\\.m|Jan|No|etc|e\\.g)\\.",
        2 => "[.!?…]{1,3}",
        1 => "[\"'“”‘’()«»\\[\\]]",
        1 => "(é|ü|Ω|中文|😀|\u{a0}|\u{2028})",
        3 => "[ \t]{1,3}",
        2 => "(\n|\r\n|\r|\n\n|\r\n\r\n)",
        1 => "[,;:%$/]",
    ];
    proptest::collection::vec(piece, 0..80).prop_map(|v| v.concat())
}

/// Byte `i` belongs to a numbered-list marker `\s*\d{1,3}[.)]` at the start of its line,
/// followed by a space or tab.
fn in_list_marker(text: &str, i: usize) -> bool {
    let line_start = text[..i].rfind(['\n', '\r']).map_or(0, |p| p + 1);
    let line = &text[line_start..];
    let content = line.trim_start_matches([' ', '\t', '\u{a0}', '\u{2028}']);
    let indent = line.len() - content.len();
    let digits = content.bytes().take_while(u8::is_ascii_digit).count();
    let b = content.as_bytes();
    (1..=3).contains(&digits)
        && b.len() > digits + 1
        && matches!(b[digits], b'.' | b')')
        && matches!(b[digits + 1], b' ' | b'\t')
        && i < line_start + indent + digits + 1
}

fn check_tiling(text: &str, config: &SegmentConfig) -> Result<(), TestCaseError> {
    let spans = sentence_spans(text, 0, config);
    let mut covered = vec![false; text.len()];
    let mut last = 0;
    for &(a, b) in &spans {
        prop_assert!(
            a >= last,
            "overlap or disorder at {a} (previous end {last})"
        );
        prop_assert!(a < b, "empty span {a}..{b}");
        prop_assert!(b <= text.len());
        prop_assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        prop_assert!(b - a <= config.max_sentence_bytes.max(8), "{} bytes", b - a);
        let s = &text[a..b];
        prop_assert_eq!(s, s.trim(), "not trimmed");
        covered[a..b].iter_mut().for_each(|c| *c = true);
        last = b;
    }
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() && !covered[i] {
            prop_assert!(
                in_list_marker(text, i),
                "byte {} ({:?}) not covered; spans {:?}",
                i,
                c,
                spans
            );
        }
    }
    Ok(())
}

/// 1-based line and column (in characters) of byte `pos`, counting `\n`, `\r\n` and a lone `\r`
/// as one line break, a BOM at offset 0 as no column.
fn naive_position(text: &str, pos: usize) -> (usize, usize) {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut line = 1;
    let mut col = 1;
    let mut chars = text[start..pos].chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
    }
    (line, col)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn segmentation_tiles_the_text(text in text_strategy(), max in 8usize..200) {
        check_tiling(&text, &SegmentConfig::default())?;
        check_tiling(&text, &SegmentConfig { max_sentence_bytes: max })?;
    }

    /// Through ingest: metadata and BOM are skipped, spans point into the original file text,
    /// positions match a naive recount.
    #[test]
    fn segmented_reports_have_exact_positions(
        body in text_strategy(),
        bom in any::<bool>(),
        date in any::<bool>(),
    ) {
        let mut file = String::new();
        if bom {
            file.push('\u{feff}');
        }
        if date {
            file.push_str("date 2022-01-07\r\n");
        }
        file.push_str(&body);
        let Ok(source) = factdiff::ingest::parse(Path::new("p.txt"), file.as_bytes()) else {
            // Only an empty body may be refused.
            prop_assert!(body.trim().is_empty(), "refused: {:?}", file);
            return Ok(());
        };
        prop_assert_eq!(&source.text, &file);
        let body_start = source.body_start;
        let doc = segment_with(source, &SegmentConfig::default());
        let mut last = body_start;
        for (i, s) in doc.sentences.iter().enumerate() {
            prop_assert_eq!(s.index, i);
            prop_assert!(s.span.0 >= last);
            prop_assert_eq!(naive_position(&file, s.span.0), (s.line, s.column));
            prop_assert_eq!(doc.sentence_text(i), &file[s.span.0..s.span.1]);
            last = s.span.1;
        }
        check_tiling(&file[body_start..], &SegmentConfig::default())?;
    }
}
