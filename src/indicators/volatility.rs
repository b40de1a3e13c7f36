//! Volatility: rolling population standard deviation and Bollinger bands.
//!
//! The variance is kept with shifted running sums: `s1 = sum(x - c)` and `s2 = sum((x - c)^2)`
//! over the window, with the anchor `c` a recent input, so `s2 / n - (s1 / n)^2` subtracts two
//! quantities at the scale of the variance, not of the squared price. The sums are rebuilt
//! from the window (anchored at its newest value, a one-pass O(n) recomputation) whenever the
//! subtraction could lose more than three digits (the current `n * variance` is below 1e-3 of
//! the largest `s2` since the last rebuild, which also catches a volatility collapse after a
//! spike and any negative rounding residue) and at least every `4 * n` bars, so rounding never
//! accumulates. The result agrees with TA-Lib `VAR`/`STDDEV` (which also re-anchors) to
//! about 1e-12 relative whatever the price level, as long as the squared deviations from the
//! anchor are normal floating-point numbers: deviations between about 1e-150 and 1e150 (beyond
//! that the squares lose precision as they underflow, or overflow, and the deviation can come
//! out as 0). A window of identical values gives exactly 0.
//! Non-finite inputs split the series (see [`crate::indicators`]).

use super::core::Indicator;
use super::core::{all_finite, for_each_finite_run};
use super::moving_average::{check_into, drive, warm_up, Ring, Sma};
use crate::error::{check_len, check_window};
use crate::{Error, Result};

/// The sums are rebuilt when `peak > CANCELLATION_LIMIT * n * variance` (see the module docs).
const CANCELLATION_LIMIT: f64 = 1e3;

/// Bars between two unconditional rebuilds of the shifted sums for period `n`.
#[inline]
fn rebuild_every(n: usize) -> usize {
    4 * n.max(8)
}

/// Shifted running sums of one full window (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
struct Sums {
    /// The anchor `c`.
    shift: f64,
    /// `sum(x - c)` over the window.
    s1: f64,
    /// `sum((x - c)^2)` over the window.
    s2: f64,
    /// The largest `s2` since the last rebuild.
    peak: f64,
    /// Bars since the last rebuild.
    age: usize,
}

impl Sums {
    /// Fresh sums over `window` (oldest first), anchored at `newest` (its last value).
    #[cold]
    #[inline(never)]
    fn anchored(window: impl Iterator<Item = f64>, newest: f64) -> Sums {
        let (mut s1, mut s2) = (0.0, 0.0);
        for v in window {
            let d = v - newest;
            s1 += d;
            s2 += d * d;
        }
        Sums {
            shift: newest,
            s1,
            s2,
            peak: s2,
            age: 0,
        }
    }

    #[inline(always)]
    fn variance(&self, inv_n: f64) -> f64 {
        let m = self.s1 * inv_n;
        self.s2 * inv_n - m * m
    }

    /// The window's first variance (clamped at 0: only rounding can make it negative).
    #[inline(always)]
    fn first(window: impl Iterator<Item = f64>, newest: f64, inv_n: f64) -> (Sums, f64) {
        let s = Sums::anchored(window, newest);
        let var = s.variance(inv_n).max(0.0);
        (s, var)
    }

    /// Slides the window by one bar (`new` enters, `old` leaves) and returns the variance of
    /// the new window, or `None` when the sums must be rebuilt from the window (the state is
    /// then stale: the caller rebuilds it).
    #[inline(always)]
    fn try_slide(&mut self, new: f64, old: f64, p: &Period) -> Option<f64> {
        let dn = new - self.shift;
        let dl = old - self.shift;
        self.s1 += dn - dl;
        self.s2 += dn * dn - dl * dl;
        if self.s2 > self.peak {
            self.peak = self.s2;
        }
        self.age += 1;
        let var = self.variance(p.inv_n);
        (var * p.limit >= self.peak && self.age < p.rebuild).then_some(var)
    }

