//! Projects driven through the real app over tests/project_pack: opening
//! a project, its starter written into the work folder, Check failing then
//! passing stage 1, stage 2 opening, and a later change breaking stage 1.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use pyroadmap::course::PackSource;
use pyroadmap::practice::PythonState;
use pyroadmap::ui::Page;
use pyroadmap::{Config, PyroadmapApp};
use support::{
    app_with_config, click, click_button_until, has_label, has_label_containing, run_until,
};

const FIXTURE: &str = "tests/project_pack/basics/projects/greeter";
const WAIT_S: f64 = 40.0;

/// The app over a temp data dir and the test pack; its work folder is
/// `<data>/work`, and folders are "opened" by a program that does nothing.
fn app(data: &Path) -> Harness<'static, PyroadmapApp> {
    let mut config = Config::new(data.to_owned());
    config.content = PackSource::Dir("tests/project_pack".into());
    config.opener = Some(vec![
        if cfg!(windows) { "cmd /c rem" } else { "true" }.to_owned(),
    ]);
    app_with_config(config)
}

fn project_folder(data: &Path) -> PathBuf {
    data.join("work").join("projects").join("greeter")
}

/// Opens the project from the sidebar, as a learner does.
fn open_project(harness: &mut Harness<'_, PyroadmapApp>) {
    click_button_until(harness, "Basics", |h| has_label(h, "Greeter"));
    let page = Page::Project("greeter".into());
    click_button_until(harness, "Greeter", |h| *h.state().page() == page);
}

fn has_python(harness: &Harness<'_, PyroadmapApp>) -> bool {
    matches!(
        harness.state().practice().python,
        Some(PythonState::Found(_))
    )
}

/// Copies stage `n`'s reference solution into the learner's folder.
fn write_solution(data: &Path, n: usize) {
    let from = Path::new(FIXTURE).join(format!("stage-{n}/solution"));
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), project_folder(data).join(entry.file_name())).unwrap();
    }
}

/// Presses Check and waits for a verdict that mentions `expected`.
fn check_until(harness: &mut Harness<'_, PyroadmapApp>, expected: &str) {
    click(harness, "Check");
    assert!(
        run_until(harness, WAIT_S, |h| has_label_containing(h, expected)
            && !h.state().practice().projects.is_running("greeter")),
        "no {expected:?} after Check"
    );
}

#[test]
fn open_folder_writes_the_starter_and_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let folder = project_folder(dir.path());
    fs::create_dir_all(&folder).unwrap();
    fs::write(folder.join("greet.py"), "print('mine')\n").unwrap();
    let mut harness = app(dir.path());
    open_project(&mut harness);
    assert!(has_label(&harness, "▶ Stage 1: Greet (open)"));
    assert!(has_label(&harness, "🔒 Stage 2: Shout (locked)"));
    assert!(has_label_containing(&harness, "Stage 1 of 2"));
    click(&mut harness, "Open folder");
    assert_eq!(
        fs::read_to_string(folder.join("greet.py")).unwrap(),
        "print('mine')\n"
    );
    assert_eq!(
        fs::read_to_string(folder.join("words.py")).unwrap(),
        fs::read_to_string(Path::new(FIXTURE).join("starter/words.py")).unwrap()
    );
}

