//! The exercises at the end of a lesson: the task, the editor on the
//! learner's code, Check, hints and the reference solution, and the checks'
//! verdicts in words.

use egui::{RichText, TextStyle};

use super::View;
use super::practice::{
    input_box_ui, run_blocked_reason, run_buttons_ui, run_output_ui, stale_note_ui,
};
use crate::action::{Action, RunTarget};
use crate::course::{Exercise, Topic};
use crate::practice::traceback::error_line;
use crate::practice::{PythonState, RunView};
use crate::study::TopicRecord;
use crate::theme;

/// "2 of 3 exercises solved".
pub fn solved_text(topic: &Topic, record: &TopicRecord) -> Option<String> {
    if topic.exercises.is_empty() {
        return None;
    }
    let solved = solved_count(topic, record);
    Some(format!(
        "{solved} of {} exercises solved",
        topic.exercises.len()
    ))
}

/// How many of a topic's exercises the learner has solved.
pub fn solved_count(topic: &Topic, record: &TopicRecord) -> usize {
    topic
        .exercises
        .iter()
        .filter(|e| {
            record
                .exercises
                .get(&e.id)
                .is_some_and(crate::study::ExerciseRecord::is_solved)
        })
        .count()
}

/// The Practice part at the end of a lesson.
pub fn practice_section_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    topic: &Topic,
    record: &TopicRecord,
    actions: &mut Vec<Action>,
) {
    if topic.exercises.is_empty() {
        return;
    }
    ui.add_space(theme::BLOCK_SPACING);
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new("Practice")
                .size(theme::HEADING_SIZES[1])
                .strong(),
        );
        if let Some(text) = solved_text(topic, record) {
            // Kept in one piece: moved to the next row whole if it does not fit.
            ui.add(egui::Label::new(RichText::new(text).weak()).extend());
        }
    });
    // Only a missing Python is worth a line: the search takes a moment,
    // and a line that comes and goes would move the page under the pointer.
    if let Some(PythonState::Missing(_)) = &view.practice.python
        && let Some(reason) = run_blocked_reason(view.practice)
    {
        ui.label(RichText::new(reason).color(theme::warning(ui.visuals())));
    }
    super::work_buttons::watch_problem_ui(ui, view);
    for exercise in &topic.exercises {
        ui.push_id(&exercise.id, |ui| {
            exercise_ui(ui, view, topic, record, exercise, actions);
        });
        ui.add_space(theme::BLOCK_SPACING);
    }
}

