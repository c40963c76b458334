//! Alignment: groups the sentences of all sources that say the same thing.
//!
//! Input: a slice of [`Document`]s. Output: [`Alignment`], a list of [`Group`]s, each holding at
//! most one sentence per source, with a similarity score. Candidates come from an inverted index
//! of content words, so cost does not grow with the square of all sentences; numbers are compared
//! as a class so that "12 officers were killed" and "18 officers were killed" align.

use serde::Serialize;

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
                out[m.source][m.sentence] = Some(g);
            }
        }
        out
    }
}

/// Tunables of the aligner.
#[derive(Debug, Clone, PartialEq)]
pub struct AlignConfig {
    /// Minimum similarity for two sentences to be linked.
    pub threshold: f64,
    /// Weight of the token-set measure; the character measure gets `1 - token_weight`.
    pub token_weight: f64,
}

impl Default for AlignConfig {
    fn default() -> Self {
        Self {
            threshold: 0.5,
            token_weight: 0.7,
        }
    }
}

/// Align the sentences of all documents.
pub fn align(docs: &[Document], config: &AlignConfig) -> Alignment {
    let _ = (docs, config);
    todo!("align::align")
}