#[test]
fn check_fails_then_passes_stage_one_opens_stage_two_and_a_break_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !has_python(&harness) {
        return eprintln!("no python3 on this machine: skipped");
    }
    open_project(&mut harness);
    click(&mut harness, "Open folder");
    assert!(project_folder(dir.path()).join("greet.py").is_file());

    check_until(&mut harness, "Stage 1 fails:");
    assert!(has_label(&harness, "✖ greets by name"));
    assert!(
        has_label_containing(&harness, "Ran: python greet.py Ada"),
        "the failure says what was run"
    );
    assert!(
        has_label_containing(&harness, "Hello, Ada!"),
        "and what was expected"
    );

    write_solution(dir.path(), 1);
    check_until(&mut harness, "✔ Stage 1: all 1 checks pass.");
    assert!(has_label(&harness, "✔ Stage 1: Greet (passed)"));
    assert!(
        has_label(&harness, "▶ Stage 2: Shout (open)"),
        "stage 2 opens once stage 1 passes"
    );
    assert!(has_label_containing(&harness, "Stage 2 of 2"));

    write_solution(dir.path(), 2);
    check_until(&mut harness, "✔ Stage 2: all 1 checks pass.");
    assert!(has_label_containing(&harness, "All 2 stages passed"));

    // Stage 2 done, then a change that breaks stage 1's greeting.
    fs::write(
        project_folder(dir.path()).join("greet.py"),
        "import sys\nprint(' '.join(sys.argv[1:]).upper().replace('--SHOUT ', 'HELLO, ') + '!')\n",
    )
    .unwrap();
    check_until(&mut harness, "Stage 1 fails:");
    assert!(
        has_label_containing(&harness, "Stage 1 passed before but fails now"),
        "the page names the stage that broke"
    );
    assert!(has_label(&harness, "✔ Stage 2: all 1 checks pass."));
    assert!(
        has_label(&harness, "✔ Stage 2: Shout (passed)"),
        "stage 2 stays open"
    );
}

#[test]
fn hints_come_one_at_a_time_and_the_solution_after_a_confirm() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_project(&mut harness);
    assert!(!has_label_containing(&harness, "Hint 1:"));
    click(&mut harness, "Show hint");
    assert!(has_label(&harness, "Hint 1: sys.argv[1] is the name."));
    assert!(!has_label_containing(&harness, "Hint 2:"));
    click(&mut harness, "Show hint");
    assert!(has_label_containing(&harness, "Hint 2:"));
    assert!(!has_label(&harness, "Show hint"), "no third hint to show");
    assert!(!has_label(&harness, "Reference solution of stage 1"));
    click(&mut harness, "Show solution");
    click(&mut harness, "Yes, show the solution");
    assert!(has_label(&harness, "Reference solution of stage 1"));
    let record = harness.state().progress().project("greeter").stage(1);
    assert_eq!(record.hints_shown, 2);
    assert!(record.solution_shown);

    // Started: Home shows where the learner is; the overview lists it.
    click_button_until(&mut harness, "🏠 Home", |h| {
        *h.state().page() == Page::Home
    });
    assert!(has_label_containing(
        &harness,
        "Project: Greeter · Stage 1 of 2"
    ));
    click(&mut harness, "Project: Greeter · Stage 1 of 2 ›");
    assert_eq!(*harness.state().page(), Page::Project("greeter".into()));
    click_button_until(&mut harness, "Basics", |h| {
        *h.state().page() == Page::Section(0)
    });
    assert!(has_label(&harness, "Projects"));
    assert!(has_label(&harness, "Stage 1 of 2"));
}

/// Watch mode for projects: saves in the learner's own editor (files written
/// by another thread here) are checked without a click, stage 1 then 2.
#[test]
fn saves_in_the_project_folder_are_checked_without_touching_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !has_python(&harness) {
        return eprintln!("no python3 on this machine: skipped");
    }
    open_project(&mut harness);
    click(&mut harness, "Open folder");
    let writer = {
        let data = dir.path().to_owned();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(300));
            write_solution(&data, 1);
        })
    };
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label(
            h,
            "✔ Stage 1: Greet (passed)"
        )),
        "the save of stage 1's solution was never checked"
    );
    writer.join().unwrap();
    assert!(has_label(&harness, "▶ Stage 2: Shout (open)"));
    write_solution(dir.path(), 2);
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label_containing(
            h,
            "All 2 stages passed"
        )),
        "the save of stage 2's solution was never checked"
    );
    let attempts = harness
        .state()
        .progress()
        .project("greeter")
        .stage(1)
        .attempts;
    assert!(attempts >= 1, "checks started by saves count as attempts");
}
