//! This machine's settings in the app (the Python, the run limits, the
//! window's place): changed here, written to `machine.ron` off the UI
//! thread a moment after the last change, and only the fields this window
//! changed, so two windows never undo each other's choices nor take turns
//! rewriting the file.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use crate::study::machine::{self, Loaded, MachineNotice, MachineSettings};
use crate::study::{Progress, WindowGeometry, merge};
use crate::ui::{Banner, BannerKind};

/// How long after the last change the file is written, in ms (a window
/// being dragged changes its place every frame).
const WRITE_DELAY_MS: u64 = 500;

type WriteResult = Result<Vec<MachineNotice>, String>;

/// This machine's settings as the app holds them.
pub struct MachineState {
    dir: PathBuf,
    settings: MachineSettings,
    /// The settings as this window last read or wrote them: only what
    /// differs from these is written.
    written: MachineSettings,
    /// When unwritten changes were made, if there are any.
    dirty_since_ms: Option<u64>,
    /// The file is there but could not be read nor moved aside: it is never
    /// written.
    is_read_only: bool,
    /// A write on its way, on a worker thread.
    pending: Option<Receiver<WriteResult>>,
    /// What the learner should be told about the file when the app opens.
    notices: Vec<MachineNotice>,
}

impl MachineState {
    /// The settings `load` read from `dir`.
    pub fn new(dir: PathBuf, loaded: Loaded) -> Self {
        Self {
            dir,
            written: loaded.settings.clone(),
            settings: loaded.settings,
            dirty_since_ms: None,
            is_read_only: loaded.is_read_only,
            pending: None,
            notices: loaded.notices,
        }
    }

    /// The settings in use.
    pub fn settings(&self) -> &MachineSettings {
        &self.settings
    }

    /// Replaces the settings (the View menu's run limits).
    pub fn set(&mut self, settings: MachineSettings, now_ms: u64) {
        let settings = settings.clamped();
        if settings != self.settings {
            self.settings = settings;
            self.dirty_since_ms.get_or_insert(now_ms);
        }
    }

    /// Records the Python the learner chose on this machine.
    pub fn set_python(&mut self, path: String, now_ms: u64) {
        let settings = MachineSettings {
            python_path: Some(path),
            ..self.settings.clone()
        };
        self.set(settings, now_ms);
    }

    /// Records the window's place when it moved.
    pub fn set_window(&mut self, window: WindowGeometry, now_ms: u64) {
        let settings = MachineSettings {
            window: Some(window),
            ..self.settings.clone()
        };
        self.set(settings, now_ms);
    }

    /// The banners for what happened to the file when it was read, and the
    /// run settings older versions kept in the progress file, looked at
    /// once per machine: the time limit is taken (clamped to the range the
    /// View menu offers); the Python is never taken from that file, and the
    /// learner is told to choose it again.
    pub fn take_old_settings(&mut self, on_disk: &Progress, now_ms: u64) -> Vec<Banner> {
        let mut banners: Vec<Banner> = self
            .notices
            .drain(..)
            .map(|notice| Banner::new(BannerKind::Warning, notice.to_string()))
            .collect();
        if self.settings.has_taken_old_settings || self.is_read_only {
            return banners;
        }
        let [python_key, limit_key] = merge::MACHINE_KEYS;
        let extra = &on_disk.settings.extra;
        let old_python = extra
            .get(python_key)
            .and_then(|raw| ron::from_str::<Option<String>>(&raw.0).ok())
            .flatten();
        let old_limit = extra
            .get(limit_key)
            .and_then(|raw| ron::from_str::<u32>(&raw.0).ok());
        if old_python.is_none() && old_limit.is_none() {
            return banners;
        }
        let mut settings = self.settings.clone();
        if let Some(seconds) = old_limit {
            settings.run_time_limit_s = machine::clamp_time_limit(seconds);
        }
        settings.has_taken_old_settings = true;
        self.set(settings, now_ms);
        if let Some(path) = old_python
            && self.settings.python_path.is_none()
        {
            banners.push(Banner::new(
                BannerKind::Warning,
                format!(
                    "pyroadmap no longer takes the Python that runs your code from the progress file, where {path} was set; it is not used. If you want it, choose it again with Choose Python… in the status bar: that choice stays on this computer."
                ),
            ));
        }
        banners
    }

