//! Consolidation ranges and breakout events: the streaming [`BreakoutDetector`] and the batch
//! [`scan`] / [`scan_series`] that drive it over slices.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDateTime;

use super::vol::{AtrTracker, VolumeAverage};
use crate::error::{check_len, check_period, check_window, Error, Result};
use crate::series::PriceSeries;

/// "No later bar yet" in the `next_ge` / `next_le` chains.
const NONE: usize = usize::MAX;

/// One entry of a [`Mono`] queue: a bar position and its high (in `max_q`) or low (in
/// `min_q`), kept together so the queue is read without going back to the history.
#[derive(Debug, Clone, Copy)]
struct Entry {
    at: usize,
    value: f64,
}

/// A monotonic queue of bars: a `Vec` with a moving head, so the live part is one slice
/// (cheap indexing and binary search). Popped-front slots are reclaimed by
/// [`compact`](Mono::compact), which keeps the capacity: no allocation in steady state.
#[derive(Debug, Clone, Default)]
struct Mono {
    buf: Vec<Entry>,
    head: usize,
}

impl Mono {
    #[inline]
    fn live(&self) -> &[Entry] {
        self.buf.get(self.head..).unwrap_or_default()
    }
    #[inline]
    fn front(&self) -> Option<&Entry> {
        self.buf.get(self.head)
    }
    /// Pops from the back every entry whose value `dominated` says the new one replaces
    /// (telling `popped` its position), then pushes the new entry.
    #[inline]
    fn push(
        &mut self,
        at: usize,
        value: f64,
        dominated: impl Fn(f64) -> bool,
        mut popped: impl FnMut(usize),
    ) {
        while self.buf.len() > self.head {
            match self.buf.last() {
                Some(b) if dominated(b.value) => {
                    popped(b.at);
                    self.buf.pop();
                }
                _ => break,
            }
        }
        self.buf.push(Entry { at, value });
    }
    #[inline]
    fn pop_front(&mut self) {
        if self.buf.len() > self.head {
            self.head += 1;
        }
    }
    /// Drops the popped-front slots once they are the larger part of the buffer.
    fn compact(&mut self) {
        if self.head >= 64 && self.head * 2 >= self.buf.len() {
            self.buf.drain(..self.head);
            self.head = 0;
        }
    }
}

/// `n` as a float: the count of bars in a window (far below 2^53, so exact), through the
/// signed conversion, which is one instruction where the unsigned one is several.
#[inline]
fn bar_count(n: usize) -> f64 {
    debug_assert!(n < 1 << 53);
    n as i64 as f64
}

/// [`WidthLimit`] in the form the width test uses: the percentage already divided by 100
/// (`p / 100.0 * mid` is computed as `(p / 100.0) * mid`, so the product is the same), which
/// takes a division off every bar.
#[derive(Debug, Clone, Copy)]
enum Limit {
    /// `PercentOfMid(p)` as the fraction `p / 100`.
    FractionOfMid(f64),
    /// `AtrMultiple(k)`.
    AtrMultiple(f64),
}

impl Limit {
    fn of(width: WidthLimit) -> Self {
        match width {
            WidthLimit::PercentOfMid(p) => Limit::FractionOfMid(p / 100.0),
            WidthLimit::AtrMultiple(k) => Limit::AtrMultiple(k),
        }
    }
}

/// Whether a band from `lower` to `upper` over `bars` bars whose true ranges sum to
/// `tr_sum` fits `limit`.
#[inline(always)]
fn band_fits(limit: Limit, bars: usize, tr_sum: f64, upper: f64, lower: f64) -> bool {
    let width = upper - lower;
    match limit {
        Limit::FractionOfMid(f) => width <= f * (0.5 * (upper + lower)).abs(),
        Limit::AtrMultiple(k) => width <= k * tr_sum / bar_count(bars),
    }
}

/// How many entries of a monotonic queue, from the front, satisfy `inside` (true on a prefix
/// of the queue), knowing that the first `known` do: a few steps forward, then binary search.
#[inline]
fn zone_len(q: &[Entry], known: usize, inside: impl Fn(f64) -> bool) -> usize {
    let stop = (known + 4).min(q.len());
    let mut i = known;
    while i < stop {
        if !inside(q[i].value) {
            return i;
        }
        i += 1;
    }
    i + q
        .get(i..)
        .map_or(0, |rest| rest.partition_point(|e| inside(e.value)))
}

/// Which way price left a range.
///
/// ```
/// use chartist::breakout::{scan, BreakoutConfig, Direction, Input};
/// // Forty bars between 9 and 11, then closes below 9.
/// let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
/// closes.extend([8.0, 7.5, 7.0, 7.2, 6.9, 6.8, 6.5]);
/// let found = scan(Input::closes(&closes), &BreakoutConfig::default().max_width_percent(30.0))?;
/// assert_eq!(found.breakouts[0].direction, Direction::Down);
/// assert_eq!(found.breakouts[0].level, 9.0);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Direction {
    /// A close above the range's upper edge.
    Up,
    /// A close below the range's lower edge.
    Down,
}

/// Where a breakout stands.
///
/// ```
/// use chartist::breakout::{scan, BreakoutConfig, BreakoutState, Input};
/// let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
/// closes.extend([12.0, 10.5]); // above 11, then straight back inside
/// let found = scan(Input::closes(&closes), &BreakoutConfig::default().max_width_percent(30.0))?;
/// assert_eq!(found.breakouts[0].state, BreakoutState::Failed);
/// assert_eq!(found.breakouts[0].failed_at.map(|r| r.index), Some(41));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum BreakoutState {
    /// Price closed beyond the level but the confirmation rule is not met yet.
    Pending,
    /// The confirmation rule was met and price has not closed back inside within the failure
    /// window ([`BreakoutConfig::failure_window`]).
    Confirmed,
    /// Price closed back inside the range before confirming, or within the failure window after
    /// confirming: a false breakout (bull or bear trap).
    Failed,
}

/// Where a price stands relative to a range.
///
/// ```
/// use chartist::breakout::{scan, BreakoutConfig, Input, Position};
/// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
/// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
/// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
/// let found = scan(Input::closes(&closes), &cfg)?;
/// assert_eq!(found.position(), Some(Position::Above)); // last close 13.2 > 11
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Position {
    /// Above the upper edge.
    Above,
    /// Between the edges (inclusive).
    Inside,
    /// Below the lower edge.
    Below,
}

/// How wide a band may be and still count as a consolidation range.
///
/// ```
/// use chartist::breakout::{BreakoutConfig, WidthLimit};
/// let cfg = BreakoutConfig::default().width(WidthLimit::PercentOfMid(10.0));
/// assert_eq!(cfg.width, WidthLimit::PercentOfMid(10.0));
/// // One bar already spans up to one ATR, so fewer than 1 ATR is rejected.
/// assert!(cfg.width(WidthLimit::AtrMultiple(0.5)).validate().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum WidthLimit {
    /// `upper - lower <= pct / 100 * (upper + lower) / 2`: a fixed percentage of the mid price
    /// (e.g. `PercentOfMid(10.0)` for a 10% band). Simple, but the right value depends on the
    /// timeframe and on the instrument's volatility.
    PercentOfMid(f64),
    /// `upper - lower <= k * ATR`, where ATR is the average true range of the bars inside the
    /// candidate range (the simple mean of their true ranges). Measured in the range's own bar
    /// ranges, the limit adapts to the timeframe and the instrument.
    AtrMultiple(f64),
}

/// When a breakout counts as confirmed.
///
/// ```
/// use chartist::breakout::{scan, BreakoutConfig, ConfirmRule, Input};
/// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
/// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
/// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
/// let one_close = cfg.confirm(ConfirmRule::Closes(1));
/// let b = &scan(Input::closes(&closes), &one_close)?.breakouts[0];
/// assert_eq!(b.confirmed_at, Some(b.bar)); // confirmed on the breakout bar itself
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ConfirmRule {
    /// `n` consecutive closes beyond the level, the breakout bar included (`Closes(1)`
    /// confirms on the breakout bar).
    Closes(usize),
    /// A close beyond the level by at least this percentage of the level (Edwards & Magee's
    /// 3% penetration rule is `Percent(3.0)`).
    Percent(f64),
    /// A close beyond the level by at least this many ATRs ([`Breakout::atr`]: the ATR as of
    /// the bar before the breakout).
    Atr(f64),
    /// Time filter: no close back inside for this many bars after the breakout bar (`Bars(0)`
    /// confirms on the breakout bar, like `Closes(1)`).
    Bars(usize),
}

/// Which prices draw a range's edges.
///
/// ```
/// use chartist::breakout::{BreakoutConfig, RangeBasis};
/// assert_eq!(RangeBasis::default(), RangeBasis::Close);
/// let cfg = BreakoutConfig::default().basis(RangeBasis::HighLow);
/// assert_eq!(cfg.basis, RangeBasis::HighLow);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum RangeBasis {
    /// Highs and lows, as rectangles are drawn on bar charts (Edwards & Magee, Bulkowski).
    /// Bars without a finite high or low use their close.
    HighLow,
    /// Closes only (line charts, ratio lines).
    #[default]
    Close,
}

/// Parameters of range and breakout detection.
///
/// Build with [`Default`] and the builder methods:
/// `BreakoutConfig::default().confirm_closes(2).min_bars(30)`.
///
/// # Defaults and where they come from
///
/// | field | default | why |
/// |---|---|---|
/// | `width` | `AtrMultiple(10.0)` | Price wandering at random covers about `ATR * sqrt(n)` in `n` bars (the range of a random walk grows with the square root of time, and one bar's true range is its one-step range). A band of 10 ATRs is what a random walk covers in about 100 bars, so a market that stays inside it much longer is being held by supply and demand, which is what a trading range is (Wyckoff; Edwards & Magee's rectangle). Because it is counted in the range's own bars it applies unchanged to days, weeks or a ratio line. |
/// | `min_bars` | 20 | Bulkowski (*Encyclopedia of Chart Patterns*) requires rectangles of about three weeks or more; 20 bars is a month of days or a few months of weeks. |
/// | `min_touches` | 2 | Two touches of each edge are what make a horizontal line a support or resistance (Edwards & Magee; Bulkowski's rectangle identification guidelines). |
/// | `touch_tolerance` | 0.10 | A touch reaches the outer tenth of the band: edges are zones, not exact prices. |
/// | `confirm` | `Closes(2)` | The two-close rule: one close beyond is often undone the next bar. |
/// | `failure_window` | 5 bars | A close back inside soon after the break is the classic false breakout (Edwards & Magee's bull/bear trap); later returns are treated as throwbacks/pullbacks of a breakout that held. |
/// | `retest_tolerance` | 0.5 ATR | A pullback that comes within half a bar's range of the broken level tests it. |
/// | `atr_period` | 14 | Wilder's ATR period. |
/// | `volume_period` | 50 | Breakout volume is usually judged against the 50-day average (O'Neil). |
/// | `basis` | `Close` | Dow Theory's "line" (a range) is drawn on closes, and a breakout is a *close* beyond the edge: measuring the edge on closes keeps the level and the test of it on the same price, so an intrabar spike no close ever reached does not set the level. It is also the only choice for line charts and ratio lines. |
///
/// ```
/// use chartist::breakout::{BreakoutConfig, ConfirmRule, WidthLimit};
/// let cfg = BreakoutConfig::default().confirm_closes(3).min_bars(30);
/// assert_eq!(cfg.width, WidthLimit::AtrMultiple(10.0));
/// assert_eq!((cfg.min_bars, cfg.confirm), (30, ConfirmRule::Closes(3)));
/// assert!(cfg.validate().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BreakoutConfig {
    /// The widest band that counts as a range.
    pub width: WidthLimit,
    /// The fewest bars a range may last.
    pub min_bars: usize,
    /// The fewest separate touches of each edge.
    pub min_touches: usize,
    /// How close to an edge a bar must come to touch it, as a fraction of the range height.
    pub touch_tolerance: f64,
    /// When a breakout is confirmed.
    pub confirm: ConfirmRule,
    /// A close back inside within this many bars after the breakout bar fails the breakout.
    pub failure_window: usize,
    /// How close (in ATRs) a later bar must come back to the level to count as a retest.
    pub retest_tolerance: f64,
    /// Wilder ATR period for distances, ATR confirmation and retests.
    pub atr_period: usize,
    /// Bars in the average that breakout volume is compared with.
    pub volume_period: usize,
    /// Which prices draw the edges.
    pub basis: RangeBasis,
}