fn exercise_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    topic: &Topic,
    record: &TopicRecord,
    exercise: &Exercise,
    actions: &mut Vec<Action>,
) {
    let work = record
        .exercises
        .get(&exercise.id)
        .cloned()
        .unwrap_or_default();
    let target = RunTarget::Exercise {
        topic: topic.id.clone(),
        exercise: exercise.id.clone(),
    };
    let run = view.practice.runs.get(&target);
    let code = if work.code.ms == 0 {
        exercise.starter.clone()
    } else {
        work.code.text.clone()
    };
    egui::Frame::new()
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(theme::CORNER_RADIUS)
        .inner_margin(theme::CODE_MARGIN)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(&exercise.title).size(theme::HEADING_SIZES[2]).strong());
                if work.is_solved() {
                    let success = theme::success(ui.visuals());
                    ui.label(RichText::new("✔").color(success));
                    ui.label(RichText::new("Solved").color(success));
                }
            });
            task_ui(ui, view, exercise, actions);
            let mut edited = code.clone();
            let error = run.and_then(|run| error_line(run, &code));
            let (is_changed, wants_run) =
                super::editor::code_editor_ui(ui, ui.scope_id().with("editor"), &format!("Code editor: {}", exercise.title), &mut edited, view.highlighter, error);
            if is_changed {
                actions.push(Action::EditExercise {
                    topic: topic.id.clone(),
                    exercise: exercise.id.clone(),
                    code: edited.clone(),
                });
            }
            if wants_run && run_blocked_reason(view.practice).is_none() {
                actions.push(Action::RunCode {
                    target: target.clone(),
                    code: edited.clone(),
                });
            }
            let section = view.course.sections.get(topic.section_index).map_or("", |s| s.id.as_str());
            super::work_buttons::editor_buttons_ui(ui, view, &topic.id, &exercise.id, section, actions);
            input_box_ui(ui, view.practice, &target, actions);
            ui.horizontal_wrapped(|ui| {
                run_buttons_ui(ui, view.practice, &target, &edited, "Check", actions);
                super::work_buttons::reset_ui(ui, &topic.id, &exercise.id, actions);
                let shown = (work.hints_shown as usize).min(exercise.hints.len());
                if shown < exercise.hints.len()
                    && ui
                        .small_button(format!("Hint {} of {}", shown + 1, exercise.hints.len()))
                        .clicked()
                {
                    actions.push(Action::RevealHint {
                        topic: topic.id.clone(),
                        exercise: exercise.id.clone(),
                    });
                }
                let key = (topic.id.clone(), exercise.id.clone());
                if !view.practice.solutions_shown.contains(&key) {
                    let label = if work.is_solved() { "Show the reference solution" } else { "Show the solution…" };
                    let confirm_id = ui.scope_id().with("confirm solution");
                    let is_confirming = ui.data(|d| d.get_temp::<bool>(confirm_id)).unwrap_or(false);
                    if is_confirming {
                        ui.label(RichText::new("Seeing the answer before you solve it teaches less. Show it anyway?").small());
                        if ui.small_button("Yes, show the solution").clicked() {
                            ui.data_mut(|d| d.remove::<bool>(confirm_id));
                            actions.push(Action::RevealSolution { topic: key.0.clone(), exercise: key.1.clone() });
                        }
                        if ui.small_button("Not yet").clicked() {
                            ui.data_mut(|d| d.remove::<bool>(confirm_id));
                        }
                    } else if ui.small_button(label).clicked() {
                        if work.is_solved() {
                            actions.push(Action::RevealSolution { topic: key.0.clone(), exercise: key.1.clone() });
                        } else {
                            ui.data_mut(|d| d.insert_temp(confirm_id, true));
                        }
                    }
                }
            });
            for (index, hint) in exercise.hints.iter().take(work.hints_shown as usize).enumerate() {
                ui.label(format!("Hint {}: {}", index + 1, crate::course::markdown::plain_text(hint)));
            }
            if let Some(run) = run {
                checks_ui(ui, run, &edited, view.copied, actions);
            }
            super::stepping::stepping_ui(ui, view.practice, &target, &edited, actions);
            if view.practice.solutions_shown.contains(&(topic.id.clone(), exercise.id.clone())) {
                ui.label(RichText::new("Reference solution").strong());
                let frame = super::code::CodeFrame {
                    lang: "python",
                    text: &exercise.solution,
                    output: None,
                    badge: None,
                };
                super::code::code_block_ui(ui, &frame, view.highlighter, None, None, None, actions);
            }
        });
}

/// An exercise's task, as lesson blocks.
pub(super) fn task_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    exercise: &Exercise,
    actions: &mut Vec<Action>,
) {
    let cx = super::blocks::BlockContext {
        highlighter: view.highlighter,
        course: view.course,
        diagrams: view.diagrams,
        copied: None,
        topic: None,
        mark: None,
        page: None,
        first_frame_keep: None,
        is_cut: std::cell::Cell::new(false),
    };
    super::blocks::blocks_ui(ui, &exercise.task, &cx, actions);
}

