//! The store with files a careful reviewer would try: FIFOs, devices, huge
//! files, links, private modes, strangers in `backups/`, a full disk.

use super::*;
use crate::study::clock::date_and_time;
use std::sync::Arc;

const DAY_MS: u64 = 86_400_000;
const NOW: u64 = 1_795_605_718_000;
/// A file that breaks off after one whole topic.
const BROKEN_OFF: &str =
    "{\"version\": 1, \"topics\": {\n\"dicts\": {\"note\": \"kept\"},\n\"sets\": {\"note\": \"cut";

fn sample() -> Progress {
    let mut p = Progress::default();
    p.update_topic("dicts", NOW, |r| r.note = "Use .get(key, default).".into());
    p
}

fn with_note(text: &str, now: u64) -> Progress {
    let mut p = sample();
    p.update_topic("day", now, |r| r.note = text.into());
    p
}

/// Runs `f` on a thread: a call that would hang (reading a FIFO) fails the
/// test after 10 s instead of hanging the suite.
#[cfg(unix)]
fn promptly<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(f());
    });
    receiver
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("it returned promptly instead of hanging")
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
}

fn backup_path(dir: &Path, now: u64) -> PathBuf {
    let (date, _) = date_and_time(now);
    dir.join(backups::BACKUP_DIR)
        .join(format!("progress-{date}.ron"))
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_progress_file_is_neither_read_nor_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    mkfifo(&path);
    let data_dir = dir.path().to_owned();
    let opened = promptly(move || Store::open(data_dir, NOW));
    let [StoreNotice::Unreadable { reason }] = &opened.notices[..] else {
        panic!("expected one notice, got {:?}", opened.notices)
    };
    assert!(
        reason.contains("is a named pipe (FIFO), not a regular file")
            && reason.contains("did not read it"),
        "{reason}"
    );
    assert_eq!(*opened.progress, Progress::default());

    // main.rs reads it for the window geometry before the window opens.
    let read_path = path.clone();
    let error = promptly(move || read_file(&read_path)).unwrap_err();
    assert!(matches!(error, StoreError::NotAFile { .. }), "{error}");

    let mut store = opened.store;
    let (store, result) = promptly(move || {
        let result = store.save(&sample(), &Progress::default(), NOW);
        (store, result)
    });
    let error = result.unwrap_err();
    assert!(matches!(error, StoreError::NotAFile { .. }), "{error}");
    let mut store = promptly(move || {
        let mut store = store;
        assert!(store.check_for_changes(NOW).is_none());
        store
    });
    use std::os::unix::fs::FileTypeExt as _;
    assert!(
        fs::symlink_metadata(&path).unwrap().file_type().is_fifo(),
        "the FIFO was not replaced"
    );
    // Once it is a regular file again, saving works.
    fs::remove_file(&path).unwrap();
    store.save(&sample(), &Progress::default(), NOW).unwrap();
    assert_eq!(read_file(&path).unwrap(), sample());
}

#[cfg(unix)]
#[test]
fn a_link_to_a_device_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join(FILE_NAME)).unwrap();
    let data_dir = dir.path().to_owned();
    let opened = promptly(move || Store::open(data_dir, NOW));
    let [StoreNotice::Unreadable { reason }] = &opened.notices[..] else {
        panic!("expected one notice, got {:?}", opened.notices)
    };
    assert!(
        reason.contains("is a device, not a regular file"),
        "{reason}"
    );
}

#[test]
fn a_file_over_the_size_limit_is_not_read_or_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    // Sparse: it takes no disk space.
    let huge = fs::File::create(&path).unwrap();
    huge.set_len(MAX_FILE_BYTES + 1).unwrap();
    drop(huge);
    let mut opened = Store::open(dir.path().to_owned(), NOW);
    let [StoreNotice::Unreadable { reason }] = &opened.notices[..] else {
        panic!("expected one notice, got {:?}", opened.notices)
    };
    assert!(
        reason.contains("is 256 MiB, more than the 256 MiB pyroadmap reads"),
        "{reason}"
    );
    let error = opened
        .store
        .save(&sample(), &Progress::default(), NOW)
        .unwrap_err();
    assert!(matches!(error, StoreError::TooLarge { .. }), "{error}");
    assert_eq!(fs::metadata(&path).unwrap().len(), MAX_FILE_BYTES + 1);
    assert!(matches!(read_file(&path), Err(StoreError::TooLarge { .. })));
}

