//! Reads and writes the learner's file one entry at a time, so that one value
//! this build does not understand never hides the rest, and unknown values
//! are written back exactly as they were read (variant names included).

use std::fmt::Write as _;

use serde::Serialize;
use serde::de::DeserializeOwned;

/// A value kept as the exact RON text it was read as.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Raw(pub String);

/// Where in the text something went wrong, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// The entries of a RON map (`{"key": value}`) or struct (`(key: value)`),
/// each value as its exact text with the line it starts on.
#[derive(Debug, Default)]
pub struct Entries<'a> {
    pub items: Vec<Entry<'a>>,
    /// Set when the text breaks off or goes wrong part way: the entries
    /// before the break were still read.
    pub error: Option<TextError>,
}

/// One `key: value` of a map or struct.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    pub key: String,
    pub value: &'a str,
    /// The 1-based line the value starts on, in the whole file.
    pub line: usize,
    /// The text broke off inside this value: `value` is only its beginning.
    pub is_partial: bool,
}

/// A value that did not parse as what this build expects, kept as it was.
#[derive(Clone, Debug)]
pub struct Unreadable {
    pub raw: Raw,
    pub line: usize,
    pub message: String,
}

impl<'a> Entries<'a> {
    /// Removes the entry for `key` and parses it; `None` when absent or
    /// cut off.
    pub fn take<T: DeserializeOwned>(&mut self, key: &str) -> Option<Result<T, Unreadable>> {
        let entry = self.take_text(key).filter(|e| !e.is_partial)?;
        Some(parse_value(entry.value).map_err(|message| Unreadable {
            raw: Raw(entry.value.to_owned()),
            line: entry.line,
            message,
        }))
    }

    /// Removes the entry for `key` and returns its text.
    pub fn take_text(&mut self, key: &str) -> Option<Entry<'a>> {
        let index = self.items.iter().position(|e| e.key == key)?;
        Some(self.items.remove(index))
    }
}

/// Parses one value's text as `T`.
pub fn parse_value<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    ron::from_str(text).map_err(|e| e.code.to_string())
}

/// Splits `text` (a whole value) into its entries. `first_line` is the line
/// `text` starts on in the file, for messages.
pub fn split(text: &str, first_line: usize) -> Entries<'_> {
    let mut scanner = Scanner {
        text,
        pos: 0,
        first_line,
    };
    let mut entries = Entries::default();
    if let Err(error) = scanner.entries(&mut entries.items) {
        entries.error = Some(error);
    }
    entries
}

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    first_line: usize,
}

impl<'a> Scanner<'a> {
    fn error(&self, message: impl Into<String>) -> TextError {
        let before = &self.text[..self.pos.min(self.text.len())];
        let line = before.matches('\n').count() + self.first_line;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        TextError {
            line,
            column,
            message: message.into(),
        }
    }

