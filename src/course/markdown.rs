//! Lesson Markdown to our block model. The UI, search and tests all read the
//! model; nothing here knows about egui.

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::quiz::{self, Question};

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

    let mut parser = BlockParser {
        events: &events,
        pos: 0,
        problems: Vec::new(),
        depth: 0,
    };
    let mut blocks = parser.blocks(None);
    let mut problems = parser.problems;

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

/// How deep quotes and lists may nest; deeper ones are flattened into one
/// paragraph of their text. Every reader of the block model (the parser,
/// search, drawing, even dropping it) walks it by recursion, so a lesson of
/// 10,000 nested `>` must not become 10,000 nested blocks. Sixteen is far
/// more than prose needs, and still readable at the lesson's width.
pub const MAX_NESTING: usize = 16;

struct BlockParser<'e, 's> {
    events: &'e [(Event<'s>, usize)],
    pos: usize,
    problems: Vec<ParseProblem>,
    /// How many quotes and list items the parser is inside.
    depth: usize,
}

#[derive(Clone, Default)]
struct Style {
    bold: u32,
    italic: u32,
    strike: u32,
    link: Option<String>,
}

impl<'s> BlockParser<'_, 's> {
    fn peek(&self) -> Option<&(Event<'s>, usize)> {
        self.events.get(self.pos)
    }

    /// Reads blocks until the end tag `end` (or the end of input).
    fn blocks(&mut self, end: Option<TagEnd>) -> Vec<Block> {
        let mut blocks = Vec::new();
        while let Some((event, line)) = self.peek().cloned() {
            match event {
                Event::End(tag) if Some(tag) == end => {
                    self.pos += 1;
                    break;
                }
                Event::Start(Tag::Heading { level, .. }) => {
                    self.pos += 1;
                    let spans = self.inlines(TagEnd::Heading(level));
                    blocks.push(Block::Heading {
                        level: level as u8,
                        spans,
                    });
                }
                Event::Start(Tag::Paragraph) => {
                    self.pos += 1;
                    if let Some(image) = self.image_paragraph(line) {
                        blocks.push(image);
                    } else {
                        blocks.push(Block::Paragraph(self.inlines(TagEnd::Paragraph)));
                    }
                }
                Event::Start(Tag::List(_) | Tag::BlockQuote(_)) if self.depth >= MAX_NESTING => {
                    blocks.push(self.flattened(line));
                }
                Event::Start(Tag::List(start)) => {
                    self.pos += 1;
                    let mut items = Vec::new();
                    while let Some((event, _)) = self.peek().cloned() {
                        self.pos += 1;
                        match event {
                            Event::Start(Tag::Item) => {
                                self.depth += 1;
                                items.push(self.blocks(Some(TagEnd::Item)));
                                self.depth -= 1;
                            }
                            Event::End(TagEnd::List(_)) => break,
                            _ => {}
                        }
                    }
                    blocks.push(Block::List { start, items });
                }
                Event::Start(Tag::BlockQuote(kind)) => {
                    self.pos += 1;
                    self.depth += 1;
                    blocks.push(Block::Quote(self.blocks(Some(TagEnd::BlockQuote(kind)))));
                    self.depth -= 1;
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    self.pos += 1;
                    blocks.push(self.code_block(&kind, line));
                }
                Event::Start(Tag::Table(_)) => {
                    self.pos += 1;
                    blocks.push(self.table());
                }
                Event::Rule => {
                    self.pos += 1;
                    blocks.push(Block::Rule);
                }
                Event::Start(Tag::HtmlBlock) | Event::Html(_) | Event::End(_) => {
                    // Raw HTML is not rendered; stray end tags belong to nothing.
                    self.pos += 1;
                }
                _ => {
                    // Inline content directly inside a container (tight list items).
                    let spans = self.inlines_until_block();
                    if !spans.is_empty() {
                        blocks.push(Block::Paragraph(spans));
                    }
                }
            }
        }
        blocks
    }

    /// A quote or list nested too deep (at its start event), read to its end
    /// as one paragraph of its text, by counting, not recursion.
    fn flattened(&mut self, line: usize) -> Block {
        let mut open = 0usize;
        let mut text = String::new();
        while let Some((event, _)) = self.peek().cloned() {
            self.pos += 1;
            match event {
                Event::Start(_) => open += 1,
                Event::End(_) => {
                    open = open.saturating_sub(1);
                    if open == 0 {
                        break;
                    }
                }
                Event::Text(piece) | Event::Code(piece) => {
                    if !text.is_empty() && !text.ends_with(' ') {
                        text.push(' ');
                    }
                    text.push_str(piece.trim());
                }
                _ => {}
            }
        }
        self.problems.push(ParseProblem {
            line,
            message: format!(
                "quotes and lists nest more than {MAX_NESTING} levels deep here: the deeper levels are shown as plain text"
            ),
        });
        Block::Paragraph(vec![Span {
            text,
            ..Span::default()
        }])
    }

    fn code_block(&mut self, kind: &CodeBlockKind<'_>, line: usize) -> Block {
        let info = match kind {
            CodeBlockKind::Fenced(info) => info.to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        let mut words = info.split_whitespace().map(str::to_owned);
        let lang = words.next().unwrap_or_default();
        let flags = words.collect();
        let mut text = String::new();
        while let Some((event, _)) = self.peek().cloned() {
            self.pos += 1;
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => break,
                _ => {}
            }
        }
        if lang == "quiz" {
            match quiz::parse(&text) {
                Ok(questions) => return Block::Quiz(questions),
                Err(error) => {
                    self.problems.push(ParseProblem {
                        line: line + error.line,
                        message: format!("the quiz is not valid: {}", error.message),
                    });
                    return Block::Quiz(Vec::new());
                }
            }
        }
        Block::Code(CodeBlock {
            lang,
            flags,
            text,
            output: None,
            line,
        })
    }

    fn table(&mut self) -> Block {
        let mut header = Vec::new();
        let mut rows = Vec::new();
        let mut row: Vec<Vec<Span>> = Vec::new();
        while let Some((event, _)) = self.peek().cloned() {
            self.pos += 1;
            match event {
                Event::Start(Tag::TableCell) => row.push(self.inlines(TagEnd::TableCell)),
                Event::End(TagEnd::TableHead) => header = std::mem::take(&mut row),
                Event::End(TagEnd::TableRow) => rows.push(std::mem::take(&mut row)),
                Event::End(TagEnd::Table) => break,
                _ => {}
            }
        }
        Block::Table { header, rows }
    }

    /// Reads inline content up to the end tag `end`.
    fn inlines(&mut self, end: TagEnd) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut style = Style::default();
        while let Some((event, _)) = self.peek().cloned() {
            self.pos += 1;
            if event == Event::End(end) {
                break;
            }
            Self::inline_event(event, &mut style, &mut spans);
        }
        spans
    }

    /// A paragraph that holds one image and nothing else, as an image block;
    /// otherwise None with nothing consumed.
    fn image_paragraph(&mut self, line: usize) -> Option<Block> {
        let start = self.pos;
        let Some((Event::Start(Tag::Image { dest_url, .. }), _)) = self.peek().cloned() else {
            return None;
        };
        self.pos += 1;
        let mut alt = String::new();
        while let Some((event, _)) = self.peek().cloned() {
            self.pos += 1;
            match event {
                Event::End(TagEnd::Image) => break,
                Event::Text(text) | Event::Code(text) => alt.push_str(&text),
                _ => {}
            }
        }
        if let Some((Event::End(TagEnd::Paragraph), _)) = self.peek() {
            self.pos += 1;
            Some(Block::Image {
                src: dest_url.to_string(),
                alt,
                line,
            })
        } else {
            self.pos = start;
            None
        }
    }

    /// Reads inline content until a block-level event or an end of container.
    fn inlines_until_block(&mut self) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut style = Style::default();
        while let Some((event, _)) = self.peek().cloned() {
            let is_inline = match &event {
                Event::Start(tag) => matches!(
                    tag,
                    Tag::Emphasis
                        | Tag::Strong
                        | Tag::Strikethrough
                        | Tag::Link { .. }
                        | Tag::Image { .. }
                ),
                Event::End(tag) => matches!(
                    tag,
                    TagEnd::Emphasis
                        | TagEnd::Strong
                        | TagEnd::Strikethrough
                        | TagEnd::Link
                        | TagEnd::Image
                ),
                Event::Rule => false,
                _ => true,
            };
            if !is_inline {
                break;
            }
            self.pos += 1;
            Self::inline_event(event, &mut style, &mut spans);
        }
        // The whole course stays in memory: no spare capacity.
        for span in &mut spans {
            span.text.shrink_to_fit();
        }
        spans.shrink_to_fit();
        spans
    }

    fn inline_event(event: Event<'_>, style: &mut Style, spans: &mut Vec<Span>) {
        let mut push = |text: &str, is_code: bool, style: &Style| {
            let span = Span {
                text: String::new(),
                is_bold: style.bold > 0,
                is_italic: style.italic > 0,
                is_code,
                is_strikethrough: style.strike > 0,
                link: style.link.clone(),
            };
            // Text the parser hands over in pieces (at line breaks,
            // entities, quotes) is one span when it looks the same.
            match spans.last_mut() {
                Some(last) if last.has_look_of(&span) => last.text.push_str(text),
                _ => spans.push(Span {
                    text: text.to_owned(),
                    ..span
                }),
            }
        };
        match event {
            Event::Text(text) => push(&text, false, style),
            Event::Code(code) => push(&code, true, style),
            Event::SoftBreak => push(" ", false, style),
            Event::HardBreak => push("\n", false, style),
            Event::InlineHtml(html) | Event::Html(html) => push(&html, false, style),
            Event::Start(Tag::Emphasis) => style.italic += 1,
            Event::End(TagEnd::Emphasis) => style.italic = style.italic.saturating_sub(1),
            Event::Start(Tag::Strong) => style.bold += 1,
            Event::End(TagEnd::Strong) => style.bold = style.bold.saturating_sub(1),
            Event::Start(Tag::Strikethrough) => style.strike += 1,
            Event::End(TagEnd::Strikethrough) => style.strike = style.strike.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                style.link = Some(dest_url.to_string());
            }
            Event::End(TagEnd::Link | TagEnd::Image) => style.link = None,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_paragraph_and_styles() {
        let (doc, problems) = parse("# Dicts\n\nA **bold** and *it* `code` [x](topic:sets).\n");
        assert!(problems.is_empty());
        assert_eq!(doc.title, "Dicts");
        let Block::Paragraph(spans) = &doc.blocks[0] else {
            panic!("paragraph expected")
        };
        assert!(spans.iter().any(|s| s.text == "bold" && s.is_bold));
        assert!(spans.iter().any(|s| s.text == "it" && s.is_italic));
        assert!(spans.iter().any(|s| s.text == "code" && s.is_code));
        assert!(
            spans
                .iter()
                .any(|s| s.text == "x" && s.link.as_deref() == Some("topic:sets"))
        );
    }

    #[test]
    fn code_block_keeps_exact_text_and_output() {
        let src = "# T\n\n```python norun min=3.11\nx = 1\n\n  y = 2\n```\n\n```python\nprint(1)\n```\n\n```output\n1\n```\n";
        let (doc, problems) = parse(src);
        assert!(problems.is_empty(), "{problems:?}");
        let Block::Code(first) = &doc.blocks[0] else {
            panic!("code expected")
        };
        assert_eq!(first.text, "x = 1\n\n  y = 2\n");
        assert_eq!(first.flags, ["norun", "min=3.11"]);
        assert!(first.needs().is_empty());
        let flask = CodeBlock {
            flags: vec!["needs=flask,httpx".into(), "min=3.12".into()],
            ..CodeBlock::default()
        };
        assert_eq!(flask.needs(), ["flask", "httpx"]);
        assert_eq!(first.min_python(), Some((3, 11)));
        assert_eq!(first.line, 3);
        let Block::Code(second) = &doc.blocks[1] else {
            panic!("code expected")
        };
        assert_eq!(second.output.as_deref(), Some("1\n"));
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn output_after_non_python_is_a_problem() {
        let (_, problems) = parse("# T\n\n```bash\nls\n```\n\n```output\nx\n```\n");
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 7);
    }

    #[test]
    fn tight_list_items_become_paragraphs() {
        let (doc, _) = parse("# T\n\n- one `a`\n- two\n\n1. first\n");
        let Block::List { start: None, items } = &doc.blocks[0] else {
            panic!("list expected")
        };
        assert_eq!(items.len(), 2);
        assert!(matches!(&items[0][0], Block::Paragraph(spans) if plain_text(spans) == "one a"));
        assert!(matches!(&doc.blocks[1], Block::List { start: Some(1), .. }));
    }

    #[test]
    fn quotes_and_lists_deeper_than_the_limit_are_flattened_into_text() {
        for opener in ["> ", "- ", "1. "] {
            let source = format!("# T\n\n{}the bottom\n\nAfter.\n", opener.repeat(100_000));
            // On a small stack: nothing walks the levels by recursion.
            let started = std::time::Instant::now();
            let (doc, problems) = std::thread::Builder::new()
                .stack_size(512 * 1024)
                .spawn(move || parse(&source))
                .expect("thread")
                .join()
                .expect("no stack overflow");
            eprintln!("{opener:?} x 100,000: {:?}", started.elapsed());
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(problems[0].line, 3);
            let mut depth = 0;
            let mut deepest: &[Block] = &doc.blocks;
            loop {
                deepest = match deepest.first() {
                    Some(Block::Quote(inner)) => inner,
                    Some(Block::List { items, .. }) => &items[0],
                    _ => break,
                };
                depth += 1;
            }
            assert_eq!(depth, MAX_NESTING, "{opener:?}");
            assert!(
                matches!(&deepest[0], Block::Paragraph(spans) if plain_text(spans) == "the bottom"),
                "{deepest:?}"
            );
            assert!(matches!(doc.blocks.last(), Some(Block::Paragraph(_))));
        }
    }

    #[test]
    fn table_cells_are_kept() {
        let (doc, _) = parse("# T\n\n| a | b |\n| - | - |\n| 1 | `2` |\n");
        let Block::Table { header, rows } = &doc.blocks[0] else {
            panic!("table expected")
        };
        assert_eq!(header.len(), 2);
        assert_eq!(plain_text(&rows[0][1]), "2");
    }
}
