//! Shared pieces of the robustness suite (`tests/robustness_*.rs`): the case count, value and
//! period strategies, and float comparisons.
//!
//! The number of generated cases per property comes from `CHARTIST_PROPTEST_CASES`
//! (default [`DEFAULT_CASES`], sized so the whole suite runs in well under a minute in a
//! debug build on a loaded two-core machine). Run many more locally with e.g.
//! `CHARTIST_PROPTEST_CASES=20000 cargo test --release --all-features --test 'robustness_*'`.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use proptest::test_runner::Config as ProptestConfig;

/// Cases per property when `CHARTIST_PROPTEST_CASES` is unset.
pub const DEFAULT_CASES: u32 = 48;

/// The number of cases per property: `CHARTIST_PROPTEST_CASES` or [`DEFAULT_CASES`].
pub fn cases() -> u32 {
    std::env::var("CHARTIST_PROPTEST_CASES")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .filter(|&n: &u32| n > 0)
        .unwrap_or(DEFAULT_CASES)
}

/// The proptest configuration of every robustness property: [`cases`] cases, no failure
/// files written next to the sources (once-failing inputs are kept as explicit regression
/// tests under `tests/regressions/` instead).
pub fn config() -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        max_shrink_iters: 4096,
        ..ProptestConfig::with_cases(cases())
    }
}

/// A proptest config with a fraction of the cases, for properties that are expensive per case
/// (whole-panel computations); never below 4.
pub fn config_scaled(divisor: u32) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: None,
        max_shrink_iters: 1024,
        ..ProptestConfig::with_cases((cases() / divisor.max(1)).max(4))
    }
}

/// The values that break numeric code: non-finite, signed zeros, tiny, huge and extreme.
pub fn special() -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(1e-12),
        Just(-1e-12),
        Just(1e30),
        Just(-1e30),
        Just(f64::MAX),
        Just(f64::MIN),
        Just(f64::MIN_POSITIVE),
        Just(5e-324),
        Just(-1.0),
    ]
}

/// Any value: mostly ordinary prices, often a special one, sometimes any bit pattern.
pub fn value() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => 1.0f64..1000.0,
        3 => special(),
        1 => any::<f64>(),
        1 => -1000.0f64..1000.0,
    ]
}

/// A period: 0, 1, small, around typical data lengths, and huge.
pub fn period() -> impl Strategy<Value = usize> + Clone {
    prop_oneof![
        1 => Just(0usize),
        2 => Just(1usize),
        6 => 2usize..30,
        2 => 30usize..300,
        1 => Just(1usize << 20),
        1 => Just(usize::MAX),
        1 => Just(usize::MAX / 2 + 1),
    ]
}

/// A period for a streaming constructor, which may allocate its window up front: as
/// [`period`] but capped at 2^20 (allocating a window for `usize::MAX` is not a sensible
/// request and is covered by [`huge_period`] on the batch side).
pub fn stream_period() -> impl Strategy<Value = usize> + Clone {
    prop_oneof![
        1 => Just(0usize),
        2 => Just(1usize),
        6 => 2usize..30,
        1 => 30usize..100,
    ]
}

/// Lengths around a period: 0, 1, p-1, p, p+1, or anything up to `max`.
pub fn length_near(p: usize, max: usize) -> impl Strategy<Value = usize> {
    let p = p.min(max);
    prop_oneof![
        Just(0usize),
        Just(1usize),
        Just(p.saturating_sub(1)),
        Just(p),
        Just((p + 1).min(max)),
        Just((2 * p + 3).min(max)),
        0..=max,
    ]
}

/// A vector of [`value`]s whose length is near `p` (see [`length_near`]).
pub fn values_near(p: usize, max: usize) -> impl Strategy<Value = Vec<f64>> {
    length_near(p, max).prop_flat_map(|n| proptest::collection::vec(value(), n))
}

/// A positive random walk of length `n` (multiplicative steps of at most ~3%).
pub fn walk(n: usize) -> impl Strategy<Value = Vec<f64>> {
    (1.0f64..500.0, proptest::collection::vec(-0.03f64..0.03, n)).prop_map(|(start, steps)| {
        let mut p = start;
        steps
            .into_iter()
            .map(|r| {
                p *= r.exp();
                p
            })
            .collect()
    })
}

