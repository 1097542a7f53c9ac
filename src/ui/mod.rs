//! The panels. Each reads state and pushes `Action`s; none changes the
//! learner's data or touches files.

mod about;
mod banner;
mod blocks;
mod code;
mod data_dialogs;
mod editor;
mod exercise;
mod explanation;
mod help;
mod home;
mod layout;
mod lesson;
mod map;
mod menu;
pub use map::MIN_MAP_ZOOM;
mod notes;
mod palette;
mod practice;
mod project;
mod quiz;
mod review;
mod sidebar;
mod stats;
pub mod stepper;
mod stepping;
mod work_buttons;

use crate::action::Action;
use crate::course::{Block, Course, Document, Topic, visit_blocks};
use crate::highlight::Highlighter;
use crate::search::SearchIndex;
use crate::study::{Progress, Status};
use crate::theme;

pub use crate::page::Page;
pub use banner::{Banner, BannerKind};
pub use code::copy_text;
pub use data_dialogs::{ImportPrompt, PathPurpose, RestoreDialog, differences};
pub use layout::LESSON_MIN_WIDTH;
use layout::{Layout, SidebarFit, folded_panels_ui};
use menu::menu_bar;
pub use palette::{HINT as PALETTE_HINT, Palette};

/// Read-only state the panels draw from.
pub struct View<'a> {
    pub course: &'a Course,
    pub progress: &'a Progress,
    pub page: &'a Page,
    pub banners: &'a [Banner],
    pub highlighter: &'a Highlighter,
    pub diagrams: &'a crate::diagrams::Diagrams,
    pub is_dialog_open: bool,
    /// The learner's Python and the runs' output.
    pub practice: &'a crate::practice::PracticeState,
    /// Saves are failing (or the file is read-only): say so where the
    /// learner writes.
    pub is_save_failing: bool,
    /// Whether Back and Forward have somewhere to go.
    pub can_go_back: bool,
    pub can_go_forward: bool,
    /// Today's review session.
    pub review: &'a crate::study::review::ReviewSession,
    /// Cards due today and the streak.
    pub summary: crate::study::review::ReviewSummary,
    /// Now, in ms, and the learner's time zone: which day it is.
    pub now_ms: u64,
    pub time_zone: jiff::tz::TimeZone,
    /// Where the learner's data lives.
    pub data_dir: &'a std::path::Path,
    /// This machine's settings (the run limits).
    pub machine: &'a crate::study::machine::MachineSettings,
    /// Where exercises are opened as files (the learner's choice or the
    /// default).
    pub work_folder: &'a std::path::Path,
    /// The Copy button pressed last and when: it says "Copied" a moment.
    pub copied: Option<(egui::Id, f64)>,
}

/// How many of `topics` are Done (Skipped is not done): the one count every
/// panel shows.
pub fn done_count<'a>(progress: &Progress, topics: impl IntoIterator<Item = &'a Topic>) -> usize {
    topics
        .into_iter()
        .filter(|t| progress.status(&t.id) == Status::Done)
        .count()
}

/// Where "Continue" leads: the topic the learner was last on, while it is
/// unfinished; else the next unfinished one after it in syllabus order,
/// else the first; when every topic is done, the last one opened.
pub fn continue_topic<'a>(course: &'a Course, progress: &Progress) -> Option<&'a Topic> {
    let is_open = |t: &&Topic| !matches!(progress.status(&t.id), Status::Done | Status::Skipped);
    let first_open = || course.topics().find(is_open);
    match progress
        .last_topic
        .as_deref()
        .and_then(|id| course.topic(id))
    {
        // Where the learner was last, while it is unfinished.
        Some(last) if is_open(&last) => Some(last),
        // Finished: the next unfinished topic after it.
        Some(last) => course
            .topics()
            .skip_while(|t| t.id != last.id)
            .find(is_open)
            .or_else(first_open)
            .or(Some(last)),
        None => first_open(),
    }
}

/// A search hit being shown in the lesson for a moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Flash {
    pub page: Page,
    pub block: Option<usize>,
    pub term: String,
    /// egui time (s) when it started.
    pub started: f64,
    /// Whether the lesson has scrolled to it yet.
    pub has_scrolled: bool,
}

/// Where a lesson should scroll to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScrollTarget {
    /// This offset from the top, in points (Back and Forward).
    Offset(f32),
    /// The view's top `below_pt` points below the top of this block (where
    /// the learner was reading; one past the last block is the Practice
    /// part after them).
    Block { index: usize, below_pt: f32 },
}

