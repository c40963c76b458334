//! Conformance runner for the quantity recogniser.
//!
//! Input: the public test sets under `CARGO_MANIFEST_DIR/../shared/conformance` (Recognizers-Text
//! English Number, NumberRange and Dimension models, quantulum3 `quantities.json`, Duckling's
//! Numeral / Quantity / Distance examples). Output: per-file pass rates over in-scope cases, the
//! out-of-scope count, crashes (panics caught per input), and with `--verbose` every failure.
//!
//! Run: `cargo run --release --example conformance [-- --verbose]`.
//! The in-scope criteria are written next to each scorer and in `docs/quantities.md`.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use factdiff::claims::quantity::{find, QuantityMatch};
use factdiff::claims::units::units;
use serde_json::Value;

#[derive(Default)]
struct Score {
    name: String,
    total: usize,
    in_scope: usize,
    passed: usize,
    crashes: usize,
    out_reasons: std::collections::BTreeMap<&'static str, usize>,
    failures: Vec<String>,
}

impl Score {
    fn new(name: &str) -> Self {
        Score {
            name: name.to_string(),
            ..Default::default()
        }
    }
    fn out(&mut self, why: &'static str) {
        *self.out_reasons.entry(why).or_default() += 1;
    }
    fn out_count(&self) -> usize {
        self.out_reasons.values().sum()
    }
}

fn run(text: &str, score: &mut Score) -> Option<Vec<QuantityMatch>> {
    score.total += 1;
    match catch_unwind(AssertUnwindSafe(|| find(text))) {
        Ok(v) => Some(v),
        Err(_) => {
            score.crashes += 1;
            score.failures.push(format!("CRASH on {text:?}"));
            None
        }
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()).max(1e-9)
}

fn show(text: &str, ms: &[QuantityMatch]) -> String {
    let parts: Vec<String> = ms
        .iter()
        .map(|m| {
            let q = &m.quantity;
            format!(
                "{:?}={} [{:?},{:?}] {}",
                text.get(m.span.0..m.span.1).unwrap_or("?"),
                q.value,
                q.low,
                q.high,
                q.unit.as_deref().unwrap_or(&q.dimension)
            )
        })
        .collect();
    format!("[{}]", parts.join("; "))
}

fn load_json(path: &Path) -> Option<Value> {
    let s = std::fs::read_to_string(path).ok()?;
    let s = s.trim_start_matches('\u{feff}');
    serde_json::from_str(s).ok()
}

