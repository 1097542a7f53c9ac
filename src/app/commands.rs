//! The commands of menus and shortcuts, applied.

use super::dialogs::Request;
use super::window::{MAX_ZOOM, MIN_ZOOM, ZOOM_STEP};
use super::{PyroadmapApp, export};
use crate::action::{Action, Command};
use crate::study::Status;
use crate::ui::{self, Page};

impl PyroadmapApp {
    pub(super) fn run_command(&mut self, ctx: &egui::Context, command: Command) {
        let open_topic = self.page.topic_id().map(str::to_owned);
        match command {
            Command::NextTopic | Command::PreviousTopic => {
                let offset = if command == Command::NextTopic { 1 } else { -1 };
                let target = match &self.page {
                    Page::Topic(id) => self.course.neighbour(id, offset).map(|t| t.id.clone()),
                    Page::Section(index) if offset > 0 => self
                        .course
                        .sections
                        .get(*index)
                        .and_then(|s| s.topics.first())
                        .map(|t| t.id.clone()),
                    Page::Section(_) => None,
                    Page::Home | Page::Map | Page::Playground | Page::Review | Page::Stats
                        if offset > 0 =>
                    {
                        ui::continue_topic(&self.course, &self.progress).map(|t| t.id.clone())
                    }
                    Page::Home
                    | Page::Map
                    | Page::Playground
                    | Page::Review
                    | Page::Stats
                    | Page::Project(_) => None,
                };
                if let Some(id) = target {
                    self.apply(ctx, Action::OpenTopic(id));
                }
            }
            Command::MarkDone => {
                if let Some(topic) = open_topic {
                    self.apply(
                        ctx,
                        Action::SetStatus {
                            topic,
                            status: Status::Done,
                        },
                    );
                }
            }
            Command::CycleStatus => {
                if let Some(topic) = open_topic {
                    let status = self.progress.status(&topic).next();
                    self.apply(ctx, Action::SetStatus { topic, status });
                }
            }
            Command::ToggleBookmark => {
                if let Some(topic) = open_topic {
                    self.apply(ctx, Action::ToggleBookmark(topic));
                }
            }
            Command::ExportProgress => {
                self.open_dialog(ctx, Request::ExportProgress((*self.progress).clone()));
            }
            Command::ImportProgress => self.open_dialog(ctx, Request::ImportProgress),
            Command::RestoreBackup => self.open_dialog(ctx, Request::ListBackups),
            Command::ExportNotes => {
                let markdown = export::notes_markdown(&self.course, &self.progress);
                self.open_dialog(ctx, Request::ExportNotes(markdown));
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::OpenSearch => {
                self.ui.palette.open();
                self.start_search_build(ctx);
            }
            Command::PageDown | Command::PageUp | Command::LessonTop | Command::LessonEnd => {
                self.scroll_lesson(command);
            }
            Command::Back | Command::Forward => {
                self.travel(command == Command::Back);
            }
            Command::GoHome => self.page = Page::Home,
            Command::OpenReview => self.page = Page::Review,
            Command::OpenStats => self.page = Page::Stats,
            Command::ShowMap => self.page = Page::Map,
            Command::OpenPlayground => self.page = Page::Playground,
            Command::ShowHelp => self.ui.is_help_open = true,
            Command::FocusNotes => {
                if !self.progress.settings.is_notes_open {
                    self.run_command(ctx, Command::ToggleNotes);
                }
                self.ui.notes.wants_focus = true;
            }
            Command::ToggleNotes => {
                let mut settings = self.progress.settings.clone();
                settings.is_notes_open = !settings.is_notes_open;
                self.apply(ctx, Action::ChangeSettings(settings));
            }
            Command::ZoomIn | Command::ZoomOut | Command::ZoomReset => {
                let mut settings = self.progress.settings.clone();
                settings.zoom = match command {
                    Command::ZoomIn => (settings.zoom + ZOOM_STEP).min(MAX_ZOOM),
                    Command::ZoomOut => (settings.zoom - ZOOM_STEP).max(MIN_ZOOM),
                    _ => 1.0,
                };
                settings.zoom = (settings.zoom * 10.0).round() / 10.0;
                self.apply(ctx, Action::ChangeSettings(settings));
            }
        }
    }
}
