//! Runs a program with the learner's Python in a fresh private temporary
//! folder, on worker threads: output streams back as it arrives, the whole
//! process tree is killed on Stop, at a limit (time, output, memory,
//! processes) and when the program ends, and the folder is removed
//! afterwards.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use super::Interpreter;
use super::explain::{EXPLAINER, Explanation, RUN_WRAPPER};
use super::limits::{PRELUDE, limit_named_by};
use super::output::Output;
use super::trace::{TRACE_FILE, TRACE_HEAP, TRACER, Trace};
use super::tree::{Chunk, KILL_TIMEOUT, Tree, drain_until};

/// The file the learner's code is written to in the run's folder: the
/// name tracebacks give their lines.
pub const SOLUTION_FILE: &str = "solution.py";

/// The checker that runs an exercise's checks against the learner's code.
pub const HARNESS: &str = include_str!("harness.py");

pub use super::limits::{LimitHit, Limits};

/// What to run.
#[derive(Clone, Debug)]
pub struct RunRequest {
    pub python: Interpreter,
    /// The learner's code, written to `SOLUTION_FILE`.
    pub code: String,
    /// Standard input; None closes it (so `input()` raises EOFError).
    pub stdin: Option<String>,
    /// An exercise's check code: when given, the checker runs the code and
    /// then the checks.
    pub checks: Option<String>,
    pub limits: Limits,
}

/// One check's verdict.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct CheckResult {
    pub name: String,
    pub passed: bool,
    #[serde(default)]
    pub message: String,
    /// The plain-words explanation of the error the learner's code raised
    /// in this check, if it raised one a rule explains.
    #[serde(default)]
    pub explanation: Option<Explanation>,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The exit code; None when the run was killed or could not start.
    pub exit_code: Option<i32>,
    pub elapsed: Duration,
    pub is_timed_out: bool,
    pub is_stopped: bool,
    pub is_truncated: bool,
    /// Set when the run could not start at all.
    pub start_error: Option<String>,
    /// The checks' verdicts, for a check run.
    pub checks: Vec<CheckResult>,
    /// The memory or process limit that stopped the run, if one did.
    pub limit: Option<LimitHit>,
    /// Why the program ended with an exception, in plain words (a Run's).
    pub explanation: Option<Explanation>,
    /// The recorded steps, for a run started with [`Run::trace`].
    pub trace: Option<Arc<Trace>>,
}

impl Outcome {
    /// Whether the program ran to the end and exited with status 0.
    pub fn is_success(&self) -> bool {
        self.exit_code == Some(0)
            && !self.is_timed_out
            && !self.is_stopped
            && !self.is_truncated
            && self.limit.is_none()
    }
}

/// What a run reports while it goes.
#[derive(Clone, Debug, PartialEq)]
pub enum RunEvent {
    Output { text: String, is_stderr: bool },
    Finished(Outcome),
}

/// A run in progress: poll its events, stop it.
pub struct Run {
    events: Receiver<RunEvent>,
    stop: Arc<AtomicBool>,
}

/// What a run does with the learner's code.
#[derive(Clone)]
enum Mode {
    /// Runs it (or checks it, when the request has checks).
    Run,
    /// Records it step by step for the stepper, at most this many steps.
    Trace { max_steps: u32 },
    /// Runs a script someone else puts in the folder (a project's checks).
    Job(Arc<dyn Job>),
}

/// A run whose folder is filled by someone else: a project check.
pub(crate) trait Job: Send + Sync {
    /// Fills the run's `folder` (on the run's thread); returns the script
    /// to run there and its arguments, or why the run cannot start.
    fn prepare(&self, folder: &Path) -> Result<Vec<std::ffi::OsString>, String>;
    /// Reads what the run left in `folder`, before the folder is removed.
    fn collect(&self, folder: &Path);
}

