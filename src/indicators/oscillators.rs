//! Bounded oscillators over high/low/close bars: stochastic (slow and fast), Williams %R, CCI,
//! money flow index and the Ultimate Oscillator.
//!
//! Each answers "where does the close sit within the recent range?" in its own way:
//! - [`stochastic`] / [`stochastic_fast`]: the close's position in the highest-high /
//!   lowest-low range of the last `k` bars, 0..100, smoothed (George Lane's %K and %D).
//! - [`williams_r`]: the same position measured down from the high, -100..0.
//! - [`cci`]: the typical price's distance from its average in units of mean deviation
//!   (Donald Lambert), unbounded, usually within +-100.
//! - [`mfi`]: a volume-weighted RSI of the typical price, 0..100.
//! - [`ultimate_oscillator`]: buying pressure over three horizons (Larry Williams), 0..100.
//!
//! All follow TA-Lib's definitions and first output index (`TA_STOCH` with SMA smoothing,
//! `TA_STOCHF`, `TA_WILLR`, `TA_CCI`, `TA_MFI`, `TA_ULTOSC`). The batch functions run the
//! streaming types over the input, so both give the same numbers bit for bit.

use crate::error::{check_len, check_period, Result};
use crate::indicators::core::{Hlc, Hlcv, Indicator};
use crate::indicators::range::{bar_true_range, check_hlc, drive, hlc_bars};

// ---------------------------------------------------------------------------------------------
// Private building blocks: rolling extremes and rolling mean
// ---------------------------------------------------------------------------------------------

/// A fixed-capacity monotonic deque of `(bar number, value)` pairs: the front is the extreme of
/// the current window. Amortised O(1) per push, no allocation after construction.
#[derive(Debug, Clone, PartialEq)]
struct MonoDeque {
    index: Vec<u64>,
    value: Vec<f64>,
    head: usize,
    len: usize,
}

impl MonoDeque {
    fn new(capacity: usize) -> Self {
        MonoDeque {
            index: vec![0; capacity],
            value: vec![0.0; capacity],
            head: 0,
            len: 0,
        }
    }

    fn clear(&mut self) {
        self.head = 0;
        self.len = 0;
    }

    #[inline(always)]
    fn slot(&self, k: usize) -> usize {
        let s = self.head + k;
        if s >= self.index.len() {
            s - self.index.len()
        } else {
            s
        }
    }

    /// Pushes bar `i` with value `v`, keeping values ordered so that `dominates(front, later)`;
    /// drops entries that left the window of `period` bars ending at `i`.
    #[inline(always)]
    fn push(&mut self, i: u64, v: f64, period: usize, dominates: impl Fn(f64, f64) -> bool) {
        while self.len > 0 {
            let back = self.slot(self.len - 1);
            if dominates(v, self.value[back]) {
                self.len -= 1;
            } else {
                break;
            }
        }
        let s = self.slot(self.len);
        self.index[s] = i;
        self.value[s] = v;
        self.len += 1;
        while self.index[self.head] + period as u64 <= i {
            self.head = self.slot(1);
            self.len -= 1;
        }
    }

    /// The extreme of the entries still inside the window of `period` bars ending at bar `i`
    /// (before bar `i` itself is pushed), if any.
    #[inline(always)]
    fn front_within(&self, i: u64, period: usize) -> Option<f64> {
        (0..self.len.min(2))
            .map(|k| self.slot(k))
            .find(|&s| self.index[s] + period as u64 > i)
            .map(|s| self.value[s])
    }

    #[inline(always)]
    fn front(&self) -> f64 {
        self.value[self.head]
    }
}

/// Highest high and lowest low over a rolling window of bars.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RollingRange {
    period: usize,
    /// Bars pushed since the last reset.
    count: u64,
    max: MonoDeque,
    min: MonoDeque,
}

impl RollingRange {
    pub(crate) fn new(period: usize) -> Self {
        RollingRange {
            period,
            count: 0,
            max: MonoDeque::new(period + 1),
            min: MonoDeque::new(period + 1),
        }
    }

    pub(crate) fn reset(&mut self) {
        self.count = 0;
        self.max.clear();
        self.min.clear();
    }

    /// Pushes a bar; returns `(highest, lowest)` of the last `period` bars once that many were
    /// pushed.
    #[inline(always)]
    pub(crate) fn push(&mut self, high: f64, low: f64) -> Option<(f64, f64)> {
        let i = self.count;
        self.max.push(i, high, self.period, |new, old| new >= old);
        self.min.push(i, low, self.period, |new, old| new <= old);
        self.count += 1;
        (self.count >= self.period as u64).then(|| (self.max.front(), self.min.front()))
    }

