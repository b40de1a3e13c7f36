//! Moving averages: simple, exponential, weighted, double/triple exponential, Kaufman adaptive
//! and Wilder's smoothing.
//!
//! Which one to use:
//! - [`sma`]: the plain mean of the last `n` values; every value weighs the same.
//! - [`ema`]: exponential weights `k = 2 / (n + 1)`, seeded with the SMA of the first `n`
//!   values (TA-Lib's classic seeding); reacts faster than the SMA.
//! - [`rma`]: Wilder's smoothing, an EMA with `k = 1 / n`, the average inside RSI, ATR and ADX.
//! - [`wma`]: linear weights `n, n-1, ..., 1` (newest weighs most).
//! - [`dema`] / [`tema`]: EMA combinations that cancel most of the EMA's lag.
//! - [`kama`]: Kaufman's adaptive average, fast in trends and flat in noise.
//!
//! All follow TA-Lib: the first value is at TA-Lib's lookback index and the numbers agree with
//! TA-Lib to within a few units in the last place. Non-finite inputs split the series (see
//! [`crate::indicators`]): each run of finite values is averaged as an independent series.

use super::core::{all_finite, for_each_finite_run, Indicator};
use crate::error::{check_len, check_window};
use crate::Result;

// ---------------------------------------------------------------------------------------------
// Shared plumbing (also used by the other indicator files of this family).

/// Runs `kernel` over `x` following the NaN policy: directly when every value is finite,
/// otherwise once per maximal run of finite values (NaN elsewhere). `kernel(run, out_run)`
/// must fill all of `out_run`.
pub(crate) fn drive(x: &[f64], out: &mut [f64], mut kernel: impl FnMut(&[f64], &mut [f64])) {
    debug_assert_eq!(x.len(), out.len());
    if all_finite(&[x]) {
        kernel(x, out);
    } else {
        for_each_finite_run(
            x.len(),
            |i| x[i].is_finite(),
            out,
            |s, e, o| kernel(&x[s..e], o),
        );
    }
}

/// [`drive`] without the separate finiteness pass: runs `kernel` once over all of `x`, and only
/// when it reports a non-finite result (its final state, which a non-finite input always
/// poisons in a recursive average) redoes the work run by run. One read of the input instead
/// of two when everything is finite, which is what the batch recurrences are bound by.
pub(crate) fn drive_optimistic(
    x: &[f64],
    out: &mut [f64],
    mut kernel: impl FnMut(&[f64], &mut [f64]) -> bool,
) {
    debug_assert_eq!(x.len(), out.len());
    if !kernel(x, out) {
        drive(x, out, |run, o| {
            kernel(run, o);
        });
    }
}

/// Validates the period and the output length of an `*_into` call.
/// Checks an `*_into` call; `Ok(false)` means the window is longer than the data and `out` has
/// been filled with NaN (nothing left to compute).
pub(crate) fn check_into(x: &[f64], n: usize, out: &mut [f64]) -> Result<bool> {
    check_len("out", x.len(), out.len())?;
    if crate::error::window_exceeds(x.len(), &[n]) {
        out.fill(f64::NAN);
        return Ok(false);
    }
    check_window("period", n)?;
    Ok(true)
}

/// Fills the warm-up prefix of `out` with NaN and returns whether any value follows.
#[inline]
pub(crate) fn warm_up(out: &mut [f64], lookback: usize) -> bool {
    if out.len() <= lookback {
        out.fill(f64::NAN);
        false
    } else {
        out[..lookback].fill(f64::NAN);
        true
    }
}

/// A fixed-capacity ring buffer of the last `cap` values (allocated once).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Ring {
    buf: Vec<f64>,
    head: usize,
    len: usize,
}

