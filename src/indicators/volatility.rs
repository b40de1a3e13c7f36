//! Volatility: rolling population standard deviation and Bollinger bands.
//!
//! The variance is kept with a rolling Welford update (mean and sum of squared deviations),
//! which has no catastrophic cancellation and no drift over long series; a window of identical
//! values gives exactly 0. Non-finite inputs split the series (see [`crate::indicators`]).

use super::core::Indicator;
use super::moving_average::{Ring, Sma};
use crate::error::{check_len, check_period};
use crate::{Error, Result};

/// Rolling population variance state over a ring of the last `n` values.
#[derive(Debug, Clone, PartialEq)]
struct Variance {
    n: usize,
    ring: Ring,
    mean: f64,
    m2: f64,
    /// How many of the newest values are equal to the newest one.
    same: usize,
}

impl Variance {
    fn new(n: usize) -> Self {
        Variance {
            n,
            ring: Ring::new(n),
            mean: 0.0,
            m2: 0.0,
            same: 0,
        }
    }

    /// Returns (mean, m2, same, variance) after feeding `x`.
    #[inline(always)]
    fn step(&self, x: f64) -> (f64, f64, usize, Option<f64>) {
        let same = if self.ring.len() > 0 && self.ring.back(0) == x {
            self.same + 1
        } else {
            1
        };
        let (mean, m2) = if self.ring.is_full() {
            let old = self.ring.oldest();
            let delta = x - old;
            let mean = self.mean + delta / self.n as f64;
            let m2 = self.m2 + delta * ((x - mean) + (old - self.mean));
            (mean, m2)
        } else {
            let count = (self.ring.len() + 1) as f64;
            let d = x - self.mean;
            let mean = self.mean + d / count;
            (mean, self.m2 + d * (x - mean))
        };
        let var = (self.ring.len() + 1 >= self.n).then(|| {
            if same >= self.n || m2 <= 0.0 {
                0.0
            } else {
                m2 / self.n as f64
            }
        });
        (mean, m2, same, var)
    }

    #[inline(always)]
    fn update(&mut self, x: f64) -> Option<f64> {
        let (mean, m2, same, var) = self.step(x);
        self.mean = mean;
        self.m2 = m2;
        self.same = same;
        self.ring.push(x);
        var
    }

    fn reset(&mut self) {
        self.ring.clear();
        self.mean = 0.0;
        self.m2 = 0.0;
        self.same = 0;
    }
}

/// Rolling population standard deviation of the last `n` values.
///
/// `stddev[i] = sqrt(sum((x[j] - mean)^2, j = i-n+1..=i) / n)`. Matches TA-Lib `STDDEV` with
/// `nbdev = 1` and Stock.Indicators `StdDev` (population, not sample, sigma).
///
/// Warm-up: the first value is at index `n - 1` (for `n == 1` every value is 0). A non-finite
/// input gives NaN and restarts the warm-up. A period longer than the data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::stddev;
/// let out = stddev(&[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0], 8)?;
/// assert!((out[7] - 2.0).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn stddev(x: &[f64], n: usize) -> Result<Vec<f64>> {
    let mut s = StdDev::new(n)?;
    Ok(x.iter().map(|&v| s.update(v).unwrap_or(f64::NAN)).collect())
}

/// Streaming [`stddev`]: rolling Welford update over a ring of `n` values, O(1) per update.
///
/// Gives exactly the numbers of [`stddev`]. The first `Some` comes with the `n`-th input. A
/// non-finite input resets the state and returns `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, StdDev};
/// let mut s = StdDev::new(2)?;
/// s.update(1.0);
/// assert_eq!(s.update(3.0), Some(1.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StdDev {
    var: Variance,
}

impl StdDev {
    /// A population standard deviation over `n` values.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
    pub fn new(n: usize) -> Result<Self> {
        check_period("period", n)?;
        Ok(StdDev {
            var: Variance::new(n),
        })
    }

    /// The period `n`.
    pub fn period(&self) -> usize {
        self.var.n
    }
}

