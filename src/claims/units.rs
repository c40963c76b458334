//! Units of measure: the unit table and conversion to canonical units.
//!
//! Input: `rules/vocab/units.toml` (embedded, parsed once) and unit phrases as written after or
//! before a number ("kilometres", "sq km", "%", "$"). Output: [`UnitDef`]s (id, dimension,
//! conversion) and [`Normalized`] intervals in the dimension's canonical unit (length `km`, area
//! `km2`, mass `kg`, volume `l`, duration `day`, temperature `C`; currencies stay in their own
//! ISO code and are never converted into one another).

use std::collections::BTreeMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use serde::Deserialize;

use crate::claims::Normalized;

/// A small fast hasher for the vocabulary tables (short keys, fixed at load time; input text
/// only queries them, so hash flooding is not a concern).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Fx {
    fn mix(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    /// Eight bytes at a time (the last chunk zero-padded).
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.mix(u64::from_le_bytes(b));
        }
        let r = chunks.remainder();
        if !r.is_empty() {
            let mut b = [0u8; 8];
            b[..r.len()].copy_from_slice(r);
            self.mix(u64::from_le_bytes(b));
        }
    }
    fn write_u8(&mut self, b: u8) {
        self.mix(u64::from(b));
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fx>>;
pub(crate) type HashSet<K> = std::collections::HashSet<K, BuildHasherDefault<Fx>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitsFile {
    dimensions: BTreeMap<String, String>,
    unit: Vec<UnitEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnitEntry {
    id: String,
    dimension: String,
    factor: Option<f64>,
    #[serde(default)]
    offset: f64,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    symbols: Vec<String>,
    #[serde(default)]
    prefixes: Vec<String>,
    #[serde(default)]
    scaled_aliases: Vec<String>,
}

/// One unit of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDef {
    /// Unit id written into claims (`km`, `mile`, `USD`).
    pub id: String,
    /// Dimension (`length`, `currency`...).
    pub dimension: String,
    /// `canonical = value * factor + offset`; `None` when the dimension is not convertible.
    pub factor: Option<f64>,
    pub offset: f64,
    /// Canonical unit of the dimension (`km`), or the unit's own id for `self` dimensions.
    pub canonical: Option<String>,
}

impl UnitDef {
    /// Convert one value to the canonical unit, if convertible.
    pub fn to_canonical(&self, v: f64) -> Option<f64> {
        let f = self.factor?;
        let r = round_sig(v * f + self.offset);
        r.is_finite().then_some(r)
    }

    /// The interval `[low, high]` (written unit) in the dimension's canonical unit.
    pub fn normalize(&self, low: Option<f64>, high: Option<f64>) -> Option<Normalized> {
        let unit = self.canonical.clone()?;
        if self.factor.is_none() {
            // `self` dimensions (currencies): same numbers, own unit.
            return Some(Normalized { low, high, unit });
        }
        let conv = |v: Option<f64>| v.and_then(|x| self.to_canonical(x));
        Some(Normalized {
            low: conv(low),
            high: conv(high),
            unit,
        })
    }
}

/// Where a unit phrase may be written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// After the number, case-insensitive whole words ("kilometres").
    Alias,
    /// After the number, case-sensitive, may be glued ("km", "%").
    Symbol,
    /// Before the number ("$", "magnitude").
    Prefix,
    /// After a number with a scale word only ("2 million pounds").
    ScaledAlias,
}

/// The unit table with its lookup maps.
#[derive(Debug)]
pub struct Units {
    defs: Vec<UnitDef>,
    aliases: HashMap<String, usize>,
    symbols: HashMap<String, usize>,
    prefixes: HashMap<String, usize>,
    scaled: HashMap<String, usize>,
}

