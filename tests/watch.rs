//! Watch mode through the real app: an exercise opened as a file in the
//! work folder, saves from outside checked without touching the app,
//! bursts of saves, both sides changed, Reset with a backup, and Check now
//! where the folder cannot be watched.

mod support;

use std::path::{Path, PathBuf};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use pyroadmap::action::Action;
use pyroadmap::practice::PythonState;
use pyroadmap::study::Clock as _;
use pyroadmap::study::machine::MachineSettings;
use pyroadmap::{Config, PyroadmapApp};
use support::{app_with_config, click, has_label_containing, open_topic, run_until};

const WAIT_S: f64 = 30.0;
const TOPIC: &str = "lists";
const EXERCISE: &str = "01-rotate-a-playlist";
const WRONG: &str = "def rotate(songs, steps):\n    return songs\n";
const RIGHT: &str = "def rotate(songs, steps):\n    if not songs:\n        return []\n    k = steps % len(songs)\n    return songs[k:] + songs[:k]\n";

/// The exercise's file in the work folder of the data dir `dir`.
fn exercise_file(dir: &Path) -> PathBuf {
    let course = pyroadmap::course::load_embedded().course;
    let topic = course.topic(TOPIC).expect("lists is in the pack");
    let section = &course.sections[topic.section_index].id;
    pyroadmap::practice::work_folder::exercise_file(&dir.join("work"), section, TOPIC, EXERCISE)
}

/// The app over `dir`, on the lists lesson, its editor command harmless.
fn app_on_lists(config: Config) -> Harness<'static, PyroadmapApp> {
    let mut harness = app_with_config(config);
    let ctx = harness.ctx.clone();
    let settings = MachineSettings {
        // Opens nothing: the tests read the file themselves.
        editor_command: Some(if cfg!(windows) { "cmd /c rem" } else { "true" }.to_owned()),
        ..harness.state().machine_settings().clone()
    };
    harness
        .state_mut()
        .perform(&ctx, Action::ChangeMachineSettings(settings));
    open_topic(&mut harness, "Data structures", TOPIC);
    harness
}

fn has_python(harness: &Harness<'_, PyroadmapApp>) -> bool {
    matches!(
        harness.state().practice().python,
        Some(PythonState::Found(_))
    )
}

/// The learner's code for the exercise as the app holds it.
fn app_code(harness: &Harness<'_, PyroadmapApp>) -> String {
    harness
        .state()
        .progress()
        .topic(TOPIC)
        .exercises
        .get(EXERCISE)
        .map(|e| e.code.text.clone())
        .unwrap_or_default()
}

fn attempts(harness: &Harness<'_, PyroadmapApp>) -> u32 {
    harness
        .state()
        .progress()
        .topic(TOPIC)
        .exercises
        .get(EXERCISE)
        .map_or(0, |e| e.attempts)
}

/// Writes `text` to `path` from another thread, as an editor would.
fn write_from_outside(path: &Path, text: &str) {
    let (path, text) = (path.to_owned(), text.to_owned());
    std::thread::spawn(move || std::fs::write(path, text))
        .join()
        .expect("the writer thread ended")
        .expect("written");
}

/// The copies kept beside the exercise's file.
fn backups(file: &Path) -> Vec<PathBuf> {
    let prefix = format!("{EXERCISE}.py.pyroadmap-");
    let mut found: Vec<PathBuf> = std::fs::read_dir(file.parent().expect("a folder"))
        .expect("the folder is there")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&prefix))
        })
        .collect();
    found.sort();
    found
}

