//! Spaced review and stats, driven as a learner: answer questions in two
//! lessons, find them due on a later day, grade them, undo, the daily
//! limit, the calendar and the streak, and all of it after a restart.

mod support;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use pyroadmap::PyroadmapApp;
use pyroadmap::course::Question;
use pyroadmap::study::review::Day;
use pyroadmap::study::{Clock as _, Progress, SystemClock};
use pyroadmap::ui::Page;
use support::{app, app_with_clock, has_label_containing, open_topic, seed};

const DAY_MS: i64 = 86_400_000;

fn quiz(topic: &str) -> Vec<Question> {
    support::quiz_of(topic)
}

fn plain(text: &str) -> String {
    text.replace('`', "")
}

/// Answers a lesson's first question rightly, as a learner clicks it.
fn answer_first(harness: &mut Harness<'_, PyroadmapApp>, section: &str, topic: &str) {
    open_topic(harness, section, topic);
    let question = &quiz(topic)[0];
    support::click_choice(harness, &plain(&question.choices[question.answer]));
    assert!(
        harness
            .state()
            .progress()
            .topic(topic)
            .quiz
            .contains_key(&question.id)
    );
}

fn open_review(harness: &mut Harness<'_, PyroadmapApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run();
    assert_eq!(*harness.state().page(), Page::Review);
}

/// Picks the right choice of the quiz card on screen.
fn pick_right(harness: &mut Harness<'_, PyroadmapApp>) -> String {
    for topic in ["lists", "sets"] {
        for question in quiz(topic) {
            let right = plain(&question.choices[question.answer]);
            let is_this = has_label_containing(harness, &plain(&question.question))
                && harness
                    .query_all_by_role_and_label(Role::Button, &right)
                    .next()
                    .is_some();
            if is_this
                && harness
                    .state()
                    .review_card()
                    .is_some_and(|c| c.ends_with(&question.id) && c.contains(topic))
            {
                harness
                    .get_all_by_role_and_label(Role::Button, &right)
                    .next()
                    .unwrap()
                    .click();
                harness.run();
                return format!("quiz/{topic}/{}", question.id);
            }
        }
    }
    panic!(
        "no known card on screen: {:?}",
        harness.state().review_card()
    );
}

fn click_containing(harness: &mut Harness<'_, PyroadmapApp>, text: &str) {
    harness
        .query_all_by_label_contains(text)
        .find(|n| n.accesskit_node().role() == Role::Button)
        .unwrap_or_else(|| panic!("no button with {text:?}"))
        .click();
    harness.run();
}

#[test]
fn answered_questions_come_back_in_review_and_grades_move_their_intervals() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut harness = app_with_clock(dir.path(), 0);
        answer_first(&mut harness, "Data structures", "lists");
        answer_first(&mut harness, "Data structures", "sets");
        open_review(&mut harness);
        assert!(
            has_label_containing(&harness, "0 due today"),
            "nothing the same day"
        );
        assert!(has_label_containing(
            &harness,
            "The next card is due tomorrow"
        ));
    }
    // Two days later both are due.
    let mut harness = app_with_clock(dir.path(), 2 * DAY_MS);
    assert!(
        has_label_containing(&harness, "Review (2)"),
        "the sidebar says so"
    );
    open_review(&mut harness);
    assert!(has_label_containing(&harness, "2 due today"));
    let first = pick_right(&mut harness);
    assert!(has_label_containing(&harness, "✔ Right."));
    click_containing(&mut harness, "Good ·");
    let good = harness.state().progress().cards[&first].clone();
    assert!(good.scheduled_days >= 1);
    assert!(has_label_containing(&harness, "1 due today"));

    // Undo takes the grade back and shows the card again.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(!harness.state().progress().cards.contains_key(&first));
    assert!(has_label_containing(&harness, "2 due today"));
    let again = pick_right(&mut harness);
    assert_eq!(again, first, "the same card is back");
    harness.key_press(Key::Num3);
    harness.run();
    assert_eq!(
        harness.state().progress().cards[&first].scheduled_days,
        good.scheduled_days
    );

    // A wrong pick is graded Again at once.
    let second = harness.state().review_card().expect("the second card");
    let (topic, id) = if second.contains("/lists/") {
        ("lists", second.rsplit('/').next().unwrap())
    } else {
        ("sets", second.rsplit('/').next().unwrap())
    };
    let question = quiz(topic).into_iter().find(|q| q.id == id).unwrap();
    let wrong = plain(&question.choices[(question.answer + 1) % question.choices.len()]);
    harness
        .get_all_by_role_and_label(Role::Button, &wrong)
        .next()
        .unwrap()
        .click();
    harness.run();
    assert!(has_label_containing(&harness, "Not quite: graded Again"));
    let lapsed = harness.state().progress().cards[&second].clone();
    assert_eq!(lapsed.log.last().map(|(_, g)| *g), Some(1));
    click_containing(&mut harness, "Next");
    assert!(has_label_containing(
        &harness,
        "Done for today: 2 cards reviewed"
    ));
    drop(harness);

    // Later, Good again grows the interval; the restart kept everything.
    let later =
        i64::try_from(good.due_ms).unwrap() - i64::try_from(SystemClock.now_ms()).unwrap() + DAY_MS;
    let mut harness = app_with_clock(dir.path(), later);
    assert_eq!(
        harness.state().progress().cards[&first].log.len(),
        1,
        "the restart kept the grade"
    );
    open_review(&mut harness);
    while let Some(card) = harness.state().review_card() {
        pick_right(&mut harness);
        click_containing(&mut harness, "Good ·");
        if card == first {
            break;
        }
    }
    let grown = &harness.state().progress().cards[&first];
    assert!(
        grown.scheduled_days > good.scheduled_days,
        "{} after {}",
        grown.scheduled_days,
        good.scheduled_days
    );
}

