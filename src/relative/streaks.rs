//! Outperformance streaks: how long spells of "A beats B" last, and whether they persist.
//!
//! On each bar, `A` *beats* `B` when its return over the trailing `window` bars exceeds `B`'s
//! (equivalently, the ratio line is higher than `window` bars ago; the arithmetic and geometric
//! spreads always agree in sign). A **streak** is a maximal run of consecutive bars on which
//! `A` beats `B`. A bar where the comparison is undefined (warm-up, a bad price) ends a run.
//!
//! The statistics answer "can outperformance persist for quarters?": how many streaks there
//! were, their mean, median and longest length, and the empirical conditional probability that
//! a streak which has lasted `k` bars lasts at least `k + j` ([`StreakStats::persistence`]).
//! Pass weekly or monthly closes to count in weeks or months.

use super::performance::{rolling_relative_performance, SpreadKind};
use crate::error::Result;

/// One run of consecutive outperforming bars.
///
/// ```
/// use chartist::relative::{outperformance_streaks, Streak};
/// // Window 1: the ratio rises on bars 1-2, falls on 3, rises on 4-5.
/// let s = outperformance_streaks(&[1.0, 2.0, 3.0, 2.0, 3.0, 4.0], &[1.0; 6], 1)?;
/// assert_eq!(s.streaks, vec![
///     Streak { start: 1, len: 2, ongoing: false },
///     Streak { start: 4, len: 2, ongoing: true }, // reaches the last bar
/// ]);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Streak {
    /// Index of the run's first bar.
    pub start: usize,
    /// Number of bars in the run.
    pub len: usize,
    /// True when the run reaches the last bar, so its final length is not yet known.
    pub ongoing: bool,
}

/// Streaks of one asset against a benchmark, with history statistics.
///
/// ```
/// use chartist::relative::outperformance_streaks;
/// // Window 1: beats on bars 1-3, 5 and 7-8 (ongoing).
/// let a = [1.0, 2.0, 3.0, 4.0, 3.0, 4.0, 3.0, 4.0, 5.0];
/// let s = outperformance_streaks(&a, &[1.0; 9], 1)?;
/// assert_eq!((s.window, s.streaks.len(), s.count), (1, 3, 2)); // the ongoing one is not counted
/// assert_eq!((s.mean_length, s.median_length), (2.0, 2.0)); // completed: 3 and 1
/// assert_eq!((s.longest, s.current), (3, 2));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StreakStats {
    /// The trailing window of the comparison, in bars.
    pub window: usize,
    /// Every streak, oldest first (the last may be ongoing).
    pub streaks: Vec<Streak>,
    /// Number of completed streaks (the ongoing one, if any, is not counted).
    pub count: usize,
    /// Mean length of completed streaks (NaN when there are none).
    pub mean_length: f64,
    /// Median length of completed streaks (NaN when there are none).
    pub median_length: f64,
    /// Longest streak, ongoing included (0 when there is none).
    pub longest: usize,
    /// Length of the ongoing streak (0 when `A` is not beating `B` on the last bar).
    pub current: usize,
}

impl StreakStats {
    /// The share of streaks that, having lasted `k` bars, went on to last at least `k + j`.
    ///
    /// Counts completed streaks of length ≥ `k`, plus the ongoing streak when it has already
    /// reached `k + j` (an ongoing streak between `k` and `k + j` has no known outcome and is
    /// left out). `None` when no streak qualifies.
    ///
    /// ```
    /// use chartist::relative::outperformance_streaks;
    /// // Ratio up 3 bars, down, up 1 bar, down, up 2 bars, down (window 1).
    /// let a = [1.0, 2.0, 3.0, 4.0, 3.0, 4.0, 3.0, 4.0, 5.0, 4.0];
    /// let b = [1.0; 10];
    /// let s = outperformance_streaks(&a, &b, 1)?;
    /// assert_eq!(s.count, 3);
    /// assert_eq!(s.persistence(1, 1), Some(2.0 / 3.0)); // lengths 3 and 2 of 3, 1, 2
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn persistence(&self, k: usize, j: usize) -> Option<f64> {
        let (mut reached, mut lasted) = (0usize, 0usize);
        for s in &self.streaks {
            if s.len < k || (s.ongoing && s.len < k + j) {
                continue;
            }
            reached += 1;
            if s.len >= k + j {
                lasted += 1;
            }
        }
        (reached > 0).then(|| lasted as f64 / reached as f64)
    }
}

/// Streaks of bars on which `asset` beat `benchmark` over the trailing `window` bars, from two
/// aligned price slices (asset first).
///
/// Warm-up: the first `window` bars have no comparison. See the [module docs](self).
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `window == 0`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) for slices of different lengths.
///
/// # Example
/// ```
/// use chartist::relative::outperformance_streaks;
/// let story = chartist::sample::story(42);
/// let s = outperformance_streaks(story.small_caps.close(), story.benchmark.close(), 63)?;
/// assert!(s.longest >= s.current);
/// assert!(s.count > 0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn outperformance_streaks(
    asset: &[f64],
    benchmark: &[f64],
    window: usize,
) -> Result<StreakStats> {
    let rel = rolling_relative_performance(asset, benchmark, window, SpreadKind::Geometric)?;
    let mut streaks = Vec::new();
    let mut run: Option<usize> = None;
    for (i, &r) in rel.iter().enumerate() {
        let beat = r > 0.0; // false for NaN
        match (beat, run) {
            (true, None) => run = Some(i),
            (false, Some(start)) => {
                streaks.push(Streak {
                    start,
                    len: i - start,
                    ongoing: false,
                });
                run = None;
            }
            _ => {}
        }
    }
    if let Some(start) = run {
        streaks.push(Streak {
            start,
            len: rel.len() - start,
            ongoing: true,
        });
    }
    let mut done: Vec<usize> = streaks
        .iter()
        .filter(|s| !s.ongoing)
        .map(|s| s.len)
        .collect();
    done.sort_unstable();
    let count = done.len();
    let mean_length = if count == 0 {
        f64::NAN
    } else {
        done.iter().sum::<usize>() as f64 / count as f64
    };
    let median_length = match count {
        0 => f64::NAN,
        c if c % 2 == 1 => done[c / 2] as f64,
        c => (done[c / 2 - 1] + done[c / 2]) as f64 / 2.0,
    };
    Ok(StreakStats {
        window,
        longest: streaks.iter().map(|s| s.len).max().unwrap_or(0),
        current: streaks.last().filter(|s| s.ongoing).map_or(0, |s| s.len),
        count,
        mean_length,
        median_length,
        streaks,
    })
}
