//! A run's output on its way to the learner: capped, decoded from UTF-8
//! without ever getting stuck on a bad byte.

use super::tree::Chunk;

/// A run's output on its way to the learner: capped, decoded, and the end
/// of stderr kept to tell which limit stopped it.
pub(crate) struct Output {
    room: usize,
    /// Whether output passed the cap (the rest was dropped).
    pub(crate) is_truncated: bool,
    streams: [Utf8Stream; 2],
    /// The last 2 kB or so of stderr.
    pub(crate) stderr_tail: String,
}

impl Output {
    pub(crate) fn new(output_bytes: usize) -> Self {
        Self {
            room: output_bytes,
            is_truncated: false,
            streams: [Utf8Stream::default(), Utf8Stream::default()],
            stderr_tail: String::new(),
        }
    }

    /// The text of a chunk, up to the output cap.
    pub(crate) fn take(&mut self, (is_stderr, bytes): Chunk) -> Option<(String, bool)> {
        if self.is_truncated {
            return None;
        }
        let take = bytes.len().min(self.room);
        self.room -= take;
        if take < bytes.len() {
            self.is_truncated = true;
        }
        let text = self.streams[usize::from(is_stderr)].push(&bytes[..take]);
        self.text(text, is_stderr)
    }

    /// What was still waiting for the rest of a character.
    pub(crate) fn finish(&mut self) -> Vec<(String, bool)> {
        [false, true]
            .into_iter()
            .filter_map(|is_stderr| {
                let text = self.streams[usize::from(is_stderr)].finish();
                self.text(text, is_stderr)
            })
            .collect()
    }

    fn text(&mut self, text: String, is_stderr: bool) -> Option<(String, bool)> {
        if text.is_empty() {
            return None;
        }
        if is_stderr {
            self.stderr_tail.push_str(&text);
            let excess = self.stderr_tail.len().saturating_sub(2048);
            if excess > 0 {
                let cut = self.stderr_tail.ceil_char_boundary(excess);
                self.stderr_tail.drain(..cut);
            }
        }
        Some((text, is_stderr))
    }
}

/// One stream's bytes turned into text as they arrive: invalid bytes
/// become U+FFFD and the text goes on; a character split between two reads
/// waits for its end.
#[derive(Default)]
pub(crate) struct Utf8Stream {
    pending: Vec<u8>,
}

impl Utf8Stream {
    pub(crate) fn push(&mut self, bytes: &[u8]) -> String {
        self.pending.extend_from_slice(bytes);
        let pending = std::mem::take(&mut self.pending);
        let mut text = String::new();
        let mut rest = pending.as_slice();
        while !rest.is_empty() {
            match std::str::from_utf8(rest) {
                Ok(valid) => {
                    text.push_str(valid);
                    rest = &[];
                }
                Err(error) => {
                    let (valid, after) = rest.split_at(error.valid_up_to());
                    text.push_str(&String::from_utf8_lossy(valid));
                    match error.error_len() {
                        Some(bad) => {
                            text.push(char::REPLACEMENT_CHARACTER);
                            rest = &after[bad..];
                        }
                        // The start of a character whose end has not come yet.
                        None => {
                            self.pending = after.to_vec();
                            rest = &[];
                        }
                    }
                }
            }
        }
        text
    }

    /// The end of the stream: an unfinished character is shown as U+FFFD.
    pub(crate) fn finish(&mut self) -> String {
        let pending = std::mem::take(&mut self.pending);
        String::from_utf8_lossy(&pending).into_owned()
    }
}
