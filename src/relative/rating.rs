//! The RS rating: every member of a universe ranked 1-99 by weighted 3/6/9/12-month
//! performance, on every date.
//!
//! Investor's Business Daily's Relative Strength Rating ranks a stock's price performance over
//! the last 12 months against all other stocks, weighting the most recent quarter double; the
//! exact formula is not published. chartist uses the widely used open approximation:
//!
//! ```text
//! score(t) = 0.4 * R(63) + 0.2 * R(126) + 0.2 * R(189) + 0.2 * R(252)
//! R(p)     = close(t) / close(t - p) - 1          (p in bars: about 3, 6, 9, 12 months)
//! ```
//!
//! and on each date turns the scores of the members that have one into a percentile rank
//! from 1 (weakest) to 99 (strongest):
//!
//! ```text
//! rank   = below + (equal - 1) / 2
//! rating = 1 + round(rank * (98 / (m - 1)))      (round half away from zero)
//! ```
//!
//! where `m` is the number of members scored on that date, `below` how many score strictly
//! lower and `equal` how many tie (itself included). Ties share the mean of their ranks.
//! The scale `98 / (m - 1)` is computed once per date in `f64` and multiplied by the rank, so
//! a product that lands exactly on a half (e.g. rank 2.5 with `m = 4`) rounds as that
//! floating-point product does.
//! Horizons and weights are configurable ([`RsRatingConfig`]).
//!
//! # Missing histories
//! A member's score on a date needs a good close on that date. A horizon `p` is available when
//! the close `p` bars earlier exists and is good (finite, positive). With
//! [`MissingHistory::Reweight`] (the default) the score uses the available horizons with their
//! weights rescaled to sum to the total (so a one-year-old listing is rated on its 3/6/9-month
//! performance); with [`MissingHistory::Exclude`] a member lacking any horizon is not scored.
//! Members without a score (NaN from [`rs_score`]) are left out of that date's ranking and
//! stay unrated; a date with fewer than `min_members` scored members (default 2) is unrated
//! throughout. [`RsRatings`] stores a rating as one byte, 1..=99, with
//! [`RsRatings::UNRATED`] (0) for "unrated"; its accessors return `f64` with NaN there.
//!
//! # Ties and precision
//! Ranking sorts 64-bit keys made of the score's order-preserving bit pattern with the
//! member's index in the lowest 20 bits, so scores are compared on their top 44 bits (sign,
//! exponent and 32 mantissa bits: about 10 significant digits). Scores that agree that far
//! count as tied and share a rating. (Universes beyond 2^20 members use just enough index
//! bits, and so compare fewer score bits.) Ranking buckets the scores by their position
//! between two edges (the date's lowest and highest score, drawn in to the middle of the
//! field when a few far outliers would crowd everyone else into a few buckets); a bucket
//! whose first and last rank share a rating is rated without sorting, and only the few
//! buckets where the rating steps up are sorted. This leaves the ratings exactly those of
//! the rule above, whatever the edges. Scores are computed as
//! `x_t * sum_k(w_k / x_{t-p_k}) - sum_k(w_k)`, which equals the formula above up to rounding
//! for closes in `f64`'s normal range (from about `2.2e-308`); the reciprocal of a subnormal
//! close overflows to infinity, so a member priced below that has no meaningful score.

use chrono::NaiveDateTime;
use ndarray::{Array2, ArrayViewMut2, Axis};

use crate::error::{Error, Result};
use crate::series::{Panel, TimeKey};

/// What to do with a member whose history is too short for some horizon.
///
/// ```
/// use chartist::relative::{rs_score, MissingHistory, RsRatingConfig};
/// let x = [100.0, 110.0, 121.0];
/// let reweight = RsRatingConfig::default().horizons(vec![(1, 0.5), (2, 0.5)]);
/// let exclude = reweight.clone().missing(MissingHistory::Exclude);
/// assert!(rs_score(&x, &reweight)?[1].is_finite()); // rated on its 1-bar horizon
/// assert!(rs_score(&x, &exclude)?[1].is_nan()); // needs both horizons
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MissingHistory {
    /// Use the horizons that are available, weights rescaled (the default). At least one
    /// horizon must be available.
    #[default]
    Reweight,
    /// Score only members with every horizon available.
    Exclude,
}

/// Horizons, weights and policies of the RS rating.
///
/// ```
/// use chartist::relative::{MissingHistory, RsRatingConfig};
/// let c = RsRatingConfig::default();
/// assert_eq!(c.horizons, vec![(63, 0.4), (126, 0.2), (189, 0.2), (252, 0.2)]);
/// let weekly = RsRatingConfig::default()
///     .horizons(vec![(13, 0.4), (26, 0.2), (39, 0.2), (52, 0.2)])
///     .missing(MissingHistory::Exclude);
/// assert_eq!(weekly.missing, MissingHistory::Exclude);
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RsRatingConfig {
    /// `(bars, weight)` pairs: the default is 63/126/189/252 daily bars weighted
    /// 0.4/0.2/0.2/0.2.
    pub horizons: Vec<(usize, f64)>,
    /// Policy for members with short histories.
    pub missing: MissingHistory,
    /// The fewest scored members a date needs to be ranked (at least 2; default 2).
    pub min_members: usize,
}

impl Default for RsRatingConfig {
    fn default() -> Self {
        RsRatingConfig {
            horizons: vec![(63, 0.4), (126, 0.2), (189, 0.2), (252, 0.2)],
            missing: MissingHistory::Reweight,
            min_members: 2,
        }
    }
}

impl RsRatingConfig {
    /// Sets the `(bars, weight)` horizons.
    ///
    /// ```
    /// use chartist::relative::RsRatingConfig;
    /// let c = RsRatingConfig::default().horizons(vec![(21, 0.5), (63, 0.5)]);
    /// assert_eq!(c.horizons.len(), 2);
    /// ```
    pub fn horizons(mut self, horizons: Vec<(usize, f64)>) -> Self {
        self.horizons = horizons;
        self
    }
    /// Sets the missing-history policy.
    ///
    /// ```
    /// use chartist::relative::{MissingHistory, RsRatingConfig};
    /// let c = RsRatingConfig::default().missing(MissingHistory::Exclude);
    /// assert_eq!(c.missing, MissingHistory::Exclude);
    /// ```
    pub fn missing(mut self, missing: MissingHistory) -> Self {
        self.missing = missing;
        self
    }
    /// Sets the fewest scored members a date needs.
    ///
    /// ```
    /// use chartist::relative::RsRatingConfig;
    /// let c = RsRatingConfig::default().min_members(10);
    /// assert_eq!(c.min_members, 10);
    /// ```
    pub fn min_members(mut self, min_members: usize) -> Self {
        self.min_members = min_members;
        self
    }

    pub(crate) fn validate(&self) -> Result<()> {
        if self.horizons.is_empty() {
            return Err(Error::param(
                "horizons",
                "[]",
                "must hold at least one horizon",
            ));
        }
        for &(p, w) in &self.horizons {
            crate::error::check_period("horizon bars", p)?;
            if !(w.is_finite() && w > 0.0) {
                return Err(Error::param(
                    "horizon weight",
                    w,
                    "must be positive and finite",
                ));
            }
        }
        if self.min_members < 2 {
            return Err(Error::param(
                "min_members",
                self.min_members,
                "must be at least 2",
            ));
        }
        Ok(())
    }
}

/// The weighted-performance score behind the RS rating, for one price slice.
///
/// `out[t] = sum_k w_k * (x[t] / x[t - p_k] - 1)` over the configured horizons, with missing
/// horizons handled as [`RsRatingConfig::missing`] says (see the [module docs](self)). Warm-up:
/// NaN until the shortest horizon (Reweight) or the longest (Exclude) is available. NaN where
/// `x[t]` is bad. Scaling `x` by a constant leaves the score unchanged.
///
/// # Errors
/// [`Error::InvalidParameter`] for an empty horizon list, a zero horizon or a weight that is
/// not positive and finite, or `min_members < 2`.
///
/// # Example
/// ```
/// use chartist::relative::{rs_score, RsRatingConfig};
/// let c = RsRatingConfig::default().horizons(vec![(1, 0.5), (2, 0.5)]);
/// let s = rs_score(&[100.0, 110.0, 121.0], &c)?;
/// assert!((s[1] - 0.10).abs() < 1e-12); // only the 1-bar horizon, reweighted
/// assert!((s[2] - (0.5 * 0.10 + 0.5 * 0.21)).abs() < 1e-12);
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rs_score(x: &[f64], config: &RsRatingConfig) -> Result<Vec<f64>> {
    config.validate()?;
    let mut out = vec![f64::NAN; x.len()];
    score_into(x, config, &mut out);
    Ok(out)
}

pub(crate) fn score_into(x: &[f64], config: &RsRatingConfig, out: &mut [f64]) {
    ScoreScratch::default().score_range(x, config, 0, out);
}

/// Reusable buffers for scoring one price row over a range of dates.
#[derive(Default)]
struct ScoreScratch {
    inv: Vec<f64>,
    acc: Vec<f64>,
}

