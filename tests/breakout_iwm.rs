//! Real-data check: IWM's 2021-2025 range and its 2025 breakout, on weekly bars with the
//! documented defaults. Reads `$CHARTIST_DATA_DIR/market/daily/IWM.csv`; skipped when unset.

use chartist::breakout::{scan_series, BreakoutConfig, BreakoutState, Direction, Position};
use chartist::series::{read_csv, resample, CsvOptions, PriceSeries, Timeframe};
use chrono::NaiveDate;

fn iwm() -> Option<PriceSeries> {
    let Ok(dir) = std::env::var("CHARTIST_DATA_DIR") else {
        eprintln!("skipping: CHARTIST_DATA_DIR not set");
        return None;
    };
    let path = std::path::Path::new(&dir).join("market/daily/IWM.csv");
    let (s, _) = read_csv(&path, &CsvOptions::new("IWM")).expect("IWM.csv reads");
    Some(s)
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// With the documented defaults on weekly bars (data through 2026-01-16):
/// * the range runs from November 2020 to November 2025 between the 2022-2023 lows (weekly
///   close 162.21) and the 2021/2024 highs (top 241.81, the highest weekly close);
/// * the upside break is dated 2025-11-28 and confirmed the following week; price is above the
///   range on 2026-01-16 with a measured-move target of top + height;
/// * a marginal close of 241.87 on 2024-11-29 is a first failed attempt (back inside 12-06);
/// * the September-November 2025 attempts are *failed breakouts* of the same range, not
///   pullbacks: 2025-09-19 (closed back inside 09-26), 10-03 (back inside 10-10) and 10-17
///   (confirmed 10-24 but back inside on 11-07, within the 5-bar failure window). The range
///   stays in force with its original top through them; only the 11-28 break held.
#[test]
fn iwm_weekly_range_and_breakout() {
    let Some(daily) = iwm() else { return };
    let daily = daily.between(d(2000, 1, 1), d(2026, 1, 16)).expect("slice");
    let weekly = resample(&daily, Timeframe::Weekly).expect("weekly").series;
    let found = scan_series(&weekly, &BreakoutConfig::default()).expect("scan");

    // A multi-year range covering 2022 to mid-2025, topped by the 2021 and 2024 highs.
    let range = found
        .ranges
        .iter()
        .find(|r| {
            r.start.date() <= Some(d(2022, 1, 1))
                && r.end.date() >= Some(d(2025, 6, 30))
                && (240.0..=246.0).contains(&r.upper)
        })
        .expect("multi-year range");
    let touch_years: Vec<i32> = range
        .upper_touches
        .iter()
        .filter_map(|t| t.date())
        .map(|t| chrono::Datelike::year(&t))
        .collect();
    assert!(touch_years.contains(&2021) && touch_years.contains(&2024));
    // Its floor is the 2022-2023 lows.
    assert!(
        range.lower > 150.0 && range.lower < 175.0,
        "{}",
        range.lower
    );

    // An upside breakout of that range between 2025-09-15 and 2025-12-31 that held.
    let breakouts: Vec<_> = found
        .breakouts
        .iter()
        .filter(|b| b.range.start == range.start && b.level == range.upper)
        .collect();
    let held = breakouts
        .iter()
        .find(|b| b.state == BreakoutState::Confirmed)
        .expect("confirmed breakout");
    assert_eq!(held.direction, Direction::Up);
    let when = held.bar.date().expect("dated");
    assert!(when >= d(2025, 9, 15) && when <= d(2025, 12, 31), "{when}");
    assert_eq!(held.target, range.upper + range.height);

    // As of 2026-01-16 price is above the range.
    let (last, close) = found.last.expect("last bar");
    assert_eq!(last.date(), Some(d(2026, 1, 16)));
    assert_eq!(range.position(close), Position::Above);

    // Every weekly close back at or below the top after the first break and before the
    // breakout that held failed one of the attempts: those pullbacks are failed breakouts.
    let first = breakouts[0].bar.index;
    let inside: Vec<usize> = (first..held.bar.index)
        .filter(|&i| weekly.close()[i] <= range.upper)
        .collect();
    let failed: Vec<usize> = breakouts
        .iter()
        .filter(|b| b.state == BreakoutState::Failed && b.bar.index >= first)
        .filter_map(|b| b.failed_at.map(|r| r.index))
        .collect();
    assert!(!failed.is_empty());
    for i in &failed {
        assert!(inside.contains(i));
    }
    for b in &breakouts {
        eprintln!(
            "IWM weekly: {:?} break of {:.2} on {:?}: {:?} (confirmed {:?}, failed {:?}), target {:.2}",
            b.direction,
            b.level,
            b.bar.date(),
            b.state,
            b.confirmed_at.and_then(|r| r.date()),
            b.failed_at.and_then(|r| r.date()),
            b.target
        );
    }
    eprintln!(
        "IWM weekly range {:?}..{:?}: {:.2}-{:.2}",
        range.start.date(),
        range.end.date(),
        range.lower,
        range.upper
    );
}
