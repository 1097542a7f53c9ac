//! The Review page: today's due cards one at a time. A quiz card is graded
//! Again by a wrong pick and Hard, Good or Easy after a right one (keys 2, 3,
//! 4; Enter is Good); an exercise card is solved again from its starter and
//! checked as usual. Ctrl+Z takes the last grade back.

use egui::{Key, Modifiers, RichText};

use super::View;
use super::blocks::spans_ui;
use crate::action::{Action, RunTarget};
use crate::course::{Block, Exercise, Question, Topic};
use crate::study::review::{self, CardKind, CardRef, Grade, ReviewSession};
use crate::theme;

/// Draws the Review page.
pub fn review_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    let session = view.review;
    let is_typing = ui.ctx().egui_wants_keyboard_input();
    if session.can_undo()
        && !is_typing
        && ui.input_mut(|i| i.consume_key(Modifiers::COMMAND, Key::Z))
    {
        actions.push(Action::ReviewUndo);
    }
    super::column_ui(ui, "review", None, |ui| {
        ui.label(
            RichText::new("Review")
                .size(theme::HEADING_SIZES[0])
                .strong(),
        );
        let left = session.cards.len();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("{left} due today")).strong());
            if session.graded > 0 {
                ui.weak(format!("· {} reviewed this session", session.graded));
            }
            // Offered once there is a grade to take back.
            if session.can_undo()
                && ui
                    .small_button("Undo last grade")
                    .on_hover_text("Take the last grade back (Ctrl+Z)")
                    .clicked()
            {
                actions.push(Action::ReviewUndo);
            }
        });
        ui.separator();
        match session.cards.first() {
            Some(card) => card_ui(ui, view, session, card, is_typing, actions),
            None => empty_ui(ui, view, session, actions),
        }
        ui.add_space(theme::BLOCK_SPACING * 2.0);
        settings_ui(ui, view, actions);
    });
}

/// When nothing is due: say so, and when the next card is.
fn empty_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    session: &ReviewSession,
    actions: &mut Vec<Action>,
) {
    if session.graded > 0 {
        ui.label(
            RichText::new(format!(
                "✔ Done for today: {} cards reviewed.",
                session.graded
            ))
            .size(theme::HEADING_SIZES[2])
            .color(theme::success(ui.visuals())),
        );
    }
    match session.next_due_ms {
        Some(ms) => {
            ui.label(format!(
                "Nothing is due now. The next card is due {}.",
                when(ms, view.now_ms, &view.time_zone)
            ));
        }
        None => {
            ui.label("No cards yet.");
        }
    }
    ui.label(
        "A card is one thing to remember: a quiz question you answered in a lesson, a topic you marked Done (its questions), or an exercise you solved. Each comes back here from the next day on, and then again just before you would forget it.",
    );
    if ui.button("Stats ›").clicked() {
        actions.push(Action::Command(crate::action::Command::OpenStats));
    }
}

/// "tomorrow", "in 3 days", "on 2026-12-24".
fn when(ms: u64, now_ms: u64, zone: &jiff::tz::TimeZone) -> String {
    let day = review::local_day(ms, zone);
    let today = review::local_day(now_ms, zone);
    let days = day.since(today).map_or(0, |span| span.get_days());
    match days {
        i32::MIN..=0 => "later today".into(),
        1 => "tomorrow".into(),
        2..=13 => format!("in {days} days"),
        _ => format!("on {day}"),
    }
}

fn card_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    session: &ReviewSession,
    card: &CardRef,
    is_typing: bool,
    actions: &mut Vec<Action>,
) {
    let Some(topic) = view.course.topic(&card.topic) else {
        ui.label("This card's topic is no longer in the course.");
        if ui.button("Next").clicked() {
            actions.push(Action::ReviewNext);
        }
        return;
    };
    ui.horizontal_wrapped(|ui| {
        let section = view
            .course
            .sections
            .get(topic.section_index)
            .map_or("", |s| s.title.as_str());
        ui.weak(format!("{section} › {}", topic.title));
        if ui.link("Open the lesson").clicked() {
            actions.push(Action::OpenTopic(topic.id.clone()));
        }
    });
    ui.add_space(theme::BLOCK_SPACING);
    match &card.kind {
        CardKind::Quiz(id) => match question_of(topic, id) {
            Some(question) => quiz_card_ui(ui, view, session, card, question, is_typing, actions),
            None => missing_ui(ui, actions),
        },
        CardKind::Exercise(id) => match topic.exercises.iter().find(|e| &e.id == id) {
            Some(exercise) => exercise_card_ui(ui, view, session, topic, exercise, actions),
            None => missing_ui(ui, actions),
        },
    }
}

