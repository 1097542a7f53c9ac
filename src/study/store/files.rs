//! Reading and writing the learner's files safely: only regular files of a
//! bounded size are read (a FIFO, a device or a huge file would hang or fill
//! the memory), writes are atomic and go through symbolic links, and copies
//! are never more open than the file they copy.

use std::fs;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use super::StoreError;

/// The largest progress file, backup or conflict copy pyroadmap reads
/// (256 MiB: many years of notes, with room for a very long one). A larger
/// file is left untouched and the learner told, as a FIFO or a device is,
/// so a stray 10 GB file or a link to `/dev/zero` cannot fill the memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// What a file's bytes were, without keeping them: their length and two
/// independent 64-bit hashes. Files that differ share one by chance about
/// once in 2^128: nothing a learner's edits or a sync tool will meet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: usize,
    hashes: [u64; 2],
}

impl Fingerprint {
    pub fn of(bytes: &[u8]) -> Self {
        use std::hash::{Hash as _, Hasher as _};
        let hash = |salt: u8| {
            let mut hasher = std::hash::DefaultHasher::new();
            salt.hash(&mut hasher);
            bytes.hash(&mut hasher);
            hasher.finish()
        };
        Self {
            len: bytes.len(),
            hashes: [hash(1), hash(2)],
        }
    }
}

/// Reads a whole file, but only a regular one (links followed) of at most
/// `MAX_FILE_BYTES`: reading a FIFO waits for a writer forever, and a
/// device or a huge file fills the memory.
pub(super) fn read_bounded(path: &Path) -> Result<Vec<u8>, StoreError> {
    let to_error = |source| StoreError::Read {
        path: path.to_owned(),
        source,
    };
    let checked = |meta: &fs::Metadata| {
        if !meta.is_file() {
            Err(StoreError::NotAFile {
                path: path.to_owned(),
                kind: file_kind(meta),
            })
        } else if meta.len() > MAX_FILE_BYTES {
            Err(StoreError::TooLarge {
                path: path.to_owned(),
                bytes: meta.len(),
            })
        } else {
            Ok(meta.len())
        }
    };
    // Checked before opening: opening a FIFO to read waits for a writer.
    checked(&fs::metadata(path).map_err(to_error)?)?;
    let file = fs::File::open(path).map_err(to_error)?;
    // And what was opened, in case the file was replaced in between.
    let len = checked(&file.metadata().map_err(to_error)?)?;
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // Bounded even if the file grows while it is read.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(to_error)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(StoreError::TooLarge {
            path: path.to_owned(),
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// What a file that is not a regular one is, in words.
pub(super) fn file_kind(meta: &fs::Metadata) -> &'static str {
    let kind = meta.file_type();
    if kind.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
    }
    "a special file"
}

/// Writes bytes to a temp file, syncs it and renames it over `path`, so a
/// crash leaves the old file or the new one, never a torn one.
///
/// A symbolic link is written through: the file it points to is replaced
/// (beside itself, keeping its permissions) and the link stays a link, so
/// a progress file linked into a synced folder keeps syncing.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let target = link_target(path).map_err(|source| StoreError::Write {
        path: path.to_owned(),
        source,
    })?;
    write_atomically_like(&target, bytes, None)
}

/// Writes a new copy (a backup, a `.broken` copy) atomically at `path`
/// itself, never through a link, with `permissions` (those of the progress
/// file it copies, so a private file's copies stay private).
pub(super) fn write_atomically_like(
    path: &Path,
    bytes: &[u8],
    permissions: Option<&fs::Permissions>,
) -> Result<(), StoreError> {
    let to_error = |source| StoreError::Write {
        path: path.to_owned(),
        source,
    };
    let mut file = atomic_write_file::AtomicWriteFile::open(path).map_err(to_error)?;
    file.write_all(bytes).map_err(to_error)?;
    #[cfg(unix)]
    if let Some(permissions) = permissions {
        file.as_file()
            .set_permissions(permissions.clone())
            .map_err(to_error)?;
    }
    #[cfg(not(unix))]
    let _ = permissions;
    file.commit().map_err(to_error)
}

/// The file a chain of symbolic links at `path` ends at (which may not
/// exist yet), or `path` itself when it is not a link.
fn link_target(path: &Path) -> std::io::Result<PathBuf> {
    let mut current = path.to_owned();
    // The limit Linux puts on a chain of links.
    for _ in 0..40 {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&current)?;
                // A relative link is relative to the link's folder.
                current = match current.parent() {
                    Some(parent) => parent.join(target),
                    None => target,
                };
            }
            Ok(_) => return Ok(current),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(current),
            Err(error) => return Err(error),
        }
    }
    Err(std::io::Error::other(format!(
        "{} is a loop of symbolic links",
        path.display()
    )))
}

/// The permissions of the file at `path` (links followed), to give to the
/// copies made of it.
pub(super) fn permissions_of(path: &Path) -> Option<fs::Permissions> {
    fs::metadata(path).ok().map(|meta| meta.permissions())
}

/// Creates `dir` for copies of a file with `permissions`: on Unix no wider
/// than the file's (searchable where readable), so 0600 gives 0700.
pub(super) fn create_dir_like(
    dir: &Path,
    permissions: Option<&fs::Permissions>,
) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    if let Some(permissions) = permissions {
        use std::os::unix::fs::{DirBuilderExt as _, PermissionsExt as _};
        let mode = permissions.mode() & 0o777;
        builder.mode(mode | ((mode & 0o444) >> 2));
    }
    #[cfg(not(unix))]
    let _ = permissions;
    builder.create(dir)
}

/// Narrows a moved file's permissions to `permissions` (Unix): a copy
/// kept beside the progress file is never more open than the file itself.
pub(super) fn narrow_permissions(path: &Path, permissions: Option<&fs::Permissions>) {
    #[cfg(unix)]
    if let Some(permissions) = permissions
        && let Ok(meta) = fs::symlink_metadata(path)
        // A link's target is not ours to change.
        && meta.is_file()
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = meta.permissions().mode() & 0o7777;
        let narrowed = mode & (permissions.mode() & 0o777);
        if narrowed != mode {
            // Best effort: the copy is already kept either way.
            let _ = fs::set_permissions(path, fs::Permissions::from_mode(narrowed));
        }
    }
    #[cfg(not(unix))]
    let _ = (path, permissions);
}

#[cfg(test)]
mod fingerprint_tests {
    use super::Fingerprint;

    #[test]
    fn a_fingerprint_tells_any_change_to_the_bytes() {
        let file = b"(version: 3, topics: {\"lists\": (note: \"hi\")})".to_vec();
        assert_eq!(Fingerprint::of(&file), Fingerprint::of(&file.clone()));
        for at in 0..file.len() {
            let mut changed = file.clone();
            changed[at] ^= 1;
            assert_ne!(
                Fingerprint::of(&file),
                Fingerprint::of(&changed),
                "byte {at}"
            );
        }
        let mut longer = file.clone();
        longer.push(b' ');
        assert_ne!(Fingerprint::of(&file), Fingerprint::of(&longer));
        assert_ne!(Fingerprint::of(b""), Fingerprint::of(b"\0"));
    }
}
