//! `progress.ron` as text: read leniently, one entry at a time, and written
//! back with every value this build did not understand exactly as it was.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::ron_text::{self, Entries, Entry, Raw, TextError, Writer};
use super::{Draft, ExerciseRecord, FORMAT_VERSION, Progress, Settings, TopicRecord};

/// What could be read of a file.
#[derive(Debug)]
pub struct Parsed {
    pub progress: Progress,
    /// Values that could not be read, each kept in the file as it was:
    /// `line N: what, why`.
    pub problems: Vec<String>,
    /// Where the file broke off, when only its beginning could be read.
    pub broken_at: Option<TextError>,
}

/// Reads a progress file's text. Fails only when nothing in it can be read.
pub fn read(text: &str) -> Result<Parsed, TextError> {
    let mut top = ron_text::split(text, 1);
    if top.items.is_empty()
        && let Some(error) = top.error.take()
    {
        return Err(error);
    }
    let mut problems = Vec::new();
    let mut broken_at = top.error.take();
    let mut progress = Progress::default();
    let mut extra = BTreeMap::new();
    {
        let mut field = Fields {
            entries: &mut top,
            extra: &mut extra,
            problems: &mut problems,
            what: String::new(),
        };
        progress.version = field.get("version").unwrap_or(FORMAT_VERSION);
        progress.last_topic = field.get("last_topic").unwrap_or_default();
        progress.last_topic_ms = field.get("last_topic_ms").unwrap_or_default();
        progress.recent_topics = field.get("recent_topics").unwrap_or_default();
        progress.settings_ms = field.get("settings_ms").unwrap_or_default();
        progress.cards = field.get("cards").unwrap_or_default();
        progress.activity = field.get("activity").unwrap_or_default();
        progress.playground = field
            .get::<(String, u64)>("playground")
            .map(|(text, ms)| Draft { text, ms })
            .unwrap_or_default();
    }
    if let Some(entry) = top.take_text("settings") {
        progress.settings = read_settings(&entry, &mut problems);
    }
    if let Some(entry) = top.take_text("topics") {
        let topics = ron_text::split(entry.value, entry.line);
        if topics.items.is_empty()
            && let Some(error) = &topics.error
        {
            problems.push(format!(
                "line {}: the topics could not be read: {}",
                error.line, error.message
            ));
            extra.insert("topics".to_owned(), Raw(entry.value.to_owned()));
        } else if broken_at.is_none() {
            broken_at = topics.error.clone();
        }
        for item in topics.items.iter().filter(|item| !item.is_partial) {
            match read_topic(item, &mut problems) {
                Some(record) => {
                    progress.topics.insert(item.key.clone(), record);
                }
                None => {
                    progress
                        .unreadable_topics
                        .insert(item.key.clone(), Raw(item.value.to_owned()));
                }
            }
        }
    }
    // A value cut off by a break is in the copy of the whole file.
    for item in top.items.into_iter().filter(|item| !item.is_partial) {
        extra.insert(item.key, Raw(item.value.to_owned()));
    }
    progress.extra = extra;
    if let Some(error) = &broken_at
        && progress.topics.is_empty()
        && progress.unreadable_topics.is_empty()
    {
        // Not one topic survived the break: nothing worth loading.
        return Err(error.clone());
    }
    Ok(Parsed {
        progress,
        problems,
        broken_at,
    })
}

/// Reads entries one by one; a value that does not parse is kept raw in
/// `extra` and named in `problems`.
struct Fields<'e, 'a> {
    entries: &'e mut Entries<'a>,
    extra: &'e mut BTreeMap<String, Raw>,
    problems: &'e mut Vec<String>,
    /// What the entries belong to, for messages ("topic `dicts`, ").
    what: String,
}

impl Fields<'_, '_> {
    fn get<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        match self.entries.take(key)? {
            Ok(value) => Some(value),
            Err(bad) => {
                self.problems.push(format!(
                    "line {}: {}`{key}` has a value this version cannot read ({}); it is kept as it was",
                    bad.line, self.what, bad.message
                ));
                self.extra.insert(key.to_owned(), bad.raw);
                None
            }
        }
    }
}

