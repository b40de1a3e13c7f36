//! Advance/decline family: counts, A/D line and ratio, McClellan oscillator and summation
//! index, Zweig breadth thrust.

use chrono::NaiveDateTime;

use crate::error::{check_period, Error, Result};
use crate::indicators::ema;
use crate::series::Panel;

use super::kernel::{count, widen, Counts, Wanted};

/// Advancers, decliners and what follows from them, per date.
///
/// ```
/// use chartist::breadth::advance_decline;
/// use chartist::series::{midnight, Panel};
/// use chrono::NaiveDate;
/// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
/// let p = Panel::from_closes(vec!["A".into(), "B".into()], t, ndarray::array![[1.0, 2.0, 3.0], [4.0, 3.0, 3.0]])?;
/// let ad = advance_decline(&p);
/// assert_eq!((ad.advancers[1], ad.decliners[1], ad.unchanged[2]), (1, 1, 1)); // A up, B down, then flat
/// assert_eq!(ad.excluded, vec![2, 0, 0]); // no previous close on the first date
/// assert_eq!(ad.line, vec![0.0, 0.0, 1.0]);
/// assert!(ad.ratio[2].is_nan()); // no decliners on the last date
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AdvanceDecline {
    /// The panel's dates.
    pub times: Vec<NaiveDateTime>,
    /// Members whose close rose from the previous date.
    pub advancers: Vec<usize>,
    /// Members whose close fell.
    pub decliners: Vec<usize>,
    /// Members whose close did not change.
    pub unchanged: Vec<usize>,
    /// Members without a close on the date or the previous date.
    pub excluded: Vec<usize>,
    /// Net advances `advancers - decliners`; NaN where no member counts.
    pub net: Vec<f64>,
    /// The advance-decline line: the running sum of net advances, starting at 0 on the first
    /// date (dates where no member counts add nothing).
    pub line: Vec<f64>,
    /// `advancers / decliners`; NaN when there are no decliners.
    pub ratio: Vec<f64>,
}

impl AdvanceDecline {
    /// Members counted on date index `t` (`advancers + decliners + unchanged`).
    ///
    /// ```
    /// use chartist::breadth::advance_decline;
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
    /// let p = Panel::from_closes(vec!["A".into(), "B".into()], t, ndarray::array![[1.0, 2.0, 3.0], [4.0, f64::NAN, 3.0]])?;
    /// let ad = advance_decline(&p);
    /// assert_eq!((ad.counted(0), ad.counted(1), ad.counted(2)), (0, 1, 1)); // B lacks a close or its previous one
    /// assert_eq!(ad.counted(2) + ad.excluded[2], p.n_symbols());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn counted(&self, t: usize) -> usize {
        self.advancers.get(t).copied().unwrap_or(0)
            + self.decliners.get(t).copied().unwrap_or(0)
            + self.unchanged.get(t).copied().unwrap_or(0)
    }
}

/// Advancers, decliners, unchanged, the A/D line and the A/D ratio.
///
/// Definition: on date `t` a member counts when its closes on `t` and on the previous panel
/// date are both defined; it advances when `close[t] > close[t-1]`, declines when lower,
/// and is unchanged when equal. `line[t] = line[t-1] + advancers - decliners` with
/// `line[0] = 0`; `ratio = advancers / decliners`. References: ChartSchool "Advance-Decline
/// Line" and "AD Ratio".
///
/// Warm-up: the first date has no previous close, so every member is excluded there.
///
/// ```
/// use chartist::breadth::advance_decline;
/// use chartist::series::Panel;
/// use chrono::NaiveDate;
/// use ndarray::array;
///
/// let t: Vec<_> = (1..=3)
///     .map(|d| NaiveDate::from_ymd_opt(2026, 1, d).unwrap().and_hms_opt(0, 0, 0).unwrap())
///     .collect();
/// let closes = array![[1.0, 2.0, 3.0], [3.0, 2.0, 2.0], [1.0, 2.0, 1.0]];
/// let p = Panel::from_closes(vec!["A".into(), "B".into(), "C".into()], t, closes)?;
/// let ad = advance_decline(&p);
/// assert_eq!(ad.advancers, vec![0, 2, 1]);
/// assert_eq!(ad.decliners, vec![0, 1, 1]);
/// assert_eq!(ad.unchanged, vec![0, 0, 1]);
/// assert_eq!(ad.line, vec![0.0, 1.0, 1.0]);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn advance_decline(panel: &Panel) -> AdvanceDecline {
    let wanted = Wanted {
        advance_decline: true,
        ..Wanted::default()
    };
    match count(panel, &wanted) {
        Ok(c) => AdvanceDecline::from_counts(panel, &c),
        // Counting closes has no parameter to reject; keep the signature infallible.
        Err(_) => AdvanceDecline::from_counts(panel, &Counts::default()),
    }
}