fn num_of(v: &Value) -> Option<f64> {
    match v {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

const SPELLED_DENOMS: &[&str] = &[
    "half", "halves", "third", "thirds", "quarter", "quarters", "fourth", "fourths", "fifth",
    "fifths", "sixth", "sixths", "seventh", "sevenths", "eighth", "eighths", "ninth", "ninths",
    "tenth", "tenths",
];
const SMALL: &[&str] = &[
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// Spelled fractions in scope: "<a|one..ten> <denominator>", "<n> and a <denominator>",
/// "half", "half a <scale>". Everything else spelled as a fraction is out of scope.
fn simple_spelled_fraction(text: &str) -> bool {
    let w: Vec<String> = text
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let ws: Vec<&str> = w.iter().map(String::as_str).collect();
    match ws.as_slice() {
        ["half"] | ["half", _] | ["half", "a", _] => true,
        [n, d] => SMALL.contains(n) && SPELLED_DENOMS.contains(d),
        [.., "and", a, d] => SMALL.contains(a) && SPELLED_DENOMS.contains(d) && ws.len() <= 6,
        _ => false,
    }
}

fn glued_unit(input: &str) -> bool {
    // a digit directly followed by letters that are not a scale suffix ("180ml", "29km", "1m")
    let b = input.as_bytes();
    (0..b.len()).any(|i| {
        i > 0 && b[i - 1].is_ascii_digit() && b[i].is_ascii_alphabetic() && {
            let run: String = input[i..]
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            !matches!(
                run.as_str(),
                "k" | "K" | "M" | "G" | "b" | "B" | "bn" | "e" | "MM" | "mil" | "T"
            )
        }
    })
}

/// The case is marked unsupported for .NET, the reference implementation.
fn not_supported_reference(case: &Value) -> bool {
    case["NotSupported"]
        .as_str()
        .is_some_and(|s| s.contains("dotnet"))
}

/// Three or more digit groups joined by "-" or "/" ("5/17/2018", "+1-222-2222/2222").
fn date_or_phone(input: &str) -> bool {
    let mut groups = 0;
    let mut prev_digit = false;
    let mut joined = 0;
    for c in input.chars() {
        if c.is_ascii_digit() {
            if !prev_digit {
                groups += 1;
            }
            prev_digit = true;
        } else {
            if prev_digit && (c == '-' || c == '/') {
                joined += 1;
            } else if !(c == '-' || c == '/') {
                if joined >= 2 {
                    return true;
                }
                joined = 0;
            }
            prev_digit = false;
        }
    }
    joined >= 2 && groups >= 3
}

/// "from X to Y": read as a change between two values (two quantities), not a range.
fn from_to(text: &str) -> bool {
    let l = text.to_lowercase();
    l.split_whitespace().any(|w| w == "from") && l.contains(" to ")
}

// ------------------------------------------------------------------ Recognizers Number
/// In scope unless an expected result is: negative; power/exponent notation with `^` or `x10`;
/// a ratio ("over", "out of", " in "); a spelled decimal ("point"); a spelled fraction other than
/// the simple forms of [`simple_spelled_fraction`]; a decimal comma ("1,3", "5,00"). Cases that
/// expect nothing because a unit is glued to the number ("180ml": the unit model's business) are
/// out of scope. Cases marked unsupported in every platform are skipped as out of scope.
/// Pass: the values we find (any unit) equal the expected values, in order.
fn number_model(dir: &Path, verbose: bool) -> Option<Score> {
    let data = load_json(&dir.join("recognizers-text/Number/English/NumberModel.json"))?;
    let mut sc = Score::new("Recognizers Number/NumberModel.json");
    for case in data.as_array()? {
        let input = case["Input"].as_str().unwrap_or("");
        let Some(found) = run(input, &mut sc) else {
            continue;
        };
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        let mut why: Option<&'static str> = None;
        if results.is_empty() && glued_unit(input) {
            why = Some("number glued to a unit (unit model's case)");
        }
        if not_supported_reference(case) {
            why = Some("marked unsupported by the reference (.NET) implementation");
        }
        if date_or_phone(input) {
            why = Some("date or phone number (not quantities by design)");
        }
        let mut expected = Vec::new();
        for r in &results {
            let text = r["Text"].as_str().unwrap_or("").to_lowercase();
            let res = &r["Resolution"];
            let subtype = res["subtype"].as_str().unwrap_or("");
            let v = num_of(&res["value"]);
            if v.is_some_and(|v| v < 0.0) || text.contains("minus") || text.contains("negative") {
                why = Some("negative number");
            } else if subtype == "power" {
                why = Some("power/exponent notation");
            } else if text.contains(" over ") || text.contains("out of") || text.contains(" in ") {
                why = Some("ratio (over / out of / in)");
            } else if text.contains("point") {
                why = Some("spelled-out decimal");
            } else if subtype == "fraction"
                && !text.chars().any(|c| c.is_ascii_digit())
                && !text.chars().any(|c| "½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞".contains(c))
                && !simple_spelled_fraction(&text)
            {
                why = Some("complex spelled fraction");
            } else if text.contains(',')
                && {
                    let after: Vec<&str> = text.split(',').skip(1).collect();
                    after.iter().any(|g| {
                        g.trim_end_matches(|c: char| !c.is_ascii_digit()).len() != 3 && g.len() < 3
                    })
                }
                && !text.contains(", ")
            {
                why = Some("decimal comma");
            }
            expected.push(v);
        }
        if let Some(w) = why {
            sc.out(w);
            continue;
        }
        sc.in_scope += 1;
        let got: Vec<f64> = found.iter().map(|m| m.quantity.value).collect();
        let ok = got.len() == expected.len()
            && got
                .iter()
                .zip(&expected)
                .all(|(g, e)| e.is_some_and(|e| close(*g, e)));
        if ok {
            sc.passed += 1;
        } else if verbose {
            let exp: Vec<String> = results
                .iter()
                .map(|r| {
                    format!(
                        "{:?}={}",
                        r["Text"].as_str().unwrap_or(""),
                        r["Resolution"]["value"]
                    )
                })
                .collect();
            sc.failures.push(format!(
                "{input:?}\n      expected [{}]\n      got      {}",
                exp.join("; "),
                show(input, &found)
            ));
        }
    }
    Some(sc)
}

// ------------------------------------------------------------------ Recognizers NumberRange
/// In scope unless: two-sided ranges built from two comparatives ("more than 10 and less than
/// 40", "at most 100 and at least 20"); ordinals; negatives; ratios ("2 in 5", "1/2"); symbol
/// pairs that are invalid ("<>30"). Open/closed brackets are not compared (our intervals have
/// closed bounds; exclusivity is recorded per qualifier in qualifiers.toml); a lower bound of 0
/// matches an open lower end (counts are non-negative).
/// Pass: our qualified or ranged quantities (plain numbers ignored) have the expected bounds.
fn number_range_model(dir: &Path, verbose: bool) -> Option<Score> {
    let data = load_json(&dir.join("recognizers-text/Number/English/NumberRangeModel.json"))?;
    let mut sc = Score::new("Recognizers Number/NumberRangeModel.json");
    let comparative = [
        "than", "least", "most", "above", "below", "over", "under", "exceed", "surpass", "up to",
        "equal", ">", "<",
    ];
    for case in data.as_array()? {
        let input = case["Input"].as_str().unwrap_or("");
        let Some(found) = run(input, &mut sc) else {
            continue;
        };
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        let mut why: Option<&'static str> = None;
        let mut expected = Vec::new();
        for r in &results {
            let text = r["Text"].as_str().unwrap_or("").to_lowercase();
            let val = r["Resolution"]["value"].as_str().unwrap_or("");
            let n_comp = comparative.iter().filter(|c| text.contains(*c)).count();
            let two_sided =
                (text.contains(" and ") || text.contains(" but ") || text.contains(", "))
                    && n_comp >= 2
                    || text.matches("than").count() >= 2;
            if from_to(&text) {
                why = Some("from X to Y (read as a change, by design)");
            } else if two_sided {
                why = Some("two-sided range from two comparatives");
            } else if text.contains("tenth") || text.contains("fifteenth") {
                why = Some("ordinals");
            } else if val.contains('-') || text.contains("negative") {
                why = Some("negative number");
            } else if text.contains(" in ") || text.contains('/') {
                why = Some("ratio");
            }
            let inner = val.trim_matches(|c| "[]()".contains(c));
            let mut it = inner.split(',');
            let lo = it.next().and_then(|s| s.trim().parse::<f64>().ok());
            let hi = it.next().and_then(|s| s.trim().parse::<f64>().ok());
            expected.push((lo, hi));
        }
        if results.is_empty()
            && (input.contains("<>") || input.contains("=>") || input.contains("=<"))
        {
            why = Some("invalid comparison symbols");
        }
        if let Some(w) = why {
            sc.out(w);
            continue;
        }
        sc.in_scope += 1;
        let got: Vec<(Option<f64>, Option<f64>)> = found
            .iter()
            .filter(|m| m.quantity.qualifier.is_some() || m.quantity.low != m.quantity.high)
            .map(|m| (m.quantity.low, m.quantity.high))
            .collect();
        let eq = |a: Option<f64>, b: Option<f64>, low: bool| match (a, b) {
            (Some(x), Some(y)) => close(x, y),
            (None, None) => true,
            (Some(x), None) => low && x == 0.0,
            _ => false,
        };
        let ok = got.len() == expected.len()
            && got
                .iter()
                .zip(&expected)
                .all(|(g, e)| eq(g.0, e.0, true) && eq(g.1, e.1, false));
        if ok {
            sc.passed += 1;
        } else if verbose {
            let exp: Vec<String> = results
                .iter()
                .map(|r| {
                    format!(
                        "{:?}={}",
                        r["Text"].as_str().unwrap_or(""),
                        r["Resolution"]["value"]
                    )
                })
                .collect();
            sc.failures.push(format!(
                "{input:?}\n      expected [{}]\n      got      {}",
                exp.join("; "),
                show(input, &found)
            ));
        }
    }
    Some(sc)
}

// ------------------------------------------------------------------ Recognizers Dimension
fn rt_unit(name: &str) -> Option<&'static str> {
    Some(match name {
        "Mile" => "mile",
        "Kilometer" => "km",
        "Meter" => "m",
        "Centimeter" => "cm",
        "Millimeter" => "mm",
        "Foot" => "ft",
        "Inch" => "inch",
        "Yard" => "yard",
        "Square kilometer" => "km2",
        "Square meter" => "m2",
        "Square mile" => "sq_mile",
        "Square foot" => "sq_ft",
        "Acre" => "acre",
        "Hectare" => "hectare",
        "Kilogram" => "kg",
        "Gram" => "g",
        "Milligram" => "mg",
        "Pound" => "lb",
        "Ounce" => "oz",
        "Ton" | "Metric ton" => "tonne",
        "Liter" => "l",
        "Milliliter" => "ml",
        "Gallon" => "gallon",
        "Barrel" => "barrel",
        "Cubic foot" => "cubic_ft",
        "Cubic meter" => "m3",
        "Kilometer per hour" => "km/h",
        "Mile per hour" => "mph",
        _ => return None,
    })
}

const DIM_DIMENSIONS: &[&str] = &["length", "area", "mass", "volume", "speed"];

/// In scope unless an expected result has a unit outside our table (information, angle, cup,
/// decimetre, picometre...), no number ("metric ton" alone), a compound measure ("5 feet 2
/// inches"), or a value that needs other out-of-scope features (fractions "10 1/2" are in).
/// We compare our quantities of the physical dimensions the model covers (length, area, mass,
/// volume, speed); currency, percent, duration and counts belong to other models.
/// Pass: same number of measures, each with the expected value and unit.
fn dimension_model(dir: &Path, verbose: bool) -> Option<Score> {
    let data = load_json(&dir.join("recognizers-text/NumberWithUnit/English/DimensionModel.json"))?;
    let mut sc = Score::new("Recognizers NumberWithUnit/DimensionModel.json");
    for case in data.as_array()? {
        let input = case["Input"].as_str().unwrap_or("");
        let Some(found) = run(input, &mut sc) else {
            continue;
        };
        let results = case["Results"].as_array().cloned().unwrap_or_default();
        let mut why: Option<&'static str> = None;
        let mut expected = Vec::new();
        for r in &results {
            let res = &r["Resolution"];
            let unit = res["unit"].as_str().unwrap_or("");
            let text = r["Text"].as_str().unwrap_or("");
            match (rt_unit(unit), num_of(&res["value"])) {
                (Some(u), Some(v)) => {
                    let words = text
                        .split_whitespace()
                        .filter(|w| w.chars().any(|c| c.is_ascii_digit()))
                        .count();
                    if words >= 2 && !text.contains('/') {
                        why = Some("compound measure (5 feet 2 inches)");
                    }
                    expected.push((v, u));
                }
                (None, _) => why = Some("unit not in our table"),
                (_, None) => why = Some("unit without a number"),
            }
        }
        if let Some(w) = why {
            sc.out(w);
            continue;
        }
        sc.in_scope += 1;
        let got: Vec<(f64, String)> = found
            .iter()
            .filter(|m| DIM_DIMENSIONS.contains(&m.quantity.dimension.as_str()))
            .map(|m| {
                (
                    m.quantity.value,
                    m.quantity.unit.clone().unwrap_or_default(),
                )
            })
            .collect();
        let ok = got.len() == expected.len()
            && got
                .iter()
                .zip(&expected)
                .all(|(g, e)| close(g.0, e.0) && g.1 == e.1);
        if ok {
            sc.passed += 1;
        } else if verbose {
            let exp: Vec<String> = expected.iter().map(|(v, u)| format!("{v} {u}")).collect();
            sc.failures.push(format!(
                "{input:?}\n      expected [{}]\n      got      {}",
                exp.join("; "),
                show(input, &found)
            ));
        }
    }
    Some(sc)
}

// ------------------------------------------------------------------ quantulum3
fn q3_unit(name: &str) -> Option<Option<&'static str>> {
    Some(Some(match name {
        "dimensionless" => return Some(None),
        "metre" => "m",
        "kilometre" => "km",
        "centimetre" => "cm",
        "millimetre" => "mm",
        "mile" => "mile",
        "inch" => "inch",
        "foot" => "ft",
        "pound sterling" => "GBP",
        "dollar" => "USD",
        "euro" => "EUR",
        "second" => "second",
        "minute" => "minute",
        "hour" => "hour",
        "day" => "day",
        "week" => "week",
        "month" => "month",
        "year" => "year",
        "percentage" => "percent",
        "square kilometre" => "km2",
        "square mile" => "sq_mile",
        "square metre" => "m2",
        "cubic kilometre" => "km3",
        "gallon" => "gallon",
        "litre" => "l",
        "centilitre" => "cl",
        "cubic centimetre" => "ml",
        "kilogram" => "kg",
        "milligram" => "mg",
        "pound-mass" => "lb",
        "tonne" => "tonne",
        "degree Celsius" => "C",
        "degree fahrenheit" => "F",
        "kilometre per hour" => "km/h",
        _ => return None,
    }))
}

/// In scope unless an expected quantity: has a unit outside our table (electronvolt, byte,
/// nanometre, compound units such as "dollar per hour", "dozen" as a unit...); is negative; is
/// a year (a 4-digit number 1800..2100: years are dates, not quantities, by design); uses
/// scientific notation ("2.48×10−5", "4e14"). Ranges are compared by their midpoint (quantulum3
/// reports the midpoint). Pass: same quantities in order, each with the value and unit.
fn quantulum(dir: &Path, verbose: bool) -> Option<Score> {
    let data = load_json(&dir.join("quantulum3/quantities.json"))?;
    let mut sc = Score::new("quantulum3 quantities.json");
    for case in data.as_array()? {
        let input = case["req"].as_str().unwrap_or("");
        let Some(found) = run(input, &mut sc) else {
            continue;
        };
        let results = case["res"].as_array().cloned().unwrap_or_default();
        let mut why: Option<&'static str> = None;
        let mut expected = Vec::new();
        for r in &results {
            let v = num_of(&r["value"]).unwrap_or(f64::NAN);
            let surface = r["surface"].as_str().unwrap_or("");
            match q3_unit(r["unit"].as_str().unwrap_or("")) {
                None => why = Some("unit not in our table"),
                Some(u) => {
                    if v < 0.0 {
                        why = Some("negative number");
                    } else if u.is_none()
                        && surface.len() == 4
                        && surface.chars().all(|c| c.is_ascii_digit())
                        && (1800.0..=2100.0).contains(&v)
                    {
                        why = Some("year (not a quantity by design)");
                    } else if from_to(input) && surface.contains(" to ")
                        || from_to(input)
                            && input
                                .to_lowercase()
                                .contains(&format!("from {}", surface.to_lowercase()))
                    {
                        why = Some("from X to Y (read as a change, by design)");
                    } else if surface.contains('×')
                        || surface.contains('^')
                        || surface.contains("e1")
                        || surface.contains("e-")
                    {
                        why = Some("scientific notation");
                    }
                    expected.push((v, u));
                }
            }
        }
        if let Some(w) = why {
            sc.out(w);
            continue;
        }
        sc.in_scope += 1;
        let got: Vec<(f64, Option<String>)> = found
            .iter()
            .map(|m| {
                let q = &m.quantity;
                let v = match (q.low, q.high, &q.qualifier) {
                    (Some(l), Some(h), None) if l != h => (l + h) / 2.0,
                    (Some(l), Some(h), Some(qq)) if qq == "between" => (l + h) / 2.0,
                    _ => q.value,
                };
                (v, q.unit.clone())
            })
            .collect();
        let ok = got.len() == expected.len()
            && got
                .iter()
                .zip(&expected)
                .all(|(g, e)| close(g.0, e.0) && g.1.as_deref() == e.1);
        if ok {
            sc.passed += 1;
        } else if verbose {
            let exp: Vec<String> = expected
                .iter()
                .map(|(v, u)| format!("{v} {}", u.unwrap_or("-")))
                .collect();
            sc.failures.push(format!(
                "{input:?}\n      expected [{}]\n      got      {}",
                exp.join("; "),
                show(input, &found)
            ));
        }
    }
    Some(sc)
}

// ------------------------------------------------------------------ Duckling
fn dk_unit(name: &str) -> Option<Option<&'static str>> {
    Some(Some(match name {
        "Unnamed" => return Some(None),
        "Kilometre" => "km",
        "Mile" => "mile",
        "Metre" | "M" => "m",
        "Centimetre" => "cm",
        "Millimetre" => "mm",
        "Inch" => "inch",
        "Foot" => "ft",
        "Gram" => "g",
        "Pound" => "lb",
        "Ounce" => "oz",
        _ => return None,
    }))
}

