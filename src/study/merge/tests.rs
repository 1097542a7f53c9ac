use proptest::prelude::*;

use super::*;
use crate::study::Status;

fn window_from(base: &Progress) -> Progress {
    base.clone()
}

#[test]
fn two_windows_changing_different_fields_of_one_topic_keep_both() {
    let mut base = Progress::default();
    base.update_topic("dicts", 1_000, |r| r.status = Status::InProgress);
    let mut a = window_from(&base);
    let mut b = window_from(&base);
    a.update_topic("dicts", 2_000, |r| r.note = "use .get()".into());
    b.update_topic("dicts", 3_000, |r| r.status = Status::Done);
    for merged in [
        merge(Some(&base), &a, &b),
        merge(Some(&base), &b, &a),
        merge(None, &a, &b),
    ] {
        assert_eq!(merged.topic("dicts").note, "use .get()");
        assert_eq!(merged.topic("dicts").status, Status::Done);
    }
}

#[test]
fn a_reading_place_merges_as_one_block_and_offset() {
    let mut base = Progress::default();
    base.update_topic("lists", 1_000, |r| {
        r.position = 3;
        r.position_offset_pt = 120;
    });
    let mut a = window_from(&base);
    let mut b = window_from(&base);
    // One window went to Practice, the other later moved within the block:
    // the later place wins whole, never its offset in the other's block.
    a.update_topic("lists", 3_000, |r| r.position_offset_pt = 300);
    b.update_topic("lists", 2_000, |r| {
        r.position = 9;
        r.position_offset_pt = 40;
    });
    for merged in [
        merge(Some(&base), &a, &b),
        merge(Some(&base), &b, &a),
        merge(None, &a, &b),
    ] {
        let record = merged.topic("lists");
        assert_eq!((record.position, record.position_offset_pt), (3, 300));
    }
}

#[test]
fn a_note_edited_in_two_windows_keeps_both_texts() {
    let mut base = Progress::default();
    base.update_topic("dicts", 1_000, |r| r.note = "Dicts:".into());
    let mut a = window_from(&base);
    let mut b = window_from(&base);
    a.update_topic("dicts", 2_000, |r| {
        r.note = "Dicts: keys are hashable".into();
    });
    b.update_topic("dicts", 3_000, |r| {
        r.note = "Dicts: ordered since 3.7".into();
    });
    let merged = merge(Some(&base), &a, &b);
    let note = &merged.topic("dicts").note;
    // What each added is kept once; what both had, once.
    assert_eq!(
        note,
        &format!("Dicts: ordered since 3.7\n\n{NOTE_MARKER}\n keys are hashable")
    );
    assert_eq!(&merge(Some(&base), &b, &a), &merged);
    // Merging the result again adds nothing.
    assert_eq!(merge(Some(&a), &merged, &a).topic("dicts").note, *note);
    assert_eq!(merge(None, &merged, &b).topic("dicts").note, *note);
}

#[test]
fn a_clock_set_back_loses_nothing() {
    let mut base = Progress::default();
    base.update_topic("dicts", 5_000, |r| r.bookmarked = true);
    let mut a = window_from(&base);
    let mut b = window_from(&base);
    // Window b's clock runs an hour behind.
    a.update_topic("dicts", 10_000, |r| r.note = "from a".into());
    b.update_topic("dicts", 1_000, |r| r.bookmarked = false);
    b.update_topic("sets", 1_000, |r| r.status = Status::Done);
    let merged = merge(Some(&base), &a, &b);
    assert_eq!(merged.topic("dicts").note, "from a");
    assert!(
        !merged.topic("dicts").bookmarked,
        "b's change wins: a never touched it"
    );
    assert_eq!(merged.topic("sets").status, Status::Done);
}

#[test]
fn a_deletion_in_one_window_stays_deleted() {
    let mut base = Progress::default();
    base.update_topic("dicts", 1_000, |r| {
        r.note = "first\nsecond".into();
        r.quiz.insert("q0".into(), 1);
    });
    let mut a = window_from(&base);
    let mut b = window_from(&base);
    a.update_topic("dicts", 2_000, |r| {
        r.note = "first".into();
        r.quiz.clear();
    });
    b.update_topic("sets", 2_000, |r| r.bookmarked = true);
    let merged = merge(Some(&base), &a, &b);
    assert_eq!(merged.topic("dicts").note, "first");
    assert!(merged.topic("dicts").quiz.is_empty());
    assert!(merged.topic("sets").bookmarked);
}

