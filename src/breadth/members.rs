//! Breadth measures that look at each member's own history: percent above a moving average,
//! new highs and lows, participation, up-volume share.

use chrono::NaiveDateTime;

use crate::error::{check_period, Result};
use crate::series::Panel;

use super::kernel::{count, widen, Counts, Wanted};

/// A per-date share of members meeting a condition, with the counts behind it.
///
/// `share[t] = count[t] / counted[t]` (NaN when `counted[t] == 0`);
/// `counted[t] + excluded[t]` is the number of members.
///
/// ```
/// use chartist::breadth::percent_above_ma;
/// use chartist::series::{midnight, Panel};
/// use chrono::NaiveDate;
/// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
/// let p = Panel::from_closes(vec!["UP".into(), "DOWN".into()], t, ndarray::array![[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])?;
/// let s = percent_above_ma(&p, 2)?;
/// assert_eq!(s.excluded, vec![2, 0, 0]); // a 2-day SMA needs 2 closes
/// assert_eq!((s.count[2], s.counted[2], s.share[2]), (1, 2, 0.5));
/// assert!(s.share[0].is_nan()); // nobody counted yet
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MemberShare {
    /// The panel's dates.
    pub times: Vec<NaiveDateTime>,
    /// The share of counted members meeting the condition, in `[0, 1]`.
    pub share: Vec<f64>,
    /// How many counted members meet the condition.
    pub count: Vec<usize>,
    /// How many members had the data to be judged.
    pub counted: Vec<usize>,
    /// How many members were excluded (missing data or too little history).
    pub excluded: Vec<usize>,
}

impl MemberShare {
    pub(super) fn from_counts(panel: &Panel, count: &[u32], counted: &[u32]) -> Self {
        let n = panel.n_symbols();
        MemberShare {
            times: panel.times().to_vec(),
            share: count
                .iter()
                .zip(counted)
                .map(|(&c, &k)| {
                    if k == 0 {
                        f64::NAN
                    } else {
                        c as f64 / k as f64
                    }
                })
                .collect(),
            excluded: counted.iter().map(|&k| n - k as usize).collect(),
            count: widen(count),
            counted: widen(counted),
        }
    }
}

/// The share of members closing above their own `period`-day simple moving average.
///
/// Definition: on date `t` a member counts when its close and its SMA (crate
/// [`sma`](crate::indicators::sma), TA-Lib `SMA`) are both defined; it is "above" when
/// `close > sma` (strictly). Reference: ChartSchool "Percent Above Moving Average"
/// (`$SPXA50R` and friends).
///
/// Warm-up: a member is excluded until it has `period` consecutive closes; a NaN close
/// restarts its warm-up (crate NaN policy of the SMA).
///
/// ```
/// use chartist::breadth::percent_above_ma;
/// use chartist::series::Panel;
/// use chrono::NaiveDate;
/// use ndarray::array;
///
/// let t: Vec<_> = (1..=3)
///     .map(|d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(0, 0, 0).unwrap())
///     .collect();
/// let closes = array![[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]];
/// let p = Panel::from_closes(vec!["UP".into(), "DOWN".into()], t, closes)?;
/// let s = percent_above_ma(&p, 2)?;
/// assert_eq!(s.counted, vec![0, 2, 2]);
/// assert_eq!(s.count, vec![0, 1, 1]); // UP is above its SMA, DOWN below
/// assert_eq!(s.share[2], 0.5);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period == 0`.
pub fn percent_above_ma(panel: &Panel, period: usize) -> Result<MemberShare> {
    check_period("period", period)?;
    let wanted = Wanted {
        above_ma: Some(period),
        ..Wanted::default()
    };
    let c = count(panel, &wanted)?;
    Ok(MemberShare::from_counts(panel, &c.above, &c.above_counted))
}

/// The share of members with a positive return over the last `window` bars.
///
/// Definition: on date `t` a member counts when its closes at `t - window` and `t` are both
/// defined; it participates when `close[t] > close[t - window]`.
///
/// Warm-up: every member is excluded for the first `window` dates.
///
/// ```
/// use chartist::breadth::participation;
/// use chartist::series::Panel;
/// use chrono::NaiveDate;
/// use ndarray::array;
///
/// let t: Vec<_> = (1..=3)
///     .map(|d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(0, 0, 0).unwrap())
///     .collect();
/// let closes = array![[1.0, 2.0, 3.0], [3.0, 2.0, 1.0], [1.0, f64::NAN, 2.0]];
/// let p = Panel::from_closes(vec!["A".into(), "B".into(), "C".into()], t, closes)?;
/// let s = participation(&p, 2)?;
/// assert_eq!((s.count[2], s.counted[2]), (2, 3)); // A and C rose over 2 bars, B fell
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `window == 0`.
pub fn participation(panel: &Panel, window: usize) -> Result<MemberShare> {
    check_period("window", window)?;
    let wanted = Wanted {
        participation: Some(window),
        ..Wanted::default()
    };
    let c = count(panel, &wanted)?;
    Ok(MemberShare::from_counts(
        panel,
        &c.participating,
        &c.participation_counted,
    ))
}

