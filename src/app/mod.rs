//! The eframe app: lays the panels out, then applies the frame's actions in
//! one place (`apply`), where data changes, saves are scheduled and side
//! effects happen.

mod apply;
mod changes;
mod commands;
mod config;
mod dialogs;
pub mod editor;
mod edits;
mod export;
mod folder;
mod machine;
mod navigation;
mod notices;
mod outcomes;
mod persistence;
mod practice;
mod prewarm;
mod projects;
mod review;
mod saver;
mod search_index;
mod stepping;
mod watch;
mod window;
mod work_files;

use std::sync::Arc;

use crate::action::{Action, Command};
use crate::course::{Course, Problem};
use crate::highlight::Highlighter;
use crate::practice::PracticeState;
use crate::study::machine as machine_file;
use crate::study::review::{ReviewSession, ReviewSummary};
use crate::study::{Clock, Progress, ThemeChoice};
use crate::ui::{self, Banner, BannerKind, Page, UiState};

use dialogs::Dialogs;
use notices::notice_banner;
use persistence::CloseState;
use saver::Saver;

pub use changes::describe_changes;
pub use config::{Config, StartHints};

/// The study app.
pub struct PyroadmapApp {
    course: Arc<Course>,
    progress: Arc<Progress>,
    /// The learner's data as last taken from or written to disk: merges
    /// with other windows are three-way against it.
    base: Arc<Progress>,
    data_dir: std::path::PathBuf,
    /// The work folder used while the learner has not chosen one.
    default_work_folder: std::path::PathBuf,
    /// This machine's settings, and writing them.
    machine: machine::MachineState,
    page: Page,
    ui: UiState,
    banners: Vec<Banner>,
    highlighter: Highlighter,
    diagrams: crate::diagrams::Diagrams,
    saver: Saver,
    dialogs: Dialogs,
    clock: Arc<dyn Clock>,
    /// When unsaved changes were made (ms), if there are any.
    dirty_since_ms: Option<u64>,
    /// The save-failure banner is showing; retries continue.
    is_save_failing: bool,
    /// The saving thread stopped; Retry starts a new one.
    is_saver_dead: bool,
    close: CloseState,
    /// The saved window position has been checked against the monitor.
    is_window_checked: bool,
    /// The title last sent to the window.
    window_title: String,
    /// The search index being built on a worker thread.
    search_build: Option<std::sync::mpsc::Receiver<Result<crate::search::SearchIndex, String>>>,
    /// The search index's build has been started (when search is first
    /// opened: until then its memory is not needed).
    is_search_started: bool,
    /// The page whose neighbours were last queued for highlighting.
    prewarmed_around: Option<Page>,
    /// The theme and zoom last given to egui.
    applied_look: Option<(ThemeChoice, f32)>,
    practice: PracticeState,
    python_override: Option<Vec<Vec<String>>>,
    history: navigation::History,
    /// Today's review session.
    review: ReviewSession,
    /// Counts every change of the learner's data, to know when cached
    /// figures are stale.
    data_version: u64,
    summary_cache: Option<((u64, String), ReviewSummary)>,
    /// Focused time on the open topic, to start it after a while.
    reading: Option<navigation::Reading>,
    /// Exercises as files in the work folder, and the watch on it.
    work: work_files::WorkFiles,
    /// Asks for a frame when a worker (a project check) has news.
    repaint: egui::Context,
    /// Opens project folders instead of the system's opener (tests).
    opener: Option<Vec<String>>,
    /// Whether the window's surface encodes sRGB itself (see
    /// [`theme::clear_color`]).
    is_srgb_surface: bool,
}

