//! Rules: declarative rule files in `rules/*.toml`, validated at load.
//!
//! Input: TOML rule files (embedded default, `--rules DIR`, or defaults plus `--extra-rules DIR`).
//! Output: a validated [`RuleSet`], or every error at once as `path:line:col: message` with the
//! offending line. Evaluation ([`eval`]) turns claims and alignment into topics and findings.
//! The file format is documented in `docs/rules.md`; [`load`] parses it, the other modules
//! compare claims kind by kind ([`quantity`], [`membership`], [`date`]; `numeric-mismatch` reuses
//! the quantity comparison over aligned sentences).

pub mod date;
pub mod eval;
pub mod load;
pub mod membership;
pub mod quantity;
pub mod text;

use std::path::Path;

use regex::Regex;

use crate::error::{Error, Result};
use crate::findings::Severity;

pub use load::{load_dir, load_embedded, parse_file};

/// The kinds of rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Numbers of one topic compared as intervals.
    Quantity,
    /// Member lists of one organisation compared as sets.
    Membership,
    /// The same event placed on different days.
    Date,
    /// Catch-all over aligned sentences: numbers no specific rule took.
    NumericMismatch,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quantity => "quantity",
            Kind::Membership => "membership",
            Kind::Date => "date",
            Kind::NumericMismatch => "numeric-mismatch",
        }
    }
}

/// Which claims a rule takes. Every non-empty list must match (lists are OR within, AND across).
#[derive(Debug, Clone, Default)]
pub struct Selector {
    /// Event roles of quantities (`killed`...); `none` matches a quantity without a role.
    pub roles: Vec<String>,
    /// Counted-noun classes (`security_forces`...); `none` matches no class.
    pub counted_classes: Vec<String>,
    /// Dimensions (`count`, `length`, `currency`...).
    pub dimensions: Vec<String>,
    /// Written unit ids (`km`, `USD`...); `none` matches a bare number.
    pub units: Vec<String>,
    /// Organisations of member lists (`CSTO`...).
    pub organizations: Vec<String>,
    /// Words of the counted noun phrase (whole words, case-insensitive).
    pub counted: Option<Regex>,
    /// Words of the sentence (whole words, case-insensitive); any one must occur.
    pub keywords: Option<Regex>,
    /// Words that must not occur in the sentence.
    pub not_keywords: Option<Regex>,
    /// Regular expression that must match the sentence.
    pub regex: Option<Regex>,
    /// Regular expression that must not match the sentence.
    pub not_regex: Option<Regex>,
    /// When set, keywords and regexes are matched only within this many characters around the
    /// claim instead of the whole sentence.
    pub window: Option<usize>,
}

/// Fields that split the claims a rule takes into separately compared topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupField {
    Role,
    CountedClass,
    Dimension,
    /// The written unit, or the canonical unit when the quantity was normalised.
    Unit,
    /// The counted noun as written (lower-cased).
    Counted,
    /// The first selector keyword found in the sentence.
    Keyword,
}

impl GroupField {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupField::Role => "role",
            GroupField::CountedClass => "counted_class",
            GroupField::Dimension => "dimension",
            GroupField::Unit => "unit",
            GroupField::Counted => "counted",
            GroupField::Keyword => "keyword",
        }
    }
}

/// Which claims are compared with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Every selected claim of the event (within its topic).
    #[default]
    Event,
    /// Only claims whose sentences are in the same alignment group.
    Aligned,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Event => "event",
            Scope::Aligned => "aligned",
        }
    }
}

/// Widening applied to both ends of every interval before comparing (rounding).
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerance {
    /// Share of the bound, e.g. `0.05` = 5%.
    #[serde(default)]
    pub relative: f64,
    /// Absolute amount in the compared unit.
    #[serde(default)]
    pub absolute: f64,
}

