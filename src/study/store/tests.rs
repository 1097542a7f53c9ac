use std::io::Write as _;

use super::*;
use crate::study::Status;
use std::sync::Arc;

const DAY_MS: u64 = 86_400_000;
const NOW: u64 = 1_795_605_718_000;

fn sample() -> Progress {
    let mut p = Progress::default();
    p.update_topic("dicts", NOW, |r| {
        r.status = Status::Done;
        r.note = "Use .get(key, default).\nLine \"two\".".into();
        r.quiz.insert("q1".into(), 2);
    });
    p.update_topic("sets", NOW, |r| r.bookmarked = true);
    p.last_topic = Some("dicts".into());
    p
}

fn save(store: &mut Store, progress: &Progress, now: u64) -> Saved {
    store.save(progress, &Progress::default(), now).unwrap()
}

#[test]
fn saved_progress_loads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    save(&mut store, &sample(), NOW);
    let opened = Store::open(dir.path().to_owned(), NOW);
    assert_eq!(*opened.progress, sample());
    assert_eq!(opened.notices, []);
}

#[test]
fn a_file_with_nothing_readable_is_moved_aside_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = b"this is not ron at all";
    fs::write(dir.path().join(FILE_NAME), garbage).unwrap();
    let opened = Store::open(dir.path().to_owned(), NOW);
    let [StoreNotice::MovedAside { broken, reason }] = &opened.notices[..] else {
        panic!("expected a moved-aside notice, got {:?}", opened.notices)
    };
    assert_eq!(fs::read(broken).unwrap(), garbage, "every byte is kept");
    assert!(
        broken
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("progress.ron.broken-2026-11-25-")
    );
    assert!(
        reason.contains("progress.ron:1:"),
        "the reason says where: {reason}"
    );
    assert_eq!(*opened.progress, Progress::default());
    assert!(!dir.path().join(FILE_NAME).exists());
}

#[test]
fn a_file_that_breaks_off_loads_what_it_can_and_keeps_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\"version\": 1, \"topics\": {\n\"dicts\": {\"note\": \"kept\"},\n\"sets\": {\"note\": \"cut";
    fs::write(dir.path().join(FILE_NAME), text).unwrap();
    let mut opened = Store::open(dir.path().to_owned(), NOW);
    assert_eq!(opened.progress.topic("dicts").note, "kept");
    let [StoreNotice::Salvaged { copy, reason }] = &opened.notices[..] else {
        panic!("expected a salvage notice, got {:?}", opened.notices)
    };
    assert_eq!(fs::read_to_string(copy).unwrap(), text);
    assert!(reason.contains("progress.ron:3:"), "{reason}");
    save(&mut opened.store, &opened.progress, NOW);
    assert_eq!(
        fs::read_to_string(copy).unwrap(),
        text,
        "the copy is never overwritten"
    );
}

#[test]
fn unknown_topics_fields_and_values_survive_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{
        "version": 1,
        "topics": {
            "retired-topic": {"status": Done, "note": "old note", "changed_ms": 5, "colour": "blue"},
            "dicts": {"status": Mastered, "note": "still shown", "review": Daily(3)},
        },
        "future_setting": [1, 2, 3],
    }"#;
    fs::write(dir.path().join(FILE_NAME), text).unwrap();
    let mut opened = Store::open(dir.path().to_owned(), NOW);
    let [StoreNotice::PartlyUnreadable { problems, .. }] = &opened.notices[..] else {
        panic!("expected one notice, got {:?}", opened.notices)
    };
    assert!(
        problems[0].contains("topic `dicts`, `status`"),
        "{problems:?}"
    );
    assert_eq!(opened.progress.topic("dicts").note, "still shown");
    Arc::make_mut(&mut opened.progress).update_topic("sets", NOW, |r| r.bookmarked = true);
    save(&mut opened.store, &opened.progress, NOW);

    let written = fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
    for kept in [
        "\"colour\": \"blue\"",
        "\"status\": Mastered",
        "Daily(3)",
        "[1, 2, 3]",
    ] {
        assert!(written.contains(kept), "{kept} missing:\n{written}");
    }
    let reread = read_file(&dir.path().join(FILE_NAME)).unwrap();
    assert_eq!(reread.topic("retired-topic").note, "old note");
    assert!(reread.topic("sets").bookmarked);
}

