//! Draws the lesson block model: headings, paragraphs with styled spans,
//! lists, quotes, tables and code.

use egui::{RichText, TextStyle};

use super::code::{CodeFrame, code_block_ui};
use super::quiz;
use crate::action::Action;
use crate::course::link::LinkTarget;
use crate::course::{Block, Span};
use crate::highlight::Highlighter;
use crate::study::TopicRecord;
use crate::theme;

/// What block drawing needs besides the blocks.
pub struct BlockContext<'a> {
    pub highlighter: &'a Highlighter,
    /// The course (for its pictures) and the pictures drawn so far.
    pub course: &'a crate::course::Course,
    pub diagrams: &'a crate::diagrams::Diagrams,
    pub copied: Option<(egui::Id, f64)>,
    /// The open topic and its record, for the quiz; None on overview pages.
    pub topic: Option<(&'a str, &'a TopicRecord)>,
    /// A top-level block and a word to mark in it (a search hit).
    pub mark: Option<(usize, &'a str)>,
    /// Where examples run: the page id, the practice state and the
    /// learner's edits there. None where examples do not run.
    pub page: Option<(
        &'a str,
        &'a crate::practice::PracticeState,
        &'a crate::study::TopicRecord,
    )>,
    /// In a page's first frame, the blocks after this one that start
    /// below the visible area are left for the next frame, which follows at
    /// once: the window opens sooner, showing the same (None: draw all).
    pub first_frame_keep: Option<usize>,
    /// Set when blocks were left for the next frame.
    pub is_cut: std::cell::Cell<bool>,
}

/// Draws blocks top to bottom.
pub fn blocks_ui(
    ui: &mut egui::Ui,
    blocks: &[Block],
    cx: &BlockContext<'_>,
    actions: &mut Vec<Action>,
) -> Vec<egui::Rect> {
    let mut rects = Vec::with_capacity(blocks.len());
    for (index, block) in blocks.iter().enumerate() {
        if let Some(keep) = cx.first_frame_keep
            && index > keep
            && ui.cursor().top() > ui.clip_rect().bottom()
        {
            cx.is_cut.set(true);
            ui.ctx().request_repaint();
            break;
        }
        let mark = cx.mark.filter(|(at, _)| *at == index).map(|(_, term)| term);
        rects.push(
            ui.push_id(index, |ui| block_ui(ui, block, cx, mark, actions))
                .response
                .rect,
        );
        ui.add_space(theme::BLOCK_SPACING);
    }
    rects
}

