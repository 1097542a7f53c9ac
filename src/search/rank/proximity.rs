//! The phrase bonus: pages and notes that have the query's words side by
//! side, in order, rank higher.

use std::collections::HashMap;

use super::super::SearchIndex;
use super::super::text::Token;
use super::{Group, PROXIMITY, PROXIMITY_CANDIDATES, Scored, Source};

/// A note that has the query as typed, word for word: the learner is
/// looking for their own words, which outrank a title that only looks like
/// them (a typo away).
const EXACT_IN_NOTE: f32 = 2.0;

impl SearchIndex {
    /// Raises notes that have the query word for word, then the best pages
    /// and notes that have the query's words side by side, in order ("read a
    /// file"), and their passages with them.
    pub(super) fn add_proximity(
        &self,
        tokens: &[Token],
        groups: &[Group],
        content: u64,
        scored: &mut [Scored],
        passage_scores: &mut [f32],
    ) {
        let content_count = content.count_ones();
        // The query's words from its first to its last that counts, as typed.
        let typed: Option<Vec<u32>> = {
            let first = content.trailing_zeros() as usize;
            let last = 63 - content.leading_zeros() as usize;
            tokens
                .get(first..=last)
                .unwrap_or_default()
                .iter()
                .map(|t| self.vocabulary.get(&t.word).copied())
                .collect()
        };
        if let Some(typed) = typed.filter(|t| !t.is_empty()) {
            for entry in scored.iter_mut() {
                if let Source::Note(n) = entry.source
                    && self.notes[n as usize]
                        .sequence
                        .windows(typed.len())
                        .any(|w| w == typed.as_slice())
                {
                    entry.score *= EXACT_IN_NOTE;
                }
            }
        }
        if content_count < 2 {
            return;
        }
        // Term to the query words it can stand for.
        let mut positions: HashMap<u32, u64> = HashMap::new();
        for (i, token) in tokens.iter().enumerate() {
            if let Some(&id) = self.vocabulary.get(&token.word) {
                *positions.entry(id).or_default() |= 1 << i;
            }
        }
        for group in groups.iter().filter(|g| g.covers.count_ones() == 1) {
            for &(term, _) in group.terms.iter() {
                *positions.entry(term).or_default() |= group.covers;
            }
        }
        let run_bonus = |sequence: &[u32]| {
            let run = longest_run(sequence, &positions, tokens.len(), content);
            if run < 2 {
                return 1.0;
            }
            #[allow(clippy::cast_precision_loss)] // at most 24 words
            let share = (run - 1) as f32 / (content_count - 1) as f32;
            1.0 + PROXIMITY * share
        };
        scored.sort_by(|a, b| b.score.total_cmp(&a.score));
        for entry in scored.iter_mut().take(PROXIMITY_CANDIDATES) {
            let bonus = match entry.source {
                Source::Doc(d) => {
                    let mut best: Vec<(u32, f32)> = self.docs[d as usize]
                        .passages
                        .clone()
                        .map(|p| (p, passage_scores[p as usize]))
                        .filter(|&(_, s)| s > 0.0)
                        .collect();
                    best.sort_by(|a, b| b.1.total_cmp(&a.1));
                    let mut doc_bonus: f32 = 1.0;
                    for &(p, _) in best.iter().take(3) {
                        let bonus = run_bonus(&self.passages[p as usize].sequence);
                        passage_scores[p as usize] *= bonus;
                        doc_bonus = doc_bonus.max(bonus);
                    }
                    doc_bonus
                }
                Source::Note(n) => run_bonus(&self.notes[n as usize].sequence),
            };
            entry.score *= bonus;
        }
    }
}

/// The most query words (counting only those in `content`) found one after
/// another, in the query's order, in `sequence`.
fn longest_run(sequence: &[u32], positions: &HashMap<u32, u64>, words: usize, content: u64) -> u32 {
    // run[i]: content words in the run that ends with query word i here.
    let mut previous = vec![None::<u32>; words];
    let mut current = vec![None::<u32>; words];
    let mut best = 0;
    for term in sequence {
        let matches = positions.get(term).copied().unwrap_or(0);
        for i in 0..words {
            current[i] = (matches & (1 << i) != 0).then(|| {
                let before = if i > 0 {
                    previous[i - 1].unwrap_or(0)
                } else {
                    0
                };
                before + u32::from(content & (1 << i) != 0)
            });
            // A run may only start at a word that counts or carry on one.
            if i > 0 && previous[i - 1].is_none() && content & (1 << i) == 0 {
                current[i] = None;
            }
            if let Some(run) = current[i] {
                best = best.max(run);
            }
        }
        std::mem::swap(&mut previous, &mut current);
    }
    best
}
