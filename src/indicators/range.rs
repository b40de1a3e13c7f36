//! Range and volatility of bars: true range, average true range (ATR) and normalized ATR.
//!
//! The true range of a bar is the distance the price covered since the previous close: the
//! largest of `high - low`, `|previous close - high|` and `|previous close - low|`. ATR is its
//! Wilder-smoothed average (J. Welles Wilder, *New Concepts in Technical Trading Systems*, 1978)
//! and NATR expresses ATR as a percentage of the close, so it compares across price levels.
//!
//! All three follow TA-Lib (`TA_TRANGE`, `TA_ATR`, `TA_NATR`): the first bar has no previous
//! close, so true range starts at index 1 and ATR(n) at index n, seeded with the simple average
//! of the first n true ranges.
//! ChartSchool's worksheet counts the first bar's own range as a true range and starts one bar
//! earlier: [`atr_with`] and [`AtrSeed::StockCharts`] give its numbers.

use crate::error::{check_len, check_window, Result};
use crate::indicators::core::{
    all_finite, for_each_finite_run, prefetch, Hlc, Indicator, PREFETCH_AHEAD,
};
use crate::indicators::moving_average::{Linear, BLOCK};

/// True range of a bar given the previous close: `max(high, prev_close) - min(low, prev_close)`.
///
/// For a valid bar (`high >= low`) this is exactly TA-Lib's `max(high - low, |prev_close -
/// high|, |prev_close - low|)`: the one subtraction that attains the maximum is the same in
/// both forms. It takes three instructions instead of seven.
#[inline(always)]
pub(crate) fn bar_true_range(high: f64, low: f64, prev_close: f64) -> f64 {
    let top = if prev_close > high { prev_close } else { high };
    let bottom = if prev_close < low { prev_close } else { low };
    top - bottom
}

/// A term whose sum over bars is finite exactly when every high, low and close summed is:
/// `high * low * close`. A NaN or infinity makes the product NaN or infinite and the sum keeps
/// it (the true range's comparisons may drop a NaN, so they cannot tell). Finite prices beyond
/// about 1e100 can overflow it, which only sends a caller down its slower run-by-run path, with
/// the same numbers. Products run on the multiply units, which the true-range kernels leave
/// idle (a sum of `(high - low) + close` queued behind their compares and subtractions).
#[inline(always)]
pub(crate) fn finite_probe(high: f64, low: f64, close: f64) -> f64 {
    (high * low) * close
}

/// [`finite_probe`] as a sum, `(high - low) + close` (it overflows only past about 1e308), for
/// loops whose multiply units are the busy ones, ATR's and ADX's smoothing: in ATR's the
/// product took 0.96–1.06 ms per 1M bars against 0.91 for the sum, and in ADX's it gained
/// nothing.
#[inline(always)]
pub(crate) fn finite_probe_sum(high: f64, low: f64, close: f64) -> f64 {
    (high - low) + close
}

/// True ranges of bars with their previous closes (`out[j]` from `high[j]`, `low[j]`,
/// `prev_close[j]`; all four slices of one length). Returns the sum of [`finite_probe`] over
/// every bar. Eight bars per step, summed in four independent lanes, so the compiler can use
/// vector instructions for both parts.
///
/// The loop reads three streams and writes one, and on long series it waits on memory: every
/// eight bars it asks for the inputs one 4 KiB page ahead ([`prefetch`]), which the hardware
/// prefetchers, stopping at page boundaries, do not fetch in time.
#[inline(always)]
fn true_ranges(high: &[f64], low: &[f64], prev_close: &[f64], out: &mut [f64]) -> f64 {
    debug_assert!(high.len() == out.len() && low.len() == out.len());
    debug_assert_eq!(prev_close.len(), out.len());
    let n = out.len();
    let (high, low, prev_close) = (&high[..n], &low[..n], &prev_close[..n]);
    let mut lanes = [0.0f64; 4];
    let mut hs = high.chunks_exact(8);
    let mut ls = low.chunks_exact(8);
    let mut ps = prev_close.chunks_exact(8);
    let mut os = out.chunks_exact_mut(8);
    let mut ahead = PREFETCH_AHEAD;
    for (((h, l), p), o) in (&mut hs).zip(&mut ls).zip(&mut ps).zip(&mut os) {
        if ahead < n {
            prefetch(&high[ahead]);
            prefetch(&low[ahead]);
            prefetch(&prev_close[ahead]);
        }
        ahead += 8;
        for j in 0..8 {
            o[j] = bar_true_range(h[j], l[j], p[j]);
            lanes[j % 4] += finite_probe(h[j], l[j], p[j]);
        }
    }
    let rest = hs
        .remainder()
        .iter()
        .zip(ls.remainder())
        .zip(ps.remainder());
    for (((&h, &l), &p), o) in rest.zip(os.into_remainder()) {
        *o = bar_true_range(h, l, p);
        lanes[0] += finite_probe(h, l, p);
    }
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
}

