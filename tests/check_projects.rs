//! `pyroadmap check` on projects: every problem it reports, as path:line,
//! on copies of the small pack in tests/project_pack.

use std::fs;
use std::path::Path;

use pyroadmap::course::{self, PackSource};

const PROJECT: &str = "basics/projects/greeter";

/// A copy of tests/project_pack (whose project is fine), with `edit` applied.
fn pack(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy(Path::new("tests/project_pack"), dir.path());
    edit(dir.path());
    dir
}

fn copy(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// The problems `check` finds, without the folder prefix.
fn problems(dir: &tempfile::TempDir) -> Vec<String> {
    let loaded = course::check(&PackSource::Dir(dir.path().to_owned())).unwrap();
    let prefix = format!("{}{}", dir.path().display(), std::path::MAIN_SEPARATOR);
    loaded
        .problems
        .iter()
        .map(|p| p.to_string().replace(&prefix, "").replace('\\', "/"))
        .collect()
}

fn only_problem(dir: &tempfile::TempDir) -> String {
    let found = problems(dir);
    assert_eq!(found.len(), 1, "expected one problem, got {found:#?}");
    found.into_iter().next().unwrap()
}

fn edit_md(root: &Path, from: &str, to: &str) {
    let path = root.join(PROJECT).join("project.md");
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn the_fixture_project_loads_without_problems() {
    let dir = pack(|_| {});
    assert_eq!(problems(&dir), Vec::<String>::new());
    let loaded = course::load(&PackSource::Dir(dir.path().to_owned())).unwrap();
    let project = loaded.course.project("greeter").unwrap();
    assert_eq!(project.title(), "Greeter");
    assert_eq!(project.stages().len(), 2);
    assert_eq!(project.stages()[1].hints.len(), 1);
    let starter: Vec<&str> = project.starter().map(|(path, _)| path).collect();
    assert_eq!(starter, ["greet.py", "words.py"]);
    assert_eq!(project.solution(1).len(), 2);
    assert!(
        loaded.summary().contains("1 projects"),
        "{}",
        loaded.summary()
    );
}

#[test]
fn the_built_in_pack_has_its_projects_and_no_problems_with_them() {
    let loaded = course::check(&PackSource::Embedded).unwrap();
    let project_problems: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| p.path.contains("/projects/"))
        .collect();
    assert!(project_problems.is_empty(), "{project_problems:#?}");
    let tracker = loaded.course.project("expense-tracker").unwrap();
    assert_eq!(tracker.title(), "Expense tracker");
    assert!(tracker.stages().len() >= 2);
    assert!(tracker.starter().any(|(path, _)| path == "tracker.py"));
}

#[test]
fn a_stage_heading_without_its_folder() {
    let dir = pack(|root| fs::remove_dir_all(root.join(PROJECT).join("stage-2")).unwrap());
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with(&format!(
            "{PROJECT}/project.md:14: `## Stage 2` has no folder"
        )),
        "{problem}"
    );
}

#[test]
fn a_stage_folder_without_its_heading() {
    let dir = pack(|root| {
        let stage = root.join(PROJECT).join("stage-3");
        fs::create_dir_all(stage.join("solution")).unwrap();
        fs::write(stage.join("checks.py"), "@check(\"x\")\ndef _(): pass\n").unwrap();
        fs::write(stage.join("solution/greet.py"), "").unwrap();
    });
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with(&format!(
            "{PROJECT}/stage-3:1: this folder has no `## Stage 3"
        )),
        "{problem}"
    );
}

#[test]
fn a_stage_without_checks_py_or_without_a_check() {
    let dir = pack(|root| fs::remove_file(root.join(PROJECT).join("stage-1/checks.py")).unwrap());
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with(&format!("{PROJECT}/stage-1:1: stage 1 has no `checks.py`")),
        "{problem}"
    );
    let dir =
        pack(|root| fs::write(root.join(PROJECT).join("stage-2/checks.py"), "print(1)\n").unwrap());
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with(&format!("{PROJECT}/stage-2/checks.py:1: no `@check(...)`")),
        "{problem}"
    );
}

#[test]
fn a_stage_without_hints_or_with_too_many() {
    let dir = pack(|root| edit_md(root, "### Hints\n\n1. `str.upper()`\n", ""));
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with(&format!("{PROJECT}/project.md:14: stage 2 has 0 hints")),
        "{problem}"
    );
    let dir = pack(|root| edit_md(root, "1. `str.upper()`\n", "1. a\n2. b\n3. c\n4. d\n"));
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with(&format!("{PROJECT}/project.md:14: stage 2 has 4 hints")),
        "{problem}"
    );
}

#[test]
fn a_stage_without_a_solution() {
    let dir = pack(|root| fs::remove_dir_all(root.join(PROJECT).join("stage-1/solution")).unwrap());
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with(&format!("{PROJECT}/stage-1:1: stage 1 has no `solution/`")),
        "{problem}"
    );
}

#[test]
fn a_project_folder_not_listed_in_the_manifest() {
    let dir = pack(|root| {
        let path = root.join("roadmap.ron");
        let text = fs::read_to_string(&path)
            .unwrap()
            .replace(", projects: [\"greeter\"]", "");
        fs::write(path, text).unwrap();
    });
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with(&format!(
            "{PROJECT}/project.md:1: project `greeter` is not listed in roadmap.ron"
        )),
        "{problem}"
    );
}

#[test]
fn a_listed_project_that_is_missing_and_a_repeated_id() {
    let dir = pack(|root| {
        let path = root.join("roadmap.ron");
        let text = fs::read_to_string(&path)
            .unwrap()
            .replace("[\"greeter\"]", "[\"greeter\", \"nowhere\", \"greeter\"]");
        fs::write(path, text).unwrap();
    });
    let found = problems(&dir);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].starts_with("roadmap.ron:5: project `nowhere` is listed but"),
        "{found:#?}"
    );
    assert!(
        found[1].starts_with("roadmap.ron:5: duplicate project id `greeter`"),
        "{found:#?}"
    );
}

#[test]
fn file_names_that_do_not_work_on_every_system() {
    let dir = pack(|root| {
        let starter = root.join(PROJECT).join("starter");
        fs::write(starter.join("con.py"), "").unwrap();
        fs::write(starter.join("Words.py"), "").unwrap();
        fs::write(starter.join("notes."), "").unwrap();
    });
    let found = problems(&dir);
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found
            .iter()
            .any(|p| p.starts_with(&format!("{PROJECT}/starter/con.py:1:"))
                && p.contains("reserved")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.starts_with(&format!("{PROJECT}/starter/notes.:1:")) && p.contains("dot")),
        "{found:#?}"
    );
    assert!(
        found
            .iter()
            .any(|p| p.contains("starter/") && p.contains("only by case")),
        "{found:#?}"
    );
}

#[cfg(unix)]
#[test]
fn a_link_in_a_project_is_reported_and_never_followed() {
    let dir = pack(|root| {
        std::os::unix::fs::symlink("/etc/passwd", root.join(PROJECT).join("starter/passwd"))
            .unwrap();
    });
    let problem = only_problem(&dir);
    assert!(
        problem.starts_with(&format!("{PROJECT}/starter/passwd:1: not a regular file")),
        "{problem}"
    );
    let loaded = course::load(&PackSource::Dir(dir.path().to_owned())).unwrap();
    let project = loaded.course.project("greeter").unwrap();
    assert!(project.starter().all(|(path, _)| path != "passwd"));
}
