//! The roadmap as loaded: sections, topics and lesson blocks. Plain data, no
//! egui and no I/O after loading.

pub mod aliases;
pub mod exercise;
pub mod languages;
pub mod link;
pub mod markdown;
pub mod pack;
pub mod picture;
pub mod quiz;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

pub use exercise::{Exercise, ExerciseFile};
pub use markdown::{Block, CodeBlock, Document, Span};
pub use pack::PackSource;
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

/// A problem in a pack, printed as `path:line: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

/// Why a pack could not be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{path}: cannot read the manifest: {source}")]
    ManifestUnreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}: the manifest is not valid RON: {message}")]
    ManifestInvalid {
        path: String,
        line: usize,
        message: String,
    },
}

/// A loaded pack and every problem found in it.
#[derive(Debug)]
pub struct Loaded {
    pub course: Course,
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// A one-line summary: sections, topics, code blocks, quiz questions.
    pub fn summary(&self) -> String {
        let mut code_blocks = 0;
        let mut questions = 0;
        let docs = self
            .course
            .sections
            .iter()
            .flat_map(|s| std::iter::once(s.overview()).chain(s.topics.iter().map(Topic::doc)));
        for doc in docs {
            visit_blocks(&doc.blocks, &mut |block| match block {
                Block::Code(_) => code_blocks += 1,
                Block::Quiz(qs) => questions += qs.len(),
                _ => {}
            });
        }
        let exercises: usize = self.course.topics().map(|t| t.exercises.len()).sum();
        let exercises = match exercises {
            0 => String::new(),
            n => format!(", {n} exercises"),
        };
        let pictures = match self.course.images.len() {
            0 => String::new(),
            n => format!(", {n} pictures"),
        };
        format!(
            "{}: {} sections, {} topics, {} code blocks, {} quiz questions{exercises}{pictures}",
            self.course.title,
            self.course.sections.len(),
            self.course.topic_count(),
            code_blocks,
            questions
        )
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

#[derive(Deserialize)]
struct Manifest {
    id: String,
    title: String,
    #[serde(default)]
    summary: String,
    sections: Vec<ManifestSection>,
}

#[derive(Deserialize)]
struct ManifestSection {
    id: String,
    title: String,
    topics: Vec<String>,
}

const MANIFEST: &str = "roadmap.ron";

/// Loads a pack and checks it. Only an unreadable manifest is fatal; every
/// other problem is listed and the rest of the pack still loads.
/// Loads a pack and checks everything about it, pictures included: what
/// `pyroadmap check` reports.
pub fn check(source: &PackSource) -> Result<Loaded, LoadError> {
    let mut loaded = load(source)?;
    let pictures = check_images(&loaded.course, source);
    loaded.problems.extend(pictures);
    for section in &loaded.course.sections {
        for topic in &section.topics {
            for exercise in &topic.exercises {
                let path = source.display_path(&format!(
                    "{}/exercises/{}/{}.md",
                    section.id, topic.id, exercise.id
                ));
                loaded
                    .problems
                    .extend(exercise.problems().iter().map(|p| Problem {
                        path: path.clone(),
                        line: p.line,
                        message: p.message.clone(),
                    }));
            }
        }
    }
    Ok(loaded)
}

/// Loads a pack: the course, and every problem found on the way.
pub fn load(source: &PackSource) -> Result<Loaded, LoadError> {
    load_with(source, false)
}

/// The course as the app reads it. The built-in pack's lessons are parsed
/// when first read: the build took their titles and quiz ids, and the
/// content test checks the pack, so there is nothing to report. A folder
/// pack (an author's `--content`) is loaded and checked in full (`load`).
pub fn open(source: &PackSource) -> Result<Loaded, LoadError> {
    load_with(source, matches!(source, PackSource::Embedded))
}

fn load_with(source: &PackSource, is_lazy: bool) -> Result<Loaded, LoadError> {
    let manifest_path = source.display_path(MANIFEST);
    let text = source
        .read(MANIFEST)
        .map_err(|source| LoadError::ManifestUnreadable {
            path: manifest_path.clone(),
            source,
        })?;
    let manifest: Manifest = ron::from_str(&text).map_err(|error| LoadError::ManifestInvalid {
        path: manifest_path.clone(),
        line: error.span.start.line,
        message: error.code.to_string(),
    })?;

    let mut problems = Vec::new();
    let mut course = Course {
        id: manifest.id,
        title: manifest.title,
        summary: manifest.summary,
        is_lazy,
        ..Course::default()
    };
    let mut listed_files = HashSet::new();
    // Listed once: every topic looks for its exercises in it.
    let listing = source.markdown_files();
    let pack_files = listing.files;
    for link in listing.folder_links {
        problems.push(Problem {
            path: source.display_path(&link),
            line: 1,
            message: "a link to a folder: pyroadmap does not look into linked folders in a pack (one can lead back to itself); put the files in the pack instead".into(),
        });
    }
    let mut section_ids = HashSet::new();
    let mut sources: Vec<(String, Cow<'static, str>)> = Vec::new();

    for (section_index, entry) in manifest.sections.into_iter().enumerate() {
        if !section_ids.insert(entry.id.clone()) {
            problems.push(Problem {
                path: manifest_path.clone(),
                line: line_containing(&text, &format!("\"{}\"", entry.id)),
                message: format!("duplicate section id `{}`", entry.id),
            });
        }
        let index_file = format!("{}/index.md", entry.id);
        listed_files.insert(index_file.clone());
        let mut read = |relative: &str, problems: &mut Vec<Problem>| {
            lesson(
                source,
                relative,
                is_lazy,
                &mut course.images,
                problems,
                &mut sources,
            )
        };
        let (overview, ..) = read(&index_file, &mut problems);
        let mut section = Section {
            id: entry.id.clone(),
            title: entry.title,
            overview,
            topics: Vec::new(),
        };
        for topic_id in entry.topics {
            if course.index.contains_key(&topic_id) {
                problems.push(Problem {
                    path: manifest_path.clone(),
                    line: line_containing(&text, &format!("\"{topic_id}\"")),
                    message: format!(
                        "duplicate topic id `{topic_id}`: topic ids must be unique in the pack"
                    ),
                });
                continue;
            }
            let file = format!("{}/{topic_id}.md", entry.id);
            listed_files.insert(file.clone());
            let (doc, title, quiz_ids) = read(&file, &mut problems);
            let exercises =
                load_exercises(source, &pack_files, &entry.id, &topic_id, &mut problems);
            let title = title.unwrap_or_else(|| topic_id.clone());
            course
                .index
                .insert(topic_id.clone(), (section_index, section.topics.len()));
            section.topics.push(Topic {
                id: topic_id,
                title,
                section_index,
                doc,
                quiz_ids,
                exercises,
            });
        }
        course.sections.push(section);
    }

    for file in pack_files {
        if let Some((section, rest)) = file.split_once("/exercises/") {
            let topic = rest.split('/').next().unwrap_or_default();
            let is_known = course
                .topic(topic)
                .is_some_and(|t| course.sections[t.section_index].id == section);
            if !is_known {
                problems.push(Problem {
                    path: source.display_path(&file),
                    line: 1,
                    message: format!("these exercises are for `{section}/{topic}`, which is not a topic of that section in roadmap.ron"),
                });
            }
            continue;
        }
        if !listed_files.contains(&file) && file != "README.md" {
            problems.push(Problem {
                path: source.display_path(&file),
                line: 1,
                message: "this file is not listed in roadmap.ron: add its topic to a section or remove it".into(),
            });
        }
    }
    check_links(&course, &sources, &mut problems);
    course.aliases = aliases::load(source, &mut problems);
    aliases::check(&course, source, &mut problems);
    Ok(Loaded { course, problems })
}

/// One lesson or overview, its title and its quiz's ids: parsed now, or for
/// the built-in pack when `is_lazy`, when first read.
fn lesson(
    source: &PackSource,
    relative: &str,
    is_lazy: bool,
    images: &mut HashMap<String, Cow<'static, str>>,
    problems: &mut Vec<Problem>,
    sources: &mut Vec<(String, Cow<'static, str>)>,
) -> (LazyDocument, Option<String>, Vec<String>) {
    if is_lazy && let Some(built_in) = pack::embedded_lesson(relative) {
        let title = (!built_in.title.is_empty()).then(|| built_in.title.to_owned());
        let quiz_ids = built_in.quiz_ids.iter().map(|&id| id.to_owned()).collect();
        return (
            LazyDocument::unparsed(built_in.path, built_in.text),
            title,
            quiz_ids,
        );
    }
    let (doc, title) = load_document(source, relative, problems, sources);
    let doc = load_images(source, relative, doc, images, problems);
    let quiz_ids = doc
        .blocks
        .iter()
        .find_map(|block| match block {
            Block::Quiz(questions) => Some(questions.iter().map(|q| q.id.clone()).collect()),
            _ => None,
        })
        .unwrap_or_default();
    (LazyDocument::parsed(doc), title, quiz_ids)
}

/// Reads a topic's exercises, in file-name order.
fn load_exercises(
    source: &PackSource,
    pack_files: &[String],
    section: &str,
    topic: &str,
    problems: &mut Vec<Problem>,
) -> Vec<ExerciseFile> {
    let folder = format!("{section}/exercises/{topic}/");
    let mut files: Vec<&String> = pack_files
        .iter()
        .filter(|f| {
            f.strip_prefix(&folder)
                .is_some_and(|rest| !rest.contains('/'))
        })
        .collect();
    files.sort();
    let mut exercises = Vec::new();
    for file in files {
        let path = source.display_path(file);
        let text = match source.read_later(file) {
            Ok(text) => text,
            Err(error) => {
                problems.push(Problem {
                    path,
                    line: 1,
                    message: format!("cannot read this exercise: {error}"),
                });
                continue;
            }
        };
        let id = file[folder.len()..].trim_end_matches(".md");
        let exercise = ExerciseFile::new(id, text);
        exercises.push(exercise);
    }
    exercises
}

/// Makes each picture's path relative to the pack and reads its SVG into
/// `images`; a missing picture or one without alt text is a problem.
fn load_images(
    source: &PackSource,
    relative: &str,
    mut doc: Document,
    images: &mut HashMap<String, Cow<'static, str>>,
    problems: &mut Vec<Problem>,
) -> Document {
    let dir = relative.rsplit_once('/').map_or("", |(dir, _)| dir);
    for (path, written, is_alt_missing, line) in relocate_pictures(&mut doc, dir) {
        let at = source.display_path(relative);
        if is_alt_missing {
            problems.push(Problem {
                path: at.clone(),
                line,
                message: format!("the picture `{written}` has no alt text: say in words what it shows, for screen readers"),
            });
        }
        if images.contains_key(&path) {
            continue;
        }
        if !path.ends_with(".svg") {
            // Not read at all: only an SVG file would be used.
            problems.push(Problem {
                path: at,
                line,
                message: format!(
                    "the picture `{written}` is not an SVG file: lessons show SVG pictures"
                ),
            });
            continue;
        }
        match source.read(&path) {
            Ok(svg) => {
                images.insert(path, svg);
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => problems.push(Problem {
                path: at,
                line,
                message: format!(
                    "the picture `{written}` is not in the pack (looked for {})",
                    source.display_path(&path)
                ),
            }),
            Err(error) => problems.push(Problem {
                path: at,
                line,
                message: format!("the picture `{written}` is not shown: {error}"),
            }),
        }
    }
    doc
}

/// Makes each picture's path relative to the pack (from `dir`, the
/// lesson's folder). Returns each picture's (new path, path as written,
/// whether its alt text is missing, line).
fn relocate_pictures(doc: &mut Document, dir: &str) -> Vec<(String, String, bool, usize)> {
    let mut found = Vec::new();
    visit_blocks_mut(&mut doc.blocks, &mut |block| {
        if let Block::Image { src, alt, line } = block {
            let path = if dir.is_empty() {
                src.clone()
            } else {
                format!("{dir}/{src}")
            };
            found.push((path.clone(), src.clone(), alt.trim().is_empty(), *line));
            *src = path;
        }
    });
    found
}

/// Every picture that does not parse as SVG, nests too deep or has an
/// `<image>`, as a problem. Separate from `load` because parsing pictures
/// is work the app need not do at start.
pub fn check_images(course: &Course, source: &PackSource) -> Vec<Problem> {
    let mut problems: Vec<Problem> = course
        .images
        .iter()
        .flat_map(|(path, svg)| {
            picture::check(svg).into_iter().map(|problem| Problem {
                path: source.display_path(path),
                line: problem.line,
                message: problem.message,
            })
        })
        .collect();
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    problems
}

/// Reads and parses one Markdown file, recording its problems. Returns the
/// document and its title (None when the file has no `# Title`).
fn load_document(
    source: &PackSource,
    relative: &str,
    problems: &mut Vec<Problem>,
    sources: &mut Vec<(String, Cow<'static, str>)>,
) -> (Document, Option<String>) {
    let path = source.display_path(relative);
    let text = match source.read(relative) {
        Ok(text) => text,
        Err(error) => {
            let message = if error.kind() == std::io::ErrorKind::NotFound {
                "file missing: roadmap.ron lists it; write the lesson or remove it from the manifest".to_owned()
            } else {
                format!("cannot read this file: {error}")
            };
            problems.push(Problem {
                path,
                line: 1,
                message,
            });
            return (Document::default(), None);
        }
    };
    let (doc, parse_problems) = markdown::parse(&text);
    for p in parse_problems {
        problems.push(Problem {
            path: path.clone(),
            line: p.line,
            message: p.message,
        });
    }
    if doc.title.is_empty() {
        problems.push(Problem {
            path: path.clone(),
            line: 1,
            message: "no `# Title`: the first line must be a level-1 heading".into(),
        });
    }
    visit_blocks(&doc.blocks, &mut |block| {
        if let Block::Code(code) = block
            && languages::syntax_name(&code.lang).is_none()
        {
            let message = if code.lang.is_empty() {
                "code block without a language: name one after the fence (```python)".to_owned()
            } else {
                format!(
                    "unknown code language `{}`: the highlighter does not know it",
                    code.lang
                )
            };
            problems.push(Problem {
                path: path.clone(),
                line: code.line,
                message,
            });
        }
    });
    check_link_schemes(&doc, &text, &path, problems);
    let title = (!doc.title.is_empty()).then(|| doc.title.clone());
    sources.push((path, text));
    (doc, title)
}

/// Every link the app would not open (`file:`, `javascript:`, a relative
/// path, ...) is a problem, at the first line of `text` that has it.
fn check_link_schemes(doc: &Document, text: &str, path: &str, problems: &mut Vec<Problem>) {
    let mut refused: Vec<&str> = Vec::new();
    visit_blocks(&doc.blocks, &mut |block| {
        let spans: Vec<&Span> = match block {
            Block::Heading { spans, .. } | Block::Paragraph(spans) => spans.iter().collect(),
            Block::Table { header, rows } => header
                .iter()
                .chain(rows.iter().flatten())
                .flatten()
                .collect(),
            _ => Vec::new(),
        };
        for span in spans {
            if let Some(url) = &span.link
                && link::target(url) == link::LinkTarget::Refused
                // A link in several styles is several spans.
                && refused.last() != Some(&url.as_str())
            {
                refused.push(url);
            }
        }
    });
    for url in refused {
        let line = text
            .find(url)
            .map_or(1, |offset| text[..offset].matches('\n').count() + 1);
        problems.push(Problem {
            path: path.to_owned(),
            line,
            message: format!("the link `{url}` would not open: {}", link::REFUSED),
        });
    }
}

/// Every `topic:` link must name a topic (or a section) in the pack.
fn check_links(
    course: &Course,
    sources: &[(String, Cow<'static, str>)],
    problems: &mut Vec<Problem>,
) {
    for (path, text) in sources {
        for (offset, _) in text.match_indices("](topic:") {
            let rest = &text[offset + "](topic:".len()..];
            let id: String = rest
                .chars()
                .take_while(|&c| c != ')' && !c.is_whitespace())
                .collect();
            if course.topic(&id).is_none() && course.section_index(&id).is_none() {
                problems.push(Problem {
                    path: path.clone(),
                    line: text[..offset].matches('\n').count() + 1,
                    message: format!("link to unknown topic `{id}`"),
                });
            }
        }
    }
}

fn line_containing(text: &str, needle: &str) -> usize {
    // The last occurrence: a duplicate is the later of the two.
    text.rfind(needle)
        .map_or(1, |offset| text[..offset].matches('\n').count() + 1)
}

/// Loads the pack compiled into the binary.
///
/// The embedded pack is checked by the test suite, so failing here means the
/// binary itself was built from a broken tree.
pub fn load_embedded() -> Loaded {
    load(&PackSource::Embedded).expect("the embedded pack's manifest is checked by `cargo test`")
}
