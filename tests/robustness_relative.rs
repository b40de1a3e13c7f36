//! Robustness of `chartist::relative`: any input gives Ok or a typed error; ratio measures are
//! scale-invariant (power-of-two scales, exact in floating point); rotation and ratio
//! measures are causal.

mod robustness_common;

use chartist::relative::{
    beta, dorsey_rs, log_ratio, mansfield_rs, outperformance_streaks, ratio_extremes, ratio_line,
    ratio_slope, ratio_vs_average, rebased_ratio, relative_performance, rolling_beta,
    rolling_correlation, rolling_relative_performance, rolling_return_correlation, rotation,
    rs_score, BetaConfig, RotationConfig, RsRatingConfig, SpreadKind,
};
use chartist::series::ReturnKind;
use chartist::Error;
use proptest::prelude::*;
use robustness_common::*;

/// A two-slice function with a window.
type PairFn = fn(&[f64], &[f64], usize) -> chartist::Result<Vec<f64>>;

fn pair_any(max: usize) -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (0..=max).prop_flat_map(|n| {
        (
            proptest::collection::vec(value(), n),
            proptest::collection::vec(value(), n),
        )
    })
}

fn pair_clean(max: usize) -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (2..=max).prop_flat_map(|n| (walk(n), walk(n)))
}

fn pair_walk(max: usize) -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (2..=max).prop_flat_map(|n| (walk_with_gaps(n), walk(n)))
}

/// A typed error, never a panic; the only variants slice functions may use.
fn typed<T>(r: chartist::Result<T>, what: &str) -> Result<Option<T>, TestCaseError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(
            Error::InvalidParameter { .. }
            | Error::LengthMismatch { .. }
            | Error::InsufficientData { .. }
            | Error::Empty { .. }
            | Error::Undefined(_),
        ) => Ok(None),
        Err(e) => Err(TestCaseError::fail(format!("{what}: unexpected error {e}"))),
    }
}

proptest! {
    #![proptest_config(config())]

    /// Every slice function of the module: Ok with the input's length, or a typed error.
    #[test]
    fn any_input((a, b) in pair_any(80), n in period(), base in period()) {
        let len = a.len();
        for (name, r) in [
            ("ratio_line", ratio_line(&a, &b)),
            ("log_ratio", log_ratio(&a, &b)),
            ("rebased_ratio", rebased_ratio(&a, &b, base)),
            ("dorsey_rs", dorsey_rs(&a, &b)),
            ("mansfield_rs", mansfield_rs(&a, &b, n)),
            ("ratio_slope", ratio_slope(&a, n)),
            ("rolling_correlation", rolling_correlation(&a, &b, n)),
            ("rolling_return_correlation", rolling_return_correlation(&a, &b, n, ReturnKind::Log)),
            ("rolling_relative_performance", rolling_relative_performance(&a, &b, n, SpreadKind::Arithmetic)),
            ("rs_score", rs_score(&a, &RsRatingConfig::default())),
        ] {
            if let Some(v) = typed(r, name)? {
                prop_assert_eq!(v.len(), len, "{}", name);
            }
        }
        if let Some(v) = typed(ratio_extremes(&a, n), "ratio_extremes")? { prop_assert_eq!(v.len(), len); }
        if let Some(v) = typed(ratio_vs_average(&a, n), "ratio_vs_average")? { prop_assert_eq!(v.len(), len); }
        typed(beta(&a, &b, &BetaConfig::default()), "beta")?;
        typed(rolling_beta(&a, &b, n, &BetaConfig::default()), "rolling_beta")?;
        typed(relative_performance(&a, &b, base, n), "relative_performance")?;
        typed(outperformance_streaks(&a, &b, n), "outperformance_streaks")?;
        let cfg = RotationConfig::default().smoothing(n.clamp(1, 50)).trend(base.clamp(1, 50));
        if let Some((r, m)) = typed(rotation(&a, &b, &cfg), "rotation")? {
            prop_assert_eq!(r.len(), len);
            prop_assert_eq!(m.len(), len);
        }
    }

    /// Ratio measures are scale-invariant: multiplying the asset by 2^k multiplies the ratio
    /// line by 2^k and leaves the rebased ratio, Mansfield RS, ratio slope of the log ratio,
    /// and the rotation coordinates unchanged.
    #[test]
    fn scale_invariance((a, b) in pair_clean(150), e in -6i32..6, n in 1usize..30) {
        let s = 2f64.powi(e);
        let a2: Vec<f64> = a.iter().map(|x| x * s).collect();
        let b2: Vec<f64> = b.iter().map(|x| x / s).collect();
        let r1 = ratio_line(&a, &b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let r2 = ratio_line(&a2, &b).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (x, y) in r1.iter().zip(&r2) { prop_assert!(close_to(x * s, *y, 1e-12, 0.0)); }
        for (name, f) in [
            ("rebased_ratio", (|a: &[f64], b: &[f64], _n| rebased_ratio(a, b, 0)) as PairFn),
            ("mansfield_rs", |a, b, n| mansfield_rs(a, b, n)),
        ] {
            let x = f(&a, &b, n).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let y = f(&a2, &b2, n).map_err(|e| TestCaseError::fail(e.to_string()))?;
            for (i, (p, q)) in x.iter().zip(&y).enumerate() {
                prop_assert!(close_to(*p, *q, 1e-9, 1e-9), "{} at {}: {} vs {}", name, i, p, q);
            }
        }
        let cfg = RotationConfig::default().smoothing(n.min(10)).trend(n.min(10) + 1).momentum(n.min(10));
        let (x1, m1) = rotation(&a, &b, &cfg).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (x2, m2) = rotation(&a2, &b2, &cfg).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for i in 0..x1.len() {
            prop_assert!(close_to(x1[i], x2[i], 1e-9, 1e-9), "rs-ratio at {}: {} vs {}", i, x1[i], x2[i]);
            prop_assert!(close_to(m1[i], m2[i], 1e-9, 1e-9), "rs-momentum at {}: {} vs {}", i, m1[i], m2[i]);
        }
    }

    /// Causality: the prefix's output is the output's prefix (rotation, Mansfield, ratio
    /// slope, correlation).
    #[test]
    fn causality((a, b) in pair_walk(150), cut in 0.0f64..1.0, n in 1usize..20) {
        let k = (a.len() as f64 * cut) as usize;
        let cfg = RotationConfig::default().smoothing(n.min(10)).trend(n.min(10) + 1).momentum(n.min(10));
        let (x, m) = rotation(&a, &b, &cfg).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (xs, ms) = rotation(&a[..k], &b[..k], &cfg).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(first_difference(&xs, &x[..k]), None, "rotation rs-ratio");
        prop_assert_eq!(first_difference(&ms, &m[..k]), None, "rotation rs-momentum");
        let fs: [(&str, PairFn); 3] = [
            ("mansfield_rs", mansfield_rs),
            ("rolling_correlation", rolling_correlation),
            ("ratio_slope", |a, _b, n| ratio_slope(a, n)),
        ];
        for (name, f) in fs {
            let full = f(&a, &b, n + 1).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let short = f(&a[..k], &b[..k], n + 1).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(first_difference(&short, &full[..k]), None, "{}", name);
        }
    }
}
