//! A relative rotation graph: where each member of a universe stands against a benchmark on
//! two axes, RS-ratio (trend of relative strength) and RS-momentum (its rate of change).
//!
//! Relative Rotation Graphs (Julius de Kempenaer) popularised this picture; their exact
//! formulas are proprietary. chartist implements an **open, documented normalisation** in the
//! same spirit, with neutral names. For an asset `A` and benchmark `B` on aligned bars:
//!
//! ```text
//! l(t)           = ln(A(t) / B(t))                        log ratio line
//! s(t)           = EMA(l, smoothing)(t)                   smoothed (TA-Lib EMA, SMA-seeded)
//! d(t)           = s(t) - SMA(s, trend)(t)                distance above its own trend
//! RS-ratio(t)    = 100 * exp(d(t))
//! RS-momentum(t) = 100 * RS-ratio(t) / RS-ratio(t - momentum)
//! ```
//!
//! Both axes are centred on 100 and read as percentages: RS-ratio 103 means the smoothed ratio
//! line is 3% above its `trend`-bar average; RS-momentum 101 means RS-ratio rose 1% over the
//! last `momentum` bars. Because only differences of the log ratio enter, scaling either price
//! series by a constant changes nothing. Every step is causal (EMA, SMA and lags look only
//! back), so appending bars never changes earlier points.
//!
//! Warm-up: RS-ratio starts at bar `smoothing + trend - 2`, RS-momentum `momentum` bars later.
//! A bad price (NaN, zero, negative) gives NaN and restarts the averages (the crate's NaN
//! policy).
//!
//! **Quadrants** ([`Quadrant`]): RS-ratio ≥ 100 and RS-momentum ≥ 100 is Leading; ratio ≥ 100,
//! momentum < 100 Weakening; both < 100 Lagging; ratio < 100, momentum ≥ 100 Improving. A
//! relative cycle moves clockwise Improving → Leading → Weakening → Lagging.
//! **Heading** is the direction of the last step in degrees, counter-clockwise from the
//! RS-ratio axis: 0° = towards higher RS-ratio (east), 90° = towards higher RS-momentum
//! (north), in `[0, 360)`. **Distance** is the Euclidean distance from (100, 100).
//!
//! A constant ratio line (or any period-1 configuration) sits on the centre only up to
//! rounding: its EMA and SMA are a few units in the last place off, so RS-ratio is 100 within
//! about `1e-13` and the quadrant of such a point says nothing.

use chrono::NaiveDateTime;

use super::strength::RsTimeframe;
use super::{aligned_closes, benchmark_row, check_pair, good_price, weekly_columns};
use crate::error::{check_period, Result};
use crate::indicators::{ema, sma};
use crate::series::{Panel, PriceSeries, TimeKey};

/// The four quadrants of a rotation graph.
///
/// ```
/// use chartist::relative::Quadrant::{self, *};
/// // A clockwise relative cycle: (RS-ratio, RS-momentum) points.
/// let cycle = [(99.0, 101.0), (101.0, 101.0), (101.0, 99.0), (99.0, 99.0)];
/// let q: Option<Vec<Quadrant>> = cycle.iter().map(|&(x, y)| Quadrant::of(x, y)).collect();
/// assert_eq!(q, Some(vec![Improving, Leading, Weakening, Lagging]));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Quadrant {
    /// RS-ratio ≥ 100, RS-momentum ≥ 100: outperforming and gaining.
    Leading,
    /// RS-ratio ≥ 100, RS-momentum < 100: outperforming but losing pace.
    Weakening,
    /// RS-ratio < 100, RS-momentum < 100: underperforming and losing.
    Lagging,
    /// RS-ratio < 100, RS-momentum ≥ 100: underperforming but gaining.
    Improving,
}

impl Quadrant {
    /// The quadrant of a point, or `None` when either coordinate is NaN.
    ///
    /// ```
    /// use chartist::relative::Quadrant;
    /// assert_eq!(Quadrant::of(101.0, 99.0), Some(Quadrant::Weakening));
    /// assert_eq!(Quadrant::of(f64::NAN, 99.0), None);
    /// ```
    pub fn of(rs_ratio: f64, rs_momentum: f64) -> Option<Quadrant> {
        if rs_ratio.is_nan() || rs_momentum.is_nan() {
            return None;
        }
        Some(match (rs_ratio >= 100.0, rs_momentum >= 100.0) {
            (true, true) => Quadrant::Leading,
            (true, false) => Quadrant::Weakening,
            (false, false) => Quadrant::Lagging,
            (false, true) => Quadrant::Improving,
        })
    }
}