impl ScoreScratch {
    /// Sets `self.inv` to the reciprocals of `x` and says whether every close in `x` is good.
    fn reciprocals(&mut self, x: &[f64]) -> bool {
        // (`resize` writes only entries past the previous length: every entry is set below.)
        self.inv.resize(x.len(), 0.0);
        // The test is folded without branching, so that it vectorises along with the
        // division.
        let mut clean = true;
        for (i, &v) in self.inv.iter_mut().zip(x) {
            *i = 1.0 / v;
            // `min(v, 1 / v) > 0` is `good(v)`: a NaN fails the compare, 0 and +inf have
            // 0 as one of the two, and a good price has both positive (the reciprocal of a
            // tiny one is +inf, of MAX a positive subnormal). (As a `minpd` and one
            // compare.)
            let least = if v < *i { v } else { *i };
            clean &= least > 0.0;
        }
        clean
    }

    /// Scores of `x` on dates `from..from + out.len()` into `out`.
    ///
    /// A date whose close and every horizon's close are good takes the fast path, where
    /// `sum_k w_k (x_t / x_{t-p_k} - 1) = x_t * sum_k w_k / x_{t-p_k} - sum_k w_k` is computed
    /// a horizon at a time over contiguous reciprocals. The dates of a clean row that are too
    /// early for some horizons (the warm-up) take the same vectorised path, each horizon
    /// adding only from the date its close exists; other dates take the general path. All
    /// paths do the same arithmetic in the same order (a horizon that is not available adds
    /// nothing), so a score never depends on the path or on the range it was computed in
    /// (appending bars or splitting the dates among threads does not change it).
    fn score_range(&mut self, x: &[f64], config: &RsRatingConfig, from: usize, out: &mut [f64]) {
        let to = (from + out.len()).min(x.len());
        let out = &mut out[..to.saturating_sub(from)];
        if out.is_empty() {
            return;
        }
        let total: f64 = config.horizons.iter().map(|h| h.1).sum();
        let longest = config.horizons.iter().map(|h| h.0).max().unwrap_or(0);
        let all = matches!(config.missing, MissingHistory::Exclude);
        // The reciprocals of every close the dates here look back to (the division pass also
        // tells whether all those closes are good, the usual case).
        let window = from.saturating_sub(longest);
        let clean = self.reciprocals(&x[window..to]);
        // Dates from `fast` on see only good closes over their whole lookback.
        let clean_from = if clean {
            0
        } else {
            last_bad(&x[window..to]).map_or(0, |j| window + j + 1)
        };
        // (Saturating: a horizon may be as long as `usize::MAX`.)
        let fast = clean_from.saturating_add(longest).clamp(from, to);
        // With no bad close at all up to `to`, the warm-up dates `from..fast` lack exactly the
        // horizons longer than the date's index: they are vectorised too.
        let warm_up = clean_from == 0 && from < fast;
        let general_to = if warm_up { from } else { fast };
        for (t, o) in (from..general_to).zip(out.iter_mut()) {
            let now = x[t];
            if !good(now) {
                *o = f64::NAN;
                continue;
            }
            let (mut acc, mut wsum, mut missing) = (0.0, 0.0, false);
            for &(p, w) in &config.horizons {
                match t.checked_sub(p).map(|j| x[j]) {
                    Some(then) if good(then) => {
                        acc += w * (1.0 / then);
                        wsum += w;
                    }
                    _ => missing = true,
                }
            }
            *o = if wsum == 0.0 || (all && missing) {
                f64::NAN
            } else if missing {
                (now * acc - wsum) * (total / wsum)
            } else {
                now * acc - total
            };
        }
        if general_to >= to {
            return;
        }
        // Reciprocals of the closes from `base` on (every one of them good; `base >= window`,
        // as `clean_from >= window` and `fast >= from`).
        let base = if warm_up { 0 } else { fast - longest };
        debug_assert!(base >= window);
        let inv = self.inv.get(base.saturating_sub(window)..).unwrap_or(&[]);
        if warm_up {
            // Every date here misses its longest horizon (t < fast <= longest).
            let acc = &mut out[..fast - from];
            acc.fill(0.0);
            self.acc.clear();
            self.acc.resize(fast - from, 0.0);
            let wsum = &mut self.acc[..];
            for &(p, w) in &config.horizons {
                let first = p.max(from);
                if first >= fast {
                    continue;
                }
                let (a, ws) = (&mut acc[first - from..], &mut wsum[first - from..]);
                for ((a, s), &i) in a.iter_mut().zip(ws.iter_mut()).zip(&inv[first - p..]) {
                    *a += w * i;
                    *s += w;
                }
            }
            for ((o, &s), &now) in acc.iter_mut().zip(wsum.iter()).zip(&x[from..fast]) {
                *o = if s == 0.0 || all {
                    f64::NAN
                } else {
                    (now * *o - s) * (total / s)
                };
            }
        }
        if fast < to {
            let acc = &mut out[fast - from..];
            let now = &x[fast..to];
            // The reciprocal of the close `p` bars before the `j`-th date here is
            // `inv[off + j - p]` (`off >= longest >= p`).
            let off = fast - base;
            // TILE dates at a time, the sums held in registers across the horizons: the
            // first horizon writes, the others add, in the configured order.
            let whole = acc.len() - acc.len() % TILE;
            for ((a, v), j0) in acc[..whole]
                .chunks_exact_mut(TILE)
                .zip(now.chunks_exact(TILE))
                .zip((0..).step_by(TILE))
            {
                let mut sum = [0.0; TILE];
                for (h, &(p, w)) in config.horizons.iter().enumerate() {
                    let then = inv.get(off + j0 - p..off + j0 - p + TILE);
                    let Some(then) = then.and_then(|i| <&[f64; TILE]>::try_from(i).ok()) else {
                        continue;
                    };
                    if h == 0 {
                        for (s, &i) in sum.iter_mut().zip(then) {
                            *s = w * i;
                        }
                    } else {
                        for (s, &i) in sum.iter_mut().zip(then) {
                            *s += w * i;
                        }
                    }
                }
                for ((a, &v), &s) in a.iter_mut().zip(v).zip(&sum) {
                    *a = v * s - total;
                }
            }
            // The last few dates: the sums are built in place in `out` (`0 + y` is `y` for
            // the positive `y` here), the last horizon also finishes.
            let acc = &mut acc[whole..];
            let now = &now[whole..];
            let k = config.horizons.len();
            for (h, &(p, w)) in config.horizons.iter().enumerate() {
                let inv = inv.get(off + whole - p..).unwrap_or(&[]);
                if h == 0 && k == 1 {
                    for ((a, &i), &v) in acc.iter_mut().zip(inv).zip(now) {
                        *a = v * (w * i) - total;
                    }
                } else if h == 0 {
                    for (a, &i) in acc.iter_mut().zip(inv) {
                        *a = w * i;
                    }
                } else if h + 1 < k {
                    for (a, &i) in acc.iter_mut().zip(inv) {
                        *a += w * i;
                    }
                } else {
                    for ((a, &i), &v) in acc.iter_mut().zip(inv).zip(now) {
                        *a = v * (*a + w * i) - total;
                    }
                }
            }
        }
    }
}

/// The relative module's `good_price` (finite and positive) as one integer compare (LLVM
/// turns `0 < v < inf` into a longer float classification).
#[inline]
fn good(v: f64) -> bool {
    // Positive and finite: the bits lie between those of the least subnormal and of MAX.
    v.to_bits().wrapping_sub(1) < f64::MAX.to_bits()
}

/// The index of the last close in `x` that is not a good price.
fn last_bad(x: &[f64]) -> Option<usize> {
    // Whole chunks are tested without branching, front to back (the order in which memory
    // is fetched fastest); only a chunk holding a bad price is searched.
    const CHUNK: usize = 16;
    let mut last = None;
    for (k, chunk) in x.chunks(CHUNK).enumerate() {
        // (`0 < v <= MAX` is `good(v)` as two float compares, which vectorise.)
        if !chunk
            .iter()
            .fold(true, |ok, &v| ok & (v > 0.0) & (v <= f64::MAX))
        {
            last = chunk
                .iter()
                .rposition(|&v| !good(v))
                .map(|j| k * CHUNK + j)
                .or(last);
        }
    }
    last
}

/// RS ratings (1-99, 0 where unrated) of every panel member on every date.
///
/// Ratings are stored one byte each: a whole number `1..=99`, or [`RsRatings::UNRATED`] (0)
/// when the member has no score on that date or the date has too few scored members.
/// [`RsRatings::rating`] and [`RsRatings::rating_as_of`] read one rating as `f64` (NaN when
/// unrated), [`RsRatings::to_f64`] converts the whole table.
///
/// ```
/// use chartist::relative::{rs_rating, RsRatings, RsRatingConfig};
/// use chartist::series::{Panel, PanelJoin};
/// let story = chartist::sample::story(3);
/// let panel = Panel::from_series(&story.sectors, PanelJoin::Outer)?;
/// let r = rs_rating(&panel, &RsRatingConfig::default())?;
/// assert_eq!(r.ratings.dim(), (panel.n_symbols(), panel.n_dates()));
/// assert_eq!(r.symbols, panel.symbols());
/// assert_eq!(r.ratings[[0, 0]], RsRatings::UNRATED); // no 3-month history yet
/// assert!(r.rating(0, 0).is_nan());
/// # Ok::<(), chartist::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RsRatings {
    /// Member symbols (rows).
    pub symbols: Vec<String>,
    /// Dates (columns).
    pub times: Vec<NaiveDateTime>,
    /// Ratings, shape `(symbols, dates)`: whole numbers 1..=99, or [`RsRatings::UNRATED`]
    /// (0) when the member has no score or the date has too few scored members.
    pub ratings: Array2<u8>,
}

