//! Projects in the app: opening a project's page, writing its starter into
//! the work folder, opening it in an editor or the file manager, checking
//! its stages (one check at a time, one more queued) and recording what the
//! checks found.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::PyroadmapApp;
use super::editor::open_in_editor;
use super::folder::open_folder;
use crate::practice::project_check::{ProjectCheck, ProjectCheckRequest};
use crate::practice::project_state::FinishedCheck;
use crate::practice::work_folder::project_dir;
use crate::ui::{Banner, BannerKind, Page};

impl PyroadmapApp {
    /// Opens a project's page.
    pub(super) fn open_project(&mut self, id: String) {
        if self.course.project(&id).is_some() {
            self.page = Page::Project(id);
        }
    }

    /// Starts checking every stage of `project_id` up to the learner's
    /// current one, from the work folder, off the UI thread. While a check
    /// of it runs, exactly one more is queued instead.
    pub(crate) fn check_project(&mut self, project_id: &str) {
        let Some(project) = self.course.project(project_id) else {
            return;
        };
        if self.practice.projects.is_running(project_id) {
            self.practice.projects.queue(project_id);
            return;
        }
        let Some(python) = self.practice.interpreter().cloned() else {
            self.show_banner(Banner::new(
                BannerKind::Warning,
                "No Python was found yet to check the project with: see the status bar.".to_owned(),
            ));
            return;
        };
        let record = self.progress.project(project_id);
        let current = record.current_stage(project.stages().len());
        let stages = (1..=current as usize)
            .map(|n| {
                project
                    .stage_files(n)
                    .into_iter()
                    .map(|(path, bytes)| (path.to_owned(), bytes.to_vec()))
                    .collect()
            })
            .collect();
        let request = ProjectCheckRequest {
            python,
            limits: self.run_limits(),
            project_dir: self.project_folder(project_id),
            stages,
        };
        let now = self.clock.now_ms();
        Arc::make_mut(&mut self.progress).update_project_stage(project_id, current, now, |stage| {
            stage.attempts = stage.attempts.saturating_add(1);
        });
        self.mark_dirty(now);
        let repaint = self.repaint.clone();
        let check = ProjectCheck::start(request, move || repaint.request_repaint());
        self.practice.projects.started(project_id, current, check);
    }

    /// Takes in the project checks' events: records passes and the files
    /// checked, and starts a queued check.
    pub(super) fn poll_projects(&mut self) {
        for finished in self.practice.projects.receive() {
            self.record_check(&finished);
            if finished.is_queued {
                self.check_project(&finished.project);
            }
        }
    }

    fn record_check(&mut self, finished: &FinishedCheck) {
        let now = self.clock.now_ms();
        let Ok(verdict) = &finished.result else {
            return;
        };
        for stage in &verdict.stages {
            let number = u32::try_from(stage.stage).unwrap_or(u32::MAX);
            let is_passed = stage.is_passed();
            Arc::make_mut(&mut self.progress).update_project_stage(
                &finished.project,
                number,
                now,
                |record| {
                    if number == finished.stage {
                        record.files.clone_from(&finished.snapshot);
                    }
                    if is_passed && record.passed_ms == 0 {
                        record.passed_ms = now.max(1);
                    }
                },
            );
        }
        self.mark_dirty(now);
    }

    /// Shows the next hint of a stage.
    pub(super) fn reveal_project_hint(&mut self, project: &str, stage: u32, now: u64) {
        let Some(count) = self
            .course
            .project(project)
            .and_then(|p| p.stages().get(stage.saturating_sub(1) as usize))
            .map(|s| s.hints.len())
        else {
            return;
        };
        Arc::make_mut(&mut self.progress).update_project_stage(project, stage, now, |record| {
            let count = u32::try_from(count).unwrap_or(u32::MAX);
            record.hints_shown = (record.hints_shown + 1).min(count);
        });
        self.mark_dirty(now);
    }

    /// Shows a stage's reference solution (the page asked first).
    pub(super) fn reveal_project_solution(&mut self, project: &str, stage: u32, now: u64) {
        Arc::make_mut(&mut self.progress).update_project_stage(project, stage, now, |record| {
            record.solution_shown = true;
        });
        self.mark_dirty(now);
    }

    /// The learner's folder of a project: `<work>/projects/<id>`.
    pub(super) fn project_folder(&self, project_id: &str) -> PathBuf {
        project_dir(&self.work_folder(), project_id)
    }

    /// Writes the starter files the project folder lacks (never replacing
    /// a file), then opens the folder in the file manager.
    pub(super) fn open_project_folder(&mut self, project_id: &str) {
        let Some(folder) = self.prepare_project_folder(project_id) else {
            return;
        };
        let opened = match &self.opener {
            Some(opener) => {
                let opener: Vec<&str> = opener.iter().map(String::as_str).collect();
                super::folder::open_folder_with(&[&opener], &folder)
            }
            None => open_folder(&folder),
        };
        if let Err(failed) = opened {
            self.show_banner(Banner::new(
                BannerKind::Warning,
                format!(
                    "The folder could not be opened ({failed}). Your project is in {}.",
                    folder.display()
                ),
            ));
        }
    }

    /// Writes the missing starter files, then opens the project folder with
    /// this machine's editor command, else the system's file manager.
    pub(super) fn open_project_in_editor(&mut self, project_id: &str) {
        let Some(folder) = self.prepare_project_folder(project_id) else {
            return;
        };
        let command = self
            .opener
            .as_ref()
            .map(|o| o.join(" "))
            .or_else(|| self.machine.settings().editor_command.clone());
        if let Err(failed) = open_in_editor(command.as_deref(), &folder) {
            self.show_banner(Banner::new(
                BannerKind::Warning,
                format!(
                    "The project could not be opened in an editor ({failed}). Set an editor command in Settings; your project is in {}.",
                    folder.display()
                ),
            ));
        }
    }

    /// The project folder with every starter file in it (missing ones
    /// written, existing ones untouched), or None after a banner saying
    /// what could not be written.
    fn prepare_project_folder(&mut self, project_id: &str) -> Option<PathBuf> {
        let project = self.course.project(project_id)?;
        let folder = self.project_folder(project_id);
        let starter: Vec<(String, Vec<u8>)> = project
            .starter()
            .map(|(path, bytes)| (path.to_owned(), bytes.to_vec()))
            .collect();
        match write_missing(&folder, &starter) {
            Ok(()) => Some(folder),
            Err(error) => {
                self.show_banner(Banner::new(
                    BannerKind::Error,
                    format!("The project's starter files could not be written: {error}"),
                ));
                None
            }
        }
    }
}

/// Writes each of `files` under `folder` that is not there yet; a file
/// already there (the learner's work) is never replaced.
pub fn write_missing(folder: &Path, files: &[(String, Vec<u8>)]) -> Result<(), String> {
    for (relative, bytes) in files {
        if crate::course::project_rules::name_problem(relative).is_some() {
            continue;
        }
        let path = folder.join(relative);
        if path.symlink_metadata().is_ok() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        // `create_new`: a file that appeared meanwhile is not replaced.
        let written = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .and_then(|mut file| std::io::Write::write_all(&mut file, bytes));
        match written {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(format!("{}: {e}", path.display())),
        }
    }
    Ok(())
}
