//! Shared helpers for integration tests.
#![allow(dead_code)]

pub mod plain_performance;

use std::path::PathBuf;

/// Uniform draws in `[0, 1)` from a xorshift64 generator started at `state` (which must not
/// be 0): the deterministic source of the tests' synthetic walks.
pub fn uniform_stream(mut state: u64) -> impl FnMut() -> f64 {
    debug_assert_ne!(state, 0, "xorshift64 stays at 0 from 0");
    move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The shared data folder named by `CHARTIST_DATA_DIR`, or `None` (after printing a notice)
/// when it is unset or missing.
pub fn data_dir(test: &str) -> Option<PathBuf> {
    match std::env::var_os("CHARTIST_DATA_DIR") {
        Some(d) if PathBuf::from(&d).is_dir() => Some(PathBuf::from(d)),
        _ => {
            eprintln!("skipping {test}: CHARTIST_DATA_DIR not set (point it at shared/data)");
            None
        }
    }
}

/// The `.csv` files of a data folder (e.g. `market/sectors-1y`), sorted by name.
pub fn csv_files(folder: &std::path::Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("data folder {}: {e}", folder.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    paths.sort();
    paths
}

/// A date from year, month, day (test input is always valid).
pub fn d(y: i32, m: u32, day: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

/// `n` bars of ranges and trends in turn (60% ranges), from `rng`: each regime lasts
/// `min_bars` plus up to `spread` bars, a range is 3% plus up to `extra_width` (a fraction) wide
/// somewhere between 80 and 120, a trend drifts up to 0.2% a bar either way.
pub fn ranges_and_trends(
    rng: &mut chartist::sample::SampleRng,
    seed: u64,
    n: usize,
    (min_bars, spread): (u64, u64),
    extra_width: f64,
) -> chartist::series::PriceSeries {
    use chartist::sample::{end_date, generate, Regime};
    let mut regimes = Vec::new();
    let mut left = n;
    while left > 0 {
        let bars = ((min_bars + rng.next_u64() % spread) as usize).min(left);
        left -= bars;
        if rng.uniform() < 0.6 {
            let low = 80.0 + 40.0 * rng.uniform();
            let high = low * (1.03 + extra_width * rng.uniform());
            regimes.push(Regime::Range {
                low,
                high,
                vol: 0.01,
                bars,
            });
        } else {
            let drift = 0.004 * (rng.uniform() - 0.5);
            regimes.push(Regime::Trend {
                drift,
                vol: 0.015,
                bars,
            });
        }
    }
    generate("R", seed, 100.0, end_date(), &regimes)
}
