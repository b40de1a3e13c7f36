//! Behaviour of range and breakout detection on series built so the answer is known exactly,
//! plus causality and no-panic properties and bad input.

use chartist::breakout::*;
use chartist::sample::weekdays;
use chartist::series::PriceSeries;
use chrono::NaiveDate;
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// Four cycles of a sawtooth 100 -> 110 -> 100 (40 bars), then `tail`.
fn ranged(tail: &[f64]) -> Vec<f64> {
    let cycle = [
        100.0, 102.0, 104.0, 106.0, 108.0, 110.0, 108.0, 106.0, 104.0, 102.0,
    ];
    let mut c: Vec<f64> = cycle.iter().cycle().take(40).copied().collect();
    c.extend_from_slice(tail);
    c
}

fn series(closes: Vec<f64>) -> PriceSeries {
    let dates = weekdays(d(2024, 1, 1), closes.len());
    PriceSeries::from_daily_closes("SYN", &dates, closes).expect("valid series")
}

#[test]
fn flat_range_then_breakout_on_known_bar() {
    let s = series(ranged(&[113.0, 115.0, 116.0, 117.0, 118.0, 119.0, 120.0]));
    let found = scan_series(&s, &BreakoutConfig::default()).expect("scan");
    assert_eq!(found.breakouts.len(), 1);
    let b = &found.breakouts[0];
    let dates: Vec<NaiveDate> = s.dates().collect();
    assert_eq!(b.direction, Direction::Up);
    assert_eq!(b.bar.index, 40);
    assert_eq!(b.bar.date(), Some(dates[40]));
    assert_eq!(b.bar.date(), Some(d(2024, 2, 26)));
    assert_eq!(b.level, 110.0);
    assert_eq!(b.state, BreakoutState::Confirmed);
    assert_eq!(b.confirmed_at.map(|r| r.index), Some(41));
    assert_eq!(b.failed_at, None);
    assert_eq!(b.retest_at, None);
    assert_eq!(b.target, 120.0);
    assert_eq!(b.invalidation, 105.0);
    // Every close-to-close move inside the range is 2, so Wilder's ATR is exactly 2.
    assert_eq!(b.atr, 2.0);
    assert_eq!(b.distance_atr, Some(1.5));
    assert_eq!(b.relative_volume, None); // close-only series
    let r = &b.range;
    assert_eq!((r.start.index, r.end.index), (0, 39));
    assert_eq!((r.upper, r.lower, r.height), (110.0, 100.0, 10.0));
    let idx = |v: &[BarRef]| v.iter().map(|t| t.index).collect::<Vec<_>>();
    assert_eq!(idx(&r.upper_touches), vec![5, 15, 25, 35]);
    assert_eq!(idx(&r.lower_touches), vec![0, 10, 20, 30]);
    // The range ended at the bar before the breakout and price is above it.
    assert_eq!(found.ranges.len(), 1);
    assert_eq!(found.ranges[0].end.index, 39);
    assert_eq!(found.position(), Some(Position::Above));
}

#[test]
fn false_breakout_falls_back_and_range_stays_in_force() {
    let tail = [112.0, 108.0, 106.0, 104.0, 102.0, 104.0];
    let s = series(ranged(&tail));
    let mut det = BreakoutDetector::new(BreakoutConfig::default()).expect("config");
    let mut all = Vec::new();
    for bar in s.bars() {
        let input = BarInput::close(bar.close).time(bar.time);
        all.extend(det.update(input).iter().cloned());
    }
    let kinds: Vec<(EventKind, usize)> = all.iter().map(|e| (e.kind, e.at.index)).collect();
    assert_eq!(
        kinds,
        vec![(EventKind::Breakout, 40), (EventKind::Failed, 41)]
    );
    let b = &det.breakouts()[0];
    assert_eq!(b.state, BreakoutState::Failed);
    assert_eq!(b.level, 110.0);
    assert_eq!(b.failed_at.and_then(|r| r.date()), Some(d(2024, 2, 27)));
    let active = det.active_range().expect("range still in force");
    assert_eq!((active.upper, active.lower), (110.0, 100.0));
    assert_eq!(active.end.index, 45);
    let found = det.to_scan();
    assert_eq!(found.position(), Some(Position::Inside));
}

