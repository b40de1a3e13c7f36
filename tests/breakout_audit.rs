//! Audit of issue #6 (ranges and breakouts) on inputs the other breakout tests do not use:
//! every breakout found on the shared real data (three long daily histories and the one-year
//! sector/industry set, daily and weekly) is checked against the definitions in the docs,
//! recomputed here from the raw columns; plus boundary inputs (exactly `min_bars` bars,
//! periods of 1, flat series, NaN at the first/last bar, non-finite values in channel
//! inputs), exact mirror and power-of-two scale symmetries, and a squeeze whose on/off bars
//! follow from the definitions by hand.
//!
//! Data-dependent tests read `CHARTIST_DATA_DIR` and skip with a notice when it is unset.

mod common;

use chartist::breakout::*;
use chartist::series::{read_csv, resample, CsvOptions, PriceSeries, Timeframe};
use chrono::NaiveDate;
use proptest::prelude::*;
use std::path::PathBuf;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// The shared data folder, or `None` after printing the skip notice.
fn data_dir() -> Option<PathBuf> {
    common::data_dir("breakout_audit")
}

fn load(dir: &std::path::Path, rel: &str) -> PriceSeries {
    let path = dir.join(rel);
    let symbol = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("X")
        .to_string();
    read_csv(&path, &CsvOptions::new(symbol))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .0
}

/// Every real series of the shared data, daily and weekly.
fn universe(dir: &std::path::Path) -> Vec<(String, PriceSeries)> {
    let mut files: Vec<String> = ["IWM", "SPY", "XLE"]
        .iter()
        .map(|s| format!("market/daily/{s}.csv"))
        .collect();
    let mut sectors: Vec<String> = std::fs::read_dir(dir.join("market/sectors-1y"))
        .expect("sectors-1y folder")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".csv"))
        .map(|f| format!("market/sectors-1y/{f}"))
        .collect();
    sectors.sort();
    files.extend(sectors);
    let mut out = Vec::new();
    for f in files {
        let s = load(dir, &f);
        let w = resample(&s, Timeframe::Weekly).expect("weekly").series;
        out.push((format!("{f} daily"), s));
        out.push((format!("{f} weekly"), w));
    }
    out
}

/// The first `p` bars of `s` as scan input (the columns `Input::from_series` would use).
fn prefix(s: &PriceSeries, p: usize) -> Input<'_> {
    let mut input = Input::closes(&s.close()[..p]).times(&s.times()[..p]);
    if s.has_ohlc() {
        input = input.high_low(&s.high()[..p], &s.low()[..p]);
    }
    if s.has_volume() {
        input = input.volume(&s.volume()[..p]);
    }
    input
}

fn close_rel(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * a.abs().max(b.abs()).max(f64::MIN_POSITIVE)
}

/// Checks every breakout and range of `found` against the documented definitions,
/// recomputed from the raw columns of `s` (which has no missing values, so valid-bar
/// positions are input indices).
fn check_definitions(name: &str, s: &PriceSeries, cfg: &BreakoutConfig, found: &Scan) {
    let c = s.close();
    let n = c.len();
    assert!(
        c.iter().all(|x| x.is_finite()),
        "{name}: test expects clean data"
    );
    // The bar's high and low as the detector reads them (the close when they are missing).
    let (th, tl): (Vec<f64>, Vec<f64>) = if s.has_ohlc() {
        (
            (0..n).map(|i| s.high()[i].max(c[i])).collect(),
            (0..n).map(|i| s.low()[i].min(c[i])).collect(),
        )
    } else {
        (c.to_vec(), c.to_vec())
    };
    let (eh, el): (&[f64], &[f64]) = match cfg.basis {
        RangeBasis::Close => (c, c),
        RangeBasis::HighLow => (&th, &tl),
    };
    // True range: the first bar has no previous close.
    let tr: Vec<f64> = (0..n)
        .map(|i| {
            if i == 0 {
                th[0] - tl[0]
            } else {
                th[i].max(c[i - 1]) - tl[i].min(c[i - 1])
            }
        })
        .collect();
    // Wilder ATR, TA-Lib seeding (the crate's `atr`, checked against TA-Lib elsewhere).
    let atr = chartist::indicators::atr(&th, &tl, c, cfg.atr_period).expect("atr");
    let tol = cfg.touch_tolerance;
    let window = cfg.failure_window;

    let mut previous = 0usize;
    // (start, upper, lower) of each range seen, with its first breakout bar.
    let mut seen: Vec<(usize, u64, u64)> = Vec::new();
    for b in &found.breakouts {
        let at = b.bar.index;
        let r = &b.range;
        let ctx = format!("{name}: breakout on bar {at} ({:?})", b.bar.date());
        assert!(at >= previous, "{ctx}: out of order");
        previous = at;
        assert_eq!(b.bar.time, Some(s.times()[at]), "{ctx}: timestamp");
        assert_eq!(b.close, c[at], "{ctx}: close");
        // The range ends on the bar before the breakout and lasts at least min_bars bars.
        assert_eq!(r.end.index + 1, at, "{ctx}: range end");
        assert!(r.start.index <= r.end.index, "{ctx}");
        assert_eq!(r.height, r.upper - r.lower, "{ctx}: height");
        let (level, target) = match b.direction {
            Direction::Up => (r.upper, r.upper + r.height),
            Direction::Down => (r.lower, r.lower - r.height),
        };
        assert_eq!(b.level, level, "{ctx}: level");
        assert_eq!(b.target, target, "{ctx}: measured move");
        assert_eq!(b.invalidation, r.mid(), "{ctx}: invalidation");
        let beyond = |i: usize| match b.direction {
            Direction::Up => c[i] > level,
            Direction::Down => c[i] < level,
        };
        assert!(
            beyond(at),
            "{ctx}: the breakout bar closes beyond the level"
        );

        let key = (r.start.index, r.upper.to_bits(), r.lower.to_bits());
        if !seen.contains(&key) {
            seen.push(key);
            // First attempt on this range: the edges are the extremes of its bars, the band
            // fits the width limit and each edge has enough separate touches.
            let (from, to) = (r.start.index, r.end.index);
            assert!(
                to + 1 - from >= cfg.min_bars,
                "{ctx}: {} bars",
                to + 1 - from
            );
            let top = eh[from..=to].iter().copied().fold(f64::MIN, f64::max);
            let bottom = el[from..=to].iter().copied().fold(f64::MAX, f64::min);
            assert_eq!((r.upper, r.lower), (top, bottom), "{ctx}: edges");
            match cfg.width {
                WidthLimit::AtrMultiple(k) => {
                    let mean_tr = tr[from..=to].iter().sum::<f64>() / (to + 1 - from) as f64;
                    assert!(
                        r.height <= k * mean_tr * (1.0 + 1e-9),
                        "{ctx}: height {} > {k} x {mean_tr}",
                        r.height
                    );
                }
                WidthLimit::PercentOfMid(p) => {
                    assert!(
                        r.height <= p / 100.0 * r.mid().abs() * (1.0 + 1e-9),
                        "{ctx}"
                    );
                }
            }
            let (zone_top, zone_bottom) = (r.upper - tol * r.height, r.lower + tol * r.height);
            for (touches, in_zone) in [
                (
                    &r.upper_touches,
                    &(|i: usize| eh[i] >= zone_top) as &dyn Fn(usize) -> bool,
                ),
                (&r.lower_touches, &|i: usize| el[i] <= zone_bottom),
            ] {
                assert!(touches.len() >= cfg.min_touches, "{ctx}: touches");
                for (k, t) in touches.iter().enumerate() {
                    assert!((from..=to).contains(&t.index), "{ctx}: touch outside");
                    assert!(in_zone(t.index), "{ctx}: touch {} not in zone", t.index);
                    assert_eq!(t.time, Some(s.times()[t.index]), "{ctx}");
                    // Separate touches: price left the zone in between.
                    if k > 0 {
                        let prev = touches[k - 1].index;
                        assert!(
                            (prev + 1..t.index).any(|i| !in_zone(i)),
                            "{ctx}: touches {prev} and {} are one visit",
                            t.index
                        );
                    }
                }
            }
        }

        // ATR as of the bar before the breakout, and the distance in ATRs.
        if atr[at - 1].is_finite() && atr[at - 1] > 0.0 {
            assert!(close_rel(b.atr, atr[at - 1], 1e-12), "{ctx}: atr");
        }
        match b.distance_atr {
            Some(x) => assert!(
                close_rel(x, (b.close - level).abs() / b.atr, 1e-12),
                "{ctx}"
            ),
            None => assert_eq!(b.atr, 0.0, "{ctx}: distance missing"),
        }
        // Volume against the average of the volume_period bars before the breakout bar.
        let vp = cfg.volume_period;
        if s.has_volume() && at >= vp {
            let avg = s.volume()[at - vp..at].iter().sum::<f64>() / vp as f64;
            if avg > 0.0 {
                let want = s.volume()[at] / avg;
                let got = b.relative_volume.expect("relative volume");
                assert!(
                    close_rel(got, want, 1e-9),
                    "{ctx}: rel volume {got} vs {want}"
                );
            }
        } else {
            assert_eq!(b.relative_volume, None, "{ctx}");
        }

        // State: a failure is the first close back at or inside the level; before it every
        // close stays beyond.
        let last = n - 1;
        match b.failed_at {
            Some(f) => {
                assert_eq!(b.state, BreakoutState::Failed, "{ctx}");
                assert!(f.index > at && !beyond(f.index), "{ctx}: failed_at");
                assert!((at..f.index).all(beyond), "{ctx}: failed late");
                if let Some(cf) = b.confirmed_at {
                    assert!(f.index - at <= window, "{ctx}: failed after the window");
                    assert!(cf.index < f.index, "{ctx}");
                }
            }
            None => {
                // Held through the failure window (or to the last bar).
                let held_to = (at + window).min(last);
                if b.state == BreakoutState::Confirmed {
                    assert!((at..=held_to).all(beyond), "{ctx}: should have failed");
                }
            }
        }
        if let ConfirmRule::Closes(k) = cfg.confirm {
            let due = at + k - 1;
            match b.confirmed_at {
                Some(cf) => assert_eq!(cf.index, due, "{ctx}: confirmed_at"),
                None => assert!(
                    due > last || b.failed_at.is_some_and(|f| f.index <= due),
                    "{ctx}: not confirmed"
                ),
            }
        }
        assert_eq!(
            b.state == BreakoutState::Pending,
            b.confirmed_at.is_none() && b.failed_at.is_none(),
            "{ctx}: state"
        );
        // Retest: the first later bar (while the breakout is tracked) whose low (high) comes
        // within retest_tolerance ATRs of the level while closing beyond it.
        let near = |i: usize| match b.direction {
            Direction::Up => tl[i] <= level + cfg.retest_tolerance * b.atr,
            Direction::Down => th[i] >= level - cfg.retest_tolerance * b.atr,
        };
        if let Some(rt) = b.retest_at {
            let i = rt.index;
            assert!(i > at && near(i) && beyond(i), "{ctx}: retest_at {i}");
            assert!((at + 1..i).all(|j| !near(j)), "{ctx}: an earlier retest");
        }
    }
    // Every reported range is the range of one of the breakouts.
    for r in &found.ranges {
        assert!(
            found
                .breakouts
                .iter()
                .any(|b| b.range.start == r.start && b.range.upper == r.upper),
            "{name}: range without breakout"
        );
    }
    // Where the last close stands.
    if let (Some((bar, close)), Some(r)) = (found.last, found.latest_range()) {
        assert_eq!((bar.index, close), (n - 1, c[n - 1]), "{name}: last");
        assert_eq!(found.position(), Some(r.position(close)), "{name}");
    }
}

