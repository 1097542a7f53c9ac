//! The search index: built on a worker the first time search opens, taken
//! in when ready, and kept in step with the learner's notes.

use std::sync::Arc;

use super::{PyroadmapApp, saver};
use crate::ui::{Banner, BannerKind};

impl PyroadmapApp {
    /// Builds the search index on a worker thread, the first time search is
    /// opened; the app picks it up when ready.
    pub(super) fn start_search_build(&mut self, ctx: &egui::Context) {
        if self.is_search_started {
            return;
        }
        self.is_search_started = true;
        let (sender, receiver) = std::sync::mpsc::channel();
        let course = Arc::clone(&self.course);
        // The notes as they are now are indexed on the worker too; any typed
        // since are brought in step when the index arrives.
        let notes: Vec<(String, String)> = self
            .progress
            .topics
            .iter()
            .filter(|(_, record)| !record.note.is_empty())
            .map(|(id, record)| (id.clone(), record.note.clone()))
            .collect();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name("search index".into())
            .spawn(move || {
                let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    let mut index = crate::search::SearchIndex::build(&course);
                    for (id, note) in &notes {
                        index.set_note(id, note);
                    }
                    index
                }));
                let _ = sender.send(built.map_err(|p| saver::panic_message(p.as_ref())));
                repaint.request_repaint();
            });
        if spawned.is_ok() {
            self.search_build = Some(receiver);
        }
    }

    /// Takes in the built index, with every note, once it arrives.
    pub(super) fn receive_search_index(&mut self) {
        let Some(receiver) = &self.search_build else {
            return;
        };
        let error = match receiver.try_recv() {
            Ok(Ok(mut index)) => {
                for (id, record) in &self.progress.topics {
                    index.set_note(id, &record.note);
                }
                self.ui.search = Some(index);
                None
            }
            Ok(Err(panic)) => Some(panic),
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                Some("the indexing thread stopped".to_owned())
            }
        };
        self.search_build = None;
        if let Some(error) = error {
            self.ui.palette.unavailable = Some(error.clone());
            self.show_banner(Banner::new(
                BannerKind::Error,
                format!("Search could not be prepared ({error}). Everything else works; restart pyroadmap to try again."),
            ));
        }
    }

    /// Keeps the search index's notes in step after merges and imports.
    pub(super) fn resync_search_notes(&mut self) {
        if let Some(index) = &mut self.ui.search {
            for (id, record) in &self.progress.topics {
                index.set_note(id, &record.note);
            }
        }
    }
}
