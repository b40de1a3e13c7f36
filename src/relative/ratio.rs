//! The ratio line `asset / benchmark`: plain, rebased, log; its new highs and lows, its side of
//! a moving average and its slope.
//!
//! A rising ratio line means the asset outperforms the benchmark. Its level is arbitrary (it
//! depends on the two price levels), so compare it with itself: rebase it to 100 at a date
//! ([`rebased_ratio`]), look at its logarithm ([`log_ratio`], where equal distances are equal
//! percentage moves), ask whether it makes new highs ([`ratio_extremes`]), sits above its
//! average ([`ratio_vs_average`]) or slopes up ([`ratio_slope`]). This is the "price relative"
//! of ChartSchool's *Price Relative / Relative Strength* page and Stock.Indicators' `PRS`.

use chrono::NaiveDateTime;

use super::{aligned_closes, check_pair, good_price};
use crate::error::{check_period, Error, Result};
use crate::series::{PriceSeries, TimeKey};

/// The ratio line `asset[i] / benchmark[i]` of two aligned price slices.
///
/// Matches Stock.Indicators `PRS` (`prs = eval / base`) and ChartSchool's price relative.
/// No warm-up. NaN where either price is NaN, infinite, zero or negative. A quotient beyond
/// `f64`'s range (prices some 300 orders of magnitude apart) overflows to infinity or
/// underflows towards 0, as the division does; [`log_ratio`] stays exact there.
///
/// # Errors
/// [`Error::LengthMismatch`] when the slices differ in length.
///
/// # Example
/// ```
/// use chartist::relative::ratio_line;
/// let r = ratio_line(&[10.0, 12.0, 0.0], &[5.0, 5.0, 5.0])?;
/// assert_eq!(&r[..2], &[2.0, 2.4]);
/// assert!(r[2].is_nan()); // a zero price has no ratio
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn ratio_line(asset: &[f64], benchmark: &[f64]) -> Result<Vec<f64>> {
    check_pair(asset, benchmark)?;
    Ok(asset
        .iter()
        .zip(benchmark)
        .map(|(&a, &b)| {
            if good_price(a) && good_price(b) {
                a / b
            } else {
                f64::NAN
            }
        })
        .collect())
}

/// The ratio line scaled to 100 at position `base`: `100 * ratio[i] / ratio[base]`.
///
/// A value of 112 means the asset has outperformed the benchmark by 12% (geometrically) since
/// `base`. No warm-up; NaN where [`ratio_line`] is NaN.
///
/// # Errors
/// [`Error::LengthMismatch`] for slices of different lengths; [`Error::InvalidParameter`] when
/// `base` is out of range or the ratio at `base` is NaN (a bad price there).
///
/// # Example
/// ```
/// use chartist::relative::rebased_ratio;
/// let r = rebased_ratio(&[10.0, 11.0], &[20.0, 20.0], 0)?;
/// assert!((r[1] - 110.0).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rebased_ratio(asset: &[f64], benchmark: &[f64], base: usize) -> Result<Vec<f64>> {
    let mut r = ratio_line(asset, benchmark)?;
    let at = *r.get(base).ok_or_else(|| {
        Error::param(
            "base",
            base,
            format!("must be below the number of values {}", r.len()),
        )
    })?;
    if at.is_nan() {
        return Err(Error::param(
            "base",
            base,
            "must be a position where both prices are positive and finite",
        ));
    }
    let k = 100.0 / at;
    r.iter_mut().for_each(|v| *v *= k);
    Ok(r)
}

