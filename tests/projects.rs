//! The content test for projects: every project of the built-in pack,
//! checked by the real runner (its limits, its copy of the folder) as the
//! app checks a learner's: each stage's reference solution passes its own
//! stage and every earlier one, the starter fails stage 1 with a failed
//! check that says why, and the checks give the same verdict run after run.

use std::path::Path;
use std::time::Duration;

use pyroadmap::course::{self, PackSource, Project};
use pyroadmap::practice::project_check::{CheckStatus, ProjectCheck, ProjectCheckRequest, Verdict};
use pyroadmap::practice::{Interpreter, Limits, RunEvent, find_python};

/// The interpreter of a venv built from `content/python/requirements.txt`,
/// for projects whose starter lists packages.
const CONTENT_PYTHON: &str = "PYROADMAP_CONTENT_PYTHON";
/// A pack folder to check instead of the built-in pack.
const PACK_DIR: &str = "PYROADMAP_PROJECTS_PACK";
/// How many times the final stage's full check runs for a stable verdict.
const REPEATS: usize = 5;

fn python_for(project: &Project) -> Option<Interpreter> {
    if project.needs().is_empty() {
        return find_python(&[vec!["python3".into()], vec!["python".into()]]).ok();
    }
    let path = std::env::var(CONTENT_PYTHON)
        .ok()
        .filter(|p| !p.is_empty())?;
    find_python(&[vec![path]]).ok()
}

/// Writes `files` into a fresh folder: the learner's project as it stands.
fn folder_with(files: &[(String, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (path, bytes) in files {
        let target = dir.path().join(path);
        std::fs::create_dir_all(target.parent().expect("a file has a folder")).unwrap();
        std::fs::write(target, bytes).unwrap();
    }
    dir
}

/// Checks `folder` against stages 1..=upto of `project`.
fn check(
    python: &Interpreter,
    project: &Project,
    folder: &Path,
    upto: usize,
) -> Result<Verdict, String> {
    let stages = (1..=upto)
        .map(|n| {
            project
                .stage_files(n)
                .into_iter()
                .map(|(path, bytes)| (path.to_owned(), bytes.to_vec()))
                .collect()
        })
        .collect();
    let request = ProjectCheckRequest {
        python: python.clone(),
        limits: Limits::default(),
        project_dir: folder.to_owned(),
        stages,
    };
    let check = ProjectCheck::start(request, || {});
    loop {
        match check.wait_event(Duration::from_secs(120)) {
            Some(RunEvent::Finished(outcome)) => return check.verdict(&outcome),
            Some(RunEvent::Output { .. }) => {}
            None => return Err("no verdict within 120 s".into()),
        }
    }
}

/// A verdict's shape: each check's name and status, without messages
/// (which may name temp folders).
fn shape(verdict: &Verdict) -> Vec<(usize, Vec<(String, CheckStatus)>)> {
    verdict
        .stages
        .iter()
        .map(|s| {
            (
                s.stage,
                s.checks
                    .iter()
                    .map(|c| (c.name.clone(), c.status))
                    .collect(),
            )
        })
        .collect()
}

/// Every problem with one project, as lines.
fn project_problems(project: &Project, python: &Interpreter) -> Vec<String> {
    let mut problems = Vec::new();
    let id = &project.id;
    let starter: Vec<(String, &[u8])> = project.starter().map(|(p, b)| (p.to_owned(), b)).collect();
    let folder = folder_with(&starter);
    match check(python, project, folder.path(), 1) {
        Ok(verdict) => {
            let failed = verdict.stages[0]
                .checks
                .iter()
                .find(|c| c.status == CheckStatus::Failed);
            match failed {
                Some(c) if !c.message.trim().is_empty() => {}
                Some(c) => problems.push(format!(
                    "{id}: the starter fails `{}` without a message",
                    c.name
                )),
                None => problems.push(format!(
                    "{id}: the starter does not fail stage 1 with a failed check: {:?}",
                    shape(&verdict)
                )),
            }
        }
        Err(error) => problems.push(format!(
            "{id}: the starter's check gave no verdict: {error}"
        )),
    }
    let count = project.stages().len();
    for n in 1..=count {
        let folder = folder_with(&project.solution(n));
        let runs = if n == count { REPEATS } else { 1 };
        let mut first = None;
        for run in 0..runs {
            let verdict = match check(python, project, folder.path(), n) {
                Ok(verdict) => verdict,
                Err(error) => {
                    problems.push(format!(
                        "{id}: stage {n}'s solution gave no verdict: {error}"
                    ));
                    break;
                }
            };
            for stage in verdict.stages.iter().filter(|s| !s.is_passed()) {
                let failed: Vec<String> = stage
                    .checks
                    .iter()
                    .filter(|c| c.status != CheckStatus::Passed)
                    .map(|c| format!("{} ({:?}): {}", c.name, c.status, c.message))
                    .collect();
                problems.push(format!(
                    "{id}: stage {n}'s solution fails stage {} (run {}): {}",
                    stage.stage,
                    run + 1,
                    failed.join("; ")
                ));
            }
            let seen = shape(&verdict);
            match &first {
                None => first = Some(seen),
                Some(first) if *first != seen => {
                    problems.push(format!(
                        "{id}: stage {n}'s verdict changed on run {}",
                        run + 1
                    ));
                }
                Some(_) => {}
            }
        }
    }
    problems
}

#[test]
fn every_project_solution_passes_its_stages_and_the_starter_fails_stage_one() {
    // Another pack folder may be checked the same way (a writer's copy).
    let source = std::env::var_os(PACK_DIR)
        .filter(|dir| !dir.is_empty())
        .map_or(PackSource::Embedded, |dir| PackSource::Dir(dir.into()));
    let loaded = course::check(&source).expect("the pack loads");
    let projects: Vec<&Project> = loaded.course.projects().collect();
    assert!(!projects.is_empty(), "the pack has projects");
    let mut skipped = Vec::new();
    let problems: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = projects
            .iter()
            .filter_map(|project| match python_for(project) {
                Some(python) => Some(scope.spawn(move || project_problems(project, &python))),
                None => {
                    skipped.push(project.id.clone());
                    None
                }
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a project's checks do not panic"))
            .collect()
    });
    if !skipped.is_empty() {
        eprintln!(
            "\n!!!!! SKIPPED projects {skipped:?}: no Python, or they need packages: set {CONTENT_PYTHON} to the python of a venv built from content/python/requirements.txt. !!!!!\n"
        );
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