impl Default for BreakoutConfig {
    fn default() -> Self {
        BreakoutConfig {
            width: WidthLimit::AtrMultiple(10.0),
            min_bars: 20,
            min_touches: 2,
            touch_tolerance: 0.10,
            confirm: ConfirmRule::Closes(2),
            failure_window: 5,
            retest_tolerance: 0.5,
            atr_period: 14,
            volume_period: 50,
            basis: RangeBasis::Close,
        }
    }
}

impl BreakoutConfig {
    /// Sets the width limit.
    ///
    /// ```
    /// use chartist::breakout::{BreakoutConfig, WidthLimit};
    /// let cfg = BreakoutConfig::default().width(WidthLimit::AtrMultiple(6.0));
    /// assert_eq!(cfg.width, WidthLimit::AtrMultiple(6.0));
    /// ```
    pub fn width(mut self, width: WidthLimit) -> Self {
        self.width = width;
        self
    }
    /// Limits the band to `pct` percent of the mid price.
    ///
    /// ```
    /// use chartist::breakout::{BreakoutConfig, WidthLimit};
    /// let cfg = BreakoutConfig::default().max_width_percent(8.0);
    /// assert_eq!(cfg.width, WidthLimit::PercentOfMid(8.0));
    /// ```
    pub fn max_width_percent(self, pct: f64) -> Self {
        self.width(WidthLimit::PercentOfMid(pct))
    }
    /// Limits the band to `k` average true ranges.
    ///
    /// ```
    /// use chartist::breakout::{BreakoutConfig, WidthLimit};
    /// let cfg = BreakoutConfig::default().max_width_atr(12.0);
    /// assert_eq!(cfg.width, WidthLimit::AtrMultiple(12.0));
    /// ```
    pub fn max_width_atr(self, k: f64) -> Self {
        self.width(WidthLimit::AtrMultiple(k))
    }
    /// Sets the minimum duration in bars.
    ///
    /// ```
    /// use chartist::breakout::BreakoutConfig;
    /// assert_eq!(BreakoutConfig::default().min_bars(40).min_bars, 40);
    /// assert!(BreakoutConfig::default().min_bars(1).validate().is_err());
    /// ```
    pub fn min_bars(mut self, n: usize) -> Self {
        self.min_bars = n;
        self
    }
    /// Sets the minimum number of touches of each edge.
    ///
    /// ```
    /// use chartist::breakout::BreakoutConfig;
    /// assert_eq!(BreakoutConfig::default().min_touches(3).min_touches, 3);
    /// assert!(BreakoutConfig::default().min_touches(0).validate().is_err());
    /// ```
    pub fn min_touches(mut self, n: usize) -> Self {
        self.min_touches = n;
        self
    }
    /// Sets the touch tolerance (fraction of the range height).
    ///
    /// ```
    /// use chartist::breakout::BreakoutConfig;
    /// assert_eq!(BreakoutConfig::default().touch_tolerance(0.2).touch_tolerance, 0.2);
    /// assert!(BreakoutConfig::default().touch_tolerance(0.6).validate().is_err());
    /// ```
    pub fn touch_tolerance(mut self, fraction: f64) -> Self {
        self.touch_tolerance = fraction;
        self
    }
    /// Sets the confirmation rule.
    ///
    /// ```
    /// use chartist::breakout::{BreakoutConfig, ConfirmRule};
    /// let cfg = BreakoutConfig::default().confirm(ConfirmRule::Percent(3.0));
    /// assert_eq!(cfg.confirm, ConfirmRule::Percent(3.0));
    /// ```
    pub fn confirm(mut self, rule: ConfirmRule) -> Self {
        self.confirm = rule;
        self
    }
    /// Confirms after `n` consecutive closes beyond the level.
    ///
    /// ```
    /// use chartist::breakout::{BreakoutConfig, ConfirmRule};
    /// assert_eq!(BreakoutConfig::default().confirm_closes(3).confirm, ConfirmRule::Closes(3));
    /// ```
    pub fn confirm_closes(self, n: usize) -> Self {
        self.confirm(ConfirmRule::Closes(n))
    }
    /// Confirms on a close beyond the level by `pct` percent.
    ///
    /// ```
    /// use chartist::breakout::{BreakoutConfig, ConfirmRule};
    /// assert_eq!(BreakoutConfig::default().confirm_percent(3.0).confirm, ConfirmRule::Percent(3.0));
    /// ```
    pub fn confirm_percent(self, pct: f64) -> Self {
        self.confirm(ConfirmRule::Percent(pct))
    }
    /// Confirms on a close beyond the level by `k` ATRs.
    ///
    /// ```
    /// use chartist::breakout::{BreakoutConfig, ConfirmRule};
    /// assert_eq!(BreakoutConfig::default().confirm_atr(1.5).confirm, ConfirmRule::Atr(1.5));
    /// ```
    pub fn confirm_atr(self, k: f64) -> Self {
        self.confirm(ConfirmRule::Atr(k))
    }
    /// Confirms after `n` bars without a close back inside.
    ///
    /// ```
    /// use chartist::breakout::{BreakoutConfig, ConfirmRule};
    /// assert_eq!(BreakoutConfig::default().confirm_bars(3).confirm, ConfirmRule::Bars(3));
    /// ```
    pub fn confirm_bars(self, n: usize) -> Self {
        self.confirm(ConfirmRule::Bars(n))
    }
    /// Sets the failure window in bars.
    ///
    /// ```
    /// use chartist::breakout::BreakoutConfig;
    /// assert_eq!(BreakoutConfig::default().failure_window(10).failure_window, 10);
    /// ```
    pub fn failure_window(mut self, bars: usize) -> Self {
        self.failure_window = bars;
        self
    }
    /// Sets the retest tolerance in ATRs.
    ///
    /// ```
    /// use chartist::breakout::BreakoutConfig;
    /// assert_eq!(BreakoutConfig::default().retest_tolerance(1.0).retest_tolerance, 1.0);
    /// assert!(BreakoutConfig::default().retest_tolerance(-1.0).validate().is_err());
    /// ```
    pub fn retest_tolerance(mut self, atrs: f64) -> Self {
        self.retest_tolerance = atrs;
        self
    }
    /// Sets the ATR period.
    ///
    /// ```
    /// use chartist::breakout::BreakoutConfig;
    /// assert_eq!(BreakoutConfig::default().atr_period(20).atr_period, 20);
    /// assert!(BreakoutConfig::default().atr_period(0).validate().is_err());
    /// ```
    pub fn atr_period(mut self, n: usize) -> Self {
        self.atr_period = n;
        self
    }
    /// Sets the volume-average period.
    ///
    /// ```
    /// use chartist::breakout::BreakoutConfig;
    /// assert_eq!(BreakoutConfig::default().volume_period(20).volume_period, 20);
    /// ```
    pub fn volume_period(mut self, n: usize) -> Self {
        self.volume_period = n;
        self
    }
    /// Sets which prices draw the edges.
    ///
    /// ```
    /// use chartist::breakout::{BreakoutConfig, RangeBasis};
    /// assert_eq!(BreakoutConfig::default().basis(RangeBasis::HighLow).basis, RangeBasis::HighLow);
    /// ```
    pub fn basis(mut self, basis: RangeBasis) -> Self {
        self.basis = basis;
        self
    }

    /// Checks every parameter.
    ///
    /// ```
    /// use chartist::breakout::BreakoutConfig;
    /// assert!(BreakoutConfig::default().validate().is_ok());
    /// let err = BreakoutConfig::default().max_width_percent(-5.0).validate();
    /// assert!(matches!(err, Err(chartist::Error::InvalidParameter { .. })));
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] naming the first bad field: a width limit that is not a
    /// positive finite number (an ATR multiple must be at least 1, since one bar spans up to
    /// one true range), `min_bars < 2`, `min_touches == 0`, a touch tolerance outside
    /// `[0, 0.5]`, `ConfirmRule::Closes(0)` or a negative/non-finite `Percent`/`Atr`
    /// threshold (`Bars(0)` is valid: it confirms on the breakout bar), a negative or
    /// non-finite retest tolerance, or an ATR/volume period of 0 or above
    /// [`MAX_PERIOD`](crate::MAX_PERIOD) (as for the indicators' windows; the volume average
    /// holds `volume_period` values). `min_bars`, `min_touches`, the confirmation counts and
    /// `failure_window` may be as large as you like: a range longer than the data is simply
    /// never found.
    pub fn validate(&self) -> Result<()> {
        match self.width {
            WidthLimit::PercentOfMid(p) if !(p.is_finite() && p > 0.0) => {
                return Err(Error::param(
                    "width percent",
                    p,
                    "must be positive and finite",
                ))
            }
            WidthLimit::AtrMultiple(k) if !(k.is_finite() && k >= 1.0) => {
                return Err(Error::param("width ATR multiple", k, "must be at least 1"))
            }
            _ => {}
        }
        if self.min_bars < 2 {
            return Err(Error::param(
                "min_bars",
                self.min_bars,
                "must be at least 2",
            ));
        }
        check_period("min_touches", self.min_touches)?;
        if !(0.0..=0.5).contains(&self.touch_tolerance) {
            return Err(Error::param(
                "touch_tolerance",
                self.touch_tolerance,
                "must be between 0 and 0.5",
            ));
        }
        match self.confirm {
            ConfirmRule::Closes(n) => check_period("confirm closes", n)?,
            ConfirmRule::Percent(x) | ConfirmRule::Atr(x) if !(x.is_finite() && x >= 0.0) => {
                return Err(Error::param(
                    "confirm threshold",
                    x,
                    "must be non-negative and finite",
                ))
            }
            _ => {}
        }
        if !(self.retest_tolerance.is_finite() && self.retest_tolerance >= 0.0) {
            return Err(Error::param(
                "retest_tolerance",
                self.retest_tolerance,
                "must be non-negative and finite",
            ));
        }
        check_window("atr_period", self.atr_period)?;
        check_window("volume_period", self.volume_period)?;
        Ok(())
    }
}

/// A position in the input: its index (counting every input bar, skipped ones included) and
/// its timestamp when the input had one.
///
/// ```
/// use chartist::breakout::BarRef;
/// let at = chrono::NaiveDate::from_ymd_opt(2025, 11, 28).expect("date").and_hms_opt(0, 0, 0);
/// let r = BarRef { index: 7, time: at };
/// assert_eq!(r.date(), chrono::NaiveDate::from_ymd_opt(2025, 11, 28));
/// assert!(BarRef { index: 6, time: None } < r); // ordered by index first
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BarRef {
    /// 0-based index into the input.
    pub index: usize,
    /// The bar's timestamp, when known.
    pub time: Option<NaiveDateTime>,
}

impl BarRef {
    /// The bar's calendar date, when known.
    ///
    /// ```
    /// use chartist::breakout::BarRef;
    /// assert_eq!(BarRef { index: 0, time: None }.date(), None);
    /// let t = chrono::NaiveDate::from_ymd_opt(2024, 1, 2).expect("date").and_hms_opt(0, 0, 0);
    /// assert_eq!(BarRef { index: 0, time: t }.date(), chrono::NaiveDate::from_ymd_opt(2024, 1, 2));
    /// ```
    pub fn date(&self) -> Option<chrono::NaiveDate> {
        self.time.map(|t| t.date())
    }
}

