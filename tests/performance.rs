//! Performance statistics, XIRR and DCA: hand-worked examples, IWM drawdown, bad input.

use approx::assert_relative_eq;
use chartist::performance::{
    capture_of, dca, dca_vs_lump_sum, dca_vs_lump_sum_all_starts, drawdowns, performance,
    performance_of, periods_per_year, rolling_performance, xirr, AllStartsConfig, Annualization,
    CashFlow, DcaConfig, Entry, Fees, PerformanceConfig, Schedule, ShareMode,
};
use chartist::series::{midnight, read_csv, Bar, CsvOptions, PriceSeries};
use chartist::Error;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn spaced(start: NaiveDate, step_days: u64, n: usize) -> Vec<NaiveDateTime> {
    (0..n)
        .map(|i| midnight(start + Days::new(step_days * i as u64)))
        .collect()
}

fn p252() -> PerformanceConfig {
    PerformanceConfig::default().annualization(Annualization::PeriodsPerYear(252.0))
}

#[test]
fn statistics_hand_worked() {
    // values 100, 110, 99, 108.9 -> returns +10%, -10%, +10%.
    let t = vec![
        midnight(d(2024, 1, 1)),
        midnight(d(2024, 5, 1)),
        midnight(d(2024, 9, 1)),
        midnight(d(2025, 1, 1)),
    ];
    let s = performance_of(&t, &[100.0, 110.0, 99.0, 108.9], &p252()).unwrap();
    // total: 108.9 / 100 - 1 = 0.089
    assert_relative_eq!(s.total_return, 0.089, epsilon = 1e-12);
    // CAGR over 366 calendar days (2024 is a leap year): 1.089^(365.25/366) - 1
    assert_relative_eq!(s.cagr, 1.089f64.powf(365.25 / 366.0) - 1.0, epsilon = 1e-12);
    // mean = 0.1/3; deviations 0.2/3, -0.4/3, 0.2/3; sample variance = (0.04+0.16+0.04)/9/2
    let mean = 0.1 / 3.0;
    let sd = ((0.04 + 0.16 + 0.04) / 9.0 / 2.0f64).sqrt(); // 0.11547
    assert_relative_eq!(s.annualized_volatility, sd * 252f64.sqrt(), epsilon = 1e-12);
    assert_relative_eq!(s.sharpe, mean / sd * 252f64.sqrt(), epsilon = 1e-10); // 4.5826
                                                                               // downside: only -0.10 counts, divided by ALL 3 observations: sqrt(0.01 / 3) = 0.057735
    let dd = (0.01f64 / 3.0).sqrt();
    assert_relative_eq!(s.sortino, mean / dd * 252f64.sqrt(), epsilon = 1e-10); // 9.1652
                                                                                // max drawdown 99 / 110 - 1 = -0.1, peak May, trough September, not recovered (108.9 < 110)
    let m = s.max_drawdown.unwrap();
    assert_relative_eq!(m.depth, -0.1, epsilon = 1e-12);
    assert_eq!((m.peak, m.trough, m.recovery), (t[1], t[2], None));
    assert_relative_eq!(s.calmar, s.cagr / 0.1, epsilon = 1e-12);
    // hits: 2 of 3 returns positive; best +10% first seen at t[1], worst -10% at t[2]
    assert_relative_eq!(s.hit_rate, 2.0 / 3.0);
    assert_eq!(s.best.time, t[1]);
    assert_eq!(s.worst.time, t[2]);
    assert_relative_eq!(s.worst.value, -0.1, epsilon = 1e-12);
}

#[test]
fn risk_free_rate_is_per_period_compounded() {
    // Monthly values; rf 5% a year -> 1.05^(1/12) - 1 per month = 0.0040741.
    let t = spaced(d(2024, 1, 1), 30, 4);
    let v = [100.0, 102.0, 101.0, 104.0];
    let cfg = PerformanceConfig::default().risk_free_rate(0.05);
    let s = performance_of(&t, &v, &cfg).unwrap();
    assert_eq!(s.periods_per_year, 12.0);
    let r = [0.02, 101.0 / 102.0 - 1.0, 104.0 / 101.0 - 1.0];
    let rf = 1.05f64.powf(1.0 / 12.0) - 1.0;
    let mean = r.iter().sum::<f64>() / 3.0;
    let var = r.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 2.0;
    assert_relative_eq!(
        s.sharpe,
        (mean - rf) / var.sqrt() * 12f64.sqrt(),
        epsilon = 1e-10
    );
    let down = r.iter().map(|x| (x - rf).min(0.0).powi(2)).sum::<f64>() / 3.0;
    assert_relative_eq!(
        s.sortino,
        (mean - rf) / down.sqrt() * 12f64.sqrt(),
        epsilon = 1e-10
    );
}

