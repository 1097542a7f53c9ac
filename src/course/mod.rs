//! The roadmap as loaded: sections, topics and lesson blocks. Plain data, no
//! egui and no I/O after loading.

pub mod aliases;
pub mod exercise;
mod images;
pub mod languages;
pub mod link;
mod link_check;
mod load;
pub mod markdown;
pub mod pack;
pub mod picture;
pub mod project;
mod project_load;
pub mod project_rules;
pub mod quiz;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

pub use exercise::{Exercise, ExerciseFile};
pub use images::check_images;
use images::relocate_pictures;
pub use load::{LoadError, Loaded, Problem, check, load, load_embedded, open};
pub use markdown::{Block, CodeBlock, Document, Span};
pub use pack::{PackFile, PackSource};
pub use project::{Project, Stage};
pub use quiz::Question;

/// The whole course, in syllabus order.
#[derive(Clone, Debug, Default)]
pub struct Course {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub sections: Vec<Section>,
    /// Topic id to (section index, topic index).
    index: HashMap<String, (usize, usize)>,
    /// The pictures lessons show: pack-relative path to SVG text.
    images: HashMap<String, Cow<'static, str>>,
    /// Whether the lessons are the built-in pack's, parsed when first read
    /// (`open`); pictures are then looked up in the program when asked for.
    is_lazy: bool,
    /// Words learners type that the lessons say another way, for search.
    pub aliases: Vec<aliases::Alias>,
}

/// One section: its overview page and its topics.
#[derive(Clone, Debug, Default)]
pub struct Section {
    pub id: String,
    pub title: String,
    overview: LazyDocument,
    pub topics: Vec<Topic>,
    /// The projects that come after this section's topics.
    pub projects: Vec<Project>,
}

impl Section {
    /// The section's overview page (`<section>/index.md`).
    pub fn overview(&self) -> &Document {
        self.overview.get()
    }
}

/// One lesson. Its id keys the learner's data and never changes.
#[derive(Clone, Debug, Default)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub section_index: usize,
    doc: LazyDocument,
    /// The ids of the lesson's quiz questions, in order, known without
    /// parsing the lesson (review counts cards from them at start-up).
    pub quiz_ids: Vec<String>,
    /// Practice, in order (`<section>/exercises/<topic>/NN-*.md`).
    pub exercises: Vec<ExerciseFile>,
}

impl Topic {
    /// The lesson.
    pub fn doc(&self) -> &Document {
        self.doc.get()
    }
}

/// A lesson's document, parsed the first time it is read. The built-in
/// pack's lessons start unparsed and lent from the program, so opening the
/// app reads only the lesson it shows, and memory holds only lessons seen.
#[derive(Clone, Debug, Default)]
struct LazyDocument {
    /// The built-in file, unread until the document is.
    text: &'static [u8],
    /// The file's folder in the pack, which pictures' paths start from.
    dir: &'static str,
    parsed: OnceLock<Document>,
}

impl LazyDocument {
    /// A document already parsed (a pack loaded and checked in full).
    fn parsed(doc: Document) -> Self {
        Self {
            parsed: OnceLock::from(doc),
            ..Self::default()
        }
    }

    /// A built-in lesson, to parse when first read.
    fn unparsed(relative: &'static str, text: &'static [u8]) -> Self {
        Self {
            text,
            dir: relative.rsplit_once('/').map_or("", |(dir, _)| dir),
            parsed: OnceLock::new(),
        }
    }

    fn get(&self) -> &Document {
        self.parsed.get_or_init(|| {
            // The built-in pack's problems are the content test's to find.
            let (mut doc, _) = markdown::parse(pack::embedded_str(self.text));
            relocate_pictures(&mut doc, self.dir);
            doc
        })
    }

    fn is_parsed(&self) -> bool {
        self.parsed.get().is_some()
    }
}

impl Course {
    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        let &(section, topic) = self.index.get(id)?;
        Some(&self.sections[section].topics[topic])
    }

    /// The id of the question at `index` of a topic's quiz, as the lesson
    /// has it now.
    pub fn question_id(&self, topic: &str, index: usize) -> Option<String> {
        self.topic(topic)?.quiz_ids.get(index).cloned()
    }

    /// The index of the section with this id.
    pub fn section_index(&self, id: &str) -> Option<usize> {
        self.sections.iter().position(|s| s.id == id)
    }

    /// Every topic in syllabus order.
    pub fn topics(&self) -> impl Iterator<Item = &Topic> {
        self.sections.iter().flat_map(|s| s.topics.iter())
    }

    /// Every project, in syllabus order.
    pub fn projects(&self) -> impl Iterator<Item = &Project> {
        self.sections.iter().flat_map(|s| s.projects.iter())
    }

    /// The project with this id.
    pub fn project(&self, id: &str) -> Option<&Project> {
        self.projects().find(|p| p.id == id)
    }

    /// The SVG text of a picture, by its pack-relative path.
    pub fn image(&self, path: &str) -> Option<&str> {
        match self.images.get(path) {
            Some(svg) => Some(svg.as_ref()),
            None if self.is_lazy && path.ends_with(".svg") => pack::embedded_text(path),
            None => None,
        }
    }

    /// How many lessons and overviews have been parsed so far.
    pub fn parsed_documents(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| std::iter::once(&s.overview).chain(s.topics.iter().map(|t| &t.doc)))
            .filter(|doc| doc.is_parsed())
            .count()
    }

    /// How many topics the course has.
    pub fn topic_count(&self) -> usize {
        self.index.len()
    }

    /// The topic `offset` places after (or before, if negative) `id`.
    pub fn neighbour(&self, id: &str, offset: isize) -> Option<&Topic> {
        let position = self.topics().position(|t| t.id == id)?;
        let target = position.checked_add_signed(offset)?;
        self.topics().nth(target)
    }
}

/// Calls `f` on every block, depth first, including blocks inside lists and quotes.
pub fn visit_blocks<'a>(blocks: &'a [Block], f: &mut impl FnMut(&'a Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::List { items, .. } => items.iter().for_each(|item| visit_blocks(item, f)),
            Block::Quote(inner) => visit_blocks(inner, f),
            _ => {}
        }
    }
}

/// `visit_blocks`, with each block given mutably.
fn visit_blocks_mut(blocks: &mut [Block], f: &mut impl FnMut(&mut Block)) {
    for block in blocks {
        f(block);
        match block {
            Block::List { items, .. } => {
                items.iter_mut().for_each(|item| visit_blocks_mut(item, f));
            }
            Block::Quote(inner) => visit_blocks_mut(inner, f),
            _ => {}
        }
    }
}