/// Checks that high, low and close have the same length.
pub(crate) fn check_hlc(high: &[f64], low: &[f64], close: &[f64]) -> Result<()> {
    check_len("low", high.len(), low.len())?;
    check_len("close", high.len(), close.len())
}

/// The common start of a one-period `*_into` function over bars: the column lengths
/// ([`check_hlc`], then `volume` when given), then [`start_into`](crate::error::start_into)
/// (the output length; `Ok(false)` with `out` all NaN when the period exceeds the data), then
/// the period itself. `Ok(true)` means there is something to compute.
pub(crate) fn start_bars_into(
    (high, low, close): (&[f64], &[f64], &[f64]),
    volume: Option<&[f64]>,
    period: usize,
    out: &mut [f64],
) -> Result<bool> {
    check_hlc(high, low, close)?;
    if let Some(volume) = volume {
        check_len("volume", high.len(), volume.len())?;
    }
    if !crate::error::start_into(out, high.len(), &[period])? {
        return Ok(false);
    }
    check_window("period", period)?;
    Ok(true)
}

/// Runs `kernel(start, end, out_run)` over the bars of `high`/`low`/`close` following the NaN
/// policy: once over everything when every value is finite (one check pass), otherwise once per
/// maximal run of finite bars, with NaN written at the other positions of `out`.
pub(crate) fn for_each_hlc_run(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    out: &mut [f64],
    mut kernel: impl FnMut(usize, usize, &mut [f64]),
) {
    if all_finite(&[high, low, close]) {
        kernel(0, high.len(), out);
    } else {
        let finite = |i: usize| high[i].is_finite() && low[i].is_finite() && close[i].is_finite();
        for_each_finite_run(high.len(), finite, out, kernel);
    }
}

// ---------------------------------------------------------------------------------------------
// True range
// ---------------------------------------------------------------------------------------------

/// True range of each bar (TA-Lib `TA_TRANGE`).
///
/// `tr[i] = max(high[i] - low[i], |close[i-1] - high[i]|, |close[i-1] - low[i]|)`, computed as
/// `max(high[i], close[i-1]) - min(low[i], close[i-1])` (the same number when `high >= low`).
///
/// Warm-up: 1 bar (the first bar has no previous close), so `tr[0]` is NaN and the first value
/// is at index 1, as in TA-Lib. A bar with a non-finite high, low or close gives NaN, and the
/// next bar has no previous close either (the series restarts after it).
///
/// # Errors
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` or `close` is not as long
/// as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::true_range;
/// let tr = true_range(&[10.0, 12.0], &[9.0, 11.0], &[9.5, 11.5])?;
/// assert!(tr[0].is_nan());
/// assert_eq!(tr[1], 2.5); // previous close 9.5 to high 12
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn true_range(high: &[f64], low: &[f64], close: &[f64]) -> Result<Vec<f64>> {
    let mut out = vec![f64::NAN; high.len()];
    true_range_into(high, low, close, &mut out)?;
    Ok(out)
}

/// [`true_range`] writing into a caller's buffer of the input's length.
///
/// # Errors
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low`, `close` or `out` is not
/// as long as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::true_range_into;
/// let mut out = vec![0.0; 2];
/// true_range_into(&[10.0, 12.0], &[9.0, 11.0], &[9.5, 11.5], &mut out)?;
/// assert_eq!(out[1], 2.5);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn true_range_into(high: &[f64], low: &[f64], close: &[f64], out: &mut [f64]) -> Result<()> {
    check_hlc(high, low, close)?;
    check_len("out", high.len(), out.len())?;
    // Optimistic single pass (one read of the inputs instead of a check pass plus a compute
    // pass): the kernel also reports whether every input was finite; if not, redo run by run.
    let len = high.len();
    if len == 0 || true_range_kernel(high, low, close, out) {
        return Ok(());
    }
    for_each_hlc_run(high, low, close, out, |start, end, out| {
        true_range_kernel(&high[start..end], &low[start..end], &close[start..end], out);
    });
    Ok(())
}

