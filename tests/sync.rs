//! What crosses between files, windows and machines, driven through the
//! real app: a progress file, an import or a conflict copy never chooses
//! the program pyroadmap runs; imported code never replaces the learner's
//! silently; two windows typing in one note converge; idle windows never
//! rewrite the file.

mod support;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use pyroadmap::PyroadmapApp;
use pyroadmap::action::Action;
use pyroadmap::study::merge::{IMPORTED_CODE_MARKER, NOTE_MARKER};
use pyroadmap::study::store::{FILE_NAME, read_file};
use pyroadmap::study::{Progress, machine};
use support::{app, has_label_containing, open_topic, run_until, seed};

const WAIT_S: f64 = 15.0;

fn perform(harness: &mut Harness<'_, PyroadmapApp>, action: Action) {
    let ctx = harness.ctx.clone();
    harness.state_mut().perform(&ctx, action);
    harness.run();
}

/// Steps the app in real time for `seconds`.
fn idle(harness: &mut Harness<'_, PyroadmapApp>, seconds: f64) {
    run_until(harness, seconds, |_| false);
}

#[cfg(unix)]
mod python_choice {
    use std::os::unix::fs::PermissionsExt as _;
    use std::path::{Path, PathBuf};

    use super::*;

    /// Whether Choose Python… would open a file dialog here (on Linux it
    /// needs the desktop portal or zenity), rather than ask for a path.
    fn can_show_file_dialogs() -> bool {
        std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
            || std::env::var_os("PATH").is_some_and(|paths| {
                std::env::split_paths(&paths).any(|dir| dir.join("zenity").is_file())
            })
    }

    /// A "Python" that would leave `marker` behind if it were ever run.
    fn trap(dir: &Path) -> (PathBuf, PathBuf) {
        let marker = dir.join("ran.marker");
        let script = dir.join("not-python.sh");
        std::fs::write(
            &script,
            format!("#!/bin/sh\ntouch '{}'\n", marker.display()),
        )
        .unwrap();
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
        (script, marker)
    }

    /// A progress file from an older version that chose `python` (and a
    /// long time limit).
    fn old_file_with_python(python: &Path) -> String {
        format!(
            "{{\"version\": 1, \"topics\": {{\"lists\": {{\"note\": \"mine\", \"note_ms\": 5}}}}, \"settings\": {{\"zoom\": 1.0, \"python_path\": Some(\"{}\"), \"run_time_limit_s\": 4294967295}}, \"settings_ms\": 5}}\n",
            python.display()
        )
    }

    /// Presses Run in the Playground (when a Python was found) and waits.
    fn press_run(harness: &mut Harness<'_, PyroadmapApp>) {
        perform(
            harness,
            Action::Command(pyroadmap::action::Command::OpenPlayground),
        );
        perform(
            harness,
            Action::RunCode {
                target: pyroadmap::action::RunTarget::Playground,
                code: "print('hi')\n".into(),
            },
        );
        idle(harness, 1.5);
    }

    fn assert_never_ran(harness: &Harness<'_, PyroadmapApp>, script: &Path, marker: &Path) {
        assert!(!marker.exists(), "the file's program was run");
        let shown = harness
            .state()
            .practice()
            .interpreter()
            .map(|python| python.executable.clone());
        assert_ne!(
            shown.as_deref(),
            Some(script),
            "the file's program is in use"
        );
        assert_eq!(harness.state().machine_settings().python_path, None);
    }

    #[test]
    fn a_python_path_in_the_progress_file_is_never_run() {
        let dir = tempfile::tempdir().unwrap();
        let (script, marker) = trap(dir.path());
        std::fs::write(dir.path().join(FILE_NAME), old_file_with_python(&script)).unwrap();
        {
            let mut harness = app(dir.path());
            press_run(&mut harness);
            assert_never_ran(&harness, &script, &marker);
            assert!(
                has_label_containing(&harness, "no longer takes the Python"),
                "the learner is told their old choice is not used"
            );
            assert!(has_label_containing(
                &harness,
                &script.display().to_string()
            ));
            // The old time limit is taken once, clamped to the menu's range.
            assert_eq!(harness.state().machine_settings().run_time_limit_s, 600);
            // A change is saved; the old value stays in the file, unused.
            perform(
                &mut harness,
                Action::EditNote {
                    topic: "lists".into(),
                    text: "mine, edited".into(),
                },
            );
        }
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert!(text.contains("mine, edited"), "{text}");
        assert!(text.contains("python_path"), "kept as it was: {text}");
        let mut harness = app(dir.path());
        press_run(&mut harness);
        assert_never_ran(&harness, &script, &marker);
        assert!(
            !has_label_containing(&harness, "no longer takes the Python"),
            "told once"
        );
    }