    /// [`try_slide`](Self::try_slide), rebuilding from `window()` (the new window, oldest
    /// first) when due.
    #[inline(always)]
    fn slide<W: Iterator<Item = f64>>(
        &mut self,
        new: f64,
        old: f64,
        p: &Period,
        window: impl FnOnce() -> W,
    ) -> f64 {
        match self.try_slide(new, old, p) {
            Some(var) => var,
            None => {
                let (s, var) = Sums::first(window(), new, p.inv_n);
                *self = s;
                var
            }
        }
    }
}

/// Constants derived from the period.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Period {
    n: usize,
    inv_n: f64,
    /// `CANCELLATION_LIMIT * n`.
    limit: f64,
    rebuild: usize,
}

impl Period {
    fn new(n: usize) -> Self {
        Period {
            n,
            inv_n: 1.0 / n as f64,
            limit: CANCELLATION_LIMIT * n as f64,
            rebuild: rebuild_every(n),
        }
    }
}

/// Rolling population variance state over a ring of the last `n` values.
#[derive(Debug, Clone, PartialEq)]
struct Variance {
    p: Period,
    ring: Ring,
    sums: Sums,
}

impl Variance {
    fn new(n: usize) -> Self {
        Variance {
            p: Period::new(n),
            ring: Ring::new(n),
            sums: Sums::default(),
        }
    }

    /// Feeds a finite `x`; the variance once `n` values have been seen.
    #[inline]
    fn update(&mut self, x: f64) -> Option<f64> {
        let n = self.p.n;
        if n == 1 {
            self.ring.push(x);
            return Some(0.0);
        }
        let seen = self.ring.len();
        if seen + 1 < n {
            self.ring.push(x);
            return None;
        }
        if seen + 1 == n {
            self.ring.push(x);
            let (s, var) = Sums::first(self.ring.iter(), x, self.p.inv_n);
            self.sums = s;
            return Some(var);
        }
        let old = self.ring.oldest();
        self.ring.push(x);
        let ring = &self.ring;
        Some(self.sums.slide(x, old, &self.p, || ring.iter()))
    }

    /// What `update(x)` would return, without changing the state.
    fn peek(&self, x: f64) -> Option<f64> {
        let n = self.p.n;
        if n == 1 {
            return Some(0.0);
        }
        let seen = self.ring.len();
        if seen + 1 < n {
            return None;
        }
        let window = || {
            self.ring
                .iter()
                .skip(seen + 1 - n)
                .chain(std::iter::once(x))
        };
        if seen + 1 == n {
            return Some(Sums::first(window(), x, self.p.inv_n).1);
        }
        let mut sums = self.sums;
        Some(sums.slide(x, self.ring.oldest(), &self.p, window))
    }

    fn reset(&mut self) {
        self.ring.clear();
        self.sums = Sums::default();
    }
}

/// Population variance of every full window of an all-finite run, through `emit(i, var)`
/// for the window ending at `x[i]` (`i >= n - 1`); the same arithmetic as [`Variance`].
#[inline(always)]
fn variance_kernel(x: &[f64], n: usize, mut emit: impl FnMut(usize, f64)) {
    if x.len() < n {
        return;
    }
    if n == 1 {
        for i in 0..x.len() {
            emit(i, 0.0);
        }
        return;
    }
    let p = Period::new(n);
    let (mut sums, var) = Sums::first(x[..n].iter().copied(), x[n - 1], p.inv_n);
    emit(n - 1, var);
    for (j, (&new, &old)) in x[n..].iter().zip(x).enumerate() {
        // Window x[j+1 ..= j+n].
        let var = sums.slide(new, old, &p, || x[j + 1..j + 1 + n].iter().copied());
        emit(j + n, var);
    }
}

fn stddev_kernel(x: &[f64], n: usize, out: &mut [f64]) {
    if !warm_up(out, n - 1) {
        return;
    }
    variance_kernel(x, n, |i, var| {
        if let Some(o) = out.get_mut(i) {
            *o = var.sqrt();
        }
    });
}

