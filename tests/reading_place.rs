//! Where the learner is in a lesson: the exact place kept when they leave
//! a lesson (also from its Practice part) and through a restart, a search
//! hit opening at its part of the lesson, and the keys that scroll it.

mod support;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use pyroadmap::PyroadmapApp;
use pyroadmap::ui::Page;
use support::{app, open_topic};

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

/// Turns the mouse wheel over the middle of the lesson by `points`.
fn wheel(harness: &mut Harness<'_, PyroadmapApp>, points: f32) {
    let view = harness.state().lesson_view().expect("a lesson is open");
    harness.hover_at(view.center());
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -points),
        phase: egui::TouchPhase::Move,
        modifiers: Modifiers::NONE,
        source: egui::MouseWheelSource::Wheel,
    });
    settle(harness);
}

/// Presses `key` as a keyboard does: Space also types a space.
fn press(harness: &mut Harness<'_, PyroadmapApp>, key: Key) {
    harness.key_press(key);
    if key == Key::Space {
        harness.event(egui::Event::Text(" ".into()));
    }
    settle(harness);
}

/// Scrolls the last node labelled `label` into view.
fn scroll_to_last(harness: &mut Harness<'_, PyroadmapApp>, label: &str) {
    harness
        .get_all_by_label(label)
        .last()
        .unwrap_or_else(|| panic!("nothing labelled {label:?}"))
        .scroll_to_me();
    settle(harness);
}

#[test]
fn leaving_a_lesson_and_coming_back_keeps_the_exact_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_topic(&mut harness, "Data structures", "lists");
    wheel(&mut harness, 1500.0);
    wheel(&mut harness, 37.0);
    let was = offset(&harness);
    assert!(was > 1000.0, "scrolled well into the lesson: {was}");

    harness.key_press_modifiers(Modifiers::ALT, Key::PageDown);
    settle(&mut harness);
    assert_eq!(*harness.state().page(), Page::Topic("tuples".into()));
    harness.key_press_modifiers(Modifiers::ALT, Key::PageUp);
    settle(&mut harness);
    assert_eq!(*harness.state().page(), Page::Topic("lists".into()));
    assert!(
        (offset(&harness) - was).abs() < 3.0,
        "back at {was}, not {}",
        offset(&harness)
    );
}

#[test]
fn practice_keeps_its_place_when_left_and_through_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let was;
    {
        let mut harness = app(dir.path());
        open_topic(&mut harness, "Data structures", "lists");
        scroll_to_last(&mut harness, "Check");
        wheel(&mut harness, 23.0);
        was = offset(&harness);
        let view = harness.state().lesson_view().expect("a lesson is open");
        let practice = harness.get_by_label("Practice").rect();
        assert!(
            practice.bottom() < view.top(),
            "the view is inside Practice: its heading at {practice:?}, the view at {view:?}"
        );

        harness.key_press_modifiers(Modifiers::ALT, Key::PageDown);
        settle(&mut harness);
        harness.key_press_modifiers(Modifiers::ALT, Key::PageUp);
        settle(&mut harness);
        assert_eq!(*harness.state().page(), Page::Topic("lists".into()));
        assert!(
            (offset(&harness) - was).abs() < 3.0,
            "back in Practice at {was}, not {}",
            offset(&harness)
        );
    }
    let mut harness = app(dir.path());
    settle(&mut harness);
    assert_eq!(*harness.state().page(), Page::Topic("lists".into()));
    assert!(
        (offset(&harness) - was).abs() < 3.0,
        "after a restart at {was}, not {}",
        offset(&harness)
    );
}

#[test]
fn a_search_hit_for_a_part_of_a_lesson_opens_with_its_heading_at_the_top() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    // A title answering part of the query with the part under it, and a
    // heading itself.
    for (query, topic, heading) in [
        ("list comprehension", "lists", "Comprehensions"),
        ("walrus", "operators", "The walrus operator"),
    ] {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
        harness.run();
        for _ in 0..200 {
            if harness.state().is_search_ready() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            harness.step();
        }
        harness.get_by_label("Search").type_text(query);
        harness.run();
        harness.key_press(Key::Enter);
        settle(&mut harness);
        assert_eq!(*harness.state().page(), Page::Topic(topic.into()));
        let view = harness.state().lesson_view().expect("a lesson is open");
        let rect = harness
            .get_all_by_label(heading)
            .next()
            .expect("the heading")
            .rect();
        let from_top = rect.top() - view.top();
        assert!(
            (0.0..view.height() * 0.2).contains(&from_top),
            "{query}: {heading:?} is {from_top} below the top of a view {} high",
            view.height()
        );
    }
}

