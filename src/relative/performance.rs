//! Relative performance over a window: the arithmetic spread and the geometric excess.
//!
//! With `R_A` and `R_B` the simple returns of asset and benchmark over the same window:
//! * the **arithmetic spread** is `R_A - R_B` ("IWM +7.96% vs SPY +1.43%: 6.53 points
//!   better"), what most tables print;
//! * the **geometric excess** is `(1 + R_A) / (1 + R_B) - 1`, the return of the ratio line over
//!   the window (6.44% here): it compounds correctly and equals the change of a rebased ratio
//!   line.
//!
//! Both are always reported in [`RelativePerformance`], named as such; [`SpreadKind`] picks one
//! where a single number is wanted.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::{aligned_closes, check_pair, good_price};
use crate::error::{check_period, Error, Result};
use crate::series::{midnight, PriceSeries, TimeKey};

/// Which relative-performance number to use.
///
/// ```
/// use chartist::relative::{rolling_relative_performance, SpreadKind};
/// let (a, b) = ([100.0, 120.0], [100.0, 110.0]); // +20% vs +10%
/// let arithmetic = rolling_relative_performance(&a, &b, 1, SpreadKind::Arithmetic)?;
/// assert!((arithmetic[1] - 0.10).abs() < 1e-12); // 10 points
/// let geometric = rolling_relative_performance(&a, &b, 1, SpreadKind::default())?;
/// assert!((geometric[1] - (1.2 / 1.1 - 1.0)).abs() < 1e-12); // the ratio line rose 9.09%
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SpreadKind {
    /// `R_A - R_B`.
    Arithmetic,
    /// `(1 + R_A) / (1 + R_B) - 1`, the ratio line's return (the default).
    #[default]
    Geometric,
}

impl SpreadKind {
    /// The spread of two simple returns.
    ///
    /// ```
    /// use chartist::relative::SpreadKind;
    /// assert!((SpreadKind::Arithmetic.of(0.10, 0.05) - 0.05).abs() < 1e-12);
    /// assert!((SpreadKind::Geometric.of(0.10, 0.05) - (1.10 / 1.05 - 1.0)).abs() < 1e-12);
    /// ```
    pub fn of(self, asset_return: f64, benchmark_return: f64) -> f64 {
        match self {
            SpreadKind::Arithmetic => asset_return - benchmark_return,
            SpreadKind::Geometric => (1.0 + asset_return) / (1.0 + benchmark_return) - 1.0,
        }
    }
}

/// Asset and benchmark returns over one window and the two ways to compare them.
///
/// ```
/// use chartist::relative::relative_performance;
/// let p = relative_performance(&[50.0, 60.0, 55.0], &[100.0, 100.0, 110.0], 0, 2)?;
/// assert!((p.asset_return - 0.10).abs() < 1e-12 && (p.benchmark_return - 0.10).abs() < 1e-12);
/// assert!(p.arithmetic_spread.abs() < 1e-12 && p.geometric_excess.abs() < 1e-12); // level
/// assert_eq!((p.start, p.end), (None, None)); // slices carry no dates
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RelativePerformance {
    /// Start of the window (the close the returns run from), when dated.
    pub start: Option<NaiveDateTime>,
    /// End of the window (the close the returns run to), when dated.
    pub end: Option<NaiveDateTime>,
    /// The asset's simple return over the window.
    pub asset_return: f64,
    /// The benchmark's simple return over the window.
    pub benchmark_return: f64,
    /// Arithmetic spread `asset_return - benchmark_return`.
    pub arithmetic_spread: f64,
    /// Geometric excess `(1 + asset_return) / (1 + benchmark_return) - 1`.
    pub geometric_excess: f64,
}

