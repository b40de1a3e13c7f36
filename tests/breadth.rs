//! Breadth: hand-worked panels, real sector ETFs, bad input, causality.

mod common;

use approx::assert_relative_eq;
use chartist::breadth::{
    advance_decline, breadth, breadth_thrust, mcclellan, new_highs_lows, participation,
    percent_above_ma, up_volume_share, BreadthConfig, HighLowBasis, McClellanConfig, ThrustConfig,
};
use chartist::series::{midnight, read_csv, CsvOptions, Panel, PanelJoin};
use chrono::NaiveDate;
use ndarray::Array2;
use proptest::prelude::*;

fn days(n: usize) -> Vec<chrono::NaiveDateTime> {
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    (0..n)
        .map(|i| midnight(start + chrono::Days::new(i as u64)))
        .collect()
}

fn panel(rows: &[&[f64]]) -> Panel {
    let t = rows[0].len();
    let flat: Vec<f64> = rows.iter().flat_map(|r| r.iter().copied()).collect();
    let m = Array2::from_shape_vec((rows.len(), t), flat).unwrap();
    let names = (0..rows.len()).map(|i| format!("S{i}")).collect();
    Panel::from_closes(names, days(t), m).unwrap()
}

const NAN: f64 = f64::NAN;

/// A: always up. B: up, down, up, down, up. C: down, down, up, up, up. D: no data at all.
fn abcd() -> Panel {
    panel(&[
        &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        &[1.0, 2.0, 1.0, 2.0, 1.0, 2.0],
        &[5.0, 4.0, 3.0, 4.0, 5.0, 6.0],
        &[NAN; 6],
    ])
}

#[test]
fn advance_decline_counts_line_and_ratio() {
    let ad = advance_decline(&abcd());
    // date 1: A+ B+ C- ; date 2: A+ B- C- ; date 3: all up ; date 4: A+ B- C+ ; date 5: all up.
    assert_eq!(ad.advancers, vec![0, 2, 1, 3, 2, 3]);
    assert_eq!(ad.decliners, vec![0, 1, 2, 0, 1, 0]);
    assert_eq!(ad.unchanged, vec![0; 6]);
    // D never counts; on date 0 nobody has a previous close.
    assert_eq!(ad.excluded, vec![4, 1, 1, 1, 1, 1]);
    assert!(ad.net[0].is_nan());
    assert_eq!(&ad.net[1..], &[1.0, -1.0, 3.0, 1.0, 3.0]);
    // line: 0, 0+1, 1-1, 0+3, 3+1, 4+3
    assert_eq!(ad.line, vec![0.0, 1.0, 0.0, 3.0, 4.0, 7.0]);
    // ratio: 2/1, 1/2, 3/0 -> NaN, 2/1, 3/0 -> NaN
    assert!(ad.ratio[0].is_nan() && ad.ratio[3].is_nan() && ad.ratio[5].is_nan());
    assert_eq!((ad.ratio[1], ad.ratio[2], ad.ratio[4]), (2.0, 0.5, 2.0));
}

#[test]
fn mcclellan_hand_worked_with_short_periods() {
    let ad = advance_decline(&abcd());
    let m = mcclellan(&ad, &McClellanConfig::default().fast(2).slow(3)).unwrap();
    // net = [NaN, 1, -1, 3, 1, 3]
    // EMA2 (k = 2/3): seed at 2 = (1 + -1)/2 = 0; [3] 0 + (3-0)*2/3 = 2;
    //   [4] 2 + (1-2)*2/3 = 4/3; [5] 4/3 + (3-4/3)*2/3 = 22/9.
    // EMA3 (k = 1/2): seed at 3 = (1 - 1 + 3)/3 = 1; [4] 1 + (1-1)/2 = 1; [5] 1 + (3-1)/2 = 2.
    // oscillator: [3] 2-1 = 1; [4] 4/3-1 = 1/3; [5] 22/9-2 = 4/9.
    for i in 0..3 {
        assert!(m.oscillator[i].is_nan() && m.summation[i].is_nan());
    }
    assert_relative_eq!(m.oscillator[3], 1.0, epsilon = 1e-12);
    assert_relative_eq!(m.oscillator[4], 1.0 / 3.0, epsilon = 1e-12);
    assert_relative_eq!(m.oscillator[5], 4.0 / 9.0, epsilon = 1e-12);
    // summation: 1, 1 + 1/3, 4/3 + 4/9 = 16/9
    assert_relative_eq!(m.summation[5], 16.0 / 9.0, epsilon = 1e-12);
    // ratio-adjusted: adv + dec = 3 every date, so RANA = net / 3 * 1000 and every EMA scales.
    for i in 3..6 {
        assert_relative_eq!(
            m.ratio_adjusted_oscillator[i],
            m.oscillator[i] * 1000.0 / 3.0,
            epsilon = 1e-9
        );
        assert_relative_eq!(
            m.ratio_adjusted_summation[i],
            m.summation[i] * 1000.0 / 3.0,
            epsilon = 1e-9
        );
    }
}

