//! Everything a learner can do. Panels push `Action`s; the app applies them
//! in one place. Commands carry their label and shortcut so the menus, the
//! tooltips and the key handling cannot drift apart.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::study::Status;

/// One thing the learner asked for this frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A command from a menu, a button or a shortcut.
    Command(Command),
    OpenTopic(String),
    OpenSection(usize),
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
        question: usize,
        choice: usize,
    },
    RetryQuiz(String),
    /// Put exactly this text on the clipboard; `id` names the button that asked.
    CopyCode {
        id: egui::Id,
        text: String,
    },
    /// A link: `topic:<id>` opens a topic, anything else the system browser.
    OpenLink(String),
    DismissBanner(usize),
}

/// Actions that need no argument: shown in menus with their shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    PreviousTopic,
    NextTopic,
    MarkDone,
    CycleStatus,
    ToggleBookmark,
    ExportProgress,
    ImportProgress,
    ExportNotes,
    Quit,
}

impl Command {
    /// Every command, in menu order.
    pub const ALL: [Self; 9] = [
        Self::PreviousTopic,
        Self::NextTopic,
        Self::MarkDone,
        Self::CycleStatus,
        Self::ToggleBookmark,
        Self::ExportProgress,
        Self::ImportProgress,
        Self::ExportNotes,
        Self::Quit,
    ];

    /// The name in menus and the help overlay.
    pub fn label(self) -> &'static str {
        match self {
            Self::PreviousTopic => "Previous topic",
            Self::NextTopic => "Next topic",
            Self::MarkDone => "Mark done",
            Self::CycleStatus => "Cycle status",
            Self::ToggleBookmark => "Toggle bookmark",
            Self::ExportProgress => "Export progress…",
            Self::ImportProgress => "Import progress…",
            Self::ExportNotes => "Export notes…",
            Self::Quit => "Quit",
        }
    }

    /// The keyboard shortcut. COMMAND is Cmd on macOS and Ctrl elsewhere.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let (modifiers, key) = match self {
            Self::PreviousTopic => (Modifiers::ALT, Key::ArrowLeft),
            Self::NextTopic => (Modifiers::ALT, Key::ArrowRight),
            Self::MarkDone => (Modifiers::COMMAND, Key::D),
            Self::CycleStatus => (Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S),
            Self::ToggleBookmark => (Modifiers::COMMAND, Key::B),
            Self::ExportProgress => (Modifiers::COMMAND, Key::E),
            Self::ImportProgress => (Modifiers::COMMAND, Key::O),
            Self::ExportNotes => (Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::E),
            Self::Quit => (Modifiers::COMMAND, Key::Q),
        };
        Some(KeyboardShortcut::new(modifiers, key))
    }

    /// Pushes the command of every shortcut pressed this frame.
    pub fn from_shortcuts(ctx: &egui::Context, actions: &mut Vec<Action>) {
        for command in Self::ALL {
            if let Some(shortcut) = command.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                actions.push(Action::Command(command));
            }
        }
    }

    /// A menu button for the command, with its shortcut shown beside it.
    pub fn menu_button(self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let mut button = egui::Button::new(self.label());
        if let Some(shortcut) = self.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add(button).clicked() {
            actions.push(Action::Command(self));
        }
    }
}
