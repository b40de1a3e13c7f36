//! Deterministic **synthetic** sample data, so examples and doctests run with no files.
//!
//! Nothing here is market data: every series is generated from a seeded pseudo-random number
//! generator (SplitMix64) and a short script of regimes, so the same seed gives the same bars
//! on every machine. The shapes mimic the situations chartist is built to detect: a long
//! trading range followed by a breakout, a benchmark that lags, and sectors that rotate.
//!
//! ```
//! use chartist::sample;
//!
//! let story = sample::story(42);
//! assert_eq!(story.small_caps.symbol(), "SMALL");
//! assert_eq!(story.benchmark.len(), story.small_caps.len());
//! assert_eq!(story.sectors.len(), 11);
//! // Same seed, same data.
//! assert_eq!(sample::story(42).small_caps.close(), story.small_caps.close());
//! ```

use chrono::{Datelike, NaiveDate, Weekday};

use crate::series::{midnight, Bar, PriceSeries};

/// SplitMix64: a small, fast, well-distributed generator (Steele, Lea & Flood, 2014).
///
/// ```
/// use chartist::sample::SampleRng;
/// let (mut a, mut b) = (SampleRng::new(7), SampleRng::new(7));
/// assert_eq!(a.next_u64(), b.next_u64()); // same seed, same stream
/// let u = a.uniform();
/// assert!((0.0..1.0).contains(&u));
/// ```
#[derive(Debug, Clone)]
pub struct SampleRng(u64);

impl SampleRng {
    /// A generator from a seed.
    ///
    /// ```
    /// use chartist::sample::SampleRng;
    /// assert_ne!(SampleRng::new(1).next_u64(), SampleRng::new(2).next_u64());
    /// ```
    pub fn new(seed: u64) -> Self {
        SampleRng(seed)
    }

    /// The next 64 random bits.
    ///
    /// ```
    /// use chartist::sample::SampleRng;
    /// let mut rng = SampleRng::new(0);
    /// assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF); // SplitMix64's published first value for seed 0
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `[0, 1)`.
    ///
    /// ```
    /// use chartist::sample::SampleRng;
    /// let mut rng = SampleRng::new(42);
    /// let draws: Vec<f64> = (0..10_000).map(|_| rng.uniform()).collect();
    /// assert!(draws.iter().all(|u| (0.0..1.0).contains(u)));
    /// let mean = draws.iter().sum::<f64>() / 10_000.0;
    /// assert!((mean - 0.5).abs() < 0.01);
    /// ```
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A standard normal number (Box–Muller).
    ///
    /// ```
    /// use chartist::sample::SampleRng;
    /// let mut rng = SampleRng::new(42);
    /// let draws: Vec<f64> = (0..10_000).map(|_| rng.normal()).collect();
    /// let mean = draws.iter().sum::<f64>() / 10_000.0;
    /// let var = draws.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / 10_000.0;
    /// assert!(mean.abs() < 0.05 && (var - 1.0).abs() < 0.05);
    /// ```
    pub fn normal(&mut self) -> f64 {
        let u1 = self.uniform().max(1e-300);
        let u2 = self.uniform();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// The most elements reserved up front for a requested length (a larger request grows as it
/// is filled, so an absurd `n` cannot fail the allocation before the calendar runs out).
const RESERVE_LIMIT: usize = 1 << 16;

/// `n` consecutive weekdays (Monday–Friday) starting at `start` (or the next weekday after it).
/// Sample data ignore exchange holidays.
///
/// ```
/// use chrono::NaiveDate;
/// let d = chartist::sample::weekdays(NaiveDate::from_ymd_opt(2026, 1, 16).unwrap(), 2);
/// assert_eq!(d[1], NaiveDate::from_ymd_opt(2026, 1, 19).unwrap()); // Friday, then Monday
/// ```
pub fn weekdays(start: NaiveDate, n: usize) -> Vec<NaiveDate> {
    // The calendar ends before `n` can be reached for huge `n`: reserve lazily.
    let mut out = Vec::with_capacity(n.min(RESERVE_LIMIT));
    let mut d = start;
    while out.len() < n {
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            out.push(d);
        }
        match d.succ_opt() {
            Some(next) => d = next,
            None => break,
        }
    }
    out
}

/// `n` weekdays ending at `end` (inclusive, or the last weekday before it).
///
/// ```
/// use chrono::NaiveDate;
/// let d = chartist::sample::weekdays_ending(NaiveDate::from_ymd_opt(2026, 1, 18).unwrap(), 2);
/// assert_eq!(d[1], NaiveDate::from_ymd_opt(2026, 1, 16).unwrap()); // Sunday -> Friday
/// ```
pub fn weekdays_ending(end: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let mut out = Vec::with_capacity(n.min(RESERVE_LIMIT));
    let mut d = end;
    while out.len() < n {
        if !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
            out.push(d);
        }
        match d.pred_opt() {
            Some(prev) => d = prev,
            None => break,
        }
    }
    out.reverse();
    out
}

