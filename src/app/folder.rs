//! Opening a folder in the system's file manager (Help › About › Open
//! folder): the platform's opener, then a fallback, and a clear message
//! when none is there.

use std::path::Path;
use std::process::Command;

/// The programs that open a folder here, in the order they are tried.
fn openers() -> &'static [&'static [&'static str]] {
    if cfg!(target_os = "windows") {
        &[&["explorer"]]
    } else if cfg!(target_os = "macos") {
        &[&["open"]]
    } else {
        // xdg-open is missing on some minimal desktops; GLib's gio is there
        // wherever GNOME's libraries are.
        &[&["xdg-open"], &["gio", "open"]]
    }
}

/// Opens `folder` with the first of `openers` that starts; returns its
/// name, or what failed for each. The opener is reaped on a thread of its
/// own, so no process is left behind.
pub fn open_folder_with(openers: &[&[&str]], folder: &Path) -> Result<String, String> {
    let mut failures = Vec::new();
    for opener in openers {
        let Some((program, args)) = opener.split_first() else {
            continue;
        };
        match Command::new(program).args(args).arg(folder).spawn() {
            Ok(mut child) => {
                std::thread::spawn(move || child.wait());
                return Ok(opener.join(" "));
            }
            Err(error) => failures.push(format!("{}: {error}", opener.join(" "))),
        }
    }
    Err(failures.join("; "))
}

/// Opens `folder` in the file manager, or says why it could not.
pub fn open_folder(folder: &Path) -> Result<String, String> {
    open_folder_with(openers(), folder)
}

impl super::PyroadmapApp {
    /// Opens the data folder, or shows why it could not be opened.
    pub(super) fn open_data_folder(&mut self) {
        if let Err(failed) = open_folder(&self.data_dir) {
            self.show_banner(crate::ui::Banner::new(
                crate::ui::BannerKind::Warning,
                format!(
                    "The folder could not be opened ({failed}). It is {}: Copy path in Help › About.",
                    self.data_dir.display()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_opener_falls_back_to_the_next_and_none_says_why() {
        let folder = std::env::temp_dir();
        #[cfg(unix)]
        assert_eq!(
            open_folder_with(&[&["/no/such/xdg-open"], &["true"]], &folder),
            Ok("true".to_owned()),
            "the fallback opens it"
        );
        let failed = open_folder_with(
            &[&["/no/such/xdg-open"], &["/no/such/gio", "open"]],
            &folder,
        )
        .expect_err("no opener");
        assert!(
            failed.contains("/no/such/xdg-open") && failed.contains("/no/such/gio open"),
            "{failed}"
        );
    }
}
