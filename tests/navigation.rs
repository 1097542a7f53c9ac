//! Finding things and getting around: search, shortcuts, help, Home, Map,
//! filters and settings, driven through the real app.

mod support;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use pyroadmap::PyroadmapApp;
use pyroadmap::action::Command;
use pyroadmap::study::{Progress, Status};
use pyroadmap::ui::Page;
use support::{app, click, has_label, seed, title_of};

/// Steps until the search index, built when search first opens, has arrived.
fn wait_for_search(harness: &mut Harness<'_, PyroadmapApp>) {
    for _ in 0..200 {
        if harness.state().is_search_ready() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    panic!("the search index was not built within 2 s");
}

fn search_for(harness: &mut Harness<'_, PyroadmapApp>, query: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    // The index is built the first time search opens.
    wait_for_search(harness);
    harness.get_by_label("Search").type_text(query);
    harness.run();
}

#[test]
fn search_finds_a_fuzzy_title_and_a_word_only_in_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    progress.update_topic("sets", 1, |r| {
        r.note = "The zanzibar trick: frozenset can be a key.".into();
    });
    seed(dir.path(), &progress);
    let mut harness = app(dir.path());
    search_for(&mut harness, "dcorator");
    assert!(
        has_label(&harness, pyroadmap::ui::PALETTE_HINT),
        "the palette is open"
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(*harness.state().page(), Page::Topic("decorators".into()));

    search_for(&mut harness, "zanzibar");
    assert!(
        harness
            .query_all_by_label_contains("Note: ")
            .next()
            .is_some(),
        "the hit says it is in a note"
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(*harness.state().page(), Page::Topic("sets".into()));
}

#[test]
fn search_opens_the_lesson_about_what_a_learner_types() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    search_for(&mut harness, "walrus");
    let first = harness
        .query_all_by_label_contains(": ")
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with("Lesson: "))
        })
        .and_then(|n| n.accesskit_node().label())
        .expect("a lesson result");
    assert!(
        first.contains("Operators and expressions") && first.contains("The walrus operator"),
        "{first}"
    );
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(*harness.state().page(), Page::Topic("operators".into()));

    for (query, topic) in [
        ("how do i read a file", "reading-writing-files"),
        ("constructor", "init-method"),
        ("fstring", "strings"),
    ] {
        search_for(&mut harness, query);
        harness.key_press(Key::Enter);
        harness.run();
        assert_eq!(
            *harness.state().page(),
            Page::Topic(topic.into()),
            "{query}"
        );
    }
}

#[test]
fn search_keys_move_the_selection_and_esc_closes() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    search_for(&mut harness, "setdefault");
    harness.key_press(Key::ArrowDown);
    harness.key_press(Key::ArrowUp);
    harness.key_press(Key::Escape);
    harness.run();
    assert!(
        !has_label(&harness, pyroadmap::ui::PALETTE_HINT),
        "Esc closes the palette"
    );
    assert_eq!(*harness.state().page(), Page::Home, "nothing was opened");

    search_for(&mut harness, "qqqzzzx");
    assert!(
        harness
            .query_all_by_label_contains("No results for “qqqzzzx”")
            .next()
            .is_some()
    );
}

#[test]
fn an_empty_search_lists_recent_topics() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    progress.note_opened("tuples", 5);
    progress.note_opened("lambdas", 6);
    seed(dir.path(), &progress);
    let mut harness = app(dir.path());
    search_for(&mut harness, "");
    let recent = harness.query_all_by_label_contains("Recent: ").count();
    assert_eq!(recent, 2);
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        *harness.state().page(),
        Page::Topic("lambdas".into()),
        "the newest first"
    );
}

#[test]
fn the_help_overlay_lists_every_command_and_its_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    harness.key_press(Key::F1);
    harness.run();
    assert!(has_label(&harness, "Keyboard shortcuts"));
    for command in Command::all() {
        assert!(
            has_label(&harness, command.label()),
            "{command:?} is listed"
        );
        let keys = command.shortcut_text(&harness.ctx);
        assert!(has_label(&harness, &keys), "{command:?} shows {keys}");
    }
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!has_label(&harness, "Keyboard shortcuts"));
}