impl RelativePerformance {
    /// Builds the record from the two returns.
    ///
    /// ```
    /// use chartist::relative::RelativePerformance;
    /// let p = RelativePerformance::from_returns(0.0796, 0.0143);
    /// assert!((p.arithmetic_spread - 0.0653).abs() < 1e-12);
    /// ```
    pub fn from_returns(asset_return: f64, benchmark_return: f64) -> Self {
        RelativePerformance {
            start: None,
            end: None,
            asset_return,
            benchmark_return,
            arithmetic_spread: SpreadKind::Arithmetic.of(asset_return, benchmark_return),
            geometric_excess: SpreadKind::Geometric.of(asset_return, benchmark_return),
        }
    }
    /// The spread of the given kind.
    ///
    /// ```
    /// use chartist::relative::{RelativePerformance, SpreadKind};
    /// let p = RelativePerformance::from_returns(0.20, 0.10);
    /// assert!((p.spread(SpreadKind::Arithmetic) - 0.10).abs() < 1e-12);
    /// assert!((p.spread(SpreadKind::Geometric) - 1.0 / 11.0).abs() < 1e-12); // 1.2 / 1.1 - 1
    /// ```
    pub fn spread(&self, kind: SpreadKind) -> f64 {
        match kind {
            SpreadKind::Arithmetic => self.arithmetic_spread,
            SpreadKind::Geometric => self.geometric_excess,
        }
    }
}

/// Relative performance from position `start` to position `end` of two aligned price slices.
///
/// Returns run from the close at `start` to the close at `end`. A bad price (NaN, zero,
/// negative) at either end gives NaN returns.
///
/// # Errors
/// [`Error::LengthMismatch`] for slices of different lengths; [`Error::InvalidParameter`] when
/// `end` is out of range or `start > end`.
///
/// # Example
/// ```
/// use chartist::relative::relative_performance;
/// let p = relative_performance(&[100.0, 110.0], &[50.0, 52.5], 0, 1)?;
/// assert!((p.arithmetic_spread - 0.05).abs() < 1e-12);
/// assert!((p.geometric_excess - (1.10 / 1.05 - 1.0)).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn relative_performance(
    asset: &[f64],
    benchmark: &[f64],
    start: usize,
    end: usize,
) -> Result<RelativePerformance> {
    check_pair(asset, benchmark)?;
    if end >= asset.len() {
        return Err(Error::param(
            "end",
            end,
            format!("must be below the number of prices {}", asset.len()),
        ));
    }
    if start > end {
        return Err(Error::param(
            "start",
            start,
            format!("must not exceed end {end}"),
        ));
    }
    Ok(RelativePerformance::from_returns(
        simple_return(asset[start], asset[end]),
        simple_return(benchmark[start], benchmark[end]),
    ))
}

fn simple_return(p0: f64, p1: f64) -> f64 {
    if good_price(p0) && good_price(p1) {
        p1 / p0 - 1.0
    } else {
        f64::NAN
    }
}

/// Rolling relative performance over the last `n` bars: `out[i]` compares the returns from
/// `i - n` to `i`.
///
/// Equivalent to the `n`-bar rate of change of the ratio line for [`SpreadKind::Geometric`];
/// Stock.Indicators' `PrsPercent` for [`SpreadKind::Arithmetic`]. Warm-up: NaN for `i < n`.
/// NaN when either end of a window has a bad price.
///
/// # Errors
/// [`Error::InvalidParameter`] when `n == 0`; [`Error::LengthMismatch`] for slices of different
/// lengths.
///
/// # Example
/// ```
/// use chartist::relative::{rolling_relative_performance, SpreadKind};
/// let r = rolling_relative_performance(&[1.0, 1.2, 1.5], &[1.0, 1.0, 1.0], 1, SpreadKind::Arithmetic)?;
/// assert!(r[0].is_nan());
/// assert!((r[2] - 0.25).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rolling_relative_performance(
    asset: &[f64],
    benchmark: &[f64],
    n: usize,
    kind: SpreadKind,
) -> Result<Vec<f64>> {
    check_period("n", n)?;
    check_pair(asset, benchmark)?;
    let mut out = vec![f64::NAN; asset.len()];
    for (i, o) in out.iter_mut().enumerate().skip(n) {
        *o = kind.of(
            simple_return(asset[i - n], asset[i]),
            simple_return(benchmark[i - n], benchmark[i]),
        );
    }
    Ok(out)
}

