//! Checking a project's stages: the learner's project folder is copied
//! (bounded) into the run's private temp folder with `stagecheck.py` and
//! the stages' check folders from the pack, and `stagecheck.py` runs there
//! with the runner's limits, process-tree kill and Stop. Its verdict comes
//! back as a JSON file, read bounded; a missing or malformed verdict is a
//! failure, never a pass.

use std::ffi::OsString;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::runner::{Job, Outcome, Run, RunEvent, RunRequest};
use super::{Interpreter, Limits};

/// The checker that runs a project's stages.
pub const STAGECHECK: &str = include_str!("stagecheck.py");
/// The least time each stage of a project check gets: a stage runs several
/// programs (a check of stages 1..N gets N times this, or the learner's
/// limit N times when that is longer).
pub const MIN_PROJECT_TIME: Duration = Duration::from_secs(30);
/// The most files of the learner's project folder a check copies.
pub const MAX_PROJECT_FILES: usize = 1000;
/// The most bytes of the learner's project folder a check copies.
pub const MAX_PROJECT_BYTES: u64 = 50 * 1024 * 1024;
/// Folders a check never copies: tools' and caches' own.
pub const SKIPPED_FOLDERS: [&str; 5] = [".git", "__pycache__", ".venv", "venv", "node_modules"];
/// The most bytes of text files a check keeps for the learner's record.
pub const MAX_SNAPSHOT_BYTES: usize = 256 * 1024;
/// The largest verdict file read.
const MAX_VERDICT_BYTES: u64 = 4 * 1024 * 1024;
const VERDICT_FILE: &str = "verdict.json";

/// How long a check of `stages` stages may take: each gets the learner's
/// time limit, and at least `MIN_PROJECT_TIME`.
fn check_time(learner: Duration, stages: usize) -> Duration {
    learner
        .max(MIN_PROJECT_TIME)
        .saturating_mul(u32::try_from(stages.max(1)).unwrap_or(u32::MAX))
}

/// What to check.
#[derive(Clone, Debug)]
pub struct ProjectCheckRequest {
    pub python: Interpreter,
    /// The learner's limits; the time is raised to at least `MIN_PROJECT_TIME`
    /// a stage.
    pub limits: Limits,
    /// The learner's project folder (`<work>/projects/<id>`), never written.
    pub project_dir: PathBuf,
    /// Stages 1..N's folders from the pack: (path in the folder, bytes).
    pub stages: Vec<Vec<(String, Vec<u8>)>>,
}

/// One check's status, as `stagecheck.py` writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckStatus {
    Passed,
    Failed,
    #[serde(rename = "not run")]
    NotRun,
    /// The stage's checks.py could not be read: a content bug.
    Error,
}

/// One check of a stage.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct StageCheck {
    pub name: String,
    pub status: CheckStatus,
    #[serde(default)]
    pub message: String,
}

/// One stage's checks, in order.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct StageVerdict {
    pub stage: usize,
    pub checks: Vec<StageCheck>,
}

impl StageVerdict {
    /// Whether every check ran and passed.
    pub fn is_passed(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|c| c.status == CheckStatus::Passed)
    }
}

/// What a check run found, stage by stage.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub struct Verdict {
    pub stages: Vec<StageVerdict>,
}

type Slot = Arc<Mutex<Option<Result<Verdict, String>>>>;
/// The project's text files as checked: path to text.
pub type Snapshot = std::collections::BTreeMap<String, String>;

/// A project check in progress: poll its events like a [`Run`]'s; when it
/// has finished, [`ProjectCheck::verdict`] says what it found.
pub struct ProjectCheck {
    run: Run,
    verdict: Slot,
    snapshot: Arc<Mutex<Snapshot>>,
    stage_count: usize,
}

struct StageJob {
    project_dir: PathBuf,
    stages: Vec<Vec<(String, Vec<u8>)>>,
    verdict: Slot,
    snapshot: Arc<Mutex<Snapshot>>,
}

