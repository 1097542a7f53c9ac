//! The interactive quiz: pick an answer (click, or its number key while the
//! quiz has focus), then see which choice was right and why.

use egui::RichText;

use super::blocks::{BlockContext, spans_galley, spans_ui};
use super::code::code_text_ui;
use crate::action::Action;
use crate::course::{Question, Span};
use crate::study::TopicRecord;
use crate::theme;

/// Draws every question and the score.
pub fn quiz_ui(
    ui: &mut egui::Ui,
    topic: &str,
    questions: &[Question],
    record: &TopicRecord,
    cx: &BlockContext<'_>,
    actions: &mut Vec<Action>,
) {
    ui.separator();
    ui.label(
        RichText::new("Check yourself")
            .size(theme::HEADING_SIZES[1])
            .strong(),
    );
    let answered = questions
        .iter()
        .enumerate()
        .filter(|(_, q)| record.quiz.contains_key(&q.id))
        .count();
    let right = questions
        .iter()
        .enumerate()
        .filter(|(_, q)| record.quiz.get(&q.id) == Some(&q.answer))
        .count();
    for (index, question) in questions.iter().enumerate() {
        ui.add_space(theme::BLOCK_SPACING);
        ui.push_id(("question", index), |ui| {
            question_ui(
                ui,
                topic,
                index,
                question,
                record.quiz.get(&question.id).copied(),
                cx,
                actions,
            );
        });
    }
    ui.add_space(theme::BLOCK_SPACING);
    ui.horizontal(|ui| {
        if answered == questions.len() {
            ui.label(RichText::new(format!("Score: {right} of {}", questions.len())).strong());
        } else {
            ui.weak(format!("{answered} of {} answered", questions.len()));
        }
        if answered > 0 && ui.button("Try again").clicked() {
            actions.push(Action::RetryQuiz(topic.to_owned()));
        }
    });
}

/// What a choice is once the question is answered.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Not answered yet: a choice to pick.
    Open,
    /// The right answer, picked or not.
    Right { is_picked: bool },
    /// The learner's wrong pick.
    Wrong,
    /// Another wrong choice, not picked.
    Other,
}

fn question_ui(
    ui: &mut egui::Ui,
    topic: &str,
    index: usize,
    question: &Question,
    picked: Option<usize>,
    cx: &BlockContext<'_>,
    actions: &mut Vec<Action>,
) {
    let mut spans = vec![Span {
        text: format!("{}. ", index + 1),
        is_bold: true,
        ..Span::default()
    }];
    spans.extend(
        question
            .rich()
            .question
            .iter()
            .cloned()
            .map(|s| Span { is_bold: true, ..s }),
    );
    spans_ui(ui, &spans, None, None, actions);
    if let Some(code) = &question.code {
        egui::Frame::new()
            .fill(theme::code_background(ui.visuals()))
            .corner_radius(theme::CORNER_RADIUS)
            .inner_margin(theme::CODE_MARGIN)
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                code_text_ui(
                    ui,
                    "python",
                    code,
                    cx.highlighter,
                    ui.visuals().dark_mode,
                    None,
                );
            });
    }
    let mut has_focus = false;
    let mut choices_rect = egui::Rect::NOTHING;
    for choice_index in 0..question.choices.len() {
        let verdict = match picked {
            None => Verdict::Open,
            Some(p) if choice_index == question.answer => Verdict::Right {
                is_picked: p == choice_index,
            },
            Some(p) if p == choice_index => Verdict::Wrong,
            Some(_) => Verdict::Other,
        };
        let response = choice_ui(ui, question, choice_index, verdict);
        has_focus |= response.has_focus();
        choices_rect = choices_rect.union(response.rect);
        if response.clicked() && verdict == Verdict::Open {
            actions.push(answer(topic, &question.id, choice_index));
        }
    }
    // The number of a choice picks it while the question has focus, or
    // else in the first open question wholly in view, unless the learner
    // is typing somewhere.
    let is_in_view = ui.clip_rect().contains_rect(choices_rect);
    if picked.is_none()
        && (has_focus || (is_in_view && !ui.ctx().text_edit_focused()))
        && take_number_keys(ui.ctx())
    {
        let count = question.choices.len().min(NUMBER_KEYS.len());
        let pressed = ui.input_mut(|i| {
            NUMBER_KEYS[..count]
                .iter()
                .position(|key| i.consume_key(egui::Modifiers::NONE, *key))
        });
        if let Some(choice) = pressed {
            actions.push(answer(topic, &question.id, choice));
        }
    }
    feedback_ui(ui, question, picked);
}

/// Whether the number keys are still free this frame, taking them if so:
/// one question answers a key press, never two.
fn take_number_keys(ctx: &egui::Context) -> bool {
    let id = egui::Id::unique("quiz number keys taken");
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| {
        let is_free = d.get_temp::<u64>(id) != Some(pass);
        d.insert_temp(id, pass);
        is_free
    })
}

