//! File dialogs on a worker thread, so the window never freezes, and the
//! file I/O that follows the pick happens there too.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

use crate::study::Progress;
use crate::study::clock::date_and_time;
use crate::study::store::{self, BackupInfo};

/// What the learner asked a dialog for, with the data it needs.
pub enum Request {
    ExportProgress(Progress),
    /// Pick a file, back the current data up, read the file.
    ImportProgress,
    /// Back the current data up and read this file (dropped on the window,
    /// or typed when no dialog can be shown).
    ImportFrom(PathBuf),
    ExportNotes(String),
    /// Write the learner's data where they pick (when saving fails).
    SaveCopy(Progress),
    /// Pick the Python that runs the learner's code.
    ChoosePython,
    /// Pick the work folder exercises are opened in as files.
    ChooseWorkFolder,
    /// Try the Python at this typed path: chosen if it answers as a Python 3.
    TryPython(PathBuf),
    /// Read the backups for the Restore dialog (no file dialog).
    ListBackups,
    /// Back the current data up, then read a backup (no file dialog).
    Restore {
        path: PathBuf,
        label: String,
        is_replace: bool,
    },
}

/// What came of a dialog.
#[derive(Debug)]
pub enum Outcome {
    /// Something was written; the message says what and where.
    Done(String),
    /// A progress file was read, to be merged; the data from before was
    /// backed up to `backup`.
    Imported {
        progress: Progress,
        path: PathBuf,
        backup: Option<PathBuf>,
    },
    /// The learner picked a Python.
    PythonChosen(PathBuf),
    /// The learner picked a work folder.
    WorkFolderChosen(PathBuf),
    /// No dialog could be shown to choose a Python: ask for its path.
    AskPythonPath(String),
    /// The backups, newest first.
    Backups(Vec<BackupInfo>),
    /// A backup was read, to be merged or to replace the data.
    Restored {
        progress: Progress,
        label: String,
        is_replace: bool,
        backup: Option<PathBuf>,
    },
    /// The learner cancelled.
    Cancelled,
    /// No dialog could be shown for an import: ask for the file's path.
    AskImportPath(String),
    /// No dialog could be shown; the message says why and what happened instead.
    Unavailable(String),
    /// Reading or writing the chosen file failed.
    Failed(String),
}

/// Runs dialogs one at a time on worker threads.
pub struct Dialogs {
    sender: Sender<Outcome>,
    receiver: Receiver<Outcome>,
    is_open: bool,
    /// The data dir: exports land in its `exports/` when no dialog can be
    /// shown, and backups are taken there.
    data_dir: PathBuf,
}

/// A dialog picked nothing this fast only if none was shown.
const TOO_FAST_TO_BE_A_PERSON: Duration = Duration::from_millis(300);

impl Dialogs {
    /// Dialogs for the learner's data in `data_dir`.
    pub fn new(data_dir: PathBuf) -> Self {
        let (sender, receiver) = channel();
        Self {
            sender,
            receiver,
            is_open: false,
            data_dir,
        }
    }

    /// Whether a dialog is open now.
    pub fn is_open(&self) -> bool {
        self.is_open
    }

    /// Opens a dialog for `request` unless one is already open.
    pub fn open(&mut self, request: Request, now_ms: u64, on_done: impl Fn() + Send + 'static) {
        if self.is_open {
            return;
        }
        self.is_open = true;
        let sender = self.sender.clone();
        let data_dir = self.data_dir.clone();
        let spawned = std::thread::Builder::new()
            .name("dialog".into())
            .spawn(move || {
                // A bug here must not leave the menus disabled forever.
                let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    run(request, &data_dir, now_ms)
                }))
                .unwrap_or_else(|panic| {
                    Outcome::Failed(format!(
                        "The dialog stopped with an internal error: {}",
                        super::saver::panic_message(panic.as_ref())
                    ))
                });
                let _ = sender.send(outcome);
                on_done();
            });
        if let Err(error) = spawned {
            self.is_open = false;
            let _ = self.sender.send(Outcome::Failed(format!(
                "cannot start the dialog thread: {error}"
            )));
        }
    }

    /// The outcome of the open dialog, once it is closed.
    pub fn poll(&mut self) -> Option<Outcome> {
        let outcome = self.receiver.try_recv().ok()?;
        self.is_open = false;
        Some(outcome)
    }
}