impl Ring {
    pub(crate) fn new(cap: usize) -> Self {
        Ring {
            buf: vec![0.0; cap.max(1)],
            head: 0,
            len: 0,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn is_full(&self) -> bool {
        self.len == self.buf.len()
    }

    pub(crate) fn clear(&mut self) {
        self.head = 0;
        self.len = 0;
    }

    /// The oldest value held (0.0 when empty).
    pub(crate) fn oldest(&self) -> f64 {
        self.buf[self.head]
    }

    /// The value pushed `age` pushes ago (0 = newest); `age < len`.
    pub(crate) fn back(&self, age: usize) -> f64 {
        let cap = self.buf.len();
        let idx = (self.head + self.len + cap - 1 - age) % cap;
        self.buf[idx]
    }

    /// The values held, oldest first (two slices, as the ring wraps).
    pub(crate) fn iter(&self) -> impl Iterator<Item = f64> + '_ {
        let cap = self.buf.len();
        let first = (cap - self.head).min(self.len);
        let (a, b) = (
            &self.buf[self.head..self.head + first],
            &self.buf[..self.len - first],
        );
        a.iter().chain(b).copied()
    }

    /// Appends `v`, dropping the oldest value when full.
    pub(crate) fn push(&mut self, v: f64) {
        let cap = self.buf.len();
        if self.len == cap {
            self.buf[self.head] = v;
            self.head = if self.head + 1 == cap {
                0
            } else {
                self.head + 1
            };
        } else {
            let idx = (self.head + self.len) % cap;
            self.buf[idx] = v;
            self.len += 1;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The first-order linear recurrences behind EMA, RMA, RSI and ATR, stepped [`BLOCK`] bars at a
// time (EMA and ATR two blocks at a time; MACD instead steps its three averages with a stride
// of two bars in two-lane vectors, see `MacdLanes` in momentum.rs).
//
// A one-bar step `y = b * y + c * v` puts the state through a multiply and an add (8 cycles
// without FMA). A block of bars at once, `y[j] = b^(j+1) * y + p[j]` with
// `p[j] = b * p[j-1] + c * v[j]` computed from the inputs alone, leaves one multiply and one
// add per block on the loop-carried chain; the rest is independent work the CPU overlaps
// (and partly does two lanes at a time). Each output of a block depends only on the state and
// the inputs up to its own bar, and a partial block is computed as a zero-padded full one, so
// appending bars never changes an earlier output (bit for bit). Block outputs round a few ulps
// differently from the one-bar forms the streaming types use; the recurrences contract, so
// the difference never accumulates.
//
// EMA and ATR go further and step two blocks at a time (`EmaStep::pair`, `Linear::pair`): the
// two blocks' input parts are computed side by side (two-lane vector instructions) and the
// state jumps over both with one multiply and one add, `b^8 * z + (b^4 * cA + cB)`.

/// Bars per block of the batch recurrences.
pub(crate) const BLOCK: usize = 4;

/// Runs `block` over `v` [`BLOCK`] bars at a time into `out` (same length), from state `y`;
/// returns the final state. A partial last block is zero-padded.
#[inline(always)]
pub(crate) fn scan_blocks(
    mut y: f64,
    v: &[f64],
    out: &mut [f64],
    block: impl Fn(f64, &[f64; BLOCK]) -> [f64; BLOCK],
) -> f64 {
    debug_assert_eq!(v.len(), out.len());
    let mut vc = v.chunks_exact(BLOCK);
    let mut oc = out.chunks_exact_mut(BLOCK);
    for (vs, os) in (&mut vc).zip(&mut oc) {
        let mut a = [0.0; BLOCK];
        a.copy_from_slice(vs);
        let r = block(y, &a);
        os.copy_from_slice(&r);
        y = r[BLOCK - 1];
    }
    let tail = vc.remainder();
    if !tail.is_empty() {
        let mut padded = [0.0; BLOCK];
        padded[..tail.len()].copy_from_slice(tail);
        let r = block(y, &padded);
        let rest = oc.into_remainder();
        rest.copy_from_slice(&r[..tail.len()]);
        y = r[tail.len() - 1];
    }
    y
}

/// The EMA recurrence `prev = (x - prev) * k + prev` (TA-Lib's classic form): one bar at a
/// time in deviations from the latest input ([`EmaStep::deviation`]); blocks use the
/// equivalent `prev = (1 - k) * prev + k * x` ([`Linear`]), also in deviations. Both keep a
/// constant series exactly constant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct EmaStep {
    lin: Linear,
}

impl EmaStep {
    pub(crate) fn new(n: usize) -> Self {
        let k = ema_k(n);
        EmaStep {
            lin: Linear::new(1.0 - k, k),
        }
    }

    /// One bar in deviations from the latest input: with `z = ema - last` and
    /// `d = last - x`, the new deviation `ema' - x` is `(1 - k) * (z + d)` (the same recurrence;
    /// the average is `z' + x`, which stays exactly `x` on a constant series).
    #[inline(always)]
    pub(crate) fn deviation(&self, z: f64, d: f64) -> f64 {
        (z + d) * self.lin.b
    }

    /// Two consecutive blocks `A` (`v[..BLOCK]`) and `B` (`v[BLOCK..]`) of bars in deviations
    /// from a reference per block (its first input, `rA` and `rB`): the state enters as
    /// `z = y - rA`; in block `A`, `zA[j] = (1 - k)^(j+1) * z + pA[j]` with `pA` the [`Linear`]
    /// input part of `v - rA`, and block `B` continues from `zB = (1 - k)^BLOCK * z + (pA[3] +
    /// (rA - rB))` in the same way. Outputs are `y = r + z[j]`. A constant series therefore
    /// stays exactly constant (every deviation is 0), as in the one-bar form.
    ///
    /// The two blocks' input parts are computed side by side (two-lane vector instructions),
    /// and the state for the next pair, relative to `r_next`, is
    /// `(1 - k)^(2 BLOCK) * z + ((1 - k)^BLOCK * cA + cB)`, so one multiply and one add per
    /// eight bars sit on the loop-carried chain.
    #[inline(always)]
    pub(crate) fn pair(
        &self,
        z: f64,
        v: &[f64; 2 * BLOCK],
        r_next: f64,
    ) -> ([f64; 2 * BLOCK], f64) {
        let (b, k) = (self.lin.b, self.lin.c);
        let pw = &self.lin.powers;
        let r = [v[0], v[BLOCK]];
        // Lane 0: block A, lane 1: block B. Each block's first deviation is 0 by construction
        // (a non-finite first input still poisons its outputs through `r`).
        let mut p = [[0.0; 2]; BLOCK];
        let mut acc = [0.0; 2];
        for j in 1..BLOCK {
            acc = [
                acc[0] * b + k * (v[j] - r[0]),
                acc[1] * b + k * (v[BLOCK + j] - r[1]),
            ];
            p[j] = acc;
        }
        let last = pw[BLOCK - 1];
        let ca = p[BLOCK - 1][0] + (r[0] - r[1]);
        let cb = p[BLOCK - 1][1] + (r[1] - r_next);
        let zb = last * z + ca;
        let mut y = [0.0; 2 * BLOCK];
        for j in 0..BLOCK {
            y[j] = r[0] + (pw[j] * z + p[j][0]);
            y[BLOCK + j] = r[1] + (pw[j] * zb + p[j][1]);
        }
        let z_next = (last * last) * z + (last * ca + cb);
        (y, z_next)
    }

    /// Runs the recurrence from `y` over `v` into `out` two blocks at a time
    /// ([`EmaStep::pair`]); returns the last output (`y` when `v` is empty). A partial last
    /// pair is padded with its first input, so appending bars never changes an earlier output.
    #[inline(always)]
    pub(crate) fn scan(&self, y: f64, v: &[f64], out: &mut [f64]) -> f64 {
        debug_assert_eq!(v.len(), out.len());
        let Some(&first) = v.first() else {
            return y;
        };
        let mut z = y - first;
        let mut vc = v.chunks_exact(2 * BLOCK);
        let mut oc = out.chunks_exact_mut(2 * BLOCK);
        let mut start = 0;
        let mut last = y;
        for (vs, os) in (&mut vc).zip(&mut oc) {
            start += 2 * BLOCK;
            let r_next = v.get(start).copied().unwrap_or(vs[0]);
            let mut block = [0.0; 2 * BLOCK];
            block.copy_from_slice(vs);
            let (ys, z_next) = self.pair(z, &block, r_next);
            os.copy_from_slice(&ys);
            last = ys[2 * BLOCK - 1];
            z = z_next;
        }
        let (tail, rest) = (vc.remainder(), oc.into_remainder());
        if let Some(&r) = tail.first() {
            let mut block = [r; 2 * BLOCK];
            block[..tail.len()].copy_from_slice(tail);
            let (ys, _) = self.pair(z, &block, r);
            rest.copy_from_slice(&ys[..tail.len()]);
            last = ys[tail.len() - 1];
        }
        last
    }
}

/// `y[i] = b * y[i-1] + c * v[i]` (Wilder's smoothing: `b = (n - 1) / n`, `c = 1 / n`; exact
/// for `n = 1`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Linear {
    b: f64,
    c: f64,
    /// `b^(j+1)` for `j < BLOCK`.
    powers: [f64; BLOCK],
}

impl Linear {
    pub(crate) fn new(b: f64, c: f64) -> Self {
        let mut powers = [b; BLOCK];
        for j in 1..BLOCK {
            powers[j] = powers[j - 1] * b;
        }
        Linear { b, c, powers }
    }

    /// Wilder's recurrence `prev * (n - 1) / n + x / n`.
    pub(crate) fn wilder(n: usize) -> Self {
        let inv = 1.0 / n as f64;
        Self::new((n - 1) as f64 * inv, inv)
    }

    /// The factor `b` on the previous value.
    pub(crate) fn factor(&self) -> f64 {
        self.b
    }

    /// One bar.
    #[inline(always)]
    pub(crate) fn step(&self, y: f64, v: f64) -> f64 {
        self.b * y + self.c * v
    }

    /// The input part `p[j] = b * p[j-1] + c * v[j]` of a block (`p[0] = c * v[0]`).
    #[inline(always)]
    pub(crate) fn partial(&self, v: &[f64; BLOCK]) -> [f64; BLOCK] {
        let mut p = [0.0; BLOCK];
        let mut acc = self.c * v[0];
        p[0] = acc;
        for j in 1..BLOCK {
            acc = acc * self.b + self.c * v[j];
            p[j] = acc;
        }
        p
    }

    /// A block of bars from `y`: `y[j] = b^(j+1) * y + p[j]` ([`Linear::partial`]).
    #[inline(always)]
    pub(crate) fn block(&self, y: f64, v: &[f64; BLOCK]) -> [f64; BLOCK] {
        self.apply(y, &self.partial(v))
    }

    /// Two consecutive blocks `A` (`v[..BLOCK]`) and `B` (`v[BLOCK..]`) from `y`, their input
    /// parts computed side by side (two-lane vector instructions): `A` is [`Linear::block`]
    /// from `y`, `B` continues from `zB = b^BLOCK * y + pA[BLOCK - 1]` in the same way.
    /// Returns the outputs and the state for the next pair, `b^(2 BLOCK) * y + (b^BLOCK *
    /// pA[BLOCK - 1] + pB[BLOCK - 1])` (the same value as the last output up to rounding), so
    /// that one multiply and one add per `2 BLOCK` bars sit on the loop-carried chain. Output
    /// `j` depends on `v[..=j]` only, so zeros past the last bar of a partial pair change no
    /// earlier output.
    #[inline(always)]
    pub(crate) fn pair(&self, y: f64, v: &[f64; 2 * BLOCK]) -> ([f64; 2 * BLOCK], f64) {
        let (b, c) = (self.b, self.c);
        let pw = &self.powers;
        let mut u = [0.0; 2 * BLOCK];
        for (u, &v) in u.iter_mut().zip(v) {
            *u = c * v;
        }
        // Lane 0: block A, lane 1: block B.
        let mut p = [[0.0; 2]; BLOCK];
        let mut acc = [u[0], u[BLOCK]];
        p[0] = acc;
        for j in 1..BLOCK {
            acc = [acc[0] * b + u[j], acc[1] * b + u[BLOCK + j]];
            p[j] = acc;
        }
        let last = pw[BLOCK - 1];
        let zb = last * y + p[BLOCK - 1][0];
        let mut out = [0.0; 2 * BLOCK];
        for j in 0..BLOCK {
            out[j] = pw[j] * y + p[j][0];
            out[BLOCK + j] = pw[j] * zb + p[j][1];
        }
        let next = (last * last) * y + (last * p[BLOCK - 1][0] + p[BLOCK - 1][1]);
        (out, next)
    }

    /// Completes a block from its input part: `y[j] = b^(j+1) * y + p[j]`.
    #[inline(always)]
    pub(crate) fn apply(&self, y: f64, p: &[f64; BLOCK]) -> [f64; BLOCK] {
        let mut out = [0.0; BLOCK];
        for j in 0..BLOCK {
            out[j] = self.powers[j] * y + p[j];
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Kernels over an all-finite run.

/// The running-sum SMA. Returns whether the final sum is finite, which is the case when every
/// input is (a NaN or infinity stays in the sum for good; a huge finite series may also
/// overflow it, which only costs the caller its run-by-run pass): then the run needed no
/// splitting. A run shorter than the period reports on its inputs.
pub(crate) fn sma_kernel(x: &[f64], n: usize, out: &mut [f64]) -> bool {
    if !warm_up(out, n - 1) {
        return x.iter().all(|v| v.is_finite());
    }
    let nf = n as f64;
    let mut sum = 0.0;
    for &v in &x[..n] {
        sum += v;
    }
    out[n - 1] = sum / nf;
    // One running sum, exactly as [`Sma`] (Bollinger's %b needs the batch middle line to
    // equal the streaming one bit for bit: it divides by a band that can be tiny). A tile of
    // sums at a time goes to `out`, then the tile is divided in place: the divisions are off
    // the sum's chain, and in their own loop they vectorise (the same quotients).
    const TILE: usize = 64;
    let tiles = out[n..].chunks_mut(TILE).zip(x[n..].chunks(TILE));
    for ((o, new), old) in tiles.zip(x.chunks(TILE)) {
        for ((o, &new), &old) in o.iter_mut().zip(new).zip(old) {
            sum += new - old;
            *o = sum;
        }
        for o in o.iter_mut() {
            *o /= nf;
        }
    }
    sum.is_finite()
}

/// SMA seed of the first `n` values then `prev = (1 - k) * prev + k * x`, eight bars (two
/// blocks) at a time ([`EmaStep::pair`]).
/// Returns whether the final state is finite, which is the case when every input is finite
/// (a NaN or infinity stays in the state for good): then the run needed no splitting. A run
/// shorter than the period reads nothing and reports only on its inputs.
pub(crate) fn ema_kernel(x: &[f64], n: usize, out: &mut [f64]) -> bool {
    if !warm_up(out, n - 1) {
        return x.iter().all(|v| v.is_finite());
    }
    let mut sum = 0.0;
    for &v in &x[..n] {
        sum += v;
    }
    let prev = sum / n as f64;
    out[n - 1] = prev;
    EmaStep::new(n)
        .scan(prev, &x[n..], &mut out[n..])
        .is_finite()
}

/// SMA seed of the first `n` values then `prev = prev * ((n - 1) / n) + v * (1 / n)`, a block of
/// bars at a time ([`Linear::wilder`]).
pub(crate) fn rma_kernel(x: &[f64], n: usize, out: &mut [f64]) -> bool {
    if !warm_up(out, n - 1) {
        return x.iter().all(|v| v.is_finite());
    }
    let mut sum = 0.0;
    for &v in &x[..n] {
        sum += v;
    }
    let prev = sum / n as f64;
    out[n - 1] = prev;
    let lin = Linear::wilder(n);
    scan_blocks(prev, &x[n..], &mut out[n..], |y, v| lin.block(y, v)).is_finite()
}

/// The EMA smoothing factor for period `n`: `2 / (n + 1)`.
#[inline]
pub(crate) fn ema_k(n: usize) -> f64 {
    2.0 / (n as f64 + 1.0)
}

/// Runs a streaming indicator over an all-finite run (used by the batch side of indicators
/// whose batch loop is their streaming recurrence).
pub(crate) fn stream_kernel<I: Indicator<Input = f64, Output = f64>>(
    ind: &mut I,
    x: &[f64],
    out: &mut [f64],
) {
    ind.reset();
    for (o, &v) in out.iter_mut().zip(x) {
        *o = ind.update(v).unwrap_or(f64::NAN);
    }
}

// ---------------------------------------------------------------------------------------------
// SMA

/// Simple moving average: the mean of the last `n` values.
///
/// `sma[i] = (x[i-n+1] + ... + x[i]) / n`, kept as a running sum. Matches TA-Lib `SMA`
/// (to a few units in the last place: the running sum is updated by `x[i] - x[i-n]`).
///
/// Warm-up: the first value is at index `n - 1`. Non-finite inputs give NaN and restart the
/// warm-up (the window recovers `n - 1` bars after the bad value). A period longer than the
/// data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::sma;
/// let out = sma(&[1.0, 2.0, 3.0, 4.0], 2)?;
/// assert!(out[0].is_nan());
/// assert_eq!(&out[1..], &[1.5, 2.5, 3.5]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn sma(x: &[f64], n: usize) -> Result<Vec<f64>> {
    let mut out = vec![0.0; x.len()];
    sma_into(x, n, &mut out)?;
    Ok(out)
}

/// [`sma`] written into a caller's buffer of the input's length.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `out.len() != x.len()`.
///
/// # Example
/// ```
/// use chartist::indicators::sma_into;
/// let mut out = [0.0; 3];
/// sma_into(&[2.0, 4.0, 6.0], 3, &mut out)?;
/// assert_eq!(out[2], 4.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn sma_into(x: &[f64], n: usize, out: &mut [f64]) -> Result<()> {
    if !check_into(x, n, out)? {
        return Ok(());
    }
    drive_optimistic(x, out, |run, o| sma_kernel(run, n, o));
    Ok(())
}

/// Streaming [`sma`]: O(1) per update over a ring buffer of the last `n` values.
///
/// Gives exactly the numbers of [`sma`]. Warm-up: the first `Some` comes with the `n`-th
/// input. A non-finite input resets the state and returns `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, Sma};
/// let mut s = Sma::new(2)?;
/// assert_eq!(s.update(1.0), None);
/// assert_eq!(s.update(3.0), Some(2.0));
/// assert_eq!(s.peek(5.0), Some(4.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Sma {
    n: usize,
    ring: Ring,
    sum: f64,
}

impl Sma {
    /// A simple moving average over `n` values.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Sma};
    /// let ind = Sma::new(20)?;
    /// assert_eq!(ind.lookback(), 19);
    /// assert!(Sma::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        check_window("period", n)?;
        Ok(Sma {
            n,
            ring: Ring::new(n),
            sum: 0.0,
        })
    }

    /// The period `n`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::Sma;
    /// assert_eq!(Sma::new(20)?.period(), 20);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(&self) -> usize {
        self.n
    }

