//! The `date` comparator. Input: the date claims a rule took. Output: topic drafts, one per
//! event the dates are about.
//!
//! Each date learns what it dates from its sentence: the rule's `subjects` (what happened to:
//! "protests", "earthquake") and `triggers` (what happened: "began", "agreed") whose words occur
//! in the sentence and are nearer to this date than to any other date of the sentence. Two dates
//! from different reports are about the same event when their sentences are aligned, or when
//! they share a subject (and their triggers do not differ), or share a trigger (subjects not
//! differing) and at least two named-entity words ("Collective Security Treaty Organization"). Same event, days further apart than `tolerance_days`: conflict.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::claims::ClaimData;
use crate::findings::Status;

use super::eval::{
    components, cross_positions, disjoint_ids, shared_ids, Context, Draft, DraftFinding, Selected,
};
use super::{DateOptions, Rule, Scope, WordFamily};

/// Subject and trigger families of every date claim.
#[derive(Debug, Clone, Default)]
struct Tags {
    subjects: BTreeSet<String>,
    triggers: BTreeSet<String>,
}

/// Date claims of each sentence, by (source, sentence).
type SentenceDates = BTreeMap<(usize, usize), Vec<usize>>;

fn tag(
    ctx: &Context,
    by_sentence: &SentenceDates,
    families: &[WordFamily],
    window: usize,
    i: usize,
) -> BTreeSet<String> {
    let c = &ctx.claims[i];
    let start = ctx.info[i].sentence_start;
    // Dates of the same sentence, as [start, end) offsets in the sentence.
    let others: Vec<(usize, (usize, usize))> = by_sentence
        .get(&(c.source_index, c.sentence_index))
        .into_iter()
        .flatten()
        .map(|&j| {
            let o = &ctx.claims[j];
            (
                j,
                (
                    o.span.0.saturating_sub(start),
                    o.span.1.saturating_sub(start),
                ),
            )
        })
        .collect();
    // Characters between a word [a, b) and a date [x, y).
    let gap = |(a, b): (usize, usize), (x, y): (usize, usize)| {
        if b <= x {
            x - b
        } else {
            a.saturating_sub(y)
        }
    };
    let mut out = BTreeSet::new();
    for f in families {
        for cap in f.words.captures_iter(&c.sentence) {
            let Some(m) = cap.get(1) else { continue };
            let word = (m.start(), m.end());
            let nearest = others.iter().map(|(j, d)| (gap(word, *d), *j)).min();
            if nearest.is_some_and(|(g, j)| j == i && g <= window) {
                out.insert(f.name.clone());
            }
        }
    }
    out
}

