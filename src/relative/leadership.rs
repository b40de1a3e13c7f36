//! A leadership table: which members of a universe lead a benchmark as of a date, and how
//! user-defined groups (cyclical vs defensive, ...) compare. Plus [`SPDR_SECTORS`], a ready map
//! of the eleven SPDR sector ETFs.
//!
//! For each member (the benchmark's own row left out) the table gives, as of the last panel
//! date on or before the requested one:
//! * its simple return over each configured window (default 21, 63, 126, 252 bars) and its
//!   geometric excess over the benchmark for the same window (see
//!   [`performance`](super::performance));
//! * its RS score and RS rating among the members (see [`rating`](super::rating); the
//!   benchmark is not part of the ranking);
//! * its rotation point: RS-ratio, RS-momentum, [`Quadrant`] and heading (see
//!   [`rotation`](mod@super::rotation)), from the panel's dates up to the as-of date only
//!   (with a weekly rotation, the week so far is that week's bar, as it was on the day);
//! * the ratio line's distance from its moving average in percent (a daily Mansfield RS, see
//!   [`strength`](super::strength));
//! * its rank: 1 for the highest RS score; members without a score come last; ties and
//!   unscored members keep panel order, so ranks are always a permutation of `1..=members`.
//!
//! Windows longer than the available history give NaN, never an error.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::rating::{rank_into, score_into, RsRatingConfig};
use super::rotation::{rotation_graph, Quadrant, RotationConfig};
use super::{benchmark_row, good_price, strength::mansfield_rs};
use crate::error::{check_period, Error, Result};
use crate::series::{Panel, TimeKey};

/// The broad group of a sector.
///
/// ```
/// use chartist::relative::{SectorGroup, SPDR_SECTORS};
/// let defensive: Vec<&str> = SPDR_SECTORS.iter()
///     .filter(|s| s.group == SectorGroup::Defensive)
///     .map(|s| s.symbol)
///     .collect();
/// assert_eq!(defensive, ["XLP", "XLU", "XLV"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SectorGroup {
    /// Sectors whose earnings follow the business cycle.
    Cyclical,
    /// Sectors with steadier demand (staples, health care, utilities).
    Defensive,
}

impl SectorGroup {
    /// The group's name, `"cyclical"` or `"defensive"`.
    ///
    /// ```
    /// use chartist::relative::SectorGroup;
    /// assert_eq!(SectorGroup::Cyclical.name(), "cyclical");
    /// assert_eq!(SectorGroup::Defensive.name(), "defensive");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            SectorGroup::Cyclical => "cyclical",
            SectorGroup::Defensive => "defensive",
        }
    }
}

/// One SPDR sector ETF.
///
/// ```
/// use chartist::relative::{SectorGroup, SectorInfo, SPDR_SECTORS};
/// let xle: &SectorInfo = &SPDR_SECTORS[2];
/// assert_eq!((xle.symbol, xle.name, xle.group), ("XLE", "Energy", SectorGroup::Cyclical));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct SectorInfo {
    /// Ticker, e.g. `XLE`.
    pub symbol: &'static str,
    /// Sector name, e.g. `Energy`.
    pub name: &'static str,
    /// Cyclical or defensive.
    pub group: SectorGroup,
}

impl SectorInfo {
    /// Looks up a ticker in [`SPDR_SECTORS`].
    ///
    /// ```
    /// use chartist::relative::{SectorGroup, SectorInfo};
    /// let xlu = SectorInfo::lookup("XLU").unwrap();
    /// assert_eq!((xlu.name, xlu.group), ("Utilities", SectorGroup::Defensive));
    /// ```
    pub fn lookup(symbol: &str) -> Option<&'static SectorInfo> {
        SPDR_SECTORS.iter().find(|s| s.symbol == symbol)
    }
}

