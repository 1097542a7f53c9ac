//! Conflict copies that sync tools (Syncthing, Dropbox, OneDrive) leave
//! beside `progress.ron` when two machines changed it: merged in with the
//! same per-field rules, then moved to `merged/`, never deleted.

use std::fs;
use std::path::{Path, PathBuf};

use super::files::{create_dir_like, narrow_permissions};
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

/// A conflict copy that was read, and what it holds.
pub type Copy = (PathBuf, Progress);

/// The readable conflict copies in `dir`, oldest name first, and why each
/// other one was not read (a FIFO, a folder, too large, not a progress
/// file). Those stay where they are, untouched.
pub fn read_all(dir: &Path) -> (Vec<Copy>, Vec<(PathBuf, String)>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return (Vec::new(), Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| is_conflict_copy(&n.to_string_lossy()))
        })
        .collect();
    paths.sort();
    let mut copies = Vec::new();
    let mut skipped = Vec::new();
    for path in paths {
        // Only a regular file is read (checked before opening), so a FIFO
        // or a device with a copy's name cannot hang or fill the memory.
        match read_file(&path) {
            Ok(progress) => copies.push((path, progress)),
            Err(error) => skipped.push((path, error.to_string())),
        }
    }
    (copies, skipped)
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
/// nothing). Moved copies are made no more open than `permissions`, the
/// progress file's.
pub fn move_to_merged(
    dir: &Path,
    copies: &[(PathBuf, Progress)],
    permissions: Option<&fs::Permissions>,
) -> Vec<PathBuf> {
    let target_dir = dir.join(MERGED_DIR);
    if create_dir_like(&target_dir, permissions).is_err() {
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
            narrow_permissions(&target, permissions);
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
