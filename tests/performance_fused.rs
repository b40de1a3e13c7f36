//! `performance_of` computes its statistics in two fused passes (timestamps and values
//! together, then the centred squares with the drawdowns). These tests compare them with the
//! documented definitions written the plain way (`tests/common/plain_performance.rs`, sums in
//! index order as the library does) and require the same numbers bit for bit, plus the order
//! in which input errors are reported.

use chartist::performance::{
    drawdowns, performance_of, periods_per_year, Annualization, Drawdown, PerformanceConfig,
};
use chartist::series::midnight;
use chartist::Error;
use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use proptest::prelude::*;

mod common;
use common::plain_performance::{near, plain, same};

/// Timestamps from day steps (0 = one second later, to vary the time of day).
fn schedule(steps: &[u8]) -> Vec<NaiveDateTime> {
    let mut t = midnight(NaiveDate::from_ymd_opt(2019, 12, 20).unwrap());
    let mut out = vec![t];
    for &s in steps {
        t += if s == 0 {
            TimeDelta::seconds(1)
        } else {
            TimeDelta::days(i64::from(s))
        };
        out.push(t);
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Moments, hit rate, extremes and drawdowns equal the one-pass-per-quantity definitions.
    #[test]
    fn fused_passes_match_the_definitions(
        moves in prop::collection::vec(-0.1f64..0.1, 1..300),
        rf in prop_oneof![Just(0.0), 0.0f64..0.1],
        top in 0usize..6,
    ) {
        let mut p = 100.0;
        let mut values = vec![p];
        for m in &moves {
            p *= 1.0 + m;
            values.push(p);
        }
        let times = schedule(&vec![1u8; moves.len()]);
        let periods = 252.0;
        let cfg = PerformanceConfig::default()
            .annualization(Annualization::PeriodsPerYear(periods))
            .risk_free_rate(rf)
            .top_drawdowns(top);
        let s = performance_of(&times, &values, &cfg).unwrap();
        let r = plain(&times, &values, (1.0 + rf).powf(1.0 / periods) - 1.0);
        prop_assert!(near(s.annualized_volatility, r.sd * periods.sqrt(), 0.0));
        prop_assert!(same(s.hit_rate, r.hits as f64 / moves.len() as f64));
        prop_assert_eq!((s.best.value, s.best.time), (r.best.0, times[r.best.1]));
        prop_assert_eq!((s.worst.value, s.worst.time), (r.worst.0, times[r.worst.1]));
        let excess = r.mean - ((1.0 + rf).powf(1.0 / periods) - 1.0);
        if r.sd > 0.0 {
            let scale = r.mean_abs / r.sd * periods.sqrt();
            prop_assert!(near(s.sharpe, excess / r.sd * periods.sqrt(), scale));
        }
        if r.downside > 0.0 {
            let scale = r.mean_abs / r.downside * periods.sqrt();
            prop_assert!(near(s.sortino, excess / r.downside * periods.sqrt(), scale));
        }
        // Drawdowns: the deepest `top` episodes of the full table, deepest first, ties in
        // time order; the maximum drawdown is the deepest.
        let mut all: Vec<Drawdown> = drawdowns(&times, &values).unwrap();
        all.sort_by(|a, b| a.depth.total_cmp(&b.depth));
        prop_assert_eq!(s.max_drawdown, all.first().copied());
        all.truncate(top);
        prop_assert_eq!(s.drawdowns, all);
    }

    /// The frequency inferred inside `performance_of` is `periods_per_year`'s.
    #[test]
    fn inferred_frequency_is_the_same(steps in prop::collection::vec(0u8..120, 1..80)) {
        let times = schedule(&steps);
        let values: Vec<f64> = (0..times.len()).map(|i| 100.0 + i as f64).collect();
        let inside = performance_of(&times, &values, &PerformanceConfig::default());
        match periods_per_year(&times) {
            Ok(p) => prop_assert_eq!(inside.unwrap().periods_per_year, p),
            Err(_) => {
                let typed = matches!(inside, Err(Error::InvalidParameter { .. }));
                prop_assert!(typed);
            }
        }
    }
}

/// A bad value is reported before unsorted timestamps, and both before a frequency that
/// cannot be inferred.
#[test]
fn input_errors_keep_their_order() {
    let mut times = schedule(&[1, 1, 1, 1]);
    times.swap(2, 3);
    let cfg = PerformanceConfig::default();
    let bad_value = performance_of(&times, &[1.0, 2.0, f64::NAN, 3.0, 4.0], &cfg);
    assert!(matches!(bad_value, Err(Error::InvalidValue { .. })));
    let unsorted = performance_of(&times, &[1.0, 2.0, 3.0, 4.0, 5.0], &cfg);
    assert!(matches!(unsorted, Err(Error::Unsorted { .. })));
    let seconds = schedule(&[0, 0, 0, 0]);
    let intraday = performance_of(&seconds, &[1.0, 2.0, 3.0, 4.0, 5.0], &cfg);
    assert!(matches!(intraday, Err(Error::InvalidParameter { .. })));
    let with_bad = performance_of(&seconds, &[1.0, -2.0, 3.0, 4.0, 5.0], &cfg);
    assert!(matches!(with_bad, Err(Error::InvalidValue { .. })));
}

/// Long series sweep timestamps and values on two threads: the numbers and the order of the
/// errors are those of the definitions, as for short series.
#[test]
fn long_series_match_the_definitions_and_report_errors_in_order() {
    let n = 200_000;
    let mut p = 100.0;
    let mut values = vec![p];
    for i in 1..n {
        p *= 1.0 + 0.01 * ((i * 7919 % 201) as f64 / 100.0 - 1.0);
        values.push(p);
    }
    let times = schedule(&vec![1u8; n - 1]);
    let cfg = PerformanceConfig::default().top_drawdowns(3);
    let s = performance_of(&times, &values, &cfg).unwrap();
    let periods = s.periods_per_year;
    assert_eq!(periods_per_year(&times).unwrap(), periods);
    let r = plain(&times, &values, 0.0);
    assert!(near(s.annualized_volatility, r.sd * periods.sqrt(), 0.0));
    assert!(same(s.hit_rate, r.hits as f64 / (n - 1) as f64));
    assert_eq!((s.best.value, s.best.time), (r.best.0, times[r.best.1]));
    assert_eq!((s.worst.value, s.worst.time), (r.worst.0, times[r.worst.1]));
    let mut all: Vec<Drawdown> = drawdowns(&times, &values).unwrap();
    all.sort_by(|a, b| a.depth.total_cmp(&b.depth));
    assert_eq!(s.max_drawdown, all.first().copied());
    all.truncate(3);
    assert_eq!(s.drawdowns, all);

    // An unsorted timestamp alone: Unsorted at its row.
    let mut bad_times = times.clone();
    bad_times.swap(150_000, 150_001);
    let e = performance_of(&bad_times, &values, &cfg).unwrap_err();
    assert!(matches!(e, Error::Unsorted { .. }), "{e}");
    // A bad value as well (later in the data): the value error still comes first.
    let mut bad_values = values.clone();
    bad_values[180_000] = -1.0;
    let e = performance_of(&bad_times, &bad_values, &cfg).unwrap_err();
    assert!(matches!(e, Error::InvalidValue { .. }), "{e}");
}
