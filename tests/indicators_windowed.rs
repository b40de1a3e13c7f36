//! The batch kernels of the windowed indicators (Bollinger, MAX/MIN, Williams %R, MFI,
//! Ultimate Oscillator, OBV, linear-regression slope) on long series with NaN gaps: every path
//! of the block algorithms and of the "check on the way, fall back run by run" drivers, against
//! the streaming types (bit for bit) and against naive definitions.

use chartist::indicators::*;
use proptest::prelude::*;

mod common;

/// A random walk of `len` bars, scaled by `scale`, with NaN at the positions in `gaps`.
fn walk(len: usize, seed: u64, scale: f64, gaps: &[usize]) -> Vec<f64> {
    let mut next = common::uniform_stream(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut p = 100.0;
    (0..len)
        .map(|i| {
            p += next() - 0.5;
            if gaps.contains(&i) {
                f64::NAN
            } else {
                p * scale
            }
        })
        .collect()
}

/// Bit-for-bit equality, NaN equal to NaN.
fn identical(a: &[f64], b: &[f64]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| (x.is_nan() && y.is_nan()) || x.to_bits() == y.to_bits())
}

fn stream<I: Indicator>(
    ind: &mut I,
    input: &[I::Input],
    pick: impl Fn(I::Output) -> f64,
) -> Vec<f64> {
    input
        .iter()
        .map(|&v| ind.update(v).map(&pick).unwrap_or(f64::NAN))
        .collect()
}

/// Naive rolling extreme over `x[i-n+1..=i]` within finite runs.
fn naive_extreme(x: &[f64], n: usize, max: bool) -> Vec<f64> {
    (0..x.len())
        .map(|i| {
            if i + 1 < n || x[i + 1 - n..=i].iter().any(|v| !v.is_finite()) {
                return f64::NAN;
            }
            let w = x[i + 1 - n..=i].iter().copied();
            if max {
                w.fold(f64::NEG_INFINITY, f64::max)
            } else {
                w.fold(f64::INFINITY, f64::min)
            }
        })
        .collect()
}

/// TA-Lib's slope formula evaluated directly on each window (no running sums).
fn naive_slope(x: &[f64], n: usize) -> Vec<f64> {
    let nf = n as f64;
    let sum_x = nf * (nf - 1.0) / 2.0;
    let divisor = sum_x * sum_x - nf * nf * (nf - 1.0) * (2.0 * nf - 1.0) / 6.0;
    (0..x.len())
        .map(|i| {
            if i + 1 < n || x[i + 1 - n..=i].iter().any(|v| !v.is_finite()) {
                return f64::NAN;
            }
            if n == 1 {
                return 0.0;
            }
            let w = &x[i + 1 - n..=i];
            let sum_y: f64 = w.iter().sum();
            let sum_xy: f64 = w
                .iter()
                .enumerate()
                .map(|(j, v)| (n - 1 - j) as f64 * v)
                .sum();
            (nf * sum_xy - sum_x * sum_y) / divisor
        })
        .collect()
}

#[test]
fn highest_and_lowest_match_a_naive_scan_across_block_groups() {
    for n in [1, 2, 3, 5, 20, 64] {
        for gaps in [&[][..], &[0, 7, 300, 301, 999][..]] {
            let x = walk(1_000 + n, n as u64, 1.0, gaps);
            assert!(
                identical(&highest(&x, n).unwrap(), &naive_extreme(&x, n, true)),
                "max {n}"
            );
            assert!(
                identical(&lowest(&x, n).unwrap(), &naive_extreme(&x, n, false)),
                "min {n}"
            );
            let h = stream(&mut Highest::new(n).unwrap(), &x, |v| v);
            assert!(identical(&highest(&x, n).unwrap(), &h), "stream max {n}");
        }
    }
}

#[test]
fn infinite_values_split_the_extremes_like_nan() {
    let mut x = walk(500, 3, 1.0, &[]);
    x[250] = f64::INFINITY;
    x[400] = f64::NEG_INFINITY;
    let h = highest(&x, 10).unwrap();
    assert!(h[250].is_nan() && h[258].is_nan() && h[260].is_finite());
    assert!(identical(&h, &naive_extreme(&x, 10, true)));
}

