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
//! Ranking radix-sorts 64-bit keys made of the score's order-preserving bit pattern with the
//! member's index in the lowest 20 bits, so scores are compared on their top 44 bits (sign,
//! exponent and 32 mantissa bits: about 10 significant digits). Scores that agree that far
//! count as tied and share a rating. (Universes beyond 2^20 members use a comparison sort
//! with just enough index bits.) Scores are computed as `x_t * sum_k(w_k / x_{t-p_k}) -
//! sum_k(w_k)`, which equals the formula above up to rounding.

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
    let longest = config.horizons.iter().map(|h| h.0).max().unwrap_or(0);
    let all = matches!(config.missing, MissingHistory::Exclude);
    // Fast path for a clean row: every horizon is available from `longest` on, and
    // sum_k w_k (x_t / x_{t-p_k} - 1) = x_t * sum_k w_k / x_{t-p_k} - sum_k w_k.
    let clean = x.iter().all(|&v| good_price(v));
    let slow_end = if clean { longest.min(x.len()) } else { x.len() };
    for (t, o) in out.iter_mut().enumerate().take(slow_end) {
        let now = x[t];
        if !good_price(now) {
            *o = f64::NAN;
            continue;
        }
        // The same arithmetic as the fast path below, so a value never depends on which path
        // computed it (appending bars must not change earlier scores).
        let (mut acc, mut wsum, mut missing) = (0.0, 0.0, false);
        for &(p, w) in &config.horizons {
            match t.checked_sub(p).map(|j| x[j]) {
                Some(then) if good_price(then) => {
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
    if slow_end < x.len() {
        let inv: Vec<f64> = x.iter().map(|v| 1.0 / v).collect();
        let mut acc = vec![0.0; x.len() - slow_end];
        for &(p, w) in &config.horizons {
            for (a, &i) in acc.iter_mut().zip(&inv[slow_end - p..]) {
                *a += w * i;
            }
        }
        for ((o, a), &now) in out[slow_end..].iter_mut().zip(&acc).zip(&x[slow_end..]) {
            *o = now * a - total;
        }
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
    // Scores, symbol-major; then, 32 dates at a time, the block is transposed to date-major,
    // ranked per date, and the ratings written back over the scores they came from.
    let mut data = vec![0.0; n * t];
    for (r, row) in data.chunks_exact_mut(t).enumerate() {
        score_into(panel.close_of(r), config, row);
    }
    const BLOCK: usize = 32;
    let mut block = vec![0.0; BLOCK * n];
    let mut rated = vec![0.0; n];
    let mut scratch = RankScratch::default();
    for c0 in (0..t).step_by(BLOCK) {
        let w = BLOCK.min(t - c0);
        for (r, row) in data.chunks_exact(t).enumerate() {
            for (k, &v) in row[c0..c0 + w].iter().enumerate() {
                block[k * n + r] = v;
            }
        }
        for k in 0..w {
            scratch.rank(&block[k * n..(k + 1) * n], config.min_members, &mut rated);
            block[k * n..(k + 1) * n].copy_from_slice(&rated);
        }
        for (r, row) in data.chunks_exact_mut(t).enumerate() {
            for (k, v) in row[c0..c0 + w].iter_mut().enumerate() {
                *v = block[k * n + r];
            }
        }
    }
    let ratings = data;
    let ratings =
        Array2::from_shape_vec((n, t), ratings).map_err(|e| Error::Undefined(e.to_string()))?;
    Ok(RsRatings {
        symbols: panel.symbols().to_vec(),
        times: panel.times().to_vec(),
        ratings,
    })
}

/// Percentile ratings (1..=99) of one cross-section of scores into `out` (NaN scores stay
/// unrated; fewer than `min_members` scores leave everything NaN).
pub(crate) fn rank_into(scores: &[f64], min_members: usize, out: &mut [f64]) {
    RankScratch::default().rank(scores, min_members, out);
}

/// Bits of a ranking key that hold the member's index (up to 2^20 members use radix sort).
const IDX_BITS: u32 = 20;
/// Bits per radix digit; four digits cover the 44 score bits above the index.
const DIGIT: u32 = 11;

/// Reusable buffers for ranking one date.
#[derive(Default)]
struct RankScratch {
    keys: Vec<u64>,
    tmp: Vec<u64>,
    counts: Vec<u32>,
}

impl RankScratch {
    fn rank(&mut self, scores: &[f64], min_members: usize, out: &mut [f64]) {
        let n = scores.len();
        out.iter_mut().for_each(|o| *o = f64::NAN);
        if n == 0 {
            return;
        }
        let radix = n <= 1 << IDX_BITS;
        let idx_bits = if radix {
            IDX_BITS
        } else {
            (usize::BITS - (n - 1).leading_zeros()).max(1)
        };
        let idx_mask: u64 = (1u64 << idx_bits) - 1;
        self.keys.clear();
        self.keys.extend(
            scores
                .iter()
                .enumerate()
                .filter(|(_, s)| !s.is_nan())
                .map(|(i, &s)| (order_key(s) & !idx_mask) | i as u64),
        );
        let m = self.keys.len();
        if m < min_members.max(2) {
            return;
        }
        if radix {
            self.radix_sort();
        } else {
            self.keys.sort_unstable();
        }
        let keys = &self.keys;
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

    /// LSD radix sort of `keys` by their top 44 bits (four 11-bit digits); passes whose digit
    /// is the same for every key are skipped.
    fn radix_sort(&mut self) {
        const B: usize = 1 << DIGIT;
        let m = self.keys.len();
        self.counts.clear();
        self.counts.resize(4 * B, 0);
        for &k in &self.keys {
            for d in 0..4 {
                let digit = ((k >> (IDX_BITS + DIGIT * d as u32)) as usize) & (B - 1);
                self.counts[d * B + digit] += 1;
            }
        }
        self.tmp.clear();
        self.tmp.resize(m, 0);
        for d in 0..4 {
            let counts = &mut self.counts[d * B..(d + 1) * B];
            if counts.iter().any(|&c| c as usize == m) {
                continue;
            }
            let mut sum = 0u32;
            for c in counts.iter_mut() {
                let here = *c;
                *c = sum;
                sum += here;
            }
            let shift = IDX_BITS + DIGIT * d as u32;
            for &k in &self.keys {
                let digit = ((k >> shift) as usize) & (B - 1);
                self.tmp[counts[digit] as usize] = k;
                counts[digit] += 1;
            }
            std::mem::swap(&mut self.keys, &mut self.tmp);
        }
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
#[cfg(test)]
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
