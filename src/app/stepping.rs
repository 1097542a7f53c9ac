//! Stepping in the app: a target's code recorded once under the tracer,
//! off the UI thread, with Run's limits and Input box; the recording is kept
//! for the stepper, which never starts Python again.

use std::time::Duration;

use super::PyroadmapApp;
use crate::practice::RunTarget;
use crate::practice::trace::DEFAULT_MAX_STEPS;
use crate::practice::{Limits, Run, RunRequest, Stepping};

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
        // As Run reads it: the Input box's lines, the last one ended.
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
            memory_mb: match machine.run_memory_limit_mb {
                0 => crate::practice::default_memory_limit_mb(),
                mb => mb,
            },
            ..Limits::default()
        };
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
