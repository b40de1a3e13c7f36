//! Volatility compression: Bollinger bandwidth lows, the TTM-style squeeze, NR4/NR7 and inside
//! bars, and Darvas boxes. Quiet markets precede big moves (Bollinger's "squeeze", Crabel's
//! narrow-range days), so these flag where a breakout is likely to start.

use super::detector::Direction;
use crate::error::{check_len, check_period, Error, Result};
use crate::indicators::{bollinger, keltner, lowest};

/// Bars where Bollinger bandwidth is at or below the `percentile` of its own previous
/// `lookback` values: Bollinger's squeeze (*Bollinger on Bollinger Bands*, ch. 15, uses the
/// lowest bandwidth of six months, i.e. `lookback = 125` daily bars and `percentile = 0`).
///
/// Bandwidth is [`bollinger`](crate::indicators::bollinger)'s `(upper - lower) / middle`.
/// `percentile` is in `[0, 100]`: 0 asks for an `lookback`-bar low (bandwidth not above the
/// minimum of the previous `lookback` bandwidths), 10 for the lowest tenth. Warm-up:
/// `n - 1 + lookback` bars (false before). A bar with NaN bandwidth, or with any NaN among
/// the previous `lookback` bandwidths, is false (so a non-finite close keeps the next
/// `n - 1 + lookback` bars false). A flat stretch has a bandwidth of exactly 0, the lowest
/// possible, so once the window has been flat it is true on every bar (a quiet market is a
/// squeeze); a window whose mean is 0 has NaN bandwidth and is false.
///
/// ```
/// use chartist::breakout::bandwidth_squeeze;
/// // Swings that widen for 40 bars, then a quiet stretch.
/// let x: Vec<f64> = (0..60).map(|i| {
///     let amplitude = if i < 40 { 1.0 + 0.1 * i as f64 } else { 0.5 };
///     100.0 + amplitude * [1.0, -1.0][i % 2]
/// }).collect();
/// let sq = bandwidth_squeeze(&x, 10, 2.0, 20, 0.0)?;
/// assert!(!sq[39] && sq[49]);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n` or `lookback` is 0,
/// `k` is negative or not finite, or `percentile` is outside `[0, 100]`.
pub fn bandwidth_squeeze(
    close: &[f64],
    n: usize,
    k: f64,
    lookback: usize,
    percentile: f64,
) -> Result<Vec<bool>> {
    if lookback == 0 {
        return Err(Error::param("lookback", lookback, "must be at least 1"));
    }
    if !(0.0..=100.0).contains(&percentile) {
        return Err(Error::param(
            "percentile",
            percentile,
            "must be between 0 and 100",
        ));
    }
    let bw = bollinger(close, n, k)?.bandwidth;
    let mut out = vec![false; close.len()];
    let mut window: Vec<f64> = Vec::with_capacity(lookback.min(close.len()));
    for i in lookback..bw.len() {
        let prior = &bw[i - lookback..i];
        if !bw[i].is_finite() || prior.iter().any(|v| !v.is_finite()) {
            continue;
        }
        window.clear();
        window.extend_from_slice(prior);
        let rank = ((percentile / 100.0) * (lookback - 1) as f64).round() as usize;
        let (_, &mut threshold, _) = window.select_nth_unstable_by(rank, f64::total_cmp);
        out[i] = bw[i] <= threshold;
    }
    Ok(out)
}

/// One squeeze: Bollinger bands inside Keltner channels from `on` until `off`.
///
/// ```
/// use chartist::breakout::Squeeze;
/// let sq = Squeeze { on: 30, off: Some(62) };
/// assert_eq!(sq.off.map(|off| off - sq.on), Some(32)); // bars the squeeze lasted
/// assert_eq!(Squeeze { on: 70, off: None }.off, None); // still on
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Squeeze {
    /// First bar with both Bollinger bands inside the Keltner channel.
    pub on: usize,
    /// First bar after `on` where they are no longer inside (the squeeze "fires"); `None` while
    /// still on at the last bar.
    pub off: Option<usize>,
}

/// Parameters of [`ttm_squeeze`].
///
/// ```
/// use chartist::breakout::SqueezeConfig;
/// let cfg = SqueezeConfig { keltner_k: 2.0, ..SqueezeConfig::default() };
/// assert_eq!((cfg.period, cfg.bollinger_k, cfg.keltner_k, cfg.atr_period), (20, 2.0, 2.0, 20));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SqueezeConfig {
    /// Bollinger and Keltner period (20, Carter's *Mastering the Trade*).
    pub period: usize,
    /// Bollinger standard deviations (2.0).
    pub bollinger_k: f64,
    /// Keltner ATR multiple (1.5, Carter).
    pub keltner_k: f64,
    /// Keltner ATR period (20).
    pub atr_period: usize,
}