impl Run {
    /// Starts `request` on worker threads; `on_event` is called after each
    /// event (a repaint request).
    pub fn start(request: RunRequest, on_event: impl Fn() + Send + Sync + 'static) -> Self {
        Self::start_in(request, Mode::Run, on_event)
    }

    /// Runs `request`'s code once under the tracer, with the same limits,
    /// output and Stop as [`Run::start`]; its outcome carries the trace
    /// (the request's checks are not run).
    pub fn trace(
        request: RunRequest,
        max_steps: u32,
        on_event: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        Self::start_in(request, Mode::Trace { max_steps }, on_event)
    }

    fn start_in(
        request: RunRequest,
        mode: Mode,
        on_event: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let (sender, events) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let worker_stop = Arc::clone(&stop);
        let on_event = Arc::new(on_event);
        let spawned = std::thread::Builder::new().name("run".into()).spawn({
            let sender = sender.clone();
            let on_event = Arc::clone(&on_event);
            move || supervise(&request, &mode, &worker_stop, &sender, on_event.as_ref())
        });
        if let Err(error) = spawned {
            let _ = sender.send(RunEvent::Finished(not_started(format!(
                "cannot start a thread to run it: {error}"
            ))));
            on_event();
        }
        Self { events, stop }
    }

    /// Runs `job`'s script with `request`'s Python and limits, like
    /// [`Run::start`] (the request's code and checks are not used).
    pub(crate) fn job(
        request: RunRequest,
        job: Arc<dyn Job>,
        on_event: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        Self::start_in(request, Mode::Job(job), on_event)
    }

    /// Events since the last poll.
    pub fn poll(&self) -> Vec<RunEvent> {
        self.events.try_iter().collect()
    }

    /// Waits for the next event (tests and benchmarks).
    pub fn wait_event(&self, timeout: Duration) -> Option<RunEvent> {
        self.events.recv_timeout(timeout).ok()
    }

    /// Kills the run's whole process tree.
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }

    /// Kills the run and waits (at most `timeout`) until its processes are
    /// gone: used when the app closes, so nothing outlives it.
    pub fn stop_and_wait(&self, timeout: Duration) {
        self.stop();
        let deadline = Instant::now() + timeout;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.events.recv_timeout(left) {
                Ok(RunEvent::Finished(_)) | Err(_) => return,
                Ok(RunEvent::Output { .. }) => {}
            }
        }
    }
}

impl Drop for Run {
    /// A run nobody watches any more (another topic, the window closed) is
    /// stopped.
    fn drop(&mut self) {
        self.stop();
    }
}

fn not_started(reason: String) -> Outcome {
    Outcome {
        exit_code: None,
        elapsed: Duration::ZERO,
        is_timed_out: false,
        is_stopped: false,
        is_truncated: false,
        start_error: Some(reason),
        checks: Vec::new(),
        limit: None,
        explanation: None,
        trace: None,
    }
}

/// How often a run's processes are counted against the process cap.
const COUNT_EVERY: Duration = Duration::from_millis(200);
/// How long output still arriving after a kill is waited for.
const READERS_GRACE: Duration = Duration::from_secs(1);
/// The Python options every run starts with.
const PYTHON_OPTIONS: [&str; 3] = ["-X", "utf8", "-u"];

/// Why the supervisor stopped waiting.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ending {
    Exited,
    Stopped,
    TimedOut,
    Truncated,
    TooManyProcesses,
}

