//! Invariants of the relative module: scale invariance, causality, clockwise rotation, and
//! bad input that errors or yields NaN but never panics.

use approx::assert_relative_eq;
use chartist::relative::{
    beta, leadership_table, mansfield_rs, outperformance_streaks, ratio_extremes, ratio_slope,
    rolling_beta, rotation, rotation_graph, rs_rating, BetaConfig, LeadershipConfig, Quadrant,
    RatioLine, RotationConfig, RsRatingConfig,
};
use chartist::series::{midnight, Panel, PriceSeries};
use chartist::Error;
use chrono::{NaiveDate, NaiveDateTime};
use ndarray::Array2;
use proptest::prelude::*;

fn prices(start: f64, steps: &[f64]) -> Vec<f64> {
    let mut p = start;
    steps
        .iter()
        .map(|r| {
            p *= r.exp();
            p
        })
        .collect()
}

fn times(n: usize) -> Vec<NaiveDateTime> {
    let start = NaiveDate::from_ymd_opt(2015, 1, 5).expect("date");
    chartist::sample::weekdays(start, n)
        .into_iter()
        .map(midnight)
        .collect()
}

fn panel(rows: &[Vec<f64>]) -> Panel {
    let n = rows[0].len();
    let flat: Vec<f64> = rows.iter().flatten().copied().collect();
    let close = Array2::from_shape_vec((rows.len(), n), flat).expect("shape");
    let symbols = (0..rows.len()).map(|i| format!("S{i}")).collect();
    Panel::from_closes(symbols, times(n), close).expect("panel")
}

/// Two equal-length vectors approximately equal, NaN where the other is NaN.
fn assert_close(a: &[f64], b: &[f64], tol: f64) {
    assert_eq!(a.len(), b.len());
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        assert_eq!(x.is_nan(), y.is_nan(), "NaN mismatch at {i}: {x} vs {y}");
        if !x.is_nan() {
            assert_relative_eq!(*x, *y, max_relative = tol);
        }
    }
}

/// Bitwise-equal prefix (NaN equals NaN).
fn assert_prefix(short: &[f64], long: &[f64]) {
    for (i, (x, y)) in short.iter().zip(long).enumerate() {
        assert!(
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()),
            "index {i}: {x} vs {y}"
        );
    }
}

fn small_config() -> RotationConfig {
    RotationConfig::default().smoothing(5).trend(20).momentum(5)
}

