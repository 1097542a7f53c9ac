//! The left panel: overall progress, bookmarks and the tree of sections and
//! topics.

use egui::{RichText, collapsing_header::CollapsingState};

use super::{Page, View};
use crate::action::{Action, Command};
use crate::course::{Section, Topic};
use crate::study::Status;
use crate::theme;

/// Draws the sidebar.
pub fn sidebar_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    ui.add_space(6.0);
    ui.heading(&view.course.title);
    overall_progress_ui(ui, view);
    ui.add_space(4.0);
    navigation_ui(ui, view, actions);
    ui.add_space(4.0);
    bookmarks_ui(ui, view, actions);
    ui.separator();
    filters_ui(ui, view, actions);
    ui.scope(|ui| {
        // A solid scroll bar takes its own space: a floating one would
        // cover the counts and the note marks at the right edge.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // With a filter on, a section with no topic to show is left out.
                let settings = &view.progress.settings;
                let is_filtering =
                    settings.hide_done || settings.only_bookmarked || settings.only_with_notes;
                let mut shown = 0;
                for (index, section) in view.course.sections.iter().enumerate() {
                    if is_filtering && !section.topics.iter().any(|t| is_shown(view, t)) {
                        continue;
                    }
                    shown += 1;
                    section_ui(ui, view, index, section, actions);
                }
                if shown == 0 {
                    ui.weak("No topics match the filters.");
                }
            });
    });
    let page_id = ui.make_persistent_id("last page");
    ui.data_mut(|d| d.insert_temp(page_id, view.page.clone()));
}

/// Home, Map and Search.
fn navigation_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    let review_label = match view.summary.due_today {
        0 => "Review".to_owned(),
        due => format!("Review ({due})"),
    };
    ui.horizontal_wrapped(|ui| {
        for (page, command, text) in [
            (Some(Page::Home), Command::GoHome, "🏠 Home"),
            (Some(Page::Map), Command::ShowMap, "🗺 Map"),
            (None, Command::OpenSearch, "🔍 Search"),
            (
                Some(Page::Review),
                Command::OpenReview,
                review_label.as_str(),
            ),
            (Some(Page::Stats), Command::OpenStats, "Stats"),
            (
                Some(Page::Playground),
                Command::OpenPlayground,
                "Playground",
            ),
        ] {
            let is_open = page.as_ref() == Some(view.page);
            let hint = format!("{} ({})", command.label(), command.shortcut_text(ui.ctx()));
            if ui
                .selectable_label(is_open, text)
                .on_hover_text(hint)
                .clicked()
            {
                actions.push(Action::Command(command));
            }
        }
    });
}

/// Toggles that narrow the tree; the counts keep showing true totals.
fn filters_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    let settings = &view.progress.settings;
    ui.horizontal_wrapped(|ui| {
        ui.weak("Show:");
        let mut changed = settings.clone();
        ui.toggle_value(&mut changed.hide_done, "Hide done")
            .on_hover_text("Hide topics marked Done");
        ui.toggle_value(&mut changed.only_bookmarked, "★ only")
            .on_hover_text("Only bookmarked topics");
        ui.toggle_value(&mut changed.only_with_notes, "✏ only")
            .on_hover_text("Only topics with notes");
        if changed != *settings {
            actions.push(Action::ChangeSettings(changed));
        }
    });
}

/// Whether the sidebar filters let a topic's row show.
fn is_shown(view: &View<'_>, topic: &Topic) -> bool {
    let settings = &view.progress.settings;
    let record = view.progress.topic(&topic.id);
    !(settings.hide_done && record.status == Status::Done
        || settings.only_bookmarked && !record.bookmarked
        || settings.only_with_notes && record.note.trim().is_empty())
}

/// The text of the overall bar: "23 of 87 topics done (26%)".
pub fn overall_text(done: usize, total: usize) -> String {
    let percent = (done * 100).checked_div(total).unwrap_or(0);
    format!("{done} of {total} topics done ({percent}%)")
}

fn overall_progress_ui(ui: &mut egui::Ui, view: &View<'_>) {
    let total = view.course.topic_count();
    let done = super::done_count(view.progress, view.course.topics());
    super::progress_bar_ui(ui, done, total, None, 8.0);
    ui.label(overall_text(done, total));
}

