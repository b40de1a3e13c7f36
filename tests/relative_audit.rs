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
    relative_performance_of_series, rolling_beta, rolling_capture, rolling_correlation,
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

/// Inputs exactly as long as the window: one value, at the last bar, equal to the definition.
#[test]
fn length_exactly_the_period() {
    let a = [10.0, 11.0, 12.5, 12.0, 13.0];
    let b = [20.0, 20.0, 21.0, 22.0, 21.0];
    let n = a.len();
    let r: Vec<f64> = a.iter().zip(&b).map(|(x, y)| x / y).collect();
    let mean = r.iter().sum::<f64>() / n as f64;
    let m = mansfield_rs(&a, &b, n).expect("mansfield");
    assert!(m[..n - 1].iter().all(|v| v.is_nan()));
    assert_relative_eq!(
        m[n - 1],
        (r[n - 1] / mean - 1.0) * 100.0,
        max_relative = 1e-12
    );
    let s = ratio_slope(&r, n).expect("slope");
    assert_eq!(first_finite(&s), Some(n - 1));
    assert!(ratio_extremes(&r, n)
        .expect("extremes")
        .iter()
        .all(Option::is_none));
    // 13 / 21 is above the four ratios before it.
    assert_eq!(
        ratio_extremes(&r, n - 1).expect("extremes")[n - 1],
        Some(RatioExtreme::NewHigh)
    );
    // rolling_beta(n) needs n returns, i.e. n + 1 prices.
    let rb = rolling_beta(&a, &b, n - 1, &BetaConfig::default()).expect("beta");
    assert_eq!(first_finite(&rb.beta), Some(n - 1));
    let whole = beta(&a, &b, &BetaConfig::default()).expect("beta");
    assert_relative_eq!(rb.beta[n - 1], whole.beta, max_relative = 1e-12);
    // Rotation with exactly lookback + 1 bars: one RS-momentum value, at the end.
    let cfg = RotationConfig::default().smoothing(2).trend(2).momentum(1);
    let (x, y) =
        rotation(&a[..cfg.lookback() + 1], &b[..cfg.lookback() + 1], &cfg).expect("rotation");
    assert_eq!(first_finite(&y), Some(cfg.lookback()));
    assert_eq!(first_finite(&x), Some(cfg.lookback() - 1));
}

/// Period 1 everywhere: the average of one value is the value.
#[test]
fn period_one() {
    let a = [10.0, 11.0, 10.5, 12.0];
    let b = [5.0, 5.0, 5.5, 5.0];
    assert_eq!(mansfield_rs(&a, &b, 1).expect("m"), vec![0.0; 4]);
    let r = ratio_line(&a, &b).expect("ratio"); // 2, 2.2, 1.909, 2.4
    assert_eq!(
        ratio_vs_average(&r, 1).expect("side"),
        vec![Some(AverageSide::On); 4]
    );
    use RatioExtreme::*;
    let e = ratio_extremes(&r, 1).expect("extremes");
    assert_eq!(e, vec![None, Some(NewHigh), Some(NewLow), Some(NewHigh)]);
    // EMA(1) of the log ratio is itself and so is its SMA(1): RS-ratio and RS-momentum sit on
    // the centre of the graph (up to rounding).
    let cfg = RotationConfig::default().smoothing(1).trend(1).momentum(1);
    let (x, y) = rotation(&a, &b, &cfg).expect("rotation");
    assert!(x.iter().all(|v| (v - 100.0).abs() < 1e-12), "{x:?}");
    assert!(
        y[0].is_nan() && y[1..].iter().all(|v| (v - 100.0).abs() < 1e-12),
        "{y:?}"
    );
    let p = rolling_relative_performance(&a, &b, 1, SpreadKind::Arithmetic).expect("perf");
    assert_relative_eq!(p[1], 0.1);
    let score = rs_score(&a, &RsRatingConfig::default().horizons(vec![(1, 1.0)])).expect("score");
    assert!(score[0].is_nan());
    assert_relative_eq!(score[3], 12.0 / 10.5 - 1.0, max_relative = 1e-14);
}

