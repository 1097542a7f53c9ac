//! The learner's own edits to a topic and to the settings: status,
//! bookmark, note, quiz answers and where they are reading. Each one is
//! saved (`mark_dirty`) and counted in today's activity where it counts.

use super::PyroadmapApp;
use crate::study::{Settings, Status};
use std::sync::Arc;

impl PyroadmapApp {
    /// The settings as the learner changed them.
    pub(super) fn change_settings(&mut self, settings: Settings, now: u64) {
        Arc::make_mut(&mut self.progress).set_settings(settings, now);
        self.mark_dirty(now);
    }

    /// A topic's status; marking it Done counts in today's activity.
    pub(super) fn set_status(&mut self, topic: &str, status: Status, now: u64) {
        if status == Status::Done && self.progress.status(topic) != Status::Done {
            self.count_activity(|d| d.done += 1);
        }
        Arc::make_mut(&mut self.progress).update_topic(topic, now, |r| r.status = status);
        self.mark_dirty(now);
    }

    /// Bookmarks a topic, or takes its bookmark off.
    pub(super) fn toggle_bookmark(&mut self, topic: &str, now: u64) {
        Arc::make_mut(&mut self.progress)
            .update_topic(topic, now, |r| r.bookmarked = !r.bookmarked);
        self.mark_dirty(now);
    }

    /// A topic's note as typed; search finds it at once.
    pub(super) fn edit_note(&mut self, topic: &str, text: String, now: u64) {
        if let Some(index) = &mut self.ui.search {
            index.set_note(topic, &text);
        }
        if !text.trim().is_empty() {
            self.engage(topic, now);
        }
        Arc::make_mut(&mut self.progress).update_topic(topic, now, |r| r.note = text);
        self.mark_dirty(now);
    }

    /// A quiz question answered in a lesson.
    pub(super) fn answer_quiz(&mut self, topic: &str, question: String, choice: usize, now: u64) {
        Arc::make_mut(&mut self.progress).update_topic(topic, now, |r| {
            r.quiz.insert(question, choice);
        });
        self.count_activity(|d| d.answered += 1);
        self.engage(topic, now);
        self.mark_dirty(now);
    }

    /// Where in a topic the learner is reading: a top-level block (one past
    /// the last: the Practice part) and how far below its top, in points.
    pub(super) fn read_at(&mut self, topic: &str, (block, offset_pt): (u32, i32), now: u64) {
        Arc::make_mut(&mut self.progress).update_topic(topic, now, |r| {
            r.position = block;
            r.position_offset_pt = offset_pt;
        });
        self.mark_dirty(now);
    }

    /// Try again: clears a topic's quiz answers.
    pub(super) fn retry_quiz(&mut self, topic: &str, now: u64) {
        Arc::make_mut(&mut self.progress).update_topic(topic, now, |r| r.quiz.clear());
        self.mark_dirty(now);
    }
}
