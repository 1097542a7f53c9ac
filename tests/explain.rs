//! Errors explained in plain words: every broken snippet of
//! tests/explain/corpus.txt runs through the real runner (run.py and
//! explain.py) on every Python 3.11+ found here, and its explanation must
//! say what the corpus says; then the app shows one above the traceback.

mod pyodide;
mod support;

use std::path::PathBuf;
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use pyroadmap::PyroadmapApp;
use pyroadmap::practice::PythonState;
use pyroadmap::practice::{Interpreter, Limits, Outcome, Run, RunEvent, RunRequest, find_python};
use support::{app, click, has_label_containing, open_topic, run_until};

const CORPUS: &str = include_str!("explain/corpus.txt");
/// The Python minor versions the course supports (3.11-3.15).
const MINORS: [u32; 5] = [11, 12, 13, 14, 15];
/// How many snippets run at once.
const PARALLEL: usize = 4;

/// One broken snippet and what its explanation must (not) say.
struct Case {
    name: String,
    rules: Vec<Rule>,
    stdin: Option<String>,
    /// Run under Check (the checker shows only the message, no traceback).
    is_check: bool,
    code: String,
}

enum Rule {
    /// The explanation contains the phrase, on the versions given.
    Has(Versions, String),
    /// The explanation does not contain the phrase.
    Lacks(Versions, String),
    /// The explanation names this line.
    Line(u32),
    /// There is no explanation.
    Nothing,
}

/// Which Python minor versions a rule applies to: all, one, or from one on.
#[derive(Clone, Copy)]
enum Versions {
    All,
    Only(u32),
    From(u32),
}

impl Versions {
    fn parse(text: &str) -> Self {
        let text = text.trim();
        let minor = |t: &str| {
            t.trim_start_matches("3.")
                .parse()
                .unwrap_or_else(|_| panic!("bad version {text:?} in the corpus"))
        };
        match text.strip_suffix('+') {
            _ if text.is_empty() => Self::All,
            Some(from) => Self::From(minor(from)),
            None => Self::Only(minor(text)),
        }
    }

    fn contains(self, minor: u32) -> bool {
        match self {
            Self::All => true,
            Self::Only(only) => minor == only,
            Self::From(from) => minor >= from,
        }
    }
}

fn corpus() -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for line in CORPUS.lines() {
        if let Some(name) = line.strip_prefix("### ") {
            cases.push(Case {
                name: name.to_owned(),
                rules: Vec::new(),
                stdin: None,
                is_check: false,
                code: String::new(),
            });
            continue;
        }
        let Some(case) = cases.last_mut() else {
            continue;
        };
        if case.code.is_empty() {
            if line == "none" {
                case.rules.push(Rule::Nothing);
                continue;
            }
            if line == "check" {
                case.is_check = true;
                continue;
            }
            if let Some(number) = line.strip_prefix("line: ") {
                case.rules
                    .push(Rule::Line(number.parse().expect("a line number")));
                continue;
            }
            if let Some(text) = line.strip_prefix("stdin: ") {
                case.stdin = Some(format!("{text}\n"));
                continue;
            }
            if let Some((head, phrase)) = line.split_once(": ")
                && let Some((word, versions)) = head
                    .strip_prefix("expect")
                    .map(|v| ("expect", v))
                    .or_else(|| head.strip_prefix("absent").map(|v| ("absent", v)))
            {
                let versions = Versions::parse(versions);
                case.rules.push(if word == "expect" {
                    Rule::Has(versions, phrase.to_owned())
                } else {
                    Rule::Lacks(versions, phrase.to_owned())
                });
                continue;
            }
        }
        case.code.push_str(line);
        case.code.push('\n');
    }
    for case in &mut cases {
        case.code = format!("{}\n", case.code.trim_end());
    }
    cases
}

