//! Benchmarks for the high/low/close indicators on 1M bars of a deterministic random walk,
//! against the `ta-lib` crate (the official pure-Rust port of TA-Lib) in the same group.
//! Throughput is in elements (bars), so criterion's time per element is ns per bar.

use std::hint::black_box;

use chartist::indicators::{
    adx, adx_into, atr_into, cci_into, donchian_prior, keltner, mfi_into, obv, stochastic,
    true_range_into, ultimate_oscillator_into, williams_r_into, Atr, Hlc, Indicator,
};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ta_lib::{Core, MAType};

const BARS: usize = 1_000_000;

struct Ohlcv {
    high: Vec<f64>,
    low: Vec<f64>,
    close: Vec<f64>,
    volume: Vec<f64>,
}

/// A deterministic random walk (xorshift64) with OHLC bars around it.
fn random_walk(len: usize) -> Ohlcv {
    let mut s: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut price = 100.0;
    let mut b = Ohlcv {
        high: Vec::with_capacity(len),
        low: Vec::with_capacity(len),
        close: Vec::with_capacity(len),
        volume: Vec::with_capacity(len),
    };
    for _ in 0..len {
        let open = price;
        price *= 1.0 + (next() - 0.5) * 0.02;
        b.high.push(open.max(price) * (1.0 + next() * 0.005));
        b.low.push(open.min(price) * (1.0 - next() * 0.005));
        b.close.push(price);
        b.volume.push(1000.0 + (next() * 9000.0).round());
    }
    b
}

fn bench_hlc(c: &mut Criterion) {
    let d = random_walk(BARS);
    let (h, l, cl, v) = (&d.high[..], &d.low[..], &d.close[..], &d.volume[..]);
    let core = Core::new();
    let end = BARS - 1;
    let mut out = vec![0.0; BARS];
    let mut out2 = vec![0.0; BARS];

    let mut g = c.benchmark_group("atr14");
    g.throughput(Throughput::Elements(BARS as u64));
    g.bench_function("chartist", |b| {
        b.iter(|| atr_into(black_box(h), black_box(l), black_box(cl), 14, &mut out))
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| {
            core.atr(
                0,
                end,
                black_box(h),
                black_box(l),
                black_box(cl),
                14,
                &mut out,
            )
        })
    });
    let bars: Vec<Hlc> = (0..BARS).map(|i| Hlc::new(h[i], l[i], cl[i])).collect();
    g.bench_function("chartist streaming update", |b| {
        b.iter(|| {
            let mut a = Atr::new(14).unwrap_or_else(|_| unreachable!());
            let mut last = 0.0;
            for &bar in &bars {
                if let Some(x) = a.update(black_box(bar)) {
                    last = x;
                }
            }
            last
        })
    });
    g.finish();

    let mut g = c.benchmark_group("trange");
    g.throughput(Throughput::Elements(BARS as u64));
    g.bench_function("chartist", |b| {
        b.iter(|| true_range_into(black_box(h), black_box(l), black_box(cl), &mut out))
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| core.trange(0, end, black_box(h), black_box(l), black_box(cl), &mut out))
    });
    g.finish();

    let mut g = c.benchmark_group("stoch14_3_3");
    g.throughput(Throughput::Elements(BARS as u64));
    g.bench_function("chartist", |b| {
        b.iter(|| stochastic(black_box(h), black_box(l), black_box(cl), 14, 3, 3))
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| {
            core.stoch(
                0,
                end,
                black_box(h),
                black_box(l),
                black_box(cl),
                14,
                3,
                MAType::SMA,
                3,
                MAType::SMA,
                &mut out,
                &mut out2,
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("willr14");
    g.throughput(Throughput::Elements(BARS as u64));
    // Into a buffer allocated before the loop, as ta-lib's `out` is.
    let mut buf = vec![0.0; BARS];
    g.bench_function("chartist", |b| {
        b.iter(|| williams_r_into(black_box(h), black_box(l), black_box(cl), 14, &mut buf))
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| {
            core.willr(
                0,
                end,
                black_box(h),
                black_box(l),
                black_box(cl),
                14,
                &mut out,
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("cci20");
    g.throughput(Throughput::Elements(BARS as u64));
    g.bench_function("chartist", |b| {
        b.iter(|| cci_into(black_box(h), black_box(l), black_box(cl), 20, &mut out))
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| {
            core.cci(
                0,
                end,
                black_box(h),
                black_box(l),
                black_box(cl),
                20,
                &mut out,
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("adx14");
    g.throughput(Throughput::Elements(BARS as u64));
    // Both write into buffers allocated once, outside the timed loop.
    let mut dmi = adx(h, l, cl, 14).unwrap();
    g.bench_function("chartist (adx, +di, -di)", |b| {
        b.iter(|| adx_into(black_box(h), black_box(l), black_box(cl), 14, &mut dmi))
    });
    g.bench_function("ta-lib (adx only)", |b| {
        b.iter(|| {
            core.adx(
                0,
                end,
                black_box(h),
                black_box(l),
                black_box(cl),
                14,
                &mut out,
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("mfi14");
    g.throughput(Throughput::Elements(BARS as u64));
    // Into a buffer allocated before the loop, as ta-lib's `out` is.
    let mut buf = vec![0.0; BARS];
    g.bench_function("chartist", |b| {
        b.iter(|| {
            let (h, l, cl, v) = (black_box(h), black_box(l), black_box(cl), black_box(v));
            mfi_into(h, l, cl, v, 14, &mut buf)
        })
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| {
            core.mfi(
                0,
                end,
                black_box(h),
                black_box(l),
                black_box(cl),
                black_box(v),
                14,
                &mut out,
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("ultosc7_14_28");
    g.throughput(Throughput::Elements(BARS as u64));
    // Into a buffer allocated before the loop, as ta-lib's `out` is.
    let mut buf = vec![0.0; BARS];
    g.bench_function("chartist", |b| {
        b.iter(|| {
            let (h, l, cl) = (black_box(h), black_box(l), black_box(cl));
            ultimate_oscillator_into(h, l, cl, 7, 14, 28, &mut buf)
        })
    });
    g.bench_function("ta-lib", |b| {
        b.iter(|| {
            core.ultosc(
                0,
                end,
                black_box(h),
                black_box(l),
                black_box(cl),
                7,
                14,
                28,
                &mut out,
            )
        })
    });
    g.finish();

    let mut g = c.benchmark_group("obv");
    g.throughput(Throughput::Elements(BARS as u64));
    g.bench_function("chartist", |b| b.iter(|| obv(black_box(cl), black_box(v))));
    g.bench_function("ta-lib", |b| {
        b.iter(|| core.obv(0, end, black_box(cl), black_box(v), &mut out))
    });
    g.finish();

    let mut g = c.benchmark_group("channels");
    g.throughput(Throughput::Elements(BARS as u64));
    g.bench_function("chartist keltner(20, 10, 2)", |b| {
        b.iter(|| keltner(black_box(h), black_box(l), black_box(cl), 20, 10, 2.0))
    });
    g.bench_function("chartist donchian_prior(20)", |b| {
        b.iter(|| donchian_prior(black_box(h), black_box(l), 20))
    });
    g.finish();
}

criterion_group!(benches, bench_hlc);
criterion_main!(benches);
