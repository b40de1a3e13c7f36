//! Market breadth: how many members of a universe take part in a move.
//!
//! Every function here takes a [`Panel`] (symbols × dates) and answers
//! one question per date:
//!
//! * [`percent_above_ma`]: what share of members close above their own `n`-day simple moving
//!   average (ChartSchool "Percent Above Moving Average").
//! * [`advance_decline`]: advancers, decliners, unchanged, the cumulative advance-decline line
//!   and the A/D ratio (ChartSchool "Advance-Decline Line", "AD Ratio").
//! * [`mcclellan`]: the McClellan oscillator and summation index of net advances, and their
//!   ratio-adjusted variants (ChartSchool "McClellan Oscillator", "McClellan Summation Index").
//! * [`new_highs_lows`]: members making `n`-day new highs minus those making new lows
//!   (ChartSchool "High-Low Index" / "Net New Highs").
//! * [`up_volume_share`]: the share of advancing volume in all advancing and declining volume
//!   (ChartSchool "Upside/Downside Volume").
//! * [`participation`]: the share of members with a positive return over a trailing window.
//! * [`breadth_thrust`]: Martin Zweig's breadth thrust signal (ChartSchool "Zweig Breadth
//!   Thrust").
//! * [`breadth`]: all of the above in one pass, configured by a [`BreadthConfig`].
//!
//! # Missing data
//! A member without a value on a date is **excluded** from that date and **counted**: every
//! output carries, per date, how many members were counted and how many were excluded
//! (`counted + excluded == members`). A member is excluded when an input the measure needs is
//! NaN (its close that day, its previous close for advance/decline, its volume for volume
//! measures) or when it has too little history for the measure's window on that date (during
//! its moving average's warm-up, for example). Shares are NaN on dates where no member counts.
//!
//! # Causality
//! Every value on a date depends only on that date and earlier ones: appending dates to the
//! panel never changes earlier outputs.

mod advance_decline;
mod kernel;
mod members;

pub use advance_decline::{
    advance_decline, breadth_thrust, mcclellan, AdvanceDecline, BreadthThrust, McClellan,
    McClellanConfig, ThrustConfig,
};
pub use members::{
    new_highs_lows, participation, percent_above_ma, up_volume_share, HighLowBasis, MemberShare,
    NewHighsLows, UpVolume,
};

use crate::error::{check_period, Result};
use crate::series::Panel;
use kernel::Wanted;

/// Parameters of the full breadth suite ([`breadth`]).
///
/// Defaults: 50-day moving average, 252-day (52-week) highs and lows on closes, 20-day
/// participation window, McClellan 19/39, Zweig thrust 10-day EMA with 0.40/0.615 within 10
/// days.
///
/// ```
/// use chartist::breadth::{BreadthConfig, HighLowBasis};
/// let cfg = BreadthConfig::default().ma_period(200).high_low_basis(HighLowBasis::HighLow);
/// assert_eq!(cfg.ma_period, 200);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BreadthConfig {
    /// Period of the simple moving average for [`percent_above_ma`] (default 50).
    pub ma_period: usize,
    /// Look-back of new highs and lows (default 252 bars, about 52 weeks).
    pub high_low_period: usize,
    /// Which prices make a new high or low (default closes).
    pub high_low_basis: HighLowBasis,
    /// Window of the [`participation`] return, in bars (default 20).
    pub participation_window: usize,
    /// McClellan EMA periods.
    pub mcclellan: McClellanConfig,
    /// Zweig breadth thrust parameters.
    pub thrust: ThrustConfig,
}

impl Default for BreadthConfig {
    fn default() -> Self {
        BreadthConfig {
            ma_period: 50,
            high_low_period: 252,
            high_low_basis: HighLowBasis::Close,
            participation_window: 20,
            mcclellan: McClellanConfig::default(),
            thrust: ThrustConfig::default(),
        }
    }
}

