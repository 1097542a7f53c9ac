//! Turning a scored page or note into a result: which words to mark, and
//! the snippet around the first of them.

use std::collections::HashMap;
use std::ops::Range;

use super::super::text::{self, Snippet, Styled, Token};
use super::super::{Field, Hit, Kind, SearchIndex};
use super::{Group, Scored, Source};

/// What to mark in snippets.
#[derive(Default)]
pub(super) struct Marker {
    /// Word to how many typed characters to mark (None: all of it).
    pub words: HashMap<String, Option<usize>>,
    pub terms: std::collections::HashSet<u32>,
}

impl SearchIndex {
    /// Which words of a text to mark: word to how many typed characters
    /// (None: the whole word), and the same by term id.
    pub(super) fn marker(&self, groups: &[Group]) -> Marker {
        let mut marker = Marker::default();
        for group in groups {
            for &(term, _) in group.terms.iter() {
                let word = &self.words[term as usize];
                let typed_chars = group.typed.chars().count();
                let part = (word.starts_with(group.typed.as_str())
                    && word.len() > group.typed.len()
                    && text::match_quality(&group.typed, word).is_some_and(|q| q < 0.9))
                .then_some(typed_chars);
                let entry = marker.words.entry(word.clone()).or_insert(part);
                if part.is_none() {
                    *entry = None;
                }
                marker.terms.insert(term);
            }
        }
        marker
    }

    /// Byte ranges of `text` to mark for the query.
    pub(super) fn marks(text: &str, marker: &Marker) -> Vec<Range<usize>> {
        let ranges: Vec<Range<usize>> = text::word_ranges(text).collect();
        let mut marks: Vec<Range<usize>> = Vec::new();
        let lookup = |word: &str| marker.words.get(word);
        // One buffer for the lowercase words: snippets are built per keystroke.
        let mut word = String::new();
        let lower = |at: &Range<usize>, into: &mut String| {
            into.clear();
            into.extend(text[at.clone()].chars().flat_map(char::to_lowercase));
        };
        let mut joined = String::new();
        for (i, at) in ranges.iter().enumerate() {
            if marks.last().is_some_and(|m| m.end > at.start) {
                continue;
            }
            lower(at, &mut word);
            if let Some(next) = ranges.get(i + 1)
                && &text[at.end..next.start] == "-"
            {
                lower(next, &mut joined);
                joined.insert_str(0, &word);
                if lookup(&joined).is_some() {
                    marks.push(at.start..next.end);
                    continue;
                }
            }
            let found = lookup(&word).or_else(|| {
                word.split('_')
                    .filter(|part| !part.is_empty() && word.contains('_'))
                    .find_map(|part| lookup(part).map(|_| &None))
            });
            match found {
                Some(None) => marks.push(at.clone()),
                Some(Some(chars)) => {
                    let end = text[at.clone()]
                        .char_indices()
                        .nth(*chars)
                        .map_or(at.end, |(i, _)| at.start + i);
                    marks.push(at.start..end);
                }
                None => {}
            }
        }
        marks
    }

    /// A passage's snippet around its first matched word, and that word.
    /// Only the shown window is read closely: passages and notes can be long.
    pub(super) fn snippet(
        text: &Styled,
        sequence: &[u32],
        marker: &Marker,
    ) -> (Snippet, Option<String>) {
        let first = sequence
            .iter()
            .position(|t| marker.terms.contains(t))
            .and_then(|k| text::word_ranges(&text.text).nth(k))
            .map(|r| r.start);
        // Matched only through a part of a word: find it the slow way.
        let first = first.unwrap_or_else(|| {
            Self::marks(&text.text, marker)
                .first()
                .map_or(0, |r| r.start)
        });
        let window = text::window(&text.text, first);
        let marks: Vec<Range<usize>> = Self::marks(&text.text[window.clone()], marker)
            .into_iter()
            .map(|r| r.start + window.start..r.end + window.start)
            .collect();
        let term = marks.first().map(|m| text.text[m.clone()].to_lowercase());
        (text::snippet(text, window, &marks), term)
    }

    /// The result for a scored page or note, with its snippet.
    pub(super) fn hit(
        &self,
        scored: &Scored,
        kinds: &[Kind],
        content: u64,
        passage_scores: &[f32],
        marker: &Marker,
        tokens: &[Token],
    ) -> Option<Hit> {
        let fallback_term = || {
            tokens
                .iter()
                .enumerate()
                .find(|(i, _)| content & (1 << i) != 0)
                .map(|(_, t)| t.word.clone())
                .unwrap_or_default()
        };

        match scored.source {
            Source::Note(n) => {
                let note = &self.notes[n as usize];
                let (snippet, term) = Self::snippet(&note.text, &note.sequence, marker);
                Some(Hit {
                    kind: Kind::Note,
                    section: note.section,
                    topic: Some(note.topic.clone()),
                    block: None,
                    location: note.location.clone(),
                    term: term.unwrap_or_else(fallback_term),
                    snippet: snippet.text,
                    highlights: snippet.highlights,
                    styles: snippet.styles,
                    passage: None,
                    score: scored.score,
                })
            }
            Source::Doc(d) => {
                let doc = &self.docs[d as usize];
                let best = doc
                    .passages
                    .clone()
                    .filter(|&p| {
                        let field = self.passages[p as usize].field;
                        !matches!(field, Field::Title | Field::Section)
                            && kinds.contains(&field.kind())
                    })
                    .map(|p| (p, passage_scores[p as usize]))
                    .filter(|&(_, s)| s > 0.0)
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                    .map(|(p, _)| &self.passages[p as usize]);
                let passage_snippet = best.map(|p| Self::snippet(&p.text, &p.sequence, marker));
                let title_answers = (scored.title_covers & content).count_ones();
                let is_title = kinds.contains(&Kind::Title)
                    && (2 * title_answers >= content.count_ones() || best.is_none());
                let (section, topic) = (doc.section, doc.topic.clone());
                if is_title {
                    let marks = Self::marks(&doc.title, marker);
                    let title_term = || {
                        marks
                            .first()
                            .map_or_else(fallback_term, |m| doc.title[m.clone()].to_lowercase())
                    };
                    // A title that answers only part of the query ("list
                    // comprehension") opens at the passage shown under it,
                    // which answers the rest.
                    let (block, term) = match (best, &passage_snippet) {
                        (Some(passage), Some((_, term)))
                            if title_answers < content.count_ones() && passage.block.is_some() =>
                        {
                            (passage.block, term.clone().unwrap_or_else(title_term))
                        }
                        _ => (None, title_term()),
                    };
                    return Some(Hit {
                        kind: Kind::Title,
                        section,
                        topic,
                        block,
                        location: doc.title_location.clone(),
                        snippet: doc.title.clone(),
                        highlights: marks.clone(),
                        styles: Vec::new(),
                        term,
                        passage: passage_snippet.map(|(s, _)| s),
                        score: scored.score,
                    });
                }
                let passage = best?;
                let (snippet, term) = passage_snippet?;
                let term = term.unwrap_or_else(fallback_term);
                Some(Hit {
                    kind: passage.field.kind(),
                    section,
                    topic,
                    block: passage.block,
                    location: doc.location.clone(),
                    snippet: snippet.text,
                    highlights: snippet.highlights,
                    styles: snippet.styles,
                    passage: None,
                    term,
                    score: scored.score,
                })
            }
        }
    }
}
