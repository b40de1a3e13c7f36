//! Linear-regression slope (TA-Lib `LINEARREG_SLOPE`).

use super::core::Indicator;
use super::moving_average::{drive, stream_kernel, Ring};
use crate::error::check_window;
use crate::Result;

/// Slope of the least-squares line through the last `n` values, per bar.
///
/// With `t = 0..n-1` the bar offsets in the window, `slope = (n*sum(t*x) - sum(t)*sum(x)) /
/// (n*sum(t^2) - sum(t)^2)`. Matches TA-Lib `LINEARREG_SLOPE` and Stock.Indicators `Slope`.
/// Each value is computed from the window directly (n multiply-adds per bar, no running sums),
/// so there is no drift over long series.
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
/// Gives exactly the numbers of [`linreg_slope`]. Each update costs `n` multiply-adds (the
/// window is re-summed to stay drift-free and identical to TA-Lib) and never allocates. The
/// first `Some` comes with the `n`-th input; a non-finite input resets the state and returns
/// `None`.
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
    sum_x: f64,
    divisor: f64,
}

impl LinRegSlope {
    /// A regression slope over `n` values.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
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
        })
    }

    /// The period `n`.
    pub fn period(&self) -> usize {
        self.n
    }

    /// The slope of the window made of the last `n - 1` held values and `x`.
    fn slope_with(&self, x: f64) -> f64 {
        if self.n == 1 {
            return 0.0;
        }
        // TA-Lib weights each value by its age (0 = newest) and sums oldest first.
        let mut sum_xy = 0.0;
        let mut sum_y = 0.0;
        for age in (1..self.n).rev() {
            let v = self.ring.back(age - 1);
            sum_y += v;
            sum_xy += age as f64 * v;
        }
        sum_y += x;
        sum_xy += 0.0 * x;
        (self.n as f64 * sum_xy - self.sum_x * sum_y) / self.divisor
    }
}

impl Indicator for LinRegSlope {
    type Input = f64;
    type Output = f64;

    fn update(&mut self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            self.ring.clear();
            return None;
        }
        let out = (self.ring.len() + 1 >= self.n).then(|| self.slope_with(x));
        self.ring.push(x);
        out
    }

    fn peek(&self, x: f64) -> Option<f64> {
        if !x.is_finite() || self.ring.len() + 1 < self.n {
            return None;
        }
        Some(self.slope_with(x))
    }

    fn reset(&mut self) {
        self.ring.clear();
    }

    fn lookback(&self) -> usize {
        self.n - 1
    }
}
