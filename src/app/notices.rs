//! What the store reports about the learner's file, said in banners.

use crate::study::store::StoreNotice;
use crate::ui::{Banner, BannerKind};

/// The banner for one thing the store reports.
pub fn notice_banner(notice: StoreNotice) -> Banner {
    match notice {
        StoreNotice::MovedAside { broken, reason } => Banner::new(
            BannerKind::Warning,
            format!(
                "Your progress file could not be read at all, so pyroadmap started fresh. The old file is kept at {} ({reason}). File menu > Restore from backup… brings back an earlier copy.",
                broken.display()
            ),
        ),
        StoreNotice::Unreadable { reason } => Banner::new(
            BannerKind::Error,
            format!(
                "Your progress file could not be read and was left untouched: {reason}. Changes are kept while pyroadmap is open; File menu > Restore from backup… brings back an earlier copy."
            ),
        ),
        StoreNotice::PartlyUnreadable { problems, copy } => {
            let shown: Vec<&str> = problems.iter().take(3).map(String::as_str).collect();
            let more = problems.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(" (and {more} more)")
            } else {
                String::new()
            };
            let copy = copy.map_or(String::new(), |copy| {
                format!(" The file as it was is kept at {}.", copy.display())
            });
            Banner::new(
                BannerKind::Warning,
                format!(
                    "Some of your progress file could not be read by this version; everything else loaded: {}{more}.{copy}",
                    shown.join("; ")
                ),
            )
        }
        StoreNotice::ReplacedUnreadable { copy, values } => {
            let shown: Vec<&str> = values.iter().take(3).map(String::as_str).collect();
            let more = values.len().saturating_sub(shown.len());
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            Banner::new(
                BannerKind::Info,
                format!(
                    "You replaced what this version could not read ({}{more}); your values are saved, and the file as it was is kept at {}.",
                    shown.join(", "),
                    copy.display()
                ),
            )
        }
        StoreNotice::Salvaged { copy, reason } => Banner::new(
            BannerKind::Warning,
            format!(
                "Your progress file breaks off part way ({reason}). Everything before the break was loaded; the whole original is kept at {}. File menu > Restore from backup… brings back an earlier copy.",
                copy.display()
            ),
        ),
        StoreNotice::NewerVersion { version } => Banner::new(
            BannerKind::Warning,
            format!(
                "Your progress file was written by a newer pyroadmap; update to edit. Until then it is shown read-only and never rewritten (file format {version}); changes you make now can be kept with \"Save a copy as…\"."
            ),
        ),
        StoreNotice::ConflictCopiesMerged { files } => {
            let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
            Banner::new(
                BannerKind::Info,
                format!(
                    "Merged {} copy(ies) of your progress that a sync tool left beside it; they were moved to {}.",
                    files.len(),
                    names.join(", ")
                ),
            )
        }
        StoreNotice::ConflictCopySkipped { path, reason } => Banner::new(
            BannerKind::Warning,
            format!(
                "A copy of your progress that a sync tool may have left, {}, was not merged and was left where it is: {reason}.",
                path.display()
            ),
        ),
        StoreNotice::BackupFailed { reason } => Banner::new(
            BannerKind::Warning,
            format!(
                "Your progress is saved, but today's backup of it could not be written ({reason}). Earlier backups are kept; pyroadmap tries again at the next save."
            ),
        ),
        StoreNotice::LockUnavailable { reason } => Banner::new(
            BannerKind::Warning,
            format!(
                "Saved without locking the file ({reason}). The save itself is safe; another pyroadmap window saving at the same moment might have to merge again."
            ),
        ),
    }
}
