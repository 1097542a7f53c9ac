//! Watching the work folder, so a save in the learner's own editor is
//! checked: `notify` on the folder (recursive), its events gathered on a
//! thread of their own until the folder has been quiet for `DEBOUNCE`, then
//! handed to the app as one batch, with a call to wake it (the app is woken
//! only when something changed). Which exercise or project a changed path
//! belongs to is read from the folder's layout against the course.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

use crate::course::Course;

/// How long the folder must be quiet before its changes are handed over
/// (an editor's save is often several events).
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// The longest changes wait while the folder never goes quiet.
const MAX_WAIT: Duration = Duration::from_secs(1);

/// What a file in the work folder belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WatchedItem {
    /// `<work>/<section>/<topic>/<exercise-id>.py`.
    Exercise { topic: String, exercise: String },
    /// Anything under `<work>/projects/<project-id>/`.
    Project(String),
}

/// What `path` (a changed file) belongs to, by the layout of the work
/// folder `work`; None for anything else (editors' swap files, backups
/// such as `<id>.py.pyroadmap-<time>`, other folders).
pub fn item_at(course: &Course, work: &Path, path: &Path) -> Option<WatchedItem> {
    let relative = path.strip_prefix(work).ok()?;
    let parts: Vec<&str> = relative
        .components()
        .map(|c| c.as_os_str().to_str())
        .collect::<Option<_>>()?;
    match parts.as_slice() {
        ["projects", project, rest @ ..]
            if !project.starts_with('.')
                && course.project(project).is_some()
                && is_project_source(rest) =>
        {
            Some(WatchedItem::Project((*project).to_owned()))
        }
        [section, topic_id, file] => {
            let exercise = file.strip_suffix(".py")?;
            let topic = course.topic(topic_id)?;
            let is_in_section = course
                .sections
                .get(topic.section_index)
                .is_some_and(|s| s.id == *section);
            (is_in_section && topic.exercises.iter().any(|e| e.id == exercise)).then(|| {
                WatchedItem::Exercise {
                    topic: topic.id.clone(),
                    exercise: exercise.to_owned(),
                }
            })
        }
        _ => None,
    }
}

/// Whether a changed file inside a project folder is one the learner edits:
/// not in a hidden folder, a cache or a virtual environment, and not an
/// editor's swap or backup file nor compiled Python.
fn is_project_source(parts: &[&str]) -> bool {
    let Some((file, folders)) = parts.split_last() else {
        return false;
    };
    let is_skipped_folder = |name: &&str| {
        name.starts_with('.') || matches!(*name, "__pycache__" | "venv" | "env" | "node_modules")
    };
    !folders.iter().any(is_skipped_folder)
        && !file.starts_with('.')
        && !file.starts_with('#')
        && !file.ends_with('~')
        && ![".pyc", ".swp", ".swx", ".tmp", ".bak"]
            .iter()
            .any(|suffix| file.ends_with(suffix))
}

/// A watch on the work folder. Dropping it stops the watch and its thread.
pub struct FolderWatch {
    folder: PathBuf,
    /// The folder as the system names it (macOS reports paths under
    /// `/private/var` for `/var`).
    canonical: PathBuf,
    _watcher: notify::RecommendedWatcher,
    batches: Receiver<Vec<PathBuf>>,
}

impl FolderWatch {
    /// Watches `folder` and everything in it. `on_change` is called (on the
    /// watch's thread) when a batch of changes is ready. Fails when the
    /// system cannot watch it (some network drives, inotify limits), saying
    /// why.
    pub fn start(folder: &Path, on_change: impl Fn() + Send + 'static) -> Result<Self, String> {
        let (event_sender, events) = channel::<notify::Result<notify::Event>>();
        let mut watcher = notify::recommended_watcher(event_sender).map_err(|e| e.to_string())?;
        watcher
            .watch(folder, RecursiveMode::Recursive)
            .map_err(|e| e.to_string())?;
        let (batch_sender, batches) = channel();
        std::thread::Builder::new()
            .name("watch work folder".into())
            .spawn(move || {
                while let Some(batch) = next_batch(&events) {
                    if batch_sender.send(batch).is_err() {
                        return;
                    }
                    on_change();
                }
            })
            .map_err(|e| e.to_string())?;
        Ok(Self {
            folder: folder.to_owned(),
            canonical: folder.canonicalize().unwrap_or_else(|_| folder.to_owned()),
            _watcher: watcher,
            batches,
        })
    }

