//! Alignment: groups the sentences of all sources that say the same thing.
//!
//! Input: a slice of [`Document`]s and an [`AlignConfig`]. Output: [`Alignment`], a list of
//! [`Group`]s, each holding at most one sentence per source, with a similarity score; a sentence
//! without counterpart is a group of one. Sentences are reduced to normalised content words
//! (lowercase, no punctuation, no stopwords, light stemming; the stopword list is data in
//! `rules/vocab/stopwords.toml`), and every number ("1,782", "2.5", "twelve", "dozens") becomes
//! one class token, so that "12 officers were killed" and "18 officers were killed" align.
//! Similarity mixes a token-set Dice coefficient with a character-level measure (strsim).
//! Candidates come from an inverted index of rare content words, so cost does not grow with the
//! square of all sentences; groups are formed greedily by descending link score, one sentence per
//! source, and the result does not depend on the number of threads.

use std::collections::HashMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;

use crate::claims::units::HashMap as FxHashMap;
use crate::segment::Document;

/// A sentence, by position: `docs[source].sentences[sentence]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SentenceRef {
    pub source: usize,
    pub sentence: usize,
}

/// Sentences from different sources that say the same thing (or one sentence alone).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// Mean pairwise similarity of the members (1.0 for a single sentence).
    pub score: f64,
    /// Sorted by source index; at most one per source.
    pub members: Vec<SentenceRef>,
}

/// All groups of an event, sorted by the position of their first member.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Alignment {
    pub groups: Vec<Group>,
}

impl Alignment {
    /// The group index of every sentence: `group_of[source][sentence]`.
    pub fn group_index(&self, docs: &[Document]) -> Vec<Vec<Option<usize>>> {
        let mut out: Vec<Vec<Option<usize>>> =
            docs.iter().map(|d| vec![None; d.sentences.len()]).collect();
        for (g, group) in self.groups.iter().enumerate() {
            for m in &group.members {
                if let Some(slot) = out.get_mut(m.source).and_then(|s| s.get_mut(m.sentence)) {
                    *slot = Some(g);
                }
            }
        }
        out
    }
}

/// The character-level measure mixed with the token-set measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CharMeasure {
    /// Sørensen–Dice over character bigrams (same values as `strsim::sorensen_dice` on ASCII
    /// text), computed from bigrams prepared once per sentence: linear time, no allocation.
    #[default]
    BigramDice,
    /// `strsim::sorensen_dice` itself (re-collects the bigrams of both strings on every call).
    StrsimBigramDice,
    /// `strsim::normalized_levenshtein`: quadratic in sentence length.
    Levenshtein,
    /// `strsim::jaro_winkler`.
    JaroWinkler,
}

/// Tunables of the aligner.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignConfig {
    /// Minimum similarity for two sentences to be linked.
    pub threshold: f64,
    /// Weight of the token-set measure; the character measure gets `1 - token_weight`.
    pub token_weight: f64,
    /// The character-level measure.
    pub char_measure: CharMeasure,
    /// Content words found in more than this share of all sentences do not generate candidate
    /// pairs (they still count in the similarity). The limit is never below twice the number of
    /// sources, so that a fact every source repeats still finds its counterparts.
    pub max_df: f64,
    /// Two sentences are compared only if they share at least this many candidate words.
    pub min_shared: usize,
    /// Weight the words of the token-set measure by inverse sentence frequency (`ln(1 + N/df)`
    /// over all sentences of the input), so that words every report repeats count less.
    pub idf: bool,
    /// Factor applied to the similarity of two sentences that each name an outcome (killed,
    /// injured, missing, rescued, arrested, evacuated: `outcome_classes` in
    /// `rules/vocab/stopwords.toml`) but none in common; 1.0 turns it off.
    pub contrast_penalty: f64,
}

/// Defaults chosen by a sweep on the gold events in `tests/fixtures/gold/` (pairwise
/// P = 0.951, R = 0.907; see `docs/align.md`).
impl Default for AlignConfig {
    fn default() -> Self {
        Self {
            threshold: 0.25,
            token_weight: 0.8,
            char_measure: CharMeasure::BigramDice,
            max_df: 0.05,
            min_shared: 1,
            idf: true,
            contrast_penalty: 0.5,
        }
    }
}

/// Work done by one alignment (for tests, benchmarks and `--verbose` style output).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AlignStats {
    /// Sentences over all documents.
    pub sentences: usize,
    /// Pairs of sentences of different sources scored through the inverted index.
    pub candidate_pairs: usize,
    /// Pairs scored while checking whether two groups may merge and while scoring the final
    /// groups (counted each time: these scores are not cached).
    pub extra_comparisons: usize,
}

impl AlignStats {
    /// All similarity computations.
    pub fn comparisons(&self) -> usize {
        self.candidate_pairs + self.extra_comparisons
    }
}

/// Align the sentences of all documents.
pub fn align(docs: &[Document], config: &AlignConfig) -> Alignment {
    align_with_stats(docs, config).0
}

/// Token that stands for any number.
const NUM: &str = "<num>";

#[derive(Debug, serde::Deserialize)]
struct Vocab {
    stopwords: Vec<String>,
    number_words: Vec<String>,
    #[serde(default)]
    outcome_classes: Vec<Vec<String>>,
}

#[derive(Debug)]
struct Lexicon {
    stopwords: std::collections::HashSet<String>,
    numbers: std::collections::HashSet<String>,
    /// Stemmed outcome word -> bit of its class (at most 64 classes).
    outcomes: HashMap<String, u64>,
}

fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| {
        // The file is embedded at build time; a unit test guarantees that it parses.
        let vocab: Vocab = toml::from_str(crate::vocab::require("vocab/stopwords.toml"))
            .unwrap_or_else(|e| panic!("embedded rules/vocab/stopwords.toml is invalid: {e}"));
        let mut outcomes = HashMap::new();
        for (i, class) in vocab.outcome_classes.iter().take(64).enumerate() {
            for w in class {
                *outcomes.entry(stem(&w.to_lowercase())).or_insert(0) |= 1u64 << i;
            }
        }
        Lexicon {
            stopwords: vocab.stopwords.into_iter().collect(),
            numbers: vocab.number_words.into_iter().collect(),
            outcomes,
        }
    })
}

