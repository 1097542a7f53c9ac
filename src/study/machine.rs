//! What belongs to this machine only, in `machine.ron` beside the data (or
//! in the local, non-roaming config folder): the Python that runs the
//! learner's code, the limits of a run and the window's place. None of it is
//! in `progress.ron`, so no synced file, import or conflict copy can choose
//! the program pyroadmap runs, and two windows on different screens do not
//! take turns rewriting the learner's file.

use std::ops::RangeInclusive;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::clock::date_and_time;
use super::store::{StoreError, write_atomically};

/// The file name inside the machine's config folder.
pub const FILE_NAME: &str = "machine.ron";

/// The run time limits the View menu offers, in seconds; a file's value is
/// clamped to them when read.
pub const RUN_TIME_LIMIT_S: RangeInclusive<u32> = 1..=600;

/// The default run time limit, in seconds.
pub const DEFAULT_RUN_TIME_LIMIT_S: u32 = 10;

/// The memory limits the View menu offers, in MB; 0 is "Automatic" (2 GB or
/// a quarter of the memory, whichever is smaller).
pub const RUN_MEMORY_LIMITS_MB: [u32; 5] = [0, 512, 1024, 2048, 4096];

/// The largest memory limit a file may set, in MB (a file's larger value is
/// clamped to it).
const MAX_RUN_MEMORY_LIMIT_MB: u32 = 1024 * 1024;

/// The window's last size and position, in points (kept per machine, in
/// `machine.ron`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WindowGeometry {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub height: f32,
}

/// Settings of this machine only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MachineSettings {
    /// The Python the learner chose here (Choose Python…), if any.
    pub python_path: Option<String>,
    /// How long a run may take before it is stopped, in seconds.
    pub run_time_limit_s: u32,
    /// How much memory a run may use, in MB; 0 for automatic.
    pub run_memory_limit_mb: u32,
    /// The window's last size and position, in points.
    pub window: Option<WindowGeometry>,
    /// The run settings older versions kept in `progress.ron` were looked at
    /// on this machine (the time limit taken, the learner told about their
    /// Python), so that happens once.
    pub has_taken_old_settings: bool,
    /// The folder exercises and projects are opened in as files (Open in
    /// editor); `None` for the default (see `practice::work_folder`).
    pub work_folder: Option<PathBuf>,
    /// The command that opens a file in the learner's editor (`code`,
    /// `idle3`, ...); `None` for the system's default app for text.
    pub editor_command: Option<String>,
}

impl Default for MachineSettings {
    fn default() -> Self {
        Self {
            python_path: None,
            run_time_limit_s: DEFAULT_RUN_TIME_LIMIT_S,
            run_memory_limit_mb: 0,
            window: None,
            has_taken_old_settings: false,
            work_folder: None,
            editor_command: None,
        }
    }
}

/// The name the View menu gives a memory limit.
pub fn memory_limit_label(mb: u32) -> String {
    match mb {
        0 => "Automatic".to_owned(),
        mb if mb % 1024 == 0 => format!("{} GB", mb / 1024),
        mb => format!("{mb} MB"),
    }
}

impl MachineSettings {
    /// Brings every value into the range the app offers.
    #[must_use]
    pub fn clamped(mut self) -> Self {
        self.run_time_limit_s = clamp_time_limit(self.run_time_limit_s);
        self.run_memory_limit_mb = self.run_memory_limit_mb.min(MAX_RUN_MEMORY_LIMIT_MB);
        self.window = self
            .window
            .filter(|w| [w.x, w.y, w.width, w.height].iter().all(|v| v.is_finite()));
        self
    }

    /// The file's text.
    pub fn to_text(&self) -> String {
        let config = ron::ser::PrettyConfig::new().struct_names(false);
        // Plain data of known types: serialising it cannot fail.
        ron::ser::to_string_pretty(self, config).unwrap_or_default() + "\n"
    }
}

/// A run time limit brought into `RUN_TIME_LIMIT_S`.
pub fn clamp_time_limit(seconds: u32) -> u32 {
    seconds.clamp(*RUN_TIME_LIMIT_S.start(), *RUN_TIME_LIMIT_S.end())
}

/// What the learner should be told about `machine.ron`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MachineNotice {
    /// The file could not be read; it was kept under a new name and the
    /// defaults are used.
    MovedAside { broken: PathBuf, reason: String },
    /// The file could not be read, nor moved aside: it is left as it is and
    /// not written to while pyroadmap runs.
    Unreadable { reason: String },
}

impl std::fmt::Display for MachineNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::MovedAside { broken, reason } => write!(
                f,
                "This machine's settings (Python, run limits, window) could not be read ({reason}), so the defaults are used; the old file is kept at {}.",
                broken.display()
            ),
            Self::Unreadable { reason } => write!(
                f,
                "This machine's settings (Python, run limits, window) could not be read ({reason}); the defaults are used and the file is left as it is."
            ),
        }
    }
}

/// What was read of `machine.ron`.
#[derive(Debug)]
pub struct Loaded {
    pub settings: MachineSettings,
    /// Whether a file was there and read.
    pub is_found: bool,
    /// The file is there but could not be read or moved aside: never write it.
    pub is_read_only: bool,
    pub notices: Vec<MachineNotice>,
}

