//! Trend strength: Wilder's directional movement system (ADX with +DI and -DI).
//!
//! +DM is the part of today's range above yesterday's high, -DM the part below yesterday's low
//! (only the larger of the two counts, and only when positive). Wilder-smoothed over `n` bars
//! and divided by the smoothed true range they give +DI and -DI (in percent);
//! `DX = 100 * |+DI - -DI| / (+DI + -DI)` and ADX is DX smoothed the same way. ADX measures how
//! strongly the market trends (above ~25: trending), +DI vs -DI says in which direction.
//! (The smoothed true range cancels in DX, so DX is computed as
//! `100 * |+DM - -DM| / (+DM + -DM)` of the smoothed movements: the same number to within an
//! ulp or two of TA-Lib's, and its division does not wait for the DIs'.)
//!
//! Two seedings are in use and give different numbers for the first few hundred bars:
//! [`AdxSeed::TaLib`] (the default; `TA_ADX`, `TA_PLUS_DI`, `TA_MINUS_DI`) and
//! [`AdxSeed::StockCharts`] (ChartSchool's "Average Directional Index" worksheet, also
//! Stock.Indicators). Both start +DI/-DI at index `n` and ADX at index `2n - 1`.

use crate::error::{check_len, check_window, Error, Result};
use crate::indicators::core::{for_each_finite_run, Hlc, Indicator};
use crate::indicators::range::{bar_true_range, check_hlc, finite_probe_sum};

/// How the smoothed +DM, -DM and true range are seeded.
///
/// # Example
/// ```
/// use chartist::indicators::{Adx, AdxSeed};
/// assert_eq!(AdxSeed::default(), AdxSeed::TaLib);
/// assert_eq!(Adx::with_seed(14, AdxSeed::StockCharts)?.seed(), AdxSeed::StockCharts);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AdxSeed {
    /// TA-Lib: the first `n - 1` one-bar values are summed, then every bar (from index `n`)
    /// applies Wilder's step `s = s - s / n + x` (evaluated as `s * ((n - 1) / n) + x`).
    #[default]
    TaLib,
    /// StockCharts ChartSchool / Stock.Indicators: the first `n` one-bar values (indices
    /// `1..=n`) are summed and used as they are at index `n`; Wilder's step from index `n + 1`.
    StockCharts,
}

/// ADX, +DI and -DI, one value per input bar (NaN during warm-up).
///
/// # Example
/// ```
/// use chartist::indicators::{adx, AdxOutput};
/// let high: Vec<f64> = (0..30).map(|i| 10.0 + i as f64).collect();
/// let low: Vec<f64> = high.iter().map(|h| h - 1.0).collect();
/// let AdxOutput { adx, plus_di, minus_di } = adx(&high, &low, &low, 5)?;
/// assert!(plus_di[4].is_nan() && plus_di[5] > minus_di[5]);
/// assert!(adx[8].is_nan() && adx[9] > 50.0);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AdxOutput {
    /// Average directional index, 0..100; first value at index `2n - 1`.
    pub adx: Vec<f64>,
    /// Plus directional indicator, 0..100; first value at index `n`.
    pub plus_di: Vec<f64>,
    /// Minus directional indicator, 0..100; first value at index `n`.
    pub minus_di: Vec<f64>,
}

/// One bar's ADX, +DI and -DI, the output of the streaming [`Adx`].
///
/// # Example
/// ```
/// use chartist::indicators::{Adx, AdxPoint, Hlc, Indicator};
/// let mut a = Adx::new(2)?;
/// let bars = (0..6).map(|i| Hlc::new(11.0 + f64::from(i), 10.0 + f64::from(i), 10.5 + f64::from(i)));
/// let points: Vec<AdxPoint> = bars.filter_map(|b| a.update(b)).collect();
/// assert_eq!(points.len(), 3); // from bar 2n - 1 = 3 on
/// assert!(points.iter().all(|p| p.plus_di > p.minus_di && p.adx == 100.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AdxPoint {
    /// Average directional index.
    pub adx: f64,
    /// Plus directional indicator.
    pub plus_di: f64,
    /// Minus directional indicator.
    pub minus_di: f64,
}