    #[test]
    fn an_imported_python_path_is_never_run() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = tempfile::tempdir().unwrap();
        let (script, marker) = trap(elsewhere.path());
        let file = elsewhere.path().join("shared-progress.ron");
        std::fs::write(&file, old_file_with_python(&script)).unwrap();
        {
            let mut harness = app(dir.path());
            perform(&mut harness, Action::ImportFrom(file));
            assert!(run_until(&mut harness, WAIT_S, |h| has_label_containing(
                h, "Imported"
            )));
            press_run(&mut harness);
            assert_never_ran(&harness, &script, &marker);
            assert_eq!(harness.state().machine_settings().run_time_limit_s, 10);
        }
        let mut harness = app(dir.path());
        press_run(&mut harness);
        assert_never_ran(&harness, &script, &marker);
        assert_eq!(harness.state().machine_settings().run_time_limit_s, 10);
        assert!(!has_label_containing(
            &harness,
            "no longer takes the Python"
        ));
    }

    #[test]
    fn a_conflict_copy_with_a_python_path_is_never_run() {
        let dir = tempfile::tempdir().unwrap();
        let (script, marker) = trap(dir.path());
        seed(dir.path(), &Progress::default());
        std::fs::write(
            dir.path().join("progress-other.ron"),
            old_file_with_python(&script),
        )
        .unwrap();
        {
            let mut harness = app(dir.path());
            assert!(run_until(&mut harness, WAIT_S, |h| has_label_containing(
                h,
                "copy(ies) of your progress"
            )));
            press_run(&mut harness);
            assert_never_ran(&harness, &script, &marker);
            assert_eq!(harness.state().progress().topic("lists").note, "mine");
        }
        let mut harness = app(dir.path());
        press_run(&mut harness);
        assert_never_ran(&harness, &script, &marker);
        assert_eq!(harness.state().machine_settings().run_time_limit_s, 10);
    }

    #[test]
    fn a_chosen_python_is_kept_on_this_machine_across_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        // A real Python: a typed path is tried as one before it is kept.
        let Ok(found) = std::process::Command::new("python3")
            .args(["-c", "import sys; print(sys.executable)"])
            .output()
        else {
            eprintln!("no python3 on PATH: skipped");
            return;
        };
        let script = PathBuf::from(String::from_utf8_lossy(&found.stdout).trim());
        let chosen = script.display().to_string();
        {
            let mut harness = app(dir.path());
            if can_show_file_dialogs() {
                perform(&mut harness, Action::UsePython(script.clone()));
            } else {
                // Choose Python… without a file dialog asks for the path.
                perform(&mut harness, Action::ChoosePython);
                assert!(run_until(&mut harness, WAIT_S, |h| h
                    .query_by_label("Python to use")
                    .is_some()));
                harness.get_by_label("Python to use").focus();
                harness.run();
                harness.get_by_label("Python to use").type_text(&chosen);
                harness.run();
                // The path is tried first, under a spinner: step, then wait.
                harness.get_by_label("Use this Python").click();
                harness.step();
            }
            assert!(run_until(&mut harness, WAIT_S, |h| has_label_containing(
                h,
                "Python you chose"
            )));
            assert!(run_until(&mut harness, WAIT_S, |_| {
                machine::load(dir.path(), 0).settings.python_path.as_deref()
                    == Some(chosen.as_str())
            }));
            perform(
                &mut harness,
                Action::EditNote {
                    topic: "lists".into(),
                    text: "saved".into(),
                },
            );
        }
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert!(!text.contains("python_path"), "{text}");
        let harness = app(dir.path());
        assert_eq!(
            harness.state().machine_settings().python_path.as_deref(),
            Some(chosen.as_str())
        );
    }
}