/// On a laptop's 800 px window the list is taller than the window: it
/// scrolls, while its heading and Close stay on screen.
#[test]
fn the_help_overlay_fits_a_short_window() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    harness.set_size(egui::vec2(1280.0, 800.0));
    harness.run();
    harness.key_press(Key::F1);
    harness.run();
    // The heading comes first (the list has a "Keyboard shortcuts" row too).
    let heading = harness
        .get_all_by_label("Keyboard shortcuts")
        .next()
        .unwrap()
        .rect();
    let close = harness.get_by_role_and_label(Role::Button, "Close").rect();
    for (what, rect) in [("the heading", heading), ("Close", close)] {
        assert!(
            rect.top() >= 0.0 && rect.bottom() <= 800.0,
            "{what} is at {rect:?}, off an 800 px window"
        );
    }
}

#[test]
fn home_continue_opens_the_first_topic_not_done() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    progress.update_topic("installing-python", 1, |r| r.status = Status::Done);
    progress.update_topic("variables-and-types", 1, |r| r.status = Status::Skipped);
    progress.update_topic("operators", 1, |r| {
        r.note = "walrus needs parentheses".into();
    });
    seed(dir.path(), &progress);
    let mut harness = app(dir.path());
    assert_eq!(*harness.state().page(), Page::Home);
    assert!(
        has_label(&harness, &title_of("operators")),
        "recent notes are listed"
    );
    click(
        &mut harness,
        &format!("Continue: {} ›", title_of("basic-syntax")),
    );
    assert_eq!(*harness.state().page(), Page::Topic("basic-syntax".into()));
}

#[test]
fn home_continue_opens_the_topic_the_learner_was_last_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    progress.update_topic("dicts", 1, |r| r.status = Status::InProgress);
    progress.note_opened("dicts", 2);
    seed(dir.path(), &progress);
    let mut harness = app(dir.path());
    // A returning learner's window reopens the lesson; Home has Continue.
    harness.key_press_modifiers(Modifiers::ALT, Key::Home);
    harness.run();
    click(&mut harness, &format!("Continue: {} ›", title_of("dicts")));
    assert_eq!(*harness.state().page(), Page::Topic("dicts".into()));

    // Once it is done, Continue goes on to the topic after it.
    let dir = tempfile::tempdir().unwrap();
    progress.update_topic("dicts", 3, |r| r.status = Status::Done);
    seed(dir.path(), &progress);
    let mut harness = app(dir.path());
    harness.key_press_modifiers(Modifiers::ALT, Key::Home);
    harness.run();
    assert!(has_label(
        &harness,
        &format!("Continue: {} ›", title_of("sets"))
    ));
}

#[test]
fn zooming_out_stops_while_text_is_still_readable() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    for _ in 0..10 {
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
        harness.run();
    }
    let style = harness.ctx.global_style();
    let size = |text: egui::TextStyle| style.text_styles[&text].size * harness.ctx.zoom_factor();
    assert!(
        size(egui::TextStyle::Body) >= 11.0 && size(egui::TextStyle::Small) >= 8.0,
        "body text {:.1} px, small text {:.1} px",
        size(egui::TextStyle::Body),
        size(egui::TextStyle::Small)
    );
}

#[test]
fn clicking_a_topic_on_the_map_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::M);
    harness.run();
    assert_eq!(*harness.state().page(), Page::Map);
    let title = title_of("dicts");
    // The map is drawn in a zoomable scene; AccessKit reports node bounds
    // before the scene's zoom, so click the way a screen reader does.
    harness
        .get_by_role_and_label(Role::Button, &title)
        .click_accesskit();
    harness.run();
    assert_eq!(*harness.state().page(), Page::Topic("dicts".into()));
}

#[test]
fn filters_hide_and_show_rows_but_counts_stay_true() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    progress.update_topic("operators", 1, |r| r.status = Status::Done);
    progress.update_topic("lists", 1, |r| r.bookmarked = true);
    seed(dir.path(), &progress);
    let mut harness = app(dir.path());
    harness
        .get_by_role_and_label(Role::Button, "Python fundamentals")
        .click();
    harness.run();
    let operators = title_of("operators");
    let row_count = |h: &Harness<'_, PyroadmapApp>, label: &str| {
        h.query_all_by_role_and_label(Role::Button, label).count()
    };
    assert_eq!(row_count(&harness, &operators), 1);

    click(&mut harness, "Hide done");
    assert_eq!(
        row_count(&harness, &operators),
        0,
        "the done topic is hidden"
    );
    assert_eq!(
        row_count(&harness, &title_of("basic-syntax")),
        1,
        "others stay"
    );
    assert!(
        has_label(&harness, "1/5"),
        "the section still counts the hidden topic"
    );

    click(&mut harness, "Hide done");
    assert_eq!(row_count(&harness, &operators), 1, "shown again");

    click(&mut harness, "★ only");
    assert_eq!(row_count(&harness, &title_of("basic-syntax")), 0);
    // A section without a match is not listed at all (it used to be, with
    // "No topics match the filters." inside).
    assert_eq!(row_count(&harness, "Python fundamentals"), 0);
    assert_eq!(
        row_count(&harness, &title_of("lists")),
        1,
        "the bookmark stays"
    );
}