impl Indicator for StdDev {
    type Input = f64;
    type Output = f64;

    #[inline]
    fn update(&mut self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            self.var.reset();
            return None;
        }
        self.var.update(x).map(f64::sqrt)
    }

    fn peek(&self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            return None;
        }
        self.var.step(x).3.map(f64::sqrt)
    }

    fn reset(&mut self) {
        self.var.reset();
    }

    fn lookback(&self) -> usize {
        self.var.n - 1
    }
}

/// Bollinger bands of a whole series (see [`bollinger`]).
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BollingerOutput {
    /// `middle + k * sigma`.
    pub upper: Vec<f64>,
    /// SMA of the last `n` values.
    pub middle: Vec<f64>,
    /// `middle - k * sigma`.
    pub lower: Vec<f64>,
    /// `(x - lower) / (upper - lower)`: 0 at the lower band, 1 at the upper; NaN when the
    /// bands have zero width.
    pub percent_b: Vec<f64>,
    /// `(upper - lower) / middle` as a fraction (not percent); NaN when `middle` is 0.
    pub bandwidth: Vec<f64>,
}

/// One bar of Bollinger bands (the output of [`Bollinger::update`]); fields as in
/// [`BollingerOutput`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BollingerValue {
    /// `middle + k * sigma`.
    pub upper: f64,
    /// SMA of the last `n` values.
    pub middle: f64,
    /// `middle - k * sigma`.
    pub lower: f64,
    /// `(x - lower) / (upper - lower)`; NaN when the bands have zero width.
    pub percent_b: f64,
    /// `(upper - lower) / middle`; NaN when `middle` is 0.
    pub bandwidth: f64,
}

/// Bollinger bands: the SMA of the last `n` values plus and minus `k` population standard
/// deviations, with %b and bandwidth.
///
/// Bands match TA-Lib `BBANDS` (SMA middle, `nbdevup = nbdevdn = k`), ChartSchool's Bollinger
/// table and Stock.Indicators `BollingerBands`. Conventions for the derived lines:
/// `percent_b = (x - lower) / (upper - lower)` (a fraction: 0 at the lower band, 1 at the
/// upper, outside 0..1 beyond them) and `bandwidth = (upper - lower) / middle` (a fraction;
/// ChartSchool prints it times 100). When the window is flat, `upper == lower == middle`:
/// %b is then undefined and reported as NaN while the bands and a bandwidth of 0 are
/// reported; a `middle` of exactly 0 makes the bandwidth NaN.
///
/// Warm-up: the first value is at index `n - 1`. A non-finite input gives NaN in every line
/// and restarts the warm-up. A period longer than the data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0` or `k` is
/// negative or not finite.
///
/// # Example
/// ```
/// use chartist::indicators::bollinger;
/// let b = bollinger(&[1.0, 3.0, 1.0, 3.0], 2, 2.0)?;
/// assert_eq!((b.upper[1], b.middle[1], b.lower[1]), (4.0, 2.0, 0.0));
/// assert_eq!(b.percent_b[1], 0.75);
/// assert_eq!(b.bandwidth[1], 2.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn bollinger(x: &[f64], n: usize, k: f64) -> Result<BollingerOutput> {
    let len = x.len();
    let mut out = BollingerOutput {
        upper: vec![0.0; len],
        middle: vec![0.0; len],
        lower: vec![0.0; len],
        percent_b: vec![0.0; len],
        bandwidth: vec![0.0; len],
    };
    bollinger_into(x, n, k, &mut out)?;
    Ok(out)
}

