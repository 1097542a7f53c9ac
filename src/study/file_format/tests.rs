use super::*;
use crate::study::{Status, ThemeChoice};

#[test]
fn a_file_with_a_byte_order_mark_and_crlf_loads() {
    let text = "\u{feff}{\r\n  \"version\": 1,\r\n  \"topics\": {\r\n    \"dicts\": {\"status\": Done, \"note\": \"a\\nb\", \"changed_ms\": 7},\r\n  },\r\n}\r\n";
    let parsed = read(text).unwrap();
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let dicts = parsed.progress.topic("dicts");
    assert_eq!(dicts.status, Status::Done);
    assert_eq!(dicts.note, "a\nb");
    assert_eq!(
        dicts.note_ms, 7,
        "old files' one time applies to each field"
    );
}

#[test]
fn one_unreadable_value_hides_nothing_else_and_is_written_back_as_it_was() {
    let text = r#"{
        "version": 1,
        "topics": {
            "dicts": {"status": Mastered, "note": "mine", "review": Daily(3), "changed_ms": 5},
            "sets": {"status": Done, "bookmarked": true, "changed_ms": 5},
            "lists": 42,
        },
        "settings": {"theme": Sepia, "zoom": 1.5},
        "streak": Weekly(days: 3),
    }"#;
    let parsed = read(text).unwrap();
    let progress = &parsed.progress;
    assert_eq!(progress.topic("dicts").note, "mine");
    assert_eq!(progress.topic("sets").status, Status::Done);
    assert!(progress.topic("sets").bookmarked);
    assert_eq!(progress.settings.zoom, 1.5);
    assert_eq!(progress.settings.theme, ThemeChoice::System);
    let problems = parsed.problems.join("\n");
    assert!(
        problems.contains("line 4: topic `dicts`, `status`"),
        "{problems}"
    );
    assert!(problems.contains("topic `lists`"), "{problems}");
    assert!(problems.contains("`theme`"), "{problems}");

    let written = write(progress);
    for kept in [
        "\"status\": Mastered",
        "\"review\": Daily(3)",
        "\"lists\": 42",
        "\"theme\": Sepia",
        "\"streak\": Weekly(days: 3)",
    ] {
        assert!(written.contains(kept), "{kept} missing from:\n{written}");
    }
    let again = read(&written).unwrap();
    assert_eq!(
        &again.progress, progress,
        "a second round trip changes nothing"
    );
}

#[test]
fn setting_a_field_replaces_the_value_kept_for_it() {
    let text = r#"{"topics": {"dicts": {"status": Mastered}}, "settings": {"theme": Sepia}}"#;
    let mut progress = read(text).unwrap().progress;
    progress.update_topic("dicts", 10, |r| r.status = Status::Done);
    let mut settings = progress.settings.clone();
    settings.theme = ThemeChoice::Dark;
    progress.set_settings(settings, 10);
    let written = write(&progress);
    assert!(written.contains("\"status\": Done"), "{written}");
    assert!(!written.contains("Mastered"), "{written}");
    assert!(written.contains("\"theme\": Dark"), "{written}");
}

#[test]
fn a_file_that_breaks_off_keeps_what_came_before() {
    let text = "{\"version\": 1, \"topics\": {\n\"dicts\": {\"note\": \"kept\"},\n\"sets\": {\"note\": \"cut off";
    let parsed = read(text).unwrap();
    assert_eq!(parsed.progress.topic("dicts").note, "kept");
    let broken = parsed.broken_at.expect("the break is reported");
    assert_eq!(broken.line, 3);
}

#[test]
fn nothing_readable_is_an_error_with_a_place() {
    let error = read("\n\nnot progress at all").unwrap_err();
    assert_eq!(error.line, 3);
}

