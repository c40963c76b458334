//! Property tests (proptest) over the public library API. Input: generated texts and numbers.
//! Output: pass / fail, with proptest's shrunk counterexample on failure.
//!
//! - Segmentation tiles the text: sentence spans are in order, do not overlap, are trimmed, lie
//!   on character boundaries, respect the length limit, and cover every non-whitespace byte of
//!   the body (except the markers of numbered list items, which are left out by design); line
//!   and column agree with a naive recount.
//! - Unit conversion (`claims::units`): every convertible unit converts to its canonical unit and
//!   back without loss, keeps order, never yields a non-finite number, and converting through
//!   any other unit of the same dimension lands on the same canonical value.
//! - Interval agreement (`rules::quantity::relate`): symmetric, reflexive, and unchanged when
//!   both sides are first expressed in another unit of the same dimension.

use std::path::Path;

use factdiff::claims::units::{units, UnitDef};
use factdiff::claims::Quantity;
use factdiff::rules::eval::{ClaimInfo, Context};
use factdiff::rules::quantity::{relate, value_of, Relation, Value};
use factdiff::rules::{QuantityOptions, Scope, Tolerance};
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

// ---------------------------------------------------------------------------------------------
// Units

/// Units with a conversion factor (the convertible ones).
fn convertible() -> Vec<&'static UnitDef> {
    units()
        .all()
        .iter()
        .filter(|u| u.factor.is_some())
        .collect()
}