impl ProjectCheck {
    /// Starts checking, off the calling thread; `on_event` is called after
    /// each event (a repaint request).
    pub fn start(
        request: ProjectCheckRequest,
        on_event: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let verdict: Slot = Arc::default();
        let stage_count = request.stages.len();
        let snapshot = Arc::<Mutex<Snapshot>>::default();
        let mut limits = request.limits;
        limits.time = check_time(limits.time, stage_count);
        let job = StageJob {
            project_dir: request.project_dir,
            stages: request.stages,
            verdict: Arc::clone(&verdict),
            snapshot: Arc::clone(&snapshot),
        };
        let run_request = RunRequest {
            python: request.python,
            code: String::new(),
            stdin: None,
            checks: None,
            limits,
        };
        Self {
            run: Run::job(run_request, Arc::new(job), on_event),
            verdict,
            snapshot,
            stage_count,
        }
    }

    /// Events since the last poll.
    pub fn poll(&self) -> Vec<RunEvent> {
        self.run.poll()
    }

    /// Waits for the next event (tests).
    pub fn wait_event(&self, timeout: Duration) -> Option<RunEvent> {
        self.run.wait_event(timeout)
    }

    /// The project's text files as the check copied them (at most
    /// `MAX_SNAPSHOT_BYTES`), for the learner's record; empty until copied.
    pub fn snapshot(&self) -> Snapshot {
        self.snapshot
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Kills the check's whole process tree.
    pub fn stop(&self) {
        self.run.stop();
    }

    /// What the finished check found, or why there is no verdict (stopped,
    /// out of time, the folder too big, the checker broke): never a pass
    /// without a whole verdict.
    pub fn verdict(&self, outcome: &Outcome) -> Result<Verdict, String> {
        if let Some(error) = &outcome.start_error {
            return Err(error.clone());
        }
        if outcome.is_stopped {
            return Err("Stopped.".into());
        }
        if outcome.is_timed_out {
            return Err(format!(
                "The checks did not finish within {} s. Is your program waiting for input, or looping?",
                outcome.elapsed.as_secs()
            ));
        }
        if let Some(limit) = outcome.limit {
            return Err(limit.describe());
        }
        if outcome.is_truncated {
            return Err("The checks printed more than the output limit allows.".into());
        }
        let found = self
            .verdict
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        let verdict = found.unwrap_or_else(|| Err("The checks wrote no verdict.".into()))?;
        if verdict.stages.len() != self.stage_count
            || verdict
                .stages
                .iter()
                .enumerate()
                .any(|(i, s)| s.stage != i + 1)
        {
            return Err(format!(
                "The checks' verdict is incomplete: {} stages asked for, {} reported.",
                self.stage_count,
                verdict.stages.len()
            ));
        }
        Ok(verdict)
    }
}

impl Job for StageJob {
    fn prepare(&self, folder: &Path) -> Result<Vec<OsString>, String> {
        let project = folder.join("project");
        copy_project(&self.project_dir, &project)?;
        *self.snapshot.lock().unwrap_or_else(PoisonError::into_inner) = snapshot(&project);
        let write = |path: &Path, bytes: &[u8]| {
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("cannot make {}: {e}", parent.display()))?;
            }
            std::fs::write(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
        };
        write(&folder.join("stagecheck.py"), STAGECHECK.as_bytes())?;
        let mut script: Vec<OsString> = vec![
            "stagecheck.py".into(),
            folder.join(VERDICT_FILE).into(),
            project.into(),
        ];
        for (index, files) in self.stages.iter().enumerate() {
            let stage = folder.join("checks").join(format!("stage-{}", index + 1));
            std::fs::create_dir_all(&stage)
                .map_err(|e| format!("cannot make {}: {e}", stage.display()))?;
            for (path, bytes) in files {
                // Checked by `pyroadmap check`; never written outside the folder.
                if crate::course::project_rules::name_problem(path).is_none() {
                    write(&stage.join(path), bytes)?;
                }
            }
            script.push(stage.into());
        }
        Ok(script)
    }

