//! Narrow windows: at the smallest allowed width and on half a laptop
//! screen the lesson keeps a readable width; the notes and the sidebar fold
//! behind buttons and come back, at the learner's widths, when the window
//! grows.

mod support;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use pyroadmap::action::Action;
use pyroadmap::ui::LESSON_MIN_WIDTH;
use pyroadmap::{Config, PyroadmapApp};
use support::has_label;

fn app_sized(dir: &std::path::Path, width: f32) -> Harness<'static, PyroadmapApp> {
    let config = Config::new(dir.to_owned());
    let mut harness = Harness::builder()
        .with_size([width, 800.0])
        .with_max_steps(40)
        .build_eframe(move |cc| PyroadmapApp::new(&cc.egui_ctx, config));
    harness.run();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .perform(&ctx, Action::OpenTopic("lists".into()));
    for _ in 0..4 {
        harness.step();
    }
    harness.run();
    harness
}

#[test]
fn a_narrow_window_keeps_the_lesson_readable() {
    for width in [560.0, 680.0] {
        let dir = tempfile::tempdir().unwrap();
        let mut harness = app_sized(dir.path(), width);
        let lesson = harness.state().lesson_width().expect("a lesson is open");
        assert!(
            lesson >= LESSON_MIN_WIDTH - 20.0,
            "at {width} px the lesson is {lesson} px wide"
        );
        assert!(
            harness
                .query_by_role_and_label(Role::Button, "✏ Notes")
                .is_some(),
            "at {width} px the notes fold behind a button"
        );
        // The notes come up when asked.
        harness
            .get_by_role_and_label(Role::Button, "✏ Notes")
            .click();
        harness.run();
        assert!(has_label(&harness, "Notes"), "the notes panel is shown");
        if width < 600.0 {
            assert!(
                harness
                    .query_by_role_and_label(Role::Button, "☰ Topics")
                    .is_some(),
                "at {width} px the sidebar folds too"
            );
        }

        // Wide again: both panels are back at their widths, no fold buttons.
        harness.set_size(egui::vec2(1400.0, 900.0));
        for _ in 0..4 {
            harness.step();
        }
        harness.run();
        assert!(
            harness
                .query_by_role_and_label(Role::Button, "✏ Notes")
                .is_none()
        );
        assert!(
            harness
                .query_by_role_and_label(Role::Button, "☰ Topics")
                .is_none()
        );
        assert!(has_label(&harness, "Notes"));
        assert!(
            harness
                .query_by_role_and_label(Role::Button, "Data structures")
                .is_some(),
            "the sidebar is back"
        );
    }
}