fn block_ui(
    ui: &mut egui::Ui,
    block: &Block,
    cx: &BlockContext<'_>,
    mark: Option<&str>,
    actions: &mut Vec<Action>,
) {
    match block {
        Block::Heading { level, spans } => {
            let size = theme::HEADING_SIZES[usize::from(level.saturating_sub(1)).min(3)];
            ui.add_space(theme::BLOCK_SPACING / 2.0);
            spans_ui(ui, spans, Some(size), mark, actions);
        }
        Block::Paragraph(spans) => spans_ui(ui, spans, None, mark, actions),
        Block::Image { src, alt, .. } => picture_ui(ui, cx, src, alt),
        Block::List { start, items } => {
            for (n, item) in items.iter().enumerate() {
                ui.horizontal_top(|ui| {
                    let marker =
                        start.map_or_else(|| "•".to_owned(), |s| format!("{}.", s + n as u64));
                    let marker_size =
                        egui::vec2(theme::INDENT, ui.text_style_height(&TextStyle::Body));
                    ui.allocate_ui_with_layout(
                        marker_size,
                        egui::Layout::left_to_right(egui::Align::Min),
                        |ui| {
                            ui.label(RichText::new(marker).size(theme::BODY_SIZE));
                        },
                    );
                    ui.vertical(|ui| {
                        ui.push_id(n, |ui| {
                            for (i, block) in item.iter().enumerate() {
                                if i > 0 {
                                    ui.add_space(theme::BLOCK_SPACING / 2.0);
                                }
                                ui.push_id(i, |ui| block_ui(ui, block, cx, mark, actions));
                            }
                        });
                    });
                });
            }
        }
        Block::Quote(inner) => {
            egui::Frame::new()
                .inner_margin(egui::Margin {
                    left: 12,
                    right: 4,
                    top: 2,
                    bottom: 2,
                })
                .show(ui, |ui| {
                    let rect = ui.max_rect();
                    let stroke = egui::Stroke::new(3.0, ui.visuals().weak_text_color());
                    ui.painter()
                        .vline(rect.left() - 8.0, rect.y_range(), stroke);
                    for (i, block) in inner.iter().enumerate() {
                        ui.push_id(i, |ui| block_ui(ui, block, cx, mark, actions));
                    }
                });
        }
        Block::Code(code) => {
            let example =
                cx.page
                    .filter(|_| code.lang == "python")
                    .map(|(page, practice, record)| {
                        let key = crate::study::example_key(&code.text);
                        let edit = record
                            .edits
                            .get(&key)
                            .map(|d| d.text.as_str())
                            .filter(|text| !text.is_empty());
                        super::code::Example {
                            page,
                            key,
                            practice,
                            edit,
                        }
                    });
            code_block_ui(
                ui,
                &CodeFrame::from_block(code),
                cx.highlighter,
                cx.copied,
                mark,
                example.as_ref(),
                actions,
            );
        }
        Block::Table { header, rows } => {
            const SPACING: f32 = 16.0;
            let widths = column_widths(ui, header, rows, SPACING);
            egui::Grid::new("table")
                .striped(true)
                .spacing([SPACING, 6.0])
                .show(ui, |ui| {
                    for (cell, &width) in header.iter().zip(&widths) {
                        ui.vertical(|ui| {
                            ui.set_width(width);
                            ui.label(
                                RichText::new(crate::course::markdown::plain_text(cell)).strong(),
                            );
                        });
                    }
                    ui.end_row();
                    for row in rows {
                        for (cell, &width) in row.iter().zip(&widths) {
                            ui.vertical(|ui| {
                                ui.set_width(width);
                                ui.horizontal_wrapped(|ui| spans_ui(ui, cell, None, mark, actions));
                            });
                        }
                        ui.end_row();
                    }
                });
        }
        Block::Rule => {
            ui.separator();
        }
        Block::Quiz(questions) => {
            if let Some((id, record)) = cx.topic {
                quiz::quiz_ui(ui, id, questions, record, cx, actions);
            }
        }
    }
}

/// The width of each column of a table, sharing the lesson's width by how
/// much text each column holds, so a long column wraps and a short one
/// stays narrow. (egui's Grid sizes a column from its last frame, so wrapped
/// cells alone would stay as narrow as their first layout.)
fn column_widths(
    ui: &egui::Ui,
    header: &[Vec<Span>],
    rows: &[Vec<Vec<Span>>],
    spacing: f32,
) -> Vec<f32> {
    let chars = |cell: &[Span]| cell.iter().map(|s| s.text.chars().count()).sum::<usize>();
    let longest: Vec<f32> = (0..header.len())
        .map(|column| {
            std::iter::once(&header[column])
                .chain(rows.iter().filter_map(|row| row.get(column)))
                .map(|cell| chars(cell))
                .max()
                .unwrap_or(0) as f32
        })
        .collect();
    let total = ui.available_width() - spacing * header.len().saturating_sub(1) as f32;
    let char_width = ui.text_style_height(&TextStyle::Body) * 0.5;
    let natural: f32 = longest.iter().map(|n| n * char_width).sum();
    longest
        .iter()
        .zip(header)
        .map(|(&n, title)| {
            let width = if natural <= total {
                // Everything fits on one line: each column as wide as its text.
                n * char_width
            } else {
                total * n / longest.iter().sum::<f32>()
            };
            // Never narrower than its (bold) title.
            width.max((chars(title) + 2) as f32 * char_width)
        })
        .collect()
}

/// Draws styled spans as wrapped text; links are clickable.
pub fn spans_ui(
    ui: &mut egui::Ui,
    spans: &[Span],
    size: Option<f32>,
    mark: Option<&str>,
    actions: &mut Vec<Action>,
) {
    if spans.iter().all(|s| s.link.is_none()) {
        // One galley for the whole paragraph: far cheaper than a label per span.
        let mut job = egui::text::LayoutJob::default();
        for span in spans {
            append_marked(ui, &mut job, span, size, mark);
        }
        ui.add(egui::Label::new(job).wrap());
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        let row_height = ui.text_style_height(&TextStyle::Body);
        ui.set_row_height(row_height);
        for span in spans {
            let text = rich_text(span, size);
            match &span.link {
                Some(url) => {
                    let response = match crate::course::link::target(url) {
                        LinkTarget::Topic(_) => ui.link(text),
                        LinkTarget::Web(_) => ui.link(text).on_hover_text(url),
                        // Shown as text: clicking it says why it does not open.
                        LinkTarget::Refused => ui
                            .add(egui::Label::new(text).sense(egui::Sense::click()))
                            .on_hover_text(format!(
                                "Not opened: {url}\n{}.",
                                crate::course::link::REFUSED
                            )),
                    };
                    if response.clicked() {
                        actions.push(Action::OpenLink(url.clone()));
                    }
                }
                None => {
                    ui.label(text);
                }
            }
        }
    });
}

