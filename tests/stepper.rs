//! The stepper driven through the real app: Step records the code once,
//! then First, Back, Next, Last, the slider and the arrow keys move through
//! the recording without running Python again.

mod support;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use pyroadmap::PyroadmapApp;
use pyroadmap::action::RunTarget;
use pyroadmap::practice::PythonState;
use pyroadmap::ui::stepper::{Drawn, drawn};
use support::{app, click, has_label, has_label_containing, open_topic, run_until};

const WAIT_S: f64 = 30.0;

fn python_ready(harness: &mut Harness<'_, PyroadmapApp>) -> bool {
    matches!(
        harness.state().practice().python,
        Some(PythonState::Found(_))
    )
}

fn playground_with(harness: &mut Harness<'_, PyroadmapApp>, code: &str) {
    click(harness, "Playground");
    harness.get_by_label("Code editor: Playground").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("Code editor: Playground")
        .type_text(code);
    harness.run();
}

/// Presses Step and waits for the stepper's slider; returns the step count.
fn step(harness: &mut Harness<'_, PyroadmapApp>) -> usize {
    click(harness, "Step");
    assert!(
        run_until(harness, WAIT_S, |h| slider_label(h).is_some()),
        "the stepper never opened"
    );
    let label = slider_label(harness).unwrap();
    label
        .rsplit(' ')
        .next()
        .and_then(|n| n.replace(',', "").parse().ok())
        .expect("the slider says how many steps")
}

/// "Step 3 of 9": the slider's label.
fn slider_label(harness: &Harness<'_, PyroadmapApp>) -> Option<String> {
    harness
        .query_all_by_role(Role::Slider)
        .filter_map(|node| node.accesskit_node().label())
        .find(|label| label.starts_with("Step "))
}

fn the_drawing(harness: &Harness<'_, PyroadmapApp>) -> Drawn {
    let mut all = drawn(&harness.ctx);
    assert_eq!(all.len(), 1, "one stepper on screen");
    all.remove(0)
}

fn set_slider(harness: &mut Harness<'_, PyroadmapApp>, step: usize) {
    let label = slider_label(harness).unwrap();
    harness
        .get_by_role_and_label(Role::Slider, &label)
        .set_value_accesskit(step as f64);
    harness.run();
}

