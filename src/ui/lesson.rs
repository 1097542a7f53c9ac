//! The lesson pane: title, status and bookmark controls, the lesson, and
//! Previous / Next.

use egui::RichText;

use super::blocks::{BlockContext, blocks_ui};
use super::{FLASH_S, Flash, Page, ScrollReport, ScrollState, ScrollTarget, View};
use crate::action::{Action, Command};
use crate::course::Topic;
use crate::study::Status;
use crate::theme;

/// Frames a lesson keeps trying to reach where it was asked to scroll.
const TARGET_FRAMES_MAX: u32 = 60;

/// Draws the open page, scrolled where the app asks, and reports where it is.
pub fn lesson_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    copied: Option<(egui::Id, f64)>,
    flash: Option<&mut Flash>,
    scroll: &mut ScrollState,
    actions: &mut Vec<Action>,
) {
    // Kept until the lesson is where it was asked to be: a frame may be
    // discarded, and scrolling to a block can take a few frames.
    let target = scroll
        .target
        .as_ref()
        .filter(|(page, _)| page == view.page)
        .map(|(_, target)| *target);
    let offset = match target {
        Some(ScrollTarget::Offset(offset)) => Some(offset),
        _ => None,
    };
    // A page's first frame (the window's first, or the first after the
    // page opens) draws only what is on screen (and what is above a block
    // it must scroll to); the rest follows in the next frame.
    let is_first_frame = scroll.shown_page.as_ref() != Some(view.page);
    let first_frame_keep = if is_first_frame {
        match target {
            None => Some(0),
            Some(ScrollTarget::Block { index, .. }) => Some(index),
            Some(ScrollTarget::Offset(offset)) => (offset <= 0.0).then_some(0),
        }
    } else {
        None
    };
    let mut rects = Vec::new();
    let mut is_cut = false;
    // A scroll position per page, so each lesson opens at its top.
    let output = super::column_ui(ui, view.page, offset, |ui| {
        (rects, is_cut) = match view.page {
            Page::Topic(id) => match view.course.topic(id) {
                Some(topic) => topic_ui(ui, view, topic, copied, flash, first_frame_keep, actions),
                None => {
                    ui.label("This topic is not in the course.");
                    (Vec::new(), false)
                }
            },
            Page::Section(index) => {
                section_page_ui(ui, view, *index, copied, flash, first_frame_keep, actions)
            }
            Page::Home
            | Page::Map
            | Page::Playground
            | Page::Review
            | Page::Stats
            | Page::Project(_) => (Vec::new(), false),
        };
    });
    if is_first_frame {
        scroll.shown_page = Some(view.page.clone());
    }
    let viewport = output.inner_rect;
    if let Some(ScrollTarget::Block { index, below_pt }) = target
        && let Some(rect) = rects.get(index)
    {
        // The block is laid out: its place in the page gives the exact
        // offset, which the next frame scrolls to.
        let page_top = viewport.min.y - output.state.unclamped_offset().y;
        let offset = (rect.min.y - page_top + below_pt).max(0.0);
        scroll.target = Some((view.page.clone(), ScrollTarget::Offset(offset)));
        ui.ctx().request_repaint();
        return;
    }
    if is_cut {
        // Only part of the page is laid out: where it is and how far it is
        // read are measured in the next frame.
        return;
    }
    let height = output.content_size.y.max(1.0);
    let offset = output.state.clamped_offset().y;
    let is_at_bottom = offset >= height - viewport.height() - 1.0;
    let has_arrived = match target {
        None => true,
        Some(ScrollTarget::Offset(wanted)) => (offset - wanted).abs() < 1.0 || is_at_bottom,
        // A block not in the page: nowhere to go.
        Some(ScrollTarget::Block { .. }) => true,
    };
    if target.is_some() {
        scroll.settled_frames = 0;
        scroll.target_frames += 1;
        if has_arrived || scroll.target_frames > TARGET_FRAMES_MAX {
            scroll.target = None;
            scroll.target_frames = 0;
        }
    } else {
        scroll.settled_frames = scroll.settled_frames.saturating_add(1);
        // A window left alone draws no frames by itself: draw the few that
        // make the place count, or a jump (End, a link) is never kept.
        if scroll.settled_frames <= super::SCROLL_SETTLE_FRAMES {
            ui.ctx().request_repaint();
        }
    }
    scroll.report = Some(ScrollReport {
        page: view.page.clone(),
        view: viewport,
        width: viewport.width(),
        offset,
        height,
        top_block: rects
            .iter()
            .position(|r| r.max.y > viewport.min.y + 4.0)
            .map(|index| (index, viewport.min.y - rects[index].min.y)),
        seen_share: ((offset + viewport.height()) / height).clamp(0.0, 1.0),
        can_scroll: height > viewport.height() + 1.0,
    });
}

