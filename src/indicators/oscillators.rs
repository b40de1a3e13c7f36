//! Bounded oscillators over high/low/close bars: stochastic (slow and fast), Williams %R, CCI,
//! money flow index and the Ultimate Oscillator.
//!
//! Each answers "where does the close sit within the recent range?" in its own way:
//! - [`stochastic`] / [`stochastic_fast`]: the close's position in the highest-high /
//!   lowest-low range of the last `k` bars, 0..100, smoothed (George Lane's %K and %D).
//! - [`williams_r`]: the same position measured down from the high, -100..0.
//! - [`cci`]: the typical price's distance from its average in units of mean deviation
//!   (Donald Lambert), unbounded, usually within +-100.
//! - [`mfi`]: a volume-weighted RSI of the typical price, 0..100.
//! - [`ultimate_oscillator`]: buying pressure over three horizons (Larry Williams), 0..100.
//!
//! All follow TA-Lib's definitions and first output index (`TA_STOCH` with SMA smoothing,
//! `TA_STOCHF`, `TA_WILLR`, `TA_CCI`, `TA_MFI`, `TA_ULTOSC`). The batch functions run the
//! streaming types over the input, so both give the same numbers bit for bit.

use crate::error::{check_window, Result};
use crate::indicators::core::{all_finite, for_each_finite_run, Hlc, Hlcv, Indicator};
use crate::indicators::range::{bar_true_range, check_hlc, for_each_hlc_run, start_bars_into};
use crate::indicators::{sma_into, Highest, Lowest, Sma};

// ---------------------------------------------------------------------------------------------
// Building blocks: rolling highest high / lowest low, streaming and batch
// ---------------------------------------------------------------------------------------------

/// Highest high and lowest low over a rolling window of bars, built on the crate's
/// [`Highest`] and [`Lowest`] (streaming side of %K, %R and Donchian).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RollingRange {
    highest: Highest,
    lowest: Lowest,
    /// The last `(highest, lowest)` returned by `push`.
    current: Option<(f64, f64)>,
}

impl RollingRange {
    pub(crate) fn new(period: usize) -> Result<Self> {
        Ok(RollingRange {
            highest: Highest::new(period)?,
            lowest: Lowest::new(period)?,
            current: None,
        })
    }

    pub(crate) fn period(&self) -> usize {
        self.highest.period()
    }

    pub(crate) fn reset(&mut self) {
        self.highest.reset();
        self.lowest.reset();
        self.current = None;
    }

    /// Pushes a bar (finite high and low); returns `(highest, lowest)` of the last `period`
    /// bars once that many were pushed.
    #[inline(always)]
    pub(crate) fn push(&mut self, high: f64, low: f64) -> Option<(f64, f64)> {
        let hi = self.highest.update(high);
        let lo = self.lowest.update(low);
        self.current = hi.zip(lo);
        self.current
    }

    /// What [`push`](Self::push) would return, without pushing.
    #[inline(always)]
    pub(crate) fn peek(&self, high: f64, low: f64) -> Option<(f64, f64)> {
        self.highest.peek(high).zip(self.lowest.peek(low))
    }

    /// `(highest, lowest)` of the last `period` bars pushed, once that many were pushed.
    pub(crate) fn current(&self) -> Option<(f64, f64)> {
        self.current
    }
}

/// Batch side of [`RollingRange`] fused with the oscillator that uses it: for every bar `i` from
/// `period - 1` on, `out[i] = f(close[i], highest high, lowest low)` over bars
/// `i - period + 1 ..= i`, and NaN before. The slices are one run of
/// finite bars, all of one length.
///
/// Kept private rather than built on [`highest`](crate::indicators::highest) /
/// [`lowest`](crate::indicators::lowest) for speed: those allocate a whole series each and the
/// oscillator would need a third pass. This is van Herk/Gil-Werman: the bars are cut into
/// blocks of `period`; a window then spans the tail of the previous block (its suffix extremes)
/// and the head of the current one (a running prefix extreme), so each bar costs a fixed three
/// comparisons per extreme whatever the data, where a deque or TA-Lib's rescan pays more on
/// trending prices. Ties go to the newer bar, as in the deques of `Highest`/`Lowest`, so the
/// extremes (hence the numbers) are identical.
///
/// Each block is walked forwards (the windows' extremes, combined with the previous block's
/// suffixes), then `f` runs over it in a separate branch-free loop (vectorised: two bars per
/// division), then it is walked backwards (its own suffixes, for the next block), all while
/// it is in L1. The running extremes are chains of dependent comparisons, so the series is cut
/// into two stretches of whole blocks walked in lockstep (independent chains that overlap in
/// the CPU); the second first takes the suffixes of the block before it, and the blocks after
/// the stretches follow the second one alone.
///
/// Writes every position of `out` (NaN during the warm-up) and returns whether every bar was
/// finite, checked on the way so that the all-finite case reads the inputs once; when not,
/// `out` holds garbage and the caller goes run by run.
#[inline(always)]
fn range_pass(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    period: usize,
    out: &mut [f64],
    f: impl Fn(f64, f64, f64) -> f64 + Copy,
) -> bool {
    let len = high.len().min(low.len()).min(close.len()).min(out.len());
    let (high, low, close, out) = (&high[..len], &low[..len], &close[..len], &mut out[..len]);
    if len < period {
        out.fill(f64::NAN);
        return all_finite(&[high, low, close]);
    }
    // Running sums of `h + l + c`: finite when every price is (a NaN or an infinity makes
    // them NaN or infinite; so can, rarely, an overflow of huge finite prices, which only sends
    // the caller to the exact path).
    let mut check = [0.0; 3];
    // Per stretch: the suffix extremes of the block before its current one at 0..period, and
    // the neutral value at `period` (the window ending on a block's last bar takes nothing
    // before it); all neutral before the first block.
    let stride = period + 1;
    let mut suffix_high = vec![f64::NEG_INFINITY; 2 * stride];
    let mut suffix_low = vec![f64::INFINITY; 2 * stride];
    // Per stretch: the current block's lowest lows (its highest highs go into `out` until `f`
    // replaces them).
    let mut lowest = vec![0.0; 2 * period];
    let (sh0, sh1) = suffix_high.split_at_mut(stride);
    let (sl0, sl1) = suffix_low.split_at_mut(stride);
    let (lw0, lw1) = lowest.split_at_mut(period);
    let suffixes_of = |hb: &[f64], lb: &[f64], sh: &mut [f64], sl: &mut [f64]| {
        let (mut top, mut bottom) = (f64::NEG_INFINITY, f64::INFINITY);
        let suffixes = sh.iter_mut().zip(sl.iter_mut());
        for ((&h, &l), (sh, sl)) in hb.iter().zip(lb).zip(suffixes).rev() {
            top = if h > top { h } else { top };
            bottom = if l < bottom { l } else { bottom };
            (*sh, *sl) = (top, bottom);
        }
    };
    let oscillator = |cb: &[f64], lows: &[f64], ob: &mut [f64]| {
        for ((o, &lo), &c) in ob.iter_mut().zip(lows).zip(cb) {
            *o = f(c, *o, lo);
        }
    };
    // The running extremes, ties to the newer bar (as written, one `maxsd` / `minsd` each;
    // the prices are finite here, or the result is discarded).
    let higher = |top: f64, h: f64| if top > h { top } else { h };
    let lower = |bottom: f64, l: f64| if bottom < l { bottom } else { l };
    let per = len / period / 2;
    let span = per * period;
    if per > 0 {
        let (h0, h1) = high[..2 * span].split_at(span);
        let (l0, l1) = low[..2 * span].split_at(span);
        let (c0, c1) = close[..2 * span].split_at(span);
        let (o0, o1) = out[..2 * span].split_at_mut(span);
        // The block before the second stretch.
        suffixes_of(&h0[span - period..], &l0[span - period..], sh1, sl1);
        let blocks = (h0.chunks_exact(period).zip(h1.chunks_exact(period)))
            .zip(l0.chunks_exact(period).zip(l1.chunks_exact(period)))
            .zip(c0.chunks_exact(period).zip(c1.chunks_exact(period)))
            .zip(o0.chunks_exact_mut(period).zip(o1.chunks_exact_mut(period)));
        for ((((ha, hb), (la, lb)), (ca, cb)), (oa, ob)) in blocks {
            // Forwards: each window's extremes, the running ones combined with the block
            // before's suffixes.
            let (mut ta, mut tb) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
            let (mut ba, mut bb) = (f64::INFINITY, f64::INFINITY);
            let bars = (ha.iter().zip(hb))
                .zip(la.iter().zip(lb))
                .zip(ca.iter().zip(cb));
            let older = (sh0[1..].iter().zip(&sh1[1..])).zip(sl0[1..].iter().zip(&sl1[1..]));
            let lines = (oa.iter_mut().zip(ob.iter_mut())).zip(lw0.iter_mut().zip(lw1.iter_mut()));
            for (
                (((&ha, &hb), (&la, &lb)), (&ca, &cb)),
                (((&sa, &sb), (&ua, &ub)), ((qa, qb), (wa, wb))),
            ) in bars.zip(older.zip(lines))
            {
                check[0] += ha + la + ca;
                check[1] += hb + lb + cb;
                ta = higher(ta, ha);
                tb = higher(tb, hb);
                ba = lower(ba, la);
                bb = lower(bb, lb);
                (*qa, *qb) = (higher(sa, ta), higher(sb, tb));
                (*wa, *wb) = (lower(ua, ba), lower(ub, bb));
            }
            oscillator(ca, lw0, oa);
            oscillator(cb, lw1, ob);
            // Backwards, over the same (cached) bars: this block's suffixes, for the next.
            let (mut ta, mut tb) = (f64::NEG_INFINITY, f64::NEG_INFINITY);
            let (mut ba, mut bb) = (f64::INFINITY, f64::INFINITY);
            let bars = (ha.iter().zip(hb)).zip(la.iter().zip(lb));
            let suffixes =
                (sh0.iter_mut().zip(sh1.iter_mut())).zip(sl0.iter_mut().zip(sl1.iter_mut()));
            for (((&ha, &hb), (&la, &lb)), ((sa, sb), (ua, ub))) in bars.zip(suffixes).rev() {
                ta = if ha > ta { ha } else { ta };
                tb = if hb > tb { hb } else { tb };
                ba = if la < ba { la } else { ba };
                bb = if lb < bb { lb } else { bb };
                (*sa, *sb, *ua, *ub) = (ta, tb, ba, bb);
            }
        }
    }
    // The blocks after the stretches, one at a time, following the second stretch.
    let done = 2 * span;
    let blocks = (high[done..].chunks(period).zip(low[done..].chunks(period))).zip(
        close[done..]
            .chunks(period)
            .zip(out[done..].chunks_mut(period)),
    );
    for ((hb, lb), (cb, ob)) in blocks {
        let lows = &mut lw1[..hb.len()];
        let (mut top, mut bottom) = (f64::NEG_INFINITY, f64::INFINITY);
        let older = sh1[1..].iter().zip(&sl1[1..]);
        let bars = hb.iter().zip(lb).zip(cb);
        for (((&h, &l), &c), ((&sh, &sl), (q, w))) in
            bars.zip(older.zip(ob.iter_mut().zip(lows.iter_mut())))
        {
            check[2] += h + l + c;
            top = higher(top, h);
            bottom = lower(bottom, l);
            (*q, *w) = (higher(sh, top), lower(sl, bottom));
        }
        oscillator(cb, lows, ob);
        suffixes_of(hb, lb, sh1, sl1);
    }
    // The first block has no full window before its last bar.
    out[..period - 1].fill(f64::NAN);
    check.iter().all(|c| c.is_finite())
}

