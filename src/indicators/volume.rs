//! Volume-based indicators: on-balance volume.
//!
//! On-balance volume (Joe Granville) is a running total of volume that adds a bar's volume when
//! the close rose and subtracts it when the close fell: volume confirming or diverging from the
//! price trend.

use crate::error::{check_len, Result};
use crate::indicators::core::Indicator;

/// One bar's close and volume, the input of the streaming [`Obv`].
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
    pub fn new(close: f64, volume: f64) -> Self {
        CloseVolume { close, volume }
    }

    /// True when both values are finite.
    pub fn is_finite(&self) -> bool {
        self.close.is_finite() && self.volume.is_finite()
    }
}

/// On-balance volume (TA-Lib `TA_OBV`, ChartSchool "On Balance Volume").
///
/// `obv[0] = volume[0]` (TA-Lib's start; ChartSchool and Stock.Indicators start from 0, so their
/// values are these minus the first volume); then `obv[i] = obv[i-1] + volume[i]` when
/// `close[i] > close[i-1]`, `- volume[i]` when it fell, unchanged when equal.
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
    let mut o = Obv::new();
    Ok(close
        .iter()
        .zip(volume)
        .map(|(&c, &v)| o.update(CloseVolume::new(c, v)).unwrap_or(f64::NAN))
        .collect())
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
            Some((prev, total)) if bar.close > prev => total + bar.volume,
            Some((prev, total)) if bar.close < prev => total - bar.volume,
            Some((_, total)) => total,
        })
    }

    fn reset(&mut self) {
        self.state = None;
    }

    fn lookback(&self) -> usize {
        0
    }
}
