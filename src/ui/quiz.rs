//! The interactive quiz: pick an answer, see right or wrong and why.

use egui::RichText;

use super::blocks::{BlockContext, spans_ui};
use super::code::code_text_ui;
use crate::action::Action;
use crate::course::{Question, Span};
use crate::study::TopicRecord;
use crate::theme;

/// Splits text on backticks into plain and code spans.
fn inline_code_spans(text: &str) -> Vec<Span> {
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| Span {
            text: part.to_owned(),
            is_code: i % 2 == 1,
            ..Span::default()
        })
        .collect()
}

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
        .filter(|(i, _)| record.quiz.contains_key(i))
        .count();
    let right = questions
        .iter()
        .enumerate()
        .filter(|(i, q)| record.quiz.get(i) == Some(&q.answer))
        .count();
    for (index, question) in questions.iter().enumerate() {
        ui.add_space(theme::BLOCK_SPACING);
        ui.push_id(("question", index), |ui| {
            question_ui(
                ui,
                topic,
                index,
                question,
                record.quiz.get(&index).copied(),
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
        inline_code_spans(&question.question)
            .into_iter()
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
    for (choice_index, choice) in question.choices.iter().enumerate() {
        let is_picked = picked == Some(choice_index);
        let is_answer = picked.is_some() && choice_index == question.answer;
        let label = choice_text(ui, choice, is_answer);
        let response = ui.add_enabled(picked.is_none(), egui::RadioButton::new(is_picked, label));
        if response.clicked() {
            actions.push(Action::AnswerQuiz {
                topic: topic.to_owned(),
                question: index,
                choice: choice_index,
            });
        }
    }
    if let Some(picked) = picked {
        let visuals = ui.visuals();
        let (verdict, colour) = if picked == question.answer {
            ("✔ Right.".to_owned(), theme::success(visuals))
        } else {
            (
                format!(
                    "❌ Not quite: the answer is “{}”.",
                    question.choices[question.answer]
                ),
                theme::danger(visuals),
            )
        };
        ui.label(
            RichText::new(verdict)
                .size(theme::BODY_SIZE)
                .color(colour)
                .strong(),
        );
        spans_ui(
            ui,
            &inline_code_spans(&question.explain),
            None,
            None,
            actions,
        );
    }
}

/// A choice as one piece of text, `backticks` shown as code, so the radio
/// button's accessible name is the whole choice.
fn choice_text(ui: &egui::Ui, choice: &str, is_answer: bool) -> egui::WidgetText {
    let mut job = egui::text::LayoutJob::default();
    let style = ui.style();
    for span in inline_code_spans(choice) {
        let mut text = egui::RichText::new(span.text).size(theme::BODY_SIZE);
        if span.is_code {
            text = text.code();
        }
        if is_answer {
            text = text.strong();
        }
        text.append_to(
            &mut job,
            style,
            egui::FontSelection::Default,
            egui::Align::Center,
        );
    }
    job.into()
}
