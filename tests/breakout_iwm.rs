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

#[test]
fn iwm_weekly_range_and_breakout() {
    let Some(daily) = iwm() else { return };
    let daily = daily.between(d(2000, 1, 1), d(2026, 1, 16)).expect("slice");
    let weekly = resample(&daily, Timeframe::Weekly).expect("weekly").series;
    let found = scan_series(&weekly, &BreakoutConfig::default()).expect("scan");
    for r in &found.ranges {
        eprintln!(
            "range {:?}..{:?} upper {:.2} lower {:.2} touches {:?} / {:?}",
            r.start.date(),
            r.end.date(),
            r.upper,
            r.lower,
            r.upper_touches.iter().map(|t| t.date()).collect::<Vec<_>>(),
            r.lower_touches.iter().map(|t| t.date()).collect::<Vec<_>>()
        );
    }
    for b in &found.breakouts {
        eprintln!("{:?} {:?} level {:.2} close {:.2} {:?} conf {:?} fail {:?} retest {:?} target {:.2} range {:?}..{:?}", b.bar.date(), b.direction, b.level, b.close, b.state,
            b.confirmed_at.and_then(|r| r.date()), b.failed_at.and_then(|r| r.date()), b.retest_at.and_then(|r| r.date()), b.target, b.range.start.date(), b.range.end.date());
    }
    eprintln!(
        "forming {:?} position {:?}",
        found
            .forming
            .as_ref()
            .map(|r| (r.start.date(), r.upper, r.lower)),
        found.position()
    );
    let _ = (BreakoutState::Confirmed, Direction::Up, Position::Above);
}
