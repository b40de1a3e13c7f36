//! Timestamps: how dates and date-times address rows of a series.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// A point or a day on the time axis, used to address rows of a series.
///
/// Implemented for [`NaiveDate`] (a whole calendar day) and [`NaiveDateTime`] (one instant).
/// A daily series stores each bar at midnight of its date, so on daily data a date and its
/// midnight address the same row; on intraday data a date addresses the whole day.
///
/// ```
/// use chartist::series::{PriceSeries, TimeKey};
/// use chrono::NaiveDate;
/// let day = NaiveDate::from_ymd_opt(2026, 1, 16).unwrap();
/// assert_eq!(day.end().to_string(), "2026-01-16 23:59:59.999999999");
/// let (open, close) = (day.and_hms_opt(9, 30, 0).unwrap(), day.and_hms_opt(16, 0, 0).unwrap());
/// assert_eq!((open.start(), open.end()), (open, open)); // a date-time is one instant
/// let s = PriceSeries::from_closes("X", vec![open, close], vec![10.0, 11.0])?;
/// assert_eq!(s.close_on(day), Some(11.0)); // a date addresses the whole day: its last bar
/// assert_eq!(s.close_on(open), Some(10.0));
/// # Ok::<(), chartist::Error>(())
/// ```
pub trait TimeKey: Copy {
    /// The first instant the key covers.
    fn start(self) -> NaiveDateTime;
    /// The last instant the key covers (inclusive).
    fn end(self) -> NaiveDateTime;
}

impl TimeKey for NaiveDate {
    fn start(self) -> NaiveDateTime {
        self.and_time(NaiveTime::MIN)
    }
    fn end(self) -> NaiveDateTime {
        // 23:59:59.999999999 always exists on a NaiveDate.
        self.and_time(
            NaiveTime::from_hms_nano_opt(23, 59, 59, 999_999_999).unwrap_or(NaiveTime::MIN),
        )
    }
}

impl TimeKey for NaiveDateTime {
    fn start(self) -> NaiveDateTime {
        self
    }
    fn end(self) -> NaiveDateTime {
        self
    }
}

/// Midnight of `date`: the timestamp chartist gives a daily bar.
///
/// ```
/// use chrono::NaiveDate;
/// let t = chartist::series::midnight(NaiveDate::from_ymd_opt(2026, 1, 16).unwrap());
/// assert_eq!(t.to_string(), "2026-01-16 00:00:00");
/// ```
pub fn midnight(date: NaiveDate) -> NaiveDateTime {
    date.and_time(NaiveTime::MIN)
}

/// Index of the last timestamp `<= t` in a sorted slice, if any.
pub(crate) fn last_at_or_before(times: &[NaiveDateTime], t: NaiveDateTime) -> Option<usize> {
    let n = times.partition_point(|x| *x <= t);
    n.checked_sub(1)
}

/// Index of the first timestamp `>= t` in a sorted slice, if any.
pub(crate) fn first_at_or_after(times: &[NaiveDateTime], t: NaiveDateTime) -> Option<usize> {
    let n = times.partition_point(|x| *x < t);
    (n < times.len()).then_some(n)
}
