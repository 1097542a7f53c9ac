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

pub mod syntaxes;

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
    /// The worker waits, without loading its syntaxes, until released: the
    /// app holds it until its window is on screen.
    is_held: bool,
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

    /// Starts the worker with no one to tell yet, so code can be queued
    /// before the window exists (see `set_on_done`).
    pub fn start() -> Self {
        Self::spawn(false)
    }

    /// Starts the worker held: blocks are queued, but nothing is loaded nor
    /// highlighted until [`Self::release`]. The app starts it so, to leave
    /// the CPU to opening its window.
    pub fn start_held() -> Self {
        Self::spawn(true)
    }

    fn spawn(is_held: bool) -> Self {
        let shared: SharedState = Arc::new((
            Mutex::new(Shared {
                is_held,
                ..Shared::default()
            }),
            Condvar::new(),
        ));
        let worker_shared = Arc::clone(&shared);
        std::thread::Builder::new()
            .name("highlighter".into())
            .spawn(move || worker(&worker_shared))
            .map_or_else(
                |error| eprintln!("pyroadmap: no highlighter thread ({error}); code stays plain"),
                drop,
            );
        Self { shared }
    }

    /// Lets a held worker start.
    pub fn release(&self) {
        let (lock, wake) = &*self.shared;
        let mut shared = lock.lock().unwrap_or_else(PoisonError::into_inner);
        if shared.is_held {
            shared.is_held = false;
            wake.notify_all();
        }
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
        for (lang, text) in blocks {
            lookup(&self.shared, lang, text, is_dark, false);
        }
    }

    /// Blocks until every queued block is done (for tests and benchmarks);
    /// a held worker is released first, or it would never be.
    pub fn wait_idle(&self) {
        self.release();
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

/// Colours for `text` taken from the highlight of an earlier version of it
/// (`old_text`, `old`), for the moment its own highlight takes: what is
/// unchanged at the start and the end keeps its colour, the edited middle
/// is `plain`. So an editor never flashes plain while the learner types.
pub fn carry_over(
    old_text: &str,
    old: &[StyledRange],
    text: &str,
    plain: Color32,
) -> Vec<StyledRange> {
    let mut prefix = old_text
        .bytes()
        .zip(text.bytes())
        .take_while(|(x, y)| x == y)
        .count();
    while !text.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let (old_rest, rest) = (&old_text.as_bytes()[prefix..], &text.as_bytes()[prefix..]);
    let mut suffix = old_rest
        .iter()
        .rev()
        .zip(rest.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while !text.is_char_boundary(text.len() - suffix) {
        suffix -= 1;
    }
    let old_tail = old_text.len() - suffix;
    let new_tail = text.len() - suffix;
    let mut kept: Vec<StyledRange> = Vec::new();
    for range in old {
        let head = range.range.start..range.range.end.min(prefix);
        let tail = range.range.start.max(old_tail)..range.range.end;
        if !head.is_empty() {
            kept.push(StyledRange {
                range: head,
                ..range.clone()
            });
        }
        if !tail.is_empty() {
            kept.push(StyledRange {
                range: tail.start - old_tail + new_tail..tail.end - old_tail + new_tail,
                ..range.clone()
            });
        }
    }
    // Whatever no kept range covers is plain.
    let mut out = Vec::with_capacity(kept.len() + 2);
    let mut at = 0;
    for range in kept {
        if range.range.start > at {
            out.push(StyledRange {
                range: at..range.range.start,
                color: plain,
                is_bold: false,
                is_italic: false,
            });
        }
        at = range.range.end;
        out.push(range);
    }
    if at < text.len() {
        out.push(StyledRange {
            range: at..text.len(),
            color: plain,
            is_bold: false,
            is_italic: false,
        });
    }
    out
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
            // The newest first: while a learner types, the text on screen
            // now matters, not the versions before it.
            shared.urgent.push_front(job());
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
    let (lock, wake) = shared;
    {
        let mut state = lock.lock().unwrap_or_else(PoisonError::into_inner);
        while state.is_held && !state.is_closed {
            state = wake.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
    }
    let syntaxes = syntaxes::load();
    let themes = two_face::theme::extra();
    let light = themes.get(two_face::theme::EmbeddedThemeName::OneHalfLight);
    let dark = themes.get(two_face::theme::EmbeddedThemeName::OneHalfDark);
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
    fn an_edit_keeps_the_colours_around_it_until_its_own_highlight_is_ready() {
        let (red, blue, plain) = (Color32::RED, Color32::BLUE, Color32::GRAY);
        let styled = |range: Range<usize>, color| StyledRange {
            range,
            color,
            is_bold: false,
            is_italic: false,
        };
        let old = [styled(0..3, red), styled(3..9, plain), styled(9..13, blue)];
        // "def f(x): pass" → one letter typed inside the brackets.
        let carried = carry_over("def f(): pass", &old, "def f(x): pass", plain);
        let colour_at = |at: usize| {
            carried
                .iter()
                .find(|r| r.range.contains(&at))
                .map(|r| r.color)
        };
        assert_eq!(colour_at(0), Some(red), "`def` keeps its colour");
        assert_eq!(colour_at(6), Some(plain), "the typed letter is plain");
        assert_eq!(colour_at(10), Some(blue), "`pass` moved one to the right");
        assert_eq!(carried.last().map(|r| r.range.end), Some(14));
        let covered: usize = carried.iter().map(|r| r.range.len()).sum();
        assert_eq!(covered, 14, "every byte has a colour, once");
        // Non-ASCII text is cut on character boundaries.
        let carried = carry_over("é", &[styled(0..2, red)], "è", plain);
        assert!(carried.iter().all(|r| "è".is_char_boundary(r.range.start)));
    }

    #[test]
    fn every_language_in_the_table_has_a_syntax() {
        let syntaxes = syntaxes::load();
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
    fn a_held_worker_highlights_nothing_until_released() {
        let highlighter = Highlighter::start_held();
        let text = "print('held')\n";
        highlighter.prewarm([("python", text)], true);
        assert!(highlighter.get("python", text, true).is_none());
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert!(
            highlighter.get("python", text, true).is_none(),
            "nothing is highlighted while held"
        );
        highlighter.release();
        highlighter.wait_idle();
        assert!(highlighter.get("python", text, true).is_some());
    }

    #[test]
    fn ranges_are_contiguous_and_one_per_run_of_a_look() {
        let syntaxes = syntaxes::load();
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
