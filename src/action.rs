//! Everything a learner can do. Panels push `Action`s; the app applies them
//! in one place. Commands carry their label and shortcuts so the menus, the
//! tooltips, the help overlay and the key handling cannot drift apart.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::page::Page;
use crate::study::{Settings, Status};

pub use crate::practice::RunTarget;

/// One thing the learner asked for this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A command from a menu, a button or a shortcut.
    Command(Command),
    OpenTopic(String),
    OpenSection(usize),
    /// Open a page and scroll to a block, marking `term` there for a moment.
    OpenFound {
        page: Page,
        block: Option<usize>,
        term: String,
    },
    SetStatus {
        topic: String,
        status: Status,
    },
    ToggleBookmark(String),
    EditNote {
        topic: String,
        text: String,
    },
    AnswerQuiz {
        topic: String,
        /// The question's id.
        question: String,
        choice: usize,
    },
    RetryQuiz(String),
    /// The learner is reading this block of a topic (at the top of the
    /// view), `offset_pt` points below its top.
    ReadAt {
        topic: String,
        block: u32,
        offset_pt: i32,
    },
    /// Put exactly this text on the clipboard; `id` names the button that asked.
    CopyCode {
        id: egui::Id,
        text: String,
    },
    /// A link: `topic:<id>` opens a topic, anything else the system browser.
    OpenLink(String),
    /// Open the data folder in the system's file manager (About).
    OpenDataFolder,
    DismissBanner(usize),
    /// Try saving again (and restart a saver that stopped).
    RetrySave,
    /// Write the learner's data to a file they pick.
    SaveCopyAs,
    /// Close the window although changes could not be saved.
    QuitWithoutSaving,
    /// Close the open dialog (restore, import, unsaved changes) without acting.
    CloseDialog,
    /// Import progress from this file (dropped, or its path typed).
    ImportFrom(std::path::PathBuf),
    /// Show Help > About.
    ShowAbout,
    /// Run code (an exercise target runs its checks too).
    RunCode {
        target: RunTarget,
        code: String,
    },
    /// Kill a run's whole process tree.
    StopRun(RunTarget),
    /// Record code step by step (one run) and open the stepper on it.
    StepCode {
        target: RunTarget,
        code: String,
    },
    /// Close a target's stepper.
    CloseStepper(RunTarget),
    /// What a run reads as standard input (the Input box).
    SetRunInput {
        target: RunTarget,
        text: String,
    },
    /// Open or close the editor on a lesson example.
    ToggleEditExample {
        page: String,
        key: String,
    },
    /// Keep the learner's edit of an example; None resets it to the lesson's.
    EditExample {
        page: String,
        key: String,
        text: Option<String>,
    },
    /// The learner's code for an exercise (Reset passes the starter).
    EditExercise {
        topic: String,
        exercise: String,
        code: String,
    },
    /// Go back to an exercise's starter code (after a confirm); its file in
    /// the work folder is kept beside it as a backup.
    ResetExercise {
        topic: String,
        exercise: String,
    },
    /// Open an exercise as a file in the learner's editor (written first
    /// when missing, never replaced).
    OpenInEditor {
        topic: String,
        exercise: String,
    },
    /// Open an exercise's folder in the work folder in the file manager.
    OpenExerciseFolder {
        topic: String,
        exercise: String,
    },
    /// Read an exercise's file and check it (where saves are not watched).
    CheckFileNow {
        topic: String,
        exercise: String,
    },
    /// Pick the work folder (a folder dialog).
    ChooseWorkFolder,
    /// Show the next hint of an exercise.
    RevealHint {
        topic: String,
        exercise: String,
    },
    /// Show an exercise's reference solution.
    RevealSolution {
        topic: String,
        exercise: String,
    },
    /// The Playground's code.
    EditPlayground(String),
    /// Open a project's page.
    OpenProject(String),
    /// Check a project's stages up to the open one, from the work folder.
    CheckProject(String),
    /// Stop a project's check.
    StopProjectCheck(String),
    /// Show the next hint of a project's stage.
    RevealProjectHint {
        project: String,
        stage: u32,
    },
    /// Show a project stage's reference solution.
    RevealProjectSolution {
        project: String,
        stage: u32,
    },
    /// Write a project's missing starter files, then open its folder.
    OpenProjectFolder(String),
    /// Write a project's missing starter files, then open it in an editor.
    OpenProjectInEditor(String),
    /// Pick the Python to run code with (a file dialog).
    ChoosePython,
    /// Run code with the Python at this path (typed when no file dialog
    /// can be shown).
    UsePython(std::path::PathBuf),
    /// Bring back a backup: merged into the current data, or replacing it.
    RestoreBackup {
        path: std::path::PathBuf,
        is_replace: bool,
    },
    /// New settings (theme, zoom, filters, notes panel).
    ChangeSettings(Settings),
    /// New settings of this machine only (the run limits).
    ChangeMachineSettings(crate::study::machine::MachineSettings),
    /// Pick a choice on the quiz card under review.
    ReviewPick(usize),
    /// Grade the card under review.
    ReviewGrade(crate::study::review::Grade),
    /// Move on from a card graded by a wrong pick.
    ReviewNext,
    /// Take the last grade back.
    ReviewUndo,
    /// The learner's code on the exercise card under review.
    ReviewDraft(String),
}

