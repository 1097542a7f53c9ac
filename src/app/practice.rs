//! Practice in the app: the learner's Python, found off the UI thread; runs
//! of examples, exercise checks and the Playground, owned here and stopped
//! when the learner moves on or closes the window.

use std::collections::{HashMap, HashSet};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use super::PyroadmapApp;
use crate::action::RunTarget;
use crate::practice::{
    Interpreter, Limits, Outcome, Run, RunEvent, RunRequest, find_python, python,
};

/// Where finding the learner's Python stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PythonState {
    Finding,
    Found(Interpreter),
    /// None works; the text says what was tried.
    Missing(String),
}

/// One run's output as it arrives, and how it ended.
#[derive(Default)]
pub struct RunView {
    /// Output lines in arrival order, each with its newline when complete;
    /// `true` marks stderr.
    pub output: Vec<(String, bool)>,
    pub outcome: Option<Outcome>,
    /// A note shown before the output (an older Python, packages needed).
    pub note: Option<String>,
    /// The code that ran, so results of code edited since are marked stale.
    pub code: String,
    pub(crate) run: Option<Run>,
}

impl RunView {
    /// Whether the run is still going.
    pub fn is_running(&self) -> bool {
        self.outcome.is_none()
    }

    /// Whether this run's results are for `code` (not for code since edited).
    pub fn is_for(&self, code: &str) -> bool {
        self.code == code
    }

    /// Adds output as it arrives, line by line.
    pub fn push(&mut self, text: &str, is_stderr: bool) {
        for piece in text.split_inclusive('\n') {
            match self.output.last_mut() {
                Some((last, last_is_stderr))
                    if *last_is_stderr == is_stderr && !last.ends_with('\n') =>
                {
                    last.push_str(piece);
                }
                _ => self.output.push((piece.to_owned(), is_stderr)),
            }
        }
    }

    /// Everything printed to stdout.
    pub fn stdout(&self) -> String {
        self.output
            .iter()
            .filter(|(_, is_stderr)| !is_stderr)
            .map(|(text, _)| text.as_str())
            .collect()
    }
}

/// Practice state the panels read.
#[derive(Default)]
pub struct PracticeState {
    pub python: Option<PythonState>,
    pub runs: HashMap<RunTarget, RunView>,
    /// The Input box of each run target.
    pub inputs: HashMap<RunTarget, String>,
    /// Lesson examples open in the editor: (page, key).
    pub editing: HashSet<(String, String)>,
    /// Exercises whose reference solution is shown: (topic, exercise).
    pub solutions_shown: HashSet<(String, String)>,
    /// Each target's stepper: its recording, going or done.
    pub steppers: HashMap<RunTarget, crate::practice::Stepping>,
    finder: Option<Receiver<Result<Interpreter, String>>>,
}