#[test]
fn step_next_back_the_slider_and_the_keys_move_through_one_recording() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return eprintln!("no python3 on this machine: skipped");
    }
    playground_with(
        &mut harness,
        "items = [1, 2]\ncopy = items\ncopy.append(3)\nprint(items)\n",
    );
    let count = step(&mut harness);
    assert_eq!(count, 5, "four lines and the end");
    assert_eq!(slider_label(&harness).as_deref(), Some("Step 1 of 5"));
    assert!(has_label_containing(&harness, "Line 1 runs next"));
    assert!(
        has_label(&harness, "Nothing yet"),
        "nothing printed at the start"
    );
    click(&mut harness, "Next");
    assert_eq!(slider_label(&harness).as_deref(), Some("Step 2 of 5"));
    click(&mut harness, "Next");
    click(&mut harness, "Back");
    assert_eq!(slider_label(&harness).as_deref(), Some("Step 2 of 5"));
    assert!(
        !has_label(&harness, "Program finished"),
        "not before the last step"
    );
    set_slider(&mut harness, 5);
    assert_eq!(slider_label(&harness).as_deref(), Some("Step 5 of 5"));
    // The end: no "next line" marker pointing at nothing, but the end said.
    assert!(has_label(&harness, "Program finished"));
    assert!(!has_label(&harness, "line to run next"));
    assert!(has_label_containing(&harness, "The program has finished."));
    assert!(
        has_label_containing(&harness, "[1, 2, 3]"),
        "what was printed so far"
    );
    // Aliasing, seen: one list box, and an arrow to it from each name.
    let drawing = the_drawing(&harness);
    let lists: Vec<_> = drawing
        .boxes
        .iter()
        .filter(|b| b.kind == pyroadmap::practice::trace::ObjectKind::List)
        .collect();
    assert_eq!(lists.len(), 1, "one list, drawn once: {drawing:?}");
    let mut from: Vec<&str> = drawing
        .arrows_to(lists[0].id)
        .iter()
        .map(|a| a.from.as_str())
        .collect();
    from.sort_unstable();
    assert_eq!(from, ["copy", "items"]);
    for arrow in drawing.arrows_to(lists[0].id) {
        assert!(
            lists[0].rect.contains(arrow.end + egui::vec2(1.0, 0.0)),
            "each arrow ends at the box"
        );
    }
    assert!(has_label_containing(
        &harness,
        "`items` and `copy` refer to the same list"
    ));
    assert!(has_label_containing(
        &harness,
        "list of 3 items, referred to by `items` and `copy`"
    ));
    click(&mut harness, "First");
    assert_eq!(slider_label(&harness).as_deref(), Some("Step 1 of 5"));
    // The keys work once the stepper has focus.
    harness.get_by_label_contains("Stepper: ").click();
    harness.run();
    harness.key_press(egui::Key::ArrowRight);
    harness.run();
    assert_eq!(slider_label(&harness).as_deref(), Some("Step 2 of 5"));
    harness.key_press(egui::Key::End);
    harness.run();
    assert_eq!(slider_label(&harness).as_deref(), Some("Step 5 of 5"));
    harness.key_press(egui::Key::Home);
    harness.run();
    assert_eq!(slider_label(&harness).as_deref(), Some("Step 1 of 5"));
    assert!(
        !harness.state().is_running(),
        "stepping never starts Python again"
    );
    click(&mut harness, "Close");
    assert!(
        slider_label(&harness).is_none(),
        "Close puts the stepper away"
    );
}

#[test]
fn a_recursion_shows_one_frame_per_call() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return;
    }
    playground_with(
        &mut harness,
        "def fact(n):\n    if n <= 1:\n        return 1\n    return n * fact(n - 1)\n\nprint(fact(3))\n",
    );
    step(&mut harness);
    let deepest = {
        let practice = harness.state().practice();
        let trace = practice.steppers[&RunTarget::Playground]
            .trace()
            .expect("recorded");
        trace
            .steps
            .iter()
            .position(|s| s.frames.len() == 4)
            .expect("a step three calls deep")
    };
    set_slider(&mut harness, deepest + 1);
    assert_eq!(harness.get_all_by_label("Frame fact(n)").count(), 3);
    assert_eq!(harness.get_all_by_label("Frame Global frame").count(), 1);
}

#[test]
fn an_endless_loop_stops_at_the_step_limit_with_its_steps() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return;
    }
    playground_with(&mut harness, "n = 0\nwhile True:\n    n += 1\n");
    let count = step(&mut harness);
    assert_eq!(count, 1000);
    assert!(has_label(
        &harness,
        "Stopped after 1,000 steps: the program may loop forever"
    ));
    click(&mut harness, "Last");
    assert!(has_label_containing(&harness, "`n` is "));
}

#[test]
fn an_exceptions_step_shows_it_with_its_explanation() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return;
    }
    playground_with(
        &mut harness,
        "def half(x):\n    return 10 / x\n\nprint(half(0))\n",
    );
    step(&mut harness);
    click(&mut harness, "Last");
    assert!(has_label(&harness, "ZeroDivisionError: division by zero"));
    assert!(has_label_containing(
        &harness,
        "Line 2, in half: ZeroDivisionError"
    ));
    let explained = harness.state().practice().steppers[&RunTarget::Playground]
        .trace()
        .and_then(|t| t.steps.last()?.exception.clone()?.explanation);
    // explain.py, shipped beside the tracer, explains it in plain words.
    let explanation = explained.expect("ZeroDivisionError is explained");
    // Its `code` is shown as inline code, not with raw backticks.
    assert!(has_label_containing(
        &harness,
        &format!("What happened: {}", explanation.what.replace('`', ""))
    ));
    assert!(
        harness
            .query_all_by_label_contains("What happened: ")
            .all(|n| !n.accesskit_node().label().unwrap_or_default().contains('`')),
        "no raw backticks"
    );
    assert!(has_label_containing(&harness, "How to fix it: "));
    assert!(has_label_containing(&harness, "Where: line 2"));
    // No next line after it: the code says where the program stopped.
    assert!(has_label(
        &harness,
        "Program stopped here by the exception below"
    ));
    assert!(!has_label(&harness, "line to run next"));
}

