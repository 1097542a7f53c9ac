//! What `pyroadmap check` says about a project: stages and their folders
//! agree, every stage has checks, 1-3 hints and a solution, and every file
//! name works on Windows, macOS and Linux alike.

use std::collections::{BTreeSet, HashMap};

use super::load::Problem;
use super::project::Project;

/// The most hints a stage may give.
pub const MAX_HINTS: usize = 3;

/// Every problem of one loaded project, as `path:line` problems; `display`
/// turns a pack-relative path into the path shown.
pub fn project_problems(project: &Project, display: &dyn Fn(&str) -> String) -> Vec<Problem> {
    let md = display(&format!("{}/project.md", project.folder));
    let at = |relative: &str| display(&format!("{}/{relative}", project.folder));
    let mut problems: Vec<Problem> = project
        .parse_problems()
        .iter()
        .map(|p| Problem {
            path: md.clone(),
            line: p.line,
            message: p.message.clone(),
        })
        .collect();
    let mut push = |path: String, line: usize, message: String| {
        problems.push(Problem {
            path,
            line,
            message,
        });
    };
    let folders: BTreeSet<usize> = project
        .files()
        .iter()
        .filter_map(|f| {
            let first = f.path.split('/').next()?;
            first.strip_prefix("stage-")?.parse().ok()
        })
        .collect();
    let stages = project.stages();
    for stage in stages {
        let folder = format!("stage-{}", stage.number);
        if !folders.contains(&stage.number) {
            push(
                md.clone(),
                stage.line,
                format!(
                    "`## Stage {}` has no folder `{folder}/` beside project.md",
                    stage.number
                ),
            );
            continue;
        }
        let files = project.stage_files(stage.number);
        match files.iter().find(|(path, _)| *path == "checks.py") {
            None => push(
                at(&folder),
                1,
                format!("stage {} has no `checks.py`", stage.number),
            ),
            Some((_, bytes)) if !String::from_utf8_lossy(bytes).contains("@check(") => push(
                at(&format!("{folder}/checks.py")),
                1,
                "no `@check(...)` in this file: a stage needs at least one check".into(),
            ),
            Some(_) => {}
        }
        if !files.iter().any(|(path, _)| path.starts_with("solution/")) {
            push(
                at(&folder),
                1,
                format!(
                    "stage {} has no `solution/`: the whole project as it stands once the stage is done",
                    stage.number
                ),
            );
        }
        if stage.hints.is_empty() || stage.hints.len() > MAX_HINTS {
            push(
                md.clone(),
                stage.line,
                format!(
                    "stage {} has {} hints: give 1 to {MAX_HINTS}, as a numbered list under `### Hints`",
                    stage.number,
                    stage.hints.len()
                ),
            );
        }
    }
    for number in folders {
        if !stages.iter().any(|s| s.number == number) {
            push(
                at(&format!("stage-{number}")),
                1,
                format!("this folder has no `## Stage {number}: Title` in project.md"),
            );
        }
    }
    if project.starter().next().is_none() {
        push(
            at("starter"),
            1,
            "no starter: the files the learner begins from go in `starter/`".into(),
        );
    }
    let mut by_lowercase: HashMap<String, &str> = HashMap::new();
    for file in project.files() {
        if let Some(message) = name_problem(&file.path) {
            push(at(&file.path), 1, message);
        }
        if let Some(other) = by_lowercase.insert(file.path.to_lowercase(), &file.path) {
            push(
                at(&file.path),
                1,
                format!(
                    "differs from `{other}` only by case: on Windows and macOS the two are one file"
                ),
            );
        }
    }
    problems
}

/// Why a path (relative, `/`-separated) does not work on every system, if
/// it does not.
pub fn name_problem(path: &str) -> Option<String> {
    if path.starts_with('/') || path.contains('\\') || path.as_bytes().get(1) == Some(&b':') {
        return Some(format!(
            "`{path}` is not a plain relative path: use `/`-separated names inside the project"
        ));
    }
    for part in path.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Some(format!("`{path}` has an empty, `.` or `..` part"));
        }
        if let Some(bad) = part
            .chars()
            .find(|c| "<>:\"|?*".contains(*c) || c.is_control())
        {
            return Some(format!(
                "`{part}` holds `{}`, which Windows does not allow in a file name",
                bad.escape_debug()
            ));
        }
        if part.ends_with('.') || part.ends_with(' ') {
            return Some(format!(
                "`{part}` ends with a dot or a space, which Windows drops"
            ));
        }
        let stem = part
            .split('.')
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let is_reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
            || ["COM", "LPT"].iter().any(|prefix| {
                stem.strip_prefix(prefix)
                    .is_some_and(|n| n.len() == 1 && n.as_bytes()[0].is_ascii_digit() && n != "0")
            });
        if is_reserved {
            return Some(format!(
                "`{part}` is a reserved device name on Windows: no file can have it"
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::name_problem;

    #[test]
    fn names_that_do_not_work_everywhere_are_refused() {
        for bad in [
            "/abs.py",
            "a/../b.py",
            "con.py",
            "Aux",
            "lpt1.txt",
            "what?.py",
            "a:b",
            "dot.",
            "space ",
            "C:/x.py",
            "back\\slash.py",
        ] {
            assert!(name_problem(bad).is_some(), "{bad} passed");
        }
        for good in [
            "tracker.py",
            "data/com10.txt",
            "console.py",
            "stage-1/solution/a.py",
        ] {
            assert_eq!(name_problem(good), None, "{good}");
        }
    }
}
