//! Finding the learner's Python: the one they chose, or the usual names,
//! each verified by running it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::tree::{Chunk, KILL_TIMEOUT, Tree, drain_until};

/// A Python 3 interpreter that answered when asked its version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Interpreter {
    /// The program and the arguments that select Python (`py -3`).
    pub command: Vec<String>,
    /// (major, minor, micro).
    pub version: (u32, u32, u32),
    /// `sys.executable`: where it really is.
    pub executable: PathBuf,
}

impl Interpreter {
    /// "Python 3.12.1 at /usr/bin/python3".
    pub fn describe(&self) -> String {
        let (major, minor, micro) = self.version;
        format!(
            "Python {major}.{minor}.{micro} at {}",
            self.executable.display()
        )
    }

    /// A `Command` that runs this interpreter.
    pub fn command(&self) -> Command {
        let mut command = Command::new(&self.command[0]);
        command.args(&self.command[1..]);
        command
    }
}

/// How long a candidate may take to say its version.
const PROBE_TIMEOUT: Duration = Duration::from_secs(5);
const PROBE: &str = "import sys; print(*sys.version_info[:3]); print(sys.executable)";

/// The candidates, in order: the environment variable `PYROADMAP_PYTHON`,
/// the learner's choice, then `py -3` (Windows), `python3`, `python`.
pub fn candidates(chosen: Option<&Path>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    if let Some(path) = std::env::var_os("PYROADMAP_PYTHON").filter(|v| !v.is_empty()) {
        out.push(vec![path.to_string_lossy().into_owned()]);
    }
    if let Some(path) = chosen {
        out.push(vec![path.to_string_lossy().into_owned()]);
    }
    if cfg!(windows) {
        out.push(vec!["py".into(), "-3".into()]);
    }
    out.push(vec!["python3".into()]);
    out.push(vec!["python".into()]);
    out
}

/// The first candidate that is a working Python 3, or why none is.
/// Slow (it starts processes): call it off the UI thread.
pub fn find_python(candidates: &[Vec<String>]) -> Result<Interpreter, String> {
    let mut reasons = Vec::new();
    for candidate in candidates {
        match probe(candidate) {
            Ok(interpreter) => return Ok(interpreter),
            Err(reason) => reasons.push(format!("{}: {reason}", candidate.join(" "))),
        }
    }
    Err(reasons.join("; "))
}

/// Runs one candidate with a short time limit and reads its version. It
/// runs like any run: in its own process tree, all of which is killed at
/// the end, so a program that hangs or starts others cannot hang start-up
/// or outlive it.
pub fn probe(candidate: &[String]) -> Result<Interpreter, String> {
    probe_within(candidate, PROBE_TIMEOUT)
}

fn probe_within(candidate: &[String], timeout: Duration) -> Result<Interpreter, String> {
    let (program, args) = candidate.split_first().ok_or("empty command")?;
    let mut command = Command::new(program);
    command
        .args(args)
        .args(["-c", PROBE])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut tree = Tree::spawn(command).map_err(|e| format!("cannot start it ({e})"))?;
    let inbox = tree.read_output();
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let mut take = |(is_stderr, bytes): Chunk| {
        let stream = if is_stderr { &mut stderr } else { &mut stdout };
        stream.extend_from_slice(&bytes);
    };
    let started = Instant::now();
    let exited = loop {
        match tree.child().try_wait() {
            Ok(Some(status)) => break Ok(Some(status)),
            Ok(None) if started.elapsed() > timeout => break Ok(None),
            Ok(None) => {}
            Err(error) => break Err(error.to_string()),
        }
        if let Ok(chunk) = inbox.recv_timeout(Duration::from_millis(10)) {
            take(chunk);
        }
    };
    tree.kill_all(exited.as_ref().ok().copied().flatten(), KILL_TIMEOUT);
    drain_until(
        &inbox,
        Instant::now() + Duration::from_millis(500),
        &mut take,
    );
    if exited?.is_none() {
        return Err(format!("it did not answer within {} s", timeout.as_secs()));
    }
    let stdout = String::from_utf8_lossy(&stdout);
    let stderr = String::from_utf8_lossy(&stderr);
    parse_probe(program, &stdout, &stderr).map(|(version, executable)| Interpreter {
        command: candidate.to_vec(),
        version,
        executable,
    })
}