    /// What [`push`](Self::push) would return, without pushing.
    #[inline(always)]
    pub(crate) fn peek(&self, high: f64, low: f64) -> Option<(f64, f64)> {
        if self.count + 1 < self.period as u64 {
            return None;
        }
        let i = self.count;
        let hi = match self.max.front_within(i, self.period) {
            Some(m) if m > high => m,
            _ => high,
        };
        let lo = match self.min.front_within(i, self.period) {
            Some(m) if m < low => m,
            _ => low,
        };
        Some((hi, lo))
    }

    /// `(highest, lowest)` of the last `period` bars pushed, once that many were pushed.
    pub(crate) fn current(&self) -> Option<(f64, f64)> {
        (self.count >= self.period as u64).then(|| (self.max.front(), self.min.front()))
    }
}

/// A simple moving average with TA-Lib's running-sum arithmetic (add the new value, divide,
/// then subtract the oldest), so its numbers equal `TA_SMA`'s bit for bit.
#[derive(Debug, Clone, PartialEq)]
struct RollingMean {
    buffer: Vec<f64>,
    position: usize,
    count: usize,
    total: f64,
}

impl RollingMean {
    fn new(period: usize) -> Self {
        RollingMean {
            buffer: vec![0.0; period],
            position: 0,
            count: 0,
            total: 0.0,
        }
    }

    fn reset(&mut self) {
        self.position = 0;
        self.count = 0;
        self.total = 0.0;
    }

    #[inline(always)]
    fn update(&mut self, x: f64) -> Option<f64> {
        let n = self.buffer.len();
        self.buffer[self.position] = x;
        self.total += x;
        self.position += 1;
        if self.position == n {
            self.position = 0;
        }
        if self.count + 1 < n {
            self.count += 1;
            return None;
        }
        self.count = n;
        let mean = self.total / n as f64;
        self.total -= self.buffer[self.position];
        Some(mean)
    }

    #[inline(always)]
    fn peek(&self, x: f64) -> Option<f64> {
        let n = self.buffer.len();
        (self.count + 1 >= n).then(|| (self.total + x) / n as f64)
    }
}

/// Position of `close` in the range `[lowest, highest]`, 0..100 (0 for a flat range).
#[inline(always)]
fn percent_k(close: f64, highest: f64, lowest: f64) -> f64 {
    let range = highest - lowest;
    if range != 0.0 {
        (close - lowest) / range * 100.0
    } else {
        0.0
    }
}

// ---------------------------------------------------------------------------------------------
// Stochastic
// ---------------------------------------------------------------------------------------------

/// The %K and %D lines of a stochastic oscillator, one value per input bar (NaN during warm-up).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StochasticOutput {
    /// The %K line (slow %K for [`stochastic`], fast %K for [`stochastic_fast`]).
    pub k: Vec<f64>,
    /// The %D line: the simple average of %K.
    pub d: Vec<f64>,
}

/// One bar's %K and %D, the output of the streaming [`Stochastic`] and [`StochasticFast`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StochasticPoint {
    /// The %K value.
    pub k: f64,
    /// The %D value.
    pub d: f64,
}

fn split_points(
    points: impl Iterator<Item = Option<StochasticPoint>>,
    len: usize,
) -> StochasticOutput {
    let mut out = StochasticOutput {
        k: Vec::with_capacity(len),
        d: Vec::with_capacity(len),
    };
    for p in points {
        let p = p.unwrap_or(StochasticPoint {
            k: f64::NAN,
            d: f64::NAN,
        });
        out.k.push(p.k);
        out.d.push(p.d);
    }
    out
}