/// Average directional index with +DI and -DI, TA-Lib seeding (`TA_ADX`, `TA_PLUS_DI`,
/// `TA_MINUS_DI`).
///
/// +DM is the part of today's range above yesterday's high, -DM the part below yesterday's low
/// (only the larger counts, only when positive); Wilder-smoothed over `n` bars and divided by
/// the smoothed true range they give +DI and -DI in percent; `DX = 100 * |+DI - -DI| / (+DI +
/// -DI)` and the ADX is DX smoothed over `n` bars (seeded with the mean of the first `n` DX).
/// Warm-up: `n` bars for +DI/-DI, `2n - 1` for ADX, as in TA-Lib; a line whose warm-up is
/// longer than the data is all NaN (not an error). When the smoothed true range is 0 both DIs
/// are 0 and the ADX keeps its previous value. A non-finite high, low or close gives NaN at that bar and everything warms
/// up again afterwards. For ChartSchool's numbers use [`adx_with`] and [`AdxSeed::StockCharts`].
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n` is below 2 (as in
/// TA-Lib); [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` or `close` is not
/// as long as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::adx;
/// let high: Vec<f64> = (0..40).map(|i| 10.0 + i as f64).collect();
/// let low: Vec<f64> = high.iter().map(|h| h - 1.0).collect();
/// let close: Vec<f64> = high.iter().map(|h| h - 0.5).collect();
/// let out = adx(&high, &low, &close, 14)?;
/// assert!(out.plus_di[13].is_nan() && out.adx[26].is_nan());
/// assert!(out.plus_di[14] > out.minus_di[14]); // a steady rise
/// assert!(out.adx[27] > 25.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn adx(high: &[f64], low: &[f64], close: &[f64], n: usize) -> Result<AdxOutput> {
    adx_with(high, low, close, n, AdxSeed::TaLib)
}

/// [`adx`] with an explicit seeding convention.
///
/// # Errors
/// As [`adx`].
///
/// # Example
/// ```
/// use chartist::indicators::{adx_with, AdxSeed};
/// let high: Vec<f64> = (0..40).map(|i| 10.0 + (i as f64 * 0.7).sin()).collect();
/// let low: Vec<f64> = high.iter().map(|h| h - 1.0).collect();
/// let close: Vec<f64> = high.iter().map(|h| h - 0.3).collect();
/// let talib = adx_with(&high, &low, &close, 5, AdxSeed::TaLib)?;
/// let stockcharts = adx_with(&high, &low, &close, 5, AdxSeed::StockCharts)?;
/// assert!(talib.adx[9].is_finite() && stockcharts.adx[9].is_finite());
/// assert_ne!(talib.adx[9], stockcharts.adx[9]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn adx_with(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    n: usize,
    seed: AdxSeed,
) -> Result<AdxOutput> {
    check_hlc(high, low, close)?;
    let len = high.len();
    // Zeroed buffers (fresh pages need no writing); the kernels write every position.
    let mut out = AdxOutput {
        adx: vec![0.0; len],
        plus_di: vec![0.0; len],
        minus_di: vec![0.0; len],
    };
    fill(high, low, close, n, seed, &mut out)?;
    Ok(out)
}

