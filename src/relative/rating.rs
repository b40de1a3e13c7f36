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
//! rating = 1 + round(98 * (below + (equal - 1) / 2) / (m - 1))
//! ```
//!
//! where `m` is the number of members scored on that date, `below` how many score strictly
//! lower and `equal` how many tie (itself included). Ties share the mean of their ranks.
//! Horizons and weights are configurable ([`RsRatingConfig`]).
//!
//! # Missing histories
//! A member's score on a date needs a good close on that date. A horizon `p` is available when
//! the close `p` bars earlier exists and is good (finite, positive). With
//! [`MissingHistory::Reweight`] (the default) the score uses the available horizons with their
//! weights rescaled to sum to the total (so a one-year-old listing is rated on its 3/6/9-month
//! performance); with [`MissingHistory::Exclude`] a member lacking any horizon is not scored.
//! Members without a score get NaN and are left out of that date's ranking; a date with fewer
//! than `min_members` scored members (default 2) has NaN ratings throughout.
//!
//! # Ties and precision
//! Ranking sorts 64-bit keys that carry the member's index in their lowest `b` bits (`b` bits
//! number the members: 11 for 2,000). Scores that agree in everything but those last bits —
//! about 12 significant digits for 2,000 members — therefore count as tied. This keeps the
//! ranking of 2,000 members × 10 years under 50 ms.

use chrono::NaiveDateTime;
use ndarray::Array2;

use super::good_price;
use crate::error::{Error, Result};
use crate::series::{Panel, TimeKey};

/// What to do with a member whose history is too short for some horizon.
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
    pub fn horizons(mut self, horizons: Vec<(usize, f64)>) -> Self {
        self.horizons = horizons;
        self
    }
    /// Sets the missing-history policy.
    pub fn missing(mut self, missing: MissingHistory) -> Self {
        self.missing = missing;
        self
    }
    /// Sets the fewest scored members a date needs.
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
    let total: f64 = config.horizons.iter().map(|h| h.1).sum();
    let all = matches!(config.missing, MissingHistory::Exclude);
    for (t, o) in out.iter_mut().enumerate() {
        let now = x[t];
        if !good_price(now) {
            *o = f64::NAN;
            continue;
        }
        let (mut sum, mut wsum, mut missing) = (0.0, 0.0, false);
        for &(p, w) in &config.horizons {
            match t.checked_sub(p).map(|j| x[j]) {
                Some(then) if good_price(then) => {
                    sum += w * (now / then - 1.0);
                    wsum += w;
                }
                _ => missing = true,
            }
        }
        *o = if wsum == 0.0 || (all && missing) {
            f64::NAN
        } else if missing {
            sum * (total / wsum)
        } else {
            sum
        };
    }
}

/// RS ratings (1-99, NaN where unrated) of every panel member on every date.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RsRatings {
    /// Member symbols (rows).
    pub symbols: Vec<String>,
    /// Dates (columns).
    pub times: Vec<NaiveDateTime>,
    /// Ratings, shape `(symbols, dates)`: whole numbers 1..=99 stored as `f64`, NaN when the
    /// member has no score or the date has too few scored members.
    pub ratings: Array2<f64>,
}

impl RsRatings {
    /// The rating of `symbol` on the last date on or before `key` (None if unknown symbol or
    /// date; NaN if unrated).
    pub fn rating_as_of(&self, symbol: &str, key: impl TimeKey) -> Option<f64> {
        let r = self.symbols.iter().position(|s| s == symbol)?;
        let c = self
            .times
            .partition_point(|t| *t <= key.end())
            .checked_sub(1)?;
        Some(self.ratings[[r, c]])
    }
    /// One member's ratings over time (contiguous).
    pub fn ratings_of(&self, symbol_row: usize) -> &[f64] {
        let cols = self.ratings.ncols();
        self.ratings
            .as_slice()
            .and_then(|s| s.get(symbol_row * cols..(symbol_row + 1) * cols))
            .unwrap_or(&[])
    }
}

