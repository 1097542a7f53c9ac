//! What the editor's keys do to Python code, as plain text operations: the
//! indentation IDLE, Thonny and VS Code give (Enter, Backspace, Home),
//! commenting and indenting the selected lines, and typing over a closing
//! bracket or quote. Positions are char indices, as egui's cursors are.

/// The spaces one indentation level takes.
pub const INDENT: usize = 4;

/// Statements after which the next line is one level shallower.
const ENDS_BLOCK: [&str; 5] = ["return", "pass", "break", "continue", "raise"];

/// A selection: `anchor` stays where it began, `cursor` moves; equal when
/// nothing is selected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    pub anchor: usize,
    pub cursor: usize,
}

impl Selection {
    /// A cursor with nothing selected.
    pub fn at(index: usize) -> Self {
        Self {
            anchor: index,
            cursor: index,
        }
    }

    fn start(self) -> usize {
        self.anchor.min(self.cursor)
    }

    fn end(self) -> usize {
        self.anchor.max(self.cursor)
    }

    fn is_empty(self) -> bool {
        self.anchor == self.cursor
    }
}

/// The text and selection after a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edited {
    pub text: String,
    pub selection: Selection,
}

/// Enter: a new line indented like this one; one level deeper after a line
/// ending in `:`, one level shallower after `return`, `pass`, `break`,
/// `continue` or `raise`.
pub fn enter(text: &str, selection: Selection) -> Edited {
    let start = byte_index(text, selection.start());
    let end = byte_index(text, selection.end());
    let before = &text[line_start(text, start)..start];
    let indent_len = before.len() - before.trim_start_matches([' ', '\t']).len();
    let mut indent = before[..indent_len].to_owned();
    let code = code_part(before).trim();
    if code.ends_with(':') {
        indent.push_str(&" ".repeat(INDENT));
    } else if starts_with_word(code, &ENDS_BLOCK) {
        remove_one_level(&mut indent);
    }
    let inserted = format!("\n{indent}");
    let cursor = char_index(text, start) + inserted.chars().count();
    Edited {
        text: format!("{}{inserted}{}", &text[..start], &text[end..]),
        selection: Selection::at(cursor),
    }
}

/// Backspace in a line's leading spaces removes back to the previous
/// indentation level; elsewhere it is the usual one character (None).
pub fn backspace(text: &str, selection: Selection) -> Option<Edited> {
    if !selection.is_empty() {
        return None;
    }
    let at = byte_index(text, selection.cursor);
    let before = &text[line_start(text, at)..at];
    if before.is_empty() || before.bytes().any(|b| b != b' ') {
        return None;
    }
    let removed = (before.len() - 1) % INDENT + 1;
    Some(Edited {
        text: format!("{}{}", &text[..at - removed], &text[at..]),
        selection: Selection::at(selection.cursor - removed),
    })
}

/// Home: to the line's first non-space character, or to column 0 when
/// already there. With `extend` (Shift) the selection grows from its anchor.
pub fn home(text: &str, selection: Selection, extend: bool) -> Selection {
    let at = byte_index(text, selection.cursor);
    let start = line_start(text, at);
    let line = &text[start..line_end(text, at)];
    let first = start + line.len() - line.trim_start_matches([' ', '\t']).len();
    let target = char_index(text, if at == first { start } else { first });
    Selection {
        anchor: if extend { selection.anchor } else { target },
        cursor: target,
    }
}

/// Ctrl+/: comments out the selected lines (`# ` at their common
/// indentation), or uncomments them when every non-blank one is a comment.
pub fn toggle_comment(text: &str, selection: Selection) -> Edited {
    let lines = selected_lines(text, selection);
    let is_blank = |&(start, end): &(usize, usize)| text[start..end].trim().is_empty();
    let indent_of = |&(start, end): &(usize, usize)| {
        let line = &text[start..end];
        line.len() - line.trim_start_matches([' ', '\t']).len()
    };
    let written: Vec<(usize, usize)> = lines.iter().copied().filter(|l| !is_blank(l)).collect();
    let is_commented = !written.is_empty()
        && written
            .iter()
            .all(|&(start, end)| text[start..end].trim_start().starts_with('#'));
    let mut edits = Vec::new();
    if is_commented {
        for line in &written {
            let at = line.0 + indent_of(line);
            let removed = if text[at..].starts_with("# ") { 2 } else { 1 };
            edits.push((at, removed, ""));
        }
    } else if written.is_empty() {
        let line = lines[0];
        edits.push((line.0 + indent_of(&line), 0, "# "));
    } else {
        let column = written.iter().map(indent_of).min().unwrap_or(0);
        for line in &written {
            edits.push((line.0 + column, 0, "# "));
        }
    }
    apply(text, selection, &edits)
}

/// Tab: 4 spaces at the cursor, or every selected line one level deeper
/// when the selection spans lines.
pub fn indent(text: &str, selection: Selection) -> Edited {
    let lines = selected_lines(text, selection);
    let spaces = " ".repeat(INDENT);
    if lines.len() == 1 {
        let at = byte_index(text, selection.start());
        let end = byte_index(text, selection.end());
        return Edited {
            text: format!("{}{spaces}{}", &text[..at], &text[end..]),
            selection: Selection::at(selection.start() + INDENT),
        };
    }
    let edits: Vec<(usize, usize, &str)> = lines
        .iter()
        .filter(|(start, end)| start < end)
        .map(|&(start, _)| (start, 0, spaces.as_str()))
        .collect();
    apply(text, selection, &edits)
}

