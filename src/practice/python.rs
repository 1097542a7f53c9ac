//! Finding the learner's Python: the one they chose, or the usual names,
//! each verified by running it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

/// Runs one candidate with a short time limit and reads its version.
pub fn probe(candidate: &[String]) -> Result<Interpreter, String> {
    let (program, args) = candidate.split_first().ok_or("empty command")?;
    let mut child = Command::new(program)
        .args(args)
        .args(["-c", PROBE])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start it ({e})"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > PROBE_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("it did not answer within 5 s".into());
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(error) => return Err(error.to_string()),
        }
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
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
}
