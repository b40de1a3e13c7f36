//! Linear-regression slope (TA-Lib `LINEARREG_SLOPE`).

use super::core::Indicator;
use super::moving_average::{drive, stream_kernel, Ring};
use crate::error::check_window;
use crate::Result;

/// Slope of the least-squares line through the last `n` values, per bar.
///
/// With `t = 0..n-1` the bar offsets in the window, `slope = (n*sum(t*x) - sum(t)*sum(x)) /
/// (n*sum(t^2) - sum(t)^2)`. Matches TA-Lib `LINEARREG_SLOPE` and Stock.Indicators `Slope`
/// (to about 1e-12 relative).
///
/// Cost: O(1) per bar. `sum(x)` and `sum(t*x)` are kept as running sums of the values minus
/// an anchor (a recent input: the slope does not change when every value is shifted by the
/// same amount, and the shifted sums are at the scale of the window's moves, not of the price,
/// so the final subtraction loses few digits). Sliding the window by one bar updates both
/// sums from the value that leaves; every `n` bars they are recomputed from the window
/// (anchored at its newest value), so rounding never accumulates over more than `n` bars.
///
/// Warm-up: the first value is at index `n - 1`. For `n == 1` the slope is undefined and
/// TA-Lib's convention is followed: the output is 0. A non-finite input gives NaN and restarts
/// the warm-up. A period longer than the data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::linreg_slope;
/// let out = linreg_slope(&[1.0, 3.0, 5.0, 7.0], 3)?;
/// assert!(out[1].is_nan());
/// assert!((out[2] - 2.0).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn linreg_slope(x: &[f64], n: usize) -> Result<Vec<f64>> {
    if crate::error::window_exceeds(x.len(), &[n]) {
        return Ok(vec![f64::NAN; x.len()]);
    }
    let mut s = LinRegSlope::new(n)?;
    let mut out = vec![0.0; x.len()];
    drive(x, &mut out, |run, o| stream_kernel(&mut s, run, o));
    Ok(out)
}

/// Streaming [`linreg_slope`] over a ring buffer of the last `n` values.
///
/// Gives exactly the numbers of [`linreg_slope`] (the batch function runs this type). Each
/// update is O(1) amortised (running sums, recomputed from the window every `n` bars; see
/// [`linreg_slope`]) and never allocates. The first `Some` comes with the `n`-th input; a
/// non-finite input resets the state and returns `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, LinRegSlope};
/// let mut s = LinRegSlope::new(2)?;
/// s.update(1.0);
/// assert_eq!(s.update(4.0), Some(3.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LinRegSlope {
    n: usize,
    ring: Ring,
    /// `sum(t)` for `t = 0..n-1`.
    sum_x: f64,
    divisor: f64,
    /// The window's running sums (valid once `n` values were seen).
    sums: SlopeSums,
}

/// Running sums of one full window, of the values minus `anchor`, weighted by age (0 for the
/// newest, as TA-Lib sums them).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct SlopeSums {
    anchor: f64,
    /// `sum(v - anchor)`.
    sum: f64,
    /// `sum(age * (v - anchor))`.
    weighted: f64,
    /// Slides since the sums were last recomputed from the window.
    age: usize,
}

impl SlopeSums {
    /// Fresh sums over `window` (oldest first, `n` values), anchored at its newest value.
    #[inline]
    fn rebuild(window: impl Iterator<Item = f64>, n: usize, newest: f64) -> Self {
        let (mut sum, mut weighted) = (0.0, 0.0);
        // Ages n-1 down to 0: small integers, exact in f64.
        let mut age = (n - 1) as f64;
        for v in window {
            let d = v - newest;
            sum += d;
            weighted += age * d;
            age -= 1.0;
        }
        SlopeSums {
            anchor: newest,
            sum,
            weighted,
            age: 0,
        }
    }

    /// Whether the next slide recomputes the sums from the window.
    #[inline]
    fn rebuild_due(&self, n: usize) -> bool {
        self.age + 1 >= n
    }

    /// The sums once `oldest` left and `x` entered, with every other value one bar older.
    #[inline]
    fn slide(&self, n: usize, oldest: f64, x: f64) -> Self {
        let d_old = oldest - self.anchor;
        let rest = self.sum - d_old;
        SlopeSums {
            anchor: self.anchor,
            weighted: self.weighted - (n - 1) as f64 * d_old + rest,
            sum: rest + (x - self.anchor),
            age: self.age + 1,
        }
    }
}

impl LinRegSlope {
    /// A regression slope over `n` values.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, LinRegSlope};
    /// let mut s = LinRegSlope::new(3)?;
    /// let out: Vec<_> = [1.0, 2.0, 3.0].into_iter().map(|x| s.update(x)).collect();
    /// assert_eq!(out, vec![None, None, Some(1.0)]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        check_window("period", n)?;
        let nf = n as f64;
        let sum_x = nf * (nf - 1.0) * 0.5;
        let sum_x_sqr = nf * (nf - 1.0) * (2.0 * nf - 1.0) / 6.0;
        Ok(LinRegSlope {
            n,
            ring: Ring::new(n),
            sum_x,
            divisor: sum_x * sum_x - nf * sum_x_sqr,
            sums: SlopeSums::default(),
        })
    }

    /// The period `n`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::LinRegSlope;
    /// assert_eq!(LinRegSlope::new(14)?.period(), 14);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(&self) -> usize {
        self.n
    }

    /// The sums of the window made of the last `n - 1` held values and `x` (`None` before
    /// `n - 1` values are held), without changing the state.
    fn sums_with(&self, x: f64) -> Option<SlopeSums> {
        let (n, held) = (self.n, self.ring.len());
        if held + 1 < n {
            return None;
        }
        Some(if held + 1 == n || self.sums.rebuild_due(n) {
            let window = self.ring.iter().skip(held + 1 - n);
            SlopeSums::rebuild(window.chain(std::iter::once(x)), n, x)
        } else {
            self.sums.slide(n, self.ring.oldest(), x)
        })
    }

    #[inline]
    fn slope(&self, sums: &SlopeSums) -> f64 {
        if self.n == 1 {
            return 0.0;
        }
        (self.n as f64 * sums.weighted - self.sum_x * sums.sum) / self.divisor
    }
}

impl Indicator for LinRegSlope {
    type Input = f64;
    type Output = f64;

    #[inline]
    fn update(&mut self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            self.reset();
            return None;
        }
        // The same arithmetic as `sums_with`, with the window read from the ring after the push.
        let (n, held) = (self.n, self.ring.len());
        let oldest = self.ring.oldest();
        self.ring.push(x);
        if held + 1 < n {
            return None;
        }
        self.sums = if held + 1 == n || self.sums.rebuild_due(n) {
            SlopeSums::rebuild(self.ring.iter(), n, x)
        } else {
            self.sums.slide(n, oldest, x)
        };
        Some(self.slope(&self.sums))
    }

    fn peek(&self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            return None;
        }
        Some(self.slope(&self.sums_with(x)?))
    }

    fn reset(&mut self) {
        self.ring.clear();
        self.sums = SlopeSums::default();
    }

    fn lookback(&self) -> usize {
        self.n - 1
    }
}