/// Shift+Tab: the cursor's line, or every selected line, one level
/// shallower (up to 4 leading spaces, or one tab).
pub fn dedent(text: &str, selection: Selection) -> Edited {
    let edits: Vec<(usize, usize, &str)> = selected_lines(text, selection)
        .into_iter()
        .map(|(start, end)| {
            let line = &text[start..end];
            let removed = if line.starts_with('\t') {
                1
            } else {
                line.bytes().take(INDENT).take_while(|b| *b == b' ').count()
            };
            (start, removed, "")
        })
        .filter(|(_, removed, _)| *removed > 0)
        .collect();
    apply(text, selection, &edits)
}

/// Typing a closing bracket or quote just before the same character steps
/// over it, when that one already closes something on the line (so
/// `print(len(x` + `)` still gets its second bracket). None: type it.
pub fn type_over(text: &str, selection: Selection, typed: &str) -> Option<Selection> {
    let mut chars = typed.chars();
    let closer = chars.next()?;
    if chars.next().is_some() || !selection.is_empty() {
        return None;
    }
    let at = byte_index(text, selection.cursor);
    if !text[at..].starts_with(closer) {
        return None;
    }
    let line = &text[line_start(text, at)..line_end(text, at)];
    let count = |c: char| line.chars().filter(|x| *x == c).count();
    let is_closed = match closer {
        ')' => count(')') >= count('('),
        ']' => count(']') >= count('['),
        '}' => count('}') >= count('{'),
        '"' | '\'' => count(closer) % 2 == 0,
        _ => false,
    };
    is_closed.then(|| Selection::at(selection.cursor + 1))
}

/// The (start, end) byte ranges of the lines the selection touches; a
/// selection ending at the start of a line does not take that line.
fn selected_lines(text: &str, selection: Selection) -> Vec<(usize, usize)> {
    let start = byte_index(text, selection.start());
    let mut end = byte_index(text, selection.end());
    if end > start && text[..end].ends_with('\n') {
        end -= 1;
    }
    let mut lines = Vec::new();
    let mut line = line_start(text, start);
    loop {
        let line_stop = line_end(text, line);
        lines.push((line, line_stop));
        if line_stop >= end || line_stop >= text.len() {
            return lines;
        }
        line = line_stop + 1;
    }
}

/// Applies edits `(at, removed bytes, inserted)`, in order and apart, and
/// moves the selection with the text around it.
fn apply(text: &str, selection: Selection, edits: &[(usize, usize, &str)]) -> Edited {
    let mut out = String::with_capacity(text.len() + edits.len() * INDENT);
    let mut copied = 0;
    for &(at, removed, inserted) in edits {
        out.push_str(&text[copied..at]);
        out.push_str(inserted);
        copied = at + removed;
    }
    out.push_str(&text[copied..]);
    // A selection's start stays before what is inserted right there, so
    // it still covers whole lines; every other position moves with its text.
    let start = selection.start();
    let moved = |index: usize| {
        let byte = byte_index(text, index);
        let stays_before = index == start && !selection.is_empty();
        let mut shift = 0_isize;
        for &(at, removed, inserted) in edits {
            if byte >= at + removed && !(stays_before && removed == 0 && byte == at) {
                shift += inserted.len() as isize - removed as isize;
            } else if byte > at {
                // Inside what was removed: to where it began.
                shift -= (byte - at) as isize;
            }
        }
        char_index(&out, byte.saturating_add_signed(shift).min(out.len()))
    };
    Edited {
        selection: Selection {
            anchor: moved(selection.anchor),
            cursor: moved(selection.cursor),
        },
        text: out,
    }
}

/// The code of a line without its comment (a `#` outside quotes).
fn code_part(line: &str) -> &str {
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '#') => return &line[..i],
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            _ => {}
        }
    }
    line
}

fn starts_with_word(code: &str, words: &[&str]) -> bool {
    words.iter().any(|word| {
        code.strip_prefix(word)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
    })
}

fn remove_one_level(indent: &mut String) {
    if indent.ends_with('\t') {
        indent.pop();
    } else {
        let spaces = indent.len() - indent.trim_end_matches(' ').len();
        indent.truncate(indent.len() - spaces.min(INDENT));
    }
}

fn byte_index(text: &str, char_index: usize) -> usize {
    text.char_indices()
        .nth(char_index)
        .map_or(text.len(), |(i, _)| i)
}

fn char_index(text: &str, byte_index: usize) -> usize {
    text[..byte_index].chars().count()
}

fn line_start(text: &str, byte: usize) -> usize {
    text[..byte].rfind('\n').map_or(0, |i| i + 1)
}

fn line_end(text: &str, byte: usize) -> usize {
    text[byte..].find('\n').map_or(text.len(), |i| byte + i)
}

#[cfg(test)]
mod tests;
