//! Range + breakout scan throughput: 1M daily bars, and 2,000 symbols x 2,520 days.
use chartist::breakout::{scan, scan_many, BreakoutConfig, Input};
use chartist::sample::random_walk;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

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
    // `scan_many` shares the symbols out among one thread per core (the target is for this
    // 2-core machine).
    g.bench_function("scan_2000_symbols_x_2520_days", |b| {
        b.iter(|| {
            scan_many(black_box(&symbols), &cfg, 0)
                .iter()
                .map(|r| r.as_ref().map_or(0, |f| f.breakouts.len()))
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
