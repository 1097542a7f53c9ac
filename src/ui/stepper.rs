//! The stepper: a recorded run shown one step at a time, as Python Tutor
//! draws it. The code with the line just run and the line to run next,
//! First/Back/Next/Last and a slider, the frames with their names, the
//! objects as boxes with arrows from every name or element that refers to
//! them, what was printed so far, and an exception with its explanation.
//!
//! It reads a [`Trace`] and keeps only its own view state (the step shown)
//! in egui's memory: stepping never starts Python again.

use std::collections::HashMap;

use egui::{Color32, Id, Key, Modifiers, Pos2, Rect, RichText, Sense, Stroke, Vec2};

use crate::practice::trace::{Frame, HeapObject, ObjectKind, Step, Trace, Value};
use crate::theme;

/// Below this width the frames sit above the objects instead of beside them.
const SIDE_BY_SIDE_MIN_WIDTH: f32 = 560.0;
/// The room between the frames and the objects, for the arrows.
const ARROW_GUTTER: f32 = 36.0;
/// Where a reference is drawn: a dot the arrow starts from.
const DOT_RADIUS: f32 = 4.0;

/// The stepper's view state: which step is shown, and which of its
/// widgets count as "the stepper has focus" (for the arrow keys).
#[derive(Clone, Default)]
struct ViewState {
    step: usize,
    focus_ids: Vec<Id>,
}

/// A box the stepper drew for a heap object.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnBox {
    pub id: u32,
    pub kind: ObjectKind,
    pub rect: Rect,
}

/// An arrow the stepper drew, from a name or an element to an object.
#[derive(Clone, Debug, PartialEq)]
pub struct DrawnArrow {
    /// The name (`items`) or element (`list[0]`, `d['a']`, `p.x`) it starts at.
    pub from: String,
    /// The object it points to.
    pub to: u32,
    pub start: Pos2,
    pub end: Pos2,
}

/// What one stepper drew in the last frame: its step, boxes and arrows.
/// Tests read it instead of pixels.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Drawn {
    pub step: usize,
    pub steps: usize,
    pub boxes: Vec<DrawnBox>,
    pub arrows: Vec<DrawnArrow>,
    pub description: String,
}

impl Drawn {
    /// The arrows that point at object `id`.
    pub fn arrows_to(&self, id: u32) -> Vec<&DrawnArrow> {
        self.arrows.iter().filter(|a| a.to == id).collect()
    }
}

/// What the steppers drew in the latest frame.
pub fn drawn(ctx: &egui::Context) -> Vec<Drawn> {
    ctx.data(|d| d.get_temp::<(u64, Vec<Drawn>)>(drawn_id()))
        .map(|(_, drawn)| drawn)
        .unwrap_or_default()
}

fn drawn_id() -> Id {
    Id::unique("pyroadmap stepper drawn")
}

fn remember_drawn(ctx: &egui::Context, drawn: Drawn) {
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| {
        let entry = d.get_temp_mut_or_default::<(u64, Vec<Drawn>)>(drawn_id());
        if entry.0 != pass {
            *entry = (pass, Vec::new());
        }
        entry.1.push(drawn);
    });
}

/// Draws the stepper for `trace` of `code`. `serial` names this recording:
/// a new recording starts at its first step.
pub fn stepper_ui(ui: &mut egui::Ui, trace: &Trace, code: &str, serial: u64) {
    let id = ui.scope_id().with(("stepper", serial));
    let mut state = ui.data(|d| d.get_temp::<ViewState>(id)).unwrap_or_default();
    let count = trace.steps.len();
    if count == 0 {
        ui.label("Nothing was recorded: the program did not get to its first line.");
        if let Some(message) = trace.end_message() {
            ui.label(RichText::new(message).color(theme::warning(ui.visuals())));
        }
        return;
    }
    state.step = state.step.min(count - 1);
    let focused = ui
        .memory(egui::Memory::focused)
        .filter(|f| state.focus_ids.contains(f));
    if let Some(focused) = focused {
        // Left and Right step; they must not move the focus away.
        ui.memory_mut(|m| {
            m.set_focus_lock_filter(
                focused,
                egui::EventFilter {
                    horizontal_arrows: true,
                    ..Default::default()
                },
            );
        });
        ui.input_mut(|i| {
            if i.consume_key(Modifiers::NONE, Key::ArrowRight) {
                state.step = (state.step + 1).min(count - 1);
            }
            if i.consume_key(Modifiers::NONE, Key::ArrowLeft) {
                state.step = state.step.saturating_sub(1);
            }
            if i.consume_key(Modifiers::NONE, Key::Home) {
                state.step = 0;
            }
            if i.consume_key(Modifiers::NONE, Key::End) {
                state.step = count - 1;
            }
        });
    }
    let mut focus_ids = Vec::new();
    controls_ui(ui, &mut state.step, count, &mut focus_ids);
    let step = &trace.steps[state.step];
    let description = trace.describe(state.step);
    ui.label(RichText::new(&description).small());
    if let Some(message) = trace.end_message() {
        ui.label(RichText::new(message).color(theme::warning(ui.visuals())));
    }
    let code_response = code_ui(ui, id, code, step, &description);
    if code_response.clicked() {
        code_response.request_focus();
    }
    focus_ids.push(code_response.id);
    if let Some(exception) = &step.exception {
        exception_ui(ui, exception);
    }
    let mut drawn = Drawn {
        step: state.step,
        steps: count,
        description,
        ..Drawn::default()
    };
    frames_and_objects_ui(ui, step, &mut drawn);
    super::code::output_frame_ui(ui, "Printed so far", |ui| {
        let printed = trace.printed(state.step);
        if printed.is_empty() {
            ui.label(RichText::new("Nothing yet").small().weak());
        } else {
            ui.label(RichText::new(printed.trim_end_matches('\n')).monospace());
        }
    });
    state.focus_ids = focus_ids;
    ui.data_mut(|d| d.insert_temp(id, state));
    remember_drawn(ui.ctx(), drawn);
}