#[test]
fn frequency_inference_and_override() {
    assert_eq!(
        periods_per_year(&spaced(d(2020, 1, 1), 7, 10)).unwrap(),
        52.0
    );
    assert_eq!(
        periods_per_year(&spaced(d(2020, 1, 1), 31, 10)).unwrap(),
        12.0
    );
    assert_eq!(
        periods_per_year(&spaced(d(2020, 1, 1), 91, 10)).unwrap(),
        4.0
    );
    assert_eq!(
        periods_per_year(&spaced(d(2020, 1, 1), 365, 10)).unwrap(),
        1.0
    );
    // weekdays: spacings 1,1,1,1,3 -> median 1 day -> 252
    let s = chartist::sample::random_walk("X", 1, 50, 100.0, 0.0, 0.01);
    assert_eq!(periods_per_year(s.times()).unwrap(), 252.0);
    // hourly bars cannot be inferred; an explicit factor works
    let hourly: Vec<_> = (0..10)
        .map(|h| d(2025, 1, 2).and_hms_opt(h, 0, 0).unwrap())
        .collect();
    assert!(matches!(
        periods_per_year(&hourly),
        Err(Error::InvalidParameter { .. })
    ));
    let v: Vec<f64> = (0..10).map(|i| 100.0 + i as f64).collect();
    let cfg = PerformanceConfig::default().annualization(Annualization::PeriodsPerYear(1638.0));
    assert_eq!(
        performance_of(&hourly, &v, &cfg).unwrap().periods_per_year,
        1638.0
    );
}

#[test]
fn drawdown_table_is_deepest_first() {
    let t = spaced(d(2025, 1, 1), 1, 9);
    // 10 -> 9 (-10%) -> 10 recovers; 12 -> 9 (-25%) -> 12 recovers; 13 -> 12.35 (-5%) open.
    let v = [10.0, 9.0, 10.0, 12.0, 9.0, 12.0, 13.0, 12.35, 12.5];
    let all = drawdowns(&t, &v).unwrap();
    assert_eq!(all.len(), 3);
    let cfg = p252().top_drawdowns(2);
    let s = performance_of(&t, &v, &cfg).unwrap();
    assert_eq!(s.drawdowns.len(), 2);
    assert_relative_eq!(s.drawdowns[0].depth, -0.25, epsilon = 1e-12);
    assert_eq!(
        (
            s.drawdowns[0].peak_index,
            s.drawdowns[0].trough_index,
            s.drawdowns[0].recovery_index
        ),
        (3, 4, Some(5))
    );
    assert_relative_eq!(s.drawdowns[1].depth, -0.1, epsilon = 1e-12);
    assert_eq!(all[2].recovery, None);
    assert_relative_eq!(all[2].depth, 12.35 / 13.0 - 1.0, epsilon = 1e-12);
}

#[test]
fn capture_hand_worked() {
    // benchmark: +10%, -10%, +5%; series: +12%, -4%, +3%.
    // up = mean(.12, .03) / mean(.10, .05) = .075 / .075 = 1.0; down = -.04 / -.10 = 0.4
    let b = [100.0, 110.0, 99.0, 103.95];
    let s = [100.0, 112.0, 107.52, 110.7456];
    let c = capture_of(&s, &b).unwrap();
    assert_relative_eq!(c.up, 1.0, epsilon = 1e-9);
    assert_relative_eq!(c.down, 0.4, epsilon = 1e-9);
    assert_eq!((c.up_periods, c.down_periods), (2, 1));
    assert!(capture_of(&s, &b[..3]).is_err());
}

