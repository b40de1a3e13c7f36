//! Behaviour of the signals: zones, crossovers, swing points and divergences — on hand-made
//! series whose answers are known, on real indicator output, and as properties (causality,
//! streaming == batch).

use chartist::indicators::williams_r;
use chartist::signals::{
    crossovers, divergences, level_crossovers, swing_points, zone, CrossDetector, Crossover,
    Direction, DivergenceConfig, DivergenceDetector, DivergenceKind, SwingDetector, SwingKind,
    Zone, ZoneState, ZoneThresholds, ZoneTracker,
};
use chartist::Error;
use proptest::prelude::*;

#[test]
fn zone_counts_bars_and_restarts_after_gaps() {
    let rsi = [
        f64::NAN,
        50.0,
        70.0,
        75.0,
        80.0,
        69.9,
        30.0,
        20.0,
        f64::NAN,
        25.0,
    ];
    let z = zone(&rsi, ZoneThresholds::new(70.0, 30.0).unwrap()).unwrap();
    let st = |zone, bars| Some(ZoneState { zone, bars });
    assert_eq!(
        z,
        vec![
            None,
            st(Zone::Neutral, 1),
            st(Zone::Overbought, 1), // exactly 70 is overbought
            st(Zone::Overbought, 2),
            st(Zone::Overbought, 3),
            st(Zone::Neutral, 1),
            st(Zone::Oversold, 1),
            st(Zone::Oversold, 2),
            None,
            st(Zone::Oversold, 1),
        ]
    );
}

#[test]
fn zone_thresholds_are_validated() {
    let bad = |r: Result<ZoneThresholds, Error>| matches!(r, Err(Error::InvalidParameter { .. }));
    assert!(bad(ZoneThresholds::new(30.0, 70.0)));
    assert!(bad(ZoneThresholds::new(50.0, 50.0)));
    assert!(bad(ZoneThresholds::new(f64::NAN, 30.0)));
    assert!(bad(ZoneThresholds::new(70.0, f64::NEG_INFINITY)));
    assert_eq!(
        ZoneThresholds::rsi(),
        ZoneThresholds::new(70.0, 30.0).unwrap()
    );
    let e = ZoneThresholds::new(30.0, 70.0).unwrap_err();
    assert_eq!(
        e.to_string(),
        "overbought must be above oversold (70), got 30"
    );
}

#[test]
fn zone_on_williams_r_uses_its_own_scale() {
    let h = [10.0, 11.0, 12.0, 13.0, 14.0, 14.0, 14.0];
    let l = [9.0, 10.0, 11.0, 12.0, 13.0, 10.0, 10.0];
    let c = [9.5, 11.0, 12.0, 13.0, 14.0, 10.5, 10.1];
    let w = williams_r(&h, &l, &c, 3).unwrap();
    let z = zone(&w, ZoneThresholds::williams_r()).unwrap();
    assert_eq!(z[4].map(|s| (s.zone, s.bars)), Some((Zone::Overbought, 3)));
    assert_eq!(z[6].map(|s| (s.zone, s.bars)), Some((Zone::Oversold, 2)));
}

#[test]
fn crossovers_line_and_level() {
    let a = [1.0, 2.0, 2.0, 3.0, 2.0, 1.0, f64::NAN, 3.0, 1.0];
    let b = [2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0, 2.0];
    let up = |index| Crossover {
        index,
        direction: Direction::Up,
    };
    let down = |index| Crossover {
        index,
        direction: Direction::Down,
    };
    // Touching (bars 1, 2, 4) is not a crossing; the crossing is dated where `a` is strictly on
    // its new side. No crossing across the gap at bar 6.
    assert_eq!(crossovers(&a, &b).unwrap(), vec![up(3), down(5), down(8)]);
    assert_eq!(
        level_crossovers(&a, 2.0).unwrap(),
        vec![up(3), down(5), down(8)]
    );
    // Touch and turn back: no crossing.
    assert!(crossovers(&[1.0, 2.0, 1.0], &[2.0, 2.0, 2.0])
        .unwrap()
        .is_empty());
    assert!(matches!(
        crossovers(&a, &b[..3]),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        level_crossovers(&a, f64::NAN),
        Err(Error::InvalidParameter { .. })
    ));
}