impl PyroadmapApp {
    /// Loads the course and the learner's data and starts the workers.
    pub fn new(ctx: &egui::Context, config: Config) -> Self {
        let (loaded, highlighter) = config.open_course();
        let (course, problems) = match loaded {
            Ok(loaded) => (loaded.course, loaded.problems),
            Err(error) => (
                Course::default(),
                vec![Problem {
                    path: String::new(),
                    line: 0,
                    message: error.to_string(),
                }],
            ),
        };
        let course = Arc::new(course);
        let now = config.clock.now_ms();
        let (opened, machine_loaded) = config.take_opened(now);
        let mut banners: Vec<Banner> = Vec::new();
        for notice in opened.notices {
            let banner = notice_banner(notice);
            if !banners.contains(&banner) {
                banners.push(banner);
            }
        }
        if !problems.is_empty() {
            let first: Vec<String> = problems.iter().take(3).map(ToString::to_string).collect();
            banners.push(Banner::new(
                BannerKind::Warning,
                format!(
                    "The content pack has {} problem(s); run `pyroadmap check` for all. {}",
                    problems.len(),
                    first.join("; ")
                ),
            ));
        }

        let mut machine = machine::MachineState::new(config.machine_dir.clone(), machine_loaded);
        for banner in machine.take_old_settings(&opened.on_disk, now) {
            if !banners.contains(&banner) {
                banners.push(banner);
            }
        }
        let progress = opened.progress;
        let base = opened.on_disk;
        let needs_save = opened.needs_save;
        let page = progress
            .last_topic
            .as_deref()
            .filter(|id| course.topic(id).is_some())
            .map_or(Page::Home, |id| Page::Topic(id.to_owned()));

        let repaint = ctx.clone();
        highlighter.set_on_done(move || repaint.request_repaint());
        let repaint = ctx.clone();
        let saver = Saver::new(opened.store, Arc::clone(&config.clock), move || {
            repaint.request_repaint();
        });

        let mut app = Self {
            course,
            progress,
            base,
            data_dir: config.data_dir.clone(),
            default_work_folder: config.default_work_folder.clone(),
            machine,
            page,
            ui: UiState::default(),
            banners,
            highlighter,
            diagrams: crate::diagrams::Diagrams::default(),
            saver,
            dialogs: Dialogs::new(config.data_dir),
            clock: config.clock,
            dirty_since_ms: None,
            is_save_failing: false,
            is_saver_dead: false,
            close: CloseState::default(),
            is_window_checked: false,
            window_title: String::new(),
            search_build: None,
            is_search_started: false,
            prewarmed_around: None,
            applied_look: None,
            practice: PracticeState::default(),
            python_override: config.python,
            history: navigation::History::default(),
            review: ReviewSession::default(),
            data_version: 0,
            summary_cache: None,
            reading: None,
            work: work_files::WorkFiles::new(config.watch_failure.clone()),
            repaint: ctx.clone(),
            opener: config.opener.clone(),
            is_srgb_surface: false,
        };
        // The last topic reopens where the learner was reading.
        app.scroll_to_reading_position();
        if app.migrate_quiz_positions() {
            app.mark_dirty(now);
        }
        // Zoom goes through our commands, so it is saved with the settings.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        if needs_save {
            app.mark_dirty(now);
        }
        // Glyphs are drawn at whole pixels: crisper text, and a quarter of
        // the glyph images (each one is kept in the font texture).
        ctx.all_styles_mut(|style| style.visuals.text_options.subpixel_binning = false);
        // The page that opens first is highlighted first, once the window is
        // on screen (it shows plain until then); then the pages next to it
        // (`prewarm_neighbours`).
        app.prewarm_page(ctx.global_style().visuals.dark_mode);
        app
    }

    /// The learner's data as the app holds it now.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// This machine's settings as the app holds them.
    /// Where exercises and projects are opened as files: the learner's
    /// choice on this machine, else the default.
    pub fn work_folder(&self) -> std::path::PathBuf {
        self.machine
            .settings()
            .work_folder
            .clone()
            .unwrap_or_else(|| self.default_work_folder.clone())
    }

    pub fn machine_settings(&self) -> &machine_file::MachineSettings {
        self.machine.settings()
    }

    /// The page on screen.
    pub fn page(&self) -> &Page {
        &self.page
    }

    /// What the open lesson showed in the last frame (None off a lesson).
    pub(super) fn lesson_report(&self) -> Option<&ui::ScrollReport> {
        self.ui
            .scroll
            .report
            .as_ref()
            .filter(|r| r.page == self.page)
    }

    /// How far the open lesson is scrolled, in points (None off a lesson).
    pub fn lesson_scroll_offset(&self) -> Option<f32> {
        self.lesson_report().map(|r| r.offset)
    }

    /// Where the open lesson's view is on screen, in points (None off a
    /// lesson).
    pub fn lesson_view(&self) -> Option<egui::Rect> {
        self.lesson_report().map(|r| r.view)
    }

    /// The id of the review card on screen, if any.
    pub fn review_card(&self) -> Option<String> {
        self.review.cards.first().map(|c| c.id.clone())
    }

    /// How wide the open lesson is on screen, in points.
    pub fn lesson_width(&self) -> Option<f32> {
        self.lesson_report().map(|r| r.width)
    }

    /// How much the map is magnified (1: full size).
    pub fn map_zoom(&self) -> f32 {
        self.ui.map.zoom()
    }

    /// How much of the map pane's width is left empty beside the map.
    pub fn map_empty_width(&self) -> f32 {
        self.ui.map.empty_width()
    }

    /// Whether the search index has been built and handed over.
    pub fn is_search_ready(&self) -> bool {
        self.ui.search.is_some()
    }

    /// The course as the app holds it.
    pub fn course(&self) -> &Course {
        &self.course
    }

    /// The highlighter, so tests and benchmarks can wait for it.
    pub fn highlighter(&self) -> &Highlighter {
        &self.highlighter
    }

    /// Tells the app the window's surface encodes sRGB itself, so the
    /// colour it is cleared to is given in linear values.
    pub fn set_srgb_surface(&mut self, is_srgb: bool) {
        self.is_srgb_surface = is_srgb;
    }

    /// Does what the learner asked, as if from the UI (for tests and benchmarks).
    pub fn perform(&mut self, ctx: &egui::Context, action: Action) {
        self.apply(ctx, action);
    }
}

