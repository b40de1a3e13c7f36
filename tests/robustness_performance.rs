//! Robustness of `chartist::performance`: statistics, drawdowns, capture, DCA and XIRR under
//! arbitrary values, periods and settings give Ok or a typed error; shifting all timestamps by
//! whole weeks changes only the dates of drawdowns and the period statistics not at all.

mod robustness_common;

use chartist::performance::{
    capture, capture_of, dca, dca_vs_lump_sum, dca_vs_lump_sum_all_starts, drawdowns, performance,
    performance_of, periods_per_year, rolling_performance, xirr, AllStartsConfig, Annualization,
    CashFlow, DcaConfig, Fees, PerformanceConfig, Schedule, ShareMode,
};
use chartist::series::PriceSeries;
use chartist::Error;
use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use robustness_common::*;

fn typed<T>(r: chartist::Result<T>, what: &str) -> Result<Option<T>, TestCaseError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(
            Error::InvalidParameter { .. }
            | Error::LengthMismatch { .. }
            | Error::InsufficientData { .. }
            | Error::Empty { .. }
            | Error::Undefined(_)
            | Error::NoConvergence { .. }
            | Error::NoCommonDates { .. }
            | Error::InvalidValue { .. }
            | Error::Unsorted { .. }
            | Error::DuplicateTimestamp { .. },
        ) => Ok(None),
        Err(e) => Err(TestCaseError::fail(format!("{what}: unexpected error {e}"))),
    }
}

fn series(c: Vec<f64>) -> Option<PriceSeries> {
    PriceSeries::from_closes("X", weekday_times(c.len()), c).ok()
}

proptest! {
    #![proptest_config(config())]

    /// Slice statistics over any values and windows.
    #[test]
    fn any_values(x in values_near(10, 120), y in values_near(10, 120), w in period(), rf in value(), ppy in value(), k in 0usize..5) {
        let t = weekday_times(x.len());
        let cfg = PerformanceConfig::default().risk_free_rate(rf).top_drawdowns(k);
        let cfg2 = cfg.annualization(Annualization::PeriodsPerYear(ppy));
        typed(periods_per_year(&t), "periods_per_year")?;
        typed(performance_of(&t, &x, &cfg), "performance_of")?;
        typed(performance_of(&t, &x, &cfg2), "performance_of(ppy)")?;
        typed(drawdowns(&t, &x), "drawdowns")?;
        typed(capture_of(&x, &y), "capture_of")?;
        typed(rolling_performance(&t, &x, w, &cfg), "rolling_performance")?;
    }

    /// Series-level functions and DCA over valid series with any settings.
    #[test]
    fn dca_any(c in (1usize..300).prop_flat_map(walk), amount in value(), fixed in value(), pct in value(),
               every in period(), contrib in period(), interval in period(), horizon in period(), whole in any::<bool>(), sched in 0u8..4) {
        let Some(s) = series(c) else { return Ok(()) };
        let schedule = match sched {
            0 => Schedule::Weekly,
            1 => Schedule::Monthly,
            2 => Schedule::EveryBars(every),
            _ => Schedule::Dates(s.dates().step_by(7).chain([NaiveDate::MIN, NaiveDate::MAX]).collect()),
        };
        let shares = if whole { ShareMode::Whole } else { ShareMode::Fractional };
        let cfg = DcaConfig::default().schedule(schedule).amount(amount).fees(Fees::none().fixed(fixed).percent(pct)).shares(shares);
        typed(dca(&s, &cfg), "dca")?;
        typed(dca_vs_lump_sum(&s, &cfg), "dca_vs_lump_sum")?;
        let all = AllStartsConfig::default().contributions(contrib.min(1 << 12)).interval(interval.min(1 << 12)).horizon(horizon.min(1 << 12)).amount(amount).shares(shares);
        typed(dca_vs_lump_sum_all_starts(&s, &all), "dca_vs_lump_sum_all_starts")?;
        typed(performance(&s, &PerformanceConfig::default()), "performance")?;
        typed(capture(&s, &s), "capture")?;
    }

    /// XIRR of any cash flows terminates with a value or a typed error.
    #[test]
    fn xirr_any(flows in proptest::collection::vec((0u64..20_000, value()), 0..12)) {
        let base = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default();
        let flows: Vec<CashFlow> = flows.into_iter().map(|(d, a)| CashFlow::new(base + Days::new(d), a)).collect();
        if let Some(r) = typed(xirr(&flows), "xirr")? {
            prop_assert!(r.is_finite());
        }
    }

    /// Shifting all timestamps by whole weeks: the same statistics and drawdown depths and
    /// indices, dates shifted.
    #[test]
    fn week_shift(c in (3usize..300).prop_flat_map(walk), weeks in -400i64..400) {
        let t = weekday_times(c.len());
        let t2: Vec<_> = t.iter().map(|x| *x + chrono::Duration::weeks(weeks)).collect();
        let a = drawdowns(&t, &c).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let b = drawdowns(&t2, &c).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            prop_assert_eq!(x.depth.to_bits(), y.depth.to_bits());
            prop_assert_eq!((x.peak_index, x.trough_index, x.recovery_index), (y.peak_index, y.trough_index, y.recovery_index));
            prop_assert_eq!(x.peak + chrono::Duration::weeks(weeks), y.peak);
        }
        let p1 = periods_per_year(&t).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let p2 = periods_per_year(&t2).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(close_to(p1, p2, 1e-3, 0.0), "periods per year {} vs {}", p1, p2);
    }
}
