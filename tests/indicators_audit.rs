//! Audit of issue 4 on inputs the other indicator tests do not use: long real daily series
//! (IWM, SPY, XLE), weekly bars, the one-year sector and industry ETFs, against TA-Lib (the
//! `ta-lib` crate, the official Rust port of TA-Lib); values derived by hand from each
//! indicator's definition for odd but valid inputs (period 1, a series exactly one period long,
//! all-equal prices, a bad value at the first or last bar, magnitudes from 1e-150 to 1e150); the
//! API contract's names and shapes; and the signals on real indicator lines.
//!
//! Data-dependent tests read `$CHARTIST_DATA_DIR` and are skipped with a notice when it is unset.

mod common;

use std::path::{Path, PathBuf};

use chartist::indicators::*;
use chartist::series::{read_csv, resample, CsvOptions, PriceSeries, Timeframe};
use chartist::signals::{
    crossovers, divergences, level_crossovers, swing_points, zone, DivergenceConfig,
    DivergenceKind, SwingKind, Zone, ZoneThresholds,
};
use chartist::Error;
use chrono::NaiveDate;
use ta_lib::{Core, MAType, OutRange, RetCode};

/// What every single-output batch function returns.
type Out = chartist::Result<Vec<f64>>;
/// A single-series batch function of the API contract: `f(x, n)`.
type SingleFn = fn(&[f64], usize) -> Out;

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

/// One OHLCV series as plain columns.
#[derive(Clone)]
struct Bars {
    name: String,
    high: Vec<f64>,
    low: Vec<f64>,
    close: Vec<f64>,
    volume: Vec<f64>,
}

impl Bars {
    fn from_series(name: &str, s: &PriceSeries) -> Bars {
        Bars {
            name: name.to_string(),
            high: s.high().to_vec(),
            low: s.low().to_vec(),
            close: s.close().to_vec(),
            volume: s.volume().to_vec(),
        }
    }

    fn len(&self) -> usize {
        self.close.len()
    }

    /// Bars `a..b`.
    fn slice(&self, a: usize, b: usize) -> Bars {
        Bars {
            name: self.name.clone(),
            high: self.high[a..b].to_vec(),
            low: self.low[a..b].to_vec(),
            close: self.close[a..b].to_vec(),
            volume: self.volume[a..b].to_vec(),
        }
    }

    /// Prices times `s` (volume unchanged).
    fn scaled(&self, s: f64) -> Bars {
        let m = |v: &Vec<f64>| v.iter().map(|x| x * s).collect();
        Bars {
            name: format!("{} x {s:e}", self.name),
            high: m(&self.high),
            low: m(&self.low),
            close: m(&self.close),
            volume: self.volume.clone(),
        }
    }
}

/// A deterministic OHLCV walk around 100 (xorshift), with bar ranges of about 1%.
fn walk(len: usize, seed: u64) -> Bars {
    let mut next = common::uniform_stream(seed.max(1));
    let mut b = Bars {
        name: format!("walk {seed}"),
        high: vec![],
        low: vec![],
        close: vec![],
        volume: vec![],
    };
    let mut price = 100.0;
    for _ in 0..len {
        let open = price;
        price *= 1.0 + (next() - 0.5) * 0.03;
        b.high.push(open.max(price) * (1.0 + next() * 0.01));
        b.low.push(open.min(price) * (1.0 - next() * 0.01));
        b.close.push(price);
        b.volume.push((1_000.0 + next() * 9_000.0).round());
    }
    b
}

/// The shared data folder, or `None` after printing the skip notice.
fn data_dir() -> Option<PathBuf> {
    common::data_dir("indicators_audit")
}

fn load(path: &Path) -> PriceSeries {
    let symbol = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("X")
        .to_string();
    let (s, _) = read_csv(path, &CsvOptions::new(symbol))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    s
}

