//! Merging two copies of the learner's data, field by field, so that two
//! windows, a synced folder's conflict copy or an import never drop a change.
//!
//! With a common base (two windows that read the same file), a field changed
//! on one side only takes that change, whatever the clocks say. Without one,
//! or when both sides changed a field, the newer change wins; two different
//! notes are both kept, the older under a marker.

use std::collections::{BTreeMap, BTreeSet};

use super::{Draft, ExerciseRecord, Progress, Raw, TopicRecord};

mod import;
mod maps;
mod settings;
mod text;

use settings::merge_settings;

pub use import::{IMPORTED_CODE_MARKER, MACHINE_KEYS, merge_import, without_machine_settings};

/// The line put between two versions of one note that were both edited.
pub const NOTE_MARKER: &str = "----- also written in another window or copy -----";

/// Topic fields that have a typed value; an unreadable value for one of them
/// is kept in `extra` under the same key and travels with the field.
const TOPIC_FIELDS: [&str; 8] = [
    "status",
    "bookmarked",
    "note",
    "quiz",
    "exercises",
    "edits",
    "position",
    "position_offset_pt",
];

/// Merges `theirs` into `ours`. `base` is the copy both started from, when
/// there is one. The result does not depend on which side is which.
pub fn merge(base: Option<&Progress>, ours: &Progress, theirs: &Progress) -> Progress {
    let ids: BTreeSet<&String> = ours.topics.keys().chain(theirs.topics.keys()).collect();
    let empty = TopicRecord::default();
    let mut topics = BTreeMap::new();
    for id in ids {
        let ours_record = ours.topics.get(id).unwrap_or(&empty);
        let theirs_record = theirs.topics.get(id).unwrap_or(&empty);
        let base_record = base.map(|b| b.topics.get(id).unwrap_or(&empty));
        let record = merge_topic(base_record, ours_record, theirs_record);
        if !record.is_empty() || record.changed_ms() > 0 {
            topics.insert(id.clone(), record);
        }
    }

    let (last_topic, recent_topics, last_topic_ms) = {
        let ours_key = (ours.last_topic_ms, &ours.last_topic, &ours.recent_topics);
        let theirs_key = (
            theirs.last_topic_ms,
            &theirs.last_topic,
            &theirs.recent_topics,
        );
        let newer = ours_key.max(theirs_key);
        (newer.1.clone(), newer.2.clone(), newer.0)
    };

    let (settings, settings_ms) = merge_settings(base, ours, theirs);

    let (playground, _) = pick_draft(
        base.map(|b| &b.playground),
        &ours.playground,
        &theirs.playground,
    );
    let (cards, activity) = maps::merge_reviews(base, ours, theirs);
    let (projects, unreadable_projects) = super::projects::merge_projects(ours, theirs);
    let mut unreadable_topics = theirs.unreadable_topics.clone();
    unreadable_topics.extend(ours.unreadable_topics.clone());

    Progress {
        version: ours.version.max(theirs.version),
        topics,
        last_topic,
        last_topic_ms,
        recent_topics,
        settings,
        settings_ms,
        playground,
        cards,
        activity,
        unreadable_topics,
        projects,
        unreadable_projects,
        extra: merge_extra(base.map(|b| &b.extra), &ours.extra, &theirs.extra, &[]),
    }
}

/// One field's value on one side, with its change time.
struct Side<'a, T> {
    value: &'a T,
    ms: u64,
}

// Derived Copy would require `T: Copy`; a reference is Copy for any T.
impl<T> Clone for Side<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Side<'_, T> {}

impl<T: PartialEq> Side<'_, T> {
    /// Whether this side still has the base's value, set at the base's time.
    fn is_unchanged_from(&self, base: Option<&Side<'_, T>>) -> bool {
        base.is_some_and(|b| self.value == b.value && self.ms == b.ms)
    }
}