/// True range over one run of bars (non-empty slices of one length); returns whether every
/// input was finite (up to the rare overflow of [`true_ranges`]'s check, which only costs a
/// second pass).
fn true_range_kernel(high: &[f64], low: &[f64], close: &[f64], out: &mut [f64]) -> bool {
    let n = out.len();
    out[0] = f64::NAN;
    let check = true_ranges(&high[1..], &low[1..], &close[..n - 1], &mut out[1..]);
    check.is_finite() && high[0].is_finite() && low[0].is_finite() && close[n - 1].is_finite()
}

/// Streaming true range (TA-Lib `TA_TRANGE`); see [`true_range`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlc, Indicator, TrueRange};
/// let mut tr = TrueRange::new();
/// assert_eq!(tr.update(Hlc::new(10.0, 9.0, 9.5)), None);
/// assert_eq!(tr.update(Hlc::new(12.0, 11.0, 11.5)), Some(2.5));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TrueRange {
    prev_close: Option<f64>,
}

impl TrueRange {
    /// A true-range calculator that has seen no bar yet.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, TrueRange};
    /// let tr = TrueRange::new();
    /// assert_eq!(tr.lookback(), 1);
    /// assert_eq!(tr, TrueRange::default());
    /// ```
    pub fn new() -> Self {
        TrueRange { prev_close: None }
    }
}

impl Indicator for TrueRange {
    type Input = Hlc;
    type Output = f64;

    fn update(&mut self, bar: Hlc) -> Option<f64> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let out = self.peek(bar);
        self.prev_close = Some(bar.close);
        out
    }

    fn peek(&self, bar: Hlc) -> Option<f64> {
        if !bar.is_finite() {
            return None;
        }
        self.prev_close
            .map(|pc| bar_true_range(bar.high, bar.low, pc))
    }

    fn reset(&mut self) {
        self.prev_close = None;
    }

    fn lookback(&self) -> usize {
        1
    }
}

// ---------------------------------------------------------------------------------------------
// ATR
// ---------------------------------------------------------------------------------------------

/// Wilder's smoothing factors for period `n`: `beta = (n - 1) / n` and `alpha = 1 - beta`
/// (exactly complementary; `alpha` is derived from `beta`).
fn wilder_factors(period: usize) -> (f64, f64) {
    let beta = (period - 1) as f64 / period as f64;
    (1.0 - beta, beta)
}

/// Average true range (TA-Lib `TA_ATR`, ChartSchool "Average True Range").
///
/// Wilder's smoothing of [`true_range`]: the first value, at index `period`, is the simple
/// average of the true ranges at indices `1..=period`; after that
/// `atr[i] = atr[i-1] * (period - 1) / period + tr[i] / period`.
///
/// Warm-up: `period` bars (NaN at indices `0..period`). A period longer than the data gives all
/// NaN. A non-finite high, low or close gives NaN at that bar and the ATR re-seeds on the
/// following bars, as if a new series had started there.
///
/// The batch loop evaluates the recurrence eight bars at a time, two blocks of four side by
/// side (the same numbers as the streaming [`Atr`] up to a relative 1e-13 or so); the
/// streaming type follows the recurrence bar by bar.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` or `close` is not as long
/// as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::atr;
/// let high = [10.0, 11.0, 12.0, 13.0];
/// let low = [9.0, 10.0, 11.0, 12.0];
/// let close = [9.5, 10.5, 11.5, 12.5];
/// let out = atr(&high, &low, &close, 2)?;
/// assert!(out[1].is_nan());
/// assert_eq!(out[2], 1.5); // mean of the true ranges 1.5 and 1.5
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn atr(high: &[f64], low: &[f64], close: &[f64], period: usize) -> Result<Vec<f64>> {
    let mut out = vec![f64::NAN; high.len()];
    atr_into(high, low, close, period, &mut out)?;
    Ok(out)
}

