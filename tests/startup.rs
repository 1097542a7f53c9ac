//! What the app prepares at start-up and what it leaves until it is needed:
//! the search index waits for search, and only the pages a learner is about
//! to open are highlighted ahead.

mod support;

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use pyroadmap::action::Action;
use pyroadmap::course;
use pyroadmap::study::{Progress, Status, ThemeChoice};
use support::{app, has_label_containing, run_until, seed};

#[test]
fn search_is_prepared_the_first_time_it_opens_and_then_finds() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    run_until(&mut harness, 0.3, |_| false);
    assert!(
        !harness.state().is_search_ready(),
        "no index is built before search is wanted"
    );

    harness.key_press_modifiers(Modifiers::COMMAND, Key::K);
    harness.run();
    // Typed before the index is ready: the palette says it is indexing,
    // then shows the results by itself.
    harness.get_by_label("Search").type_text("walrus");
    harness.run();
    if !harness.state().is_search_ready() {
        assert!(
            has_label_containing(&harness, "Indexing the course"),
            "while the index is built, search says so"
        );
        assert!(!has_label_containing(&harness, "walrus"), "no results yet");
    }
    assert!(
        run_until(&mut harness, 10.0, |h| h.state().is_search_ready()
            && has_label_containing(h, "walrus")),
        "the results arrive without typing again"
    );
    assert!(!has_label_containing(&harness, "Indexing the course"));
}

#[test]
fn the_next_and_previous_lessons_are_highlighted_before_they_open() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let course = course::load_embedded().course;
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .perform(&ctx, Action::OpenTopic("sqlalchemy".into()));
    harness.run();
    run_until(&mut harness, 0.2, |_| false);
    let is_dark = harness.ctx.global_style().visuals.dark_mode;
    harness.state().highlighter().wait_idle();

    let first_block = |topic: &str| {
        let doc = &course.topic(topic).expect("in the course").doc();
        pyroadmap::ui::code_blocks_of(doc)
            .first()
            .map(|(lang, text)| ((*lang).to_owned(), (*text).to_owned()))
            .expect("the lesson has code")
    };
    let next = course.neighbour("sqlalchemy", 1).expect("a next topic");
    let previous = course
        .neighbour("sqlalchemy", -1)
        .expect("a previous topic");
    for topic in [&next.id, &previous.id] {
        let (lang, text) = first_block(topic);
        assert!(
            harness
                .state()
                .highlighter()
                .get(&lang, &text, is_dark)
                .is_some(),
            "{topic} opens highlighted"
        );
    }
    // A lesson far away is highlighted when it opens, not kept ahead.
    let (lang, text) = first_block("lists");
    assert!(
        harness
            .state()
            .highlighter()
            .get(&lang, &text, is_dark)
            .is_none()
    );
}

#[test]
fn a_returning_learner_opens_on_their_lesson_with_only_the_lessons_near_it_read() {
    // Every topic studied: review counts cards across the whole course.
    let dir = tempfile::tempdir().expect("temp dir");
    let full = course::load_embedded().course;
    let mut progress = Progress::default();
    for topic in full.topics() {
        progress.update_topic(&topic.id, 1_000, |r| {
            r.status = Status::Done;
            r.note = format!("My note on {}", topic.title);
            for id in &topic.quiz_ids {
                r.quiz.insert(id.clone(), 0);
            }
        });
    }
    progress.last_topic = Some("sqlalchemy".into());
    progress.settings.new_cards_per_day = 10_000;
    seed(dir.path(), &progress);

    let mut harness = app(dir.path());
    run_until(&mut harness, 0.5, |_| false);
    harness.state().highlighter().wait_idle();
    harness.run();
    let title = &full.topic("sqlalchemy").expect("in the course").title;
    assert!(has_label_containing(&harness, title), "the lesson reopens");
    let course = harness.state().course();
    // The lesson, the topics before and after it and its section's overview.
    assert!(
        course.parsed_documents() <= 4,
        "{} of the course's lessons were read at start-up",
        course.parsed_documents()
    );

    // Review still counts a card for every question of the course.
    let cards: usize = full.topics().map(|t| t.quiz_ids.len()).sum();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::R);
    harness.run();
    assert!(
        has_label_containing(&harness, &format!("{cards} due today")),
        "the review page counts {cards} cards"
    );
}