#[test]
fn mcclellan_classic_constants_warm_up_at_date_39() {
    // 5 members, 3 advance and 2 decline every day: net = +1 constant, so both EMAs are 1
    // and the oscillator is exactly 0 from its first value on.
    let t = 60;
    let rows: Vec<Vec<f64>> = (0..5)
        .map(|r| {
            (0..t)
                .map(|i| {
                    if r < 3 {
                        1.0 + i as f64
                    } else {
                        100.0 - i as f64
                    }
                })
                .collect()
        })
        .collect();
    let refs: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
    let m = mcclellan(&advance_decline(&panel(&refs)), &McClellanConfig::default()).unwrap();
    // net starts at date 1; EMA39 needs 39 values -> first at date 39.
    assert!(m.oscillator[38].is_nan());
    for i in 39..t {
        assert_eq!(m.oscillator[i], 0.0);
        assert_eq!(m.summation[i], 0.0);
    }
}

#[test]
fn percent_above_ma_hand_worked() {
    let s = percent_above_ma(&abcd(), 3).unwrap();
    // SMA3 from date 2. A: 3>2, 4>3, 5>4, 6>5 (above every date).
    // B: [2] 1 < 4/3 ; [3] 2 > 5/3 ; [4] 1 < 4/3 ; [5] 2 > 5/3.
    // C: [2] 3 < 4 ; [3] 4 > 11/3 ; [4] 5 > 4 ; [5] 6 > 5.
    assert_eq!(s.counted, vec![0, 0, 3, 3, 3, 3]);
    assert_eq!(s.excluded, vec![4, 4, 1, 1, 1, 1]);
    assert_eq!(s.count, vec![0, 0, 1, 3, 2, 3]);
    assert!(s.share[0].is_nan());
    assert_relative_eq!(s.share[4], 2.0 / 3.0);
    assert_eq!(s.share[5], 1.0);
}

#[test]
fn a_gap_excludes_a_member_until_its_window_refills() {
    // B is missing on date 3: A/D excludes it on dates 3 and 4; SMA2 on dates 3 and 4.
    let p = panel(&[
        &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0],
        &[1.0, 2.0, 3.0, NAN, 5.0, 6.0],
    ]);
    let ad = advance_decline(&p);
    assert_eq!(ad.excluded, vec![2, 0, 0, 1, 1, 0]);
    let s = percent_above_ma(&p, 2).unwrap();
    assert_eq!(s.counted, vec![0, 2, 2, 1, 1, 2]);
    let h = new_highs_lows(&p, 2, HighLowBasis::Close).unwrap();
    // B needs its close and 2 prior closes without NaN: only date 2 qualifies (dates 3-5 do not).
    assert_eq!(h.counted, vec![0, 0, 2, 1, 1, 1]);
    assert_eq!(h.new_highs, vec![0, 0, 2, 1, 1, 1]);
    let part = participation(&p, 2).unwrap();
    // date 3: B NaN; date 5: B 6 vs close[3] NaN -> excluded; date 4: 5 vs 3 -> counted.
    assert_eq!(part.counted, vec![0, 0, 2, 1, 2, 1]);
    assert_eq!(part.count, part.counted);
}

#[test]
fn new_highs_lows_hand_worked_high_low_basis() {
    use chartist::series::{Bar, PriceSeries};
    let d = |i: u32| NaiveDate::from_ymd_opt(2025, 3, i).unwrap();
    // X: highs 10, 11, 12 ; lows 9, 8, 7 -> on date 2 both a new 2-day high (12 > 11) and low.
    let x = PriceSeries::from_bars(
        "X",
        vec![
            Bar::daily(d(3), 9.5, 10.0, 9.0, 9.5, 1.0),
            Bar::daily(d(4), 9.5, 11.0, 8.0, 9.5, 1.0),
            Bar::daily(d(5), 9.5, 12.0, 7.0, 9.5, 1.0),
        ],
    )
    .unwrap();
    let p = Panel::from_series(&[x], PanelJoin::Outer).unwrap();
    let hl = new_highs_lows(&p, 2, HighLowBasis::HighLow).unwrap();
    assert_eq!((hl.new_highs[2], hl.new_lows[2], hl.net[2]), (1, 1, 0.0));
    let c = new_highs_lows(&p, 2, HighLowBasis::Close).unwrap();
    assert_eq!((c.new_highs[2], c.new_lows[2]), (0, 0)); // flat closes
    assert!(hl.net[1].is_nan());
}