/// A consolidation range: a stretch of bars held between two horizontal edges.
///
/// ```
/// use chartist::breakout::{scan, BreakoutConfig, Input};
/// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
/// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
/// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
/// let r = &scan(Input::closes(&closes), &cfg)?.ranges[0];
/// assert_eq!((r.start.index, r.end.index, r.upper, r.lower), (0, 39, 11.0, 9.0));
/// assert!(r.upper_touches.len() >= 2 && r.lower_touches.len() >= 2);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Range {
    /// First bar of the range.
    pub start: BarRef,
    /// Last bar of the range: the bar before the breakout that ended it, or the latest bar
    /// seen while the range is still in force.
    pub end: BarRef,
    /// Upper edge (resistance): the highest high (or close) between `start` and the bar before
    /// the first breakout attempt.
    pub upper: f64,
    /// Lower edge (support).
    pub lower: f64,
    /// `upper - lower`.
    pub height: f64,
    /// One entry per separate touch of the upper edge: the bar with the highest high of each
    /// visit to the top zone.
    pub upper_touches: Vec<BarRef>,
    /// One entry per separate touch of the lower edge.
    pub lower_touches: Vec<BarRef>,
}

impl Range {
    /// The middle of the band.
    ///
    /// ```
    /// use chartist::breakout::{BarRef, Range};
    /// let at = |index| BarRef { index, time: None };
    /// let r = Range { start: at(0), end: at(9), upper: 11.0, lower: 9.0, height: 2.0,
    ///                 upper_touches: vec![], lower_touches: vec![] };
    /// assert_eq!(r.mid(), 10.0);
    /// ```
    pub fn mid(&self) -> f64 {
        0.5 * (self.upper + self.lower)
    }

    /// Number of bars from `start` to `end` inclusive (in input positions).
    ///
    /// ```
    /// use chartist::breakout::{BarRef, Range};
    /// let at = |index| BarRef { index, time: None };
    /// let r = Range { start: at(5), end: at(24), upper: 11.0, lower: 9.0, height: 2.0,
    ///                 upper_touches: vec![], lower_touches: vec![] };
    /// assert_eq!(r.bars(), 20);
    /// ```
    pub fn bars(&self) -> usize {
        self.end.index + 1 - self.start.index
    }

    /// Where `price` stands relative to the band (edges count as inside).
    ///
    /// ```
    /// use chartist::breakout::{Position, Range, BarRef};
    /// let at = |index| BarRef { index, time: None };
    /// let r = Range { start: at(0), end: at(9), upper: 11.0, lower: 9.0, height: 2.0,
    ///                 upper_touches: vec![], lower_touches: vec![] };
    /// assert_eq!(r.position(12.0), Position::Above);
    /// assert_eq!(r.position(11.0), Position::Inside);
    /// ```
    pub fn position(&self, price: f64) -> Position {
        if price > self.upper {
            Position::Above
        } else if price < self.lower {
            Position::Below
        } else {
            Position::Inside
        }
    }
}

/// A close beyond a range edge, with everything a trader asks about it.
///
/// Fields that can change after the breakout bar (`state`, `confirmed_at`, `failed_at`,
/// `retest_at`) carry the bar at which each became known, so the breakout as it looked at any
/// earlier bar is recovered exactly with [`as_of`](Self::as_of).
///
/// ```
/// use chartist::breakout::{scan, BreakoutConfig, BreakoutState, Direction, Input};
/// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
/// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
/// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
/// let b = &scan(Input::closes(&closes), &cfg)?.breakouts[0];
/// assert_eq!((b.direction, b.level, b.bar.index), (Direction::Up, 11.0, 40));
/// assert_eq!((b.state, b.target, b.invalidation), (BreakoutState::Confirmed, 13.0, 10.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Breakout {
    /// Which edge was broken.
    pub direction: Direction,
    /// The level broken: the range's upper edge for [`Direction::Up`], its lower edge for
    /// [`Direction::Down`].
    pub level: f64,
    /// The breakout bar (the first close beyond the level).
    pub bar: BarRef,
    /// The breakout bar's close.
    pub close: f64,
    /// `|close - level| / atr` (positive for both directions), with [`atr`](Self::atr);
    /// `None` only when that is zero.
    pub distance_atr: Option<f64>,
    /// Breakout-bar volume divided by the average volume of the `volume_period` bars before it;
    /// `None` without volume, before that average exists, or when it is zero. A missing
    /// (non-finite) volume restarts the average, which then needs `volume_period` volumes
    /// again (the crate's [`Sma`](crate::indicators::Sma) policy); a missing volume on the
    /// breakout bar gives `None`.
    pub relative_volume: Option<f64>,
    /// The state as of the latest bar seen.
    pub state: BreakoutState,
    /// The bar at which the confirmation rule was met.
    pub confirmed_at: Option<BarRef>,
    /// The bar at which price closed back inside and failed the breakout.
    pub failed_at: Option<BarRef>,
    /// The first later bar that came back within `retest_tolerance` ATRs of the level (its
    /// low for an upside breakout, its high for a downside one) while closing beyond it.
    /// Looked for while the breakout is open: from the bar after the breakout bar until it
    /// fails, or, once confirmed, until it has held for `failure_window` bars (a `Pending`
    /// breakout stays open). A pullback to the level after that is not recorded.
    pub retest_at: Option<BarRef>,
    /// Measured-move target: the range height projected from the level.
    pub target: f64,
    /// Invalidation level: the range's middle. A close back through it voids the measured move.
    pub invalidation: f64,
    /// The ATR used for this breakout's distance, [`ConfirmRule::Atr`] and the retest
    /// tolerance: Wilder's ATR (`atr_period`, TA-Lib `ATR`) as of the bar before the breakout.
    /// When that ATR does not exist yet (fewer than `atr_period + 1` bars before the breakout)
    /// or is zero, the mean true range of the range's own bars (the width test's ATR) is used.
    pub atr: f64,
    /// The range that was broken, as known at the breakout bar.
    pub range: Range,
}

impl Breakout {
    /// The breakout as it was known at the close of input bar `index`, or `None` if it had not
    /// happened yet. Updates dated after `index` are undone.
    ///
    /// This is what makes the detector's output causal: scanning the first `index + 1` bars
    /// gives exactly the full scan's breakouts mapped through `as_of(index)`.
    ///
    /// ```
    /// use chartist::breakout::{scan, BreakoutConfig, BreakoutState, Input};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let b = &scan(Input::closes(&closes), &cfg)?.breakouts[0]; // bar 40, confirmed on bar 41
    /// assert!(b.as_of(39).is_none());
    /// assert_eq!(b.as_of(40).map(|x| x.state), Some(BreakoutState::Pending));
    /// assert_eq!(b.as_of(41).map(|x| x.state), Some(BreakoutState::Confirmed));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn as_of(&self, index: usize) -> Option<Breakout> {
        if self.bar.index > index {
            return None;
        }
        let keep = |r: Option<BarRef>| r.filter(|r| r.index <= index);
        let mut b = self.clone();
        b.confirmed_at = keep(b.confirmed_at);
        b.failed_at = keep(b.failed_at);
        b.retest_at = keep(b.retest_at);
        b.state = if b.failed_at.is_some() {
            BreakoutState::Failed
        } else if b.confirmed_at.is_some() {
            BreakoutState::Confirmed
        } else {
            BreakoutState::Pending
        };
        Some(b)
    }
}

/// What changed on a bar.
///
/// ```
/// use chartist::breakout::{BarInput, BreakoutConfig, BreakoutDetector, EventKind};
/// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
/// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
/// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
/// let mut det = BreakoutDetector::new(cfg)?;
/// let mut kinds = Vec::new();
/// for &c in &closes {
///     kinds.extend(det.update(BarInput::close(c)).iter().map(|e| (e.kind, e.at.index)));
/// }
/// assert_eq!(kinds, [(EventKind::Breakout, 40), (EventKind::Confirmed, 41)]);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum EventKind {
    /// A new breakout (state [`BreakoutState::Pending`] or already confirmed).
    Breakout,
    /// A pending breakout met the confirmation rule.
    Confirmed,
    /// A breakout closed back inside: a failed breakout.
    Failed,
    /// A breakout's level was retested.
    Retest,
}

/// One change reported by [`BreakoutDetector::update`].
///
/// ```
/// use chartist::breakout::{BarInput, BreakoutConfig, BreakoutDetector, EventKind};
/// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
/// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
/// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
/// let mut det = BreakoutDetector::new(cfg)?;
/// for &c in &closes[..40] {
///     det.update(BarInput::close(c));
/// }
/// let events = det.update(BarInput::close(closes[40]));
/// assert_eq!((events[0].kind, events[0].at.index), (EventKind::Breakout, 40));
/// assert_eq!(events[0].breakout.level, 11.0);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// The bar on which it happened.
    pub at: BarRef,
    /// The breakout after the change.
    pub breakout: Breakout,
}

/// One bar fed to a [`BreakoutDetector`]: a close plus optional high, low, volume and time.
///
/// NaN in `high`, `low` or `volume` means "not available".
///
/// ```
/// use chartist::breakout::BarInput;
/// let bar = BarInput::close(101.5).high_low(102.0, 100.0).volume(1e6);
/// assert_eq!((bar.close, bar.high, bar.low, bar.volume), (101.5, 102.0, 100.0, 1e6));
/// assert!(BarInput::close(1.0).high.is_nan()); // not available
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BarInput {
    /// Close (or any value: a ratio line, an index level).
    pub close: f64,
    /// High, NaN when not available.
    pub high: f64,
    /// Low, NaN when not available.
    pub low: f64,
    /// Volume, NaN when not available.
    pub volume: f64,
    /// Timestamp, copied into [`BarRef`]s.
    pub time: Option<NaiveDateTime>,
}

impl BarInput {
    /// A close-only bar.
    ///
    /// ```
    /// use chartist::breakout::BarInput;
    /// let bar = BarInput::close(42.0);
    /// assert_eq!(bar.close, 42.0);
    /// assert!(bar.high.is_nan() && bar.low.is_nan() && bar.volume.is_nan() && bar.time.is_none());
    /// ```
    pub fn close(close: f64) -> Self {
        BarInput {
            close,
            high: f64::NAN,
            low: f64::NAN,
            volume: f64::NAN,
            time: None,
        }
    }
    /// Adds a high and a low.
    ///
    /// ```
    /// use chartist::breakout::BarInput;
    /// let bar = BarInput::close(10.0).high_low(10.5, 9.5);
    /// assert_eq!((bar.high, bar.low), (10.5, 9.5));
    /// ```
    pub fn high_low(mut self, high: f64, low: f64) -> Self {
        self.high = high;
        self.low = low;
        self
    }
    /// Adds a volume.
    ///
    /// ```
    /// use chartist::breakout::BarInput;
    /// assert_eq!(BarInput::close(10.0).volume(2500.0).volume, 2500.0);
    /// ```
    pub fn volume(mut self, volume: f64) -> Self {
        self.volume = volume;
        self
    }
    /// Adds a timestamp.
    ///
    /// ```
    /// use chartist::breakout::BarInput;
    /// let t = chrono::NaiveDate::from_ymd_opt(2026, 1, 16).expect("date").and_hms_opt(0, 0, 0).expect("time");
    /// assert_eq!(BarInput::close(10.0).time(t).time, Some(t));
    /// ```
    pub fn time(mut self, time: NaiveDateTime) -> Self {
        self.time = Some(time);
        self
    }
}

/// Columns for [`scan`]: closes plus optional highs, lows, volumes and timestamps.
///
/// ```
/// use chartist::breakout::{scan, BreakoutConfig, Input};
/// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
/// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
/// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
/// let volume = vec![1000.0; closes.len()];
/// let cfg = cfg.volume_period(20); // average of the 20 bars before the breakout
/// let found = scan(Input::closes(&closes).high_low(&closes, &closes).volume(&volume), &cfg)?;
/// assert_eq!(found.breakouts[0].relative_volume, Some(1.0));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    close: &'a [f64],
    high_low: Option<(&'a [f64], &'a [f64])>,
    volume: Option<&'a [f64]>,
    times: Option<&'a [NaiveDateTime]>,
}

