//! What a learner touches every minute: Back and Forward, honest progress,
//! the reading position, quiz feedback and importing a dropped file.

mod support;

use egui::accesskit::Role;
use egui::{Key, Modifiers, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use pyroadmap::PyroadmapApp;
use pyroadmap::course;
use pyroadmap::study::{Progress, Status};
use pyroadmap::ui::Page;
use support::{app, has_label_containing, open_topic, seed};

/// Steps until the lesson's scroll position has settled.
fn settle(harness: &mut Harness<'_, PyroadmapApp>) {
    for _ in 0..6 {
        harness.step();
    }
    harness.run();
}

fn offset(harness: &Harness<'_, PyroadmapApp>) -> f32 {
    harness
        .state()
        .lesson_scroll_offset()
        .expect("a lesson is open")
}

/// Scrolls the first node labelled `label` into view.
fn scroll_to(harness: &mut Harness<'_, PyroadmapApp>, label: &str) {
    harness
        .get_all_by_label(label)
        .next()
        .unwrap_or_else(|| panic!("nothing labelled {label:?}"))
        .scroll_to_me();
    settle(harness);
}

#[test]
fn back_returns_to_the_lesson_where_it_was_with_keys_and_the_mouse() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_topic(&mut harness, "Python fundamentals", "variables-and-types");
    scroll_to(&mut harness, "exceptions");
    let was = offset(&harness);
    assert!(was > 200.0, "the link is far down the lesson: {was}");
    harness
        .get_by_role_and_label(Role::Link, "exceptions")
        .click();
    settle(&mut harness);
    assert_eq!(*harness.state().page(), Page::Topic("exceptions".into()));

    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowLeft);
    settle(&mut harness);
    assert_eq!(
        *harness.state().page(),
        Page::Topic("variables-and-types".into()),
        "Back goes to the lesson the link was in, not the previous topic"
    );
    assert!(
        (offset(&harness) - was).abs() < 2.0,
        "at {} not {was}",
        offset(&harness)
    );

    harness.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    settle(&mut harness);
    assert_eq!(*harness.state().page(), Page::Topic("exceptions".into()));

    // The mouse's back button does the same.
    harness
        .get_by_label("Check yourself")
        .click_button(PointerButton::Extra1);
    settle(&mut harness);
    assert_eq!(
        *harness.state().page(),
        Page::Topic("variables-and-types".into())
    );
    assert!((offset(&harness) - was).abs() < 2.0);
    harness
        .get_by_label("Check yourself")
        .click_button(PointerButton::Extra2);
    settle(&mut harness);
    assert_eq!(*harness.state().page(), Page::Topic("exceptions".into()));

    // Previous and next topic in course order have keys of their own.
    harness.key_press_modifiers(Modifiers::ALT, Key::PageUp);
    settle(&mut harness);
    assert_eq!(
        *harness.state().page(),
        Page::Topic("with-statement".into())
    );
    harness.key_press_modifiers(Modifiers::ALT, Key::PageDown);
    settle(&mut harness);
    assert_eq!(*harness.state().page(), Page::Topic("exceptions".into()));
}

#[test]
fn a_picture_keeps_its_room_while_it_is_drawn_so_nothing_below_it_moves() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    let title = support::title_of("variables-and-types");
    support::click_button_until(&mut harness, "Python fundamentals", |h| {
        h.query_by_role_and_label(Role::Button, &title).is_some()
    });
    let picture = |harness: &Harness<'_, PyroadmapApp>| {
        harness
            .query_all_by_label_contains("Five names on the left")
            .next()
            .map(|node| (node.accesskit_node().role(), node.rect().height()))
    };
    // The picture is drawn on a worker thread: until then its alt text
    // shows, and must take the room the picture will.
    harness.get_by_role_and_label(Role::Button, &title).click();
    let (mut kept, mut drawn) = (None, None);
    for _ in 0..1000 {
        harness.step();
        match picture(&harness) {
            Some((Role::Image, height)) => {
                drawn = Some(height);
                break;
            }
            Some((_, height)) => kept = kept.or(Some(height)),
            None => {}
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let kept = kept.expect("the alt text shows while the picture is drawn");
    let drawn = drawn.expect("the picture is drawn");
    assert!(
        (kept - drawn).abs() < 1.0,
        "the picture took {kept} while drawn and {drawn} once drawn: what is under it moves"
    );
}

#[test]
fn glancing_at_a_topic_starts_nothing_but_working_on_it_does() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_topic(&mut harness, "Data structures", "sets");
    for _ in 0..20 {
        harness.step();
    }
    assert_eq!(
        harness.state().progress().status("sets"),
        Status::NotStarted,
        "five seconds of looking is not studying"
    );
    let question = &support::quiz_of("sets")[0];
    support::click_choice(
        &mut harness,
        &question.choices[question.answer].replace('`', ""),
    );
    assert_eq!(
        harness.state().progress().status("sets"),
        Status::InProgress,
        "answering a question starts the topic"
    );

    // Reading for half a minute starts a topic too (a step is 0.25 s).
    open_topic(&mut harness, "Data structures", "tuples");
    for _ in 0..100 {
        harness.step();
    }
    assert_eq!(
        harness.state().progress().status("tuples"),
        Status::NotStarted
    );
    for _ in 0..30 {
        harness.step();
    }
    assert_eq!(
        harness.state().progress().status("tuples"),
        Status::InProgress
    );
}