/// Picks a field: one side's change when only one side changed it, else the
/// newer (ties broken by value, so the merge is symmetric).
fn pick<T: Ord + Clone>(
    base: Option<Side<'_, T>>,
    ours: Side<'_, T>,
    theirs: Side<'_, T>,
) -> (T, u64) {
    if ours.value == theirs.value {
        return (ours.value.clone(), ours.ms.max(theirs.ms));
    }
    if theirs.is_unchanged_from(base.as_ref()) {
        return (ours.value.clone(), ours.ms);
    }
    if ours.is_unchanged_from(base.as_ref()) {
        return (theirs.value.clone(), theirs.ms);
    }
    if (ours.ms, ours.value) >= (theirs.ms, theirs.value) {
        (ours.value.clone(), ours.ms)
    } else {
        (theirs.value.clone(), theirs.ms)
    }
}

/// Picks a note. With a base, a three-way merge of the text: what only one
/// side changed is taken, changes to different parts are all kept, and a
/// part both changed differently is kept in both versions, the newer first,
/// the older after `NOTE_MARKER`. Without a base, a text that holds the
/// other wins, else both whole texts are kept that way.
fn pick_note(
    base: Option<Side<'_, String>>,
    ours: Side<'_, String>,
    theirs: Side<'_, String>,
) -> (String, u64) {
    pick_text(base, ours, theirs, text::Style::Note(NOTE_MARKER))
}

fn pick_text(
    base: Option<Side<'_, String>>,
    ours: Side<'_, String>,
    theirs: Side<'_, String>,
    style: text::Style,
) -> (String, u64) {
    let ms = ours.ms.max(theirs.ms);
    if ours.value == theirs.value {
        return (ours.value.clone(), ms);
    }
    if theirs.is_unchanged_from(base.as_ref()) {
        return (ours.value.clone(), ours.ms);
    }
    if ours.is_unchanged_from(base.as_ref()) {
        return (theirs.value.clone(), theirs.ms);
    }
    if let Some(base) = base {
        let merged = text::merge3(
            base.value,
            text::Version {
                text: ours.value,
                ms: ours.ms,
            },
            text::Version {
                text: theirs.value,
                ms: theirs.ms,
            },
            style,
        );
        return if merged == *ours.value {
            (merged, ours.ms)
        } else if merged == *theirs.value {
            (merged, theirs.ms)
        } else {
            (merged, ms)
        };
    }
    if ours.value.contains(theirs.value.as_str()) {
        return (ours.value.clone(), ms);
    }
    if theirs.value.contains(ours.value.as_str()) {
        return (theirs.value.clone(), ms);
    }
    let (newer, older) = if (ours.ms, ours.value) >= (theirs.ms, theirs.value) {
        (ours.value, theirs.value)
    } else {
        (theirs.value, ours.value)
    };
    let text = match style {
        text::Style::Note(marker) => format!("{newer}\n\n{marker}\n{older}"),
        text::Style::Code(marker) => {
            let commented: Vec<String> = older.lines().map(|l| format!("# {l}")).collect();
            format!("{newer}\n\n{marker}\n{}\n", commented.join("\n"))
        }
    };
    (text, ms)
}

/// The line put before code kept from another window or copy.
pub const CODE_MARKER: &str = "# ----- also written in another window or copy -----";

/// Code the learner wrote: as a note, except that the older version of a
/// part both sides wrote is kept below `CODE_MARKER` as comments, so no
/// word is lost and the code still runs.
fn pick_draft(base: Option<&Draft>, ours: &Draft, theirs: &Draft) -> (Draft, u64) {
    let (text, ms) = pick_text(
        base.map(|b| Side {
            value: &b.text,
            ms: b.ms,
        }),
        Side {
            value: &ours.text,
            ms: ours.ms,
        },
        Side {
            value: &theirs.text,
            ms: theirs.ms,
        },
        text::Style::Code(CODE_MARKER),
    );
    (Draft { text, ms }, ms)
}