#[test]
fn up_volume_share_hand_worked() {
    use chartist::series::{Bar, PriceSeries};
    let d = |i: u32| NaiveDate::from_ymd_opt(2025, 3, i).unwrap();
    let mk = |s: &str, c: [f64; 2], v: [f64; 2]| {
        PriceSeries::from_bars(
            s,
            vec![
                Bar::daily(d(3), c[0], c[0], c[0], c[0], v[0]),
                Bar::daily(d(4), c[1], c[1], c[1], c[1], v[1]),
            ],
        )
        .unwrap()
    };
    let p = Panel::from_series(
        &[
            mk("UP", [1.0, 2.0], [5.0, 600.0]),
            mk("DN", [2.0, 1.0], [5.0, 200.0]),
            mk("EQ", [2.0, 2.0], [5.0, 1000.0]),
        ],
        PanelJoin::Outer,
    )
    .unwrap();
    let u = up_volume_share(&p);
    // 600 / (600 + 200); the unchanged member's 1000 goes to neither side.
    assert_eq!(u.share[1], 0.75);
    assert_eq!(u.counted, vec![0, 3]);
    assert!(u.share[0].is_nan());
}

/// Builds `members` series where, on date `t >= 1`, the first `adv[t]` members rise and the
/// rest fall.
fn panel_with_advancers(members: usize, adv: &[usize]) -> Panel {
    let t = adv.len();
    let mut rows = vec![vec![100.0; t]; members];
    for i in 1..t {
        for (r, row) in rows.iter_mut().enumerate() {
            row[i] = row[i - 1] * if r < adv[i] { 1.01 } else { 0.99 };
        }
    }
    let refs: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
    panel(&refs)
}

#[test]
fn zweig_thrust_fires_on_a_fast_swing() {
    // 10 members; advancing share: [-, .2, .2, .9, .9, .9, .2, .2, .2, .2, .5, .6, .7]
    let adv = [0, 2, 2, 9, 9, 9, 2, 2, 2, 2, 5, 6, 7];
    let p = panel_with_advancers(10, &adv);
    let cfg = ThrustConfig::default().period(2).within(3);
    let z = breadth_thrust(&advance_decline(&p), &cfg).unwrap();
    // EMA2 (k = 2/3): [2] seed (.2+.2)/2 = .2 (< .40); [3] .2 + .7*2/3 = .6667 > .615 -> fires.
    assert_relative_eq!(z.ema[2], 0.2, epsilon = 1e-12);
    assert_relative_eq!(z.ema[3], 0.2 + 0.7 * 2.0 / 3.0, epsilon = 1e-12);
    // [4] .6667 + .2333*2/3 = .8222 (already above: no new signal).
    // [5] .8741; [6] .8741 + (.2-.8741)*2/3 = .4247, [7] .2749, [8] .2250, [9] .2083 (< .40,
    // last time at 9); [10] .2083 + .2917*2/3 = .4028, [11] .5343, [12] .6448 > .615 -> fires
    // (9 + 3 >= 12).
    assert_eq!(z.signals, vec![3, 12]);
    assert_eq!(z.signal_times().len(), 2);
    // With a 2-day window the second swing is too slow (last low at 9, 9 + 2 < 12).
    let z2 = breadth_thrust(&advance_decline(&p), &cfg.within(2)).unwrap();
    assert_eq!(z2.signals, vec![3]);
}

#[test]
fn bad_input_is_typed_or_harmless() {
    // A single date: nothing counts, shares are NaN, no panic.
    let one = panel(&[&[1.0], &[2.0]]);
    let b = breadth(&one, &BreadthConfig::default()).unwrap();
    assert_eq!(b.advance_decline.excluded, vec![2]);
    assert!(b.above_ma.share[0].is_nan() && b.participation.share[0].is_nan());
    assert!(b.thrust.signals.is_empty());
    // All members all-NaN.
    let nan = panel(&[&[NAN, NAN, NAN], &[NAN, NAN, NAN]]);
    let b = breadth(&nan, &BreadthConfig::default().ma_period(2)).unwrap();
    assert_eq!(b.above_ma.excluded, vec![2, 2, 2]);
    assert!(b.advance_decline.net.iter().all(|x| x.is_nan()));
    assert_eq!(b.advance_decline.line, vec![0.0; 3]);
    // Empty panels cannot be built.
    assert!(Panel::from_closes(vec![], vec![], Array2::zeros((0, 0))).is_err());
    // Parameters.
    let p = abcd();
    assert!(percent_above_ma(&p, 0).is_err());
    assert!(participation(&p, 0).is_err());
    assert!(new_highs_lows(&p, 0, HighLowBasis::Close).is_err());
    let ad = advance_decline(&p);
    assert!(mcclellan(&ad, &McClellanConfig::default().fast(39).slow(19)).is_err());
    assert!(breadth_thrust(&ad, &ThrustConfig::default().levels(0.7, 0.4)).is_err());
    assert!(breadth_thrust(&ad, &ThrustConfig::default().levels(-0.1, 0.4)).is_err());
    assert!(breadth(&p, &BreadthConfig::default().participation_window(0)).is_err());
}