impl RsRatings {
    /// The stored value of an unrated member on a date: 0 (ratings are 1..=99).
    ///
    /// ```
    /// use chartist::relative::RsRatings;
    /// assert_eq!(RsRatings::UNRATED, 0);
    /// ```
    pub const UNRATED: u8 = UNRATED;

    /// The rating of `symbol` on the last date on or before `key` (None if unknown symbol or
    /// date; NaN if unrated).
    ///
    /// ```
    /// use chartist::relative::{rs_rating, RsRatingConfig};
    /// use chartist::series::{Panel, PanelJoin};
    /// let story = chartist::sample::story(3);
    /// let panel = Panel::from_series(&story.sectors, PanelJoin::Outer)?;
    /// let r = rs_rating(&panel, &RsRatingConfig::default())?;
    /// let last = *panel.times().last().unwrap();
    /// let v = r.rating_as_of(&r.symbols[0], last).unwrap();
    /// assert!((1.0..=99.0).contains(&v));
    /// assert_eq!(r.rating_as_of("NOT A MEMBER", last), None);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn rating_as_of(&self, symbol: &str, key: impl TimeKey) -> Option<f64> {
        let r = self.symbols.iter().position(|s| s == symbol)?;
        let c = self
            .times
            .partition_point(|t| *t <= key.end())
            .checked_sub(1)?;
        self.ratings.get([r, c]).map(|&v| rating_to_f64(v))
    }
    /// The rating of the member in row `symbol_row` on the date in column `date` as `f64`:
    /// 1..=99, NaN if unrated or out of range.
    ///
    /// ```
    /// use chartist::relative::{rs_rating, RsRatingConfig};
    /// use chartist::series::{Panel, PanelJoin};
    /// let story = chartist::sample::story(3);
    /// let panel = Panel::from_series(&story.sectors, PanelJoin::Outer)?;
    /// let r = rs_rating(&panel, &RsRatingConfig::default())?;
    /// let last = panel.n_dates() - 1;
    /// assert_eq!(r.rating(0, last), f64::from(r.ratings[[0, last]]));
    /// assert!(r.rating(panel.n_symbols(), last).is_nan());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn rating(&self, symbol_row: usize, date: usize) -> f64 {
        self.ratings
            .get([symbol_row, date])
            .map_or(f64::NAN, |&v| rating_to_f64(v))
    }
    /// One member's stored ratings over time (contiguous bytes, [`RsRatings::UNRATED`] where
    /// unrated; empty for a row past the last member).
    ///
    /// ```
    /// use chartist::relative::{rs_rating, RsRatingConfig};
    /// use chartist::series::{Panel, PanelJoin};
    /// let story = chartist::sample::story(3);
    /// let panel = Panel::from_series(&story.sectors, PanelJoin::Outer)?;
    /// let r = rs_rating(&panel, &RsRatingConfig::default())?;
    /// assert_eq!(r.ratings_of(0).len(), panel.n_dates());
    /// assert!(r.ratings_of(0).iter().all(|&v| v <= 99));
    /// assert!(r.ratings_of(panel.n_symbols()).is_empty());
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn ratings_of(&self, symbol_row: usize) -> &[u8] {
        let cols = self.ratings.ncols();
        self.ratings
            .as_slice()
            .and_then(|s| s.get(symbol_row * cols..(symbol_row + 1) * cols))
            .unwrap_or(&[])
    }
    /// All ratings as `f64`, shape `(symbols, dates)`: 1..=99, NaN where unrated.
    ///
    /// ```
    /// use chartist::relative::{rs_rating, RsRatingConfig};
    /// use chartist::series::{Panel, PanelJoin};
    /// let story = chartist::sample::story(3);
    /// let panel = Panel::from_series(&story.sectors, PanelJoin::Outer)?;
    /// let r = rs_rating(&panel, &RsRatingConfig::default())?;
    /// let f = r.to_f64();
    /// assert_eq!(f.dim(), r.ratings.dim());
    /// assert!(f[[0, 0]].is_nan() && f[[0, panel.n_dates() - 1]] >= 1.0);
    /// # Ok::<(), chartist::Error>(())
    /// ```
    pub fn to_f64(&self) -> Array2<f64> {
        self.ratings.mapv(rating_to_f64)
    }
}

/// Rates every member of `panel` on every date (see the [module docs](self) for the formula,
/// missing histories and ties).
///
/// Cost: O(symbols × dates × horizons) for the scores plus, per date, a bucket sort of the
/// scored members (linear for the smooth score distributions real universes have, never
/// worse than a comparison sort). Large panels (from 2^18 cells) are split by dates among up
/// to four threads, in equal shares of the dates on which members can be scored (from the
/// shortest horizon on; the longest with [`MissingHistory::Exclude`]) ([`std::thread::scope`],
/// bounded by
/// [`std::thread::available_parallelism`]); every date is rated on its own, so the result
/// does not depend on the number of threads. Memory: the result (one byte per cell) plus,
/// per thread, the scores and ratings of at most 512 dates at a time (9 bytes per member and
/// date).
/// Causal: a rating on a date uses only closes up to that date.
///
/// # Errors
/// [`Error::InsufficientData`] for a panel with fewer members than `config.min_members`;
/// [`Error::InvalidParameter`] for a bad configuration (see [`rs_score`]).
///
/// # Example
/// ```
/// use chartist::relative::{rs_rating, RsRatingConfig};
/// use chartist::series::{Panel, PanelJoin};
/// let story = chartist::sample::story(42);
/// let panel = Panel::from_series(&story.sectors, PanelJoin::Outer)?;
/// let r = rs_rating(&panel, &RsRatingConfig::default())?;
/// let last: Vec<u8> = r.ratings.column(panel.n_dates() - 1).to_vec();
/// assert!(last.iter().all(|v| (1..=99).contains(v)));
/// assert!(last.contains(&99) && last.contains(&1));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rs_rating(panel: &Panel, config: &RsRatingConfig) -> Result<RsRatings> {
    let cells = panel.n_symbols().saturating_mul(panel.n_dates());
    let threads = if cells < PARALLEL_CELLS {
        1
    } else {
        std::thread::available_parallelism().map_or(1, |p| p.get().min(MAX_THREADS))
    };
    rs_rating_threads(panel, config, threads)
}

/// Panels with fewer cells than this are rated on the calling thread alone.
const PARALLEL_CELLS: usize = 1 << 18;
/// The most threads [`rs_rating`] uses.
const MAX_THREADS: usize = 4;
/// Dates scored together, their weighted sums kept in registers.
const TILE: usize = 24;
/// Members whose scores are stored into the date-major block together.
const ROWS: usize = 8;
/// Dates scored together into one date-major block before they are ranked (at most).
const SPAN: usize = 512;
/// `f64` cells in a 64-byte cache line.
const LINE: usize = 8;

/// [`rs_rating`] with the dates split among (at most) `threads` threads.
fn rs_rating_threads(panel: &Panel, config: &RsRatingConfig, threads: usize) -> Result<RsRatings> {
    config.validate()?;
    let (n, t) = (panel.n_symbols(), panel.n_dates());
    if n < config.min_members {
        return Err(Error::InsufficientData {
            what: "RS rating (members of the universe)".into(),
            needed: config.min_members,
            got: n,
        });
    }
    let mut ratings = Array2::<u8>::zeros((n, t));
    // Equal runs of whole steps of scorable dates, one per thread. No member has a score
    // before the shortest horizon (the longest with `Exclude`), so those dates cost next to
    // nothing and go to the first thread on top of its share.
    const STEP: usize = 32;
    let horizon = config.horizons.iter().map(|h| h.0);
    let idle = match config.missing {
        MissingHistory::Reweight => horizon.min(),
        MissingHistory::Exclude => horizon.max(),
    }
    .unwrap_or(0)
    .min(t);
    let blocks = (t - idle).div_ceil(STEP);
    let parts = threads.clamp(1, blocks.max(1));
    let mut views = Vec::with_capacity(parts);
    let mut rest = ratings.view_mut();
    let mut from = 0;
    for k in 1..parts {
        let end = (idle + blocks * k / parts * STEP).min(t);
        let (head, tail) = rest.split_at(Axis(1), end - from);
        views.push((from, head));
        rest = tail;
        from = end;
    }
    views.push((from, rest));
    let mut views = views.into_iter();
    let (from0, view0) = views
        .next()
        .ok_or_else(|| Error::Undefined("no dates".into()))?;
    std::thread::scope(|s| {
        let workers: Vec<_> = views
            .map(|(from, view)| s.spawn(move || rate_dates(panel, config, from, view)))
            .collect();
        let mut result = rate_dates(panel, config, from0, view0);
        for worker in workers {
            let theirs = worker
                .join()
                .unwrap_or_else(|_| Err(Error::Undefined("an RS rating thread panicked".into())));
            result = result.and(theirs);
        }
        result
    })?;
    Ok(RsRatings {
        symbols: panel.symbols().to_vec(),
        times: panel.times().to_vec(),
        ratings,
    })
}

