//! The eframe app: lays the panels out, then applies the frame's actions in
//! one place (`apply`), where data changes, saves are scheduled and side
//! effects happen.

mod changes;
mod commands;
mod dialogs;
mod export;
mod folder;
mod machine;
mod navigation;
mod persistence;
mod practice;
mod review;
mod saver;
mod stepping;

use std::path::PathBuf;
use std::sync::Arc;

use crate::action::{Action, Command, RunTarget};
use crate::course::{Course, PackSource, Problem};
use crate::highlight::Highlighter;
use crate::study::machine as machine_file;
use crate::study::store::{Opened, Store};
use crate::study::{Clock, Progress, Status, SystemClock, ThemeChoice};
use crate::ui::{self, Banner, BannerKind, Page, UiState};

use dialogs::{Dialogs, Request};
use persistence::{CloseState, clamp_to_monitor, notice_banner};
use saver::Saver;

pub use changes::describe_changes;
pub use practice::{PracticeState, PythonState, RunView};
pub use review::{ReviewSession, ReviewSummary};

/// Zoom changes by this much per step, between these limits.
const ZOOM_STEP: f32 = 0.1;
/// Below this, text would be hard to read: egui's small text (9 pt)
/// would be under 8 px and body text under 11 px.
const MIN_ZOOM: f32 = 0.9;
const MAX_ZOOM: f32 = 2.5;

/// What the app needs from the outside world: where things are and the time.
#[derive(Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    /// Where this machine's own settings (`machine.ron`: the Python, the run
    /// limits, the window) live: the data dir when it was given, else the
    /// local (non-roaming) config folder.
    pub machine_dir: PathBuf,
    pub content: PackSource,
    pub clock: Arc<dyn Clock>,
    /// The Python commands to try instead of the usual ones (tests pass a
    /// path that does not exist to see the app without Python).
    pub python: Option<Vec<Vec<String>>>,
    /// The course and the first page's highlights, being prepared on a
    /// worker since `preload`.
    preloaded: Option<Arc<Preload>>,
    /// The learner's file and this machine's settings, read by `open_data`
    /// before the window opened, for the app to take.
    opened: Option<Arc<OpenedData>>,
}

/// What `Config::open_data` read, until the app takes it.
struct OpenedData(std::sync::Mutex<Option<(Opened, machine_file::Loaded)>>);

/// What `main` needs of the learner's data before the window opens.
#[derive(Clone, Debug)]
pub struct StartHints {
    /// The topic that reopens.
    pub last_topic: Option<String>,
    /// The learner chose the light theme.
    pub is_light: bool,
    /// The window's last place on this machine.
    pub window: Option<crate::study::WindowGeometry>,
}

/// What a worker prepares while the window is being created: the course, and
/// a highlighter that has done the code of the page that opens first.
type Preloaded = (
    std::sync::mpsc::Receiver<Result<crate::course::Loaded, crate::course::LoadError>>,
    Highlighter,
);

struct Preload(std::sync::Mutex<Option<Preloaded>>);

