//! A code block: highlighted, horizontally scrollable, with a Copy button,
//! and its output set apart below it.

use egui::emath::GuiRounding as _;
use egui::text::{LayoutJob, TextFormat};
use egui::{RichText, TextStyle};

use crate::action::Action;
use crate::course::CodeBlock;
use crate::highlight::Highlighter;
use crate::theme;

/// The parts of a code block the widget shows.
pub struct CodeFrame<'a> {
    pub lang: &'a str,
    pub text: &'a str,
    pub output: Option<&'a str>,
    /// A note beside the language, e.g. "needs Python 3.11".
    pub badge: Option<String>,
}

impl<'a> CodeFrame<'a> {
    pub fn from_block(code: &'a CodeBlock) -> Self {
        let needs = code.needs();
        let badge = if code.has_flag("norun") {
            Some("not run here: needs a package or a server".to_owned())
        } else if !needs.is_empty() {
            Some(format!("needs {}", needs.join(", ")))
        } else {
            code.min_python()
                .map(|(major, minor)| format!("Python {major}.{minor}+"))
        };
        Self {
            lang: &code.lang,
            text: &code.text,
            output: code.output.as_deref(),
            badge,
        }
    }
}

/// A lesson example the learner can run and edit.
pub struct Example<'a> {
    /// The topic (or section) id the example is on.
    pub page: &'a str,
    /// `example_key` of the lesson's code.
    pub key: String,
    pub practice: &'a crate::practice::PracticeState,
    /// The learner's edit, when they kept one.
    pub edit: Option<&'a str>,
}

/// What Copy puts on the clipboard: for terminal sessions (`console`,
/// `powershell`, `cmd`) and `pycon` blocks only the commands, without
/// prompts or output; otherwise everything. Prompts: `$ `, `# `, `> `,
/// PowerShell's `PS> ` and `PS C:\dir> `, cmd's `C:\dir> `, `>>> `.
pub fn copy_text(lang: &str, text: &str) -> String {
    let is_shell = matches!(
        lang,
        "console" | "powershell" | "pwsh" | "ps1" | "cmd" | "bat" | "doscon"
    );
    if !is_shell && lang != "pycon" {
        return text.to_owned();
    }
    let commands: Vec<&str> = text
        .lines()
        .filter_map(|line| {
            if !is_shell {
                return [">>> ", "... "].iter().find_map(|p| {
                    line.strip_prefix(p)
                        .or_else(|| (line == p.trim_end()).then_some(""))
                });
            }
            // A venv's name before the prompt: `(.venv) $ pip list`.
            let line = match line
                .strip_prefix('(')
                .and_then(|rest| rest.split_once(") "))
            {
                Some((_, after)) => after,
                None => line,
            };
            shell_command(line)
        })
        .collect();
    if commands.is_empty() {
        return text.to_owned();
    }
    let mut out = commands.join("\n");
    out.push('\n');
    out
}

/// `...> command`, or a prompt alone on its line: the command.
fn after_prompt(rest: &str) -> Option<&str> {
    let (_, command) = rest.split_once('>')?;
    Some(command.strip_prefix(' ').unwrap_or(command))
}

/// The command on a terminal line after its prompt, or None for output.
fn shell_command(line: &str) -> Option<&str> {
    let bytes = line.as_bytes();
    if let Some(rest) = line.strip_prefix("PS")
        && (rest.starts_with('>') || rest.starts_with(' '))
    {
        return after_prompt(rest);
    }
    if bytes.len() >= 3 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' && bytes[2] == b'\\' {
        return after_prompt(line);
    }
    ["$ ", "# ", "> "].iter().find_map(|p| {
        line.strip_prefix(p)
            .or_else(|| (line == p.trim_end()).then_some(""))
    })
}