/// Scores and rates dates `from..from + view.ncols()` of `panel` into `view` (one row per
/// member).
///
/// In equal spans of at most SPAN dates: each member's scores on those dates are computed
/// from its contiguous closes and stored date-major into a reusable block (one contiguous
/// cross-section per date; ROWS consecutive members write one cache line a date), each date
/// is ranked into a date-major block of `u8` ratings, and those go to the members' rows in
/// 8x8 transposes.
fn rate_dates(
    panel: &Panel,
    config: &RsRatingConfig,
    from: usize,
    view: ArrayViewMut2<'_, u8>,
) -> Result<()> {
    let (n, w) = view.dim();
    let mut rows: Vec<&mut [u8]> = view
        .into_outer_iter_mut()
        .map(|row| row.into_slice())
        .collect::<Option<_>>()
        .ok_or_else(|| Error::Undefined("ratings rows are not contiguous".into()))?;
    // Dates are scored in equal spans of at most SPAN dates (fewer, shorter spans when that
    // needs no more of them: each span recomputes the reciprocals of its lookback).
    let span = w.div_ceil(w.div_ceil(SPAN).max(1)).max(1);
    // The block starts on a 64-byte boundary, so that a group's cells on one date are one
    // cache line.
    let mut block = vec![0.0; span * n + LINE];
    let skip = block
        .as_ptr()
        .align_offset(LINE * std::mem::size_of::<f64>())
        .min(LINE);
    let block = block.get_mut(skip..skip + span * n).unwrap_or(&mut []);
    let mut rated = vec![0u8; span * n];
    let mut own = vec![0.0; ROWS * span];
    let (mut count, mut lo, mut hi) = (vec![0; span], vec![0.0; span], vec![0.0; span]);
    let mut score = ScoreScratch::default();
    let mut rank = RankScratch::default();
    for b0 in (0..w).step_by(span) {
        let bw = span.min(w - b0);
        let block = &mut block[..bw * n];
        let rated = &mut rated[..bw * n];
        let own = &mut own[..ROWS * bw];
        // Each date's count of scores and lowest and highest score come along.
        let (count, lo, hi) = (&mut count[..bw], &mut lo[..bw], &mut hi[..bw]);
        count.fill(0);
        lo.fill(f64::INFINITY);
        hi.fill(f64::NEG_INFINITY);
        // ROWS members at a time, so that each date's cells of those members are stored
        // together (one cache line, not ROWS lines visited ROWS times).
        for r0 in (0..n).step_by(ROWS) {
            let k_rows = ROWS.min(n - r0);
            for (k, own) in own.chunks_exact_mut(bw).take(k_rows).enumerate() {
                score.score_range(panel.close_of(r0 + k), config, from + b0, own);
            }
            if k_rows == ROWS {
                let mut chunks = own.chunks_exact(bw);
                let lanes: [&[f64]; ROWS] = std::array::from_fn(|_| chunks.next().unwrap_or(&[]));
                store_group(lanes, block, n, r0, count, lo, hi);
                continue;
            }
            for (d, (date, ((c, l), h))) in block
                .chunks_exact_mut(n)
                .zip(count.iter_mut().zip(&mut *lo).zip(&mut *hi))
                .enumerate()
            {
                let Some(cells) = date.get_mut(r0..r0 + k_rows) else {
                    continue;
                };
                for (k, cell) in cells.iter_mut().enumerate() {
                    *cell = own.get(k * bw + d).copied().unwrap_or(f64::NAN);
                }
                add_to_range(cells, c, l, h);
            }
        }
        for (d, (date, out)) in block
            .chunks_exact(n)
            .zip(rated.chunks_exact_mut(n))
            .enumerate()
        {
            let range = (count[d], lo[d], hi[d]);
            rank.rank_with_range(date, config.min_members, range, out);
        }
        copy_to_rows(rated, n, &mut rows, b0);
    }
    Ok(())
}

/// Copies date-major ratings (`rated[d * n + r]`, `n` members a date) to the members' rows
/// from column `col` on: 8 members by 8 dates at a time as an 8x8 transpose of bytes in
/// eight `u64` words, the members and dates left over one by one.
fn copy_to_rows(rated: &[u8], n: usize, rows: &mut [&mut [u8]], col: usize) {
    const K: usize = 8;
    let dates = rated.len() / n.max(1);
    let (whole_rows, whole_dates) = (n - n % K, dates - dates % K);
    for (r0, group) in (0..whole_rows).step_by(K).zip(rows.chunks_exact_mut(K)) {
        // (Each group of K dates is one chunk of `rated`, each date one chunk of that, so
        // that a word is read with one check.)
        let groups = rated.chunks_exact(K * n.max(1));
        for (d0, dates) in (0..whole_dates).step_by(K).zip(groups) {
            // w[k] holds members r0..r0 + 8 on date d0 + k; after the transpose, w[j] holds
            // member r0 + j on dates d0..d0 + 8 (byte k on date d0 + k).
            let mut w = [0u64; K];
            for (w, date) in w.iter_mut().zip(dates.chunks_exact(n.max(1))) {
                if let Some(b) = date.get(r0..).and_then(|d| d.first_chunk::<K>()) {
                    *w = u64::from_le_bytes(*b);
                }
            }
            transpose_bytes(&mut w);
            for (row, w) in group.iter_mut().zip(&w) {
                if let Some(dst) = row
                    .get_mut(col + d0..)
                    .and_then(|r| r.first_chunk_mut::<K>())
                {
                    *dst = w.to_le_bytes();
                }
            }
        }
        for (j, row) in group.iter_mut().enumerate() {
            let dst = row
                .get_mut(col + whole_dates..col + dates)
                .unwrap_or(&mut []);
            let dates = rated.chunks_exact(n).skip(whole_dates);
            for (v, date) in dst.iter_mut().zip(dates) {
                *v = date.get(r0 + j).copied().unwrap_or(UNRATED);
            }
        }
    }
    for (r, row) in rows.iter_mut().enumerate().skip(whole_rows) {
        let dst = row.get_mut(col..col + dates).unwrap_or(&mut []);
        for (v, date) in dst.iter_mut().zip(rated.chunks_exact(n)) {
            *v = date.get(r).copied().unwrap_or(UNRATED);
        }
    }
}

/// Transposes the 8x8 matrix of bytes whose row `k` is `w[k]` (column `j` in byte `j`, little
/// endian): swaps the off-diagonal 4x4 blocks, then 2x2 blocks, then single bytes.
#[inline]
fn transpose_bytes(w: &mut [u64; 8]) {
    #[inline]
    fn swap(w: &mut [u64; 8], a: usize, b: usize, shift: u32, mask: u64) {
        let t = ((w[a] >> shift) ^ w[b]) & mask;
        w[b] ^= t;
        w[a] ^= t << shift;
    }
    for k in 0..4 {
        swap(w, k, k + 4, 32, 0x0000_0000_ffff_ffff);
    }
    for k in [0, 1, 4, 5] {
        swap(w, k, k + 2, 16, 0x0000_ffff_0000_ffff);
    }
    for k in [0, 2, 4, 6] {
        swap(w, k, k + 1, 8, 0x00ff_00ff_00ff_00ff);
    }
}

/// Stores the scores of a whole group of `ROWS` members (`lanes[k][d]` is member `r0 + k`'s
/// score on date `d`) into the date-major `block` (`n` cells a date), and adds them to each
/// date's count of scores and its lowest and highest score.
///
/// The lanes are read in step (zipped, so without per-cell bounds checks). The counts and
/// ranges are updated in a loop of their own, which vectorises across dates (the order of
/// the comparisons does not matter: the least and greatest of the non-NaN scores are the
/// same whichever way they are found, up to the sign of a zero, which the ranking does not
/// depend on); then one date's `ROWS` cells are stored together. (Not inlined: on its own
/// it keeps the eight lanes in registers.)
#[inline(never)]
fn store_group(
    lanes: [&[f64]; ROWS],
    block: &mut [f64],
    n: usize,
    r0: usize,
    count: &mut [usize],
    lo: &mut [f64],
    hi: &mut [f64],
) {
    let in_step = || {
        let [l0, l1, l2, l3, l4, l5, l6, l7] = lanes.map(|l| l.iter());
        l0.zip(l1)
            .zip(l2)
            .zip(l3)
            .zip(l4)
            .zip(l5)
            .zip(l6)
            .zip(l7)
            .map(|(((((((&v0, &v1), &v2), &v3), &v4), &v5), &v6), &v7)| {
                [v0, v1, v2, v3, v4, v5, v6, v7]
            })
    };
    let range = count.iter_mut().zip(&mut *lo).zip(&mut *hi);
    for (v, ((c, l), h)) in in_step().zip(range) {
        let (mut m, mut least, mut greatest) = (0, *l, *h);
        for x in v {
            m += usize::from(!x.is_nan());
            least = if x < least { x } else { least };
            greatest = if x > greatest { x } else { greatest };
        }
        (*c, *l, *h) = (*c + m, least, greatest);
    }
    // (Each lane cut to the same length, so that one index reads all eight unchecked.)
    let len = lanes.iter().map(|l| l.len()).min().unwrap_or(0);
    let [l0, l1, l2, l3, l4, l5, l6, l7] = lanes.map(|l| &l[..len]);
    for (d, date) in (0..len).zip(block.chunks_exact_mut(n)) {
        // (As an array assignment: eight stores. A `copy_from_slice` of a temporary array
        // was sometimes compiled as a copy through the stack.)
        if let Some(cells) = date
            .get_mut(r0..r0 + ROWS)
            .and_then(|c| <&mut [f64; ROWS]>::try_from(c).ok())
        {
            *cells = [l0[d], l1[d], l2[d], l3[d], l4[d], l5[d], l6[d], l7[d]];
        }
    }
}

