//! Range-breakout scanner: one line per symbol with its latest range, breakout state,
//! measured-move target and RS rating (1-99 across the files scanned), on weekly bars, sorted
//! by RS rating.
//!
//! `cargo run --example breakout_scanner -- path/to/csv_folder` (files with Date and Close
//! columns, optionally High/Low/Volume); without an argument it scans `chartist::sample` data.
use chartist::breakout::{scan_many, Breakout, BreakoutConfig, Scan};
use chartist::relative::{rs_rating, RsRatingConfig};
use chartist::series::{read_csv, resample, CsvOptions, Panel, PanelJoin, PriceSeries, Timeframe};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let series: Vec<PriceSeries> = match std::env::args().nth(1) {
        Some(dir) => {
            let mut paths: Vec<_> = std::fs::read_dir(dir)?
                .map(|e| e.map(|e| e.path()))
                .collect::<Result<_, _>>()?;
            paths.retain(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case("csv")));
            paths
                .iter()
                .map(|p| read_csv(p, &CsvOptions::default()).map(|(s, _)| s))
                .collect::<Result<_, _>>()?
        }
        None => {
            let story = chartist::sample::story(42);
            let mut all = vec![story.small_caps, story.benchmark];
            all.extend(story.sectors);
            all
        }
    };
    // RS rating on the last date of the universe (needs at least two symbols).
    let panel = Panel::from_series(&series, PanelJoin::Outer)?;
    let ratings = rs_rating(&panel, &RsRatingConfig::default()).ok();
    let last = panel.times()[panel.n_dates() - 1];

    // Weekly bars, scanned on every core.
    let weekly = series
        .iter()
        .map(|s| Ok(resample(s, Timeframe::Weekly)?.series))
        .collect::<Result<Vec<_>, chartist::Error>>()?;
    let scans = scan_many(&weekly, &BreakoutConfig::default(), 0);
    let mut rows = Vec::new();
    for (s, found) in series.iter().zip(scans) {
        let rating = ratings
            .as_ref()
            .and_then(|r| r.rating_as_of(s.symbol(), last))
            .filter(|r| !r.is_nan());
        rows.push((s.symbol().to_string(), rating, found?));
    }
    // Highest RS rating first; unrated last; then by symbol.
    rows.sort_by(|a, b| {
        let key = |r: Option<f64>| -r.unwrap_or(0.0);
        key(a.1).total_cmp(&key(b.1)).then_with(|| a.0.cmp(&b.0))
    });
    println!(
        "{:<16} {:>3}  {:<40} {:<44} now",
        "symbol", "RS", "range (weekly closes)", "latest breakout"
    );
    for (symbol, rating, found) in &rows {
        let rs = rating.map_or("-".to_string(), |r| format!("{r:.0}"));
        println!("{symbol:<16} {rs:>3}  {}", describe(found));
    }
    Ok(())
}

fn describe(found: &Scan) -> String {
    let Some(r) = found.latest_range() else {
        return "no range".into();
    };
    let range = format!(
        "range {}..{} {:.2}-{:.2}",
        r.start.date().map_or("?".into(), |d| d.to_string()),
        r.end.date().map_or("?".into(), |d| d.to_string()),
        r.lower,
        r.upper
    );
    // The latest breakout, if it broke this very range: a forming range can start on the same
    // bar as a range broken earlier (ranges nest) but has other edges and no breakout yet.
    let same_range = |b: &&Breakout| {
        b.range.start == r.start && b.range.upper == r.upper && b.range.lower == r.lower
    };
    let state = match found.latest_breakout().filter(same_range) {
        Some(b) => format!(
            "{:?} {:?} {} target {:.2}",
            b.direction,
            b.state,
            b.bar.date().map_or("?".into(), |d| d.to_string()),
            b.target
        ),
        None => "no breakout".into(),
    };
    let now = found
        .position()
        .map_or("-".to_string(), |p| format!("{p:?}").to_lowercase());
    format!("{range:<40} {state:<44} {now}")
}