impl Units {
    fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        let file: UnitsFile = toml::from_str(text)?;
        let mut u = Units {
            defs: Vec::new(),
            aliases: HashMap::default(),
            symbols: HashMap::default(),
            prefixes: HashMap::default(),
            scaled: HashMap::default(),
        };
        for (i, e) in file.unit.into_iter().enumerate() {
            let canonical = match file.dimensions.get(&e.dimension).map(String::as_str) {
                Some("self") => Some(e.id.clone()),
                Some(c) if e.factor.is_some() => Some(c.to_string()),
                _ => None,
            };
            // The id itself is always an alias ("km", "mile").
            u.aliases.entry(e.id.to_lowercase()).or_insert(i);
            for a in &e.aliases {
                u.aliases.insert(norm_phrase(&a.to_lowercase()), i);
            }
            for s in &e.symbols {
                u.symbols.insert(norm_phrase(s), i);
            }
            for p in &e.prefixes {
                u.prefixes.insert(norm_phrase(p), i);
            }
            for a in &e.scaled_aliases {
                u.scaled.insert(norm_phrase(&a.to_lowercase()), i);
            }
            u.defs.push(UnitDef {
                id: e.id,
                dimension: e.dimension,
                factor: e.factor,
                offset: e.offset,
                canonical,
            });
        }
        Ok(u)
    }

    /// Look a written phrase up (whitespace already collapsed to single spaces).
    /// Symbols are tried case-sensitively first, then aliases case-insensitively.
    pub fn lookup(&self, phrase: &str, pos: Position) -> Option<&UnitDef> {
        let idx = match pos {
            Position::Symbol => self.symbols.get(phrase),
            Position::Prefix => self.prefixes.get(phrase),
            Position::Alias => self.aliases.get(phrase.to_lowercase().as_str()),
            Position::ScaledAlias => self.scaled.get(phrase.to_lowercase().as_str()),
        }?;
        self.defs.get(*idx)
    }

    /// A unit phrase written after a number: symbol (case-sensitive) or alias.
    pub fn after(&self, phrase: &str, scaled: bool) -> Option<&UnitDef> {
        let scaled_hit = if scaled {
            self.lookup(phrase, Position::ScaledAlias)
        } else {
            None
        };
        scaled_hit
            .or_else(|| self.lookup(phrase, Position::Symbol))
            .or_else(|| self.lookup(phrase, Position::Alias))
    }

    /// A unit phrase written after a number, given as written (`raw`, for case-sensitive
    /// symbols) and lower-cased (`lower`, for aliases); no allocation.
    pub fn after_lc(&self, raw: &str, lower: &str, scaled: bool) -> Option<&UnitDef> {
        let idx = scaled
            .then(|| self.scaled.get(lower))
            .flatten()
            .or_else(|| self.symbols.get(raw))
            .or_else(|| self.aliases.get(lower))?;
        self.defs.get(*idx)
    }

    /// Every phrase that may follow a number (aliases, symbols, scaled aliases).
    pub fn all_after_phrases(&self) -> impl Iterator<Item = &str> {
        self.aliases
            .keys()
            .chain(self.symbols.keys())
            .chain(self.scaled.keys())
            .map(String::as_str)
    }

    /// A unit by id.
    pub fn by_id(&self, id: &str) -> Option<&UnitDef> {
        self.defs.iter().find(|d| d.id == id)
    }

    /// Every prefix phrase ("$", "US$", "magnitude").
    pub fn all_prefixes(&self) -> impl Iterator<Item = &str> {
        self.prefixes.keys().map(String::as_str)
    }

    /// All units, in file order.
    pub fn all(&self) -> &[UnitDef] {
        &self.defs
    }
}

/// Round to 12 significant digits, removing binary noise from factor arithmetic
/// (`3000 * 1.1` = 3300, not 3300.0000000000005). Non-finite values pass through.
pub fn round_sig(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    // An integer of at most 12 digits is its own 12-digit rounding.
    if x.fract() == 0.0 && x.abs() < 1e12 {
        return x;
    }
    // So is the double nearest to a decimal `m / 10^k` of at most 12 significant digits:
    // `x` is within half a unit in the last place (about 1e-16 relative) of that decimal,
    // far closer than the 12-digit neighbours (1e-11 relative), so formatting gives the
    // decimal and parsing it gives `x` back. `m / p` (both exact) is correctly rounded, so
    // it equals `x` exactly when `x` is that nearest double.
    for p in [1e1, 1e2, 1e3, 1e4, 1e5, 1e6] {
        let m = (x * p).round();
        if m.abs() < 1e12 && m / p == x {
            return x;
        }
    }
    // The same format-and-parse, written into a stack buffer instead of a `String`.
    let mut buf = SigBuf { b: [0; 48], n: 0 };
    if std::fmt::Write::write_fmt(&mut buf, format_args!("{x:.11e}")).is_err() {
        return format!("{x:.11e}").parse().unwrap_or(x);
    }
    std::str::from_utf8(&buf.b[..buf.n])
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(x)
}