/// Adds `cells` to a date's count of scores (`count`) and its lowest and highest score (NaN
/// scores are not counted and change neither).
#[inline]
fn add_to_range(cells: &[f64], count: &mut usize, lo: &mut f64, hi: &mut f64) {
    for &v in cells {
        *count += usize::from(!v.is_nan());
        *lo = if v < *lo { v } else { *lo };
        *hi = if v > *hi { v } else { *hi };
    }
}

/// Percentile ratings (1..=99) of one cross-section of scores into `out` (NaN scores stay
/// unrated, as NaN; fewer than `min_members` scores leave everything NaN).
pub(crate) fn rank_into(scores: &[f64], min_members: usize, out: &mut [f64]) {
    let mut rated = vec![UNRATED; scores.len()];
    RankScratch::default().rank_in_place(scores, min_members, &mut rated);
    for (o, &r) in out.iter_mut().zip(&rated) {
        *o = rating_to_f64(r);
    }
}

/// The stored value of an unrated member.
const UNRATED: u8 = 0;
/// A bucket whose members must be sorted (not a rating).
const STRADDLING: u8 = u8::MAX;

/// A stored rating as `f64`: NaN for [`UNRATED`].
#[inline]
fn rating_to_f64(r: u8) -> f64 {
    if r == UNRATED {
        f64::NAN
    } else {
        f64::from(r)
    }
}

/// Bits of a ranking key that hold the member's index, for universes of up to 2^20 members.
const IDX_BITS: u32 = 20;

/// Buckets larger than this are sorted with a comparison sort rather than insertion sort.
const SMALL_BUCKET: usize = 24;

/// Reusable buffers for ranking one date.
#[derive(Default)]
struct RankScratch {
    /// The bucket of each member.
    bucket: Vec<u32>,
    /// Bucket sizes.
    counts: Vec<u32>,
    /// The rating every member of a bucket gets, or [`STRADDLING`] when the bucket's ranks
    /// straddle a change of rating (and [`UNRATED`] for the bucket of NaN scores).
    level: Vec<u8>,
    /// Where each straddling bucket's keys go in `sorted`.
    cursor: Vec<u32>,
    /// Straddling buckets: (rank of its first member, its first slot in `sorted`).
    straddling: Vec<(u32, u32)>,
    /// Keys to be sorted: the straddling buckets' members, or everyone on the slow path.
    sorted: Vec<u64>,
    /// `rating_of_rank[g]` is the rating of a member alone at 0-based rank `g` among
    /// `table_members` (one spare entry past the end).
    rating_of_rank: Vec<u8>,
    /// The ranks `g` (ascending) where `rating_of_rank[g]` steps up from the rank before.
    steps: Vec<u32>,
    table_members: usize,
    /// The edges the last date's scores were bucketed between, when they were drawn in from
    /// its lowest and highest score to keep far outliers from crowding the buckets.
    edges: Option<(f64, f64)>,
}

impl RankScratch {
    /// Writes the ratings of `scores` to `out` ([`UNRATED`] for NaN scores, and for
    /// everyone when fewer than `min_members` are scored).
    ///
    /// Keys are the score's order-preserving bits with the member's index in the low
    /// `idx_bits`; members tie when their keys agree above the index. On the fast path every
    /// score is truncated towards zero to `IDX_BITS` fewer bits (a non-decreasing map that is
    /// constant on each tie class) and put into one of `3m/4` buckets (rounded up) by linear
    /// interpolation between two edges (the lowest and highest score, or the edges of the
    /// middle of the field when far outliers crowd it; scores beyond them go to the end
    /// buckets); that map never decreases either, so a bucket holds whole tie classes and
    /// every member of a bucket ranks above every member of lower buckets. A member's (mean)
    /// rank therefore lies between the first and last rank of its bucket, and when those two
    /// ranks have the same rating (as they have for all but the few buckets where the rating
    /// steps up) the whole bucket gets it without being sorted. Only the members of the other
    /// buckets are sorted, and rated exactly by the rule in the module docs.
    fn rank_in_place(&mut self, scores: &[f64], min_members: usize, out: &mut [u8]) {
        let range = count_and_range(scores);
        self.rank_with_range(scores, min_members, range, out);
    }

    /// [`RankScratch::rank_in_place`] given what [`count_and_range`] says of `scores`.
    fn rank_with_range(
        &mut self,
        scores: &[f64],
        min_members: usize,
        (m, lo, hi): (usize, f64, f64),
        out: &mut [u8],
    ) {
        let n = scores.len();
        if m < min_members.max(2) {
            out.fill(UNRATED);
            return;
        }
        let idx_bits = if n <= 1 << IDX_BITS {
            IDX_BITS
        } else {
            usize::BITS - (n - 1).leading_zeros()
        };
        let scale = buckets_for(m) as f64 / (hi - lo);
        if scale.is_finite() && scale > 0.0 && idx_bits == IDX_BITS {
            self.rank_by_buckets(scores, m, lo, scale, out);
            return;
        }
        // All scores equal, a range too wide for f64 (infinite scores), or a universe too
        // large for 20 index bits: compare keys.
        let idx_mask: u64 = (1u64 << idx_bits) - 1;
        let sorted = &mut self.sorted;
        sorted.clear();
        sorted.extend(
            scores
                .iter()
                .enumerate()
                .filter(|(_, s)| !s.is_nan())
                .map(|(i, &s)| (order_key(s) & !idx_mask) | i as u64),
        );
        sorted.sort_unstable();
        out.fill(UNRATED);
        rate_sorted(sorted, 0, 98.0 / (m - 1) as f64, &[], idx_bits, out);
    }