fn configs() -> Vec<BreakoutConfig> {
    vec![
        BreakoutConfig::default(),
        BreakoutConfig::default()
            .basis(RangeBasis::HighLow)
            .max_width_percent(12.0)
            .confirm_closes(3)
            .failure_window(8)
            .volume_period(20),
        BreakoutConfig::default()
            .min_bars(10)
            .min_touches(3)
            .max_width_atr(6.0)
            .confirm_closes(1)
            .failure_window(0)
            .atr_period(1)
            .volume_period(1),
    ]
}

/// Every breakout on every real series (daily and weekly), with three settings, matches
/// the definitions recomputed from the raw columns.
#[test]
fn real_data_breakouts_match_their_definitions() {
    let Some(dir) = data_dir() else { return };
    let mut total = 0;
    for (name, s) in universe(&dir) {
        for cfg in configs() {
            let found = scan_series(&s, &cfg).expect("scan");
            check_definitions(&name, &s, &cfg, &found);
            total += found.breakouts.len();
        }
    }
    eprintln!("checked {total} breakouts");
    assert!(total > 100, "too few breakouts to mean anything: {total}");
}

/// On real data: the streaming detector fed bar by bar equals the batch scan, and every
/// prefix scan equals the full scan's breakouts as known at the prefix's last bar.
#[test]
fn real_data_causal_and_batch_equals_streaming() {
    let Some(dir) = data_dir() else { return };
    for (name, s) in universe(&dir) {
        let cfg = BreakoutConfig::default();
        let full = scan_series(&s, &cfg).expect("scan");
        let mut det = BreakoutDetector::new(cfg.clone()).expect("config");
        for bar in s.bars() {
            det.update(
                BarInput::close(bar.close)
                    .high_low(bar.high, bar.low)
                    .volume(bar.volume)
                    .time(bar.time),
            );
        }
        assert_eq!(det.to_scan(), full, "{name}: streaming");
        let n = s.len();
        let step = (n / 150).max(1);
        for p in (1..=n).step_by(step).chain([n]) {
            let got = scan(prefix(&s, p), &cfg).expect("scan").breakouts;
            let want: Vec<Breakout> = full
                .breakouts
                .iter()
                .filter_map(|b| b.as_of(p - 1))
                .collect();
            assert_eq!(got, want, "{name}: prefix {p}");
        }
    }
}

