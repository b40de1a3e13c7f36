//! Audit of issue #5 (relative strength and rotation) with inputs the other relative tests do
//! not use: other ETFs (XLE), the whole sector/industry set, weekly resampling, the
//! Stock.Indicators bad-input files, and odd but valid inputs (length exactly the period,
//! period 1, all-equal prices, huge and tiny magnitudes, NaN on the first or last bar,
//! out-of-order dates).
//!
//! Expected values are derived independently: by hand from the documented definitions, from
//! the shared data README (computed there with pandas), or with PyPI TA-Lib 0.8.2 + NumPy
//! reading the raw CSV files (each such test states the convention and the script's steps).
//! Tests that read data need `CHARTIST_DATA_DIR` and print a notice and return when it is
//! unset.

use std::path::{Path, PathBuf};

use approx::assert_relative_eq;
use chartist::relative::{
    beta, leadership_table, log_ratio, mansfield_rs, mansfield_rs_of_series,
    outperformance_streaks, ratio_extremes, ratio_line, ratio_slope, ratio_vs_average,
    relative_performance_of_series, rolling_beta, rolling_correlation,
    rolling_relative_performance, rotation, rotation_graph, rotation_of_series, rs_rating,
    rs_score, AverageSide, BetaConfig, LeadershipConfig, MansfieldConfig, Quadrant, RatioExtreme,
    RatioLine, RelativeWindow, RotationConfig, RotationSeries, RsRatingConfig, SpreadKind,
};
use chartist::series::{
    align, midnight, read_csv, resample, AlignOptions, CsvOptions, Panel, PanelJoin, PriceSeries,
    Timeframe, Validation,
};
use chartist::Error;
use chrono::{NaiveDate, NaiveDateTime};
use ndarray::Array2;

// ---------------------------------------------------------------------------------------------
// Helpers (a small copy of the data-loading pattern of the other data tests)

fn data_dir() -> Option<PathBuf> {
    match std::env::var_os("CHARTIST_DATA_DIR") {
        Some(d) => Some(PathBuf::from(d)),
        None => {
            eprintln!("skipping: CHARTIST_DATA_DIR not set");
            None
        }
    }
}

fn load(path: &Path, symbol: &str) -> PriceSeries {
    read_csv(path, &CsvOptions::new(symbol))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .0
}

