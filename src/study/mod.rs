//! What the learner did: status, bookmarks, notes, quiz answers, last topic.
//! Plain serde data, no egui. `store` owns the file.

pub mod clock;
pub mod file_format;
pub mod machine;
pub mod merge;
pub mod projects;
pub mod review;
pub mod ron_text;
pub mod settings;
pub mod store;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use clock::{Clock, SystemClock};
pub use machine::WindowGeometry;
pub use projects::{ProjectRecord, StageRecord};
pub use ron_text::Raw;
pub use settings::{Settings, ThemeChoice};

/// The file format version written by this build.
pub const FORMAT_VERSION: u32 = 1;

/// Where the learner is with a topic.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
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

/// Everything the learner did on one topic. Each field a learner changes
/// carries its own change time, so merges pick per field.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TopicRecord {
    pub status: Status,
    pub status_ms: u64,
    pub bookmarked: bool,
    pub bookmarked_ms: u64,
    pub note: String,
    pub note_ms: u64,
    /// Quiz question id to the choice the learner picked. Files from before
    /// question ids hold the question's position as `#0`, `#1`...: see
    /// `migrate_quiz_positions`.
    pub quiz: BTreeMap<String, usize>,
    /// When each answer last changed; an entry without an answer in `quiz`
    /// records that the answer was cleared then.
    pub quiz_ms: BTreeMap<String, u64>,
    /// The learner's work on this topic's exercises, by exercise id.
    pub exercises: BTreeMap<String, ExerciseRecord>,
    /// Lesson examples the learner edited, by `example_key` of the block as
    /// the lesson had it; an empty text records a Reset.
    pub edits: BTreeMap<String, Draft>,
    /// Where the learner was reading: the lesson block at the top of the
    /// view (0: the top; one past the last block: the Practice part after
    /// them), how far the view's top was below that block's top (in points,
    /// so the place comes back exactly), and when either last changed.
    pub position: u32,
    pub position_offset_pt: i32,
    pub position_ms: u64,
    /// Fields written by other versions of the app, and values this build
    /// could not read, kept exactly as they were.
    pub extra: BTreeMap<String, Raw>,
}

/// Text the learner wrote, with when it last changed.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Draft {
    pub text: String,
    pub ms: u64,
}

/// The learner's work on one exercise.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExerciseRecord {
    /// Their code; empty (with no time) until they change the starter.
    pub code: Draft,
    /// How many times they pressed Check.
    pub attempts: u32,
    /// When every check first passed; 0 while unsolved.
    pub solved_ms: u64,
    /// How many hints they have revealed.
    pub hints_shown: u32,
    /// Fields written by other versions of the app, kept as they were.
    pub extra: BTreeMap<String, Raw>,
}

impl ExerciseRecord {
    /// Whether every check has passed at some point.
    pub fn is_solved(&self) -> bool {
        self.solved_ms > 0
    }
}