const NUMBER_KEYS: [egui::Key; 9] = [
    egui::Key::Num1,
    egui::Key::Num2,
    egui::Key::Num3,
    egui::Key::Num4,
    egui::Key::Num5,
    egui::Key::Num6,
    egui::Key::Num7,
    egui::Key::Num8,
    egui::Key::Num9,
];

fn answer(topic: &str, question: &str, choice: usize) -> Action {
    Action::AnswerQuiz {
        topic: topic.to_owned(),
        question: question.to_owned(),
        choice,
    }
}

/// One choice: a radio button to pick; once answered, the right answer and a
/// wrong pick say so with an icon, a colour and their accessible name.
fn choice_ui(
    ui: &mut egui::Ui,
    question: &Question,
    index: usize,
    verdict: Verdict,
) -> egui::Response {
    let visuals = ui.visuals().clone();
    let (icon, note, colour) = match verdict {
        Verdict::Open | Verdict::Other => ("", "", None),
        Verdict::Right { is_picked: true } => {
            ("✔ ", "your answer, right", Some(theme::success(&visuals)))
        }
        Verdict::Right { is_picked: false } => {
            ("✔ ", "the right answer", Some(theme::success(&visuals)))
        }
        Verdict::Wrong => ("✖ ", "your answer, wrong", Some(theme::danger(&visuals))),
    };
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style();
    let mut append = |text: RichText| {
        text.append_to(
            &mut job,
            style,
            egui::FontSelection::Default,
            egui::Align::Center,
        );
    };
    if let Some(colour) = colour {
        append(
            RichText::new(icon)
                .size(theme::BODY_SIZE)
                .color(colour)
                .strong(),
        );
    }
    for span in question.rich().choices.get(index).into_iter().flatten() {
        let mut text = RichText::new(&span.text).size(theme::BODY_SIZE);
        if span.is_code {
            text = text.code();
        }
        if let Some(colour) = colour {
            text = text.color(colour).strong();
        } else if verdict == Verdict::Other {
            text = text.color(visuals.weak_text_color());
        }
        append(text);
    }
    if let Some(colour) = colour {
        append(
            RichText::new(format!("  ({note})"))
                .size(theme::BODY_SIZE - 2.0)
                .color(colour),
        );
    }
    let is_picked = matches!(verdict, Verdict::Right { is_picked: true } | Verdict::Wrong);
    let response = ui.add(egui::RadioButton::new(is_picked, job));
    // Only an open question's choices do anything; the label says the rest.
    let plain = question.plain_choice(index);
    let label = match verdict {
        Verdict::Open | Verdict::Other => plain,
        _ => format!("{icon}{plain} ({note})"),
    };
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::RadioButton, true, is_picked, &label)
    });
    response
}

/// "Right." or "Not quite." and the explanation, in a space kept from the
/// start, so answering never moves the questions below.
fn feedback_ui(ui: &mut egui::Ui, question: &Question, picked: Option<usize>) {
    let explain = spans_galley(ui, &question.rich().explain);
    let verdict_height = ui
        .text_style_height(&egui::TextStyle::Body)
        .max(theme::BODY_SIZE * 1.3);
    let spacing = ui.spacing().item_spacing.y;
    let height = verdict_height + spacing + explain.size().y;
    let Some(picked) = picked else {
        let top = ui.cursor().min.y;
        line_ui(
            ui,
            verdict_height,
            RichText::new("Pick an answer, or press its number, to see why.")
                .size(theme::BODY_SIZE - 2.0)
                .weak(),
        );
        let used = ui.cursor().min.y - top;
        ui.add_space((height - used).max(0.0));
        return;
    };
    let top = ui.cursor().min.y;
    let visuals = ui.visuals();
    let (verdict, colour) = if picked == question.answer {
        ("✔ Right.", theme::success(visuals))
    } else {
        ("✖ Not quite.", theme::danger(visuals))
    };
    line_ui(
        ui,
        verdict_height,
        RichText::new(verdict)
            .size(theme::BODY_SIZE)
            .color(colour)
            .strong(),
    );
    ui.add(egui::Label::new(explain));
    // Whatever the fonts did, take exactly the space that was kept.
    let used = ui.cursor().min.y - top;
    if used < height {
        ui.add_space(height - used);
    }
}

/// One line of text, left-aligned in a row of exactly `height`.
fn line_ui(ui: &mut egui::Ui, height: f32, text: RichText) {
    ui.allocate_ui_with_layout(
        egui::vec2(ui.available_width(), height),
        egui::Layout::left_to_right(egui::Align::Center),
        |ui| {
            ui.set_min_height(height);
            ui.label(text);
        },
    );
}