/// Draws a code block (and its output) with a Copy button; a runnable
/// example also gets Run, Edit and Reset, an editor and its run's output.
pub fn code_block_ui(
    ui: &mut egui::Ui,
    code: &CodeFrame<'_>,
    highlighter: &Highlighter,
    copied: Option<(egui::Id, f64)>,
    mark: Option<&str>,
    example: Option<&Example<'_>>,
    actions: &mut Vec<Action>,
) {
    let is_dark = ui.visuals().dark_mode;
    let copy_id = ui.scope_id().with("copy");
    let target = example.map(|e| crate::action::RunTarget::Example {
        page: e.page.to_owned(),
        key: e.key.clone(),
    });
    let is_editing = example.is_some_and(|e| {
        e.practice
            .editing
            .contains(&(e.page.to_owned(), e.key.clone()))
    });
    let shown_code = example.and_then(|e| e.edit).unwrap_or(code.text);
    let frame = egui::Frame::new()
        .fill(theme::code_background(ui.visuals()))
        .stroke(ui.visuals().widgets.noninteractive.bg_stroke)
        .corner_radius(theme::CORNER_RADIUS)
        .inner_margin(theme::CODE_MARGIN);
    frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            let mut header = code.lang.to_owned();
            if let Some(badge) = &code.badge {
                header = format!("{header} · {badge}");
            }
            if example.is_some_and(|e| e.edit.is_some()) {
                header = format!("{header} · edited");
            }
            ui.label(RichText::new(header).small().weak());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let (Some(example), Some(target)) = (example, &target) {
                    example_buttons_ui(ui, example, target, shown_code, is_editing, actions);
                }
                let now = ui.input(|i| i.time);
                let is_fresh = copied
                    .is_some_and(|(id, at)| id == copy_id && now - at < theme::COPIED_FEEDBACK_S);
                let label = if is_fresh { "Copied" } else { "Copy" };
                let button = ui
                    .small_button(label)
                    .on_hover_text("Copy this code to the clipboard");
                if button.clicked() {
                    actions.push(Action::CopyCode {
                        id: copy_id,
                        text: copy_text(code.lang, shown_code),
                    });
                }
            });
        });
        let run = target
            .as_ref()
            .and_then(|t| example.and_then(|e| e.practice.runs.get(t)));
        match example {
            Some(example) if is_editing => {
                let mut text = shown_code.to_owned();
                let error = run.and_then(|run| crate::practice::traceback::error_line(run, &text));
                let (is_changed, wants_run) = super::editor::code_editor_ui(
                    ui,
                    ui.scope_id().with("editor"),
                    "Code editor",
                    &mut text,
                    highlighter,
                    error,
                );
                if is_changed {
                    actions.push(Action::EditExample {
                        page: example.page.to_owned(),
                        key: example.key.clone(),
                        text: Some(text.clone()),
                    });
                }
                if let Some(target) = &target
                    && wants_run
                    && super::practice::run_blocked_reason(example.practice).is_none()
                {
                    actions.push(Action::RunCode {
                        target: target.clone(),
                        code: text,
                    });
                }
                if let Some(target) = &target {
                    super::practice::input_box_ui(ui, example.practice, target, actions);
                }
            }
            _ => code_text_ui(ui, code.lang, shown_code, highlighter, is_dark, mark),
        }
    });

    if let Some(output) = code.output {
        output_frame_ui(ui, "Output", |ui| {
            code_text_ui(ui, "output", output, highlighter, is_dark, mark);
        });
    }
    if let Some(run) = run_of(example, target.as_ref()) {
        // Only the lesson's own code is judged against the lesson's output.
        let (title, expected) = if run.is_for(code.text) {
            ("Your run", code.output)
        } else {
            ("Your edited code's output", None)
        };
        super::practice::run_output_ui(ui, run, title, expected, shown_code);
    }
    if let (Some(example), Some(target)) = (example, &target) {
        super::stepping::stepping_ui(ui, example.practice, target, shown_code, actions);
    }
}

fn run_of<'a>(
    example: Option<&Example<'a>>,
    target: Option<&crate::action::RunTarget>,
) -> Option<&'a crate::practice::RunView> {
    example?.practice.runs.get(target?)
}

/// The shaded box under a code block that shows output, titled `title`.
pub fn output_frame_ui(ui: &mut egui::Ui, title: &str, contents: impl FnOnce(&mut egui::Ui)) {
    egui::Frame::new()
        .fill(theme::output_background(ui.visuals()))
        .corner_radius(theme::CORNER_RADIUS)
        .inner_margin(theme::CODE_MARGIN)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(title).small().weak());
            contents(ui);
        });
}