    /// The files changed since the last call, named under the folder as it
    /// was given (whatever the system reported).
    pub fn changed(&self) -> Vec<PathBuf> {
        let mut changed = BTreeSet::new();
        for batch in self.batches.try_iter() {
            for path in batch {
                let path = match path.strip_prefix(&self.canonical) {
                    Ok(relative) if !path.starts_with(&self.folder) => self.folder.join(relative),
                    _ => path,
                };
                changed.insert(path);
            }
        }
        changed.into_iter().collect()
    }
}

/// Waits for a change, then gathers changes until the folder has been
/// quiet for `DEBOUNCE` (or `MAX_WAIT` passed). None when the watch ended.
fn next_batch(events: &Receiver<notify::Result<notify::Event>>) -> Option<Vec<PathBuf>> {
    let mut paths = BTreeSet::new();
    let mut started = None::<Instant>;
    loop {
        let event = match started {
            None => events.recv().ok()?,
            Some(at) if at.elapsed() >= MAX_WAIT => break,
            Some(_) => match events.recv_timeout(DEBOUNCE) {
                Ok(event) => event,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            },
        };
        // Reading a file (as the app does after a change) is no change.
        if let Ok(event) = event
            && !matches!(event.kind, EventKind::Access(_))
        {
            paths.extend(event.paths);
            started.get_or_insert_with(Instant::now);
        }
    }
    Some(paths.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_layouts_files_belong_to_an_item() {
        let course = crate::course::open(&crate::course::PackSource::Embedded)
            .expect("the built-in course loads")
            .course;
        let topic = course
            .topics()
            .find(|t| !t.exercises.is_empty())
            .expect("a topic with exercises");
        let section = &course.sections[topic.section_index].id;
        let exercise = &topic.exercises[0].id;
        let work = Path::new("/w");
        let file = work
            .join(section)
            .join(&topic.id)
            .join(format!("{exercise}.py"));
        assert_eq!(
            item_at(&course, work, &file),
            Some(WatchedItem::Exercise {
                topic: topic.id.clone(),
                exercise: exercise.clone()
            })
        );
        for other in [
            format!("{exercise}.py.pyroadmap-2026-12-07T19-30-05"),
            format!(".{exercise}.py.swp"),
            format!("{exercise}.py~"),
            "no-such-exercise.py".to_owned(),
        ] {
            let path = work.join(section).join(&topic.id).join(&other);
            assert_eq!(item_at(&course, work, &path), None, "{other}");
        }
        assert_eq!(
            item_at(
                &course,
                work,
                &work
                    .join("other-section")
                    .join(&topic.id)
                    .join(format!("{exercise}.py"))
            ),
            None,
            "the topic is in its own section's folder"
        );
        assert_eq!(
            item_at(
                &course,
                work,
                &work.join("projects/expense-tracker/lib/storage.py")
            ),
            Some(WatchedItem::Project("expense-tracker".into()))
        );
        for other in [
            "projects/expense-tracker/__pycache__/storage.cpython-311.pyc",
            "projects/expense-tracker/.storage.py.swp",
            "projects/expense-tracker/.venv/lib/site.py",
            "projects/expense-tracker/storage.py~",
            "projects/no-such-project/main.py",
        ] {
            assert_eq!(item_at(&course, work, &work.join(other)), None, "{other}");
        }
        assert_eq!(item_at(&course, work, Path::new("/elsewhere/a.py")), None);
    }

    #[test]
    fn a_burst_of_writes_arrives_as_one_batch() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (woken, wakes) = channel();
        let watch = FolderWatch::start(dir.path(), move || {
            let _ = woken.send(());
        })
        .expect("the temp dir can be watched");
        let file = dir.path().join("a.py");
        for index in 0..20 {
            std::fs::write(&file, format!("x = {index}\n")).expect("write");
        }
        wakes
            .recv_timeout(Duration::from_secs(20))
            .expect("woken after the writes");
        assert!(watch.changed().contains(&file));
        // Any second batch comes from a write the first one raced with.
        std::thread::sleep(DEBOUNCE * 3);
        assert!(wakes.try_iter().count() <= 1);
    }
}