/// [`atr`] writing into a caller's buffer of the input's length.
///
/// # Errors
/// As [`atr`], and [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `out` is not as
/// long as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::atr_into;
/// let mut out = vec![0.0; 3];
/// atr_into(&[10.0, 11.0, 12.0], &[9.0, 10.0, 11.0], &[9.5, 10.5, 11.5], 2, &mut out)?;
/// assert_eq!(out[2], 1.5);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn atr_into(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    period: usize,
    out: &mut [f64],
) -> Result<()> {
    if !start_bars_into((high, low, close), None, period, out)? {
        return Ok(());
    }
    // Optimistic single pass: the kernel reports whether every input it read was finite (one
    // pass over memory instead of a check pass plus a compute pass); if not, redo run by run.
    let ends_finite = |i: usize| high[i].is_finite() && low[i].is_finite() && close[i].is_finite();
    let len = high.len();
    if len == 0
        || (ends_finite(0) && ends_finite(len - 1) && atr_kernel(high, low, close, period, out))
    {
        return Ok(());
    }
    for_each_finite_run(len, ends_finite, out, |start, end, out| {
        atr_kernel(
            &high[start..end],
            &low[start..end],
            &close[start..end],
            period,
            out,
        );
    });
    Ok(())
}

/// How the first true range of an [`atr_with`] series is taken.
///
/// # Example
/// ```
/// use chartist::indicators::{atr_with, AtrSeed};
/// assert_eq!(AtrSeed::default(), AtrSeed::TaLib);
/// let (h, l, c) = ([10.0, 11.0, 12.0], [9.0, 10.0, 11.0], [9.5, 10.5, 11.5]);
/// assert!(atr_with(&h, &l, &c, 2, AtrSeed::TaLib)?[1].is_nan()); // first value at index 2
/// assert_eq!(atr_with(&h, &l, &c, 2, AtrSeed::StockCharts)?[1], 1.25); // at index 1
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AtrSeed {
    /// TA-Lib (`TA_ATR`, Stock.Indicators): the first bar has no previous close, so it has no
    /// true range; the first ATR, at index `period`, averages the true ranges of bars
    /// `1..=period`.
    #[default]
    TaLib,
    /// StockCharts ChartSchool's "Average True Range" worksheet: the first bar's true range is
    /// its own `high - low`; the first ATR, at index `period - 1`, averages bars `0..period`.
    StockCharts,
}

/// [`atr`] with an explicit seeding convention: [`AtrSeed::TaLib`] is [`atr`] itself;
/// [`AtrSeed::StockCharts`] counts the first bar's `high - low` as a true range, so the ATR
/// starts one bar earlier (index `period - 1`, the mean of the true ranges of bars
/// `0..period`) and follows Wilder's recurrence from there. After a few hundred bars the two
/// agree to many digits (the seed's weight shrinks by `(period - 1) / period` a bar).
///
/// Warm-up: `period` bars ([`AtrSeed::TaLib`]) or `period - 1` ([`AtrSeed::StockCharts`]); a
/// warm-up longer than the data gives all NaN. A non-finite high, low or close gives NaN at that
/// bar and the ATR re-seeds afterwards, as if a new series began at the next bar (whose own
/// range is its first true range under [`AtrSeed::StockCharts`]).
///
/// # Errors
/// As [`atr`].
///
/// # Example
/// ```
/// use chartist::indicators::{atr, atr_with, AtrSeed};
/// let high = [10.0, 11.0, 12.0, 13.0];
/// let low = [9.0, 10.0, 11.0, 12.0];
/// let close = [9.5, 10.5, 11.5, 12.5];
/// let stockcharts = atr_with(&high, &low, &close, 2, AtrSeed::StockCharts)?;
/// assert!(stockcharts[0].is_nan());
/// assert_eq!(stockcharts[1], (1.0 + 1.5) / 2.0); // bar 0's range 1, bar 1's true range 1.5
/// let talib = atr_with(&high, &low, &close, 2, AtrSeed::TaLib)?; // the same as `atr`
/// assert_eq!(talib[2..], atr(&high, &low, &close, 2)?[2..]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn atr_with(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    period: usize,
    seed: AtrSeed,
) -> Result<Vec<f64>> {
    if seed == AtrSeed::TaLib {
        return atr(high, low, close, period);
    }
    check_hlc(high, low, close)?;
    // True ranges with the first bar of each finite run counted as its own range, then
    // Wilder's SMA-seeded average over each run (the NaN bars split both the same way).
    let mut tr = true_range(high, low, close)?;
    let finite = |i: usize| high[i].is_finite() && low[i].is_finite() && close[i].is_finite();
    for i in 0..tr.len() {
        if finite(i) && (i == 0 || !finite(i - 1)) {
            tr[i] = high[i] - low[i];
        }
    }
    crate::indicators::rma(&tr, period)
}

