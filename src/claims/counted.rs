//! Counted noun and event role of the quantities of one sentence.
//!
//! Input: a sentence and the [`QuantityMatch`]es found in it (spans relative to the sentence).
//! Output: the same matches with `counted` (the noun phrase as written, "law enforcement
//! officers"), `counted_class` (its class from `rules/vocab/roles.toml`, "security_forces") and
//! `role` ("killed", "detained"...) filled where light, sentence-local patterns allow:
//!
//! - number before noun, then a role word: "18 police officers were killed", "225 dead";
//! - a role verb before the number: "killing at least 14 people", "deployed 2,030 troops";
//! - a role noun as the counted noun: "164 deaths";
//! - a total before the number: "the death toll rose to 225", "the number of security personnel
//!   killed rose to 18", "among the dead were 19 police officers";
//! - a sub-count inherits the role of the count before it: "225 people were killed, of whom 19
//!   were police", "2,030 troops and 250 pieces of hardware".
//!
//! Only bare counts (no unit) are annotated. Nothing crosses a comma except the sub-count rule.

use std::sync::OnceLock;

use serde::Deserialize;

use super::quantity::QuantityMatch;
use super::{match_phrase, phrase_words, words, FirstWords, PhraseIndex, Word, WordSet};

#[derive(Debug, Deserialize)]
struct RoleDef {
    id: String,
    #[serde(default)]
    after: Vec<String>,
    #[serde(default)]
    before: Vec<String>,
    #[serde(default)]
    nouns: Vec<String>,
    #[serde(default)]
    totals: Vec<String>,
    total_class: Option<String>,
    #[serde(default)]
    classes: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct ClassDef {
    id: String,
    terms: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RolesFile {
    role: Vec<RoleDef>,
    class: Vec<ClassDef>,
}

/// One role with its phrases split into words.
#[derive(Debug)]
struct Role {
    id: String,
    after: Vec<Vec<String>>,
    before: Vec<Vec<String>>,
    nouns: Vec<Vec<String>>,
    totals: Vec<Vec<String>>,
    total_class: Option<String>,
    classes: Vec<String>,
    nouns_first: FirstWords,
}

impl Role {
    /// Whether one of the `after` phrases starts at word `k`.
    fn after_at(&self, ws: &[Word<'_>], k: usize) -> bool {
        self.after.iter().any(|p| match_phrase(ws, k, p).is_some())
    }

    fn allows(&self, class: Option<&str>) -> bool {
        self.classes.is_empty() || class.is_some_and(|c| self.classes.iter().any(|x| x == c))
    }
}

/// The parsed `roles.toml`.
#[derive(Debug)]
pub struct Vocab {
    roles: Vec<Role>,
    /// (term words, class id), longest terms first.
    classes: Vec<(Vec<String>, String)>,
    /// `classes` by first word.
    class_index: PhraseIndex,
    /// The first words of every role's `nouns`: one look-up rules out all roles at a word.
    nouns_first: FirstWords,
    /// By lower-cased first word, the roles (indices, in order) with an `after` phrase
    /// starting with it, and those with a `totals` phrase starting with it; by lower-cased last
    /// word, the `before` phrases ending with it (role and phrase indices, in order). A phrase
    /// matches ([`match_phrase`]) only where its first (last) word is the word's lower case,
    /// so one look-up gives all the phrases that can.
    after_by_first: WordIndex<usize>,
    totals_by_first: WordIndex<usize>,
    before_by_last: WordIndex<(usize, usize)>,
}

/// Lists by lower-cased word (see [`Vocab::after_by_first`]).
type WordIndex<T> = super::units::HashMap<String, Vec<T>>;

/// The list of word `w` in `index` (empty when it has none).
fn at_word<'i, T>(index: &'i WordIndex<T>, w: &Word<'_>) -> &'i [T] {
    index.get(w.lower()).map_or(&[], Vec::as_slice)
}

/// Add `item` to the list of `key`, once.
fn index_once<T: PartialEq>(index: &mut WordIndex<T>, key: Option<&String>, item: T) {
    if let Some(k) = key {
        let list = index.entry(k.clone()).or_default();
        if !list.contains(&item) {
            list.push(item);
        }
    }
}

fn split_all(v: &[String]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = v.iter().map(|p| phrase_words(p)).collect();
    out.retain(|p| !p.is_empty());
    // Longest first so that "death toll" wins over "toll".
    out.sort_by_key(|p| std::cmp::Reverse(p.len()));
    out
}

impl Vocab {
    /// Parse a roles file (the format of `rules/vocab/roles.toml`).
    pub fn parse(src: &str) -> Result<Self, toml::de::Error> {
        let f: RolesFile = toml::from_str(src)?;
        let roles = f
            .role
            .into_iter()
            .map(|r| {
                let after = split_all(&r.after);
                let nouns = split_all(&r.nouns);
                let totals = split_all(&r.totals);
                Role {
                    id: r.id,
                    nouns_first: FirstWords::of(&nouns),
                    after,
                    before: split_all(&r.before),
                    nouns,
                    totals,
                    total_class: r.total_class,
                    classes: r.classes,
                }
            })
            .collect::<Vec<Role>>();
        let mut classes: Vec<(Vec<String>, String)> = f
            .class
            .into_iter()
            .flat_map(|c| {
                let id = c.id;
                c.terms
                    .into_iter()
                    .map(move |t| (phrase_words(&t), id.clone()))
            })
            .filter(|(t, _)| !t.is_empty())
            .collect();
        classes.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
        let mut after_by_first = WordIndex::default();
        let mut totals_by_first = WordIndex::default();
        let mut before_by_last = WordIndex::default();
        for (ri, r) in roles.iter().enumerate() {
            for p in &r.after {
                index_once(&mut after_by_first, p.first(), ri);
            }
            for p in &r.totals {
                index_once(&mut totals_by_first, p.first(), ri);
            }
            for (pi, p) in r.before.iter().enumerate() {
                index_once(&mut before_by_last, p.last(), (ri, pi));
            }
        }
        Ok(Self {
            class_index: PhraseIndex::of(classes.iter().map(|(t, _)| t)),
            nouns_first: FirstWords::of(roles.iter().flat_map(|r| &r.nouns)),
            after_by_first,
            totals_by_first,
            before_by_last,
            roles,
            classes,
        })
    }

    /// The built-in vocabulary.
    pub fn builtin() -> &'static Vocab {
        static V: OnceLock<Vocab> = OnceLock::new();
        V.get_or_init(
            || match Vocab::parse(crate::vocab::require("vocab/roles.toml")) {
                Ok(v) => v,
                Err(e) => panic!("embedded rules/vocab/roles.toml is invalid: {e}"),
            },
        )
    }

    /// Class of a term starting at word `i`, and the index after it.
    fn class_at(&self, ws: &[Word<'_>], i: usize) -> Option<(&str, usize)> {
        self.class_index.candidates(ws, i).iter().find_map(|&n| {
            let (t, c) = self.classes.get(n)?;
            match_phrase(ws, i, t).map(|e| (c.as_str(), e))
        })
    }

    /// Class of a noun phrase: the first class term found, left to right.
    fn class_of(&self, ws: &[Word<'_>]) -> Option<&str> {
        (0..ws.len()).find_map(|i| self.class_at(ws, i).map(|(c, _)| c))
    }

    fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }
}

/// Function words that end a counted noun phrase.
const NP_STOP: &[&str] = &[
    "were",
    "was",
    "are",
    "is",
    "had",
    "have",
    "has",
    "been",
    "be",
    "being",
    "will",
    "would",
    "could",
    "may",
    "might",
    "must",
    "should",
    "can",
    "who",
    "which",
    "that",
    "whom",
    "whose",
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "with",
    "for",
    "during",
    "across",
    "since",
    "after",
    "before",
    "into",
    "over",
    "under",
    "as",
    "than",
    "per",
    "a",
    "an",
    "the",
    "also",
    "now",
    "later",
    "still",
    "reportedly",
    "all",
    "each",
    "including",
    "among",
    "while",
    "when",
    "where",
    "because",
    "but",
    "so",
    "then",
    "this",
    "these",
    "those",
    "most",
    "many",
    "some",
    "there",
    "not",
    "no",
    "it",
    "they",
    "he",
    "she",
    "we",
    "against",
    "within",
    "without",
    "between",
    "through",
    "until",
    "about",
    "around",
    "near",
];

/// Words skipped between the counted noun and a role word ("were reportedly killed").
const AUX: &[&str] = &[
    "remain",
    "remained",
    "remains",
    "listed",
    "registered",
    "were",
    "was",
    "are",
    "is",
    "had",
    "have",
    "has",
    "been",
    "be",
    "being",
    "reportedly",
    "also",
    "now",
    "later",
    "all",
    "already",
    "officially",
    "believed",
    "known",
    "thought",
    "feared",
    "said",
    "reported",
    "confirmed",
    "to",
    "so",
    "far",
    "since",
    "then",
    "subsequently",
    "either",
    "both",
    "either",
    "allegedly",
    "presumed",
    "likely",
    "still",
    "in",
    "total",
    "not",
];

/// Words skipped between a role verb and the number ("killing at least 14").
const QUALIFIERS: &[&str] = &[
    "at",
    "least",
    "more",
    "than",
    "over",
    "about",
    "nearly",
    "almost",
    "some",
    "around",
    "roughly",
    "up",
    "to",
    "another",
    "a",
    "an",
    "the",
    "total",
    "of",
    "estimated",
    "approximately",
    "just",
    "under",
    "fewer",
    "less",
    "only",
    "most",
    "as",
    "many",
    "much",
    "an",
    "further",
    "additional",
    "extra",
    "its",
    "their",
    "his",
    "her",
];

/// Heads after which "of" continues the phrase ("members of the police").
const PARTITIVE: &[&str] = &[
    "members",
    "member",
    "pieces",
    "piece",
    "units",
    "unit",
    "groups",
    "group",
    "dozens",
    "hundreds",
    "thousands",
    "millions",
    "number",
    "teams",
    "team",
    "companies",
    "battalions",
    "battalion",
    "brigades",
    "contingents",
];

/// Words that, right before the number, make it a part of the previous count.
const SUBCOUNT: &[&[&str]] = &[
    &["of", "whom"],
    &["of", "them"],
    &["of", "which"],
    &["among", "them"],
    &["among", "whom"],
    &["including"],
    &["includes"],
    &["included"],
    &["and"],
];

/// The word lists above as sets, built once.
struct Lists {
    np_stop: WordSet,
    aux: WordSet,
    qualifiers: WordSet,
    partitive: WordSet,
}

fn lists() -> &'static Lists {
    static L: OnceLock<Lists> = OnceLock::new();
    L.get_or_init(|| {
        let set = |l: &[&str]| l.iter().map(|w| w.to_string()).collect::<WordSet>();
        Lists {
            np_stop: set(NP_STOP),
            aux: set(AUX),
            qualifiers: set(QUALIFIERS),
            partitive: set(PARTITIVE),
        }
    })
}

fn is(w: &Word<'_>, list: &[&str]) -> bool {
    let l = w.lower();
    list.contains(&l)
}

/// Fill `counted`, `counted_class` and `role` of bare counts in `matches`, from `sentence`.
pub fn annotate(sentence: &str, matches: &mut [QuantityMatch]) {
    annotate_with(Vocab::builtin(), sentence, matches);
}

/// [`annotate`] with an explicit vocabulary.
pub fn annotate_with(vocab: &Vocab, sentence: &str, matches: &mut [QuantityMatch]) {
    annotate_in(vocab, sentence, &words(sentence), matches);
}

/// [`annotate_with`] on the sentence already split into words (`ws` = `words(sentence)`).
pub(crate) fn annotate_in(
    vocab: &Vocab,
    sentence: &str,
    ws: &[Word<'_>],
    matches: &mut [QuantityMatch],
) {
    // Only bare counts are annotated; the others matter only as the count before one.
    let bare = |m: &QuantityMatch| m.quantity.unit.is_none() && m.quantity.dimension == "count";
    if !matches.iter().any(bare) {
        return;
    }
    // Role of each match so far, for sub-counts.
    let mut prev: Vec<Prev> = Vec::with_capacity(matches.len());
    // In span order (stable); the matches usually come sorted already.
    let order: Vec<usize> = if matches.windows(2).all(|w| w[0].span <= w[1].span) {
        Vec::new()
    } else {
        let mut order: Vec<usize> = (0..matches.len()).collect();
        order.sort_by_key(|&i| matches[i].span);
        order
    };
    let n = matches.len();
    for k in 0..n {
        let i = order.get(k).copied().unwrap_or(k);
        let span = matches[i].span;
        let q = &matches[i].quantity;
        if q.unit.is_some() || q.dimension != "count" {
            prev.push((span, None, None));
            continue;
        }
        let a = annotate_one(vocab, sentence, ws, span, &prev);
        let q = &mut matches[i].quantity;
        if q.counted.is_none() {
            q.counted = a.counted;
        }
        if q.counted_class.is_none() {
            q.counted_class = a.class;
        }
        if q.role.is_none() {
            q.role = a.role;
        }
        prev.push((span, q.role.clone(), q.counted_class.clone()));
    }
}

/// An earlier count of the sentence: span, role, class.
type Prev = ((usize, usize), Option<String>, Option<String>);

/// A total found before a number: word position, role, counted words.
type Total<'v> = (usize, &'v Role, Option<(usize, usize)>);

#[derive(Debug, Default)]
struct Annotation {
    counted: Option<String>,
    class: Option<String>,
    role: Option<String>,
}

fn annotate_one(
    vocab: &Vocab,
    sentence: &str,
    ws: &[Word<'_>],
    span: (usize, usize),
    prev: &[Prev],
) -> Annotation {
    let mut out = Annotation::default();

    // --- the counted noun phrase after the number
    let first_after = ws.iter().position(|w| w.start >= span.1);
    let gap_ok = |j: usize| {
        let between = sentence.get(span.1..ws[j].start).unwrap_or("");
        // A number glued to a word ("1,000-mile") or followed by punctuation has no noun.
        !between.is_empty() && between.chars().all(char::is_whitespace)
    };
    let mut np: (usize, usize) = (0, 0); // word range
    let mut after_pronoun: Option<usize> = None;
    let mut j = first_after.unwrap_or(ws.len());
    if j < ws.len() && gap_ok(j) {
        // the number's own word must not carry trailing punctuation ("225, of whom")
        let own_punct = ws
            .iter()
            .rev()
            .find(|w| w.start < span.1)
            .is_some_and(|w| w.end <= span.1 && w.ends_phrase());
        if !own_punct {
            if ws[j].lower() == "of"
                && j + 1 < ws.len()
                && is(
                    &ws[j + 1],
                    &["them", "whom", "which", "us", "those", "these"],
                )
            {
                // "9 of them": the noun is the antecedent's, not written here
                after_pronoun = Some(j + 2);
                j = ws.len();
            } else if ws[j].lower() == "of" && j + 1 < ws.len() {
                j += 1;
                if is(&ws[j], &["the", "these", "those", "its", "their"]) && j + 1 < ws.len() {
                    j += 1;
                }
            }
            np = noun_phrase(vocab, ws, j);
        }
    }
    let np_words = &ws[np.0..np.1];
    if !np_words.is_empty() {
        let (s, e) = (np_words[0].start, np_words[np_words.len() - 1].end);
        out.counted = sentence.get(s..e).map(str::to_string);
        out.class = vocab.class_of(np_words).map(str::to_string);
    }
    // "12 of them": the class of the count the pronoun refers to
    if after_pronoun.is_some() && out.class.is_none() {
        out.class = prev
            .iter()
            .rev()
            .find(|(s, _, _)| s.1 <= span.0)
            .and_then(|(_, _, c)| c.clone());
    }
    let class = out.class.clone();

    // "of whom 19 were police": the noun comes after were/are.
    if np_words.is_empty()
        && j < ws.len()
        && j == first_after.unwrap_or(usize::MAX)
        && is(&ws[j], &["were", "are", "was"])
        && j + 1 < ws.len()
        && !ws[j].ends_phrase()
    {
        {
            let np2 = noun_phrase(vocab, ws, j + 1);
            let w2 = &ws[np2.0..np2.1];
            if let Some(c) = vocab.class_of(w2) {
                let (s, e) = (w2[0].start, w2[w2.len() - 1].end);
                out.counted = sentence.get(s..e).map(str::to_string);
                out.class = Some(c.to_string());
            }
        }
    }

    // --- 1. a role word after the noun phrase ("were killed", "dead")
    let after_start = if np.1 > np.0 {
        Some(np.1)
    } else if after_pronoun.is_some() {
        after_pronoun.filter(|&j| j < ws.len() && !ws[j - 1].ends_phrase())
    } else {
        first_after.filter(|&j| gap_ok(j))
    };
    let blocked = np.1 > np.0 && ws[np.1 - 1].ends_phrase();
    if let (Some(mut k), false) = (after_start, blocked) {
        let mut steps = 0;
        while k < ws.len()
            && steps < 6
            && lists().aux.contains(ws[k].lower())
            && !ws[k].ends_phrase()
        {
            k += 1;
            steps += 1;
        }
        if k < ws.len() {
            for r in at_word(&vocab.after_by_first, &ws[k])
                .iter()
                .filter_map(|&ri| vocab.roles.get(ri))
            {
                if r.after_at(ws, k) && r.allows(out.class.as_deref()) {
                    out.role = Some(r.id.clone());
                    return out;
                }
            }
        }
    }

    // --- 2. the counted noun itself names the role ("164 deaths")
    let noun_roles = (np.0..np.1).any(|i| vocab.nouns_first.may_start(ws, i));
    for r in vocab.roles.iter().filter(|_| noun_roles) {
        if (np.0..np.1).any(|i| {
            r.nouns_first.may_start(ws, i)
                && r.nouns.iter().any(|p| match_phrase(ws, i, p).is_some())
        }) {
            out.role = Some(r.id.clone());
            if out.class.is_none() {
                out.class = r.total_class.clone();
            }
            return out;
        }
    }

    // --- the words before the number, back to the start of the clause
    let Some(last_before) = ws.iter().rposition(|w| w.end <= span.0) else {
        return out;
    };
    let mut clause_start = last_before + 1;
    while clause_start > 0 && !ws[clause_start - 1].ends_phrase() {
        clause_start -= 1;
    }
    // the number's word itself may have begun mid-chunk ("(225"): fine, the window is words.

    // --- 3. a role verb just before the number ("killing at least 14")
    let mut verb: Option<(usize, &Role)> = None;
    let mut k = last_before + 1;
    let mut skipped = 0;
    'verb: while k > clause_start && skipped < 4 {
        let w = &ws[k - 1];
        for &(ri, pi) in at_word(&vocab.before_by_last, w) {
            let Some((r, p)) = vocab
                .roles
                .get(ri)
                .and_then(|r| r.before.get(pi).map(|p| (r, p)))
            else {
                continue;
            };
            if k >= p.len() + clause_start
                && match_phrase(ws, k - p.len(), p).is_some()
                && r.allows(class.as_deref())
            {
                verb = Some((k - p.len(), r));
                break 'verb;
            }
        }
        if lists().qualifiers.contains(w.lower()) {
            k -= 1;
            skipped += 1;
        } else {
            break;
        }
    }

    // --- 4. a total before the number ("the death toll rose to", "the number of X killed");
    // the nearer of a total and a role verb wins, a total on a tie.
    let window = clause_start.max((last_before + 1).saturating_sub(16))..=last_before;
    // (position, role, counted words range)
    let mut best: Option<Total<'_>> = None;
    for i in window {
        // "number of <noun> <role word>"
        if number_of_at(ws, i) {
            'number: for m in (i + 2)..=last_before {
                for r in at_word(&vocab.after_by_first, &ws[m])
                    .iter()
                    .filter_map(|&ri| vocab.roles.get(ri))
                {
                    if r.after_at(ws, m) {
                        let counted = (m > i + 2).then_some((i + 2, m));
                        if best.as_ref().is_none_or(|b| m >= b.0) {
                            best = Some((m, r, counted));
                        }
                        break 'number;
                    }
                }
            }
        }
        for r in at_word(&vocab.totals_by_first, &ws[i])
            .iter()
            .filter_map(|&ri| vocab.roles.get(ri))
        {
            if r.totals.iter().any(|p| match_phrase(ws, i, p).is_some())
                && best.as_ref().is_none_or(|b| i > b.0)
            {
                best = Some((i, r, None));
            }
        }
    }
    if let (Some((vp, _)), Some((tp, _, _))) = (&verb, &best) {
        if vp > tp {
            best = None;
        }
    }
    if let Some((_, r, counted)) = best {
        if let (Some((s, e)), None) = (counted, &out.counted) {
            let cw = &ws[s..e];
            out.class = vocab
                .class_of(cw)
                .map(str::to_string)
                .or_else(|| r.total_class.clone());
            out.counted = sentence
                .get(cw[0].start..cw[cw.len() - 1].end)
                .map(str::to_string);
        }
        if out.class.is_none() {
            out.class = r.total_class.clone();
        }
        if r.allows(out.class.as_deref()) {
            out.role = Some(r.id.clone());
            return out;
        }
    }
    if let Some((_, r)) = verb {
        out.role = Some(r.id.clone());
        return out;
    }

    // "the number of U.S. Navy destroyers ... will rise from four to six": what is counted,
    // without a role
    if out.counted.is_none() {
        let window = clause_start.max((last_before + 1).saturating_sub(16))..=last_before;
        if let Some(i) = window.rev().find(|&i| number_of_at(ws, i)) {
            let mut j = i + 2;
            if j < ws.len() && is(&ws[j], &["the", "its", "their", "his", "her"]) {
                j += 1;
            }
            let (a, b) = noun_phrase(vocab, ws, j);
            if b > a && b <= last_before + 1 {
                let cw = &ws[a..b];
                out.counted = sentence
                    .get(cw[0].start..cw[cw.len() - 1].end)
                    .map(str::to_string);
                out.class = vocab.class_of(cw).map(str::to_string);
            }
        }
    }

    // --- 5. sub-count: inherit the role of the previous count in the sentence
    let cue_end = last_before + 1;
    // (a cue matches only where its last word is the lower-cased word before the number)
    let before = ws[last_before].lower();
    let has_cue = SUBCOUNT.iter().any(|cue| {
        cue.last() == Some(&before)
            && cue_end >= cue.len() + clause_start
            && match_phrase(ws, cue_end - cue.len(), cue).is_some()
    });
    // "9 of them", "of whom 19": no noun of its own; the class is the previous count's
    let pronoun_partitive = first_after.is_some_and(|j| {
        j + 1 < ws.len()
            && ws[j].lower() == "of"
            && is(&ws[j + 1], &["them", "whom", "those", "these"])
    }) || {
        cue_end >= 2 + clause_start
            && is(&ws[cue_end - 1], &["whom", "them"])
            && is(&ws[cue_end - 2], &["of", "among"])
    };
    let antecedent = prev.iter().rev().find(|(s, _, _)| s.1 <= span.0);
    if pronoun_partitive && out.counted.is_none() && out.class.is_none() {
        out.class = antecedent.and_then(|(_, _, c)| c.clone());
    }
    if has_cue || pronoun_partitive {
        if let Some((_, Some(role), _)) = antecedent {
            if vocab
                .role(role)
                .is_some_and(|r| r.allows(out.class.as_deref()))
            {
                out.role = Some(role.clone());
            }
        }
    }
    out
}

/// [`Vocab::class_at`] of the words `base..base + 16` of one word list, each computed once.
struct ClassMemo<'v> {
    base: usize,
    got: [Option<Option<(&'v str, usize)>>; 16],
}

impl<'v> ClassMemo<'v> {
    fn at(&mut self, vocab: &'v Vocab, ws: &[Word<'_>], i: usize) -> Option<(&'v str, usize)> {
        match i.checked_sub(self.base).and_then(|d| self.got.get_mut(d)) {
            Some(slot) => *slot.get_or_insert_with(|| vocab.class_at(ws, i)),
            None => vocab.class_at(ws, i),
        }
    }
}

/// Whether "number of" starts at word `i` (the first word tested before [`match_phrase`]: a
/// word matches a phrase word only when its lower case is that word).
fn number_of_at(ws: &[Word<'_>], i: usize) -> bool {
    ws.get(i).is_some_and(|w| w.lower() == "number")
        && match_phrase(ws, i, &["number", "of"]).is_some()
}

/// The counted noun phrase starting at word `j`: a word range.
fn noun_phrase(vocab: &Vocab, ws: &[Word<'_>], j: usize) -> (usize, usize) {
    // the phrase asks for the class term at the same words several times
    let mut classes = ClassMemo {
        base: j,
        got: [None; 16],
    };
    let mut k = j;
    while k < ws.len() && k - j < 10 {
        let w = &ws[k];
        let l = w.lower();
        if l.is_empty() || w.starts_phrase() && k > j {
            break;
        }
        if w.text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            break;
        }
        if lists().np_stop.contains(l) {
            break;
        }
        // a role word ends the phrase ("225 dead"), unless it is also a class term starting here
        // ("the dead" is handled as a total).
        // (a one-word phrase equal to `l` is a `match_phrase` match too)
        if at_word(&vocab.after_by_first, w)
            .iter()
            .filter_map(|&ri| vocab.roles.get(ri))
            .any(|r| r.after_at(ws, k))
            && classes.at(vocab, ws, k).is_none()
        {
            break;
        }
        if l == "and" || l == "or" {
            // continue only into another counted noun ("police officers and soldiers",
            // "the police and the national guard")
            let mut n = k + 1;
            if n < ws.len() && is(&ws[n], &["the"]) {
                n += 1;
            }
            if k > j && n < ws.len() && classes.at(vocab, ws, n).is_some() {
                k = n;
                continue;
            }
            break;
        }
        if l == "of" {
            let partitive = k > j && lists().partitive.contains(ws[k - 1].lower());
            // "people of Kazakh origin"
            let origin = (k + 1..(k + 3).min(ws.len()))
                .any(|m| is(&ws[m], &["origin", "descent", "ethnicity", "nationality"]));
            if !(partitive || origin) || k + 1 >= ws.len() {
                break;
            }
            k += 1;
            if is(&ws[k], &["the"]) && k + 1 < ws.len() {
                k += 1;
            }
            continue;
        }
        // after a complete counted noun, only another one continues ("people remain missing")
        if k > j
            && l != "of"
            && !w.is_capitalized()
            && classes.at(vocab, ws, k).is_none()
            && (j..k).any(|i| classes.at(vocab, ws, i).is_some_and(|(_, e)| e == k))
        {
            break;
        }
        // after a plural head, only another counted noun continues ("member states gather")
        if k > j
            && classes.at(vocab, ws, k).is_none()
            && !lists().partitive.contains(ws[k - 1].lower())
            && {
                let prev = ws[k - 1].lower();
                prev.ends_with('s') && !prev.ends_with("ss") && prev.len() > 3
            }
        {
            break;
        }
        // a past participle after the head is a verb ("people gathered")
        // ("armed men": an adjective before a counted noun is kept)
        let class_follows = k + 1 < ws.len() && classes.at(vocab, ws, k + 1).is_some();
        if l.ends_with("ed")
            && !w.is_capitalized()
            && classes.at(vocab, ws, k).is_none()
            && !(k == j && class_follows)
        {
            break;
        }
        k += 1;
        if w.ends_phrase() {
            break;
        }
    }
    // do not end on a dangling "of"/"and"/"the"
    while k > j && is(&ws[k - 1], &["of", "and", "or", "the"]) {
        k -= 1;
    }
    // a lone unknown singular word is a verb, not a counted noun ("thousands flee")
    if k == j + 1
        && classes.at(vocab, ws, j).is_none()
        && !ws[j].is_capitalized()
        && !ws[j].lower().ends_with('s')
    {
        k = j;
    }
    (j, k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::claims::Quantity;

    fn q(v: f64) -> Quantity {
        Quantity {
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
        }
    }

    /// Annotate the quantity written `num` (first occurrence) in `s`.
    fn one(s: &str, num: &str) -> (Option<String>, Option<String>, Option<String>) {
        all(s, &[num]).remove(0)
    }

    fn all(s: &str, nums: &[&str]) -> Vec<(Option<String>, Option<String>, Option<String>)> {
        let mut ms: Vec<QuantityMatch> = nums
            .iter()
            .map(|n| {
                let a = s.find(n).expect("number in sentence");
                QuantityMatch {
                    span: (a, a + n.len()),
                    quantity: q(1.0),
                }
            })
            .collect();
        annotate(s, &mut ms);
        ms.into_iter()
            .map(|m| {
                (
                    m.quantity.counted,
                    m.quantity.counted_class,
                    m.quantity.role,
                )
            })
            .collect()
    }

    fn t(
        c: Option<&str>,
        k: Option<&str>,
        r: Option<&str>,
    ) -> (Option<String>, Option<String>, Option<String>) {
        (
            c.map(String::from),
            k.map(String::from),
            r.map(String::from),
        )
    }

    /// Matches given out of span order are annotated in span order (the sub-count inherits
    /// from the count written before it), and counts with a unit are left alone.
    #[test]
    fn order_and_units() {
        let s = "225 people were killed, of whom 19 were police officers.";
        let sorted = all(s, &["225", "19"]);
        let mut reversed = all(s, &["19", "225"]);
        reversed.reverse();
        assert_eq!(sorted, reversed);
        assert_eq!(sorted[1].2.as_deref(), Some("killed"));
        let mut ms = vec![QuantityMatch {
            span: (0, 3),
            quantity: Quantity {
                unit: Some("km".into()),
                dimension: "length".into(),
                ..q(225.0)
            },
        }];
        annotate("225 km were killed.", &mut ms);
        assert_eq!(ms[0].quantity.role, None);
        assert_eq!(ms[0].quantity.counted, None);
    }

    /// The word indexes list, for each word, exactly the roles (and `before` phrases) with a
    /// phrase starting (ending) with it, in vocabulary order.
    #[test]
    fn word_indexes_are_those_of_the_phrases() {
        let v = Vocab::builtin();
        let mut firsts: Vec<&String> = v
            .roles
            .iter()
            .flat_map(|r| r.after.iter().chain(&r.totals).chain(&r.before))
            .flat_map(|p| [p.first(), p.last()])
            .flatten()
            .collect();
        firsts.sort();
        firsts.dedup();
        assert!(firsts.len() > 10);
        for f in firsts {
            let ws = words(f);
            let w = &ws[0];
            let after: Vec<usize> = (0..v.roles.len())
                .filter(|&ri| v.roles[ri].after.iter().any(|p| p.first() == Some(f)))
                .collect();
            let totals: Vec<usize> = (0..v.roles.len())
                .filter(|&ri| v.roles[ri].totals.iter().any(|p| p.first() == Some(f)))
                .collect();
            let before: Vec<(usize, usize)> = (0..v.roles.len())
                .flat_map(|ri| (0..v.roles[ri].before.len()).map(move |pi| (ri, pi)))
                .filter(|&(ri, pi)| v.roles[ri].before[pi].last() == Some(f))
                .collect();
            assert_eq!(at_word(&v.after_by_first, w), &after[..], "{f}");
            assert_eq!(at_word(&v.totals_by_first, w), &totals[..], "{f}");
            assert_eq!(at_word(&v.before_by_last, w), &before[..], "{f}");
        }
        let ws = words("people");
        assert!(at_word(&v.after_by_first, &ws[0]).is_empty());
    }

    #[test]
    fn vocabulary_parses() {
        let v = Vocab::builtin();
        assert!(v.roles.len() >= 8);
        assert!(v.role("killed").is_some());
    }

    #[test]
    fn number_noun_role() {
        assert_eq!(
            one("18 police officers were killed in the clashes.", "18"),
            t(
                Some("police officers"),
                Some("security_forces"),
                Some("killed")
            )
        );
        assert_eq!(
            one("225 people died.", "225"),
            t(Some("people"), Some("people"), Some("killed"))
        );
        assert_eq!(
            one("Officials say that over a dozen law enforcement officers have been killed since the violence began.", "a dozen"),
            t(Some("law enforcement officers"), Some("security_forces"), Some("killed"))
        );
        assert_eq!(
            one("The Interior Ministry said 5,969 people had been detained, including a number of foreign citizens.", "5,969"),
            t(Some("people"), Some("people"), Some("detained"))
        );
        assert_eq!(
            one("According to the ministry, 18 members of the security forces died in the violence.", "18"),
            t(Some("members of the security forces"), Some("security_forces"), Some("killed"))
        );
        assert_eq!(
            one("It added that 317 police officers were injured.", "317"),
            t(
                Some("police officers"),
                Some("security_forces"),
                Some("injured")
            )
        );
        assert_eq!(
            one("Since the unrest began, 12 members of the police and national guard have been killed, state-run broadcaster Khabar-24 reported.", "12"),
            t(Some("members of the police and national guard"), Some("security_forces"), Some("killed"))
        );
        assert_eq!(
            one("Another 353 officers were injured in the violence.", "353"),
            t(Some("officers"), Some("security_forces"), Some("injured"))
        );
        assert_eq!(
            one(
                "The Home Ministry said that more than 7,000 people are now known to have died.",
                "7,000"
            ),
            t(Some("people"), Some("people"), Some("killed"))
        );
        assert_eq!(
            one("The clashes left 225 dead.", "225"),
            t(None, None, Some("killed"))
        );
    }

    #[test]
    fn verb_before_number() {
        assert_eq!(
            one("A bomb exploded, killing at least 14 people.", "14"),
            t(Some("people"), Some("people"), Some("killed"))
        );
        assert_eq!(
            one("Police detained 5,969 people.", "5,969"),
            t(Some("people"), Some("people"), Some("detained"))
        );
        assert_eq!(
            one("The CSTO deployed 2,030 troops.", "2,030"),
            t(Some("troops"), Some("troops"), Some("deployed"))
        );
        assert_eq!(
            one(
                "Rioters attacked the building, injuring 317 officers.",
                "317"
            ),
            t(Some("officers"), Some("security_forces"), Some("injured"))
        );
        assert_eq!(
            one(
                "The authorities say they have detained almost 10,000 people across the country.",
                "10,000"
            ),
            t(Some("people"), Some("people"), Some("detained"))
        );
        assert_eq!(
            one(
                "As protesters killed over a dozen law enforcement officers, Tokayev spoke.",
                "a dozen"
            ),
            t(
                Some("law enforcement officers"),
                Some("security_forces"),
                Some("killed")
            )
        );
        assert_eq!(
            one("The Collective Security Treaty Organization now has more than 2,000 troops in the country.", "2,000"),
            t(Some("troops"), Some("troops"), Some("deployed"))
        );
        assert_eq!(
            one(
                "Russia alone contributed 3,000 troops to the mission.",
                "3,000"
            ),
            t(Some("troops"), Some("troops"), Some("deployed"))
        );
        assert_eq!(
            one(
                "The avalanche at Everest base camp killed 18 people, the Tourism Ministry said.",
                "18"
            ),
            t(Some("people"), Some("people"), Some("killed"))
        );
    }

    #[test]
    fn totals_before_number() {
        assert_eq!(
            one("The death toll rose to 225 on Saturday.", "225"),
            t(None, Some("people"), Some("killed"))
        );
        assert_eq!(
            one("The number of dead reached 164.", "164"),
            t(None, Some("people"), Some("killed"))
        );
        assert_eq!(
            one(
                "The Interior Ministry later raised the number of security personnel killed to 18.",
                "18"
            ),
            t(
                Some("security personnel"),
                Some("security_forces"),
                Some("killed")
            )
        );
        assert_eq!(
            one(
                "Among the dead were 19 police officers and soldiers, the prosecutors said.",
                "19"
            ),
            t(
                Some("police officers and soldiers"),
                Some("security_forces"),
                Some("killed")
            )
        );
        assert_eq!(
            one(
                "More than a hundred of the deaths were recorded in Almaty.",
                "a hundred"
            ),
            t(Some("deaths"), Some("people"), Some("killed"))
        );
    }

    #[test]
    fn phrase_ends_at_verbs() {
        assert_eq!(
            one(
                "Some 47 people remain missing, according to state media.",
                "Some 47"
            ),
            t(Some("people"), Some("people"), Some("missing"))
        );
        assert_eq!(
            one("Typhoon batters coast as thousands flee", "thousands"),
            t(None, None, None)
        );
        assert_eq!(
            one("Some 300 police were deployed.", "300"),
            t(Some("police"), Some("security_forces"), Some("deployed"))
        );
    }

    #[test]
    fn long_totals_and_pronoun_partitives() {
        assert_eq!(
            one("The death toll from Sunday's fire at the Harlow textile plant in Dunmore rose to 14 on Monday.", "14"),
            t(None, Some("people"), Some("killed"))
        );
        assert_eq!(
            all("About 40 people were injured, most of them by smoke, and 9 of them remain in hospital.", &["About 40", "9"]),
            vec![
                t(Some("people"), Some("people"), Some("injured")),
                t(None, Some("people"), Some("injured")),
            ]
        );
    }

    #[test]
    fn pronoun_partitive_takes_the_antecedent_class() {
        assert_eq!(
            all(
                "Police detained 40 protesters; 12 of them were later released.",
                &["40", "12"]
            ),
            vec![
                t(Some("protesters"), Some("people"), Some("detained")),
                t(None, Some("people"), Some("released")),
            ]
        );
        assert_eq!(
            all(
                "Some 30 soldiers were wounded, 5 of them seriously.",
                &["Some 30", "5"]
            ),
            vec![
                t(Some("soldiers"), Some("troops"), Some("injured")),
                t(None, Some("troops"), Some("injured")),
            ]
        );
    }

    #[test]
    fn more_roles() {
        assert_eq!(
            one("Hamas released two hostages last Monday.", "two"),
            t(Some("hostages"), Some("people"), Some("released"))
        );
        assert_eq!(
            one("Gunmen kidnapped 30 villagers.", "30"),
            t(Some("villagers"), Some("people"), Some("abducted"))
        );
        assert_eq!(
            one(
                "More than 1.4 million people have been displaced, the UN said.",
                "More than 1.4 million"
            ),
            t(Some("people"), Some("people"), Some("displaced"))
        );
    }

    #[test]
    fn number_of_without_role() {
        assert_eq!(
            all("The number of U.S. Navy destroyers based at Rota in Spain will rise from four to six.", &["four", "six"]),
            vec![
                t(Some("U.S. Navy destroyers"), Some("equipment"), None),
                t(Some("U.S. Navy destroyers"), Some("equipment"), None),
            ]
        );
        assert_eq!(
            one(
                "NATO would raise the number of its forces at high readiness to more than 300,000.",
                "more than 300,000"
            ),
            t(Some("forces"), Some("troops"), None)
        );
    }

    #[test]
    fn sub_counts_inherit() {
        assert_eq!(
            all(
                "A total of 225 people were killed, of whom 19 were police.",
                &["225", "19"]
            ),
            vec![
                t(Some("people"), Some("people"), Some("killed")),
                t(Some("police"), Some("security_forces"), Some("killed")),
            ]
        );
        assert_eq!(
            all("Mr. Tokayev said that the force comprised 2,030 troops and 250 pieces of military hardware.", &["2,030", "250"]),
            vec![
                t(Some("troops"), Some("troops"), Some("deployed")),
                t(Some("pieces of military hardware"), Some("equipment"), Some("deployed")),
            ]
        );
    }

    #[test]
    fn nouns_without_roles() {
        assert_eq!(
            one("China is home to more than 2 million people of Kazakh origin, most of them in Xinjiang.", "2 million"),
            t(Some("people of Kazakh origin"), Some("people"), None)
        );
        assert_eq!(
            one("China has a population of more than 2 million Kazakh-origin people, mainly in Xinjiang.", "2 million"),
            t(Some("Kazakh-origin people"), Some("people"), None)
        );
        assert_eq!(
            one(
                "Almaty is a city of roughly 1.8 million, where police fired tear gas.",
                "1.8 million"
            ),
            t(None, None, None)
        );
        assert_eq!(
            one(
                "By Tuesday night, thousands of people had gathered in Almaty.",
                "thousands"
            ),
            t(Some("people"), Some("people"), None)
        );
        assert_eq!(
            one(
                "Hundreds of thousands of homes have been destroyed or damaged.",
                "Hundreds of thousands"
            ),
            t(Some("homes"), Some("buildings"), Some("destroyed"))
        );
    }

    #[test]
    fn units_are_not_counted() {
        let s = "China shares a 1,782 km border with Kazakhstan.";
        let a = s.find("1,782").unwrap();
        let mut ms = vec![QuantityMatch {
            span: (a, a + 8),
            quantity: Quantity {
                unit: Some("km".into()),
                dimension: "length".into(),
                ..q(1782.0)
            },
        }];
        annotate(s, &mut ms);
        assert_eq!(ms[0].quantity.counted, None);
        assert_eq!(ms[0].quantity.role, None);
    }
}