#[test]
fn an_import_with_newer_code_replaces_none_of_the_learners_code() {
    let dir = tempfile::tempdir().unwrap();
    let course = pyroadmap::course::load_embedded().course;
    let lists = course.topic("lists").expect("the pack has lists");
    let mut key = None;
    pyroadmap::course::visit_blocks(&lists.doc().blocks, &mut |block| {
        if let pyroadmap::course::Block::Code(code) = block
            && code.lang == "python"
        {
            key.get_or_insert_with(|| pyroadmap::study::example_key(&code.text));
        }
    });
    let key = key.expect("lists has a Python example");
    let mut mine = Progress::default();
    mine.set_edit("lists", &key, Some("print('my version')\n".into()), 1_000);
    mine.set_playground("print('my playground')\n".into(), 1_000);
    seed(dir.path(), &mine);
    let mut theirs = mine.clone();
    theirs.set_edit(
        "lists",
        &key,
        Some("import os\nprint('theirs')\n".into()),
        9_000_000_000_000,
    );
    theirs.set_playground("import shutil\n".into(), 9_000_000_000_000);
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("from-a-friend.ron");
    pyroadmap::study::store::write_file(&file, &theirs).unwrap();

    let mut harness = app(dir.path());
    perform(&mut harness, Action::ImportFrom(file));
    assert!(run_until(&mut harness, WAIT_S, |h| has_label_containing(
        h, "Imported"
    )));
    assert!(
        has_label_containing(
            &harness,
            "1 example's code kept in both versions (yours runs)"
        ),
        "the banner names the code that came in"
    );
    assert!(has_label_containing(
        &harness,
        "Playground code kept in both versions (yours runs)"
    ));
    assert!(!has_label_containing(&harness, "nothing new"));
    let progress = harness.state().progress();
    let edit = &progress.topic("lists").edits[&key].text;
    assert!(edit.starts_with("print('my version')\n"), "{edit}");
    assert!(edit.contains(IMPORTED_CODE_MARKER), "{edit}");
    assert!(
        edit.contains("# import os\n"),
        "kept, commented out: {edit}"
    );
    assert!(
        !edit.lines().any(|l| l == "import os"),
        "never runnable as it came: {edit}"
    );
    let playground = &progress.playground.text;
    assert!(
        playground.starts_with("print('my playground')\n"),
        "{playground}"
    );
    assert!(!playground.lines().any(|l| l == "import shutil"));
}

/// Types `text` at the end of the open note, as a learner would.
fn type_at_end(harness: &mut Harness<'_, PyroadmapApp>, text: &str) {
    harness.get_by_label("Note").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::ArrowDown);
    harness.run();
    harness.get_by_label("Note").type_text(text);
    harness.run();
}

#[test]
fn two_windows_typing_in_one_note_keep_every_word_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = app(dir.path());
    let mut b = app(dir.path());
    open_topic(&mut a, "Data structures", "sets");
    open_topic(&mut b, "Data structures", "sets");
    let words: Vec<String> = (0..50).map(|i| format!("w{i:02}")).collect();
    let mut typed = 0;
    for (i, word) in words.iter().enumerate() {
        let (this, other) = if i % 2 == 0 {
            (&mut a, &mut b)
        } else {
            (&mut b, &mut a)
        };
        let text = format!(" {word}");
        typed += text.len();
        type_at_end(this, &text);
        // The windows go on at their own pace, 0 to 0.9 s apart.
        let pause = [0.0, 0.3, 0.6, 0.9][i % 4];
        let started = std::time::Instant::now();
        while started.elapsed().as_secs_f64() < pause {
            this.step();
            other.step();
            std::thread::sleep(std::time::Duration::from_millis(30));
        }
    }
    // Both windows and the file settle on one text.
    let note = |h: &Harness<'_, PyroadmapApp>| h.state().progress().topic("sets").note.clone();
    let on_disk = || {
        read_file(&dir.path().join(FILE_NAME))
            .map(|p| p.topic("sets").note.clone())
            .unwrap_or_default()
    };
    let started = std::time::Instant::now();
    while started.elapsed().as_secs_f64() < 30.0 && !(note(&a) == note(&b) && note(&a) == on_disk())
    {
        a.step();
        b.step();
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
    let final_note = note(&a);
    assert_eq!(final_note, note(&b), "the windows converge");
    assert_eq!(final_note, on_disk(), "and the file with them");
    for word in &words {
        let count = final_note
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w == word)
            .count();
        assert_eq!(count, 1, "{word} in {final_note:?}");
    }
    let markers = final_note.matches(NOTE_MARKER).count();
    eprintln!(
        "two windows, 50 edits: {} bytes from {typed} typed, {markers} marker(s)",
        final_note.len()
    );
    let bound = typed + markers * (NOTE_MARKER.len() + 3);
    assert!(
        final_note.len() <= bound,
        "{} bytes from {typed} typed with {markers} markers: {final_note:?}",
        final_note.len()
    );
}