/// ATR over one run of finite bars (all slices of the same length). Returns false when a
/// true range it computed was not finite (then the output is to be recomputed run by run).
fn atr_kernel(high: &[f64], low: &[f64], close: &[f64], period: usize, out: &mut [f64]) -> bool {
    let len = out.len();
    if len <= period {
        out.fill(f64::NAN);
        return high.iter().chain(low).chain(close).all(|v| v.is_finite());
    }
    out[..period].fill(f64::NAN);
    // `check` sums [`finite_probe_sum`] over every bar read.
    let mut check = 0.0;
    // Seed: the plain average of the first `period` true ranges, summed in input order.
    let mut sum = 0.0;
    for ((&h, &l), &pc) in high[1..=period]
        .iter()
        .zip(&low[1..=period])
        .zip(&close[..period])
    {
        sum += bar_true_range(h, l, pc);
        check += finite_probe_sum(h, l, pc);
    }
    let mut value = sum / period as f64;
    out[period] = value;
    let (alpha, beta) = wilder_factors(period);
    let lin = Linear::new(beta, alpha);
    let h = &high[period + 1..];
    let l = &low[period + 1..];
    let pc = &close[period..len - 1];
    let o = &mut out[period + 1..];
    // Eight bars at a time ([`Linear::pair`]), their true ranges and finiteness sums computed
    // in independent lanes (vector instructions) first. A partial last pair is padded with zero
    // true ranges, which change no earlier output, so appending bars never changes an output.
    const PAIR: usize = 2 * BLOCK;
    let mut lanes = [0.0f64; PAIR];
    let mut hs = h.chunks_exact(PAIR);
    let mut ls = l.chunks_exact(PAIR);
    let mut ps = pc.chunks_exact(PAIR);
    let mut os = o.chunks_exact_mut(PAIR);
    for (((hb, lb), pb), ob) in (&mut hs).zip(&mut ls).zip(&mut ps).zip(&mut os) {
        let mut tr = [0.0; PAIR];
        for j in 0..PAIR {
            tr[j] = bar_true_range(hb[j], lb[j], pb[j]);
            lanes[j] += finite_probe_sum(hb[j], lb[j], pb[j]);
        }
        let (r, next) = lin.pair(value, &tr);
        ob.copy_from_slice(&r);
        value = next;
    }
    let tail = hs
        .remainder()
        .iter()
        .zip(ls.remainder())
        .zip(ps.remainder());
    let ot = os.into_remainder();
    if !ot.is_empty() {
        let mut tr = [0.0; PAIR];
        for ((t, lane), ((&hv, &lv), &pv)) in tr.iter_mut().zip(&mut lanes).zip(tail) {
            *t = bar_true_range(hv, lv, pv);
            *lane += finite_probe_sum(hv, lv, pv);
        }
        let (r, _) = lin.pair(value, &tr);
        ot.copy_from_slice(&r[..ot.len()]);
    }
    check += lanes.iter().sum::<f64>();
    check.is_finite()
}

/// [`Hlc::is_finite`] in fewer instructions for the usual bar: `s * 0.0` with `s = high + low +
/// close` is 0 exactly when the sum is finite, which it is when all three prices are (unless
/// the sum overflows: then, as for any non-finite bar, the exact test decides).
#[inline(always)]
fn finite_bar(bar: Hlc) -> bool {
    (bar.high + bar.low + bar.close) * 0.0 == 0.0 || bar.is_finite()
}

