//! Which sectors lead, and where are they rotating?
//!
//! `cargo run --example sector_rotation -- <folder of CSVs> <benchmark symbol> [YYYY-MM-DD]`
//! reads every `*.csv` in the folder (symbol = file name), e.g. the shared
//! `market/sectors-1y` folder with `SPY`, and reports as of the given date (default: the last
//! date in the files), e.g. issue #5's check
//! `cargo run --example sector_rotation -- "$CHARTIST_DATA_DIR/market/sectors-1y" SPY 2026-01-16`.
//! The quadrant is the daily one; `weekly` is the quadrant on the weekly rotation graph (its
//! last week on or before the date). Without arguments it uses the synthetic sectors of
//! `chartist::sample::story(42)` against `BENCH`. Prints the leadership table and writes the
//! weekly rotation graph to `target/chartist-charts/rotation_graph.png`
//! (`CHARTIST_CHART_DIR` overrides the folder).

#[path = "support/charts.rs"]
mod charts;

use chartist::relative::{
    leadership_table, rotation_graph, LeadershipConfig, RotationConfig, SectorInfo,
};
use chartist::series::{read_csv, CsvOptions, Panel, PanelJoin, PriceSeries};
use chrono::NaiveDate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (series, benchmark, as_of) = match args.as_slice() {
        [folder, bench, rest @ ..] => {
            let mut series: Vec<PriceSeries> = Vec::new();
            for entry in std::fs::read_dir(folder)? {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "csv") {
                    // The symbol is the file name (CsvOptions::default() leaves it empty).
                    series.push(read_csv(&path, &CsvOptions::default())?.0);
                }
            }
            series.sort_by(|a, b| a.symbol().cmp(b.symbol()));
            let last = series
                .iter()
                .map(|s| s.last().date())
                .max()
                .ok_or("no CSV files")?;
            let as_of = match rest.first() {
                Some(d) => d.parse::<NaiveDate>()?,
                None => last,
            };
            (series, bench.clone(), as_of)
        }
        _ => {
            println!("(no folder given: synthetic sample sectors, not market data)\n");
            let story = chartist::sample::story(42);
            let mut series = story.sectors;
            series.push(story.benchmark);
            (series, "BENCH".to_string(), chartist::sample::end_date())
        }
    };
    let panel = Panel::from_series(&series, PanelJoin::Outer)?;
    let mut config = LeadershipConfig::default().spdr_groups();
    for s in series.iter().filter(|s| s.symbol().starts_with("S_")) {
        let defensive = ["S_STAPLES", "S_UTILITIES", "S_HEALTH_CARE"].contains(&s.symbol());
        config = config.group(s.symbol(), if defensive { "defensive" } else { "cyclical" });
    }
    let table = leadership_table(&panel, &benchmark, as_of, &config)?;
    let graph = rotation_graph(&panel, &benchmark, &RotationConfig::weekly())?;
    let weekly: std::collections::HashMap<String, String> = graph
        .points_as_of(as_of)
        .into_iter()
        .map(|(s, p)| {
            (
                s,
                p.map_or("-".to_string(), |p| format!("{:?}", p.quadrant)),
            )
        })
        .collect();

    println!(
        "Leadership vs {} as of {}",
        table.benchmark,
        table.as_of.date()
    );
    println!(
        "{:>4} {:<16} {:<24} {:>8} {:>8} {:>8} {:>4} {:>8} {:>8} {:<10} {:>6} {:<10}",
        "rank",
        "symbol",
        "name",
        "1m",
        "3m",
        "6m",
        "RS",
        "RS-rat",
        "RS-mom",
        "quadrant",
        "head",
        "weekly"
    );
    for r in &table.rows {
        let name = SectorInfo::lookup(&r.symbol).map_or("", |s| s.name);
        let quadrant = r.quadrant.map_or("-".to_string(), |q| format!("{q:?}"));
        println!(
            "{:>4} {:<16} {:<24} {:>7.2}% {:>7.2}% {:>7.2}% {:>4} {:>8.2} {:>8.2} {:<10} {:>5.0}° {:<10}",
            r.rank,
            r.symbol,
            name,
            100.0 * r.returns[0],
            100.0 * r.returns[1],
            100.0 * r.returns[2],
            r.rs_rating,
            r.rs_ratio,
            r.rs_momentum,
            quadrant,
            r.heading_degrees,
            weekly.get(&r.symbol).map_or("-", String::as_str),
        );
    }
    let out =
        std::env::var("CHARTIST_CHART_DIR").unwrap_or_else(|_| "target/chartist-charts".into());
    let synthetic = benchmark == "BENCH";
    let chart =
        charts::Charts::new(std::path::Path::new(&out), synthetic)?.rotation(&graph, as_of)?;
    println!("\nrotation graph written to {}", chart.display());

    println!("\nGroups (mean 3m excess, mean RS rating, Leading/Weakening/Lagging/Improving):");
    for g in &table.groups {
        println!(
            "  {:<10} {:>2} members {:>7.2}% {:>5.1}  {:?}",
            g.group,
            g.members,
            100.0 * g.mean_excess[1],
            g.mean_rs_rating,
            g.quadrant_counts
        );
    }
    Ok(())
}