#[test]
fn a_newer_versions_file_is_shown_but_never_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let text = "{\"version\": 2, \"topics\": {\"dicts\": {\"note\": \"from the future\", \"status\": Mastered, \"plan\": Weekly(2)}}}";
    fs::write(&path, text).unwrap();
    let mut opened = Store::open(dir.path().to_owned(), NOW);
    assert!(opened.store.is_read_only());
    assert!(
        opened
            .notices
            .contains(&StoreNotice::NewerVersion { version: 2 })
    );
    assert_eq!(opened.progress.topic("dicts").note, "from the future");
    Arc::make_mut(&mut opened.progress).update_topic("dicts", NOW, |r| r.note = "edited".into());
    let error = opened
        .store
        .save(&opened.progress, &Progress::default(), NOW)
        .unwrap_err();
    assert!(error.to_string().contains("newer pyroadmap"), "{error}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert!(!dir.path().join(backups::BACKUP_DIR).exists());
}

#[test]
fn two_windows_changing_one_topic_keep_both_changes_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    let mut seed = Store::open(dir.path().to_owned(), NOW).store;
    save(&mut seed, &sample(), NOW);
    let mut a = Store::open(dir.path().to_owned(), NOW);
    let mut b = Store::open(dir.path().to_owned(), NOW);
    let (base_a, base_b) = (a.progress.clone(), b.progress.clone());

    Arc::make_mut(&mut a.progress)
        .update_topic("sets", NOW + 10, |r| r.note = "typed in window A".into());
    a.store.save(&a.progress, &base_a, NOW + 10).unwrap();
    Arc::make_mut(&mut b.progress).update_topic("sets", NOW + 20, |r| r.status = Status::Done);
    let saved = b.store.save(&b.progress, &base_b, NOW + 20).unwrap();
    assert_eq!(saved.written.topic("sets").note, "typed in window A");

    let on_disk = read_file(&dir.path().join(FILE_NAME)).unwrap();
    assert_eq!(on_disk.topic("sets").note, "typed in window A");
    assert_eq!(on_disk.topic("sets").status, Status::Done);
    assert!(on_disk.topic("sets").bookmarked);
}

#[test]
fn another_windows_save_is_noticed_without_saving() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(dir.path().to_owned(), NOW);
    let mut b = Store::open(dir.path().to_owned(), NOW);
    assert!(
        b.store.check_for_changes(NOW).is_none(),
        "nothing changed yet"
    );
    Arc::make_mut(&mut a.progress).update_topic("dicts", NOW, |r| r.note = "from A".into());
    a.store
        .save(&a.progress, &Progress::default(), NOW)
        .unwrap();
    let (theirs, _) = b.store.check_for_changes(NOW).expect("the change is seen");
    assert_eq!(theirs.topic("dicts").note, "from A");
    assert!(b.store.check_for_changes(NOW).is_none(), "seen once");
    b.progress = Arc::new(merge::merge(
        Some(&Progress::default()),
        &b.progress,
        &theirs,
    ));
    assert_eq!(b.progress.topic("dicts").note, "from A");
}

#[test]
fn conflict_copies_are_merged_and_moved_to_merged() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    save(&mut store, &sample(), NOW);
    let mut laptop = sample();
    laptop.update_topic("lists", NOW + 5, |r| {
        r.note = "written on the laptop".into();
    });
    let copy = dir
        .path()
        .join("progress.sync-conflict-20261125-112200-ABCDEFG.ron");
    write_file(&copy, &laptop).unwrap();

    let mut opened = Store::open(dir.path().to_owned(), NOW + 10);
    assert!(opened.needs_save);
    assert_eq!(opened.progress.topic("lists").note, "written on the laptop");
    let saved = opened
        .store
        .save(&opened.progress, &Progress::default(), NOW + 10)
        .unwrap();
    assert!(!copy.exists(), "the copy left the data dir");
    let moved = dir
        .path()
        .join(conflicts::MERGED_DIR)
        .join(copy.file_name().unwrap());
    assert_eq!(read_file(&moved).unwrap(), laptop, "and was kept whole");
    assert!(
        saved
            .notices
            .contains(&StoreNotice::ConflictCopiesMerged { files: vec![moved] })
    );
    let on_disk = read_file(&dir.path().join(FILE_NAME)).unwrap();
    assert_eq!(on_disk.topic("lists").note, "written on the laptop");
    assert_eq!(on_disk.topic("dicts").note, sample().topic("dicts").note);
}

