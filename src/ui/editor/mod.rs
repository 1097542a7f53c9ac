//! The code editor: monospace, highlighted like the lessons, line numbers,
//! the failing line marked, Python's indentation on Enter, Backspace, Home,
//! Tab and Shift+Tab, Ctrl+/ to comment lines, and Ctrl+Enter to run.

mod keys;

use egui::TextStyle;
use egui::text::{LayoutJob, TextFormat};

use crate::highlight::{Highlighted, Highlighter, carry_over};
use crate::theme;

/// What the editor's keys do, for the shortcuts overlay (Ctrl is Cmd on macOS).
pub const EDITOR_KEYS: [(&str, &str); 8] = [
    (
        "Enter",
        "New line, indented: one level deeper after `:`, one less after return, pass, break, continue, raise",
    ),
    ("Backspace", "In the indentation: back one level (4 spaces)"),
    (
        "Home",
        "To the first character of code, then to the start of the line",
    ),
    (
        "Shift+Home",
        "Select to the first character of code, then to the start",
    ),
    (
        "Tab / Shift+Tab",
        "Indent / dedent the line or the selected lines",
    ),
    (
        "Ctrl+/",
        "Comment or uncomment the line or the selected lines",
    ),
    (
        ")  ]  }  \"  '",
        "Typed over when the same one already closes the bracket or string",
    ),
    ("Ctrl+Enter", "Run (or Check)"),
];

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
    if is_focused {
        is_changed |= python_keys_ui(ui, id, text, is_writing);
    }
    let last_highlight = id.with("last highlight");
    let mut layouter = |ui: &egui::Ui, buffer: &dyn egui::TextBuffer, _wrap_width: f32| {
        let source = buffer.as_str();
        let plain = ui.visuals().text_color();
        let ranges = match highlighter.get("python", source, is_dark) {
            Some(ranges) => {
                // Kept once per new text, not copied every frame.
                ui.data_mut(|d| {
                    let last = d.get_temp_mut_or_default::<(String, Highlighted)>(last_highlight);
                    if last.0 != source {
                        *last = (source.to_owned(), ranges.clone());
                    }
                });
                ranges
            }
            // Typing: the last colours, moved with the text, until the
            // new ones are ready.
            None => std::sync::Arc::new(
                match ui.data(|d| d.get_temp::<(String, Highlighted)>(last_highlight)) {
                    Some((old_text, old)) => carry_over(&old_text, &old, source, plain),
                    None => carry_over("", &[], source, plain),
                },
            ),
        };
        let mut job = LayoutJob::default();
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
        // Code never wraps: a line is one row, so line numbers and the
        // marked error line match Python's; long lines scroll sideways.
        job.wrap.max_width = f32::INFINITY;
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
        egui::ScrollArea::horizontal()
            .id_salt(id.with("scroll"))
            .auto_shrink([false, true])
            .show(ui, |ui| {
                let editor = egui::TextEdit::multiline(text)
                    .id(id)
                    .code_editor()
                    .desired_width(f32::INFINITY)
                    .desired_rows(lines.max(4))
                    .lock_focus(is_writing)
                    .layouter(&mut layouter);
                let response = ui.add(editor);
                crate::ui::code::reserve_scroll_bar_room(ui, response.rect.width());
                if response.clicked() || response.changed() {
                    ui.data_mut(|d| d.insert_temp(active_id, true));
                } else if response.lost_focus() {
                    ui.data_mut(|d| d.insert_temp(active_id, false));
                }
                response.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, label)
                });
                if let Some(line) = error_line {
                    let top =
                        response.rect.top() + 2.0 + row_height * (line.saturating_sub(1)) as f32;
                    let band = egui::Rect::from_min_size(
                        egui::pos2(response.rect.left(), top),
                        egui::vec2(response.rect.width(), row_height),
                    );
                    ui.painter().rect_filled(
                        band,
                        0.0,
                        theme::danger(ui.visuals()).gamma_multiply(0.15),
                    );
                }
                is_changed |= response.changed();
            });
    });
    (is_changed, wants_run)
}

/// A key the editor handles itself, before the text field.
enum PythonKey {
    Edit(fn(&str, keys::Selection) -> keys::Edited),
    Backspace,
    Home { extend: bool },
    TypeOver,
}

