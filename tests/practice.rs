//! Practice driven through the real app: running and editing examples,
//! stopping runs, exercises checked by the learner's own Python, and the
//! app without Python.

mod support;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use pyroadmap::PyroadmapApp;
use pyroadmap::practice::PythonState;
use support::{
    app, app_with_python, click, has_label, has_label_containing, open_topic, run_until,
};

const WAIT_S: f64 = 15.0;

/// Waits until the app has found (or failed to find) Python; false when
/// this machine has none.
fn python_ready(harness: &mut Harness<'_, PyroadmapApp>) -> bool {
    run_until(harness, WAIT_S, |h| {
        !matches!(
            h.state().practice().python,
            Some(PythonState::Finding) | None
        )
    });
    matches!(
        harness.state().practice().python,
        Some(PythonState::Found(_))
    )
}

fn click_first(harness: &mut Harness<'_, PyroadmapApp>, label: &str) {
    click(harness, label);
}

#[test]
fn run_shows_an_examples_output_and_that_it_matches_the_lesson() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return eprintln!("no python3 on this machine: skipped");
    }
    assert!(
        has_label_containing(&harness, "Python 3."),
        "the status line names the interpreter"
    );
    open_topic(&mut harness, "Data structures", "lists");
    click_first(&mut harness, "Run");
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label(h, "Matches the lesson")),
        "the first example's run never matched the lesson"
    );
    assert!(has_label_containing(
        &harness,
        "['plan', 'write', 'test', 'ship', 'rest', 'repeat']"
    ));
    assert!(has_label_containing(&harness, "Exit status 0"));
}

#[test]
fn edit_change_run_and_reset_an_example() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return;
    }
    open_topic(&mut harness, "Data structures", "lists");
    click_first(&mut harness, "Edit");
    let editor = harness.get_by_label("Code editor");
    editor.focus();
    harness.run();
    harness
        .get_by_label("Code editor")
        .type_text("print('my own line')\n");
    harness.run();
    assert!(
        has_label_containing(&harness, "python · edited"),
        "the block says it is edited"
    );
    click_first(&mut harness, "Run");
    assert!(run_until(&mut harness, WAIT_S, |h| has_label_containing(
        h,
        "Exit status 0"
    )));
    assert!(has_label_containing(&harness, "my own line"));
    // A deliberate edit is not judged against the lesson's output.
    assert!(has_label(&harness, "Your edited code's output"));
    assert!(!has_label_containing(&harness, "Differs from the lesson"));
    let edits = &harness.state().progress().topic("lists").edits;
    assert_eq!(edits.len(), 1, "the edit is kept in the learner's data");
    click_first(&mut harness, "Reset");
    assert!(!has_label_containing(&harness, "python · edited"));
    assert!(
        !has_label_containing(&harness, "my own line"),
        "Reset takes the edited code's output away too"
    );
    assert!(
        harness
            .state()
            .progress()
            .topic("lists")
            .edits
            .values()
            .all(|d| d.text.is_empty())
    );
}

#[test]
fn results_of_code_edited_since_say_they_are_from_the_previous_code() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return;
    }
    playground_with(&mut harness, "x = 1\nprint(x / 0)\n");
    click_first(&mut harness, "Run");
    assert!(run_until(&mut harness, WAIT_S, |h| has_label_containing(
        h,
        "ZeroDivisionError"
    )
        && has_label_containing(h, "Exit status")));
    assert!(!has_label_containing(&harness, "From your previous code"));
    harness.get_by_label("Code editor: Playground").focus();
    harness.run();
    harness
        .get_by_label("Code editor: Playground")
        .type_text("# fixed");
    harness.run();
    assert!(
        harness
            .state()
            .progress()
            .playground
            .text
            .contains("# fixed")
    );
    assert!(
        has_label_containing(&harness, "From your previous code"),
        "the old error is marked as the previous code's"
    );
}

fn playground_with(harness: &mut Harness<'_, PyroadmapApp>, code: &str) {
    click(harness, "Playground");
    let editor = harness.get_by_label("Code editor: Playground");
    editor.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Code editor: Playground")
        .type_text(code);
    harness.run();
}

#[test]
fn an_endless_loop_stops_at_the_time_limit_and_the_window_keeps_responding() {
    let dir = tempfile::tempdir().unwrap();
    pyroadmap::study::machine::update(dir.path(), 1, |m| m.run_time_limit_s = 1)
        .expect("writing this machine's settings");
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return;
    }
    playground_with(&mut harness, "while True:\n    pass\n");
    click(&mut harness, "Run");
    assert!(harness.state().is_running());
    // The UI answers while the code runs: a frame takes no time.
    let frame = std::time::Instant::now();
    harness.step();
    assert!(frame.elapsed() < std::time::Duration::from_millis(500));
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label_containing(
            h,
            "the time limit"
        )),
        "the run never stopped"
    );
    assert!(!harness.state().is_running());
}