/// First, Back, Next, Last and the slider.
fn controls_ui(ui: &mut egui::Ui, step: &mut usize, count: usize, focus_ids: &mut Vec<Id>) {
    ui.horizontal_wrapped(|ui| {
        let last = count - 1;
        let buttons: [(&str, &str, usize); 4] = [
            ("First", "The first step (Home)", 0),
            ("Back", "One step back (Left arrow)", step.saturating_sub(1)),
            ("Next", "One step on (Right arrow)", (*step + 1).min(last)),
            ("Last", "The last step (End)", last),
        ];
        for (label, hint, to) in buttons {
            let response = ui.button(label).on_hover_text(hint);
            focus_ids.push(response.id);
            if response.clicked() {
                *step = to;
            }
        }
        let mut shown = *step + 1;
        let label = format!("Step {shown} of {count}");
        let response = ui.add(
            egui::Slider::new(&mut shown, 1..=count)
                .show_value(false)
                .text(label),
        );
        focus_ids.push(response.id);
        if response.changed() {
            *step = shown.clamp(1, count) - 1;
        }
    });
}

/// The code, one row a line, with the line just run and the line to run
/// next marked (a pale arrow and a strong one), as Python Tutor does.
fn code_ui(
    ui: &mut egui::Ui,
    id: Id,
    code: &str,
    step: &Step,
    description: &str,
) -> egui::Response {
    let visuals = ui.visuals().clone();
    let done_colour = theme::step_done(&visuals);
    let next_colour = theme::step_next(&visuals);
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let row_height = ui.fonts_mut(|f| f.row_height(&font)) + 2.0;
    let lines: Vec<&str> = code.lines().collect();
    ui.horizontal(|ui| {
        legend_ui(ui, done_colour, false, "line just run");
        legend_ui(ui, next_colour, true, "line to run next");
    });
    let next = step.next;
    let done = step.done;
    let frame = egui::Frame::new()
        .fill(theme::code_background(&visuals))
        .stroke(visuals.widgets.noninteractive.bg_stroke)
        .corner_radius(theme::CORNER_RADIUS)
        .inner_margin(theme::CODE_MARGIN);
    let inner = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        let number_width = ui.fonts_mut(|f| {
            f.layout_no_wrap(format!("{}", lines.len()), font.clone(), Color32::WHITE)
                .size()
                .x
        });
        egui::ScrollArea::horizontal()
            .id_salt(id.with("code scroll"))
            .show(ui, |ui| {
                for (index, line) in lines.iter().enumerate() {
                    let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
                    let (rect, _) = ui.allocate_exact_size(
                        Vec2::new(ui.available_width().max(200.0), row_height),
                        Sense::hover(),
                    );
                    let painter = ui.painter();
                    let is_next = next == Some(number);
                    let is_done = done == Some(number);
                    if is_next {
                        painter.rect_filled(rect, 2.0, next_colour.gamma_multiply(0.15));
                    } else if is_done {
                        painter.rect_filled(rect, 2.0, done_colour.gamma_multiply(0.12));
                    }
                    let arrow_x = rect.left() + 2.0;
                    if is_done {
                        line_arrow(
                            painter,
                            Pos2::new(arrow_x, rect.center().y),
                            done_colour,
                            false,
                        );
                    }
                    if is_next {
                        line_arrow(
                            painter,
                            Pos2::new(arrow_x, rect.center().y),
                            next_colour,
                            true,
                        );
                    }
                    let number_x = rect.left() + 22.0;
                    painter.text(
                        Pos2::new(number_x + number_width, rect.center().y),
                        egui::Align2::RIGHT_CENTER,
                        number.to_string(),
                        font.clone(),
                        visuals.weak_text_color(),
                    );
                    painter.text(
                        Pos2::new(number_x + number_width + 10.0, rect.center().y),
                        egui::Align2::LEFT_CENTER,
                        *line,
                        font.clone(),
                        visuals.text_color(),
                    );
                }
            });
    });
    let response = ui.interact(inner.response.rect, id.with("code"), Sense::click());
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Group, true, format!("Stepper: {description}"))
    });
    if response.has_focus() {
        ui.painter().rect_stroke(
            inner.response.rect,
            theme::CORNER_RADIUS,
            visuals.selection.stroke,
            egui::StrokeKind::Outside,
        );
    }
    response
}

