//! Prints watch mode's figures against their targets: how long a save in
//! the learner's editor takes to show its verdict, less Python's own run
//! time, and that an idle window with the work folder watched never asks
//! to be repainted. Run with `cargo bench --bench watch` (release profile),
//! or `cargo test --bench watch` for a debug build.

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use pyroadmap::action::Action;
use pyroadmap::practice::{PythonState, RunTarget};
use pyroadmap::study::machine::MachineSettings;
use pyroadmap::{Config, PyroadmapApp};

mod support;
use support::{ms, report};

const TOPIC: &str = "lists";
const EXERCISE: &str = "01-rotate-a-playlist";

/// Steps the app until `done` holds (at most `seconds`), every `pause`.
fn step_until(
    harness: &mut Harness<'_, PyroadmapApp>,
    seconds: f64,
    pause: Duration,
    mut done: impl FnMut(&Harness<'_, PyroadmapApp>) -> bool,
) -> bool {
    let started = Instant::now();
    while started.elapsed().as_secs_f64() < seconds {
        harness.step();
        if done(harness) {
            return true;
        }
        std::thread::sleep(pause);
    }
    false
}

fn main() {
    let mut all_ok = true;
    println!("pyroadmap watch mode benchmark (median of runs where it says so)\n");
    let dir = tempfile::tempdir().expect("temp dir");
    let config = Config::new(dir.path().to_owned());
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| PyroadmapApp::new(&cc.egui_ctx, config));
    let is_found = step_until(&mut harness, 30.0, Duration::from_millis(20), |h| {
        !matches!(
            h.state().practice().python,
            None | Some(PythonState::Finding)
        )
    });
    if !is_found
        || !matches!(
            harness.state().practice().python,
            Some(PythonState::Found(_))
        )
    {
        println!("no python3 on this machine: skipped");
        return;
    }
    let ctx = harness.ctx.clone();
    let settings = MachineSettings {
        editor_command: Some(if cfg!(windows) { "cmd /c rem" } else { "true" }.to_owned()),
        ..harness.state().machine_settings().clone()
    };
    harness
        .state_mut()
        .perform(&ctx, Action::ChangeMachineSettings(settings));
    harness
        .state_mut()
        .perform(&ctx, Action::OpenTopic(TOPIC.into()));
    harness.state_mut().perform(
        &ctx,
        Action::OpenInEditor {
            topic: TOPIC.into(),
            exercise: EXERCISE.into(),
        },
    );
    harness.step();
    let course = pyroadmap::course::load_embedded().course;
    let section = &course.sections[course.topic(TOPIC).expect("lists").section_index].id;
    let file = pyroadmap::practice::work_folder::exercise_file(
        &dir.path().join("work"),
        section,
        TOPIC,
        EXERCISE,
    );
    let target = RunTarget::Exercise {
        topic: TOPIC.into(),
        exercise: EXERCISE.into(),
    };

    // 1. Save to verdict: a write to the file, until the app holds the
    //    check's verdict for that code, less the run's own time (Python's
    //    start and the checks). What is left is the watch's debounce, the
    //    queue and the app's handling.
    let mut latencies = Vec::new();
    for index in 0..7 {
        let code = format!(
            "def rotate(songs, steps):\n    k = steps % len(songs) if songs else 0\n    return songs[k:] + songs[:k]  # save {index}\n"
        );
        let saved = Instant::now();
        std::fs::write(&file, &code).expect("written");
        let is_done = step_until(&mut harness, 60.0, Duration::from_millis(2), |h| {
            h.state()
                .practice()
                .runs
                .get(&target)
                .is_some_and(|run| run.is_for(&code) && run.outcome.is_some())
        });
        assert!(is_done, "save {index} was never checked");
        let total = saved.elapsed();
        let run_time = harness.state().practice().runs[&target]
            .outcome
            .as_ref()
            .map_or(Duration::ZERO, |o| o.elapsed);
        latencies.push(total.saturating_sub(run_time));
        // The next save comes after this check, as a learner's would.
        std::thread::sleep(Duration::from_millis(300));
    }
    latencies.sort();
    all_ok &= report(
        "save to verdict, less Python's run (median of 7)",
        ms(latencies[latencies.len() / 2]),
        1000.0,
    );
    all_ok &= report(
        "save to verdict, less Python's run (slowest of 7)",
        ms(latencies[latencies.len() - 1]),
        1000.0,
    );

    // 2. Idle with the folder watched: after the last save was handled and
    //    written, 3 s of frames ask for no repaint at all.
    step_until(&mut harness, 5.0, Duration::from_millis(100), |h| {
        !h.state().is_running()
    });
    for _ in 0..10 {
        std::thread::sleep(Duration::from_millis(100));
        harness.step();
    }
    let mut repaints = 0;
    for _ in 0..30 {
        std::thread::sleep(Duration::from_millis(100));
        harness.step();
        let delay = harness
            .output()
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .map(|v| v.repaint_delay);
        if delay != Some(Duration::MAX) {
            repaints += 1;
        }
    }
    let verdict = if repaints == 0 {
        "none   ok".to_owned()
    } else {
        format!("{repaints} of 30 frames asked for one   OVER TARGET")
    };
    println!(
        "{:<58} {verdict}",
        "repaints in 3 s idle, work folder watched"
    );
    all_ok &= repaints == 0;
    support::verdict(all_ok);
}
