//! The layers of ../shared/STYLE.md hold in the source: panels (`src/ui`)
//! never reach up into the app, and what they read from below (`course`,
//! `study`, `practice`) knows nothing of the panels, the app or egui.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, however deep.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_owned()];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The `path:line` of every line of code (comments aside) under `src/<dir>`
/// that names one of `names`.
fn lines_naming(dir: &str, names: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(dir);
    let files = rust_files(&root);
    assert!(
        !files.is_empty(),
        "no source files under {}",
        root.display()
    );
    let mut found = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).expect("source files are UTF-8");
        for (index, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if code.starts_with("//") {
                continue;
            }
            if names.iter().any(|name| code.contains(name)) {
                found.push(format!("{}:{}: {}", path.display(), index + 1, code));
            }
        }
    }
    found
}

#[test]
fn no_panel_names_the_app() {
    let found = lines_naming("ui", &["crate::app", "super::super::app"]);
    assert!(
        found.is_empty(),
        "panels read state from below and push Actions; they never import the app:\n{}",
        found.join("\n")
    );
}

#[test]
fn what_panels_read_knows_nothing_of_panels_the_app_or_egui() {
    for dir in ["course", "study", "practice"] {
        let found = lines_naming(dir, &["crate::app", "crate::ui", "egui::", "use egui"]);
        assert!(
            found.is_empty(),
            "src/{dir} sits below the panels and the app:\n{}",
            found.join("\n")
        );
    }
}
