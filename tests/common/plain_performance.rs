//! The documented statistics of `performance_of`, written the plain way (one value at a time,
//! sums in index order), shared by the tests that compare the fast sweeps with them.

use chartist::performance::Drawdown;
use chrono::NaiveDateTime;

/// The value-dependent statistics of `performance_of`, by the plain definitions.
#[derive(Debug)]
pub struct Plain {
    pub sd: f64,
    pub mean: f64,
    /// Mean absolute return: the size of the terms of the sums.
    pub mean_abs: f64,
    pub downside: f64,
    pub hits: usize,
    pub best: (f64, usize),
    pub worst: (f64, usize),
    pub episodes: Vec<Drawdown>,
}

/// Returns, their sums in index order, a second pass of centred squares, and the drawdown
/// episodes by a one-value-at-a-time scan: the documented definitions written the obvious way.
pub fn plain(times: &[NaiveDateTime], values: &[f64], rf: f64) -> Plain {
    let n = values.len();
    let returns: Vec<f64> = (1..n).map(|i| values[i] / values[i - 1] - 1.0).collect();
    let m = returns.len() as f64;
    let mut sum = 0.0;
    let mut down = 0.0;
    let mut hits = 0;
    let mut best = (f64::NEG_INFINITY, 1);
    let mut worst = (f64::INFINITY, 1);
    for (k, &r) in returns.iter().enumerate() {
        sum += r;
        let e = (r - rf).min(0.0);
        down += e * e;
        if r > 0.0 {
            hits += 1;
        }
        if r > best.0 {
            best = (r, k + 1);
        }
        if r < worst.0 {
            worst = (r, k + 1);
        }
    }
    let mean = sum / m;
    let mut sq = 0.0;
    for &r in &returns {
        sq += (r - mean) * (r - mean);
    }
    // Drawdown episodes: below the running peak until a value is back at or above it.
    let mut episodes = Vec::new();
    let (mut peak, mut peak_i) = (values[0], 0);
    let mut trough: Option<usize> = None;
    for (i, &v) in values.iter().enumerate().skip(1) {
        if v >= peak {
            if let Some(t) = trough.take() {
                episodes.push(episode(times, values, peak_i, t, Some(i)));
            }
            if v > peak {
                (peak, peak_i) = (v, i);
            }
        } else if trough.is_none_or(|t| v < values[t]) {
            trough = Some(i);
        }
    }
    if let Some(t) = trough {
        episodes.push(episode(times, values, peak_i, t, None));
    }
    Plain {
        sd: if n > 2 {
            (sq / (m - 1.0)).sqrt()
        } else {
            f64::NAN
        },
        mean,
        mean_abs: returns.iter().map(|r| r.abs()).sum::<f64>() / m,
        downside: (down / m).sqrt(),
        hits,
        best,
        worst,
        episodes,
    }
}

fn episode(
    times: &[NaiveDateTime],
    values: &[f64],
    peak: usize,
    trough: usize,
    recovery: Option<usize>,
) -> Drawdown {
    Drawdown {
        depth: values[trough] / values[peak] - 1.0,
        peak: times[peak],
        trough: times[trough],
        recovery: recovery.map(|r| times[r]),
        peak_index: peak,
        trough_index: trough,
        recovery_index: recovery,
    }
}

/// The same bits, or both NaN.
pub fn same(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

/// Equal to rounding, for the statistics that are sums over the returns: `performance_of`
/// adds in independent lanes (and takes the sum of squares in one pass when that is well
/// conditioned), so it may differ from the in-order sums here in the last bits. Within
/// `1e-11` of the larger of `|a|`, `|b|` and `scale` (the size a difference in the sums shows
/// up at, e.g. the mean absolute return over the deviation for a Sharpe ratio near zero), or
/// both NaN.
pub fn near(a: f64, b: f64, scale: f64) -> bool {
    same(a, b) || (a - b).abs() <= 1e-11 * a.abs().max(b.abs()).max(scale)
}