impl<'a> Input<'a> {
    /// Closes only.
    ///
    /// ```
    /// use chartist::breakout::{scan, BreakoutConfig, Input};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let found = scan(Input::closes(&closes), &cfg)?;
    /// assert_eq!(found.breakouts.len(), 1);
    /// assert_eq!(found.breakouts[0].relative_volume, None); // no volume given
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn closes(close: &'a [f64]) -> Self {
        Input {
            close,
            high_low: None,
            volume: None,
            times: None,
        }
    }
    /// Adds highs and lows (checked against the closes' length by [`scan`]).
    ///
    /// ```
    /// use chartist::breakout::{scan, BreakoutConfig, Input};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let high: Vec<f64> = closes.iter().map(|c| c + 0.2).collect();
    /// let low: Vec<f64> = closes.iter().map(|c| c - 0.2).collect();
    /// assert!(scan(Input::closes(&closes).high_low(&high, &low), &cfg).is_ok());
    /// assert!(scan(Input::closes(&closes).high_low(&high, &low[1..]), &cfg).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn high_low(mut self, high: &'a [f64], low: &'a [f64]) -> Self {
        self.high_low = Some((high, low));
        self
    }
    /// Adds volumes.
    ///
    /// ```
    /// use chartist::breakout::{scan, BreakoutConfig, Input};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let mut volume = vec![1000.0; closes.len()];
    /// volume[40] = 3000.0; // the breakout bar trades three times its average
    /// let cfg = cfg.volume_period(20);
    /// let b = &scan(Input::closes(&closes).volume(&volume), &cfg)?.breakouts[0];
    /// assert_eq!(b.relative_volume, Some(3.0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn volume(mut self, volume: &'a [f64]) -> Self {
        self.volume = Some(volume);
        self
    }
    /// Adds timestamps. They are only copied into the result's [`BarRef`]s (nothing is
    /// computed from them and their order is not checked): give them in bar order, as a
    /// [`PriceSeries`] (which rejects or repairs unsorted and duplicate dates) does.
    ///
    /// ```
    /// use chartist::breakout::{scan, BreakoutConfig, Input};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let first = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).expect("date");
    /// let times: Vec<_> = (0..closes.len() as u64)
    ///     .map(|i| (first + chrono::Days::new(i)).and_hms_opt(0, 0, 0).expect("time")).collect();
    /// let b = &scan(Input::closes(&closes).times(&times), &cfg)?.breakouts[0];
    /// assert_eq!(b.bar.date(), chrono::NaiveDate::from_ymd_opt(2024, 2, 10)); // bar 40
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn times(mut self, times: &'a [NaiveDateTime]) -> Self {
        self.times = Some(times);
        self
    }
    /// The columns of a [`PriceSeries`]: high/low only when it has OHLC, volume only when it
    /// has volume.
    ///
    /// ```
    /// use chartist::breakout::{scan, scan_series, BreakoutConfig, Input};
    /// let story = chartist::sample::story(7);
    /// let cfg = BreakoutConfig::default();
    /// let found = scan(Input::from_series(&story.small_caps), &cfg)?;
    /// assert_eq!(found, scan_series(&story.small_caps, &cfg)?);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn from_series(series: &'a PriceSeries) -> Self {
        let mut input = Input::closes(series.close()).times(series.times());
        if series.has_ohlc() {
            input = input.high_low(series.high(), series.low());
        }
        if series.has_volume() {
            input = input.volume(series.volume());
        }
        input
    }

    fn check(&self) -> Result<()> {
        let n = self.close.len();
        if let Some((h, l)) = self.high_low {
            check_len("high", n, h.len())?;
            check_len("low", n, l.len())?;
        }
        if let Some(v) = self.volume {
            check_len("volume", n, v.len())?;
        }
        if let Some(t) = self.times {
            check_len("times", n, t.len())?;
        }
        Ok(())
    }
}

/// The result of a [`scan`].
///
/// ```
/// use chartist::breakout::{scan, BreakoutConfig, Input};
/// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
/// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
/// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
/// let found = scan(Input::closes(&closes), &cfg)?;
/// assert_eq!((found.ranges.len(), found.breakouts.len()), (1, 1));
/// assert_eq!(found.last.map(|(bar, close)| (bar.index, close)), Some((46, 13.2)));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Scan {
    /// Ranges that were broken at least once, oldest first. The last one may still be in force
    /// (its breakouts all failed); its `end` is then the last bar.
    pub ranges: Vec<Range>,
    /// Every breakout, in order of their breakout bars, with states as of the last bar.
    pub breakouts: Vec<Breakout>,
    /// A range that qualifies at the last bar but has not been broken yet.
    pub forming: Option<Range>,
    /// The last bar with a finite close, and that close.
    pub last: Option<(BarRef, f64)>,
}

impl Scan {
    /// The most recent range: [`forming`](Self::forming) if any, else the last broken range.
    ///
    /// ```
    /// use chartist::breakout::{scan, BreakoutConfig, Input};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let found = scan(Input::closes(&closes), &cfg)?;
    /// assert_eq!(found.latest_range().map(|r| r.upper), Some(11.0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn latest_range(&self) -> Option<&Range> {
        self.forming.as_ref().or(self.ranges.last())
    }

    /// The most recent breakout.
    ///
    /// ```
    /// use chartist::breakout::{scan, BreakoutConfig, Input};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let found = scan(Input::closes(&closes), &cfg)?;
    /// assert_eq!(found.latest_breakout().map(|b| b.bar.index), Some(40));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn latest_breakout(&self) -> Option<&Breakout> {
        self.breakouts.last()
    }

    /// Where the last close stands relative to the most recent range.
    ///
    /// ```
    /// use chartist::breakout::{scan, BreakoutConfig, Input, Position};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// assert_eq!(scan(Input::closes(&closes), &cfg)?.position(), Some(Position::Above));
    /// assert_eq!(scan(Input::closes(&[]), &cfg)?.position(), None);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn position(&self) -> Option<Position> {
        let (_, close) = self.last?;
        Some(self.latest_range()?.position(close))
    }

    /// Sets the timestamp of every [`BarRef`] from its index (the batch scan runs without
    /// timestamps and adds them here, once per reported bar rather than once per input bar).
    fn stamp_times(&mut self, times: &[NaiveDateTime]) {
        let stamp = |r: &mut BarRef| r.time = times.get(r.index).copied();
        let stamp_range = |r: &mut Range| {
            stamp(&mut r.start);
            stamp(&mut r.end);
            r.upper_touches.iter_mut().for_each(stamp);
            r.lower_touches.iter_mut().for_each(stamp);
        };
        self.ranges.iter_mut().for_each(stamp_range);
        self.forming.iter_mut().for_each(stamp_range);
        for b in &mut self.breakouts {
            stamp(&mut b.bar);
            b.confirmed_at.iter_mut().for_each(stamp);
            b.failed_at.iter_mut().for_each(stamp);
            b.retest_at.iter_mut().for_each(stamp);
            stamp_range(&mut b.range);
        }
        if let Some((bar, _)) = &mut self.last {
            stamp(bar);
        }
    }
}

/// What the detector keeps of one valid bar.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// The bar's high (or close, with [`RangeBasis::Close`]).
    high: f64,
    /// The bar's low (or close).
    low: f64,
    /// Sum of true ranges of every valid bar before this one (so the bars `[from, to]` sum to
    /// the `tr_before` of `to + 1` minus that of `from`, with no special case at the start).
    tr_before: f64,
    /// The first later bar whose high is `>=` this one's, set when this bar leaves `max_q`
    /// from the back (`NONE` while it is still a suffix maximum).
    next_ge: usize,
    /// The first later bar whose low is `<=` this one's (from `min_q`).
    next_le: usize,
    /// The bar's input index (its timestamp, when kept, is in `BreakoutDetector::times`).
    index: usize,
}

/// How often a walk through a candidate range switched between its edge zones, for the rule
/// that the visits must cross the band at least twice. One wide bar can enter both zones at
/// once (with [`RangeBasis::HighLow`]); its order inside the bar is unknown, so it is taken
/// to visit the other edge first and come back (two crossings after a visit to either edge),
/// and after no visit at all it counts one crossing and leaves either edge as the last one.
/// The rule is the same for both edges, so negating every price mirrors the result.
#[derive(Debug, Clone, Copy, Default)]
struct Crossings {
    /// The edge of the latest visit: none yet, top, bottom, or either (a first bar in both).
    last: Edge,
    count: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Edge {
    #[default]
    None,
    Top,
    Bottom,
    Either,
}

impl Crossings {
    /// A bar that enters the top zone, the bottom zone, both or neither.
    #[inline]
    fn visit(&mut self, enters_top: bool, enters_bottom: bool) {
        match (enters_top, enters_bottom, self.last) {
            (false, false, _) => {}
            (true, false, last) => {
                self.count += usize::from(matches!(last, Edge::Bottom | Edge::Either));
                self.last = Edge::Top;
            }
            (false, true, last) => {
                self.count += usize::from(matches!(last, Edge::Top | Edge::Either));
                self.last = Edge::Bottom;
            }
            (true, true, Edge::None) => {
                self.count += 1;
                self.last = Edge::Either;
            }
            (true, true, _) => self.count += 2,
        }
    }
}

/// Why [`BreakoutDetector::may_touch`] rejected a test on closes: the edge zones do not
/// interleave. With `trimmed == Up`, the last bottom bar came after every top bar and no bar
/// from the test's start up to `clean_to` reached `edge` (the top zone's floor); with `Down`,
/// the mirror image (no bar before `clean_to` reached down to `edge`, the bottom zone's
/// ceiling). Later trims of the same side reuse it (see `still_apart`).
#[derive(Debug, Clone, Copy)]
struct Apart {
    trimmed: Direction,
    /// The index of the window's far extreme in the other queue (`mi` when `Up`, `ni` when
    /// `Down`): the verdict carries over only while that extreme is kept.
    kept: usize,
    clean_to: usize,
    edge: f64,
}

#[derive(Debug, Clone, PartialEq)]
struct Tracked {
    /// Index into `breakouts`.
    slot: usize,
    /// Valid-bar position of the breakout bar.
    at: usize,
}

/// Streaming range and breakout detector: feed bars one at a time, get events as they become
/// known, with no look-ahead.
///
/// # How it works
/// * **Ranges.** A window of recent bars is kept as long as its band (highest high to lowest
///   low, or closes with [`RangeBasis::Close`]) fits the [`WidthLimit`]; when a new bar makes
///   it too wide, the oldest bars leave (two monotonic queues, O(1) amortised per bar). When a
///   close lands beyond the window's band, the window is tested as a range: at least
///   `min_bars` bars and `min_touches` separate touches of each edge. If the full window fails
///   only because its far edge was set by a few early bars (the tail of the trend that led
///   into the range), those bars are trimmed off and the rest is tested again, so a range is
///   not stretched back into the move that preceded it. Touches are separate visits to the
///   outer `touch_tolerance` of the band (a run of bars in the zone is one touch), and the
///   visits must also cross the band at least twice (top-bottom-top or bottom-top-bottom):
///   a trend that merely paused at both ends is not a range.
/// * **Cost.** Bars inside the band cost O(1). A close beyond the band tests each trim
///   candidate without scanning or allocating: on closes ([`RangeBasis::Close`], the default)
///   the touch and crossing rules reduce to first and last visits of each edge zone, found by
///   binary search in the monotonic queues and by "next bar at least as high / as low" links
///   kept as bars leave the queues (so a lookup jumps over bars that cannot be the answer);
///   when a trim fails because its edge zones do not interleave, the next trims of the same
///   side reuse that verdict and search only the bars not covered yet, and when one bound
///   over all the trims left shows they fail the same way, the test stops there; the touch
///   lists are only built for the candidate that qualifies. With
///   [`RangeBasis::HighLow`] (where one wide bar can sit in both zones) a candidate costs one
///   pass over its bars. The results are the same either way. History before the window is
///   dropped in blocks, so memory follows the window length and, in steady state, `update`
///   allocates only when it reports an event or records a range.
/// * **Breakouts.** The qualifying range is frozen (its edges no longer move) and the close
///   beyond it is a [`Breakout`] in state `Pending`. Each later bar either meets the
///   [`ConfirmRule`] (`Confirmed`), closes back inside (`Failed`: a false breakout is an event
///   too), or comes back near the level while holding (a retest). A `Confirmed` breakout that
///   closes back inside within `failure_window` bars of the breakout bar also fails.
/// * **After a failure** the range stays in force with the same edges, and the next close
///   beyond an edge is a new breakout of the same range (so a level that is tested several
///   times before it gives way yields several failed breakouts, then a confirmed one).
///   **After a confirmed breakout** has held for `failure_window` bars, the range ends at the
///   bar before the breakout; later closes back inside are pullbacks, not failures. The search
///   window is not reset, so a wider range that contains the broken one can still form and be
///   broken later (ranges nest).
///
/// # NaN and missing data
/// A bar whose close is not finite is skipped: it changes nothing and emits nothing (input
/// indices still count it). A missing (NaN) or inconsistent high/low is replaced by the close;
/// a missing volume gives `relative_volume: None`. Close-only data and ratio lines work.
///
/// # Example
/// ```
/// use chartist::breakout::{BarInput, BreakoutConfig, BreakoutDetector, Direction, EventKind};
///
/// let mut det = BreakoutDetector::new(BreakoutConfig::default().max_width_percent(5.0))?;
/// // Forty bars oscillating between 99 and 101, then a close at 104.
/// let closes = (0..40).map(|i| if i % 10 < 5 { 99.0 + 0.5 * (i % 5) as f64 } else { 101.0 - 0.5 * (i % 5) as f64 });
/// for c in closes {
///     assert!(det.update(BarInput::close(c)).is_empty());
/// }
/// let events = det.update(BarInput::close(104.0));
/// assert_eq!(events[0].kind, EventKind::Breakout);
/// assert_eq!(events[0].breakout.direction, Direction::Up);
/// assert_eq!(events[0].breakout.level, 101.0);
/// assert_eq!(events[0].breakout.target, 103.0);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct BreakoutDetector {
    cfg: BreakoutConfig,
    /// `cfg.width` as the width test uses it.
    limit: Limit,
    // History of valid bars from valid position `base` on.
    base: usize,
    /// One record per valid bar from `base` on (one push per bar).
    hist: Vec<Slot>,
    /// The timestamps of the bars in `hist`, kept by [`update`](Self::update) only: the batch
    /// [`scan`] reads them from its input when it builds the result (see `stamp_times`).
    times: Vec<Option<NaiveDateTime>>,
    /// Sum of the true ranges of every valid bar so far.
    tr_sum: f64,
    valid: usize,
    inputs: usize,
    // Window [start, valid) and its monotonic queues (valid positions).
    start: usize,
    max_q: Mono,
    min_q: Mono,
    atr: AtrTracker,
    volume: VolumeAverage,
    /// The range in force: its index in `ranges` and the mean true range of its bars.
    active: Option<(usize, f64)>,
    ranges: Vec<Range>,
    breakouts: Vec<Breakout>,
    open: Vec<Tracked>,
    events: Vec<Event>,
    /// Whether `update` reports events (the batch scan does not read them).
    emit: bool,
    /// The close of the last valid bar (the last record in `hist`).
    last_close: f64,
}