/// [`sma_into`] over a run of finite values: the period is valid and the lengths match by
/// construction, so the call cannot fail.
fn sma_run(x: &[f64], period: usize, out: &mut [f64]) {
    let done = sma_into(x, period, out);
    debug_assert!(done.is_ok());
}

/// Position of `close` in the range `[lowest, highest]`, 0..100 (0 for a flat range).
#[inline(always)]
fn percent_k(close: f64, highest: f64, lowest: f64) -> f64 {
    let range = highest - lowest;
    if range != 0.0 {
        (close - lowest) / range * 100.0
    } else {
        0.0
    }
}

// ---------------------------------------------------------------------------------------------
// Stochastic
// ---------------------------------------------------------------------------------------------

/// The %K and %D lines of a stochastic oscillator, one value per input bar (NaN during warm-up).
///
/// # Example
/// ```
/// use chartist::indicators::stochastic_fast;
/// let s = stochastic_fast(&[10.0, 11.0, 12.0], &[9.0, 10.0, 11.0], &[9.5, 10.0, 12.0], 2, 2)?;
/// assert_eq!((s.k.len(), s.d.len()), (3, 3));
/// assert!(s.d[1].is_nan() && s.d[2] == 75.0);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StochasticOutput {
    /// The %K line (slow %K for [`stochastic`], fast %K for [`stochastic_fast`]).
    pub k: Vec<f64>,
    /// The %D line: the simple average of %K.
    pub d: Vec<f64>,
}

/// One bar's %K and %D, the output of the streaming [`Stochastic`] and [`StochasticFast`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlc, Indicator, StochasticFast, StochasticPoint};
/// let mut s = StochasticFast::new(1, 1)?;
/// let p = s.update(Hlc::new(12.0, 10.0, 11.0));
/// assert_eq!(p, Some(StochasticPoint { k: 50.0, d: 50.0 }));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StochasticPoint {
    /// The %K value.
    pub k: f64,
    /// The %D value.
    pub d: f64,
}

/// A [`StochasticOutput`] of `len` NaN values per line.
fn nan_lines(len: usize) -> StochasticOutput {
    StochasticOutput {
        k: vec![f64::NAN; len],
        d: vec![f64::NAN; len],
    }
}

/// Slow stochastic over one run of finite bars: fast %K (scratch, in `d`), slow %K into `k`,
/// then %D back into `d`. Both lines start at `(k - 1) + (slow_k - 1) + (d - 1)`.
#[allow(clippy::too_many_arguments)]
fn stochastic_kernel(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    periods: (usize, usize, usize),
    k_out: &mut [f64],
    d_out: &mut [f64],
) {
    let (k, slow_k, d) = periods;
    let len = high.len();
    let first_slow = (k - 1) + (slow_k - 1);
    let lookback = first_slow + (d - 1);
    if len <= lookback {
        k_out.fill(f64::NAN);
        d_out.fill(f64::NAN);
        return;
    }
    range_pass(high, low, close, k, d_out, percent_k);
    sma_run(&d_out[k - 1..], slow_k, &mut k_out[k - 1..]);
    sma_run(&k_out[first_slow..], d, &mut d_out[first_slow..]);
    k_out[..lookback].fill(f64::NAN);
    d_out[..lookback].fill(f64::NAN);
}

/// Fast stochastic over one run of finite bars: fast %K into `k`, %D into `d`; both start at
/// `(k - 1) + (d - 1)`.
fn stochastic_fast_kernel(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    periods: (usize, usize),
    k_out: &mut [f64],
    d_out: &mut [f64],
) {
    let (k, d) = periods;
    let len = high.len();
    let lookback = (k - 1) + (d - 1);
    if len <= lookback {
        k_out.fill(f64::NAN);
        d_out.fill(f64::NAN);
        return;
    }
    range_pass(high, low, close, k, k_out, percent_k);
    sma_run(&k_out[k - 1..], d, &mut d_out[k - 1..]);
    k_out[..lookback].fill(f64::NAN);
    d_out[..lookback].fill(f64::NAN);
}

/// Slow stochastic oscillator (TA-Lib `TA_STOCH` with SMA smoothing; ChartSchool
/// "Stochastic Oscillator (Fast, Slow, and Full)", the "full" variant).
///
/// Fast %K = `100 * (close - lowest low) / (highest high - lowest low)` over the last `k` bars
/// (0 when the range is flat); slow %K is the SMA of fast %K over `slow_k` bars and %D the SMA
/// of slow %K over `d` bars. `stochastic(h, l, c, 14, 3, 3)` is the common "slow stochastic".
///
/// Warm-up: `(k - 1) + (slow_k - 1) + (d - 1)` bars; both lines start at that index, as in
/// TA-Lib. A warm-up longer than the data gives all NaN (not an error). A non-finite high, low
/// or close gives NaN at that bar and the oscillator warms up again afterwards.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` or `close` is not as long
/// as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::stochastic;
/// let high = [10.0, 11.0, 12.0, 13.0, 14.0];
/// let low = [9.0, 10.0, 11.0, 12.0, 13.0];
/// let close = [9.5, 11.0, 12.0, 13.0, 14.0];
/// let s = stochastic(&high, &low, &close, 2, 2, 2)?;
/// assert!(s.k[2].is_nan());
/// assert_eq!(s.k[3], 100.0); // closes at the top of the 2-bar range
/// assert_eq!(s.d[3], (s.k[3] + 100.0) / 2.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn stochastic(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    k: usize,
    slow_k: usize,
    d: usize,
) -> Result<StochasticOutput> {
    check_hlc(high, low, close)?;
    if crate::error::window_exceeds(high.len(), &[k, slow_k, d]) {
        return Ok(nan_lines(high.len()));
    }
    Stochastic::new(k, slow_k, d)?;
    let mut out = nan_lines(high.len());
    let d_out = &mut out.d;
    for_each_hlc_run(high, low, close, &mut out.k, |s, e, k_run| {
        let (h, l, c) = (&high[s..e], &low[s..e], &close[s..e]);
        stochastic_kernel(h, l, c, (k, slow_k, d), k_run, &mut d_out[s..e]);
    });
    Ok(out)
}