    fn line(&self) -> usize {
        self.text[..self.pos].matches('\n').count() + self.first_line
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    /// Skips white space (a byte order mark and CR included) and comments.
    fn skip_blank(&mut self) -> Result<(), TextError> {
        loop {
            let rest = self.rest();
            if let Some(c) = rest.chars().next()
                && (c.is_whitespace() || c == '\u{feff}')
            {
                self.pos += c.len_utf8();
            } else if rest.starts_with("//") {
                self.pos += rest.find('\n').unwrap_or(rest.len());
            } else if rest.starts_with("/*") {
                let mut depth = 0usize;
                loop {
                    let rest = self.rest();
                    if rest.starts_with("/*") {
                        depth += 1;
                        self.pos += 2;
                    } else if rest.starts_with("*/") {
                        depth -= 1;
                        self.pos += 2;
                        if depth == 0 {
                            break;
                        }
                    } else if self.bump().is_none() {
                        return Err(self.error("a comment is not closed"));
                    }
                }
            } else {
                return Ok(());
            }
        }
    }

    /// Reads `{k: v, ...}` or `Name(k: v, ...)` into `out`, entry by entry.
    fn entries(&mut self, out: &mut Vec<Entry<'a>>) -> Result<(), TextError> {
        self.skip_blank()?;
        // An optional struct name before `(`.
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.bump();
        }
        let close = match self.bump() {
            Some('{') => '}',
            Some('(') => ')',
            _ => return Err(self.error("expected `{` or `(` to start a map or struct")),
        };
        loop {
            self.skip_blank()?;
            if self.peek() == Some(close) {
                self.bump();
                return Ok(());
            }
            let key = self.key()?;
            self.skip_blank()?;
            if self.bump() != Some(':') {
                return Err(self.error(format!("expected `:` after `{key}`")));
            }
            self.skip_blank()?;
            let line = self.line();
            let start = self.pos;
            if let Err(error) = self.value() {
                // Kept so that what is complete inside it can still be read.
                out.push(Entry {
                    key,
                    value: &self.text[start..],
                    line,
                    is_partial: true,
                });
                return Err(error);
            }
            let value = self.text[start..self.pos].trim_end();
            if value.is_empty() {
                return Err(self.error(format!("`{key}` has no value")));
            }
            out.push(Entry {
                key,
                value,
                line,
                is_partial: false,
            });
            self.skip_blank()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(c) if c == close => {}
                None => return Err(self.error("the file ends before the map is closed")),
                Some(c) => return Err(self.error(format!("expected `,` but found `{c}`"))),
            }
        }
    }

    /// A map key (a string) or a struct field name.
    fn key(&mut self) -> Result<String, TextError> {
        let start = self.pos;
        if self.peek() == Some('"') || self.rest().starts_with('r') && self.is_raw_string_start() {
            if self.peek() == Some('"') {
                self.string()?;
            } else {
                self.raw_string()?;
            }
            return parse_value::<String>(&self.text[start..self.pos])
                .map_err(|message| self.error(format!("a key is not a string: {message}")));
        }
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.bump();
        }
        if self.pos == start {
            return Err(match self.peek() {
                Some(c) => self.error(format!("expected a key but found `{c}`")),
                None => self.error("the file ends where a key should be"),
            });
        }
        Ok(self.text[start..self.pos].to_owned())
    }

    fn is_raw_string_start(&self) -> bool {
        let rest = self.rest().strip_prefix('r').unwrap_or("");
        rest.trim_start_matches('#').starts_with('"')
    }

    /// Skips one value: everything up to a `,` or closing bracket at depth 0.
    fn value(&mut self) -> Result<(), TextError> {
        let mut depth = 0usize;
        loop {
            self.skip_blank()?;
            let Some(c) = self.peek() else {
                return if depth == 0 {
                    Ok(())
                } else {
                    Err(self.error("the file ends inside a value"))
                };
            };
            match c {
                '(' | '[' | '{' => {
                    depth += 1;
                    self.bump();
                }
                ')' | ']' | '}' => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                    self.bump();
                }
                ',' if depth == 0 => return Ok(()),
                '"' => self.string()?,
                '\'' => self.char_literal()?,
                'r' if self.is_raw_string_start() => self.raw_string()?,
                'b' if self.rest()[1..].starts_with('"') => {
                    self.bump();
                    self.string()?;
                }
                _ => {
                    self.bump();
                }
            }
        }
    }

    fn string(&mut self) -> Result<(), TextError> {
        self.quoted('"', "a string is not closed")
    }

    fn char_literal(&mut self) -> Result<(), TextError> {
        self.quoted('\'', "a character is not closed")
    }

    /// Skips a literal from its opening `quote` to the matching one,
    /// stepping over backslash escapes.
    fn quoted(&mut self, quote: char, unclosed: &str) -> Result<(), TextError> {
        let start = self.pos;
        self.bump();
        while let Some(c) = self.bump() {
            if c == '\\' {
                self.bump();
            } else if c == quote {
                return Ok(());
            }
        }
        self.pos = start;
        Err(self.error(unclosed))
    }

    fn raw_string(&mut self) -> Result<(), TextError> {
        let start = self.pos;
        self.bump();
        let hashes = self.rest().len() - self.rest().trim_start_matches('#').len();
        self.pos += hashes + 1;
        let end = format!("\"{}", "#".repeat(hashes));
        match self.rest().find(&end) {
            Some(at) => {
                self.pos += at + end.len();
                Ok(())
            }
            None => {
                self.pos = start;
                Err(self.error("a raw string is not closed"))
            }
        }
    }
}