/// Parameters of the rotation graph (see the [module docs](self) for the formulas).
///
/// ```
/// use chartist::relative::{RotationConfig, RsTimeframe};
/// let daily = RotationConfig::default();
/// assert_eq!((daily.smoothing, daily.trend, daily.momentum), (10, 63, 10));
/// let weekly = RotationConfig::weekly().tail(6);
/// assert_eq!(weekly.timeframe, RsTimeframe::Weekly);
/// assert_eq!(weekly.tail, 6);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RotationConfig {
    /// Daily (default) or weekly bars (for dated inputs; slice inputs are used as given).
    pub timeframe: RsTimeframe,
    /// EMA length smoothing the log ratio (daily 10, weekly 4).
    pub smoothing: usize,
    /// SMA length of the trend the smoothed ratio is compared with (daily 63, weekly 26).
    pub trend: usize,
    /// Lag of RS-momentum in bars (daily 10, weekly 4).
    pub momentum: usize,
    /// Points in a tail (daily 10, weekly 8).
    pub tail: usize,
}

impl Default for RotationConfig {
    fn default() -> Self {
        RotationConfig {
            timeframe: RsTimeframe::Daily,
            smoothing: 10,
            trend: 63,
            momentum: 10,
            tail: 10,
        }
    }
}

impl RotationConfig {
    /// Weekly bars: smoothing 4, trend 26, momentum 4, tail 8.
    ///
    /// ```
    /// use chartist::relative::{rotation_of_series, RotationConfig, RsTimeframe};
    /// use chrono::{Datelike, Weekday};
    /// let w = RotationConfig::weekly();
    /// assert_eq!((w.timeframe, w.smoothing, w.trend, w.momentum, w.tail), (RsTimeframe::Weekly, 4, 26, 4, 8));
    /// let story = chartist::sample::story(1);
    /// let r = rotation_of_series(&story.small_caps, &story.benchmark, &w)?;
    /// // One bar per week, on its last trading day (the sample has no holidays).
    /// assert!(r.times.iter().all(|t| t.weekday() == Weekday::Fri));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn weekly() -> Self {
        RotationConfig {
            timeframe: RsTimeframe::Weekly,
            smoothing: 4,
            trend: 26,
            momentum: 4,
            tail: 8,
        }
    }
    /// Sets the timeframe (other parameters are kept).
    ///
    /// ```
    /// use chartist::relative::{rotation_of_series, RotationConfig, RsTimeframe};
    /// // Weekly lengths on daily bars.
    /// let cfg = RotationConfig::weekly().timeframe(RsTimeframe::Daily);
    /// assert_eq!((cfg.timeframe, cfg.trend), (RsTimeframe::Daily, 26));
    /// let story = chartist::sample::story(1);
    /// let r = rotation_of_series(&story.small_caps, &story.benchmark, &cfg)?;
    /// assert_eq!(r.times, story.benchmark.times());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn timeframe(mut self, timeframe: RsTimeframe) -> Self {
        self.timeframe = timeframe;
        self
    }
    /// Sets the EMA smoothing length.
    ///
    /// ```
    /// use chartist::relative::{rotation, RotationConfig};
    /// # // An asset gaining 0.2% a bar on a flat benchmark.
    /// # let b = vec![100.0; 120];
    /// # let a: Vec<f64> = (0..120).map(|i| 100.0 * (0.002 * i as f64).exp()).collect();
    /// // RS-ratio starts at bar smoothing + trend - 2 = 5 + 63 - 2.
    /// let (x, _) = rotation(&a, &b, &RotationConfig::default().smoothing(5))?;
    /// assert!(x[65].is_nan() && x[66] > 100.0);
    /// assert!(rotation(&a, &b, &RotationConfig::default().smoothing(0)).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn smoothing(mut self, n: usize) -> Self {
        self.smoothing = n;
        self
    }
    /// Sets the trend SMA length.
    ///
    /// ```
    /// use chartist::relative::{rotation, RotationConfig};
    /// # // An asset gaining 0.2% a bar on a flat benchmark.
    /// # let b = vec![100.0; 120];
    /// # let a: Vec<f64> = (0..120).map(|i| 100.0 * (0.002 * i as f64).exp()).collect();
    /// // RS-ratio starts at bar smoothing + trend - 2 = 10 + 20 - 2.
    /// let (x, _) = rotation(&a, &b, &RotationConfig::default().trend(20))?;
    /// assert!(x[27].is_nan() && x[28] > 100.0);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn trend(mut self, n: usize) -> Self {
        self.trend = n;
        self
    }
    /// Sets the momentum lag.
    ///
    /// ```
    /// use chartist::relative::{rotation, RotationConfig};
    /// # // An asset gaining 0.2% a bar on a flat benchmark.
    /// # let b = vec![100.0; 120];
    /// # let a: Vec<f64> = (0..120).map(|i| 100.0 * (0.002 * i as f64).exp()).collect();
    /// // RS-momentum starts `momentum` bars after RS-ratio (bar 71).
    /// let (_, y) = rotation(&a, &b, &RotationConfig::default().momentum(5))?;
    /// assert!(y[75].is_nan() && y[76].is_finite());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn momentum(mut self, n: usize) -> Self {
        self.momentum = n;
        self
    }
    /// Sets the tail length.
    ///
    /// ```
    /// use chartist::relative::{rotation_of_series, RotationConfig};
    /// let cfg = RotationConfig::weekly().tail(6);
    /// let story = chartist::sample::story(1);
    /// let r = rotation_of_series(&story.small_caps, &story.benchmark, &cfg)?;
    /// assert_eq!(r.tail(chartist::sample::end_date(), cfg.tail).len(), 6);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn tail(mut self, n: usize) -> Self {
        self.tail = n;
        self
    }
    /// Index of the first RS-momentum value.
    ///
    /// ```
    /// use chartist::relative::{rotation, RotationConfig};
    /// # // An asset gaining 0.2% a bar on a flat benchmark.
    /// # let b = vec![100.0; 120];
    /// # let a: Vec<f64> = (0..120).map(|i| 100.0 * (0.002 * i as f64).exp()).collect();
    /// let cfg = RotationConfig::default();
    /// assert_eq!(cfg.lookback(), 10 + 63 - 2 + 10);
    /// let (_, y) = rotation(&a, &b, &cfg)?;
    /// assert!(y[cfg.lookback() - 1].is_nan() && y[cfg.lookback()].is_finite());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn lookback(&self) -> usize {
        // Saturating, so that any configuration (even one `rotation` rejects, with a zero or a
        // huge length) has a lookback rather than an overflow.
        self.smoothing
            .saturating_add(self.trend)
            .saturating_sub(2)
            .saturating_add(self.momentum)
    }
    fn validate(&self) -> Result<()> {
        check_period("smoothing", self.smoothing)?;
        check_period("trend", self.trend)?;
        check_period("momentum", self.momentum)?;
        check_period("tail", self.tail)
    }
}

