//! Syntax highlighting off the UI thread. The first highlight of a language
//! costs tens of ms in syntect, so a worker thread does all of it and caches
//! the result; the UI shows plain monospace for the moment it takes.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet, VecDeque};
use std::hash::{Hash as _, Hasher as _};
use std::ops::Range;
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use egui::Color32;
use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Theme};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use crate::course::languages;

/// A coloured range of a code block's text.
#[derive(Clone, Debug, PartialEq)]
pub struct StyledRange {
    pub range: Range<usize>,
    pub color: Color32,
    pub is_bold: bool,
    pub is_italic: bool,
}

/// A highlighted code block: ranges covering its text in order.
pub type Highlighted = Arc<Vec<StyledRange>>;

type Key = u64;

struct Job {
    key: Key,
    lang: String,
    text: String,
    is_dark: bool,
}

#[derive(Default)]
struct Shared {
    cache: HashMap<Key, Highlighted>,
    /// Keys queued or being highlighted.
    pending: HashSet<Key>,
    /// Blocks on screen now: done before anything else.
    urgent: VecDeque<Job>,
    /// Blocks queued ahead of time.
    background: VecDeque<Job>,
    /// Keys the screen asked for while they were queued or in progress.
    wanted: HashSet<Key>,
    /// Set when the app is gone: the worker stops.
    is_closed: bool,
    /// Called after each block the screen asked for (the app passes a
    /// repaint request); set once the window exists.
    on_done: Option<Arc<dyn Fn() + Send + Sync>>,
}

type SharedState = Arc<(Mutex<Shared>, Condvar)>;

/// Hands code to the worker and serves finished highlights.
pub struct Highlighter {
    shared: SharedState,
}

impl Highlighter {
    /// Starts the worker. `on_done` is called after each block the screen
    /// asked for (the app passes a repaint request).
    pub fn new(on_done: impl Fn() + Send + Sync + 'static) -> Self {
        let highlighter = Self::start();
        highlighter.set_on_done(on_done);
        highlighter
    }

    /// Starts the worker with no one to tell yet, so code can be
    /// highlighted before the window exists (see `set_on_done`).
    pub fn start() -> Self {
        Self::start_after(|_| {})
    }

    /// Starts the worker, which first runs `setup`; blocks that `setup`
    /// queues through its [`Queue`] are highlighted right after. The
    /// start-up work shares the worker's thread (and its memory) this way.
    pub fn start_after(setup: impl FnOnce(&Queue<'_>) + Send + 'static) -> Self {
        let shared: SharedState = Arc::default();
        let worker_shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("highlighter".into())
            .spawn(move || {
                setup(&Queue(&worker_shared));
                worker(&worker_shared);
            })
            .map_or_else(
                |error| eprintln!("pyroadmap: no highlighter thread ({error}); code stays plain"),
                drop,
            );
        Self { shared }
    }

    /// What to call after each block the screen asked for.
    pub fn set_on_done(&self, on_done: impl Fn() + Send + Sync + 'static) {
        let (lock, _) = &*self.shared;
        lock.lock().unwrap_or_else(PoisonError::into_inner).on_done = Some(Arc::new(on_done));
    }

    /// The highlight of a block if it is ready; otherwise queues it ahead of
    /// everything else and returns None (draw it plain this frame).
    pub fn get(&self, lang: &str, text: &str, is_dark: bool) -> Option<Highlighted> {
        lookup(&self.shared, lang, text, is_dark, true)
    }

    /// Queues blocks ahead of time so lessons open already highlighted.
    pub fn prewarm<'a>(&self, blocks: impl IntoIterator<Item = (&'a str, &'a str)>, is_dark: bool) {
        Queue(&self.shared).prewarm(blocks, is_dark);
    }

    /// Blocks until every queued block is done (for tests and benchmarks).
    pub fn wait_idle(&self) {
        let (lock, wake) = &*self.shared;
        let mut shared = lock.lock().unwrap_or_else(PoisonError::into_inner);
        while !shared.pending.is_empty() {
            shared = wake.wait(shared).unwrap_or_else(PoisonError::into_inner);
        }
    }
}

impl Drop for Highlighter {
    fn drop(&mut self) {
        let (lock, wake) = &*self.shared;
        lock.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .is_closed = true;
        wake.notify_all();
    }
}

/// Where the `setup` of [`Highlighter::start_after`] queues blocks.
pub struct Queue<'a>(&'a SharedState);

impl Queue<'_> {
    /// Queues blocks ahead of time, as [`Highlighter::prewarm`] does.
    pub fn prewarm<'b>(&self, blocks: impl IntoIterator<Item = (&'b str, &'b str)>, is_dark: bool) {
        for (lang, text) in blocks {
            lookup(self.0, lang, text, is_dark, false);
        }
    }
}

/// The highlight of a block if it is ready; otherwise queues it, ahead of
/// everything else when urgent.
fn lookup(
    shared: &SharedState,
    lang: &str,
    text: &str,
    is_dark: bool,
    is_urgent: bool,
) -> Option<Highlighted> {
    let key = key(lang, text, is_dark);
    let (lock, wake) = &**shared;
    let mut shared = lock.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(done) = shared.cache.get(&key) {
        return Some(Arc::clone(done));
    }
    let job = || Job {
        key,
        lang: lang.to_owned(),
        text: text.to_owned(),
        is_dark,
    };
    if is_urgent {
        shared.wanted.insert(key);
    }
    if shared.pending.insert(key) {
        if is_urgent {
            shared.urgent.push_back(job());
        } else {
            shared.background.push_back(job());
        }
        wake.notify_all();
    } else if is_urgent && let Some(at) = shared.background.iter().position(|j| j.key == key) {
        // On screen now: move it to the front.
        if let Some(moved) = shared.background.remove(at) {
            shared.urgent.push_back(moved);
        }
    }
    None
}

