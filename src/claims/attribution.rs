//! Attribution recogniser: who a sentence credits its statement to.
//!
//! Input: one sentence and the document's [`SpeakerContext`] (the last named person, carried
//! from sentence to sentence). Output: [`AttributionMatch`]es with spans relative to the
//! sentence. Forms: "X said/told/reported/announced...", "said X" after a quote or comma,
//! "according to X", "citing X". A speaker is the phrase of capitalised words and speaker nouns
//! next to the verb ("the Interior Ministry", "state-run Xinhua news agency", "Foreign Ministry
//! spokesman Wang Wenbin"); "he"/"she" are resolved to the last named person of the document
//! (a named speaker, or a titled name opening a sentence: "U.S. Secretary of State Antony
//! Blinken questioned..."), else kept as written. The cue words are data in
//! `rules/vocab/attribution.toml`.

use std::sync::OnceLock;

use serde::Deserialize;

use super::membership::Triggers;
use super::{match_phrase, phrase_words, words, Attribution, Word, WordSet};

/// An attribution found in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributionMatch {
    /// Byte span within the sentence (speaker and verb, e.g. "the ministry said").
    pub span: (usize, usize),
    pub attribution: Attribution,
}

/// What the recogniser remembers from earlier sentences of the same document.
#[derive(Debug, Clone, Default)]
pub struct SpeakerContext {
    /// The last person named as a speaker or as a sentence's titled subject.
    pub last_person: Option<String>,
    /// The last named speaker that is not a person ("the Interior Ministry"), for "it said".
    pub last_institution: Option<String>,
    /// The cue lists of the previous sentence, reused (no allocation per sentence with a cue).
    cues: Cues,
}

#[derive(Debug, Deserialize)]
struct VocabFile {
    verbs: Vec<String>,
    according: Vec<String>,
    common: Vec<String>,
    lowercase: Vec<String>,
    stop: Vec<String>,
    titles: Vec<String>,
    institutions: Vec<String>,
    pronouns: Vec<String>,
    institution_pronouns: Vec<String>,
    time_words: Vec<String>,
}

#[derive(Debug)]
struct Vocab {
    according: Vec<Vec<String>>,
    common: WordSet,
    lowercase: WordSet,
    stop: WordSet,
    titles: WordSet,
    institutions: WordSet,
    pronouns: WordSet,
    institution_pronouns: WordSet,
    time_words: WordSet,
    /// Verbs, first words of `according` and lower-cased titles, by word form: where the cue
    /// loops of [`find_in`] can start, and whether a sentence can open with a titled person.
    triggers: Triggers,
}

/// Roles of a word form in [`Vocab::triggers`].
mod role {
    /// One of `verbs`.
    pub const VERB: u16 = 1;
    /// The first word of one of `according`.
    pub const ACCORDING: u16 = 2;
    /// One of `titles`, lower-cased (titles are case-sensitive).
    pub const TITLE: u16 = 4;
}

fn vocab() -> &'static Vocab {
    static V: OnceLock<Vocab> = OnceLock::new();
    V.get_or_init(|| {
        let src = crate::vocab::require("vocab/attribution.toml");
        let f: VocabFile = match toml::from_str(src) {
            Ok(f) => f,
            Err(e) => panic!("embedded rules/vocab/attribution.toml is invalid: {e}"),
        };
        let low = |v: Vec<String>| v.into_iter().map(|s| s.to_lowercase()).collect::<WordSet>();
        let nodot = |v: Vec<String>| {
            v.into_iter()
                .map(|s| s.trim_end_matches('.').to_string())
                .collect::<WordSet>()
        };
        let according: Vec<Vec<String>> = f.according.iter().map(|p| phrase_words(p)).collect();
        let mut triggers = Triggers::default();
        for w in &f.verbs {
            triggers.insert(&w.to_lowercase(), role::VERB);
        }
        for p in &according {
            if let Some(w) = p.first() {
                triggers.insert(w, role::ACCORDING);
            }
        }
        for t in &f.titles {
            triggers.insert(&t.trim_end_matches('.').to_lowercase(), role::TITLE);
        }
        Vocab {
            triggers,
            according,
            common: low(f.common),
            lowercase: low(f.lowercase),
            stop: low(f.stop),
            titles: nodot(f.titles),
            institutions: f.institutions.into_iter().collect(),
            pronouns: low(f.pronouns),
            institution_pronouns: low(f.institution_pronouns),
            time_words: low(f.time_words),
        }
    })
}