/// Each input of a Numeral / Quantity / Distance example is a case. In scope unless: negative;
/// several measures added up ("7 feet 10 inches"); units outside our table (cup); vague words
/// Duckling reads as exact ("a few" = 3); spelled decimals ("point"); colloquial forms ("one
/// twenty two", "three thousand millions"); Indian abbreviations outside numbers.toml ("lkh",
/// "cr", "koti"); fractions of units ("2/1000 kilograms"); parenthesised duplicates ("forty-five
/// (45)"). Pass: exactly one quantity whose value (converted to the expected unit for measures)
/// and interval match.
fn duckling(dir: &Path, verbose: bool) -> Option<Score> {
    let path = dir.join("duckling/duckling_en_examples.jsonl");
    let text = std::fs::read_to_string(path).ok()?;
    let mut sc = Score::new("Duckling Numeral/Quantity/Distance");
    let u = units();
    for line in text.lines() {
        let Ok(ex) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let dim = ex["dimension"].as_str().unwrap_or("");
        if !matches!(dim, "Numeral" | "Quantity" | "Distance") {
            continue;
        }
        let expected = ex["expected"].as_str().unwrap_or("");
        // parse "NumeralValue 3e6", "simple Kilometre 3", "between Gram (2,7) Nothing",
        // "under Mile 3.5", "above Inch 5"
        let parts: Vec<&str> = expected.splitn(3, ' ').collect();
        let (kind, unit, rest) = match parts.as_slice() {
            ["NumeralValue", v] => ("simple", "Unnamed", *v),
            [k, un, r] => (*k, *un, *r),
            _ => continue,
        };
        let nums: Vec<f64> = rest
            .trim_start_matches('(')
            .split([',', ')', ' '])
            .map(|s| s.trim_start_matches('('))
            .filter_map(|s| s.parse::<f64>().ok())
            .collect();
        for input in ex["inputs"].as_array().cloned().unwrap_or_default() {
            let input = input.as_str().unwrap_or("");
            let Some(found) = run(input, &mut sc) else {
                continue;
            };
            let li = input.to_lowercase();
            let why: Option<&'static str> = if nums.first().is_some_and(|v| *v < 0.0) {
                Some("negative number")
            } else if dk_unit(unit).is_none() {
                Some("unit not in our table")
            } else if li.matches(|c: char| c.is_ascii_digit()).count() > 0
                && li
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| w.chars().next().is_some_and(|c| c.is_ascii_digit()))
                    .count()
                    >= 2
                && !li.contains(" - ")
                && !li.contains('-')
                && !li.contains(" to ")
                && !li.contains(" and ")
                && !li.contains('/')
                || li.contains(", ")
                || (li.contains(" and ") && !li.contains("between"))
            {
                Some("several measures added up")
            } else if li.contains("few")
                || li.contains("single")
                || li.contains("nil")
                || li.contains("pair")
            {
                Some("vague word read as exact")
            } else if li.contains("point") {
                Some("spelled-out decimal")
            } else if li == "one twenty two"
                || li.contains("thousand millions")
                || li.contains("hundred dozens")
            {
                Some("colloquial number")
            } else if ["lkh", " cr", " l", "koti", "krore", " kr", " lac"]
                .iter()
                .any(|w| li.contains(w))
                && dim == "Numeral"
            {
                Some("Indian abbreviation not in numbers.toml")
            } else if li.contains("(") {
                Some("parenthesised duplicate")
            } else if li.contains("/1000") {
                Some("fraction of a unit")
            } else {
                None
            };
            if let Some(w) = why {
                sc.out(w);
                continue;
            }
            sc.in_scope += 1;
            let want_unit = dk_unit(unit).flatten();
            // compare in the expected unit: convert our canonical value back
            let conv = |m: &QuantityMatch, v: Option<f64>| -> Option<f64> {
                let v = v?;
                match (want_unit, m.quantity.unit.as_deref()) {
                    (None, None) => Some(v),
                    (Some(w), Some(g)) if w == g => Some(v),
                    (Some(w), Some(g)) => {
                        let gd = u.by_id(g)?;
                        let wd = u.by_id(w)?;
                        if gd.dimension != wd.dimension {
                            return None;
                        }
                        let c = gd.to_canonical(v)?;
                        Some((c - wd.offset) / wd.factor?)
                    }
                    _ => None,
                }
            };
            let ok = found.len() == 1 && {
                let m = &found[0];
                let q = &m.quantity;
                let lo = conv(m, q.low);
                let hi = conv(m, q.high);
                let val = conv(m, Some(q.value));
                match kind {
                    "simple" => val.zip(nums.first()).is_some_and(|(a, b)| close(a, *b)),
                    "between" => {
                        nums.len() >= 2
                            && lo.is_some_and(|a| close(a, nums[0]))
                            && hi.is_some_and(|a| close(a, nums[1]))
                    }
                    "under" => hi.zip(nums.first()).is_some_and(|(a, b)| close(a, *b)),
                    "above" => {
                        lo.zip(nums.first()).is_some_and(|(a, b)| close(a, *b)) && q.high.is_none()
                    }
                    _ => false,
                }
            };
            if ok {
                sc.passed += 1;
            } else if verbose {
                sc.failures.push(format!(
                    "{input:?}\n      expected {expected}\n      got      {}",
                    show(input, &found)
                ));
            }
        }
    }
    Some(sc)
}