/// Split text into lowercase word tokens; `1,782` and `2.5` stay one token, `Kazakhstan's` loses
/// its possessive, hyphenated words split.
fn raw_tokens(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i > 0 {
            chars.get(i - 1).copied()
        } else {
            None
        };
        let next = chars.get(i + 1).copied();
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        } else if (c == '.' || c == ',')
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit())
        {
            cur.push(c);
        } else if (c == '\'' || c == '\u{2019}')
            && prev.is_some_and(char::is_alphabetic)
            && next.is_some_and(char::is_alphabetic)
        {
            cur.push('\'');
        } else if !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    for t in &mut out {
        if let Some(stripped) = t.strip_suffix("'s") {
            *t = stripped.to_string();
        }
        t.retain(|c| c != '\'');
    }
    out
}

/// Light stemming: plural and verb endings, then a final `e`, so that "forces"/"force",
/// "killed"/"kills"/"killing" and "died"/"dies" meet.
fn stem(word: &str) -> String {
    let mut w = word;
    if let Some(s) = w.strip_suffix("ies").filter(|s| s.chars().count() >= 3) {
        return format!("{s}y");
    }
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(s) = w.strip_suffix(suffix) {
            if s.chars().count() >= 3 && !(suffix == "s" && s.ends_with('s')) {
                w = s;
                break;
            }
        }
    }
    if let Some(s) = w.strip_suffix('e').filter(|s| s.chars().count() >= 3) {
        w = s;
    }
    w.to_string()
}

/// The normalised content words of a sentence, in order: numbers as `<num>` (runs of numbers
/// collapse into one), stopwords dropped, the rest stemmed.
pub fn content_words(text: &str) -> Vec<String> {
    let lex = lexicon();
    let mut out: Vec<String> = Vec::new();
    for tok in raw_tokens(text) {
        let mut push = |w: String| {
            if w == NUM && out.last().is_some_and(|l| l == NUM) {
                return;
            }
            out.push(w);
        };
        if tok.starts_with(|c: char| c.is_ascii_digit()) {
            push(NUM.to_string());
            // "5km" keeps its unit; "5th", "1990s" are just numbers.
            if let Some(pos) = tok.find(|c: char| c.is_alphabetic()) {
                let rest = &tok[pos..];
                if !matches!(rest, "st" | "nd" | "rd" | "th" | "s") {
                    push(stem(rest));
                }
            }
        } else if lex.numbers.contains(&tok) {
            push(NUM.to_string());
        } else if lex.stopwords.contains(&tok) || tok.chars().count() < 2 {
            continue;
        } else {
            push(stem(&tok));
        }
    }
    out
}

/// One sentence, ready for comparison.
#[derive(Debug)]
struct Prepared {
    source: usize,
    sentence: usize,
    /// Sorted, deduplicated token ids.
    tokens: Vec<u32>,
    /// Content words joined by spaces (numbers as `#`), for the `strsim` character measures;
    /// empty when the measure is [`CharMeasure::BigramDice`], which needs only `bigrams`.
    norm: String,
    /// Sorted ids of the character bigrams of the normalised words without whitespace (one id
    /// per distinct bigram of the whole input, so a multiset of ids compares like the multiset
    /// of bigrams, in half the memory of `(c1 << 32) | c2` values).
    bigrams: Vec<u32>,
    /// Bit set of the outcome classes the sentence names.
    outcomes: u64,
    /// Sum of the weights of `tokens` under the weights of the alignment (set once they are
    /// known; the unit-weight sum until then).
    weight: f64,
}

/// The sorted character bigrams of `s` with whitespace removed (as `strsim::sorensen_dice`
/// does), each as its id in `ids` (new bigrams get the next id).
fn char_bigrams(s: &str, ids: &mut FxHashMap<u64, u32>) -> Vec<u32> {
    let chars: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
    let mut out: Vec<u32> = chars
        .windows(2)
        .map(|w| {
            let key = (u64::from(u32::from(w[0])) << 32) | u64::from(u32::from(w[1]));
            let next = ids.len() as u32;
            *ids.entry(key).or_insert(next)
        })
        .collect();
    out.sort_unstable();
    out
}

