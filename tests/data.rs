//! The learner's data under stress, driven through the real app: two
//! windows over one data dir, files from other versions, synced folders,
//! a saver that dies, closing with unsaved changes, restoring backups.

mod support;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use pyroadmap::study::merge::NOTE_MARKER;
use pyroadmap::study::store::{FILE_NAME, read_file, write_file};
use pyroadmap::study::{Progress, Status};
use support::{
    app, app_with_clock, click, click_button_until, has_label, has_label_containing, open_topic,
    run_until, seed, type_note,
};

const WAIT_S: f64 = 15.0;

/// How many files in `dir` have `part` in their name.
fn files_named_with(dir: &std::path::Path, part: &str) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(part)
        })
        .count()
}

fn on_disk(dir: &std::path::Path) -> Progress {
    read_file(&dir.join(FILE_NAME)).expect("the file reads")
}

#[test]
fn two_windows_editing_different_fields_of_one_topic_keep_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    let mut b = app(dir.path());
    open_topic(&mut a, "Data structures", "dicts");
    open_topic(&mut b, "Data structures", "dicts");

    type_note(&mut a, "keys must be hashable");
    click_button_until(&mut b, "Done", |b| {
        b.state().progress().status("dicts") == Status::Done
    });
    // A saves half a second after the last keystroke.
    assert!(run_until(&mut a, WAIT_S, |_| {
        read_file(&dir.path().join(FILE_NAME))
            .is_ok_and(|p| p.topic("dicts").note == "keys must be hashable")
    }));

    // Window B shows the note typed in window A without anyone saving in B.
    assert!(
        run_until(&mut b, WAIT_S, |b| {
            b.state().progress().topic("dicts").note == "keys must be hashable"
        }),
        "window B never showed A's note"
    );
    assert_eq!(
        b.get_by_label("Note").value().as_deref(),
        Some("keys must be hashable"),
        "the notes panel shows it"
    );
    // Both windows keep running, as on a desktop: B saves its Done (it
    // had taken A's note in first), and A takes it in.
    let started = std::time::Instant::now();
    while a.state().progress().status("dicts") != Status::Done
        && started.elapsed().as_secs_f64() < WAIT_S
    {
        b.step();
        a.step();
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
    assert_eq!(a.state().progress().status("dicts"), Status::Done);
    drop(a);
    drop(b);
    let saved = on_disk(dir.path());
    assert_eq!(saved.topic("dicts").note, "keys must be hashable");
    assert_eq!(saved.topic("dicts").status, Status::Done);
}

#[test]
fn one_note_edited_in_two_windows_keeps_both_texts() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    let mut b = app(dir.path());
    open_topic(&mut a, "Data structures", "sets");
    open_topic(&mut b, "Data structures", "sets");
    type_note(&mut a, "written in A");
    type_note(&mut b, "written in B");
    drop(a);
    drop(b);
    let note = on_disk(dir.path()).topic("sets").note.clone();
    assert!(note.contains("written in A"), "{note}");
    assert!(note.contains("written in B"), "{note}");
    assert!(note.contains(NOTE_MARKER), "{note}");
}

#[test]
fn a_window_whose_clock_is_set_back_loses_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    // Window B's clock runs a day behind.
    let mut b = app_with_clock(dir.path(), -86_400_000);
    open_topic(&mut a, "Data structures", "lists");
    open_topic(&mut b, "Data structures", "lists");
    type_note(&mut a, "slices copy");
    // Until the first save the file may not be there yet.
    assert!(run_until(&mut a, WAIT_S, |_| read_file(
        &dir.path().join(FILE_NAME)
    )
    .is_ok_and(|saved| saved.topic("lists").note == "slices copy")));
    click(&mut b, "☆ Bookmark");
    drop(b);
    drop(a);
    let saved = on_disk(dir.path());
    assert_eq!(saved.topic("lists").note, "slices copy");
    assert!(saved.topic("lists").bookmarked);
}

#[test]
fn a_file_with_a_byte_order_mark_and_crlf_line_ends_loads() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}{\r\n  \"version\": 1,\r\n  \"topics\": {\r\n    \"tuples\": {\"status\": Done, \"note\": \"edited in Notepad\", \"changed_ms\": 5},\r\n  },\r\n  \"last_topic\": Some(\"tuples\"),\r\n}\r\n";
    std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
    let harness = app(dir.path());
    assert_eq!(
        harness.get_by_label("Note").value().as_deref(),
        Some("edited in Notepad")
    );
    assert_eq!(harness.state().progress().status("tuples"), Status::Done);
    assert!(!has_label_containing(&harness, "could not be read"));
}