/// Streaming average true range (TA-Lib `TA_ATR`); see [`atr`].
///
/// Each update costs a true range and one multiply-add; no allocation.
///
/// # Example
/// ```
/// use chartist::indicators::{Atr, Hlc, Indicator};
/// let mut atr = Atr::new(2)?;
/// assert_eq!(atr.update(Hlc::new(10.0, 9.0, 9.5)), None);
/// assert_eq!(atr.update(Hlc::new(11.0, 10.0, 10.5)), None);
/// assert_eq!(atr.update(Hlc::new(12.0, 11.0, 11.5)), Some(1.5));
/// assert_eq!(atr.lookback(), 2);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Atr {
    period: usize,
    alpha: f64,
    beta: f64,
    /// Bars seen since the last reset (saturating at `period + 1`), counted from `first`.
    seen: usize,
    /// Where `seen` starts: 0 for [`AtrSeed::TaLib`]; 1 for [`AtrSeed::StockCharts`], whose
    /// first bar counts its own range as a true range (the true range against the NaN
    /// previous close of a fresh state is exactly `high - low`).
    first: usize,
    prev_close: f64,
    /// Sum of true ranges during warm-up, then the current ATR.
    value: f64,
}

impl Atr {
    /// An ATR over `period` bars.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Atr, Indicator};
    /// let atr = Atr::new(14)?;
    /// assert_eq!(atr.lookback(), 14);
    /// assert!(Atr::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    #[inline] // lets a caller's update loop see alpha and beta as values, not a pair in memory
    pub fn new(period: usize) -> Result<Self> {
        Self::with_seed(period, AtrSeed::TaLib)
    }

    /// An ATR over `period` bars with the given seeding convention: [`AtrSeed::TaLib`] is
    /// [`Atr::new`]; [`AtrSeed::StockCharts`] counts the first bar's `high - low` as a true
    /// range, so its first value comes one bar earlier (lookback `period - 1`) and it gives the
    /// numbers of [`atr_with`]`(.., AtrSeed::StockCharts)` (to within 1e-12 relative). After a
    /// non-finite bar or [`reset`](Indicator::reset) the next bar is again a first bar.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Atr, AtrSeed, Hlc, Indicator};
    /// let mut atr = Atr::with_seed(2, AtrSeed::StockCharts)?;
    /// assert_eq!(atr.lookback(), 1);
    /// assert_eq!(atr.update(Hlc::new(10.0, 9.0, 9.5)), None); // true range 1 (its own range)
    /// assert_eq!(atr.update(Hlc::new(11.0, 10.0, 10.5)), Some(1.25)); // (1 + 1.5) / 2
    /// # Ok::<(), chartist::Error>(())
    /// ```
    #[inline]
    pub fn with_seed(period: usize, seed: AtrSeed) -> Result<Self> {
        check_window("period", period)?;
        let (alpha, beta) = wilder_factors(period);
        let first = match seed {
            AtrSeed::TaLib => 0,
            AtrSeed::StockCharts => 1,
        };
        Ok(Atr {
            period,
            alpha,
            beta,
            seen: first,
            first,
            prev_close: f64::NAN,
            value: 0.0,
        })
    }

    /// The period the ATR was built with.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::Atr;
    /// assert_eq!(Atr::new(14)?.period(), 14);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(&self) -> usize {
        self.period
    }

    /// The state after `bar`, and the output it gives.
    #[inline(always)]
    fn step(&self, bar: Hlc) -> (usize, f64, Option<f64>) {
        // The steady state is tested first (one predictable branch per update). On the first
        // bar `prev_close` is NaN, so this true range is `high - low`: unused from `seen == 0`
        // (TA-Lib), counted from `seen == 1` (StockCharts).
        let tr = bar_true_range(bar.high, bar.low, self.prev_close);
        if self.seen > self.period {
            let v = self.beta * self.value + self.alpha * tr;
            (self.seen, v, Some(v))
        } else if self.seen == 0 {
            (1, 0.0, None)
        } else if self.seen == self.period {
            let v = (self.value + tr) / self.period as f64;
            (self.seen + 1, v, Some(v))
        } else {
            (self.seen + 1, self.value + tr, None)
        }
    }
}

impl Indicator for Atr {
    type Input = Hlc;
    type Output = f64;