fn legend_ui(ui: &mut egui::Ui, colour: Color32, is_strong: bool, text: &str) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(18.0, 12.0), Sense::hover());
    line_arrow(
        ui.painter(),
        Pos2::new(rect.left(), rect.center().y),
        colour,
        is_strong,
    );
    ui.label(RichText::new(text).small());
}

/// The arrow in the code's margin: outlined for the line just run,
/// filled for the line to run next.
fn line_arrow(painter: &egui::Painter, left: Pos2, colour: Color32, is_strong: bool) {
    let tip = left + Vec2::new(16.0, 0.0);
    let points = vec![
        left + Vec2::new(0.0, -2.0),
        left + Vec2::new(9.0, -2.0),
        left + Vec2::new(9.0, -6.0),
        tip,
        left + Vec2::new(9.0, 6.0),
        left + Vec2::new(9.0, 2.0),
        left + Vec2::new(0.0, 2.0),
    ];
    if is_strong {
        painter.add(egui::Shape::convex_polygon(
            vec![left + Vec2::new(8.0, -6.0), tip, left + Vec2::new(8.0, 6.0)],
            colour,
            Stroke::NONE,
        ));
        painter.line_segment([left, left + Vec2::new(9.0, 0.0)], Stroke::new(4.0, colour));
    } else {
        painter.add(egui::Shape::closed_line(points, Stroke::new(1.5, colour)));
    }
}

/// The exception raised at this step, with its plain-words explanation.
fn exception_ui(ui: &mut egui::Ui, exception: &crate::practice::trace::StepException) {
    let danger = theme::danger(ui.visuals());
    egui::Frame::new()
        .stroke(Stroke::new(1.0, danger))
        .corner_radius(theme::CORNER_RADIUS)
        .inner_margin(theme::CODE_MARGIN)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(exception.headline()).color(danger).strong());
            if let Some(explanation) = &exception.explanation {
                let place = explanation
                    .line
                    .or(exception.line)
                    .map(|line| format!("line {line}, marked in the code above"))
                    .unwrap_or_default();
                for (title, text) in [
                    ("What happened", &explanation.what),
                    ("Where", &place),
                    ("How to fix it", &explanation.fix),
                ] {
                    if !text.is_empty() {
                        ui.label(format!("{title}: {text}"));
                    }
                }
            }
        });
}

/// Where arrows start while the frames and objects are laid out.
#[derive(Default)]
struct Arrows {
    starts: Vec<(String, u32, Pos2)>,
    boxes: HashMap<u32, Rect>,
}

/// The frames and the objects, side by side when there is room, then the
/// arrows between them.
fn frames_and_objects_ui(ui: &mut egui::Ui, step: &Step, drawn: &mut Drawn) {
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
                .small()
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
                        ui.label(RichText::new("no names yet").small().weak());
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
                        ui.label(RichText::new(label).small().italics());
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
        ui.label(RichText::new("none yet").small().weak());
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
            ui.label(RichText::new(heading).small().weak());
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
                ui.label(RichText::new(more).small().weak());
            }
        })
        .response
}

/// A list's, tuple's or set's elements as a row of cells that wraps.
fn cells_ui(ui: &mut egui::Ui, object: &HeapObject, arrows: &mut Arrows) {
    if object.items.is_empty() && object.more == 0 {
        ui.label(RichText::new("empty").small().weak());
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
                            ui.label(RichText::new(index.to_string()).small().weak());
                        }
                        let from = format!("{}[{index}]", object.type_name);
                        value_ui(ui, value, &from, arrows);
                    });
                });
        }
    });
}
