//! The `membership` comparator. Input: the member-list claims a rule took. Output: one topic
//! draft per organisation.
//!
//! Lists are sets of canonical member names. Within one report, a stated size that differs from
//! a complete list (or is smaller than a partial one) is `inconsistent`. Across reports: two
//! complete lists must be equal; a partial ("includes") list must be a subset of a complete
//! one and not longer than a stated size; stated sizes must match each other and complete
//! lists. A difference where the later report (at least `evolving_after_days` later) shows a
//! larger membership is an `update`; anything else conflicts.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::claims::{ClaimData, Membership};
use crate::findings::Status;

use super::eval::{components, cross_positions, Context, Draft, DraftFinding, Selected};
use super::{MembershipOptions, Rule};

/// What every verdict on a list reads of it: its member set, completeness and stated size.
#[derive(Debug, PartialEq, Eq, Hash)]
struct ListKey<'m> {
    members: Vec<&'m str>,
    complete: bool,
    stated_count: Option<u32>,
}

impl<'m> ListKey<'m> {
    fn of(m: &'m Membership) -> Self {
        Self {
            members: set(m).into_iter().collect(),
            complete: m.complete,
            stated_count: m.stated_count,
        }
    }
}

/// Two lists that contradict each other, not explained by an inconsistent stated size.
#[derive(Debug)]
struct Verdict {
    why: String,
    /// The second list shows a larger membership containing the first (and the reverse).
    a_to_b_grew: bool,
    b_to_a_grew: bool,
}

impl Verdict {
    fn of(a: &Membership, b: &Membership) -> Option<Self> {
        let why = contradiction(a, b)?;
        if explained(a, b) || explained(b, a) {
            return None;
        }
        Some(Self {
            why,
            a_to_b_grew: grew(a, b),
            b_to_a_grew: grew(b, a),
        })
    }
}

fn set(m: &Membership) -> BTreeSet<&str> {
    m.members.iter().map(String::as_str).collect()
}

/// Why a list contradicts itself, if it does.
pub fn inconsistency(m: &Membership) -> Option<String> {
    let n = m.stated_count? as usize;
    let listed = set(m).len();
    if listed == 0 {
        return None;
    }
    if m.complete && listed != n {
        Some(format!("stated size {n} but {listed} members listed"))
    } else if !m.complete && listed > n {
        Some(format!("stated size {n} but {listed} members named"))
    } else {
        None
    }
}

/// Why two lists of the same organisation cannot both hold, if they cannot.
pub fn contradiction(a: &Membership, b: &Membership) -> Option<String> {
    let (sa, sb) = (set(a), set(b));
    let fmt = |s: BTreeSet<&str>| s.into_iter().collect::<Vec<_>>().join(", ");
    if a.complete && b.complete && !sa.is_empty() && !sb.is_empty() && sa != sb {
        let only_a: BTreeSet<&str> = sa.difference(&sb).copied().collect();
        let only_b: BTreeSet<&str> = sb.difference(&sa).copied().collect();
        let mut parts = vec![format!(
            "complete lists of {} and {} members",
            sa.len(),
            sb.len()
        )];
        if !only_a.is_empty() {
            parts.push(format!("only in the first: {}", fmt(only_a)));
        }
        if !only_b.is_empty() {
            parts.push(format!("only in the second: {}", fmt(only_b)));
        }
        return Some(parts.join("; "));
    }
    for (full, part, first) in [(a, b, true), (b, a, false)] {
        let (sf, sp) = (set(full), set(part));
        if full.complete && !part.complete && !sf.is_empty() && !sp.is_subset(&sf) {
            let extra: BTreeSet<&str> = sp.difference(&sf).copied().collect();
            return Some(format!(
                "the {} list names {} not in the complete list",
                if first { "second" } else { "first" },
                fmt(extra)
            ));
        }
    }
    match (a.stated_count, b.stated_count) {
        (Some(x), Some(y)) if x != y => return Some(format!("stated sizes {x} and {y}")),
        _ => {}
    }
    for (st, other) in [(a, b), (b, a)] {
        if let Some(n) = st.stated_count {
            let listed = set(other).len();
            if listed > 0 && other.complete && listed != n as usize {
                return Some(format!("stated size {n} but a complete list of {listed}"));
            }
            if listed > n as usize {
                return Some(format!("stated size {n} but {listed} members named"));
            }
        }
    }
    None
}

/// Whether the difference between `a` and `b` is already reported as `a`'s own inconsistency:
/// `a` states a size that matches `b` but lists a different number of names.
fn explained(a: &Membership, b: &Membership) -> bool {
    if inconsistency(a).is_none() {
        return false;
    }
    let listed_b = set(b).len();
    let size_b = if b.complete && listed_b > 0 {
        Some(listed_b as u32)
    } else {
        b.stated_count
    };
    a.stated_count.is_some() && a.stated_count == size_b
}