    fn next_sum(&self, x: f64) -> f64 {
        if self.ring.is_full() {
            self.sum + (x - self.ring.oldest())
        } else {
            self.sum + x
        }
    }
}

impl Indicator for Sma {
    type Input = f64;
    type Output = f64;

    fn update(&mut self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            self.reset();
            return None;
        }
        self.sum = self.next_sum(x);
        self.ring.push(x);
        self.ring.is_full().then(|| self.sum / self.n as f64)
    }

    fn peek(&self, x: f64) -> Option<f64> {
        if !x.is_finite() || self.ring.len() + 1 < self.n {
            return None;
        }
        Some(self.next_sum(x) / self.n as f64)
    }

    fn reset(&mut self) {
        self.ring.clear();
        self.sum = 0.0;
    }

    fn lookback(&self) -> usize {
        self.n - 1
    }
}

// ---------------------------------------------------------------------------------------------
// A recursive average (EMA or Wilder) shared by Ema, Rma, Dema, Tema and other families.

/// Which recursion an [`Recursive`] state runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Smoothing {
    /// `prev = (x - prev) * k + prev`, carried as the deviation from the latest input
    /// ([`EmaStep::deviation`]).
    Exponential(EmaStep),
    /// `prev = prev * ((n - 1) / n) + x * (1 / n)` ([`Linear::wilder`]).
    Wilder(Linear),
}