/// A key for a lesson example that changes when the example's code does,
/// so an edit never attaches to a different example (FNV-1a, stable across
/// builds and platforms).
pub fn example_key(code: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in code.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

impl Progress {
    /// Moves answers kept by question position (`#0`, files from before
    /// question ids) to the id of the question at that position, as the
    /// lesson has it now. An id already answered keeps its answer; a
    /// position with no question is kept as it is. Says whether any moved.
    pub fn migrate_quiz_positions(
        &mut self,
        id_at: impl Fn(&str, usize) -> Option<String>,
    ) -> bool {
        let mut has_moved = false;
        for (topic, record) in &mut self.topics {
            let positions: Vec<String> = record
                .quiz
                .keys()
                .chain(record.quiz_ms.keys())
                .filter(|key| key.starts_with('#'))
                .cloned()
                .collect();
            for key in positions {
                let Some(id) = position_id(topic, &key, &id_at) else {
                    continue;
                };
                has_moved = true;
                if let Some(choice) = record.quiz.remove(&key) {
                    record.quiz.entry(id.clone()).or_insert(choice);
                }
                if let Some(ms) = record.quiz_ms.remove(&key) {
                    record.quiz_ms.entry(id).or_insert(ms);
                }
            }
        }
        has_moved
    }

    /// Whether `migrate_quiz_positions` would move anything: asked first,
    /// so data shared with the file is copied only when it must change.
    pub fn has_quiz_positions(&self, id_at: impl Fn(&str, usize) -> Option<String>) -> bool {
        self.topics.iter().any(|(topic, record)| {
            record
                .quiz
                .keys()
                .chain(record.quiz_ms.keys())
                .any(|key| position_id(topic, key, &id_at).is_some())
        })
    }
}

/// The question id an answer kept under its position (`#2`) belongs to.
fn position_id(
    topic: &str,
    key: &str,
    id_at: &impl Fn(&str, usize) -> Option<String>,
) -> Option<String> {
    let index = key.strip_prefix('#')?.parse().ok()?;
    id_at(topic, index)
}

impl TopicRecord {
    /// Whether the record holds nothing worth saving.
    pub fn is_empty(&self) -> bool {
        self.status == Status::NotStarted
            && !self.bookmarked
            && self.note.is_empty()
            && self.quiz.is_empty()
            && self.exercises.is_empty()
            && self.edits.is_empty()
            && self.position == 0
            && self.position_offset_pt == 0
            && self.extra.is_empty()
    }

    /// When anything here last changed, in ms since the Unix epoch.
    pub fn changed_ms(&self) -> u64 {
        let quiz = self.quiz_ms.values().copied().max().unwrap_or(0);
        let exercises = self
            .exercises
            .values()
            .map(|e| e.code.ms.max(e.solved_ms))
            .max()
            .unwrap_or(0);
        let edits = self.edits.values().map(|d| d.ms).max().unwrap_or(0);
        self.status_ms
            .max(self.bookmarked_ms)
            .max(self.note_ms)
            .max(quiz)
            .max(exercises)
            .max(edits)
    }

    /// Stamps every field that differs from `before` with a time after its
    /// last one, and forgets a kept unreadable value the learner replaced.
    fn stamp_changes(&mut self, before: &Self, now_ms: u64) {
        let stamp = |old: u64| now_ms.max(old.saturating_add(1));
        if self.status != before.status {
            self.status_ms = stamp(self.status_ms);
            self.extra.remove("status");
            self.extra.remove("status_ms");
        }
        if self.bookmarked != before.bookmarked {
            self.bookmarked_ms = stamp(self.bookmarked_ms);
            self.extra.remove("bookmarked");
            self.extra.remove("bookmarked_ms");
        }
        if self.note != before.note {
            self.note_ms = stamp(self.note_ms);
            self.extra.remove("note");
            self.extra.remove("note_ms");
        }
        if (self.position, self.position_offset_pt) != (before.position, before.position_offset_pt)
        {
            self.position_ms = stamp(self.position_ms);
            self.extra.remove("position");
            self.extra.remove("position_offset_pt");
            self.extra.remove("position_ms");
        }
        let questions: BTreeSet<String> = self
            .quiz
            .keys()
            .chain(before.quiz.keys())
            .cloned()
            .collect();
        for question in questions {
            if self.quiz.get(&question) != before.quiz.get(&question) {
                let old = self.quiz_ms.get(&question).copied().unwrap_or(0);
                self.quiz_ms.insert(question, stamp(old));
                self.extra.remove("quiz");
                self.extra.remove("quiz_ms");
            }
        }
    }
}

/// How many recently opened topics are remembered.
pub const RECENT_TOPICS: usize = 8;

/// The learner's whole record: what `progress.ron` holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub version: u32,
    /// Per topic id. Ids the course no longer has are kept, never dropped.
    pub topics: BTreeMap<String, TopicRecord>,
    pub last_topic: Option<String>,
    pub last_topic_ms: u64,
    /// Recently opened topics, newest first.
    pub recent_topics: Vec<String>,
    pub settings: Settings,
    /// When the settings last changed, in ms since the Unix epoch.
    pub settings_ms: u64,
    /// The Playground's code.
    pub playground: Draft,
    /// Review cards the learner has graded, by card id (see `review`).
    pub cards: BTreeMap<String, review::Card>,
    /// What was studied, per local day (`YYYY-MM-DD`).
    pub activity: BTreeMap<String, review::Day>,
    /// Topic records this build could not read at all, kept as they were.
    pub unreadable_topics: BTreeMap<String, Raw>,
    /// The learner's work on projects, by project id.
    pub projects: BTreeMap<String, ProjectRecord>,
    /// Project records this build could not read, kept as they were.
    pub unreadable_projects: BTreeMap<String, Raw>,
    /// Fields written by other versions of the app, and values this build
    /// could not read, kept exactly as they were.
    pub extra: BTreeMap<String, Raw>,
}