#[test]
fn rolling_matches_whole_window_statistics() {
    let s = chartist::sample::random_walk("X", 11, 200, 100.0, 0.0002, 0.012);
    let (t, v) = (s.times(), s.close());
    let r = rolling_performance(t, v, 50, &p252()).unwrap();
    for i in [50usize, 120, 199] {
        let w = performance_of(&t[i - 50..=i], &v[i - 50..=i], &p252()).unwrap();
        assert_relative_eq!(r.total_return[i], w.total_return, epsilon = 1e-12);
        assert_relative_eq!(
            r.annualized_volatility[i],
            w.annualized_volatility,
            max_relative = 1e-8
        );
        assert_relative_eq!(r.sharpe[i], w.sharpe, max_relative = 1e-7);
        assert_relative_eq!(r.sortino[i], w.sortino, max_relative = 1e-7);
        let mdd = w.max_drawdown.map_or(0.0, |d| d.depth);
        assert_relative_eq!(r.max_drawdown[i], mdd, epsilon = 1e-12);
    }
    assert!(r.sharpe[49].is_nan());
    assert!(rolling_performance(t, v, 1, &p252()).is_err());
}

#[test]
fn iwm_max_drawdown_2020_2025() {
    let Ok(dir) = std::env::var("CHARTIST_DATA_DIR") else {
        eprintln!("skipping: CHARTIST_DATA_DIR not set");
        return;
    };
    let path = std::path::Path::new(&dir).join("market/daily/IWM.csv");
    let (iwm, _) = read_csv(path, &CsvOptions::default()).unwrap();
    let s = iwm.between(d(2020, 1, 1), d(2025, 12, 31)).unwrap();
    let c = s.close();
    // Independent O(n^2) scan: for every trough j, the highest close at or before it.
    let (mut best, mut peak, mut trough) = (0.0f64, 0usize, 0usize);
    for j in 0..c.len() {
        let mut pi = 0;
        for i in 0..=j {
            if c[i] > c[pi] {
                pi = i;
            }
        }
        let dd = c[j] / c[pi] - 1.0;
        if dd < best {
            (best, peak, trough) = (dd, pi, j);
        }
    }
    let recovery = (trough..c.len()).find(|&k| c[k] >= c[peak]);
    let stats = performance(&s, &PerformanceConfig::default()).unwrap();
    let m = stats.max_drawdown.unwrap();
    assert_relative_eq!(m.depth, best, epsilon = 1e-12);
    assert_eq!(m.peak, s.times()[peak]);
    assert_eq!(m.trough, s.times()[trough]);
    assert_eq!(m.recovery, recovery.map(|k| s.times()[k]));
    assert_eq!(stats.periods_per_year, 252.0);
    eprintln!(
        "IWM 2020-2025 max drawdown {:.2}% peak {} trough {} recovery {:?}",
        m.depth * 100.0,
        m.peak.date(),
        m.trough.date(),
        m.recovery.map(|r| r.date())
    );
}

#[test]
fn statistics_bad_input() {
    let t = spaced(d(2025, 1, 1), 1, 3);
    assert!(matches!(
        performance_of(&t[..1], &[1.0], &p252()),
        Err(Error::InsufficientData { .. })
    ));
    assert!(matches!(
        performance_of(&t, &[1.0, 2.0], &p252()),
        Err(Error::LengthMismatch { .. })
    ));
    assert!(matches!(
        performance_of(&t, &[1.0, f64::NAN, 2.0], &p252()),
        Err(Error::InvalidValue { .. })
    ));
    assert!(matches!(
        performance_of(&t, &[1.0, -1.0, 2.0], &p252()),
        Err(Error::InvalidValue { .. })
    ));
    let back = vec![t[1], t[0], t[2]];
    assert!(matches!(
        performance_of(&back, &[1.0, 2.0, 3.0], &p252()),
        Err(Error::Unsorted { .. })
    ));
    let bad = PerformanceConfig::default().annualization(Annualization::PeriodsPerYear(0.0));
    assert!(performance_of(&t, &[1.0, 2.0, 3.0], &bad).is_err());
    // A flat series: no drawdown, zero volatility -> NaN ratios, no panic.
    let flat = performance_of(&t, &[5.0, 5.0, 5.0], &p252()).unwrap();
    assert!(flat.max_drawdown.is_none() && flat.sharpe.is_nan() && flat.calmar.is_nan());
}