/// A fixed-size buffer for [`round_sig`]'s formatting.
struct SigBuf {
    b: [u8; 48],
    n: usize,
}

impl std::fmt::Write for SigBuf {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let end = self.n + s.len();
        let dst = self.b.get_mut(self.n..end).ok_or(std::fmt::Error)?;
        dst.copy_from_slice(s.as_bytes());
        self.n = end;
        Ok(())
    }
}

/// Collapse runs of whitespace to one ASCII space and trim.
pub fn norm_phrase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The unit table from `rules/vocab/units.toml`, parsed once.
pub fn units() -> &'static Units {
    static U: OnceLock<Units> = OnceLock::new();
    U.get_or_init(
        || match Units::from_toml(crate::vocab::require("vocab/units.toml")) {
            Ok(u) => u,
            // The embedded file is part of the binary and covered by tests.
            Err(e) => panic!("rules/vocab/units.toml is invalid: {e}"),
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn table_parses_and_ids_are_unique() {
        let u = units();
        let mut ids: Vec<&str> = u.all().iter().map(|d| d.id.as_str()).collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), n);
        assert!(n >= 40);
    }

    #[test]
    fn aliases_case_insensitive() {
        let u = units();
        assert_eq!(
            u.after("Kilometres", false).map(|d| d.id.as_str()),
            Some("km")
        );
        assert_eq!(
            u.after("kilometers", false).map(|d| d.id.as_str()),
            Some("km")
        );
        assert_eq!(u.after("Miles", false).map(|d| d.id.as_str()), Some("mile"));
        assert_eq!(
            u.after("per cent", false).map(|d| d.id.as_str()),
            Some("percent")
        );
        assert_eq!(u.after("sq km", false).map(|d| d.id.as_str()), Some("km2"));
        assert_eq!(
            u.after("square miles", false).map(|d| d.id.as_str()),
            Some("sq_mile")
        );
    }

    #[test]
    fn symbols_case_sensitive() {
        let u = units();
        assert_eq!(u.after("m", false).map(|d| d.id.as_str()), Some("m"));
        assert_eq!(u.after("%", false).map(|d| d.id.as_str()), Some("percent"));
        assert_eq!(u.after("°C", false).map(|d| d.id.as_str()), Some("C"));
        assert_eq!(u.after("km²", false).map(|d| d.id.as_str()), Some("km2"));
        assert!(u.after("Xyz", false).is_none());
    }

    #[test]
    fn pounds_are_mass_unless_scaled() {
        let u = units();
        assert_eq!(u.after("pounds", false).map(|d| d.id.as_str()), Some("lb"));
        assert_eq!(
            u.lookup("pounds", Position::ScaledAlias)
                .map(|d| d.id.as_str()),
            Some("GBP")
        );
    }

    #[test]
    fn prefixes() {
        let u = units();
        assert_eq!(
            u.lookup("$", Position::Prefix).map(|d| d.id.as_str()),
            Some("USD")
        );
        assert_eq!(
            u.lookup("US$", Position::Prefix).map(|d| d.id.as_str()),
            Some("USD")
        );
        assert_eq!(
            u.lookup("€", Position::Prefix).map(|d| d.id.as_str()),
            Some("EUR")
        );
        assert_eq!(
            u.lookup("£", Position::Prefix).map(|d| d.id.as_str()),
            Some("GBP")
        );
        assert_eq!(
            u.lookup("magnitude", Position::Prefix)
                .map(|d| d.id.as_str()),
            Some("magnitude")
        );
    }

    #[test]
    fn miles_to_km() {
        let d = units().by_id("mile").unwrap();
        let n = d.normalize(Some(1000.0), Some(1000.0)).unwrap();
        assert_eq!(n.unit, "km");
        assert!(close(n.low.unwrap(), 1609.344));
        assert!(close(n.high.unwrap(), 1609.344));
    }

    #[test]
    fn area_and_mass_and_volume() {
        let u = units();
        let sq = u.by_id("sq_mile").unwrap().to_canonical(1.0).unwrap();
        assert!(close(sq, 2.589988110336));
        assert!(close(
            u.by_id("hectare").unwrap().to_canonical(100.0).unwrap(),
            1.0
        ));
        assert!(close(
            u.by_id("tonne").unwrap().to_canonical(2.0).unwrap(),
            2000.0
        ));
        assert!(close(
            u.by_id("lb").unwrap().to_canonical(1.0).unwrap(),
            0.45359237
        ));
        assert!(close(
            u.by_id("barrel").unwrap().to_canonical(1.0).unwrap(),
            158.987294928
        ));
        assert!(close(
            u.by_id("ml").unwrap().to_canonical(500.0).unwrap(),
            0.5
        ));
    }

    #[test]
    fn durations_in_days() {
        let u = units();
        assert!(close(
            u.by_id("week").unwrap().to_canonical(2.0).unwrap(),
            14.0
        ));
        assert!(close(
            u.by_id("hour").unwrap().to_canonical(36.0).unwrap(),
            1.5
        ));
        assert!(close(
            u.by_id("year").unwrap().to_canonical(1.0).unwrap(),
            365.2425
        ));
    }

    #[test]
    fn fahrenheit_is_affine() {
        let f = units().by_id("F").unwrap();
        assert!(close(f.to_canonical(212.0).unwrap(), 100.0));
        assert!(close(f.to_canonical(32.0).unwrap(), 0.0));
        let n = f.normalize(Some(-40.0), None).unwrap();
        assert!(close(n.low.unwrap(), -40.0));
        assert_eq!(n.high, None);
        assert_eq!(n.unit, "C");
    }

    #[test]
    fn currency_never_converted() {
        let d = units().by_id("KZT").unwrap();
        let n = d.normalize(Some(5.0), Some(7.0)).unwrap();
        assert_eq!(
            n,
            Normalized {
                low: Some(5.0),
                high: Some(7.0),
                unit: "KZT".into()
            }
        );
        let e = units()
            .by_id("EUR")
            .unwrap()
            .normalize(Some(1.0), None)
            .unwrap();
        assert_eq!(e.unit, "EUR");
    }

    #[test]
    fn magnitude_not_convertible() {
        let d = units().by_id("magnitude").unwrap();
        assert_eq!(d.dimension, "magnitude");
        assert_eq!(d.normalize(Some(7.8), Some(7.8)), None);
    }

    #[test]
    fn rounding_removes_noise() {
        assert_eq!(round_sig(3000.0 * 1.1), 3300.0);
        assert_eq!(round_sig(0.1 + 0.2), 0.3);
        assert_eq!(round_sig(1609.344), 1609.344);
    }

    #[test]
    fn round_sig_matches_format_and_parse() {
        fn reference(x: f64) -> f64 {
            if !x.is_finite() || x == 0.0 {
                return x;
            }
            format!("{x:.11e}").parse().unwrap_or(x)
        }
        let mut vals: Vec<f64> = vec![
            1e12,
            -1e12,
            999_999_999_999.0,
            1_000_000_000_001.0,
            123_456_789_012_345.0,
            0.5,
            -2.5,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            1.0 / 3.0,
            2.0 / 3.0 * 1e15,
        ];
        // a simple deterministic generator over many magnitudes and shapes
        let mut s: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..200_000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let bits = f64::from_bits(s);
            vals.push(bits);
            let int = (s % 2_000_000_000_000_000) as f64;
            vals.push(int);
            vals.push(int / 1000.0);
            vals.push((s % 100_000) as f64 * 1.1);
            vals.push((s % 100_000) as f64 * 0.3048);
            vals.push((s % 10_000) as f64 * 1.609344);
            vals.push(-((s % 1_000_000) as f64) / 7.0);
            // short decimals, and their neighbours (not the nearest double to a short decimal)
            for p in [1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7] {
                let d = (s % 10_000_000_000_000) as f64 / p;
                vals.extend([d, d.next_up(), d.next_down(), -d, d * 1e-9]);
            }
        }
        for x in vals {
            let (a, b) = (round_sig(x), reference(x));
            assert!(
                a.to_bits() == b.to_bits() || a.is_nan() && b.is_nan(),
                "{x:e}: {a} != {b}"
            );
        }
        assert_eq!(
            units().by_id("mile").unwrap().to_canonical(1000.0),
            Some(1609.344)
        );
    }

    #[test]
    fn norm_phrase_collapses_whitespace() {
        assert_eq!(norm_phrase("  sq \u{a0}  km "), "sq km");
    }

    #[test]
    fn infinite_conversion_dropped() {
        let d = units().by_id("km3").unwrap();
        assert_eq!(d.to_canonical(f64::MAX), None);
    }
}
