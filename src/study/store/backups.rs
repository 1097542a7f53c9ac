//! Backups in `backups/`: one a day when saving, kept on a schedule (the
//! last 7 days, then one a week for 4 weeks, then one a month for 6
//! months), and one before every import and restore, kept 30 days.
//!
//! Pruning deletes only files with the names pyroadmap gives them and a real
//! date no later than tomorrow: anything else in the folder (a learner's own
//! file, a backup dated in the future by a wrong clock) is left alone and
//! takes no place in the schedule.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::files::{create_dir_like, permissions_of, read_bounded, write_atomically_like};
use super::{FILE_NAME, StoreError, read_file};
use crate::study::clock::{date_and_time, days_from_date};
use crate::study::{Progress, Status};

/// The folder inside the data dir.
pub const BACKUP_DIR: &str = "backups";
const DAILY_KEPT: usize = 7;
const WEEKLY_KEPT: usize = 4;
const MONTHLY_KEPT: usize = 6;
/// How long the backups taken before an import or a restore are kept.
const BEFORE_KEPT_DAYS: i64 = 30;
/// Why a backup was taken, as its name says, besides the daily one.
const REASONS: [&str; 2] = ["before-import", "before-restore"];

/// One backup, with what it holds, for the Restore dialog.
#[derive(Clone, Debug)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// `2026-11-30`, then `before import, 10:15:00` for the special ones.
    pub label: String,
    pub progress: Progress,
    pub topics_done: usize,
    pub notes: usize,
}

/// Keeps today's copy of the file before a save (once a day), with the
/// file's `permissions`, and prunes old ones. Backups are a safety net: the
/// caller saves first, and a failure here is reported, not fatal.
pub fn rotate_in(
    dir: &Path,
    bytes: &[u8],
    now_ms: u64,
    permissions: Option<&fs::Permissions>,
) -> Result<(), StoreError> {
    let backup_dir = dir.join(BACKUP_DIR);
    let (date, _) = date_and_time(now_ms);
    let target = backup_dir.join(format!("progress-{date}.ron"));
    if fs::symlink_metadata(&target).is_ok() {
        return Ok(());
    }
    create_dir_like(&backup_dir, permissions).map_err(|source| StoreError::CreateDir {
        path: backup_dir.clone(),
        source,
    })?;
    write_atomically_like(&target, bytes, permissions)?;
    prune(&backup_dir, now_ms);
    Ok(())
}

/// Copies the current file to `backups/progress-<date>-<why>-<time>.ron`
/// (before an import or a restore). `Ok(None)` when there is no file yet.
pub fn back_up_now(dir: &Path, why: &str, now_ms: u64) -> Result<Option<PathBuf>, StoreError> {
    let source = dir.join(FILE_NAME);
    let bytes = match read_bounded(&source) {
        Ok(bytes) => bytes,
        Err(error) if error.is_not_found() => return Ok(None),
        Err(error) => return Err(error),
    };
    let permissions = permissions_of(&source);
    let backup_dir = dir.join(BACKUP_DIR);
    create_dir_like(&backup_dir, permissions.as_ref()).map_err(|source| StoreError::CreateDir {
        path: backup_dir.clone(),
        source,
    })?;
    let (date, time) = date_and_time(now_ms);
    let target = backup_dir.join(format!("progress-{date}-{why}-{time}.ron"));
    write_atomically_like(&target, &bytes, permissions.as_ref())?;
    Ok(Some(target))
}

/// The date a backup's name starts with, as days since the epoch.
fn day_of(name: &str) -> Option<i64> {
    days_from_date(name.strip_prefix("progress-")?.get(..10)?)
}

/// A name pyroadmap gave a backup, read strictly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OwnName {
    /// `progress-2026-11-30.ron`: the day's backup, on the schedule.
    Daily(i64),
    /// `progress-2026-11-30-before-import-101500.ron`: kept 30 days.
    Before(i64),
}

/// Reads a file name as one of pyroadmap's own backup names, or `None`.
fn own_name(name: &str) -> Option<OwnName> {
    let rest = name.strip_prefix("progress-")?.strip_suffix(".ron")?;
    let (date, tail) = (rest.get(..10)?, rest.get(10..)?);
    let is_date_shaped = date.char_indices().all(|(i, c)| {
        if i == 4 || i == 7 {
            c == '-'
        } else {
            c.is_ascii_digit()
        }
    });
    let day = days_from_date(date).filter(|_| is_date_shaped)?;
    if tail.is_empty() {
        return Some(OwnName::Daily(day));
    }
    let (why, time) = tail.strip_prefix('-')?.rsplit_once('-')?;
    let is_time = time.len() == 6
        && time.bytes().all(|b| b.is_ascii_digit())
        && &time[..2] < "24"
        && &time[2..4] < "60"
        && &time[4..] < "60";
    (REASONS.contains(&why) && is_time).then_some(OwnName::Before(day))
}