fn missing_ui(ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    ui.label("The lesson no longer has this card's question or exercise.");
    if ui.button("Next").clicked() {
        actions.push(Action::ReviewNext);
    }
}

fn question_of<'a>(topic: &'a Topic, id: &str) -> Option<&'a Question> {
    topic.doc().blocks.iter().find_map(|block| match block {
        Block::Quiz(questions) => questions.iter().find(|q| q.id == id),
        _ => None,
    })
}

const NUMBER_KEYS: [Key; 9] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
    Key::Num8,
    Key::Num9,
];

fn quiz_card_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    session: &ReviewSession,
    card: &CardRef,
    question: &Question,
    is_typing: bool,
    actions: &mut Vec<Action>,
) {
    let mut spans = question.rich().question.clone();
    for span in &mut spans {
        span.is_bold = true;
    }
    spans_ui(ui, &spans, Some(theme::HEADING_SIZES[3]), None, actions);
    if let Some(code) = &question.code {
        let frame = super::code::CodeFrame {
            lang: "python",
            text: code,
            output: None,
            badge: None,
        };
        super::code::code_block_ui(ui, &frame, view.highlighter, None, None, None, actions);
    }
    let visuals = ui.visuals().clone();
    for index in 0..question.choices.len() {
        let text = question.plain_choice(index);
        match session.picked {
            None => {
                let button = egui::Button::new(
                    RichText::new(format!("{}. {text}", index + 1)).size(theme::BODY_SIZE),
                )
                .min_size(egui::vec2(ui.available_width().min(520.0), 30.0));
                let response = ui.add(button);
                response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &text));
                if response.clicked() {
                    actions.push(Action::ReviewPick(index));
                }
            }
            Some(picked) => {
                let (label, colour) = if index == question.answer {
                    (
                        format!("✔ {text} (the right answer)"),
                        Some(theme::success(&visuals)),
                    )
                } else if index == picked {
                    (
                        format!("✖ {text} (your answer, wrong)"),
                        Some(theme::danger(&visuals)),
                    )
                } else {
                    (text.clone(), None)
                };
                let mut rich = RichText::new(&label).size(theme::BODY_SIZE);
                rich = match colour {
                    Some(colour) => rich.color(colour).strong(),
                    None => rich.color(visuals.weak_text_color()),
                };
                ui.label(rich);
            }
        }
    }
    if session.picked.is_none() && !is_typing {
        let count = question.choices.len().min(NUMBER_KEYS.len());
        let pressed = ui.input_mut(|i| {
            NUMBER_KEYS[..count]
                .iter()
                .position(|key| i.consume_key(Modifiers::NONE, *key))
        });
        if let Some(choice) = pressed {
            actions.push(Action::ReviewPick(choice));
        }
    }
    let Some(picked) = session.picked else {
        ui.weak("Pick an answer (or press its number).");
        return;
    };
    ui.add_space(theme::BLOCK_SPACING / 2.0);
    let explain = &question.rich().explain;
    if picked == question.answer {
        ui.label(
            RichText::new("✔ Right.")
                .size(theme::BODY_SIZE)
                .color(theme::success(&visuals))
                .strong(),
        );
        spans_ui(ui, explain, None, None, actions);
        grade_buttons_ui(ui, view, card, is_typing, actions);
    } else {
        let card_state = view.progress.cards.get(&card.id);
        let days = card_state.map_or(1, |c| c.scheduled_days.max(1));
        ui.label(
            RichText::new(format!(
                "✖ Not quite: graded Again, so it comes back in {}.",
                review::interval_text(days)
            ))
            .size(theme::BODY_SIZE)
            .color(theme::danger(&visuals))
            .strong(),
        );
        spans_ui(ui, explain, None, None, actions);
        let next = ui.button("Next ›").on_hover_text("Enter");
        if next.clicked()
            || (!is_typing && ui.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Enter)))
        {
            actions.push(Action::ReviewNext);
        }
    }
}

