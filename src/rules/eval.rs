//! Rule evaluation. Input: a [`RuleSet`](super::RuleSet), documents, alignment and claims of one
//! event. Output: [`Evaluation`]: compared topics (table rows) and findings.
//!
//! Every rule takes the claims its selector matches (a claim goes to the first rule of its kind
//! that selects it, in priority order; `numeric-mismatch` rules only see quantities no other rule
//! took), the kind's comparator ([`super::quantity`], [`super::membership`], [`super::date`])
//! splits them into topics and decides each topic's status, and this module turns the drafts
//! into [`Topic`]s and [`Finding`]s with evidence, ids (`F1`...) and fingerprints, sorted by the
//! position of their first claim, then rule id.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::align::Alignment;
use crate::claims::{Claim, ClaimData};
use crate::findings::{Cell, Evidence, Finding, Status, Topic};
use crate::segment::Document;

use super::text::{self, fnv1a};
use super::{Kind, Options, Rule, RuleSet};

/// What the rules decided for one event.
#[derive(Debug, Clone, Default)]
pub struct Evaluation {
    pub topics: Vec<Topic>,
    pub findings: Vec<Finding>,
}

/// What the comparators need to know about one claim beyond the claim itself.
#[derive(Debug, Clone)]
pub struct ClaimInfo {
    /// Index of the source (document).
    pub source: usize,
    /// The report's date.
    pub report_date: Option<NaiveDate>,
    /// The date a figure stands for: the latest date written in the same sentence that is not
    /// after the report date ("by 6 January"), else the report date.
    pub as_of: Option<NaiveDate>,
    /// Alignment group of the claim's sentence, when the group links two or more sources.
    pub group: Option<usize>,
    /// Named entities of the sentence (see [`text::entities`]), as ids interned per event
    /// (same word, same id), ascending: set tests over them are merges of two short lists.
    pub entities: Arc<[u32]>,
    /// Byte offset of the sentence start in the file.
    pub sentence_start: usize,
}

/// Claims of one event with their [`ClaimInfo`].
#[derive(Debug)]
pub struct Context<'a> {
    pub docs: &'a [Document],
    pub claims: &'a [Claim],
    pub info: Vec<ClaimInfo>,
}

impl<'a> Context<'a> {
    pub fn new(docs: &'a [Document], alignment: &Alignment, claims: &'a [Claim]) -> Self {
        let mut group_of: Vec<Vec<Option<usize>>> =
            docs.iter().map(|d| vec![None; d.sentences.len()]).collect();
        for (g, group) in alignment.groups.iter().enumerate() {
            if group.members.len() < 2 {
                continue;
            }
            for m in &group.members {
                if let Some(slot) = group_of
                    .get_mut(m.source)
                    .and_then(|v| v.get_mut(m.sentence))
                {
                    *slot = Some(g);
                }
            }
        }
        // Dates written in each sentence.
        let mut sentence_dates: BTreeMap<(usize, usize), Vec<NaiveDate>> = BTreeMap::new();
        for c in claims {
            if let ClaimData::Date { date } = &c.data {
                sentence_dates
                    .entry((c.source_index, c.sentence_index))
                    .or_default()
                    .push(date.value);
            }
        }
        // Entities once per sentence, not once per claim (a sentence of 4,000 bytes may hold
        // a hundred figures); each word interned once per event.
        let mut sentence_entities: BTreeMap<(usize, usize), Arc<[u32]>> = BTreeMap::new();
        let mut entity_ids: HashMap<String, u32> = HashMap::new();
        let info = claims
            .iter()
            .map(|c| {
                let doc = docs.get(c.source_index);
                let report_date = doc.and_then(|d| d.source.date);
                let written = sentence_dates
                    .get(&(c.source_index, c.sentence_index))
                    .and_then(|ds| {
                        ds.iter()
                            .filter(|d| report_date.is_none_or(|r| **d <= r))
                            .max()
                            .copied()
                    });
                let sentence_start = doc
                    .and_then(|d| d.sentences.get(c.sentence_index))
                    .map_or(c.span.0, |s| s.span.0);
                ClaimInfo {
                    source: c.source_index,
                    report_date,
                    as_of: written.or(report_date),
                    group: group_of
                        .get(c.source_index)
                        .and_then(|v| v.get(c.sentence_index))
                        .copied()
                        .flatten(),
                    entities: Arc::clone(
                        sentence_entities
                            .entry((c.source_index, c.sentence_index))
                            .or_insert_with(|| {
                                let mut ids: Vec<u32> = text::entities(&c.sentence)
                                    .into_iter()
                                    .map(|e| {
                                        let next = entity_ids.len() as u32;
                                        *entity_ids.entry(e).or_insert(next)
                                    })
                                    .collect();
                                ids.sort_unstable();
                                ids.into()
                            }),
                    ),
                    sentence_start,
                }
            })
            .collect();
        Self { docs, claims, info }
    }

    /// Id of the claim's source.
    pub fn source_id(&self, i: usize) -> &str {
        &self.claims[i].source
    }

    /// "`text` [source, date]" for messages.
    pub fn describe(&self, i: usize) -> String {
        let c = &self.claims[i];
        match self.info[i].as_of {
            Some(d) => format!("\"{}\" [{}, {}]", c.text, c.source, d),
            None => format!("\"{}\" [{}]", c.text, c.source),
        }
    }

