//! Keeping the learner's data safe: scheduling saves, taking in other
//! windows' changes, imports and restores, saying loudly when saving fails,
//! and not closing over unsaved changes.

use std::path::Path;
use std::sync::Arc;

use super::PyroadmapApp;
use super::changes::describe_changes;
use super::dialogs::{Outcome, Request};
use super::saver::{Event, Saver};
use crate::action::Action;
use crate::study::store::{Store, StoreNotice};
use crate::study::{Progress, WindowGeometry, merge};
use crate::ui::{Banner, BannerKind, RestoreDialog};

/// How long after a change the save starts, in ms.
const SAVE_DELAY_MS: u64 = 500;
/// How long to wait before trying again after a failed save, in ms.
const SAVE_RETRY_MS: u64 = 5000;

/// The banner for one thing the store reports.
pub fn notice_banner(notice: StoreNotice) -> Banner {
    match notice {
        StoreNotice::MovedAside { broken, reason } => Banner::new(
            BannerKind::Warning,
            format!(
                "Your progress file could not be read at all, so pyroadmap started fresh. The old file is kept at {} ({reason}). File menu > Restore from backup… brings back an earlier copy.",
                broken.display()
            ),
        ),
        StoreNotice::Unreadable { reason } => Banner::new(
            BannerKind::Error,
            format!(
                "Your progress file could not be read and was left untouched: {reason}. Changes are kept while pyroadmap is open; File menu > Restore from backup… brings back an earlier copy."
            ),
        ),
        StoreNotice::PartlyUnreadable { problems, copy } => {
            let shown: Vec<&str> = problems.iter().take(3).map(String::as_str).collect();
            let more = problems.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            };
            let copy = copy.map_or(String::new(), |copy| {
                format!(" The file as it was is kept at {}.", copy.display())
            });
            Banner::new(
                BannerKind::Warning,
                format!(
                    "Some of your progress file could not be read by this version; everything else loaded: {}{more}.{copy}",
                    shown.join("; ")
                ),
            )
        }
        StoreNotice::ReplacedUnreadable { copy, values } => {
            let shown: Vec<&str> = values.iter().take(3).map(String::as_str).collect();
            let more = values.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            Banner::new(
                BannerKind::Info,
                format!(
                    "You replaced what this version could not read ({}{more}); your values are saved, and the file as it was is kept at {}.",
                    shown.join(", "),
                    copy.display()
                ),
            )
        }
        StoreNotice::Salvaged { copy, reason } => Banner::new(
            BannerKind::Warning,
            format!(
                "Your progress file breaks off part way ({reason}). Everything before the break was loaded; the whole original is kept at {}. File menu > Restore from backup… brings back an earlier copy.",
                copy.display()
            ),
        ),
        StoreNotice::NewerVersion { version } => Banner::new(
            BannerKind::Warning,
            format!(
                "Your progress file was written by a newer pyroadmap; update to edit. Until then it is shown read-only and never rewritten (file format {version}); changes you make now can be kept with \"Save a copy as…\"."
            ),
        ),
        StoreNotice::ConflictCopiesMerged { files } => {
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            Banner::new(
                BannerKind::Info,
                format!(
                    "Merged {} copy(ies) of your progress that a sync tool left beside it; they were moved to {}.",
                    files.len(),
                    names.join(", ")
                ),
            )
        }
        StoreNotice::ConflictCopySkipped { path, reason } => Banner::new(
            BannerKind::Warning,
            format!(
                "A copy of your progress that a sync tool may have left, {}, was not merged and was left where it is: {reason}.",
                path.display()
            ),
        ),
        StoreNotice::BackupFailed { reason } => Banner::new(
            BannerKind::Warning,
            format!(
                "Your progress is saved, but today's backup of it could not be written ({reason}). Earlier backups are kept; pyroadmap tries again at the next save."
            ),
        ),
        StoreNotice::LockUnavailable { reason } => Banner::new(
            BannerKind::Warning,
            format!(
                "Saved without locking the file ({reason}). The save itself is safe; another pyroadmap window saving at the same moment might have to merge again."
            ),
        ),
    }
}

