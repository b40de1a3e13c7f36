//! The one place where the breakout module gets its average true range.
//!
//! Everything ATR-based in [`crate::breakout`] (width limits, distances in ATRs, ATR
//! confirmation, retest tolerance) goes through [`AtrTracker`], so the source of the numbers
//! is swapped in a single spot.

use crate::indicators::{Indicator, Rma};
use crate::Result;

/// Wilder's ATR fed bar by bar, TA-Lib convention: the first true range (which has no previous
/// close) is skipped, the next `period` true ranges seed the average, which is then smoothed
/// with Wilder's `1/period`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AtrTracker {
    average: Rma,
    prev_close: Option<f64>,
    value: Option<f64>,
}

impl AtrTracker {
    pub(crate) fn new(period: usize) -> Result<Self> {
        Ok(AtrTracker {
            average: Rma::new(period)?,
            prev_close: None,
            value: None,
        })
    }

    /// Feeds one bar (finite prices, `high >= close >= low`); returns this bar's true range.
    pub(crate) fn update(&mut self, high: f64, low: f64, close: f64) -> f64 {
        let tr = match self.prev_close {
            Some(pc) => high.max(pc) - low.min(pc),
            None => high - low,
        };
        if self.prev_close.is_some() {
            self.value = self.average.update(tr);
        }
        self.prev_close = Some(close);
        tr
    }

    /// The ATR as of the last bar fed, once warmed up.
    pub(crate) fn value(&self) -> Option<f64> {
        self.value
    }
}
