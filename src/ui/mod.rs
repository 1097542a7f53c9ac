//! The panels. Each reads state and pushes `Action`s; none changes the
//! learner's data or touches files.

mod banner;
mod blocks;
mod code;
mod lesson;
mod notes;
mod quiz;
mod sidebar;

use crate::action::{Action, Command};
use crate::course::{Block, Course, Document, visit_blocks};
use crate::highlight::Highlighter;
use crate::study::Progress;
use crate::theme;

pub use banner::{Banner, BannerKind};

/// What the lesson pane shows.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Page {
    /// A section's overview, by index.
    Section(usize),
    /// A topic's lesson, by id.
    Topic(String),
}

impl Page {
    /// The open topic's id, if a topic is open.
    pub fn topic_id(&self) -> Option<&str> {
        match self {
            Self::Topic(id) => Some(id),
            Self::Section(_) => None,
        }
    }
}

/// Read-only state the panels draw from.
pub struct View<'a> {
    pub course: &'a Course,
    pub progress: &'a Progress,
    pub page: &'a Page,
    pub banners: &'a [Banner],
    pub highlighter: &'a Highlighter,
    pub is_dialog_open: bool,
}

/// UI-only state: never saved.
#[derive(Default)]
pub struct UiState {
    pub notes: notes::NotesPanel,
    /// The Copy button that was pressed last, and when (egui time, s).
    pub copied: Option<(egui::Id, f64)>,
}

/// Lays out the whole window.
pub fn show(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState, actions: &mut Vec<Action>) {
    egui::Panel::top("menu").show(ui, |ui| menu_bar(ui, view, actions));
    if !view.banners.is_empty() {
        egui::Panel::top("banners").show(ui, |ui| banner::banners_ui(ui, view.banners, actions));
    }
    egui::Panel::left("sidebar")
        .resizable(true)
        .default_size(theme::SIDEBAR_WIDTH)
        .min_size(theme::PANEL_MIN_WIDTH)
        .show(ui, |ui| sidebar::sidebar_ui(ui, view, actions));
    egui::Panel::right("notes")
        .resizable(true)
        .default_size(theme::NOTES_WIDTH)
        .min_size(theme::PANEL_MIN_WIDTH)
        .show(ui, |ui| state.notes.ui(ui, view, actions));
    egui::CentralPanel::default().show(ui, |ui| lesson::lesson_ui(ui, view, state.copied, actions));
}

fn menu_bar(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            ui.add_enabled_ui(!view.is_dialog_open, |ui| {
                for command in [
                    Command::ExportProgress,
                    Command::ImportProgress,
                    Command::ExportNotes,
                ] {
                    command.menu_button(ui, actions);
                }
            });
            ui.separator();
            Command::Quit.menu_button(ui, actions);
        });
        ui.menu_button("Go", |ui| {
            Command::PreviousTopic.menu_button(ui, actions);
            Command::NextTopic.menu_button(ui, actions);
        });
        ui.menu_button("Topic", |ui| {
            ui.add_enabled_ui(view.page.topic_id().is_some(), |ui| {
                for command in [
                    Command::MarkDone,
                    Command::CycleStatus,
                    Command::ToggleBookmark,
                ] {
                    command.menu_button(ui, actions);
                }
            });
        });
    });
}

/// The (language, text) of every code block in a document, for prewarming.
pub fn code_blocks_of(doc: &Document) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    visit_blocks(&doc.blocks, &mut |block| match block {
        Block::Code(code) => {
            out.push((code.lang.as_str(), code.text.as_str()));
            if let Some(output) = &code.output {
                out.push(("output", output.as_str()));
            }
        }
        Block::Quiz(questions) => {
            out.extend(
                questions
                    .iter()
                    .filter_map(|q| q.code.as_deref())
                    .map(|c| ("python", c)),
            );
        }
        _ => {}
    });
    out
}
