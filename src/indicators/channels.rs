//! Price channels around the recent range: Keltner channels and Donchian channels.
//!
//! - [`keltner`]: an EMA of the close with bands a multiple of ATR away (Chester Keltner, in the
//!   form popularised by Linda Raschke; ChartSchool "Keltner Channels"). Volatility-scaled, so
//!   a close outside the band is an unusually large move.
//! - [`donchian`] / [`donchian_prior`]: the highest high and lowest low of the last `n` bars
//!   (Richard Donchian). Use [`donchian_prior`] for breakout rules ("close above the prior
//!   20-day high"): a window that includes the current bar can never be exceeded by it.

use crate::error::{check_window, Error, Result};
use crate::indicators::core::{all_finite, for_each_finite_run};
use crate::indicators::core::{Hlc, Indicator};
use crate::indicators::oscillators::RollingRange;
use crate::indicators::range::{check_hlc, for_each_hlc_run, Atr};
use crate::indicators::{atr_into, ema_into, highest, lowest, Ema};

/// Upper, middle and lower lines of a channel, one value per input bar (NaN during warm-up).
///
/// # Example
/// ```
/// use chartist::indicators::donchian;
/// let c = donchian(&[10.0, 12.0, 11.0], &[9.0, 10.0, 8.0], 2)?;
/// assert_eq!(c.upper.len(), 3);
/// assert!(c.lower[2] <= c.middle[2] && c.middle[2] <= c.upper[2]);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ChannelOutput {
    /// The upper band.
    pub upper: Vec<f64>,
    /// The middle line.
    pub middle: Vec<f64>,
    /// The lower band.
    pub lower: Vec<f64>,
}

/// One bar's channel lines, the output of the streaming [`Keltner`] and [`Donchian`].
///
/// # Example
/// ```
/// use chartist::indicators::{ChannelPoint, Donchian, Hlc, Indicator};
/// let mut d = Donchian::new(1)?;
/// let p: Option<ChannelPoint> = d.update(Hlc::new(12.0, 10.0, 11.0));
/// assert_eq!(p, Some(ChannelPoint { upper: 12.0, middle: 11.0, lower: 10.0 }));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ChannelPoint {
    /// The upper band.
    pub upper: f64,
    /// The middle line.
    pub middle: f64,
    /// The lower band.
    pub lower: f64,
}

// ---------------------------------------------------------------------------------------------
// Keltner
// ---------------------------------------------------------------------------------------------

/// Keltner channels: `EMA(close, n) +- multiplier * ATR(atr_n)`.
///
/// The middle line is TA-Lib's EMA (seeded with the SMA of the first `n` closes) and the ATR is
/// [`atr`](crate::indicators::atr) (Wilder, TA-Lib seeding). ChartSchool's standard setting is
/// `keltner(h, l, c, 20, 10, 2.0)`, which is also Stock.Indicators' default. Some platforms use
/// an EMA of the typical price or a simple-average range instead; this function does not.
///
/// Warm-up: `max(n - 1, atr_n)` bars (the later of the EMA's and the ATR's first value); a
/// warm-up longer than the data gives all NaN (not an error). A non-finite high, low or close
/// gives NaN at that bar and both averages re-seed afterwards.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n` or `atr_n` is 0 or
/// `multiplier` is negative or not finite; [`Error::LengthMismatch`](crate::Error::LengthMismatch)
/// when `low` or `close` is not as long as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::keltner;
/// let high = [11.0, 12.0, 13.0, 14.0];
/// let low = [9.0, 10.0, 11.0, 12.0];
/// let close = [10.0, 11.0, 12.0, 13.0];
/// let k = keltner(&high, &low, &close, 3, 2, 2.0)?;
/// assert!(k.middle[1].is_nan());
/// assert_eq!(k.middle[2], 11.0); // SMA seed of 10, 11, 12
/// assert_eq!(k.upper[2], 11.0 + 2.0 * 2.0); // ATR(2) = 2
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn keltner(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    n: usize,
    atr_n: usize,
    multiplier: f64,
) -> Result<ChannelOutput> {
    check_hlc(high, low, close)?;
    let len = high.len();
    if crate::error::window_exceeds(len, &[n, atr_n]) {
        Keltner::new(1, 1, multiplier)?; // still reject a bad multiplier
        let nan = vec![f64::NAN; len];
        return Ok(ChannelOutput {
            upper: nan.clone(),
            middle: nan.clone(),
            lower: nan,
        });
    }
    Keltner::new(n, atr_n, multiplier)?;
    let mut out = ChannelOutput {
        upper: vec![f64::NAN; len],
        middle: vec![f64::NAN; len],
        lower: vec![f64::NAN; len],
    };
    // Per run of finite bars: the crate's EMA and ATR batch loops (the same numbers as the
    // streaming `Ema` and `Atr`), the ATR held in `lower` until the bands are formed.
    let (middle, lower) = (&mut out.middle, &mut out.lower);
    for_each_hlc_run(high, low, close, &mut out.upper, |s, e, upper| {
        let (middle, lower) = (&mut middle[s..e], &mut lower[s..e]);
        let ema_done = ema_into(&close[s..e], n, middle);
        let atr_done = atr_into(&high[s..e], &low[s..e], &close[s..e], atr_n, lower);
        debug_assert!(ema_done.is_ok() && atr_done.is_ok());
        for ((u, m), l) in upper
            .iter_mut()
            .zip(middle.iter_mut())
            .zip(lower.iter_mut())
        {
            let width = multiplier * *l;
            if width.is_nan() || m.is_nan() {
                (*u, *m, *l) = (f64::NAN, f64::NAN, f64::NAN);
            } else {
                (*u, *l) = (*m + width, *m - width);
            }
        }
    });
    Ok(out)
}