// ------------------------------------------------------------------ robustness
/// Every input of every file, plus pathological inputs, must not panic.
fn robustness(dir: &Path) -> Score {
    let mut sc = Score::new("robustness (no panic on any input)");
    let mut inputs: Vec<String> = vec![
        "9".repeat(10_000),
        "1,".repeat(50_000),
        "one hundred ".repeat(20_000),
        "$".repeat(10_000) + "5",
        "- ".repeat(10_000),
        "a ".repeat(100_000),
        "\u{feff}\u{202f}½⅔".repeat(1000),
    ];
    let files = [
        "recognizers-text/Number/English/NumberModel.json",
        "recognizers-text/Number/English/NumberRangeModel.json",
        "recognizers-text/Number/English/OrdinalModel.json",
        "recognizers-text/Number/English/PercentModel.json",
        "recognizers-text/NumberWithUnit/English/DimensionModel.json",
        "recognizers-text/NumberWithUnit/English/CurrencyModel.json",
        "recognizers-text/NumberWithUnit/English/TemperatureModel.json",
        "recognizers-text/NumberWithUnit/English/AgeModel.json",
        "quantulum3/quantities.json",
        "quantulum3/errors.json",
        "quantulum3/expand.json",
        "quantulum3/quantities.ambiguity.json",
        "quantulum3/spellout_values.json",
    ];
    fn collect(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::String(s) => out.push(s.clone()),
            Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
            Value::Object(o) => o.values().for_each(|x| collect(x, out)),
            _ => {}
        }
    }
    for f in files {
        if let Some(v) = load_json(&dir.join(f)) {
            collect(&v, &mut inputs);
        }
    }
    if let Ok(t) = std::fs::read_to_string(dir.join("duckling/duckling_en_examples.jsonl")) {
        inputs.extend(t.lines().map(str::to_string));
    }
    if let Ok(entries) = std::fs::read_dir(dir.join("recognizers-text/DateTime/English")) {
        for e in entries.flatten() {
            if let Some(v) = load_json(&e.path()) {
                collect(&v, &mut inputs);
            }
        }
    }
    for s in &inputs {
        sc.in_scope += 1;
        if run(s, &mut sc).is_some() {
            sc.passed += 1;
        }
    }
    sc
}

