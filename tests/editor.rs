//! The code editor does what IDLE, Thonny and VS Code do for the basics:
//! indentation on Enter, Backspace and Home, commenting and indenting
//! lines, typing over a closing bracket, and one number per code line.

mod support;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use pyroadmap::PyroadmapApp;
use support::{app, click};

const EDITOR: &str = "Code editor: Playground";

/// The Playground with its editor focused and emptied, as a learner who
/// clicked into it and pressed Ctrl+A and Backspace.
fn empty_playground(dir: &std::path::Path) -> Harness<'static, PyroadmapApp> {
    let mut harness = app(dir);
    click(&mut harness, "Playground");
    harness.get_by_label(EDITOR).click();
    harness.run();
    press(&mut harness, Modifiers::COMMAND, Key::A);
    press(&mut harness, Modifiers::NONE, Key::Backspace);
    assert_eq!(code(&harness), "");
    harness
}

fn code(harness: &Harness<'_, PyroadmapApp>) -> String {
    harness.state().progress().playground.text.clone()
}

fn press(harness: &mut Harness<'_, PyroadmapApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// Types each line as a learner does: the text, then Enter (not after the last).
fn type_lines(harness: &mut Harness<'_, PyroadmapApp>, lines: &[&str]) {
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            press(harness, Modifiers::NONE, Key::Enter);
        }
        if !line.is_empty() {
            harness.get_by_label(EDITOR).type_text(line);
            harness.run();
        }
    }
}

#[test]
fn enter_indents_after_a_colon_keeps_the_level_and_backspace_and_return_dedent() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = empty_playground(dir.path());
    type_lines(
        &mut harness,
        &["def total(xs):", "s = 0", "for x in xs:", "s += x"],
    );
    // Backspace in the indentation goes back a whole level.
    press(&mut harness, Modifiers::NONE, Key::Enter);
    press(&mut harness, Modifiers::NONE, Key::Backspace);
    type_lines(&mut harness, &["return s", "print(total([1, 2]))"]);
    assert_eq!(
        code(&harness),
        "def total(xs):\n    s = 0\n    for x in xs:\n        s += x\n    return s\nprint(total([1, 2]))"
    );
}

#[test]
fn home_goes_to_the_code_first_and_shift_home_keeps_the_indentation() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = empty_playground(dir.path());
    type_lines(&mut harness, &["if ready:", "go()"]);
    // Retyping a line: Shift+Home selects the code, not its indentation.
    press(&mut harness, Modifiers::SHIFT, Key::Home);
    type_lines(&mut harness, &["wait()"]);
    assert_eq!(code(&harness), "if ready:\n    wait()");
    // Home: to the code, then to column 0.
    press(&mut harness, Modifiers::NONE, Key::Home);
    type_lines(&mut harness, &["x"]);
    press(&mut harness, Modifiers::NONE, Key::Home);
    press(&mut harness, Modifiers::NONE, Key::Home);
    type_lines(&mut harness, &["#"]);
    assert_eq!(code(&harness), "if ready:\n#    xwait()");
}

#[test]
fn ctrl_slash_comments_and_tab_indents_the_selected_lines() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = empty_playground(dir.path());
    type_lines(&mut harness, &["a = 1", "b = 2"]);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    press(&mut harness, Modifiers::COMMAND, Key::Slash);
    assert_eq!(code(&harness), "# a = 1\n# b = 2");
    press(&mut harness, Modifiers::COMMAND, Key::Slash);
    assert_eq!(code(&harness), "a = 1\nb = 2");
    press(&mut harness, Modifiers::NONE, Key::Tab);
    assert_eq!(code(&harness), "    a = 1\n    b = 2");
    press(&mut harness, Modifiers::SHIFT, Key::Tab);
    assert_eq!(code(&harness), "a = 1\nb = 2");
}

#[test]
fn a_closing_bracket_is_typed_over_when_it_already_closes_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = empty_playground(dir.path());
    type_lines(&mut harness, &["print()"]);
    press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    for typed in ["x", " ", "+", " ", "y", ")"] {
        type_lines(&mut harness, &[typed]);
    }
    assert_eq!(code(&harness), "print(x + y)", "no second bracket");
    // An inner call still gets its own bracket.
    press(&mut harness, Modifiers::NONE, Key::ArrowLeft);
    for typed in [" ", "*", " ", "l", "e", "n", "(", "z", ")"] {
        type_lines(&mut harness, &[typed]);
    }
    assert_eq!(code(&harness), "print(x + y * len(z))");
}

#[test]
fn a_long_line_takes_one_number_and_one_row_and_scrolls_sideways() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = empty_playground(dir.path());
    let short = ["a = 1", "b = 2", "c = 3", "d = 4", "e = 5", "f = 6"];
    type_lines(&mut harness, &short);
    let height = |h: &Harness<'_, PyroadmapApp>| h.get_by_label(EDITOR).rect().height();
    let short_height = height(&harness);
    press(&mut harness, Modifiers::COMMAND, Key::A);
    press(&mut harness, Modifiers::NONE, Key::Backspace);
    let long = format!("c = {}", "'abc' + ".repeat(60) + "'end'");
    type_lines(
        &mut harness,
        &["a = 1", "b = 2", &long, "d = 4", "e = 5", "f = 6"],
    );
    assert!(code(&harness).len() > 480);
    assert!(
        (height(&harness) - short_height).abs() < 0.5,
        "a wrapped line took extra rows: {} against {short_height}",
        height(&harness)
    );
    // The line numbers count code lines: 1 to 6, no 7.
    let numbers: Vec<String> = harness
        .query_all_by_role(Role::Label)
        .filter_map(|n| n.accesskit_node().value())
        .filter(|text| text.trim_start().starts_with("1\n"))
        .collect();
    assert_eq!(numbers.len(), 1, "one column of line numbers: {numbers:?}");
    let count = numbers[0].lines().count();
    assert_eq!(count, 6, "{numbers:?}");
}

#[test]
fn screen_readers_hear_a_multi_line_text_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    click(&mut harness, "Playground");
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, EDITOR)
            .is_some()
    );
}

#[test]
fn keys_typed_faster_than_frames_keep_their_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = empty_playground(dir.path());
    // All in one frame, as a fast typist or a paste tool delivers them.
    harness.get_by_label(EDITOR).type_text("def f(x):");
    harness.key_press(Key::Enter);
    harness.get_by_label(EDITOR).type_text("return x");
    harness.key_press(Key::Enter);
    harness.get_by_label(EDITOR).type_text("print(f(1)");
    harness.get_by_label(EDITOR).type_text(")");
    harness.run();
    assert_eq!(code(&harness), "def f(x):\n    return x\nprint(f(1))");
}
