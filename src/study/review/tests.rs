use super::*;
use crate::course::Block;
use crate::study::Status;

const DAY: u64 = DAY_MS;
/// 2026-06-01 12:00 UTC.
const NOON: u64 = 1_780_315_200_000;

fn course() -> Course {
    crate::course::load_embedded().course
}

fn question_ids(course: &Course, topic: &str) -> Vec<String> {
    course
        .topic(topic)
        .unwrap()
        .doc()
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Quiz(q) => Some(q.iter().map(|q| q.id.clone()).collect()),
            _ => None,
        })
        .unwrap()
}

#[test]
fn good_grows_the_interval_and_again_resets_it() {
    let first = grade(None, Grade::Good, NOON, 0.9);
    let first_days = first.scheduled_days;
    assert!(first_days >= 1, "{first:?}");
    let second = grade(Some(&first), Grade::Good, first.due_ms, 0.9);
    assert!(
        second.scheduled_days > first_days,
        "{first:?} then {second:?}"
    );
    let third = grade(Some(&second), Grade::Good, second.due_ms, 0.9);
    assert!(third.scheduled_days > second.scheduled_days);
    let lapse = grade(Some(&third), Grade::Again, third.due_ms, 0.9);
    assert!(
        lapse.scheduled_days * 4 < third.scheduled_days,
        "Again starts the card over: {} days after {}",
        lapse.scheduled_days,
        third.scheduled_days
    );
    assert_eq!(lapse.lapses, 1);
    assert_eq!(lapse.log.len(), 4);
    let [again, hard, good, easy] = intervals(Some(&third), third.due_ms, 0.9);
    assert!(
        again <= hard && hard <= good && good <= easy,
        "{again} {hard} {good} {easy}"
    );
}

#[test]
fn a_higher_retention_asks_sooner() {
    let card = grade(None, Grade::Good, NOON, 0.9);
    let card = grade(Some(&card), Grade::Good, card.due_ms, 0.9);
    let relaxed = intervals(Some(&card), card.due_ms, 0.8)[2];
    let strict = intervals(Some(&card), card.due_ms, 0.97)[2];
    assert!(strict < relaxed, "{strict} vs {relaxed}");
}

#[test]
fn answered_questions_wait_a_day_then_come_due_with_a_daily_limit() {
    let course = course();
    let ids = question_ids(&course, "lists");
    let mut progress = Progress::default();
    progress.update_topic("lists", NOON, |r| {
        for id in &ids {
            r.quiz.insert(id.clone(), 0);
        }
    });
    let utc = TimeZone::UTC;
    let today = queue(&course, &progress, NOON + 1000, &utc, 20);
    assert!(today.is_empty(), "earned today: {today:?}");
    assert!(today.next_due_ms.is_some());
    let tomorrow = queue(&course, &progress, NOON + DAY, &utc, 20);
    assert_eq!(tomorrow.new.len(), ids.len());
    let limited = queue(&course, &progress, NOON + DAY, &utc, 2);
    assert_eq!(limited.new.len(), 2, "the daily limit for new cards");

    // Two introduced today leave room for the rest of the limit only.
    for card in limited.new.clone() {
        progress
            .cards
            .insert(card.id.clone(), grade(None, Grade::Good, NOON + DAY, 0.9));
    }
    let after = queue(&course, &progress, NOON + DAY + 1, &utc, 3);
    assert_eq!(after.new.len(), 1);
    assert!(after.due.is_empty(), "graded cards are due later");
}

#[test]
fn a_done_topic_and_solved_exercises_are_cards_too() {
    let course = course();
    let mut progress = Progress::default();
    progress.update_topic("sets", NOON, |r| r.status = Status::Done);
    let exercise = course.topic("dicts").unwrap().exercises[0].id.clone();
    progress.update_exercise("dicts", &exercise, NOON, |r| r.solved_ms = NOON);
    let cards = cards(&course, &progress);
    assert_eq!(
        cards.iter().filter(|c| c.topic == "sets").count(),
        question_ids(&course, "sets").len()
    );
    assert!(
        cards
            .iter()
            .any(|c| c.kind == CardKind::Exercise(exercise.clone()))
    );
}

#[test]
fn days_are_the_learners_local_days() {
    // 6 pm in California on 1 June is 1 am UTC on 2 June.
    let evening = jiff::civil::date(2026, 6, 1)
        .at(18, 0, 0, 0)
        .to_zoned_datetime(TimeZone::get("America/Los_Angeles").unwrap())
        .unwrap();
    let ms = u64::try_from(evening.timestamp().as_millisecond()).unwrap();
    let la = TimeZone::get("America/Los_Angeles").unwrap();
    assert_eq!(day_key(local_day(ms, &la)), "2026-06-01");
    assert_eq!(day_key(local_day(ms, &TimeZone::UTC)), "2026-06-02");
}

#[test]
fn streaks_count_days_in_a_row() {
    let mut activity = BTreeMap::new();
    let studied = Day {
        opened: 1,
        ..Day::default()
    };
    for day in [
        "2026-05-01",
        "2026-05-02",
        "2026-05-03",
        "2026-05-10",
        "2026-05-11",
    ] {
        activity.insert(day.to_owned(), studied);
    }
    let today = jiff::civil::date(2026, 5, 12);
    assert_eq!(
        streaks(&activity, today),
        (2, 3),
        "yesterday keeps the streak"
    );
    assert_eq!(streaks(&activity, jiff::civil::date(2026, 5, 13)), (0, 3));
}

#[test]
fn merging_keeps_every_grade_and_the_longer_history() {
    let mut a = Progress::default();
    let mut b = Progress::default();
    let first = grade(None, Grade::Good, NOON, 0.9);
    a.cards.insert("quiz/lists/q1".into(), first.clone());
    let second = grade(Some(&first), Grade::Hard, NOON + 3 * DAY, 0.9);
    b.cards.insert("quiz/lists/q1".into(), second.clone());
    b.cards.insert("quiz/sets/q1".into(), first.clone());
    a.activity.insert(
        "2026-06-01".into(),
        Day {
            reviewed: 3,
            ..Day::default()
        },
    );
    b.activity.insert(
        "2026-06-01".into(),
        Day {
            reviewed: 1,
            opened: 2,
            ..Day::default()
        },
    );
    let merged = crate::study::merge::merge(None, &a, &b);
    assert_eq!(merged.cards["quiz/lists/q1"], second);
    assert!(merged.cards.contains_key("quiz/sets/q1"));
    assert_eq!(merged.activity["2026-06-01"].reviewed, 3);
    assert_eq!(merged.activity["2026-06-01"].opened, 2);
    assert_eq!(
        crate::study::merge::merge(None, &b, &a).cards,
        merged.cards,
        "symmetric"
    );
}
