//! The Step button and the stepper under an example, an exercise or the
//! Playground: says while Python records, then shows the recording.

use egui::RichText;

use crate::action::{Action, RunTarget};
use crate::practice::{Outcome, PracticeState, Stepping};
use crate::theme;

/// The Step button beside Run; `blocked` says why code cannot run.
pub fn step_button_ui(
    ui: &mut egui::Ui,
    target: &RunTarget,
    code: &str,
    blocked: Option<&str>,
    actions: &mut Vec<Action>,
) {
    let button = ui.add_enabled(blocked.is_none(), egui::Button::new("Step").small());
    let button = match blocked {
        Some(reason) => button.on_disabled_hover_text(reason),
        None => button.on_hover_text(
            "Run this code once and step through it line by line: its names, objects and output",
        ),
    };
    if button.clicked() {
        actions.push(Action::StepCode {
            target: target.clone(),
            code: code.to_owned(),
        });
    }
}

/// Whether `target`'s code is being recorded for the stepper.
pub fn is_recording(practice: &PracticeState, target: &RunTarget) -> bool {
    practice
        .steppers
        .get(target)
        .is_some_and(Stepping::is_recording)
}

/// The stepper for `target`, if the learner pressed Step; `code` is the
/// code shown now (a recording of older code says so).
pub fn stepping_ui(
    ui: &mut egui::Ui,
    practice: &PracticeState,
    target: &RunTarget,
    code: &str,
    actions: &mut Vec<Action>,
) {
    let Some(stepping) = practice.steppers.get(target) else {
        return;
    };
    egui::Frame::new()
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(theme::CORNER_RADIUS)
        .inner_margin(theme::CODE_MARGIN)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new("Step through").strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("Close")
                        .on_hover_text("Close the stepper")
                        .clicked()
                    {
                        actions.push(Action::CloseStepper(target.clone()));
                    }
                });
            });
            if stepping.is_recording() {
                ui.label(RichText::new("Recording each step…").weak());
                return;
            }
            if stepping.code != code {
                ui.label(
                    RichText::new(
                        "These steps are of your previous code: you have edited it since. Step again to see this code.",
                    )
                    .color(theme::warning(ui.visuals())),
                );
            }
            let Some(outcome) = &stepping.outcome else {
                return;
            };
            if let Some(reason) = cut_reason(outcome) {
                ui.label(RichText::new(reason).color(theme::warning(ui.visuals())));
            }
            match stepping.trace() {
                Some(trace) if !trace.steps.is_empty() => {
                    super::stepper::stepper_ui(ui, trace, &stepping.code, stepping.serial);
                }
                _ => nothing_recorded_ui(ui, outcome, &stepping.stderr),
            }
        });
}

/// Why the recording stops before the program's end, if a limit or Stop
/// ended it.
fn cut_reason(outcome: &Outcome) -> Option<String> {
    if let Some(reason) = &outcome.start_error {
        return Some(format!("Python could not start: {reason}"));
    }
    let why = if outcome.is_stopped {
        "You stopped the run".to_owned()
    } else if outcome.is_timed_out {
        "The run reached its time limit".to_owned()
    } else if outcome.is_truncated {
        "The program printed more than a run may print".to_owned()
    } else if let Some(limit) = outcome.limit {
        limit.describe()
    } else {
        return None;
    };
    Some(format!("{why}: the steps up to then are shown."))
}

/// Nothing to step through: say why, with what Python said.
fn nothing_recorded_ui(ui: &mut egui::Ui, outcome: &Outcome, stderr: &str) {
    if outcome.start_error.is_none() {
        ui.label("Nothing was recorded: the program stopped before its first line.");
    }
    if !stderr.trim().is_empty() {
        ui.label(
            RichText::new(stderr.trim_end())
                .monospace()
                .color(theme::danger(ui.visuals())),
        );
    }
}