/// The natural log of the ratio line, `ln(asset[i]) - ln(benchmark[i])`.
///
/// Differences of the log ratio are differences of log returns, so a move of 0.05 is the same
/// relative move anywhere on the line. No warm-up; NaN where either price is NaN, infinite,
/// zero or negative. Computed as `ln(ratio)` where the ratio is a normal `f64`, and as the
/// difference of the two logs where the quotient overflows or underflows, so it stays finite
/// for any two positive finite prices.
///
/// # Errors
/// [`Error::LengthMismatch`] when the slices differ in length.
///
/// # Example
/// ```
/// use chartist::relative::log_ratio;
/// let r = log_ratio(&[1.0, std::f64::consts::E, 1e300], &[1.0, 1.0, 1e-300])?;
/// assert!((r[1] - 1.0).abs() < 1e-12);
/// assert!((r[2] - 600.0 * 10f64.ln()).abs() < 1e-9); // 1e600 is beyond f64, its log is not
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn log_ratio(asset: &[f64], benchmark: &[f64]) -> Result<Vec<f64>> {
    let mut r = ratio_line(asset, benchmark)?;
    for ((v, &a), &b) in r.iter_mut().zip(asset).zip(benchmark) {
        *v = if v.is_normal() || v.is_nan() {
            v.ln()
        } else {
            // Both prices are good here (else the ratio is NaN): the quotient left f64's
            // normal range.
            a.ln() - b.ln()
        };
    }
    Ok(r)
}

/// Whether a ratio value is a new high or low of its recent history.
///
/// ```
/// use chartist::relative::{ratio_extremes, ratio_line, RatioExtreme::*};
/// let r = ratio_line(&[10.0, 11.0, 12.0, 9.0], &[10.0; 4])?; // 1.0, 1.1, 1.2, 0.9
/// let e = ratio_extremes(&r, 2)?; // each value against the two before it
/// assert_eq!(e, vec![None, None, Some(NewHigh), Some(NewLow)]);
/// assert_eq!(ratio_extremes(&[1.0, 3.0, 2.0], 2)?[2], Some(Neither));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RatioExtreme {
    /// Strictly above every one of the previous `n` values.
    NewHigh,
    /// Strictly below every one of the previous `n` values.
    NewLow,
    /// Neither.
    Neither,
}

/// New `n`-period highs and lows of a series (usually a ratio line).
///
/// `out[i]` is `Some(NewHigh)` when `x[i]` is strictly greater than each of `x[i-n..i]` (the
/// `n` values before it), `Some(NewLow)` when strictly smaller, `Some(Neither)` otherwise —
/// the same comparison as a Donchian channel of the prior `n` bars (TA-Lib `MAX`/`MIN` shifted
/// by one). Warm-up: `None` for `i < n`. `None` also whenever `x[i]` or any value of its
/// window is not finite (NaN or infinite).
///
/// # Errors
/// [`Error::InvalidParameter`] when `n == 0`.
///
/// # Example
/// ```
/// use chartist::relative::{ratio_extremes, RatioExtreme};
/// let e = ratio_extremes(&[1.0, 2.0, 3.0, 2.5, 0.5], 2)?;
/// assert_eq!(e[0], None);
/// assert_eq!(e[2], Some(RatioExtreme::NewHigh));
/// assert_eq!(e[3], Some(RatioExtreme::Neither));
/// assert_eq!(e[4], Some(RatioExtreme::NewLow));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn ratio_extremes(x: &[f64], n: usize) -> Result<Vec<Option<RatioExtreme>>> {
    check_period("n", n)?;
    let mut out = vec![None; x.len()];
    for (i, o) in out.iter_mut().enumerate().skip(n) {
        let v = x[i];
        if !v.is_finite() {
            continue;
        }
        let (mut hi, mut lo, mut ok) = (f64::NEG_INFINITY, f64::INFINITY, true);
        for &w in &x[i - n..i] {
            ok &= w.is_finite();
            hi = hi.max(w);
            lo = lo.min(w);
        }
        if ok {
            *o = Some(if v > hi {
                RatioExtreme::NewHigh
            } else if v < lo {
                RatioExtreme::NewLow
            } else {
                RatioExtreme::Neither
            });
        }
    }
    Ok(out)
}

