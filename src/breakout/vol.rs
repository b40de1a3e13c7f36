//! The one place where the breakout module gets its true range and average true range.
//!
//! Everything ATR-based in [`crate::breakout`] (width limits, distances in ATRs, ATR
//! confirmation, retest tolerance) goes through [`AtrTracker`], which drives the crate's
//! [`Atr`] and [`TrueRange`] indicators.

use crate::indicators::{Atr, Hlc, Indicator, TrueRange};
use crate::Result;

/// Wilder's ATR (TA-Lib `ATR`) and the true range, fed bar by bar.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AtrTracker {
    atr: Atr,
    true_range: TrueRange,
    value: Option<f64>,
}

impl AtrTracker {
    pub(crate) fn new(period: usize) -> Result<Self> {
        Ok(AtrTracker {
            atr: Atr::new(period)?,
            true_range: TrueRange::new(),
            value: None,
        })
    }

    /// Feeds one bar (finite prices); returns this bar's true range (`high - low` for the
    /// first bar, which has no previous close).
    pub(crate) fn update(&mut self, high: f64, low: f64, close: f64) -> f64 {
        let bar = Hlc::new(high, low, close);
        self.value = self.atr.update(bar);
        self.true_range.update(bar).unwrap_or(high - low)
    }

    /// The ATR as of the last bar fed, once warmed up.
    pub(crate) fn value(&self) -> Option<f64> {
        self.value
    }
}
