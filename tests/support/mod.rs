//! Driving the real app in tests: a harness over a temp data dir, and the
//! clicks a learner makes.
#![allow(dead_code, reason = "each test file uses some of these")]

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use pyroadmap::course;
use pyroadmap::study::Progress;
use pyroadmap::study::store::Store;
use pyroadmap::{Config, PyroadmapApp};

pub fn app(dir: &Path) -> Harness<'static, PyroadmapApp> {
    app_with_config(Config::new(dir.to_owned()))
}

/// The app built from `config`, after its first frames.
pub fn app_with_config(config: Config) -> Harness<'static, PyroadmapApp> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_max_steps(40)
        .build_eframe(move |cc| PyroadmapApp::new(&cc.egui_ctx, config));
    harness.run();
    // The search for Python ends a moment later and changes the status line
    // and the Run buttons: let it end, so the layout holds still under clicks.
    run_until(&mut harness, 15.0, |h| {
        !matches!(
            h.state().practice().python,
            None | Some(pyroadmap::practice::PythonState::Finding)
        )
    });
    harness
}

pub fn title_of(id: &str) -> String {
    course::load_embedded()
        .course
        .topic(id)
        .expect("topic in the pack")
        .title
        .clone()
}

/// Scrolls to the first node with this exact label and clicks it.
pub fn click(harness: &mut Harness<'_, PyroadmapApp>, label: &str) {
    let first = |harness: &Harness<'_, PyroadmapApp>| {
        harness.get_all_by_label(label).next().is_some_and(|node| {
            node.scroll_to_me();
            true
        })
    };
    assert!(first(harness), "nothing labelled {label:?} on screen");
    harness.run();
    harness
        .get_all_by_label(label)
        .next()
        .expect("still on screen after scrolling")
        .click();
    harness.run();
}

pub fn has_label(harness: &Harness<'_, PyroadmapApp>, label: &str) -> bool {
    harness.query_all_by_label(label).next().is_some()
}

/// Clicks the button `label` until `done` holds (at most 5 tries). A click
/// is a pointer event at where the button was: a banner or status line that
/// appears meanwhile (a save failing, Python found) can move it, and the
/// learner would simply click again.
pub fn click_button_until(
    harness: &mut Harness<'_, PyroadmapApp>,
    label: &str,
    done: impl Fn(&Harness<'_, PyroadmapApp>) -> bool,
) {
    for _ in 0..5 {
        if let Some(button) = harness.query_by_role_and_label(Role::Button, label) {
            button.click();
        }
        harness.run();
        // Sections open with a short animation.
        for _ in 0..20 {
            if done(harness) {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            harness.step();
        }
    }
    use egui_kittest::kittest::NodeT as _;
    let labels: Vec<String> = harness
        .query_all_by_role(Role::Button)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    panic!("clicking {label:?} did not work; buttons: {labels:?}");
}

/// Opens a topic the way a learner does: its section in the sidebar, then the topic.
pub fn open_topic(harness: &mut Harness<'_, PyroadmapApp>, section_title: &str, topic_id: &str) {
    let title = title_of(topic_id);
    click_button_until(harness, section_title, |h| {
        h.query_by_role_and_label(Role::Button, &title).is_some()
    });
    let page = pyroadmap::ui::Page::Topic(topic_id.to_owned());
    click_button_until(harness, &title, |h| *h.state().page() == page);
}

/// Writes a progress file into `dir` before the app starts.
pub fn seed(dir: &Path, progress: &Progress) {
    let mut store = Store::open(dir.to_owned(), 0).store;
    store
        .save(progress, &Progress::default(), 0)
        .expect("seeding the data dir");
}

/// The real clock moved by `offset_ms` (negative: set back).
pub struct OffsetClock(pub i64);

impl pyroadmap::study::Clock for OffsetClock {
    fn now_ms(&self) -> u64 {
        let real = pyroadmap::study::SystemClock.now_ms();
        real.saturating_add_signed(self.0)
    }
}

/// The app over `dir` with a clock of its own.
pub fn app_with_clock(dir: &Path, offset_ms: i64) -> Harness<'static, PyroadmapApp> {
    let mut config = Config::new(dir.to_owned());
    config.clock = std::sync::Arc::new(OffsetClock(offset_ms));
    app_with_config(config)
}

/// Steps the app in real time until `done` holds, for at most `seconds`.
pub fn run_until(
    harness: &mut Harness<'_, PyroadmapApp>,
    seconds: f64,
    mut done: impl FnMut(&Harness<'_, PyroadmapApp>) -> bool,
) -> bool {
    let started = std::time::Instant::now();
    while started.elapsed().as_secs_f64() < seconds {
        harness.step();
        if done(harness) {
            harness.run();
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
    false
}

/// Types `text` at the end of the open topic's note, as a learner would.
pub fn type_note(harness: &mut Harness<'_, PyroadmapApp>, text: &str) {
    harness.get_by_label("Note").focus();
    harness.run();
    harness.get_by_label("Note").type_text(text);
    harness.run();
}

pub fn has_label_containing(harness: &Harness<'_, PyroadmapApp>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// The app over `dir` with the given Python commands to try.
pub fn app_with_python(dir: &Path, python: Vec<Vec<String>>) -> Harness<'static, PyroadmapApp> {
    let mut config = Config::new(dir.to_owned());
    config.python = Some(python);
    app_with_config(config)
}

/// Scrolls to a quiz choice (by its text without backticks) and clicks it.
pub fn click_choice(harness: &mut Harness<'_, PyroadmapApp>, choice: &str) {
    harness
        .get_all_by_role_and_label(Role::RadioButton, choice)
        .next()
        .unwrap_or_else(|| panic!("no choice {choice:?}"))
        .scroll_to_me();
    harness.run();
    harness
        .get_all_by_role_and_label(Role::RadioButton, choice)
        .next()
        .expect("the choice, still there after scrolling")
        .click();
    harness.run();
}

/// The questions of a topic's quiz in the built-in course.
pub fn quiz_of(topic: &str) -> Vec<course::Question> {
    match course::load_embedded()
        .course
        .topic(topic)
        .and_then(|t| t.doc().blocks.last().cloned())
    {
        Some(course::Block::Quiz(questions)) => questions,
        _ => panic!("{topic} ends with a quiz"),
    }
}
