//! The real app, driven as a learner would: by labels and roles, over a
//! temporary data dir.

use egui::accesskit::Role;
mod support;

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use pyroadmap::course::{self, Block, visit_blocks};
use pyroadmap::study::Status;
use pyroadmap::ui::Page;
use support::{app, click, has_label, has_label_containing, open_topic, title_of};

/// What the last frame put on the clipboard.
fn copied_this_frame(harness: &egui_kittest::Harness<'_, pyroadmap::PyroadmapApp>) -> Vec<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn picking_a_topic_in_the_sidebar_shows_its_lesson() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    assert_eq!(
        *harness.state().page(),
        Page::Home,
        "a first start shows Home"
    );

    open_topic(&mut harness, "Data structures", "dicts");
    assert_eq!(*harness.state().page(), Page::Topic("dicts".into()));
    assert!(
        has_label(&harness, "Common mistakes"),
        "the lesson body is shown"
    );
    assert!(has_label(&harness, "Check yourself"), "the quiz is shown");
    assert_eq!(
        harness.state().progress().status("dicts"),
        Status::NotStarted,
        "opening a topic changes nothing"
    );
    assert!(has_label(
        &harness,
        &format!("Next: {} ›", title_of("sets"))
    ));
}

#[test]
fn copy_puts_exactly_the_block_on_the_clipboard() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_topic(&mut harness, "Data structures", "dicts");

    let loaded = course::load_embedded();
    let mut first_code = None;
    visit_blocks(
        &loaded.course.topic("dicts").unwrap().doc().blocks,
        &mut |b| {
            if let Block::Code(code) = b {
                first_code.get_or_insert(code.text.clone());
            }
        },
    );
    let expected = first_code.expect("the dicts lesson has code");

    harness
        .get_all_by_label("Copy")
        .next()
        .expect("a Copy button")
        .click();
    harness.step();
    assert_eq!(copied_this_frame(&harness), [expected]);
    harness.run();
    assert!(has_label(&harness, "Copied"), "the button says it copied");
}

#[test]
fn copy_on_windows_terminal_blocks_leaves_their_prompts_behind() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_topic(&mut harness, "Python fundamentals", "installing-python");
    let mut copied = Vec::new();
    // A clicked button reads "Copied" for a moment, so the buttons are
    // counted by either label: the nth stays the nth however long a frame
    // takes on a busy machine.
    let copy_buttons = || {
        egui_kittest::kittest::by()
            .predicate(|node| matches!(node.label().as_deref(), Some("Copy" | "Copied")))
    };
    let count = harness.query_all(copy_buttons()).count();
    assert!(count >= 2, "the lesson has its Copy buttons");
    for index in 0..count {
        let button = harness.query_all(copy_buttons()).nth(index).unwrap();
        button.scroll_to_me();
        harness.run();
        harness
            .query_all(copy_buttons())
            .nth(index)
            .unwrap()
            .click();
        harness.step();
        copied.extend(copied_this_frame(&harness));
        harness.run();
    }
    let powershell = "py -3.14 -m venv .venv\n.venv\\Scripts\\Activate.ps1\npython -m pip install --upgrade pip\n";
    assert!(
        copied.iter().any(|t| t == powershell),
        "PowerShell's PS> prompts are left out: {copied:#?}"
    );
    assert!(
        copied.iter().any(|t| t == ".venv\\Scripts\\activate.bat\n"),
        "cmd's C:\\project> prompt is left out: {copied:#?}"
    );
}

#[test]
fn marking_done_updates_the_section_count_and_overall_bar() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    let total = course::load_embedded().course.topic_count();
    assert!(has_label(
        &harness,
        &format!("0 of {total} topics done (0%)")
    ));
    open_topic(&mut harness, "Python fundamentals", "operators");
    assert!(has_label(&harness, "0/5"));

    harness.get_by_role_and_label(Role::Button, "Done").click();
    harness.run();
    assert_eq!(harness.state().progress().status("operators"), Status::Done);
    assert!(has_label(&harness, "1/5"), "the section counts it");
    let percent = 100 / total;
    assert!(
        has_label(&harness, &format!("1 of {total} topics done ({percent}%)")),
        "the overall bar counts it"
    );
}

#[test]
fn notes_status_and_last_topic_survive_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut harness = app(dir.path());
        open_topic(&mut harness, "Data structures", "sets");
        harness
            .get_by_role_and_label(Role::Button, "Skipped")
            .click();
        harness.run();
        let note = harness.get_by_label("Note");
        note.focus();
        harness.run();
        harness
            .get_by_label("Note")
            .type_text("frozenset can be a dict key");
        harness.run();
        assert_eq!(
            harness.state().progress().topic("sets").note,
            "frozenset can be a dict key"
        );
    } // Closing the app saves.

    let harness = app(dir.path());
    assert_eq!(
        *harness.state().page(),
        Page::Topic("sets".into()),
        "the last topic opens again"
    );
    assert_eq!(
        harness.get_by_label("Note").value().as_deref(),
        Some("frozenset can be a dict key")
    );
    assert_eq!(harness.state().progress().status("sets"), Status::Skipped);
    let skipped = harness.get_by_role_and_label(Role::Button, "Skipped");
    assert_eq!(
        skipped.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True),
        "shown as the status"
    );
}