/// Slow stochastic oscillator (TA-Lib `TA_STOCH` with SMA smoothing; ChartSchool
/// "Stochastic Oscillator (Fast, Slow, and Full)", the "full" variant).
///
/// Fast %K = `100 * (close - lowest low) / (highest high - lowest low)` over the last `k` bars
/// (0 when the range is flat); slow %K is the SMA of fast %K over `slow_k` bars and %D the SMA
/// of slow %K over `d` bars. `stochastic(h, l, c, 14, 3, 3)` is the common "slow stochastic".
///
/// Warm-up: `(k - 1) + (slow_k - 1) + (d - 1)` bars; both lines start at that index, as in
/// TA-Lib. A non-finite high, low or close gives NaN at that bar and the oscillator warms up
/// again afterwards.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` or `close` is not as long
/// as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::stochastic;
/// let high = [10.0, 11.0, 12.0, 13.0, 14.0];
/// let low = [9.0, 10.0, 11.0, 12.0, 13.0];
/// let close = [9.5, 11.0, 12.0, 13.0, 14.0];
/// let s = stochastic(&high, &low, &close, 2, 2, 2)?;
/// assert!(s.k[2].is_nan());
/// assert_eq!(s.k[3], 100.0); // closes at the top of the 2-bar range
/// assert_eq!(s.d[3], (s.k[3] + 100.0) / 2.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn stochastic(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    k: usize,
    slow_k: usize,
    d: usize,
) -> Result<StochasticOutput> {
    check_hlc(high, low, close)?;
    let mut s = Stochastic::new(k, slow_k, d)?;
    Ok(split_points(
        hlc_bars(high, low, close).map(|b| s.update(b)),
        high.len(),
    ))
}

/// Streaming slow stochastic (TA-Lib `TA_STOCH`, SMA smoothing); see [`stochastic`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlc, Indicator, Stochastic};
/// let mut s = Stochastic::new(14, 3, 3)?;
/// assert_eq!(s.lookback(), 17);
/// assert_eq!(s.update(Hlc::new(10.0, 9.0, 9.5)), None);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Stochastic {
    k_period: usize,
    range: RollingRange,
    slow_k: RollingMean,
    d: RollingMean,
}

impl Stochastic {
    /// A slow stochastic with a `k`-bar range, `slow_k`-bar %K smoothing and `d`-bar %D.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0.
    pub fn new(k: usize, slow_k: usize, d: usize) -> Result<Self> {
        check_period("k", k)?;
        check_period("slow_k", slow_k)?;
        check_period("d", d)?;
        Ok(Stochastic {
            k_period: k,
            range: RollingRange::new(k),
            slow_k: RollingMean::new(slow_k),
            d: RollingMean::new(d),
        })
    }
}

impl Indicator for Stochastic {
    type Input = Hlc;
    type Output = StochasticPoint;

    fn update(&mut self, bar: Hlc) -> Option<StochasticPoint> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let (hi, lo) = self.range.push(bar.high, bar.low)?;
        let k = self.slow_k.update(percent_k(bar.close, hi, lo))?;
        let d = self.d.update(k)?;
        Some(StochasticPoint { k, d })
    }

    fn peek(&self, bar: Hlc) -> Option<StochasticPoint> {
        if !bar.is_finite() {
            return None;
        }
        let (hi, lo) = self.range.peek(bar.high, bar.low)?;
        let k = self.slow_k.peek(percent_k(bar.close, hi, lo))?;
        let d = self.d.peek(k)?;
        Some(StochasticPoint { k, d })
    }

    fn reset(&mut self) {
        self.range.reset();
        self.slow_k.reset();
        self.d.reset();
    }

    fn lookback(&self) -> usize {
        self.k_period - 1 + self.slow_k.buffer.len() - 1 + self.d.buffer.len() - 1
    }
}

/// Fast stochastic oscillator (TA-Lib `TA_STOCHF`): fast %K over `k` bars and %D, its SMA over
/// `d` bars.
///
/// Warm-up: `(k - 1) + (d - 1)` bars; both lines start there, as in TA-Lib. NaN handling as
/// [`stochastic`].
///
/// # Errors
/// As [`stochastic`].
///
/// # Example
/// ```
/// use chartist::indicators::stochastic_fast;
/// let s = stochastic_fast(&[10.0, 11.0, 12.0], &[9.0, 10.0, 11.0], &[9.5, 10.0, 12.0], 2, 2)?;
/// assert_eq!(s.k[2], 100.0);
/// assert_eq!(s.d[2], 75.0); // mean of fast %K 50 and 100
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn stochastic_fast(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    k: usize,
    d: usize,
) -> Result<StochasticOutput> {
    check_hlc(high, low, close)?;
    let mut s = StochasticFast::new(k, d)?;
    Ok(split_points(
        hlc_bars(high, low, close).map(|b| s.update(b)),
        high.len(),
    ))
}

/// Streaming fast stochastic (TA-Lib `TA_STOCHF`); see [`stochastic_fast`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlc, Indicator, StochasticFast};
/// let mut s = StochasticFast::new(14, 3)?;
/// assert_eq!(s.lookback(), 15);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StochasticFast {
    k_period: usize,
    range: RollingRange,
    d: RollingMean,
}

