//! Mansfield and Dorsey relative strength: the ratio line as an oscillator or a percentage.
//!
//! * **Dorsey RS** is the ratio line times 100 (`100 * A / B`), as in Thomas Dorsey's
//!   point-and-figure work and ChartSchool's *Price Relative*.
//! * **Mansfield RS** (Stan Weinstein / Mansfield Charts) is the ratio line's percentage
//!   distance from its own moving average: `(ratio / SMA(ratio, n) - 1) * 100`. Above zero, the
//!   asset is outperforming relative to its recent norm. Classically weekly with `n = 52`; a
//!   daily variant uses about a year of days.

use chrono::NaiveDateTime;

use super::{aligned_closes, ratio::ratio_line};
use crate::error::{check_period, Result};
use crate::series::PriceSeries;

/// Dorsey relative strength `100 * asset / benchmark` of two aligned price slices.
///
/// No warm-up; NaN where either price is bad (NaN, zero, negative).
///
/// # Errors
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) for slices of different lengths.
///
/// # Example
/// ```
/// use chartist::relative::dorsey_rs;
/// assert_eq!(dorsey_rs(&[20.0], &[40.0])?, vec![50.0]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn dorsey_rs(asset: &[f64], benchmark: &[f64]) -> Result<Vec<f64>> {
    let mut r = ratio_line(asset, benchmark)?;
    r.iter_mut().for_each(|v| *v *= 100.0);
    Ok(r)
}

/// Mansfield relative strength `(ratio / SMA(ratio, n) - 1) * 100` of two aligned price
/// slices, on whatever bars they hold (weekly closes for the classic version).
///
/// The average is [`crate::indicators::sma`] (TA-Lib `SMA`). Warm-up: NaN for `i < n - 1`.
/// A bad price gives NaN there and for the next `n - 1` bars (the average's window).
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) for slices of different lengths.
///
/// # Example
/// ```
/// use chartist::relative::mansfield_rs;
/// let m = mansfield_rs(&[10.0, 10.0, 13.0], &[10.0, 10.0, 10.0], 3)?;
/// assert!(m[1].is_nan());
/// assert!((m[2] - 18.181818181818183).abs() < 1e-9); // 1.3 / 1.1 - 1
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn mansfield_rs(asset: &[f64], benchmark: &[f64], n: usize) -> Result<Vec<f64>> {
    check_period("n", n)?;
    let r = ratio_line(asset, benchmark)?;
    let avg = crate::indicators::sma(&r, n)?;
    Ok(r.iter()
        .zip(&avg)
        .map(|(v, m)| (v / m - 1.0) * 100.0)
        .collect())
}

/// The bars Mansfield RS is computed on.
///
/// ```
/// use chartist::relative::{mansfield_rs_of_series, MansfieldConfig, RsTimeframe};
/// let story = chartist::sample::story(3);
/// let (a, b) = (&story.small_caps, &story.benchmark);
/// let cfg = MansfieldConfig::default().period(10);
/// let (weekly, _) = mansfield_rs_of_series(a, b, cfg)?;
/// let (daily, _) = mansfield_rs_of_series(a, b, cfg.timeframe(RsTimeframe::Daily))?;
/// assert_eq!(daily.len(), b.len());
/// assert_eq!(weekly.len(), b.len().div_ceil(5)); // weekdays, ending on a Friday
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RsTimeframe {
    /// Weekly closes (Monday-to-Sunday weeks, as [`resample`](crate::series::resample) makes
    /// them) — the classic (default).
    #[default]
    Weekly,
    /// Daily closes as given.
    Daily,
}

/// Parameters of [`mansfield_rs_of_series`].
///
/// ```
/// use chartist::relative::{MansfieldConfig, RsTimeframe};
/// let c = MansfieldConfig::default();
/// assert_eq!((c.timeframe, c.period), (RsTimeframe::Weekly, 52));
/// assert_eq!(MansfieldConfig::daily().period, 252);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MansfieldConfig {
    /// Weekly (default) or daily bars.
    pub timeframe: RsTimeframe,
    /// Moving-average length in bars of the timeframe (52 weeks by default).
    pub period: usize,
}

impl Default for MansfieldConfig {
    fn default() -> Self {
        MansfieldConfig {
            timeframe: RsTimeframe::Weekly,
            period: 52,
        }
    }
}