/// [`adx`] (TA-Lib seeding) written into a caller's [`AdxOutput`], whose three vectors must
/// have the input's length: no allocation, for repeated runs over long series.
///
/// # Errors
/// As [`adx`], and [`Error::LengthMismatch`](crate::Error::LengthMismatch) when an output
/// vector is not as long as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::{adx, adx_into, AdxOutput};
/// let high: Vec<f64> = (0..40).map(|i| 10.0 + (i as f64 * 0.5).sin()).collect();
/// let low: Vec<f64> = high.iter().map(|h| h - 1.0).collect();
/// let mut out = AdxOutput { adx: vec![0.0; 40], plus_di: vec![0.0; 40], minus_di: vec![0.0; 40] };
/// adx_into(&high, &low, &low, 5, &mut out)?;
/// let fresh = adx(&high, &low, &low, 5)?;
/// assert!(out.adx[8].is_nan() && out.plus_di[4].is_nan());
/// assert_eq!((out.adx[39], out.minus_di[39]), (fresh.adx[39], fresh.minus_di[39]));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn adx_into(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    n: usize,
    out: &mut AdxOutput,
) -> Result<()> {
    check_hlc(high, low, close)?;
    check_len("adx", high.len(), out.adx.len())?;
    check_len("plus_di", high.len(), out.plus_di.len())?;
    check_len("minus_di", high.len(), out.minus_di.len())?;
    fill(high, low, close, n, AdxSeed::TaLib, out)
}

/// The three ADX lines of checked, equally long inputs into `out` (of their length).
fn fill(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    n: usize,
    seed: AdxSeed,
    out: &mut AdxOutput,
) -> Result<()> {
    let len = high.len();
    if n >= 2 && crate::error::window_exceeds(len, &[n]) {
        for line in [&mut out.adx, &mut out.plus_di, &mut out.minus_di] {
            line.fill(f64::NAN);
        }
        return Ok(());
    }
    Adx::with_seed(n, seed)?;
    let (plus, minus) = (&mut out.plus_di, &mut out.minus_di);
    let mut run = |s: usize, e: usize, adx_run: &mut [f64]| {
        let bars = (&high[s..e], &low[s..e], &close[s..e]);
        let outs = (adx_run, &mut plus[s..e], &mut minus[s..e]);
        adx_kernel(bars, n, seed, outs)
    };
    // Optimistic single pass: the kernel reports whether every input was finite; if not, redo
    // run by run (NaN at the non-finite bars).
    if len == 0 || run(0, len, &mut out.adx) {
        return Ok(());
    }
    let finite = |i: usize| high[i].is_finite() && low[i].is_finite() && close[i].is_finite();
    for_each_finite_run(len, finite, &mut out.adx, |s, e, adx_run| {
        run(s, e, adx_run);
    });
    for i in (0..len).filter(|&i| !finite(i)) {
        (out.plus_di[i], out.minus_di[i]) = (f64::NAN, f64::NAN);
    }
    Ok(())
}

/// Wilder's smoothing factors of the ADX: `b = (n - 1) / n` and `r = 1 / (n - 1)`.
///
/// TA-Lib writes the smoothing of +DM, -DM and TR as `s - s / n + x` and the ADX's as
/// `(adx * (n - 1) + dx) / n`; here they are `s * b + x` and `(adx + dx * r) * b` (the same
/// numbers to within a few ulps per step, with one multiply and one add on each
/// loop-carried chain and no division).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Wilder {
    b: f64,
    r: f64,
}

impl Wilder {
    /// Factors for a period `n >= 2` (the ADX's minimum, checked by [`Adx::with_seed`]).
    fn new(n: usize) -> Self {
        debug_assert!(n >= 2);
        let nf = n as f64;
        Wilder {
            b: (nf - 1.0) / nf,
            r: 1.0 / (nf - 1.0),
        }
    }

    /// One bar of the smoothed (+DM, -DM, TR) sums after their warm-up.
    #[inline(always)]
    fn smooth(&self, s: (f64, f64, f64), x: (f64, f64, f64)) -> (f64, f64, f64) {
        (s.0 * self.b + x.0, s.1 * self.b + x.1, s.2 * self.b + x.2)
    }

    /// One bar of the ADX after its seed (unchanged when there is no DX).
    #[inline(always)]
    fn adx(&self, adx: f64, dx: Option<f64>) -> f64 {
        match dx {
            Some(dx) => (adx + dx * self.r) * self.b,
            None => adx,
        }
    }
}

