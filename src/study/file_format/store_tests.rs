//! Damaged files through the real store: open, change what the learner
//! sees, save, open again.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::study::store::{FILE_NAME, PARSES, Store, StoreError, StoreNotice, read_file};
use crate::study::{Progress, Status};

const NOW: u64 = 1_795_605_718_000;

fn data_dir_with(bytes: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(FILE_NAME), bytes).unwrap();
    dir
}

/// The `.broken` copies beside the file, oldest name first.
fn broken_copies(dir: &Path) -> Vec<PathBuf> {
    let mut copies: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().contains(".broken-"))
        .collect();
    copies.sort();
    copies
}

/// Opens `dir`, lets `change` edit what the learner sees, saves, and opens
/// the file again.
fn edit_save_reopen(
    dir: &Path,
    change: impl FnOnce(&mut Progress),
) -> (Vec<StoreNotice>, Progress) {
    let mut opened = Store::open(dir.to_owned(), NOW);
    change(Arc::make_mut(&mut opened.progress));
    let saved = opened
        .store
        .save(&opened.progress, &opened.on_disk, NOW + 1_000)
        .unwrap();
    let reopened = read_file(&dir.join(FILE_NAME)).unwrap();
    (saved.notices, reopened)
}

#[test]
fn a_replaced_unreadable_note_is_saved_and_the_old_one_kept_in_a_copy() {
    let text = "{\"topics\": {\"dicts\": {\"note\": 42, \"status\": Done, \"changed_ms\": 5}}}";
    let dir = data_dir_with(text.as_bytes());
    let (notices, reopened) = edit_save_reopen(dir.path(), |p| {
        p.update_topic("dicts", NOW, |r| r.note = "my new note".into());
    });
    assert_eq!(reopened.topic("dicts").note, "my new note");
    assert_eq!(reopened.topic("dicts").status, Status::Done);
    let copies = broken_copies(dir.path());
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(fs::read_to_string(&copies[0]).unwrap(), text);
    assert!(
        notices.contains(&StoreNotice::ReplacedUnreadable {
            copy: copies[0].clone(),
            values: vec!["topic `dicts`, `note`".into()],
        }),
        "{notices:?}"
    );
}

#[test]
fn a_replaced_unreadable_quiz_is_saved() {
    let text = "{\"topics\": {\"dicts\": {\"quiz\": {\"q1\": -1, \"q2\": 1}, \"changed_ms\": 5}}}";
    let dir = data_dir_with(text.as_bytes());
    let (_, reopened) = edit_save_reopen(dir.path(), |p| {
        p.update_topic("dicts", NOW, |r| {
            r.quiz.insert("q1".into(), 2);
        });
    });
    assert_eq!(reopened.topic("dicts").quiz.get("q1"), Some(&2));
    assert!(!reopened.topic("dicts").extra.contains_key("quiz"));
    let copies = broken_copies(dir.path());
    assert!(
        fs::read_to_string(&copies[0])
            .unwrap()
            .contains("\"q1\": -1")
    );
}

#[test]
fn edits_after_an_unreadable_topics_map_are_saved() {
    let text = "{\"topics\": [\"not\", \"a\", \"map\"], \"last_topic\": Some(\"dicts\")}";
    let dir = data_dir_with(text.as_bytes());
    let (_, reopened) = edit_save_reopen(dir.path(), |p| {
        p.update_topic("dicts", NOW, |r| {
            r.status = Status::Done;
            r.note = "typed after".into();
        });
    });
    assert_eq!(reopened.topic("dicts").status, Status::Done);
    assert_eq!(reopened.topic("dicts").note, "typed after");
    let copies = broken_copies(dir.path());
    assert_eq!(fs::read_to_string(&copies[0]).unwrap(), text);
}

#[test]
fn a_changed_topic_whose_record_was_unreadable_is_saved() {
    let text = "{\"topics\": {\"lists\": 42, \"sets\": {\"note\": \"untouched\"}}}";
    let dir = data_dir_with(text.as_bytes());
    let (_, reopened) = edit_save_reopen(dir.path(), |p| {
        p.update_topic("lists", NOW, |r| r.bookmarked = true);
    });
    assert!(reopened.topic("lists").bookmarked);
    assert!(reopened.unreadable_topics.is_empty(), "{reopened:?}");
    assert_eq!(reopened.topic("sets").note, "untouched");
    assert_eq!(broken_copies(dir.path()).len(), 1);
}

