//! The path dialogs and the banners: a wrong path is said in the dialog,
//! which stays open to correct it, and a banner appearing moves nothing
//! the learner is reading.

mod support;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use pyroadmap::action::Action;
use support::{app, has_label_containing};

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
fn importing_from_a_wrong_path_keeps_the_dialog_open_with_the_error_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-progress.ron");
    let mut harness = app(dir.path());
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(missing)));
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Import")
        .click();
    support::run_until(&mut harness, 10.0, |h| {
        has_label_containing(h, "there is no file at")
    });
    assert!(
        has_label_containing(&harness, "there is no file at"),
        "the error is shown"
    );
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "File to import")
            .is_some(),
        "the dialog is still open, to correct the path"
    );
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "Dismiss")
            .is_none(),
        "no banner: the error is in the dialog"
    );
}

#[test]
fn choosing_a_typed_path_that_is_not_a_python_keeps_the_dialog_open_with_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let not_python = dir.path().join("notes.txt");
    std::fs::write(&not_python, "not a program").unwrap();
    let mut harness = app(dir.path());
    let ctx = harness.ctx.clone();
    harness.state_mut().perform(&ctx, Action::ChoosePython);
    let is_asking = support::run_until(&mut harness, 10.0, |h| {
        h.query_by_role_and_label(Role::TextInput, "Python to use")
            .is_some()
    });
    // Where a file dialog can be shown, the path is picked there.
    if !is_asking {
        eprintln!("a file dialog can be shown here: nothing to test");
        return;
    }
    let field = harness.get_by_role_and_label(Role::TextInput, "Python to use");
    field.focus();
    field.type_text(&not_python.display().to_string());
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "Use this Python")
        .click();
    support::run_until(&mut harness, 10.0, |h| {
        has_label_containing(h, "is not a Python 3")
    });
    assert!(
        has_label_containing(&harness, "is not a Python 3"),
        "the error is shown"
    );
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "Python to use")
            .is_some(),
        "the dialog is still open, to correct the path"
    );
    assert_eq!(
        harness.state().machine_settings().python_path,
        None,
        "the choice is not kept"
    );
}

#[test]
fn a_banner_appearing_does_not_move_the_lesson() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .perform(&ctx, Action::OpenTopic("lists".into()));
    for _ in 0..4 {
        harness.step();
    }
    harness.run();
    let title = support::title_of("lists");
    let first_line = |h: &egui_kittest::Harness<'_, pyroadmap::PyroadmapApp>| {
        h.get_all_by_label(&title).last().expect("the title").rect()
    };
    let before = first_line(&harness);
    harness
        .state_mut()
        .perform(&ctx, Action::OpenLink("file:///etc/passwd".into()));
    harness.run();
    assert!(
        has_label_containing(&harness, "Not opened"),
        "a banner says the link was refused"
    );
    let after = first_line(&harness);
    assert_eq!(before, after, "the lesson's title moved");
}