impl PracticeState {
    /// The interpreter, once found.
    pub fn interpreter(&self) -> Option<&Interpreter> {
        match &self.python {
            Some(PythonState::Found(python)) => Some(python),
            _ => None,
        }
    }
}

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
        let (sender, receiver) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("find python".into())
            .spawn(move || {
                let _ = sender.send(find_python(&candidates));
                repaint.request_repaint();
            });
        self.practice.python = Some(match spawned {
            Ok(_) => PythonState::Finding,
            Err(error) => PythonState::Missing(format!("cannot look for Python: {error}")),
        });
        self.practice.finder = Some(receiver);
    }

    /// Takes in the interpreter search and the runs' output.
    pub(super) fn poll_practice(&mut self, ctx: &egui::Context) {
        // Started after the first frame, so its process does not compete
        // with opening the window.
        if self.practice.python.is_none() && super::is_window_shown(ctx) {
            self.find_python(ctx);
        }
        if let Some(finder) = &self.practice.finder
            && let Ok(found) = finder.try_recv()
        {
            self.practice.finder = None;
            self.practice.python = Some(match found {
                Ok(python) => PythonState::Found(python),
                Err(reason) => PythonState::Missing(reason),
            });
        }
        self.poll_stepping();
        let mut solved = Vec::new();
        for (target, view) in &mut self.practice.runs {
            let Some(run) = &view.run else { continue };
            for event in run.poll() {
                match event {
                    RunEvent::Output { text, is_stderr } => view.push(&text, is_stderr),
                    RunEvent::Finished(outcome) => {
                        if let RunTarget::Exercise { topic, exercise } = target
                            && !outcome.checks.is_empty()
                            && outcome.checks.iter().all(|c| c.passed)
                        {
                            solved.push((topic.clone(), exercise.clone()));
                        }
                        view.outcome = Some(outcome);
                    }
                }
            }
            if view.outcome.is_some() {
                view.run = None;
            }
        }
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
            self.progress
                .update_exercise(&topic, &exercise, now, |record| {
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
                    self.progress
                        .update_exercise(topic, exercise, now, |record| {
                            record.attempts = record.attempts.saturating_add(1);
                        });
                    self.mark_dirty(now);
                }
                if !found.needs.is_empty() {
                    note = Some(needs_note(&found.needs, &python));
                }
            }
            RunTarget::Example { page, key } => {
                if let Some(block) = self.find_example(page, key) {
                    let needs = block.needs();
                    if let Some((major, minor)) = block.min_python()
                        && (python.version.0, python.version.1) < (major, minor)
                    {
                        note = Some(format!(
                            "This example needs Python {major}.{minor} or newer; yours is {}.{}, so it may fail.",
                            python.version.0, python.version.1
                        ));
                    } else if !needs.is_empty() {
                        let needs: Vec<String> = needs.iter().map(|n| (*n).to_owned()).collect();
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
        let stdin = self
            .practice
            .inputs
            .get(&target)
            .filter(|text| !text.is_empty())
            .map(|text| {
                if text.ends_with('\n') {
                    text.clone()
                } else {
                    format!("{text}\n")
                }
            });
        let machine = self.machine.settings();
        let limits = Limits {
            time: Duration::from_secs(u64::from(crate::study::machine::clamp_time_limit(
                machine.run_time_limit_s,
            ))),
            // The View menu's memory limit, this machine's; 0 is automatic.
            memory_mb: match machine.run_memory_limit_mb {
                0 => crate::practice::default_memory_limit_mb(),
                mb => mb,
            },
            ..Limits::default()
        };
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
        self.practice.runs.insert(
            target,
            RunView {
                note,
                code,
                run: Some(run),
                ..RunView::default()
            },
        );
    }

    /// Stops one run (and its target's recording for the stepper).
    pub(super) fn stop_run(&mut self, target: &RunTarget) {
        if let Some(run) = self.practice.runs.get(target).and_then(|v| v.run.as_ref()) {
            run.stop();
        }
        if let Some(stepping) = self.practice.steppers.get(target) {
            stepping.stop();
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
        self.progress.set_edit(&page, &key, text, now);
        if is_reset {
            let target = RunTarget::Example { page, key };
            self.stop_run(&target);
            self.practice.runs.remove(&target);
        }
    }

    /// Stops every run (another page opened, Esc, the window closing).
    pub(super) fn stop_all_runs(&mut self) {
        for view in self.practice.runs.values() {
            if let Some(run) = &view.run {
                run.stop();
            }
        }
        for stepping in self.practice.steppers.values() {
            stepping.stop();
        }
    }

    /// Stops every run and waits for its processes to end (closing).
    pub(super) fn stop_runs_and_wait(&mut self) {
        for view in self.practice.runs.values() {
            if let Some(run) = &view.run {
                run.stop_and_wait(Duration::from_secs(3));
            }
        }
        self.practice.runs.clear();
        for stepping in self.practice.steppers.values() {
            stepping.stop_and_wait(Duration::from_secs(3));
        }
        self.practice.steppers.clear();
    }

    /// Whether any run is going.
    pub fn is_running(&self) -> bool {
        self.practice.runs.values().any(RunView::is_running)
            || self
                .practice
                .steppers
                .values()
                .any(crate::practice::Stepping::is_recording)
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
        "This needs {}. If it is not installed, run: {} -m pip install {}",
        needs.join(", "),
        python.executable.display(),
        needs.join(" ")
    )
}