// ------------------------------------------------------------------------------------------
// XIRR

#[test]
fn xirr_spreadsheet_example() {
    let flows = [
        CashFlow::new(d(2008, 1, 1), -10_000.0),
        CashFlow::new(d(2008, 3, 1), 2_750.0),
        CashFlow::new(d(2008, 10, 30), 4_250.0),
        CashFlow::new(d(2009, 2, 15), 3_250.0),
        CashFlow::new(d(2009, 4, 1), 2_750.0),
    ];
    assert_relative_eq!(xirr(&flows).unwrap(), 0.373362535, epsilon = 1e-8);
    // Order does not matter.
    let mut rev = flows;
    rev.reverse();
    assert_relative_eq!(xirr(&rev).unwrap(), 0.373362535, epsilon = 1e-8);
}

#[test]
fn xirr_known_answers() {
    // -100 now, +121 after 730 days: (121/100)^(365/730) - 1 = 1.1 - 1 = 0.10
    let r = xirr(&[
        CashFlow::new(d(2021, 1, 1), -100.0),
        CashFlow::new(d(2021, 1, 1) + Days::new(730), 121.0),
    ])
    .unwrap();
    assert_relative_eq!(r, 0.10, epsilon = 1e-10);
    // A loss: -100, +50 after 365 days -> -50%
    let r = xirr(&[
        CashFlow::new(d(2021, 1, 1), -100.0),
        CashFlow::new(d(2022, 1, 1), 50.0),
    ])
    .unwrap();
    assert_relative_eq!(r, -0.5, epsilon = 1e-10);
    // A near-total loss far from the 10% guess still converges: 5/1000 after 365 days
    // -> 0.005 - 1 = -0.995.
    let r = xirr(&[
        CashFlow::new(d(2021, 1, 1), -1000.0),
        CashFlow::new(d(2022, 1, 1), 5.0),
    ])
    .unwrap();
    assert_relative_eq!(r, -0.995, epsilon = 1e-9);
}

#[test]
fn xirr_bad_input_is_typed_and_bounded() {
    let a = d(2020, 1, 1);
    let b = d(2021, 1, 1);
    // no sign change
    for flows in [
        vec![CashFlow::new(a, -1.0), CashFlow::new(b, -2.0)],
        vec![CashFlow::new(a, 1.0), CashFlow::new(b, 2.0)],
        vec![CashFlow::new(a, 0.0), CashFlow::new(b, 0.0)],
    ] {
        assert!(matches!(xirr(&flows), Err(Error::Undefined(_))));
    }
    assert!(matches!(
        xirr(&[CashFlow::new(a, -1.0)]),
        Err(Error::InsufficientData { .. })
    ));
    assert!(matches!(
        xirr(&[CashFlow::new(a, -1.0), CashFlow::new(b, f64::INFINITY)]),
        Err(Error::InvalidValue { .. })
    ));
    assert!(matches!(
        xirr(&[CashFlow::new(a, -1.0), CashFlow::new(a, 2.0)]),
        Err(Error::Undefined(_))
    ));
    // -1, +1, -1: -1 + x - x^2 < 0 for every discount factor x: no root at all.
    let none = xirr(&[
        CashFlow::new(a, -1.0),
        CashFlow::new(b, 1.0),
        CashFlow::new(d(2022, 1, 1), -1.0),
    ]);
    assert!(matches!(
        none,
        Err(Error::NoConvergence { what: "xirr", .. })
    ));
}

// ------------------------------------------------------------------------------------------
// DCA

fn monthly_closes(prices: &[f64]) -> PriceSeries {
    let dates: Vec<_> = (0..prices.len())
        .map(|i| d(2024, 1 + i as u32, 2))
        .collect();
    PriceSeries::from_daily_closes("X", &dates, prices.to_vec()).unwrap()
}

#[test]
fn dca_constant_price_buys_equal_units_and_earns_zero() {
    let s = chartist::sample::random_walk("X", 1, 300, 100.0, 0.0, 0.0);
    // zero volatility and drift: every close is exactly 100
    assert!(s.close().iter().all(|&c| c == s.close()[0]));
    let p = dca(&s, &DcaConfig::default().amount(250.0)).unwrap();
    let u0 = p.purchases[0].units;
    assert!(p.purchases.iter().all(|b| b.units == u0));
    assert_eq!(u0, 250.0 / s.close()[0]);
    assert_relative_eq!(p.final_value, p.invested, max_relative = 1e-12);
    assert!(p.money_weighted_return.unwrap().abs() < 1e-9);
    assert!(p.time_weighted_return.abs() < 1e-12);
}