/// Writes a RON map with one entry per line, indented by nesting.
pub struct Writer {
    out: String,
    depth: usize,
}

impl Writer {
    /// Starts the outermost map.
    pub fn new() -> Self {
        Self {
            out: String::from("{\n"),
            depth: 1,
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn key(&mut self, key: &str) {
        self.indent();
        // A string always serialises.
        let quoted = ron::to_string(key).unwrap_or_else(|_| format!("{key:?}"));
        let _ = write!(self.out, "{quoted}: ");
    }

    /// Writes `key: value`.
    pub fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        self.key(key);
        // The values written are plain data that RON can always express.
        let text = ron::to_string(value).unwrap_or_else(|e| format!("() /* {e} */"));
        self.out.push_str(&text);
        self.out.push_str(",\n");
    }

    /// Writes `key: <text exactly as it was read>`.
    pub fn raw(&mut self, key: &str, value: &Raw) {
        self.key(key);
        self.out.push_str(&value.0);
        self.out.push_str(",\n");
    }

    /// Opens a nested map under `key`; close it with `close`.
    pub fn open(&mut self, key: &str) {
        self.key(key);
        self.out.push_str("{\n");
        self.depth += 1;
    }

    /// Closes the map `open` started.
    pub fn close(&mut self) {
        self.depth -= 1;
        self.indent();
        self.out.push_str("},\n");
    }

    /// The finished text.
    pub fn finish(mut self) -> String {
        self.out.push_str("}\n");
        self.out
    }
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_maps_and_structs_keeping_value_text() {
        let text = "\u{feff}{\r\n  \"a\": Daily(3), // note\r\n  \"b\": {\"x\": [1, (2)], \"y\": \"},\\\"\"},\r\n  c: r#\"raw \" }\"#,\r\n  \"d\": 'x',\r\n}";
        let entries = split(text, 1);
        assert_eq!(entries.error, None);
        let got: Vec<(&str, &str, usize)> = entries
            .items
            .iter()
            .map(|e| (e.key.as_str(), e.value, e.line))
            .collect();
        assert_eq!(
            got,
            [
                ("a", "Daily(3)", 2),
                ("b", "{\"x\": [1, (2)], \"y\": \"},\\\"\"}", 3),
                ("c", "r#\"raw \" }\"#", 4),
                ("d", "'x'", 5),
            ]
        );
    }

    #[test]
    fn a_truncated_map_keeps_the_entries_before_the_break() {
        let mut entries = split("{\n\"a\": 1,\n\"b\": {\"note\": \"unfinished", 1);
        assert_eq!(entries.items.len(), 2);
        assert_eq!(entries.items[0].key, "a");
        assert!(entries.items[1].is_partial);
        assert!(
            entries.take::<u32>("b").is_none(),
            "a cut-off value is not parsed"
        );
        let error = entries.error.expect("an error");
        assert_eq!(error.line, 3, "{error}");
    }

    #[test]
    fn written_text_reads_back() {
        let mut writer = Writer::new();
        writer.field("version", &1u32);
        writer.open("topics");
        writer.field("note", "line \"one\"\nline two");
        writer.raw("future", &Raw("Daily(3)".into()));
        writer.close();
        let text = writer.finish();
        let mut top = split(&text, 1);
        assert_eq!(top.take::<u32>("version").unwrap().unwrap(), 1);
        let topics = top.take_text("topics").unwrap();
        let mut inner = split(topics.value, topics.line);
        assert_eq!(
            inner.take::<String>("note").unwrap().unwrap(),
            "line \"one\"\nline two"
        );
        assert_eq!(inner.take_text("future").unwrap().value, "Daily(3)");
    }
}
