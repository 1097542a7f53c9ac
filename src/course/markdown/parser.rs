//! The block parser: pulldown-cmark's events, with their lines, to the
//! block model.

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use super::{Block, CodeBlock, ParseProblem, Span};
use crate::course::quiz;

/// The blocks of a lesson's events (each with its line), and the problems
/// found on the way.
pub(super) fn blocks(events: &[(Event<'_>, usize)]) -> (Vec<Block>, Vec<ParseProblem>) {
    let mut parser = BlockParser {
        events,
        pos: 0,
        problems: Vec::new(),
        depth: 0,
    };
    let blocks = parser.blocks(None);
    (blocks, parser.problems)
}

/// How deep quotes and lists may nest; deeper ones are flattened into one
/// paragraph of their text. Every reader of the block model (the parser,
/// search, drawing, even dropping it) walks it by recursion, so a lesson of
/// 10,000 nested `>` must not become 10,000 nested blocks. Sixteen is far
/// more than prose needs, and still readable at the lesson's width.
pub const MAX_NESTING: usize = 16;

/// Turns pulldown-cmark's events into blocks, reporting what it cannot.
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