fn key(lang: &str, text: &str, is_dark: bool) -> Key {
    let mut hasher = DefaultHasher::new();
    (lang, text, is_dark).hash(&mut hasher);
    hasher.finish()
}

fn worker(shared: &(Mutex<Shared>, Condvar)) {
    let syntaxes = two_face::syntax::extra_newlines();
    let themes = two_face::theme::extra();
    let light = themes.get(two_face::theme::EmbeddedThemeName::OneHalfLight);
    let dark = themes.get(two_face::theme::EmbeddedThemeName::OneHalfDark);
    let (lock, wake) = shared;
    loop {
        let job = {
            let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if state.is_closed {
                    return;
                }
                if let Some(job) = state
                    .urgent
                    .pop_front()
                    .or_else(|| state.background.pop_front())
                {
                    break job;
                }
                state = wake.wait(state).unwrap_or_else(PoisonError::into_inner);
            }
        };
        let theme = if job.is_dark { dark } else { light };
        let ranges = highlight(&syntaxes, theme, &job.lang, &job.text);
        let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
        state.cache.insert(job.key, Arc::new(ranges));
        state.pending.remove(&job.key);
        let on_done = state
            .wanted
            .remove(&job.key)
            .then(|| state.on_done.clone())
            .flatten();
        wake.notify_all();
        drop(state);
        if let Some(on_done) = on_done {
            on_done();
        }
    }
}

/// Highlights one block with a syntax set and theme.
pub fn highlight(syntaxes: &SyntaxSet, theme: &Theme, lang: &str, text: &str) -> Vec<StyledRange> {
    let syntax = languages::syntax_name(lang)
        .and_then(|name| syntaxes.find_syntax_by_name(name))
        .unwrap_or_else(|| syntaxes.find_syntax_plain_text());
    let mut lines = HighlightLines::new(syntax, theme);
    let mut ranges = Vec::new();
    let mut offset = 0;
    for line in LinesWithEndings::from(text) {
        let Ok(pieces) = lines.highlight_line(line, syntaxes) else {
            ranges.push(plain(offset..text.len(), theme));
            return ranges;
        };
        for (style, piece) in pieces {
            let fg = style.foreground;
            let next = StyledRange {
                range: offset..offset + piece.len(),
                color: Color32::from_rgba_unmultiplied(fg.r, fg.g, fg.b, fg.a),
                is_bold: style.font_style.contains(FontStyle::BOLD),
                is_italic: style.font_style.contains(FontStyle::ITALIC),
            };
            offset += piece.len();
            // One range per run of one look (whitespace takes any look):
            // every lesson's ranges stay in memory.
            match ranges.last_mut() {
                Some(last) if piece.trim().is_empty() || last.has_look_of(&next) => {
                    last.range.end = next.range.end;
                }
                _ => ranges.push(next),
            }
        }
    }
    ranges.shrink_to_fit();
    ranges
}

impl StyledRange {
    fn has_look_of(&self, other: &StyledRange) -> bool {
        (self.color, self.is_bold, self.is_italic) == (other.color, other.is_bold, other.is_italic)
    }
}

fn plain(range: Range<usize>, theme: &Theme) -> StyledRange {
    let fg = theme
        .settings
        .foreground
        .unwrap_or(syntect::highlighting::Color::BLACK);
    StyledRange {
        range,
        color: Color32::from_rgb(fg.r, fg.g, fg.b),
        is_bold: false,
        is_italic: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_in_the_table_has_a_syntax() {
        let syntaxes = two_face::syntax::extra_newlines();
        for (token, name) in languages::LANGUAGES {
            assert!(
                syntaxes.find_syntax_by_name(name).is_some(),
                "`{token}` maps to unknown syntax {name:?}"
            );
        }
    }

    #[test]
    fn worker_highlights_and_covers_the_whole_text() {
        let highlighter = Highlighter::new(|| {});
        let text = "def f(x):\n    return x  # done\n";
        assert!(
            highlighter.get("python", text, false).is_none(),
            "first request is queued"
        );
        highlighter.wait_idle();
        let ranges = highlighter
            .get("python", text, false)
            .expect("ready after the worker ran");
        assert_eq!(ranges.first().unwrap().range.start, 0);
        assert_eq!(ranges.last().unwrap().range.end, text.len());
        let colours: HashSet<_> = ranges.iter().map(|r| r.color).collect();
        assert!(
            colours.len() > 2,
            "keywords, names and comments get different colours"
        );
    }

    #[test]
    fn ranges_are_contiguous_and_one_per_run_of_a_look() {
        let syntaxes = two_face::syntax::extra_newlines();
        let themes = two_face::theme::extra();
        let theme = themes.get(two_face::theme::EmbeddedThemeName::OneHalfDark);
        let text = "def area(width, height):\n    return width * height  # metres\n";
        let ranges = highlight(&syntaxes, theme, "python", text);
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].range.end, pair[1].range.start, "no gaps");
            assert!(
                !pair[0].has_look_of(&pair[1]),
                "neighbours differ: {pair:?}"
            );
        }
        assert_eq!(ranges.last().map(|r| r.range.end), Some(text.len()));
        let look_at = |needle: &str| {
            let at = text.find(needle).expect("in the text");
            ranges
                .iter()
                .find(|r| r.range.contains(&at))
                .map(|r| r.color)
        };
        assert_ne!(look_at("def"), look_at("area"), "keyword and name");
        assert_ne!(
            look_at("# metres"),
            look_at("return"),
            "comment and keyword"
        );
    }
}