/// Streaming Keltner channels; see [`keltner`].
///
/// # Example
/// ```
/// use chartist::indicators::{Hlc, Indicator, Keltner};
/// let mut k = Keltner::new(20, 10, 2.0)?;
/// assert_eq!(k.lookback(), 19);
/// assert_eq!(k.update(Hlc::new(11.0, 9.0, 10.0)), None);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Keltner {
    ema: Ema,
    atr: Atr,
    multiplier: f64,
}

impl Keltner {
    /// Keltner channels with an `n`-bar EMA and bands `multiplier` times the `atr_n`-bar ATR
    /// away.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n` or `atr_n` is 0 or
    /// `multiplier` is negative or not finite.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Indicator, Keltner};
    /// assert_eq!(Keltner::new(20, 10, 2.0)?.lookback(), 19);
    /// assert!(Keltner::new(20, 10, -1.0).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize, atr_n: usize, multiplier: f64) -> Result<Self> {
        check_window("n", n)?;
        check_window("atr_n", atr_n)?;
        if !(multiplier.is_finite() && multiplier >= 0.0) {
            return Err(Error::param(
                "multiplier",
                multiplier,
                "must be finite and at least 0",
            ));
        }
        Ok(Keltner {
            ema: Ema::new(n)?,
            atr: Atr::new(atr_n)?,
            multiplier,
        })
    }

    fn point(&self, middle: f64, atr: f64) -> ChannelPoint {
        let width = self.multiplier * atr;
        ChannelPoint {
            upper: middle + width,
            middle,
            lower: middle - width,
        }
    }
}

impl Indicator for Keltner {
    type Input = Hlc;
    type Output = ChannelPoint;

    fn update(&mut self, bar: Hlc) -> Option<ChannelPoint> {
        if !bar.is_finite() {
            self.reset();
            return None;
        }
        let middle = self.ema.update(bar.close);
        let atr = self.atr.update(bar);
        Some(self.point(middle?, atr?))
    }

    fn peek(&self, bar: Hlc) -> Option<ChannelPoint> {
        if !bar.is_finite() {
            return None;
        }
        let middle = self.ema.peek(bar.close)?;
        let atr = self.atr.peek(bar)?;
        Some(self.point(middle, atr))
    }

    fn reset(&mut self) {
        self.ema.reset();
        self.atr.reset();
    }

    fn lookback(&self) -> usize {
        self.ema.lookback().max(self.atr.lookback())
    }
}

// ---------------------------------------------------------------------------------------------
// Donchian
// ---------------------------------------------------------------------------------------------

/// Which bars a Donchian channel spans.
///
/// # Example
/// ```
/// use chartist::indicators::{Donchian, DonchianWindow};
/// assert_eq!(DonchianWindow::default(), DonchianWindow::IncludingCurrent);
/// assert_eq!(Donchian::prior(20)?.window(), DonchianWindow::Prior);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DonchianWindow {
    /// The last `n` bars including the current one (ChartSchool's chart overlay).
    #[default]
    IncludingCurrent,
    /// The `n` bars before the current one, never the current bar (breakout rules;
    /// Stock.Indicators' convention).
    Prior,
}