fn topic_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    topic: &Topic,
    copied: Option<(egui::Id, f64)>,
    flash: Option<&mut Flash>,
    first_frame_keep: Option<usize>,
    actions: &mut Vec<Action>,
) -> (Vec<egui::Rect>, bool) {
    let record = view.progress.topic(&topic.id);
    if let Some(section) = view.course.sections.get(topic.section_index)
        && ui.link(RichText::new(&section.title).small()).clicked()
    {
        actions.push(Action::OpenSection(topic.section_index));
    }
    ui.label(
        RichText::new(&topic.title)
            .size(theme::HEADING_SIZES[0])
            .strong(),
    );
    ui.horizontal_wrapped(|ui| {
        for status in Status::ALL {
            if ui
                .selectable_label(record.status == status, status.label())
                .clicked()
                && record.status != status
            {
                actions.push(Action::SetStatus {
                    topic: topic.id.clone(),
                    status,
                });
            }
        }
        ui.separator();
        let (text, hint) = if record.bookmarked {
            ("★ Bookmarked", "Remove the bookmark")
        } else {
            ("☆ Bookmark", "Bookmark this topic")
        };
        let hint = format!("{hint} ({})", shortcut_text(ui, Command::ToggleBookmark));
        if ui
            .selectable_label(record.bookmarked, text)
            .on_hover_text(hint)
            .clicked()
        {
            actions.push(Action::ToggleBookmark(topic.id.clone()));
        }
        if let Some(text) = super::exercise::solved_text(topic, record) {
            ui.separator();
            // Kept in one piece: moved to the next row whole if it does not fit.
            ui.add(egui::Label::new(RichText::new(text).weak()).extend());
        }
    });
    ui.separator();
    let mark = flash_mark(flash.as_deref());
    let cx = BlockContext {
        highlighter: view.highlighter,
        course: view.course,
        diagrams: view.diagrams,
        copied,
        topic: Some((&topic.id, record)),
        mark,
        page: Some((&topic.id, view.practice, record)),
        first_frame_keep,
        is_cut: std::cell::Cell::new(false),
    };
    let mut rects = blocks_ui(ui, &topic.doc().blocks, &cx, actions);
    if cx.is_cut.get() {
        return (rects, true);
    }
    show_flash(ui, flash, &rects);
    // What follows the blocks (Practice, then Previous / Next) is one more
    // place to read at, one past the last block.
    let rest_top = ui.cursor().top();
    super::exercise::practice_section_ui(ui, view, topic, record, actions);
    orphaned_edits_ui(ui, view, topic, record, actions);
    ui.separator();
    previous_next_ui(ui, view, topic, actions);
    let rest = egui::Rect::from_x_y_ranges(ui.min_rect().x_range(), rest_top..=ui.cursor().top());
    rects.push(rest);
    (rects, false)
}

fn previous_next_ui(ui: &mut egui::Ui, view: &View<'_>, topic: &Topic, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        if let Some(previous) = view.course.neighbour(&topic.id, -1) {
            let hint = shortcut_text(ui, Command::PreviousTopic);
            if ui
                .button(format!("‹ Previous: {}", previous.title))
                .on_hover_text(hint)
                .clicked()
            {
                actions.push(Action::Command(Command::PreviousTopic));
            }
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(next) = view.course.neighbour(&topic.id, 1) {
                let hint = shortcut_text(ui, Command::NextTopic);
                if ui
                    .button(format!("Next: {} ›", next.title))
                    .on_hover_text(hint)
                    .clicked()
                {
                    actions.push(Action::Command(Command::NextTopic));
                }
            }
        });
    });
}

