//! Loading a pack: the manifest, each lesson, exercise and picture, with
//! every problem found on the way.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::Deserialize;

use super::images::load_images;
use super::link_check::{check_link_schemes, check_links};
use super::{
    Block, Course, Document, ExerciseFile, LazyDocument, PackSource, Section, Topic, aliases,
    check_images, languages, markdown, pack, visit_blocks,
};

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
        let projects = match self.course.projects().count() {
            0 => String::new(),
            n => format!(", {n} projects"),
        };
        let pictures = match self.course.images.len() {
            0 => String::new(),
            n => format!(", {n} pictures"),
        };
        format!(
            "{}: {} sections, {} topics, {} code blocks, {} quiz questions{exercises}{projects}{pictures}",
            self.course.title,
            self.course.sections.len(),
            self.course.topic_count(),
            code_blocks,
            questions
        )
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
    /// The section's projects, in order (`<section>/projects/<id>/`).
    #[serde(default)]
    projects: Vec<String>,
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
    for project in loaded.course.projects() {
        let problems = super::project_rules::project_problems(project, &|relative| {
            source.display_path(relative)
        });
        loaded.problems.extend(problems);
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
    let mut project_ids = HashSet::new();
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
            projects: Vec::new(),
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
        section.projects = super::project_load::load_projects(
            source,
            &entry.id,
            section_index,
            &entry.projects,
            &text,
            &mut project_ids,
            &mut problems,
        );
        course.sections.push(section);
    }

    for file in pack_files {
        if file.contains("/projects/") {
            super::project_load::check_listed(&course, source, &file, &mut problems);
            continue;
        }
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

pub(super) fn line_containing(text: &str, needle: &str) -> usize {
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
