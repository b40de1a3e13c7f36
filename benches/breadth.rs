//! Benchmarks for breadth, performance statistics and DCA (sizes from issue 7).
use std::hint::black_box;

use chartist::breadth::{breadth, BreadthConfig};
use chartist::performance::{
    dca_vs_lump_sum_all_starts, performance_of, AllStartsConfig, PerformanceConfig,
};
use chartist::sample::{random_walk, SampleRng};
use chartist::series::{midnight, Panel};
use chrono::{Days, NaiveDate};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ndarray::Array2;

fn panel(members: usize, days: usize) -> Panel {
    let mut rng = SampleRng::new(42);
    let mut m = Array2::<f64>::zeros((members, days));
    for r in 0..members {
        let mut p = 100.0;
        for c in 0..days {
            p *= (0.0003 + 0.015 * rng.normal()).exp();
            m[[r, c]] = p;
        }
    }
    let start = NaiveDate::from_ymd_opt(2016, 1, 4).unwrap_or_default();
    let times = (0..days as u64)
        .map(|i| midnight(start + Days::new(i)))
        .collect();
    let names = (0..members).map(|i| format!("M{i}")).collect();
    Panel::from_closes(names, times, m).expect("valid bench panel")
}

fn bench_breadth(c: &mut Criterion) {
    let (members, days) = (2_000, 2_520);
    let p = panel(members, days);
    let cfg = BreadthConfig::default();
    let mut g = c.benchmark_group("breadth");
    g.throughput(Throughput::Elements((members * days) as u64));
    g.bench_function("suite_2000x2520", |b| {
        b.iter(|| breadth(black_box(&p), &cfg))
    });
    g.finish();
}

fn bench_performance(c: &mut Criterion) {
    let n = 1_000_000;
    let mut rng = SampleRng::new(7);
    let mut v = Vec::with_capacity(n);
    let mut p = 100.0;
    for _ in 0..n {
        p *= (0.0002 + 0.01 * rng.normal()).exp();
        v.push(p);
    }
    let start = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
    let t: Vec<_> = (0..n as u64)
        .map(|i| midnight(start + Days::new(i)))
        .collect();
    let cfg = PerformanceConfig::default();
    let mut g = c.benchmark_group("performance");
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("stats_1m", |b| {
        b.iter(|| performance_of(black_box(&t), black_box(&v), &cfg))
    });
    g.finish();
}

fn bench_dca(c: &mut Criterion) {
    let n = 25 * 252;
    let s = random_walk("X", 3, n, 100.0, 0.0003, 0.012);
    let cfg = AllStartsConfig::default();
    let mut g = c.benchmark_group("dca");
    g.throughput(Throughput::Elements(n as u64));
    g.bench_function("all_starts_25y_daily", |b| {
        b.iter(|| dca_vs_lump_sum_all_starts(black_box(&s), &cfg))
    });
    g.finish();
}

criterion_group!(benches, bench_breadth, bench_performance, bench_dca);
criterion_main!(benches);
