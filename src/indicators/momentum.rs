//! Momentum oscillators: RSI, rate of change, momentum, TRIX, MACD and StochRSI.
//!
//! All follow TA-Lib's conventions (Wilder-smoothed RSI, SMA-seeded EMAs, TA-Lib's MACD seed
//! alignment); the first value of each is at TA-Lib's lookback index. Non-finite inputs split
//! the series (see [`crate::indicators`]).

use super::core::{all_finite, Indicator};
use super::extremes::{Highest, Lowest};
use super::moving_average::{
    check_into, drive, drive_optimistic, ema_k, sma_kernel, stream_kernel, warm_up, EmaStep,
    Linear, Recursive, Ring, Sma, BLOCK,
};
use crate::error::{check_len, check_window};
use crate::Result;
use wide::f64x2;

// ---------------------------------------------------------------------------------------------
// RSI

/// Relative strength index, Wilder's smoothing.
///
/// With `gain = max(x[i] - x[i-1], 0)` and `loss = max(x[i-1] - x[i], 0)`: the first averages
/// are the means of the first `n` gains and losses, then `avg = avg * ((n - 1) / n) + new / n`;
/// `rsi = 100 * avg_gain / (avg_gain + avg_loss)`, and 0 when both averages are 0 (TA-Lib's
/// value for a flat series). Matches TA-Lib `RSI`, ChartSchool's RSI table and
/// Stock.Indicators `Rsi` (62.0541 at index 14 of its default quotes). The batch loop steps
/// the recurrence four bars at a time and agrees with the streaming [`Rsi`] to within 1e-12
/// relative.
///
/// Warm-up: the first value is at index `n`. A non-finite input gives NaN and restarts the
/// warm-up (the next value comes `n + 1` bars later). A period of `n >= len` gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::rsi;
/// let out = rsi(&[1.0, 2.0, 1.0, 2.0], 2)?; // avg gain 0.5, avg loss 0.5
/// assert!(out[1].is_nan());
/// assert_eq!(out[2], 50.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rsi(x: &[f64], n: usize) -> Result<Vec<f64>> {
    let mut out = vec![0.0; x.len()];
    rsi_into(x, n, &mut out)?;
    Ok(out)
}

/// [`rsi`] written into a caller's buffer of the input's length.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `out.len() != x.len()`.
///
/// # Example
/// ```
/// use chartist::indicators::rsi_into;
/// let mut out = [0.0; 3];
/// rsi_into(&[1.0, 2.0, 3.0], 2, &mut out)?;
/// assert_eq!(out[2], 100.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rsi_into(x: &[f64], n: usize, out: &mut [f64]) -> Result<()> {
    if !check_into(x, n, out)? {
        return Ok(());
    }
    drive_optimistic(x, out, |run, o| rsi_kernel(run, n, o));
    Ok(())
}

/// Sums of the gains and of the losses over the first `n` changes (TA-Lib's RSI seed, before
/// the division by `n`).
#[inline(always)]
fn rsi_seed_sums(x: &[f64], n: usize) -> (f64, f64) {
    let (mut gain, mut loss) = (0.0, 0.0);
    for w in x[..=n].windows(2) {
        let (g, l) = gain_loss(w[1] - w[0]);
        gain += g;
        loss += l;
    }
    (gain, loss)
}

/// The batch RSI of an all-finite run: the streaming seed, then Wilder's recurrence stepped
/// [`BLOCK`] bars at a time ([`Linear::block`]) on the averages scaled by `n` (the RSI is a
/// ratio of the two, so the scale cancels and the `1 / n` multiplications drop out).
///
/// Returns whether the final state is finite, which is the case when every input is finite (a
/// NaN or infinite change leaves a NaN or infinity in the loss sum for good).
pub(crate) fn rsi_kernel(x: &[f64], n: usize, out: &mut [f64]) -> bool {
    if !warm_up(out, n) {
        return x.iter().all(|v| v.is_finite());
    }
    let inv = 1.0 / n as f64;
    let (mut gain, mut loss) = rsi_seed_sums(x, n);
    out[n] = Rsi::value(gain * inv, loss * inv);
    // `gain` and `loss` now hold the averages times `n`: `s = b * s + change`.
    let lin = Linear::new(Linear::wilder(n).factor(), 1.0);
    let block = |gain: f64, loss: f64, w: &[f64], o: &mut [f64]| {
        let (mut g, mut l) = ([0.0; BLOCK], [0.0; BLOCK]);
        for ((pair, g), l) in w.windows(2).zip(&mut g).zip(&mut l) {
            (*g, *l) = gain_loss(pair[1] - pair[0]);
        }
        let gr = lin.block(gain, &g);
        let lr = lin.block(loss, &l);
        for ((o, &g), &l) in o.iter_mut().zip(&gr).zip(&lr) {
            *o = Rsi::value(g, l);
        }
        (gr, lr)
    };
    // Output n + 1 + j uses the change body[j + 1] - body[j].
    let body = &x[n..];
    let mut oc = out[n + 1..].chunks_exact_mut(BLOCK);
    let mut start = 0;
    for o in &mut oc {
        let (gr, lr) = block(gain, loss, &body[start..start + BLOCK + 1], o);
        (gain, loss) = (gr[BLOCK - 1], lr[BLOCK - 1]);
        start += BLOCK;
    }
    let o = oc.into_remainder();
    if !o.is_empty() {
        // Zero changes pad the partial block (a zero change adds nothing to either sum).
        let mut w = [body[body.len() - 1]; BLOCK + 1];
        w[..body.len() - start].copy_from_slice(&body[start..]);
        let (gr, lr) = block(gain, loss, &w, o);
        (gain, loss) = (gr[o.len() - 1], lr[o.len() - 1]);
    }
    (gain + loss).is_finite()
}