#[test]
fn open_in_editor_writes_the_code_once_and_never_replaces_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = exercise_file(dir.path());
    let mut harness = app_on_lists(Config::new(dir.path().to_owned()));
    assert!(!file.exists());
    click(&mut harness, "Open in editor");
    let starter = std::fs::read_to_string(&file).expect("the file was written");
    assert!(starter.contains("def rotate(songs, steps):"), "{starter}");
    assert!(
        !has_label_containing(&harness, "could not be opened"),
        "the editor command ran"
    );

    // The learner's own file is kept and shown, never replaced.
    std::fs::write(&file, "print('mine')\n").unwrap();
    click(&mut harness, "Open in editor");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "print('mine')\n");
    assert_eq!(
        app_code(&harness),
        "print('mine')\n",
        "the app shows the file"
    );

    // Typing in the app writes the file a moment later: one copy.
    let editor = "Code editor: Rotate a playlist";
    harness.get_by_label(editor).focus();
    harness.run();
    harness
        .get_by_label(editor)
        .type_text("# typed in the app\n");
    harness.run();
    assert!(
        run_until(&mut harness, WAIT_S, |_| std::fs::read_to_string(&file)
            .is_ok_and(|text| text.contains("# typed in the app"))),
        "what was typed in the app never reached the file"
    );
    assert!(
        !has_label_containing(&harness, "kept beside it as"),
        "no conflict with itself"
    );

    // Deleted, the exercise is the app's copy again, and typing in the app
    // does not bring the file back.
    std::fs::remove_file(&file).unwrap();
    run_until(&mut harness, 3.0, |_| false);
    let editor = format!("Code editor: {}", "Rotate a playlist");
    harness.get_by_label(&editor).focus();
    harness.run();
    harness.get_by_label(&editor).type_text("# more\n");
    harness.run();
    run_until(&mut harness, 1.5, |_| false);
    assert!(app_code(&harness).contains("# more"));
    assert!(!file.exists(), "a deleted file is not made again");
}

#[test]
fn saves_from_outside_give_failed_then_passed_without_touching_the_app() {
    let dir = tempfile::tempdir().unwrap();
    let file = exercise_file(dir.path());
    let mut harness = app_on_lists(Config::new(dir.path().to_owned()));
    if !has_python(&harness) {
        return eprintln!("no python3 on this machine: skipped");
    }
    click(&mut harness, "Open in editor");
    assert!(file.exists());
    write_from_outside(&file, WRONG);
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label_containing(
            h,
            "checks fail"
        )),
        "the wrong save was never checked"
    );
    assert_eq!(app_code(&harness), WRONG, "the app shows the saved file");
    write_from_outside(&file, RIGHT);
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label_containing(
            h,
            "checks pass. Well done!"
        )),
        "the right save was never checked"
    );
    assert!(harness.state().progress().topic(TOPIC).exercises[EXERCISE].is_solved());
}

#[test]
fn twenty_quick_saves_give_at_most_two_checks() {
    let dir = tempfile::tempdir().unwrap();
    let file = exercise_file(dir.path());
    let mut harness = app_on_lists(Config::new(dir.path().to_owned()));
    if !has_python(&harness) {
        return eprintln!("no python3 on this machine: skipped");
    }
    click(&mut harness, "Open in editor");
    let before = attempts(&harness);
    let last = format!("{RIGHT}# save 19\n");
    let path = file.clone();
    std::thread::spawn(move || {
        for index in 0..20 {
            std::fs::write(&path, format!("{RIGHT}# save {index}\n")).expect("written");
        }
    })
    .join()
    .unwrap();
    assert!(
        run_until(&mut harness, WAIT_S, |h| app_code(h) == last
            && has_label_containing(h, "checks pass. Well done!")
            && !h.state().is_running()),
        "the last save was never checked"
    );
    // Anything still queued has had time to start.
    run_until(&mut harness, 2.0, |_| false);
    let checks = attempts(&harness) - before;
    assert!((1..=2).contains(&checks), "{checks} checks for 20 saves");
}

/// A clock that never moves: the app's edits are never due to be written,
/// so the file's change always meets unwritten edits.
struct Frozen(u64);

impl pyroadmap::study::Clock for Frozen {
    fn now_ms(&self) -> u64 {
        self.0
    }
}

#[test]
fn when_both_sides_changed_both_are_kept() {
    let dir = tempfile::tempdir().unwrap();
    let file = exercise_file(dir.path());
    let mut config = Config::new(dir.path().to_owned());
    config.clock = std::sync::Arc::new(Frozen(pyroadmap::study::SystemClock.now_ms()));
    let mut harness = app_on_lists(config);
    click(&mut harness, "Open in editor");
    let editor = "Code editor: Rotate a playlist";
    harness.get_by_label(editor).focus();
    harness.run();
    harness
        .get_by_label(editor)
        .type_text("# typed in the app\n");
    harness.run();
    let ours = app_code(&harness);
    assert!(ours.contains("# typed in the app"));
    write_from_outside(&file, "# saved in the editor\n");
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label_containing(
            h,
            "kept beside it as"
        )),
        "no banner about the two copies"
    );
    assert_eq!(
        app_code(&harness),
        "# saved in the editor\n",
        "the file wins"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "# saved in the editor\n"
    );
    let kept = backups(&file);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read_to_string(&kept[0]).unwrap(),
        ours,
        "the app's copy is kept"
    );
    let name = kept[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        has_label_containing(&harness, &name),
        "the banner names the copy"
    );
}