impl StochasticFast {
    /// A fast stochastic with a `k`-bar range and `d`-bar %D.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0.
    pub fn new(k: usize, d: usize) -> Result<Self> {
        check_period("k", k)?;
        check_period("d", d)?;
        Ok(StochasticFast {
            k_period: k,
            range: RollingRange::new(k),
            d: RollingMean::new(d),
        })
    }
}

impl Indicator for StochasticFast {
    type Input = Hlc;
    type Output = StochasticPoint;

    fn update(&mut self, bar: Hlc) -> Option<StochasticPoint> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let (hi, lo) = self.range.push(bar.high, bar.low)?;
        let k = percent_k(bar.close, hi, lo);
        let d = self.d.update(k)?;
        Some(StochasticPoint { k, d })
    }

    fn peek(&self, bar: Hlc) -> Option<StochasticPoint> {
        if !bar.is_finite() {
            return None;
        }
        let (hi, lo) = self.range.peek(bar.high, bar.low)?;
        let k = percent_k(bar.close, hi, lo);
        let d = self.d.peek(k)?;
        Some(StochasticPoint { k, d })
    }

    fn reset(&mut self) {
        self.range.reset();
        self.d.reset();
    }

    fn lookback(&self) -> usize {
        self.k_period - 1 + self.d.buffer.len() - 1
    }
}

// ---------------------------------------------------------------------------------------------
// Williams %R
// ---------------------------------------------------------------------------------------------

/// Williams %R (TA-Lib `TA_WILLR`, ChartSchool "Williams %R").
///
/// `-100 * (highest high - close) / (highest high - lowest low)` over the last `period` bars:
/// 0 when the close is at the high of the range, -100 at its low, 0 for a flat range.
///
/// Warm-up: `period - 1` bars. A non-finite high, low or close gives NaN at that bar and the
/// indicator recovers once `period` finite bars follow it.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` or `close` is not as long
/// as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::williams_r;
/// let out = williams_r(&[10.0, 12.0], &[8.0, 9.0], &[9.0, 9.0], 2)?;
/// assert!(out[0].is_nan());
/// assert_eq!(out[1], -75.0); // 3 below the high of a 4-point range
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn williams_r(high: &[f64], low: &[f64], close: &[f64], period: usize) -> Result<Vec<f64>> {
    check_hlc(high, low, close)?;
    let mut w = WilliamsR::new(period)?;
    let mut out = vec![f64::NAN; high.len()];
    drive(&mut w, hlc_bars(high, low, close), &mut out);
    Ok(out)
}

/// %R from a close and a range (0 for a flat range).
#[inline(always)]
fn percent_r(close: f64, highest: f64, lowest: f64) -> f64 {
    let range = highest - lowest;
    if range != 0.0 {
        (highest - close) / range * -100.0
    } else {
        0.0
    }
}

/// Streaming Williams %R (TA-Lib `TA_WILLR`); see [`williams_r`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlc, Indicator, WilliamsR};
/// let mut w = WilliamsR::new(2)?;
/// assert_eq!(w.update(Hlc::new(10.0, 8.0, 9.0)), None);
/// assert_eq!(w.update(Hlc::new(12.0, 9.0, 9.0)), Some(-75.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct WilliamsR {
    range: RollingRange,
}

impl WilliamsR {
    /// A Williams %R over `period` bars.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0.
    pub fn new(period: usize) -> Result<Self> {
        check_period("period", period)?;
        Ok(WilliamsR {
            range: RollingRange::new(period),
        })
    }
}

impl Indicator for WilliamsR {
    type Input = Hlc;
    type Output = f64;

    fn update(&mut self, bar: Hlc) -> Option<f64> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let (hi, lo) = self.range.push(bar.high, bar.low)?;
        Some(percent_r(bar.close, hi, lo))
    }

    fn peek(&self, bar: Hlc) -> Option<f64> {
        if !bar.is_finite() {
            return None;
        }
        let (hi, lo) = self.range.peek(bar.high, bar.low)?;
        Some(percent_r(bar.close, hi, lo))
    }

    fn reset(&mut self) {
        self.range.reset();
    }

    fn lookback(&self) -> usize {
        self.range.period - 1
    }
}

// ---------------------------------------------------------------------------------------------
// CCI
// ---------------------------------------------------------------------------------------------