/// Rolling population standard deviation of the last `n` values.
///
/// `stddev[i] = sqrt(sum((x[j] - mean)^2, j = i-n+1..=i) / n)`. Matches TA-Lib `STDDEV` with
/// `nbdev = 1` and Stock.Indicators `StdDev` (population, not sample, sigma).
///
/// Warm-up: the first value is at index `n - 1` (for `n == 1` every value is 0). A non-finite
/// input gives NaN and restarts the warm-up. A period longer than the data gives all NaN.
/// Range: window moves between about 1e-150 and 1e150 in size (their squares must be normal
/// floating-point numbers; outside it the deviation loses precision and can come out as 0, see
/// the module docs).
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
    let mut out = vec![0.0; x.len()];
    stddev_into(x, n, &mut out)?;
    Ok(out)
}

/// [`stddev`] written into a caller's buffer of the input's length.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `out.len() != x.len()`.
///
/// # Example
/// ```
/// use chartist::indicators::stddev_into;
/// let mut out = [0.0; 2];
/// stddev_into(&[1.0, 3.0], 2, &mut out)?;
/// assert_eq!(out[1], 1.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn stddev_into(x: &[f64], n: usize, out: &mut [f64]) -> Result<()> {
    if !check_into(x, n, out)? {
        return Ok(());
    }
    drive(x, out, |run, o| stddev_kernel(run, n, o));
    Ok(())
}

/// Streaming [`stddev`]: shifted running sums over a ring of `n` values, O(1) amortised per
/// update.
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
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, StdDev};
    /// assert_eq!(StdDev::new(20)?.lookback(), 19);
    /// assert!(StdDev::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        check_window("period", n)?;
        Ok(StdDev {
            var: Variance::new(n),
        })
    }

    /// The period `n`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::StdDev;
    /// assert_eq!(StdDev::new(20)?.period(), 20);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(&self) -> usize {
        self.var.p.n
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
        self.var.peek(x).map(f64::sqrt)
    }

    fn reset(&mut self) {
        self.var.reset();
    }

    fn lookback(&self) -> usize {
        self.var.p.n - 1
    }
}

/// Bollinger bands of a whole series (see [`bollinger`]).
///
/// # Example
/// ```
/// use chartist::indicators::bollinger;
/// let b = bollinger(&[1.0, 3.0, 1.0], 2, 2.0)?;
/// assert_eq!(b.middle.len(), 3);
/// assert_eq!((b.upper[2], b.lower[2], b.percent_b[2]), (4.0, 0.0, 0.25));
/// # Ok::<(), chartist::Error>(())
/// ```
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
///
/// # Example
/// ```
/// use chartist::indicators::{Bollinger, Indicator};
/// let mut b = Bollinger::new(2, 2.0)?;
/// b.update(1.0);
/// let v = b.update(3.0).expect("two values seen");
/// assert_eq!((v.upper, v.middle, v.lower, v.bandwidth), (4.0, 2.0, 0.0, 2.0));
/// # Ok::<(), chartist::Error>(())
/// ```
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
/// and restarts the warm-up. A period longer than the data gives all NaN. The deviation has
/// [`stddev`]'s range (window moves between about 1e-150 and 1e150).
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
    let len = x.len();
    check_len("upper", len, out.upper.len())?;
    check_len("middle", len, out.middle.len())?;
    check_len("lower", len, out.lower.len())?;
    check_len("percent_b", len, out.percent_b.len())?;
    check_len("bandwidth", len, out.bandwidth.len())?;
    if crate::error::window_exceeds(len, &[n]) {
        Bollinger::new(1, k)?; // still reject a bad multiplier
        for line in [
            &mut out.upper,
            &mut out.middle,
            &mut out.lower,
            &mut out.percent_b,
            &mut out.bandwidth,
        ] {
            line.fill(f64::NAN);
        }
        return Ok(());
    }
    let b = Bollinger::new(n, k)?;
    let BollingerOutput {
        upper,
        middle,
        lower,
        percent_b,
        bandwidth,
    } = out;
    bollinger_runs(&b, x, upper, middle, lower, Some((percent_b, bandwidth)));
    Ok(())
}

