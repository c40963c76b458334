//! Rule loading and validation.
//!
//! Input: the text of rule files (`[[rule]]` tables, see `docs/rules.md`) from the embedded
//! `rules/` folder or a folder on disk (top-level `*.toml` only: sub-folders such as `vocab/`
//! hold recogniser vocabularies and are skipped). Output: a [`RuleSet`], or every problem of
//! every file at once as `path:LINE:COL: message`, the offending line and a caret.

use std::collections::BTreeSet;
use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;
use regex::Regex;
use serde::Deserialize;
use serde_spanned::Spanned;

use super::{
    DateOptions, GroupField, Kind, MembershipOptions, Options, QuantityOptions, Rule, RuleSet,
    Scope, Selector, Tolerance, WordFamily,
};
use crate::error::{Error, Result};
use crate::findings::Severity;

/// Placeholders allowed in `message` and `label` templates.
pub const PLACEHOLDERS: &[&str] = &[
    "rule",
    "label",
    "topic",
    "status",
    "values",
    "tolerance",
    "sources",
    "group",
    "role",
    "counted_class",
    "dimension",
    "unit",
    "counted",
    "keyword",
    "organization",
    "subject",
    "trigger",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    name: Option<Spanned<String>>,
    id: Option<Spanned<String>>,
    kind: Spanned<Kind>,
    severity: Option<Severity>,
    #[serde(default)]
    priority: i64,
    label: Option<Spanned<String>>,
    message: Option<Spanned<String>>,
    #[serde(default)]
    summary: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    why: String,
    #[serde(default)]
    example: String,
    select: Option<RawSelect>,
    quantity: Option<Spanned<RawQuantity>>,
    membership: Option<Spanned<RawMembership>>,
    date: Option<Spanned<RawDate>>,
    #[serde(rename = "numeric-mismatch")]
    numeric_mismatch: Option<Spanned<RawQuantity>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSelect {
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    counted_classes: Vec<String>,
    #[serde(default)]
    dimensions: Vec<String>,
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    organizations: Vec<String>,
    counted: Option<Spanned<Vec<String>>>,
    keywords: Option<Spanned<Vec<String>>>,
    not_keywords: Option<Spanned<Vec<String>>>,
    regex: Option<Spanned<String>>,
    not_regex: Option<Spanned<String>>,
    window: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuantity {
    group_by: Option<Vec<GroupField>>,
    scope: Option<Scope>,
    #[serde(default)]
    evolving: bool,
    tolerance: Option<Spanned<Tolerance>>,
    max_ratio: Option<Spanned<f64>>,
    #[serde(default)]
    same_entity: bool,
    #[serde(default)]
    skip_past_years: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMembership {
    check_stated_count: Option<bool>,
    evolving: Option<bool>,
    evolving_after_days: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDate {
    scope: Option<Scope>,
    #[serde(default)]
    triggers: Vec<Spanned<RawFamily>>,
    #[serde(default)]
    subjects: Vec<Spanned<RawFamily>>,
    tolerance_days: Option<Spanned<i64>>,
    window: Option<Spanned<i64>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFamily {
    name: String,
    words: Vec<String>,
}

/// Format one error: `path:LINE:COL: message`, the line, a caret under the column.
pub fn format_error(path: &str, text: &str, offset: usize, message: &str) -> String {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let line_text = text[line_start..line_end].trim_end_matches('\r');
    let gutter = line.to_string();
    format!(
        "{path}:{line}:{col}: {message}\n{gutter} | {line_text}\n{} | {}^",
        " ".repeat(gutter.len()),
        " ".repeat(col - 1)
    )
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

struct Ctx<'a> {
    path: &'a str,
    text: &'a str,
    errors: Vec<String>,
}

impl Ctx<'_> {
    fn err(&mut self, span: Range<usize>, message: impl AsRef<str>) {
        self.errors.push(format_error(
            self.path,
            self.text,
            span.start,
            message.as_ref(),
        ));
    }
}

/// Parse and validate one rule file. `path` is how the file is named in errors
/// (`rules/casualties.toml`); its stem prefixes rule names.
pub fn parse_file(path: &str, text: &str) -> std::result::Result<Vec<Rule>, Vec<String>> {
    let raw: RawFile = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let offset = e.span().map_or(0, |s| s.start);
            let msg = e.message().trim().replace('\n', " ");
            return Err(vec![format_error(path, text, offset, &msg)]);
        }
    };
    let stem = Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("rules")
        .to_string();
    let mut ctx = Ctx {
        path,
        text,
        errors: Vec::new(),
    };
    if raw.rule.is_empty() {
        ctx.err(0..0, "no [[rule]] table in this file");
    }
    let single = raw.rule.len() == 1;
    let mut rules = Vec::new();
    let mut ids = BTreeSet::new();
    for r in raw.rule {
        let span = r.span();
        if let Some(rule) = build(&mut ctx, &stem, single, span.clone(), r.into_inner()) {
            if !ids.insert(rule.id.clone()) {
                ctx.err(span, format!("duplicate rule id `{}`", rule.id));
            } else {
                rules.push(rule);
            }
        }
    }
    if ctx.errors.is_empty() {
        Ok(rules)
    } else {
        Err(ctx.errors)
    }
}

fn valid_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-.".contains(c))
}

fn build(ctx: &mut Ctx, stem: &str, single: bool, span: Range<usize>, r: RawRule) -> Option<Rule> {
    let before = ctx.errors.len();
    let id = match (&r.id, &r.name) {
        (Some(id), _) => {
            if !valid_name(id.get_ref()) {
                ctx.err(
                    id.span(),
                    "rule id must be lower-case letters, digits, `_`, `-` or `.`",
                );
            }
            id.get_ref().clone()
        }
        (None, Some(name)) => {
            if !valid_name(name.get_ref()) || name.get_ref().contains('.') {
                ctx.err(
                    name.span(),
                    "rule name must be lower-case letters, digits, `_` or `-`",
                );
            }
            format!("{stem}.{}", name.get_ref())
        }
        (None, None) if single => stem.to_string(),
        (None, None) => {
            ctx.err(
                span.clone(),
                "a file with several rules needs a `name` (or `id`) in each",
            );
            String::new()
        }
    };
    let kind = *r.kind.get_ref();
    // Exactly the table of the rule's kind may be present.
    let tables: [(Kind, &str, Option<Range<usize>>); 4] = [
        (
            Kind::Quantity,
            "quantity",
            r.quantity.as_ref().map(|t| t.span()),
        ),
        (
            Kind::Membership,
            "membership",
            r.membership.as_ref().map(|t| t.span()),
        ),
        (Kind::Date, "date", r.date.as_ref().map(|t| t.span())),
        (
            Kind::NumericMismatch,
            "numeric-mismatch",
            r.numeric_mismatch.as_ref().map(|t| t.span()),
        ),
    ];
    for (k, name, sp) in tables {
        if let Some(sp) = sp {
            if k != kind {
                ctx.err(
                    sp,
                    format!(
                        "table `{name}` does not belong to a rule of kind `{}`",
                        kind.as_str()
                    ),
                );
            }
        }
    }
    let select = build_select(ctx, r.select.unwrap_or_default());
    let options = match kind {
        Kind::Quantity => Options::Quantity(quantity_options(
            ctx,
            r.quantity.map(Spanned::into_inner),
            false,
        )),
        Kind::NumericMismatch => Options::NumericMismatch(quantity_options(
            ctx,
            r.numeric_mismatch.map(Spanned::into_inner),
            true,
        )),
        Kind::Membership => {
            let m = r.membership.map(Spanned::into_inner);
            let check = m
                .as_ref()
                .and_then(|m| m.check_stated_count)
                .unwrap_or(true);
            let evolving = m.as_ref().and_then(|m| m.evolving).unwrap_or(true);
            let mut days = 30;
            if let Some(d) = m.as_ref().and_then(|m| m.evolving_after_days.as_ref()) {
                if *d.get_ref() < 0 {
                    ctx.err(d.span(), "evolving_after_days must be 0 or more");
                }
                days = *d.get_ref();
            }
            Options::Membership(MembershipOptions {
                check_stated_count: check,
                evolving_after_days: evolving.then_some(days),
            })
        }
        Kind::Date => {
            let d = r.date.map(Spanned::into_inner);
            let mut tol = 0;
            let mut window = 50;
            let (scope, triggers, subjects) = match d {
                Some(d) => {
                    if let Some(w) = &d.window {
                        if *w.get_ref() <= 0 {
                            ctx.err(w.span(), "window must be a positive number of characters");
                        }
                        window = usize::try_from(*w.get_ref()).unwrap_or(0);
                    }
                    if let Some(t) = &d.tolerance_days {
                        if *t.get_ref() < 0 {
                            ctx.err(t.span(), "tolerance_days must be 0 or more");
                        }
                        tol = *t.get_ref();
                    }
                    (
                        d.scope.unwrap_or(Scope::Event),
                        families(ctx, d.triggers),
                        families(ctx, d.subjects),
                    )
                }
                None => (Scope::Aligned, Vec::new(), Vec::new()),
            };
            Options::Date(DateOptions {
                scope,
                triggers,
                subjects,
                tolerance_days: tol,
                window,
            })
        }
    };
    let default_label = match kind {
        Kind::Quantity | Kind::NumericMismatch => "{group}",
        Kind::Membership => "members of {organization}",
        Kind::Date => "date of {group}",
    };
    let default_message = match kind {
        Kind::Quantity | Kind::NumericMismatch => "{label}: {values} (tolerance {tolerance})",
        _ => "{label}: {values}",
    };
    let label = template(ctx, r.label, default_label);
    let message = template(ctx, r.message, default_message);
    let severity = r.severity.unwrap_or(match kind {
        Kind::NumericMismatch => Severity::Warning,
        _ => Severity::Error,
    });
    if ctx.errors.len() > before {
        return None;
    }
    Some(Rule {
        id,
        kind,
        severity,
        priority: r.priority,
        label,
        message,
        summary: r.summary,
        description: r.description,
        why: r.why,
        example: r.example,
        file: ctx.path.to_string(),
        select,
        options,
    })
}

fn template(ctx: &mut Ctx, t: Option<Spanned<String>>, default: &str) -> String {
    let Some(t) = t else {
        return default.to_string();
    };
    let s = t.get_ref();
    let mut rest = s.as_str();
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                if !PLACEHOLDERS.contains(&name) {
                    ctx.err(
                        t.span(),
                        format!(
                            "unknown placeholder `{{{name}}}` (known: {})",
                            PLACEHOLDERS.join(", ")
                        ),
                    );
                }
                rest = &after[close + 1..];
            }
            None => {
                ctx.err(t.span(), "unclosed `{` in template");
                break;
            }
        }
    }
    s.clone()
}