impl AdvanceDecline {
    pub(super) fn from_counts(panel: &Panel, c: &Counts) -> Self {
        let t = panel.n_dates();
        let n = panel.n_symbols();
        let zeros = vec![0u32; t];
        let pick = |v: &'_ [u32]| {
            if v.len() == t {
                v.to_vec()
            } else {
                zeros.clone()
            }
        };
        let (adv, dec, unch) = (pick(&c.advancers), pick(&c.decliners), pick(&c.unchanged));
        let mut net = Vec::with_capacity(t);
        let mut line = Vec::with_capacity(t);
        let mut ratio = Vec::with_capacity(t);
        let mut excluded = Vec::with_capacity(t);
        let mut running = 0.0;
        for ((&a, &d), &u) in adv.iter().zip(&dec).zip(&unch) {
            let k = (a + d + u) as usize;
            excluded.push(n - k);
            let x = a as f64 - d as f64;
            if k == 0 {
                net.push(f64::NAN);
            } else {
                net.push(x);
                running += x;
            }
            line.push(running);
            ratio.push(if d == 0 {
                f64::NAN
            } else {
                a as f64 / d as f64
            });
        }
        AdvanceDecline {
            times: panel.times().to_vec(),
            advancers: widen(&adv),
            decliners: widen(&dec),
            unchanged: widen(&unch),
            excluded,
            net,
            line,
            ratio,
        }
    }
}

/// Periods of the McClellan oscillator's two EMAs.
///
/// The defaults 19 and 39 give the classic smoothing constants 10% (`2 / (19 + 1)`) and 5%
/// (`2 / (39 + 1)`).
///
/// ```
/// use chartist::breadth::McClellanConfig;
/// let c = McClellanConfig::default();
/// assert_eq!((c.fast, c.slow), (19, 39)); // 10 % and 5 % smoothing
/// let quick = McClellanConfig::default().fast(5).slow(10);
/// assert_eq!((quick.fast, quick.slow), (5, 10));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct McClellanConfig {
    /// Fast EMA period (default 19, 10% smoothing).
    pub fast: usize,
    /// Slow EMA period (default 39, 5% smoothing).
    pub slow: usize,
}

impl Default for McClellanConfig {
    fn default() -> Self {
        McClellanConfig { fast: 19, slow: 39 }
    }
}

impl McClellanConfig {
    /// Sets the fast period.
    ///
    /// ```
    /// use chartist::breadth::{advance_decline, mcclellan, McClellanConfig};
    /// use chartist::series::{Panel, PanelJoin};
    /// let panel = Panel::from_series(&chartist::sample::story(3).sectors, PanelJoin::Outer)?;
    /// let ad = advance_decline(&panel);
    /// let m = mcclellan(&ad, &McClellanConfig::default().fast(10))?;
    /// assert!(m.oscillator[38].is_nan() && m.oscillator[39].is_finite()); // the slow EMA sets the warm-up
    /// assert!(mcclellan(&ad, &McClellanConfig::default().fast(39)).is_err()); // fast must be below slow
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn fast(mut self, n: usize) -> Self {
        self.fast = n;
        self
    }
    /// Sets the slow period.
    ///
    /// ```
    /// use chartist::breadth::{advance_decline, mcclellan, McClellanConfig};
    /// use chartist::series::{Panel, PanelJoin};
    /// let panel = Panel::from_series(&chartist::sample::story(3).sectors, PanelJoin::Outer)?;
    /// let m = mcclellan(&advance_decline(&panel), &McClellanConfig::default().slow(50))?;
    /// assert!(m.oscillator[49].is_nan() && m.oscillator[50].is_finite()); // first value at index `slow`
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn slow(mut self, n: usize) -> Self {
        self.slow = n;
        self
    }
    pub(crate) fn validate(&self) -> Result<()> {
        check_period("fast", self.fast)?;
        check_period("slow", self.slow)?;
        if self.fast >= self.slow {
            return Err(Error::param(
                "fast",
                self.fast,
                format!("must be below the slow period {}", self.slow),
            ));
        }
        Ok(())
    }
}