#[test]
fn an_opened_lesson_shows_its_top_at_once_and_the_rest_in_the_next_frame() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let course = course::load_embedded().course;
    let topic = course.topic("installing-python").expect("in the course");
    assert!(!topic.exercises.is_empty(), "the lesson ends with practice");
    let ctx = harness.ctx.clone();
    harness
        .state_mut()
        .perform(&ctx, Action::OpenTopic(topic.id.clone()));
    harness.step();
    assert!(
        has_label_containing(&harness, &topic.title),
        "the top shows"
    );
    assert!(
        harness.query_by_label("Practice").is_none(),
        "the end of a long lesson waits for the next frame"
    );
    harness.run();
    assert!(harness.query_by_label("Practice").is_some());
    assert!(has_label_containing(&harness, &topic.title));
}

/// Where each text starting with `start` was drawn in a frame's shapes.
fn text_positions(shapes: &[egui::Shape], start: &str, found: &mut Vec<egui::Pos2>) {
    for shape in shapes {
        match shape {
            egui::Shape::Text(text) if text.galley.job.text.starts_with(start) => {
                found.push(text.pos);
            }
            egui::Shape::Vec(inner) => text_positions(inner, start, found),
            _ => {}
        }
    }
}

#[test]
fn the_first_frame_shows_code_plain_and_its_colours_arrive_in_place() {
    use eframe::App as _;

    let dir = tempfile::tempdir().expect("temp dir");
    let progress = Progress {
        last_topic: Some("sqlalchemy".into()),
        ..Progress::default()
    };
    seed(dir.path(), &progress);
    let ctx = egui::Context::default();
    let mut app = pyroadmap::PyroadmapApp::new(&ctx, pyroadmap::Config::new(dir.path().into()));
    let mut frame = eframe::Frame::_new_kittest();
    let mut run_frame = |app: &mut pyroadmap::PyroadmapApp| {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1200.0, 800.0),
            )),
            ..Default::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            app.logic(ui.ctx(), &mut frame);
            app.ui(ui, &mut frame);
        });
        // No renderer here: the font texture is not uploaded.
        output.textures_delta.clear();
        let shapes: Vec<egui::Shape> = output.shapes.into_iter().map(|c| c.shape).collect();
        shapes
    };
    let first = run_frame(&mut app);
    let course = course::load_embedded().course;
    let doc = course.topic("sqlalchemy").expect("in the course").doc();
    let is_dark = ctx.global_style().visuals.dark_mode;
    // The code blocks drawn in the first frame, and where.
    let drawn: Vec<(&str, &str, Vec<egui::Pos2>)> = pyroadmap::ui::code_blocks_of(doc)
        .into_iter()
        .filter_map(|(lang, text)| {
            let mut at = Vec::new();
            text_positions(&first, text.lines().next()?, &mut at);
            (!at.is_empty()).then_some((lang, text, at))
        })
        .collect();
    assert!(!drawn.is_empty(), "the lesson opens with code on screen");
    for (lang, text, _) in &drawn {
        assert!(
            app.highlighter().get(lang, text, is_dark).is_none(),
            "nothing is highlighted before the window is on screen"
        );
    }
    // The window is on screen: the colours arrive by themselves.
    let started = std::time::Instant::now();
    loop {
        run_frame(&mut app);
        if drawn
            .iter()
            .all(|(lang, text, _)| app.highlighter().get(lang, text, is_dark).is_some())
        {
            break;
        }
        assert!(started.elapsed().as_secs() < 20, "the colours never came");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let shapes = run_frame(&mut app);
    for (_, text, at) in &drawn {
        let mut now = Vec::new();
        text_positions(&shapes, text.lines().next().expect("a line"), &mut now);
        assert_eq!(&now, at, "the code keeps its place");
    }
}

