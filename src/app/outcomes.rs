//! Taking in what a file dialog brought: an import or a restore merged
//! into (or replacing) the learner's data, the backups to choose from, a
//! Python, or a path to ask for when no dialog could open.

use std::path::Path;
use std::sync::Arc;

use super::PyroadmapApp;
use super::changes::describe_changes;
use super::dialogs::Outcome;
use crate::study::{Progress, merge};
use crate::ui::{Banner, BannerKind, RestoreDialog};

impl PyroadmapApp {
    /// Takes in a dialog's outcome: a banner says what happened.
    pub(super) fn take_dialog_outcome(&mut self, outcome: Outcome) {
        // A path typed or dropped in the path dialog: what is wrong with it
        // is said there, and the dialog stays open to correct it.
        if let Some(prompt) = &mut self.ui.import_prompt
            && prompt.is_waiting
        {
            prompt.is_waiting = false;
            match outcome {
                Outcome::Failed(message) | Outcome::Unavailable(message) => {
                    prompt.error = Some(message);
                    return;
                }
                Outcome::Cancelled => return,
                _ => self.ui.import_prompt = None,
            }
        }
        let banner = match outcome {
            Outcome::Cancelled => return,
            Outcome::Done(message) => Banner::new(BannerKind::Success, message),
            Outcome::AskImportPath(reason) => {
                self.ui.import_prompt = Some(crate::ui::ImportPrompt {
                    path: String::new(),
                    reason: Some(reason),
                    purpose: crate::ui::PathPurpose::Import,
                    ..Default::default()
                });
                return;
            }
            Outcome::AskPythonPath(reason) => {
                self.ui.import_prompt = Some(crate::ui::ImportPrompt {
                    path: self
                        .machine
                        .settings()
                        .python_path
                        .clone()
                        .unwrap_or_default(),
                    reason: Some(reason),
                    purpose: crate::ui::PathPurpose::Python,
                    ..Default::default()
                });
                return;
            }
            Outcome::Unavailable(message) | Outcome::Failed(message) => {
                Banner::new(BannerKind::Error, message)
            }
            Outcome::Imported {
                progress,
                path,
                backup,
            } => {
                // The learner's own code is never replaced by the file's.
                let merged = merge::merge_import(&self.progress, &progress);
                let summary = describe_changes(&self.progress, &merged, &progress);
                self.set_progress(merged);
                Banner::new(
                    BannerKind::Success,
                    format!(
                        "Imported {}: {summary}.{}",
                        path.display(),
                        backed_up(backup.as_deref())
                    ),
                )
            }
            Outcome::WorkFolderChosen(path) => {
                self.use_work_folder(Some(path));
                return;
            }
            Outcome::PythonChosen(path) => {
                self.use_python(&path);
                return;
            }
            Outcome::Backups(backups) => {
                if backups.is_empty() {
                    Banner::new(
                        BannerKind::Info,
                        "There are no backups yet: pyroadmap keeps one a day once you have saved progress on two days.".to_owned(),
                    )
                } else {
                    // Today's backup often holds what the learner has now:
                    // start on the newest one that differs.
                    let selected = backups
                        .iter()
                        .position(|b| {
                            !crate::ui::differences(&self.course, &self.progress, &b.progress)
                                .is_empty()
                        })
                        .unwrap_or(0);
                    self.ui.restore = Some(RestoreDialog { backups, selected });
                    return;
                }
            }
            Outcome::Restored {
                progress,
                label,
                is_replace,
                backup,
            } => {
                let restored = if is_replace {
                    let mut replaced = (*self.progress).clone();
                    replace_with(&mut replaced, &progress, self.clock.now_ms());
                    replaced
                } else {
                    merge::merge(None, &self.progress, &progress)
                };
                let summary = describe_changes(&self.progress, &restored, &progress);
                self.set_progress(restored);
                let how = if is_replace {
                    "Replaced your data with"
                } else {
                    "Merged in"
                };
                Banner::new(
                    BannerKind::Success,
                    format!(
                        "{how} the backup of {label}: {summary}.{}",
                        backed_up(backup.as_deref())
                    ),
                )
            }
        };
        self.show_banner(banner);
    }

    fn set_progress(&mut self, progress: Progress) {
        self.progress = Arc::new(progress);
        self.data_version += 1;
        let _ = self.migrate_quiz_positions();
        self.resync_search_notes();
        self.mark_dirty(self.clock.now_ms());
    }
}

/// Says where the data from before an import or a restore is kept.
fn backed_up(backup: Option<&Path>) -> String {
    backup.map_or_else(String::new, |path| {
        format!(" Your data from before is backed up in {}.", path.display())
    })
}

/// Replaces every field of `ours` with `theirs`'s, stamped now, so other
/// windows and copies take the restored values too.
fn replace_with(ours: &mut Progress, theirs: &Progress, now_ms: u64) {
    let ids: Vec<String> = ours
        .topics
        .keys()
        .chain(theirs.topics.keys())
        .cloned()
        .collect();
    for id in ids {
        let wanted = theirs.topic(&id).clone();
        ours.update_topic(&id, now_ms, |record| {
            record.status = wanted.status;
            record.bookmarked = wanted.bookmarked;
            record.note.clone_from(&wanted.note);
            record.quiz.clone_from(&wanted.quiz);
        });
    }
    ours.set_settings(theirs.settings.clone(), now_ms);
}
