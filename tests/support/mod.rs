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
    let config = Config::new(dir.to_owned());
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_max_steps(40)
        .build_eframe(move |cc| PyroadmapApp::new(&cc.egui_ctx, config));
    harness.run();
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

/// Opens a topic the way a learner does: its section in the sidebar, then the topic.
pub fn open_topic(harness: &mut Harness<'_, PyroadmapApp>, section_title: &str, topic_id: &str) {
    harness
        .get_by_role_and_label(Role::Button, section_title)
        .click();
    harness.run();
    let title = title_of(topic_id);
    harness.get_by_role_and_label(Role::Button, &title).click();
    harness.run();
}

/// Writes a progress file into `dir` before the app starts.
pub fn seed(dir: &Path, progress: &Progress) {
    let mut store = Store::open(dir.to_owned(), 0).store;
    store
        .save(progress, &Progress::default(), 0)
        .expect("seeding the data dir");
}