/// Streaming slow stochastic (TA-Lib `TA_STOCH`, SMA smoothing); see [`stochastic`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlc, Indicator, Stochastic};
/// let mut s = Stochastic::new(14, 3, 3)?;
/// assert_eq!(s.lookback(), 17);
/// assert_eq!(s.update(Hlc::new(10.0, 9.0, 9.5)), None);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Stochastic {
    range: RollingRange,
    slow_k: Sma,
    d: Sma,
}

impl Stochastic {
    /// A slow stochastic with a `k`-bar range, `slow_k`-bar %K smoothing and `d`-bar %D.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Stochastic};
    /// assert_eq!(Stochastic::new(14, 3, 3)?.lookback(), 13 + 2 + 2);
    /// assert!(Stochastic::new(14, 0, 3).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(k: usize, slow_k: usize, d: usize) -> Result<Self> {
        check_window("k", k)?;
        check_window("slow_k", slow_k)?;
        check_window("d", d)?;
        Ok(Stochastic {
            range: RollingRange::new(k)?,
            slow_k: Sma::new(slow_k)?,
            d: Sma::new(d)?,
        })
    }
}

impl Indicator for Stochastic {
    type Input = Hlc;
    type Output = StochasticPoint;

    fn update(&mut self, bar: Hlc) -> Option<StochasticPoint> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let (hi, lo) = self.range.push(bar.high, bar.low)?;
        let k = self.slow_k.update(percent_k(bar.close, hi, lo))?;
        let d = self.d.update(k)?;
        Some(StochasticPoint { k, d })
    }

    fn peek(&self, bar: Hlc) -> Option<StochasticPoint> {
        if !bar.is_finite() {
            return None;
        }
        let (hi, lo) = self.range.peek(bar.high, bar.low)?;
        let k = self.slow_k.peek(percent_k(bar.close, hi, lo))?;
        let d = self.d.peek(k)?;
        Some(StochasticPoint { k, d })
    }

    fn reset(&mut self) {
        self.range.reset();
        self.slow_k.reset();
        self.d.reset();
    }

    fn lookback(&self) -> usize {
        self.range.period() - 1 + self.slow_k.lookback() + self.d.lookback()
    }
}

/// Fast stochastic oscillator (TA-Lib `TA_STOCHF`): fast %K over `k` bars and %D, its SMA over
/// `d` bars.
///
/// Warm-up: `(k - 1) + (d - 1)` bars; both lines start there, as in TA-Lib. A warm-up longer
/// than the data gives all NaN (not an error). NaN handling as [`stochastic`].
///
/// # Errors
/// As [`stochastic`].
///
/// # Example
/// ```
/// use chartist::indicators::stochastic_fast;
/// let s = stochastic_fast(&[10.0, 11.0, 12.0], &[9.0, 10.0, 11.0], &[9.5, 10.0, 12.0], 2, 2)?;
/// assert_eq!(s.k[2], 100.0);
/// assert_eq!(s.d[2], 75.0); // mean of fast %K 50 and 100
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn stochastic_fast(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    k: usize,
    d: usize,
) -> Result<StochasticOutput> {
    check_hlc(high, low, close)?;
    if crate::error::window_exceeds(high.len(), &[k, d]) {
        return Ok(nan_lines(high.len()));
    }
    StochasticFast::new(k, d)?;
    let mut out = nan_lines(high.len());
    let d_out = &mut out.d;
    for_each_hlc_run(high, low, close, &mut out.k, |s, e, k_run| {
        let (h, l, c) = (&high[s..e], &low[s..e], &close[s..e]);
        stochastic_fast_kernel(h, l, c, (k, d), k_run, &mut d_out[s..e]);
    });
    Ok(out)
}

/// Streaming fast stochastic (TA-Lib `TA_STOCHF`); see [`stochastic_fast`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlc, Indicator, StochasticFast};
/// let mut s = StochasticFast::new(14, 3)?;
/// assert_eq!(s.lookback(), 15);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct StochasticFast {
    range: RollingRange,
    d: Sma,
}

impl StochasticFast {
    /// A fast stochastic with a `k`-bar range and `d`-bar %D.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, StochasticFast};
    /// assert_eq!(StochasticFast::new(14, 3)?.lookback(), 13 + 2);
    /// assert!(StochasticFast::new(0, 3).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(k: usize, d: usize) -> Result<Self> {
        check_window("k", k)?;
        check_window("d", d)?;
        Ok(StochasticFast {
            range: RollingRange::new(k)?,
            d: Sma::new(d)?,
        })
    }
}

impl Indicator for StochasticFast {
    type Input = Hlc;
    type Output = StochasticPoint;

    fn update(&mut self, bar: Hlc) -> Option<StochasticPoint> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let (hi, lo) = self.range.push(bar.high, bar.low)?;
        let k = percent_k(bar.close, hi, lo);
        let d = self.d.update(k)?;
        Some(StochasticPoint { k, d })
    }

    fn peek(&self, bar: Hlc) -> Option<StochasticPoint> {
        if !bar.is_finite() {
            return None;
        }
        let (hi, lo) = self.range.peek(bar.high, bar.low)?;
        let k = percent_k(bar.close, hi, lo);
        let d = self.d.peek(k)?;
        Some(StochasticPoint { k, d })
    }

    fn reset(&mut self) {
        self.range.reset();
        self.d.reset();
    }

    fn lookback(&self) -> usize {
        self.range.period() - 1 + self.d.lookback()
    }
}

// ---------------------------------------------------------------------------------------------
// Williams %R
// ---------------------------------------------------------------------------------------------

/// Williams %R (TA-Lib `TA_WILLR`, ChartSchool "Williams %R").
///
/// `-100 * (highest high - close) / (highest high - lowest low)` over the last `period` bars:
/// 0 when the close is at the high of the range, -100 at its low, 0 for a flat range.
///
/// Warm-up: `period - 1` bars. A period longer than the data gives all NaN (not an error). A
/// non-finite high, low or close gives NaN at that bar and the indicator recovers once `period`
/// finite bars follow it.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` or `close` is not as long
/// as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::williams_r;
/// let out = williams_r(&[10.0, 12.0], &[8.0, 9.0], &[9.0, 9.0], 2)?;
/// assert!(out[0].is_nan());
/// assert_eq!(out[1], -75.0); // 3 below the high of a 4-point range
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn williams_r(high: &[f64], low: &[f64], close: &[f64], period: usize) -> Result<Vec<f64>> {
    check_hlc(high, low, close)?;
    if crate::error::window_exceeds(high.len(), &[period]) {
        return Ok(vec![f64::NAN; high.len()]);
    }
    check_window("period", period)?;
    // A zeroed allocation (fresh pages, no fill pass), checking the inputs on the way.
    let mut out = vec![0.0; high.len()];
    if !range_pass(high, low, close, period, &mut out, percent_r) {
        williams_r_runs(high, low, close, period, &mut out);
    }
    Ok(out)
}

/// [`williams_r`] writing into a caller's buffer (`out.len() == high.len()`), without
/// allocating the output: the same numbers, NaN during the warm-up and at non-finite bars.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low`, `close` or `out` is not
/// as long as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::williams_r_into;
/// let mut out = [0.0; 2];
/// williams_r_into(&[10.0, 12.0], &[8.0, 9.0], &[9.0, 9.0], 2, &mut out)?;
/// assert!(out[0].is_nan());
/// assert_eq!(out[1], -75.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn williams_r_into(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    period: usize,
    out: &mut [f64],
) -> Result<()> {
    if !start_bars_into((high, low, close), None, period, out)? {
        return Ok(());
    }
    if !range_pass(high, low, close, period, out, percent_r) {
        williams_r_runs(high, low, close, period, out);
    }
    Ok(())
}

/// Williams %R run by run of finite bars (the NaN policy's slow path).
fn williams_r_runs(high: &[f64], low: &[f64], close: &[f64], period: usize, out: &mut [f64]) {
    for_each_hlc_run(high, low, close, out, |s, e, out| {
        range_pass(
            &high[s..e],
            &low[s..e],
            &close[s..e],
            period,
            out,
            percent_r,
        );
    });
}

/// %R from a close and a range (0 for a flat range).
#[inline(always)]
fn percent_r(close: f64, highest: f64, lowest: f64) -> f64 {
    let range = highest - lowest;
    if range != 0.0 {
        (highest - close) / range * -100.0
    } else {
        0.0
    }
}

/// Streaming Williams %R (TA-Lib `TA_WILLR`); see [`williams_r`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlc, Indicator, WilliamsR};
/// let mut w = WilliamsR::new(2)?;
/// assert_eq!(w.update(Hlc::new(10.0, 8.0, 9.0)), None);
/// assert_eq!(w.update(Hlc::new(12.0, 9.0, 9.0)), Some(-75.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct WilliamsR {
    range: RollingRange,
}

impl WilliamsR {
    /// A Williams %R over `period` bars.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, WilliamsR};
    /// assert_eq!(WilliamsR::new(14)?.lookback(), 13);
    /// assert!(WilliamsR::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(period: usize) -> Result<Self> {
        check_window("period", period)?;
        Ok(WilliamsR {
            range: RollingRange::new(period)?,
        })
    }
}

