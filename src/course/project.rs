//! Projects: programs of several files the learner builds in their own
//! editor, stage by stage, at `<section>/projects/<id>/` (format:
//! content/README.md, "Projects"). `project.md` holds the title, the brief
//! and the stages; `starter/` the files to begin from; `stage-N/` each
//! stage's `checks.py`, reference `solution/` and data.

use std::sync::OnceLock;

use super::markdown::{self, Block, ParseProblem, Span, plain_text};
use super::pack::{PackFile, PackText};

/// One project. Its id (the folder name) keys the learner's progress and
/// never changes once shipped. Its `project.md` is parsed when first read.
#[derive(Clone, Debug, Default)]
pub struct Project {
    pub id: String,
    /// The section it comes after.
    pub section_index: usize,
    /// Its folder in the pack: `<section>/projects/<id>`.
    pub folder: String,
    text: PackText,
    /// Every file in the folder, relative to it, sorted.
    files: Vec<PackFile>,
    parsed: OnceLock<(ProjectDoc, Vec<ParseProblem>)>,
}

/// What `project.md` says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProjectDoc {
    pub title: String,
    /// The ticket, as lesson blocks.
    pub brief: Vec<Block>,
    pub stages: Vec<Stage>,
}

/// One stage: what the program must do now, and hints.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stage {
    /// N of `## Stage N: Title`, as written.
    pub number: usize,
    pub title: String,
    /// What the program must do now, as lesson blocks.
    pub text: Vec<Block>,
    /// One to three hints, revealed one at a time.
    pub hints: Vec<Vec<Span>>,
    /// The 1-based line of its heading in `project.md`.
    pub line: usize,
}

impl Project {
    /// A project from its `project.md` and files; nothing is parsed yet.
    pub fn new(
        id: &str,
        section_index: usize,
        folder: &str,
        text: PackText,
        files: Vec<PackFile>,
    ) -> Self {
        Self {
            id: id.to_owned(),
            section_index,
            folder: folder.to_owned(),
            text,
            files,
            parsed: OnceLock::new(),
        }
    }

    fn parsed(&self) -> &(ProjectDoc, Vec<ParseProblem>) {
        self.parsed.get_or_init(|| parse(self.text.get()))
    }

    /// The title, brief and stages.
    pub fn doc(&self) -> &ProjectDoc {
        &self.parsed().0
    }

    /// The title (the id when `project.md` has none).
    pub fn title(&self) -> &str {
        let title = &self.doc().title;
        if title.is_empty() { &self.id } else { title }
    }

    /// The stages, in order.
    pub fn stages(&self) -> &[Stage] {
        &self.doc().stages
    }

    /// What is wrong with `project.md`, with 1-based lines.
    pub fn parse_problems(&self) -> &[ParseProblem] {
        &self.parsed().1
    }

    /// Every file of the project folder, relative to it.
    pub fn files(&self) -> &[PackFile] {
        &self.files
    }

    /// The files under `prefix/` (relative to it), in path order.
    pub fn files_in<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (&'a str, &'a [u8])> {
        self.files.iter().filter_map(move |file| {
            let rest = file.path.strip_prefix(prefix)?.strip_prefix('/')?;
            Some((rest, file.bytes.as_ref()))
        })
    }

    /// The starter's files, relative to the project folder the learner gets.
    pub fn starter(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files_in("starter")
    }

    /// Stage `number`'s folder: `checks.py` and whatever its checks use.
    pub fn stage_files(&self, number: usize) -> Vec<(&str, &[u8])> {
        let folder = format!("stage-{number}");
        self.files
            .iter()
            .filter_map(|file| {
                let rest = file.path.strip_prefix(&folder)?.strip_prefix('/')?;
                Some((rest, file.bytes.as_ref()))
            })
            .collect()
    }

    /// Stage `number`'s reference solution: the whole project's files as
    /// they stand once the stage is done.
    pub fn solution(&self, number: usize) -> Vec<(String, &[u8])> {
        self.stage_files(number)
            .into_iter()
            .filter_map(|(path, bytes)| Some((path.strip_prefix("solution/")?.to_owned(), bytes)))
            .collect()
    }

