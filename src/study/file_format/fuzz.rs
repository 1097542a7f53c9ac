//! A returning learner's file, damaged once in the ways real files are
//! (bytes inserted, bytes that are not UTF-8, a key twice, a value of the
//! wrong type, a file that breaks off): everything outside the damage loads
//! as it was, and what the learner then changes is saved.

use std::fs;
use std::ops::Range;
use std::sync::Arc;

use proptest::prelude::*;
use proptest::sample::Index;

use super::{read, write};
use crate::study::review::{Card, Day};
use crate::study::store::{FILE_NAME, Store, StoreError, read_file};
use crate::study::{Progress, Status, TopicRecord};

const NOW: u64 = 1_795_605_718_000;
const TOPICS: usize = 24;

/// Statuses, bookmarks, notes (several lines, quotes, apostrophes, accents),
/// answers, exercises, edited examples, review cards, a year of activity.
fn learner() -> Progress {
    let mut p = Progress::default();
    for i in 0..TOPICS {
        let id = format!("topic-{i:02}");
        let ms = NOW + i as u64 * 1_000;
        p.update_topic(&id, ms, |r| {
            r.status = Status::ALL[i % 4];
            r.bookmarked = i % 3 == 0;
            if i % 5 != 4 {
                r.note = format!(
                    "Notes on {id}: it's \"handy\".\nUse d.get(k, 0) — café, naïve.\n{}",
                    "More words. ".repeat(i)
                );
            }
            for q in 0..i % 4 {
                r.quiz.insert(format!("q{q}"), (i + q) % 4);
            }
            r.position = u32::try_from(i).unwrap_or(0);
            r.position_offset_pt = i32::try_from(i * 37).unwrap_or(0) - 20;
        });
        if i % 2 == 0 {
            p.update_exercise(&id, "01-first", ms, |e| {
                e.code.text = format!("def f(x):\n    return x * {i}  # it's mine\n");
                e.attempts = u32::try_from(i).unwrap_or(0);
                e.solved_ms = if i % 4 == 0 { ms } else { 0 };
            });
        }
        if i % 3 == 1 {
            p.set_edit(&id, "00ff00ff00ff00ff", Some(format!("print({i})\n")), ms);
        }
        if i % 2 == 1 {
            p.cards.insert(
                format!("quiz/{id}/q0"),
                Card {
                    due_ms: ms + 86_400_000,
                    stability: 3.5,
                    difficulty: 5.25,
                    scheduled_days: 3,
                    reps: 2,
                    state: 2,
                    last_review_ms: ms,
                    log: vec![(ms - 1_000, 3), (ms, 4)],
                    ..Card::default()
                },
            );
        }
    }
    for day in 1..=28 {
        p.activity.insert(
            format!("2026-11-{day:02}"),
            Day {
                opened: day,
                answered: day % 3,
                ..Day::default()
            },
        );
    }
    p.note_opened("topic-03", NOW);
    p.set_playground("print('hello')\n".into(), NOW);
    p
}

/// The undamaged file, what it reads as, where its topics are and which
/// lines hold one entry: the same for every case, so made once.
struct Sample {
    text: String,
    clean: Progress,
    topics: Vec<(String, Range<usize>)>,
    entry_lines: Vec<Range<usize>>,
}

fn sample() -> &'static Sample {
    static SAMPLE: std::sync::OnceLock<Sample> = std::sync::OnceLock::new();
    SAMPLE.get_or_init(|| {
        let text = write(&learner());
        Sample {
            clean: read(&text).expect("the undamaged file reads").progress,
            topics: topic_ranges(&text),
            entry_lines: entry_lines(&text),
            text,
        }
    })
}

/// Where each topic's record is in `text`, from its key to its `},`.
fn topic_ranges(text: &str) -> Vec<(String, Range<usize>)> {
    (0..TOPICS)
        .map(|i| {
            let id = format!("topic-{i:02}");
            let start = text
                .find(&format!("\n    \"{id}\": {{\n"))
                .map(|at| at + 1)
                .unwrap_or_else(|| panic!("{id} is in the file"));
            let end = start + text[start..].find("\n    },\n").unwrap_or(0) + "\n    },".len();
            (id, start..end)
        })
        .collect()
}

