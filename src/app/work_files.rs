//! Exercises as files in the work folder: Open in editor (the file written
//! when missing, never replaced), Open folder, Reset with a backup, and one
//! copy of the code: while an exercise's file exists, the in-app editor
//! shows it and writes to it, and what both sides changed is kept.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::PyroadmapApp;
use crate::practice::check_queue::CheckQueue;
use crate::practice::watch::{FolderWatch, WatchedItem};
use crate::practice::work_folder::{self, backup_path, read_exercise_file, write_new_file};
use crate::ui::{Banner, BannerKind};

/// How long after the last keystroke in the app its code is written to the
/// exercise's file, in ms.
const FILE_WRITE_DELAY_MS: u64 = 300;

/// (topic, exercise).
pub(super) type ExerciseKey = (String, String);

/// The exercises' files as the app knows them, and the watch on the folder.
pub(super) struct WorkFiles {
    /// The watch, while the work folder is watched.
    pub(super) watch: Option<FolderWatch>,
    /// The folder the watch (or its failure) is for.
    pub(super) watched_folder: Option<PathBuf>,
    /// Each linked exercise file's text as last read or written: a change
    /// on disk is a text that differs from it.
    pub(super) known: HashMap<ExerciseKey, String>,
    /// In-app edits not yet written to their file, and when they are due (ms).
    pub(super) pending: BTreeMap<ExerciseKey, u64>,
    /// Checks asked for by saves, one at a time.
    pub(super) queue: CheckQueue<WatchedItem>,
    /// The page whose exercise files were last read.
    pub(super) synced_page: Option<crate::ui::Page>,
    /// Pretend watching fails, for this reason (tests).
    pub(super) watch_failure: Option<String>,
}

impl WorkFiles {
    /// No files known yet; `watch_failure` pretends watching fails (tests).
    pub(super) fn new(watch_failure: Option<String>) -> Self {
        Self {
            watch: None,
            watched_folder: None,
            known: HashMap::new(),
            pending: BTreeMap::new(),
            queue: CheckQueue::default(),
            synced_page: None,
            watch_failure,
        }
    }
}

/// What reading an exercise's file found.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum FileRead {
    /// No file: the app's copy is the code.
    Missing,
    /// The file holds what the app last read or wrote.
    Unchanged,
    /// The file changed on disk; the app now shows its text.
    Changed,
    /// The file could not be read (too large, not UTF-8); it is left alone.
    Unreadable,
}

impl PyroadmapApp {
    /// The file of an exercise in the work folder.
    pub(super) fn exercise_path(&self, topic: &str, exercise: &str) -> Option<PathBuf> {
        let found = self.course.topic(topic)?;
        let section = self.course.sections.get(found.section_index)?;
        Some(work_folder::exercise_file(
            &self.work_folder(),
            &section.id,
            topic,
            exercise,
        ))
    }

    /// The learner's code for an exercise as the app shows it.
    pub(super) fn exercise_code(&self, topic: &str, exercise: &str) -> String {
        let record = self.progress.topic(topic).exercises.get(exercise);
        match record {
            Some(record) if record.code.ms != 0 => record.code.text.clone(),
            _ => self
                .course
                .topic(topic)
                .and_then(|t| t.exercises.iter().find(|e| e.id == exercise))
                .map(|e| e.starter.clone())
                .unwrap_or_default(),
        }
    }

    /// Reads an exercise's file and takes its text as the learner's code
    /// when it changed on disk. When the app's copy had edits not yet
    /// written too, both are kept: the app's goes beside the file as
    /// `<id>.py.pyroadmap-<time>`, and a banner names it.
    pub(super) fn read_exercise_file(&mut self, topic: &str, exercise: &str) -> FileRead {
        let key = (topic.to_owned(), exercise.to_owned());
        let Some(path) = self.exercise_path(topic, exercise) else {
            return FileRead::Missing;
        };
        let text = match read_exercise_file(&path) {
            Ok(Some(text)) => text,
            Ok(None) => {
                // Deleted: the exercise is the app's copy again.
                self.work.known.remove(&key);
                self.work.pending.remove(&key);
                return FileRead::Missing;
            }
            Err(reason) => {
                self.work.known.remove(&key);
                self.work.pending.remove(&key);
                self.show_banner(Banner::new(
                    BannerKind::Warning,
                    format!("{reason}. The app keeps showing its own copy of your code, and the file is left as it is."),
                ));
                return FileRead::Unreadable;
            }
        };
        if self.work.known.get(&key) == Some(&text) {
            return FileRead::Unchanged;
        }
        let now = self.clock.now_ms();
        let ours = self.exercise_code(topic, exercise);
        if self.work.pending.remove(&key).is_some() && ours != text {
            let copy = backup_path(&path, now, &self.clock.time_zone());
            let name = copy
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            let banner = match crate::study::store::write_atomically(&copy, ours.as_bytes()) {
                Ok(()) => Banner::new(
                    BannerKind::Warning,
                    format!(
                        "{} changed in your editor while you were typing in the app. The app now shows the file; what you typed in the app is kept beside it as {name}.",
                        file_name(&path)
                    ),
                ),
                Err(error) => Banner::new(
                    BannerKind::Warning,
                    format!(
                        "{} changed in your editor while you were typing in the app, and the app's copy could not be kept ({error}). The app shows the file.",
                        file_name(&path)
                    ),
                ),
            };
            self.show_banner(banner);
        }
        if ours != text {
            Arc::make_mut(&mut self.progress).update_exercise(topic, exercise, now, |record| {
                record.code.text.clone_from(&text);
            });
            self.mark_dirty(now);
        }
        self.work.known.insert(key, text);
        FileRead::Changed
    }

