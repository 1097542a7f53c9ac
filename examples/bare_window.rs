//! The yardstick for start-up: a bare eframe window of the same size and
//! features as pyroadmap, showing one heading and one syntect-highlighted
//! block. `tools/startup_ratio.py` times it against the app.

use eframe::egui;
use syntect::easy::HighlightLines;

const CODE: &str =
    "def greet(name: str) -> str:\n    return f\"Hello, {name}!\"\n\nprint(greet(\"world\"))\n";

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare window")
            .with_app_id("bare-window")
            .with_inner_size([1200.0, 800.0]),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "bare window",
        options,
        Box::new(|_cc| Ok(Box::new(Bare::new()))),
    )
}

struct Bare {
    job: egui::text::LayoutJob,
}

impl Bare {
    fn new() -> Self {
        let syntaxes = two_face::syntax::extra_newlines();
        let themes = two_face::theme::extra();
        let theme = themes.get(two_face::theme::EmbeddedThemeName::OneHalfDark);
        let syntax = syntaxes
            .find_syntax_by_token("python")
            .unwrap_or_else(|| syntaxes.find_syntax_plain_text());
        let mut lines = HighlightLines::new(syntax, theme);
        let mut job = egui::text::LayoutJob::default();
        for line in syntect::util::LinesWithEndings::from(CODE) {
            for (style, text) in lines.highlight_line(line, &syntaxes).unwrap_or_default() {
                let c = style.foreground;
                job.append(
                    text,
                    0.0,
                    egui::TextFormat::simple(
                        egui::FontId::monospace(14.0),
                        egui::Color32::from_rgb(c.r, c.g, c.b),
                    ),
                );
            }
        }
        Self { job }
    }
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("A bare eframe window");
            ui.label(self.job.clone());
        });
    }
}