fn merge_topic(
    base: Option<&TopicRecord>,
    ours: &TopicRecord,
    theirs: &TopicRecord,
) -> TopicRecord {
    // A kept unreadable value travels with its field's value.
    let raw = |record: &TopicRecord, key: &str| record.extra.get(key).cloned();
    let mut merged = TopicRecord::default();

    let base_status = base.map(|r| ((r.status, raw(r, "status")), r.status_ms));
    let ((status, status_raw), status_ms) = pick(
        base_status
            .as_ref()
            .map(|(value, ms)| Side { value, ms: *ms }),
        Side {
            value: &(ours.status, raw(ours, "status")),
            ms: ours.status_ms,
        },
        Side {
            value: &(theirs.status, raw(theirs, "status")),
            ms: theirs.status_ms,
        },
    );
    merged.status = status;
    merged.status_ms = status_ms;
    let base_bookmarked = base.map(|r| ((r.bookmarked, raw(r, "bookmarked")), r.bookmarked_ms));
    let ((bookmarked, bookmarked_raw), bookmarked_ms) = pick(
        base_bookmarked
            .as_ref()
            .map(|(value, ms)| Side { value, ms: *ms }),
        Side {
            value: &(ours.bookmarked, raw(ours, "bookmarked")),
            ms: ours.bookmarked_ms,
        },
        Side {
            value: &(theirs.bookmarked, raw(theirs, "bookmarked")),
            ms: theirs.bookmarked_ms,
        },
    );
    merged.bookmarked = bookmarked;
    merged.bookmarked_ms = bookmarked_ms;
    // The block and the offset below its top are one place: they travel
    // together.
    let place = |r: &TopicRecord| {
        (
            (r.position, r.position_offset_pt),
            raw(r, "position"),
            raw(r, "position_offset_pt"),
        )
    };
    let base_position = base.map(|r| (place(r), r.position_ms));
    let (((position, position_offset_pt), position_raw, offset_raw), position_ms) = pick(
        base_position
            .as_ref()
            .map(|(value, ms)| Side { value, ms: *ms }),
        Side {
            value: &place(ours),
            ms: ours.position_ms,
        },
        Side {
            value: &place(theirs),
            ms: theirs.position_ms,
        },
    );
    merged.position = position;
    merged.position_offset_pt = position_offset_pt;
    merged.position_ms = position_ms;

    let (note, note_ms) = pick_note(
        base.map(|r| Side {
            value: &r.note,
            ms: r.note_ms,
        }),
        Side {
            value: &ours.note,
            ms: ours.note_ms,
        },
        Side {
            value: &theirs.note,
            ms: theirs.note_ms,
        },
    );
    merged.note = note;
    merged.note_ms = note_ms;

    let questions: BTreeSet<&String> = [ours, theirs]
        .iter()
        .flat_map(|r| r.quiz.keys().chain(r.quiz_ms.keys()))
        .collect();
    for question in questions {
        let answer = |r: &TopicRecord| r.quiz.get(question).copied();
        let answer_ms = |r: &TopicRecord| r.quiz_ms.get(question).copied().unwrap_or(0);
        let base_answer = base.map(|r| (answer(r), answer_ms(r)));
        let (choice, ms) = pick(
            base_answer
                .as_ref()
                .map(|(value, ms)| Side { value, ms: *ms }),
            Side {
                value: &answer(ours),
                ms: answer_ms(ours),
            },
            Side {
                value: &answer(theirs),
                ms: answer_ms(theirs),
            },
        );
        if let Some(choice) = choice {
            merged.quiz.insert(question.clone(), choice);
        }
        if ms > 0 {
            merged.quiz_ms.insert(question.clone(), ms);
        }
    }

    let empty_exercise = ExerciseRecord::default();
    let exercise_ids: BTreeSet<&String> = ours
        .exercises
        .keys()
        .chain(theirs.exercises.keys())
        .collect();
    for id in exercise_ids {
        let get = |r: &'_ TopicRecord| r.exercises.get(id).cloned().unwrap_or_default();
        let (o, t) = (get(ours), get(theirs));
        let b = base.map(get);
        let (code, _) = pick_draft(b.as_ref().map(|b| &b.code), &o.code, &t.code);
        let solved_ms = match (o.solved_ms, t.solved_ms) {
            (0, other) | (other, 0) => other,
            (a, b) => a.min(b),
        };
        let exercise = ExerciseRecord {
            code,
            attempts: o.attempts.max(t.attempts),
            solved_ms,
            hints_shown: o.hints_shown.max(t.hints_shown),
            extra: merge_extra(b.as_ref().map(|b| &b.extra), &o.extra, &t.extra, &[]),
        };
        if exercise != empty_exercise {
            merged.exercises.insert(id.clone(), exercise);
        }
    }
    let edit_keys: BTreeSet<&String> = ours.edits.keys().chain(theirs.edits.keys()).collect();
    for key in edit_keys {
        let empty = Draft::default();
        let get = |r: &'_ TopicRecord| r.edits.get(key).cloned().unwrap_or_default();
        let (draft, _) = pick_draft(base.map(get).as_ref(), &get(ours), &get(theirs));
        if draft != empty {
            merged.edits.insert(key.clone(), draft);
        }
    }

    merged.extra = merge_extra(
        base.map(|r| &r.extra),
        &ours.extra,
        &theirs.extra,
        &TOPIC_FIELDS,
    );
    for (key, raw) in [
        ("status", status_raw),
        ("bookmarked", bookmarked_raw),
        ("position", position_raw),
        ("position_offset_pt", offset_raw),
    ] {
        if let Some(raw) = raw {
            merged.extra.insert(key.to_owned(), raw);
        }
    }
    // A kept unreadable note, quiz, exercises or edits map goes with its
    // field's time: once a side replaced it (a later time, no raw value),
    // that side's value wins and the raw one is dropped (the store keeps a
    // copy of the file first).
    let field_times: [(&str, FieldTime); 4] = [
        ("note", |r| r.note_ms),
        ("quiz", |r| r.quiz_ms.values().copied().max().unwrap_or(0)),
        ("exercises", |r| {
            r.exercises
                .values()
                .map(|e| e.code.ms.max(e.solved_ms))
                .max()
                .unwrap_or(0)
        }),
        ("edits", |r| {
            r.edits.values().map(|d| d.ms).max().unwrap_or(0)
        }),
    ];
    for (key, time) in field_times {
        let side = |r: &TopicRecord| (raw(r, key), time(r));
        let base_side = base.map(side);
        let (ours_side, theirs_side) = (side(ours), side(theirs));
        let (kept, _) = pick(
            base_side
                .as_ref()
                .map(|(value, ms)| Side { value, ms: *ms }),
            Side {
                value: &ours_side.0,
                ms: ours_side.1,
            },
            Side {
                value: &theirs_side.0,
                ms: theirs_side.1,
            },
        );
        if let Some(raw) = kept {
            merged.extra.insert(key.to_owned(), raw);
        }
    }
    merged
}

/// When a topic field last changed, in ms.
type FieldTime = fn(&TopicRecord) -> u64;

/// Unknown fields: a key one side removed since the base stays removed,
/// otherwise nothing either side has is dropped.
fn merge_extra(
    base: Option<&BTreeMap<String, Raw>>,
    ours: &BTreeMap<String, Raw>,
    theirs: &BTreeMap<String, Raw>,
    skip: &[&str],
) -> BTreeMap<String, Raw> {
    let keys: BTreeSet<&String> = ours.keys().chain(theirs.keys()).collect();
    let mut merged = BTreeMap::new();
    for key in keys.into_iter().filter(|k| !skip.contains(&k.as_str())) {
        let base_value = base.map(|b| b.get(key).cloned());
        let (value, _) = pick(
            base_value.as_ref().map(|value| Side { value, ms: 0 }),
            Side {
                value: &ours.get(key).cloned(),
                ms: 0,
            },
            Side {
                value: &theirs.get(key).cloned(),
                ms: 0,
            },
        );
        if let Some(value) = value {
            merged.insert(key.clone(), value);
        }
    }
    merged
}

#[cfg(test)]
mod tests;
