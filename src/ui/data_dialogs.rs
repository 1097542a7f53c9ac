//! Dialogs about the learner's data: Restore from backup, importing a file
//! without a file dialog, and the question asked before closing over changes
//! that could not be saved.

use std::collections::BTreeSet;

use egui::RichText;

use crate::action::Action;
use crate::course::Course;
use crate::study::Progress;
use crate::study::store::BackupInfo;

/// The Restore from backup dialog's state.
#[derive(Clone, Debug)]
pub struct RestoreDialog {
    /// Newest first.
    pub backups: Vec<BackupInfo>,
    pub selected: usize,
}

/// How a backup differs from the data now, one line per topic, in course
/// order (topics the course no longer has last).
pub fn differences(course: &Course, now: &Progress, backup: &Progress) -> Vec<String> {
    let ids: BTreeSet<&String> = now.topics.keys().chain(backup.topics.keys()).collect();
    let mut ordered: Vec<(usize, &String)> = ids
        .into_iter()
        .map(|id| {
            let rank = course
                .topics()
                .position(|t| &t.id == id)
                .unwrap_or(usize::MAX);
            (rank, id)
        })
        .collect();
    ordered.sort();
    let mut lines = Vec::new();
    for (_, id) in ordered {
        let (a, b) = (now.topic(id), backup.topic(id));
        let title = course.topic(id).map_or(id.as_str(), |t| t.title.as_str());
        let mut parts = Vec::new();
        if a.status != b.status {
            parts.push(format!(
                "{} now, {} in the backup",
                a.status.label(),
                b.status.label()
            ));
        }
        if a.bookmarked != b.bookmarked {
            parts.push(if a.bookmarked {
                "bookmarked now only".to_owned()
            } else {
                "bookmarked in the backup only".to_owned()
            });
        }
        match (a.note.trim().is_empty(), b.note.trim().is_empty()) {
            (true, false) => parts.push("a note only in the backup".to_owned()),
            (false, true) => parts.push("a note only now".to_owned()),
            (false, false) if a.note != b.note => parts.push("the note differs".to_owned()),
            _ => {}
        }
        if a.quiz != b.quiz {
            parts.push("quiz answers differ".to_owned());
        }
        if !parts.is_empty() {
            lines.push(format!("{title}: {}", parts.join("; ")));
        }
    }
    lines
}

/// Draws the Restore dialog; pushes what the learner chose.
pub fn restore_ui(
    ctx: &egui::Context,
    dialog: &mut RestoreDialog,
    course: &Course,
    now: &Progress,
    actions: &mut Vec<Action>,
) {
    let modal = egui::Modal::new(egui::Id::unique("restore")).show(ctx, |ui| {
        ui.set_width(640.0_f32.min(ctx.content_rect().width() - 40.0));
        ui.heading("Restore from backup");
        ui.label("Pick a backup. Merging keeps everything you have now and adds what the backup has; replacing makes your data what the backup holds. Either way your data as it is now is backed up first.");
        ui.add_space(6.0);
        ui.columns(2, |columns| {
            egui::ScrollArea::vertical()
                .id_salt("backups")
                .max_height(320.0)
                .show(&mut columns[0], |ui| {
                    for (index, backup) in dialog.backups.iter().enumerate() {
                        let text = format!(
                            "{}\n{} topics done, {} notes",
                            backup.label, backup.topics_done, backup.notes
                        );
                        if ui
                            .selectable_label(dialog.selected == index, text)
                            .clicked()
                        {
                            dialog.selected = index;
                        }
                    }
                });
            let ui = &mut columns[1];
            if let Some(backup) = dialog.backups.get(dialog.selected) {
                ui.label(RichText::new(format!("Compared with now ({})", backup.label)).strong());
                let lines = differences(course, now, &backup.progress);
                egui::ScrollArea::vertical()
                    .id_salt("differences")
                    .max_height(300.0)
                    .show(ui, |ui| {
                        if lines.is_empty() {
                            ui.label("No differences: this backup holds what you have now.");
                        }
                        for line in &lines {
                            ui.label(line);
                        }
                    });
            }
        });
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let path = dialog.backups.get(dialog.selected).map(|b| b.path.clone());
            if let Some(path) = path {
                if ui.button("Merge into my data").clicked() {
                    actions.push(Action::RestoreBackup {
                        path: path.clone(),
                        is_replace: false,
                    });
                }
                if ui.button("Replace my data").clicked() {
                    actions.push(Action::RestoreBackup {
                        path,
                        is_replace: true,
                    });
                }
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CloseDialog);
            }
        });
    });
    if modal.should_close() {
        actions.push(Action::CloseDialog);
    }
}

