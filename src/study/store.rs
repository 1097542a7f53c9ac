//! The learner's file: lenient load, merge with other windows and synced
//! copies, atomic save under a lock, backups, restore.

mod aside;
mod backups;
mod conflicts;
mod error;
mod files;
mod lock;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use super::file_format::{self, Parsed};
use super::{FORMAT_VERSION, Progress, merge};

use aside::{keep_copy, move_aside, moved_aside_notice, remove_stale_temp_files};
pub use backups::{BackupInfo, back_up_now, list_backups};
pub use error::{StoreError, StoreNotice};
use files::{Fingerprint, permissions_of, read_bounded};
pub use files::{MAX_FILE_BYTES, write_atomically};
#[cfg(test)]
use lock::LOCK_NAME;

/// The file name inside the data dir.
pub const FILE_NAME: &str = "progress.ron";

/// The learner's progress file in one data dir.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    /// A newer version wrote the file: this build never writes it.
    is_read_only: bool,
    /// The bytes last read from or written to disk, as their fingerprint
    /// (the file itself would be a second copy of it held all session).
    last_seen: Option<Fingerprint>,
    /// What `last_seen` holds: its parse, or what was written. A save over
    /// unchanged bytes merges with this instead of parsing them again.
    /// Shared with the app, which holds the same as its base.
    last_parsed: Option<Arc<Progress>>,
    /// The file's modification time and length when last read or written.
    last_stamp: Option<(SystemTime, u64)>,
    /// Conflict copies already reported as unreadable (once each).
    reported_copies: BTreeSet<PathBuf>,
    /// A failed backup was reported; cleared when one is written again.
    is_backup_failure_reported: bool,
    /// Notices found while only looking for changes, told with the next
    /// change or save.
    pending_notices: Vec<StoreNotice>,
}

/// The result of opening a store.
#[derive(Debug)]
pub struct Opened {
    pub store: Store,
    /// The learner's data: the same as `on_disk`, shared, unless conflict
    /// copies were merged in.
    pub progress: Arc<Progress>,
    /// What the file itself holds: `progress` before conflict copies were
    /// merged in (the base for later merges). The store keeps the same,
    /// shared rather than copied: a heavy learner's data is megabytes.
    pub on_disk: Arc<Progress>,
    /// What the learner's data holds that is not in the file yet (merged
    /// conflict copies): save soon.
    pub needs_save: bool,
    pub notices: Vec<StoreNotice>,
}

