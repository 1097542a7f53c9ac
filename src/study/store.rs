//! The learner's file: lenient load, merge with other windows and synced
//! copies, atomic save under a lock, backups, restore.

mod backups;
mod conflicts;

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use super::clock::date_and_time;
use super::file_format::{self, Parsed};
use super::{FORMAT_VERSION, Progress, merge};

pub use backups::{BackupInfo, back_up_now, list_backups};

/// The file name inside the data dir.
pub const FILE_NAME: &str = "progress.ron";
const LOCK_NAME: &str = "progress.lock";
/// How long a save waits for another window's lock before going ahead.
const LOCK_TIMEOUT: Duration = Duration::from_secs(3);

/// What went wrong with the learner's file, and where.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot create the folder {path}: {source}")]
    CreateDir {
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
    #[error(
        "{path} was written by a newer pyroadmap (format {version}); update pyroadmap to edit it"
    )]
    NewerVersion { path: PathBuf, version: u32 },
}

/// Something the learner should be told about their file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreNotice {
    /// Nothing in the file could be read; it was kept under a new name.
    MovedAside { broken: PathBuf, reason: String },
    /// The file exists but could not be read (permissions, I/O).
    Unreadable { reason: String },
    /// Some values could not be read; each is kept in the file as it was.
    PartlyUnreadable { problems: Vec<String> },
    /// The file broke off part way: what came before was loaded, and the
    /// whole original was copied to `copy`.
    Salvaged { copy: PathBuf, reason: String },
    /// A newer pyroadmap wrote the file: it is shown but never rewritten.
    NewerVersion { version: u32 },
    /// Conflict copies a sync tool left were merged in and moved to `merged/`.
    ConflictCopiesMerged { files: Vec<PathBuf> },
    /// The save went ahead without the lock that keeps windows in turn.
    LockUnavailable { reason: String },
}

/// The learner's progress file in one data dir.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// A newer version wrote the file: this build never writes it.
    is_read_only: bool,
    /// The bytes last read from or written to disk.
    last_seen: Option<Vec<u8>>,
    /// The file's modification time and length when last read or written.
    last_stamp: Option<(SystemTime, u64)>,
}

/// The result of opening a store.
#[derive(Debug)]
pub struct Opened {
    pub store: Store,
    pub progress: Progress,
    /// What the file itself holds: `progress` before conflict copies were
    /// merged in (the base for later merges).
    pub on_disk: Progress,
    /// What the learner's data holds that is not in the file yet (merged
    /// conflict copies): save soon.
    pub needs_save: bool,
    pub notices: Vec<StoreNotice>,
}

/// The result of a save: what is on disk now.
#[derive(Debug)]
pub struct Saved {
    pub written: Progress,
    pub notices: Vec<StoreNotice>,
}