impl BreadthConfig {
    /// Sets the moving-average period of [`percent_above_ma`].
    ///
    /// ```
    /// use chartist::breadth::{breadth, BreadthConfig};
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
    /// let p = Panel::from_closes(vec!["UP".into(), "DOWN".into()], t, ndarray::array![[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])?;
    /// let b = breadth(&p, &BreadthConfig::default().ma_period(2))?;
    /// assert_eq!(b.above_ma.share[2], 0.5); // UP above its 2-day SMA, DOWN below
    /// assert!(breadth(&p, &BreadthConfig::default().ma_period(0)).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn ma_period(mut self, n: usize) -> Self {
        self.ma_period = n;
        self
    }
    /// Sets the new-high/new-low look-back.
    ///
    /// ```
    /// use chartist::breadth::{breadth, BreadthConfig};
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
    /// let p = Panel::from_closes(vec!["UP".into(), "DOWN".into()], t, ndarray::array![[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])?;
    /// let b = breadth(&p, &BreadthConfig::default().high_low_period(1))?;
    /// assert_eq!((b.new_highs_lows.new_highs[2], b.new_highs_lows.new_lows[2]), (1, 1));
    /// let b = breadth(&p, &BreadthConfig::default())?; // 252 bars: nobody has the history
    /// assert_eq!(b.new_highs_lows.counted, vec![0, 0, 0]);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn high_low_period(mut self, n: usize) -> Self {
        self.high_low_period = n;
        self
    }
    /// Sets which prices make new highs and lows.
    ///
    /// ```
    /// use chartist::breadth::{BreadthConfig, HighLowBasis};
    /// assert_eq!(BreadthConfig::default().high_low_basis, HighLowBasis::Close);
    /// let cfg = BreadthConfig::default().high_low_basis(HighLowBasis::HighLow); // exchange-list style
    /// assert_eq!(cfg.high_low_basis, HighLowBasis::HighLow);
    /// ```
    pub fn high_low_basis(mut self, basis: HighLowBasis) -> Self {
        self.high_low_basis = basis;
        self
    }
    /// Sets the participation window.
    ///
    /// ```
    /// use chartist::breadth::{breadth, BreadthConfig};
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
    /// let p = Panel::from_closes(vec!["UP".into(), "DOWN".into()], t, ndarray::array![[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])?;
    /// let b = breadth(&p, &BreadthConfig::default().participation_window(2))?;
    /// assert_eq!(b.participation.counted, vec![0, 0, 2]); // needs a close 2 dates back
    /// assert_eq!(b.participation.share[2], 0.5); // UP rose over 2 dates, DOWN fell
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn participation_window(mut self, n: usize) -> Self {
        self.participation_window = n;
        self
    }
    /// Sets the McClellan parameters.
    ///
    /// ```
    /// use chartist::breadth::{breadth, BreadthConfig, McClellanConfig};
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
    /// let p = Panel::from_closes(vec!["UP".into(), "DOWN".into()], t, ndarray::array![[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])?;
    /// let b = breadth(&p, &BreadthConfig::default().mcclellan(McClellanConfig::default().fast(1).slow(2)))?;
    /// assert_eq!(b.mcclellan.oscillator[2], 0.0); // one up, one down each day: net advances 0
    /// let bad = BreadthConfig::default().mcclellan(McClellanConfig::default().fast(40));
    /// assert!(breadth(&p, &bad).is_err()); // fast must be below slow
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn mcclellan(mut self, m: McClellanConfig) -> Self {
        self.mcclellan = m;
        self
    }
    /// Sets the breadth-thrust parameters.
    ///
    /// ```
    /// use chartist::breadth::{breadth, BreadthConfig, ThrustConfig};
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
    /// let p = Panel::from_closes(vec!["UP".into(), "DOWN".into()], t, ndarray::array![[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])?;
    /// let b = breadth(&p, &BreadthConfig::default().thrust(ThrustConfig::default().period(1)))?;
    /// assert_eq!(b.thrust.ema[2], 0.5); // half the members advance each day
    /// assert!(b.thrust.signals.is_empty());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn thrust(mut self, t: ThrustConfig) -> Self {
        self.thrust = t;
        self
    }
    fn validate(&self) -> Result<()> {
        check_period("ma_period", self.ma_period)?;
        check_period("high_low_period", self.high_low_period)?;
        check_period("participation_window", self.participation_window)?;
        self.mcclellan.validate()?;
        self.thrust.validate()
    }
}