/// Rates every member of `panel` on every date (see the [module docs](self) for the formula,
/// missing histories and ties).
///
/// Cost: O(symbols × dates × horizons) for the scores plus a sort of the members per date.
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
/// let last: Vec<f64> = r.ratings.column(panel.n_dates() - 1).to_vec();
/// assert!(last.iter().all(|v| (1.0..=99.0).contains(v)));
/// assert!(last.contains(&99.0) && last.contains(&1.0));
/// # Ok::<(), chartist::Error>(())
/// ```
pub fn rs_rating(panel: &Panel, config: &RsRatingConfig) -> Result<RsRatings> {
    config.validate()?;
    let (n, t) = (panel.n_symbols(), panel.n_dates());
    if n < config.min_members {
        return Err(Error::InsufficientData {
            what: "RS rating (members of the universe)".into(),
            needed: config.min_members,
            got: n,
        });
    }
    // Scores, symbol-major, then transposed to date-major for the per-date ranking.
    let mut scores = vec![f64::NAN; n * t];
    for (r, row) in scores.chunks_exact_mut(t).enumerate() {
        score_into(panel.close_of(r), config, row);
    }
    let mut by_date = vec![f64::NAN; n * t];
    transpose(&scores, n, t, &mut by_date);
    drop(scores);

    let mut keys: Vec<u64> = Vec::with_capacity(n);
    let mut rated_by_date = vec![f64::NAN; n * t];
    for (col, out) in by_date
        .chunks_exact(n)
        .zip(rated_by_date.chunks_exact_mut(n))
    {
        rank_into(col, config.min_members, &mut keys, out);
    }
    drop(by_date);
    let mut ratings = vec![f64::NAN; n * t];
    transpose(&rated_by_date, t, n, &mut ratings);
    let ratings =
        Array2::from_shape_vec((n, t), ratings).map_err(|e| Error::Undefined(e.to_string()))?;
    Ok(RsRatings {
        symbols: panel.symbols().to_vec(),
        times: panel.times().to_vec(),
        ratings,
    })
}

/// Percentile ratings (1..=99) of one cross-section of scores into `out` (NaN scores stay
/// unrated; fewer than `min_members` scores leave everything NaN). `keys` is scratch space.
pub(crate) fn rank_into(scores: &[f64], min_members: usize, keys: &mut Vec<u64>, out: &mut [f64]) {
    let n = scores.len();
    out.iter_mut().for_each(|o| *o = f64::NAN);
    if n == 0 {
        return;
    }
    let idx_bits = (usize::BITS - (n - 1).leading_zeros()).max(1);
    let idx_mask: u64 = (1u64 << idx_bits) - 1;
    keys.clear();
    keys.extend(
        scores
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.is_nan())
            .map(|(i, &s)| (order_key(s) & !idx_mask) | i as u64),
    );
    let m = keys.len();
    if m < min_members.max(2) {
        return;
    }
    keys.sort_unstable();
    let scale = 98.0 / (m - 1) as f64;
    let mut g = 0;
    while g < m {
        let hi = keys[g] & !idx_mask;
        let mut e = g + 1;
        while e < m && keys[e] & !idx_mask == hi {
            e += 1;
        }
        // Ranks g..e (0-based) tie: they share the mean rank g + (e - g - 1) / 2.
        let rank = g as f64 + (e - g - 1) as f64 / 2.0;
        let rating = 1.0 + (rank * scale).round();
        for k in &keys[g..e] {
            out[(k & idx_mask) as usize] = rating;
        }
        g = e;
    }
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

/// Blocked transpose of a `rows × cols` row-major matrix into `cols × rows`.
fn transpose(src: &[f64], rows: usize, cols: usize, dst: &mut [f64]) {
    const B: usize = 32;
    debug_assert_eq!(src.len(), rows * cols);
    debug_assert_eq!(dst.len(), rows * cols);
    for r0 in (0..rows).step_by(B) {
        let r1 = (r0 + B).min(rows);
        for c0 in (0..cols).step_by(B) {
            let c1 = (c0 + B).min(cols);
            for r in r0..r1 {
                let s = &src[r * cols..r * cols + cols];
                for c in c0..c1 {
                    dst[c * rows + r] = s[c];
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_a_rating_and_extremes_are_1_and_99() {
        let mut keys = Vec::new();
        let mut out = vec![0.0; 5];
        rank_into(&[0.1, 0.3, 0.3, f64::NAN, -0.2], 2, &mut keys, &mut out);
        assert_eq!(out[4], 1.0);
        assert_eq!(out[0], 1.0 + (98.0f64 / 3.0).round());
        assert_eq!(out[1], out[2]);
        assert_eq!(out[1], 1.0 + (2.5f64 * 98.0 / 3.0).round());
        assert!(out[3].is_nan());
        rank_into(&[0.1, f64::NAN], 2, &mut keys, &mut out[..2]);
        assert!(out[0].is_nan());
    }

    #[test]
    fn keys_keep_order() {
        let xs = [-3.0, -0.5, -0.0, 0.0, 1e-300, 0.25, 7.0];
        let k: Vec<u64> = xs.iter().map(|&x| order_key(x)).collect();
        assert!(k.windows(2).all(|w| w[0] <= w[1]));
    }

    #[test]
    fn transpose_round_trips() {
        let src: Vec<f64> = (0..35 * 70).map(f64::from).collect();
        let mut t = vec![0.0; src.len()];
        let mut back = vec![0.0; src.len()];
        transpose(&src, 35, 70, &mut t);
        transpose(&t, 70, 35, &mut back);
        assert_eq!(t[1], 70.0);
        assert_eq!(src, back);
    }
}