/// Run or Stop, Edit or Done, and Reset for an edited example.
fn example_buttons_ui(
    ui: &mut egui::Ui,
    example: &Example<'_>,
    target: &crate::action::RunTarget,
    code: &str,
    is_editing: bool,
    actions: &mut Vec<Action>,
) {
    if example.edit.is_some()
        && ui
            .small_button("Reset")
            .on_hover_text("Put back the lesson's code")
            .clicked()
    {
        actions.push(Action::EditExample {
            page: example.page.to_owned(),
            key: example.key.clone(),
            text: None,
        });
    }
    let edit_label = if is_editing { "Done" } else { "Edit" };
    if ui
        .small_button(edit_label)
        .on_hover_text("Change this example and run your version")
        .clicked()
    {
        actions.push(Action::ToggleEditExample {
            page: example.page.to_owned(),
            key: example.key.clone(),
        });
    }
    super::practice::run_buttons_ui(ui, example.practice, target, code, "Run", actions);
}

/// Monospace text, highlighted when ready, scrolling sideways when long.
pub fn code_text_ui(
    ui: &mut egui::Ui,
    lang: &str,
    text: &str,
    highlighter: &Highlighter,
    is_dark: bool,
    mark: Option<&str>,
) {
    let font = TextStyle::Monospace.resolve(ui.style());
    // Highlight the exact block text (the cache key the prewarm used), but
    // do not draw its final newline as an empty last line.
    let shown = text.trim_end_matches('\n');
    if off_screen_ui(ui, &font, shown) {
        return;
    }
    let styled: Vec<(std::ops::Range<usize>, egui::Color32, bool)> =
        match highlighter.get(lang, text, is_dark) {
            Some(ranges) => ranges
                .iter()
                .filter(|r| r.range.start < shown.len())
                .map(|r| {
                    (
                        r.range.start..r.range.end.min(shown.len()),
                        r.color,
                        r.is_italic,
                    )
                })
                .collect(),
            None => vec![(0..shown.len(), ui.visuals().text_color(), false)],
        };
    let marks = mark
        .map(|term| theme::find_ignoring_case(shown, term))
        .unwrap_or_default();
    let mark_background = theme::search_mark(ui.visuals());
    let mut job = LayoutJob::default();
    for (range, color, italics) in styled {
        // Split at mark boundaries so a marked word gets a background.
        let mut cuts: Vec<usize> = marks
            .iter()
            .flat_map(|m| [m.start, m.end])
            .filter(|&c| c > range.start && c < range.end)
            .collect();
        cuts.push(range.end);
        let mut start = range.start;
        for end in cuts {
            let is_marked = marks.iter().any(|m| m.start <= start && end <= m.end);
            let background = if is_marked {
                mark_background
            } else {
                egui::Color32::TRANSPARENT
            };
            let format = TextFormat {
                font_id: font.clone(),
                color,
                italics,
                background,
                ..TextFormat::default()
            };
            job.append(&shown[start..end], 0.0, format);
            start = end;
        }
    }
    job.wrap.max_width = f32::INFINITY;
    egui::ScrollArea::horizontal()
        .id_salt(("code", lang))
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let response = ui.add(egui::Label::new(job).selectable(true).extend());
            reserve_scroll_bar_room(ui, response.rect.width());
        });
}

/// Under code wider than its box, room for the horizontal scroll bar, so
/// the bar never lies over the last line. Called in the scroll area, whose
/// clip rect is its viewport (its max rect grows with what it holds).
pub fn reserve_scroll_bar_room(ui: &mut egui::Ui, content_width: f32) {
    if content_width > ui.clip_rect().width() + 0.5 {
        // Below what is there, in a row or a column alike.
        let bottom = ui.min_rect().left_bottom();
        let room = egui::vec2(0.0, scroll_bar_room(ui));
        ui.expand_to_include_rect(egui::Rect::from_min_size(bottom, room));
    }
}