#[test]
fn practice_work_round_trips_with_unknown_fields_kept() {
    let mut progress = Progress::default();
    progress.update_exercise("lists", "01-first", 10, |e| {
        e.code.text = "def f():\n    return \"x\"\n".into();
        e.attempts = 2;
        e.solved_ms = 10;
    });
    progress.set_edit("lists", "00ff", Some("print(2)\n".into()), 11);
    progress.set_playground("print('play')\n".into(), 12);
    let text = write(&progress);
    let again = read(&text).unwrap();
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    assert_eq!(again.progress, progress);

    let newer = text.replace(
        "\"hints_shown\": 0,",
        "\"hints_shown\": 0,\n\"streak\": Weekly(2),",
    );
    let kept = write(&read(&newer).unwrap().progress);
    assert!(kept.contains("\"streak\": Weekly(2)"), "{kept}");
}

/// A file of `n` topics as the app writes it: status, note, answers.
fn many_topics(n: usize) -> String {
    let mut progress = Progress::default();
    for i in 0..n {
        progress.update_topic(&format!("topic-{i:05}"), 1_000 + i as u64, |r| {
            r.status = Status::Done;
            r.note = format!("note {i}\nsecond line");
            r.quiz.insert("q1".into(), i % 4);
        });
    }
    write(&progress)
}

#[test]
fn ten_thousand_topics_parse_with_every_value() {
    let text = many_topics(10_000);
    let parsed = read(&text).unwrap();
    assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    let topics = &parsed.progress.topics;
    assert_eq!(topics.len(), 10_000);
    let last = &topics["topic-09999"];
    assert_eq!(last.note, "note 9999\nsecond line");
    assert_eq!(last.status, Status::Done);
    assert_eq!(last.quiz.get("q1"), Some(&3));
    assert_eq!(last.note_ms, 1_000 + 9_999);

    // A damaged value near the end is named at its own line.
    let damaged = text.replace("\"note\": \"note 9998\\n", "\"note\": 42, \"x\": \"");
    let line = 1 + damaged[..damaged.find("\"note\": 42").unwrap()]
        .matches('\n')
        .count();
    let parsed = read(&damaged).unwrap();
    assert_eq!(
        parsed.problems,
        [format!(
            "line {line}: topic `topic-09998`, `note` has a value this version cannot read (Expected string); it is kept as it was"
        )]
    );
}

/// What the learner sees of a file, and what a save writes back.
fn shown_and_saved(text: &str) -> (Parsed, Progress) {
    let parsed = read(text).unwrap();
    let saved = read(&write(&parsed.progress)).unwrap().progress;
    (parsed, saved)
}

#[test]
fn two_topics_blocks_show_and_save_the_later_and_say_so() {
    let text = "{\n\"topics\": {\"dicts\": {\"note\": \"first block\"}},\n\"topics\": {\"sets\": {\"note\": \"second block\"}},\n}";
    let (parsed, saved) = shown_and_saved(text);
    assert_eq!(parsed.progress.topic("sets").note, "second block");
    assert_eq!(saved.topic("sets").note, "second block");
    assert!(
        !saved.topics.contains_key("dicts"),
        "what is saved is what is shown"
    );
    assert!(!parsed.progress.topics.contains_key("dicts"));
    assert!(
        parsed.needs_copy,
        "the earlier block goes to the .broken copy"
    );
    assert_eq!(
        parsed.problems,
        [
            "line 2: \"topics\" appears twice; the later one (line 3) is used, the earlier is kept in the .broken copy"
        ]
    );
}

#[test]
fn a_topic_that_appears_twice_is_read_once() {
    let text = "{\"topics\": {\n\"dicts\": {\"note\": \"older\", \"status\": Done},\n\"sets\": {\"bookmarked\": true},\n\"dicts\": {\"note\": \"newer\"},\n}}";
    let (parsed, saved) = shown_and_saved(text);
    for progress in [&parsed.progress, &saved] {
        assert_eq!(progress.topic("dicts").note, "newer");
        assert_eq!(progress.topic("dicts").status, Status::NotStarted);
        assert!(progress.topic("sets").bookmarked);
    }
    assert!(parsed.needs_copy);
    assert!(
        parsed.problems[0].starts_with(
            "line 2: the topic \"dicts\" appears twice; the later one (line 4) is used"
        ),
        "{:?}",
        parsed.problems
    );
}