/// Which side of its moving average a value is on.
///
/// ```
/// use chartist::relative::{ratio_vs_average, AverageSide::*};
/// // 3-bar averages from bar 2 on: 2, 5/3, 2.
/// let s = ratio_vs_average(&[2.0, 2.0, 2.0, 1.0, 3.0], 3)?;
/// assert_eq!(s, vec![None, None, Some(On), Some(Below), Some(Above)]);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AverageSide {
    /// Above the average.
    Above,
    /// On it, up to rounding (within [`ratio_vs_average`]'s tolerance).
    On,
    /// Below it.
    Below,
}

/// The side of its `n`-period simple moving average each value is on.
///
/// Uses [`crate::indicators::sma`] (TA-Lib `SMA`). A value within `1e-12` of the average
/// (relative to the average) is [`AverageSide::On`]: the average's sum rounds, so a constant
/// series has an average a few units in the last place away from its value, and it is on
/// its average, not below or above it. Warm-up: `None` for `i < n - 1`; `None` also where
/// the value or its average is not finite (after a NaN at bar `j` the average is NaN up to
/// bar `j + n - 1` and recovers at `j + n`).
///
/// # Errors
/// [`Error::InvalidParameter`] when `n == 0`.
///
/// # Example
/// ```
/// use chartist::relative::{ratio_vs_average, AverageSide};
/// let s = ratio_vs_average(&[1.0, 1.0, 4.0], 3)?;
/// assert_eq!(s, vec![None, None, Some(AverageSide::Above)]);
/// let flat = ratio_vs_average(&[412.25 / 37.5; 12], 10)?; // a constant ratio line
/// assert!(flat[9..].iter().all(|s| *s == Some(AverageSide::On)));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn ratio_vs_average(x: &[f64], n: usize) -> Result<Vec<Option<AverageSide>>> {
    let avg = crate::indicators::sma(x, n)?;
    Ok(x.iter()
        .zip(&avg)
        .map(|(&v, &m)| {
            let tolerance = ON_AVERAGE_TOLERANCE * m.abs();
            if !(v.is_finite() && m.is_finite()) {
                None
            } else if v - m > tolerance {
                Some(AverageSide::Above)
            } else if m - v > tolerance {
                Some(AverageSide::Below)
            } else {
                Some(AverageSide::On)
            }
        })
        .collect())
}

/// A value this close to its average, relative to the average, is on it: rounding noise of
/// the average's sum (the same threshold the beta module uses for flat returns).
const ON_AVERAGE_TOLERANCE: f64 = 1e-12;

/// The slope of a ratio line: the least-squares slope of `ln(x)` over the last `n` values,
/// per bar.
///
/// Fitting the log makes the slope a relative rate that does not depend on the ratio's level
/// (so it is unchanged when either price series is scaled): 0.001 means the ratio grows about
/// 0.1% per bar. It is TA-Lib `LINEARREG_SLOPE` applied to `ln(x)`. Warm-up: NaN for
/// `i < n - 1`; NaN when any value in the window is not a positive finite number.
///
/// # Errors
/// [`Error::InvalidParameter`] when `n < 2`.
///
/// # Example
/// ```
/// use chartist::relative::ratio_slope;
/// let x: Vec<f64> = (0..5).map(|i| (0.01 * i as f64).exp()).collect();
/// let s = ratio_slope(&x, 3)?;
/// assert!(s[1].is_nan());
/// assert!((s[4] - 0.01).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn ratio_slope(x: &[f64], n: usize) -> Result<Vec<f64>> {
    if n < 2 {
        return Err(Error::param("n", n, "must be at least 2"));
    }
    let mut out = vec![f64::NAN; x.len()];
    // Before any O(n) work: a window longer than the data (even n = usize::MAX) is all NaN.
    if x.len() < n {
        return Ok(out);
    }
    let logs: Vec<f64> = x
        .iter()
        .map(|&v| if good_price(v) { v.ln() } else { f64::NAN })
        .collect();
    let nf = n as f64;
    let t_mean = (nf - 1.0) / 2.0;
    let sxx: f64 = (0..n).map(|t| (t as f64 - t_mean).powi(2)).sum();
    for (o, w) in out[n - 1..].iter_mut().zip(logs.windows(n)) {
        let y_mean = w.iter().sum::<f64>() / nf;
        let sxy: f64 = w
            .iter()
            .enumerate()
            .map(|(t, &y)| (t as f64 - t_mean) * (y - y_mean))
            .sum();
        *o = sxy / sxx;
    }
    Ok(out)
}

