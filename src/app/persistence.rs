//! Keeping the learner's data safe: scheduling saves, taking in other
//! windows' changes, saying loudly when saving fails, and not closing over
//! unsaved changes. (Imports and restores: `outcomes`.)

use std::sync::Arc;

use super::PyroadmapApp;
use super::dialogs::Request;
use super::notices::notice_banner;
use super::saver::{Event, Saver};
use crate::action::Action;
use crate::study::store::Store;
use crate::study::{Progress, merge};
use crate::ui::{Banner, BannerKind};

/// How long after a change the save starts, in ms.
const SAVE_DELAY_MS: u64 = 500;
/// How long to wait before trying again after a failed save, in ms.
const SAVE_RETRY_MS: u64 = 5000;

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
        if let Some(due) = self.machine.next_due_ms() {
            let wait = due.saturating_sub(self.clock.now_ms()).max(1);
            ctx.request_repaint_after(std::time::Duration::from_millis(wait));
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
        if !self
            .saver
            .save(Arc::clone(&self.progress), Arc::clone(&self.base))
        {
            self.saver_died("the saving thread is not running".into());
        }
    }

    fn take_saver_event(&mut self, ctx: &egui::Context, event: Event) {
        match event {
            Event::Saved { sent, result } => self.take_save_result(ctx, &sent, result),
            Event::Changed { progress, notices } => {
                // Fields changed here since the base stay; the rest follow the file.
                let had_unsaved = self.progress != self.base;
                self.progress = Arc::new(merge::merge(Some(&self.base), &self.progress, &progress));
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
        sent: &Arc<Progress>,
        result: Result<crate::study::store::Saved, String>,
    ) {
        self.banners.retain(|b| b.kind != BannerKind::SaveFailed);
        match result {
            Ok(saved) => {
                self.is_save_failing = false;
                // Keep what changed here since the save was asked for, and
                // take in what the save merged from other windows.
                self.progress = if Arc::ptr_eq(sent, &self.progress) {
                    // Nothing changed here since: what was written is it
                    // (shared, until the next edit copies it).
                    Arc::clone(&saved.written)
                } else {
                    Arc::new(merge::merge(Some(sent), &self.progress, &saved.written))
                };
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

    /// Keys answers saved by question position (older files, or another
    /// window of an older version) by the question's id instead.
    pub(super) fn migrate_quiz_positions(&mut self) -> bool {
        let course = &self.course;
        let id_at = |topic: &str, index: usize| course.question_id(topic, index);
        if !self.progress.has_quiz_positions(id_at) {
            return false;
        }
        Arc::make_mut(&mut self.progress).migrate_quiz_positions(id_at)
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

    /// Saves everything now and waits: used on exit.
    pub(super) fn flush(&mut self) {
        self.machine.flush(self.clock.now_ms());
        let last = self
            .dirty_since_ms
            .take()
            .map(|_| (Arc::clone(&self.progress), Arc::clone(&self.base)));
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