#[cfg(unix)]
#[test]
fn a_fifo_conflict_copy_is_skipped_and_told_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    store.save(&sample(), &Progress::default(), NOW).unwrap();
    let fifo = dir.path().join("progress-LAPTOP.ron");
    mkfifo(&fifo);

    let data_dir = dir.path().to_owned();
    let opened = promptly(move || Store::open(data_dir, NOW));
    let [StoreNotice::ConflictCopySkipped { path, reason }] = &opened.notices[..] else {
        panic!("expected one notice, got {:?}", opened.notices)
    };
    assert_eq!(path, &fifo);
    assert!(reason.contains("named pipe"), "{reason}");
    assert_eq!(*opened.progress, sample(), "the file itself loaded");

    // The window that was open already hears of it with its next save,
    // once; looking for changes meanwhile does not hang either.
    let (mut store, notices) = promptly(move || {
        assert!(store.check_for_changes(NOW).is_none());
        let first = store
            .save(&with_note("a", NOW + 1), &Progress::default(), NOW + 1)
            .unwrap();
        let second = store
            .save(&with_note("b", NOW + 2), &Progress::default(), NOW + 2)
            .unwrap();
        (store, [first.notices, second.notices])
    });
    assert!(
        matches!(&notices[0][..], [StoreNotice::ConflictCopySkipped { .. }]),
        "{:?}",
        notices[0]
    );
    assert_eq!(notices[1], [], "told once");
    assert!(fifo.exists(), "left where it is");
    assert!(!dir.path().join(conflicts::MERGED_DIR).exists());
    store
        .save(&with_note("c", NOW + 3), &Progress::default(), NOW + 3)
        .unwrap();
}

#[cfg(unix)]
#[test]
fn a_fifo_as_the_lock_file_does_not_hang_the_save() {
    let dir = tempfile::tempdir().unwrap();
    mkfifo(&dir.path().join(LOCK_NAME));
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    let saved = promptly(move || store.save(&sample(), &Progress::default(), NOW)).unwrap();
    let [StoreNotice::LockUnavailable { reason }] = &saved.notices[..] else {
        panic!("expected one notice, got {:?}", saved.notices)
    };
    assert!(reason.contains("named pipe"), "{reason}");
    assert_eq!(read_file(&dir.path().join(FILE_NAME)).unwrap(), sample());
}

#[cfg(unix)]
#[test]
fn a_linked_progress_file_is_written_through_with_its_own_mode() {
    for is_relative in [false, true] {
        let root = tempfile::tempdir().unwrap();
        let (data_dir, synced) = (root.path().join("data"), root.path().join("Sync"));
        fs::create_dir_all(&data_dir).unwrap();
        fs::create_dir_all(&synced).unwrap();
        let target = synced.join("pyroadmap.ron");
        write_file(&target, &sample()).unwrap();
        set_mode(&target, 0o640);
        let link = data_dir.join(FILE_NAME);
        if is_relative {
            std::os::unix::fs::symlink("../Sync/pyroadmap.ron", &link).unwrap();
        } else {
            std::os::unix::fs::symlink(&target, &link).unwrap();
        }

        let mut opened = Store::open(data_dir.clone(), NOW);
        assert_eq!(*opened.progress, sample());
        Arc::make_mut(&mut opened.progress).update_topic("lists", NOW + 10, |r| {
            r.note = "typed after linking".into();
        });
        opened
            .store
            .save(&opened.progress, &opened.on_disk, NOW + 10)
            .unwrap();

        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink(),
            "the link is still a link"
        );
        assert_eq!(
            read_file(&target).unwrap().topic("lists").note,
            "typed after linking",
            "the file it points to was updated"
        );
        assert_eq!(mode(&target), 0o640, "with its own mode");
        let leftovers: Vec<_> = fs::read_dir(&synced).unwrap().flatten().collect();
        assert_eq!(leftovers.len(), 1, "no temp file left: {leftovers:?}");
    }
}

