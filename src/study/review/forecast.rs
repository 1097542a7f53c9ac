//! How many cards fall due on each of the coming days, counted the way the
//! review queue counts them, so Stats and Review never disagree about when
//! the next card comes.

use jiff::tz::TimeZone;

use super::{cards, local_day};
use crate::course::Course;
use crate::study::Progress;

/// Days ahead a forecast covers.
pub const FORECAST_DAYS: usize = 30;

/// Cards due on each of the next [`FORECAST_DAYS`] days (today first, with
/// the overdue ones):
/// - a reviewed card on the day it is due;
/// - a card earned before today and not yet reviewed, on the first day the
///   daily limit of new cards (`new_per_day`) leaves room for it, as the
///   queue introduces them;
/// - a card earned today, from tomorrow on, in the same way.
pub fn due_per_day(
    course: &Course,
    progress: &Progress,
    now_ms: u64,
    zone: &TimeZone,
    new_per_day: u32,
) -> [u32; FORECAST_DAYS] {
    let today = local_day(now_ms, zone);
    let mut due = [0_u32; FORECAST_DAYS];
    let (mut waiting_today, mut earned_today, mut introduced_today) = (0_u32, 0_u32, 0_u32);
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
                let ahead = local_day(state.due_ms, zone)
                    .since(today)
                    .map_or(0, |span| span.get_days())
                    .max(0);
                if let Some(slot) = usize::try_from(ahead).ok().and_then(|a| due.get_mut(a)) {
                    *slot += 1;
                }
            }
            None if local_day(card.since_ms, zone) < today => waiting_today += 1,
            None => earned_today += 1,
        }
    }
    // New cards join the queue a day's limit at a time.
    let mut waiting = waiting_today;
    for (day, slot) in due.iter_mut().enumerate() {
        if day == 1 {
            waiting += earned_today;
        }
        let room = if day == 0 {
            new_per_day.saturating_sub(introduced_today)
        } else {
            new_per_day
        };
        let introduced = waiting.min(room);
        *slot += introduced;
        waiting -= introduced;
    }
    due
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::study::review::queue;
    use crate::study::{Status, TopicRecord};

    const NOON: u64 = 1_765_000_000_000 - 1_765_000_000_000 % 86_400_000 + 43_200_000;
    const DAY: u64 = 86_400_000;

    /// A topic marked Done at `ms`: each of its quiz questions is a card.
    fn done_at(course: &Course, progress: &mut Progress, ms: u64) -> usize {
        let topic = course
            .topics()
            .find(|t| !t.quiz_ids.is_empty())
            .expect("a topic with a quiz");
        progress.topics.insert(
            topic.id.clone(),
            TopicRecord {
                status: Status::Done,
                status_ms: ms,
                ..TopicRecord::default()
            },
        );
        topic.quiz_ids.len()
    }

    #[test]
    fn cards_earned_today_are_due_tomorrow_as_review_says() {
        let course = crate::course::load_embedded().course;
        let utc = TimeZone::UTC;
        let mut progress = Progress::default();
        let count = done_at(&course, &mut progress, NOON);
        let today = queue(&course, &progress, NOON, &utc, 20);
        assert!(today.is_empty(), "nothing is due on the day it was earned");
        assert!(
            today
                .next_due_ms
                .is_some_and(|ms| ms > NOON && ms <= NOON + DAY)
        );
        let forecast = due_per_day(&course, &progress, NOON, &utc, 20);
        assert_eq!(forecast[0], 0);
        assert_eq!(forecast[1] as usize, count.min(20));
        assert_eq!(forecast.iter().sum::<u32>() as usize, count);
    }

    #[test]
    fn waiting_new_cards_come_a_days_limit_at_a_time() {
        let course = crate::course::load_embedded().course;
        let utc = TimeZone::UTC;
        let mut progress = Progress::default();
        let count = done_at(&course, &mut progress, NOON - 3 * DAY);
        assert!(count >= 3, "the topic has {count} questions");
        let today = queue(&course, &progress, NOON, &utc, 2);
        assert_eq!(today.len(), 2);
        let forecast = due_per_day(&course, &progress, NOON, &utc, 2);
        assert_eq!(forecast[0] as usize, today.len());
        assert_eq!(forecast[1], 2.min(count as u32 - 2));
        assert_eq!(forecast.iter().sum::<u32>() as usize, count);
    }
}