/// One stretch of a generated path.
///
/// ```
/// use chartist::sample::{end_date, generate, Regime};
/// let s = generate("X", 1, 100.0, end_date(), &[
///     Regime::Range { low: 95.0, high: 105.0, vol: 0.01, bars: 200 },
/// ]);
/// assert_eq!(s.len(), 200);
/// assert!(s.close().iter().all(|&c| (95.0..=105.0).contains(&c))); // reflected at the edges
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Regime {
    /// A trend: daily log drift and volatility, for `bars` bars.
    Trend {
        /// Mean daily log return.
        drift: f64,
        /// Daily log-return standard deviation.
        vol: f64,
        /// Length in bars.
        bars: usize,
    },
    /// A trading range: price mean-reverts towards the middle of `[low, high]` and is
    /// reflected at the edges, for `bars` bars.
    Range {
        /// Range floor.
        low: f64,
        /// Range ceiling.
        high: f64,
        /// Daily log-return standard deviation.
        vol: f64,
        /// Length in bars.
        bars: usize,
    },
}

impl Regime {
    fn bars(&self) -> usize {
        match *self {
            Regime::Trend { bars, .. } | Regime::Range { bars, .. } => bars,
        }
    }
}

/// Generates a daily OHLCV series from a start price and a script of regimes, on weekdays
/// ending at `end`.
///
/// Closes follow the regimes; each bar's open gaps from the previous close by a small
/// random amount, high and low extend beyond the body by random fractions of the day's
/// volatility, and volume is log-normal around `1e6`, higher on large moves.
///
/// ```
/// use chartist::sample::{end_date, generate, Regime};
/// let s = generate("X", 1, 100.0, end_date(), &[
///     Regime::Trend { drift: 0.001, vol: 0.01, bars: 50 },
///     Regime::Range { low: 95.0, high: 110.0, vol: 0.01, bars: 50 },
/// ]);
/// assert_eq!(s.len(), 100);
/// assert_eq!(s.last().date(), end_date());
/// ```
pub fn generate(
    symbol: &str,
    seed: u64,
    start_price: f64,
    end: NaiveDate,
    regimes: &[Regime],
) -> PriceSeries {
    let n: usize = regimes
        .iter()
        .map(Regime::bars)
        .fold(0usize, usize::saturating_add)
        .max(1);
    let dates = weekdays_ending(end, n);
    // The calendar may hold fewer weekdays than requested (huge `n`, `end` near its start).
    let n = n.min(dates.len());
    let mut rng = SampleRng::new(seed);
    let mut closes = Vec::with_capacity(n);
    let mut vols = Vec::with_capacity(n);
    let mut p = start_price.max(1e-6);
    for r in regimes {
        for _ in 0..r.bars().min(n - closes.len()) {
            match *r {
                Regime::Trend { drift, vol, .. } => {
                    p *= (drift + vol * rng.normal()).exp();
                    vols.push(vol);
                }
                Regime::Range { low, high, vol, .. } => {
                    let mid = 0.5 * (low + high);
                    let pull = 0.05 * (mid / p).ln();
                    p *= (pull + vol * rng.normal()).exp();
                    if p > high {
                        p = high - (p - high).min(0.5 * (high - low));
                    }
                    if p < low {
                        p = low + (low - p).min(0.5 * (high - low));
                    }
                    vols.push(vol);
                }
            }
            closes.push(p);
        }
    }
    if closes.is_empty() {
        closes.push(p);
        vols.push(0.01);
    }
    let mut bars = Vec::with_capacity(n);
    let mut prev = start_price.max(1e-6);
    for ((d, &c), &v) in dates.iter().zip(&closes).zip(&vols) {
        let open = prev * (0.25 * v * rng.normal()).exp();
        let body_hi = open.max(c);
        let body_lo = open.min(c);
        let high = body_hi * (1.0 + 0.5 * v * rng.uniform());
        let low = body_lo * (1.0 - 0.5 * v * rng.uniform());
        let move_size = (c / prev).ln().abs() / v.max(1e-9);
        let volume = (1e6 * (0.3 * rng.normal()).exp() * (1.0 + 0.5 * move_size)).round();
        bars.push(Bar::new(midnight(*d), open, high, low, c, volume));
        prev = c;
    }
    // Generated bars satisfy every invariant by construction.
    PriceSeries::from_bars(symbol, bars).unwrap_or_else(|_| {
        PriceSeries::from_daily_closes(symbol, &[end], vec![start_price.max(1e-6)])
            .unwrap_or_else(|_| unreachable_series())
    })
}

