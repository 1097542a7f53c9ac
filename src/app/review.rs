//! The Review session (today's due cards, one at a time, with Undo) and the
//! activity log's counting, applied to the learner's data.

use super::PyroadmapApp;
use crate::action::RunTarget;
use crate::study::review::{self, Card, CardKind, CardRef, Day, Grade};

/// Today's review, as the learner works through it (not saved: the cards'
/// schedules are).
#[derive(Clone, Debug, Default)]
pub struct ReviewSession {
    /// The local day it was built for.
    pub day: String,
    /// Cards still to do; the first is on screen.
    pub cards: Vec<CardRef>,
    /// Cards graded this session.
    pub graded: usize,
    /// The choice picked on the quiz card on screen.
    pub picked: Option<usize>,
    /// The card on screen was graded Again already (a wrong pick) and waits
    /// for Next.
    pub is_graded: bool,
    /// The learner's code on the exercise card on screen (None: the starter).
    pub draft: Option<String>,
    /// When the next card is due after today's, if any.
    pub next_due_ms: Option<u64>,
    undo: Vec<Undo>,
}

impl ReviewSession {
    /// Whether a grade can be taken back.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
}

/// How to take a grade back.
#[derive(Clone, Debug)]
struct Undo {
    card: CardRef,
    before: Option<Card>,
    day: String,
    day_before: Day,
    /// The card stayed on screen (graded by a wrong pick).
    was_on_screen: bool,
}

/// What Home and the sidebar show about review, kept until the data or the
/// day changes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ReviewSummary {
    pub due_today: usize,
    pub streak: u32,
}

impl PyroadmapApp {
    /// Today's local day, as the activity log keys it.
    pub(super) fn today_key(&self) -> String {
        let zone = self.clock.time_zone();
        review::day_key(review::local_day(self.clock.now_ms(), &zone))
    }

    /// Adds to today's activity.
    pub(super) fn count_activity(&mut self, add: impl FnOnce(&mut Day)) {
        let key = self.today_key();
        add(self.progress.activity.entry(key).or_default());
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
        self.review = ReviewSession {
            day: self.today_key(),
            next_due_ms: queue.next_due_ms,
            cards: queue.in_order().cloned().collect(),
            ..ReviewSession::default()
        };
    }

    /// Grades the card on screen; Again from a wrong pick keeps it on screen
    /// until Next.
    pub(super) fn grade_card(&mut self, grade: Grade, stays_on_screen: bool) {
        let Some(card) = self.review.cards.first().cloned() else {
            return;
        };
        if self.review.is_graded {
            return;
        }
        let now = self.clock.now_ms();
        let before = self.progress.cards.get(&card.id).cloned();
        let graded = review::grade(
            before.as_ref(),
            grade,
            now,
            self.progress.settings.desired_retention,
        );
        self.progress.cards.insert(card.id.clone(), graded);
        let day = self.today_key();
        let day_before = self
            .progress
            .activity
            .get(&day)
            .copied()
            .unwrap_or_default();
        self.count_activity(|d| {
            d.reviewed += 1;
            d.recalled += u32::from(grade != Grade::Again);
        });
        self.review.undo.push(Undo {
            card,
            before,
            day,
            day_before,
            was_on_screen: stays_on_screen,
        });
        self.review.graded += 1;
        if stays_on_screen {
            self.review.is_graded = true;
        } else {
            self.next_card();
        }
        self.mark_dirty(now);
    }

    /// Moves on to the next card.
    pub(super) fn next_card(&mut self) {
        if !self.review.cards.is_empty() {
            let done = self.review.cards.remove(0);
            self.stop_review_run(&done);
        }
        self.review.picked = None;
        self.review.is_graded = false;
        self.review.draft = None;
    }

    /// Takes the last grade back: the card's schedule and the day's counts
    /// are as they were, and the card is on screen again.
    pub(super) fn undo_grade(&mut self) {
        let Some(undo) = self.review.undo.pop() else {
            return;
        };
        match undo.before {
            Some(card) => self.progress.cards.insert(undo.card.id.clone(), card),
            None => self.progress.cards.remove(&undo.card.id),
        };
        self.progress.activity.insert(undo.day, undo.day_before);
        self.review.graded = self.review.graded.saturating_sub(1);
        let is_on_screen = self.review.cards.first() == Some(&undo.card);
        if !(undo.was_on_screen && is_on_screen) {
            self.review.cards.insert(0, undo.card);
        }
        self.review.picked = None;
        self.review.is_graded = false;
        self.review.draft = None;
        self.data_version += 1;
        self.mark_dirty(self.clock.now_ms());
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