/// Asks what to do with changes that could not be saved, before closing.
pub fn unsaved_ui(ctx: &egui::Context, reason: &str, actions: &mut Vec<Action>) {
    let modal = egui::Modal::new(egui::Id::unique("unsaved")).show(ctx, |ui| {
        ui.set_width(460.0);
        ui.heading("Your latest changes are not saved");
        ui.label(format!(
            "pyroadmap could not save them: {reason}. If you quit now, they are lost."
        ));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Save a copy as…").clicked() {
                actions.push(Action::SaveCopyAs);
            }
            if ui.button("Try again").clicked() {
                actions.push(Action::RetrySave);
                actions.push(Action::CloseDialog);
            }
            if ui.button("Quit without saving").clicked() {
                actions.push(Action::QuitWithoutSaving);
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CloseDialog);
            }
        });
    });
    if modal.should_close() {
        actions.push(Action::CloseDialog);
    }
}

/// What a typed path is for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PathPurpose {
    /// A progress file to import.
    #[default]
    Import,
    /// The Python that runs the learner's code.
    Python,
}

/// The Import dialog without a file dialog: a file dropped on the window,
/// or a path to type when no file dialog can be shown. Choose Python asks
/// for its path the same way.
#[derive(Clone, Debug, Default)]
pub struct ImportPrompt {
    pub path: String,
    /// Why it is asking (no dialog could be shown), if that is the reason.
    pub reason: Option<String>,
    pub purpose: PathPurpose,
    /// Why the last path given did not work, shown until the next try.
    pub error: Option<String>,
    /// The path given is being read or tried; the dialog stays open for
    /// the answer.
    pub is_waiting: bool,
}

/// Asks which file to import (or confirms a dropped one), or which Python
/// to use.
pub fn import_ui(ctx: &egui::Context, prompt: &mut ImportPrompt, actions: &mut Vec<Action>) {
    let is_python = prompt.purpose == PathPurpose::Python;
    let modal = egui::Modal::new(egui::Id::unique("import prompt")).show(ctx, |ui| {
        ui.set_width(520.0);
        ui.heading(if is_python {
            "Choose Python"
        } else {
            "Import progress"
        });
        if let Some(reason) = &prompt.reason {
            ui.label(reason);
        }
        ui.label(if is_python {
            "Your code runs with the Python at this path, on this computer only (a project's .venv/bin/python, for example)."
        } else {
            "Progress, bookmarks and notes in the file are merged with yours, field by field; nothing of yours is lost, and your data is backed up first."
        });
        ui.add_space(6.0);
        let (hint, label, button) = if is_python {
            ("Path to a Python interpreter", "Python to use", "Use this Python")
        } else {
            (
                "Path to a pyroadmap progress file (.ron)",
                "File to import",
                "Import",
            )
        };
        let field = ui.add(
            egui::TextEdit::singleline(&mut prompt.path)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        );
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
        let submitted = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if let Some(error) = &prompt.error {
            ui.add_space(4.0);
            ui.add(
                egui::Label::new(
                    egui::RichText::new(format!("✖ {error}"))
                        .color(crate::theme::danger(ui.visuals())),
                )
                .wrap(),
            );
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let path = prompt.path.trim();
            let is_ready = !path.is_empty() && !prompt.is_waiting;
            let confirm = ui.add_enabled(is_ready, egui::Button::new(button));
            if prompt.is_waiting {
                ui.spinner();
            }
            if (confirm.clicked() || submitted) && is_ready {
                let path = std::path::PathBuf::from(path);
                actions.push(if is_python {
                    Action::UsePython(path)
                } else {
                    Action::ImportFrom(path)
                });
            }
            if ui.button("Cancel").clicked() {
                actions.push(Action::CloseDialog);
            }
        });
    });
    if modal.should_close() {
        actions.push(Action::CloseDialog);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::study::Status;

    #[test]
    fn differences_name_topics_in_course_order() {
        let course = crate::course::load_embedded().course;
        let mut now = Progress::default();
        now.update_topic("sets", 1, |r| r.status = Status::Done);
        now.update_topic("lists", 1, |r| r.note = "mine".into());
        let mut backup = Progress::default();
        backup.update_topic("lists", 1, |r| r.note = "older".into());
        backup.update_topic("gone", 1, |r| r.note = "kept".into());
        let lines = differences(&course, &now, &backup);
        assert_eq!(
            lines,
            [
                "Lists: the note differs",
                "Sets: Done now, Not started in the backup",
                "gone: a note only in the backup",
            ]
        );
    }
}
