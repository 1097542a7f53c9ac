//! Removing a run's folder, whatever the program left in it.

use std::path::Path;
use std::time::Duration;

/// Removes the run's folder, also when the program made parts of it
/// read-only or a dying process was still writing there (a few tries).
pub(super) fn remove_folder(folder: tempfile::TempDir) -> Result<(), String> {
    let path = folder.keep();
    let mut error = None;
    for attempt in 0..5u32 {
        match std::fs::remove_dir_all(&path) {
            Ok(()) => return Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => error = Some(e),
        }
        make_writable(&path);
        std::thread::sleep(Duration::from_millis(20 * u64::from(attempt + 1)));
    }
    Err(format!(
        "pyroadmap could not remove the run's folder {}: {}",
        path.display(),
        error.map_or_else(String::new, |e| e.to_string())
    ))
}

/// Gives the owner back write access to every folder under `path`
/// (without following links), so it can be removed.
fn make_writable(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            return;
        };
        if meta.is_dir() {
            let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o700));
            for entry in std::fs::read_dir(path).into_iter().flatten().flatten() {
                make_writable(&entry.path());
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
    }
}