/// The gain and the loss of a one-bar change `d`.
#[inline(always)]
fn gain_loss(d: f64) -> (f64, f64) {
    let g = if d > 0.0 { d } else { 0.0 };
    (g, g - d)
}

/// Streaming [`rsi`]: O(1) per update, no buffer.
///
/// Gives the numbers of [`rsi`] to within 1e-12 relative (the batch loop steps Wilder's
/// recurrence four bars at a time on averages scaled by `n`, which rounds a few ulps
/// differently; the first value, from the seed, is bit for bit the same). The first `Some`
/// comes with input `n` (the `n`-th change). A non-finite input resets the state and returns
/// `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, Rsi};
/// let mut r = Rsi::new(14)?;
/// assert_eq!(r.lookback(), 14);
/// assert_eq!(r.update(44.34), None);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Rsi {
    n: usize,
    wilder: Linear,
    inv: f64,
    /// Changes seen in the current run (saturates at `n`).
    count: usize,
    last: f64,
    has_last: bool,
    gain: f64,
    loss: f64,
}

impl Rsi {
    /// An RSI over `n` changes.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Rsi};
    /// let ind = Rsi::new(14)?;
    /// assert_eq!(ind.lookback(), 14);
    /// assert!(Rsi::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        check_window("period", n)?;
        Ok(Rsi {
            n,
            wilder: Linear::wilder(n),
            inv: 1.0 / n as f64,
            count: 0,
            last: 0.0,
            has_last: false,
            gain: 0.0,
            loss: 0.0,
        })
    }

    /// The period `n`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::Rsi;
    /// assert_eq!(Rsi::new(14)?.period(), 14);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(&self) -> usize {
        self.n
    }

    /// Returns (count, gain, loss) after feeding `x` (`has_last` must hold).
    #[inline(always)]
    fn step(&self, x: f64) -> (usize, f64, f64) {
        let (g, l) = gain_loss(x - self.last);
        if self.count >= self.n {
            return (
                self.count,
                self.wilder.step(self.gain, g),
                self.wilder.step(self.loss, l),
            );
        }
        if self.count + 1 < self.n {
            (self.count + 1, self.gain + g, self.loss + l)
        } else {
            (
                self.n + 1,
                (self.gain + g) * self.inv,
                (self.loss + l) * self.inv,
            )
        }
    }

    /// `100 * gain / (gain + loss)`, 0 when both are 0 (branch-free, so batch loops vectorise).
    #[inline(always)]
    fn value(gain: f64, loss: f64) -> f64 {
        let total = gain + loss;
        let rsi = 100.0 * (gain / total);
        if total > 0.0 {
            rsi
        } else {
            0.0
        }
    }
}

impl Indicator for Rsi {
    type Input = f64;
    type Output = f64;

    #[inline]
    fn update(&mut self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            self.reset();
            return None;
        }
        if !self.has_last {
            self.has_last = true;
            self.last = x;
            return None;
        }
        let (count, gain, loss) = self.step(x);
        self.count = count;
        self.gain = gain;
        self.loss = loss;
        self.last = x;
        (count > self.n).then(|| Self::value(gain, loss))
    }

    fn peek(&self, x: f64) -> Option<f64> {
        if !x.is_finite() || !self.has_last {
            return None;
        }
        let (count, gain, loss) = self.step(x);
        (count > self.n).then(|| Self::value(gain, loss))
    }

    fn reset(&mut self) {
        self.count = 0;
        self.has_last = false;
        self.gain = 0.0;
        self.loss = 0.0;
    }

    fn lookback(&self) -> usize {
        self.n
    }
}

// ---------------------------------------------------------------------------------------------
// ROC and momentum

/// Percentage change `((x[i] / x[i-1]) - 1) * 100`, 0 when the earlier value is 0 (TA-Lib).
#[inline]
fn roc_value(now: f64, then: f64) -> f64 {
    if then != 0.0 {
        ((now / then) - 1.0) * 100.0
    } else {
        0.0
    }
}

/// A lag-`n` difference over a ring of the last `n` values.
#[derive(Debug, Clone, PartialEq)]
struct Lag {
    n: usize,
    ring: Ring,
}

impl Lag {
    fn new(n: usize) -> Self {
        Lag {
            n,
            ring: Ring::new(n),
        }
    }

    /// The value `n` bars before `x`, if known (before pushing `x`).
    fn then(&self) -> Option<f64> {
        self.ring.is_full().then(|| self.ring.oldest())
    }
}

