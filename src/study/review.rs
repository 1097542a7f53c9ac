//! Spaced review: each quiz question the learner answered (or every question
//! of a topic marked Done) and each exercise they solved is a card, scheduled
//! with FSRS (the `rs-fsrs` crate: the algorithm Anki uses, small and with no
//! machine-learning dependencies). Also the activity log, counted per local
//! calendar day, that the streak and the calendar are drawn from.

use std::collections::BTreeMap;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::{Deserialize, Serialize};

use super::{Progress, Status};
use crate::course::Course;

mod forecast;
mod session;
pub use forecast::{FORECAST_DAYS, due_per_day};
pub use session::{ReviewSession, ReviewSummary};

/// A card's schedule and history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Card {
    /// When it is next due, in ms since the Unix epoch.
    pub due_ms: u64,
    /// FSRS memory state.
    pub stability: f64,
    pub difficulty: f64,
    /// The interval it was last given, in days.
    pub scheduled_days: u32,
    pub reps: u32,
    pub lapses: u32,
    /// FSRS state: 0 new, 1 learning, 2 review, 3 relearning.
    pub state: u8,
    pub last_review_ms: u64,
    /// Every grade given: (when, 1 Again, 2 Hard, 3 Good, 4 Easy).
    pub log: Vec<(u64, u8)>,
}

impl Card {
    /// Starts a card whose schedule is not a number (NaN or infinite, from a
    /// damaged file) again as a new card, keeping its grades: FSRS would
    /// give it no interval, so it would be due at every review. Says
    /// whether it did.
    pub fn repair(&mut self) -> bool {
        let is_sane = |v: f64| v.is_finite() && v >= 0.0;
        if is_sane(self.stability) && is_sane(self.difficulty) {
            return false;
        }
        *self = Self {
            due_ms: self.due_ms,
            last_review_ms: self.last_review_ms,
            log: std::mem::take(&mut self.log),
            ..Self::default()
        };
        true
    }
}

/// How well the learner remembered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::EnumIter)]
pub enum Grade {
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}

impl Grade {
    /// The name on its button.
    pub fn label(self) -> &'static str {
        match self {
            Self::Again => "Again",
            Self::Hard => "Hard",
            Self::Good => "Good",
            Self::Easy => "Easy",
        }
    }

    fn rating(self) -> rs_fsrs::Rating {
        match self {
            Self::Again => rs_fsrs::Rating::Again,
            Self::Hard => rs_fsrs::Rating::Hard,
            Self::Good => rs_fsrs::Rating::Good,
            Self::Easy => rs_fsrs::Rating::Easy,
        }
    }
}

const DAY_MS: u64 = 86_400_000;

fn datetime(ms: u64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(i64::try_from(ms).unwrap_or(i64::MAX))
        .unwrap_or_default()
}

fn millis(at: chrono::DateTime<chrono::Utc>) -> u64 {
    u64::try_from(at.timestamp_millis()).unwrap_or(0)
}

fn scheduler(desired_retention: f32) -> rs_fsrs::FSRS {
    rs_fsrs::FSRS::new(rs_fsrs::Parameters {
        request_retention: f64::from(desired_retention.clamp(0.7, 0.99)),
        // Whole days: a quiz card is not shown again ten minutes later.
        enable_short_term: false,
        ..rs_fsrs::Parameters::default()
    })
}

fn fsrs_card(card: Option<&Card>, now_ms: u64) -> rs_fsrs::Card {
    let Some(card) = card else {
        return rs_fsrs::Card {
            due: datetime(now_ms),
            last_review: datetime(now_ms),
            ..rs_fsrs::Card::default()
        };
    };
    rs_fsrs::Card {
        due: datetime(card.due_ms),
        stability: card.stability,
        difficulty: card.difficulty,
        elapsed_days: 0,
        scheduled_days: i64::from(card.scheduled_days),
        reps: i32::try_from(card.reps).unwrap_or(i32::MAX),
        lapses: i32::try_from(card.lapses).unwrap_or(i32::MAX),
        state: match card.state {
            1 => rs_fsrs::State::Learning,
            2 => rs_fsrs::State::Review,
            3 => rs_fsrs::State::Relearning,
            _ => rs_fsrs::State::New,
        },
        last_review: datetime(card.last_review_ms),
    }
}

