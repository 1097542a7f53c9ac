//! Help > About: the version, where the learner's data lives (with a button
//! that opens the folder), the licence, and the licences of the open-source
//! crates pyroadmap is built on.

use egui::RichText;

use super::View;
use crate::action::Action;
use crate::theme;

/// Every crate in Cargo.lock with its licence (`tools/licenses.py`).
pub const LICENSES: &str = include_str!("../../assets/licenses.txt");

/// Draws the About window; returns whether it stays open.
pub fn about_ui(
    ctx: &egui::Context,
    view: &View<'_>,
    copied: Option<(egui::Id, f64)>,
    actions: &mut Vec<Action>,
) -> bool {
    let mut is_open = true;
    let modal = egui::Modal::new(egui::Id::unique("about")).show(ctx, |ui| {
        ui.set_width(560.0_f32.min(ctx.content_rect().width() - 40.0));
        ui.label(
            RichText::new(format!("pyroadmap {}", env!("CARGO_PKG_VERSION")))
                .size(theme::HEADING_SIZES[1])
                .strong(),
        );
        ui.label("An offline study app for the Python Developer roadmap.");
        ui.add_space(8.0);
        let folder = view.data_dir.display().to_string();
        ui.label(format!("Your progress, notes and backups: {folder}"));
        ui.horizontal(|ui| {
            if ui.button("Open folder").clicked() {
                actions.push(Action::OpenDataFolder);
            }
            let copy_id = egui::Id::unique("about: copy path");
            let now = ui.input(|i| i.time);
            let is_fresh =
                copied.is_some_and(|(id, at)| id == copy_id && now - at < theme::COPIED_FEEDBACK_S);
            if ui
                .button(if is_fresh { "Copied" } else { "Copy path" })
                .clicked()
            {
                actions.push(Action::CopyCode {
                    id: copy_id,
                    text: folder.clone(),
                });
            }
        });
        ui.add_space(8.0);
        ui.label("Licence: MIT.");
        let crates = LICENSES.lines().filter(|l| l.contains(": ")).count();
        egui::CollapsingHeader::new(format!("Open-source licences ({crates} crates)")).show(
            ui,
            |ui| {
                egui::ScrollArea::vertical()
                    .max_height(260.0)
                    .show(ui, |ui| {
                        ui.add(egui::Label::new(RichText::new(LICENSES).small()).wrap());
                    });
            },
        );
        ui.add_space(8.0);
        if ui.button("Close").clicked() {
            is_open = false;
        }
    });
    if modal.should_close() {
        is_open = false;
    }
    is_open
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_licence_list_names_every_crate_in_cargo_lock() {
        let lock = include_str!("../../Cargo.lock");
        let mut name = None;
        for line in lock.lines() {
            if let Some(value) = line.strip_prefix("name = ") {
                name = Some(value.trim_matches('"').to_owned());
            } else if let Some(value) = line.strip_prefix("version = ")
                && let Some(name) = name.take()
                && name != "pyroadmap"
            {
                let row = format!("{name} {}: ", value.trim_matches('"'));
                assert!(
                    super::LICENSES.contains(&row),
                    "assets/licenses.txt lacks {row}: run python3 tools/licenses.py"
                );
            }
        }
    }
}