/// SMA-seeded recursive average state (no buffer needed: the seed is a plain sum).
///
/// Once seeded, the exponential recursion carries `ema - last` (its deviation from the latest
/// input, [`EmaStep::deviation`]): one add and one multiply per update on the dependency chain
/// instead of a subtract, a multiply and an add, and a constant series stays exactly
/// constant. Wilder's carries the average itself.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Recursive {
    n: usize,
    smoothing: Smoothing,
    count: usize,
    sum: f64,
    /// The average once seeded (for the exponential recursion, its deviation from `last`).
    prev: f64,
    /// The latest input.
    last: f64,
}

impl Recursive {
    pub(crate) fn new(n: usize, smoothing: Smoothing) -> Self {
        Recursive {
            n,
            smoothing,
            count: 0,
            sum: 0.0,
            prev: 0.0,
            last: 0.0,
        }
    }

    pub(crate) fn ema(n: usize) -> Self {
        Self::new(n, Smoothing::Exponential(EmaStep::new(n)))
    }

    pub(crate) fn wilder(n: usize) -> Self {
        Self::new(n, Smoothing::Wilder(Linear::wilder(n)))
    }

    /// The state after `x` (count, sum, carried value) and the average it gives. The seeded
    /// state is tested first: one predictable branch per update.
    #[inline(always)]
    fn step(&self, x: f64) -> (usize, f64, f64, f64) {
        if self.count >= self.n {
            return match self.smoothing {
                Smoothing::Exponential(e) => {
                    let z = e.deviation(self.prev, self.last - x);
                    (self.count, self.sum, z, z + x)
                }
                Smoothing::Wilder(lin) => {
                    let prev = lin.step(self.prev, x);
                    (self.count, self.sum, prev, prev)
                }
            };
        }
        let sum = self.sum + x;
        if self.count + 1 < self.n {
            return (self.count + 1, sum, self.prev, f64::NAN);
        }
        let seed = sum / self.n as f64;
        let carried = match self.smoothing {
            Smoothing::Exponential(_) => seed - x,
            Smoothing::Wilder(_) => seed,
        };
        (self.n, sum, carried, seed)
    }