/// ADX over one run of bars: the arithmetic of [`Adx::update`] step for step (so the numbers
/// are the same bit for bit), in one pass writing every position of the three lines (NaN during
/// the warm-up). Returns whether every input was finite (otherwise the caller redoes the
/// series run by run).
fn adx_kernel(
    (high, low, close): (&[f64], &[f64], &[f64]),
    n: usize,
    seed: AdxSeed,
    (adx_out, plus_out, minus_out): (&mut [f64], &mut [f64], &mut [f64]),
) -> bool {
    let len = high.len();
    let nf = n as f64;
    let w = Wilder::new(n);
    let plain_until = match seed {
        AdxSeed::TaLib => n,
        AdxSeed::StockCharts => n + 1,
    };
    // The warm-up bars (up to the first ADX), following the streaming branches.
    let warm = len.min(2 * n);
    adx_out[..warm].fill(f64::NAN);
    plus_out[..warm.min(n)].fill(f64::NAN);
    minus_out[..warm.min(n)].fill(f64::NAN);
    // `check` sums [`finite_probe_sum`] over every bar.
    let mut check = finite_probe_sum(high[0], low[0], close[0]);
    let (mut prev_high, mut prev_low, mut prev_close) = (high[0], low[0], close[0]);
    let (mut dm, mut adx) = ((0.0, 0.0, 0.0), 0.0);
    for i in 1..warm {
        let (h, l, c) = (high[i], low[i], close[i]);
        check += finite_probe_sum(h, l, c);
        let (plus1, minus1) = directional_movement(h - prev_high, prev_low - l);
        let x = (plus1, minus1, bar_true_range(h, l, prev_close));
        (prev_high, prev_low, prev_close) = (h, l, c);
        dm = if i < plain_until {
            (dm.0 + x.0, dm.1 + x.1, dm.2 + x.2)
        } else {
            w.smooth(dm, x)
        };
        if i < n {
            continue;
        }
        let (plus_di, minus_di, dx) = directional_index(dm.0, dm.1, dm.2);
        (plus_out[i], minus_out[i]) = (plus_di, minus_di);
        if i < 2 * n - 1 {
            adx += dx.unwrap_or(0.0);
        } else {
            adx = (adx + dx.unwrap_or(0.0)) / nf;
            adx_out[i] = adx;
        }
    }
    if len <= warm {
        return check.is_finite();
    }
    // The steady state: no branch but the rare missing DX.
    let bars = high[warm..].iter().zip(&low[warm..]).zip(&close[warm..]);
    let outs = adx_out[warm..]
        .iter_mut()
        .zip(plus_out[warm..].iter_mut())
        .zip(minus_out[warm..].iter_mut());
    for (((&h, &l), &c), ((adx_o, plus_o), minus_o)) in bars.zip(outs) {
        check += finite_probe_sum(h, l, c);
        let (plus1, minus1) = directional_movement(h - prev_high, prev_low - l);
        let x = (plus1, minus1, bar_true_range(h, l, prev_close));
        (prev_high, prev_low, prev_close) = (h, l, c);
        dm = w.smooth(dm, x);
        let (plus_di, minus_di, dx) = directional_index(dm.0, dm.1, dm.2);
        adx = w.adx(adx, dx);
        (*adx_o, *plus_o, *minus_o) = (adx, plus_di, minus_di);
    }
    check.is_finite()
}

/// One bar's `(+DM, -DM)` from `high - previous high` and `previous low - low`: only the
/// larger counts, and only when positive.
#[inline(always)]
fn directional_movement(diff_plus: f64, diff_minus: f64) -> (f64, f64) {
    let plus = if diff_plus > 0.0 && diff_plus > diff_minus {
        diff_plus
    } else {
        0.0
    };
    let minus = if diff_minus > 0.0 && diff_minus > diff_plus {
        diff_minus
    } else {
        0.0
    };
    (plus, minus)
}