impl Store {
    /// Opens the file in `dir`, reading what can be read. Never fails: a file
    /// with nothing readable is moved aside and the learner starts fresh.
    pub fn open(dir: PathBuf, now_ms: u64) -> Opened {
        let mut store = Self {
            dir,
            is_read_only: false,
            last_seen: None,
            last_stamp: None,
        };
        let path = store.path();
        let mut notices = Vec::new();
        let mut progress = match fs::read(&path) {
            Ok(bytes) => match parse(&path, &bytes) {
                Ok(parsed) => {
                    store.stamp_seen(bytes.clone());
                    store.take_parsed(parsed, &bytes, now_ms, &mut notices)
                }
                Err(error) => {
                    notices.push(moved_aside_notice(&path, &error, now_ms));
                    Progress::default()
                }
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Progress::default(),
            Err(source) => {
                let reason = StoreError::Read {
                    path: path.clone(),
                    source,
                }
                .to_string();
                notices.push(StoreNotice::Unreadable { reason });
                Progress::default()
            }
        };
        let on_disk = progress.clone();
        let copies = conflicts::read_all(&store.dir);
        let needs_save = !copies.is_empty() && !store.is_read_only;
        if needs_save {
            progress = conflicts::merge_in(&progress, &copies);
        }
        Opened {
            store,
            progress,
            on_disk,
            needs_save,
            notices,
        }
    }

    /// The progress file's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// The data dir.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether a newer version wrote the file, so this build must not.
    pub fn is_read_only(&self) -> bool {
        self.is_read_only
    }

    /// Takes a parsed file in: notices for what could not be read, a copy of
    /// a file that broke off, read-only mode for a newer version's file.
    fn take_parsed(
        &mut self,
        parsed: Parsed,
        bytes: &[u8],
        now_ms: u64,
        notices: &mut Vec<StoreNotice>,
    ) -> Progress {
        if parsed.progress.version > FORMAT_VERSION {
            self.is_read_only = true;
            notices.push(StoreNotice::NewerVersion {
                version: parsed.progress.version,
            });
        }
        if !parsed.problems.is_empty() {
            notices.push(StoreNotice::PartlyUnreadable {
                problems: parsed.problems,
            });
        }
        if let Some(error) = parsed.broken_at {
            let reason = format!("{}:{error}", self.path().display());
            match keep_copy(&self.path(), bytes, now_ms) {
                Ok(copy) => notices.push(StoreNotice::Salvaged { copy, reason }),
                Err(copy_error) => notices.push(StoreNotice::Unreadable {
                    reason: format!("{reason}; {copy_error}"),
                }),
            }
            // What was read is less than the file: never save over it
            // without the copy.
            self.last_seen = None;
        }
        parsed.progress
    }

    fn stamp_seen(&mut self, bytes: Vec<u8>) {
        self.last_stamp = file_stamp(&self.path());
        self.last_seen = Some(bytes);
    }

    /// Saves `progress`, which the app built from `base` (what it last
    /// took from disk). Under a lock it reads what is on disk, merges what
    /// other windows and sync tools wrote since, backs the old file up and
    /// replaces it atomically.
    pub fn save(
        &mut self,
        progress: &Progress,
        base: &Progress,
        now_ms: u64,
    ) -> Result<Saved, StoreError> {
        let path = self.path();
        if self.is_read_only {
            return Err(StoreError::NewerVersion {
                path,
                version: progress.version,
            });
        }
        fs::create_dir_all(&self.dir).map_err(|source| StoreError::CreateDir {
            path: self.dir.clone(),
            source,
        })?;
        let mut notices = Vec::new();
        let lock = self.lock(&mut notices);
        if lock.is_some() {
            // Saves write under this lock, so any temp file now is one a
            // killed save left behind.
            remove_stale_temp_files(&self.dir);
        }

        let on_disk = match fs::read(&path) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
            Err(source) => return Err(StoreError::Read { path, source }),
        };
        let mut merged = progress.clone();
        let mut is_backup_wanted = on_disk.is_some();
        if let Some(bytes) = &on_disk {
            // Always merged: the app may not have taken in the latest file yet.
            match parse(&path, bytes) {
                Ok(parsed) => {
                    if parsed.progress.version > FORMAT_VERSION {
                        self.is_read_only = true;
                        return Err(StoreError::NewerVersion {
                            path,
                            version: parsed.progress.version,
                        });
                    }
                    let theirs = if self.last_seen.as_ref() == Some(bytes) {
                        parsed.progress
                    } else {
                        self.take_parsed(parsed, bytes, now_ms, &mut notices)
                    };
                    merged = merge::merge(Some(base), progress, &theirs);
                }
                Err(error) => {
                    let broken = move_aside(&path, now_ms)?;
                    notices.push(StoreNotice::MovedAside {
                        broken,
                        reason: error.to_string(),
                    });
                    is_backup_wanted = false;
                }
            }
        }
        let copies = conflicts::read_all(&self.dir);
        if !copies.is_empty() {
            merged = conflicts::merge_in(&merged, &copies);
        }
        let text = file_format::write(&merged);
        // A save that changes nothing leaves the file (and its time) alone:
        // idle windows never rewrite it.
        let is_unchanged = on_disk.as_deref() == Some(text.as_bytes());
        if let Some(bytes) = &on_disk
            && is_backup_wanted
            && !is_unchanged
        {
            backups::rotate_in(&self.dir, bytes, now_ms);
        }
        if !is_unchanged {
            write_atomically(&path, text.as_bytes())?;
        }
        self.stamp_seen(text.into_bytes());
        drop(lock);
        if !copies.is_empty() {
            let files = conflicts::move_to_merged(&self.dir, &copies);
            notices.push(StoreNotice::ConflictCopiesMerged { files });
        }
        Ok(Saved {
            written: merged,
            notices,
        })
    }