macro_rules! lag_indicator {
    ($(#[$doc:meta])* $name:ident, $f:expr) => {
        $(#[$doc])*
        ///
        /// Its lookback is its lag:
        ///
        /// ```
        /// use chartist::indicators::Indicator;
        #[doc = concat!("let ind = chartist::indicators::", stringify!($name), "::new(10)?;")]
        /// assert_eq!(ind.lookback(), 10);
        /// # Ok::<(), chartist::Error>(())
        /// ```
        #[derive(Debug, Clone, PartialEq)]
        pub struct $name {
            lag: Lag,
        }

        impl $name {
            /// A lag-`n` indicator.
            ///
            /// # Errors
            /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use chartist::indicators::", stringify!($name), ";")]
            #[doc = concat!("assert!(", stringify!($name), "::new(5).is_ok());")]
            #[doc = concat!("assert!(", stringify!($name), "::new(0).is_err());")]
            /// ```
            pub fn new(n: usize) -> Result<Self> {
                check_window("period", n)?;
                Ok($name { lag: Lag::new(n) })
            }

            /// The lag `n`.
            ///
            /// # Example
            /// ```
            #[doc = concat!("use chartist::indicators::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::new(5)?.period(), 5);")]
            /// # Ok::<(), chartist::Error>(())
            /// ```
            pub fn period(&self) -> usize {
                self.lag.n
            }
        }

        impl Indicator for $name {
            type Input = f64;
            type Output = f64;

            fn update(&mut self, x: f64) -> Option<f64> {
                if !x.is_finite() {
                    self.lag.ring.clear();
                    return None;
                }
                let out = self.lag.then().map(|then| $f(x, then));
                self.lag.ring.push(x);
                out
            }

            fn peek(&self, x: f64) -> Option<f64> {
                if !x.is_finite() {
                    return None;
                }
                self.lag.then().map(|then| $f(x, then))
            }

            fn reset(&mut self) {
                self.lag.ring.clear();
            }

            fn lookback(&self) -> usize {
                self.lag.n
            }
        }
    };
}

lag_indicator!(
    /// Streaming [`roc`]: O(1) per update over a ring of the last `n` values.
    ///
    /// Gives exactly the numbers of [`roc`]. The first `Some` comes with input `n`; a
    /// non-finite input resets the state and returns `None`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Roc};
    /// let mut r = Roc::new(1)?;
    /// r.update(100.0);
    /// let change = r.update(110.0).unwrap_or(f64::NAN);
    /// assert!((change - 10.0).abs() < 1e-12);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    Roc,
    roc_value
);

lag_indicator!(
    /// Streaming [`momentum`]: O(1) per update over a ring of the last `n` values.
    ///
    /// Gives exactly the numbers of [`momentum`]. The first `Some` comes with input `n`; a
    /// non-finite input resets the state and returns `None`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Momentum};
    /// let mut m = Momentum::new(2)?;
    /// m.update(1.0);
    /// m.update(5.0);
    /// assert_eq!(m.update(4.0), Some(3.0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    Momentum,
    |now: f64, then: f64| now - then
);

/// Rate of change in percent: `(x[i] / x[i-n] - 1) * 100`.
///
/// Matches TA-Lib `ROC`, including its convention that the output is 0 when `x[i-n]` is 0.
/// ChartSchool's ROC table and Stock.Indicators `Roc` use the same definition.
///
/// Warm-up: the first value is at index `n`. A non-finite input gives NaN and restarts the
/// warm-up. A period of `n >= len` gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::roc;
/// let out = roc(&[100.0, 50.0, 200.0], 1)?;
/// assert_eq!(&out[1..], &[-50.0, 300.0]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn roc(x: &[f64], n: usize) -> Result<Vec<f64>> {
    if crate::error::window_exceeds(x.len(), &[n]) {
        return Ok(vec![f64::NAN; x.len()]);
    }
    lagged(x, n, roc_value)
}

/// Momentum: `x[i] - x[i-n]`.
///
/// Matches TA-Lib `MOM`.
///
/// Warm-up: the first value is at index `n`. A non-finite input gives NaN and restarts the
/// warm-up. A period of `n >= len` gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::momentum;
/// let out = momentum(&[1.0, 4.0, 2.0], 1)?;
/// assert_eq!(&out[1..], &[3.0, -2.0]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn momentum(x: &[f64], n: usize) -> Result<Vec<f64>> {
    if crate::error::window_exceeds(x.len(), &[n]) {
        return Ok(vec![f64::NAN; x.len()]);
    }
    lagged(x, n, |now, then| now - then)
}

/// `out[i] = f(x[i], x[i-n])` within each finite run (NaN for the first `n` values of a run):
/// the shared kernel of [`roc`] and [`momentum`].
fn lagged(x: &[f64], n: usize, f: impl Fn(f64, f64) -> f64) -> Result<Vec<f64>> {
    check_window("period", n)?;
    let mut out = vec![0.0; x.len()];
    drive(x, &mut out, |run, o| {
        let lb = n.min(run.len());
        o[..lb].fill(f64::NAN);
        for ((o, &now), &then) in o[lb..].iter_mut().zip(&run[lb..]).zip(run) {
            *o = f(now, then);
        }
    });
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// TRIX

/// TRIX: the one-bar rate of change, in percent, of a triple-smoothed EMA.
///
/// `e3 = ema(ema(ema(x, n), n), n)` (each SMA-seeded on the previous one's first output), then
/// `trix[i] = (e3[i] / e3[i-1] - 1) * 100` (0 when `e3[i-1]` is 0). Matches TA-Lib `TRIX`
/// and Stock.Indicators `Trix`.
///
/// Warm-up: the first value is at index `3 * (n - 1) + 1`. A non-finite input gives NaN and
/// re-seeds the three averages. A warm-up longer than the data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::trix;
/// let x: Vec<f64> = (1..=20).map(f64::from).collect();
/// let out = trix(&x, 3)?;
/// assert!(out[6].is_nan() && out[7] > 0.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn trix(x: &[f64], n: usize) -> Result<Vec<f64>> {
    if crate::error::window_exceeds(x.len(), &[n]) {
        return Ok(vec![f64::NAN; x.len()]);
    }
    let mut t = Trix::new(n)?;
    let mut out = vec![0.0; x.len()];
    drive(x, &mut out, |run, o| stream_kernel(&mut t, run, o));
    Ok(out)
}