#[cfg(unix)]
#[test]
fn backups_and_copies_are_never_more_open_than_the_progress_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    write_file(&path, &sample()).unwrap();
    set_mode(&path, 0o600);
    // A sync tool left a copy anyone can read.
    let copy = dir.path().join("progress-LAPTOP.ron");
    write_file(&copy, &with_note("from the laptop", NOW)).unwrap();
    set_mode(&copy, 0o644);

    let mut opened = Store::open(dir.path().to_owned(), NOW + DAY_MS);
    let tomorrow = NOW + DAY_MS;
    opened
        .store
        .save(&opened.progress, &opened.on_disk, tomorrow)
        .unwrap();
    let before_import = back_up_now(dir.path(), "before-import", tomorrow)
        .unwrap()
        .unwrap();
    assert_eq!(mode(&path), 0o600, "the file itself");
    assert_eq!(mode(&backup_path(dir.path(), tomorrow)), 0o600, "daily");
    assert_eq!(mode(&before_import), 0o600, "before an import");
    assert_eq!(mode(&dir.path().join(backups::BACKUP_DIR)), 0o700);
    let merged = dir.path().join(conflicts::MERGED_DIR);
    assert_eq!(mode(&merged.join("progress-LAPTOP.ron")), 0o600);
    assert_eq!(mode(&merged), 0o700);

    // A file that breaks off is copied aside with the same mode.
    fs::write(&path, BROKEN_OFF).unwrap();
    set_mode(&path, 0o600);
    let opened = Store::open(dir.path().to_owned(), tomorrow);
    let [StoreNotice::Salvaged { copy, .. }] = &opened.notices[..] else {
        panic!("expected a salvage notice, got {:?}", opened.notices)
    };
    assert_eq!(mode(copy), 0o600, "the .broken copy");
}

#[test]
fn a_file_that_breaks_off_is_copied_aside_once_with_one_notice() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(FILE_NAME), BROKEN_OFF).unwrap();
    let mut opened = Store::open(dir.path().to_owned(), NOW);
    let mut notices = opened.notices.clone();
    for now in [NOW, NOW + 1000] {
        Arc::make_mut(&mut opened.progress)
            .update_topic("lists", now, |r| r.note = format!("typed at {now}"));
        let saved = opened
            .store
            .save(&opened.progress, &opened.on_disk, now)
            .unwrap();
        notices.extend(saved.notices);
    }
    let salvaged = notices
        .iter()
        .filter(|n| matches!(n, StoreNotice::Salvaged { .. }))
        .count();
    assert_eq!(salvaged, 1, "{notices:?}");
    let copies: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains(".broken-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(
        read_file(&dir.path().join(FILE_NAME))
            .unwrap()
            .topic("dicts")
            .note,
        "kept"
    );
}

/// Saves a changed file once a day for `days` days after `first`.
fn save_daily(store: &mut Store, days: std::ops::RangeInclusive<u64>) {
    for day in days {
        let now = NOW + day * DAY_MS;
        store
            .save(
                &with_note(&format!("day {day}"), now),
                &Progress::default(),
                now,
            )
            .unwrap();
    }
}

#[test]
fn backups_before_an_import_or_a_restore_are_kept_30_days() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    save_daily(&mut store, 0..=0);
    let import = back_up_now(dir.path(), "before-import", NOW)
        .unwrap()
        .unwrap();
    let restore = back_up_now(dir.path(), "before-restore", NOW + 1000)
        .unwrap()
        .unwrap();
    save_daily(&mut store, 1..=30);
    assert!(import.exists(), "the before-import backup is kept 30 days");
    assert!(
        restore.exists(),
        "the before-restore backup is kept 30 days"
    );
    let labels: Vec<String> = list_backups(dir.path())
        .into_iter()
        .map(|b| b.label)
        .collect();
    assert!(
        labels.contains(&"2026-11-25, before import at 11:21:58 UTC".to_owned()),
        "{labels:?}"
    );
    save_daily(&mut store, 31..=32);
    assert!(!import.exists() && !restore.exists(), "then they go");
}