#[test]
fn a_note_that_appears_twice_shows_and_saves_the_later() {
    let text = "{\"topics\": {\"dicts\": {\n\"note\": \"older\",\n\"status\": Done,\n\"note\": \"newer\",\n}}}";
    let (parsed, saved) = shown_and_saved(text);
    assert_eq!(parsed.progress.topic("dicts").note, "newer");
    assert_eq!(saved.topic("dicts").note, "newer");
    assert_eq!(saved.topic("dicts").status, Status::Done);
    assert!(parsed.needs_copy);
    assert_eq!(
        parsed.problems,
        [
            "line 2: topic `dicts`, \"note\" appears twice; the later one (line 4) is used, the earlier is kept in the .broken copy"
        ]
    );
    // The learner's edit to the note they see is the one saved.
    let mut progress = parsed.progress;
    progress.update_topic("dicts", 10, |r| r.note = "edited".into());
    assert_eq!(
        read(&write(&progress))
            .unwrap()
            .progress
            .topic("dicts")
            .note,
        "edited"
    );
}

#[test]
fn a_byte_that_is_not_utf8_costs_only_its_value() {
    let mut bytes = b"{\"topics\": {\n\"dicts\": {\"note\": \"caf".to_vec();
    bytes.push(0xe9);
    bytes.extend_from_slice(b" au lait\", \"status\": Done},\n\"sets\": {\"note\": \"kept\", \"status\": InProgress},\n}}");
    let parsed = read_bytes(&bytes).unwrap();
    assert_eq!(parsed.progress.topic("dicts").note, "caf\u{fffd} au lait");
    assert_eq!(parsed.progress.topic("dicts").status, Status::Done);
    assert_eq!(parsed.progress.topic("sets").note, "kept");
    assert_eq!(parsed.progress.topic("sets").status, Status::InProgress);
    assert!(parsed.needs_copy);
    assert!(
        parsed.problems[0].starts_with("line 2: bytes that are not UTF-8"),
        "{:?}",
        parsed.problems
    );
}

#[test]
fn a_version_too_large_for_a_format_number_is_a_newer_version() {
    let parsed = read("{\"version\": 99999999999, \"topics\": {}}").unwrap();
    assert_eq!(parsed.progress.version, u32::MAX);
    assert!(parsed.progress.version > FORMAT_VERSION);
}

#[test]
fn a_review_card_that_is_not_a_number_is_repaired_and_scheduled() {
    use crate::study::review::{Grade, grade};
    const NOW: u64 = 1_795_605_718_000;
    const DAY_MS: u64 = 86_400_000;
    let text = format!(
        "{{\"topics\": {{}},\n\"cards\": {{\"quiz/dicts/q1\": (due_ms: {}, stability: NaN, difficulty: inf, scheduled_days: 3, reps: 4, state: 2, last_review_ms: {}, log: [({}, 3)])}},\n}}",
        NOW - DAY_MS,
        NOW - 4 * DAY_MS,
        NOW - 4 * DAY_MS
    );
    let parsed = read(&text).unwrap();
    assert!(parsed.needs_copy);
    assert!(
        parsed.problems[0].starts_with("line 2: review card `quiz/dicts/q1`"),
        "{:?}",
        parsed.problems
    );
    let card = &parsed.progress.cards["quiz/dicts/q1"];
    assert_eq!(card.log.len(), 1, "its grades are kept");
    let next = grade(Some(card), Grade::Good, NOW, 0.9);
    assert!(
        next.due_ms >= NOW + DAY_MS,
        "a Good grade schedules it a day or more ahead, not now: due in {} ms",
        next.due_ms.saturating_sub(NOW)
    );
}

#[test]
fn settings_that_are_not_numbers_are_kept_but_not_used() {
    let parsed =
        read("{\"topics\": {}, \"settings\": {\"zoom\": NaN, \"desired_retention\": inf}}")
            .unwrap();
    assert_eq!(parsed.progress.settings.zoom, 1.0);
    assert_eq!(parsed.progress.settings.desired_retention, 0.9);
    assert_eq!(parsed.problems.len(), 2, "{:?}", parsed.problems);
}