/// RS-ratio and RS-momentum of two aligned price slices (asset first, benchmark second), on
/// the bars given.
///
/// Returns `(rs_ratio, rs_momentum)`, each of the input's length, NaN during warm-up (see the
/// [module docs](self)).
///
/// # Errors
/// [`Error::LengthMismatch`](crate::Error::LengthMismatch) for slices of different lengths;
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a zero length in `config`.
///
/// # Example
/// ```
/// use chartist::relative::{rotation, RotationConfig};
/// let b = vec![100.0; 120];
/// let a: Vec<f64> = (0..120).map(|i| 100.0 * (0.002 * i as f64).exp()).collect();
/// let (x, y) = rotation(&a, &b, &RotationConfig::default())?;
/// assert!(x[70].is_nan() && x[71] > 100.0); // steady outperformance: above its trend
/// assert!(y[80].is_nan() && (y[81] - 100.0).abs() < 1e-9); // ... at a constant distance
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rotation(
    asset: &[f64],
    benchmark: &[f64],
    config: &RotationConfig,
) -> Result<(Vec<f64>, Vec<f64>)> {
    check_pair(asset, benchmark)?;
    config.validate()?;
    let logs: Vec<f64> = asset
        .iter()
        .zip(benchmark)
        .map(|(&a, &b)| {
            if good_price(a) && good_price(b) {
                a.ln() - b.ln()
            } else {
                f64::NAN
            }
        })
        .collect();
    rotation_of_log_ratio(&logs, config)
}

