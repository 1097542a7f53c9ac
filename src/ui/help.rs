//! The keyboard shortcuts overlay, listed from the Command enum itself.

use egui::RichText;

use crate::action::Command;

/// Draws the overlay; returns whether it stays open.
pub fn help_ui(ctx: &egui::Context) -> bool {
    let mut is_open = true;
    let modal = egui::Modal::new(egui::Id::unique("help")).show(ctx, |ui| {
        ui.set_width(420.0);
        ui.heading("Keyboard shortcuts");
        ui.weak("Ctrl is Cmd on macOS. Shortcuts without Ctrl work when you are not typing.");
        ui.add_space(8.0);
        // The list is taller than a laptop's window: it scrolls, and the
        // heading and Close stay in view.
        let room = (ui.ctx().content_rect().height() - 200.0).max(160.0);
        egui::ScrollArea::vertical()
            .max_height(room)
            .auto_shrink([false, true])
            .show(ui, keys_ui);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            if ui.button("Close").clicked() {
                is_open = false;
            }
            ui.weak("or press Esc");
        });
    });
    if modal.should_close() {
        is_open = false;
    }
    is_open
}

/// The app's shortcuts, then the code editor's keys.
fn keys_ui(ui: &mut egui::Ui) {
    egui::Grid::new("shortcuts")
        .num_columns(2)
        .spacing([24.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for command in Command::all().filter(|c| c.shortcuts().next().is_some()) {
                ui.label(command.label());
                ui.label(RichText::new(command.shortcut_text(ui.ctx())).monospace());
                ui.end_row();
            }
        });
    ui.add_space(12.0);
    ui.strong("In the code editor");
    egui::Grid::new("editor keys")
        .num_columns(2)
        .spacing([24.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            for (keys, what) in super::editor::EDITOR_KEYS {
                ui.label(RichText::new(keys).monospace());
                ui.add(egui::Label::new(what).wrap());
                ui.end_row();
            }
        });
}