/// A quiz answer's key: a question id, or in files from before ids the
/// question's position, read as `#0`, `#1`...
#[derive(PartialEq, Eq, PartialOrd, Ord)]
struct QuizKey(String);

impl<'de> serde::Deserialize<'de> for QuizKey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = QuizKey;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a question id or a question number")
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<QuizKey, E> {
                Ok(QuizKey(format!("#{n}")))
            }
            fn visit_i64<E: serde::de::Error>(self, n: i64) -> Result<QuizKey, E> {
                Ok(QuizKey(format!("#{n}")))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<QuizKey, E> {
                Ok(QuizKey(s.to_owned()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

fn read_topic(entry: &Entry<'_>, problems: &mut Vec<String>) -> Option<TopicRecord> {
    let mut entries = ron_text::split(entry.value, entry.line);
    if let Some(error) = &entries.error {
        problems.push(format!(
            "line {}: topic `{}` could not be read ({}); it is kept as it was",
            entry.line, entry.key, error.message
        ));
        return None;
    }
    let mut record = TopicRecord::default();
    let mut field = Fields {
        entries: &mut entries,
        extra: &mut record.extra,
        problems,
        what: format!("topic `{}`, ", entry.key),
    };
    // Files from before per-field times have one time for the whole record.
    let changed_ms: u64 = field.get("changed_ms").unwrap_or_default();
    let status = field.get("status");
    let bookmarked = field.get("bookmarked");
    let note = field.get("note");
    let quiz: Option<BTreeMap<QuizKey, usize>> = field.get("quiz");
    let status_ms = field.get("status_ms");
    let bookmarked_ms = field.get("bookmarked_ms");
    let note_ms = field.get("note_ms");
    let quiz_ms: Option<BTreeMap<QuizKey, u64>> = field.get("quiz_ms");
    record.position = field.get("position").unwrap_or_default();
    record.position_ms = field.get("position_ms").unwrap_or_default();
    record.status = status.unwrap_or_default();
    record.bookmarked = bookmarked.unwrap_or_default();
    record.note = note.unwrap_or_default();
    record.quiz = quiz
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k.0, v))
        .collect();
    record.status_ms = status_ms.unwrap_or(changed_ms);
    record.bookmarked_ms = bookmarked_ms.unwrap_or(changed_ms);
    record.note_ms = note_ms.unwrap_or(changed_ms);
    record.quiz_ms = match quiz_ms {
        Some(times) => times.into_iter().map(|(k, v)| (k.0, v)).collect(),
        None => record
            .quiz
            .keys()
            .map(|q| (q.clone(), changed_ms))
            .collect(),
    };
    let edits: Option<BTreeMap<String, (String, u64)>> = field.get("edits");
    record.edits = edits
        .unwrap_or_default()
        .into_iter()
        .map(|(key, (text, ms))| (key, Draft { text, ms }))
        .collect();
    if let Some(exercises) = entries.take_text("exercises") {
        read_exercises(&exercises, &entry.key, &mut record, problems);
    }
    for item in std::mem::take(&mut entries.items) {
        record.extra.insert(item.key, Raw(item.value.to_owned()));
    }
    Some(record)
}

fn read_exercises(
    entry: &Entry<'_>,
    topic: &str,
    record: &mut TopicRecord,
    problems: &mut Vec<String>,
) {
    let entries = ron_text::split(entry.value, entry.line);
    if entries.error.is_some() || entry.is_partial {
        problems.push(format!(
            "line {}: topic `{topic}`, the exercises could not be read; they are kept as they were",
            entry.line
        ));
        record
            .extra
            .insert("exercises".to_owned(), Raw(entry.value.to_owned()));
        return;
    }
    for item in &entries.items {
        let mut fields = ron_text::split(item.value, item.line);
        let mut exercise = ExerciseRecord::default();
        let mut field = Fields {
            entries: &mut fields,
            extra: &mut exercise.extra,
            problems,
            what: format!("topic `{topic}`, exercise `{}`, ", item.key),
        };
        exercise.code = Draft {
            text: field.get("code").unwrap_or_default(),
            ms: field.get("code_ms").unwrap_or_default(),
        };
        exercise.attempts = field.get("attempts").unwrap_or_default();
        exercise.solved_ms = field.get("solved_ms").unwrap_or_default();
        exercise.hints_shown = field.get("hints_shown").unwrap_or_default();
        for rest in std::mem::take(&mut fields.items) {
            if !rest.is_partial {
                exercise.extra.insert(rest.key, Raw(rest.value.to_owned()));
            }
        }
        record.exercises.insert(item.key.clone(), exercise);
    }
}

fn read_settings(entry: &Entry<'_>, problems: &mut Vec<String>) -> Settings {
    let mut entries = ron_text::split(entry.value, entry.line);
    let mut settings = Settings::default();
    if let Some(error) = &entries.error {
        problems.push(format!(
            "line {}: the settings could not be read ({}); defaults are used",
            error.line, error.message
        ));
    }
    let mut field = Fields {
        entries: &mut entries,
        extra: &mut settings.extra,
        problems,
        what: "settings, ".to_owned(),
    };
    let defaults = Settings::default();
    let theme = field.get("theme").unwrap_or(defaults.theme);
    let zoom = field.get("zoom").unwrap_or(defaults.zoom);
    let is_notes_open = field.get("is_notes_open").unwrap_or(defaults.is_notes_open);
    let notes_width = field.get("notes_width").unwrap_or(defaults.notes_width);
    let hide_done = field.get("hide_done").unwrap_or(defaults.hide_done);
    let only_bookmarked = field
        .get("only_bookmarked")
        .unwrap_or(defaults.only_bookmarked);
    let only_with_notes = field
        .get("only_with_notes")
        .unwrap_or(defaults.only_with_notes);
    let desired_retention = field
        .get("desired_retention")
        .unwrap_or(defaults.desired_retention);
    let new_cards_per_day = field
        .get("new_cards_per_day")
        .unwrap_or(defaults.new_cards_per_day);
    for item in std::mem::take(&mut entries.items) {
        if !item.is_partial {
            settings.extra.insert(item.key, Raw(item.value.to_owned()));
        }
    }
    Settings {
        theme,
        zoom,
        is_notes_open,
        notes_width,
        hide_done,
        only_bookmarked,
        only_with_notes,
        desired_retention,
        new_cards_per_day,
        ..settings
    }
}

/// Writes a known field, or the value kept in `extra` under its key when
/// this build could not read it (the learner has not replaced it).
fn known<T: Serialize + ?Sized>(
    w: &mut Writer,
    extra: &BTreeMap<String, Raw>,
    key: &str,
    value: &T,
) {
    match extra.get(key) {
        Some(raw) => w.raw(key, raw),
        None => w.field(key, value),
    }
}

/// Writes the rest of `extra`: what `known` did not write.
fn unknown(w: &mut Writer, extra: &BTreeMap<String, Raw>, known_keys: &[&str]) {
    for (key, raw) in extra {
        if !known_keys.contains(&key.as_str()) {
            w.raw(key, raw);
        }
    }
}

const TOPIC_KEYS: [&str; 13] = [
    "position",
    "position_ms",
    "exercises",
    "edits",
    "status",
    "status_ms",
    "bookmarked",
    "bookmarked_ms",
    "note",
    "note_ms",
    "quiz",
    "quiz_ms",
    "changed_ms",
];
const EXERCISE_KEYS: [&str; 5] = ["code", "code_ms", "attempts", "solved_ms", "hints_shown"];
// `python_path` and `run_time_limit_s` (older versions) and `window` are
// this machine's (`machine.ron`): in this file they are unknown fields,
// kept as they were and never used.
const SETTINGS_KEYS: [&str; 9] = [
    "desired_retention",
    "new_cards_per_day",
    "theme",
    "zoom",
    "is_notes_open",
    "notes_width",
    "hide_done",
    "only_bookmarked",
    "only_with_notes",
];
const PROGRESS_KEYS: [&str; 10] = [
    "cards",
    "activity",
    "playground",
    "version",
    "topics",
    "last_topic",
    "last_topic_ms",
    "recent_topics",
    "settings",
    "settings_ms",
];

/// The file's text for `progress`.
pub fn write(progress: &Progress) -> String {
    let mut w = Writer::new();
    let extra = &progress.extra;
    known(&mut w, extra, "version", &progress.version);
    if let Some(raw) = extra.get("topics") {
        w.raw("topics", raw);
    } else {
        w.open("topics");
        for (id, record) in &progress.topics {
            w.open(id);
            let e = &record.extra;
            known(&mut w, e, "status", &record.status);
            known(&mut w, e, "status_ms", &record.status_ms);
            known(&mut w, e, "bookmarked", &record.bookmarked);
            known(&mut w, e, "bookmarked_ms", &record.bookmarked_ms);
            known(&mut w, e, "note", &record.note);
            known(&mut w, e, "note_ms", &record.note_ms);
            known(&mut w, e, "quiz", &record.quiz);
            known(&mut w, e, "quiz_ms", &record.quiz_ms);
            known(&mut w, e, "changed_ms", &record.changed_ms());
            if record.position_ms > 0 || e.contains_key("position") {
                known(&mut w, e, "position", &record.position);
                w.field("position_ms", &record.position_ms);
            }
            if !record.edits.is_empty() {
                let edits: BTreeMap<&String, (&String, u64)> = record
                    .edits
                    .iter()
                    .map(|(key, draft)| (key, (&draft.text, draft.ms)))
                    .collect();
                known(&mut w, e, "edits", &edits);
            }
            if let Some(raw) = e.get("exercises") {
                w.raw("exercises", raw);
            } else if !record.exercises.is_empty() {
                w.open("exercises");
                for (id, exercise) in &record.exercises {
                    w.open(id);
                    let x = &exercise.extra;
                    known(&mut w, x, "code", &exercise.code.text);
                    known(&mut w, x, "code_ms", &exercise.code.ms);
                    known(&mut w, x, "attempts", &exercise.attempts);
                    known(&mut w, x, "solved_ms", &exercise.solved_ms);
                    known(&mut w, x, "hints_shown", &exercise.hints_shown);
                    unknown(&mut w, x, &EXERCISE_KEYS);
                    w.close();
                }
                w.close();
            }
            unknown(&mut w, e, &TOPIC_KEYS);
            w.close();
        }
        for (id, raw) in &progress.unreadable_topics {
            if progress.topics.contains_key(id) {
                w.raw(&format!("{id} (unreadable copy)"), raw);
            } else {
                w.raw(id, raw);
            }
        }
        w.close();
    }
    known(&mut w, extra, "last_topic", &progress.last_topic);
    known(&mut w, extra, "last_topic_ms", &progress.last_topic_ms);
    known(&mut w, extra, "recent_topics", &progress.recent_topics);
    w.open("settings");
    let s = &progress.settings;
    let e = &s.extra;
    known(&mut w, e, "theme", &s.theme);
    known(&mut w, e, "zoom", &s.zoom);
    known(&mut w, e, "is_notes_open", &s.is_notes_open);
    known(&mut w, e, "notes_width", &s.notes_width);
    known(&mut w, e, "hide_done", &s.hide_done);
    known(&mut w, e, "only_bookmarked", &s.only_bookmarked);
    known(&mut w, e, "only_with_notes", &s.only_with_notes);
    known(&mut w, e, "desired_retention", &s.desired_retention);
    known(&mut w, e, "new_cards_per_day", &s.new_cards_per_day);
    unknown(&mut w, e, &SETTINGS_KEYS);
    w.close();
    known(&mut w, extra, "settings_ms", &progress.settings_ms);
    if !progress.cards.is_empty() || extra.contains_key("cards") {
        known(&mut w, extra, "cards", &progress.cards);
    }
    if !progress.activity.is_empty() || extra.contains_key("activity") {
        known(&mut w, extra, "activity", &progress.activity);
    }
    if progress.playground.ms > 0 {
        let playground = (&progress.playground.text, progress.playground.ms);
        known(&mut w, extra, "playground", &playground);
    }
    unknown(&mut w, extra, &PROGRESS_KEYS);
    w.finish()
}

#[cfg(test)]
mod tests;