#[test]
fn sectors_breadth_as_of_2026_01_16() {
    let Ok(dir) = std::env::var("CHARTIST_DATA_DIR") else {
        eprintln!("skipping: CHARTIST_DATA_DIR not set");
        return;
    };
    let folder = std::path::Path::new(&dir).join("market/sectors-1y");
    let files = common::csv_files(&folder);
    let series: Vec<_> = files
        .iter()
        .map(|f| read_csv(f, &CsvOptions::default()).unwrap().0)
        .collect();
    let n = series.len();
    assert_eq!(n, 23);
    let p = Panel::from_series(&series, PanelJoin::Outer).unwrap();
    let b = breadth(&p, &BreadthConfig::default()).unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 1, 16).unwrap();
    let t = p.index_on(day).unwrap();

    // Independent count from each file: close on the day vs the previous row, and vs the
    // mean of the last 50 closes.
    let (mut up, mut down, mut above) = (0, 0, 0);
    for s in &series {
        let i = s.index_on(day).unwrap();
        let c = s.close();
        if c[i] > c[i - 1] {
            up += 1;
        } else if c[i] < c[i - 1] {
            down += 1;
        }
        let sma: f64 = c[i + 1 - 50..=i].iter().sum::<f64>() / 50.0;
        if c[i] > sma {
            above += 1;
        }
    }
    let ad = &b.advance_decline;
    assert_eq!(ad.excluded[t], 0);
    assert_eq!(ad.advancers[t], up);
    assert_eq!(ad.decliners[t], down);
    assert_eq!(ad.advancers[t] + ad.decliners[t] + ad.unchanged[t], n);
    assert_eq!(b.above_ma.counted[t], n);
    assert_eq!(b.above_ma.count[t], above);
    // A year of history is under 252 prior bars on this date: every member is excluded.
    assert_eq!(b.new_highs_lows.excluded[t], n);
    eprintln!(
        "sectors-1y on {day}: {up} up, {down} down, {above}/{n} above their 50-day SMA, \
         McClellan {:.2}, up-volume share {:.3}, participation(20) {:.3}",
        b.mcclellan.oscillator[t], b.up_volume.share[t], b.participation.share[t]
    );
}

fn same(a: &[f64], b: &[f64]) -> bool {
    a.iter()
        .zip(b)
        .all(|(x, y)| (x.is_nan() && y.is_nan()) || x == y)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// No panic on any positive panel with gaps, and every measure is causal: the breadth of
    /// the first `k` dates equals the first `k` values of the full breadth.
    #[test]
    fn breadth_is_causal_and_total(
        cells in prop::collection::vec(prop_oneof![9 => 1.0f64..100.0, 1 => Just(f64::NAN)], 4 * 40),
        k in 1usize..40,
    ) {
        let rows: Vec<&[f64]> = cells.chunks(40).collect();
        let full = panel(&rows);
        let cut: Vec<&[f64]> = rows.iter().map(|r| &r[..k]).collect();
        let part = panel(&cut);
        let cfg = BreadthConfig::default()
            .ma_period(5)
            .high_low_period(7)
            .participation_window(3)
            .mcclellan(McClellanConfig::default().fast(3).slow(6))
            .thrust(ThrustConfig::default().period(3));
        let a = breadth(&full, &cfg).unwrap();
        let b = breadth(&part, &cfg).unwrap();
        prop_assert!(same(&a.above_ma.share[..k], &b.above_ma.share));
        prop_assert_eq!(&a.advance_decline.excluded[..k], &b.advance_decline.excluded[..]);
        prop_assert!(same(&a.advance_decline.line[..k], &b.advance_decline.line));
        prop_assert!(same(&a.mcclellan.summation[..k], &b.mcclellan.summation));
        prop_assert!(same(&a.mcclellan.ratio_adjusted_oscillator[..k], &b.mcclellan.ratio_adjusted_oscillator));
        prop_assert!(same(&a.new_highs_lows.net[..k], &b.new_highs_lows.net));
        prop_assert!(same(&a.participation.share[..k], &b.participation.share));
        prop_assert!(same(&a.thrust.ema[..k], &b.thrust.ema));
        let sig: Vec<usize> = a.thrust.signals.iter().copied().filter(|&i| i < k).collect();
        prop_assert_eq!(sig, b.thrust.signals.clone());
        for i in 0..k {
            prop_assert_eq!(a.above_ma.counted[i] + a.above_ma.excluded[i], 4);
        }
    }
}
