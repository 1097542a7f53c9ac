//! Finding the lesson about a thing: topic and section titles, headings,
//! lesson prose, code and the learner's notes, ranked by relevance (BM25 with
//! field weights, a bonus for the query's words side by side, and the pack's
//! aliases). Typos, plurals and identifiers are forgiven; words such as "how"
//! and "the" do not match on their own. One result per topic, with its best
//! passage. An inverted index keeps a keystroke well under a millisecond.
//! No egui here.

mod build;
mod rank;
mod text;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

pub use text::{Snippet, Style};

use text::Styled;

/// Where a hit was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Title,
    Lesson,
    Code,
    Note,
}

impl Kind {
    /// Every kind, in the order the palette's filters show them.
    pub const ALL: [Self; 4] = [Self::Title, Self::Lesson, Self::Code, Self::Note];

    /// The name shown beside a result and on the filter.
    pub fn label(self) -> &'static str {
        match self {
            Self::Title => "Title",
            Self::Lesson => "Lesson",
            Self::Code => "Code",
            Self::Note => "Note",
        }
    }
}

/// One search result: a topic (or section overview) with its best passage,
/// or one of the learner's notes.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub kind: Kind,
    pub section: usize,
    /// The topic; None for a section's overview.
    pub topic: Option<String>,
    /// The top-level lesson block the match is in, to scroll to.
    pub block: Option<usize>,
    /// "Section › Topic" (the section alone for a topic's title).
    pub location: String,
    /// Text around the match, on one line.
    pub snippet: String,
    /// Byte ranges of `snippet` to highlight.
    pub highlights: Vec<Range<usize>>,
    /// Byte ranges of `snippet` in code, italics or bold, as in the lesson.
    pub styles: Vec<(Range<usize>, Style)>,
    /// For a title: the passage of the lesson that matches best.
    pub passage: Option<Snippet>,
    /// The matched word, to mark in the lesson once opened.
    pub term: String,
    score: f32,
}

impl Hit {
    /// How relevant it is (only comparable within one search).
    pub fn score(&self) -> f32 {
        self.score
    }
}

/// What part of a page a passage is; the parts weigh differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    Title,
    Section,
    Heading,
    Prose,
    Code,
    Output,
}

impl Field {
    fn kind(self) -> Kind {
        match self {
            Self::Title | Self::Section => Kind::Title,
            Self::Heading | Self::Prose => Kind::Lesson,
            Self::Code | Self::Output => Kind::Code,
        }
    }

    /// How much a word here says about what the page is about.
    fn weight(self) -> f32 {
        match self {
            Self::Title => 6.0,
            Self::Section => 1.5,
            Self::Heading => 3.0,
            Self::Prose => 1.0,
            Self::Code => 0.5,
            Self::Output => 0.25,
        }
    }
}

/// A topic or a section's overview.
struct Doc {
    section: usize,
    topic: Option<String>,
    title: String,
    /// Where its title hit is: the section (or "Section N").
    title_location: String,
    /// Where its text hits are: "Section › Topic".
    location: String,
    /// Words in it, for length normalisation.
    length: f32,
    /// Words in its title that count (not stop words).
    title_words: usize,
    passages: Range<u32>,
}

struct Passage {
    doc: u32,
    field: Field,
    block: Option<usize>,
    text: Styled,
    /// Its words in order, as term ids, for the phrase bonus.
    sequence: Vec<u32>,
}

struct Note {
    section: usize,
    topic: String,
    text: Styled,
    location: String,
    /// (term, count) of its words, to remove them when it changes.
    terms: Vec<(u32, u16)>,
    sequence: Vec<u32>,
    length: f32,
}

/// The index over one course and the learner's notes.
pub struct SearchIndex {
    docs: Vec<Doc>,
    passages: Vec<Passage>,
    /// Every word of the course and the notes, to its term id.
    vocabulary: BTreeMap<String, u32>,
    /// Term id to word.
    words: Vec<String>,
    /// (first letter, second letter, term id) by the word's length in
    /// characters, for typo matching without reading every word.
    by_length: Vec<Vec<(char, char, u32)>>,
    /// Term id to (passage, count), while building.
    postings: Vec<Vec<(u32, u16)>>,
    /// The same, built: one array, each term's run starting at
    /// `posting_starts[term]` (close together, so a search reads little).
    flat_postings: Vec<(u32, u16)>,
    posting_starts: Vec<u32>,
    /// (doc, field) of each passage, apart from its text, for scoring.
    passage_fields: Vec<(u32, Field)>,
    /// Term id to (note slot, count); emptied notes keep their slot.
    note_postings: Vec<Vec<(u32, u16)>>,
    notes: Vec<Note>,
    note_slots: HashMap<String, usize>,
    /// Topic id to (section index, "Section › Topic"), for notes.
    topic_places: HashMap<String, (usize, String)>,
    /// Topic id to its doc.
    topic_docs: HashMap<String, u32>,
    aliases: Vec<rank::Alias>,
    /// English stems of the vocabulary's words, to their term ids.
    stems: HashMap<String, Vec<u32>>,
    stemmer: rust_stemmers::Stemmer,
    /// A typed word to the terms it matches and how well; kept while the
    /// vocabulary stays the same, so each keystroke looks up one new word.
    expansions: HashMap<String, Arc<Vec<(u32, f32)>>>,
    average_length: f32,
}