#[test]
fn the_window_is_cleared_to_the_panels_colour_and_no_panel_paints_it_again() {
    for theme in [ThemeChoice::Dark, ThemeChoice::Light] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut progress = Progress {
            last_topic: Some("lists".into()),
            ..Progress::default()
        };
        progress.settings.theme = theme;
        progress.settings.is_notes_open = true;
        progress.update_topic("lists", 1_000, |r| {
            r.note = "A note that fills the notes panel. ".repeat(20);
        });
        seed(dir.path(), &progress);
        let mut harness = app(dir.path());
        harness.run();
        let visuals = harness.ctx.global_style().visuals.clone();
        assert_eq!(visuals.dark_mode, theme == ThemeChoice::Dark);
        assert_eq!(
            eframe::App::clear_color(harness.state(), &visuals),
            visuals.panel_fill.to_normalized_gamma_f32(),
            "{theme:?}: the window is cleared to the panels' colour"
        );
        // Every panel shows: the menu, the status line, the sidebar, the
        // notes and the lesson.
        assert!(has_label_containing(&harness, "Saved as you type"));
        assert!(has_label_containing(&harness, "Python Developer"));
        let window = harness.ctx.content_rect().area();
        let painted: f32 = harness
            .output()
            .shapes
            .iter()
            .filter_map(|clipped| match &clipped.shape {
                egui::Shape::Rect(rect) if rect.fill == visuals.panel_fill => {
                    Some(rect.rect.intersect(clipped.clip_rect).area())
                }
                _ => None,
            })
            .sum();
        assert!(
            painted < 0.02 * window,
            "{theme:?}: {painted} of the window's {window} square points are painted \
             the panels' colour over the clear colour"
        );
    }
}

#[test]
fn the_font_atlas_is_at_most_4096_pixels_wide_whatever_the_card_allows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = app(dir.path());
    let ctx = harness.ctx.clone();
    for (offered, kept) in [
        (Some(16_384), Some(4096)),
        (Some(8192), Some(4096)),
        (Some(2048), Some(2048)),
        (None, None),
    ] {
        let mut raw_input = egui::RawInput {
            max_texture_side: offered,
            ..Default::default()
        };
        eframe::App::raw_input_hook(harness.state_mut(), &ctx, &mut raw_input);
        assert_eq!(raw_input.max_texture_side, kept, "offered {offered:?}");
    }
    // The atlas egui then makes for a frame's text.
    let mut raw_input = egui::RawInput {
        max_texture_side: Some(8192),
        ..Default::default()
    };
    eframe::App::raw_input_hook(harness.state_mut(), &ctx, &mut raw_input);
    let fresh = egui::Context::default();
    let mut output = fresh.run_ui(raw_input, |ui| {
        ui.label("Some text, so the atlas holds glyphs.");
    });
    output.textures_delta.clear();
    #[expect(
        clippy::redundant_closure_for_method_calls,
        reason = "the method's lifetime is not general enough to pass as is"
    )]
    let [width, _] = fresh.fonts(|fonts| fonts.font_image_size());
    assert_eq!(width, 4096);
}

#[test]
fn the_learners_file_read_while_the_window_opens_is_what_the_app_shows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut progress = Progress {
        last_topic: Some("lists".into()),
        ..Progress::default()
    };
    progress.update_topic("lists", 1_000, |r| {
        r.note = "Read on its own thread.".into();
    });
    seed(dir.path(), &progress);
    // As `main` does: this machine's settings first, then the file on a
    // thread from the window hook, then the app.
    let mut config = pyroadmap::Config::new(dir.path().to_owned());
    let _ = config.open_data();
    let read_progress = config.progress_reader();
    read_progress();
    let harness = support::app_with_config(config);
    assert_eq!(
        harness.state().progress().topic("lists").note,
        "Read on its own thread."
    );
    // The lesson it names reopens.
    assert!(has_label_containing(&harness, &support::title_of("lists")));
}