/// Streaming [`trix`]: three chained EMA states, O(1) per update.
///
/// Gives exactly the numbers of [`trix`]. The first `Some` comes with input `3 * (n - 1) + 1`.
/// A non-finite input resets the state and returns `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, Trix};
/// assert_eq!(Trix::new(15)?.lookback(), 43);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Trix {
    n: usize,
    e1: Recursive,
    e2: Recursive,
    e3: Recursive,
    prev: Option<f64>,
}

impl Trix {
    /// A TRIX over `n` values.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Trix};
    /// let ind = Trix::new(15)?;
    /// assert_eq!(ind.lookback(), 43);
    /// assert!(Trix::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        check_window("period", n)?;
        Ok(Trix {
            n,
            e1: Recursive::ema(n),
            e2: Recursive::ema(n),
            e3: Recursive::ema(n),
            prev: None,
        })
    }

    /// The period `n`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::Trix;
    /// assert_eq!(Trix::new(15)?.period(), 15);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(&self) -> usize {
        self.n
    }
}

impl Indicator for Trix {
    type Input = f64;
    type Output = f64;

    fn update(&mut self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            self.reset();
            return None;
        }
        let a = self.e1.update(x)?;
        let b = self.e2.update(a)?;
        let c = self.e3.update(b)?;
        let out = self.prev.map(|p| roc_value(c, p));
        self.prev = Some(c);
        out
    }

    fn peek(&self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            return None;
        }
        let a = self.e1.peek(x)?;
        let b = self.e2.peek(a)?;
        let c = self.e3.peek(b)?;
        self.prev.map(|p| roc_value(c, p))
    }

    fn reset(&mut self) {
        self.e1.reset();
        self.e2.reset();
        self.e3.reset();
        self.prev = None;
    }

    fn lookback(&self) -> usize {
        3 * (self.n - 1) + 1
    }
}

// ---------------------------------------------------------------------------------------------
// MACD

/// The three MACD lines of a whole series (see [`macd`]).
///
/// # Example
/// ```
/// use chartist::indicators::{macd, MacdOutput};
/// let x: Vec<f64> = (0..50).map(|i| 100.0 + i as f64).collect();
/// let MacdOutput { macd, signal, histogram } = macd(&x, 3, 6, 4)?;
/// assert!(macd[7].is_nan() && macd[8] > 0.0); // a rising line: fast above slow
/// assert_eq!(histogram[20], macd[20] - signal[20]);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MacdOutput {
    /// Fast EMA minus slow EMA.
    pub macd: Vec<f64>,
    /// EMA of the MACD line over the signal period.
    pub signal: Vec<f64>,
    /// `macd - signal`.
    pub histogram: Vec<f64>,
}

/// One bar of MACD (the output of [`Macd::update`]).
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, Macd, MacdValue};
/// let mut m = Macd::new(2, 3, 2)?;
/// let out: Vec<Option<MacdValue>> = (0..6).map(|i| m.update(f64::from(i))).collect();
/// let last = out[5].unwrap_or_default();
/// assert!(out[2].is_none() && last.macd > 0.0);
/// assert_eq!(last.histogram, last.macd - last.signal);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MacdValue {
    /// Fast EMA minus slow EMA.
    pub macd: f64,
    /// EMA of the MACD line over the signal period.
    pub signal: f64,
    /// `macd - signal`.
    pub histogram: f64,
}

/// Moving average convergence/divergence: `ema(x, fast) - ema(x, slow)`, its signal EMA and
/// the histogram `macd - signal`.
///
/// Matches TA-Lib `MACD`, including its seed alignment: the fast EMA is seeded with the SMA of
/// the `fast` values ending where the slow EMA's seed ends (bar `slow - 1`), so both lines
/// start on the same bar; the signal EMA is seeded with the SMA of the first `signal` MACD
/// values. As in TA-Lib, `fast` and `slow` are swapped when `slow < fast`.
///
/// Warm-up: all three lines start at index `slow + signal - 2` (TA-Lib's lookback; the MACD
/// line itself exists from `slow - 1`, but TA-Lib reports all three from the same bar). A
/// non-finite input gives NaN and re-seeds every average. A warm-up longer than the data gives
/// all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0.
///
/// # Example
/// ```
/// use chartist::indicators::macd;
/// let x: Vec<f64> = (0..60).map(|i| 100.0 + (i as f64 * 0.3).sin()).collect();
/// let m = macd(&x, 12, 26, 9)?;
/// assert!(m.macd[32].is_nan() && !m.signal[33].is_nan());
/// assert_eq!(m.histogram[40], m.macd[40] - m.signal[40]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn macd(x: &[f64], fast: usize, slow: usize, signal: usize) -> Result<MacdOutput> {
    let mut out = MacdOutput {
        macd: vec![0.0; x.len()],
        signal: vec![0.0; x.len()],
        histogram: vec![0.0; x.len()],
    };
    macd_into(x, fast, slow, signal, &mut out)?;
    Ok(out)
}