#[test]
fn breakdown_below_support() {
    let s = series(ranged(&[97.0, 95.0, 94.0, 93.0, 92.0, 91.0, 90.0]));
    let found = scan_series(&s, &BreakoutConfig::default()).expect("scan");
    assert_eq!(found.breakouts.len(), 1);
    let b = &found.breakouts[0];
    assert_eq!(
        (b.direction, b.level, b.bar.index),
        (Direction::Down, 100.0, 40)
    );
    assert_eq!(b.state, BreakoutState::Confirmed);
    assert_eq!(b.target, 90.0);
    assert_eq!(b.distance_atr, Some(1.5));
    assert_eq!(found.position(), Some(Position::Below));
}

#[test]
fn confirmation_rules_and_retest() {
    let tail = [111.0, 111.5, 112.0, 110.5, 113.0, 114.0, 115.0];
    let closes = ranged(&tail);
    let run = |cfg: BreakoutConfig| {
        scan(Input::closes(&closes), &cfg).expect("scan").breakouts[0].clone()
    };
    // Two closes: confirmed on bar 41. Retest: the first later close within 0.5 ATR (= 1) of
    // 110 while still above it is 110.5 on bar 43 (111.5 on bar 41 is not close enough).
    let b = run(BreakoutConfig::default());
    assert_eq!(b.confirmed_at.map(|r| r.index), Some(41));
    assert_eq!(b.retest_at.map(|r| r.index), Some(43));
    // 2% beyond 110 is 112.2: first reached by the close of 113 on bar 44.
    let b = run(BreakoutConfig::default().confirm_percent(2.0));
    assert_eq!(b.confirmed_at.map(|r| r.index), Some(44));
    // 1.5 ATR (ATR 2) beyond is 113: bar 44 again; 2 ATR = 114: bar 45.
    let b = run(BreakoutConfig::default().confirm_atr(2.0));
    assert_eq!(b.confirmed_at.map(|r| r.index), Some(45));
    // Time filter: three bars after the breakout without closing inside.
    let b = run(BreakoutConfig::default().confirm_bars(3));
    assert_eq!(b.confirmed_at.map(|r| r.index), Some(43));
    // One close: confirmed on the breakout bar itself.
    let b = run(BreakoutConfig::default().confirm_closes(1));
    assert_eq!(b.confirmed_at.map(|r| r.index), Some(40));
}

#[test]
fn confirmed_breakout_that_falls_back_within_the_window_fails() {
    let closes = ranged(&[
        112.0, 113.0, 109.0, 112.0, 113.0, 114.0, 115.0, 116.0, 117.0,
    ]);
    let found = scan(Input::closes(&closes), &BreakoutConfig::default()).expect("scan");
    let states: Vec<(usize, BreakoutState)> = found
        .breakouts
        .iter()
        .map(|b| (b.bar.index, b.state))
        .collect();
    assert_eq!(
        states,
        vec![(40, BreakoutState::Failed), (43, BreakoutState::Confirmed)]
    );
    assert_eq!(found.breakouts[0].confirmed_at.map(|r| r.index), Some(41));
    assert_eq!(found.breakouts[0].failed_at.map(|r| r.index), Some(42));
    // Same level: the range was not redrawn by the failed attempt.
    assert_eq!(found.breakouts[1].level, 110.0);
}

#[test]
fn volume_relative_to_its_average() {
    let closes = ranged(&[113.0, 115.0]);
    let mut volume = vec![1000.0; closes.len()];
    volume[40] = 3000.0;
    let cfg = BreakoutConfig::default().volume_period(20);
    let found = scan(Input::closes(&closes).volume(&volume), &cfg).expect("scan");
    assert_eq!(found.breakouts[0].relative_volume, Some(3.0));
}