impl BreakoutDetector {
    /// A detector with the given configuration.
    ///
    /// ```
    /// use chartist::breakout::{BreakoutConfig, BreakoutDetector};
    /// assert!(BreakoutDetector::new(BreakoutConfig::default()).is_ok());
    /// assert!(BreakoutDetector::new(BreakoutConfig::default().min_bars(0)).is_err());
    /// ```
    ///
    /// # Errors
    /// As [`BreakoutConfig::validate`].
    pub fn new(config: BreakoutConfig) -> Result<Self> {
        config.validate()?;
        Ok(BreakoutDetector {
            atr: AtrTracker::new(config.atr_period)?,
            volume: VolumeAverage::new(config.volume_period)?,
            limit: Limit::of(config.width),
            cfg: config,
            base: 0,
            hist: Vec::new(),
            times: Vec::new(),
            tr_sum: 0.0,
            valid: 0,
            inputs: 0,
            start: 0,
            max_q: Mono::default(),
            min_q: Mono::default(),
            active: None,
            ranges: Vec::new(),
            breakouts: Vec::new(),
            open: Vec::new(),
            events: Vec::new(),
            emit: true,
            last_close: f64::NAN,
        })
    }

    /// The configuration.
    ///
    /// ```
    /// use chartist::breakout::{BreakoutConfig, BreakoutDetector};
    /// let det = BreakoutDetector::new(BreakoutConfig::default().min_bars(30))?;
    /// assert_eq!(det.config().min_bars, 30);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn config(&self) -> &BreakoutConfig {
        &self.cfg
    }

    /// Every breakout so far, with states as of the latest bar.
    ///
    /// ```
    /// use chartist::breakout::{BarInput, BreakoutConfig, BreakoutDetector};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let mut det = BreakoutDetector::new(cfg)?;
    /// closes.iter().for_each(|&c| { det.update(BarInput::close(c)); });
    /// assert_eq!(det.breakouts().len(), 1);
    /// assert_eq!(det.breakouts()[0].level, 11.0);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn breakouts(&self) -> &[Breakout] {
        &self.breakouts
    }

    /// Every range broken at least once so far (the last may still be in force).
    ///
    /// ```
    /// use chartist::breakout::{BarInput, BreakoutConfig, BreakoutDetector};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let mut det = BreakoutDetector::new(cfg)?;
    /// closes.iter().for_each(|&c| { det.update(BarInput::close(c)); });
    /// assert_eq!(det.ranges().len(), 1);
    /// assert_eq!((det.ranges()[0].upper, det.ranges()[0].end.index), (11.0, 39));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn ranges(&self) -> &[Range] {
        &self.ranges
    }

    /// The range currently in force (broken at least once, no breakout has held yet).
    ///
    /// ```
    /// use chartist::breakout::{BarInput, BreakoutConfig, BreakoutDetector};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let mut det = BreakoutDetector::new(cfg)?;
    /// closes[..41].iter().for_each(|&c| { det.update(BarInput::close(c)); });
    /// assert_eq!(det.active_range().map(|r| r.upper), Some(11.0)); // broken, not held yet
    /// closes[41..].iter().for_each(|&c| { det.update(BarInput::close(c)); });
    /// assert!(det.active_range().is_none()); // the breakout held for the failure window
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn active_range(&self) -> Option<&Range> {
        self.active.and_then(|(i, _)| self.ranges.get(i))
    }

    /// The range that would qualify now if a breakout happened on the next bar, when no range
    /// is in force. O(window length).
    ///
    /// ```
    /// use chartist::breakout::{BarInput, BreakoutConfig, BreakoutDetector};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let mut det = BreakoutDetector::new(cfg)?;
    /// closes[..40].iter().for_each(|&c| { det.update(BarInput::close(c)); });
    /// let forming = det.forming_range().expect("a range has formed");
    /// assert_eq!((forming.upper, forming.lower), (11.0, 9.0));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn forming_range(&self) -> Option<Range> {
        if self.active.is_some() || self.valid == 0 {
            return None;
        }
        let end = self.valid - 1;
        let a = self.qualify(end, Direction::Up).map(|q| q.0);
        let b = self.qualify(end, Direction::Down).map(|q| q.0);
        match (a, b) {
            (Some(a), Some(b)) => Some(if b.start.index < a.start.index { b } else { a }),
            (a, b) => a.or(b),
        }
    }

    #[inline]
    fn h(&self, v: usize) -> f64 {
        self.hist[v - self.base].high
    }
    #[inline]
    fn l(&self, v: usize) -> f64 {
        self.hist[v - self.base].low
    }

    /// The input position (and timestamp, when kept) of valid bar `v`.
    #[inline]
    fn bar_ref(&self, v: usize) -> BarRef {
        BarRef {
            index: self.hist[v - self.base].index,
            time: self.times.get(v - self.base).copied().flatten(),
        }
    }

    /// The sum of the true ranges of the valid bars up to and including `to`.
    #[inline]
    fn tr_through(&self, to: usize) -> f64 {
        self.hist
            .get(to + 1 - self.base)
            .map_or(self.tr_sum, |s| s.tr_before)
    }

    /// Whether bars `[from, to]` with this band fit the width limit; `tr_through` is
    /// [`tr_through(to)`](Self::tr_through).
    #[inline]
    fn fits(&self, from: usize, to: usize, tr_through: f64, upper: f64, lower: f64) -> bool {
        let sum = tr_through - self.hist[from - self.base].tr_before;
        band_fits(self.limit, to + 1 - from, sum, upper, lower)
    }

    /// Tests bars `[start', end]` as a range broken in `dir`, trimming early bars that hold the
    /// far edge alone.
    fn qualify(&self, end: usize, dir: Direction) -> Option<(Range, usize)> {
        let min_bars = self.cfg.min_bars;
        let (max_q, min_q) = (self.max_q.live(), self.min_q.live());
        let mut from = self.start;
        let end_tr = self.tr_through(end);
        let (mut mi, mut ni) = (0usize, 0usize);
        // The latest "edge zones apart" verdict on the trimmed side, if any (see `Apart`).
        let mut apart: Option<Apart> = None;
        loop {
            if end + 1 < from.saturating_add(min_bars) {
                return None;
            }
            while max_q.get(mi).is_some_and(|e| e.at < from) {
                mi += 1;
            }
            while min_q.get(ni).is_some_and(|e| e.at < from) {
                ni += 1;
            }
            let (Some(&hi), Some(&lo)) = (max_q.get(mi), min_q.get(ni)) else {
                return None;
            };
            let (hi_at, lo_at, upper, lower) = (hi.at, lo.at, hi.value, lo.value);
            if hi_at > end || lo_at > end {
                return None;
            }
            let known_apart = apart.as_mut().is_some_and(|a| {
                self.still_apart(a, dir, from, (upper, hi_at), (lower, lo_at), (mi, ni))
            });
            if !known_apart && self.fits(from, end, end_tr, upper, lower) {
                let mut why = None;
                if self.may_touch(from, end, upper, lower, (mi, ni), &mut why)
                    && let Some(r) = self.accepted_touches(from, end, upper, lower)
                {
                    return Some((r, from));
                }
                if let Some(a) = &why
                    && self.apart_to_the_end(a, dir, end, (mi, ni))
                {
                    return None;
                }
                apart = why.or(apart);
            }
            // Trim through the bar that holds the far edge: the first entry at or after
            // `from` of the queue on that side.
            from = match dir {
                Direction::Up => lo_at,
                Direction::Down => hi_at,
            } + 1;
        }
    }

    /// Whether [`touches`](Self::touches) can accept `[from, end]` with this band: exact (never
    /// `false` when it would accept, and with disjoint edge zones never `true` when it would
    /// reject), but without scanning the window and without allocating.
    ///
    /// On closes (one price per bar) with disjoint edge zones the touch rules reduce to
    /// first/last visits: the last bar in each zone comes from the monotonic queues (binary
    /// search), the first bar at or after a position from the `next_ge` / `next_le` chains
    /// (which jump over every bar that cannot be the answer). Two crossings means the zones
    /// interleave: the first top bar comes before the last bottom bar and the first bottom bar
    /// before the last top bar. Separate touches are counted by hopping from a zone to the
    /// first bar outside it and back, stopping at `min_touches`. Other cases (high/low basis,
    /// where one bar can sit in both zones, or zones that meet) run the scan without recording
    /// touches.
    fn may_touch(
        &self,
        from: usize,
        end: usize,
        upper: f64,
        lower: f64,
        (mi, ni): (usize, usize),
        apart: &mut Option<Apart>,
    ) -> bool {
        let height = upper - lower;
        let tol = self.cfg.touch_tolerance * height;
        let (top, bottom) = (upper - tol, lower + tol);
        if self.cfg.basis != RangeBasis::Close || top <= bottom {
            return self.touch_counts_ok(from, end, top, bottom);
        }
        let stop = end + 1;
        // Queue entries before `mi` / `ni` lie beyond the window's edges, so inside the zones.
        let (max_q, min_q) = (self.max_q.live(), self.min_q.live());
        let n_top = zone_len(max_q, mi, |h| h >= top);
        let n_bottom = zone_len(min_q, ni, |l| l <= bottom);
        let (
            Some(&Entry { at: last_top, .. }),
            Some(&Entry {
                at: last_bottom, ..
            }),
        ) = (
            n_top.checked_sub(1).and_then(|i| max_q.get(i)),
            n_bottom.checked_sub(1).and_then(|i| min_q.get(i)),
        )
        else {
            return self.touch_counts_ok(from, end, top, bottom);
        };
        if last_top < from || last_bottom < from || last_top > end || last_bottom > end {
            return self.touch_counts_ok(from, end, top, bottom);
        }
        // Two crossings: the zones interleave.
        let interleave = if last_top > last_bottom {
            self.first_ge(from, top, last_bottom).is_some()
        } else {
            self.first_le(from, bottom, last_top).is_some()
        };
        if !interleave {
            *apart = Some(if last_top > last_bottom {
                Apart {
                    trimmed: Direction::Up,
                    kept: mi,
                    clean_to: last_bottom,
                    edge: top,
                }
            } else {
                Apart {
                    trimmed: Direction::Down,
                    kept: ni,
                    clean_to: last_top,
                    edge: bottom,
                }
            });
            return false;
        }
        let need = self.cfg.min_touches;
        // Separate visits to the top zone, then to the bottom zone.
        let mut seen = 0;
        let mut x = from;
        while let Some(a) = self.first_ge(x, top, stop) {
            seen += 1;
            if seen >= need {
                break;
            }
            match self.first_lt(a, top, stop) {
                Some(b) => x = b,
                None => break,
            }
        }
        if seen < need {
            return false;
        }
        seen = 0;
        x = from;
        while let Some(a) = self.first_le(x, bottom, stop) {
            seen += 1;
            if seen >= need {
                break;
            }
            match self.first_gt(a, bottom, stop) {
                Some(b) => x = b,
                None => break,
            }
        }
        seen >= need
    }

    /// Whether a later trim `[from, ..]` of the same qualify loop is rejected for the reason
    /// recorded in `a`, searching only bars not covered yet (and extending `a` if so). Exact:
    /// true only when [`may_touch`](Self::may_touch) would return `false` on the same test.
    ///
    /// Say an upside test (trimming `min_q`) found no top bar before the last bottom bar. The
    /// window's high (a top bar at or after `from`) therefore sits after it. A later trim
    /// starts later; while it keeps that high (same `mi`) and its top zone starts no lower
    /// (checked), its last bottom bar `L` (found in `min_q`) still comes before that high,
    /// and if no bar from `from` to `L` reaches the top zone, the zones do not interleave:
    /// rejected, for the same reason. Bars up to `clean_to` are known not to reach `edge`, so
    /// only the bars after it are searched. A downside test (trimming `max_q`) is the mirror.
    #[inline]
    fn still_apart(
        &self,
        a: &mut Apart,
        dir: Direction,
        from: usize,
        (upper, hi_at): (f64, usize),
        (lower, lo_at): (f64, usize),
        (mi, ni): (usize, usize),
    ) -> bool {
        let height = upper - lower;
        let tol = self.cfg.touch_tolerance * height;
        let (top, bottom) = (upper - tol, lower + tol);
        if a.trimmed != dir || top <= bottom {
            return false;
        }
        match dir {
            Direction::Up => {
                let q = self.min_q.live();
                let n_bottom = zone_len(q, ni, |l| l <= bottom);
                let Some(&Entry {
                    at: last_bottom, ..
                }) = n_bottom.checked_sub(1).and_then(|i| q.get(i))
                else {
                    return false;
                };
                if a.kept != mi || top < a.edge || hi_at <= last_bottom {
                    return false;
                }
                let x = a.clean_to.max(from);
                if self.first_ge(x, top, last_bottom).is_some() {
                    return false;
                }
                a.clean_to = x.max(last_bottom);
                a.edge = top;
            }
            Direction::Down => {
                let q = self.max_q.live();
                let n_top = zone_len(q, mi, |h| h >= top);
                let Some(&Entry { at: last_top, .. }) = n_top.checked_sub(1).and_then(|i| q.get(i))
                else {
                    return false;
                };
                if a.kept != ni || bottom > a.edge || lo_at <= last_top {
                    return false;
                }
                let x = a.clean_to.max(from);
                if self.first_le(x, bottom, last_top).is_some() {
                    return false;
                }
                a.clean_to = x.max(last_top);
                a.edge = bottom;
            }
        }
        true
    }

    /// Whether every trim of a qualify loop after the current one (the test of `[from, end]`,
    /// whose extremes are the queue entries `mi` / `ni`, just rejected with the fresh verdict
    /// `a`) would be rejected by [`still_apart`](Self::still_apart) until the loop ends, so
    /// the loop can stop now with the same answer (no range). Exact: `true` only when each of
    /// those trims meets every condition under which `still_apart` rejects it, all bounded
    /// in one pass.
    ///
    /// Say the verdict is on an upside test (trims through `min_q`; the mirror image for a
    /// downside one). The kept high `upper` at `hi_at` stays while the trims run (each trim's
    /// last bottom bar is at or after its start and before `hi_at`, checked below). One pass
    /// over the remaining trims' lows (the next `min_q` entries, up to the last start that
    /// leaves `min_bars` bars) computes each trim's zones exactly as `still_apart` does,
    /// requires them apart and the top zone's floor never to go down, and keeps the highest
    /// bottom-zone ceiling and the lowest floor. Every trim's last bottom bar is then at or
    /// before the last `min_q` entry under that ceiling (`last`); if `last` comes before
    /// `hi_at` and no bar from the verdict's `clean_to` up to `last` reaches the lowest floor,
    /// no trim can find a top bar before its last bottom bar: all are rejected.
    fn apart_to_the_end(
        &self,
        a: &Apart,
        dir: Direction,
        end: usize,
        (mi, ni): (usize, usize),
    ) -> bool {
        if a.trimmed != dir {
            return false;
        }
        let Some(last_from) = (end + 1).checked_sub(self.cfg.min_bars) else {
            return true; // no trim leaves `min_bars` bars: the loop ends now
        };
        let t = self.cfg.touch_tolerance;
        // The side that stays (the entry `fixed_i` of `fixed_q`) and the queue the trims walk
        // (from its entry `first`).
        let (fixed_q, fixed_i, walked, first) = match dir {
            Direction::Up => (self.max_q.live(), mi, self.min_q.live(), ni),
            Direction::Down => (self.min_q.live(), ni, self.max_q.live(), mi),
        };
        let (Some(&fixed), Some(&current)) = (fixed_q.get(fixed_i), walked.get(first)) else {
            return false;
        };
        let mut edge = a.edge;
        let (mut inner, mut outer) = match dir {
            Direction::Up => (f64::NEG_INFINITY, f64::INFINITY),
            Direction::Down => (f64::INFINITY, f64::NEG_INFINITY),
        };
        let mut from = current.at + 1;
        let mut k = first + 1;
        while from <= last_from {
            let Some(&e) = walked.get(k) else { break };
            if e.at > end {
                break;
            }
            let (upper, lower) = match dir {
                Direction::Up => (fixed.value, e.value),
                Direction::Down => (e.value, fixed.value),
            };
            let tol = t * (upper - lower);
            let (top, bottom) = (upper - tol, lower + tol);
            if top <= bottom {
                return false;
            }
            // `own`: this trim's edge zone on the walked side; `other`: the fixed side's.
            let (own, other) = match dir {
                Direction::Up => (bottom, top),
                Direction::Down => (top, bottom),
            };
            let keeps_edge = match dir {
                Direction::Up => other >= edge,
                Direction::Down => other <= edge,
            };
            if !keeps_edge {
                return false;
            }
            edge = other;
            // The widest own zone (highest bottom ceiling / lowest top floor) and the
            // loosest other zone (lowest top floor / highest bottom ceiling).
            (inner, outer) = match dir {
                Direction::Up => (inner.max(own), outer.min(other)),
                Direction::Down => (inner.min(own), outer.max(other)),
            };
            from = e.at + 1;
            k += 1;
        }
        if k == first + 1 {
            return true; // no further trim is tested
        }
        if a.kept != fixed_i {
            return false;
        }
        let n = match dir {
            Direction::Up => zone_len(walked, first + 1, |l| l <= inner),
            Direction::Down => zone_len(walked, first + 1, |h| h >= inner),
        };
        let Some(&Entry { at: last, .. }) = n.checked_sub(1).and_then(|i| walked.get(i)) else {
            return false;
        };
        if fixed.at <= last {
            return false;
        }
        match dir {
            Direction::Up => self.first_ge(a.clean_to, outer, last).is_none(),
            Direction::Down => self.first_le(a.clean_to, outer, last).is_none(),
        }
    }

    /// The first bar in `[x, stop)` whose high is `>= t` (follows `next_ge`).
    #[inline]
    fn first_ge(&self, mut x: usize, t: f64, stop: usize) -> Option<usize> {
        while x < stop {
            if self.h(x) >= t {
                return Some(x);
            }
            x = self.hist[x - self.base].next_ge;
        }
        None
    }

    /// The first bar in `[x, stop)` whose low is `<= t` (follows `next_le`).
    #[inline]
    fn first_le(&self, mut x: usize, t: f64, stop: usize) -> Option<usize> {
        while x < stop {
            if self.l(x) <= t {
                return Some(x);
            }
            x = self.hist[x - self.base].next_le;
        }
        None
    }

    /// On closes: the first bar in `[x, stop)` whose close is `< t` (follows `next_le`).
    #[inline]
    fn first_lt(&self, mut x: usize, t: f64, stop: usize) -> Option<usize> {
        while x < stop {
            if self.l(x) < t {
                return Some(x);
            }
            x = self.hist[x - self.base].next_le;
        }
        None
    }

    /// On closes: the first bar in `[x, stop)` whose close is `> t` (follows `next_ge`).
    #[inline]
    fn first_gt(&self, mut x: usize, t: f64, stop: usize) -> Option<usize> {
        while x < stop {
            if self.h(x) > t {
                return Some(x);
            }
            x = self.hist[x - self.base].next_ge;
        }
        None
    }

    /// [`touches`](Self::touches)'s acceptance test alone: one pass, nothing recorded.
    fn touch_counts_ok(&self, from: usize, end: usize, top: f64, bottom: f64) -> bool {
        let (mut in_top, mut in_bottom) = (false, false);
        let (mut n_up, mut n_down) = (0usize, 0usize);
        let mut crossings = Crossings::default();
        for s in &self.hist[from - self.base..=end - self.base] {
            let (h, l) = (s.high, s.low);
            let (enters_top, enters_bottom) = (h >= top && !in_top, l <= bottom && !in_bottom);
            crossings.visit(enters_top, enters_bottom);
            n_up += usize::from(enters_top);
            n_down += usize::from(enters_bottom);
            in_top = h >= top;
            in_bottom = l <= bottom;
        }
        let need = self.cfg.min_touches;
        crossings.count >= 2 && n_up >= need && n_down >= need
    }

    /// [`touches`](Self::touches) for a test that [`may_touch`](Self::may_touch) has accepted.
    /// On closes with edge zones apart, that acceptance is exact, so only the touch lists are
    /// left to find, and they are found along the `next_ge` / `next_le` chains: each visit to a
    /// zone runs from its first bar to the first bar outside it, and its highest (lowest)
    /// close is the first bar of the chain's records that no later record beats strictly,
    /// exactly the bar the scan in `touches` keeps. Other cases run `touches` itself.
    fn accepted_touches(&self, from: usize, end: usize, upper: f64, lower: f64) -> Option<Range> {
        let height = upper - lower;
        let tol = self.cfg.touch_tolerance * height;
        let (top, bottom) = (upper - tol, lower + tol);
        if self.cfg.basis != RangeBasis::Close || top <= bottom {
            return self.touches(from, end, upper, lower);
        }
        let (stop, base) = (end + 1, self.base);
        // Four touches fit without regrowing (most ranges have two or three per edge).
        let mut up = Vec::with_capacity(4);
        let mut x = from;
        while let Some(a) = self.first_ge(x, top, stop) {
            let b = self.first_lt(a, top, stop).unwrap_or(stop);
            let (mut best, mut y) = (a, self.hist[a - base].next_ge);
            while y < b {
                if self.h(y) > self.h(best) {
                    best = y;
                }
                y = self.hist[y - base].next_ge;
            }
            up.push(self.bar_ref(best));
            x = b;
        }
        let mut down = Vec::with_capacity(4);
        x = from;
        while let Some(a) = self.first_le(x, bottom, stop) {
            let b = self.first_gt(a, bottom, stop).unwrap_or(stop);
            let (mut best, mut y) = (a, self.hist[a - base].next_le);
            while y < b {
                if self.l(y) < self.l(best) {
                    best = y;
                }
                y = self.hist[y - base].next_le;
            }
            down.push(self.bar_ref(best));
            x = b;
        }
        let range = Range {
            start: self.bar_ref(from),
            end: self.bar_ref(end),
            upper,
            lower,
            height,
            upper_touches: up,
            lower_touches: down,
        };
        debug_assert_eq!(Some(&range), self.touches(from, end, upper, lower).as_ref());
        Some(range)
    }

    fn touches(&self, from: usize, end: usize, upper: f64, lower: f64) -> Option<Range> {
        let height = upper - lower;
        let tol = self.cfg.touch_tolerance * height;
        let (top, bottom) = (upper - tol, lower + tol);
        let need = self.cfg.min_touches;
        let mut up: Vec<BarRef> = Vec::new();
        let mut down: Vec<BarRef> = Vec::new();
        let (mut in_top, mut in_bottom) = (false, false);
        let (mut best_top, mut best_bottom) = (0usize, 0usize);
        let mut crossings = Crossings::default();
        for (k, s) in self.hist[from - self.base..=end - self.base]
            .iter()
            .enumerate()
        {
            let (h, l) = (s.high, s.low);
            let v = from + k;
            crossings.visit(h >= top && !in_top, l <= bottom && !in_bottom);
            if h >= top {
                if !in_top {
                    in_top = true;
                    best_top = v;
                } else if h > self.h(best_top) {
                    best_top = v;
                }
            } else if in_top {
                in_top = false;
                up.push(self.bar_ref(best_top));
            }
            if l <= bottom {
                if !in_bottom {
                    in_bottom = true;
                    best_bottom = v;
                } else if l < self.l(best_bottom) {
                    best_bottom = v;
                }
            } else if in_bottom {
                in_bottom = false;
                down.push(self.bar_ref(best_bottom));
            }
        }
        if in_top {
            up.push(self.bar_ref(best_top));
        }
        if in_bottom {
            down.push(self.bar_ref(best_bottom));
        }
        if crossings.count < 2 {
            return None;
        }
        if up.len() < need || down.len() < need {
            return None;
        }
        Some(Range {
            start: self.bar_ref(from),
            end: self.bar_ref(end),
            upper,
            lower,
            height,
            upper_touches: up,
            lower_touches: down,
        })
    }
}

