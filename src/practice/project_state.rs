//! The project checks the panels show: per project, the check running (at
//! most one, with at most one more queued) and the last verdict.

use std::collections::HashMap;

use super::project_check::{ProjectCheck, Snapshot, Verdict};
use super::runner::RunEvent;

/// The most bytes of a check's own output kept (the checker's errors).
const MAX_OUTPUT_BYTES: usize = 16 * 1024;

/// Every project's check state, by project id.
#[derive(Default)]
pub struct ProjectChecks {
    pub by_project: HashMap<String, ProjectCheckView>,
}

/// One project's check: running, queued, and what the last one found.
#[derive(Default)]
pub struct ProjectCheckView {
    check: Option<ProjectCheck>,
    /// A check was asked for while one ran: it starts when that one ends.
    pub is_queued: bool,
    /// The stage the learner was on when the running (or last) check started.
    pub stage: u32,
    /// What the last finished check found, or why it found nothing.
    pub result: Option<Result<Verdict, String>>,
    /// What the checker itself printed (its own errors), cut.
    pub output: String,
}

/// A check that has just ended, for the app to record.
pub struct FinishedCheck {
    pub project: String,
    /// The stage that was open when it started.
    pub stage: u32,
    pub result: Result<Verdict, String>,
    pub snapshot: Snapshot,
    /// Whether another check was queued meanwhile.
    pub is_queued: bool,
}

impl ProjectCheckView {
    /// Whether a check is running.
    pub fn is_running(&self) -> bool {
        self.check.is_some()
    }
}

impl ProjectChecks {
    /// The state of one project's checks, if any was ever started.
    pub fn get(&self, project: &str) -> Option<&ProjectCheckView> {
        self.by_project.get(project)
    }

    /// Whether a check of `project` is running.
    pub fn is_running(&self, project: &str) -> bool {
        self.get(project).is_some_and(ProjectCheckView::is_running)
    }

    /// Keeps a started check as the project's running one.
    pub fn started(&mut self, project: &str, stage: u32, check: ProjectCheck) {
        let view = self.by_project.entry(project.to_owned()).or_default();
        view.check = Some(check);
        view.stage = stage;
        view.is_queued = false;
        view.output.clear();
    }

    /// Queues one more check of `project` (while one runs); more asks
    /// while one is queued change nothing.
    pub fn queue(&mut self, project: &str) {
        self.by_project
            .entry(project.to_owned())
            .or_default()
            .is_queued = true;
    }

    /// Stops a project's check (and forgets a queued one).
    pub fn stop(&mut self, project: &str) {
        if let Some(view) = self.by_project.get_mut(project) {
            view.is_queued = false;
            if let Some(check) = &view.check {
                check.stop();
            }
        }
    }

    /// Stops every check and waits a little for their processes to end
    /// (the window is closing).
    pub fn stop_all(&mut self) {
        for view in self.by_project.values_mut() {
            view.is_queued = false;
            if let Some(check) = view.check.take() {
                check.stop();
            }
        }
    }

    /// Takes in the checks' events; returns the checks that ended.
    pub fn receive(&mut self) -> Vec<FinishedCheck> {
        let mut finished = Vec::new();
        for (project, view) in &mut self.by_project {
            let Some(check) = &view.check else {
                continue;
            };
            for event in check.poll() {
                match event {
                    RunEvent::Output { text, .. } => {
                        if view.output.len() < MAX_OUTPUT_BYTES {
                            view.output.push_str(&text);
                        }
                    }
                    RunEvent::Finished(outcome) => {
                        let result = check.verdict(&outcome).map_err(|reason| {
                            let tail = view.output.trim();
                            if tail.is_empty() || reason == "Stopped." {
                                reason
                            } else {
                                format!("{reason}\n{tail}")
                            }
                        });
                        view.result = Some(result.clone());
                        finished.push(FinishedCheck {
                            project: project.clone(),
                            stage: view.stage,
                            result,
                            snapshot: check.snapshot(),
                            is_queued: view.is_queued,
                        });
                    }
                }
            }
        }
        for done in &finished {
            if let Some(view) = self.by_project.get_mut(&done.project) {
                view.check = None;
            }
        }
        finished
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;
    use crate::practice::project_check::ProjectCheckRequest;
    use crate::practice::{Limits, find_python};

    #[test]
    fn asks_during_a_check_queue_exactly_one_more() {
        let Ok(python) = find_python(&[vec!["python3".into()], vec!["python".into()]]) else {
            return;
        };
        let dir = tempfile::tempdir().unwrap();
        let mut checks = ProjectChecks::default();
        let check = ProjectCheck::start(
            ProjectCheckRequest {
                python,
                limits: Limits::default(),
                project_dir: dir.path().join("missing"),
                stages: vec![Vec::new()],
            },
            || {},
        );
        checks.started("p", 1, check);
        assert!(checks.is_running("p"));
        checks.queue("p");
        checks.queue("p");
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut finished = Vec::new();
        while finished.is_empty() && Instant::now() < deadline {
            finished = checks.receive();
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(finished.len(), 1, "one check ran");
        assert!(finished[0].is_queued, "one more is asked for");
        assert!(
            finished[0]
                .result
                .as_ref()
                .is_err_and(|e| e.contains("does not exist yet"))
        );
        assert!(!checks.is_running("p"));
        assert!(
            checks.receive().is_empty(),
            "nothing more until the app starts the queued one"
        );
    }
}