#[test]
fn linreg_slope_stays_within_1e12_of_the_direct_formula_over_long_series() {
    // A high price level and a small period make the cancellation worst; running sums must
    // not drift over 100k bars.
    for (n, scale) in [(2, 1.0), (5, 1e4), (14, 1.0), (50, 1e-3), (14, 1e6)] {
        let x = walk(100_000, n as u64, scale, &[10, 50_000]);
        let ours = linreg_slope(&x, n).unwrap();
        let direct = naive_slope(&x, n);
        for (i, (a, b)) in ours.iter().zip(&direct).enumerate() {
            assert_eq!(a.is_nan(), b.is_nan(), "n {n} at {i}");
            if a.is_finite() {
                // Relative to the window's scale of moves (the slope itself can be ~0).
                let scale = x[i + 1 - n..=i].iter().map(|v| v.abs()).fold(0.0, f64::max);
                assert!((a - b).abs() <= 1e-12 * scale, "n {n} at {i}: {a} vs {b}");
            }
        }
    }
}

#[test]
fn linreg_slope_streaming_is_o1_and_exact_after_reset_and_peek() {
    let x = walk(5_000, 9, 1.0, &[1_000, 1_001, 4_000]);
    let batch = linreg_slope(&x, 14).unwrap();
    let mut s = LinRegSlope::new(14).unwrap();
    for _ in 0..2 {
        let got: Vec<f64> = x
            .iter()
            .map(|&v| {
                let peeked = s.peek(v);
                let got = s.update(v);
                assert_eq!(peeked.map(f64::to_bits), got.map(f64::to_bits));
                got.unwrap_or(f64::NAN)
            })
            .collect();
        assert!(identical(&got, &batch));
        s.reset();
    }
}

#[test]
fn flat_windows_give_exact_zero_slope_and_bands() {
    let x = vec![1e9 + 0.5; 300];
    assert!(linreg_slope(&x, 14).unwrap()[13..]
        .iter()
        .all(|&v| v == 0.0));
    let b = bollinger(&x, 20, 2.0).unwrap();
    assert!(b.upper[19..].iter().all(|&v| v == 1e9 + 0.5));
    assert!(b.bandwidth[19..].iter().all(|&v| v == 0.0));
}

fn bars(
    len: usize,
    seed: u64,
    scale: f64,
    gaps: &[usize],
) -> (Vec<f64>, Vec<f64>, Vec<f64>, Vec<f64>) {
    let c = walk(len, seed, scale, gaps);
    let h: Vec<f64> = c
        .iter()
        .enumerate()
        .map(|(i, v)| v + scale * (0.1 + (i % 7) as f64 * 0.05))
        .collect();
    let l: Vec<f64> = c
        .iter()
        .enumerate()
        .map(|(i, v)| v - scale * (0.1 + (i % 5) as f64 * 0.05))
        .collect();
    let v: Vec<f64> = (0..len)
        .map(|i| 1_000.0 + ((i * 7_919) % 5_000) as f64)
        .collect();
    (h, l, c, v)
}

#[test]
fn hlc_kernels_equal_their_streaming_types_on_long_series_with_gaps() {
    for gaps in [&[][..], &[3, 64, 65, 1_500][..]] {
        let (h, l, c, v) = bars(3_000, 11, 1.0, gaps);
        let hlc: Vec<Hlc> = (0..h.len()).map(|i| Hlc::new(h[i], l[i], c[i])).collect();
        let hlcv: Vec<Hlcv> = (0..h.len())
            .map(|i| Hlcv::new(h[i], l[i], c[i], v[i]))
            .collect();
        let cv: Vec<CloseVolume> = (0..h.len()).map(|i| CloseVolume::new(c[i], v[i])).collect();
        for n in [1, 2, 14, 40] {
            let w = williams_r(&h, &l, &c, n).unwrap();
            assert!(
                identical(&w, &stream(&mut WilliamsR::new(n).unwrap(), &hlc, |x| x)),
                "willr {n}"
            );
            let m = mfi(&h, &l, &c, &v, n).unwrap();
            assert!(
                identical(&m, &stream(&mut Mfi::new(n).unwrap(), &hlcv, |x| x)),
                "mfi {n}"
            );
            let u = ultimate_oscillator(&h, &l, &c, n, 2 * n, 4 * n).unwrap();
            let us = stream(
                &mut UltimateOscillator::new(n, 2 * n, 4 * n).unwrap(),
                &hlc,
                |x| x,
            );
            assert!(identical(&u, &us), "ultosc {n}");
        }
        let o = obv(&c, &v).unwrap();
        assert!(identical(&o, &stream(&mut Obv::new(), &cv, |x| x)), "obv");
    }
}

