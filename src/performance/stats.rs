//! Performance statistics of a price series or an equity curve.

use chrono::{Datelike, NaiveDateTime, Timelike};

use crate::error::{check_len, check_period, Error, Result};
use crate::series::{align, AlignOptions, PriceSeries};
use crate::{At, Row};

/// How many periods make a year, for annualising volatility, Sharpe and Sortino.
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
    pub fn annualization(mut self, a: Annualization) -> Self {
        self.annualization = a;
        self
    }
    /// Sets the annual risk-free rate (a fraction).
    pub fn risk_free_rate(mut self, rate: f64) -> Self {
        self.risk_free_rate = rate;
        self
    }
    /// Sets how many drawdown episodes to keep.
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
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DatedReturn {
    /// The end of the period.
    pub time: NaiveDateTime,
    /// The simple return over the period.
    pub value: f64,
}

/// Summary statistics of a series (see [`performance`] for the definitions).
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
    const DAY: i64 = 86_400;
    let limits = [DAY - 1, 4 * DAY, 10 * DAY, 45 * DAY, 135 * DAY];
    let mut counts = [0usize; 6];
    let mut unsorted = None;
    for (i, w) in times.windows(2).enumerate() {
        let (a, b) = (w[0], w[1]);
        if a.time() == b.time() && a.year() == b.year() && b.ordinal() > a.ordinal() {
            // Same time of day later in the same year (daily, weekly... data): the gap is a
            // whole number of days, classified without the seconds.
            let class = match b.ordinal() - a.ordinal() {
                1..=4 => 1,
                5..=10 => 2,
                11..=45 => 3,
                46..=135 => 4,
                _ => 5,
            };
            counts[class] += 1;
            continue;
        }
        let gap = whole_seconds_between(a, b);
        // A positive gap in whole seconds is strictly later; only a zero gap needs the
        // sub-second comparison.
        if gap <= 0 && unsorted.is_none() && w[1] <= w[0] {
            unsorted = Some(i + 1);
        }
        let class = limits.iter().filter(|&&l| gap > l).count();
        counts[class] += 1;
    }
    (counts, unsorted)
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
    let seconds = if a.time() == b.time() {
        0
    } else {
        i64::from(b.num_seconds_from_midnight()) - i64::from(a.num_seconds_from_midnight())
    };
    days * 86_400 + seconds
}

fn validate_curve(times: &[NaiveDateTime], values: &[f64]) -> Result<()> {
    validate_values(times, values)?;
    if !times.windows(2).fold(true, |ok, w| ok & (w[1] > w[0]))
        && let Some(i) = times.windows(2).position(|w| w[1] <= w[0])
    {
        return Err(unsorted(times, i + 1));
    }
    Ok(())
}

fn unsorted(times: &[NaiveDateTime], i: usize) -> Error {
    Error::Unsorted {
        row: Row(i),
        at: At(Some(times[i])),
        previous: times[i - 1],
    }
}

/// Lengths and values of a curve (the time order is checked by the caller).
fn validate_values(times: &[NaiveDateTime], values: &[f64]) -> Result<()> {
    check_len("values", times.len(), values.len())?;
    if values.len() < 2 {
        return Err(Error::InsufficientData {
            what: "performance statistics".into(),
            needed: 2,
            got: values.len(),
        });
    }
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
/// O(n): two passes over the values, no sorting.
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
    let p = match config.annualization {
        Annualization::PeriodsPerYear(p) => {
            validate_curve(times, values)?;
            p
        }
        Annualization::Infer => {
            // One pass over the timestamps checks their order and classifies the spacings.
            validate_values(times, values)?;
            let (counts, first_unsorted) = spacing_classes(times);
            if let Some(i) = first_unsorted {
                return Err(unsorted(times, i));
            }
            periods_from_classes(&counts, times.len())?
        }
    };
    let rf = (1.0 + config.risk_free_rate).powf(1.0 / p) - 1.0;
    let n = values.len();
    let m = (n - 1) as f64;

    // Pass 1: sums, hits, extremes.
    let mut sum = 0.0;
    let mut down_sq = 0.0;
    let mut hits = 0usize;
    let (mut best, mut worst) = ((f64::NEG_INFINITY, 1usize), (f64::INFINITY, 1usize));
    for (i, w) in values.windows(2).enumerate() {
        let r = w[1] / w[0] - 1.0;
        sum += r;
        let ex = (r - rf).min(0.0);
        down_sq += ex * ex;
        hits += (r > 0.0) as usize;
        if r > best.0 {
            best = (r, i + 1);
        }
        if r < worst.0 {
            worst = (r, i + 1);
        }
    }
    let mean = sum / m;
    // Pass 2: centred squares (numerically safer than sum of squares).
    let mut sq = 0.0;
    for w in values.windows(2) {
        let d = w[1] / w[0] - 1.0 - mean;
        sq += d * d;
    }
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

    let (max_drawdown, episodes) = deepest_drawdowns(times, values, config.top_drawdowns);
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
fn deepest_drawdowns(
    times: &[NaiveDateTime],
    values: &[f64],
    k: usize,
) -> (Option<Drawdown>, Vec<Drawdown>) {
    let mut deepest: Option<Drawdown> = None;
    let mut top: Vec<Drawdown> = Vec::with_capacity(k.min(64) + 1);
    for_each_drawdown(times, values, |d| {
        if deepest.is_none_or(|m| d.depth < m.depth) {
            deepest = Some(d);
        }
        if top.len() == k && top.last().is_none_or(|last| d.depth >= last.depth) {
            return; // not deeper than the k-th (or k == 0)
        }
        // After every episode at least as deep: a later tie stays behind the earlier one.
        let at = top.partition_point(|e| e.depth <= d.depth);
        top.insert(at, d);
        top.truncate(k);
    });
    (deepest, top)
}

fn drawdown_episodes(times: &[NaiveDateTime], values: &[f64]) -> Vec<Drawdown> {
    let mut out = Vec::new();
    for_each_drawdown(times, values, |d| out.push(d));
    out
}

/// Calls `emit` with every drawdown episode of `values`, in chronological order.
fn for_each_drawdown(times: &[NaiveDateTime], values: &[f64], mut emit: impl FnMut(Drawdown)) {
    let mut peak_i = 0usize;
    let mut peak = values[0];
    // Current episode's trough (index, value) when under water.
    let mut trough: Option<(usize, f64)> = None;
    let close_episode =
        |peak_i: usize, peak: f64, (ti, tv): (usize, f64), rec: Option<usize>| Drawdown {
            depth: tv / peak - 1.0,
            peak: times[peak_i],
            trough: times[ti],
            recovery: rec.map(|r| times[r]),
            peak_index: peak_i,
            trough_index: ti,
            recovery_index: rec,
        };
    for (i, &v) in values.iter().enumerate().skip(1) {
        if v >= peak {
            if let Some(t) = trough.take() {
                emit(close_episode(peak_i, peak, t, Some(i)));
            }
            if v > peak {
                peak = v;
                peak_i = i;
            }
        } else {
            match trough {
                Some((_, tv)) if v >= tv => {}
                _ => trough = Some((i, v)),
            }
        }
    }
    if let Some(t) = trough {
        emit(close_episode(peak_i, peak, t, None));
    }
}

/// Up- and down-market capture against a benchmark.
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
    let rf = (1.0 + config.risk_free_rate).powf(1.0 / p) - 1.0;
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
