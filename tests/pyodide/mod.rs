//! Runs programs on Python 3.14 and 3.15 with Pyodide (CPython compiled to
//! WebAssembly, from npm) under node, before a release of them is
//! installed here: tools/pyodide_run.mjs loads Pyodide once per node
//! process and runs many run folders, each as the app's runner writes it.

#![allow(dead_code, reason = "each test file uses part of this module")]

use std::ffi::OsString;
use std::io::{BufRead as _, BufReader, Read as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Each variable names the folder that `npm install --prefix DIR
/// pyodide@RELEASE` installed into, with the release and the Python it runs.
pub const PYODIDES: [(&str, &str, (u32, u32)); 2] = [
    ("PYROADMAP_PYODIDE_314", "314.0.8", (3, 14)),
    ("PYROADMAP_PYODIDE_315", "315.0.0-alpha.2", (3, 15)),
];

/// One installed Pyodide.
pub struct Pyodide {
    pub variable: &'static str,
    pub release: &'static str,
    pub version: (u32, u32),
    pub dir: OsString,
}

/// Node's version, or None (with a loud SKIPPED line naming `what`) when
/// there is no node.
pub fn node(what: &str) -> Option<String> {
    let node = Command::new("node").arg("--version").output();
    let found = node
        .ok()
        .filter(|out| out.status.success())
        .map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned());
    if found.is_none() {
        eprintln!(
            "\n!!!!! SKIPPED {what}: no node on PATH, so they were NOT run with Pyodide. !!!!!\n"
        );
    }
    found
}

/// The Pyodides whose variables are set; each one that is not is named in
/// a loud SKIPPED line.
pub fn installed(what: &str) -> Vec<Pyodide> {
    let mut found = Vec::new();
    for (variable, release, version) in PYODIDES {
        match std::env::var_os(variable).filter(|v| !v.is_empty()) {
            Some(dir) => found.push(Pyodide {
                variable,
                release,
                version,
                dir,
            }),
            None => eprintln!(
                "\n!!!!! SKIPPED {what} on Python 3.{}: set {variable} to a folder with `npm install --prefix DIR pyodide@{release}` in it (.ci/run does) to run them. !!!!!\n",
                version.1
            ),
        }
    }
    found
}

/// The flag this Node needs for WebAssembly stack switching, which
/// Pyodide's `asyncio.run()` uses (Node 20 and 22 have it behind a flag
/// with different names), or None when Node runs without one.
pub fn stack_switching_flag() -> Option<&'static str> {
    let has_it = |flag: Option<&str>| {
        let mut node = Command::new("node");
        node.args(flag).args([
            "-e",
            "process.exit('Suspending' in WebAssembly || 'Suspender' in WebAssembly ? 0 : 1)",
        ]);
        node.output().is_ok_and(|out| out.status.success())
    };
    [
        "--experimental-wasm-jspi",
        "--experimental-wasm-stack-switching",
    ]
    .into_iter()
    .find(|flag| !has_it(None) && has_it(Some(flag)))
}

/// The script that runs Python files and run folders in Pyodide.
pub fn runner() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tools/pyodide_run.mjs")
}

/// One program to run: a folder as the app's runner fills it, the script
/// to start there (`harness.py` or `run.py`) and its standard input.
pub struct Job {
    pub folder: PathBuf,
    pub script: &'static str,
    pub stdin: Option<String>,
}

/// How a job ended. The files it wrote (results.jsonl, explanation.json)
/// are in its folder.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Ended {
    pub status: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub timed_out: bool,
}

/// Runs `jobs` in `pyodide`, `width` node processes at once (each loads
/// Pyodide once); a job that runs longer than `per_job` is ended. Returns
/// how each ended, in the order given.
pub fn run_jobs(pyodide: &Pyodide, jobs: &[Job], per_job: Duration, width: usize) -> Vec<Ended> {
    let flag = stack_switching_flag();
    let ended: Mutex<Vec<Option<Ended>>> = Mutex::new(jobs.iter().map(|_| None).collect());
    let lists = tempfile::tempdir().unwrap();
    std::thread::scope(|scope| {
        for lane in 0..width.max(1) {
            let mine: Vec<usize> = (lane..jobs.len()).step_by(width.max(1)).collect();
            if mine.is_empty() {
                continue;
            }
            let list = lists.path().join(format!("jobs{lane}.jsonl"));
            let text: String = mine
                .iter()
                .map(|&i| {
                    let job = &jobs[i];
                    serde_json::json!({
                        "folder": job.folder,
                        "script": job.script,
                        "stdin": job.stdin,
                    })
                    .to_string()
                        + "\n"
                })
                .collect();
            std::fs::write(&list, text).unwrap();
            let ended = &ended;
            scope.spawn(move || {
                let mut command = Command::new("node");
                command
                    .args(flag)
                    .arg(runner())
                    .arg(&pyodide.dir)
                    .arg("--jobs")
                    .arg(&list)
                    .arg("--timeout-ms")
                    .arg(per_job.as_millis().to_string())
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped());
                let mut child = command.spawn().expect("node starts");
                let stdout = child.stdout.take().expect("stdout is piped");
                let mut stderr = child.stderr.take().expect("stderr is piped");
                let errors = std::thread::spawn(move || {
                    let mut s = String::new();
                    let _ = stderr.read_to_string(&mut s);
                    s
                });
                let by_folder = |folder: &str| {
                    mine.iter()
                        .copied()
                        .find(|&i| jobs[i].folder == Path::new(folder))
                };
                let started = Instant::now();
                for line in BufReader::new(stdout).lines() {
                    let line = line.expect("node's output is text");
                    let value: serde_json::Value =
                        serde_json::from_str(&line).expect("one JSON line per job");
                    let folder = value["folder"].as_str().unwrap_or_default().to_owned();
                    let index = by_folder(&folder).expect("a job of this lane");
                    ended.lock().unwrap()[index] = Some(serde_json::from_value(value).unwrap());
                }
                let status = child.wait().expect("node ends");
                let errors = errors.join().unwrap_or_default();
                assert!(
                    status.success(),
                    "pyodide_run.mjs --jobs failed after {:?}: {errors}",
                    started.elapsed()
                );
            });
        }
    });
    ended
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|e| e.expect("node reported every job"))
        .collect()
}

/// A run folder in `parent`, named as src/practice/runner.rs names one
/// (`pyroadmap-run-` and `id`) and filled as it fills one: the learner's
/// code, the explainer, and the checker with the checks (and the input) or
/// the program runner. Returns the job that runs it.
pub fn run_folder(
    parent: &Path,
    id: &str,
    code: &str,
    checks: Option<&str>,
    stdin: Option<&str>,
) -> Job {
    use pyroadmap::practice::explain::{EXPLAINER, RUN_WRAPPER};
    use pyroadmap::practice::runner::{HARNESS, SOLUTION_FILE};
    let folder = parent.join(format!("pyroadmap-run-{id}"));
    std::fs::create_dir_all(&folder).unwrap();
    let write = |name: &str, text: &str| std::fs::write(folder.join(name), text).unwrap();
    write(SOLUTION_FILE, code);
    write("explain.py", EXPLAINER);
    if let Some(checks) = checks {
        write("checks.py", checks);
        write("harness.py", HARNESS);
        if let Some(stdin) = stdin {
            write("stdin.txt", stdin);
        }
        Job {
            folder,
            script: "harness.py",
            stdin: None,
        }
    } else {
        write("run.py", RUN_WRAPPER);
        Job {
            folder,
            script: "run.py",
            stdin: stdin.map(str::to_owned),
        }
    }
}