/// McClellan oscillator and summation index, plain and ratio-adjusted.
///
/// ```
/// use chartist::breadth::{advance_decline, mcclellan, McClellanConfig};
/// use chartist::series::{midnight, Panel};
/// use chrono::NaiveDate;
/// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
/// let p = Panel::from_closes(vec!["A".into(), "B".into()], t, ndarray::array![[1.0, 2.0, 3.0], [2.0, 3.0, 2.0]])?;
/// let m = mcclellan(&advance_decline(&p), &McClellanConfig::default().fast(1).slow(2))?;
/// // Net advances NaN, 2, 0: on the last date EMA_1 = 0 and EMA_2 = (2 + 0) / 2 = 1.
/// assert_eq!((m.oscillator[2], m.summation[2]), (-1.0, -1.0));
/// assert_eq!(m.ratio_adjusted_oscillator[2], -500.0); // per mille: 0 - (1000 + 0) / 2
/// assert!(m.oscillator[1].is_nan()); // warm-up: the first value is at index `slow`
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct McClellan {
    /// The dates.
    pub times: Vec<NaiveDateTime>,
    /// `EMA_fast(net advances) - EMA_slow(net advances)`.
    pub oscillator: Vec<f64>,
    /// Running sum of the oscillator from its first value.
    pub summation: Vec<f64>,
    /// The oscillator of ratio-adjusted net advances `(adv - dec) / (adv + dec) * 1000`.
    pub ratio_adjusted_oscillator: Vec<f64>,
    /// Running sum of the ratio-adjusted oscillator.
    pub ratio_adjusted_summation: Vec<f64>,
}

/// McClellan oscillator and summation index from advance/decline counts.
///
/// Definition (ChartSchool "McClellan Oscillator" / "McClellan Summation Index"):
/// `oscillator = EMA_19(net) - EMA_39(net)` with `net = advancers - decliners`; the EMAs are
/// the crate's [`ema`](crate::indicators::ema) (TA-Lib `EMA`: `k = 2 / (n + 1)`, so 10% and 5%,
/// seeded with the SMA of the first `n` values). The summation index is the running sum of the
/// oscillator, starting at 0 with its first value (ChartSchool starts its published index at an
/// arbitrary base; add your own constant). The ratio-adjusted variant uses
/// `(adv - dec) / (adv + dec) * 1000` (0 on a date where every counted member is unchanged) so
/// universes of different sizes compare.
///
/// Warm-up: net advances start on the panel's second date, so the first oscillator value is at
/// date index `slow` (39 by default). Dates where no member counts are NaN and re-seed both
/// EMAs (crate NaN policy); the summation is NaN there and resumes with the running total.
///
/// ```
/// use chartist::breadth::{advance_decline, mcclellan, McClellanConfig};
/// use chartist::series::{Panel, PanelJoin};
///
/// let story = chartist::sample::story(3);
/// let panel = Panel::from_series(&story.sectors, PanelJoin::Outer)?;
/// let m = mcclellan(&advance_decline(&panel), &McClellanConfig::default())?;
/// assert!(m.oscillator[38].is_nan() && m.oscillator[39].is_finite());
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when a period is 0 or
/// `fast >= slow`.
pub fn mcclellan(ad: &AdvanceDecline, config: &McClellanConfig) -> Result<McClellan> {
    config.validate()?;
    let rana: Vec<f64> = ad
        .advancers
        .iter()
        .zip(&ad.decliners)
        .zip(&ad.net)
        .map(|((&a, &d), &net)| {
            if net.is_nan() {
                f64::NAN
            } else if a + d == 0 {
                0.0
            } else {
                net / (a + d) as f64 * 1000.0
            }
        })
        .collect();
    let (oscillator, summation) = oscillator_and_sum(&ad.net, config)?;
    let (ra_osc, ra_sum) = oscillator_and_sum(&rana, config)?;
    Ok(McClellan {
        times: ad.times.clone(),
        oscillator,
        summation,
        ratio_adjusted_oscillator: ra_osc,
        ratio_adjusted_summation: ra_sum,
    })
}

fn oscillator_and_sum(x: &[f64], config: &McClellanConfig) -> Result<(Vec<f64>, Vec<f64>)> {
    let fast = ema(x, config.fast)?;
    let slow = ema(x, config.slow)?;
    let osc: Vec<f64> = fast.iter().zip(&slow).map(|(f, s)| f - s).collect();
    let mut total = 0.0;
    let sum = osc
        .iter()
        .map(|&o| {
            if o.is_nan() {
                f64::NAN
            } else {
                total += o;
                total
            }
        })
        .collect();
    Ok((osc, sum))
}

