//! Robustness of `chartist::breakout`: any bars and settings give Ok or a typed error; the
//! streaming detector is causal (appending bars never changes past events); shifting all
//! timestamps by whole weeks changes nothing but the timestamps of events.

mod robustness_common;

use chartist::breakout::{
    bandwidth_squeeze, darvas_boxes, donchian_breakouts, inside_bars, narrow_range, new_extremes,
    scan, scan_series, ttm_squeeze, BarInput, BreakoutConfig, BreakoutDetector, Input, Lookback,
    SqueezeConfig,
};
use chartist::series::PriceSeries;
use chartist::Error;
use proptest::prelude::*;
use robustness_common::*;

fn ok_or_typed<T>(r: chartist::Result<T>, what: &str) -> Result<Option<T>, TestCaseError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(
            Error::InvalidParameter { .. }
            | Error::LengthMismatch { .. }
            | Error::InsufficientData { .. },
        ) => Ok(None),
        Err(e) => Err(TestCaseError::fail(format!("{what}: unexpected error {e}"))),
    }
}

fn config_any() -> impl Strategy<Value = BreakoutConfig> {
    (
        value(),
        0usize..40,
        0usize..5,
        value(),
        0usize..4,
        value(),
        0usize..20,
        0usize..30,
    )
        .prop_map(|(w, min_bars, touches, tol, confirm, k, fail, atr)| {
            let c = BreakoutConfig::default()
                .min_bars(min_bars)
                .min_touches(touches)
                .touch_tolerance(tol.abs().min(1.0))
                .failure_window(fail)
                .atr_period(atr);
            let c = if w.is_finite() && w > 0.0 {
                c.max_width_percent(w % 50.0)
            } else {
                c.max_width_atr(w)
            };
            match confirm {
                0 => c.confirm_closes(min_bars % 4),
                1 => c.confirm_percent(k),
                2 => c.confirm_atr(k),
                _ => c.confirm_bars(min_bars % 5),
            }
        })
}

proptest! {
    #![proptest_config(config())]

    /// Any columns and periods: Ok or a typed error for every function of the module.
    #[test]
    fn any_input((h, l, c) in hlc_any(120), n in period(), k in value(), pct in value()) {
        let len = c.len();
        if let Some(v) = ok_or_typed(narrow_range(&h, &l, n), "narrow_range")? { prop_assert_eq!(v.len(), len); }
        if let Some(v) = ok_or_typed(inside_bars(&h, &l), "inside_bars")? { prop_assert_eq!(v.len(), len); }
        if let Some(v) = ok_or_typed(bandwidth_squeeze(&c, n, k, n, pct), "bandwidth_squeeze")? { prop_assert_eq!(v.len(), len); }
        ok_or_typed(donchian_breakouts(&h, &l, &c, n.min(1 << 20)), "donchian_breakouts")?;
        ok_or_typed(new_extremes(&h, &l, Lookback::Bars(n.min(1 << 20))), "new_extremes")?;
        ok_or_typed(new_extremes(&h, &l, Lookback::AllTime), "new_extremes(all)")?;
        ok_or_typed(darvas_boxes(&h, &l, n), "darvas_boxes")?;
        let sq = SqueezeConfig { period: n.clamp(0, 1 << 20), bollinger_k: k, keltner_k: pct, atr_period: n.clamp(0, 1 << 20) };
        ok_or_typed(ttm_squeeze(&h, &l, &c, &sq), "ttm_squeeze")?;
    }

    /// The range-breakout scan over any bars and settings: Ok or a typed error; a config
    /// that validates is accepted by the detector.
    #[test]
    fn scan_any((h, l, c) in hlc_any(150), cfg in config_any(), with_hl in any::<bool>()) {
        let valid = cfg.validate().is_ok();
        let input = if with_hl { Input::closes(&c).high_low(&h, &l) } else { Input::closes(&c) };
        match scan(input, &cfg) {
            Ok(s) => prop_assert!(valid && s.breakouts.iter().all(|b| b.bar.index < c.len())),
            Err(Error::InvalidParameter { .. }) => prop_assert!(!valid),
            Err(e) => prop_assert!(false, "scan: {e}"),
        }
        prop_assert_eq!(BreakoutDetector::new(cfg).is_ok(), valid);
    }

    /// Causality of the detector: the events of a prefix are the events of the whole that
    /// happened within the prefix (breakouts detected by bar k are the same, with the state
    /// they had at bar k).
    #[test]
    fn detector_is_causal((h, l, c) in (5usize..300).prop_flat_map(hlc_with_gaps), cut in 0.0f64..1.0) {
        let cfg = BreakoutConfig::default().min_bars(10).atr_period(5).failure_window(5);
        let k = (c.len() as f64 * cut) as usize;
        let run = |n: usize| -> Result<Vec<String>, TestCaseError> {
            let mut d = BreakoutDetector::new(cfg.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let mut log = Vec::new();
            for i in 0..n {
                for e in d.update(BarInput::close(c[i]).high_low(h[i], l[i])) {
                    log.push(format!("{:?}", (e.kind, e.at.index, e.breakout.direction, e.breakout.level.to_bits())));
                }
            }
            Ok(log)
        };
        let full = run(c.len())?;
        let short = run(k)?;
        prop_assert_eq!(&full[..short.len()], short.as_slice());
        prop_assert!(full[short.len()..].iter().all(|e| !short.contains(e)));
        // Batch scan equals streaming replay.
        let s = scan(Input::closes(&c).high_low(&h, &l), &cfg).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut d = BreakoutDetector::new(cfg.clone()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for i in 0..c.len() { d.update(BarInput::close(c[i]).high_low(h[i], l[i])); }
        prop_assert_eq!(d.to_scan(), s);
    }

    /// Shifting all timestamps by whole weeks changes only the events' timestamps.
    #[test]
    fn week_shift((h, l, c) in (5usize..250).prop_flat_map(hlc_walk), weeks in -500i64..500) {
        let t = weekday_times(c.len());
        let t2: Vec<_> = t.iter().map(|x| *x + chrono::Duration::weeks(weeks)).collect();
        let a = PriceSeries::from_columns("X", t, c.clone(), h.clone(), l.clone(), c.clone(), vec![1.0; c.len()]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let b = PriceSeries::from_columns("X", t2, c.clone(), h, l, c, vec![1.0; a.len()]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let cfg = BreakoutConfig::default().min_bars(8).atr_period(5);
        let sa = scan_series(&a, &cfg).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let sb = scan_series(&b, &cfg).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(sa.breakouts.len(), sb.breakouts.len());
        for (x, y) in sa.breakouts.iter().zip(&sb.breakouts) {
            prop_assert_eq!(x.bar.index, y.bar.index);
            prop_assert_eq!(x.level.to_bits(), y.level.to_bits());
            prop_assert_eq!(x.state, y.state);
            prop_assert_eq!(x.bar.time.map(|t| t + chrono::Duration::weeks(weeks)), y.bar.time);
        }
        prop_assert_eq!(sa.ranges.len(), sb.ranges.len());
    }
}