    /// Feeds a finite value.
    #[inline]
    pub(crate) fn update(&mut self, x: f64) -> Option<f64> {
        let (count, sum, prev, out) = self.step(x);
        self.count = count;
        self.sum = sum;
        self.prev = prev;
        self.last = x;
        (count >= self.n).then_some(out)
    }

    /// What `update(x)` would return.
    #[inline]
    pub(crate) fn peek(&self, x: f64) -> Option<f64> {
        let (count, _, _, out) = self.step(x);
        (count >= self.n).then_some(out)
    }

    pub(crate) fn reset(&mut self) {
        self.count = 0;
        self.sum = 0.0;
        self.prev = 0.0;
        self.last = 0.0;
    }
}

/// The `Indicator` impl shared by the SMA-seeded recursive averages ([`Ema`], [`Rma`]): a
/// non-finite input resets the `Recursive` state; the lookback is `n - 1`.
macro_rules! recursive_indicator {
    ($t:ty) => {
        impl Indicator for $t {
            type Input = f64;
            type Output = f64;

            #[inline]
            fn update(&mut self, x: f64) -> Option<f64> {
                if !x.is_finite() {
                    self.state.reset();
                    return None;
                }
                self.state.update(x)
            }

            fn peek(&self, x: f64) -> Option<f64> {
                if !x.is_finite() {
                    return None;
                }
                self.state.peek(x)
            }

            fn reset(&mut self) {
                self.state.reset();
            }

            fn lookback(&self) -> usize {
                self.n - 1
            }
        }
    };
}

// ---------------------------------------------------------------------------------------------
// EMA

/// Exponential moving average with `k = 2 / (n + 1)`, seeded with the SMA of the first `n`
/// values.
///
/// `ema[n-1] = sma(x[0..n])`, then `ema[i] = (x[i] - ema[i-1]) * k + ema[i-1]` (a constant
/// series stays exactly constant). Matches TA-Lib `EMA` (same seeding and recurrence; TA-Lib
/// 0.8 evaluates it as a fused multiply-add) to within a few units in the last place. The
/// batch loop steps the equivalent `ema[i] = (1 - k) * ema[i-1] + k * x[i]` in blocks of
/// four bars, two blocks at a time, which rounds differently from [`Ema`] by at most a few
/// ulps (never accumulating: the recurrence contracts); the two agree to within 1e-12
/// relative, and the SMA seed is bit for bit the same.
///
/// Warm-up: the first value is at index `n - 1`. A non-finite input gives NaN and re-seeds
/// the average from the following finite values. A period longer than the data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::ema;
/// let out = ema(&[1.0, 3.0, 5.0], 2)?; // seed 2.0, then (5 - 2) * 2/3 + 2
/// assert_eq!(out[1], 2.0);
/// assert_eq!(out[2], 4.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn ema(x: &[f64], n: usize) -> Result<Vec<f64>> {
    let mut out = vec![0.0; x.len()];
    ema_into(x, n, &mut out)?;
    Ok(out)
}

/// [`ema`] written into a caller's buffer of the input's length.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `out.len() != x.len()`.
///
/// # Example
/// ```
/// use chartist::indicators::ema_into;
/// let mut out = vec![0.0; 3];
/// ema_into(&[1.0, 3.0, 5.0], 2, &mut out)?;
/// assert_eq!(out[2], 4.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn ema_into(x: &[f64], n: usize, out: &mut [f64]) -> Result<()> {
    if !check_into(x, n, out)? {
        return Ok(());
    }
    drive_optimistic(x, out, |run, o| ema_kernel(run, n, o));
    Ok(())
}

/// Streaming [`ema`]: O(1) per update, no buffer.
///
/// Gives the numbers of [`ema`] to within a few ulps. The first `Some` comes with the `n`-th input (the
/// SMA seed). A non-finite input resets the state and returns `None`.
///
/// The state is the average's deviation from the latest input: with `d = ema - last`, an
/// update to `x` is `d' = (1 - k) * (d + (last - x))` and returns `x + d'` (the same
/// recurrence, one add and one multiply per update on the dependency chain; a constant series
/// stays exactly constant).
///
/// # Example
/// ```
/// use chartist::indicators::{Ema, Indicator};
/// let mut e = Ema::new(2)?;
/// assert_eq!(e.update(1.0), None);
/// assert_eq!(e.update(3.0), Some(2.0));
/// assert_eq!(e.update(5.0), Some(4.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Ema {
    n: usize,
    state: Recursive,
}