impl BreakoutDetector {
    /// Feeds one bar and returns the events it caused (usually none).
    ///
    /// Several events can share a bar: a breakout confirmed on its own bar
    /// ([`ConfirmRule::Closes(1)`](ConfirmRule::Closes)), or an upside breakout failing on a
    /// close below the range that is itself a downside breakout.
    ///
    /// ```
    /// use chartist::breakout::{BarInput, BreakoutConfig, BreakoutDetector, EventKind};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let mut det = BreakoutDetector::new(cfg)?;
    /// for &c in &closes[..40] {
    ///     assert!(det.update(BarInput::close(c)).is_empty());
    /// }
    /// assert!(det.update(BarInput::close(f64::NAN)).is_empty()); // skipped
    /// assert_eq!(det.update(BarInput::close(12.0))[0].kind, EventKind::Breakout);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn update(&mut self, bar: BarInput) -> &[Event] {
        self.events.clear();
        let index = self.inputs;
        self.inputs += 1;
        if bar.close.is_finite() {
            self.times.push(bar.time);
            self.advance(index, bar.close, bar.high, bar.low, bar.volume, bar.time);
        }
        &self.events
    }

    /// The state machine's step for one valid bar (finite `c`): what [`update`](Self::update)
    /// does after counting the input and keeping its timestamp. The batch [`scan`] calls it
    /// directly with the columns' values (no [`BarInput`], no timestamp: `time` is `None` and
    /// the result's timestamps are filled in from the input at the end).
    #[inline(always)]
    fn advance(
        &mut self,
        index: usize,
        c: f64,
        high: f64,
        low: f64,
        volume: f64,
        time: Option<NaiveDateTime>,
    ) {
        let (th, tl) = if high.is_finite() && low.is_finite() {
            // `max` / `min` without their NaN handling: all three are finite here.
            (
                if c > high { c } else { high },
                if c < low { c } else { low },
            )
        } else {
            (c, c)
        };
        let (hi, lo) = match self.cfg.basis {
            RangeBasis::HighLow => (th, tl),
            RangeBasis::Close => (c, c),
        };
        let v = self.valid;
        self.valid += 1;
        let here = BarRef { index, time };
        self.hist.push(Slot {
            high: hi,
            low: lo,
            tr_before: self.tr_sum,
            next_ge: NONE,
            next_le: NONE,
            index,
        });
        self.last_close = c;

        // 1. Advance the open breakouts.
        let mut k = 0;
        while k < self.open.len() {
            let Tracked { slot, at } = self.open[k];
            match self.step(slot, v - at, here, c, th, tl) {
                Some(settled) => {
                    self.open.remove(k);
                    if settled {
                        self.settle(slot);
                    }
                }
                None => k += 1,
            }
        }

        // 2. Look for a new breakout.
        if let Some((a, mean_tr)) = self.active {
            let (upper, lower) = (self.ranges[a].upper, self.ranges[a].lower);
            let dir = if c > upper {
                Some(Direction::Up)
            } else if c < lower {
                Some(Direction::Down)
            } else {
                None
            };
            if let Some(dir) = dir
                && v > self.base
                && !self
                    .open
                    .iter()
                    .any(|t| self.breakouts[t.slot].direction == dir)
            {
                let mut range = self.ranges[a].clone();
                range.end = self.bar_ref(v - 1);
                self.begin(dir, range, mean_tr, v, here, c, volume, th, tl);
            }
        } else if v >= self.start.saturating_add(self.cfg.min_bars)
            && let (Some(hi), Some(lo)) = (self.max_q.front(), self.min_q.front())
        {
            let dir = if c > hi.value {
                Some(Direction::Up)
            } else if c < lo.value {
                Some(Direction::Down)
            } else {
                None
            };
            if let Some(dir) = dir
                && let Some((range, from)) = self.qualify(v - 1, dir)
            {
                let sum =
                    self.hist[v - self.base].tr_before - self.hist[from - self.base].tr_before;
                let mean_tr = sum / bar_count(v - from);
                self.ranges.push(range.clone());
                self.active = Some((self.ranges.len() - 1, mean_tr));
                self.begin(dir, range, mean_tr, v, here, c, volume, th, tl);
            }
        }
        // This bar's true range and volume join the averages only now: a breakout on this bar
        // (`begin`) reads the ATR and average volume of the bars before it.
        self.tr_sum += self.atr.update(th, tl, c);
        self.volume.update(volume);

        // The range in force lasts through this bar. The batch scan reports only its final
        // state, so it sets this once at the end (`finish`).
        if self.emit
            && let Some((a, _)) = self.active
        {
            self.ranges[a].end = here;
        }

        // 3. Slide the search window. (`hist` as a slice: its pointer and length stay in
        // registers while the queues' own buffers are written.)
        let (base, hist) = (self.base, self.hist.as_mut_slice());
        let (max_q, min_q) = (&mut self.max_q, &mut self.min_q);
        max_q.push(v, hi, |x| x <= hi, |at| hist[at - base].next_ge = v);
        min_q.push(v, lo, |x| x >= lo, |at| hist[at - base].next_le = v);
        // Most bars leave the window fitting as it is: one width test, and no loop to set up.
        let start = self.start;
        if let (Some(h), Some(l)) = (max_q.front(), min_q.front())
            && start < v
        {
            let sum = self.tr_sum - hist[start - base].tr_before;
            if !band_fits(self.limit, v + 1 - start, sum, h.value, l.value) {
                self.shrink(v);
            }
        }
    }

    /// Drops the oldest bars until the window ending at bar `v` fits (what
    /// [`advance`](Self::advance) does when the window with bar `v` added is too wide).
    ///
    /// Bars are dropped one at a time, each drop followed by the width test, as the window's
    /// definition says. Only dropping a queue's front changes the band, so the bars before the
    /// first front are tested in a loop that keeps the band fixed (on daily data about twelve
    /// bars per front), and the queues are looked at only when a front is reached.
    #[inline(never)]
    fn shrink(&mut self, v: usize) {
        let (base, hist) = (self.base, self.hist.as_slice());
        let (max_q, min_q) = (&mut self.max_q, &mut self.min_q);
        let (limit, tr_through) = (self.limit, self.tr_sum);
        let mut start = self.start;
        'slide: while start < v {
            let (Some(&hi), Some(&lo)) = (max_q.front(), min_q.front()) else {
                break;
            };
            debug_assert!(hi.at >= start && lo.at >= start);
            // The last start to test with this band: the first front's bar (or `v - 1`).
            let front = hi.at.min(lo.at).min(v - 1);
            loop {
                let sum = tr_through - hist[start - base].tr_before;
                if band_fits(limit, v + 1 - start, sum, hi.value, lo.value) {
                    break 'slide;
                }
                if start >= front {
                    break;
                }
                start += 1;
            }
            // Queue positions are distinct and at least `start`, so dropping bar `start`
            // drops at most the front of each queue.
            if hi.at == start {
                max_q.pop_front();
            }
            if lo.at == start {
                min_q.pop_front();
            }
            start += 1;
        }
        // Fronts are popped and history falls behind the window only when the window moves.
        if start != self.start {
            self.start = start;
            self.compact();
        }
    }

    /// Brings the state that [`advance`](Self::advance) leaves out in batch mode up to date:
    /// the range in force ends at the last bar.
    fn finish(&mut self) {
        if let Some((a, _)) = self.active
            && self.valid > self.base
        {
            self.ranges[a].end = self.bar_ref(self.valid - 1);
        }
    }

    /// Room for `bars` more bars of history without regrowing the buffers.
    fn reserve(&mut self, bars: usize) {
        self.hist.reserve(bars);
        // The queues hold the window's suffix maxima / minima: a few dozen entries on daily
        // data, so 256 (4 KiB each) saves their first half-dozen doublings on every series.
        self.max_q.buf.reserve(bars.min(256));
        self.min_q.buf.reserve(bars.min(256));
    }

    /// Room for the breakouts and ranges a scan of `bars` bars is likely to find, so the
    /// lists do not regrow (and copy every breakout found so far): with the defaults, a daily
    /// random walk gives about one breakout per 37 bars (volatility 1.5%) to 40 (1%) and one
    /// range per 90, so one per 32 and one per 64 usually need no doubling at all.
    /// Capacity only: results do not depend on it.
    fn reserve_found(&mut self, bars: usize) {
        self.breakouts.reserve(bars / 32);
        self.ranges.reserve(bars / 64);
    }

    /// Drops history before the window once it is a large share of the buffers.
    fn compact(&mut self) {
        self.max_q.compact();
        self.min_q.compact();
        let drop = self.start - self.base;
        if drop >= 4096 && drop * 2 >= self.hist.len() {
            self.hist.drain(..drop);
            if !self.times.is_empty() {
                self.times.drain(..drop);
            }
            self.base = self.start;
        }
    }

    /// A breakout has held for the failure window: the range ends at the bar before it. The
    /// search window is left alone, so a wider range holding this one can still be found.
    fn settle(&mut self, slot: usize) {
        if let Some((a, _)) = self.active.take() {
            self.ranges[a].end = self.breakouts[slot].range.end;
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn begin(
        &mut self,
        direction: Direction,
        range: Range,
        mean_tr: f64,
        v: usize,
        here: BarRef,
        close: f64,
        volume: f64,
        th: f64,
        tl: f64,
    ) {
        let (level, target) = match direction {
            Direction::Up => (range.upper, range.upper + range.height),
            Direction::Down => (range.lower, range.lower - range.height),
        };
        // Neither average has been fed this bar yet: these are as of the bar before.
        let (atr_before, volume_avg) = (self.atr.value(), self.volume.value());
        let atr = atr_before.filter(|a| *a > 0.0).unwrap_or(mean_tr);
        let distance_atr = (atr > 0.0).then(|| (close - level).abs() / atr);
        let relative_volume = match volume_avg {
            Some(a) if a > 0.0 && volume.is_finite() => Some(volume / a),
            _ => None,
        };
        let b = Breakout {
            direction,
            level,
            bar: here,
            close,
            distance_atr,
            relative_volume,
            state: BreakoutState::Pending,
            confirmed_at: None,
            failed_at: None,
            retest_at: None,
            target,
            invalidation: range.mid(),
            atr,
            range,
        };
        if self.emit {
            self.events.push(Event {
                kind: EventKind::Breakout,
                at: here,
                breakout: b.clone(),
            });
        }
        self.breakouts.push(b);
        let slot = self.breakouts.len() - 1;
        match self.step(slot, 0, here, close, th, tl) {
            Some(true) => self.settle(slot),
            Some(false) => {}
            None => self.open.push(Tracked { slot, at: v }),
        }
    }

    /// Advances one open breakout by a bar `age` bars after its breakout bar. Returns
    /// `Some(true)` when it has held for the failure window (settled), `Some(false)` when it
    /// failed, `None` while it stays open.
    fn step(
        &mut self,
        slot: usize,
        age: usize,
        here: BarRef,
        c: f64,
        th: f64,
        tl: f64,
    ) -> Option<bool> {
        let window = self.cfg.failure_window;
        let rule = self.cfg.confirm;
        let tolerance = self.cfg.retest_tolerance;
        let emit = self.emit;
        let b = &mut self.breakouts[slot];
        let beyond_by = match b.direction {
            Direction::Up => c - b.level,
            Direction::Down => b.level - c,
        };
        if beyond_by <= 0.0 {
            b.failed_at = Some(here);
            b.state = BreakoutState::Failed;
            if emit {
                self.events.push(Event {
                    kind: EventKind::Failed,
                    at: here,
                    breakout: b.clone(),
                });
            }
            return Some(false);
        }
        if b.state == BreakoutState::Pending {
            let met = match rule {
                ConfirmRule::Closes(n) => age + 1 >= n,
                ConfirmRule::Percent(x) => beyond_by >= b.level.abs() * x / 100.0,
                ConfirmRule::Atr(x) => beyond_by >= x * b.atr,
                ConfirmRule::Bars(n) => age >= n,
            };
            if met {
                b.confirmed_at = Some(here);
                b.state = BreakoutState::Confirmed;
                if emit {
                    self.events.push(Event {
                        kind: EventKind::Confirmed,
                        at: here,
                        breakout: b.clone(),
                    });
                }
            }
        }
        if age >= 1 && b.retest_at.is_none() {
            let near = match b.direction {
                Direction::Up => tl <= b.level + tolerance * b.atr,
                Direction::Down => th >= b.level - tolerance * b.atr,
            };
            if near {
                b.retest_at = Some(here);
                if emit {
                    self.events.push(Event {
                        kind: EventKind::Retest,
                        at: here,
                        breakout: b.clone(),
                    });
                }
            }
        }
        (b.state == BreakoutState::Confirmed && age >= window).then_some(true)
    }

    /// Everything found so far, as a [`Scan`] (the forming range is evaluated now, O(window)).
    ///
    /// ```
    /// use chartist::breakout::{scan, BarInput, BreakoutConfig, BreakoutDetector, Input};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let mut det = BreakoutDetector::new(cfg.clone())?;
    /// closes.iter().for_each(|&c| { det.update(BarInput::close(c)); });
    /// assert_eq!(det.to_scan(), scan(Input::closes(&closes), &cfg)?);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn to_scan(&self) -> Scan {
        Scan {
            ranges: self.ranges.clone(),
            breakouts: self.breakouts.clone(),
            forming: self.forming_range(),
            last: self.last(),
        }
    }

    /// [`to_scan`](Self::to_scan) without copying.
    fn into_scan(self) -> Scan {
        let (forming, last) = (self.forming_range(), self.last());
        Scan {
            ranges: self.ranges,
            breakouts: self.breakouts,
            forming,
            last,
        }
    }

    /// The last valid bar and its close.
    fn last(&self) -> Option<(BarRef, f64)> {
        let last = self.valid.checked_sub(1).filter(|&v| v >= self.base)?;
        Some((self.bar_ref(last), self.last_close))
    }

    /// Forgets every bar, as if newly constructed with the same configuration.
    ///
    /// ```
    /// use chartist::breakout::{BarInput, BreakoutConfig, BreakoutDetector};
    /// # let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
    /// # closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
    /// # let cfg = BreakoutConfig::default().max_width_percent(30.0);
    /// let mut det = BreakoutDetector::new(cfg)?;
    /// closes.iter().for_each(|&c| { det.update(BarInput::close(c)); });
    /// det.reset();
    /// assert!(det.breakouts().is_empty() && det.to_scan().last.is_none());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn reset(&mut self) {
        let cfg = self.cfg.clone();
        if let Ok(fresh) = BreakoutDetector::new(cfg) {
            *self = fresh;
        }
    }
}

