//! The stepper's frames and objects: a box per frame and per object on the
//! heap, and an arrow from every name or element that refers to an object.

use std::collections::HashMap;

use egui::{Color32, Pos2, Rect, RichText, Sense, Stroke, Vec2};

use super::{ARROW_GUTTER, DOT_RADIUS, Drawn, DrawnArrow, DrawnBox, SIDE_BY_SIDE_MIN_WIDTH};
use crate::practice::trace::{Frame, HeapObject, ObjectKind, Step, Value};
use crate::theme;

/// Where arrows start while the frames and objects are laid out.
#[derive(Default)]
struct Arrows {
    starts: Vec<(String, u32, Pos2)>,
    boxes: HashMap<u32, Rect>,
}

/// The frames and the objects, side by side when there is room, then the
/// arrows between them.
pub(super) fn frames_and_objects_ui(ui: &mut egui::Ui, step: &Step, drawn: &mut Drawn) {
    let mut arrows = Arrows::default();
    let width = ui.available_width();
    if width >= SIDE_BY_SIDE_MIN_WIDTH {
        let frames_width = (width - ARROW_GUTTER) * 0.42;
        let objects_width = width - ARROW_GUTTER - frames_width;
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width(frames_width);
                frames_ui(ui, step, &mut arrows);
            });
            ui.add_space(ARROW_GUTTER);
            ui.vertical(|ui| {
                ui.set_width(objects_width);
                objects_ui(ui, step, &mut arrows);
            });
        });
    } else {
        frames_ui(ui, step, &mut arrows);
        ui.add_space(theme::BLOCK_SPACING);
        ui.horizontal_top(|ui| {
            ui.add_space(ARROW_GUTTER);
            ui.vertical(|ui| objects_ui(ui, step, &mut arrows));
        });
    }
    let colour = theme::step_arrow(ui.visuals());
    let painter = ui.painter();
    for (from, to, start) in arrows.starts {
        let Some(target) = arrows.boxes.get(&to) else {
            continue;
        };
        let end = Pos2::new(target.left(), (target.top() + 14.0).min(target.bottom()));
        draw_arrow(painter, start, end, colour);
        drawn.arrows.push(DrawnArrow {
            from,
            to,
            start,
            end,
        });
    }
    for object in &step.heap {
        if let Some(rect) = arrows.boxes.get(&object.id) {
            drawn.boxes.push(DrawnBox {
                id: object.id,
                kind: object.kind,
                rect: *rect,
            });
        }
    }
}

/// A curved arrow from a reference's dot to the left edge of its box.
fn draw_arrow(painter: &egui::Painter, start: Pos2, end: Pos2, colour: Color32) {
    let reach = ((end.x - start.x).abs() * 0.5).max(28.0);
    let points = [
        start,
        start + Vec2::new(reach, 0.0),
        end - Vec2::new(reach, 0.0),
        end,
    ];
    painter.add(egui::epaint::CubicBezierShape::from_points_stroke(
        points,
        false,
        Color32::TRANSPARENT,
        Stroke::new(1.5, colour),
    ));
    painter.add(egui::Shape::convex_polygon(
        vec![end, end + Vec2::new(-8.0, -4.5), end + Vec2::new(-8.0, 4.5)],
        colour,
        Stroke::NONE,
    ));
}

fn frames_ui(ui: &mut egui::Ui, step: &Step, arrows: &mut Arrows) {
    ui.label(RichText::new("Frames").strong());
    let last = step.frames.len().saturating_sub(1);
    for (index, frame) in step.frames.iter().enumerate() {
        if index == 1 && step.hidden_frames > 0 {
            ui.label(
                RichText::new(format!(
                    "\u{2026} {} more calls",
                    crate::practice::trace::thousands(u64::from(step.hidden_frames))
                ))
                .weak(),
            );
        }
        ui.push_id(index, |ui| frame_ui(ui, frame, index == last, arrows));
        ui.add_space(4.0);
    }
}