#[test]
fn percent_width_limit_and_high_low_basis() {
    let closes = ranged(&[113.0, 115.0]);
    let high: Vec<f64> = closes.iter().map(|c| c + 0.5).collect();
    let low: Vec<f64> = closes.iter().map(|c| c - 0.5).collect();
    let cfg = BreakoutConfig::default()
        .basis(RangeBasis::HighLow)
        .max_width_percent(12.0);
    let found = scan(Input::closes(&closes).high_low(&high, &low), &cfg).expect("scan");
    let b = &found.breakouts[0];
    assert_eq!((b.level, b.range.lower, b.bar.index), (110.5, 99.5, 40));
    // 10% is narrower than the 11/105 band: no range.
    let cfg = cfg.max_width_percent(10.0);
    let found = scan(Input::closes(&closes).high_low(&high, &low), &cfg).expect("scan");
    assert!(found.breakouts.is_empty());
}

#[test]
fn ratio_line_works_like_a_price() {
    // A relative-strength line around 0.36: the same shape scaled.
    let closes: Vec<f64> = ranged(&[113.0, 115.0, 116.0])
        .iter()
        .map(|c| c * 0.0036)
        .collect();
    let found = scan(Input::closes(&closes), &BreakoutConfig::default()).expect("scan");
    let b = &found.breakouts[0];
    assert_eq!(b.bar.index, 40);
    assert!((b.level - 0.396).abs() < 1e-12);
    assert_eq!(b.state, BreakoutState::Confirmed);
}

#[test]
fn channels_and_extremes() {
    let high = [10.0, 11.0, 12.0, 11.5, 11.0, 12.5, 9.0];
    let low = [9.0, 10.0, 11.0, 10.5, 10.0, 11.0, 8.0];
    let close = [9.5, 10.5, 11.5, 11.0, 10.5, 12.4, 8.5];
    let b = donchian_breakouts(&high, &low, &close, 3).expect("donchian");
    let got: Vec<(usize, Direction, f64)> =
        b.iter().map(|x| (x.index, x.direction, x.level)).collect();
    // Bar 5 closes at 12.4 above the prior 3-bar high 12.0 (bars 2..=4); bar 6 closes at 8.5
    // below the prior 3-bar low 10.0 (bars 3..=5). Bars 0..=2 are the warm-up.
    assert_eq!(
        got,
        vec![(5, Direction::Up, 12.0), (6, Direction::Down, 10.0)]
    );
    let x = new_extremes(&high, &low, Lookback::AllTime).expect("extremes");
    let ups: Vec<(usize, usize)> = x
        .iter()
        .filter(|e| e.direction == Direction::Up)
        .map(|e| (e.index, e.previous_index))
        .collect();
    assert_eq!(ups, vec![(1, 0), (2, 1), (5, 2)]);
    let downs: Vec<usize> = x
        .iter()
        .filter(|e| e.direction == Direction::Down)
        .map(|e| e.index)
        .collect();
    assert_eq!(downs, vec![6]);
    let w = new_extremes(&high, &low, Lookback::Bars(2)).expect("extremes");
    assert!(w
        .iter()
        .any(|e| e.index == 5 && e.previous == 11.5 && e.previous_index == 3));
}