/// Scans columns for consolidation ranges and breakouts: the batch driver of
/// [`BreakoutDetector`], giving exactly the breakouts the detector holds after the last bar.
///
/// Fewer bars than `min_bars + 1` simply find nothing (an empty [`Scan`]); so do a flat
/// series (its single touch of each edge never reaches two separate touches) and a series of
/// NaN. See [`BreakoutDetector`] for the method and the NaN handling.
///
/// ```
/// use chartist::breakout::{scan, BreakoutConfig, BreakoutState, Direction, Input};
///
/// // A range between 9 and 11 for 40 bars, then two closes above it.
/// let mut closes: Vec<f64> = (0..40).map(|i| [10.0, 11.0, 10.0, 9.0][i % 4]).collect();
/// closes.extend([12.0, 12.5, 13.0, 12.8, 13.1, 13.4, 13.2]);
/// let found = scan(Input::closes(&closes), &BreakoutConfig::default().max_width_percent(30.0))?;
/// let b = &found.breakouts[0];
/// assert_eq!((b.direction, b.level, b.bar.index), (Direction::Up, 11.0, 40));
/// assert_eq!(b.state, BreakoutState::Confirmed);
/// assert_eq!(b.target, 13.0);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::LengthMismatch`] when high, low, volume or times differ in length from the
/// closes; the errors of [`BreakoutConfig::validate`].
pub fn scan(input: Input<'_>, config: &BreakoutConfig) -> Result<Scan> {
    input.check()?;
    let mut det = BreakoutDetector::new(config.clone())?;
    det.emit = false;
    // History is dropped in blocks once the window has left 4,096 bars behind, so this
    // covers short series whole (no regrowth) and long ones up to their first compaction.
    det.reserve(input.close.len().min(8192));
    det.reserve_found(input.close.len());
    let nan = f64::NAN;
    match (input.high_low, input.volume) {
        (Some((high, low)), Some(volume)) => {
            let rows = input.close.iter().zip(high).zip(low).zip(volume);
            for (i, (((&c, &h), &l), &v)) in rows.enumerate() {
                if c.is_finite() {
                    det.advance(i, c, h, l, v, None);
                }
            }
        }
        (Some((high, low)), None) => {
            let rows = input.close.iter().zip(high).zip(low);
            for (i, ((&c, &h), &l)) in rows.enumerate() {
                if c.is_finite() {
                    det.advance(i, c, h, l, nan, None);
                }
            }
        }
        (None, Some(volume)) => {
            for (i, (&c, &v)) in input.close.iter().zip(volume).enumerate() {
                if c.is_finite() {
                    det.advance(i, c, nan, nan, v, None);
                }
            }
        }
        (None, None) => {
            for (i, &c) in input.close.iter().enumerate() {
                if c.is_finite() {
                    det.advance(i, c, nan, nan, nan, None);
                }
            }
        }
    }
    det.inputs = input.close.len();
    det.finish();
    let mut found = det.into_scan();
    if let Some(times) = input.times {
        found.stamp_times(times);
    }
    Ok(found)
}

