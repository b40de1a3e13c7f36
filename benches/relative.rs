//! Benchmarks for the relative module, at the sizes of issue 5's targets.
//!
//! * RS rating of 2,000 symbols × 2,520 days (target < 50 ms), on random walks and on a
//!   universe where 1% of the members rise tenfold a year (far outliers in the ranking).
//! * Rotation graph of 30 symbols × 10 years of daily bars (target < 5 ms).

use std::hint::black_box;

use chartist::relative::{rotation_graph, rs_rating, RotationConfig, RsRatingConfig};
use chartist::sample::{weekdays_ending, SampleRng};
use chartist::series::{midnight, Panel};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ndarray::Array2;

/// A panel of `symbols` geometric random walks over `days` weekdays.
fn random_panel(symbols: usize, days: usize, seed: u64) -> Panel {
    panel_with_leaders(symbols, days, seed, 0)
}

/// [`random_panel`] where every `leaders_every`-th member (none for 0) also rises about
/// tenfold a year: the far outliers a real universe has on most dates.
fn panel_with_leaders(symbols: usize, days: usize, seed: u64, leaders_every: usize) -> Panel {
    let mut rng = SampleRng::new(seed);
    let mut close = Array2::<f64>::zeros((symbols, days));
    for (i, mut row) in close.rows_mut().into_iter().enumerate() {
        let leader = leaders_every > 0 && i % leaders_every == leaders_every / 2;
        // ln(10) / 252 a day: tenfold over a year of trading days.
        let trend = if leader { 10f64.ln() / 252.0 } else { 0.0 };
        let drift = trend + 0.0004 * (rng.uniform() - 0.5);
        let mut p = 20.0 + 100.0 * rng.uniform();
        for v in row.iter_mut() {
            p *= (drift + 0.015 * rng.normal()).exp();
            *v = p;
        }
    }
    let times = weekdays_ending(chartist::sample::end_date(), days)
        .into_iter()
        .map(midnight)
        .collect();
    let symbols = (0..symbols).map(|i| format!("S{i:04}")).collect();
    Panel::from_closes(symbols, times, close).expect("valid panel")
}

fn rs_rating_bench(c: &mut Criterion) {
    let (n, t) = (2_000, 2_520);
    let panel = random_panel(n, t, 1);
    let config = RsRatingConfig::default();
    let mut g = c.benchmark_group("relative/rs_rating");
    g.throughput(Throughput::Elements((n * t) as u64));
    g.sample_size(10);
    g.bench_function("2000x2520", |b| {
        b.iter(|| rs_rating(black_box(&panel), &config).expect("rating"))
    });
    let skewed = panel_with_leaders(n, t, 1, 100);
    g.bench_function("2000x2520_1pct_tenfold", |b| {
        b.iter(|| rs_rating(black_box(&skewed), &config).expect("rating"))
    });
    g.finish();
}

fn rotation_bench(c: &mut Criterion) {
    let (n, t) = (31, 2_520); // 30 members + the benchmark
    let panel = random_panel(n, t, 2);
    let config = RotationConfig::default();
    let mut g = c.benchmark_group("relative/rotation_graph");
    g.throughput(Throughput::Elements((30 * t) as u64));
    g.bench_function("30x2520_daily", |b| {
        b.iter(|| rotation_graph(black_box(&panel), "S0000", &config).expect("graph"))
    });
    let weekly = RotationConfig::weekly();
    g.bench_function("30x2520_weekly", |b| {
        b.iter(|| rotation_graph(black_box(&panel), "S0000", &weekly).expect("graph"))
    });
    g.finish();
}

criterion_group!(benches, rs_rating_bench, rotation_bench);
criterion_main!(benches);
