//! Keeping an unreadable or broken-off file for the learner: moved aside or
//! copied under a free `.broken-<date>-<time>` name, never overwritten.

use std::fs;
use std::path::{Path, PathBuf};

use super::files::{permissions_of, write_atomically_like};
use super::{FILE_NAME, StoreError, StoreNotice};
use crate::study::clock::date_and_time;

/// Removes `.progress.ron.XXXXXX` files that an interrupted atomic write
/// left (the old file is intact beside them).
pub(super) fn remove_stale_temp_files(dir: &Path) {
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

/// A free name `progress.ron.broken-<date>-<time>[-n]` beside `path`.
pub(super) fn broken_name(path: &Path, now_ms: u64) -> PathBuf {
    let (date, time) = date_and_time(now_ms);
    let mut broken = path.with_file_name(format!("{FILE_NAME}.broken-{date}-{time}"));
    let mut n = 1;
    // Taken even by a link that leads nowhere: it may be the learner's.
    while fs::symlink_metadata(&broken).is_ok() {
        n += 1;
        broken = path.with_file_name(format!("{FILE_NAME}.broken-{date}-{time}-{n}"));
    }
    broken
}

/// Renames a file with nothing readable in it aside, so it is kept for the
/// learner and never overwritten.
pub(super) fn move_aside(path: &Path, now_ms: u64) -> Result<PathBuf, StoreError> {
    let broken = broken_name(path, now_ms);
    fs::rename(path, &broken).map_err(|source| StoreError::MoveAside {
        path: path.to_owned(),
        source,
    })?;
    Ok(broken)
}

/// Copies a partly readable file aside before anything is saved over it.
pub(super) fn keep_copy(path: &Path, bytes: &[u8], now_ms: u64) -> Result<PathBuf, StoreError> {
    let copy = broken_name(path, now_ms);
    write_atomically_like(&copy, bytes, permissions_of(path).as_ref())?;
    Ok(copy)
}

/// Moves an unreadable file aside, and says so (or why it could not be).
pub(super) fn moved_aside_notice(path: &Path, error: &StoreError, now_ms: u64) -> StoreNotice {
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
