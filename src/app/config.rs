//! What the app needs from the outside world (where the data lives, the
//! content, the clock, the Python to try), and what is read before the
//! window opens: the learner's file, and the course with the first page's
//! code highlighted on a worker.

use std::path::PathBuf;
use std::sync::Arc;

use crate::course::PackSource;
use crate::highlight::Highlighter;
use crate::study::machine as machine_file;
use crate::study::store::{Opened, Store};
use crate::study::{Clock, SystemClock, ThemeChoice};
use crate::ui;

/// What the app needs from the outside world: where things are and the time.
#[derive(Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    /// Where this machine's own settings (`machine.ron`: the Python, the run
    /// limits, the window) live: the data dir when it was given, else the
    /// local (non-roaming) config folder.
    pub machine_dir: PathBuf,
    pub content: PackSource,
    pub clock: Arc<dyn Clock>,
    /// The Python commands to try instead of the usual ones (tests pass a
    /// path that does not exist to see the app without Python).
    pub python: Option<Vec<Vec<String>>>,
    /// The course and the first page's highlights, being prepared on a
    /// worker since `preload`.
    preloaded: Option<Arc<Preload>>,
    /// The learner's file and this machine's settings, read by `open_data`
    /// before the window opened, for the app to take.
    opened: Option<Arc<OpenedData>>,
}

/// What `Config::open_data` read, until the app takes it.
struct OpenedData(std::sync::Mutex<Option<(Opened, machine_file::Loaded)>>);

/// What `main` needs of the learner's data before the window opens.
#[derive(Clone, Debug)]
pub struct StartHints {
    /// The topic that reopens.
    pub last_topic: Option<String>,
    /// The learner chose the light theme.
    pub is_light: bool,
    /// The window's last place on this machine.
    pub window: Option<crate::study::WindowGeometry>,
}

/// What a worker prepares while the window is being created: the course, and
/// a highlighter that has done the code of the page that opens first.
type Preloaded = (
    std::sync::mpsc::Receiver<Result<crate::course::Loaded, crate::course::LoadError>>,
    Highlighter,
);

struct Preload(std::sync::Mutex<Option<Preloaded>>);

impl Config {
    /// The embedded pack, the real clock and the given data dir.
    /// This machine's settings are kept in the data dir too.
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            machine_dir: data_dir.clone(),
            data_dir,
            content: PackSource::Embedded,
            clock: Arc::new(SystemClock),
            python: None,
            preloaded: None,
            opened: None,
        }
    }

    /// Reads the learner's file and this machine's settings now, once: the
    /// app takes both when it is created. Returns what the window needs
    /// before it opens.
    pub fn open_data(&mut self) -> StartHints {
        let now = self.clock.now_ms();
        let opened = Store::open(self.data_dir.clone(), now);
        let machine = machine_file::load(&self.machine_dir, now);
        let hints = StartHints {
            last_topic: opened.progress.last_topic.clone(),
            is_light: opened.progress.settings.theme == ThemeChoice::Light,
            window: machine.settings.window,
        };
        self.opened = Some(Arc::new(OpenedData(std::sync::Mutex::new(Some((
            opened, machine,
        ))))));
        hints
    }

    /// What `open_data` read, or the files read now.
    pub(super) fn take_opened(&self, now_ms: u64) -> (Opened, machine_file::Loaded) {
        let taken = self.opened.as_ref().and_then(|opened| {
            opened
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take()
        });
        taken.unwrap_or_else(|| {
            (
                Store::open(self.data_dir.clone(), now_ms),
                machine_file::load(&self.machine_dir, now_ms),
            )
        })
    }

    /// Starts reading the course on a worker now, and highlighting the code
    /// of `topic` (the lesson that will open) in `is_dark` colours; the app
    /// takes both when it is created. `main` calls this before opening the
    /// window, whose set-up takes longer, so the first frame shows the
    /// lesson highlighted.
    pub fn preload(&mut self, topic: Option<String>, is_dark: bool) {
        let source = self.content.clone();
        let (sender, receiver) = std::sync::mpsc::channel();
        // The highlighter's thread reads the course first: one thread, and
        // the memory the read leaves free is the highlighter's to reuse.
        let highlighter = Highlighter::start_after(move |queue| {
            let loaded = crate::course::open(&source);
            let doc = loaded.as_ref().ok().and_then(|loaded| {
                let topic = loaded.course.topic(topic.as_deref()?)?;
                Some(topic.doc())
            });
            if let Some(doc) = doc {
                queue.prewarm(ui::code_blocks_of(doc), is_dark);
            }
            // Sent after queueing: whoever takes the course finds the
            // lesson's blocks already on their way.
            let _ = sender.send(loaded);
        });
        self.preloaded = Some(Arc::new(Preload(std::sync::Mutex::new(Some((
            receiver,
            highlighter,
        ))))));
    }

    /// The preloaded course and highlighter when there are some, else the
    /// course read now and a new highlighter.
    pub(super) fn take_preloaded(
        &self,
    ) -> (
        Result<crate::course::Loaded, crate::course::LoadError>,
        Highlighter,
    ) {
        let preloaded = self.preloaded.as_ref().and_then(|preload| {
            preload
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .take()
        });
        match preloaded {
            Some((receiver, highlighter)) => match receiver.recv() {
                Ok(loaded) => (loaded, highlighter),
                // The worker stopped before sending: read it here.
                Err(_) => (crate::course::open(&self.content), highlighter),
            },
            None => (crate::course::open(&self.content), Highlighter::start()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::Course;

    /// The code blocks of a topic, as the lesson asks the highlighter for them.
    fn blocks<'a>(course: &'a Course, topic: &str) -> Vec<(&'a str, &'a str)> {
        ui::code_blocks_of(course.topic(topic).expect("in the course").doc())
    }

    #[test]
    fn preload_reads_the_course_and_highlights_the_lesson_that_reopens() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut config = Config::new(dir.path().to_owned());
        config.preload(Some("sqlalchemy".into()), true);
        let (loaded, highlighter) = config.take_preloaded();
        let course = loaded.expect("the built-in course loads").course;
        highlighter.wait_idle();
        let reopened = blocks(&course, "sqlalchemy");
        assert!(!reopened.is_empty(), "the lesson has code");
        for (lang, text) in reopened {
            assert!(
                highlighter.get(lang, text, true).is_some(),
                "highlighted before the window opens: {text:.40}"
            );
        }
        // In the colours asked for, and nothing else of the course.
        let (lang, text) = blocks(&course, "sqlalchemy")[0];
        assert!(highlighter.get(lang, text, false).is_none());
        let (lang, text) = blocks(&course, "lists")[0];
        assert!(highlighter.get(lang, text, true).is_none());
    }
}