    /// Takes the lock that keeps windows saving in turn, waiting at most
    /// `LOCK_TIMEOUT`. Without it the save still happens (atomically), and
    /// the learner is told.
    fn lock(&self, notices: &mut Vec<StoreNotice>) -> Option<fs::File> {
        let lock_path = self.dir.join(LOCK_NAME);
        let file = match fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
        {
            Ok(file) => file,
            Err(error) => {
                notices.push(StoreNotice::LockUnavailable {
                    reason: format!("cannot open {}: {error}", lock_path.display()),
                });
                return None;
            }
        };
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Some(file),
                Err(fs::TryLockError::WouldBlock) if started.elapsed() < LOCK_TIMEOUT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(fs::TryLockError::WouldBlock) => {
                    notices.push(StoreNotice::LockUnavailable {
                        reason: format!(
                            "another program held {} for over {} s",
                            lock_path.display(),
                            LOCK_TIMEOUT.as_secs()
                        ),
                    });
                    return None;
                }
                Err(fs::TryLockError::Error(error)) => {
                    notices.push(StoreNotice::LockUnavailable {
                        reason: format!("this file system cannot lock files ({error})"),
                    });
                    return None;
                }
            }
        }
    }

    /// Looks whether another window or a sync tool changed the file (or left
    /// a conflict copy) since we last read or wrote it. Cheap when nothing
    /// changed: one metadata call and a folder listing.
    pub fn check_for_changes(&mut self, now_ms: u64) -> Option<(Progress, Vec<StoreNotice>)> {
        let path = self.path();
        let copies = conflicts::read_all(&self.dir);
        let stamp = file_stamp(&path);
        if stamp == self.last_stamp && (copies.is_empty() || self.is_read_only) {
            return None;
        }
        let bytes = fs::read(&path).ok()?;
        if self.last_seen.as_ref() == Some(&bytes) && copies.is_empty() {
            self.last_stamp = stamp;
            return None;
        }
        let mut notices = Vec::new();
        let mut progress = match parse(&path, &bytes) {
            Ok(parsed) => {
                let progress = self.take_parsed(parsed, &bytes, now_ms, &mut notices);
                self.stamp_seen(bytes);
                progress
            }
            // Half-written by a tool that does not save atomically: look
            // again next time; a save moves a truly broken file aside.
            Err(_) => return None,
        };
        if !copies.is_empty() && !self.is_read_only {
            progress = conflicts::merge_in(&progress, &copies);
        }
        Some((progress, notices))
    }
}

/// Removes `.progress.ron.XXXXXX` files that an interrupted atomic write
/// left (the old file is intact beside them).
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let prefix = format!(".{FILE_NAME}.");
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Reads a progress file from any path (Import, Restore): fails only when
/// nothing in it can be read.
pub fn read_file(path: &Path) -> Result<Progress, StoreError> {
    let bytes = fs::read(path).map_err(|source| StoreError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(path, &bytes).map(|parsed| parsed.progress)
}

/// Writes progress to any path atomically (Export, Save a copy).
pub fn write_file(path: &Path, progress: &Progress) -> Result<(), StoreError> {
    write_atomically(path, file_format::write(progress).as_bytes())
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

fn parse(path: &Path, bytes: &[u8]) -> Result<Parsed, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|error| StoreError::Parse {
        path: path.to_owned(),
        line: 1,
        column: 1,
        message: format!("not UTF-8 text ({error})"),
    })?;
    file_format::read(text).map_err(|error| StoreError::Parse {
        path: path.to_owned(),
        line: error.line,
        column: error.column,
        message: error.message,
    })
}

fn file_stamp(path: &Path) -> Option<(SystemTime, u64)> {
    let meta = fs::metadata(path).ok()?;
    Some((meta.modified().ok()?, meta.len()))
}

/// A free name `progress.ron.broken-<date>-<time>[-n]` beside `path`.
fn broken_name(path: &Path, now_ms: u64) -> PathBuf {
    let (date, time) = date_and_time(now_ms);
    let mut broken = path.with_file_name(format!("{FILE_NAME}.broken-{date}-{time}"));
    let mut n = 1;
    while broken.exists() {
        n += 1;
        broken = path.with_file_name(format!("{FILE_NAME}.broken-{date}-{time}-{n}"));
    }
    broken
}

/// Renames a file with nothing readable in it aside, so it is kept for the
/// learner and never overwritten.
fn move_aside(path: &Path, now_ms: u64) -> Result<PathBuf, StoreError> {
    let broken = broken_name(path, now_ms);
    fs::rename(path, &broken).map_err(|source| StoreError::MoveAside {
        path: path.to_owned(),
        source,
    })?;
    Ok(broken)
}

/// Copies a partly readable file aside before anything is saved over it.
fn keep_copy(path: &Path, bytes: &[u8], now_ms: u64) -> Result<PathBuf, StoreError> {
    let copy = broken_name(path, now_ms);
    write_atomically(&copy, bytes)?;
    Ok(copy)
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