impl Indicator for WilliamsR {
    type Input = Hlc;
    type Output = f64;

    fn update(&mut self, bar: Hlc) -> Option<f64> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let (hi, lo) = self.range.push(bar.high, bar.low)?;
        Some(percent_r(bar.close, hi, lo))
    }

    fn peek(&self, bar: Hlc) -> Option<f64> {
        if !bar.is_finite() {
            return None;
        }
        let (hi, lo) = self.range.peek(bar.high, bar.low)?;
        Some(percent_r(bar.close, hi, lo))
    }

    fn reset(&mut self) {
        self.range.reset();
    }

    fn lookback(&self) -> usize {
        self.range.period() - 1
    }
}

// ---------------------------------------------------------------------------------------------
// CCI
// ---------------------------------------------------------------------------------------------

/// Commodity channel index (TA-Lib `TA_CCI`, ChartSchool "Commodity Channel Index").
///
/// With the typical price `tp = (high + low + close) / 3`, its `period`-bar simple average
/// `avg` and mean absolute deviation `md = mean(|tp - avg|)` over the same window:
/// `cci = (tp - avg) / (0.015 * md)`. A flat window (deviation within 1e-14 of the average's
/// magnitude) gives 0, as in TA-Lib.
///
/// Warm-up: `period - 1` bars. A period longer than the data gives all NaN (not an error).
/// Cost: O(`period`) per bar (the mean deviation has no running form). A non-finite high, low
/// or close gives NaN at that bar and the index recovers once `period` finite bars follow it.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` or `close` is not as long
/// as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::cci;
/// let out = cci(&[11.0, 12.0, 13.0], &[9.0, 10.0, 11.0], &[10.0, 11.0, 12.0], 3)?;
/// // typical prices 10, 11, 12: average 11, mean deviation 2/3
/// assert!((out[2] - 1.0 / (0.015 * (2.0 / 3.0))).abs() < 1e-9);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn cci(high: &[f64], low: &[f64], close: &[f64], period: usize) -> Result<Vec<f64>> {
    let mut out = vec![0.0; high.len()];
    cci_into(high, low, close, period, &mut out)?;
    Ok(out)
}

/// [`cci`] writing into a caller's buffer (`out.len() == high.len()`), without allocating the
/// output: the same numbers, NaN during the warm-up and at non-finite bars.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low`, `close` or `out` is not
/// as long as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::{cci, cci_into};
/// let (h, l, c) = ([11.0, 12.0, 13.0], [9.0, 10.0, 11.0], [10.0, 11.0, 12.0]);
/// let mut out = [0.0; 3];
/// cci_into(&h, &l, &c, 3, &mut out)?;
/// assert!(out[1].is_nan());
/// assert_eq!(out[2], cci(&h, &l, &c, 3)?[2]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn cci_into(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    period: usize,
    out: &mut [f64],
) -> Result<()> {
    if !start_bars_into((high, low, close), None, period, out)? {
        return Ok(());
    }
    // One typical-price buffer for the whole call: a chunk of bars plus the `period - 1` before.
    let mut tps = Vec::with_capacity(CCI_CHUNK + period);
    for_each_hlc_run(high, low, close, out, |s, e, out| {
        cci_kernel(&high[s..e], &low[s..e], &close[s..e], period, &mut tps, out);
    });
    Ok(())
}

/// Bars whose typical prices [`cci_kernel`] computes at a time (the buffer stays in L1/L2).
const CCI_CHUNK: usize = 2048;

/// CCI over one run of finite bars. Typical prices are computed a chunk at a time into `tps`,
/// after the last `period - 1` of the previous chunk, so every window is a contiguous slice in
/// time order, as in the streaming type's mirrored buffer: both sum the same values in the
/// same order.
fn cci_kernel(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    period: usize,
    tps: &mut Vec<f64>,
    out: &mut [f64],
) {
    tps.clear();
    let len = out.len();
    out[..(period - 1).min(len)].fill(f64::NAN);
    let mut from = 0;
    while from < len {
        let to = (from + CCI_CHUNK).min(len);
        // `tps[0]` is the typical price of bar `to - tps.len()` once this chunk is in.
        tps.extend(
            high[from..to]
                .iter()
                .zip(&low[from..to])
                .zip(&close[from..to])
                .map(|((&h, &l), &c)| typical_price(h, l, c)),
        );
        let first = to - tps.len();
        let ready = from.max(period - 1);
        if let Some(out) = out.get_mut(ready..to) {
            for (k, o) in out.iter_mut().enumerate() {
                let i = ready + k - first;
                if let (Some(prefix), Some(&tp)) = (tps.get(i + 1 - period..i), tps.get(i)) {
                    *o = cci_of_window(prefix, tp);
                }
            }
        }
        let keep = tps.len().min(period - 1);
        tps.drain(..tps.len() - keep);
        from = to;
    }
}

/// Sum of `term(v)` over the window `prefix` then `last`, in four interleaved lanes (offset
/// `j % 4` of the window, then the `len % 4` last values in order) so that the four additions
/// per step are independent: the O(period) loop of CCI runs at throughput rather than at the
/// latency of one long addition chain. The batch loop and the streaming type (`update` and
/// `peek`, whose window is the buffer and then the bar peeked at) all sum through here, over
/// windows in time order, so they agree bit for bit.
#[inline(always)]
fn lane_sum(prefix: &[f64], last: f64, term: impl Fn(f64) -> f64) -> f64 {
    let mut lanes = [0.0; 4];
    let (body, tail) = prefix.split_at(prefix.len() / 4 * 4);
    for c in body.chunks_exact(4) {
        lanes[0] += term(c[0]);
        lanes[1] += term(c[1]);
        lanes[2] += term(c[2]);
        lanes[3] += term(c[3]);
    }
    let mut rest = 0.0;
    if let [a, b, c] = *tail {
        // The window's length is a multiple of four: `last` ends the last group of four.
        lanes[0] += term(a);
        lanes[1] += term(b);
        lanes[2] += term(c);
        lanes[3] += term(last);
    } else {
        for &v in tail {
            rest += term(v);
        }
        rest += term(last);
    }
    ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + rest
}

/// CCI of a full window of typical prices in time order: `prefix`, then the latest, `tp`.
/// A distance or deviation within 1e-14 of the average's magnitude counts as zero (TA-Lib's
/// scale-aware test), so a flat window gives 0 at any price scale.
#[inline(always)]
fn cci_of_window(prefix: &[f64], tp: f64) -> f64 {
    let n = (prefix.len() + 1) as f64;
    let average = lane_sum(prefix, tp, |v| v) / n;
    let deviation = lane_sum(prefix, tp, |v| (v - average).abs()) / n;
    let scale = average.abs();
    let distance = tp - average;
    if distance.abs() <= 1e-14 * scale || deviation <= 1e-14 * scale || deviation == 0.0 {
        0.0
    } else {
        distance / (0.015 * deviation)
    }
}

/// Streaming commodity channel index (TA-Lib `TA_CCI`); see [`cci`].
///
/// # Example
/// ```
/// use chartist::indicators::{Cci, Hlc, Indicator};
/// let mut c = Cci::new(20)?;
/// assert_eq!(c.lookback(), 19);
/// assert_eq!(c.update(Hlc::new(11.0, 9.0, 10.0)), None);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Cci {
    /// `period` slots, each value stored twice (at `k` and `k + period`), so that the window in
    /// time order is always the contiguous `buffer[position..position + period]`.
    buffer: Vec<f64>,
    period: usize,
    position: usize,
    count: usize,
}

impl Cci {
    /// A CCI over `period` bars.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Cci, Indicator};
    /// assert_eq!(Cci::new(20)?.lookback(), 19);
    /// assert!(Cci::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(period: usize) -> Result<Self> {
        check_window("period", period)?;
        Ok(Cci {
            buffer: vec![0.0; 2 * period],
            period,
            position: 0,
            count: 0,
        })
    }
}

#[inline(always)]
fn typical_price(high: f64, low: f64, close: f64) -> f64 {
    (high + low + close) / 3.0
}

impl Indicator for Cci {
    type Input = Hlc;
    type Output = f64;

    fn update(&mut self, bar: Hlc) -> Option<f64> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let tp = typical_price(bar.high, bar.low, bar.close);
        let n = self.period;
        self.buffer[self.position] = tp;
        self.buffer[self.position + n] = tp;
        self.position += 1;
        if self.position == n {
            self.position = 0;
        }
        if self.count + 1 < n {
            self.count += 1;
            return None;
        }
        self.count = n;
        // The oldest value is in the slot written next.
        let prefix = &self.buffer[self.position..self.position + n - 1];
        Some(cci_of_window(prefix, tp))
    }

    fn peek(&self, bar: Hlc) -> Option<f64> {
        if !bar.is_finite() || self.count + 1 < self.period {
            return None;
        }
        let tp = typical_price(bar.high, bar.low, bar.close);
        // The window the update would see: the `period - 1` newest values, then `tp`.
        let from = self.position + 1;
        Some(cci_of_window(
            &self.buffer[from..from + self.period - 1],
            tp,
        ))
    }

    fn reset(&mut self) {
        self.position = 0;
        self.count = 0;
    }

    fn lookback(&self) -> usize {
        self.period - 1
    }
}