/// The IWM check read through `Scan::position`, the call a user makes: as of
/// 2026-01-16 price is above the most recent range, and the latest breakout is the upside
/// one that held, with its measured-move target.
#[test]
fn iwm_weekly_position_as_of_2026_01_16() {
    let Some(dir) = data_dir() else { return };
    let daily = load(&dir, "market/daily/IWM.csv")
        .between(d(2000, 1, 1), d(2026, 1, 16))
        .expect("slice");
    let weekly = resample(&daily, Timeframe::Weekly).expect("weekly").series;
    let found = scan_series(&weekly, &BreakoutConfig::default()).expect("scan");
    let latest = found.latest_range().expect("a range");
    eprintln!(
        "latest range {:?}..{:?} {:.2}-{:.2}, forming: {}",
        latest.start.date(),
        latest.end.date(),
        latest.lower,
        latest.upper,
        found.forming.is_some()
    );
    assert_eq!(found.position(), Some(Position::Above));
    let b = found.latest_breakout().expect("a breakout");
    assert_eq!(
        (b.direction, b.state),
        (Direction::Up, BreakoutState::Confirmed)
    );
    assert!(b.target > b.level && b.target == b.level + b.range.height);
    // The module docs: the October-November 2025 dips back inside are failed breakouts with
    // the default 5-week failure window (each a weekly close beyond the top, then one at or
    // below it within five weeks; `real_data_breakouts_match_their_definitions` checks that
    // against the closes).
    let top = b.level;
    let dates = |v: &[Breakout], state: BreakoutState| -> Vec<NaiveDate> {
        v.iter()
            .filter(|x| x.level == top && x.state == state)
            .filter_map(|x| x.bar.date())
            .filter(|x| *x >= d(2025, 9, 1))
            .collect()
    };
    assert_eq!(
        dates(&found.breakouts, BreakoutState::Failed),
        [d(2025, 9, 19), d(2025, 10, 3), d(2025, 10, 17)]
    );
    assert_eq!(b.bar.date(), Some(d(2025, 11, 28)));
    // With no failure window the 10-17 break (confirmed on 10-24) holds: the November dip is
    // a pullback and the range ends there.
    let cfg = BreakoutConfig::default().failure_window(0);
    let found = scan_series(&weekly, &cfg).expect("scan");
    assert_eq!(
        dates(&found.breakouts, BreakoutState::Confirmed),
        [d(2025, 10, 17)]
    );
}

/// `bars` closes of a sawtooth 100 -> 110 -> 100 (period 10): bottoms on bars 0, 10, 20, ...,
/// tops on bars 5, 15, 25, ...; every close-to-close move is 2.
fn sawtooth(bars: usize) -> Vec<f64> {
    let cycle = [
        100.0, 102.0, 104.0, 106.0, 108.0, 110.0, 108.0, 106.0, 104.0, 102.0,
    ];
    cycle.iter().cycle().take(bars).copied().collect()
}

/// "Fewer bars than `min_bars + 1` find nothing": exactly `min_bars` range bars and one
/// close beyond is a breakout on the last bar; one range bar fewer is not.
#[test]
fn a_range_of_exactly_min_bars_bars_breaks_on_the_next_bar() {
    let cfg = BreakoutConfig::default();
    let mut c = sawtooth(20);
    c.push(113.0);
    let found = scan(Input::closes(&c), &cfg).expect("scan");
    assert_eq!(found.breakouts.len(), 1);
    let b = &found.breakouts[0];
    assert_eq!(
        (b.bar.index, b.direction, b.level),
        (20, Direction::Up, 110.0)
    );
    assert_eq!((b.range.start.index, b.range.end.index), (0, 19));
    assert_eq!(
        (b.range.lower, b.target, b.invalidation),
        (100.0, 120.0, 105.0)
    );
    // Close-only: every true range after the first bar is |close - previous close| = 2, so
    // Wilder's ATR(14) is 2 and the close of 113 is 1.5 ATRs beyond 110.
    assert!((b.atr - 2.0).abs() < 1e-12);
    assert!((b.distance_atr.expect("atr") - 1.5).abs() < 1e-12);
    // One close beyond: the two-close rule is not met yet on the last bar.
    assert_eq!(b.state, BreakoutState::Pending);
    assert_eq!(found.position(), Some(Position::Above));

    let mut short = sawtooth(19);
    short.push(113.0);
    let found = scan(Input::closes(&short), &cfg).expect("scan");
    assert!(found.breakouts.is_empty() && found.ranges.is_empty());
    let found = scan(Input::closes(&short), &cfg.min_bars(19)).expect("scan");
    assert_eq!(found.breakouts.len(), 1);
    assert_eq!(found.breakouts[0].bar.index, 19);
}

/// Every period at its smallest: ATR(1) is the previous bar's true range, the volume
/// average of one bar is the previous volume, `Closes(1)` confirms on the breakout bar and a
/// failure window of 0 settles it there, so a close back inside on the next bar is a
/// pullback, not a failure.
#[test]
fn periods_of_one() {
    let mut c = sawtooth(40);
    c.extend([113.0, 105.0, 104.0]);
    let mut volume = vec![1000.0; c.len()];
    volume[39] = 500.0;
    volume[40] = 2000.0;
    let cfg = BreakoutConfig::default()
        .atr_period(1)
        .volume_period(1)
        .min_touches(1)
        .confirm_closes(1)
        .failure_window(0);
    let found = scan(Input::closes(&c).volume(&volume), &cfg).expect("scan");
    assert_eq!(found.breakouts.len(), 1);
    let b = &found.breakouts[0];
    assert_eq!((b.bar.index, b.level), (40, 110.0));
    assert_eq!(b.atr, 2.0); // |102 - 104| on bar 39
    assert_eq!(b.distance_atr, Some(1.5));
    assert_eq!(b.relative_volume, Some(4.0)); // 2000 / 500
    assert_eq!(b.confirmed_at.map(|r| r.index), Some(40));
    assert_eq!((b.state, b.failed_at), (BreakoutState::Confirmed, None));
    // The range ended at the bar before the breakout and is no longer in force.
    assert_eq!(found.ranges[0].end.index, 39);
    let mut det = BreakoutDetector::new(cfg).expect("config");
    for (&x, &v) in c.iter().zip(&volume) {
        det.update(BarInput::close(x).volume(v));
    }
    assert!(det.active_range().is_none());
}

/// A flat series (zero range) in every function of the module: the documented outcome,
/// derived from each definition.
#[test]
fn flat_series_in_every_function() {
    let flat = vec![50.0; 60];
    assert!(donchian_breakouts(&flat, &flat, &flat, 20)
        .expect("donchian")
        .is_empty());
    assert!(new_extremes(&flat, &flat, Lookback::AllTime)
        .expect("extremes")
        .is_empty());
    assert!(new_extremes(&flat, &flat, Lookback::Bars(20))
        .expect("extremes")
        .is_empty());
    // NR4: a zero range ties the smallest of the last four (ties count), after 3 bars.
    let nr = narrow_range(&flat, &flat, 4).expect("nr4");
    assert!(!nr[2] && nr[3..].iter().all(|&x| x));
    // Inside bars: equal highs and lows lie within the previous bar.
    let ib = inside_bars(&flat, &flat).expect("inside");
    assert!(!ib[0] && ib[1..].iter().all(|&x| x));
    // Darvas: bar 0's high is not exceeded by bars 1-3; the lowest low after it (bar 1,
    // the first of equal lows) is not undercut by bars 2-4: complete at bar 4, never broken.
    let boxes = darvas_boxes(&flat, &flat, 3).expect("darvas");
    assert_eq!(
        boxes,
        vec![DarvasBox {
            top_index: 0,
            top: 50.0,
            bottom_index: 1,
            bottom: 50.0,
            complete_at: 4,
            broken: None
        }]
    );
    // Zero-width Bollinger bands equal zero-width Keltner channels: not strictly inside.
    assert!(ttm_squeeze(&flat, &flat, &flat, &SqueezeConfig::default())
        .expect("ttm")
        .is_empty());
    // A bandwidth of 0 is at its low: every bar from n - 1 + lookback = 29 on.
    let bw = bandwidth_squeeze(&flat, 20, 2.0, 10, 0.0).expect("bandwidth");
    assert!(!bw[28] && bw[29..].iter().all(|&x| x));
    // The detector: no range (one continuous touch of each edge), the last bar known.
    let found = scan(Input::closes(&flat), &BreakoutConfig::default()).expect("scan");
    assert!(found.breakouts.is_empty() && found.forming.is_none());
    assert_eq!(found.last.map(|(r, c)| (r.index, c)), Some((59, 50.0)));
    assert_eq!(found.position(), None);
}

