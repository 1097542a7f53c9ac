//! Finding anything: topic and section titles (fuzzy), words in lesson prose,
//! in code and in the learner's notes. An inverted word index keeps a
//! keystroke's search well under a millisecond. No egui here.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

use crate::course::markdown::plain_text;
use crate::course::{Block, Course, Document};

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

    fn base_score(self) -> u32 {
        match self {
            Self::Title => 2_500,
            Self::Note => 3_000,
            Self::Lesson => 2_000,
            Self::Code => 1_000,
        }
    }
}

/// One search result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub kind: Kind,
    pub section: usize,
    /// The topic; None for a section's overview.
    pub topic: Option<String>,
    /// The top-level lesson block the match is in, to scroll to.
    pub block: Option<usize>,
    /// "Section › Topic".
    pub location: String,
    /// Text around the match.
    pub snippet: String,
    /// Byte ranges of `snippet` to highlight.
    pub highlights: Vec<Range<usize>>,
    /// The first query word, to highlight in the lesson once opened.
    pub term: String,
    score: u32,
}

/// Where a text hit comes from.
#[derive(Clone, Copy)]
enum Source {
    Passage(u32),
    Note(u32),
}

/// Bonus for a passage that has the query words side by side.
const PHRASE_BONUS: u32 = 1_000;
/// Bonus per query word found as a whole word, not only as a prefix.
const EXACT_WORD_BONUS: u32 = 100;
/// Bonus for a title that contains the query as it was typed.
const TITLE_SUBSTRING_BONUS: u32 = 3_000;

/// How many terms occur in `id` as whole words.
fn exact_bonus(index: &BTreeMap<String, Vec<u32>>, terms: &[String], id: u32) -> u32 {
    let exact = terms
        .iter()
        .filter(|t| {
            index
                .get(t.as_str())
                .is_some_and(|p| p.binary_search(&id).is_ok())
        })
        .count();
    EXACT_WORD_BONUS * u32::try_from(exact).unwrap_or(0)
}

struct Title {
    section: usize,
    topic: Option<String>,
    text: String,
    location: String,
}

struct Passage {
    kind: Kind,
    section: usize,
    topic: Option<String>,
    block: usize,
    text: String,
    location: String,
}

struct Note {
    section: usize,
    topic: String,
    text: String,
    location: String,
    words: Vec<String>,
}

/// The index over one course and the learner's notes.
pub struct SearchIndex {
    titles: Vec<Title>,
    passages: Vec<Passage>,
    /// Word to the passages that contain it.
    words: BTreeMap<String, Vec<u32>>,
    notes: Vec<Note>,
    note_slots: HashMap<String, usize>,
    /// Word to the notes that contain it (by slot; emptied notes keep a slot).
    note_words: BTreeMap<String, Vec<u32>>,
    /// Topic id to (section index, "Section › Topic"), for notes.
    topic_places: HashMap<String, (usize, String)>,
    matcher: Matcher,
}

/// Lowercase words of a text: runs of letters, digits and `_`.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

fn add_postings(index: &mut BTreeMap<String, Vec<u32>>, text: &str, id: u32) {
    for word in words(text) {
        let postings = index.entry(word).or_default();
        if postings.last() != Some(&id) {
            postings.push(id);
        }
    }
}

impl SearchIndex {
    /// Indexes every title, paragraph and code block of the course.
    pub fn build(course: &Course) -> Self {
        let mut index = Self {
            titles: Vec::new(),
            passages: Vec::new(),
            words: BTreeMap::new(),
            notes: Vec::new(),
            note_slots: HashMap::new(),
            note_words: BTreeMap::new(),
            topic_places: HashMap::new(),
            matcher: Matcher::new(Config::DEFAULT),
        };
        for (section_index, section) in course.sections.iter().enumerate() {
            index.titles.push(Title {
                section: section_index,
                topic: None,
                text: section.title.clone(),
                location: format!("Section {}", section_index + 1),
            });
            index.add_document(section_index, None, &section.title, &section.overview);
            for topic in &section.topics {
                let location = format!("{} › {}", section.title, topic.title);
                index.titles.push(Title {
                    section: section_index,
                    topic: Some(topic.id.clone()),
                    text: topic.title.clone(),
                    location: section.title.clone(),
                });
                index
                    .topic_places
                    .insert(topic.id.clone(), (section_index, location.clone()));
                index.add_document(section_index, Some(&topic.id), &location, &topic.doc);
            }
        }
        index
    }

