//! Returns: simple and log, between dates, trailing, period-to-date and calendar tables.
//!
//! # Which close a period starts from
//! Every period return in chartist runs from the **last close before the period** to the
//! **last close in it**: YTD as of 2026-01-16 is `close(2026-01-16) / close(last bar of 2025) - 1`,
//! so the first trading day's move counts. [`return_between`] runs from the close *on or before*
//! `start` to the close on or before `end` (the story's "from the 2025-12-31 close to the
//! 2026-01-16 close"). When the data begin inside a period (no earlier close exists), that
//! period starts from the first bar's **open** for OHLC data and is marked partial in tables.

use chrono::{Datelike, NaiveDate};

use super::price_series::PriceSeries;
use super::resample::Timeframe;
use super::time::TimeKey;
use crate::error::{Error, Result};

/// Simple or logarithmic returns.
///
/// ```
/// use chartist::series::{returns, ReturnKind};
/// let prices = [100.0, 200.0, 100.0];
/// let simple = returns(&prices, ReturnKind::Simple);
/// assert_eq!((simple[1], simple[2]), (1.0, -0.5)); // +100 % then -50 %: simple returns do not cancel
/// let log = returns(&prices, ReturnKind::Log);
/// assert!((log[1] + log[2]).abs() < 1e-12); // log returns add up: back where it started
/// assert_eq!(ReturnKind::default(), ReturnKind::Simple);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ReturnKind {
    /// `p1 / p0 - 1` (the default).
    #[default]
    Simple,
    /// `ln(p1 / p0)`.
    Log,
}

impl ReturnKind {
    /// The return from `p0` to `p1`.
    ///
    /// ```
    /// use chartist::series::ReturnKind;
    /// assert_eq!(ReturnKind::Simple.between(100.0, 150.0), 0.5);
    /// assert_eq!(ReturnKind::Log.between(50.0, 100.0), 2f64.ln());
    /// ```
    pub fn between(self, p0: f64, p1: f64) -> f64 {
        match self {
            ReturnKind::Simple => p1 / p0 - 1.0,
            ReturnKind::Log => (p1 / p0).ln(),
        }
    }
}

/// A price a return can be computed from: finite and positive.
fn usable(p: f64) -> bool {
    p.is_finite() && p > 0.0
}

/// One-bar returns of a price slice: `out[0]` is NaN, `out[i]` is the return from `x[i-1]`
/// to `x[i]`. Non-finite (NaN, ±inf) or non-positive prices give NaN for the returns that
/// touch them (the crate's NaN policy).
///
/// ```
/// use chartist::series::{returns, ReturnKind};
/// let r = returns(&[100.0, 110.0, 99.0], ReturnKind::Simple);
/// assert!(r[0].is_nan());
/// assert!((r[1] - 0.10).abs() < 1e-12 && (r[2] + 0.10).abs() < 1e-12);
/// ```
pub fn returns(x: &[f64], kind: ReturnKind) -> Vec<f64> {
    let mut out = vec![f64::NAN; x.len()];
    for (o, w) in out.iter_mut().skip(1).zip(x.windows(2)) {
        *o = if usable(w[0]) && usable(w[1]) {
            kind.between(w[0], w[1])
        } else {
            f64::NAN
        };
    }
    out
}

/// Returns over a trailing window of `n` bars: `out[i]` is the return from `x[i-n]` to `x[i]`
/// (NaN for `i < n`, and where either price is non-finite or not positive).
///
/// ```
/// use chartist::series::{trailing_returns, ReturnKind};
/// let r = trailing_returns(&[100.0, 105.0, 110.0], 2, ReturnKind::Simple)?;
/// assert!(r[1].is_nan() && (r[2] - 0.10).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] when `n` is 0.
pub fn trailing_returns(x: &[f64], n: usize, kind: ReturnKind) -> Result<Vec<f64>> {
    crate::error::check_period("n", n)?;
    let mut out = vec![f64::NAN; x.len()];
    for (i, o) in out.iter_mut().enumerate().skip(n) {
        let (p0, p1) = (x[i - n], x[i]);
        if usable(p0) && usable(p1) {
            *o = kind.between(p0, p1);
        }
    }
    Ok(out)
}

/// The simple return from the close on (or last before) `start` to the close on (or last
/// before) `end`. The log return over the same span is `(1.0 + r).ln()`, or
/// [`ReturnKind::Log`]`.between(p0, p1)` on the two closes.
///
/// ```
/// use chartist::series::{return_between, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let s = PriceSeries::from_daily_closes(
///     "IWM", &[d(2025, 12, 31), d(2026, 1, 2), d(2026, 1, 16)], vec![100.0, 101.0, 108.0])?;
/// let r = return_between(&s, d(2025, 12, 31), d(2026, 1, 16))?;
/// assert!((r - 0.08).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::DateNotFound`] when the series has no bar on or before `start` or `end`;
/// [`Error::InvalidParameter`] when `end` is before `start`.
pub fn return_between(series: &PriceSeries, start: impl TimeKey, end: impl TimeKey) -> Result<f64> {
    if end.end() < start.start() {
        return Err(Error::param(
            "end",
            end.end(),
            format!("must not be before start {}", start.start()),
        ));
    }
    let i0 = series.index_as_of(start).ok_or(Error::DateNotFound {
        what: format!("return start for {:?}", series.symbol()),
        date: start.start(),
    })?;
    let i1 = series.index_as_of(end).ok_or(Error::DateNotFound {
        what: format!("return end for {:?}", series.symbol()),
        date: end.end(),
    })?;
    Ok(series.close()[i1] / series.close()[i0] - 1.0)
}

