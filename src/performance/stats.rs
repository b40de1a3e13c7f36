//! Performance statistics of a price series or an equity curve.

use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::{Datelike, NaiveDateTime, Timelike};

use crate::error::{check_len, check_period, Error, Result};
use crate::series::{align, AlignOptions, PriceSeries};
use crate::{At, Row};

/// How many periods make a year, for annualising volatility, Sharpe and Sortino.
///
/// ```
/// use chartist::performance::{performance, Annualization, PerformanceConfig};
/// let s = chartist::sample::random_walk("X", 3, 300, 100.0, 0.0, 0.01);
/// let weekly = PerformanceConfig::default().annualization(Annualization::PeriodsPerYear(52.0));
/// assert_eq!(performance(&s, &weekly)?.periods_per_year, 52.0);
/// assert_eq!(Annualization::default(), Annualization::Infer);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Annualization {
    /// Inferred from the median spacing of the timestamps (see [`periods_per_year`]).
    #[default]
    Infer,
    /// A fixed number of periods per year (252 for trading days, 52 for weeks, ...).
    PeriodsPerYear(f64),
}

/// Parameters of [`performance`] and [`rolling_performance`].
///
/// ```
/// use chartist::performance::{Annualization, PerformanceConfig};
/// let cfg = PerformanceConfig::default()
///     .risk_free_rate(0.04)
///     .annualization(Annualization::PeriodsPerYear(252.0))
///     .top_drawdowns(3);
/// assert_eq!(cfg.top_drawdowns, 3);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PerformanceConfig {
    /// Periods per year (default inferred).
    pub annualization: Annualization,
    /// Annual risk-free rate as a fraction (default 0; 0.04 means 4% a year). It is turned
    /// into a per-period rate `(1 + rf)^(1 / periods_per_year) - 1`.
    pub risk_free_rate: f64,
    /// How many drawdown episodes to keep in the drawdown table (default 5).
    pub top_drawdowns: usize,
}

impl Default for PerformanceConfig {
    fn default() -> Self {
        PerformanceConfig {
            annualization: Annualization::Infer,
            risk_free_rate: 0.0,
            top_drawdowns: 5,
        }
    }
}

impl PerformanceConfig {
    /// Sets the annualisation.
    ///
    /// ```
    /// use chartist::performance::{Annualization, PerformanceConfig};
    /// let c = PerformanceConfig::default().annualization(Annualization::PeriodsPerYear(12.0));
    /// assert_eq!(c.annualization, Annualization::PeriodsPerYear(12.0));
    /// ```
    pub fn annualization(mut self, a: Annualization) -> Self {
        self.annualization = a;
        self
    }
    /// Sets the annual risk-free rate (a fraction).
    ///
    /// ```
    /// use chartist::performance::PerformanceConfig;
    /// let c = PerformanceConfig::default().risk_free_rate(0.03);
    /// assert_eq!(c.risk_free_rate, 0.03);
    /// ```
    pub fn risk_free_rate(mut self, rate: f64) -> Self {
        self.risk_free_rate = rate;
        self
    }
    /// Sets how many drawdown episodes to keep.
    ///
    /// ```
    /// use chartist::performance::{performance, PerformanceConfig};
    /// let s = chartist::sample::random_walk("X", 4, 1_000, 100.0, 0.0, 0.02);
    /// let p = performance(&s, &PerformanceConfig::default().top_drawdowns(2))?;
    /// assert!(p.drawdowns.len() <= 2);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn top_drawdowns(mut self, k: usize) -> Self {
        self.top_drawdowns = k;
        self
    }
    fn validate(&self) -> Result<()> {
        if !(self.risk_free_rate.is_finite() && self.risk_free_rate > -1.0) {
            return Err(Error::param(
                "risk_free_rate",
                self.risk_free_rate,
                "must be a finite fraction above -1",
            ));
        }
        if let Annualization::PeriodsPerYear(p) = self.annualization
            && !(p.is_finite() && p > 0.0)
        {
            return Err(Error::param(
                "periods_per_year",
                p,
                "must be positive and finite",
            ));
        }
        Ok(())
    }
    fn periods(&self, times: &[NaiveDateTime]) -> Result<f64> {
        match self.annualization {
            Annualization::PeriodsPerYear(p) => Ok(p),
            Annualization::Infer => periods_per_year(times),
        }
    }
}

/// One drawdown episode: from a peak, down to a trough, back to the peak's level (or not yet).
///
/// ```
/// use chartist::performance::drawdowns;
/// use chartist::series::midnight;
/// use chrono::NaiveDate;
/// let t: Vec<_> = (1..=4).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 2, d).unwrap())).collect();
/// let d = drawdowns(&t, &[100.0, 80.0, 90.0, 101.0])?[0];
/// assert!((d.depth + 0.2).abs() < 1e-12);
/// assert_eq!((d.peak_index, d.trough_index, d.recovery_index), (0, 1, Some(3)));
/// assert_eq!(d.recovery, Some(t[3]));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Drawdown {
    /// Depth as a negative fraction: `trough / peak - 1` (-0.25 is a 25% drawdown).
    pub depth: f64,
    /// When the peak was set (first time the value reached it).
    pub peak: NaiveDateTime,
    /// When the lowest value of the episode was reached (first time).
    pub trough: NaiveDateTime,
    /// The first time the value was back at or above the peak; `None` while still under water.
    pub recovery: Option<NaiveDateTime>,
    /// Index of the peak.
    pub peak_index: usize,
    /// Index of the trough.
    pub trough_index: usize,
    /// Index of the recovery.
    pub recovery_index: Option<usize>,
}

/// A one-period return and the timestamp at which the period ended.
///
/// ```
/// use chartist::performance::{performance_of, Annualization, PerformanceConfig};
/// use chartist::series::midnight;
/// use chrono::NaiveDate;
/// let t: Vec<_> = (1..=3).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 3, d).unwrap())).collect();
/// let cfg = PerformanceConfig::default().annualization(Annualization::PeriodsPerYear(252.0));
/// let p = performance_of(&t, &[100.0, 110.0, 99.0], &cfg)?;
/// assert_eq!(p.best.time, t[1]);
/// assert!((p.worst.value + 0.1).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DatedReturn {
    /// The end of the period.
    pub time: NaiveDateTime,
    /// The simple return over the period.
    pub value: f64,
}

/// Summary statistics of a series (see [`performance_of`] for the definitions).
///
/// ```
/// use chartist::performance::{performance, PerformanceConfig};
/// let s = chartist::sample::random_walk("X", 8, 500, 100.0, 0.0002, 0.01);
/// let p = performance(&s, &PerformanceConfig::default())?;
/// assert_eq!(p.observations, 500);
/// assert!((p.total_return - (s.close()[499] / s.close()[0] - 1.0)).abs() < 1e-12);
/// assert!(p.annualized_volatility > 0.0 && (0.0..=1.0).contains(&p.hit_rate));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PerformanceStats {
    /// Number of values (one more than the number of returns).
    pub observations: usize,
    /// The annualisation factor used.
    pub periods_per_year: f64,
    /// `last / first - 1`.
    pub total_return: f64,
    /// Compound annual growth rate over calendar time.
    pub cagr: f64,
    /// Sample standard deviation of period returns times `sqrt(periods_per_year)`.
    pub annualized_volatility: f64,
    /// Annualised Sharpe ratio.
    pub sharpe: f64,
    /// Annualised Sortino ratio (downside deviation over all observations).
    pub sortino: f64,
    /// `cagr / |max drawdown|`; NaN without a drawdown.
    pub calmar: f64,
    /// The deepest drawdown; `None` when the series never fell below a previous peak.
    pub max_drawdown: Option<Drawdown>,
    /// The deepest `top_drawdowns` episodes, deepest first.
    pub drawdowns: Vec<Drawdown>,
    /// Share of periods with a return above zero.
    pub hit_rate: f64,
    /// The best period.
    pub best: DatedReturn,
    /// The worst period.
    pub worst: DatedReturn,
}