const DETERMINERS: &[&str] = &["the", "a", "an"];
const AUX_BEFORE_VERB: &[&str] = &[
    "has",
    "have",
    "had",
    "also",
    "later",
    "earlier",
    "previously",
    "again",
    "separately",
    "then",
    "subsequently",
    "quickly",
    "officially",
];
const PASSIVE: &[&str] = &["was", "were", "is", "are", "been", "be", "being"];
const PERSONAL_PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

/// Find attributions in `sentence`, updating `ctx`.
pub fn find(sentence: &str, ctx: &mut SpeakerContext) -> Vec<AttributionMatch> {
    find_in(sentence, &words(sentence), ctx)
}

/// [`find`] on the sentence already split into words (`ws` = `words(sentence)`).
pub(crate) fn find_in(
    sentence: &str,
    ws: &[Word<'_>],
    ctx: &mut SpeakerContext,
) -> Vec<AttributionMatch> {
    let v = vocab();
    // the cue lists of the previous sentence, reused (no allocation per sentence with a cue)
    let mut c = std::mem::take(&mut ctx.cues);
    cues_into(v, sentence, ws, &mut c);
    let out = find_with_cues(v, sentence, ws, &c, ctx);
    ctx.cues = c;
    out
}

/// [`find_in`] with the sentence's cues found.
fn find_with_cues(
    v: &Vocab,
    sentence: &str,
    ws: &[Word<'_>],
    c: &Cues,
    ctx: &mut SpeakerContext,
) -> Vec<AttributionMatch> {
    let (according_at, verb_at, titled) = (&c.according_at, &c.verb_at, c.titled);
    if according_at.is_empty() && verb_at.is_empty() {
        // no cue: no attribution; only a titled subject is remembered
        if let Some(subject) = titled.then(|| subject_person(v, sentence, ws)).flatten() {
            ctx.last_person = Some(subject);
        }
        return Vec::new();
    }

    let mut out: Vec<AttributionMatch> = Vec::new();
    // the last named person and the last institution: indices into `out`
    let mut named: Option<usize> = None;
    let mut institution: Option<usize> = None;

    // "according to X", "citing X"
    for &i in according_at {
        for p in &v.according {
            let Some(e) = match_phrase(ws, i, p) else {
                continue;
            };
            if ws[e - 1].ends_phrase() {
                continue;
            }
            if let Some((s, t)) = forward_speaker(v, ws, e) {
                let speaker = speaker_text(v, sentence, ws, s, t);
                if is_person(v, &ws[s..t]) {
                    named = Some(out.len());
                } else {
                    institution = Some(out.len());
                }
                out.push(AttributionMatch {
                    span: (ws[i].start, ws[t - 1].end),
                    attribution: Attribution { speaker },
                });
            }
        }
    }

    // "X said", "said X"
    for &vi in verb_at {
        if vi + 1 < ws.len() && ws[vi + 1].lower() == "by" {
            continue; // "figures reported by local media": passive
        }
        if out
            .iter()
            .any(|m| super::overlaps(m.span, (ws[vi].start, ws[vi].end)))
        {
            continue;
        }
        // skip "has", "also", "later" between speaker and verb
        let mut k = vi;
        while k > 0
            && vi - k < 2
            && (AUX_BEFORE_VERB.contains(&ws[k - 1].lower())
                || is_plain_word(&ws[k - 1]) && ws[k - 1].text.ends_with("ly"))
            && !ws[k - 1].ends_phrase()
        {
            k -= 1;
        }
        if k > 0 && PASSIVE.contains(&ws[k - 1].lower()) {
            continue;
        }
        // "Tokayev on Friday said", "the ministry later said"
        if k > 1
            && v.time_words.contains(ws[k - 1].lower())
            && !ws[k - 1].ends_phrase()
            && !ws[k - 2].ends_phrase()
        {
            k -= if ws[k - 2].lower() == "on" && k > 2 {
                2
            } else {
                1
            };
        }
        if k > 0 && !ws[k - 1].ends_phrase() {
            let prev = ws[k - 1].lower();
            if PERSONAL_PRONOUNS.contains(&prev) {
                let resolved = if v.pronouns.contains(prev) {
                    ctx.last_person.clone()
                } else if v.institution_pronouns.contains(prev) {
                    ctx.last_institution.clone()
                } else {
                    None
                };
                let speaker = resolved.unwrap_or_else(|| prev.to_string());
                out.push(AttributionMatch {
                    span: (ws[k - 1].start, ws[vi].end),
                    attribution: Attribution { speaker },
                });
                continue;
            }
            if let Some(s) = backward_speaker(v, ws, k) {
                let speaker = speaker_text(v, sentence, ws, s, k);
                if is_person(v, &ws[s..k]) {
                    named = Some(out.len());
                } else {
                    institution = Some(out.len());
                }
                out.push(AttributionMatch {
                    span: (ws[s].start, ws[vi].end),
                    attribution: Attribution { speaker },
                });
                continue;
            }
        }
        // "..., said X" / "\"...\" said X"
        let after_break = vi == 0 || ws[vi - 1].ends_phrase();
        if after_break {
            if let Some((s, t)) = forward_speaker(v, ws, vi + 1) {
                // the speaker must end the clause
                if t == ws.len() || ws[t - 1].ends_phrase() {
                    let speaker = speaker_text(v, sentence, ws, s, t);
                    if is_person(v, &ws[s..t]) {
                        named = Some(out.len());
                    } else {
                        institution = Some(out.len());
                    }
                    out.push(AttributionMatch {
                        span: (ws[vi].start, ws[t - 1].end),
                        attribution: Attribution { speaker },
                    });
                }
            }
        }
    }

    // the last named speaker, else the sentence's titled subject ("U.S. Secretary of State
    // Antony Blinken questioned...")
    let speaker = |k: Option<usize>| {
        k.and_then(|k| out.get(k))
            .map(|m| m.attribution.speaker.clone())
    };
    if let Some(last) =
        speaker(named).or_else(|| titled.then(|| subject_person(v, sentence, ws)).flatten())
    {
        ctx.last_person = Some(last);
    }
    if let Some(last) = speaker(institution) {
        ctx.last_institution = Some(last);
    }
    out.sort_by_key(|m| m.span);
    out
}

/// Where the cues of a sentence can be: see [`cues`].
#[derive(Debug, Clone, Default, PartialEq)]
struct Cues {
    /// Words where a phrase of `according` may start: a non-ASCII word (compared by its full
    /// lower case) or one whose lower-cased form starts one.
    according_at: Vec<usize>,
    /// Words that are one of `verbs` (lower-cased) and do not open a phrase.
    verb_at: Vec<usize>,
    /// Whether one of the first 8 words (all that [`subject_person`] reads) is one of `titles`.
    titled: bool,
}

/// The cues of `ws` (= `words(sentence)`), with one lookup per word in `v.triggers` (usually
/// turned away by its filter). Vectors are only allocated for a sentence that has a cue.
#[cfg(test)]
fn cues(v: &Vocab, sentence: &str, ws: &[Word<'_>]) -> Cues {
    let mut c = Cues::default();
    cues_into(v, sentence, ws, &mut c);
    c
}

/// [`cues`] into `c` (its lists cleared first).
fn cues_into(v: &Vocab, sentence: &str, ws: &[Word<'_>], c: &mut Cues) {
    c.according_at.clear();
    c.verb_at.clear();
    c.titled = false;
    // words are parts of the sentence: all ASCII when it is
    let ascii = sentence.is_ascii();
    for (i, w) in ws.iter().enumerate() {
        let r = v.triggers.get(w.lower());
        if r == 0 && ascii {
            continue;
        }
        if r & role::ACCORDING != 0 || !ascii && !w.text.is_ascii() {
            c.according_at.push(i);
        }
        if r & role::VERB != 0 && !w.starts_phrase() {
            c.verb_at.push(i);
        }
        c.titled |= i < 8 && r & role::TITLE != 0 && v.titles.contains(w.text);
    }
}

fn is_speaker_word(v: &Vocab, w: &Word<'_>) -> bool {
    w.is_capitalized()
        || v.common.contains(w.lower())
        || w.text.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.text.contains('-')
}

/// Speaker words ending just before word `k`, read backwards; returns the first word's index.
fn backward_speaker(v: &Vocab, ws: &[Word<'_>], k: usize) -> Option<usize> {
    let mut s = k;
    let mut determiner = false;
    while s > 0 {
        let w = &ws[s - 1];
        if s < k && w.ends_phrase() {
            break;
        }
        let l = w.lower();
        // "a police officer in Gorkha", "the U.S. Embassy in Kathmandu": a place after the head
        if (l == "in" || l == "at")
            && s < k
            && s >= 2
            && ws[s..k].iter().all(|x| x.is_capitalized())
            && !ws[s - 2].ends_phrase()
            && !v.stop.contains(ws[s - 2].lower())
            && is_speaker_word(v, &ws[s - 2])
        {
            s -= 1;
            continue;
        }
        if v.stop.contains(l) || PERSONAL_PRONOUNS.contains(&l) {
            break;
        }
        if !is_speaker_word(v, w) && !is_plain_word(w) {
            break;
        }
        s -= 1;
        if DETERMINERS.contains(&l) || ["its", "his", "her", "their"].contains(&l) {
            determiner = true;
            break;
        }
        if w.starts_phrase() || k - s >= 8 {
            break;
        }
    }
    // drop leading connectors
    while s < k && ["of", "for", "from"].contains(&ws[s].lower()) {
        s += 1;
    }
    let head = ws[k - 1].lower();
    if s >= k || DETERMINERS.contains(&head) || ["of", "for", "from"].contains(&head) {
        return None;
    }
    // A phrase with a word outside the speaker vocabulary ("the company", "traders") needs a
    // determiner, or must open the sentence or a clause, and be short.
    let known = ws[s..k]
        .iter()
        .all(|w| is_speaker_word(v, w) || w.text == "in" || w.text == "at");
    let opens = s == 0 || ws[s - 1].ends_phrase();
    if !(known || determiner || opens && k - s <= 3) {
        return None;
    }
    Some(s)
}

/// A plain lower-case word ("company", "regulator").
fn is_plain_word(w: &Word<'_>) -> bool {
    !w.text.is_empty()
        && w.text
            .chars()
            .all(|c| c.is_lowercase() || c == '-' || c == '\'' || c == '’')
}

/// Speaker words starting at word `i`, read forwards; returns `[s, t)`.
fn forward_speaker(v: &Vocab, ws: &[Word<'_>], i: usize) -> Option<(usize, usize)> {
    let mut t = i;
    while t < ws.len() && t - i < 8 {
        let w = &ws[t];
        let l = w.lower();
        if t > i && (v.stop.contains(l) || w.starts_phrase()) {
            break;
        }
        if !is_speaker_word(v, w) {
            break;
        }
        // a participle ends the phrase ("official figures released this week")
        if t > i && !w.is_capitalized() && l.ends_with("ed") && !v.common.contains(l) {
            break;
        }
        t += 1;
        if w.ends_phrase() {
            break;
        }
    }
    while t > i && ["of", "for", "from", "the", "a", "an"].contains(&ws[t - 1].lower()) {
        t -= 1;
    }
    (t > i).then_some((i, t))
}

/// The speaker as written, with a sentence-initial common word lower-cased ("The ministry" ->
/// "the ministry", "Officials" -> "officials").
fn speaker_text(v: &Vocab, sentence: &str, ws: &[Word<'_>], s: usize, t: usize) -> String {
    let mut text = sentence
        .get(ws[s].start..ws[t - 1].end)
        .unwrap_or("")
        .to_string();
    let first = ws[s].lower();
    if ws[s].is_capitalized() && v.lowercase.contains(first) {
        if let Some(f) = text.get_mut(..1).filter(|f| f.is_ascii()) {
            // an ASCII capital: one lower-case ASCII letter, as `char::to_lowercase` has it
            f.make_ascii_lowercase();
            return text;
        }
        let mut c = text.chars();
        if let Some(f) = c.next() {
            return f.to_lowercase().collect::<String>() + c.as_str();
        }
    }
    text
}

/// Whether a speaker phrase names a person: a title, or two capitalised words, and not ending in
/// an institution word; never starting with a determiner.
fn is_person(v: &Vocab, ws: &[Word<'_>]) -> bool {
    let Some(first) = ws.first() else {
        return false;
    };
    if DETERMINERS.contains(&first.lower()) {
        return false;
    }
    let Some(last) = ws.last() else {
        return false;
    };
    if !last.is_capitalized() || v.institutions.contains(last.text) || last.text.ends_with("'s") {
        return false;
    }
    let titled = ws.iter().any(|w| v.titles.contains(w.text));
    let caps = ws.iter().filter(|w| w.is_capitalized()).count();
    // a single name ("Xi", "Wang") is a person unless it is a country or a common noun
    let single_name = ws.len() == 1
        && !v.lowercase.contains(last.lower())
        && !v.common.contains(last.lower())
        && !super::membership::is_place(last.text);
    titled || single_name || caps >= 2 && ws.iter().all(|w| w.is_capitalized())
}

/// The titled person opening a sentence, if the sentence opens with one followed by a verb.
fn subject_person(v: &Vocab, sentence: &str, ws: &[Word<'_>]) -> Option<String> {
    let mut t = 0;
    while t < ws.len() && t < 8 {
        let w = &ws[t];
        let ok = w.is_capitalized()
            || (w.lower() == "of" && t > 0 && t + 1 < ws.len() && ws[t + 1].is_capitalized())
            || v.titles.contains(w.text);
        if !ok || w.starts_phrase() && t > 0 {
            break;
        }
        t += 1;
        if w.ends_phrase() {
            return None;
        }
    }
    if t == 0 || t >= ws.len() || !ws[t].text.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    let run = &ws[..t];
    let titled = run.iter().any(|w| v.titles.contains(w.text));
    if !titled || !is_person(v, run) {
        return None;
    }
    sentence
        .get(run[0].start..run[t - 1].end)
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`cues`] computed the plain way, from the vocabulary file's lists.
    fn reference_cues(ws: &[Word<'_>]) -> Cues {
        let f: VocabFile = toml::from_str(crate::vocab::require("vocab/attribution.toml")).unwrap();
        let verbs: Vec<String> = f.verbs.iter().map(|w| w.to_lowercase()).collect();
        let according: Vec<Vec<String>> = f.according.iter().map(|p| phrase_words(p)).collect();
        let titles: Vec<&str> = f.titles.iter().map(|t| t.trim_end_matches('.')).collect();
        let lower = |w: &Word<'_>| w.lower().to_string();
        Cues {
            according_at: (0..ws.len())
                .filter(|&i| {
                    !ws[i].text.is_ascii() || according.iter().any(|p| p[0] == lower(&ws[i]))
                })
                .collect(),
            verb_at: (0..ws.len())
                .filter(|&i| verbs.contains(&lower(&ws[i])) && !ws[i].starts_phrase())
                .collect(),
            titled: ws.iter().take(8).any(|w| titles.contains(&w.text)),
        }
    }

    const CUE_WORDS: &[&str] = &[
        "said",
        "Said",
        "SAID",
        "\"said",
        "(said",
        "said,",
        "says",
        "told",
        "reported",
        "warned",
        "according",
        "According",
        "to",
        "citing",
        "Citing",
        "as",
        "reported",
        "by",
        "Mr.",
        "Mr",
        "mr",
        "MR",
        "President",
        "president",
        "spokesman",
        "Spokesman",
        "Gen.",
        "Gen",
        "Minister",
        "Chief",
        "chief",
        "Tokayev",
        "the",
        "ministry",
        "he",
        "Saïd",
        "sáid",
        "Président",
        "—",
        "",
        "sand",
        "seed",
        "aid",
        "1,000",
        "people",
        "killed",
        "On",
        "Friday",
    ];

    proptest::proptest! {
        /// The cues found with the trigger table are those of the plain lists.
        #[test]
        fn cues_are_those_of_the_lists(picks in proptest::collection::vec(0..CUE_WORDS.len(), 0..12)) {
            let sentence: Vec<&str> = picks.iter().map(|&k| CUE_WORDS[k]).collect();
            let sentence = sentence.join(" ");
            let ws = words(&sentence);
            proptest::prop_assert_eq!(cues(vocab(), &sentence, &ws), reference_cues(&ws), "{:?}", sentence);
        }
    }

    /// Each kind of cue is found; a sentence without one yields nothing and changes nothing
    /// but the titled subject.
    #[test]
    fn cue_kinds_and_sentences_without_cues() {
        let v = vocab();
        let c = |s: &str| cues(v, s, &words(s));
        let plain = "Police fired on 12 people in the city on Friday.";
        assert_eq!(c(plain), Cues::default());
        assert_eq!(c("Officials said so.").verb_at, vec![1]);
        assert_eq!(c("\"Said\" is a verb.").verb_at, Vec::<usize>::new());
        assert_eq!(
            c("It was so, according to the ministry.").according_at,
            vec![3]
        );
        assert_eq!(c("It was so, citing the ministry.").according_at, vec![3]);
        assert_eq!(
            c("It was so, as reported by Reuters.").according_at,
            vec![3]
        );
        assert_eq!(c("Café owners fled.").according_at, vec![0]);
        assert!(c("Kazakh President Tokayev left.").titled);
        assert!(!c("One two three four five six seven eight President Tokayev left.").titled);
        assert!(!c("The president left.").titled);

        let mut ctx = SpeakerContext {
            last_person: Some("Xi".into()),
            last_institution: Some("the Kremlin".into()),
            ..SpeakerContext::default()
        };
        assert_eq!(find(plain, &mut ctx), vec![]);
        assert_eq!(ctx.last_person.as_deref(), Some("Xi"));
        assert_eq!(ctx.last_institution.as_deref(), Some("the Kremlin"));
        // no cue, but a titled subject: remembered for "he said"
        assert_eq!(
            find(
                "Kazakh President Kassym-Jomart Tokayev left Almaty.",
                &mut ctx
            ),
            vec![]
        );
        assert_eq!(
            ctx.last_person.as_deref(),
            Some("Kazakh President Kassym-Jomart Tokayev")
        );
        assert_eq!(ctx.last_institution.as_deref(), Some("the Kremlin"));
    }

    fn run(sentences: &[&str]) -> Vec<Vec<(String, String)>> {
        let mut ctx = SpeakerContext::default();
        sentences
            .iter()
            .map(|s| {
                find(s, &mut ctx)
                    .into_iter()
                    .map(|m| (s[m.span.0..m.span.1].to_string(), m.attribution.speaker))
                    .collect()
            })
            .collect()
    }

    fn one(s: &str) -> Vec<(String, String)> {
        run(&[s]).remove(0)
    }

    fn p(a: &str, b: &str) -> (String, String) {
        (a.into(), b.into())
    }

    #[test]
    fn speaker_before_verb() {
        assert_eq!(
            one("The Interior Ministry said 5,969 people had been detained."),
            vec![p("The Interior Ministry said", "the Interior Ministry")]
        );
        assert_eq!(
            one("Foreign Ministry spokesman Wang Wenbin said that members were ready."),
            vec![p(
                "Foreign Ministry spokesman Wang Wenbin said",
                "Foreign Ministry spokesman Wang Wenbin"
            )]
        );
        assert_eq!(
            one("On Saturday the National Security Committee said that its former head had been arrested."),
            vec![p(
                "the National Security Committee said",
                "the National Security Committee"
            )]
        );
        assert_eq!(
            one("Mr. Tokayev told parliament that the force comprised 2,030 troops."),
            vec![p("Mr. Tokayev told", "Mr. Tokayev")]
        );
        assert_eq!(
            one("\"This will be a transformative summit,\" a senior NATO official told reporters."),
            vec![p("a senior NATO official told", "a senior NATO official")]
        );
        assert_eq!(
            one("Officials say that over a dozen officers have been killed."),
            vec![p("Officials say", "officials")]
        );
    }

    #[test]
    fn plain_nouns_as_speakers() {
        assert_eq!(
            one("The company said output would fall."),
            vec![p("The company said", "the company")]
        );
        assert_eq!(
            one("Prices rose sharply, traders said."),
            vec![p("traders said", "traders")]
        );
        assert_eq!(
            one("The regulator reportedly said the deal was off."),
            vec![p("The regulator reportedly said", "the regulator")]
        );
        // an unknown lower-case run with no determiner is not a speaker
        assert_eq!(
            one("Prices of fuel rose and gas stations said nothing."),
            vec![]
        );
    }

    #[test]
    fn speaker_with_place() {
        assert_eq!(
            one("\"We fear the worst,\" a police officer in Gorkha said."),
            vec![p(
                "a police officer in Gorkha said",
                "a police officer in Gorkha"
            )]
        );
        assert_eq!(
            one("The US released $1 million in aid, the U.S. Embassy in Kathmandu said."),
            vec![p(
                "the U.S. Embassy in Kathmandu said",
                "the U.S. Embassy in Kathmandu"
            )]
        );
        assert_eq!(
            one("\"They are scared again,\" one aid worker in Kathmandu said."),
            vec![p(
                "one aid worker in Kathmandu said",
                "one aid worker in Kathmandu"
            )]
        );
        // a bare place before the verb stays a place-like speaker, not a clause
        assert_eq!(
            one("Protesters in Almaty said they would stay."),
            vec![p("Protesters in Almaty said", "Protesters in Almaty")]
        );
    }

    #[test]
    fn speaker_after_comma() {
        assert_eq!(
            one("Internet access was partly restored in the city, residents said."),
            vec![p("residents said", "residents")]
        );
        assert_eq!(
            one("He said Tokayev has acted decisively, state-run Xinhua news agency reported."),
            vec![
                p("He said", "he"),
                p(
                    "state-run Xinhua news agency reported",
                    "state-run Xinhua news agency"
                )
            ]
        );
        assert_eq!(
            one("Oil output was reduced, operator Tengizchevroil said."),
            vec![p("operator Tengizchevroil said", "operator Tengizchevroil")]
        );
        assert_eq!(
            one("The steps will augment our strength, said Mr. Biden."),
            vec![p("said Mr. Biden", "Mr. Biden")]
        );
    }

    #[test]
    fn according_to() {
        assert_eq!(
            one("According to the ministry, 18 members of the security forces died."),
            vec![p("According to the ministry", "the ministry")]
        );
        assert_eq!(
            one("The unrest left more than 200 people dead, according to official figures released this week."),
            vec![p("according to official figures", "official figures")]
        );
        assert_eq!(
            one("Another 353 officers were injured, the broadcaster said, citing the Interior Ministry."),
            vec![
                p("the broadcaster said", "the broadcaster"),
                p("citing the Interior Ministry", "the Interior Ministry")
            ]
        );
    }

    #[test]
    fn statements_and_quotes() {
        assert_eq!(
            one("Xi said in a verbal message to Tokayev that China opposes any force."),
            vec![p("Xi said", "Xi")]
        );
        assert_eq!(
            one("\"I have given the order to shoot,\" Mr. Tokayev said."),
            vec![p("Mr. Tokayev said", "Mr. Tokayev")]
        );
        assert_eq!(
            one("Health Ministry figures reported by local media showed that 164 people died."),
            vec![]
        );
        assert_eq!(one("The price was reported to be high."), vec![]);
        assert_eq!(
            one("Tokayev on Friday said he has permitted law enforcement to open fire."),
            vec![p("Tokayev on Friday said", "Tokayev")]
        );
    }

    #[test]
    fn pronouns_resolve_to_last_named_person() {
        let got = run(&[
            "\"I intend to act as tough as possible,\" Mr. Tokayev said.",
            "U.S. Secretary of State Antony Blinken questioned the need for foreign troops.",
            "\"Once Russians are in your house, it's difficult to get them to leave,\" he said.",
        ]);
        assert_eq!(
            got[2],
            vec![p("he said", "U.S. Secretary of State Antony Blinken")]
        );

        let got = run(&["Wang Wenbin said China was ready.", "She said nothing."]);
        assert_eq!(got[1], vec![p("She said", "Wang Wenbin")]);

        // no named person before: the pronoun stays
        assert_eq!(
            one("\"As head of state, I intend to act,\" he said in a televised address."),
            vec![p("he said", "he")]
        );
        // institutions are not persons; "it" resolves to the last institution
        let got = run(&[
            "The Kremlin said the mission was limited.",
            "He said more.",
            "It added that 317 police officers were injured.",
        ]);
        assert_eq!(got[1], vec![p("He said", "he")]);
        assert_eq!(got[2], vec![p("It added", "the Kremlin")]);
        // a single name is a person, a country is not
        let got = run(&[
            "Xi said China opposes it.",
            "China said so.",
            "He said more.",
        ]);
        assert_eq!(got[2], vec![p("He said", "Xi")]);
    }
}