// ---------------------------------------------------------------------------------------------
// MFI
// ---------------------------------------------------------------------------------------------

/// A change of typical price this small relative to the two prices compared, `|tp - prev| <=
/// 1e-14 * (|tp| + |prev|)`, counts as no change (TA-Lib's scale-aware zero test,
/// `TA_IS_ZERO_SCALED`): `(h + l + c) / 3` of two bars with the same decimal typical price can
/// differ in the last bit, and that must not count as a fall. Relative, so it works the same
/// for prices of 1e-12 and of 1e12.
const TYPICAL_PRICE_TIE: f64 = 1e-14;

/// One bar's money flow given its typical price, the previous one and its volume (TA-Lib
/// `TA_MFI`), as `(positive, negative, raw)`: `raw = tp * volume` (not finite when an input is
/// not) goes to the side the price moved to, +0 to the other; both are +0 for a move within
/// the tie tolerance (or a change that is NaN, from prices overflowing to infinity).
///
/// Written with selects, not branches: the direction of a move is as unpredictable as a coin
/// toss (a branch would miss half the time), and a loop over independent bars then maps to
/// vector instructions. A move beyond the tie is never +-0 nor NaN, so its sign decides.
#[inline(always)]
fn money_flow(tp: f64, prev_tp: f64, volume: f64) -> (f64, f64, f64) {
    let change = tp - prev_tp;
    let moved = change.abs() > TYPICAL_PRICE_TIE * (tp.abs() + prev_tp.abs());
    let raw = tp * volume;
    // `&`, not `&&`: both comparisons are evaluated, so no branch.
    let positive = if moved & (change > 0.0) { raw } else { 0.0 };
    let negative = if moved & (change < 0.0) { raw } else { 0.0 };
    (positive, negative, raw)
}

/// Money flow index (TA-Lib `TA_MFI`, ChartSchool "Money Flow Index").
///
/// Raw money flow is `tp * volume` with `tp = (high + low + close) / 3`; it counts as positive
/// when `tp` rose from the previous bar, negative when it fell, and not at all when unchanged
/// (a change within `1e-14 * (|tp| + |previous tp|)` counts as unchanged, as in TA-Lib: the
/// same decimal typical price can differ in its last bit between bars).
/// Over the last `period` bars, `mfi = 100 * positive / (positive + negative)`; 0 when the
/// window carried no money flow at all.
///
/// Warm-up: `period` bars (the first bar has no previous typical price), so a period of
/// `period >= len` gives all NaN (not an error). A non-finite high, low, close or volume gives
/// NaN at that bar and the index warms up again afterwards.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low`, `close` or `volume` is
/// not as long as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::mfi;
/// let high = [10.0, 11.0, 10.0];
/// let low = [8.0, 9.0, 8.0];
/// let close = [9.0, 10.0, 9.0];
/// let volume = [100.0, 100.0, 100.0];
/// let out = mfi(&high, &low, &close, &volume, 2)?;
/// // typical price 9 -> 10 (+1000 flow) -> 9 (-900 flow)
/// assert!((out[2] - 100.0 * 1000.0 / 1900.0).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn mfi(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    volume: &[f64],
    period: usize,
) -> Result<Vec<f64>> {
    // Every position is written by `mfi_into` (zeroed pages cost no pass of their own).
    let mut out = vec![0.0; high.len()];
    mfi_into(high, low, close, volume, period, &mut out)?;
    Ok(out)
}

/// [`mfi`] writing into a caller's buffer (`out.len() == high.len()`), without allocating the
/// output: the same numbers, NaN during the warm-up and at non-finite bars.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low`, `close`, `volume` or
/// `out` is not as long as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::mfi_into;
/// let (high, low, close) = ([10.0, 11.0, 10.0], [8.0, 9.0, 8.0], [9.0, 10.0, 9.0]);
/// let mut out = [0.0; 3];
/// mfi_into(&high, &low, &close, &[100.0; 3], 2, &mut out)?;
/// assert!(out[1].is_nan());
/// assert!((out[2] - 100.0 * 1000.0 / 1900.0).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn mfi_into(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    volume: &[f64],
    period: usize,
    out: &mut [f64],
) -> Result<()> {
    if !start_bars_into((high, low, close), Some(volume), period, out)? {
        return Ok(());
    }
    // The kernel's scratch, allocated once per call (as the streaming type does in `new`).
    let mut scratch = MfiScratch::new(period);
    let mut kernel = |s: usize, e: usize, out: &mut [f64]| {
        let bars = (&high[s..e], &low[s..e], &close[s..e], &volume[s..e]);
        mfi_kernel(bars, &mut scratch, out)
    };
    // Optimistic: one pass that also checks the inputs (reading four series once, not twice);
    // the NaN policy run by run only when a bar was not finite.
    if !kernel(0, high.len(), out) {
        let kernel = |s: usize, e: usize, out: &mut [f64]| {
            kernel(s, e, out);
        };
        let finite = |i: usize| {
            high[i].is_finite()
                && low[i].is_finite()
                && close[i].is_finite()
                && volume[i].is_finite()
        };
        for_each_finite_run(high.len(), finite, out, kernel);
    }
    Ok(())
}

/// Bars per block of [`mfi_kernel`] (at least; a longer period makes longer blocks).
const MFI_BLOCK: usize = 64;

/// Scratch of [`mfi_kernel`] for one call: typical prices, flow histories and window sums.
struct MfiScratch {
    period: usize,
    block: usize,
    /// `tp[0]` is the typical price of the bar before the block, `tp[1 + j]` that of bar `j`.
    tp: Vec<f64>,
    /// The flows of the `period` bars before the block, then those of the block's bars.
    positive: Vec<f64>,
    negative: Vec<f64>,
    /// The window sums after each bar of the block.
    positive_sums: Vec<f64>,
    negative_sums: Vec<f64>,
}

impl MfiScratch {
    fn new(period: usize) -> Self {
        let block = MFI_BLOCK.max(period);
        MfiScratch {
            period,
            block,
            tp: vec![0.0; block + 1],
            positive: vec![0.0; period + block],
            negative: vec![0.0; period + block],
            positive_sums: vec![0.0; block],
            negative_sums: vec![0.0; block],
        }
    }
}

/// A word whose bit 63 is set exactly when `x` is not finite (NaN or +-inf): the exponent
/// field plus one overflows into the sign position only when it is all ones. OR-ing these over
/// a loop is an integer reduction, which (unlike a floating-point sum) the compiler vectorizes.
#[inline(always)]
pub(crate) fn non_finite_flag(x: f64) -> u64 {
    const EXPONENT: u64 = 0x7ff0_0000_0000_0000;
    (x.to_bits() & EXPONENT) + (1 << 52)
}

/// The run of bars without money flow after one more such bar (saturating at `period`); out
/// of line and cold, so the usual bar (with flow) takes one predictable branch.
#[cold]
#[inline(never)]
fn longer_null_run(null_run: usize, period: usize) -> usize {
    (null_run + 1).min(period)
}

