//! A value this build could not read is kept (in an `extra` map) and written
//! back as it was, while its field holds the default it was given. Once the
//! field holds anything else, the learner (or a merge with their other
//! window) set it, and that value wins: the kept one is dropped, and the
//! store keeps a `.broken` copy of the file before the save that drops it.

use std::collections::BTreeMap;

use super::super::{Draft, ExerciseRecord, Progress, Raw, Status, TopicRecord};

/// Each value field whose kept raw value stands for a default, with the
/// keys dropped once the field holds another value (the field's own key
/// first, then the time that goes with it).
fn replaced_in_progress(p: &Progress) -> Vec<&'static [&'static str]> {
    if p.extra.is_empty() {
        return Vec::new();
    }
    replaced(
        &p.extra,
        [
            (
                !p.topics.is_empty() || !p.unreadable_topics.is_empty(),
                &["topics"][..],
            ),
            (p.last_topic.is_some(), &["last_topic", "last_topic_ms"]),
            (!p.recent_topics.is_empty(), &["recent_topics"]),
            (!p.cards.is_empty(), &["cards"]),
            (!p.activity.is_empty(), &["activity"]),
            (p.playground != Draft::default(), &["playground"]),
        ],
    )
}

fn replaced_in_topic(r: &TopicRecord) -> Vec<&'static [&'static str]> {
    if r.extra.is_empty() {
        return Vec::new();
    }
    replaced(
        &r.extra,
        [
            (r.status != Status::NotStarted, &["status", "status_ms"][..]),
            (r.bookmarked, &["bookmarked", "bookmarked_ms"]),
            (!r.note.is_empty(), &["note", "note_ms"]),
            (!r.quiz.is_empty(), &["quiz", "quiz_ms"]),
            (r.position != 0, &["position", "position_ms"]),
            (r.position_offset_pt != 0, &["position_offset_pt"]),
            (!r.edits.is_empty(), &["edits"]),
            (!r.exercises.is_empty(), &["exercises"]),
        ],
    )
}

fn replaced_in_exercise(e: &ExerciseRecord) -> Vec<&'static [&'static str]> {
    if e.extra.is_empty() {
        return Vec::new();
    }
    replaced(
        &e.extra,
        [
            (!e.code.text.is_empty(), &["code", "code_ms"][..]),
            (e.attempts != 0, &["attempts"]),
            (e.solved_ms != 0, &["solved_ms"]),
            (e.hints_shown != 0, &["hints_shown"]),
        ],
    )
}

fn replaced<const N: usize>(
    extra: &BTreeMap<String, Raw>,
    fields: [(bool, &'static [&'static str]); N],
) -> Vec<&'static [&'static str]> {
    fields
        .into_iter()
        .filter(|(is_set, keys)| *is_set && extra.contains_key(keys[0]))
        .map(|(_, keys)| keys)
        .collect()
}

/// Whether `settle` would change nothing (cheap: most records keep no
/// unreadable value).
pub fn is_settled(p: &Progress) -> bool {
    replaced_in_progress(p).is_empty()
        && p.topics.iter().all(|(id, r)| {
            replaced_in_topic(r).is_empty()
                && r.exercises
                    .values()
                    .all(|e| replaced_in_exercise(e).is_empty())
                && !p.unreadable_topics.contains_key(id)
        })
}

/// Drops every kept unreadable value whose field now holds something else,
/// and every unreadable topic record the learner has a readable one for.
pub fn settle(p: &mut Progress) {
    for keys in replaced_in_progress(p) {
        for key in keys {
            p.extra.remove(*key);
        }
    }
    for (id, record) in &mut p.topics {
        for keys in replaced_in_topic(record) {
            for key in keys {
                record.extra.remove(*key);
            }
        }
        for exercise in record.exercises.values_mut() {
            for keys in replaced_in_exercise(exercise) {
                for key in keys {
                    exercise.extra.remove(*key);
                }
            }
        }
        p.unreadable_topics.remove(id);
    }
}

/// The kept values `before` holds that `after` no longer does (a value the
/// learner replaced, a key another window removed), named for the learner:
/// the store keeps a copy of the file before saving without them.
pub fn dropped_values(before: &Progress, after: &Progress) -> Vec<String> {
    let mut dropped = Vec::new();
    let mut compare =
        |what: &str, old: &BTreeMap<String, Raw>, new: Option<&BTreeMap<String, Raw>>| {
            for (key, raw) in old {
                if new.and_then(|n| n.get(key)) != Some(raw) {
                    dropped.push(format!("{what}`{key}`"));
                }
            }
        };
    compare("", &before.extra, Some(&after.extra));
    compare(
        "settings, ",
        &before.settings.extra,
        Some(&after.settings.extra),
    );
    for (id, record) in &before.topics {
        let new = after.topics.get(id);
        if !record.extra.is_empty() {
            compare(
                &format!("topic `{id}`, "),
                &record.extra,
                new.map(|r| &r.extra),
            );
        }
        for (exercise_id, exercise) in &record.exercises {
            if !exercise.extra.is_empty() {
                let new_exercise = new.and_then(|r| r.exercises.get(exercise_id));
                compare(
                    &format!("topic `{id}`, exercise `{exercise_id}`, "),
                    &exercise.extra,
                    new_exercise.map(|e| &e.extra),
                );
            }
        }
    }
    for (id, raw) in &before.unreadable_topics {
        if after.unreadable_topics.get(id) != Some(raw) {
            dropped.push(format!("topic `{id}`"));
        }
    }
    dropped
}