fn section_page_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    index: usize,
    copied: Option<(egui::Id, f64)>,
    flash: Option<&mut Flash>,
    first_frame_keep: Option<usize>,
    actions: &mut Vec<Action>,
) -> (Vec<egui::Rect>, bool) {
    let Some(section) = view.course.sections.get(index) else {
        return (Vec::new(), false);
    };
    let title = if section.overview().title.is_empty() {
        &section.title
    } else {
        &section.overview().title
    };
    ui.label(RichText::new(title).size(theme::HEADING_SIZES[0]).strong());
    let done = super::done_count(view.progress, &section.topics);
    ui.weak(format!(
        "Section {} of {} · {done} of {} topics done",
        index + 1,
        view.course.sections.len(),
        section.topics.len()
    ));
    ui.separator();
    let mark = flash_mark(flash.as_deref());
    let cx = BlockContext {
        highlighter: view.highlighter,
        course: view.course,
        diagrams: view.diagrams,
        copied,
        topic: None,
        mark,
        page: Some((&section.id, view.practice, view.progress.topic(&section.id))),
        first_frame_keep,
        is_cut: std::cell::Cell::new(false),
    };
    let rects = blocks_ui(ui, &section.overview().blocks, &cx, actions);
    if cx.is_cut.get() {
        return (rects, true);
    }
    show_flash(ui, flash, &rects);
    ui.label(
        RichText::new("Topics")
            .size(theme::HEADING_SIZES[1])
            .strong(),
    );
    for topic in &section.topics {
        ui.horizontal(|ui| {
            let (icon, colour) = theme::status_icon(view.progress.status(&topic.id), ui.visuals());
            ui.label(RichText::new(icon).color(colour));
            if ui
                .link(RichText::new(&topic.title).size(theme::BODY_SIZE))
                .clicked()
            {
                actions.push(Action::OpenTopic(topic.id.clone()));
            }
        });
    }
    super::project::overview_list_ui(ui, view, section, actions);
    ui.add_space(theme::BLOCK_SPACING);
    if let Some(first) = section.topics.first()
        && ui.button(format!("Start: {} ›", first.title)).clicked()
    {
        actions.push(Action::OpenTopic(first.id.clone()));
    }
    (rects, false)
}

fn shortcut_text(ui: &egui::Ui, command: Command) -> String {
    command.shortcut_text(ui.ctx())
}

/// The block and word a search hit marks.
fn flash_mark(flash: Option<&Flash>) -> Option<(usize, &str)> {
    let flash = flash?;
    Some((flash.block?, flash.term.as_str()))
}

/// Scrolls the hit's block to the top of the view once (a heading then
/// reads like the start of its part), and frames it while the mark fades.
fn show_flash(ui: &mut egui::Ui, flash: Option<&mut Flash>, rects: &[egui::Rect]) {
    let Some(flash) = flash else { return };
    let Some(rect) = flash.block.and_then(|b| rects.get(b)) else {
        return;
    };
    if !flash.has_scrolled {
        ui.scroll_to_rect(rect.expand(theme::BLOCK_SPACING), Some(egui::Align::TOP));
        flash.has_scrolled = true;
    }
    #[expect(
        clippy::cast_possible_truncation,
        reason = "a fade factor between 0 and 1"
    )]
    let fade = (1.0 - (ui.input(|i| i.time) - flash.started) / FLASH_S).clamp(0.0, 1.0) as f32;
    let colour = theme::search_mark(ui.visuals()).gamma_multiply(fade);
    ui.painter().rect_stroke(
        rect.expand(4.0),
        theme::CORNER_RADIUS,
        egui::Stroke::new(2.0, colour),
        egui::StrokeKind::Outside,
    );
}

/// Edits the learner made to examples the lesson has since changed: kept
/// and shown, never dropped or attached to another example.
fn orphaned_edits_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    topic: &Topic,
    record: &crate::study::TopicRecord,
    actions: &mut Vec<Action>,
) {
    if record.edits.values().all(|draft| draft.text.is_empty()) {
        return;
    }
    let mut keys = std::collections::HashSet::new();
    crate::course::visit_blocks(&topic.doc().blocks, &mut |block| {
        if let crate::course::Block::Code(code) = block {
            keys.insert(crate::study::example_key(&code.text));
        }
    });
    let orphans: Vec<(&String, &crate::study::Draft)> = record
        .edits
        .iter()
        .filter(|(key, draft)| !keys.contains(*key) && !draft.text.is_empty())
        .collect();
    if orphans.is_empty() {
        return;
    }
    ui.add_space(theme::BLOCK_SPACING);
    ui.label(RichText::new("Your edits of examples that have since changed").strong());
    ui.weak(
        "The lesson's examples were updated after you edited these; your versions are kept here.",
    );
    for (key, draft) in orphans {
        let frame = super::code::CodeFrame {
            lang: "python",
            text: &draft.text,
            output: None,
            badge: Some("your edit".to_owned()),
        };
        ui.push_id(key, |ui| {
            super::code::code_block_ui(ui, &frame, view.highlighter, None, None, None, actions);
            if ui.small_button("Remove this edit").clicked() {
                actions.push(Action::EditExample {
                    page: topic.id.clone(),
                    key: key.clone(),
                    text: None,
                });
            }
        });
    }
}