/// Which of this frame's events the editor handles itself.
fn python_key(event: &egui::Event, is_writing: bool) -> Option<PythonKey> {
    use egui::{Event, Key, Modifiers};
    let Event::Key {
        key,
        pressed: true,
        modifiers,
        ..
    } = event
    else {
        return matches!(event, Event::Text(_)).then_some(PythonKey::TypeOver);
    };
    match key {
        Key::Enter if !modifiers.command && !modifiers.alt => Some(PythonKey::Edit(keys::enter)),
        Key::Backspace if modifiers.is_none() => Some(PythonKey::Backspace),
        Key::Home if *modifiers == Modifiers::NONE || *modifiers == Modifiers::SHIFT => {
            Some(PythonKey::Home {
                extend: modifiers.shift,
            })
        }
        Key::Slash if modifiers.command && !modifiers.alt => {
            Some(PythonKey::Edit(keys::toggle_comment))
        }
        Key::Tab if is_writing && modifiers.is_none() => Some(PythonKey::Edit(keys::indent)),
        Key::Tab if is_writing && *modifiers == Modifiers::SHIFT => {
            Some(PythonKey::Edit(keys::dedent))
        }
        _ => None,
    }
}

/// Python's editing keys, applied before the text field sees them: Enter,
/// Backspace and Home (with Shift) as IDLE does them, Ctrl+/, typing over
/// a closing bracket, and Tab/Shift+Tab once the learner is writing here.
/// Events keep their order: a key that follows typing the text field has
/// not applied yet waits, with everything after it, for the next frame.
/// Returns whether the text changed.
fn python_keys_ui(ui: &egui::Ui, id: egui::Id, text: &mut String, is_writing: bool) -> bool {
    use egui::Event;
    let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), id) else {
        return false;
    };
    let Some(range) = state.cursor.char_range() else {
        return false;
    };
    let mut selection = keys::Selection {
        anchor: range.secondary.index.0,
        cursor: range.primary.index.0,
    };
    let waiting_id = id.with("waiting keys");
    // Keys left over from the pass just before (only: never replayed later).
    let pass = ui.ctx().cumulative_pass_nr();
    let waiting: Vec<Event> = ui
        .data_mut(|d| d.remove_temp::<(u64, Vec<Event>)>(waiting_id))
        .filter(|(left_in, _)| left_in + 1 == pass)
        .map(|(_, events)| events)
        .unwrap_or_default();
    let mut is_changed = false;
    let mut is_moved = false;
    let mut later: Vec<Event> = Vec::new();
    ui.input_mut(|input| {
        input.events.splice(0..0, waiting);
        // Typing or keys the text field applies after us come first.
        let mut is_field_first = false;
        let mut index = 0;
        while index < input.events.len() {
            let event = &input.events[index];
            let is_typing = matches!(
                event,
                Event::Text(_) | Event::Paste(_) | Event::Cut | Event::Key { pressed: true, .. }
            );
            let Some(key) = python_key(event, is_writing) else {
                is_field_first |= is_typing;
                index += 1;
                continue;
            };
            if is_field_first {
                // Pointer and window events stay in this frame.
                let (typing, rest): (Vec<Event>, Vec<Event>) =
                    input.events.split_off(index).into_iter().partition(|e| {
                        matches!(
                            e,
                            Event::Text(_) | Event::Paste(_) | Event::Cut | Event::Key { .. }
                        )
                    });
                input.events.extend(rest);
                later = typing;
                break;
            }
            let edited = match (key, event) {
                (PythonKey::Edit(edit), _) => Some(edit(text, selection)),
                (PythonKey::Backspace, _) => keys::backspace(text, selection),
                (PythonKey::Home { extend }, _) => {
                    selection = keys::home(text, selection, extend);
                    is_moved = true;
                    input.events.remove(index);
                    continue;
                }
                (PythonKey::TypeOver, Event::Text(typed)) => {
                    if let Some(moved) = keys::type_over(text, selection, typed) {
                        selection = moved;
                        is_moved = true;
                        input.events.remove(index);
                        continue;
                    }
                    None
                }
                (PythonKey::TypeOver, _) => None,
            };
            match edited {
                Some(edited) => {
                    *text = edited.text;
                    selection = edited.selection;
                    is_changed = true;
                    input.events.remove(index);
                }
                None => {
                    is_field_first |= is_typing;
                    index += 1;
                }
            }
        }
    });
    if !later.is_empty() {
        ui.data_mut(|d| d.insert_temp(waiting_id, (pass, later)));
        ui.ctx().request_repaint();
    }
    if is_changed || is_moved {
        let cursor = |index| egui::text::CCursor::new(index);
        state.cursor.set_char_range(Some(egui::text::CCursorRange {
            primary: cursor(selection.cursor),
            secondary: cursor(selection.anchor),
            h_pos: None,
        }));
        state.store(ui.ctx(), id);
    }
    is_changed
}