impl Default for SqueezeConfig {
    fn default() -> Self {
        SqueezeConfig {
            period: 20,
            bollinger_k: 2.0,
            keltner_k: 1.5,
            atr_period: 20,
        }
    }
}

/// The TTM-style squeeze (John Carter): Bollinger bands (`period`, `bollinger_k`) entirely
/// inside Keltner channels (`period`, `keltner_k` ATRs), reported as on/off periods.
///
/// Uses [`bollinger`](crate::indicators::bollinger) and
/// [`keltner`](crate::indicators::keltner) (EMA middle line, Wilder ATR; Carter's original
/// uses an SMA middle, so values differ slightly from some charting packages). "Inside" is
/// strict: `upper_bb < upper_kc` and `lower_bb > lower_kc`, so bands of zero width (a flat
/// series, where both collapse onto the price) are not a squeeze. Warm-up: the longer of the
/// two; bars during warm-up or with non-finite input are "off" (a non-finite bar ends a
/// squeeze that was on). Close-only data: pass the closes as high and low (the ATR is then the
/// close-to-close range). `on` and `off` are bar indices;
/// [`PriceSeries::date_at`](crate::series::PriceSeries::date_at) dates them.
///
/// ```
/// use chartist::breakout::{ttm_squeeze, SqueezeConfig};
/// // A trend, a quiet flat stretch from bar 30 to 59, then a trend again.
/// let c: Vec<f64> = (0..80).map(|i| match i {
///     0..=29 => 100.0 + 3.0 * i as f64,
///     30..=59 => 190.0 + 0.1 * (i % 2) as f64,
///     _ => 190.0 + 3.0 * (i - 59) as f64,
/// }).collect();
/// let h: Vec<f64> = c.iter().map(|x| x + 1.0).collect();
/// let l: Vec<f64> = c.iter().map(|x| x - 1.0).collect();
/// let sq = ttm_squeeze(&h, &l, &c, &SqueezeConfig::default())?;
/// assert_eq!(sq.len(), 1);
/// assert!(sq[0].on > 30 && sq[0].off.unwrap() > 60);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a zero period or a negative
/// multiplier; [`Error::LengthMismatch`](crate::Error::LengthMismatch) for slices of different
/// lengths.
pub fn ttm_squeeze(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    config: &SqueezeConfig,
) -> Result<Vec<Squeeze>> {
    check_len("low", high.len(), low.len())?;
    check_len("close", high.len(), close.len())?;
    let bb = bollinger(close, config.period, config.bollinger_k)?;
    let kc = keltner(
        high,
        low,
        close,
        config.period,
        config.atr_period,
        config.keltner_k,
    )?;
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    for i in 0..close.len() {
        let inside = bb.upper[i] < kc.upper[i] && bb.lower[i] > kc.lower[i];
        match (current, inside) {
            (None, true) => current = Some(i),
            (Some(on), false) => {
                out.push(Squeeze { on, off: Some(i) });
                current = None;
            }
            _ => {}
        }
    }
    if let Some(on) = current {
        out.push(Squeeze { on, off: None });
    }
    Ok(out)
}

/// Narrow-range bars (Toby Crabel's NR4 / NR7): bar `i`'s range `high - low` is the smallest of
/// the last `n` bars, itself included (ties count). `n = 4` gives NR4, `n = 7` NR7.
///
/// Uses [`lowest`](crate::indicators::lowest) over the bar ranges. Warm-up: `n - 1` bars
/// (false). Non-finite values are false and restart the window.
///
/// ```
/// use chartist::breakout::narrow_range;
/// let h = [12.0, 12.0, 12.0, 10.5];
/// let l = [8.0, 9.0, 9.5, 10.0];
/// assert_eq!(narrow_range(&h, &l, 4)?, vec![false, false, false, true]);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` is not as long as `high`.
pub fn narrow_range(high: &[f64], low: &[f64], n: usize) -> Result<Vec<bool>> {
    check_len("low", high.len(), low.len())?;
    let ranges: Vec<f64> = high.iter().zip(low).map(|(h, l)| h - l).collect();
    let min = lowest(&ranges, n)?;
    Ok(ranges.iter().zip(&min).map(|(r, m)| r <= m).collect())
}

