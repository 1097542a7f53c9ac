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

#[cfg(test)]
mod tests {
    use super::super::{CardKind, card_id};
    use super::*;

    /// 2026-06-01 12:00 UTC.
    const NOON: u64 = 1_780_315_200_000;

    fn card(question: &str) -> CardRef {
        let kind = CardKind::Quiz(question.to_owned());
        CardRef {
            id: card_id("lists", &kind),
            topic: "lists".to_owned(),
            kind,
            since_ms: NOON - 86_400_000,
        }
    }

    fn session() -> ReviewSession {
        let queue = Queue {
            due: vec![card("a")],
            new: vec![card("b")],
            next_due_ms: Some(NOON + 86_400_000),
        };
        ReviewSession::new("2026-06-01".to_owned(), &queue)
    }

    #[test]
    fn a_wrong_pick_stays_on_screen_and_undo_puts_everything_back() {
        let mut progress = Progress::default();
        let mut session = session();
        assert_eq!(session.cards, [card("a"), card("b")], "due cards first");
        assert!(!session.can_undo());

        let today = "2026-06-01".to_owned();
        assert!(session.grade(&mut progress, Grade::Again, NOON, today.clone(), true));
        assert_eq!(
            session.cards[0],
            card("a"),
            "graded Again, it waits for Next"
        );
        assert!(session.is_graded);
        assert!(
            !session.grade(&mut progress, Grade::Good, NOON, today.clone(), false),
            "graded once only"
        );
        assert_eq!(progress.activity[&today].reviewed, 1);
        assert_eq!(progress.activity[&today].recalled, 0);
        assert!(progress.cards.contains_key(&card("a").id));

        assert!(session.undo(&mut progress));
        assert_eq!(
            session.cards,
            [card("a"), card("b")],
            "shown once, not twice"
        );
        assert!(!session.is_graded && session.graded == 0);
        assert!(!progress.cards.contains_key(&card("a").id));
        assert_eq!(progress.activity[&today], Day::default());
        assert!(!session.undo(&mut progress), "nothing left to take back");
    }

    #[test]
    fn next_moves_on_and_undo_brings_the_card_back() {
        let mut progress = Progress::default();
        let mut session = session();
        let today = "2026-06-01".to_owned();
        session.picked = Some(2);
        assert!(session.grade(&mut progress, Grade::Good, NOON, today, false));
        assert_eq!(session.next_card(), Some(card("a")));
        assert_eq!(session.cards, [card("b")]);
        assert_eq!(session.picked, None, "the next card starts unpicked");
        assert!(session.undo(&mut progress));
        assert_eq!(session.cards, [card("a"), card("b")]);
    }
}