#[test]
fn an_empty_review_says_what_a_card_is_and_offers_no_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_review(&mut harness);
    assert!(has_label_containing(&harness, "No cards yet."));
    assert!(
        has_label_containing(&harness, "A card is one thing to remember"),
        "where cards come from is said on the empty page"
    );
    assert!(
        harness.query_by_label("Undo last grade").is_none(),
        "nothing to undo before a grade"
    );
    harness.get_by_label("Review settings").click();
    harness.run();
    assert!(has_label_containing(
        &harness,
        "still remember when they come back"
    ));
    assert!(has_label_containing(&harness, "never reviewed join a day"));
}

#[test]
fn the_daily_limit_caps_new_cards() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    for topic in ["lists", "sets", "tuples"] {
        progress.update_topic(topic, 1_000, |r| {
            for q in quiz(topic) {
                r.quiz.insert(q.id.clone(), 0);
            }
        });
    }
    progress.settings.new_cards_per_day = 4;
    seed(dir.path(), &progress);
    let mut harness = app_with_clock(dir.path(), 0);
    open_review(&mut harness);
    assert!(has_label_containing(&harness, "4 due today"));
}

#[test]
fn the_calendar_and_the_streak_show_the_days_studied() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    let zone = jiff::tz::TimeZone::system();
    let today = pyroadmap::study::review::local_day(SystemClock.now_ms(), &zone);
    let mut day = today;
    for _ in 0..5 {
        day = day.yesterday().unwrap();
        progress.activity.insert(
            day.to_string(),
            Day {
                reviewed: 3,
                ..Day::default()
            },
        );
    }
    // A longer run a month before.
    let mut day = today.checked_sub(jiff::Span::new().days(40)).unwrap();
    for _ in 0..9 {
        progress.activity.insert(
            day.to_string(),
            Day {
                opened: 1,
                ..Day::default()
            },
        );
        day = day.tomorrow().unwrap();
    }
    seed(dir.path(), &progress);
    let mut harness = app_with_clock(dir.path(), 0);
    assert!(
        has_label_containing(&harness, "5-day streak"),
        "Home shows the streak"
    );
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::T);
    harness.run();
    assert_eq!(*harness.state().page(), Page::Stats);
    assert!(has_label_containing(&harness, "current streak: 5 days"));
    assert!(has_label_containing(&harness, "longest streak: 9 days"));
    assert!(has_label_containing(
        &harness,
        "Study calendar: 14 days studied in the last 12 months"
    ));
}

#[test]
fn review_and_stats_agree_about_a_card_earned_today_and_stats_counts_solved_exercises() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    answer_first(&mut harness, "Data structures", "lists");
    open_review(&mut harness);
    assert!(has_label_containing(
        &harness,
        "The next card is due tomorrow."
    ));
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::T);
    harness.run();
    assert_eq!(*harness.state().page(), Page::Stats);
    assert!(
        has_label_containing(&harness, "Reviews due in the next 30 days: 1, 0 today"),
        "Stats shows the card Review says is due tomorrow"
    );
    assert!(!has_label_containing(&harness, "No reviews are scheduled"));
    assert!(has_label_containing(&harness, "exercises solved: 0 of "));
}

#[test]
fn stats_counts_the_exercises_a_learner_solved() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    let course = pyroadmap::course::load_embedded().course;
    let lists = course.topics().find(|t| t.id == "lists").unwrap();
    let section = course
        .sections
        .iter()
        .find(|s| s.topics.iter().any(|t| t.id == "lists"))
        .unwrap();
    let in_section: usize = section.topics.iter().map(|t| t.exercises.len()).sum();
    let total: usize = course.topics().map(|t| t.exercises.len()).sum();
    progress.update_topic("lists", 1_000, |r| {
        for exercise in lists.exercises.iter().take(2) {
            r.exercises
                .entry(exercise.id.clone())
                .or_default()
                .solved_ms = 1_000;
        }
    });
    seed(dir.path(), &progress);
    let mut harness = app_with_clock(dir.path(), 0);
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::T);
    harness.run();
    assert!(has_label_containing(
        &harness,
        &format!("exercises solved: 2 of {total}")
    ));
    assert!(has_label_containing(
        &harness,
        &format!("2/{in_section} exercises")
    ));
}