#[test]
fn dca_hand_worked_path() {
    // Monthly closes 10, 5, 10; 100 each month.
    let p = dca(
        &monthly_closes(&[10.0, 5.0, 10.0]),
        &DcaConfig::default().amount(100.0),
    )
    .unwrap();
    // units: 100/10 + 100/5 + 100/10 = 10 + 20 + 10 = 40; value 40 * 10 = 400
    assert_eq!(p.units, 40.0);
    assert_eq!(p.final_value, 400.0);
    assert_eq!(p.cost_basis, 300.0);
    assert_eq!(p.average_cost, 7.5); // 300 / 40
                                     // TWR: (50 / 100) * (300 / 150) * (400 / 400) - 1 = 0
    assert_relative_eq!(p.time_weighted_return, 0.0, epsilon = 1e-12);
    // MWR: flows -100 (Jan 2), -100 (Feb 2), -100 & +400 (Mar 2): the xirr of exactly those.
    let expect = xirr(&[
        CashFlow::new(d(2024, 1, 2), -100.0),
        CashFlow::new(d(2024, 2, 2), -100.0),
        CashFlow::new(d(2024, 3, 2), -100.0),
        CashFlow::new(d(2024, 3, 2), 400.0),
    ])
    .unwrap();
    assert_relative_eq!(p.money_weighted_return.unwrap(), expect, epsilon = 1e-12);
    assert!(expect > 1.0); // 100 -> 133 in two months is a lot per year
}

#[test]
fn dca_fees_and_whole_shares() {
    // Fixed 1 + 1%: invest (100 - 1) / 1.01 = 98.0198 at 10 -> 9.80198 units, fee 1.9802.
    let p = dca(
        &monthly_closes(&[10.0]),
        &DcaConfig::default()
            .amount(100.0)
            .fees(Fees::none().fixed(1.0).percent(0.01)),
    )
    .unwrap();
    assert_relative_eq!(p.units, 99.0 / 1.01 / 10.0, epsilon = 1e-12);
    assert_relative_eq!(p.fees, 100.0 - 99.0 / 1.01, epsilon = 1e-12);
    // Whole shares at 30: 100 -> 3 units, 10 left; 110 -> 3 units, 20 left; 120 -> 4 units, 0.
    let w = dca(
        &monthly_closes(&[30.0, 30.0, 30.0]),
        &DcaConfig::default().amount(100.0).shares(ShareMode::Whole),
    )
    .unwrap();
    let units: Vec<f64> = w.purchases.iter().map(|b| b.units).collect();
    assert_eq!(units, vec![3.0, 3.0, 4.0]);
    assert_eq!(w.cash, 0.0);
    assert_eq!(w.final_value, 300.0);
}

#[test]
fn dca_limit_entry_fills_or_falls_back() {
    let b = |day: u32, m: u32, o: f64, h: f64, l: f64, c: f64| {
        Bar::daily(d(2024, m, day), o, h, l, c, 1.0)
    };
    let s = PriceSeries::from_bars(
        "X",
        vec![
            b(2, 1, 100.0, 100.0, 100.0, 100.0), // contribution; limit 2% below = 98
            b(3, 1, 100.0, 100.0, 99.0, 99.5),   // low 99 > 98: no fill
            b(4, 1, 99.0, 99.0, 97.0, 98.5),     // low 97 <= 98: fill at min(open 99, 98) = 98
            b(1, 2, 100.0, 100.0, 100.0, 100.0), // contribution; limit 98
            b(2, 2, 97.0, 100.0, 96.0, 99.0),    // opens 97 below the limit: fill at the open
            b(1, 3, 100.0, 100.0, 100.0, 100.0), // contribution; limit 98
            b(4, 3, 101.0, 102.0, 99.0, 101.0),  // never reaches 98: fallback at this close
        ],
    )
    .unwrap();
    let cfg = DcaConfig::default()
        .amount(98.0)
        .entry(Entry::Limit { below: 0.02 });
    let p = dca(&s, &cfg).unwrap();
    let fills: Vec<(f64, NaiveDate)> = p
        .purchases
        .iter()
        .map(|b| (b.price, b.time.date()))
        .collect();
    assert_eq!(
        fills,
        vec![
            (98.0, d(2024, 1, 4)),
            (97.0, d(2024, 2, 2)),
            (101.0, d(2024, 3, 4))
        ]
    );
}

