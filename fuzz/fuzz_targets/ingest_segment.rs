//! Fuzz target: ingest + segmentation. Input: arbitrary bytes as the content of one report
//! file. Checks: `ingest::parse` never panics; on success, `segment` never panics and its
//! sentences are in order, do not overlap, lie inside the body on character boundaries, are
//! trimmed, respect the sentence-length limit, and carry 1-based positions.
#![no_main]

use std::path::Path;

use factdiff::segment::{segment_with, SegmentConfig};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks a sentence-length limit (small limits exercise the cutting code).
    let (max, bytes) = match data.split_first() {
        Some((&b, rest)) if b < 64 => (8 + usize::from(b), rest),
        _ => (factdiff::segment::DEFAULT_MAX_SENTENCE_BYTES, data),
    };
    let Ok(source) = factdiff::ingest::parse(Path::new("fuzz/report.txt"), bytes) else {
        return;
    };
    assert!(source.body_start <= source.text.len());
    assert!(source.text.is_char_boundary(source.body_start));
    let body_start = source.body_start;
    let config = SegmentConfig {
        max_sentence_bytes: max,
    };
    let doc = segment_with(source, &config);
    let text = &doc.source.text;
    let mut last = body_start;
    for (i, s) in doc.sentences.iter().enumerate() {
        let (a, b) = s.span;
        assert_eq!(s.index, i);
        assert!(a >= last && a < b && b <= text.len(), "span {a}..{b} after {last}");
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        assert!(b - a <= max, "sentence of {} bytes, limit {max}", b - a);
        let t = doc.sentence_text(i);
        assert_eq!(t, t.trim());
        assert!(s.line >= 1 && s.column >= 1);
        last = b;
    }
});