    fn add_document(
        &mut self,
        section: usize,
        topic: Option<&str>,
        location: &str,
        doc: &Document,
    ) {
        for (block_index, block) in doc.blocks.iter().enumerate() {
            let mut prose = String::new();
            let mut codes = Vec::new();
            collect_text(block, &mut prose, &mut codes);
            let texts = std::iter::once((Kind::Lesson, prose))
                .chain(codes.into_iter().map(|c| (Kind::Code, c)));
            for (kind, text) in texts.filter(|(_, t)| !t.trim().is_empty()) {
                let id = u32::try_from(self.passages.len()).unwrap_or(u32::MAX);
                add_postings(&mut self.words, &text, id);
                self.passages.push(Passage {
                    kind,
                    section,
                    topic: topic.map(str::to_owned),
                    block: block_index,
                    text,
                    location: location.to_owned(),
                });
            }
        }
    }

    /// Sets the learner's note on a topic (empty to remove it). Notes on
    /// topics the course no longer has are searchable too.
    pub fn set_note(&mut self, topic: &str, text: &str) {
        let slot = match self.note_slots.get(topic) {
            Some(&slot) if self.notes[slot].text == text => return,
            Some(&slot) => slot,
            None if text.trim().is_empty() => return,
            None => {
                let (section, location) = self
                    .topic_places
                    .get(topic)
                    .cloned()
                    .unwrap_or_else(|| (0, format!("Notes › {topic}")));
                self.notes.push(Note {
                    section,
                    topic: topic.to_owned(),
                    text: String::new(),
                    location,
                    words: Vec::new(),
                });
                self.note_slots
                    .insert(topic.to_owned(), self.notes.len() - 1);
                self.notes.len() - 1
            }
        };
        let id = u32::try_from(slot).unwrap_or(u32::MAX);
        for word in std::mem::take(&mut self.notes[slot].words) {
            if let Some(postings) = self.note_words.get_mut(&word) {
                postings.retain(|&p| p != id);
            }
        }
        let mut note_words: Vec<String> = words(text).collect();
        note_words.sort_unstable();
        note_words.dedup();
        for word in &note_words {
            let postings = self.note_words.entry(word.clone()).or_default();
            if let Err(at) = postings.binary_search(&id) {
                postings.insert(at, id);
            }
        }
        let note = &mut self.notes[slot];
        note.words = note_words;
        text.clone_into(&mut note.text);
    }

    /// Searches for `query`, best first, at most `limit` hits, of the given kinds.
    pub fn search(&mut self, query: &str, kinds: &[Kind], limit: usize) -> Vec<Hit> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let terms: Vec<String> = words(query).collect();
        let phrase = terms.join(" ");
        let mut hits = Vec::new();
        if kinds.contains(&Kind::Title) {
            self.title_hits(
                query,
                terms.first().map_or(query, String::as_str),
                &mut hits,
            );
        }
        // Score every matching passage and note cheaply from the index; build
        // snippets (which read the text) only for the best few.
        let mut candidates: Vec<(u32, Source)> = Vec::new();
        if !terms.is_empty() {
            let wants_passages = kinds.iter().any(|k| matches!(k, Kind::Lesson | Kind::Code));
            if wants_passages {
                for id in matching(&self.words, &terms) {
                    let passage = &self.passages[id as usize];
                    if kinds.contains(&passage.kind) {
                        let score =
                            passage.kind.base_score() + exact_bonus(&self.words, &terms, id);
                        candidates.push((score, Source::Passage(id)));
                    }
                }
            }
            if kinds.contains(&Kind::Note) {
                for id in matching(&self.note_words, &terms) {
                    let score = Kind::Note.base_score() + exact_bonus(&self.note_words, &terms, id);
                    candidates.push((score, Source::Note(id)));
                }
            }
        }
        candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
        let mut per_page: HashMap<(Option<&str>, usize, Kind), usize> = HashMap::new();
        let mut text_hits = Vec::new();
        for (score, source) in candidates {
            if text_hits.len() >= limit {
                break;
            }
            let (kind, section, topic, block, location, text) = match source {
                Source::Passage(id) => {
                    let p = &self.passages[id as usize];
                    (
                        p.kind,
                        p.section,
                        p.topic.as_deref(),
                        Some(p.block),
                        &p.location,
                        &p.text,
                    )
                }
                Source::Note(id) => {
                    let n = &self.notes[id as usize];
                    (
                        Kind::Note,
                        n.section,
                        Some(n.topic.as_str()),
                        None,
                        &n.location,
                        &n.text,
                    )
                }
            };
            // Keep the list varied: at most three hits of one kind per page.
            let seen = per_page.entry((topic, section, kind)).or_default();
            *seen += 1;
            if *seen > 3 {
                continue;
            }
            let mut hit = text_hit(
                kind,
                section,
                topic.map(str::to_owned),
                block,
                location,
                text,
                &terms,
            );
            hit.score = score;
            if terms.len() > 1 && text.to_lowercase().contains(&phrase) {
                hit.score += PHRASE_BONUS;
            }
            text_hits.push(hit);
        }
        hits.extend(text_hits);
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| a.location.cmp(&b.location))
        });
        hits.truncate(limit);
        hits
    }

    fn title_hits(&mut self, query: &str, term: &str, hits: &mut Vec<Hit>) {
        let pattern = Pattern::parse(query, CaseMatching::Ignore, Normalization::Smart);
        let mut buffer = Vec::new();
        let mut indices = Vec::new();
        for title in &self.titles {
            indices.clear();
            let haystack = Utf32Str::new(&title.text, &mut buffer);
            let Some(score) = pattern.indices(haystack, &mut self.matcher, &mut indices) else {
                continue;
            };
            indices.sort_unstable();
            indices.dedup();
            let highlights = title
                .text
                .char_indices()
                .enumerate()
                .filter(|(n, _)| {
                    indices
                        .binary_search(&u32::try_from(*n).unwrap_or(u32::MAX))
                        .is_ok()
                })
                .map(|(_, (at, c))| at..at + c.len_utf8())
                .collect();
            hits.push(Hit {
                kind: Kind::Title,
                section: title.section,
                topic: title.topic.clone(),
                block: None,
                location: title.location.clone(),
                snippet: title.text.clone(),
                highlights,
                term: term.to_owned(),
                score: Kind::Title.base_score()
                    + score
                    + if title.text.to_lowercase().contains(&query.to_lowercase()) {
                        TITLE_SUBSTRING_BONUS
                    } else {
                        0
                    },
            });
        }
    }

    /// How many passages and notes are indexed (for the benchmark).
    pub fn size(&self) -> (usize, usize) {
        (
            self.passages.len(),
            self.notes.iter().filter(|n| !n.text.is_empty()).count(),
        )
    }
}

