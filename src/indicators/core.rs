//! What every indicator shares: the streaming trait, bar input types and the NaN policy helpers.

/// A streaming indicator: fed one input at a time, O(1) per update, no allocation per update.
///
/// Every indicator in [`crate::indicators`] has a type implementing this trait and a batch
/// function over slices; both give exactly the same numbers (the batch output at index `i` is
/// the value `update` returned for input `i`, NaN where it returned `None`).
///
/// Non-finite inputs follow the crate's NaN policy (see [`crate::indicators`]): a non-finite
/// input resets the state and yields `None`; the indicator then warms up again on the
/// following finite inputs, exactly as if a new series had started.
pub trait Indicator {
    /// What one update consumes: `f64` for single-series indicators, [`Hlc`] or [`Hlcv`] for
    /// bar indicators.
    type Input: Copy;
    /// What one update produces once warmed up: `f64`, or a struct for multi-line indicators.
    type Output: Copy;

    /// Feeds one input; returns the indicator's value once warmed up, `None` before.
    fn update(&mut self, input: Self::Input) -> Option<Self::Output>;

    /// The value `update(input)` would return, without changing the state
    /// ("what if the current bar closed here").
    fn peek(&self, input: Self::Input) -> Option<Self::Output>;

    /// Forgets all inputs, as if newly constructed with the same parameters.
    fn reset(&mut self);

    /// How many inputs are consumed before the first output: the first `Some` comes from the
    /// input at index `lookback()` (TA-Lib's `LOOKBACK` convention).
    fn lookback(&self) -> usize;
}

/// One bar's high, low and close, the input of range-based indicators.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Hlc {
    /// The bar's high.
    pub high: f64,
    /// The bar's low.
    pub low: f64,
    /// The bar's close.
    pub close: f64,
}

impl Hlc {
    /// Builds an input from its three prices.
    pub fn new(high: f64, low: f64, close: f64) -> Self {
        Hlc { high, low, close }
    }

    /// True when all three prices are finite.
    pub fn is_finite(&self) -> bool {
        self.high.is_finite() && self.low.is_finite() && self.close.is_finite()
    }
}

/// One bar's high, low, close and volume, the input of volume-weighted indicators.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Hlcv {
    /// The bar's high.
    pub high: f64,
    /// The bar's low.
    pub low: f64,
    /// The bar's close.
    pub close: f64,
    /// The bar's volume.
    pub volume: f64,
}

impl Hlcv {
    /// Builds an input from its three prices and volume.
    pub fn new(high: f64, low: f64, close: f64, volume: f64) -> Self {
        Hlcv {
            high,
            low,
            close,
            volume,
        }
    }

    /// True when all four values are finite.
    pub fn is_finite(&self) -> bool {
        self.high.is_finite()
            && self.low.is_finite()
            && self.close.is_finite()
            && self.volume.is_finite()
    }
}

/// Applies `kernel` to every maximal run of positions where `finite(i)` holds, writing NaN at
/// the other positions of `out`. `kernel(start, end, out_run)` computes the run `start..end`
/// into `out_run` (which is `&mut out[start..end]`) as if it were a whole series.
///
/// This is the batch side of the NaN policy: a non-finite input splits the series into
/// independent pieces, each warmed up afresh.
pub(crate) fn for_each_finite_run(
    len: usize,
    finite: impl Fn(usize) -> bool,
    out: &mut [f64],
    mut kernel: impl FnMut(usize, usize, &mut [f64]),
) {
    debug_assert_eq!(out.len(), len);
    let mut i = 0;
    while i < len {
        if !finite(i) {
            out[i] = f64::NAN;
            i += 1;
            continue;
        }
        let start = i;
        while i < len && finite(i) {
            i += 1;
        }
        kernel(start, i, &mut out[start..i]);
    }
}

/// True when every value of every slice is finite (one vectorisable pass each).
///
/// `v * 0.0` is 0 for a finite `v` and NaN for NaN and +-inf, so four running sums of it
/// (independent lanes the compiler maps to vector registers) stay 0 exactly when every value
/// is finite. Stops at the first block of 1,024 values holding a non-finite one.
pub(crate) fn all_finite(slices: &[&[f64]]) -> bool {
    slices.iter().all(|s| {
        s.chunks(1024).all(|block| {
            let mut lanes = [0.0f64; 4];
            let mut quads = block.chunks_exact(4);
            for q in &mut quads {
                for (lane, &v) in lanes.iter_mut().zip(q) {
                    *lane += v * 0.0;
                }
            }
            for (lane, &v) in lanes.iter_mut().zip(quads.remainder()) {
                *lane += v * 0.0;
            }
            lanes.iter().all(|&lane| lane == 0.0)
        })
    })
}
