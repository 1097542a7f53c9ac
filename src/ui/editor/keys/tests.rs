use super::*;

/// Text with `|` for the cursor (and `[` `]` around a selection whose
/// cursor is at `]`), split into the text and the selection.
fn parse(marked: &str) -> (String, Selection) {
    let mut text = String::new();
    let (mut anchor, mut cursor) = (None, None);
    for c in marked.chars() {
        match c {
            '|' => cursor = Some(text.chars().count()),
            '[' => anchor = Some(text.chars().count()),
            ']' => cursor = Some(text.chars().count()),
            _ => text.push(c),
        }
    }
    let cursor = cursor.expect("a cursor");
    (
        text,
        Selection {
            anchor: anchor.unwrap_or(cursor),
            cursor,
        },
    )
}

fn show(edited: &Edited) -> String {
    let mut out = String::new();
    let Selection { anchor, cursor } = edited.selection;
    for (i, c) in edited.text.chars().chain(std::iter::once('\0')).enumerate() {
        if anchor != cursor && i == anchor {
            out.push('[');
        }
        if i == cursor {
            out.push(if anchor == cursor { '|' } else { ']' });
        }
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

fn key(f: impl Fn(&str, Selection) -> Edited, marked: &str) -> String {
    let (text, selection) = parse(marked);
    show(&f(&text, selection))
}

#[test]
fn enter_indents_after_a_colon_keeps_the_level_and_dedents_after_return() {
    assert_eq!(key(enter, "def f():|"), "def f():\n    |");
    assert_eq!(
        key(enter, "    if x:  # why|"),
        "    if x:  # why\n        |"
    );
    assert_eq!(key(enter, "    x = 1|"), "    x = 1\n    |");
    assert_eq!(key(enter, "        return x|"), "        return x\n    |");
    for word in ["pass", "break", "continue", "raise ValueError"] {
        assert_eq!(
            key(enter, &format!("    {word}|")),
            format!("    {word}\n|"),
            "{word}"
        );
    }
    assert_eq!(
        key(enter, "    returned = 1|"),
        "    returned = 1\n    |",
        "a name that starts with return"
    );
    assert_eq!(
        key(enter, "    s = 'a:'  # b|"),
        "    s = 'a:'  # b\n    |",
        "a colon in a string"
    );
    assert_eq!(
        key(enter, "    |return x"),
        "    \n    |return x",
        "Enter before return keeps the level"
    );
}

#[test]
fn backspace_in_leading_spaces_removes_one_level() {
    let (text, selection) = parse("def f():\n        |x");
    let edited = backspace(&text, selection).expect("an indent");
    assert_eq!(show(&edited), "def f():\n    |x");
    let (text, selection) = parse("      |");
    assert_eq!(show(&backspace(&text, selection).unwrap()), "    |");
    let (text, selection) = parse("    x |");
    assert_eq!(backspace(&text, selection), None, "after code: one char");
    let (text, selection) = parse("|x");
    assert_eq!(backspace(&text, selection), None);
}

#[test]
fn home_goes_to_the_code_then_to_column_zero_and_shift_selects() {
    let (text, selection) = parse("if x:\n    y = 1|");
    let first = home(&text, selection, false);
    assert_eq!(first, Selection::at(10));
    assert_eq!(home(&text, first, false), Selection::at(6));
    assert_eq!(home(&text, Selection::at(6), false), Selection::at(10));
    let selected = home(&text, selection, true);
    assert_eq!(
        show(&Edited {
            text: text.clone(),
            selection: selected
        }),
        "if x:\n    ]y = 1[",
        "Shift+Home selects the code, not the indentation"
    );
}

#[test]
fn ctrl_slash_comments_and_uncomments_the_selected_lines() {
    assert_eq!(
        key(toggle_comment, "def f():\n    [x = 1\n        y = 2]\n"),
        "def f():\n    [# x = 1\n    #     y = 2]\n"
    );
    assert_eq!(
        key(toggle_comment, "def f():\n    [# x = 1\n    #     y = 2]\n"),
        "def f():\n    [x = 1\n        y = 2]\n"
    );
    assert_eq!(key(toggle_comment, "x = 1|"), "# x = 1|");
    assert_eq!(key(toggle_comment, "#x = 1|"), "x = 1|");
    assert_eq!(
        key(toggle_comment, "[a\n\nb\n]c"),
        "[# a\n\n# b\n]c",
        "blank lines stay, and the line after the selection too"
    );
}

#[test]
fn tab_and_shift_tab_indent_and_dedent_a_selection() {
    assert_eq!(key(indent, "|x = 1"), "    |x = 1");
    assert_eq!(key(indent, "[a\n\nb]"), "[    a\n\n    b]");
    assert_eq!(key(dedent, "    [a\n  b\nc]"), "[a\nb\nc]");
    assert_eq!(key(dedent, "if x:\n      |y"), "if x:\n  |y");
    assert_eq!(key(dedent, "  |y"), "|y");
}

#[test]
fn a_closing_bracket_or_quote_is_typed_over_only_when_it_closes_something() {
    let over = |marked: &str, typed: &str| {
        let (text, selection) = parse(marked);
        type_over(&text, selection, typed).map(|s| s.cursor)
    };
    assert_eq!(over("print(x + y|)", ")"), Some(12));
    assert_eq!(
        over("print(len(x|)", ")"),
        None,
        "the inner call needs its own"
    );
    assert_eq!(over("s = 'ab|'", "'"), Some(8));
    // (Square brackets mark selections in `parse`.)
    assert_eq!(
        type_over("xs = [1, 2]", Selection::at(10), "]"),
        Some(Selection::at(11))
    );
    assert_eq!(over("print(x|)", "x"), None);
    assert_eq!(over("print(x|", ")"), None);
}
