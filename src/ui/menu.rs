//! The menu bar: File, Go, Topic, View (theme, zoom, notes, this
//! machine's run limits) and Help.

use super::View;
use crate::action::{Action, Command};
use crate::study::ThemeChoice;

/// The menus, then `extra` (the buttons of folded panels).
pub(super) fn menu_bar(
    ui: &mut egui::Ui,
    view: &View<'_>,
    actions: &mut Vec<Action>,
    extra: impl FnOnce(&mut egui::Ui),
) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            ui.add_enabled_ui(!view.is_dialog_open, |ui| {
                for command in [
                    Command::ExportProgress,
                    Command::ImportProgress,
                    Command::ExportNotes,
                    Command::RestoreBackup,
                ] {
                    command.menu_button(ui, actions);
                }
            });
            ui.separator();
            Command::Quit.menu_button(ui, actions);
        });
        ui.menu_button("Go", |ui| {
            ui.add_enabled_ui(view.can_go_back, |ui| {
                Command::Back.menu_button(ui, actions);
            });
            ui.add_enabled_ui(view.can_go_forward, |ui| {
                Command::Forward.menu_button(ui, actions);
            });
            ui.separator();
            for command in [
                Command::OpenSearch,
                Command::GoHome,
                Command::ShowMap,
                Command::OpenReview,
                Command::OpenStats,
            ] {
                command.menu_button(ui, actions);
            }
        });
        ui.menu_button("Topic", |ui| {
            ui.add_enabled_ui(view.page.topic_id().is_some(), |ui| {
                for command in [
                    Command::MarkDone,
                    Command::CycleStatus,
                    Command::ToggleBookmark,
                    Command::FocusNotes,
                ] {
                    command.menu_button(ui, actions);
                }
            });
            ui.separator();
            Command::PreviousTopic.menu_button(ui, actions);
            Command::NextTopic.menu_button(ui, actions);
        });
        ui.menu_button("View", |ui| {
            let settings = &view.progress.settings;
            ui.label(egui::RichText::new("Theme").weak());
            for theme in ThemeChoice::ALL {
                if ui.radio(settings.theme == theme, theme.label()).clicked()
                    && settings.theme != theme
                {
                    actions.push(Action::ChangeSettings(crate::study::Settings {
                        theme,
                        ..settings.clone()
                    }));
                }
            }
            ui.separator();
            for command in [Command::ZoomIn, Command::ZoomOut, Command::ZoomReset] {
                command.menu_button(ui, actions);
            }
            ui.separator();
            Command::ToggleNotes.menu_button(ui, actions);
            ui.separator();
            run_limits_ui(ui, view.machine, actions);
            ui.separator();
            super::work_buttons::work_settings_ui(ui, view, actions);
        });
        ui.menu_button("Help", |ui| {
            Command::ShowHelp.menu_button(ui, actions);
            if ui.button("About pyroadmap").clicked() {
                actions.push(Action::ShowAbout);
            }
        });
        extra(ui);
    });
}

/// The View menu's run limits: this machine's own, like the Python.
fn run_limits_ui(
    ui: &mut egui::Ui,
    machine: &crate::study::machine::MachineSettings,
    actions: &mut Vec<Action>,
) {
    use crate::study::machine::{RUN_MEMORY_LIMITS_MB, RUN_TIME_LIMIT_S, memory_limit_label};
    ui.horizontal(|ui| {
        ui.label("Time limit for runs");
        let mut seconds = machine.run_time_limit_s;
        let response = ui.add(
            egui::DragValue::new(&mut seconds)
                .range(RUN_TIME_LIMIT_S)
                .suffix(" s"),
        );
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::SpinButton, true, "Time limit for runs")
        });
        if seconds != machine.run_time_limit_s {
            actions.push(Action::ChangeMachineSettings(
                crate::study::machine::MachineSettings {
                    run_time_limit_s: seconds,
                    ..machine.clone()
                },
            ));
        }
    });
    ui.label(egui::RichText::new("Memory limit for runs").weak());
    for mb in RUN_MEMORY_LIMITS_MB {
        if ui
            .radio(machine.run_memory_limit_mb == mb, memory_limit_label(mb))
            .clicked()
            && machine.run_memory_limit_mb != mb
        {
            actions.push(Action::ChangeMachineSettings(
                crate::study::machine::MachineSettings {
                    run_memory_limit_mb: mb,
                    ..machine.clone()
                },
            ));
        }
    }
}
