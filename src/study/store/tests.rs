use std::io::Write as _;

use super::*;
use crate::study::Status;

const DAY_MS: u64 = 86_400_000;
const NOW: u64 = 1_795_605_718_000;

fn sample() -> Progress {
    let mut p = Progress::default();
    p.update_topic("dicts", NOW, |r| {
        r.status = Status::Done;
        r.note = "Use .get(key, default).\nLine \"two\".".into();
        r.quiz.insert(0, 2);
    });
    p.update_topic("sets", NOW, |r| r.bookmarked = true);
    p.last_topic = Some("dicts".into());
    p
}

#[test]
fn saved_progress_loads_back_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    store.save(&sample(), NOW).unwrap();
    let opened = Store::open(dir.path().to_owned(), NOW);
    assert_eq!(opened.progress, sample());
    assert_eq!(opened.notice, None);
}

#[test]
fn corrupt_file_is_moved_aside_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = b"{ \"topics\": { this is not ron";
    fs::write(dir.path().join(FILE_NAME), garbage).unwrap();
    let opened = Store::open(dir.path().to_owned(), NOW);
    let Some(StoreNotice::MovedAside { broken, reason }) = opened.notice else {
        panic!("expected a moved-aside notice, got {:?}", opened.notice)
    };
    assert_eq!(
        fs::read(&broken).unwrap(),
        garbage,
        "the broken file keeps every byte"
    );
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
    assert_eq!(opened.progress, Progress::default());
    assert!(!dir.path().join(FILE_NAME).exists());
}

#[test]
fn unknown_topics_and_fields_survive_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"{
        "version": 7,
        "topics": {
            "retired-topic": {"status": Done, "note": "old note", "changed_ms": 5, "colour": "blue"},
        },
        "future_setting": [1, 2, 3],
    }"#;
    fs::write(dir.path().join(FILE_NAME), text).unwrap();
    let mut opened = Store::open(dir.path().to_owned(), NOW);
    assert_eq!(opened.notice, None);
    opened
        .progress
        .update_topic("dicts", NOW, |r| r.bookmarked = true);
    opened.store.save(&opened.progress, NOW).unwrap();

    let reread = read_file(&dir.path().join(FILE_NAME)).unwrap();
    assert_eq!(reread.topic("retired-topic").note, "old note");
    assert!(reread.topic("retired-topic").extra.contains_key("colour"));
    assert!(reread.extra.contains_key("future_setting"));
    assert_eq!(reread.version, 7);
    assert!(reread.topic("dicts").bookmarked);
}

#[test]
fn two_writers_are_merged_per_topic() {
    let dir = tempfile::tempdir().unwrap();
    let mut first = Store::open(dir.path().to_owned(), NOW);
    let mut second = Store::open(dir.path().to_owned(), NOW);

    first
        .progress
        .update_topic("lists", NOW + 10, |r| r.note = "from window one".into());
    first
        .progress
        .update_topic("shared", NOW + 10, |r| r.note = "older".into());
    first.store.save(&first.progress, NOW + 10).unwrap();

    second
        .progress
        .update_topic("tuples", NOW + 20, |r| r.note = "from window two".into());
    second
        .progress
        .update_topic("shared", NOW + 20, |r| r.note = "newer".into());
    let saved = second.store.save(&second.progress, NOW + 20).unwrap();
    assert_eq!(saved.merged.topic("lists").note, "from window one");

    let on_disk = read_file(&dir.path().join(FILE_NAME)).unwrap();
    assert_eq!(on_disk.topic("lists").note, "from window one");
    assert_eq!(on_disk.topic("tuples").note, "from window two");
    assert_eq!(on_disk.topic("shared").note, "newer");
}

#[test]
fn save_interrupted_before_rename_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    store.save(&sample(), NOW).unwrap();
    let before = fs::read(&path).unwrap();

    // The same steps a save takes, stopped before the commit (the rename),
    // as when the process dies mid-save.
    let mut file = atomic_write_file::AtomicWriteFile::open(&path).unwrap();
    file.write_all(b"{ \"topics\": { \"half-writ").unwrap();
    drop(file);

    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(Store::open(dir.path().to_owned(), NOW).progress, sample());
}

#[test]
fn one_backup_per_day_and_only_the_last_seven() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    for day in 0..10 {
        let mut p = sample();
        p.update_topic("day", NOW + day * DAY_MS, |r| r.note = format!("day {day}"));
        store.save(&p, NOW + day * DAY_MS).unwrap();
        store.save(&p, NOW + day * DAY_MS + 1000).unwrap();
    }
    let mut backups: Vec<String> = fs::read_dir(dir.path().join(BACKUP_DIR))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    backups.sort();
    assert_eq!(backups.len(), 7, "{backups:?}");
    assert_eq!(backups.last().unwrap(), "progress-2026-12-04.ron");
}

#[test]
fn unwritable_dir_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    fs::write(&blocker, "a file where the data dir should be").unwrap();
    let mut opened = Store::open(blocker.join("pyroadmap"), NOW);
    let error = opened.store.save(&sample(), NOW).unwrap_err();
    assert!(matches!(error, StoreError::CreateDir { .. }), "{error}");
    assert!(error.to_string().contains("not-a-dir"));
}

#[test]
fn a_file_broken_by_another_writer_is_moved_aside_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    store.save(&sample(), NOW).unwrap();
    fs::write(dir.path().join(FILE_NAME), "garbage").unwrap();
    let saved = store.save(&sample(), NOW + 1000).unwrap();
    let Some(StoreNotice::MovedAside { broken, .. }) = saved.notice else {
        panic!("expected a notice")
    };
    assert_eq!(fs::read_to_string(broken).unwrap(), "garbage");
    assert_eq!(read_file(&dir.path().join(FILE_NAME)).unwrap(), sample());
}