impl SearchIndex {
    /// The terms of a text with how often each occurs.
    fn counts(&mut self, text: &str) -> Vec<(u32, u16)> {
        let mut counts: BTreeMap<u32, u16> = BTreeMap::new();
        for word in text::index_words(text) {
            let term = self.term(&word);
            let count = counts.entry(term).or_default();
            *count = count.saturating_add(1);
        }
        counts.into_iter().collect()
    }

    /// The term id of a word, adding it to the vocabulary if new.
    fn term(&mut self, word: &str) -> u32 {
        if let Some(&id) = self.vocabulary.get(word) {
            return id;
        }
        let id = to_u32(self.words.len());
        self.vocabulary.insert(word.to_owned(), id);
        self.words.push(word.to_owned());
        let length = word.chars().count();
        if self.by_length.len() <= length {
            self.by_length.resize_with(length + 1, Vec::new);
        }
        let mut chars = word.chars();
        let (a, b) = (chars.next(), chars.next());
        self.by_length[length].push((a.unwrap_or(' '), b.unwrap_or(' '), id));
        if length >= 4 && word.chars().all(char::is_alphabetic) {
            let stem = self.stemmer.stem(word).into_owned();
            self.stems.entry(stem).or_default().push(id);
        }
        if self.passage_fields.is_empty() {
            // Still building: course words get postings.
            self.postings.push(Vec::new());
        }
        self.note_postings.push(Vec::new());
        // A new word may be what an earlier typed word stands for.
        self.expansions.clear();
        id
    }

    /// Sets the learner's note on a topic (empty to remove it). Notes on
    /// topics the course no longer has are searchable too.
    pub fn set_note(&mut self, topic: &str, note: &str) {
        let slot = match self.note_slots.get(topic) {
            Some(&slot) if self.notes[slot].text.text == note => return,
            Some(&slot) => slot,
            None if note.trim().is_empty() => return,
            None => {
                let (section, location) = self
                    .topic_places
                    .get(topic)
                    .cloned()
                    .unwrap_or_else(|| (0, format!("Notes › {topic}")));
                self.notes.push(Note {
                    section,
                    topic: topic.to_owned(),
                    text: Styled::default(),
                    location,
                    terms: Vec::new(),
                    sequence: Vec::new(),
                    length: 0.0,
                });
                self.note_slots
                    .insert(topic.to_owned(), self.notes.len() - 1);
                self.notes.len() - 1
            }
        };
        let id = to_u32(slot);
        for (term, _) in std::mem::take(&mut self.notes[slot].terms) {
            let postings = &mut self.note_postings[term as usize];
            if let Ok(at) = postings.binary_search_by_key(&id, |p| p.0) {
                postings.remove(at);
            }
        }
        let terms = self.counts(note);
        for &(term, count) in &terms {
            let postings = &mut self.note_postings[term as usize];
            if let Err(at) = postings.binary_search_by_key(&id, |p| p.0) {
                postings.insert(at, (id, count));
            }
        }
        let sequence: Vec<u32> = text::tokens(note)
            .into_iter()
            .map(|t| self.term(&t.word))
            .collect();
        let entry = &mut self.notes[slot];
        #[allow(clippy::cast_precision_loss)] // notes have far fewer than 2^24 words
        {
            entry.length = sequence.len() as f32;
        }
        entry.sequence = sequence;
        entry.terms = terms;
        entry.text = plain(note);
    }

    /// The passages a term is in, with counts.
    fn course_postings(&self, term: u32) -> &[(u32, u16)] {
        let term = term as usize;
        match (
            self.posting_starts.get(term),
            self.posting_starts.get(term + 1),
        ) {
            (Some(&start), Some(&end)) => &self.flat_postings[start as usize..end as usize],
            _ => &[],
        }
    }

    /// Forgets the words already expanded, so the next search does all of
    /// its work (for the benchmark).
    pub fn forget_expansions(&mut self) {
        self.expansions.clear();
    }

    /// How many passages and notes are indexed (for the benchmark).
    pub fn size(&self) -> (usize, usize) {
        (
            self.passages.len(),
            self.notes
                .iter()
                .filter(|n| !n.text.text.is_empty())
                .count(),
        )
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn plain(text: &str) -> Styled {
    let mut styled = Styled::default();
    styled.push_plain(text);
    styled
}

#[cfg(test)]
mod tests;