/// Sørensen–Dice coefficient of two sorted bigram multisets.
/// Strings of fewer than two characters have no bigram and score 0 (strsim gives 1.0 to two equal
/// one-character strings).
fn bigram_dice(a: &[u32], b: &[u32]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    // A merge without branches on the data (the outcome of each comparison is unpredictable):
    // equal ids advance both sides and count once.
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        common += usize::from(x == y);
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

/// Sentences prepared on all threads at a time (then numbered in order on one).
const PREPARE_CHUNK: usize = 4096;

/// Prepare every sentence; `keep_norm`: keep the normalised text (only the `strsim` measures
/// read it).
fn prepare(docs: &[Document], keep_norm: bool) -> (Vec<Prepared>, usize, u32) {
    // What each sentence yields on its own, on all threads; ids are then handed out in
    // sentence order, so they do not depend on the number of threads.
    let refs: Vec<(usize, usize)> = docs
        .iter()
        .enumerate()
        .flat_map(|(s, d)| (0..d.sentences.len()).map(move |i| (s, i)))
        .collect();
    let lex = lexicon();
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut bigram_ids: FxHashMap<u64, u32> = FxHashMap::default();
    let mut out = Vec::with_capacity(refs.len());
    // In chunks, so that the words of at most one chunk are held at a time (a 50 MB report has
    // millions of words).
    for chunk in refs.chunks(PREPARE_CHUNK) {
        let raw: Vec<(Vec<String>, String, u64)> = chunk
            .par_iter()
            .map(|&(s, i)| {
                let doc = &docs[s];
                let sent = &doc.sentences[i];
                let text = doc.source.text.get(sent.span.0..sent.span.1).unwrap_or("");
                let words = content_words(text);
                let norm = words
                    .iter()
                    .map(|w| if w == NUM { "#" } else { w.as_str() })
                    .collect::<Vec<_>>()
                    .join(" ");
                let outcomes = words
                    .iter()
                    .filter_map(|w| lex.outcomes.get(w))
                    .fold(0, |acc, bits| acc | bits);
                (words, norm, outcomes)
            })
            .collect();
        for (&(s, i), (words, norm, outcomes)) in chunk.iter().zip(raw) {
            let mut tokens: Vec<u32> = words
                .into_iter()
                .map(|w| match ids.get(w.as_str()) {
                    Some(&id) => id,
                    None => {
                        let next = ids.len() as u32;
                        ids.insert(w, next);
                        next
                    }
                })
                .collect();
            tokens.sort_unstable();
            tokens.dedup();
            let bigrams = char_bigrams(&norm, &mut bigram_ids);
            let norm = if keep_norm { norm } else { String::new() };
            out.push(Prepared {
                source: s,
                sentence: i,
                weight: tokens.len() as f64,
                tokens,
                norm,
                bigrams,
                outcomes,
            });
        }
    }
    let num_id = ids.get(NUM).copied();
    let n_tokens = ids.len();
    (out, n_tokens, num_id.unwrap_or(u32::MAX))
}

/// Weighted Dice coefficient of the token sets of two sentences (`weights` of `None` = all 1;
/// otherwise each sentence's `weight` is the sum of its tokens' weights).
fn dice(a: &Prepared, b: &Prepared, weights: Option<&[f64]>) -> f64 {
    let (ta, tb) = (&a.tokens, &b.tokens);
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    let w = |t: u32| weights.map_or(1.0, |ws| ws[t as usize]);
    // Advances without branches on the data, as in `bigram_dice`; shared tokens add their
    // weight in the same order as before.
    let (mut i, mut j, mut common) = (0, 0, 0.0);
    while i < ta.len() && j < tb.len() {
        let (x, y) = (ta[i], tb[j]);
        if x == y {
            common += w(x);
        }
        i += usize::from(x <= y);
        j += usize::from(y <= x);
    }
    // The sum over `a` then `b`, in that order (the same value as summing both lists afresh).
    let total = match weights {
        None => (ta.len() + tb.len()) as f64,
        Some(_) => tb.iter().fold(a.weight, |acc, &t| acc + w(t)),
    };
    if total > 0.0 {
        2.0 * common / total
    } else {
        0.0
    }
}

fn similarity(a: &Prepared, b: &Prepared, weights: Option<&[f64]>, config: &AlignConfig) -> f64 {
    if a.tokens.is_empty() || b.tokens.is_empty() {
        return 0.0;
    }
    let w = config.token_weight.clamp(0.0, 1.0);
    let token = dice(a, b, weights);
    let chars = if w >= 1.0 {
        0.0
    } else {
        match config.char_measure {
            CharMeasure::BigramDice => bigram_dice(&a.bigrams, &b.bigrams),
            CharMeasure::StrsimBigramDice => strsim::sorensen_dice(&a.norm, &b.norm),
            CharMeasure::Levenshtein => strsim::normalized_levenshtein(&a.norm, &b.norm),
            CharMeasure::JaroWinkler => strsim::jaro_winkler(&a.norm, &b.norm),
        }
    };
    let sim = w * token + (1.0 - w) * chars;
    if a.outcomes != 0 && b.outcomes != 0 && a.outcomes & b.outcomes == 0 {
        sim * config.contrast_penalty.clamp(0.0, 1.0)
    } else {
        sim
    }
}

/// Absolute ceiling on the number of sentences a word may occur in and still generate candidate
/// pairs (whatever `max_df` and the number of sources say). A word in `k` sentences yields up to
/// `k²/2` pairs, each scored and kept in memory: without a ceiling, thousands of one-sentence
/// sources that share a few words cost time and memory quadratic in the number of sources (10,000
/// tiny files: 50 million pairs, gigabytes). Events with up to 500 sources are unaffected.
pub const MAX_CANDIDATE_POSTINGS: usize = 1_000;

/// Postings followed per word and sentence: a sentence `i` looks only at the first
/// `POSTING_WINDOW` sentences after it in the posting list of each of its words. A fact that `N`
/// reports repeat then yields about `N x POSTING_WINDOW` candidate pairs instead of `N² / 2`: the
/// greedy merge still chains the `N` sentences into one group through these links. Posting lists
/// this short or shorter (every event of up to `POSTING_WINDOW / 2` sources) are followed whole.
pub const POSTING_WINDOW: usize = 32;

/// Candidate pairs kept per sentence when its posting lists were cut by [`POSTING_WINDOW`]: the
/// best `MAX_CANDIDATES_PER_SENTENCE` by similarity (ties by index), so that memory grows
/// linearly with the number of sentences.
pub const MAX_CANDIDATES_PER_SENTENCE: usize = 16;

/// Candidate pairs `(i, j)`, `i < j`, of different sources sharing at least `min_shared` rare
/// words, scored; returns the number of pairs scored and those at or above the threshold (the
/// links), ordered by `i`, then `j`. Each sentence's links are collected in place and then
/// joined into one vector of exact size, so the links are never held twice.
fn scored_candidates(
    prepared: &[Prepared],
    postings: &[Vec<u32>],
    weights: Option<&[f64]>,
    num_id: u32,
    n_docs: usize,
    config: &AlignConfig,
) -> (usize, Vec<(u32, u32, f64)>) {
    let n = prepared.len();
    let cap = ((config.max_df.max(0.0) * n as f64).floor() as usize)
        .max(2 * n_docs)
        .min(MAX_CANDIDATE_POSTINGS);
    let usable: Vec<bool> = postings
        .iter()
        .enumerate()
        .map(|(t, p)| t as u32 != num_id && p.len() <= cap)
        .collect();
    let min_shared = config.min_shared.max(1);
    let per_sentence = (0..n)
        .into_par_iter()
        .map_init(
            || (vec![0u32; n], Vec::<u32>::new()),
            |(counts, touched), i| {
                let a = &prepared[i];
                let mut cut = false;
                for &t in &a.tokens {
                    if !usable[t as usize] {
                        continue;
                    }
                    let list = &postings[t as usize];
                    // Posting lists are in ascending order: start after `i`.
                    let start = list.partition_point(|&j| j as usize <= i);
                    let after = &list[start..];
                    if after.len() > POSTING_WINDOW {
                        cut = true;
                    }
                    for &j in after.iter().take(POSTING_WINDOW) {
                        if prepared[j as usize].source == a.source {
                            continue;
                        }
                        if counts[j as usize] == 0 {
                            touched.push(j);
                        }
                        counts[j as usize] += 1;
                    }
                }
                touched.sort_unstable();
                let mut out = Vec::new();
                for &j in touched.iter() {
                    if counts[j as usize] as usize >= min_shared {
                        let s = similarity(a, &prepared[j as usize], weights, config);
                        out.push((i as u32, j, s));
                    }
                    counts[j as usize] = 0;
                }
                touched.clear();
                if cut && out.len() > MAX_CANDIDATES_PER_SENTENCE {
                    out.sort_by(|x, y| y.2.total_cmp(&x.2).then(x.1.cmp(&y.1)));
                    out.truncate(MAX_CANDIDATES_PER_SENTENCE);
                    out.sort_by_key(|x| x.1);
                }
                let scored = out.len();
                out.retain(|&(_, _, s)| s >= config.threshold);
                out.shrink_to_fit();
                (scored, out)
            },
        )
        .collect::<Vec<_>>();
    let scored = per_sentence.iter().map(|(n, _)| n).sum();
    let mut links = Vec::with_capacity(per_sentence.iter().map(|(_, l)| l.len()).sum());
    for (_, l) in per_sentence {
        links.extend(l);
    }
    (scored, links)
}

/// Members of a group compared when two groups are tested for a merge, or when the score of a
/// group is computed: groups of up to this many members (every group of an event with up to
/// `MAX_LINKAGE_MEMBERS` sources) use all their pairs; larger groups use this many members,
/// evenly spaced, so that a merge costs a bounded number of comparisons.
pub const MAX_LINKAGE_MEMBERS: usize = 20;

/// Merge tests of at least this many pairs are scored on all threads (a test of two large
/// groups is up to `MAX_LINKAGE_MEMBERS²` = 400 similarities; small ones are not worth a split).
const PARALLEL_LINKAGE: usize = 64;

/// Up to `MAX_LINKAGE_MEMBERS` members of `ms`, evenly spaced (all of them if there are few).
fn linkage_sample(ms: &[u32]) -> Vec<u32> {
    if ms.len() <= MAX_LINKAGE_MEMBERS {
        return ms.to_vec();
    }
    (0..MAX_LINKAGE_MEMBERS)
        .map(|k| ms[k * ms.len() / MAX_LINKAGE_MEMBERS])
        .collect()
}

/// Whether two sorted source lists share a source.
fn share_source(a: &[usize], b: &[usize]) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small.iter().any(|s| large.binary_search(s).is_ok())
}

