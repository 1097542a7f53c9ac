//! Draws the lesson block model: headings, paragraphs with styled spans,
//! lists, quotes, tables and code.

use egui::{RichText, TextStyle};

use super::code::{CodeFrame, code_block_ui};
use super::quiz;
use crate::action::Action;
use crate::course::{Block, Span};
use crate::highlight::Highlighter;
use crate::study::TopicRecord;
use crate::theme;

/// What block drawing needs besides the blocks.
pub struct BlockContext<'a> {
    pub highlighter: &'a Highlighter,
    pub copied: Option<(egui::Id, f64)>,
    /// The open topic and its record, for the quiz; None on overview pages.
    pub topic: Option<(&'a str, &'a TopicRecord)>,
}

/// Draws blocks top to bottom.
pub fn blocks_ui(
    ui: &mut egui::Ui,
    blocks: &[Block],
    cx: &BlockContext<'_>,
    actions: &mut Vec<Action>,
) {
    for (index, block) in blocks.iter().enumerate() {
        ui.push_id(index, |ui| block_ui(ui, block, cx, actions));
        ui.add_space(theme::BLOCK_SPACING);
    }
}

fn block_ui(ui: &mut egui::Ui, block: &Block, cx: &BlockContext<'_>, actions: &mut Vec<Action>) {
    match block {
        Block::Heading { level, spans } => {
            let size = theme::HEADING_SIZES[usize::from(level.saturating_sub(1)).min(3)];
            ui.add_space(theme::BLOCK_SPACING / 2.0);
            spans_ui(ui, spans, Some(size), actions);
        }
        Block::Paragraph(spans) => spans_ui(ui, spans, None, actions),
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
                                ui.push_id(i, |ui| block_ui(ui, block, cx, actions));
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
                    blocks_ui(ui, inner, cx, actions);
                });
        }
        Block::Code(code) => code_block_ui(
            ui,
            &CodeFrame::from_block(code),
            cx.highlighter,
            cx.copied,
            actions,
        ),
        Block::Table { header, rows } => {
            egui::Grid::new("table")
                .striped(true)
                .spacing([16.0, 6.0])
                .show(ui, |ui| {
                    for cell in header {
                        ui.label(RichText::new(crate::course::markdown::plain_text(cell)).strong());
                    }
                    ui.end_row();
                    for row in rows {
                        for cell in row {
                            ui.horizontal_wrapped(|ui| spans_ui(ui, cell, None, actions));
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

/// Draws styled spans as wrapped text; links are clickable.
pub fn spans_ui(ui: &mut egui::Ui, spans: &[Span], size: Option<f32>, actions: &mut Vec<Action>) {
    if spans.iter().all(|s| s.link.is_none()) {
        // One galley for the whole paragraph: far cheaper than a label per span.
        let mut job = egui::text::LayoutJob::default();
        for span in spans {
            rich_text(span, size).append_to(
                &mut job,
                ui.style(),
                egui::FontSelection::Default,
                egui::Align::Center,
            );
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
                    let response = ui.link(text);
                    let response = if url.starts_with("topic:") {
                        response
                    } else {
                        response.on_hover_text(url)
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