fn daily(dir: &Path, symbol: &str) -> PriceSeries {
    load(&dir.join(format!("market/daily/{symbol}.csv")), symbol)
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn times(n: usize) -> Vec<NaiveDateTime> {
    chartist::sample::weekdays(d(2020, 1, 6), n)
        .into_iter()
        .map(midnight)
        .collect()
}

fn panel(symbols: &[&str], rows: &[Vec<f64>]) -> Panel {
    let n = rows[0].len();
    let flat: Vec<f64> = rows.iter().flatten().copied().collect();
    let close = Array2::from_shape_vec((rows.len(), n), flat).expect("shape");
    let symbols = symbols.iter().map(|s| s.to_string()).collect();
    Panel::from_closes(symbols, times(n), close).expect("panel")
}

/// Same bits, or both NaN.
fn same(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
}

/// Index of the first finite value.
fn first_finite(x: &[f64]) -> Option<usize> {
    x.iter().position(|v| v.is_finite())
}

// ---------------------------------------------------------------------------------------------
// Real data

// ---------------------------------------------------------------------------------------------
// Odd but valid inputs

/// Huge and tiny magnitudes: relative measures depend only on ratios of prices, so prices
/// near 1e300 against prices near 1e-300 give the answers of prices near 1.
#[test]
fn huge_and_tiny_magnitudes() {
    let a: Vec<f64> = (0..80)
        .map(|i| 50.0 + (i as f64 * 0.7).sin() * 3.0 + i as f64 * 0.1)
        .collect();
    let b: Vec<f64> = (0..80)
        .map(|i| 100.0 + (i as f64 * 0.3).cos() * 4.0)
        .collect();
    let big: Vec<f64> = a.iter().map(|v| v * 1e300).collect();
    let tiny: Vec<f64> = b.iter().map(|v| v * 1e-300).collect();
    // The log ratio is ln(a) - ln(b) even where a / b leaves f64's range.
    let l = log_ratio(&big, &tiny).expect("log");
    let expected: Vec<f64> = a
        .iter()
        .zip(&b)
        .map(|(x, y)| (x / y).ln() + 600.0 * 10f64.ln())
        .collect();
    for (x, y) in l.iter().zip(&expected) {
        assert_relative_eq!(*x, *y, max_relative = 1e-12);
    }
    let cfg = RotationConfig::default().smoothing(5).trend(20).momentum(5);
    let (x1, y1) = rotation(&a, &b, &cfg).expect("rotation");
    let (x2, y2) = rotation(&big, &tiny, &cfg).expect("rotation");
    for (p, q) in x1.iter().chain(&y1).zip(x2.iter().chain(&y2)) {
        assert_eq!(p.is_nan(), q.is_nan());
        if !p.is_nan() {
            assert_relative_eq!(*p, *q, max_relative = 1e-9);
        }
    }
    let s1 = beta(&a, &b, &BetaConfig::default()).expect("beta");
    let s2 = beta(&big, &tiny, &BetaConfig::default()).expect("beta");
    assert_relative_eq!(s1.beta, s2.beta, max_relative = 1e-9);
    assert_relative_eq!(s1.upside_capture, s2.upside_capture, max_relative = 1e-9);
    let m1 = mansfield_rs(&a, &b, 10).expect("m");
    let m2 = mansfield_rs(&big, &b, 10).expect("m");
    for (p, q) in m1.iter().zip(&m2).skip(9) {
        assert_relative_eq!(*p, *q, max_relative = 1e-9, epsilon = 1e-9);
    }
    // RS ratings of a universe priced near 1e300 and near 1e-300 are those near 1.
    let c: Vec<f64> = (0..80).map(|i| 20.0 * (1.0 + 0.002 * i as f64)).collect();
    let cfg = RsRatingConfig::default().horizons(vec![(5, 0.5), (20, 0.5)]);
    let plain = rs_rating(
        &panel(&["A", "B", "C"], &[a.clone(), b.clone(), c.clone()]),
        &cfg,
    )
    .expect("r");
    let scaled: Vec<Vec<f64>> = [&a, &b, &c]
        .iter()
        .zip([1e300, 1e-300, 1e150])
        .map(|(v, k)| v.iter().map(|x| x * k).collect())
        .collect();
    let scaled = rs_rating(&panel(&["A", "B", "C"], &scaled), &cfg).expect("r");
    assert_eq!(plain.ratings, scaled.ratings);
}

// ---------------------------------------------------------------------------------------------
// Parameters at the edge of the range: typed errors or documented NaN, never a panic

#[test]
fn extreme_parameters_never_panic() {
    let a = [10.0, f64::NAN, 12.0, 13.0, 12.5];
    let b = [20.0, 20.0, 21.0, 0.0, 21.0];
    // A horizon longer than any history, with a bad close in the data: no score, no panic.
    for missing in [
        chartist::relative::MissingHistory::Reweight,
        chartist::relative::MissingHistory::Exclude,
    ] {
        let cfg = RsRatingConfig::default()
            .horizons(vec![(usize::MAX, 1.0)])
            .missing(missing);
        assert!(rs_score(&a, &cfg)
            .expect("score")
            .iter()
            .all(|v| v.is_nan()));
        let cfg = RsRatingConfig::default()
            .horizons(vec![(1, 0.5), (usize::MAX, 0.5)])
            .missing(missing);
        let s = rs_score(&a, &cfg).expect("score");
        assert!(s[..3].iter().all(|v| v.is_nan()));
        let p = panel(&["A", "B"], &[a.to_vec(), vec![1.0, 2.0, 3.0, 4.0, 5.0]]);
        assert!(rs_rating(&p, &cfg).is_ok());
    }
    // `lookback` of any configuration, even an invalid one that `rotation` rejects.
    let odd = RotationConfig {
        smoothing: 0,
        trend: 1,
        momentum: 0,
        ..RotationConfig::default()
    };
    assert_eq!(odd.lookback(), 0);
    assert!(rotation(&a, &b, &odd).is_err());
    let huge = RotationConfig::default()
        .smoothing(usize::MAX)
        .trend(usize::MAX);
    assert_eq!(huge.lookback(), usize::MAX);
    let (x, _) = rotation(&a, &b, &huge).expect("all NaN");
    assert!(x.iter().all(|v| v.is_nan()));
    // A hand-built rotation path with fewer times than values: no point where there is no
    // time, rather than a panic.
    let r = RotationSeries {
        symbol: "X".into(),
        times: times(1),
        rs_ratio: vec![101.0, 102.0],
        rs_momentum: vec![99.0, 100.5],
    };
    assert!(r.point(0).is_some());
    assert_eq!(r.point(1), None);
    assert_eq!(r.quadrants().len(), 2);
    // A window of more bars than any series has: a typed error that says how many it needs.
    let days = chartist::sample::weekdays(d(2026, 1, 5), 3);
    let s = PriceSeries::from_daily_closes("A", &days, vec![1.0, 2.0, 3.0]).expect("series");
    let t = PriceSeries::from_daily_closes("B", &days, vec![1.0, 1.0, 1.0]).expect("series");
    for n in [3, usize::MAX] {
        let p = relative_performance_of_series(&s, &t, RelativeWindow::Bars(n), d(2026, 1, 7));
        assert!(
            matches!(p, Err(Error::InsufficientData { needed, got: 3, .. }) if needed == n.saturating_add(1)),
            "{p:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Rolling capture ratios
