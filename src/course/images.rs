//! The pictures lessons show: found in each document, read into the
//! course, and checked for `pyroadmap check`.

use std::borrow::Cow;
use std::collections::HashMap;

use super::{Block, Course, Document, PackSource, Problem, picture, visit_blocks_mut};

/// Makes each picture's path relative to the pack and reads its SVG into
/// `images`; a missing picture or one without alt text is a problem.
pub(super) fn load_images(
    source: &PackSource,
    relative: &str,
    mut doc: Document,
    images: &mut HashMap<String, Cow<'static, str>>,
    problems: &mut Vec<Problem>,
) -> Document {
    let dir = relative.rsplit_once('/').map_or("", |(dir, _)| dir);
    for (path, written, is_alt_missing, line) in relocate_pictures(&mut doc, dir) {
        let at = source.display_path(relative);
        if is_alt_missing {
            problems.push(Problem {
                path: at.clone(),
                line,
                message: format!("the picture `{written}` has no alt text: say in words what it shows, for screen readers"),
            });
        }
        if images.contains_key(&path) {
            continue;
        }
        if !path.ends_with(".svg") {
            // Not read at all: only an SVG file would be used.
            problems.push(Problem {
                path: at,
                line,
                message: format!(
                    "the picture `{written}` is not an SVG file: lessons show SVG pictures"
                ),
            });
            continue;
        }
        match source.read(&path) {
            Ok(svg) => {
                images.insert(path, svg);
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => problems.push(Problem {
                path: at,
                line,
                message: format!(
                    "the picture `{written}` is not in the pack (looked for {})",
                    source.display_path(&path)
                ),
            }),
            Err(error) => problems.push(Problem {
                path: at,
                line,
                message: format!("the picture `{written}` is not shown: {error}"),
            }),
        }
    }
    doc
}

/// Makes each picture's path relative to the pack (from `dir`, the
/// lesson's folder). Returns each picture's (new path, path as written,
/// whether its alt text is missing, line).
pub(super) fn relocate_pictures(
    doc: &mut Document,
    dir: &str,
) -> Vec<(String, String, bool, usize)> {
    let mut found = Vec::new();
    visit_blocks_mut(&mut doc.blocks, &mut |block| {
        if let Block::Image { src, alt, line } = block {
            let path = if dir.is_empty() {
                src.clone()
            } else {
                format!("{dir}/{src}")
            };
            found.push((path.clone(), src.clone(), alt.trim().is_empty(), *line));
            *src = path;
        }
    });
    found
}

/// Every picture that does not parse as SVG, nests too deep or has an
/// `<image>`, as a problem. Separate from `load` because parsing pictures
/// is work the app need not do at start.
pub fn check_images(course: &Course, source: &PackSource) -> Vec<Problem> {
    let mut problems: Vec<Problem> = course
        .images
        .iter()
        .flat_map(|(path, svg)| {
            picture::check(svg).into_iter().map(|problem| Problem {
                path: source.display_path(path),
                line: problem.line,
                message: problem.message,
            })
        })
        .collect();
    problems.sort_by(|a, b| a.path.cmp(&b.path));
    problems
}