#[test]
fn page_keys_home_end_and_space_scroll_the_lesson_unless_typing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_topic(&mut harness, "Data structures", "lists");
    let view = harness.state().lesson_view().expect("a lesson is open");
    assert!(offset(&harness) < 1.0);

    harness.key_press(Key::PageDown);
    settle(&mut harness);
    let page = offset(&harness);
    assert!(
        page > view.height() * 0.7 && page < view.height(),
        "PageDown moves most of a view ({}): {page}",
        view.height()
    );
    press(&mut harness, Key::Space);
    assert!(
        (offset(&harness) - 2.0 * page).abs() < 2.0,
        "Space moves as far: {}",
        offset(&harness)
    );
    harness.key_press(Key::PageUp);
    settle(&mut harness);
    assert!(
        (offset(&harness) - page).abs() < 2.0,
        "PageUp: {}",
        offset(&harness)
    );
    harness.key_press(Key::End);
    settle(&mut harness);
    let end = offset(&harness);
    assert!(end > 3.0 * page, "End goes to the bottom: {end}");
    assert!(
        harness
            .query_all_by_role_and_label(
                Role::Button,
                &format!("Next: {} ›", support::title_of("tuples"))
            )
            .next()
            .is_some_and(|b| b.rect().bottom() <= view.bottom()),
        "the end of the lesson is in view"
    );
    harness.key_press(Key::Home);
    settle(&mut harness);
    assert!(offset(&harness) < 1.0, "Home: {}", offset(&harness));

    // Typing in the note or in an exercise's editor: the keys are the text
    // field's, the lesson stays where it is.
    support::type_note(&mut harness, "x");
    for key in [Key::PageDown, Key::Space, Key::End] {
        press(&mut harness, key);
        assert!(offset(&harness) < 1.0, "{key:?} while typing a note");
    }
    assert_eq!(
        harness.state().progress().topic("lists").note,
        "x ",
        "Space typed into the note"
    );
    scroll_to_last(&mut harness, "Check");
    harness
        .query_all_by_label_contains("Code editor: ")
        .last()
        .expect("an exercise's editor")
        .focus();
    settle(&mut harness);
    let was = offset(&harness);
    for key in [Key::PageUp, Key::Home, Key::Space, Key::PageDown] {
        press(&mut harness, key);
        assert!(
            (offset(&harness) - was).abs() < 1.0,
            "{key:?} while typing code moved the lesson from {was} to {}",
            offset(&harness)
        );
    }
}

/// End, then nothing: no mouse, no keys. The app must still keep the place
/// it scrolled to (a window left alone draws no more frames by itself).
#[test]
fn the_place_end_scrolled_to_is_kept_without_another_frame() {
    let dir = tempfile::tempdir().unwrap();
    let end;
    {
        let mut harness = app(dir.path());
        open_topic(&mut harness, "Data structures", "lists");
        settle(&mut harness);
        harness.key_press(Key::End);
        // Only the frames the app asks for at once, as a real window draws
        // them (a save's timer is not a frame the place may count on).
        harness.step();
        for _ in 0..60 {
            if !harness.ctx.requested_repaint_last_pass() {
                break;
            }
            harness.step();
        }
        end = offset(&harness);
        assert!(end > 1000.0, "End went to the bottom: {end}");
        let place = harness.state().progress().topic("lists").position;
        let blocks = pyroadmap::course::load_embedded()
            .course
            .topic("lists")
            .unwrap()
            .doc()
            .blocks
            .len();
        assert_eq!(
            place as usize, blocks,
            "the place kept is in the Practice part, after the lesson's {blocks} blocks"
        );
    }
    let mut harness = app(dir.path());
    settle(&mut harness);
    assert_eq!(*harness.state().page(), Page::Topic("lists".into()));
    assert!(
        (offset(&harness) - end).abs() < 3.0,
        "after a restart at the end ({end}), not at {}",
        offset(&harness)
    );
}