#[test]
fn save_interrupted_before_rename_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    save(&mut store, &sample(), NOW);
    let before = fs::read(&path).unwrap();

    // The same steps a save takes, stopped before the commit (the rename),
    // as when the process dies mid-save.
    let mut file = atomic_write_file::AtomicWriteFile::open(&path).unwrap();
    file.write_all(b"{ \"topics\": { \"half-writ").unwrap();
    drop(file);

    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(*Store::open(dir.path().to_owned(), NOW).progress, sample());
}

#[test]
fn daily_backups_follow_the_schedule_and_one_is_taken_before_imports() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    for day in 0..60 {
        let mut p = sample();
        p.update_topic("day", NOW + day * DAY_MS, |r| r.note = format!("day {day}"));
        save(&mut store, &p, NOW + day * DAY_MS);
        save(&mut store, &p, NOW + day * DAY_MS + 1000);
    }
    let backups = list_backups(dir.path());
    let labels: Vec<&str> = backups.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels[0], "2027-01-23", "{labels:?}");
    assert!(
        labels.len() >= 7 + 4 && labels.len() <= 7 + 4 + 6,
        "{labels:?}"
    );
    assert_eq!(backups[0].topics_done, 1);

    let taken = back_up_now(dir.path(), "before-import", NOW + 60 * DAY_MS)
        .unwrap()
        .unwrap();
    assert_eq!(
        fs::read(&taken).unwrap(),
        fs::read(dir.path().join(FILE_NAME)).unwrap()
    );
    let labels: Vec<String> = list_backups(dir.path())
        .into_iter()
        .map(|b| b.label)
        .collect();
    assert!(
        labels.contains(&"2027-01-24, before import at 11:21:58 UTC".to_owned()),
        "{labels:?}"
    );
}

#[test]
fn unwritable_dir_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    fs::write(&blocker, "a file where the data dir should be").unwrap();
    let mut opened = Store::open(blocker.join("pyroadmap"), NOW);
    let error = opened
        .store
        .save(&sample(), &Progress::default(), NOW)
        .unwrap_err();
    assert!(matches!(error, StoreError::CreateDir { .. }), "{error}");
    assert!(error.to_string().contains("not-a-dir"));
}

#[test]
fn a_lock_that_never_comes_delays_the_save_but_does_not_stop_it() {
    let dir = tempfile::tempdir().unwrap();
    let holder = fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.path().join(LOCK_NAME))
        .unwrap();
    holder.lock().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    let saved = save(&mut store, &sample(), NOW);
    assert!(
        matches!(&saved.notices[..], [StoreNotice::LockUnavailable { .. }]),
        "{:?}",
        saved.notices
    );
    assert_eq!(read_file(&dir.path().join(FILE_NAME)).unwrap(), sample());
}

#[test]
fn a_file_broken_by_another_writer_is_moved_aside_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    save(&mut store, &sample(), NOW);
    fs::write(dir.path().join(FILE_NAME), "garbage").unwrap();
    let saved = save(&mut store, &sample(), NOW + 1000);
    let [StoreNotice::MovedAside { broken, .. }] = &saved.notices[..] else {
        panic!("expected a notice")
    };
    assert_eq!(fs::read_to_string(broken).unwrap(), "garbage");
    assert_eq!(read_file(&dir.path().join(FILE_NAME)).unwrap(), sample());
}

#[test]
fn the_data_on_disk_is_held_once_by_the_store_and_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    let saved = save(&mut store, &sample(), NOW);
    // What was written is the store's cache and the app's base at once.
    assert_eq!(Arc::strong_count(&saved.written), 2);
    assert!(Arc::ptr_eq(
        &saved.written,
        store.last_parsed.as_ref().expect("kept")
    ));
    drop(store);
    let opened = Store::open(dir.path().to_owned(), NOW);
    assert_eq!(*opened.on_disk, *saved.written);
    assert!(Arc::ptr_eq(
        &opened.on_disk,
        opened.store.last_parsed.as_ref().expect("kept")
    ));
    // With no conflict copies to merge in, the learner's data is the file's,
    // held once until the first edit copies it.
    assert!(Arc::ptr_eq(&opened.progress, &opened.on_disk));
    assert_eq!(Arc::strong_count(&opened.on_disk), 3);
}
