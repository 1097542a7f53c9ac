//! What the app prepares at start-up and what it leaves until it is needed:
//! the search index waits for search, and only the pages a learner is about
//! to open are highlighted ahead.

mod support;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use pyroadmap::action::Action;
use pyroadmap::course;
use pyroadmap::study::{Progress, Status};
use support::{app, has_label_containing, run_until, seed};

#[test]
fn search_is_prepared_the_first_time_it_opens_and_then_finds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    run_until(&mut harness, 0.3, |_| false);
    assert!(
        !harness.state().is_search_ready(),
        "no index is built before search is wanted"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    // Typed before the index is ready: the palette says it is indexing,
    // then shows the results by itself.
    harness.get_by_label("Search").type_text("walrus");
    harness.run();
    if !harness.state().is_search_ready() {
        assert!(
            has_label_containing(&harness, "Indexing the course"),
            "while the index is built, search says so"
        );
        assert!(!has_label_containing(&harness, "walrus"), "no results yet");
    }
    assert!(
        run_until(&mut harness, 10.0, |h| h.state().is_search_ready()
            && has_label_containing(h, "walrus")),
        "the results arrive without typing again"
    );
    assert!(!has_label_containing(&harness, "Indexing the course"));
}

#[test]
fn the_next_and_previous_lessons_are_highlighted_before_they_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let course = course::load_embedded().course;
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .perform(&ctx, Action::OpenTopic("sqlalchemy".into()));
    harness.run();
    run_until(&mut harness, 0.2, |_| false);
    let is_dark = harness.ctx.global_style().visuals.dark_mode;
    harness.state().highlighter().wait_idle();

    let first_block = |topic: &str| {
        let doc = &course.topic(topic).expect("in the course").doc();
        pyroadmap::ui::code_blocks_of(doc)
            .first()
            .map(|(lang, text)| ((*lang).to_owned(), (*text).to_owned()))
            .expect("the lesson has code")
    };
    let next = course.neighbour("sqlalchemy", 1).expect("a next topic");
    let previous = course
        .neighbour("sqlalchemy", -1)
        .expect("a previous topic");
    for topic in [&next.id, &previous.id] {
        let (lang, text) = first_block(topic);
        assert!(
            harness
                .state()
                .highlighter()
                .get(&lang, &text, is_dark)
                .is_some(),
            "{topic} opens highlighted"
        );
    }
    // A lesson far away is highlighted when it opens, not kept ahead.
    let (lang, text) = first_block("lists");
    assert!(
        harness
            .state()
            .highlighter()
            .get(&lang, &text, is_dark)
            .is_none()
    );
}

#[test]
fn a_returning_learner_opens_on_their_lesson_with_only_the_lessons_near_it_read() {
    // Every topic studied: review counts cards across the whole course.
    let dir = tempfile::tempdir().expect("temp dir");
    let full = course::load_embedded().course;
    let mut progress = Progress::default();
    for topic in full.topics() {
        progress.update_topic(&topic.id, 1_000, |r| {
            r.status = Status::Done;
            r.note = format!("My note on {}", topic.title);
            for id in &topic.quiz_ids {
                r.quiz.insert(id.clone(), 0);
            }
        });
    }
    progress.last_topic = Some("sqlalchemy".into());
    progress.settings.new_cards_per_day = 10_000;
    seed(dir.path(), &progress);

    let mut harness = app(dir.path());
    run_until(&mut harness, 0.5, |_| false);
    harness.state().highlighter().wait_idle();
    harness.run();
    let title = &full.topic("sqlalchemy").expect("in the course").title;
    assert!(has_label_containing(&harness, title), "the lesson reopens");
    let course = harness.state().course();
    // The lesson, the topics before and after it and its section's overview.
    assert!(
        course.parsed_documents() <= 4,
        "{} of the course's lessons were read at start-up",
        course.parsed_documents()
    );

    // Review still counts a card for every question of the course.
    let cards: usize = full.topics().map(|t| t.quiz_ids.len()).sum();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run();
    assert!(
        has_label_containing(&harness, &format!("{cards} due today")),
        "the review page counts {cards} cards"
    );
}

#[test]
fn an_opened_lesson_shows_its_top_at_once_and_the_rest_in_the_next_frame() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let course = course::load_embedded().course;
    let topic = course.topic("installing-python").expect("in the course");
    assert!(!topic.exercises.is_empty(), "the lesson ends with practice");
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .perform(&ctx, Action::OpenTopic(topic.id.clone()));
    harness.step();
    assert!(
        has_label_containing(&harness, &topic.title),
        "the top shows"
    );
    assert!(
        harness.query_by_label("Practice").is_none(),
        "the end of a long lesson waits for the next frame"
    );
    harness.run();
    assert!(harness.query_by_label("Practice").is_some());
    assert!(has_label_containing(&harness, &topic.title));
}