/// Actions that need no argument: shown in menus with their shortcut. The
/// help overlay lists them in this order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter)]
pub enum Command {
    OpenSearch,
    GoHome,
    ShowMap,
    OpenReview,
    OpenStats,
    Back,
    Forward,
    PreviousTopic,
    NextTopic,
    PageDown,
    PageUp,
    LessonTop,
    LessonEnd,
    MarkDone,
    CycleStatus,
    ToggleBookmark,
    FocusNotes,
    ToggleNotes,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    ShowHelp,
    ExportProgress,
    ImportProgress,
    ExportNotes,
    RestoreBackup,
    OpenPlayground,
    Quit,
}

/// Every shortcut, the main one of each command first. COMMAND is Cmd on
/// macOS and Ctrl elsewhere.
const SHORTCUTS: &[(Command, KeyboardShortcut)] = &[
    (Command::OpenSearch, key(CMD, Key::K)),
    (Command::OpenSearch, key(CMD, Key::F)),
    (Command::GoHome, key(Modifiers::ALT, Key::Home)),
    (Command::ShowMap, key(CMD, Key::M)),
    (Command::OpenReview, key(CMD, Key::R)),
    (Command::OpenStats, key(CMD_SHIFT, Key::T)),
    (Command::Back, key(Modifiers::ALT, Key::ArrowLeft)),
    (Command::Back, key(CMD, Key::OpenBracket)),
    (Command::Forward, key(Modifiers::ALT, Key::ArrowRight)),
    (Command::Forward, key(CMD, Key::CloseBracket)),
    (Command::PreviousTopic, key(Modifiers::ALT, Key::PageUp)),
    (Command::NextTopic, key(Modifiers::ALT, Key::PageDown)),
    (Command::PageDown, key(Modifiers::NONE, Key::PageDown)),
    (Command::PageDown, key(Modifiers::NONE, Key::Space)),
    (Command::PageUp, key(Modifiers::NONE, Key::PageUp)),
    (Command::PageUp, key(Modifiers::SHIFT, Key::Space)),
    (Command::LessonTop, key(Modifiers::NONE, Key::Home)),
    (Command::LessonEnd, key(Modifiers::NONE, Key::End)),
    (Command::MarkDone, key(CMD, Key::D)),
    (Command::CycleStatus, key(CMD_SHIFT, Key::S)),
    (Command::ToggleBookmark, key(CMD, Key::B)),
    (Command::FocusNotes, key(CMD, Key::N)),
    (Command::ToggleNotes, key(CMD_SHIFT, Key::N)),
    (Command::ZoomIn, key(CMD, Key::Plus)),
    (Command::ZoomIn, key(CMD, Key::Equals)),
    (Command::ZoomOut, key(CMD, Key::Minus)),
    (Command::ZoomReset, key(CMD, Key::Num0)),
    (Command::ShowHelp, key(Modifiers::NONE, Key::F1)),
    (Command::ShowHelp, key(Modifiers::NONE, Key::Questionmark)),
    (Command::ExportProgress, key(CMD, Key::E)),
    (Command::ImportProgress, key(CMD, Key::O)),
    (Command::ExportNotes, key(CMD_SHIFT, Key::E)),
    (Command::RestoreBackup, key(CMD_SHIFT, Key::R)),
    (Command::OpenPlayground, key(CMD_SHIFT, Key::P)),
    (Command::Quit, key(CMD, Key::Q)),
];