    /// The sentence text around a claim: the whole sentence, or `window` characters each side.
    fn around(&self, i: usize, window: Option<usize>) -> &str {
        let c = &self.claims[i];
        let s = &*c.sentence;
        let Some(w) = window else { return s };
        let start = c.span.0.saturating_sub(self.info[i].sentence_start);
        let end = c
            .span
            .1
            .saturating_sub(self.info[i].sentence_start)
            .min(s.len());
        let end = floor(s, end);
        let start = floor(s, start.min(end));
        let a = s[..start]
            .char_indices()
            .rev()
            .take(w)
            .last()
            .map_or(start, |(idx, _)| idx);
        let mut b = end;
        for (n, (idx, ch)) in s[end..].char_indices().enumerate() {
            if n == w {
                break;
            }
            b = end + idx + ch.len_utf8();
        }
        let a = floor(s, a);
        let b = floor(s, b);
        &s[a..b]
    }
}

fn floor(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A claim taken by a rule, with the selector keyword found (for `group_by = ["keyword"]`).
#[derive(Debug, Clone)]
pub struct Selected {
    pub claim: usize,
    pub keyword: Option<String>,
}

/// A finding before ids, evidence and fingerprint.
#[derive(Debug, Clone)]
pub struct DraftFinding {
    pub status: Status,
    /// Claim indexes.
    pub claims: Vec<usize>,
    /// The pairs of claims that disagree (conflict) or were revised (update); empty for a
    /// finding about one claim (inconsistent).
    pub pairs: Vec<(usize, usize)>,
    /// The compared values in words (fills `{values}`).
    pub values: String,
}

/// A compared topic before it becomes a table row.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Topic key, e.g. `casualties.killed/security_forces`.
    pub key: String,
    /// Key without positional parts (alignment group number), for fingerprints.
    pub base_key: String,
    /// Values for the label and message templates (`role`, `counted_class`, `group`...).
    pub vars: BTreeMap<&'static str, String>,
    /// Claim indexes of the topic.
    pub claims: Vec<usize>,
    pub findings: Vec<DraftFinding>,
}

impl Draft {
    /// Status of the topic: conflict over inconsistent over update over agree.
    pub fn status(&self) -> Status {
        let has = |s: Status| self.findings.iter().any(|f| f.status == s);
        if has(Status::Conflict) {
            Status::Conflict
        } else if has(Status::Inconsistent) {
            Status::Inconsistent
        } else if has(Status::Update) {
            Status::Update
        } else {
            Status::Agree
        }
    }
}

/// Does the rule's selector take claim `i`? Returns the keyword found, if any.
fn selects(ctx: &Context, rule: &Rule, i: usize) -> Option<Option<String>> {
    let c = &ctx.claims[i];
    let s = &rule.select;
    let kind_ok = matches!(
        (rule.kind, &c.data),
        (
            Kind::Quantity | Kind::NumericMismatch,
            ClaimData::Quantity { .. }
        ) | (Kind::Membership, ClaimData::Membership { .. })
            | (Kind::Date, ClaimData::Date { .. })
    );
    if !kind_ok {
        return None;
    }
    fn one_of(list: &[String], v: Option<&str>) -> bool {
        list.is_empty()
            || list
                .iter()
                .any(|x| Some(x.as_str()) == v || (x == "none" && v.is_none()))
    }
    match &c.data {
        ClaimData::Quantity { quantity: q } => {
            if !one_of(&s.roles, q.role.as_deref())
                || !one_of(&s.counted_classes, q.counted_class.as_deref())
                || !one_of(&s.dimensions, Some(q.dimension.as_str()))
                || !one_of(&s.units, q.unit.as_deref())
            {
                return None;
            }
            if let Some(re) = &s.counted {
                if !q.counted.as_deref().is_some_and(|n| re.is_match(n)) {
                    return None;
                }
            }
        }
        ClaimData::Membership { membership: m }
            if !one_of(&s.organizations, Some(m.organization.as_str())) =>
        {
            return None;
        }
        _ => {}
    }
    let around = ctx.around(i, s.window);
    let mut keyword = None;
    if let Some(re) = &s.keywords {
        let m = re.captures(around)?;
        keyword = m.get(1).map(|k| k.as_str().to_lowercase());
    }
    if s.not_keywords
        .as_ref()
        .is_some_and(|re| re.is_match(around))
    {
        return None;
    }
    if s.regex.as_ref().is_some_and(|re| !re.is_match(around)) {
        return None;
    }
    if s.not_regex.as_ref().is_some_and(|re| re.is_match(around)) {
        return None;
    }
    Some(keyword)
}

/// Run every rule over one event.
pub fn evaluate(
    rules: &RuleSet,
    docs: &[Document],
    alignment: &Alignment,
    claims: &[Claim],
) -> Evaluation {
    let ctx = Context::new(docs, alignment, claims);
    let mut taken = vec![false; claims.len()];
    let mut drafts: Vec<(usize, Draft)> = Vec::new();
    // Specific rules first, then the catch-all numeric-mismatch rules over what is left.
    let order: Vec<usize> = (0..rules.rules.len())
        .filter(|&r| rules.rules[r].kind != Kind::NumericMismatch)
        .chain((0..rules.rules.len()).filter(|&r| rules.rules[r].kind == Kind::NumericMismatch))
        .collect();
    // Numbers inside a member list ("eight-member") belong to the membership comparison.
    let in_list = inside_member_lists(claims);
    for r in order {
        let rule = &rules.rules[r];
        let mut selected = Vec::new();
        for (i, t) in taken.iter_mut().enumerate() {
            if *t || (rule.kind == Kind::NumericMismatch && in_list[i]) {
                continue;
            }
            if let Some(keyword) = selects(&ctx, rule, i) {
                *t = true;
                selected.push(Selected { claim: i, keyword });
            }
        }
        if selected.is_empty() {
            continue;
        }
        let out = match &rule.options {
            Options::Quantity(q) | Options::NumericMismatch(q) => {
                super::quantity::evaluate(&ctx, rule, q, &selected)
            }
            Options::Membership(m) => super::membership::evaluate(&ctx, rule, m, &selected),
            Options::Date(d) => super::date::evaluate(&ctx, rule, d, &selected),
        };
        drafts.extend(out.into_iter().map(|d| (r, d)));
    }
    finish(&ctx, rules, drafts)
}

