//! Quick start: a short report on one symbol against a benchmark.
//!
//! ```text
//! cargo run --release --example quickstart                      # built-in synthetic sample
//! cargo run --release --example quickstart -- IWM.csv SPY.csv   # your own daily CSV files
//! ```
//!
//! Prints the last close, YTD return, 52-week high and low, and the return relative to the
//! benchmark over several windows.

use chartist::sample;
use chartist::series::{align, read_csv, ytd, AlignOptions, CsvOptions, PriceSeries};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (asset, benchmark) = match args.as_slice() {
        [a, b, ..] => (load(a)?, load(b)?),
        [a] => {
            eprintln!("usage: quickstart [ASSET.csv BENCHMARK.csv]");
            return Err(format!("a benchmark file is needed after {a}").into());
        }
        [] => {
            println!(
                "(no files given: using chartist's built-in synthetic sample, not market data)\n"
            );
            let story = sample::story(42);
            (story.small_caps, story.benchmark)
        }
    };

    // Compare on the dates both series have.
    let (aligned, report) = align(&[&asset, &benchmark], AlignOptions::default())?;
    let (a, b) = (&aligned[0], &aligned[1]);
    let last = a.last();
    let as_of = last.date();

    println!("{} vs {} as of {as_of}", a.symbol(), b.symbol());
    if report.dropped_count() > 0 {
        println!(
            "  ({} bars without a counterpart were left out)",
            report.dropped_count()
        );
    }
    println!("  last close       {:>10.2}", last.close);

    let year = ytd(a, as_of)?;
    let year_b = ytd(b, as_of)?;
    println!(
        "  YTD return       {:>+9.2}%   (from the {} close {:.2}; {} {:+.2}%)",
        100.0 * year.value,
        year.base_time.date(),
        year.base,
        b.symbol(),
        100.0 * year_b.value
    );

    let window = a.tail(252)?;
    let (hi_i, hi) = extreme(window.high(), |x, y| x > y);
    let (lo_i, lo) = extreme(window.low(), |x, y| x < y);
    println!(
        "  52-week high     {hi:>10.2}   on {}",
        window.times()[hi_i].date()
    );
    println!(
        "  52-week low      {lo:>10.2}   on {}",
        window.times()[lo_i].date()
    );
    println!(
        "  from 52w high    {:>+9.2}%",
        100.0 * (last.close / hi - 1.0)
    );

    println!(
        "\n  window   {:>9} {:>9}   spread   excess",
        a.symbol(),
        b.symbol()
    );
    for (label, bars) in [
        ("1 month", 21),
        ("3 months", 63),
        ("6 months", 126),
        ("1 year", 252),
    ] {
        if a.len() <= bars {
            continue;
        }
        let n = a.len() - 1;
        let ra = a.close()[n] / a.close()[n - bars] - 1.0;
        let rb = b.close()[n] / b.close()[n - bars] - 1.0;
        println!(
            "  {label:<8} {:>+8.2}% {:>+8.2}%  {:>+6.2} pp {:>+7.2}%",
            100.0 * ra,
            100.0 * rb,
            100.0 * (ra - rb),
            100.0 * ((1.0 + ra) / (1.0 + rb) - 1.0)
        );
    }
    println!("\n  spread = difference of returns; excess = (1 + ra) / (1 + rb) - 1");
    Ok(())
}

fn load(path: &str) -> Result<PriceSeries, Box<dyn std::error::Error>> {
    let (series, _) = read_csv(path, &CsvOptions::default()).map_err(|e| format!("{path}: {e}"))?;
    Ok(series)
}

/// Index and value of the extreme of `x` under `better`.
fn extreme(x: &[f64], better: impl Fn(f64, f64) -> bool) -> (usize, f64) {
    x.iter().copied().enumerate().fold(
        (0, x[0]),
        |acc, (i, v)| if better(v, acc.1) { (i, v) } else { acc },
    )
}