/// MFI over one run of finite bars: the same steps, in the same order, as [`Mfi::update`]
/// (TA-Lib's loop), so the same numbers bit for bit.
///
/// Bars go by blocks, each in three passes over L1-resident scratch: the typical prices and
/// money flows of the whole block (independent bars, four lanes at a time, so the compiler
/// uses vector instructions), then the window sums bar by bar (the only loop-carried part),
/// then the ratios (independent again). The flows of the last `period` bars are kept in front
/// of the block's own, so the bar leaving the window is at a fixed distance: no ring index.
/// During the warm-up the bars leaving are zeros, and subtracting `+0.0` changes no sum.
///
/// Returns whether every bar was finite (more precisely: every raw money flow `tp * volume`,
/// which is not finite when any input is; an overflowing flow also answers "no", which only
/// sends the caller to its exact run-by-run path). When not, `out` holds garbage.
fn mfi_kernel(
    (high, low, close, volume): (&[f64], &[f64], &[f64], &[f64]),
    scratch: &mut MfiScratch,
    out: &mut [f64],
) -> bool {
    let (period, block, len) = (scratch.period, scratch.block, out.len());
    if len <= period {
        out.fill(f64::NAN);
        return all_finite(&[high, low, close, volume]);
    }
    let first_finite = all_finite(&[&high[..1], &low[..1], &close[..1], &volume[..1]]);
    scratch.positive[..period].fill(0.0);
    scratch.negative[..period].fill(0.0);
    scratch.tp[0] = typical_price(high[0], low[0], close[0]);
    // Bit 63 is set once a raw money flow was not finite (an integer OR, which vectorizes).
    let mut not_finite = 0u64;
    let (mut positive_sum, mut negative_sum) = (0.0, 0.0);
    let mut null_run = 0;
    let mut start = 1;
    while start < len {
        let m = block.min(len - start);
        let end = start + m;
        let MfiScratch {
            tp,
            positive,
            negative,
            positive_sums,
            negative_sums,
            ..
        } = &mut *scratch;
        // Pass 1: typical prices, then the flows, of every bar of the block.
        let bars = high[start..end]
            .iter()
            .zip(&low[start..end])
            .zip(&close[start..end]);
        for (t, ((&h, &l), &c)) in tp[1..=m].iter_mut().zip(bars) {
            *t = typical_price(h, l, c);
        }
        let flows = tp[..m].iter().zip(&tp[1..=m]).zip(&volume[start..end]);
        let sides = positive[period..period + m]
            .iter_mut()
            .zip(&mut negative[period..period + m]);
        for (((&prev, &tp), &v), (p, n)) in flows.zip(sides) {
            let (pos, neg, raw) = money_flow(tp, prev, v);
            (*p, *n) = (pos, neg);
            not_finite |= non_finite_flag(raw);
        }
        tp[0] = tp[m];
        // Pass 2: the window sums, bar by bar.
        {
            let leaving = positive[..m].iter().zip(&negative[..m]);
            let entering = positive[period..period + m]
                .iter()
                .zip(&negative[period..period + m]);
            let sums = positive_sums[..m].iter_mut().zip(&mut negative_sums[..m]);
            for (((&lp, &ln), (&ep, &en)), (sp, sn)) in leaving.zip(entering).zip(sums) {
                positive_sum -= lp;
                negative_sum -= ln;
                positive_sum += ep;
                negative_sum += en;
                // At most one side is non-zero, so the bar is idle exactly when the sum is.
                if ep + en == 0.0 {
                    null_run = longer_null_run(null_run, period);
                    if null_run >= period {
                        positive_sum = 0.0;
                        negative_sum = 0.0;
                    }
                } else {
                    null_run = 0;
                }
                (*sp, *sn) = (positive_sum, negative_sum);
            }
        }
        // Pass 3: the ratios.
        let sums = positive_sums[..m].iter().zip(&negative_sums[..m]);
        for (o, (&p, &n)) in out[start..end].iter_mut().zip(sums) {
            *o = Mfi::ratio(p, n);
        }
        // The last `period` flows move to the front for the next block.
        positive.copy_within(m..m + period, 0);
        negative.copy_within(m..m + period, 0);
        start = end;
    }
    out[..period].fill(f64::NAN);
    first_finite && not_finite >> 63 == 0
}

/// Streaming money flow index (TA-Lib `TA_MFI`); see [`mfi`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlcv, Indicator, Mfi};
/// let mut m = Mfi::new(14)?;
/// assert_eq!(m.lookback(), 14);
/// assert_eq!(m.update(Hlcv::new(10.0, 8.0, 9.0, 100.0)), None);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Mfi {
    positive: Vec<f64>,
    negative: Vec<f64>,
    position: usize,
    /// Bars seen since the last reset (saturating at `period + 1`).
    seen: usize,
    prev_tp: f64,
    positive_sum: f64,
    negative_sum: f64,
    /// Consecutive bars without money flow (saturating at `period`).
    null_run: usize,
}

impl Mfi {
    /// An MFI over `period` bars.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period` is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Mfi};
    /// assert_eq!(Mfi::new(14)?.lookback(), 14);
    /// assert!(Mfi::new(0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(period: usize) -> Result<Self> {
        check_window("period", period)?;
        Ok(Mfi {
            positive: vec![0.0; period],
            negative: vec![0.0; period],
            position: 0,
            seen: 0,
            prev_tp: 0.0,
            positive_sum: 0.0,
            negative_sum: 0.0,
            null_run: 0,
        })
    }

    fn flows(&self, bar: Hlcv) -> (f64, f64, f64) {
        let tp = typical_price(bar.high, bar.low, bar.close);
        let (pos, neg, _) = money_flow(tp, self.prev_tp, bar.volume);
        (tp, pos, neg)
    }

    /// `100 * positive / (positive + negative)` with the positive sum clamped to
    /// `0..=total` (a sum can drift a few ulps out of it); 0 for a window without flow, NaN
    /// when the sums overflowed to infinity (`inf - inf`).
    ///
    /// Written as selects (the division is computed either way), so that a loop over ratios
    /// maps to vector instructions; a NaN total falls through to the NaN quotient.
    #[inline(always)]
    fn ratio(positive: f64, negative: f64) -> f64 {
        let total = positive + negative;
        let clamped = if positive > 0.0 { positive } else { 0.0 };
        let clamped = if total < clamped { total } else { clamped };
        let value = 100.0 * (clamped / total);
        if total <= 0.0 {
            0.0
        } else {
            value
        }
    }
}

impl Indicator for Mfi {
    type Input = Hlcv;
    type Output = f64;

    fn update(&mut self, bar: Hlcv) -> Option<f64> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let period = self.positive.len();
        let (tp, pos, neg) = self.flows(bar);
        self.prev_tp = tp;
        if self.seen == 0 {
            self.seen = 1;
            return None;
        }
        if self.seen > period {
            self.positive_sum -= self.positive[self.position];
            self.negative_sum -= self.negative[self.position];
        }
        self.positive[self.position] = pos;
        self.negative[self.position] = neg;
        self.positive_sum += pos;
        self.negative_sum += neg;
        self.position += 1;
        if self.position == period {
            self.position = 0;
        }
        // A whole window without money flow: the sums are exactly zero, drop their residue.
        self.null_run = if pos == 0.0 && neg == 0.0 {
            (self.null_run + 1).min(period)
        } else {
            0
        };
        if self.null_run >= period {
            self.positive_sum = 0.0;
            self.negative_sum = 0.0;
        }
        if self.seen < period {
            self.seen += 1;
            return None;
        }
        self.seen = period + 1;
        Some(Self::ratio(self.positive_sum, self.negative_sum))
    }

    fn peek(&self, bar: Hlcv) -> Option<f64> {
        let period = self.positive.len();
        if !bar.is_finite() || self.seen == 0 || self.seen < period {
            return None;
        }
        let (_, pos, neg) = self.flows(bar);
        let (mut p, mut n) = (self.positive_sum, self.negative_sum);
        if self.seen > period {
            p -= self.positive[self.position];
            n -= self.negative[self.position];
        }
        p += pos;
        n += neg;
        let null_run = if pos == 0.0 && neg == 0.0 {
            (self.null_run + 1).min(period)
        } else {
            0
        };
        if null_run >= period {
            p = 0.0;
            n = 0.0;
        }
        Some(Self::ratio(p, n))
    }

    fn reset(&mut self) {
        self.position = 0;
        self.seen = 0;
        self.prev_tp = 0.0;
        self.positive_sum = 0.0;
        self.negative_sum = 0.0;
        self.null_run = 0;
    }

    fn lookback(&self) -> usize {
        self.positive.len()
    }
}

// ---------------------------------------------------------------------------------------------
// Ultimate oscillator
// ---------------------------------------------------------------------------------------------

/// Ultimate Oscillator (TA-Lib `TA_ULTOSC`, ChartSchool "Ultimate Oscillator").
///
/// With buying pressure `bp = close - min(low, previous close)` and the true range `tr`, and
/// `avg_p = sum(bp) / sum(tr)` over the last `p` bars:
/// `uo = 100 * (4 * avg_short + 2 * avg_middle + avg_long) / 7`. As in TA-Lib the three periods
/// are sorted first, so the weight 4 always goes to the shortest; a window without any range
/// contributes 0. The usual periods are 7, 14 and 28.
///
/// Warm-up: the longest period (the first bar has no previous close), so a longest period of
/// at least the data's length gives all NaN (not an error). A non-finite high, low or close
/// gives NaN at that bar and the oscillator warms up again afterwards.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` or `close` is not as long
/// as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::ultimate_oscillator;
/// let high = [10.0, 11.0, 12.0, 13.0];
/// let low = [9.0, 10.0, 11.0, 12.0];
/// let close = [9.5, 11.0, 12.0, 13.0];
/// let out = ultimate_oscillator(&high, &low, &close, 1, 2, 3)?;
/// assert!(out[2].is_nan());
/// assert!((out[3] - 100.0).abs() < 1e-9); // every bar closed at its true high
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn ultimate_oscillator(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    n1: usize,
    n2: usize,
    n3: usize,
) -> Result<Vec<f64>> {
    // Every position is written by `ultimate_oscillator_into` (zeroed pages cost no pass of
    // their own).
    let mut out = vec![0.0; high.len()];
    ultimate_oscillator_into(high, low, close, n1, n2, n3, &mut out)?;
    Ok(out)
}