#[test]
fn schedules_weekly_and_custom_dates() {
    let s = chartist::sample::random_walk("X", 4, 30, 100.0, 0.0, 0.01);
    let weeks: std::collections::BTreeSet<_> = s.dates().map(|x| x.iso_week()).collect();
    let w = dca(&s, &DcaConfig::default().schedule(Schedule::Weekly)).unwrap();
    assert_eq!(w.contributions, weeks.len());
    // custom: the first date twice (one bar, double amount), one date after the data (ignored)
    let first = s.dates().next().unwrap();
    let ds = vec![first, first, first + Days::new(10), d(2100, 1, 1)];
    let c = dca(
        &s,
        &DcaConfig::default()
            .amount(10.0)
            .schedule(Schedule::Dates(ds)),
    )
    .unwrap();
    assert_eq!(c.contributions, 3);
    assert_eq!(c.invested, 30.0);
    assert_eq!(c.purchases.len(), 2);
}

#[test]
fn lump_sum_wins_in_a_steady_rise() {
    let s = monthly_closes(&[10.0, 11.0, 12.0, 13.0]);
    let c = dca_vs_lump_sum(&s, &DcaConfig::default().amount(100.0)).unwrap();
    // lump: 400 / 10 = 40 units -> 520; DCA: 10 + 9.0909 + 8.3333 + 7.6923 = 35.1166 -> 456.5
    assert_relative_eq!(c.lump_sum.final_value, 520.0, epsilon = 1e-9);
    let dca_units = 100.0 / 10.0 + 100.0 / 11.0 + 100.0 / 12.0 + 100.0 / 13.0;
    assert_relative_eq!(c.dca.final_value, dca_units * 13.0, epsilon = 1e-9);
    assert!(c.gap() < 0.0);
    assert_relative_eq!(c.lump_sum.time_weighted_return, 0.3, epsilon = 1e-12);
}

#[test]
fn dca_bad_input() {
    let s = monthly_closes(&[10.0, 11.0]);
    for a in [0.0, -5.0, f64::NAN] {
        assert!(matches!(
            dca(&s, &DcaConfig::default().amount(a)),
            Err(Error::InvalidParameter { .. })
        ));
    }
    let fee = DcaConfig::default()
        .amount(5.0)
        .fees(Fees::none().fixed(5.0));
    assert!(dca(&s, &fee).is_err());
    assert!(dca(&s, &DcaConfig::default().fees(Fees::none().percent(1.0))).is_err());
    assert!(dca(&s, &DcaConfig::default().schedule(Schedule::EveryBars(0))).is_err());
    assert!(dca(&s, &DcaConfig::default().entry(Entry::Limit { below: 1.5 })).is_err());
    let late = DcaConfig::default().schedule(Schedule::Dates(vec![d(2100, 1, 1)]));
    assert!(matches!(dca(&s, &late), Err(Error::Empty { .. })));
    assert!(dca_vs_lump_sum_all_starts(&s, &AllStartsConfig::default()).is_err());
    let short = AllStartsConfig::default()
        .contributions(12)
        .interval(21)
        .horizon(100);
    let long = chartist::sample::random_walk("X", 1, 400, 100.0, 0.0, 0.01);
    assert!(dca_vs_lump_sum_all_starts(&long, &short).is_err());
}