/// The eleven Select Sector SPDR ETFs with their GICS sector names and a two-way grouping:
/// staples, health care and utilities are defensive, the rest cyclical (technology and
/// communication services are sometimes called "sensitive"; regroup with
/// [`LeadershipConfig::group`] if you prefer).
///
/// ```
/// use chartist::relative::SPDR_SECTORS;
/// assert_eq!(SPDR_SECTORS.len(), 11);
/// assert!(SPDR_SECTORS.windows(2).all(|w| w[0].symbol < w[1].symbol)); // by ticker
/// assert!(SPDR_SECTORS.iter().any(|s| s.symbol == "XLRE" && s.name == "Real Estate"));
/// ```
pub const SPDR_SECTORS: [SectorInfo; 11] = [
    SectorInfo {
        symbol: "XLB",
        name: "Materials",
        group: SectorGroup::Cyclical,
    },
    SectorInfo {
        symbol: "XLC",
        name: "Communication Services",
        group: SectorGroup::Cyclical,
    },
    SectorInfo {
        symbol: "XLE",
        name: "Energy",
        group: SectorGroup::Cyclical,
    },
    SectorInfo {
        symbol: "XLF",
        name: "Financials",
        group: SectorGroup::Cyclical,
    },
    SectorInfo {
        symbol: "XLI",
        name: "Industrials",
        group: SectorGroup::Cyclical,
    },
    SectorInfo {
        symbol: "XLK",
        name: "Technology",
        group: SectorGroup::Cyclical,
    },
    SectorInfo {
        symbol: "XLP",
        name: "Consumer Staples",
        group: SectorGroup::Defensive,
    },
    SectorInfo {
        symbol: "XLRE",
        name: "Real Estate",
        group: SectorGroup::Cyclical,
    },
    SectorInfo {
        symbol: "XLU",
        name: "Utilities",
        group: SectorGroup::Defensive,
    },
    SectorInfo {
        symbol: "XLV",
        name: "Health Care",
        group: SectorGroup::Defensive,
    },
    SectorInfo {
        symbol: "XLY",
        name: "Consumer Discretionary",
        group: SectorGroup::Cyclical,
    },
];

/// Parameters of [`leadership_table`].
///
/// ```
/// use chartist::relative::LeadershipConfig;
/// let c = LeadershipConfig::default().spdr_groups().group("SMH", "cyclical");
/// assert_eq!(c.windows, vec![21, 63, 126, 252]);
/// assert!(c.groups.iter().any(|(s, g)| s == "XLU" && g == "defensive"));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LeadershipConfig {
    /// Return windows in bars (default 21, 63, 126, 252: about 1, 3, 6, 12 months).
    pub windows: Vec<usize>,
    /// RS rating horizons and policies.
    pub rating: RsRatingConfig,
    /// Rotation-graph parameters (daily by default).
    pub rotation: RotationConfig,
    /// Moving-average length of the ratio-vs-average column (default 50 bars).
    pub average: usize,
    /// `(symbol, group)` pairs; members without a group are not summarised.
    pub groups: Vec<(String, String)>,
}

impl Default for LeadershipConfig {
    fn default() -> Self {
        LeadershipConfig {
            windows: vec![21, 63, 126, 252],
            rating: RsRatingConfig::default(),
            rotation: RotationConfig::default(),
            average: 50,
            groups: Vec::new(),
        }
    }
}

