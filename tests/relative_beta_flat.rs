//! Beta and correlation when one side's returns are constant up to rounding: a benchmark that
//! compounds at exactly 1% a bar has a true return variance of 0, so beta and correlation are
//! undefined (NaN), even though the computed returns differ in their last bits.

use chartist::relative::{
    beta, rolling_beta, rolling_correlation, rolling_return_correlation, BetaConfig,
};
use chartist::series::ReturnKind;

fn compounding(start: f64, rate: f64, n: usize) -> Vec<f64> {
    // Closed form, so each price is rounded independently and the returns wobble in their
    // last bits around `rate`.
    (0..n)
        .map(|i| start * (1.0 + rate).powi(i as i32))
        .collect()
}

fn wiggly(n: usize) -> Vec<f64> {
    // 100, then alternately +3% and -2% with a slow drift: a non-constant return series.
    let mut p = vec![100.0];
    for i in 1..n {
        let r = if i % 2 == 0 { 0.03 } else { -0.02 } + 0.001 * (i % 7) as f64;
        let last = p[p.len() - 1];
        p.push(last * (1.0 + r));
    }
    p
}

#[test]
fn constant_benchmark_returns_give_nan_beta_and_correlation() {
    let bench = compounding(100.0, 0.01, 300);
    // The computed returns are not bit-identical (that is the point of the test).
    let r: Vec<f64> = bench.windows(2).map(|w| w[1] / w[0] - 1.0).collect();
    assert!(r.iter().any(|&x| x != r[0]));
    let asset = wiggly(300);
    let s = beta(&asset, &bench, &BetaConfig::default()).unwrap();
    assert_eq!(s.observations, 299);
    assert!(s.beta.is_nan(), "beta {}", s.beta);
    assert!(s.correlation.is_nan(), "correlation {}", s.correlation);
    // Every benchmark bar is an up bar, so up beta is undefined too and down beta has no bars.
    assert!(s.up_beta.is_nan() && s.down_beta.is_nan());
    let roll = rolling_beta(&asset, &bench, 20, &BetaConfig::default()).unwrap();
    assert!(roll.beta.iter().all(|b| b.is_nan()));
    let rc = rolling_return_correlation(&asset, &bench, 20, ReturnKind::Simple).unwrap();
    assert!(rc.iter().all(|c| c.is_nan()));
}

#[test]
fn constant_values_give_nan_correlation_but_tiny_real_variation_does_not() {
    // Values equal up to rounding: 0.1 + 0.2 and 0.3 differ in the last bit.
    let x = [0.1 + 0.2, 0.3, 0.1 + 0.2, 0.3];
    let y = [1.0, 2.0, 3.0, 4.0];
    let c = rolling_correlation(&x, &y, 4).unwrap();
    assert!(c[3].is_nan());
    // A real, small variation (1e-6 relative) is kept: the correlation is exactly computable.
    let x = [1.0, 1.000001, 1.000002, 1.000003];
    let c = rolling_correlation(&x, &y, 4).unwrap();
    assert!((c[3] - 1.0).abs() < 1e-6, "{}", c[3]);
}

#[test]
fn ordinary_beta_is_unchanged_by_the_flatness_test() {
    // Asset returns are exactly 1.5x the benchmark's: beta 1.5, correlation 1.
    let bench = wiggly(200);
    let mut asset = vec![40.0];
    for w in bench.windows(2) {
        let last = asset[asset.len() - 1];
        asset.push(last * (1.0 + 1.5 * (w[1] / w[0] - 1.0)));
    }
    let s = beta(&asset, &bench, &BetaConfig::default()).unwrap();
    assert!((s.beta - 1.5).abs() < 1e-12, "{}", s.beta);
    assert!((s.correlation - 1.0).abs() < 1e-12);
    assert!((s.up_beta - 1.5).abs() < 1e-12 && (s.down_beta - 1.5).abs() < 1e-12);
}