    /// Takes in a finished write and starts one when changes have rested;
    /// returns banners for what went wrong. `on_done` runs when a write ends.
    pub fn poll(&mut self, now_ms: u64, on_done: impl Fn() + Send + 'static) -> Vec<Banner> {
        let mut banners = Vec::new();
        if let Some(pending) = &self.pending
            && let Ok(result) = pending.try_recv()
        {
            self.pending = None;
            banners = result_banners(result);
        }
        let is_due = self
            .dirty_since_ms
            .is_some_and(|since| now_ms >= since.saturating_add(WRITE_DELAY_MS));
        if is_due && self.pending.is_none() {
            self.dirty_since_ms = None;
            if let Some(write) = self.start_write(now_ms) {
                let (sender, receiver) = std::sync::mpsc::channel();
                let spawned = std::thread::Builder::new()
                    .name("machine settings".into())
                    .spawn(move || {
                        let _ = sender.send(write());
                        on_done();
                    });
                match spawned {
                    Ok(_) => self.pending = Some(receiver),
                    Err(error) => banners.extend(result_banners(Err(error.to_string()))),
                }
            }
        }
        banners
    }

    /// When `poll` next has something to start: unwritten changes are due
    /// `WRITE_DELAY_MS` after they were made. While a write is on its way
    /// there is none: its end wakes the window (`on_done`), and changes
    /// made meanwhile are asked about then.
    pub fn next_due_ms(&self) -> Option<u64> {
        if self.pending.is_some() {
            return None;
        }
        self.dirty_since_ms
            .map(|since| since.saturating_add(WRITE_DELAY_MS))
    }

    /// Writes what is unwritten now and waits (closing).
    pub fn flush(&mut self, now_ms: u64) {
        if let Some(pending) = self.pending.take() {
            let _ = pending.recv();
        }
        if self.dirty_since_ms.take().is_some()
            && let Some(write) = self.start_write(now_ms)
            && let Err(error) = write()
        {
            eprintln!("pyroadmap: this machine's settings could not be saved on exit: {error}");
        }
    }

    /// The write of what changed since the last one, if anything did.
    fn start_write(&mut self, now_ms: u64) -> Option<impl FnOnce() -> WriteResult + use<>> {
        if self.is_read_only || self.settings == self.written {
            return None;
        }
        let (from, to) = (self.written.clone(), self.settings.clone());
        self.written = self.settings.clone();
        let dir = self.dir.clone();
        Some(move || {
            machine::update(&dir, now_ms, |on_disk| {
                if to.python_path != from.python_path {
                    on_disk.python_path.clone_from(&to.python_path);
                }
                if to.run_time_limit_s != from.run_time_limit_s {
                    on_disk.run_time_limit_s = to.run_time_limit_s;
                }
                if to.run_memory_limit_mb != from.run_memory_limit_mb {
                    on_disk.run_memory_limit_mb = to.run_memory_limit_mb;
                }
                if to.window != from.window {
                    on_disk.window = to.window;
                }
                // Written by this version: the old progress file's run
                // settings are not looked at again.
                on_disk.has_taken_old_settings = true;
            })
            .map(|(_, notices)| notices)
            .map_err(|error| error.to_string())
        })
    }
}

fn result_banners(result: WriteResult) -> Vec<Banner> {
    match result {
        Ok(notices) => notices
            .into_iter()
            .map(|notice| Banner::new(BannerKind::Warning, notice.to_string()))
            .collect(),
        Err(error) => vec![Banner::new(
            BannerKind::Error,
            format!(
                "This computer's settings (Python, run limits, window) could not be saved: {error}. They apply while pyroadmap is open."
            ),
        )],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_is_due_once_its_delay_has_passed_and_a_write_wakes_the_window_itself() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut state = MachineState::new(dir.path().to_owned(), machine::load(dir.path(), 0));
        assert_eq!(state.next_due_ms(), None, "nothing to write");
        let changed = MachineSettings {
            run_time_limit_s: state.settings().run_time_limit_s + 1,
            ..state.settings().clone()
        };
        state.set(changed, 1_000);
        assert_eq!(state.next_due_ms(), Some(1_000 + WRITE_DELAY_MS));
        assert!(state.poll(1_000 + WRITE_DELAY_MS - 1, || ()).is_empty());
        assert_eq!(
            state.next_due_ms(),
            Some(1_000 + WRITE_DELAY_MS),
            "not written before it is due"
        );
        let (wake, woken) = std::sync::mpsc::channel();
        assert!(
            state
                .poll(1_000 + WRITE_DELAY_MS, move || {
                    let _ = wake.send(());
                })
                .is_empty()
        );
        assert_eq!(state.next_due_ms(), None, "the write is on its way");
        let changed_again = MachineSettings {
            run_time_limit_s: state.settings().run_time_limit_s + 1,
            ..state.settings().clone()
        };
        state.set(changed_again, 2_000);
        assert_eq!(
            state.next_due_ms(),
            None,
            "a change during a write waits for the write's end"
        );
        woken
            .recv_timeout(std::time::Duration::from_secs(10))
            .expect("the finished write wakes the window");
        assert!(state.poll(2_000, || ()).is_empty());
        assert_eq!(state.next_due_ms(), Some(2_000 + WRITE_DELAY_MS));
        assert!(dir.path().join(machine::FILE_NAME).exists());
    }
}
