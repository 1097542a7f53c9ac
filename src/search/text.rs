//! Words for search: how text is cut into words, which words are too common
//! to search on their own, how a typed word matches the words of the course
//! (exactly, as a plural, as a prefix, with a typo), and snippets.

use std::ops::Range;

use crate::course::markdown::Span;

/// Words of a question ("how do i read a file") that say nothing about its
/// subject. They never match or highlight on their own, but they still count
/// inside a phrase ("read a file"). Python keywords such as `is`, `in` and
/// `with` are among them only where learners use them as English.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "how", "to", "do", "does", "did", "i", "me", "my", "we", "you", "your",
    "what", "whats", "is", "are", "was", "be", "of", "on", "can", "could", "should", "would",
    "why", "when", "which", "it", "its", "this", "that", "there", "use", "using", "way", "ways",
    "want", "need", "about", "vs", "versus", "by",
];

/// Whether a (lowercase) word is too common to search on its own.
pub fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// A word of a text: lowercase, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub word: String,
    pub at: Range<usize>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Where the words of a text are: runs of letters, digits and `_`.
pub fn word_ranges(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = None;
    text.char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .filter_map(move |(at, c)| match (start, is_word_char(c)) {
            (None, true) => {
                start = Some(at);
                None
            }
            (Some(begin), false) => {
                start = None;
                Some(begin..at)
            }
            _ => None,
        })
}

/// The words of a text in order, lowercase.
pub fn tokens(text: &str) -> Vec<Token> {
    word_ranges(text)
        .map(|at| Token {
            word: text[at.clone()].to_lowercase(),
            at,
        })
        .collect()
}

/// The words a text is found by: its tokens, the parts of identifiers
/// (`read_csv` is also `read` and `csv`, `__init__` also `init`) and words
/// joined by a hyphen (`f-string` is also `fstring`).
pub fn index_words(text: &str) -> Vec<String> {
    let tokens = tokens(text);
    let mut words = Vec::with_capacity(tokens.len() + tokens.len() / 4);
    for (i, token) in tokens.iter().enumerate() {
        words.push(token.word.clone());
        if token.word.contains('_') {
            words.extend(
                token
                    .word
                    .split('_')
                    .filter(|part| !part.is_empty() && *part != token.word)
                    .map(str::to_owned),
            );
        }
        if let Some(next) = tokens.get(i + 1)
            && &text[token.at.end..next.at.start] == "-"
        {
            words.push(format!("{}{}", token.word, next.word));
        }
    }
    words
}

/// How well a word of the course stands for a typed word, from 0 to 1.
pub fn match_quality(typed: &str, word: &str) -> Option<f32> {
    if typed == word {
        return Some(1.0);
    }
    if is_plural_of(typed, word) || is_plural_of(word, typed) {
        return Some(0.95);
    }
    let typed_chars = typed.chars().count();
    if typed_chars >= 3 && word.starts_with(typed) {
        // "dict" stands well for "dicts", less for "dictionary".
        let word_chars = word.chars().count();
        #[allow(clippy::cast_precision_loss)] // word lengths are tiny
        return Some(0.5 + 0.35 * typed_chars as f32 / word_chars as f32);
    }
    let allowed = match typed_chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    if allowed == 0 {
        return None;
    }
    let distance = edit_distance(typed, word, allowed)?;
    Some(if distance == 1 { 0.6 } else { 0.45 })
}

/// The English plurals a word may have.
pub fn plurals(word: &str) -> Vec<String> {
    let mut plurals = vec![format!("{word}s"), format!("{word}es")];
    if let Some(stem) = word.strip_suffix('y') {
        plurals.push(format!("{stem}ies"));
    }
    plurals
}

/// Whether `plural` is `singular` with an English plural ending.
fn is_plural_of(singular: &str, plural: &str) -> bool {
    if singular.len() < 3 {
        return false;
    }
    match plural.strip_prefix(singular) {
        Some("s" | "es") => true,
        _ => singular.strip_suffix('y').is_some_and(|stem| {
            plural
                .strip_prefix(stem)
                .is_some_and(|ending| ending == "ies")
        }),
    }
}