impl PyroadmapApp {
    pub(super) fn mark_dirty(&mut self, now: u64) {
        self.dirty_since_ms.get_or_insert(now);
        self.data_version += 1;
    }

    /// Shows a banner unless the same one is up already.
    pub(super) fn show_banner(&mut self, banner: Banner) {
        if !self.banners.contains(&banner) {
            self.banners.push(banner);
        }
    }

    /// Takes in what the workers report, and starts a save when changes have
    /// rested long enough.
    pub(super) fn schedule_saves(&mut self, ctx: &egui::Context) {
        for event in self.saver.poll() {
            self.take_saver_event(ctx, event);
        }
        if let Some(outcome) = self.dialogs.poll() {
            self.take_dialog_outcome(outcome);
        }
        let repaint = ctx.clone();
        for banner in self
            .machine
            .poll(self.clock.now_ms(), move || repaint.request_repaint())
        {
            self.show_banner(banner);
        }
        if self.machine.is_busy() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let Some(since) = self.dirty_since_ms else {
            return;
        };
        if self.is_save_failing && self.is_saver_dead {
            return;
        }
        let now = self.clock.now_ms();
        let delay = if self.is_save_failing {
            SAVE_RETRY_MS
        } else if self.close.is_waiting_for_save {
            0
        } else {
            SAVE_DELAY_MS
        };
        let due = since.saturating_add(delay);
        if now >= due && !self.saver.is_busy() {
            self.start_save();
        } else {
            ctx.request_repaint_after(std::time::Duration::from_millis(
                due.saturating_sub(now).max(50),
            ));
        }
    }

    fn start_save(&mut self) {
        self.dirty_since_ms = None;
        if !self.saver.save(self.progress.clone(), self.base.clone()) {
            self.saver_died("the saving thread is not running".into());
        }
    }

    fn take_saver_event(&mut self, ctx: &egui::Context, event: Event) {
        match event {
            Event::Saved { sent, result } => self.take_save_result(ctx, &sent, result),
            Event::Changed { progress, notices } => {
                // Fields changed here since the base stay; the rest follow the file.
                let had_unsaved = self.progress != self.base;
                self.progress = merge::merge(Some(&self.base), &self.progress, &progress);
                let _ = self.migrate_quiz_positions();
                self.base = progress;
                if self.progress != self.base || had_unsaved {
                    self.mark_dirty(self.clock.now_ms());
                }
                self.resync_search_notes();
                for notice in notices {
                    self.show_banner(notice_banner(notice));
                }
            }
            Event::Died(reason) => self.saver_died(reason),
        }
    }

