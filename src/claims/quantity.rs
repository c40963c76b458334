//! TEMPORARY STUB (claimsx branch only): the quantity helper owns this file; on merge take theirs.
//! Finds bare digit numbers so that claims::extract can be exercised end to end.

use super::Quantity;

/// A quantity found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityMatch {
    /// Byte span within the text passed in.
    pub span: (usize, usize),
    pub quantity: Quantity,
}

/// Stub: digit runs (with `,` and `.`) as bare counts.
pub fn find(text: &str) -> Vec<QuantityMatch> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i].is_ascii_digit() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()) {
            let s = i;
            while i < b.len()
                && (b[i].is_ascii_digit()
                    || ((b[i] == b',' || b[i] == b'.')
                        && i + 1 < b.len()
                        && b[i + 1].is_ascii_digit()))
            {
                i += 1;
            }
            let v: f64 = text[s..i].replace(',', "").parse().unwrap_or(0.0);
            out.push(QuantityMatch {
                span: (s, i),
                quantity: Quantity {
                    value: v,
                    low: Some(v),
                    high: Some(v),
                    unit: None,
                    dimension: "count".into(),
                    qualifier: None,
                    normalized: None,
                    counted: None,
                    counted_class: None,
                    role: None,
                },
            });
        } else {
            i += 1;
        }
    }
    out
}
