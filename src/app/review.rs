//! The Review session (today's due cards, one at a time, with Undo; the
//! session itself is `study::review::ReviewSession`) and the activity log's
//! counting, applied to the learner's data.

use super::PyroadmapApp;
use crate::action::RunTarget;
use crate::study::review::{self, CardKind, CardRef, Day, Grade, ReviewSession, ReviewSummary};
use std::sync::Arc;

impl PyroadmapApp {
    /// Today's local day, as the activity log keys it.
    pub(super) fn today_key(&self) -> String {
        let zone = self.clock.time_zone();
        review::day_key(review::local_day(self.clock.now_ms(), &zone))
    }

    /// Adds to today's activity.
    pub(super) fn count_activity(&mut self, add: impl FnOnce(&mut Day)) {
        let key = self.today_key();
        add(Arc::make_mut(&mut self.progress)
            .activity
            .entry(key)
            .or_default());
        self.data_version += 1;
    }

    /// Builds today's session from scratch.
    pub(super) fn start_review(&mut self) {
        let zone = self.clock.time_zone();
        let queue = review::queue(
            &self.course,
            &self.progress,
            self.clock.now_ms(),
            &zone,
            self.progress.settings.new_cards_per_day,
        );
        self.review = ReviewSession::new(self.today_key(), &queue);
    }

    /// Grades the card on screen; Again from a wrong pick keeps it on screen
    /// until Next.
    pub(super) fn grade_card(&mut self, grade: Grade, stays_on_screen: bool) {
        let now = self.clock.now_ms();
        let today = self.today_key();
        if !self.review.grade(
            Arc::make_mut(&mut self.progress),
            grade,
            now,
            today,
            stays_on_screen,
        ) {
            return;
        }
        if !stays_on_screen {
            self.next_card();
        }
        self.mark_dirty(now);
    }

    /// Moves on to the next card.
    pub(super) fn next_card(&mut self) {
        if let Some(done) = self.review.next_card() {
            self.stop_review_run(&done);
        }
    }

    /// Takes the last grade back: the card's schedule and the day's counts
    /// are as they were, and the card is on screen again.
    pub(super) fn undo_grade(&mut self) {
        if self.review.undo(Arc::make_mut(&mut self.progress)) {
            self.data_version += 1;
            self.mark_dirty(self.clock.now_ms());
        }
    }

    /// The learner's code on the exercise card on screen.
    pub(super) fn set_review_draft(&mut self, code: String) {
        self.review.draft = Some(code);
    }

    /// A choice picked on the quiz card: a wrong one is graded Again at once.
    pub(super) fn pick_review_choice(&mut self, choice: usize) {
        let Some(card) = self.review.cards.first() else {
            return;
        };
        if self.review.picked.is_some() {
            return;
        }
        let CardKind::Quiz(question) = &card.kind else {
            return;
        };
        let answer = self
            .course
            .topic(&card.topic)
            .and_then(|t| {
                t.doc().blocks.iter().find_map(|b| match b {
                    crate::course::Block::Quiz(questions) => {
                        questions.iter().find(|q| &q.id == question)
                    }
                    _ => None,
                })
            })
            .map(|q| q.answer);
        self.review.picked = Some(choice);
        if answer != Some(choice) {
            self.grade_card(Grade::Again, true);
        }
    }

    fn stop_review_run(&mut self, card: &CardRef) {
        if let CardKind::Exercise(exercise) = &card.kind {
            self.stop_run(&RunTarget::Review {
                topic: card.topic.clone(),
                exercise: exercise.clone(),
            });
        }
    }

    /// What Home and the sidebar show, from the cache when nothing changed.
    pub(super) fn review_summary(&mut self) -> ReviewSummary {
        let zone = self.clock.time_zone();
        let now = self.clock.now_ms();
        let today = review::local_day(now, &zone);
        let key = (self.data_version, review::day_key(today));
        if let Some((cached_key, summary)) = &self.summary_cache
            && *cached_key == key
        {
            return *summary;
        }
        let queue = review::queue(
            &self.course,
            &self.progress,
            now,
            &zone,
            self.progress.settings.new_cards_per_day,
        );
        let summary = ReviewSummary {
            due_today: queue.len(),
            streak: review::streaks(&self.progress.activity, today).0,
        };
        self.summary_cache = Some((key, summary));
        summary
    }
}