/// [`bollinger`] written into a caller's [`BollingerOutput`], whose five vectors must have
/// the input's length.
///
/// # Errors
/// As [`bollinger`], plus [`Error::LengthMismatch`](crate::Error::LengthMismatch) when an
/// output vector's length differs from `x.len()`.
///
/// # Example
/// ```
/// use chartist::indicators::{bollinger_into, BollingerOutput};
/// let x = [1.0, 3.0];
/// let mut out = BollingerOutput {
///     upper: vec![0.0; 2], middle: vec![0.0; 2], lower: vec![0.0; 2],
///     percent_b: vec![0.0; 2], bandwidth: vec![0.0; 2],
/// };
/// bollinger_into(&x, 2, 1.0, &mut out)?;
/// assert_eq!(out.upper[1], 3.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn bollinger_into(x: &[f64], n: usize, k: f64, out: &mut BollingerOutput) -> Result<()> {
    let mut b = Bollinger::new(n, k)?;
    let len = x.len();
    check_len("upper", len, out.upper.len())?;
    check_len("middle", len, out.middle.len())?;
    check_len("lower", len, out.lower.len())?;
    check_len("percent_b", len, out.percent_b.len())?;
    check_len("bandwidth", len, out.bandwidth.len())?;
    let BollingerOutput {
        upper,
        middle,
        lower,
        percent_b,
        bandwidth,
    } = out;
    let outs = upper
        .iter_mut()
        .zip(middle.iter_mut())
        .zip(lower.iter_mut())
        .zip(percent_b.iter_mut())
        .zip(bandwidth.iter_mut());
    for (&v, ((((u, m), l), p), w)) in x.iter().zip(outs) {
        let val = b.update(v).unwrap_or(BollingerValue {
            upper: f64::NAN,
            middle: f64::NAN,
            lower: f64::NAN,
            percent_b: f64::NAN,
            bandwidth: f64::NAN,
        });
        *u = val.upper;
        *m = val.middle;
        *l = val.lower;
        *p = val.percent_b;
        *w = val.bandwidth;
    }
    Ok(())
}

/// Streaming [`bollinger`]: an [`Sma`] and a rolling variance, O(1) per update.
///
/// Gives exactly the numbers of [`bollinger`]. The first `Some` comes with the `n`-th input.
/// A non-finite input resets the state and returns `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Bollinger, Indicator};
/// let mut b = Bollinger::new(20, 2.0)?;
/// assert_eq!(b.lookback(), 19);
/// assert!(b.update(100.0).is_none());
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Bollinger {
    k: f64,
    sma: Sma,
    var: Variance,
}

impl Bollinger {
    /// Bands over `n` values, `k` standard deviations wide (the classic is 20, 2.0).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0` or `k` is
    /// negative or not finite.
    pub fn new(n: usize, k: f64) -> Result<Self> {
        check_period("period", n)?;
        if !(k.is_finite() && k >= 0.0) {
            return Err(Error::param("k", k, "must be finite and at least 0"));
        }
        Ok(Bollinger {
            k,
            sma: Sma::new(n)?,
            var: Variance::new(n),
        })
    }

    #[inline(always)]
    fn value(&self, x: f64, middle: f64, var: f64) -> BollingerValue {
        let width = self.k * var.sqrt();
        let upper = middle + width;
        let lower = middle - width;
        let band = upper - lower;
        BollingerValue {
            upper,
            middle,
            lower,
            percent_b: if band > 0.0 {
                (x - lower) / band
            } else {
                f64::NAN
            },
            bandwidth: if middle != 0.0 {
                band / middle
            } else {
                f64::NAN
            },
        }
    }
}

impl Indicator for Bollinger {
    type Input = f64;
    type Output = BollingerValue;

    #[inline]
    fn update(&mut self, x: f64) -> Option<BollingerValue> {
        if !x.is_finite() {
            self.reset();
            return None;
        }
        let middle = self.sma.update(x);
        let var = self.var.update(x);
        Some(self.value(x, middle?, var?))
    }

    fn peek(&self, x: f64) -> Option<BollingerValue> {
        if !x.is_finite() {
            return None;
        }
        let middle = self.sma.peek(x)?;
        let var = self.var.step(x).3?;
        Some(self.value(x, middle, var))
    }

    fn reset(&mut self) {
        self.sma.reset();
        self.var.reset();
    }

    fn lookback(&self) -> usize {
        self.var.n - 1
    }
}