#[test]
fn a_file_from_a_newer_version_opens_read_only_and_is_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let text = "{\"version\": 2, \"topics\": {\"dicts\": {\"status\": Mastered, \"note\": \"from 2027\", \"review\": Daily(3)}, \"sets\": {\"status\": Done}}, \"last_topic\": Some(\"dicts\")}\n";
    std::fs::write(&path, text).unwrap();
    {
        let mut harness = app(dir.path());
        assert!(has_label_containing(
            &harness,
            "written by a newer pyroadmap"
        ));
        assert!(has_label_containing(&harness, "update to edit"));
        assert_eq!(
            harness.get_by_label("Note").value().as_deref(),
            Some("from 2027")
        );
        assert_eq!(harness.state().progress().status("sets"), Status::Done);
        type_note(&mut harness, " and more");
        run_until(&mut harness, 2.0, |h| {
            has_label_containing(h, "Progress cannot be saved")
        });
        assert!(
            has_label_containing(&harness, "Progress cannot be saved"),
            "trying to save says why it cannot"
        );
        assert!(has_label(&harness, "Save a copy as…"));
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "not one byte changed"
    );
}

#[test]
fn one_malformed_topic_record_leaves_the_others_loaded_and_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let text = "{\"version\": 1, \"topics\": {\n\"dicts\": {\"status\": Donne, \"note\": \"typo in the status\"},\n\"sets\": {\"status\": Done, \"bookmarked\": true},\n\"lists\": [1, 2],\n}}\n";
    std::fs::write(&path, text).unwrap();
    {
        let mut harness = app(dir.path());
        assert!(
            has_label_containing(&harness, "topic `dicts`, `status`"),
            "the banner names it"
        );
        assert!(has_label_containing(&harness, "topic `lists`"));
        assert_eq!(harness.state().progress().status("sets"), Status::Done);
        assert!(harness.state().progress().topic("sets").bookmarked);
        assert_eq!(
            harness.state().progress().topic("dicts").note,
            "typo in the status"
        );
        open_topic(&mut harness, "Data structures", "tuples");
    }
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.contains("\"status\": Donne"), "{written}");
    assert!(written.contains("\"lists\": [1, 2]"), "{written}");
    assert!(written.contains("typo in the status"), "{written}");
    assert_eq!(
        files_named_with(dir.path(), "broken"),
        0,
        "nothing was moved aside"
    );
}

#[test]
fn a_sync_conflict_copy_is_merged_and_moved_to_merged() {
    let dir = tempfile::tempdir().unwrap();
    let mut mine = Progress::default();
    mine.update_topic("dicts", 1_000, |r| r.note = "on this laptop".into());
    seed(dir.path(), &mine);
    let mut other = Progress::default();
    other.update_topic("sets", 2_000, |r| r.note = "on the desktop".into());
    let copy = dir
        .path()
        .join("progress (Desktop's conflicted copy 2026-11-30).ron");
    write_file(&copy, &other).unwrap();

    let mut harness = app(dir.path());
    assert_eq!(
        harness.state().progress().topic("sets").note,
        "on the desktop"
    );
    assert!(
        run_until(&mut harness, WAIT_S, |_| !copy.exists()),
        "the copy is moved"
    );
    assert!(
        dir.path()
            .join("merged")
            .join(copy.file_name().unwrap())
            .exists()
    );
    assert!(has_label_containing(&harness, "Merged 1 copy"));
    let saved = on_disk(dir.path());
    assert_eq!(saved.topic("dicts").note, "on this laptop");
    assert_eq!(saved.topic("sets").note, "on the desktop");
}

#[test]
fn when_the_saver_dies_a_banner_says_so_and_retry_saves() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    harness.state().crash_saver_for_test();
    open_topic(&mut harness, "Data structures", "lists");
    type_note(&mut harness, "f-strings");
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label_containing(
            h,
            "Saving stopped working"
        )),
        "no banner after the saver died"
    );
    assert!(
        has_label_containing(&harness, "Not saved yet"),
        "the notes panel says so too"
    );
    assert_eq!(harness.state().progress().topic("lists").note, "f-strings");
    click(&mut harness, "Retry");
    assert!(
        run_until(&mut harness, WAIT_S, |_| {
            read_file(&dir.path().join(FILE_NAME))
                .is_ok_and(|p| p.topic("lists").note == "f-strings")
        }),
        "Retry saved the note"
    );
    assert!(!has_label_containing(&harness, "Saving stopped working"));
    assert!(has_label_containing(&harness, "Saved as you type"));
}

