//! Splits a map's text into its entries by looking at bytes: strings,
//! brackets and comments are skipped over, never parsed, so a value this
//! build cannot read costs only itself.

use std::borrow::Cow;

use super::{Entries, Entry, TextError, parse_value};

/// Splits `text` (a whole value) into its entries. `first_line` is the line
/// `text` starts on in the file, for messages.
pub fn split(text: &str, first_line: usize) -> Entries<'_> {
    let mut scanner = Scanner {
        text,
        pos: 0,
        first_line,
        counted_to: 0,
        newlines: 0,
        skipped: Vec::new(),
    };
    let mut entries = Entries::default();
    if let Err(error) = scanner.entries(&mut entries.items) {
        entries.error = Some(error);
    } else if scanner.skip_blank().is_err() || scanner.peek().is_some() {
        scanner.skip("text after the end is not read");
    }
    entries.skipped = scanner.skipped;
    entries
}

/// How many skipped places are reported at most per map.
const MAX_SKIPPED: usize = 20;

struct Scanner<'a> {
    text: &'a str,
    pos: usize,
    first_line: usize,
    /// `newlines` counts the line breaks in `text[..counted_to]`: lines are
    /// counted as the scanner moves, never again from the start (which made
    /// reading a big file quadratic).
    counted_to: usize,
    newlines: usize,
    skipped: Vec<TextError>,
}

fn count_newlines(text: &str) -> usize {
    // Written as a sum so that it compiles to vector instructions.
    text.bytes().map(|b| usize::from(b == b'\n')).sum()
}

impl<'a> Scanner<'a> {
    fn error(&mut self, message: impl Into<String>) -> TextError {
        self.pos = self.pos.min(self.text.len());
        let line = self.line();
        let line_start = self.text[..self.pos].rfind('\n').map_or(0, |at| at + 1);
        let column = self.text[line_start..self.pos].chars().count() + 1;
        TextError {
            line,
            column,
            message: message.into(),
        }
    }

    /// The 1-based line `pos` is on, in the whole file.
    fn line(&mut self) -> usize {
        if self.pos >= self.counted_to {
            self.newlines += count_newlines(&self.text[self.counted_to..self.pos]);
        } else {
            self.newlines -= count_newlines(&self.text[self.pos..self.counted_to]);
        }
        self.counted_to = self.pos;
        self.newlines + self.first_line
    }