/// `(+DI, -DI, DX)` from the smoothed +DM, -DM and true range: both DIs 0 when the true range
/// is 0, and no DX when it is 0 or the DIs sum to (almost) 0. The DIs are percentages, so the
/// 1e-14 on their sum is scale-free (TA-Lib's `TA_IS_ZERO`).
#[inline(always)]
fn directional_index(plus_dm: f64, minus_dm: f64, tr: f64) -> (f64, f64, Option<f64>) {
    // One division for both lines (`100 / tr`, then two multiplications).
    let scale = 100.0 / tr;
    let (plus_di, minus_di) = if tr > 0.0 {
        (plus_dm * scale, minus_dm * scale)
    } else {
        (0.0, 0.0)
    };
    let di_sum = plus_di + minus_di;
    // `100 * |-DI - +DI| / (+DI + -DI)` with the common `100 / tr` cancelled: the same DX to
    // within an ulp or two, and its division no longer waits for the first one.
    let dx = (tr > 0.0 && di_sum.abs() >= 1e-14)
        .then(|| 100.0 * ((minus_dm - plus_dm).abs() / (plus_dm + minus_dm)));
    (plus_di, minus_di, dx)
}

/// Streaming ADX with +DI and -DI; see [`adx`] and [`adx_with`].
///
/// `update` returns a value from bar `2n - 1` on (the ADX's warm-up, [`lookback`]);
/// [`directional_indicators`](Adx::directional_indicators) gives +DI and -DI from bar `n`.
///
/// [`lookback`]: Indicator::lookback
///
/// # Example
/// ```
/// use chartist::indicators::{Adx, AdxSeed, Hlc, Indicator};
/// let mut a = Adx::new(14)?;
/// assert_eq!(a.lookback(), 27);
/// assert_eq!(a.update(Hlc::new(10.0, 9.0, 9.5)), None);
/// let b = Adx::with_seed(14, AdxSeed::StockCharts)?;
/// assert_eq!(b.seed(), AdxSeed::StockCharts);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Adx {
    n: usize,
    seed: AdxSeed,
    wilder: Wilder,
    /// Bars seen since the last reset (saturating at `2n`).
    seen: usize,
    prev_high: f64,
    prev_low: f64,
    prev_close: f64,
    plus_dm: f64,
    minus_dm: f64,
    tr: f64,
    /// Sum of DX during the ADX warm-up, then the ADX.
    adx: f64,
    di: Option<(f64, f64)>,
}

/// The state that one bar changes.
#[derive(Clone, Copy)]
struct Step {
    seen: usize,
    plus_dm: f64,
    minus_dm: f64,
    tr: f64,
    adx: f64,
    di: Option<(f64, f64)>,
    out: Option<AdxPoint>,
}