    #[inline]
    fn update(&mut self, bar: Hlc) -> Option<f64> {
        // Every field is written once, from locals, so a loop over `update` keeps the state in
        // registers (a reset written as separate stores would pin it to memory).
        let (seen, value, prev_close, out) = if finite_bar(bar) {
            let (seen, value, out) = self.step(bar);
            (seen, value, bar.close, out)
        } else {
            (self.first, 0.0, f64::NAN, None)
        };
        self.seen = seen;
        self.value = value;
        self.prev_close = prev_close;
        out
    }

    fn peek(&self, bar: Hlc) -> Option<f64> {
        if !finite_bar(bar) {
            return None;
        }
        self.step(bar).2
    }

    fn reset(&mut self) {
        self.seen = self.first;
        self.prev_close = f64::NAN;
        self.value = 0.0;
    }

    fn lookback(&self) -> usize {
        self.period - self.first
    }
}

// ---------------------------------------------------------------------------------------------
// NATR
// ---------------------------------------------------------------------------------------------

/// ATR as a percentage of the close, from an ATR value (0 when the close is 0, as in TA-Lib).
///
/// TA-Lib tests the close against an absolute 1e-14, which would zero every value of a series
/// quoted below 1e-14; an exact zero test gives the same numbers at every other scale.
#[inline(always)]
fn normalize(atr: f64, close: f64) -> f64 {
    if atr.is_nan() {
        f64::NAN // warm-up and non-finite bars stay NaN
    } else if close == 0.0 {
        0.0
    } else {
        (atr / close) * 100.0
    }
}

/// Normalized average true range (TA-Lib `TA_NATR`): `100 * atr[i] / close[i]`.
///
/// Same warm-up (`period` bars) and NaN behaviour as [`atr`]; a close of zero gives 0, as in
/// TA-Lib (only an exact zero: TA-Lib's absolute 1e-14 threshold would zero a whole series
/// quoted below 1e-14). One more deliberate difference: TA-Lib's `TA_NATR` with period 1 returns the raw true
/// range (not normalised); here period 1 is normalised like every other period.
///
/// # Errors
/// As [`atr`].
///
/// # Example
/// ```
/// use chartist::indicators::natr;
/// let out = natr(&[10.0, 11.0, 12.0], &[9.0, 10.0, 11.0], &[9.5, 10.5, 12.0], 2)?;
/// assert_eq!(out[2], 12.5); // ATR 1.5 is 12.5 % of the close 12
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn natr(high: &[f64], low: &[f64], close: &[f64], period: usize) -> Result<Vec<f64>> {
    let mut out = atr(high, low, close, period)?;
    for (o, &c) in out.iter_mut().zip(close) {
        *o = normalize(*o, c);
    }
    Ok(out)
}

/// Streaming normalized ATR (TA-Lib `TA_NATR`); see [`natr`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlc, Indicator, Natr};
/// let mut natr = Natr::new(2)?;
/// natr.update(Hlc::new(10.0, 9.0, 9.5));
/// natr.update(Hlc::new(11.0, 10.0, 10.5));
/// assert_eq!(natr.update(Hlc::new(12.0, 11.0, 12.0)), Some(12.5));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Natr {
    atr: Atr,
}

impl Natr {
    /// A normalized ATR over `period` bars.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Hlc, Indicator, Natr};
    /// let mut natr = Natr::new(1)?;
    /// natr.update(Hlc::new(10.0, 9.0, 10.0));
    /// assert_eq!(natr.update(Hlc::new(11.0, 10.0, 10.0)), Some(10.0)); // TR 1 is 10 % of 10
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(period: usize) -> Result<Self> {
        Ok(Natr {
            atr: Atr::new(period)?,
        })
    }
}

impl Indicator for Natr {
    type Input = Hlc;
    type Output = f64;

    fn update(&mut self, bar: Hlc) -> Option<f64> {
        self.atr.update(bar).map(|a| normalize(a, bar.close))
    }

    fn peek(&self, bar: Hlc) -> Option<f64> {
        self.atr.peek(bar).map(|a| normalize(a, bar.close))
    }

    fn reset(&mut self) {
        self.atr.reset();
    }

    fn lookback(&self) -> usize {
        self.atr.lookback()
    }
}