/// Which prices decide a new high or low in [`new_highs_lows`].
///
/// ```
/// use chartist::breadth::{new_highs_lows, HighLowBasis};
/// use chartist::series::{Bar, Panel, PanelJoin, PriceSeries};
/// use chrono::NaiveDate;
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let a = PriceSeries::from_bars("A", vec![Bar::daily(d(5), 10.0, 12.0, 9.0, 10.0, 0.0), Bar::daily(d(6), 10.0, 11.5, 10.0, 11.0, 0.0)])?;
/// let p = Panel::from_series(&[a], PanelJoin::Outer)?;
/// assert_eq!(new_highs_lows(&p, 1, HighLowBasis::Close)?.new_highs[1], 1); // close 11 > 10
/// assert_eq!(new_highs_lows(&p, 1, HighLowBasis::HighLow)?.new_highs[1], 0); // high 11.5 < 12
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum HighLowBasis {
    /// Closes: a new high is a close above the highest of the previous `n` closes (default;
    /// works for close-only panels).
    #[default]
    Close,
    /// Bar extremes: a new high is a high above the previous `n` highs, a new low a low below
    /// the previous `n` lows (ChartSchool's convention for exchange new-high lists).
    HighLow,
}

/// Members making `n`-day new highs and new lows, per date.
///
/// ```
/// use chartist::breadth::{new_highs_lows, HighLowBasis};
/// use chartist::series::{midnight, Panel};
/// use chrono::NaiveDate;
/// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
/// let p = Panel::from_closes(vec!["A".into(), "B".into()], t, ndarray::array![[1.0, 2.0, 3.0], [3.0, 2.0, 2.5]])?;
/// let h = new_highs_lows(&p, 1, HighLowBasis::Close)?;
/// assert_eq!((h.new_highs, h.new_lows), (vec![0, 1, 2], vec![0, 1, 0]));
/// assert_eq!(h.net[2], 2.0);
/// assert_eq!(h.excluded, vec![2, 0, 0]); // nothing to beat on the first date
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NewHighsLows {
    /// The panel's dates.
    pub times: Vec<NaiveDateTime>,
    /// Members making a new high.
    pub new_highs: Vec<usize>,
    /// Members making a new low.
    pub new_lows: Vec<usize>,
    /// `new_highs - new_lows` (NaN where no member counts).
    pub net: Vec<f64>,
    /// Members with a full window on the date.
    pub counted: Vec<usize>,
    /// Members excluded (missing value in the window or too little history).
    pub excluded: Vec<usize>,
}

/// New highs minus new lows over a look-back of `period` bars.
///
/// Definition: on date `t` a member counts when its value on `t` and its previous `period`
/// values are all defined; it makes a new high when today's value is strictly above the
/// maximum of the previous `period` values, a new low when strictly below their minimum
/// (ChartSchool "Net New 52-Week Highs", with `period = 252`). [`HighLowBasis`] picks closes or
/// highs/lows.
///
/// Warm-up: members are excluded for the first `period` dates and for `period` dates after a
/// missing value. O(symbols × dates): running extremes by the van Herk / Gil-Werman block
/// method, independent of `period`.
///
/// ```
/// use chartist::breadth::{new_highs_lows, HighLowBasis};
/// use chartist::series::Panel;
/// use chrono::NaiveDate;
/// use ndarray::array;
///
/// let t: Vec<_> = (1..=3)
///     .map(|d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(0, 0, 0).unwrap())
///     .collect();
/// let closes = array![[1.0, 2.0, 3.0], [3.0, 2.0, 1.0], [2.0, 1.0, 1.5]];
/// let p = Panel::from_closes(vec!["A".into(), "B".into(), "C".into()], t, closes)?;
/// let h = new_highs_lows(&p, 2, HighLowBasis::Close)?;
/// // Last date: A 3 > max(1, 2) new high; B 1 < min(3, 2) new low; C 1.5 is inside [1, 2].
/// assert_eq!((h.new_highs[2], h.new_lows[2], h.net[2]), (1, 1, 0.0));
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `period == 0`.
pub fn new_highs_lows(panel: &Panel, period: usize, basis: HighLowBasis) -> Result<NewHighsLows> {
    check_period("period", period)?;
    let wanted = Wanted {
        high_low: Some((period, basis)),
        ..Wanted::default()
    };
    Ok(NewHighsLows::from_counts(panel, &count(panel, &wanted)?))
}

