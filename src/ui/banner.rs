//! Messages across the top of the window: what happened, where, what to do.

use egui::RichText;

use crate::action::Action;
use crate::theme;

/// How serious a banner is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BannerKind {
    /// Something the learner asked for worked (an export, an import).
    Success,
    Info,
    Warning,
    Error,
    /// Saving is failing; replaced by each new save result.
    SaveFailed,
}

/// One message, with buttons for what the learner can do about it.
#[derive(Clone, Debug, PartialEq)]
pub struct Banner {
    pub kind: BannerKind,
    pub message: String,
    pub buttons: Vec<(String, Action)>,
}

impl Banner {
    pub fn new(kind: BannerKind, message: String) -> Self {
        Self {
            kind,
            message,
            buttons: Vec::new(),
        }
    }

    /// The same banner with buttons (label, what it does).
    #[must_use]
    pub fn with_buttons(mut self, buttons: Vec<(String, Action)>) -> Self {
        self.buttons = buttons;
        self
    }
}

/// Draws the banners, each with a Dismiss button.
pub fn banners_ui(ui: &mut egui::Ui, banners: &[Banner], actions: &mut Vec<Action>) {
    for (index, banner) in banners.iter().enumerate() {
        let visuals = ui.visuals();
        let (icon, colour) = match banner.kind {
            BannerKind::Success => ("✔", theme::success(visuals)),
            BannerKind::Info => ("ℹ", visuals.text_color()),
            BannerKind::Warning => ("⚠", theme::warning(visuals)),
            BannerKind::Error | BannerKind::SaveFailed => ("✖", theme::danger(visuals)),
        };
        egui::Frame::new()
            .inner_margin(egui::Margin::symmetric(8, 4))
            .corner_radius(theme::CORNER_RADIUS)
            .stroke(egui::Stroke::new(1.0, colour))
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(icon).color(colour).strong());
                    if ui.button("Dismiss").clicked() {
                        actions.push(Action::DismissBanner(index));
                    }
                    for (label, action) in &banner.buttons {
                        if ui.button(label).clicked() {
                            actions.push(action.clone());
                        }
                    }
                    ui.add(egui::Label::new(RichText::new(&banner.message).color(colour)).wrap());
                });
            });
        ui.add_space(2.0);
    }
}
