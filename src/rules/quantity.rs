//! The `quantity` (and `numeric-mismatch`) comparator. Input: the quantity claims a rule took.
//! Output: topic drafts with their findings.
//!
//! Each claim becomes an interval in a comparable unit: the canonical unit when the recogniser
//! normalised it (miles and km compare; currencies never convert, their canonical unit is the
//! currency itself), else the written unit. An open bound written with a round number is read
//! as "less than the next round step" ("over 8,000" = 8,000..9,000, "over a dozen" = 12..24),
//! because writers who know a much larger figure say so. Intervals, widened by the rule's
//! tolerance, that overlap agree; otherwise the pair conflicts, except in evolving topics where
//! a later report with a higher figure is an update.

use std::collections::{BTreeMap, HashMap};

use crate::claims::{ClaimData, Quantity};

use super::eval::{cross_positions, disjoint_ids, pair_findings, Context, Draft, Selected};
use super::text;
use super::{GroupField, QuantityOptions, Rule, Scope};

/// An interval in a comparable unit; infinite where unbounded.
#[derive(Debug, Clone, PartialEq)]
pub struct Value {
    /// Comparable unit: `dimension:unit`.
    pub unit: String,
    pub lo: f64,
    pub hi: f64,
}

/// The size of the last significant digit of a written number (8,000 -> 1,000; 2.5 -> 0.1).
fn step(v: f64) -> f64 {
    let v = v.abs();
    if v == 0.0 || !v.is_finite() {
        return 1.0;
    }
    if v.fract() == 0.0 && v < 1e15 {
        let mut n = v as u64;
        let mut s = 1.0;
        while n > 0 && n.is_multiple_of(10) {
            n /= 10;
            s *= 10.0;
        }
        s
    } else {
        let mut s = 1.0;
        let mut x = v;
        for _ in 0..6 {
            if (x - x.round()).abs() < 1e-9 {
                break;
            }
            x *= 10.0;
            s /= 10.0;
        }
        s
    }
}

/// The comparable interval of a quantity, `text` being its surface form.
pub fn value_of(q: &Quantity, text: &str) -> Value {
    let mut lo = q.low;
    let mut hi = q.high;
    if lo.is_none() && hi.is_none() {
        lo = Some(q.value);
        hi = Some(q.value);
    }
    // Round-number reading of open bounds.
    let word_number = !text.chars().any(|c| c.is_ascii_digit());
    let st = if word_number {
        q.value.abs()
    } else {
        step(q.value)
    };
    if q.qualifier.is_some() && (word_number || st >= 10.0) && st > 0.0 {
        if hi.is_none() {
            if let Some(l) = lo {
                hi = Some((l + st) * (1.0 - 1e-9));
            }
        } else if lo.is_none() {
            if let Some(h) = hi {
                lo = Some((h - st) * (1.0 + 1e-9));
            }
        }
    }
    // Conversion of the (widened) bounds to the comparable unit: through the unit table when
    // the written unit has a conversion (exact, and affine for temperatures: 0 °F is -17.8 °C,
    // not 0 °C), else the ratio the recogniser applied (1 when there is none).
    let def = q
        .normalized
        .as_ref()
        .and(q.unit.as_deref())
        .and_then(|id| crate::claims::units::units().by_id(id))
        .filter(|d| d.dimension == q.dimension && d.factor.is_some_and(|f| f > 0.0));
    let (unit, factor, offset) = match (&q.normalized, def) {
        (Some(n), Some(d)) => (
            format!("{}:{}", q.dimension, n.unit),
            d.factor.unwrap_or(1.0),
            d.offset,
        ),
        (Some(n), None) => {
            let f = match (q.low, n.low, q.high, n.high) {
                (Some(a), Some(b), _, _) if a != 0.0 => b / a,
                (_, _, Some(a), Some(b)) if a != 0.0 => b / a,
                _ => 1.0,
            };
            (format!("{}:{}", q.dimension, n.unit), f, 0.0)
        }
        (None, _) => (
            format!("{}:{}", q.dimension, q.unit.as_deref().unwrap_or("-")),
            1.0,
            0.0,
        ),
    };
    Value {
        unit,
        lo: lo.map_or(f64::NEG_INFINITY, |v| v * factor + offset),
        hi: hi.map_or(f64::INFINITY, |v| v * factor + offset),
    }
}