/// Periods per year inferred from the (lower) median spacing of `times`.
///
/// Median spacing up to 4 days: 252 (trading days); up to 10 days: 52 (weeks); up to 45
/// days: 12 (months); up to 135 days: 4 (quarters); longer: 1. Exact (not sampled): spacings
/// are counted into these classes in one pass and the class holding the lower median
/// (`sorted[(m - 1) / 2]` of the `m` spacings) is taken.
///
/// ```
/// use chartist::performance::periods_per_year;
/// let s = chartist::sample::random_walk("X", 1, 300, 100.0, 0.0, 0.01);
/// assert_eq!(periods_per_year(s.times())?, 252.0);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InsufficientData`] for fewer than two timestamps; [`Error::InvalidParameter`]
/// when the median spacing is under one day (intraday data: pass
/// [`Annualization::PeriodsPerYear`]).
pub fn periods_per_year(times: &[NaiveDateTime]) -> Result<f64> {
    if times.len() < 2 {
        return Err(Error::InsufficientData {
            what: "inferring periods per year".into(),
            needed: 2,
            got: times.len(),
        });
    }
    let (counts, _) = spacing_classes(times);
    periods_from_classes(&counts, times.len())
}

/// The annualisation of the class holding the lower median spacing.
fn periods_from_classes(counts: &[usize; 6], n: usize) -> Result<f64> {
    let median_rank = (n - 2) / 2; // 0-based rank of the lower median of m = n - 1
    let mut seen = 0;
    let mut class = 5;
    for (k, &c) in counts.iter().enumerate() {
        seen += c;
        if seen > median_rank {
            class = k;
            break;
        }
    }
    match class {
        0 => Err(Error::param(
            "annualization",
            "Infer",
            "needs a median spacing of at least one day; pass Annualization::PeriodsPerYear for intraday data",
        )),
        1 => Ok(252.0),
        2 => Ok(52.0),
        3 => Ok(12.0),
        4 => Ok(4.0),
        _ => Ok(1.0),
    }
}

/// Counts the spacings of `times` into the classes of [`periods_per_year`] (under a day, up to
/// 4, 10, 45, 135 days, longer) and finds the first position not after its predecessor, in
/// one pass.
fn spacing_classes(times: &[NaiveDateTime]) -> ([usize; 6], Option<usize>) {
    let mut counts = [0usize; 6];
    let mut unsorted = None;
    // A pair at the same time of day whose day keys (see [`day_key`]) differ by 1 to 136 days
    // lies within one year (keys of different years differ by at least 512 - 365 days), so
    // the key difference is the gap in whole days. Those pairs (daily, weekly... data) are
    // counted by how many are at most 4, 10, 45 and 135 days, in four 16-bit lanes of one
    // integer (see [`DAY_CLASS_LANES`]), flushed before a lane can overflow: one table load
    // and one add. Every other pair (including every pair not after its predecessor, whose
    // key difference is zero, or negative and so huge as a `u64`) takes the exact
    // [`spacing_class`].
    let (mut d4, mut d10, mut d45, mut d135) = (0usize, 0usize, 0usize, 0usize);
    let mut general = 0usize;
    let pairs = times.len().saturating_sub(1);
    let mut start = 0;
    while start < pairs {
        let end = (start + LANE_FLUSH).min(pairs);
        let mut lanes = 0u64;
        let mut at = start; // the pair `at -> at + 1` is next
        while at < end {
            let (run, taken) = same_time_day_run(&times[at..=end]);
            lanes += run;
            at += taken;
            if at < end {
                let (class, later) = spacing_class(times[at], times[at + 1]);
                counts[class] += 1;
                general += 1;
                if !later && unsorted.is_none() {
                    unsorted = Some(at + 1);
                }
                at += 1;
            }
        }
        d4 += (lanes & 0xffff) as usize;
        d10 += (lanes >> 16 & 0xffff) as usize;
        d45 += (lanes >> 32 & 0xffff) as usize;
        d135 += (lanes >> 48) as usize;
        start = end;
    }
    let same_year = pairs - general;
    counts[1] += d4;
    counts[2] += d10 - d4;
    counts[3] += d45 - d10;
    counts[4] += d135 - d45;
    counts[5] += same_year - d135;
    (counts, unsorted)
}

/// The [`DAY_CLASS_LANES`] entries of the leading pairs of `times` at the same time of day
/// 1 to 136 days apart, added up, and how many pairs that is (it stops at the first other
/// pair). A loop of its own, [`RUN_STEP`] pairs a step, so that it keeps its few values in
/// registers.
#[inline(always)]
fn same_time_day_run(times: &[NaiveDateTime]) -> (u64, usize) {
    let Some((&first, rest)) = times.split_first() else {
        return (0, 0);
    };
    // Every timestamp of the run is at the time of day of the first.
    let time = time_key(first);
    // The key of `t` and the entry of the pair `prev -> t` when it belongs to the run.
    let next = |prev: i64, t: NaiveDateTime| {
        let key = day_key(t);
        let gap = key.wrapping_sub(prev) as u64;
        (time_key(t) == time && gap.wrapping_sub(DAY) < 136 * DAY)
            .then(|| (key, DAY_CLASS_LANES[(gap / DAY) as usize][0]))
    };
    let (mut key, mut lanes) = (day_key(first), 0u64);
    let (steps, last) = rest.as_chunks::<RUN_STEP>();
    for (j, step) in steps.iter().enumerate() {
        for (k, &t) in step.iter().enumerate() {
            let Some((kt, lt)) = next(key, t) else {
                return (lanes, j * RUN_STEP + k);
            };
            (key, lanes) = (kt, lanes + lt);
        }
    }
    for (k, &t) in last.iter().enumerate() {
        let Some((kt, lt)) = next(key, t) else {
            return (lanes, steps.len() * RUN_STEP + k);
        };
        (key, lanes) = (kt, lanes + lt);
    }
    (lanes, rest.len())
}

/// Pairs per step of [`same_time_day_run`] (fewer loop steps).
const RUN_STEP: usize = 4;

/// Timestamp pairs per work item of [`Work`].
const TIME_ITEM: usize = 1 << 14;

/// Returns per work item of [`Work`].
const SUM_ITEM: usize = 1 << 14;