    fn take_save_result(
        &mut self,
        ctx: &egui::Context,
        sent: &Progress,
        result: Result<crate::study::store::Saved, String>,
    ) {
        self.banners.retain(|b| b.kind != BannerKind::SaveFailed);
        match result {
            Ok(saved) => {
                self.is_save_failing = false;
                // Keep what changed here since the save was asked for, and
                // take in what the save merged from other windows.
                self.progress = merge::merge(Some(sent), &self.progress, &saved.written);
                let _ = self.migrate_quiz_positions();
                self.base = saved.written;
                self.resync_search_notes();
                for notice in saved.notices {
                    self.show_banner(notice_banner(notice));
                }
                if self.close.is_waiting_for_save && self.dirty_since_ms.is_none() {
                    self.close.is_allowed = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            Err(error) => {
                self.is_save_failing = true;
                self.mark_dirty(self.clock.now_ms());
                self.banners.push(save_failed_banner(&format!(
                    "Progress cannot be saved: {error}. Nothing is lost while pyroadmap stays open; it tries again every few seconds."
                )));
                if self.close.is_waiting_for_save {
                    self.close.is_waiting_for_save = false;
                    self.ui.unsaved_prompt = Some(error);
                }
            }
        }
    }

    fn saver_died(&mut self, reason: String) {
        self.is_saver_dead = true;
        self.is_save_failing = true;
        self.mark_dirty(self.clock.now_ms());
        self.banners.retain(|b| b.kind != BannerKind::SaveFailed);
        self.banners.push(save_failed_banner(&format!(
            "Saving stopped working ({reason}). Your changes are kept while pyroadmap stays open: press Retry, or save a copy."
        )));
        if self.close.is_waiting_for_save {
            self.close.is_waiting_for_save = false;
            self.ui.unsaved_prompt = Some(reason);
        }
    }

    /// Retry: restarts a dead saver, and saves now.
    pub(super) fn retry_save(&mut self, ctx: &egui::Context) {
        if self.is_saver_dead {
            let opened = Store::open(self.data_dir.clone(), self.clock.now_ms());
            let repaint = ctx.clone();
            self.saver = Saver::new(opened.store, Arc::clone(&self.clock), move || {
                repaint.request_repaint();
            });
            self.is_saver_dead = false;
        }
        self.is_save_failing = false;
        self.banners.retain(|b| b.kind != BannerKind::SaveFailed);
        self.mark_dirty(self.clock.now_ms());
        if !self.saver.is_busy() {
            self.start_save();
        }
    }

    /// Makes the saving thread crash, as a bug would (for tests).
    pub fn crash_saver_for_test(&self) {
        self.saver.crash_for_test();
    }

    pub(super) fn take_dialog_outcome(&mut self, outcome: Outcome) {
        let banner = match outcome {
            Outcome::Cancelled => return,
            Outcome::Done(message) => Banner::new(BannerKind::Success, message),
            Outcome::AskImportPath(reason) => {
                self.ui.import_prompt = Some(crate::ui::ImportPrompt {
                    path: String::new(),
                    reason: Some(reason),
                    purpose: crate::ui::PathPurpose::Import,
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
                    let mut replaced = self.progress.clone();
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
        self.progress = progress;
        self.data_version += 1;
        let _ = self.migrate_quiz_positions();
        self.resync_search_notes();
        self.mark_dirty(self.clock.now_ms());
    }

    /// Keys answers saved by question position (older files, or another
    /// window of an older version) by the question's id instead.
    pub(super) fn migrate_quiz_positions(&mut self) -> bool {
        let course = &self.course;
        self.progress
            .migrate_quiz_positions(|topic, index| course.question_id(topic, index))
    }

    /// Opens a file dialog on a worker thread.
    pub(super) fn open_dialog(&mut self, ctx: &egui::Context, request: Request) {
        let now = self.clock.now_ms();
        let repaint = ctx.clone();
        self.dialogs
            .open(request, now, move || repaint.request_repaint());
    }

    /// Asks before the window closes over changes that cannot be written;
    /// otherwise saves first and then closes.
    pub(super) fn guard_close(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.close.is_allowed {
            return;
        }
        let has_unsaved = self.dirty_since_ms.is_some() || self.saver.is_busy();
        if !has_unsaved {
            return;
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        if self.is_save_failing {
            let reason = self
                .banners
                .iter()
                .find(|b| b.kind == BannerKind::SaveFailed)
                .map_or_else(|| "saving is failing".to_owned(), |b| b.message.clone());
            self.ui.unsaved_prompt = Some(reason);
        } else {
            self.close.is_waiting_for_save = true;
            ctx.request_repaint();
        }
    }

    /// Quit without saving, after the learner said so.
    pub(super) fn quit_without_saving(&mut self, ctx: &egui::Context) {
        self.dirty_since_ms = None;
        self.close.is_allowed = true;
        self.ui.unsaved_prompt = None;
        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// Runs code with the Python at `path` from now on, on this machine
    /// (kept in `machine.ron`, never in the progress file).
    pub(super) fn use_python(&mut self, path: &Path) {
        self.machine
            .set_python(path.display().to_string(), self.clock.now_ms());
        // Looked for again at the next frame, this one first.
        self.practice.python = None;
        self.show_banner(Banner::new(
            BannerKind::Success,
            format!(
                "Code now runs with the Python you chose: {}. This choice is kept on this computer only.",
                path.display()
            ),
        ));
    }

    /// Remembers the window's size and position when they change, in
    /// zoom-independent points (what the window is opened with), in this
    /// machine's settings: two windows at different places never rewrite
    /// the progress file.
    pub(super) fn track_window(&mut self, ctx: &egui::Context) {
        let (outer, inner) = ctx.input(|i| (i.viewport().outer_rect, i.viewport().inner_rect));
        let (Some(outer), Some(inner)) = (outer, inner) else {
            return;
        };
        let zoom = ctx.zoom_factor();
        let geometry = WindowGeometry {
            x: outer.min.x * zoom,
            y: outer.min.y * zoom,
            width: inner.width() * zoom,
            height: inner.height() * zoom,
        };
        let is_moved = self.machine.settings().window.is_none_or(|old| {
            (old.x - geometry.x).abs() >= 1.0
                || (old.y - geometry.y).abs() >= 1.0
                || (old.width - geometry.width).abs() >= 1.0
                || (old.height - geometry.height).abs() >= 1.0
        });
        if is_moved && geometry.width > 0.0 && geometry.height > 0.0 {
            self.machine.set_window(geometry, self.clock.now_ms());
        }
    }

    /// Saves everything now and waits: used on exit.
    pub(super) fn flush(&mut self) {
        self.machine.flush(self.clock.now_ms());
        let last = self
            .dirty_since_ms
            .take()
            .map(|_| (self.progress.clone(), self.base.clone()));
        for event in self.saver.finish(last) {
            if let Event::Saved {
                result: Err(error), ..
            } = event
            {
                eprintln!("pyroadmap: progress could not be saved on exit: {error}");
            }
        }
    }
}

/// Where closing stands.
#[derive(Debug, Default)]
pub struct CloseState {
    /// The learner confirmed, or everything is saved: let the window close.
    pub is_allowed: bool,
    /// A close was asked for: save now, then close.
    pub is_waiting_for_save: bool,
}

fn save_failed_banner(message: &str) -> Banner {
    Banner::new(BannerKind::SaveFailed, message.to_owned()).with_buttons(vec![
        ("Retry".to_owned(), Action::RetrySave),
        ("Save a copy as…".to_owned(), Action::SaveCopyAs),
    ])
}

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

/// A saved window position moved onto the monitor, and a size that fits
/// it, in the same points.
pub fn clamp_to_monitor(geometry: WindowGeometry, monitor: egui::Vec2) -> WindowGeometry {
    let width = geometry.width.min(monitor.x).max(200.0);
    let height = geometry.height.min(monitor.y).max(150.0);
    // At least this much of the window stays reachable.
    let visible = 80.0;
    WindowGeometry {
        x: geometry
            .x
            .clamp(visible - width, (monitor.x - visible).max(0.0)),
        y: geometry.y.clamp(0.0, (monitor.y - visible).max(0.0)),
        width,
        height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_saved_off_screen_comes_back_on_the_monitor() {
        let monitor = egui::vec2(1920.0, 1080.0);
        let off = WindowGeometry {
            x: 3000.0,
            y: -500.0,
            width: 2500.0,
            height: 900.0,
        };
        let back = clamp_to_monitor(off, monitor);
        assert!(back.x <= 1920.0 - 80.0 && back.y >= 0.0, "{back:?}");
        assert_eq!((back.width, back.height), (1920.0, 900.0));
        let fine = WindowGeometry {
            x: 100.0,
            y: 50.0,
            width: 1200.0,
            height: 800.0,
        };
        assert_eq!(clamp_to_monitor(fine, monitor), fine);
    }
}
