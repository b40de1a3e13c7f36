//! Did small caps break out and beat large caps? The whole story, with charts.
//!
//! ```text
//! cargo run --release --example small_caps_2026                       # synthetic sample
//! cargo run --release --example small_caps_2026 -- --data ../shared/data --out charts
//! cargo run --release --example small_caps_2026 -- --data DIR --as-of 2026-01-16
//! ```
//!
//! With `--data DIR` it reads `DIR/market/daily/IWM.csv` and `SPY.csv` (small caps against the
//! S&P 500) and every `DIR/market/sectors-1y/*.csv` (the sector universe, benchmark `SPY`);
//! columns are found by header name, in any order. Without `--data` it runs on chartist's
//! built-in synthetic sample (`SMALL` against `BENCH` and eleven made-up sectors).
//!
//! It prints returns, the ratio line, the multi-year range and its breakout (weekly bars), RSI,
//! the sectors' leadership table and rotation quadrants, breadth, past outperformance streaks
//! and DCA against a lump sum, and writes PNG charts to `--out` (default
//! `target/chartist-charts/`). Chart text needs a TrueType font: DejaVu Sans is looked up in
//! the usual places, `CHARTIST_FONT=/path/to/font.ttf` picks another; without one the charts
//! are drawn without text.

use std::error::Error as StdError;
use std::path::{Path, PathBuf};

use chartist::breadth::{breadth, BreadthConfig};
use chartist::breakout::{scan_series, BreakoutConfig, Scan};
use chartist::indicators::{rsi, sma};
use chartist::performance::{
    dca_vs_lump_sum, dca_vs_lump_sum_all_starts, AllStartsConfig, DcaConfig,
};
use chartist::relative::{
    leadership_table, outperformance_streaks, relative_performance_of_series, rotation_graph,
    AverageSide, LeadershipConfig, Quadrant, RatioExtreme, RatioLine, RelativeWindow,
    RotationConfig, RotationGraph, SectorInfo,
};
use chartist::sample;
use chartist::series::{
    align, read_csv, resample, AlignOptions, CsvOptions, Panel, PanelJoin, PriceSeries, Timeframe,
};
use chartist::signals::{zone, Zone, ZoneThresholds};
use chrono::{Datelike, Duration, NaiveDate};

#[path = "support/charts.rs"]
mod charts;
use charts::Charts;

type Result<T> = std::result::Result<T, Box<dyn StdError>>;

/// The market the story is told on.
struct Market {
    synthetic: bool,
    asset: PriceSeries,
    benchmark: PriceSeries,
    /// Sector series; the benchmark of the sector tables is one of them.
    universe: Vec<PriceSeries>,
    universe_benchmark: String,
}