/// [`macd`] written into a caller's [`MacdOutput`], whose three vectors must have the input's
/// length.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when an output vector's length
/// differs from `x.len()`.
///
/// # Example
/// ```
/// use chartist::indicators::{macd_into, MacdOutput};
/// let x = vec![1.0; 40];
/// let mut out = MacdOutput { macd: vec![0.0; 40], signal: vec![0.0; 40], histogram: vec![0.0; 40] };
/// macd_into(&x, 12, 26, 9, &mut out)?;
/// assert_eq!(out.macd[39], 0.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn macd_into(
    x: &[f64],
    fast: usize,
    slow: usize,
    signal: usize,
    out: &mut MacdOutput,
) -> Result<()> {
    check_len("macd", x.len(), out.macd.len())?;
    check_len("signal", x.len(), out.signal.len())?;
    check_len("histogram", x.len(), out.histogram.len())?;
    if crate::error::window_exceeds(x.len(), &[fast, slow, signal]) {
        for line in [&mut out.macd, &mut out.signal, &mut out.histogram] {
            line.fill(f64::NAN);
        }
        return Ok(());
    }
    let m = Macd::new(fast, slow, signal)?;
    let MacdOutput {
        macd: om,
        signal: os,
        histogram: oh,
    } = out;
    let (fast, slow) = (m.fast_n, m.slow_n);
    // Optimistic single pass: the kernel's final state is finite exactly when every input is
    // (a NaN or infinity stays in the slow EMA for good); otherwise redo run by run.
    if !macd_kernel(x, fast, slow, signal, om, os, oh) {
        // The NaN policy by hand (three outputs): NaN at non-finite inputs, each run alone.
        let mut start = 0;
        while start < x.len() {
            let len = x[start..].iter().take_while(|v| v.is_finite()).count();
            let end = start + len;
            macd_kernel(
                &x[start..end],
                fast,
                slow,
                signal,
                &mut om[start..end],
                &mut os[start..end],
                &mut oh[start..end],
            );
            if end < x.len() {
                (om[end], os[end], oh[end]) = (f64::NAN, f64::NAN, f64::NAN);
            }
            start = end + 1;
        }
    }
    Ok(())
}

/// MACD's three averages, two bars per step in two-lane vectors.
///
/// Lane 0 holds the even bars of the run (counted from the first pair) and lane 1 the odd
/// ones, so each lane is a recurrence with a stride of two bars. For an EMA `y` with factor
/// `k` and `b = 1 - k`, two one-bar steps `y[t] = b * y[t-1] + k * x[t]` make
/// `y[t] = b^2 * y[t-2] + b * k * x[t-1] + k * x[t]`; the fast and slow averages run in
/// deviations from their bar's own input, `z[t] = y[t] - x[t]`, where it reads
/// `z[t] = b^2 * z[t-2] + (b^2 * (x[t-2] - x[t]) + b * k * (x[t-1] - x[t]))` (the weights
/// `b^2 + b k + k` sum to 1). The MACD line is `z_fast - z_slow` (the input cancels, so a
/// constant series keeps an exactly zero line), and the signal EMA of the line steps the same
/// way, `g[t] = bg^2 * g[t-2] + (kg * m[t] + bg * kg * m[t-1])`.
///
/// Each state crosses two bars with one multiply and one add on its loop-carried chain, and
/// the three chains overlap. The numbers agree with the one-bar forms of [`Macd`] to a few
/// ulps of the averages; the recurrences contract, so the difference never accumulates. The
/// lanes are [`wide::f64x2`] (two-lane vector instructions without `unsafe` in this crate).
#[derive(Debug, Clone, Copy)]
struct MacdLanes {
    /// `[bf^2, bf * kf]`, `[bs^2, bs * ks]` and `[bg^2, kg, bg * kg]`, splatted.
    fast: [f64x2; 2],
    slow: [f64x2; 2],
    signal: [f64x2; 3],
}

/// The state of [`MacdLanes`] after a pair of bars `t, t + 1`: lane `j` of each holds bar
/// `t + j`'s fast and slow deviations, signal, MACD line and input.
#[derive(Debug, Clone, Copy)]
struct MacdPair {
    zf: f64x2,
    zs: f64x2,
    g: f64x2,
    m: f64x2,
    x: f64x2,
}

impl MacdLanes {
    fn new(fast: usize, slow: usize, signal: usize) -> Self {
        let pair = |n: usize| {
            let (k, b) = (ema_k(n), 1.0 - ema_k(n));
            (k, b, [f64x2::splat(b * b), f64x2::splat(b * k)])
        };
        let ((_, _, fast), (_, _, slow), (kg, bg, _)) = (pair(fast), pair(slow), pair(signal));
        MacdLanes {
            fast,
            slow,
            signal: [
                f64x2::splat(bg * bg),
                f64x2::splat(kg),
                f64x2::splat(bg * kg),
            ],
        }
    }

    /// The pair of bars with inputs `x` after the pair `p`.
    #[inline(always)]
    fn step(&self, p: &MacdPair, x: f64x2) -> MacdPair {
        // Lane j reads bars t + j - 2 (`p.x`) and t + j - 1 (`shifted`).
        let shifted = |prev: f64x2, cur: f64x2| f64x2::new([prev.to_array()[1], cur.to_array()[0]]);
        let (d2, d1) = (p.x - x, shifted(p.x, x) - x);
        let [f2, fk] = self.fast;
        let [s2, sk] = self.slow;
        let zf = f2 * p.zf + (f2 * d2 + fk * d1);
        let zs = s2 * p.zs + (s2 * d2 + sk * d1);
        let m = zf - zs;
        let [g2, kg, gk] = self.signal;
        let g = g2 * p.g + (kg * m + gk * shifted(p.m, m));
        MacdPair { zf, zs, g, m, x }
    }
}

