//! Time, passed in so tests can control it.

use std::time::{SystemTime, UNIX_EPOCH};

/// A source of wall-clock time in ms since the Unix epoch, and the time
/// zone that says which calendar day it is for the learner.
pub trait Clock: Send + Sync {
    fn now_ms(&self) -> u64;

    /// The learner's time zone (the system's; tests pass their own).
    fn time_zone(&self) -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::system()
    }
}

/// The real clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now_ms(&self) -> u64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
    }
}

/// `YYYY-MM-DD` and `HHMMSS` (UTC) for a time in ms since the epoch, for file names.
pub fn date_and_time(ms: u64) -> (String, String) {
    let at = jiff::Timestamp::from_millisecond(i64::try_from(ms).unwrap_or(i64::MAX))
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_zoned_datetime(jiff::tz::TimeZone::UTC);
    (
        at.strftime("%Y-%m-%d").to_string(),
        at.strftime("%H%M%S").to_string(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_known_dates() {
        assert_eq!(
            super::date_and_time(0),
            ("1970-01-01".into(), "000000".into())
        );
        // 2026-11-25 11:21:58 UTC
        assert_eq!(
            super::date_and_time(1_795_605_718_000),
            ("2026-11-25".into(), "112158".into())
        );
    }
}

/// Days since the Unix epoch for a `YYYY-MM-DD` date; `None` if it is not one.
pub fn days_from_date(date: &str) -> Option<i64> {
    if date.len() != 10 {
        return None;
    }
    let day: jiff::civil::Date = date.parse().ok()?;
    let epoch = jiff::civil::date(1970, 1, 1);
    Some(i64::from(day.since(epoch).ok()?.get_days()))
}

#[cfg(test)]
mod date_tests {
    #[test]
    fn dates_round_trip() {
        for ms in [0, 1_795_605_718_000, 951_782_400_000] {
            let (date, _) = super::date_and_time(ms);
            let days = super::days_from_date(&date).unwrap();
            assert_eq!(days, i64::try_from(ms / 86_400_000).unwrap(), "{date}");
        }
        assert_eq!(super::days_from_date("2026-13-01"), None);
    }
}
