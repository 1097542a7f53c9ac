//! The window: the learner's theme and zoom, the title, files dropped on
//! it, and its size and place (kept per machine, and brought back onto the
//! monitor when it was saved off screen).

use super::PyroadmapApp;
use crate::study::{ThemeChoice, WindowGeometry};
use crate::ui::Page;

/// Zoom changes by this much per step, between these limits.
pub(super) const ZOOM_STEP: f32 = 0.1;
/// Below this, text would be hard to read: egui's small text (9 pt)
/// would be under 8 px and body text under 11 px.
pub(super) const MIN_ZOOM: f32 = 0.9;
pub(super) const MAX_ZOOM: f32 = 2.5;

impl PyroadmapApp {
    /// Gives egui the learner's theme and zoom when they change.
    pub(super) fn apply_look(&mut self, ctx: &egui::Context) {
        let settings = &self.progress.settings;
        let look = (settings.theme, settings.zoom);
        if self.applied_look == Some(look) {
            return;
        }
        ctx.set_theme(match settings.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
        if settings.zoom.is_finite() && settings.zoom > 0.0 {
            ctx.set_zoom_factor(settings.zoom.clamp(MIN_ZOOM, MAX_ZOOM));
        }
        self.applied_look = Some(look);
    }

    /// Names the page on screen in the window's title.
    pub(super) fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.page {
            Page::Topic(id) => self.course.topic(id).map(|t| t.title.as_str()),
            Page::Section(index) => self.course.sections.get(*index).map(|s| s.title.as_str()),
            Page::Home => Some("Home"),
            Page::Map => Some("Roadmap map"),
            Page::Playground => Some("Playground"),
            Page::Review => Some("Review"),
            Page::Stats => Some("Stats"),
            Page::Project(id) => self.course.project(id).map(crate::course::Project::title),
        };
        let title = title.map_or_else(|| "pyroadmap".to_owned(), |t| format!("pyroadmap — {t}"));
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// A file dropped on the window is offered for import (every platform
    /// reports drops); while one hovers, the window says what a drop does.
    pub(super) fn offer_dropped_file(&mut self, ctx: &egui::Context) {
        let (dropped, is_hovering) = ctx.input(|i| {
            (
                i.raw.dropped_files.first().map(|f| f.path().to_owned()),
                !i.raw.hovered_files.is_empty(),
            )
        });
        if let Some(path) = dropped {
            self.ui.import_prompt = Some(crate::ui::ImportPrompt {
                path: path.display().to_string(),
                reason: None,
                purpose: crate::ui::PathPurpose::Import,
                ..Default::default()
            });
        }
        if is_hovering {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop hint"),
            ));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop a progress file to import it",
                egui::FontId::proportional(crate::theme::HEADING_SIZES[1]),
                egui::Color32::WHITE,
            );
        }
    }

    /// Moves a window restored off screen back onto the monitor, once.
    pub(super) fn check_window_position(&mut self, ctx: &egui::Context) {
        if self.is_window_checked {
            return;
        }
        let (monitor, outer, inner) = ctx.input(|i| {
            (
                i.viewport().monitor_size,
                i.viewport().outer_rect,
                i.viewport().inner_rect,
            )
        });
        let (Some(monitor), Some(outer), Some(inner)) = (monitor, outer, inner) else {
            return;
        };
        self.is_window_checked = true;
        let zoom = ctx.zoom_factor();
        let now = WindowGeometry {
            x: outer.min.x * zoom,
            y: outer.min.y * zoom,
            width: inner.width() * zoom,
            height: inner.height() * zoom,
        };
        let fixed = clamp_to_monitor(now, monitor * zoom);
        if fixed != now {
            ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(
                fixed.x / zoom,
                fixed.y / zoom,
            )));
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(egui::vec2(
                fixed.width / zoom,
                fixed.height / zoom,
            )));
        }
    }

    /// Remembers the window's size and position when they change, in
    /// zoom-independent points (what the window is opened with), in this
    /// machine's settings: two windows at different places never rewrite
    /// the progress file.
    pub(super) fn track_window(&mut self, ctx: &egui::Context) {
        let (outer, inner) = ctx.input(|i| (i.viewport().outer_rect, i.viewport().inner_rect));
        let (Some(outer), Some(inner)) = (outer, inner) else {
            return;
        };
        let zoom = ctx.zoom_factor();
        let geometry = WindowGeometry {
            x: outer.min.x * zoom,
            y: outer.min.y * zoom,
            width: inner.width() * zoom,
            height: inner.height() * zoom,
        };
        let is_moved = self.machine.settings().window.is_none_or(|old| {
            (old.x - geometry.x).abs() >= 1.0
                || (old.y - geometry.y).abs() >= 1.0
                || (old.width - geometry.width).abs() >= 1.0
                || (old.height - geometry.height).abs() >= 1.0
        });
        if is_moved && geometry.width > 0.0 && geometry.height > 0.0 {
            self.machine.set_window(geometry, self.clock.now_ms());
        }
    }
}

/// A saved window position moved onto the monitor, and a size that fits
/// it, in the same points.
pub fn clamp_to_monitor(geometry: WindowGeometry, monitor: egui::Vec2) -> WindowGeometry {
    let width = geometry.width.min(monitor.x).max(200.0);
    let height = geometry.height.min(monitor.y).max(150.0);
    // At least this much of the window stays reachable.
    let visible = 80.0;
    WindowGeometry {
        x: geometry
            .x
            .clamp(visible - width, (monitor.x - visible).max(0.0)),
        y: geometry.y.clamp(0.0, (monitor.y - visible).max(0.0)),
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_saved_off_screen_comes_back_on_the_monitor() {
        let monitor = egui::vec2(1920.0, 1080.0);
        let off = WindowGeometry {
            x: 3000.0,
            y: -500.0,
            width: 2500.0,
            height: 900.0,
        };
        let back = clamp_to_monitor(off, monitor);
        assert!(back.x <= 1920.0 - 80.0 && back.y >= 0.0, "{back:?}");
        assert_eq!((back.width, back.height), (1920.0, 900.0));
        let fine = WindowGeometry {
            x: 100.0,
            y: 50.0,
            width: 1200.0,
            height: 800.0,
        };
        assert_eq!(clamp_to_monitor(fine, monitor), fine);
    }
}