/// What the open lesson showed in the last frame.
#[derive(Clone, Debug, PartialEq)]
pub struct ScrollReport {
    pub page: Page,
    /// The lesson's view on screen, in points.
    pub view: egui::Rect,
    /// The lesson's width on screen, in points.
    pub width: f32,
    /// How far it is scrolled, in points.
    pub offset: f32,
    /// The whole lesson's height, in points.
    pub height: f32,
    /// The top-level block at the top of the view (one past the last: the
    /// Practice part after them), and how far the view's top is below the
    /// block's top, in points.
    pub top_block: Option<(usize, f32)>,
    /// How much of the lesson has been in view: the bottom of the view as
    /// a share of the lesson's height.
    pub seen_share: f32,
    /// Whether the lesson is taller than the view.
    pub can_scroll: bool,
}

/// Frames after a page opens or jumps before its scroll position counts as
/// where the learner is reading.
pub const SCROLL_SETTLE_FRAMES: u32 = 3;

/// The lesson's scroll position: where the app wants it, what it was.
#[derive(Default)]
pub struct ScrollState {
    /// Where the lesson of this page should scroll to next (set by the app).
    pub target: Option<(Page, ScrollTarget)>,
    /// What the lesson showed in the last frame.
    pub report: Option<ScrollReport>,
    /// Frames drawn since the page or the target last changed: a report
    /// says where the learner is only once scrolling has settled.
    pub settled_frames: u32,
    /// Frames spent reaching the target so far.
    pub target_frames: u32,
    /// The lesson page the last frame showed. The first frame of a page
    /// draws only what is on screen, so the page shows sooner; the next
    /// frame, which follows at once, draws the rest.
    pub shown_page: Option<Page>,
}

impl ScrollState {
    /// The offset of `page` in the last frame, if it was on screen.
    pub fn offset_of(&self, page: &Page) -> f32 {
        self.report
            .as_ref()
            .filter(|r| r.page == *page)
            .map_or(0.0, |r| r.offset)
    }
}

/// How long a search hit stays marked in the lesson, in seconds.
pub const FLASH_S: f64 = 2.5;

/// UI-only state: never saved.
#[derive(Default)]
pub struct UiState {
    pub notes: notes::NotesPanel,
    /// The Copy button that was pressed last, and when (egui time, s).
    pub copied: Option<(egui::Id, f64)>,
    pub palette: Palette,
    /// The search index, once the background build has delivered it.
    pub search: Option<SearchIndex>,
    pub is_help_open: bool,
    pub flash: Option<Flash>,
    pub map: map::MapState,
    /// The Restore from backup dialog, while open.
    pub restore: Option<RestoreDialog>,
    /// Why the latest changes could not be saved, while the window asks
    /// what to do before closing.
    pub unsaved_prompt: Option<String>,
    /// The Import dialog for a dropped file or a typed path, while open.
    pub import_prompt: Option<ImportPrompt>,
    /// In a narrow window, the sidebar or the notes shown over the lesson.
    pub is_sidebar_shown: bool,
    pub is_notes_shown: bool,
    pub is_about_open: bool,
    pub scroll: ScrollState,
    /// The notes panel's width in the last frame, to save only this
    /// window's resizing.
    pub notes_width_seen: Option<f32>,
}