/// All-equal prices: no variance, no outperformance, everyone tied.
#[test]
fn all_equal_prices() {
    let n = 120;
    let a = vec![37.5; n];
    let b = vec![412.25; n];
    let s = beta(&a, &b, &BetaConfig::default()).expect("beta");
    assert_eq!(s.observations, n - 1);
    assert!(s.beta.is_nan() && s.correlation.is_nan());
    assert!(s.up_beta.is_nan() && s.down_beta.is_nan());
    assert!(s.upside_capture.is_nan() && s.downside_capture.is_nan()); // no up or down bars
    let st = outperformance_streaks(&a, &b, 5).expect("streaks");
    assert_eq!((st.count, st.longest, st.current), (0, 0, 0));
    assert!(st.mean_length.is_nan() && st.median_length.is_nan());
    assert_eq!(st.persistence(1, 1), None);
    let r = ratio_line(&a, &b).expect("ratio");
    let e = ratio_extremes(&r, 10).expect("extremes");
    assert!(e[10..].iter().all(|v| *v == Some(RatioExtreme::Neither)));
    // A constant ratio sits on its average and on the rotation graph's centre.
    let sides = ratio_vs_average(&r, 10).expect("sides");
    assert!(
        sides[9..].iter().all(|v| *v == Some(AverageSide::On)),
        "{sides:?}"
    );
    let m = mansfield_rs(&a, &b, 10).expect("m");
    assert!(m[9..].iter().all(|v| v.abs() < 1e-12));
    let (x, y) = rotation(
        &a,
        &b,
        &RotationConfig::default().smoothing(5).trend(20).momentum(5),
    )
    .expect("rot");
    assert!(x
        .iter()
        .chain(&y)
        .filter(|v| !v.is_nan())
        .all(|v| (v - 100.0).abs() < 1e-9));
    // Three equal members tie on every rated date: all 50.
    let p = panel(&["A", "B", "C"], &[a.clone(), a.clone(), a.clone()]);
    let cfg = RsRatingConfig::default().horizons(vec![(5, 1.0)]);
    let ratings = rs_rating(&p, &cfg).expect("ratings");
    for r in 0..3 {
        assert!(ratings.ratings_of(r)[..5].iter().all(|&v| v == 0)); // no 5-bar history yet
        assert!(ratings.ratings_of(r)[5..].iter().all(|&v| v == 50));
    }
    let capture = rolling_capture(&a, &b, 10).expect("capture");
    assert!(capture
        .upside
        .iter()
        .chain(&capture.downside)
        .all(|v| v.is_nan()));
}

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
    assert!(matches!(
        rolling_capture(&a, &b, 0),
        Err(Error::InvalidParameter { .. })
    ));
    let c = rolling_capture(&a, &b, usize::MAX).expect("all NaN");
    assert!(c.upside.iter().chain(&c.downside).all(|v| v.is_nan()));
}

// ---------------------------------------------------------------------------------------------
// Rolling capture ratios

/// Upside and downside capture over a rolling window, by hand: the benchmark alternates
/// +10% / -10%, the asset +15% / -5%.
#[test]
fn rolling_capture_by_hand() {
    let bench = [100.0, 110.0, 99.0, 108.9, 98.01, 107.811];
    let asset = [100.0, 115.0, 109.25, 125.6375, 119.355_625, 137.258_968_75];
    let c = rolling_capture(&asset, &bench, 2).expect("capture");
    assert!(c.upside[..2]
        .iter()
        .chain(&c.downside[..2])
        .all(|v| v.is_nan()));
    for i in 2..6 {
        assert_relative_eq!(c.upside[i], 150.0, max_relative = 1e-9);
        assert_relative_eq!(c.downside[i], 50.0, max_relative = 1e-9);
    }
    // One return per window: a window holding only an up bar has no downside capture.
    let c = rolling_capture(&asset, &bench, 1).expect("capture");
    assert!(c.downside[1].is_nan() && c.upside[2].is_nan());
    assert_relative_eq!(c.upside[1], 150.0, max_relative = 1e-9);
    assert_relative_eq!(c.downside[2], 50.0, max_relative = 1e-9);
    // Over the whole history it is the whole-period figure.
    let whole = beta(&asset, &bench, &BetaConfig::default()).expect("beta");
    let c = rolling_capture(&asset, &bench, asset.len() - 1).expect("capture");
    assert_eq!(c.upside[5], whole.upside_capture);
    assert_eq!(c.downside[5], whole.downside_capture);
    // A bad price in the window gives NaN until it leaves the window.
    let mut gap = asset;
    gap[2] = 0.0;
    let c = rolling_capture(&gap, &bench, 2).expect("capture");
    assert!(c.upside[2..5].iter().all(|v| v.is_nan()));
    assert!(c.upside[5].is_finite());
    assert!(matches!(
        rolling_capture(&gap, &bench[..5], 2),
        Err(Error::LengthMismatch { .. })
    ));
}