/// The simple return over the last `n` bars up to `as_of` (inclusive): from the close `n` bars
/// before the bar on or before `as_of`, to that bar's close.
///
/// ```
/// use chartist::series::{trailing_return, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let s = PriceSeries::from_daily_closes("X", &[d(2), d(5), d(6)], vec![100.0, 104.0, 110.0])?;
/// assert!((trailing_return(&s, 2, d(6))? - 0.10).abs() < 1e-12);
/// assert!(trailing_return(&s, 3, d(6)).is_err()); // only 3 bars
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] for `n == 0`; [`Error::DateNotFound`] when there is no bar on or
/// before `as_of`; [`Error::InsufficientData`] when fewer than `n + 1` bars lead up to it.
pub fn trailing_return(series: &PriceSeries, n: usize, as_of: impl TimeKey) -> Result<f64> {
    crate::error::check_period("n", n)?;
    let i1 = series.index_as_of(as_of).ok_or(Error::DateNotFound {
        what: format!("trailing return for {:?}", series.symbol()),
        date: as_of.end(),
    })?;
    if i1 < n {
        return Err(Error::InsufficientData {
            what: format!("{n}-bar return"),
            needed: n.saturating_add(1),
            got: i1 + 1,
        });
    }
    Ok(series.close()[i1] / series.close()[i1 - n] - 1.0)
}

/// A period-to-date return and the closes it was computed from.
///
/// ```
/// use chartist::series::{midnight, ytd, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let s = PriceSeries::from_daily_closes("X", &[d(2025, 12, 31), d(2026, 1, 2), d(2026, 1, 5)], vec![200.0, 210.0, 250.0])?;
/// let r = ytd(&s, d(2026, 1, 5))?;
/// assert_eq!((r.base, r.close, r.value), (200.0, 250.0, 0.25)); // from the last close of 2025
/// assert_eq!((r.base_time, r.close_time), (midnight(d(2025, 12, 31)), midnight(d(2026, 1, 5))));
/// assert!(!r.partial);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PeriodReturn {
    /// The simple return.
    pub value: f64,
    /// The base price: the last close before the period (or the first open, when `partial`).
    pub base: f64,
    /// When the base price was observed.
    pub base_time: chrono::NaiveDateTime,
    /// The close the return runs to.
    pub close: f64,
    /// When that close was observed.
    pub close_time: chrono::NaiveDateTime,
    /// True when the data begin inside the period, so the base is the first bar's open.
    pub partial: bool,
}

impl PeriodReturn {
    /// The same period's log return, `ln(close / base)`.
    ///
    /// ```
    /// use chartist::series::{ytd, PriceSeries};
    /// use chrono::NaiveDate;
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let s = PriceSeries::from_daily_closes("X", &[d(2025, 12, 31), d(2026, 1, 2)], vec![100.0, 110.0])?;
    /// let r = ytd(&s, d(2026, 1, 2))?;
    /// assert!((r.log() - 1.1f64.ln()).abs() < 1e-15);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn log(&self) -> f64 {
        (self.close / self.base).ln()
    }
}

fn period_to_date(
    series: &PriceSeries,
    tf: Timeframe,
    as_of: impl TimeKey,
) -> Result<PeriodReturn> {
    let i1 = series.index_as_of(as_of).ok_or(Error::DateNotFound {
        what: format!("period-to-date return for {:?}", series.symbol()),
        date: as_of.end(),
    })?;
    let key = tf.key(as_of.end().date());
    let times = series.times();
    // The last bar of an earlier period: scan back from i1 (binary search on keys).
    let first_in = times[..=i1].partition_point(|t| tf.key(t.date()) < key);
    let close_time = times[i1];
    let close = series.close()[i1];
    if first_in == 0 {
        let base = series.open()[0];
        return Ok(PeriodReturn {
            value: close / base - 1.0,
            base,
            base_time: times[0],
            close,
            close_time,
            partial: true,
        });
    }
    let base = series.close()[first_in - 1];
    Ok(PeriodReturn {
        value: close / base - 1.0,
        base,
        base_time: times[first_in - 1],
        close,
        close_time,
        partial: false,
    })
}