/// Tells the app where its window is, as the window system does.
fn place_window(harness: &mut Harness<'_, PyroadmapApp>, x: f32, y: f32, w: f32, h: f32) {
    let viewport = harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default();
    viewport.outer_rect = Some(egui::Rect::from_min_size(
        egui::pos2(x, y),
        egui::vec2(w, h + 20.0),
    ));
    viewport.inner_rect = Some(egui::Rect::from_min_size(
        egui::pos2(x, y + 20.0),
        egui::vec2(w, h),
    ));
    viewport.monitor_size = Some(egui::vec2(3000.0, 2000.0));
}

#[test]
fn two_idle_windows_at_different_places_never_rewrite_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    progress.update_topic("dicts", 1_000, |r| r.note = "kept".into());
    seed(dir.path(), &progress);
    let mut a = app(dir.path());
    let mut b = app(dir.path());
    place_window(&mut a, 20.0, 20.0, 1200.0, 800.0);
    place_window(&mut b, 700.0, 300.0, 1000.0, 700.0);
    // Each window remembers its place once.
    let settle = std::time::Instant::now();
    while settle.elapsed().as_secs_f64() < 3.0 {
        a.step();
        b.step();
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
    let path = dir.path().join(FILE_NAME);
    let machine_path = dir.path().join(machine::FILE_NAME);
    let stamp = |p: &std::path::Path| {
        std::fs::metadata(p)
            .map(|m| (m.modified().unwrap(), std::fs::read(p).unwrap()))
            .ok()
    };
    let before = (stamp(&path), stamp(&machine_path));
    assert!(before.0.is_some(), "the progress file is there");
    assert!(before.1.is_some(), "the window's place is kept per machine");
    // Several save-and-look cycles (about one a second).
    let started = std::time::Instant::now();
    while started.elapsed().as_secs_f64() < 5.0 {
        a.step();
        b.step();
        std::thread::sleep(std::time::Duration::from_millis(40));
    }
    assert!(
        (stamp(&path), stamp(&machine_path)) == before,
        "an idle window rewrote a file"
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("\"window\""), "{text}");
}

#[cfg(target_os = "linux")]
#[test]
fn the_memory_limit_chosen_in_the_view_menu_caps_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if harness.state().practice().interpreter().is_none() {
        return eprintln!("no Python on this machine: skipped");
    }
    let chosen = machine::MachineSettings {
        run_memory_limit_mb: 512,
        ..harness.state().machine_settings().clone()
    };
    perform(&mut harness, Action::ChangeMachineSettings(chosen));
    perform(
        &mut harness,
        Action::Command(pyroadmap::action::Command::OpenPlayground),
    );
    // Within the automatic cap, over the chosen one.
    perform(
        &mut harness,
        Action::RunCode {
            target: pyroadmap::action::RunTarget::Playground,
            code: "data = bytearray(1000 * 1024 * 1024)\n".into(),
        },
    );
    let message = pyroadmap::practice::LimitHit::Memory { limit_mb: 512 }.describe();
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label_containing(h, &message)),
        "no {message:?}"
    );
    drop(harness);
    assert_eq!(
        machine::load(dir.path(), 0).settings.run_memory_limit_mb,
        512
    );
}
