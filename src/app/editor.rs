//! Opening a file or folder for editing: with the editor command the
//! learner set for this machine, else with the system's text editor or file
//! manager. Never with the system's default app for the file: on Windows
//! and macOS that may run a `.py` file instead of showing it.

use std::path::Path;

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

/// The programs that open `path`, in the order they are tried: the
/// learner's editor command (split as a shell would, never run through
/// one), else the system's text editor or file manager.
fn openers(command: Option<&str>, is_folder: bool) -> Result<Vec<Vec<String>>, String> {
    if let Some(command) = command.map(str::trim).filter(|c| !c.is_empty()) {
        let words = shlex::split(command)
            .filter(|words| !words.is_empty())
            .ok_or_else(|| {
                format!("the editor command `{command}` could not be read (an unclosed quote?)")
            })?;
        return Ok(vec![words]);
    }
    Ok(fallbacks(is_folder)
        .iter()
        .map(|words| words.iter().map(|w| (*w).to_owned()).collect())
        .collect())
}

/// Opens `path` (a file or a folder) with `command` (the editor command
/// from Settings, the path added as its last argument) or else the
/// system's text editor or file manager. Returns what opened it, or what
/// failed. The program is reaped on a thread of its own.
pub fn open_in_editor(command: Option<&str>, path: &Path) -> Result<String, String> {
    let words = openers(command, path.is_dir())?;
    let openers: Vec<Vec<&str>> = words
        .iter()
        .map(|w| w.iter().map(String::as_str).collect())
        .collect();
    let openers: Vec<&[&str]> = openers.iter().map(Vec::as_slice).collect();
    super::folder::open_folder_with(&openers, path)
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
    fn the_editor_command_is_split_as_a_shell_would_and_never_run_by_one() {
        assert_eq!(
            openers(Some("code --wait"), false),
            Ok(vec![vec!["code".to_owned(), "--wait".to_owned()]])
        );
        assert_eq!(
            openers(Some(r#""/Applications/My Editor/bin/ed" -n"#), false),
            Ok(vec![vec![
                "/Applications/My Editor/bin/ed".to_owned(),
                "-n".to_owned()
            ]])
        );
        assert!(openers(Some("code 'unclosed"), false).is_err());
        let defaults = openers(Some("  "), false).expect("the system's default");
        assert!(!defaults.is_empty());
        assert!(
            defaults
                .iter()
                .all(|words| words[0] != "python" && words[0] != "py"),
            "never a Python launcher"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_file_is_one_argument_after_the_commands_words() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a file; rm -rf x.py");
        std::fs::write(&file, "").expect("write");
        assert!(open_in_editor(Some("true --flag"), &file).is_ok());
        let failed = open_in_editor(Some("/no/such/editor"), &file).expect_err("no editor");
        assert!(failed.contains("/no/such/editor"), "{failed}");
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