/// [`ultimate_oscillator`] writing into a caller's buffer (`out.len() == high.len()`), without
/// allocating the output: the same numbers, NaN during the warm-up and at non-finite bars.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low`, `close` or `out` is not
/// as long as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::ultimate_oscillator_into;
/// let high = [10.0, 11.0, 12.0, 13.0];
/// let low = [9.0, 10.0, 11.0, 12.0];
/// let close = [9.5, 11.0, 12.0, 13.0];
/// let mut out = [0.0; 4];
/// ultimate_oscillator_into(&high, &low, &close, 1, 2, 3, &mut out)?;
/// assert!(out[2].is_nan());
/// assert!((out[3] - 100.0).abs() < 1e-9);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn ultimate_oscillator_into(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    n1: usize,
    n2: usize,
    n3: usize,
    out: &mut [f64],
) -> Result<()> {
    check_hlc(high, low, close)?;
    if !crate::error::start_into(out, high.len(), &[n1, n2, n3])? {
        return Ok(());
    }
    let periods = UltimateOscillator::new(n1, n2, n3)?.periods;
    // The kernel's scratch, allocated once per call (as the streaming type does in `new`).
    let mut scratch = UltimateScratch::new(periods[2]);
    // Optimistic: one pass that also checks the inputs; run by run only if one was not finite.
    if !ultimate_kernel((high, low, close), periods, &mut scratch, out) {
        for_each_hlc_run(high, low, close, out, |s, e, out| {
            let bars = (&high[s..e], &low[s..e], &close[s..e]);
            ultimate_kernel(bars, periods, &mut scratch, out);
        });
    }
    Ok(())
}

/// Bars per block of [`ultimate_kernel`]'s steady state (at least; a longer longest period
/// makes longer blocks).
const ULTIMATE_BLOCK: usize = 64;

/// Scratch of [`ultimate_kernel`] for one call.
struct UltimateScratch {
    block: usize,
    /// Buying pressure and true range of the `longest` bars before the block (slot `s` holds
    /// bar `start - longest + s`), then those of the block's bars.
    pressure: Vec<f64>,
    range: Vec<f64>,
    /// The six window sums (pressure, then range; shortest period first) after each bar of
    /// the block.
    sums: [Vec<f64>; 6],
}

impl UltimateScratch {
    fn new(longest: usize) -> Self {
        let block = ULTIMATE_BLOCK.max(longest);
        UltimateScratch {
            block,
            pressure: vec![0.0; longest + block],
            range: vec![0.0; longest + block],
            sums: std::array::from_fn(|_| vec![0.0; block]),
        }
    }
}

/// Buying pressure `close - min(low, previous close)` and true range of one bar.
#[inline(always)]
fn ultimate_terms(high: f64, low: f64, close: f64, prev_close: f64) -> (f64, f64) {
    let true_low = if low < prev_close { low } else { prev_close };
    (close - true_low, bar_true_range(high, low, prev_close))
}

/// Ultimate Oscillator over one run of finite bars: the same steps, in the same order, as
/// [`UltimateOscillator::update`], without its per-bar bookkeeping, so the same numbers bit
/// for bit.
///
/// After the warm-up, bars go by blocks in three passes over L1-resident scratch: the terms
/// (buying pressure, true range) of the whole block, independent bars that the compiler maps
/// to vector instructions; the six window sums bar by bar (the only loop-carried part); then
/// the oscillator values, independent again. The terms of the last `longest` bars stay in
/// front of the block's, so each window's leaving term is at a fixed distance: no ring index.
///
/// Returns whether every bar was finite (checked on the way; a sum `h + l + c` overflowing
/// also answers "no", which only sends the caller to the exact run-by-run path). When not,
/// `out` holds garbage.
fn ultimate_kernel(
    (high, low, close): (&[f64], &[f64], &[f64]),
    periods: [usize; 3],
    scratch: &mut UltimateScratch,
    out: &mut [f64],
) -> bool {
    let longest = periods[2];
    let len = out.len();
    out[..longest.min(len)].fill(f64::NAN);
    if len <= longest {
        return all_finite(&[high, low, close]);
    }
    let UltimateScratch {
        block,
        pressure,
        range,
        sums,
    } = scratch;
    let block = *block;
    // Bit 63 is set once a bar's `h + l + c` was not finite (an integer OR, which vectorizes).
    let mut not_finite = non_finite_flag(high[0] + low[0] + close[0]);
    let mut a = [0.0; 3];
    let mut b = [0.0; 3];
    let mut null_run = 0;
    // Warm-up, bars 1..longest (slot = bar number): a period `p` starts accumulating at bar
    // `longest - p + 1`, as TA-Lib does.
    for j in 1..longest {
        let (h, l, c) = (high[j], low[j], close[j]);
        not_finite |= non_finite_flag(h + l + c);
        let (bp, tr) = ultimate_terms(h, l, c, close[j - 1]);
        null_run = if tr == 0.0 {
            (null_run + 1).min(longest)
        } else {
            0
        };
        for k in 0..3 {
            if j + periods[k] > longest {
                a[k] += bp;
                b[k] += tr;
            }
            if null_run >= periods[k] {
                a[k] = 0.0;
                b[k] = 0.0;
            }
        }
        pressure[j] = bp;
        range[j] = tr;
    }
    // Steady state from bar `longest` on; the leaving bar of window k at bar i is
    // i + 1 - periods[k], at slot `longest + j + 1 - periods[k]` for the block's bar j.
    let mut start = longest;
    while start < len {
        let m = block.min(len - start);
        let end = start + m;
        // Pass 1: the terms of every bar of the block.
        let bars = high[start..end].iter().zip(&low[start..end]);
        let bars = bars.zip(close[start..end].iter().zip(&close[start - 1..end - 1]));
        let terms = pressure[longest..longest + m]
            .iter_mut()
            .zip(&mut range[longest..longest + m]);
        for (((&h, &l), (&c, &prev_close)), (p, r)) in bars.zip(terms) {
            (*p, *r) = ultimate_terms(h, l, c, prev_close);
            not_finite |= non_finite_flag(h + l + c);
        }
        // Pass 2: the six sums, bar by bar.
        {
            let entering = (
                &pressure[longest..longest + m],
                &range[longest..longest + m],
            );
            let leaving = |k: usize| {
                let from = longest + 1 - periods[k];
                (&pressure[from..from + m], &range[from..from + m])
            };
            let ((lp0, lr0), (lp1, lr1), (lp2, lr2)) = (leaving(0), leaving(1), leaving(2));
            let [s0, s1, s2, s3, s4, s5] = sums;
            let (s0, s1, s2) = (&mut s0[..m], &mut s1[..m], &mut s2[..m]);
            let (s3, s4, s5) = (&mut s3[..m], &mut s4[..m], &mut s5[..m]);
            for j in 0..m {
                let (bp, tr) = (entering.0[j], entering.1[j]);
                if tr == 0.0 {
                    null_run = longer_null_run(null_run, longest);
                } else {
                    null_run = 0;
                }
                for k in 0..3 {
                    a[k] += bp;
                    b[k] += tr;
                }
                if null_run >= periods[0] {
                    for k in 0..3 {
                        if null_run >= periods[k] {
                            a[k] = 0.0;
                            b[k] = 0.0;
                        }
                    }
                }
                (s0[j], s1[j], s2[j]) = (a[0], a[1], a[2]);
                (s3[j], s4[j], s5[j]) = (b[0], b[1], b[2]);
                a[0] -= lp0[j];
                b[0] -= lr0[j];
                a[1] -= lp1[j];
                b[1] -= lr1[j];
                a[2] -= lp2[j];
                b[2] -= lr2[j];
            }
        }
        // Pass 3: the oscillator values (the rare window needing the one-ratio-at-a-time
        // form is redone afterwards).
        {
            let [s0, s1, s2, s3, s4, s5] = &*sums;
            let (s0, s1, s2) = (&s0[..m], &s1[..m], &s2[..m]);
            let (s3, s4, s5) = (&s3[..m], &s4[..m], &s5[..m]);
            let o = &mut out[start..end];
            let mut apart = false;
            for j in 0..m {
                let (a, b) = ([s0[j], s1[j], s2[j]], [s3[j], s4[j], s5[j]]);
                let (value, fast) = UltimateOscillator::combine_fast(&a, &b);
                o[j] = value;
                apart |= !fast;
            }
            if apart {
                for j in 0..m {
                    let (a, b) = ([s0[j], s1[j], s2[j]], [s3[j], s4[j], s5[j]]);
                    o[j] = UltimateOscillator::combine(&a, &b);
                }
            }
        }
        // The last `longest` terms move to the front for the next block.
        pressure.copy_within(m..m + longest, 0);
        range.copy_within(m..m + longest, 0);
        start = end;
    }
    not_finite >> 63 == 0
}

/// Streaming Ultimate Oscillator (TA-Lib `TA_ULTOSC`); see [`ultimate_oscillator`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlc, Indicator, UltimateOscillator};
/// let mut u = UltimateOscillator::new(7, 14, 28)?;
/// assert_eq!(u.lookback(), 28);
/// assert_eq!(u.update(Hlc::new(10.0, 9.0, 9.5)), None);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct UltimateOscillator {
    /// Periods sorted from shortest to longest.
    periods: [usize; 3],
    pressure: Vec<f64>,
    range: Vec<f64>,
    /// Bars seen since the last reset (saturating at the longest period + 1).
    seen: usize,
    prev_close: f64,
    pressure_sum: [f64; 3],
    range_sum: [f64; 3],
    /// Consecutive bars without range (saturating at the longest period).
    null_run: usize,
}