#[test]
fn all_starts_fast_path_matches_path_simulation() {
    let s = chartist::sample::random_walk("X", 8, 120, 100.0, 0.0003, 0.015);
    // 3 contributions every 5 bars (bars 0, 5, 10), valued at bar 12.
    for shares in [ShareMode::Fractional, ShareMode::Whole] {
        let cfg = AllStartsConfig::default()
            .contributions(3)
            .interval(5)
            .horizon(12)
            .amount(1_000.0)
            .fees(Fees::none().fixed(2.0).percent(0.001))
            .shares(shares);
        let all = dca_vs_lump_sum_all_starts(&s, &cfg).unwrap();
        assert_eq!(all.gaps.len(), 120 - 12);
        for start in [0usize, 37, 107] {
            let sub = s.between(s.times()[start], s.times()[start + 12]).unwrap();
            let path = DcaConfig::default()
                .amount(1_000.0)
                .fees(cfg.fees)
                .shares(shares)
                .schedule(Schedule::EveryBars(5));
            let c = dca_vs_lump_sum(&sub, &path).unwrap();
            assert_eq!(c.dca.contributions, 3);
            assert_relative_eq!(all.gaps[start], c.gap(), epsilon = 1e-9);
        }
        let mut sorted = all.gaps.clone();
        sorted.sort_by(|a, b| a.total_cmp(b));
        // 108 gaps: median = mean of order statistics 53 and 54 (0-based)
        assert_relative_eq!(all.distribution.median, (sorted[53] + sorted[54]) / 2.0);
        assert_eq!(all.distribution.min, sorted[0]);
        assert_eq!(
            all.dca_wins,
            all.gaps.iter().filter(|&&g| g > 1e-12).count()
        );
    }
}

#[test]
fn all_starts_constant_price_has_zero_gaps() {
    let s = chartist::sample::random_walk("X", 1, 400, 50.0, 0.0, 0.0);
    let a = dca_vs_lump_sum_all_starts(&s, &AllStartsConfig::default()).unwrap();
    assert!(a.gaps.iter().all(|g| g.abs() < 1e-12));
    assert_eq!(a.dca_wins, 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Rolling statistics are causal: computing on a prefix gives the prefix of the result.
    #[test]
    fn rolling_is_causal(rets in prop::collection::vec(-0.2f64..0.2, 10..80), cut in 3usize..80) {
        let mut v = vec![100.0];
        for r in &rets { let last = *v.last().unwrap(); v.push(last * (1.0 + r)); }
        let t = spaced(d(2020, 1, 1), 1, v.len());
        let k = cut.min(v.len());
        let full = rolling_performance(&t, &v, 3, &p252()).unwrap();
        let part = rolling_performance(&t[..k], &v[..k], 3, &p252()).unwrap();
        for i in 0..k {
            for (a, b) in [(full.sharpe[i], part.sharpe[i]), (full.sortino[i], part.sortino[i]),
                           (full.max_drawdown[i], part.max_drawdown[i]),
                           (full.annualized_volatility[i], part.annualized_volatility[i])] {
                prop_assert!((a.is_nan() && b.is_nan()) || a == b);
            }
        }
    }

    /// DCA, statistics and XIRR never panic on arbitrary positive paths and configs.
    #[test]
    fn no_panic(
        prices in prop::collection::vec(0.01f64..1e4, 1..60),
        amount in -10.0f64..1e4,
        fixed in 0.0f64..50.0,
        whole in any::<bool>(),
        below in -0.5f64..1.5,
        every in 0usize..10,
    ) {
        let t: Vec<_> = (0..prices.len()).map(|i| d(2020, 1, 1) + Days::new(i as u64)).collect();
        let s = PriceSeries::from_daily_closes("X", &t, prices.clone()).unwrap();
        let cfg = DcaConfig::default()
            .amount(amount)
            .fees(Fees::none().fixed(fixed))
            .shares(if whole { ShareMode::Whole } else { ShareMode::Fractional })
            .entry(Entry::Limit { below })
            .schedule(Schedule::EveryBars(every));
        let _ = dca_vs_lump_sum(&s, &cfg);
        let _ = dca_vs_lump_sum_all_starts(&s, &AllStartsConfig::default().contributions(2).interval(every).horizon(every.max(1) * 2).amount(amount).fees(Fees::none().fixed(fixed)));
        let _ = performance(&s, &PerformanceConfig::default());
        let flows: Vec<CashFlow> = t.iter().zip(&prices).enumerate()
            .map(|(i, (d, p))| CashFlow::new(*d, if i % 3 == 0 { -p } else { *p })).collect();
        let _ = xirr(&flows);
    }
}
