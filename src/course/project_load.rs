//! Loading a section's projects from the pack, and finding project folders
//! roadmap.ron does not list.

use std::collections::HashSet;

use super::load::{Problem, line_containing};
use super::project::Project;
use super::{Course, PackSource};

/// Whether `id` is a lowercase slug: `words-like-this`.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Loads the projects roadmap.ron lists for one section. Their
/// `project.md` is parsed when first read; their files are listed now
/// (for the built-in pack, lent from the program without reading them).
pub(super) fn load_projects(
    source: &PackSource,
    section: &str,
    section_index: usize,
    ids: &[String],
    manifest: &str,
    seen: &mut HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Vec<Project> {
    let manifest_path = source.display_path("roadmap.ron");
    let mut projects = Vec::new();
    for id in ids {
        let line = line_containing(manifest, &format!("\"{id}\""));
        let mut problem = |message: String| {
            problems.push(Problem {
                path: manifest_path.clone(),
                line,
                message,
            });
        };
        if !seen.insert(id.clone()) {
            problem(format!(
                "duplicate project id `{id}`: project ids must be unique in the pack"
            ));
            continue;
        }
        if !is_valid_id(id) {
            problem(format!(
                "project id `{id}` is not a lowercase slug (`words-like-this`)"
            ));
            continue;
        }
        let folder = format!("{section}/projects/{id}");
        let text = match source.read_later(&format!("{folder}/project.md")) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                problem(format!(
                    "project `{id}` is listed but `{folder}/project.md` is missing"
                ));
                continue;
            }
            Err(error) => {
                problems.push(Problem {
                    path: source.display_path(&format!("{folder}/project.md")),
                    line: 1,
                    message: format!("cannot read this project: {error}"),
                });
                continue;
            }
        };
        let (files, refused) = source.files_under(&folder);
        problems.extend(refused.into_iter().map(|(path, why)| Problem {
            path: source.display_path(&format!("{folder}/{path}")),
            line: 1,
            message: why,
        }));
        projects.push(Project::new(id, section_index, &folder, text, files));
    }
    projects
}

/// Reports `file` (a pack path with `/projects/` in it) when its project is
/// not listed on its section in roadmap.ron.
pub(super) fn check_listed(
    course: &Course,
    source: &PackSource,
    file: &str,
    problems: &mut Vec<Problem>,
) {
    let Some((section, rest)) = file.split_once("/projects/") else {
        return;
    };
    let id = rest.split('/').next().unwrap_or_default();
    let is_listed = course
        .sections
        .iter()
        .any(|s| s.id == section && s.projects.iter().any(|p| p.id == id));
    if !is_listed && rest == format!("{id}/project.md") {
        problems.push(Problem {
            path: source.display_path(file),
            line: 1,
            message: format!(
                "project `{id}` is not listed in roadmap.ron: add `projects: [\"{id}\"]` to section `{section}` or remove the folder"
            ),
        });
    }
}