/// Compare the dates a date rule took.
pub fn evaluate(
    ctx: &Context,
    rule: &Rule,
    opts: &DateOptions,
    selected: &[Selected],
) -> Vec<Draft> {
    let items: Vec<usize> = selected
        .iter()
        .map(|s| s.claim)
        .filter(|&i| matches!(ctx.claims[i].data, ClaimData::Date { .. }))
        .collect();
    let mut by_sentence: SentenceDates = BTreeMap::new();
    for (j, o) in ctx.claims.iter().enumerate() {
        if matches!(o.data, ClaimData::Date { .. }) {
            by_sentence
                .entry((o.source_index, o.sentence_index))
                .or_default()
                .push(j);
        }
    }
    let tags: BTreeMap<usize, Tags> = items
        .iter()
        .map(|&i| {
            (
                i,
                Tags {
                    subjects: tag(ctx, &by_sentence, &opts.subjects, opts.window, i),
                    triggers: tag(ctx, &by_sentence, &opts.triggers, opts.window, i),
                },
            )
        })
        .collect();
    // Tags as ids (one id per family name), ascending, for set tests without allocation.
    fn intern<'t>(names: &mut HashMap<&'t str, u32>, set: &'t BTreeSet<String>) -> Vec<u32> {
        let mut v: Vec<u32> = set
            .iter()
            .map(|s| {
                let next = names.len() as u32;
                *names.entry(s.as_str()).or_insert(next)
            })
            .collect();
        v.sort_unstable();
        v
    }
    let mut names: HashMap<&str, u32> = HashMap::new();
    let tag_ids: Vec<(Vec<u32>, Vec<u32>)> = items
        .iter()
        .map(|i| {
            let t = &tags[i];
            let subjects = intern(&mut names, &t.subjects);
            (subjects, intern(&mut names, &t.triggers))
        })
        .collect();
    let compatible = |a: &[u32], b: &[u32]| a.is_empty() || b.is_empty() || !disjoint_ids(a, b);
    // Whether the dates at positions `pa`, `pb` of `items` are about the same event.
    let same_event = |pa: usize, pb: usize| -> bool {
        let (ia, ib) = (&ctx.info[items[pa]], &ctx.info[items[pb]]);
        let ((sa, ta), (sb, tb)) = (&tag_ids[pa], &tag_ids[pb]);
        if ia.group.is_some() && ia.group == ib.group {
            // Aligned sentences: the same event unless the words say otherwise.
            // (Dates of aligned sentences with no subject or trigger near them are mostly dates
            // of reporting, "figures released on Sunday", and are left alone.)
            let shared = !disjoint_ids(sa, sb) || !disjoint_ids(ta, tb);
            return shared && compatible(sa, sb) && compatible(ta, tb);
        }
        if opts.scope == Scope::Aligned {
            return false;
        }
        let subj = !disjoint_ids(sa, sb);
        let trig = !disjoint_ids(ta, tb);
        (subj && compatible(ta, tb))
            || (trig && compatible(sa, sb) && shared_ids(&ia.entities, &ib.entities) >= 2)
    };
    let day = |i: usize| match &ctx.claims[i].data {
        ClaimData::Date { date } => Some(date.value),
        _ => None,
    };
    // Connected components of "same event" (union-find over claim positions).
    let pos_pairs: Vec<(usize, usize)> = cross_positions(ctx, &items)
        .into_iter()
        .filter(|&(pa, pb)| same_event(pa, pb))
        .collect();
    let mut parent: Vec<usize> = (0..items.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(pa, pb) in &pos_pairs {
        let (ra, rb) = (find(&mut parent, pa), find(&mut parent, pb));
        if ra != rb {
            parent[ra.max(rb)] = ra.min(rb);
        }
    }
    let mut comps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (n, &i) in items.iter().enumerate() {
        let root = find(&mut parent, n);
        comps.entry(root).or_default().push(i);
    }
    // Each same-event pair belongs to the component of its first claim, in pair order.
    let mut pairs_of: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for &(pa, pb) in &pos_pairs {
        let root = find(&mut parent, pa);
        pairs_of
            .entry(root)
            .or_default()
            .push((items[pa], items[pb]));
    }
    let mut used_keys: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (root, members) in comps {
        if members.len() < 2 {
            continue;
        }
        let conflicts: Vec<(usize, usize)> = pairs_of
            .remove(&root)
            .unwrap_or_default()
            .into_iter()
            .filter(|&(a, b)| match (day(a), day(b)) {
                (Some(x), Some(y)) => (x - y).num_days().abs() > opts.tolerance_days,
                _ => false,
            })
            .collect();
        // Name the topic after its most frequent subject, else trigger.
        let mut counts: BTreeMap<(u8, String), usize> = BTreeMap::new();
        for i in &members {
            for s in &tags[i].subjects {
                *counts.entry((0, s.clone())).or_default() += 1;
            }
            for t in &tags[i].triggers {
                *counts.entry((1, t.clone())).or_default() += 1;
            }
        }
        let best = |kind: u8| {
            counts
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|((_, n), _)| n.clone())
        };
        let subject = best(0);
        let trigger = best(1);
        let name = match (&subject, &trigger) {
            (Some(s), Some(t)) => format!("{s}/{t}"),
            (Some(s), None) => s.clone(),
            (None, Some(t)) => t.clone(),
            (None, None) => "aligned".to_string(),
        };
        let base = format!("{}/{name}", rule.id);
        let n = used_keys.entry(base.clone()).or_default();
        *n += 1;
        let key = if *n == 1 {
            base.clone()
        } else {
            format!("{base}~{n}")
        };
        let mut vars = BTreeMap::new();
        vars.insert("subject", subject.clone().unwrap_or_default());
        vars.insert("trigger", trigger.clone().unwrap_or_default());
        vars.insert("group", name.replace('/', " / ").replace('_', " "));
        let mut findings = Vec::new();
        let tagged: Vec<((usize, usize), ())> = conflicts.iter().map(|&p| (p, ())).collect();
        for group in components(&tagged) {
            let conflicts: Vec<(usize, usize)> = group.iter().map(|(p, _)| *p).collect();
            let mut parts: Vec<String> = conflicts
                .iter()
                .take(6)
                .map(|&(a, b)| {
                    let show = |i: usize| {
                        format!(
                            "\"{}\" = {} [{}]",
                            ctx.claims[i].text,
                            day(i).map_or_else(String::new, |d| d.to_string()),
                            ctx.claims[i].source
                        )
                    };
                    format!("{} vs {}", show(a), show(b))
                })
                .collect();
            if conflicts.len() > 6 {
                parts.push(format!("and {} more pair(s)", conflicts.len() - 6));
            }
            findings.push(DraftFinding {
                status: Status::Conflict,
                claims: conflicts.iter().flat_map(|&(a, b)| [a, b]).collect(),
                pairs: conflicts,
                values: parts.join("; "),
            });
        }
        out.push(Draft {
            key,
            base_key: base,
            vars,
            claims: members,
            findings,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Alignment;
    use crate::claims::DateClaim;
    use crate::rules::eval::testutil::{claim, docs};
    use crate::rules::load::word_regex;
    use crate::rules::{Kind, Options, Selector};
    use chrono::NaiveDate;

    fn fam(name: &str, words: &[&str]) -> WordFamily {
        let list: Vec<String> = words.iter().map(|s| s.to_string()).collect();
        WordFamily {
            name: name.into(),
            words: word_regex(&list).unwrap(),
            list,
        }
    }

    fn run(sentences: &[(&str, &str, &str, &str)]) -> Vec<(String, Status, usize)> {
        // (report date, sentence, date surface, date value)
        let spec: Vec<(String, &str, Vec<&str>)> = sentences
            .iter()
            .enumerate()
            .map(|(n, (d, s, _, _))| (format!("s{n}"), *d, vec![*s]))
            .collect();
        let spec2: Vec<(&str, &str, &[&str])> = spec
            .iter()
            .map(|s| (s.0.as_str(), s.1, s.2.as_slice()))
            .collect();
        let d = docs(&spec2);
        let claims: Vec<_> = sentences
            .iter()
            .enumerate()
            .map(|(n, (_, _, surf, val))| {
                claim(
                    &d,
                    n,
                    0,
                    surf,
                    ClaimData::Date {
                        date: DateClaim {
                            value: NaiveDate::parse_from_str(val, "%Y-%m-%d").unwrap(),
                            resolved_from: None,
                        },
                    },
                )
            })
            .collect();
        let ctx = Context::new(&d, &Alignment::default(), &claims);
        let opts = DateOptions {
            scope: Scope::Event,
            triggers: vec![
                fam("start", &["began", "started"]),
                fam("decision", &["agreed", "decided"]),
            ],
            subjects: vec![
                fam("unrest", &["protests", "unrest", "crisis"]),
                fam("quake", &["earthquake", "quake"]),
            ],
            tolerance_days: 0,
            window: 50,
        };
        let rule = Rule {
            id: "dates.event".into(),
            kind: Kind::Date,
            severity: crate::findings::Severity::Error,
            priority: 0,
            label: String::new(),
            message: String::new(),
            summary: String::new(),
            description: String::new(),
            why: String::new(),
            example: String::new(),
            file: String::new(),
            select: Selector::default(),
            options: Options::Date(opts.clone()),
        };
        let sel: Vec<Selected> = (0..claims.len())
            .map(|i| Selected {
                claim: i,
                keyword: None,
            })
            .collect();
        evaluate(&ctx, &rule, &opts, &sel)
            .into_iter()
            .map(|d| (d.key.clone(), d.status(), d.claims.len()))
            .collect()
    }

    #[test]
    fn same_subject_different_days_conflict() {
        let got = run(&[
            (
                "2022-01-09",
                "The protests began on Tuesday in Zhanaozen.",
                "on Tuesday",
                "2022-01-04",
            ),
            (
                "2022-01-05",
                "The unrest started on Sunday in Zhanaozen.",
                "on Sunday",
                "2022-01-02",
            ),
            (
                "2022-01-13",
                "The crisis began on Jan. 2 in Zhanaozen.",
                "on Jan. 2",
                "2022-01-02",
            ),
        ]);
        assert_eq!(
            got,
            vec![("dates.event/unrest/start".to_string(), Status::Conflict, 3)]
        );
    }

    #[test]
    fn same_day_agrees_and_unrelated_dates_are_not_compared() {
        let got = run(&[
            (
                "2022-01-06",
                "The CSTO agreed in Moscow on Thursday to send troops.",
                "on Thursday",
                "2022-01-06",
            ),
            (
                "2022-01-13",
                "The CSTO decided in Moscow on 6 January to send a force.",
                "on 6 January",
                "2022-01-06",
            ),
            (
                "2022-01-16",
                "On Tuesday parliament approved a new premier.",
                "On Tuesday",
                "2022-01-11",
            ),
        ]);
        assert_eq!(
            got,
            vec![("dates.event/decision".to_string(), Status::Agree, 2)]
        );
    }

    #[test]
    fn shared_trigger_needs_a_shared_entity() {
        let got = run(&[
            (
                "2022-01-06",
                "The CSTO agreed in Moscow on Thursday to send troops.",
                "on Thursday",
                "2022-01-06",
            ),
            (
                "2022-01-16",
                "Parliament agreed on 5 January to meet.",
                "on 5 January",
                "2022-01-05",
            ),
        ]);
        assert!(got.is_empty(), "{got:?}");
        // One shared name is not enough: "Mr. Tokayev" acts on many days.
        let got = run(&[
            (
                "2022-01-06",
                "The CSTO agreed on Thursday to send troops.",
                "on Thursday",
                "2022-01-06",
            ),
            (
                "2022-01-16",
                "CSTO leaders agreed on 5 January to help.",
                "on 5 January",
                "2022-01-05",
            ),
        ]);
        assert!(got.is_empty(), "{got:?}");
        let got = run(&[
            (
                "2022-01-06",
                "The CSTO agreed in Moscow on Thursday to send troops.",
                "on Thursday",
                "2022-01-06",
            ),
            (
                "2022-01-16",
                "CSTO leaders in Moscow agreed on 5 January to help.",
                "on 5 January",
                "2022-01-05",
            ),
        ]);
        assert_eq!(
            got,
            vec![("dates.event/decision".to_string(), Status::Conflict, 2)]
        );
    }
}