/// Reads `machine.ron` in `dir`. A file that cannot be parsed is moved
/// aside (never overwritten) and the defaults are used.
pub fn load(dir: &Path, now_ms: u64) -> Loaded {
    let path = dir.join(FILE_NAME);
    let mut loaded = Loaded {
        settings: MachineSettings::default(),
        is_found: false,
        is_read_only: false,
        notices: Vec::new(),
    };
    let bytes = match read_regular(&path) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return loaded,
        Err(reason) => {
            loaded.is_read_only = true;
            loaded.notices.push(MachineNotice::Unreadable { reason });
            return loaded;
        }
    };
    match parse(&bytes) {
        Ok(settings) => {
            loaded.settings = settings;
            loaded.is_found = true;
        }
        Err(reason) => {
            let reason = format!("{}: {reason}", path.display());
            match move_aside(&path, now_ms) {
                Ok(broken) => loaded
                    .notices
                    .push(MachineNotice::MovedAside { broken, reason }),
                Err(error) => {
                    loaded.is_read_only = true;
                    loaded.notices.push(MachineNotice::Unreadable {
                        reason: format!("{reason}; {error}"),
                    });
                }
            }
        }
    }
    loaded
}

/// Reads only a regular file (a FIFO would block); None when there is none.
fn read_regular(path: &Path) -> Result<Option<Vec<u8>>, String> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => {
            return Err(format!("{} is not a regular file", path.display()));
        }
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(format!("cannot read {}: {error}", path.display())),
    }
    std::fs::read(path)
        .map(Some)
        .map_err(|error| format!("cannot read {}: {error}", path.display()))
}

fn parse(bytes: &[u8]) -> Result<MachineSettings, String> {
    let text = std::str::from_utf8(bytes).map_err(|error| format!("not UTF-8 text ({error})"))?;
    let text = text.trim_start_matches('\u{feff}');
    ron::from_str::<MachineSettings>(text)
        .map(MachineSettings::clamped)
        .map_err(|error| error.to_string())
}

fn move_aside(path: &Path, now_ms: u64) -> std::io::Result<PathBuf> {
    let (date, time) = date_and_time(now_ms);
    let mut broken = path.with_file_name(format!("{FILE_NAME}.broken-{date}-{time}"));
    let mut n = 1;
    while broken.exists() {
        n += 1;
        broken = path.with_file_name(format!("{FILE_NAME}.broken-{date}-{time}-{n}"));
    }
    std::fs::rename(path, &broken)?;
    Ok(broken)
}

/// Changes `machine.ron` in `dir`: reads what is there now (another window
/// may have changed other fields), applies `change` and writes the file
/// atomically, only when that changes it. A file that cannot be read is
/// moved aside first, with a notice. Returns the settings as written.
pub fn update(
    dir: &Path,
    now_ms: u64,
    change: impl FnOnce(&mut MachineSettings),
) -> Result<(MachineSettings, Vec<MachineNotice>), StoreError> {
    let loaded = load(dir, now_ms);
    if loaded.is_read_only {
        let reason = loaded
            .notices
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ");
        return Err(StoreError::Write {
            path: dir.join(FILE_NAME),
            source: std::io::Error::other(reason),
        });
    }
    let before = loaded.settings.clone();
    let mut settings = loaded.settings;
    change(&mut settings);
    let settings = settings.clamped();
    if settings != before || !loaded.is_found {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::CreateDir {
            path: dir.to_owned(),
            source,
        })?;
        write_atomically(&dir.join(FILE_NAME), settings.to_text().as_bytes())?;
    }
    Ok((settings, loaded.notices))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_an_idle_update_writes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (written, notices) = update(dir.path(), 0, |m| {
            m.python_path = Some("/opt/py/bin/python3".into());
            m.run_memory_limit_mb = 1024;
        })
        .unwrap();
        assert!(notices.is_empty());
        let path = dir.path().join(FILE_NAME);
        let loaded = load(dir.path(), 0);
        assert_eq!(loaded.settings, written);
        assert!(loaded.is_found);
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        update(dir.path(), 0, |m| m.run_memory_limit_mb = 1024).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            modified,
            "nothing changed, so the file was not rewritten"
        );
    }

    #[test]
    fn a_time_limit_out_of_range_is_clamped_on_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "(run_time_limit_s: 4294967295)").unwrap();
        assert_eq!(load(dir.path(), 0).settings.run_time_limit_s, 600);
        std::fs::write(&path, "(run_time_limit_s: 0)").unwrap();
        assert_eq!(load(dir.path(), 0).settings.run_time_limit_s, 1);
    }

    #[test]
    fn an_unreadable_file_is_kept_aside_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(&path, "(python_path: Some(42").unwrap();
        let loaded = load(dir.path(), 0);
        assert_eq!(loaded.settings, MachineSettings::default());
        let [MachineNotice::MovedAside { broken, .. }] = loaded.notices.as_slice() else {
            panic!("expected a notice: {:?}", loaded.notices)
        };
        assert_eq!(
            std::fs::read_to_string(broken).unwrap(),
            "(python_path: Some(42"
        );
        assert!(!path.exists());
    }
}