impl Config {
    /// The embedded pack, the real clock and the given data dir.
    /// This machine's settings are kept in the data dir too.
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            machine_dir: data_dir.clone(),
            data_dir,
            content: PackSource::Embedded,
            clock: Arc::new(SystemClock),
            python: None,
            preloaded: None,
            opened: None,
        }
    }

    /// Reads the learner's file and this machine's settings now, once: the
    /// app takes both when it is created. Returns what the window needs
    /// before it opens.
    pub fn open_data(&mut self) -> StartHints {
        let now = self.clock.now_ms();
        let opened = Store::open(self.data_dir.clone(), now);
        let machine = machine_file::load(&self.machine_dir, now);
        let hints = StartHints {
            last_topic: opened.progress.last_topic.clone(),
            is_light: opened.progress.settings.theme == ThemeChoice::Light,
            window: machine.settings.window,
        };
        self.opened = Some(Arc::new(OpenedData(std::sync::Mutex::new(Some((
            opened, machine,
        ))))));
        hints
    }

    /// What `open_data` read, or the files read now.
    fn take_opened(&self, now_ms: u64) -> (Opened, machine_file::Loaded) {
        let taken = self.opened.as_ref().and_then(|opened| {
            opened
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take()
        });
        taken.unwrap_or_else(|| {
            (
                Store::open(self.data_dir.clone(), now_ms),
                machine_file::load(&self.machine_dir, now_ms),
            )
        })
    }

    /// Starts reading the course on a worker now, and highlighting the code
    /// of `topic` (the lesson that will open) in `is_dark` colours; the app
    /// takes both when it is created. `main` calls this before opening the
    /// window, whose set-up takes longer, so the first frame shows the
    /// lesson highlighted.
    pub fn preload(&mut self, topic: Option<String>, is_dark: bool) {
        let source = self.content.clone();
        let (sender, receiver) = std::sync::mpsc::channel();
        // The highlighter's thread reads the course first: one thread, and
        // the memory the read leaves free is the highlighter's to reuse.
        let highlighter = Highlighter::start_after(move |queue| {
            let loaded = crate::course::open(&source);
            let doc = loaded.as_ref().ok().and_then(|loaded| {
                let topic = loaded.course.topic(topic.as_deref()?)?;
                Some(topic.doc())
            });
            if let Some(doc) = doc {
                queue.prewarm(ui::code_blocks_of(doc), is_dark);
            }
            // Sent after queueing: whoever takes the course finds the
            // lesson's blocks already on their way.
            let _ = sender.send(loaded);
        });
        self.preloaded = Some(Arc::new(Preload(std::sync::Mutex::new(Some((
            receiver,
            highlighter,
        ))))));
    }

    /// The preloaded course and highlighter when there are some, else the
    /// course read now and a new highlighter.
    fn take_preloaded(
        &self,
    ) -> (
        Result<crate::course::Loaded, crate::course::LoadError>,
        Highlighter,
    ) {
        let preloaded = self.preloaded.as_ref().and_then(|preload| {
            preload
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take()
        });
        match preloaded {
            Some((receiver, highlighter)) => match receiver.recv() {
                Ok(loaded) => (loaded, highlighter),
                // The worker stopped before sending: read it here.
                Err(_) => (crate::course::open(&self.content), highlighter),
            },
            None => (crate::course::open(&self.content), Highlighter::start()),
        }
    }
}

/// The study app.
pub struct PyroadmapApp {
    course: Arc<Course>,
    progress: Progress,
    /// The learner's data as last taken from or written to disk: merges
    /// with other windows are three-way against it.
    base: Progress,
    data_dir: std::path::PathBuf,
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
    review: review::ReviewSession,
    /// Counts every change of the learner's data, to know when cached
    /// figures are stale.
    data_version: u64,
    summary_cache: Option<((u64, String), review::ReviewSummary)>,
    /// Focused time on the open topic, to start it after a while.
    reading: Option<navigation::Reading>,
}

impl PyroadmapApp {
    /// Loads the course and the learner's data and starts the workers.
    pub fn new(ctx: &egui::Context, config: Config) -> Self {
        let (loaded, highlighter) = config.take_preloaded();
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
            review: review::ReviewSession::default(),
            data_version: 0,
            summary_cache: None,
            reading: None,
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
        // The page that opens first is highlighted first; the pages next to
        // it wait for the window to be on screen (`prewarm_neighbours`).
        app.prewarm_page(ctx.global_style().visuals.dark_mode);
        app
    }

    /// The learner's data as the app holds it now.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// This machine's settings as the app holds them.
    pub fn machine_settings(&self) -> &machine_file::MachineSettings {
        self.machine.settings()
    }

    /// The page on screen.
    pub fn page(&self) -> &Page {
        &self.page
    }