/// A positive random walk with some positions replaced by NaN or +-inf (gaps).
pub fn walk_with_gaps(n: usize) -> impl Strategy<Value = Vec<f64>> {
    (
        walk(n),
        proptest::collection::vec((0..n.max(1), 0u8..3), 0..=(n / 6 + 1)),
    )
        .prop_map(|(mut x, gaps)| {
            for (i, kind) in gaps {
                if let Some(v) = x.get_mut(i) {
                    *v = match kind {
                        0 => f64::NAN,
                        1 => f64::INFINITY,
                        _ => f64::NEG_INFINITY,
                    };
                }
            }
            x
        })
}

/// High/low/close bars from a walk: high >= close >= low, all positive.
pub fn hlc_walk(n: usize) -> impl Strategy<Value = (Vec<f64>, Vec<f64>, Vec<f64>)> {
    (
        walk(n),
        proptest::collection::vec((0.0f64..0.02, 0.0f64..0.02), n),
    )
        .prop_map(|(c, spread)| {
            let h = c
                .iter()
                .zip(&spread)
                .map(|(c, s)| c * (1.0 + s.0))
                .collect();
            let l = c
                .iter()
                .zip(&spread)
                .map(|(c, s)| c * (1.0 - s.1))
                .collect();
            (h, l, c)
        })
}

/// [`hlc_walk`] with a few bars made non-finite in one of their fields.
pub fn hlc_with_gaps(n: usize) -> impl Strategy<Value = (Vec<f64>, Vec<f64>, Vec<f64>)> {
    (
        hlc_walk(n),
        proptest::collection::vec((0..n.max(1), 0u8..3, 0u8..2), 0..=(n / 6 + 1)),
    )
        .prop_map(|((mut h, mut l, mut c), gaps)| {
            for (i, field, kind) in gaps {
                let v = if kind == 0 { f64::NAN } else { f64::INFINITY };
                let col = match field {
                    0 => &mut h,
                    1 => &mut l,
                    _ => &mut c,
                };
                if let Some(x) = col.get_mut(i) {
                    *x = v;
                }
            }
            (h, l, c)
        })
}

/// Three independent columns of arbitrary [`value`]s (high < low allowed), lengths equal.
pub fn hlc_any(max: usize) -> impl Strategy<Value = (Vec<f64>, Vec<f64>, Vec<f64>)> {
    (0..=max).prop_flat_map(|n| {
        (
            proptest::collection::vec(value(), n),
            proptest::collection::vec(value(), n),
            proptest::collection::vec(value(), n),
        )
    })
}

/// `n` consecutive weekdays from 2015-01-05, at midnight.
pub fn weekday_times(n: usize) -> Vec<NaiveDateTime> {
    let start = NaiveDate::from_ymd_opt(2015, 1, 5).unwrap_or_default();
    chartist::sample::weekdays(start, n)
        .into_iter()
        .map(chartist::series::midnight)
        .collect()
}

/// True when `a` and `b` are the same number: both NaN, bit-equal, equal infinities, or
/// within 1e-12 relative (the crate's batch-versus-streaming tolerance).
pub fn same(a: f64, b: f64) -> bool {
    if a.is_nan() || b.is_nan() {
        return a.is_nan() && b.is_nan();
    }
    if a == b {
        return true;
    }
    if !a.is_finite() || !b.is_finite() {
        return false;
    }
    (a - b).abs() <= 1e-12 * a.abs().max(b.abs())
}

/// True when `a` and `b` agree within `rel` relative or `abs` absolute (NaN equals NaN).
pub fn close_to(a: f64, b: f64, rel: f64, abs: f64) -> bool {
    if a.is_nan() || b.is_nan() {
        return a.is_nan() && b.is_nan();
    }
    if a == b {
        return true;
    }
    let d = (a - b).abs();
    d <= abs || d <= rel * a.abs().max(b.abs())
}

/// The index of the first disagreement of two slices under [`same`], if any.
pub fn first_difference(a: &[f64], b: &[f64]) -> Option<usize> {
    if a.len() != b.len() {
        return Some(a.len().min(b.len()));
    }
    a.iter().zip(b).position(|(x, y)| !same(*x, *y))
}

/// Maximal runs `start..end` where `finite(i)` holds.
pub fn finite_runs(len: usize, finite: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < len {
        if !finite(i) {
            i += 1;
            continue;
        }
        let s = i;
        while i < len && finite(i) {
            i += 1;
        }
        runs.push((s, i));
    }
    runs
}