/// Writes the files into a temp folder, runs, streams, enforces the limits,
/// kills whatever is left and removes the folder.
fn supervise(
    request: &RunRequest,
    mode: &Mode,
    stop: &AtomicBool,
    sender: &Sender<RunEvent>,
    on_event: &(dyn Fn() + Send + Sync),
) {
    let send = |event: RunEvent| {
        let _ = sender.send(event);
        on_event();
    };
    let (folder, script) = match prepare(request, mode) {
        Ok(prepared) => prepared,
        Err(error) => return send(RunEvent::Finished(not_started(error))),
    };
    let started = Instant::now();
    let mut tree = match Tree::spawn(run_command(request, &script, folder.path())) {
        Ok(tree) => tree,
        Err(error) => {
            let mut reason = format!("cannot start {}: {error}", request.python.command.join(" "));
            if let Err(problem) = remove_folder(folder) {
                reason = format!("{reason}; {problem}");
            }
            return send(RunEvent::Finished(not_started(reason)));
        }
    };
    if let (Some(text), Some(mut stdin)) = (&request.stdin, tree.child().stdin().take()) {
        let text = text.clone();
        // Written on its own thread: a program that never reads must not block us.
        std::thread::spawn(move || {
            use std::io::Write as _;
            let _ = stdin.write_all(text.as_bytes());
        });
    }
    let inbox = tree.read_output();
    let mut output = Output::new(request.limits.output_bytes);
    let take = |chunk: Chunk, output: &mut Output| {
        if let Some((text, is_stderr)) = output.take(chunk) {
            send(RunEvent::Output { text, is_stderr });
        }
    };
    let mut next_count = started + COUNT_EVERY;
    let (exited, ending) = loop {
        while let Ok(chunk) = inbox.try_recv() {
            take(chunk, &mut output);
        }
        if output.is_truncated {
            break (None, Ending::Truncated);
        }
        if stop.load(Ordering::SeqCst) {
            break (None, Ending::Stopped);
        }
        if started.elapsed() > request.limits.time {
            break (None, Ending::TimedOut);
        }
        if Instant::now() >= next_count {
            next_count = Instant::now() + COUNT_EVERY;
            let limit = usize::try_from(request.limits.processes).unwrap_or(usize::MAX);
            if tree.count().is_some_and(|count| count > limit) {
                break (None, Ending::TooManyProcesses);
            }
        }
        match tree.child().try_wait() {
            Ok(Some(status)) => break (Some(status), Ending::Exited),
            Ok(None) => {}
            Err(_) => break (None, Ending::Exited),
        }
        if let Ok(chunk) = inbox.recv_timeout(Duration::from_millis(10)) {
            take(chunk, &mut output);
        }
    };
    let elapsed = started.elapsed();
    // Whatever the program started and left behind goes with it, also after
    // a normal finish (a daemon that closed its output).
    let status = tree.kill_all(exited, KILL_TIMEOUT);
    // A process we could not find may hold the output open: wait a little
    // for the rest, then leave the readers to end when the pipe closes.
    drain_until(&inbox, Instant::now() + READERS_GRACE, |chunk| {
        take(chunk, &mut output);
    });
    for (text, is_stderr) in output.finish() {
        send(RunEvent::Output { text, is_stderr });
    }
    let limit = match ending {
        Ending::TooManyProcesses => Some(LimitHit::Processes {
            limit: request.limits.processes,
        }),
        Ending::Exited if status.is_some_and(|s| !s.success()) => {
            limit_named_by(&output.stderr_tail, &request.limits)
                .or_else(|| killed_by_the_system(status, &request.limits))
        }
        _ => None,
    };
    let checks = read_check_results(&folder.path().join("results.jsonl"));
    let is_failed_exit = ending == Ending::Exited && status.is_some_and(|s| !s.success());
    // A trace carries its explanation on the step that raised.
    let explanation = (is_failed_exit
        && limit.is_none()
        && request.checks.is_none()
        && matches!(mode, Mode::Run))
    .then(|| Explanation::read(folder.path()))
    .flatten();
    if let Mode::Job(job) = mode {
        job.collect(folder.path());
    }
    let trace = matches!(mode, Mode::Trace { .. }).then(|| {
        let text = std::fs::read_to_string(folder.path().join(TRACE_FILE)).unwrap_or_default();
        Arc::new(Trace::parse(&text))
    });
    if let Err(problem) = remove_folder(folder) {
        send(RunEvent::Output {
            text: format!("{problem}\n"),
            is_stderr: true,
        });
    }
    send(RunEvent::Finished(Outcome {
        exit_code: status
            .and_then(|s| s.code())
            .filter(|_| ending == Ending::Exited),
        elapsed,
        is_timed_out: ending == Ending::TimedOut,
        is_stopped: ending == Ending::Stopped,
        is_truncated: ending == Ending::Truncated,
        start_error: None,
        checks,
        limit,
        explanation,
        trace,
    }));
}

