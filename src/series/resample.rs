//! Changing timeframe: daily to weekly, monthly, quarterly, yearly; intraday to daily.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};

use super::price_series::PriceSeries;
use crate::error::Result;

/// A target timeframe for [`resample`].
///
/// ```
/// use chartist::series::{resample, PriceSeries, Timeframe};
/// use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let s = PriceSeries::from_daily_closes("X", &[d(1, 29), d(1, 30), d(2, 2)], vec![10.0, 11.0, 12.0])?;
/// assert_eq!(resample(&s, Timeframe::Monthly)?.series.close(), &[11.0, 12.0]); // January's last close, then February's
/// let weekly = resample(&s, Timeframe::Weekly)?.series;
/// assert_eq!(weekly.dates().collect::<Vec<_>>(), vec![d(1, 30), d(2, 2)]); // stamped with each week's last bar
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Timeframe {
    /// One bar per calendar date (for intraday input), stamped at midnight of the date.
    Daily,
    /// One bar per Monday-to-Sunday week, stamped with the week's last trading bar.
    Weekly,
    /// One bar per calendar month.
    Monthly,
    /// One bar per calendar quarter.
    Quarterly,
    /// One bar per calendar year.
    Yearly,
}

impl Timeframe {
    /// A number identifying the period containing `date` (equal for dates in the same period,
    /// increasing with time).
    pub(crate) fn key(self, date: NaiveDate) -> i64 {
        match self {
            Timeframe::Daily => i64::from(date.num_days_from_ce()),
            // Day 1 of the CE is a Monday, so (days - 1) / 7 counts Monday-based weeks.
            Timeframe::Weekly => (i64::from(date.num_days_from_ce()) - 1).div_euclid(7),
            Timeframe::Monthly => i64::from(date.year()) * 12 + i64::from(date.month0()),
            Timeframe::Quarterly => i64::from(date.year()) * 4 + i64::from(date.month0() / 3),
            Timeframe::Yearly => i64::from(date.year()),
        }
    }

    /// The first date of the period after the one containing `date` (`None` past the end of
    /// the calendar).
    pub(crate) fn next_period_start(self, date: NaiveDate) -> Option<NaiveDate> {
        match self {
            Timeframe::Daily => date.succ_opt(),
            Timeframe::Weekly => {
                let to_mon = 7 - date.weekday().num_days_from_monday();
                date.checked_add_days(chrono::Days::new(u64::from(to_mon)))
            }
            Timeframe::Monthly => last_day_of_month(date.year(), date.month())?.succ_opt(),
            Timeframe::Quarterly => {
                last_day_of_month(date.year(), (date.month0() / 3) * 3 + 3)?.succ_opt()
            }
            Timeframe::Yearly => NaiveDate::from_ymd_opt(date.year() + 1, 1, 1),
        }
    }

    /// The last weekday (Monday–Friday) of the period containing `date`.
    fn last_weekday(self, date: NaiveDate) -> Option<NaiveDate> {
        let end = match self {
            Timeframe::Daily => return Some(date),
            Timeframe::Weekly => {
                let to_sun = 6 - date.weekday().num_days_from_monday();
                date.checked_add_days(chrono::Days::new(u64::from(to_sun)))?
            }
            Timeframe::Monthly => last_day_of_month(date.year(), date.month())?,
            Timeframe::Quarterly => last_day_of_month(date.year(), (date.month0() / 3) * 3 + 3)?,
            Timeframe::Yearly => NaiveDate::from_ymd_opt(date.year(), 12, 31)?,
        };
        let back = match end.weekday() {
            Weekday::Sat => 1,
            Weekday::Sun => 2,
            _ => 0,
        };
        end.checked_sub_days(chrono::Days::new(back))
    }
}

fn last_day_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