/// Inside bars: `high[i] <= high[i-1]` and `low[i] >= low[i-1]` (the bar's range lies within
/// the previous one). The first bar, and a bar whose own or previous high or low is not finite
/// (NaN or infinite), are false.
///
/// ```
/// use chartist::breakout::inside_bars;
/// assert_eq!(inside_bars(&[10.0, 9.5, 11.0], &[8.0, 8.5, 9.0])?, vec![false, true, false]);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` is not as long as `high`.
pub fn inside_bars(high: &[f64], low: &[f64]) -> Result<Vec<bool>> {
    check_len("low", high.len(), low.len())?;
    let mut out = vec![false; high.len()];
    for i in 1..high.len() {
        let finite = high[i].is_finite()
            && low[i].is_finite()
            && high[i - 1].is_finite()
            && low[i - 1].is_finite();
        // Without the finiteness test two infinite highs in a row compare equal (`inf <= inf`).
        out[i] = finite && high[i] <= high[i - 1] && low[i] >= low[i - 1];
    }
    Ok(out)
}

/// A Darvas box.
///
/// ```
/// use chartist::breakout::darvas_boxes;
/// let h = [10.0, 12.0, 11.0, 11.5, 11.2, 11.0, 10.9, 11.1, 11.3, 12.5];
/// let l = [9.0, 10.0, 10.2, 10.6, 10.4, 10.5, 10.5, 10.6, 10.7, 11.8];
/// let b = darvas_boxes(&h, &l, 3)?[0];
/// assert_eq!((b.top_index, b.bottom_index), (1, 2));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DarvasBox {
    /// Bar of the high that became the top.
    pub top_index: usize,
    /// The top.
    pub top: f64,
    /// Bar of the low that became the bottom.
    pub bottom_index: usize,
    /// The bottom.
    pub bottom: f64,
    /// Bar at which the box was complete (bottom confirmed).
    pub complete_at: usize,
    /// The first bar after completion that broke out, and which way; `None` while intact.
    pub broken: Option<(usize, Direction)>,
}

/// Darvas boxes (Nicolas Darvas, *How I Made $2,000,000 in the Stock Market*): a high not
/// exceeded for `confirm` following bars is the top; the lowest low since the top, not
/// undercut for `confirm` following bars (and with no new high meanwhile), is the bottom. The box is
/// then complete; it breaks up on a high above the top or down on a low below the bottom,
/// and a new box starts from that bar. Darvas used `confirm = 3`.
///
/// Causal: a box is known at `complete_at`, a break at its bar. Non-finite bars are skipped.
///
/// ```
/// use chartist::breakout::{darvas_boxes, Direction};
/// let h = [10.0, 12.0, 11.0, 11.5, 11.2, 11.0, 10.9, 11.1, 11.3, 12.5];
/// let l = [9.0, 10.0, 10.2, 10.6, 10.4, 10.5, 10.5, 10.6, 10.7, 11.8];
/// let b = darvas_boxes(&h, &l, 3)?;
/// assert_eq!((b[0].top, b[0].bottom, b[0].complete_at), (12.0, 10.2, 5));
/// assert_eq!(b[0].broken, Some((9, Direction::Up)));
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `confirm == 0`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` is not as long as `high`.
pub fn darvas_boxes(high: &[f64], low: &[f64], confirm: usize) -> Result<Vec<DarvasBox>> {
    check_len("low", high.len(), low.len())?;
    check_period("confirm", confirm)?;
    let mut out: Vec<DarvasBox> = Vec::new();
    // Top candidate (index, value, bars since), bottom candidate likewise.
    let mut top: Option<(usize, f64, usize)> = None;
    let mut bottom: Option<(usize, f64, usize)> = None;
    let mut open: Option<usize> = None; // index in `out` of the complete, unbroken box
    for (i, (&h, &l)) in high.iter().zip(low).enumerate() {
        if !(h.is_finite() && l.is_finite()) {
            continue;
        }
        if let Some(k) = open {
            let b = &mut out[k];
            let dir = if h > b.top {
                Some(Direction::Up)
            } else if l < b.bottom {
                Some(Direction::Down)
            } else {
                None
            };
            if let Some(dir) = dir {
                b.broken = Some((i, dir));
                open = None;
                top = Some((i, h, 0));
                bottom = None;
            }
            continue;
        }
        match top {
            Some((_, t, _)) if h <= t => {}
            _ => {
                // A new high restarts the box.
                top = Some((i, h, 0));
                bottom = None;
                continue;
            }
        }
        if let Some((ti, t, seen)) = top {
            top = Some((ti, t, seen + 1));
        }
        bottom = match bottom {
            Some((bi, b, seen)) if l >= b => Some((bi, b, seen + 1)),
            _ => Some((i, l, 0)),
        };
        if let (Some((ti, t, ts)), Some((bi, b, bs))) = (top, bottom)
            && ts >= confirm
            && bs >= confirm
        {
            out.push(DarvasBox {
                top_index: ti,
                top: t,
                bottom_index: bi,
                bottom: b,
                complete_at: i,
                broken: None,
            });
            open = Some(out.len() - 1);
        }
    }
    Ok(out)
}
