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
}
