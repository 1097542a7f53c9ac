//! The roadmap as a picture: sections in order as boxes on a path, their
//! topics beside them, each coloured by status. Pan by dragging, zoom with
//! Ctrl+scroll or a pinch; click a topic to open it.

use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Stroke, Vec2, pos2, vec2};

use super::View;
use crate::action::Action;
use crate::study::Status;
use crate::theme;

const SECTION_SIZE: Vec2 = vec2(240.0, 46.0);
const TOPIC_SIZE: Vec2 = vec2(230.0, 30.0);
const TOPIC_GAP: f32 = 8.0;
/// Horizontal distance from the path to the topic column.
const TOPIC_OFFSET: f32 = 200.0;
const ROW_GAP: f32 = 36.0;

/// The fill of a topic box for its status.
fn status_fill(status: Status, visuals: &egui::Visuals) -> Color32 {
    let (base, alpha) = match status {
        Status::NotStarted => (visuals.widgets.inactive.bg_fill, 255),
        Status::InProgress => (theme::warning(visuals), 90),
        Status::Done => (theme::success(visuals), 110),
        Status::Skipped => (visuals.weak_text_color(), 40),
    };
    Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), alpha)
}

/// Draws the map.
pub fn map_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    scene_rect: &mut Rect,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.label(
            RichText::new("Roadmap")
                .size(theme::HEADING_SIZES[1])
                .strong(),
        );
        ui.add_space(12.0);
        for status in Status::ALL {
            let (rect, _) = ui.allocate_exact_size(vec2(14.0, 14.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(rect, 3.0, status_fill(status, ui.visuals()));
            ui.painter().rect_stroke(
                rect,
                3.0,
                ui.visuals().widgets.noninteractive.bg_stroke,
                egui::StrokeKind::Inside,
            );
            ui.label(status.label());
            ui.add_space(6.0);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui
                .button("Fit to window")
                .on_hover_text("Show the whole roadmap")
                .clicked()
            {
                *scene_rect = Rect::ZERO;
            }
            ui.weak("Drag to pan, Ctrl+scroll to zoom");
        });
    });
    ui.separator();
    egui::Frame::new().show(ui, |ui| {
        egui::Scene::new()
            .zoom_range(0.2..=2.0)
            .show(ui, scene_rect, |ui| roadmap_ui(ui, view, actions));
    });
}

fn roadmap_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    let visuals = ui.visuals().clone();
    let path_stroke = Stroke::new(3.0, visuals.selection.bg_fill);
    let link_stroke = Stroke::new(1.5, visuals.widgets.noninteractive.bg_stroke.color);
    let origin = ui.min_rect().min + vec2(TOPIC_OFFSET + TOPIC_SIZE.x, 20.0);
    let mut y = origin.y;
    let mut previous_centre: Option<Pos2> = None;
    for (index, section) in view.course.sections.iter().enumerate() {
        let section_rect =
            Rect::from_center_size(pos2(origin.x, y + SECTION_SIZE.y / 2.0), SECTION_SIZE);
        if let Some(previous) = previous_centre {
            ui.painter()
                .line_segment([previous, section_rect.center()], path_stroke);
        }
        previous_centre = Some(section_rect.center());

        let on_right = index % 2 == 0;
        let topics_x = if on_right {
            section_rect.right() + TOPIC_OFFSET - SECTION_SIZE.x / 2.0
        } else {
            section_rect.left() - TOPIC_OFFSET + SECTION_SIZE.x / 2.0 - TOPIC_SIZE.x
        };
        let mut topic_y = y;
        for topic in &section.topics {
            let rect = Rect::from_min_size(pos2(topics_x, topic_y), TOPIC_SIZE);
            let from = if on_right {
                section_rect.right_center()
            } else {
                section_rect.left_center()
            };
            let to = if on_right {
                rect.left_center()
            } else {
                rect.right_center()
            };
            ui.painter().line_segment([from, to], link_stroke);
            let status = view.progress.status(&topic.id);
            let mut text = RichText::new(&topic.title).color(visuals.strong_text_color());
            if status == Status::Skipped {
                text = text.strikethrough();
            }
            let button = egui::Button::new(text)
                .fill(status_fill(status, &visuals))
                .truncate();
            let response =
                ui.put(rect, button)
                    .on_hover_text(format!("{} · {}", topic.title, status.label()));
            if response.clicked() {
                actions.push(Action::OpenTopic(topic.id.clone()));
            }
            topic_y += TOPIC_SIZE.y + TOPIC_GAP;
        }

        let done = section
            .topics
            .iter()
            .filter(|t| view.progress.status(&t.id) == Status::Done)
            .count();
        ui.painter()
            .rect_filled(section_rect, 8.0, visuals.selection.bg_fill);
        let response = ui.interact(
            section_rect,
            ui.scope_id().with(("map-section", index)),
            egui::Sense::click(),
        );
        response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &section.title));
        ui.painter().text(
            section_rect.center() - vec2(0.0, 7.0),
            Align2::CENTER_CENTER,
            &section.title,
            FontId::proportional(15.0),
            visuals.selection.stroke.color,
        );
        ui.painter().text(
            section_rect.center() + vec2(0.0, 11.0),
            Align2::CENTER_CENTER,
            format!("{done} of {} done", section.topics.len()),
            FontId::proportional(11.0),
            visuals.selection.stroke.color,
        );
        if response.clicked() {
            actions.push(Action::OpenSection(index));
        }
        let topics_height = section.topics.len() as f32 * (TOPIC_SIZE.y + TOPIC_GAP);
        y += topics_height.max(SECTION_SIZE.y) + ROW_GAP;
    }
    // Make the scene's content rect cover everything drawn.
    let width = 2.0 * (TOPIC_OFFSET + TOPIC_SIZE.x) + 40.0;
    ui.allocate_rect(
        Rect::from_min_size(ui.min_rect().min, vec2(width, y - origin.y + 40.0)),
        egui::Sense::hover(),
    );
}