impl NewHighsLows {
    pub(super) fn from_counts(panel: &Panel, c: &Counts) -> Self {
        let n = panel.n_symbols();
        NewHighsLows {
            times: panel.times().to_vec(),
            net: c
                .new_highs
                .iter()
                .zip(&c.new_lows)
                .zip(&c.high_low_counted)
                .map(|((&h, &l), &k)| {
                    if k == 0 {
                        f64::NAN
                    } else {
                        h as f64 - l as f64
                    }
                })
                .collect(),
            excluded: c.high_low_counted.iter().map(|&k| n - k as usize).collect(),
            new_highs: widen(&c.new_highs),
            new_lows: widen(&c.new_lows),
            counted: widen(&c.high_low_counted),
        }
    }
}

/// Advancing and declining volume per date.
///
/// ```
/// use chartist::breadth::up_volume_share;
/// use chartist::series::{Bar, Panel, PanelJoin, PriceSeries};
/// use chrono::NaiveDate;
/// let bar = |day, close, volume| Bar::daily(NaiveDate::from_ymd_opt(2026, 1, day).unwrap(), close, close, close, close, volume);
/// let a = PriceSeries::from_bars("A", vec![bar(5, 1.0, 100.0), bar(6, 2.0, 300.0)])?;
/// let b = PriceSeries::from_bars("B", vec![bar(5, 2.0, 100.0), bar(6, 1.0, 100.0)])?;
/// let u = up_volume_share(&Panel::from_series(&[a, b], PanelJoin::Outer)?);
/// assert_eq!((u.up_volume[1], u.down_volume[1], u.counted[1]), (300.0, 100.0, 2));
/// assert!(u.share[0].is_nan()); // no previous close on the first date
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct UpVolume {
    /// The panel's dates.
    pub times: Vec<NaiveDateTime>,
    /// Total volume of members that closed up.
    pub up_volume: Vec<f64>,
    /// Total volume of members that closed down.
    pub down_volume: Vec<f64>,
    /// `up / (up + down)`, NaN when both are zero or no member counts.
    pub share: Vec<f64>,
    /// Members with a close, a previous close and a volume on the date.
    pub counted: Vec<usize>,
    /// Members excluded.
    pub excluded: Vec<usize>,
}

/// The share of advancing volume: `up_volume / (up_volume + down_volume)`.
///
/// Definition: a member counts on date `t` when its close on `t`, its close on the previous
/// date and its volume on `t` are all defined. Its volume goes to `up_volume` when the close
/// rose, to `down_volume` when it fell; unchanged members' volume goes to neither (ChartSchool
/// "Up Volume / Down Volume", whose percentage ignores unchanged volume). Panels built from
/// closes only have zero volume, giving NaN shares.
///
/// Warm-up: the first date has no previous close (all excluded).
///
/// ```
/// use chartist::breadth::up_volume_share;
/// use chartist::series::{Panel, PanelJoin, PriceSeries, Bar};
/// use chrono::NaiveDate;
///
/// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
/// let a = PriceSeries::from_bars("A", vec![Bar::daily(d(5), 1.0, 1.0, 1.0, 1.0, 100.0),
///                                          Bar::daily(d(6), 2.0, 2.0, 2.0, 2.0, 300.0)])?;
/// let b = PriceSeries::from_bars("B", vec![Bar::daily(d(5), 2.0, 2.0, 2.0, 2.0, 100.0),
///                                          Bar::daily(d(6), 1.0, 1.0, 1.0, 1.0, 100.0)])?;
/// let u = up_volume_share(&Panel::from_series(&[a, b], PanelJoin::Outer)?);
/// assert_eq!(u.share[1], 0.75); // 300 / (300 + 100)
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn up_volume_share(panel: &Panel) -> UpVolume {
    let wanted = Wanted {
        up_volume: true,
        ..Wanted::default()
    };
    match count(panel, &wanted) {
        Ok(c) => UpVolume::from_counts(panel, c),
        // Counting volumes has no parameter to reject; keep the signature infallible.
        Err(_) => UpVolume::from_counts(panel, Counts::default()),
    }
}

impl UpVolume {
    pub(super) fn from_counts(panel: &Panel, c: Counts) -> Self {
        let n = panel.n_symbols();
        let t = panel.n_dates();
        let (up, down, counted) = if c.volume_counted.len() == t {
            (c.up_volume, c.down_volume, c.volume_counted)
        } else {
            (vec![0.0; t], vec![0.0; t], vec![0; t])
        };
        UpVolume {
            times: panel.times().to_vec(),
            share: up
                .iter()
                .zip(&down)
                .zip(&counted)
                .map(|((&u, &d), &k)| {
                    if k == 0 || u + d <= 0.0 {
                        f64::NAN
                    } else {
                        u / (u + d)
                    }
                })
                .collect(),
            excluded: counted.iter().map(|&k| n - k as usize).collect(),
            up_volume: up,
            down_volume: down,
            counted: widen(&counted),
        }
    }
}