#[test]
fn a_bookmarked_topic_is_listed_under_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    assert!(has_label(&harness, "Bookmarks (0)"));
    open_topic(&mut harness, "Regular expressions", "re-sub");
    click(&mut harness, "☆ Bookmark");
    assert!(has_label(&harness, "★ Bookmarked"));
    assert!(has_label(&harness, "Bookmarks (1)"));
    click(&mut harness, "Python fundamentals");
    click(&mut harness, &title_of("operators"));
    assert_eq!(
        harness.query_all_by_label(&title_of("re-sub")).count(),
        2,
        "in Bookmarks and in its section"
    );
    click(&mut harness, &title_of("re-sub"));
    assert_eq!(*harness.state().page(), Page::Topic("re-sub".into()));
}

#[test]
fn a_corrupt_progress_file_is_kept_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let garbage = "{ \"topics\": { \"dicts\": {\"status\": Dnoe";
    std::fs::write(dir.path().join("progress.ron"), garbage).unwrap();
    let harness = app(dir.path());
    assert!(
        harness
            .query_all_by_label_contains("Your progress file could not be read")
            .next()
            .is_some(),
        "a banner explains what happened"
    );
    let broken: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("progress.ron.broken-"))
        .collect();
    assert_eq!(broken.len(), 1);
    let where_kept = broken[0].display().to_string();
    assert!(
        harness
            .query_all_by_label_contains(&where_kept)
            .next()
            .is_some(),
        "the banner says where"
    );
    assert_eq!(
        std::fs::read_to_string(&broken[0]).unwrap(),
        garbage,
        "the old file is untouched"
    );
}

#[test]
fn quiz_answers_show_right_or_wrong_and_are_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let questions = support::quiz_of("lists");
    let first = &questions[0];
    let wrong = (first.answer + 1) % first.choices.len();
    {
        let mut harness = app(dir.path());
        open_topic(&mut harness, "Data structures", "lists");
        support::click_choice(&mut harness, &first.choices[wrong].replace('`', ""));
        assert!(
            harness
                .query_all_by_label_contains("Not quite")
                .next()
                .is_some()
        );
        assert_eq!(
            harness
                .state()
                .progress()
                .topic("lists")
                .quiz
                .get(&first.id),
            Some(&wrong)
        );
    }
    let harness = app(dir.path());
    assert!(
        harness
            .query_all_by_label_contains("Not quite")
            .next()
            .is_some(),
        "the answer is remembered"
    );
}

#[test]
fn next_topic_shortcut_moves_on() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_topic(&mut harness, "Python fundamentals", "installing-python");
    harness.key_press_modifiers(egui::Modifiers::ALT, egui::Key::PageDown);
    harness.run();
    assert_eq!(
        *harness.state().page(),
        Page::Topic("variables-and-types".into())
    );
    click(
        &mut harness,
        &format!("‹ Previous: {}", title_of("installing-python")),
    );
    assert_eq!(
        *harness.state().page(),
        Page::Topic("installing-python".into())
    );
}

#[test]
fn an_unwritable_data_dir_shows_a_banner_and_the_app_keeps_working() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "a file where the data dir should be").unwrap();
    let mut harness = app(&blocker.join("pyroadmap"));
    open_topic(&mut harness, "Data structures", "tuples");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::D);
    // Saves wait half a second after the last change.
    for _ in 0..30 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
    harness.run();
    assert!(
        harness
            .query_all_by_label_contains("Progress cannot be saved")
            .next()
            .is_some(),
        "a banner says saving fails"
    );
    assert!(
        harness
            .query_all_by_label_contains("not-a-folder")
            .next()
            .is_some(),
        "and where"
    );
    assert_eq!(
        harness.state().progress().status("tuples"),
        Status::Done,
        "nothing is lost in memory"
    );
}

#[test]
fn a_lesson_shows_its_picture_with_alt_text_for_screen_readers() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_topic(&mut harness, "Control flow and functions", "scope");
    let alt_start = "Four nested boxes, from outside to inside";
    // Drawn on a worker thread; the alt text stands in meanwhile.
    let started = std::time::Instant::now();
    while started.elapsed().as_secs() < 10 {
        let is_drawn = harness.query_all_by_role(Role::Image).any(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with(alt_start))
        });
        if is_drawn {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
    panic!("the LEGB picture never appeared as an image with its alt text");
}

#[test]
fn help_about_says_the_version_and_where_the_data_lives() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("About pyroadmap").click();
    harness.run();
    assert!(has_label_containing(
        &harness,
        &format!("pyroadmap {}", env!("CARGO_PKG_VERSION"))
    ));
    assert!(has_label_containing(
        &harness,
        &dir.path().display().to_string()
    ));
    assert!(has_label(&harness, "Open folder"));
    assert!(has_label_containing(&harness, "Open-source licences"));

    // Copy path copies the folder and says so.
    harness.get_by_label("Copy path").click();
    harness.step();
    assert_eq!(
        copied_this_frame(&harness),
        [dir.path().display().to_string()]
    );
    harness.run();
    assert!(has_label(&harness, "Copied"), "the button says it copied");
}

#[test]
fn a_table_in_a_lesson_is_wide_enough_to_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app(dir.path());
    open_topic(
        &mut harness,
        "Files and exceptions",
        "reading-writing-files",
    );
    harness.run();
    // Each cell of the table's "meaning" column is one line, not a word or
    // a few letters per line.
    let cell = harness.get_by_label("read (the default); the file must exist");
    let line = harness.ctx.global_style().text_styles[&egui::TextStyle::Body].size * 2.0;
    assert!(
        cell.rect().height() < line,
        "the cell wraps: {:?}",
        cell.rect()
    );
    assert!(cell.rect().width() > 200.0, "{:?}", cell.rect());
}