/// Parameters of the Zweig breadth thrust.
///
/// Defaults are Zweig's: a 10-day EMA of `adv / (adv + dec)` rising from below 0.40 to above
/// 0.615 within 10 days.
///
/// ```
/// use chartist::breadth::ThrustConfig;
/// let c = ThrustConfig::default();
/// assert_eq!((c.period, c.low, c.high, c.within), (10, 0.40, 0.615, 10)); // Zweig's values
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ThrustConfig {
    /// EMA period of the advancing share (default 10).
    pub period: usize,
    /// The oversold level the EMA must come from (default 0.40).
    pub low: f64,
    /// The level the EMA must exceed (default 0.615).
    pub high: f64,
    /// Maximum number of days from below `low` to above `high` (default 10).
    pub within: usize,
}

impl Default for ThrustConfig {
    fn default() -> Self {
        ThrustConfig {
            period: 10,
            low: 0.40,
            high: 0.615,
            within: 10,
        }
    }
}

impl ThrustConfig {
    /// Sets the EMA period.
    ///
    /// ```
    /// use chartist::breadth::{advance_decline, breadth_thrust, ThrustConfig};
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
    /// let p = Panel::from_closes(vec!["A".into(), "B".into()], t, ndarray::array![[2.0, 1.0, 2.0], [4.0, 3.0, 5.0]])?;
    /// let ad = advance_decline(&p); // advancing share: 0 on the 6th, 1 on the 7th
    /// assert_eq!(breadth_thrust(&ad, &ThrustConfig::default().period(1))?.signals, vec![2]);
    /// assert!(breadth_thrust(&ad, &ThrustConfig::default())?.signals.is_empty()); // a 10-day EMA needs 10 days
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn period(mut self, n: usize) -> Self {
        self.period = n;
        self
    }
    /// Sets the two levels (`low < high`, both in `[0, 1]`).
    ///
    /// ```
    /// use chartist::breadth::{advance_decline, breadth_thrust, ThrustConfig};
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
    /// let closes = ndarray::array![[1.0, 2.0, 3.0], [2.0, 1.0, 2.0], [2.0, 1.0, 2.0], [2.0, 1.0, 0.5]];
    /// let ad = advance_decline(&Panel::from_closes(vec!["A".into(), "B".into(), "C".into(), "D".into()], t, closes)?);
    /// let fast = ThrustConfig::default().period(1); // advancing share: 1/4, then 3/4
    /// assert_eq!(breadth_thrust(&ad, &fast)?.signals, vec![2]); // from below 0.40 to above 0.615
    /// assert!(breadth_thrust(&ad, &fast.levels(0.2, 0.8))?.signals.is_empty());
    /// assert!(breadth_thrust(&ad, &fast.levels(0.8, 0.2)).is_err()); // low must be below high
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn levels(mut self, low: f64, high: f64) -> Self {
        self.low = low;
        self.high = high;
        self
    }
    /// Sets how many days the move may take.
    ///
    /// ```
    /// use chartist::breadth::{advance_decline, breadth_thrust, ThrustConfig};
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let t: Vec<_> = (5..=8).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
    /// let closes = ndarray::array![[1.0, 2.0, 3.0, 4.0], [2.0, 1.0, 2.0, 3.0], [2.0, 1.0, 0.5, 1.0], [2.0, 1.0, 0.5, 0.25]];
    /// let ad = advance_decline(&Panel::from_closes(vec!["A".into(), "B".into(), "C".into(), "D".into()], t, closes)?);
    /// let fast = ThrustConfig::default().period(1); // advancing share: 0.25, 0.5, 0.75
    /// assert_eq!(breadth_thrust(&ad, &fast.within(2))?.signals, vec![3]);
    /// assert!(breadth_thrust(&ad, &fast.within(1))?.signals.is_empty()); // two days is too slow
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn within(mut self, days: usize) -> Self {
        self.within = days;
        self
    }
    pub(crate) fn validate(&self) -> Result<()> {
        check_period("period", self.period)?;
        check_period("within", self.within)?;
        if !(0.0..=1.0).contains(&self.low) {
            return Err(Error::param("low", self.low, "must be in [0, 1]"));
        }
        if !(0.0..=1.0).contains(&self.high) || self.high <= self.low {
            return Err(Error::param(
                "high",
                self.high,
                format!("must be in [0, 1] and above low {}", self.low),
            ));
        }
        Ok(())
    }
}