impl Tolerance {
    /// In words, e.g. "relative 5%, absolute 1"; "none" when zero.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if self.relative > 0.0 {
            parts.push(format!("relative {}%", trim_float(self.relative * 100.0)));
        }
        if self.absolute > 0.0 {
            parts.push(format!("absolute {}", trim_float(self.absolute)));
        }
        if parts.is_empty() {
            "none".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// A number without trailing zeros ("5", "2.5").
pub fn trim_float(v: f64) -> String {
    let s = format!("{v:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Options of `quantity` and `numeric-mismatch` rules.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantityOptions {
    pub group_by: Vec<GroupField>,
    pub scope: Scope,
    /// A later report with a higher figure is an update, not a conflict.
    pub evolving: bool,
    pub tolerance: Tolerance,
    /// Figures further apart than this factor are taken to be about different things and not
    /// compared. `None`: no limit.
    pub max_ratio: Option<f64>,
    /// Compare two claims only when their sentences share a named entity (or are aligned).
    pub same_entity: bool,
    /// Leave out sentences naming a year before the report's year (history, not news).
    pub skip_past_years: bool,
}

/// Options of `membership` rules.
#[derive(Debug, Clone, PartialEq)]
pub struct MembershipOptions {
    /// Check the stated size against the names listed in the same report.
    pub check_stated_count: bool,
    /// A report at least this many days later that lists more members is an update; closer
    /// reports that differ conflict. `None`: membership never changes (always conflict).
    pub evolving_after_days: Option<i64>,
}

/// One family of words that names what a date is about.
#[derive(Debug, Clone)]
pub struct WordFamily {
    pub name: String,
    pub words: Regex,
    pub list: Vec<String>,
}

/// Options of `date` rules.
#[derive(Debug, Clone)]
pub struct DateOptions {
    pub scope: Scope,
    /// What happened ("began", "agreed"...).
    pub triggers: Vec<WordFamily>,
    /// What it happened to ("protests", "earthquake"...).
    pub subjects: Vec<WordFamily>,
    /// Dates this many days apart or less agree.
    pub tolerance_days: i64,
    /// A subject or trigger word belongs to a date only within this many characters of it.
    pub window: usize,
}

/// Kind-specific options.
#[derive(Debug, Clone)]
pub enum Options {
    Quantity(QuantityOptions),
    Membership(MembershipOptions),
    Date(DateOptions),
    NumericMismatch(QuantityOptions),
}

/// One validated rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// `file-stem.name`, or the explicit `id`.
    pub id: String,
    pub kind: Kind,
    pub severity: Severity,
    /// Higher runs first; a claim is taken by the first rule of its kind that selects it.
    pub priority: i64,
    /// Topic label template (`{role}`, `{counted_class}`, `{dimension}`, `{unit}`, `{counted}`,
    /// `{keyword}`, `{organization}`, `{subject}`, `{trigger}`).
    pub label: String,
    /// Finding message template (see `docs/rules.md` for the placeholders).
    pub message: String,
    /// One line for `rules list`.
    pub summary: String,
    pub description: String,
    pub why: String,
    pub example: String,
    /// File the rule came from, as shown in errors.
    pub file: String,
    pub select: Selector,
    pub options: Options,
}

/// A validated set of rules, in evaluation order (priority, then load order).
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// The rule with this id.
    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }

    /// Merge another set on top; duplicate ids are errors.
    pub fn extend(&mut self, other: RuleSet) -> Result<()> {
        let mut errors = Vec::new();
        for r in other.rules {
            if let Some(prev) = self.get(&r.id) {
                errors.push(format!(
                    "{}: duplicate rule id `{}` (already defined in {})",
                    r.file, r.id, prev.file
                ));
            } else {
                self.rules.push(r);
            }
        }
        if !errors.is_empty() {
            return Err(Error::Rules(errors));
        }
        self.sort();
        Ok(())
    }

    fn sort(&mut self) {
        // Stable: equal priorities keep load order (file name, then position in the file).
        self.rules.sort_by_key(|r| std::cmp::Reverse(r.priority));
    }
}

/// The rules in force: `rules` replaces the embedded default; every `extra` folder adds to it.
pub fn load_rules(rules: Option<&Path>, extra: &[impl AsRef<Path>]) -> Result<RuleSet> {
    let mut set = match rules {
        Some(dir) => load_dir(dir),
        None => load_embedded(),
    };
    let mut errors = Vec::new();
    if let Err(Error::Rules(e)) = &set {
        errors.extend(e.iter().cloned());
    }
    for dir in extra {
        match load_dir(dir.as_ref()) {
            Ok(more) => {
                if let Ok(s) = &mut set {
                    if let Err(Error::Rules(e)) = s.extend(more) {
                        errors.extend(e);
                    }
                }
            }
            Err(Error::Rules(e)) => errors.extend(e),
            Err(e) => errors.push(e.to_string()),
        }
    }
    match set {
        Ok(s) if errors.is_empty() => Ok(s),
        Ok(_) | Err(Error::Rules(_)) => Err(Error::Rules(errors)),
        Err(e) => Err(e),
    }
}

