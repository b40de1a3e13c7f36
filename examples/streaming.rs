//! Bar by bar: streaming indicators and the streaming breakout detector.
//!
//! ```text
//! cargo run --example streaming                      # built-in synthetic sample
//! cargo run --example streaming -- IWM.csv           # a daily CSV file
//! cat IWM.csv | cargo run --example streaming -- -   # CSV on standard input
//! ```
//!
//! Each bar is fed to RSI(14), EMA(50), ATR(14), MACD(12, 26, 9), an RSI zone tracker and a
//! [`BreakoutDetector`]. Confirmed breakouts (and confirmed ones that later fail) are printed on
//! the bar they become known, every other event is counted, and a status line with the
//! indicator values is printed every 252 bars and for the last bar. Nothing looks ahead: a line
//! shows what a live feed would have shown at that bar's close. The input is read whole by
//! chartist's CSV reader and then fed bar by bar; a live feed would call the same `update`s.

use chartist::breakout::{BarInput, BreakoutConfig, BreakoutDetector, EventKind};
use chartist::indicators::{Atr, Ema, Hlc, Indicator, Macd, Rsi};
use chartist::series::{read_csv, read_csv_from, CsvOptions, PriceSeries};
use chartist::signals::{ZoneThresholds, ZoneTracker};

const STATUS_EVERY: usize = 252;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let series = load(std::env::args().nth(1).as_deref())?;
    println!("{}: {} bars", series.symbol(), series.len());

    let mut rsi = Rsi::new(14)?;
    let mut ema = Ema::new(50)?;
    let mut atr = Atr::new(14)?;
    let mut macd = Macd::new(12, 26, 9)?;
    let mut zone = ZoneTracker::new(ZoneThresholds::rsi());
    // Daily bars: ranges of at least three months, confirmed by a close 3% beyond the level
    // (Edwards & Magee's penetration rule).
    let config = BreakoutConfig::default().min_bars(63).confirm_percent(3.0);
    let mut detector = BreakoutDetector::new(config)?;

    let mut tally = [0usize; 4]; // breakouts, confirmed, failed, retests
    let last = series.len() - 1;
    for (i, bar) in series.bars().enumerate() {
        let rsi_now = rsi.update(bar.close);
        let ema_now = ema.update(bar.close);
        let atr_now = atr.update(Hlc::new(bar.high, bar.low, bar.close));
        let macd_now = macd.update(bar.close);
        let zone_now = zone.update(rsi_now.unwrap_or(f64::NAN));

        let input = BarInput::close(bar.close)
            .high_low(bar.high, bar.low)
            .volume(bar.volume)
            .time(bar.time);
        for event in detector.update(input) {
            tally[match event.kind {
                EventKind::Breakout => 0,
                EventKind::Confirmed => 1,
                EventKind::Failed => 2,
                EventKind::Retest => 3,
            }] += 1;
            // Print what a trader acts on: confirmations, and confirmed breakouts that failed.
            // Unconfirmed attempts that fell back and retests are only counted.
            let b = &event.breakout;
            let what = match event.kind {
                EventKind::Confirmed => format!("CONFIRMED, target {:.2}", b.target),
                EventKind::Failed if b.confirmed_at.is_some() => "failed after confirming".into(),
                _ => continue,
            };
            println!(
                "{}  {:?} breakout of {:.2} (range of {} bars, broken {}): {what}",
                bar.date(),
                b.direction,
                b.level,
                b.range.bars(),
                b.bar.date().map_or("?".into(), |d| d.to_string()),
            );
        }

        if (i + 1) % STATUS_EVERY == 0 || i == last {
            let show = |v: Option<f64>| v.map_or("   n/a".into(), |v| format!("{v:>6.2}"));
            println!(
                "{}  close {:>8.2}  RSI {} {:<10}  EMA50 {}  ATR {}  MACD hist {}",
                bar.date(),
                bar.close,
                show(rsi_now),
                zone_now.map_or(String::new(), |z| format!("{:?}", z.zone)),
                show(ema_now),
                show(atr_now),
                show(macd_now.map(|m| m.histogram)),
            );
        }
    }

    println!(
        "breakout events: {} breakouts, {} confirmed, {} failed, {} retests",
        tally[0], tally[1], tally[2], tally[3]
    );
    // `peek` answers "what if the next bar closed here" without changing any state.
    let close = series.last().close;
    for change in [-0.02, 0.02] {
        let next = close * (1.0 + change);
        let rsi_then = rsi.peek(next).map_or("n/a".into(), |v| format!("{v:.2}"));
        println!(
            "a next close of {next:.2} ({:+.0}%) would put RSI at {rsi_then}",
            100.0 * change
        );
    }
    Ok(())
}

/// The bars to stream: a CSV on standard input (`-`), a CSV file, or the synthetic sample.
fn load(source: Option<&str>) -> Result<PriceSeries, Box<dyn std::error::Error>> {
    let series = match source {
        Some("-") => read_csv_from(std::io::stdin().lock(), &CsvOptions::new("stdin"))?.0,
        Some(path) => {
            read_csv(path, &CsvOptions::default())
                .map_err(|e| format!("{path}: {e}"))?
                .0
        }
        None => {
            println!(
                "(no file given: streaming chartist's built-in synthetic sample, not market data)"
            );
            chartist::sample::story(42).small_caps
        }
    };
    if series.is_empty() {
        return Err("no bars to stream".into());
    }
    Ok(series)
}