fn rotation_of_log_ratio(logs: &[f64], config: &RotationConfig) -> Result<(Vec<f64>, Vec<f64>)> {
    let s = ema(logs, config.smoothing)?;
    let m = sma(&s, config.trend)?;
    let ratio: Vec<f64> = s
        .iter()
        .zip(&m)
        .map(|(s, m)| 100.0 * (s - m).exp())
        .collect();
    let k = config.momentum;
    let mut momentum = vec![f64::NAN; ratio.len()];
    // `k + 1` cannot overflow: a window longer than the data leaves every value NaN.
    let span = k.saturating_add(1);
    for (o, w) in momentum.iter_mut().skip(k).zip(ratio.windows(span)) {
        *o = 100.0 * w[k] / w[0];
    }
    Ok((ratio, momentum))
}

/// One point of a rotation graph.
///
/// ```
/// use chartist::relative::{Quadrant, RotationSeries};
/// use chartist::series::midnight;
/// # use chrono::NaiveDate;
/// # let t = |d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap());
/// let r = RotationSeries { symbol: "X".into(), times: vec![t(5), t(6)],
///     rs_ratio: vec![103.0, 103.0], rs_momentum: vec![98.0, 96.0] };
/// let p = r.point(1).unwrap();
/// assert_eq!((p.time, p.rs_ratio, p.rs_momentum), (t(6), 103.0, 96.0));
/// assert_eq!((p.quadrant, p.distance), (Quadrant::Weakening, 5.0)); // 3-4-5 from (100, 100)
/// assert_eq!(p.heading_degrees, 270.0); // straight down: losing momentum
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RotationPoint {
    /// The bar's timestamp.
    pub time: NaiveDateTime,
    /// RS-ratio (100 = on trend).
    pub rs_ratio: f64,
    /// RS-momentum (100 = flat).
    pub rs_momentum: f64,
    /// The quadrant.
    pub quadrant: Quadrant,
    /// Direction of the step from the previous bar's point, degrees in `[0, 360)`
    /// counter-clockwise from the RS-ratio axis; NaN when the previous bar has no point (the
    /// first point after the warm-up or after a gap).
    pub heading_degrees: f64,
    /// Distance from (100, 100).
    pub distance: f64,
}

/// The rotation path of one asset against a benchmark.
///
/// ```
/// use chartist::relative::{rotation_of_series, RotationConfig};
/// let story = chartist::sample::story(7);
/// let r = rotation_of_series(&story.small_caps, &story.benchmark, &RotationConfig::default())?;
/// assert_eq!(r.symbol, "SMALL");
/// assert_eq!((r.rs_ratio.len(), r.rs_momentum.len()), (r.times.len(), r.times.len()));
/// assert!(r.rs_ratio[70].is_nan() && r.rs_ratio[71].is_finite()); // 10 + 63 - 2
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RotationSeries {
    /// The asset's symbol.
    pub symbol: String,
    /// Bar timestamps (daily dates, or each week's last trading day).
    pub times: Vec<NaiveDateTime>,
    /// RS-ratio per bar (NaN in warm-up).
    pub rs_ratio: Vec<f64>,
    /// RS-momentum per bar (NaN in warm-up).
    pub rs_momentum: Vec<f64>,
}