/// How two claims of a topic relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    Agree,
    Conflict,
    /// The second (later) claim revises the first upward.
    Update,
    /// Earlier claim is the second one: update from b to a.
    UpdateReversed,
    /// Not about the same thing (units, magnitude, entities) or not comparable.
    Skip,
}

fn representative(v: &Value) -> Option<f64> {
    match (v.lo.is_finite(), v.hi.is_finite()) {
        (true, true) => Some((v.lo + v.hi) / 2.0),
        (true, false) => Some(v.lo),
        (false, true) => Some(v.hi),
        _ => None,
    }
}

/// Compare claims `a` and `b` (different sources) with values `va`, `vb`.
pub fn relate(
    ctx: &Context,
    opts: &QuantityOptions,
    (a, va): (usize, &Value),
    (b, vb): (usize, &Value),
) -> Relation {
    let unit_b = u32::from(va.unit != vb.unit);
    Prepared::new(ctx, opts, a, va, 0).relate(&Prepared::new(ctx, opts, b, vb, unit_b), opts)
}

/// What [`relate`] reads of one claim, computed once per claim instead of once per pair.
#[derive(Debug, Clone)]
struct Prepared<'c> {
    /// Comparable unit, as an id equal for equal units.
    unit: u32,
    group: Option<usize>,
    /// Absolute representative value, when finite and not zero.
    size: Option<f64>,
    /// The interval widened by the rule's tolerance.
    widened: (f64, f64),
    lo: f64,
    hi: f64,
    as_of: Option<chrono::NaiveDate>,
    entities: &'c [u32],
}

impl<'c> Prepared<'c> {
    fn new(ctx: &'c Context, opts: &QuantityOptions, i: usize, v: &Value, unit: u32) -> Self {
        let info = &ctx.info[i];
        let t = &opts.tolerance;
        Self {
            unit,
            group: info.group,
            size: representative(v).map(f64::abs).filter(|x| *x > 0.0),
            widened: (
                v.lo - (t.relative * v.lo.abs()).max(t.absolute),
                v.hi + (t.relative * v.hi.abs()).max(t.absolute),
            ),
            lo: v.lo,
            hi: v.hi,
            as_of: info.as_of,
            entities: &info.entities,
        }
    }

    fn relate(&self, b: &Prepared, opts: &QuantityOptions) -> Relation {
        if self.unit != b.unit {
            return Relation::Skip;
        }
        let aligned = self.group.is_some() && self.group == b.group;
        // Figures of very different size are about different things, aligned or not.
        if let (Some(r), Some(x), Some(y)) = (opts.max_ratio, self.size, b.size) {
            if x.max(y) / x.min(y) > r {
                return Relation::Skip;
            }
        }
        if !aligned {
            if opts.scope == Scope::Aligned {
                return Relation::Skip;
            }
            if opts.same_entity && disjoint_ids(self.entities, b.entities) {
                return Relation::Skip;
            }
        }
        let ((alo, ahi), (blo, bhi)) = (self.widened, b.widened);
        if alo <= bhi && blo <= ahi {
            return Relation::Agree;
        }
        if opts.evolving {
            if let (Some(da), Some(db)) = (self.as_of, b.as_of) {
                if da < db && b.lo > self.hi {
                    return Relation::Update;
                }
                if db < da && self.lo > b.hi {
                    return Relation::UpdateReversed;
                }
            }
        }
        Relation::Conflict
    }
}

fn field_value(q: &Quantity, v: &Value, field: GroupField, keyword: Option<&str>) -> String {
    match field {
        GroupField::Role => q.role.clone().unwrap_or_else(|| "-".into()),
        GroupField::CountedClass => q.counted_class.clone().unwrap_or_else(|| "-".into()),
        GroupField::Dimension => q.dimension.clone(),
        GroupField::Unit => v.unit.split(':').nth(1).unwrap_or("-").to_string(),
        GroupField::Counted => q
            .counted
            .as_deref()
            .map_or_else(|| "-".to_string(), str::to_lowercase),
        GroupField::Keyword => keyword.unwrap_or("-").to_string(),
    }
}

