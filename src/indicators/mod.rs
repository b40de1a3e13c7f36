//! Technical indicators, each with a streaming type and a batch function.
//!
//! Every indicator is defined once and can be driven two ways:
//!
//! * **Batch**, over plain slices: `rsi(&closes, 14)?` returns a `Vec<f64>` of the input's
//!   length, NaN during warm-up, with the first value at exactly TA-Lib's index; the hot ones
//!   also have `*_into` variants that write into a caller's buffer ([`sma_into`], [`ema_into`],
//!   [`rma_into`], [`rsi_into`], [`macd_into`], [`stddev_into`], [`bollinger_into`],
//!   [`bollinger_bands_into`], [`highest_into`], [`lowest_into`], [`true_range_into`],
//!   [`atr_into`], [`adx_into`], [`williams_r_into`], [`cci_into`], [`mfi_into`],
//!   [`ultimate_oscillator_into`]). Slices come from anywhere: a
//!   [`PriceSeries`](crate::series::PriceSeries) column, a [`Panel`](crate::series::Panel) row,
//!   a ratio line, your own `Vec`.
//! * **Streaming**, one bar at a time: `Rsi::new(14)?` then
//!   [`update`](Indicator::update) per bar (O(1), no allocation), [`peek`](Indicator::peek)
//!   for "what if this bar closed here", [`reset`](Indicator::reset) and
//!   [`lookback`](Indicator::lookback). The streaming output for input `i` equals the batch
//!   output at index `i` (property-tested).
//!
//! | family | batch functions | streaming types | reference |
//! | --- | --- | --- | --- |
//! | moving averages | [`sma`], [`ema`], [`wma`], [`dema`], [`tema`], [`kama`], [`rma`] | [`Sma`], [`Ema`], [`Wma`], [`Dema`], [`Tema`], [`Kama`], [`Rma`] | TA-Lib SMA/EMA/WMA/DEMA/TEMA/KAMA; Wilder |
//! | momentum | [`rsi`], [`roc`], [`momentum`], [`trix`], [`macd`], [`stoch_rsi`] | [`Rsi`], [`Roc`], [`Momentum`], [`Trix`], [`Macd`], [`StochRsi`] | TA-Lib RSI/ROC/MOM/TRIX/MACD/STOCHRSI |
//! | oscillators | [`stochastic`], [`stochastic_fast`], [`williams_r`], [`cci`], [`mfi`], [`ultimate_oscillator`] | [`Stochastic`], [`StochasticFast`], [`WilliamsR`], [`Cci`], [`Mfi`], [`UltimateOscillator`] | TA-Lib STOCH/STOCHF/WILLR/CCI/MFI/ULTOSC |
//! | trend | [`adx`], [`adx_with`], [`adx_into`], [`linreg_slope`] | [`Adx`], [`LinRegSlope`] | TA-Lib ADX/PLUS_DI/MINUS_DI (or StockCharts seeding), LINEARREG_SLOPE |
//! | volatility | [`true_range`], [`atr`], [`atr_with`] (TA-Lib or StockCharts seeding), [`natr`], [`stddev`], [`bollinger`], [`bollinger_bands_into`] (the three bands alone) | [`TrueRange`], [`Atr`], [`Natr`], [`StdDev`], [`Bollinger`] | TA-Lib TRANGE/ATR/NATR/STDDEV/BBANDS (or ChartSchool's ATR seeding) |
//! | channels and extremes | [`keltner`], [`donchian`], [`donchian_prior`], [`highest`], [`lowest`] | [`Keltner`], [`Donchian`], [`Highest`], [`Lowest`] | ChartSchool Keltner/Donchian; TA-Lib MAX/MIN |
//! | volume | [`obv`] | [`Obv`] | TA-Lib OBV |
//!
//! Signals built on these (zones, crossovers, divergences) live in [`crate::signals`]. The NaN
//! policy and other rules are on the [`conventions`](crate::conventions) page: in short, a
//! non-finite input splits the series and each finite run is computed on its own.
//!
//! ```
//! use chartist::indicators::{rsi, Indicator, Rsi};
//!
//! let closes = chartist::sample::story(42).small_caps.close().to_vec();
//! let batch = rsi(&closes, 14)?;
//! let mut live = Rsi::new(14)?;
//! let streamed: Vec<f64> = closes.iter().map(|&c| live.update(c).unwrap_or(f64::NAN)).collect();
//! assert_eq!(live.lookback(), 14);
//! assert!(batch[13].is_nan() && !batch[14].is_nan());
//! assert!(batch.iter().zip(&streamed).all(|(a, b)| (a.is_nan() && b.is_nan()) || (a - b).abs() <= 1e-12 * a.abs().max(1.0)));
//! # Ok::<(), chartist::Error>(())
//! ```

mod core;

mod channels;
mod extremes;
mod momentum;
mod moving_average;
mod oscillators;
mod range;
mod regression;
mod trend;
mod volatility;
mod volume;

pub use self::core::{Hlc, Hlcv, Indicator};
pub use channels::*;
pub use extremes::*;
pub use momentum::*;
pub use moving_average::*;
pub use oscillators::*;
pub use range::*;
pub use regression::*;
pub use trend::*;
pub use volatility::*;
pub use volume::*;
