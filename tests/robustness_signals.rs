//! Robustness of `chartist::signals` and `chartist::screen`: any values, widths and thresholds
//! give Ok or a typed error; streaming trackers equal their batch functions; swing points and
//! divergences never change in the past when data are appended.

mod robustness_common;

use chartist::screen::{quality_screen, Fundamentals, QualityConfig, SizeThresholds};
use chartist::signals::{
    crossovers, divergences, level_crossovers, swing_points, zone, CrossDetector, DivergenceConfig,
    SwingDetector, ZoneThresholds, ZoneTracker,
};
use chartist::Error;
use proptest::prelude::*;
use robustness_common::*;

proptest! {
    #![proptest_config(config())]

    /// Any values, thresholds and widths: Ok or a typed error; trackers equal batch.
    #[test]
    fn any_input(a in values_near(10, 120), b in values_near(10, 120), w in period(), ob in value(), os in value(), lvl in value()) {
        match ZoneThresholds::new(ob, os) {
            Ok(th) => {
                let z = zone(&a, th).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(z.len(), a.len());
                let mut t = ZoneTracker::new(th);
                for (i, x) in a.iter().enumerate() {
                    let p = t.peek(*x);
                    let u = t.update(*x);
                    prop_assert_eq!(p, u);
                    prop_assert_eq!(u, z[i], "zone tracker at {}", i);
                }
            }
            Err(Error::InvalidParameter { .. }) => {}
            Err(e) => prop_assert!(false, "{e}"),
        }
        match crossovers(&a, &b) {
            Ok(x) => {
                prop_assert_eq!(a.len(), b.len());
                let mut d = CrossDetector::new();
                let streamed: Vec<_> = a.iter().zip(&b).enumerate().filter_map(|(i, (x, y))| d.update(*x, *y).map(|dir| (i, dir))).collect();
                let batch: Vec<_> = x.iter().map(|c| (c.index, c.direction)).collect();
                prop_assert_eq!(streamed, batch);
            }
            Err(Error::LengthMismatch { .. }) => prop_assert_ne!(a.len(), b.len()),
            Err(e) => prop_assert!(false, "{e}"),
        }
        match level_crossovers(&a, lvl) {
            Ok(x) => prop_assert!(lvl.is_finite() && x.iter().all(|c| c.index < a.len())),
            Err(Error::InvalidParameter { .. }) => prop_assert!(!lvl.is_finite()),
            Err(e) => prop_assert!(false, "{e}"),
        }
        let wc = w.min(1 << 16);
        match swing_points(&a, wc) {
            Ok(s) => {
                let mut d = SwingDetector::new(wc).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let streamed: Vec<_> = a.iter().filter_map(|x| d.update(*x)).collect();
                prop_assert_eq!(streamed, s);
            }
            Err(Error::InvalidParameter { .. }) => prop_assert_eq!(wc, 0),
            Err(e) => prop_assert!(false, "{e}"),
        }
        let cfg = DivergenceConfig::default().pivot_width(wc).max_distance(w).min_distance(w / 3);
        match divergences(&a, &b, cfg) {
            Ok(_) | Err(Error::InvalidParameter { .. } | Error::LengthMismatch { .. }) => {}
            Err(e) => prop_assert!(false, "{e}"),
        }
    }

    /// Causality of swing points and divergences (with NaN gaps).
    #[test]
    fn causal(a in (2usize..200).prop_flat_map(walk_with_gaps), cut in 0.0f64..1.0, w in 1usize..6) {
        let k = (a.len() as f64 * cut) as usize;
        let osc: Vec<f64> = a.iter().map(|x| x.ln()).collect();
        let full = swing_points(&a, w).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let short = swing_points(&a[..k], w).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&full[..short.len()], short.as_slice());
        let cfg = DivergenceConfig::default().pivot_width(w);
        let full = divergences(&a, &osc, cfg).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let short = divergences(&a[..k], &osc[..k], cfg).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&full[..short.len()], short.as_slice());
    }

    /// Quality screen and size buckets over any fundamentals and thresholds.
    #[test]
    fn screen_any(vals in proptest::collection::vec(proptest::collection::vec(proptest::option::of(value()), 6), 0..20), s in value(), m in value(), l in value(), cap in value()) {
        let stocks: Vec<Fundamentals> = vals.iter().enumerate().map(|(i, v)| {
            let mut f = Fundamentals::new(format!("S{i}"));
            f.market_cap = v[0]; f.debt_to_equity = v[1]; f.return_on_equity = v[2];
            f.margin = v[3]; f.price_earnings = v[4]; f.free_cash_flow = v[5];
            f
        }).collect();
        match quality_screen(&stocks, &QualityConfig::default()) {
            Ok(r) => prop_assert_eq!(r.len(), stocks.len()),
            Err(Error::InvalidParameter { .. } | Error::InvalidValue { .. } | Error::Empty { .. }) => {}
            Err(e) => prop_assert!(false, "{e}"),
        }
        if let Ok(t) = SizeThresholds::new(s, m, l) {
            match t.classify(cap) {
                Ok(_) | Err(Error::InvalidParameter { .. } | Error::InvalidValue { .. }) => {}
                Err(e) => prop_assert!(false, "{e}"),
            }
            let cfg = QualityConfig::default().size(t);
            let _ = quality_screen(&stocks, &cfg);
        }
    }
}