#[test]
fn squeeze_on_and_off_dates() {
    // A trend, a flat quiet stretch (bars 30..=59), then a trend again.
    let close: Vec<f64> = (0..90)
        .map(|i| match i {
            0..=29 => 100.0 + 3.0 * i as f64,
            30..=59 => 190.0 + 0.1 * (i % 2) as f64,
            _ => 190.0 + 3.0 * (i - 59) as f64,
        })
        .collect();
    let high: Vec<f64> = close.iter().map(|c| c + 1.0).collect();
    let low: Vec<f64> = close.iter().map(|c| c - 1.0).collect();
    let sq = ttm_squeeze(&high, &low, &close, &SqueezeConfig::default()).expect("squeeze");
    assert_eq!(sq.len(), 1);
    // Cross-check the on/off bars against the bands themselves.
    let bb = chartist::indicators::bollinger(&close, 20, 2.0).expect("bb");
    let kc = chartist::indicators::keltner(&high, &low, &close, 20, 20, 1.5).expect("kc");
    let inside = |i: usize| bb.upper[i] < kc.upper[i] && bb.lower[i] > kc.lower[i];
    let on = sq[0].on;
    let off = sq[0].off.expect("fires");
    assert!((30..60).contains(&on), "on at {on}");
    assert!((60..70).contains(&off), "off at {off}");
    assert!(!inside(on - 1) && inside(on) && inside(off - 1) && !inside(off));
    // Bandwidth squeeze: at bar 49 the 20-bar window is entirely flat, narrower than any of
    // the 25 before it (all past warm-up).
    let bw = bandwidth_squeeze(&close, 20, 2.0, 25, 0.0).expect("bandwidth");
    assert!(bw[49] && !bw[20] && !bw[75]);
}

#[test]
fn narrow_range_inside_bars_and_darvas() {
    let high = [10.0, 10.5, 10.4, 10.3, 10.2, 10.1, 10.05, 11.0];
    let low = [9.0, 9.2, 9.4, 9.6, 9.8, 9.9, 9.95, 10.5];
    let nr7 = narrow_range(&high, &low, 7).expect("nr7");
    assert_eq!(
        nr7,
        vec![false, false, false, false, false, false, true, false]
    );
    let nr4 = narrow_range(&high, &low, 4).expect("nr4");
    assert_eq!(
        nr4,
        vec![false, false, false, true, true, true, true, false]
    );
    let ib = inside_bars(&high, &low).expect("inside");
    assert_eq!(ib, vec![false, false, true, true, true, true, true, false]);
    let boxes = darvas_boxes(&high, &low, 3).expect("darvas");
    assert_eq!(boxes.len(), 1);
    assert_eq!((boxes[0].top, boxes[0].top_index), (10.5, 1));
    assert_eq!((boxes[0].bottom, boxes[0].bottom_index), (9.4, 2));
    assert_eq!(boxes[0].complete_at, 5);
    assert_eq!(boxes[0].broken, Some((7, Direction::Up)));
}

#[test]
fn bad_input_is_typed_or_documented() {
    // Too little data: nothing found, no error.
    let found = scan(Input::closes(&[1.0, 2.0, 3.0]), &BreakoutConfig::default()).expect("ok");
    assert!(found.breakouts.is_empty() && found.ranges.is_empty() && found.forming.is_none());
    let found = scan(Input::closes(&[]), &BreakoutConfig::default()).expect("ok");
    assert_eq!(found.last, None);
    // Flat series: zero height is one continuous touch of each edge, never a range.
    let flat = vec![5.0; 300];
    let found = scan(Input::closes(&flat), &BreakoutConfig::default()).expect("ok");
    assert!(found.breakouts.is_empty() && found.forming.is_none());
    // NaN gaps are skipped: the answer is the clean series' answer with indices shifted.
    let clean = ranged(&[113.0, 115.0, 116.0]);
    let mut gappy = clean.clone();
    gappy.insert(20, f64::NAN);
    gappy.insert(3, f64::INFINITY);
    let a = scan(Input::closes(&clean), &BreakoutConfig::default()).expect("ok");
    let b = scan(Input::closes(&gappy), &BreakoutConfig::default()).expect("ok");
    assert_eq!(b.breakouts.len(), 1);
    assert_eq!(b.breakouts[0].bar.index, a.breakouts[0].bar.index + 2);
    assert_eq!(b.breakouts[0].level, a.breakouts[0].level);
    // Mismatched columns and bad parameters are typed errors.
    let e = scan(
        Input::closes(&[1.0, 2.0]).high_low(&[1.0], &[1.0]),
        &BreakoutConfig::default(),
    )
    .unwrap_err();
    assert!(matches!(
        e,
        chartist::Error::LengthMismatch { name: "high", .. }
    ));
    for cfg in [
        BreakoutConfig::default().min_bars(1),
        BreakoutConfig::default().min_touches(0),
        BreakoutConfig::default().max_width_atr(0.5),
        BreakoutConfig::default().max_width_percent(f64::NAN),
        BreakoutConfig::default().confirm_closes(0),
        BreakoutConfig::default().touch_tolerance(0.9),
        BreakoutConfig::default().atr_period(0),
    ] {
        assert!(matches!(
            BreakoutDetector::new(cfg),
            Err(chartist::Error::InvalidParameter { .. })
        ));
    }
    assert!(donchian_breakouts(&[1.0], &[1.0], &[1.0], 0).is_err());
    assert!(darvas_boxes(&[1.0], &[1.0, 2.0], 3).is_err());
    assert!(bandwidth_squeeze(&[1.0], 20, 2.0, 10, 101.0).is_err());
}

