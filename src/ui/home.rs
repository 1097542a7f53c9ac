//! Home: overall progress, where to continue, bookmarks, recent notes and
//! every section's progress.

use egui::RichText;

use super::View;
use crate::action::Action;
use crate::study::Status;
use crate::theme;

/// How many recent notes Home lists.
const RECENT_NOTES: usize = 5;

/// How many characters of a note's start Home lays out: more than a line
/// of the widest window shows.
const PREVIEW_CHARS: usize = 300;

/// The start of a note, at most `PREVIEW_CHARS` characters of it.
fn preview(note: &str) -> &str {
    note.char_indices()
        .nth(PREVIEW_CHARS)
        .map_or(note, |(end, _)| &note[..end])
}

/// Draws the home page.
pub fn home_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    super::column_ui(ui, "home", None, |ui| home_contents_ui(ui, view, actions));
}

fn heading(ui: &mut egui::Ui, text: &str) {
    ui.add_space(theme::BLOCK_SPACING);
    ui.label(RichText::new(text).size(theme::HEADING_SIZES[1]).strong());
}

fn home_contents_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    let course = view.course;
    ui.label(
        RichText::new(&course.title)
            .size(theme::HEADING_SIZES[0])
            .strong(),
    );
    ui.label(RichText::new(&course.summary).size(theme::BODY_SIZE));
    ui.add_space(theme::BLOCK_SPACING);

    let total = course.topic_count();
    let done = super::done_count(view.progress, course.topics());
    super::progress_bar_ui(ui, done, total, None, 10.0);
    ui.label(super::sidebar::overall_text(done, total));
    ui.add_space(theme::BLOCK_SPACING);

    match super::continue_topic(view.course, view.progress) {
        Some(topic) => {
            let button = egui::Button::new(
                RichText::new(format!("Continue: {} ›", topic.title)).size(theme::HEADING_SIZES[2]),
            )
            .min_size(egui::vec2(0.0, 36.0));
            ui.horizontal_wrapped(|ui| {
                if ui.add(button).clicked() {
                    actions.push(Action::OpenTopic(topic.id.clone()));
                }
                review_summary_ui(ui, view, actions);
            });
        }
        None => {
            ui.label("The course has no topics.");
        }
    }
    practice_summary_ui(ui, view, actions);
    super::project::home_projects_ui(ui, view, actions);

    heading(ui, "Bookmarks");
    let bookmarked: Vec<_> = course
        .topics()
        .filter(|t| view.progress.topic(&t.id).bookmarked)
        .collect();
    if bookmarked.is_empty() {
        ui.weak("Bookmark a topic (Ctrl+B) to keep it here.");
    }
    for topic in bookmarked {
        ui.horizontal(|ui| {
            ui.label(RichText::new("★").color(theme::bookmark(ui.visuals())));
            if ui
                .link(RichText::new(&topic.title).size(theme::BODY_SIZE))
                .clicked()
            {
                actions.push(Action::OpenTopic(topic.id.clone()));
            }
        });
    }

    heading(ui, "Recent notes");
    let mut noted: Vec<_> = course
        .topics()
        .filter_map(|t| {
            let record = view.progress.topics.get(&t.id)?;
            (!record.note.trim().is_empty()).then_some((record.note_ms, t, record.note.trim()))
        })
        .collect();
    noted.sort_by_key(|n| std::cmp::Reverse(n.0));
    if noted.is_empty() {
        ui.weak("Notes you write beside a lesson show up here.");
    }
    for (_, topic, note) in noted.into_iter().take(RECENT_NOTES) {
        ui.horizontal(|ui| {
            ui.label("✏");
            if ui
                .link(RichText::new(&topic.title).size(theme::BODY_SIZE))
                .clicked()
            {
                actions.push(Action::OpenTopic(topic.id.clone()));
            }
            // Only what fits on the line is laid out, however long the note.
            let first_line = preview(note).lines().next().unwrap_or_default();
            ui.add(egui::Label::new(RichText::new(first_line).weak()).truncate());
        });
    }

    heading(ui, "Sections");
    egui::Grid::new("sections")
        .num_columns(3)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for (index, section) in course.sections.iter().enumerate() {
                let done = super::done_count(view.progress, &section.topics);
                if ui
                    .link(RichText::new(&section.title).size(theme::BODY_SIZE))
                    .clicked()
                {
                    actions.push(Action::OpenSection(index));
                }
                super::progress_bar_ui(ui, done, section.topics.len(), Some(180.0), 8.0);
                ui.weak(format!("{done}/{}", section.topics.len()));
                ui.end_row();
            }
        });
}

/// Exercises solved in all, and the first started topic with unsolved ones.
fn practice_summary_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    let (mut solved, mut total) = (0, 0);
    let mut next = None;
    for topic in view.course.topics() {
        let record = view.progress.topic(&topic.id);
        let done = super::exercise::solved_count(topic, record);
        solved += done;
        total += topic.exercises.len();
        if next.is_none() && done < topic.exercises.len() && record.status != Status::NotStarted {
            next = Some((topic, topic.exercises.len() - done));
        }
    }
    if total == 0 {
        return;
    }
    ui.add_space(theme::BLOCK_SPACING / 2.0);
    ui.label(format!("{solved} of {total} exercises solved"));
    if let Some((topic, unsolved)) = next {
        let text = format!("Practise: {} ({unsolved} unsolved) ›", topic.title);
        if ui.button(text).clicked() {
            actions.push(Action::OpenTopic(topic.id.clone()));
        }
    }
}

/// The streak and today's reviews, beside Continue.
fn review_summary_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    let summary = view.summary;
    let streak = match summary.streak {
        0 => "No streak yet".to_owned(),
        1 => "🔥 1-day streak".to_owned(),
        days => format!("🔥 {days}-day streak"),
    };
    ui.label(RichText::new(streak).strong());
    let due = match summary.due_today {
        0 => "Nothing to review today".to_owned(),
        1 => "Review 1 card".to_owned(),
        n => format!("Review {n} cards"),
    };
    if ui
        .add_enabled(summary.due_today > 0, egui::Button::new(due))
        .on_hover_text("Today's review (Ctrl+R)")
        .clicked()
    {
        actions.push(Action::Command(crate::action::Command::OpenReview));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_huge_note_is_previewed_by_its_start_only() {
        let note = "é".repeat(20 * 1024 * 1024);
        let shown = super::preview(&note);
        assert_eq!(shown.chars().count(), super::PREVIEW_CHARS);
        assert!(note.starts_with(shown));
        assert_eq!(super::preview("short"), "short");
    }
}