/// Align the sentences of all documents and tell how much work it took.
pub fn align_with_stats(docs: &[Document], config: &AlignConfig) -> (Alignment, AlignStats) {
    let (mut prepared, n_tokens, num_id) =
        prepare(docs, config.char_measure != CharMeasure::BigramDice);
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); n_tokens];
    for (g, p) in prepared.iter().enumerate() {
        for &t in &p.tokens {
            postings[t as usize].push(g as u32);
        }
    }
    let n_sentences = prepared.len() as f64;
    let idf: Vec<f64> = postings
        .iter()
        .map(|p| (1.0 + n_sentences / p.len().max(1) as f64).ln())
        .collect();
    let weights = config.idf.then_some(idf.as_slice());
    if let Some(ws) = weights {
        for p in &mut prepared {
            p.weight = p.tokens.iter().map(|&t| ws[t as usize]).sum();
        }
    }
    let (scored, mut edges) =
        scored_candidates(&prepared, &postings, weights, num_id, docs.len(), config);
    let mut stats = AlignStats {
        sentences: prepared.len(),
        candidate_pairs: scored,
        extra_comparisons: 0,
    };
    drop(postings);
    // Descending score; ties by (source, sentence) order, which is the global index order.
    // A total order (pairs are distinct): the parallel sort gives the one possible result.
    edges.par_sort_unstable_by(|x, y| y.2.total_cmp(&x.2).then((x.0, x.1).cmp(&(y.0, y.1))));

    // Pairs compared while merging are scored afresh, never cached: a cache of every pair looked
    // at grew to millions of entries (107 MB of hash table for a 2,000-report event) and cost
    // more time in hashing than the similarity it saved. `similarity` is a pure function, so the
    // result is the same.
    let score = |a: u32, b: u32| -> f64 {
        let key = (a.min(b), a.max(b));
        similarity(
            &prepared[key.0 as usize],
            &prepared[key.1 as usize],
            weights,
            config,
        )
    };
    let sim = |a: u32, b: u32, stats: &mut AlignStats| -> f64 {
        stats.extra_comparisons += 1;
        score(a, b)
    };

    let n = prepared.len();
    let mut group_of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<u32>> = (0..n as u32).map(|i| vec![i]).collect();
    // Sources of each group, sorted: the clash test is a lookup, not |a| x |b| comparisons.
    let mut sources: Vec<Vec<usize>> = prepared.iter().map(|p| vec![p.source]).collect();
    for (i, j, _) in edges {
        let (gi, gj) = (group_of[i as usize], group_of[j as usize]);
        if gi == gj {
            continue;
        }
        if share_source(&sources[gi], &sources[gj]) {
            continue;
        }
        let (sa, sb) = (linkage_sample(&members[gi]), linkage_sample(&members[gj]));
        let count = sa.len() * sb.len();
        let total = if count >= PARALLEL_LINKAGE {
            // Scored on all threads, summed in the same order as one thread would.
            stats.extra_comparisons += count;
            let pair = |k: usize| (sa[k / sb.len()], sb[k % sb.len()]);
            (0..count)
                .into_par_iter()
                .map(|k| {
                    let (a, b) = pair(k);
                    score(a, b)
                })
                .collect::<Vec<f64>>()
                .into_iter()
                .fold(0.0, |t, s| t + s)
        } else {
            let mut total = 0.0;
            for &a in &sa {
                for &b in &sb {
                    total += sim(a, b, &mut stats);
                }
            }
            total
        };
        if count == 0 || total / (count as f64) < config.threshold {
            continue;
        }
        let moved = std::mem::take(&mut members[gj]);
        for &m in &moved {
            group_of[m as usize] = gi;
        }
        members[gi].extend(moved);
        let moved_sources = std::mem::take(&mut sources[gj]);
        sources[gi].extend(moved_sources);
        sources[gi].sort_unstable();
    }

    // Group scores: independent of each other, computed on all threads, in group order.
    let scored: Vec<(Group, usize)> = members
        .into_par_iter()
        .filter(|m| !m.is_empty())
        .map(|mut ms| {
            ms.sort_unstable(); // global index order = (source, sentence) order
            let sample = linkage_sample(&ms);
            let mut total = 0.0;
            let mut count = 0usize;
            for x in 0..sample.len() {
                for y in x + 1..sample.len() {
                    total += score(sample[x], sample[y]);
                    count += 1;
                }
            }
            let score = if count == 0 {
                1.0
            } else {
                total / count as f64
            };
            let members = ms
                .iter()
                .map(|&g| SentenceRef {
                    source: prepared[g as usize].source,
                    sentence: prepared[g as usize].sentence,
                })
                .collect();
            (Group { score, members }, count)
        })
        .collect();
    let mut groups: Vec<Group> = Vec::with_capacity(scored.len());
    for (group, count) in scored {
        stats.extra_comparisons += count;
        groups.push(group);
    }
    groups.sort_by(|a, b| a.members.first().cmp(&b.members.first()));
    (Alignment { groups }, stats)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Source;
    use crate::segment::Sentence;
    use std::collections::BTreeSet;
    use std::path::{Path, PathBuf};

    /// Pairs of aligned sentences, `(a, b)` with `a < b`.
    type Pairs = BTreeSet<(SentenceRef, SentenceRef)>;
    /// The documents of one gold event and its true pairs.
    type GoldEvent = (Vec<Document>, Pairs);

    /// A document built by hand: lines after an optional `date` line, each split after ". ".
    pub(super) fn doc(id: &str, text: &str) -> Document {
        let mut sentences = Vec::new();
        let mut offset = 0;
        for (line_no, line) in text.split_inclusive('\n').enumerate() {
            let body = line.trim_end_matches(['\n', '\r']);
            if !(line_no == 0 && body.starts_with("date ")) {
                let mut start = 0;
                while start < body.len() {
                    let rest = &body[start..];
                    let len = rest.find(". ").map_or(rest.len(), |p| p + 1);
                    let piece = &rest[..len];
                    let lead = piece.len() - piece.trim_start().len();
                    let trimmed = piece.trim();
                    if !trimmed.is_empty() {
                        let a = offset + start + lead;
                        sentences.push(Sentence {
                            index: sentences.len(),
                            span: (a, a + trimmed.len()),
                            line: line_no + 1,
                            column: body[..start + lead].chars().count() + 1,
                        });
                    }
                    start += len;
                }
            }
            offset += line.len();
        }
        Document {
            source: Source {
                id: id.to_string(),
                path: PathBuf::from(format!("{id}.txt")),
                date: None,
                outlet: None,
                title: None,
                url: None,
                text: text.to_string(),
                body_start: 0,
            },
            sentences,
        }
    }

    fn members(a: &Alignment) -> Vec<Vec<(usize, usize)>> {
        a.groups
            .iter()
            .map(|g| g.members.iter().map(|m| (m.source, m.sentence)).collect())
            .collect()
    }

    #[test]
    fn helper_splits_sentences() {
        let d = doc("a", "date 2024-01-01\n\nOne thing. Two things.\nThree.\n");
        let texts: Vec<&str> = (0..d.sentences.len()).map(|i| d.sentence_text(i)).collect();
        assert_eq!(texts, vec!["One thing.", "Two things.", "Three."]);
        assert_eq!(d.sentences[1].line, 3);
        assert_eq!(d.sentences[1].column, 12);
    }

    #[test]
    fn vocabulary_parses() {
        let lex = lexicon();
        assert!(lex.stopwords.contains("the"));
        assert!(lex.numbers.contains("dozen"));
    }

    #[test]
    fn content_words_normalise() {
        assert_eq!(
            content_words("Twelve police officers were killed, the ministry said."),
            vec!["<num>", "polic", "officer", "kill", "ministry"]
        );
        assert_eq!(
            content_words("1,782 people; 2.5 km and twenty-five dozen; Kazakhstan's 5km 5th"),
            vec![
                "<num>",
                "peopl",
                "<num>",
                "km",
                "<num>",
                "kazakhstan",
                "<num>",
                "km",
                "<num>"
            ]
        );
        assert_eq!(content_words("The, of and."), Vec::<String>::new());
        assert_eq!(stem("forces"), stem("force"));
        assert_eq!(stem("killed"), stem("kills"));
        assert_eq!(stem("killing"), "kill");
        assert_eq!(stem("injuries"), "injury");
        assert_eq!(stem("class"), "class");
    }

    #[test]
    fn bigram_dice_matches_strsim() {
        let texts = [
            "polic officer kill almaty",
            "# officer kill almaty",
            "ferry capsiz lak orlen sunday",
            "ferry overturn lak orlen",
            "a",
            "",
            "aa aa",
            "aaa",
        ];
        let mut ids = FxHashMap::default();
        let mut char_bigrams = |s: &str| char_bigrams(s, &mut ids);
        for x in texts {
            for y in texts {
                if x.len() < 2 || y.len() < 2 {
                    // No bigram: we say 0, strsim says 1.0 for two equal strings.
                    assert_eq!(bigram_dice(&char_bigrams(x), &char_bigrams(y)), 0.0);
                    continue;
                }
                let ours = bigram_dice(&char_bigrams(x), &char_bigrams(y));
                assert_eq!(ours, strsim::sorensen_dice(x, y), "{x:?} / {y:?}");
            }
        }
    }

    #[test]
    fn numbers_align_as_a_class() {
        let docs = vec![
            doc(
                "a",
                "12 officers were killed in Almaty.\nThe airport was seized.",
            ),
            doc(
                "b",
                "The airport was seized by protesters.\n18 officers were killed in Almaty.",
            ),
            doc("c", "Eighteen officers were killed in Almaty."),
        ];
        let a = align(&docs, &AlignConfig::default());
        assert_eq!(
            members(&a),
            vec![vec![(0, 0), (1, 1), (2, 0)], vec![(0, 1), (1, 0)]]
        );
        assert_eq!(a.groups[0].score, 1.0);
    }

    #[test]
    fn reordered_sentences_align() {
        let docs = vec![
            doc(
                "a",
                "The president dismissed the government. Troops arrived from Russia. Fuel prices doubled overnight.",
            ),
            doc(
                "b",
                "Fuel prices had doubled overnight. Russian troops arrived. The president dismissed his government.",
            ),
        ];
        let a = align(&docs, &AlignConfig::default());
        assert_eq!(
            members(&a),
            vec![
                vec![(0, 0), (1, 2)],
                vec![(0, 1), (1, 1)],
                vec![(0, 2), (1, 0)]
            ]
        );
    }

    #[test]
    fn one_sentence_per_source_and_singletons() {
        // Source a says the same thing twice: only one of them may join b's sentence.
        let docs = vec![
            doc(
                "a",
                "Protesters stormed the city hall. Protesters stormed the city hall again.",
            ),
            doc(
                "b",
                "Protesters stormed the city hall. Bakeries closed early.",
            ),
        ];
        let a = align(&docs, &AlignConfig::default());
        assert_eq!(
            members(&a),
            vec![vec![(0, 0), (1, 0)], vec![(0, 1)], vec![(1, 1)]]
        );
        assert_eq!(a.groups[1].score, 1.0);
        assert_eq!(a.groups[2].score, 1.0);
        for g in &a.groups {
            let sources: BTreeSet<usize> = g.members.iter().map(|m| m.source).collect();
            assert_eq!(sources.len(), g.members.len());
        }
    }

    #[test]
    fn different_outcomes_are_penalised() {
        let docs = vec![
            doc(
                "a",
                "More than 1,000 people were killed, the Home Ministry said.",
            ),
            doc(
                "b",
                "The Home Ministry said more than 5,000 people were injured.",
            ),
        ];
        let (prepared, _, _) = prepare(&docs, true);
        assert_eq!(prepared[0].outcomes, 1);
        assert_eq!(prepared[1].outcomes, 2);
        let plain = AlignConfig {
            contrast_penalty: 1.0,
            ..AlignConfig::default()
        };
        let full = similarity(&prepared[0], &prepared[1], None, &plain);
        let halved = similarity(&prepared[0], &prepared[1], None, &AlignConfig::default());
        assert!(full > 0.5, "{full}");
        assert_eq!(halved, full * 0.5);
        // Sentences naming the same outcome, or one naming none, are not penalised.
        let docs = vec![
            doc("a", "Twelve people were killed and 30 injured."),
            doc("b", "Thirty people were injured."),
            doc("c", "Thirty people were hurt in the stampede."),
            doc("d", "Thirty people were in the square."),
        ];
        let (p, _, _) = prepare(&docs, true);
        assert_eq!(
            (p[0].outcomes, p[1].outcomes, p[2].outcomes, p[3].outcomes),
            (3, 2, 2, 0)
        );
        assert_eq!(lexicon().outcomes.get("rescu"), Some(&8));
    }

    #[test]
    fn empty_and_contentless_inputs() {
        assert_eq!(align(&[], &AlignConfig::default()), Alignment::default());
        let docs = vec![doc("a", "It was."), doc("b", "It was.")];
        let a = align(&docs, &AlignConfig::default());
        assert_eq!(members(&a), vec![vec![(0, 0)], vec![(1, 0)]]);
    }

    #[test]
    fn merge_needs_average_link_above_threshold() {
        // c links strongly to b but not to a: it must not join the (a, b) group.
        let docs = vec![
            doc(
                "a",
                "Troops opened fire on protesters in the main square of Almaty.",
            ),
            doc(
                "b",
                "Troops opened fire on protesters in Almaty's main square on Thursday.",
            ),
            doc("c", "Troops opened fire on Thursday."),
        ];
        let config = AlignConfig {
            threshold: 0.6,
            ..AlignConfig::default()
        };
        let a = align(&docs, &config);
        assert_eq!(members(&a), vec![vec![(0, 0), (1, 0)], vec![(2, 0)]]);
    }

    /// A synthetic corpus: `n` sentences per source over a large vocabulary.
    fn synthetic(sources: usize, n: usize) -> Vec<Document> {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let words: Vec<String> = (0..3000).map(|i| format!("word{}x", i)).collect();
        (0..sources)
            .map(|s| {
                let text: Vec<String> = (0..n)
                    .map(|_| {
                        let k = 6 + (next() % 6) as usize;
                        let mut w: Vec<&str> = vec!["the", "police"];
                        for _ in 0..k {
                            w.push(&words[(next() % 3000) as usize]);
                        }
                        format!("{}.", w.join(" "))
                    })
                    .collect();
                doc(&format!("s{s}"), &text.join("\n"))
            })
            .collect()
    }

    #[test]
    fn candidate_generation_is_far_below_quadratic() {
        let docs = synthetic(4, 500);
        let (_, stats) = align_with_stats(&docs, &AlignConfig::default());
        assert_eq!(stats.sentences, 2000);
        let all_cross_pairs = 6 * 500 * 500;
        // "police" occurs in every sentence and must not generate candidates.
        assert!(
            stats.comparisons() * 20 < all_cross_pairs,
            "{} comparisons",
            stats.comparisons()
        );
    }

    /// Regression (fix: quadratic alignment of many small sources): 5,000 one-sentence sources
    /// that share their common words used to score every pair (12.5 million).
    #[test]
    fn fix_many_small_sources_sharing_words_is_not_quadratic() {
        // Every word occurs in 1,250 sentences or more: above the ceiling.
        let places = ["Almaty", "Aktobe", "Zhanaozen", "Taldykorgan"];
        let docs: Vec<Document> = (0..5_000)
            .map(|i| {
                let text = format!(
                    "Report {i} from {}: {} people gathered.",
                    places[i % places.len()],
                    i * 7 % 1000
                );
                doc(&format!("r{i}"), &text)
            })
            .collect();
        let (a, stats) = align_with_stats(&docs, &AlignConfig::default());
        assert_eq!(stats.sentences, 5_000);
        assert_eq!(stats.comparisons(), 0);
        let aligned: usize = a.groups.iter().map(|g| g.members.len()).sum();
        assert_eq!(aligned, 5_000);
    }

    /// Regression (fix: one event with many reports was super-quadratic): 300 reports repeating
    /// the same fact used to give 300² / 2 candidate pairs and a merge loop of |a| x |b| clash
    /// tests per edge. The fact still forms one group, at a cost linear in the reports.
    #[test]
    fn fix_fact_repeated_by_many_reports_aligns_in_linear_work() {
        let docs: Vec<Document> = (0..300)
            .map(|i| {
                let text = format!(
                    "The Zorvan earthquake destroyed the Kelmar bridge near Ostrava.\nReport {i} alone mentions word{i}x and other{i}y."
                );
                doc(&format!("r{i}"), &text)
            })
            .collect();
        let (a, stats) = align_with_stats(&docs, &AlignConfig::default());
        assert_eq!(stats.sentences, 600);
        assert!(
            stats.comparisons() < 300 * 100,
            "{} comparisons",
            stats.comparisons()
        );
        let fact = a
            .groups
            .iter()
            .find(|g| {
                g.members.first()
                    == Some(&SentenceRef {
                        source: 0,
                        sentence: 0,
                    })
            })
            .map(|g| g.members.len());
        assert_eq!(fact, Some(300));
    }

    #[test]
    fn deterministic_whatever_the_thread_count() {
        let mut docs = synthetic(3, 120);
        docs.extend(gold_docs(&gold_dir("lake-ferry")));
        let config = AlignConfig {
            threshold: 0.3,
            ..AlignConfig::default()
        };
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap()
                .install(|| align_with_stats(&docs, &config))
        };
        let one = run(1);
        assert_eq!(one, run(2));
        assert_eq!(one, run(4));
        assert_eq!(one.0, align(&docs, &config));
    }

    const GOLD_EVENTS: [&str; 2] = ["lake-ferry", "pellham-fire"];

    proptest::proptest! {
        /// Whatever the input: every sentence is in exactly one group, at most one per source,
        /// members sorted by source, groups sorted by first member, scores in 0..=1.
        #[test]
        fn structure_holds_for_any_input(
            texts in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::collection::vec(
                        proptest::sample::select(vec![
                            "troops", "fired", "on", "12", "protesters", "the", "airport",
                            "seized", "twelve", "Almaty", "2.5", "gas", "prices", "rose", "it's",
                        ]),
                        0..8,
                    ),
                    0..6,
                ),
                0..5,
            ),
            threshold in 0.0f64..1.0,
            token_weight in 0.0f64..=1.0,
        ) {
            let docs: Vec<Document> = texts
                .iter()
                .enumerate()
                .map(|(i, sentences)| {
                    let text: Vec<String> = sentences
                        .iter()
                        .map(|words| format!("{}.", words.join(" ")))
                        .collect();
                    doc(&format!("s{i}"), &text.join("\n"))
                })
                .collect();
            let config = AlignConfig { threshold, token_weight, ..AlignConfig::default() };
            let a = align(&docs, &config);
            let mut seen = BTreeSet::new();
            for g in &a.groups {
                proptest::prop_assert!(!g.members.is_empty());
                proptest::prop_assert!(g.members.windows(2).all(|w| w[0].source < w[1].source));
                proptest::prop_assert!((0.0..=1.0 + 1e-9).contains(&g.score));
                for m in &g.members {
                    proptest::prop_assert!(seen.insert(*m));
                }
            }
            let total: usize = docs.iter().map(|d| d.sentences.len()).sum();
            proptest::prop_assert_eq!(seen.len(), total);
            proptest::prop_assert!(a.groups.windows(2).all(|w| w[0].members[0] < w[1].members[0]));
        }
    }

    fn gold_dir(event: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/gold")
            .join(event)
    }

    /// The reports of a gold event, through the real ingest and segmentation.
    fn gold_docs(dir: &Path) -> Vec<Document> {
        let loaded = crate::ingest::load(&[dir.to_path_buf()]);
        assert_eq!(loaded.errors, vec![]);
        loaded
            .sources
            .into_iter()
            .map(crate::segment::segment)
            .collect()
    }

    /// Gold pairs `(a, b)`, `a < b`, from `gold.json`.
    fn gold_pairs(dir: &Path, docs: &[Document]) -> Pairs {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("gold.json")).unwrap()).unwrap();
        let mut pairs = BTreeSet::new();
        for group in gold["groups"].as_array().unwrap() {
            let refs: Vec<SentenceRef> = group
                .as_array()
                .unwrap()
                .iter()
                .map(|m| {
                    let (id, prefix) = (m[0].as_str().unwrap(), m[1].as_str().unwrap());
                    let s = docs.iter().position(|d| d.source.id == id).unwrap();
                    let hits: Vec<usize> = (0..docs[s].sentences.len())
                        .filter(|&i| docs[s].sentence_text(i).starts_with(prefix))
                        .collect();
                    assert_eq!(hits.len(), 1, "{id}: {prefix:?} matches {hits:?}");
                    SentenceRef {
                        source: s,
                        sentence: hits[0],
                    }
                })
                .collect();
            for x in 0..refs.len() {
                for y in x + 1..refs.len() {
                    pairs.insert((refs[x].min(refs[y]), refs[x].max(refs[y])));
                }
            }
        }
        pairs
    }

    fn predicted_pairs(a: &Alignment) -> Pairs {
        let mut pairs = BTreeSet::new();
        for g in &a.groups {
            for x in 0..g.members.len() {
                for y in x + 1..g.members.len() {
                    pairs.insert((g.members[x], g.members[y]));
                }
            }
        }
        pairs
    }

    /// Pairwise counts `(hits, predicted, gold)` of an alignment against gold pairs.
    fn counts(gold: &Pairs, a: &Alignment) -> (usize, usize, usize) {
        let pred = predicted_pairs(a);
        (pred.intersection(gold).count(), pred.len(), gold.len())
    }

    fn ratio(a: usize, b: usize) -> f64 {
        if b == 0 {
            1.0
        } else {
            a as f64 / b as f64
        }
    }

    /// Micro-averaged pairwise (precision, recall) over all gold events.
    fn evaluate(events: &[GoldEvent], config: &AlignConfig) -> (f64, f64) {
        let (mut hit, mut pred, mut gold) = (0, 0, 0);
        for (docs, g) in events {
            let (h, p, n) = counts(g, &align(docs, config));
            hit += h;
            pred += p;
            gold += n;
        }
        (ratio(hit, pred), ratio(hit, gold))
    }

    fn gold_events() -> Vec<GoldEvent> {
        GOLD_EVENTS
            .iter()
            .map(|e| {
                let dir = gold_dir(e);
                let docs = gold_docs(&dir);
                let gold = gold_pairs(&dir, &docs);
                (docs, gold)
            })
            .collect()
    }

    #[test]
    fn gold_alignment_precision_and_recall() {
        let events = gold_events();
        assert_eq!(events[0].0.len(), 5);
        assert_eq!(events[0].1.len(), 67);
        assert_eq!(events[1].0.len(), 4);
        assert_eq!(events[1].1.len(), 40);
        let config = AlignConfig::default();
        for (docs, gold) in &events {
            let (h, p, n) = counts(gold, &align(docs, &config));
            let (p, r) = (ratio(h, p), ratio(h, n));
            #[allow(clippy::print_stdout)]
            {
                println!("{}: P={p:.3} R={r:.3}", docs[0].source.id);
            }
            assert!(
                p >= 0.85 && r >= 0.8,
                "{}: P={p:.3} R={r:.3}",
                docs[0].source.id
            );
        }
        let (p, r) = evaluate(&events, &config);
        assert!(p >= 0.92 && r >= 0.85, "all: P={p:.3} R={r:.3}");
    }

    /// Threshold / weight / measure sweep on the gold events; run with
    /// `cargo test --lib align::tests::sweep -- --ignored --nocapture`.
    #[test]
    #[ignore]
    #[allow(clippy::print_stdout)]
    fn sweep() {
        let events = gold_events();
        println!("idf   measure      weight threshold    P     R     F1");
        for idf in [false, true] {
            for measure in [
                CharMeasure::BigramDice,
                CharMeasure::Levenshtein,
                CharMeasure::JaroWinkler,
            ] {
                for weight in [0.4, 0.6, 0.7, 0.8, 0.9, 1.0] {
                    for t in [0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5] {
                        let config = AlignConfig {
                            threshold: t,
                            token_weight: weight,
                            char_measure: measure,
                            idf,
                            ..AlignConfig::default()
                        };
                        let (p, r) = evaluate(&events, &config);
                        let f = if p + r > 0.0 {
                            2.0 * p * r / (p + r)
                        } else {
                            0.0
                        };
                        println!(
                            "{idf:<5} {:<12} {weight:>6.2} {t:>9.2} {p:>5.3} {r:>5.3} {f:>5.3}",
                            format!("{measure:?}")
                        );
                    }
                }
            }
        }
    }

    /// Candidate generation sweep (document frequency limit, shared words) at the default
    /// similarity settings; run with `cargo test --lib align::tests::sweep_candidates -- --ignored --nocapture`.
    #[test]
    #[ignore]
    #[allow(clippy::print_stdout)]
    fn sweep_candidates() {
        let events = gold_events();
        let big = synthetic(4, 500);
        println!("max_df min_shared    P     R  comparisons(gold) comparisons(4x500)");
        for max_df in [0.02, 0.05, 0.1, 0.2, 1.0] {
            for min_shared in [1, 2] {
                let config = AlignConfig {
                    max_df,
                    min_shared,
                    ..AlignConfig::default()
                };
                let (p, r) = evaluate(&events, &config);
                let comparisons: usize = events
                    .iter()
                    .map(|(d, _)| align_with_stats(d, &config).1.comparisons())
                    .sum();
                let big_comparisons = align_with_stats(&big, &config).1.comparisons();
                println!(
                    "{max_df:>6.2} {min_shared:>10} {p:>5.3} {r:>5.3} {comparisons:>17} {big_comparisons:>18}"
                );
            }
        }
    }

    /// Contrast penalty sweep at the default settings; run with
    /// `cargo test --lib align::tests::sweep_penalty -- --ignored --nocapture`.
    #[test]
    #[ignore]
    #[allow(clippy::print_stdout)]
    fn sweep_penalty() {
        let events = gold_events();
        println!("penalty threshold    P     R");
        for penalty in [1.0, 0.8, 0.6, 0.5, 0.4, 0.2, 0.0] {
            for threshold in [0.2, 0.25, 0.3] {
                let config = AlignConfig {
                    contrast_penalty: penalty,
                    threshold,
                    ..AlignConfig::default()
                };
                let (p, r) = evaluate(&events, &config);
                println!("{penalty:>7.2} {threshold:>9.2} {p:>5.3} {r:>5.3}");
            }
        }
    }

    /// Time of each character measure on a synthetic input plus the gold events; run with
    /// `cargo test --release --lib align::tests::measure_speed -- --ignored --nocapture`.
    #[test]
    #[ignore]
    #[allow(clippy::print_stdout)]
    fn measure_speed() {
        let mut docs = synthetic(4, 500);
        for e in GOLD_EVENTS {
            docs.extend(gold_docs(&gold_dir(e)));
        }
        // Every pair of sentences, to time the measures alone.
        let (prepared, _, _) = prepare(&docs, true);
        for measure in [
            CharMeasure::BigramDice,
            CharMeasure::StrsimBigramDice,
            CharMeasure::Levenshtein,
            CharMeasure::JaroWinkler,
        ] {
            let config = AlignConfig {
                char_measure: measure,
                ..AlignConfig::default()
            };
            let start = std::time::Instant::now();
            let mut total = 0.0;
            for a in prepared.iter().take(400) {
                for b in prepared.iter().skip(400).take(400) {
                    total += similarity(a, b, None, &config);
                }
            }
            let pairs = start.elapsed();
            let start = std::time::Instant::now();
            let (_, stats) = align_with_stats(&docs, &config);
            println!(
                "{measure:?}: 160000 pairs in {pairs:?} (sum {total:.1}); align {} sentences, {} comparisons in {:?}",
                stats.sentences,
                stats.comparisons(),
                start.elapsed()
            );
        }
    }

    /// Errors of the default configuration on the gold events; run with
    /// `cargo test --lib align::tests::gold_errors -- --ignored --nocapture`.
    #[test]
    #[ignore]
    #[allow(clippy::print_stdout)]
    fn gold_errors() {
        let config = AlignConfig::default();
        for (docs, gold) in gold_events() {
            let pred = predicted_pairs(&align(&docs, &config));
            let text = |r: &SentenceRef| {
                format!(
                    "{}: {}",
                    docs[r.source].source.id,
                    docs[r.source].sentence_text(r.sentence)
                )
            };
            for (a, b) in gold.difference(&pred) {
                println!("MISS  {}\n      {}", text(a), text(b));
            }
            for (a, b) in pred.difference(&gold) {
                println!("FALSE {}\n      {}", text(a), text(b));
            }
        }
    }
}
