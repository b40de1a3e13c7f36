//! `performance_of` sweeps its values in blocks and replays only the blocks where an extreme,
//! a peak or a trough changes. These tests compare it with a plain scan written here, one
//! value at a time, over curves chosen to hit the block edges: new highs, drawdowns that never
//! recover, flat stretches, tiny series, long series (two threads), every annualisation path
//! and invalid values anywhere. Statistics must be equal bit for bit, except the sums over the
//! returns (volatility, Sharpe, Sortino), which are added in lanes and must agree to rounding
//! (see `near`), and errors must name the same row.

use chartist::performance::{performance_of, Annualization, PerformanceConfig};
use chartist::series::midnight;
use chartist::{Error, Row};
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use proptest::prelude::*;

mod common;
use common::plain_performance::{near, plain, same};

fn daily(n: usize) -> Vec<NaiveDateTime> {
    let start = midnight(NaiveDate::from_ymd_opt(2003, 12, 29).unwrap());
    (0..n as i64).map(|i| start + TimeDelta::days(i)).collect()
}

/// The statistics of `performance_of` that depend on the values, by the plain definitions.
/// Checks every value-dependent statistic of `performance_of` against [`plain`].
fn check(values: &[f64], cfg: &PerformanceConfig) -> Result<(), TestCaseError> {
    let times = daily(values.len());
    let s = performance_of(&times, values, cfg).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let p = s.periods_per_year;
    let rf = (1.0 + cfg.risk_free_rate).powf(1.0 / p) - 1.0;
    let r = plain(&times, values, rf);
    let m = (values.len() - 1) as f64;
    prop_assert!(near(s.annualized_volatility, r.sd * p.sqrt(), 0.0));
    let ratio = |num: f64, den: f64| {
        if den > 0.0 && den.is_finite() {
            num / den * p.sqrt()
        } else {
            f64::NAN
        }
    };
    let scale = |den: f64| r.mean_abs / den * p.sqrt();
    prop_assert!(near(s.sharpe, ratio(r.mean - rf, r.sd), scale(r.sd)));
    prop_assert!(near(
        s.sortino,
        ratio(r.mean - rf, r.downside),
        scale(r.downside)
    ));
    prop_assert!(same(s.hit_rate, r.hits as f64 / m));
    prop_assert_eq!(
        (s.best.value.to_bits(), s.best.time),
        (r.best.0.to_bits(), times[r.best.1])
    );
    prop_assert_eq!(
        (s.worst.value.to_bits(), s.worst.time),
        (r.worst.0.to_bits(), times[r.worst.1])
    );
    let mut table = r.episodes;
    table.sort_by(|a, b| a.depth.total_cmp(&b.depth)); // stable: ties stay in time order
    prop_assert_eq!(s.max_drawdown, table.first().copied());
    table.truncate(cfg.top_drawdowns);
    prop_assert_eq!(s.drawdowns, table);
    Ok(())
}

/// A curve from `moves`: 0 repeats the last value (flat stretches), otherwise a relative move.
fn curve(start: f64, moves: &[f64]) -> Vec<f64> {
    let mut v = vec![start];
    for &m in moves {
        let last = v[v.len() - 1];
        v.push(last * (1.0 + m));
    }
    v
}

fn moves() -> impl Strategy<Value = Vec<f64>> {
    let step = prop_oneof![
        3 => -0.05f64..0.05,
        1 => Just(0.0),
        1 => 0.0f64..0.02,   // runs of new highs
        1 => -0.02f64..0.0,  // runs of new lows
    ];
    prop::collection::vec(step, 1..140)
}