    /// The learner typed in the app: the exercise's file, if it has one,
    /// is written a moment after the last keystroke.
    pub(super) fn exercise_edited(&mut self, topic: &str, exercise: &str, now: u64) {
        let key = (topic.to_owned(), exercise.to_owned());
        if self.work.known.contains_key(&key) {
            self.work.pending.insert(key, now + FILE_WRITE_DELAY_MS);
        }
    }

    /// Writes the in-app edits that are due (all of them with `is_all`) to
    /// their files: a file changed on disk meanwhile wins, the app's copy
    /// kept beside it; a file deleted meanwhile is not made again.
    pub(super) fn write_due_files(&mut self, now: u64, is_all: bool) {
        let due: Vec<ExerciseKey> = self
            .work
            .pending
            .iter()
            .filter(|(_, at)| is_all || **at <= now)
            .map(|(key, _)| key.clone())
            .collect();
        for (topic, exercise) in due {
            match self.read_exercise_file(&topic, &exercise) {
                FileRead::Unchanged => {}
                // Handled there: the app's copy kept, or the file gone.
                FileRead::Changed | FileRead::Missing | FileRead::Unreadable => continue,
            }
            let key = (topic.clone(), exercise.clone());
            self.work.pending.remove(&key);
            let Some(path) = self.exercise_path(&topic, &exercise) else {
                continue;
            };
            let code = self.exercise_code(&topic, &exercise);
            match crate::study::store::write_atomically(&path, code.as_bytes()) {
                Ok(()) => {
                    self.work.known.insert(key, code);
                }
                Err(error) => self.show_banner(Banner::new(
                    BannerKind::Warning,
                    format!(
                        "Your code could not be written to {}: {error}. It is kept in the app.",
                        path.display()
                    ),
                )),
            }
        }
    }

    /// Writes every in-app edit to its file now (closing, or the work
    /// folder changing).
    pub(super) fn write_edited_files(&mut self) {
        let now = self.clock.now_ms();
        self.write_due_files(now, true);
    }

    /// Open in editor: writes the learner's code to the exercise's file if
    /// there is none (an existing file is never replaced, and its text is
    /// shown), watches the folder, and opens the file in their editor.
    pub(super) fn open_in_editor(&mut self, ctx: &egui::Context, topic: &str, exercise: &str) {
        let Some(path) = self.exercise_path(topic, exercise) else {
            return;
        };
        let code = self.exercise_code(topic, exercise);
        match write_new_file(&path, &code) {
            Ok(true) => {
                self.work
                    .known
                    .insert((topic.to_owned(), exercise.to_owned()), code);
            }
            Ok(false) => {
                if self.read_exercise_file(topic, exercise) == FileRead::Unreadable {
                    return;
                }
            }
            Err(error) => {
                self.show_banner(Banner::new(
                    BannerKind::Warning,
                    format!("{} could not be written: {error}. Choose another work folder in View › Work folder.", path.display()),
                ));
                return;
            }
        }
        self.ensure_watch(ctx);
        let command = self.machine.settings().editor_command.clone();
        if let Err(failed) = super::editor::open_in_editor(command.as_deref(), &path) {
            self.show_banner(Banner::new(
                BannerKind::Warning,
                format!("{} could not be opened in an editor ({failed}). Set the editor command in View › Editor command, or open the file yourself.", path.display()),
            ));
        }
    }

    /// Open folder: the exercise's folder in the work folder (made first).
    pub(super) fn open_exercise_folder(
        &mut self,
        ctx: &egui::Context,
        topic: &str,
        exercise: &str,
    ) {
        let Some(path) = self.exercise_path(topic, exercise) else {
            return;
        };
        let Some(folder) = path.parent().map(Path::to_owned) else {
            return;
        };
        let opened = std::fs::create_dir_all(&folder)
            .map_err(|e| e.to_string())
            .and_then(|()| super::folder::open_folder(&folder));
        self.ensure_watch(ctx);
        if let Err(failed) = opened {
            self.show_banner(Banner::new(
                BannerKind::Warning,
                format!(
                    "The folder {} could not be opened ({failed}).",
                    folder.display()
                ),
            ));
        }
    }

    /// Reset: the starter code again. The exercise's file, if there is one,
    /// is kept beside it as `<id>.py.pyroadmap-<time>` before the starter
    /// replaces it.
    pub(super) fn reset_exercise(&mut self, topic: &str, exercise: &str, now: u64) {
        let Some(starter) = self
            .course
            .topic(topic)
            .and_then(|t| t.exercises.iter().find(|e| e.id == exercise))
            .map(|e| e.starter.clone())
        else {
            return;
        };
        let key = (topic.to_owned(), exercise.to_owned());
        self.work.pending.remove(&key);
        if let Some(path) = self.exercise_path(topic, exercise)
            && path.is_file()
        {
            let copy = backup_path(&path, now, &self.clock.time_zone());
            let written = std::fs::copy(&path, &copy)
                .map_err(|e| format!("the backup {} could not be written: {e}", copy.display()))
                .and_then(|_| {
                    crate::study::store::write_atomically(&path, starter.as_bytes())
                        .map_err(|e| e.to_string())
                });
            match written {
                Ok(()) => {
                    self.work.known.insert(key, starter.clone());
                    self.show_banner(Banner::new(
                        BannerKind::Success,
                        format!(
                            "Back to the starter code. Your file was kept beside it as {}.",
                            file_name(&copy)
                        ),
                    ));
                }
                Err(error) => {
                    self.show_banner(Banner::new(
                        BannerKind::Warning,
                        format!("Reset did not change {}: {error}.", path.display()),
                    ));
                    return;
                }
            }
        }
        self.edit_exercise(topic, exercise, starter, now);
    }
}

/// A file's name, for messages.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
