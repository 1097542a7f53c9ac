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
