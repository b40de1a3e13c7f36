//! Volume-based indicators: on-balance volume.
//!
//! On-balance volume (Joe Granville) is a running total of volume that adds a bar's volume when
//! the close rose and subtracts it when the close fell: volume confirming or diverging from the
//! price trend.

use crate::error::{check_len, Result};
use crate::indicators::core::{for_each_finite_run, Indicator};

/// One bar's close and volume, the input of the streaming [`Obv`].
///
/// # Example
/// ```
/// use chartist::indicators::CloseVolume;
/// let bar = CloseVolume { close: 10.0, volume: 500.0 };
/// assert_eq!(bar, CloseVolume::new(10.0, 500.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CloseVolume {
    /// The bar's close.
    pub close: f64,
    /// The bar's volume.
    pub volume: f64,
}

impl CloseVolume {
    /// Builds an input from a close and a volume.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::CloseVolume;
    /// assert_eq!(CloseVolume::new(10.0, 500.0).volume, 500.0);
    /// ```
    pub fn new(close: f64, volume: f64) -> Self {
        CloseVolume { close, volume }
    }

    /// True when both values are finite.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::CloseVolume;
    /// assert!(CloseVolume::new(10.0, 500.0).is_finite());
    /// assert!(!CloseVolume::new(10.0, f64::NAN).is_finite());
    /// ```
    pub fn is_finite(&self) -> bool {
        self.close.is_finite() && self.volume.is_finite()
    }
}

/// On-balance volume (TA-Lib `TA_OBV`, ChartSchool "On Balance Volume").
///
/// `obv[0] = volume[0]` (TA-Lib's start; ChartSchool and Stock.Indicators start from 0, so their
/// values are these minus the first volume); then `obv[i] = obv[i-1] + volume[i]` when
/// `close[i] > close[i-1]`, `- volume[i]` when it fell, unchanged when equal (computed as
/// `obv[i-1] + d * volume[i]` with `d` in {1, -1, 0}, the same numbers; a running total of
/// exactly 0 may come out as +0 where TA-Lib keeps -0).
///
/// Warm-up: none (the first value is at index 0). A non-finite close or volume gives NaN at
/// that bar and the total restarts from the next bar's volume, as if a new series began there.
///
/// # Errors
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `volume` is not as long as
/// `close`.
///
/// # Example
/// ```
/// use chartist::indicators::obv;
/// let out = obv(&[10.0, 11.0, 10.5, 10.5], &[100.0, 200.0, 50.0, 70.0])?;
/// assert_eq!(out, vec![100.0, 300.0, 250.0, 250.0]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn obv(close: &[f64], volume: &[f64]) -> Result<Vec<f64>> {
    check_len("volume", close.len(), volume.len())?;
    let (Some(&c0), Some(&v0)) = (close.first(), volume.first()) else {
        return Ok(Vec::new());
    };
    // Optimistic: one pass that builds the output (no zero-fill pass) and checks the inputs
    // on the way (`(c + v) * 0.0` is 0 for finite values, NaN otherwise or on overflow, which
    // only sends us to the exact path); run by run only when that check fails.
    let mut out = Vec::with_capacity(close.len());
    let mut check = (c0 + v0) * 0.0;
    let mut total = v0;
    out.push(total);
    let bars = close[1..].iter().zip(close).zip(&volume[1..]);
    out.extend(bars.map(|((&c, &prev), &v)| {
        check += (c + v) * 0.0;
        total += direction(c, prev) * v;
        total
    }));
    if check != 0.0 {
        let finite = |i: usize| close[i].is_finite() && volume[i].is_finite();
        for_each_finite_run(close.len(), finite, &mut out, |s, e, o| {
            obv_kernel(&close[s..e], &volume[s..e], o);
        });
    }
    Ok(out)
}

/// The sign of a close's move: 1 up, -1 down, 0 unchanged (branch-free: the direction of a
/// random walk is unpredictable, so a branch would miss half the time).
#[inline(always)]
fn direction(close: f64, prev: f64) -> f64 {
    f64::from(i8::from(close > prev) - i8::from(close < prev))
}

/// OBV of one all-finite run: `total += direction * volume`, the arithmetic of [`Obv`] (and of
/// the fast path of [`obv`]).
fn obv_kernel(close: &[f64], volume: &[f64], out: &mut [f64]) {
    let Some(&v0) = volume.first() else {
        return;
    };
    let mut total = v0;
    out[0] = total;
    let bars = close[1..].iter().zip(close).zip(&volume[1..]);
    for (o, ((&c, &prev), &v)) in out[1..].iter_mut().zip(bars) {
        total += direction(c, prev) * v;
        *o = total;
    }
}

/// Streaming on-balance volume (TA-Lib `TA_OBV`); see [`obv`].
///
/// # Example
/// ```
/// use chartist::indicators::{CloseVolume, Indicator, Obv};
/// let mut o = Obv::new();
/// assert_eq!(o.update(CloseVolume::new(10.0, 100.0)), Some(100.0));
/// assert_eq!(o.update(CloseVolume::new(9.0, 30.0)), Some(70.0));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Obv {
    /// `(previous close, total)` once a bar was seen.
    state: Option<(f64, f64)>,
}

impl Obv {
    /// An on-balance volume that has seen no bar yet.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{CloseVolume, Indicator, Obv};
    /// let mut o = Obv::new();
    /// assert_eq!(o.lookback(), 0);
    /// assert_eq!(o.update(CloseVolume::new(10.0, 100.0)), Some(100.0));
    /// ```
    pub fn new() -> Self {
        Obv { state: None }
    }
}

impl Indicator for Obv {
    type Input = CloseVolume;
    type Output = f64;

    fn update(&mut self, bar: CloseVolume) -> Option<f64> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let total = self.peek(bar)?;
        self.state = Some((bar.close, total));
        Some(total)
    }

    fn peek(&self, bar: CloseVolume) -> Option<f64> {
        if !bar.is_finite() {
            return None;
        }
        Some(match self.state {
            None => bar.volume,
            Some((prev, total)) => total + direction(bar.close, prev) * bar.volume,
        })
    }

    fn reset(&mut self) {
        self.state = None;
    }

    fn lookback(&self) -> usize {
        0
    }
}
