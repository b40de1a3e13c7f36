//! Channel breakouts and extremes: Donchian breakouts against the prior `n` bars, and new
//! N-bar (52-week) or all-time highs and lows with their dates.

use super::detector::Direction;
use crate::error::{check_len, check_period, Result};
use crate::indicators::donchian_prior;

/// A close beyond the Donchian channel of the `n` bars before it.
///
/// ```
/// use chartist::breakout::{donchian_breakouts, ChannelBreak, Direction};
/// let c = [10.0, 11.0, 10.5, 12.0];
/// let b = donchian_breakouts(&c, &c, &c, 3)?;
/// assert_eq!(b, [ChannelBreak { index: 3, direction: Direction::Up, level: 11.0, close: 12.0 }]);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ChannelBreak {
    /// Index of the bar whose close broke the channel.
    pub index: usize,
    /// [`Direction::Up`] above the prior `n`-bar high, [`Direction::Down`] below the low.
    pub direction: Direction,
    /// The channel line that was broken.
    pub level: f64,
    /// The close.
    pub close: f64,
}

/// Donchian (turtle) breakouts: bar `i` closes above the highest high (or below the lowest
/// low) of bars `i - n ..= i - 1`, never including bar `i` itself.
///
/// The channel is [`donchian_prior`](crate::indicators::donchian_prior) (ChartSchool "Price
/// Channels"; Donchian's 4-week rule is `n = 20`, the Turtles' entries `n = 20` and `55`).
/// Warm-up: `n` bars. A bar with a non-finite high, low or close is a missing bar (the
/// crate's NaN policy for multi-input functions): it gives no break, and the channel restarts
/// its warm-up after it. For close-only data pass the closes as high and low. Each break
/// carries its bar's index; with a [`PriceSeries`](crate::series::PriceSeries) its date is
/// [`series.date_at(index)`](crate::series::PriceSeries::date_at) (second example).
///
/// ```
/// use chartist::breakout::donchian_breakouts;
/// use chartist::breakout::Direction;
/// let c = [10.0, 11.0, 10.5, 12.0, 9.0];
/// let b = donchian_breakouts(&c, &c, &c, 3)?;
/// assert_eq!((b[0].index, b[0].direction, b[0].level), (3, Direction::Up, 11.0));
/// assert_eq!((b[1].index, b[1].direction, b[1].level), (4, Direction::Down, 10.5));
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// Dating the breaks of a series (a 20-day channel):
///
/// ```
/// use chartist::breakout::donchian_breakouts;
/// let s = chartist::sample::story(42).small_caps;
/// let breaks = donchian_breakouts(s.high(), s.low(), s.close(), 20)?;
/// let last = breaks.last().expect("some breaks in ten years");
/// let date = s.date_at(last.index).expect("a bar of the series"); // the break's date
/// assert_eq!(s.close_on(date), Some(last.close));
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `n == 0`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when the slices differ in length.
pub fn donchian_breakouts(
    high: &[f64],
    low: &[f64],
    close: &[f64],
    n: usize,
) -> Result<Vec<ChannelBreak>> {
    check_len("low", high.len(), low.len())?;
    check_len("close", high.len(), close.len())?;
    // A non-finite close makes its bar missing for the channel too: the high is masked with
    // NaN there, so the channel gives NaN at that bar (no break, `c > NaN` is false) and
    // restarts after it, as for a non-finite high or low.
    let masked: Vec<f64>;
    let high = if close.iter().all(|c| c.is_finite()) {
        high
    } else {
        masked = high
            .iter()
            .zip(close)
            .map(|(&h, c)| if c.is_finite() { h } else { f64::NAN })
            .collect();
        &masked
    };
    let ch = donchian_prior(high, low, n)?;
    let mut out = Vec::new();
    for (i, ((&c, &u), &l)) in close.iter().zip(&ch.upper).zip(&ch.lower).enumerate() {
        if c > u {
            out.push(ChannelBreak {
                index: i,
                direction: Direction::Up,
                level: u,
                close: c,
            });
        } else if c < l {
            out.push(ChannelBreak {
                index: i,
                direction: Direction::Down,
                level: l,
                close: c,
            });
        }
    }
    Ok(out)
}

/// Which history a new extreme is measured against.
///
/// ```
/// use chartist::breakout::{new_extremes, Lookback};
/// let h = [10.0, 12.0, 11.0, 11.5, 11.8];
/// // 11.8 is a new 2-bar high (above 11.0 and 11.5) but not an all-time high (12.0).
/// assert!(new_extremes(&h, &h, Lookback::Bars(2))?.iter().any(|x| x.index == 4));
/// assert!(new_extremes(&h, &h, Lookback::AllTime)?.iter().all(|x| x.index != 4));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Lookback {
    /// The `n` bars before the current one (252 daily bars = 52 weeks).
    Bars(usize),
    /// Every bar before the current one.
    AllTime,
}

