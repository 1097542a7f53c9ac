//! A note of many megabytes: Home and the notes panel lay out only what they
//! show, the learner is told, and typing at its end is saved.

mod support;

use egui_kittest::kittest::Queryable as _;
use pyroadmap::study::Progress;
use pyroadmap::study::store::{FILE_NAME, read_file};

#[test]
fn a_twenty_megabyte_note_opens_with_a_warning_and_takes_typing_at_its_end() {
    let dir = tempfile::tempdir().unwrap();
    // One line of 20 MB: Home previews a note's first line.
    let sentence = "frozenset keeps its members hashable. ";
    let note = sentence.repeat(20 * 1024 * 1024 / sentence.len() + 1);
    let mut progress = Progress::default();
    progress.update_topic("sets", 1, |r| r.note.clone_from(&note));
    support::seed(dir.path(), &progress);

    let started = std::time::Instant::now();
    let mut harness = support::app(dir.path());
    eprintln!("opened in {:.1} s", started.elapsed().as_secs_f64());
    assert!(
        support::has_label_containing(&harness, "frozenset keeps its members"),
        "Home previews the note"
    );

    support::open_topic(&mut harness, "Data structures", "sets");
    assert!(
        support::has_label_containing(&harness, "This note is 20.0 MB, too long to show whole"),
        "the learner is told"
    );
    let shown = harness
        .get_by_label("Note")
        .value()
        .expect("the editor's text");
    assert!(
        shown.len() <= 64 * 1024 && note.ends_with(&shown),
        "the editor holds {} bytes",
        shown.len()
    );

    let started = std::time::Instant::now();
    support::type_note(&mut harness, " And sets are not.");
    eprintln!("typed in {:.1} s", started.elapsed().as_secs_f64());
    let wanted = format!("{note} And sets are not.");
    assert!(
        harness.state().progress().topic("sets").note == wanted,
        "the typing is not at the note's end"
    );
    // Parsing 20 MB takes seconds in a debug build: wait until the file
    // holds the typed words, then parse it once.
    let path = dir.path().join(FILE_NAME);
    let started = std::time::Instant::now();
    assert!(
        support::run_until(&mut harness, 90.0, |_| {
            std::fs::read_to_string(&path).is_ok_and(|text| text.contains("And sets are not."))
        }),
        "the typed words are never saved"
    );
    assert!(
        read_file(&path).unwrap().topic("sets").note == wanted,
        "the note is not saved with the words at its end"
    );
    eprintln!("saved in {:.1} s", started.elapsed().as_secs_f64());
}