/// Lays out the whole window.
pub fn show(ui: &mut egui::Ui, view: &View<'_>, state: &mut UiState, actions: &mut Vec<Action>) {
    let layout = Layout::for_width(ui, view, state);
    egui::Panel::top("menu")
        .frame(theme::side_panel_frame(ui.style()))
        .show(ui, |ui| {
            menu_bar(ui, view, actions, |ui| folded_panels_ui(ui, &layout, state));
        });
    let status = egui::Panel::bottom("status")
        .frame(theme::side_panel_frame(ui.style()))
        .show(ui, |ui| {
            practice::python_status_ui(ui, view.practice, actions);
        });
    match layout.sidebar {
        SidebarFit::Full => {
            egui::Panel::left("sidebar")
                .frame(theme::side_panel_frame(ui.style()))
                .resizable(true)
                .default_size(theme::SIDEBAR_WIDTH)
                .min_size(theme::PANEL_MIN_WIDTH)
                .show(ui, |ui| sidebar::sidebar_ui(ui, view, actions));
        }
        // Another id: the learner's chosen width is kept for when the
        // window grows again.
        SidebarFit::Narrow(width) => {
            egui::Panel::left("sidebar narrow")
                .frame(theme::side_panel_frame(ui.style()))
                .resizable(false)
                .exact_size(width)
                .show(ui, |ui| sidebar::sidebar_ui(ui, view, actions));
        }
        SidebarFit::Folded => {
            if state.is_sidebar_shown {
                egui::Panel::left("sidebar narrow")
                    .frame(theme::side_panel_frame(ui.style()))
                    .resizable(false)
                    .exact_size(theme::SIDEBAR_WIDTH.min(ui.available_width() * 0.8))
                    .show(ui, |ui| sidebar::sidebar_ui(ui, view, actions));
            }
        }
    }
    let settings = &view.progress.settings;
    if settings.is_notes_open && layout.is_notes_folded {
        if state.is_notes_shown {
            egui::Panel::right("notes narrow")
                .frame(theme::side_panel_frame(ui.style()))
                .resizable(false)
                .exact_size(settings.notes_width.min(ui.available_width() * 0.6))
                .show(ui, |ui| state.notes.ui(ui, view, actions));
        }
    } else if settings.is_notes_open {
        let panel = egui::Panel::right("notes")
            .frame(theme::side_panel_frame(ui.style()))
            .resizable(true)
            .default_size(settings.notes_width)
            .min_size(theme::PANEL_MIN_WIDTH)
            .show(ui, |ui| state.notes.ui(ui, view, actions));
        let width = panel.response.rect.width().round();
        // Only a width changed in this window is saved: one taken in from
        // another window is not written back, so two windows with panels of
        // different widths do not take turns rewriting the file.
        let seen = state.notes_width_seen.replace(width);
        if seen.is_some_and(|seen| (width - seen).abs() >= 1.0)
            && (width - settings.notes_width).abs() >= 1.0
        {
            actions.push(Action::ChangeSettings(crate::study::Settings {
                notes_width: width,
                ..settings.clone()
            }));
        }
    }
    let now = ui.input(|i| i.time);
    state.flash = state
        .flash
        .take()
        .filter(|f| now - f.started < FLASH_S && f.page == *view.page);
    if !matches!(view.page, Page::Section(_) | Page::Topic(_)) {
        // A lesson opened from here starts again with its first frame.
        state.scroll.shown_page = None;
    }
    egui::CentralPanel::default()
        .frame(theme::central_panel_frame(ui.style()))
        .show(ui, |ui| match view.page {
            Page::Home => home::home_ui(ui, view, actions),
            Page::Map => map::map_ui(ui, view, &mut state.map, actions),
            Page::Playground => practice::playground_ui(ui, view, actions),
            Page::Review => review::review_ui(ui, view, actions),
            Page::Stats => stats::stats_ui(ui, view, actions),
            Page::Project(id) => project::project_ui(ui, view, id, state.copied, actions),
            Page::Section(_) | Page::Topic(_) => {
                lesson::lesson_ui(
                    ui,
                    view,
                    state.copied,
                    state.flash.as_mut(),
                    &mut state.scroll,
                    actions,
                );
            }
        });
    if state.flash.is_some() {
        ui.ctx().request_repaint();
    }
    banner::banners_overlay_ui(ui.ctx(), status.response.rect.top(), view.banners, actions);
    state
        .palette
        .ui(ui.ctx(), view, state.search.as_mut(), actions);
    if state.is_help_open {
        state.is_help_open = help::help_ui(ui.ctx());
    }
    if let Some(dialog) = &mut state.restore {
        data_dialogs::restore_ui(ui.ctx(), dialog, view.course, view.progress, actions);
    }
    if state.is_about_open {
        state.is_about_open = about::about_ui(ui.ctx(), view, state.copied, actions);
    }
    if let Some(prompt) = &mut state.import_prompt {
        data_dialogs::import_ui(ui.ctx(), prompt, actions);
    }
    if let Some(reason) = &state.unsaved_prompt {
        data_dialogs::unsaved_ui(ui.ctx(), reason, actions);
    }
}

/// A vertical scroll area holding a readable column, centred when the pane
/// is wide: the frame of lessons, overviews and Home.
pub fn column_ui(
    ui: &mut egui::Ui,
    id_salt: impl std::hash::Hash + std::fmt::Debug,
    offset: Option<f32>,
    add_contents: impl FnOnce(&mut egui::Ui),
) -> egui::scroll_area::ScrollAreaOutput<()> {
    let mut area = egui::ScrollArea::vertical()
        .id_salt(id_salt)
        .auto_shrink([false, false]);
    if let Some(offset) = offset {
        area = area.vertical_scroll_offset(offset);
    }
    area.show(ui, |ui| {
        let width = ui.available_width().min(theme::LESSON_MAX_WIDTH);
        let margin = (ui.available_width() - width) / 2.0;
        ui.horizontal_top(|ui| {
            ui.add_space(margin);
            ui.vertical(|ui| {
                ui.set_width(width);
                ui.add_space(theme::BLOCK_SPACING);
                add_contents(ui);
                ui.add_space(theme::BLOCK_SPACING * 3.0);
            });
        });
    })
}

/// A progress bar for `done` of `total`.
pub fn progress_bar_ui(
    ui: &mut egui::Ui,
    done: usize,
    total: usize,
    width: Option<f32>,
    height: f32,
) {
    #[expect(clippy::cast_precision_loss, reason = "topic counts are small")]
    let fraction = if total == 0 {
        0.0
    } else {
        done as f32 / total as f32
    };
    let mut bar = egui::ProgressBar::new(fraction).desired_height(height);
    if let Some(width) = width {
        bar = bar.desired_width(width);
    }
    ui.add(bar);
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
