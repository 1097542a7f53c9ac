//! The shipped pack: it passes `check`, every lesson has what a lesson
//! needs, and every Python example runs and prints exactly its output.

use std::io::Read as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use pyroadmap::course::{self, Block, CodeBlock, visit_blocks};

mod pyodide;

/// The limit for a standard-library example, as content/README.md says.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Examples and exercises that import big packages (scikit-learn loads
/// scipy) get longer on a busy 2-core machine.
const PACKAGE_TIMEOUT: Duration = Duration::from_secs(60);

/// The tests that run many Python processes take turns, so they do not
/// starve each other (and hit their time limits) on a small machine.
static PYTHON_HEAVY: Mutex<()> = Mutex::new(());

fn take_turn() -> std::sync::MutexGuard<'static, ()> {
    PYTHON_HEAVY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[test]
fn the_app_reads_each_built_in_lesson_as_the_checked_pack_has_it() {
    // The app parses a built-in lesson when it is first shown, and lists
    // and counts the course from what the build read of each lesson.
    let opened = course::open(&course::PackSource::Embedded)
        .expect("the built-in pack opens")
        .course;
    let checked = course::load_embedded().course;
    assert_eq!(opened.parsed_documents(), 0, "nothing is parsed on opening");
    assert_eq!(opened.sections.len(), checked.sections.len());
    for (lazy, full) in opened.sections.iter().zip(&checked.sections) {
        assert_eq!(lazy.overview(), full.overview(), "{}/index.md", full.id);
        assert_eq!(lazy.topics.len(), full.topics.len());
        for (lazy, full) in lazy.topics.iter().zip(&full.topics) {
            let file = format!("{}/{}.md", checked.sections[full.section_index].id, full.id);
            assert_eq!(lazy.title, full.title, "{file}: the title");
            assert_eq!(lazy.quiz_ids, full.quiz_ids, "{file}: the quiz's ids");
            assert!(!full.quiz_ids.is_empty(), "{file}: every lesson has a quiz");
            assert_eq!(lazy.doc(), full.doc(), "{file}");
            let exercises = |t: &course::Topic| -> Vec<String> {
                t.exercises.iter().map(|e| e.id.clone()).collect()
            };
            assert_eq!(exercises(lazy), exercises(full), "{file}: the exercises");
            visit_blocks(&lazy.doc().blocks, &mut |block| {
                if let Block::Image { src, .. } = block {
                    assert_eq!(opened.image(src), checked.image(src), "{file}: {src}");
                    assert!(opened.image(src).is_some(), "{file}: {src}");
                }
            });
        }
    }
}

/// Every code block in the pack with the file it came from.
fn all_code() -> Vec<(String, CodeBlock)> {
    let loaded = course::load_embedded();
    let mut out = Vec::new();
    for section in &loaded.course.sections {
        let docs = std::iter::once((format!("{}/index.md", section.id), section.overview())).chain(
            section
                .topics
                .iter()
                .map(|t| (format!("{}/{}.md", section.id, t.id), t.doc())),
        );
        for (path, doc) in docs {
            visit_blocks(&doc.blocks, &mut |block| {
                if let Block::Code(code) = block {
                    out.push((path.clone(), code.clone()));
                }
                if let Block::Quiz(questions) = block {
                    for q in questions.iter().filter_map(|q| q.code.as_ref()) {
                        let text = format!("{q}\n");
                        out.push((
                            path.clone(),
                            CodeBlock {
                                lang: "python".into(),
                                flags: vec!["norun".into()],
                                text,
                                ..CodeBlock::default()
                            },
                        ));
                    }
                }
            });
        }
    }
    out
}

#[test]
fn shipped_pack_passes_check() {
    let loaded = course::check(&course::PackSource::Embedded).expect("the pack loads");
    let problems: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.is_empty(),
        "the pack has problems:\n{}",
        problems.join("\n")
    );
    assert!(loaded.course.topic_count() > 0);
}