fn position(ctx: &Context, i: usize) -> (usize, usize) {
    (ctx.info[i].source, ctx.claims[i].span.0)
}

fn finish(ctx: &Context, rules: &RuleSet, drafts: Vec<(usize, Draft)>) -> Evaluation {
    let mut drafts: Vec<(usize, Draft)> = drafts
        .into_iter()
        .filter(|(_, d)| {
            let sources: BTreeSet<usize> = d.claims.iter().map(|&i| ctx.info[i].source).collect();
            sources.len() >= 2 || !d.findings.is_empty()
        })
        .map(|(r, mut d)| {
            d.claims.sort_by_key(|&i| position(ctx, i));
            d.claims.dedup();
            for f in &mut d.findings {
                f.claims.sort_by_key(|&i| position(ctx, i));
                f.claims.dedup();
            }
            (r, d)
        })
        .collect();
    drafts.sort_by(|(ra, a), (rb, b)| {
        let pa = a.claims.first().map(|&i| position(ctx, i));
        let pb = b.claims.first().map(|&i| position(ctx, i));
        pa.cmp(&pb)
            .then_with(|| rules.rules[*ra].id.cmp(&rules.rules[*rb].id))
            .then_with(|| a.key.cmp(&b.key))
    });
    let mut eval = Evaluation::default();
    for (r, d) in drafts {
        let rule = &rules.rules[r];
        let mut vars = d.vars.clone();
        vars.insert("rule", rule.id.clone());
        vars.insert("topic", d.key.clone());
        let label = text::fill(&rule.label, &vars);
        vars.insert("label", label.clone());
        let cells = ctx
            .docs
            .iter()
            .enumerate()
            .map(|(s, doc)| {
                let mine: Vec<usize> = d
                    .claims
                    .iter()
                    .copied()
                    .filter(|&i| ctx.info[i].source == s)
                    .collect();
                Cell {
                    source: doc.source.id.clone(),
                    claims: mine.iter().map(|&i| ctx.claims[i].id.clone()).collect(),
                    display: mine
                        .iter()
                        .map(|&i| ctx.claims[i].text.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                }
            })
            .collect();
        let tolerance = match &rule.options {
            Options::Quantity(q) | Options::NumericMismatch(q) => Some(q.tolerance.describe()),
            Options::Date(dt) => Some(format!("{} day(s)", dt.tolerance_days)),
            Options::Membership(_) => None,
        };
        for f in &d.findings {
            let mut v = vars.clone();
            v.insert("status", f.status.as_str().to_string());
            v.insert("values", f.values.clone());
            v.insert("tolerance", tolerance.clone().unwrap_or_default());
            let sources: BTreeSet<&str> = f.claims.iter().map(|&i| ctx.source_id(i)).collect();
            v.insert(
                "sources",
                sources.into_iter().collect::<Vec<_>>().join(", "),
            );
            let severity = match f.status {
                Status::Update => crate::findings::Severity::Info,
                _ => rule.severity,
            };
            let mut pairs: Vec<(String, String)> = f
                .claims
                .iter()
                .map(|&i| (ctx.claims[i].source.clone(), ctx.claims[i].text.clone()))
                .collect();
            pairs.sort();
            let mut fp = format!("{}\n{}\n{}\n", rule.id, d.base_key, f.status.as_str());
            for (s, t) in &pairs {
                fp.push_str(s);
                fp.push('\t');
                fp.push_str(t);
                fp.push('\n');
            }
            eval.findings.push(Finding {
                id: format!("F{}", eval.findings.len() + 1),
                fingerprint: format!("{:016x}", fnv1a(fp.as_bytes())),
                rule: rule.id.clone(),
                severity,
                status: f.status,
                topic: d.key.clone(),
                message: text::fill(&rule.message, &v),
                tolerance: tolerance.clone(),
                claims: f.claims.iter().map(|&i| ctx.claims[i].id.clone()).collect(),
                evidence: f.claims.iter().map(|&i| evidence(ctx, i)).collect(),
                pairs: f
                    .pairs
                    .iter()
                    .map(|&(a, b)| [ctx.claims[a].id.clone(), ctx.claims[b].id.clone()])
                    .collect(),
            });
        }
        eval.topics.push(Topic {
            key: d.key.clone(),
            label,
            rule: rule.id.clone(),
            status: d.status(),
            cells,
        });
    }
    eval
}

fn evidence(ctx: &Context, i: usize) -> Evidence {
    let c = &ctx.claims[i];
    Evidence {
        claim: c.id.clone(),
        source: c.source.clone(),
        path: ctx
            .docs
            .get(c.source_index)
            .map(|d| d.source.path.clone())
            .unwrap_or_default(),
        line: c.line,
        column: c.column,
        span: c.span,
        text: c.text.clone(),
        sentence: c.sentence.to_string(),
    }
}

/// For every claim: is it a quantity inside the span of a membership claim of the same source?
/// Sorted spans and a running maximum of their ends: O(n log n), where testing every pair of
/// claims was quadratic (a 50 MB report with 650,000 numbers never finished).
fn inside_member_lists(claims: &[Claim]) -> Vec<bool> {
    // Per source: membership spans sorted by start, with the maximum end so far.
    let mut lists: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for m in claims {
        if matches!(m.data, ClaimData::Membership { .. }) {
            lists.entry(m.source_index).or_default().push(m.span);
        }
    }
    for spans in lists.values_mut() {
        spans.sort_unstable();
        let mut max_end = 0;
        for s in spans.iter_mut() {
            max_end = max_end.max(s.1);
            s.1 = max_end;
        }
    }
    claims
        .iter()
        .map(|q| {
            if !matches!(q.data, ClaimData::Quantity { .. }) {
                return false;
            }
            let Some(spans) = lists.get(&q.source_index) else {
                return false;
            };
            // Spans starting at or before the quantity; the widest reach among them.
            let n = spans.partition_point(|s| s.0 <= q.span.0);
            n > 0 && spans[n - 1].1 >= q.span.1
        })
        .collect()
}

/// Number of ids two ascending id lists share (a merge, no allocation).
pub fn shared_ids(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Whether two ascending id lists share no id.
pub fn disjoint_ids(a: &[u32], b: &[u32]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return false,
        }
    }
    true
}

