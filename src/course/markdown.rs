//! Lesson Markdown to our block model. The UI, search and tests all read the
//! model; nothing here knows about egui.

mod parser;

use pulldown_cmark::{Event, Options, Parser};

use super::quiz::Question;

pub use parser::MAX_NESTING;

/// One block of a lesson, in reading order.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A `#`..`######` heading (the `# Title` line is taken out as the title).
    Heading { level: u8, spans: Vec<Span> },
    /// A paragraph of styled text.
    Paragraph(Vec<Span>),
    /// A bulleted (`start: None`) or numbered list; each item is its own blocks.
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
    },
    /// A block quote.
    Quote(Vec<Block>),
    /// A fenced or indented code block.
    Code(CodeBlock),
    /// A table: a header row and body rows of cells.
    Table {
        header: Vec<Vec<Span>>,
        rows: Vec<Vec<Vec<Span>>>,
    },
    /// A thematic break (`---`).
    Rule,
    /// The lesson's quiz.
    Quiz(Vec<Question>),
    /// A picture on its own line: `![alt text](images/name.svg)`. The loader
    /// turns `src` into a path relative to the pack.
    Image {
        src: String,
        alt: String,
        line: usize,
    },
}

/// A run of text with one style.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Span {
    pub text: String,
    pub is_bold: bool,
    pub is_italic: bool,
    pub is_code: bool,
    pub is_strikethrough: bool,
    /// The link target, when the span is part of a link.
    pub link: Option<String>,
}

impl Span {
    /// Same styles and link: the two can be one span.
    fn has_look_of(&self, other: &Span) -> bool {
        (
            self.is_bold,
            self.is_italic,
            self.is_code,
            self.is_strikethrough,
        ) == (
            other.is_bold,
            other.is_italic,
            other.is_code,
            other.is_strikethrough,
        ) && self.link == other.link
    }
}

/// A code block, with the output block that followed it when there was one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodeBlock {
    /// The first word of the info string (`python`, `bash`, ...); empty if none.
    pub lang: String,
    /// The other words of the info string (`norun`, `min=3.11`).
    pub flags: Vec<String>,
    /// Exactly the block's text, ending with a newline.
    pub text: String,
    /// The exact stdout of this block, from the `output` block after it.
    pub output: Option<String>,
    /// 1-based line of the opening fence in the lesson file.
    pub line: usize,
}

impl CodeBlock {
    /// Whether the content test runs this block.
    pub fn is_runnable_python(&self) -> bool {
        self.lang == "python" && !self.has_flag("norun")
    }

    /// Whether the info string carries `flag`.
    pub fn has_flag(&self, flag: &str) -> bool {
        self.flags.iter().any(|f| f == flag)
    }

    /// The packages a `needs=flask,httpx` flag names: the block runs only
    /// where they are installed.
    pub fn needs(&self) -> Vec<&str> {
        self.flags
            .iter()
            .filter_map(|f| f.strip_prefix("needs="))
            .flat_map(|list| list.split(','))
            .filter(|name| !name.is_empty())
            .collect()
    }

    /// The minimum Python version from a `min=3.11` flag, as (major, minor).
    pub fn min_python(&self) -> Option<(u32, u32)> {
        let version = self.flags.iter().find_map(|f| f.strip_prefix("min="))?;
        let (major, minor) = version.split_once('.')?;
        Some((major.parse().ok()?, minor.parse().ok()?))
    }
}

/// A parsed lesson: its title and blocks.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// The text of the first `# Title` line; empty when the file has none.
    pub title: String,
    pub blocks: Vec<Block>,
}

/// A problem found while parsing, at a 1-based line of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseProblem {
    pub line: usize,
    pub message: String,
}

/// Parses one lesson. Problems are reported, never fatal: the best-effort
/// document is always returned so the app can still show the lesson.
pub fn parse(source: &str) -> (Document, Vec<ParseProblem>) {
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| line_starts.partition_point(|&start| start <= offset);
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let events: Vec<(Event<'_>, usize)> = Parser::new_ext(source, options)
        .into_offset_iter()
        .map(|(event, range)| (event, line_of(range.start)))
        .collect();

    let (mut blocks, mut problems) = parser::blocks(&events);

    let mut title = String::new();
    let first_is_title = matches!(blocks.first(), Some(Block::Heading { level: 1, .. }))
        && source.trim_start().starts_with("# ");
    if first_is_title && let Block::Heading { spans, .. } = blocks.remove(0) {
        title = plain_text(&spans);
    }
    attach_outputs(&mut blocks, &mut problems);
    (Document { title, blocks }, problems)
}

/// The inline spans of a line of Markdown (`code`, *emphasis*), as a
/// paragraph of a lesson has them; text that is not one paragraph stays plain.
pub fn inline(text: &str) -> Vec<Span> {
    let (doc, _) = parse(text);
    match doc.blocks.as_slice() {
        [Block::Paragraph(spans)] if doc.title.is_empty() => spans.clone(),
        _ => vec![Span {
            text: text.to_owned(),
            ..Span::default()
        }],
    }
}

/// The text of spans without styling.
pub fn plain_text(spans: &[Span]) -> String {
    spans.iter().map(|s| s.text.as_str()).collect()
}

/// Moves each `output` block into the python block before it.
fn attach_outputs(blocks: &mut Vec<Block>, problems: &mut Vec<ParseProblem>) {
    let mut merged: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks.drain(..) {
        match block {
            Block::Code(code) if code.lang == "output" => match merged.last_mut() {
                Some(Block::Code(previous))
                    if previous.is_runnable_python() && previous.output.is_none() =>
                {
                    previous.output = Some(code.text);
                }
                _ => {
                    problems.push(ParseProblem {
                        line: code.line,
                        message: "an `output` block must directly follow a runnable `python` block"
                            .into(),
                    });
                    merged.push(Block::Code(code));
                }
            },
            Block::List { start, mut items } => {
                for item in &mut items {
                    attach_outputs(item, problems);
                }
                merged.push(Block::List { start, items });
            }
            Block::Quote(mut inner) => {
                attach_outputs(&mut inner, problems);
                merged.push(Block::Quote(inner));
            }
            other => merged.push(other),
        }
    }
    *blocks = merged;
}

#[cfg(test)]
mod tests;