#[test]
fn a_lesson_example_can_be_stepped() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return;
    }
    open_topic(&mut harness, "Data structures", "lists");
    let count = step(&mut harness);
    assert!(count > 2);
    click(&mut harness, "Last");
    assert_eq!(
        slider_label(&harness),
        Some(format!("Step {count} of {count}"))
    );
    assert!(
        !the_drawing(&harness).boxes.is_empty(),
        "the example's list is drawn"
    );
}

#[test]
fn every_exercise_editor_has_a_step_button() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    if !python_ready(&mut harness) {
        return;
    }
    open_topic(&mut harness, "Data structures", "lists");
    let checks = harness.get_all_by_label("Check").count();
    assert!(checks > 0);
    let steps = harness.get_all_by_label("Step").count();
    let runs = harness.get_all_by_label("Run").count();
    assert_eq!(steps, runs + checks, "a Step beside every Run and Check");
}

/// A step with two names for one list and a dict, as the tracer writes it.
const ONE_STEP: &str = r#"{"kind":"step","event":"line","line":3,"done":2,"next":3,"frames":[{"name":"<module>","vars":[["items",1],["copy",1],["ages",2],["total",["int","10"]]]}],"heap":[{"id":1,"kind":"list","type":"list","items":[["int","1"],["int","2"],["int","3"]]},{"id":2,"kind":"dict","type":"dict","entries":[[["str","'Ada'"],["int","36"]]]}]}
{"kind":"end","how":"finished"}
"#;

fn drawn_at_width(width: f32) -> (Drawn, egui::Rect) {
    let trace = pyroadmap::practice::trace::Trace::parse(ONE_STEP);
    let code = "items = [1, 2, 3]\ncopy = items\nages = {'Ada': 36}\ntotal = 10\n";
    let mut harness = Harness::builder()
        .with_size([width, 900.0])
        .build_ui(move |ui| pyroadmap::ui::stepper::stepper_ui(ui, &trace, code, 7));
    harness.run();
    let drawing = drawn(&harness.ctx).remove(0);
    let screen = harness.ctx.content_rect();
    (drawing, screen)
}

#[test]
fn the_objects_sit_beside_the_frames_at_680_px_and_below_them_when_narrower() {
    let (wide, screen) = drawn_at_width(680.0);
    assert_eq!(wide.boxes.len(), 2);
    for object in &wide.boxes {
        assert!(
            object.rect.left() > 680.0 * 0.4,
            "beside the frames: {object:?}"
        );
        assert!(
            object.rect.right() <= screen.right() + 0.5,
            "inside the column: {object:?}"
        );
    }
    let (narrow, screen) = drawn_at_width(420.0);
    let arrow_starts = narrow.arrows.iter().map(|a| a.start.y).fold(0.0, f32::max);
    for object in &narrow.boxes {
        assert!(object.rect.left() < 100.0, "under the frames: {object:?}");
        assert!(
            object.rect.top() > arrow_starts,
            "below every name: {object:?}"
        );
        assert!(
            object.rect.right() <= screen.right() + 0.5,
            "inside the column: {object:?}"
        );
    }
    assert_eq!(
        narrow.arrows_to(1).len(),
        2,
        "two names, two arrows, one list"
    );
    assert_eq!(narrow.arrows_to(2).len(), 1);
}