fn run(request: Request, data_dir: &Path, now_ms: u64) -> Outcome {
    let (date, time) = date_and_time(now_ms);
    let stamp = format!("{date}-{time}");
    let (title, default_name, filter, is_save) = match &request {
        Request::ListBackups => return Outcome::Backups(store::list_backups(data_dir)),
        Request::ImportFrom(path) => return import(data_dir, path, now_ms),
        Request::TryPython(path) => return try_python(path),
        Request::Restore {
            path,
            label,
            is_replace,
        } => {
            return match back_up(data_dir, "before-restore", now_ms) {
                Err(message) => {
                    Outcome::Failed(format!("Restore failed, nothing changed: {message}"))
                }
                Ok(backup) => match store::read_file(path) {
                    Ok(progress) => Outcome::Restored {
                        progress,
                        label: label.clone(),
                        is_replace: *is_replace,
                        backup,
                    },
                    Err(error) => {
                        Outcome::Failed(format!("Restore failed, nothing changed: {error}"))
                    }
                },
            };
        }
        Request::ExportProgress(_) => (
            "Export progress",
            format!("pyroadmap-progress-{stamp}.ron"),
            ("RON", "ron"),
            true,
        ),
        Request::ImportProgress => ("Import progress", String::new(), ("RON", "ron"), false),
        Request::ChoosePython => {
            if !dialogs_available() {
                return Outcome::AskPythonPath(
                    "No file dialog could be shown (on Linux, install xdg-desktop-portal or zenity). Type the path of the Python to use.".into(),
                );
            }
            let picked = block_on(
                rfd::AsyncFileDialog::new()
                    .set_title("Choose the Python that runs your code")
                    .pick_file(),
            );
            return picked.map_or(Outcome::Cancelled, |file| {
                Outcome::PythonChosen(file.path().to_owned())
            });
        }
        Request::ChooseWorkFolder => {
            if !dialogs_available() {
                return Outcome::Failed("No folder dialog could be shown (on Linux, install xdg-desktop-portal or zenity); the work folder stays as it is.".into());
            }
            let picked = block_on(
                rfd::AsyncFileDialog::new()
                    .set_title("Choose your work folder")
                    .pick_folder(),
            );
            return picked.map_or(Outcome::Cancelled, |folder| {
                Outcome::WorkFolderChosen(folder.path().to_owned())
            });
        }
        Request::ExportNotes(_) => (
            "Export notes",
            format!("pyroadmap-notes-{stamp}.md"),
            ("Markdown", "md"),
            true,
        ),
        Request::SaveCopy(_) => (
            "Save a copy of your progress",
            format!("pyroadmap-progress-copy-{stamp}.ron"),
            ("RON", "ron"),
            true,
        ),
    };
    let picked = if dialogs_available() {
        let started = Instant::now();
        let dialog = rfd::AsyncFileDialog::new()
            .set_title(title)
            .add_filter(filter.0, &[filter.1]);
        let picked = if is_save {
            block_on(dialog.set_file_name(&default_name).save_file())
        } else {
            block_on(dialog.pick_file())
        };
        match picked {
            Some(handle) => Some(handle.path().to_owned()),
            None if started.elapsed() < TOO_FAST_TO_BE_A_PERSON => None,
            None => return Outcome::Cancelled,
        }
    } else {
        None
    };
    let Some(path) = picked else {
        return unavailable(request, &data_dir.join("exports").join(default_name));
    };
    if matches!(request, Request::ImportProgress) {
        return import(data_dir, &path, now_ms);
    }
    finish(request, &path)
}