    /// The fast path of [`RankScratch::rank_in_place`]: `m` scored members (at most
    /// 2^`IDX_BITS` in all), the lowest score `lo` and `scale = buckets_for(m) / (highest -
    /// lo)` finite and positive.
    fn rank_by_buckets(&mut self, scores: &[f64], m: usize, lo: f64, scale: f64, out: &mut [u8]) {
        const MASK: u64 = (1 << IDX_BITS) - 1;
        let n = scores.len();
        let buckets = buckets_for(m);
        let rating_scale = 98.0 / (m - 1) as f64;
        if self.table_members != m || self.rating_of_rank.len() != m + 1 {
            self.rating_of_rank.clear();
            self.rating_of_rank
                .extend((0..=m).map(|g| rating_of(g as i64 as f64 * rating_scale)));
            let table = &self.rating_of_rank[..m];
            self.steps.clear();
            self.steps.extend(
                (1..m)
                    .filter(|&g| table.get(g) != table.get(g - 1))
                    .map(|g| g as u32),
            );
            self.table_members = m;
        }
        // Buckets: 0..buckets for scores, `buckets` for NaN. (Plain slices from here on, so
        // the loops keep their bounds in registers.)
        // Per-bucket arrays hold a power of two of entries, so that a bucket number masked
        // with `slots_mask` (which leaves it unchanged) indexes them without a bounds check.
        let slots_mask = (buckets + 1).next_power_of_two() - 1;
        // (`resize` writes only entries past the previous length. Every count is zero
        // between calls: the walk below reads each bucket's count once and resets it, and
        // the NaN bucket's count is reset after it. The walk sets the level of every bucket
        // before the NaN bucket, whose level is set here. Entries past it are never read.)
        self.counts.resize(slots_mask + 1, 0);
        self.bucket.resize(n, 0);
        self.level.resize(slots_mask + 1, UNRATED);
        self.cursor.resize(slots_mask + 1, 0);
        self.straddling.clear();
        let counts = &mut self.counts[..=slots_mask];
        let bucket = &mut self.bucket[..n];
        let level = &mut self.level[..=slots_mask];
        if let Some(l) = level.get_mut(buckets) {
            *l = UNRATED;
        }
        let cursor = &mut self.cursor[..=slots_mask];
        let table = &self.rating_of_rank[..];
        let steps = &self.steps[..];
        let straddling = &mut self.straddling;
        let top = (buckets - 1) as f64;
        let nan_bucket = buckets as u32;
        // 2^52: adding it rounds a value in [0, 2^31) to an integer held in the low bits, a
        // non-decreasing map without the checks of a float-to-int cast.
        const ROUND: f64 = 4_503_599_627_370_496.0;
        // Branch-free, so that it vectorises; the bucket sizes are counted after.
        let bucket_of = |s: f64, lo: f64, scale: f64| {
            // The score with its low bits cleared (rounded towards zero): the same value for
            // the whole tie class (whose keys agree above those bits, and a negative
            // score's key is its bits inverted), and never less for a greater score. (Both
            // zeros give `f` zero, as `0 - lo` is `-lo` for either, and `-0.0` when `lo` is
            // +0.0 is clamped to +0.0.)
            let tie = f64::from_bits(s.to_bits() & !MASK);
            let f = (tie - lo) * scale;
            let f = if f > 0.0 { f } else { 0.0 };
            let f = if f < top { f } else { top };
            (f + ROUND).to_bits() as u32
        };
        // The edges of the last date when they were drawn in (see below), if they are narrower
        // than this date's lowest and highest score: scores move little from one date to the
        // next, and neither do the outliers.
        let full = (lo, scale);
        let hi = lo + buckets as f64 / scale;
        let hinted = self.edges.and_then(|(a, b)| {
            let (a, b) = (if a > lo { a } else { lo }, if b < hi { b } else { hi });
            let s = buckets as f64 / (b - a);
            (s.is_finite() && s > scale).then_some((a, s))
        });
        let (mut lo, mut scale) = hinted.unwrap_or(full);
        let mut tries = 2;
        let mut slots;
        loop {
            if m == n {
                // No NaN score (the usual case): no NaN bucket to select.
                for (b, &s) in bucket.iter_mut().zip(scores.iter()) {
                    *b = bucket_of(s, lo, scale);
                }
            } else {
                for (b, &s) in bucket.iter_mut().zip(scores.iter()) {
                    let k = bucket_of(s, lo, scale);
                    *b = if s.is_nan() { nan_bucket } else { k };
                }
            }
            for &b in bucket.iter() {
                counts[b as usize & slots_mask] += 1;
            }
            let ends = (counts[0], counts[(buckets - 1) & slots_mask]);
            // Per bucket: one rating for all its members, or STRADDLING to sort it. A bucket
            // straddles when a step of the rating (a rank in `steps`) lies after its first rank
            // and at or before its last. So the buckets are walked a run at a time: from a
            // bucket's first rank `first`, every bucket that ends before the next step `next`
            // takes `first`'s rating; the bucket holding `next` straddles it unless it starts
            // there.
            let (mut b, mut first, mut p) = (0usize, 0u32, 0usize);
            slots = 0u32;
            let sizes = counts.get_mut(..buckets).unwrap_or(&mut []);
            while b < buckets {
                while steps.get(p).is_some_and(|&g| g <= first) {
                    p += 1;
                }
                // (With no step left, `first + c <= m` holds for every bucket.)
                let next = steps.get(p).copied().unwrap_or(m as u32);
                let rating = table.get(first as usize).copied().unwrap_or(UNRATED);
                // (Each level is written as the run is walked: runs are short, and a fill
                // after the walk would be a call to memset per run.)
                let run = sizes.get_mut(b..).unwrap_or(&mut []).iter_mut();
                for (c, l) in run.zip(level.get_mut(b..).unwrap_or(&mut [])) {
                    if first + *c > next {
                        break;
                    }
                    *l = rating;
                    first += std::mem::take(c);
                    b += 1;
                }
                if let Some(c) = sizes.get_mut(b)
                    && first < next
                {
                    let c = std::mem::take(c);
                    if let (Some(l), Some(cur)) = (level.get_mut(b), cursor.get_mut(b)) {
                        *l = STRADDLING;
                        *cur = slots;
                    }
                    straddling.push((first, slots));
                    slots += c;
                    first += c;
                    b += 1;
                }
            }
            if let Some(c) = counts.get_mut(buckets) {
                *c = 0;
            }
            // A few far outliers (a member up tenfold when the rest are within +-50%) leave
            // everyone else in a few buckets, which then straddle many steps and are sorted
            // whole. When more than half the members are to be sorted, bucket once more
            // between the edges of the middle of the field (all but `m / 64` members at each
            // end), found from the bucket sizes counted again: the outliers go to the clamped
            // end buckets (so the map still never decreases) and the middle spreads over the
            // others; those edges are tried first on the next date. Drawn-in edges that leave
            // more than `m / 16` members in an end bucket (the field has moved out) give way
            // to the full range. Any such map gives the same ratings; only the work differs.
            let narrowed = (lo, scale) != full;
            let heavy_ends = narrowed && (ends.0 as usize > m / 16 || ends.1 as usize > m / 16);
            // (Small universes have a step every few ranks, so most of their buckets
            // straddle one: the test needs many more members to sort than steps.)
            let crowded_out = slots as usize > (m / 2).max(8 * steps.len());
            if tries == 0 || !(crowded_out || heavy_ends) {
                break;
            }
            tries -= 1;
            for &b in bucket.iter() {
                counts[b as usize & slots_mask] += 1;
            }
            let sizes = counts.get(..buckets).unwrap_or(&[]);
            let narrower =
                crowded(sizes, m / 64)
                    .filter(|_| !heavy_ends)
                    .and_then(|(b_lo, b_hi)| {
                        // (Widened by an eighth on each side, so that the next dates, whose
                        // field has moved a little, still fit.)
                        let pad = (b_hi + 1 - b_lo).div_ceil(8);
                        let (b_lo, b_end) =
                            (b_lo.saturating_sub(pad), (b_hi + 1 + pad).min(buckets));
                        let width = ((b_end - b_lo) as i64 as f64) / scale;
                        let new_scale = buckets as f64 / width;
                        (b_end - b_lo < buckets / 2 && new_scale.is_finite() && new_scale > scale)
                            .then(|| (lo + (b_lo as i64 as f64) / scale, new_scale))
                    });
            counts.get_mut(..=buckets).unwrap_or(&mut []).fill(0);
            (lo, scale) = match narrower {
                Some(edges) => {
                    self.edges = Some((edges.0, edges.0 + buckets as f64 / edges.1));
                    edges
                }
                None if narrowed => {
                    self.edges = None;
                    full
                }
                // (The walk's results stand.)
                None => break,
            };
            straddling.clear();
        }
        // Every member takes its bucket's level (a plain gather); then the members of
        // straddling buckets put their keys into their bucket's slots.
        for (o, &b) in out.iter_mut().zip(bucket.iter()) {
            *o = level[b as usize & slots_mask];
        }
        // (Padded with NET - 1 greatest keys: see the sorting network below.)
        self.sorted.resize(slots as usize + NET - 1, 0);
        let sorted = &mut self.sorted[..];
        if let Some(pad) = sorted.get_mut(slots as usize..) {
            pad.fill(u64::MAX);
        }
        // STRADDLING is the only level with its top bit set (ratings are at most 99), so
        // 8 levels at a time are searched with one mask.
        const _: () = assert!(STRADDLING & 0x80 != 0 && UNRATED & 0x80 == 0);
        const GROUP: usize = 8;
        const TOP_BITS: u64 = u64::from_le_bytes([0x80; GROUP]);
        let whole = out.chunks_exact(GROUP);
        let tail = whole.remainder();
        let mut last = [0u8; GROUP];
        last.iter_mut().zip(tail).for_each(|(w, &l)| *w = l);
        let groups = whole
            .map(|g| <[u8; GROUP]>::try_from(g).unwrap_or([0; GROUP]))
            .chain((!tail.is_empty()).then_some(last))
            .map(|g| u64::from_le_bytes(g) & TOP_BITS);
        for (g, mut hits) in groups.enumerate() {
            while hits != 0 {
                let i = g * GROUP + (hits.trailing_zeros() / 8) as usize;
                hits &= hits - 1;
                let (Some(&b), Some(&s)) = (bucket.get(i), scores.get(i)) else {
                    continue;
                };
                let at = &mut cursor[b as usize & slots_mask];
                if let Some(slot) = sorted.get_mut(*at as usize) {
                    *slot = (order_key(s) & !MASK) | i as u64;
                }
                *at += 1;
            }
        }
        // Each straddling bucket: sort its keys and rate them from its first rank on.
        // Most have 2 to NET members: their keys are sorted by a fixed network on the NET
        // slots from their first on, without a branch on the keys. The slots past a bucket's
        // own hold keys of later buckets (all greater, as buckets are ordered, and sorted
        // when their turn comes) or the padding (greatest of all), so the bucket's keys come
        // first in order.
        for (k, &(first, from)) in straddling.iter().enumerate() {
            let to = straddling.get(k + 1).map_or(slots, |&(_, next)| next);
            let (from, to) = (from as usize, to as usize);
            let len = to.saturating_sub(from);
            if len <= NET {
                let window = sorted.get_mut(from..from + NET);
                if let Some(w) = window.and_then(|w| <&mut [u64; NET]>::try_from(w).ok()) {
                    sort_network(w);
                    // No two of its keys tie (the usual case): each takes its own rank's
                    // rating from the table.
                    let keys = w.get(..len).unwrap_or(&[]);
                    if keys.windows(2).all(|p| (p[0] ^ p[1]) >> IDX_BITS != 0) {
                        for (&k, &rating) in
                            keys.iter().zip(table.get(first as usize..).unwrap_or(&[]))
                        {
                            if let Some(o) = out.get_mut((k & MASK) as usize) {
                                *o = rating;
                            }
                        }
                        continue;
                    }
                }
            } else if let Some(keys) = sorted.get_mut(from..to) {
                if len > SMALL_BUCKET {
                    keys.sort_unstable();
                } else {
                    insertion_sort(keys);
                }
            }
            if let Some(keys) = sorted.get(from..to) {
                rate_sorted(keys, first as usize, rating_scale, table, IDX_BITS, out);
            }
        }
    }
}

