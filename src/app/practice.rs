//! Practice in the app: the learner's Python, found off the UI thread; runs
//! of examples, exercise checks and the Playground, started here (the run
//! state itself is `practice::PracticeState`) and stopped when the learner
//! moves on or closes the window.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use super::PyroadmapApp;
use crate::practice::{
    Interpreter, Limits, PracticeState, Run, RunRequest, RunTarget, RunView, python,
};
use crate::ui::{Banner, BannerKind};

impl PyroadmapApp {
    /// Looks for the learner's Python on a worker thread.
    pub(super) fn find_python(&mut self, ctx: &egui::Context) {
        let candidates = self.python_override.clone().unwrap_or_else(|| {
            // The learner's choice on this machine only: never one a
            // progress file, an import or a conflict copy brought.
            python::candidates(
                self.machine
                    .settings()
                    .python_path
                    .as_deref()
                    .map(std::path::Path::new),
            )
        });
        let repaint = ctx.clone();
        self.practice
            .start_finding(candidates, move || repaint.request_repaint());
    }

    /// Takes in the interpreter search and the runs' output.
    pub(super) fn poll_practice(&mut self, ctx: &egui::Context) {
        // Started after the first frame, so its process does not compete
        // with opening the window.
        if self.practice.python.is_none() && super::is_window_shown(ctx) {
            self.find_python(ctx);
        }
        self.practice.receive_python();
        let solved = self.practice.receive_output();
        let now = self.clock.now_ms();
        for (topic, exercise) in solved {
            if self
                .progress
                .topic(&topic)
                .exercises
                .get(&exercise)
                .is_none_or(|e| !e.is_solved())
            {
                self.count_activity(|d| d.solved += 1);
            }
            Arc::make_mut(&mut self.progress).update_exercise(&topic, &exercise, now, |record| {
                if record.solved_ms == 0 {
                    record.solved_ms = now.max(1);
                }
            });
            self.practice.solutions_shown.insert((topic, exercise));
            self.mark_dirty(now);
        }
    }

    /// Starts a run (stopping the target's previous one).
    pub(super) fn start_run(&mut self, ctx: &egui::Context, target: RunTarget, code: String) {
        let Some(python) = self.practice.interpreter().cloned() else {
            return;
        };
        let mut note = None;
        let mut checks = None;
        let mut needs: Vec<String> = Vec::new();
        match &target {
            RunTarget::Exercise { topic, exercise } | RunTarget::Review { topic, exercise } => {
                let course = std::sync::Arc::clone(&self.course);
                let found = course
                    .topic(topic)
                    .and_then(|t| t.exercises.iter().find(|e| &e.id == exercise));
                let Some(found) = found else { return };
                checks = Some(found.checks.clone());
                // A review's check leaves the lesson's record as it is.
                if matches!(target, RunTarget::Exercise { .. }) {
                    let now = self.clock.now_ms();
                    Arc::make_mut(&mut self.progress).update_exercise(
                        topic,
                        exercise,
                        now,
                        |record| {
                            record.attempts = record.attempts.saturating_add(1);
                        },
                    );
                    self.mark_dirty(now);
                }
                if !found.needs.is_empty() {
                    note = Some(needs_note(&found.needs, &python));
                }
                needs.clone_from(&found.needs);
            }
            RunTarget::Example { page, key } => {
                if let Some(block) = self.find_example(page, key) {
                    needs = block.needs().iter().map(|n| (*n).to_owned()).collect();
                    if let Some((major, minor)) = block.min_python()
                        && (python.version.0, python.version.1) < (major, minor)
                    {
                        note = Some(format!(
                            "This example needs Python {major}.{minor} or newer; yours is {}.{}, so it may fail.",
                            python.version.0, python.version.1
                        ));
                    } else if !needs.is_empty() {
                        note = Some(needs_note(&needs, &python));
                    } else if block.has_flag("norun") {
                        let first = block.text.lines().next().unwrap_or_default();
                        note = Some(format!(
                            "This example is not run by the course: it needs a package, a server or the network ({}). It may fail here.",
                            first.trim_start_matches('#').trim()
                        ));
                    }
                }
            }
            RunTarget::Playground => {}
        }
        let install = (!needs.is_empty()).then(|| install_command(&needs, &python));
        let stdin = self.run_stdin(&target);
        let limits = self.run_limits();
        let repaint = ctx.clone();
        let run = Run::start(
            RunRequest {
                python,
                code: code.clone(),
                stdin,
                checks,
                limits,
            },
            move || repaint.request_repaint(),
        );
        self.practice.runs.insert(target, {
            let mut view = RunView::started(run, code, note);
            view.install_command = install;
            view.needs = needs;
            view
        });
    }

    /// Stops one run.
    pub(super) fn stop_run(&mut self, target: &RunTarget) {
        self.practice.stop(target);
    }

    /// Runs code for a target; running a lesson's code starts the topic.
    pub(super) fn run_code(
        &mut self,
        ctx: &egui::Context,
        target: RunTarget,
        code: String,
        now: u64,
    ) {
        match &target {
            RunTarget::Example { page, .. } => self.engage(page, now),
            RunTarget::Exercise { topic, .. } => self.engage(topic, now),
            RunTarget::Playground | RunTarget::Review { .. } => {}
        }
        self.start_run(ctx, target, code);
    }

