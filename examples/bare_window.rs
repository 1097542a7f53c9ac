//! The yardstick for start-up: a bare eframe window of the same size and
//! eframe features as pyroadmap, doing no work of its own before its first
//! frame (no syntax sets, no fonts beyond eframe's defaults) and showing one
//! heading. `tools/startup_ratio.py` times pyroadmap against it.

use eframe::egui;

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare window")
            .with_app_id("bare-window")
            .with_inner_size([1200.0, 800.0]),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native("bare window", options, Box::new(|_cc| Ok(Box::new(Bare))))
}

struct Bare;

impl eframe::App for Bare {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        // As pyroadmap's hidden switch, for measuring start-up: the process
        // ends as the second frame begins, once the first is on screen.
        if ctx.cumulative_frame_nr() >= 1
            && std::env::var_os("PYROADMAP_EXIT_AFTER_FIRST_FRAME").is_some_and(|v| v == "1")
        {
            std::process::exit(0);
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("A bare eframe window");
        });
    }
}