    /// The packages the project needs (`starter/requirements.txt`), as
    /// written there (`name==version`), comments and blank lines left out.
    pub fn needs(&self) -> Vec<String> {
        self.starter()
            .find(|(path, _)| *path == "requirements.txt")
            .map(|(_, bytes)| {
                String::from_utf8_lossy(bytes)
                    .lines()
                    .map(|line| line.split('#').next().unwrap_or_default().trim().to_owned())
                    .filter(|line| !line.is_empty())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Parses `project.md`: `# Title`, the brief, then `## Stage N: Title`
/// parts, each ending with `### Hints` and a numbered list.
pub fn parse(source: &str) -> (ProjectDoc, Vec<ParseProblem>) {
    let (doc, mut problems) = markdown::parse(source);
    let mut project = ProjectDoc {
        title: doc.title.clone(),
        ..ProjectDoc::default()
    };
    if doc.title.is_empty() {
        problems.push(ParseProblem {
            line: 1,
            message: "no `# Title`: the first line must be a level-1 heading".into(),
        });
    }
    let mut headings = heading_lines(source);
    let mut in_hints = false;
    for block in doc.blocks {
        match &block {
            Block::Heading { level: 2, spans } => {
                let name = plain_text(spans);
                let line = headings.next_line(&format!("## {name}"));
                in_hints = false;
                match stage_heading(&name) {
                    Some((number, title)) => project.stages.push(Stage {
                        number,
                        title,
                        line,
                        ..Stage::default()
                    }),
                    None => problems.push(ParseProblem {
                        line,
                        message: format!(
                            "`## {name}` is not a stage: stages are `## Stage N: Title`, N = 1, 2, ... in order"
                        ),
                    }),
                }
                continue;
            }
            Block::Heading { level: 3, spans } if plain_text(spans) == "Hints" => {
                in_hints = true;
                continue;
            }
            _ => {}
        }
        match project.stages.last_mut() {
            None => project.brief.push(block),
            Some(stage) if in_hints => {
                if let Block::List { items, .. } = block {
                    stage.hints.extend(items.iter().map(|item| {
                        item.iter()
                            .flat_map(|b| match b {
                                Block::Paragraph(spans) => spans.clone(),
                                _ => Vec::new(),
                            })
                            .collect()
                    }));
                }
            }
            Some(stage) => stage.text.push(block),
        }
    }
    for (index, stage) in project.stages.iter().enumerate() {
        if stage.number != index + 1 {
            problems.push(ParseProblem {
                line: stage.line,
                message: format!(
                    "this is the project's stage {}, but its heading says {}: number the stages 1, 2, ... in order",
                    index + 1,
                    stage.number
                ),
            });
        }
    }
    (project, problems)
}

/// `Stage 2: List what was spent` as (2, "List what was spent").
fn stage_heading(name: &str) -> Option<(usize, String)> {
    let rest = name.strip_prefix("Stage ")?;
    let (number, title) = rest.split_once(':')?;
    let number = number.trim().parse().ok()?;
    let title = title.trim();
    (!title.is_empty()).then(|| (number, title.to_owned()))
}

/// Finds headings' lines in order, so two equal headings get their own.
struct HeadingLines<'a> {
    lines: std::iter::Enumerate<std::str::Lines<'a>>,
}

fn heading_lines(source: &str) -> HeadingLines<'_> {
    HeadingLines {
        lines: source.lines().enumerate(),
    }
}

impl HeadingLines<'_> {
    fn next_line(&mut self, text: &str) -> usize {
        self.lines
            .find(|(_, line)| line.trim_end() == text)
            .map_or(1, |(index, _)| index + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MD: &str = "# Tracker\n\n**Ticket:** build it.\n\n## Stage 1: Add\n\nIt adds.\n\n### Hints\n\n1. one\n2. two\n\n## Stage 2: List\n\nIt lists.\n\n### Hints\n\n1. three\n";

    #[test]
    fn a_project_md_gives_title_brief_and_stages_with_hints() {
        let (doc, problems) = parse(MD);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(doc.title, "Tracker");
        assert_eq!(doc.brief.len(), 1);
        assert_eq!(doc.stages.len(), 2);
        assert_eq!(doc.stages[0].title, "Add");
        assert_eq!(doc.stages[0].line, 5);
        assert_eq!(doc.stages[0].hints.len(), 2);
        assert_eq!(plain_text(&doc.stages[0].hints[1]), "two");
        assert_eq!(doc.stages[1].number, 2);
        assert_eq!(doc.stages[1].line, 14);
        assert_eq!(doc.stages[1].text.len(), 1);
    }

    #[test]
    fn stages_out_of_order_and_other_parts_are_reported_with_their_line() {
        let (_, problems) = parse("# T\n\n## Stage 2: B\n\ntext\n\n## Notes\n");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.line == 3 && p.message.contains("says 2"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.line == 7 && p.message.contains("not a stage"))
        );
    }
}