impl Ema {
    /// An EMA over `n` values (`k = 2 / (n + 1)`).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Ema};
    /// let ind = Ema::new(20)?;
    /// assert_eq!(ind.lookback(), 19);
    /// assert!(Ema::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        check_window("period", n)?;
        Ok(Ema {
            n,
            state: Recursive::ema(n),
        })
    }

    /// The period `n`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::Ema;
    /// assert_eq!(Ema::new(20)?.period(), 20);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(&self) -> usize {
        self.n
    }
}

recursive_indicator!(Ema);

// ---------------------------------------------------------------------------------------------
// RMA (Wilder)

/// Wilder's moving average (RMA, SMMA): an EMA with `k = 1 / n`, seeded with the SMA of the
/// first `n` values.
///
/// `rma[n-1] = sma(x[0..n])`, then `rma[i] = (rma[i-1] * (n - 1) + x[i]) / n`. This is the
/// smoothing inside TA-Lib `RSI`, `ATR` and `ADX` (TA-Lib has no stand-alone RMA function),
/// evaluated as `rma[i-1] * ((n - 1) / n) + x[i] * (1 / n)` (no division per bar; the same
/// numbers to within a few ulps). The batch loop steps the recurrence four bars at a time and
/// agrees with [`Rma`] to within 1e-12 relative (a few ulps; the recurrence contracts, so
/// rounding differences never accumulate).
///
/// Warm-up: the first value is at index `n - 1`. A non-finite input gives NaN and re-seeds
/// the average from the following finite values. A period longer than the data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::rma;
/// let out = rma(&[1.0, 3.0, 5.0], 2)?; // seed 2.0, then (2 * 1 + 5) / 2
/// assert_eq!(out[2], 3.5);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rma(x: &[f64], n: usize) -> Result<Vec<f64>> {
    let mut out = vec![0.0; x.len()];
    rma_into(x, n, &mut out)?;
    Ok(out)
}

/// [`rma`] written into a caller's buffer of the input's length.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `out.len() != x.len()`.
///
/// # Example
/// ```
/// use chartist::indicators::rma_into;
/// let mut out = vec![0.0; 3];
/// rma_into(&[1.0, 3.0, 5.0], 2, &mut out)?;
/// assert_eq!(out[2], 3.5);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rma_into(x: &[f64], n: usize, out: &mut [f64]) -> Result<()> {
    if !check_into(x, n, out)? {
        return Ok(());
    }
    drive_optimistic(x, out, |run, o| rma_kernel(run, n, o));
    Ok(())
}

/// Streaming [`rma`] (Wilder's smoothing): O(1) per update, no buffer.
///
/// Gives the numbers of [`rma`] to within 1e-12 relative (the batch loop steps the recurrence
/// four bars at a time). The first `Some` comes with the `n`-th input (the SMA seed, bit for
/// bit the batch one). A non-finite input resets the state and returns `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, Rma};
/// let mut r = Rma::new(2)?;
/// r.update(1.0);
/// assert_eq!(r.update(3.0), Some(2.0));
/// assert_eq!(r.update(5.0), Some(3.5));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Rma {
    n: usize,
    state: Recursive,
}

impl Rma {
    /// Wilder's average over `n` values (`k = 1 / n`).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Rma};
    /// let ind = Rma::new(14)?;
    /// assert_eq!(ind.lookback(), 13);
    /// assert!(Rma::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        check_window("period", n)?;
        Ok(Rma {
            n,
            state: Recursive::wilder(n),
        })
    }

    /// The period `n`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::Rma;
    /// assert_eq!(Rma::new(14)?.period(), 14);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(&self) -> usize {
        self.n
    }
}

recursive_indicator!(Rma);

// ---------------------------------------------------------------------------------------------
// WMA

/// Weighted moving average with linear weights: the newest value weighs `n`, the oldest 1.
///
/// `wma[i] = (n*x[i] + (n-1)*x[i-1] + ... + 1*x[i-n+1]) / (n*(n+1)/2)`, kept with TA-Lib's
/// two running sums. Matches TA-Lib `WMA` and ChartSchool's WMA table.
///
/// Warm-up: the first value is at index `n - 1`. Non-finite inputs give NaN and restart the
/// warm-up. A period longer than the data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::wma;
/// let out = wma(&[1.0, 2.0, 4.0], 2)?;
/// assert_eq!(out[2], (2.0 * 4.0 + 2.0) / 3.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn wma(x: &[f64], n: usize) -> Result<Vec<f64>> {
    if crate::error::window_exceeds(x.len(), &[n]) {
        return Ok(vec![f64::NAN; x.len()]);
    }
    check_window("period", n)?;
    let mut out = vec![0.0; x.len()];
    let mut w = Wma::new(n)?;
    drive(x, &mut out, |run, o| stream_kernel(&mut w, run, o));
    Ok(out)
}

/// Streaming [`wma`]: O(1) per update over a ring buffer of the last `n` values.
///
/// Gives exactly the numbers of [`wma`]. The first `Some` comes with the `n`-th input. A
/// non-finite input resets the state and returns `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, Wma};
/// let mut w = Wma::new(2)?;
/// w.update(1.0);
/// assert_eq!(w.update(4.0), Some(3.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Wma {
    n: usize,
    ring: Ring,
    /// Plain running sum (TA-Lib `periodSub`).
    sub: f64,
    /// Weighted running sum (TA-Lib `periodSum`).
    sum: f64,
    /// The value to drop from `sub` at the next bar (TA-Lib `trailingValue`).
    pending: f64,
}

impl Wma {
    /// A linearly weighted average over `n` values.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Wma};
    /// let ind = Wma::new(10)?;
    /// assert_eq!(ind.lookback(), 9);
    /// assert!(Wma::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        check_window("period", n)?;
        Ok(Wma {
            n,
            ring: Ring::new(n),
            sub: 0.0,
            sum: 0.0,
            pending: 0.0,
        })
    }

    /// The period `n`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::Wma;
    /// assert_eq!(Wma::new(10)?.period(), 10);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(&self) -> usize {
        self.n
    }

    /// Returns (sub, sum, pending, output) after feeding `x`, in TA-Lib's operation order.
    #[inline]
    fn step(&self, x: f64) -> (f64, f64, f64, Option<f64>) {
        let seen = self.ring.len();
        if seen + 1 < self.n {
            // TA-Lib's warm-up accumulation, weight = position (1-based).
            return (self.sub + x, self.sum + x * (seen + 1) as f64, 0.0, None);
        }
        let mut sub = self.sub + x;
        sub -= self.pending;
        let sum = self.sum + x * self.n as f64;
        // The oldest value of the current window leaves at the next bar.
        let oldest = if self.n == 1 {
            x
        } else {
            self.ring.back(self.n - 2)
        };
        let out = sum / (self.n * (self.n + 1) / 2) as f64;
        (sub, sum - sub, oldest, Some(out))
    }
}