const fn key(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CMD: Modifiers = Modifiers::COMMAND;
const CMD_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);

impl Command {
    /// Every command, in the order the help overlay lists them.
    pub fn all() -> impl Iterator<Item = Self> {
        <Self as strum::IntoEnumIterator>::iter()
    }

    /// The name in menus and the help overlay.
    pub fn label(self) -> &'static str {
        match self {
            Self::OpenSearch => "Search…",
            Self::GoHome => "Home",
            Self::ShowMap => "Roadmap map",
            Self::OpenReview => "Review",
            Self::OpenStats => "Stats",
            Self::Back => "Back",
            Self::Forward => "Forward",
            Self::PreviousTopic => "Previous topic",
            Self::NextTopic => "Next topic",
            Self::PageDown => "Scroll down a page",
            Self::PageUp => "Scroll up a page",
            Self::LessonTop => "Top of the lesson",
            Self::LessonEnd => "End of the lesson",
            Self::MarkDone => "Mark done",
            Self::CycleStatus => "Cycle status",
            Self::ToggleBookmark => "Toggle bookmark",
            Self::FocusNotes => "Write a note",
            Self::ToggleNotes => "Show or hide notes",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Reset zoom",
            Self::ShowHelp => "Keyboard shortcuts",
            Self::ExportProgress => "Export progress…",
            Self::ImportProgress => "Import progress…",
            Self::ExportNotes => "Export notes…",
            Self::RestoreBackup => "Restore from backup…",
            Self::OpenPlayground => "Playground",
            Self::Quit => "Quit",
        }
    }

    /// The keyboard shortcuts, the main one first.
    pub fn shortcuts(self) -> impl Iterator<Item = KeyboardShortcut> {
        SHORTCUTS
            .iter()
            .filter(move |(c, _)| *c == self)
            .map(|(_, s)| *s)
    }

    /// The shortcuts as text for this platform, e.g. "Ctrl+K or Ctrl+F".
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        let keys: Vec<String> = self
            .shortcuts()
            // egui spells these keys out; show the characters instead.
            .map(|s| {
                ctx.format_shortcut(&s)
                    .replace("Questionmark", "?")
                    .replace("Equals", "=")
                    .replace("OpenBracket", "[")
                    .replace("CloseBracket", "]")
            })
            .collect();
        keys.join(" or ")
    }

    /// Pushes the command of every shortcut pressed this frame. While the
    /// learner types, only shortcuts with Ctrl/Cmd count, so typing `?` or
    /// Alt+arrows in a note stays typing.
    pub fn from_shortcuts(ctx: &egui::Context, actions: &mut Vec<Action>) {
        let is_typing = ctx.egui_wants_keyboard_input();
        // egui matches Ctrl+E also when Shift is held, so try the shortcuts
        // with more modifiers first: Ctrl+Shift+E must not read as Ctrl+E.
        static BY_SPECIFICITY: std::sync::OnceLock<Vec<(Command, KeyboardShortcut)>> =
            std::sync::OnceLock::new();
        let shortcuts = BY_SPECIFICITY.get_or_init(|| {
            let mut all: Vec<(Command, KeyboardShortcut)> = Command::all()
                .flat_map(|c| c.shortcuts().map(move |s| (c, s)))
                .collect();
            all.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
            all
        });
        for (command, shortcut) in shortcuts {
            if is_typing && !shortcut.modifiers.command {
                continue;
            }
            let command = *command;
            if ctx.input_mut(|i| i.consume_shortcut(shortcut))
                && !actions.contains(&Action::Command(command))
            {
                actions.push(Action::Command(command));
            }
        }
    }

    /// A menu button for the command, with its main shortcut beside it.
    pub fn menu_button(self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let mut button = egui::Button::new(self.label());
        if let Some(shortcut) = self.shortcuts().next() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add(button).clicked() {
            actions.push(Action::Command(self));
        }
    }
}

fn modifier_count(modifiers: Modifiers) -> usize {
    [
        modifiers.alt,
        modifiers.shift,
        modifiers.command || modifiers.ctrl || modifiers.mac_cmd,
    ]
    .iter()
    .filter(|m| **m)
    .count()
}
