//! Running the learner's code: finding their Python, running a program in a
//! throwaway folder with limits and a kill switch for its whole process
//! tree, checking exercises, and the run state panels read. No egui:
//! results come back as messages.

pub mod check_queue;
pub mod explain;
pub mod limits;
mod output;
pub mod project_check;
pub mod project_state;
pub mod python;
pub mod runner;
pub mod state;
pub mod stepping;
pub mod trace;
pub mod traceback;
mod tree;
pub mod watch;
pub mod work_folder;

pub use explain::Explanation;
pub use limits::{LimitHit, Limits, default_memory_limit_mb};
pub use python::{Interpreter, find_python};
pub use runner::{CheckResult, Outcome, Run, RunEvent, RunRequest};
pub use state::{PracticeState, PythonState, RunTarget, RunView};
pub use stepping::Stepping;
pub use trace::Trace;
pub use tree::MARKER_VAR;