/// MACD of an all-finite run: the SMA seeds and the bars up to one past the first output one
/// at a time (the streaming arithmetic), then two bars per step ([`MacdLanes`]), writing the
/// three lines once. Returns whether the final state is finite (true when every input is
/// finite).
fn macd_kernel(
    x: &[f64],
    fast: usize,
    slow: usize,
    signal: usize,
    om: &mut [f64],
    os: &mut [f64],
    oh: &mut [f64],
) -> bool {
    let lb = slow + signal - 2;
    if x.len() <= lb {
        for line in [om, os, oh] {
            line.fill(f64::NAN);
        }
        return x.iter().all(|v| v.is_finite());
    }
    for line in [&mut *om, &mut *os, &mut *oh] {
        line[..lb].fill(f64::NAN);
    }
    let (lf, ls, lg) = (EmaStep::new(fast), EmaStep::new(slow), EmaStep::new(signal));
    // SMA seeds, summed in the streaming order (the fast EMA starts at bar slow - fast).
    let mean = |v: &[f64]| v.iter().fold(0.0, |a, &b| a + b) / v.len() as f64;
    let mut f = mean(&x[slow - fast..slow]);
    let mut s = mean(&x[..slow]);
    let mut sig_sum = f - s;
    // As the streaming averages do, in deviations from the latest input.
    let mut last = x[slow - 1];
    let (mut zf, mut zs) = (f - last, s - last);
    for &v in &x[slow..=lb] {
        (zf, zs) = (lf.deviation(zf, last - v), ls.deviation(zs, last - v));
        (f, s, last) = (zf + v, zs + v, v);
        sig_sum += f - s;
    }
    let g = sig_sum / signal as f64;
    let m = f - s;
    (om[lb], os[lb], oh[lb]) = (m, g, m - g);
    let Some(&v) = x.get(lb + 1) else {
        return (f + s + g).is_finite();
    };
    // Bar lb + 1 one at a time too, so that each lane has a bar to start from.
    let (zf1, zs1) = (lf.deviation(zf, last - v), ls.deviation(zs, last - v));
    let m1 = zf1 - zs1;
    let g1 = lg.deviation(g - m1, 0.0) + m1;
    (om[lb + 1], os[lb + 1], oh[lb + 1]) = (m1, g1, m1 - g1);
    let lanes = MacdLanes::new(fast, slow, signal);
    let mut p = MacdPair {
        zf: f64x2::new([zf, zf1]),
        zs: f64x2::new([zs, zs1]),
        g: f64x2::new([g, g1]),
        m: f64x2::new([m, m1]),
        x: f64x2::new([last, v]),
    };
    let start = lb + 2;
    let pairs = x[start..]
        .chunks_exact(2)
        .zip(om[start..].chunks_exact_mut(2))
        .zip(os[start..].chunks_exact_mut(2))
        .zip(oh[start..].chunks_exact_mut(2));
    for (((v, mo), so), ho) in pairs {
        p = lanes.step(&p, f64x2::new([v[0], v[1]]));
        mo.copy_from_slice(&p.m.to_array());
        so.copy_from_slice(&p.g.to_array());
        ho.copy_from_slice(&(p.m - p.g).to_array());
    }
    let mut finite = (p.zf + p.zs + p.g).reduce_add().is_finite();
    // An odd last bar: lane 0 of one more pair (lane 1 is a copy and is dropped).
    if (x.len() - start) % 2 == 1 {
        let i = x.len() - 1;
        let q = lanes.step(&p, f64x2::splat(x[i]));
        let (m, g) = (q.m.to_array()[0], q.g.to_array()[0]);
        (om[i], os[i], oh[i]) = (m, g, m - g);
        finite &= (m + g).is_finite();
    }
    finite
}

/// Streaming [`macd`]: three EMA states, O(1) per update, no buffer.
///
/// Gives the numbers of [`macd`] to within a few ulps of the averages (the batch loop
/// steps the three EMAs two bars at a time, with a stride of two). The first `Some` comes
/// with input `slow + signal - 2`. A non-finite input resets the state and returns `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, Macd};
/// let mut m = Macd::new(12, 26, 9)?;
/// assert_eq!(m.lookback(), 33);
/// assert!(m.update(100.0).is_none());
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Macd {
    fast_n: usize,
    slow_n: usize,
    signal_n: usize,
    seen: usize,
    fast: Recursive,
    slow: Recursive,
    signal: Recursive,
}

impl Macd {
    /// A MACD with the given EMA periods (TA-Lib default: 12, 26, 9).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Macd};
    /// assert_eq!(Macd::new(12, 26, 9)?.lookback(), 33);
    /// assert_eq!(Macd::new(26, 12, 9)?, Macd::new(12, 26, 9)?); // swapped like TA-Lib
    /// assert!(Macd::new(12, 26, 0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(fast: usize, slow: usize, signal: usize) -> Result<Self> {
        check_window("fast", fast)?;
        check_window("slow", slow)?;
        check_window("signal", signal)?;
        let (fast, slow) = if slow < fast {
            (slow, fast)
        } else {
            (fast, slow)
        };
        Ok(Macd {
            fast_n: fast,
            slow_n: slow,
            signal_n: signal,
            seen: 0,
            fast: Recursive::ema(fast),
            slow: Recursive::ema(slow),
            signal: Recursive::ema(signal),
        })
    }
}

impl Indicator for Macd {
    type Input = f64;
    type Output = MacdValue;