impl LeadershipConfig {
    /// Sets the return windows.
    ///
    /// ```
    /// use chartist::relative::{leadership_table, LeadershipConfig};
    /// # use chartist::series::{Panel, PanelJoin, PriceSeries};
    /// # let days = chartist::sample::weekdays(chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), 300);
    /// # let walk = |s: &str, g: f64| PriceSeries::from_daily_closes(s, &days, (0..300).map(|i| 100.0 * g.powi(i)).collect());
    /// # let panel = Panel::from_series(&[walk("UP", 1.001)?, walk("DOWN", 0.999)?, walk("SPY", 1.0)?], PanelJoin::Outer)?;
    /// // 300 bars: UP gains 0.1% a bar, DOWN loses 0.1%, the benchmark SPY is flat.
    /// let t = leadership_table(&panel, "SPY", days[299], &LeadershipConfig::default().windows(vec![5, 500]))?;
    /// let up = &t.rows[0];
    /// assert_eq!((t.windows.as_slice(), up.symbol.as_str()), (&[5, 500][..], "UP"));
    /// assert!((up.returns[0] - (1.001f64.powi(5) - 1.0)).abs() < 1e-12);
    /// assert!(up.returns[1].is_nan()); // 500 bars: longer than the history
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn windows(mut self, windows: Vec<usize>) -> Self {
        self.windows = windows;
        self
    }
    /// Sets the RS rating configuration.
    ///
    /// ```
    /// use chartist::relative::{leadership_table, LeadershipConfig};
    /// # use chartist::series::{Panel, PanelJoin, PriceSeries};
    /// # let days = chartist::sample::weekdays(chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), 300);
    /// # let walk = |s: &str, g: f64| PriceSeries::from_daily_closes(s, &days, (0..300).map(|i| 100.0 * g.powi(i)).collect());
    /// # let panel = Panel::from_series(&[walk("UP", 1.001)?, walk("DOWN", 0.999)?, walk("SPY", 1.0)?], PanelJoin::Outer)?;
    /// // 300 bars: UP gains 0.1% a bar, DOWN loses 0.1%, the benchmark SPY is flat.
    /// use chartist::relative::RsRatingConfig;
    /// let t = leadership_table(&panel, "SPY", days[299], &LeadershipConfig::default())?;
    /// assert_eq!((t.rows[0].rs_rating, t.rows[1].rs_rating), (99.0, 1.0));
    /// // Ask for at least 3 scored members: two are not enough to rate.
    /// let cfg = LeadershipConfig::default().rating(RsRatingConfig::default().min_members(3));
    /// let t = leadership_table(&panel, "SPY", days[299], &cfg)?;
    /// assert!(t.rows.iter().all(|r| r.rs_rating.is_nan()));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn rating(mut self, rating: RsRatingConfig) -> Self {
        self.rating = rating;
        self
    }
    /// Sets the rotation configuration.
    ///
    /// ```
    /// use chartist::relative::{leadership_table, LeadershipConfig};
    /// # use chartist::series::{Panel, PanelJoin, PriceSeries};
    /// # let days = chartist::sample::weekdays(chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), 300);
    /// # let walk = |s: &str, g: f64| PriceSeries::from_daily_closes(s, &days, (0..300).map(|i| 100.0 * g.powi(i)).collect());
    /// # let panel = Panel::from_series(&[walk("UP", 1.001)?, walk("DOWN", 0.999)?, walk("SPY", 1.0)?], PanelJoin::Outer)?;
    /// // 300 bars: UP gains 0.1% a bar, DOWN loses 0.1%, the benchmark SPY is flat.
    /// use chartist::relative::RotationConfig;
    /// // A 400-bar trend cannot warm up on 300 bars: no rotation point, but no error either.
    /// let cfg = LeadershipConfig::default().rotation(RotationConfig::default().trend(400));
    /// let t = leadership_table(&panel, "SPY", days[299], &cfg)?;
    /// assert!(t.rows.iter().all(|r| r.quadrant.is_none() && r.rs_ratio.is_nan()));
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn rotation(mut self, rotation: RotationConfig) -> Self {
        self.rotation = rotation;
        self
    }
    /// Sets the ratio moving-average length.
    ///
    /// ```
    /// use chartist::relative::{leadership_table, LeadershipConfig};
    /// # use chartist::series::{Panel, PanelJoin, PriceSeries};
    /// # let days = chartist::sample::weekdays(chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), 300);
    /// # let walk = |s: &str, g: f64| PriceSeries::from_daily_closes(s, &days, (0..300).map(|i| 100.0 * g.powi(i)).collect());
    /// # let panel = Panel::from_series(&[walk("UP", 1.001)?, walk("DOWN", 0.999)?, walk("SPY", 1.0)?], PanelJoin::Outer)?;
    /// // 300 bars: UP gains 0.1% a bar, DOWN loses 0.1%, the benchmark SPY is flat.
    /// let t = leadership_table(&panel, "SPY", days[299], &LeadershipConfig::default().average(20))?;
    /// assert!(t.rows[0].ratio_vs_average > 0.0 && t.rows[1].ratio_vs_average < 0.0);
    /// let zero = LeadershipConfig::default().average(0);
    /// assert!(leadership_table(&panel, "SPY", days[299], &zero).is_err());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn average(mut self, n: usize) -> Self {
        self.average = n;
        self
    }
    /// Puts `symbol` in `group` (replacing an earlier assignment).
    ///
    /// ```
    /// use chartist::relative::LeadershipConfig;
    /// let c = LeadershipConfig::default()
    ///     .group("IWM", "small")
    ///     .group("SPY", "large")
    ///     .group("IWM", "smid"); // replaces "small"
    /// assert_eq!(c.groups, vec![("SPY".into(), "large".into()), ("IWM".into(), "smid".into())]);
    /// ```
    pub fn group(mut self, symbol: impl Into<String>, group: impl Into<String>) -> Self {
        let symbol = symbol.into();
        self.groups.retain(|(s, _)| *s != symbol);
        self.groups.push((symbol, group.into()));
        self
    }
    /// Adds the cyclical/defensive groups of [`SPDR_SECTORS`].
    ///
    /// ```
    /// use chartist::relative::LeadershipConfig;
    /// let c = LeadershipConfig::default().spdr_groups();
    /// assert_eq!(c.groups.len(), 11);
    /// assert_eq!(c.groups.iter().filter(|(_, g)| g == "defensive").count(), 3);
    /// ```
    pub fn spdr_groups(self) -> Self {
        SPDR_SECTORS
            .iter()
            .fold(self, |c, s| c.group(s.symbol, s.group.name()))
    }
}