/// The three bands of [`bollinger`] alone (TA-Lib `BBANDS` with an SMA middle and
/// `nbdevup = nbdevdn = k`), written into the caller's `upper`, `middle` and `lower`; the same
/// numbers as the fields of [`bollinger`], without the cost of %b and bandwidth.
///
/// Warm-up: the first value is at index `n - 1`. A non-finite input gives NaN in every line
/// and restarts the warm-up. A period longer than the data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0` or `k` is
/// negative or not finite; [`Error::LengthMismatch`](crate::Error::LengthMismatch) when an
/// output slice's length differs from `x.len()`.
///
/// # Example
/// ```
/// use chartist::indicators::bollinger_bands_into;
/// let x = [1.0, 3.0, 1.0, 3.0];
/// let (mut upper, mut middle, mut lower) = ([0.0; 4], [0.0; 4], [0.0; 4]);
/// bollinger_bands_into(&x, 2, 2.0, &mut upper, &mut middle, &mut lower)?;
/// assert!(upper[0].is_nan());
/// assert_eq!((upper[1], middle[1], lower[1]), (4.0, 2.0, 0.0));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn bollinger_bands_into(
    x: &[f64],
    n: usize,
    k: f64,
    upper: &mut [f64],
    middle: &mut [f64],
    lower: &mut [f64],
) -> Result<()> {
    let len = x.len();
    check_len("upper", len, upper.len())?;
    check_len("middle", len, middle.len())?;
    check_len("lower", len, lower.len())?;
    if crate::error::window_exceeds(len, &[n]) {
        Bollinger::new(1, k)?; // still reject a bad multiplier
        for line in [upper, middle, lower] {
            line.fill(f64::NAN);
        }
        return Ok(());
    }
    let b = Bollinger::new(n, k)?;
    bollinger_runs(&b, x, upper, middle, lower, None);
    Ok(())
}

/// The NaN policy by hand for [`bollinger_into`] and [`bollinger_bands_into`] (several
/// outputs): NaN at non-finite inputs, each finite run alone; `derived` holds %b and
/// bandwidth when they are wanted.
fn bollinger_runs(
    b: &Bollinger,
    x: &[f64],
    upper: &mut [f64],
    middle: &mut [f64],
    lower: &mut [f64],
    mut derived: Option<(&mut [f64], &mut [f64])>,
) {
    let len = x.len();
    let runs: Vec<(usize, usize)> = if all_finite(&[x]) {
        vec![(0, len)]
    } else {
        let mut runs = Vec::new();
        let mut scratch = vec![0.0; len];
        for_each_finite_run(
            len,
            |i| x[i].is_finite(),
            &mut scratch,
            |s, e, _| runs.push((s, e)),
        );
        runs
    };
    let mut prev = 0;
    for (s, e) in runs.into_iter().chain(std::iter::once((len, len))) {
        for line in [&mut *upper, &mut *middle, &mut *lower] {
            line[prev..s].fill(f64::NAN);
        }
        let (ux, mx, lx) = (&mut upper[s..e], &mut middle[s..e], &mut lower[s..e]);
        match derived.as_mut() {
            Some((percent_b, bandwidth)) => {
                percent_b[prev..s].fill(f64::NAN);
                bandwidth[prev..s].fill(f64::NAN);
                let (pb, bw) = (&mut percent_b[s..e], &mut bandwidth[s..e]);
                bollinger_kernel(b, &x[s..e], ux, mx, lx, pb, bw);
            }
            None => bands_kernel(b, &x[s..e], ux, mx, lx),
        }
        prev = e;
    }
}

/// [`bollinger_kernel`] for the three bands alone: the same two passes, the second deriving
/// only the bands (the same operations as [`band_value`] for them).
fn bands_kernel(
    b: &Bollinger,
    x: &[f64],
    upper: &mut [f64],
    middle: &mut [f64],
    lower: &mut [f64],
) {
    let n = b.var.p.n;
    let lb = (n - 1).min(x.len());
    for line in [&mut *upper, &mut *middle, &mut *lower] {
        line[..lb].fill(f64::NAN);
    }
    if x.len() < n {
        return;
    }
    let (nf, k) = (n as f64, b.k);
    sums_pass(x, &b.var.p, middle, upper, |r, middle, upper| {
        let lines = upper[r.clone()]
            .iter_mut()
            .zip(&mut middle[r.clone()])
            .zip(&mut lower[r]);
        for ((u, m), l) in lines {
            let mid = *m / nf;
            let width = k * u.sqrt();
            (*u, *m, *l) = (mid + width, mid, mid - width);
        }
    });
}

