//! Practice panels: the code editor, a run's output and verdict, the
//! exercises at the end of a lesson, the Playground, and the status line
//! that says which Python runs the code.

use egui::{RichText, TextStyle};

use super::View;
use crate::action::{Action, RunTarget};
use crate::app::{PracticeState, PythonState, RunView};
use crate::course::{Exercise, Topic};
use crate::study::TopicRecord;
use crate::theme;

/// The lesson that explains installing Python, linked when none is found.
const INSTALL_TOPIC: &str = "installing-python";

/// Why Run and Check are off, when they are.
pub fn run_blocked_reason(practice: &PracticeState) -> Option<String> {
    match &practice.python {
        Some(PythonState::Found(_)) => None,
        Some(PythonState::Missing(_)) => {
            Some("No Python was found, so code cannot run. Install Python 3 or choose one (status bar below).".into())
        }
        Some(PythonState::Finding) | None => Some("Looking for your Python…".into()),
    }
}

/// The line of `code` a traceback blames last, if any; none when the code
/// was edited since it ran (the line may be another one now).
pub fn error_line(view: &RunView, code: &str) -> Option<usize> {
    if !view.is_for(code) {
        return None;
    }
    let stderr: String = view
        .output
        .iter()
        .filter(|(_, is_stderr)| *is_stderr)
        .map(|(text, _)| text.as_str())
        .collect();
    stderr
        .lines()
        .filter_map(|line| {
            let rest = line.trim().strip_prefix("File \"")?;
            let (file, rest) = rest.split_once('"')?;
            if !file.ends_with("solution.py") {
                return None;
            }
            rest.trim_start_matches(", line ")
                .split(',')
                .next()?
                .trim()
                .parse()
                .ok()
        })
        .next_back()
}