fn quantity_options(ctx: &mut Ctx, q: Option<RawQuantity>, numeric: bool) -> QuantityOptions {
    let default_group = if numeric {
        vec![GroupField::Dimension, GroupField::CountedClass]
    } else {
        Vec::new()
    };
    let Some(q) = q else {
        return QuantityOptions {
            group_by: default_group,
            scope: if numeric {
                Scope::Aligned
            } else {
                Scope::Event
            },
            evolving: false,
            tolerance: Tolerance::default(),
            max_ratio: Some(10.0),
            same_entity: false,
            skip_past_years: false,
        };
    };
    let mut tolerance = Tolerance::default();
    if let Some(t) = q.tolerance {
        let v = *t.get_ref();
        if !(0.0..1.0).contains(&v.relative) || v.absolute < 0.0 || !v.absolute.is_finite() {
            ctx.err(
                t.span(),
                "tolerance: `relative` must be in [0, 1) and `absolute` 0 or more",
            );
        }
        tolerance = v;
    }
    let mut max_ratio = Some(10.0);
    if let Some(r) = q.max_ratio {
        let v = *r.get_ref();
        if v.is_nan() || v < 1.0 {
            ctx.err(
                r.span(),
                "max_ratio must be 1 or more (or `inf` for no limit)",
            );
        }
        max_ratio = v.is_finite().then_some(v);
    }
    let scope = q.scope.unwrap_or(if numeric {
        Scope::Aligned
    } else {
        Scope::Event
    });
    QuantityOptions {
        group_by: q.group_by.unwrap_or(default_group),
        scope,
        evolving: q.evolving,
        tolerance,
        max_ratio,
        same_entity: q.same_entity,
        skip_past_years: q.skip_past_years,
    }
}