/// The sums over the returns and the timestamp sweep of [`performance_of`], as work items
/// handed out to whichever thread asks next, so that both threads stay busy whatever the
/// relative cost of the parts. Each item's result is kept with its number and the results
/// are combined in item order, so they do not depend on which thread took which item.
struct Work<'a> {
    times: &'a [NaiveDateTime],
    values: &'a [f64],
    rf: f64,
    shift: f64,
    next: AtomicUsize,
}

/// What one thread's share of [`Work`] gives: the return sums of its items (by item number)
/// and the spacing counts of its timestamp items.
type Share = (Vec<(usize, ReturnSums)>, ([usize; 6], Option<usize>));

impl<'a> Work<'a> {
    fn new(times: &'a [NaiveDateTime], values: &'a [f64], rf: f64, shift: f64) -> Self {
        Work {
            times,
            values,
            rf,
            shift,
            next: AtomicUsize::new(0),
        }
    }

    /// Takes items until none is left: the return-sum items first, then the timestamps.
    fn drain(&self) -> Share {
        let returns = self.values.len() - 1;
        let sum_items = returns.div_ceil(SUM_ITEM);
        let pairs = self.times.len().saturating_sub(1);
        let (mut sums, mut spacing) = (Vec::new(), ([0; 6], None));
        loop {
            let k = self.next.fetch_add(1, Ordering::Relaxed);
            if k < sum_items {
                let from = 1 + k * SUM_ITEM;
                let to = (from + SUM_ITEM).min(returns + 1);
                sums.push((k, return_sums(self.values, from..to, self.rf, self.shift)));
                continue;
            }
            let start = (k - sum_items).saturating_mul(TIME_ITEM);
            if start >= pairs {
                return (sums, spacing);
            }
            let end = (start + TIME_ITEM).min(pairs);
            let (counts, unsorted) = spacing_classes(&self.times[start..=end]);
            spacing = merge_spacing(spacing, (counts, unsorted.map(|i| start + i)));
        }
    }

    /// Both threads' shares combined: the sums in item order, and the spacing counts.
    fn combine(a: Share, b: Share) -> (ReturnSums, ([usize; 6], Option<usize>)) {
        let mut items = a.0;
        items.extend(b.0);
        items.sort_unstable_by_key(|&(k, _)| k);
        let sums = items
            .into_iter()
            .map(|(_, s)| s)
            .reduce(ReturnSums::then)
            .unwrap_or(ReturnSums::EMPTY);
        (sums, merge_spacing(a.1, b.1))
    }
}

/// The counts of two sets of pairs, and the first unsorted position of either.
fn merge_spacing(
    (a, ua): ([usize; 6], Option<usize>),
    (b, ub): ([usize; 6], Option<usize>),
) -> ([usize; 6], Option<usize>) {
    let first = match (ua, ub) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    (std::array::from_fn(|k| a[k] + b[k]), first)
}

/// One day in units of [`day_key`].
const DAY: u64 = 16;

/// `year * 8192 + ordinal * 16` of the date of `t`: increasing with the date, and within one
/// year the difference of two keys is [`DAY`] times the difference in days. (Chrono keeps the
/// year and the ordinal in these bits of its date, so this takes one load and one mask.)
#[inline(always)]
fn day_key(t: NaiveDateTime) -> i64 {
    i64::from((t.year() << 13) | (t.ordinal() << 4) as i32)
}

/// The time of day of `t` as one integer: seconds from midnight and nanoseconds (equal when
/// the times are equal).
#[inline(always)]
fn time_key(t: NaiveDateTime) -> u64 {
    let time = t.time();
    u64::from(time.num_seconds_from_midnight()) | u64::from(time.nanosecond()) << 32
}

/// Values per block of [`sweep_drawdowns`] looked at for events.
const BLOCK: usize = 8;

/// Returns per chunk of [`return_sums`] (a multiple of [`LANES`]).
const CHUNK: usize = 256;

/// Independent lanes of a sum.
const LANES: usize = 4;

/// A sum kept in [`LANES`] independent lanes (lane `k` takes the terms at positions
/// `k mod LANES`), so that an addition rarely waits for the previous one; the lanes are added
/// pairwise at the end.
#[derive(Clone, Copy)]
struct Lanes([f64; LANES]);

impl Lanes {
    const ZERO: Lanes = Lanes([0.0; LANES]);

    /// Adds `f(x).0` to `a` and `f(x).1` to `b` for every `x` of `xs`, the first of them at
    /// position 0.
    #[inline(always)]
    fn add_all2(a: &mut Lanes, b: &mut Lanes, xs: &[f64], f: impl Fn(f64) -> (f64, f64)) {
        let (whole, rest) = xs.as_chunks::<LANES>();
        for c in whole {
            for ((s, t), &x) in a.0.iter_mut().zip(&mut b.0).zip(c) {
                let (u, v) = f(x);
                *s += u;
                *t += v;
            }
        }
        for ((s, t), &x) in a.0.iter_mut().zip(&mut b.0).zip(rest) {
            let (u, v) = f(x);
            *s += u;
            *t += v;
        }
    }

    /// Adds `f(x)` for every `x` of `xs`, the first of them at position 0.
    #[inline(always)]
    fn add_all(&mut self, xs: &[f64], f: impl Fn(f64) -> f64) {
        let (whole, rest) = xs.as_chunks::<LANES>();
        for c in whole {
            for (s, &x) in self.0.iter_mut().zip(c) {
                *s += f(x);
            }
        }
        for (s, &x) in self.0.iter_mut().zip(rest) {
            *s += f(x);
        }
    }

    fn total(&self) -> f64 {
        (self.0[0] + self.0[2]) + (self.0[1] + self.0[3])
    }
}

/// What the sums over a stretch of returns give (see [`return_sums`]).
#[derive(Clone, Copy)]
struct ReturnSums {
    /// Sum of `r - shift` and of `(r - shift)^2`.
    shifted: f64,
    shifted_sq: f64,
    /// Sum of `min(0, r - rf)^2`.
    down_sq: f64,
    /// Returns above zero.
    hits: usize,
    /// The best and worst return with its index (first of equals).
    best: (f64, usize),
    worst: (f64, usize),
}

impl ReturnSums {
    /// The sums over no returns.
    const EMPTY: ReturnSums = ReturnSums {
        shifted: 0.0,
        shifted_sq: 0.0,
        down_sq: 0.0,
        hits: 0,
        best: (f64::NEG_INFINITY, 1),
        worst: (f64::INFINITY, 1),
    };

    /// The sums over this stretch followed by `later` (an earlier extreme wins a tie).
    fn then(self, later: ReturnSums) -> ReturnSums {
        ReturnSums {
            shifted: self.shifted + later.shifted,
            shifted_sq: self.shifted_sq + later.shifted_sq,
            down_sq: self.down_sq + later.down_sq,
            hits: self.hits + later.hits,
            best: if later.best.0 > self.best.0 {
                later.best
            } else {
                self.best
            },
            worst: if later.worst.0 < self.worst.0 {
                later.worst
            } else {
                self.worst
            },
        }
    }
}

