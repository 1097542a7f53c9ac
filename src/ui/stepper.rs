//! The stepper: a recorded run shown one step at a time, as Python Tutor
//! draws it. The code with the line just run and the line to run next,
//! First/Back/Next/Last and a slider, the frames with their names, the
//! objects as boxes with arrows from every name or element that refers to
//! them, what was printed so far, and an exception with its explanation.
//!
//! It reads a [`Trace`] and keeps only its own view state (the step shown)
//! in egui's memory: stepping never starts Python again.

use egui::{Color32, Id, Key, Modifiers, Pos2, Rect, RichText, Sense, Stroke, Vec2};

use crate::practice::trace::{ObjectKind, Step, Trace, TraceEnd};
use crate::theme;

mod heap;
use heap::frames_and_objects_ui;

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
    ui.label(RichText::new(&description));
    if let Some(message) = trace.end_message() {
        ui.label(RichText::new(message).color(theme::warning(ui.visuals())));
    }
    let finished = (state.step + 1 == count)
        .then(|| finished_text(trace, step))
        .flatten();
    let code_response = code_ui(
        ui,
        id,
        code,
        step,
        &description,
        finished
            .as_ref()
            .map(|(text, is_error)| (text.as_str(), *is_error)),
    );
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
            ui.label(RichText::new("Nothing yet").weak());
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
    finished: Option<(&str, bool)>,
) -> egui::Response {
    let visuals = ui.visuals().clone();
    let done_colour = theme::step_done(&visuals);
    let next_colour = theme::step_next(&visuals);
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let row_height = ui.fonts_mut(|f| f.row_height(&font)) + 2.0;
    let lines: Vec<&str> = code.lines().collect();
    ui.horizontal_wrapped(|ui| {
        legend_ui(ui, done_colour, false, "line just run");
        match (step.next, finished) {
            // At the end there is no next line: say how the program ended.
            (None, Some((text, is_error))) => {
                let colour = if is_error {
                    theme::danger(&visuals)
                } else {
                    theme::success(&visuals)
                };
                ui.label(RichText::new(text).strong().color(colour));
            }
            _ => legend_ui(ui, next_colour, true, "line to run next"),
        }
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

/// How the program ended, at the last step of a trace that ran to its end
/// ("Program finished"), and whether that was an error.
fn finished_text(trace: &Trace, last: &Step) -> Option<(String, bool)> {
    match trace.end {
        TraceEnd::Finished => Some(("Program finished".to_owned(), false)),
        TraceEnd::Exit(code) => Some((format!("Program ended with exit code {code}"), code != 0)),
        TraceEnd::Exception if last.exception.is_some() => Some((
            "Program stopped here by the exception below".to_owned(),
            true,
        )),
        TraceEnd::Exception | TraceEnd::StepLimit(_) | TraceEnd::Cut => None,
    }
}

fn legend_ui(ui: &mut egui::Ui, colour: Color32, is_strong: bool, text: &str) {
    let (rect, _) = ui.allocate_exact_size(Vec2::new(18.0, 12.0), Sense::hover());
    line_arrow(
        ui.painter(),
        Pos2::new(rect.left(), rect.center().y),
        colour,
        is_strong,
    );
    ui.label(text);
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
                        // `code` as inline code, as under a run.
                        super::explanation::part_ui(ui, title, text);
                    }
                }
            }
        });
}