/// A random series that spends its time in ranges: a bounded random walk.
fn bounded_walk() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-3.0f64..3.0, 30..160).prop_map(|steps| {
        let mut x = 100.0;
        steps
            .iter()
            .map(|s| {
                x += s;
                if !(90.0..=110.0).contains(&x) {
                    x -= 2.0 * s;
                }
                x
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Causality: scanning any prefix gives the full run's breakouts as they were known then.
    #[test]
    fn every_prefix_sees_the_full_run_restricted(
        mut closes in bounded_walk(),
        nan_at in prop::option::of(0usize..160),
        breakout in prop::collection::vec(-6.0f64..6.0, 0..20),
    ) {
        let last = closes.last().copied().unwrap_or(100.0);
        closes.extend(breakout.iter().scan(last, |x, s| { *x += s; Some(*x) }));
        if let Some(i) = nan_at.filter(|i| *i < closes.len()) {
            closes[i] = f64::NAN;
        }
        let cfg = BreakoutConfig::default().min_bars(10).failure_window(3);
        let full = scan(Input::closes(&closes), &cfg).unwrap();
        for p in 1..=closes.len() {
            let part = scan(Input::closes(&closes[..p]), &cfg).unwrap();
            let expected: Vec<Breakout> = full.breakouts.iter().filter_map(|b| b.as_of(p - 1)).collect();
            prop_assert_eq!(&part.breakouts, &expected, "prefix {}", p);
        }
    }

    /// The batch scan stamps its timestamps on the result at the end; the streaming detector
    /// carries each bar's own. Both give the same scan, with skipped (NaN) closes in between,
    /// volume, and either basis.
    #[test]
    fn batch_timestamps_equal_streaming_timestamps(
        mut closes in bounded_walk(),
        nan_at in prop::collection::vec(0usize..160, 0..4),
        breakout in prop::collection::vec(-6.0f64..6.0, 0..20),
        high_low in any::<bool>(),
    ) {
        let last = closes.last().copied().unwrap_or(100.0);
        closes.extend(breakout.iter().scan(last, |x, s| { *x += s; Some(*x) }));
        let n = closes.len();
        for &i in nan_at.iter().filter(|&&i| i < n) {
            closes[i] = f64::NAN;
        }
        let times: Vec<_> = weekdays(d(2020, 1, 1), n)
            .iter()
            .map(|day| day.and_hms_opt(0, 0, 0).expect("midnight"))
            .collect();
        let high: Vec<f64> = closes.iter().map(|c| c + 0.5).collect();
        let low: Vec<f64> = closes.iter().map(|c| c - 0.5).collect();
        let volume: Vec<f64> = (0..n).map(|i| 1000.0 + (i % 7) as f64 * 100.0).collect();
        let basis = if high_low { RangeBasis::HighLow } else { RangeBasis::Close };
        let cfg = BreakoutConfig::default().min_bars(10).failure_window(3).volume_period(5).basis(basis);
        let input = Input::closes(&closes).high_low(&high, &low).volume(&volume).times(&times);
        let batch = scan(input, &cfg).unwrap();
        let mut det = BreakoutDetector::new(cfg).unwrap();
        for i in 0..n {
            det.update(BarInput::close(closes[i]).high_low(high[i], low[i]).volume(volume[i]).time(times[i]));
        }
        let streamed = det.to_scan();
        prop_assert_eq!(&batch, &streamed);
        for b in &batch.breakouts {
            prop_assert_eq!(b.bar.time, Some(times[b.bar.index]));
            for t in b.range.upper_touches.iter().chain(&b.range.lower_touches) {
                prop_assert_eq!(t.time, Some(times[t.index]));
            }
        }
        if let Some((bar, _)) = batch.last {
            prop_assert_eq!(bar.time, Some(times[bar.index]));
        }
    }

    /// No input or parameter combination panics.
    #[test]
    fn never_panics(
        closes in prop::collection::vec(prop_oneof![
            -1e6f64..1e6, Just(f64::NAN), Just(f64::INFINITY), Just(0.0), Just(1e300)], 0..120),
        spread in prop::collection::vec(prop_oneof![0.0f64..5.0, Just(f64::NAN), Just(-1.0)], 120),
        min_bars in 2usize..30,
        width in prop_oneof![(1.0f64..30.0).prop_map(WidthLimit::AtrMultiple), (0.1f64..50.0).prop_map(WidthLimit::PercentOfMid)],
        rule in prop_oneof![(1usize..4).prop_map(ConfirmRule::Closes), (0.0f64..5.0).prop_map(ConfirmRule::Percent), (0.0f64..3.0).prop_map(ConfirmRule::Atr), (0usize..4).prop_map(ConfirmRule::Bars)],
        window in 0usize..8,
    ) {
        let n = closes.len();
        let high: Vec<f64> = closes.iter().zip(&spread).map(|(c, s)| c + s).collect();
        let low: Vec<f64> = closes.iter().zip(&spread).map(|(c, s)| c - s).collect();
        let cfg = BreakoutConfig::default().min_bars(min_bars).width(width).confirm(rule).failure_window(window).basis(RangeBasis::HighLow);
        let found = scan(Input::closes(&closes).high_low(&high[..n], &low[..n]).volume(&spread[..n]), &cfg).unwrap();
        for b in &found.breakouts {
            prop_assert!(b.bar.index < n);
        }
        let _ = found.position();
        let _ = donchian_breakouts(&high[..n], &low[..n], &closes, min_bars).unwrap();
        let _ = new_extremes(&high[..n], &low[..n], Lookback::Bars(min_bars)).unwrap();
        let _ = new_extremes(&high[..n], &low[..n], Lookback::AllTime).unwrap();
        let _ = ttm_squeeze(&high[..n], &low[..n], &closes, &SqueezeConfig::default()).unwrap();
        let _ = bandwidth_squeeze(&closes, 5, 2.0, min_bars, 10.0).unwrap();
        let _ = narrow_range(&high[..n], &low[..n], 4).unwrap();
        let _ = darvas_boxes(&high[..n], &low[..n], 3).unwrap();
    }
}

#[test]
fn scan_many_equals_scan_series_for_any_thread_count() {
    use chartist::breakout::{scan_many, scan_series};
    use chartist::sample::random_walk;
    // Uneven lengths so the chunks are split by bars, not by count.
    let universe: Vec<_> = (0..9u64)
        .map(|s| random_walk("S", s, 300 + 400 * (s as usize % 4), 100.0, 0.0003, 0.015))
        .collect();
    let cfg = BreakoutConfig::default();
    let one_by_one: Vec<_> = universe
        .iter()
        .map(|s| scan_series(s, &cfg).unwrap())
        .collect();
    for threads in [0, 1, 2, 3, 8, 50] {
        let all = scan_many(&universe, &cfg, threads);
        assert_eq!(all.len(), universe.len());
        for (a, b) in all.iter().zip(&one_by_one) {
            assert_eq!(a.as_ref().unwrap(), b, "threads {threads}");
        }
    }
    assert!(scan_many(&[], &cfg, 2).is_empty());
}