#[test]
fn reset_asks_and_keeps_the_file_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let file = exercise_file(dir.path());
    let mut harness = app_on_lists(Config::new(dir.path().to_owned()));
    click(&mut harness, "Open in editor");
    write_from_outside(&file, "print('mine')\n");
    assert!(
        run_until(&mut harness, WAIT_S, |h| app_code(h) == "print('mine')\n"),
        "the save never reached the app"
    );
    click(&mut harness, "Reset");
    assert!(
        has_label_containing(&harness, "Go back to the starter code?"),
        "it asks first"
    );
    assert_eq!(
        app_code(&harness),
        "print('mine')\n",
        "nothing changed before the answer"
    );
    click(&mut harness, "Yes, reset");
    let starter = std::fs::read_to_string(&file).unwrap();
    assert!(starter.contains("def rotate(songs, steps):"), "{starter}");
    assert_eq!(app_code(&harness), starter);
    let kept = backups(&file);
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read_to_string(&kept[0]).unwrap(),
        "print('mine')\n"
    );
    assert!(has_label_containing(
        &harness,
        "Your file was kept beside it as"
    ));
}

#[test]
fn without_watching_check_now_checks_the_file_and_the_app_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let file = exercise_file(dir.path());
    let mut config = Config::new(dir.path().to_owned());
    config.watch_failure = Some("this drive cannot be watched (test)".into());
    let mut harness = app_on_lists(config);
    assert!(
        !has_label_containing(&harness, "Check now"),
        "offered only when needed"
    );
    click(&mut harness, "Open in editor");
    assert!(has_label_containing(
        &harness,
        "Saves in your editor are not checked automatically here: this drive cannot be watched (test)"
    ));
    write_from_outside(&file, RIGHT);
    run_until(&mut harness, 1.0, |_| false);
    assert_ne!(app_code(&harness), RIGHT, "nothing watched the save");
    if !has_python(&harness) {
        return eprintln!("no python3 on this machine: skipped");
    }
    click(&mut harness, "Check now");
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label_containing(
            h,
            "checks pass. Well done!"
        )),
        "Check now did not check the file"
    );
    assert_eq!(app_code(&harness), RIGHT);
}

#[test]
fn a_huge_or_binary_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let file = exercise_file(dir.path());
    let mut harness = app_on_lists(Config::new(dir.path().to_owned()));
    click(&mut harness, "Open in editor");
    let before = app_code(&harness);
    let huge = vec![b'#'; 2 * 1024 * 1024];
    std::fs::write(&file, &huge).unwrap();
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label_containing(
            h,
            "larger than 1 MB"
        )),
        "no message about the huge file"
    );
    assert_eq!(app_code(&harness), before, "the app's copy stays");
    assert_eq!(
        std::fs::read(&file).unwrap().len(),
        huge.len(),
        "the file is untouched"
    );
    std::fs::write(&file, b"s = '\xff'\n").unwrap();
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label_containing(
            h,
            "not UTF-8 text"
        )),
        "no message about the binary file"
    );
    assert_eq!(app_code(&harness), before);
}

#[test]
fn the_view_menu_sets_the_editor_command_and_shows_the_work_folder() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_with_config(Config::new(dir.path().to_owned()));
    click(&mut harness, "View");
    assert!(has_label_containing(&harness, "Work folder"));
    let work = dir.path().join("work").display().to_string();
    assert!(
        has_label_containing(&harness, &work),
        "the folder in use is shown"
    );
    assert!(has_label_containing(&harness, "Choose work folder…"));
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Editor command")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Editor command")
        .type_text("code --wait");
    harness.run();
    assert_eq!(
        harness.state().machine_settings().editor_command.as_deref(),
        Some("code --wait"),
        "typed as is, spaces and all"
    );
}