/// A NaN close on the first and on the last bar is skipped: the same breakouts with every
/// index one later, and `last` is the last finite close.
#[test]
fn nan_on_the_first_and_last_bar() {
    let mut clean = sawtooth(40);
    clean.extend([113.0, 115.0, 116.0, 108.0, 117.0]);
    let mut gappy = vec![f64::NAN];
    gappy.extend(&clean);
    gappy.push(f64::NAN);
    let cfg = BreakoutConfig::default();
    let a = scan(Input::closes(&clean), &cfg).expect("scan");
    let b = scan(Input::closes(&gappy), &cfg).expect("scan");
    assert!(!a.breakouts.is_empty());
    assert_eq!(a.breakouts.len(), b.breakouts.len());
    let shift = |r: Option<BarRef>| r.map(|r| r.index + 1);
    for (x, y) in a.breakouts.iter().zip(&b.breakouts) {
        assert_eq!(y.bar.index, x.bar.index + 1);
        assert_eq!((y.level, y.state, y.target), (x.level, x.state, x.target));
        assert_eq!(y.range.start.index, x.range.start.index + 1);
        assert_eq!(y.confirmed_at.map(|r| r.index), shift(x.confirmed_at));
        assert_eq!(y.failed_at.map(|r| r.index), shift(x.failed_at));
        assert_eq!(y.retest_at.map(|r| r.index), shift(x.retest_at));
    }
    assert_eq!(
        b.last.map(|(r, c)| (r.index, c)),
        Some((clean.len(), 117.0))
    );
    assert_eq!(a.position(), b.position());
    // The channel functions skip the NaN bars too: the same breaks one bar later.
    let shifted = |v: Vec<ChannelBreak>| -> Vec<(usize, f64)> {
        v.iter().map(|x| (x.index + 1, x.level)).collect()
    };
    let plain = donchian_breakouts(&clean, &clean, &clean, 10).expect("donchian");
    let nan = donchian_breakouts(&gappy, &gappy, &gappy, 10).expect("donchian");
    assert!(!plain.is_empty());
    assert_eq!(
        shifted(plain),
        nan.iter().map(|x| (x.index, x.level)).collect::<Vec<_>>()
    );
}

/// A TTM squeeze whose on and off bars follow from the definitions by hand. Closes alternate
/// 99, 101 (high = low = close): the 20-bar Bollinger middle is 100 and the population
/// standard deviation 1, so the bands are 98..102; every true range is 2, so ATR(20) = 2 and
/// the Keltner channel is the EMA +- 3, with the EMA within 0.1 of 100. The Keltner ATR's
/// first value is on bar 20 (Bollinger's on bar 19): the squeeze is on from bar 20. A close of
/// 200 on bar 40 widens the Bollinger bands to about +-44 while the Keltner channel moves
/// up by about 20: it fires on bar 40.
#[test]
fn ttm_squeeze_on_and_off_bars_by_hand() {
    let mut c: Vec<f64> = (0..40)
        .map(|i| if i % 2 == 0 { 99.0 } else { 101.0 })
        .collect();
    let cfg = SqueezeConfig::default();
    let on = ttm_squeeze(&c, &c, &c, &cfg).expect("ttm");
    assert_eq!(on, [Squeeze { on: 20, off: None }]);
    c.push(200.0);
    let fired = ttm_squeeze(&c, &c, &c, &cfg).expect("ttm");
    assert_eq!(
        fired,
        [Squeeze {
            on: 20,
            off: Some(40)
        }]
    );
}

/// A bounded random walk with a breakout leg and bar spreads.
fn walk_with_spread() -> impl Strategy<Value = (Vec<f64>, Vec<f64>)> {
    (
        prop::collection::vec(-3.0f64..3.0, 40..200),
        prop::collection::vec(0.0f64..2.0, 200),
        prop::collection::vec(-4.0f64..4.0, 0..25),
    )
        .prop_map(|(steps, spread, leg)| {
            let mut x = 100.0;
            let mut c: Vec<f64> = steps
                .iter()
                .map(|s| {
                    x += s;
                    if !(90.0..=110.0).contains(&x) {
                        x -= 2.0 * s;
                    }
                    x
                })
                .collect();
            c.extend(leg.iter().scan(x, |y, s| {
                *y += s;
                Some(*y)
            }));
            let spread = spread[..c.len().min(200)].to_vec();
            c.truncate(spread.len());
            (c, spread)
        })
}

fn audit_configs() -> Vec<BreakoutConfig> {
    let base = BreakoutConfig::default().min_bars(12).failure_window(3);
    vec![
        base.clone(),
        base.clone().basis(RangeBasis::HighLow),
        base.clone().max_width_percent(9.0).confirm_percent(1.0),
        base.clone()
            .basis(RangeBasis::HighLow)
            .max_width_atr(6.0)
            .confirm_atr(0.5)
            .min_touches(3),
        base.confirm_bars(2).touch_tolerance(0.25),
    ]
}

/// What a breakout says, mapped through a price transformation `f` (and a direction swap).
fn image(b: &Breakout, f: &dyn Fn(f64) -> f64, flip: bool) -> String {
    let dir = match (b.direction, flip) {
        (Direction::Up, false) | (Direction::Down, true) => "up",
        _ => "down",
    };
    let (mut up_t, mut low_t): (Vec<usize>, Vec<usize>) = (
        b.range.upper_touches.iter().map(|t| t.index).collect(),
        b.range.lower_touches.iter().map(|t| t.index).collect(),
    );
    let (mut upper, mut lower) = (f(b.range.upper), f(b.range.lower));
    if flip {
        std::mem::swap(&mut up_t, &mut low_t);
        std::mem::swap(&mut upper, &mut lower);
    }
    let at = |r: Option<BarRef>| r.map(|r| r.index);
    format!(
        "{dir} {} lvl {:e} tgt {:e} inv {:e} {:?} c{:?} f{:?} r{:?} range {}..{} {:e}..{:e} {up_t:?} {low_t:?} atr {:e} dist {:?}",
        b.bar.index,
        f(b.level),
        f(b.target),
        f(b.invalidation),
        b.state,
        at(b.confirmed_at),
        at(b.failed_at),
        at(b.retest_at),
        b.range.start.index,
        b.range.end.index,
        lower,
        upper,
        b.atr.abs(),
        b.distance_atr,
    )
}

