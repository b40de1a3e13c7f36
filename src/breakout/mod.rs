//! Consolidation ranges, breakouts, channels and volatility compression.
//!
//! "The Russell 2000 broke out of a years-long trading range": this module finds the range,
//! dates the breakout, says whether it held and projects a target, on any `f64` series (a
//! price, an index, a relative-strength ratio line) with optional highs, lows and volume.
//!
//! * **Ranges and breakout events**: [`scan`] / [`scan_series`] (batch) and
//!   [`BreakoutDetector`] (streaming, bar by bar, no look-ahead; the batch scan runs the same
//!   code, and every breakout records the bar at which each state change became known, so
//!   [`Breakout::as_of`] reproduces what a live run saw). Configure with [`BreakoutConfig`];
//!   its defaults and where they come from are in its docs.
//! * **Channels and extremes**: [`donchian_breakouts`] against the prior `n` bars,
//!   [`new_extremes`] for 52-week ([`Lookback::WEEKS_52`]) and all-time highs and lows.
//! * **Volatility compression**: [`bandwidth_squeeze`] (Bollinger bandwidth at an N-bar low or
//!   percentile), [`ttm_squeeze`] (Bollinger inside Keltner, with on/off bars),
//!   [`narrow_range`] (NR4/NR7), [`inside_bars`] and [`darvas_boxes`].
//!
//! Indicators (ATR, true range, Bollinger, Keltner, Donchian, SMA) come from
//! [`crate::indicators`].
//!
//! ```
//! use chartist::breakout::{scan_series, BreakoutConfig, Position};
//! use chartist::series::{resample, Timeframe};
//!
//! let story = chartist::sample::story(42);
//! let weekly = resample(&story.small_caps, Timeframe::Weekly)?.series;
//! let found = scan_series(&weekly, &BreakoutConfig::default())?;
//! if let Some(b) = found.latest_breakout() {
//!     println!("{:?} breakout of {:.2} on {:?}: {:?}, target {:.2}",
//!              b.direction, b.level, b.bar.date(), b.state, b.target);
//! }
//! # Ok::<(), chartist::Error>(())
//! ```

mod channels;
mod compression;
mod detector;
mod vol;

pub use channels::{donchian_breakouts, new_extremes, ChannelBreak, Lookback, NewExtreme};
pub use compression::{
    bandwidth_squeeze, darvas_boxes, inside_bars, narrow_range, ttm_squeeze, DarvasBox, Squeeze,
    SqueezeConfig,
};
pub use detector::{
    scan, scan_many, scan_series, BarInput, BarRef, Breakout, BreakoutConfig, BreakoutDetector,
    BreakoutState, ConfirmRule, Direction, Event, EventKind, Input, Position, Range, RangeBasis,
    Scan, WidthLimit,
};