/// A window for [`relative_performance_of_series`].
///
/// ```
/// use chartist::relative::{relative_performance_of_series, RelativeWindow};
/// use chartist::series::{midnight, PriceSeries};
/// # use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let a = PriceSeries::from_daily_closes("A", &[d(2), d(5), d(6)], vec![100.0, 110.0, 121.0])?;
/// let b = PriceSeries::from_daily_closes("B", &[d(2), d(5), d(6)], vec![100.0, 100.0, 110.0])?;
/// let last = relative_performance_of_series(&a, &b, RelativeWindow::Bars(1), d(6))?;
/// assert_eq!((last.start, last.end), (Some(midnight(d(5))), Some(midnight(d(6)))));
/// assert!(last.arithmetic_spread.abs() < 1e-12); // both +10% on the 6th
/// let early = relative_performance_of_series(&a, &b, RelativeWindow::Between(d(2), d(5)), d(6))?;
/// assert!((early.arithmetic_spread - 0.10).abs() < 1e-12); // +10% vs 0%
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RelativeWindow {
    /// The last `n` common bars up to the as-of date.
    Bars(usize),
    /// From the last common close of the previous calendar year to the as-of date. "The
    /// year" is that of the last common bar on or before the as-of date, so an as-of date
    /// before a year's first bar (e.g. 1 January) gives the whole previous year's return.
    YearToDate,
    /// From the last common close on or before the first date to the last common close on or
    /// before the second (the as-of date is ignored).
    Between(NaiveDate, NaiveDate),
}

/// Relative performance of two dated series over a window ending at `as_of`, on their common
/// dates (aligned by timestamp).
///
/// # Errors
/// [`Error::NoCommonDates`] when the series share no date; [`Error::DateNotFound`] when no
/// common date is on or before `as_of` (or the window start); [`Error::InsufficientData`] when
/// fewer than `n + 1` common bars lead up to `as_of`; [`Error::InvalidParameter`] for `n == 0`
/// or a `Between` window whose end is before its start.
///
/// # Example
/// ```
/// use chartist::relative::{relative_performance_of_series, RelativeWindow};
/// use chartist::series::PriceSeries;
/// use chrono::NaiveDate;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let days = [d(2025, 12, 31), d(2026, 1, 2), d(2026, 1, 16)];
/// let a = PriceSeries::from_daily_closes("IWM", &days, vec![100.0, 101.0, 107.96])?;
/// let b = PriceSeries::from_daily_closes("SPY", &days, vec![100.0, 100.0, 101.43])?;
/// let p = relative_performance_of_series(&a, &b, RelativeWindow::YearToDate, d(2026, 1, 16))?;
/// assert!((p.arithmetic_spread - 0.0653).abs() < 1e-9);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn relative_performance_of_series(
    asset: &PriceSeries,
    benchmark: &PriceSeries,
    window: RelativeWindow,
    as_of: impl TimeKey,
) -> Result<RelativePerformance> {
    let (times, a, b) = aligned_closes(asset, benchmark)?;
    let last_before = |t: NaiveDateTime| times.partition_point(|x| *x <= t).checked_sub(1);
    let not_found = |what: &str, date: NaiveDateTime| Error::DateNotFound {
        what: format!("{what} of {:?} vs {:?}", asset.symbol(), benchmark.symbol()),
        date,
    };
    let (i0, i1) = match window {
        RelativeWindow::Bars(n) => {
            check_period("n", n)?;
            let i1 =
                last_before(as_of.end()).ok_or_else(|| not_found("window end", as_of.end()))?;
            if i1 < n {
                return Err(Error::InsufficientData {
                    what: format!("{n}-bar relative performance"),
                    // (Saturating: `n` may be as large as `usize::MAX`.)
                    needed: n.saturating_add(1),
                    got: i1 + 1,
                });
            }
            (i1 - n, i1)
        }
        RelativeWindow::YearToDate => {
            let i1 =
                last_before(as_of.end()).ok_or_else(|| not_found("window end", as_of.end()))?;
            let year_start = NaiveDate::from_ymd_opt(times[i1].year(), 1, 1)
                .map(midnight)
                .unwrap_or(times[i1]);
            let i0 = times
                .partition_point(|x| *x < year_start)
                .checked_sub(1)
                .ok_or_else(|| not_found("previous year's last close", year_start))?;
            (i0, i1)
        }
        RelativeWindow::Between(d0, d1) => {
            if d1 < d0 {
                return Err(Error::param(
                    "end",
                    d1,
                    format!("must not be before start {d0}"),
                ));
            }
            let i0 = last_before(d0.end()).ok_or_else(|| not_found("window start", d0.end()))?;
            let i1 = last_before(d1.end()).ok_or_else(|| not_found("window end", d1.end()))?;
            (i0, i1)
        }
    };
    let mut p = relative_performance(&a, &b, i0, i1)?;
    p.start = Some(times[i0]);
    p.end = Some(times[i1]);
    Ok(p)
}
