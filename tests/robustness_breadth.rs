//! Robustness of `chartist::breadth` over arbitrary panels (NaN = member missing, any
//! periods): Ok or a typed error, outputs one per date, and causality (appending dates never
//! changes earlier breadth values).

mod robustness_common;

use chartist::breadth::{
    advance_decline, breadth, breadth_thrust, mcclellan, new_highs_lows, participation,
    percent_above_ma, up_volume_share, BreadthConfig, HighLowBasis, McClellanConfig, ThrustConfig,
};
use chartist::series::Panel;
use chartist::Error;
use ndarray::Array2;
use proptest::prelude::*;
use robustness_common::*;

/// A panel of `rows` members over `cols` dates: walks with missing values (NaN).
fn panel(max_rows: usize, max_cols: usize) -> impl Strategy<Value = Vec<Vec<f64>>> {
    (1..=max_rows, 1..=max_cols).prop_flat_map(|(r, c)| {
        proptest::collection::vec(
            (walk(c), proptest::collection::vec(any::<bool>(), c)).prop_map(|(w, keep)| {
                w.into_iter()
                    .zip(keep)
                    .map(|(x, k)| if k { x } else { f64::NAN })
                    .collect()
            }),
            r,
        )
    })
}

fn build(rows: &[Vec<f64>], cols: usize) -> Option<Panel> {
    let flat: Vec<f64> = rows
        .iter()
        .flat_map(|r| r[..cols].iter().copied())
        .collect();
    let m = Array2::from_shape_vec((rows.len(), cols), flat).ok()?;
    let symbols = (0..rows.len()).map(|i| format!("S{i}")).collect();
    Panel::from_closes(symbols, weekday_times(cols), m).ok()
}

fn typed<T>(r: chartist::Result<T>, what: &str) -> Result<Option<T>, TestCaseError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(
            Error::InvalidParameter { .. } | Error::InsufficientData { .. } | Error::Empty { .. },
        ) => Ok(None),
        Err(e) => Err(TestCaseError::fail(format!("{what}: unexpected error {e}"))),
    }
}

proptest! {
    #![proptest_config(config_scaled(2))]

    /// Any panel and periods: Ok or a typed error.
    #[test]
    fn any_panel(rows in panel(8, 80), n in period(), m in period(), lo in value(), hi in value()) {
        let cols = rows[0].len();
        let Some(p) = build(&rows, cols) else { return Ok(()) };
        let ad = advance_decline(&p);
        prop_assert_eq!(ad.advancers.len(), cols);
        let cap = |x: usize| x.min(1 << 16);
        typed(mcclellan(&ad, &McClellanConfig::default().fast(cap(n)).slow(cap(m))), "mcclellan")?;
        typed(breadth_thrust(&ad, &ThrustConfig::default().period(cap(n)).levels(lo, hi).within(m)), "breadth_thrust")?;
        typed(percent_above_ma(&p, n), "percent_above_ma")?;
        typed(participation(&p, n), "participation")?;
        typed(new_highs_lows(&p, n, HighLowBasis::Close), "new_highs_lows")?;
        let _ = up_volume_share(&p);
        typed(breadth(&p, &BreadthConfig::default().ma_period(cap(n)).high_low_period(cap(m))), "breadth")?;
    }

    /// Causality: breadth over the first k dates equals the first k values over all dates.
    #[test]
    fn causal(rows in panel(6, 120), cut in 0.2f64..1.0, n in 1usize..30) {
        let cols = rows[0].len();
        let k = ((cols as f64 * cut) as usize).max(1);
        let (Some(full), Some(short)) = (build(&rows, cols), build(&rows, k)) else { return Ok(()) };
        let a = percent_above_ma(&full, n).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let b = percent_above_ma(&short, n).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(first_difference(&b.share, &a.share[..k]), None, "percent_above_ma");
        let a = new_highs_lows(&full, n, HighLowBasis::Close).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let b = new_highs_lows(&short, n, HighLowBasis::Close).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&b.new_highs[..], &a.new_highs[..k]);
        let (a, b) = (advance_decline(&full), advance_decline(&short));
        prop_assert_eq!(&b.advancers[..], &a.advancers[..k]);
        prop_assert_eq!(first_difference(&b.line, &a.line[..k]), None, "a/d line");
        let cfg = McClellanConfig::default().fast(n.min(10)).slow(n.min(10) + 5);
        if let (Ok(x), Ok(y)) = (mcclellan(&a, &cfg), mcclellan(&b, &cfg)) {
            prop_assert_eq!(first_difference(&y.oscillator, &x.oscillator[..k]), None, "mcclellan");
        }
    }
}