#[test]
fn swing_points_are_dated_at_pivot_and_confirmation() {
    let x = [5.0, 4.0, 3.0, 4.0, 6.0, 7.0, 6.0, 6.0, 5.0, 5.0, 8.0];
    let s = swing_points(&x, 2).unwrap();
    let got: Vec<_> = s
        .iter()
        .map(|p| (p.kind, p.pivot, p.confirmed, p.value))
        .collect();
    assert_eq!(
        got,
        vec![
            (SwingKind::Low, 2, 4, 3.0),
            (SwingKind::High, 5, 7, 7.0),
            // the first of the two 5s: below both 6s before, not above anything after
            (SwingKind::Low, 8, 10, 5.0),
        ]
    );
    // A plateau's first bar is the pivot; later equal bars are not.
    let p = swing_points(&[1.0, 3.0, 3.0, 1.0, 0.0], 1).unwrap();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].pivot, 1);
    // A NaN inside the window hides the pivot.
    let q = swing_points(&[1.0, 3.0, f64::NAN, 1.0], 1).unwrap();
    assert!(q.is_empty());
    assert!(matches!(
        swing_points(&x, 0),
        Err(Error::InvalidParameter { .. })
    ));
}

/// A series with two lows and two highs whose oscillator disagrees as requested.
fn two_swings(p: [f64; 2], o: [f64; 2], lows: bool) -> (Vec<f64>, Vec<f64>) {
    let s = if lows { 1.0 } else { -1.0 };
    let base = 10.0;
    let price = vec![
        base,
        base,
        base - s * p[0],
        base,
        base,
        base,
        base - s * p[1],
        base,
        base,
    ];
    let osc = vec![50.0, 50.0, o[0], 50.0, 50.0, 50.0, o[1], 50.0, 50.0];
    (price, osc)
}

#[test]
fn the_four_divergence_kinds() {
    let cfg = DivergenceConfig::default().pivot_width(2);
    let cases = [
        // (price depth at the two pivots, oscillator at the two pivots, lows?, expected)
        (
            [1.0, 2.0],
            [20.0, 30.0],
            true,
            Some(DivergenceKind::Bullish),
        ),
        (
            [2.0, 1.0],
            [30.0, 20.0],
            true,
            Some(DivergenceKind::HiddenBullish),
        ),
        (
            [1.0, 2.0],
            [80.0, 70.0],
            false,
            Some(DivergenceKind::Bearish),
        ),
        (
            [2.0, 1.0],
            [70.0, 80.0],
            false,
            Some(DivergenceKind::HiddenBearish),
        ),
        ([1.0, 2.0], [30.0, 20.0], true, None), // both lower: no divergence
    ];
    for (p, o, lows, expected) in cases {
        let (price, osc) = two_swings(p, o, lows);
        let d = divergences(&price, &osc, cfg).unwrap();
        assert_eq!(d.first().map(|d| d.kind), expected, "{p:?} {o:?} {lows}");
        if let Some(d) = d.first() {
            assert_eq!((d.first, d.second, d.confirmed), (2, 6, 8));
            assert_eq!(d.oscillator, (o[0], o[1]));
        }
    }
    // Regular only.
    let (price, osc) = two_swings([2.0, 1.0], [30.0, 20.0], true);
    let regular = cfg.include_hidden(false);
    assert!(divergences(&price, &osc, regular).unwrap().is_empty());
    // Too far apart.
    let (price, osc) = two_swings([1.0, 2.0], [20.0, 30.0], true);
    assert!(divergences(&price, &osc, cfg.max_distance(3))
        .unwrap()
        .is_empty());
}

#[test]
fn divergence_config_is_validated() {
    let p = [1.0, 2.0];
    let bad =
        |c: DivergenceConfig| matches!(divergences(&p, &p, c), Err(Error::InvalidParameter { .. }));
    assert!(bad(DivergenceConfig::default().pivot_width(0)));
    assert!(bad(DivergenceConfig::default().min_distance(0)));
    assert!(bad(DivergenceConfig::default()
        .min_distance(10)
        .max_distance(5)));
    assert!(matches!(
        divergences(&p, &p[..1], DivergenceConfig::default()),
        Err(Error::LengthMismatch { .. })
    ));
}