/// Donchian channel over the last `n` bars including the current bar.
///
/// `upper` is the highest high, `lower` the lowest low of bars `i - n + 1 ..= i`, `middle`
/// their average.
///
/// Warm-up: `n - 1` bars; a period longer than the data gives all NaN (not an error). A
/// non-finite high or low gives NaN at that bar and the channel recovers once `n` finite bars
/// follow it (the close is not used).
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n` is 0;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` is not as long as `high`.
///
/// # Example
/// ```
/// use chartist::indicators::donchian;
/// let d = donchian(&[10.0, 12.0, 11.0], &[9.0, 10.0, 8.0], 2)?;
/// assert!(d.upper[0].is_nan());
/// assert_eq!((d.upper[2], d.middle[2], d.lower[2]), (12.0, 10.0, 8.0));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn donchian(high: &[f64], low: &[f64], n: usize) -> Result<ChannelOutput> {
    donchian_with(high, low, n, DonchianWindow::IncludingCurrent)
}

/// Donchian channel over the `n` bars before the current one (never the current bar).
///
/// `upper[i]` is the highest high of bars `i - n ..= i - 1`: a close above it is a breakout
/// above the prior `n`-bar high. Warm-up: `n` bars, so `n >= len` gives all NaN (not an error).
/// NaN handling as [`donchian`].
///
/// # Errors
/// As [`donchian`].
///
/// # Example
/// ```
/// use chartist::indicators::donchian_prior;
/// let high = [10.0, 12.0, 13.0];
/// let d = donchian_prior(&high, &[9.0, 10.0, 12.0], 2)?;
/// assert!(d.upper[1].is_nan());
/// assert_eq!(d.upper[2], 12.0); // bars 0 and 1 only
/// assert!(high[2] > d.upper[2]); // so bar 2 broke out
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn donchian_prior(high: &[f64], low: &[f64], n: usize) -> Result<ChannelOutput> {
    donchian_with(high, low, n, DonchianWindow::Prior)
}

/// Donchian channel with an explicit window; see [`donchian`] and [`donchian_prior`].
///
/// # Errors
/// As [`donchian`].
///
/// # Example
/// ```
/// use chartist::indicators::{donchian_with, DonchianWindow};
/// let d = donchian_with(&[10.0, 12.0, 13.0], &[9.0, 10.0, 12.0], 2, DonchianWindow::Prior)?;
/// assert_eq!(d.lower[2], 9.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn donchian_with(
    high: &[f64],
    low: &[f64],
    n: usize,
    window: DonchianWindow,
) -> Result<ChannelOutput> {
    crate::error::check_len("low", high.len(), low.len())?;
    let len = high.len();
    if crate::error::window_exceeds(len, &[n]) {
        let nan = vec![f64::NAN; len];
        return Ok(ChannelOutput {
            upper: nan.clone(),
            middle: nan.clone(),
            lower: nan,
        });
    }
    check_window("n", n)?;
    let mut out = ChannelOutput {
        upper: vec![f64::NAN; len],
        middle: vec![f64::NAN; len],
        lower: vec![f64::NAN; len],
    };
    let shift = match window {
        DonchianWindow::IncludingCurrent => 0,
        DonchianWindow::Prior => 1,
    };
    // Per run of finite bars: the crate's rolling highest/lowest (the same deques as the
    // streaming `Highest`/`Lowest`), shifted one bar for the prior window.
    let (middle, lower) = (&mut out.middle, &mut out.lower);
    let mut kernel = |s: usize, e: usize, upper: &mut [f64]| {
        let (Ok(top), Ok(bottom)) = (highest(&high[s..e], n), lowest(&low[s..e], n)) else {
            return;
        };
        let (middle, lower) = (&mut middle[s..e], &mut lower[s..e]);
        let outs = upper
            .iter_mut()
            .zip(middle.iter_mut())
            .zip(lower.iter_mut());
        for (((u, m), l), (&hi, &lo)) in outs.skip(shift).zip(top.iter().zip(&bottom)) {
            let point = channel(hi, lo);
            (*u, *m, *l) = (point.upper, point.middle, point.lower);
        }
    };
    if all_finite(&[high, low]) {
        kernel(0, len, &mut out.upper);
    } else {
        let finite = |i: usize| high[i].is_finite() && low[i].is_finite();
        for_each_finite_run(len, finite, &mut out.upper, kernel);
    }
    Ok(out)
}