/// One member's line in a [`LeadershipTable`].
///
/// ```
/// use chartist::relative::{leadership_table, LeadershipConfig};
/// # use chartist::series::{Panel, PanelJoin, PriceSeries};
/// # let days = chartist::sample::weekdays(chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), 300);
/// # let walk = |s: &str, g: f64| PriceSeries::from_daily_closes(s, &days, (0..300).map(|i| 100.0 * g.powi(i)).collect());
/// # let panel = Panel::from_series(&[walk("UP", 1.001)?, walk("DOWN", 0.999)?, walk("SPY", 1.0)?], PanelJoin::Outer)?;
/// // 300 bars: UP gains 0.1% a bar, DOWN loses 0.1%, the benchmark SPY is flat.
/// let t = leadership_table(&panel, "SPY", days[299], &LeadershipConfig::default())?;
/// let up = &t.rows[0];
/// assert_eq!((up.symbol.as_str(), up.rank, up.group.as_deref()), ("UP", 1, None));
/// assert!((up.returns[0] - (1.001f64.powi(21) - 1.0)).abs() < 1e-12); // 21 bars
/// assert!((up.excess[0] - up.returns[0]).abs() < 1e-12); // the benchmark is flat
/// assert!(up.rs_ratio > 100.0 && up.rs_score > t.rows[1].rs_score);
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LeadershipRow {
    /// The member's symbol.
    pub symbol: String,
    /// Its group, if configured.
    pub group: Option<String>,
    /// 1 = strongest RS score; a permutation of `1..=members`.
    pub rank: usize,
    /// Simple return per window (same order as [`LeadershipTable::windows`]); NaN when the
    /// history is shorter than the window.
    pub returns: Vec<f64>,
    /// Geometric excess over the benchmark per window: `(1 + R) / (1 + R_bench) - 1`.
    pub excess: Vec<f64>,
    /// The weighted-performance RS score (NaN when the member has no close on the date).
    pub rs_score: f64,
    /// RS rating 1..=99 among the members (NaN when unscored).
    pub rs_rating: f64,
    /// RS-ratio (NaN while the rotation warms up, or when the member or the benchmark has no
    /// close on the date).
    pub rs_ratio: f64,
    /// RS-momentum (NaN likewise).
    pub rs_momentum: f64,
    /// Rotation quadrant (`None` likewise).
    pub quadrant: Option<Quadrant>,
    /// Rotation heading in degrees (see [`RotationPoint`](super::RotationPoint)).
    pub heading_degrees: f64,
    /// Ratio line vs its moving average, in percent.
    pub ratio_vs_average: f64,
}