/// The buckets holding the `tail`-th lowest and the `tail`-th highest (0-based) of the
/// members counted in `sizes`, or `None` when `tail` is 0 or the counts hold too few.
fn crowded(sizes: &[u32], tail: usize) -> Option<(usize, usize)> {
    fn reach(mut sizes: impl Iterator<Item = u32>, tail: usize) -> Option<usize> {
        let mut seen = 0usize;
        sizes.position(|c| {
            seen += c as usize;
            seen > tail
        })
    }
    if tail == 0 {
        return None;
    }
    let b_lo = reach(sizes.iter().copied(), tail)?;
    let b_hi = sizes.len() - 1 - reach(sizes.iter().rev().copied(), tail)?;
    (b_lo <= b_hi).then_some((b_lo, b_hi))
}

/// Buckets for `m` scored members: three buckets for every four members. (Fewer buckets
/// save per-bucket work but leave more members in buckets that must be sorted; this
/// balance gave the fewest instructions and mispredicted branches on 2,000 members.)
fn buckets_for(m: usize) -> usize {
    (3 * m).div_ceil(4)
}

/// The rating `1 + round(rank * scale)` of a scaled rank `0 <= rank * scale <= 98`.
#[inline]
fn rating_of(scaled: f64) -> u8 {
    // (At most 99, so the conversion is exact.)
    (1.0 + round_half_up(scaled)) as u8
}

/// Rates members from their sorted keys (`first` is the 0-based rank of `sorted[0]` among
/// all scored members): a member alone with its score takes its rank's rating, a tied group
/// shares its mean rank's. Ratings go to `out[index in the key]`. `table[g]`, where given,
/// is the rating of a member alone at rank `g` (looked up instead of computed).
#[inline]
fn rate_sorted(
    sorted: &[u64],
    first: usize,
    scale: f64,
    table: &[u8],
    idx_bits: u32,
    out: &mut [u8],
) {
    let idx_mask: u64 = (1u64 << idx_bits) - 1;
    let tie_of = |k: u64| k >> idx_bits;
    let mut g = 0;
    while let Some(&head) = sorted.get(g) {
        let tie = tie_of(head);
        if sorted.get(g + 1).is_none_or(|&k| tie_of(k) != tie) {
            if let Some(o) = out.get_mut((head & idx_mask) as usize) {
                // (Counts are below 2^63, so converting through i64 is exact.)
                let rank = first + g;
                *o = match table.get(rank) {
                    Some(&rating) => rating,
                    None => rating_of(rank as i64 as f64 * scale),
                };
            }
            g += 1;
            continue;
        }
        let mut e = g + 2;
        while sorted.get(e).is_some_and(|&k| tie_of(k) == tie) {
            e += 1;
        }
        // Ranks g..e (0-based) tie: they share the mean rank g + (e - g - 1) / 2.
        let rank = (first + g) as i64 as f64 + (e - g - 1) as i64 as f64 / 2.0;
        let rating = rating_of(rank * scale);
        for &k in &sorted[g..e] {
            if let Some(o) = out.get_mut((k & idx_mask) as usize) {
                *o = rating;
            }
        }
        g = e;
    }
}
/// How many of `scores` are not NaN, and the lowest and highest of those (infinities if
/// none).
fn count_and_range(scores: &[f64]) -> (usize, f64, f64) {
    const LANES: usize = 4;
    let mut m = [0usize; LANES];
    let mut lo = [f64::INFINITY; LANES];
    let mut hi = [f64::NEG_INFINITY; LANES];
    let chunks = scores.chunks_exact(LANES);
    let tail = chunks.remainder();
    for chunk in chunks {
        for (j, &s) in chunk.iter().enumerate() {
            m[j] += usize::from(!s.is_nan());
            lo[j] = if s < lo[j] { s } else { lo[j] };
            hi[j] = if s > hi[j] { s } else { hi[j] };
        }
    }
    for (j, &s) in tail.iter().enumerate() {
        m[j] += usize::from(!s.is_nan());
        lo[j] = if s < lo[j] { s } else { lo[j] };
        hi[j] = if s > hi[j] { s } else { hi[j] };
    }
    let lo = lo
        .iter()
        .fold(f64::INFINITY, |a, &b| if b < a { b } else { a });
    let hi = hi
        .iter()
        .fold(f64::NEG_INFINITY, |a, &b| if b > a { b } else { a });
    (m.iter().sum(), lo, hi)
}

/// The most keys sorted by [`sort_network`] (buckets that must be sorted mostly hold 2 to 4
/// members; a network for 8 keys mispredicted less but ran more instructions in all).
const NET: usize = 4;

/// Sorts `NET` keys by compare-exchanges that compile to conditional moves: no branch on the
/// keys, whose order is random.
#[inline]
fn sort_network(w: &mut [u64; NET]) {
    for (a, b) in [(0, 1), (2, 3), (0, 2), (1, 3), (1, 2)] {
        let (x, y) = (w[a], w[b]);
        w[a] = x.min(y);
        w[b] = x.max(y);
    }
}

