//! Writing `progress.ron`: every value this build did not understand is
//! written back exactly as it was read, unless the learner replaced it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::ron_text::{Raw, Writer};
use super::super::settings::with_setting_names;
use super::super::{Progress, Settings};
use super::settle;

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

const TOPIC_KEYS: [&str; 14] = [
    "position",
    "position_offset_pt",
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
// The settings' keys are `Settings::NAMES`. `python_path` and
// `run_time_limit_s` (older versions) and `window` are this machine's
// (`machine.ron`): in this file they are unknown fields, kept as they were
// and never used.
const PROGRESS_KEYS: [&str; 11] = [
    "projects",
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

/// The file's text for `progress`. A kept unreadable value the learner has
/// replaced is not written (see `settle`).
pub fn write(progress: &Progress) -> String {
    if settle::is_settled(progress) {
        write_settled(progress)
    } else {
        let mut settled = progress.clone();
        settle::settle(&mut settled);
        write_settled(&settled)
    }
}

fn write_settled(progress: &Progress) -> String {
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
            let has_position = record.position != 0 || record.position_ms > 0;
            if has_position || e.contains_key("position") || e.contains_key("position_ms") {
                known(&mut w, e, "position", &record.position);
                known(&mut w, e, "position_ms", &record.position_ms);
            }
            if record.position_offset_pt != 0 || e.contains_key("position_offset_pt") {
                known(&mut w, e, "position_offset_pt", &record.position_offset_pt);
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
        // Settled: none of these has a readable record too.
        for (id, raw) in &progress.unreadable_topics {
            w.raw(id, raw);
        }
        w.close();
    }
    known(&mut w, extra, "last_topic", &progress.last_topic);
    known(&mut w, extra, "last_topic_ms", &progress.last_topic_ms);
    known(&mut w, extra, "recent_topics", &progress.recent_topics);
    w.open("settings");
    let s = &progress.settings;
    let e = &s.extra;
    macro_rules! write_setting {
        ($($name:ident),*) => {$(
            known(&mut w, e, stringify!($name), &s.$name);
        )*};
    }
    with_setting_names!(write_setting);
    unknown(&mut w, e, Settings::NAMES);
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
    super::super::projects::write_projects(
        &mut w,
        &progress.projects,
        &progress.unreadable_projects,
    );
    unknown(&mut w, extra, &PROGRESS_KEYS);
    w.finish()
}