/// The long daily histories, IWM on weekly bars, and the one-year sector/industry set.
fn real_series(dir: &Path) -> Vec<Bars> {
    let mut out = Vec::new();
    for symbol in ["IWM", "SPY", "XLE"] {
        let s = load(&dir.join(format!("market/daily/{symbol}.csv")));
        if symbol == "IWM" {
            let weekly = resample(&s, Timeframe::Weekly).expect("weekly").series;
            out.push(Bars::from_series("IWM weekly", &weekly));
        }
        out.push(Bars::from_series(&format!("{symbol} daily"), &s));
    }
    let paths = common::csv_files(&dir.join("market/sectors-1y"));
    assert!(paths.len() >= 20, "sectors-1y holds {} files", paths.len());
    for p in paths {
        let s = load(&p);
        out.push(Bars::from_series(&format!("{} 1y", s.symbol()), &s));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Every indicator of the issue, one call per output line
// ---------------------------------------------------------------------------------------------

/// How an output line changes when every price is multiplied by `s` (volume unchanged).
#[derive(Clone, Copy, PartialEq, Debug)]
enum Unit {
    /// In price units: scales by `s`.
    Price,
    /// An oscillator, a percentage or a ratio: unchanged.
    Free,
}

/// One named output line.
type Line = (String, Unit, Vec<f64>);

/// Every batch indicator of the list (with both Donchian windows, Keltner and RMA) at
/// period `n` (multi-period ones at `n`, `2n`, ...), every output line.
fn all_lines(b: &Bars, n: usize) -> chartist::Result<Vec<Line>> {
    use Unit::{Free, Price};
    let (h, l, c, v) = (&b.high[..], &b.low[..], &b.close[..], &b.volume[..]);
    let mut out: Vec<Line> = Vec::new();
    let mut push = |name: &str, unit: Unit, values: Vec<f64>| {
        out.push((name.to_string(), unit, values));
    };
    push("sma", Price, sma(c, n)?);
    push("ema", Price, ema(c, n)?);
    push("rma", Price, rma(c, n)?);
    push("wma", Price, wma(c, n)?);
    push("dema", Price, dema(c, n)?);
    push("tema", Price, tema(c, n)?);
    push("kama", Price, kama(c, n)?);
    push("rsi", Free, rsi(c, n)?);
    push("roc", Free, roc(c, n)?);
    push("momentum", Price, momentum(c, n)?);
    push("trix", Free, trix(c, n)?);
    push("stddev", Price, stddev(c, n)?);
    push("highest", Price, highest(c, n)?);
    push("lowest", Price, lowest(c, n)?);
    push("linreg_slope", Price, linreg_slope(c, n)?);
    push("true_range", Price, true_range(h, l, c)?);
    push("atr", Price, atr(h, l, c, n)?);
    push("natr", Free, natr(h, l, c, n)?);
    push("williams_r", Free, williams_r(h, l, c, n)?);
    push("cci", Free, cci(h, l, c, n)?);
    push("mfi", Free, mfi(h, l, c, v, n)?);
    push("obv", Free, obv(c, v)?);
    push(
        "ultimate_oscillator",
        Free,
        ultimate_oscillator(h, l, c, n, 2 * n, 4 * n)?,
    );
    let m = macd(c, n, 2 * n + 1, n.div_ceil(2))?;
    push("macd.macd", Price, m.macd);
    push("macd.signal", Price, m.signal);
    push("macd.histogram", Price, m.histogram);
    let bb = bollinger(c, n, 2.0)?;
    push("bollinger.upper", Price, bb.upper);
    push("bollinger.middle", Price, bb.middle);
    push("bollinger.lower", Price, bb.lower);
    push("bollinger.percent_b", Free, bb.percent_b);
    push("bollinger.bandwidth", Free, bb.bandwidth);
    let s = stochastic(h, l, c, n, 3, 3)?;
    push("stochastic.k", Free, s.k);
    push("stochastic.d", Free, s.d);
    let s = stochastic_fast(h, l, c, n, 3)?;
    push("stochastic_fast.k", Free, s.k);
    push("stochastic_fast.d", Free, s.d);
    let s = stoch_rsi(c, n, n, 3)?;
    push("stoch_rsi.k", Free, s.k);
    push("stoch_rsi.d", Free, s.d);
    if n >= 2 {
        let a = adx(h, l, c, n)?;
        push("adx.adx", Free, a.adx);
        push("adx.plus_di", Free, a.plus_di);
        push("adx.minus_di", Free, a.minus_di);
    }
    let k = keltner(h, l, c, n, n, 2.0)?;
    push("keltner.upper", Price, k.upper);
    push("keltner.middle", Price, k.middle);
    push("keltner.lower", Price, k.lower);
    let d = donchian(h, l, n)?;
    push("donchian.upper", Price, d.upper);
    push("donchian.lower", Price, d.lower);
    let d = donchian_prior(h, l, n)?;
    push("donchian_prior.upper", Price, d.upper);
    push("donchian_prior.lower", Price, d.lower);
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Comparison helpers
// ---------------------------------------------------------------------------------------------

/// `a` and `b` agree: both NaN, or within `rel` of the larger magnitude or within `abs`.
fn close_to(a: f64, b: f64, rel: f64, abs: f64) -> bool {
    (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= (rel * a.abs().max(b.abs())).max(abs)
}

fn largest(x: &[f64]) -> f64 {
    x.iter()
        .filter(|v| v.is_finite())
        .fold(0.0f64, |m, v| m.max(v.abs()))
}

/// Same length, same NaN pattern and `|got - want| <= 1e-9 * max(|want|, floor)` (the
/// tolerance of `tests/talib_reference.rs`); a description of the first and worst difference
/// otherwise.
fn agreement(got: &[f64], want: &[f64], floor: f64) -> Option<String> {
    if got.len() != want.len() {
        return Some(format!("length {} vs {}", got.len(), want.len()));
    }
    let mut worst: Option<(usize, f64)> = None;
    let mut count = 0;
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        if g.is_nan() != w.is_nan() {
            return Some(format!("NaN pattern differs at {i}: got {g}, TA-Lib {w}"));
        }
        if w.is_nan() {
            continue;
        }
        let err = (g - w).abs() / w.abs().max(floor);
        if err.is_nan() || err > 1e-9 {
            count += 1;
            if worst.is_none_or(|(_, e)| err > e) {
                worst = Some((i, err));
            }
        }
    }
    worst.map(|(i, e)| {
        format!(
            "{count} values differ; worst at {i}: got {}, TA-Lib {} (relative {e:.1e})",
            got[i], want[i]
        )
    })
}

/// Runs a ta-lib call writing `K` output lines and places them at their input index.
fn talib<const K: usize>(
    len: usize,
    f: impl FnOnce(&mut [Vec<f64>; K]) -> Result<OutRange, RetCode>,
) -> [Vec<f64>; K] {
    let mut bufs: [Vec<f64>; K] = std::array::from_fn(|_| vec![0.0; len]);
    let r = f(&mut bufs).expect("ta-lib call");
    std::array::from_fn(|k| {
        let mut out = vec![f64::NAN; len];
        out[r.beg_idx..r.beg_idx + r.count].copy_from_slice(&bufs[k][..r.count]);
        out
    })
}

// ---------------------------------------------------------------------------------------------
// Long real series against TA-Lib
// ---------------------------------------------------------------------------------------------

/// Every indicator TA-Lib has, at the textbook parameters and a short set, on 27 real series
/// (IWM 2000-2026, SPY 1993-2026 and XLE 1998-2026 daily, IWM weekly, and the 23 one-year
/// sector and industry ETFs) against the `ta-lib` crate: the same NaN pattern (so the same first
/// index) and relative 1e-9, absolute near zero as in `tests/talib_reference.rs` (1e-12 of the
/// column's scale; of the price level for MOM, MACD and the regression slope).
#[test]
fn real_series_match_talib() {
    let Some(dir) = data_dir() else { return };
    let core = Core::new();
    let mut failures = Vec::new();
    let mut compared = 0usize;
    for b in real_series(&dir) {
        let (h, l, c, v) = (&b.high[..], &b.low[..], &b.close[..], &b.volume[..]);
        let (len, e) = (b.len(), b.len() - 1);
        let price = largest(c);
        let mut check = |what: String, got: &[f64], want: &[f64], price_units: bool| {
            let column = 1e-3 * largest(want);
            let floor = if price_units {
                column.max(1e-3 * price)
            } else {
                column
            };
            compared += 1;
            if let Some(msg) = agreement(got, want, floor) {
                failures.push(format!("{} {what}: {msg}", b.name));
            }
        };
        let p = |n: usize| n as i32;
        check(
            "trange".into(),
            &true_range(h, l, c).unwrap(),
            &talib::<1>(len, |[o]| core.trange(0, e, h, l, c, o))[0],
            false,
        );
        check(
            "obv".into(),
            &obv(c, v).unwrap(),
            &talib::<1>(len, |[o]| core.obv(0, e, c, v, o))[0],
            false,
        );
        for (avg, wilder) in [(20, 14), (5, 2)] {
            let n = avg;
            type One = fn(&Core, usize, &[f64], i32, &mut [f64]) -> Result<OutRange, RetCode>;
            let single: [(&str, SingleFn, One, bool); 8] = [
                ("sma", sma, |k, e, x, n, o| k.sma(0, e, x, n, o), false),
                ("ema", ema, |k, e, x, n, o| k.ema(0, e, x, n, o), false),
                ("wma", wma, |k, e, x, n, o| k.wma(0, e, x, n, o), false),
                ("dema", dema, |k, e, x, n, o| k.dema(0, e, x, n, o), false),
                ("tema", tema, |k, e, x, n, o| k.tema(0, e, x, n, o), false),
                ("max", highest, |k, e, x, n, o| k.max(0, e, x, n, o), false),
                ("min", lowest, |k, e, x, n, o| k.min(0, e, x, n, o), false),
                (
                    "linearreg_slope",
                    linreg_slope,
                    |k, e, x, n, o| k.linearreg_slope(0, e, x, n, o),
                    true,
                ),
            ];
            for (name, ours, theirs, price_units) in single {
                check(
                    format!("{name}({n})"),
                    &ours(c, n).unwrap(),
                    &talib::<1>(len, |[o]| theirs(&core, e, c, p(n), o))[0],
                    price_units,
                );
            }
            check(
                format!("stddev({n})"),
                &stddev(c, n).unwrap(),
                &talib::<1>(len, |[o]| core.stddev(0, e, c, p(n), 1.0, o))[0],
                false,
            );
            let bb = bollinger(c, n, 2.0).unwrap();
            let [u, m, lo] = talib(len, |[u, m, lo]| {
                core.bbands(0, e, c, p(n), 2.0, 2.0, MAType::SMA, u, m, lo)
            });
            check(format!("bbands({n}).upper"), &bb.upper, &u, false);
            check(format!("bbands({n}).middle"), &bb.middle, &m, false);
            check(format!("bbands({n}).lower"), &bb.lower, &lo, false);

            let n = wilder;
            check(
                format!("kama({})", 2 * n),
                &kama(c, 2 * n).unwrap(),
                &talib::<1>(len, |[o]| core.kama(0, e, c, p(2 * n), o))[0],
                false,
            );
            check(
                format!("rsi({n})"),
                &rsi(c, n).unwrap(),
                &talib::<1>(len, |[o]| core.rsi(0, e, c, p(n), o))[0],
                false,
            );
            check(
                format!("roc({n})"),
                &roc(c, n).unwrap(),
                &talib::<1>(len, |[o]| core.roc(0, e, c, p(n), o))[0],
                false,
            );
            check(
                format!("mom({n})"),
                &momentum(c, n).unwrap(),
                &talib::<1>(len, |[o]| core.mom(0, e, c, p(n), o))[0],
                true,
            );
            check(
                format!("trix({})", n + 1),
                &trix(c, n + 1).unwrap(),
                &talib::<1>(len, |[o]| core.trix(0, e, c, p(n + 1), o))[0],
                false,
            );
            check(
                format!("atr({n})"),
                &atr(h, l, c, n).unwrap(),
                &talib::<1>(len, |[o]| core.atr(0, e, h, l, c, p(n), o))[0],
                false,
            );
            check(
                format!("natr({n})"),
                &natr(h, l, c, n).unwrap(),
                &talib::<1>(len, |[o]| core.natr(0, e, h, l, c, p(n), o))[0],
                false,
            );
            check(
                format!("willr({n})"),
                &williams_r(h, l, c, n).unwrap(),
                &talib::<1>(len, |[o]| core.willr(0, e, h, l, c, p(n), o))[0],
                false,
            );
            check(
                format!("cci({n})"),
                &cci(h, l, c, n).unwrap(),
                &talib::<1>(len, |[o]| core.cci(0, e, h, l, c, p(n), o))[0],
                false,
            );
            check(
                format!("mfi({n})"),
                &mfi(h, l, c, v, n).unwrap(),
                &talib::<1>(len, |[o]| core.mfi(0, e, h, l, c, v, p(n), o))[0],
                false,
            );
            let a = adx(h, l, c, n).unwrap();
            for (line, ours, theirs) in [
                (
                    "adx",
                    &a.adx,
                    talib::<1>(len, |[o]| core.adx(0, e, h, l, c, p(n), o)),
                ),
                (
                    "plus_di",
                    &a.plus_di,
                    talib::<1>(len, |[o]| core.plus_di(0, e, h, l, c, p(n), o)),
                ),
                (
                    "minus_di",
                    &a.minus_di,
                    talib::<1>(len, |[o]| core.minus_di(0, e, h, l, c, p(n), o)),
                ),
            ] {
                check(format!("{line}({n})"), ours, &theirs[0], false);
            }
        }
        for (n1, n2, n3) in [(7, 14, 28), (2, 3, 4)] {
            check(
                format!("ultosc({n1}, {n2}, {n3})"),
                &ultimate_oscillator(h, l, c, n1, n2, n3).unwrap(),
                &talib::<1>(len, |[o]| {
                    core.ultosc(0, e, h, l, c, p(n1), p(n2), p(n3), o)
                })[0],
                false,
            );
        }
        for (fast, slow, signal) in [(12, 26, 9), (2, 3, 2)] {
            let m = macd(c, fast, slow, signal).unwrap();
            let [tm, ts, th] = talib(len, |[a, b, d]| {
                core.macd(0, e, c, p(fast), p(slow), p(signal), a, b, d)
            });
            let what = format!("macd({fast}, {slow}, {signal})");
            check(format!("{what}.macd"), &m.macd, &tm, true);
            check(format!("{what}.signal"), &m.signal, &ts, true);
            check(format!("{what}.histogram"), &m.histogram, &th, true);
        }
        for (k, sk, d) in [(14, 3, 3), (5, 1, 2)] {
            let s = stochastic(h, l, c, k, sk, d).unwrap();
            let [tk, td] = talib(len, |[a, b]| {
                core.stoch(
                    0,
                    e,
                    h,
                    l,
                    c,
                    p(k),
                    p(sk),
                    MAType::SMA,
                    p(d),
                    MAType::SMA,
                    a,
                    b,
                )
            });
            check(format!("stoch({k}, {sk}, {d}).k"), &s.k, &tk, false);
            check(format!("stoch({k}, {sk}, {d}).d"), &s.d, &td, false);
            let s = stochastic_fast(h, l, c, k, d).unwrap();
            let [tk, td] = talib(len, |[a, b]| {
                core.stochf(0, e, h, l, c, p(k), p(d), MAType::SMA, a, b)
            });
            check(format!("stochf({k}, {d}).k"), &s.k, &tk, false);
            check(format!("stochf({k}, {d}).d"), &s.d, &td, false);
        }
        for (rn, kn, dn) in [(14, 14, 3), (5, 3, 2)] {
            let s = stoch_rsi(c, rn, kn, dn).unwrap();
            let [tk, td] = talib(len, |[a, b]| {
                core.stochrsi(0, e, c, p(rn), p(kn), p(dn), MAType::SMA, a, b)
            });
            check(format!("stochrsi({rn}, {kn}, {dn}).k"), &s.k, &tk, false);
            check(format!("stochrsi({rn}, {kn}, {dn}).d"), &s.d, &td, false);
        }
    }
    assert!(compared > 27 * 60, "only {compared} columns compared");
    assert!(
        failures.is_empty(),
        "{} of {compared} columns differ from TA-Lib:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The data README's fact: IWM's RSI(14) on 2026-01-16 was 71.63 (pandas + TA-Lib 0.8.1).
#[test]
fn iwm_rsi_on_2026_01_16() {
    let Some(dir) = data_dir() else { return };
    let s = load(&dir.join("market/daily/IWM.csv"));
    let day = NaiveDate::from_ymd_opt(2026, 1, 16).expect("date");
    let i = s.index_on(day).expect("2026-01-16 is a trading day");
    let out = rsi(s.close(), 14).unwrap();
    assert!((out[i] - 71.63).abs() < 0.005, "RSI(14) = {}", out[i]);
    // The streaming RSI, fed the same closes one by one, says the same on that day.
    let mut live = Rsi::new(14).unwrap();
    let streamed = s.close()[..=i]
        .iter()
        .map(|&x| live.update(x))
        .last()
        .flatten();
    assert!(streamed.is_some_and(|r| (r - out[i]).abs() <= 1e-12 * out[i]));
    // And RSI 71.63 is in the overbought zone of the customary 70/30.
    let z = zone(&out, ZoneThresholds::rsi()).unwrap();
    assert_eq!(z[i].map(|s| s.zone), Some(Zone::Overbought));
}

/// Streaming equals batch (and `peek` equals `update`) on the real series too, for the
/// indicators with the most state: RSI, MACD, ATR, ADX, Bollinger, StochRSI, MFI, KAMA.
#[test]
fn real_series_streaming_equals_batch() {
    let Some(dir) = data_dir() else { return };
    fn run<I: Indicator>(
        mut ind: I,
        inputs: &[I::Input],
        pick: impl Fn(I::Output) -> f64,
    ) -> Vec<f64> {
        inputs
            .iter()
            .map(|&x| {
                let peeked = ind.peek(x).map(&pick);
                let got = ind.update(x).map(&pick);
                assert_eq!(
                    peeked.map(f64::to_bits),
                    got.map(f64::to_bits),
                    "peek vs update"
                );
                got.unwrap_or(f64::NAN)
            })
            .collect()
    }
    // Relative 1e-12 (the documented bound where a batch loop reorders arithmetic); for MACD,
    // a difference of two averages, absolute 1e-12 of the price level near zero.
    let same = |what: &str, a: &[f64], b: &[f64], abs: f64| {
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            assert!(
                close_to(*x, *y, 1e-12, abs),
                "{what} at {i}: stream {x}, batch {y}"
            );
        }
    };
    for b in real_series(&dir) {
        let (h, l, c, v) = (&b.high[..], &b.low[..], &b.close[..], &b.volume[..]);
        let hlc: Vec<Hlc> = (0..b.len()).map(|i| Hlc::new(h[i], l[i], c[i])).collect();
        let hlcv: Vec<Hlcv> = (0..b.len())
            .map(|i| Hlcv::new(h[i], l[i], c[i], v[i]))
            .collect();
        let (name, tiny) = (&b.name, 1e-12 * largest(c));
        same(
            name,
            &run(Rsi::new(14).unwrap(), c, |x| x),
            &rsi(c, 14).unwrap(),
            0.0,
        );
        same(
            name,
            &run(Kama::new(10).unwrap(), c, |x| x),
            &kama(c, 10).unwrap(),
            0.0,
        );
        let m = macd(c, 12, 26, 9).unwrap();
        let streamed = run(Macd::new(12, 26, 9).unwrap(), c, |x| x.signal);
        same(name, &streamed, &m.signal, tiny);
        let streamed = run(Atr::new(14).unwrap(), &hlc, |x| x);
        same(name, &streamed, &atr(h, l, c, 14).unwrap(), 0.0);
        let a = adx(h, l, c, 14).unwrap();
        same(
            name,
            &run(Adx::new(14).unwrap(), &hlc, |x| x.adx),
            &a.adx,
            0.0,
        );
        let bb = bollinger(c, 20, 2.0).unwrap();
        let streamed = run(Bollinger::new(20, 2.0).unwrap(), c, |x| x.bandwidth);
        same(name, &streamed, &bb.bandwidth, 0.0);
        let s = stoch_rsi(c, 14, 14, 3).unwrap();
        same(
            name,
            &run(StochRsi::new(14, 14, 3).unwrap(), c, |x| x.d),
            &s.d,
            0.0,
        );
        let streamed = run(Mfi::new(14).unwrap(), &hlcv, |x| x);
        same(name, &streamed, &mfi(h, l, c, v, 14).unwrap(), 0.0);
    }
}

// ---------------------------------------------------------------------------------------------
// ChartSchool worksheets the other tests leave out
// ---------------------------------------------------------------------------------------------

/// Reads named columns of a CSV file; empty cells become NaN.
fn csv_columns(path: &Path, names: &[&str]) -> Vec<Vec<f64>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let idx: Vec<usize> = names
        .iter()
        .map(|n| header.iter().position(|h| h.trim() == *n).expect("column"))
        .collect();
    let mut cols = vec![Vec::new(); names.len()];
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let cells: Vec<&str> = line.split(',').collect();
        for (col, &i) in cols.iter_mut().zip(&idx) {
            col.push(
                cells
                    .get(i)
                    .and_then(|s| s.trim().parse().ok())
                    .unwrap_or(f64::NAN),
            );
        }
    }
    cols
}

/// ChartSchool's WMA worksheet is a 9-bar WMA (the worksheet starts at its first full window,
/// so rows 0-7 have no earlier closes to compare with; from row 8 on every window is in the
/// table). Its values are rounded to 4 decimals.
#[test]
fn chartschool_wma() {
    let Some(dir) = data_dir() else { return };
    let t = csv_columns(
        &dir.join("reference/chartschool/cs-wma.csv"),
        &["Close", "WMA"],
    );
    let ours = wma(&t[0], 9).unwrap();
    assert!(ours[7].is_nan() && ours[8].is_finite());
    let mut compared = 0;
    for i in 8..t[0].len() {
        assert!(
            (ours[i] - t[1][i]).abs() <= 5e-5 + 1e-9,
            "row {i}: {} vs {}",
            ours[i],
            t[1][i]
        );
        compared += 1;
    }
    assert!(compared > 25);
}

/// ChartSchool's ATR worksheet counts the first bar's high - low as a true range and starts
/// ATR(14) at row 13 (TA-Lib: row 14); `atr_with(.., AtrSeed::StockCharts)` reproduces its
/// ATR column (printed to about 1e-12) from its first value on, and the TA-Lib seeding converges
/// to it.
#[test]
fn chartschool_atr_with_stockcharts_seeding() {
    let Some(dir) = data_dir() else { return };
    let t = csv_columns(
        &dir.join("reference/chartschool/cs-atr.csv"),
        &["High", "Low", "Close", "ATR"],
    );
    let (h, l, c, table) = (&t[0], &t[1], &t[2], &t[3]);
    let ours = atr_with(h, l, c, 14, AtrSeed::StockCharts).unwrap();
    let first = table.iter().position(|v| *v > 0.0).expect("an ATR");
    assert_eq!(first, 13);
    assert_eq!(ours.iter().position(|v| !v.is_nan()), Some(first));
    for i in first..table.len() {
        assert!(
            (ours[i] - table[i]).abs() <= 1e-9,
            "row {i}: {} vs {}",
            ours[i],
            table[i]
        );
    }
    // The streaming type with the same seeding gives the worksheet's column too, bar by bar.
    let mut live = Atr::with_seed(14, AtrSeed::StockCharts).unwrap();
    for i in 0..table.len() {
        match live.update(Hlc::new(h[i], l[i], c[i])) {
            Some(v) => assert!(i >= first && (v - table[i]).abs() <= 1e-9, "row {i}: {v}"),
            None => assert!(i < first, "row {i}: no streaming value"),
        }
    }
    let talib = atr_with(h, l, c, 14, AtrSeed::TaLib).unwrap();
    let plain = atr(h, l, c, 14).unwrap();
    assert!(talib
        .iter()
        .zip(&plain)
        .all(|(x, y)| x.to_bits() == y.to_bits()));
    assert_eq!(talib.iter().position(|v| !v.is_nan()), Some(14));
}

/// `AtrSeed::StockCharts` by hand: Wilder's average of the true ranges with bar 0's own range,
/// seeded with the mean of the first `n`; a bad bar splits the series and the bar after it is
/// a new first bar.
#[test]
fn atr_stockcharts_seeding_follows_its_definition() {
    let b = walk(120, 17);
    let (h, l, c) = (&b.high, &b.low, &b.close);
    for n in [1usize, 2, 14] {
        let ours = atr_with(h, l, c, n, AtrSeed::StockCharts).unwrap();
        let tr: Vec<f64> = (0..c.len())
            .map(|i| match i {
                0 => h[0] - l[0],
                _ => h[i].max(c[i - 1]) - l[i].min(c[i - 1]),
            })
            .collect();
        let nf = n as f64;
        let mut a = tr[..n].iter().sum::<f64>() / nf;
        assert!(ours[..n - 1].iter().all(|x| x.is_nan()));
        assert_close(&format!("seed n={n}"), ours[n - 1], a, 1e-12);
        for i in n..c.len() {
            a = (a * (nf - 1.0) + tr[i]) / nf;
            assert_close(&format!("atr_with({n})[{i}]"), ours[i], a, 1e-12);
        }
        let mut broken = b.clone();
        broken.low[50] = f64::NAN;
        let whole = atr_with(
            &broken.high,
            &broken.low,
            &broken.close,
            n,
            AtrSeed::StockCharts,
        )
        .unwrap();
        let rest = b.slice(51, b.len());
        let alone = atr_with(&rest.high, &rest.low, &rest.close, n, AtrSeed::StockCharts).unwrap();
        assert!(whole[50].is_nan());
        assert!(whole[51..]
            .iter()
            .zip(&alone)
            .all(|(x, y)| x.to_bits() == y.to_bits()));
    }
    let (h, l, c) = (&b.high[..], &b.low[..], &b.close[..]);
    assert!(matches!(
        atr_with(h, l, c, 0, AtrSeed::StockCharts),
        Err(Error::InvalidParameter { .. })
    ));
    assert!(matches!(
        atr_with(h, &l[1..], c, 3, AtrSeed::StockCharts),
        Err(Error::LengthMismatch { .. })
    ));
    let short = atr_with(&h[..3], &l[..3], &c[..3], 4, AtrSeed::StockCharts).unwrap();
    assert!(short.len() == 3 && short.iter().all(|x| x.is_nan()));
    assert!(atr_with(&[], &[], &[], 14, AtrSeed::StockCharts)
        .unwrap()
        .is_empty());
}

/// The closes of ChartSchool's RSI worksheet (cs-rsi.csv). Its RSI column is the transcriber's
/// (averages started from zero, see `tests/indicators_single.rs`); ChartSchool itself seeds
/// Wilder's averages with the mean of the first 14 changes, as TA-Lib does, and prints these
/// figures (2 decimals; also what PyPI TA-Lib 0.8.2 gives on these closes).
#[test]
fn chartschool_rsi_worksheet_figures() {
    let Some(dir) = data_dir() else { return };
    let t = csv_columns(&dir.join("reference/chartschool/cs-rsi.csv"), &["Close"]);
    let published = [
        70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99,
        41.46, 41.87, 45.46, 37.30, 33.08, 37.77,
    ];
    let ours = rsi(&t[0], 14).unwrap();
    assert!(ours[13].is_nan());
    for (i, want) in published.iter().enumerate() {
        let got = ours[14 + i];
        assert!(
            (got - want).abs() <= 0.005 + 1e-9,
            "RSI at {}: {got} vs {want}",
            14 + i
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Odd but valid inputs, checked against each indicator's definition
// ---------------------------------------------------------------------------------------------

fn assert_close(what: &str, got: f64, want: f64, rel: f64) {
    assert!(
        close_to(got, want, rel, rel * 1e-6),
        "{what}: got {got}, want {want}"
    );
}

/// Period 1 reduces every windowed indicator to a one-bar formula.
#[test]
fn period_one_reduces_to_one_bar_formulas() {
    let b = walk(60, 11);
    let (h, l, c, v) = (&b.high[..], &b.low[..], &b.close[..], &b.volume[..]);
    let nan_then = |out: &[f64], lb: usize| out[..lb].iter().all(|x| x.is_nan());
    for (name, out) in [
        ("sma", sma(c, 1).unwrap()),
        ("ema", ema(c, 1).unwrap()),
        ("rma", rma(c, 1).unwrap()),
        ("wma", wma(c, 1).unwrap()),
        ("dema", dema(c, 1).unwrap()),
        ("tema", tema(c, 1).unwrap()),
        ("highest", highest(c, 1).unwrap()),
        ("lowest", lowest(c, 1).unwrap()),
        ("bollinger.middle", bollinger(c, 1, 2.0).unwrap().middle),
        ("bollinger.upper", bollinger(c, 1, 2.0).unwrap().upper),
    ] {
        for i in 0..c.len() {
            assert_close(&format!("{name}(1)[{i}]"), out[i], c[i], 1e-12);
        }
    }
    let bb = bollinger(c, 1, 2.0).unwrap();
    assert!(
        bb.percent_b.iter().all(|x| x.is_nan()),
        "%b of zero-width bands"
    );
    assert!(bb.bandwidth.iter().all(|&x| x == 0.0));
    assert!(stddev(c, 1).unwrap().iter().all(|&x| x == 0.0));
    assert!(linreg_slope(c, 1).unwrap().iter().all(|&x| x == 0.0));
    let m = macd(c, 1, 1, 1).unwrap(); // fast == slow: the line is exactly 0
    assert!(m
        .macd
        .iter()
        .chain(&m.signal)
        .chain(&m.histogram)
        .all(|&x| x == 0.0));

    let (mom, r, rs, tx) = (
        momentum(c, 1).unwrap(),
        roc(c, 1).unwrap(),
        rsi(c, 1).unwrap(),
        trix(c, 1).unwrap(),
    );
    let (tr, a, na) = (
        true_range(h, l, c).unwrap(),
        atr(h, l, c, 1).unwrap(),
        natr(h, l, c, 1).unwrap(),
    );
    let (wr, cc, mf, uo) = (
        williams_r(h, l, c, 1).unwrap(),
        cci(h, l, c, 1).unwrap(),
        mfi(h, l, c, v, 1).unwrap(),
        ultimate_oscillator(h, l, c, 1, 1, 1).unwrap(),
    );
    let (sf, ss) = (
        stochastic_fast(h, l, c, 1, 1).unwrap(),
        stochastic(h, l, c, 1, 1, 1).unwrap(),
    );
    let (dc, dp, kc) = (
        donchian(h, l, 1).unwrap(),
        donchian_prior(h, l, 1).unwrap(),
        keltner(h, l, c, 1, 1, 2.0).unwrap(),
    );
    for out in [
        &mom, &r, &rs, &tx, &tr, &a, &na, &mf, &uo, &dp.upper, &kc.upper,
    ] {
        assert!(nan_then(out, 1) && out[1].is_finite());
    }
    let tp = |i: usize| (h[i] + l[i] + c[i]) / 3.0;
    for i in 1..c.len() {
        let at = |s: &str| format!("{s}(1)[{i}]");
        let (now, prev) = (c[i], c[i - 1]);
        assert_close(&at("momentum"), mom[i], now - prev, 1e-12);
        assert_close(&at("roc"), r[i], (now / prev - 1.0) * 100.0, 1e-9);
        assert_close(&at("trix"), tx[i], (now / prev - 1.0) * 100.0, 1e-9);
        let up_down = if now > prev { 100.0 } else { 0.0 };
        assert_eq!(rs[i], up_down, "{}", at("rsi"));
        let range = h[i].max(prev) - l[i].min(prev);
        assert_close(&at("true_range"), tr[i], range, 1e-12);
        assert_close(&at("atr"), a[i], range, 1e-12);
        assert_close(&at("natr"), na[i], 100.0 * range / now, 1e-12);
        // Running sums of the money flows may leave a rounding residue where a flow left.
        let flow = if tp(i) > tp(i - 1) { 100.0 } else { 0.0 };
        assert!(
            (mf[i] - flow).abs() <= 1e-9,
            "{}: {} vs {flow}",
            at("mfi"),
            mf[i]
        );
        let bp = now - l[i].min(prev);
        assert_close(&at("ultimate_oscillator"), uo[i], 100.0 * bp / range, 1e-12);
        assert_close(&at("donchian_prior.upper"), dp.upper[i], h[i - 1], 0.0);
        assert_close(&at("keltner.upper"), kc.upper[i], now + 2.0 * range, 1e-12);
    }
    for i in 0..c.len() {
        let at = |s: &str| format!("{s}(1)[{i}]");
        let k = 100.0 * (c[i] - l[i]) / (h[i] - l[i]);
        assert_close(
            &at("williams_r"),
            wr[i],
            -100.0 * (h[i] - c[i]) / (h[i] - l[i]),
            1e-12,
        );
        assert_eq!(
            cc[i],
            0.0,
            "{}: a one-bar window has no deviation",
            at("cci")
        );
        assert_close(&at("stochastic_fast.k"), sf.k[i], k, 1e-12);
        assert_close(&at("stochastic_fast.d"), sf.d[i], k, 1e-12);
        assert_close(&at("stochastic.k"), ss.k[i], k, 1e-12);
        assert_close(&at("stochastic.d"), ss.d[i], k, 1e-12);
        assert_eq!((dc.upper[i], dc.lower[i]), (h[i], l[i]));
        assert_close(
            &at("donchian.middle"),
            dc.middle[i],
            (h[i] + l[i]) / 2.0,
            1e-15,
        );
    }
    // StochRSI over one RSI value: every window is flat, so %K is 0 (TA-Lib's convention).
    let s = stoch_rsi(c, 1, 1, 1).unwrap();
    assert!(s.k[1..].iter().chain(&s.d[1..]).all(|&x| x == 0.0));
    // ADX needs a period of at least 2, as in TA-Lib (documented).
    assert!(matches!(
        adx(h, l, c, 1),
        Err(Error::InvalidParameter { .. })
    ));
}

/// A series exactly one period long gives exactly one value (at the last bar) for the
/// indicators whose warm-up is `n - 1`, and none for those whose warm-up is `n`; one more bar
/// gives them theirs. Each value is the definition evaluated by hand.
#[test]
fn series_exactly_one_period_long() {
    for n in [2usize, 5, 14, 20] {
        let b = walk(n + 1, 7 + n as u64);
        let (h, l, c, v) = (
            &b.high[..n + 1],
            &b.low[..n + 1],
            &b.close[..n + 1],
            &b.volume[..n + 1],
        );
        let (hn, ln, cn) = (&h[..n], &l[..n], &c[..n]);
        let last = n - 1;
        let nf = n as f64;
        let only_last = |name: &str, out: &[f64]| {
            assert_eq!(out.len(), n, "{name}");
            assert!(
                out[..last].iter().all(|x| x.is_nan()),
                "{name}({n}): early value"
            );
            assert!(
                out[last].is_finite(),
                "{name}({n}): no value at the last bar"
            );
            out[last]
        };
        let mean = cn.iter().sum::<f64>() / nf;
        let sd = (cn.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / nf).sqrt();
        let weighted = cn
            .iter()
            .enumerate()
            .map(|(j, x)| (j + 1) as f64 * x)
            .sum::<f64>()
            / (nf * (nf + 1.0) / 2.0);
        let (st, stx) = cn.iter().enumerate().fold((0.0, 0.0), |(s, sx), (t, x)| {
            (s + t as f64, sx + t as f64 * x)
        });
        let st2: f64 = (0..n).map(|t| (t * t) as f64).sum();
        let slope = (nf * stx - st * mean * nf) / (nf * st2 - st * st);
        let hh = hn.iter().cloned().fold(f64::MIN, f64::max);
        let ll = ln.iter().cloned().fold(f64::MAX, f64::min);
        let what = |s: &str| format!("{s}({n}) on {n} bars");
        let bb = bollinger(cn, n, 2.0).unwrap();
        let pb = (cn[last] - (mean - 2.0 * sd)) / (4.0 * sd);
        let single: [(&str, Vec<f64>, f64, f64); 9] = [
            ("sma", sma(cn, n).unwrap(), mean, 1e-12),
            ("ema", ema(cn, n).unwrap(), mean, 1e-12),
            ("rma", rma(cn, n).unwrap(), mean, 1e-12),
            ("wma", wma(cn, n).unwrap(), weighted, 1e-12),
            ("stddev", stddev(cn, n).unwrap(), sd, 1e-9),
            ("slope", linreg_slope(cn, n).unwrap(), slope, 1e-9),
            ("bollinger.upper", bb.upper, mean + 2.0 * sd, 1e-9),
            ("bollinger.lower", bb.lower, mean - 2.0 * sd, 1e-9),
            ("bollinger.percent_b", bb.percent_b, pb, 1e-9),
        ];
        for (name, out, want, tol) in single {
            assert_close(&what(name), only_last(name, &out), want, tol);
        }
        assert_eq!(
            only_last("highest", &highest(cn, n).unwrap()),
            cn.iter().cloned().fold(f64::MIN, f64::max)
        );
        assert_eq!(
            only_last("lowest", &lowest(cn, n).unwrap()),
            cn.iter().cloned().fold(f64::MAX, f64::min)
        );
        let wr = -100.0 * (hh - cn[last]) / (hh - ll);
        assert_close(
            &what("williams_r"),
            only_last("willr", &williams_r(hn, ln, cn, n).unwrap()),
            wr,
            1e-12,
        );
        let d = donchian(hn, ln, n).unwrap();
        assert_eq!((only_last("donchian", &d.upper), d.lower[last]), (hh, ll));
        let k = 100.0 * (cn[last] - ll) / (hh - ll);
        let sf = stochastic_fast(hn, ln, cn, n, 1).unwrap();
        assert_close(
            &what("stochastic_fast.k"),
            only_last("stochf", &sf.k),
            k,
            1e-12,
        );
        let tps: Vec<f64> = (0..n).map(|i| (hn[i] + ln[i] + cn[i]) / 3.0).collect();
        let avg = tps.iter().sum::<f64>() / nf;
        let md = tps.iter().map(|t| (t - avg).abs()).sum::<f64>() / nf;
        let want = (tps[last] - avg) / (0.015 * md);
        assert_close(
            &what("cci"),
            only_last("cci", &cci(hn, ln, cn, n).unwrap()),
            want,
            1e-9,
        );

        // Warm-up n: nothing on n bars, one value on n + 1.
        for (name, out) in [
            ("rsi", rsi(cn, n).unwrap()),
            ("roc", roc(cn, n).unwrap()),
            ("momentum", momentum(cn, n).unwrap()),
            ("kama", kama(cn, n).unwrap()),
            ("atr", atr(hn, ln, cn, n).unwrap()),
            ("mfi", mfi(hn, ln, cn, &v[..n], n).unwrap()),
            ("donchian_prior", donchian_prior(hn, ln, n).unwrap().upper),
        ] {
            assert!(
                out.len() == n && out.iter().all(|x| x.is_nan()),
                "{name}({n}) on {n} bars"
            );
        }
        let only_new = |name: &str, out: &[f64]| {
            assert!(
                out[..n].iter().all(|x| x.is_nan()),
                "{name}({n}) on {} bars",
                n + 1
            );
            out[n]
        };
        let (mut gain, mut loss, mut trs, mut pos, mut neg) = (0.0, 0.0, 0.0, 0.0, 0.0);
        let tp = |i: usize| (h[i] + l[i] + c[i]) / 3.0;
        for i in 1..=n {
            let d = c[i] - c[i - 1];
            gain += d.max(0.0);
            loss += (-d).max(0.0);
            trs += h[i].max(c[i - 1]) - l[i].min(c[i - 1]);
            let flow = tp(i) * v[i];
            if tp(i) > tp(i - 1) {
                pos += flow;
            } else if tp(i) < tp(i - 1) {
                neg += flow;
            }
        }
        let what = |s: &str| format!("{s}({n}) on {} bars", n + 1);
        assert_close(
            &what("rsi"),
            only_new("rsi", &rsi(c, n).unwrap()),
            100.0 * gain / (gain + loss),
            1e-12,
        );
        assert_close(
            &what("momentum"),
            only_new("mom", &momentum(c, n).unwrap()),
            c[n] - c[0],
            1e-12,
        );
        assert_close(
            &what("roc"),
            only_new("roc", &roc(c, n).unwrap()),
            (c[n] / c[0] - 1.0) * 100.0,
            1e-9,
        );
        assert_close(
            &what("atr"),
            only_new("atr", &atr(h, l, c, n).unwrap()),
            trs / nf,
            1e-12,
        );
        assert_close(
            &what("mfi"),
            only_new("mfi", &mfi(h, l, c, v, n).unwrap()),
            100.0 * pos / (pos + neg),
            1e-12,
        );
        let hh = h[..n].iter().cloned().fold(f64::MIN, f64::max);
        assert_eq!(
            only_new("donchian_prior", &donchian_prior(h, l, n).unwrap().upper),
            hh
        );
    }
}

/// All-equal prices: every indicator gives the value its definition (with TA-Lib's convention
/// for 0 / 0) gives, from its first output on.
#[test]
fn all_equal_prices() {
    let len = 120;
    let p = 42.5;
    let x = vec![p; len];
    let v = vec![1_000.0; len];
    let b = Bars {
        name: "flat".into(),
        high: x.clone(),
        low: x.clone(),
        close: x.clone(),
        volume: v.clone(),
    };
    let lines = all_lines(&b, 7).unwrap();
    for (name, _, out) in &lines {
        let first = out.iter().position(|x| !x.is_nan());
        let want = match name.as_str() {
            "sma"
            | "ema"
            | "rma"
            | "wma"
            | "dema"
            | "tema"
            | "kama"
            | "highest"
            | "lowest"
            | "bollinger.upper"
            | "bollinger.middle"
            | "bollinger.lower"
            | "keltner.upper"
            | "keltner.middle"
            | "keltner.lower"
            | "donchian.upper"
            | "donchian.lower"
            | "donchian_prior.upper"
            | "donchian_prior.lower" => p,
            "obv" => 1_000.0, // TA-Lib starts at the first volume and never moves on no change
            "bollinger.percent_b" => {
                assert!(
                    out.iter().all(|x| x.is_nan()),
                    "{name}: %b of zero-width bands"
                );
                continue;
            }
            _ => 0.0, // changes, ranges, deviations, slopes; oscillators at TA-Lib's 0 for 0/0
        };
        let first = first.unwrap_or_else(|| panic!("{name}: no value on {len} bars"));
        for (i, &got) in out.iter().enumerate().skip(first) {
            assert_close(&format!("{name}[{i}] of a flat series"), got, want, 1e-15);
        }
    }
}

/// A bad value (NaN, +-inf) at the first or the last bar: NaN there, and the other bars are
/// the indicator of the rest alone (the crate's NaN policy), for every indicator and line.
#[test]
fn bad_value_at_the_first_or_last_bar() {
    let b = walk(80, 5);
    let n = 6;
    let clean = |bars: &Bars| all_lines(bars, n).unwrap();
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        for field in 0..4 {
            for at_end in [false, true] {
                let mut broken = b.clone();
                let i = if at_end { b.len() - 1 } else { 0 };
                [
                    &mut broken.high,
                    &mut broken.low,
                    &mut broken.close,
                    &mut broken.volume,
                ][field][i] = bad;
                let whole = all_lines(&broken, n).unwrap();
                let rest = if at_end {
                    clean(&b.slice(0, b.len() - 1))
                } else {
                    clean(&b.slice(1, b.len()))
                };
                let reads = |name: &str| match field {
                    0 | 1 => {
                        !matches!(
                            name,
                            "sma"
                                | "ema"
                                | "rma"
                                | "wma"
                                | "dema"
                                | "tema"
                                | "kama"
                                | "rsi"
                                | "roc"
                                | "momentum"
                                | "trix"
                                | "stddev"
                                | "highest"
                                | "lowest"
                                | "linreg_slope"
                                | "obv"
                        ) && !name.starts_with("macd")
                            && !name.starts_with("bollinger")
                            && !name.starts_with("stoch_rsi")
                    }
                    2 => !name.starts_with("donchian"),
                    _ => name == "obv" || name == "mfi",
                };
                for ((name, _, got), (_, _, want)) in whole.iter().zip(&rest) {
                    if !reads(name) {
                        continue;
                    }
                    let what = format!("{name} with {bad} in column {field} at bar {i}");
                    assert!(got[i].is_nan(), "{what}: {}", got[i]);
                    let others = if at_end { &got[..i] } else { &got[1..] };
                    assert_eq!(others.len(), want.len(), "{what}");
                    for (j, (g, w)) in others.iter().zip(want).enumerate() {
                        assert!(
                            g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()),
                            "{what}: bar {j} of the rest: {g} vs {w} alone"
                        );
                    }
                }
            }
        }
    }
}

/// Prices times 1e30, 1e-30, 1e150 and 1e-150 (volume unchanged): price-unit lines scale by
/// the same factor, oscillators, percentages and ratios do not change, to 1e-9 relative
/// (absolute 1e-9 of the line's scale near zero). 1e+-150 is the edge of the documented range of
/// the standard deviation (its squared deviations must stay normal floating-point numbers).
#[test]
fn huge_and_tiny_magnitudes() {
    let b = walk(300, 9);
    for n in [2usize, 7, 20] {
        let base = all_lines(&b, n).unwrap();
        for s in [1e30, 1e-30, 1e150, 1e-150] {
            let scaled = all_lines(&b.scaled(s), n).unwrap();
            for ((name, unit, a), (_, _, z)) in base.iter().zip(&scaled) {
                let f = if *unit == Unit::Price { s } else { 1.0 };
                let abs = 1e-9 * f * largest(a);
                for (i, (x, y)) in a.iter().zip(z).enumerate() {
                    assert!(
                        close_to(x * f, *y, 1e-9, abs),
                        "{name}({n}) at {i}, prices x {s:e}: {} vs {y}",
                        x * f
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// API contract (issue 4): names and shapes code outside the crate relies on
// ---------------------------------------------------------------------------------------------

/// The signatures of the API contract, pinned as function-pointer types (a rename or a
/// changed parameter list fails to compile), and the field names of the multi-line outputs
/// (destructured without `..`), each of the input's length.
#[test]
fn api_contract_names_and_shapes() {
    type Hlcn = fn(&[f64], &[f64], &[f64], usize) -> Out;
    let singles: [(&str, SingleFn); 13] = [
        ("sma", sma),
        ("ema", ema),
        ("wma", wma),
        ("dema", dema),
        ("tema", tema),
        ("kama", kama),
        ("rsi", rsi),
        ("roc", roc),
        ("momentum", momentum),
        ("trix", trix),
        ("stddev", stddev),
        ("highest", highest),
        ("lowest", lowest),
    ];
    let hlcs: [(&str, Hlcn); 4] = [
        ("atr", atr),
        ("natr", natr),
        ("williams_r", williams_r),
        ("cci", cci),
    ];
    let tr: fn(&[f64], &[f64], &[f64]) -> Out = true_range;
    type Hlcvn = fn(&[f64], &[f64], &[f64], &[f64], usize) -> Out;
    let mf: Hlcvn = mfi;
    let ob: fn(&[f64], &[f64]) -> chartist::Result<Vec<f64>> = obv;
    type Hlc3n = fn(&[f64], &[f64], &[f64], usize, usize, usize) -> Out;
    let uo: Hlc3n = ultimate_oscillator;
    let b = walk(100, 3);
    let (h, l, c, v) = (&b.high[..], &b.low[..], &b.close[..], &b.volume[..]);
    let len = b.len();
    for (name, f) in singles {
        assert_eq!(f(c, 10).unwrap().len(), len, "{name}");
    }
    for (name, f) in hlcs {
        assert_eq!(f(h, l, c, 10).unwrap().len(), len, "{name}");
    }
    assert_eq!(tr(h, l, c).unwrap().len(), len);
    assert_eq!(mf(h, l, c, v, 10).unwrap().len(), len);
    assert_eq!(ob(c, v).unwrap().len(), len);
    assert_eq!(uo(h, l, c, 7, 14, 28).unwrap().len(), len);

    let MacdOutput {
        macd: m,
        signal,
        histogram,
    } = macd(c, 12, 26, 9).unwrap();
    let BollingerOutput {
        upper,
        middle,
        lower,
        percent_b,
        bandwidth,
    } = bollinger(c, 20, 2.0).unwrap();
    let StochasticOutput { k: sk, d: sd } = stochastic(h, l, c, 14, 3, 3).unwrap();
    let StochasticOutput { k: fk, d: fd } = stochastic_fast(h, l, c, 14, 3).unwrap();
    let StochRsiOutput { k: rk, d: rd } = stoch_rsi(c, 14, 14, 3).unwrap();
    let AdxOutput {
        adx: a,
        plus_di,
        minus_di,
    } = adx(h, l, c, 14).unwrap();
    for line in [
        &m, &signal, &histogram, &upper, &middle, &lower, &percent_b, &bandwidth, &sk, &sd, &fk,
        &fd, &rk, &rd, &a, &plus_di, &minus_di,
    ] {
        assert_eq!(line.len(), len);
    }
    // KAMA is fixed at fast 2, slow 30 (TA-Lib): on a straight line (efficiency 1) each step
    // closes (2/3)^2 of the gap to the price.
    let line: Vec<f64> = (0..12).map(f64::from).collect();
    let k = kama(&line, 4).unwrap();
    let sc = (2.0f64 / 3.0).powi(2);
    for i in 5..12 {
        let want = k[i - 1] + sc * (line[i] - k[i - 1]);
        assert_close(&format!("kama[{i}]"), k[i], want, 1e-12);
    }
}

// ---------------------------------------------------------------------------------------------
// Signals on real indicator lines
// ---------------------------------------------------------------------------------------------

/// On IWM daily and weekly: MACD/signal crossings are exactly the zero crossings of the
/// histogram (`a > b` exactly when `a - b > 0`), every zone count is the length of the run of
/// bars in that zone, and every divergence is two consecutive swing points of the same kind
/// whose price and RSI move as its kind says.
#[test]
fn signals_on_real_lines_follow_their_definitions() {
    let Some(dir) = data_dir() else { return };
    let daily = load(&dir.join("market/daily/IWM.csv"));
    let weekly = resample(&daily, Timeframe::Weekly).expect("weekly").series;
    for s in [&daily, &weekly] {
        let c = s.close();
        let m = macd(c, 12, 26, 9).unwrap();
        let lines = crossovers(&m.macd, &m.signal).unwrap();
        assert!(lines.len() > 20);
        assert_eq!(lines, level_crossovers(&m.histogram, 0.0).unwrap());

        let r = rsi(c, 14).unwrap();
        let t = ZoneThresholds::rsi();
        let z = zone(&r, t).unwrap();
        let mut overbought = 0;
        for (i, state) in z.iter().enumerate() {
            let Some(state) = state else {
                assert!(r[i].is_nan());
                continue;
            };
            let run = (0..=i)
                .rev()
                .take_while(|&j| t.classify(r[j]) == Some(state.zone))
                .count();
            assert_eq!(state.bars, run, "bar {i}");
            overbought += usize::from(state.zone == Zone::Overbought);
        }
        assert!(overbought > 0);

        for width in [3usize, 5] {
            let config = DivergenceConfig::default().pivot_width(width);
            let found = divergences(c, &r, config).unwrap();
            let swings = swing_points(c, width).unwrap();
            assert!(!found.is_empty(), "no divergence on {} bars", c.len());
            for d in &found {
                assert!(d.first < d.second && d.confirmed == d.second + width);
                let gap = d.second - d.first;
                assert!((config.min_distance..=config.max_distance).contains(&gap));
                assert_eq!(d.price, (c[d.first], c[d.second]));
                assert_eq!(d.oscillator, (r[d.first], r[d.second]));
                let kind = match d.kind {
                    DivergenceKind::Bullish | DivergenceKind::HiddenBullish => SwingKind::Low,
                    DivergenceKind::Bearish | DivergenceKind::HiddenBearish => SwingKind::High,
                };
                // Both ends are swing points of that kind, with no swing of that kind (whose
                // RSI is known) between them.
                let of_kind: Vec<usize> = swings
                    .iter()
                    .filter(|p| p.kind == kind && r[p.pivot].is_finite())
                    .map(|p| p.pivot)
                    .collect();
                let a = of_kind
                    .iter()
                    .position(|&p| p == d.first)
                    .expect("first is a swing");
                assert_eq!(of_kind.get(a + 1), Some(&d.second), "consecutive swings");
                let (p0, p1) = d.price;
                let (o0, o1) = d.oscillator;
                let ok = match d.kind {
                    DivergenceKind::Bullish => p1 < p0 && o1 > o0,
                    DivergenceKind::HiddenBullish => p1 > p0 && o1 < o0,
                    DivergenceKind::Bearish => p1 > p0 && o1 < o0,
                    DivergenceKind::HiddenBearish => p1 < p0 && o1 > o0,
                };
                assert!(ok, "{d:?}");
            }
            // Hidden ones are reported too, and only they disappear without them.
            let regular = divergences(c, &r, config.include_hidden(false)).unwrap();
            let hidden = |d: &&chartist::signals::Divergence| {
                matches!(
                    d.kind,
                    DivergenceKind::HiddenBullish | DivergenceKind::HiddenBearish
                )
            };
            assert!(found.iter().any(|d| hidden(&d)));
            let expected: Vec<_> = found.iter().filter(|d| !hidden(d)).copied().collect();
            assert_eq!(regular, expected);
        }
    }
}