impl Lookback {
    /// 52 weeks of daily bars (252 trading days).
    ///
    /// ```
    /// use chartist::breakout::Lookback;
    /// assert_eq!(Lookback::WEEKS_52, Lookback::Bars(252));
    /// ```
    pub const WEEKS_52: Lookback = Lookback::Bars(252);
}

/// A bar that made a new high or low relative to a [`Lookback`].
///
/// ```
/// use chartist::breakout::{new_extremes, Direction, Lookback};
/// let low = [10.0, 9.0, 9.5, 8.5];
/// let x = new_extremes(&low, &low, Lookback::AllTime)?;
/// let last = x.last().expect("a new low");
/// assert_eq!((last.index, last.direction, last.value, last.previous_index), (3, Direction::Down, 8.5, 1));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewExtreme {
    /// Index of the bar that made it.
    pub index: usize,
    /// [`Direction::Up`] for a new high, [`Direction::Down`] for a new low.
    pub direction: Direction,
    /// The new extreme (the bar's high or low).
    pub value: f64,
    /// The extreme it exceeded.
    pub previous: f64,
    /// Index of the bar that held the previous extreme (for [`Lookback::AllTime`]; for
    /// [`Lookback::Bars`] the most recent bar at that level inside the window).
    pub previous_index: usize,
}

/// New highs and lows: bars whose high exceeds every high of the lookback (or whose low is
/// below every low), with the previous extreme and its bar.
///
/// 52-week highs use `Lookback::WEEKS_52` on daily bars (ChartSchool "New Highs-New Lows"
/// counts these). The first bar of the data, or of a lookback window still filling, makes no
/// new extreme: a `Bars(n)` lookback needs `n` prior bars. Non-finite values never make or
/// hold an extreme. With [`Lookback::AllTime`] they are skipped one by one (a bar with a NaN
/// high can still make a new low). With [`Lookback::Bars`] the window is
/// [`donchian_prior`](crate::indicators::donchian_prior)'s, so a bar with a non-finite high or
/// low is a missing bar: it makes no extreme, and the `n`-bar window restarts after it (the
/// crate's NaN policy for windows). O(n) for `AllTime`, O(n * window) worst case for `Bars`
/// (a backwards scan only on bars that make a new extreme). Each extreme carries bar
/// indices; [`PriceSeries::date_at`](crate::series::PriceSeries::date_at) dates them.
///
/// ```
/// use chartist::breakout::{new_extremes, Direction, Lookback};
/// let h = [10.0, 12.0, 11.0, 13.0];
/// let x = new_extremes(&h, &h, Lookback::AllTime)?;
/// assert_eq!(x.len(), 2);
/// assert_eq!((x[1].index, x[1].direction, x[1].previous, x[1].previous_index), (3, Direction::Up, 12.0, 1));
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for `Bars(0)`;
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) when `low` is not as long as `high`.
pub fn new_extremes(high: &[f64], low: &[f64], lookback: Lookback) -> Result<Vec<NewExtreme>> {
    check_len("low", high.len(), low.len())?;
    let mut out = Vec::new();
    match lookback {
        Lookback::AllTime => {
            let mut hi: Option<(f64, usize)> = None;
            let mut lo: Option<(f64, usize)> = None;
            for (i, (&h, &l)) in high.iter().zip(low).enumerate() {
                if h.is_finite() {
                    match hi {
                        Some((v, at)) if h > v => {
                            out.push(extreme(i, Direction::Up, h, v, at));
                            hi = Some((h, i));
                        }
                        None => hi = Some((h, i)),
                        _ => {}
                    }
                }
                if l.is_finite() {
                    match lo {
                        Some((v, at)) if l < v => {
                            out.push(extreme(i, Direction::Down, l, v, at));
                            lo = Some((l, i));
                        }
                        None => lo = Some((l, i)),
                        _ => {}
                    }
                }
            }
        }
        Lookback::Bars(n) => {
            check_period("lookback", n)?;
            let ch = donchian_prior(high, low, n)?;
            for i in 0..high.len() {
                let (h, l) = (high[i], low[i]);
                if h > ch.upper[i] {
                    let at = (i - n..i)
                        .rev()
                        .find(|&j| high[j] == ch.upper[i])
                        .unwrap_or(i - n);
                    out.push(extreme(i, Direction::Up, h, ch.upper[i], at));
                }
                if l < ch.lower[i] {
                    let at = (i - n..i)
                        .rev()
                        .find(|&j| low[j] == ch.lower[i])
                        .unwrap_or(i - n);
                    out.push(extreme(i, Direction::Down, l, ch.lower[i], at));
                }
            }
        }
    }
    Ok(out)
}

fn extreme(index: usize, direction: Direction, value: f64, previous: f64, at: usize) -> NewExtreme {
    NewExtreme {
        index,
        direction,
        value,
        previous,
        previous_index: at,
    }
}
