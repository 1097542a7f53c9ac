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

/// The widest the banners get, so a wide window keeps them readable.
const BANNERS_MAX_WIDTH: f32 = 760.0;

/// Draws the banners over the window's content, just above `bottom` (the
/// status line's top), so one appearing moves nothing the learner is
/// reading or about to click.
pub fn banners_overlay_ui(
    ctx: &egui::Context,
    bottom: f32,
    banners: &[Banner],
    actions: &mut Vec<Action>,
) {
    if banners.is_empty() {
        return;
    }
    let screen = ctx.content_rect();
    let width = (screen.width() - 32.0).clamp(200.0, BANNERS_MAX_WIDTH);
    egui::Area::new(egui::Id::unique("banners"))
        .order(egui::Order::Foreground)
        .anchor(
            egui::Align2::CENTER_BOTTOM,
            egui::vec2(0.0, bottom - screen.bottom() - 8.0),
        )
        .show(ctx, |ui| {
            ui.set_width(width);
            banners_ui(ui, banners, actions);
        });
}

/// Draws the banners, each with a Dismiss button, on the window's fill
/// with a shadow, as they lie over the content.
fn banners_ui(ui: &mut egui::Ui, banners: &[Banner], actions: &mut Vec<Action>) {
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
            .fill(visuals.window_fill)
            .shadow(visuals.popup_shadow)
            .stroke(egui::Stroke::new(1.0, colour))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
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
        ui.add_space(4.0);
    }
}