/// Commodity channel index (TA-Lib `TA_CCI`, ChartSchool "Commodity Channel Index").
///
/// With the typical price `tp = (high + low + close) / 3`, its `period`-bar simple average
/// `avg` and mean absolute deviation `md = mean(|tp - avg|)` over the same window:
/// `cci = (tp - avg) / (0.015 * md)`. A flat window (deviation within 1e-14 of the average's
/// magnitude) gives 0, as in TA-Lib.
///
/// Warm-up: `period - 1` bars. Cost: O(`period`) per bar (the mean deviation has no running
/// form). A non-finite high, low or close gives NaN at that bar and the index recovers once
/// `period` finite bars follow it.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` or `close` is not as long
/// as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::cci;
/// let out = cci(&[11.0, 12.0, 13.0], &[9.0, 10.0, 11.0], &[10.0, 11.0, 12.0], 3)?;
/// // typical prices 10, 11, 12: average 11, mean deviation 2/3
/// assert!((out[2] - 1.0 / (0.015 * (2.0 / 3.0))).abs() < 1e-9);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn cci(high: &[f64], low: &[f64], close: &[f64], period: usize) -> Result<Vec<f64>> {
    check_hlc(high, low, close)?;
    let mut c = Cci::new(period)?;
    let mut out = vec![f64::NAN; high.len()];
    drive(&mut c, hlc_bars(high, low, close), &mut out);
    Ok(out)
}

/// Streaming commodity channel index (TA-Lib `TA_CCI`); see [`cci`].
///
/// # Example
/// ```
/// use chartist::indicators::{Cci, Hlc, Indicator};
/// let mut c = Cci::new(20)?;
/// assert_eq!(c.lookback(), 19);
/// assert_eq!(c.update(Hlc::new(11.0, 9.0, 10.0)), None);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Cci {
    buffer: Vec<f64>,
    position: usize,
    count: usize,
}

impl Cci {
    /// A CCI over `period` bars.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0.
    pub fn new(period: usize) -> Result<Self> {
        check_period("period", period)?;
        Ok(Cci {
            buffer: vec![0.0; period],
            position: 0,
            count: 0,
        })
    }

    /// CCI of a full window held in `buffer`, whose latest typical price is `tp`.
    fn value(buffer: &[f64], tp: f64) -> f64 {
        let n = buffer.len() as f64;
        let average = buffer.iter().sum::<f64>() / n;
        let deviation = buffer.iter().map(|v| (v - average).abs()).sum::<f64>() / n;
        let scale = average.abs();
        let distance = tp - average;
        if distance.abs() <= 1e-14 * scale || deviation <= 1e-14 * scale || deviation == 0.0 {
            0.0
        } else {
            distance / (0.015 * deviation)
        }
    }
}

fn typical_price(high: f64, low: f64, close: f64) -> f64 {
    (high + low + close) / 3.0
}

impl Indicator for Cci {
    type Input = Hlc;
    type Output = f64;

    fn update(&mut self, bar: Hlc) -> Option<f64> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let tp = typical_price(bar.high, bar.low, bar.close);
        self.buffer[self.position] = tp;
        self.position += 1;
        if self.position == self.buffer.len() {
            self.position = 0;
        }
        if self.count + 1 < self.buffer.len() {
            self.count += 1;
            return None;
        }
        self.count = self.buffer.len();
        Some(Self::value(&self.buffer, tp))
    }

    fn peek(&self, bar: Hlc) -> Option<f64> {
        if !bar.is_finite() || self.count + 1 < self.buffer.len() {
            return None;
        }
        let tp = typical_price(bar.high, bar.low, bar.close);
        // The window the update would see: this buffer with the current slot replaced. Copy it
        // to a stack array when small, otherwise compute the two sums in place.
        let n = self.buffer.len() as f64;
        let at = |j: usize| {
            if j == self.position {
                tp
            } else {
                self.buffer[j]
            }
        };
        let len = self.buffer.len();
        let average = (0..len).map(at).sum::<f64>() / n;
        let deviation = (0..len).map(|j| (at(j) - average).abs()).sum::<f64>() / n;
        let scale = average.abs();
        let distance = tp - average;
        Some(
            if distance.abs() <= 1e-14 * scale || deviation <= 1e-14 * scale || deviation == 0.0 {
                0.0
            } else {
                distance / (0.015 * deviation)
            },
        )
    }

    fn reset(&mut self) {
        self.position = 0;
        self.count = 0;
    }

    fn lookback(&self) -> usize {
        self.buffer.len() - 1
    }
}

