//! The run state panels read: where finding the learner's Python stands,
//! each target's run and its output, the Input boxes, the examples open in
//! the editor and the solutions shown. The app owns it and updates it when
//! it applies an action or a worker reports; panels only read it.

use std::collections::{HashMap, HashSet};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use super::{Interpreter, Outcome, Run, RunEvent, find_python};

/// What a run belongs to: its output is shown there.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RunTarget {
    /// A lesson example, by topic (or section overview id) and `example_key`.
    Example {
        page: String,
        key: String,
    },
    /// An exercise's Check.
    Exercise {
        topic: String,
        exercise: String,
    },
    Playground,
    /// An exercise solved again in Review, from its starter.
    Review {
        topic: String,
        exercise: String,
    },
}

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
    /// The packages the example or exercise declares it needs (`needs=`),
    /// and the command that installs them into the Python that ran it.
    pub needs: Vec<String>,
    pub install_command: Option<String>,
    pub(super) run: Option<Run>,
}

impl RunView {
    /// A run just started on `code`, with the note to show before its output.
    pub fn started(run: Run, code: String, note: Option<String>) -> Self {
        Self {
            note,
            code,
            run: Some(run),
            ..Self::default()
        }
    }

    /// The declared need the run found missing: a `ModuleNotFoundError`
    /// for one of `needs` means the package is not installed, not that the
    /// learner's code is wrong.
    pub fn missing_need(&self) -> Option<&str> {
        let outcome = self.outcome.as_ref()?;
        let mut texts: Vec<&str> = self.output.iter().map(|(text, _)| text.as_str()).collect();
        for check in &outcome.checks {
            texts.push(&check.message);
            if let Some(explanation) = &check.explanation {
                texts.push(&explanation.what);
            }
        }
        if let Some(explanation) = &outcome.explanation {
            texts.push(&explanation.what);
        }
        self.needs.iter().map(String::as_str).find(|need| {
            let module = need.replace('-', "_").to_lowercase();
            texts.iter().any(|text| {
                text.split("No module named ").skip(1).any(|rest| {
                    let name = rest.trim_start_matches(['\'', '"', '`']);
                    let name: String = name
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    name.to_lowercase() == module
                })
            })
        })
    }

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

    /// Everything printed to stderr (where a traceback is).
    pub fn stderr(&self) -> String {
        self.output
            .iter()
            .filter(|(_, is_stderr)| *is_stderr)
            .map(|(text, _)| text.as_str())
            .collect()
    }

    /// Asks the run to stop, if it is going.
    pub fn stop(&self) {
        if let Some(run) = &self.run {
            run.stop();
        }
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
    pub steppers: HashMap<RunTarget, super::Stepping>,
    /// Why saves in the learner's editor are not checked by themselves
    /// (the work folder cannot be watched here): Check now is offered.
    pub watch_problem: Option<String>,
    /// Each project's checks: running, queued, the last verdict.
    pub projects: super::project_state::ProjectChecks,
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

    /// Looks for a working Python among `candidates` on a worker thread;
    /// `on_found` is called there when the answer is ready.
    pub fn start_finding(
        &mut self,
        candidates: Vec<Vec<String>>,
        on_found: impl FnOnce() + Send + 'static,
    ) {
        let (sender, receiver) = std::sync::mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("find python".into())
            .spawn(move || {
                let _ = sender.send(find_python(&candidates));
                on_found();
            });
        self.python = Some(match spawned {
            Ok(_) => PythonState::Finding,
            Err(error) => PythonState::Missing(format!("cannot look for Python: {error}")),
        });
        self.finder = Some(receiver);
    }

    /// Takes in the interpreter search's answer once it has arrived.
    pub fn receive_python(&mut self) {
        if let Some(finder) = &self.finder
            && let Ok(found) = finder.try_recv()
        {
            self.finder = None;
            self.python = Some(match found {
                Ok(python) => PythonState::Found(python),
                Err(reason) => PythonState::Missing(reason),
            });
        }
    }

    /// Takes in the runs' output. Returns the exercises (topic, exercise)
    /// whose checks all passed in a run that ended now.
    pub fn receive_output(&mut self) -> Vec<(String, String)> {
        let mut solved = Vec::new();
        for (target, view) in &mut self.runs {
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
        for stepping in self.steppers.values_mut() {
            stepping.poll();
        }
        solved
    }

    /// Stops one target's run.
    pub fn stop(&self, target: &RunTarget) {
        if let Some(view) = self.runs.get(target) {
            view.stop();
        }
        if let Some(stepping) = self.steppers.get(target) {
            stepping.stop();
        }
    }

    /// Stops every run (another page opened, Esc, the window closing).
    pub fn stop_all(&self) {
        for view in self.runs.values() {
            view.stop();
        }
        for stepping in self.steppers.values() {
            stepping.stop();
        }
    }

    /// Stops every run, waits for its processes to end, and forgets them.
    pub fn stop_all_and_wait(&mut self, timeout: Duration) {
        for view in self.runs.values() {
            if let Some(run) = &view.run {
                run.stop_and_wait(timeout);
            }
        }
        self.runs.clear();
        for stepping in self.steppers.values() {
            stepping.stop_and_wait(timeout);
        }
        self.steppers.clear();
    }

    /// Whether any run is going.
    pub fn is_running(&self) -> bool {
        self.runs.values().any(RunView::is_running)
            || self.steppers.values().any(super::Stepping::is_recording)
    }
}
