//! Practice panels: Run, Stop and the Input box, a run's output and how it
//! compares with the lesson, the Playground, and the status line that says
//! which Python runs the code. (Exercises: `exercise.rs`.)

use egui::{RichText, TextStyle};

use super::View;
use crate::action::{Action, RunTarget};
use crate::practice::traceback::{error_line, readable_traceback};
use crate::practice::{PracticeState, PythonState, RunView};
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
pub(super) fn stale_note_ui(ui: &mut egui::Ui, view: &RunView, code: &str, again: &str) {
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
        if let Some(need) = view.missing_need() {
            // Not the learner's mistake: the package is not installed.
            let text = format!("This example needs {need}: install it with the command above.");
            ui.label(RichText::new(text).color(theme::warning(ui.visuals())));
        } else if let Some(explanation) = view.outcome.as_ref().and_then(|o| o.explanation.as_ref())
        {
            super::explanation::explanation_ui(ui, explanation);
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

/// The Playground: any Python, its own Input box and output.
pub fn playground_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    // The lessons' column: as wide as the pane allows (never under the
    // Notes panel), at most a lesson's width.
    super::column_ui(ui, "playground", None, |ui| {
        ui.label(
            RichText::new("Playground")
                .size(theme::HEADING_SIZES[0])
                .strong(),
        );
        ui.label(
            "Try anything here: it runs with your Python, and the code is kept with your progress.",
        );
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
            actions.push(Action::RunCode {
                target: target.clone(),
                code: code.clone(),
            });
        }
        input_box_ui(ui, view.practice, &target, actions);
        ui.horizontal(|ui| run_buttons_ui(ui, view.practice, &target, &code, "Run", actions));
        if let Some(run) = run {
            run_output_ui(ui, run, "Your run", None, &code);
        }
        super::stepping::stepping_ui(ui, view.practice, &target, &code, actions);
    });
}

/// Says that `need` is not installed, with the command that installs it
/// and a Copy button: the learner's code is not blamed.
pub(super) fn missing_need_ui(
    ui: &mut egui::Ui,
    need: &str,
    run: &RunView,
    what: &str,
    copied: Option<(egui::Id, f64)>,
    actions: &mut Vec<Action>,
) {
    let warning = theme::warning(ui.visuals());
    ui.label(
        RichText::new(format!(
            "This {what} needs {need}, which is not installed in your Python:"
        ))
        .color(warning),
    );
    if let Some(command) = &run.install_command {
        ui.horizontal_wrapped(|ui| {
            ui.add(egui::Label::new(RichText::new(command).monospace()).selectable(true));
            let id = ui.scope_id().with(("install", need));
            let now = ui.input(|i| i.time);
            let is_fresh = copied
                .is_some_and(|(copied, at)| copied == id && now - at < theme::COPIED_FEEDBACK_S);
            if ui
                .small_button(if is_fresh { "Copied" } else { "Copy" })
                .on_hover_text("Copy the command, to run it in a terminal")
                .clicked()
            {
                actions.push(Action::CopyCode {
                    id,
                    text: command.clone(),
                });
            }
        });
    }
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