/// Closes of the case proptest found (a HighLow range with bars that reach both edge zones).
const DUAL_ZONE_C: [f64; 123] = [
    100.14678671434753,
    97.78150408976407,
    100.12544022050923,
    98.2177319004475,
    98.44628619250277,
    99.58931872807456,
    96.75306249012147,
    99.40599648688406,
    100.58789916309497,
    100.21518394886063,
    97.85121770435286,
    94.89100093148336,
    95.23784389794913,
    93.12147434728243,
    92.2211896750875,
    91.59374272136859,
    90.27310603252272,
    91.11903105553618,
    90.29935638529246,
    90.22932901561047,
    91.01056353484552,
    92.96957160100173,
    91.35954687351052,
    93.64306129268262,
    95.94677137164625,
    97.41406771212189,
    95.35386172841285,
    94.00117935198796,
    95.86516215911347,
    94.44123189826368,
    91.9192389748158,
    93.45849990287817,
    96.32495154322271,
    99.10331524254426,
    98.88698633474048,
    99.65879631763423,
    96.75060679100258,
    95.87765156289132,
    95.35582743932434,
    93.53788621943725,
    95.64613622796068,
    98.16349689404545,
    97.20776305859688,
    97.31107503012002,
    96.81522624371026,
    94.06969626548953,
    94.02251022707031,
    95.17705755271115,
    92.99483093181789,
    94.65832066166473,
    95.11923480649337,
    95.86347635374433,
    98.58327944818265,
    97.48982777272487,
    97.35656608661965,
    100.1908624216331,
    103.18082992959557,
    103.24404610535966,
    105.19477103968993,
    104.9528471444393,
    102.16855742990698,
    104.54430289081448,
    103.28957853787172,
    104.21713636889363,
    104.10480522551387,
    105.40320193497581,
    105.04028704305354,
    103.47633226945135,
    104.98139433567994,
    107.13653565624195,
    105.69726410912456,
    108.69222813156557,
    106.07253070025101,
    106.89926360674981,
    107.3310172469505,
    108.1305170736115,
    108.17086375075489,
    108.03892539334038,
    105.60674063774444,
    105.65810246314224,
    107.12130364406131,
    108.3230094483338,
    106.38162298156985,
    105.73846792110034,
    105.51907667420934,
    105.97418710649006,
    104.65651405923957,
    104.44195321899831,
    102.63465598359227,
    101.67961176767042,
    104.31356805355921,
    104.3319670857951,
    102.38506167964705,
    101.47844556170742,
    98.9614021935792,
    96.64665973462336,
    98.16078228468129,
    95.8092908815181,
    98.55714973179276,
    96.3060757074913,
    97.91527135373673,
    95.9536465892773,
    98.16351295959359,
    99.2762107243707,
    97.87932641833098,
    94.38128198292543,
    93.60085895522886,
    93.50503986904128,
    94.16577469977248,
    95.65468945241297,
    97.91460413413886,
    96.61862683879927,
    98.60168548150217,
    100.609201841313,
    103.80451282862307,
    100.83930587750987,
    103.76844556558565,
    101.0671671661509,
    100.76397858135348,
    102.2490257898121,
    101.05707193820388,
    102.88890567594936,
    102.2526462960275,
];
/// Half-ranges of its bars.
const DUAL_ZONE_S: [f64; 123] = [
    0.6170458307028789,
    1.8824729170730052,
    0.7748978686697495,
    1.3892004545863603,
    0.48590324557539344,
    1.3172192841398036,
    0.17079082232671053,
    1.4201550447298508,
    1.555692467075153,
    1.7405839787375226,
    0.37401820416668907,
    1.3875623067045428,
    1.0348815806077154,
    0.8138194500092654,
    0.7136985146405935,
    1.1563123794262338,
    1.9014804476030218,
    0.9448817899025521,
    0.3005085693726525,
    0.3573596181931265,
    1.071790345331554,
    0.9531425945718228,
    1.4088912760787007,
    1.3972406366675896,
    1.4665968446987394,
    1.810488911962662,
    1.2384324500585455,
    1.2335355686353442,
    1.1727892036181933,
    1.6641780564933373,
    0.8213903037101326,
    1.8395615334225306,
    0.38508658336531315,
    1.604903017312428,
    0.7669812497549647,
    1.401108400488225,
    1.677988160023656,
    1.3911360625739253,
    1.5203412045879048,
    1.0703532531473927,
    0.21248522983262302,
    0.5433296376287121,
    0.12490497387021969,
    0.21713372142367668,
    1.09017078285476,
    1.520126083394133,
    1.1526871681209616,
    0.24941727181914988,
    0.5761083247933768,
    0.018127925235867724,
    1.4991773657473053,
    1.9660690284885893,
    1.7893609934906698,
    0.21257124432623753,
    0.6649449555071836,
    1.0676936759961781,
    0.7614377577017362,
    1.4008830025520584,
    0.05979734887116475,
    0.0849721408786041,
    0.11157969906914858,
    0.5223703660629957,
    1.3208881515055557,
    1.2870303416500208,
    1.8481285520672865,
    0.9412518258807466,
    0.2848783431857184,
    0.5294816860198533,
    1.0950020863732761,
    0.9721443974732911,
    1.7302114898574388,
    0.8789693750203886,
    0.9750888061366944,
    0.7950285085211793,
    0.006179396523527633,
    1.6873990291066059,
    1.251706924836225,
    1.4152833014306079,
    1.1194781401364244,
    0.2245245394265338,
    1.1708422883296816,
    0.02420072879815541,
    1.0598178772273203,
    0.48042159726738615,
    0.2314552867188977,
    0.8000753101225668,
    1.4899380380577485,
    1.6109266222381198,
    1.5339441792203978,
    0.2825078630320239,
    0.16314110714153143,
    1.7239696278819554,
    0.6177248499821343,
    0.015309294415976352,
    0.1522987387297552,
    1.2357489329967033,
    1.7694589771970208,
    0.16594644046812093,
    0.2206015397646125,
    1.3307051434805126,
    0.3402093993736793,
    0.5551672846531536,
    1.7887042463081282,
    1.488388114281026,
    0.8008482341346592,
    1.4323467673197128,
    1.8583932408908663,
    1.5257906424084422,
    0.7412386104041039,
    1.592662240367172,
    0.5276947792256966,
    0.058760530029052946,
    0.5112926017821523,
    0.06565064547492983,
    1.6428290909710588,
    0.6656084924492421,
    1.4109099159908294,
    0.4997926181965348,
    0.7335923062858578,
    1.3479552355299846,
    1.9607671802327875,
    1.0259901990079385,
    1.516876463887107,
];

