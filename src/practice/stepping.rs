//! A recording for the stepper, as the app keeps it: the code it recorded,
//! the run while it goes, then its outcome with the trace. Panels read it;
//! stepping through it never starts Python again.

use std::sync::atomic::{AtomicU64, Ordering};

use super::runner::{Outcome, Run, RunEvent};
use super::trace::Trace;

/// One recording of one target's code.
pub struct Stepping {
    /// The code that was recorded (the stepper shows this, even if the
    /// learner edits the editor's code since).
    pub code: String,
    /// Names this recording: a new one starts at its first step.
    pub serial: u64,
    /// What the program wrote to stderr (shown when nothing was recorded).
    pub stderr: String,
    pub outcome: Option<Outcome>,
    run: Option<Run>,
}

impl Stepping {
    /// A recording of `code` by `run`, going.
    pub fn new(code: String, run: Run) -> Self {
        static SERIAL: AtomicU64 = AtomicU64::new(1);
        Self {
            code,
            serial: SERIAL.fetch_add(1, Ordering::Relaxed),
            stderr: String::new(),
            outcome: None,
            run: Some(run),
        }
    }

    /// Whether Python is still recording.
    pub fn is_recording(&self) -> bool {
        self.outcome.is_none()
    }

    /// The recorded steps, once the run has ended.
    pub fn trace(&self) -> Option<&Trace> {
        self.outcome.as_ref()?.trace.as_deref()
    }

    /// Takes in what the run reported; true when something changed.
    pub fn poll(&mut self) -> bool {
        let Some(run) = &self.run else { return false };
        let events = run.poll();
        let is_changed = !events.is_empty();
        for event in events {
            match event {
                RunEvent::Output {
                    text,
                    is_stderr: true,
                } => self.stderr.push_str(&text),
                RunEvent::Output { .. } => {}
                RunEvent::Finished(outcome) => self.outcome = Some(outcome),
            }
        }
        if self.outcome.is_some() {
            self.run = None;
        }
        is_changed
    }

    /// Kills the recording's process tree.
    pub fn stop(&self) {
        if let Some(run) = &self.run {
            run.stop();
        }
    }

    /// Kills it and waits until its processes are gone (closing).
    pub fn stop_and_wait(&self, timeout: std::time::Duration) {
        if let Some(run) = &self.run {
            run.stop_and_wait(timeout);
        }
    }
}
