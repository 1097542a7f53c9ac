//! The code editor: monospace, highlighted like the lessons, line numbers,
//! the failing line marked, Tab and Shift+Tab indenting by 4 spaces, and
//! Ctrl+Enter to run.

use egui::TextStyle;
use egui::text::{LayoutJob, TextFormat};

use crate::highlight::Highlighter;
use crate::theme;

/// A monospace editor with line numbers and highlighting: Tab and
/// Shift+Tab indent by 4 spaces, Ctrl+Enter asks to run. Returns (changed,
/// run asked).
pub fn code_editor_ui(
    ui: &mut egui::Ui,
    id: egui::Id,
    label: &str,
    text: &mut String,
    highlighter: &Highlighter,
    error_line: Option<usize>,
) -> (bool, bool) {
    let is_dark = ui.visuals().dark_mode;
    let font = TextStyle::Monospace.resolve(ui.style());
    let row_height = ui.fonts_mut(|f| f.row_height(&font));
    let mut is_changed = false;
    let is_focused = ui.memory(|m| m.has_focus(id));
    // Tab indents once the learner is writing here (clicked or typed);
    // arriving by Tab from elsewhere, Tab moves on, so the keyboard never
    // gets trapped in an editor.
    let active_id = id.with("writing");
    let is_writing = is_focused && ui.data(|d| d.get_temp::<bool>(active_id)).unwrap_or(false);
    let mut wants_run = false;
    if is_focused {
        wants_run = ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter));
    }
    if is_writing {
        let indent = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Tab));
        let dedent = ui.input_mut(|i| i.consume_key(egui::Modifiers::SHIFT, egui::Key::Tab));
        if (indent || dedent)
            && let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id)
            && let Some(range) = state.cursor.char_range()
        {
            let cursor = range.primary.index.0;
            let (edited, new_cursor) = if indent {
                indent_at(text, cursor)
            } else {
                dedent_at(text, cursor)
            };
            *text = edited;
            is_changed = true;
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::one(
                    egui::text::CCursor::new(new_cursor),
                )));
            state.store(ui.ctx(), id);
        }
    }
    let mut layouter = |ui: &egui::Ui, buffer: &dyn egui::TextBuffer, wrap_width: f32| {
        let source = buffer.as_str();
        let mut job = LayoutJob::default();
        match highlighter.get("python", source, is_dark) {
            Some(ranges) => {
                for range in ranges.iter() {
                    let end = range.range.end.min(source.len());
                    if range.range.start >= end {
                        continue;
                    }
                    job.append(
                        &source[range.range.start..end],
                        0.0,
                        TextFormat {
                            font_id: font.clone(),
                            color: range.color,
                            italics: range.is_italic,
                            ..TextFormat::default()
                        },
                    );
                }
            }
            None => job.append(
                source,
                0.0,
                TextFormat::simple(font.clone(), ui.visuals().text_color()),
            ),
        }
        job.wrap.max_width = wrap_width;
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let lines = text.lines().count().max(1) + usize::from(text.ends_with('\n'));
    ui.horizontal_top(|ui| {
        // Line numbers in one galley (cached while the text keeps its
        // length), the failing line marked.
        let mut numbers = LayoutJob::default();
        let weak = ui.visuals().weak_text_color();
        let danger = theme::danger(ui.visuals());
        for line in 1..=lines {
            let color = if error_line == Some(line) {
                danger
            } else {
                weak
            };
            let text = if line < lines {
                format!("{line:>3}\n")
            } else {
                format!("{line:>3}")
            };
            numbers.append(&text, 0.0, TextFormat::simple(font.clone(), color));
        }
        ui.add(egui::Label::new(numbers).selectable(false));
        let editor = egui::TextEdit::multiline(text)
            .id(id)
            .code_editor()
            .desired_width(f32::INFINITY)
            .desired_rows(lines.max(4))
            .lock_focus(is_writing)
            .layouter(&mut layouter);
        let response = ui.add(editor);
        if response.clicked() || response.changed() {
            ui.data_mut(|d| d.insert_temp(active_id, true));
        } else if response.lost_focus() {
            ui.data_mut(|d| d.insert_temp(active_id, false));
        }
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
        if let Some(line) = error_line {
            let top = response.rect.top() + 2.0 + row_height * (line.saturating_sub(1)) as f32;
            let band = egui::Rect::from_min_size(
                egui::pos2(response.rect.left(), top),
                egui::vec2(response.rect.width(), row_height),
            );
            ui.painter()
                .rect_filled(band, 0.0, theme::danger(ui.visuals()).gamma_multiply(0.15));
        }
        is_changed |= response.changed();
    });
    (is_changed, wants_run)
}

/// Inserts 4 spaces at `cursor` (a char index); returns the text and the new cursor.
fn indent_at(text: &str, cursor: usize) -> (String, usize) {
    let at = text
        .char_indices()
        .nth(cursor)
        .map_or(text.len(), |(i, _)| i);
    (format!("{}    {}", &text[..at], &text[at..]), cursor + 4)
}

/// Removes up to 4 leading spaces from the cursor's line.
fn dedent_at(text: &str, cursor: usize) -> (String, usize) {
    let at = text
        .char_indices()
        .nth(cursor)
        .map_or(text.len(), |(i, _)| i);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let spaces = text[line_start..]
        .chars()
        .take(4)
        .take_while(|c| *c == ' ')
        .count();
    let edited = format!("{}{}", &text[..line_start], &text[line_start + spaces..]);
    let in_line = text[line_start..at].chars().count();
    (edited, cursor - spaces.min(in_line))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_indents_and_shift_tab_dedents_by_four_spaces() {
        assert_eq!(indent_at("x = 1\n", 0), ("    x = 1\n".to_owned(), 4));
        assert_eq!(
            dedent_at("if x:\n      y\n", 10),
            ("if x:\n  y\n".to_owned(), 6)
        );
        assert_eq!(dedent_at("  y", 3), ("y".to_owned(), 1));
    }
}