/// The checks' verdicts, then the learner's output. `code` is the code
/// shown now: verdicts for code edited since say so.
pub(super) fn checks_ui(
    ui: &mut egui::Ui,
    run: &RunView,
    code: &str,
    copied: Option<(egui::Id, f64)>,
    actions: &mut Vec<Action>,
) {
    let Some(outcome) = &run.outcome else {
        ui.label("Checking…");
        return;
    };
    stale_note_ui(ui, run, code, "Check again");
    let (success, danger) = (theme::success(ui.visuals()), theme::danger(ui.visuals()));
    // A package the exercise declares is missing: the checks could not
    // judge the learner's code, so they are not shown as its failures.
    if let Some(need) = run.missing_need() {
        super::practice::missing_need_ui(ui, need, run, "exercise", copied, actions);
        if !run.output.is_empty() {
            run_output_ui(ui, run, "Your run", None, code);
        }
        return;
    }
    if let Some(limit) = outcome.limit {
        ui.label(RichText::new(format!("✖ {}.", limit.describe())).color(danger));
    } else if outcome.is_timed_out {
        ui.label(
            RichText::new("✖ Your code ran into the time limit: look for a loop that never ends.")
                .color(danger),
        );
    } else if outcome.is_truncated {
        ui.label(RichText::new("✖ Your code printed more than 1 MB, so it was stopped: look for a print inside an endless loop.").color(danger));
    } else if let Some(error) = &outcome.start_error {
        ui.label(RichText::new(format!("✖ Could not check: {error}")).color(danger));
    } else if outcome.is_stopped {
        ui.label("Stopped.");
    } else if outcome.checks.is_empty() {
        ui.label(RichText::new("✖ The checks did not run: see the output below.").color(danger));
    } else if outcome.checks.iter().all(|c| c.passed) {
        ui.label(
            RichText::new(format!(
                "✔ All {} checks pass. Well done!",
                outcome.checks.len()
            ))
            .color(success),
        );
    } else {
        let failed = outcome.checks.iter().filter(|c| !c.passed).count();
        ui.label(
            RichText::new(format!(
                "✖ {failed} of {} checks fail:",
                outcome.checks.len()
            ))
            .color(danger),
        );
    }
    // One error often fails several checks: it is explained once.
    let mut explained = outcome
        .checks
        .iter()
        .filter_map(|c| c.explanation.as_ref())
        .take(1);
    for check in &outcome.checks {
        if check.passed {
            ui.label(RichText::new(format!("✔ {}", check.name)).color(success));
        } else {
            let text = format!("✖ {}", failure_text(check));
            ui.add(egui::Label::new(message_job(ui, &text, danger)).wrap());
            if check.explanation.is_some()
                && let Some(explanation) = explained.next()
            {
                super::explanation::explanation_ui(ui, explanation);
            }
        }
    }
    if !run.output.is_empty() {
        run_output_ui(ui, run, "Your run", None, code);
    }
}

/// The parts of a check's message: (text, is it `code`). Text between
/// backticks is code; with an unpaired backtick the message stays as it is.
pub(super) fn message_parts(text: &str) -> Vec<(&str, bool)> {
    let parts: Vec<&str> = text.split('`').collect();
    if parts.len().is_multiple_of(2) {
        return vec![(text, false)];
    }
    parts
        .into_iter()
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(index, part)| (part, index % 2 == 1))
        .collect()
}

/// A check's message laid out as lessons show text: `code` in backticks
/// as inline code, the rest in `color`, wrapped (never cut) to the width.
fn message_job(ui: &egui::Ui, text: &str, color: egui::Color32) -> egui::text::LayoutJob {
    let body = TextStyle::Body.resolve(ui.style());
    let mono = TextStyle::Monospace.resolve(ui.style());
    let code_background = theme::code_background(ui.visuals());
    let mut job = egui::text::LayoutJob::default();
    for (part, is_code) in message_parts(text) {
        let format = if is_code {
            egui::TextFormat {
                font_id: mono.clone(),
                color,
                background: code_background,
                ..Default::default()
            }
        } else {
            egui::TextFormat::simple(body.clone(), color)
        };
        job.append(part, 0.0, format);
    }
    job.wrap.max_width = ui.available_width();
    job
}

/// A failed check in words that always say which check it was.
fn failure_text(check: &crate::practice::runner::CheckResult) -> String {
    if check.message.is_empty() {
        check.name.clone()
    } else if check.message.contains(&check.name) {
        check.message.clone()
    } else {
        format!("{}: {}", check.name, check.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backticks_in_a_check_message_mark_code_and_nothing_else() {
        assert_eq!(
            message_parts("`rotate([1, 2], 1)` returned `None`, expected `[2, 1]`"),
            [
                ("rotate([1, 2], 1)", true),
                (" returned ", false),
                ("None", true),
                (", expected ", false),
                ("[2, 1]", true)
            ]
        );
        assert_eq!(
            message_parts("a lone ` stays"),
            [("a lone ` stays", false)],
            "an unpaired backtick is shown as typed"
        );
        assert_eq!(
            message_parts("__init__ * 2"),
            [("__init__ * 2", false)],
            "no other Markdown"
        );
    }

    #[test]
    fn every_failure_says_which_check_it_was() {
        let check = |name: &str, message: &str| crate::practice::runner::CheckResult {
            name: name.into(),
            passed: false,
            message: message.into(),
            explanation: None,
        };
        assert_eq!(
            failure_text(&check(
                "iterating over a Basket",
                "your code raised TypeError: 'Basket' object is not iterable"
            )),
            "iterating over a Basket: your code raised TypeError: 'Basket' object is not iterable"
        );
        assert_eq!(
            failure_text(&check("f(2)", "f(2) returned 3, expected 4")),
            "f(2) returned 3, expected 4",
            "not said twice"
        );
    }
}