/// Bollinger bands of an all-finite run, in exactly the operation order of
/// [`Bollinger::update`] (an [`Sma`] and a [`Variance`]), by blocks of [`SUMS_BLOCK`] bars
/// that stay in L1 (so each line is written to memory once), each in two passes:
/// 1. [`sums_pass`]: one serial pass carrying the SMA's running sum and the variance's shifted
///    sums side by side (their dependency chains overlap), writing the raw sum into `middle`
///    and the variance into `upper`;
/// 2. one branch-free pass over the block (vectorisable: the division by `n`, the square
///    root and the two divisions of %b and bandwidth run two bars per instruction) deriving
///    the five lines.
fn bollinger_kernel(
    b: &Bollinger,
    x: &[f64],
    upper: &mut [f64],
    middle: &mut [f64],
    lower: &mut [f64],
    percent_b: &mut [f64],
    bandwidth: &mut [f64],
) {
    let n = b.var.p.n;
    let lb = (n - 1).min(x.len());
    for line in [
        &mut *upper,
        &mut *middle,
        &mut *lower,
        &mut *percent_b,
        &mut *bandwidth,
    ] {
        line[..lb].fill(f64::NAN);
    }
    if x.len() < n {
        return;
    }
    // Pass 1: the SMA's sum (as `sma_kernel` and `Sma` keep it) and the variance.
    // Pass 2: the five lines.
    let (nf, k) = (n as f64, b.k);
    sums_pass(x, &b.var.p, middle, upper, |r, middle, upper| {
        let lines = upper[r.clone()]
            .iter_mut()
            .zip(&mut middle[r.clone()])
            .zip(lower[r.clone()].iter_mut())
            .zip(
                percent_b[r.clone()]
                    .iter_mut()
                    .zip(&mut bandwidth[r.clone()]),
            );
        for (&v, (((u, m), l), (pb, w))) in x[r].iter().zip(lines) {
            let val = band_value(k, v, *m / nf, u.sqrt());
            (*u, *m, *l, *pb, *w) = (
                val.upper,
                val.middle,
                val.lower,
                val.percent_b,
                val.bandwidth,
            );
        }
    });
}

/// Pass 1 of [`bollinger_kernel`] over a run of at least `n` values: the running sum of the
/// SMA into `middle` and the variance into `upper`, from index `n - 1` on. Kept out of line so
/// its two dependency chains get registers of their own.
#[inline(never)]
fn sums_pass(
    x: &[f64],
    p: &Period,
    middle: &mut [f64],
    upper: &mut [f64],
    mut finish: impl FnMut(std::ops::Range<usize>, &mut [f64], &mut [f64]),
) {
    let n = p.n;
    let len = x.len();
    let mut sum = 0.0;
    for &v in &x[..n] {
        sum += v;
    }
    middle[n - 1] = sum;
    if n == 1 {
        upper.fill(0.0);
        for (m, (&new, &old)) in middle[1..].iter_mut().zip(x[1..].iter().zip(x)) {
            sum += new - old;
            *m = sum;
        }
        finish(0..len, middle, upper);
    } else {
        let (mut sums, var) = Sums::first(x[..n].iter().copied(), x[n - 1], p.inv_n);
        upper[n - 1] = var;
        // The hot loop (`slide_run`) holds no call, so its sums stay in registers; it stops at
        // a bar whose variance needs the window re-summed, done here, then resumes. Bars go
        // by blocks small enough to stay in L1 until `finish` has derived its lines from them.
        let mut scratch = vec![0.0; SUMS_BLOCK.min(len)];
        let mut i = n;
        let mut done = n - 1;
        while done < len {
            let end = i.saturating_add(SUMS_BLOCK).min(len);
            while i < end {
                let state = (sum, sums);
                (i, sum, sums) = slide_run(&x[..end], p, middle, upper, &mut scratch, i, state);
                if i < end {
                    // Window x[i+1-n ..= i].
                    let window = x[i + 1 - n..=i].iter().copied();
                    let (fresh, var) = Sums::first(window, x[i], p.inv_n);
                    sums = fresh;
                    upper[i] = var;
                    i += 1;
                }
            }
            finish(done..end, middle, upper);
            done = end;
        }
    }
}