/// Ids in `index` that contain a word starting with every term, ascending.
fn matching(index: &BTreeMap<String, Vec<u32>>, terms: &[String]) -> Vec<u32> {
    // A bit per id: unions over every word with the prefix, then intersections.
    let mut result: Option<Vec<u64>> = None;
    for term in terms {
        let mut bits: Vec<u64> = Vec::new();
        let words = index
            .range::<str, _>((
                std::ops::Bound::Included(term.as_str()),
                std::ops::Bound::Unbounded,
            ))
            .take_while(|(word, _)| word.starts_with(term.as_str()));
        for (_, postings) in words {
            for &id in postings {
                let (word, bit) = ((id / 64) as usize, id % 64);
                if word >= bits.len() {
                    bits.resize(word + 1, 0);
                }
                bits[word] |= 1 << bit;
            }
        }
        result = Some(match result {
            None => bits,
            Some(previous) => previous.iter().zip(&bits).map(|(a, b)| a & b).collect(),
        });
        if result
            .as_ref()
            .is_some_and(|bits| bits.iter().all(|w| *w == 0))
        {
            return Vec::new();
        }
    }
    let bits = result.unwrap_or_default();
    let mut ids = Vec::new();
    for (word_index, &word) in bits.iter().enumerate() {
        let mut rest = word;
        while rest != 0 {
            let bit = rest.trailing_zeros();
            ids.push(u32::try_from(word_index).unwrap_or(u32::MAX) * 64 + bit);
            rest &= rest - 1;
        }
    }
    ids
}

/// Whether `word` starts with `term` (already lowercase), ignoring case.
fn starts_with_ignoring_case(word: &str, term: &str) -> bool {
    if word.is_ascii() && term.is_ascii() {
        word.len() >= term.len()
            && word.as_bytes()[..term.len()].eq_ignore_ascii_case(term.as_bytes())
    } else {
        word.to_lowercase().starts_with(term)
    }
}

/// Byte ranges in `text[from..]` where a term starts a word, ignoring case;
/// stops at `until` (or after the first range when `first_only`).
fn term_ranges(
    text: &str,
    terms: &[String],
    from: usize,
    until: usize,
    first_only: bool,
) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = None;
    let tail = text[from..]
        .char_indices()
        .map(|(i, c)| (i + from, c))
        .chain(std::iter::once((text.len(), ' ')));
    for (at, c) in tail {
        let is_word = c.is_alphanumeric() || c == '_';
        match (start, is_word) {
            (None, true) => {
                if at > until {
                    break;
                }
                start = Some(at);
            }
            (Some(begin), false) => {
                let word = &text[begin..at];
                if let Some(term) = terms.iter().find(|t| starts_with_ignoring_case(word, t)) {
                    // The term's length in the original text.
                    let length = word
                        .char_indices()
                        .map(|(i, c)| i + c.len_utf8())
                        .find(|&end| word[..end].to_lowercase().len() >= term.len())
                        .unwrap_or(word.len());
                    ranges.push(begin..begin + length);
                    if first_only {
                        break;
                    }
                }
                start = None;
            }
            _ => {}
        }
    }
    ranges
}

