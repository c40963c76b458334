//! Fuzz target: claim extraction. Input: arbitrary bytes as one report. Checks: parse, segment
//! and `claims::extract` never panic; every claim's span lies inside its sentence on character
//! boundaries and its `text` is exactly the file text at that span; quantity intervals are
//! ordered and never NaN.
#![no_main]

use std::path::Path;

use factdiff::claims::ClaimData;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = factdiff::ingest::parse(Path::new("fuzz/report.txt"), data) else {
        return;
    };
    let doc = factdiff::segment::segment(source);
    let claims = factdiff::claims::extract(&doc, 0);
    let text = &doc.source.text;
    for c in &claims {
        let (a, b) = c.span;
        assert!(a <= b && b <= text.len(), "claim span {a}..{b}");
        assert!(text.is_char_boundary(a) && text.is_char_boundary(b));
        assert_eq!(&text[a..b], c.text);
        let sentence = &doc.sentences[c.sentence_index];
        assert!(sentence.span.0 <= a && b <= sentence.span.1);
        if let ClaimData::Quantity { quantity: q } = &c.data {
            assert!(!q.value.is_nan());
            if let (Some(lo), Some(hi)) = (q.low, q.high) {
                assert!(lo <= hi, "interval {lo}..{hi}");
            }
        }
    }
});