/// Year-to-date return as of `as_of`: from the last close of the previous calendar year to the
/// last close on or before `as_of`. If the as-of bar is in an earlier year than `as_of` (no
/// bar yet this year), the return is 0 over an empty period.
///
/// ```
/// use chartist::series::{ytd, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let s = PriceSeries::from_daily_closes(
///     "X", &[d(2025, 12, 30), d(2025, 12, 31), d(2026, 1, 2)], vec![99.0, 100.0, 103.0])?;
/// let r = ytd(&s, d(2026, 1, 2))?;
/// assert!((r.value - 0.03).abs() < 1e-12);
/// assert_eq!(r.base, 100.0);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::DateNotFound`] when the series has no bar on or before `as_of`.
pub fn ytd(series: &PriceSeries, as_of: impl TimeKey) -> Result<PeriodReturn> {
    period_to_date(series, Timeframe::Yearly, as_of)
}

/// Month-to-date return as of `as_of` (see [`ytd`] for the convention).
///
/// ```
/// use chartist::series::{mtd, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let s = PriceSeries::from_daily_closes("X", &[d(1, 30), d(2, 2), d(2, 3)], vec![100.0, 101.0, 102.0])?;
/// let r = mtd(&s, d(2, 3))?;
/// assert_eq!(r.base, 100.0); // January's last close
/// assert!((r.value - 0.02).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// As [`ytd`].
pub fn mtd(series: &PriceSeries, as_of: impl TimeKey) -> Result<PeriodReturn> {
    period_to_date(series, Timeframe::Monthly, as_of)
}

/// Quarter-to-date return as of `as_of` (see [`ytd`] for the convention).
///
/// ```
/// use chartist::series::{qtd, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2026, m, day).unwrap();
/// let s = PriceSeries::from_daily_closes("X", &[d(3, 31), d(4, 1), d(5, 4)], vec![50.0, 51.0, 55.0])?;
/// assert!((qtd(&s, d(5, 4))?.value - 0.10).abs() < 1e-12); // from the 31 March close
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// As [`ytd`].
pub fn qtd(series: &PriceSeries, as_of: impl TimeKey) -> Result<PeriodReturn> {
    period_to_date(series, Timeframe::Quarterly, as_of)
}

/// Monthly and yearly returns in a year × month table.
///
/// ```
/// use chartist::series::{calendar_returns, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let s = PriceSeries::from_daily_closes("X", &[d(2025, 11, 28), d(2025, 12, 31), d(2026, 1, 30)], vec![100.0, 200.0, 250.0])?;
/// let t = calendar_returns(&s)?;
/// assert_eq!(t.years, vec![2025, 2026]);
/// assert_eq!((t.monthly[0][11], t.monthly[1][0]), (Some(1.0), Some(0.25))); // Dec 2025, Jan 2026
/// assert_eq!(t.yearly, vec![1.0, 0.25]);
/// assert!(!t.last_partial); // Friday the 30th is January's last weekday
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CalendarReturns {
    /// The calendar years covered, ascending.
    pub years: Vec<i32>,
    /// `monthly[y][m]`: the return of month `m` (0 = January) of `years[y]`, `None` where the
    /// data do not cover the month.
    pub monthly: Vec<[Option<f64>; 12]>,
    /// The return of each year (the first from the first bar's open, as its first month).
    pub yearly: Vec<f64>,
    /// True when the last bar falls before the last weekday of its month.
    pub last_partial: bool,
}

/// Builds the calendar table of monthly and yearly returns.
///
/// Each month runs from the previous month's last close to its own last close; the first
/// month of the data, having no previous close, runs from the first bar's open (for close-only
/// data, the open equals the close, so the first month then starts from the first close).
///
/// ```
/// use chartist::series::{calendar_returns, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let s = PriceSeries::from_daily_closes(
///     "X", &[d(1, 31), d(2, 28), d(3, 31)], vec![100.0, 110.0, 99.0])?;
/// let t = calendar_returns(&s)?;
/// assert_eq!(t.years, vec![2025]);
/// assert!((t.monthly[0][1].unwrap() - 0.10).abs() < 1e-12);
/// assert!((t.monthly[0][2].unwrap() + 0.10).abs() < 1e-12);
/// assert!((t.yearly[0] + 0.01).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// None for a valid series (the `Result` is kept for symmetry with the other functions).
pub fn calendar_returns(series: &PriceSeries) -> Result<CalendarReturns> {
    let m = super::resample::resample(series, Timeframe::Monthly)?;
    let closes = m.series.close();
    let dates: Vec<NaiveDate> = m.series.dates().collect();
    let first_open = series.open()[0];
    let mut years: Vec<i32> = Vec::new();
    let mut monthly: Vec<[Option<f64>; 12]> = Vec::new();
    let mut yearly: Vec<f64> = Vec::new();
    let mut year_base = first_open;
    for (i, d) in dates.iter().enumerate() {
        let base = if i == 0 { first_open } else { closes[i - 1] };
        if years.last() != Some(&d.year()) {
            if i > 0 {
                year_base = closes[i - 1];
            }
            years.push(d.year());
            monthly.push([None; 12]);
            yearly.push(f64::NAN);
        }
        let y = years.len() - 1;
        monthly[y][d.month0() as usize] = Some(closes[i] / base - 1.0);
        yearly[y] = closes[i] / year_base - 1.0;
    }
    Ok(CalendarReturns {
        years,
        monthly,
        yearly,
        last_partial: m.last_incomplete,
    })
}
