//! Today's review session, as the learner works through it: the cards left,
//! the card on screen, and how to take a grade back; and the summary Home
//! and the sidebar show. The app owns both and updates them; the Review
//! page only reads them.

use super::{Card, CardRef, Day, Grade, Queue, grade};
use crate::study::Progress;

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

impl ReviewSession {
    /// A session of `queue`'s cards for the local day `day`.
    pub fn new(day: String, queue: &Queue) -> Self {
        Self {
            day,
            next_due_ms: queue.next_due_ms,
            cards: queue.in_order().cloned().collect(),
            ..Self::default()
        }
    }

    /// Whether a grade can be taken back.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Grades the card on screen in `progress` and counts it in the day
    /// `today`'s activity. A grade that `stays_on_screen` (Again from a
    /// wrong pick) keeps the card there until Next; otherwise the caller
    /// moves on with `next_card`. Returns whether a card was graded.
    pub fn grade(
        &mut self,
        progress: &mut Progress,
        grade_given: Grade,
        now_ms: u64,
        today: String,
        stays_on_screen: bool,
    ) -> bool {
        let Some(card) = self.cards.first().cloned() else {
            return false;
        };
        if self.is_graded {
            return false;
        }
        let before = progress.cards.get(&card.id).cloned();
        let graded = grade(
            before.as_ref(),
            grade_given,
            now_ms,
            progress.settings.desired_retention,
        );
        progress.cards.insert(card.id.clone(), graded);
        let day_before = progress.activity.get(&today).copied().unwrap_or_default();
        let counts = progress.activity.entry(today.clone()).or_default();
        counts.reviewed += 1;
        counts.recalled += u32::from(grade_given != Grade::Again);
        self.undo.push(Undo {
            card,
            before,
            day: today,
            day_before,
            was_on_screen: stays_on_screen,
        });
        self.graded += 1;
        if stays_on_screen {
            self.is_graded = true;
        }
        true
    }

    /// Moves on to the next card. Returns the card that was on screen.
    pub fn next_card(&mut self) -> Option<CardRef> {
        let done = (!self.cards.is_empty()).then(|| self.cards.remove(0));
        self.clear_card_state();
        done
    }

    /// Takes the last grade back: the card's schedule and the day's counts
    /// in `progress` are as they were, and the card is on screen again.
    /// Returns whether there was a grade to take back.
    pub fn undo(&mut self, progress: &mut Progress) -> bool {
        let Some(undo) = self.undo.pop() else {
            return false;
        };
        match undo.before {
            Some(card) => progress.cards.insert(undo.card.id.clone(), card),
            None => progress.cards.remove(&undo.card.id),
        };
        progress.activity.insert(undo.day, undo.day_before);
        self.graded = self.graded.saturating_sub(1);
        let is_on_screen = self.cards.first() == Some(&undo.card);
        if !(undo.was_on_screen && is_on_screen) {
            self.cards.insert(0, undo.card);
        }
        self.clear_card_state();
        true
    }

    /// Forgets the pick, the grade and the draft of the card on screen.
    fn clear_card_state(&mut self) {
        self.picked = None;
        self.is_graded = false;
        self.draft = None;
    }
}