/// The sums over the returns `r_i = values[i] / values[i - 1] - 1` for `i` in `range`
/// (`range.start >= 1`): of the returns shifted by `shift` and of their squares, of the
/// downside squares `min(0, r - rf)^2`, the hits and the extremes.
///
/// Returns are computed a chunk at a time into a buffer on the stack, and each sum (in
/// [`Lanes`]) and the hit count run over the buffer in a loop of their own. The best and worst
/// returns do not depend on the rest: a chunk's highest return beyond the best so far is the
/// new best, at its first occurrence (and the same for the worst).
fn return_sums(values: &[f64], range: std::ops::Range<usize>, rf: f64, shift: f64) -> ReturnSums {
    let (mut shifted, mut shifted_sq, mut down_sq) = (Lanes::ZERO, Lanes::ZERO, Lanes::ZERO);
    let mut out = ReturnSums::EMPTY;
    let start = range.start;
    for_each_return_chunk(values, range, |c, r| {
        // Lane `k` keeps taking positions `k mod LANES`: CHUNK is a multiple of LANES.
        Lanes::add_all2(&mut shifted, &mut shifted_sq, r, |x| {
            let y = x - shift;
            (y, y * y)
        });
        down_sq.add_all(r, |x| downside_sq(x, rf));
        out.hits += r.iter().filter(|&&x| x > 0.0).count();
        let i0 = start + c * CHUNK;
        let (hi, lo) = extremes(r, out.best.0, out.worst.0);
        if hi > out.best.0
            && let Some(k) = r.iter().position(|&x| x == hi)
        {
            out.best = (r[k], i0 + k);
        }
        if lo < out.worst.0
            && let Some(k) = r.iter().position(|&x| x == lo)
        {
            out.worst = (r[k], i0 + k);
        }
    });
    out.shifted = shifted.total();
    out.shifted_sq = shifted_sq.total();
    out.down_sq = down_sq.total();
    out
}

/// The drawdown episodes of `values` (the `top_drawdowns` deepest kept) and whether every
/// value is positive and finite, apart from NaN (which the return sums catch).
///
/// The drawdown state only changes at an event (a value at or above the peak or below the
/// current trough): blocks of [`BLOCK`] values are looked at for one, and only a block with
/// an event is handed to [`Watch::block`], which gives what a sequential scan would. An
/// invalid value (zero, negative, infinite) is always an event (it is below the trough or
/// peak so far, all positive while the values are valid, or not below an infinite peak) and
/// is checked there.
fn sweep_drawdowns(values: &[f64], top_drawdowns: usize) -> (bool, TopDrawdowns) {
    let mut watch = Watch {
        dd: DrawdownState::new(values[0]),
        top: TopDrawdowns::new(top_drawdowns),
        valid: positive(values[0]),
    };
    let (mut peak, mut below) = (watch.dd.peak, watch.below());
    let (blocks, rest) = values[1..].as_chunks::<BLOCK>();
    for (j, a) in blocks.iter().enumerate() {
        let (hi, lo) = (tree(a, max), tree(a, min));
        if (hi >= peak) | (lo < below) {
            watch.block(1 + j * BLOCK, a, hi, lo);
            (peak, below) = (watch.dd.peak, watch.below());
        }
    }
    let i = 1 + blocks.len() * BLOCK;
    for (k, &v) in rest.iter().enumerate() {
        watch.step(i + k, v);
    }
    let Watch { dd, mut top, valid } = watch;
    dd.finish(|e| top.push(e));
    (valid, top)
}

/// The highest and lowest of `xs`, `hi` and `lo` (in [`LANES`] independent lanes: each
/// step waits for the one [`LANES`] back, not for the previous one). Each lane is the first
/// operand of its `max`/`min`, so the step is one instruction with no copies; a NaN in `xs`
/// makes its lane NaN (the caller then reports the invalid value and uses neither).
#[inline(always)]
fn extremes(xs: &[f64], hi: f64, lo: f64) -> (f64, f64) {
    let (mut h, mut l) = ([hi; LANES], [lo; LANES]);
    let (whole, rest) = xs.as_chunks::<LANES>();
    for c in whole {
        for ((h, l), &x) in h.iter_mut().zip(&mut l).zip(c) {
            *h = max(*h, x);
            *l = min(*l, x);
        }
    }
    for &x in rest {
        (h[0], l[0]) = (max(h[0], x), min(l[0], x));
    }
    (
        max(max(h[0], h[1]), max(h[2], h[3])),
        min(min(l[0], l[1]), min(l[2], l[3])),
    )
}

/// Sums of the centred squares `(r - mean)^2` and of the downside squares
/// `min(0, r - rf)^2` of the returns of `values`, in [`Lanes`] (the same chunks as
/// [`return_sums`]).
fn centred_sums(values: &[f64], mean: f64, rf: f64) -> (f64, f64) {
    let (mut sq, mut down) = (Lanes::ZERO, Lanes::ZERO);
    for_each_return_chunk(values, 1..values.len(), |_, r| {
        sq.add_all(r, |x| (x - mean) * (x - mean));
        down.add_all(r, |x| downside_sq(x, rf));
    });
    (sq.total(), down.total())
}

/// Calls `f(c, r)` for the chunks `c = 0, 1, ...` of [`CHUNK`] returns
/// `r_i = values[i] / values[i - 1] - 1` for `i` in `range` (`range.start >= 1`), computed into
/// a buffer on the stack.
#[inline(always)]
fn for_each_return_chunk(
    values: &[f64],
    range: std::ops::Range<usize>,
    mut f: impl FnMut(usize, &[f64]),
) {
    let mut buf = [0.0; CHUNK];
    let num = &values[range.clone()];
    let den = &values[range.start - 1..range.end - 1];
    for (c, (a, b)) in num.chunks(CHUNK).zip(den.chunks(CHUNK)).enumerate() {
        let r = &mut buf[..a.len()];
        for ((r, &a), &b) in r.iter_mut().zip(a).zip(b) {
            *r = a / b - 1.0;
        }
        f(c, r);
    }
}

/// The downside square `min(0, r - rf)^2`.
#[inline(always)]
fn downside_sq(r: f64, rf: f64) -> f64 {
    let ex = min(r - rf, 0.0);
    ex * ex
}

/// Positive and finite, as one integer compare: the bits lie between those of the least
/// subnormal and of MAX.
#[inline(always)]
fn positive(v: f64) -> bool {
    v.to_bits().wrapping_sub(1) < f64::MAX.to_bits()
}

/// `f` folded over `x` as a balanced tree (independent steps; for min and max the order does
/// not change the result).
#[inline(always)]
fn tree(x: &[f64; BLOCK], f: fn(f64, f64) -> f64) -> f64 {
    // Neighbours pair up first, as in the lanes of [`Lanes`].
    let q = [f(x[0], x[2]), f(x[1], x[3]), f(x[4], x[6]), f(x[5], x[7])];
    f(f(q[0], q[2]), f(q[1], q[3]))
}

/// `a < b ? a : b` (one instruction; with a NaN, `b`).
#[inline(always)]
fn min(a: f64, b: f64) -> f64 {
    if a < b {
        a
    } else {
        b
    }
}

/// `a > b ? a : b` (one instruction; with a NaN, `b`).
#[inline(always)]
fn max(a: f64, b: f64) -> f64 {
    if a > b {
        a
    } else {
        b
    }
}