// ---------------------------------------------------------------------------------------------
// MFI
// ---------------------------------------------------------------------------------------------

/// A change of typical price this small relative to the two prices compared, `|tp - prev| <=
/// 1e-14 * (|tp| + |prev|)`, counts as no change (TA-Lib's scale-aware zero test,
/// `TA_IS_ZERO_SCALED`): `(h + l + c) / 3` of two bars with the same decimal typical price can
/// differ in the last bit, and that must not count as a fall. Relative, so it works the same
/// for prices of 1e-12 and of 1e12.
const TYPICAL_PRICE_TIE: f64 = 1e-14;

/// One bar's `(positive, negative)` money flow given its typical price, the previous one and
/// its volume (TA-Lib `TA_MFI`).
#[inline(always)]
fn money_flows(tp: f64, prev_tp: f64, volume: f64) -> (f64, f64) {
    let change = tp - prev_tp;
    let flow = if change.abs() <= TYPICAL_PRICE_TIE * (tp.abs() + prev_tp.abs()) {
        0.0
    } else {
        tp * volume
    };
    if change < 0.0 {
        (0.0, flow)
    } else {
        (flow, 0.0)
    }
}

/// Money flow index (TA-Lib `TA_MFI`, ChartSchool "Money Flow Index").
///
/// Raw money flow is `tp * volume` with `tp = (high + low + close) / 3`; it counts as positive
/// when `tp` rose from the previous bar, negative when it fell, and not at all when unchanged
/// (a change within `1e-14 * (|tp| + |previous tp|)` counts as unchanged, as in TA-Lib: the
/// same decimal typical price can differ in its last bit between bars).
/// Over the last `period` bars, `mfi = 100 * positive / (positive + negative)`; 0 when the
/// window carried no money flow at all.
///
/// Warm-up: `period` bars (the first bar has no previous typical price). A non-finite high,
/// low, close or volume gives NaN at that bar and the index warms up again afterwards.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low`, `close` or `volume` is
/// not as long as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::mfi;
/// let high = [10.0, 11.0, 10.0];
/// let low = [8.0, 9.0, 8.0];
/// let close = [9.0, 10.0, 9.0];
/// let volume = [100.0, 100.0, 100.0];
/// let out = mfi(&high, &low, &close, &volume, 2)?;
/// // typical price 9 -> 10 (+1000 flow) -> 9 (-900 flow)
/// assert!((out[2] - 100.0 * 1000.0 / 1900.0).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn mfi(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    volume: &[f64],
    period: usize,
) -> Result<Vec<f64>> {
    check_hlc(high, low, close)?;
    check_len("volume", high.len(), volume.len())?;
    let mut m = Mfi::new(period)?;
    let bars = hlc_bars(high, low, close)
        .zip(volume)
        .map(|(b, &v)| Hlcv::new(b.high, b.low, b.close, v));
    let mut out = vec![f64::NAN; high.len()];
    drive(&mut m, bars, &mut out);
    Ok(out)
}

/// Streaming money flow index (TA-Lib `TA_MFI`); see [`mfi`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlcv, Indicator, Mfi};
/// let mut m = Mfi::new(14)?;
/// assert_eq!(m.lookback(), 14);
/// assert_eq!(m.update(Hlcv::new(10.0, 8.0, 9.0, 100.0)), None);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Mfi {
    positive: Vec<f64>,
    negative: Vec<f64>,
    position: usize,
    /// Bars seen since the last reset (saturating at `period + 1`).
    seen: usize,
    prev_tp: f64,
    positive_sum: f64,
    negative_sum: f64,
    /// Consecutive bars without money flow (saturating at `period`).
    null_run: usize,
}

impl Mfi {
    /// An MFI over `period` bars.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0.
    pub fn new(period: usize) -> Result<Self> {
        check_period("period", period)?;
        Ok(Mfi {
            positive: vec![0.0; period],
            negative: vec![0.0; period],
            position: 0,
            seen: 0,
            prev_tp: 0.0,
            positive_sum: 0.0,
            negative_sum: 0.0,
            null_run: 0,
        })
    }

    fn flows(&self, bar: Hlcv) -> (f64, f64, f64) {
        let tp = typical_price(bar.high, bar.low, bar.close);
        let (pos, neg) = money_flows(tp, self.prev_tp, bar.volume);
        (tp, pos, neg)
    }

    fn ratio(positive: f64, negative: f64) -> f64 {
        let total = positive + negative;
        if total <= 0.0 {
            0.0
        } else {
            100.0 * (positive.clamp(0.0, total) / total)
        }
    }
}

