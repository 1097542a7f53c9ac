//! The work folder: where exercises and projects live as files the learner
//! edits in their own editor. Exercises are at
//! `<work>/<section>/<topic>/<exercise-id>.py`, projects at
//! `<work>/projects/<project-id>/`.

use std::path::{Path, PathBuf};

/// The folder's name inside Documents (or the home folder).
pub const FOLDER_NAME: &str = "pyroadmap";

/// The work folder used when the learner has not chosen one:
/// `pyroadmap` in Documents, or in the home folder where there is no
/// Documents folder. `None` when the system names neither.
pub fn default_work_folder() -> Option<PathBuf> {
    let dirs = directories::UserDirs::new()?;
    let base = dirs
        .document_dir()
        .map_or_else(|| dirs.home_dir().to_owned(), Path::to_owned);
    Some(base.join(FOLDER_NAME))
}

/// The file of one exercise.
pub fn exercise_file(work: &Path, section: &str, topic: &str, exercise_id: &str) -> PathBuf {
    work.join(section)
        .join(topic)
        .join(format!("{exercise_id}.py"))
}

/// The largest exercise file read from the work folder (1 MB): a larger
/// one is left as it is and the learner told.
pub const MAX_EXERCISE_FILE_BYTES: u64 = 1024 * 1024;

/// The text of an exercise file: None when there is none. Files on disk
/// are anyone's: only a regular file of at most `MAX_EXERCISE_FILE_BYTES`
/// in UTF-8 is read; anything else is an error in words.
pub fn read_exercise_file(path: &Path) -> Result<Option<String>, String> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(format!("{} could not be read: {error}", path.display())),
    };
    if !meta.is_file() {
        return Err(format!("{} is not a file", path.display()));
    }
    let file = std::fs::File::open(path)
        .map_err(|error| format!("{} could not be read: {error}", path.display()))?;
    let mut bytes = Vec::new();
    // Bounded even if the file grows while it is read.
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, MAX_EXERCISE_FILE_BYTES + 1),
        &mut bytes,
    )
    .map_err(|error| format!("{} could not be read: {error}", path.display()))?;
    if bytes.len() as u64 > MAX_EXERCISE_FILE_BYTES {
        return Err(format!(
            "{} is larger than 1 MB, so it was not read",
            path.display()
        ));
    }
    String::from_utf8(bytes).map(Some).map_err(|_| {
        format!(
            "{} is not UTF-8 text, so it was not read (save it as UTF-8 in your editor)",
            path.display()
        )
    })
}

/// Writes `text` to a new file at `path` (making its folders); an existing
/// file is never replaced. Returns whether the file was written.
pub fn write_new_file(path: &Path, text: &str) -> std::io::Result<bool> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => {
            std::io::Write::write_all(&mut file, text.as_bytes())?;
            file.sync_all()?;
            Ok(true)
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(error),
    }
}

/// Where a copy of `file` is kept beside it: `<name>.pyroadmap-<time>`,
/// the time local and safe in file names on every system
/// (`2026-12-07T19-30-05`), never an existing file.
pub fn backup_path(file: &Path, now_ms: u64, time_zone: &jiff::tz::TimeZone) -> PathBuf {
    let at = jiff::Timestamp::from_millisecond(i64::try_from(now_ms).unwrap_or(i64::MAX))
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned_datetime(time_zone.clone());
    let stamp = at.strftime("%Y-%m-%dT%H-%M-%S").to_string();
    let name = file
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut path = file.with_file_name(format!("{name}.pyroadmap-{stamp}"));
    let mut count = 2;
    while path.exists() {
        path = file.with_file_name(format!("{name}.pyroadmap-{stamp}-{count}"));
        count += 1;
    }
    path
}

/// The folder of one project.
pub fn project_dir(work: &Path, project_id: &str) -> PathBuf {
    work.join("projects").join(project_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercises_and_projects_have_their_own_places() {
        let work = Path::new("w");
        assert_eq!(
            exercise_file(work, "fundamentals", "operators", "01-add"),
            Path::new("w/fundamentals/operators/01-add.py")
        );
        assert_eq!(
            project_dir(work, "expense-tracker"),
            Path::new("w/projects/expense-tracker")
        );
    }

    #[test]
    fn an_existing_file_is_never_replaced() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("a/b/01-add.py");
        assert!(write_new_file(&file, "first\n").expect("written"));
        assert!(!write_new_file(&file, "second\n").expect("kept"));
        assert_eq!(read_exercise_file(&file), Ok(Some("first\n".to_owned())));
    }

    #[test]
    fn hostile_files_are_refused_in_words_and_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(read_exercise_file(&dir.path().join("none.py")), Ok(None));
        let big = dir.path().join("big.py");
        std::fs::write(&big, vec![b'#'; 1024 * 1024 + 1]).expect("write");
        let error = read_exercise_file(&big).expect_err("too large");
        assert!(error.contains("larger than 1 MB"), "{error}");
        assert_eq!(
            std::fs::metadata(&big).expect("kept").len(),
            1024 * 1024 + 1
        );
        let latin = dir.path().join("latin.py");
        std::fs::write(&latin, b"s = '\xe9'\n").expect("write");
        let error = read_exercise_file(&latin).expect_err("not UTF-8");
        assert!(error.contains("not UTF-8"), "{error}");
        let error = read_exercise_file(dir.path()).expect_err("a folder");
        assert!(error.contains("not a file"), "{error}");
    }

    #[test]
    fn backups_are_named_by_local_time_and_never_replace_one() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("01-add.py");
        // 2026-12-07 19:30:05 UTC.
        let at = 1_796_671_805_000;
        let first = backup_path(&file, at, &jiff::tz::TimeZone::UTC);
        assert_eq!(
            first.file_name().and_then(|n| n.to_str()),
            Some("01-add.py.pyroadmap-2026-12-07T19-30-05")
        );
        std::fs::write(&first, "x").expect("write");
        let second = backup_path(&file, at, &jiff::tz::TimeZone::UTC);
        assert_ne!(first, second);
    }
}
