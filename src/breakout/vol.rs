//! The one place where the breakout module gets its true range and average true range.
//!
//! Everything ATR-based in [`crate::breakout`] (width limits, distances in ATRs, ATR
//! confirmation, retest tolerance) goes through [`AtrTracker`]: Wilder's ATR exactly as the
//! crate's [`Atr`](crate::indicators::Atr) computes it (same seed, same factors, same order of
//! operations, so the values are bit-for-bit equal; a unit test below checks it), but with the
//! true range computed once per bar and no finiteness test, since the detector only ever feeds
//! finite bars.

use crate::error::check_window;
use crate::indicators::bar_true_range;
use crate::Result;

/// Wilder's ATR (TA-Lib `ATR`) and the true range, fed bar by bar with finite prices.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AtrTracker {
    period: usize,
    alpha: f64,
    beta: f64,
    /// Bars seen (saturating at `period + 1`).
    seen: usize,
    prev_close: f64,
    /// Sum of true ranges during warm-up, then the ATR (once `seen > period`).
    sum_or_atr: f64,
}

impl AtrTracker {
    pub(crate) fn new(period: usize) -> Result<Self> {
        check_window("atr_period", period)?;
        // The factors of `indicators::Atr` (`wilder_factors`): alpha derived from beta.
        let beta = (period - 1) as f64 / period as f64;
        Ok(AtrTracker {
            period,
            alpha: 1.0 - beta,
            beta,
            seen: 0,
            prev_close: 0.0,
            sum_or_atr: 0.0,
        })
    }

    /// Feeds one bar (finite prices); returns this bar's true range (`high - low` for the
    /// first bar, which has no previous close).
    #[inline]
    pub(crate) fn update(&mut self, high: f64, low: f64, close: f64) -> f64 {
        // The warmed-up case first: it is every bar but the first `period + 1`.
        if self.seen > self.period {
            let tr = bar_true_range(high, low, self.prev_close);
            self.prev_close = close;
            self.sum_or_atr = self.beta * self.sum_or_atr + self.alpha * tr;
            return tr;
        }
        if self.seen == 0 {
            self.seen = 1;
            self.prev_close = close;
            return high - low;
        }
        let tr = bar_true_range(high, low, self.prev_close);
        self.prev_close = close;
        if self.seen == self.period {
            self.sum_or_atr = (self.sum_or_atr + tr) / self.period as f64;
        } else {
            self.sum_or_atr += tr;
        }
        self.seen += 1;
        tr
    }

    /// The ATR as of the last bar fed, once warmed up.
    #[inline]
    pub(crate) fn value(&self) -> Option<f64> {
        (self.seen > self.period).then_some(self.sum_or_atr)
    }
}

/// The simple moving average of volume, exactly as the crate's
/// [`Sma`](crate::indicators::Sma) computes it (running sum `sum + (new - oldest)`, a
/// non-finite volume restarts it), over a ring buffer allocated once.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct VolumeAverage {
    ring: Vec<f64>,
    /// Next slot to write (the oldest value once the ring is full).
    next: usize,
    len: usize,
    sum: f64,
}

impl VolumeAverage {
    pub(crate) fn new(period: usize) -> Result<Self> {
        check_window("volume_period", period)?;
        Ok(VolumeAverage {
            ring: vec![0.0; period],
            next: 0,
            len: 0,
            sum: 0.0,
        })
    }

    /// Feeds one volume (the average itself is only divided out when asked for, by
    /// [`value`](Self::value)).
    #[inline]
    pub(crate) fn update(&mut self, x: f64) {
        if !x.is_finite() {
            self.next = 0;
            self.len = 0;
            self.sum = 0.0;
            return;
        }
        let n = self.ring.len();
        let Some(slot) = self.ring.get_mut(self.next) else {
            return;
        };
        if self.len == n {
            self.sum += x - *slot;
        } else {
            self.sum += x;
            self.len += 1;
        }
        *slot = x;
        self.next = if self.next + 1 == n { 0 } else { self.next + 1 };
    }

    /// The average of the last `period` volumes fed, once there are that many finite ones in
    /// a row.
    #[inline]
    pub(crate) fn value(&self) -> Option<f64> {
        let n = self.ring.len();
        (self.len == n).then(|| self.sum / n as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::{AtrTracker, VolumeAverage};
    use crate::indicators::{Atr, Hlc, Indicator, Sma, TrueRange};

    /// Bit-for-bit the crate's `Sma`, NaN restarts included.
    #[test]
    fn volume_average_matches_the_crate_sma_exactly() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let xs: Vec<f64> = (0..2000)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                if seed.is_multiple_of(97) {
                    f64::NAN
                } else {
                    (seed >> 20) as f64 / 1e3
                }
            })
            .collect();
        for period in [1, 2, 7, 50] {
            let mut ours = VolumeAverage::new(period).expect("period");
            let mut sma = Sma::new(period).expect("period");
            for &x in &xs {
                ours.update(x);
                assert_eq!(
                    ours.value().map(f64::to_bits),
                    sma.update(x).map(f64::to_bits)
                );
            }
        }
    }

    /// Bit-for-bit the crate's `Atr` and `TrueRange` on finite bars, for several periods.
    #[test]
    fn matches_the_crate_atr_and_true_range_exactly() {
        let mut x = 100.0f64;
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut bars = Vec::new();
        for _ in 0..500 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let u = (seed >> 11) as f64 / (1u64 << 53) as f64;
            x *= 1.0 + 0.03 * (u - 0.5);
            bars.push((x * (1.0 + 0.01 * u), x * (1.0 - 0.013 * u), x));
        }
        for period in [1, 2, 5, 14, 50] {
            let mut ours = AtrTracker::new(period).expect("period");
            let (mut atr, mut tr) = (Atr::new(period).expect("period"), TrueRange::new());
            for &(h, l, c) in &bars {
                let bar = Hlc::new(h, l, c);
                let want_atr = atr.update(bar);
                let want_tr = tr.update(bar).unwrap_or(h - l);
                let got_tr = ours.update(h, l, c);
                assert_eq!(got_tr.to_bits(), want_tr.to_bits());
                assert_eq!(ours.value().map(f64::to_bits), want_atr.map(f64::to_bits));
            }
        }
    }
}