fn main() -> Result<()> {
    let args = Args::parse()?;
    let market = match &args.data {
        Some(dir) => load_market(dir)?,
        None => synthetic_market(),
    };
    let last_common = market
        .asset
        .last()
        .date()
        .min(market.benchmark.last().date());
    let as_of = args.as_of.unwrap_or(last_common);
    let asset = market.asset.between(market.asset.first().time, as_of)?;
    let bench = market
        .benchmark
        .between(market.benchmark.first().time, as_of)?;
    let (a, b) = (asset.symbol(), bench.symbol());

    println!("Small caps against large caps: {a} vs {b}, as of {as_of}");
    if market.synthetic {
        println!(
            "DATA: chartist's built-in SYNTHETIC sample (sample::story(42)), not market data."
        );
        println!("      Run with --data DIR to use real CSV files.");
    }

    returns_section(&asset, &bench, as_of)?;
    let ratio = ratio_section(&asset, &bench)?;
    let (weekly, scan) = breakout_section(&asset)?;
    let rsi_values = momentum_section(&asset)?;
    let universe: Vec<PriceSeries> = market
        .universe
        .iter()
        .filter_map(|s| s.between(s.first().time, as_of).ok())
        .collect();
    let (graph, sectors_as_of) = sectors_section(&universe, &market.universe_benchmark, as_of)?;
    breadth_section(&universe, &market.universe_benchmark)?;
    streaks_section(&asset, &bench)?;
    dca_section(&[&asset, &bench], as_of)?;

    let charts = Charts::new(&args.out, market.synthetic)?;
    let written = [
        charts.price(&weekly, &scan)?,
        charts.ratio(&ratio)?,
        charts.rotation(&graph, sectors_as_of)?,
        charts.rsi(&asset, &rsi_values)?,
    ];
    println!(
        "\nCharts{}:",
        if charts.text {
            ""
        } else {
            " (no font found: drawn without text)"
        }
    );
    for path in written {
        println!("  {}", path.display());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

struct Args {
    data: Option<PathBuf>,
    out: PathBuf,
    as_of: Option<NaiveDate>,
}

impl Args {
    fn parse() -> Result<Args> {
        let mut args = Args {
            data: None,
            out: PathBuf::from("target/chartist-charts"),
            as_of: None,
        };
        let mut it = std::env::args().skip(1);
        while let Some(flag) = it.next() {
            let mut value = || it.next().ok_or(format!("{flag} needs a value"));
            match flag.as_str() {
                "--data" => args.data = Some(value()?.into()),
                "--out" => args.out = value()?.into(),
                "--as-of" => args.as_of = Some(value()?.parse()?),
                _ => {
                    return Err(format!(
                        "unknown argument {flag:?}; usage: small_caps_2026 [--data DIR] [--out DIR] [--as-of YYYY-MM-DD]"
                    )
                    .into())
                }
            }
        }
        Ok(args)
    }
}

fn load_market(dir: &Path) -> Result<Market> {
    let load = |path: PathBuf| -> Result<PriceSeries> {
        let (series, _) = read_csv(&path, &CsvOptions::default())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(series)
    };
    let daily = dir.join("market/daily");
    let mut universe = Vec::new();
    for entry in std::fs::read_dir(dir.join("market/sectors-1y"))? {
        let path = entry?.path();
        if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        {
            universe.push(load(path)?);
        }
    }
    universe.sort_by(|x, y| x.symbol().cmp(y.symbol()));
    Ok(Market {
        synthetic: false,
        asset: load(daily.join("IWM.csv"))?,
        benchmark: load(daily.join("SPY.csv"))?,
        universe,
        universe_benchmark: "SPY".into(),
    })
}

fn synthetic_market() -> Market {
    let story = sample::story(42);
    let mut universe = story.sectors;
    universe.push(story.benchmark.clone());
    Market {
        synthetic: true,
        asset: story.small_caps,
        benchmark: story.benchmark,
        universe,
        universe_benchmark: "BENCH".into(),
    }
}

// ---------------------------------------------------------------------------------------------
// Report sections
// ---------------------------------------------------------------------------------------------

fn heading(title: &str) {
    println!("\n{title}\n{}", "-".repeat(title.chars().count()));
}

/// `+7.96%`, or `n/a` for NaN.
fn pct(x: f64) -> String {
    if x.is_finite() {
        format!("{:+.2}%", 100.0 * x)
    } else {
        "n/a".into()
    }
}

fn returns_section(asset: &PriceSeries, bench: &PriceSeries, as_of: NaiveDate) -> Result<()> {
    heading("Returns");
    println!(
        "{:<10} {:>9} {:>9} {:>10} {:>9}",
        "window",
        asset.symbol(),
        bench.symbol(),
        "spread",
        "excess"
    );
    let windows = [
        ("YTD", RelativeWindow::YearToDate),
        ("1 month", RelativeWindow::Bars(21)),
        ("3 months", RelativeWindow::Bars(63)),
        ("6 months", RelativeWindow::Bars(126)),
        ("1 year", RelativeWindow::Bars(252)),
        ("3 years", RelativeWindow::Bars(756)),
    ];
    for (label, window) in windows {
        let p = match relative_performance_of_series(asset, bench, window, as_of) {
            Ok(p) => p,
            Err(chartist::Error::InsufficientData { .. }) => continue, // history too short
            Err(e) => return Err(e.into()),
        };
        println!(
            "{label:<10} {:>9} {:>9} {:>7.2} pp {:>9}",
            pct(p.asset_return),
            pct(p.benchmark_return),
            100.0 * p.arithmetic_spread,
            pct(p.geometric_excess)
        );
    }
    println!("spread = difference of returns; excess = (1 + asset) / (1 + benchmark) - 1");
    Ok(())
}

fn ratio_section(asset: &PriceSeries, bench: &PriceSeries) -> Result<RatioLine> {
    heading(&format!(
        "Ratio line {} / {}",
        asset.symbol(),
        bench.symbol()
    ));
    let line = RatioLine::new(asset, bench)?;
    let values = line.values();
    let n = values.len() - 1;
    let last = values[n];
    let year_start =
        NaiveDate::from_ymd_opt(line.times()[n].year() - 1, 12, 31).ok_or("bad date")?;
    if let Some(base) = line.value_as_of(year_start) {
        println!(
            "ratio {last:.5} (year start {base:.5}, {} since)",
            pct(last / base - 1.0)
        );
    }
    let high_52w = line.extremes(252)?[n];
    println!(
        "52-week extreme: {}",
        match high_52w {
            Some(RatioExtreme::NewHigh) => "NEW 52-week HIGH today",
            Some(RatioExtreme::NewLow) => "new 52-week low today",
            Some(RatioExtreme::Neither) => "neither a new 52-week high nor low",
            None => "not enough history",
        }
    );
    if let Some(i) = values[..n].iter().rposition(|&v| v > last) {
        println!(
            "highest since {} (the last close above {last:.5})",
            line.times()[i].date()
        );
    } else {
        println!("highest in the whole history");
    }
    for period in [50, 200] {
        let side = line.vs_average(period)?[n];
        let avg = sma(values, period)?[n];
        let word = match side {
            Some(AverageSide::Above) => "above",
            Some(AverageSide::Below) => "below",
            Some(AverageSide::On) => "on",
            None => "n/a vs",
        };
        println!(
            "{word} its {period}-day average ({avg:.5}, {})",
            pct(last / avg - 1.0)
        );
    }
    Ok(line)
}

fn breakout_section(asset: &PriceSeries) -> Result<(PriceSeries, Scan)> {
    heading(&format!(
        "Range and breakout of {} (weekly bars)",
        asset.symbol()
    ));
    let weekly = resample(asset, Timeframe::Weekly)?;
    let scan = scan_series(&weekly.series, &BreakoutConfig::default())?;
    let date = |r: chartist::breakout::BarRef| r.date().map_or("?".into(), |d| d.to_string());
    let Some(range) = scan.latest_range() else {
        println!("no consolidation range found");
        return Ok((weekly.series, scan));
    };
    println!(
        "range {} .. {} ({} weeks): {:.2} - {:.2} (height {:.2}, {} upper / {} lower touches)",
        date(range.start),
        date(range.end),
        range.bars(),
        range.lower,
        range.upper,
        range.height,
        range.upper_touches.len(),
        range.lower_touches.len()
    );
    let of_range: Vec<_> = scan
        .breakouts
        .iter()
        .filter(|b| b.range.start == range.start)
        .collect();
    for b in &of_range {
        let confirmed = b
            .confirmed_at
            .map_or(String::new(), |c| format!(", confirmed {}", date(c)));
        let retest = b
            .retest_at
            .map_or(String::new(), |c| format!(", retested {}", date(c)));
        println!(
            "  {:?} breakout week of {}: close {:.2} over level {:.2} ({:?}{confirmed}{retest})",
            b.direction,
            date(b.bar),
            b.close,
            b.level,
            b.state
        );
    }
    if let (Some(b), Some((_, close))) = (of_range.last(), scan.last) {
        println!(
            "measured-move target {:.2} ({} from the last close {close:.2}); invalidation below {:.2}",
            b.target,
            pct(b.target / close - 1.0),
            b.invalidation
        );
    }
    println!(
        "last close is {:?} the range",
        scan.position().ok_or("no close")?
    );
    if weekly.last_incomplete {
        println!("(the last week is still open: its bar is provisional)");
    }
    Ok((weekly.series, scan))
}

fn momentum_section(asset: &PriceSeries) -> Result<Vec<f64>> {
    heading(&format!("Momentum of {}", asset.symbol()));
    let values = rsi(asset.close(), 14)?;
    let zones = zone(&values, ZoneThresholds::rsi())?;
    let n = values.len() - 1;
    if let Some(state) = zones[n] {
        println!(
            "RSI(14) {:.2}: {:?} for {} day(s) (zones 70/30)",
            values[n], state.zone, state.bars
        );
    }
    let year = zones.len().saturating_sub(252);
    let overbought = zones[year..]
        .iter()
        .flatten()
        .filter(|s| s.zone == Zone::Overbought)
        .count();
    let oversold = zones[year..]
        .iter()
        .flatten()
        .filter(|s| s.zone == Zone::Oversold)
        .count();
    println!("last 252 days: {overbought} overbought, {oversold} oversold");
    Ok(values)
}

/// Prints the leadership table and quadrants; returns the rotation graph and the date used
/// (the sector files may end before `as_of`).
fn sectors_section(
    universe: &[PriceSeries],
    bench: &str,
    as_of: NaiveDate,
) -> Result<(RotationGraph, NaiveDate)> {
    heading(&format!("Sector leadership against {bench}"));
    let panel = Panel::from_series(universe, PanelJoin::Outer)?;
    let config = LeadershipConfig::default()
        .spdr_groups()
        .rotation(RotationConfig::weekly());
    let table = leadership_table(&panel, bench, as_of, &config)?;
    println!("as of {} (rotation on weekly bars)", table.as_of.date());
    let name = |symbol: &str| SectorInfo::lookup(symbol).map_or("", |s| s.name);
    let width = table
        .rows
        .iter()
        .map(|r| name(&r.symbol).len())
        .max()
        .unwrap_or(0);
    println!(
        "{:>4} {:<16} {:<width$} {:>8} {:>8} {:>8} {:>8} {:>4}  quadrant",
        "rank", "symbol", "", "1m", "3m", "6m", "12m", "RS"
    );
    for r in &table.rows {
        let cell = |i: usize| r.returns.get(i).map_or("n/a".into(), |&x| pct(x));
        println!(
            "{:>4} {:<16} {:<width$} {:>8} {:>8} {:>8} {:>8} {:>4}  {}",
            r.rank,
            r.symbol,
            name(&r.symbol),
            cell(0),
            cell(1),
            cell(2),
            cell(3),
            r.rs_rating,
            r.quadrant.map_or("-".into(), |q| format!("{q:?}"))
        );
    }
    for g in &table.groups {
        println!(
            "{:<10} {:>2} members: mean 3m excess {}, mean RS {:.0}",
            g.group,
            g.members,
            pct(g.mean_excess.get(1).copied().unwrap_or(f64::NAN)),
            g.mean_rs_rating
        );
    }
    let graph = rotation_graph(&panel, bench, &RotationConfig::weekly())?;
    let points = graph.points_as_of(table.as_of);
    for q in [
        Quadrant::Leading,
        Quadrant::Weakening,
        Quadrant::Lagging,
        Quadrant::Improving,
    ] {
        let members: Vec<&str> = points
            .iter()
            .filter(|(_, p)| p.is_some_and(|p| p.quadrant == q))
            .map(|(s, _)| s.as_str())
            .collect();
        println!("{:<10} {}", format!("{q:?}:"), members.join(" "));
    }
    Ok((graph, table.as_of.date()))
}

fn breadth_section(universe: &[PriceSeries], bench: &str) -> Result<()> {
    let members: Vec<PriceSeries> = universe
        .iter()
        .filter(|s| s.symbol() != bench)
        .cloned()
        .collect();
    heading(&format!("Breadth of the {} sector series", members.len()));
    let panel = Panel::from_series(&members, PanelJoin::Outer)?;
    // The shared sector files hold one year: 52-week highs need a year before the first, so
    // new highs and lows are counted over six months.
    let b = breadth(&panel, &BreadthConfig::default().high_low_period(126))?;
    let t = panel.n_dates() - 1;
    let month_ago = t.saturating_sub(21);
    println!("as of {}", panel.times()[t].date());
    let share = |label: &str, s: &chartist::breadth::MemberShare| {
        println!(
            "{label:<34} {:>5.0}% ({} of {})",
            100.0 * s.share[t],
            s.count[t],
            s.counted[t]
        );
    };
    share("above their 50-day average", &b.above_ma);
    share("up over the last 20 days", &b.participation);
    let ad = &b.advance_decline;
    println!(
        "{:<34} {} up, {} down; A/D line {:+.0} over a month",
        "advancers / decliners today",
        ad.advancers[t],
        ad.decliners[t],
        ad.line[t] - ad.line[month_ago]
    );
    println!(
        "{:<34} {:>6.2}",
        "McClellan oscillator", b.mcclellan.oscillator[t]
    );
    let hl = &b.new_highs_lows;
    println!(
        "{:<34} {} highs, {} lows",
        "new 6-month highs / lows", hl.new_highs[t], hl.new_lows[t]
    );
    match b.thrust.signals.last() {
        Some(&i) => println!(
            "{:<34} {}",
            "last Zweig breadth thrust",
            panel.times()[i].date()
        ),
        None => println!("{:<34} none in the data", "Zweig breadth thrust"),
    }
    Ok(())
}

fn streaks_section(asset: &PriceSeries, bench: &PriceSeries) -> Result<()> {
    const WINDOW: usize = 13;
    heading(&format!(
        "Outperformance streaks: weeks {} beat {} over the trailing {WINDOW} weeks",
        asset.symbol(),
        bench.symbol()
    ));
    let (both, _) = align(&[asset, bench], AlignOptions::default())?;
    let a = resample(&both[0], Timeframe::Weekly)?.series;
    let b = resample(&both[1], Timeframe::Weekly)?.series;
    let stats = outperformance_streaks(a.close(), b.close(), WINDOW)?;
    println!(
        "{} completed streaks, mean {:.1} weeks, median {:.1}; current streak {} weeks",
        stats.count, stats.mean_length, stats.median_length, stats.current
    );
    if let Some(p) = stats.persistence(WINDOW, WINDOW) {
        println!(
            "streaks that reached {WINDOW} weeks lasted {WINDOW} more in {:.0}% of cases",
            100.0 * p
        );
    }
    let mut longest = stats.streaks.clone();
    longest.sort_by_key(|s| std::cmp::Reverse(s.len));
    println!("longest:");
    for s in longest.iter().take(5) {
        println!(
            "  {:>3} weeks  {} .. {}{}",
            s.len,
            a.times()[s.start].date(),
            a.times()[s.start + s.len - 1].date(),
            if s.ongoing { "  (ongoing)" } else { "" }
        );
    }
    Ok(())
}

fn dca_section(series: &[&PriceSeries], as_of: NaiveDate) -> Result<()> {
    heading("DCA vs lump sum: 1,000 on the first trading day of each month over the last year");
    println!(
        "{:<8} {:>5} {:>9} {:>10} {:>8} {:>11} {:>8}   every 1-year start: DCA won",
        "symbol", "buys", "invested", "DCA value", "XIRR", "lump value", "XIRR"
    );
    let year_ago = as_of - Duration::days(365);
    for s in series {
        let c = dca_vs_lump_sum(&s.between(year_ago, as_of)?, &DcaConfig::default())?;
        let xirr = |r: Option<f64>| r.map_or("n/a".into(), pct);
        let all = dca_vs_lump_sum_all_starts(s, &AllStartsConfig::default())?;
        println!(
            "{:<8} {:>5} {:>9.0} {:>10.0} {:>8} {:>11.0} {:>8}   {:.0}% of {} (median gap {})",
            s.symbol(),
            c.dca.contributions,
            c.dca.invested,
            c.dca.final_value,
            xirr(c.dca.money_weighted_return),
            c.lump_sum.final_value,
            xirr(c.lump_sum.money_weighted_return),
            100.0 * all.dca_win_share,
            all.gaps.len(),
            pct(all.distribution.median)
        );
    }
    Ok(())
}