impl MansfieldConfig {
    /// The daily variant: 252 daily bars (about 52 weeks).
    ///
    /// ```
    /// use chartist::relative::{mansfield_rs_of_series, MansfieldConfig, RsTimeframe};
    /// let c = MansfieldConfig::daily();
    /// assert_eq!((c.timeframe, c.period), (RsTimeframe::Daily, 252));
    /// let story = chartist::sample::story(3);
    /// let (_, m) = mansfield_rs_of_series(&story.small_caps, &story.benchmark, c)?;
    /// assert!(m[250].is_nan() && m[251].is_finite()); // warm-up: period - 1 bars
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn daily() -> Self {
        MansfieldConfig {
            timeframe: RsTimeframe::Daily,
            period: 252,
        }
    }
    /// Sets the moving-average length.
    ///
    /// ```
    /// use chartist::relative::{mansfield_rs_of_series, MansfieldConfig};
    /// use chartist::series::PriceSeries;
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let a = PriceSeries::from_daily_closes("A", &[d(5), d(6), d(7)], vec![10.0, 10.0, 12.0])?;
    /// let b = PriceSeries::from_daily_closes("B", &[d(5), d(6), d(7)], vec![10.0; 3])?;
    /// // Ratio 1, 1, 1.2 against its 2-bar average 1, 1.1.
    /// let (_, m) = mansfield_rs_of_series(&a, &b, MansfieldConfig::daily().period(2))?;
    /// assert!(m[0].is_nan() && m[1] == 0.0 && (m[2] - 100.0 / 11.0).abs() < 1e-9);
    /// assert!(mansfield_rs_of_series(&a, &b, MansfieldConfig::daily().period(0)).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(mut self, period: usize) -> Self {
        self.period = period;
        self
    }
    /// Sets the timeframe (the period is kept).
    ///
    /// ```
    /// use chartist::relative::{mansfield_rs_of_series, MansfieldConfig, RsTimeframe};
    /// use chartist::series::{midnight, PriceSeries};
    /// # use chrono::NaiveDate;
    /// # let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// let days = chartist::sample::weekdays(d(5), 10); // Monday 5th to Friday 16th
    /// let a = PriceSeries::from_daily_closes("A", &days, (1..=10).map(f64::from).collect())?;
    /// let b = PriceSeries::from_daily_closes("B", &days, vec![1.0; 10])?;
    /// let cfg = MansfieldConfig::daily().period(2).timeframe(RsTimeframe::Weekly);
    /// let (t, m) = mansfield_rs_of_series(&a, &b, cfg)?;
    /// assert_eq!(t, vec![midnight(d(9)), midnight(d(16))]); // Friday closes: ratio 5, then 10
    /// assert!((m[1] - 100.0 / 3.0).abs() < 1e-9); // 10 / 7.5 - 1
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn timeframe(mut self, timeframe: RsTimeframe) -> Self {
        self.timeframe = timeframe;
        self
    }
}

/// Mansfield RS of two dated series, aligned by timestamp and (by default) resampled to weekly
/// closes. Returns the bar timestamps (for weekly: each week's last common trading day) and
/// the values.
///
/// The last weekly bar may cover an unfinished week; it is still reported (it changes as the
/// week completes). Warm-up: `period - 1` bars of the timeframe.
///
/// # Errors
/// [`Error::NoCommonDates`](crate::Error::NoCommonDates) when the series share no date;
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when the period is 0.
///
/// # Example
/// ```
/// use chartist::relative::{mansfield_rs_of_series, MansfieldConfig};
/// let story = chartist::sample::story(42);
/// let (times, m) = mansfield_rs_of_series(&story.small_caps, &story.benchmark, MansfieldConfig::default())?;
/// assert_eq!(times.len(), m.len());
/// assert!(m[50].is_nan() && m[51].is_finite());
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn mansfield_rs_of_series(
    asset: &PriceSeries,
    benchmark: &PriceSeries,
    config: MansfieldConfig,
) -> Result<(Vec<NaiveDateTime>, Vec<f64>)> {
    check_period("period", config.period)?;
    let (times, a, b) = aligned_closes(asset, benchmark)?;
    match config.timeframe {
        RsTimeframe::Daily => Ok((times.clone(), mansfield_rs(&a, &b, config.period)?)),
        RsTimeframe::Weekly => {
            let (wt, wa, wb) = weekly_closes(&times, &a, &b)?;
            let m = mansfield_rs(&wa, &wb, config.period)?;
            Ok((wt, m))
        }
    }
}

/// Weekly closes of two aligned close columns.
pub(crate) fn weekly_closes(
    times: &[NaiveDateTime],
    a: &[f64],
    b: &[f64],
) -> Result<(Vec<NaiveDateTime>, Vec<f64>, Vec<f64>)> {
    let (wt, mut cols) = super::weekly_columns(times, &[a, b]);
    let wb = cols.pop().unwrap_or_default();
    let wa = cols.pop().unwrap_or_default();
    Ok((wt, wa, wb))
}