fn frame_ui(ui: &mut egui::Ui, frame: &Frame, is_current: bool, arrows: &mut Arrows) {
    let visuals = ui.visuals();
    let stroke = if is_current {
        Stroke::new(1.5, theme::step_next(visuals))
    } else {
        visuals.widgets.noninteractive.bg_stroke
    };
    let title = if frame.is_global() {
        frame.title().to_owned()
    } else {
        format!("{}({})", frame.name, frame.args.join(", "))
    };
    let response = egui::Frame::new()
        .fill(theme::output_background(visuals))
        .stroke(stroke)
        .corner_radius(theme::CORNER_RADIUS)
        .inner_margin(6)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(&title).strong());
            egui::Grid::new("vars")
                .num_columns(2)
                .spacing([10.0, 2.0])
                .show(ui, |ui| {
                    if frame.vars.is_empty() && frame.returned.is_none() {
                        ui.label(RichText::new("no names yet").weak());
                        ui.end_row();
                    }
                    for (name, value) in &frame.vars {
                        ui.label(RichText::new(name).monospace());
                        value_ui(ui, value, name, arrows);
                        ui.end_row();
                    }
                    if let Some(value) = &frame.returned {
                        let label = if frame.generator {
                            "Yields"
                        } else {
                            "Return value"
                        };
                        ui.label(RichText::new(label).italics());
                        value_ui(ui, value, &format!("{} returns", frame.name), arrows);
                        ui.end_row();
                    }
                });
        })
        .response;
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Group, true, format!("Frame {title}"))
    });
}

/// A value: inline text, or a dot an arrow starts from.
fn value_ui(ui: &mut egui::Ui, value: &Value, from: &str, arrows: &mut Arrows) {
    match value {
        Value::Inline { text, .. } => {
            ui.label(RichText::new(text).monospace());
        }
        Value::Ref(id) => {
            let (rect, response) =
                ui.allocate_exact_size(Vec2::splat(DOT_RADIUS * 2.0 + 6.0), Sense::hover());
            ui.painter()
                .circle_filled(rect.center(), DOT_RADIUS, theme::step_arrow(ui.visuals()));
            response.on_hover_text(format!("{from} refers to the object the arrow points at"));
            arrows.starts.push((from.to_owned(), *id, rect.center()));
        }
    }
}

fn objects_ui(ui: &mut egui::Ui, step: &Step, arrows: &mut Arrows) {
    ui.label(RichText::new("Objects").strong());
    if step.heap.is_empty() {
        ui.label(RichText::new("none yet").weak());
    }
    let referrers = referrers(step);
    for object in &step.heap {
        ui.push_id(object.id, |ui| {
            let words = object_words(object, referrers.get(&object.id));
            let response = object_ui(ui, object, arrows);
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Group, true, &words));
            arrows.boxes.insert(object.id, response.rect);
        });
        ui.add_space(6.0);
    }
}

/// Who refers to each object: names in frames and elements of objects.
fn referrers(step: &Step) -> HashMap<u32, Vec<String>> {
    let mut found: HashMap<u32, Vec<String>> = HashMap::new();
    for frame in &step.frames {
        for (name, value) in &frame.vars {
            if let Value::Ref(id) = value {
                found.entry(*id).or_default().push(format!("`{name}`"));
            }
        }
    }
    for object in &step.heap {
        for value in object.values() {
            if let Value::Ref(id) = value {
                found
                    .entry(*id)
                    .or_default()
                    .push(format!("an element of a {}", object.kind.noun()));
            }
        }
    }
    found
}