/// Draws a picture as wide as the column (at most `theme::PICTURE_MAX_WIDTH`),
/// with its alt text for screen readers; the alt text shows until it is drawn.
fn picture_ui(ui: &mut egui::Ui, cx: &BlockContext<'_>, src: &str, alt: &str) {
    let Some(svg) = cx.course.image(src) else {
        ui.weak(format!("[picture missing: {alt}]"));
        return;
    };
    let width = ui.available_width().min(theme::PICTURE_MAX_WIDTH);
    let ppp = ui.ctx().pixels_per_point();
    // Drawn in steps of 32 px, so resizing the window redraws rarely.
    let width_px = ((width * ppp / 32.0).ceil() * 32.0).max(32.0) as u32;
    match cx.diagrams.get(ui.ctx(), src, svg, width_px) {
        crate::diagrams::Picture::Ready(texture) => {
            let size = texture.size_vec2() / ppp;
            let size = size * (width / size.x).min(1.0);
            ui.add(egui::Image::new((texture.id(), size)).alt_text(alt));
        }
        crate::diagrams::Picture::Drawing => {
            // The room the drawn picture will take, so nothing below it
            // moves (under the pointer) when it appears.
            let height = crate::diagrams::aspect_ratio(svg)
                .map_or(theme::PICTURE_PLACEHOLDER_HEIGHT, |ratio| width * ratio);
            ui.add_sized(
                [width, height],
                egui::Label::new(RichText::new(alt).weak()).wrap(),
            );
        }
        crate::diagrams::Picture::Failed(error) => {
            ui.colored_label(
                theme::danger(ui.visuals()),
                format!("This picture could not be drawn ({error}). It shows: {alt}"),
            );
        }
    }
}

/// Spans laid out as one paragraph, wrapped to the available width: for
/// text that must be measured before it is shown.
pub fn spans_galley(ui: &egui::Ui, spans: &[Span]) -> std::sync::Arc<egui::Galley> {
    let mut job = egui::text::LayoutJob::default();
    for span in spans {
        append_marked(ui, &mut job, span, None, None);
    }
    egui::WidgetText::from(job).into_galley(
        ui,
        Some(egui::TextWrapMode::Wrap),
        ui.available_width(),
        egui::TextStyle::Body,
    )
}

/// Appends a span, with any occurrence of `mark` given a highlight.
fn append_marked(
    ui: &egui::Ui,
    job: &mut egui::text::LayoutJob,
    span: &Span,
    size: Option<f32>,
    mark: Option<&str>,
) {
    let ranges = mark
        .map(|term| theme::find_ignoring_case(&span.text, term))
        .unwrap_or_default();
    let mut at = 0;
    let style = ui.style();
    let append = |job: &mut egui::text::LayoutJob, text: &str, is_marked: bool| {
        // Inline code paints its own background, so a marked piece is set
        // in monospace without it.
        let piece = Span {
            text: text.to_owned(),
            is_code: span.is_code && !is_marked,
            ..span.clone()
        };
        let mut rich = rich_text(&piece, size);
        if is_marked {
            if span.is_code {
                rich = rich.monospace();
            }
            rich = rich
                .background_color(theme::search_mark(ui.visuals()))
                .color(ui.visuals().strong_text_color());
        }
        rich.append_to(
            job,
            style,
            egui::FontSelection::Default,
            egui::Align::Center,
        );
    };
    for range in ranges {
        append(job, &span.text[at..range.start], false);
        append(job, &span.text[range.clone()], true);
        at = range.end;
    }
    append(job, &span.text[at..], false);
}

/// The styled text of one span.
pub fn rich_text(span: &Span, size: Option<f32>) -> RichText {
    let mut text = RichText::new(&span.text).size(size.unwrap_or(theme::BODY_SIZE));
    if size.is_some() || span.is_bold {
        text = text.strong();
    }
    if span.is_italic {
        text = text.italics();
    }
    if span.is_code {
        text = text.code();
    }
    if span.is_strikethrough {
        text = text.strikethrough();
    }
    text
}
