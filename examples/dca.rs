//! DCA against a lump sum: `cargo run --example dca -- prices.csv` (a CSV with date and close
//! columns), or the built-in sample data without an argument.
use chartist::performance::{
    dca_vs_lump_sum, dca_vs_lump_sum_all_starts, AllStartsConfig, DcaConfig,
};
use chartist::series::{read_csv, CsvOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let series = match std::env::args().nth(1) {
        Some(path) => read_csv(path, &CsvOptions::default())?.0,
        None => {
            println!("(no file given: synthetic sample, not market data)");
            chartist::sample::story(42).small_caps
        }
    };
    let c = dca_vs_lump_sum(&series, &DcaConfig::default().amount(500.0))?;
    for (name, p) in [("DCA", &c.dca), ("lump sum", &c.lump_sum)] {
        let mwr = p
            .money_weighted_return
            .map_or("n/a".into(), |r| format!("{:.2}%", r * 100.0));
        println!(
            "{name:>8}: invested {:.0}, units {:.2}, final {:.0}, XIRR {mwr}, TWR {:.2}%",
            p.invested,
            p.units,
            p.final_value,
            p.time_weighted_return * 100.0
        );
    }
    let all = dca_vs_lump_sum_all_starts(&series, &AllStartsConfig::default())?;
    let g = all.distribution;
    println!(
        "over {} one-year starts DCA won {:.1}%; gap p5 {:.2}% median {:.2}% p95 {:.2}%",
        all.gaps.len(),
        all.dca_win_share * 100.0,
        g.p5 * 100.0,
        g.median * 100.0,
        g.p95 * 100.0
    );
    Ok(())
}
