//! An error explained in plain words, shown above its traceback: what
//! happened, where (the learner's line, also marked in the editor), and
//! how to fix it.

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

use crate::practice::Explanation;
use crate::theme;

/// The explanation's three parts, each a labelled sentence in body text.
pub fn explanation_ui(ui: &mut egui::Ui, explanation: &Explanation) {
    let stroke = Stroke::new(1.0, theme::warning(ui.visuals()));
    egui::Frame::new()
        .fill(theme::output_background(ui.visuals()))
        .stroke(stroke)
        .corner_radius(theme::CORNER_RADIUS)
        .inner_margin(theme::CODE_MARGIN)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            part_ui(ui, "What happened", &explanation.what);
            if let Some(line) = explanation.line {
                part_ui(ui, "Where", &format!("line {line} of your code"));
            }
            part_ui(ui, "How to fix it", &explanation.fix);
        });
}

/// "Heading: sentence" in the lessons' body size, wrapped to the width,
/// `code` as the lessons' inline code.
pub(super) fn part_ui(ui: &mut egui::Ui, heading: &str, sentence: &str) {
    let body = FontId::proportional(theme::BODY_SIZE);
    let color = ui.visuals().text_color();
    let strong = ui.visuals().strong_text_color();
    let mut job = LayoutJob::default();
    job.append(
        &format!("{heading}: "),
        0.0,
        TextFormat::simple(body.clone(), strong),
    );
    append_sentence(&mut job, sentence, &body, color, ui);
    job.wrap.max_width = ui.available_width();
    ui.add(egui::Label::new(job).wrap());
}

/// `sentence` with the text between backticks as inline code; with an
/// unpaired backtick it is shown as written.
fn append_sentence(
    job: &mut LayoutJob,
    sentence: &str,
    body: &FontId,
    color: Color32,
    ui: &egui::Ui,
) {
    let mono = FontId::monospace(theme::BODY_SIZE);
    let background = ui.visuals().code_bg_color;
    for (part, is_code) in super::exercise::message_parts(sentence) {
        let format = if is_code {
            TextFormat {
                font_id: mono.clone(),
                color,
                background,
                ..Default::default()
            }
        } else {
            TextFormat::simple(body.clone(), color)
        };
        job.append(part, 0.0, format);
    }
}