#[test]
fn overflowing_prices_take_the_exact_path_and_still_match_streaming() {
    // Finite inputs whose sums overflow: the optimistic check fails and the run-by-run path
    // must give the streaming numbers anyway.
    let (h, l, c, v) = bars(400, 5, 1e306, &[]);
    let hlc: Vec<Hlc> = (0..h.len()).map(|i| Hlc::new(h[i], l[i], c[i])).collect();
    let hlcv: Vec<Hlcv> = (0..h.len())
        .map(|i| Hlcv::new(h[i], l[i], c[i], v[i]))
        .collect();
    let cv: Vec<CloseVolume> = (0..h.len()).map(|i| CloseVolume::new(c[i], v[i])).collect();
    assert!(identical(
        &williams_r(&h, &l, &c, 14).unwrap(),
        &stream(&mut WilliamsR::new(14).unwrap(), &hlc, |x| x)
    ));
    assert!(identical(
        &mfi(&h, &l, &c, &v, 14).unwrap(),
        &stream(&mut Mfi::new(14).unwrap(), &hlcv, |x| x)
    ));
    let us = stream(
        &mut UltimateOscillator::new(7, 14, 28).unwrap(),
        &hlc,
        |x| x,
    );
    assert!(identical(
        &ultimate_oscillator(&h, &l, &c, 7, 14, 28).unwrap(),
        &us
    ));
    assert!(identical(
        &obv(&c, &v).unwrap(),
        &stream(&mut Obv::new(), &cv, |x| x)
    ));
}

#[test]
fn into_variants_equal_the_allocating_functions_and_check_the_buffer() {
    // A buffer full of garbage must come back with exactly the allocating function's numbers,
    // on the fast path, the run-by-run path (gaps) and the overflow path, and for a period
    // longer than the data.
    let cases = [
        bars(3_000, 11, 1.0, &[]),
        bars(3_000, 11, 1.0, &[3, 64, 65, 1_500]),
        bars(400, 5, 1e306, &[]),
        bars(10, 2, 1.0, &[]),
    ];
    for (h, l, c, v) in &cases {
        for n in [1, 2, 14, 40] {
            let mut out = vec![-7.0; h.len()];
            williams_r_into(h, l, c, n, &mut out).unwrap();
            assert!(
                identical(&out, &williams_r(h, l, c, n).unwrap()),
                "willr {n}"
            );
            out.fill(-7.0);
            cci_into(h, l, c, n, &mut out).unwrap();
            assert!(identical(&out, &cci(h, l, c, n).unwrap()), "cci {n}");
            out.fill(-7.0);
            mfi_into(h, l, c, v, n, &mut out).unwrap();
            assert!(identical(&out, &mfi(h, l, c, v, n).unwrap()), "mfi {n}");
            out.fill(-7.0);
            ultimate_oscillator_into(h, l, c, n, 2 * n, 4 * n, &mut out).unwrap();
            let u = ultimate_oscillator(h, l, c, n, 2 * n, 4 * n).unwrap();
            assert!(identical(&out, &u), "ultosc {n}");
        }
    }
    let (h, l, c, v) = &cases[0];
    let mut short = vec![0.0; h.len() - 1];
    let mismatch =
        |r: chartist::Result<()>| matches!(r, Err(chartist::Error::LengthMismatch { .. }));
    assert!(mismatch(williams_r_into(h, l, c, 14, &mut short)));
    assert!(mismatch(cci_into(h, l, c, 14, &mut short)));
    assert!(mismatch(mfi_into(h, l, c, v, 14, &mut short)));
    assert!(mismatch(ultimate_oscillator_into(
        h, l, c, 7, 14, 28, &mut short
    )));
    let mut out = vec![0.0; h.len()];
    assert!(williams_r_into(h, l, c, 0, &mut out).is_err());
    assert!(cci_into(h, l, c, 0, &mut out).is_err());
    assert!(mfi_into(h, l, c, v, 0, &mut out).is_err());
    assert!(ultimate_oscillator_into(h, l, c, 0, 14, 28, &mut out).is_err());
}