/// A resampled series and whether its last bar covers a complete period.
///
/// ```
/// use chartist::series::{resample, PriceSeries, Timeframe};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let days = [d(5), d(6), d(7), d(8), d(9), d(12), d(13)]; // Monday 5th to Tuesday 13th
/// let s = PriceSeries::from_daily_closes("X", &days, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0])?;
/// let w = resample(&s, Timeframe::Weekly)?;
/// assert_eq!(w.series.close(), &[5.0, 7.0]);
/// assert_eq!(w.first_index, vec![0, 5]); // the second week starts at input bar 5 (the 12th)
/// assert!(w.last_incomplete); // that week runs to Friday the 16th
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Resampled {
    /// One bar per period.
    pub series: PriceSeries,
    /// For each output bar, the index in the input of the period's first bar.
    pub first_index: Vec<usize>,
    /// True when the input ends before the period's last weekday (Monday to Friday), so the
    /// last bar is provisional. The check knows weekends, not exchange holidays: a period whose
    /// last weekday is a holiday is flagged incomplete until a bar of the next period arrives.
    /// For [`Timeframe::Daily`] it is always false.
    pub last_incomplete: bool,
}

/// Aggregates bars into a coarser timeframe.
///
/// Each output bar covers the input bars whose dates fall in one period: open = first open,
/// high = max high, low = min low, close = last close, volume = sum of volumes. It is stamped
/// with the timestamp of the period's last input bar, so a week ending on a Thursday holiday
/// is stamped Thursday, and weekly closes are the closes traders see on weekly charts.
/// Weeks run Monday to Sunday. Periods with no input bars produce no output bar.
///
/// O(n), one pass, no allocation beyond the output.
///
/// ```
/// use chartist::series::{resample, PriceSeries, Timeframe};
/// use chrono::NaiveDate;
///
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// // Thu 1 Jan was a holiday; Fri 2, then Mon 5 to Wed 7.
/// let s = PriceSeries::from_daily_closes(
///     "X", &[d(1, 2), d(1, 5), d(1, 6), d(1, 7)], vec![10.0, 11.0, 9.0, 12.0])?;
/// let w = resample(&s, Timeframe::Weekly)?;
/// assert_eq!(w.series.close(), &[10.0, 12.0]);
/// assert_eq!(w.series.dates().collect::<Vec<_>>(), vec![d(1, 2), d(1, 7)]);
/// assert!(w.last_incomplete); // the week of the 5th runs to Friday the 9th
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// None in practice for a valid series; the `Result` is kept for future timeframes.
pub fn resample(series: &PriceSeries, timeframe: Timeframe) -> Result<Resampled> {
    let times = series.times();
    let (o, h, l, c, v) = (
        series.open(),
        series.high(),
        series.low(),
        series.close(),
        series.volume(),
    );
    let n = times.len();
    // Pre-size using an estimate of bars per period.
    let per = match timeframe {
        Timeframe::Daily => 1,
        Timeframe::Weekly => 5,
        Timeframe::Monthly => 21,
        Timeframe::Quarterly => 63,
        Timeframe::Yearly => 252,
    };
    let cap = n / per + 2;
    let mut ot = Vec::with_capacity(cap);
    let mut oo = Vec::with_capacity(cap);
    let mut oh = Vec::with_capacity(cap);
    let mut ol = Vec::with_capacity(cap);
    let mut oc = Vec::with_capacity(cap);
    let mut ov = Vec::with_capacity(cap);
    let mut first = Vec::with_capacity(cap);

    let mut i = 0;
    while i < n {
        // The first date of the next period: comparing dates against it is much cheaper than
        // computing a period key per bar.
        let boundary = timeframe.next_period_start(times[i].date());
        let (mut hi, mut lo, mut vol) = (h[i], l[i], v[i]);
        let start = i;
        i += 1;
        while i < n && boundary.is_none_or(|b| times[i].date() < b) {
            hi = hi.max(h[i]);
            lo = lo.min(l[i]);
            vol += v[i];
            i += 1;
        }
        ot.push(match timeframe {
            Timeframe::Daily => super::time::midnight(times[i - 1].date()),
            _ => times[i - 1],
        });
        oo.push(o[start]);
        oh.push(hi);
        ol.push(lo);
        oc.push(c[i - 1]);
        ov.push(vol);
        first.push(start);
    }
    let last_time: NaiveDateTime = times[n - 1];
    let last_incomplete = match timeframe {
        Timeframe::Daily => false,
        tf => tf
            .last_weekday(last_time.date())
            .is_some_and(|end| last_time.date() < end),
    };
    Ok(Resampled {
        series: PriceSeries::from_parts_unchecked(
            series.symbol().to_string(),
            series.basis(),
            ot,
            oo,
            oh,
            ol,
            oc,
            ov,
            series.has_ohlc(),
            series.has_volume(),
        ),
        first_index: first,
        last_incomplete,
    })
}