fn families(ctx: &mut Ctx, raw: Vec<Spanned<RawFamily>>) -> Vec<WordFamily> {
    // Compiling a family's regex is most of the cost of loading the rules (Unicode case
    // folding and word boundaries): done on all threads, errors reported in file order.
    let built: Vec<_> = raw
        .into_par_iter()
        .map(|f| {
            let span = f.span();
            let f = f.into_inner();
            if f.words.is_empty() || f.words.iter().any(|w| w.trim().is_empty()) {
                return Err((span, format!("family `{}` needs non-empty `words`", f.name)));
            }
            match word_regex(&f.words) {
                Ok(re) => Ok(WordFamily {
                    name: f.name,
                    words: re,
                    list: f.words,
                }),
                Err(e) => Err((span, e)),
            }
        })
        .collect();
    let mut out = Vec::new();
    for b in built {
        match b {
            Ok(family) => out.push(family),
            Err((span, e)) => ctx.err(span, e),
        }
    }
    out
}

/// A case-insensitive regex matching any of `words` as whole words; group 1 is the word.
pub fn word_regex(words: &[String]) -> std::result::Result<Regex, String> {
    let mut sorted: Vec<&String> = words.iter().collect();
    // Longest first so that "police officers" wins over "police".
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    let alts: Vec<String> = sorted.iter().map(|w| regex::escape(w.trim())).collect();
    Regex::new(&format!(r"(?i)(?:^|\W)({})(?:\W|$)", alts.join("|"))).map_err(|e| e.to_string())
}

