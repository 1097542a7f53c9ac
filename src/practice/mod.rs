//! Running the learner's code: finding their Python, running a program in a
//! throwaway folder with limits and a kill switch for its whole process
//! tree, and checking exercises. No egui: results come back as messages.

pub mod python;
pub mod runner;

pub use python::{Interpreter, find_python};
pub use runner::{CheckResult, Limits, Outcome, Run, RunEvent, RunRequest};
