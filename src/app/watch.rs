//! Watch mode: the work folder is watched, and a save in the learner's own
//! editor re-runs that exercise's checks through the usual Check, one
//! check at a time (a save during a check queues one more). Where the
//! folder cannot be watched, Check now is offered and the app says why.

use std::time::Duration;

use super::PyroadmapApp;
use super::work_files::FileRead;
use crate::practice::RunTarget;
use crate::practice::watch::{FolderWatch, WatchedItem, item_at};
use crate::study::machine::MachineSettings;

impl PyroadmapApp {
    /// Each frame: the watch started once the window is shown, saves taken
    /// in, the next queued check started, in-app edits written to files.
    pub(super) fn poll_work_folder(&mut self, ctx: &egui::Context) {
        if !super::is_window_shown(ctx) {
            return;
        }
        self.ensure_watch(ctx);
        if self.work.synced_page.as_ref() != Some(&self.page) {
            self.work.synced_page = Some(self.page.clone());
            self.read_page_files();
        }
        let changed = self
            .work
            .watch
            .as_ref()
            .map(FolderWatch::changed)
            .unwrap_or_default();
        let work = self.work_folder();
        // One check per project a batch touched, however many files.
        let mut projects = std::collections::BTreeSet::new();
        for path in changed {
            match item_at(&self.course, &work, &path) {
                Some(WatchedItem::Exercise { topic, exercise })
                    if self.read_exercise_file(&topic, &exercise) == FileRead::Changed =>
                {
                    self.work
                        .queue
                        .saved(WatchedItem::Exercise { topic, exercise });
                }
                Some(WatchedItem::Project(project)) => {
                    projects.insert(project);
                }
                Some(WatchedItem::Exercise { .. }) | None => {}
            }
        }
        for project in projects {
            self.check_project(&project);
        }
        self.start_queued_check(ctx);
        let now = self.clock.now_ms();
        self.write_due_files(now, false);
        if let Some(due) = self.work.pending.values().min() {
            ctx.request_repaint_after(Duration::from_millis(due.saturating_sub(now)));
        }
    }

    /// Ends the check going when its run has finished, then starts the
    /// next queued one (once the learner's Python is known).
    fn start_queued_check(&mut self, ctx: &egui::Context) {
        if let Some(WatchedItem::Exercise { topic, exercise }) = self.work.queue.running() {
            let target = RunTarget::Exercise {
                topic: topic.clone(),
                exercise: exercise.clone(),
            };
            if self
                .practice
                .runs
                .get(&target)
                .is_none_or(|run| !run.is_running())
            {
                self.work.queue.finished();
            }
        } else if self.work.queue.running().is_some() {
            self.work.queue.finished();
        }
        if self.practice.interpreter().is_none() {
            return;
        }
        if let Some(WatchedItem::Exercise { topic, exercise }) = self.work.queue.start_next() {
            let code = self.exercise_code(&topic, &exercise);
            self.start_run(ctx, RunTarget::Exercise { topic, exercise }, code);
        }
    }

    /// The open lesson's exercise files are read when it opens: the file is
    /// the code while it exists.
    fn read_page_files(&mut self) {
        let crate::ui::Page::Topic(topic) = &self.page else {
            return;
        };
        let Some(found) = self.course.topic(topic) else {
            return;
        };
        let topic = topic.clone();
        let ids: Vec<String> = found.exercises.iter().map(|e| e.id.clone()).collect();
        for exercise in ids {
            self.read_exercise_file(&topic, &exercise);
        }
    }

    /// Watches the work folder once it exists (it is made by the first Open
    /// in editor); where it cannot be watched, says why.
    pub(super) fn ensure_watch(&mut self, ctx: &egui::Context) {
        let folder = self.work_folder();
        if self.work.watched_folder.as_ref() == Some(&folder) || !folder.is_dir() {
            return;
        }
        self.work.watched_folder = Some(folder.clone());
        let repaint = ctx.clone();
        let started = match &self.work.watch_failure {
            Some(reason) => Err(reason.clone()),
            None => FolderWatch::start(&folder, move || repaint.request_repaint()),
        };
        match started {
            Ok(watch) => {
                self.work.watch = Some(watch);
                self.practice.watch_problem = None;
            }
            Err(reason) => {
                self.work.watch = None;
                let problem = format!(
                    "Saves in your editor are not checked automatically here: {reason}. Press Check now after saving."
                );
                self.show_banner(crate::ui::Banner::new(
                    crate::ui::BannerKind::Warning,
                    problem.clone(),
                ));
                self.practice.watch_problem = Some(problem);
            }
        }
    }

    /// Check now (where saves are not watched): the file is read and checked.
    pub(super) fn check_file_now(&mut self, topic: &str, exercise: &str) {
        if self.read_exercise_file(topic, exercise) != FileRead::Unreadable {
            self.work.queue.saved(WatchedItem::Exercise {
                topic: topic.to_owned(),
                exercise: exercise.to_owned(),
            });
        }
    }

    /// This machine's settings changed (View menu); a new work folder is
    /// watched instead of the old one.
    pub(super) fn change_machine_settings(&mut self, settings: MachineSettings, now: u64) {
        let old_folder = self.work_folder();
        let is_new_folder =
            settings.work_folder.as_ref() != self.machine.settings().work_folder.as_ref();
        if is_new_folder {
            self.write_edited_files();
        }
        self.machine.set(settings, now);
        if is_new_folder && self.work_folder() != old_folder {
            self.forget_work_files();
        }
    }

    /// Uses `folder` as the work folder (None: the default).
    pub(super) fn use_work_folder(&mut self, folder: Option<std::path::PathBuf>) {
        let settings = MachineSettings {
            work_folder: folder,
            ..self.machine.settings().clone()
        };
        let now = self.clock.now_ms();
        self.change_machine_settings(settings, now);
    }

    /// Forgets the old work folder's files and watch.
    fn forget_work_files(&mut self) {
        self.work.watch = None;
        self.work.watched_folder = None;
        self.work.known.clear();
        self.work.pending.clear();
        self.work.queue.clear();
        self.work.synced_page = None;
        self.practice.watch_problem = None;
    }
}