    /// What a target's Input box holds.
    pub(super) fn set_run_input(&mut self, target: RunTarget, text: String) {
        self.practice.inputs.insert(target, text);
    }

    /// Opens a lesson example in the editor, or closes it.
    pub(super) fn toggle_edit_example(&mut self, page: String, key: String) {
        let entry = (page, key);
        if !self.practice.editing.remove(&entry) {
            self.practice.editing.insert(entry);
        }
    }

    /// Keeps the learner's edit of a lesson example; a Reset (`None`) also
    /// stops and forgets the edited code's run, so its output goes too.
    pub(super) fn edit_example(
        &mut self,
        page: String,
        key: String,
        text: Option<String>,
        now: u64,
    ) {
        self.engage(&page, now);
        let is_reset = text.is_none();
        Arc::make_mut(&mut self.progress).set_edit(&page, &key, text, now);
        if is_reset {
            let target = RunTarget::Example { page, key };
            self.stop_run(&target);
            self.practice.runs.remove(&target);
        }
        self.mark_dirty(now);
    }

    /// The learner's code for an exercise.
    pub(super) fn edit_exercise(&mut self, topic: &str, exercise: &str, code: String, now: u64) {
        self.engage(topic, now);
        Arc::make_mut(&mut self.progress)
            .update_exercise(topic, exercise, now, |record| record.code.text = code);
        self.mark_dirty(now);
        self.exercise_edited(topic, exercise, now);
    }

    /// Shows an exercise's next hint.
    pub(super) fn reveal_hint(&mut self, topic: &str, exercise: &str, now: u64) {
        self.engage(topic, now);
        Arc::make_mut(&mut self.progress).update_exercise(topic, exercise, now, |record| {
            record.hints_shown = record.hints_shown.saturating_add(1);
        });
        self.mark_dirty(now);
    }

    /// Shows an exercise's reference solution.
    pub(super) fn reveal_solution(&mut self, topic: String, exercise: String) {
        self.practice.solutions_shown.insert((topic, exercise));
    }

    /// The Playground's code as typed.
    pub(super) fn edit_playground(&mut self, text: String, now: u64) {
        Arc::make_mut(&mut self.progress).set_playground(text, now);
        self.mark_dirty(now);
    }

    /// Runs code with the Python at `path` from now on, on this machine
    /// (kept in `machine.ron`, never in the progress file).
    pub(super) fn use_python(&mut self, path: &Path) {
        self.machine
            .set_python(path.display().to_string(), self.clock.now_ms());
        // Looked for again at the next frame, this one first.
        self.practice.python = None;
        self.show_banner(Banner::new(
            BannerKind::Success,
            format!(
                "Code now runs with the Python you chose: {}. This choice is kept on this computer only.",
                path.display()
            ),
        ));
    }

    /// Stops every run (another page opened, Esc, the window closing).
    pub(super) fn stop_all_runs(&mut self) {
        self.practice.stop_all();
    }

    /// Stops every run and waits for its processes to end (closing).
    pub(super) fn stop_runs_and_wait(&mut self) {
        self.practice.projects.stop_all();
        self.practice.stop_all_and_wait(Duration::from_secs(3));
    }

    /// Whether any run is going.
    pub fn is_running(&self) -> bool {
        self.practice.is_running()
    }

    /// The practice state (for tests).
    pub fn practice(&self) -> &PracticeState {
        &self.practice
    }

    fn find_example(&self, page: &str, key: &str) -> Option<crate::course::CodeBlock> {
        let doc = match self.course.topic(page) {
            Some(topic) => topic.doc(),
            None => self
                .course
                .sections
                .iter()
                .find(|s| s.id == page)?
                .overview(),
        };
        let mut found = None;
        crate::course::visit_blocks(&doc.blocks, &mut |block| {
            if let crate::course::Block::Code(code) = block
                && crate::study::example_key(&code.text) == key
            {
                found.get_or_insert_with(|| code.clone());
            }
        });
        found
    }
}

/// What to tell the learner about packages an example or exercise needs.
fn needs_note(needs: &[String], python: &Interpreter) -> String {
    format!(
        "This needs {}. If it is not installed, run: {}",
        needs.join(", "),
        install_command(needs, python)
    )
}

/// The command that installs `needs` into the Python that runs the code.
fn install_command(needs: &[String], python: &Interpreter) -> String {
    format!(
        "{} -m pip install {}",
        python.executable.display(),
        needs.join(" ")
    )
}

impl PyroadmapApp {
    /// What a run of `target` reads as its input: the Input box's lines,
    /// the last one ended; None when the box is empty.
    pub(super) fn run_stdin(&self, target: &RunTarget) -> Option<String> {
        self.practice
            .inputs
            .get(target)
            .filter(|text| !text.is_empty())
            .map(|text| {
                if text.ends_with('\n') {
                    text.clone()
                } else {
                    format!("{text}\n")
                }
            })
    }

    /// This machine's run limits, as the View menu set them.
    pub(super) fn run_limits(&self) -> Limits {
        let machine = self.machine.settings();
        Limits {
            time: Duration::from_secs(u64::from(crate::study::machine::clamp_time_limit(
                machine.run_time_limit_s,
            ))),
            // The View menu's memory limit, this machine's; 0 is automatic.
            memory_mb: match machine.run_memory_limit_mb {
                0 => crate::practice::default_memory_limit_mb(),
                mb => mb,
            },
            ..Limits::default()
        }
    }
}
