//! The learner's file: load, move aside when broken, merge with other
//! windows, atomic save, daily backups.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::Progress;
use super::clock::date_and_time;

/// The file name inside the data dir.
pub const FILE_NAME: &str = "progress.ron";
const LOCK_NAME: &str = "progress.lock";
const BACKUP_DIR: &str = "backups";
const BACKUPS_KEPT: usize = 7;

/// What went wrong with the learner's file, and where.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the folder {path}: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot lock {path}: {source}")]
    Lock {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not a pyroadmap progress file: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot move the unreadable file {path} aside: {source}")]
    MoveAside {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Something the learner should be told about their file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreNotice {
    /// The file could not be read as progress; it was kept under a new name.
    MovedAside { broken: PathBuf, reason: String },
    /// The file exists but could not be read (permissions, I/O).
    Unreadable { reason: String },
}

/// The learner's progress file in one data dir.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// The bytes last read from or written to disk, to notice other writers.
    last_seen: Option<Vec<u8>>,
}

/// The result of opening a store.
#[derive(Debug)]
pub struct Opened {
    pub store: Store,
    pub progress: Progress,
    pub notice: Option<StoreNotice>,
}

/// The result of a save: what is on disk now, merged with other writers.
#[derive(Debug)]
pub struct Saved {
    pub merged: Progress,
    pub notice: Option<StoreNotice>,
}

impl Store {
    /// Opens the file in `dir`, reading it if it exists. Never fails: a broken
    /// file is moved aside and the learner starts fresh, with a notice.
    pub fn open(dir: PathBuf, now_ms: u64) -> Opened {
        let mut store = Self {
            dir,
            last_seen: None,
        };
        let path = store.path();
        let (progress, notice) = match fs::read(&path) {
            Ok(bytes) => match parse(&path, &bytes) {
                Ok(progress) => {
                    store.last_seen = Some(bytes);
                    (progress, None)
                }
                Err(error) => (
                    Progress::default(),
                    Some(moved_aside_notice(&path, &error, now_ms)),
                ),
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                (Progress::default(), None)
            }
            Err(source) => {
                let reason = StoreError::Read {
                    path: path.clone(),
                    source,
                }
                .to_string();
                (
                    Progress::default(),
                    Some(StoreNotice::Unreadable { reason }),
                )
            }
        };
        Opened {
            store,
            progress,
            notice,
        }
    }

    /// The progress file's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// Saves `progress`. Holds a lock while it reads what is on disk, merges
    /// changes another window made since we last looked, backs up the old
    /// file once a day and replaces it atomically.
    pub fn save(&mut self, progress: &Progress, now_ms: u64) -> Result<Saved, StoreError> {
        fs::create_dir_all(&self.dir).map_err(|source| StoreError::CreateDir {
            path: self.dir.clone(),
            source,
        })?;
        let lock_path = self.dir.join(LOCK_NAME);
        let lock = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(|source| StoreError::Lock {
                path: lock_path.clone(),
                source,
            })?;
        lock.lock().map_err(|source| StoreError::Lock {
            path: lock_path.clone(),
            source,
        })?;

        let path = self.path();
        let mut merged = progress.clone();
        let mut notice = None;
        let on_disk = match fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => return Err(StoreError::Read { path, source }),
        };
        if let Some(bytes) = &on_disk
            && self.last_seen.as_ref() != Some(bytes)
        {
            match parse(&path, bytes) {
                Ok(theirs) => merged.merge(&theirs),
                Err(error) => {
                    let broken = move_aside(&path, now_ms)?;
                    notice = Some(StoreNotice::MovedAside {
                        broken,
                        reason: error.to_string(),
                    });
                }
            }
        }
        if let Some(bytes) = &on_disk
            && notice.is_none()
        {
            self.back_up(bytes, now_ms);
        }
        let text = to_text(&merged);
        write_atomically(&path, text.as_bytes())?;
        self.last_seen = Some(text.into_bytes());
        drop(lock);
        Ok(Saved { merged, notice })
    }

    /// Keeps one copy of the file per day, the newest `BACKUPS_KEPT`.
    /// Backups are a safety net: failing to make one does not stop a save.
    fn back_up(&self, bytes: &[u8], now_ms: u64) {
        let dir = self.dir.join(BACKUP_DIR);
        let (date, _) = date_and_time(now_ms);
        let target = dir.join(format!("progress-{date}.ron"));
        if target.exists()
            || fs::create_dir_all(&dir).is_err()
            || write_atomically(&target, bytes).is_err()
        {
            return;
        }
        let Ok(entries) = fs::read_dir(&dir) else {
            return;
        };
        let mut backups: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("progress-"))
            })
            .collect();
        backups.sort();
        let excess = backups.len().saturating_sub(BACKUPS_KEPT);
        for old in &backups[..excess] {
            let _ = fs::remove_file(old);
        }
    }
}

/// Reads a progress file from any path (used by Import).
pub fn read_file(path: &Path) -> Result<Progress, StoreError> {
    let bytes = fs::read(path).map_err(|source| StoreError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(path, &bytes)
}

/// Writes progress to any path atomically (used by Export).
pub fn write_file(path: &Path, progress: &Progress) -> Result<(), StoreError> {
    write_atomically(path, to_text(progress).as_bytes())
}

/// Writes bytes to a temp file, syncs it and renames it over `path`, so a
/// crash leaves the old file or the new one, never a torn one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let to_error = |source| StoreError::Write {
        path: path.to_owned(),
        source,
    };
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(to_error)?;
    file.write_all(bytes).map_err(to_error)?;
    file.commit().map_err(to_error)
}

fn parse(path: &Path, bytes: &[u8]) -> Result<Progress, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|error| StoreError::Parse {
        path: path.to_owned(),
        line: 1,
        column: 1,
        message: format!("not UTF-8 text ({error})"),
    })?;
    ron::from_str(text).map_err(|error| StoreError::Parse {
        path: path.to_owned(),
        line: error.span.start.line,
        column: error.span.start.col,
        message: error.code.to_string(),
    })
}

fn to_text(progress: &Progress) -> String {
    let config = ron::ser::PrettyConfig::default().indentor("  ".to_owned());
    // Progress holds only strings, numbers, maps and RON values read from a
    // file, all of which RON can write back.
    ron::ser::to_string_pretty(progress, config).expect("progress is always serialisable to RON")
        + "\n"
}

/// Renames a broken file to `progress.ron.broken-<date>-<time>`, so it is
/// kept for the learner and never overwritten.
fn move_aside(path: &Path, now_ms: u64) -> Result<PathBuf, StoreError> {
    let (date, time) = date_and_time(now_ms);
    let mut broken = path.with_file_name(format!("{FILE_NAME}.broken-{date}-{time}"));
    let mut n = 1;
    while broken.exists() {
        n += 1;
        broken = path.with_file_name(format!("{FILE_NAME}.broken-{date}-{time}-{n}"));
    }
    fs::rename(path, &broken).map_err(|source| StoreError::MoveAside {
        path: path.to_owned(),
        source,
    })?;
    Ok(broken)
}

fn moved_aside_notice(path: &Path, error: &StoreError, now_ms: u64) -> StoreNotice {
    match move_aside(path, now_ms) {
        Ok(broken) => StoreNotice::MovedAside {
            broken,
            reason: error.to_string(),
        },
        Err(move_error) => StoreNotice::Unreadable {
            reason: format!("{error}; {move_error}"),
        },
    }
}

#[cfg(test)]
mod tests;
