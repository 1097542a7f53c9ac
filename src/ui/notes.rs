//! The notes panel: a multiline editor for the open topic, saved as you type.

use super::View;
use crate::action::Action;

/// The editor's buffer, kept in step with the learner's data.
#[derive(Default)]
pub struct NotesPanel {
    topic: Option<String>,
    text: String,
    /// The stored note the buffer last matched, to notice outside changes.
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
        if self.topic.as_deref() != Some(topic_id) || *stored != self.synced {
            self.topic = Some(topic_id.to_owned());
            self.text.clone_from(stored);
            self.synced.clone_from(stored);
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
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
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
                    actions.push(Action::EditNote {
                        topic: topic_id.to_owned(),
                        text: self.text.clone(),
                    });
                }
            });
    }
}