fn build_select(ctx: &mut Ctx, s: RawSelect) -> Selector {
    let mut words = |v: Option<Spanned<Vec<String>>>| -> Option<Regex> {
        let v = v?;
        if v.get_ref().is_empty() || v.get_ref().iter().any(|w| w.trim().is_empty()) {
            ctx.err(
                v.span(),
                "word lists must not be empty nor hold empty words",
            );
            return None;
        }
        match word_regex(v.get_ref()) {
            Ok(re) => Some(re),
            Err(e) => {
                ctx.err(v.span(), e);
                None
            }
        }
    };
    let counted = words(s.counted);
    let keywords = words(s.keywords);
    let not_keywords = words(s.not_keywords);
    let mut regex = |v: Option<Spanned<String>>| -> Option<Regex> {
        let v = v?;
        match Regex::new(v.get_ref()) {
            Ok(re) => Some(re),
            Err(e) => {
                let msg = e.to_string();
                let last = msg
                    .lines()
                    .rev()
                    .find(|l| !l.trim().is_empty())
                    .unwrap_or("invalid")
                    .trim()
                    .trim_start_matches("error: ");
                ctx.err(v.span(), format!("bad regex: {last}"));
                None
            }
        }
    };
    let re = regex(s.regex);
    let not_re = regex(s.not_regex);
    let window = match s.window {
        Some(w) if *w.get_ref() <= 0 => {
            ctx.err(w.span(), "window must be a positive number of characters");
            None
        }
        Some(w) => usize::try_from(*w.get_ref()).ok(),
        None => None,
    };
    Selector {
        roles: s.roles,
        counted_classes: s.counted_classes,
        dimensions: s.dimensions,
        units: s.units,
        organizations: s.organizations,
        counted,
        keywords,
        not_keywords,
        regex: re,
        not_regex: not_re,
        window,
    }
}