    /// What the open lesson showed in the last frame (None off a lesson).
    fn lesson_report(&self) -> Option<&ui::ScrollReport> {
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

    /// Does what the learner asked, as if from the UI (for tests and benchmarks).
    pub fn perform(&mut self, ctx: &egui::Context, action: Action) {
        self.apply(ctx, action);
    }

    /// Builds the search index on a worker thread, the first time search is
    /// opened; the app picks it up when ready.
    fn start_search_build(&mut self, ctx: &egui::Context) {
        if self.is_search_started {
            return;
        }
        self.is_search_started = true;
        let (sender, receiver) = std::sync::mpsc::channel();
        let course = Arc::clone(&self.course);
        // The notes as they are now are indexed on the worker too; any typed
        // since are brought in step when the index arrives.
        let notes: Vec<(String, String)> = self
            .progress
            .topics
            .iter()
            .filter(|(_, record)| !record.note.is_empty())
            .map(|(id, record)| (id.clone(), record.note.clone()))
            .collect();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("search index".into())
            .spawn(move || {
                let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut index = crate::search::SearchIndex::build(&course);
                    for (id, note) in &notes {
                        index.set_note(id, note);
                    }
                    index
                }));
                let _ = sender.send(built.map_err(|p| saver::panic_message(p.as_ref())));
                repaint.request_repaint();
            });
        if spawned.is_ok() {
            self.search_build = Some(receiver);
        }
    }

    /// Takes in the built index, with every note, once it arrives.
    fn receive_search_index(&mut self) {
        let Some(receiver) = &self.search_build else {
            return;
        };
        let error = match receiver.try_recv() {
            Ok(Ok(mut index)) => {
                for (id, record) in &self.progress.topics {
                    index.set_note(id, &record.note);
                }
                self.ui.search = Some(index);
                None
            }
            Ok(Err(panic)) => Some(panic),
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Some("the indexing thread stopped".to_owned())
            }
        };
        self.search_build = None;
        if let Some(error) = error {
            self.ui.palette.unavailable = Some(error.clone());
            self.show_banner(Banner::new(
                BannerKind::Error,
                format!("Search could not be prepared ({error}). Everything else works; restart pyroadmap to try again."),
            ));
        }
    }

    /// Keeps the search index's notes in step after merges and imports.
    fn resync_search_notes(&mut self) {
        if let Some(index) = &mut self.ui.search {
            for (id, record) in &self.progress.topics {
                index.set_note(id, &record.note);
            }
        }
    }

    /// Gives egui the learner's theme and zoom when they change.
    fn apply_look(&mut self, ctx: &egui::Context) {
        let settings = &self.progress.settings;
        let look = (settings.theme, settings.zoom);
        if self.applied_look == Some(look) {
            return;
        }
        ctx.set_theme(match settings.theme {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        });
        if settings.zoom.is_finite() && settings.zoom > 0.0 {
            ctx.set_zoom_factor(settings.zoom.clamp(MIN_ZOOM, MAX_ZOOM));
        }
        self.applied_look = Some(look);
    }

    /// Queues the open page's code blocks for highlighting.
    fn prewarm_page(&self, is_dark: bool) {
        let doc = match &self.page {
            Page::Topic(id) => self.course.topic(id).map(super::course::Topic::doc),
            Page::Section(index) => self
                .course
                .sections
                .get(*index)
                .map(super::course::Section::overview),
            Page::Home | Page::Map | Page::Playground | Page::Review | Page::Stats => None,
        };
        if let Some(doc) = doc {
            self.highlighter.prewarm(ui::code_blocks_of(doc), is_dark);
        }
    }

    /// Queues the code of the pages a learner goes to next from this one
    /// (the topics before and after it, its section's overview), so they
    /// open highlighted. Other pages are highlighted when they open: the
    /// whole course's highlights are not kept in memory ahead of need.
    fn prewarm_neighbours(&self, is_dark: bool) {
        let course = &self.course;
        let mut docs = Vec::new();
        match &self.page {
            Page::Topic(id) => {
                let next_and_previous = [course.neighbour(id, 1), course.neighbour(id, -1)];
                docs.extend(
                    next_and_previous
                        .into_iter()
                        .flatten()
                        .map(super::course::Topic::doc),
                );
                let section = course.topic(id).map(|t| t.section_index);
                docs.extend(
                    section
                        .and_then(|s| course.sections.get(s))
                        .map(super::course::Section::overview),
                );
            }
            Page::Section(index) => {
                let section = course.sections.get(*index);
                docs.extend(
                    section
                        .and_then(|s| s.topics.first())
                        .map(super::course::Topic::doc),
                );
            }
            Page::Home | Page::Map | Page::Playground | Page::Review | Page::Stats => {
                let next = ui::continue_topic(course, &self.progress);
                docs.extend(next.map(super::course::Topic::doc));
            }
        }
        for doc in docs {
            self.highlighter.prewarm(ui::code_blocks_of(doc), is_dark);
        }
    }

    /// Applies one action: the only place the learner's data changes.
    fn apply(&mut self, ctx: &egui::Context, action: Action) {
        let now = self.clock.now_ms();
        let mut is_changed = true;
        let page_before = self.page.clone();
        match action {
            Action::OpenTopic(id) => {
                // Opening a topic starts nothing: see `navigation::engage`.
                if self.course.topic(&id).is_some() {
                    self.progress.note_opened(&id, now);
                    let page = Page::Topic(id);
                    if self.page != page {
                        self.page = page;
                        self.scroll_to_reading_position();
                        self.count_activity(|d| d.opened += 1);
                    }
                } else {
                    is_changed = false;
                }
            }
            Action::OpenSection(index) => {
                is_changed = false;
                if index < self.course.sections.len() && self.page != Page::Section(index) {
                    self.page = Page::Section(index);
                    self.scroll_to_reading_position();
                }
            }
            Action::OpenFound { page, block, term } => {
                is_changed = false;
                match &page {
                    Page::Topic(id) => self.apply(ctx, Action::OpenTopic(id.clone())),
                    Page::Section(index) => self.apply(ctx, Action::OpenSection(*index)),
                    Page::Home | Page::Map | Page::Playground | Page::Review | Page::Stats => {
                        self.page = page.clone();
                    }
                }
                if self.page == page {
                    if block.is_some() {
                        // The flash scrolls to the hit instead.
                        self.ui.scroll.target = None;
                    }
                    let started = ctx.input(|i| i.time);
                    self.ui.flash = Some(ui::Flash {
                        page,
                        block,
                        term,
                        started,
                        has_scrolled: false,
                    });
                }
            }
            Action::ChangeSettings(settings) => self.progress.set_settings(settings, now),
            Action::ChangeMachineSettings(settings) => {
                is_changed = false;
                self.machine.set(settings, now);
            }
            Action::UsePython(path) => {
                is_changed = false;
                self.ui.import_prompt = None;
                self.use_python(&path);
            }
            Action::ReviewPick(choice) => {
                is_changed = false;
                self.pick_review_choice(choice);
            }
            Action::ReviewGrade(grade) => {
                is_changed = false;
                self.grade_card(grade, false);
            }
            Action::ReviewNext => {
                is_changed = false;
                self.next_card();
            }
            Action::ReviewUndo => {
                is_changed = false;
                self.undo_grade();
            }
            Action::ReviewDraft(code) => {
                is_changed = false;
                self.review.draft = Some(code);
            }
            Action::SetStatus { topic, status } => {
                if status == Status::Done && self.progress.status(&topic) != Status::Done {
                    self.count_activity(|d| d.done += 1);
                }
                self.progress
                    .update_topic(&topic, now, |r| r.status = status);
            }
            Action::ToggleBookmark(topic) => self
                .progress
                .update_topic(&topic, now, |r| r.bookmarked = !r.bookmarked),
            Action::EditNote { topic, text } => {
                if let Some(index) = &mut self.ui.search {
                    index.set_note(&topic, &text);
                }
                if !text.trim().is_empty() {
                    self.engage(&topic, now);
                }
                self.progress.update_topic(&topic, now, |r| r.note = text);
            }
            Action::AnswerQuiz {
                topic,
                question,
                choice,
            } => {
                self.progress.update_topic(&topic, now, |r| {
                    r.quiz.insert(question, choice);
                });
                self.count_activity(|d| d.answered += 1);
                self.engage(&topic, now);
            }
            Action::ReadAt { topic, block } => {
                self.progress
                    .update_topic(&topic, now, |r| r.position = block);
            }
            Action::RetryQuiz(topic) => self.progress.update_topic(&topic, now, |r| r.quiz.clear()),
            Action::CopyCode { id, text } => {
                is_changed = false;
                ctx.copy_text(text);
                self.ui.copied = Some((id, ctx.input(|i| i.time)));
                ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                    crate::theme::COPIED_FEEDBACK_S,
                ));
            }
            Action::OpenLink(url) => {
                use crate::course::link::{self, LinkTarget};
                is_changed = false;
                // The one place a link is followed: only web and topic links.
                match link::target(&url) {
                    LinkTarget::Topic(id) => match self.course.section_index(id) {
                        Some(index) => self.apply(ctx, Action::OpenSection(index)),
                        None => self.apply(ctx, Action::OpenTopic(id.to_owned())),
                    },
                    LinkTarget::Web(url) => ctx.open_url(egui::OpenUrl::new_tab(url)),
                    LinkTarget::Refused => {
                        let banner = Banner::new(
                            BannerKind::Warning,
                            format!("Not opened: {url}. {}.", link::REFUSED),
                        );
                        if !self.banners.contains(&banner) {
                            self.banners.push(banner);
                        }
                    }
                }
            }
            Action::OpenDataFolder => {
                is_changed = false;
                self.open_data_folder();
            }
            Action::DismissBanner(index) => {
                is_changed = false;
                if index < self.banners.len() {
                    self.banners.remove(index);
                }
            }
            Action::RunCode { target, code } => {
                is_changed = false;
                match &target {
                    RunTarget::Example { page, .. } => self.engage(page, now),
                    RunTarget::Exercise { topic, .. } => self.engage(topic, now),
                    RunTarget::Playground | RunTarget::Review { .. } => {}
                }
                self.start_run(ctx, target, code);
            }
            Action::StopRun(target) => {
                is_changed = false;
                self.stop_run(&target);
            }
            Action::StepCode { target, code } => {
                is_changed = false;
                self.start_stepping(ctx, target, code);
            }
            Action::CloseStepper(target) => {
                is_changed = false;
                self.close_stepper(&target);
            }
            Action::SetRunInput { target, text } => {
                is_changed = false;
                self.practice.inputs.insert(target, text);
            }
            Action::ToggleEditExample { page, key } => {
                is_changed = false;
                let entry = (page, key);
                if !self.practice.editing.remove(&entry) {
                    self.practice.editing.insert(entry);
                }
            }
            Action::EditExample { page, key, text } => self.edit_example(page, key, text, now),
            Action::EditExercise {
                topic,
                exercise,
                code,
            } => {
                self.engage(&topic, now);
                self.progress
                    .update_exercise(&topic, &exercise, now, |record| record.code.text = code);
            }
            Action::RevealHint { topic, exercise } => {
                self.engage(&topic, now);
                self.progress
                    .update_exercise(&topic, &exercise, now, |record| {
                        record.hints_shown = record.hints_shown.saturating_add(1);
                    });
            }
            Action::RevealSolution { topic, exercise } => {
                is_changed = false;
                self.practice.solutions_shown.insert((topic, exercise));
            }
            Action::EditPlayground(text) => self.progress.set_playground(text, now),
            Action::ChoosePython => {
                is_changed = false;
                self.open_dialog(ctx, Request::ChoosePython);
            }
            Action::RetrySave => {
                is_changed = false;
                self.retry_save(ctx);
            }
            Action::SaveCopyAs => {
                is_changed = false;
                self.ui.unsaved_prompt = None;
                self.open_dialog(ctx, Request::SaveCopy(self.progress.clone()));
            }
            Action::QuitWithoutSaving => {
                is_changed = false;
                self.quit_without_saving(ctx);
            }
            Action::CloseDialog => {
                is_changed = false;
                self.ui.unsaved_prompt = None;
                self.ui.restore = None;
                self.ui.import_prompt = None;
            }
            Action::ShowAbout => {
                is_changed = false;
                self.ui.is_about_open = true;
            }
            Action::ImportFrom(path) => {
                is_changed = false;
                self.ui.import_prompt = None;
                self.open_dialog(ctx, Request::ImportFrom(path));
            }
            Action::RestoreBackup { path, is_replace } => {
                is_changed = false;
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
            Action::Command(command) => {
                is_changed = false;
                self.run_command(ctx, command);
            }
        }
        if is_changed {
            self.mark_dirty(now);
        }
        if self.page != page_before {
            let offset = self.ui.scroll.offset_of(&page_before);
            self.after_page_change(page_before.clone(), offset);
            if self.page == Page::Review {
                self.start_review();
            }
            // Runs belong to the page they were started on.
            self.stop_all_runs();
        }
        self.end_travel();
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.page {
            Page::Topic(id) => self.course.topic(id).map(|t| t.title.as_str()),
            Page::Section(index) => self.course.sections.get(*index).map(|s| s.title.as_str()),
            Page::Home => Some("Home"),
            Page::Map => Some("Roadmap map"),
            Page::Playground => Some("Playground"),
            Page::Review => Some("Review"),
            Page::Stats => Some("Stats"),
        };
        let title = title.map_or_else(|| "pyroadmap".to_owned(), |t| format!("pyroadmap — {t}"));
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// A file dropped on the window is offered for import (every platform
    /// reports drops); while one hovers, the window says what a drop does.
    fn offer_dropped_file(&mut self, ctx: &egui::Context) {
        let (dropped, is_hovering) = ctx.input(|i| {
            (
                i.raw.dropped_files.first().map(|f| f.path().to_owned()),
                !i.raw.hovered_files.is_empty(),
            )
        });
        if let Some(path) = dropped {
            self.ui.import_prompt = Some(crate::ui::ImportPrompt {
                path: path.display().to_string(),
                reason: None,
                purpose: crate::ui::PathPurpose::Import,
            });
        }
        if is_hovering {
            let painter = ctx.layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("drop hint"),
            ));
            let rect = ctx.content_rect();
            painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(160));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop a progress file to import it",
                egui::FontId::proportional(crate::theme::HEADING_SIZES[1]),
                egui::Color32::WHITE,
            );
        }
    }

    /// Moves a window restored off screen back onto the monitor, once.
    fn check_window_position(&mut self, ctx: &egui::Context) {
        if self.is_window_checked {
            return;
        }
        let (monitor, outer, inner) = ctx.input(|i| {
            (
                i.viewport().monitor_size,
                i.viewport().outer_rect,
                i.viewport().inner_rect,
            )
        });
        let (Some(monitor), Some(outer), Some(inner)) = (monitor, outer, inner) else {
            return;
        };
        self.is_window_checked = true;
        let zoom = ctx.zoom_factor();
        let now = crate::study::WindowGeometry {
            x: outer.min.x * zoom,
            y: outer.min.y * zoom,
            width: inner.width() * zoom,
            height: inner.height() * zoom,
        };
        let fixed = clamp_to_monitor(now, monitor * zoom);
        if fixed != now {
            ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::pos2(
                fixed.x / zoom,
                fixed.y / zoom,
            )));
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(egui::vec2(
                fixed.width / zoom,
                fixed.height / zoom,
            )));
        }
    }
}

