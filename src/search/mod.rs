//! Finding the lesson about a thing: topic and section titles, headings,
//! lesson prose, code and the learner's notes, ranked by relevance (BM25 with
//! field weights, a bonus for the query's words side by side, and the pack's
//! aliases). Typos, plurals and identifiers are forgiven; words such as "how"
//! and "the" do not match on their own. One result per topic, with its best
//! passage. An inverted index keeps a keystroke well under a millisecond.
//! No egui here.

mod rank;
mod text;

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::sync::Arc;

pub use text::{Snippet, Style};

use crate::course::markdown::Span;
use crate::course::{Block, Course, Document};
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
    /// Indexes every title, heading, paragraph and code block of the course.
    pub fn build(course: &Course) -> Self {
        let mut index = Self {
            docs: Vec::new(),
            passages: Vec::new(),
            vocabulary: BTreeMap::new(),
            words: Vec::new(),
            by_length: Vec::new(),
            postings: Vec::new(),
            flat_postings: Vec::new(),
            posting_starts: vec![0],
            passage_fields: Vec::new(),
            note_postings: Vec::new(),
            notes: Vec::new(),
            note_slots: HashMap::new(),
            topic_places: HashMap::new(),
            topic_docs: HashMap::new(),
            aliases: Vec::new(),
            stems: HashMap::new(),
            stemmer: rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English),
            expansions: HashMap::new(),
            average_length: 1.0,
        };
        for (section_index, section) in course.sections.iter().enumerate() {
            index.add_doc(
                section_index,
                None,
                &section.title,
                format!("Section {}", section_index + 1),
                section.title.clone(),
                None,
                section.overview(),
            );
            for topic in &section.topics {
                let location = format!("{} › {}", section.title, topic.title);
                index
                    .topic_places
                    .insert(topic.id.clone(), (section_index, location.clone()));
                index.add_doc(
                    section_index,
                    Some(&topic.id),
                    &topic.title,
                    section.title.clone(),
                    location,
                    Some(&section.title),
                    topic.doc(),
                );
            }
        }
        for postings in std::mem::take(&mut index.postings) {
            index.flat_postings.extend(postings);
            let end = to_u32(index.flat_postings.len());
            index.posting_starts.push(end);
        }
        index.passage_fields = index.passages.iter().map(|p| (p.doc, p.field)).collect();
        #[allow(clippy::cast_precision_loss)] // a course has far fewer than 2^24 docs
        let count = index.docs.len().max(1) as f32;
        index.average_length = index.docs.iter().map(|d| d.length).sum::<f32>() / count;
        index.aliases = course
            .aliases
            .iter()
            .map(|alias| rank::Alias {
                say: text::tokens(&alias.say)
                    .into_iter()
                    .map(|t| t.word)
                    .collect(),
                means: text::tokens(&alias.means)
                    .into_iter()
                    .map(|t| t.word)
                    .filter(|w| !text::is_stop_word(w))
                    .collect(),
                docs: alias
                    .topics
                    .iter()
                    .filter_map(|t| index.topic_docs.get(t).copied())
                    .collect(),
            })
            .filter(|alias| !alias.say.is_empty())
            .collect();
        index
    }

    #[allow(clippy::too_many_arguments)] // one call per kind of page, each names them all
    fn add_doc(
        &mut self,
        section: usize,
        topic: Option<&str>,
        title: &str,
        title_location: String,
        location: String,
        section_title: Option<&str>,
        doc: &Document,
    ) {
        let id = to_u32(self.docs.len());
        let first = to_u32(self.passages.len());
        let mut length = 0;
        let mut add = |index: &mut Self, field, block, text: Styled| {
            length += index.add_passage(id, field, block, text);
        };
        add(self, Field::Title, None, plain(title));
        if let Some(section_title) = section_title {
            add(self, Field::Section, None, plain(section_title));
        }
        for (block_index, block) in doc.blocks.iter().enumerate() {
            let mut prose = Styled::default();
            let mut codes = Vec::new();
            collect_text(block, &mut prose, &mut codes);
            let field = if matches!(block, Block::Heading { .. }) {
                Field::Heading
            } else {
                Field::Prose
            };
            add(self, field, Some(block_index), prose);
            for (field, code) in codes {
                add(self, field, Some(block_index), plain(&code));
            }
        }
        if let Some(topic) = topic {
            self.topic_docs.insert(topic.to_owned(), id);
        }
        #[allow(clippy::cast_precision_loss)] // lessons have far fewer than 2^24 words
        self.docs.push(Doc {
            section,
            topic: topic.map(str::to_owned),
            title: title.to_owned(),
            title_location,
            location,
            length: length as f32,
            title_words: text::tokens(title)
                .iter()
                .filter(|t| !text::is_stop_word(&t.word))
                .count()
                .max(1),
            passages: first..to_u32(self.passages.len()),
        });
    }

    /// Adds one passage; returns how many words it has.
    fn add_passage(&mut self, doc: u32, field: Field, block: Option<usize>, text: Styled) -> usize {
        if text.text.trim().is_empty() {
            return 0;
        }
        let id = to_u32(self.passages.len());
        let sequence = text::tokens(&text.text)
            .into_iter()
            .map(|t| self.term(&t.word))
            .collect::<Vec<_>>();
        for (term, count) in self.counts(&text.text) {
            self.postings[term as usize].push((id, count));
        }
        let length = sequence.len();
        self.passages.push(Passage {
            doc,
            field,
            block,
            text,
            sequence,
        });
        length
    }

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

/// The prose of one block (and the blocks inside it) with its styles, and its
/// code and output.
fn collect_text(block: &Block, prose: &mut Styled, codes: &mut Vec<(Field, String)>) {
    match block {
        Block::Heading { spans, .. } | Block::Paragraph(spans) => prose.push_spans(spans),
        Block::Code(code) => {
            codes.push((Field::Code, code.text.clone()));
            if let Some(output) = &code.output {
                codes.push((Field::Output, output.clone()));
            }
        }
        Block::Table { header, rows } => {
            for cell in header.iter().chain(rows.iter().flatten()) {
                prose.push_spans(cell);
            }
        }
        Block::Quiz(questions) => {
            for q in questions {
                prose.push_spans(&q.rich().question);
                prose.push_spans(&q.rich().explain);
            }
        }
        Block::List { items, .. } => {
            for inner in items.iter().flatten() {
                collect_text(inner, prose, codes);
            }
        }
        Block::Quote(inner) => {
            for block in inner {
                collect_text(block, prose, codes);
            }
        }
        // A picture's alt text says what it shows: it is found like prose.
        Block::Image { alt, .. } => prose.push_spans(&[Span {
            text: alt.clone(),
            ..Span::default()
        }]),
        Block::Rule => {}
    }
}

#[cfg(test)]
mod tests;