/// The card after a grade at `now_ms`, its log extended.
pub fn grade(card: Option<&Card>, grade: Grade, now_ms: u64, desired_retention: f32) -> Card {
    let next = scheduler(desired_retention)
        .next(fsrs_card(card, now_ms), datetime(now_ms), grade.rating())
        .card;
    let mut log = card.map(|c| c.log.clone()).unwrap_or_default();
    log.push((now_ms, grade as u8));
    Card {
        due_ms: millis(next.due),
        stability: next.stability,
        difficulty: next.difficulty,
        scheduled_days: u32::try_from(next.scheduled_days).unwrap_or(0),
        reps: u32::try_from(next.reps).unwrap_or(0),
        lapses: u32::try_from(next.lapses).unwrap_or(0),
        state: next.state as u8,
        last_review_ms: now_ms,
        log,
    }
}

/// How many days each grade would give the card now.
pub fn intervals(card: Option<&Card>, now_ms: u64, desired_retention: f32) -> [u32; 4] {
    let mut days = [0; 4];
    for (slot, g) in days
        .iter_mut()
        .zip([Grade::Again, Grade::Hard, Grade::Good, Grade::Easy])
    {
        let next = grade(card, g, now_ms, desired_retention);
        *slot = u32::try_from(next.due_ms.saturating_sub(now_ms).div_ceil(DAY_MS)).unwrap_or(0);
    }
    days
}

/// "1 day", "3 days", "2 months".
pub fn interval_text(days: u32) -> String {
    match days {
        0 => "today".into(),
        1 => "1 day".into(),
        2..=44 => format!("{days} days"),
        45..=364 => format!("{} months", (days + 15) / 30),
        _ => format!("{:.1} years", f64::from(days) / 365.0),
    }
}

/// What a card asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CardKind {
    /// A quiz question, by id.
    Quiz(String),
    /// An exercise, by id: solve it again from the starter.
    Exercise(String),
}

/// A card the learner has earned, whether reviewed yet or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CardRef {
    pub id: String,
    pub topic: String,
    pub kind: CardKind,
    /// When it became a card (answered, Done or solved), in ms.
    pub since_ms: u64,
}

/// A card's id: `quiz/<topic>/<question>` or `exercise/<topic>/<exercise>`.
pub fn card_id(topic: &str, kind: &CardKind) -> String {
    match kind {
        CardKind::Quiz(question) => format!("quiz/{topic}/{question}"),
        CardKind::Exercise(exercise) => format!("exercise/{topic}/{exercise}"),
    }
}

/// Every card the learner has earned, in course order.
pub fn cards(course: &Course, progress: &Progress) -> Vec<CardRef> {
    let mut cards = Vec::new();
    for topic in course.topics() {
        let Some(record) = progress.topics.get(&topic.id) else {
            continue;
        };
        let is_done = record.status == Status::Done;
        // From the ids the course lists: no lesson is parsed to count cards.
        for question in &topic.quiz_ids {
            let answered = record
                .quiz
                .contains_key(question)
                .then(|| record.quiz_ms.get(question).copied().unwrap_or(0));
            let since = answered.or(is_done.then_some(record.status_ms));
            if let Some(since_ms) = since {
                let kind = CardKind::Quiz(question.clone());
                cards.push(CardRef {
                    id: card_id(&topic.id, &kind),
                    topic: topic.id.clone(),
                    kind,
                    since_ms,
                });
            }
        }
        for exercise in &topic.exercises {
            if let Some(done) = record.exercises.get(&exercise.id).filter(|e| e.is_solved()) {
                let kind = CardKind::Exercise(exercise.id.clone());
                cards.push(CardRef {
                    id: card_id(&topic.id, &kind),
                    topic: topic.id.clone(),
                    kind,
                    since_ms: done.solved_ms,
                });
            }
        }
    }
    cards
}

/// The learner's local calendar day of a moment.
pub fn local_day(ms: u64, zone: &TimeZone) -> Date {
    jiff::Timestamp::from_millisecond(i64::try_from(ms).unwrap_or(i64::MAX))
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned_datetime(zone.clone())
        .date()
}

/// `YYYY-MM-DD`, as the activity log keys days.
pub fn day_key(day: Date) -> String {
    day.to_string()
}

/// Today's review: cards due today first (most overdue first), then new
/// cards up to what is left of the day's limit, in course order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Queue {
    pub due: Vec<CardRef>,
    pub new: Vec<CardRef>,
    /// When the next card falls due after today's, if any.
    pub next_due_ms: Option<u64>,
}

