//! Series benchmarks: CSV parsing, alignment and weekly resampling at 1M bars.
//!
//! Targets (issue #3): CSV >= 2M rows/s, align two 1M-bar series < 20 ms, weekly resample of
//! 1M daily bars < 10 ms.

use chartist::sample::random_walk;
use chartist::series::{
    align, align_index, read_csv_from, resample, write_csv, AlignOptions, Bar, CsvOptions,
    PriceSeries, Timeframe,
};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

const N: usize = 1_000_000;

/// A 1M-bar random walk re-dated onto weekdays from 1900 (so every date has a 4-digit year).
fn walk(seed: u64, price: f64) -> PriceSeries {
    let s = random_walk("X", seed, N, price, 0.0, 0.01);
    let start = chrono::NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date");
    let times = chartist::sample::weekdays(start, N)
        .into_iter()
        .map(chartist::series::midnight)
        .collect();
    PriceSeries::from_columns(
        s.symbol(),
        times,
        s.open().to_vec(),
        s.high().to_vec(),
        s.low().to_vec(),
        s.close().to_vec(),
        s.volume().to_vec(),
    )
    .expect("valid")
}

fn csv_parse(c: &mut Criterion) {
    let s = walk(1, 100.0);
    let mut buf = Vec::with_capacity(64 * N);
    write_csv(&s, &mut buf).expect("write to memory");
    let mut g = c.benchmark_group("csv");
    g.sample_size(10);
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function(BenchmarkId::new("parse_ohlcv", N), |b| {
        b.iter(|| read_csv_from(black_box(&buf[..]), &CsvOptions::new("X")).expect("parse"))
    });
    g.finish();
}

fn align_two(c: &mut Criterion) {
    let a = walk(2, 100.0);
    // B misses every 10th bar of A.
    let bars: Vec<Bar> = walk(3, 50.0)
        .bars()
        .zip(a.times())
        .enumerate()
        .filter(|(i, _)| i % 10 != 0)
        .map(|(_, (mut b, t))| {
            b.time = *t;
            b
        })
        .collect();
    let b = PriceSeries::from_bars("B", bars).expect("valid");
    let mut g = c.benchmark_group("align");
    g.sample_size(20);
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function(BenchmarkId::new("index_inner_two", N), |bn| {
        bn.iter(|| align_index(black_box(&[&a, &b]), AlignOptions::default()).expect("align"))
    });
    g.bench_function(BenchmarkId::new("inner_two", N), |bn| {
        bn.iter(|| align(black_box(&[&a, &b]), AlignOptions::default()).expect("align"))
    });
    g.bench_function(BenchmarkId::new("forward_fill_two", N), |bn| {
        bn.iter(|| align(black_box(&[&a, &b]), AlignOptions::forward_fill(3)).expect("align"))
    });
    g.finish();
}

fn resample_weekly(c: &mut Criterion) {
    let s = walk(4, 100.0);
    let mut g = c.benchmark_group("resample");
    g.sample_size(20);
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function(BenchmarkId::new("weekly", N), |b| {
        b.iter(|| resample(black_box(&s), Timeframe::Weekly).expect("resample"))
    });
    g.bench_function(BenchmarkId::new("monthly", N), |b| {
        b.iter(|| resample(black_box(&s), Timeframe::Monthly).expect("resample"))
    });
    g.finish();
}

criterion_group!(benches, csv_parse, align_two, resample_weekly);
criterion_main!(benches);