/// The state of [`sweep_drawdowns`] that changes only at events: the drawdown episode in
/// progress.
struct Watch {
    dd: DrawdownState,
    top: TopDrawdowns,
    /// Every value seen (and the first) positive and finite.
    valid: bool,
}

impl Watch {
    /// The value below which a value is an event: the current trough under water, the peak
    /// otherwise.
    #[inline(always)]
    fn below(&self) -> f64 {
        self.dd.trough.map_or(self.dd.peak, |t| t.1)
    }

    /// Takes value `v` at index `i` (for the drawdowns).
    fn step(&mut self, i: usize, v: f64) {
        self.valid &= positive(v);
        let top = &mut self.top;
        self.dd.step(i, v, |e| top.push(e));
    }

    /// Takes the block of values `a` from index `i`, whose highest and lowest value are `hi`
    /// and `lo`: the same result as [`Watch::step`] value by value.
    #[inline(never)]
    fn block(&mut self, i: usize, a: &[f64; BLOCK], hi: f64, lo: f64) {
        self.valid &= a.iter().all(|&v| positive(v));
        if hi >= self.dd.peak {
            let top = &mut self.top;
            for (k, &v) in a.iter().enumerate() {
                self.dd.step(i + k, v, |e| top.push(e));
            }
        } else if lo < self.below()
            && let Some(k) = a.iter().position(|&v| v == lo)
        {
            // Every value is under the peak: nothing recovers, and the trough moves to the
            // first lowest value.
            self.dd.trough = Some((i + k, a[k]));
        }
    }
}

/// The per-period rate `(1 + rate)^(1 / periods) - 1` of an annual `rate`.
fn per_period_rate(rate: f64, periods: f64) -> f64 {
    (1.0 + rate).powf(1.0 / periods) - 1.0
}

/// Series at least this long sweep their timestamps and values on two threads.
const PARALLEL_MIN: usize = 1 << 16;

/// Pairs counted into 16-bit lanes before they are flushed.
const LANE_FLUSH: usize = 0xffff;

/// For a spacing of `d` whole days (`d` from 0 to 136): one in the lane of each limit
/// (4, 10, 45, 135 days from the lowest lane up) that `d` does not exceed. Each entry is
/// padded to 16 bytes ([`DAY`]), so a difference of [`day_key`]s is its offset in bytes.
const DAY_CLASS_LANES: [[u64; 2]; 137] = {
    let mut t = [[0u64; 2]; 137];
    let mut d = 0;
    while d < 137 {
        t[d][0] = (d <= 4) as u64
            | ((d <= 10) as u64) << 16
            | ((d <= 45) as u64) << 32
            | ((d <= 135) as u64) << 48;
        d += 1;
    }
    t
};

/// The spacing class of `a -> b` (see [`spacing_classes`]) and whether `b` is after `a`.
#[inline(never)]
fn spacing_class(a: NaiveDateTime, b: NaiveDateTime) -> (usize, bool) {
    const SECONDS_PER_DAY: i64 = 86_400;
    const LIMITS: [i64; 5] = [
        SECONDS_PER_DAY - 1,
        4 * SECONDS_PER_DAY,
        10 * SECONDS_PER_DAY,
        45 * SECONDS_PER_DAY,
        135 * SECONDS_PER_DAY,
    ];
    let gap = whole_seconds_between(a, b);
    // A positive gap in whole seconds is strictly later; only a zero gap needs the
    // sub-second comparison.
    let later = gap > 0 || b > a;
    (LIMITS.iter().filter(|&&l| gap > l).count(), later)
}

/// `b.and_utc().timestamp() - a.and_utc().timestamp()` without the calendar arithmetic of two
/// full timestamps: within a year the day difference is the ordinal difference.
#[inline]
fn whole_seconds_between(a: NaiveDateTime, b: NaiveDateTime) -> i64 {
    let (da, db) = (a.date(), b.date());
    let days = if da.year() == db.year() {
        i64::from(db.ordinal()) - i64::from(da.ordinal())
    } else {
        i64::from(db.num_days_from_ce()) - i64::from(da.num_days_from_ce())
    };
    // Bars at the same time of day (daily data at midnight) skip the time arithmetic.
    // (`NaiveTime` stores its seconds from midnight; `NaiveDateTime`'s method recomputes them
    // from the hour, minute and second.)
    let (ta, tb) = (a.time(), b.time());
    let seconds = if ta == tb {
        0
    } else {
        i64::from(tb.num_seconds_from_midnight()) - i64::from(ta.num_seconds_from_midnight())
    };
    days * 86_400 + seconds
}

fn validate_curve(times: &[NaiveDateTime], values: &[f64]) -> Result<()> {
    validate_values(times, values)?;
    match spacing_classes(times).1 {
        Some(i) => Err(unsorted(times, i)),
        None => Ok(()),
    }
}

fn unsorted(times: &[NaiveDateTime], i: usize) -> Error {
    Error::Unsorted {
        row: Row(i),
        at: At(Some(times[i])),
        previous: times[i - 1],
    }
}

/// A curve needs one value per timestamp and at least two of them.
fn check_curve_shape(times: &[NaiveDateTime], values: &[f64]) -> Result<()> {
    check_len("values", times.len(), values.len())?;
    if values.len() < 2 {
        return Err(Error::InsufficientData {
            what: "performance statistics".into(),
            needed: 2,
            got: values.len(),
        });
    }
    Ok(())
}

/// Lengths and values of a curve (the time order is checked by the caller).
fn validate_values(times: &[NaiveDateTime], values: &[f64]) -> Result<()> {
    check_curve_shape(times, values)?;
    // A branch-free scan first; the offending row is searched for only on failure.
    // (NaN fails both comparisons.)
    let positive = |v: f64| (v > 0.0) & (v < f64::INFINITY);
    if values.iter().filter(|&&v| positive(v)).count() != values.len()
        && let Some((i, &v)) = values.iter().enumerate().find(|&(_, &v)| !positive(v))
    {
        return Err(Error::InvalidValue {
            row: Row(i),
            at: At(Some(times[i])),
            field: "value",
            value: v,
            problem: "is not a positive finite number".into(),
        });
    }
    Ok(())
}

/// Performance statistics of a price series' closes. See [`performance_of`].
///
/// ```
/// use chartist::performance::{performance, PerformanceConfig};
/// let s = chartist::sample::random_walk("X", 5, 1_000, 100.0, 0.0003, 0.01);
/// let p = performance(&s, &PerformanceConfig::default())?;
/// assert_eq!(p.periods_per_year, 252.0);
/// assert!(p.max_drawdown.is_some_and(|d| d.depth < 0.0));
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// As [`performance_of`].
pub fn performance(series: &PriceSeries, config: &PerformanceConfig) -> Result<PerformanceStats> {
    performance_of(series.times(), series.close(), config)
}