/// "list of 3 items, referred to by `items` and `copy`".
fn object_words(object: &HeapObject, referrers: Option<&Vec<String>>) -> String {
    let size = object.items.len() + object.entries.len() + object.attrs.len();
    let size = u64::try_from(size).unwrap_or(u64::MAX) + object.more;
    let mut words = match object.kind {
        ObjectKind::Function => format!("function {}", object.label),
        ObjectKind::Class => format!("class {}", object.label),
        ObjectKind::Instance | ObjectKind::Record | ObjectKind::Other => {
            format!("{} object with {size} attributes", object.type_name)
        }
        _ => format!("{} of {size} items", object.type_name),
    };
    if let Some(names) = referrers {
        let mut names = names.clone();
        names.dedup();
        words.push_str(&format!(", referred to by {}", names.join(" and ")));
    }
    words
}

/// One object's box.
fn object_ui(ui: &mut egui::Ui, object: &HeapObject, arrows: &mut Arrows) -> egui::Response {
    let visuals = ui.visuals();
    egui::Frame::new()
        .fill(theme::code_background(visuals))
        .stroke(visuals.widgets.noninteractive.fg_stroke)
        .corner_radius(theme::CORNER_RADIUS)
        .inner_margin(6)
        .show(ui, |ui| {
            let heading = match object.kind {
                ObjectKind::Function => format!("function {}", object.label),
                ObjectKind::Class if object.bases.is_empty() => format!("class {}", object.label),
                ObjectKind::Class => format!("class {}({})", object.label, object.bases.join(", ")),
                ObjectKind::Instance | ObjectKind::Record => format!("{} object", object.type_name),
                _ => object.type_name.clone(),
            };
            ui.label(RichText::new(heading).italics());
            match object.kind {
                ObjectKind::List | ObjectKind::Tuple | ObjectKind::Set => {
                    cells_ui(ui, object, arrows);
                }
                ObjectKind::Dict => {
                    egui::Grid::new("entries")
                        .num_columns(2)
                        .spacing([10.0, 2.0])
                        .show(ui, |ui| {
                            for (key, value) in &object.entries {
                                let key_text = match key {
                                    Value::Inline { text, .. } => text.clone(),
                                    Value::Ref(_) => "key".to_owned(),
                                };
                                value_ui(
                                    ui,
                                    key,
                                    &format!("a key of {}", object.type_name),
                                    arrows,
                                );
                                value_ui(
                                    ui,
                                    value,
                                    &format!("{}[{key_text}]", object.type_name),
                                    arrows,
                                );
                                ui.end_row();
                            }
                        });
                }
                ObjectKind::Instance | ObjectKind::Record | ObjectKind::Class => {
                    egui::Grid::new("attrs")
                        .num_columns(2)
                        .spacing([10.0, 2.0])
                        .show(ui, |ui| {
                            for (name, value) in &object.attrs {
                                ui.label(RichText::new(name).monospace());
                                value_ui(
                                    ui,
                                    value,
                                    &format!("{}.{name}", object.type_name),
                                    arrows,
                                );
                                ui.end_row();
                            }
                        });
                }
                ObjectKind::Function | ObjectKind::Other => {}
            }
            if let Some(more) = object.more_text() {
                ui.label(RichText::new(more).weak());
            }
        })
        .response
}

/// A list's, tuple's or set's elements as a row of cells that wraps.
fn cells_ui(ui: &mut egui::Ui, object: &HeapObject, arrows: &mut Arrows) {
    if object.items.is_empty() && object.more == 0 {
        ui.label(RichText::new("empty").weak());
        return;
    }
    let is_indexed = object.kind != ObjectKind::Set;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing = Vec2::new(0.0, 4.0);
        for (index, value) in object.items.iter().enumerate() {
            egui::Frame::new()
                .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
                .inner_margin(egui::Margin::symmetric(5, 1))
                .show(ui, |ui| {
                    ui.vertical(|ui| {
                        if is_indexed {
                            ui.label(RichText::new(index.to_string()).weak());
                        }
                        let from = format!("{}[{index}]", object.type_name);
                        value_ui(ui, value, &from, arrows);
                    });
                });
        }
    });
}