/// A case the mirror property found: with `RangeBasis::HighLow`, bars wide enough to reach
/// both edge zones at once were counted top-then-bottom, so the negated series (where the
/// zones swap) counted fewer crossings and missed three of the four breakouts. Such a bar now
/// counts the same for either edge.
#[test]
fn a_bar_in_both_edge_zones_counts_the_same_for_either_edge() {
    let h: Vec<f64> = DUAL_ZONE_C
        .iter()
        .zip(&DUAL_ZONE_S)
        .map(|(c, s)| c + s)
        .collect();
    let l: Vec<f64> = DUAL_ZONE_C
        .iter()
        .zip(&DUAL_ZONE_S)
        .map(|(c, s)| c - s)
        .collect();
    let neg = |x: &[f64]| x.iter().map(|v| -v).collect::<Vec<f64>>();
    let (nc, nh, nl) = (neg(&DUAL_ZONE_C), neg(&l), neg(&h));
    let cfg = BreakoutConfig::default()
        .min_bars(12)
        .failure_window(3)
        .basis(RangeBasis::HighLow);
    let a = scan(Input::closes(&DUAL_ZONE_C).high_low(&h, &l), &cfg).unwrap();
    let b = scan(Input::closes(&nc).high_low(&nh, &nl), &cfg).unwrap();
    assert!(a.breakouts.len() >= 2, "{} breakouts", a.breakouts.len());
    let want: Vec<String> = a
        .breakouts
        .iter()
        .map(|x| image(x, &|v| -v, true))
        .collect();
    let got: Vec<String> = b
        .breakouts
        .iter()
        .map(|x| image(x, &|v| v, false))
        .collect();
    assert_eq!(got, want);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Negating every price (high and low swap) mirrors every breakout exactly: same bars,
    /// opposite direction, negated levels, edges and touches swapped. The detector has no
    /// bias towards either side, and it runs on any `f64` series, negative ones included.
    #[test]
    fn negated_prices_mirror_every_breakout((c, spread) in walk_with_spread()) {
        let h: Vec<f64> = c.iter().zip(&spread).map(|(c, s)| c + s).collect();
        let l: Vec<f64> = c.iter().zip(&spread).map(|(c, s)| c - s).collect();
        let neg = |x: &[f64]| x.iter().map(|v| -v).collect::<Vec<f64>>();
        let (nc, nh, nl) = (neg(&c), neg(&l), neg(&h));
        for cfg in audit_configs() {
            let a = scan(Input::closes(&c).high_low(&h, &l), &cfg).unwrap();
            let b = scan(Input::closes(&nc).high_low(&nh, &nl), &cfg).unwrap();
            let want: Vec<String> = a.breakouts.iter().map(|x| image(x, &|v| -v, true)).collect();
            let got: Vec<String> = b.breakouts.iter().map(|x| image(x, &|v| v, false)).collect();
            prop_assert_eq!(got, want, "{:?}", cfg);
            prop_assert_eq!(a.forming.as_ref().map(|r| (r.start, r.end)), b.forming.as_ref().map(|r| (r.start, r.end)));
            let flip = |p: Position| match p { Position::Above => Position::Below, Position::Below => Position::Above, x => x };
            prop_assert_eq!(a.position().map(flip), b.position());
        }
        let breaks = |c: &[f64], h: &[f64], l: &[f64]| donchian_breakouts(h, l, c, 10).unwrap();
        let a = breaks(&c, &h, &l);
        let b = breaks(&nc, &nh, &nl);
        prop_assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            prop_assert!(x.index == y.index && x.direction != y.direction && x.level == -y.level);
        }
    }

    /// Multiplying every price by a power of two (exact in floating point) changes nothing
    /// but the price scale, from 2^-60 (ratio lines, penny prices) to 2^60: no absolute
    /// threshold hides anywhere in the detector or the compression functions.
    #[test]
    fn power_of_two_scaling_changes_only_the_scale((c, spread) in walk_with_spread(), e in prop_oneof![Just(-60i32), Just(-20), Just(20), Just(60)]) {
        let k = 2f64.powi(e);
        let h: Vec<f64> = c.iter().zip(&spread).map(|(c, s)| c + s).collect();
        let l: Vec<f64> = c.iter().zip(&spread).map(|(c, s)| c - s).collect();
        let sc = |x: &[f64]| x.iter().map(|v| v * k).collect::<Vec<f64>>();
        let (kc, kh, kl) = (sc(&c), sc(&h), sc(&l));
        for cfg in audit_configs() {
            let a = scan(Input::closes(&c).high_low(&h, &l), &cfg).unwrap();
            let b = scan(Input::closes(&kc).high_low(&kh, &kl), &cfg).unwrap();
            let want: Vec<String> = a.breakouts.iter().map(|x| image(x, &|v| v, false)).collect();
            let got: Vec<String> = b.breakouts.iter().map(|x| image(x, &|v| v / k, false)).collect();
            // `atr` is a price: compare it scaled back too.
            prop_assert_eq!(
                got.iter().map(|s| s.split(" atr ").next().unwrap_or("").to_string()).collect::<Vec<_>>(),
                want.iter().map(|s| s.split(" atr ").next().unwrap_or("").to_string()).collect::<Vec<_>>()
            );
            for (x, y) in a.breakouts.iter().zip(&b.breakouts) {
                prop_assert_eq!(x.atr * k, y.atr);
                prop_assert_eq!(x.distance_atr, y.distance_atr);
            }
        }
        prop_assert_eq!(donchian_breakouts(&h, &l, &c, 10).unwrap().len(), donchian_breakouts(&kh, &kl, &kc, 10).unwrap().len());
        prop_assert_eq!(darvas_boxes(&h, &l, 3).unwrap().iter().map(|b| (b.top_index, b.bottom_index, b.complete_at, b.broken)).collect::<Vec<_>>(),
                        darvas_boxes(&kh, &kl, 3).unwrap().iter().map(|b| (b.top_index, b.bottom_index, b.complete_at, b.broken)).collect::<Vec<_>>());
        prop_assert_eq!(narrow_range(&h, &l, 4).unwrap(), narrow_range(&kh, &kl, 4).unwrap());
        prop_assert_eq!(inside_bars(&h, &l).unwrap(), inside_bars(&kh, &kl).unwrap());
        prop_assert_eq!(ttm_squeeze(&h, &l, &c, &SqueezeConfig::default()).unwrap(), ttm_squeeze(&kh, &kl, &kc, &SqueezeConfig::default()).unwrap());
        prop_assert_eq!(bandwidth_squeeze(&c, 10, 2.0, 20, 10.0).unwrap(), bandwidth_squeeze(&kc, 10, 2.0, 20, 10.0).unwrap());
    }
}
/// A bar with any non-finite input (close, high or low) in `donchian_breakouts` is no break
/// and restarts the channel, exactly as a bar whose three inputs are all NaN (the crate's
/// policy for multi-input functions, as the doc says).
#[test]
fn donchian_breakouts_treat_any_non_finite_input_as_a_missing_bar() {
    let c: Vec<f64> = (0..30).map(|i| 100.0 + i as f64).collect(); // a new high every bar
    let (h, l) = (c.clone(), c.clone());
    let gap = |mut x: Vec<f64>, at: usize, v: f64| {
        x[at] = v;
        x
    };
    let missing = donchian_breakouts(
        &gap(h.clone(), 12, f64::NAN),
        &gap(l.clone(), 12, f64::NAN),
        &gap(c.clone(), 12, f64::NAN),
        5,
    )
    .expect("donchian");
    // Bars 12..=17: the bad bar and the five-bar warm-up after it.
    let idx: Vec<usize> = missing.iter().map(|x| x.index).collect();
    assert_eq!(
        idx,
        [(5..12).collect::<Vec<_>>(), (18..30).collect()].concat()
    );
    for v in [f64::INFINITY, f64::NEG_INFINITY, f64::NAN] {
        let by_close = donchian_breakouts(&h, &l, &gap(c.clone(), 12, v), 5).expect("close");
        let by_high = donchian_breakouts(&gap(h.clone(), 12, v), &l, &c, 5).expect("high");
        assert_eq!(by_close, missing, "close {v}");
        assert_eq!(by_high, missing, "high {v}");
    }
}
/// Inside bars next to an infinite high or low are false, as documented.
#[test]
fn inside_bars_next_to_infinite_values_are_false() {
    let inf = f64::INFINITY;
    let h = [inf, inf, 10.0, 9.0];
    let l = [1.0, 2.0, 8.0, 8.5];
    assert_eq!(
        inside_bars(&h, &l).expect("inside"),
        [false, false, false, true]
    );
    let l = [-inf, -inf, 8.0, 8.5];
    let h = [12.0, 11.0, 10.0, 9.0];
    assert_eq!(
        inside_bars(&h, &l).expect("inside"),
        [false, false, false, true]
    );
}