/// Backs the current data up, then reads the file to import.
fn import(data_dir: &Path, path: &Path, now_ms: u64) -> Outcome {
    if !path.is_file() {
        return Outcome::Failed(format!(
            "Import failed, nothing changed: there is no file at {}. Check the path and try again.",
            path.display()
        ));
    }
    match back_up(data_dir, "before-import", now_ms) {
        Ok(backup) => match finish(Request::ImportProgress, path) {
            Outcome::Imported { progress, path, .. } => Outcome::Imported {
                progress,
                path,
                backup,
            },
            other => other,
        },
        Err(message) => Outcome::Failed(format!("Import failed, nothing changed: {message}")),
    }
}

/// The Python at a typed path, if it answers as a Python 3.
fn try_python(path: &Path) -> Outcome {
    if !path.is_file() {
        return Outcome::Failed(format!(
            "There is no file at {}. Check the path and try again.",
            path.display()
        ));
    }
    match crate::practice::python::probe(&[path.display().to_string()]) {
        Ok(_) => Outcome::PythonChosen(path.to_owned()),
        Err(reason) => Outcome::Failed(format!(
            "{} is not a Python 3 that pyroadmap can use: {reason}.",
            path.display()
        )),
    }
}

/// Backs the current data up before it is changed in bulk.
fn back_up(data_dir: &Path, why: &str, now_ms: u64) -> Result<Option<PathBuf>, String> {
    store::back_up_now(data_dir, why, now_ms)
        .map_err(|error| format!("could not back up your data first ({error})"))
}

/// Writes or reads the file the learner picked.
fn finish(request: Request, path: &Path) -> Outcome {
    match request {
        Request::ExportProgress(progress) => match store::write_file(path, &progress) {
            Ok(()) => Outcome::Done(format!("Exported progress and notes to {}", path.display())),
            Err(error) => Outcome::Failed(format!("Export failed: {error}")),
        },
        Request::SaveCopy(progress) => match store::write_file(path, &progress) {
            Ok(()) => Outcome::Done(format!(
                "Saved a copy of your progress and notes to {}",
                path.display()
            )),
            Err(error) => Outcome::Failed(format!("Saving a copy failed: {error}")),
        },
        Request::ListBackups
        | Request::Restore { .. }
        | Request::ChoosePython
        | Request::ChooseWorkFolder
        | Request::TryPython(_)
        | Request::ImportFrom(_) => {
            Outcome::Failed("internal error: this request needs no file".into())
        }
        Request::ExportNotes(markdown) => {
            match store::write_atomically(path, markdown.as_bytes()) {
                Ok(()) => Outcome::Done(format!("Exported notes to {}", path.display())),
                Err(error) => Outcome::Failed(format!("Export failed: {error}")),
            }
        }
        Request::ImportProgress => match store::read_file(path) {
            Ok(progress) => Outcome::Imported {
                progress,
                path: path.to_owned(),
                backup: None,
            },
            Err(error) => Outcome::Failed(format!("Import failed, nothing changed: {error}")),
        },
    }
}

/// No dialog could be shown: exports still happen, into the data dir.
fn unavailable(request: Request, fallback: &Path) -> Outcome {
    const WHY: &str =
        "No file dialog could be shown (on Linux, install xdg-desktop-portal or zenity).";
    if matches!(request, Request::ImportProgress) {
        return Outcome::AskImportPath(format!(
            "{WHY} Type the path of the file to import, or drop the file on the window."
        ));
    }
    if let Some(dir) = fallback.parent()
        && let Err(error) = std::fs::create_dir_all(dir)
    {
        return Outcome::Unavailable(format!(
            "{WHY} Could not save to {} either: {error}",
            dir.display()
        ));
    }
    match finish(request, fallback) {
        Outcome::Done(message) => Outcome::Done(format!(
            "{message} (no file dialog could be shown, so it went to your data folder)."
        )),
        other => other,
    }
}