    #[inline]
    fn update(&mut self, x: f64) -> Option<MacdValue> {
        if !x.is_finite() {
            self.reset();
            return None;
        }
        // TA-Lib alignment: the fast EMA only sees the bars from `slow - fast` on.
        let f = if self.seen >= self.slow_n - self.fast_n {
            self.fast.update(x)
        } else {
            None
        };
        let s = self.slow.update(x);
        self.seen = self.seen.saturating_add(1);
        let m = f? - s?;
        let sig = self.signal.update(m)?;
        Some(MacdValue {
            macd: m,
            signal: sig,
            histogram: m - sig,
        })
    }

    fn peek(&self, x: f64) -> Option<MacdValue> {
        if !x.is_finite() {
            return None;
        }
        let f = if self.seen >= self.slow_n - self.fast_n {
            self.fast.peek(x)
        } else {
            None
        };
        let m = f? - self.slow.peek(x)?;
        let sig = self.signal.peek(m)?;
        Some(MacdValue {
            macd: m,
            signal: sig,
            histogram: m - sig,
        })
    }

    fn reset(&mut self) {
        self.seen = 0;
        self.fast.reset();
        self.slow.reset();
        self.signal.reset();
    }

    fn lookback(&self) -> usize {
        self.slow_n + self.signal_n - 2
    }
}

// ---------------------------------------------------------------------------------------------
// StochRSI

/// StochRSI %K and %D lines of a whole series (see [`stoch_rsi`]).
///
/// # Example
/// ```
/// use chartist::indicators::{stoch_rsi, StochRsiOutput};
/// let x: Vec<f64> = (0..60).map(|i| 100.0 + (i as f64 * 0.4).sin()).collect();
/// let StochRsiOutput { k, d } = stoch_rsi(&x, 14, 14, 3)?;
/// assert!(k[28].is_nan() && d[28].is_nan());
/// assert!((0.0..=100.0).contains(&k[29]) && (0.0..=100.0).contains(&d[29]));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StochRsiOutput {
    /// Fast %K: where the RSI sits in its `k_n`-bar range, 0 to 100.
    pub k: Vec<f64>,
    /// Fast %D: SMA of %K over `d_n` bars.
    pub d: Vec<f64>,
}

/// One bar of StochRSI (the output of [`StochRsi::update`]).
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, StochRsi, StochRsiValue};
/// let mut s = StochRsi::new(3, 3, 2)?;
/// let last = (0..20).filter_map(|i| s.update(100.0 + (i as f64).sin())).last();
/// let StochRsiValue { k, d } = last.unwrap_or_default();
/// assert!((0.0..=100.0).contains(&k) && (0.0..=100.0).contains(&d));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StochRsiValue {
    /// Fast %K.
    pub k: f64,
    /// Fast %D.
    pub d: f64,
}

/// Stochastic RSI: the fast stochastic of the RSI.
///
/// `k = 100 * (rsi - lowest(rsi, k_n)) / (highest(rsi, k_n) - lowest(rsi, k_n))` (0 when the
/// RSI range is 0 up to rounding: within `1e-14` of the extremes' size, as TA-Lib), `d = sma(k, d_n)`. Matches TA-Lib `STOCHRSI` with `fastd_matype = SMA`
/// (on a 0-100 scale; ChartSchool's table uses 0-1 and no %D smoothing of %K).
///
/// Warm-up: `k` and `d` both start at index `rsi_n + k_n + d_n - 2` (TA-Lib reports both from
/// the same bar). A non-finite input gives NaN and restarts the warm-up. A warm-up longer than
/// the data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0.
///
/// # Example
/// ```
/// use chartist::indicators::stoch_rsi;
/// let x: Vec<f64> = (0..40).map(|i| 100.0 + (i as f64 * 0.5).sin()).collect();
/// let s = stoch_rsi(&x, 14, 5, 3)?;
/// assert!(s.k[19].is_nan() && (0.0..=100.0).contains(&s.k[20]));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn stoch_rsi(x: &[f64], rsi_n: usize, k_n: usize, d_n: usize) -> Result<StochRsiOutput> {
    if crate::error::window_exceeds(x.len(), &[rsi_n, k_n, d_n]) {
        let nan = vec![f64::NAN; x.len()];
        return Ok(StochRsiOutput {
            k: nan.clone(),
            d: nan,
        });
    }
    StochRsi::new(rsi_n, k_n, d_n)?;
    let mut k = vec![0.0; x.len()];
    let mut d = vec![0.0; x.len()];
    let mut lo = vec![0.0; x.len()];
    if all_finite(&[x]) {
        stoch_rsi_kernel(x, (rsi_n, k_n, d_n), &mut k, &mut d, &mut lo);
    } else {
        // The NaN policy by hand (two outputs): NaN at non-finite inputs, each run alone.
        let mut start = 0;
        while start < x.len() {
            let end = start + x[start..].iter().take_while(|v| v.is_finite()).count();
            let run = start..end;
            stoch_rsi_kernel(
                &x[run.clone()],
                (rsi_n, k_n, d_n),
                &mut k[run.clone()],
                &mut d[run.clone()],
                &mut lo[run],
            );
            if end < x.len() {
                (k[end], d[end]) = (f64::NAN, f64::NAN);
            }
            start = end + 1;
        }
    }
    Ok(StochRsiOutput { k, d })
}