#[test]
fn without_a_base_the_newer_answer_and_a_newer_clear_win() {
    let mut a = Progress::default();
    let mut b = Progress::default();
    a.update_topic("dicts", 1_000, |r| {
        r.quiz.insert("q0".into(), 1);
        r.quiz.insert("q1".into(), 1);
    });
    b.update_topic("dicts", 2_000, |r| {
        r.quiz.insert("q0".into(), 2);
    });
    b.update_topic("dicts", 3_000, |r| {
        r.quiz.clear();
    });
    let merged = merge(None, &a, &b);
    assert_eq!(
        merged.topic("dicts").quiz.get("q0"),
        None,
        "b cleared it last"
    );
    assert_eq!(
        merged.topic("dicts").quiz.get("q1"),
        Some(&1),
        "only a answered it"
    );
}

/// One learner action in one window.
#[derive(Clone, Debug)]
enum Edit {
    Status(usize, Status),
    Bookmark(usize),
    Note(usize, String),
    Answer(usize, usize, Option<usize>),
}

const TOPICS: [&str; 3] = ["dicts", "sets", "lists"];

fn edit() -> impl Strategy<Value = Edit> {
    let status = prop::sample::select(Status::ALL.to_vec());
    prop_oneof![
        (0..3usize, status).prop_map(|(t, s)| Edit::Status(t, s)),
        (0..3usize).prop_map(Edit::Bookmark),
        (0..3usize, "[a-z ]{0,12}").prop_map(|(t, n)| Edit::Note(t, n)),
        (0..3usize, 0..3usize, prop::option::of(0..4usize))
            .prop_map(|(t, q, c)| Edit::Answer(t, q, c)),
    ]
}

/// Applies edits at times `start, start + 2, ...`; the two windows use odd
/// and even times, so no two changes happen at the same moment.
fn apply(progress: &mut Progress, edits: &[Edit], start: u64) {
    for (i, edit) in edits.iter().enumerate() {
        let now = start + 2 * i as u64;
        match edit {
            Edit::Status(t, s) => progress.update_topic(TOPICS[*t], now, |r| r.status = *s),
            Edit::Bookmark(t) => {
                progress.update_topic(TOPICS[*t], now, |r| r.bookmarked = !r.bookmarked);
            }
            Edit::Note(t, n) => progress.update_topic(TOPICS[*t], now, |r| r.note.clone_from(n)),
            Edit::Answer(t, q, c) => progress.update_topic(TOPICS[*t], now, |r| match c {
                Some(c) => {
                    r.quiz.insert(format!("q{q}"), *c);
                }
                None => {
                    r.quiz.remove(&format!("q{q}"));
                }
            }),
        }
    }
}

/// The newer of two sides' values of a field, by its change time.
fn newest<T: Clone>(a: (T, u64), b: (T, u64)) -> T {
    if a.1 >= b.1 { a.0 } else { b.0 }
}

