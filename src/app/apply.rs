//! Applying the frame's actions: one match, whose arms each call one named
//! method (Rerun's `App::run_ui_command`), then what follows a page change.
//! A method that changes the learner's data schedules its save itself.

use std::path::PathBuf;

use super::PyroadmapApp;
use super::dialogs::Request;
use crate::action::Action;
use crate::ui::Page;

impl PyroadmapApp {
    /// Applies one action: the only place the learner's data changes.
    pub(super) fn apply(&mut self, ctx: &egui::Context, action: Action) {
        let now = self.clock.now_ms();
        let page_before = self.page.clone();
        match action {
            Action::OpenTopic(id) => self.open_topic(id, now),
            Action::OpenSection(index) => self.open_section(index),
            Action::OpenFound { page, block, term } => self.open_found(ctx, page, block, term),
            Action::ChangeSettings(settings) => self.change_settings(settings, now),
            Action::ChangeMachineSettings(settings) => self.change_machine_settings(settings, now),
            Action::UsePython(path) => self.use_typed_python(ctx, path),
            Action::ReviewPick(choice) => self.pick_review_choice(choice),
            Action::ReviewGrade(grade) => self.grade_card(grade, false),
            Action::ReviewNext => self.next_card(),
            Action::ReviewUndo => self.undo_grade(),
            Action::ReviewDraft(code) => self.set_review_draft(code),
            Action::SetStatus { topic, status } => self.set_status(&topic, status, now),
            Action::ToggleBookmark(topic) => self.toggle_bookmark(&topic, now),
            Action::EditNote { topic, text } => self.edit_note(&topic, text, now),
            Action::AnswerQuiz {
                topic,
                question,
                choice,
            } => self.answer_quiz(&topic, question, choice, now),
            Action::ReadAt {
                topic,
                block,
                offset_pt,
            } => self.read_at(&topic, (block, offset_pt), now),
            Action::RetryQuiz(topic) => self.retry_quiz(&topic, now),
            Action::CopyCode { id, text } => self.copy_code(ctx, id, text),
            Action::OpenLink(url) => self.open_link(ctx, &url),
            Action::OpenDataFolder => self.open_data_folder(),
            Action::DismissBanner(index) => self.dismiss_banner(index),
            Action::RunCode { target, code } => self.run_code(ctx, target, code, now),
            Action::StopRun(target) => self.stop_run(&target),
            Action::StepCode { target, code } => self.step_code(ctx, target, code, now),
            Action::CloseStepper(target) => self.close_stepper(&target),
            Action::SetRunInput { target, text } => self.set_run_input(target, text),
            Action::ToggleEditExample { page, key } => self.toggle_edit_example(page, key),
            Action::EditExample { page, key, text } => self.edit_example(page, key, text, now),
            Action::EditExercise {
                topic,
                exercise,
                code,
            } => self.edit_exercise(&topic, &exercise, code, now),
            Action::ResetExercise { topic, exercise } => {
                self.reset_exercise(&topic, &exercise, now);
            }
            Action::OpenInEditor { topic, exercise } => self.open_in_editor(ctx, &topic, &exercise),
            Action::OpenExerciseFolder { topic, exercise } => {
                self.open_exercise_folder(ctx, &topic, &exercise);
            }
            Action::CheckFileNow { topic, exercise } => self.check_file_now(&topic, &exercise),
            Action::ChooseWorkFolder => self.open_dialog(ctx, Request::ChooseWorkFolder),
            Action::RevealHint { topic, exercise } => self.reveal_hint(&topic, &exercise, now),
            Action::RevealSolution { topic, exercise } => self.reveal_solution(topic, exercise),
            Action::EditPlayground(text) => self.edit_playground(text, now),
            Action::OpenProject(id) => self.open_project(id),
            Action::CheckProject(id) => self.check_project(&id),
            Action::StopProjectCheck(id) => self.practice.projects.stop(&id),
            Action::RevealProjectHint { project, stage } => {
                self.reveal_project_hint(&project, stage, now);
            }
            Action::RevealProjectSolution { project, stage } => {
                self.reveal_project_solution(&project, stage, now);
            }
            Action::OpenProjectFolder(id) => self.open_project_folder(&id),
            Action::OpenProjectInEditor(id) => self.open_project_in_editor(&id),
            Action::ChoosePython => self.open_dialog(ctx, Request::ChoosePython),
            Action::RetrySave => self.retry_save(ctx),
            Action::SaveCopyAs => self.save_copy_as(ctx),
            Action::QuitWithoutSaving => self.quit_without_saving(ctx),
            Action::CloseDialog => self.close_dialogs(),
            Action::ShowAbout => self.show_about(),
            Action::ImportFrom(path) => self.import_from(ctx, path),
            Action::RestoreBackup { path, is_replace } => {
                self.restore_backup(ctx, path, is_replace);
            }
            Action::Command(command) => self.run_command(ctx, command),
        }
        self.after_action(page_before);
    }