#[test]
fn topics_marked_by_the_old_rule_stay_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    progress.update_topic("lists", 5, |r| r.status = Status::InProgress);
    seed(dir.path(), &progress);
    let mut harness = app(dir.path());
    open_topic(&mut harness, "Data structures", "lists");
    assert_eq!(
        harness.state().progress().status("lists"),
        Status::InProgress
    );
}

#[test]
fn a_restart_reopens_the_last_topic_where_it_was_left() {
    let dir = tempfile::tempdir().unwrap();
    let position;
    {
        let mut harness = app(dir.path());
        open_topic(&mut harness, "Data structures", "lists");
        scroll_to(&mut harness, "Check yourself");
        position = harness.state().progress().topic("lists").position;
        assert!(position > 3, "the quiz is far down: block {position}");
    }
    let mut harness = app(dir.path());
    settle(&mut harness);
    assert_eq!(*harness.state().page(), Page::Topic("lists".into()));
    assert!(
        offset(&harness) > 300.0,
        "opened where it was left: {}",
        offset(&harness)
    );
    assert_eq!(harness.state().progress().topic("lists").position, position);
}

#[test]
fn quiz_feedback_marks_the_right_choice_and_a_wrong_pick_without_moving_the_next_question() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_topic(&mut harness, "Data structures", "lists");
    let questions = support::quiz_of("lists");
    let (first, second) = (&questions[0], &questions[1]);
    let plain = |s: &str| s.replace('`', "");
    let wrong = (first.answer + 1) % first.choices.len();
    let wrong_label = plain(&first.choices[wrong]);
    harness
        .get_all_by_role_and_label(Role::RadioButton, &wrong_label)
        .next()
        .expect("the choice")
        .scroll_to_me();
    settle(&mut harness);
    let next_choice = plain(&second.choices[0]);
    let before = harness
        .get_all_by_role_and_label(Role::RadioButton, &next_choice)
        .next()
        .expect("the next question's choice")
        .rect();
    harness
        .get_all_by_role_and_label(Role::RadioButton, &wrong_label)
        .next()
        .unwrap()
        .click();
    settle(&mut harness);
    let after = harness
        .get_all_by_role_and_label(Role::RadioButton, &next_choice)
        .next()
        .expect("the next question's choice")
        .rect();
    assert!(
        (after.min.y - before.min.y).abs() < 1.0,
        "the next question stays put: {before:?} then {after:?}"
    );
    assert!(has_label_containing(
        &harness,
        &format!("✖ {wrong_label} (your answer, wrong)")
    ));
    let right = plain(&first.choices[first.answer]);
    assert!(has_label_containing(
        &harness,
        &format!("✔ {right} (the right answer)")
    ));
    assert!(has_label_containing(&harness, "Not quite"));
    let explanation: String = course::markdown::inline(&first.explain)
        .iter()
        .map(|s| s.text.as_str())
        .collect();
    let shown = harness
        .query_all_by_label_contains(&explanation[..explanation.len().min(30)])
        .next()
        .expect("the explanation is shown")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    assert!(!shown.contains('`'), "no Markdown in {shown:?}");

    // A number key picks a choice of the question that has focus.
    harness
        .get_all_by_role_and_label(Role::RadioButton, &next_choice)
        .next()
        .unwrap()
        .focus();
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(
        harness
            .state()
            .progress()
            .topic("lists")
            .quiz
            .get(&second.id),
        Some(&0)
    );
}