fn configs() -> impl Strategy<Value = PerformanceConfig> {
    (
        prop_oneof![
            Just(Annualization::Infer),
            Just(Annualization::PeriodsPerYear(252.0)),
            Just(Annualization::PeriodsPerYear(12.0)),
        ],
        prop_oneof![Just(0.0), 0.0f64..0.08],
        0usize..7,
    )
        .prop_map(|(a, rf, k)| {
            PerformanceConfig::default()
                .annualization(a)
                .risk_free_rate(rf)
                .top_drawdowns(k)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Random curves (including 2- and 3-point ones, flat stretches, runs of highs and lows,
    /// and curves ending under water) match the plain scan bit for bit.
    #[test]
    fn blocks_match_a_plain_scan(parts in prop::collection::vec(moves(), 1..4), cfg in configs()) {
        let all: Vec<f64> = parts.concat();
        check(&curve(100.0, &all), &cfg)?;
    }

    /// Curves on a few integer levels: exact returns to the peak (recoveries at equality),
    /// repeated troughs, equal depths (table ties) and repeated best and worst returns.
    #[test]
    fn ties_match_a_plain_scan(levels in prop::collection::vec(1u8..12, 2..200), cfg in configs()) {
        let values: Vec<f64> = levels.iter().map(|&l| f64::from(l)).collect();
        check(&values, &cfg)?;
    }

    /// The first invalid value (NaN, zero, negative, infinite) is reported at its row,
    /// wherever it falls in a block.
    #[test]
    fn first_invalid_value_is_reported(
        all in moves(),
        bad in prop::collection::vec(
            (any::<prop::sample::Index>(), prop_oneof![
                Just(f64::NAN), Just(0.0), Just(-0.0), Just(-3.0),
                Just(f64::INFINITY), Just(f64::NEG_INFINITY)
            ]),
            1..3,
        ),
    ) {
        let mut values = curve(50.0, &all);
        for (at, x) in &bad {
            let i = at.index(values.len());
            values[i] = *x;
        }
        let first = values
            .iter()
            .position(|v| !(v.is_finite() && *v > 0.0))
            .unwrap();
        let e = performance_of(&daily(values.len()), &values, &PerformanceConfig::default());
        prop_assert!(
            matches!(e, Err(Error::InvalidValue { row: Row(r), .. }) if r == first),
            "{:?} (first bad row {})", e, first
        );
    }
}

/// Flat curves: no return, no drawdown, zero volatility, NaN ratios.
#[test]
fn flat_curves() {
    for n in [2, 3, 9, 17, 70_000] {
        let values = vec![42.0; n];
        check(&values, &PerformanceConfig::default()).unwrap();
        let s = performance_of(&daily(n), &values, &PerformanceConfig::default()).unwrap();
        assert!(s.max_drawdown.is_none() && s.drawdowns.is_empty());
        assert_eq!(s.hit_rate, 0.0);
    }
}

/// Long series (swept on two threads): a steady rise (an event in every block), a fall that
/// never recovers, and a noisy walk, under each annualisation path.
#[test]
fn long_curves_match_a_plain_scan() {
    let n = 100_003;
    let rise: Vec<f64> = (0..n).map(|i| 10.0 + i as f64 * 0.001).collect();
    let fall: Vec<f64> = (0..n).map(|i| 1e6 / (1.0 + i as f64 * 0.01)).collect();
    let mut walk = vec![100.0];
    for i in 1..n {
        let step = ((i * 7_919) % 2_003) as f64 / 2_003.0 - 0.4985;
        walk.push(walk[i - 1] * (1.0 + 0.02 * step));
    }
    let configs = [
        PerformanceConfig::default(),
        PerformanceConfig::default().risk_free_rate(0.05),
        PerformanceConfig::default()
            .annualization(Annualization::PeriodsPerYear(52.0))
            .risk_free_rate(0.02)
            .top_drawdowns(9),
    ];
    for values in [&rise, &fall, &walk] {
        for cfg in &configs {
            check(values, cfg).unwrap();
        }
    }
    let s = performance_of(&daily(n), &fall, &PerformanceConfig::default()).unwrap();
    let d = s.max_drawdown.unwrap();
    assert_eq!(
        (d.peak_index, d.trough_index, d.recovery_index),
        (0, n - 1, None)
    );
    // An invalid value late in a long series is still reported at its row.
    let mut bad = walk.clone();
    bad[n - 2] = f64::NEG_INFINITY;
    bad[n - 1] = f64::NAN;
    let e = performance_of(&daily(n), &bad, &PerformanceConfig::default());
    assert!(matches!(e, Err(Error::InvalidValue { row: Row(r), .. }) if r == n - 2));
}

/// Steady growth with tiny noise: the mean return is about a million standard deviations from
/// zero. The one-pass sum of squares is shifted by the geometric-mean return, which is within
/// half a variance of the mean, so it stays exact to rounding; and where that shift is not
/// available (the first-to-last ratio overflows: 1e-300 to 1e300) the centred second sweep
/// must take over. (Unshifted, the one-pass formula would lose about 12 digits here: the
/// relative tolerance of 1e-11 on the volatility catches it.)
#[test]
fn ill_conditioned_variance_stays_exact() {
    // `start * growth^i`, by logarithms so that no intermediate overflows.
    let steady = |n: usize, start: f64, growth: f64, noise: f64| -> Vec<f64> {
        (0..n)
            .map(|i| {
                let wiggle = 1.0 + noise * ((i * 7919 % 13) as f64 - 6.0);
                (start.ln() + i as f64 * growth.ln()).exp() * wiggle
            })
            .collect()
    };
    let overflow = steady(100_000, 1e-300, (600.0 * 10f64.ln() / 99_999.0).exp(), 1e-9);
    assert!(overflow.iter().all(|v| v.is_finite() && *v > 0.0));
    assert!((overflow[99_999] / overflow[0]).is_infinite());
    for values in [
        steady(50, 100.0, 1.001, 1e-9),
        steady(5_000, 100.0, 1.001, 1e-10),
        steady(100_000, 100.0, 1.0001, 1e-9),
        overflow,
    ] {
        for cfg in [
            PerformanceConfig::default(),
            PerformanceConfig::default().risk_free_rate(0.03),
            PerformanceConfig::default().annualization(Annualization::PeriodsPerYear(12.0)),
        ] {
            check(&values, &cfg).unwrap();
        }
    }
}
