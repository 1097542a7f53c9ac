//! Conflict copies that sync tools (Syncthing, Dropbox, OneDrive) leave
//! beside `progress.ron` when two machines changed it: merged in with the
//! same per-field rules, then moved to `merged/`, never deleted.

use std::fs;
use std::path::{Path, PathBuf};

use super::read_file;
use crate::study::{Progress, merge};

/// The folder merged copies are moved to.
pub const MERGED_DIR: &str = "merged";

/// Whether a file name is a sync tool's copy of `progress.ron`.
pub fn is_conflict_copy(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".ron") else {
        return false;
    };
    // Syncthing: progress.sync-conflict-20261130-101500-ABCDEFG.ron
    stem.starts_with("progress.sync-conflict-")
        // Dropbox: progress (Ana's conflicted copy 2026-11-30).ron
        || (stem.starts_with("progress (") && stem.contains("conflicted copy"))
        // OneDrive: progress-LAPTOP.ron
        || stem.strip_prefix("progress-").is_some_and(|machine| !machine.is_empty())
}

/// The readable conflict copies in `dir`, oldest name first. Unreadable
/// ones stay where they are, untouched.
pub fn read_all(dir: &Path) -> Vec<(PathBuf, Progress)> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut copies: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| is_conflict_copy(&n.to_string_lossy()))
        })
        .collect();
    copies.sort();
    copies
        .into_iter()
        .filter_map(|path| Some((path.clone(), read_file(&path).ok()?)))
        .collect()
}

/// `progress` with every copy merged in (no common base is known). What
/// belongs to the machine that wrote a copy (an older version's Python and
/// time limit) is never taken from it.
pub fn merge_in(progress: &Progress, copies: &[(PathBuf, Progress)]) -> Progress {
    copies.iter().fold(progress.clone(), |merged, (_, copy)| {
        let copy = merge::without_machine_settings(copy, &merged);
        merge::merge(None, &merged, &copy)
    })
}

/// Moves merged copies to `merged/`; returns where each went. A copy that
/// cannot be moved stays (and is merged again next time, which changes
/// nothing).
pub fn move_to_merged(dir: &Path, copies: &[(PathBuf, Progress)]) -> Vec<PathBuf> {
    let target_dir = dir.join(MERGED_DIR);
    if fs::create_dir_all(&target_dir).is_err() {
        return Vec::new();
    }
    copies
        .iter()
        .filter_map(|(path, _)| {
            let name = path.file_name()?;
            let mut target = target_dir.join(name);
            let mut n = 1;
            while target.exists() {
                n += 1;
                target = target_dir.join(format!("{}.{n}", name.to_string_lossy()));
            }
            fs::rename(path, &target).ok()?;
            Some(target)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::is_conflict_copy;

    #[test]
    fn recognises_the_sync_tools_names_and_nothing_else() {
        for name in [
            "progress.sync-conflict-20261130-101500-ABCDEFG.ron",
            "progress (Ana's conflicted copy 2026-11-30).ron",
            "progress (conflicted copy 2026-11-30 101500).ron",
            "progress-LAPTOP.ron",
        ] {
            assert!(is_conflict_copy(name), "{name}");
        }
        for name in [
            "progress.ron",
            "progress.lock",
            "progress.ron.broken-2026-11-30-101500",
            "progress-.ron",
            "notes.ron",
        ] {
            assert!(!is_conflict_copy(name), "{name}");
        }
    }
}