#[test]
fn stop_kills_a_run() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return;
    }
    playground_with(
        &mut harness,
        "import time\nprint('started', flush=True)\ntime.sleep(60)\n",
    );
    click(&mut harness, "Run");
    assert!(run_until(&mut harness, WAIT_S, |h| has_label_containing(
        h, "started"
    )));
    click(&mut harness, "Stop");
    assert!(run_until(&mut harness, 5.0, |h| has_label(h, "Stopped")));
    assert_eq!(
        harness.state().progress().playground.text,
        "import time\nprint('started', flush=True)\ntime.sleep(60)\n",
        "the playground keeps its code"
    );
}

#[test]
fn an_exercise_fails_on_the_starter_passes_when_solved_and_stays_solved() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut harness = app(dir.path());
        if !python_ready(&mut harness) {
            return;
        }
        open_topic(&mut harness, "Data structures", "lists");
        assert!(has_label(&harness, "0 of 3 exercises solved"));
        click_first(&mut harness, "Check");
        assert!(
            run_until(&mut harness, WAIT_S, |h| has_label_containing(
                h,
                "checks fail"
            )),
            "Check never reported"
        );
        assert!(
            has_label_containing(&harness, "returned None, expected"),
            "the check's own words are shown"
        );
        let shown = harness
            .query_all_by_label_contains("returned None, expected")
            .find_map(|n| n.accesskit_node().label().or(n.accesskit_node().value()))
            .unwrap_or_default();
        assert!(
            shown.contains("rotate(") && !shown.contains('`'),
            "the call is shown as code, not in raw backticks: {shown:?}"
        );
        let editor = harness.get_by_label("Code editor: Rotate a playlist");
        editor.focus();
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        harness
            .get_by_label("Code editor: Rotate a playlist")
            .type_text("def rotate(songs, steps):\n    if not songs:\n        return []\n    k = steps % len(songs)\n    return songs[k:] + songs[:k]\n");
        harness.run();
        click_first(&mut harness, "Check");
        assert!(
            run_until(&mut harness, WAIT_S, |h| has_label_containing(
                h,
                "checks pass. Well done!"
            )),
            "the solution did not pass"
        );
        assert!(has_label(&harness, "1 of 3 exercises solved"));
        assert!(
            has_label(&harness, "Reference solution"),
            "the solution is offered after a pass"
        );
    }
    let harness = app(dir.path());
    let record = harness.state().progress().topic("lists");
    assert!(
        record.exercises["01-rotate-a-playlist"].is_solved(),
        "solved survives a restart"
    );
    assert!(record.exercises["01-rotate-a-playlist"].attempts >= 2);
    assert!(has_label(&harness, "1 of 3 exercises solved"));
}

#[test]
fn without_python_run_and_check_are_off_and_say_why() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_with_python(dir.path(), vec![vec!["/no/such/python3".into()]]);
    run_until(&mut harness, WAIT_S, |h| {
        matches!(h.state().practice().python, Some(PythonState::Missing(_)))
    });
    assert!(has_label(
        &harness,
        "No Python found: Run and Check are off."
    ));
    assert!(has_label(&harness, "How to install Python"));
    open_topic(&mut harness, "Data structures", "lists");
    let run = harness
        .get_all_by_label("Run")
        .next()
        .expect("Run is shown");
    assert!(run.accesskit_node().is_disabled(), "Run is disabled");
    assert!(has_label_containing(&harness, "No Python was found"));
    click(&mut harness, "How to install Python");
    assert_eq!(
        *harness.state().page(),
        pyroadmap::ui::Page::Topic("installing-python".into())
    );
}