impl RotationSeries {
    /// The point at bar `i`, or `None` when out of range or still warming up.
    ///
    /// ```
    /// use chartist::relative::{Quadrant, RotationSeries};
    /// use chartist::series::midnight;
    /// # use chrono::NaiveDate;
    /// # let t = |d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap());
    /// let r = RotationSeries {
    ///     symbol: "X".into(),
    ///     times: vec![t(5), t(6), t(7), t(8)], // Monday to Thursday
    ///     rs_ratio: vec![f64::NAN, 99.0, 100.0, 101.0],
    ///     rs_momentum: vec![f64::NAN, 101.0, 102.0, 99.0],
    /// };
    /// assert_eq!(r.point(0), None); // warming up
    /// assert_eq!(r.point(4), None); // out of range
    /// let p = r.point(2).unwrap();
    /// assert_eq!((p.quadrant, p.heading_degrees), (Quadrant::Leading, 45.0)); // +1, +1
    /// ```
    pub fn point(&self, i: usize) -> Option<RotationPoint> {
        let (x, y) = (*self.rs_ratio.get(i)?, *self.rs_momentum.get(i)?);
        // (The fields are public: a hand-built path may hold fewer times than values.)
        let time = *self.times.get(i)?;
        let quadrant = Quadrant::of(x, y)?;
        let heading_degrees = match i.checked_sub(1) {
            Some(p) => {
                let (dx, dy) = (x - self.rs_ratio[p], y - self.rs_momentum[p]);
                let a = dy.atan2(dx).to_degrees();
                if a < 0.0 {
                    a + 360.0
                } else {
                    a
                }
            }
            None => f64::NAN,
        };
        Some(RotationPoint {
            time,
            rs_ratio: x,
            rs_momentum: y,
            quadrant,
            heading_degrees,
            distance: (x - 100.0).hypot(y - 100.0),
        })
    }
    /// Index of the last bar on or before `key`.
    ///
    /// ```
    /// use chartist::relative::RotationSeries;
    /// use chartist::series::midnight;
    /// # use chrono::NaiveDate;
    /// # let t = |d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap());
    /// let r = RotationSeries {
    ///     symbol: "X".into(),
    ///     times: vec![t(5), t(6), t(7), t(8)], // Monday to Thursday
    ///     rs_ratio: vec![f64::NAN, 99.0, 100.0, 101.0],
    ///     rs_momentum: vec![f64::NAN, 101.0, 102.0, 99.0],
    /// };
    /// assert_eq!(r.index_as_of(NaiveDate::from_ymd_opt(2026, 1, 10).unwrap()), Some(3)); // Saturday
    /// assert_eq!(r.index_as_of(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()), None);
    /// ```
    pub fn index_as_of(&self, key: impl TimeKey) -> Option<usize> {
        self.times
            .partition_point(|t| *t <= key.end())
            .checked_sub(1)
    }
    /// The point on the last bar on or before `key`.
    ///
    /// ```
    /// use chartist::relative::{Quadrant, RotationSeries};
    /// use chartist::series::midnight;
    /// # use chrono::NaiveDate;
    /// # let t = |d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap());
    /// let r = RotationSeries {
    ///     symbol: "X".into(),
    ///     times: vec![t(5), t(6), t(7), t(8)], // Monday to Thursday
    ///     rs_ratio: vec![f64::NAN, 99.0, 100.0, 101.0],
    ///     rs_momentum: vec![f64::NAN, 101.0, 102.0, 99.0],
    /// };
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// assert_eq!(r.point_as_of(d(5)), None); // warming up
    /// assert_eq!(r.point_as_of(d(11)).map(|p| p.quadrant), Some(Quadrant::Weakening));
    /// ```
    pub fn point_as_of(&self, key: impl TimeKey) -> Option<RotationPoint> {
        self.point(self.index_as_of(key)?)
    }
    /// The tail: up to `k` points ending on the last bar on or before `key`, oldest first
    /// (warm-up bars are skipped, so a young series has a shorter tail).
    ///
    /// ```
    /// use chartist::relative::RotationSeries;
    /// use chartist::series::midnight;
    /// # use chrono::NaiveDate;
    /// # let t = |d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap());
    /// let r = RotationSeries {
    ///     symbol: "X".into(),
    ///     times: vec![t(5), t(6), t(7), t(8)], // Monday to Thursday
    ///     rs_ratio: vec![f64::NAN, 99.0, 100.0, 101.0],
    ///     rs_momentum: vec![f64::NAN, 101.0, 102.0, 99.0],
    /// };
    /// let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).unwrap();
    /// assert_eq!(r.tail(d(8), 10).len(), 3); // the warm-up bar is skipped
    /// let tail = r.tail(d(7), 2);
    /// assert_eq!((tail[0].time, tail[1].time), (t(6), t(7))); // oldest first
    /// ```
    pub fn tail(&self, key: impl TimeKey, k: usize) -> Vec<RotationPoint> {
        let Some(end) = self.index_as_of(key) else {
            return Vec::new();
        };
        let start = (end + 1).saturating_sub(k);
        (start..=end).filter_map(|i| self.point(i)).collect()
    }
    /// The quadrant of every bar (`None` in warm-up).
    ///
    /// ```
    /// use chartist::relative::{Quadrant::*, RotationSeries};
    /// use chartist::series::midnight;
    /// # use chrono::NaiveDate;
    /// # let t = |d| midnight(NaiveDate::from_ymd_opt(2026, 1, d).unwrap());
    /// let r = RotationSeries {
    ///     symbol: "X".into(),
    ///     times: vec![t(5), t(6), t(7), t(8)], // Monday to Thursday
    ///     rs_ratio: vec![f64::NAN, 99.0, 100.0, 101.0],
    ///     rs_momentum: vec![f64::NAN, 101.0, 102.0, 99.0],
    /// };
    /// assert_eq!(r.quadrants(), vec![None, Some(Improving), Some(Leading), Some(Weakening)]);
    /// ```
    pub fn quadrants(&self) -> Vec<Option<Quadrant>> {
        self.rs_ratio
            .iter()
            .zip(&self.rs_momentum)
            .map(|(&x, &y)| Quadrant::of(x, y))
            .collect()
    }
}