/// A human explanation of one rule: what it matches, how it compares, an example.
pub fn explain(rule: &Rule) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{} ({}, severity {})\n  from {}\n\n",
        rule.id,
        rule.kind.as_str(),
        rule.severity.as_str(),
        rule.file
    ));
    if !rule.summary.is_empty() {
        out.push_str(&format!("{}\n\n", rule.summary));
    }
    if !rule.description.is_empty() {
        out.push_str(&format!("What it does:\n  {}\n\n", rule.description.trim()));
    }
    if !rule.why.is_empty() {
        out.push_str(&format!("Why it matters:\n  {}\n\n", rule.why.trim()));
    }
    out.push_str("Matches:\n");
    let s = &rule.select;
    let mut any = false;
    let mut line = |name: &str, v: &[String]| {
        if !v.is_empty() {
            out.push_str(&format!("  {name}: {}\n", v.join(", ")));
            any = true;
        }
    };
    line("roles", &s.roles);
    line("counted classes", &s.counted_classes);
    line("dimensions", &s.dimensions);
    line("units", &s.units);
    line("organizations", &s.organizations);
    for (name, re) in [
        ("counted noun", &s.counted),
        ("keywords", &s.keywords),
        ("not keywords", &s.not_keywords),
        ("regex", &s.regex),
        ("not regex", &s.not_regex),
    ] {
        if let Some(re) = re {
            out.push_str(&format!("  {name}: /{}/\n", re.as_str()));
            any = true;
        }
    }
    if let Some(w) = s.window {
        out.push_str(&format!("  (words within {w} characters of the claim)\n"));
    }
    if !any {
        out.push_str(&format!("  every {} claim\n", claim_kind(rule.kind)));
    }
    out.push_str("\nCompares:\n");
    match &rule.options {
        Options::Quantity(q) | Options::NumericMismatch(q) => {
            let groups: Vec<&str> = q.group_by.iter().map(|g| g.as_str()).collect();
            out.push_str(&format!(
                "  topics split by: {}\n  scope: {}\n  intervals (after unit conversion, never across currencies) that overlap agree; tolerance: {}\n",
                if groups.is_empty() { "nothing".to_string() } else { groups.join(", ") },
                q.scope.as_str(),
                q.tolerance.describe()
            ));
            out.push_str("  an open bound written with a round number is read up to the next round step (\"over 8,000\" = 8,000 to 9,000, \"over a dozen\" = 12 to 24)\n");
            if q.evolving {
                out.push_str("  evolving: a later report with a higher figure is an update; a later lower figure, or different figures on the same day, conflict\n");
            }
            if let Some(r) = q.max_ratio {
                out.push_str(&format!(
                    "  figures more than {}x apart are not compared\n",
                    trim_float(r)
                ));
            }
            if q.same_entity {
                out.push_str("  only sentences sharing a named entity (or aligned) are compared\n");
            }
            if q.skip_past_years {
                out.push_str("  sentences naming an earlier year are left out\n");
            }
        }
        Options::Membership(m) => {
            out.push_str("  member lists of the same organisation as sets: two complete lists must be equal; a partial list must be a subset of a complete one and not longer than a stated size; stated sizes must match\n");
            if m.check_stated_count {
                out.push_str("  a stated size that differs from the names listed in the same report is inconsistent\n");
            }
            match m.evolving_after_days {
                Some(d) => out.push_str(&format!(
                    "  a report {d}+ days later listing more members is an update\n"
                )),
                None => out.push_str("  membership is taken not to change between reports\n"),
            }
        }
        Options::Date(d) => {
            out.push_str(&format!(
                "  scope: {}; dates more than {} day(s) apart conflict; words within {} characters of a date tell what it dates\n",
                d.scope.as_str(),
                d.tolerance_days,
                d.window
            ));
            for (name, fams) in [("triggers", &d.triggers), ("subjects", &d.subjects)] {
                for f in fams {
                    out.push_str(&format!("  {name} {}: {}\n", f.name, f.list.join(", ")));
                }
            }
        }
    }
    if !rule.example.is_empty() {
        out.push_str(&format!("\nExample:\n  {}\n", rule.example.trim()));
    }
    out.push_str(&format!("\nMessage: {}\n", rule.message));
    out
}

fn claim_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Quantity | Kind::NumericMismatch => "quantity",
        Kind::Membership => "membership",
        Kind::Date => "date",
    }
}
