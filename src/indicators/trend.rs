//! Trend strength: Wilder's directional movement system (ADX with +DI and -DI).
//!
//! +DM is the part of today's range above yesterday's high, -DM the part below yesterday's low
//! (only the larger of the two counts, and only when positive). Wilder-smoothed over `n` bars
//! and divided by the smoothed true range they give +DI and -DI (in percent);
//! `DX = 100 * |+DI - -DI| / (+DI + -DI)` and ADX is DX smoothed the same way. ADX measures how
//! strongly the market trends (above ~25: trending), +DI vs -DI says in which direction.
//!
//! Two seedings are in use and give different numbers for the first few hundred bars:
//! [`AdxSeed::TaLib`] (the default; `TA_ADX`, `TA_PLUS_DI`, `TA_MINUS_DI`) and
//! [`AdxSeed::StockCharts`] (ChartSchool's "Average Directional Index" worksheet, also
//! Stock.Indicators). Both start +DI/-DI at index `n` and ADX at index `2n - 1`.

use crate::error::{check_window, Error, Result};
use crate::indicators::core::{Hlc, Indicator};
use crate::indicators::range::{bar_true_range, check_hlc, for_each_hlc_run};

/// How the smoothed +DM, -DM and true range are seeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum AdxSeed {
    /// TA-Lib: the first `n - 1` one-bar values are summed, then every bar (from index `n`)
    /// applies Wilder's step `s = s - s / n + x`.
    #[default]
    TaLib,
    /// StockCharts ChartSchool / Stock.Indicators: the first `n` one-bar values (indices
    /// `1..=n`) are summed and used as they are at index `n`; Wilder's step from index `n + 1`.
    StockCharts,
}

/// ADX, +DI and -DI, one value per input bar (NaN during warm-up).
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
/// Warm-up: `n` bars for +DI/-DI, `2n - 1` for ADX, as in TA-Lib. When the smoothed true range is 0 both DIs are 0 and the ADX keeps its
/// previous value. A non-finite high, low or close gives NaN at that bar and everything warms
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
    if n >= 2 && crate::error::window_exceeds(len, &[n]) {
        let nan = vec![f64::NAN; len];
        return Ok(AdxOutput {
            adx: nan.clone(),
            plus_di: nan.clone(),
            minus_di: nan,
        });
    }
    Adx::with_seed(n, seed)?;
    let mut out = AdxOutput {
        adx: vec![f64::NAN; len],
        plus_di: vec![f64::NAN; len],
        minus_di: vec![f64::NAN; len],
    };
    let (plus, minus) = (&mut out.plus_di, &mut out.minus_di);
    for_each_hlc_run(high, low, close, &mut out.adx, |s, e, adx_run| {
        let bars = (&high[s..e], &low[s..e], &close[s..e]);
        let outs = (adx_run, &mut plus[s..e], &mut minus[s..e]);
        adx_kernel(bars, n, seed, outs);
    });
    Ok(out)
}

/// ADX over one run of finite bars: the arithmetic of [`Adx::update`] step for step (so the
/// numbers are the same bit for bit), in one pass writing the three lines directly. The
/// outputs hold NaN on entry and keep it during the warm-up.
fn adx_kernel(
    (high, low, close): (&[f64], &[f64], &[f64]),
    n: usize,
    seed: AdxSeed,
    (adx_out, plus_out, minus_out): (&mut [f64], &mut [f64], &mut [f64]),
) {
    if high.is_empty() {
        return;
    }
    let nf = n as f64;
    let plain_until = match seed {
        AdxSeed::TaLib => n,
        AdxSeed::StockCharts => n + 1,
    };
    let (mut prev_high, mut prev_low, mut prev_close) = (high[0], low[0], close[0]);
    let (mut plus_dm, mut minus_dm, mut tr, mut adx) = (0.0, 0.0, 0.0, 0.0);
    let bars = high.iter().zip(low).zip(close);
    let outs = adx_out
        .iter_mut()
        .zip(plus_out.iter_mut())
        .zip(minus_out.iter_mut());
    for (i, (((&h, &l), &c), ((adx_o, plus_o), minus_o))) in bars.zip(outs).enumerate().skip(1) {
        let (plus1, minus1) = directional_movement(h - prev_high, prev_low - l);
        let tr1 = bar_true_range(h, l, prev_close);
        (prev_high, prev_low, prev_close) = (h, l, c);
        if i < plain_until {
            plus_dm += plus1;
            minus_dm += minus1;
            tr += tr1;
        } else {
            plus_dm = plus_dm - plus_dm / nf + plus1;
            minus_dm = minus_dm - minus_dm / nf + minus1;
            tr = tr - tr / nf + tr1;
        }
        if i < n {
            continue;
        }
        let (plus_di, minus_di, dx) = directional_index(plus_dm, minus_dm, tr);
        *plus_o = plus_di;
        *minus_o = minus_di;
        if i < 2 * n - 1 {
            adx += dx.unwrap_or(0.0);
            continue;
        }
        adx = if i == 2 * n - 1 {
            (adx + dx.unwrap_or(0.0)) / nf
        } else if let Some(dx) = dx {
            (adx * (nf - 1.0) + dx) / nf
        } else {
            adx
        };
        *adx_o = adx;
    }
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
    let (plus_di, minus_di) = if tr > 0.0 {
        (100.0 * (plus_dm / tr), 100.0 * (minus_dm / tr))
    } else {
        (0.0, 0.0)
    };
    let di_sum = plus_di + minus_di;
    let dx =
        (tr > 0.0 && di_sum.abs() >= 1e-14).then(|| 100.0 * ((minus_di - plus_di).abs() / di_sum));
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
    pub fn new(n: usize) -> Result<Self> {
        Self::with_seed(n, AdxSeed::TaLib)
    }

    /// An ADX over `n` bars with the given seeding.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n` is below 2.
    pub fn with_seed(n: usize, seed: AdxSeed) -> Result<Self> {
        check_window("n", n)?;
        if n < 2 {
            return Err(Error::param("n", n, "must be at least 2"));
        }
        Ok(Adx {
            n,
            seed,
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
    pub fn seed(&self) -> AdxSeed {
        self.seed
    }

    /// `(+DI, -DI)` after the last update, from bar `n` on; `None` before.
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
            (
                self.plus_dm - self.plus_dm / nf + plus1,
                self.minus_dm - self.minus_dm / nf + minus1,
                self.tr - self.tr / nf + tr1,
            )
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
        } else if let Some(dx) = dx {
            (self.adx * (nf - 1.0) + dx) / nf
        } else {
            self.adx
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
