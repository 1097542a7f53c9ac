//! Opening a file or folder for editing: with the editor command the
//! learner set for this machine, else with the system's text editor or file
//! manager. Never with the system's default app for the file: on Windows
//! and macOS that may run a `.py` file instead of showing it.

use std::path::Path;
use std::process::Command;

/// The programs that open `path` for editing when no editor command is set,
/// in the order they are tried: a text editor for a file, the file manager
/// for a folder.
fn fallbacks(is_folder: bool) -> &'static [&'static [&'static str]] {
    if cfg!(target_os = "windows") {
        if is_folder {
            &[&["explorer"]]
        } else {
            &[&["notepad"]]
        }
    } else if cfg!(target_os = "macos") {
        // `-t`: the default text editor, whatever the file's type.
        if is_folder {
            &[&["open"]]
        } else {
            &[&["open", "-t"]]
        }
    } else {
        // Linux desktops open a .py with a text editor (never run it).
        &[&["xdg-open"], &["gio", "open"]]
    }
}

/// Opens `path` (a file or a folder) with `command` (the editor command
/// from Settings, split on spaces, the path added last) or else the
/// system's text editor or file manager. Returns what opened it, or what
/// failed. The program is reaped on a thread of its own.
pub fn open_in_editor(command: Option<&str>, path: &Path) -> Result<String, String> {
    let typed: Vec<&str> = command
        .map(|c| c.split_whitespace().collect())
        .unwrap_or_default();
    let openers: Vec<&[&str]> = if typed.is_empty() {
        fallbacks(path.is_dir()).to_vec()
    } else {
        vec![typed.as_slice()]
    };
    let mut failures = Vec::new();
    for opener in openers {
        let Some((program, args)) = opener.split_first() else {
            continue;
        };
        match Command::new(program).args(args).arg(path).spawn() {
            Ok(mut child) => {
                std::thread::spawn(move || child.wait());
                return Ok(opener.join(" "));
            }
            Err(error) => failures.push(format!("{}: {error}", opener.join(" "))),
        }
    }
    Err(failures.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_editor_command_gets_the_path_last_and_a_missing_one_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let error = open_in_editor(Some("no-such-editor-here --wait"), dir.path()).unwrap_err();
        assert!(error.starts_with("no-such-editor-here --wait:"), "{error}");
    }

    #[test]
    fn a_python_file_is_never_handed_to_the_default_app_on_windows_or_macos() {
        for opener in fallbacks(false) {
            assert_ne!(opener, &["open"], "macOS `open` alone may run a .py");
            assert_ne!(opener, &["explorer"], "explorer may run a .py");
            assert_ne!(opener, &["cmd", "/c", "start"]);
        }
    }

    #[cfg(unix)]
    #[test]
    fn the_editor_command_is_run_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let marker = dir.path().join("opened");
        let script = dir.path().join("editor.sh");
        std::fs::write(
            &script,
            format!("#!/bin/sh\necho \"$1\" > {}\n", marker.display()),
        )
        .unwrap();
        let command = format!("sh {}", script.display());
        open_in_editor(Some(&command), dir.path()).unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        let mut text = String::new();
        while !text.ends_with('\n') && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(20));
            text = std::fs::read_to_string(&marker).unwrap_or_default();
        }
        assert_eq!(text.trim(), dir.path().display().to_string());
    }
}