/// The result of a save: what is on disk now.
#[derive(Debug)]
pub struct Saved {
    /// Shared with the store, which keeps what it wrote.
    pub written: Arc<Progress>,
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
            last_parsed: None,
            last_stamp: None,
            reported_copies: BTreeSet::new(),
            is_backup_failure_reported: false,
            pending_notices: Vec::new(),
        };
        let path = store.path();
        let mut notices = Vec::new();
        let progress = match read_bounded(&path) {
            Ok(bytes) => match parse(&path, &bytes) {
                Ok(parsed) => {
                    store.stamp_seen(Fingerprint::of(&bytes));
                    store.take_parsed(parsed, &bytes, now_ms, &mut notices)
                }
                Err(error) => {
                    notices.push(moved_aside_notice(&path, &error, now_ms));
                    Progress::default()
                }
            },
            Err(error) if error.is_not_found() => Progress::default(),
            // Not a regular file, too large, no permission: left untouched,
            // and every save refuses to write over it while it stays so.
            Err(error) => {
                notices.push(StoreNotice::Unreadable {
                    reason: error.to_string(),
                });
                Progress::default()
            }
        };
        let on_disk = Arc::new(progress);
        if store.last_seen.is_some() {
            store.last_parsed = Some(Arc::clone(&on_disk));
        }
        let copies = store.read_conflict_copies();
        notices.append(&mut store.pending_notices);
        let needs_save = !copies.is_empty() && !store.is_read_only;
        let progress = if needs_save {
            Arc::new(conflicts::merge_in(&on_disk, &copies))
        } else {
            Arc::clone(&on_disk)
        };
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
        // A file that broke off, or whose text is not all kept in what is
        // written back, is copied aside before anything is saved over it.
        let broken_off = parsed
            .broken_at
            .map(|error| format!("{}:{error}", self.path().display()));
        let mut copy = None;
        let mut copy_notice = None;
        if broken_off.is_some() || parsed.needs_copy {
            match keep_copy(&self.path(), bytes, now_ms) {
                Ok(kept) => {
                    copy = Some(kept.clone());
                    copy_notice =
                        broken_off.map(|reason| StoreNotice::Salvaged { copy: kept, reason });
                    // Copied once: a save over these bytes needs no other copy.
                    self.last_seen = Some(Fingerprint::of(bytes));
                }
                Err(copy_error) => {
                    let what = broken_off.unwrap_or_else(|| {
                        format!(
                            "{}: part of it is not kept in what pyroadmap writes back",
                            self.path().display()
                        )
                    });
                    copy_notice = Some(StoreNotice::Unreadable {
                        reason: format!("{what}; {copy_error}"),
                    });
                    // What is written back is less than the file: never save
                    // over it without the copy (the next save tries again).
                    self.last_seen = None;
                }
            }
        }
        if !parsed.problems.is_empty() {
            notices.push(StoreNotice::PartlyUnreadable {
                problems: parsed.problems,
                copy,
            });
        }
        notices.extend(copy_notice);
        parsed.progress
    }

    fn stamp_seen(&mut self, seen: Fingerprint) {
        self.last_stamp = file_stamp(&self.path());
        self.last_seen = Some(seen);
    }

    /// Whether bytes with this fingerprint are those last read from or
    /// written to disk (a file is fingerprinted once, however often asked).
    fn is_seen(&self, fingerprint: Fingerprint) -> bool {
        self.last_seen == Some(fingerprint)
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

        let on_disk = match read_bounded(&path) {
            Ok(bytes) => Some(bytes),
            Err(error) if error.is_not_found() => None,
            Err(error) => return Err(error),
        };
        // Backups and copies get the file's own permissions, never wider.
        let permissions = permissions_of(&path);
        let mut merged = progress.clone();
        let mut is_backup_wanted = on_disk.is_some();
        // What the file holds now, when it could be read.
        let mut theirs = None;
        if let Some(bytes) = &on_disk {
            // Always merged: the app may not have taken in the latest file
            // yet. Bytes this store last read or wrote are not parsed again.
            let fingerprint = Fingerprint::of(bytes);
            let last_parsed = self.last_parsed.take();
            let cached = last_parsed.filter(|_| self.is_seen(fingerprint));
            let parsed = match cached {
                Some(last) => Ok(last),
                None => match parse(&path, bytes) {
                    Ok(parsed)
                        if parsed.progress.version > FORMAT_VERSION
                            || self.is_seen(fingerprint) =>
                    {
                        Ok(Arc::new(parsed.progress))
                    }
                    Ok(parsed) => {
                        let is_copy_needed = parsed.broken_at.is_some() || parsed.needs_copy;
                        let theirs = self.take_parsed(parsed, bytes, now_ms, &mut notices);
                        if is_copy_needed && !self.is_seen(fingerprint) {
                            return Err(StoreError::CopyNotKept {
                                path,
                                reason: unreadable_reasons(&notices),
                            });
                        }
                        Ok(Arc::new(theirs))
                    }
                    Err(error) => Err(error),
                },
            };
            match parsed {
                Ok(parsed) => {
                    if parsed.version > FORMAT_VERSION {
                        self.is_read_only = true;
                        return Err(StoreError::NewerVersion {
                            path,
                            version: parsed.version,
                        });
                    }
                    merged = merge::merge(Some(base), progress, &parsed);
                    theirs = Some(parsed);
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
        let copies = self.read_conflict_copies();
        if !copies.is_empty() {
            merged = conflicts::merge_in(&merged, &copies);
        }
        // A kept unreadable value the learner replaced is not written back;
        // the file as it was is copied aside first, so it is never lost.
        file_format::settle(&mut merged);
        if let (Some(bytes), Some(theirs)) = (&on_disk, &theirs) {
            let values = file_format::dropped_values(theirs, &merged);
            if !values.is_empty() {
                let copy = keep_copy(&path, bytes, now_ms)?;
                notices.push(StoreNotice::ReplacedUnreadable { copy, values });
            }
        }
        let text = file_format::write(&merged);
        // A save that changes nothing leaves the file (and its time) alone,
        // and needs no backup: idle windows never rewrite it.
        let is_unchanged = on_disk.as_deref() == Some(text.as_bytes());
        if !is_unchanged {
            write_atomically(&path, text.as_bytes())?;
        }
        self.stamp_seen(Fingerprint::of(text.as_bytes()));
        let merged = Arc::new(merged);
        self.last_parsed = Some(Arc::clone(&merged));
        // The save first, then the day's backup of the old bytes: on a
        // nearly full disk the backup must not take the space the save
        // needs. A backup that fails leaves the save standing.
        if let Some(bytes) = &on_disk
            && is_backup_wanted
            && !is_unchanged
        {
            self.back_up_day(bytes, now_ms, permissions.as_ref(), &mut notices);
        }
        drop(lock);
        if !copies.is_empty() {
            let files = conflicts::move_to_merged(&self.dir, &copies, permissions.as_ref());
            notices.push(StoreNotice::ConflictCopiesMerged { files });
        }
        notices.append(&mut self.pending_notices);
        Ok(Saved {
            written: merged,
            notices,
        })
    }

    /// Keeps the day's backup of `bytes` (the file before this save); a
    /// failure is reported once, until a backup is written again.
    fn back_up_day(
        &mut self,
        bytes: &[u8],
        now_ms: u64,
        permissions: Option<&fs::Permissions>,
        notices: &mut Vec<StoreNotice>,
    ) {
        match backups::rotate_in(&self.dir, bytes, now_ms, permissions) {
            Ok(()) => self.is_backup_failure_reported = false,
            Err(error) => {
                if !self.is_backup_failure_reported {
                    self.is_backup_failure_reported = true;
                    notices.push(StoreNotice::BackupFailed {
                        reason: error.to_string(),
                    });
                }
            }
        }
    }

    /// The readable conflict copies. Each unreadable one is reported once,
    /// with the next notices the store gives (`pending_notices`).
    fn read_conflict_copies(&mut self) -> Vec<(PathBuf, Progress)> {
        let (copies, skipped) = conflicts::read_all(&self.dir);
        for (path, reason) in skipped {
            if self.reported_copies.insert(path.clone()) {
                self.pending_notices
                    .push(StoreNotice::ConflictCopySkipped { path, reason });
            }
        }
        copies
    }

    /// Looks whether another window or a sync tool changed the file (or left
    /// a conflict copy) since we last read or wrote it. Cheap when nothing
    /// changed: one metadata call and a folder listing.
    pub fn check_for_changes(&mut self, now_ms: u64) -> Option<(Arc<Progress>, Vec<StoreNotice>)> {
        let path = self.path();
        let mut notices = Vec::new();
        let copies = self.read_conflict_copies();
        let stamp = file_stamp(&path);
        if stamp == self.last_stamp && (copies.is_empty() || self.is_read_only) {
            return None;
        }
        let bytes = read_bounded(&path).ok()?;
        let fingerprint = Fingerprint::of(&bytes);
        if self.is_seen(fingerprint) && copies.is_empty() {
            self.last_stamp = stamp;
            return None;
        }
        let mut progress = match parse(&path, &bytes) {
            Ok(parsed) => {
                // Seen first, so a broken-off file whose copy failed stays
                // unseen and the next save tries the copy again.
                self.stamp_seen(fingerprint);
                let progress = Arc::new(self.take_parsed(parsed, &bytes, now_ms, &mut notices));
                self.last_parsed = Some(Arc::clone(&progress));
                progress
            }
            // Half-written by a tool that does not save atomically: look
            // again next time; a save moves a truly broken file aside.
            Err(_) => return None,
        };
        if !copies.is_empty() && !self.is_read_only {
            progress = Arc::new(conflicts::merge_in(&progress, &copies));
        }
        notices.append(&mut self.pending_notices);
        Some((progress, notices))
    }
}

/// Reads a progress file from any path (Import, Restore): fails only when
/// nothing in it can be read.
pub fn read_file(path: &Path) -> Result<Progress, StoreError> {
    let bytes = read_bounded(path)?;
    parse(path, &bytes).map(|parsed| parsed.progress)
}

/// Writes progress to any path atomically (Export, Save a copy).
pub fn write_file(path: &Path, progress: &Progress) -> Result<(), StoreError> {
    write_atomically(path, file_format::write(progress).as_bytes())
}

#[cfg(test)]
thread_local! {
    /// How many files this thread parsed: tests check that a save does not
    /// parse again what the store read or wrote last.
    pub(crate) static PARSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Reads a file's bytes: bytes that are not UTF-8 cost only the value they
/// are in (see `file_format::read_bytes`), never the whole file.
fn parse(path: &Path, bytes: &[u8]) -> Result<Parsed, StoreError> {
    #[cfg(test)]
    PARSES.with(|n| n.set(n.get() + 1));
    file_format::read_bytes(bytes).map_err(|error| StoreError::Parse {
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

/// The reasons in the `Unreadable` notices, for an error that stops a save.
fn unreadable_reasons(notices: &[StoreNotice]) -> String {
    let reasons: Vec<&str> = notices
        .iter()
        .filter_map(|notice| match notice {
            StoreNotice::Unreadable { reason } => Some(reason.as_str()),
            _ => None,
        })
        .collect();
    reasons.join("; ")
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod file_tests;