/// Rewrites the temporary folder out of a traceback: `your code, line 3`.
fn readable_traceback(text: &str) -> String {
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            match trimmed
                .strip_prefix("File \"")
                .and_then(|r| r.split_once('"'))
            {
                Some((file, rest)) if file.ends_with("solution.py") => {
                    let indent = &line[..line.len() - trimmed.len()];
                    format!("{indent}In your code{rest}")
                }
                _ => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Run, Stop and the Input box for a target.
pub fn run_buttons_ui(
    ui: &mut egui::Ui,
    practice: &PracticeState,
    target: &RunTarget,
    code: &str,
    label: &str,
    actions: &mut Vec<Action>,
) {
    let is_running = practice.runs.get(target).is_some_and(RunView::is_running);
    let is_recording = super::stepping::is_recording(practice, target);
    if is_running || is_recording {
        if ui
            .small_button("Stop")
            .on_hover_text("Stop the run and everything it started (Esc)")
            .clicked()
        {
            actions.push(Action::StopRun(target.clone()));
        }
        let doing = if is_running {
            "Running…"
        } else {
            "Recording steps…"
        };
        ui.label(RichText::new(doing).small().weak());
        return;
    }
    let reason = run_blocked_reason(practice);
    let button = ui.add_enabled(reason.is_none(), egui::Button::new(label).small());
    let button = match &reason {
        Some(reason) => button.on_disabled_hover_text(reason),
        None => button.on_hover_text("Run this code with your Python (Ctrl+Enter in the editor)"),
    };
    if button.clicked() {
        actions.push(Action::RunCode {
            target: target.clone(),
            code: code.to_owned(),
        });
    }
    // Review asks for an answer from memory: no stepping through it there.
    if !matches!(target, RunTarget::Review { .. }) {
        super::stepping::step_button_ui(ui, target, code, reason.as_deref(), actions);
    }
}

/// The Input box: what the program reads with input().
pub fn input_box_ui(
    ui: &mut egui::Ui,
    practice: &PracticeState,
    target: &RunTarget,
    actions: &mut Vec<Action>,
) {
    let mut text = practice.inputs.get(target).cloned().unwrap_or_default();
    ui.horizontal(|ui| {
        ui.label(RichText::new("Input").small().weak())
            .on_hover_text("What your program reads with input(), one line per call");
        let response = ui.add(
            egui::TextEdit::multiline(&mut text)
                .desired_rows(1)
                .desired_width(f32::INFINITY)
                .hint_text("optional: lines for input()"),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Input"));
        if response.changed() {
            actions.push(Action::SetRunInput {
                target: target.clone(),
                text,
            });
        }
    });
}

/// Says that results are from code the learner has edited since.
fn stale_note_ui(ui: &mut egui::Ui, view: &RunView, code: &str, again: &str) {
    if !view.is_running() && !view.is_for(code) {
        ui.label(
            RichText::new(format!(
                "From your previous code: you have edited it since. {again} to see what this code does."
            ))
            .color(theme::warning(ui.visuals())),
        );
    }
}

/// A run's output as it streams, its exit status and time, and how it
/// compares with `expected` (the lesson's output, given when the code that
/// ran is the lesson's own). `code` is the code shown now.
pub fn run_output_ui(
    ui: &mut egui::Ui,
    view: &RunView,
    title: &str,
    expected: Option<&str>,
    code: &str,
) {
    super::code::output_frame_ui(ui, title, |ui| {
        stale_note_ui(ui, view, code, "Run it again");
        if let Some(note) = &view.note {
            ui.label(RichText::new(note).color(theme::warning(ui.visuals())));
        }
        let danger = theme::danger(ui.visuals());
        if !view.output.is_empty() {
            // Only the lines in view are laid out: a run that prints
            // 10,000 lines costs no more per frame than one that prints ten.
            let font = TextStyle::Monospace.resolve(ui.style());
            let row_height = ui.fonts_mut(|f| f.row_height(&font));
            egui::ScrollArea::both()
                .max_height(320.0)
                .stick_to_bottom(true)
                .auto_shrink([false, true])
                .show_rows(ui, row_height, view.output.len(), |ui, rows| {
                    ui.spacing_mut().item_spacing.y = 0.0;
                    for (text, is_stderr) in &view.output[rows] {
                        let line = text.trim_end_matches('\n');
                        let text = if *is_stderr {
                            RichText::new(readable_traceback(line)).color(danger)
                        } else {
                            RichText::new(line)
                        };
                        ui.add(egui::Label::new(text.monospace()).extend());
                    }
                });
        }
        match &view.outcome {
            None => {
                ui.label(RichText::new("Running…").small().weak());
            }
            Some(outcome) => {
                let status = if let Some(error) = &outcome.start_error {
                    format!("Could not run: {error}")
                } else if let Some(limit) = outcome.limit {
                    limit.describe()
                } else if outcome.is_timed_out {
                    format!(
                        "Stopped after {:.0} s: the time limit (View menu) was reached",
                        outcome.elapsed.as_secs_f64()
                    )
                } else if outcome.is_stopped {
                    "Stopped".to_owned()
                } else {
                    let code = outcome
                        .exit_code
                        .map_or_else(|| "none".to_owned(), |c| c.to_string());
                    format!(
                        "Exit status {code} · {:.2} s",
                        outcome.elapsed.as_secs_f64()
                    )
                };
                let is_cut_short = outcome.limit.is_some() || outcome.is_timed_out;
                ui.label(if is_cut_short {
                    RichText::new(status).color(theme::warning(ui.visuals()))
                } else {
                    RichText::new(status).weak()
                });
                if outcome.is_truncated {
                    ui.label(
                        RichText::new("Output truncated: it passed 1 MB, so the run was stopped.")
                            .color(danger),
                    );
                }
                let stderr_has =
                    |needle: &str| view.output.iter().any(|(t, e)| *e && t.contains(needle));
                if stderr_has("EOFError") {
                    ui.label(RichText::new("Your code called input() but there was nothing to read: type the input in the Input box and run again.").color(theme::warning(ui.visuals())));
                }
                if let Some(expected) = expected
                    && outcome.start_error.is_none()
                    && !outcome.is_stopped
                {
                    compare_ui(ui, &view.stdout(), expected);
                }
            }
        }
    });
}

/// "Matches the lesson", or the first lines that differ.
fn compare_ui(ui: &mut egui::Ui, got: &str, expected: &str) {
    if got.replace("\r\n", "\n") == expected {
        ui.horizontal(|ui| {
            let success = theme::success(ui.visuals());
            ui.label(RichText::new("✔").color(success));
            ui.label(RichText::new("Matches the lesson").color(success));
        });
        return;
    }
    ui.label(RichText::new("✖ Differs from the lesson:").color(theme::danger(ui.visuals())));
    let got_lines: Vec<&str> = got.lines().collect();
    let want_lines: Vec<&str> = expected.lines().collect();
    let mut shown = 0;
    for index in 0..got_lines.len().max(want_lines.len()) {
        let (g, w) = (got_lines.get(index), want_lines.get(index));
        if g != w && shown < 5 {
            shown += 1;
            ui.label(
                RichText::new(format!(
                    "line {}: got {}, the lesson has {}",
                    index + 1,
                    g.map_or_else(|| "nothing".to_owned(), |s| format!("{s:?}")),
                    w.map_or_else(|| "nothing".to_owned(), |s| format!("{s:?}"))
                ))
                .small()
                .monospace(),
            );
        }
    }
}

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
    ui.horizontal(|ui| {
        ui.label(
            RichText::new("Practice")
                .size(theme::HEADING_SIZES[1])
                .strong(),
        );
        if let Some(text) = solved_text(topic, record) {
            ui.label(RichText::new(text).weak());
        }
    });
    // Only a missing Python is worth a line: the search takes a moment,
    // and a line that comes and goes would move the page under the pointer.
    if let Some(PythonState::Missing(_)) = &view.practice.python
        && let Some(reason) = run_blocked_reason(view.practice)
    {
        ui.label(RichText::new(reason).color(theme::warning(ui.visuals())));
    }
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
            input_box_ui(ui, view.practice, &target, actions);
            ui.horizontal_wrapped(|ui| {
                run_buttons_ui(ui, view.practice, &target, &edited, "Check", actions);
                if ui.small_button("Reset").on_hover_text("Go back to the starter code").clicked() {
                    actions.push(Action::EditExercise {
                        topic: topic.id.clone(),
                        exercise: exercise.id.clone(),
                        code: exercise.starter.clone(),
                    });
                }
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
                checks_ui(ui, run, &edited);
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
pub(super) fn checks_ui(ui: &mut egui::Ui, run: &RunView, code: &str) {
    let Some(outcome) = &run.outcome else {
        ui.label("Checking…");
        return;
    };
    stale_note_ui(ui, run, code, "Check again");
    let (success, danger) = (theme::success(ui.visuals()), theme::danger(ui.visuals()));
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
    for check in &outcome.checks {
        if check.passed {
            ui.label(RichText::new(format!("✔ {}", check.name)).color(success));
        } else {
            let text = format!("✖ {}", failure_text(check));
            ui.add(egui::Label::new(message_job(ui, &text, danger)).wrap());
        }
    }
    if !run.output.is_empty() {
        run_output_ui(ui, run, "Your run", None, code);
    }
}

/// The parts of a check's message: (text, is it `code`). Text between
/// backticks is code; with an unpaired backtick the message stays as it is.
fn message_parts(text: &str) -> Vec<(&str, bool)> {
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

/// The Playground: any Python, its own Input box and output.
pub fn playground_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.set_max_width(theme::LESSON_MAX_WIDTH);
        ui.label(RichText::new("Playground").size(theme::HEADING_SIZES[0]).strong());
        ui.label("Try anything here: it runs with your Python, and the code is kept with your progress.");
        // Only a missing Python is worth a line: the search takes a moment,
        // and a line that comes and goes would move the page under the pointer.
        if let Some(PythonState::Missing(_)) = &view.practice.python
            && let Some(reason) = run_blocked_reason(view.practice)
        {
            ui.label(RichText::new(reason).color(theme::warning(ui.visuals())));
        }
        let target = RunTarget::Playground;
        let mut code = if view.progress.playground.ms == 0 {
            "# Anything you like, for example:\nprint(\"Hello from the playground\")\n".to_owned()
        } else {
            view.progress.playground.text.clone()
        };
        let run = view.practice.runs.get(&target);
        let error = run.and_then(|run| error_line(run, &code));
        let (is_changed, wants_run) = super::editor::code_editor_ui(
            ui,
            egui::Id::unique("playground editor"),
            "Code editor: Playground",
            &mut code,
            view.highlighter,
            error,
        );
        if is_changed {
            actions.push(Action::EditPlayground(code.clone()));
        }
        if wants_run && run_blocked_reason(view.practice).is_none() {
            actions.push(Action::RunCode { target: target.clone(), code: code.clone() });
        }
        input_box_ui(ui, view.practice, &target, actions);
        ui.horizontal(|ui| run_buttons_ui(ui, view.practice, &target, &code, "Run", actions));
        if let Some(run) = run {
            run_output_ui(ui, run, "Your run", None, &code);
        }
        super::stepping::stepping_ui(ui, view.practice, &target, &code, actions);
    });
}

/// The status line: which Python runs code, and Choose Python….
pub fn python_status_ui(ui: &mut egui::Ui, practice: &PracticeState, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        match &practice.python {
            Some(PythonState::Found(python)) => {
                ui.label(RichText::new(python.describe()).small());
            }
            Some(PythonState::Missing(reason)) => {
                ui.label(
                    RichText::new("No Python found: Run and Check are off.")
                        .small()
                        .color(theme::warning(ui.visuals())),
                )
                .on_hover_text(reason);
                if ui
                    .link(RichText::new("How to install Python").small())
                    .clicked()
                {
                    actions.push(Action::OpenTopic(INSTALL_TOPIC.to_owned()));
                }
            }
            Some(PythonState::Finding) | None => {
                ui.label(RichText::new("Looking for your Python…").small().weak());
            }
        }
        if ui
            .small_button("Choose Python…")
            .on_hover_text("Pick the Python that runs your code, e.g. a project's .venv")
            .clicked()
        {
            actions.push(Action::ChoosePython);
        }
    });
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

    #[test]
    fn tracebacks_name_the_learners_line() {
        let view = RunView {
            output: vec![(
                "Traceback (most recent call last):\n  File \"/tmp/pyroadmap-run-x/solution.py\", line 3, in <module>\n    1/0\nZeroDivisionError: division by zero\n".into(),
                true,
            )],
            ..RunView::default()
        };
        assert_eq!(error_line(&view, ""), Some(3));
        assert_eq!(
            error_line(&view, "print('edited since')"),
            None,
            "an edit since the run may have moved the line"
        );
        assert!(
            readable_traceback(&view.output[0].0).contains("  In your code, line 3, in <module>")
        );
    }
}
