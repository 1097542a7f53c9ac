//! Stepping in the app: a target's code recorded once under the tracer,
//! off the UI thread, with Run's limits and Input box; the recording is kept
//! for the stepper, which never starts Python again.

use super::PyroadmapApp;
use crate::practice::RunTarget;
use crate::practice::trace::DEFAULT_MAX_STEPS;
use crate::practice::{Run, RunRequest, Stepping};

impl PyroadmapApp {
    /// Records `code` for `target`'s stepper (replacing its last
    /// recording); stepping through a lesson's code starts the topic.
    pub(super) fn step_code(
        &mut self,
        ctx: &egui::Context,
        target: RunTarget,
        code: String,
        now: u64,
    ) {
        let Some(python) = self.practice.interpreter().cloned() else {
            return;
        };
        match &target {
            RunTarget::Example { page, .. } => self.engage(page, now),
            RunTarget::Exercise { topic, .. } => self.engage(topic, now),
            RunTarget::Playground | RunTarget::Review { .. } => {}
        }
        // As Run reads them: the Input box and this machine's limits.
        let stdin = self.run_stdin(&target);
        let limits = self.run_limits();
        let repaint = ctx.clone();
        let run = Run::trace(
            RunRequest {
                python,
                code: code.clone(),
                stdin,
                checks: None,
                limits,
            },
            DEFAULT_MAX_STEPS,
            move || repaint.request_repaint(),
        );
        if let Some(old) = self
            .practice
            .steppers
            .insert(target, Stepping::new(code, run))
        {
            old.stop();
        }
    }

    /// Closes a target's stepper, stopping its recording if it still goes.
    pub(super) fn close_stepper(&mut self, target: &RunTarget) {
        if let Some(stepping) = self.practice.steppers.remove(target) {
            stepping.stop();
        }
    }
}