fn series() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(
        prop_oneof![9 => -100.0f64..100.0, 1 => Just(f64::NAN), 1 => Just(0.0)],
        0..200,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn signals_are_causal(x in series(), y in series(), cut in 0usize..200, width in 1usize..6) {
        let len = x.len().min(y.len());
        let (x, y) = (&x[..len], &y[..len]);
        let k = cut.min(len);
        let th = ZoneThresholds::new(50.0, -50.0).unwrap();
        prop_assert_eq!(&zone(x, th).unwrap()[..k], &zone(&x[..k], th).unwrap()[..]);
        let before = |v: Vec<Crossover>| v.into_iter().filter(|c| c.index < k).collect::<Vec<_>>();
        prop_assert_eq!(before(crossovers(x, y).unwrap()), crossovers(&x[..k], &y[..k]).unwrap());
        let sw: Vec<_> = swing_points(x, width).unwrap().into_iter().filter(|s| s.confirmed < k).collect();
        prop_assert_eq!(sw, swing_points(&x[..k], width).unwrap());
        let cfg = DivergenceConfig::default().pivot_width(width);
        let dv: Vec<_> = divergences(x, y, cfg).unwrap().into_iter().filter(|d| d.confirmed < k).collect();
        prop_assert_eq!(dv, divergences(&x[..k], &y[..k], cfg).unwrap());
    }

    #[test]
    fn streaming_equals_batch(x in series(), y in series(), width in 1usize..6) {
        let len = x.len().min(y.len());
        let (x, y) = (&x[..len], &y[..len]);
        let th = ZoneThresholds::rsi();
        let mut zt = ZoneTracker::new(th);
        let zs: Vec<_> = x.iter().map(|&v| { let p = zt.peek(v); let u = zt.update(v); assert_eq!(p, u); u }).collect();
        prop_assert_eq!(zs, zone(x, th).unwrap());
        let mut cd = CrossDetector::new();
        let cs: Vec<_> = x.iter().zip(y).enumerate().filter_map(|(i, (&a, &b))| {
            let p = cd.peek(a, b);
            let u = cd.update(a, b);
            assert_eq!(p, u);
            u.map(|direction| Crossover { index: i, direction })
        }).collect();
        prop_assert_eq!(cs, crossovers(x, y).unwrap());
        let mut sd = SwingDetector::new(width).unwrap();
        let ss: Vec<_> = x.iter().filter_map(|&v| sd.update(v)).collect();
        prop_assert_eq!(ss.clone(), swing_points(x, width).unwrap());
        // After a reset the detector behaves as new.
        sd.reset();
        let again: Vec<_> = x.iter().filter_map(|&v| sd.update(v)).collect();
        prop_assert_eq!(again, ss);
        let cfg = DivergenceConfig::default().pivot_width(width);
        let mut dd = DivergenceDetector::new(cfg).unwrap();
        let ds: Vec<_> = x.iter().zip(y).filter_map(|(&p, &o)| dd.update(p, o)).collect();
        prop_assert_eq!(ds.clone(), divergences(x, y, cfg).unwrap());
        dd.reset();
        let again: Vec<_> = x.iter().zip(y).filter_map(|(&p, &o)| dd.update(p, o)).collect();
        prop_assert_eq!(again, ds);
    }

    #[test]
    fn swing_points_alternate_sensibly(x in prop::collection::vec(-100.0f64..100.0, 0..200), width in 1usize..6) {
        for s in swing_points(&x, width).unwrap() {
            prop_assert_eq!(s.confirmed, s.pivot + width);
            prop_assert_eq!(s.value, x[s.pivot]);
            let window = &x[s.pivot - width..=s.pivot + width];
            match s.kind {
                SwingKind::High => prop_assert!(window.iter().all(|&v| v <= s.value)),
                SwingKind::Low => prop_assert!(window.iter().all(|&v| v >= s.value)),
            }
        }
    }
}