/// CPU time of the current thread in ns (Linux), if available.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Throughput on repeated news-like text and on pathological inputs (release build).
fn bench() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seed = ["../shared/seed", "../../shared/seed"]
        .iter()
        .map(|p| root.join(p))
        .find(|p| p.is_dir());
    let mut corpus = String::new();
    if let Some(dir) = seed {
        if let Ok(entries) = std::fs::read_dir(dir) {
            let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
            paths.sort();
            for p in paths {
                corpus.push_str(&std::fs::read_to_string(p).unwrap_or_default());
            }
        }
    }
    if corpus.is_empty() {
        corpus = "Security forces killed 225 people, and more than 10,000 were detained across the \
                  country's 2.7 million square kilometres; about 2,000 troops of the six-member CSTO \
                  arrived on 6 January 2022, and a $2bn loan was discussed.\n"
            .to_string();
    }
    let mut inputs: Vec<(&str, String)> = Vec::new();
    let reps = (20_000_000 / corpus.len().max(1)).max(1);
    inputs.push(("news text (seed, repeated)", corpus.repeat(reps)));
    inputs.push((
        "10,000-digit number x100",
        format!("{} ", "9".repeat(10_000)).repeat(100),
    ));
    inputs.push(("'1,' x 500k", "1,".repeat(500_000)));
    inputs.push(("'one hundred ' x 200k", "one hundred ".repeat(200_000)));
    inputs.push(("'a ' x 500k", "a ".repeat(500_000)));
    inputs.push(("'more than ' x 200k", "more than ".repeat(200_000)));
    inputs.push(("'1 ' x 500k", "1 ".repeat(500_000)));
    inputs.push(("'1-' x 500k", "1-".repeat(500_000)));
    inputs.push(("'$1 to ' x 200k", "$1 to ".repeat(200_000)));
    println!("(CPU time of this thread from /proc/thread-self/schedstat where available, so a busy machine does not skew it)");
    for (name, text) in &inputs {
        let t0 = std::time::Instant::now();
        let c0 = thread_cpu_ns();
        // sentence-sized calls for the news text, whole-input calls for the others
        let mut n = 0;
        if name.starts_with("news") {
            for line in text.split_inclusive(['.', '\n']) {
                n += find(line).len();
            }
        } else {
            n += find(text).len();
        }
        let wall = t0.elapsed().as_secs_f64();
        let dt = match (c0, thread_cpu_ns()) {
            (Some(a), Some(b)) if b > a => (b - a) as f64 / 1e9,
            _ => wall,
        };
        println!(
            "{name}: {:.1} MB in {:.3} s = {:.1} MB/s ({n} quantities)",
            text.len() as f64 / 1e6,
            dt,
            text.len() as f64 / 1e6 / dt
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--text "..."`: print what the recogniser finds in each given text and exit
    if let Some(pos) = args.iter().position(|a| a == "--text") {
        for text in &args[pos + 1..] {
            println!("{text:?}");
            for m in find(text) {
                let q = &m.quantity;
                println!(
                    "  {:?} {:?}: value {} interval [{:?}, {:?}] unit {:?} dimension {} qualifier {:?} normalized {:?}",
                    m.span,
                    text.get(m.span.0..m.span.1).unwrap_or(""),
                    q.value,
                    q.low,
                    q.high,
                    q.unit,
                    q.dimension,
                    q.qualifier,
                    q.normalized.as_ref().map(|n| (n.low, n.high, n.unit.as_str()))
                );
            }
        }
        return;
    }
    let verbose = args.iter().any(|a| a == "--verbose" || a == "-v");
    if args.iter().any(|a| a == "--bench") {
        bench();
        return;
    }
    // CARGO_MANIFEST_DIR/../shared/conformance; FACTDIFF_CONFORMANCE overrides, and a worktree
    // one level deeper (wt/<name>) finds ../../shared/conformance.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir: PathBuf = std::env::var_os("FACTDIFF_CONFORMANCE")
        .map(PathBuf::from)
        .into_iter()
        .chain([
            root.join("../shared/conformance"),
            root.join("../../shared/conformance"),
        ])
        .find(|d| d.is_dir())
        .unwrap_or_else(|| root.join("../shared/conformance"));
    if !dir.is_dir() {
        println!("conformance data not found at {}: skipped", dir.display());
        return;
    }
    // silence the default panic message; crashes are counted and reported
    std::panic::set_hook(Box::new(|_| {}));
    let scores: Vec<Score> = [
        number_model(&dir, verbose),
        number_range_model(&dir, verbose),
        dimension_model(&dir, verbose),
        quantulum(&dir, verbose),
        duckling(&dir, verbose),
    ]
    .into_iter()
    .flatten()
    .chain(std::iter::once(robustness(&dir)))
    .collect();
    println!("| file | in-scope passed | in-scope | pass rate | out of scope | crashes |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut crashes = 0;
    for s in &scores {
        let rate = if s.in_scope == 0 {
            0.0
        } else {
            100.0 * s.passed as f64 / s.in_scope as f64
        };
        println!(
            "| {} | {} | {} | {:.1}% | {} | {} |",
            s.name,
            s.passed,
            s.in_scope,
            rate,
            s.out_count(),
            s.crashes
        );
        crashes += s.crashes;
    }
    println!();
    for s in &scores {
        if !s.out_reasons.is_empty() {
            let r: Vec<String> = s
                .out_reasons
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            println!("out of scope, {}: {}", s.name, r.join(", "));
        }
    }
    if verbose {
        for s in &scores {
            if s.failures.is_empty() {
                continue;
            }
            println!("\n## failures: {} (of {} cases)", s.name, s.total);
            for f in &s.failures {
                println!("  - {f}");
            }
        }
    }
    if crashes > 0 {
        println!("\n{crashes} crash(es)");
        std::process::exit(1);
    }
}