/// Parse many files (`(display path, text)`, in order) into one set; all errors at once.
pub fn parse_files<'a>(files: impl IntoIterator<Item = (String, &'a str)>) -> Result<RuleSet> {
    let mut set = RuleSet::default();
    let mut errors = Vec::new();
    for (path, text) in files {
        match parse_file(&path, text) {
            Ok(rules) => {
                for r in rules {
                    match set.get(&r.id) {
                        Some(prev) => errors.push(format!(
                            "{path}: duplicate rule id `{}` (already defined in {})",
                            r.id, prev.file
                        )),
                        None => set.rules.push(r),
                    }
                }
            }
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(Error::Rules(errors));
    }
    set.sort();
    Ok(set)
}

/// The rules embedded in the binary (the repository's `rules/*.toml`).
pub fn load_embedded() -> Result<RuleSet> {
    let mut files: Vec<(String, &str)> = crate::vocab::EMBEDDED_RULES
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
        .filter_map(|f| {
            let name = f.path().to_str()?.to_string();
            Some((format!("rules/{name}"), f.contents_utf8()?))
        })
        .collect();
    files.sort();
    parse_files(files)
}

/// The rules in a folder on disk (top-level `*.toml`, sorted by name).
///
/// Every entry named `*.toml` must be a readable regular file (or a link to one): a folder, a
/// FIFO, a socket, a device, a broken or looping link, or an unreadable file is an error naming
/// its path, never skipped. The type is checked before the file is opened, so a FIFO is never
/// opened and loading cannot block on it.
pub fn load_dir(dir: &Path) -> Result<RuleSet> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::Rules(vec![format!("{}: cannot read folder: {e}", dir.display())]))?;
    let mut errors = Vec::new();
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "toml") {
                    paths.push(p);
                }
            }
            Err(e) => errors.push(format!("{}: cannot read folder: {e}", dir.display())),
        }
    }
    paths.sort();
    let mut texts = Vec::new();
    for p in paths {
        // `metadata` follows links: a broken link or a loop fails here.
        let kind = match std::fs::metadata(&p) {
            Ok(m) if m.is_file() => None,
            Ok(m) if m.is_dir() => Some("is a folder, not a rule file".to_string()),
            Ok(_) => Some("not a regular file (FIFO, socket or device)".to_string()),
            Err(e) => Some(format!("cannot read: {e}")),
        };
        if let Some(why) = kind {
            errors.push(format!("{}: {why}", p.display()));
            continue;
        }
        match std::fs::read_to_string(&p) {
            Ok(t) => texts.push((p.display().to_string(), t)),
            Err(e) => errors.push(format!("{}: cannot read: {e}", p.display())),
        }
    }
    let parsed = parse_files(texts.iter().map(|(p, t)| (p.clone(), t.as_str())));
    match parsed {
        Ok(set) if errors.is_empty() => Ok(set),
        Ok(_) => Err(Error::Rules(errors)),
        Err(Error::Rules(e)) => {
            errors.extend(e);
            Err(Error::Rules(errors))
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_points_at_line_and_column() {
        let text = "[[rule]]\nkind = \"quantity\"\nbogus = 1\n";
        let errs = parse_file("rules/x.toml", text).unwrap_err();
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].starts_with("rules/x.toml:3:1: unknown field `bogus`"),
            "{}",
            errs[0]
        );
        assert!(errs[0].contains("3 | bogus = 1\n  | ^"), "{}", errs[0]);
    }

    #[test]
    fn unknown_kind_is_an_error() {
        let errs = parse_file("r.toml", "[[rule]]\nkind = \"sum\"\n").unwrap_err();
        assert!(
            errs[0].starts_with("r.toml:2:8: unknown variant `sum`"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn several_semantic_errors_are_all_reported() {
        let text = "[[rule]]\nname = \"a\"\nkind = \"quantity\"\n[rule.select]\nregex = \"(\"\n[rule.quantity]\ntolerance = { relative = 2.0 }\n";
        let errs = parse_file("r.toml", text).unwrap_err();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(errs[0].starts_with("r.toml:5:9: bad regex"), "{}", errs[0]);
        assert!(errs[1].starts_with("r.toml:7:13: tolerance"), "{}", errs[1]);
    }

    #[test]
    fn ids_come_from_stem_and_name() {
        let text = "[[rule]]\nname = \"killed\"\nkind = \"quantity\"\n[[rule]]\nname = \"hurt\"\nkind = \"date\"\n";
        let rules = parse_file("rules/casualties.toml", text).unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["casualties.killed", "casualties.hurt"]);
        assert_eq!(rules[0].severity, Severity::Error);
    }

    #[test]
    fn table_of_another_kind_is_rejected() {
        let text = "[[rule]]\nkind = \"date\"\n[rule.quantity]\nevolving = true\n";
        let errs = parse_file("r.toml", text).unwrap_err();
        assert!(
            errs[0].contains("does not belong to a rule of kind `date`"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn unknown_placeholder_is_rejected() {
        let text = "[[rule]]\nkind = \"date\"\nmessage = \"{nope}\"\n";
        let errs = parse_file("r.toml", text).unwrap_err();
        assert!(
            errs[0].starts_with("r.toml:3:11: unknown placeholder `{nope}`"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn embedded_rules_load() {
        let set = load_embedded().unwrap();
        assert!(set.get("casualties.killed").is_some());
    }
}
