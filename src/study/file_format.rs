//! `progress.ron` as text: read leniently, one entry at a time, and written
//! back with every value this build did not understand exactly as it was.
//!
//! What cannot be read costs at most that value: bytes that are not UTF-8
//! are shown as U+FFFD, stray text between entries is skipped, a key that
//! appears twice is read once (the last, as serde's and JSON's readers do).
//! Whatever is not kept in the file that way is in the `.broken` copy the
//! store keeps first (`Parsed::needs_copy`).

mod settle;
mod write;

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

use super::ron_text::{self, Entries, Entry, Raw, TextError};
use super::settings::{SettingValue, with_setting_names};
use super::{Draft, ExerciseRecord, FORMAT_VERSION, Progress, Settings, TopicRecord};

pub use settle::{dropped_values, settle};
pub use write::write;

/// What could be read of a file.
#[derive(Debug)]
pub struct Parsed {
    pub progress: Progress,
    /// What could not be read, each with what became of it:
    /// `line N: what, why`.
    pub problems: Vec<String>,
    /// Where the file broke off, when only its beginning could be read.
    pub broken_at: Option<TextError>,
    /// Some of the file is neither in `progress` nor kept to be written back
    /// (a duplicate's earlier value, bytes that were not UTF-8, stray text,
    /// a repaired review card): keep a copy before saving over the file.
    pub needs_copy: bool,
}

/// Reads a progress file's bytes. Bytes that are not UTF-8 cost only the
/// value they are in: they are shown as U+FFFD and named in `problems`.
pub fn read_bytes(bytes: &[u8]) -> Result<Parsed, TextError> {
    let (text, bad_lines) = decode_lossy(bytes);
    let mut parsed = read(&text)?;
    if !bad_lines.is_empty() {
        let shown: Vec<String> = bad_lines.iter().take(5).map(usize::to_string).collect();
        let more = bad_lines.len() - shown.len();
        let more = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        let lines = if bad_lines.len() == 1 {
            "line"
        } else {
            "lines"
        };
        parsed.problems.insert(
            0,
            format!(
                "{lines} {}{more}: bytes that are not UTF-8 text are shown as \u{fffd}; the original bytes are kept in the .broken copy",
                shown.join(", ")
            ),
        );
        parsed.needs_copy = true;
    }
    Ok(parsed)
}

/// The text with each run of bytes that are not UTF-8 replaced by U+FFFD,
/// and the lines where that happened.
fn decode_lossy(bytes: &[u8]) -> (Cow<'_, str>, Vec<usize>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), Vec::new());
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut bad_lines: Vec<usize> = Vec::new();
    let mut line = 1;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        line += chunk.valid().bytes().filter(|&b| b == b'\n').count();
        if !chunk.invalid().is_empty() {
            text.push(char::REPLACEMENT_CHARACTER);
            if bad_lines.last() != Some(&line) {
                bad_lines.push(line);
            }
        }
    }
    (Cow::Owned(text), bad_lines)
}