impl Default for Progress {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            topics: BTreeMap::new(),
            last_topic: None,
            last_topic_ms: 0,
            recent_topics: Vec::new(),
            settings: Settings::default(),
            settings_ms: 0,
            playground: Draft::default(),
            cards: BTreeMap::new(),
            activity: BTreeMap::new(),
            unreadable_topics: BTreeMap::new(),
            projects: BTreeMap::new(),
            unreadable_projects: BTreeMap::new(),
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
        let before = record.clone();
        change(record);
        record.stamp_changes(&before, now_ms);
    }

    /// Records that a topic was opened: the last topic and the recent list.
    pub fn note_opened(&mut self, id: &str, now_ms: u64) {
        self.last_topic = Some(id.to_owned());
        self.last_topic_ms = now_ms.max(self.last_topic_ms.saturating_add(1));
        self.recent_topics.retain(|t| t != id);
        self.recent_topics.insert(0, id.to_owned());
        self.recent_topics.truncate(RECENT_TOPICS);
    }

    /// Replaces the settings and stamps them with `now_ms`.
    pub fn set_settings(&mut self, settings: Settings, now_ms: u64) {
        if settings == self.settings {
            return;
        }
        let mut settings = settings;
        settings.forget_replaced(&self.settings);
        self.settings = settings;
        self.settings_ms = now_ms.max(self.settings_ms.saturating_add(1));
    }

    /// Changes an exercise's record (stamping its code when it changed).
    pub fn update_exercise(
        &mut self,
        topic: &str,
        exercise: &str,
        now_ms: u64,
        change: impl FnOnce(&mut ExerciseRecord),
    ) {
        let record = self.topics.entry(topic.to_owned()).or_default();
        let entry = record.exercises.entry(exercise.to_owned()).or_default();
        let before = entry.code.text.clone();
        change(entry);
        if entry.code.text != before {
            entry.code.ms = now_ms.max(entry.code.ms.saturating_add(1));
        }
        if entry.solved_ms > 0 {
            entry.solved_ms = entry.solved_ms.max(1);
        }
    }

    /// Keeps (or with `None`, resets) the learner's edit of a lesson example.
    pub fn set_edit(&mut self, topic: &str, key: &str, text: Option<String>, now_ms: u64) {
        let record = self.topics.entry(topic.to_owned()).or_default();
        let draft = record.edits.entry(key.to_owned()).or_default();
        let text = text.unwrap_or_default();
        if draft.text != text || draft.ms == 0 {
            draft.text = text;
            draft.ms = now_ms.max(draft.ms.saturating_add(1));
        }
    }

    /// Replaces the Playground's code (emptying it is a change too: the
    /// example shown before the first edit must not come back).
    pub fn set_playground(&mut self, text: String, now_ms: u64) {
        if self.playground.text != text || self.playground.ms == 0 {
            self.playground.text = text;
            self.playground.ms = now_ms.max(self.playground.ms.saturating_add(1));
        }
    }

    /// A project's record; an empty one when there is none.
    pub fn project(&self, id: &str) -> &ProjectRecord {
        static EMPTY: std::sync::OnceLock<ProjectRecord> = std::sync::OnceLock::new();
        self.projects
            .get(id)
            .unwrap_or_else(|| EMPTY.get_or_init(ProjectRecord::default))
    }

    /// Changes one stage's record of a project (stamping its files when
    /// they changed).
    pub fn update_project_stage(
        &mut self,
        project: &str,
        stage: u32,
        now_ms: u64,
        change: impl FnOnce(&mut StageRecord),
    ) {
        let record = self.projects.entry(project.to_owned()).or_default();
        let entry = record.stages.entry(stage).or_default();
        let before = entry.files.clone();
        change(entry);
        if entry.files != before {
            entry.files_ms = now_ms.max(entry.files_ms.saturating_add(1));
        }
    }

    /// The status of a topic.
    pub fn status(&self, id: &str) -> Status {
        self.topic(id).status
    }
}

#[cfg(test)]
mod tests;