/// Performance statistics of an equity curve or price path `values` at `times`.
///
/// With `n` values, period returns `r_i = v_i / v_(i-1) - 1` (`m = n - 1` of them), `P`
/// periods per year and per-period risk-free rate `rf = (1 + rate)^(1/P) - 1`:
/// * total return `v_(n-1) / v_0 - 1`; CAGR `(v_(n-1) / v_0)^(1 / years) - 1` with
///   `years = calendar days between first and last timestamp / 365.25`;
/// * annualised volatility: sample standard deviation (divisor `m - 1`) of `r` times `sqrt(P)`;
/// * Sharpe `(mean(r) - rf) / sd(r) * sqrt(P)`;
/// * Sortino `(mean(r) - rf) / dd * sqrt(P)` with downside deviation
///   `dd = sqrt(sum(min(0, r_i - rf)^2) / m)`: the sum runs over the negative excess returns
///   but is divided by **all** `m` observations (Sortino & Price's convention, as
///   PerformanceAnalytics and empyrical; dividing by the number of negative periods instead
///   gives larger deviations);
/// * maximum drawdown: the lowest `v_t / max(v_0..=v_t) - 1`, with its peak (first time the
///   running maximum reached its value), trough (first time the lowest ratio is reached) and
///   recovery (first later value at or above the peak);
/// * Calmar `cagr / |max drawdown|` over the whole series (not the classic 36 months);
/// * hit rate: share of the `m` returns above zero; best and worst single-period returns.
///
/// Ratios with a zero denominator (flat series, no downside, no drawdown) are NaN.
///
/// O(n), no sorting: usually one pass over the values for the drawdowns, one over the
/// returns and one over the timestamps (on series of 65,536 values or more, two threads share
/// them; the results do not depend on how). The sums over the returns are added in
/// independent lanes and stretches, and the sum of squared deviations is taken in the same
/// pass from sums shifted by the geometric-mean return `(v_(n-1) / v_0)^(1/m) - 1` (within
/// about half a variance of the mean, so the shifted formula loses at most a bit to
/// cancellation; a second, centred pass runs whenever it could lose more). Volatility,
/// Sharpe and Sortino therefore equal the in-order textbook sums to rounding (the crate's
/// tests hold them to 1e-11 relative), not bit for bit; every other statistic is exact.
///
/// ```
/// use chartist::performance::{performance_of, Annualization, PerformanceConfig};
/// use chartist::series::midnight;
/// use chrono::NaiveDate;
/// let t: Vec<_> = (1..=4).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
/// let cfg = PerformanceConfig::default().annualization(Annualization::PeriodsPerYear(252.0));
/// let p = performance_of(&t, &[100.0, 120.0, 90.0, 110.0], &cfg)?;
/// let dd = p.max_drawdown.unwrap();
/// assert!((dd.depth + 0.25).abs() < 1e-12); // 90 / 120 - 1
/// assert_eq!((dd.peak_index, dd.trough_index, dd.recovery_index), (1, 2, None));
/// assert!((p.hit_rate - 2.0 / 3.0).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::LengthMismatch`] when `times` and `values` differ in length;
/// [`Error::InsufficientData`] for fewer than two values; [`Error::InvalidValue`] for a value
/// that is not positive and finite; [`Error::Unsorted`] for timestamps not strictly
/// increasing; [`Error::InvalidParameter`] for a bad config or a frequency that cannot be
/// inferred.
pub fn performance_of(
    times: &[NaiveDateTime],
    values: &[f64],
    config: &PerformanceConfig,
) -> Result<PerformanceStats> {
    config.validate()?;
    check_curve_shape(times, values)?;
    let n = values.len();
    let m = (n - 1) as f64;
    // The per-period risk-free rate when it is known before the timestamps are read: a fixed
    // annualisation, or a zero rate (zero at every frequency). The downside sum then rides
    // along the first value sweep; otherwise it waits for the inferred frequency.
    let known_rf = match config.annualization {
        Annualization::PeriodsPerYear(p) => Some(per_period_rate(config.risk_free_rate, p)),
        Annualization::Infer if config.risk_free_rate == 0.0 => Some(0.0),
        Annualization::Infer => None,
    };

    // Three independent parts: the drawdown scan over the values (with their validity), the
    // sums over the returns (shifted returns and their squares, downside squares, hits,
    // extremes) and the timestamp sweep (time order and spacing classes). On long series they
    // run on two threads. Errors are reported in the order of the checks: values first, then
    // time order, then the frequency.
    // The geometric mean return, known before the sweep and close to the arithmetic mean
    // (below it by about half the variance), is the shift of the one-pass sum of squares.
    let shift = match (values[n - 1] / values[0]).powf(1.0 / m) - 1.0 {
        g if g.is_finite() => g,
        _ => 0.0,
    };
    let rf0 = known_rf.unwrap_or(0.0);
    let ((valid, top), (sweep, (counts, first_unsorted))) = if n >= PARALLEL_MIN {
        // The drawdown scan is sequential: this thread runs it while the second thread starts
        // on the work items (the return sums, then the timestamps), and joins in when done.
        let work = Work::new(times, values, rf0, shift);
        std::thread::scope(|s| {
            let theirs = s.spawn(|| work.drain());
            let dd = sweep_drawdowns(values, config.top_drawdowns);
            let mine = work.drain();
            // The work cannot panic; were the thread lost anyway, redo it all here.
            let rest = match theirs.join() {
                Ok(theirs) => Work::combine(mine, theirs),
                Err(_) => (
                    return_sums(values, 1..n, rf0, shift),
                    spacing_classes(times),
                ),
            };
            (dd, rest)
        })
    } else {
        let dd = sweep_drawdowns(values, config.top_drawdowns);
        (
            dd,
            (
                return_sums(values, 1..n, rf0, shift),
                spacing_classes(times),
            ),
        )
    };
    // A NaN value makes a return, so the sums, NaN.
    if !valid || sweep.shifted.is_nan() {
        validate_values(times, values)?;
    }
    if let Some(i) = first_unsorted {
        return Err(unsorted(times, i));
    }
    let p = match config.annualization {
        Annualization::PeriodsPerYear(p) => p,
        Annualization::Infer => periods_from_classes(&counts, n)?,
    };
    let rf = per_period_rate(config.risk_free_rate, p);
    let (hits, best, worst) = (sweep.hits, sweep.best, sweep.worst);
    let mean = shift + sweep.shifted / m;

    // The sum of squared deviations from the shifted sums, `S2 - S1^2 / m`, when that loses
    // no more than one bit to cancellation (`S1^2 / m` at most half of `S2`): otherwise, and
    // when the downside squares wait for the inferred rate, a second sweep over the values
    // with the centred squares (numerically safer when the shift is far from the mean).
    let one_pass = sweep.shifted_sq - sweep.shifted * sweep.shifted / m;
    let (sq, down_sq) = match known_rf {
        Some(known) if one_pass >= 0.5 * sweep.shifted_sq => {
            debug_assert_eq!(known.to_bits(), rf.to_bits());
            (one_pass, sweep.down_sq)
        }
        Some(_) => (centred_sums(values, mean, rf).0, sweep.down_sq),
        None if one_pass >= 0.5 * sweep.shifted_sq => (one_pass, centred_sums(values, mean, rf).1),
        None => centred_sums(values, mean, rf),
    };
    let (max_drawdown, episodes) = top.dated(times);
    let sd = if n > 2 {
        (sq / (m - 1.0)).sqrt()
    } else {
        f64::NAN
    };
    let dd = (down_sq / m).sqrt();
    let ratio = |num: f64, den: f64| {
        if den > 0.0 && den.is_finite() {
            num / den * p.sqrt()
        } else {
            f64::NAN
        }
    };

    let total_return = values[n - 1] / values[0] - 1.0;
    let years = (times[n - 1] - times[0]).num_seconds() as f64 / (365.25 * 86_400.0);
    let cagr = (values[n - 1] / values[0]).powf(1.0 / years) - 1.0;

    let calmar = match max_drawdown {
        Some(d) => cagr / d.depth.abs(),
        None => f64::NAN,
    };
    Ok(PerformanceStats {
        observations: n,
        periods_per_year: p,
        total_return,
        cagr,
        annualized_volatility: sd * p.sqrt(),
        sharpe: ratio(mean - rf, sd),
        sortino: ratio(mean - rf, dd),
        calmar,
        max_drawdown,
        drawdowns: episodes,
        hit_rate: hits as f64 / m,
        best: DatedReturn {
            time: times[best.1],
            value: best.0,
        },
        worst: DatedReturn {
            time: times[worst.1],
            value: worst.0,
        },
    })
}

