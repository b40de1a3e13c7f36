//! Huge counts in configurations and arguments (`usize::MAX`, `usize::MAX - 1`, `2^63`,
//! `2^40`) across the modules that are not indicators: each call returns a result or a typed
//! error, never an arithmetic overflow (these tests run with overflow checks in debug builds)
//! and never a giant allocation.

use chartist::breadth::{advance_decline, breadth_thrust, ThrustConfig};
use chartist::performance::{dca_vs_lump_sum_all_starts, AllStartsConfig};
use chartist::relative::{rotation, RotationConfig};
use chartist::sample::{random_walk, story};
use chartist::series::{Panel, PanelJoin};
use chartist::signals::{
    divergences, swing_points, DivergenceConfig, DivergenceDetector, SwingDetector,
};
use chartist::{Error, MAX_PERIOD};

const HUGE: [usize; 4] = [usize::MAX, usize::MAX - 1, 1 << 63, 1 << 40];

#[test]
fn swing_and_divergence_widths_beyond_the_data_find_nothing() {
    let s = random_walk("A", 1, 300, 100.0, 0.0, 0.02);
    let osc: Vec<f64> = s.close().iter().map(|c| c.sin()).collect();
    for w in HUGE.into_iter().chain([150, 151]) {
        assert_eq!(swing_points(s.close(), w).unwrap(), vec![], "width {w}");
        let cfg = DivergenceConfig::default().pivot_width(w).max_distance(w);
        assert_eq!(
            divergences(s.close(), &osc, cfg).unwrap(),
            vec![],
            "width {w}"
        );
    }
    // 149 bars on each side of bar 149 fit in 300 bars: the rule still runs there.
    assert!(swing_points(s.close(), 149).is_ok());
    // The streaming detectors hold 2 * width + 1 values: a width they cannot hold is refused.
    for w in [MAX_PERIOD + 1, usize::MAX] {
        assert!(matches!(
            SwingDetector::new(w),
            Err(Error::InvalidParameter { .. })
        ));
        let cfg = DivergenceConfig::default().pivot_width(w).max_distance(w);
        assert!(matches!(
            DivergenceDetector::new(cfg),
            Err(Error::InvalidParameter { .. })
        ));
    }
}

#[test]
fn rotation_with_a_huge_momentum_window_is_all_nan() {
    let (a, b) = (
        random_walk("A", 1, 400, 100.0, 0.0, 0.02),
        random_walk("B", 2, 400, 100.0, 0.0, 0.01),
    );
    for k in HUGE {
        let cfg = RotationConfig {
            momentum: k,
            ..Default::default()
        };
        let (ratio, momentum) = rotation(a.close(), b.close(), &cfg).unwrap();
        assert_eq!((ratio.len(), momentum.len()), (400, 400));
        assert!(momentum.iter().all(|m| m.is_nan()), "momentum {k}");
        assert!(ratio.iter().any(|r| r.is_finite()));
    }
}

#[test]
fn thrust_window_longer_than_the_data_counts_every_earlier_low() {
    let st = story(3);
    let panel = Panel::from_series(&st.sectors, PanelJoin::Outer).unwrap();
    let ad = advance_decline(&panel);
    let loose = |within| ThrustConfig {
        low: 0.45,
        high: 0.55,
        within,
        ..Default::default()
    };
    let whole = breadth_thrust(&ad, &loose(panel.n_dates()))
        .unwrap()
        .signals;
    assert!(
        !whole.is_empty(),
        "the sample universe has thrusts at these loose levels"
    );
    for w in HUGE {
        assert_eq!(
            breadth_thrust(&ad, &loose(w)).unwrap().signals,
            whole,
            "within {w}"
        );
    }
}

#[test]
fn dca_over_all_starts_with_a_huge_horizon_says_how_much_data_it_needs() {
    let s = random_walk("A", 1, 300, 100.0, 0.0, 0.02);
    for h in HUGE {
        let cfg = AllStartsConfig {
            horizon: h,
            ..Default::default()
        };
        match dca_vs_lump_sum_all_starts(&s, &cfg) {
            Err(Error::InsufficientData { needed, got, .. }) => {
                assert_eq!((needed, got), (h.saturating_add(1), 300));
            }
            other => panic!("horizon {h}: {other:?}"),
        }
    }
}

#[test]
fn breakout_counts_beyond_the_data_find_nothing_and_huge_windows_are_refused() {
    use chartist::breakout::{scan, BarInput, BreakoutConfig, BreakoutDetector, Input, RangeBasis};
    let s = random_walk("A", 1, 600, 100.0, 0.0, 0.02);
    let input = Input::closes(s.close())
        .high_low(s.high(), s.low())
        .volume(s.volume());
    let narrow = BreakoutConfig::default().max_width_percent(30.0);
    assert!(!scan(input, &narrow).unwrap().ranges.is_empty());
    for n in HUGE.into_iter().chain([600, 601]) {
        for basis in [RangeBasis::Close, RangeBasis::HighLow] {
            let cfg = narrow.clone().basis(basis).min_bars(n);
            let found = scan(input, &cfg).unwrap();
            assert!(
                found.ranges.is_empty() && found.breakouts.is_empty(),
                "min_bars {n}"
            );
            let mut det = BreakoutDetector::new(cfg).unwrap();
            for &c in s.close() {
                assert!(det.update(BarInput::close(c)).is_empty());
            }
            assert_eq!(det.forming_range(), None);
        }
        for cfg in [
            narrow.clone().min_touches(n),
            narrow.clone().confirm_closes(n),
            narrow.clone().confirm_bars(n),
            narrow.clone().failure_window(n),
        ] {
            assert!(scan(input, &cfg).is_ok());
        }
        for cfg in [
            narrow.clone().atr_period(n),
            narrow.clone().volume_period(n),
        ] {
            let want_ok = n <= MAX_PERIOD;
            assert_eq!(scan(input, &cfg).is_ok(), want_ok, "period {n}");
        }
    }
}