/// Reads the probe's answer; rejects Python 2 and the Windows Store stub.
fn parse_probe(
    program: &str,
    stdout: &str,
    stderr: &str,
) -> Result<((u32, u32, u32), PathBuf), String> {
    let is_store_stub = program.contains("WindowsApps")
        || stdout.contains("Python was not found")
        || stderr.contains("Python was not found");
    if is_store_stub {
        return Err("this is the Windows Store placeholder, not Python".into());
    }
    let mut lines = stdout.lines();
    let numbers: Vec<u32> = lines
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .filter_map(|n| n.parse().ok())
        .collect();
    let executable = lines.next().map(str::trim).unwrap_or_default();
    match numbers[..] {
        [3, minor, micro] if !executable.is_empty() => {
            if executable.contains("WindowsApps") && !Path::new(executable).exists() {
                return Err("this is the Windows Store placeholder, not Python".into());
            }
            Ok(((3, minor, micro), PathBuf::from(executable)))
        }
        [major, ..] => Err(format!("it is Python {major}; pyroadmap needs Python 3")),
        [] => Err(format!(
            "it did not say its version ({})",
            stderr.lines().last().unwrap_or("no output").trim()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_versions_and_rejects_python_2_and_the_store_stub() {
        assert_eq!(
            parse_probe("python3", "3 12 1\n/usr/bin/python3\n", ""),
            Ok(((3, 12, 1), PathBuf::from("/usr/bin/python3")))
        );
        assert!(
            parse_probe("python", "2 7 18\n/usr/bin/python2\n", "")
                .unwrap_err()
                .contains("needs Python 3")
        );
        assert!(
            parse_probe(
                r"C:\Users\a\AppData\Local\Microsoft\WindowsApps\python.exe",
                "",
                "Python was not found; run without arguments to install from the Microsoft Store"
            )
            .unwrap_err()
            .contains("Windows Store")
        );
    }

    #[test]
    fn a_missing_program_is_skipped_for_the_next_one() {
        let found = find_python(&[vec!["/no/such/python".into()], vec!["python3".into()]]);
        match found {
            Ok(python) => assert_eq!(python.version.0, 3),
            // A machine without python3: the reason names both candidates.
            Err(reason) => assert!(reason.contains("/no/such/python"), "{reason}"),
        }
        let none = find_python(&[vec!["/no/such/python".into()]]).unwrap_err();
        assert!(
            none.starts_with("/no/such/python: cannot start it"),
            "{none}"
        );
    }

    /// A fake "python": a shell script that writes its run's marker beside
    /// itself, then does `body`.
    #[cfg(target_os = "linux")]
    fn fake_python(dir: &Path, body: &str) -> Vec<String> {
        let script = dir.join("python");
        let text = format!(
            "echo \"$PYROADMAP_RUN\" > \"{}/marker\"\n{body}\n",
            dir.display()
        );
        std::fs::write(&script, text).expect("write the fake python");
        // Run through sh: executing a file just written can fail with
        // "text file busy" while another test thread forks.
        vec!["sh".into(), script.to_string_lossy().into_owned()]
    }

    #[cfg(target_os = "linux")]
    fn assert_no_process_left(dir: &Path) {
        let marker = std::fs::read_to_string(dir.join("marker")).expect("the probe ran");
        let left = crate::practice::tree::linux::marked(marker.trim());
        assert!(left.is_empty(), "the probe left processes behind: {left:?}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_python_that_hangs_is_given_up_on_and_killed() {
        let dir = tempfile::tempdir().unwrap();
        let candidate = fake_python(dir.path(), "sleep 60");
        let started = Instant::now();
        let reason = probe_within(&candidate, Duration::from_secs(1)).unwrap_err();
        assert_eq!(reason, "it did not answer within 1 s");
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "{:?}",
            started.elapsed()
        );
        assert_no_process_left(dir.path());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_python_that_forks_a_setsid_child_does_not_hang_the_probe_or_leak() {
        let dir = tempfile::tempdir().unwrap();
        // The child keeps stdout open for a minute, in a session of its own.
        let candidate = fake_python(
            dir.path(),
            "setsid sleep 60 &\nsleep 0.3\necho '3 12 1'\necho /usr/bin/python3",
        );
        let started = Instant::now();
        let found = probe_within(&candidate, Duration::from_secs(5)).expect("it answered");
        assert_eq!(found.version, (3, 12, 1));
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "{:?}",
            started.elapsed()
        );
        assert_no_process_left(dir.path());
    }
}
