//! The notes panel: a multiline editor for the open topic, saved as you type.

use super::View;
use crate::action::Action;

/// A note longer than this is edited in part: laying out megabytes of text
/// takes seconds and gigabytes each frame.
pub const HUGE_NOTE_BYTES: usize = 1024 * 1024;

/// How much of a huge note's end the editor holds.
const HUGE_NOTE_SHOWN_BYTES: usize = 64 * 1024;

/// The editor's buffer, kept in step with the learner's data.
#[derive(Default)]
pub struct NotesPanel {
    topic: Option<String>,
    /// The editor's text: the whole note, or for a huge one its end.
    text: String,
    /// Where `text` starts in the note: 0, or for a huge note the bytes
    /// before it, kept as they are.
    start: usize,
    /// The stored note from `start` that the buffer last matched, to notice
    /// outside changes.
    synced: String,
    /// Put the cursor in the editor on the next frame.
    pub wants_focus: bool,
}

impl NotesPanel {
    /// Draws the panel for the open topic.
    pub fn ui(&mut self, ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
        ui.add_space(6.0);
        ui.heading("Notes");
        let Some(topic_id) = view.page.topic_id() else {
            ui.weak("Open a topic to take notes on it.");
            return;
        };
        let stored = &view.progress.topic(topic_id).note;
        // Text that came from outside (another window) while the learner
        // types here: the cursor stays with the words around it.
        let mut replaced: Option<String> = None;
        if self.topic.as_deref() != Some(topic_id)
            || stored.get(self.start..) != Some(self.synced.as_str())
        {
            if self.topic.as_deref() == Some(topic_id) {
                replaced = Some(std::mem::take(&mut self.text));
            }
            self.topic = Some(topic_id.to_owned());
            self.start = shown_from(stored);
            self.text = stored[self.start..].to_owned();
            self.synced.clone_from(&self.text);
        }
        let title = view
            .course
            .topic(topic_id)
            .map_or(topic_id, |t| t.title.as_str());
        if view.is_save_failing {
            ui.colored_label(
                crate::theme::danger(ui.visuals()),
                format!("On “{title}”. Not saved yet: saving is failing (see the message above)."),
            );
        } else {
            ui.weak(format!("On “{title}”. Saved as you type."));
        }
        if self.start > 0 {
            ui.colored_label(
                crate::theme::warning(ui.visuals()),
                format!(
                    "This note is {}, too long to show whole: here is its end, to read and add to (saving it may be slow). The {} before it are kept as they are.",
                    megabytes(stored.len()),
                    megabytes(self.start)
                ),
            );
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if let Some(old) = &replaced {
                    follow_cursor(ui, ui.make_persistent_id("note"), old, &self.text);
                }
                let editor = egui::TextEdit::multiline(&mut self.text)
                    .id_salt("note")
                    .hint_text("Write what you want to remember…")
                    .desired_width(f32::INFINITY)
                    .desired_rows(20);
                let response = ui.add(editor).on_hover_text("Your note on this topic");
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Note"));
                if self.wants_focus {
                    response.request_focus();
                    self.wants_focus = false;
                }
                if response.changed() {
                    self.synced.clone_from(&self.text);
                    let mut text = String::with_capacity(self.start + self.text.len());
                    text.push_str(&stored[..self.start]);
                    text.push_str(&self.text);
                    actions.push(Action::EditNote {
                        topic: topic_id.to_owned(),
                        text,
                    });
                }
            });
    }
}

/// Where the editor's part of `note` starts: 0, or for a huge note the
/// start of a line near its end (a char boundary in any case).
fn shown_from(note: &str) -> usize {
    if note.len() <= HUGE_NOTE_BYTES {
        return 0;
    }
    let mut start = note.len() - HUGE_NOTE_SHOWN_BYTES;
    while !note.is_char_boundary(start) {
        start += 1;
    }
    match note[start..].find('\n') {
        Some(newline) if newline + 1 < note.len() - start => start + newline + 1,
        _ => start,
    }
}

/// A size in bytes as the learner reads it: "200.0 MB".
fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
}

/// Moves the editor's cursor along when its text was replaced from outside:
/// text added or removed before it moves it, so what the learner types next
/// lands where they were typing.
fn follow_cursor(ui: &egui::Ui, id: egui::Id, old: &str, new: &str) {
    let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) else {
        return;
    };
    let Some(range) = state.cursor.char_range() else {
        return;
    };
    let at = cursor_after_change(old, new, range.primary.index.0);
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::one(
            egui::text::CCursor::new(at),
        )));
    state.store(ui.ctx(), id);
}

/// Where char index `at` of `old` is in `new`.
fn cursor_after_change(old: &str, new: &str, at: usize) -> usize {
    let prefix = old
        .chars()
        .zip(new.chars())
        .take_while(|(a, b)| a == b)
        .count();
    if at <= prefix {
        return at;
    }
    let (old_len, new_len) = (old.chars().count(), new.chars().count());
    let suffix = old
        .chars()
        .rev()
        .zip(new.chars().rev())
        .take_while(|(a, b)| a == b)
        .count()
        .min(old_len.min(new_len) - prefix);
    if at >= old_len - suffix {
        (at + new_len).saturating_sub(old_len)
    } else {
        new_len - suffix
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_note_is_shown_from_a_line_start_near_its_end() {
        assert_eq!(shown_from("short note"), 0);
        let mut note = "é".repeat(HUGE_NOTE_BYTES);
        note.push_str("\nlast line");
        let start = shown_from(&note);
        assert_eq!(&note[start..], "last line");
        // No newline: a char boundary within the last part.
        let note = "é".repeat(HUGE_NOTE_BYTES);
        let start = shown_from(&note);
        assert!(note.len() - start <= HUGE_NOTE_SHOWN_BYTES);
        assert!(note.is_char_boundary(start));
    }

    #[test]
    fn the_cursor_moves_with_text_added_before_it() {
        // Typing at the end while another window's text arrived in front.
        assert_eq!(cursor_after_change("mine", "theirs\nmine", 4), 11);
        // Text added after the cursor leaves it where it is.
        assert_eq!(cursor_after_change("mine", "mine and theirs", 2), 2);
        // Inside a changed part: after the new part.
        assert_eq!(cursor_after_change("a b c", "a XYZ c", 3), 5);
    }
}