impl eframe::App for PyroadmapApp {
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
            self.prewarm_neighbours(ctx.global_style().visuals.dark_mode);
        }
        self.track_reading_time(ctx);
        self.receive_search_index();
        self.poll_practice(ctx);
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
        self.stop_runs_and_wait();
        self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The code blocks of a topic, as the lesson asks the highlighter for them.
    fn blocks<'a>(course: &'a Course, topic: &str) -> Vec<(&'a str, &'a str)> {
        ui::code_blocks_of(course.topic(topic).expect("in the course").doc())
    }

    #[test]
    fn preload_reads_the_course_and_highlights_the_lesson_that_reopens() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::new(dir.path().to_owned());
        config.preload(Some("sqlalchemy".into()), true);
        let (loaded, highlighter) = config.take_preloaded();
        let course = loaded.expect("the built-in course loads").course;
        highlighter.wait_idle();
        let reopened = blocks(&course, "sqlalchemy");
        assert!(!reopened.is_empty(), "the lesson has code");
        for (lang, text) in reopened {
            assert!(
                highlighter.get(lang, text, true).is_some(),
                "highlighted before the window opens: {text:.40}"
            );
        }
        // In the colours asked for, and nothing else of the course.
        let (lang, text) = blocks(&course, "sqlalchemy")[0];
        assert!(highlighter.get(lang, text, false).is_none());
        let (lang, text) = blocks(&course, "lists")[0];
        assert!(highlighter.get(lang, text, true).is_none());
    }
}