/// What the breakout fields promise at their edges: `atr` falls back to the range's mean true
/// range before Wilder's ATR exists, a retest is looked for only while the breakout is open
/// (until it has held for `failure_window` bars), and `ConfirmRule::Bars(0)` is valid and
/// confirms on the breakout bar.
#[test]
fn breakout_fields_at_their_documented_edges() {
    let mut c = sawtooth(40);
    c.push(113.0);
    // ATR(45) needs 46 bars: at the breakout (bar 40) the range's own mean true range is
    // used: bar 0 has none (close-only, no previous close), bars 1-39 move 2 each.
    let cfg = BreakoutConfig::default().atr_period(45);
    let b = &scan(Input::closes(&c), &cfg).expect("scan").breakouts[0];
    let mean_tr = 39.0 * 2.0 / 40.0;
    assert!((b.atr - mean_tr).abs() < 1e-12, "{}", b.atr);
    assert!((b.distance_atr.expect("distance") - 3.0 / mean_tr).abs() < 1e-12);

    // Up 1 a bar for six bars, then a close of 110.5 on bar 47, within 0.5 ATR (1.0) of
    // the level 110: the breakout settled on bar 45 (5 bars), so it is not a retest; with a
    // 10-bar failure window the breakout is still open on bar 47 and it is.
    c.extend([114.0, 115.0, 116.0, 117.0, 118.0, 119.0, 110.5]);
    let found = scan(Input::closes(&c), &BreakoutConfig::default()).expect("scan");
    let b = &found.breakouts[0];
    assert_eq!((b.state, b.retest_at), (BreakoutState::Confirmed, None));
    let longer = BreakoutConfig::default().failure_window(10);
    let b = &scan(Input::closes(&c), &longer).expect("scan").breakouts[0];
    assert_eq!(b.retest_at.map(|r| r.index), Some(47));

    let bars0 = BreakoutConfig::default().confirm_bars(0);
    assert!(bars0.validate().is_ok());
    let b = &scan(Input::closes(&c), &bars0).expect("scan").breakouts[0];
    assert_eq!(b.confirmed_at.map(|r| r.index), Some(40));
}

/// Channels, extremes and compression on the real daily and weekly series, against brute
/// force from each definition (a full scan of every window), plus the README's IWM fact: its
/// highest close of 2021-2024 was 242.56 on 2021-11-08 and its first close above that came on
/// 2025-09-18, a new all-time closing high.
#[test]
fn real_data_channels_extremes_and_compression_by_brute_force() {
    let Some(dir) = data_dir() else { return };
    for (name, s) in universe(&dir) {
        let (h, l, c) = (s.high(), s.low(), s.close());
        let n = c.len();
        // Donchian 20 against the prior 20 bars.
        let got = donchian_breakouts(h, l, c, 20).expect("donchian");
        let mut want = Vec::new();
        for i in 20..n {
            let top = h[i - 20..i].iter().copied().fold(f64::MIN, f64::max);
            let bottom = l[i - 20..i].iter().copied().fold(f64::MAX, f64::min);
            if c[i] > top {
                want.push((i, Direction::Up, top));
            } else if c[i] < bottom {
                want.push((i, Direction::Down, bottom));
            }
        }
        let got: Vec<_> = got
            .iter()
            .map(|b| (b.index, b.direction, b.level))
            .collect();
        assert_eq!(got, want, "{name}: donchian");
        // 52-week (252-bar) and all-time highs and lows.
        for lookback in [Lookback::WEEKS_52, Lookback::AllTime] {
            let got = new_extremes(h, l, lookback).expect("extremes");
            let mut want = Vec::new();
            for i in 1..n {
                let from = match lookback {
                    Lookback::Bars(k) if i < k => continue,
                    Lookback::Bars(k) => i - k,
                    Lookback::AllTime => 0,
                };
                let top = h[from..i].iter().copied().fold(f64::MIN, f64::max);
                let bottom = l[from..i].iter().copied().fold(f64::MAX, f64::min);
                if h[i] > top {
                    want.push((i, Direction::Up, h[i], top));
                }
                if l[i] < bottom {
                    want.push((i, Direction::Down, l[i], bottom));
                }
            }
            let got: Vec<_> = got
                .iter()
                .map(|x| (x.index, x.direction, x.value, x.previous))
                .collect();
            assert_eq!(got, want, "{name}: {lookback:?}");
        }
        // NR7 and inside bars.
        let range: Vec<f64> = h.iter().zip(l).map(|(a, b)| a - b).collect();
        let nr7 = narrow_range(h, l, 7).expect("nr7");
        for i in 0..n {
            let want = i >= 6 && range[i - 6..=i].iter().all(|r| range[i] <= *r);
            assert_eq!(nr7[i], want, "{name}: NR7 at {i}");
        }
        let ib = inside_bars(h, l).expect("inside");
        for i in 1..n {
            assert_eq!(
                ib[i],
                h[i] <= h[i - 1] && l[i] >= l[i - 1],
                "{name}: inside {i}"
            );
        }
        // Bandwidth at its 50-bar low, and the TTM squeeze against the bands themselves.
        let bb = chartist::indicators::bollinger(c, 20, 2.0).expect("bollinger");
        let low = bandwidth_squeeze(c, 20, 2.0, 50, 0.0).expect("bandwidth");
        for (i, &flag) in low.iter().enumerate() {
            let want = i >= 69
                && bb.bandwidth[i - 50..i]
                    .iter()
                    .all(|b| bb.bandwidth[i] <= *b);
            assert_eq!(flag, want, "{name}: bandwidth low at {i}");
        }
        let kc = chartist::indicators::keltner(h, l, c, 20, 20, 1.5).expect("keltner");
        let inside = |i: usize| bb.upper[i] < kc.upper[i] && bb.lower[i] > kc.lower[i];
        let squeezes = ttm_squeeze(h, l, c, &SqueezeConfig::default()).expect("ttm");
        let mut on = vec![false; n];
        for q in &squeezes {
            assert!(
                q.on == 0 || !inside(q.on - 1),
                "{name}: squeeze starts late"
            );
            for flag in &mut on[q.on..q.off.unwrap_or(n)] {
                *flag = true;
            }
        }
        for (i, &flag) in on.iter().enumerate() {
            assert_eq!(flag, inside(i), "{name}: squeeze at {i}");
        }
    }
    let iwm = load(&dir, "market/daily/IWM.csv");
    let highs = new_extremes(iwm.close(), iwm.close(), Lookback::AllTime).expect("extremes");
    let dates: Vec<NaiveDate> = iwm.dates().collect();
    let first = highs
        .iter()
        .find(|x| x.direction == Direction::Up && dates[x.index] > d(2021, 11, 8))
        .expect("a new closing high after 2021");
    assert_eq!(dates[first.index], d(2025, 9, 18));
    assert_eq!(dates[first.previous_index], d(2021, 11, 8));
    assert!((first.previous - 242.56).abs() < 0.005);
}

/// Darvas boxes on every real series, each checked against the definition: the top is a high
/// not exceeded by the `confirm` bars after it (nor by any bar up to completion), the bottom
/// the lowest low after the top, not undercut by the `confirm` bars after it, and the break
/// the first later bar with a high above the top or a low below the bottom; a new box starts
/// no earlier than the break.
#[test]
fn real_data_darvas_boxes_match_the_definition() {
    let Some(dir) = data_dir() else { return };
    let confirm = 3;
    let mut total = 0;
    for (name, s) in universe(&dir) {
        let (h, l) = (s.high(), s.low());
        let boxes = darvas_boxes(h, l, confirm).expect("darvas");
        total += boxes.len();
        let mut not_before = 0;
        for b in &boxes {
            let ctx = format!("{name}: box {b:?}");
            let (t, lo, done) = (b.top_index, b.bottom_index, b.complete_at);
            assert!(t >= not_before && t < lo && lo < done, "{ctx}");
            assert_eq!((b.top, b.bottom), (h[t], l[lo]), "{ctx}");
            assert!(
                h[t + 1..=done].iter().all(|&x| x <= b.top),
                "{ctx}: top exceeded"
            );
            assert!(
                done - t >= confirm && done - lo >= confirm,
                "{ctx}: too early"
            );
            let lowest = l[t + 1..=done].iter().copied().fold(f64::MAX, f64::min);
            assert_eq!(b.bottom, lowest, "{ctx}: bottom is not the lowest low");
            assert!(l[lo + 1..=done].iter().all(|&x| x >= b.bottom), "{ctx}");
            let first_break = (done + 1..h.len()).find(|&i| h[i] > b.top || l[i] < b.bottom);
            let want = first_break.map(|i| {
                let dir = if h[i] > b.top {
                    Direction::Up
                } else {
                    Direction::Down
                };
                (i, dir)
            });
            assert_eq!(b.broken, want, "{ctx}: break");
            not_before = match b.broken {
                Some((i, _)) => i,
                None => usize::MAX,
            };
        }
    }
    assert!(total > 100, "{total} boxes");
}