/// [`scan`] over a [`PriceSeries`] (highs/lows and volume used when the series has them),
/// with dates in every [`BarRef`].
///
/// ```
/// use chartist::breakout::{scan_series, BreakoutConfig};
/// let story = chartist::sample::story(7);
/// let found = scan_series(&story.small_caps, &BreakoutConfig::default())?;
/// assert!(found.last.is_some());
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// As [`scan`].
pub fn scan_series(series: &PriceSeries, config: &BreakoutConfig) -> Result<Scan> {
    scan(Input::from_series(series), config)
}

/// [`scan_series`] over many series (a universe of symbols), on up to `threads` threads
/// (`0` means [`std::thread::available_parallelism`]).
///
/// Each series is scanned on its own, so the results are those of [`scan_series`] called one by
/// one, in the input's order, whatever the number of threads. The threads (the calling thread is
/// one of them) take small blocks of consecutive series in turn until every series is scanned,
/// so a long series or a stalled thread does not leave the others idle at the end.
///
/// ```
/// use chartist::breakout::{scan_many, scan_series, BreakoutConfig};
/// use chartist::sample::random_walk;
/// let universe: Vec<_> = (0..6).map(|s| random_walk("S", s, 600, 100.0, 0.0, 0.015)).collect();
/// let cfg = BreakoutConfig::default();
/// let all = scan_many(&universe, &cfg, 0);
/// assert_eq!(all.len(), 6);
/// for (s, r) in universe.iter().zip(&all) {
///     assert_eq!(r.as_ref().ok(), scan_series(s, &cfg).as_ref().ok());
/// }
/// ```
///
/// # Errors
/// None for the call itself: each element is [`scan_series`]'s result for that series (an
/// invalid configuration gives the same error in every element).
pub fn scan_many(
    series: &[PriceSeries],
    config: &BreakoutConfig,
    threads: usize,
) -> Vec<Result<Scan>> {
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, |p| p.get()),
        t => t,
    }
    .min(series.len())
    .max(1);
    if threads == 1 {
        return series.iter().map(|s| scan_series(s, config)).collect();
    }
    // Threads take small blocks of consecutive series from a shared counter until none are
    // left, rather than one fixed share each: the series differ in length and in cost per bar,
    // and on a shared machine a thread can stall, so fixed shares leave a core idle at the
    // end. At most 8 series per block (about 64 blocks per thread on small universes): 8 ten-year
    // daily series are under 2 ms of work, so the threads finish within about that of each
    // other (blocks of 32 left up to 7 ms on one core at the end of the 2,000-symbol bench),
    // for a few hundred counter increments.
    let next = AtomicUsize::new(0);
    let block = (series.len() / (threads * 64)).clamp(1, 8);
    let work = || {
        let mut done = Vec::new();
        loop {
            let from = next.fetch_add(block, Ordering::Relaxed);
            let Some(part) = series.get(from..(from + block).min(series.len())) else {
                break;
            };
            if part.is_empty() {
                break;
            }
            done.push((from, part.iter().map(|s| scan_series(s, config)).collect()));
        }
        done
    };
    let parts: Vec<(usize, Vec<Result<Scan>>)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut parts = work();
        for h in helpers {
            // scan_series does not panic; were a thread lost anyway, its blocks are redone
            // below.
            if let Ok(p) = h.join() {
                parts.extend(p);
            }
        }
        parts
    });
    let mut out: Vec<Option<Result<Scan>>> = series.iter().map(|_| None).collect();
    for (from, part) in parts {
        for (slot, r) in out.iter_mut().skip(from).zip(part) {
            *slot = Some(r);
        }
    }
    out.into_iter()
        .zip(series)
        .map(|(r, s)| r.unwrap_or_else(|| scan_series(s, config)))
        .collect()
}
