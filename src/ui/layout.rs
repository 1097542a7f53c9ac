//! Which panels fit beside the lesson in the window's width, and the
//! buttons that bring back those folded away in a narrow window.

use super::{UiState, View};
use crate::theme;

/// The narrowest a lesson may get before the panels beside it fold.
pub const LESSON_MIN_WIDTH: f32 = 420.0;

/// How the sidebar fits beside the lesson.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum SidebarFit {
    /// At the learner's width.
    Full,
    /// Narrower than the learner's width, at least `PANEL_MIN_WIDTH`.
    Narrow(f32),
    /// Behind the Topics button.
    Folded,
}

/// Which panels fit beside a lesson of at least `LESSON_MIN_WIDTH`.
pub(super) struct Layout {
    pub(super) sidebar: SidebarFit,
    pub(super) is_notes_folded: bool,
}

impl Layout {
    pub(super) fn for_width(ui: &egui::Ui, view: &View<'_>, state: &mut UiState) -> Self {
        let width = ui.available_width();
        let stored = |salt: &str| {
            egui::containers::panel::PanelState::load(
                ui.ctx(),
                ui.scope_id().with_salt(egui::IdSalt::new(salt)),
            )
            .map(|s| s.outer_rect.width())
        };
        let sidebar = stored("sidebar").unwrap_or(theme::SIDEBAR_WIDTH);
        let settings = &view.progress.settings;
        let notes = if settings.is_notes_open {
            stored("notes").unwrap_or(settings.notes_width)
        } else {
            0.0
        };
        let is_notes_folded = settings.is_notes_open && width - sidebar - notes < LESSON_MIN_WIDTH;
        let beside = if is_notes_folded { 0.0 } else { notes };
        let fit = if width - sidebar - beside >= LESSON_MIN_WIDTH {
            SidebarFit::Full
        } else if width - theme::PANEL_MIN_WIDTH - beside >= LESSON_MIN_WIDTH {
            // The room to spare is shared: the lesson reads better wider,
            // and the sidebar's titles wrap less.
            let spare = width - beside - LESSON_MIN_WIDTH - theme::PANEL_MIN_WIDTH;
            SidebarFit::Narrow((theme::PANEL_MIN_WIDTH + spare / 2.0).floor())
        } else {
            SidebarFit::Folded
        };
        if fit != SidebarFit::Folded {
            state.is_sidebar_shown = false;
        }
        if !is_notes_folded {
            state.is_notes_shown = false;
        }
        Self {
            sidebar: fit,
            is_notes_folded,
        }
    }
}

/// The buttons that bring back panels folded for a narrow window.
pub(super) fn folded_panels_ui(ui: &mut egui::Ui, layout: &Layout, state: &mut UiState) {
    if layout.sidebar == SidebarFit::Folded {
        ui.toggle_value(&mut state.is_sidebar_shown, "☰ Topics")
            .on_hover_text("The window is narrow: show or hide the sidebar");
    }
    if layout.is_notes_folded {
        ui.toggle_value(&mut state.is_notes_shown, "✏ Notes")
            .on_hover_text("The window is narrow: show or hide your notes");
    }
}