/// Sorts a short or nearly sorted slice.
#[inline]
fn insertion_sort(v: &mut [u64]) {
    for i in 1..v.len() {
        let k = v[i];
        let mut j = i;
        while j > 0 && v[j - 1] > k {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = k;
    }
}

/// `x.round()` for `0 <= x < 2^31`, without a call into libm: the integer part is exact in
/// an `i32`, and `x - trunc(x)` is exact, so comparing it with one half rounds the same way.
#[inline]
fn round_half_up(x: f64) -> f64 {
    let whole = f64::from(x as i32);
    whole + if x - whole >= 0.5 { 1.0 } else { 0.0 }
}

/// An order-preserving map of finite doubles to u64.
#[inline]
fn order_key(x: f64) -> u64 {
    let b = (x + 0.0).to_bits(); // -0.0 + 0.0 is +0.0: both zeros get one key
    if b >> 63 == 1 {
        !b
    } else {
        b | (1 << 63)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::SampleRng;
    use proptest::prelude::*;

    /// The documented rule, computed the slow way: for every scored member count the members
    /// whose keys (above the 20 index bits) are lower and equal.
    fn reference_ranks(scores: &[f64], min_members: usize) -> Vec<f64> {
        let tie = |s: f64| order_key(s) >> IDX_BITS;
        let m = scores.iter().filter(|s| !s.is_nan()).count();
        scores
            .iter()
            .map(|&s| {
                if s.is_nan() || m < min_members {
                    return f64::NAN;
                }
                let below = scores.iter().filter(|&&o| !o.is_nan() && tie(o) < tie(s));
                let equal = scores.iter().filter(|&&o| !o.is_nan() && tie(o) == tie(s));
                let rank = below.count() as f64 + (equal.count() - 1) as f64 / 2.0;
                1.0 + (rank * (98.0 / (m - 1) as f64)).round()
            })
            .collect()
    }

    fn same(a: &[f64], b: &[f64]) -> bool {
        a.len() == b.len()
            && a.iter()
                .zip(b)
                .all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
    }

    /// Scores with NaNs, both zeros, infinities, repeats, near-ties that agree on the top 44
    /// bits (and ones that just miss), and far outliers that crowd the rest into one bucket.
    fn scores() -> impl Strategy<Value = Vec<f64>> {
        let base = prop_oneof![
            4 => -2.0f64..2.0,
            2 => prop::sample::select(vec![-0.5, -0.0, 0.0, 0.1, 0.25, 1.0]),
            1 => Just(f64::NAN),
            1 => prop::sample::select(vec![f64::INFINITY, f64::NEG_INFINITY, 1e300, -1e12]),
        ];
        let value = (base, 0u64..(1 << 22), 0u8..4).prop_map(|(v, bits, how)| match how {
            0 if v.is_finite() => f64::from_bits(v.to_bits() ^ (bits & 0xfffff)),
            1 if v.is_finite() => f64::from_bits(v.to_bits() ^ bits),
            _ => v,
        });
        prop::collection::vec(value, 0..300)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// The bucket-sort ranking gives exactly the ratings of the naive definition.
        #[test]
        fn ranking_matches_the_naive_rule(s in scores(), min_members in 2usize..6) {
            let mut out = vec![0.0; s.len()];
            rank_into(&s, min_members, &mut out);
            let want = reference_ranks(&s, min_members);
            prop_assert!(same(&out, &want), "{:?}\n{:?}\n{:?}", s, out, want);
        }

        /// Scoring any range of dates gives the scores of the whole row, bit for bit.
        #[test]
        fn score_ranges_match_the_whole_row(
            steps in prop::collection::vec((-0.05f64..0.05, 0u8..40), 1..120),
            horizons in prop::collection::vec((1usize..30, 0.1f64..1.0), 1..4),
            exclude in any::<bool>(),
            cut in 0usize..120,
            len in 0usize..120,
        ) {
            let mut p = 50.0;
            let x: Vec<f64> = steps
                .iter()
                .map(|&(r, kind)| {
                    p *= f64::exp(r);
                    match kind {
                        0 => f64::NAN,
                        1 => 0.0,
                        2 => -p,
                        _ => p,
                    }
                })
                .collect();
            let missing = if exclude { MissingHistory::Exclude } else { MissingHistory::Reweight };
            let config = RsRatingConfig::default().horizons(horizons).missing(missing);
            let whole = rs_score(&x, &config).expect("valid config");
            let from = cut.min(x.len());
            let to = (from + len).min(x.len());
            let mut part = vec![0.0; to - from];
            ScoreScratch::default().score_range(&x, &config, from, &mut part);
            prop_assert!(same(&part, &whole[from..to]));
        }
    }

    /// A panel of random walks with gaps: some members list late, some have holes.
    fn gappy_panel(n: usize, t: usize, seed: u64) -> Panel {
        let mut rng = SampleRng::new(seed);
        let mut close = Array2::<f64>::zeros((n, t));
        for mut row in close.rows_mut() {
            let listed = if rng.uniform() < 0.3 {
                (rng.uniform() * t as f64) as usize
            } else {
                0
            };
            let mut p = 20.0 + 100.0 * rng.uniform();
            for (j, v) in row.iter_mut().enumerate() {
                p *= (0.02 * rng.normal()).exp();
                *v = if j < listed || rng.uniform() < 0.01 {
                    f64::NAN
                } else {
                    p
                };
            }
        }
        panel_of(close)
    }

    /// A panel of `close` (one row per member) on weekdays up to the sample end date.
    fn panel_of(close: Array2<f64>) -> Panel {
        let (n, t) = close.dim();
        let times = crate::sample::weekdays_ending(crate::sample::end_date(), t)
            .into_iter()
            .map(crate::series::midnight)
            .collect();
        let symbols = (0..n).map(|i| format!("S{i}")).collect();
        Panel::from_closes(symbols, times, close).expect("valid panel")
    }

    #[test]
    fn panel_ratings_match_the_reference_for_any_thread_count() {
        let panel = gappy_panel(37, 301, 7);
        for missing in [MissingHistory::Reweight, MissingHistory::Exclude] {
            let config = RsRatingConfig::default()
                .horizons(vec![(5, 0.4), (21, 0.2), (63, 0.2), (126, 0.2)])
                .missing(missing)
                .min_members(3);
            let scores: Vec<Vec<f64>> = (0..panel.n_symbols())
                .map(|r| rs_score(panel.close_of(r), &config).expect("valid config"))
                .collect();
            let one = rs_rating_threads(&panel, &config, 1).expect("rating");
            for c in 0..panel.n_dates() {
                let column: Vec<f64> = scores.iter().map(|s| s[c]).collect();
                let want = reference_ranks(&column, config.min_members);
                assert!(same(&one.to_f64().column(c).to_vec(), &want), "date {c}");
            }
            for threads in [2, 3, 5, 64] {
                let many = rs_rating_threads(&panel, &config, threads).expect("rating");
                assert_eq!(one.ratings, many.ratings, "{threads}");
            }
        }
    }

    /// Leaders that run far ahead of the field for a while, vanish and come back: the edges
    /// drawn in on one date and tried on the next (then dropped when the field moves out of
    /// them) must leave every date's ratings those of the naive rule.
    #[test]
    fn panels_with_runaway_leaders_match_the_reference() {
        // (Large enough a universe that a crowded date has many more members to sort than
        // the rating has steps; the field's spread quadruples at date 45.)
        let (n, t) = (1200, 80);
        let mut rng = SampleRng::new(13);
        let mut close = Array2::<f64>::zeros((n, t));
        for (i, mut row) in close.rows_mut().into_iter().enumerate() {
            let mut p = 20.0 + 100.0 * rng.uniform();
            for (j, v) in row.iter_mut().enumerate() {
                let run = match i {
                    3 if (20..60).contains(&j) => 0.1,
                    600 if j >= 50 => 0.15,
                    1199 if (10..30).contains(&j) => -0.1,
                    1199 if j >= 30 => 0.2,
                    _ => 0.0,
                };
                let noise = if j < 45 { 0.02 } else { 0.08 };
                p *= (run + noise * rng.normal()).exp();
                *v = if i == 600 && (30..50).contains(&j) {
                    f64::NAN
                } else {
                    p
                };
            }
        }
        let panel = panel_of(close);
        let config = RsRatingConfig::default().horizons(vec![(5, 0.5), (21, 0.5)]);
        let scores: Vec<Vec<f64>> = (0..n)
            .map(|r| rs_score(panel.close_of(r), &config).expect("valid config"))
            .collect();
        for threads in [1, 2] {
            let got = rs_rating_threads(&panel, &config, threads).expect("rating");
            for c in 0..t {
                let column: Vec<f64> = scores.iter().map(|s| s[c]).collect();
                let want = reference_ranks(&column, config.min_members);
                assert!(same(&got.to_f64().column(c).to_vec(), &want), "date {c}");
            }
        }
    }

    #[test]
    fn ties_share_a_rating_and_extremes_are_1_and_99() {
        let mut out = vec![0.0; 5];
        rank_into(&[0.1, 0.3, 0.3, f64::NAN, -0.2], 2, &mut out);
        assert_eq!(out[4], 1.0);
        assert_eq!(out[0], 1.0 + (98.0f64 / 3.0).round());
        assert_eq!(out[1], out[2]);
        assert_eq!(out[1], 1.0 + (2.5f64 * 98.0 / 3.0).round());
        assert!(out[3].is_nan());
        rank_into(&[0.1, f64::NAN], 2, &mut out[..2]);
        assert!(out[0].is_nan());
    }

    /// Large universes (where most buckets lie between two steps of the rating and are
    /// filled in runs) with tie classes that sit on, end at and straddle the steps.
    #[test]
    fn large_universes_with_ties_at_the_steps_match_the_naive_rule() {
        let mut rng = SampleRng::new(11);
        for m in [2usize, 3, 99, 100, 197, 1000, 2001] {
            let scale = 98.0 / (m - 1) as f64;
            let table: Vec<f64> = (0..m).map(|g| (g as f64 * scale).round()).collect();
            let steps: Vec<usize> = (1..m).filter(|&g| table[g] != table[g - 1]).collect();
            let mut sorted: Vec<f64> = (0..m).map(|_| rng.normal()).collect();
            sorted.sort_by(f64::total_cmp);
            for (k, &g) in steps.iter().enumerate() {
                // Tie the member at a step with the one before it (a class straddling the
                // step), with the one after it (a class starting on it), or leave it.
                match k % 3 {
                    0 => sorted[g] = sorted[g - 1],
                    1 if g + 1 < m => sorted[g + 1] = sorted[g],
                    _ => {}
                }
            }
            let mut scores = sorted.clone();
            // Scatter the members, and add a few unscored ones.
            for i in (1..scores.len()).rev() {
                scores.swap(i, (rng.uniform() * (i + 1) as f64) as usize % (i + 1));
            }
            scores.extend([f64::NAN; 3]);
            let mut out = vec![0.0; scores.len()];
            rank_into(&scores, 2, &mut out);
            assert!(same(&out, &reference_ranks(&scores, 2)), "m = {m}");
        }
    }

    /// Far outliers stretch a date's range so that everyone else shares a few buckets: the
    /// sampled edges (and, when the sample misses the crowding, the second bucketing) must
    /// still give exactly the naive ratings, wherever the outliers sit.
    #[test]
    fn universes_with_far_outliers_match_the_naive_rule() {
        let mut rng = SampleRng::new(12);
        for (m, outliers, size) in [
            (2000usize, 1usize, 1e2),
            (2000, 3, 1e6),
            (2000, 20, 10.0),
            (2000, 60, 1e3),
            (500, 5, -1e4),
            (130, 2, 1e9),
        ] {
            for placement in 0..3 {
                let mut scores: Vec<f64> = (0..m).map(|_| 0.3 * rng.normal()).collect();
                let stride = (m / 128).max(1);
                for k in 0..outliers {
                    // Spread out, on the sampled members only (so the sample sees every
                    // outlier), or bunched at the start.
                    let at = match placement {
                        0 => (k * 7919) % m,
                        1 => (k * stride) % m,
                        _ => k,
                    };
                    let sign = if k % 4 == 3 { -1.0 } else { 1.0 };
                    scores[at] = sign * size * (1.0 + rng.uniform());
                }
                let mut out = vec![0.0; m];
                rank_into(&scores, 2, &mut out);
                let want = reference_ranks(&scores, 2);
                assert!(
                    same(&out, &want),
                    "m {m}, {outliers} at {size}, placement {placement}"
                );
            }
        }
    }

    #[test]
    fn keys_keep_order() {
        let xs = [-3.0, -0.5, -0.0, 0.0, 1e-300, 0.25, 7.0];
        let k: Vec<u64> = xs.iter().map(|&x| order_key(x)).collect();
        assert!(k.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn round_half_up_is_round_on_ratings() {
        let halves = (0..=196).map(|k| f64::from(k) / 2.0);
        let near = halves.clone().flat_map(|h| {
            let b = h.to_bits();
            [f64::from_bits(b.saturating_sub(1)), f64::from_bits(b + 1)]
        });
        let products = (2..500usize).flat_map(|m| {
            let scale = 98.0 / (m - 1) as f64;
            (0..2 * m - 1).map(move |r| (r as f64 / 2.0) * scale)
        });
        for x in halves.chain(near).chain(products) {
            assert_eq!(round_half_up(x).to_bits(), x.round().to_bits(), "{x}");
        }
    }
}