/// Reads a progress file's text. Fails only when nothing in it can be read.
pub fn read(text: &str) -> Result<Parsed, TextError> {
    let mut reader = Reader::default();
    let mut top = ron_text::split(text, 1);
    if top.items.is_empty()
        && let Some(error) = top.error.take()
    {
        return Err(error);
    }
    reader.tidy(&mut top, "");
    let mut broken_at = top.error.take();
    let cards_line = top
        .items
        .iter()
        .find(|e| e.key == "cards")
        .map_or(0, |e| e.line);
    let mut progress = Progress::default();
    let mut extra = BTreeMap::new();
    {
        let mut field = Fields {
            entries: &mut top,
            extra: &mut extra,
            reader: &mut reader,
            what: String::new(),
        };
        // A version too large for any format number is a newer one: the
        // file is then shown read-only, never rewritten by this build.
        progress.version = field
            .get::<u64>("version")
            .map_or(FORMAT_VERSION, |v| u32::try_from(v).unwrap_or(u32::MAX));
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
    repair_cards(&mut progress, cards_line, &mut reader);
    if let Some(entry) = top.take_text("settings") {
        progress.settings = read_settings(&entry, &mut reader);
    }
    if let Some(entry) = top.take_text("projects").filter(|e| !e.is_partial) {
        let (readable, unreadable) =
            super::projects::read_projects(entry.value, entry.line, &mut reader.problems);
        progress.projects = readable;
        progress.unreadable_projects = unreadable;
    }
    if let Some(entry) = top.take_text("topics") {
        let mut topics = ron_text::split(entry.value, entry.line);
        if topics.items.is_empty()
            && let Some(error) = &topics.error
        {
            reader.problems.push(format!(
                "line {}: the topics could not be read: {}",
                error.line, error.message
            ));
            extra.insert("topics".to_owned(), Raw(entry.value.to_owned()));
        } else if broken_at.is_none() {
            broken_at = topics.error.clone();
        }
        reader.tidy(&mut topics, "the topic ");
        for item in topics.items.iter().filter(|item| !item.is_partial) {
            match read_topic(item, &mut reader) {
                Some(record) => {
                    progress.topics.insert(item.key.to_string(), record);
                }
                None => {
                    progress
                        .unreadable_topics
                        .insert(item.key.to_string(), Raw(item.value.to_owned()));
                }
            }
        }
    }
    // A value cut off by a break is in the copy of the whole file.
    for item in top.items.into_iter().filter(|item| !item.is_partial) {
        extra.insert(item.key.into_owned(), Raw(item.value.to_owned()));
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
        problems: reader.problems,
        broken_at,
        needs_copy: reader.needs_copy,
    })
}

/// What reading found wrong, across the whole file.
#[derive(Default)]
struct Reader {
    problems: Vec<String>,
    needs_copy: bool,
}

impl Reader {
    /// Reads each key once (the last) and names what was dropped or skipped.
    /// `what` says whose keys they are ("topic `dicts`, ").
    fn tidy(&mut self, entries: &mut Entries<'_>, what: &str) {
        for skipped in std::mem::take(&mut entries.skipped) {
            self.problems.push(format!(
                "line {}: stray text is skipped ({}); the original is kept in the .broken copy",
                skipped.line, skipped.message
            ));
            self.needs_copy = true;
        }
        for duplicate in entries.drop_duplicates() {
            self.problems.push(format!(
                "line {}: {what}{:?} appears twice; the later one (line {}) is used, the earlier is kept in the .broken copy",
                duplicate.dropped_line, duplicate.key, duplicate.kept_line
            ));
            self.needs_copy = true;
        }
    }
}

/// Reads entries one by one; a value that does not parse is kept raw in
/// `extra` and named in `problems`.
struct Fields<'e, 'a> {
    entries: &'e mut Entries<'a>,
    extra: &'e mut BTreeMap<String, Raw>,
    reader: &'e mut Reader,
    /// What the entries belong to, for messages ("topic `dicts`, ").
    what: String,
}

impl Fields<'_, '_> {
    fn get<T: DeserializeOwned>(&mut self, key: &str) -> Option<T> {
        self.get_checked(key, |_| true)
    }

    /// As `get`, and a value `is_sane` rejects (a size that is not a
    /// number) is unreadable too.
    fn get_checked<T: DeserializeOwned>(
        &mut self,
        key: &str,
        is_sane: impl Fn(&T) -> bool,
    ) -> Option<T> {
        let entry = self.entries.take_text(key).filter(|e| !e.is_partial)?;
        let message = match ron_text::parse_value::<T>(entry.value) {
            Ok(value) if is_sane(&value) => return Some(value),
            Ok(_) => "not a number".to_owned(),
            Err(message) => message,
        };
        self.reader.problems.push(format!(
            "line {}: {}`{key}` has a value this version cannot read ({message}); it is kept as it was",
            entry.line, self.what
        ));
        self.extra
            .insert(key.to_owned(), Raw(entry.value.to_owned()));
        None
    }
}