    /// What follows any action: a page left is remembered for Back, Review
    /// starts today's session, and the runs of the page left stop.
    fn after_action(&mut self, page_before: Page) {
        if self.page != page_before {
            let offset = self.ui.scroll.offset_of(&page_before);
            self.after_page_change(page_before, offset);
            if self.page == Page::Review {
                self.start_review();
            }
            // Runs belong to the page they were started on.
            self.stop_all_runs();
        }
        self.end_travel();
    }

    /// Copies code to the clipboard; its Copy button says so for a moment.
    fn copy_code(&mut self, ctx: &egui::Context, id: egui::Id, text: String) {
        ctx.copy_text(text);
        self.ui.copied = Some((id, ctx.input(|i| i.time)));
        ctx.request_repaint_after(std::time::Duration::from_secs_f64(
            crate::theme::COPIED_FEEDBACK_S,
        ));
    }

    /// Closes the banner at `index`.
    fn dismiss_banner(&mut self, index: usize) {
        if index < self.banners.len() {
            self.banners.remove(index);
        }
    }

    /// Help › About.
    fn show_about(&mut self) {
        self.ui.is_about_open = true;
    }

    /// Closes the data dialogs: unsaved changes, restore and import.
    fn close_dialogs(&mut self) {
        self.ui.unsaved_prompt = None;
        self.ui.restore = None;
        self.ui.import_prompt = None;
    }

    /// Save a copy as…: the learner's data as it is now, wherever they pick.
    fn save_copy_as(&mut self, ctx: &egui::Context) {
        self.ui.unsaved_prompt = None;
        self.open_dialog(ctx, Request::SaveCopy((*self.progress).clone()));
    }

    /// Imports the file at a path typed or dropped on the window. The
    /// dialog stays open until the file is read, to say there what is wrong
    /// with the path if it cannot be.
    fn import_from(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.wait_in_prompt();
        self.open_dialog(ctx, Request::ImportFrom(path));
    }

    /// The path dialog, if open, waits for the answer about its path.
    fn wait_in_prompt(&mut self) {
        if let Some(prompt) = &mut self.ui.import_prompt {
            prompt.is_waiting = true;
            prompt.error = None;
        }
    }

    /// Restores the backup at `path` (merged in, or replacing everything).
    fn restore_backup(&mut self, ctx: &egui::Context, path: PathBuf, is_replace: bool) {
        let label = self
            .ui
            .restore
            .take()
            .and_then(|d| d.backups.into_iter().find(|b| b.path == path))
            .map_or_else(|| path.display().to_string(), |b| b.label);
        self.open_dialog(
            ctx,
            Request::Restore {
                path,
                label,
                is_replace,
            },
        );
    }

    /// Uses the Python at a path the learner typed, once it has answered
    /// as a Python 3 (tried off the UI thread); until then the dialog stays
    /// open, and says there why it is not one.
    fn use_typed_python(&mut self, ctx: &egui::Context, path: PathBuf) {
        self.wait_in_prompt();
        self.open_dialog(ctx, Request::TryPython(path));
    }
}