/// Every drawdown episode of `values`, in chronological order.
///
/// An episode starts when the value falls below its running maximum (the peak) and ends at the
/// first value back at or above the peak (the recovery), or runs to the end of the data
/// (`recovery: None`). Its trough is the first occurrence of its lowest value. The deepest
/// episode is the maximum drawdown of [`performance_of`]. O(n).
///
/// ```
/// use chartist::performance::drawdowns;
/// use chartist::series::midnight;
/// use chrono::NaiveDate;
/// let t: Vec<_> = (1..=6).map(|d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap())).collect();
/// let eps = drawdowns(&t, &[10.0, 8.0, 10.0, 12.0, 9.0, 11.0])?;
/// assert_eq!(eps.len(), 2);
/// assert!((eps[0].depth + 0.2).abs() < 1e-12 && eps[0].recovery_index == Some(2));
/// assert!((eps[1].depth + 0.25).abs() < 1e-12 && eps[1].recovery_index.is_none());
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// As [`performance_of`] for the inputs (length, positivity, order).
pub fn drawdowns(times: &[NaiveDateTime], values: &[f64]) -> Result<Vec<Drawdown>> {
    validate_curve(times, values)?;
    Ok(drawdown_episodes(times, values))
}

/// The deepest episode (first of equals) and the `k` deepest, deepest first with ties in
/// chronological order: what a stable sort of [`drawdown_episodes`] by depth truncated to `k`
/// gives, without collecting and sorting every episode.
///
/// Episodes carry indices only: their timestamps are looked up for the few kept, at the end
/// (a peak's timestamp lies far back in memory; fetching it for every episode cost more than
/// the rest of the sweep).
struct TopDrawdowns {
    k: usize,
    deepest: Option<Episode>,
    top: Vec<Episode>,
}

impl TopDrawdowns {
    fn new(k: usize) -> Self {
        TopDrawdowns {
            k,
            deepest: None,
            top: Vec::with_capacity(k.min(64) + 1),
        }
    }

    /// Takes the next episode in chronological order.
    fn push(&mut self, d: Episode) {
        if self.deepest.is_none_or(|m| d.depth < m.depth) {
            self.deepest = Some(d);
        }
        if self.top.len() == self.k && self.top.last().is_none_or(|last| d.depth >= last.depth) {
            return; // not deeper than the k-th (or k == 0)
        }
        // After every episode at least as deep: a later tie stays behind the earlier one.
        let at = self.top.partition_point(|e| e.depth <= d.depth);
        self.top.insert(at, d);
        self.top.truncate(self.k);
    }

    /// The deepest episode and the table, dated.
    fn dated(self, times: &[NaiveDateTime]) -> (Option<Drawdown>, Vec<Drawdown>) {
        let deepest = self.deepest.map(|e| e.dated(times));
        (deepest, self.top.iter().map(|e| e.dated(times)).collect())
    }
}

/// A drawdown episode by index (see [`Drawdown`]).
#[derive(Clone, Copy)]
struct Episode {
    depth: f64,
    peak: usize,
    trough: usize,
    recovery: Option<usize>,
}

impl Episode {
    fn dated(self, times: &[NaiveDateTime]) -> Drawdown {
        Drawdown {
            depth: self.depth,
            peak: times[self.peak],
            trough: times[self.trough],
            recovery: self.recovery.map(|r| times[r]),
            peak_index: self.peak,
            trough_index: self.trough,
            recovery_index: self.recovery,
        }
    }
}

fn drawdown_episodes(times: &[NaiveDateTime], values: &[f64]) -> Vec<Drawdown> {
    let mut out = Vec::new();
    let mut episode = DrawdownState::new(values[0]);
    for (i, &v) in values.iter().enumerate().skip(1) {
        episode.step(i, v, |d| out.push(d.dated(times)));
    }
    episode.finish(|d| out.push(d.dated(times)));
    out
}

/// The drawdown episode in progress while values are fed in order.
struct DrawdownState {
    peak_i: usize,
    peak: f64,
    /// The current episode's trough (index, value) when under water.
    trough: Option<(usize, f64)>,
}

impl DrawdownState {
    fn new(first: f64) -> Self {
        DrawdownState {
            peak_i: 0,
            peak: first,
            trough: None,
        }
    }

    fn episode(&self, (ti, tv): (usize, f64), rec: Option<usize>) -> Episode {
        Episode {
            depth: tv / self.peak - 1.0,
            peak: self.peak_i,
            trough: ti,
            recovery: rec,
        }
    }

    /// Takes value `v` at index `i`, calling `emit` with the episode it ends (if any).
    #[inline(always)]
    fn step(&mut self, i: usize, v: f64, emit: impl FnOnce(Episode)) {
        if v >= self.peak {
            if let Some(t) = self.trough.take() {
                emit(self.episode(t, Some(i)));
            }
            if v > self.peak {
                self.peak = v;
                self.peak_i = i;
            }
        } else {
            match self.trough {
                Some((_, tv)) if v >= tv => {}
                _ => self.trough = Some((i, v)),
            }
        }
    }

    /// Ends the data: emits the episode still under water (if any).
    fn finish(self, emit: impl FnOnce(Episode)) {
        if let Some(t) = self.trough {
            emit(self.episode(t, None));
        }
    }
}

/// Up- and down-market capture against a benchmark.
///
/// ```
/// use chartist::performance::capture_of;
/// // The series moves exactly with the benchmark: both captures are 1.
/// let c = capture_of(&[10.0, 11.0, 10.0, 12.0], &[10.0, 11.0, 10.0, 12.0])?;
/// assert!((c.up - 1.0).abs() < 1e-12 && (c.down - 1.0).abs() < 1e-12);
/// assert_eq!((c.up_periods, c.down_periods), (2, 1));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Capture {
    /// Mean return in periods when the benchmark rose, divided by the benchmark's mean return
    /// in those periods (1.0 = moves one for one; NaN without such periods).
    pub up: f64,
    /// The same over periods when the benchmark fell (below 1.0 = loses less).
    pub down: f64,
    /// Number of periods the benchmark rose.
    pub up_periods: usize,
    /// Number of periods the benchmark fell.
    pub down_periods: usize,
}