/// A process killed by a signal nobody in pyroadmap sent (SIGKILL, as the
/// kernel's out-of-memory killer sends) ran out of memory.
fn killed_by_the_system(status: Option<ExitStatus>, limits: &Limits) -> Option<LimitHit> {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt as _;
        (status?.signal() == Some(9)).then_some(LimitHit::Memory {
            limit_mb: limits.memory_mb,
        })
    }
    #[cfg(not(unix))]
    {
        let _ = (status, limits);
        None
    }
}

/// The command that runs the program (through `run.py`, which explains
/// an uncaught exception), the checker or the tracer in `folder`, through
/// the limits prelude: on Unix it replaces itself with
/// `python -X utf8 -u SCRIPT`; on Windows it starts that as its child,
/// inside a job object with the limits.
fn run_command(request: &RunRequest, script: &[std::ffi::OsString], folder: &Path) -> Command {
    let mut command = request.python.command();
    command
        .args(["-I", "-S", "-c", PRELUDE])
        .arg(request.limits.memory_mb.max(1).to_string())
        .arg(request.limits.processes.max(1).to_string())
        .arg("--")
        .args(PYTHON_OPTIONS)
        .args(script)
        .current_dir(folder)
        .stdin(if request.stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONUNBUFFERED", "1");
    // The Windows prelude kills the run if the app ends first (a crash).
    #[cfg(windows)]
    command.env("PYROADMAP_APP_PID", std::process::id().to_string());
    // pyroadmap's own environment must not change how Python behaves.
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if key.starts_with("PYTHON") && key != "PYTHONIOENCODING" && key != "PYTHONUNBUFFERED" {
            command.env_remove(key.as_ref());
        }
    }
    command
}

/// The temp folder with the program (and the checker and checks), readable
/// by the learner only.
/// The temp folder, and the script to run in it with its arguments.
fn prepare(
    request: &RunRequest,
    mode: &Mode,
) -> Result<(tempfile::TempDir, Vec<std::ffi::OsString>), String> {
    let mut builder = tempfile::Builder::new();
    builder.prefix("pyroadmap-run-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o700));
    }
    let folder = builder
        .tempdir()
        .map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let write = |name: &str, text: &str| {
        std::fs::write(folder.path().join(name), text)
            .map_err(|e| format!("cannot write {name} in {}: {e}", folder.path().display()))
    };
    if let Mode::Job(job) = mode {
        let script = job.prepare(folder.path())?;
        return Ok((folder, script));
    }
    write(SOLUTION_FILE, &request.code)?;
    write("explain.py", EXPLAINER)?;
    let script = match mode {
        Mode::Trace { max_steps } => {
            write("tracer.py", TRACER)?;
            write("trace_heap.py", TRACE_HEAP)?;
            vec!["tracer.py".into(), max_steps.to_string().into()]
        }
        _ if request.checks.is_some() => {
            write("checks.py", request.checks.as_deref().unwrap_or_default())?;
            write("harness.py", HARNESS)?;
            if let Some(stdin) = &request.stdin {
                write("stdin.txt", stdin)?;
            }
            vec!["harness.py".into()]
        }
        _ => {
            write("run.py", RUN_WRAPPER)?;
            vec!["run.py".into()]
        }
    };
    Ok((folder, script))
}

fn read_check_results(path: &PathBuf) -> Vec<CheckResult> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

mod folder;
#[cfg(test)]
mod tests;

use folder::remove_folder;