/// The ratio line of two dated series, aligned by timestamp.
///
/// ```
/// use chartist::relative::RatioLine;
/// use chartist::series::PriceSeries;
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let a = PriceSeries::from_daily_closes("IWM", &[d(2), d(5), d(6)], vec![100.0, 102.0, 105.0])?;
/// let b = PriceSeries::from_daily_closes("SPY", &[d(2), d(6)], vec![200.0, 200.0])?;
/// let line = RatioLine::new(&a, &b)?;
/// assert_eq!(line.values(), &[0.5, 0.525]); // the 5th is not a common date
/// assert!((line.rebased(d(2))?[1] - 105.0).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RatioLine {
    asset: String,
    benchmark: String,
    times: Vec<NaiveDateTime>,
    values: Vec<f64>,
}

impl RatioLine {
    /// `asset / benchmark` on the dates both series have.
    ///
    /// ```
    /// use chartist::relative::RatioLine;
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// use chartist::Error;
    /// let a = PriceSeries::from_daily_closes("IWM", &[d(5), d(6)], vec![100.0, 110.0])?;
    /// let b = PriceSeries::from_daily_closes("SPY", &[d(6), d(7)], vec![200.0, 200.0])?;
    /// assert_eq!(RatioLine::new(&a, &b)?.values(), &[0.55]); // only the 6th is common
    /// let c = PriceSeries::from_daily_closes("QQQ", &[d(8)], vec![400.0])?;
    /// assert!(matches!(RatioLine::new(&a, &c), Err(Error::NoCommonDates { .. })));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::NoCommonDates`] when the series share no date.
    pub fn new(asset: &PriceSeries, benchmark: &PriceSeries) -> Result<Self> {
        let (times, a, b) = aligned_closes(asset, benchmark)?;
        Ok(RatioLine {
            asset: asset.symbol().to_string(),
            benchmark: benchmark.symbol().to_string(),
            times,
            values: ratio_line(&a, &b)?,
        })
    }
    /// The asset's symbol (numerator).
    ///
    /// ```
    /// use chartist::relative::RatioLine;
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("IWM", &[d(5), d(6), d(7)], vec![100.0, 110.0, 121.0])?;
    /// let b = PriceSeries::from_daily_closes("SPY", &[d(5), d(6), d(7)], vec![200.0; 3])?;
    /// let line = RatioLine::new(&a, &b)?; // 0.5, 0.55, 0.605: +10% a day
    /// assert_eq!(line.asset(), "IWM");
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn asset(&self) -> &str {
        &self.asset
    }
    /// The benchmark's symbol (denominator).
    ///
    /// ```
    /// use chartist::relative::RatioLine;
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("IWM", &[d(5), d(6), d(7)], vec![100.0, 110.0, 121.0])?;
    /// let b = PriceSeries::from_daily_closes("SPY", &[d(5), d(6), d(7)], vec![200.0; 3])?;
    /// let line = RatioLine::new(&a, &b)?; // 0.5, 0.55, 0.605: +10% a day
    /// assert_eq!(line.benchmark(), "SPY");
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn benchmark(&self) -> &str {
        &self.benchmark
    }
    /// The common dates.
    ///
    /// ```
    /// use chartist::relative::RatioLine;
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// use chartist::series::midnight;
    /// let a = PriceSeries::from_daily_closes("IWM", &[d(2), d(5), d(6)], vec![100.0, 102.0, 105.0])?;
    /// let b = PriceSeries::from_daily_closes("SPY", &[d(2), d(6)], vec![200.0, 200.0])?;
    /// let line = RatioLine::new(&a, &b)?;
    /// assert_eq!(line.times(), &[midnight(d(2)), midnight(d(6))]); // the common dates
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn times(&self) -> &[NaiveDateTime] {
        &self.times
    }
    /// The plain ratio values, one per common date.
    ///
    /// ```
    /// use chartist::relative::RatioLine;
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("IWM", &[d(5), d(6), d(7)], vec![100.0, 110.0, 121.0])?;
    /// let b = PriceSeries::from_daily_closes("SPY", &[d(5), d(6), d(7)], vec![200.0; 3])?;
    /// let line = RatioLine::new(&a, &b)?; // 0.5, 0.55, 0.605: +10% a day
    /// assert_eq!(line.values(), &[0.5, 0.55, 0.605]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn values(&self) -> &[f64] {
        &self.values
    }
    /// Position of the last common date on or before `key`.
    ///
    /// ```
    /// use chartist::relative::RatioLine;
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("IWM", &[d(5), d(6), d(7)], vec![100.0, 110.0, 121.0])?;
    /// let b = PriceSeries::from_daily_closes("SPY", &[d(5), d(6), d(7)], vec![200.0; 3])?;
    /// let line = RatioLine::new(&a, &b)?; // 0.5, 0.55, 0.605: +10% a day
    /// assert_eq!(line.index_as_of(d(10)), Some(2)); // Saturday: Wednesday's bar
    /// assert_eq!(line.index_as_of(d(4)), None); // before the first common date
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn index_as_of(&self, key: impl TimeKey) -> Option<usize> {
        let n = self.times.partition_point(|t| *t <= key.end());
        n.checked_sub(1)
    }
    /// The ratio on the last common date on or before `key`.
    ///
    /// ```
    /// use chartist::relative::RatioLine;
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("IWM", &[d(5), d(6), d(7)], vec![100.0, 110.0, 121.0])?;
    /// let b = PriceSeries::from_daily_closes("SPY", &[d(5), d(6), d(7)], vec![200.0; 3])?;
    /// let line = RatioLine::new(&a, &b)?; // 0.5, 0.55, 0.605: +10% a day
    /// assert_eq!(line.value_as_of(d(6)), Some(0.55));
    /// assert_eq!(line.value_as_of(d(4)), None);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn value_as_of(&self, key: impl TimeKey) -> Option<f64> {
        self.index_as_of(key).map(|i| self.values[i])
    }
    /// The line rebased to 100 on the last common date on or before `key`.
    ///
    /// ```
    /// use chartist::relative::RatioLine;
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("IWM", &[d(5), d(6), d(7)], vec![100.0, 110.0, 121.0])?;
    /// let b = PriceSeries::from_daily_closes("SPY", &[d(5), d(6), d(7)], vec![200.0; 3])?;
    /// let line = RatioLine::new(&a, &b)?; // 0.5, 0.55, 0.605: +10% a day
    /// use chartist::Error;
    /// let r = line.rebased(d(6))?; // 100 on the 6th
    /// assert!((r[0] - 100.0 / 1.1).abs() < 1e-12 && r[1] == 100.0 && (r[2] - 110.0).abs() < 1e-12);
    /// assert!(matches!(line.rebased(d(1)), Err(Error::DateNotFound { .. })));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::DateNotFound`] when no common date is on or before `key`.
    pub fn rebased(&self, key: impl TimeKey) -> Result<Vec<f64>> {
        let i = self.index_as_of(key).ok_or_else(|| Error::DateNotFound {
            what: format!("ratio {}/{} rebase date", self.asset, self.benchmark),
            date: key.start(),
        })?;
        let k = 100.0 / self.values[i];
        Ok(self.values.iter().map(|v| v * k).collect())
    }
    /// The natural log of the line.
    ///
    /// ```
    /// use chartist::relative::RatioLine;
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("IWM", &[d(5), d(6), d(7)], vec![100.0, 110.0, 121.0])?;
    /// let b = PriceSeries::from_daily_closes("SPY", &[d(5), d(6), d(7)], vec![200.0; 3])?;
    /// let line = RatioLine::new(&a, &b)?; // 0.5, 0.55, 0.605: +10% a day
    /// let l = line.log();
    /// assert!((l[0] - 0.5f64.ln()).abs() < 1e-12);
    /// assert!((l[2] - l[1] - 1.1f64.ln()).abs() < 1e-12); // equal steps for equal % moves
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn log(&self) -> Vec<f64> {
        self.values.iter().map(|v| v.ln()).collect()
    }
    /// [`ratio_extremes`] of the line.
    ///
    /// ```
    /// use chartist::relative::RatioLine;
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("IWM", &[d(5), d(6), d(7)], vec![100.0, 110.0, 121.0])?;
    /// let b = PriceSeries::from_daily_closes("SPY", &[d(5), d(6), d(7)], vec![200.0; 3])?;
    /// let line = RatioLine::new(&a, &b)?; // 0.5, 0.55, 0.605: +10% a day
    /// use chartist::relative::RatioExtreme;
    /// assert_eq!(line.extremes(2)?, vec![None, None, Some(RatioExtreme::NewHigh)]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`ratio_extremes`].
    pub fn extremes(&self, n: usize) -> Result<Vec<Option<RatioExtreme>>> {
        ratio_extremes(&self.values, n)
    }
    /// [`ratio_vs_average`] of the line.
    ///
    /// ```
    /// use chartist::relative::RatioLine;
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("IWM", &[d(5), d(6), d(7)], vec![100.0, 110.0, 121.0])?;
    /// let b = PriceSeries::from_daily_closes("SPY", &[d(5), d(6), d(7)], vec![200.0; 3])?;
    /// let line = RatioLine::new(&a, &b)?; // 0.5, 0.55, 0.605: +10% a day
    /// use chartist::relative::AverageSide;
    /// assert_eq!(line.vs_average(2)?, vec![None, Some(AverageSide::Above), Some(AverageSide::Above)]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`ratio_vs_average`].
    pub fn vs_average(&self, n: usize) -> Result<Vec<Option<AverageSide>>> {
        ratio_vs_average(&self.values, n)
    }
    /// [`ratio_slope`] of the line.
    ///
    /// ```
    /// use chartist::relative::RatioLine;
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("IWM", &[d(5), d(6), d(7)], vec![100.0, 110.0, 121.0])?;
    /// let b = PriceSeries::from_daily_closes("SPY", &[d(5), d(6), d(7)], vec![200.0; 3])?;
    /// let line = RatioLine::new(&a, &b)?; // 0.5, 0.55, 0.605: +10% a day
    /// let s = line.slope(3)?;
    /// assert!(s[1].is_nan() && (s[2] - 1.1f64.ln()).abs() < 1e-12); // ln(1.1) per bar
    /// assert!(line.slope(1).is_err()); // a slope needs two points
    /// # Ok::<(), chartist::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`ratio_slope`].
    pub fn slope(&self, n: usize) -> Result<Vec<f64>> {
        ratio_slope(&self.values, n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extremes_need_a_clean_window() {
        let e = ratio_extremes(&[1.0, f64::NAN, 3.0, 4.0], 1).unwrap_or_default();
        assert_eq!(e, vec![None, None, None, Some(RatioExtreme::NewHigh)]);
    }

    #[test]
    fn rebase_at_a_bad_price_is_an_error() {
        assert!(rebased_ratio(&[1.0, 2.0], &[0.0, 1.0], 0).is_err());
        assert!(rebased_ratio(&[1.0, 2.0], &[1.0, 1.0], 5).is_err());
    }
}