/// StochRSI of an all-finite run, in passes over whole slices: the RSI (one bar at a time, the
/// arithmetic of [`Rsi::update`], so that the window extremes and the flat-window guard see
/// exactly the streaming values), its rolling extremes, %K in place, then the SMA of %K.
/// `scratch` is a buffer of the run's length.
fn stoch_rsi_kernel(
    x: &[f64],
    (rsi_n, k_n, d_n): (usize, usize, usize),
    k: &mut [f64],
    d: &mut [f64],
    scratch: &mut [f64],
) {
    let first_k = rsi_n + k_n - 1;
    let lookback = first_k + d_n - 1;
    if x.len() <= lookback {
        k.fill(f64::NAN);
        d.fill(f64::NAN);
        return;
    }
    rsi_serial_kernel(x, rsi_n, k);
    // Rolling extremes of the RSI (all finite from index rsi_n): highest into `d`, lowest
    // into `scratch`; window lengths were validated by the caller.
    let (rsi, high, low) = (&k[rsi_n..], &mut d[rsi_n..], &mut scratch[rsi_n..]);
    let extremes = super::extremes::highest_into(rsi, k_n, high)
        .and_then(|()| super::extremes::lowest_into(rsi, k_n, low));
    debug_assert!(extremes.is_ok());
    for ((r, &hi), &lo) in k[first_k..]
        .iter_mut()
        .zip(&d[first_k..])
        .zip(&scratch[first_k..])
    {
        *r = StochRsi::fast_k(*r, hi, lo);
    }
    sma_kernel(&k[first_k..], d_n, &mut d[first_k..]);
    k[..lookback].fill(f64::NAN);
    d[..first_k].fill(f64::NAN);
}

/// The RSI of an all-finite run one bar at a time, the arithmetic of [`Rsi::update`] (bit for
/// bit; [`rsi_kernel`] steps blocks of bars and rounds a few ulps differently).
fn rsi_serial_kernel(x: &[f64], n: usize, out: &mut [f64]) {
    if !warm_up(out, n) {
        return;
    }
    let inv = 1.0 / n as f64;
    let (mut gain, mut loss) = rsi_seed_sums(x, n);
    (gain, loss) = (gain * inv, loss * inv);
    out[n] = Rsi::value(gain, loss);
    let lin = Linear::wilder(n);
    for (o, w) in out[n + 1..].iter_mut().zip(x[n..].windows(2)) {
        let (g, l) = gain_loss(w[1] - w[0]);
        gain = lin.step(gain, g);
        loss = lin.step(loss, l);
        *o = Rsi::value(gain, loss);
    }
}

/// Streaming [`stoch_rsi`]: an [`Rsi`], a rolling max/min and an SMA, O(1) amortised per
/// update.
///
/// Gives exactly the numbers of [`stoch_rsi`] (its batch kernel computes the RSI one bar at a
/// time with this type's arithmetic, so the window extremes see the same values). The first
/// `Some` comes with input
/// `rsi_n + k_n + d_n - 2`. A non-finite input resets the state and returns `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, StochRsi};
/// assert_eq!(StochRsi::new(14, 14, 3)?.lookback(), 29);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StochRsi {
    rsi: Rsi,
    high: Highest,
    low: Lowest,
    d: Sma,
    k_n: usize,
    d_n: usize,
}

impl StochRsi {
    /// A StochRSI with RSI period `rsi_n`, %K window `k_n` and %D smoothing `d_n`.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, StochRsi};
    /// let s = StochRsi::new(14, 14, 3)?;
    /// assert_eq!(s.lookback(), 29);
    /// assert!(StochRsi::new(14, 0, 3).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(rsi_n: usize, k_n: usize, d_n: usize) -> Result<Self> {
        check_window("rsi_n", rsi_n)?;
        check_window("k_n", k_n)?;
        check_window("d_n", d_n)?;
        Ok(StochRsi {
            rsi: Rsi::new(rsi_n)?,
            high: Highest::new(k_n)?,
            low: Lowest::new(k_n)?,
            d: Sma::new(d_n)?,
            k_n,
            d_n,
        })
    }

    #[inline]
    fn fast_k(r: f64, hi: f64, lo: f64) -> f64 {
        // TA-Lib's flat-window guard: a range within 1e-14 of the extremes' size is rounding
        // residue, not a range.
        let diff = hi - lo;
        if diff.abs() <= 1e-14 * (hi.abs() + lo.abs()) {
            0.0
        } else {
            (r - lo) / diff * 100.0
        }
    }
}

impl Indicator for StochRsi {
    type Input = f64;
    type Output = StochRsiValue;

    fn update(&mut self, x: f64) -> Option<StochRsiValue> {
        if !x.is_finite() {
            self.reset();
            return None;
        }
        let r = self.rsi.update(x)?;
        let hi = self.high.update(r);
        let lo = self.low.update(r);
        let (hi, lo) = (hi?, lo?);
        let k = Self::fast_k(r, hi, lo);
        let d = self.d.update(k)?;
        Some(StochRsiValue { k, d })
    }

    fn peek(&self, x: f64) -> Option<StochRsiValue> {
        if !x.is_finite() {
            return None;
        }
        let r = self.rsi.peek(x)?;
        let (hi, lo) = (self.high.peek(r)?, self.low.peek(r)?);
        let k = Self::fast_k(r, hi, lo);
        let d = self.d.peek(k)?;
        Some(StochRsiValue { k, d })
    }

    fn reset(&mut self) {
        self.rsi.reset();
        self.high.reset();
        self.low.reset();
        self.d.reset();
    }

    fn lookback(&self) -> usize {
        self.rsi.lookback() + self.k_n + self.d_n - 2
    }
}