    /// Notes stray text at `pos`; one note per line, a few per map.
    fn skip(&mut self, message: impl Into<String>) {
        let error = self.error(message);
        let is_new_line = self
            .skipped
            .last()
            .is_none_or(|last| last.line != error.line);
        if is_new_line && self.skipped.len() < MAX_SKIPPED {
            self.skipped.push(error);
        }
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

    /// The byte at `pos`. The scanner looks at bytes where it can: every
    /// character that matters to it is ASCII, and a byte of a longer
    /// character is never ASCII, so `pos` stays on character boundaries.
    fn peek_byte(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    /// Skips white space (a byte order mark and CR included) and comments.
    fn skip_blank(&mut self) -> Result<(), TextError> {
        loop {
            match self.peek_byte() {
                Some(b' ' | b'\t' | b'\n' | b'\r') => {
                    self.pos += 1;
                    continue;
                }
                Some(b'/' | 0x0b | 0x0c | 0x80..) => {}
                _ => return Ok(()),
            }
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
    /// Stray text between entries is skipped (and noted); only the end of
    /// the text, inside a value or where the map should go on, stops it.
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
            match self.peek() {
                Some(c) if c == close => {
                    self.bump();
                    return Ok(());
                }
                None => return Err(self.error("the file ends before the map is closed")),
                Some(_) => {}
            }
            let key_start = self.pos;
            let key = match self.key() {
                Ok(key) => key,
                // A string that never closes: the rest is one string.
                Err(error)
                    if self.pos == key_start
                        && (self.peek() == Some('"') || self.is_raw_string_start()) =>
                {
                    return Err(error);
                }
                Err(error) => {
                    self.skip(error.message);
                    if self.pos == key_start {
                        self.bump();
                    }
                    continue;
                }
            };
            if !self.colon_after(&key)? {
                continue;
            }
            self.skip_blank()?;
            let line = self.line();
            let start = self.pos;
            let end = match self.value() {
                Ok(end) => end,
                Err(error) => {
                    // Kept so that what is complete inside it can still be read.
                    out.push(Entry {
                        key,
                        value: &self.text[start..],
                        line,
                        is_partial: true,
                    });
                    return Err(error);
                }
            };
            let value = self.text[start..end].trim_end();
            if value.is_empty() {
                self.skip(format!("`{key}` has no value"));
            } else {
                out.push(Entry {
                    key,
                    value,
                    line,
                    is_partial: false,
                });
            }
            self.skip_blank()?;
            match self.peek() {
                Some(',') => {
                    self.bump();
                }
                Some(c) if c == close => {}
                None => return Err(self.error("the file ends before the map is closed")),
                Some(c) => {
                    // A closing bracket of another kind.
                    self.skip(format!("unexpected `{c}`"));
                    self.bump();
                }
            }
        }
    }

    /// After a key: steps over its `:` and says whether its value follows.
    /// Stray text before the `:` is skipped; a key (or the map's end) where
    /// the `:` should be means this key was stray text; an opening bracket
    /// is the value of a key that lost its `:`.
    fn colon_after(&mut self, key: &str) -> Result<bool, TextError> {
        self.skip_blank()?;
        if self.peek() == Some(':') {
            self.bump();
            return Ok(true);
        }
        self.skip(format!("expected `:` after `{key}`"));
        loop {
            self.skip_blank()?;
            match self.peek() {
                Some(':') => {
                    self.bump();
                    return Ok(true);
                }
                Some('{' | '(' | '[') => return Ok(true),
                Some(c) if c == '"' || c == '_' || c.is_alphanumeric() => return Ok(false),
                Some(',' | '}' | ')' | ']') => return Ok(false),
                None => return Err(self.error("the file ends before the map is closed")),
                Some(_) => {
                    self.bump();
                }
            }
        }
    }

    /// A map key (a string) or a struct field name.
    fn key(&mut self) -> Result<Cow<'a, str>, TextError> {
        let start = self.pos;
        if self.peek() == Some('"') || self.rest().starts_with('r') && self.is_raw_string_start() {
            if self.peek() == Some('"') {
                self.string()?;
                let inside = &self.text[start + 1..self.pos - 1];
                if !inside.contains('\\') {
                    // Nothing to unescape: the common key, read directly.
                    return Ok(Cow::Borrowed(inside));
                }
            } else {
                self.raw_string()?;
            }
            return parse_value::<String>(&self.text[start..self.pos])
                .map(Cow::Owned)
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
        Ok(Cow::Borrowed(&self.text[start..self.pos]))
    }

    fn is_raw_string_start(&self) -> bool {
        let rest = self.rest().strip_prefix('r').unwrap_or("");
        rest.trim_start_matches('#').starts_with('"')
    }

    /// Skips one value: everything up to a `,` or closing bracket at depth 0.
    /// Returns where its last token ends: a comment after it is not part of
    /// it (written back before a `,`, it would hide the `,`).
    fn value(&mut self) -> Result<usize, TextError> {
        let mut depth = 0usize;
        let mut end = self.pos;
        loop {
            self.skip_blank()?;
            let Some(b) = self.peek_byte() else {
                return if depth == 0 {
                    Ok(end)
                } else {
                    Err(self.error("the file ends inside a value"))
                };
            };
            match b {
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    self.pos += 1;
                }
                b')' | b']' | b'}' => {
                    if depth == 0 {
                        return Ok(end);
                    }
                    depth -= 1;
                    self.pos += 1;
                }
                b',' if depth == 0 => return Ok(end),
                b'"' => self.string()?,
                b'\'' => self.char_literal()?,
                b'r' if self.is_raw_string_start() => self.raw_string()?,
                b'b' if self.rest()[1..].starts_with('"') => {
                    self.pos += 1;
                    self.string()?;
                }
                0x80.. => {
                    self.bump();
                }
                _ => {
                    // A run of plain ASCII (a number, a name, `:`, `,` inside
                    // brackets) up to anything the scanner must look at.
                    self.pos += 1;
                    let bytes = self.text.as_bytes();
                    while bytes.get(self.pos).is_some_and(|&b| {
                        b < 0x80
                            && !matches!(
                                b,
                                b'(' | b'['
                                    | b'{'
                                    | b')'
                                    | b']'
                                    | b'}'
                                    | b','
                                    | b'"'
                                    | b'\''
                                    | b'r'
                                    | b'b'
                                    | b'/'
                                    | b' '
                                    | b'\t'
                                    | b'\n'
                                    | b'\r'
                                    | 0x0b
                                    | 0x0c
                            )
                    }) {
                        self.pos += 1;
                    }
                }
            }
            end = self.pos;
        }
    }

    fn string(&mut self) -> Result<(), TextError> {
        self.quoted(b'"', "a string is not closed")
    }

    fn char_literal(&mut self) -> Result<(), TextError> {
        self.quoted(b'\'', "a character is not closed")
    }

    /// Skips a literal from its opening `quote` to the matching one,
    /// stepping over backslash escapes.
    fn quoted(&mut self, quote: u8, unclosed: &str) -> Result<(), TextError> {
        let start = self.pos;
        let bytes = self.text.as_bytes();
        self.pos += 1;
        while let Some(offset) = bytes[self.pos..]
            .iter()
            .position(|&b| b == quote || b == b'\\')
        {
            let at = self.pos + offset;
            if bytes[at] == quote {
                self.pos = at + 1;
                return Ok(());
            }
            // A backslash escapes the character after it, whatever its size.
            self.pos = at + 1;
            self.bump();
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