impl Indicator for Mfi {
    type Input = Hlcv;
    type Output = f64;

    fn update(&mut self, bar: Hlcv) -> Option<f64> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let period = self.positive.len();
        let (tp, pos, neg) = self.flows(bar);
        self.prev_tp = tp;
        if self.seen == 0 {
            self.seen = 1;
            return None;
        }
        if self.seen > period {
            self.positive_sum -= self.positive[self.position];
            self.negative_sum -= self.negative[self.position];
        }
        self.positive[self.position] = pos;
        self.negative[self.position] = neg;
        self.positive_sum += pos;
        self.negative_sum += neg;
        self.position += 1;
        if self.position == period {
            self.position = 0;
        }
        // A whole window without money flow: the sums are exactly zero, drop their residue.
        self.null_run = if pos == 0.0 && neg == 0.0 {
            (self.null_run + 1).min(period)
        } else {
            0
        };
        if self.null_run >= period {
            self.positive_sum = 0.0;
            self.negative_sum = 0.0;
        }
        if self.seen < period {
            self.seen += 1;
            return None;
        }
        self.seen = period + 1;
        Some(Self::ratio(self.positive_sum, self.negative_sum))
    }

    fn peek(&self, bar: Hlcv) -> Option<f64> {
        let period = self.positive.len();
        if !bar.is_finite() || self.seen == 0 || self.seen < period {
            return None;
        }
        let (_, pos, neg) = self.flows(bar);
        let (mut p, mut n) = (self.positive_sum, self.negative_sum);
        if self.seen > period {
            p -= self.positive[self.position];
            n -= self.negative[self.position];
        }
        p += pos;
        n += neg;
        let null_run = if pos == 0.0 && neg == 0.0 {
            (self.null_run + 1).min(period)
        } else {
            0
        };
        if null_run >= period {
            p = 0.0;
            n = 0.0;
        }
        Some(Self::ratio(p, n))
    }

    fn reset(&mut self) {
        self.position = 0;
        self.seen = 0;
        self.prev_tp = 0.0;
        self.positive_sum = 0.0;
        self.negative_sum = 0.0;
        self.null_run = 0;
    }

    fn lookback(&self) -> usize {
        self.positive.len()
    }
}

// ---------------------------------------------------------------------------------------------
// Ultimate oscillator
// ---------------------------------------------------------------------------------------------

/// Ultimate Oscillator (TA-Lib `TA_ULTOSC`, ChartSchool "Ultimate Oscillator").
///
/// With buying pressure `bp = close - min(low, previous close)` and the true range `tr`, and
/// `avg_p = sum(bp) / sum(tr)` over the last `p` bars:
/// `uo = 100 * (4 * avg_short + 2 * avg_middle + avg_long) / 7`. As in TA-Lib the three periods
/// are sorted first, so the weight 4 always goes to the shortest; a window without any range
/// contributes 0. The usual periods are 7, 14 and 28.
///
/// Warm-up: the longest period (the first bar has no previous close). A non-finite high, low or
/// close gives NaN at that bar and the oscillator warms up again afterwards.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` or `close` is not as long
/// as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::ultimate_oscillator;
/// let high = [10.0, 11.0, 12.0, 13.0];
/// let low = [9.0, 10.0, 11.0, 12.0];
/// let close = [9.5, 11.0, 12.0, 13.0];
/// let out = ultimate_oscillator(&high, &low, &close, 1, 2, 3)?;
/// assert!(out[2].is_nan());
/// assert_eq!(out[3], 100.0); // every bar closed at its true high
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn ultimate_oscillator(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    n1: usize,
    n2: usize,
    n3: usize,
) -> Result<Vec<f64>> {
    check_hlc(high, low, close)?;
    let mut u = UltimateOscillator::new(n1, n2, n3)?;
    let mut out = vec![f64::NAN; high.len()];
    drive(&mut u, hlc_bars(high, low, close), &mut out);
    Ok(out)
}

/// Streaming Ultimate Oscillator (TA-Lib `TA_ULTOSC`); see [`ultimate_oscillator`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlc, Indicator, UltimateOscillator};
/// let mut u = UltimateOscillator::new(7, 14, 28)?;
/// assert_eq!(u.lookback(), 28);
/// assert_eq!(u.update(Hlc::new(10.0, 9.0, 9.5)), None);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct UltimateOscillator {
    /// Periods sorted from shortest to longest.
    periods: [usize; 3],
    pressure: Vec<f64>,
    range: Vec<f64>,
    /// Bars seen since the last reset (saturating at the longest period + 1).
    seen: usize,
    prev_close: f64,
    pressure_sum: [f64; 3],
    range_sum: [f64; 3],
    /// Consecutive bars without range (saturating at the longest period).
    null_run: usize,
}