impl eframe::App for PyroadmapApp {
    /// Caps the side of the window's textures (see
    /// [`theme::MAX_TEXTURE_SIDE`](crate::theme::MAX_TEXTURE_SIDE)).
    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if let Some(side) = &mut raw_input.max_texture_side {
            *side = (*side).min(crate::theme::MAX_TEXTURE_SIDE);
        }
    }

    /// The panels' colour: the panels themselves are not filled.
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        crate::theme::clear_color(visuals, self.is_srgb_surface)
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.guard_close(ctx);
        self.apply_look(ctx);
        // Lessons and notes hold any language; where no font has a glyph it
        // shows as a box, never a crash (a host such as a test harness may
        // have asked for a panic).
        if ctx.missing_glyph_policy() != egui::MissingGlyphPolicy::Tofu {
            ctx.set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
        }
        self.check_window_position(ctx);
        self.offer_dropped_file(ctx);
        if is_window_shown(ctx) && self.prewarmed_around.as_ref() != Some(&self.page) {
            self.prewarmed_around = Some(self.page.clone());
            // Held until now, so nothing competed with opening the window.
            self.highlighter.release();
            self.prewarm_neighbours(ctx.global_style().visuals.dark_mode);
        }
        self.track_reading_time(ctx);
        self.receive_search_index();
        self.poll_practice(ctx);
        self.poll_work_folder(ctx);
        self.poll_projects();
        if self.is_running() && ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.stop_all_runs();
        }
        self.track_window(ctx);
        self.schedule_saves(ctx);
        self.update_title(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let mut actions = Vec::new();
        let summary = self.review_summary();
        if self.page == Page::Review && self.review.day != self.today_key() {
            // A new day: today's cards.
            self.start_review();
        }
        if !self.ui.palette.is_open() && !self.ui.is_help_open {
            Command::from_shortcuts(ui.ctx(), &mut actions);
            Self::history_buttons(ui.ctx(), &mut actions);
        }
        let work_folder = self.work_folder();
        let view = ui::View {
            course: &self.course,
            progress: &self.progress,
            page: &self.page,
            banners: &self.banners,
            highlighter: &self.highlighter,
            diagrams: &self.diagrams,
            is_dialog_open: self.dialogs.is_open(),
            practice: &self.practice,
            is_save_failing: self.is_save_failing,
            can_go_back: !self.history.back.is_empty(),
            can_go_forward: !self.history.forward.is_empty(),
            review: &self.review,
            summary,
            now_ms: self.clock.now_ms(),
            time_zone: self.clock.time_zone(),
            data_dir: &self.data_dir,
            machine: self.machine.settings(),
            work_folder: &work_folder,
            copied: self.ui.copied,
        };
        // The view borrows the app's data; the UI state is borrowed apart.
        ui::show(ui, &view, &mut self.ui, &mut actions);
        let ctx = ui.ctx().clone();
        for action in actions {
            self.apply(&ctx, action);
        }
        self.track_scroll(&ctx);
        if self.dirty_since_ms.is_some() {
            self.schedule_saves(&ctx);
        }
    }

    fn on_exit(&mut self) {
        self.write_edited_files();
        self.stop_runs_and_wait();
        self.flush();
    }
}

/// Whether the first frame has been painted and the window shown: work
/// that can wait starts then, so it does not compete with opening the
/// window on a machine with few cores.
pub(crate) fn is_window_shown(ctx: &egui::Context) -> bool {
    ctx.cumulative_frame_nr() >= 1
}

impl Drop for PyroadmapApp {
    fn drop(&mut self) {
        self.write_edited_files();
        self.stop_runs_and_wait();
        self.flush();
    }
}