/// Most cross-source pairs of one topic compared exhaustively. Real topics stay far below it
/// (a topic of 700 figures from 700 different reports is about 245,000 pairs); above it,
/// [`cross_pairs`] compares every claim with a bounded, evenly spread sample of the other
/// sources' claims instead of with all of them.
pub const MAX_TOPIC_PAIRS: usize = 250_000;

/// Fewest other-source claims each claim is compared with when a topic is sampled.
pub const MIN_SAMPLED_PARTNERS: usize = 16;

/// Pairs of claims from different sources, as `(a, b)` with `a` before `b` in `items`, ordered
/// by the position of `a`, then of `b`.
///
/// Up to [`MAX_TOPIC_PAIRS`] cross-source pairs: all of them. Above that (thousands of figures
/// of one kind in each report), every claim is paired with `max(MIN_SAMPLED_PARTNERS,
/// MAX_TOPIC_PAIRS / n)` claims of the other sources, evenly spread over them with an offset
/// that moves from claim to claim, so each claim is still compared with every other source
/// and a figure that disagrees with most of another report is still found. Time
/// O(n x sources + pairs), where listing every pair was quadratic (two reports of 4,000
/// casualty figures each: 16 million pairs).
pub fn cross_pairs(ctx: &Context, items: &[usize]) -> Vec<(usize, usize)> {
    cross_positions(ctx, items)
        .into_iter()
        .map(|(pa, pb)| (items[pa], items[pb]))
        .collect()
}

/// [`cross_pairs`] as positions in `items` (`(pa, pb)`, `pa < pb`), same pairs, same order.
pub fn cross_positions(ctx: &Context, items: &[usize]) -> Vec<(usize, usize)> {
    let n = items.len();
    // Positions in `items` per source, each list ascending.
    let mut by_source: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (pos, &i) in items.iter().enumerate() {
        by_source.entry(ctx.info[i].source).or_default().push(pos);
    }
    if by_source.len() < 2 {
        return Vec::new();
    }
    let same: usize = by_source
        .values()
        .map(|v| v.len() * (v.len() - 1) / 2)
        .sum();
    let total = n * (n - 1) / 2 - same;
    let lists: Vec<&Vec<usize>> = by_source.values().collect();
    let source_of: Vec<usize> = {
        let mut s = vec![0; n];
        for (k, list) in lists.iter().enumerate() {
            for &pos in list.iter() {
                s[pos] = k;
            }
        }
        s
    };
    let mut pos_pairs: Vec<(usize, usize)> = Vec::new();
    if total <= MAX_TOPIC_PAIRS && same <= total {
        // Mostly cross-source pairs: walk every pair in order, skipping same-source ones;
        // already sorted, no duplicates.
        pos_pairs.reserve(total);
        for (pa, &sa) in source_of.iter().enumerate() {
            pos_pairs.extend(
                source_of[pa + 1..]
                    .iter()
                    .enumerate()
                    .filter(|&(_, &sb)| sb != sa)
                    .map(|(k, _)| (pa, pa + 1 + k)),
            );
        }
        return pos_pairs;
    } else if total <= MAX_TOPIC_PAIRS {
        pos_pairs.reserve(total);
        for (pa, &sa) in source_of.iter().enumerate() {
            for (k, list) in lists.iter().enumerate() {
                if k == sa {
                    continue;
                }
                let from = list.partition_point(|&p| p <= pa);
                pos_pairs.extend(list[from..].iter().map(|&pb| (pa, pb)));
            }
        }
    } else {
        let partners = MIN_SAMPLED_PARTNERS.max(MAX_TOPIC_PAIRS / n);
        // Start of each source's list in the concatenation of all lists.
        let mut starts = Vec::with_capacity(lists.len() + 1);
        let mut acc = 0;
        for list in &lists {
            starts.push(acc);
            acc += list.len();
        }
        starts.push(acc);
        for (pa, &sa) in source_of.iter().enumerate() {
            // The other sources' claims, as the concatenation with source `sa` left out.
            let own = lists[sa].len();
            let others = n - own;
            let take = partners.min(others);
            let step = others as f64 / take as f64;
            // Golden-ratio offset: consecutive claims look at different members.
            let offset = (pa as f64 * 0.618_033_988_749_895).fract() * step;
            for j in 0..take {
                let mut x = ((offset + j as f64 * step) as usize).min(others - 1);
                if x >= starts[sa] {
                    x += own;
                }
                // The list holding concatenated index `x`.
                let k = starts.partition_point(|&st| st <= x) - 1;
                let pb = lists[k][x - starts[k]];
                pos_pairs.push((pa.min(pb), pa.max(pb)));
            }
        }
    }
    pos_pairs.sort_unstable();
    pos_pairs.dedup();
    pos_pairs
}