fn steps(len: std::ops::Range<usize>) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-0.04f64..0.04, len)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Scaling A or B by a constant leaves RS-ratio, RS-momentum, quadrants, betas and RS
    /// ratings unchanged (up to rounding).
    #[test]
    fn scale_invariance(sa in steps(80..160), ka in 0.01f64..100.0, kb in 0.01f64..100.0, seed in 0u64..1000) {
        let n = sa.len();
        let a = prices(50.0, &sa);
        let b = chartist::sample::random_walk("B", seed, n, 100.0, 0.0, 0.01).close().to_vec();
        let a2: Vec<f64> = a.iter().map(|v| v * ka).collect();
        let b2: Vec<f64> = b.iter().map(|v| v * kb).collect();
        let cfg = small_config();
        let (x1, y1) = rotation(&a, &b, &cfg).expect("rotation");
        let (x2, y2) = rotation(&a2, &b2, &cfg).expect("rotation");
        assert_close(&x1, &x2, 1e-9);
        assert_close(&y1, &y2, 1e-9);
        for i in 0..n {
            let clear = (x1[i] - 100.0).abs() > 1e-6 && (y1[i] - 100.0).abs() > 1e-6;
            if clear {
                prop_assert_eq!(Quadrant::of(x1[i], y1[i]), Quadrant::of(x2[i], y2[i]));
            }
        }
        let c = BetaConfig::default();
        let s1 = beta(&a, &b, &c).expect("beta");
        let s2 = beta(&a2, &b2, &c).expect("beta");
        assert_relative_eq!(s1.beta, s2.beta, max_relative = 1e-9);
        assert_relative_eq!(s1.correlation, s2.correlation, max_relative = 1e-9);
        let r1 = rolling_beta(&a, &b, 20, &c).expect("rolling");
        let r2 = rolling_beta(&a2, &b2, 20, &c).expect("rolling");
        assert_close(&r1.beta, &r2.beta, 1e-7);

        let c2 = chartist::sample::random_walk("C", seed + 1, n, 30.0, 0.0005, 0.02).close().to_vec();
        let rating_cfg = RsRatingConfig::default().horizons(vec![(10, 0.4), (20, 0.2), (30, 0.2), (40, 0.2)]);
        let p1 = rs_rating(&panel(&[a.clone(), b.clone(), c2.clone()]), &rating_cfg).expect("rating");
        let p2 = rs_rating(&panel(&[a2.clone(), b2.clone(), c2]), &rating_cfg).expect("rating");
        prop_assert_eq!(&p1.ratings, &p2.ratings);
    }

    /// Appending bars never changes earlier outputs.
    #[test]
    fn causality(sa in steps(120..200), cut in 40usize..119, seed in 0u64..1000) {
        let n = sa.len();
        let a = prices(50.0, &sa);
        let b = chartist::sample::random_walk("B", seed, n, 100.0, 0.0, 0.01).close().to_vec();
        let (ap, bp) = (&a[..cut], &b[..cut]);
        let cfg = small_config();
        let (xf, yf) = rotation(&a, &b, &cfg).expect("rotation");
        let (xp, yp) = rotation(ap, bp, &cfg).expect("rotation");
        assert_prefix(&xp, &xf);
        assert_prefix(&yp, &yf);
        let c = BetaConfig::default();
        assert_prefix(&rolling_beta(ap, bp, 15, &c).expect("b").beta, &rolling_beta(&a, &b, 15, &c).expect("b").beta);
        assert_prefix(&mansfield_rs(ap, bp, 10).expect("m"), &mansfield_rs(&a, &b, 10).expect("m"));
        assert_prefix(&ratio_slope(ap, 10).expect("s"), &ratio_slope(&a, 10).expect("s"));
        let ef = ratio_extremes(&a, 10).expect("e");
        prop_assert_eq!(&ratio_extremes(ap, 10).expect("e")[..], &ef[..cut]);

        let c2 = chartist::sample::random_walk("C", seed + 7, n, 30.0, 0.0, 0.02).close().to_vec();
        let rating_cfg = RsRatingConfig::default().horizons(vec![(5, 0.4), (10, 0.2), (20, 0.2), (30, 0.2)]);
        let full = rs_rating(&panel(&[a.clone(), b.clone(), c2.clone()]), &rating_cfg).expect("rating");
        let part = rs_rating(&panel(&[ap.to_vec(), bp.to_vec(), c2[..cut].to_vec()]), &rating_cfg).expect("rating");
        for r in 0..3 {
            prop_assert_eq!(part.ratings_of(r), &full.ratings_of(r)[..cut]);
        }
        let g_full = rotation_graph(&panel(&[a.clone(), b.clone()]), "S1", &cfg).expect("graph");
        let g_part = rotation_graph(&panel(&[ap.to_vec(), bp.to_vec()]), "S1", &cfg).expect("graph");
        assert_prefix(&g_part.members[0].rs_ratio, &g_full.members[0].rs_ratio);
    }

    /// No panic on arbitrary input, including NaN, zero, negative and infinite prices.
    #[test]
    fn never_panics(
        a in prop::collection::vec(prop_oneof![Just(f64::NAN), Just(0.0), Just(-1.0), Just(f64::INFINITY), 0.1f64..1000.0], 0..60),
        n in 0usize..70,
    ) {
        let b: Vec<f64> = a.iter().rev().copied().collect();
        let _ = rotation(&a, &b, &RotationConfig::default().smoothing(n).trend(n));
        let _ = rolling_beta(&a, &b, n, &BetaConfig::default());
        let _ = beta(&a, &b, &BetaConfig::default());
        let _ = mansfield_rs(&a, &b, n);
        let _ = ratio_extremes(&a, n);
        let _ = ratio_slope(&a, n);
        let _ = outperformance_streaks(&a, &b, n);
        let _ = chartist::relative::rebased_ratio(&a, &b, n);
        let _ = chartist::relative::rolling_correlation(&a, &b, n);
        let _ = chartist::relative::rs_score(&a, &RsRatingConfig::default().horizons(vec![(n, 1.0)]));
    }
}