#[test]
fn a_sidebar_filter_lists_only_the_sections_with_a_match() {
    let dir = tempfile::tempdir().unwrap();
    let mut progress = Progress::default();
    progress.update_topic("dicts", 1, |r| r.bookmarked = true);
    seed(dir.path(), &progress);
    let mut harness = app(dir.path());
    let section_listed = |h: &Harness<'_, PyroadmapApp>, title: &str| {
        h.query_by_role_and_label(Role::Button, title).is_some()
    };
    assert!(section_listed(&harness, "Python fundamentals"));
    click(&mut harness, "★ only");
    assert!(
        section_listed(&harness, "Data structures"),
        "it holds the bookmark"
    );
    assert!(
        !section_listed(&harness, "Python fundamentals"),
        "no bookmark there, so it is not listed"
    );
    assert!(!has_label(&harness, "No topics match the filters."));
    click(&mut harness, "★ only");
    click(&mut harness, "Hide done");
    click(&mut harness, "✏ only");
    assert!(
        has_label(&harness, "No topics match the filters."),
        "no note anywhere: the sidebar says so once"
    );
}

#[test]
fn theme_zoom_and_notes_panel_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut harness = app(dir.path());
        click(&mut harness, "View");
        click(&mut harness, "Dark");
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Plus);
        harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::N);
        harness.run();
        assert!(
            (harness.ctx.zoom_factor() - 1.2).abs() < 1e-4,
            "zoomed in twice"
        );
        assert!(!has_label(&harness, "Notes"), "the notes panel is hidden");
    }
    let harness = app(dir.path());
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    assert!(
        (harness.ctx.zoom_factor() - 1.2).abs() < 1e-4,
        "zoom is back: {}",
        harness.ctx.zoom_factor()
    );
    assert!(
        !has_label(&harness, "Notes"),
        "the notes panel stays hidden"
    );
    let settings = &harness.state().progress().settings;
    assert_eq!(settings.theme, pyroadmap::study::ThemeChoice::Dark);
}

#[test]
fn shift_shortcuts_are_not_taken_for_their_plain_twins() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    support::open_topic(&mut harness, "Data structures", "sets");
    // Ctrl+Shift+S cycles the status; Ctrl+S alone means nothing here.
    harness.key_press_modifiers(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
    harness.run();
    assert_eq!(
        harness.state().progress().status("sets"),
        Status::InProgress,
        "Not started → In progress"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::B);
    harness.run();
    assert!(harness.state().progress().topic("sets").bookmarked);
}

#[test]
#[expect(
    clippy::redundant_closure_for_method_calls,
    reason = "the method path is not general enough over the node's lifetime"
)]
fn tab_reaches_the_sidebar_and_every_kind_of_lesson_control() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    support::open_topic(&mut harness, "Data structures", "sets");
    let mut focused = Vec::new();
    for _ in 0..400 {
        harness.key_press(Key::Tab);
        harness.run();
        if let Some(node) = harness.query_by(|n| n.is_focused()) {
            let label = node.accesskit_node().label().unwrap_or_default();
            if focused.last() != Some(&label) {
                focused.push(label);
            }
        }
    }
    let reached = |label: &str| focused.iter().any(|f| f == label);
    assert!(reached(&title_of("tuples")), "a sidebar topic: {focused:?}");
    assert!(reached("Copy"), "a Copy button: {focused:?}");
    assert!(reached("Done"), "the status control: {focused:?}");
    assert!(
        reached(&format!("Next: {} ›", title_of("strings"))),
        "the Next button: {focused:?}"
    );
    assert!(
        focused.iter().any(|f| f.contains("Note")),
        "the notes editor: {focused:?}"
    );
}

#[test]
fn the_readme_lists_every_command_with_its_keys() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let harness = Harness::new_ui(|_| {});
    for command in Command::all() {
        let keys = command.shortcut_text(&harness.ctx);
        let row = format!("| {} | {} |", command.label(), keys);
        assert!(readme.contains(&row), "README.md lacks the row `{row}`");
    }
}