/// "A vs B; C vs D" for at most six pairs.
pub fn describe_pairs(ctx: &Context, pairs: &[(usize, usize)], sep: &str) -> String {
    let mut parts: Vec<String> = pairs
        .iter()
        .take(6)
        .map(|&(a, b)| format!("{} {sep} {}", ctx.describe(a), ctx.describe(b)))
        .collect();
    if pairs.len() > 6 {
        parts.push(format!("and {} more pair(s)", pairs.len() - 6));
    }
    parts.join("; ")
}

/// A pair of claim indexes with something attached (a message line, or nothing).
pub type Tagged<T> = ((usize, usize), T);

/// Split pairs into connected groups (claims linked by a pair), ordered by their first claim.
pub fn components<T: Clone>(pairs: &[Tagged<T>]) -> Vec<Vec<Tagged<T>>> {
    // Union-find over the claims the pairs name, by dense position; the root of each group is
    // its smallest claim index.
    let mut ids: Vec<usize> = pairs.iter().flat_map(|((a, b), _)| [*a, *b]).collect();
    ids.sort_unstable();
    ids.dedup();
    let at = |x: usize| ids.partition_point(|&i| i < x);
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let ends: Vec<(usize, usize)> = pairs.iter().map(|((a, b), _)| (at(*a), at(*b))).collect();
    for &(a, b) in &ends {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut groups: BTreeMap<usize, Vec<Tagged<T>>> = BTreeMap::new();
    for (p, &(a, _)) in pairs.iter().zip(&ends) {
        let root = find(&mut parent, a);
        groups.entry(root).or_default().push(p.clone());
    }
    // Roots are the smallest position of each group: BTreeMap order is claim order.
    groups.into_values().collect()
}

/// Turn conflict and update pairs into findings: one per connected group of pairs, so that
/// independent disagreements of one topic are reported apart.
pub fn pair_findings(
    ctx: &Context,
    conflicts: &[(usize, usize)],
    updates: &[(usize, usize)],
) -> Vec<DraftFinding> {
    let mut out = Vec::new();
    for (status, pairs, sep) in [
        (Status::Conflict, conflicts, "vs"),
        (Status::Update, updates, "->"),
    ] {
        let tagged: Vec<((usize, usize), ())> = pairs.iter().map(|&p| (p, ())).collect();
        for group in components(&tagged) {
            let pairs: Vec<(usize, usize)> = group.iter().map(|(p, _)| *p).collect();
            out.push(DraftFinding {
                status,
                claims: pairs.iter().flat_map(|&(a, b)| [a, b]).collect(),
                values: describe_pairs(ctx, &pairs, sep),
                pairs,
            });
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod testutil {
    //! Hand-built documents and claims for the comparators' unit tests.
    use std::path::PathBuf;

    use chrono::NaiveDate;

    use crate::claims::{Claim, ClaimData};
    use crate::ingest::Source;
    use crate::segment::{Document, Sentence};

    /// One document per `(id, date, sentences)`; sentences separated by single spaces.
    pub fn docs(spec: &[(&str, &str, &[&str])]) -> Vec<Document> {
        spec.iter()
            .map(|(id, date, sentences)| {
                let mut text = String::new();
                let mut out = Vec::new();
                for (n, s) in sentences.iter().enumerate() {
                    let start = text.len();
                    text.push_str(s);
                    out.push(Sentence {
                        index: n,
                        span: (start, text.len()),
                        line: n + 1,
                        column: 1,
                    });
                    text.push('\n');
                }
                Document {
                    source: Source {
                        id: id.to_string(),
                        path: PathBuf::from(format!("{id}.txt")),
                        date: NaiveDate::parse_from_str(date, "%Y-%m-%d").ok(),
                        outlet: None,
                        title: None,
                        url: None,
                        text,
                        body_start: 0,
                    },
                    sentences: out,
                }
            })
            .collect()
    }

    /// A claim on `surface` (first occurrence) in sentence `sentence` of document `source`.
    pub fn claim(
        docs: &[Document],
        source: usize,
        sentence: usize,
        surface: &str,
        data: ClaimData,
    ) -> Claim {
        let doc = &docs[source];
        let stext = doc.sentence_text(sentence);
        let off = stext.find(surface).unwrap_or(0);
        let start = doc.sentences[sentence].span.0 + off;
        Claim {
            id: format!("{}#{}", doc.source.id, start),
            source: doc.source.id.clone(),
            source_index: source,
            sentence_index: sentence,
            text: surface.to_string(),
            line: doc.sentences[sentence].line,
            column: off + 1,
            span: (start, start + surface.len()),
            sentence: stext.into(),
            attributed_to: None,
            data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::{claim, docs};
    use super::*;
    use crate::align::{Group, SentenceRef};
    use crate::claims::Quantity;
    use crate::findings::Severity;
    use crate::rules::load::parse_files;

    fn count(v: f64, role: Option<&str>, class: &str) -> ClaimData {
        ClaimData::Quantity {
            quantity: Quantity {
                value: v,
                low: Some(v),
                high: Some(v),
                unit: None,
                dimension: "count".into(),
                qualifier: None,
                normalized: None,
                counted: Some(class.into()),
                counted_class: Some(class.into()),
                role: role.map(Into::into),
            },
        }
    }

    /// Claims spread over sources as `sources[k]` = source of claim k (one sentence each).
    fn spread(sources: &[usize]) -> (Vec<Document>, Vec<Claim>) {
        let ns = sources.iter().max().map_or(0, |m| m + 1);
        let names: Vec<String> = (0..ns).map(|k| format!("s{k}")).collect();
        let sentences: Vec<Vec<String>> = (0..ns)
            .map(|k| {
                let m = sources.iter().filter(|&&s| s == k).count();
                (0..m).map(|j| format!("{j} were killed.")).collect()
            })
            .collect();
        let refs: Vec<Vec<&str>> = sentences
            .iter()
            .map(|v| v.iter().map(String::as_str).collect())
            .collect();
        let spec: Vec<(&str, &str, &[&str])> = (0..ns)
            .map(|k| (names[k].as_str(), "2022-01-06", refs[k].as_slice()))
            .collect();
        let d = docs(&spec);
        let mut next = vec![0; ns];
        let claims = sources
            .iter()
            .map(|&k| {
                let j = next[k];
                next[k] += 1;
                claim(&d, k, j, &j.to_string(), count(j as f64, None, "people"))
            })
            .collect();
        (d, claims)
    }

    /// Below [`MAX_TOPIC_PAIRS`], `cross_pairs` is exactly every pair of claims from different
    /// sources, earlier first, in order (as the quadratic definition it replaced).
    #[test]
    fn components_are_ordered_by_smallest_claim_and_keep_pair_order() {
        let pairs: Vec<Tagged<char>> = vec![
            ((5, 9), 'a'),
            ((1, 2), 'b'),
            ((9, 3), 'c'),
            ((2, 7), 'd'),
            ((4, 4), 'e'),
            ((7, 8), 'f'),
        ];
        let tags: Vec<Vec<char>> = components(&pairs)
            .into_iter()
            .map(|g| g.into_iter().map(|(_, t)| t).collect())
            .collect();
        assert_eq!(tags, vec![vec!['b', 'd', 'f'], vec!['a', 'c'], vec!['e']]);
        assert!(components::<()>(&[]).is_empty());
    }

    #[test]
    fn cross_pairs_below_the_cap_are_every_pair_in_order() {
        for sources in [
            vec![0, 1],
            vec![0, 0, 0],
            vec![0, 1, 0, 2, 1, 1, 2, 0],
            vec![2, 2, 1, 0, 0, 1, 3, 3, 3, 0],
            // more same-source pairs than cross-source ones (the per-source walk)
            vec![0, 0, 0, 1, 0, 0, 0, 0],
            vec![1, 1, 1, 1, 1, 1, 0, 2],
        ] {
            let (d, claims) = spread(&sources);
            let ctx = Context::new(&d, &Alignment::default(), &claims);
            // Items in a non-sorted order, as a topic may hold them.
            let items: Vec<usize> = (0..claims.len()).rev().collect();
            let mut naive = Vec::new();
            for (n, &a) in items.iter().enumerate() {
                for &b in &items[n + 1..] {
                    if ctx.info[a].source != ctx.info[b].source {
                        naive.push((a, b));
                    }
                }
            }
            assert_eq!(cross_pairs(&ctx, &items), naive, "{sources:?}");
        }
    }

    /// Regression (fix: per-topic pairwise comparison was quadratic): two reports of 4,000
    /// figures of one kind each (16 million pairs) give a bounded sample in which every claim
    /// meets claims of the other report, and one source's 1,000 claims alone give no pair.
    #[test]
    fn fix_cross_pairs_of_a_huge_topic_are_bounded() {
        let sources: Vec<usize> = (0..8_000).map(|k| k / 4_000).collect();
        let (d, claims) = spread(&sources);
        let ctx = Context::new(&d, &Alignment::default(), &claims);
        let items: Vec<usize> = (0..claims.len()).collect();
        let t = std::time::Instant::now();
        let pairs = cross_pairs(&ctx, &items);
        assert!(
            t.elapsed() < std::time::Duration::from_secs(10),
            "hang detector"
        );
        let partners = MIN_SAMPLED_PARTNERS.max(MAX_TOPIC_PAIRS / 8_000);
        assert!(pairs.len() <= 8_000 * partners, "{}", pairs.len());
        assert!(pairs.len() >= 4_000 * partners, "{}", pairs.len());
        let mut met = vec![0usize; 8_000];
        for w in pairs.windows(2) {
            assert!(w[0] < w[1], "sorted, no duplicates");
        }
        for &(a, b) in &pairs {
            assert!(
                a < 4_000 && b >= 4_000,
                "({a}, {b}) crosses sources, earlier first"
            );
            met[a] += 1;
            met[b] += 1;
        }
        // Every claim is compared with at least its own sample of the other report.
        assert!(met.iter().all(|&m| m >= partners), "{:?}", met.iter().min());
        // The samples of consecutive claims differ: the whole other report is covered.
        let first_b: BTreeSet<usize> = pairs.iter().filter(|p| p.0 < 50).map(|p| p.1).collect();
        assert!(first_b.len() > 40 * partners, "{}", first_b.len());

        let (d1, one) = spread(&vec![0; 1_000]);
        let ctx1 = Context::new(&d1, &Alignment::default(), &one);
        assert!(cross_pairs(&ctx1, &(0..1_000).collect::<Vec<_>>()).is_empty());
    }

    /// Regression (fix: quadratic membership-containment test in `evaluate`): same answers as
    /// the pairwise definition, on nested, overlapping and per-source spans, and 200,000
    /// quantities with 1,000 lists finish at once.
    #[test]
    fn fix_inside_member_lists_is_not_quadratic() {
        use crate::claims::Membership;
        let mk = |source: usize, span: (usize, usize), member: bool| Claim {
            id: String::new(),
            source: String::new(),
            source_index: source,
            sentence_index: 0,
            text: String::new(),
            line: 1,
            column: 1,
            span,
            sentence: "".into(),
            attributed_to: None,
            data: if member {
                ClaimData::Membership {
                    membership: Membership {
                        organization: "SCO".into(),
                        members: Vec::new(),
                        stated_count: None,
                        complete: true,
                    },
                }
            } else {
                count(1.0, None, "people")
            },
        };
        let claims = vec![
            mk(0, (10, 100), true),
            mk(0, (20, 30), true),
            mk(0, (15, 18), false),  // inside the first list
            mk(0, (95, 105), false), // overlaps its end: not inside
            mk(1, (50, 60), false),  // other source
            mk(0, (0, 5), false),
            mk(1, (200, 300), true),
            mk(1, (250, 260), false),
            mk(0, (100, 100), false), // empty span at the very end: inside
        ];
        let naive: Vec<bool> = claims
            .iter()
            .map(|q| {
                matches!(q.data, ClaimData::Quantity { .. })
                    && claims.iter().any(|m| {
                        matches!(m.data, ClaimData::Membership { .. })
                            && m.source_index == q.source_index
                            && m.span.0 <= q.span.0
                            && q.span.1 <= m.span.1
                    })
            })
            .collect();
        assert_eq!(
            inside_member_lists(&claims),
            [false, false, true, false, false, false, false, true, true]
        );
        assert_eq!(inside_member_lists(&claims), naive);
        let mut many: Vec<Claim> = (0..1_000)
            .map(|i| mk(0, (i * 1_000, i * 1_000 + 10), true))
            .collect();
        many.extend((0..200_000).map(|i| mk(0, (i * 5, i * 5 + 2), false)));
        let t = std::time::Instant::now();
        let inside = inside_member_lists(&many);
        assert!(t.elapsed().as_secs() < 5, "took {:?}", t.elapsed());
        assert_eq!(inside.iter().filter(|&&b| b).count(), 2_000);
    }

    const RULES: &str = r#"
[[rule]]
name = "killed"
kind = "quantity"
label = "killed: {counted_class}"
[rule.select]
roles = ["killed"]
[rule.quantity]
group_by = ["counted_class"]
evolving = true

[[rule]]
name = "rest"
kind = "numeric-mismatch"
"#;

    #[test]
    fn topics_findings_and_catch_all() {
        let d = docs(&[
            (
                "a",
                "2022-01-06",
                &["12 officers were killed.", "Ten ships sailed."],
            ),
            (
                "b",
                "2022-01-09",
                &["18 officers were killed.", "Eleven ships sailed."],
            ),
            (
                "c",
                "2022-01-09",
                &["15 people were killed.", "Twelve ships sailed."],
            ),
        ]);
        let claims = vec![
            claim(
                &d,
                0,
                0,
                "12",
                count(12.0, Some("killed"), "security_forces"),
            ),
            claim(&d, 0, 1, "Ten", count(10.0, None, "equipment")),
            claim(
                &d,
                1,
                0,
                "18",
                count(18.0, Some("killed"), "security_forces"),
            ),
            claim(&d, 1, 1, "Eleven", count(11.0, None, "equipment")),
            claim(&d, 2, 0, "15", count(15.0, Some("killed"), "people")),
            claim(&d, 2, 1, "Twelve", count(12.0, None, "equipment")),
        ];
        // Only a and b's ship sentences are aligned.
        let alignment = Alignment {
            groups: vec![Group {
                score: 0.9,
                members: vec![
                    SentenceRef {
                        source: 0,
                        sentence: 1,
                    },
                    SentenceRef {
                        source: 1,
                        sentence: 1,
                    },
                ],
            }],
        };
        let rules = parse_files([("rules/t.toml".to_string(), RULES)]).unwrap();
        let ev = evaluate(&rules, &d, &alignment, &claims);
        let topics: Vec<(&str, &str, Status)> = ev
            .topics
            .iter()
            .map(|t| (t.key.as_str(), t.label.as_str(), t.status))
            .collect();
        assert_eq!(
            topics,
            vec![
                (
                    "t.killed/security_forces",
                    "killed: security forces",
                    Status::Update
                ),
                (
                    "t.rest/count/equipment#g1",
                    "count / equipment",
                    Status::Conflict
                ),
            ]
        );
        // killed x people has one source only: not a row.
        let cells: Vec<&str> = ev.topics[0]
            .cells
            .iter()
            .map(|c| c.display.as_str())
            .collect();
        assert_eq!(cells, ["12", "18", ""]);
        let f: Vec<(&str, &str, Severity, Status, Vec<&str>)> = ev
            .findings
            .iter()
            .map(|f| {
                (
                    f.id.as_str(),
                    f.rule.as_str(),
                    f.severity,
                    f.status,
                    f.claims.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            f,
            vec![
                (
                    "F1",
                    "t.killed",
                    Severity::Info,
                    Status::Update,
                    vec![claims[0].id.as_str(), claims[2].id.as_str()]
                ),
                (
                    "F2",
                    "t.rest",
                    Severity::Warning,
                    Status::Conflict,
                    vec![claims[1].id.as_str(), claims[3].id.as_str()]
                ),
            ]
        );
        assert_eq!(
            ev.findings[0].message,
            "killed: security forces: \"12\" [a, 2022-01-06] -> \"18\" [b, 2022-01-09] (tolerance none)"
        );
        assert_eq!(ev.findings[1].evidence[0].line, 2);
        // Fingerprints: hex, stable, independent of the alignment group number.
        assert_eq!(ev.findings[0].fingerprint.len(), 16);
        let again = evaluate(&rules, &d, &alignment, &claims);
        assert_eq!(again.findings[0].fingerprint, ev.findings[0].fingerprint);
    }

    #[test]
    fn a_claim_goes_to_the_first_rule_by_priority() {
        let text = r#"
[[rule]]
name = "low"
kind = "quantity"
[[rule]]
name = "high"
kind = "quantity"
priority = 5
"#;
        let rules = parse_files([("rules/p.toml".to_string(), text)]).unwrap();
        let d = docs(&[
            ("a", "2022-01-06", &["12 died."]),
            ("b", "2022-01-06", &["13 died."]),
        ]);
        let claims = vec![
            claim(&d, 0, 0, "12", count(12.0, None, "people")),
            claim(&d, 1, 0, "13", count(13.0, None, "people")),
        ];
        let ev = evaluate(&rules, &d, &Alignment::default(), &claims);
        assert_eq!(ev.topics.len(), 1);
        assert_eq!(ev.topics[0].rule, "p.high");
        assert_eq!(ev.findings[0].status, Status::Conflict);
    }
}

#[cfg(test)]
mod props {
    use proptest::prelude::*;

    use super::testutil::{claim, docs};
    use super::*;
    use crate::claims::{DateClaim, Membership, Normalized, Quantity};

    fn data() -> impl Strategy<Value = ClaimData> {
        let units = prop_oneof![
            Just(None),
            Just(Some("km")),
            Just(Some("mile")),
            Just(Some("USD"))
        ];
        let roles = prop_oneof![Just(None), Just(Some("killed")), Just(Some("detained"))];
        let q = (
            -1e6f64..1e9,
            prop::option::of(0f64..1e9),
            prop::option::of(0f64..1e9),
            units,
            roles,
            prop::option::of(Just("about")),
        )
            .prop_map(|(v, lo, hi, unit, role, qual)| ClaimData::Quantity {
                quantity: Quantity {
                    value: v,
                    low: lo,
                    high: hi,
                    unit: unit.map(Into::into),
                    dimension: if unit.is_some() {
                        "length".into()
                    } else {
                        "count".into()
                    },
                    qualifier: qual.map(Into::into),
                    normalized: unit.map(|u| Normalized {
                        low: lo,
                        high: hi,
                        unit: u.into(),
                    }),
                    counted: None,
                    counted_class: Some("people".into()),
                    role: role.map(Into::into),
                },
            });
        let d = (0i64..60).prop_map(|n| ClaimData::Date {
            date: DateClaim {
                value: chrono::NaiveDate::from_ymd_opt(2022, 1, 1).unwrap()
                    + chrono::Duration::days(n),
                resolved_from: None,
            },
        });
        let m = (
            prop::collection::vec(0usize..6, 0..5),
            prop::option::of(0u32..8),
            any::<bool>(),
        )
            .prop_map(|(ms, stated, complete)| ClaimData::Membership {
                membership: Membership {
                    organization: "X".into(),
                    members: ms.iter().map(|i| format!("M{i}")).collect(),
                    stated_count: stated,
                    complete,
                },
            });
        prop_oneof![q, d, m]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any claims: no panic, every finding's claims resolve, ids are F1.. in order.
        #[test]
        fn evaluation_is_total(items in prop::collection::vec((0usize..3, data()), 0..12)) {
            let d = docs(&[
                ("a", "2022-01-05", &["The protests began on Sunday; 12 killed in Almaty."]),
                ("b", "2022-01-09", &["The unrest started on Tuesday; 15 killed in Almaty."]),
                ("c", "", &["Nothing."]),
            ]);
            let claims: Vec<Claim> = items
                .into_iter()
                .enumerate()
                .map(|(n, (s, data))| {
                    let mut c = claim(&d, s, 0, "12", data);
                    c.id = format!("{}#{n}", c.source);
                    c
                })
                .collect();
            static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
            let rules = RULES.get_or_init(|| crate::rules::load_embedded().unwrap());
            let ev = evaluate(rules, &d, &Alignment::default(), &claims);
            let ids: Vec<&str> = claims.iter().map(|c| c.id.as_str()).collect();
            for (n, f) in ev.findings.iter().enumerate() {
                prop_assert_eq!(&f.id, &format!("F{}", n + 1));
                for c in &f.claims {
                    prop_assert!(ids.contains(&c.as_str()));
                }
            }
            for t in &ev.topics {
                prop_assert_eq!(t.cells.len(), 3);
            }
        }
    }
}