/// Whether this system can show a file dialog at all. On Linux and the BSDs
/// rfd needs the desktop portal (over D-Bus) or zenity.
fn dialogs_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    let has_session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    let has_zenity = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file()));
    has_session_bus || has_zenity
}

/// Runs a future to completion on this (worker) thread.
fn block_on<F: Future>(future: F) -> F::Output {
    struct ThreadWaker {
        thread: std::thread::Thread,
        is_woken: Mutex<bool>,
    }
    impl Wake for ThreadWaker {
        fn wake(self: Arc<Self>) {
            *self.is_woken.lock().unwrap_or_else(PoisonError::into_inner) = true;
            self.thread.unpark();
        }
    }
    let state = Arc::new(ThreadWaker {
        thread: std::thread::current(),
        is_woken: Mutex::new(false),
    });
    let waker = Waker::from(Arc::clone(&state));
    let mut context = Context::from_waker(&waker);
    let mut future = std::pin::pin!(future);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut context) {
            return output;
        }
        loop {
            let mut is_woken = state
                .is_woken
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if *is_woken {
                *is_woken = false;
                break;
            }
            drop(is_woken);
            std::thread::park();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::study::Status;

    fn progress_with_note() -> Progress {
        let mut p = Progress::default();
        p.update_topic("dicts", 5, |r| {
            r.note = "use .get".into();
            r.status = Status::Done;
        });
        p
    }

    #[test]
    fn export_then_import_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.ron");
        let Outcome::Done(message) = finish(Request::ExportProgress(progress_with_note()), &path)
        else {
            panic!("export should succeed")
        };
        assert!(message.contains("export.ron"), "{message}");
        let Outcome::Imported { progress, .. } = finish(Request::ImportProgress, &path) else {
            panic!("import should read the export")
        };
        assert_eq!(progress, progress_with_note());
    }

    #[test]
    fn importing_a_bad_file_changes_nothing_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "not progress").unwrap();
        let Outcome::Failed(message) = finish(Request::ImportProgress, &path) else {
            panic!("expected a failure")
        };
        assert!(
            message.starts_with("Import failed, nothing changed:"),
            "{message}"
        );
        assert!(
            message.contains("notes.txt:1:"),
            "the message says where: {message}"
        );
    }

    #[test]
    fn without_a_dialog_exports_land_in_the_data_dir() {
        let dir = tempfile::tempdir().unwrap();
        let fallback = dir.path().join("exports").join("pyroadmap-notes.md");
        let Outcome::Done(message) =
            unavailable(Request::ExportNotes("# Notes\n".into()), &fallback)
        else {
            panic!("an export without a dialog still succeeds")
        };
        assert!(
            message.contains("no file dialog could be shown"),
            "{message}"
        );
        assert!(message.contains("pyroadmap-notes.md"), "{message}");
        assert_eq!(std::fs::read_to_string(&fallback).unwrap(), "# Notes\n");
        let Outcome::AskImportPath(message) = unavailable(Request::ImportProgress, &fallback)
        else {
            panic!("an import without a dialog asks for the path")
        };
        assert!(message.contains("Type the path"), "{message}");
    }

    #[test]
    fn importing_a_path_backs_up_first_and_a_missing_file_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nowhere.ron");
        let Outcome::Failed(message) = run(Request::ImportFrom(missing), dir.path(), 1) else {
            panic!("a missing file fails")
        };
        assert!(message.contains("there is no file at"), "{message}");
        let path = dir.path().join("progress-copy.ron");
        store::write_file(&path, &progress_with_note()).unwrap();
        let Outcome::Imported { progress, .. } = run(Request::ImportFrom(path), dir.path(), 1)
        else {
            panic!("the file is read")
        };
        assert_eq!(progress, progress_with_note());
    }
}