fn from_canonical(u: &UnitDef, c: f64) -> f64 {
    (c - u.offset) / u.factor.unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

#[test]
fn unit_table_factors_are_positive_and_finite() {
    let all = convertible();
    assert!(all.len() >= 20, "{} convertible units", all.len());
    for u in all {
        let f = u.factor.unwrap();
        assert!(f.is_finite() && f > 0.0, "{}: factor {f}", u.id);
        assert!(u.offset.is_finite(), "{}: offset {}", u.id, u.offset);
        assert!(u.canonical.is_some(), "{}: no canonical unit", u.id);
    }
}

proptest! {
    #[test]
    fn unit_round_trip(idx in any::<proptest::sample::Index>(), v in -1e12f64..1e12) {
        let all = convertible();
        let u = all[idx.index(all.len())];
        let c = u.to_canonical(v);
        prop_assert!(c.is_some(), "{} {}", u.id, v);
        let c = c.unwrap();
        prop_assert!(close(from_canonical(u, c), v), "{}: {} -> {} -> {}", u.id, v, c, from_canonical(u, c));
    }

    #[test]
    fn conversion_through_another_unit_of_the_dimension(
        a in any::<proptest::sample::Index>(),
        b in any::<proptest::sample::Index>(),
        v in -1e9f64..1e9,
    ) {
        let all = convertible();
        let ua = all[a.index(all.len())];
        let same: Vec<&&UnitDef> = all.iter().filter(|u| u.dimension == ua.dimension).collect();
        let ub = same[b.index(same.len())];
        let c = ua.to_canonical(v).unwrap();
        let in_b = from_canonical(ub, c);
        let back = ub.to_canonical(in_b).unwrap();
        prop_assert!(close(c, back), "{} {} {}: {} vs {}", v, ua.id, ub.id, c, back);
    }

    #[test]
    fn conversion_keeps_order_and_never_overflows(
        idx in any::<proptest::sample::Index>(),
        x in any::<f64>(),
        y in any::<f64>(),
    ) {
        let all = convertible();
        let u = all[idx.index(all.len())];
        let (lo, hi) = if x <= y { (x, y) } else { (y, x) };
        let n = u.normalize(Some(lo), Some(hi));
        prop_assert!(n.is_some());
        let n = n.unwrap();
        for v in [n.low, n.high].into_iter().flatten() {
            prop_assert!(v.is_finite(), "{}: {:?}", u.id, n);
        }
        if let (Some(a), Some(b)) = (n.low, n.high) {
            prop_assert!(a <= b, "{}: [{}, {}] -> [{}, {}]", u.id, lo, hi, a, b);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Interval agreement

fn info(source: usize, day: u32) -> ClaimInfo {
    let date = chrono::NaiveDate::from_ymd_opt(2022, 1, day);
    ClaimInfo {
        source,
        report_date: date,
        as_of: date,
        group: Some(0),
        entities: std::sync::Arc::from([0u32]),
        sentence_start: 0,
    }
}

fn options(
    relative: f64,
    absolute: f64,
    evolving: bool,
    max_ratio: Option<f64>,
) -> QuantityOptions {
    QuantityOptions {
        group_by: Vec::new(),
        scope: Scope::Event,
        evolving,
        tolerance: Tolerance { relative, absolute },
        max_ratio,
        same_entity: false,
        skip_past_years: false,
    }
}

fn interval() -> impl Strategy<Value = (f64, f64)> {
    prop_oneof![
        4 => (-1e6f64..1e6, 0f64..1e4).prop_map(|(a, w)| (a, a + w)),
        1 => (-1e6f64..1e6).prop_map(|a| (a, a)),
        1 => (-1e6f64..1e6).prop_map(|a| (a, f64::INFINITY)),
        1 => (-1e6f64..1e6).prop_map(|a| (f64::NEG_INFINITY, a)),
        1 => Just((f64::NEG_INFINITY, f64::INFINITY)),
    ]
}

fn opts_strategy() -> impl Strategy<Value = QuantityOptions> {
    (
        prop_oneof![Just(0.0), 0f64..0.5],
        prop_oneof![Just(0.0), 0f64..100.0],
        any::<bool>(),
        prop_oneof![Just(None), (1f64..100.0).prop_map(Some)],
    )
        .prop_map(|(r, a, e, m)| options(r, a, e, m))
}

fn mirror(r: Relation) -> Relation {
    match r {
        Relation::Update => Relation::UpdateReversed,
        Relation::UpdateReversed => Relation::Update,
        other => other,
    }
}

/// A plain quantity (no qualifier) `[lo, hi]` written in unit `u`, normalised as the
/// recogniser does.
fn quantity(u: &UnitDef, lo: f64, hi: f64) -> Quantity {
    Quantity {
        value: lo,
        low: Some(lo),
        high: Some(hi),
        unit: Some(u.id.clone()),
        dimension: u.dimension.clone(),
        qualifier: None,
        normalized: u.normalize(Some(lo), Some(hi)),
        counted: None,
        counted_class: None,
        role: None,
    }
}

/// Regression (fix: affine and zero-valued unit conversions in quantity comparison): the
/// comparable interval of a Fahrenheit figure used the ratio normalised/written of its low
/// bound, so 0 °F became 0 °C and "50 to 70 °F" became 10..14 °C instead of 10..21.1 °C.
#[test]
fn fix_fahrenheit_zero_and_ranges_convert_affinely() {
    let f = units().by_id("F").unwrap();
    let v = value_of(&quantity(f, 0.0, 0.0), "0");
    assert_eq!(v.unit, "temperature:C");
    assert!(
        close(v.lo, -17.777_777_777_777_78) && close(v.hi, v.lo),
        "{v:?}"
    );
    let v = value_of(&quantity(f, 50.0, 70.0), "50 to 70");
    assert!(
        close(v.lo, 10.0) && close(v.hi, 21.111_111_111_111_11),
        "{v:?}"
    );
    // Linear units are unchanged: 5 miles.
    let mile = units().by_id("mile").unwrap();
    let v = value_of(&quantity(mile, 5.0, 5.0), "5");
    assert!(close(v.lo, 8.04672) && close(v.hi, 8.04672), "{v:?}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn agreement_is_symmetric(
        a in interval(), b in interval(), opts in opts_strategy(), da in 1u32..28, db in 1u32..28,
    ) {
        let ctx = Context { docs: &[], claims: &[], info: vec![info(0, da), info(1, db)] };
        let va = Value { unit: "count:-".into(), lo: a.0, hi: a.1 };
        let vb = Value { unit: "count:-".into(), lo: b.0, hi: b.1 };
        let ab = relate(&ctx, &opts, (0, &va), (1, &vb));
        let ba = relate(&ctx, &opts, (1, &vb), (0, &va));
        prop_assert_eq!(ab, mirror(ba), "{:?} {:?}", va, vb);
    }

    #[test]
    fn an_interval_agrees_with_itself(a in interval(), opts in opts_strategy(), da in 1u32..28, db in 1u32..28) {
        let ctx = Context { docs: &[], claims: &[], info: vec![info(0, da), info(1, db)] };
        let va = Value { unit: "count:-".into(), lo: a.0, hi: a.1 };
        prop_assert_eq!(relate(&ctx, &opts, (0, &va), (1, &va)), Relation::Agree, "{:?}", va);
    }

    /// Two claims written in unit `u` relate exactly as the same two claims written in the
    /// dimension's canonical unit.
    #[test]
    fn conversion_does_not_change_agreement(
        idx in any::<proptest::sample::Index>(),
        a in (-1e3f64..1e3, 0f64..100.0),
        b in (-200f64..200.0, 0f64..100.0),
        opts in opts_strategy(),
    ) {
        // `b` starts near `a`, so that both outcomes are frequent.
        let b = (a.0 + b.0, b.1);
        let all = convertible();
        let u = all[idx.index(all.len())];
        let canonical = units()
            .all()
            .iter()
            .find(|c| Some(&c.id) == u.canonical.as_ref() && c.factor == Some(1.0) && c.offset == 0.0);
        let Some(canonical) = canonical else { return Ok(()) };
        let ctx = Context { docs: &[], claims: &[], info: vec![info(0, 7), info(1, 8)] };
        let (a_lo, a_hi) = (a.0, a.0 + a.1);
        let (b_lo, b_hi) = (b.0, b.0 + b.1);
        let qa = quantity(u, a_lo, a_hi);
        let qb = quantity(u, b_lo, b_hi);
        let written = relate(&ctx, &opts, (0, &value_of(&qa, "1")), (1, &value_of(&qb, "1")));
        let c = |v: f64| u.to_canonical(v).unwrap();
        let ca = quantity(canonical, c(a_lo), c(a_hi));
        let cb = quantity(canonical, c(b_lo), c(b_hi));
        let converted = relate(&ctx, &opts, (0, &value_of(&ca, "1")), (1, &value_of(&cb, "1")));
        prop_assert_eq!(
            written, converted,
            "{} [{}, {}] vs [{}, {}]: {:?} / {:?}", u.id, a_lo, a_hi, b_lo, b_hi,
            value_of(&qa, "1"), value_of(&ca, "1")
        );
    }
}