/// The Zweig breadth thrust: the smoothed advancing share and the dates it fired.
///
/// ```
/// use chartist::breadth::{advance_decline, breadth_thrust, ThrustConfig};
/// use chartist::series::{midnight, Panel};
/// use chrono::NaiveDate;
/// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
/// let p = Panel::from_closes(vec!["A".into(), "B".into()], t, ndarray::array![[2.0, 1.0, 2.0], [4.0, 3.0, 5.0]])?;
/// let z = breadth_thrust(&advance_decline(&p), &ThrustConfig::default().period(1))?;
/// assert!(z.advancing_share[0].is_nan()); // no previous close on the first date
/// assert_eq!(z.ema[1..], [0.0, 1.0]); // a 1-day EMA is the share itself
/// assert_eq!(z.signals, vec![2]);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BreadthThrust {
    /// The dates.
    pub times: Vec<NaiveDateTime>,
    /// The advancing share `adv / (adv + dec)` (0.5 when every counted member is unchanged,
    /// NaN when none counts).
    pub advancing_share: Vec<f64>,
    /// Its EMA.
    pub ema: Vec<f64>,
    /// Date indices where the thrust fired.
    pub signals: Vec<usize>,
}

impl BreadthThrust {
    /// The dates where the thrust fired.
    ///
    /// ```
    /// use chartist::breadth::{advance_decline, breadth_thrust, ThrustConfig};
    /// use chartist::series::{midnight, Panel};
    /// use chrono::NaiveDate;
    /// let t: Vec<_> = (5..=7).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
    /// let p = Panel::from_closes(vec!["A".into(), "B".into()], t, ndarray::array![[2.0, 1.0, 2.0], [4.0, 3.0, 5.0]])?;
    /// let z = breadth_thrust(&advance_decline(&p), &ThrustConfig::default().period(1))?;
    /// assert_eq!(z.signal_times(), vec![p.times()[2]]); // 2026-01-07
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn signal_times(&self) -> Vec<NaiveDateTime> {
        self.signals
            .iter()
            .filter_map(|&i| self.times.get(i).copied())
            .collect()
    }
}

/// Zweig breadth thrust signals.
///
/// Definition (ChartSchool "Zweig Breadth Thrust"): the EMA (crate
/// [`ema`](crate::indicators::ema), SMA-seeded) of `adv / (adv + dec)` over `period` days. A
/// signal fires on date `t` when the EMA crosses above `high` (`ema[t] > high` and
/// `ema[t-1] <= high`, or `t` is the EMA's first value) and the EMA was below `low` on some date
/// in `[t - within, t]`.
///
/// Warm-up: the advancing share starts on the panel's second date, so the first EMA value is
/// at date index `period`. NaN shares re-seed the EMA.
///
/// ```
/// use chartist::breadth::{advance_decline, breadth_thrust, ThrustConfig};
/// use chartist::series::{Panel, PanelJoin};
///
/// let story = chartist::sample::story(3);
/// let panel = Panel::from_series(&story.sectors, PanelJoin::Outer)?;
/// let z = breadth_thrust(&advance_decline(&panel), &ThrustConfig::default())?;
/// assert!(z.signals.iter().all(|&i| z.ema[i] > 0.615));
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a zero period or window, or
/// levels not satisfying `0 <= low < high <= 1`.
pub fn breadth_thrust(ad: &AdvanceDecline, config: &ThrustConfig) -> Result<BreadthThrust> {
    config.validate()?;
    let share: Vec<f64> = ad
        .advancers
        .iter()
        .zip(&ad.decliners)
        .zip(&ad.net)
        .map(|((&a, &d), &net)| {
            if net.is_nan() {
                f64::NAN
            } else if a + d == 0 {
                0.5
            } else {
                a as f64 / (a + d) as f64
            }
        })
        .collect();
    let e = ema(&share, config.period)?;
    let mut signals = Vec::new();
    let mut last_low: Option<usize> = None;
    for (i, &v) in e.iter().enumerate() {
        if v < config.low {
            last_low = Some(i);
        }
        let prev_not_above = i == 0 || e[i - 1].is_nan() || e[i - 1] <= config.high;
        if v > config.high && prev_not_above && last_low.is_some_and(|j| i - j <= config.within) {
            signals.push(i);
        }
    }
    Ok(BreadthThrust {
        times: ad.times.clone(),
        advancing_share: share,
        ema: e,
        signals,
    })
}