#[test]
fn closing_while_saves_fail_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "a file where the data dir should be").unwrap();
    let mut harness = app(&blocker.join("pyroadmap"));
    open_topic(&mut harness, "Data structures", "tuples");
    type_note(&mut harness, "unsaved words");
    assert!(run_until(&mut harness, WAIT_S, |h| has_label_containing(
        h,
        "Progress cannot be saved"
    )));

    request_close(&mut harness);
    assert!(
        has_label(&harness, "Your latest changes are not saved"),
        "the window asks before closing"
    );
    assert!(has_label(&harness, "Save a copy as…"));
    click(&mut harness, "Cancel");
    assert!(!has_label(&harness, "Your latest changes are not saved"));
    assert_eq!(
        harness.state().progress().topic("tuples").note,
        "unsaved words"
    );
}

/// Sends the window's close button, as the window manager does.
fn request_close(harness: &mut egui_kittest::Harness<'_, pyroadmap::PyroadmapApp>) {
    harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    harness.run();
}

#[test]
fn restore_from_backup_merges_an_older_copy_after_backing_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut now = Progress::default();
    now.update_topic("dicts", 5_000, |r| r.note = "current note".into());
    seed(dir.path(), &now);
    let mut old = Progress::default();
    old.update_topic("sets", 1_000, |r| {
        r.note = "a note I deleted by mistake".into();
        r.status = Status::Done;
    });
    std::fs::create_dir_all(dir.path().join("backups")).unwrap();
    write_file(&dir.path().join("backups/progress-2026-11-02.ron"), &old).unwrap();

    let mut harness = app(dir.path());
    click(&mut harness, "File");
    harness
        .query_all_by_label_contains("Restore from backup…")
        .next()
        .expect("the File menu offers it")
        .click();
    harness.run();
    assert!(run_until(&mut harness, WAIT_S, |h| has_label(
        h,
        "Merge into my data"
    )));
    // Today's daily backup may be listed first: pick the old one.
    harness
        .query_all_by_label_contains("2026-11-02")
        .next()
        .expect("the old backup is listed")
        .click();
    harness.run();
    assert!(has_label_containing(&harness, "1 topics done, 1 notes"));
    let lines: Vec<String> = harness
        .query_all_by_label_contains(": ")
        .filter_map(|n| n.accesskit_node().label())
        .filter(|l| l.contains("backup") || l.contains(" now"))
        .collect();
    assert!(
        has_label(
            &harness,
            "Sets: Not started now, Done in the backup; a note only in the backup"
        ),
        "{lines:?}"
    );
    click(&mut harness, "Merge into my data");
    assert!(run_until(&mut harness, WAIT_S, |h| {
        h.state().progress().topic("sets").note == "a note I deleted by mistake"
    }));
    assert_eq!(
        harness.state().progress().topic("dicts").note,
        "current note"
    );
    assert!(has_label_containing(
        &harness,
        "Merged in the backup of 2026-11-02"
    ));
    assert_eq!(
        files_named_with(&dir.path().join("backups"), "before-restore"),
        1,
        "the data from before was backed up"
    );
}

#[test]
fn the_window_keeps_its_size_across_a_restart_at_150_percent_zoom() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    let mut settings = progress.settings.clone();
    settings.zoom = 1.5;
    progress.set_settings(settings, 1);
    seed(dir.path(), &progress);
    let mut opened_at = (1200.0, 800.0);
    for _ in 0..2 {
        let mut harness = app(dir.path());
        // What the window system reports: the window's size in points,
        // which at 150% zoom are 1.5 pixels each.
        let points = egui::vec2(opened_at.0, opened_at.1) / 1.5;
        let viewport = harness
            .input_mut()
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default();
        viewport.inner_rect = Some(egui::Rect::from_min_size(egui::pos2(20.0, 40.0), points));
        viewport.outer_rect = Some(egui::Rect::from_min_size(egui::pos2(20.0, 20.0), points));
        harness.run();
        let window = harness
            .state()
            .machine_settings()
            .window
            .expect("the window is remembered");
        assert_eq!(
            (window.width.round(), window.height.round()),
            (1200.0, 800.0),
            "stored at the size the window opens with"
        );
        // The next start opens the window at the stored size.
        opened_at = (window.width, window.height);
    }
}