/// The height a horizontal scroll bar takes at its widest.
fn scroll_bar_room(ui: &egui::Ui) -> f32 {
    let scroll = &ui.spacing().scroll;
    scroll.bar_width + scroll.bar_outer_margin
}

/// Off screen, code takes its room without being laid out, so a long lesson
/// keeps only the code on screen laid out in memory. Code never wraps, and
/// plain ASCII code is one monospace row a line, so the room is exact and
/// nothing moves when it scrolls into view. Screen readers still find the
/// text. Returns whether the code was off screen.
fn off_screen_ui(ui: &mut egui::Ui, font: &egui::FontId, shown: &str) -> bool {
    if !shown.is_ascii() {
        // Other scripts and emoji may come from fonts with taller rows.
        return false;
    }
    let rows = shown.split('\n').count();
    // As a galley stacks its rows: each starts on a whole pixel, and the
    // last one's bottom is rounded as egui rounds sizes.
    let pixels_per_point = ui.ctx().pixels_per_point();
    let to_pixel = |points: f32| (points * pixels_per_point).round() / pixels_per_point;
    let row_height = to_pixel(ui.ctx().fonts_mut(|fonts| fonts.row_height(font)));
    let last_row_top = (1..rows).fold(0.0, |y, _| to_pixel(y + row_height));
    let mut height = (last_row_top + row_height.round_ui()).round_ui();
    // Each character of ASCII code is one monospace advance wide.
    let advance = ui.ctx().fonts_mut(|fonts| fonts.glyph_width(font, 'x'));
    let widest = shown.split('\n').map(str::len).max().unwrap_or(0);
    #[expect(clippy::cast_precision_loss, reason = "line lengths are small")]
    if widest as f32 * advance > ui.available_width() + 0.5 {
        height += scroll_bar_room(ui);
    }
    let size = egui::vec2(ui.available_width(), height);
    let rect = egui::Rect::from_min_size(ui.next_widget_position(), size);
    if ui.is_rect_visible(rect) {
        return false;
    }
    let (_, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    let enabled = ui.is_enabled();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, enabled, shown));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The room `code_text_ui` takes for `code`, on screen or scrolled off,
    /// on a display of `pixels_per_point`.
    fn room(code: &str, on_screen: bool, pixels_per_point: f32) -> egui::Rect {
        let ctx = egui::Context::default();
        let highlighter = Highlighter::start();
        let mut room = egui::Rect::NOTHING;
        let mut input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(400.0, 300.0),
            )),
            ..Default::default()
        };
        input
            .viewports
            .entry(egui::ViewportId::ROOT)
            .or_default()
            .native_pixels_per_point = Some(pixels_per_point);
        let mut output = ctx.run_ui(input, |ui| {
            assert_eq!(ui.ctx().pixels_per_point(), pixels_per_point);
            if !on_screen {
                ui.add_space(1000.0);
            }
            let before = ui.next_widget_position();
            code_text_ui(ui, "python", code, &highlighter, true, None);
            room = egui::Rect::from_min_max(before, ui.min_rect().max);
        });
        output.textures_delta.clear();
        room
    }

    #[test]
    fn code_off_screen_takes_the_room_it_takes_on_screen() {
        let long_line = format!("print({:?})\n", "x".repeat(300));
        let many_lines = "total += 1\n".repeat(61);
        for code in [
            "x = 1\n",
            "def f():\n    return 2\n\n\nprint(f())\n",
            long_line.as_str(),
            many_lines.as_str(),
            "",
        ] {
            for pixels_per_point in [1.0, 1.25, 1.5, 1.75, 2.0, 3.0] {
                let shown = room(code, true, pixels_per_point);
                let hidden = room(code, false, pixels_per_point);
                assert!(shown.height() > 0.0, "{code:?}");
                // Nothing below moves when the code scrolls into view.
                let moved = (shown.size() - hidden.size()).length();
                assert!(
                    moved < 0.001,
                    "{code:?} at {pixels_per_point}: {:.5} {:.5}",
                    shown.height(),
                    hidden.height()
                );
            }
        }
    }
}