/// Whether `later` shows a membership that grew from `earlier`.
fn grew(earlier: &Membership, later: &Membership) -> bool {
    let (se, sl) = (set(earlier), set(later));
    let size = |m: &Membership, s: &BTreeSet<&str>| {
        if m.complete && !s.is_empty() {
            Some(s.len())
        } else {
            m.stated_count.map(|n| n as usize)
        }
    };
    let bigger = match (size(earlier, &se), size(later, &sl)) {
        (Some(x), Some(y)) => y > x,
        _ => true,
    };
    bigger && se.is_subset(&sl)
}

/// Compare the member lists a membership rule took.
pub fn evaluate(
    ctx: &Context,
    rule: &Rule,
    opts: &MembershipOptions,
    selected: &[Selected],
) -> Vec<Draft> {
    let mut by_org: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for s in selected {
        if let ClaimData::Membership { membership } = &ctx.claims[s.claim].data {
            by_org
                .entry(membership.organization.as_str())
                .or_default()
                .push(s.claim);
        }
    }
    let get = |i: usize| match &ctx.claims[i].data {
        ClaimData::Membership { membership } => Some(membership),
        _ => None,
    };
    let mut out = Vec::new();
    for (org, items) in by_org {
        let mut findings = Vec::new();
        if opts.check_stated_count {
            for &i in &items {
                if let Some(why) = get(i).and_then(inconsistency) {
                    findings.push(DraftFinding {
                        status: Status::Inconsistent,
                        claims: vec![i],
                        pairs: Vec::new(),
                        values: format!("{}: {why}", ctx.describe(i)),
                    });
                }
            }
        }
        let mut conflicts = Vec::new();
        let mut updates = Vec::new();
        // The verdict on two lists depends on the lists alone: reports repeating the same list
        // share one class, and each ordered pair of classes is judged once.
        let mut class_ids: HashMap<ListKey, usize> = HashMap::new();
        let class: Vec<Option<usize>> = items
            .iter()
            .map(|&i| {
                get(i).map(|m| {
                    let next = class_ids.len();
                    *class_ids.entry(ListKey::of(m)).or_insert(next)
                })
            })
            .collect();
        let mut verdicts: HashMap<(usize, usize), Option<Verdict>> = HashMap::new();
        for (pa, pb) in cross_positions(ctx, &items) {
            let (a, b) = (items[pa], items[pb]);
            let (Some(ma), Some(mb), Some(ca), Some(cb)) = (get(a), get(b), class[pa], class[pb])
            else {
                continue;
            };
            let Some(v) = verdicts
                .entry((ca, cb))
                .or_insert_with(|| Verdict::of(ma, mb))
            else {
                continue;
            };
            let why = &v.why;
            let (da, db) = (ctx.info[a].as_of, ctx.info[b].as_of);
            let update = match (opts.evolving_after_days, da, db) {
                (Some(days), Some(da), Some(db)) => {
                    let gap = (db - da).num_days();
                    (gap >= days && v.a_to_b_grew) || (-gap >= days && v.b_to_a_grew)
                }
                _ => false,
            };
            let line = format!("{} vs {}: {why}", ctx.describe(a), ctx.describe(b));
            if update {
                updates.push(((a, b), line));
            } else {
                conflicts.push(((a, b), line));
            }
        }
        for (status, all) in [(Status::Conflict, conflicts), (Status::Update, updates)] {
            for list in components(&all) {
                let mut lines: Vec<String> = list.iter().take(6).map(|(_, l)| l.clone()).collect();
                if list.len() > 6 {
                    lines.push(format!("and {} more pair(s)", list.len() - 6));
                }
                findings.push(DraftFinding {
                    status,
                    claims: list.iter().flat_map(|((a, b), _)| [*a, *b]).collect(),
                    pairs: list.iter().map(|(p, _)| *p).collect(),
                    values: lines.join("; "),
                });
            }
        }
        let key = format!("{}/{}", rule.id, org);
        let mut vars = BTreeMap::new();
        vars.insert("organization", org.to_string());
        vars.insert("group", org.to_string());
        out.push(Draft {
            key: key.clone(),
            base_key: key,
            vars,
            claims: items,
            findings,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::align::Alignment;
    use crate::rules::eval::testutil::{claim, docs};
    use crate::rules::{Kind, Options, Selector};

    fn m(members: &[&str], stated: Option<u32>, complete: bool) -> Membership {
        Membership {
            organization: "CSTO".into(),
            members: members.iter().map(|s| s.to_string()).collect(),
            stated_count: stated,
            complete,
        }
    }

    fn status(lists: &[(&str, Membership)], days: Option<i64>) -> Vec<Status> {
        let spec: Vec<(String, &str, Vec<String>)> = lists
            .iter()
            .enumerate()
            .map(|(n, (date, _))| (format!("s{n}"), *date, vec![format!("List {n}.")]))
            .collect();
        let refs: Vec<Vec<&str>> = spec
            .iter()
            .map(|s| s.2.iter().map(String::as_str).collect())
            .collect();
        let spec2: Vec<(&str, &str, &[&str])> = spec
            .iter()
            .zip(&refs)
            .map(|(s, r)| (s.0.as_str(), s.1, r.as_slice()))
            .collect();
        let d = docs(&spec2);
        let claims: Vec<_> = lists
            .iter()
            .enumerate()
            .map(|(n, (_, ms))| {
                claim(
                    &d,
                    n,
                    0,
                    "List",
                    ClaimData::Membership {
                        membership: ms.clone(),
                    },
                )
            })
            .collect();
        let ctx = Context::new(&d, &Alignment::default(), &claims);
        let opts = MembershipOptions {
            check_stated_count: true,
            evolving_after_days: days,
        };
        let rule = Rule {
            id: "m".into(),
            kind: Kind::Membership,
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
            options: Options::Membership(opts.clone()),
        };
        let sel: Vec<Selected> = (0..claims.len())
            .map(|i| Selected {
                claim: i,
                keyword: None,
            })
            .collect();
        let drafts = evaluate(&ctx, &rule, &opts, &sel);
        drafts[0].findings.iter().map(|f| f.status).collect()
    }

    const SIX: &[&str] = &[
        "Russia",
        "Belarus",
        "Armenia",
        "Kazakhstan",
        "Kyrgyzstan",
        "Tajikistan",
    ];

    #[test]
    fn partial_subset_agrees_and_extra_member_conflicts() {
        let partial = m(&["Kazakhstan", "Belarus", "Armenia"], None, false);
        assert_eq!(
            status(
                &[("2022-01-06", m(SIX, None, true)), ("2022-01-07", partial)],
                Some(30)
            ),
            vec![]
        );
        let seven: Vec<&str> = SIX.iter().copied().chain(["Uzbekistan"]).collect();
        assert_eq!(
            status(
                &[
                    ("2022-01-06", m(SIX, None, true)),
                    ("2022-01-16", m(&seven, None, true))
                ],
                Some(30)
            ),
            vec![Status::Conflict]
        );
        let bad_partial = m(&["Kazakhstan", "Uzbekistan"], None, false);
        assert_eq!(
            status(
                &[
                    ("2022-01-06", m(SIX, None, true)),
                    ("2022-01-06", bad_partial)
                ],
                Some(30)
            ),
            vec![Status::Conflict]
        );
    }

    #[test]
    fn stated_size_against_names_is_inconsistent() {
        let seven = &[
            "China",
            "Russia",
            "Kazakhstan",
            "Kyrgyzstan",
            "Tajikistan",
            "India",
            "Pakistan",
        ];
        assert_eq!(
            status(&[("2022-01-13", m(seven, Some(8), true))], Some(30)),
            vec![Status::Inconsistent]
        );
        assert_eq!(
            status(&[("2022-01-13", m(seven, Some(8), false))], Some(30)),
            vec![]
        );
        assert_eq!(
            status(&[("2022-01-13", m(seven, Some(6), false))], Some(30)),
            vec![Status::Inconsistent]
        );
    }

    #[test]
    fn a_list_already_inconsistent_is_not_also_a_conflict() {
        let seven = &[
            "China",
            "Russia",
            "Kazakhstan",
            "Kyrgyzstan",
            "Tajikistan",
            "India",
            "Pakistan",
        ];
        let eight = &[
            "China",
            "Russia",
            "Kazakhstan",
            "Kyrgyzstan",
            "Tajikistan",
            "Uzbekistan",
            "India",
            "Pakistan",
        ];
        assert_eq!(
            status(
                &[
                    ("2022-01-13", m(seven, Some(8), true)),
                    ("2022-01-07", m(eight, Some(8), true))
                ],
                Some(30)
            ),
            vec![Status::Inconsistent]
        );
    }

    #[test]
    fn stated_sizes_compare_across_reports() {
        assert_eq!(
            status(
                &[
                    ("2022-01-05", m(&[], Some(6), false)),
                    ("2022-01-06", m(SIX, None, true))
                ],
                Some(30)
            ),
            vec![]
        );
        assert_eq!(
            status(
                &[
                    ("2022-01-05", m(&[], Some(7), false)),
                    ("2022-01-06", m(SIX, None, true))
                ],
                Some(30)
            ),
            vec![Status::Conflict]
        );
    }

    #[test]
    fn growth_long_after_is_an_update() {
        let seven: Vec<&str> = SIX.iter().copied().chain(["Serbia"]).collect();
        assert_eq!(
            status(
                &[
                    ("2022-01-06", m(SIX, None, true)),
                    ("2023-06-01", m(&seven, None, true))
                ],
                Some(30)
            ),
            vec![Status::Update]
        );
        assert_eq!(
            status(
                &[
                    ("2022-01-06", m(SIX, None, true)),
                    ("2023-06-01", m(&seven, None, true))
                ],
                None
            ),
            vec![Status::Conflict]
        );
    }
}
