//! Range-breakout scanner: one line per symbol with its latest range, breakout state and
//! measured-move target, on weekly bars.
//!
//! `cargo run --example breakout_scanner -- path/to/csv_folder` (files with Date and Close
//! columns, optionally High/Low/Volume); without an argument it scans `chartist::sample` data.
use chartist::breakout::{scan_series, BreakoutConfig, Scan};
use chartist::series::{read_csv, resample, CsvOptions, PriceSeries, Timeframe};

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
    let mut rows = Vec::new();
    for s in &series {
        let weekly = resample(s, Timeframe::Weekly)?.series;
        rows.push((
            s.symbol().to_string(),
            scan_series(&weekly, &BreakoutConfig::default())?,
        ));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    for (symbol, found) in &rows {
        println!("{symbol:<12} {}", describe(found));
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
    let state = match found.latest_breakout().filter(|b| b.range.start == r.start) {
        Some(b) => format!(
            "{:?} {:?} {} target {:.2}",
            b.direction,
            b.state,
            b.bar.date().map_or("?".into(), |d| d.to_string()),
            b.target
        ),
        None => "no breakout".into(),
    };
    format!("{range:<40} {state:<42} now {:?}", found.position())
}
