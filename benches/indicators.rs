//! Single-series indicators on 1M bars of a deterministic random walk, each group holding
//! chartist and, where it has the function, the `ta-lib` crate (pure-Rust TA-Lib port) as the
//! baseline. Throughput is in elements, so criterion's time per element is ns per bar.

use std::hint::black_box;

use chartist::indicators::*;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ta_lib::{Core, MAType};

const N: usize = 1_000_000;

fn walk(len: usize) -> Vec<f64> {
    let mut s: u64 = 0x2545_f491_4f6c_dd1d;
    let mut p = 100.0;
    (0..len)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            p += ((s >> 11) as f64 / (1u64 << 53) as f64) - 0.5;
            p
        })
        .collect()
}

fn batch(c: &mut Criterion) {
    let x = walk(N);
    let core = Core::new();
    let end = N - 1;
    let mut out = vec![0.0; N];
    let (mut o2, mut o3) = (vec![0.0; N], vec![0.0; N]);

    let mut g = c.benchmark_group("sma20");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("chartist", |b| {
        b.iter(|| sma_into(black_box(&x), 20, &mut out))
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| core.sma(0, end, black_box(&x), 20, &mut out))
    });
    g.finish();

    let mut g = c.benchmark_group("ema20");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("chartist", |b| {
        b.iter(|| ema_into(black_box(&x), 20, &mut out))
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| core.ema(0, end, black_box(&x), 20, &mut out))
    });
    g.finish();

    let mut g = c.benchmark_group("rsi14");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("chartist", |b| {
        b.iter(|| rsi_into(black_box(&x), 14, &mut out))
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| core.rsi(0, end, black_box(&x), 14, &mut out))
    });
    g.finish();

    let mut g = c.benchmark_group("macd12_26_9");
    g.throughput(Throughput::Elements(N as u64));
    let mut m = macd(&x, 12, 26, 9).unwrap();
    g.bench_function("chartist", |b| {
        b.iter(|| macd_into(black_box(&x), 12, 26, 9, &mut m))
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| core.macd(0, end, black_box(&x), 12, 26, 9, &mut out, &mut o2, &mut o3))
    });
    g.finish();

    let mut g = c.benchmark_group("bollinger20_2");
    g.throughput(Throughput::Elements(N as u64));
    let mut bb = bollinger(&x, 20, 2.0).unwrap();
    g.bench_function("chartist", |b| {
        b.iter(|| bollinger_into(black_box(&x), 20, 2.0, &mut bb))
    });
    let (mut bu, mut bm, mut bl) = (vec![0.0; N], vec![0.0; N], vec![0.0; N]);
    g.bench_function("chartist (upper, middle, lower)", |b| {
        b.iter(|| bollinger_bands_into(black_box(&x), 20, 2.0, &mut bu, &mut bm, &mut bl))
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| {
            core.bbands(
                0,
                end,
                black_box(&x),
                20,
                2.0,
                2.0,
                MAType::SMA,
                &mut out,
                &mut o2,
                &mut o3,
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("max20");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("chartist", |b| {
        b.iter(|| highest_into(black_box(&x), 20, &mut out))
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| core.max(0, end, black_box(&x), 20, &mut out))
    });
    g.finish();

    // chartist-only indicators (no baseline in the same group).
    let mut g = c.benchmark_group("single_series");
    g.throughput(Throughput::Elements(N as u64));
    type F = fn(&[f64], usize) -> chartist::Result<Vec<f64>>;
    let fns: [(&str, F, usize); 12] = [
        ("rma14", rma, 14),
        ("wma20", wma, 20),
        ("dema20", dema, 20),
        ("tema20", tema, 20),
        ("kama10", kama, 10),
        ("roc10", roc, 10),
        ("momentum10", momentum, 10),
        ("trix15", trix, 15),
        ("stddev20", stddev, 20),
        ("lowest20", lowest, 20),
        ("linreg_slope14", linreg_slope, 14),
        ("stoch_rsi.k", |x, n| Ok(stoch_rsi(x, n, 14, 3)?.k), 14),
    ];
    for (name, f, n) in fns {
        g.bench_with_input(BenchmarkId::new("chartist", name), &n, |b, &n| {
            b.iter(|| f(black_box(&x), n))
        });
    }
    g.finish();
}

fn streaming(c: &mut Criterion) {
    let x = walk(N);
    let mut g = c.benchmark_group("streaming_update");
    g.throughput(Throughput::Elements(N as u64));
    g.bench_function("ema20", |b| {
        b.iter(|| {
            let mut e = Ema::new(20).unwrap();
            let mut acc = 0.0;
            for &v in black_box(&x) {
                acc += e.update(v).unwrap_or(0.0);
            }
            acc
        })
    });
    g.bench_function("rsi14", |b| {
        b.iter(|| {
            let mut r = Rsi::new(14).unwrap();
            let mut acc = 0.0;
            for &v in black_box(&x) {
                acc += r.update(v).unwrap_or(0.0);
            }
            acc
        })
    });
    g.finish();
}

criterion_group!(benches, batch, streaming);
criterion_main!(benches);