fn bookmarks_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    let bookmarked: Vec<&Topic> = view
        .course
        .topics()
        .filter(|t| view.progress.topic(&t.id).bookmarked)
        .collect();
    let id = ui.make_persistent_id("bookmarks");
    CollapsingState::load_with_default_open(ui.ctx(), id, true)
        .show_header(ui, |ui| {
            ui.label(RichText::new(format!("Bookmarks ({})", bookmarked.len())).strong())
        })
        .body(|ui| {
            if bookmarked.is_empty() {
                ui.weak("Bookmark a topic to find it here.");
            }
            for topic in bookmarked {
                let is_open = view.page.topic_id() == Some(topic.id.as_str());
                let response = ui
                    .horizontal(|ui| {
                        ui.label(RichText::new("★").color(theme::bookmark(ui.visuals())));
                        ui.add(egui::Button::selectable(is_open, &topic.title).wrap())
                    })
                    .inner;
                if response.clicked() {
                    actions.push(Action::OpenTopic(topic.id.clone()));
                }
            }
        });
}

fn section_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    index: usize,
    section: &Section,
    actions: &mut Vec<Action>,
) {
    let id = ui.make_persistent_id(("section", &section.id));
    let holds_open_topic = view
        .page
        .topic_id()
        .is_some_and(|open| section.topics.iter().any(|t| t.id == open));
    let is_open_page = *view.page == Page::Section(index);
    let holds_open_topic = holds_open_topic
        || matches!(view.page, Page::Project(id) if section.projects.iter().any(|p| &p.id == id));
    let mut state =
        CollapsingState::load_with_default_open(ui.ctx(), id, holds_open_topic || is_open_page);
    let page_id = ui.make_persistent_id("last page");
    let is_new_page = ui.data_mut(|d| d.get_temp::<Page>(page_id)).as_ref() != Some(view.page);
    if is_new_page && (holds_open_topic || is_open_page) {
        // Show the open page in the tree when it was opened from elsewhere;
        // after that the learner's own collapsing wins.
        state.set_open(true);
    }
    let done = super::done_count(view.progress, section.topics.iter());
    state
        .show_header(ui, |ui| {
            let title =
                egui::Button::selectable(is_open_page, RichText::new(&section.title).strong());
            let response = title_with_marks_ui(ui, title, |ui| {
                ui.weak(format!("{done}/{}", section.topics.len()))
                    .on_hover_text(format!("{done} of {} topics done", section.topics.len()));
            });
            if response.clicked() {
                actions.push(Action::OpenSection(index));
            }
        })
        .body(|ui| {
            // A section is listed only when it has a topic to show.
            for topic in section.topics.iter().filter(|t| is_shown(view, t)) {
                topic_row_ui(ui, view, topic, actions);
            }
            super::project::sidebar_rows_ui(ui, view, section, actions);
        });
}

fn topic_row_ui(ui: &mut egui::Ui, view: &View<'_>, topic: &Topic, actions: &mut Vec<Action>) {
    let record = view.progress.topic(&topic.id);
    let is_open = view.page.topic_id() == Some(topic.id.as_str());
    ui.horizontal(|ui| {
        let (icon, colour) = theme::status_icon(record.status, ui.visuals());
        ui.label(RichText::new(icon).color(colour))
            .on_hover_text(record.status.label());
        let title = egui::Button::selectable(is_open, &topic.title);
        let response = title_with_marks_ui(ui, title, |ui| {
            // Right to left: the exercise count at the edge.
            if let Some(text) = super::exercise::solved_text(topic, record) {
                let solved = super::exercise::solved_count(topic, record);
                ui.label(
                    RichText::new(format!("{solved}/{}", topic.exercises.len()))
                        .small()
                        .weak(),
                )
                .on_hover_text(text);
            }
            if !record.note.trim().is_empty() {
                ui.label("✏").on_hover_text("Has notes");
            }
            if record.bookmarked {
                ui.label(RichText::new("★").color(theme::bookmark(ui.visuals())))
                    .on_hover_text("Bookmarked");
            }
        });
        if response.clicked() {
            actions.push(Action::OpenTopic(topic.id.clone()));
        }
    });
}

/// A title button with marks (counts, ★, ✏) at the right edge. The title
/// takes the room the marks leave and wraps onto more lines rather than
/// being cut: in a narrow sidebar every word of it is still there.
pub(super) fn title_with_marks_ui(
    ui: &mut egui::Ui,
    title: egui::Button<'_>,
    marks: impl FnOnce(&mut egui::Ui),
) -> egui::Response {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Min), |ui| {
        marks(ui);
        ui.with_layout(egui::Layout::left_to_right(egui::Align::Min), |ui| {
            ui.add(title.wrap())
        })
        .inner
    })
    .inner
}

#[cfg(test)]
mod tests {
    #[test]
    fn overall_text_rounds_down_and_handles_empty() {
        assert_eq!(super::overall_text(23, 87), "23 of 87 topics done (26%)");
        assert_eq!(super::overall_text(0, 0), "0 of 0 topics done (0%)");
    }
}