    fn collect(&self, folder: &Path) {
        let verdict = read_verdict(&folder.join(VERDICT_FILE));
        *self.verdict.lock().unwrap_or_else(PoisonError::into_inner) = Some(verdict);
    }
}

/// Reads and parses the verdict file, bounded.
fn read_verdict(path: &Path) -> Result<Verdict, String> {
    let file = std::fs::File::open(path).map_err(|_| "The checks wrote no verdict.".to_owned())?;
    let mut bytes = Vec::new();
    file.take(MAX_VERDICT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("The checks' verdict could not be read: {e}"))?;
    if bytes.len() as u64 > MAX_VERDICT_BYTES {
        return Err("The checks' verdict is too large to read.".into());
    }
    serde_json::from_slice(&bytes).map_err(|e| format!("The checks' verdict is malformed: {e}"))
}

/// The text files under `root` (a fresh copy), smallest paths first, up to
/// `MAX_SNAPSHOT_BYTES` in all; binary files are left out.
fn snapshot(root: &Path) -> Snapshot {
    let mut found = Vec::new();
    let mut folders = vec![root.to_owned()];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(entry.path()),
                Ok(kind) if kind.is_file() => found.push(entry.path()),
                _ => {}
            }
        }
    }
    found.sort();
    let mut snapshot = Snapshot::new();
    let mut total = 0;
    for path in found {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        if total + text.len() > MAX_SNAPSHOT_BYTES {
            continue;
        }
        total += text.len();
        let relative = path.strip_prefix(root).unwrap_or(&path);
        snapshot.insert(relative.to_string_lossy().replace('\\', "/"), text);
    }
    snapshot
}

/// Copies the learner's project folder into `to`: regular files and
/// folders only (links are not followed), without `SKIPPED_FOLDERS`, at
/// most `MAX_PROJECT_FILES` files and `MAX_PROJECT_BYTES` bytes.
pub fn copy_project(from: &Path, to: &Path) -> Result<(), String> {
    if !from.is_dir() {
        return Err(format!(
            "The project folder {} does not exist yet: press Open folder or Open in editor to create it with the starter files.",
            from.display()
        ));
    }
    let skipped = SKIPPED_FOLDERS.join(", ");
    let mut folders = vec![(from.to_owned(), to.to_owned())];
    let (mut files, mut bytes) = (0_usize, 0_u64);
    while let Some((source, target)) = folders.pop() {
        std::fs::create_dir_all(&target)
            .map_err(|e| format!("cannot make {}: {e}", target.display()))?;
        let entries = std::fs::read_dir(&source)
            .map_err(|e| format!("cannot read {}: {e}", source.display()))?;
        for entry in entries.flatten() {
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let name = entry.file_name();
            if kind.is_dir() {
                if !SKIPPED_FOLDERS.iter().any(|s| name == *s) {
                    folders.push((entry.path(), target.join(&name)));
                }
                continue;
            }
            if !kind.is_file() {
                continue;
            }
            files += 1;
            let size = entry.metadata().map_or(0, |m| m.len());
            bytes += size;
            if files > MAX_PROJECT_FILES || bytes > MAX_PROJECT_BYTES {
                return Err(format!(
                    "Your project folder {} holds more than {MAX_PROJECT_FILES} files or {} MB (not counting {skipped}): pyroadmap checks at most that. Move what the project does not need out of it.",
                    from.display(),
                    MAX_PROJECT_BYTES / 1024 / 1024
                ));
            }
            let copied = std::fs::File::open(entry.path()).and_then(|file| {
                let mut out = std::fs::File::create(target.join(&name))?;
                std::io::copy(&mut file.take(size), &mut out)
            });
            copied.map_err(|e| format!("cannot copy {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