impl Queue {
    /// How many cards today's session holds.
    pub fn len(&self) -> usize {
        self.due.len() + self.new.len()
    }

    /// Whether nothing is due today.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The cards in the order they are shown.
    pub fn in_order(&self) -> impl Iterator<Item = &CardRef> {
        self.due.iter().chain(&self.new)
    }
}

/// Builds today's queue. A card earned today waits until tomorrow: review
/// is for what the learner may have started to forget.
pub fn queue(
    course: &Course,
    progress: &Progress,
    now_ms: u64,
    zone: &TimeZone,
    new_per_day: u32,
) -> Queue {
    let today = local_day(now_ms, zone);
    let mut next_due_ms: Option<u64> = None;
    let mut soonest = |ms: u64| {
        let next = next_due_ms.get_or_insert(ms);
        *next = (*next).min(ms);
    };
    let mut introduced_today = 0_u32;
    let mut due = Vec::new();
    let mut new = Vec::new();
    for card in cards(course, progress) {
        match progress.cards.get(&card.id) {
            Some(state) => {
                if state
                    .log
                    .first()
                    .is_some_and(|(ms, _)| local_day(*ms, zone) == today)
                {
                    introduced_today += 1;
                }
                if local_day(state.due_ms, zone) <= today {
                    due.push((state.due_ms, card));
                } else {
                    soonest(state.due_ms);
                }
            }
            None if local_day(card.since_ms, zone) < today => new.push(card),
            None => {
                // Earned today: due from tomorrow's start.
                let tomorrow = today
                    .tomorrow()
                    .ok()
                    .and_then(|d| d.to_zoned_datetime(zone.clone()).ok())
                    .map_or(now_ms + DAY_MS, |z| {
                        u64::try_from(z.timestamp().as_millisecond()).unwrap_or(now_ms)
                    });
                soonest(tomorrow);
            }
        }
    }
    due.sort_by_key(|(ms, _)| *ms);
    let room = new_per_day.saturating_sub(introduced_today) as usize;
    if new.len() > room {
        // New cards beyond today's limit are there tomorrow.
        soonest(now_ms + DAY_MS);
    }
    new.truncate(room);
    Queue {
        due: due.into_iter().map(|(_, card)| card).collect(),
        new,
        next_due_ms,
    }
}

/// What the learner did on one local day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Day {
    /// Topics opened.
    pub opened: u32,
    /// Topics marked Done.
    pub done: u32,
    /// Quiz questions answered in lessons.
    pub answered: u32,
    /// Exercises solved.
    pub solved: u32,
    /// Review cards graded, and how many of them were remembered.
    pub reviewed: u32,
    pub recalled: u32,
}

impl Day {
    /// How much was studied: the calendar's colour.
    pub fn total(&self) -> u32 {
        self.opened + self.done + self.answered + self.solved + self.reviewed
    }

    /// The larger of each count (two windows counting the same day).
    pub fn max(self, other: Self) -> Self {
        Self {
            opened: self.opened.max(other.opened),
            done: self.done.max(other.done),
            answered: self.answered.max(other.answered),
            solved: self.solved.max(other.solved),
            reviewed: self.reviewed.max(other.reviewed),
            recalled: self.recalled.max(other.recalled),
        }
    }
}

/// The current streak (days in a row up to today, or up to yesterday when
/// today has nothing yet) and the longest one.
pub fn streaks(activity: &BTreeMap<String, Day>, today: Date) -> (u32, u32) {
    let studied: Vec<Date> = activity
        .iter()
        .filter(|(_, day)| day.total() > 0)
        .filter_map(|(key, _)| key.parse().ok())
        .collect();
    let mut longest = 0;
    let mut run = 0;
    let mut previous: Option<Date> = None;
    for &day in &studied {
        run = match previous {
            Some(p) if p.tomorrow().ok() == Some(day) => run + 1,
            _ => 1,
        };
        longest = longest.max(run);
        previous = Some(day);
    }
    let last = studied.last().copied();
    let yesterday = today.yesterday().ok();
    let current = if last == Some(today) || (last.is_some() && last == yesterday) {
        run
    } else {
        0
    };
    (current, longest)
}

#[cfg(test)]
mod tests;
