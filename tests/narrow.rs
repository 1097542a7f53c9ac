//! Narrow windows: at the smallest allowed width and on half a laptop
//! screen the lesson keeps a readable width; the notes and the sidebar fold
//! behind buttons and come back, at the learner's widths, when the window
//! grows.

mod support;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use pyroadmap::action::Action;
use pyroadmap::ui::LESSON_MIN_WIDTH;
use pyroadmap::{Config, PyroadmapApp};
use support::has_label;

fn app_sized(dir: &std::path::Path, width: f32) -> Harness<'static, PyroadmapApp> {
    let config = Config::new(dir.to_owned());
    let mut harness = Harness::builder()
        .with_size([width, 800.0])
        .with_max_steps(40)
        .build_eframe(move |cc| PyroadmapApp::new(&cc.egui_ctx, config));
    harness.run();
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .perform(&ctx, Action::OpenTopic("lists".into()));
    for _ in 0..4 {
        harness.step();
    }
    harness.run();
    harness
}

#[test]
fn a_narrow_window_keeps_the_lesson_readable() {
    for width in [560.0, 680.0] {
        let dir = tempfile::tempdir().unwrap();
        let mut harness = app_sized(dir.path(), width);
        let lesson = harness.state().lesson_width().expect("a lesson is open");
        assert!(
            lesson >= LESSON_MIN_WIDTH - 20.0,
            "at {width} px the lesson is {lesson} px wide"
        );
        assert!(
            harness
                .query_by_role_and_label(Role::Button, "✏ Notes")
                .is_some(),
            "at {width} px the notes fold behind a button"
        );
        // The notes come up when asked.
        harness
            .get_by_role_and_label(Role::Button, "✏ Notes")
            .click();
        harness.run();
        assert!(has_label(&harness, "Notes"), "the notes panel is shown");
        if width < 600.0 {
            assert!(
                harness
                    .query_by_role_and_label(Role::Button, "☰ Topics")
                    .is_some(),
                "at {width} px the sidebar folds too"
            );
        }

        // Wide again: both panels are back at their widths, no fold buttons.
        harness.set_size(egui::vec2(1400.0, 900.0));
        for _ in 0..4 {
            harness.step();
        }
        harness.run();
        assert!(
            harness
                .query_by_role_and_label(Role::Button, "✏ Notes")
                .is_none()
        );
        assert!(
            harness
                .query_by_role_and_label(Role::Button, "☰ Topics")
                .is_none()
        );
        assert!(has_label(&harness, "Notes"));
        assert!(
            harness
                .query_by_role_and_label(Role::Button, "Data structures")
                .is_some(),
            "the sidebar is back"
        );
    }
}

/// Whether a button shows its whole title: as wide as the title's text, or
/// wrapped onto more than one row.
fn shows_whole(harness: &Harness<'static, PyroadmapApp>, title: &str) -> Result<(), String> {
    let node = harness
        .query_all_by_role_and_label(Role::Button, title)
        .next()
        .ok_or_else(|| format!("no button {title:?}"))?;
    let rect = node.rect();
    let (text_width, row_height, padding) = {
        let style = harness.ctx.global_style();
        let font = egui::TextStyle::Button.resolve(&style);
        let padding = style.spacing.button_padding.x;
        harness.ctx.fonts_mut(|fonts| {
            let galley = fonts.layout_no_wrap(title.to_owned(), font.clone(), egui::Color32::WHITE);
            (galley.size().x, fonts.row_height(&font), padding)
        })
    };
    let is_wrapped = rect.height() > row_height * 1.6;
    if is_wrapped || rect.width() + 0.5 >= text_width + 2.0 * padding {
        Ok(())
    } else {
        Err(format!(
            "{title:?} is cut: {} px shown of {} px",
            rect.width(),
            text_width + 2.0 * padding
        ))
    }
}

#[test]
fn a_narrow_window_cuts_no_sidebar_title() {
    let course = pyroadmap::course::load_embedded().course;
    let section = course
        .sections
        .iter()
        .find(|s| s.topics.iter().any(|t| t.id == "lists"))
        .expect("lists is in a section");
    for width in [560.0, 640.0, 680.0] {
        let dir = tempfile::tempdir().unwrap();
        let mut harness = app_sized(dir.path(), width);
        if let Some(button) = harness.query_by_role_and_label(Role::Button, "☰ Topics") {
            button.click();
            harness.run();
        }
        let mut cut = Vec::new();
        for title in course
            .sections
            .iter()
            .map(|s| &s.title)
            .chain(section.topics.iter().map(|t| &t.title))
        {
            if let Err(why) = shows_whole(&harness, title) {
                cut.push(why);
            }
        }
        assert!(cut.is_empty(), "at {width} px: {cut:#?}");
    }
}

