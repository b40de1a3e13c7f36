//! The two ways the detector tests a candidate range must agree.
//!
//! On closes ([`RangeBasis::Close`]) the touch and crossing rules are answered from the
//! monotonic queues, the "next bar at least as high / as low" links, and a rejection carried
//! over from one trimmed start to the next; with [`RangeBasis::HighLow`] every candidate is
//! scanned bar by bar. On close-only input both bases see the same prices (a bar without a
//! high and low uses its close for both), so they must find exactly the same ranges,
//! breakouts and forming range. Comparing them checks the fast path against the plain scan
//! of the same state machine, on many random series and settings.

use chartist::breakout::{scan, BreakoutConfig, Input, RangeBasis, WidthLimit};
use chartist::sample::{random_walk, SampleRng};

mod common;

/// Close-only series of several shapes: random walks of three volatilities, alternating
/// ranges and trends, the same on a coarse price grid (ties), and with bad values.
fn closes(seed: u64) -> Vec<f64> {
    let mut rng = SampleRng::new(seed);
    let n = 150 + (rng.next_u64() % 900) as usize;
    let s = match seed % 4 {
        0 => random_walk("W", seed, n, 100.0, 0.0, 0.01),
        1 => random_walk("W", seed, n, 100.0, 0.0005, 0.025),
        _ => common::ranges_and_trends(&mut rng, seed, n, (20, 150), 0.2),
    };
    let mut c = s.close().to_vec();
    if seed % 3 == 1 {
        // A coarse grid: many equal closes, flat runs and ties at the edges.
        c.iter_mut().for_each(|x| *x = (*x * 2.0).round() / 2.0);
    }
    if seed % 5 == 2 {
        for x in c.iter_mut() {
            let u = rng.uniform();
            if u < 0.01 {
                *x = f64::NAN;
            } else if u < 0.012 {
                *x = f64::INFINITY;
            }
        }
    }
    c
}

fn configs() -> Vec<BreakoutConfig> {
    let d = BreakoutConfig::default();
    vec![
        d.clone(),
        d.clone().max_width_percent(5.0),
        d.clone().max_width_percent(15.0).min_touches(3),
        d.clone().max_width_atr(4.0).min_bars(5).min_touches(1),
        d.clone().width(WidthLimit::AtrMultiple(1.0)).min_bars(2),
        d.clone().touch_tolerance(0.0),
        d.clone().touch_tolerance(0.5).confirm_closes(1),
        d.clone()
            .touch_tolerance(0.3)
            .min_touches(4)
            .max_width_atr(6.0),
    ]
}

#[test]
fn close_basis_search_equals_the_bar_by_bar_scan_on_closes() {
    let mut compared = 0;
    let mut with_breakouts = 0;
    for seed in 0..60u64 {
        let c = closes(seed);
        for cfg in configs() {
            let fast = scan(Input::closes(&c), &cfg.clone().basis(RangeBasis::Close))
                .expect("valid config");
            let plain = scan(Input::closes(&c), &cfg.clone().basis(RangeBasis::HighLow))
                .expect("valid config");
            // Debug text compares every float bit for bit (signed zeros included).
            assert_eq!(
                format!("{fast:?}"),
                format!("{plain:?}"),
                "seed {seed}, config {cfg:?}"
            );
            compared += 1;
            with_breakouts += usize::from(!fast.breakouts.is_empty());
        }
    }
    assert_eq!(compared, 60 * 8);
    // The comparison means something only if the series do break out of ranges.
    assert!(
        with_breakouts > compared / 2,
        "{with_breakouts} of {compared}"
    );
}