/// Averages of one group of members.
///
/// ```
/// use chartist::relative::{leadership_table, LeadershipConfig};
/// # use chartist::series::{Panel, PanelJoin, PriceSeries};
/// # let days = chartist::sample::weekdays(chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), 300);
/// # let walk = |s: &str, g: f64| PriceSeries::from_daily_closes(s, &days, (0..300).map(|i| 100.0 * g.powi(i)).collect());
/// # let panel = Panel::from_series(&[walk("UP", 1.001)?, walk("DOWN", 0.999)?, walk("SPY", 1.0)?], PanelJoin::Outer)?;
/// // 300 bars: UP gains 0.1% a bar, DOWN loses 0.1%, the benchmark SPY is flat.
/// let cfg = LeadershipConfig::default().group("UP", "mine").group("DOWN", "mine");
/// let t = leadership_table(&panel, "SPY", days[299], &cfg)?;
/// let g = &t.groups[0];
/// assert_eq!((g.group.as_str(), g.members, g.mean_rs_rating), ("mine", 2, 50.0)); // (99 + 1) / 2
/// let (up, down) = (&t.rows[0], &t.rows[1]);
/// assert!((g.mean_returns[0] - (up.returns[0] + down.returns[0]) / 2.0).abs() < 1e-15);
/// assert_eq!(g.quadrant_counts.iter().sum::<usize>(), 2); // both warmed up
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct GroupSummary {
    /// The group's name.
    pub group: String,
    /// Members of the group present in the table.
    pub members: usize,
    /// Mean return per window over the members that have one.
    pub mean_returns: Vec<f64>,
    /// Mean geometric excess per window.
    pub mean_excess: Vec<f64>,
    /// Mean RS rating over rated members.
    pub mean_rs_rating: f64,
    /// Members per quadrant: Leading, Weakening, Lagging, Improving.
    pub quadrant_counts: [usize; 4],
}

/// A universe against a benchmark as of one date.
///
/// ```
/// use chartist::relative::{leadership_table, LeadershipConfig};
/// # use chartist::series::{Panel, PanelJoin, PriceSeries};
/// # let days = chartist::sample::weekdays(chrono::NaiveDate::from_ymd_opt(2025, 1, 6).unwrap(), 300);
/// # let walk = |s: &str, g: f64| PriceSeries::from_daily_closes(s, &days, (0..300).map(|i| 100.0 * g.powi(i)).collect());
/// # let panel = Panel::from_series(&[walk("UP", 1.001)?, walk("DOWN", 0.999)?, walk("SPY", 1.0)?], PanelJoin::Outer)?;
/// // 300 bars: UP gains 0.1% a bar, DOWN loses 0.1%, the benchmark SPY is flat.
/// use chartist::series::midnight;
/// let late = chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap();
/// let t = leadership_table(&panel, "SPY", late, &LeadershipConfig::default())?;
/// assert_eq!((t.as_of, t.benchmark.as_str()), (midnight(days[299]), "SPY")); // last date
/// assert_eq!(t.benchmark_returns, vec![0.0; 4]); // one per window; SPY is flat
/// assert_eq!(t.rows.iter().map(|r| r.symbol.as_str()).collect::<Vec<_>>(), ["UP", "DOWN"]);
/// assert!(t.groups.is_empty()); // none configured
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct LeadershipTable {
    /// The panel date used (last on or before the one asked for).
    pub as_of: NaiveDateTime,
    /// The benchmark's symbol.
    pub benchmark: String,
    /// The return windows, in bars.
    pub windows: Vec<usize>,
    /// The benchmark's return per window.
    pub benchmark_returns: Vec<f64>,
    /// One row per member, best rank first.
    pub rows: Vec<LeadershipRow>,
    /// One summary per group, in order of first appearance in the configuration.
    pub groups: Vec<GroupSummary>,
}