/// Compare the claims a quantity or numeric-mismatch rule took.
pub fn evaluate(
    ctx: &Context,
    rule: &Rule,
    opts: &QuantityOptions,
    selected: &[Selected],
) -> Vec<Draft> {
    // (key parts, alignment group) -> claims
    type Key = (Vec<String>, Option<usize>);
    let mut topics: BTreeMap<Key, Vec<(usize, Value)>> = BTreeMap::new();
    for s in selected {
        let c = &ctx.claims[s.claim];
        let ClaimData::Quantity { quantity: q } = &c.data else {
            continue;
        };
        let info = &ctx.info[s.claim];
        if opts.skip_past_years {
            if let Some(report_year) = info.report_date.map(|d| chrono::Datelike::year(&d)) {
                if text::years(&c.sentence).iter().any(|&y| y < report_year) {
                    continue;
                }
            }
        }
        let v = value_of(q, &c.text);
        let parts: Vec<String> = opts
            .group_by
            .iter()
            .map(|&f| field_value(q, &v, f, s.keyword.as_deref()))
            .collect();
        let group = match opts.scope {
            Scope::Event => None,
            Scope::Aligned => match info.group {
                Some(g) => Some(g),
                None => continue,
            },
        };
        topics.entry((parts, group)).or_default().push((s.claim, v));
    }
    let mut out = Vec::new();
    for ((parts, group), items) in topics {
        let idx: Vec<usize> = items.iter().map(|(i, _)| *i).collect();
        let mut units: HashMap<&str, u32> = HashMap::new();
        let prepared: Vec<Prepared> = items
            .iter()
            .map(|(i, v)| {
                let next = units.len() as u32;
                let unit = *units.entry(v.unit.as_str()).or_insert(next);
                Prepared::new(ctx, opts, *i, v, unit)
            })
            .collect();
        let mut conflicts = Vec::new();
        let mut updates = Vec::new();
        for (pa, pb) in cross_positions(ctx, &idx) {
            let (a, b) = (idx[pa], idx[pb]);
            match prepared[pa].relate(&prepared[pb], opts) {
                Relation::Conflict => conflicts.push((a, b)),
                Relation::Update => updates.push((a, b)),
                Relation::UpdateReversed => updates.push((b, a)),
                Relation::Agree | Relation::Skip => {}
            }
        }
        let base_key = if parts.is_empty() {
            rule.id.clone()
        } else {
            format!("{}/{}", rule.id, parts.join("/"))
        };
        let key = match group {
            Some(g) => format!("{base_key}#g{}", g + 1),
            None => base_key.clone(),
        };
        let mut vars = BTreeMap::new();
        for (f, v) in opts.group_by.iter().zip(&parts) {
            vars.insert(f.as_str(), text::humanize(v));
        }
        let shown: Vec<String> = parts
            .iter()
            .filter(|p| p.as_str() != "-")
            .map(|p| text::humanize(p))
            .collect();
        let group_label = if shown.is_empty() {
            rule.id
                .rsplit('.')
                .next()
                .unwrap_or(&rule.id)
                .replace('_', " ")
        } else {
            shown.join(" / ")
        };
        vars.insert("group", group_label);
        out.push(Draft {
            key,
            base_key,
            vars,
            claims: idx,
            findings: pair_findings(ctx, &conflicts, &updates),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::{Alignment, Group, SentenceRef};
    use crate::claims::{Claim, Normalized};
    use crate::findings::Status;
    use crate::rules::eval::testutil::{claim, docs};
    use crate::rules::{Kind, Options, Selector, Tolerance};
    use crate::segment::Document;

    fn q(
        value: f64,
        low: Option<f64>,
        high: Option<f64>,
        unit: Option<&str>,
        qual: Option<&str>,
    ) -> Quantity {
        let dimension = match unit {
            Some("km") | Some("mile") => "length",
            Some("USD") | Some("EUR") => "currency",
            _ => "count",
        };
        let normalized = match unit {
            Some("km") => Some(Normalized {
                low,
                high,
                unit: "km".into(),
            }),
            Some("mile") => Some(Normalized {
                low: low.map(|v| v * 1.609344),
                high: high.map(|v| v * 1.609344),
                unit: "km".into(),
            }),
            Some(u @ ("USD" | "EUR")) => Some(Normalized {
                low,
                high,
                unit: u.into(),
            }),
            _ => None,
        };
        Quantity {
            value,
            low,
            high,
            unit: unit.map(Into::into),
            dimension: dimension.into(),
            qualifier: qual.map(Into::into),
            normalized,
            counted: None,
            counted_class: None,
            role: None,
        }
    }

    fn rule(opts: QuantityOptions) -> Rule {
        Rule {
            id: "t.q".into(),
            kind: Kind::Quantity,
            severity: crate::findings::Severity::Error,
            priority: 0,
            label: "{group}".into(),
            message: "{values}".into(),
            summary: String::new(),
            description: String::new(),
            why: String::new(),
            example: String::new(),
            file: "t.toml".into(),
            select: Selector::default(),
            options: Options::Quantity(opts.clone()),
        }
    }

    fn opts(evolving: bool) -> QuantityOptions {
        QuantityOptions {
            group_by: vec![],
            scope: Scope::Event,
            evolving,
            tolerance: Tolerance::default(),
            max_ratio: Some(10.0),
            same_entity: false,
            skip_past_years: false,
        }
    }

    /// Two single-sentence reports, one claim each; returns the topic status.
    fn run(a: (&str, &str, Quantity), b: (&str, &str, Quantity), o: QuantityOptions) -> Status {
        let d: Vec<Document> = docs(&[
            ("a", a.0, &[&format!("It was {}.", a.1)]),
            ("b", b.0, &[&format!("It was {}.", b.1)]),
        ]);
        let claims: Vec<Claim> = vec![
            claim(&d, 0, 0, a.1, ClaimData::Quantity { quantity: a.2 }),
            claim(&d, 1, 0, b.1, ClaimData::Quantity { quantity: b.2 }),
        ];
        let ctx = Context::new(&d, &Alignment::default(), &claims);
        let r = rule(o.clone());
        let sel: Vec<Selected> = (0..2)
            .map(|i| Selected {
                claim: i,
                keyword: None,
            })
            .collect();
        let drafts = evaluate(&ctx, &r, &o, &sel);
        assert_eq!(drafts.len(), 1);
        drafts[0].status()
    }

    const D1: &str = "2022-01-06";
    const D2: &str = "2022-01-09";

    #[test]
    fn miles_and_km_agree_when_rounded() {
        let about_1100_mi = q(
            1100.0,
            Some(990.0),
            Some(1210.0),
            Some("mile"),
            Some("about"),
        );
        let km_1782 = q(1782.0, Some(1782.0), Some(1782.0), Some("km"), None);
        assert_eq!(
            run(
                (D1, "about 1,100 miles", about_1100_mi),
                (D1, "1,782 km", km_1782.clone()),
                opts(false)
            ),
            Status::Agree
        );
        let km_1100 = q(1100.0, Some(1100.0), Some(1100.0), Some("km"), None);
        assert_eq!(
            run(
                (D1, "1,100 km", km_1100),
                (D1, "1,782 km", km_1782.clone()),
                opts(false)
            ),
            Status::Conflict
        );
        let over_1000_mi = q(1000.0, Some(1000.0), None, Some("mile"), Some("over"));
        assert_eq!(
            run(
                (D1, "over 1,000-mile", over_1000_mi),
                (D1, "1,782 km", km_1782),
                opts(false)
            ),
            Status::Agree
        );
    }

    #[test]
    fn over_a_dozen_agrees_with_18_not_with_8() {
        let over_dozen = || q(12.0, Some(12.0), None, None, Some("over"));
        assert_eq!(
            run(
                (D1, "over a dozen", over_dozen()),
                (D1, "18", q(18.0, Some(18.0), Some(18.0), None, None)),
                opts(false)
            ),
            Status::Agree
        );
        assert_eq!(
            run(
                (D1, "over a dozen", over_dozen()),
                (D1, "8", q(8.0, Some(8.0), Some(8.0), None, None)),
                opts(false)
            ),
            Status::Conflict
        );
    }

    #[test]
    fn more_than_200_agrees_with_225() {
        let more_200 = q(200.0, Some(200.0), None, None, Some("more than"));
        assert_eq!(
            run(
                (D1, "more than 200", more_200),
                (D2, "225", q(225.0, Some(225.0), Some(225.0), None, None)),
                opts(false)
            ),
            Status::Agree
        );
    }

    #[test]
    fn evolving_later_higher_is_update_lower_is_conflict() {
        let p = |v: f64| q(v, Some(v), Some(v), None, None);
        assert_eq!(
            run((D1, "12", p(12.0)), (D2, "18", p(18.0)), opts(true)),
            Status::Update
        );
        assert_eq!(
            run((D1, "353", p(353.0)), (D2, "317", p(317.0)), opts(true)),
            Status::Conflict
        );
        assert_eq!(
            run((D1, "12", p(12.0)), (D1, "18", p(18.0)), opts(true)),
            Status::Conflict
        );
        assert_eq!(
            run((D2, "18", p(18.0)), (D1, "12", p(12.0)), opts(true)),
            Status::Update
        );
        assert_eq!(
            run((D1, "12", p(12.0)), (D2, "18", p(18.0)), opts(false)),
            Status::Conflict
        );
    }

    #[test]
    fn later_round_open_bound_below_earlier_figure_conflicts() {
        let almost = q(10000.0, Some(9000.0), Some(10000.0), None, Some("almost"));
        let over = q(8000.0, Some(8000.0), None, None, Some("over"));
        assert_eq!(
            run(
                ("2022-01-13", "almost 10,000", almost),
                ("2022-01-16", "over 8,000", over),
                opts(true)
            ),
            Status::Conflict
        );
    }

    #[test]
    fn currencies_are_never_compared() {
        let eur = q(100e9, Some(100e9), Some(100e9), Some("EUR"), None);
        let usd = q(107e9, Some(107e9), Some(107e9), Some("USD"), None);
        assert_eq!(
            run(
                (D1, "100 billion euros", eur),
                (D1, "$107 billion", usd),
                opts(false)
            ),
            Status::Agree
        );
    }

    #[test]
    fn tolerance_widens_intervals() {
        let p = |v: f64| q(v, Some(v), Some(v), None, None);
        let mut o = opts(false);
        o.tolerance = Tolerance {
            relative: 0.05,
            absolute: 0.0,
        };
        assert_eq!(
            run((D1, "100", p(100.0)), (D1, "104", p(104.0)), o.clone()),
            Status::Agree
        );
        assert_eq!(
            run((D1, "100", p(100.0)), (D1, "120", p(120.0)), o),
            Status::Conflict
        );
    }

    #[test]
    fn figures_far_apart_are_not_compared() {
        let p = |v: f64| q(v, Some(v), Some(v), None, None);
        assert_eq!(
            run((D1, "18", p(18.0)), (D1, "2,500", p(2500.0)), opts(false)),
            Status::Agree
        );
    }

    #[test]
    fn aligned_scope_compares_only_aligned_sentences() {
        let d = docs(&[
            ("a", D1, &["12 died.", "Other."]),
            ("b", D1, &["18 died.", "Else."]),
        ]);
        let mk = |s: usize, t: &str, v: f64| {
            claim(
                &d,
                s,
                0,
                t,
                ClaimData::Quantity {
                    quantity: q(v, Some(v), Some(v), None, None),
                },
            )
        };
        let claims = vec![mk(0, "12", 12.0), mk(1, "18", 18.0)];
        let mut o = opts(false);
        o.scope = Scope::Aligned;
        let r = rule(o.clone());
        let sel: Vec<Selected> = (0..2)
            .map(|i| Selected {
                claim: i,
                keyword: None,
            })
            .collect();
        let none = evaluate(
            &Context::new(&d, &Alignment::default(), &claims),
            &r,
            &o,
            &sel,
        );
        assert!(none.is_empty());
        let al = Alignment {
            groups: vec![Group {
                score: 0.9,
                members: vec![
                    SentenceRef {
                        source: 0,
                        sentence: 0,
                    },
                    SentenceRef {
                        source: 1,
                        sentence: 0,
                    },
                ],
            }],
        };
        let got = evaluate(&Context::new(&d, &al, &claims), &r, &o, &sel);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].key, "t.q#g1");
        assert_eq!(got[0].status(), Status::Conflict);
    }

    #[test]
    fn step_of_round_numbers() {
        assert_eq!(step(8000.0), 1000.0);
        assert_eq!(step(2_000_000.0), 1_000_000.0);
        assert_eq!(step(164.0), 1.0);
        assert!((step(7.8) - 0.1).abs() < 1e-12);
    }
}