impl Indicator for Wma {
    type Input = f64;
    type Output = f64;

    fn update(&mut self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            self.reset();
            return None;
        }
        let (sub, sum, pending, out) = self.step(x);
        self.sub = sub;
        self.sum = sum;
        self.pending = pending;
        self.ring.push(x);
        out
    }

    fn peek(&self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            return None;
        }
        self.step(x).3
    }

    fn reset(&mut self) {
        self.ring.clear();
        self.sub = 0.0;
        self.sum = 0.0;
        self.pending = 0.0;
    }

    fn lookback(&self) -> usize {
        self.n - 1
    }
}

// ---------------------------------------------------------------------------------------------
// DEMA / TEMA

/// Double exponential moving average: `2 * ema(x) - ema(ema(x))`.
///
/// Both EMAs are SMA-seeded with `k = 2 / (n + 1)`; the inner one starts on the first output
/// of the outer. Matches TA-Lib `DEMA` to within a few units in the last place.
///
/// Warm-up: the first value is at index `2 * (n - 1)`. A non-finite input gives NaN and
/// re-seeds both averages. A warm-up longer than the data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::dema;
/// let x: Vec<f64> = (1..=10).map(f64::from).collect();
/// let out = dema(&x, 3)?;
/// assert!(out[3].is_nan());
/// assert!((out[4] - 5.0).abs() < 1e-12); // DEMA follows a straight line without lag
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn dema(x: &[f64], n: usize) -> Result<Vec<f64>> {
    if crate::error::window_exceeds(x.len(), &[n]) {
        return Ok(vec![f64::NAN; x.len()]);
    }
    let mut d = Dema::new(n)?;
    let mut out = vec![0.0; x.len()];
    drive(x, &mut out, |run, o| stream_kernel(&mut d, run, o));
    Ok(out)
}

/// Streaming [`dema`]: two chained EMA states, O(1) per update.
///
/// Gives exactly the numbers of [`dema`]. The first `Some` comes with input `2 * (n - 1)`.
/// A non-finite input resets the state and returns `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Dema, Indicator};
/// let mut d = Dema::new(3)?;
/// assert_eq!(d.lookback(), 4);
/// let out: Vec<_> = (1..=5).map(|v| d.update(f64::from(v))).collect();
/// assert!(out[3].is_none() && out[4].is_some());
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Dema {
    n: usize,
    e1: Recursive,
    e2: Recursive,
}

impl Dema {
    /// A DEMA over `n` values.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Dema};
    /// let ind = Dema::new(10)?;
    /// assert_eq!(ind.lookback(), 18);
    /// assert!(Dema::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        check_window("period", n)?;
        Ok(Dema {
            n,
            e1: Recursive::ema(n),
            e2: Recursive::ema(n),
        })
    }

    /// The period `n`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::Dema;
    /// assert_eq!(Dema::new(10)?.period(), 10);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(&self) -> usize {
        self.n
    }
}

impl Indicator for Dema {
    type Input = f64;
    type Output = f64;

    fn update(&mut self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            self.reset();
            return None;
        }
        let a = self.e1.update(x)?;
        let b = self.e2.update(a)?;
        Some(2.0 * a - b)
    }

    fn peek(&self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            return None;
        }
        let a = self.e1.peek(x)?;
        let b = self.e2.peek(a)?;
        Some(2.0 * a - b)
    }

    fn reset(&mut self) {
        self.e1.reset();
        self.e2.reset();
    }

    fn lookback(&self) -> usize {
        2 * (self.n - 1)
    }
}

/// Triple exponential moving average: `3*e1 - 3*e2 + e3` with `e1 = ema(x)`,
/// `e2 = ema(e1)`, `e3 = ema(e2)`.
///
/// Each EMA is SMA-seeded on the first output of the previous one. Matches TA-Lib `TEMA` to
/// within a few units in the last place (computed as `e3 + (3*e1 - 3*e2)`).
///
/// Warm-up: the first value is at index `3 * (n - 1)`. A non-finite input gives NaN and
/// re-seeds all three averages. A warm-up longer than the data gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::tema;
/// let x: Vec<f64> = (1..=10).map(f64::from).collect();
/// let out = tema(&x, 3)?;
/// assert!(out[5].is_nan());
/// assert!((out[6] - 7.0).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn tema(x: &[f64], n: usize) -> Result<Vec<f64>> {
    if crate::error::window_exceeds(x.len(), &[n]) {
        return Ok(vec![f64::NAN; x.len()]);
    }
    let mut t = Tema::new(n)?;
    let mut out = vec![0.0; x.len()];
    drive(x, &mut out, |run, o| stream_kernel(&mut t, run, o));
    Ok(out)
}

/// Streaming [`tema`]: three chained EMA states, O(1) per update.
///
/// Gives exactly the numbers of [`tema`]. The first `Some` comes with input `3 * (n - 1)`.
/// A non-finite input resets the state and returns `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, Tema};
/// let t = Tema::new(5)?;
/// assert_eq!(t.lookback(), 12);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Tema {
    n: usize,
    e1: Recursive,
    e2: Recursive,
    e3: Recursive,
}

impl Tema {
    /// A TEMA over `n` values.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Tema};
    /// let ind = Tema::new(10)?;
    /// assert_eq!(ind.lookback(), 27);
    /// assert!(Tema::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        check_window("period", n)?;
        Ok(Tema {
            n,
            e1: Recursive::ema(n),
            e2: Recursive::ema(n),
            e3: Recursive::ema(n),
        })
    }

    /// The period `n`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::Tema;
    /// assert_eq!(Tema::new(10)?.period(), 10);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(&self) -> usize {
        self.n
    }
}