/// Up/down capture of `series` against `benchmark`, on their common dates (inner join).
///
/// See [`capture_of`] for the definition.
///
/// ```
/// use chartist::performance::capture;
/// let s = chartist::sample::story(1);
/// let c = capture(&s.small_caps, &s.benchmark)?;
/// assert!(c.up_periods > 0 && c.down_periods > 0);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::NoCommonDates`] when the series share no date; [`Error::InsufficientData`] when
/// they share fewer than two.
pub fn capture(series: &PriceSeries, benchmark: &PriceSeries) -> Result<Capture> {
    let (aligned, _) = align(&[series, benchmark], AlignOptions::inner())?;
    capture_of(aligned[0].close(), aligned[1].close())
}

/// Up/down capture of `values` against `benchmark` values on the same dates.
///
/// Definition (arithmetic-mean capture, as Morningstar's "capture ratio" before
/// compounding): with period returns `r` and benchmark returns `b`,
/// `up = mean(r_i : b_i > 0) / mean(b_i : b_i > 0)` and
/// `down = mean(r_i : b_i < 0) / mean(b_i : b_i < 0)`. Periods with a NaN return are skipped.
///
/// ```
/// use chartist::performance::capture_of;
/// // Benchmark +10%, -10%; series +20%, -5%.
/// let c = capture_of(&[100.0, 120.0, 114.0], &[100.0, 110.0, 99.0])?;
/// assert!((c.up - 2.0).abs() < 1e-12 && (c.down - 0.5).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::LengthMismatch`] for different lengths; [`Error::InsufficientData`] for fewer than
/// two values.
pub fn capture_of(values: &[f64], benchmark: &[f64]) -> Result<Capture> {
    check_len("benchmark", values.len(), benchmark.len())?;
    if values.len() < 2 {
        return Err(Error::InsufficientData {
            what: "capture ratios".into(),
            needed: 2,
            got: values.len(),
        });
    }
    let (mut su, mut bu, mut nu) = (0.0, 0.0, 0usize);
    let (mut sd, mut bd, mut nd) = (0.0, 0.0, 0usize);
    for (v, b) in values.windows(2).zip(benchmark.windows(2)) {
        let r = v[1] / v[0] - 1.0;
        let rb = b[1] / b[0] - 1.0;
        if !(r.is_finite() && rb.is_finite()) {
            continue;
        }
        if rb > 0.0 {
            su += r;
            bu += rb;
            nu += 1;
        } else if rb < 0.0 {
            sd += r;
            bd += rb;
            nd += 1;
        }
    }
    let div = |s: f64, b: f64, k: usize| if k == 0 { f64::NAN } else { s / b };
    Ok(Capture {
        up: div(su, bu, nu),
        down: div(sd, bd, nd),
        up_periods: nu,
        down_periods: nd,
    })
}

/// Rolling statistics over trailing windows (see [`rolling_performance`]).
///
/// ```
/// use chartist::performance::{rolling_performance, PerformanceConfig};
/// let s = chartist::sample::random_walk("X", 6, 200, 100.0, 0.0, 0.01);
/// let r = rolling_performance(s.times(), s.close(), 20, &PerformanceConfig::default())?;
/// assert_eq!(r.times.len(), 200);
/// assert!(r.max_drawdown[20] <= 0.0 && r.total_return[19].is_nan());
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RollingPerformance {
    /// The timestamps (window ends).
    pub times: Vec<NaiveDateTime>,
    /// Return over the window.
    pub total_return: Vec<f64>,
    /// Annualised volatility over the window.
    pub annualized_volatility: Vec<f64>,
    /// Annualised Sharpe ratio over the window.
    pub sharpe: Vec<f64>,
    /// Annualised Sortino ratio over the window.
    pub sortino: Vec<f64>,
    /// Maximum drawdown inside the window (a negative fraction, 0 without one).
    pub max_drawdown: Vec<f64>,
}

/// Statistics of [`performance_of`] over trailing windows of `window` returns.
///
/// Output index `i` covers `values[i - window ..= i]` (`window` returns) with the definitions
/// of [`performance_of`]; indices below `window` are NaN (warm-up `window`). Return,
/// volatility, Sharpe and Sortino use running sums (O(n)); the window's maximum drawdown is
/// rescanned per window (O(n × window)). Causal: appending values never changes earlier
/// outputs, provided the annualisation is fixed ([`Annualization::Infer`] looks at all
/// timestamps once).
///
/// ```
/// use chartist::performance::{rolling_performance, PerformanceConfig};
/// let s = chartist::sample::random_walk("X", 2, 300, 100.0, 0.0, 0.01);
/// let r = rolling_performance(s.times(), s.close(), 63, &PerformanceConfig::default())?;
/// assert!(r.sharpe[62].is_nan() && r.sharpe[63].is_finite());
/// # Ok::<(), chartist::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`] for `window < 2`; otherwise as [`performance_of`].
pub fn rolling_performance(
    times: &[NaiveDateTime],
    values: &[f64],
    window: usize,
    config: &PerformanceConfig,
) -> Result<RollingPerformance> {
    check_period("window", window)?;
    if window < 2 {
        return Err(Error::param("window", window, "must be at least 2"));
    }
    config.validate()?;
    validate_curve(times, values)?;
    let p = config.periods(times)?;
    let rf = per_period_rate(config.risk_free_rate, p);
    let n = values.len();
    let nan = || vec![f64::NAN; n];
    let (mut tr, mut vol, mut sh, mut so, mut mdd) = (nan(), nan(), nan(), nan(), nan());
    let w = window as f64;
    let ret = |i: usize| values[i] / values[i - 1] - 1.0;
    let down = |r: f64| {
        let e = (r - rf).min(0.0);
        e * e
    };
    let (mut s1, mut s2, mut sd2) = (0.0, 0.0, 0.0);
    for i in 1..n {
        let r = ret(i);
        s1 += r;
        s2 += r * r;
        sd2 += down(r);
        if i > window {
            let old = ret(i - window);
            s1 -= old;
            s2 -= old * old;
            sd2 -= down(old);
        }
        if i >= window {
            let mean = s1 / w;
            let var = ((s2 - s1 * mean) / (w - 1.0)).max(0.0);
            let sd = var.sqrt();
            let dd = (sd2.max(0.0) / w).sqrt();
            tr[i] = values[i] / values[i - window] - 1.0;
            vol[i] = sd * p.sqrt();
            sh[i] = if sd > 0.0 {
                (mean - rf) / sd * p.sqrt()
            } else {
                f64::NAN
            };
            so[i] = if dd > 0.0 {
                (mean - rf) / dd * p.sqrt()
            } else {
                f64::NAN
            };
            let mut peak = values[i - window];
            let mut worst = 0.0f64;
            for &v in &values[i - window..=i] {
                peak = peak.max(v);
                worst = worst.min(v / peak - 1.0);
            }
            mdd[i] = worst;
        }
    }
    Ok(RollingPerformance {
        times: times.to_vec(),
        total_return: tr,
        annualized_volatility: vol,
        sharpe: sh,
        sortino: so,
        max_drawdown: mdd,
    })
}
