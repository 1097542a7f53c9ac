//! Runs a program with the learner's Python in a fresh temporary folder,
//! on worker threads: output streams back as it arrives, the whole process
//! tree is killed on Stop or at the time limit, output is capped, and the
//! folder is removed afterwards.

use std::io::Read as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};

use process_wrap::std::{ChildWrapper, CommandWrap};

use super::Interpreter;

/// The checker that runs an exercise's checks against the learner's code.
pub const HARNESS: &str = include_str!("harness.py");

/// How long and how much a run may take.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    pub time: Duration,
    /// Bytes of output (stdout and stderr together) before the run is stopped.
    pub output_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            time: Duration::from_secs(10),
            output_bytes: 1_000_000,
        }
    }
}

/// What to run.
#[derive(Clone, Debug)]
pub struct RunRequest {
    pub python: Interpreter,
    /// The learner's code, written to `solution.py`.
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
}

impl Outcome {
    /// Whether the program ran to the end and exited with status 0.
    pub fn is_success(&self) -> bool {
        self.exit_code == Some(0) && !self.is_timed_out && !self.is_stopped && !self.is_truncated
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

impl Run {
    /// Starts `request` on worker threads; `on_event` is called after each
    /// event (a repaint request).
    pub fn start(request: RunRequest, on_event: impl Fn() + Send + Sync + 'static) -> Self {
        let (sender, events) = channel();
        let stop = Arc::new(AtomicBool::new(false));
        let worker_stop = Arc::clone(&stop);
        let on_event = Arc::new(on_event);
        let spawned = std::thread::Builder::new().name("run".into()).spawn({
            let sender = sender.clone();
            let on_event = Arc::clone(&on_event);
            move || supervise(&request, &worker_stop, &sender, on_event.as_ref())
        });
        if let Err(error) = spawned {
            let _ = sender.send(RunEvent::Finished(not_started(format!(
                "cannot start a thread to run it: {error}"
            ))));
            on_event();
        }
        Self { events, stop }
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
    }
}

/// Writes the files into a temp folder, runs, streams, enforces the limits,
/// and removes the folder.
fn supervise(
    request: &RunRequest,
    stop: &AtomicBool,
    sender: &Sender<RunEvent>,
    on_event: &(dyn Fn() + Send + Sync),
) {
    let send = |event: RunEvent| {
        let _ = sender.send(event);
        on_event();
    };
    let folder = match prepare(request) {
        Ok(folder) => folder,
        Err(error) => return send(RunEvent::Finished(not_started(error))),
    };
    let mut command = request.python.command();
    let script = if request.checks.is_some() {
        "harness.py"
    } else {
        "solution.py"
    };
    command
        .args(["-X", "utf8", "-u", script])
        .current_dir(folder.path())
        .stdin(if request.stdin.is_some() {
            std::process::Stdio::piped()
        } else {
            std::process::Stdio::null()
        })
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .env("PYTHONIOENCODING", "utf-8")
        .env("PYTHONUNBUFFERED", "1");
    // pyroadmap's own environment must not change how Python behaves.
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if key.starts_with("PYTHON") && key != "PYTHONIOENCODING" && key != "PYTHONUNBUFFERED" {
            command.env_remove(key.as_ref());
        }
    }
    let mut wrapped = CommandWrap::from(command);
    #[cfg(unix)]
    wrapped.wrap(process_wrap::std::ProcessGroup::leader());
    #[cfg(windows)]
    wrapped.wrap(process_wrap::std::JobObject);
    let started = Instant::now();
    let mut child = match wrapped.spawn() {
        Ok(child) => child,
        Err(error) => {
            return send(RunEvent::Finished(not_started(format!(
                "cannot start {}: {error}",
                request.python.command.join(" ")
            ))));
        }
    };
    if let (Some(text), Some(mut stdin)) = (&request.stdin, child.stdin().take()) {
        let text = text.clone();
        // Written on its own thread: a program that never reads must not block us.
        std::thread::spawn(move || {
            use std::io::Write as _;
            let _ = stdin.write_all(text.as_bytes());
        });
    }
    let (chunks, chunk_inbox) = channel::<(bool, Vec<u8>)>();
    let readers: Vec<_> = [
        child
            .stdout()
            .take()
            .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        child
            .stderr()
            .take()
            .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
    ]
    .into_iter()
    .enumerate()
    .filter_map(|(index, stream)| {
        let mut stream = stream?;
        let chunks = chunks.clone();
        std::thread::Builder::new()
            .name("run output".into())
            .spawn(move || {
                let mut buffer = [0u8; 8192];
                while let Ok(n) = stream.read(&mut buffer) {
                    if n == 0 || chunks.send((index == 1, buffer[..n].to_vec())).is_err() {
                        break;
                    }
                }
            })
            .ok()
    })
    .collect();
    drop(chunks);

    let mut written = 0usize;
    let mut is_truncated = false;
    let mut pending: [Vec<u8>; 2] = [Vec::new(), Vec::new()];
    let mut forward =
        |is_stderr: bool, bytes: &[u8], written: &mut usize, is_truncated: &mut bool| {
            if *is_truncated {
                return;
            }
            let room = request.limits.output_bytes.saturating_sub(*written);
            let take = bytes.len().min(room);
            *written += take;
            let buffer = &mut pending[usize::from(is_stderr)];
            buffer.extend_from_slice(&bytes[..take]);
            // Send whole UTF-8 characters only.
            let valid = match std::str::from_utf8(buffer) {
                Ok(text) => text.len(),
                Err(error) => error.valid_up_to(),
            };
            if valid > 0 {
                let text = String::from_utf8_lossy(&buffer[..valid]).into_owned();
                buffer.drain(..valid);
                send(RunEvent::Output { text, is_stderr });
            }
            if take < bytes.len() {
                *is_truncated = true;
            }
        };
    let (mut is_timed_out, mut is_stopped) = (false, false);
    let status = loop {
        while let Ok((is_stderr, bytes)) = chunk_inbox.try_recv() {
            forward(is_stderr, &bytes, &mut written, &mut is_truncated);
        }
        if is_truncated {
            kill_tree(child.as_mut());
            break child.wait().ok();
        }
        if stop.load(Ordering::SeqCst) {
            is_stopped = true;
            kill_tree(child.as_mut());
            break child.wait().ok();
        }
        if started.elapsed() > request.limits.time {
            is_timed_out = true;
            kill_tree(child.as_mut());
            break child.wait().ok();
        }
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {}
            Err(_) => break None,
        }
        if let Ok((is_stderr, bytes)) = chunk_inbox.recv_timeout(Duration::from_millis(10)) {
            forward(is_stderr, &bytes, &mut written, &mut is_truncated);
        }
    };
    let elapsed = started.elapsed();
    // Whatever the program started and left behind goes with it.
    kill_tree(child.as_mut());
    for reader in readers {
        let _ = reader.join();
    }
    while let Ok((is_stderr, bytes)) = chunk_inbox.try_recv() {
        forward(is_stderr, &bytes, &mut written, &mut is_truncated);
    }
    let checks = read_check_results(&folder.path().join("results.jsonl"));
    drop(folder);
    send(RunEvent::Finished(Outcome {
        exit_code: status
            .and_then(|s| s.code())
            .filter(|_| !is_timed_out && !is_stopped),
        elapsed,
        is_timed_out,
        is_stopped,
        is_truncated,
        start_error: None,
        checks,
    }));
}

/// The temp folder with the program (and the checker and checks).
fn prepare(request: &RunRequest) -> Result<tempfile::TempDir, String> {
    let folder = tempfile::Builder::new()
        .prefix("pyroadmap-run-")
        .tempdir()
        .map_err(|e| format!("cannot make a temporary folder: {e}"))?;
    let write = |name: &str, text: &str| {
        std::fs::write(folder.path().join(name), text)
            .map_err(|e| format!("cannot write {name} in {}: {e}", folder.path().display()))
    };
    write("solution.py", &request.code)?;
    if let Some(checks) = &request.checks {
        write("checks.py", checks)?;
        write("harness.py", HARNESS)?;
        if let Some(stdin) = &request.stdin {
            write("stdin.txt", stdin)?;
        }
    }
    Ok(folder)
}

fn kill_tree(child: &mut dyn ChildWrapper) {
    // Killing the group (Unix) or the job (Windows) takes every descendant.
    let _ = child.start_kill();
}

fn read_check_results(path: &PathBuf) -> Vec<CheckResult> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect()
}

#[cfg(test)]
mod tests;