fn unreachable_series() -> PriceSeries {
    // A one-bar series at a fixed date: only reached if generation produced invalid bars,
    // which the construction above rules out.
    PriceSeries::from_parts_unchecked(
        "SAMPLE".into(),
        Default::default(),
        vec![midnight(NaiveDate::MIN)],
        vec![1.0],
        vec![1.0],
        vec![1.0],
        vec![1.0],
        vec![0.0],
        false,
        false,
    )
}

/// The synthetic counterpart of the story chartist grew out of.
///
/// ```
/// use chartist::sample::{end_date, story};
/// let s = story(42);
/// assert_eq!((s.small_caps.symbol(), s.benchmark.symbol()), ("SMALL", "BENCH"));
/// assert!(s.sectors.iter().all(|x| x.symbol().starts_with("S_")));
/// assert_eq!(s.benchmark.last().date(), end_date());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Story {
    /// `SMALL`: rallies, then spends about three and a half years in a trading range between
    /// roughly 170 and 243, breaks out upward in autumn 2025 and runs into January 2026.
    pub small_caps: PriceSeries,
    /// `BENCH`: a steadier uptrend that lags `SMALL` after the breakout.
    pub benchmark: PriceSeries,
    /// Eleven sector series (`S_ENERGY`, `S_FINANCIALS`, ...) whose leadership rotates:
    /// cyclicals lead into 2026, defensives lag.
    pub sectors: Vec<PriceSeries>,
}

/// The last date of the sample data: Friday 16 January 2026.
///
/// ```
/// assert_eq!(chartist::sample::end_date().to_string(), "2026-01-16");
/// ```
pub fn end_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 16).unwrap_or(NaiveDate::MIN)
}

/// Generates the [`Story`]: about 7 years of weekday bars ending on [`end_date`].
///
/// ```
/// let s = chartist::sample::story(42);
/// assert_eq!(s.small_caps.last().date(), chartist::sample::end_date());
/// assert!(s.sectors.iter().all(|x| x.len() == s.benchmark.len()));
/// ```
pub fn story(seed: u64) -> Story {
    let end = end_date();
    let small_caps = generate(
        "SMALL",
        seed,
        150.0,
        end,
        &[
            Regime::Trend {
                drift: 0.0009,
                vol: 0.016,
                bars: 640,
            },
            Regime::Range {
                low: 172.0,
                high: 241.0,
                vol: 0.015,
                bars: 930,
            },
            Regime::Trend {
                drift: 0.0022,
                vol: 0.012,
                bars: 60,
            },
            Regime::Range {
                low: 247.0,
                high: 262.0,
                vol: 0.010,
                bars: 45,
            },
            Regime::Trend {
                drift: 0.0045,
                vol: 0.011,
                bars: 10,
            },
        ],
    );
    let n = small_caps.len();
    let benchmark = generate(
        "BENCH",
        seed ^ 0xBE7C,
        300.0,
        end,
        &[Regime::Trend {
            drift: 0.00045,
            vol: 0.010,
            bars: n,
        }],
    );
    let names = [
        ("S_ENERGY", 0.0009),
        ("S_FINANCIALS", 0.0008),
        ("S_INDUSTRIALS", 0.0007),
        ("S_DISCRETIONARY", 0.0006),
        ("S_MATERIALS", 0.0005),
        ("S_TECHNOLOGY", 0.0004),
        ("S_COMMUNICATION", 0.0003),
        ("S_HEALTH_CARE", 0.0002),
        ("S_REAL_ESTATE", 0.0001),
        ("S_STAPLES", 0.0),
        ("S_UTILITIES", -0.0001),
    ];
    let sectors = names
        .iter()
        .enumerate()
        .map(|(k, (name, late_drift))| {
            let early = n.saturating_sub(120);
            generate(
                name,
                seed.wrapping_add(1000 + k as u64),
                50.0 + 10.0 * k as f64,
                end,
                &[
                    Regime::Trend {
                        drift: 0.0004 - 0.5 * late_drift,
                        vol: 0.013,
                        bars: early,
                    },
                    Regime::Trend {
                        drift: *late_drift,
                        vol: 0.012,
                        bars: n - early,
                    },
                ],
            )
        })
        .collect();
    Story {
        small_caps,
        benchmark,
        sectors,
    }
}

/// A plain geometric random walk of `n` weekday bars ending on [`end_date`] (daily drift and
/// volatility of log returns as given). Handy for tests and benchmarks.
///
/// ```
/// let s = chartist::sample::random_walk("X", 7, 1_000, 100.0, 0.0, 0.01);
/// assert_eq!(s.len(), 1_000);
/// ```
pub fn random_walk(
    symbol: &str,
    seed: u64,
    n: usize,
    start_price: f64,
    drift: f64,
    vol: f64,
) -> PriceSeries {
    generate(
        symbol,
        seed,
        start_price,
        end_date(),
        &[Regime::Trend {
            drift,
            vol,
            bars: n.max(1),
        }],
    )
}
