//! What the app needs from the outside world (where the data lives, the
//! content, the clock, the Python to try), and what is read before the app
//! is created: this machine's settings before the window opens, the
//! learner's file while it opens.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

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
    /// This machine's settings, read by `open_data` before the window
    /// opened, and the learner's file, read while it opens
    /// (`progress_reader`), for the app to take.
    opened: Option<Arc<OpenedData>>,
}

/// What was read before the app was created, until it takes it.
#[derive(Default)]
struct OpenedData(Mutex<Reads>);

#[derive(Default)]
struct Reads {
    machine: Option<machine_file::Loaded>,
    progress: Option<JoinHandle<Opened>>,
}

impl Drop for OpenedData {
    /// A read still going on ends before the process can: it may be
    /// moving a broken file aside.
    fn drop(&mut self) {
        let reads = self.0.get_mut().unwrap_or_else(PoisonError::into_inner);
        if let Some(reading) = reads.progress.take() {
            let _ = reading.join();
        }
    }
}

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

    /// Reads this machine's settings now, once: the app takes them when it
    /// is created. Returns what the window needs before it opens.
    pub fn open_data(&mut self) -> StartHints {
        let machine = machine_file::load(&self.machine_dir, self.clock.now_ms());
        let hints = StartHints {
            window: machine.settings.window,
        };
        let opened = self.opened.get_or_insert_with(Default::default);
        opened
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .machine = Some(machine);
        hints
    }

    /// Something to call once the window system is up (eframe's window
    /// hook): it starts reading the learner's file on a thread, so a large
    /// one is read while the renderer starts, not before the window. Not
    /// earlier: while the event loop opens its display and input method,
    /// the process stays single-threaded (see `open_course`). The app
    /// takes the file when it is created, or reads it then if this was
    /// never called or the thread could not run.
    pub fn progress_reader(&mut self) -> impl FnOnce() + Send + 'static {
        let opened = Arc::clone(self.opened.get_or_insert_with(Default::default));
        let (dir, clock) = (self.data_dir.clone(), Arc::clone(&self.clock));
        move || {
            let reading = std::thread::Builder::new()
                .name("read progress".into())
                .spawn(move || Store::open(dir, clock.now_ms()));
            opened
                .0
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .progress = reading.ok();
        }
    }

    /// What was read before the app was created, or the files read now.
    pub(super) fn take_opened(&self, now_ms: u64) -> (Opened, machine_file::Loaded) {
        let (machine, reading) = self.opened.as_ref().map_or((None, None), |opened| {
            let mut reads = opened.0.lock().unwrap_or_else(PoisonError::into_inner);
            (reads.machine.take(), reads.progress.take())
        });
        // A thread that panicked read nothing: read again here, where a
        // failure is the app's own to report.
        let progress = reading
            .and_then(|reading| reading.join().ok())
            .unwrap_or_else(|| Store::open(self.data_dir.clone(), now_ms));
        let machine = machine.unwrap_or_else(|| machine_file::load(&self.machine_dir, now_ms));
        (progress, machine)
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