/// The optimal-string-alignment distance between two words, when it is at
/// most `limit` (swapped neighbours count as one edit).
pub fn edit_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    // Most words are short ASCII: compare bytes in rows on the stack.
    if a.is_ascii() && b.is_ascii() && b.len() < SHORT {
        return distance_of(a.as_bytes(), b.as_bytes(), limit, &mut [[0; SHORT]; 3]);
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0; b.len() + 1]; 3];
    let [before, previous, current] = rows.as_mut_slice() else {
        unreachable!("three rows were made")
    };
    distance_of_rows(&a, &b, limit, before, previous, current)
}

/// Words shorter than this are compared on the stack.
const SHORT: usize = 48;

fn distance_of(a: &[u8], b: &[u8], limit: usize, rows: &mut [[usize; SHORT]; 3]) -> Option<usize> {
    let [before, previous, current] = rows;
    let width = b.len() + 1;
    distance_of_rows(
        a,
        b,
        limit,
        &mut before[..width],
        &mut previous[..width],
        &mut current[..width],
    )
}

fn distance_of_rows<'r, T: PartialEq>(
    a: &[T],
    b: &[T],
    limit: usize,
    mut before: &'r mut [usize],
    mut previous: &'r mut [usize],
    mut current: &'r mut [usize],
) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    for (j, cell) in previous.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_best = current[0];
        for j in 1..width {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (previous[j] + 1)
                .min(current[j - 1] + 1)
                .min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(before[j - 2] + 1);
            }
            current[j] = value;
            row_best = row_best.min(value);
        }
        if row_best > limit {
            return None;
        }
        std::mem::swap(&mut before, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|&d| d <= limit)
}

/// How a piece of a snippet is styled, as in the lesson.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Code,
    Emphasis,
    Strong,
}

/// Text with its inline styles, as the lesson shows it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Styled {
    pub text: String,
    pub styles: Vec<(Range<usize>, Style)>,
}

impl Styled {
    /// Appends spans, keeping their code, italic and bold runs.
    pub fn push_spans(&mut self, spans: &[Span]) {
        self.separate();
        for span in spans {
            let start = self.text.len();
            self.text.push_str(&span.text);
            let range = start..self.text.len();
            let style = if span.is_code {
                Some(Style::Code)
            } else if span.is_bold {
                Some(Style::Strong)
            } else if span.is_italic {
                Some(Style::Emphasis)
            } else {
                None
            };
            if let Some(style) = style {
                self.styles.push((range, style));
            }
        }
    }

    /// Appends plain text.
    pub fn push_plain(&mut self, text: &str) {
        self.separate();
        self.text.push_str(text);
    }

    /// Appends code, shown in the code font.
    pub fn push_code(&mut self, code: &str) {
        self.separate();
        let start = self.text.len();
        self.text.push_str(code);
        self.styles.push((start..self.text.len(), Style::Code));
    }

    /// Appends a table's row as one line, its cells apart.
    pub fn push_row(&mut self, cells: &[Vec<Span>]) {
        self.separate();
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                self.text.push_str(CELL_SEPARATOR);
            }
            // Spans of one cell, not lines: appended without a break.
            let mut inline = Self::default();
            inline.push_spans(cell);
            let shift = self.text.len();
            self.text.push_str(&inline.text.replace('\n', " "));
            self.styles.extend(
                inline
                    .styles
                    .into_iter()
                    .map(|(r, style)| (r.start + shift..r.end + shift, style)),
            );
        }
    }

    fn separate(&mut self) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
    }
}

/// Between a table's cells on its line.
pub const CELL_SEPARATOR: &str = " │ ";

/// A piece of a passage to show in a result: text, the words to mark and the
/// lesson's inline styles, all as byte ranges of `text`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<Range<usize>>,
    pub styles: Vec<(Range<usize>, Style)>,
}

const SNIPPET_BEFORE: usize = 40;
const SNIPPET_LENGTH: usize = 140;

