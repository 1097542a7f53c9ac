//! Backups in `backups/`: one a day when saving, kept on a schedule (the
//! last 7 days, then one a week for 4 weeks, then one a month for 6
//! months), and one before every import and restore.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::{FILE_NAME, StoreError, read_file, write_atomically};
use crate::study::clock::{date_and_time, days_from_date};
use crate::study::{Progress, Status};

/// The folder inside the data dir.
pub const BACKUP_DIR: &str = "backups";
const DAILY_KEPT: usize = 7;
const WEEKLY_KEPT: usize = 4;
const MONTHLY_KEPT: usize = 6;

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

/// Keeps today's copy of the file (once a day) and prunes old ones.
/// Backups are a safety net: failing to make one does not stop a save.
pub fn rotate_in(dir: &Path, bytes: &[u8], now_ms: u64) {
    let backup_dir = dir.join(BACKUP_DIR);
    let (date, _) = date_and_time(now_ms);
    let target = backup_dir.join(format!("progress-{date}.ron"));
    if target.exists() || fs::create_dir_all(&backup_dir).is_err() {
        return;
    }
    if write_atomically(&target, bytes).is_ok() {
        prune(&backup_dir);
    }
}

/// Copies the current file to `backups/progress-<date>-<why>-<time>.ron`
/// (before an import or a restore). `Ok(None)` when there is no file yet.
pub fn back_up_now(dir: &Path, why: &str, now_ms: u64) -> Result<Option<PathBuf>, StoreError> {
    let source = dir.join(FILE_NAME);
    let bytes = match fs::read(&source) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source_error) => {
            return Err(StoreError::Read {
                path: source,
                source: source_error,
            });
        }
    };
    let backup_dir = dir.join(BACKUP_DIR);
    fs::create_dir_all(&backup_dir).map_err(|source| StoreError::CreateDir {
        path: backup_dir.clone(),
        source,
    })?;
    let (date, time) = date_and_time(now_ms);
    let target = backup_dir.join(format!("progress-{date}-{why}-{time}.ron"));
    write_atomically(&target, &bytes)?;
    Ok(Some(target))
}

/// The date a backup's name starts with, as days since the epoch.
fn day_of(name: &str) -> Option<i64> {
    days_from_date(name.strip_prefix("progress-")?.get(..10)?)
}

/// Deletes backups whose date the schedule no longer keeps.
fn prune(backup_dir: &Path) {
    let Ok(entries) = fs::read_dir(backup_dir) else {
        return;
    };
    let files: Vec<(PathBuf, i64)> = entries
        .flatten()
        .filter_map(|e| {
            let day = day_of(&e.file_name().to_string_lossy())?;
            Some((e.path(), day))
        })
        .collect();
    let days: BTreeSet<i64> = files.iter().map(|(_, day)| *day).collect();
    let kept = days_to_keep(&days);
    for (path, day) in files {
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