impl UltimateOscillator {
    /// An Ultimate Oscillator over three periods (any order; they are sorted).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0.
    pub fn new(n1: usize, n2: usize, n3: usize) -> Result<Self> {
        check_period("n1", n1)?;
        check_period("n2", n2)?;
        check_period("n3", n3)?;
        let mut periods = [n1, n2, n3];
        periods.sort_unstable();
        Ok(UltimateOscillator {
            periods,
            pressure: vec![0.0; periods[2]],
            range: vec![0.0; periods[2]],
            seen: 0,
            prev_close: 0.0,
            pressure_sum: [0.0; 3],
            range_sum: [0.0; 3],
            null_run: 0,
        })
    }

    fn terms(&self, bar: Hlc) -> (f64, f64) {
        let true_low = if bar.low < self.prev_close {
            bar.low
        } else {
            self.prev_close
        };
        (
            bar.close - true_low,
            bar_true_range(bar.high, bar.low, self.prev_close),
        )
    }

    fn combine(a: &[f64; 3], b: &[f64; 3]) -> f64 {
        let mut output = 0.0;
        if b[0] > 0.0 {
            output += 4.0 * (a[0] / b[0]);
        }
        if b[1] > 0.0 {
            output += 2.0 * (a[1] / b[1]);
        }
        if b[2] > 0.0 {
            output += a[2] / b[2];
        }
        100.0 * (output / 7.0)
    }

    /// Sums after adding the term of bar number `j` (`j >= 1`): a period `p` starts
    /// accumulating at bar `longest - p + 1`, as TA-Lib does.
    #[inline(always)]
    fn added(&self, j: usize, bp: f64, tr: f64, null_run: usize) -> ([f64; 3], [f64; 3]) {
        let longest = self.periods[2];
        let (mut a, mut b) = (self.pressure_sum, self.range_sum);
        for k in 0..3 {
            if j + self.periods[k] > longest {
                a[k] += bp;
                b[k] += tr;
            }
            if null_run >= self.periods[k] {
                a[k] = 0.0;
                b[k] = 0.0;
            }
        }
        (a, b)
    }
}

impl Indicator for UltimateOscillator {
    type Input = Hlc;
    type Output = f64;

    fn update(&mut self, bar: Hlc) -> Option<f64> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let longest = self.periods[2];
        if self.seen == 0 {
            self.seen = 1;
            self.prev_close = bar.close;
            return None;
        }
        let j = self.seen;
        let (bp, tr) = self.terms(bar);
        self.prev_close = bar.close;
        self.null_run = if tr == 0.0 {
            (self.null_run + 1).min(longest)
        } else {
            0
        };
        let (a, b) = self.added(j, bp, tr, self.null_run);
        self.pressure_sum = a;
        self.range_sum = b;
        let slot = j % longest;
        self.pressure[slot] = bp;
        self.range[slot] = tr;
        if j < longest {
            self.seen += 1;
            return None;
        }
        let out = Self::combine(&a, &b);
        // Drop the oldest term of each window, ready for the next bar.
        for k in 0..3 {
            let trailing = (j + 1 - self.periods[k]) % longest;
            self.pressure_sum[k] -= self.pressure[trailing];
            self.range_sum[k] -= self.range[trailing];
        }
        // Bar numbers only matter modulo the longest period once warmed up.
        self.seen = longest + (j + 1 - longest) % longest;
        Some(out)
    }

    fn peek(&self, bar: Hlc) -> Option<f64> {
        let longest = self.periods[2];
        if !bar.is_finite() || self.seen < longest {
            return None;
        }
        let (bp, tr) = self.terms(bar);
        let null_run = if tr == 0.0 {
            (self.null_run + 1).min(longest)
        } else {
            0
        };
        let (a, b) = self.added(self.seen, bp, tr, null_run);
        Some(Self::combine(&a, &b))
    }

    fn reset(&mut self) {
        self.seen = 0;
        self.prev_close = 0.0;
        self.pressure_sum = [0.0; 3];
        self.range_sum = [0.0; 3];
        self.null_run = 0;
    }

    fn lookback(&self) -> usize {
        self.periods[2]
    }
}