impl Adx {
    /// An ADX over `n` bars with TA-Lib seeding.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n` is below 2.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Adx, AdxSeed, Indicator};
    /// let a = Adx::new(14)?;
    /// assert_eq!((a.lookback(), a.seed()), (27, AdxSeed::TaLib));
    /// assert!(Adx::new(1).is_err()); // TA-Lib needs n >= 2
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        Self::with_seed(n, AdxSeed::TaLib)
    }

    /// An ADX over `n` bars with the given seeding.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n` is below 2.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Adx, AdxSeed, Indicator};
    /// let a = Adx::with_seed(14, AdxSeed::StockCharts)?;
    /// assert_eq!(a.lookback(), 27); // both seedings start at bar 2n - 1
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn with_seed(n: usize, seed: AdxSeed) -> Result<Self> {
        check_window("n", n)?;
        if n < 2 {
            return Err(Error::param("n", n, "must be at least 2"));
        }
        Ok(Adx {
            n,
            seed,
            wilder: Wilder::new(n),
            seen: 0,
            prev_high: 0.0,
            prev_low: 0.0,
            prev_close: 0.0,
            plus_dm: 0.0,
            minus_dm: 0.0,
            tr: 0.0,
            adx: 0.0,
            di: None,
        })
    }

    /// The seeding convention.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Adx, AdxSeed};
    /// assert_eq!(Adx::new(14)?.seed(), AdxSeed::TaLib);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn seed(&self) -> AdxSeed {
        self.seed
    }

    /// `(+DI, -DI)` after the last update, from bar `n` on; `None` before.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Adx, Hlc, Indicator};
    /// let mut a = Adx::new(2)?;
    /// a.update(Hlc::new(11.0, 10.0, 10.5));
    /// a.update(Hlc::new(12.0, 11.0, 11.5));
    /// assert_eq!(a.directional_indicators(), None); // +DI and -DI start at bar n = 2
    /// a.update(Hlc::new(13.0, 12.0, 12.5));
    /// let (plus, minus) = a.directional_indicators().unwrap_or_default();
    /// assert!(plus > minus);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn directional_indicators(&self) -> Option<(f64, f64)> {
        self.di
    }

    fn step(&self, bar: Hlc) -> Step {
        let n = self.n;
        let nf = n as f64;
        let j = self.seen;
        let (plus1, minus1) =
            directional_movement(bar.high - self.prev_high, self.prev_low - bar.low);
        let tr1 = bar_true_range(bar.high, bar.low, self.prev_close);
        let plain_sum = match self.seed {
            AdxSeed::TaLib => j < n,
            AdxSeed::StockCharts => j <= n,
        };
        let (plus_dm, minus_dm, tr) = if plain_sum {
            (self.plus_dm + plus1, self.minus_dm + minus1, self.tr + tr1)
        } else {
            self.wilder
                .smooth((self.plus_dm, self.minus_dm, self.tr), (plus1, minus1, tr1))
        };
        let mut next = Step {
            seen: (j + 1).min(2 * n),
            plus_dm,
            minus_dm,
            tr,
            adx: self.adx,
            di: None,
            out: None,
        };
        if j < n {
            return next;
        }
        let (plus_di, minus_di, dx) = directional_index(plus_dm, minus_dm, tr);
        next.di = Some((plus_di, minus_di));
        if j < 2 * n - 1 {
            next.adx = self.adx + dx.unwrap_or(0.0);
            return next;
        }
        next.adx = if j == 2 * n - 1 {
            (self.adx + dx.unwrap_or(0.0)) / nf
        } else {
            self.wilder.adx(self.adx, dx)
        };
        next.out = Some(AdxPoint {
            adx: next.adx,
            plus_di,
            minus_di,
        });
        next
    }
}

impl Indicator for Adx {
    type Input = Hlc;
    type Output = AdxPoint;

    fn update(&mut self, bar: Hlc) -> Option<AdxPoint> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        if self.seen == 0 {
            self.seen = 1;
        } else {
            let s = self.step(bar);
            self.seen = s.seen;
            self.plus_dm = s.plus_dm;
            self.minus_dm = s.minus_dm;
            self.tr = s.tr;
            self.adx = s.adx;
            self.di = s.di;
            self.prev_high = bar.high;
            self.prev_low = bar.low;
            self.prev_close = bar.close;
            return s.out;
        }
        self.prev_high = bar.high;
        self.prev_low = bar.low;
        self.prev_close = bar.close;
        None
    }

    fn peek(&self, bar: Hlc) -> Option<AdxPoint> {
        if !bar.is_finite() || self.seen == 0 {
            return None;
        }
        self.step(bar).out
    }

    fn reset(&mut self) {
        self.seen = 0;
        self.plus_dm = 0.0;
        self.minus_dm = 0.0;
        self.tr = 0.0;
        self.adx = 0.0;
        self.di = None;
    }

    fn lookback(&self) -> usize {
        2 * self.n - 1
    }
}