#[test]
fn bollinger_bands_into_equals_the_bands_of_bollinger() {
    for gaps in [&[][..], &[5, 10_000, 10_001][..]] {
        let x = walk(20_000, 21, 1.0, gaps);
        for n in [1, 2, 20, 50, 30_000] {
            let b = bollinger(&x, n, 2.0).unwrap();
            let (mut u, mut m, mut l) = (
                vec![-7.0; x.len()],
                vec![-7.0; x.len()],
                vec![-7.0; x.len()],
            );
            bollinger_bands_into(&x, n, 2.0, &mut u, &mut m, &mut l).unwrap();
            assert!(identical(&u, &b.upper), "upper {n}");
            assert!(identical(&m, &b.middle), "middle {n}");
            assert!(identical(&l, &b.lower), "lower {n}");
        }
    }
    let x = walk(10, 1, 1.0, &[]);
    let (mut u, mut m, mut short) = (vec![0.0; 10], vec![0.0; 10], vec![0.0; 9]);
    let r = bollinger_bands_into(&x, 2, 2.0, &mut u, &mut m, &mut short);
    assert!(matches!(r, Err(chartist::Error::LengthMismatch { .. })));
    let mut l = vec![0.0; 10];
    assert!(bollinger_bands_into(&x, 0, 2.0, &mut u, &mut m, &mut l).is_err());
    assert!(bollinger_bands_into(&x, 2, -1.0, &mut u, &mut m, &mut l).is_err());
}

/// Reads one line out of a streamed Bollinger value.
type Pick = fn(BollingerValue) -> f64;

#[test]
fn bollinger_lines_equal_streaming_on_a_long_series() {
    let x = walk(20_000, 21, 1.0, &[5, 10_000, 10_001]);
    for n in [1, 2, 20, 50] {
        let b = bollinger(&x, n, 2.0).unwrap();
        let lines: [(&[f64], Pick); 5] = [
            (&b.upper, |v| v.upper),
            (&b.middle, |v| v.middle),
            (&b.lower, |v| v.lower),
            (&b.percent_b, |v| v.percent_b),
            (&b.bandwidth, |v| v.bandwidth),
        ];
        for (line, pick) in lines {
            assert!(
                identical(
                    line,
                    &stream(&mut Bollinger::new(n, 2.0).unwrap(), &x, pick)
                ),
                "n {n}"
            );
        }
        assert!(identical(&b.middle, &sma(&x, n).unwrap()));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn windowed_batch_equals_streaming(
        raw in prop::collection::vec(prop::option::weighted(0.95, -50.0f64..50.0), 0..300),
        n in 1usize..30,
    ) {
        let mut p = 1_000.0;
        let x: Vec<f64> = raw.iter().map(|s| match s { Some(d) => { p += d; p } None => f64::NAN }).collect();
        prop_assert!(identical(&highest(&x, n).unwrap(), &naive_extreme(&x, n, true)));
        prop_assert!(identical(&lowest(&x, n).unwrap(), &naive_extreme(&x, n, false)));
        prop_assert!(identical(&linreg_slope(&x, n).unwrap(), &stream(&mut LinRegSlope::new(n).unwrap(), &x, |v| v)));
        let h: Vec<f64> = x.iter().map(|v| v + 2.0).collect();
        let l: Vec<f64> = x.iter().map(|v| v - 3.0).collect();
        let vol: Vec<f64> = (0..x.len()).map(|i| (i % 13) as f64 * 10.0).collect();
        let hlc: Vec<Hlc> = (0..x.len()).map(|i| Hlc::new(h[i], l[i], x[i])).collect();
        let hlcv: Vec<Hlcv> = (0..x.len()).map(|i| Hlcv::new(h[i], l[i], x[i], vol[i])).collect();
        prop_assert!(identical(&williams_r(&h, &l, &x, n).unwrap(), &stream(&mut WilliamsR::new(n).unwrap(), &hlc, |v| v)));
        prop_assert!(identical(&mfi(&h, &l, &x, &vol, n).unwrap(), &stream(&mut Mfi::new(n).unwrap(), &hlcv, |v| v)));
        let u = ultimate_oscillator(&h, &l, &x, n, n + 2, 2 * n).unwrap();
        prop_assert!(identical(&u, &stream(&mut UltimateOscillator::new(n, n + 2, 2 * n).unwrap(), &hlc, |v| v)));
    }
}