#[test]
fn every_lesson_teaches_mistakes_and_ends_with_a_quiz() {
    let loaded = course::load_embedded();
    let mut missing = Vec::new();
    for topic in loaded.course.topics() {
        let blocks = &topic.doc().blocks;
        let has_mistakes = blocks.iter().any(|b| {
            matches!(b, Block::Heading { level: 2, spans } if course::markdown::plain_text(spans) == "Common mistakes")
        });
        let quiz_len = match blocks.last() {
            Some(Block::Quiz(questions)) => questions.len(),
            _ => 0,
        };
        let mut runnable_with_output = 0;
        visit_blocks(blocks, &mut |b| {
            if let Block::Code(code) = b
                && code.is_runnable_python()
                && code.output.is_some()
            {
                runnable_with_output += 1;
            }
        });
        if !has_mistakes {
            missing.push(format!("{}: no `## Common mistakes`", topic.id));
        }
        if !(3..=5).contains(&quiz_len) {
            missing.push(format!(
                "{}: the quiz must end the lesson with 3-5 questions (has {quiz_len})",
                topic.id
            ));
        }
        if runnable_with_output == 0 {
            missing.push(format!(
                "{}: no runnable python example with an output block",
                topic.id
            ));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

/// The local interpreter and its (major, minor) version, if there is one.
fn find_python() -> Option<(String, (u32, u32))> {
    ["python3", "python"].into_iter().find_map(find_python_at)
}

/// The interpreter `name` and its version, if it is a Python 3.
fn find_python_at(name: &str) -> Option<(String, (u32, u32))> {
    let out = Command::new(name)
        .args(["-I", "-c", "import sys; print(*sys.version_info[:2])"])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let mut parts = text.split_whitespace().filter_map(|p| p.parse().ok());
    match (parts.next(), parts.next()) {
        (Some(3), Some(minor)) => Some((name.to_owned(), (3, minor))),
        _ => None,
    }
}

/// Runs one file with a time limit; returns (exit ok, stdout, stderr).
fn run_python(
    python: &str,
    dir: &Path,
    args: &[&str],
    timeout: Duration,
) -> Result<(bool, String, String), String> {
    let mut command = Command::new(python);
    command.arg("-I").args(args);
    run_program(command, dir, timeout)
}

/// Runs `command` in `dir` with a time limit; returns (exit ok, stdout,
/// stderr).
fn run_program(
    mut command: Command,
    dir: &Path,
    timeout: Duration,
) -> Result<(bool, String, String), String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let mut child = command
        .current_dir(dir)
        .env("PYTHONIOENCODING", "utf-8")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let out_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stdout.read_to_string(&mut s);
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = stderr.read_to_string(&mut s);
        s
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("timed out after {} s", timeout.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Ok((
        status.success(),
        out_reader.join().unwrap_or_default(),
        err_reader.join().unwrap_or_default(),
    ))
}

/// Calls `work` on every item, four at a time.
fn in_parallel<T: Sync>(items: &[T], work: impl Fn(&T) + Sync) {
    in_parallel_by(4, items, work);
}

/// Calls `work` on every item, `width` at a time.
fn in_parallel_by<T: Sync>(width: usize, items: &[T], work: impl Fn(&T) + Sync) {
    let next = Mutex::new(0usize);
    std::thread::scope(|scope| {
        for _ in 0..width {
            scope.spawn(|| {
                loop {
                    let index = {
                        let mut n = next.lock().unwrap();
                        *n += 1;
                        *n - 1
                    };
                    let Some(item) = items.get(index) else {
                        break;
                    };
                    work(item);
                }
            });
        }
    });
}

/// Writes `code` to `example.py` in an empty folder, runs it there with
/// `run` and says how it failed: an error exit, or output other than its
/// output block's.
fn example_failure(
    code: &CodeBlock,
    run: impl FnOnce(&Path) -> Result<(bool, String, String), String>,
) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("example.py"), &code.text).unwrap();
    let expected = code.output.clone().unwrap_or_default();
    match run(dir.path()) {
        Err(e) => Some(e),
        Ok((false, _, stderr)) => Some(format!("exited with an error:\n{stderr}")),
        Ok((true, stdout, _)) if stdout.replace("\r\n", "\n") != expected => Some(format!(
            "printed:\n{stdout}--- but the output block says:\n{expected}"
        )),
        Ok(_) => None,
    }
}

/// Runs `blocks` with `python` (4 at a time); returns the failures and how
/// many blocks were skipped as too new for it.
fn run_examples(
    python: &str,
    version: (u32, u32),
    blocks: &[&(String, CodeBlock)],
    timeout: Duration,
) -> (Vec<String>, usize) {
    let failures = Mutex::new(Vec::new());
    let skipped = Mutex::new(0usize);
    in_parallel(blocks, |(path, code)| {
        if code.min_python().is_some_and(|min| min > version) {
            *skipped.lock().unwrap() += 1;
            return;
        }
        let failure = example_failure(code, |dir| {
            run_python(python, dir, &["example.py"], timeout)
        });
        if let Some(f) = failure {
            failures
                .lock()
                .unwrap()
                .push(format!("{path}:{}: {f}", code.line));
        }
    });
    (
        failures.into_inner().unwrap(),
        skipped.into_inner().unwrap(),
    )
}

#[test]
fn every_python_example_runs_and_prints_its_output() {
    let Some((python, version)) = find_python() else {
        eprintln!(
            "\n!!!!! SKIPPED: no python3 on PATH, so the lesson examples were NOT run. !!!!!\n"
        );
        return;
    };
    let blocks = all_code();
    let runnable: Vec<&(String, CodeBlock)> = blocks
        .iter()
        .filter(|(_, c)| c.is_runnable_python() && c.needs().is_empty())
        .collect();
    let _turn = take_turn();
    let (failures, skipped) = run_examples(&python, version, &runnable, TIMEOUT);
    eprintln!(
        "ran {} python examples with {python} 3.{} ({skipped} need a newer Python)",
        runnable.len() - skipped,
        version.1
    );
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(runnable.len() > skipped, "no example ran");
}

/// The interpreter of a venv built from `content/python/requirements.txt`.
const CONTENT_PYTHON: &str = "PYROADMAP_CONTENT_PYTHON";

#[test]
fn every_example_that_needs_packages_runs_in_the_content_venv() {
    let blocks = all_code();
    let with_packages: Vec<&(String, CodeBlock)> = blocks
        .iter()
        .filter(|(_, c)| c.is_runnable_python() && !c.needs().is_empty())
        .collect();
    let Some(python) = std::env::var_os(CONTENT_PYTHON).filter(|v| !v.is_empty()) else {
        eprintln!(
            "\n!!!!! SKIPPED {} examples that need packages: set {CONTENT_PYTHON} to the python of a venv built from content/python/requirements.txt (.ci/run does) to run them. !!!!!\n",
            with_packages.len()
        );
        return;
    };
    let python = python.to_string_lossy().into_owned();
    let (_, version) = find_python_at(&python)
        .unwrap_or_else(|| panic!("{CONTENT_PYTHON}={python} is not a Python 3 interpreter"));
    let _turn = take_turn();
    let (failures, skipped) = run_examples(&python, version, &with_packages, PACKAGE_TIMEOUT);
    eprintln!(
        "ran {} examples that need packages with {python} 3.{} ({skipped} need a newer Python)",
        with_packages.len() - skipped,
        version.1
    );
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Loading Pyodide compiles a WebAssembly CPython (about 4 s of CPU per
/// example), so its runs go two at a time with a generous limit.
const PYODIDE_TIMEOUT: Duration = Duration::from_secs(180);

/// The `min=` examples Pyodide cannot run, each found by its lesson and a
/// line of its code, with the reason. They are still run: one that starts
/// to work must leave this list.
const PYODIDE_CANNOT_RUN: &[(&str, &str, &str)] = &[(
    "concurrency/multiprocessing-parallelism.md",
    "from concurrent import interpreters",
    "Pyodide builds no _interpreters module, so concurrent.interpreters cannot be imported",
)];

#[test]
fn every_newer_python_example_runs_in_pyodide() {
    let blocks = all_code();
    let newer: Vec<&(String, CodeBlock)> = blocks
        .iter()
        .filter(|(_, c)| c.is_runnable_python() && c.min_python().is_some())
        .collect();
    for (path, contains, reason) in PYODIDE_CANNOT_RUN {
        let found = newer
            .iter()
            .filter(|(p, c)| p == path && c.text.contains(contains))
            .count();
        assert_eq!(
            found, 1,
            "PYODIDE_CANNOT_RUN names {path} \"{contains}\" ({reason}), which matches {found} min= examples instead of one"
        );
    }
    let Some(node) = pyodide::node(&format!("{} min= examples", newer.len())) else {
        return;
    };
    let runner = pyodide::runner();
    let flag = pyodide::stack_switching_flag();
    let _turn = take_turn();
    let mut failures = Vec::new();
    for pyodide::Pyodide {
        variable,
        release,
        version,
        dir: pyodide,
    } in pyodide::installed("the min= examples")
    {
        let run = |dir: &Path| {
            let mut command = Command::new("node");
            command
                .args(flag)
                .arg(&runner)
                .arg(&pyodide)
                .arg("example.py");
            run_program(command, dir, PYODIDE_TIMEOUT)
        };
        let probe = CodeBlock {
            text: "import sys\nprint(*sys.version_info[:2])\n".into(),
            output: Some(format!("{} {}\n", version.0, version.1)),
            ..CodeBlock::default()
        };
        if let Some(wrong) = example_failure(&probe, run) {
            panic!("{variable} does not run Python 3.{}: {wrong}", version.1);
        }
        let mine: Vec<&&(String, CodeBlock)> = newer
            .iter()
            .filter(|(_, c)| c.min_python().is_some_and(|min| min <= version))
            .collect();
        let outcomes = Mutex::new(Vec::new());
        in_parallel_by(2, &mine, |(path, code)| {
            let cannot = PYODIDE_CANNOT_RUN
                .iter()
                .find(|(p, contains, _)| p == path && code.text.contains(contains));
            let failure = example_failure(code, run);
            let place = format!("{path}:{}", code.line);
            outcomes.lock().unwrap().push((place, cannot, failure));
        });
        let mut outcomes = outcomes.into_inner().unwrap();
        outcomes.sort_by(|a, b| a.0.cmp(&b.0));
        let mut not_run = Vec::new();
        for (place, cannot, failure) in outcomes {
            match (cannot, failure) {
                (None, None) => {}
                (None, Some(failure)) => {
                    failures.push(format!("{place} on Pyodide {release}: {failure}"));
                }
                (Some((_, _, reason)), Some(_)) => not_run.push(format!("{place}: {reason}")),
                (Some(_), None) => failures.push(format!(
                    "{place} now runs on Pyodide {release} and prints its output: take it off PYODIDE_CANNOT_RUN"
                )),
            }
        }
        eprintln!(
            "ran {} min= examples with Pyodide {release} (Python 3.{}) on node {node}; {} listed as beyond Pyodide failed as expected:\n  {}",
            mine.len() - not_run.len(),
            version.1,
            not_run.len(),
            not_run.join("\n  ")
        );
    }
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn every_package_an_example_needs_is_pinned_in_requirements() {
    let requirements = include_str!("../content/python/requirements.txt");
    let normalise = |name: &str| name.trim().to_lowercase().replace('_', "-");
    let pinned: Vec<String> = requirements
        .lines()
        .map(|l| l.split('#').next().unwrap_or_default())
        .filter_map(|l| l.split_once("=="))
        .map(|(name, _)| normalise(name))
        .collect();
    let mut missing = Vec::new();
    for (path, code) in all_code() {
        for package in code.needs() {
            if !pinned.contains(&normalise(package)) {
                missing.push(format!(
                    "{path}:{}: needs={package} is not pinned",
                    code.line
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn every_norun_block_compiles() {
    let Some((python, _)) = find_python() else {
        eprintln!(
            "\n!!!!! SKIPPED: no python3 on PATH, so norun blocks were NOT compiled. !!!!!\n"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let norun: Vec<(String, CodeBlock)> = all_code()
        .into_iter()
        .filter(|(_, c)| c.lang == "python" && (c.has_flag("norun") || !c.needs().is_empty()))
        .collect();
    let mut names = Vec::new();
    for (index, (path, code)) in norun.iter().enumerate() {
        let name = format!("block{index}.py");
        std::fs::write(dir.path().join(&name), &code.text).unwrap();
        names.push(format!("({name:?}, {:?})", format!("{path}:{}", code.line)));
    }
    let script = format!(
        "import sys\nbad = 0\nfor name, where in [{}]:\n    try:\n        compile(open(name, encoding='utf-8').read(), where, 'exec')\n    except SyntaxError as e:\n        bad += 1\n        print(f'{{where}}: does not compile: {{e}}')\nsys.exit(1 if bad else 0)\n",
        names.join(", ")
    );
    std::fs::write(dir.path().join("compile_all.py"), script).unwrap();
    let (is_ok, stdout, stderr) =
        run_python(&python, dir.path(), &["compile_all.py"], TIMEOUT).unwrap();
    assert!(is_ok, "{stdout}{stderr}");
    eprintln!(
        "compiled {} norun and needs= blocks and quiz snippets",
        norun.len()
    );
}

/// Where a learner's other solutions to an exercise are kept: the same path
/// as the exercise under `tests/solutions/`.
const SOLUTIONS: &str = "tests/solutions";

/// Only exercises whose path starts with this are checked (for working on
/// one section or exercise at a time).
const ONLY: &str = "PYROADMAP_EXERCISES";

/// A learner's attempt at an exercise and what the checks must say of it.
struct Attempt {
    /// The heading after `## Correct:` or `## Wrong:`, which says how it
    /// differs from the reference solution or what mistake it makes.
    about: String,
    code: String,
    correct: bool,
}

/// Reads `## Correct: …` and `## Wrong: …` headings, each followed by one
/// ```python block, from a solutions file.
fn attempts(text: &str) -> Result<Vec<Attempt>, String> {
    let mut found = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let (correct, about) = if let Some(about) = line.strip_prefix("## Correct:") {
            (true, about)
        } else if let Some(about) = line.strip_prefix("## Wrong:") {
            (false, about)
        } else {
            continue;
        };
        let about = about.trim().to_owned();
        if !lines.by_ref().any(|l| l.trim_end() == "```python") {
            return Err(format!("\"{about}\" has no ```python block"));
        }
        let code: Vec<&str> = lines
            .by_ref()
            .take_while(|l| l.trim_end() != "```")
            .collect();
        found.push(Attempt {
            about,
            code: code.join("\n") + "\n",
            correct,
        });
    }
    Ok(found)
}

/// One exercise, with every program its checks are run against.
struct ExerciseRuns {
    /// `section/exercises/topic/id.md`.
    path: String,
    checks: String,
    runs: Vec<Tried>,
    /// What is wrong with its attempts file, if anything.
    problems: Vec<String>,
}

/// A program an exercise's checks are run against, and what they must say.
struct Tried {
    what: TriedKind,
    code: String,
}

enum TriedKind {
    /// The reference solution: passes every check.
    Solution,
    /// The starter: fails at least one check.
    Starter,
    /// A learner's attempt from `file`: passes every check when correct.
    Attempt(String, Attempt),
}

/// Every exercise (that needs packages, or that does not), with its
/// solution, starter and a learner's other attempts from `SOLUTIONS`.
fn exercises_to_check(with_packages: bool) -> Vec<ExerciseRuns> {
    let only = std::env::var(ONLY).unwrap_or_default();
    let course = course::load_embedded().course;
    let mut found = Vec::new();
    for section in &course.sections {
        for topic in &section.topics {
            for exercise in &topic.exercises {
                let path = format!("{}/exercises/{}/{}.md", section.id, topic.id, exercise.id);
                if exercise.needs.is_empty() == with_packages || !path.starts_with(&only) {
                    continue;
                }
                let mut runs = vec![
                    Tried {
                        what: TriedKind::Solution,
                        code: exercise.solution.clone(),
                    },
                    Tried {
                        what: TriedKind::Starter,
                        code: exercise.starter.clone(),
                    },
                ];
                let mut problems = Vec::new();
                let file = Path::new(SOLUTIONS).join(&path);
                let shown = file.display().to_string();
                match std::fs::read_to_string(&file)
                    .map_err(|e| format!("cannot read {shown}: {e}"))
                    .and_then(|text| attempts(&text))
                {
                    Ok(attempts) => {
                        for kind in [true, false] {
                            if !attempts.iter().any(|a| a.correct == kind) {
                                problems.push(format!(
                                    "{shown}: no {} attempt",
                                    if kind { "## Correct:" } else { "## Wrong:" }
                                ));
                            }
                        }
                        runs.extend(attempts.into_iter().map(|attempt| Tried {
                            code: attempt.code.clone(),
                            what: TriedKind::Attempt(shown.clone(), attempt),
                        }));
                    }
                    Err(e) => problems.push(format!("{path}: {e}")),
                }
                found.push(ExerciseRuns {
                    path,
                    checks: exercise.checks.clone(),
                    runs,
                    problems,
                });
            }
        }
    }
    found
}

/// What is wrong with the checks' verdicts on `tried`, if anything.
fn misjudged(
    path: &str,
    tried: &Tried,
    checks: &[pyroadmap::practice::CheckResult],
    is_timed_out: bool,
) -> Option<String> {
    let failed: Vec<String> = checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| format!("{}: {}", c.name, c.message))
        .collect();
    let passed = !is_timed_out && !checks.is_empty() && failed.is_empty();
    match &tried.what {
        TriedKind::Solution if !passed => Some(format!(
            "{path}: the solution does not pass ({}){}",
            failed.join("; "),
            if is_timed_out { " and timed out" } else { "" }
        )),
        TriedKind::Starter if is_timed_out => {
            Some(format!("{path}: the starter runs into the time limit"))
        }
        TriedKind::Starter if failed.is_empty() => Some(format!(
            "{path}: the starter passes every check, so no check is doing its job"
        )),
        TriedKind::Attempt(file, attempt) if passed != attempt.correct => Some(format!(
            "{file}: \"{}\" {}",
            attempt.about,
            if attempt.correct {
                format!(
                    "is correct but fails ({}){}",
                    failed.join("; "),
                    if is_timed_out { " and timed out" } else { "" }
                )
            } else {
                "is wrong but passes every check".to_owned()
            }
        )),
        _ => None,
    }
}

/// Runs every exercise's solution and starter through the app's own checker:
/// the solution passes every check, the starter fails at least one. Each
/// exercise also has a file of a learner's other attempts: the correct ones
/// must pass every check and the wrong ones must fail one, so a later edit of
/// the checks cannot start rejecting right answers or accepting wrong ones.
fn check_exercises(python: &str, with_packages: bool) -> (usize, Vec<String>) {
    use pyroadmap::practice::{Limits, Run, RunEvent, RunRequest, find_python};
    let interpreter = find_python(&[vec![python.to_owned()]]).expect("a working python");
    let exercises = exercises_to_check(with_packages);
    let failures = Mutex::new(Vec::new());
    let verdicts = |code: &str, checks: &str| {
        let run = Run::start(
            RunRequest {
                python: interpreter.clone(),
                code: code.to_owned(),
                stdin: None,
                checks: Some(checks.to_owned()),
                limits: Limits {
                    time: if with_packages {
                        PACKAGE_TIMEOUT
                    } else {
                        TIMEOUT
                    },
                    ..Limits::default()
                },
            },
            || {},
        );
        loop {
            // Longer than any run's own time limit, so a slow run on a busy
            // machine ends with its verdict, not with this wait.
            match run.wait_event(PACKAGE_TIMEOUT + Duration::from_secs(30)) {
                Some(RunEvent::Finished(outcome)) => break outcome,
                Some(RunEvent::Output { .. }) => {}
                None => panic!("a check run never finished"),
            }
        }
    };
    in_parallel(&exercises, |exercise| {
        failures
            .lock()
            .unwrap()
            .extend(exercise.problems.iter().cloned());
        for tried in &exercise.runs {
            let outcome = verdicts(&tried.code, &exercise.checks);
            if let Some(wrong) =
                misjudged(&exercise.path, tried, &outcome.checks, outcome.is_timed_out)
            {
                failures.lock().unwrap().push(wrong);
            }
        }
    });
    (exercises.len(), failures.into_inner().unwrap())
}

#[test]
fn every_exercise_solution_passes_and_every_starter_fails() {
    let Some((python, _)) = find_python() else {
        eprintln!("\n!!!!! SKIPPED: no python3 on PATH, so exercises were NOT checked. !!!!!\n");
        return;
    };
    let _turn = take_turn();
    let (count, failures) = check_exercises(&python, false);
    eprintln!("checked {count} exercises with {python}");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    if let Some(venv) = std::env::var_os(CONTENT_PYTHON).filter(|v| !v.is_empty()) {
        let (count, failures) = check_exercises(&venv.to_string_lossy(), true);
        eprintln!("checked {count} exercises that need packages");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}

/// Exercises Pyodide cannot check, each with the reason. They are still
/// run: one that starts to be judged as on a local Python must leave this
/// list.
const PYODIDE_CANNOT_CHECK: &[(&str, &str)] = &[
    (
        "async-io/exercises/multiprocessing-module/01-count-words-in-a-pool.md",
        "Pyodide cannot start processes (multiprocessing.Pool)",
    ),
    (
        "async-io/exercises/multiprocessing-module/02-fingerprint-files-in-children.md",
        "Pyodide cannot start processes (multiprocessing.Process)",
    ),
    (
        "async-io/exercises/threading-module/01-start-then-join.md",
        "Pyodide cannot start threads",
    ),
    (
        "async-io/exercises/threading-module/02-tally-status-codes.md",
        "Pyodide cannot start threads",
    ),
    (
        "concurrency/exercises/gil/02-route-work-by-the-gil.md",
        "Pyodide cannot start processes (ProcessPoolExecutor)",
    ),
    (
        "concurrency/exercises/multiprocessing-parallelism/01-count-primes-in-chunks.md",
        "Pyodide cannot start processes (multiprocessing.Pool)",
    ),
    (
        "concurrency/exercises/multiprocessing-parallelism/02-load-the-table-once-per-worker.md",
        "Pyodide cannot start processes (a pool with an initializer)",
    ),
    (
        "concurrency/exercises/threading-concurrency/01-download-report-pages.md",
        "Pyodide cannot start threads (ThreadPoolExecutor)",
    ),
    (
        "concurrency/exercises/threading-concurrency/02-load-each-price-once.md",
        "Pyodide cannot start threads (the checks race four of them)",
    ),
    (
        "deployment/exercises/ci-cd/02-smoke-test-a-deploy.md",
        "the checks serve HTTP from a thread, and Pyodide has neither threads nor sockets",
    ),
    (
        "design-patterns/exercises/singleton/01-load-settings-once.md",
        "Pyodide cannot start threads (a check sends a second thread in during the load)",
    ),
    (
        "modules-and-packages/exercises/creating-modules/02-package-a-budget-tool.md",
        "the checks run `python -m budget` as a subprocess, and Pyodide cannot start processes",
    ),
];

/// A check run in Pyodide on a busy machine may take this long; one that
/// takes longer is ended as timed out.
const PYODIDE_CHECK_TIMEOUT: Duration = Duration::from_secs(60);

#[test]
fn every_exercise_is_judged_the_same_on_python_3_14_and_3_15_in_pyodide() {
    use pyroadmap::practice::CheckResult;
    let exercises = exercises_to_check(false);
    let is_all = std::env::var(ONLY).unwrap_or_default().is_empty();
    for (path, reason) in PYODIDE_CANNOT_CHECK.iter().filter(|_| is_all) {
        assert!(
            exercises.iter().any(|e| e.path == *path),
            "PYODIDE_CANNOT_CHECK names {path} ({reason}), which is not an exercise without needs="
        );
    }
    let what = "the exercises' checks";
    let Some(node) = pyodide::node(what) else {
        return;
    };
    let pyodides = pyodide::installed(what);
    let _turn = take_turn();
    let folders = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for pyodide in &pyodides {
        let version = pyodide.version;
        // The first job says which Python runs the rest.
        let parent = folders.path().join(pyodide.release);
        let mut jobs = vec![pyodide::run_folder(
            &parent,
            "version",
            "import sys\nprint(*sys.version_info[:2])\n",
            None,
            None,
        )];
        let mut owners = Vec::new();
        for (e, exercise) in exercises.iter().enumerate() {
            for (r, tried) in exercise.runs.iter().enumerate() {
                jobs.push(pyodide::run_folder(
                    &parent,
                    &format!("{e}-{r}"),
                    &tried.code,
                    Some(&exercise.checks),
                    None,
                ));
                owners.push((e, r));
            }
        }
        let started = Instant::now();
        let ended = pyodide::run_jobs(pyodide, &jobs, PYODIDE_CHECK_TIMEOUT, 2);
        assert_eq!(
            ended[0].stdout,
            format!("{} {}\n", version.0, version.1),
            "{} does not run Python 3.{}: {:?}",
            pyodide.variable,
            version.1,
            ended[0]
        );
        let mut misjudged_runs: Vec<Vec<String>> = exercises.iter().map(|_| Vec::new()).collect();
        for ((e, r), (job, end)) in owners.iter().zip(jobs.iter().zip(&ended).skip(1)) {
            let checks: Vec<CheckResult> =
                std::fs::read_to_string(job.folder.join("results.jsonl"))
                    .unwrap_or_default()
                    .lines()
                    .filter_map(|line| serde_json::from_str(line).ok())
                    .collect();
            let exercise = &exercises[*e];
            if let Some(wrong) =
                misjudged(&exercise.path, &exercise.runs[*r], &checks, end.timed_out)
            {
                misjudged_runs[*e].push(format!(
                    "{wrong}\n    it printed: {:?}\n    and on stderr: {:?}",
                    end.stdout, end.stderr
                ));
            }
        }
        let mut not_checked = Vec::new();
        for (exercise, wrong) in exercises.iter().zip(misjudged_runs) {
            let listed = PYODIDE_CANNOT_CHECK
                .iter()
                .find(|(path, _)| *path == exercise.path);
            match (listed, wrong.is_empty()) {
                (None, true) => {}
                (None, false) => failures.extend(
                    wrong
                        .into_iter()
                        .map(|w| format!("on Pyodide {} (3.{}): {w}", pyodide.release, version.1)),
                ),
                (Some((path, reason)), false) => not_checked.push(format!("{path}: {reason}")),
                (Some((path, _)), true) => failures.push(format!(
                    "{path} is judged as it should be on Pyodide {}: take it off PYODIDE_CANNOT_CHECK",
                    pyodide.release
                )),
            }
        }
        let attempts = exercises
            .iter()
            .flat_map(|e| &e.runs)
            .filter(|t| matches!(t.what, TriedKind::Attempt(..)))
            .count();
        eprintln!(
            "checked {} exercises ({} programs: solutions, starters and {attempts} attempts) with Pyodide {} (Python 3.{}) on node {node} in {:.0} s; {} listed as beyond Pyodide:\n  {}",
            exercises.len() - not_checked.len(),
            jobs.len() - 1,
            pyodide.release,
            version.1,
            started.elapsed().as_secs_f64(),
            not_checked.len(),
            not_checked.join("\n  ")
        );
    }
    assert!(
        failures.is_empty(),
        "{} run(s) judged otherwise in Pyodide:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