/// With `RangeBasis::HighLow`, a bar without a finite high or low uses its close for both,
/// and a high below the close (or a low above it) is widened to the close, as documented:
/// such bars give exactly the scan of the repaired columns.
#[test]
fn high_low_basis_repairs_missing_and_inconsistent_bars_with_the_close() {
    let mut c = sawtooth(60);
    c.extend([113.0, 111.5, 112.0, 108.0, 99.0, 97.0, 96.0]);
    let h: Vec<f64> = c
        .iter()
        .enumerate()
        .map(|(i, x)| x + 0.3 * (i % 3) as f64)
        .collect();
    let l: Vec<f64> = c
        .iter()
        .enumerate()
        .map(|(i, x)| x - 0.2 * (i % 4) as f64)
        .collect();
    let (mut bad_h, mut bad_l) = (h.clone(), l.clone());
    let (mut fixed_h, mut fixed_l) = (h.clone(), l.clone());
    for i in [3, 17, 40, 62] {
        bad_h[i] = f64::NAN; // missing high: both become the close
        (fixed_h[i], fixed_l[i]) = (c[i], c[i]);
    }
    for i in [8, 25, 61] {
        bad_l[i] = f64::INFINITY; // missing low
        (fixed_h[i], fixed_l[i]) = (c[i], c[i]);
    }
    for i in [12, 33, 63] {
        bad_h[i] = c[i] - 1.0; // high below the close: widened to the close
        fixed_h[i] = c[i];
    }
    let cfg = BreakoutConfig::default()
        .basis(RangeBasis::HighLow)
        .max_width_percent(15.0);
    let bad = scan(Input::closes(&c).high_low(&bad_h, &bad_l), &cfg).expect("scan");
    let fixed = scan(Input::closes(&c).high_low(&fixed_h, &fixed_l), &cfg).expect("scan");
    assert!(!fixed.breakouts.is_empty());
    assert_eq!(bad, fixed);
}

/// Too little data for a window: every function returns Ok with nothing found (empty lists,
/// all-false flags of the input's length), never an error or a panic.
#[test]
fn too_little_data_for_any_window() {
    let c = [10.0, 10.5, 10.2, 10.8, 10.4];
    let (h, l): (Vec<f64>, Vec<f64>) = c.iter().map(|x| (x + 0.3, x - 0.3)).unzip();
    assert!(donchian_breakouts(&h, &l, &c, 20).expect("ok").is_empty());
    assert!(new_extremes(&h, &l, Lookback::WEEKS_52)
        .expect("ok")
        .is_empty());
    assert_eq!(narrow_range(&h, &l, 7).expect("ok"), [false; 5]);
    assert_eq!(
        bandwidth_squeeze(&c, 20, 2.0, 125, 0.0).expect("ok"),
        [false; 5]
    );
    assert!(ttm_squeeze(&h, &l, &c, &SqueezeConfig::default())
        .expect("ok")
        .is_empty());
    assert!(darvas_boxes(&h, &l, 3).expect("ok").is_empty());
    let found = scan(
        Input::closes(&c).high_low(&h, &l),
        &BreakoutConfig::default(),
    )
    .expect("ok");
    assert!(found.breakouts.is_empty() && found.ranges.is_empty() && found.forming.is_none());
    assert_eq!(found.last.map(|(r, x)| (r.index, x)), Some((4, 10.4)));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Causality of the channel and compression functions: on any prefix of the data they
    /// report exactly what the full run reports up to the prefix's last bar (a squeeze or a
    /// Darvas box still open there is open on the prefix, and nothing is found earlier than on
    /// the full data).
    #[test]
    fn channels_and_compression_are_causal((c, spread) in walk_with_spread(), cut in 0.0f64..1.0) {
        let h: Vec<f64> = c.iter().zip(&spread).map(|(c, s)| c + s).collect();
        let l: Vec<f64> = c.iter().zip(&spread).map(|(c, s)| c - s).collect();
        let n = c.len();
        let p = ((n as f64 * cut) as usize).max(1);
        let (hp, lp, cp) = (&h[..p], &l[..p], &c[..p]);

        let full = donchian_breakouts(&h, &l, &c, 10).unwrap();
        let want: Vec<ChannelBreak> = full.into_iter().filter(|x| x.index < p).collect();
        prop_assert_eq!(donchian_breakouts(hp, lp, cp, 10).unwrap(), want);
        for lookback in [Lookback::Bars(15), Lookback::AllTime] {
            let full = new_extremes(&h, &l, lookback).unwrap();
            let want: Vec<NewExtreme> = full.into_iter().filter(|x| x.index < p).collect();
            prop_assert_eq!(new_extremes(hp, lp, lookback).unwrap(), want);
        }
        prop_assert_eq!(narrow_range(hp, lp, 4).unwrap(), narrow_range(&h, &l, 4).unwrap()[..p].to_vec());
        prop_assert_eq!(inside_bars(hp, lp).unwrap(), inside_bars(&h, &l).unwrap()[..p].to_vec());
        prop_assert_eq!(
            bandwidth_squeeze(cp, 10, 2.0, 20, 20.0).unwrap(),
            bandwidth_squeeze(&c, 10, 2.0, 20, 20.0).unwrap()[..p].to_vec()
        );
        let cfg = SqueezeConfig { period: 10, atr_period: 10, ..SqueezeConfig::default() };
        let want: Vec<Squeeze> = ttm_squeeze(&h, &l, &c, &cfg)
            .unwrap()
            .into_iter()
            .filter(|q| q.on < p)
            .map(|q| Squeeze { on: q.on, off: q.off.filter(|&off| off < p) })
            .collect();
        prop_assert_eq!(ttm_squeeze(hp, lp, cp, &cfg).unwrap(), want);
        let want: Vec<DarvasBox> = darvas_boxes(&h, &l, 3)
            .unwrap()
            .into_iter()
            .filter(|b| b.complete_at < p)
            .map(|b| DarvasBox { broken: b.broken.filter(|&(i, _)| i < p), ..b })
            .collect();
        prop_assert_eq!(darvas_boxes(hp, lp, 3).unwrap(), want);
    }
}

/// Relative volume with gaps in the volume column: a missing volume restarts the average
/// (it needs `volume_period` volumes again), and a missing breakout-bar volume gives `None`.
#[test]
fn relative_volume_with_missing_volumes() {
    let mut c = sawtooth(40);
    c.extend([113.0, 115.0]);
    let cfg = BreakoutConfig::default().volume_period(20);
    let run = |volume: &[f64]| {
        scan(Input::closes(&c).volume(volume), &cfg)
            .expect("scan")
            .breakouts[0]
            .relative_volume
    };
    let mut volume = vec![1000.0; c.len()];
    volume[40] = 2500.0;
    assert_eq!(run(&volume), Some(2.5));
    let mut early = volume.clone();
    early[15] = f64::NAN; // bars 16-39 are 24 volumes again: the average exists
    assert_eq!(run(&early), Some(2.5));
    let mut late = volume.clone();
    late[30] = f64::NAN; // only bars 31-39 since: no average
    assert_eq!(run(&late), None);
    let mut on_the_bar = volume;
    on_the_bar[40] = f64::NAN;
    assert_eq!(run(&on_the_bar), None);
}