/// Hard, Good and Easy with the interval each gives; keys 2, 3, 4, and
/// Enter for Good. `with_again` adds Again (an exercise not solved).
fn grade_buttons_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    card: &CardRef,
    is_typing: bool,
    actions: &mut Vec<Action>,
) {
    let state = view.progress.cards.get(&card.id);
    let days = review::intervals(state, view.now_ms, view.progress.settings.desired_retention);
    ui.add_space(theme::BLOCK_SPACING / 2.0);
    ui.weak("How well did you remember it?");
    ui.horizontal_wrapped(|ui| {
        for (grade, key, index) in [
            (Grade::Hard, Key::Num2, 1),
            (Grade::Good, Key::Num3, 2),
            (Grade::Easy, Key::Num4, 3),
        ] {
            let label = format!("{} · {}", grade.label(), review::interval_text(days[index]));
            let button = egui::Button::new(RichText::new(&label).size(theme::BODY_SIZE))
                .min_size(egui::vec2(130.0, 34.0));
            let response = ui.add(button).on_hover_text(format!(
                "Key {}{}",
                index + 1,
                if grade == Grade::Good {
                    " or Enter"
                } else {
                    ""
                }
            ));
            let by_key = !is_typing
                && ui.input_mut(|i| {
                    i.consume_key(Modifiers::NONE, key)
                        || (grade == Grade::Good && i.consume_key(Modifiers::NONE, Key::Enter))
                });
            if response.clicked() || by_key {
                actions.push(Action::ReviewGrade(grade));
            }
        }
    });
}

fn exercise_card_ui(
    ui: &mut egui::Ui,
    view: &View<'_>,
    session: &ReviewSession,
    topic: &Topic,
    exercise: &Exercise,
    actions: &mut Vec<Action>,
) {
    ui.label(
        RichText::new(format!("Solve it again: {}", exercise.title))
            .size(theme::HEADING_SIZES[2])
            .strong(),
    );
    super::exercise::task_ui(ui, view, exercise, actions);
    let target = RunTarget::Review {
        topic: topic.id.clone(),
        exercise: exercise.id.clone(),
    };
    let run = view.practice.runs.get(&target);
    let mut code = session
        .draft
        .clone()
        .unwrap_or_else(|| exercise.starter.clone());
    let error = run.and_then(|run| crate::practice::traceback::error_line(run, &code));
    let (is_changed, wants_run) = super::editor::code_editor_ui(
        ui,
        ui.scope_id()
            .with(("review editor", &topic.id, &exercise.id)),
        &format!("Code editor: {}", exercise.title),
        &mut code,
        view.highlighter,
        error,
    );
    if is_changed {
        actions.push(Action::ReviewDraft(code.clone()));
    }
    if wants_run && super::practice::run_blocked_reason(view.practice).is_none() {
        actions.push(Action::RunCode {
            target: target.clone(),
            code: code.clone(),
        });
    }
    ui.horizontal_wrapped(|ui| {
        super::practice::run_buttons_ui(ui, view.practice, &target, &code, "Check", actions);
        if ui
            .small_button("Again: I could not solve it")
            .on_hover_text("Grade it Again: it comes back soon")
            .clicked()
        {
            actions.push(Action::ReviewGrade(Grade::Again));
        }
    });
    if let Some(run) = run {
        super::exercise::checks_ui(ui, run, &code, view.copied, actions);
        let is_solved = run
            .outcome
            .as_ref()
            .is_some_and(|o| !o.checks.is_empty() && o.checks.iter().all(|c| c.passed));
        if is_solved && let Some(card) = session.cards.first() {
            ui.label(
                RichText::new("✔ Solved again.")
                    .color(theme::success(ui.visuals()))
                    .strong(),
            );
            grade_buttons_ui(
                ui,
                view,
                card,
                ui.ctx().egui_wants_keyboard_input(),
                actions,
            );
        }
    }
}

/// Desired retention and the daily limit for new cards.
fn settings_ui(ui: &mut egui::Ui, view: &View<'_>, actions: &mut Vec<Action>) {
    let settings = &view.progress.settings;
    egui::CollapsingHeader::new("Review settings").show(ui, |ui| {
        let mut retention = settings.desired_retention * 100.0;
        let mut new_per_day = settings.new_cards_per_day;
        ui.horizontal(|ui| {
            ui.label("Desired retention");
            let response = ui.add(
                egui::DragValue::new(&mut retention)
                    .range(70.0..=99.0)
                    .speed(0.2)
                    .fixed_decimals(0)
                    .suffix(" %"),
            );
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::SpinButton, true, "Desired retention")
            });
            ui.weak("How many cards you want to still remember when they come back. Higher: you forget less, and review more often.");
        });
        ui.horizontal(|ui| {
            ui.label("New cards a day");
            let response = ui.add(egui::DragValue::new(&mut new_per_day).range(0..=500));
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::SpinButton, true, "New cards a day")
            });
            ui.weak("At most this many cards you have never reviewed join a day; the rest wait.");
        });
        let retention = (retention / 100.0 * 100.0).round() / 100.0;
        if (retention - settings.desired_retention).abs() > f32::EPSILON
            || new_per_day != settings.new_cards_per_day
        {
            actions.push(Action::ChangeSettings(crate::study::Settings {
                desired_retention: retention,
                new_cards_per_day: new_per_day,
                ..settings.clone()
            }));
        }
    });
}
