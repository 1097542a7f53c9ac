//! What the learner did: status, bookmarks, notes, quiz answers, last topic.
//! Plain serde data, no egui. `store` owns the file.

pub mod clock;
pub mod store;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use clock::{Clock, SystemClock};

/// The file format version written by this build.
pub const FORMAT_VERSION: u32 = 1;

/// Where the learner is with a topic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Skipped,
}

impl Status {
    /// Every status, in the order the status control shows them.
    pub const ALL: [Self; 4] = [
        Self::NotStarted,
        Self::InProgress,
        Self::Done,
        Self::Skipped,
    ];

    /// The name shown to the learner.
    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::InProgress => "In progress",
            Self::Done => "Done",
            Self::Skipped => "Skipped",
        }
    }

    /// The next status when cycling.
    pub fn next(self) -> Self {
        match self {
            Self::NotStarted => Self::InProgress,
            Self::InProgress => Self::Done,
            Self::Done => Self::Skipped,
            Self::Skipped => Self::NotStarted,
        }
    }
}

/// Everything the learner did on one topic.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct TopicRecord {
    pub status: Status,
    pub bookmarked: bool,
    pub note: String,
    /// Quiz question index to the choice the learner picked.
    pub quiz: BTreeMap<usize, usize>,
    /// When anything here last changed, in ms since the Unix epoch.
    pub changed_ms: u64,
    /// Fields written by other versions of the app, kept as they were.
    #[serde(flatten)]
    pub extra: BTreeMap<String, ron::Value>,
}

impl TopicRecord {
    /// Whether the record holds nothing worth saving.
    pub fn is_empty(&self) -> bool {
        self.status == Status::NotStarted
            && !self.bookmarked
            && self.note.is_empty()
            && self.quiz.is_empty()
            && self.extra.is_empty()
    }
}

/// The window's last size and position, in points.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindowGeometry {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// Which colours the app uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// Follow the system's light or dark mode.
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    /// Every choice, in menu order.
    pub const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    /// The name in the View menu.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }
}

/// How the learner set the app up. Saved with their progress.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    /// The zoom factor, 1.0 for 100%.
    pub zoom: f32,
    pub is_notes_open: bool,
    /// The notes panel's width, in points.
    pub notes_width: f32,
    /// Sidebar filters.
    pub hide_done: bool,
    pub only_bookmarked: bool,
    pub only_with_notes: bool,
    /// Fields written by other versions of the app, kept as they were.
    #[serde(flatten)]
    pub extra: BTreeMap<String, ron::Value>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            zoom: 1.0,
            is_notes_open: true,
            notes_width: 300.0,
            hide_done: false,
            only_bookmarked: false,
            only_with_notes: false,
            extra: BTreeMap::new(),
        }
    }
}

/// How many recently opened topics are remembered.
pub const RECENT_TOPICS: usize = 8;

/// The learner's whole record: what `progress.ron` holds.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Progress {
    pub version: u32,
    /// Per topic id. Ids the course no longer has are kept, never dropped.
    pub topics: BTreeMap<String, TopicRecord>,
    pub last_topic: Option<String>,
    pub last_topic_ms: u64,
    /// Recently opened topics, newest first.
    pub recent_topics: Vec<String>,
    pub window: Option<WindowGeometry>,
    pub settings: Settings,
    /// When the settings last changed, in ms since the Unix epoch.
    pub settings_ms: u64,
    /// Fields written by other versions of the app, kept as they were.
    #[serde(flatten)]
    pub extra: BTreeMap<String, ron::Value>,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            topics: BTreeMap::new(),
            last_topic: None,
            last_topic_ms: 0,
            recent_topics: Vec::new(),
            window: None,
            settings: Settings::default(),
            settings_ms: 0,
            extra: BTreeMap::new(),
        }
    }
}

impl Progress {
    /// The record for a topic; an empty one when there is none.
    pub fn topic(&self, id: &str) -> &TopicRecord {
        static EMPTY: std::sync::OnceLock<TopicRecord> = std::sync::OnceLock::new();
        self.topics
            .get(id)
            .unwrap_or_else(|| EMPTY.get_or_init(TopicRecord::default))
    }

    /// Changes a topic's record and stamps it with `now_ms`.
    pub fn update_topic(&mut self, id: &str, now_ms: u64, change: impl FnOnce(&mut TopicRecord)) {
        let record = self.topics.entry(id.to_owned()).or_default();
        change(record);
        record.changed_ms = now_ms.max(record.changed_ms + 1);
    }

    /// Records that a topic was opened: the last topic and the recent list.
    pub fn note_opened(&mut self, id: &str, now_ms: u64) {
        self.last_topic = Some(id.to_owned());
        self.last_topic_ms = now_ms.max(self.last_topic_ms + 1);
        self.recent_topics.retain(|t| t != id);
        self.recent_topics.insert(0, id.to_owned());
        self.recent_topics.truncate(RECENT_TOPICS);
    }

    /// Replaces the settings and stamps them with `now_ms`.
    pub fn set_settings(&mut self, settings: Settings, now_ms: u64) {
        self.settings = settings;
        self.settings_ms = now_ms.max(self.settings_ms + 1);
    }

    /// The status of a topic.
    pub fn status(&self, id: &str) -> Status {
        self.topic(id).status
    }

    /// Merges `other` into `self`: per topic the record changed last wins,
    /// and nothing that only one side has is dropped.
    pub fn merge(&mut self, other: &Self) {
        for (id, theirs) in &other.topics {
            match self.topics.get_mut(id) {
                Some(ours) if ours.changed_ms >= theirs.changed_ms => {}
                Some(ours) => *ours = theirs.clone(),
                None => {
                    self.topics.insert(id.clone(), theirs.clone());
                }
            }
        }
        if other.last_topic_ms > self.last_topic_ms {
            self.last_topic.clone_from(&other.last_topic);
            self.recent_topics.clone_from(&other.recent_topics);
            self.last_topic_ms = other.last_topic_ms;
        }
        if other.settings_ms > self.settings_ms {
            self.settings = other.settings.clone();
            self.settings_ms = other.settings_ms;
        }
        if self.window.is_none() {
            self.window = other.window;
        }
        for (key, value) in &other.extra {
            self.extra
                .entry(key.clone())
                .or_insert_with(|| value.clone());
        }
        self.version = self.version.max(other.version);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_the_newer_record_per_topic() {
        let mut ours = Progress::default();
        ours.update_topic("a", 10, |r| r.note = "ours, older".into());
        ours.update_topic("b", 30, |r| r.note = "ours, newer".into());
        let mut theirs = Progress::default();
        theirs.update_topic("a", 20, |r| r.note = "theirs, newer".into());
        theirs.update_topic("b", 25, |r| r.note = "theirs, older".into());
        theirs.update_topic("c", 5, |r| r.bookmarked = true);
        ours.merge(&theirs);
        assert_eq!(ours.topic("a").note, "theirs, newer");
        assert_eq!(ours.topic("b").note, "ours, newer");
        assert!(ours.topic("c").bookmarked);
    }

    #[test]
    fn update_stamps_strictly_increasing_times() {
        let mut p = Progress::default();
        p.update_topic("a", 100, |r| r.status = Status::Done);
        p.update_topic("a", 100, |r| r.status = Status::Skipped);
        assert_eq!(p.topic("a").changed_ms, 101);
    }
}