/// Streaming Donchian channel; see [`donchian`] and [`donchian_prior`].
///
/// The input is an [`Hlc`] bar whose close is ignored (it may be NaN).
///
/// # Example
/// ```
/// use chartist::indicators::{Donchian, Hlc, Indicator};
/// let mut d = Donchian::prior(2)?;
/// assert_eq!(d.lookback(), 2);
/// d.update(Hlc::new(10.0, 9.0, 9.5));
/// d.update(Hlc::new(12.0, 10.0, 11.0));
/// assert_eq!(d.update(Hlc::new(13.0, 12.0, 12.5)).map(|c| c.upper), Some(12.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Donchian {
    window: DonchianWindow,
    range: RollingRange,
    n: usize,
}

fn channel(upper: f64, lower: f64) -> ChannelPoint {
    ChannelPoint {
        upper,
        middle: (upper + lower) / 2.0,
        lower,
    }
}

impl Donchian {
    /// A Donchian channel over the last `n` bars including the current one.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n` is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Donchian, Hlc, Indicator};
    /// let mut d = Donchian::new(2)?;
    /// d.update(Hlc::new(12.0, 10.0, 11.0));
    /// assert_eq!(d.update(Hlc::new(11.0, 9.0, 10.0)).map(|c| c.upper), Some(12.0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn new(n: usize) -> Result<Self> {
        Self::with_window(n, DonchianWindow::IncludingCurrent)
    }

    /// A Donchian channel over the `n` bars before the current one.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n` is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Donchian, Indicator};
    /// let d = Donchian::prior(20)?;
    /// assert_eq!(d.lookback(), 20); // the 20 bars before the current one
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn prior(n: usize) -> Result<Self> {
        Self::with_window(n, DonchianWindow::Prior)
    }

    /// A Donchian channel over `n` bars with an explicit window.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n` is 0.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Donchian, DonchianWindow};
    /// let d = Donchian::with_window(10, DonchianWindow::Prior)?;
    /// assert_eq!(d, Donchian::prior(10)?);
    /// assert!(Donchian::with_window(0, DonchianWindow::Prior).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn with_window(n: usize, window: DonchianWindow) -> Result<Self> {
        check_window("n", n)?;
        Ok(Donchian {
            window,
            range: RollingRange::new(n)?,
            n,
        })
    }

    /// The window convention.
    ///
    /// # Example
    /// ```
    /// use chartist::indicators::{Donchian, DonchianWindow};
    /// assert_eq!(Donchian::new(20)?.window(), DonchianWindow::IncludingCurrent);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn window(&self) -> DonchianWindow {
        self.window
    }
}

impl Indicator for Donchian {
    type Input = Hlc;
    type Output = ChannelPoint;

    fn update(&mut self, bar: Hlc) -> Option<ChannelPoint> {
        if !(bar.high.is_finite() && bar.low.is_finite()) {
            self.reset();
            return None;
        }
        match self.window {
            DonchianWindow::IncludingCurrent => self
                .range
                .push(bar.high, bar.low)
                .map(|(hi, lo)| channel(hi, lo)),
            DonchianWindow::Prior => {
                let out = self.range.current().map(|(hi, lo)| channel(hi, lo));
                self.range.push(bar.high, bar.low);
                out
            }
        }
    }

    fn peek(&self, bar: Hlc) -> Option<ChannelPoint> {
        if !(bar.high.is_finite() && bar.low.is_finite()) {
            return None;
        }
        match self.window {
            DonchianWindow::IncludingCurrent => self
                .range
                .peek(bar.high, bar.low)
                .map(|(hi, lo)| channel(hi, lo)),
            DonchianWindow::Prior => self.range.current().map(|(hi, lo)| channel(hi, lo)),
        }
    }

    fn reset(&mut self) {
        self.range.reset();
    }

    fn lookback(&self) -> usize {
        match self.window {
            DonchianWindow::IncludingCurrent => self.n - 1,
            DonchianWindow::Prior => self.n,
        }
    }
}
