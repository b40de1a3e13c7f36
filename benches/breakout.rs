//! Range + breakout scan throughput: 1M daily bars, and 2,000 symbols x 2,520 days.
use chartist::breakout::{scan, BreakoutConfig, Input};
use chartist::sample::random_walk;
use chartist::series::PriceSeries;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

/// Scans every symbol; returns the number of breakouts found.
fn scan_all(symbols: &[PriceSeries], cfg: &BreakoutConfig) -> usize {
    symbols
        .iter()
        .map(|s| {
            scan(
                black_box(
                    Input::closes(s.close())
                        .high_low(s.high(), s.low())
                        .volume(s.volume()),
                ),
                cfg,
            )
            .map(|f| f.breakouts.len())
            .unwrap_or(0)
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let cfg = BreakoutConfig::default();
    let mut g = c.benchmark_group("breakout");
    g.sample_size(10);

    let one = random_walk("X", 1, 1_000_000, 100.0, 0.0, 0.01);
    let (cl, hi, lo, vo) = (one.close(), one.high(), one.low(), one.volume());
    g.throughput(Throughput::Elements(cl.len() as u64));
    g.bench_function("scan_1m_daily_bars", |b| {
        b.iter(|| {
            scan(
                black_box(Input::closes(cl).high_low(hi, lo).volume(vo)),
                &cfg,
            )
        })
    });

    let symbols: Vec<_> = (0..2_000u64)
        .map(|s| random_walk("S", s, 2_520, 100.0, 0.0002, 0.015))
        .collect();
    g.throughput(Throughput::Elements(2_000 * 2_520));
    // One chunk of symbols per core (the target is for this 2-core machine).
    let chunk = symbols.len().div_ceil(2);
    g.bench_function("scan_2000_symbols_x_2520_days", |b| {
        b.iter(|| {
            std::thread::scope(|scope| {
                let workers: Vec<_> = symbols
                    .chunks(chunk)
                    .map(|part| scope.spawn(|| scan_all(part, &cfg)))
                    .collect();
                workers
                    .into_iter()
                    .map(|w| w.join().unwrap_or(0))
                    .sum::<usize>()
            })
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
