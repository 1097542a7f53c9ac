//! Reads and writes the learner's file one entry at a time, so that one value
//! this build does not understand never hides the rest, and unknown values
//! are written back exactly as they were read (variant names included).

use std::borrow::Cow;

use serde::de::{DeserializeOwned, IntoDeserializer};

mod scanner;
mod writer;

pub use scanner::split;
pub use writer::Writer;

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
    /// Set when the text breaks off part way: the entries before the break
    /// were still read.
    pub error: Option<TextError>,
    /// Stray text between entries (a byte inserted, a key without `:`),
    /// skipped so that the entries after it are still read.
    pub skipped: Vec<TextError>,
}

/// A key that appears more than once in one map or struct.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Duplicate {
    pub key: String,
    /// The line of the value that was dropped.
    pub dropped_line: usize,
    /// The line of the value that is used: the last one.
    pub kept_line: usize,
}

/// One `key: value` of a map or struct.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    /// Borrowed from the text unless it had escapes to undo.
    pub key: Cow<'a, str>,
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

    /// Keeps only the last entry of each key, as serde's and JSON's readers
    /// do, and says which were dropped (in file order).
    pub fn drop_duplicates(&mut self) -> Vec<Duplicate> {
        // Most maps are a record's few fields: compare them pairwise.
        let is_small = self.items.len() <= 24;
        if is_small
            && !self
                .items
                .iter()
                .enumerate()
                .any(|(i, a)| self.items[..i].iter().any(|b| a.key == b.key))
        {
            return Vec::new();
        }
        let mut last: std::collections::HashMap<&str, usize> =
            std::collections::HashMap::with_capacity(self.items.len());
        for (index, item) in self.items.iter().enumerate() {
            last.insert(&*item.key, index);
        }
        if last.len() == self.items.len() {
            return Vec::new();
        }
        let keep: Vec<bool> = self
            .items
            .iter()
            .enumerate()
            .map(|(index, item)| last.get(&*item.key) == Some(&index))
            .collect();
        let kept_lines: std::collections::HashMap<&str, usize> = last
            .iter()
            .map(|(key, &index)| (*key, self.items[index].line))
            .collect();
        let duplicates = self
            .items
            .iter()
            .zip(&keep)
            .filter(|(_, is_kept)| !**is_kept)
            .map(|(item, _)| Duplicate {
                key: item.key.to_string(),
                dropped_line: item.line,
                kept_line: kept_lines.get(&*item.key).copied().unwrap_or(item.line),
            })
            .collect();
        let mut keep = keep.into_iter();
        self.items.retain(|_| keep.next().unwrap_or(true));
        duplicates
    }
}

/// Parses one value's text as `T`.
pub fn parse_value<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    // Most values are whole numbers (times) or booleans: read those without
    // starting a RON parser; anything else, or a type that wants something
    // else, goes to RON (and its error message).
    let plain: Option<Result<T, serde::de::value::Error>> =
        if !text.is_empty() && text.len() <= 19 && text.bytes().all(|b| b.is_ascii_digit()) {
            text.parse::<u64>()
                .ok()
                .map(|n| T::deserialize(n.into_deserializer()))
        } else {
            match text {
                "true" => Some(T::deserialize(true.into_deserializer())),
                "false" => Some(T::deserialize(false.into_deserializer())),
                _ => None,
            }
        };
    if let Some(Ok(value)) = plain {
        return Ok(value);
    }
    ron::from_str(text).map_err(|e| e.code.to_string())
}

#[cfg(test)]
mod tests;