/// The rotation path of two dated series, aligned by timestamp, on the configured timeframe.
///
/// # Errors
/// [`Error::NoCommonDates`](crate::Error::NoCommonDates) when the series share no date;
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a zero length in `config`.
///
/// # Example
/// ```
/// use chartist::relative::{rotation_of_series, RotationConfig};
/// let story = chartist::sample::story(42);
/// let r = rotation_of_series(&story.small_caps, &story.benchmark, &RotationConfig::weekly())?;
/// let p = r.point_as_of(chartist::sample::end_date()).expect("warmed up");
/// assert!(p.distance >= 0.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rotation_of_series(
    asset: &PriceSeries,
    benchmark: &PriceSeries,
    config: &RotationConfig,
) -> Result<RotationSeries> {
    let (times, a, b) = aligned_closes(asset, benchmark)?;
    let (times, a, b) = match config.timeframe {
        RsTimeframe::Daily => (times, a, b),
        RsTimeframe::Weekly => super::strength::weekly_closes(&times, &a, &b)?,
    };
    let (rs_ratio, rs_momentum) = rotation(&a, &b, config)?;
    Ok(RotationSeries {
        symbol: asset.symbol().to_string(),
        times,
        rs_ratio,
        rs_momentum,
    })
}

/// Rotation paths of every member of a universe against one benchmark.
///
/// ```
/// use chartist::relative::{rotation_graph, RotationConfig};
/// use chartist::series::{Panel, PanelJoin};
/// let story = chartist::sample::story(42);
/// let panel = Panel::from_series(&[story.benchmark, story.small_caps], PanelJoin::Outer)?;
/// let g = rotation_graph(&panel, "BENCH", &RotationConfig::default())?;
/// assert_eq!(g.benchmark, "BENCH");
/// assert_eq!(g.members.len(), 1); // the benchmark is left out
/// assert_eq!((g.members[0].symbol.as_str(), g.members[0].times.len()), ("SMALL", panel.n_dates()));
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RotationGraph {
    /// The benchmark's symbol.
    pub benchmark: String,
    /// One path per member (the benchmark itself excluded), in panel order.
    pub members: Vec<RotationSeries>,
}

impl RotationGraph {
    /// Each member's point on the last bar on or before `key` (`None` while warming up or when
    /// the member has no data there).
    ///
    /// ```
    /// use chartist::relative::{rotation_graph, RotationConfig};
    /// use chartist::series::{Panel, PanelJoin};
    /// let story = chartist::sample::story(42);
    /// let mut all = story.sectors.clone();
    /// all.push(story.benchmark.clone());
    /// let g = rotation_graph(&Panel::from_series(&all, PanelJoin::Outer)?, "BENCH", &RotationConfig::weekly())?;
    /// let now = g.points_as_of(chartist::sample::end_date());
    /// assert!(now.len() == 11 && now.iter().all(|(_, p)| p.is_some()));
    /// let first_day = story.benchmark.times()[0];
    /// assert!(g.points_as_of(first_day).iter().all(|(_, p)| p.is_none())); // warming up
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn points_as_of(&self, key: impl TimeKey) -> Vec<(String, Option<RotationPoint>)> {
        self.members
            .iter()
            .map(|m| (m.symbol.clone(), m.point_as_of(key)))
            .collect()
    }
    /// Each member's tail of up to `k` points ending on or before `key`.
    ///
    /// ```
    /// use chartist::relative::{rotation_graph, RotationConfig};
    /// use chartist::series::{Panel, PanelJoin};
    /// let story = chartist::sample::story(42);
    /// let mut all = story.sectors.clone();
    /// all.push(story.benchmark.clone());
    /// let g = rotation_graph(&Panel::from_series(&all, PanelJoin::Outer)?, "BENCH", &RotationConfig::weekly())?;
    /// let tails = g.tails(chartist::sample::end_date(), 8);
    /// assert_eq!(tails.len(), 11);
    /// assert!(tails.iter().all(|(_, t)| t.len() == 8 && t[0].time < t[7].time));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn tails(&self, key: impl TimeKey, k: usize) -> Vec<(String, Vec<RotationPoint>)> {
        self.members
            .iter()
            .map(|m| (m.symbol.clone(), m.tail(key, k)))
            .collect()
    }
}

