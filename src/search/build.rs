//! Building the index from the course: each page's title, headings,
//! paragraphs and code blocks become passages of words.

use std::collections::{BTreeMap, HashMap};

use super::text::{self, Styled};
use super::{Doc, Field, Passage, SearchIndex, plain, rank, to_u32};
use crate::course::{Block, Course, Document, Span};

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
                let mut text = Styled::default();
                text.push_code(&code);
                add(self, field, Some(block_index), text);
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
        // A row a line, as the table shows it.
        Block::Table { header, rows } => {
            for row in std::iter::once(header).chain(rows) {
                prose.push_row(row);
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