impl UltimateOscillator {
    /// An Ultimate Oscillator over three periods (any order; they are sorted).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, UltimateOscillator};
    /// assert_eq!(UltimateOscillator::new(28, 7, 14)?, UltimateOscillator::new(7, 14, 28)?);
    /// assert_eq!(UltimateOscillator::new(7, 14, 28)?.lookback(), 28);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n1: usize, n2: usize, n3: usize) -> Result<Self> {
        check_window("n1", n1)?;
        check_window("n2", n2)?;
        check_window("n3", n3)?;
        let mut periods = [n1, n2, n3];
        periods.sort_unstable();
        Ok(UltimateOscillator {
            periods,
            pressure: vec![0.0; periods[2]],
            range: vec![0.0; periods[2]],
            seen: 0,
            prev_close: 0.0,
            pressure_sum: [0.0; 3],
            range_sum: [0.0; 3],
            null_run: 0,
        })
    }

    fn terms(&self, bar: Hlc) -> (f64, f64) {
        ultimate_terms(bar.high, bar.low, bar.close, self.prev_close)
    }

    /// `100 * (4 * a0/b0 + 2 * a1/b1 + a2/b2) / 7`, a window without range contributing 0.
    ///
    /// With all three ranges positive and their product a normal number (always, but for
    /// degenerate windows or prices near the limits of `f64`), the three ratios are brought to
    /// one denominator: `(4*a0*b1*b2 + 2*a1*b0*b2 + a2*b0*b1) / (b0*b1*b2)`, one division
    /// instead of three (within a few units in the last place of TA-Lib's form).
    #[inline(always)]
    fn combine(a: &[f64; 3], b: &[f64; 3]) -> f64 {
        match Self::combine_fast(a, b) {
            (value, true) => value,
            _ => Self::combine_apart(a, b),
        }
    }

    /// The one-denominator form of [`combine`](Self::combine) and whether it applies (all
    /// three ranges positive and their product a normal number). Comparisons combined with
    /// `&`, no branch, so that a loop over bars maps to vector instructions.
    #[inline(always)]
    fn combine_fast(a: &[f64; 3], b: &[f64; 3]) -> (f64, bool) {
        let b01 = b[0] * b[1];
        let den = b01 * b[2];
        let magnitude = den.abs(); // normal: neither zero, subnormal, infinite nor NaN
        let applies = (b[0] > 0.0)
            & (b[1] > 0.0)
            & (b[2] > 0.0)
            & (f64::MIN_POSITIVE..f64::INFINITY).contains(&magnitude);
        let num = (4.0 * a[0]) * (b[1] * b[2]) + (2.0 * a[1]) * (b[0] * b[2]) + a[2] * b01;
        (num / den * (100.0 / 7.0), applies)
    }

    /// [`combine`](Self::combine) one ratio at a time (TA-Lib's form), for the edge cases.
    #[cold]
    #[inline(never)]
    fn combine_apart(a: &[f64; 3], b: &[f64; 3]) -> f64 {
        let mut output = 0.0;
        if b[0] > 0.0 {
            output += 4.0 * (a[0] / b[0]);
        }
        if b[1] > 0.0 {
            output += 2.0 * (a[1] / b[1]);
        }
        if b[2] > 0.0 {
            output += a[2] / b[2];
        }
        100.0 * (output / 7.0)
    }

    /// Sums after adding the term of bar number `j` (`j >= 1`): a period `p` starts
    /// accumulating at bar `longest - p + 1`, as TA-Lib does.
    #[inline(always)]
    fn added(&self, j: usize, bp: f64, tr: f64, null_run: usize) -> ([f64; 3], [f64; 3]) {
        let longest = self.periods[2];
        let (mut a, mut b) = (self.pressure_sum, self.range_sum);
        for k in 0..3 {
            if j + self.periods[k] > longest {
                a[k] += bp;
                b[k] += tr;
            }
            if null_run >= self.periods[k] {
                a[k] = 0.0;
                b[k] = 0.0;
            }
        }
        (a, b)
    }
}

impl Indicator for UltimateOscillator {
    type Input = Hlc;
    type Output = f64;

    fn update(&mut self, bar: Hlc) -> Option<f64> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let longest = self.periods[2];
        if self.seen == 0 {
            self.seen = 1;
            self.prev_close = bar.close;
            return None;
        }
        let j = self.seen;
        let (bp, tr) = self.terms(bar);
        self.prev_close = bar.close;
        self.null_run = if tr == 0.0 {
            (self.null_run + 1).min(longest)
        } else {
            0
        };
        let (a, b) = self.added(j, bp, tr, self.null_run);
        self.pressure_sum = a;
        self.range_sum = b;
        let slot = j % longest;
        self.pressure[slot] = bp;
        self.range[slot] = tr;
        if j < longest {
            self.seen += 1;
            return None;
        }
        let out = Self::combine(&a, &b);
        // Drop the oldest term of each window, ready for the next bar.
        for k in 0..3 {
            let trailing = (j + 1 - self.periods[k]) % longest;
            self.pressure_sum[k] -= self.pressure[trailing];
            self.range_sum[k] -= self.range[trailing];
        }
        // Bar numbers only matter modulo the longest period once warmed up.
        self.seen = longest + (j + 1 - longest) % longest;
        Some(out)
    }

    fn peek(&self, bar: Hlc) -> Option<f64> {
        let longest = self.periods[2];
        if !bar.is_finite() || self.seen < longest {
            return None;
        }
        let (bp, tr) = self.terms(bar);
        let null_run = if tr == 0.0 {
            (self.null_run + 1).min(longest)
        } else {
            0
        };
        let (a, b) = self.added(self.seen, bp, tr, null_run);
        Some(Self::combine(&a, &b))
    }

    fn reset(&mut self) {
        self.seen = 0;
        self.prev_close = 0.0;
        self.pressure_sum = [0.0; 3];
        self.range_sum = [0.0; 3];
        self.null_run = 0;
    }

    fn lookback(&self) -> usize {
        self.periods[2]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 600 bars of a deterministic walk with a flat stretch (no range, no money flow) longer
    /// than every period used below, and one non-finite bar.
    fn bars() -> Vec<Hlcv> {
        let mut rng = crate::sample::SampleRng::new(0x9E37_79B9_7F4A_7C15);
        let mut next = move || rng.uniform();
        let mut price = 50.0;
        (0..600)
            .map(|i| {
                if (200..360).contains(&i) {
                    return Hlcv::new(price, price, price, 1000.0);
                }
                if i == 450 {
                    return Hlcv::new(f64::NAN, price, price, 1000.0);
                }
                price *= 1.0 + (next() - 0.5) * 0.02;
                let (high, low) = (price * (1.0 + next() * 0.01), price * (1.0 - next() * 0.01));
                Hlcv::new(
                    high,
                    low,
                    low + (high - low) * next(),
                    1000.0 + next() * 9000.0,
                )
            })
            .collect()
    }

    fn same_bits(batch: &[f64], streamed: &[Option<f64>]) -> bool {
        batch.iter().zip(streamed).all(|(b, s)| match s {
            Some(s) => s.to_bits() == b.to_bits(),
            None => b.is_nan(),
        })
    }

    /// The batch kernels work in blocks of at least 64 bars, longer when a period is: check
    /// them against the streaming types across block edges, with periods on both sides of 64.
    #[test]
    fn block_kernels_equal_streaming_for_short_and_long_periods() {
        let bars = bars();
        let column = |f: fn(&Hlcv) -> f64| bars.iter().map(f).collect::<Vec<f64>>();
        let (h, l, c, v) = (
            column(|b| b.high),
            column(|b| b.low),
            column(|b| b.close),
            column(|b| b.volume),
        );
        for period in [1, 2, 14, 63, 64, 65, 100, 150] {
            let mut m = Mfi::new(period).unwrap();
            let streamed: Vec<_> = bars.iter().map(|&b| m.update(b)).collect();
            let batch = mfi(&h, &l, &c, &v, period).unwrap();
            assert!(same_bits(&batch, &streamed), "mfi({period})");
            assert!(batch.iter().any(|x| x.is_finite()), "mfi({period})");

            let (n1, n2, n3) = (period.div_ceil(4), period.div_ceil(2), period);
            let mut u = UltimateOscillator::new(n1, n2, n3).unwrap();
            let hlc = bars.iter().map(|b| Hlc::new(b.high, b.low, b.close));
            let streamed: Vec<_> = hlc.map(|b| u.update(b)).collect();
            let batch = ultimate_oscillator(&h, &l, &c, n1, n2, n3).unwrap();
            assert!(same_bits(&batch, &streamed), "ultosc({n1}, {n2}, {n3})");
            assert!(batch.iter().any(|x| x.is_finite()), "ultosc({period})");
        }
    }
}