/// Lines that hold one whole `key: value,` entry: those a key can be
/// doubled on, or a value given the wrong type.
fn entry_lines(text: &str) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end();
        if body.ends_with(',') && !body.trim_start().starts_with('}') {
            let wrapped = format!("{{{body}}}");
            let entries = super::ron_text::split(&wrapped, 1);
            if entries.items.len() == 1 && entries.error.is_none() && entries.skipped.is_empty() {
                lines.push(start..start + line.len());
            }
        }
        start += line.len();
    }
    lines
}

#[derive(Clone, Debug)]
enum Damage {
    /// Bytes that stay inside the value (or the gap) they land in: letters,
    /// digits, spaces, bytes that are not UTF-8.
    Insert { at: Index, bytes: Vec<u8> },
    /// Any bytes: a quote or a bracket shifts everything after it.
    InsertAny { at: Index, bytes: Vec<u8> },
    /// One byte that is not UTF-8.
    NotUtf8 { at: Index, byte: u8 },
    /// A `key: value` line written twice, the second time with `value`.
    Duplicate {
        line: Index,
        value: Option<&'static str>,
    },
    /// A value of another type.
    WrongType { line: Index, value: &'static str },
    /// The file breaks off.
    Truncate { at: Index },
}

const WRONG_VALUES: [&str; 7] = [
    "42",
    "-1",
    "\"x\"",
    "[1, 2]",
    "NaN",
    "Maybe(3)",
    "{\"a\": 1}",
];

fn damage() -> impl Strategy<Value = Damage> {
    let contained = prop_oneof![
        prop::sample::select(
            b"acdeghijklmnopqstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _".to_vec()
        ),
        0x80u8..=0xff,
    ];
    prop_oneof![
        (any::<Index>(), prop::collection::vec(contained, 1..4))
            .prop_map(|(at, bytes)| Damage::Insert { at, bytes }),
        (any::<Index>(), prop::collection::vec(any::<u8>(), 1..4))
            .prop_map(|(at, bytes)| Damage::InsertAny { at, bytes }),
        (any::<Index>(), 0x80u8..=0xff).prop_map(|(at, byte)| Damage::NotUtf8 { at, byte }),
        (
            any::<Index>(),
            prop::option::of(prop::sample::select(&WRONG_VALUES[..]))
        )
            .prop_map(|(line, value)| Damage::Duplicate { line, value }),
        (any::<Index>(), prop::sample::select(&WRONG_VALUES[..]))
            .prop_map(|(line, value)| Damage::WrongType { line, value }),
        any::<Index>().prop_map(|at| Damage::Truncate { at }),
    ]
}

/// The damaged bytes, the byte range of the original they touch, and
/// whether the damage can spread past it (a quote, a bracket, a break).
fn apply(text: &str, lines: &[Range<usize>], damage: &Damage) -> (Vec<u8>, Range<usize>, bool) {
    let mut bytes = text.as_bytes().to_vec();
    match damage {
        Damage::Insert { at, bytes: new } | Damage::InsertAny { at, bytes: new } => {
            let at = at.index(bytes.len() + 1);
            bytes.splice(at..at, new.iter().copied());
            let spreads = matches!(damage, Damage::InsertAny { .. }) || is_escaped(text, at);
            (bytes, at..at, spreads)
        }
        Damage::NotUtf8 { at, byte } => {
            let at = at.index(bytes.len() + 1);
            bytes.insert(at, *byte);
            (bytes, at..at, is_escaped(text, at))
        }
        Damage::Duplicate { line, value } => {
            let range = lines[line.index(lines.len())].clone();
            let original = &text[range.clone()];
            let copy = match value {
                Some(value) => with_value(original, value),
                None => original.to_owned(),
            };
            bytes.splice(range.end..range.end, copy.into_bytes());
            (bytes, range.start..range.end, false)
        }
        Damage::WrongType { line, value } => {
            let range = lines[line.index(lines.len())].clone();
            let replaced = with_value(&text[range.clone()], value);
            bytes.splice(range.clone(), replaced.into_bytes());
            (bytes, range, false)
        }
        Damage::Truncate { at } => {
            let at = at.index(bytes.len());
            bytes.truncate(at);
            (bytes, at..text.len(), true)
        }
    }
}

/// Whether a byte put at `at` lands after a backslash: it is then what the
/// backslash escapes, and the quote it escaped ends the string early.
fn is_escaped(text: &str, at: usize) -> bool {
    at > 0 && text.as_bytes()[at - 1] == b'\\'
}

/// `"key": value,` with another value.
fn with_value(line: &str, value: &str) -> String {
    let wrapped = format!("{{{}}}", line.trim_end());
    let entries = super::ron_text::split(&wrapped, 1);
    let key = &entries.items[0].key;
    let indent = &line[..line.len() - line.trim_start().len()];
    format!("{indent}{key:?}: {value},\n")
}

/// What the learner sees of a topic (an exercise record with nothing in
/// it shows nothing, and merges leave it out).
fn visible(r: &TopicRecord) -> impl PartialEq + std::fmt::Debug + '_ {
    let exercises: Vec<_> = r
        .exercises
        .iter()
        .filter(|(_, e)| **e != crate::study::ExerciseRecord::default())
        .collect();
    (
        r.status,
        r.bookmarked,
        &r.note,
        &r.quiz,
        exercises,
        &r.edits,
        (r.position, r.position_offset_pt),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn a_damaged_file_loses_at_most_the_damaged_value_and_later_edits_are_saved(
        damage in damage(),
        edited in 0..TOPICS,
    ) {
        let Sample { text: original, clean, topics, entry_lines } = sample();
        let (bytes, touched, can_spread) = apply(original, entry_lines, &damage);
        let topics_key = original.find("\n  \"topics\": {\n").map_or(0..0, |at| at..at + 16);
        let dir = tempfile::tempdir().expect("a temp dir");
        fs::write(dir.path().join(FILE_NAME), &bytes).expect("the damaged file is written");

        let mut opened = Store::open(dir.path().to_owned(), NOW);
        let loaded = &opened.progress;
        let problems = format!("{:?}", opened.notices);
        let near = String::from_utf8_lossy(
            &bytes[touched.start.saturating_sub(40)..(touched.end + 40).min(bytes.len())],
        )
        .into_owned();
        let is_topics_key_hit = touched.start < topics_key.end && touched.end > topics_key.start;
        for (id, range) in topics {
            let is_untouched = if can_spread {
                range.end <= touched.start
            } else {
                range.end <= touched.start || range.start >= touched.end
            };
            // A key made equal to this topic's id by the damage reads once.
            let is_doubled = problems.contains(&format!("\\\"{id}\\\" appears twice"))
                || problems.contains("\\\"topics\\\" appears twice");
            if is_untouched && !is_doubled && !is_topics_key_hit {
                prop_assert_eq!(
                    loaded.topics.get(id),
                    clean.topics.get(id),
                    "{} damaged near {:?}: {}",
                    id,
                    near,
                    problems
                );
            }
        }

        // The learner edits a note after the damage, and it is saved.
        let id = format!("topic-{edited:02}");
        let note = format!("typed after the damage in {id}");
        let before = opened.progress.clone();
        Arc::make_mut(&mut opened.progress).update_topic(&id, NOW + 10_000, |r| r.note.clone_from(&note));
        let saved = opened.store.save(&opened.progress, &opened.on_disk, NOW + 10_000);
        if opened.store.is_read_only() {
            let is_newer = matches!(saved, Err(StoreError::NewerVersion { .. }));
            prop_assert!(is_newer, "{:?}", saved);
            prop_assert_eq!(fs::read(dir.path().join(FILE_NAME)).expect("still there"), bytes);
            return Ok(());
        }
        prop_assert!(saved.is_ok(), "{:?}", saved);
        let reopened = read_file(&dir.path().join(FILE_NAME)).expect("the saved file reads");
        prop_assert_eq!(&reopened.topic(&id).note, &note);
        for (other, record) in &before.topics {
            if *other != id {
                prop_assert_eq!(visible(reopened.topic(other)), visible(record), "{}", other);
            }
        }
    }
}