/// The part of a text to show around the byte `first`: never more than
/// its line (a line of code, a table's row, a list item), so that lines are
/// not run together, and without the line's indentation.
pub fn window(text: &str, first: usize) -> Range<usize> {
    let line_start = text[..first].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[first..].find('\n').map_or(text.len(), |i| first + i);
    let indent = text[line_start..first].len() - text[line_start..first].trim_start().len();
    let line_start = line_start + indent;
    let mut from = first.saturating_sub(SNIPPET_BEFORE).max(line_start);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    // Start at a word's beginning.
    if from > line_start {
        let next_space = text[from..first]
            .find(char::is_whitespace)
            .map_or(from, |i| from + i + 1);
        from = next_space.min(first);
    }
    let mut to = (from + SNIPPET_LENGTH).min(line_end);
    while !text.is_char_boundary(to) {
        to += 1;
    }
    // End at a word's end.
    if let Some(end) = word_ranges(&text[to..line_end])
        .next()
        .filter(|w| w.start == 0)
    {
        to += end.end;
    }
    from..to
}

/// The `window` of `passage` (one line of it), with `marks` (byte ranges of
/// the passage) to highlight; "…" where the passage goes on.
pub fn snippet(passage: &Styled, window: Range<usize>, marks: &[Range<usize>]) -> Snippet {
    let text = &passage.text;
    let (from, to) = (window.start, window.end);
    let prefix = if from > 0 { "…" } else { "" };
    let suffix = if to < text.len() { "…" } else { "" };
    let body = text[from..to].replace('\t', " ");
    let shift = |r: &Range<usize>| {
        let start = r.start.max(from);
        let end = r.end.min(to);
        (start < end).then(|| start - from + prefix.len()..end - from + prefix.len())
    };
    Snippet {
        text: format!("{prefix}{body}{suffix}"),
        highlights: marks.iter().filter_map(shift).collect(),
        styles: passage
            .styles
            .iter()
            .filter_map(|(r, style)| shift(r).map(|r| (r, *style)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_and_hyphenated_words_are_found_by_their_parts() {
        let words = index_words("Use an f-string in __init__ or df.read_csv().");
        for expected in [
            "fstring", "f", "string", "__init__", "init", "read_csv", "csv",
        ] {
            assert!(words.iter().any(|w| w == expected), "{expected}: {words:?}");
        }
    }

    #[test]
    fn typed_words_match_plurals_prefixes_and_typos() {
        assert_eq!(match_quality("dict", "dict"), Some(1.0));
        assert_eq!(match_quality("strings", "string"), Some(0.95));
        assert_eq!(match_quality("dictionary", "dictionaries"), Some(0.95));
        assert!(match_quality("dictionnary", "dictionary").is_some());
        assert!(match_quality("decorater", "decorator").is_some());
        assert!(match_quality("dec", "decorator").is_some());
        assert_eq!(
            match_quality("to", "tolerance"),
            None,
            "two letters are a whole word"
        );
        assert_eq!(match_quality("cat", "bat"), None, "no typos in short words");
    }

    #[test]
    fn edit_distance_counts_swaps_as_one_and_stops_at_the_limit() {
        assert_eq!(edit_distance("form", "from", 1), Some(1));
        assert_eq!(edit_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(edit_distance("kitten", "sitting", 2), None);
    }

    #[test]
    fn a_snippet_keeps_styles_and_marks_inside_its_window() {
        let mut passage = Styled::default();
        passage.push_spans(&[
            Span {
                text: "Call ".into(),
                ..Span::default()
            },
            Span {
                text: "open()".into(),
                is_code: true,
                ..Span::default()
            },
        ]);
        let marks = [Range { start: 5, end: 9 }];
        let snippet = snippet(&passage, window(&passage.text, 5), &marks);
        assert_eq!(snippet.text, "Call open()");
        assert_eq!(&snippet.text[snippet.highlights[0].clone()], "open");
        assert_eq!(snippet.styles, vec![(5..11, Style::Code)]);
    }
}