/// A synthetic relative cycle: A / B = exp(0.1 sin(2 pi t / 120)). After warm-up the quadrant
/// sequence, with repeats collapsed, runs clockwise Improving -> Leading -> Weakening ->
/// Lagging -> Improving ...
#[test]
fn sinusoidal_cycle_rotates_clockwise() {
    let n = 1_000;
    let b: Vec<f64> = (0..n).map(|t| 100.0 * (0.0003 * t as f64).exp()).collect();
    let a: Vec<f64> = b
        .iter()
        .enumerate()
        .map(|(t, v)| v * (0.1 * (2.0 * std::f64::consts::PI * t as f64 / 120.0).sin()).exp())
        .collect();
    for cfg in [RotationConfig::default(), RotationConfig::weekly()] {
        let (x, y) = rotation(&a, &b, &cfg).expect("rotation");
        let mut seq: Vec<Quadrant> = Vec::new();
        for q in x.iter().zip(&y).filter_map(|(&x, &y)| Quadrant::of(x, y)) {
            if seq.last() != Some(&q) {
                seq.push(q);
            }
        }
        assert!(seq.len() >= 20, "expected several full turns, got {seq:?}");
        let next = |q: Quadrant| match q {
            Quadrant::Improving => Quadrant::Leading,
            Quadrant::Leading => Quadrant::Weakening,
            Quadrant::Weakening => Quadrant::Lagging,
            Quadrant::Lagging => Quadrant::Improving,
        };
        for w in seq.windows(2) {
            assert_eq!(w[1], next(w[0]), "not clockwise: {seq:?}");
        }
        // Headings while in Leading point down-right-ish (clockwise motion): momentum falls
        // somewhere in each Leading spell.
        let rs = chartist::relative::RotationSeries {
            symbol: "A".into(),
            times: times(n),
            rs_ratio: x,
            rs_momentum: y,
        };
        let turning = (cfg.lookback() + 1..n)
            .filter_map(|i| rs.point(i))
            .filter(|p| p.quadrant == Quadrant::Weakening)
            .all(|p| p.heading_degrees > 90.0 && p.heading_degrees < 360.0);
        assert!(turning, "weakening points should move leftwards or down");
    }
}

fn series(symbol: &str, dates: &[NaiveDate], close: Vec<f64>) -> PriceSeries {
    PriceSeries::from_daily_closes(symbol, dates, close).expect("series")
}

#[test]
fn no_common_dates_is_a_typed_error() {
    let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).expect("date");
    let a = series("A", &[d(2), d(5)], vec![1.0, 2.0]);
    let b = series("B", &[d(6), d(7)], vec![1.0, 2.0]);
    assert!(matches!(
        RatioLine::new(&a, &b),
        Err(Error::NoCommonDates { .. })
    ));
    assert!(matches!(
        chartist::relative::beta_of_series(&a, &b, &BetaConfig::default()),
        Err(Error::NoCommonDates { .. })
    ));
    assert!(matches!(
        chartist::relative::rotation_of_series(&a, &b, &RotationConfig::default()),
        Err(Error::NoCommonDates { .. })
    ));
}

