//! What the app needs from the outside world (where the data lives, the
//! content, the clock, the Python to try), and what is read before the
//! window opens: the learner's file and this machine's settings.

use std::path::PathBuf;
use std::sync::Arc;

use crate::course::PackSource;
use crate::highlight::Highlighter;
use crate::study::machine as machine_file;
use crate::study::store::{Opened, Store};
use crate::study::{Clock, SystemClock};

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
    /// The work folder used while the learner has not chosen one: `work`
    /// in the data dir when that was given (tests, portable use), else
    /// `pyroadmap` in Documents (`practice::work_folder`).
    pub default_work_folder: PathBuf,
    /// Pretend the work folder cannot be watched, for this reason (tests of
    /// Check now); None watches it as usual.
    pub watch_failure: Option<String>,
    /// The program that opens project folders instead of the system's
    /// (tests pass one that opens nothing); None: the editor command or
    /// the system's opener.
    pub opener: Option<Vec<String>>,
    /// The learner's file and this machine's settings, read by `open_data`
    /// before the window opened, for the app to take.
    opened: Option<Arc<OpenedData>>,
}

/// What `Config::open_data` read, until the app takes it.
struct OpenedData(std::sync::Mutex<Option<(Opened, machine_file::Loaded)>>);

/// What `main` needs of this machine's settings before the window opens.
#[derive(Clone, Debug)]
pub struct StartHints {
    /// The window's last place on this machine.
    pub window: Option<crate::study::WindowGeometry>,
}

impl Config {
    /// The embedded pack, the real clock and the given data dir.
    /// This machine's settings are kept in the data dir too.
    pub fn new(data_dir: PathBuf) -> Self {
        Self {
            machine_dir: data_dir.clone(),
            default_work_folder: data_dir.join("work"),
            data_dir,
            content: PackSource::Embedded,
            clock: Arc::new(SystemClock),
            python: None,
            watch_failure: None,
            opener: None,
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

    /// The course, read now, and a highlighter held until the window is
    /// on screen (the app releases it): the first frame shows code plain,
    /// in the place its colours then take, and nothing competes with
    /// opening the window for the CPU. Reading the course here, not on a
    /// thread started before the window, also keeps the process
    /// single-threaded while the window system starts (libX11 then reads
    /// its files without a lock per character).
    pub(super) fn open_course(
        &self,
    ) -> (
        Result<crate::course::Loaded, crate::course::LoadError>,
        Highlighter,
    ) {
        (
            crate::course::open(&self.content),
            Highlighter::start_held(),
        )
    }
}