/// Builds the leadership table of every member of `panel` against the member `benchmark`, as of
/// the last panel date on or before `as_of` (see the [module docs](self)).
///
/// # Errors
/// [`Error::InvalidParameter`] when `benchmark` is not in the panel or a parameter is invalid
/// (a zero window or average, a bad rating or rotation configuration);
/// [`Error::InsufficientData`] when the panel holds no member besides the benchmark;
/// [`Error::DateNotFound`] when the panel has no date on or before `as_of`.
///
/// # Example
/// ```
/// use chartist::relative::{leadership_table, LeadershipConfig};
/// use chartist::series::{Panel, PanelJoin};
/// let story = chartist::sample::story(42);
/// let mut all = story.sectors.clone();
/// all.push(story.benchmark.clone());
/// let panel = Panel::from_series(&all, PanelJoin::Outer)?;
/// let t = leadership_table(&panel, "BENCH", chartist::sample::end_date(), &LeadershipConfig::default())?;
/// assert_eq!(t.rows.len(), 11);
/// assert_eq!(t.rows[0].rank, 1);
/// assert_eq!(t.rows[0].rs_rating, 99.0);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn leadership_table(
    panel: &Panel,
    benchmark: &str,
    as_of: impl TimeKey,
    config: &LeadershipConfig,
) -> Result<LeadershipTable> {
    for &w in &config.windows {
        check_period("window", w)?;
    }
    check_period("average", config.average)?;
    config.rating.validate()?;
    let b_row = benchmark_row(panel, benchmark, "leadership table")?;
    let col = panel
        .index_as_of(as_of)
        .ok_or_else(|| Error::DateNotFound {
            what: "leadership table".into(),
            date: as_of.start(),
        })?;
    let when = panel.times()[col];
    let bench = panel.close_of(b_row);
    let window_return = |x: &[f64], w: usize| -> f64 {
        match col.checked_sub(w) {
            Some(j) if good_price(x[j]) && good_price(x[col]) => x[col] / x[j] - 1.0,
            _ => f64::NAN,
        }
    };
    let benchmark_returns: Vec<f64> = config
        .windows
        .iter()
        .map(|&w| window_return(bench, w))
        .collect();
    // The rotation graph of the dates up to `col` only, so that the table is what it was on
    // that date: with a weekly timeframe the week of `col` then ends at `col` (its closes so
    // far), where on the whole panel it would end on a later date and leave `col` with the
    // previous week's point. (The daily graph is causal, so the same either way.)
    let graph = if col + 1 < panel.n_dates() {
        let (closes, _) = panel.close().split_at(ndarray::Axis(1), col + 1);
        let upto = Panel::from_closes(
            panel.symbols().to_vec(),
            panel.times()[..=col].to_vec(),
            closes.to_owned(),
        )?;
        rotation_graph(&upto, benchmark, &config.rotation)?
    } else {
        rotation_graph(panel, benchmark, &config.rotation)?
    };
    let group_of: HashMap<&str, &str> = config
        .groups
        .iter()
        .map(|(s, g)| (s.as_str(), g.as_str()))
        .collect();

    let member_rows: Vec<usize> = (0..panel.n_symbols()).filter(|&r| r != b_row).collect();
    let mut scores = Vec::with_capacity(member_rows.len());
    let mut rows = Vec::with_capacity(member_rows.len());
    for (k, &r) in member_rows.iter().enumerate() {
        let close = panel.close_of(r);
        let history = &close[..=col];
        let mut score = vec![f64::NAN; history.len()];
        score_into(history, &config.rating, &mut score);
        let rs_score = score[col];
        scores.push(rs_score);
        let returns: Vec<f64> = config
            .windows
            .iter()
            .map(|&w| window_return(close, w))
            .collect();
        let excess = returns
            .iter()
            .zip(&benchmark_returns)
            .map(|(ra, rb)| (1.0 + ra) / (1.0 + rb) - 1.0)
            .collect();
        let mansfield = mansfield_rs(history, &bench[..=col], config.average)?;
        let point = graph.members.get(k).and_then(|m| m.point_as_of(when));
        let symbol = panel.symbols()[r].clone();
        rows.push(LeadershipRow {
            group: group_of.get(symbol.as_str()).map(|g| g.to_string()),
            symbol,
            rank: 0,
            returns,
            excess,
            rs_score,
            rs_rating: f64::NAN,
            rs_ratio: point.map_or(f64::NAN, |p| p.rs_ratio),
            rs_momentum: point.map_or(f64::NAN, |p| p.rs_momentum),
            quadrant: point.map(|p| p.quadrant),
            heading_degrees: point.map_or(f64::NAN, |p| p.heading_degrees),
            ratio_vs_average: mansfield[col],
        });
    }
    let mut ratings = vec![f64::NAN; scores.len()];
    rank_into(&scores, config.rating.min_members, &mut ratings);
    for (row, rating) in rows.iter_mut().zip(ratings) {
        row.rs_rating = rating;
    }
    // Rank: highest score first, unscored last, ties in panel order (stable sort).
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by(|&i, &j| {
        let (a, b) = (scores[i], scores[j]);
        match (a.is_nan(), b.is_nan()) {
            (false, false) => b.total_cmp(&a),
            (x, y) => x.cmp(&y),
        }
    });
    for (rank, &i) in order.iter().enumerate() {
        rows[i].rank = rank + 1;
    }
    rows.sort_by_key(|r| r.rank);

    let mut groups: Vec<GroupSummary> = Vec::new();
    for (_, g) in &config.groups {
        if groups.iter().any(|s| s.group == *g) {
            continue;
        }
        let members: Vec<&LeadershipRow> = rows
            .iter()
            .filter(|r| r.group.as_deref() == Some(g.as_str()))
            .collect();
        if members.is_empty() {
            continue;
        }
        let mean = |vals: &mut dyn Iterator<Item = f64>| -> f64 {
            let (mut s, mut n) = (0.0, 0usize);
            for v in vals.filter(|v| !v.is_nan()) {
                s += v;
                n += 1;
            }
            if n == 0 {
                f64::NAN
            } else {
                s / n as f64
            }
        };
        let per_window = |f: &dyn Fn(&LeadershipRow) -> &Vec<f64>| -> Vec<f64> {
            (0..config.windows.len())
                .map(|w| mean(&mut members.iter().map(|r| f(r)[w])))
                .collect()
        };
        let mut quadrant_counts = [0usize; 4];
        for q in members.iter().filter_map(|r| r.quadrant) {
            quadrant_counts[match q {
                Quadrant::Leading => 0,
                Quadrant::Weakening => 1,
                Quadrant::Lagging => 2,
                Quadrant::Improving => 3,
            }] += 1;
        }
        groups.push(GroupSummary {
            group: g.clone(),
            members: members.len(),
            mean_returns: per_window(&|r| &r.returns),
            mean_excess: per_window(&|r| &r.excess),
            mean_rs_rating: mean(&mut members.iter().map(|r| r.rs_rating)),
            quadrant_counts,
        });
    }
    Ok(LeadershipTable {
        as_of: when,
        benchmark: benchmark.to_string(),
        windows: config.windows.clone(),
        benchmark_returns,
        rows,
        groups,
    })
}