const SNIPPET_BEFORE: usize = 40;
const SNIPPET_LENGTH: usize = 140;

fn text_hit(
    kind: Kind,
    section: usize,
    topic: Option<String>,
    block: Option<usize>,
    location: &str,
    text: &str,
    terms: &[String],
) -> Hit {
    let first = term_ranges(text, terms, 0, text.len(), true)
        .first()
        .map_or(0, |r| r.start);
    let mut from = first.saturating_sub(SNIPPET_BEFORE);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (from + SNIPPET_LENGTH).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let prefix = if from > 0 { "…" } else { "" };
    let suffix = if to < text.len() { "…" } else { "" };
    let body = text[from..to].replace(['\n', '\t'], " ");
    let snippet = format!("{prefix}{body}{suffix}");
    let shift = prefix.len();
    let highlights = term_ranges(text, terms, from, to, false)
        .into_iter()
        .filter(|r| r.start >= from && r.end <= to)
        .map(|r| r.start - from + shift..r.end - from + shift)
        .collect();
    Hit {
        kind,
        section,
        topic,
        block,
        location: location.to_owned(),
        snippet,
        highlights,
        term: terms.first().cloned().unwrap_or_default(),
        score: kind.base_score(),
    }
}

/// The prose and the code of one block (and the blocks inside it).
fn collect_text(block: &Block, prose: &mut String, codes: &mut Vec<String>) {
    let mut push = |text: &str| {
        if !prose.is_empty() {
            prose.push('\n');
        }
        prose.push_str(text);
    };
    match block {
        Block::Heading { spans, .. } | Block::Paragraph(spans) => push(&plain_text(spans)),
        Block::Code(code) => codes.push(code.text.clone()),
        Block::Table { header, rows } => {
            for cell in header.iter().chain(rows.iter().flatten()) {
                push(&plain_text(cell));
            }
        }
        Block::Quiz(questions) => {
            for q in questions {
                push(&q.question);
                push(&q.explain);
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
        Block::Image { alt, .. } => push(alt),
        Block::Rule => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> SearchIndex {
        SearchIndex::build(&crate::course::load_embedded().course)
    }

    #[test]
    fn fuzzy_title_tolerates_a_missing_letter() {
        let mut index = index();
        let hits = index.search("dcorator", &Kind::ALL, 10);
        let first = hits.first().expect("a hit");
        assert_eq!(first.kind, Kind::Title);
        assert!(first.snippet.starts_with("Decorators"), "{first:?}");
        assert!(!first.highlights.is_empty());
    }

    #[test]
    fn words_in_prose_and_code_are_found_with_a_snippet() {
        let mut index = index();
        let hits = index.search("setdefault", &[Kind::Lesson, Kind::Code], 20);
        assert!(
            hits.iter().any(|h| h.topic.as_deref() == Some("dicts")),
            "{hits:#?}"
        );
        let hit = hits
            .iter()
            .find(|h| h.topic.as_deref() == Some("dicts"))
            .unwrap();
        let marked = &hit.snippet[hit.highlights[0].clone()];
        assert_eq!(marked.to_lowercase(), "setdefault");
        assert!(hit.block.is_some());
    }

    #[test]
    fn notes_are_found_and_follow_edits() {
        let mut index = index();
        index.set_note("sets", "Zanzibar trick: frozenset works as a key");
        let hits = index.search("zanzib", &Kind::ALL, 10);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].kind, Kind::Note);
        assert_eq!(hits[0].topic.as_deref(), Some("sets"));
        assert_eq!(&hits[0].snippet[hits[0].highlights[0].clone()], "Zanzib");
        index.set_note("sets", "nothing special");
        assert!(index.search("zanzib", &Kind::ALL, 10).is_empty());
    }

    #[test]
    fn every_word_must_match_and_filters_apply() {
        let mut index = index();
        assert!(
            index
                .search("with stat", &[Kind::Lesson], 50)
                .iter()
                .all(|h| h.kind == Kind::Lesson)
        );
        assert!(index.search("qqqqzz nothing", &Kind::ALL, 50).is_empty());
    }
}

#[cfg(test)]
mod ranking_tests {
    use super::*;

    #[test]
    fn a_phrase_outranks_scattered_words_and_an_exact_title_comes_first() {
        let mut index = SearchIndex::build(&crate::course::load_embedded().course);
        let hits = index.search("with stat", &Kind::ALL, 40);
        assert_eq!(hits[0].snippet, "The with statement", "{:#?}", &hits[..3]);
        let first_text = hits
            .iter()
            .find(|h| h.kind != Kind::Title)
            .expect("text hits");
        assert!(
            first_text.snippet.to_lowercase().contains("with stat"),
            "{first_text:#?}"
        );
    }
}