/// python3, and pyenv's versions, one per supported minor version; a
/// version not installed is named on stderr, never skipped silently.
fn pythons() -> Vec<Interpreter> {
    let mut commands: Vec<PathBuf> = vec!["python3".into()];
    if let Ok(root) = std::process::Command::new("pyenv").arg("root").output()
        && root.status.success()
    {
        let root = PathBuf::from(String::from_utf8_lossy(&root.stdout).trim());
        let mut versions: Vec<PathBuf> = std::fs::read_dir(root.join("versions"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path().join("bin").join("python3"))
            .filter(|path| path.exists())
            .collect();
        versions.sort();
        commands.extend(versions);
    }
    let mut found: Vec<Interpreter> = Vec::new();
    for command in commands {
        let Ok(python) = find_python(&[vec![command.to_string_lossy().into_owned()]]) else {
            continue;
        };
        let minor = python.version.1;
        if python.version.0 == 3
            && MINORS.contains(&minor)
            && !found.iter().any(|f| f.version.1 == minor)
        {
            found.push(python);
        }
    }
    for minor in MINORS {
        if !found.iter().any(|f| f.version.1 == minor) {
            eprintln!(
                "Python 3.{minor} is not installed here: its corpus run is skipped (the Pyodide test runs 3.14 and 3.15)"
            );
        }
    }
    found
}

fn run(python: &Interpreter, case: &Case) -> Run {
    Run::start(
        RunRequest {
            python: python.clone(),
            code: case.code.clone(),
            stdin: case.stdin.clone(),
            // One check that passes once the code runs: the code's own
            // error fails "your code runs".
            checks: case
                .is_check
                .then(|| "expect_true('True', 'never')\n".to_owned()),
            limits: Limits {
                time: Duration::from_secs(30),
                ..Limits::default()
            },
        },
        || {},
    )
}

fn finish(run: &Run) -> (Outcome, String) {
    let mut stderr = String::new();
    loop {
        match run
            .wait_event(Duration::from_secs(60))
            .expect("the run ends")
        {
            RunEvent::Output {
                text,
                is_stderr: true,
            } => stderr.push_str(&text),
            RunEvent::Output { .. } => {}
            RunEvent::Finished(outcome) => return (outcome, stderr),
        }
    }
}

/// What is wrong with a case's explanation on Python 3.`minor`.
fn problems(case: &Case, minor: u32, outcome: &Outcome, stderr: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let explanation = if case.is_check {
        outcome.checks.first().and_then(|c| c.explanation.as_ref())
    } else {
        outcome.explanation.as_ref()
    };
    let text = explanation
        .map(|e| format!("{} {}", e.what, e.fix))
        .unwrap_or_default();
    for rule in &case.rules {
        match rule {
            Rule::Has(versions, phrase) if versions.contains(minor) && !text.contains(phrase) => {
                problems.push(format!("lacks {phrase:?}"));
            }
            Rule::Lacks(versions, phrase) if versions.contains(minor) && text.contains(phrase) => {
                problems.push(format!("has {phrase:?}"));
            }
            Rule::Line(line) if explanation.and_then(|e| e.line) != Some(*line) => {
                problems.push(format!("does not name line {line}"));
            }
            Rule::Nothing if explanation.is_some() => problems.push("should have none".into()),
            _ => {}
        }
    }
    // The program still fails as Python would make it fail.
    if case.is_check {
        if outcome.checks.first().is_none_or(|c| c.passed) {
            problems.push(format!("the check did not fail: {:?}", outcome.checks));
        }
    } else if outcome.exit_code != Some(1) {
        problems.push(format!("exit status {:?}", outcome.exit_code));
    } else if !stderr.contains("solution.py\", line ") {
        problems.push("no traceback naming the learner's file on stderr".into());
    }
    if !problems.is_empty() {
        problems.push(format!(
            "got {explanation:?}; Python said {:?}",
            stderr.lines().last().unwrap_or_default()
        ));
    }
    problems
}

#[test]
fn every_broken_snippet_is_explained_as_the_corpus_says_on_every_python() {
    let cases = corpus();
    assert!(cases.len() >= 60, "the corpus has {} snippets", cases.len());
    let with_rules = cases.iter().filter(|c| !c.rules.is_empty()).count();
    assert_eq!(with_rules, cases.len(), "every snippet says what to expect");
    let pythons = pythons();
    if pythons.is_empty() {
        return eprintln!("no Python 3.11+ found: skipped");
    }
    let mut failures = Vec::new();
    for python in &pythons {
        let minor = python.version.1;
        let mut failed = 0;
        for batch in cases.chunks(PARALLEL) {
            let runs: Vec<Run> = batch.iter().map(|case| run(python, case)).collect();
            for (case, run) in batch.iter().zip(&runs) {
                let (outcome, stderr) = finish(run);
                let problems = problems(case, minor, &outcome, &stderr);
                if !problems.is_empty() {
                    failed += 1;
                    failures.push(format!("3.{minor} {}: {}", case.name, problems.join("; ")));
                }
            }
        }
        eprintln!(
            "Python {}.{}.{}: {} of {} snippets explained as expected",
            python.version.0,
            python.version.1,
            python.version.2,
            cases.len() - failed,
            cases.len()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Corpus cases Pyodide cannot run as a local Python does, each with the
/// reason. They are still run: one that starts to be explained as the
/// corpus says must leave this list.
const PYODIDE_CANNOT_RUN: &[(&str, &str)] = &[];

/// A snippet run in Pyodide on a busy machine may take this long.
const PYODIDE_TIMEOUT: Duration = Duration::from_secs(60);

/// The outcome the app would show for a job run in Pyodide, read from its
/// folder as the runner reads a run's.
fn pyodide_outcome(case: &Case, job: &pyodide::Job, ended: &pyodide::Ended) -> Outcome {
    let checks = std::fs::read_to_string(job.folder.join("results.jsonl"))
        .unwrap_or_default()
        .lines()
        .filter_map(|line| serde_json::from_str(line).ok())
        .collect();
    let is_failed_exit = !ended.timed_out && ended.status.is_some_and(|s| s != 0);
    Outcome {
        exit_code: ended.status,
        elapsed: Duration::ZERO,
        is_timed_out: ended.timed_out,
        is_stopped: false,
        is_truncated: false,
        start_error: None,
        checks,
        limit: None,
        explanation: (is_failed_exit && !case.is_check)
            .then(|| pyroadmap::practice::Explanation::read(&job.folder))
            .flatten(),
        trace: None,
    }
}

#[test]
fn every_broken_snippet_is_explained_as_the_corpus_says_on_3_14_and_3_15_in_pyodide() {
    let cases = corpus();
    for (name, reason) in PYODIDE_CANNOT_RUN {
        assert!(
            cases.iter().any(|c| c.name == *name),
            "PYODIDE_CANNOT_RUN names {name:?} ({reason}), which is not in the corpus"
        );
    }
    let what = format!("{} corpus snippets", cases.len());
    let Some(node) = pyodide::node(&what) else {
        return;
    };
    let folders = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for pyodide in pyodide::installed(&what) {
        let minor = pyodide.version.1;
        let jobs: Vec<pyodide::Job> = cases
            .iter()
            .enumerate()
            .map(|(index, case)| {
                pyodide::run_folder(
                    &folders.path().join(pyodide.release),
                    &index.to_string(),
                    &case.code,
                    case.is_check.then_some("expect_true('True', 'never')\n"),
                    case.stdin.as_deref(),
                )
            })
            .collect();
        let ended = pyodide::run_jobs(&pyodide, &jobs, PYODIDE_TIMEOUT, 2);
        let mut not_run = Vec::new();
        let mut failed = 0;
        for ((case, job), ended) in cases.iter().zip(&jobs).zip(&ended) {
            let outcome = pyodide_outcome(case, job, ended);
            let problems = problems(case, minor, &outcome, &ended.stderr);
            let listed = PYODIDE_CANNOT_RUN
                .iter()
                .find(|(name, _)| *name == case.name);
            match (listed, problems.is_empty()) {
                (None, true) => {}
                (None, false) => {
                    failed += 1;
                    failures.push(format!(
                        "Pyodide {} (3.{minor}) {}: {}",
                        pyodide.release,
                        case.name,
                        problems.join("; ")
                    ));
                }
                (Some((name, reason)), false) => not_run.push(format!("{name}: {reason}")),
                (Some((name, _)), true) => failures.push(format!(
                    "{name} is explained as the corpus says on Pyodide {}: take it off PYODIDE_CANNOT_RUN",
                    pyodide.release
                )),
            }
        }
        eprintln!(
            "Pyodide {} (Python 3.{minor}) on node {node}: {} of {} snippets explained as expected; {} listed as beyond Pyodide:\n  {}",
            pyodide.release,
            cases.len() - not_run.len() - failed,
            cases.len() - not_run.len(),
            not_run.len(),
            not_run.join("\n  ")
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_program_runs_as_python_would_run_it() {
    let Some(python) = pythons().into_iter().next() else {
        return eprintln!("no Python 3.11+ found: skipped");
    };
    let case = Case {
        name: "a program".into(),
        rules: Vec::new(),
        stdin: None,
        is_check: false,
        code: "import sys, os\n\
               print(__name__, sys.argv, os.path.basename(__file__))\n\
               def boom():\n    raise ValueError('mine')\n\
               boom()\n"
            .into(),
    };
    let run = run(&python, &case);
    let mut stdout = String::new();
    let mut stderr = String::new();
    let outcome = loop {
        match run
            .wait_event(Duration::from_secs(60))
            .expect("the run ends")
        {
            RunEvent::Output { text, is_stderr } => {
                if is_stderr { &mut stderr } else { &mut stdout }.push_str(&text);
            }
            RunEvent::Finished(outcome) => break outcome,
        }
    };
    assert_eq!(
        stdout.lines().next(),
        Some("__main__ ['solution.py'] solution.py")
    );
    assert_eq!(outcome.exit_code, Some(1));
    assert!(
        stderr.starts_with("Traceback (most recent call last):\n  File \"")
            && stderr.contains("solution.py\", line 5, in <module>")
            && stderr.contains("solution.py\", line 4, in boom")
            && stderr.ends_with("ValueError: mine\n"),
        "the traceback starts at the learner's file, as Python prints it:\n{stderr}"
    );
    assert!(
        !stderr.contains("run.py"),
        "no frame of ours shows:\n{stderr}"
    );
    assert_eq!(
        outcome.explanation, None,
        "no rule explains a raise of one's own"
    );
}

#[test]
fn a_check_failure_carries_the_explanation_of_the_learners_error() {
    let Some(python) = pythons().into_iter().next() else {
        return eprintln!("no Python 3.11+ found: skipped");
    };
    let run = Run::start(
        RunRequest {
            python,
            code: "def average(marks):\n    return sum(marks) / len(marks)\n".into(),
            stdin: None,
            checks: Some(
                "expect_equal('average([])', 0)\nexpect_equal('average([2, 4])', 3)\n".into(),
            ),
            limits: Limits::default(),
        },
        || {},
    );
    let (outcome, _) = finish(&run);
    let failed = &outcome.checks[0];
    assert!(!failed.passed);
    let explanation = failed
        .explanation
        .as_ref()
        .expect("the failed check is explained");
    assert!(
        explanation
            .what
            .contains("divides by `len(marks)`, which is 0"),
        "{explanation:?}"
    );
    assert_eq!(explanation.line, Some(2));
    assert_eq!(
        outcome.checks[1].explanation, None,
        "a passing check has none"
    );
}

#[test]
fn a_check_says_did_you_mean_as_its_message_has_no_traceback_to_say_it() {
    let Some(python) = pythons().into_iter().next() else {
        return eprintln!("no Python 3.11+ found: skipped");
    };
    let run = Run::start(
        RunRequest {
            python,
            code: "def total_price(prices):\n    total = 0\n    for price in prices:\n        total = totl + price\n    return total\n".into(),
            stdin: None,
            checks: Some("expect_equal('total_price([1, 2])', 3)\n".into()),
            limits: Limits::default(),
        },
        || {},
    );
    let (outcome, _) = finish(&run);
    let explanation = outcome.checks[0].explanation.as_ref().expect("explained");
    assert_eq!(
        explanation.fix,
        "Did you mean `total`? Names must match exactly, capital letters included."
    );
    assert_eq!(explanation.line, Some(4));
}

fn python_ready(harness: &mut Harness<'_, PyroadmapApp>) -> bool {
    run_until(harness, 15.0, |h| {
        !matches!(
            h.state().practice().python,
            Some(PythonState::Finding) | None
        )
    });
    matches!(
        harness.state().practice().python,
        Some(PythonState::Found(_))
    )
}

#[test]
fn the_playground_shows_the_explanation_above_the_traceback() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return eprintln!("no python3 on this machine: skipped");
    }
    click(&mut harness, "Playground");
    harness.get_by_label("Code editor: Playground").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Code editor: Playground")
        .type_text("scores = []\nprint(sum(scores) / len(scores))\n");
    harness.run();
    click(&mut harness, "Run");
    assert!(
        run_until(&mut harness, 15.0, |h| has_label_containing(
            h,
            "Exit status"
        )),
        "the run never ended"
    );
    let what = harness
        .get_by_label_contains("What happened: Line 2 divides by len(scores), which is 0 here")
        .rect();
    let fix = harness
        .get_by_label_contains("How to fix it: Check before dividing")
        .rect();
    let traceback = harness.get_by_label_contains("ZeroDivisionError").rect();
    assert!(
        has_label_containing(&harness, "Where: line 2 of your code"),
        "the explanation names the learner's line"
    );
    assert!(
        what.bottom() <= fix.top() && fix.bottom() <= traceback.top(),
        "what happened, then how to fix it, then the traceback: {what:?} {fix:?} {traceback:?}"
    );
}

#[test]
fn a_failed_check_shows_the_explanation_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return eprintln!("no python3 on this machine: skipped");
    }
    open_topic(&mut harness, "Data structures", "lists");
    let editor = "Code editor: Rotate a playlist";
    harness.get_by_label(editor).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(editor).type_text(
        "def rotate(songs, steps):\n    k = steps % len(song)\n    return songs[k:] + songs[:k]\n",
    );
    harness.run();
    click(&mut harness, "Check");
    assert!(
        run_until(&mut harness, 15.0, |h| has_label_containing(
            h,
            "checks fail"
        )),
        "Check never reported"
    );
    let failed = harness.query_all_by_label_contains("NameError").count();
    assert!(failed > 1, "every check fails on the same error ({failed})");
    let check = harness
        .query_all_by_label_contains("NameError")
        .next()
        .expect("a failed check")
        .rect();
    let what = harness
        .get_by_label_contains("What happened: Python does not know the name song:")
        .rect();
    assert!(
        check.bottom() <= what.top(),
        "the explanation follows the first failed check: {check:?} {what:?}"
    );
    assert!(
        has_label_containing(&harness, "How to fix it: Did you mean songs?"),
        "a check's message has no traceback, so the explanation says it"
    );
    assert_eq!(
        harness.query_all_by_label_contains("What happened").count(),
        1,
        "an error that fails several checks is explained once"
    );
}