/// The rotation graph of every member of `panel` against the member named `benchmark`.
///
/// Each member is compared on the panel's dates; where it or the benchmark has no bar (NaN)
/// its path is NaN and the averages restart after the gap. With a weekly timeframe each week
/// takes every column's last available close. The benchmark's own row is left out.
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) when `benchmark` is not a panel
/// member or `config` has a zero length;
/// [`Error::InsufficientData`](crate::Error::InsufficientData) when the panel holds only the
/// benchmark.
///
/// # Example
/// ```
/// use chartist::relative::{rotation_graph, RotationConfig};
/// use chartist::series::{Panel, PanelJoin};
/// let story = chartist::sample::story(42);
/// let mut all = story.sectors.clone();
/// all.push(story.benchmark.clone());
/// let panel = Panel::from_series(&all, PanelJoin::Outer)?;
/// let g = rotation_graph(&panel, "BENCH", &RotationConfig::default())?;
/// assert_eq!(g.members.len(), 11);
/// assert!(g.points_as_of(chartist::sample::end_date()).iter().all(|(_, p)| p.is_some()));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rotation_graph(
    panel: &Panel,
    benchmark: &str,
    config: &RotationConfig,
) -> Result<RotationGraph> {
    config.validate()?;
    let b_row = benchmark_row(panel, benchmark, "rotation graph")?;
    let (times, weekly): (Vec<NaiveDateTime>, Option<Vec<Vec<f64>>>) = match config.timeframe {
        RsTimeframe::Daily => (panel.times().to_vec(), None),
        RsTimeframe::Weekly => {
            let rows: Vec<&[f64]> = (0..panel.n_symbols()).map(|r| panel.close_of(r)).collect();
            let (t, cols) = weekly_columns(panel.times(), &rows);
            (t, Some(cols))
        }
    };
    let row = |r: usize| -> &[f64] {
        match &weekly {
            Some(cols) => cols.get(r).map(Vec::as_slice).unwrap_or(&[]),
            None => panel.close_of(r),
        }
    };
    let log_of = |x: &[f64]| -> Vec<f64> {
        x.iter()
            .map(|&v| if good_price(v) { v.ln() } else { f64::NAN })
            .collect()
    };
    let log_b = log_of(row(b_row));
    let mut members = Vec::with_capacity(panel.n_symbols() - 1);
    let mut logs = vec![f64::NAN; times.len()];
    for r in (0..panel.n_symbols()).filter(|&r| r != b_row) {
        for ((l, &a), &lb) in logs.iter_mut().zip(row(r)).zip(&log_b) {
            *l = if good_price(a) { a.ln() - lb } else { f64::NAN };
        }
        let (rs_ratio, rs_momentum) = rotation_of_log_ratio(&logs, config)?;
        members.push(RotationSeries {
            symbol: panel.symbols()[r].clone(),
            times: times.clone(),
            rs_ratio,
            rs_momentum,
        });
    }
    Ok(RotationGraph {
        benchmark: benchmark.to_string(),
        members,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_points_the_right_way() {
        let s = RotationSeries {
            symbol: "X".into(),
            times: vec![NaiveDateTime::MIN, NaiveDateTime::MAX],
            rs_ratio: vec![100.0, 100.0],
            rs_momentum: vec![99.0, 101.0],
        };
        let p = s.point(1).unwrap_or_else(|| unreachable!());
        assert!((p.heading_degrees - 90.0).abs() < 1e-12);
        assert_eq!(p.quadrant, Quadrant::Leading);
        assert!(s.point(0).is_some_and(|p| p.heading_degrees.is_nan()));
    }
}