/// Every breadth measure of a panel, date by date (see [`breadth`]).
///
/// ```
/// use chartist::breadth::{breadth, BreadthConfig};
/// use chartist::series::{midnight, Panel};
/// use chrono::NaiveDate;
/// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
/// let p = Panel::from_closes(vec!["UP".into(), "DOWN".into()], t, ndarray::array![[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]])?;
/// let b = breadth(&p, &BreadthConfig::default().ma_period(2))?;
/// assert_eq!(b.advance_decline.advancers, vec![0, 1, 1]);
/// assert_eq!(b.above_ma.count[2], 1);
/// assert!(b.up_volume.share[2].is_nan()); // a close-only panel has no volume
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Breadth {
    /// Share of members above their moving average.
    pub above_ma: MemberShare,
    /// Advancers, decliners, A/D line and ratio.
    pub advance_decline: AdvanceDecline,
    /// McClellan oscillator and summation index.
    pub mcclellan: McClellan,
    /// New highs minus new lows.
    pub new_highs_lows: NewHighsLows,
    /// Up-volume share.
    pub up_volume: UpVolume,
    /// Share of members with a positive trailing return.
    pub participation: MemberShare,
    /// Zweig breadth thrust.
    pub thrust: BreadthThrust,
}

/// Computes the whole breadth suite of `panel` with `config`.
///
/// Equivalent to calling each function of this module, but the panel is read once: each
/// member's row is visited once for every measure, adding into per-date counters, and the
/// advance/decline counts are shared by the McClellan and thrust measures. Cost:
/// O(symbols × dates) whatever the periods, no per-date allocation; panels of 2^18 cells or more
/// are counted on two threads (two fixed member blocks summed in a fixed order, so the result
/// does not depend on the machine).
///
/// ```
/// use chartist::breadth::{breadth, BreadthConfig};
/// use chartist::series::{Panel, PanelJoin};
///
/// let story = chartist::sample::story(7);
/// let panel = Panel::from_series(&story.sectors, PanelJoin::Outer)?;
/// let b = breadth(&panel, &BreadthConfig::default())?;
/// let last = panel.n_dates() - 1;
/// assert_eq!(b.above_ma.counted[last] + b.above_ma.excluded[last], panel.n_symbols());
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a zero period or window,
/// or thrust thresholds that are not `0 <= low < high <= 1`, or a McClellan fast period not
/// below the slow one.
pub fn breadth(panel: &Panel, config: &BreadthConfig) -> Result<Breadth> {
    config.validate()?;
    let wanted = Wanted {
        above_ma: Some(config.ma_period),
        advance_decline: true,
        up_volume: true,
        high_low: Some((config.high_low_period, config.high_low_basis)),
        participation: Some(config.participation_window),
    };
    let c = kernel::count(panel, &wanted)?;
    let ad = AdvanceDecline::from_counts(panel, &c);
    Ok(Breadth {
        above_ma: MemberShare::from_counts(panel, &c.above, &c.above_counted),
        mcclellan: mcclellan(&ad, &config.mcclellan)?,
        thrust: breadth_thrust(&ad, &config.thrust)?,
        advance_decline: ad,
        new_highs_lows: NewHighsLows::from_counts(panel, &c),
        participation: MemberShare::from_counts(panel, &c.participating, &c.participation_counted),
        up_volume: UpVolume::from_counts(panel, c),
    })
}