#[test]
fn number_keys_answer_the_open_question_in_view_without_focusing_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_topic(&mut harness, "Data structures", "lists");
    let questions = support::quiz_of("lists");
    let last_choice = questions[0]
        .choices
        .last()
        .expect("choices")
        .replace('`', "");
    harness
        .get_all_by_role_and_label(Role::RadioButton, &last_choice)
        .next()
        .expect("the first question's last choice")
        .scroll_to_me();
    settle(&mut harness);
    harness.key_press(Key::Num2);
    harness.run();
    let quiz = |h: &Harness<'_, PyroadmapApp>, id: &str| {
        h.state().progress().topic("lists").quiz.get(id).copied()
    };
    assert_eq!(
        quiz(&harness, &questions[0].id),
        Some(1),
        "2 picks the second choice"
    );
    // The answered question lets the next open one in view take the keys.
    let next_choice = questions[1].choices[0].replace('`', "");
    harness
        .get_all_by_role_and_label(Role::RadioButton, &next_choice)
        .next()
        .expect("the second question")
        .scroll_to_me();
    settle(&mut harness);
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(quiz(&harness, &questions[0].id), Some(1), "kept");
    assert_eq!(quiz(&harness, &questions[1].id), Some(0));
}

/// A file dropped on the window, as the windowing system reports it.
#[derive(Debug)]
struct Dropped(std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_progress_file_dropped_on_the_window_is_imported() {
    let dir = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let mut other = Progress::default();
    other.update_topic("dicts", 7, |r| {
        r.note = "Written on the laptop.".into();
        r.status = Status::Done;
    });
    let file = elsewhere.path().join("laptop-progress.ron");
    pyroadmap::study::store::write_file(&file, &other).unwrap();

    let mut harness = app(dir.path());
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(file.clone())));
    harness.run();
    assert!(
        has_label_containing(&harness, "Import progress"),
        "the drop is offered for import"
    );
    harness
        .get_by_role_and_label(Role::Button, "Import")
        .click();
    support::run_until(&mut harness, 10.0, |h| {
        h.state().progress().topic("dicts").note == "Written on the laptop."
    });
    assert_eq!(harness.state().progress().status("dicts"), Status::Done);
    assert!(
        has_label_containing(&harness, "Imported"),
        "a success banner says so"
    );
}

#[test]
fn the_map_never_zooms_its_text_below_a_readable_size() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::M);
    harness.run();
    assert_eq!(*harness.state().page(), Page::Map);
    let floor = pyroadmap::ui::MIN_MAP_ZOOM;
    let centre = egui::pos2(800.0, 500.0);
    harness.hover_at(centre);
    for _ in 0..12 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, -10.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: Modifiers::CTRL,
        });
        harness.step();
    }
    harness.run();
    let zoom = harness.state().map_zoom();
    assert!(zoom < 0.99, "Ctrl+scroll zoomed out: {zoom}");
    assert!(zoom >= floor - 0.01, "zoomed out to {zoom}, below {floor}");
    harness
        .get_by_role_and_label(Role::Button, "Show all")
        .click();
    harness.run();
    let zoom = harness.state().map_zoom();
    assert!(zoom >= floor - 0.01, "Show all at {zoom}, below {floor}");
    // In a window where the whole map cannot be shown readably, the
    // columns Show all picks fill the pane's width: no empty strip is left
    // on the right while the titles could be larger.
    harness.set_size(egui::vec2(1200.0, 800.0));
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Show all")
        .click();
    harness.run();
    let zoom = harness.state().map_zoom();
    let empty = harness.state().map_empty_width();
    assert!(zoom >= floor - 0.01, "Show all at {zoom}, below {floor}");
    assert!(
        empty < 40.0,
        "Show all leaves {empty} px empty beside the map (zoom {zoom})"
    );

    // The legend picks a status to stand out, and picks it back.
    let legend = harness
        .query_all_by_label_contains("In progress")
        .find(|n| n.accesskit_node().role() == Role::Button)
        .map(|n| n.accesskit_node().label().unwrap_or_default());
    assert!(legend.is_some(), "the legend is a set of buttons");
}