#[test]
fn the_solved_count_stays_on_one_line_in_a_narrow_window() {
    for width in [560.0, 640.0, 680.0] {
        let dir = tempfile::tempdir().unwrap();
        let harness = app_sized(dir.path(), width);
        let row_height = harness.ctx.fonts_mut(|fonts| {
            fonts.row_height(&egui::FontId::proportional(pyroadmap::theme::BODY_SIZE))
        });
        let counts: Vec<egui::Rect> = harness
            .query_all_by_label_contains("exercises solved")
            .map(|n| n.rect())
            .collect();
        assert!(!counts.is_empty(), "lists has exercises");
        for rect in counts {
            assert!(
                rect.height() < row_height * 1.6,
                "at {width} px \"… exercises solved\" takes {} px: it wraps",
                rect.height()
            );
        }
    }
}

/// Code and editors that no horizontal scroll bar lies over, and how many
/// horizontal bars there were.
fn bars_over_code(harness: &Harness<'static, PyroadmapApp>) -> (Vec<String>, usize) {
    let bars: Vec<egui::Rect> = harness
        .query_all_by_role(Role::ScrollBar)
        .map(|n| n.rect())
        .filter(|r| r.width() > r.height())
        .collect();
    let mut covered = Vec::new();
    for node in harness
        .query_all_by_role(Role::Label)
        .chain(harness.query_all_by_role(Role::MultilineTextInput))
    {
        let rect = node.rect();
        // A bar cut by the edge of the view is not where it will be.
        for bar in bars
            .iter()
            .filter(|bar| rect.bottom() <= bar.bottom() + 0.5)
        {
            let overlap = rect.intersect(*bar);
            if overlap.is_positive() && overlap.height() > 1.0 {
                covered.push(format!(
                    "{:?} {rect:?} under a bar {bar:?} by {} px",
                    egui_kittest::kittest::NodeT::accesskit_node(&node)
                        .label()
                        .unwrap_or_default()
                        .chars()
                        .take(40)
                        .collect::<String>(),
                    overlap.height()
                ));
            }
        }
    }
    (covered, bars.len())
}

#[test]
fn no_scroll_bar_lies_over_the_last_line_of_code() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = app_sized(dir.path(), 640.0);
    let ctx = harness.ctx.clone();
    let long = format!(
        "numbers = [{}]\nprint(numbers)\n",
        (0..60)
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    harness
        .state_mut()
        .perform(&ctx, Action::EditPlayground(long));
    harness
        .state_mut()
        .perform(&ctx, Action::OpenTopic("lists".into()));
    for _ in 0..4 {
        harness.step();
    }
    harness.run();
    let (mut covered, mut bars) = bars_over_code(&harness);
    harness.state_mut().perform(
        &ctx,
        Action::Command(pyroadmap::action::Command::OpenPlayground),
    );
    for _ in 0..4 {
        harness.step();
    }
    harness.run();
    let (playground, playground_bars) = bars_over_code(&harness);
    assert!(playground_bars > 0, "the long line scrolls sideways");
    covered.extend(playground);
    bars += playground_bars;
    assert!(covered.is_empty(), "{bars} bars: {covered:#?}");
}

/// The Playground's editor, Input box and buttons stay left of the Notes
/// panel, with room between: nothing runs under it, at any width.
#[test]
fn the_playground_keeps_clear_of_the_notes_panel() {
    for width in [680.0, 1000.0, 1280.0] {
        let dir = tempfile::tempdir().unwrap();
        let mut harness = app_sized(dir.path(), width);
        support::click(&mut harness, "Playground");
        if let Some(fold) = harness.query_by_role_and_label(Role::Button, "✏ Notes") {
            fold.click();
            harness.run();
        }
        let notes_left = harness.get_by_label("Notes").rect().left();
        // (At 680 px with the notes shown, the editor is wider than the
        // room left and scrolls sideways inside its own frame.)
        let labels: &[&str] = if width < 700.0 {
            &["Input", "Run", "Step"]
        } else {
            &["Code editor: Playground", "Input", "Run", "Step"]
        };
        for &label in labels {
            let right = harness
                .get_all_by_label(label)
                .map(|node| node.rect().right())
                .fold(f32::MIN, f32::max);
            assert!(
                right <= notes_left - 8.0,
                "at {width} px {label:?} reaches x={right}, the notes start at x={notes_left}"
            );
        }
    }
}