impl Indicator for Tema {
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
        Some(c + (3.0 * a - 3.0 * b))
    }

    fn peek(&self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            return None;
        }
        let a = self.e1.peek(x)?;
        let b = self.e2.peek(a)?;
        let c = self.e3.peek(b)?;
        Some(c + (3.0 * a - 3.0 * b))
    }

    fn reset(&mut self) {
        self.e1.reset();
        self.e2.reset();
        self.e3.reset();
    }

    fn lookback(&self) -> usize {
        3 * (self.n - 1)
    }
}

// ---------------------------------------------------------------------------------------------
// KAMA

const KAMA_FAST: f64 = 2.0 / (2.0 + 1.0);
const KAMA_SLOW: f64 = 2.0 / (30.0 + 1.0);

/// Kaufman's adaptive moving average (fast period 2, slow period 30).
///
/// Efficiency ratio `er = |x[i] - x[i-n]| / sum(|x[j] - x[j-1]|, j = i-n+1..=i)` (1 when the
/// path length is exactly 0 or at most the net move, as TA-Lib; no absolute threshold, so
/// the result does not depend on the price scale), smoothing `sc = (er * (2/3 - 2/31) + 2/31)^2`,
/// `kama[i] = (x[i] - kama[i-1]) * sc + kama[i-1]`, started from `kama = x[n-1]`. Matches
/// TA-Lib `KAMA` and ChartSchool's KAMA(10, 2, 30) after its warm-up.
///
/// Warm-up: the first value is at index `n`. A non-finite input gives NaN and restarts the
/// warm-up. A period of `n >= len` gives all NaN.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
///
/// # Example
/// ```
/// use chartist::indicators::kama;
/// let out = kama(&[1.0, 2.0, 3.0, 4.0], 2)?;
/// assert!(out[1].is_nan());
/// // er = 1 (a straight line), sc = (2/3)^2, starting from x[1] = 2
/// assert!((out[2] - (2.0 + 4.0 / 9.0)).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn kama(x: &[f64], n: usize) -> Result<Vec<f64>> {
    if crate::error::window_exceeds(x.len(), &[n]) {
        return Ok(vec![f64::NAN; x.len()]);
    }
    let mut k = Kama::new(n)?;
    let mut out = vec![0.0; x.len()];
    drive(x, &mut out, |run, o| stream_kernel(&mut k, run, o));
    Ok(out)
}

/// Streaming [`kama`]: O(1) per update over a ring buffer of the last `n + 1` values.
///
/// Gives exactly the numbers of [`kama`]. The first `Some` comes with input `n`. A non-finite
/// input resets the state and returns `None`.
///
/// # Example
/// ```
/// use chartist::indicators::{Indicator, Kama};
/// let mut k = Kama::new(10)?;
/// assert_eq!(k.lookback(), 10);
/// assert_eq!(k.update(1.0), None);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Kama {
    n: usize,
    /// The last `n + 1` inputs before the current one.
    ring: Ring,
    /// Sum of absolute one-bar changes over the window.
    path: f64,
    prev: f64,
}

impl Kama {
    /// A KAMA with efficiency window `n` (fast 2, slow 30).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Kama};
    /// let ind = Kama::new(10)?;
    /// assert_eq!(ind.lookback(), 10);
    /// assert!(Kama::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        check_window("period", n)?;
        Ok(Kama {
            n,
            ring: Ring::new(n + 1),
            path: 0.0,
            prev: 0.0,
        })
    }

    /// The efficiency window `n`.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::Kama;
    /// assert_eq!(Kama::new(10)?.period(), 10);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(&self) -> usize {
        self.n
    }

    /// Returns (path, prev, output) after feeding `x`.
    #[inline]
    fn step(&self, x: f64) -> (f64, f64, Option<f64>) {
        let seen = self.ring.len();
        if seen == 0 {
            return (0.0, 0.0, None);
        }
        let last = self.ring.back(0);
        if seen < self.n {
            // TA-Lib sums |x[j] - x[j+1]| in this sign order.
            return (self.path + (last - x).abs(), 0.0, None);
        }
        let (path, prev, trailing) = if seen == self.n {
            // First output: path sum completes, kama starts from the previous input.
            (
                self.path + (last - x).abs(),
                last,
                self.ring.back(self.n - 1),
            )
        } else {
            let before = self.ring.back(self.n); // x[i-n-1]
            let trailing = self.ring.back(self.n - 1); // x[i-n]
            let mut path = self.path;
            path -= (before - trailing).abs();
            path += (x - last).abs();
            (path, self.prev, trailing)
        };
        let roc = x - trailing;
        let er = if path <= roc || path == 0.0 {
            1.0
        } else {
            (roc / path).abs()
        };
        let mut sc = er * (KAMA_FAST - KAMA_SLOW) + KAMA_SLOW;
        sc *= sc;
        let kama = (x - prev) * sc + prev;
        (path, kama, Some(kama))
    }
}

impl Indicator for Kama {
    type Input = f64;
    type Output = f64;

    fn update(&mut self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            self.reset();
            return None;
        }
        let (path, prev, out) = self.step(x);
        self.path = path;
        self.prev = prev;
        self.ring.push(x);
        out
    }

    fn peek(&self, x: f64) -> Option<f64> {
        if !x.is_finite() {
            return None;
        }
        self.step(x).2
    }

    fn reset(&mut self) {
        self.ring.clear();
        self.path = 0.0;
        self.prev = 0.0;
    }

    fn lookback(&self) -> usize {
        self.n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ring_keeps_last_values() {
        let mut r = Ring::new(3);
        for v in 1..=5 {
            r.push(f64::from(v));
        }
        assert_eq!(
            (r.back(0), r.back(1), r.back(2), r.oldest()),
            (5.0, 4.0, 3.0, 3.0)
        );
    }

    #[test]
    fn period_one_is_identity() {
        let x = [1.0, 5.0, -2.0];
        assert_eq!(sma(&x, 1).unwrap(), x);
        assert_eq!(ema(&x, 1).unwrap(), x);
        assert_eq!(rma(&x, 1).unwrap(), x);
        assert_eq!(wma(&x, 1).unwrap(), x);
    }
}