#[test]
fn copy_on_a_console_block_copies_only_the_commands() {
    assert_eq!(
        pyroadmap::ui::copy_text(
            "console",
            "$ python3 -m venv .venv\n$ . .venv/bin/activate\n(.venv) $ pip list\nPackage Version\n"
        ),
        "python3 -m venv .venv\n. .venv/bin/activate\npip list\n",
    );
    assert_eq!(
        pyroadmap::ui::copy_text("pycon", ">>> x = [1,\n...      2]\n>>> x\n[1, 2]\n"),
        "x = [1,\n     2]\nx\n"
    );
    // Windows: PowerShell's prompt with and without its folder, and cmd's.
    assert_eq!(
        pyroadmap::ui::copy_text(
            "powershell",
            "PS> py -m venv .venv\nPS C:\\work dir> .venv\\Scripts\\Activate.ps1\n(.venv) PS C:\\w> pip list\nPackage Version\n"
        ),
        "py -m venv .venv\n.venv\\Scripts\\Activate.ps1\npip list\n"
    );
    assert_eq!(
        pyroadmap::ui::copy_text(
            "cmd",
            "C:\\project> .venv\\Scripts\\activate.bat\n(.venv) C:\\project> python -V\nPython 3.13.1\n"
        ),
        ".venv\\Scripts\\activate.bat\npython -V\n"
    );
    assert_eq!(
        pyroadmap::ui::copy_text("console", "PS> py -V\nC:\\x> py -V\n$ python3 -V\n"),
        "py -V\npy -V\npython3 -V\n",
        "a console block may show any of them"
    );
}

#[test]
fn an_edit_of_an_example_the_lesson_has_since_changed_is_kept_and_shown() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = pyroadmap::study::Progress::default();
    // Keyed by code the lesson no longer has.
    let old_key = pyroadmap::study::example_key("print('an example that was rewritten')\n");
    progress.set_edit(
        "lists",
        &old_key,
        Some("print('my old experiment')\n".into()),
        5,
    );
    support::seed(dir.path(), &progress);
    let mut harness = app(dir.path());
    open_topic(&mut harness, "Data structures", "lists");
    assert!(has_label(
        &harness,
        "Your edits of examples that have since changed"
    ));
    assert!(has_label_containing(&harness, "my old experiment"));
    assert!(
        !has_label_containing(&harness, "python · edited"),
        "it is not attached to another example"
    );
    assert_eq!(
        harness.state().progress().topic("lists").edits[&old_key].text,
        "print('my old experiment')\n"
    );
}

#[cfg(any(target_os = "linux", windows))]
#[test]
fn a_program_over_the_memory_cap_is_stopped_with_a_plain_message() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return;
    }
    // One allocation of twice the cap: refused at once, nothing is touched.
    let cap_mb = pyroadmap::practice::default_memory_limit_mb();
    playground_with(
        &mut harness,
        &format!(
            "data = bytearray({} * 1024 * 1024)\n",
            u64::from(cap_mb) * 2
        ),
    );
    click(&mut harness, "Run");
    let message = pyroadmap::practice::LimitHit::Memory { limit_mb: cap_mb }.describe();
    assert!(
        run_until(&mut harness, WAIT_S, |h| has_label(h, &message)),
        "no {message:?} after the run"
    );
    assert!(message.starts_with("Stopped: your program used more than "));
}

#[test]
fn a_missing_package_the_exercise_needs_is_not_blamed_on_the_learner() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return;
    }
    let python = harness
        .state()
        .practice()
        .interpreter()
        .expect("found")
        .executable
        .clone();
    let has_pytest = std::process::Command::new(&python)
        .args(["-c", "import pytest"])
        .output()
        .is_ok_and(|o| o.status.success());
    if has_pytest {
        eprintln!("{} has pytest: nothing to test", python.display());
        return;
    }
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .perform(&ctx, pyroadmap::action::Action::OpenTopic("pytest".into()));
    harness.run();
    click_first(&mut harness, "Check");
    assert!(
        run_until(&mut harness, WAIT_S, |h| {
            h.state()
                .practice()
                .runs
                .values()
                .any(|r| r.outcome.is_some())
        }),
        "Check never reported"
    );
    harness.run();
    assert!(
        has_label_containing(&harness, "needs pytest, which is not installed"),
        "the missing package is named"
    );
    assert!(
        has_label_containing(&harness, "-m pip install pytest"),
        "with the command that installs it"
    );
    assert!(
        !has_label_containing(&harness, "your code raised")
            && !has_label_containing(&harness, "checks fail"),
        "the learner's code is not blamed"
    );
    // The Copy beside the command (the lesson's code blocks have theirs).
    // (The lesson's own code blocks come first and may show pip too.)
    let command_y = harness
        .query_all_by_label_contains("-m pip install pytest")
        .last()
        .expect("the command is shown")
        .rect()
        .center()
        .y;
    let copy = harness
        .query_all_by_label("Copy")
        .min_by(|a, b| {
            let (a, b) = (a.rect().center().y, b.rect().center().y);
            (a - command_y).abs().total_cmp(&(b - command_y).abs())
        })
        .expect("the command can be copied");
    assert!(
        (copy.rect().center().y - command_y).abs() < 20.0,
        "beside the command"
    );
    copy.click();
    harness.run();
    assert!(
        has_label(&harness, "Copied"),
        "the command's Copy button says it copied, as every Copy button does"
    );
}