/// Review cards whose schedule is not a number (NaN, infinite) would be due
/// at every review: they start again as new cards, their grades kept.
fn repair_cards(progress: &mut Progress, line: usize, reader: &mut Reader) {
    for (id, card) in &mut progress.cards {
        if card.repair() {
            reader.problems.push(format!(
                "line {line}: review card `{id}` had a schedule that is not a number; it starts again as a new card, its grades kept (the original is in the .broken copy)"
            ));
            reader.needs_copy = true;
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

fn read_topic(entry: &Entry<'_>, reader: &mut Reader) -> Option<TopicRecord> {
    let mut entries = ron_text::split(entry.value, entry.line);
    if let Some(error) = &entries.error {
        reader.problems.push(format!(
            "line {}: topic `{}` could not be read ({}); it is kept as it was",
            entry.line, entry.key, error.message
        ));
        return None;
    }
    let what = format!("topic `{}`, ", entry.key);
    reader.tidy(&mut entries, &what);
    let mut record = TopicRecord::default();
    let mut field = Fields {
        entries: &mut entries,
        extra: &mut record.extra,
        reader,
        what,
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
    record.position_offset_pt = field.get("position_offset_pt").unwrap_or_default();
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
        read_exercises(&exercises, &entry.key, &mut record, reader);
    }
    for item in std::mem::take(&mut entries.items) {
        record
            .extra
            .insert(item.key.into_owned(), Raw(item.value.to_owned()));
    }
    Some(record)
}

fn read_exercises(entry: &Entry<'_>, topic: &str, record: &mut TopicRecord, reader: &mut Reader) {
    let mut entries = ron_text::split(entry.value, entry.line);
    let is_unreadable = |entries: &Entries<'_>| {
        entries.error.is_some()
            || entries
                .items
                .iter()
                .any(|item| ron_text::split(item.value, item.line).error.is_some())
    };
    if entry.is_partial || is_unreadable(&entries) {
        reader.problems.push(format!(
            "line {}: topic `{topic}`, the exercises could not be read; they are kept as they were",
            entry.line
        ));
        record
            .extra
            .insert("exercises".to_owned(), Raw(entry.value.to_owned()));
        return;
    }
    reader.tidy(&mut entries, &format!("topic `{topic}`, exercise "));
    for item in &entries.items {
        let mut fields = ron_text::split(item.value, item.line);
        let what = format!("topic `{topic}`, exercise `{}`, ", item.key);
        reader.tidy(&mut fields, &what);
        let mut exercise = ExerciseRecord::default();
        let mut field = Fields {
            entries: &mut fields,
            extra: &mut exercise.extra,
            reader,
            what,
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
                exercise
                    .extra
                    .insert(rest.key.into_owned(), Raw(rest.value.to_owned()));
            }
        }
        record.exercises.insert(item.key.to_string(), exercise);
    }
}

fn read_settings(entry: &Entry<'_>, reader: &mut Reader) -> Settings {
    let mut entries = ron_text::split(entry.value, entry.line);
    let mut settings = Settings::default();
    if let Some(error) = &entries.error {
        reader.problems.push(format!(
            "line {}: the settings could not be read ({}); defaults are used",
            error.line, error.message
        ));
    }
    reader.tidy(&mut entries, "settings, ");
    let mut field = Fields {
        entries: &mut entries,
        extra: &mut settings.extra,
        reader,
        what: "settings, ".to_owned(),
    };
    // Each setting is read in turn; one this build cannot read keeps its
    // default, its value kept in `extra`.
    macro_rules! read {
        ($($name:ident),*) => {$(
            if let Some(value) = field.get_checked(stringify!($name), SettingValue::is_readable) {
                settings.$name = value;
            }
        )*};
    }
    with_setting_names!(read);
    for item in std::mem::take(&mut entries.items) {
        if !item.is_partial {
            settings
                .extra
                .insert(item.key.into_owned(), Raw(item.value.to_owned()));
        }
    }
    settings
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod store_tests;
#[cfg(test)]
mod tests;
