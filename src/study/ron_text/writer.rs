//! Writes the learner's file one entry per line, so it diffs well.

use std::fmt::Write as _;

use serde::Serialize;

use super::Raw;

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