/// Bars per block of [`sums_pass`]: the input and the lines (five for [`bollinger_kernel`],
/// 24 KiB) stay in L1 between the passes, so each line is written to memory once.
const SUMS_BLOCK: usize = 512;

/// The hot loop of [`sums_pass`] from bar `i`: slides the SMA sum and the shifted sums until
/// the end or a bar whose sums must be rebuilt (returned, with its middle written and its
/// variance not); the same results as [`slide_exact`], which tests each bar as it goes.
///
/// Optimistic, in three loops over the stretch (cached): the increments of each bar's sums
/// (independent, vectorisable), then their running totals (the only serial loop, a pair of
/// dependent additions per bar), then the variances, all tested against the largest `s2` of
/// the stretch. That peak is at least the one each bar is tested against in
/// [`Sums::try_slide`], so when every bar passes, every bar passes there too and the numbers
/// are the same (each sum takes the same increments in the same order); when one fails (rare:
/// a volatility collapse), the stretch is redone by [`slide_exact`] from the saved state.
#[inline(never)]
fn slide_run(
    x: &[f64],
    p: &Period,
    middle: &mut [f64],
    upper: &mut [f64],
    scratch: &mut [f64],
    i: usize,
    (start_sum, start_sums): (f64, Sums),
) -> (usize, f64, Sums) {
    let n = p.n;
    let len = x.len().min(middle.len()).min(upper.len());
    if i >= len {
        return (i, start_sum, start_sums);
    }
    // The bars before the one where `age` reaches `p.rebuild` (that bar is then returned as
    // needing a rebuild, as `try_slide` would).
    let young = p.rebuild.saturating_sub(start_sums.age + 1).min(len - i);
    let end = i + young;
    if young > scratch.len() {
        return slide_exact(x, p, middle, upper, i, start_sum, start_sums);
    }
    let Sums {
        shift,
        mut s1,
        mut s2,
        mut peak,
        age,
    } = start_sums;
    let mut sum = start_sum;
    let (inv_n, limit) = (p.inv_n, p.limit);
    let (sums_out, s2s, s1s) = (
        &mut middle[i..end],
        &mut upper[i..end],
        &mut scratch[..young],
    );
    // Increments: the SMA sum's into `middle`, the shifted sums' into `upper` and `scratch`.
    let bars = x[i..end].iter().zip(&x[i - n..end - n]);
    let lines = sums_out.iter_mut().zip(s2s.iter_mut().zip(s1s.iter_mut()));
    for ((&new, &old), (m, (u, s))) in bars.zip(lines) {
        *m = new - old;
        let dn = new - shift;
        let dl = old - shift;
        // `s2`'s increment negated (exactly: `a - b == -(b - a)`), so that the next loop adds
        // one increment and subtracts the other, which the vectoriser cannot pair up (packing
        // the two sums into one register cost more shuffles than it saved).
        (*u, *s) = (dl * dl - dn * dn, dn - dl);
    }
    // Running totals.
    let lines = sums_out.iter_mut().zip(s2s.iter_mut().zip(s1s.iter_mut()));
    for (m, (u, s)) in lines {
        sum += *m;
        *m = sum;
        s1 += *s;
        // `s2 += dn * dn - dl * dl` (`s2` is never -0, so subtracting the negation is the
        // same addition).
        s2 -= *u;
        if s2 > peak {
            peak = s2;
        }
        (*u, *s) = (s2, s1);
    }
    // Variances.
    let mut pass = true;
    for (u, &s) in s2s.iter_mut().zip(s1s.iter()) {
        let mean = s * inv_n;
        let var = *u * inv_n - mean * mean;
        // (A NaN variance fails, as in `try_slide`.)
        pass &= var * limit >= peak;
        *u = var;
    }
    if !pass {
        return slide_exact(x, p, middle, upper, i, start_sum, start_sums);
    }
    if end < len {
        // The bar whose age forces a rebuild: its middle (the caller rebuilds the sums).
        sum += x[end] - x[end - n];
        middle[end] = sum;
    }
    let sums = Sums {
        shift,
        s1,
        s2,
        peak,
        age: age + young,
    };
    (end, sum, sums)
}

