//! What can go wrong with the learner's file, and what the learner is told
//! about it.

use std::path::PathBuf;

use super::MAX_FILE_BYTES;

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
    #[error(
        "{path} is {kind}, not a regular file, so pyroadmap did not read it and does not write over it until it is one"
    )]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error(
        "{path} is {} MiB, more than the {} MiB pyroadmap reads, so it was not read and is not written over",
        bytes / (1024 * 1024),
        MAX_FILE_BYTES / (1024 * 1024)
    )]
    TooLarge { path: PathBuf, bytes: u64 },
    #[error(
        "{path} breaks off part way and a copy of it could not be kept ({reason}), so pyroadmap does not write over it"
    )]
    CopyNotKept { path: PathBuf, reason: String },
}

impl StoreError {
    /// Whether the file is simply not there (a first start, a new folder).
    pub fn is_not_found(&self) -> bool {
        matches!(self, Self::Read { source, .. } if source.kind() == std::io::ErrorKind::NotFound)
    }
}

/// Something the learner should be told about their file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreNotice {
    /// Nothing in the file could be read; it was kept under a new name.
    MovedAside { broken: PathBuf, reason: String },
    /// The file exists but could not be read (permissions, I/O).
    Unreadable { reason: String },
    /// Some values could not be read; each problem says what became of it.
    /// `copy` holds the whole original when some of it is not kept in the
    /// file (a duplicate key's earlier value, bytes that were not UTF-8).
    PartlyUnreadable {
        problems: Vec<String>,
        copy: Option<PathBuf>,
    },
    /// The file broke off part way: what came before was loaded, and the
    /// whole original was copied to `copy`.
    Salvaged { copy: PathBuf, reason: String },
    /// The learner replaced values this build could not read (named in
    /// `values`); the file as it was, old values included, was copied to
    /// `copy` before the save.
    ReplacedUnreadable { copy: PathBuf, values: Vec<String> },
    /// A newer pyroadmap wrote the file: it is shown but never rewritten.
    NewerVersion { version: u32 },
    /// Conflict copies a sync tool left were merged in and moved to `merged/`.
    ConflictCopiesMerged { files: Vec<PathBuf> },
    /// The save went ahead without the lock that keeps windows in turn.
    LockUnavailable { reason: String },
    /// A conflict copy could not be read (not a regular file, too large,
    /// not a progress file): it was left where it is, untouched.
    ConflictCopySkipped { path: PathBuf, reason: String },
    /// The save is done, but the day's backup of the file before it could
    /// not be written (a full disk, a read-only `backups/`).
    BackupFailed { reason: String },
}
