//! The lock that keeps windows saving the file in turn.

use std::fs;
use std::time::{Duration, Instant};

use super::files::file_kind;
use super::{Store, StoreNotice};

/// The lock file's name inside the data dir.
pub(super) const LOCK_NAME: &str = "progress.lock";
/// How long a save waits for another window's lock before going ahead.
const LOCK_TIMEOUT: Duration = Duration::from_secs(3);

impl Store {
    /// Takes the lock that keeps windows saving in turn, waiting at most
    /// `LOCK_TIMEOUT`. Without it the save still happens (atomically), and
    /// the learner is told.
    pub(super) fn lock(&self, notices: &mut Vec<StoreNotice>) -> Option<fs::File> {
        let lock_path = self.dir.join(LOCK_NAME);
        // Opening a FIFO to write waits for a reader: never try.
        if let Ok(meta) = fs::metadata(&lock_path)
            && !meta.is_file()
        {
            notices.push(StoreNotice::LockUnavailable {
                reason: format!(
                    "{} is {}, not a regular file",
                    lock_path.display(),
                    file_kind(&meta)
                ),
            });
            return None;
        }
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
}