/// [`slide_run`] testing each bar as it goes, in exactly the steps of [`Sums::try_slide`]: it
/// stops at the first bar whose sums must be rebuilt.
#[inline(never)]
fn slide_exact(
    x: &[f64],
    p: &Period,
    middle: &mut [f64],
    upper: &mut [f64],
    i: usize,
    mut sum: f64,
    sums: Sums,
) -> (usize, f64, Sums) {
    let n = p.n;
    let len = x.len().min(middle.len()).min(upper.len());
    if i >= len {
        return (i, sum, sums);
    }
    // The fields of `sums` as locals (kept in registers), the same operations as
    // [`Sums::try_slide`] in the same order.
    let Sums {
        shift,
        mut s1,
        mut s2,
        mut peak,
        mut age,
    } = sums;
    let (inv_n, limit) = (p.inv_n, p.limit);
    // The bars before the one where `age` reaches `p.rebuild` (that bar is then returned as
    // needing a rebuild, as `try_slide` would), so the loop need not count.
    let young = p.rebuild.saturating_sub(age + 1).min(len - i);
    let end = i + young;
    let bars = x[i..end]
        .iter()
        .zip(&x[i - n..end - n])
        .zip(middle[i..end].iter_mut().zip(&mut upper[i..end]));
    let mut done = 0;
    for ((&new, &old), (m, u)) in bars {
        sum += new - old;
        *m = sum;
        let dn = new - shift;
        let dl = old - shift;
        s1 += dn - dl;
        s2 += dn * dn - dl * dl;
        if s2 > peak {
            peak = s2;
        }
        let mean = s1 * inv_n;
        let var = s2 * inv_n - mean * mean;
        // (A NaN variance fails the test too, as in `try_slide`.)
        if var * limit >= peak {
            *u = var;
            done += 1;
        } else {
            break;
        }
    }
    age += done;
    if done == young && end < len {
        // The bar whose age forces a rebuild: its middle, and stale sums (the caller
        // rebuilds them from the window).
        sum += x[end] - x[end - n];
        middle[end] = sum;
    } else if done < young {
        // The loop stopped at a bar whose variance lost too many digits: that bar's sum
        // is in, its variance is not.
        age += 1;
    }
    let sums = Sums {
        shift,
        s1,
        s2,
        peak,
        age,
    };
    (i + done, sum, sums)
}

/// One bar of bands from the middle line and sigma.
#[inline(always)]
fn band_value(k: f64, x: f64, middle: f64, sigma: f64) -> BollingerValue {
    let width = k * sigma;
    let upper = middle + width;
    let lower = middle - width;
    let band = upper - lower;
    let percent_b = (x - lower) / band;
    let bandwidth = band / middle;
    BollingerValue {
        upper,
        middle,
        lower,
        percent_b: if band > 0.0 { percent_b } else { f64::NAN },
        bandwidth: if middle != 0.0 { bandwidth } else { f64::NAN },
    }
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
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Bollinger, Indicator};
    /// assert_eq!(Bollinger::new(20, 2.0)?.lookback(), 19);
    /// assert!(Bollinger::new(20, f64::NAN).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize, k: f64) -> Result<Self> {
        check_window("period", n)?;
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
        band_value(self.k, x, middle, var.sqrt())
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
        let var = self.var.peek(x)?;
        Some(self.value(x, middle, var))
    }

    fn reset(&mut self) {
        self.sma.reset();
        self.var.reset();
    }

    fn lookback(&self) -> usize {
        self.var.p.n - 1
    }
}
