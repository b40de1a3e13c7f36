//! # chartist
//!
//! Market technical analysis for Rust: validated price series, TA-Lib-exact indicators that run
//! both bar by bar and over slices, relative strength and sector rotation, range-breakout
//! detection, breadth and performance statistics.
//!
//! It answers, in a few lines each and with documented definitions: *how did A do against B
//! over any period; is the A/B ratio line rising or at a new high; which sectors lead, weaken,
//! lag or improve; was there a consolidation range, when did price break out of it, did the
//! breakout hold and what does the measured move project; is momentum overbought, for how long,
//! and is it diverging; is participation broad or narrow?*
//!
//! ## Did small caps break out and outperform?
//!
//! ```
//! use chartist::{breakout, indicators, relative, sample, series};
//!
//! let story = sample::story(42); // synthetic data; use series::read_csv for your own files
//! let (small, large) = (&story.small_caps, &story.benchmark);
//! let as_of = sample::end_date();
//!
//! let ytd = series::ytd(small, as_of)?.value - series::ytd(large, as_of)?.value;
//! let ratio = relative::RatioLine::new(small, large)?;
//! let weekly = series::resample(small, series::Timeframe::Weekly)?.series;
//! let scan = breakout::scan_series(&weekly, &breakout::BreakoutConfig::default())?;
//! let rsi = indicators::rsi(small.close(), 14)?;
//!
//! println!("YTD lead {:+.1} pp, ratio {:.3}", 100.0 * ytd, ratio.values()[ratio.values().len() - 1]);
//! println!("position vs range: {:?}, RSI {:.1}", scan.position(), rsi[rsi.len() - 1]);
//! # assert!(ytd > 0.0);
//! # assert_eq!(scan.position(), Some(breakout::Position::Above));
//! # Ok::<(), chartist::Error>(())
//! ```
//!
//! ## Map of the crate
//!
//! Data flows one way: input → validated series → indicators → signals and events → reports.
//!
//! | module | what it answers |
//! | --- | --- |
//! | [`series`] | validated OHLCV series, CSV, alignment by date, [`series::Panel`] of many symbols, resampling, returns (YTD, between dates, trailing, calendar table) |
//! | [`indicators`] | moving averages, momentum, volatility and volume indicators; each a streaming type and a batch function giving the same numbers (to within 1e-12) |
//! | [`signals`] | overbought/oversold zones and their duration, crossovers, divergences |
//! | [`relative`] | ratio lines, relative performance, Mansfield/Dorsey RS, RS rating, rotation graph, beta and capture, outperformance streaks, leadership tables |
//! | [`breakout`] | consolidation ranges, breakout events with confirmation, failure and targets, channels, squeezes |
//! | [`breadth`] | participation across a universe: % above average, advance/decline, McClellan, new highs/lows, thrust |
//! | [`performance`] | return and risk statistics, drawdowns, XIRR, dollar-cost averaging vs lump sum |
//! | [`screen`] | market-cap size buckets and quality screens on your fundamentals |
//! | [`sample`] | deterministic synthetic data for examples and tests |
//! | [`conventions`] | the rules every function follows: time, alignment, warm-up, NaN, errors, references |
//!
//! ## Coming from TA-Lib, pandas-ta or `ta`
//!
//! | TA-Lib | pandas-ta | `ta` crate | chartist |
//! | --- | --- | --- | --- |
//! | `SMA`, `EMA`, `WMA`, `DEMA`, `TEMA`, `KAMA` | `sma`, `ema`, `wma`, `dema`, `tema`, `kama` | `SimpleMovingAverage`, `ExponentialMovingAverage` | [`indicators::sma`], [`indicators::ema`], [`indicators::wma`], [`indicators::dema`], [`indicators::tema`], [`indicators::kama`]; Wilder's average is [`indicators::rma`] |
//! | `RSI` | `rsi` | `RelativeStrengthIndex` (not Wilder's seeding) | [`indicators::rsi`] / [`indicators::Rsi`] |
//! | `MACD` | `macd` | `MovingAverageConvergenceDivergence` | [`indicators::macd`] (`.macd`, `.signal`, `.histogram`) |
//! | `BBANDS` | `bbands` | `BollingerBands` | [`indicators::bollinger`] (population σ, plus %b and bandwidth) |
//! | `STOCH`, `STOCHF`, `STOCHRSI` | `stoch`, `stochrsi` | `SlowStochastic`, `FastStochastic` | [`indicators::stochastic`], [`indicators::stochastic_fast`], [`indicators::stoch_rsi`] |
//! | `ATR`, `NATR`, `TRANGE` | `atr`, `natr`, `true_range` | `AverageTrueRange`, `TrueRange` | [`indicators::atr`], [`indicators::natr`], [`indicators::true_range`] |
//! | `ADX`, `PLUS_DI`, `MINUS_DI` | `adx` | — | [`indicators::adx`] (`.adx`, `.plus_di`, `.minus_di`) |
//! | `CCI`, `MFI`, `WILLR`, `ULTOSC`, `OBV` | `cci`, `mfi`, `willr`, `uo`, `obv` | `CommodityChannelIndex`, `MoneyFlowIndex`, `OnBalanceVolume` | [`indicators::cci`], [`indicators::mfi`], [`indicators::williams_r`], [`indicators::ultimate_oscillator`], [`indicators::obv`] |
//! | `ROC`, `MOM`, `TRIX`, `STDDEV`, `MAX`, `MIN`, `LINEARREG_SLOPE` | `roc`, `mom`, `trix`, `stdev`, — , — , `slope` | `RateOfChange`, `StandardDeviation`, `Maximum`, `Minimum` | [`indicators::roc`], [`indicators::momentum`], [`indicators::trix`], [`indicators::stddev`], [`indicators::highest`], [`indicators::lowest`], [`indicators::linreg_slope`] |
//! | `BETA`, `CORREL` (TA-Lib's `BETA(x, y)` regresses its *first* argument on the second) | — | — | [`relative::beta()`] (asset first, benchmark second) |
//! | — | `donchian`, `kc` | `KeltnerChannel` | [`indicators::donchian`], [`indicators::donchian_prior`], [`indicators::keltner`] |
//!
//! Output lengths equal input lengths (NaN during warm-up) and the first value lands at exactly
//! TA-Lib's index, so results line up with pandas columns and TA-Lib arrays row for row.
#![deny(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod error;

pub mod breadth;
pub mod breakout;
pub mod conventions;
pub mod indicators;
pub mod performance;
pub mod relative;
pub mod sample;
pub mod screen;
pub mod series;
pub mod signals;

pub use error::{At, Error, Result, Row, MAX_PERIOD};

/// The README's code blocks, compiled and run as doctests. Private: it exists only under
/// `cfg(doctest)` and is no part of the public API (rustdoc runs private items' doctests too).
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
#[allow(dead_code)]
struct ReadmeDoctests;