#[test]
fn retention_leaves_files_it_did_not_make_alone() {
    let dir = tempfile::tempdir().unwrap();
    let backup_dir = dir.path().join(backups::BACKUP_DIR);
    fs::create_dir_all(&backup_dir).unwrap();
    let strangers = [
        "progress-2026-11-20-my-copy.ron",
        "progress-2026-11-21.ron.bak",
        "progress-2026-11-22 (1).ron",
        "progress-2026-11-23-before-import-999999.ron",
        "progress-2026-02-30.ron",
        "notes.txt",
    ];
    for name in strangers {
        fs::write(backup_dir.join(name), "the learner's own").unwrap();
    }
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    save_daily(&mut store, 0..=60);
    for name in strangers {
        assert_eq!(
            fs::read_to_string(backup_dir.join(name)).unwrap(),
            "the learner's own",
            "{name}"
        );
    }
}

#[test]
fn backups_dated_in_the_future_take_no_daily_place() {
    let dir = tempfile::tempdir().unwrap();
    let backup_dir = dir.path().join(backups::BACKUP_DIR);
    fs::create_dir_all(&backup_dir).unwrap();
    let future: Vec<PathBuf> = (1..=8)
        .map(|day| backup_dir.join(format!("progress-2099-01-0{day}.ron")))
        .collect();
    for path in &future {
        write_file(path, &sample()).unwrap();
    }
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    save_daily(&mut store, 0..=9);
    for day in 3..=9 {
        let daily = backup_path(dir.path(), NOW + day * DAY_MS);
        assert!(
            daily.exists(),
            "the last 7 days are kept: {}",
            daily.display()
        );
    }
    for path in &future {
        assert!(
            path.exists(),
            "kept, though not counted: {}",
            path.display()
        );
    }
}

#[test]
fn the_save_stands_when_its_backup_cannot_be_written() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    store.save(&sample(), &Progress::default(), NOW).unwrap();
    // What a full disk does to the backup (a file where `backups/` goes
    // fails even for root, who may write into read-only folders).
    fs::write(dir.path().join(backups::BACKUP_DIR), "in the way").unwrap();

    let tomorrow = NOW + DAY_MS;
    let saved = store
        .save(
            &with_note("typed today", tomorrow),
            &Progress::default(),
            tomorrow,
        )
        .unwrap();
    let [StoreNotice::BackupFailed { reason }] = &saved.notices[..] else {
        panic!("expected one notice, got {:?}", saved.notices)
    };
    assert!(reason.contains("backups"), "{reason}");
    assert_eq!(
        read_file(&dir.path().join(FILE_NAME))
            .unwrap()
            .topic("day")
            .note,
        "typed today",
        "the save happened"
    );
    let again = store
        .save(
            &with_note("and more", tomorrow + 1),
            &Progress::default(),
            tomorrow + 1,
        )
        .unwrap();
    assert_eq!(again.notices, [], "told once, not at every save");
}

#[cfg(unix)]
#[test]
fn a_fifo_among_the_backups_is_neither_listed_nor_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().to_owned(), NOW).store;
    save_daily(&mut store, 0..=1);
    let fifo = backup_path(dir.path(), NOW - DAY_MS);
    mkfifo(&fifo);
    let data_dir = dir.path().to_owned();
    let (listed, mut store) = promptly(move || {
        let listed = list_backups(&data_dir);
        // Pruning and backing up beside it do not open it either.
        save_daily(&mut store, 2..=2);
        (listed, store)
    });
    let labels: Vec<&str> = listed.iter().map(|b| b.label.as_str()).collect();
    assert_eq!(labels, ["2026-11-26"], "only the real backup");
    assert!(fifo.exists());
    save_daily(&mut store, 3..=3);
}