#[test]
fn an_unreadable_value_nobody_changed_stays_in_the_file_without_a_copy() {
    let text = "{\"topics\": {\"dicts\": {\"note\": 42}, \"sets\": {\"note\": \"a\"}}}";
    let dir = data_dir_with(text.as_bytes());
    let (notices, _) = edit_save_reopen(dir.path(), |p| {
        p.update_topic("sets", NOW, |r| r.note = "b".into());
    });
    let written = fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
    assert!(written.contains("\"note\": 42"), "{written}");
    assert!(broken_copies(dir.path()).is_empty(), "{notices:?}");
}

#[test]
fn a_duplicate_note_is_copied_aside_and_the_shown_one_edited_and_saved() {
    let text = "{\"topics\": {\"dicts\": {\n\"note\": \"earlier\",\n\"note\": \"later\",\n}}}";
    let dir = data_dir_with(text.as_bytes());
    let opened = Store::open(dir.path().to_owned(), NOW);
    assert_eq!(opened.progress.topic("dicts").note, "later");
    let copies = broken_copies(dir.path());
    assert_eq!(copies.len(), 1);
    assert_eq!(
        fs::read_to_string(&copies[0]).unwrap(),
        text,
        "the earlier note is kept"
    );
    let [StoreNotice::PartlyUnreadable { problems, copy }] = &opened.notices[..] else {
        panic!("{:?}", opened.notices)
    };
    assert_eq!(copy.as_ref(), Some(&copies[0]));
    assert!(
        problems[0].contains("\"note\" appears twice"),
        "{problems:?}"
    );
    drop(opened);

    let (_, reopened) = edit_save_reopen(dir.path(), |p| {
        p.update_topic("dicts", NOW, |r| r.note = "later, edited".into());
    });
    assert_eq!(reopened.topic("dicts").note, "later, edited");
}

#[test]
fn one_byte_that_is_not_utf8_in_a_note_hides_nothing_else() {
    let mut learner = Progress::default();
    for (i, id) in ["dicts", "lists", "sets", "tuples"].iter().enumerate() {
        learner.update_topic(id, NOW + i as u64, |r| {
            r.status = Status::Done;
            r.note = format!("my notes on {id}: café");
        });
    }
    learner.last_topic = Some("sets".into());
    let mut bytes = crate::study::file_format::write(&learner).into_bytes();
    let at = bytes
        .windows(b"lists: caf".len())
        .position(|w| w == b"lists: caf")
        .unwrap();
    bytes.insert(at + 3, 0xff);
    let dir = data_dir_with(&bytes);

    let opened = Store::open(dir.path().to_owned(), NOW);
    let progress = &opened.progress;
    for id in ["dicts", "sets", "tuples"] {
        assert_eq!(progress.topic(id), learner.topic(id), "{id}");
    }
    assert_eq!(
        progress.topic("lists").note,
        "my notes on lis\u{fffd}ts: café"
    );
    assert_eq!(progress.topic("lists").status, Status::Done);
    assert_eq!(progress.last_topic.as_deref(), Some("sets"));
    assert_eq!(fs::read(&broken_copies(dir.path())[0]).unwrap(), bytes);
}

#[test]
fn a_version_too_large_for_u32_is_read_only_and_never_written() {
    let text =
        "{\"version\": 99999999999, \"topics\": {\"dicts\": {\"note\": \"from the future\"}}}";
    let dir = data_dir_with(text.as_bytes());
    let mut opened = Store::open(dir.path().to_owned(), NOW);
    assert!(opened.store.is_read_only());
    assert_eq!(opened.progress.topic("dicts").note, "from the future");
    Arc::make_mut(&mut opened.progress).update_topic("dicts", NOW, |r| r.note = "edited".into());
    let error = opened
        .store
        .save(&opened.progress, &opened.on_disk, NOW)
        .unwrap_err();
    assert!(matches!(error, StoreError::NewerVersion { .. }), "{error}");
    assert_eq!(
        fs::read_to_string(dir.path().join(FILE_NAME)).unwrap(),
        text
    );
}

#[test]
fn saves_over_the_bytes_last_read_or_written_do_not_parse_them_again() {
    let dir = data_dir_with(b"{\"topics\": {\"dicts\": {\"note\": \"a\"}}}");
    let before = PARSES.with(std::cell::Cell::get);
    let mut opened = Store::open(dir.path().to_owned(), NOW);
    let mut base = opened.on_disk.clone();
    for i in 0..3 {
        Arc::make_mut(&mut opened.progress)
            .update_topic("dicts", NOW + i, |r| r.note = format!("edit {i}"));
        base = opened
            .store
            .save(&opened.progress, &base, NOW + i)
            .unwrap()
            .written;
    }
    assert_eq!(
        PARSES.with(std::cell::Cell::get) - before,
        1,
        "parsed once, at open"
    );
    assert_eq!(
        read_file(&dir.path().join(FILE_NAME))
            .unwrap()
            .topic("dicts")
            .note,
        "edit 2"
    );
}