/// Deletes the backups the schedule no longer keeps. Only regular files
/// with pyroadmap's own names and real dates up to tomorrow count.
fn prune(backup_dir: &Path, now_ms: u64) {
    let Ok(entries) = fs::read_dir(backup_dir) else {
        return;
    };
    let today = i64::try_from(now_ms / 86_400_000).unwrap_or(i64::MAX);
    let mut daily: Vec<(PathBuf, i64)> = Vec::new();
    for entry in entries.flatten() {
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        match own_name(&entry.file_name().to_string_lossy()) {
            // Dated after tomorrow: a wrong clock's, kept and not counted.
            Some(OwnName::Daily(day)) if day <= today + 1 => daily.push((entry.path(), day)),
            Some(OwnName::Before(day)) if day < today - BEFORE_KEPT_DAYS => {
                let _ = fs::remove_file(entry.path());
            }
            _ => {}
        }
    }
    let days: BTreeSet<i64> = daily.iter().map(|(_, day)| *day).collect();
    let kept = days_to_keep(&days);
    for (path, day) in daily {
        if !kept.contains(&day) {
            let _ = fs::remove_file(path);
        }
    }
}

/// The newest 7 days; then the newest day of each of the next 4 weeks that
/// have backups; then the newest day of each of the next 6 months.
fn days_to_keep(days: &BTreeSet<i64>) -> BTreeSet<i64> {
    let mut kept = BTreeSet::new();
    let mut weeks = BTreeSet::new();
    let mut months = BTreeSet::new();
    let (mut weekly, mut monthly) = (0, 0);
    for (rank, &day) in days.iter().rev().enumerate() {
        let week = day.div_euclid(7);
        let month = month_of(day).unwrap_or(day / 30);
        let is_kept = if rank < DAILY_KEPT {
            true
        } else if !weeks.contains(&week) && weekly < WEEKLY_KEPT {
            weekly += 1;
            true
        } else if !months.contains(&month) && monthly < MONTHLY_KEPT {
            monthly += 1;
            true
        } else {
            false
        };
        if is_kept {
            weeks.insert(week);
            months.insert(month);
            kept.insert(day);
        }
    }
    kept
}

/// A month number (year * 12 + month) for a day since the epoch.
fn month_of(day: i64) -> Option<i64> {
    let ms = u64::try_from(day).ok()?.checked_mul(86_400_000)?;
    let (date, _) = date_and_time(ms);
    let year: i64 = date.get(..4)?.parse().ok()?;
    let month: i64 = date.get(5..7)?.parse().ok()?;
    Some(year * 12 + month)
}

/// Every readable backup with what it holds, newest first.
pub fn list_backups(dir: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = fs::read_dir(dir.join(BACKUP_DIR)) else {
        return Vec::new();
    };
    let mut backups: Vec<BackupInfo> = entries
        .flatten()
        .filter_map(|e| {
            let path = e.path();
            let name = path.file_stem()?.to_string_lossy().into_owned();
            let rest = name.strip_prefix("progress-")?;
            let date = rest.get(..10)?;
            day_of(&name)?;
            let label = match rest.get(11..).and_then(|tail| tail.rsplit_once('-')) {
                Some((why, time)) if time.len() == 6 => format!(
                    "{date}, {} at {}:{}:{} UTC",
                    why.replace('-', " "),
                    &time[..2],
                    &time[2..4],
                    &time[4..]
                ),
                _ => date.to_owned(),
            };
            let progress = read_file(&path).ok()?;
            let topics_done = progress
                .topics
                .values()
                .filter(|r| r.status == Status::Done)
                .count();
            let notes = progress
                .topics
                .values()
                .filter(|r| !r.note.trim().is_empty())
                .count();
            Some(BackupInfo {
                path,
                label,
                progress,
                topics_done,
                notes,
            })
        })
        .collect();
    backups.sort_by(|a, b| b.path.cmp(&a.path));
    backups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_of_daily_saves_keeps_days_weeks_and_months() {
        let days: BTreeSet<i64> = (20_000..20_400).collect();
        let kept = days_to_keep(&days);
        let newest: Vec<i64> = kept.iter().rev().copied().collect();
        assert_eq!(
            &newest[..7],
            &[20_399, 20_398, 20_397, 20_396, 20_395, 20_394, 20_393]
        );
        assert_eq!(kept.len(), 7 + 4 + 6, "{} kept", kept.len());
        let oldest = *kept.first().unwrap();
        assert!(
            20_399 - oldest >= 5 * 30,
            "the oldest kept is {} days old",
            20_399 - oldest
        );
    }
}