#[test]
fn fewer_dates_than_a_window_gives_nan_or_insufficient_data() {
    let a = [10.0, 11.0, 12.0];
    let b = [5.0, 5.0, 5.0];
    let (x, y) = rotation(&a, &b, &RotationConfig::default()).expect("ok");
    assert!(x.iter().chain(&y).all(|v| v.is_nan()));
    assert!(mansfield_rs(&a, &b, 52)
        .expect("ok")
        .iter()
        .all(|v| v.is_nan()));
    assert!(rolling_beta(&a, &b, 20, &BetaConfig::default())
        .expect("ok")
        .beta
        .iter()
        .all(|v| v.is_nan()));
    assert!(matches!(
        beta(&a[..1], &b[..1], &BetaConfig::default()),
        Err(Error::InsufficientData { .. })
    ));
    let d = |day| NaiveDate::from_ymd_opt(2026, 1, day).expect("date");
    let s = series("A", &[d(5), d(6)], vec![1.0, 2.0]);
    let t = series("B", &[d(5), d(6)], vec![1.0, 1.0]);
    assert!(matches!(
        chartist::relative::relative_performance_of_series(
            &s,
            &t,
            chartist::relative::RelativeWindow::Bars(5),
            d(6)
        ),
        Err(Error::InsufficientData { .. })
    ));
}

#[test]
fn zero_and_negative_prices_give_nan() {
    let r =
        chartist::relative::ratio_line(&[1.0, 0.0, -2.0, 4.0], &[1.0, 1.0, 1.0, 0.0]).expect("ok");
    assert_eq!(r[0], 1.0);
    assert!(r[1..].iter().all(|v| v.is_nan()));
    let s = beta(
        &[1.0, 2.0, 0.0, 3.0, 4.0, 5.0],
        &[1.0, 1.1, 1.2, 1.3, 1.2, 1.4],
        &BetaConfig::default(),
    )
    .expect("ok");
    assert_eq!(s.observations, 3); // the returns touching the zero price are skipped
}

#[test]
fn one_symbol_universe_is_a_typed_error() {
    let p = panel(&[vec![1.0, 2.0, 3.0]]);
    assert!(matches!(
        rs_rating(&p, &RsRatingConfig::default()),
        Err(Error::InsufficientData { .. })
    ));
    assert!(matches!(
        rotation_graph(&p, "S0", &RotationConfig::default()),
        Err(Error::InsufficientData { .. })
    ));
    assert!(matches!(
        leadership_table(
            &p,
            "S0",
            NaiveDate::from_ymd_opt(2030, 1, 1).expect("date"),
            &LeadershipConfig::default()
        ),
        Err(Error::InsufficientData { .. })
    ));
    assert!(matches!(
        rotation_graph(&p, "NOPE", &RotationConfig::default()),
        Err(Error::InvalidParameter { .. })
    ));
}

/// Streak statistics on a hand-made ratio path.
#[test]
fn streak_statistics() {
    // window 1: ratio up on bars 1-3 (3), down 4, up 5 (1), down 6, up 7-8 (2, ongoing).
    let a = [1.0, 2.0, 3.0, 4.0, 3.0, 4.0, 3.0, 4.0, 5.0];
    let s = outperformance_streaks(&a, &[1.0; 9], 1).expect("ok");
    assert_eq!(s.count, 2);
    assert_eq!(s.current, 2);
    assert_eq!(s.longest, 3);
    assert_eq!(s.mean_length, 2.0);
    assert_eq!(s.median_length, 2.0);
    // k = 1, j = 1: completed 3 (yes) and 1 (no), ongoing 2 (reached 2: yes) => 2/3.
    assert_eq!(s.persistence(1, 1), Some(2.0 / 3.0));
    // k = 2, j = 2: completed 3 reached 2 but not 4; ongoing 2 unknown => 0/1.
    assert_eq!(s.persistence(2, 2), Some(0.0));
    assert_eq!(s.persistence(5, 1), None);
}
