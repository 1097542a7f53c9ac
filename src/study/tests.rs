use super::*;

#[test]
fn each_changed_field_gets_its_own_strictly_increasing_time() {
    let mut p = Progress::default();
    p.update_topic("a", 100, |r| r.status = Status::Done);
    p.update_topic("a", 100, |r| r.status = Status::Skipped);
    p.update_topic("a", 50, |r| r.note = "clock set back".into());
    let record = p.topic("a");
    assert_eq!(record.status_ms, 101);
    assert_eq!(record.note_ms, 50, "the note keeps its own time");
    assert_eq!(record.bookmarked_ms, 0, "untouched fields keep theirs");
    assert_eq!(record.changed_ms(), 101);
}

#[test]
fn times_saturate_instead_of_overflowing() {
    let mut p = Progress::default();
    p.update_topic("a", u64::MAX, |r| r.bookmarked = true);
    p.update_topic("a", 5, |r| r.bookmarked = false);
    assert_eq!(p.topic("a").bookmarked_ms, u64::MAX);
    p.note_opened("a", u64::MAX);
    p.note_opened("b", 1);
    assert_eq!(p.last_topic_ms, u64::MAX);
}

#[test]
fn clearing_an_answer_is_remembered_with_its_time() {
    let mut p = Progress::default();
    p.update_topic("a", 10, |r| {
        r.quiz.insert("q1".into(), 2);
    });
    p.update_topic("a", 20, |r| r.quiz.clear());
    assert!(p.topic("a").quiz.is_empty());
    assert_eq!(p.topic("a").quiz_ms.get("q1"), Some(&20));
}

#[test]
fn answers_by_position_move_to_their_questions_ids() {
    let mut p = Progress::default();
    p.update_topic("a", 10, |r| {
        r.quiz.insert("#0".into(), 2);
        r.quiz.insert("#1".into(), 0);
        r.quiz_ms.insert("#0".into(), 10);
        r.quiz_ms.insert("#1".into(), 11);
        r.quiz.insert("#7".into(), 1);
    });
    let when = p.topic("a").quiz_ms.get("#1").copied();
    let id_at = |topic: &str, index: usize| {
        (topic == "a").then(|| ["first", "second"].get(index).map(|s| (*s).to_owned()))?
    };
    assert!(p.has_quiz_positions(id_at));
    assert!(p.migrate_quiz_positions(id_at));
    assert!(
        !p.has_quiz_positions(id_at),
        "nothing left to move: `#7` has no question"
    );
    assert!(!p.migrate_quiz_positions(id_at));
    let r = p.topic("a");
    assert_eq!(r.quiz.get("first"), Some(&2));
    assert_eq!(r.quiz.get("second"), Some(&0));
    assert_eq!(
        r.quiz_ms.get("second").copied(),
        when,
        "its time moves with it"
    );
    assert_eq!(
        r.quiz.get("#7"),
        Some(&1),
        "an answer to no question is kept"
    );
    assert!(!r.quiz.contains_key("#0"));
}