proptest! {
    #[test]
    fn merging_is_symmetric_keeps_the_newest_value_and_every_note(
        before in prop::collection::vec(edit(), 0..6),
        edits_a in prop::collection::vec(edit(), 0..10),
        edits_b in prop::collection::vec(edit(), 0..10),
        has_base in any::<bool>(),
    ) {
        let mut base = Progress::default();
        apply(&mut base, &before, 1);
        let mut a = base.clone();
        let mut b = base.clone();
        apply(&mut a, &edits_a, 100);
        apply(&mut b, &edits_b, 101);
        let base = has_base.then_some(&base);
        let merged = merge(base, &a, &b);
        prop_assert_eq!(&merged, &merge(base, &b, &a));
        for id in TOPICS {
            let (ra, rb, rm) = (a.topic(id), b.topic(id), merged.topic(id));
            prop_assert_eq!(rm.status, newest((ra.status, ra.status_ms), (rb.status, rb.status_ms)));
            prop_assert_eq!(rm.bookmarked, newest((ra.bookmarked, ra.bookmarked_ms), (rb.bookmarked, rb.bookmarked_ms)));
            for q in (0..3).map(|q| format!("q{q}")) {
                let ms = |r: &TopicRecord| r.quiz_ms.get(&q).copied().unwrap_or(0);
                prop_assert_eq!(
                    rm.quiz.get(&q),
                    newest((ra.quiz.get(&q), ms(ra)), (rb.quiz.get(&q), ms(rb)))
                );
            }
            let base_note = base.map_or("", |b| b.topic(id).note.as_str());
            if base.is_none() {
                let newest_note = newest((&ra.note, ra.note_ms), (&rb.note, rb.note_ms));
                prop_assert!(rm.note.contains(newest_note.as_str()));
                // Two sides that both wrote keep both texts.
                for note in [&ra.note, &rb.note] {
                    prop_assert!(rm.note.contains(note.as_str()), "{:?} lost from {:?}", note, rm.note);
                }
            } else {
                // Every word a side wrote since the base is kept.
                let count = |text: &str, word: &str| text.split_whitespace().filter(|w| *w == word).count();
                for note in [&ra.note, &rb.note] {
                    for word in note.split_whitespace() {
                        if count(note, word) > count(base_note, word) {
                            prop_assert!(rm.note.contains(word), "{:?} of {:?} lost from {:?}", word, note, rm.note);
                        }
                    }
                }
            }
            // Each text is kept at most once: the size grows with what was
            // written, never doubles.
            let markers = rm.note.matches(NOTE_MARKER).count();
            prop_assert!(
                rm.note.len() <= ra.note.len() + rb.note.len() + markers * (NOTE_MARKER.len() + 3),
                "{:?} from {:?} and {:?}", rm.note, ra.note, rb.note
            );
        }
    }
}

#[test]
fn settings_changed_in_different_windows_are_all_kept() {
    let base = Progress::default();
    let (mut a, mut b) = (base.clone(), base.clone());
    let mut settings = a.settings.clone();
    settings.zoom = 1.5;
    settings.new_cards_per_day = 30;
    a.set_settings(settings, 10);
    let mut settings = b.settings.clone();
    settings.theme = crate::study::ThemeChoice::Dark;
    settings.hide_done = true;
    b.set_settings(settings, 20);
    for merged in [merge(Some(&base), &a, &b), merge(Some(&base), &b, &a)] {
        assert_eq!(merged.settings.zoom, 1.5);
        assert_eq!(merged.settings.new_cards_per_day, 30);
        assert_eq!(merged.settings.theme, crate::study::ThemeChoice::Dark);
        assert!(merged.settings.hide_done);
    }
}

/// Review's Undo while the grade's save was on its way: the copy the save
/// wrote (the card graded, the day counted) must not bring the grade back.
#[test]
fn an_undone_grade_is_not_brought_back_by_the_save_that_was_on_its_way() {
    let card = |grades: &[(u64, u8)]| crate::study::review::Card {
        due_ms: 10,
        scheduled_days: 3,
        reps: grades.len() as u32,
        last_review_ms: grades.last().map_or(0, |g| g.0),
        log: grades.to_vec(),
        ..crate::study::review::Card::default()
    };
    let mut before_grade = Progress::default();
    before_grade.cards.insert("old".into(), card(&[(1, 3)]));
    // The grade: a new card, another graded again, the day counted.
    let mut sent = before_grade.clone();
    sent.cards.insert("new".into(), card(&[(5, 3)]));
    sent.cards.insert("old".into(), card(&[(1, 3), (5, 3)]));
    sent.activity
        .entry("2026-12-07".into())
        .or_default()
        .reviewed = 2;
    // Undo here, while the save writes `sent`.
    let undone = before_grade.clone();
    let written = sent.clone();
    for merged in [
        merge(Some(&sent), &undone, &written),
        merge(Some(&sent), &written, &undone),
    ] {
        assert!(!merged.cards.contains_key("new"), "the undone new card");
        assert_eq!(merged.cards["old"].log, vec![(1, 3)], "the undone grade");
        assert_eq!(
            merged.activity.get("2026-12-07").map_or(0, |d| d.reviewed),
            0
        );
    }
    // Graded in two windows from one base: no grade is lost.
    let mut other = before_grade.clone();
    other.cards.insert("old".into(), card(&[(1, 3), (7, 4)]));
    let merged = merge(Some(&before_grade), &sent, &other);
    assert_eq!(merged.cards["old"].log, vec![(1, 3), (5, 3), (7, 4)]);
    assert!(merged.cards.contains_key("new"));
}
