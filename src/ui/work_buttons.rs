//! An exercise's buttons for working in the learner's own editor: Open in
//! editor, Open folder, Check now where saves are not watched, and Reset,
//! which asks first.

use egui::RichText;

use super::View;
use crate::action::Action;

/// Open in editor and Open folder (and Check now, with why, where saves
/// in the editor are not checked by themselves).
pub(super) fn editor_buttons_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    topic: &str,
    exercise: &str,
    section: &str,
    actions: &mut Vec<Action>,
) {
    let file =
        crate::practice::work_folder::exercise_file(view.work_folder, section, topic, exercise);
    let ids = || (topic.to_owned(), exercise.to_owned());
    ui.horizontal_wrapped(|ui| {
        if ui
            .small_button("Open in editor")
            .on_hover_text(format!(
                "Work on this exercise in your own editor, as the file {}. Each save is checked here.",
                file.display()
            ))
            .clicked()
        {
            let (topic, exercise) = ids();
            actions.push(Action::OpenInEditor { topic, exercise });
        }
        if ui
            .small_button("Open folder")
            .on_hover_text("Show the exercise's folder in your file manager")
            .clicked()
        {
            let (topic, exercise) = ids();
            actions.push(Action::OpenExerciseFolder { topic, exercise });
        }
        if view.practice.watch_problem.is_some()
            && ui
                .small_button("Check now")
                .on_hover_text("Read the exercise's file and check it")
                .clicked()
        {
            let (topic, exercise) = ids();
            actions.push(Action::CheckFileNow { topic, exercise });
        }
    });
}

/// Why saves in the editor are not checked by themselves here, once under
/// a lesson's Practice heading.
pub(super) fn watch_problem_ui(ui: &mut egui::Ui, view: &View<'_>) {
    if let Some(problem) = &view.practice.watch_problem {
        ui.label(RichText::new(problem).color(crate::theme::warning(ui.visuals())));
    }
}

/// Reset, after a confirm that says what happens to the file.
pub(super) fn reset_ui(ui: &mut egui::Ui, topic: &str, exercise: &str, actions: &mut Vec<Action>) {
    let confirm_id = ui.scope_id().with("confirm reset");
    let is_confirming = ui.data(|d| d.get_temp::<bool>(confirm_id)).unwrap_or(false);
    if is_confirming {
        ui.label(
            RichText::new(format!(
                "Go back to the starter code? Your code is replaced; its file in your work folder, if you opened it in your editor, is kept beside it as {exercise}.py.pyroadmap-<date and time>."
            ))
            .small(),
        );
        if ui.small_button("Yes, reset").clicked() {
            ui.data_mut(|d| d.remove::<bool>(confirm_id));
            actions.push(Action::ResetExercise {
                topic: topic.to_owned(),
                exercise: exercise.to_owned(),
            });
        }
        if ui.small_button("Keep my code").clicked() {
            ui.data_mut(|d| d.remove::<bool>(confirm_id));
        }
    } else if ui
        .small_button("Reset")
        .on_hover_text("Go back to the starter code (asks first)")
        .clicked()
    {
        ui.data_mut(|d| d.insert_temp(confirm_id, true));
    }
}

/// The View menu's work folder and editor command: this machine's own.
pub(super) fn work_settings_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    let machine = view.machine;
    ui.label(RichText::new("Work folder").weak());
    ui.label(view.work_folder.display().to_string())
        .on_hover_text("Exercises you open in your editor are saved here");
    ui.horizontal(|ui| {
        if ui.button("Choose work folder…").clicked() {
            actions.push(Action::ChooseWorkFolder);
        }
        if machine.work_folder.is_some() && ui.button("Use the default").clicked() {
            actions.push(Action::ChangeMachineSettings(
                crate::study::machine::MachineSettings {
                    work_folder: None,
                    ..machine.clone()
                },
            ));
        }
    });
    ui.horizontal(|ui| {
        ui.label("Editor command");
        let mut command = machine.editor_command.clone().unwrap_or_default();
        let response = ui.add(
            egui::TextEdit::singleline(&mut command)
                .hint_text("system default")
                .desired_width(140.0),
        );
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Editor command")
        });
        response.on_hover_text(
            "The program that opens your exercises, e.g. code, idle3 or subl; empty for the system's text editor",
        );
        // Kept as typed (a space between words must survive the next frame);
        // the words are split when the editor is opened.
        let new = Some(command).filter(|c| !c.trim().is_empty());
        if new != machine.editor_command {
            actions.push(Action::ChangeMachineSettings(
                crate::study::machine::MachineSettings {
                    editor_command: new,
                    ..machine.clone()
                },
            ));
        }
    });
}
